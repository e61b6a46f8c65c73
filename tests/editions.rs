//! Editions (期): a site with two editions gets the list of editions, each
//! edition's page, its print, WeChat and e-mail copies and a feed; each article
//! of an edition names it and gets a WeChat copy. The copies read away from the
//! site have no stylesheet, class, script or relative address. Mistakes in
//! edition files are errors at their lines; `serve` follows their edits; a site
//! without editions gets none of this.

mod common;

use common::{SERVE_BASE, TestSite, assert_same_as_full_build};
use jianbao::content::LoadOptions;
use jianbao::serve::rebuild::Rebuilder;

/// A district paper with two editions: 第12期 lists its articles in
/// sections; 第13期 lists its lead, and two articles join it with `issue: 13`.
fn two_editions() -> TestSite {
    let site = TestSite::new();
    site.picture("content/2013/11/drill/drill.jpg", 1600, 1000);
    site.article(
        "2013/11/zutuan.md",
        "title: 距离有多近，情就有多深\nsubtitle: ——松江区基层党支部书记畅谈组团服务感受\ndate: 2013-11-03\ndistrict: 松江区\nkind: feature\ncolumn: 支部书记谈组团服务\nbyline: [{ role: 通讯员, name: 松组 }]",
        "洞泾镇光星居民区由原光星村和润景苑居民区合并而来，支部书记说：“倾听民声是第一步。”\n\n详见[松江党建网](https://www.songjiang.gov.cn/dangjian/)和[本报前文](/2013/11/xiaofang.md)。\n",
    );
    site.article(
        "2013/11/xiaofang.md",
        "title: 洞泾镇举行消防演练\nkicker: 全镇 87 家单位 352 名职工参加\ndate: 2013-11-04\ndistrict: 松江区\ntags: [消防安全]",
        "本报讯 11月3日，洞泾镇 352 名职工参加“119消防日”比赛。\n",
    );
    site.article(
        "2013/11/drill/index.md",
        "title: 练塘镇在羊毛衫市场举行消防演练\ndate: 2013-11-06\ndistrict: 松江区\nkind: photo\nimage: { src: drill.jpg, caption: 楼上逃生演练, credit: 卢连明 }",
        "11月6日上午，练塘镇在蒸淀街心花园组织消防演练。\n",
    );
    site.article(
        "2013/11/jiangzuo.md",
        "title: 崇明举办老年人保健知识讲座\ndate: 2013-11-11\ndistrict: 崇明县\nkind: brief",
        "近日，崇明县总工会举办讲座，到场老人 80 余名。\n",
    );
    site.article(
        "2013/11/shange.md",
        "title: 金泽镇民间艺人山歌邀请赛获奖\ndate: 2013-11-20\ndistrict: 松江区\nkind: feature",
        "潘林美等四位老年山歌表演者声情并茂。\n",
    );
    site.article(
        "2013/11/yinhang.md",
        "title: 银行网点进社区\ndate: 2013-11-21\ndistrict: 松江区\nissue: 13",
        "重庆路上的银行网点开进了社区。\n",
    );
    site.article(
        "2013/11/kaixin.md",
        "title: 奉贤“开心家园”促和谐\ndate: 2013-11-22\ndistrict: 松江区\nkind: brief\nissue: 13",
        "“开心家园”已办活动 30 余场。\n",
    );
    site.article(
        "2013/11/other.md",
        "title: 不在任何一期的文章\ndate: 2013-11-23\ndistrict: 松江区",
        "这篇文章不登在期刊里。\n",
    );
    site.write(
        "issues/12.md",
        "---\nnumber: 12\ndate: 2013-11-14\nsections:\n  - title: 头条\n    articles: [2013/11/zutuan.md]\n  - title: 要闻\n    articles:\n      - 2013/11/xiaofang.md\n      - 2013/11/drill/\n  - title: 短讯\n    articles: [2013/11/jiangzuo.md]\n---\n本期请几位支部书记谈“组团服务”。\n",
    );
    site.write(
        "issues/13.md",
        "---\nnumber: 13\ndate: 2013-11-28\ntitle: 山歌专刊\narticles: [2013/11/shange.md]\n---\n",
    );
    site
}

