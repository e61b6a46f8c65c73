//! `jianbao build` on small sites: the files it writes, and how it fails.

mod common;

use common::{TestSite, snapshot_tree};

#[test]
fn writes_every_page_of_the_url_table() {
    let site = TestSite::new();
    site.article(
        "2013/11/fengjing.md",
        "title: 枫泾镇举行消防比赛\ndate: 2013-11-04\ndistrict: 松江区\ntowns: [洞泾镇]\ncolumn: 支部书记谈组团服务\ntags: [消防安全]",
        "正文。\n",
    );
    site.article(
        "2013/11/brief.md",
        "title: 短讯一则\ndate: 2013-11-05\ndistrict: 崇明县\nkind: brief",
        "短讯正文。\n",
    );
    site.build_ok();
    for file in [
        "index.html",
        "2013/11/fengjing/index.html",
        "2013/11/brief/index.html",
        "tags/index.html",
        "tags/xiao-fang-an-quan/index.html",
        "districts/index.html",
        "districts/songjiang/index.html",
        "districts/chongming/index.html",
        "districts/songjiang/atom.xml",
        "districts/chongming/atom.xml",
        "towns/index.html",
        "towns/dong-jing-zhen/index.html",
        "columns/index.html",
        "columns/zhi-bu-shu-ji-tan-zu-tuan-fu-wu/index.html",
        "briefs/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
    ] {
        assert!(site.has(file), "missing {file}");
    }
}

#[test]
fn article_page_shows_its_parts() {
    let site = TestSite::new();
    site.article(
        "2013/11/a.md",
        "title: 标题\nsubtitle: ——副题\nkicker: 引题\ndate: 2013-11-03\ndistrict: 松江区\ntowns: [洞泾镇]\ncolumn: 专栏\ntags: [消防]\nbyline: [{ role: 通讯员, name: 金领军 }]",
        "第一段。\n",
    );
    site.simple("2013/11/older.md", "更早", "2013-11-01");
    site.article(
        "2013/11/b.md",
        "title: 同标签\ndate: 2013-11-02\ndistrict: 松江区\ntags: [消防]",
        "x\n",
    );
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    for part in [
        "<p class=\"kicker\">引题</p>",
        "<h1 class=\"story-title\">标题</h1>",
        "——副题",
        "□通讯员 金领军",
        "2013年11月3日",
        "href=\"/districts/songjiang/\"",
        "href=\"/towns/dong-jing-zhen/\"",
        "href=\"/columns/zhuan-lan/\"",
        "href=\"/tags/xiao-fang/\"",
        "<p>第一段。</p>",
    ] {
        assert!(page.contains(part), "missing {part} in\n{page}");
    }
    // Previous is the next older article; related shares a tag.
    assert!(page.contains("rel=\"prev\" href=\"/2013/11/b/\""), "{page}");
    let related = page.split("id=\"related-title\"").nth(1).expect("related section");
    assert!(related.contains("/2013/11/b/") && !related.contains("/2013/11/older/"));
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("https://example.org/", "https://example.org/bulletin"),
    );
    site.article(
        "2013/11/a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\ntags: [消防]",
        "见[乙](b.md)。\n",
    );
    site.simple("2013/11/b.md", "乙", "2013-11-02");
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(page.contains("href=\"/bulletin/2013/11/b/\""), "{page}");
    assert!(page.contains("href=\"/bulletin/tags/xiao-fang/\""));
    // The stylesheet under its hashed name (`style.3f9a1c2b.css`), under the base path too.
    assert!(page.contains("href=\"/bulletin/style.") && !page.contains("href=\"/bulletin/style.css\""));
    assert!(!page.contains("href=\"/tags/"), "a link escaped the base path");
    let feed = site.read("atom.xml");
    assert!(feed.contains("https://example.org/bulletin/2013/11/a/"), "{feed}");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/bulletin/2013/11/a/</loc>")
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/bulletin/sitemap.xml")
    );
}

