//! Markdown to HTML for one article body, with the Chinese-text rules.
//!
//! One pass over pulldown-cmark's events does everything a body needs:
//! soft breaks between CJK characters removed ([`cjk`]), fenced code
//! highlighted ([`highlight`]), links to other articles' `.md` files rewritten
//! by the caller's resolver, heading anchors added, the `<!-- more -->` marker
//! found, and the plain text gathered for summaries and counts. Raw HTML is
//! sanitised with ammonia unless the site trusts it. Paragraph indents typed
//! by hand are undone first (`indent`).
//!
//! This module knows nothing of articles or sites: it gets a small options
//! struct and a link resolver, and returns HTML, text and problems.

use crate::i18n::Message;

mod autolink;
pub mod cjk;
pub mod highlight;
mod indent;
pub mod shortcodes;
mod tagfilter;

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::error::Severity;

/// How to render: the parts of site.yaml that matter here.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through as written.
    pub unsafe_html: bool,
    /// Highlight fenced code.
    pub highlight: bool,
}

/// What the caller's resolver says about one link destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// Not a link the site rewrites (an outside URL, an anchor, a file).
    Keep,
    /// A link to another article: use this URL instead.
    Rewrite(String),
    /// A link to an article that does not exist.
    Broken { message: Message, hint: Option<Message> },
}

/// What the caller's resolver says about one Markdown image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageTarget {
    /// Leave the image as written (an outside address, a file of static/).
    Keep,
    /// Use this markup instead of the plain `<img>` (a `<picture>` with its sizes).
    Markup(String),
    /// A picture that cannot be published.
    Broken { message: Message, hint: Option<Message> },
}

/// A Markdown image as written: `![alt](src "title")`.
#[derive(Clone, Copy, Debug)]
pub struct ImageRef<'a> {
    pub src: &'a str,
    pub alt: &'a str,
    pub title: &'a str,
}

/// A problem in the body, at a byte offset of the Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyProblem {
    pub severity: Severity,
    pub offset: usize,
    pub message: Message,
    pub hint: Option<Message>,
}

impl BodyProblem {
    fn error(offset: usize, message: Message, hint: Option<Message>) -> Self {
        BodyProblem {
            severity: Severity::Error,
            offset,
            message,
            hint,
        }
    }

    fn warning(offset: usize, message: Message, hint: Message) -> Self {
        BodyProblem {
            severity: Severity::Warning,
            offset,
            message,
            hint: Some(hint),
        }
    }
}

/// An article body rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    /// The plain text before `<!-- more -->`, when the body has the marker.
    pub text_before_more: Option<String>,
    /// The plain text of the body's paragraphs, for automatic summaries.
    pub lead_text: String,
    /// Characters in the body, as [`cjk::count_chars`] counts them.
    pub char_count: usize,
    /// The whole body as plain text, a line per paragraph, heading and list item: what search finds.
    pub text: String,
    /// Headings with their anchors, in order, for tables of contents.
    pub headings: Vec<Heading>,
    /// How many pictures the body shows: Markdown images and `<img>` tags.
    pub pictures: usize,
    pub problems: Vec<BodyProblem>,
    /// The shortcodes called, in order; call `n` is at the token [`shortcodes::token`]`(n)` of `html`.
    pub shortcodes: Vec<shortcodes::ShortcodeCall>,
}

/// A heading of the body and the anchor it can be linked by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// How much plain text to keep for an automatic summary; more is never needed.
const LEAD_TEXT_LIMIT: usize = 400;

/// Renders `markdown` to HTML. `resolve` is asked about every link destination;
/// images are left as written.
pub fn render(markdown: &str, options: MarkdownOptions, resolve: &dyn Fn(&str) -> LinkTarget) -> RenderedBody {
    render_with_images(markdown, options, resolve, &|_| ImageTarget::Keep)
}

