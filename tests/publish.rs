//! Publishing from CI: stylesheets under content-hashed names that every page
//! links, `--minify`, `check --format github`, and the workflow files and
//! scripts of docs/publishing/, read and run as far as a test can.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, snapshot_tree};
use jianbao::render::PublishOptions;
use sha2::{Digest, Sha256};

/// A small site that `check --deny-warnings` passes: every article credits someone.
fn clean_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "2013/11/xiaofang.md",
        "title: 洞泾镇举行消防演练\ndate: 2013-11-03\ndistrict: 松江区\ntags: [消防]\nbyline: [{ role: 通讯员, name: 金领军 }]",
        "本报讯 洞泾镇近日举行消防演练，全镇 52 名职工参加。\n\n```rust\nfn main() {}\n```\n",
    );
    site.article(
        "2013/11/jiangzuo.md",
        "title: 崇明举办老年人保健知识讲座\ndate: 2013-11-04\ndistrict: 崇明区\nkind: brief\nbyline: [{ role: 记者, name: 卢连明 }]",
        "近日，崇明县总工会举办了一场讲座。\n",
    );
    site
}

/// Builds `site` into a new folder; returns the folder (kept alive) and its path.
fn build_into_new_folder(site: &TestSite, publish: PublishOptions) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    jianbao::build::build_with(
        &jianbao::build::BuildOptions {
            root: site.root().to_path_buf(),
            output: out.clone(),
            base_url: None,
            drafts: false,
            future: false,
            held_text: None,
        },
        publish,
    )
    .unwrap_or_else(|p| panic!("{}", common::render(&p)));
    (dir, out)
}

/// The one file of `dir` named `<stem>.<8 hex>.<ext>`.
fn hashed_file(dir: &Path, stem: &str, ext: &str) -> String {
    let found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
                .is_some_and(|hash| hash.len() == 8 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        })
        .collect();
    assert_eq!(found.len(), 1, "{stem}.<hash>.{ext} in {}: {found:?}", dir.display());
    found.into_iter().next().unwrap()
}