#[test]
fn command_line_base_url_overrides_site_yaml() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    site.build_with(|o| o.base_url = Some("https://preview.example.net/pr-9/".into()))
        .unwrap();
    assert!(site.read("index.html").contains("href=\"/pr-9/2013/11/a/\""));
}

#[test]
fn md_links_become_urls_relative_or_from_content_root() {
    let site = TestSite::new();
    site.article(
        "2013/11/a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区",
        "[同目录](b.md) [根](/2013/10/c.md#section) [外](https://e.org/x.md)\n",
    );
    site.simple("2013/11/b.md", "乙", "2013-11-02");
    site.article(
        "2013/10/c.md",
        "title: 丙\ndate: 2013-10-02\ndistrict: 松江区",
        "## Section\n\n正文。\n",
    );
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(page.contains("href=\"/2013/11/b/\""), "{page}");
    assert!(page.contains("href=\"/2013/10/c/#section\""), "{page}");
    assert!(page.contains("href=\"https://e.org/x.md\""), "{page}");
}

#[test]
fn soft_breaks_between_chinese_characters_vanish_on_the_page() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区",
        "群\n策群力，使用\nRust 写成。\n",
    );
    site.build_ok();
    assert!(
        site.read("2013/11/a/index.html")
            .contains("<p>群策群力，使用\nRust 写成。</p>")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new();
    site.simple("a.md", "正式", "2013-11-03");
    site.article(
        "draft.md",
        "title: 草稿文章\ndate: 2013-11-04\ndistrict: 松江区\ndraft: true\ntags: [草稿标签]",
        "x\n",
    );
    site.build_ok();
    assert!(!site.has("2013/11/draft/index.html"));
    assert_shown_nowhere(&site, &["草稿", "/draft/"]);
    site.build_with(|o| o.drafts = true).unwrap();
    assert!(site.has("2013/11/draft/index.html"));
    assert!(
        site.read("index.html").contains("draft-ribbon"),
        "a preview with drafts says so"
    );
}

#[test]
fn lists_are_paginated() {
    let site = TestSite::new(); // paginate: 2
    for day in 1..=5 {
        site.article(
            &format!("a{day}.md"),
            &format!("title: 第{day}篇\ndate: 2013-11-0{day}\ndistrict: 松江区\ntags: [标签]"),
            "x\n",
        );
    }
    site.build_ok();
    assert!(site.has("page/2/index.html") && site.has("page/3/index.html") && !site.has("page/4/index.html"));
    assert!(site.has("tags/biao-qian/page/3/index.html"));
    let page2 = site.read("page/2/index.html");
    assert!(
        page2.contains("第3篇") && page2.contains("第2篇") && !page2.contains("第5篇"),
        "{page2}"
    );
    assert!(page2.contains("rel=\"prev\" href=\"/\"") && page2.contains("rel=\"next\" href=\"/page/3/\""));
}

#[test]
fn tags_index_sorts_by_pinyin() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\ntags: [组团服务, 安全, 消防]",
        "x\n",
    );
    site.build_ok();
    let index = site.read("tags/index.html");
    let pos = |t: &str| index.find(&format!(">{t}<")).unwrap_or_else(|| panic!("{t} missing"));
    assert!(pos("安全") < pos("消防") && pos("消防") < pos("组团服务"));
}

#[test]
fn summaries_use_the_more_marker_or_the_first_characters() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区",
        "导语在此。\n\n<!-- more -->\n\n正文在后。\n",
    );
    let long = "长".repeat(300);
    site.article(
        "b.md",
        "title: 乙\ndate: 2013-11-02\ndistrict: 松江区",
        &format!("{long}\n"),
    );
    site.build_ok();
    let front = site.read("index.html");
    assert!(front.contains("导语在此。") && !front.contains("正文在后"), "{front}");
    assert!(
        front.contains(&format!("{}…", "长".repeat(120))),
        "automatic summary is 120 characters"
    );
    assert!(!front.contains(&"长".repeat(121)));
}

