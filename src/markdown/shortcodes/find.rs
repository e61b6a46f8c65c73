//! Finding the calls in an article's Markdown: each call outside code is cut
//! out and a placeholder token put in its place ([`extract`]), with the map
//! from offsets in the new text back to the original.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::parse::{Form, Open, parse_open};
use super::{ArgValue, TOKEN_CLOSE, TOKEN_OPEN, messages, token};
use crate::markdown::BodyProblem;

/// A call found in the text, before it is completed.
#[derive(Debug)]
pub(super) struct Found {
    pub(super) name: String,
    pub(super) args: Vec<(String, ArgValue, usize)>,
    /// The byte range of its body, for the body form.
    pub(super) body: Option<Range<usize>>,
    pub(super) range: Range<usize>,
    pub(super) block: bool,
}

/// The Markdown with calls cut out, and what was cut.
pub(in crate::markdown) struct Extraction {
    /// The text to parse: calls replaced by tokens.
    pub text: String,
    pub(super) found: Vec<Found>,
    pub(super) problems: Vec<BodyProblem>,
    /// (range in `text`, range in the original) of each replacement.
    edits: Vec<Edit>,
}

/// A replacement: its range in the new text and in the original.
type Edit = (Range<usize>, Range<usize>);

impl Extraction {
    /// The offset in the original text of `offset` in [`Extraction::text`].
    pub(super) fn original(&self, offset: usize) -> usize {
        let (mut new_end, mut old_end) = (0, 0);
        for (new, old) in &self.edits {
            if offset < new.start {
                break;
            }
            if offset < new.end {
                return old.start;
            }
            (new_end, old_end) = (new.end, old.end);
        }
        old_end + (offset - new_end)
    }
}

/// Finds the calls in `markdown` and replaces them by tokens.
pub(in crate::markdown) fn extract(markdown: &str) -> Extraction {
    if !markdown.contains("{{") && !markdown.contains("{%") {
        return Extraction {
            text: markdown.to_string(),
            found: Vec::new(),
            problems: Vec::new(),
            edits: Vec::new(),
        };
    }
    let (mut found, problems) = find_calls(markdown);
    let (text, edits) = replace_calls(markdown, &mut found);
    Extraction {
        text,
        found,
        problems,
        edits,
    }
}

/// The calls written in `markdown` outside code, and the problems met finding them.
fn find_calls(markdown: &str) -> (Vec<Found>, Vec<BodyProblem>) {
    let code = code_ranges(markdown);
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.end <= at);
        code.get(i).is_some_and(|r| r.contains(&at))
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut i = 0;
    while let Some(rel) = markdown[i..].find('{') {
        let at = i + rel;
        i = at + 1;
        if in_code(at) {
            continue;
        }
        let open = match parse_open(markdown, at) {
            None => continue,
            Some(Err(p)) => {
                problems.push(p);
                continue;
            }
            Some(Ok(open)) => open,
        };
        i = take_call(markdown, at, open, &in_code, &mut found, &mut problems);
    }
    (found, problems)
}

/// Takes the call whose opening tag `open` is at `at`, with its body and end
/// tag for the body form; returns where to look on for calls.
fn take_call(
    markdown: &str,
    at: usize,
    open: Open,
    in_code: &dyn Fn(usize) -> bool,
    found: &mut Vec<Found>,
    problems: &mut Vec<BodyProblem>,
) -> usize {
    let next = open.end;
    match open.form {
        Form::End => problems.push(messages::stray_end(at)),
        Form::Inline => found.push(Found {
            name: open.name,
            args: open.args,
            body: None,
            range: at..open.end,
            block: false,
        }),
        Form::Body => match find_end(markdown, open.end, in_code, &open.name, problems) {
            Some((body_end, end)) => {
                found.push(Found {
                    name: open.name,
                    args: open.args,
                    body: Some(open.end..body_end),
                    range: at..end,
                    block: false,
                });
                return end;
            }
            None => problems.push(messages::unclosed(at, &open.name)),
        },
    }
    next
}

