//! An article body as the lints read it: the text of each block with its
//! inline markup removed, every character traceable to its place in the file,
//! and the body's links and pictures.
//!
//! Code, raw HTML, pictures and footnote marks stand in the text as one
//! [`OBJECT`] character, so that what surrounds them is not read as touching
//! (`用`a,b`分隔` has no comma between Chinese characters), and so that code is
//! never linted as prose.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Stands in the text for anything that is not prose: code, HTML, a picture.
pub(super) const OBJECT: char = '\u{FFFC}';

/// What kind of block a text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    Paragraph,
    Heading,
    /// A list item, a table cell, a definition.
    Other,
}

/// The prose of one block of the body.
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub kind: BlockKind,
    /// Whether it stands at the top level, not in a list, quotation, table or footnote.
    pub top_level: bool,
    /// Its place among the body's top-level blocks: two paragraphs with
    /// consecutive numbers have nothing between them (an HTML comment such as
    /// `<!-- more -->` does not count, as a reader never sees it).
    pub sequence: usize,
    /// The text; a line break inside the block is `\n`.
    pub text: String,
    /// Whether some of the text is outside bold or italics: a paragraph all in
    /// bold is a heading in disguise.
    pub has_plain_text: bool,
    /// Where the block starts in the Markdown.
    pub start: usize,
    spans: Vec<Span>,
}

/// A piece of [`Block::text`] and where it came from.
#[derive(Clone, Copy, Debug)]
struct Span {
    text_start: usize,
    source_start: usize,
    /// Whether the text is the source verbatim, so that offsets inside it map one to one
    /// (an escape or entity does not).
    verbatim: bool,
}

impl Block {
    /// The offset in the Markdown of the character at `text_offset` in [`Block::text`].
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let i = self.spans.partition_point(|s| s.text_start <= text_offset);
        match i.checked_sub(1).and_then(|i| self.spans.get(i)) {
            Some(span) if span.verbatim => span.source_start + (text_offset - span.text_start),
            Some(span) => span.source_start,
            None => self.start,
        }
    }

    fn push(&mut self, text: &str, range: &Range<usize>, markdown: &str) {
        self.spans.push(Span {
            text_start: self.text.len(),
            source_start: range.start,
            verbatim: markdown.get(range.clone()) == Some(text),
        });
        self.text.push_str(text);
    }

    fn push_object(&mut self, at: usize) {
        self.spans.push(Span {
            text_start: self.text.len(),
            source_start: at,
            verbatim: false,
        });
        self.text.push(OBJECT);
    }
}

/// A link or a picture of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Inline {
    /// Where it starts in the Markdown.
    pub offset: usize,
    pub destination: String,
    /// Its text (a link's words, a picture's alt text).
    pub text: String,
    /// Whether a link holds a picture, which names it in place of text.
    pub has_image: bool,
}

/// Everything the lints read from a body.
#[derive(Clone, Debug, Default)]
pub(super) struct Body {
    /// Blocks in the order they start.
    pub blocks: Vec<Block>,
    pub links: Vec<Inline>,
    pub images: Vec<Inline>,
}

/// Reads `markdown` with the options the renderer uses, so that the lints see the blocks readers will.
pub(super) fn read_body(markdown: &str) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut reader = Reader::default();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        reader.event(event, range, markdown);
    }
    let mut body = reader.body;
    body.blocks.sort_by_key(|b| b.start);
    body
}

/// A link being read, until its end.
struct OpenLink {
    inline: Inline,
    /// An autolink's text is its address, not prose.
    is_address: bool,
}

