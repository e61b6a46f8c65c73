//! Fenced code highlighted by syntect into CSS classes.
//!
//! Classes rather than inline colours, so that the theme's stylesheet decides
//! the colours (and dark mode can change them). The syntax definitions are
//! loaded once per process, when a build with highlighting begins.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every class syntect writes, so they cannot clash with a theme's own.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

fn syntaxes() -> &'static SyntaxSet {
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Loads the syntax definitions on a thread of their own, unless loaded:
/// called as a build begins, while one core finds the articles and the other
/// has nothing to do, so that the first code block does not hold up the
/// bodies (some 10 ms of one core, with the other waiting for them).
pub fn load_in_background() {
    if SYNTAXES.get().is_none() {
        crate::par::in_background("syntaxes", || {
            syntaxes();
        });
    }
}

/// Makes ready, on a thread of its own, each language of `markdown`'s fenced
/// code not asked for before: its syntax read and its first patterns
/// compiled. syntect does both on first use, and a thread rendering a body
/// that needs them meanwhile waits: at 10,000 articles with YAML in some,
/// one core waited 10–20 ms while the other compiled. Asked for as the
/// articles are read, they are ready when the bodies are rendered.
pub fn prepare_languages_of(markdown: &str) {
    for lang in fence_languages(markdown) {
        if is_plain(lang) || !first_ask(lang) {
            continue;
        }
        let lang = lang.to_string();
        crate::par::in_background("syntaxes", move || {
            highlighted("\n", &lang);
        });
    }
}

/// Whether `lang` is asked for the first time in this process.
fn first_ask(lang: &str) -> bool {
    static ASKED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut asked = crate::par::locked(&ASKED);
    if asked.iter().any(|l| l == lang) {
        return false;
    }
    asked.push(lang.to_string());
    true
}

/// The first word of the info string of each fence of backticks in
/// `markdown` that begins a line: enough to know a body's languages, not a
/// Markdown parser (a fence inside another block is asked for too, and costs
/// only a little work that goes unused).
fn fence_languages(markdown: &str) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(markdown.as_bytes(), "```").filter_map(move |at| {
        let line_start = markdown[..at].rfind('\n').map_or(0, |n| n + 1);
        if !markdown[line_start..at].bytes().all(|b| b == b' ') || at - line_start > 3 {
            return None;
        }
        let info = markdown[at..].trim_start_matches('`');
        let info = &info[..info.find('\n').unwrap_or(info.len())];
        info.split_whitespace().next().filter(|word| !word.contains('`'))
    })
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
    fn the_languages_of_a_body_are_the_first_words_of_its_fences() {
        let body = "徐汇区的值班表：\n\n```yaml\n值班: 张华\n```\n\n  ``` toml extra\nx = 1\n```\n\n正文里的 ```rust``` 不是代码块。\n\n````python\nprint(1)\n````\n";
        let found: Vec<&str> = fence_languages(body).collect();
        assert_eq!(found, ["yaml", "toml", "python"]);
        assert_eq!(fence_languages("没有代码。").count(), 0);
    }

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
