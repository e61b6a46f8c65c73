//! Untrusted copy: no input panics, every failure is an error with a file and
//! a line, hostile text is never published as markup, and output does not
//! depend on thread counts or the order files were written in.

mod common;

use common::{TestSite, snapshot_tree};
use jianbao::build::build_in_memory;
use proptest::prelude::*;

// Search on, so that random text goes through the search index too.
const SITE_YAML: &str = "title: 测试\nbase_url: https://example.org/\nsearch: true\ndistricts:\n  松江区: { slug: songjiang }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

/// Builds one article in memory; panics only if jianbao panics.
fn build_one(text: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    build_in_memory(SITE_YAML, &[("2013/11/a.md", text.as_bytes())]).map_err(|problems| {
        for p in &problems {
            assert!(
                p.path.starts_with("content") && p.line >= 1,
                "a problem without a file and line: {p}\n--- input ---\n{text}"
            );
        }
        common::render(&problems)
    })
}

fn front_matter_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("subtitle"),
        Just("kicker"),
        Just("date"),
        Just("district"),
        Just("towns"),
        Just("column"),
        Just("kind"),
        Just("tags"),
        Just("byline"),
        Just("image"),
        Just("slug"),
        Just("draft"),
        Just("summary"),
        Just("titel"),
        Just("- x"),
        Just("")
    ];
    let value = prop_oneof![
        Just("标题".to_string()),
        Just("2013-11-03".to_string()),
        Just("2013-02-30".to_string()),
        Just("松江区".to_string()),
        Just("崇明县".to_string()),
        Just("[甲, 乙]".to_string()),
        Just("[]".to_string()),
        Just("{ role: 记者, name: 卢连明 }".to_string()),
        Just("[{ role: 记者 }]".to_string()),
        Just("{ src: a.jpg }".to_string()),
        Just("brief".to_string()),
        Just("true".to_string()),
        Just("\"未闭合".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just(": :".to_string()),
        Just("&anchor x".to_string()),
        Just("*alias".to_string()),
        Just("!!binary aGk=".to_string()),
        "\\PC{0,12}".prop_map(|s| s),
    ];
    (key, value).prop_map(|(k, v)| format!("{k}: {v}"))
}

