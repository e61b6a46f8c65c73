//! Tests of the lints together: the sample bulletin, switching lints off, the
//! ids, and inputs that must not make any lint panic. Also the helpers the
//! tests of each lint share.

use std::path::Path;

use super::*;
use crate::config::{Overrides, parse_config};
use crate::markdown::{self, LinkTarget, MarkdownOptions};
use crate::site::{SiteOptions, load_site};

/// A site with towns listed for two districts and none for a third.
const SITE: &str = "title: 测试\nbase_url: https://example.org/\ndistricts:\n  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }\n  金山区: { slug: jinshan, towns: [枫泾镇] }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

/// The test site's configuration, with `extra` lines of site.yaml.
pub(super) fn config(extra: &str) -> Config {
    parse_config(&format!("{SITE}{extra}"), &Overrides::default()).expect("the test site.yaml is valid")
}

/// An article as loaded, and the text of its file.
pub(super) struct TestArticle {
    pub article: Article,
    pub source: String,
}

/// An article from the whole text of its file.
pub(super) fn article_from(source: &str) -> TestArticle {
    let split = front_matter::split(source).expect("test articles have front matter");
    let front = front_matter::parse(split.yaml, split.yaml_line, &config("")).expect("valid front matter");
    let body = markdown::render(split.body, MarkdownOptions::default(), &|_| LinkTarget::Keep);
    let article = Article {
        source: "content/2013/11/test.md".into(),
        content_path: "2013/11/test.md".into(),
        front,
        slug: "test".into(),
        url_path: "2013/11/test/".into(),
        html: body.html,
        summary: String::new(),
        char_count: body.char_count,
        reading_minutes: 1,
        headings: body.headings,
        search_text: String::new(),
        lead_picture: None,
        pictures: Vec::new(),
    };
    TestArticle {
        article,
        source: source.to_string(),
    }
}

/// An article with the front-matter lines `front` (each ending in `\n`) and a
/// date, district (金山区) and byline unless `front` has its own, then `body`.
/// `front` starts on line 2; with only a title, the body starts on line 7.
pub(super) fn article(front: &str, body: &str) -> TestArticle {
    let mut text = format!("---\n{front}");
    for (key, line) in [
        ("date:", "date: 2013-11-04\n"),
        ("district:", "district: 金山区\n"),
        ("byline:", "byline: [{ role: 通讯员, name: 金领军 }]\n"),
    ] {
        if !front.contains(key) {
            text.push_str(line);
        }
    }
    text.push_str("---\n");
    text.push_str(body);
    article_from(&text)
}

/// The warnings for `a` on the test site with `extra` lines of site.yaml.
pub(super) fn lint_with(extra: &str, a: &TestArticle) -> Vec<Diagnostic> {
    lint_article(&a.article, &a.source, &config(extra))
}

/// The ids of the warnings for `a`.
pub(super) fn lint_ids(extra: &str, a: &TestArticle) -> Vec<&'static str> {
    lint_with(extra, a).iter().filter_map(Lint::of).map(Lint::id).collect()
}

#[test]
fn the_sample_bulletin_has_exactly_its_52() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = load_site(root, &SiteOptions::default()).expect("the sample bulletin loads");
    let found = lint_site(root, &site);
    let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "{shown:#?}");
    let d = &found[0];
    assert_eq!(d.path, Path::new("content/2013/11/fengjing-xiaofang.md"));
    assert_eq!((d.severity, d.area), (crate::error::Severity::Warning, Area::Content));
    assert_eq!(Lint::of(d), Some(Lint::NumberMismatch));
    // Line 3 is `kicker: "全镇 87 家单位 52 名职工参加"`.
    assert_eq!((d.line, d.column), (3, 20));
    assert!(d.message.to_string().contains("gives 52,"), "{}", d.message);
    assert!(
        d.hint
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .is_some_and(|h| h.contains("352名")),
        "{:?}",
        d.hint
    );
}

/// An article that sets off every lint once; its Chinese file name, with 行
/// outside any dictionary word, makes its URL a guess.
fn every_mistake() -> TestArticle {
    let mut a = article_from(concat!(
        "---\n",
        "title: 52名职工参赛\n",
        "date: 2013-11-04\n",
        "district: 金山区\n",
        "towns: [洞泾镇]\n",
        "kind: brief\n",
        "image: { src: drill.jpg }\n",
        "---\n",
        "11月3日，全镇87家单位的\n",
        "\n",
        "352名职工上场,“好”，\"好\"。[](https://example.org/)\n",
    ));
    a.article.content_path = "2013/11/庄行见闻.md".into();
    a
}

