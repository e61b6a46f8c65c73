//! What editors who write Chinese all day meet: the input method's slips in
//! front matter and site.yaml, typed paragraph indents, empty items, an output
//! folder in the wrong place, and where the build and `check` say so.

mod common;

use common::TestSite;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The site.yaml of 闵行's bulletin.
const MINHANG_YAML: &str = "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区: { slug: minhang, towns: [莘庄镇, 七宝镇] }\n  松江区: { slug: songjiang }\n";

fn minhang() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", MINHANG_YAML);
    site
}

#[test]
fn input_method_slips_in_front_matter_are_named_where_they_are() {
    let site = minhang();
    site.article(
        "2013/11/xiaofang.md",
        "title: 通知: 明天停水\ndate: 2013-11-03\ndistrict：闵行区\ntowns: [莘庄镇]\ntags: 【消防安全，演练】\nbyline:\n  - role: 通讯员\n　　name: 莘宣",
        "莘庄镇居民区开展消防演练。\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    for expected in [
        "content/2013/11/xiaofang.md:2:10: error: the title has a colon followed by a space in it, so it must be put in quotes\n  hint: write it like this: title: \"通知: 明天停水\"",
        "content/2013/11/xiaofang.md:4:9: error: `district` is followed by a full-width colon `：` (typed by the Chinese input method); write an ordinary colon `:` and a space\n  hint: write it like this: district: 闵行区",
        "content/2013/11/xiaofang.md:6:7: error: the tags are in full-width brackets `【】` (typed by the Chinese input method); a list needs ordinary square brackets `[ ]`\n  hint: write it like this: tags: [消防安全, 演练]",
        "content/2013/11/xiaofang.md:9:1: error: the line is indented with a full-width space `　` (typed by the Chinese input method); indent with ordinary spaces\n  hint: write it like this, with 4 ordinary spaces: `    name: 莘宣`",
    ] {
        assert!(text.contains(expected), "missing {expected}\nin:\n{text}");
    }
    assert!(!site.public().exists());
}

#[test]
fn a_byline_name_out_of_line_is_explained() {
    let site = minhang();
    site.article(
        "2013/11/xiaofang.md",
        "title: 莘庄镇举行消防演练\ndate: 2013-11-03\ndistrict: 闵行区\nbyline:\n  - role: 通讯员\n  name: 莘宣",
        "莘庄镇居民区开展消防演练。\n",
    );
    let text = site.build_err();
    assert_eq!(
        text,
        "content/2013/11/xiaofang.md:7:1: error: credit 1 of the byline has no `name`: the `name:` on this line is not lined up with the keys above it\n  hint: write it like this, with 4 ordinary spaces: `    name: 莘宣`\n"
    );
}

