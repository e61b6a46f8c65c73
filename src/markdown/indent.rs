//! Paragraph indents as Chinese editors type them, and what Markdown makes of them.
//!
//! Chinese paragraphs are set with a two-character indent, and editors type it:
//! two full-width spaces (`　　光星居民区…`), or four ordinary spaces. The theme
//! indents paragraphs itself, so the full-width spaces would make the indent
//! double; four spaces make CommonMark read the paragraph as a code block. Both
//! are undone here, and the caller warns about them.
//!
//! A code block of Han prose is taken apart by parsing its text again as
//! Markdown, without the indentation pulldown-cmark has already removed, and
//! putting those events in its place: the prose becomes paragraphs with its
//! emphasis and links, and every event keeps an offset into the original text.
//! A block that reads as code (mostly Latin letters and symbols, even with a
//! Chinese comment) stays a code block.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::cjk;

/// How deep a block of prose may nest indented blocks of prose (eight spaces, twelve …).
const MAX_DEPTH: usize = 4;

/// The events with every indented code block of Han prose replaced by the
/// Markdown its text makes, and the offset at which each such block starts.
pub(crate) fn unindent_prose<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    options: Options,
) -> (Vec<(Event<'a>, Range<usize>)>, Vec<usize>) {
    let mut found = Vec::new();
    let events = unindent(events, options, 0, &mut found);
    (events, found)
}

fn unindent<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    options: Options,
    depth: usize,
    found: &mut Vec<usize>,
) -> Vec<(Event<'a>, Range<usize>)> {
    // Most bodies have no indented block: hand their events back without copying them.
    let indented =
        |(event, _): &(Event<'a>, Range<usize>)| matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
    if depth >= MAX_DEPTH || !events.iter().any(indented) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(item) = events.next() {
        if !indented(&item) {
            out.push(item);
            continue;
        }
        let block_start = item.1.start;
        let mut block = vec![item];
        for (event, range) in events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::CodeBlock));
            block.push((event, range));
            if end {
                break;
            }
        }
        // The block's text, and where each piece of it is in the original.
        let mut text = String::new();
        let mut pieces: Vec<(usize, Range<usize>)> = Vec::new();
        for (event, range) in &block {
            if let Event::Text(t) = event {
                pieces.push((text.len(), range.clone()));
                text.push_str(t);
            }
        }
        if !is_prose(&text) {
            out.extend(block);
            continue;
        }
        found.push(block_start);
        let original = |offset: usize| {
            pieces
                .iter()
                .rev()
                .find(|(start, _)| *start <= offset)
                .map_or(block_start, |(start, r)| (r.start + offset - start).min(r.end))
        };
        let reparsed: Vec<(Event<'a>, Range<usize>)> = Parser::new_ext(&text, options)
            .into_offset_iter()
            .map(|(event, r)| -> (Event<'a>, Range<usize>) {
                (event.into_static(), original(r.start)..original(r.end))
            })
            .collect();
        out.extend(unindent(reparsed, options, depth + 1, found));
    }
    out
}

/// Whether a code block's text is Chinese prose rather than code: it starts
/// with a Chinese character and at least half of what is not space is Chinese.
pub(crate) fn is_prose(text: &str) -> bool {
    let mut visible = text.chars().filter(|c| !c.is_whitespace());
    let Some(first) = visible.clone().next() else {
        return false;
    };
    let (cjk, all) = visible
        .by_ref()
        .fold((0, 0), |(cjk, all), c| (cjk + usize::from(cjk::is_cjk(c)), all + 1));
    cjk::is_cjk(first) && text.chars().any(cjk::is_han) && cjk * 2 >= all
}

/// `text` without the full-width spaces it starts with, when it starts with any.
pub(crate) fn without_full_width_indent(text: &str) -> Option<&str> {
    let trimmed = text.trim_start_matches('\u{3000}');
    (trimmed.len() < text.len()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_code() {
        assert!(is_prose("光星居民区由原光星村和润景苑居民区合并而来。\n"));
        assert!(is_prose("“组团服务”让居民满意。\n"));
        assert!(!is_prose("let x = 1; // 计数\n"));
        assert!(!is_prose("jianbao build --output public\n"));
        assert!(!is_prose("。。。\n"), "no Han character");
        assert!(!is_prose("  \n"));
    }

    #[test]
    fn full_width_indent() {
        assert_eq!(without_full_width_indent("　　光星居民区"), Some("光星居民区"));
        assert_eq!(without_full_width_indent("光星居民区　"), None);
    }

    #[test]
    fn prose_blocks_become_markdown_with_original_offsets() {
        let md = "第一段。\n\n    莘庄镇“文明小区”评选揭晓，闵行区\n    各居委会见[通知](notice.md)。\n\n第二段。\n\n    let x = 1; // 计数\n";
        let events: Vec<_> = Parser::new_ext(md, Options::empty()).into_offset_iter().collect();
        let (events, found) = unindent_prose(events, Options::empty());
        assert_eq!(found, [md.find("莘庄镇").unwrap()]);
        let link = events
            .iter()
            .find(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
            .expect("the link is a link again");
        assert_eq!(&md[link.1.clone()], "[通知](notice.md)");
        let code = events
            .iter()
            .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
            .count();
        assert_eq!(code, 1, "the code stays code");
    }
}
