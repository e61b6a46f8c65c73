//! Static files as they are published: theme assets under content-hashed
//! names, and `--minify`.
//!
//! Every stylesheet, script and font of the theme's and the site's `static/`
//! (see [`HASHED_EXTENSIONS`]) is published twice: under its own name, as
//! before, and under a name carrying a hash of its bytes (`style.css` →
//! `style.3f9a1c2b.css`). Templates link the hashed name with
//! `{{ asset(path="style.css") }}`, so a host can let browsers keep those files
//! forever: new bytes get a new name. The plain name stays for links written
//! by hand and files that must keep their address. Pictures, `CNAME`,
//! `robots.txt` and every other file are published as they are, once.
//!
//! The hash is `names::short_hash`, the one every published name
//! carries (resized pictures too): the first 8 hex digits of the SHA-256 of
//! the bytes published.
//!
//! A stylesheet's `url(…)` references to fonts and scripts are rewritten to
//! their hashed names first, so a font can be cached forever too; the
//! stylesheet's own hash then covers its fonts' names.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::error::{Area, Diagnostic, Diagnostics};
use crate::names::short_hash;
use crate::render::theme::StaticSource;

/// Extensions of the files that get a hashed name (compared in lower case).
pub const HASHED_EXTENSIONS: &[&str] = &["css", "js", "mjs", "woff", "woff2", "ttf", "otf"];

/// One file of the output that comes from `static/`.
#[derive(Clone, Debug)]
pub enum Published {
    /// Published as it is.
    AsIs(StaticSource),
    /// Bytes jianbao made from the file: its references rewritten, or minified.
    Made(Arc<Vec<u8>>),
}

impl Published {
    /// The bytes to publish.
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, Diagnostic> {
        match self {
            Published::AsIs(source) => source.read(),
            Published::Made(bytes) => Ok(Cow::Borrowed(bytes.as_slice())),
        }
    }
}

/// The static files of a build, as published, and the hashed name of each asset.
#[derive(Debug, Default)]
pub struct Assets {
    /// Every output path, plain and hashed, to what it holds.
    files: BTreeMap<String, Published>,
    names: Arc<AssetNames>,
    /// Problems that did not stop the build: a stylesheet that could not be minified.
    warnings: Diagnostics,
}

/// What `asset(path=…)` looks up.
#[derive(Debug, Default, Hash)]
pub struct AssetNames {
    /// The path of each asset → the path of its hashed copy.
    pub hashed: BTreeMap<String, String>,
    /// Every other static file, for a helpful error.
    pub others: BTreeSet<String>,
}