/// The text with each call in `found` replaced by its token (and any typed
/// token characters made harmless), and (range in the text, range in the
/// original) of each replacement.
fn replace_calls(markdown: &str, found: &mut [Found]) -> (String, Vec<Edit>) {
    let mut text = String::with_capacity(markdown.len());
    let mut edits = Vec::with_capacity(found.len());
    let mut last = 0;
    for (n, f) in found.iter_mut().enumerate() {
        let (start, end, replacement) = replaced_span(markdown, n, f, last);
        push_neutralised(&mut text, &markdown[last..start]);
        let new_start = text.len();
        text.push_str(&replacement);
        edits.push((new_start..text.len(), start..end));
        last = end;
    }
    push_neutralised(&mut text, &markdown[last..]);
    (text, edits)
}

/// What call `n` replaces, from `start` to `end`, and with what: its whole
/// lines when it stands alone on them (a block, so marked), else just itself.
/// `last` is where the previous replacement ended.
fn replaced_span(markdown: &str, n: usize, f: &mut Found, last: usize) -> (usize, usize, String) {
    let line_start = markdown[..f.range.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = markdown[f.range.end..]
        .find('\n')
        .map_or(markdown.len(), |p| f.range.end + p);
    f.block = line_start >= last
        && markdown[line_start..f.range.start].trim().is_empty()
        && markdown[f.range.end..line_end].trim().is_empty();
    if f.block {
        (line_start, line_end, format!("\n{}\n", token(n)))
    } else {
        (f.range.start, f.range.end, token(n))
    }
}

/// Appends `text` with any token characters an editor typed made harmless
/// (U+FFFD has the same length in UTF-8, so offsets stay as they were).
fn push_neutralised(out: &mut String, text: &str) {
    if text.contains([TOKEN_OPEN, TOKEN_CLOSE]) {
        out.push_str(&text.replace([TOKEN_OPEN, TOKEN_CLOSE], "\u{FFFD}"));
    } else {
        out.push_str(text);
    }
}

/// Byte ranges of code spans and code blocks, in order.
fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, crate::markdown::parser_options()).into_offset_iter() {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_)))
            && ranges.last().is_none_or(|r| r.end <= range.start)
        {
            ranges.push(range);
        }
    }
    ranges
}

/// The `{% end %}` that closes a body opened at `from`: (where the body ends,
/// where the end tag ends). Calls opened inside the body are problems.
fn find_end(
    markdown: &str,
    from: usize,
    in_code: &dyn Fn(usize) -> bool,
    outer: &str,
    problems: &mut Vec<BodyProblem>,
) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(rel) = markdown[i..].find('{') {
        let at = i + rel;
        i = at + 1;
        if in_code(at) {
            continue;
        }
        match parse_open(markdown, at) {
            Some(Ok(Open {
                form: Form::End, end, ..
            })) => return Some((at, end)),
            Some(Ok(open)) => {
                problems.push(messages::nested(at, &open.name, outer));
                i = open.end;
            }
            Some(Err(_)) | None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::rendered;
    use super::*;

    #[test]
    fn calls_in_code_stay_as_written() {
        let r = rendered("`{{ video(src=\"a.mp4\") }}`\n\n```\n{% note() %}\n```\n");
        assert!(r.shortcodes.is_empty() && r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("<code>{{ video(src=\"a.mp4\") }}</code>"), "{}", r.html);
        assert!(rendered("{{ 文字 }} 与 {% if x %}").shortcodes.is_empty());
    }

    #[test]
    fn typed_placeholder_characters_are_made_harmless() {
        let r = rendered(&format!("{}\n\n{{{{ video(src=\"a.mp4\") }}}}", token(0)));
        assert_eq!(r.html.matches(TOKEN_OPEN).count(), 1, "{}", r.html);
        assert!(r.html.starts_with("<p>\u{FFFD}0\u{FFFD}</p>"), "{}", r.html);
    }
}
