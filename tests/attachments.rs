//! Attachments (附件): the files of an article's folder, and the files an
//! article links to, published beside its page; a link to a missing file is an
//! error at the link; the default theme lists linked files with type and size.

mod common;

use common::{SERVE_BASE, TestSite, assert_same_as_full_build, snapshot_tree};
use jianbao::content::LoadOptions;
use jianbao::serve::rebuild::Rebuilder;

const NOTICE_FRONT: &str = "title: 关于开展冬季消防安全检查的通知\ndate: 2013-11-12\ndistrict: 松江区\ntowns: [洞泾镇]";

const NOTICE_BODY: &str = "各居（村）委会：\n\n为做好今冬明春火灾防控工作，洞泾镇将于11月下旬开展消防安全大检查，\
    为期10天。具体安排见附件。\n\n附件：[检查方案](fujian.pdf)、[报名表](报名表.xlsx)\n";

/// Bytes that stand for a file's content: different for each name, the same every run.
fn bytes(seed: &str, len: usize) -> Vec<u8> {
    seed.bytes().cycle().take(len).collect()
}

fn put(site: &TestSite, rel: &str, content: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, content).expect("write");
}

/// 洞泾镇's notice: a folder with the article, a PDF and a form it links, a
/// video no link names, and the scratch files office software leaves.
fn notice() -> TestSite {
    let site = TestSite::new();
    site.article("2013/11/tongzhi/index.md", NOTICE_FRONT, NOTICE_BODY);
    put(
        &site,
        "content/2013/11/tongzhi/fujian.pdf",
        &bytes("%PDF-1.4 检查方案", 1_258_291),
    );
    put(
        &site,
        "content/2013/11/tongzhi/报名表.xlsx",
        &bytes("PK 报名表", 35 * 1024 + 300),
    );
    put(
        &site,
        "content/2013/11/tongzhi/xianchang.mp4",
        &bytes("ftypisom 演练现场", 4000),
    );
    put(&site, "content/2013/11/tongzhi/~$报名表.xlsx", b"lock");
    put(&site, "content/2013/11/tongzhi/Thumbs.db", b"thumbs");
    site.picture("content/2013/11/tongzhi/beiyong.jpg", 640, 480);
    site
}

#[test]
fn a_notice_publishes_its_files_beside_its_page_and_links_them() {
    let site = notice();
    site.build_ok();
    let folder = site.root().join("content/2013/11/tongzhi");
    for name in ["fujian.pdf", "报名表.xlsx", "xianchang.mp4"] {
        let published = std::fs::read(site.public().join("2013/11/tongzhi").join(name)).expect(name);
        assert_eq!(published, std::fs::read(folder.join(name)).unwrap(), "{name} as it is");
    }
    assert!(
        site.has("2013/11/tongzhi/xianchang.mp4"),
        "a file no link names is published too"
    );
    assert!(!site.has("2013/11/tongzhi/~$报名表.xlsx"), "office's lock file is not");
    assert!(!site.has("2013/11/tongzhi/Thumbs.db"));
    assert!(!site.has("2013/11/tongzhi/index.md"), "nor the article itself");
    assert!(
        !site.has("2013/11/tongzhi/beiyong.jpg"),
        "nor a camera original the article does not show: it may say where it was taken"
    );

    let page = site.read("2013/11/tongzhi/index.html");
    assert!(
        page.contains(
            "附件：<a href=\"/2013/11/tongzhi/fujian.pdf\">检查方案</a>、\
             <a href=\"/2013/11/tongzhi/%E6%8A%A5%E5%90%8D%E8%A1%A8.xlsx\">报名表</a>"
        ),
        "{page}"
    );
    let problems = jianbao::check::check(&jianbao::check::CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    assert!(
        !problems.has_errors(),
        "check finds no broken link:\n{}",
        common::render(&problems)
    );
}

#[test]
fn the_page_lists_linked_files_under_fujian_with_type_and_size() {
    let site = notice();
    site.build_ok();
    let page = site.read("2013/11/tongzhi/index.html");
    let list = page
        .split("<section class=\"attachments\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no list of attachments:\n{page}"));
    assert!(list.contains(">附件</h2>"), "{list}");
    assert!(
        list.contains(
            "<li class=\"attachment attachment-pdf\"><span class=\"attachment-kind\">PDF</span> \
             <a href=\"/2013/11/tongzhi/fujian.pdf\">检查方案</a> <span class=\"attachment-size\">1.2 MB</span></li>"
        ),
        "{list}"
    );
    assert!(
        list.contains("<span class=\"attachment-kind\">Excel</span>")
            && list.contains(">报名表</a> <span class=\"attachment-size\">35 KB</span>"),
        "{list}"
    );
    assert!(
        !list.contains("xianchang.mp4"),
        "only what the article links is listed: {list}"
    );
    let pdf = list.find("检查方案").unwrap();
    assert!(
        pdf < list.find("报名表").unwrap(),
        "in the order the article links them"
    );

    let plain = TestSite::new();
    plain.simple("2013/11/duanxun.md", "洞泾镇开展消防宣传", "2013-11-05");
    plain.build_ok();
    assert!(
        !plain.read("2013/11/duanxun/index.html").contains("attachments"),
        "an article without attachments has no list"
    );
}

