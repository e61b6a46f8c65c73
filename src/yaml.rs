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
    fn finds_key_and_value_lines() {
        let text = "title: x\ntowns:\n  - 洞泾镇\n  - 泖港镇\ndistrict: 松江\n";
        assert_eq!(key_line(text, "district"), Some(5));
        assert_eq!(value_position(text, "towns", "泖港镇"), Some((4, 5)));
        assert_eq!(value_position("towns: [甲, 乙]", "towns", "乙"), Some((1, 12)));
    }
}