/// Renders `markdown` to HTML, asking `resolve` about every link destination and
/// `picture` about every image. Shortcode calls are cut out first and left as
/// tokens in the HTML, with the calls in [`RenderedBody::shortcodes`] ([`shortcodes`]).
pub fn render_with_images(
    markdown: &str,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
) -> RenderedBody {
    let extraction = shortcodes::extract(markdown);
    let mut out = render_markdown(&extraction.text, options, resolve, picture);
    shortcodes::complete(&mut out, extraction, markdown, options, resolve, picture);
    out
}

/// Renders Markdown that has no shortcodes (or where they are text, in a shortcode's body).
fn render_markdown(
    markdown: &str,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
) -> RenderedBody {
    let parser = Parser::new_ext(markdown, parser_options());
    let events: Vec<(Event<'_>, Range<usize>)> = parser.into_offset_iter().collect();
    let (events, indented_prose) = indent::unindent_prose(events, parser_options());
    let mut pass = Pass {
        options,
        resolve,
        picture,
        out: RenderedBody::default(),
        has_raw_html: false,
        ids: Vec::new(),
    };
    for offset in indented_prose {
        pass.out.problems.push(BodyProblem::warning(
            offset,
            crate::msg!("md-indented-prose"),
            crate::msg!("md-indented-prose-hint"),
        ));
    }
    // Last before rendering, so that text other passes turn into markup is not linked.
    let events = autolink::link_bare_addresses(events);
    let events = if options.unsafe_html {
        events
    } else {
        tagfilter::escape_swallowing_tags(events)
    };
    let events = pass.transform(events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if pass.has_raw_html && !options.unsafe_html {
        html = sanitizer().clean(&html).to_string();
    }
    pass.out.html = html;
    pass.out
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The state of one rendering pass.
struct Pass<'r> {
    options: MarkdownOptions,
    resolve: &'r dyn Fn(&str) -> LinkTarget,
    picture: &'r dyn Fn(ImageRef<'_>) -> ImageTarget,
    out: RenderedBody,
    has_raw_html: bool,
    /// Anchors already given in this body, to keep them unique.
    ids: Vec<String>,
}

/// Events of a body with the byte range each came from.
type Events<'a> = [(Event<'a>, Range<usize>)];