#[test]
fn two_editions_get_their_pages_copies_and_feed() {
    let site = two_editions();
    site.build_ok();
    let list = site.read("issues/index.html");
    let newest = list.find("第13期").expect("第13期 listed");
    let older = list.find("第12期").expect("第12期 listed");
    assert!(newest < older, "newest first");
    assert!(list.contains("2013年"), "grouped by year");
    assert!(list.contains("山歌专刊"));

    let twelve = site.read("issues/12/index.html");
    assert!(twelve.contains("本期请几位支部书记谈“组团服务”。"), "the editor's note");
    assert!(twelve.contains("编者按"));
    let lead = twelve.find("距离有多近，情就有多深").expect("the lead");
    let news = twelve.find("洞泾镇举行消防演练").expect("a news item");
    assert!(lead < news, "the lead first");
    assert!(
        twelve.contains("class=\"briefs-box\"") && twelve.contains("崇明举办老年人保健知识讲座"),
        "the 短讯 box"
    );
    assert!(twelve.contains("href=\"/issues/13/\""), "the next edition is linked");
    assert!(!twelve.contains("不在任何一期的文章"));
    assert!(
        site.read("issues/13/index.html").contains("href=\"/issues/12/\""),
        "and the previous one"
    );

    // Articles that name their edition join it, in the section of their kind.
    let thirteen = site.read("issues/13/index.html");
    assert!(thirteen.contains("银行网点进社区"), "{thirteen}");
    assert!(thirteen.contains("奉贤“开心家园”促和谐"));

    let article = site.read("2013/11/xiaofang/index.html");
    assert!(
        article.contains("href=\"/issues/12/\">刊于第12期</a>"),
        "the article names its edition"
    );
    assert!(!site.read("2013/11/other/index.html").contains("刊于"));
    assert!(
        site.read("index.html").contains("href=\"/issues/\""),
        "the site's nav leads to the editions"
    );

    let print = site.read("issues/12/print/index.html");
    for title in [
        "距离有多近，情就有多深",
        "洞泾镇举行消防演练",
        "练塘镇在羊毛衫市场举行消防演练",
        "崇明举办老年人保健知识讲座",
    ] {
        assert!(print.contains(title), "{title} in print");
    }
    assert!(print.contains("倾听民声是第一步"), "print has every article's body");
    assert!(!print.contains("<script"), "no scripts in print");

    let feed = site.read("issues/atom.xml");
    assert!(feed.contains("<id>https://example.org/issues/13/</id>"), "{feed}");
    assert!(feed.contains("山歌专刊"));

    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/issues/12/</loc>"));
    assert!(!sitemap.contains("print/") && !sitemap.contains("wechat") && !sitemap.contains("email"));

    assert!(
        site.has("2013/11/xiaofang/wechat.html"),
        "an article of an edition has a WeChat copy"
    );
    assert!(
        !site.has("2013/11/other/wechat.html"),
        "an article in no edition has none"
    );
    let text = site.read("issues/12/email.txt");
    assert!(text.contains("【编者按】\n本期请几位支部书记谈“组团服务”。"), "{text}");
    assert!(
        text.contains("阅读全文：https://example.org/2013/11/xiaofang/"),
        "{text}"
    );
    assert!(
        !text.contains("&ldquo;") && !text.contains("&quot;"),
        "plain text is not escaped: {text}"
    );
}