/// Every HTML file under `dir`, relative path and text.
fn html_pages(dir: &Path) -> Vec<(String, String)> {
    snapshot_tree(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

fn sha256_prefix(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---- hashed names ----

#[test]
fn hashed_names_are_the_start_of_the_sha256_and_the_same_on_every_build() {
    let site = clean_site();
    let (_a, one) = build_into_new_folder(&site, PublishOptions::default());
    let (_b, two) = build_into_new_folder(&site, PublishOptions::default());
    for stem in ["style", "highlight"] {
        let name = hashed_file(&one, stem, "css");
        assert_eq!(name, hashed_file(&two, stem, "css"), "the same bytes, the same name");
        let bytes = std::fs::read(one.join(&name)).unwrap();
        assert_eq!(
            name,
            format!("{stem}.{}.css", sha256_prefix(&bytes)),
            "`sha256sum` gives the name"
        );
        assert_eq!(
            bytes,
            std::fs::read(one.join(format!("{stem}.css"))).unwrap(),
            "the plain name is published too, with the same bytes"
        );
    }
    assert_eq!(snapshot_tree(&one), snapshot_tree(&two));
}

#[test]
fn a_changed_stylesheet_gets_a_new_name_that_every_page_follows() {
    let site = clean_site();
    site.build_ok();
    let before = hashed_file(&site.public(), "style", "css");
    let theme_css = include_str!("../themes/default/static/style.css");

    site.write(
        "static/style.css",
        &format!("{theme_css}\n.extra {{ color: #123456; }}\n"),
    );
    let report = site.build_ok();
    let after = hashed_file(&site.public(), "style", "css");
    assert_ne!(before, after);
    assert!(!site.has(&before), "the old name is gone from the output");
    assert!(site.read("style.css").contains("#123456"));
    for (page, html) in html_pages(&site.public()) {
        assert!(
            html.contains(&format!("href=\"/{after}\"")),
            "{page} links the new name"
        );
        assert!(!html.contains(&before), "{page} still links the old name");
    }
    assert!(report.written > report.pages / 2, "every page was rewritten");
    // The incremental build wrote what a build from scratch writes.
    let (_dir, fresh) = build_into_new_folder(&site, PublishOptions::default());
    assert_eq!(snapshot_tree(&site.public()), snapshot_tree(&fresh));

    // The theme's bytes again: its name again.
    std::fs::remove_file(site.root().join("static/style.css")).unwrap();
    site.build_ok();
    assert_eq!(hashed_file(&site.public(), "style", "css"), before);
    assert!(!site.has(&after));
}

#[test]
fn every_page_links_the_hashed_stylesheets_under_the_base_path_and_none_by_the_plain_name() {
    let site = clean_site();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("https://example.org/", "https://example.org/bulletin/"),
    );
    site.build_ok();
    let style = hashed_file(&site.public(), "style", "css");
    let highlight = hashed_file(&site.public(), "highlight", "css");
    let pages = html_pages(&site.public());
    assert!(pages.len() > 10);
    for (page, html) in &pages {
        assert!(
            html.contains(&format!("<link rel=\"stylesheet\" href=\"/bulletin/{style}\">")),
            "{page}"
        );
        for plain in ["style.css\"", "highlight.css\""] {
            assert!(!html.contains(plain), "{page} links {plain}");
        }
    }
    let article = site.read("2013/11/xiaofang/index.html");
    assert!(
        article.contains(&format!("href=\"/bulletin/{highlight}\"")),
        "{article}"
    );
}

#[test]
fn fonts_a_stylesheet_uses_get_hashed_names_and_the_stylesheet_points_at_them() {
    let site = clean_site();
    site.write("static/fonts/kai.woff2", "not really a font");
    site.write(
        "static/style.css",
        "@font-face { font-family: kai; src: url(\"fonts/kai.woff2\") format(\"woff2\"); }\nbody { font-family: kai; }\n",
    );
    site.build_ok();
    let font = hashed_file(&site.public().join("fonts"), "kai", "woff2");
    let style = hashed_file(&site.public(), "style", "css");
    let css = site.read(&style);
    assert!(css.contains(&format!("url(\"fonts/{font}\")")), "{css}");
    assert!(site.has("fonts/kai.woff2"), "and under its own name");
    // A new font renames the stylesheet, so pages never pair a new page with an old font.
    site.write("static/fonts/kai.woff2", "another font");
    site.build_ok();
    assert_ne!(hashed_file(&site.public(), "style", "css"), style);
}

#[test]
fn asset_names_only_static_files_and_says_what_is_wrong() {
    let site = clean_site();
    site.write("static/logo.png", "png");
    site.write(
        "templates/partials/byline.html",
        "<p>\n<link rel=\"stylesheet\" href=\"{{ asset(path='syle.css') }}\"></p>",
    );
    let err = site.build_err();
    assert!(err.contains("templates/partials/byline.html:2:"), "{err}");
    assert!(
        err.contains("no static file `syle.css`") && err.contains("did you mean `style.css`?"),
        "{err}"
    );
    site.write(
        "templates/partials/byline.html",
        "<img src=\"{{ asset(path='logo.png') }}\">",
    );
    let err = site.build_err();
    assert!(err.contains("url(path=\"logo.png\")"), "{err}");
}

// ---- --minify ----

/// The text a reader sees: tags dropped, entities decoded, whitespace removed
/// (Chinese needs none, and minifying may collapse it).
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..].find('>').map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_str(rest);
    decode_entities(&text).chars().filter(|c| !c.is_whitespace()).collect()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after.find(';').filter(|&end| end <= 8).map(|end| &after[..end]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .or_else(|| e.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of every `href` and `src` attribute, quoted or not, decoded.
fn links(html: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for attr in [" href=", " src="] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split([' ', '>']).next().unwrap_or(""),
            };
            // A minified stylesheet has other bytes, so another hashed name.
            let value = decode_entities(value);
            let value = match value.strip_suffix(".css").and_then(|v| v.rsplit_once('.')) {
                Some((stem, hash)) if hash.len() == 8 => format!("{stem}.HASH.css"),
                _ => value,
            };
            found.insert(value);
        }
    }
    found
}

