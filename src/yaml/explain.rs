//! serde_yaml's errors put into the editor's words: each kind of YAML mistake
//! (a key without its colon, a line not lined up, a list or quotation never
//! closed, a key written twice, a value of the wrong type or a missing one)
//! becomes a [`YamlProblem`] at the line and column where the editor made it,
//! with the line as it should be for a hint; and the words those messages use
//! for keys ([`key_name`]) and hints ([`write_like`], [`spaces_hint`]).

use super::{YamlProblem, is_key_line, key_line, slips};
use crate::i18n::Message;
use crate::msg;

/// Explains `err`, serde_yaml's error on `text`, in plain words.
pub(super) fn explain(
    text: &str,
    err: &serde_yaml::Error,
    known_keys: &[&str],
    example: impl Fn(&str) -> Option<&'static str>,
) -> YamlProblem {
    let at = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let raw = full.split(" at line ").next().unwrap_or(&full).to_string();
    explain_syntax(text, &full, &raw, at)
        .or_else(|| unknown_key(text, &raw, known_keys, at))
        .or_else(|| unknown_value(&raw, at))
        .unwrap_or_else(|| wrong_value(text, &raw, at, example))
}

/// A key the document may not have, at its line, with the key perhaps meant.
fn unknown_key(text: &str, raw: &str, known_keys: &[&str], (line, column): (usize, usize)) -> Option<YamlProblem> {
    let field = between(raw, "unknown field `", "`")?;
    let hint = match crate::error::did_you_mean(field, known_keys.iter().copied()) {
        Some(near) => msg!("yaml-did-you-mean-hint", name = near),
        None => msg!("yaml-allowed-keys-hint", keys = known_keys.to_vec()),
    };
    let (line, column) = key_line(text, field).map_or((line, column), |l| (l, 1));
    Some(YamlProblem {
        line,
        column,
        message: msg!("yaml-unknown-key", key = field),
        hint: Some(hint),
        unknown_key: Some(field.to_string()),
    })
}

/// A value not among those a key may have (`kind: 新闻`), with those it may.
fn unknown_value(raw: &str, (line, column): (usize, usize)) -> Option<YamlProblem> {
    let variant = between(raw, "unknown variant `", "`")?;
    // "expected one of `feature`, `news`", "expected `a` or `b`": the names in backticks.
    let expected = raw.split("expected ").nth(1).unwrap_or("");
    let values: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
    let message = match raw.split_once(": ").filter(|(p, _)| !p.contains(' ')) {
        Some((path, _)) => msg!("yaml-unknown-value", value = variant, what = key_name(path)),
        None => msg!("yaml-unknown-value-here", value = variant),
    };
    Some(YamlProblem {
        line,
        column,
        message,
        hint: Some(msg!("yaml-allowed-values-hint", values = values)),
        unknown_key: None,
    })
}

/// A value serde could not take: a required key left out, or a value of the wrong type.
fn wrong_value(
    text: &str,
    raw: &str,
    (line, column): (usize, usize),
    example: impl Fn(&str) -> Option<&'static str>,
) -> YamlProblem {
    // Type errors come as "key.sub: invalid type: string \"x\", expected a sequence".
    let (path, detail) = match raw.split_once(": ") {
        Some((p, d)) if !p.contains(' ') => (Some(p), d),
        _ => (None, raw),
    };
    let top_key = path.map(|p| p.split(['.', '[']).next().unwrap_or(p));
    if let Some(field) = between(detail, "missing field `", "`") {
        return missing_field(text, path, field, (line, column), top_key.and_then(&example));
    }
    let hint = top_key.and_then(&example).map(write_like);
    wrong_type(text, path, detail, hint, (line, column))
}

