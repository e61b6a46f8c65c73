//! Moved pages keep working: `aliases:` in front matter and `old_slugs:` in
//! site.yaml publish redirect pages at the old addresses, which the sitemap,
//! feeds and search index leave out; an old address that is a page is an error
//! at the line that asked for it.

mod common;

use std::path::Path;

use common::{TestSite, render, snapshot_tree};

/// A district paper of 闵行区 and 松江区, published under /bulletin/.
const SITE_YAML: &str = "\
title: 闵行简报
base_url: https://example.org/bulletin/
search: true
districts:
  闵行区: { slug: minhang, towns: [莘庄镇, 七宝镇], old_slugs: [min-hang-qu] }
  松江区: { slug: songjiang }
slugs:
  莘庄镇: xin-zhuang-zhen
  文明创建: wen-ming-chuang-jian
old_slugs:
  文明创建: [chuang-jian]
  莘庄镇: [xinzhuang]
";

/// The article moved from the old CMS, with its old addresses.
const WENMING: &str = "\
title: 莘庄镇“文明小区”评选揭晓
date: 2013-11-05
district: 闵行区
towns: [莘庄镇]
tags: [文明创建]
byline: [{ role: 通讯员, name: 闵宣 }]
slug: wen-ming-xiao-qu
aliases:
  - /2013/11/wenming/
  - /news/show-1105.html";

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", SITE_YAML);
    site.article(
        "2013/11/wenming.md",
        WENMING,
        "本报讯 11月4日，莘庄镇“文明小区”评选揭晓，12个小区榜上有名。\n",
    );
    site.article(
        "2013/11/drill.md",
        "title: 七宝镇举行消防演练\ndate: 2013-11-03\ndistrict: 闵行区\ntowns: [七宝镇]\ntags: [消防安全]",
        "本报讯 演练设置了逃生、救护、灭火等科目。\n",
    );
    site
}

#[test]
fn an_alias_publishes_a_redirect_page_to_the_article() {
    let site = site();
    site.build_ok();
    let page = site.read("2013/11/wenming/index.html");
    for part in [
        "<html lang=\"zh-CN\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/bulletin/2013/11/wen-ming-xiao-qu/\">",
        "<link rel=\"canonical\" href=\"https://example.org/bulletin/2013/11/wen-ming-xiao-qu/\">",
        "<meta name=\"robots\" content=\"noindex\">",
        "本页已迁至：<a href=\"/bulletin/2013/11/wen-ming-xiao-qu/\">莘庄镇“文明小区”评选揭晓</a>",
        "<title>莘庄镇“文明小区”评选揭晓 - 闵行简报</title>",
    ] {
        assert!(page.contains(part), "missing {part} in\n{page}");
    }
    // A path ending in .html is that file, with the same page.
    assert_eq!(site.read("news/show-1105.html"), page);
    assert!(site.has("2013/11/wen-ming-xiao-qu/index.html"), "the article itself");
}

#[test]
fn a_command_line_base_url_moves_the_redirects_with_it() {
    let site = site();
    site.build_with(|o| o.base_url = Some("https://preview.example.net/pr-7/".into()))
        .unwrap_or_else(|p| panic!("{}", render(&p)));
    let page = site.read("2013/11/wenming/index.html");
    assert!(page.contains("url=/pr-7/2013/11/wen-ming-xiao-qu/\""), "{page}");
    assert!(page.contains("href=\"https://preview.example.net/pr-7/2013/11/wen-ming-xiao-qu/\""));
}

#[test]
fn old_slugs_redirect_a_tag_a_town_and_a_district() {
    let site = site();
    site.build_ok();
    for (old, new, title) in [
        ("tags/chuang-jian/", "tags/wen-ming-chuang-jian/", "标签：文明创建"),
        ("towns/xinzhuang/", "towns/xin-zhuang-zhen/", "镇：莘庄镇"),
        ("districts/min-hang-qu/", "districts/minhang/", "各区：闵行区"),
    ] {
        let page = site.read(&format!("{old}index.html"));
        assert!(
            page.contains(&format!("content=\"0; url=/bulletin/{new}\"")),
            "{old}: {page}"
        );
        assert!(
            page.contains(&format!("href=\"https://example.org/bulletin/{new}\"")),
            "{old}"
        );
        assert!(page.contains(&format!(">{title}</a>")), "{old}: {page}");
        assert!(site.has(&format!("{new}index.html")), "{new}");
    }
}

#[test]
fn redirects_are_in_no_sitemap_feed_or_search_index() {
    let site = site();
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/bulletin/2013/11/wen-ming-xiao-qu/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/bulletin/tags/wen-ming-chuang-jian/</loc>"));
    for old in [
        "2013/11/wenming/",
        "news/show-1105",
        "/tags/chuang-jian/",
        "towns/xinzhuang/",
        "min-hang-qu",
    ] {
        assert!(!sitemap.contains(old), "{old} in the sitemap:\n{sitemap}");
    }
    let public = site.public();
    for (file, bytes) in snapshot_tree(&public) {
        let is_feed_or_index = file.ends_with("atom.xml") || file.starts_with("search/");
        if is_feed_or_index {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("wenming/") && !text.contains("show-1105"), "{file}");
        }
    }
}