impl Assets {
    /// Reads the assets among `static_files`, rewrites and (with `minify`)
    /// minifies them, and names each by its hash.
    pub fn prepare(static_files: &BTreeMap<String, StaticSource>, minify: bool) -> Result<Assets, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut assets = Assets::default();
        let mut names = AssetNames::default();
        // Fonts and scripts first: stylesheets refer to them by their hashed names.
        let (stylesheets, others): (Vec<_>, Vec<_>) = static_files
            .iter()
            .filter(|(path, _)| is_hashed_kind(path))
            .partition(|(path, _)| extension(path) == "css");
        for (path, source) in others.into_iter().chain(stylesheets) {
            let bytes = match source.read() {
                Ok(b) => b,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            let mut bytes = bytes.into_owned();
            if extension(path) == "css"
                && let Ok(text) = std::str::from_utf8(&bytes)
            {
                let mut text = rewrite_css_urls(path, text, &names.hashed);
                if minify {
                    match minify_css(&text) {
                        Ok(min) => text = min,
                        Err(d) => assets.warnings.push(d.at(source_path(source, path))),
                    }
                }
                bytes = text.into_bytes();
            }
            let hashed = hashed_path(path, &bytes);
            let bytes = Arc::new(bytes);
            assets.files.insert(path.clone(), Published::Made(Arc::clone(&bytes)));
            names.hashed.insert(path.clone(), hashed);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        for (path, hashed) in &names.hashed {
            // A file of that very name already in static/ is kept: it was put there on purpose.
            if !static_files.contains_key(hashed) {
                let made = assets.files[path].clone();
                assets.files.insert(hashed.clone(), made);
            }
        }
        for (path, source) in static_files {
            if !is_hashed_kind(path) {
                assets.files.insert(path.clone(), Published::AsIs(source.clone()));
                names.others.insert(path.clone());
            }
        }
        assets.names = Arc::new(names);
        Ok(assets)
    }

    /// Every static file to publish, plain and hashed, by output path.
    pub fn files(&self) -> &BTreeMap<String, Published> {
        &self.files
    }

    /// The hashed names, for `asset()` and for fingerprints.
    pub fn names(&self) -> &Arc<AssetNames> {
        &self.names
    }

    /// Problems that did not stop the build.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Whether the file at `path` gets a hashed name.
pub fn is_hashed_kind(path: &str) -> bool {
    HASHED_EXTENSIONS.contains(&extension(path).as_str())
}

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// `css/style.css` → `css/style.3f9a1c2b.css`: the hash goes before the extension.
fn hashed_path(path: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), path),
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{name}.{hash}"),
    }
}

/// Where a static file came from, for a warning about it.
fn source_path(source: &StaticSource, path: &str) -> std::path::PathBuf {
    match source {
        StaticSource::Disk(p) => p.clone(),
        StaticSource::Builtin(_) => std::path::Path::new("(built-in default theme)/static").join(path),
    }
}

/// A problem minifying a stylesheet, before it knows which file it is in.
struct CssProblem {
    line: usize,
    column: usize,
    message: String,
}

impl CssProblem {
    fn at(self, path: std::path::PathBuf) -> Diagnostic {
        Diagnostic::warning(
            Area::Config,
            path,
            self.line,
            self.column,
            crate::msg!("theme-css-not-minified", error = self.message),
        )
        .with_hint(crate::msg!("theme-css-not-minified-hint"))
    }
}

/// The stylesheet minified by lightningcss, with no browser targets (so no
/// prefixes are added or removed: only whitespace, comments and shorter
/// spellings go).
fn minify_css(text: &str) -> Result<String, CssProblem> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let problem = |loc: Option<lightningcss::error::ErrorLocation>, message: String| CssProblem {
        line: loc.as_ref().map_or(0, |l| l.line as usize + 1),
        column: loc.as_ref().map_or(0, |l| l.column as usize),
        message,
    };
    let mut sheet =
        StyleSheet::parse(text, ParserOptions::default()).map_err(|e| problem(e.loc, e.kind.to_string()))?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| problem(e.loc, e.kind.to_string()))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| problem(e.loc, e.kind.to_string()))?;
    Ok(printed.code)
}

