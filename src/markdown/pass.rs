//! The event pass: one walk over a body's pulldown-cmark events that rewrites
//! them for rendering (soft breaks between CJK characters dropped, code
//! highlighted, links resolved, headings given anchors, images handed to the
//! caller, typed full-width indents undone) and gathers on the way the body's
//! plain text, headings, pictures and problems.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::{
    BodyProblem, Heading, ImageRef, ImageTarget, LinkTarget, MarkdownOptions, RenderedBody, cjk, highlight, indent,
};

/// How much plain text to keep for an automatic summary; more is never needed.
const LEAD_TEXT_LIMIT: usize = 400;

/// The state of one rendering pass.
pub(super) struct Pass<'r> {
    pub(super) options: MarkdownOptions,
    pub(super) resolve: &'r dyn Fn(&str) -> LinkTarget,
    pub(super) picture: &'r dyn Fn(ImageRef<'_>) -> ImageTarget,
    pub(super) out: RenderedBody,
    pub(super) has_raw_html: bool,
    /// Anchors already given in this body, to keep them unique.
    pub(super) ids: Vec<String>,
}

/// Events of a body with the byte range each came from.
type Events<'a> = [(Event<'a>, Range<usize>)];

impl<'r> Pass<'r> {
    /// Rewrites a body's events for rendering, gathering its text, headings and problems on the way.
    pub(super) fn transform<'a>(&mut self, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
        let mut walk = Walk::new(events.len());
        while walk.next < events.len() {
            let (event, range) = &events[walk.next];
            walk.next += 1;
            let at_line_start = walk.note_line_start(event);
            if self.gather_code(&mut walk, event) {
                continue;
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => walk.start_code(kind),
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => self.start_heading(&mut walk, &events, *level, id, classes, attrs),
                Event::End(TagEnd::Heading(_)) => walk.end_heading(event),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => self.start_link(&mut walk, range.start, *link_type, dest_url, title, id),
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    self.image(&mut walk, &events, range.start, dest_url, title)
                }
                Event::Html(h) | Event::InlineHtml(h) if is_more_marker(h) => self.more_marker(&walk.text),
                Event::Html(h) | Event::InlineHtml(h) => self.raw_html(&mut walk, event, h),
                Event::SoftBreak => walk.soft_break(&events),
                Event::Text(t) if at_line_start && indent::without_full_width_indent(t).is_some() => {
                    walk.full_width_indented_text(t, range.start)
                }
                Event::Text(t) | Event::Code(t) => walk.push_text(t, event.clone()),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) | Event::HardBreak => {
                    walk.end_line(event.clone())
                }
                _ => walk.out.push(event.clone()),
            }
        }
        self.finish(walk)
    }

    /// Takes `event` into the open code block, putting the block out highlighted at its end; false if none is open.
    fn gather_code(&self, walk: &mut Walk<'_>, event: &Event<'_>) -> bool {
        let Some((lang, body)) = walk.code.as_mut() else {
            return false;
        };
        match event {
            Event::Text(t) => body.push_str(t),
            Event::End(TagEnd::CodeBlock) => {
                let html = highlight::code_block(body, lang, self.options.highlight);
                walk.out.push(Event::Html(html.into()));
                walk.code = None;
            }
            _ => {}
        }
        true
    }

    /// Gives a heading a unique anchor and records it for tables of contents.
    fn start_heading<'a>(
        &mut self,
        walk: &mut Walk<'a>,
        events: &Events<'a>,
        level: HeadingLevel,
        id: &Option<CowStr<'a>>,
        classes: &[CowStr<'a>],
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
    ) {
        let heading_text = plain_text_until_heading_end(&events[walk.next..]);
        let id = self.unique_id(id.as_deref(), &heading_text);
        self.out.headings.push(Heading {
            level: heading_level(level),
            id: id.clone(),
            text: heading_text,
        });
        walk.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes: classes.to_vec(),
            attrs: attrs.to_vec(),
        }));
        walk.text.in_heading = true;
    }

    /// Opens a link, its destination rewritten or reported by the resolver.
    fn start_link<'a>(
        &mut self,
        walk: &mut Walk<'a>,
        offset: usize,
        link_type: LinkType,
        dest_url: &CowStr<'a>,
        title: &CowStr<'a>,
        id: &CowStr<'a>,
    ) {
        let dest = self.link_destination(dest_url, offset);
        walk.out.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest,
            title: title.clone(),
            id: id.clone(),
        }));
    }

    /// Counts the image whose start was just taken, and puts out what the caller's `picture` makes of it.
    fn image<'a>(&mut self, walk: &mut Walk<'a>, events: &Events<'a>, offset: usize, dest_url: &str, title: &str) {
        let event = &events[walk.next - 1].0;
        self.out.pictures += 1;
        let (alt, end) = image_alt(events, walk.next);
        let image = ImageRef {
            src: dest_url,
            alt: &alt,
            title,
        };
        match (self.picture)(image) {
            ImageTarget::Keep => walk.out.push(event.clone()),
            ImageTarget::Markup(html) => {
                // The markup replaces the image and its alt text, which it carries.
                walk.out.push(Event::InlineHtml(html.into()));
                walk.next = end + 1;
            }
            ImageTarget::Broken { message, hint } => {
                self.out.problems.push(BodyProblem::error(offset, message, hint));
                walk.out.push(event.clone());
            }
        }
    }

    /// Keeps the text before the first `<!-- more -->`; the marker itself is not put out.
    fn more_marker(&mut self, text: &TextGatherer) {
        if self.out.text_before_more.is_none() {
            self.out.text_before_more = Some(text.all.trim().to_string());
        }
    }

    /// Passes raw HTML on, noting that it needs sanitising and counting its pictures.
    fn raw_html<'a>(&mut self, walk: &mut Walk<'a>, event: &Event<'a>, html: &str) {
        self.has_raw_html = true;
        self.out.pictures += html.matches("<img").count();
        walk.out.push(event.clone());
    }

    /// Reports the first full-width indent and hands the gathered text to the rendered body.
    fn finish<'a>(&mut self, walk: Walk<'a>) -> Vec<Event<'a>> {
        if let Some(offset) = walk.full_width_indent {
            self.out.problems.push(BodyProblem::warning(
                offset,
                crate::msg!("md-full-width-indent"),
                crate::msg!("md-full-width-indent-hint"),
            ));
        }
        self.out.lead_text = walk.text.lead;
        self.out.text = walk.text.all;
        walk.out
    }

    fn link_destination<'a>(&mut self, dest: &CowStr<'a>, offset: usize) -> CowStr<'a> {
        match (self.resolve)(dest) {
            LinkTarget::Keep => dest.clone(),
            LinkTarget::Rewrite(url) => url.into(),
            LinkTarget::Broken { message, hint } => {
                self.out.problems.push(BodyProblem::error(offset, message, hint));
                dest.clone()
            }
        }
    }

    fn unique_id(&mut self, given: Option<&str>, text: &str) -> String {
        let base = match given {
            Some(id) => id.to_string(),
            None => {
                let slug = crate::slug::slugify(text);
                if slug.is_empty() { "section".to_string() } else { slug }
            }
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.push(id.clone());
        id
    }
}