/// A value of the wrong type at `path` (or at the top of the document), in plain words.
fn wrong_type(
    text: &str,
    path: Option<&str>,
    detail: &str,
    hint: Option<Message>,
    (line, column): (usize, usize),
) -> YamlProblem {
    let (message, hint) = match (path, type_error(detail)) {
        (Some(p), Some((TypeGot::Nothing, expected))) => {
            (msg!("yaml-empty-value", what = key_name(p), expected = expected), hint)
        }
        (Some(p), Some((got, expected))) => (
            msg!(
                "yaml-wrong-type",
                what = key_name(p),
                expected = expected,
                got = got.message()
            ),
            hint,
        ),
        (None, Some((TypeGot::Text(_), _))) if let Some(problem) = first_line_without_colon(text) => return problem,
        (None, Some((got, expected))) => (
            msg!("yaml-wrong-type-here", expected = expected, got = got.message()),
            Some(msg!("yaml-not-key-value-hint")),
        ),
        (Some(p), None) => (msg!("yaml-key-problem", what = key_name(p), text = detail), hint),
        (None, None) => (
            msg!("yaml-unreadable", text = detail),
            Some(msg!("yaml-unreadable-hint")),
        ),
    };
    YamlProblem {
        line,
        column,
        message,
        hint,
        unknown_key: None,
    }
}

/// The hint that shows a line as it should be: "write it like this: district: 闵行区".
pub fn write_like(line: &str) -> Message {
    msg!("yaml-write-like-hint", line = line)
}

/// A key as a message names it: the editor's word for it in Chinese (标题 for
/// `title`), the key itself in English; `` `key` 项`` for a key with no word.
pub fn key_name(key: &str) -> Message {
    match key {
        "title" => msg!("yaml-key-title"),
        "subtitle" => msg!("yaml-key-subtitle"),
        "kicker" => msg!("yaml-key-kicker"),
        "date" => msg!("yaml-key-date"),
        "district" => msg!("yaml-key-district"),
        "towns" => msg!("yaml-key-towns"),
        "column" => msg!("yaml-key-column"),
        "kind" => msg!("yaml-key-kind"),
        "tags" => msg!("yaml-key-tags"),
        "byline" => msg!("yaml-key-byline"),
        "image" => msg!("yaml-key-image"),
        "slug" => msg!("yaml-key-slug"),
        "aliases" => msg!("yaml-key-aliases"),
        "draft" => msg!("yaml-key-draft"),
        "summary" => msg!("yaml-key-summary"),
        "issue" => msg!("yaml-key-issue"),
        "number" => msg!("yaml-key-number"),
        "sections" => msg!("yaml-key-sections"),
        "articles" => msg!("yaml-key-articles"),
        "lints" => msg!("yaml-key-lints"),
        "off" => msg!("yaml-key-off"),
        "supplement" => msg!("yaml-key-supplement"),
        "total" => msg!("yaml-key-total"),
        "publisher" => msg!("yaml-key-publisher"),
        "send_to" => msg!("yaml-key-send_to"),
        "copy_to" => msg!("yaml-key-copy_to"),
        "copies" => msg!("yaml-key-copies"),
        "caption" => msg!("yaml-key-caption"),
        "alt" => msg!("yaml-key-alt"),
        "credit" => msg!("yaml-key-credit"),
        "src" => msg!("yaml-key-src"),
        "role" => msg!("yaml-key-role"),
        "name" => msg!("yaml-key-name"),
        key => msg!("yaml-key-other", key = key),
    }
}

/// What a value was written as, in a type error.
enum TypeGot {
    Text(String),
    Number(String),
    TrueFalse(String),
    List,
    KeyValueLines,
    Nothing,
    Other(String),
}

impl TypeGot {
    fn message(&self) -> Message {
        match self {
            TypeGot::Text(value) => msg!("yaml-got-text", value = value),
            TypeGot::Number(value) => msg!("yaml-got-number", value = value),
            TypeGot::TrueFalse(value) => msg!("yaml-got-true-false", value = value),
            TypeGot::List => msg!("yaml-got-list"),
            TypeGot::KeyValueLines => msg!("yaml-got-key-value-lines"),
            TypeGot::Nothing => msg!("yaml-got-nothing"),
            TypeGot::Other(text) => msg!("yaml-got-other", text = text),
        }
    }
}