#[test]
fn check_finds_nothing_wrong_with_redirects() {
    let site = site();
    let problems = jianbao::check::check(&jianbao::check::CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert!(errors.is_empty(), "{}", render(&problems));
}

#[test]
fn builds_with_redirects_are_byte_identical() {
    let site = site();
    site.build_ok();
    let first = snapshot_tree(&site.public());
    let output = tempfile::tempdir().unwrap();
    let again = output.path().join("public");
    site.build_with(|o| o.output = again.clone()).unwrap();
    assert!(first == snapshot_tree(&again), "two builds differ");
}

#[test]
fn an_alias_that_is_a_page_is_an_error_at_its_line() {
    let site = site();
    site.article(
        "2013/11/qibao.md",
        "title: 七宝镇老街修缮完工\ndate: 2013-11-06\ndistrict: 闵行区\ntowns: [七宝镇]\naliases:\n  - /2013/11/drill/\n  - /2013/11/qibao/\n  - /tags/xiao-fang-an-quan/\n  - /2013/11/wenming/",
        "本报讯 七宝老街修缮完工。\n",
    );
    let printed = site.build_err();
    let file = "content/2013/11/qibao.md";
    for line in [
        format!("{file}:7:5: error: the alias /2013/11/drill/ clashes with the article content/2013/11/drill.md\n"),
        format!("{file}:8:5: error: the alias /2013/11/qibao/ is this article's own URL\n"),
        format!("{file}:9:5: error: the alias /tags/xiao-fang-an-quan/ clashes with the page of the tag 消防安全\n"),
        format!(
            "{file}:10:5: error: the alias /2013/11/wenming/ clashes with the alias /2013/11/wenming/ (content/2013/11/wenming.md:10)\n"
        ),
        "content/2013/11/wenming.md:10:5: error: the alias /2013/11/wenming/ clashes with the alias /2013/11/wenming/ (content/2013/11/qibao.md:10)\n".to_string(),
    ] {
        assert!(printed.contains(&line), "missing {line}in\n{printed}");
    }
    assert!(
        printed.contains("hint: remove it: the article is published at that address already"),
        "{printed}"
    );
    assert!(!site.public().exists(), "nothing written");

    // `check` says the same.
    let problems = jianbao::check::check(&jianbao::check::CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    assert_eq!(problems.error_count(), 5, "{}", render(&problems));
}

#[test]
fn an_old_slug_that_is_a_page_is_an_error_at_its_line_in_site_yaml() {
    let site = site();
    let yaml = SITE_YAML.replace("[chuang-jian]", "[chuang-jian, xiao-fang-an-quan]");
    site.write("site.yaml", &yaml);
    let printed = site.build_err();
    assert!(
        printed.contains(
            "site.yaml:11:23: error: the old slug `xiao-fang-an-quan` of the tag 文明创建 (/tags/xiao-fang-an-quan/) clashes with the page of the tag 消防安全\n"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("hint: an old slug is one that has no page now"),
        "{printed}"
    );
}

#[test]
fn bad_aliases_and_old_slugs_are_errors_at_their_lines_with_hints() {
    let site = site();
    site.article(
        "2013/11/qibao.md",
        "title: 七宝镇老街修缮完工\ndate: 2013-11-06\ndistrict: 闵行区\naliases: [http://old.example.org/qibao/, /../qibao/, /]\ntags: [老街]",
        "本报讯 七宝老街修缮完工。\n",
    );
    let printed = site.build_err();
    let file = "content/2013/11/qibao.md";
    for line in [
        format!(
            "{file}:5:11: error: the alias `http://old.example.org/qibao/` is a full address; an alias is a path on this site\n  hint: leave out https:// and the host"
        ),
        format!("{file}:5:42: error: the alias `/../qibao/` climbs out of its folder with `..`\n"),
        format!("{file}:5:54: error: the alias `/` is the front page\n"),
    ] {
        assert!(printed.contains(&line), "missing {line}in\n{printed}");
    }

    let site = self::site();
    site.write("site.yaml", &SITE_YAML.replace("[xinzhuang]", "[Xin Zhuang]"));
    let printed = site.build_err();
    assert!(
        printed.contains("site.yaml:12:9: error: old slug `Xin Zhuang` for 莘庄镇 is not URL-safe\n  hint: write the slug as it was in the old URL, such as xin-zhuang\n"),
        "{printed}"
    );
}

#[test]
fn a_theme_without_redirect_html_gets_the_built_in_one_and_a_site_may_override_it() {
    let site = site();
    site.write(
        "site.yaml",
        &format!("{}theme: plain\n", SITE_YAML.replace("search: true\n", "")),
    );
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/plain");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&fixture).unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            site.write(&format!("themes/plain/{}", rel.display()), &text);
        }
    }
    assert!(!fixture.join("templates/redirect.html").exists());
    site.build_ok();
    let page = site.read("2013/11/wenming/index.html");
    assert!(page.contains("url=/bulletin/2013/11/wen-ming-xiao-qu/"), "{page}");

    site.write(
        "templates/redirect.html",
        "<!doctype html><html lang=\"{{ site.language }}\"><meta http-equiv=\"refresh\" content=\"0; url={{ redirect.url }}\"><p>{{ page.kind }}：{{ redirect.title }} {{ redirect.permalink }}</p></html>\n",
    );
    site.build_ok();
    assert_eq!(
        site.read("2013/11/wenming/index.html"),
        "<!doctype html><html lang=\"zh-CN\"><meta http-equiv=\"refresh\" content=\"0; url=/bulletin/2013/11/wen-ming-xiao-qu/\"><p>redirect：莘庄镇“文明小区”评选揭晓 https://example.org/bulletin/2013/11/wen-ming-xiao-qu/</p></html>\n"
    );
}