/// Where [`Pass::transform`] is in a body's events, and what it has put out and gathered so far.
struct Walk<'a> {
    /// The index of the next event to look at.
    next: usize,
    /// The events to render.
    out: Vec<Event<'a>>,
    text: TextGatherer,
    /// The last character of text put out, for soft breaks between CJK characters.
    last_char: Option<char>,
    /// The code block being gathered: its language and its text.
    code: Option<(String, String)>,
    /// Whether the next text starts a line of a paragraph, where a typed indent is undone.
    line_start: bool,
    /// Where the first full-width indent typed by hand is.
    full_width_indent: Option<usize>,
}

impl<'a> Walk<'a> {
    /// A walk at the start of a body of `len` events.
    fn new(len: usize) -> Self {
        Walk {
            next: 0,
            out: Vec::with_capacity(len),
            text: TextGatherer::default(),
            last_char: None,
            code: None,
            line_start: false,
            full_width_indent: None,
        }
    }

    /// Says whether `event` is at the start of a line, and notes whether the event after it is.
    fn note_line_start(&mut self, event: &Event<'_>) -> bool {
        std::mem::replace(
            &mut self.line_start,
            matches!(
                event,
                Event::Start(Tag::Paragraph) | Event::SoftBreak | Event::HardBreak
            ),
        )
    }

    /// Starts gathering a code block, noting its language.
    fn start_code(&mut self, kind: &CodeBlockKind<'_>) {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        self.code = Some((lang, String::new()));
    }