#[test]
fn an_article_in_a_shared_folder_publishes_the_files_it_links() {
    let site = TestSite::new();
    site.article(
        "2013/11/tuijin.md",
        "title: 莘庄镇召开“平安社区”建设推进会\ndate: 2013-11-10\ndistrict: 松江区",
        "会议印发了[《实施意见》](../10/shishi.docx)和[会议日程](richeng.pdf)。\n",
    );
    site.simple("2013/11/qita.md", "洞泾镇举办敬老文艺演出", "2013-11-11");
    put(&site, "content/2013/10/shishi.docx", &bytes("PK 实施意见", 20_000));
    put(&site, "content/2013/11/richeng.pdf", &bytes("%PDF 日程", 3000));
    put(&site, "content/2013/11/weilianjie.pdf", &bytes("%PDF 未链接", 100));
    site.build_ok();
    assert!(
        site.has("2013/11/tuijin/shishi.docx"),
        "a file from another folder, under its name"
    );
    assert!(site.has("2013/11/tuijin/richeng.pdf"));
    assert!(!site.has("2013/11/qita/richeng.pdf"), "not beside the neighbour's page");
    assert!(
        !site.has("2013/11/tuijin/weilianjie.pdf") && !site.has("2013/11/qita/weilianjie.pdf"),
        "a shared folder's file no link names is nobody's"
    );
    let page = site.read("2013/11/tuijin/index.html");
    assert!(
        page.contains("<a href=\"/2013/11/tuijin/shishi.docx\">《实施意见》</a>"),
        "{page}"
    );
    assert!(page.contains("<span class=\"attachment-kind\">Word</span>"), "{page}");
}

