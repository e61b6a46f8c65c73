//! YAML reading shared by site.yaml and front matter: serde_yaml errors turned
//! into editor-friendly diagnostics, and the lines keys sit on.
//!
//! serde_yaml knows where a syntax or type error is, but once a document is
//! deserialized the positions are gone. Checks that run afterwards (an unknown
//! district, a bad slug) find the line of their key with [`key_line`], a plain
//! scan of the text, which is exact for the block-style YAML editors write.

use serde::de::DeserializeOwned;

/// A problem found while deserializing, with its position in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column within the YAML text.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Deserializes `text`, or explains in plain words why it cannot be.
///
/// `known_keys` are the keys the document may have, for did-you-mean on a typo;
/// `example` gives, per key, a line showing the right form for a type error.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    known_keys: &[&str],
    example: impl Fn(&str) -> Option<&'static str>,
) -> Result<T, YamlProblem> {
    serde_yaml::from_str(text).map_err(|err| explain(text, &err, known_keys, example))
}

fn explain(
    text: &str,
    err: &serde_yaml::Error,
    known_keys: &[&str],
    example: impl Fn(&str) -> Option<&'static str>,
) -> YamlProblem {
    let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();

    if let Some(field) = between(&raw, "unknown field `", "`") {
        let hint = match crate::error::did_you_mean(field, known_keys.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys allowed here are: {}", known_keys.join(", ")),
        };
        let (line, column) = key_line(text, field).map_or((line, column), |l| (l, 1));
        return YamlProblem {
            line,
            column,
            message: format!("unknown key `{field}`"),
            hint: Some(hint),
        };
    }
    if let Some(variant) = between(&raw, "unknown variant `", "`") {
        let expected = raw.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return YamlProblem {
            line,
            column,
            message: format!("`{variant}` is not one of the allowed values"),
            hint: Some(format!("use one of {expected}")),
        };
    }
    // Type errors come as "key.sub: invalid type: string \"x\", expected a sequence".
    let (path, detail) = match raw.split_once(": ") {
        Some((p, d)) if !p.contains(' ') => (Some(p.to_string()), d.to_string()),
        _ => (None, raw.clone()),
    };
    let top_key = path.as_deref().map(|p| p.split(['.', '[']).next().unwrap_or(p));
    let hint = top_key.and_then(&example).map(|e| format!("write it like this: {e}"));
    let message = match &path {
        Some(p) => format!("`{p}`: {}", plain_type_error(&detail)),
        None => plain_type_error(&detail),
    };
    YamlProblem {
        line,
        column,
        message,
        hint,
    }
}

/// Rewords serde's type errors for people who do not know what a "sequence" is.
fn plain_type_error(detail: &str) -> String {
    detail
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a map", "a set of `key: value` lines")
        .replace("struct ", "")
        .replace("invalid type: ", "wrong type: got ")
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// The 1-based line on which `key:` first appears as a key, at any indentation.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|line| is_key_line(line, key)).map(|i| i + 1)
}

/// The line of `key` in the YAML file at `root/site.yaml`, or 0 when it cannot be read.
pub fn key_line_in_file(root: &std::path::Path, key: &str) -> usize {
    std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
        .ok()
        .and_then(|t| key_line(&t, key))
        .unwrap_or(0)
}

/// The 1-based line and column of `value` on the line of `key`, for errors about
/// one item of a list such as `towns: [洞泾镇, 泖港镇]`.
pub fn value_position(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let start = key_line(text, key)?;
    // A block list puts items on the lines below the key, so look a little further.
    for (i, line) in text.lines().enumerate().skip(start - 1).take(40) {
        if i + 1 > start && is_any_top_level_key(line) {
            break;
        }
        if let Some(byte) = line.find(value) {
            return Some((i + 1, line[..byte].chars().count() + 1));
        }
    }
    Some((start, 1))
}