    /// Closes a heading, ending its line of the text.
    fn end_heading(&mut self, event: &Event<'a>) {
        // A heading is a line of its own: its last word does not run into the next paragraph's first.
        self.text.all.push('\n');
        self.text.in_heading = false;
        self.out.push(event.clone());
    }

    /// Drops a soft break between CJK characters, and keeps any other as a space.
    fn soft_break(&mut self, events: &Events<'a>) {
        let next = first_char_after(&events[self.next..]);
        if cjk::soft_break_vanishes(self.last_char, next) {
            return;
        }
        self.text.push(" ");
        self.out.push(Event::SoftBreak);
    }

    /// Puts out text without the full-width indent typed before it, noting the first such indent.
    fn full_width_indented_text(&mut self, t: &str, offset: usize) {
        // `　　光星居民区…`: the theme indents paragraphs; two more characters would double it.
        self.full_width_indent.get_or_insert(offset);
        let t = indent::without_full_width_indent(t).unwrap_or_default();
        if t.is_empty() {
            self.line_start = true;
            return;
        }
        self.push_text(t, Event::Text(CowStr::from(t.to_string())));
    }

    /// Puts out `event`, whose text is `t`, gathering the text.
    fn push_text(&mut self, t: &str, event: Event<'a>) {
        self.last_char = t.chars().last().or(self.last_char);
        self.text.push(t);
        self.out.push(event);
    }

    /// Puts out the end of a paragraph, list item or quote, or a hard break, ending a line of the text.
    fn end_line(&mut self, event: Event<'a>) {
        self.text.push("\n");
        self.out.push(event);
    }
}

/// Plain text gathered while rendering: all of it, for counting, and the
/// paragraphs' text up to a limit, for summaries (headings are not summaries).
#[derive(Default)]
struct TextGatherer {
    all: String,
    lead: String,
    in_heading: bool,
}

impl TextGatherer {
    fn push(&mut self, text: &str) {
        self.all.push_str(text);
        if !self.in_heading && self.lead.len() < LEAD_TEXT_LIMIT * 4 {
            self.lead.push_str(text);
        }
    }
}