/// serde's "invalid type: string \"x\", expected a sequence", read as what was
/// written and what is wanted, for people who do not know what a "sequence" is.
fn type_error(detail: &str) -> Option<(TypeGot, Message)> {
    let rest = detail
        .strip_prefix("invalid type: ")
        .or_else(|| detail.strip_prefix("invalid value: "))?;
    let (got, expected) = rest.rsplit_once(", expected ")?;
    let ticked = |prefix: &str| got.strip_prefix(prefix).map(|v| v.trim_matches('`').to_string());
    let got = if let Some(text) = got.strip_prefix("string \"").and_then(|t| t.strip_suffix('"')) {
        TypeGot::Text(text.replace("\\\"", "\"").replace("\\\\", "\\"))
    } else if let Some(n) = ticked("integer ").or_else(|| ticked("floating point ")) {
        TypeGot::Number(n)
    } else if let Some(b) = ticked("boolean ") {
        TypeGot::TrueFalse(b)
    } else {
        match got {
            "sequence" => TypeGot::List,
            "map" => TypeGot::KeyValueLines,
            "unit value" => TypeGot::Nothing,
            other => TypeGot::Other(other.to_string()),
        }
    };
    let expected = match expected {
        "a sequence" => msg!("yaml-type-list"),
        "a string" | "a borrowed string" | "a char" => msg!("yaml-type-text"),
        "a boolean" => msg!("yaml-type-true-false"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            msg!("yaml-type-whole-number")
        }
        "f32" | "f64" => msg!("yaml-type-number"),
        "a map" => msg!("yaml-type-key-value-lines"),
        e if e.starts_with("struct ") => msg!("yaml-type-key-value-lines"),
        e if e.starts_with("a YAML tag") || e.starts_with("one of ") => msg!("yaml-type-one-value"),
        other => msg!("yaml-type-other", text = other),
    };
    Some((got, expected))
}

/// A document that YAML read as one piece of text: most often its first
/// line is a key whose colon was left out (`title 标题`).
fn first_line_without_colon(text: &str) -> Option<YamlProblem> {
    let (at, written) = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let content = written.trim_start();
    let indent = written.chars().count() - content.chars().count();
    let (word, rest) = content.split_once([' ', '\t'])?;
    (is_plain_key(word) && !rest.trim().is_empty() && !content.contains(':')).then(|| YamlProblem {
        line: at + 1,
        column: indent + word.chars().count() + 1,
        message: msg!("yaml-needs-colon", key = word),
        hint: Some(write_like(&format!("{word}: {}", rest.trim()))),
        unknown_key: None,
    })
}

/// The YAML grammar's own errors, reworded where the text shows what went
/// wrong: which line, which key, and the line as it should be.
fn explain_syntax(text: &str, full: &str, raw: &str, (line, column): (usize, usize)) -> Option<YamlProblem> {
    let lines: Vec<&str> = text.lines().collect();
    if raw.starts_with("could not find expected ':'") {
        return colon_left_out(&lines, full);
    }
    if raw.starts_with("mapping values are not allowed in this context") {
        return colon_out_of_place(text, &lines, (line, column));
    }
    if raw.starts_with("did not find expected key") || raw.starts_with("did not find expected '-' indicator") {
        return line_not_lined_up(text, (line, column));
    }
    if raw.starts_with("found character that cannot start any token") {
        return value_starts_with_indicator(&lines, (line, column));
    }
    if raw.starts_with("did not find expected ',' or ']'") {
        return list_not_closed(full);
    }
    if raw.starts_with("did not find expected ',' or '}'") {
        return braces_not_closed(full);
    }
    if raw.starts_with("found unexpected end of stream") {
        return quote_not_closed(full);
    }
    if let Some(key) = between(raw, "duplicate field `", "`") {
        return Some(key_twice(&lines, key, line));
    }
    None
}

/// A problem at `line` and `column`, with its hint.
fn problem_at(line: usize, column: usize, message: Message, hint: Message) -> YamlProblem {
    YamlProblem {
        line,
        column,
        message,
        hint: Some(hint),
        unknown_key: None,
    }
}

/// A key whose colon was left out (`district 闵行区`), or a line that is no `key: value`.
fn colon_left_out(lines: &[&str], full: &str) -> Option<YamlProblem> {
    let (at, _) = context_position(full, "while scanning a simple key")?;
    let written = lines.get(at.checked_sub(1)?)?;
    let content = written.trim_start();
    let indent = written.chars().count() - content.chars().count();
    Some(match content.split_once([' ', '\t']) {
        Some((word, rest)) if is_plain_key(word) && !rest.trim().is_empty() => problem_at(
            at,
            indent + word.chars().count() + 1,
            msg!("yaml-needs-colon", key = word),
            write_like(&format!("{word}: {}", rest.trim())),
        ),
        _ => problem_at(
            at,
            indent + 1,
            msg!("yaml-not-key-value"),
            msg!("yaml-not-key-value-hint"),
        ),
    })
}