#[test]
fn input_method_slips_in_site_yaml_are_configuration_errors() {
    let site = minhang();
    site.write(
        "site.yaml",
        "title: 闵行简报\nbase_url: https://example.org/\ndistricts：\n  闵行区: { slug: minhang }\n",
    );
    site.simple("a.md", "标题", "2013-11-03");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("site.yaml:3:10: error: `districts` is followed by a full-width colon"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tags_and_towns_joined_by_the_input_method_become_separate_terms() {
    let site = minhang();
    site.write(
        "site.yaml",
        "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区:\n    slug: minhang\n    towns:\n      - 莘庄镇、七宝镇\n",
    );
    site.article(
        "2013/11/xiaofang.md",
        "title: 莘庄镇举行消防演练\ndate: 2013-11-03\ndistrict: 闵行区\ntowns: [莘庄镇]\ntags: [消防安全，演练]",
        "莘庄镇居民区开展消防演练。\n",
    );
    site.article(
        "2013/11/wenming.md",
        "title: 莘庄镇“文明小区”评选揭晓\ndate: 2013-11-04\ndistrict: 闵行区\ntowns: [七宝镇]\ntags:\n  - 文明小区、评选",
        "七宝镇三个小区入选。\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "content/2013/11/wenming.md:7:9: warning: the tag 文明小区、评选 was split at `、` (typed by the Chinese input method) into 文明小区 and 评选\n  hint: write each tag as an item of its own: tags: [文明小区, 评选]",
            "content/2013/11/xiaofang.md:6:12: warning: `，` (typed by the Chinese input method) between tags was read as a comma\n  hint: write it like this: tags: [消防安全, 演练]",
            "site.yaml:7:12: warning: the town 莘庄镇、七宝镇 of 闵行区 was split at `、` (typed by the Chinese input method) into 莘庄镇 and 七宝镇\n  hint: write each town as an item of its own: towns: [莘庄镇, 七宝镇]",
        ]
    );
    let page = site.read("2013/11/xiaofang/index.html");
    for tag in [">消防安全<", ">演练<"] {
        assert!(page.contains(tag), "{tag} is not a tag of its own");
    }
    assert!(!page.contains("消防安全，演练"));
    let towns = site.read("towns/index.html");
    assert!(towns.contains(">莘庄镇<") && towns.contains(">七宝镇<"), "{towns}");
    assert!(!towns.contains("莘庄镇、七宝镇"));
}

#[test]
fn new_splits_tags_typed_with_the_input_method_and_says_so() {
    let site = minhang();
    let out = site.run(&[
        "new",
        "content/2013/11/xiaofang.md",
        "--title",
        "莘庄镇举行消防演练",
        "--district",
        "闵行区",
        "--tags",
        "消防安全，演练",
        "--towns",
        "莘庄镇、七宝镇",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.root().join("content/2013/11/xiaofang.md")).unwrap();
    assert!(text.contains("tags: [消防安全, 演练]\n"), "{text}");
    assert!(text.contains("towns: [莘庄镇, 七宝镇]\n"), "{text}");
    assert_eq!(
        stderr(&out),
        "jianbao: --tags 消防安全，演练: split at `，` into 消防安全, 演练\njianbao: --towns 莘庄镇、七宝镇: split at `、` into 莘庄镇, 七宝镇\n"
    );
    let out = site.run(&[
        "new",
        "content/2013/11/yanlian.md",
        "--title",
        "七宝镇开展应急演练",
        "--district",
        "闵行区",
        "--tags",
        "应急，演练",
        "--lang",
        "zh",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "jianbao: --tags 应急，演练：已在“，”处分成 应急、演练\n");
}

#[test]
fn typed_paragraph_indents_are_undone_with_a_warning() {
    let site = minhang();
    site.article(
        "2013/11/guangxing.md",
        "title: 光星居民区组团服务\ndate: 2013-11-03\ndistrict: 闵行区",
        "　　光星居民区由原光星村和润景苑居民区合并而来。\n\n　　支部书记蔡文强说：“组团服务让居民满意。”\n",
    );
    site.article(
        "2013/11/wenming.md",
        "title: 莘庄镇“文明小区”评选揭晓\ndate: 2013-11-04\ndistrict: 闵行区",
        "本报讯\n\n    莘庄镇“文明小区”评选日前揭晓，\n    七宝镇三个小区入选。\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|d| format!("{}:{}:{}: {}", d.path.display(), d.line, d.column, d.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/2013/11/guangxing.md:6:1: paragraphs are indented with full-width spaces `　　`; they were removed, as the theme indents paragraphs itself",
            "content/2013/11/wenming.md:8:5: this paragraph starts with four spaces, which Markdown reads as a block of code; it is shown as an ordinary paragraph",
        ],
        "the indent once a file"
    );
    let page = site.read("2013/11/guangxing/index.html");
    assert!(page.contains("<p>光星居民区由原光星村"), "{page}");
    assert!(page.contains("<p>支部书记蔡文强说"), "{page}");
    let page = site.read("2013/11/wenming/index.html");
    assert!(
        page.contains("<p>莘庄镇“文明小区”评选日前揭晓，七宝镇三个小区入选。</p>"),
        "{page}"
    );
    assert!(!page.contains("<pre"), "{page}");
}

#[test]
fn a_photo_item_without_a_picture_and_an_empty_article_are_warnings() {
    let site = minhang();
    site.article(
        "2013/11/yanlian.md",
        "title: 七宝镇消防演练\ndate: 2013-11-03\ndistrict: 闵行区\nkind: photo\nbyline: [{ role: 摄影, name: 卢连明 }]",
        "演练现场。\n",
    );
    site.article(
        "2013/11/kong.md",
        "title: 莘庄镇简讯\ndate: 2013-11-04\ndistrict: 闵行区\nbyline: [{ role: 记者, name: 莘宣 }]",
        "\n  \n",
    );
    site.picture("content/2013/11/zhaopian/drill.jpg", 64, 48);
    site.article(
        "2013/11/zhaopian/index.md",
        "title: 莘庄镇消防演练\ndate: 2013-11-05\ndistrict: 闵行区\nkind: photo\nbyline: [{ role: 摄影, name: 卢连明 }]",
        "演练现场。\n\n![演练](drill.jpg)\n",
    );
    let out = site.run(&["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains(": warning: ")).collect::<Vec<_>>(),
        [
            "content/2013/11/kong.md:6:1: warning: the article has no text",
            "content/2013/11/yanlian.md:5:1: warning: this photo item has no picture",
        ],
        "{text}"
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn an_output_folder_among_the_sites_own_files_is_refused_and_nothing_is_written() {
    let site = minhang();
    site.simple("2013/11/a.md", "莘庄镇举行消防演练", "2013-11-03");
    site.write("static/logo.txt", "闵行\n");
    let before = common::snapshot_tree(site.root());
    for output in [
        ".",
        "content",
        "content/2013/out",
        "static",
        "templates",
        "themes/default",
    ] {
        let out = site.run(&["build", "--output", output]);
        assert_eq!(out.status.code(), Some(2), "{output}: {}", stderr(&out));
        assert!(stderr(&out).contains("error: cannot build into "), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("hint: build into a folder of its own"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            common::snapshot_tree(site.root()),
            before,
            "{output}: something was written"
        );
    }
    let out = site.run(&["build", "--output", "content"]);
    assert!(
        stderr(&out).contains("it is the site's content/ folder, where the articles are"),
        "{}",
        stderr(&out)
    );
    assert!(site.run(&["build", "--output", "public"]).status.success());
}

#[test]
fn the_build_summary_names_what_it_left_out() {
    let site = minhang();
    site.simple("2013/11/a.md", "莘庄镇举行消防演练", "2013-11-03");
    for (file, draft) in [("draft1.md", "莘庄镇草稿"), ("draft2.md", "七宝镇草稿")] {
        site.article(
            &format!("2013/11/{file}"),
            &format!("title: {draft}\ndate: 2013-11-03\ndistrict: 闵行区\ndraft: true"),
            "正文。\n",
        );
    }
    site.article(
        "2999/12/later.md",
        "title: 明年的通知\ndate: 2999-12-02T20:00:00+08:00\ndistrict: 闵行区",
        "正文。\n",
    );
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l
            == "jianbao: 2 drafts and 1 scheduled article (2999-12-02 20:00) not published; add --drafts / --future to preview them"),
        "{text}"
    );
    let out = site.run(&["build", "--drafts", "--future"]);
    assert!(!stdout(&out).contains("not published"), "{}", stdout(&out));
}

#[test]
fn check_paths_are_relative_to_where_it_runs() {
    let repo = tempfile::tempdir().unwrap();
    let site = repo.path().join("site");
    std::fs::create_dir_all(site.join("content/2013/11")).unwrap();
    std::fs::write(site.join("site.yaml"), MINHANG_YAML).unwrap();
    std::fs::write(
        site.join("content/2013/11/a.md"),
        "---\ntitle: 莘庄镇举行消防演练\ndate: 2013-11-03\ndistrict：闵行区\n---\n正文。\n",
    )
    .unwrap();
    let run = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["check", "--root", "site", "--format", format, "--lang", "en"])
            .current_dir(repo.path())
            .output()
            .unwrap()
    };
    let github = stdout(&run("github"));
    assert!(
        github.starts_with("::error file=site/content/2013/11/a.md,line=4,col=9,"),
        "{github}"
    );
    let text = stdout(&run("text"));
    assert!(text.starts_with("site/content/2013/11/a.md:4:9: error: "), "{text}");
    let json: serde_json::Value = serde_json::from_slice(&run("json").stdout).unwrap();
    assert_eq!(json["problems"][0]["file"], "site/content/2013/11/a.md");
}

#[test]
fn serve_forgets_a_warning_once_the_article_is_mended() {
    use jianbao::content::LoadOptions;
    use jianbao::serve::rebuild::Rebuilder;
    let site = minhang();
    let front = "title: 光星居民区组团服务\ndate: 2013-11-03\ndistrict: 闵行区";
    site.article(
        "2013/11/guangxing.md",
        front,
        "　　光星居民区由原光星村和润景苑居民区合并而来。\n",
    );
    site.simple("2013/11/wenming.md", "莘庄镇“文明小区”评选揭晓", "2013-11-04");
    let changed = [site.root().join("content/2013/11/guangxing.md")];
    let mut rebuilder = Rebuilder::new(
        site.root().to_path_buf(),
        common::SERVE_BASE.into(),
        LoadOptions::default(),
    );
    let messages =
        |warnings: &jianbao::error::Diagnostics| -> Vec<String> { warnings.iter().map(|d| d.text()).collect() };
    let (_, warnings) = rebuilder.rebuild().unwrap();
    assert_eq!(warnings.warning_count(), 1, "{:?}", messages(&warnings));
    site.article(
        "2013/11/guangxing.md",
        front,
        "光星居民区由原光星村和润景苑居民区合并而来。\n",
    );
    let (_, warnings) = rebuilder.rebuild_changed(&changed).unwrap();
    assert!(warnings.is_empty(), "{:?}", messages(&warnings));
    site.article("2013/11/guangxing.md", front, "　　光星居民区由原光星村合并而来。\n");
    let (_, warnings) = rebuilder.rebuild_changed(&changed).unwrap();
    assert_eq!(warnings.warning_count(), 1, "{:?}", messages(&warnings));
    common::assert_same_as_full_build(&site, &rebuilder, "after the edits");
}