/// The stylesheet at `css_path` with each `url(…)` that names another asset
/// (relative to the stylesheet, or from the site's root with a leading `/`)
/// pointing at that asset's hashed name instead. Comments are left alone;
/// anything else (`data:`, `https:`, a file that is not an asset) is kept.
pub fn rewrite_css_urls(css_path: &str, css: &str, hashed: &BTreeMap<String, String>) -> String {
    let dir = css_path.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    loop {
        let comment = rest.find("/*");
        let url = find_ascii_case_insensitive(rest, "url(");
        match (comment, url) {
            (Some(c), u) if u.is_none_or(|u| c < u) => {
                let end = rest[c + 2..].find("*/").map_or(rest.len(), |e| c + 2 + e + 2);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            (_, Some(u)) => {
                let start = u + 4;
                out.push_str(&rest[..start]);
                rest = &rest[start..];
                let Some((reference, len)) = url_argument(rest) else {
                    continue;
                };
                let replaced = rewrite_reference(dir, reference, hashed);
                out.push_str(&rest[..len].replacen(reference, &replaced, 1));
                rest = &rest[len..];
            }
            (_, None) => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The reference inside `url(` … `)`, and how many bytes up to the `)`.
fn url_argument(after_paren: &str) -> Option<(&str, usize)> {
    let trimmed = after_paren.trim_start();
    let lead = after_paren.len() - trimmed.len();
    let (reference, end) = match trimmed.chars().next()? {
        quote @ ('"' | '\'') => {
            let close = trimmed[1..].find(quote)?;
            (&trimmed[1..1 + close], 1 + close + 1)
        }
        _ => {
            let close = trimmed.find(')')?;
            (trimmed[..close].trim_end(), close)
        }
    };
    let close = trimmed[end..].find(')')?;
    Some((reference, lead + end + close))
}

/// `fonts/a.woff2?v=1#x`, in a stylesheet in `dir`, → `fonts/a.1234abcd.woff2?v=1#x`.
fn rewrite_reference(dir: &str, reference: &str, hashed: &BTreeMap<String, String>) -> String {
    if reference.is_empty() || reference.contains(':') || reference.starts_with('#') || reference.starts_with("//") {
        return reference.to_string();
    }
    let cut = reference.find(['?', '#']).unwrap_or(reference.len());
    let (file, suffix) = reference.split_at(cut);
    let target = match file.strip_prefix('/') {
        Some(from_root) => crate::site_path::normalize(from_root),
        None if dir.is_empty() => crate::site_path::normalize(file),
        None => crate::site_path::normalize(&format!("{dir}/{file}")),
    };
    // Stylesheets are named as they are read, one after another: leave links between
    // them as written, so that no name depends on the order they are read in.
    let Some(hashed_target) = target.filter(|t| extension(t) != "css").and_then(|t| hashed.get(&t)) else {
        return reference.to_string();
    };
    // The hashed copy sits beside the file: only the last segment changes.
    let new_name = hashed_target.rsplit('/').next().unwrap_or(hashed_target);
    let keep = file.rfind('/').map_or("", |i| &file[..=i]);
    format!("{keep}{new_name}{suffix}")
}

/// A page minified: whitespace collapsed, comments and optional tags and
/// quotes dropped, inline CSS minified; always valid HTML5 (minify-html's
/// spec-compliant settings). A page the minifier cannot handle is published
/// as it was rendered.
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    std::panic::catch_unwind(|| minify_html::minify(html, &cfg)).unwrap_or_else(|_| html.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &'static str)]) -> BTreeMap<String, StaticSource> {
        files
            .iter()
            .map(|(p, text)| (p.to_string(), StaticSource::Builtin(text.as_bytes())))
            .collect()
    }

    #[test]
    fn names_carry_the_start_of_the_sha256() {
        // printf 'body{}' | sha256sum → 7c98040a…
        assert_eq!(short_hash(b"body{}"), "7c98040a");
        assert_eq!(
            hashed_path("style.css", b"body{}"),
            format!("style.{}.css", short_hash(b"body{}"))
        );
        assert_eq!(
            hashed_path("fonts/a.b.woff2", b"x"),
            format!("fonts/a.b.{}.woff2", short_hash(b"x"))
        );
        assert_eq!(short_hash(b""), "e3b0c442", "the SHA-256 of nothing");
    }

    #[test]
    fn assets_are_published_under_both_names_and_others_once() {
        let assets = Assets::prepare(
            &sources(&[
                ("style.css", "p { color: red }\n"),
                ("logo.png", "png"),
                ("CNAME", "x\n"),
            ]),
            false,
        )
        .unwrap();
        let hashed = &assets.names().hashed["style.css"];
        assert!(hashed.starts_with("style.") && hashed.ends_with(".css"), "{hashed}");
        let files: BTreeSet<&str> = assets.files().keys().map(String::as_str).collect();
        assert_eq!(
            files,
            BTreeSet::from(["CNAME", "logo.png", "style.css", hashed.as_str()])
        );
        assert_eq!(
            assets.files()[hashed].bytes().unwrap(),
            assets.files()["style.css"].bytes().unwrap()
        );
        assert!(assets.names().others.contains("logo.png"));
    }

    #[test]
    fn stylesheets_point_at_hashed_fonts() {
        let mut hashed = BTreeMap::new();
        hashed.insert("fonts/a.woff2".to_string(), "fonts/a.12345678.woff2".to_string());
        let css = "/* url(fonts/a.woff2) */ @font-face { src: url(\"../fonts/a.woff2?v=2\") format(\"woff2\"), URL( /fonts/a.woff2 ), url(data:x), url(b.woff2) }";
        assert_eq!(
            rewrite_css_urls("css/style.css", css, &hashed),
            "/* url(fonts/a.woff2) */ @font-face { src: url(\"../fonts/a.12345678.woff2?v=2\") format(\"woff2\"), URL( /fonts/a.12345678.woff2 ), url(data:x), url(b.woff2) }"
        );
        assert_eq!(rewrite_css_urls("style.css", "a{b:url(", &hashed), "a{b:url(");
        hashed.insert("base.css".to_string(), "base.12345678.css".to_string());
        assert_eq!(
            rewrite_css_urls("style.css", "@import url(base.css);", &hashed),
            "@import url(base.css);"
        );
        assert_eq!(rewrite_css_urls("style.css", "/* open", &hashed), "/* open");
    }

    #[test]
    fn a_font_change_renames_the_stylesheet_that_uses_it() {
        let css = "@font-face { src: url(a.woff2) }";
        let one = Assets::prepare(&sources(&[("a.woff2", "one"), ("s.css", css)]), false).unwrap();
        let two = Assets::prepare(&sources(&[("a.woff2", "two"), ("s.css", css)]), false).unwrap();
        assert_ne!(one.names().hashed["s.css"], two.names().hashed["s.css"]);
        let published = one.files()["s.css"].bytes().unwrap();
        assert!(
            String::from_utf8_lossy(&published).contains(&one.names().hashed["a.woff2"]),
            "{published:?}"
        );
    }

    #[test]
    fn minified_css_is_smaller_and_bad_css_is_kept_with_a_warning() {
        let css = "/* note */\nbody {\n  color: #ff0000;\n  margin: 0px;\n}\n";
        let assets = Assets::prepare(&sources(&[("s.css", css)]), true).unwrap();
        let out = assets.files()["s.css"].bytes().unwrap();
        assert_eq!(String::from_utf8_lossy(&out), "body{color:red;margin:0}");
        let bad = Assets::prepare(&sources(&[("s.css", "a { color: red }\n:::x {}\n")]), true).unwrap();
        assert_eq!(
            bad.files()["s.css"].bytes().unwrap().as_ref(),
            b"a { color: red }\n:::x {}\n"
        );
        let warning = bad.warnings().iter().next().expect("a warning");
        assert_eq!((warning.line, warning.column), (2, 4));
        assert!(
            warning.message.to_string().contains("could not minify"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn minified_html_keeps_text_and_pre() {
        let page = b"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<title>t</title>\n</head>\n<body>\n  <p>\xe4\xb8\xad\xe6\x96\x87  text</p>\n<pre>  a\n   b</pre>\n</body>\n</html>\n";
        let out = String::from_utf8(minify_html(page)).unwrap();
        assert!(
            out.starts_with("<!DOCTYPE html>") || out.starts_with("<!doctype html>"),
            "{out}"
        );
        assert!(
            out.contains("中文 text") && out.contains("<pre>  a\n   b</pre>"),
            "{out}"
        );
        assert!(out.len() < page.len());
        assert_eq!(minify_html(page), minify_html(page));
    }
}