#[test]
fn raw_html_is_sanitised_and_front_matter_escaped() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: \"<script>alert(1)</script>标题\"\ndate: 2013-11-03\ndistrict: 松江区\ntags: [\"<b>x</b>\"]",
        "<img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<sup>1</sup>\n",
    );
    site.build_ok();
    for file in ["2013/11/a/index.html", "index.html", "tags/index.html", "atom.xml"] {
        let text = site.read(file);
        assert!(!text.contains("<script>alert"), "unescaped title in {file}");
        assert!(
            !text.contains("onerror") && !text.contains("<iframe"),
            "unsanitised body in {file}"
        );
    }
    assert!(site.read("2013/11/a/index.html").contains("<sup>1</sup>"));
}

#[test]
fn output_is_byte_identical_across_builds_and_thread_counts() {
    let site = TestSite::new();
    for day in 1..=9 {
        site.article(
            &format!("2013/11/a{day}.md"),
            &format!("title: 第{day}篇\ndate: 2013-11-0{day}\ndistrict: 松江区\ntags: [甲, 乙{day}]"),
            "正文。\n",
        );
    }
    site.build_ok();
    let first = snapshot_tree(&site.public());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    pool.install(|| site.build_ok());
    assert_eq!(first, snapshot_tree(&site.public()));
}

#[test]
fn reports_every_problem_with_file_line_and_hint() {
    let site = TestSite::new();
    site.article("bad-district.md", "title: 甲\ndate: 2013-11-03\ndistrict: 松江", "x\n");
    site.article(
        "bad-key.md",
        "title: 乙\ndate: 2013-11-03\ndistrict: 松江区\ntitel: 丙",
        "x\n",
    );
    site.article("bad-date.md", "title: 丁\ndate: 2013-02-30\ndistrict: 松江区", "x\n");
    site.write("content/no-front.md", "正文而已\n");
    site.article(
        "broken-link.md",
        "title: 戊\ndate: 2013-11-03\ndistrict: 松江区",
        "第一行\n\n见[旧文](gone.md)。\n",
    );
    let out = site.build_err();
    for expected in [
        "content/bad-date.md:3:7: error: 2013-02-30 is not a date: 2013年2月 has 28 days",
        "content/bad-district.md:4:11: error: unknown district 松江\n  hint: did you mean 松江区?",
        "content/bad-key.md:5:1: error: unknown key `titel`\n  hint: did you mean `title`?",
        "content/broken-link.md:8:2: error: the link to gone.md points to no article",
        "content/no-front.md:1:1: error: the file does not start with front matter",
    ] {
        assert!(out.contains(expected), "missing\n{expected}\nin\n{out}");
    }
}

#[test]
fn duplicate_urls_are_an_error_naming_both_files() {
    let site = TestSite::new();
    site.article("a/same.md", "title: 甲\ndate: 2013-11-03\ndistrict: 松江区", "x\n");
    site.article("b/same.md", "title: 乙\ndate: 2013-11-09\ndistrict: 松江区", "x\n");
    site.article(
        "c/other.md",
        "title: 丙\ndate: 2013-11-10\ndistrict: 松江区\nslug: same",
        "x\n",
    );
    let out = site.build_err();
    // At the top of a file whose name made the URL; at the `slug:` line that made it.
    assert!(
        out.contains(
            "content/a/same.md:1:1: error: /2013/11/same/ is also the URL of content/b/same.md, content/c/other.md"
        ),
        "{out}"
    );
    assert!(out.contains("the URL comes from the file name"), "{out}");
    assert!(
        out.contains(
            "content/c/other.md:5:1: error: /2013/11/same/ is also the URL of content/a/same.md, content/b/same.md"
        ),
        "{out}"
    );
    assert!(out.contains("give one of the articles another `slug:`"), "{out}");
}