#[test]
fn every_lint_can_be_switched_off_alone() {
    let a = every_mistake();
    let all = lint_ids("lints: { brief_limit: 5 }\n", &a);
    let mut expected: Vec<&str> = Lint::ALL.iter().map(|l| l.id()).collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "each lint once: {all:?}");
    for lint in Lint::ALL {
        let ids = lint_ids(&format!("lints: {{ brief_limit: 5, {}: false }}\n", lint.id()), &a);
        assert!(!ids.contains(&lint.id()), "{}: {ids:?}", lint.id());
        assert_eq!(ids.len(), Lint::ALL.len() - 1, "{}: {ids:?}", lint.id());
    }
}

#[test]
fn warnings_are_sorted_and_carry_file_severity_and_hint() {
    let found = lint_with("lints: { brief_limit: 5 }\n", &every_mistake());
    let places: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort_unstable();
    assert_eq!(places, sorted);
    for d in &found {
        assert_eq!(d.path, Path::new("content/2013/11/test.md"));
        assert_eq!((d.severity, d.area), (crate::error::Severity::Warning, Area::Content));
        assert!(
            d.hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .is_some_and(|h| !h.is_empty()),
            "{d}"
        );
        assert!(d.line >= 1, "{d}");
    }
}

#[test]
fn ids_are_the_keys_of_site_yaml() {
    let keys: Vec<&str> = crate::config::LINT_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "brief_limit")
        .collect();
    let ids: Vec<&str> = Lint::ALL.iter().map(|l| l.id()).collect();
    assert_eq!(keys, ids);
    for lint in Lint::ALL {
        let on = config("");
        let off = config(&format!("lints: {{ {}: false }}\n", lint.id()));
        assert!(
            lint.is_enabled(&on.lints) && !lint.is_enabled(&off.lints),
            "{}",
            lint.id()
        );
    }
}

#[test]
fn the_lint_of_a_warning_is_known() {
    let d = Diagnostic::warning(Area::Content, "a.md", 1, 1, "x").from_lint("column-break");
    assert_eq!(Lint::of(&d), Some(Lint::ColumnBreak));
    assert_eq!(d.text(), "x [column-break]");
    let d = Diagnostic::warning(Area::Content, "a.md", 1, 1, "x").from_lint("no such lint");
    assert_eq!(Lint::of(&d), None);
    assert_eq!(
        Lint::of(&Diagnostic::error(Area::Content, "a.md", 1, 1, "unknown district")),
        None
    );
}

#[test]
fn a_byte_order_mark_and_crlf_do_not_move_the_place() {
    let a = article("title: 标题\n", "参加的有村民,志愿者和党员。\n");
    let crlf = format!("\u{feff}{}", a.source.replace('\n', "\r\n"));
    let places = |source: &str| -> Vec<(usize, usize)> {
        lint_article(&a.article, source, &config(""))
            .iter()
            .map(|d| (d.line, d.column))
            .collect()
    };
    assert_eq!(places(&crlf), [(7, 7)]);
    assert_eq!(places(&crlf), places(&a.source));
}

#[test]
fn a_file_changed_since_loading_still_gets_its_front_matter_linted() {
    let a = every_mistake();
    let found = lint_article(&a.article, "不再是文章", &config(""));
    assert!(found.iter().any(|d| Lint::of(d) == Some(Lint::TownNotInDistrict)));
    assert!(found.iter().all(|d| d.line >= 1));
}

#[test]
fn odd_text_never_panics() {
    // A fixed pseudo-random walk over the characters the lints look at, so
    // that every slicing path meets multi-byte characters at every position.
    let alphabet: Vec<char> = "一二两十百千万亿零〇点分之多余近约3５.,:;()?!\"“”「」'`*_[]()!<>#-\n \t，。、：；（）！？…—http://www.村民志愿者名家%％"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    let config = config("lints: { brief_limit: 1 }\n");
    for _ in 0..400 {
        let len = next(60);
        let mut text = String::new();
        for _ in 0..len {
            text.push(alphabet[next(alphabet.len())]);
        }
        let title: String = text
            .chars()
            .filter(|c| !"\n\"'`*[]#-:{}".contains(*c))
            .take(20)
            .collect();
        let title = if title.trim().is_empty() {
            "标题".to_string()
        } else {
            title
        };
        let a = article(&format!("title: '{title}'\nkicker: '{title}'\nkind: brief\n"), &text);
        let _ = lint_article(&a.article, &a.source, &config);
        let _ = lint_article(&a.article, &text, &config);
    }
}