fn markdown_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("正文，".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("## 小标题\n".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("```".to_string()),
        Just("```rust\nfn x() {}\n```\n".to_string()),
        Just("[链接](b.md)".to_string()),
        Just("[](".to_string()),
        Just("<!-- more -->".to_string()),
        Just("<script>".to_string()),
        Just("<div onclick=x>".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: 注\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("**".to_string()),
        Just("~~".to_string()),
        Just("- [x] ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("{#id}".to_string()),
        Just("![图](x.jpg)".to_string()),
        "\\PC{0,8}".prop_map(|s| s),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_front_matter_and_markdown_never_panic(
        lines in proptest::collection::vec(front_matter_line(), 0..8),
        body in markdown_body(),
        fence in prop_oneof![Just("---\n"), Just(""), Just("---\r\n"), Just("\u{feff}---\n")],
        close in any::<bool>(),
    ) {
        let text = format!("{fence}{}\n{}{body}", lines.join("\n"), if close { "---\n" } else { "" });
        let _ = build_one(&text);
    }

    #[test]
    fn any_body_under_valid_front_matter_builds_or_reports(body in markdown_body()) {
        let text = format!("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\n---\n{body}");
        if let Ok(files) = build_one(&text) {
            prop_assert!(files.iter().any(|(f, _)| f == "2013/11/a/index.html"));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = build_in_memory(SITE_YAML, &[("2013/11/a.md", &bytes)]);
    }

    #[test]
    fn arbitrary_site_yaml_never_panics(yaml in "\\PC{0,200}") {
        let _ = build_in_memory(&yaml, &[]);
    }
}

/// Payloads that must never reach a page as markup.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
];

/// What a page must not contain, whatever was written in an article.
fn assert_no_live_markup(file: &str, text: &str) {
    for bad in [
        "<script>alert",
        "<img src=x onerror",
        "<svg onload",
        "href=\"javascript:",
        "src=\"javascript:",
        "<iframe",
    ] {
        assert!(!text.contains(bad), "{file} contains {bad}");
    }
    for tag in text
        .split('<')
        .skip(1)
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
        // Attribute values are quoted; what is inside quotes is text, not attributes.
        let names_only: String = tag.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        let has_handler = names_only.split_whitespace().skip(1).any(|attr| {
            attr.starts_with("on")
                && attr
                    .find('=')
                    .is_some_and(|eq| attr[2..eq].chars().all(|c| c.is_ascii_alphabetic()))
        });
        assert!(!has_handler, "{file} has an event handler in <{tag}>");
    }
    assert!(
        !text.contains(">49<"),
        "{file} evaluated a template expression from an article"
    );
}

#[test]
fn xss_payloads_in_every_field_are_escaped_or_dropped() {
    for payload in XSS {
        let quoted = serde_yaml::to_string(payload).unwrap();
        let q = quoted.trim_end();
        let text = format!(
            "---\ntitle: {q}\nsubtitle: {q}\nkicker: {q}\ndate: 2013-11-03\ndistrict: 松江区\ntowns: [{q}]\ncolumn: {q}\ntags: [{q}]\n\
             byline: [{{ role: {q}, name: {q} }}]\nimage: {{ src: a.jpg, caption: {q}, credit: {q}, alt: {q} }}\nsummary: {q}\n---\n\
             {payload}\n\n[点我]({payload})\n\n<a href=\"javascript:alert(1)\">链</a><iframe src=\"https://evil.example\"></iframe>\n"
        );
        let files = build_one(&text).unwrap_or_else(|e| panic!("{payload}: {e}"));
        for (file, bytes) in &files {
            assert_no_live_markup(file, &String::from_utf8_lossy(bytes));
        }
        let feed = files.iter().find(|(f, _)| f == "atom.xml").expect("feed");
        let feed = String::from_utf8_lossy(&feed.1);
        assert!(
            !feed.contains("<script>"),
            "the feed carries a raw script for {payload}"
        );
    }
}

#[test]
fn unsafe_image_sources_are_refused() {
    for src in ["javascript:alert(1)", "data:text/html,x", "vbscript:x"] {
        let text = format!("---\ntitle: t\ndate: 2013-11-03\ndistrict: 松江区\nimage: {{ src: '{src}' }}\n---\nx\n");
        let err = build_one(&text).unwrap_err();
        assert!(
            err.contains("content/2013/11/a.md:5:1: error: the image `src`"),
            "{err}"
        );
    }
}

#[test]
fn slugs_and_file_names_cannot_write_outside_the_output() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\nslug: ../../../../tmp/evil",
        "x\n",
    );
    let out = site.build_err();
    assert!(out.contains("is not URL-safe"), "{out}");
    let site = TestSite::new();
    site.write(
        "content/..md",
        "---\ntitle: 甲\ndate: 2013-11-03\ndistrict: 松江区\n---\nx\n",
    );
    site.write(
        "content/-.md",
        "---\ntitle: 乙\ndate: 2013-11-03\ndistrict: 松江区\n---\nx\n",
    );
    let _ = site.build();
    let escaped: Vec<_> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.path().starts_with(site.root().join("content")) && !e.path().starts_with(site.public()))
        .map(|e| {
            e.path()
                .strip_prefix(site.root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p != "site.yaml" && !p.starts_with(".public"))
        .collect();
    assert!(escaped.is_empty(), "files written outside the output: {escaped:?}");
}

#[test]
fn symbolic_links_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: 秘密\ndate: 2013-11-03\ndistrict: 松江区\n---\n秘密\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0\n").unwrap();
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.root().join("content/secret.md")).unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwd"), site.root().join("static/passwd")).unwrap();
    let out = site.build_err();
    assert!(
        out.contains("content/secret.md: error: articles cannot be symbolic links"),
        "{out}"
    );
    assert!(
        out.contains("static/passwd: error: symbolic links are not published"),
        "{out}"
    );
    assert!(!site.public().exists());
}

#[test]
fn output_does_not_depend_on_the_order_files_were_written() {
    let names: Vec<String> = (0..30).map(|i| format!("2013/11/a{i:02}.md")).collect();
    let write = |site: &TestSite, order: &mut dyn Iterator<Item = &String>| {
        for name in order {
            let i: usize = name[9..11].parse().unwrap();
            // Equal dates, so that only a total order keeps the lists stable.
            site.article(
                name,
                &format!(
                    "title: 第{i}篇\ndate: 2013-11-0{}\ndistrict: 松江区\ntags: [甲, 乙{}]",
                    1 + i % 3,
                    i % 4
                ),
                "正文。\n",
            );
        }
    };
    let forward = TestSite::new();
    write(&forward, &mut names.iter());
    let backward = TestSite::new();
    write(&backward, &mut names.iter().rev());
    forward.build_ok();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    pool.install(|| backward.build_ok());
    assert_eq!(snapshot_tree(&forward.public()), snapshot_tree(&backward.public()));
}