#[test]
fn template_error_names_template_line_and_variable() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    site.write("templates/404.html", "<p>\n{{ no_such_thing }}</p>\n");
    let out = site.build_err();
    assert!(out.contains("templates/404.html:2:"), "{out}");
    assert!(out.contains("no_such_thing"), "{out}");
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    site.build_ok();
    let before = snapshot_tree(&site.public());
    site.simple("b.md", "乙", "2013-11-04");
    site.article("bad.md", "title: 坏\ndate: 2013-11-05\ndistrict: 不存在区", "x\n");
    site.build_err();
    assert_eq!(
        before,
        snapshot_tree(&site.public()),
        "content error changed the output"
    );
    site.write(
        "content/bad.md",
        "---\ntitle: 好\ndate: 2013-11-05\ndistrict: 松江区\n---\nx\n",
    );
    site.write("templates/article.html", "{{ missing_variable }}");
    site.build_err();
    assert_eq!(
        before,
        snapshot_tree(&site.public()),
        "template error changed the output"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers.iter().all(|n| !n.to_string_lossy().contains("staging")),
        "{leftovers:?}"
    );
}

#[test]
fn utf8_bom_and_crlf_are_accepted() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "\u{feff}---\r\ntitle: 甲\r\ndate: 2013-11-03\r\ndistrict: 松江区\r\n---\r\n群\r\n策群力\r\n",
    );
    site.build_ok();
    assert!(site.read("2013/11/a/index.html").contains("<p>群策群力</p>"));
}

#[test]
fn invalid_utf8_names_the_byte() {
    let site = TestSite::new();
    let path = site.root().join("content/a.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"---\ntitle: \xB1\xEA\xCC\xE2\n---\n").unwrap();
    let out = site.build_err();
    assert!(
        out.contains("content/a.md:2:8: error: the file is not UTF-8: byte 0xB1"),
        "{out}"
    );
}

#[test]
fn homophone_tags_get_distinct_pages_and_a_warning() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\ntags: [公示, 公式]",
        "x\n",
    );
    let report = site.build_ok();
    assert!(site.has("tags/gong-shi/index.html") && site.has("tags/gong-shi-2/index.html"));
    assert_eq!(report.warnings.warning_count(), 1);
}

#[test]
fn binary_prints_a_summary_and_exits_by_kind_of_problem() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    let ok = site.run(&["build"]);
    assert!(ok.status.success());
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.starts_with("jianbao: built ") && stdout.contains(" pages (1 article,"),
        "{stdout}"
    );

    site.article("bad.md", "title: 坏\ndate: 2013-11-05\ndistrict: 火星", "x\n");
    let content_error = site.run(&["build"]);
    assert_eq!(content_error.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&content_error.stderr).contains("content/bad.md:4:11: error: unknown district 火星")
    );

    site.write("site.yaml", "title: x\nbase_url: not a url\n");
    assert_eq!(site.run(&["build"]).status.code(), Some(2));
    assert_eq!(site.run(&["build", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn site_without_a_themes_folder_uses_the_built_in_theme() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    assert!(!site.root().join("themes").exists());
    site.build_ok();
    assert!(site.read("index.html").contains("class=\"masthead\""));
}

#[test]
fn output_option_and_root_option() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("site");
    let root = site.root().to_string_lossy().into_owned();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--root", &root, "--output", &out.to_string_lossy()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.join("2013/11/a/index.html").is_file());
}

#[test]
fn future_dated_articles_wait_for_their_date_unless_asked_for() {
    let site = TestSite::new();
    site.simple("a.md", "今天", "2013-11-03");
    site.article(
        "later.md",
        "title: 明年的文章\ndate: 2099-01-01\ndistrict: 松江区\ntags: [未来标签]",
        "x\n",
    );
    site.build_ok();
    assert!(!site.has("2099/01/later/index.html"));
    assert_shown_nowhere(&site, &["明年"]);
    site.build_with(|o| o.future = true).unwrap();
    assert!(site.has("2099/01/later/index.html"));

    site.article(
        "b.md",
        "title: 乙\ndate: 2013-11-04\ndistrict: 松江区",
        "见[明年](later.md)。\n",
    );
    let out = site.build_err();
    assert!(
        out.contains("the link to later.md points to an article dated in the future"),
        "{out}"
    );
}

#[test]
fn unknown_filter_names_template_line_and_column_once() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}\n{{ page.title | zh_dat }}{% endblock main %}",
    );
    let out = site.build_err();
    assert!(
        out.starts_with("templates/404.html:2:17: error: Unknown filter `zh_dat`\n"),
        "{out}"
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{% endblock main %}",
    );
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block main %}\n{{ nope }}{% endblock main %}",
    );
    let out = site.build_err();
    assert_eq!(
        out.matches("templates/term.html:2:4: error: Variable `nope` is not defined")
            .count(),
        1,
        "{out}"
    );
}