#[test]
fn a_link_to_a_missing_file_is_an_error_at_the_link_with_the_files_that_are_there() {
    let site = TestSite::new();
    site.article(
        "2013/11/tuijin.md",
        "title: 莘庄镇召开“平安社区”建设推进会\ndate: 2013-11-10\ndistrict: 松江区",
        "会议印发了[《实施意见》](shishi.docx)和[日程](richeng.pdf)。\n\n详见[镇政府网站](www.songjiang.gov.cn)。\n",
    );
    put(&site, "content/2013/11/shishi.docx", &bytes("PK", 100));
    put(&site, "content/2013/11/richen.pdf", &bytes("%PDF", 100));
    let shown = site.build_err();
    assert!(
        shown.contains(
            "content/2013/11/tuijin.md:6:28: error: the link to richeng.pdf points to no file \
             (looked for content/2013/11/richeng.pdf)\n  hint: did you mean richen.pdf?"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "content/2013/11/tuijin.md:8:3: error: the link to www.songjiang.gov.cn points to no file \
             (looked for content/2013/11/www.songjiang.gov.cn)\n  \
             hint: to link a website, write its address in full: https://www.songjiang.gov.cn"
        ),
        "{shown}"
    );
    assert!(!site.public().exists(), "a failed build writes nothing");

    let out = site.run(&["check", "--lang", "zh"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        shown.contains(
            "content/2013/11/tuijin.md:6:28: 错误：链接 richeng.pdf 找不到文件（找的是 content/2013/11/richeng.pdf）\n  \
             提示：可能是想链接 richen.pdf？"
        ),
        "{shown}"
    );
}

#[test]
fn with_no_file_close_the_hint_lists_the_files_of_the_folder() {
    let site = TestSite::new();
    site.article(
        "2013/11/tongzhi/index.md",
        NOTICE_FRONT,
        "附件：[检查方案](jiancha-fangan.pdf)\n",
    );
    put(&site, "content/2013/11/tongzhi/fujian.pdf", &bytes("%PDF", 100));
    put(&site, "content/2013/11/tongzhi/报名表.xlsx", &bytes("PK", 100));
    let shown = site.build_err();
    assert!(
        shown.contains(
            "content/2013/11/tongzhi/index.md:7:4: error: the link to jiancha-fangan.pdf points to no file \
             (looked for content/2013/11/tongzhi/jiancha-fangan.pdf)\n  \
             hint: content/2013/11/tongzhi holds 2 files: fujian.pdf, 报名表.xlsx; a link is relative to this article's folder"
        ),
        "{shown}"
    );
}

#[test]
fn large_files_are_hard_linked_into_the_output_and_small_ones_copied() {
    use std::os::unix::fs::MetadataExt;
    let site = notice();
    site.build_ok();
    let inode = |path: std::path::PathBuf| {
        let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (meta.dev(), meta.ino())
    };
    let source = |name: &str| site.root().join("content/2013/11/tongzhi").join(name);
    let published = |name: &str| site.public().join("2013/11/tongzhi").join(name);
    // The output is beside the site, so on the same file system: a link is possible.
    assert_eq!(
        inode(published("fujian.pdf")),
        inode(source("fujian.pdf")),
        "1.2 MB: linked"
    );
    assert_ne!(
        inode(published("报名表.xlsx")),
        inode(source("报名表.xlsx")),
        "35 KB: copied"
    );

    // A new version of the file is published by the next build.
    std::fs::remove_file(source("fujian.pdf")).unwrap();
    put(
        &site,
        "content/2013/11/tongzhi/fujian.pdf",
        &bytes("%PDF-1.7 修订版", 1_300_000),
    );
    site.build_ok();
    assert_eq!(std::fs::metadata(published("fujian.pdf")).unwrap().len(), 1_300_000);
    assert_eq!(inode(published("fujian.pdf")), inode(source("fujian.pdf")));
    // And a removed one is gone from the output.
    std::fs::remove_file(source("xianchang.mp4")).unwrap();
    site.build_ok();
    assert!(!site.has("2013/11/tongzhi/xianchang.mp4"));
}

#[test]
fn the_output_is_the_same_on_every_build() {
    let site = notice();
    let build_into = |name: &str| {
        let out = site.root().join(name);
        site.build_with(|o| o.output = out.clone())
            .unwrap_or_else(|p| panic!("{}", common::render(&p)));
        snapshot_tree(&out)
    };
    assert_eq!(build_into("one"), build_into("two"));
}

#[test]
fn pages_and_scripts_in_an_articles_folder_are_not_published() {
    let site = notice();
    site.write("content/2013/11/tongzhi/yuanwen.html", "<script>alert(1)</script>");
    site.build_ok();
    assert!(!site.has("2013/11/tongzhi/yuanwen.html"));
    let out = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "content/2013/11/tongzhi/yuanwen.html: warning: a web page or script in an article's folder is not published"
        ),
        "{stderr}"
    );

    site.article(
        "2013/11/tongzhi/index.md",
        NOTICE_FRONT,
        "原文见[网页](yuanwen.html)。\n",
    );
    let shown = site.build_err();
    assert!(
        shown.contains(
            "content/2013/11/tongzhi/index.md:7:4: error: the link to yuanwen.html points to a web page or script"
        ),
        "{shown}"
    );
    assert!(
        !shown.contains("warning: a web page or script"),
        "a file a link names is spoken of once, at the link: {shown}"
    );
}

#[test]
fn a_subfolder_is_published_with_the_article_unless_it_is_another_articles_folder() {
    let site = notice();
    put(
        &site,
        "content/2013/11/tongzhi/biaoge/登记表.docx",
        &bytes("PK 登记表", 500),
    );
    site.article(
        "2013/11/tongzhi/huiyi/index.md",
        "title: 洞泾镇召开消防安全工作会议\ndate: 2013-11-13\ndistrict: 松江区",
        "会议部署了冬季检查。\n",
    );
    put(
        &site,
        "content/2013/11/tongzhi/huiyi/qiandao.pdf",
        &bytes("%PDF 签到", 300),
    );
    site.build_ok();
    assert!(site.has("2013/11/tongzhi/biaoge/登记表.docx"));
    assert!(
        site.has("2013/11/huiyi/qiandao.pdf"),
        "the other article's file, beside its page"
    );
    assert!(
        !site.has("2013/11/tongzhi/huiyi/qiandao.pdf"),
        "and not beside this one's"
    );
}