/// A colon YAML did not expect: inside a value (`title: 通知: 停水`), or after a key not lined up.
fn colon_out_of_place(text: &str, lines: &[&str], (line, column): (usize, usize)) -> Option<YamlProblem> {
    let chars: Vec<char> = lines.get(line.checked_sub(1)?)?.chars().collect();
    let mut start = chars.iter().take_while(|c| **c == ' ').count();
    while chars.get(start) == Some(&'-') && matches!(chars.get(start + 1), None | Some(' ')) {
        start = (start + 2).min(chars.len());
    }
    let first_colon = (start..chars.len()).find(|&i| chars[i] == ':' && matches!(chars.get(i + 1), None | Some(' ')));
    let key: String = chars[start..first_colon.unwrap_or(start)].iter().collect();
    if let Some(first) = first_colon
        && first + 1 < column
    {
        let value: String = chars[first + 1..].iter().collect::<String>().trim().to_string();
        return Some(problem_at(
            line,
            column,
            msg!("yaml-colon-in-value", what = key_name(key.trim())),
            write_like(&format!("{key}: {}", slips::quoted(&value))),
        ));
    }
    Some(problem_at(
        line,
        start + 1,
        msg!("yaml-key-not-lined-up", key = key.trim()),
        lined_up_hint(text, line)?,
    ))
}

/// A line, such as an item of a list, not lined up with the lines above it.
fn line_not_lined_up(text: &str, (line, column): (usize, usize)) -> Option<YamlProblem> {
    Some(problem_at(
        line,
        column,
        msg!("yaml-not-lined-up"),
        lined_up_hint(text, line)?,
    ))
}

/// A value that starts, unquoted, with a character YAML keeps for itself.
fn value_starts_with_indicator(lines: &[&str], (line, column): (usize, usize)) -> Option<YamlProblem> {
    // `title: @标题`: a value may not start with `@`, `` ` `` or `%` unquoted.
    let chars: Vec<char> = lines.get(line.checked_sub(1)?)?.chars().collect();
    let first = *chars.get(column.checked_sub(1)?)?;
    let before: String = chars[..column - 1].iter().collect();
    let key = before.trim_end().strip_suffix(':')?.trim();
    let value: String = chars[column - 1..].iter().collect::<String>().trim_end().to_string();
    Some(problem_at(
        line,
        column,
        msg!("yaml-value-starts-with", character = first.to_string()),
        write_like(&format!("{key}: {}", slips::quoted(&value))),
    ))
}

/// A `[` list never closed, at the `[` that opens it.
fn list_not_closed(full: &str) -> Option<YamlProblem> {
    let (at, col) = context_position(full, "while parsing a flow sequence")?;
    Some(problem_at(
        at,
        col,
        msg!("yaml-list-not-closed"),
        msg!("yaml-list-not-closed-hint"),
    ))
}

/// A `{` never closed, at the `{` that opens it.
fn braces_not_closed(full: &str) -> Option<YamlProblem> {
    let (at, col) = context_position(full, "while parsing a flow mapping")?;
    Some(problem_at(
        at,
        col,
        msg!("yaml-braces-not-closed"),
        msg!("yaml-braces-not-closed-hint"),
    ))
}

/// A quotation mark never closed, at the mark that opens it.
fn quote_not_closed(full: &str) -> Option<YamlProblem> {
    let (at, col) = context_position(full, "while scanning a quoted scalar")?;
    Some(problem_at(
        at,
        col,
        msg!("yaml-quote-not-closed"),
        msg!("yaml-quote-not-closed-hint"),
    ))
}

/// A top-level key written twice, at its second line (or serde_yaml's `line`).
fn key_twice(lines: &[&str], key: &str, line: usize) -> YamlProblem {
    let at = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t']) && is_key_line(l, key))
        .nth(1)
        .map_or(line, |(i, _)| i + 1);
    problem_at(at, 1, msg!("yaml-key-twice", key = key), msg!("yaml-key-twice-hint"))
}