/// The alt text of the image whose start is just before `from`, and the index
/// of the image's end event.
fn image_alt(events: &[(Event<'_>, Range<usize>)], from: usize) -> (String, usize) {
    let mut alt = String::new();
    let mut depth = 0;
    for (i, (event, _)) in events.iter().enumerate().skip(from) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => return (alt, i),
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    (alt, events.len())
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn plain_text_until_heading_end(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// The first character of text after a soft break, looking through the tags
/// that may open in between (`\n**强调**`).
fn first_char_after(events: &[(Event<'_>, Range<usize>)]) -> Option<char> {
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => return t.chars().next(),
            Event::Start(_) | Event::End(_) => continue,
            _ => return None,
        }
    }
    None
}

fn is_more_marker(html: &str) -> bool {
    let inner = html.trim();
    inner
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
        .is_some_and(|s| s.trim() == "more")
}

#[cfg(test)]
mod tests {
    use super::super::tests::html;
    use super::*;
    use crate::error::Severity;
    use crate::markdown::{render, render_with_images};

    #[test]
    fn soft_break_between_chinese_characters_vanishes() {
        assert_eq!(html("群\n策群力"), "<p>群策群力</p>\n");
        assert_eq!(html("说：\n“好”"), "<p>说：“好”</p>\n");
    }

    #[test]
    fn soft_break_next_to_latin_keeps_a_space() {
        assert_eq!(html("使用\nRust 语言"), "<p>使用\nRust 语言</p>\n");
        assert_eq!(html("hello\nworld"), "<p>hello\nworld</p>\n");
    }

    #[test]
    fn soft_break_looks_through_inline_markup() {
        assert_eq!(html("组团\n**服务**"), "<p>组团<strong>服务</strong></p>\n");
        assert_eq!(html("*组团*\n服务"), "<p><em>组团</em>服务</p>\n");
    }

    #[test]
    fn headings_get_pinyin_anchors() {
        let r = render(
            "## 倾听民声\n\n## 倾听民声\n\n## 自定 {#mine}",
            MarkdownOptions::default(),
            &|_| LinkTarget::Keep,
        );
        assert!(
            r.html.contains("<h2 id=\"qing-ting-min-sheng\">倾听民声</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("id=\"qing-ting-min-sheng-2\""));
        assert!(r.html.contains("id=\"mine\""));
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn more_marker_ends_the_summary_and_is_not_output() {
        for marker in ["<!-- more -->", "<!--more-->"] {
            let r = render(
                &format!("第一段。\n\n{marker}\n\n第二段。"),
                MarkdownOptions::default(),
                &|_| LinkTarget::Keep,
            );
            assert_eq!(r.text_before_more.as_deref(), Some("第一段。"));
            assert!(!r.html.contains("more"), "{}", r.html);
        }
    }

    #[test]
    fn links_are_rewritten_or_reported() {
        let resolve = |dest: &str| match dest {
            "other.md" => LinkTarget::Rewrite("/2013/11/other/".into()),
            "gone.md" => LinkTarget::Broken {
                message: crate::msg!("config-name", name = "no article gone.md"),
                hint: None,
            },
            _ => LinkTarget::Keep,
        };
        let md = "见[另文](other.md)和[旧文](gone.md)、[外链](https://e.org/)。";
        let r = render(md, MarkdownOptions::default(), &resolve);
        assert!(r.html.contains("href=\"/2013/11/other/\""));
        assert!(r.html.contains("href=\"https://e.org/\""));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].offset, md.find("[旧文]").unwrap());
    }

    #[test]
    fn images_are_replaced_by_the_resolvers_markup_or_reported() {
        let picture = |image: ImageRef<'_>| match image.src {
            "drill.jpg" => ImageTarget::Markup(format!("<picture data-alt=\"{}\"></picture>", image.alt)),
            "gone.jpg" => ImageTarget::Broken {
                message: crate::msg!("image-missing", path = "gone.jpg"),
                hint: None,
            },
            _ => ImageTarget::Keep,
        };
        let md = "前文 ![演练 *现场*](drill.jpg) 后文\n\n![远](https://e.org/a.jpg)\n\n![无](gone.jpg)";
        let r = render_with_images(md, MarkdownOptions::default(), &|_| LinkTarget::Keep, &picture);
        assert!(
            r.html
                .contains("<p>前文 <picture data-alt=\"演练 现场\"></picture> 后文</p>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<img src=\"https://e.org/a.jpg\" alt=\"远\" />"),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].offset, md.find("![无]").unwrap());
    }

    #[test]
    fn counts_and_lead_text() {
        let r = render(
            "## 标题\n\n正文五个字。\n\n```\ncode\n```",
            MarkdownOptions::default(),
            &|_| LinkTarget::Keep,
        );
        assert_eq!(r.lead_text.trim(), "正文五个字。");
        assert!(r.char_count() >= 8);
    }

    #[test]
    fn full_width_paragraph_indents_are_removed_and_reported_once() {
        let md = "　　光星居民区由原光星村和润景苑居民区合并而来。\n\n　　支部书记蔡文强说：\n“组团服务好。”\n\n> 　　引文\n";
        let r = render(md, MarkdownOptions::default(), &|_| LinkTarget::Keep);
        assert!(!r.html.contains('\u{3000}'), "{}", r.html);
        assert!(
            r.html.contains(
                "<p>光星居民区由原光星村和润景苑居民区合并而来。</p>\n<p>支部书记蔡文强说：“组团服务好。”</p>"
            ),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1, "once a file: {:?}", r.problems);
        assert_eq!((r.problems[0].severity, r.problems[0].offset), (Severity::Warning, 0));
        assert!(
            r.problems[0]
                .message
                .to_string()
                .starts_with("paragraphs are indented with full-width spaces")
        );
        assert!(r.text.starts_with("光星居民区"), "nor in the text: {}", r.text);
    }

    #[test]
    fn counts_the_pictures_a_body_shows() {
        let r = render(
            "图一：![现场](a.jpg)\n\n<img src=\"b.jpg\" alt=\"\">\n",
            MarkdownOptions::default(),
            &|_| LinkTarget::Keep,
        );
        assert_eq!(r.pictures, 2);
        assert_eq!(
            render("正文。", MarkdownOptions::default(), &|_| LinkTarget::Keep).pictures,
            0
        );
    }

    #[test]
    fn code_in_unknown_language_is_escaped() {
        assert!(html("```nosuchlang\n<b>\n```").contains("&lt;b&gt;"));
    }
}