/// The 1-based line and column of `value` under the nested keys `keys`, such as
/// `min-su-2` under `old_slugs:` → `民宿:` in
///
/// ```yaml
/// slugs: { 民宿: min-su }
/// old_slugs:
///   民宿: [min-su-2]
/// ```
///
/// The first key is a top-level one; each other key is looked for after the one
/// before, within its value, and only as a key (at the start of a line, after
/// `- `, `{` or `,`), so a name that is also a key elsewhere,
/// or inside a longer key, is not mistaken for it; the value is looked for
/// whole, not inside a longer one. Falls back to the last key found when the
/// value is not there (an empty string, or text YAML wrote differently).
pub fn nested_value_position(text: &str, keys: &[&str], value: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let (mut line, mut byte) = (0, 0);
    // The lines the current key's value may span: up to the next line indented no deeper.
    let mut end = lines.len();
    let mut found = None;
    for (depth, key) in keys.iter().enumerate() {
        // The first key is a top-level one, at the start of its line.
        let is_key = |text: &str, at| key_at(text, at, key).filter(|_| depth > 0 || at == 0);
        let (l, b, column) = find_from(&lines[..end], line, byte, is_key)?;
        let indent = indent_of(lines[l]);
        end = (l + 1..end)
            .find(|&i| !is_blank_or_comment(lines[i]) && indent_of(lines[i]) <= indent)
            .unwrap_or(end);
        found = Some((l + 1, column));
        (line, byte) = (l, b);
    }
    if value.is_empty() {
        return found;
    }
    let at_value = find_from(&lines[..end], line, byte, |text, at| whole_value_at(text, at, value));
    at_value.map(|(l, _, column)| (l + 1, column)).or(found)
}

/// The first place from line `line`, byte `byte` on, where `matches` says a match
/// ends (returning the byte after it): its line, that byte and its 1-based column.
fn find_from(
    lines: &[&str],
    line: usize,
    byte: usize,
    matches: impl Fn(&str, usize) -> Option<usize>,
) -> Option<(usize, usize, usize)> {
    for (l, text) in lines.iter().enumerate().skip(line) {
        let from = if l == line { byte } else { 0 };
        for (at, _) in text.char_indices().filter(|&(at, _)| at >= from) {
            if let Some(after) = matches(text, at) {
                return Some((l, after, text[..at].chars().count() + 1));
            }
        }
    }
    None
}

/// Whether `key:` starts at byte `at` of `line` as a key, and if so the byte after its colon.
fn key_at(line: &str, at: usize, key: &str) -> Option<usize> {
    let before = line[..at].trim_end_matches(['"', '\'']).trim_end();
    let starts_key = before.is_empty() || before.ends_with(['{', ',']) || before.trim_start() == "-";
    if !starts_key || !line[at..].trim_start_matches(['"', '\'']).starts_with(key) {
        return None;
    }
    let quotes = line[at..].len() - line[at..].trim_start_matches(['"', '\'']).len();
    let rest = &line[at + quotes + key.len()..];
    let after_quotes = rest.trim_start_matches(['"', '\'']).trim_start();
    after_quotes.strip_prefix(':').map(|after| line.len() - after.len())
}

/// Whether `value` starts at byte `at` of `line` as a whole YAML scalar, and if so the byte after it.
fn whole_value_at(line: &str, at: usize, value: &str) -> Option<usize> {
    let opens = |c: char| c.is_whitespace() || matches!(c, '[' | '{' | ',' | '-' | ':' | '"' | '\'');
    let closes = |c: char| c.is_whitespace() || matches!(c, ']' | '}' | ',' | '"' | '\'' | '#');
    let fits = line[at..].starts_with(value)
        && line[..at].chars().next_back().is_none_or(opens)
        && line[at + value.len()..].chars().next().is_none_or(closes);
    fits.then_some(at + value.len())
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn is_key_line(line: &str, key: &str) -> bool {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let unquoted = trimmed.trim_start_matches(['"', '\'']);
    unquoted
        .strip_prefix(key)
        .map(|rest| rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':'))
        .unwrap_or(false)
}

