//! Chinese read right: names read by word in URLs and index order, dates in
//! the site's zone, term addresses that do not move when content is added,
//! and `check` asking about readings no dictionary settles.

mod common;

use common::TestSite;
use jianbao::check::{CheckOptions, check};

fn check_site(site: &TestSite) -> String {
    let problems = check(&CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    common::render(&problems)
}

/// The test site.yaml with more lines.
fn with_site_yaml(site: &TestSite, more: &str) {
    site.write("site.yaml", &format!("{}{more}", common::SITE_YAML));
}

fn article(site: &TestSite, rel: &str, date: &str, extra: &str) {
    site.article(
        rel,
        &format!("title: 闵行区“银发”志愿者走进社区\ndate: {date}\ndistrict: 松江区\nbyline: [{{ role: 记者, name: 卢连明 }}]\n{extra}"),
        "近日，莘庄镇组织 120 名志愿者为居民提供服务。\n",
    );
}

#[test]
fn polyphonic_names_get_their_word_readings_in_urls() {
    let site = TestSite::new();
    article(
        &site,
        "2013/11/a.md",
        "2013-11-03",
        "tags: [银行, 音乐, 还款]\ntowns: [莘庄镇]\ncolumn: 行长谈服务",
    );
    site.article(
        "2013/11/重庆来信.md",
        "title: 重庆来信\ndate: 2013-11-04\ndistrict: 松江区",
        "来信说，“长宁区”的做法值得学习。\n",
    );
    site.build_ok();
    for page in [
        "tags/yin-hang/index.html",
        "tags/yin-yue/index.html",
        "towns/xin-zhuang-zhen/index.html",
        "columns/hang-zhang-tan-fu-wu/index.html",
        "2013/11/chong-qing-lai-xin/index.html",
    ] {
        assert!(site.has(page), "{page} is missing");
    }
    assert!(!site.has("tags/yin-xing/index.html"));
}

/// The terms of an index page, in the order the page lists them.
fn listed(html: &str, names: &[&str]) -> Vec<String> {
    let mut at: Vec<(usize, String)> = names
        .iter()
        .map(|n| {
            (
                html.find(&format!(">{n}</a>"))
                    .unwrap_or_else(|| panic!("{n} not listed")),
                n.to_string(),
            )
        })
        .collect();
    at.sort();
    at.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn indexes_sort_by_the_same_word_readings() {
    let site = TestSite::new();
    article(
        &site,
        "2013/11/a.md",
        "2013-11-03",
        "tags: [新河, 重庆, 长宁, 长兴, 庄行, 庄河]",
    );
    site.build_ok();
    let tags = site.read("tags/index.html");
    // chang ning, chang xing, chong qing, xin he, zhuang he, zhuang xing (a guess).
    assert_eq!(
        listed(&tags, &["新河", "重庆", "长宁", "长兴", "庄行", "庄河"]),
        ["长宁", "长兴", "重庆", "新河", "庄河", "庄行"]
    );

    // A `slugs:` entry reads 庄行 as zhuang-hang: its URL and its place move together.
    with_site_yaml(&site, "slugs: { 庄行: zhuang-hang }\n");
    site.build_ok();
    let tags = site.read("tags/index.html");
    assert_eq!(listed(&tags, &["庄行", "庄河"]), ["庄行", "庄河"]);
    assert!(site.has("tags/zhuang-hang/index.html"));
}

#[test]
fn a_date_with_a_foreign_offset_lands_on_the_site_s_day() {
    let site = TestSite::new();
    with_site_yaml(&site, "utc_offset: \"+08:00\"\n");
    article(&site, "2013/11/late.md", "2013-11-30T23:30:00+00:00", "slug: late");
    site.build_ok();
    assert!(
        site.has("2013/12/late/index.html"),
        "belongs under December in Shanghai"
    );
    assert!(!site.has("2013/11/late/index.html"));
    let page = site.read("2013/12/late/index.html");
    assert!(page.contains("2013年12月1日"), "the day a reader in Shanghai lives it");
    assert!(page.contains("星期日"));
    // Feeds and the sitemap keep the instant.
    let feed = site.read("atom.xml");
    assert!(feed.contains("2013-12-01T07:30:00+08:00"), "{feed}");
}

#[test]
fn a_homophone_added_later_never_takes_a_published_address() {
    let site = TestSite::new();
    article(&site, "2013/11/minsu.md", "2013-11-01", "slug: minsu\ntags: [民宿]");
    site.build_ok();
    assert!(site.read("tags/min-su/index.html").contains("民宿"));

    // 民俗 first appears in a newer article: 民宿 keeps its address.
    article(
        &site,
        "2013/11/minsu-jie.md",
        "2013-11-20",
        "slug: minsu-jie\ntags: [民俗]",
    );
    site.build_ok();
    assert!(site.read("tags/min-su/index.html").contains(">民宿<"));
    assert!(site.read("tags/min-su-2/index.html").contains(">民俗<"));
    assert!(!check_site(&site).contains("moves from"));
}

/// A site built with the tag 民俗 alone, which therefore has the address min-su.
fn site_with_only_minsu() -> TestSite {
    let site = TestSite::new();
    article(
        &site,
        "2013/11/minsu-jie.md",
        "2013-11-20",
        "slug: minsu-jie\ntags: [民俗]",
    );
    site.build_ok();
    site
}

#[test]
fn a_homophone_dated_back_is_warned_of_before_it_moves_an_address() {
    let site = site_with_only_minsu();
    assert!(site.read("tags/min-su/index.html").contains(">民俗<"));

    // An older article brings in 民宿: it was used first, so it takes min-su.
    article(&site, "2013/11/minsu.md", "2013-11-01", "slug: minsu\ntags: [民宿]");
    let shown = check_site(&site);
    assert!(
        shown.contains(
            "content/2013/11/minsu.md:7:8: warning: the tag 民俗's address moves from /tags/min-su/ to /tags/min-su-2/: 民宿, used here earlier, now has that address"
        ),
        "{shown}"
    );
    assert!(shown.contains("add `民俗: min-su` under `slugs:`"), "{shown}");
    // Pinned as the hint says, it stays.
    with_site_yaml(&site, "slugs: { 民俗: min-su }\n");
    assert!(!check_site(&site).contains("moves from"));
    site.build_ok();
    assert!(site.read("tags/min-su/index.html").contains(">民俗<"));
    assert!(site.read("tags/min-su-2/index.html").contains(">民宿<"));
}

#[test]
fn a_moved_address_is_warned_of_by_the_build_that_moves_it_and_not_again() {
    let site = site_with_only_minsu();
    article(&site, "2013/11/minsu.md", "2013-11-01", "slug: minsu\ntags: [民宿]");
    let moving = common::render(&site.build_ok().warnings);
    assert!(
        moving.contains("the tag 民俗's address moves from /tags/min-su/"),
        "{moving}"
    );
    // Built again with nothing changed, in full and then from the build record:
    // the move is done and recorded, and neither says it again.
    site.settle();
    let full = site.build_ok();
    let recorded = site.build_ok();
    assert!(!full.sources_unchanged && recorded.sources_unchanged);
    for report in [full, recorded] {
        let shown = common::render(&report.warnings);
        assert!(!shown.contains("moves from"), "{shown}");
    }
}

#[test]
fn check_asks_about_readings_no_dictionary_settles() {
    let site = TestSite::new();
    article(
        &site,
        "2013/11/b.md",
        "2013-11-02",
        "towns: [庄行镇, 莘庄镇]\ntags: [银行]",
    );
    article(&site, "2013/11/a.md", "2013-11-05", "towns: [庄行镇]");
    site.write("content/2013/11/庄行见闻.md", "---\ntitle: 庄行见闻\ndate: 2013-11-06\ndistrict: 松江区\nbyline: [{ role: 记者, name: 卢连明 }]\n---\n正文。\n");
    let shown = check_site(&site);
    let guesses: Vec<&str> = shown.lines().filter(|l| l.contains("[pinyin-guess]")).collect();
    assert_eq!(guesses.len(), 2, "once per name, where it was first used:\n{shown}");
    assert!(
        guesses[0].starts_with(
            "content/2013/11/b.md:6:9: warning: the pinyin of 庄行镇 is a guess: 行 reads xing, hang or heng"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("add `庄行镇: zhuang-hang-zhen` under `slugs:` in site.yaml"),
        "{shown}"
    );
    assert!(
        guesses[1].starts_with("content/2013/11/庄行见闻.md:1:1: warning: the pinyin of 庄行见闻 is a guess"),
        "{shown}"
    );
    assert!(
        shown.contains("add `slug: zhuang-hang-jian-wen` to the front matter"),
        "{shown}"
    );

    // Settled in site.yaml and in the front matter: nothing to ask.
    with_site_yaml(&site, "slugs: { 庄行镇: zhuang-hang-zhen }\n");
    site.write("content/2013/11/庄行见闻.md", "---\ntitle: 庄行见闻\ndate: 2013-11-06\ndistrict: 松江区\nslug: zhuang-hang-jian-wen\nbyline: [{ role: 记者, name: 卢连明 }]\n---\n正文。\n");
    assert!(!check_site(&site).contains("pinyin-guess"));
}

#[test]
fn a_district_without_a_slug_is_asked_about_in_site_yaml() {
    let site = TestSite::new();
    with_site_yaml(&site, "  庄行区: { towns: [庄行镇] }\n");
    article(&site, "2013/11/a.md", "2013-11-05", "slug: a");
    let shown = check_site(&site);
    assert!(
        shown.contains("site.yaml:7:1: warning: the pinyin of 庄行区 is a guess"),
        "{shown}"
    );
    assert!(shown.contains("add `slug: zhuang-hang-qu` to its entry"), "{shown}");
    with_site_yaml(&site, "  庄行区: { slug: zhuanghang }\n");
    assert!(!check_site(&site).contains("pinyin-guess"));
}

#[test]
fn a_town_that_shares_a_common_word_s_characters_is_asked_about() {
    let site = TestSite::new();
    article(&site, "2013/11/a.md", "2013-11-05", "slug: a\ntowns: [重固镇]");
    let shown = check_site(&site);
    assert!(shown.contains("the pinyin of 重固镇 is a guess: 重 reads"), "{shown}");
    assert!(shown.contains("add `重固镇: chong-gu-zhen` under `slugs:`"), "{shown}");
}
