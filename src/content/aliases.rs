//! An article's `aliases:`: the addresses it was published at before, each of
//! which gets a small redirect page to its URL now, so that old links keep working.
//!
//! This module reads and checks what an editor wrote, and nothing else: which
//! redirects are published is [`crate::redirects`]'s to say, and whether one
//! would take a real page's place, the plan's.

use crate::i18n::Message;
use crate::msg;

/// One former address of an article.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The site path the redirect is published at: `2013/11/old-slug/` (a
    /// folder, with the page as its `index.html`) or `old/page.html` (that file).
    pub path: String,
    /// The 1-based line of the article's file that lists it.
    pub line: usize,
    /// The 1-based column, in characters, where it starts on that line.
    pub column: usize,
}

/// The site path an alias written as `written` is published at, or why it cannot be one
/// (a message and a hint).
///
/// `/2013/11/old-slug/`, `2013/11/old-slug` and `2013/11/old-slug/` are the
/// same folder; a path ending in `.html` is kept as that file. Percent-escapes
/// are decoded, as a web server decodes them to find the file.
pub fn alias_path(written: &str) -> Result<String, (Message, Message)> {
    // What an editor is shown when a path will not do.
    let example = || msg!("content-alias-example-hint");
    let fail = |message: Message, hint: Message| Err((message, hint));
    let written = written.trim();
    if written.is_empty() {
        return fail(msg!("content-alias-empty"), example());
    }
    if written.starts_with("//") || has_scheme(written) {
        return fail(
            msg!("content-alias-full-address", alias = written),
            msg!("content-alias-full-address-hint"),
        );
    }
    if written.contains(['?', '#']) {
        return fail(
            msg!("content-alias-query", alias = written),
            msg!("content-alias-query-hint"),
        );
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(written).decode_utf8() else {
        return fail(msg!("content-alias-bad-escape", alias = written), example());
    };
    if let Some(c) = decoded
        .chars()
        .find(|&c| c.is_control() || matches!(c, '\\' | '"' | '<' | '>' | '|' | '*' | ':' | '?' | '#'))
    {
        return fail(
            msg!(
                "content-alias-bad-character",
                alias = written,
                character = format!("{c:?}")
            ),
            example(),
        );
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                return fail(
                    msg!("content-alias-climbs", alias = written),
                    msg!("content-alias-climbs-hint"),
                );
            }
            hidden if hidden.starts_with('.') => {
                return fail(msg!("content-alias-hidden", alias = written, name = hidden), example());
            }
            s => segments.push(s),
        }
    }
    let Some(last) = segments.last() else {
        return fail(
            msg!("content-alias-front-page", alias = written),
            msg!("content-alias-front-page-hint"),
        );
    };
    let joined = segments.join("/");
    if last.ends_with(".html") && !decoded.ends_with('/') {
        Ok(joined)
    } else {
        Ok(format!("{joined}/"))
    }
}

/// Whether `text` starts with a URL scheme (`https:`, `mailto:`).
fn has_scheme(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The file a redirect at site path `path` is written to: `index.html` in a
/// folder, or the `.html` file itself.
pub fn redirect_file(path: &str) -> String {
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ok(written: &str) -> String {
        alias_path(written).unwrap_or_else(|(m, _)| panic!("{written}: {m}"))
    }

    fn message(written: &str) -> String {
        alias_path(written).expect_err(written).0.to_string()
    }

    #[test]
    fn folders_are_normalised_and_html_files_kept() {
        assert_eq!(ok("/2013/11/old-slug/"), "2013/11/old-slug/");
        assert_eq!(ok("2013/11/old-slug"), "2013/11/old-slug/");
        assert_eq!(ok("  /2013//11/./old-slug  "), "2013/11/old-slug/");
        assert_eq!(ok("/news/20131103.html"), "news/20131103.html");
        assert_eq!(
            ok("/news/20131103.html/"),
            "news/20131103.html/",
            "a folder, as written"
        );
        assert_eq!(ok("/old.php"), "old.php/");
        assert_eq!(ok("/Xinwen/闵行区/"), "Xinwen/闵行区/");
        assert_eq!(
            ok("/xinwen/%E8%8E%98%E5%BA%84%E9%95%87/"),
            "xinwen/莘庄镇/",
            "decoded as a server does"
        );
    }

    #[test]
    fn what_is_not_a_path_on_the_site_is_refused_with_a_reason() {
        assert_eq!(message(""), "an alias is empty");
        assert!(message("https://example.org/2013/11/a/").contains("is a full address"));
        assert!(message("//example.org/a/").contains("is a full address"));
        assert!(message("/a/?id=12").contains("query or a fragment"));
        assert!(message("/a/#top").contains("query or a fragment"));
        assert!(message("/2013/../../etc/").contains("climbs out"));
        assert!(message("/.well-known/x/").contains("hidden"));
        assert!(message("/").contains("is the front page"));
        assert!(message("./").contains("is the front page"));
        assert!(message("/a\\b/").contains("no file name may have"));
        assert!(message("/%FF/").contains("not UTF-8"));
        assert!(message("/a%3Fb/").contains("no file name may have"));
    }

    #[test]
    fn the_reasons_and_hints_read_in_chinese() {
        let zh = |written: &str| {
            let (message, hint) = alias_path(written).expect_err(written);
            (message.render(Lang::Zh), hint.render(Lang::Zh))
        };
        assert_eq!(
            zh("https://example.org/2013/11/a/"),
            (
                "旧地址 `https://example.org/2013/11/a/` 是完整的网址；`aliases` 里只写本站内的路径".to_string(),
                "去掉 https:// 和域名：https://example.org/2013/11/old-slug/ 写成 /2013/11/old-slug/".to_string()
            )
        );
        assert_eq!(
            zh("/2013/../../etc/"),
            (
                "旧地址 `/2013/../../etc/` 用 `..` 跳出了所在的文件夹".to_string(),
                "从网站的最上层写起，以 / 开头，例如 /2013/11/old-slug/".to_string()
            )
        );
        assert_eq!(zh("/").0, "旧地址 `/` 是网站首页");
        assert_eq!(zh("").0, "`aliases` 里有一个旧地址是空的");
        assert_eq!(zh("/a/?id=12").0, "旧地址 `/a/?id=12` 带有 `?` 或 `#` 及其后面的部分");
    }

    #[test]
    fn redirect_files() {
        assert_eq!(redirect_file("2013/11/a/"), "2013/11/a/index.html");
        assert_eq!(redirect_file("news/1.html"), "news/1.html");
    }
}