/// Every `src=` and `href=` value in `html`.
fn addresses(html: &str) -> Vec<&str> {
    ["src=\"", "href=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1).filter_map(|rest| rest.split('"').next()))
        .collect()
}

#[test]
fn copies_for_wechat_and_mail_have_no_stylesheet_class_script_or_relative_address() {
    let site = two_editions();
    site.build_ok();
    for file in [
        "issues/12/wechat.html",
        "issues/12/email.html",
        "2013/11/zutuan/wechat.html",
        "2013/11/drill/wechat.html",
    ] {
        let html = site.read(file);
        for banned in ["<style", "class=", "<script", "<link"] {
            assert!(!html.contains(banned), "{file} has {banned}: {html}");
        }
        for address in addresses(&html) {
            assert!(address.starts_with("https://"), "{file}: relative address {address}");
        }
        assert!(html.contains("style=\""), "{file} has inline styles");
    }
    // WeChat strips links: they are numbered notes, listed at the end.
    let wechat = site.read("2013/11/zutuan/wechat.html");
    assert!(!wechat.contains("<a "), "{wechat}");
    assert!(wechat.contains("松江党建网<sup"), "{wechat}");
    assert!(
        wechat.contains("https://www.songjiang.gov.cn/dangjian/</li>"),
        "{wechat}"
    );
    assert!(
        wechat.contains("https://example.org/2013/11/xiaofang/</li>"),
        "{wechat}"
    );
    assert!(wechat.contains("第12期"), "names its edition: {wechat}");
    let photo = site.read("2013/11/drill/wechat.html");
    assert!(photo.contains("卢连明 摄"), "the photo credit: {photo}");
    // An e-mail links back to the site.
    let email = site.read("issues/12/email.html");
    assert!(
        email.contains("href=\"https://example.org/2013/11/xiaofang/\""),
        "{email}"
    );
    assert!(email.contains("width=\"600\""), "{email}");
}

#[test]
fn edition_mistakes_are_errors_at_their_lines_in_chinese() {
    let site = two_editions();
    // A path with a slip, an article listed twice, a number taken, an edition no file declares.
    site.write(
        "issues/14.md",
        "---\nnumber: 14\ndate: 2013-12-05\nsections:\n  - title: 要闻\n    articles:\n      - 2013/11/xiaofng.md\n      - 2013/11/zutuan.md\n---\n",
    );
    site.write("issues/dup.md", "---\nnumber: 12\ndate: 2013-12-12\n---\n");
    site.article(
        "2013/11/chongming.md",
        "title: 崇明区举行迎新长跑\ndate: 2013-11-30\ndistrict: 崇明区\nissue: 15",
        "参赛者 500 余人。\n",
    );
    let out = site.run(&["--lang", "zh", "check"]);
    let stderr = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        stderr.contains(
            "issues/14.md:7:9: 错误：找不到文章 `2013/11/xiaofng.md`\n  提示：可能是想写 `2013/11/xiaofang.md`？"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("issues/14.md:8:9: 错误：文章 `2013/11/zutuan.md` 已经列在第12期（issues/12.md）里了"),
        "{stderr}"
    );
    assert!(
        stderr.contains("issues/dup.md:2:1: 错误：第12期已经在 issues/12.md 里写过了，一个期号只能用一次"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/2013/11/chongming.md:5:1: 错误：本文写的是第15期，可是没有哪个期刊文件是第15期"),
        "{stderr}"
    );
    assert!(stderr.contains("已有的期号是 12, 13, 14"), "{stderr}");

    let en = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&en.stdout);
    assert!(
        stderr.contains("issues/14.md:7:9: error: no article `2013/11/xiaofng.md`"),
        "{stderr}"
    );
}

#[test]
fn slips_in_an_edition_file_are_told_while_an_article_is_broken_too() {
    let site = two_editions();
    site.write("issues/14.md", "---\nnumber：14\ndate: 2013-12-05\n---\n");
    site.article(
        "2013/11/yinhang.md",
        "title：银行网点进社区\ndate: 2013-11-21\ndistrict: 松江区\nissue: 13",
        "重庆路上的银行网点开进了社区。\n",
    );
    let problems = site.build_err();
    assert!(
        problems.contains("content/2013/11/yinhang.md:2:6: error:"),
        "{problems}"
    );
    assert!(problems.contains("issues/14.md:2:7: error:"), "{problems}");
}

#[test]
fn an_article_naming_another_edition_than_the_one_listing_it_is_an_error() {
    let site = two_editions();
    site.article(
        "2013/11/shange.md",
        "title: 金泽镇民间艺人山歌邀请赛获奖\ndate: 2013-11-20\ndistrict: 松江区\nkind: feature\nissue: 12",
        "潘林美等四位老年山歌表演者声情并茂。\n",
    );
    let problems = site.build_err();
    assert!(
        problems.contains(
            "content/2013/11/shange.md:6:1: error: this article says `issue: 12`, but the file of edition 13 lists it"
        ),
        "{problems}"
    );
}

#[test]
fn a_site_without_editions_gets_none_of_their_pages() {
    let site = TestSite::new();
    site.simple("2013/11/a.md", "洞泾镇举行消防演练", "2013-11-04");
    site.build_ok();
    assert!(!site.public().join("issues").exists());
    assert!(!site.has("2013/11/a/wechat.html"));
    assert!(!site.read("index.html").contains("期刊"));
    assert!(!site.read("sitemap.xml").contains("issues"));
}

#[test]
fn serve_follows_edits_of_editions_and_their_articles() {
    let site = two_editions();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), SERVE_BASE.into(), LoadOptions::default());
    rebuilder.rebuild().expect("first build");

    // The editor's note changes, and an article moves between sections.
    site.write(
        "issues/12.md",
        "---\nnumber: 12\ndate: 2013-11-14\ntitle: 组团服务专刊\nsections:\n  - title: 头条\n    articles: [2013/11/zutuan.md]\n  - title: 短讯\n    articles: [2013/11/jiangzuo.md, 2013/11/xiaofang.md]\n---\n改过的编者按。\n",
    );
    let changed = rebuilder
        .rebuild_changed(&[site.root().join("issues/12.md")])
        .expect("rebuilt")
        .0;
    assert!(
        changed.changed.contains(&"issues/12/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.removed.contains(&"2013/11/drill/wechat.html".to_string()),
        "{changed:?}"
    );
    assert_same_as_full_build(&site, &rebuilder, "after editing an edition");

    // An article's title changes: its edition's pages and copies follow.
    site.article(
        "2013/11/xiaofang.md",
        "title: 洞泾镇举行职工消防比赛\ndate: 2013-11-04\ndistrict: 松江区\ntags: [消防安全]",
        "本报讯 11月3日，洞泾镇 352 名职工参加比赛。\n",
    );
    let changed = rebuilder
        .rebuild_changed(&[site.root().join("content/2013/11/xiaofang.md")])
        .expect("rebuilt")
        .0;
    assert!(
        changed.changed.contains(&"issues/12/print/index.html".to_string()),
        "{changed:?}"
    );
    assert_same_as_full_build(&site, &rebuilder, "after retitling an article of an edition");

    // A new edition file: its pages appear.
    site.write(
        "issues/14.md",
        "---\nnumber: 14\ndate: 2013-12-05\narticles: [2013/11/other.md]\n---\n",
    );
    rebuilder
        .rebuild_changed(&[site.root().join("issues/14.md")])
        .expect("rebuilt");
    assert_same_as_full_build(&site, &rebuilder, "after adding an edition");
}

