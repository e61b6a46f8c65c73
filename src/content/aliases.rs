//! An article's `aliases:`: the addresses it was published at before, each of
//! which gets a small redirect page to its URL now, so that old links keep working.
//!
//! This module reads and checks what an editor wrote, and nothing else: which
//! redirects are published is [`crate::redirects`]'s to say, and whether one
//! would take a real page's place, the plan's.

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

/// What an editor is shown when a path will not do.
const EXAMPLE: &str = "write the old address's path on this site, such as /2013/11/old-slug/";

/// The site path an alias written as `written` is published at, or why it cannot be one
/// (a message and a hint).
///
/// `/2013/11/old-slug/`, `2013/11/old-slug` and `2013/11/old-slug/` are the
/// same folder; a path ending in `.html` is kept as that file. Percent-escapes
/// are decoded, as a web server decodes them to find the file.
pub fn alias_path(written: &str) -> Result<String, (String, String)> {
    let fail = |message: String, hint: &str| Err((message, hint.to_string()));
    let written = written.trim();
    if written.is_empty() {
        return fail("an alias is empty".into(), EXAMPLE);
    }
    if written.starts_with("//") || has_scheme(written) {
        return fail(
            format!("the alias `{written}` is a full address; an alias is a path on this site"),
            "leave out https:// and the host: for https://example.org/2013/11/old-slug/ write /2013/11/old-slug/",
        );
    }
    if written.contains(['?', '#']) {
        return fail(
            format!("the alias `{written}` has a query or a fragment (`?…`, `#…`)"),
            "a redirect page is published at a path alone; write the path without what follows ? or #",
        );
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(written).decode_utf8() else {
        return fail(
            format!("the alias `{written}` has %-escapes that are not UTF-8 text"),
            EXAMPLE,
        );
    };
    if let Some(c) = decoded
        .chars()
        .find(|&c| c.is_control() || matches!(c, '\\' | '"' | '<' | '>' | '|' | '*' | ':' | '?' | '#'))
    {
        return fail(
            format!("the alias `{written}` has a character no file name may have: {c:?}"),
            EXAMPLE,
        );
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                return fail(
                    format!("the alias `{written}` climbs out of its folder with `..`"),
                    "write the path from the site's top, starting with /, such as /2013/11/old-slug/",
                );
            }
            hidden if hidden.starts_with('.') => {
                return fail(
                    format!("the alias `{written}` names a hidden file or folder ({hidden})"),
                    EXAMPLE,
                );
            }
            s => segments.push(s),
        }
    }
    let Some(last) = segments.last() else {
        return fail(
            format!("the alias `{written}` is the front page"),
            "an alias is the old address of this one article, such as /2013/11/old-slug/",
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

    fn ok(written: &str) -> String {
        alias_path(written).unwrap_or_else(|(m, _)| panic!("{written}: {m}"))
    }

    fn message(written: &str) -> String {
        alias_path(written).expect_err(written).0
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
    fn redirect_files() {
        assert_eq!(redirect_file("2013/11/a/"), "2013/11/a/index.html");
        assert_eq!(redirect_file("news/1.html"), "news/1.html");
    }
}
