//! YAML reading shared by site.yaml and front matter: the Chinese input
//! method's slips named where they are ([`slips`]), serde_yaml errors turned into
//! editor-friendly diagnostics ([`explain`]), and the lines keys sit on.
//!
//! serde_yaml knows where a syntax or type error is, but once a document is
//! deserialized the positions are gone. Checks that run afterwards (an unknown
//! district, a bad slug) find the line of their key with [`key_line`], a plain
//! scan of the text, which is exact for the block-style YAML editors write.

use crate::i18n::Message;

mod explain;
mod slips;

use explain::spaces_hint;
pub use explain::{key_name, write_like};

use serde::de::DeserializeOwned;

/// A problem found while deserializing, with its position in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column within the YAML text.
    pub column: usize,
    pub message: Message,
    pub hint: Option<Message>,
    /// The key, when the problem is a key the document may not have
    /// (`yaml-unknown-key`), for a caller that suggests among other names.
    pub unknown_key: Option<String>,
}

/// A YAML document read, with what was mended on the way.
#[derive(Debug)]
pub struct Document<T> {
    pub value: T,
    /// The text as read: the one given, with the input method's list separators
    /// (`tags: [消防安全，演练]`) turned into commas, character for character, so
    /// that lines and columns are those of the text given.
    pub text: String,
    /// What was mended, each at its place, for warnings.
    pub warnings: Vec<YamlProblem>,
}

/// Deserializes `text` after looking for the Chinese input method's slips:
/// those whose meaning is certain are mended and come back as warnings, the
/// others are errors, each at its line and column with the corrected line as the
/// hint. Otherwise like [`parse`].
pub fn parse_document<T: DeserializeOwned>(
    text: &str,
    known_keys: &[&str],
    example: impl Fn(&str) -> Option<&'static str>,
) -> Result<Document<T>, Vec<YamlProblem>> {
    let scan = slips::scan(text);
    let (warnings, errors): (Vec<_>, Vec<_>) = scan
        .slips
        .into_iter()
        .map(|s| {
            let mended = s.mended;
            let problem = YamlProblem {
                line: s.line,
                column: s.column,
                message: s.message,
                hint: Some(s.hint),
                unknown_key: None,
            };
            (mended, problem)
        })
        .partition(|(mended, _)| *mended);
    if !errors.is_empty() {
        return Err(errors.into_iter().map(|(_, p)| p).collect());
    }
    let value = parse(&scan.mended, known_keys, example).map_err(|p| vec![p])?;
    Ok(Document {
        value,
        text: scan.mended,
        warnings: warnings.into_iter().map(|(_, p)| p).collect(),
    })
}

/// A tag, town or other name that the input method's `，` or `、` made two or
/// more (`- 消防安全、演练`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinedTerm {
    /// The names it holds.
    pub parts: Vec<String>,
    /// The first separator, and its byte offset in the name as written.
    pub separator: char,
    pub at: usize,
}

/// The names in `item` when the input method's `，` or `、` joins two or more;
/// `None` when it holds neither.
pub fn split_term(item: &str) -> Option<JoinedTerm> {
    let (at, separator) = item.char_indices().find(|(_, c)| matches!(c, '，' | '、'))?;
    let parts = item
        .split(['，', '、'])
        .map(|p| p.trim_matches(|c: char| c.is_whitespace()).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    Some(JoinedTerm { parts, separator, at })
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
    serde_yaml::from_str(text).map_err(|err| explain::explain(text, &err, known_keys, example))
}

/// The 1-based line on which `key:` first appears as a key, at any indentation.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|line| is_key_line(line, key)).map(|i| i + 1)
}

/// The line of `key` in the YAML file at `path`, or 0 when it cannot be read.
pub fn key_line_in_file(path: &std::path::Path, key: &str) -> usize {
    std::fs::read_to_string(path)
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
    pub(super) struct Article {
        title: Option<String>,
        date: Option<String>,
        district: Option<String>,
        tags: Option<Vec<String>>,
        byline: Option<Vec<Credit>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be deserialized")]
    struct Credit {
        role: String,
        name: String,
    }

    pub(super) fn read(text: &str) -> Result<Document<Article>, Vec<YamlProblem>> {
        parse_document(text, &["title", "date", "district", "tags", "byline"], |_| None)
    }

    #[test]
    fn input_method_slips_are_errors_before_yaml_reads_the_text() {
        let problems = read("title: 莘庄镇举行消防演练\ndistrict：闵行区\ntags: 【消防安全，演练】\n").unwrap_err();
        let shown: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.column, p.hint.as_ref().map(ToString::to_string)))
            .collect();
        let shown: Vec<_> = shown.iter().map(|(l, c, h)| (*l, *c, h.as_deref())).collect();
        assert_eq!(
            shown,
            [
                (2, 9, Some("write it like this: district: 闵行区")),
                (3, 7, Some("write it like this: tags: [消防安全, 演练]"))
            ],
            "every slip, each where it is, not YAML's message a line later"
        );
    }

    #[test]
    fn mended_separators_are_warnings_and_the_list_is_split() {
        let doc = read("title: 标题\ntags: [消防安全，演练]\n").unwrap();
        assert_eq!(doc.value.tags.unwrap(), ["消防安全", "演练"]);
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!((doc.warnings[0].line, doc.warnings[0].column), (2, 12));
        assert_eq!(doc.text, "title: 标题\ntags: [消防安全,演练]\n");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_explained_without_panicking(
            text in "[ a-z:：，、,\\[\\]{}【】\"'#|>\\-\u{3000}\t\n消防]{0,120}"
        ) {
            let lines = text.lines().count().max(1);
            if let Err(problems) = read(&text) {
                for p in problems {
                    proptest::prop_assert!(p.line <= lines + 1, "{:?}", p);
                }
            }
        }
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