/// A cheap check of a page's structure: a doctype, one title, and every
/// element whose end tag HTML never lets one leave out closed as often as opened.
fn assert_well_formed(page: &str, html: &str) {
    assert!(
        html.to_ascii_lowercase().starts_with("<!doctype html>"),
        "{page}: no doctype"
    );
    assert_eq!(html.matches("<title>").count(), 1, "{page}: not one <title>");
    for tag in [
        "a",
        "div",
        "main",
        "header",
        "footer",
        "nav",
        "section",
        "article",
        "aside",
        "span",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "figure",
        "figcaption",
        "time",
        "strong",
        "em",
        "code",
        "pre",
        "picture",
        "title",
    ] {
        let open_tag = format!("<{tag}");
        let opened = html.match_indices(&open_tag).filter(|(at, _)| {
            html[at + tag.len() + 1..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace())
        });
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened.count(), closed, "{page}: <{tag}> opened and closed unevenly");
    }
}

#[test]
fn minify_gives_smaller_pages_with_the_same_text_and_links() {
    let site = clean_site();
    let (_a, plain) = build_into_new_folder(&site, PublishOptions::default());
    let (_b, minified) = build_into_new_folder(&site, PublishOptions { minify: true });
    let plain_pages = html_pages(&plain);
    let minified_pages: BTreeMap<String, String> = html_pages(&minified).into_iter().collect();
    assert_eq!(plain_pages.len(), minified_pages.len());
    let (mut before, mut after) = (0, 0);
    for (page, html) in &plain_pages {
        let small = &minified_pages[page];
        assert!(small.len() < html.len(), "{page} is not smaller");
        assert_eq!(visible_text(small), visible_text(html), "{page}: the text changed");
        assert_eq!(links(small), links(html), "{page}: the links changed");
        assert_well_formed(page, small);
        before += html.len();
        after += small.len();
    }
    assert!(after * 10 < before * 9, "only {after} of {before} bytes");
    assert!(minified_pages["2013/11/xiaofang/index.html"].contains("洞泾镇近日举行消防演练"));
    assert!(minified_pages["2013/11/xiaofang/index.html"].contains("<pre"));
    for stem in ["style", "highlight"] {
        let small = std::fs::metadata(minified.join(format!("{stem}.css"))).unwrap().len();
        let full = std::fs::metadata(plain.join(format!("{stem}.css"))).unwrap().len();
        assert!(small < full, "{stem}.css: {small} ≥ {full}");
        assert_ne!(hashed_file(&plain, stem, "css"), hashed_file(&minified, stem, "css"));
    }
    // The same input, the same bytes.
    let (_c, again) = build_into_new_folder(&site, PublishOptions { minify: true });
    assert_eq!(snapshot_tree(&minified), snapshot_tree(&again));
}

#[test]
fn switching_minify_on_and_off_rewrites_every_page() {
    let site = clean_site();
    site.build_ok();
    let minify = |on| {
        jianbao::build::build_with(
            &jianbao::build::BuildOptions {
                root: site.root().to_path_buf(),
                output: site.public(),
                base_url: None,
                drafts: false,
                future: false,
                held_text: None,
            },
            PublishOptions { minify: on },
        )
        .unwrap()
    };
    // Minifying changes every page and stylesheet; scripts are published as they are.
    let scripts = std::fs::read_dir(site.public())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "js"))
        .count();
    assert!(scripts > 0);
    let report = minify(true);
    assert_eq!(
        report.written,
        report.pages + report.static_files - scripts,
        "every other file changed"
    );
    let (_a, fresh) = build_into_new_folder(&site, PublishOptions { minify: true });
    assert_eq!(snapshot_tree(&site.public()), snapshot_tree(&fresh));
    assert_eq!(minify(true).written, 0);
    minify(false);
    let (_b, fresh) = build_into_new_folder(&site, PublishOptions::default());
    assert_eq!(snapshot_tree(&site.public()), snapshot_tree(&fresh));
}

