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
//!
//! This file owns the public types and the rendering around the pass: parsing,
//! the passes over the events before it, and sanitising; the pass over the
//! events itself is in `pass`.

use crate::i18n::Message;

mod autolink;
pub mod cjk;
pub mod highlight;
mod indent;
mod pass;
pub mod shortcodes;
mod tagfilter;

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser};

use crate::error::Severity;

use pass::Pass;

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

impl RenderedBody {
    /// Characters in the body, as [`cjk::count_chars`] counts them: counted
    /// when asked, as a body rendered again for its page needs no count.
    pub fn char_count(&self) -> usize {
        cjk::count_chars(&self.text)
    }
}

/// A heading of the body and the anchor it can be linked by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

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

    pub(super) fn html(md: &str) -> String {
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
}