fn is_any_top_level_key(line: &str) -> bool {
    !line.starts_with([' ', '\t', '-', '#']) && line.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be deserialized")]
    struct Doc {
        title: Option<String>,
        tags: Option<Vec<String>>,
    }

    fn parse_doc(text: &str) -> Result<Doc, YamlProblem> {
        parse(text, &["title", "tags"], |k| {
            (k == "tags").then_some("tags: [消防, 演练]")
        })
    }

    #[test]
    fn unknown_key_names_the_line_and_suggests() {
        let p = parse_doc("title: 好\ntitel: 坏\n").unwrap_err();
        assert_eq!((p.line, p.message.as_str()), (2, "unknown key `titel`"));
        assert_eq!(p.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_is_explained_with_an_example() {
        let p = parse_doc("title: 好\ntags: 消防\n").unwrap_err();
        assert_eq!(p.line, 2);
        assert!(p.message.starts_with("`tags`: wrong type: got string"), "{}", p.message);
        assert!(p.message.contains("expected a list"), "{}", p.message);
        assert_eq!(p.hint.as_deref(), Some("write it like this: tags: [消防, 演练]"));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let p = parse_doc("title: [好\n").unwrap_err();
        assert!(p.line >= 1);
    }

    #[test]
    fn finds_a_value_under_nested_keys() {
        let text = "slugs:\n  民宿: min-su\nold_slugs:\n  民宿: [min-su-2, min-su]\n  公示:\n    - gong-shi\n";
        let at = |keys: &[&str], value| nested_value_position(text, keys, value);
        assert_eq!(
            at(&["old_slugs", "民宿"], "min-su"),
            Some((4, 18)),
            "whole, not in min-su-2"
        );
        assert_eq!(at(&["old_slugs", "民宿"], "min-su-2"), Some((4, 8)));
        assert_eq!(at(&["old_slugs", "公示"], "gong-shi"), Some((6, 7)));
        assert_eq!(
            at(&["slugs", "民宿"], "min-su"),
            Some((2, 7)),
            "`slugs` is not the end of `old_slugs`"
        );
        assert_eq!(at(&["old_slugs", "公示"], "nowhere"), Some((5, 3)), "else the key");
        assert_eq!(at(&["old_slugs", "无"], "x"), None);
    }

    #[test]
    fn finds_a_value_in_flow_maps_and_stops_at_the_next_key() {
        let text = "districts:\n  松江区: { slug: songjiang, old_slugs: [song-jiang] }\n  崇明区: { old_slugs: [\"chong-ming\"] }\nold_slugs: { 民宿: [song-jiang] }\n";
        let at = |keys: &[&str], value| nested_value_position(text, keys, value);
        assert_eq!(at(&["districts", "松江区", "old_slugs"], "song-jiang"), Some((2, 39)));
        assert_eq!(at(&["districts", "崇明区", "old_slugs"], "chong-ming"), Some((3, 23)));
        assert_eq!(at(&["old_slugs", "民宿"], "song-jiang"), Some((4, 19)));
        assert_eq!(at(&["districts", "金山区"], "x"), None, "not past the districts");
    }

    #[test]
    fn finds_list_items_of_a_key() {
        let text = "title: 标题\naliases: [/2013/11/a/, /a/]\ntags:\n  - /a/\n";
        assert_eq!(nested_value_position(text, &["aliases"], "/a/"), Some((2, 24)));
        let text = "aliases:\n  - /2013/11/a/\n  - \"/a/\"\ntags: [/a/]\n";
        assert_eq!(nested_value_position(text, &["aliases"], "/a/"), Some((3, 6)));
        assert_eq!(nested_value_position(text, &["aliases"], ""), Some((1, 1)));
    }

    #[test]
    fn finds_key_and_value_lines() {
        let text = "title: x\ntowns:\n  - 洞泾镇\n  - 泖港镇\ndistrict: 松江\n";
        assert_eq!(key_line(text, "district"), Some(5));
        assert_eq!(value_position(text, "towns", "泖港镇"), Some((4, 5)));
        assert_eq!(value_position("towns: [甲, 乙]", "towns", "乙"), Some((1, 12)));
    }
}