#[test]
fn the_command_line_takes_minify() {
    let site = clean_site();
    let out = site.run(&["build", "--minify"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = site.read("index.html");
    assert!(!page.contains("\n\n") && page.contains("洞泾镇举行消防演练"), "{page}");
}

// ---- check --format github ----

/// Whether `line` is a GitHub Actions workflow command for an annotation:
/// `::error file=…,line=…,col=…,title=…::message`, with `line`, `col` optional.
fn is_annotation(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("::") else {
        return false;
    };
    let Some((kind, rest)) = rest.split_once(' ') else {
        return false;
    };
    let Some((properties, message)) = rest.split_once("::") else {
        return false;
    };
    let pairs: Vec<(&str, &str)> = properties.split(',').filter_map(|p| p.split_once('=')).collect();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    let known = [
        vec!["file", "title"],
        vec!["file", "line", "title"],
        vec!["file", "line", "col", "title"],
    ];
    let numbers = pairs
        .iter()
        .filter(|(k, _)| *k == "line" || *k == "col")
        .all(|(_, v)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    matches!(kind, "error" | "warning" | "notice")
        && pairs.len() == properties.split(',').count()
        && known.contains(&keys)
        && numbers
        && pairs.iter().all(|(_, v)| !v.is_empty() && !v.contains(':'))
        && !message.is_empty()
        && !message.contains(['\n', '\r'])
}

#[test]
fn check_prints_github_annotations_and_deny_warnings_fails_on_warnings() {
    let site = clean_site();
    let clean = site.run(&["check", "--deny-warnings", "--format", "github"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(clean.stdout.is_empty());

    // A warning (no byline, half-width punctuation) and an error (a district site.yaml does not name).
    site.article(
        "2013/11/warn.md",
        "title: 只有警告\ndate: 2013-11-05\ndistrict: 松江区",
        "我们,你们都来了。\n",
    );
    let warned = site.run(&["check", "--format", "github"]);
    assert_eq!(warned.status.code(), Some(0), "warnings alone pass");
    let denied = site.run(&["check", "--deny-warnings", "--format", "github"]);
    assert_eq!(denied.status.code(), Some(1), "with --deny-warnings they fail");
    let annotations = |out: &std::process::Output| {
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        for line in stdout.lines() {
            assert!(is_annotation(line), "not an annotation: {line}");
        }
        stdout
    };
    let stdout = annotations(&denied);
    assert!(stdout.lines().count() >= 2, "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::warning file=content/2013/11/warn.md,line=")
                && l.contains(",title=jianbao no-byline::")),
        "{stdout}"
    );
    site.article("2013/11/bad.md", "title: 坏\ndate: 2013-11-06\ndistrict: 月球区", "x\n");
    let failed = site.run(&["check", "--format", "github"]);
    assert_eq!(failed.status.code(), Some(1));
    let stdout = annotations(&failed);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error file=content/2013/11/bad.md,line=4,col=11,title=jianbao error::")),
        "{stdout}"
    );
}

#[test]
fn the_annotation_matcher_knows_good_from_bad() {
    assert!(is_annotation(
        "::error file=a.md,line=4,col=11,title=jianbao error::x%0Ahint: y"
    ));
    assert!(is_annotation("::warning file=a.md,title=jianbao w::x"));
    assert!(!is_annotation("::error file=a.md,line=x,title=t::m"));
    assert!(!is_annotation("::error file=a.md,title=t::"));
    assert!(!is_annotation("a.md:4:11: error: x"));
    assert!(!is_annotation("::error line=4,file=a.md,title=t::m"));
}

// ---- docs/publishing: the workflow files and scripts ----

fn publishing(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/publishing").join(file)
}

fn read_yaml(file: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(publishing(file)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("docs/publishing/{file} is not YAML: {e}"))
}

fn str_at<'a>(value: &'a serde_yaml::Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(value, |v, key| v.get(*key))?.as_str()
}

/// The shell scripts of a GitHub workflow (`run:`) or a GitLab pipeline
/// (`script:`, `before_script:`), in the order they appear.
fn scripts_in(value: &serde_yaml::Value) -> Vec<String> {
    let mut found = Vec::new();
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    (Some("run"), serde_yaml::Value::String(s)) => found.push(s.clone()),
                    (Some("script" | "before_script"), serde_yaml::Value::Sequence(lines)) => {
                        found.extend(lines.iter().filter_map(|l| l.as_str()).map(str::to_string))
                    }
                    _ => found.extend(scripts_in(v)),
                }
            }
        }
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| found.extend(scripts_in(v))),
        _ => {}
    }
    found
}