#[test]
fn two_files_of_one_name_beside_one_page_are_an_error() {
    let site = notice();
    site.article(
        "2013/11/tongzhi/index.md",
        NOTICE_FRONT,
        "附件：[检查方案](fujian.pdf)\n\n另见[去年的方案](../../../2012/11/fujian.pdf)。\n",
    );
    put(&site, "content/2012/11/fujian.pdf", &bytes("%PDF 去年", 100));
    let shown = site.build_err();
    assert!(
        shown.contains(
            "content/2013/11/tongzhi/index.md:9:11: error: the link to ../../../2012/11/fujian.pdf would publish fujian.pdf \
             beside the page, where content/2013/11/tongzhi/fujian.pdf is published already"
        ),
        "{shown}"
    );
}

#[test]
fn serve_publishes_attachments_and_notices_new_ones() {
    let site = notice();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), SERVE_BASE.into(), LoadOptions::default());
    rebuilder.rebuild().unwrap_or_else(|p| panic!("{}", common::render(&p)));
    let held = |rebuilder: &Rebuilder, file: &str| rebuilder.files().get(file).map(|f| f.bytes.len());
    assert_eq!(held(&rebuilder, "2013/11/tongzhi/fujian.pdf"), Some(1_258_291));
    assert_same_as_full_build(&site, &rebuilder, "first build");

    put(&site, "content/2013/11/tongzhi/zhaopian.zip", &bytes("PK 照片", 700));
    site.article(
        "2013/11/tongzhi/index.md",
        NOTICE_FRONT,
        &format!("{NOTICE_BODY}\n现场照片：[打包下载](zhaopian.zip)\n"),
    );
    let changed = vec![site.root().join("content/2013/11/tongzhi/zhaopian.zip")];
    let (changes, _) = rebuilder
        .rebuild_changed(&changed)
        .unwrap_or_else(|p| panic!("{}", common::render(&p)));
    assert!(
        changes.changed.contains(&"2013/11/tongzhi/zhaopian.zip".to_string()),
        "{changes:?}"
    );
    assert_same_as_full_build(&site, &rebuilder, "after adding a file");

    std::fs::remove_file(site.root().join("content/2013/11/tongzhi/xianchang.mp4")).unwrap();
    let (changes, _) = rebuilder.rebuild().unwrap_or_else(|p| panic!("{}", common::render(&p)));
    assert!(
        changes.removed.contains(&"2013/11/tongzhi/xianchang.mp4".to_string()),
        "{changes:?}"
    );
    assert_same_as_full_build(&site, &rebuilder, "after removing a file");
}

#[test]
fn a_video_a_shortcode_plays_is_published_but_not_listed() {
    let site = TestSite::new();
    site.article(
        "2013/11/yanlian.md",
        "title: 洞泾镇举行消防疏散演练\ndate: 2013-11-14\ndistrict: 松江区",
        "11月13日上午，洞泾镇300余名居民参加了消防疏散演练。\n\n\
         {{ video(src=\"xianchang.mp4\") }}\n\n附件：[演练方案](fangan.pdf)\n",
    );
    put(&site, "content/2013/11/xianchang.mp4", &bytes("ftypisom 演练", 5000));
    put(&site, "content/2013/11/fangan.pdf", &bytes("%PDF 方案", 800));
    site.build_ok();
    assert!(
        site.has("2013/11/yanlian/xianchang.mp4"),
        "published beside the page of a shared folder's article"
    );
    assert!(site.has("2013/11/yanlian/fangan.pdf"));
    let page = site.read("2013/11/yanlian/index.html");
    assert!(page.contains("/2013/11/yanlian/xianchang.mp4"), "{page}");
    let list = page
        .split("<section class=\"attachments\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_default();
    assert!(list.contains(">演练方案</a>"), "{page}");
    assert!(!list.contains("xianchang"), "the video is shown, not listed: {list}");
}