/// `field`, required in `path` (`byline[0]`), is missing: most often it is
/// there but not lined up with the keys beside it.
fn missing_field(
    text: &str,
    path: Option<&str>,
    field: &str,
    (line, column): (usize, usize),
    example: Option<&str>,
) -> YamlProblem {
    let whose = match path {
        Some(p) if p.starts_with("byline[") => {
            let n: usize = between(p, "[", "]").and_then(|n| n.parse().ok()).unwrap_or(0);
            msg!("yaml-whose-credit", number = n + 1)
        }
        Some("image") => msg!("yaml-whose-image"),
        Some(p) => msg!("yaml-whose-key", key = p),
        None => msg!("yaml-whose-file"),
    };
    let misplaced = text
        .lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find(|(_, l)| is_key_line(l, field))
        .map(|(i, l)| (i + 1, l))
        .and_then(|(at, l)| {
            slips::lined_up(text, at)
                .filter(|fixed| fixed != l)
                .map(|fixed| (at, fixed))
        });
    match misplaced {
        Some((at, fixed)) => YamlProblem {
            line: at,
            column: 1,
            message: msg!("yaml-missing-field-misplaced", whose = whose, field = field),
            hint: Some(spaces_hint(&fixed)),
            unknown_key: None,
        },
        None => YamlProblem {
            line,
            column,
            message: msg!("yaml-missing-field", whose = whose, field = field),
            hint: example.map(write_like),
            unknown_key: None,
        },
    }
}

/// The hint for a line that is not lined up: the line as it should be.
fn lined_up_hint(text: &str, line: usize) -> Option<Message> {
    slips::lined_up(text, line).map(|fixed| spaces_hint(&fixed))
}

/// The hint that shows a line with its indentation: how many spaces, or none.
pub(super) fn spaces_hint(fixed: &str) -> Message {
    match fixed.chars().take_while(|c| *c == ' ').count() {
        0 => msg!("yaml-left-edge-hint", line = fixed),
        n => msg!("yaml-spaces-hint", count = n, line = fixed),
    }
}

/// The position serde_yaml gives after `context` ("while scanning a simple key at line 2 column 1").
fn context_position(full: &str, context: &str) -> Option<(usize, usize)> {
    let rest = &full[full.find(context)? + context.len()..];
    let line = between(rest, " at line ", " column")?.parse().ok()?;
    let digits: String = rest
        .split(" column ")
        .nth(1)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((line, digits.parse().ok()?))
}