/// Shell words, as `sh` splits them (quotes removed, `$…` left as written), and
/// the simple commands they form: split at `;`, `&&`, `||`, `|` and line ends.
fn simple_commands(script: &str) -> Vec<Vec<String>> {
    let script = script.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in script.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let mut words: Vec<String> = Vec::new();
        let mut word: Option<String> = None;
        let mut chars = line.chars().peekable();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.get_or_insert_default().push(c),
                (None, '"' | '\'') => {
                    quote = Some(c);
                    word.get_or_insert_default();
                }
                (None, '#') if word.is_none() => break,
                (None, ';' | '|' | '&') => {
                    while chars.peek().is_some_and(|n| matches!(n, '|' | '&')) {
                        chars.next();
                    }
                    words.extend(word.take());
                    commands.push(std::mem::take(&mut words));
                }
                (None, c) if c.is_whitespace() => words.extend(word.take()),
                (None, c) => word.get_or_insert_default().push(c),
            }
        }
        words.extend(word.take());
        commands.push(words);
    }
    commands.retain(|c| !c.is_empty());
    commands
}

/// The jianbao command lines among `scripts`: commands whose program is `jianbao`.
fn jianbao_commands(scripts: &[String]) -> Vec<Vec<String>> {
    scripts
        .iter()
        .flat_map(|s| simple_commands(s))
        .filter_map(|words| {
            let skip = ["if", "then", "else", "elif", "!", "exec", "time"];
            // Past `if`, `then` … and variable assignments (`FOO=1 jianbao …`).
            let assignment = |w: &str| w.contains('=') && !w.starts_with('-');
            let start = words
                .iter()
                .position(|w| !skip.contains(&w.as_str()) && !assignment(w))?;
            let program = words[start].rsplit('/').next()?;
            (program == "jianbao").then(|| words[start..].to_vec())
        })
        .collect()
}

