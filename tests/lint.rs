//! The newsroom lints on whole sites read from disk: the sample bulletin, and
//! small sites in temporary folders (files with a BOM and CRLF line ends, lints
//! switched off in site.yaml, a file gone since loading).

mod common;

use std::path::Path;

use common::TestSite;
use jianbao::error::{Area, Severity};
use jianbao::lint::{Lint, lint_site};
use jianbao::pipeline::sites::load_site;
use jianbao::site::{Site, SiteOptions};

fn load(root: &Path) -> Site {
    load_site(root, &SiteOptions::default()).expect("the site loads").0
}

#[test]
fn the_sample_bulletin_reports_its_52_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown: Vec<String> = lint_site(root, &load(root)).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "content/2013/11/fengjing-xiaofang.md:3:20: warning: the kicker gives 52, a number the body does not \
          contain: “全镇 87 家单位 52 名职工参加” [number-mismatch]\n  \
          hint: the body has 352名 and 179名; make the kicker and the body agree"
        ]
    );
}

/// A site whose articles each have one problem, one of them saved with a BOM and CRLF line ends.
fn site_with_problems(lints: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!(
            "{}{lints}",
            common::SITE_YAML.replace(
                "松江区: { slug: songjiang }",
                "松江区: { slug: songjiang, towns: [洞泾镇] }"
            )
        ),
    );
    site.write(
        "content/b.md",
        "\u{feff}---\r\ntitle: 标题\r\ndate: 2013-11-04\r\ndistrict: 松江区\r\nbyline: [{ role: 记者, name: 卢连明 }]\r\n---\r\n第一段。\r\n\r\n参加的有村民,志愿者和党员。\r\n",
    );
    site.article(
        "a.md",
        "title: 标题\ndate: 2013-11-05\ndistrict: 松江区\ntowns: [泖港镇]\nbyline: [{ role: 记者, name: 卢连明 }]",
        "听了镇里的介绍，村民们纷纷\n\n表示支持这项工作。\n",
    );
    site
}

#[test]
fn warnings_name_file_line_and_column_across_files_in_order() {
    let site = site_with_problems("");
    let found = lint_site(site.root(), &load(site.root()));
    let places: Vec<(String, usize, usize, Option<Lint>)> = found
        .iter()
        .map(|d| (d.path.display().to_string(), d.line, d.column, Lint::of(d)))
        .collect();
    assert_eq!(
        places,
        [
            ("content/a.md".to_string(), 5, 9, Some(Lint::TownNotInDistrict)),
            ("content/a.md".to_string(), 8, 13, Some(Lint::ColumnBreak)),
            // The BOM and CR line ends do not move the place.
            ("content/b.md".to_string(), 9, 7, Some(Lint::HalfWidthPunctuation)),
        ]
    );
    assert!(
        found
            .iter()
            .all(|d| d.severity == Severity::Warning && d.area == Area::Content)
    );
}

#[test]
fn site_yaml_switches_lints_off() {
    let site = site_with_problems("lints:\n  column-break: false\n  half-width-punctuation: false\n");
    let found = lint_site(site.root(), &load(site.root()));
    let lints: Vec<Option<Lint>> = found.iter().map(Lint::of).collect();
    assert_eq!(lints, [Some(Lint::TownNotInDistrict)]);
}

#[test]
fn a_misspelt_lint_is_a_configuration_error() {
    let site = site_with_problems("lints: { colum-break: false }\n");
    let problems = load_site(site.root(), &SiteOptions::default()).expect_err("site.yaml is wrong");
    let d = problems.iter().next().expect("one problem");
    assert_eq!(
        (d.area, d.message.to_string().as_str()),
        (Area::Config, "unknown key `colum-break`")
    );
    assert_eq!(
        d.hint.as_ref().map(ToString::to_string).as_deref(),
        Some("did you mean `column-break`?")
    );
}

#[test]
fn an_article_gone_since_loading_is_a_warning_not_a_panic() {
    let site = site_with_problems("");
    let loaded = load(site.root());
    std::fs::remove_file(site.root().join("content/a.md")).expect("remove");
    let found = lint_site(site.root(), &loaded);
    let gone: Vec<_> = found.iter().filter(|d| d.area == Area::Io).collect();
    assert_eq!(gone.len(), 1, "{found:?}");
    assert_eq!(gone[0].severity, Severity::Warning);
    assert!(
        gone[0]
            .text()
            .starts_with("could not read the article again to lint it")
    );
}