impl<'r> Pass<'r> {
    /// Rewrites a body's events for rendering, gathering its text, headings and problems on the way.
    fn transform<'a>(&mut self, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
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
        self.out.char_count = cjk::count_chars(&walk.text.all);
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

/// The HTML sanitiser, built once: ammonia's safe defaults, plus the classes
/// and anchors that this renderer itself writes (highlighting, footnotes,
/// task lists, heading ids).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["input", "section", "picture", "source"])
            .add_generic_attributes(["class"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("source", ["type", "srcset", "sizes"])
            .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
            .link_rel(None);
        for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "sup", "section"] {
            b.add_tag_attributes(tag, ["id"]);
        }
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(
            md,
            MarkdownOptions {
                unsafe_html: false,
                highlight: true,
            },
            &|_| LinkTarget::Keep,
        )
        .html
    }

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
    fn gfm_extensions() {
        assert!(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>"));
        assert!(html("~~删~~").contains("<del>删</del>"));
        assert!(html("- [x] 完成").contains("type=\"checkbox\""));
        let foot = html("正文[^1]\n\n[^1]: 注释");
        assert!(
            foot.contains("footnote-reference") && foot.contains("footnote-definition"),
            "{foot}"
        );
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
    fn indents_typed_by_hand_are_told_in_chinese() {
        use crate::i18n::Lang;
        let said = |md: &str| -> Vec<(String, String)> {
            render(md, MarkdownOptions::default(), &|_| LinkTarget::Keep)
                .problems
                .iter()
                .map(|p| {
                    let hint = p.hint.as_ref().map(|h| h.render(Lang::Zh)).unwrap_or_default();
                    (p.message.render(Lang::Zh), hint)
                })
                .collect()
        };
        assert_eq!(
            said("第一段。\n\n    莘庄镇“文明小区”评选揭晓。\n"),
            [(
                "这一段开头有四个空格，Markdown 会把它当成代码块；现已按普通段落显示".to_string(),
                "删掉这一段每行开头的空格：主题会自动把段落首行缩进两个字".to_string()
            )]
        );
        assert_eq!(
            said("　　光星居民区由原光星村合并而来。\n"),
            [(
                "段落开头用全角空格 `　　` 缩进了；这些空格已删去，主题会自动把每段首行缩进两个字".to_string(),
                "每段从第一个字直接写起，开头不要加空格".to_string()
            )]
        );
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
    fn raw_html_is_sanitised_by_default() {
        let out = html(
            "<p onclick=\"x()\">好<script>alert(1)</script></p>\n\n<iframe src=\"https://e.org\"></iframe>\n\n<a href=\"javascript:alert(1)\">链</a> <sup>2</sup>",
        );
        assert!(
            !out.contains("onclick") && !out.contains("<script") && !out.contains("iframe"),
            "{out}"
        );
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("<sup>2</sup>"), "{out}");
    }

    #[test]
    fn sanitising_keeps_tables_and_highlighting() {
        let out = html("<b>粗</b>\n\n| a |\n|---|\n| 1 |\n\n```rust\nlet x = 1;\n```\n\n## 标题");
        assert!(
            out.contains("<table>") && out.contains("hl-") && out.contains("id=\"biao-ti\""),
            "{out}"
        );
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
    fn sanitising_keeps_the_renderers_pictures() {
        let picture = |_: ImageRef<'_>| {
            ImageTarget::Markup("<picture><source type=\"image/webp\" srcset=\"a-480.webp 480w\" sizes=\"100vw\"><img src=\"a-480.jpg\" width=\"480\" height=\"360\" alt=\"x\" loading=\"lazy\"></picture>".into())
        };
        let r = render_with_images(
            "<b>粗</b>\n\n![x](a.jpg)",
            MarkdownOptions::default(),
            &|_| LinkTarget::Keep,
            &picture,
        );
        for kept in [
            "<picture>",
            "srcset=\"a-480.webp 480w\"",
            "loading=\"lazy\"",
            "width=\"480\"",
        ] {
            assert!(r.html.contains(kept), "{kept} dropped: {}", r.html);
        }
    }

    #[test]
    fn unsafe_html_passes_when_trusted() {
        let r = render(
            "<script>ok()</script>",
            MarkdownOptions {
                unsafe_html: true,
                highlight: false,
            },
            &|_| LinkTarget::Keep,
        );
        assert!(r.html.contains("<script>ok()</script>"));
    }

    #[test]
    fn counts_and_lead_text() {
        let r = render(
            "## 标题\n\n正文五个字。\n\n```\ncode\n```",
            MarkdownOptions::default(),
            &|_| LinkTarget::Keep,
        );
        assert_eq!(r.lead_text.trim(), "正文五个字。");
        assert!(r.char_count >= 8);
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
    fn han_prose_indented_by_four_spaces_is_a_paragraph_with_a_warning() {
        let md = "莘庄镇讯\n\n    莘庄镇“文明小区”评选揭晓，\n    闵行区**七个**小区榜上有名。\n\n```\n    不动\n```\n";
        let r = render(md, MarkdownOptions::default(), &|_| LinkTarget::Keep);
        assert!(
            r.html
                .contains("<p>莘庄镇“文明小区”评选揭晓，闵行区<strong>七个</strong>小区榜上有名。</p>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<pre><code>莘庄镇"), "{}", r.html);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].severity, Severity::Warning);
        assert_eq!(r.problems[0].offset, md.find("莘庄镇“").unwrap());
        let code = html("示例：\n\n    jianbao build --output public\n");
        assert!(code.contains("<pre"), "code stays code: {code}");
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