/// `jianbao <sub> --help`, as options: each `--flag`, whether it takes a value,
/// and the values it allows when clap lists them.
fn options_of(subcommand: &str) -> BTreeMap<String, (bool, Option<Vec<String>>)> {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args([subcommand, "--help", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jianbao {subcommand} --help failed: is `{subcommand}` a subcommand?"
    );
    let help = String::from_utf8(out.stdout).unwrap();
    let mut options = BTreeMap::new();
    for line in help.lines() {
        let Some(at) = line.find("--") else { continue };
        let spec = &line[at + 2..];
        let name: String = spec
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let takes_value = spec[name.len()..].starts_with(" <");
        let possible = line.split("[possible values: ").nth(1).map(|v| {
            v.trim_end_matches(']')
                .split(", ")
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        options.insert(name, (takes_value, possible));
    }
    options
}

/// Why `words` (`jianbao …`) would not parse, if it would not.
fn problem_with(words: &[String]) -> Option<String> {
    let Some(first) = words.get(1) else {
        return Some("no subcommand".into());
    };
    if first.starts_with('-') {
        return (!["--version", "-V", "--help", "-h"].contains(&first.as_str()) || words.len() > 2)
            .then(|| format!("{first} is not a global option"));
    }
    let subcommands = ["build", "serve", "check", "new", "init"];
    if !subcommands.contains(&first.as_str()) {
        return Some(format!("`{first}` is not a subcommand"));
    }
    let options = options_of(first);
    let mut rest = words[2..].iter();
    while let Some(word) = rest.next() {
        let Some(flag) = word.strip_prefix("--") else { continue };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        let Some((takes_value, possible)) = options.get(name) else {
            return Some(format!("jianbao {first} has no option --{name}"));
        };
        if *takes_value {
            let Some(value) = inline.or_else(|| rest.next().cloned()) else {
                return Some(format!("--{name} needs a value"));
            };
            if let Some(possible) = possible
                && !value.contains('$')
                && !possible.contains(&value)
            {
                return Some(format!("--{name} {value}: not one of {possible:?}"));
            }
        }
    }
    None
}

#[test]
fn the_command_checker_catches_what_would_not_parse() {
    let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        problem_with(&words("jianbao check --deny-warnings --format github")),
        None
    );
    assert_eq!(
        problem_with(&words("jianbao build --minify --base-url=https://e.org/")),
        None
    );
    assert_eq!(problem_with(&words("jianbao --version")), None);
    assert!(problem_with(&words("jianbao publish")).is_some());
    assert!(problem_with(&words("jianbao build --minfy")).is_some());
    assert!(problem_with(&words("jianbao check --format sarif")).is_some());
    assert!(problem_with(&words("jianbao build --base-url")).is_some());
    let found = jianbao_commands(&[
        "test -x .jianbao/bin/jianbao || cargo install jianbao\nFOO=1 jianbao check  # note\nif [ x ]; then\n  jianbao build \\\n  --minify \"$A\"\nfi".into(),
    ]);
    assert_eq!(found, [words("jianbao check"), words("jianbao build --minify $A")]);
}

#[test]
fn the_github_workflow_builds_checks_and_deploys_to_pages() {
    let workflow = read_yaml("github-pages.yml");
    assert!(workflow.get("on").is_some(), "`on` is read as a key, not a boolean");
    let jobs = workflow.get("jobs").and_then(|j| j.as_mapping()).expect("jobs");
    let uses = |job: &str| -> Vec<String> {
        jobs.get(job)
            .and_then(|j| j.get("steps"))
            .and_then(|s| s.as_sequence())
            .unwrap_or_else(|| panic!("job {job} has no steps"))
            .iter()
            .filter_map(|s| s.get("uses").and_then(|u| u.as_str()))
            .map(|u| u.split('@').next().unwrap_or(u).to_string())
            .collect()
    };
    assert!(uses("check").contains(&"actions/checkout".to_string()));
    assert!(uses("build").contains(&"actions/configure-pages".to_string()));
    assert!(uses("build").contains(&"actions/upload-pages-artifact".to_string()));
    assert_eq!(uses("deploy"), ["actions/deploy-pages"]);
    let deploy = &jobs["deploy"];
    assert_eq!(str_at(deploy, &["permissions", "pages"]), Some("write"));
    assert_eq!(str_at(deploy, &["permissions", "id-token"]), Some("write"));
    assert_eq!(str_at(deploy, &["environment", "name"]), Some("github-pages"));
    let upload = jobs["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| str_at(s, &["uses"]).is_some_and(|u| u.starts_with("actions/upload-pages-artifact")))
        .unwrap();
    assert_eq!(str_at(upload, &["with", "path"]), Some("public"));
    for step in scripts_in(&workflow) {
        assert!(
            !step.contains("--rev"),
            "cargo install --rev takes a commit only: {step}"
        );
    }
}

#[test]
fn the_gitlab_pipeline_publishes_public_from_a_job_called_pages() {
    let pipeline = read_yaml("gitlab-ci.yml");
    let pages = pipeline.get("pages").expect("a job called pages");
    let paths = pages["artifacts"]["paths"].as_sequence().expect("artifacts: paths");
    assert!(paths.iter().any(|p| p.as_str() == Some("public")));
    let script = scripts_in(pages).join("\n");
    assert!(
        script.contains("jianbao build --minify --base-url \"$CI_PAGES_URL\""),
        "{script}"
    );
    assert_eq!(
        str_at(&pipeline, &["preview", "pages", "path_prefix"]),
        Some("mr-$CI_MERGE_REQUEST_IID")
    );
}

#[test]
fn every_jianbao_command_in_the_recipes_exists_and_runs() {
    let github = read_yaml("github-pages.yml");
    let gitlab = read_yaml("gitlab-ci.yml");
    let shell = ["rsync.sh", "s3.sh"].map(|f| std::fs::read_to_string(publishing(f)).unwrap());
    let mut all = Vec::new();
    for (file, scripts) in [
        ("github-pages.yml", scripts_in(&github)),
        ("gitlab-ci.yml", scripts_in(&gitlab)),
        ("rsync.sh", vec![shell[0].clone()]),
        ("s3.sh", vec![shell[1].clone()]),
    ] {
        let commands = jianbao_commands(&scripts);
        let subcommands: BTreeSet<&str> = commands.iter().filter_map(|c| c.get(1)).map(String::as_str).collect();
        assert!(
            subcommands.contains("check") && subcommands.contains("build"),
            "{file} checks and builds: {commands:?}"
        );
        for command in &commands {
            if let Some(problem) = problem_with(command) {
                panic!("{file}: `{}`: {problem}", command.join(" "));
            }
        }
        all.extend(scripts.into_iter().map(|s| (file, s)));
    }

    // Run each jianbao line of the workflows as their runners would, on a site
    // that passes its checks, with the values CI gives its variables.
    let site = clean_site();
    let bin = Path::new(env!("CARGO_BIN_EXE_jianbao")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let expressions = [
        (
            "${{ steps.pages.outputs.base_url }}",
            "https://owner.github.io/bulletin",
        ),
        ("${{ github.event.number }}", "7"),
    ];
    let mut env: Vec<(String, String)> = vec![("CI_PAGES_URL".into(), "https://group.gitlab.io/bulletin".into())];
    for file in [&github, &gitlab] {
        for key in ["env", "variables"] {
            for (k, v) in file.get(key).and_then(|m| m.as_mapping()).into_iter().flatten() {
                env.push((k.as_str().unwrap().into(), v.as_str().unwrap_or_default().into()));
            }
        }
    }
    let mut bases = BTreeSet::new();
    for (file, script) in all.iter().filter(|(f, _)| f.ends_with(".yml")) {
        for line in script.lines().filter(|l| jianbao_commands(&[l.to_string()]).len() == 1) {
            let mut line = line.trim().to_string();
            for (expression, value) in expressions {
                line = line.replace(expression, value);
            }
            let out = Command::new("sh")
                .args(["-c", &line])
                .current_dir(site.root())
                .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .env("PATH", &path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{file}: `{line}` failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let words = &jianbao_commands(&[line.clone()])[0];
            if words[1] == "build" {
                let output = words
                    .iter()
                    .position(|w| w == "--output")
                    .map_or("public", |i| &words[i + 1]);
                let page = std::fs::read_to_string(site.root().join(output).join("index.html")).unwrap();
                // `<link rel="canonical" href="…">`, or minified `<link href=… rel=canonical>`.
                let canonical = page
                    .split("<link ")
                    .find(|tag| tag.split('>').next().is_some_and(|t| t.contains("canonical")))
                    .map(|tag| links(&format!(" {}", tag.split('>').next().unwrap_or(""))));
                bases.extend(canonical.into_iter().flatten());
                let drafts = words.iter().any(|w| w == "--drafts");
                assert_eq!(page.contains("draft-ribbon"), drafts, "{file}: `{line}`: the ribbon");
            }
        }
    }
    assert_eq!(
        bases,
        BTreeSet::from([
            "https://group.gitlab.io/bulletin/".to_string(),
            "https://owner.github.io/bulletin/".to_string(),
            "https://preview.example.org/pr-7/".to_string(),
        ])
    );
}

/// Runs a script of docs/publishing/ in `site` with stand-ins for `rsync` and
/// `aws` that note their arguments; returns each call, one per line.
fn run_script(site: &TestSite, script: &str, env: &[(&str, &str)]) -> Vec<String> {
    let stubs = tempfile::tempdir().unwrap();
    let log = stubs.path().join("calls");
    for program in ["rsync", "aws"] {
        let stub = stubs.path().join(program);
        std::fs::write(
            &stub,
            format!("#!/bin/sh\nprintf '%s' '{program}' >> \"$CALLS\"\nfor a in \"$@\"; do printf ' %s' \"$a\" >> \"$CALLS\"; done\necho >> \"$CALLS\"\n"),
        )
        .unwrap();
        let mut permissions = std::fs::metadata(&stub).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
        std::fs::set_permissions(&stub, permissions).unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_jianbao")).parent().unwrap();
    let out = Command::new("sh")
        .arg(publishing(script))
        .current_dir(site.root())
        .env(
            "PATH",
            format!("{}:{}:/usr/bin:/bin", stubs.path().display(), bin.display()),
        )
        .env("CALLS", &log)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The pattern the scripts use for files named by their content, as a test.
fn is_content_named(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3 && {
        let hash = parts[parts.len() - 2];
        hash.len() == 8 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }
}

#[test]
fn the_rsync_script_sends_content_named_files_first_and_deletes_last() {
    let site = clean_site();
    let calls = run_script(&site, "rsync.sh", &[("DEST", "www@host:/var/www/bulletin/")]);
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let pattern = "*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*";
    assert!(
        calls[0].contains(&format!("--include={pattern} --exclude=*")),
        "{}",
        calls[0]
    );
    assert!(!calls[0].contains("--delete"), "{}", calls[0]);
    assert!(
        calls[1].contains("--delete-after") && calls[1].contains("--checksum"),
        "{}",
        calls[1]
    );
    for call in &calls {
        assert!(call.ends_with(" public/ www@host:/var/www/bulletin/"), "{call}");
    }
    // What the build made: minified, for site.yaml's address; the stylesheets match the pattern.
    let style = hashed_file(&site.public(), "style", "css");
    assert!(is_content_named(&style) && !is_content_named("style.css") && !is_content_named("index.html"));
    assert!(
        site.read("index.html")
            .contains("href=https://example.org/ rel=canonical")
    );

    run_script(
        &site,
        "rsync.sh",
        &[
            ("DEST", "/srv/preview/"),
            ("BASE_URL", "https://preview.example.org/pr-3/"),
        ],
    );
    assert!(site.read("index.html").contains("https://preview.example.org/pr-3/"));
}

#[test]
fn the_s3_script_sets_cache_headers_by_kind_and_deletes_last() {
    let site = clean_site();
    let calls = run_script(&site, "s3.sh", &[("DEST", "s3://bulletin/")]);
    assert_eq!(calls.len(), 3, "{calls:#?}");
    let pattern = "*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*";
    assert!(
        calls
            .iter()
            .all(|c| c.starts_with("aws s3 sync public/ s3://bulletin/ ")),
        "{calls:#?}"
    );
    assert!(
        calls[0].contains(&format!("--size-only --exclude * --include {pattern}"))
            && calls[0].contains("max-age=31536000, immutable")
            && !calls[0].contains("--delete"),
        "{}",
        calls[0]
    );
    assert!(
        calls[1].contains(&format!("--exclude {pattern}"))
            && calls[1].contains("--cache-control no-cache")
            && !calls[1].contains("--size-only"),
        "{}",
        calls[1]
    );
    assert!(calls[2].contains("--delete") && calls[2].contains(&format!("--include {pattern}")));
}

#[test]
fn the_guide_shows_each_recipe_as_it_is() {
    let guide = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/publishing.md")).unwrap();
    for file in ["github-pages.yml", "gitlab-ci.yml", "rsync.sh", "s3.sh"] {
        let text = std::fs::read_to_string(publishing(file)).unwrap();
        assert!(
            guide.contains(&text),
            "docs/publishing.md does not show docs/publishing/{file} as it is"
        );
    }
}