/// `check` in English on `site`, every problem shown.
fn check_text(site: &TestSite) -> String {
    let problems = jianbao::check::check(&jianbao::check::CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// An article with nothing wrong but the copy desk's warning that nobody signs it.
fn unsigned_notice(site: &TestSite) {
    site.article(
        "2013/11/yinhang.md",
        "title: 长宁区“银行进社区”活动走进新华路街道\ndate: 2013-11-12\ndistrict: 松江区",
        "11月12日上午，银行的12名工作人员为居民讲解“防范电信诈骗”知识。\n",
    );
}

#[test]
fn check_lints_the_articles_that_load_when_another_fails() {
    let site = TestSite::new();
    unsigned_notice(&site);
    site.article(
        "2013/11/cuowu.md",
        "title: 缺少日期的稿件\ndistrict: 松江区",
        "正文。\n",
    );
    let shown = check_text(&site);
    assert!(shown.contains("cuowu.md") && shown.contains("error"), "{shown}");
    assert!(shown.contains("yinhang.md") && shown.contains("[no-byline]"), "{shown}");
}

#[test]
fn check_lints_the_site_when_its_theme_fails() {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{}theme: mine\n", common::SITE_YAML));
    site.write("themes/mine/templates/index.html", "<h1>{{ site.title }}</h1>\n");
    unsigned_notice(&site);
    let shown = check_text(&site);
    assert!(shown.contains("themes/mine") && shown.contains("error"), "{shown}");
    assert!(shown.contains("yinhang.md") && shown.contains("[no-byline]"), "{shown}");
}

/// The lints of GB/T 15834, 15835 and 9704, on 42 paragraphs of a district
/// government notice and news in its style: every slip a copy editor following
/// the standards would mark, and no warning on the
/// traps beside them (〔2013〕45号, 38-2号, 021-57812345, 120千米, 二〇一三年,
/// 第一, 三四个, 1、2两个批次, 1月～4月).
#[test]
fn a_government_notice_gets_the_marks_the_standards_give_and_no_other() {
    let site = TestSite::new();
    site.write("site.yaml", common::SITE_YAML);
    site.article(
        "notice.md",
        "title: 关于做好本年度河道整治工作的通知\ndate: 2013-11-14\ndistrict: 松江区\nbyline: [{ role: 记者, name: 卢连明 }]",
        include_str!("fixtures/standards/notice.md"),
    );
    let standard: Vec<Lint> = Lint::ALL.into_iter().filter(|l| l.rule().is_some()).collect();
    let found: Vec<(usize, &str, String)> = lint_site(site.root(), &load(site.root()))
        .iter()
        .filter_map(|d| {
            let lint = Lint::of(d).filter(|l| standard.contains(l))?;
            Some((
                d.line,
                lint.id(),
                d.hint.as_ref().map(ToString::to_string).unwrap_or_default(),
            ))
        })
        .collect();
    let marks: Vec<(usize, &str, &str)> = found
        .iter()
        .map(|(line, id, hint)| {
            let right = hint.split('“').nth(1).and_then(|s| s.split('”').next()).unwrap_or("");
            (*line, *id, right)
        })
        .collect();
    assert_eq!(
        marks,
        [
            (17, "ordinal-mark", "（二）"),
            (21, "ordinal-mark", "2."),
            (21, "range-mark", "3～5个"),
            (23, "ordinal-mark", "三、"),
            (34, "range-mark", "2月～6月"),
            (38, "year-zero", "二〇一三年"),
            (44, "mixed-numerals", "4000"),
            (46, "doc-number", "〔2013〕8号"),
            (64, "range-mark", "5日～6日"),
            (66, "range-mark", "8:30～17:00"),
            (80, "date-numerals", "2013年11月"),
            (82, "nested-quotes", ""),
            (86, "dash", "——"),
            (88, "ordinal-level", ""),
            (90, "measure-numerals", "3.8公里"),
        ],
        "{found:#?}"
    );
    // Switched off for the article, and for one line by the comment beside it.
    site.article(
        "notice.md",
        "title: 关于做好本年度河道整治工作的通知\ndate: 2013-11-14\ndistrict: 松江区\nbyline: [{ role: 记者, name: 卢连明 }]\nlints: { off: [range-mark] }",
        &include_str!("fixtures/standards/notice.md").replace(
            "会上还通报了二零一三年前三季度各村考核情况。",
            "会上还通报了二零一三年前三季度各村考核情况。<!-- lint-off：year-zero -->",
        ),
    );
    let ids: Vec<&str> = lint_site(site.root(), &load(site.root()))
        .iter()
        .filter_map(|d| Lint::of(d).filter(|l| standard.contains(l)).map(Lint::id))
        .collect();
    assert_eq!(
        ids,
        [
            "ordinal-mark",
            "ordinal-mark",
            "ordinal-mark",
            "mixed-numerals",
            "doc-number",
            "date-numerals",
            "nested-quotes",
            "dash",
            "ordinal-level",
            "measure-numerals"
        ]
    );
}
