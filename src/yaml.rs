//! YAML reading shared by site.yaml and front matter: the Chinese input
//! method's slips named where they are ([`slips`]), serde_yaml errors turned into
//! editor-friendly diagnostics, and the lines keys sit on.
//!
//! serde_yaml knows where a syntax or type error is, but once a document is
//! deserialized the positions are gone. Checks that run afterwards (an unknown
//! district, a bad slug) find the line of their key with [`key_line`], a plain
//! scan of the text, which is exact for the block-style YAML editors write.

use crate::i18n::Message;
use crate::msg;

mod slips;

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
    serde_yaml::from_str(text).map_err(|err| explain(text, &err, known_keys, example))
}

fn explain(
    text: &str,
    err: &serde_yaml::Error,
    known_keys: &[&str],
    example: impl Fn(&str) -> Option<&'static str>,
) -> YamlProblem {
    let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let raw = full.split(" at line ").next().unwrap_or(&full).to_string();
    if let Some(problem) = explain_syntax(text, &full, &raw, (line, column)) {
        return problem;
    }

    if let Some(field) = between(&raw, "unknown field `", "`") {
        let hint = match crate::error::did_you_mean(field, known_keys.iter().copied()) {
            Some(near) => msg!("yaml-did-you-mean-hint", name = near),
            None => msg!("yaml-allowed-keys-hint", keys = known_keys.to_vec()),
        };
        let (line, column) = key_line(text, field).map_or((line, column), |l| (l, 1));
        return YamlProblem {
            line,
            column,
            message: msg!("yaml-unknown-key", key = field),
            hint: Some(hint),
            unknown_key: Some(field.to_string()),
        };
    }
    if let Some(variant) = between(&raw, "unknown variant `", "`") {
        // "expected one of `feature`, `news`", "expected `a` or `b`": the names in backticks.
        let expected = raw.split("expected ").nth(1).unwrap_or("");
        let values: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
        let message = match raw.split_once(": ").filter(|(p, _)| !p.contains(' ')) {
            Some((path, _)) => msg!("yaml-unknown-value", value = variant, what = key_name(path)),
            None => msg!("yaml-unknown-value-here", value = variant),
        };
        return YamlProblem {
            line,
            column,
            message,
            hint: Some(msg!("yaml-allowed-values-hint", values = values)),
            unknown_key: None,
        };
    }
    // Type errors come as "key.sub: invalid type: string \"x\", expected a sequence".
    let (path, detail) = match raw.split_once(": ") {
        Some((p, d)) if !p.contains(' ') => (Some(p.to_string()), d.to_string()),
        _ => (None, raw.clone()),
    };
    let top_key = path.as_deref().map(|p| p.split(['.', '[']).next().unwrap_or(p));
    if let Some(field) = between(&detail, "missing field `", "`") {
        return missing_field(text, path.as_deref(), field, (line, column), top_key.and_then(&example));
    }
    let hint = top_key.and_then(&example).map(write_like);
    let (message, hint) = match (&path, type_error(&detail)) {
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
        (Some(p), None) => (
            msg!("yaml-key-problem", what = key_name(p), text = detail.as_str()),
            hint,
        ),
        (None, None) => (
            msg!("yaml-unreadable", text = detail.as_str()),
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
    let problem = |line: usize, column: usize, message: Message, hint: Message| YamlProblem {
        line,
        column,
        message,
        hint: Some(hint),
        unknown_key: None,
    };
    if raw.starts_with("could not find expected ':'") {
        let (at, _) = context_position(full, "while scanning a simple key")?;
        let written = lines.get(at.checked_sub(1)?)?;
        let content = written.trim_start();
        let indent = written.chars().count() - content.chars().count();
        return Some(match content.split_once([' ', '\t']) {
            Some((word, rest)) if is_plain_key(word) && !rest.trim().is_empty() => problem(
                at,
                indent + word.chars().count() + 1,
                msg!("yaml-needs-colon", key = word),
                write_like(&format!("{word}: {}", rest.trim())),
            ),
            _ => problem(
                at,
                indent + 1,
                msg!("yaml-not-key-value"),
                msg!("yaml-not-key-value-hint"),
            ),
        });
    }
    if raw.starts_with("mapping values are not allowed in this context") {
        let chars: Vec<char> = lines.get(line.checked_sub(1)?)?.chars().collect();
        let mut start = chars.iter().take_while(|c| **c == ' ').count();
        while chars.get(start) == Some(&'-') && matches!(chars.get(start + 1), None | Some(' ')) {
            start = (start + 2).min(chars.len());
        }
        let first_colon =
            (start..chars.len()).find(|&i| chars[i] == ':' && matches!(chars.get(i + 1), None | Some(' ')));
        let key: String = chars[start..first_colon.unwrap_or(start)].iter().collect();
        if let Some(first) = first_colon
            && first + 1 < column
        {
            let value: String = chars[first + 1..].iter().collect::<String>().trim().to_string();
            return Some(problem(
                line,
                column,
                msg!("yaml-colon-in-value", what = key_name(key.trim())),
                write_like(&format!("{key}: {}", slips::quoted(&value))),
            ));
        }
        return Some(problem(
            line,
            start + 1,
            msg!("yaml-key-not-lined-up", key = key.trim()),
            lined_up_hint(text, line)?,
        ));
    }
    if raw.starts_with("did not find expected key") || raw.starts_with("did not find expected '-' indicator") {
        return Some(problem(
            line,
            column,
            msg!("yaml-not-lined-up"),
            lined_up_hint(text, line)?,
        ));
    }
    if raw.starts_with("found character that cannot start any token") {
        // `title: @标题`: a value may not start with `@`, `` ` `` or `%` unquoted.
        let chars: Vec<char> = lines.get(line.checked_sub(1)?)?.chars().collect();
        let first = *chars.get(column.checked_sub(1)?)?;
        let before: String = chars[..column - 1].iter().collect();
        let key = before.trim_end().strip_suffix(':')?.trim();
        let value: String = chars[column - 1..].iter().collect::<String>().trim_end().to_string();
        return Some(problem(
            line,
            column,
            msg!("yaml-value-starts-with", character = first.to_string()),
            write_like(&format!("{key}: {}", slips::quoted(&value))),
        ));
    }
    if raw.starts_with("did not find expected ',' or ']'") {
        let (at, col) = context_position(full, "while parsing a flow sequence")?;
        return Some(problem(
            at,
            col,
            msg!("yaml-list-not-closed"),
            msg!("yaml-list-not-closed-hint"),
        ));
    }
    if raw.starts_with("did not find expected ',' or '}'") {
        let (at, col) = context_position(full, "while parsing a flow mapping")?;
        return Some(problem(
            at,
            col,
            msg!("yaml-braces-not-closed"),
            msg!("yaml-braces-not-closed-hint"),
        ));
    }
    if raw.starts_with("found unexpected end of stream") {
        let (at, col) = context_position(full, "while scanning a quoted scalar")?;
        return Some(problem(
            at,
            col,
            msg!("yaml-quote-not-closed"),
            msg!("yaml-quote-not-closed-hint"),
        ));
    }
    if let Some(key) = between(raw, "duplicate field `", "`") {
        let at = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.starts_with([' ', '\t']) && is_key_line(l, key))
            .nth(1)
            .map_or(line, |(i, _)| i + 1);
        return Some(problem(
            at,
            1,
            msg!("yaml-key-twice", key = key),
            msg!("yaml-key-twice-hint"),
        ));
    }
    None
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
fn spaces_hint(fixed: &str) -> Message {
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
    use crate::i18n::Lang;
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be deserialized")]
    struct Article {
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

    fn read(text: &str) -> Result<Document<Article>, Vec<YamlProblem>> {
        parse_document(text, &["title", "date", "district", "tags", "byline"], |_| None)
    }

    fn problem(text: &str) -> YamlProblem {
        let mut problems = read(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
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