#[derive(Default)]
struct Reader {
    body: Body,
    /// Blocks whose text is being gathered, innermost last.
    open: Vec<Block>,
    /// Block tags open around the current event.
    depth: usize,
    sequence: usize,
    in_code: bool,
    emphasis: usize,
    /// The picture being read: its alt text is not prose of the block.
    image: Option<Inline>,
    /// Pictures opened inside that picture's alt text, which belong to it.
    images_inside: usize,
    links: Vec<OpenLink>,
    /// Whether the top-level HTML block being read shows anything.
    html_shows: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>, range: Range<usize>, markdown: &str) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, &range, markdown),
            Event::Code(code) => {
                if let Some(image) = self.image.as_mut() {
                    image.text.push_str(&code);
                    return;
                }
                for link in &mut self.links {
                    link.inline.text.push_str(&code);
                }
                self.object(range.start);
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.object(range.start)
            }
            Event::Html(html) => {
                if self.depth == 1 && !only_comments(&html) {
                    self.html_shows = true;
                }
            }
            // A line break in a picture's alt text is part of the alt text.
            Event::SoftBreak | Event::HardBreak if self.image.is_some() => {}
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.open.last_mut() {
                    block.push("\n", &range, markdown);
                }
            }
            Event::Rule => {
                if self.depth == 0 {
                    self.sequence += 1;
                }
            }
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        if is_block(&tag) {
            // An HTML block counts as a block only if it shows something; see `end`.
            if self.depth == 0 && !matches!(tag, Tag::HtmlBlock) {
                self.sequence += 1;
            }
            self.depth += 1;
        }
        let kind = match &tag {
            Tag::Paragraph => Some(BlockKind::Paragraph),
            Tag::Heading { .. } => Some(BlockKind::Heading),
            Tag::Item | Tag::TableCell | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                Some(BlockKind::Other)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            self.open.push(Block {
                kind,
                top_level: self.depth == 1,
                sequence: self.sequence,
                text: String::new(),
                has_plain_text: false,
                start: range.start,
                spans: Vec::new(),
            });
        }
        match tag {
            Tag::CodeBlock(_) => self.in_code = true,
            Tag::HtmlBlock => self.html_shows = false,
            Tag::Emphasis | Tag::Strong => self.emphasis += 1,
            // A picture inside a picture's alt text is part of that alt text.
            Tag::Image { .. } if self.image.is_some() => self.images_inside += 1,
            Tag::Image { dest_url, .. } => {
                self.object(range.start);
                for link in &mut self.links {
                    link.inline.has_image = true;
                }
                self.image = Some(Inline {
                    offset: range.start,
                    destination: dest_url.to_string(),
                    text: String::new(),
                    has_image: false,
                });
            }
            Tag::Link {
                link_type, dest_url, ..
            } => self.links.push(OpenLink {
                inline: Inline {
                    offset: range.start,
                    destination: dest_url.to_string(),
                    text: String::new(),
                    has_image: false,
                },
                is_address: matches!(link_type, LinkType::Autolink | LinkType::Email),
            }),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                if let Some(block) = self.open.pop() {
                    self.body.blocks.push(block);
                }
            }
            TagEnd::CodeBlock => self.in_code = false,
            TagEnd::HtmlBlock if self.depth == 1 && self.html_shows => self.sequence += 1,
            TagEnd::Emphasis | TagEnd::Strong => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Image if self.images_inside > 0 => self.images_inside -= 1,
            TagEnd::Image => {
                if let Some(image) = self.image.take() {
                    self.body.images.push(image);
                }
            }
            TagEnd::Link => {
                if let Some(link) = self.links.pop() {
                    self.body.links.push(link.inline);
                }
            }
            _ => {}
        }
        if is_block_end(&tag) {
            self.depth = self.depth.saturating_sub(1);
        }
    }

    fn text(&mut self, text: &str, range: &Range<usize>, markdown: &str) {
        if self.in_code {
            return;
        }
        if let Some(image) = self.image.as_mut() {
            image.text.push_str(text);
            return;
        }
        for link in &mut self.links {
            link.inline.text.push_str(text);
        }
        if self.links.last().is_some_and(|l| l.is_address) {
            self.object(range.start);
            return;
        }
        let plain = self.emphasis == 0;
        if let Some(block) = self.open.last_mut() {
            block.push(text, range, markdown);
            block.has_plain_text |= plain && !text.trim().is_empty();
        }
    }

    fn object(&mut self, at: usize) {
        if let Some(block) = self.open.last_mut() {
            block.push_object(at);
        }
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

/// Whether an HTML block is nothing but comments (`<!-- more -->`), which no reader sees.
fn only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<(BlockKind, bool, usize, String)> {
        read_body(markdown)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.top_level, b.sequence, b.text))
            .collect()
    }

    #[test]
    fn blocks_keep_their_prose_and_drop_markup() {
        let blocks = texts("## 标题\n\n正文**强调**，[链接](a.md)。\n第二行\n\n- 列表\n\n> 引用\n");
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading, true, 1, "标题".to_string()),
                (BlockKind::Paragraph, true, 2, "正文强调，链接。\n第二行".to_string()),
                (BlockKind::Other, false, 3, "列表".to_string()),
                (BlockKind::Paragraph, false, 4, "引用".to_string()),
            ]
        );
    }

    #[test]
    fn code_html_and_pictures_are_objects() {
        let blocks = texts("用`a,b`分隔<b>粗</b>![图](a.jpg)\n\n```\n村民,志愿者\n```\n");
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        assert_eq!(blocks[0].3, "用\u{FFFC}分隔\u{FFFC}粗\u{FFFC}\u{FFFC}");
    }

    #[test]
    fn comments_between_paragraphs_do_not_separate_them() {
        let seq: Vec<usize> = texts("甲。\n\n<!-- more -->\n\n乙。\n\n<div>丙</div>\n\n丁。\n")
            .into_iter()
            .map(|b| b.2)
            .collect();
        assert_eq!(seq, [1, 2, 4]);
    }

    #[test]
    fn offsets_map_back_to_the_markdown() {
        let markdown = "第一段。\n\n**村民**,志愿者\n";
        let body = read_body(markdown);
        let block = &body.blocks[1];
        let comma = block.text.find(',').unwrap();
        assert_eq!(&markdown[block.source_offset(comma)..][..1], ",");
        assert!(block.has_plain_text, "“,志愿者” is outside the bold");
    }

    #[test]
    fn links_and_pictures_are_listed_with_their_text() {
        let body = read_body("见[](https://e.org/)和[![](a.jpg)](b.jpg)、<https://e.org/x>。");
        let links: Vec<(&str, &str, bool)> = body
            .links
            .iter()
            .map(|l| (l.destination.as_str(), l.text.as_str(), l.has_image))
            .collect();
        assert_eq!(
            links,
            [
                ("https://e.org/", "", false),
                ("b.jpg", "", true),
                ("https://e.org/x", "https://e.org/x", false)
            ]
        );
        assert_eq!(body.images.len(), 1);
        assert_eq!(body.images[0].offset, "见[](https://e.org/)和[".len());
    }
}