#[test]
fn new_puts_an_article_in_the_newest_edition_or_the_one_named() {
    let site = two_editions();
    let out = site.run(&[
        "new",
        "content/2013/11/chongqing.md",
        "--title",
        "重庆路小区加装电梯",
        "--district",
        "松江区",
        "--issue",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(site.root().join("content/2013/11/chongqing.md")).unwrap();
    assert!(text.contains("\nissue: 13\n"), "{text}");

    let out = site.run(&[
        "--lang",
        "zh",
        "new",
        "content/2013/11/changning.md",
        "--title",
        "长宁路口改造",
        "--district",
        "松江区",
        "--issue",
        "9",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("没有第9期"), "{stderr}");
    assert!(stderr.contains("已有的期号是 12, 13"), "{stderr}");
}

/// The `<main>` of a page, without blank lines, for snapshots.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    without_blank_lines(&html[start..end])
}

/// The `<body>` of a page, without blank lines.
fn body_of(html: &str) -> String {
    let start = html.find("<body").expect("a <body>");
    let end = html.rfind("</body>").expect("a </body>") + "</body>".len();
    without_blank_lines(&html[start..end])
}

fn without_blank_lines(text: &str) -> String {
    let text: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    without_picture_hashes(&text.join("\n"))
}

/// Picture names carry a hash of their bytes (`drill-480.ba903166.webp`): the
/// shape matters here, not the encoder's bytes.
fn without_picture_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('.') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 8 && rest.as_bytes().get(8) == Some(&b'.') {
            out.push_str("HASH");
            rest = &rest[8..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn edition_pages_keep_their_shape() {
    let site = two_editions();
    site.build_ok();
    insta::assert_snapshot!("edition_list", main_of(&site.read("issues/index.html")));
    insta::assert_snapshot!("edition_page", main_of(&site.read("issues/12/index.html")));
    insta::assert_snapshot!("edition_print", body_of(&site.read("issues/12/print/index.html")));
    insta::assert_snapshot!("edition_wechat", body_of(&site.read("issues/12/wechat.html")));
    insta::assert_snapshot!("edition_email", body_of(&site.read("issues/12/email.html")));
    insta::assert_snapshot!("edition_email_text", site.read("issues/12/email.txt"));
    insta::assert_snapshot!("article_wechat", body_of(&site.read("2013/11/zutuan/wechat.html")));
}

/// Whether Chromium and poppler's tools are here to print and read a PDF;
/// `.ci/run` installs them, so CI fails without them.
fn can_print_pdf() -> bool {
    let runs = |tool: &str, arg: &str| {
        std::process::Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let ready = std::path::Path::new("/usr/bin/chromium").exists() && runs("pdftotext", "-v") && runs("pdfinfo", "-v");
    assert!(
        ready || std::env::var_os("CI").is_none(),
        "the print test needs chromium and poppler-utils (pdftotext, pdfinfo)"
    );
    ready
}

#[test]
fn the_print_edition_prints_to_pdf_with_every_article_whole() {
    if !can_print_pdf() {
        eprintln!("skipping: install chromium and poppler-utils to print the edition");
        return;
    }
    let site = two_editions();
    site.build_ok();
    let pdf = site.root().join("12.pdf");
    let page = site.public().join("issues/12/print/index.html");
    let printed = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(pdf.is_file(), "no PDF: {}", String::from_utf8_lossy(&printed.stderr));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!((1..=3).contains(&pages), "four short articles on {pages} A4 pages");
    assert!(info.contains("(A4)"), "A4: {info}");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    // Columns and justification break lines anywhere: compare without white space.
    let text: String = String::from_utf8_lossy(&text.stdout).split_whitespace().collect();
    for title in [
        "测试简报",
        "第12期",
        "距离有多近，情就有多深",
        "洞泾镇举行消防演练",
        "练塘镇在羊毛衫市场举行消防演练",
        "崇明举办老年人保健知识讲座",
        // The last words of each article: every article is there whole.
        "倾听民声是第一步。",
        "参加“119消防日”比赛。",
        "组织消防演练。",
        "到场老人80余名。",
    ] {
        assert!(text.contains(title), "{title} is not in the PDF's text: {text}");
    }
}

#[test]
fn a_supplement_in_jianbao_form_has_its_head_and_foot_and_numbers_apart() {
    let site = two_editions();
    // 增刊 12 beside regular edition 12, with the head and foot of a 简报; the
    // input method's `，` between two addressees is read as a comma, with a warning.
    site.write(
        "issues/zengkan-12.md",
        "---\nnumber: 12\nsupplement: true\ndate: 2013-11-30\ntotal: 345\ntitle: 组团服务专刊\npublisher: 中共上海市松江区委组织部\nsend_to: [市委组织部，区委各部委办局]\ncopy_to: [各镇党委]\ncopies: 200\narticles: [2013/11/other.md]\n---\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("issues/zengkan-12.md:8:")),
        "{warnings:?}"
    );
    let print = site.read("issues/zengkan-12/print/index.html");
    for part in [
        "增刊第12期",
        "（总第345期）",
        "中共上海市松江区委组织部",
        "<dt>报送：</dt><dd>市委组织部，区委各部委办局</dd>",
        "<dt>抄送：</dt><dd>各镇党委</dd>",
        "（共印200份）",
    ] {
        assert!(print.contains(part), "{part} in print: {print}");
    }
    let page = site.read("issues/zengkan-12/index.html");
    assert!(page.contains("增刊第12期") && page.contains("（总第345期）") && page.contains("报送："));
    let email = site.read("issues/zengkan-12/email.html");
    assert!(email.contains("中共上海市松江区委组织部") && email.contains("各镇党委"));
    // Editions without the form's fields keep their plain head and foot.
    let twelve = site.read("issues/12/print/index.html");
    assert!(!twelve.contains("<dt>报送") && !twelve.contains("总第"), "{twelve}");
    // `issue: 13` and `new --issue` still mean the regular editions.
    assert!(site.read("2013/11/other/index.html").contains("刊于增刊第12期"));
    assert!(site.read("issues/index.html").contains("增刊第12期"));
    insta::assert_snapshot!("supplement_print_head_and_foot", {
        let body = body_of(&print);
        let head_end = body.find("</header>").expect("the masthead") + "</header>".len();
        let foot = body.find("<footer").expect("the foot");
        format!("{}\n…\n{}", &body[..head_end], &body[foot..])
    });
}