/// Whether `word` looks like a key of letters: `district`, `base_url`, `number-mismatch`.
fn is_plain_key(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::yaml::parse;
    use crate::yaml::tests::read;
    use serde::Deserialize;

    /// A problem as the report shows it in Chinese: line, column, message, then the hint.
    fn in_chinese(p: &YamlProblem) -> String {
        let hint = p
            .hint
            .as_ref()
            .map(|h| format!("\n提示：{}", h.render(Lang::Zh)))
            .unwrap_or_default();
        format!("{}:{}: {}{hint}", p.line, p.column, p.message.render(Lang::Zh))
    }

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
        assert_eq!((p.line, p.message.to_string().as_str()), (2, "unknown key `titel`"));
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean `title`?")
        );
    }

    #[test]
    fn wrong_type_is_explained_with_an_example() {
        let p = parse_doc("title: 好\ntags: 消防\n").unwrap_err();
        assert_eq!(p.line, 2);
        assert_eq!(p.message.to_string(), "`tags` must be a list, not the text \"消防\"");
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this: tags: [消防, 演练]")
        );
    }

    #[test]
    fn syntax_error_has_a_position() {
        let p = parse_doc("title: [好\n").unwrap_err();
        assert!(p.line >= 1);
    }

    fn problem(text: &str) -> YamlProblem {
        let mut problems = read(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    }

    #[test]
    fn a_key_without_its_colon() {
        let p = problem("title: 莘庄镇举行消防演练\ndistrict 闵行区\ndate: 2013-11-03\n");
        assert_eq!((p.line, p.column), (2, 9), "at the line itself, not the one after");
        assert_eq!(p.message.to_string(), "`district` needs a colon after it");
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this: district: 闵行区")
        );
        let p = problem("title: 标题\n莘庄镇举行消防演练\ndate: 2013-11-03\n");
        assert_eq!((p.line, p.column), (2, 1));
        assert_eq!(
            p.message.to_string(),
            "this line is neither `key: value` nor part of the line above"
        );
    }

    #[test]
    fn a_key_not_lined_up() {
        let p = problem("title: 标题\n date: 2013-11-03\ndistrict: 闵行区\n");
        assert_eq!(
            (p.line, p.column, p.message.to_string().as_str()),
            (2, 2, "`date:` is not lined up with the lines above it")
        );
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("start the line at the left edge: `date: 2013-11-03`")
        );
        let p = problem("title: 标题\nbyline:\n  - role: 通讯员\n      name: 松组\n");
        assert_eq!((p.line, p.column), (4, 7));
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this, with 4 ordinary spaces: `    name: 松组`")
        );
        let p = problem("title: 标题\ntags:\n  - 消防安全\n - 演练\n");
        assert_eq!(
            (p.line, p.message.to_string().as_str()),
            (4, "this line is not lined up with the lines above it")
        );
        assert_eq!(
            p.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this, with 2 ordinary spaces: `  - 演练`")
        );
    }

    #[test]
    fn a_byline_name_not_lined_up_with_its_role() {
        for text in [
            "title: 标题\nbyline:\n  - role: 通讯员\n  name: 松组\n",
            "title: 标题\nbyline:\n  - role: 通讯员\n   name: 松组\n",
            "title: 标题\nbyline:\n  - role: 通讯员\n name: 松组\n",
        ] {
            let p = problem(text);
            assert_eq!((p.line, p.column), (4, 1), "{text}");
            assert_eq!(
                p.message.to_string(),
                "credit 1 of the byline has no `name`: the `name:` on this line is not lined up with the keys above it"
            );
            assert_eq!(
                p.hint.as_ref().map(ToString::to_string).as_deref(),
                Some("write it like this, with 4 ordinary spaces: `    name: 松组`")
            );
        }
        let p = problem("title: 标题\nbyline:\n  - role: 通讯员\n");
        assert_eq!(
            (p.line, p.message.to_string().as_str()),
            (3, "credit 1 of the byline has no `name`")
        );
    }

    #[test]
    fn unclosed_lists_quotes_and_keys_written_twice() {
        let p = problem("title: 标题\ntags: [消防安全, 演练\ndate: 2013-11-03\n");
        assert_eq!(
            (p.line, p.column, p.message.to_string().as_str()),
            (2, 7, "the list opened by this `[` is not closed")
        );
        let p = problem("title: \"莘庄镇举行消防演练\ndate: 2013-11-03\n");
        assert_eq!(
            (p.line, p.column, p.message.to_string().as_str()),
            (1, 8, "this quotation mark is never closed")
        );
        let p = problem("title: 标题\ndate: 2013-11-03\ntitle: 又一个标题\n");
        assert_eq!(
            (p.line, p.message.to_string().as_str()),
            (3, "`title` is written twice")
        );
    }

    #[test]
    fn parser_errors_in_chinese() {
        let p = parse_doc("title: 好\ntitel: 坏\n").unwrap_err();
        assert_eq!(in_chinese(&p), "2:1: 没有 `titel` 这一项\n提示：可能是想写 `title`？");
        assert_eq!(p.unknown_key.as_deref(), Some("titel"));
        let p = parse_doc("title: 好\ncolour: 红\n").unwrap_err();
        assert_eq!(
            in_chinese(&p),
            "2:1: 没有 `colour` 这一项\n提示：这里可以写的项有：title、tags"
        );
        let p = parse_doc("title: 好\ntags: 消防\n").unwrap_err();
        assert_eq!(
            in_chinese(&p),
            "2:7: 标签要写成列表，现在写的是文字“消防”\n提示：改成这样：tags: [消防, 演练]"
        );
        let p = parse_doc("title: [好]\n").unwrap_err();
        assert_eq!(in_chinese(&p), "1:8: 标题要写成文字，现在写的是列表");
        assert_eq!(p.message.render(Lang::En), "`title` must be text, not a list");

        let p = problem("title: 莘庄镇举行消防演练\ndistrict 闵行区\n");
        assert_eq!(
            in_chinese(&p),
            "2:9: `district` 后面少了冒号\n提示：改成这样：district: 闵行区"
        );
        let p = problem("title: 标题\n莘庄镇举行消防演练\ndate: 2013-11-03\n");
        assert_eq!(
            in_chinese(&p),
            "2:1: 这一行既不是“项: 值”，也不是上一行的接续\n提示：按“项名、英文冒号、空格、值”的顺序写，例如 `title: 标题`；如果这一行是上一行没写完的内容，就把它接到上一行末尾"
        );
        let p = problem("title: 标题\n date: 2013-11-03\ndistrict: 闵行区\n");
        assert_eq!(
            in_chinese(&p),
            "2:2: `date:` 没有和上面几行对齐\n提示：这一行要顶格写，前面不留空格：`date: 2013-11-03`"
        );
        let p = problem("title: 标题\ntags:\n  - 消防安全\n - 演练\n");
        assert_eq!(
            in_chinese(&p),
            "4:2: 这一行没有和上面几行对齐\n提示：改成这样，行首空 2 个普通空格：`  - 演练`"
        );
        let p = problem("title: 标题\nbyline:\n  - role: 通讯员\n  name: 松组\n");
        assert_eq!(
            in_chinese(&p),
            "4:1: 署名第 1 项缺少 `name`：这一行的 `name:` 没有和上面的项对齐\n提示：改成这样，行首空 4 个普通空格：`    name: 松组`"
        );
        let p = problem("title: 标题\ntags: [消防安全, 演练\ndate: 2013-11-03\n");
        assert_eq!(
            in_chinese(&p),
            "2:7: 这个 `[` 开始的列表没有结束\n提示：在同一行末尾加上 `]`，各项之间用英文逗号 `,` 隔开"
        );
        let p = problem("title: \"莘庄镇举行消防演练\ndate: 2013-11-03\n");
        assert_eq!(
            in_chinese(&p),
            "1:8: 这个引号没有配对的结束引号\n提示：在同一行值的末尾补上同样的引号，或者删掉这个引号"
        );
        let p = problem("title: 标题\ndate: 2013-11-03\ntitle: 又一个标题\n");
        assert_eq!(in_chinese(&p), "3:1: `title` 项写了两次\n提示：只保留其中一行");
        let p = problem("title: @标题\ndate: 2013-11-03\n");
        assert_eq!(
            in_chinese(&p),
            "1:8: 值不能以“@”开头，要把整个值放在英文引号里\n提示：改成这样：title: \"@标题\""
        );
        assert_eq!(
            p.message.render(Lang::En),
            "a value cannot start with `@`, so it must be put in quotes"
        );
        let p = problem("title 标题\ndate: 2013-11-03\n");
        assert_eq!(in_chinese(&p), "1:6: `title` 后面少了冒号\n提示：改成这样：title: 标题");
    }

    #[test]
    fn type_errors_in_plain_words() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "fields exist to be deserialized")]
        struct Settings {
            draft: Option<bool>,
            paginate: Option<u32>,
            #[serde(default)]
            towns: Vec<String>,
        }
        let shown = |text: &str| {
            let p = parse::<Settings>(text, &[], |_| None).unwrap_err();
            (p.message.render(Lang::En), p.message.render(Lang::Zh))
        };
        assert_eq!(
            shown("draft: 是\n"),
            (
                "`draft` must be true or false, not the text \"是\"".to_string(),
                "草稿只能写 true 或 false，现在写的是文字“是”".to_string()
            )
        );
        assert_eq!(
            shown("paginate: 1.5\n"),
            (
                "`paginate` must be a whole number, not the number 1.5".to_string(),
                "`paginate` 项要写成整数，现在写的是数字 1.5".to_string()
            )
        );
        assert_eq!(
            shown("towns: ~\n"),
            (
                "`towns` is empty; it must be a list".to_string(),
                "镇（街道）是空的；要写成列表".to_string()
            )
        );
        assert_eq!(shown("- a\n- b\n").1, "这里要写成若干“项: 值”，现在写的是列表");
    }
}