/// Asserts that no list, feed or index of the site mentions any of `needles`:
/// where a withheld article (a draft, a future one) would show if it leaked.
fn assert_shown_nowhere(site: &TestSite, needles: &[&str]) {
    for file in [
        "index.html",
        "atom.xml",
        "sitemap.xml",
        "tags/index.html",
        "districts/songjiang/index.html",
    ] {
        let text = site.read(file);
        for needle in needles {
            assert!(!text.contains(needle), "{needle} shows in {file}");
        }
    }
}

#[test]
fn a_link_may_name_a_heading_by_its_text() {
    let site = TestSite::new();
    site.article(
        "2013/11/guide.md",
        "title: 简报使用说明\ndate: 2013-11-03\ndistrict: 松江区\nslug: guide",
        "先看[怎么预览](#怎么预览)。\n\n## 怎么预览\n\n运行 `jianbao serve`。\n",
    );
    site.article(
        "2013/11/news.md",
        "title: 莘庄镇开通社区简报\ndate: 2013-11-04\ndistrict: 松江区\nslug: news",
        "详见[说明](guide.md#怎么预览)和[开头](guide.md#top)。\n",
    );
    site.build_ok();
    let guide = site.read("2013/11/guide/index.html");
    assert!(guide.contains(r##"href="#zen-me-yu-lan""##), "{guide}");
    assert!(guide.contains(r#"id="zen-me-yu-lan""#));
    let news = site.read("2013/11/news/index.html");
    assert!(news.contains(r#"href="/2013/11/guide/#zen-me-yu-lan""#), "{news}");
    assert!(news.contains(r#"href="/2013/11/guide/#top""#));
    let out = site.run(&["check"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        !shown.contains("heading") && !shown.contains("leads nowhere"),
        "{shown}"
    );
}

#[test]
fn a_link_to_a_missing_heading_is_an_error_at_the_link() {
    let site = TestSite::new();
    site.article(
        "2013/11/guide.md",
        "title: 简报使用说明\ndate: 2013-11-03\ndistrict: 松江区\nslug: guide",
        "## 怎么预览\n\n运行 `jianbao serve`。\n\n## 常见问题\n\n见下。\n",
    );
    site.article(
        "2013/11/news.md",
        "title: 莘庄镇开通社区简报\ndate: 2013-11-04\ndistrict: 松江区\nslug: news",
        "详见“说明”一节：[说明](guide.md#怎么发布)。\n",
    );
    let shown = site.build_err();
    assert!(
        shown.contains("content/2013/11/news.md:7:15: error: the link to guide.md#怎么发布 names a heading that 简报使用说明 does not have"),
        "{shown}"
    );
    assert!(shown.contains("its headings are #怎么预览, #常见问题"), "{shown}");
    // check says the same, with everything else.
    let out = site.run(&["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("news.md:7:15: error: the link to guide.md#怎么发布"));
}

#[test]
fn a_term_record_that_cannot_be_written_does_not_fail_the_build() {
    let site = TestSite::new();
    site.simple("2013/11/a.md", "莘庄镇举行消防演练", "2013-11-03");
    // A file where the cache folder should be: nothing can be written under it.
    site.write(".jianbao-cache", "not a folder");
    let report = site.build_ok();
    assert!(site.has("2013/11/a/index.html"));
    let shown = common::render(&report.warnings);
    assert!(shown.contains("warning: could not create the cache folder"), "{shown}");
    assert!(shown.contains("the site was built"), "{shown}");
}

/// A 松江区 site as its reporters write it: tags typed with the input
/// method's `，` (a warning), a draft, and an article scheduled for 2099.
fn songjiang_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "2013/11/yinhang.md",
        "title: “银行进社区”走进泗泾镇\ndate: 2013-11-03\ndistrict: 松江区\ntags: [金融服务，社区]",
        "泗泾镇12个居委会的居民，在家门口办好了社保卡。\n",
    );
    site.simple("2013/11/chongqing.md", "重庆路口新设公交站", "2013-11-04");
    site.article(
        "2013/11/draft.md",
        "title: 草稿\ndate: 2013-11-05\ndistrict: 松江区\ndraft: true",
        "未完。\n",
    );
    site.article(
        "2099/01/later.md",
        "title: 明年的文章\ndate: 2099-01-01\ndistrict: 松江区",
        "以后再说。\n",
    );
    site
}

#[test]
fn the_first_build_of_settled_sources_leaves_a_record_though_it_wrote_the_terms() {
    let site = songjiang_site();
    // Sources written long ago; the build writes .jianbao-cache/terms.tsv itself.
    site.settle();
    let first = site.build_ok();
    assert!(!first.sources_unchanged);
    assert!(site.root().join(".jianbao-cache/terms.tsv").is_file());
    let again = site.build_ok();
    assert!(
        again.sources_unchanged,
        "the build's own terms record does not unsettle its sources"
    );
    assert_eq!(again.written, 0);
}

#[test]
fn a_build_of_sources_unchanged_since_the_last_reads_nothing_and_says_the_same() {
    let site = songjiang_site();
    site.build_ok();
    // The first build's sources were written moments before it: it left no record.
    site.settle();
    let full = site.build_ok();
    assert!(!full.sources_unchanged);
    let page = site.public().join("2013/11/yinhang/index.html");
    let written_at = std::fs::metadata(&page).and_then(|m| m.modified()).expect("page");

    let again = site.build_ok();
    assert!(
        again.sources_unchanged,
        "the second build of settled sources uses the record"
    );
    assert_eq!(again.written, 0);
    let shown = common::render(&again.warnings);
    assert!(
        shown.contains("`，` (typed by the Chinese input method) between tags"),
        "{shown}"
    );
    assert_eq!(shown, common::render(&full.warnings));
    assert_eq!(
        (again.pages, again.articles, again.static_files),
        (full.pages, full.articles, full.static_files)
    );
    assert_eq!(again.left_out, full.left_out);
    assert_eq!(
        std::fs::metadata(&page).and_then(|m| m.modified()).ok(),
        Some(written_at)
    );

    // The command line says the same as after the full build.
    let out = site.run(&["build", "--lang", "zh"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("没有文件改动"), "{stdout}");
    assert!(stdout.contains("1 篇草稿"), "{stdout}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("标签之间的“，”"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn any_change_to_a_source_or_the_output_builds_again() {
    type Step = (&'static str, fn(&TestSite), fn(&TestSite) -> bool);
    let steps: [Step; 7] = [
        (
            "an article edited",
            |s| {
                s.simple("2013/11/chongqing.md", "重庆路口新设两个公交站", "2013-11-04");
            },
            |s| s.read("2013/11/chongqing/index.html").contains("两个公交站"),
        ),
        (
            "an article added",
            |s| {
                s.simple("2013/11/changning.md", "长宁路修缮完工", "2013-11-06");
            },
            |s| s.has("2013/11/changning/index.html"),
        ),
        (
            "an article deleted",
            |s| std::fs::remove_file(s.root().join("content/2013/11/changning.md")).expect("remove"),
            |s| !s.has("2013/11/changning/index.html"),
        ),
        (
            "site.yaml edited",
            |s| {
                s.write("site.yaml", &common::SITE_YAML.replace("测试简报", "松江报"));
            },
            |s| s.read("index.html").contains("松江报"),
        ),
        (
            "a static file added",
            |s| {
                s.write("static/robots.txt", "User-agent: *\n");
            },
            |s| s.has("robots.txt"),
        ),
        (
            "a page of the output deleted",
            |s| std::fs::remove_file(s.public().join("2013/11/yinhang/index.html")).expect("remove"),
            |s| s.has("2013/11/yinhang/index.html"),
        ),
        (
            "the record itself deleted",
            |s| std::fs::remove_file(s.root().join(".public.jianbao-build")).expect("remove"),
            |s| s.has("index.html"),
        ),
    ];
    let site = songjiang_site();
    for (what, change, done) in steps {
        site.build_ok();
        site.settle();
        site.build_ok();
        assert!(site.build_ok().sources_unchanged, "{what}: the build before the change");
        change(&site);
        let report = site.build_ok();
        assert!(!report.sources_unchanged, "{what}");
        assert!(done(&site), "{what}");
    }
    // Built another way: with another base URL, then as before.
    site.settle();
    site.build_ok();
    assert!(site.build_ok().sources_unchanged);
    let preview = site
        .build_with(|o| o.base_url = Some("https://preview.example.org/".into()))
        .unwrap();
    assert!(!preview.sources_unchanged);
    assert!(site.read("index.html").contains("https://preview.example.org/"));
    assert!(!site.build_ok().sources_unchanged);
    assert!(!site.read("index.html").contains("https://preview.example.org/"));
}

#[test]
fn a_build_makes_the_same_pages_however_much_of_its_text_it_holds() {
    // A big archive holds its Markdown until each body is rendered, up to a
    // budget counted in the order the files are found, and sets the rest
    // aside in the scratch files; here a budget that takes about half.
    let site = TestSite::new();
    for n in 1..=12 {
        site.article(
            &format!("2014/03/z{n:02}.md"),
            &format!(
                "title: 泗泾镇“银行进社区”第{n}站\ndate: 2014-03-{n:02}\ndistrict: 松江区\ntags: [社保卡，重庆路]"
            ),
            &format!(
                "## 第{n}站：重庆路网点\n\n泗泾镇重庆路网点为{n}00余位老人办理了社保卡，“以后不用跑远路了。”\n\n\
                 ```yaml\n网点: 重庆路\n人数: {n}00\n```\n\n见[第一站的网点](/2014/03/z01.md#第1站重庆路网点)。\n"
            ),
        );
    }
    let text: u64 = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().expect("metadata").len())
        .sum();
    let half = usize::try_from(text / 16).expect("small");
    let mut outputs = Vec::new();
    for held_text in [None, Some(0), Some(half)] {
        let _ = std::fs::remove_dir_all(site.public());
        if let Err(problems) = site.build_with(|o| o.held_text = held_text) {
            panic!("held_text {held_text:?}:\n{}", common::render(&problems));
        }
        outputs.push((held_text, snapshot_tree(&site.public())));
    }
    let page = site.read("2014/03/z07/index.html");
    assert!(page.contains("为700余位老人办理了社保卡"), "{page}");
    assert!(
        page.contains("href=\"/2014/03/z01/#di-1-zhan-chong-qing-lu-wang-dian\""),
        "{page}"
    );
    let (_, held) = &outputs[0];
    for (held_text, output) in &outputs[1..] {
        assert!(
            output == held,
            "held_text {held_text:?} made other pages than holding everything"
        );
    }
}
