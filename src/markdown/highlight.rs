//! Fenced code highlighted by syntect into CSS classes.
//!
//! Classes rather than inline colours, so that the theme's stylesheet decides
//! the colours (and dark mode can change them). The syntax definitions are
//! loaded once per process, on first use: a bulletin without code never pays
//! for them.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every class syntect writes, so they cannot clash with a theme's own.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Names that mean "no highlighting" without being an unknown language.
fn is_plain(lang: &str) -> bool {
    matches!(lang, "" | "text" | "txt" | "plain" | "plaintext")
}

/// The code block as HTML: highlighted when the language is known, otherwise
/// escaped as it is. `lang` is the first word of the fence's info string.
pub fn code_block(code: &str, lang: &str, highlight: bool) -> String {
    let lang_attr = if is_plain(lang) {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape(lang))
    };
    let body = (highlight && !is_plain(lang))
        .then(|| highlighted(code, lang))
        .flatten();
    match body {
        Some(html) => format!("<pre class=\"code\"{lang_attr}><code>{html}</code></pre>\n"),
        None => format!("<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n", escape(code)),
    }
}

fn highlighted(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A line syntect cannot parse is shown plain rather than failing the build.
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheet for the classes [`code_block`] writes, in syntect's theme `name`.
pub fn stylesheet(theme_name: &str) -> Option<String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = themes.themes.get(theme_name)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
}

/// The default theme's `highlight.css`: a light palette, and a dark one for
/// readers whose system is in dark mode. The file in themes/default/static is
/// this function's output; a test keeps the two the same.
pub fn default_theme_stylesheet() -> Option<String> {
    let light = stylesheet("InspiredGitHub")?;
    let dark = stylesheet("base16-ocean.dark")?;
    let dark = dark.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n");
    Some(format!(
        "/* Colours for highlighted code; made by jianbao's highlighter from syntect's themes. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    ))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("fn main() {}\n", "rust", true);
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let html = code_block("<script>alert(1)</script>\n", "klingon", true);
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"klingon\"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn language_name_is_escaped() {
        let html = code_block("x", "\"><b", true);
        assert!(html.contains("data-lang=\"&quot;&gt;&lt;b\""), "{html}");
    }

    /// The shipped stylesheet must match the classes the highlighter writes.
    /// `JIANBAO_BLESS=1 cargo test` rewrites it after a syntect upgrade.
    #[test]
    fn default_theme_ships_the_current_stylesheet() {
        let css = default_theme_stylesheet().unwrap();
        assert!(css.contains(".hl-"));
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/highlight.css");
        if std::env::var_os("JIANBAO_BLESS").is_some() {
            std::fs::write(path, &css).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == css,
            "themes/default/static/highlight.css is out of date: run JIANBAO_BLESS=1 cargo test"
        );
    }
}
