//! Shortcodes: `{{ video(src="huodong.mp4") }}` and `{% note(title="编者按") %} … {% end %}`
//! found in an article's Markdown, before it is parsed.
//!
//! Each call is cut out of the text and a placeholder token put in its place
//! (on a paragraph of its own when the call stands alone on its lines), so
//! that Markdown neither mangles the arguments nor wraps a photo set in a
//! paragraph. The calls are then completed: a body is rendered as Markdown,
//! pictures go through the caller's picture resolver (the same pipeline as
//! `![…](…)`), video files through its link resolver, and the built-in
//! shortcodes' arguments are checked against [`BUILTIN`]. What the theme makes
//! of a call is the render stage's business: it swaps each token for the
//! call's template output ([`replace_tokens`]). This module knows no templates.
//!
//! Calls inside code spans and code blocks are left as written.
//!
//! This file owns the types a call is carried in and the tokens. Its parts,
//! in `shortcodes/`: `find` cuts the calls out of the text, `parse` reads a
//! call's tag and arguments, `signature` says what each built-in shortcode
//! takes and checks a call against it, `complete` completes the calls after
//! the render, `files` publishes the pictures and videos they name, and
//! `messages` words the problems editors are told.

mod complete;
mod files;
mod find;
mod messages;
mod parse;
mod signature;

use serde::Serialize;

pub(super) use complete::complete;
pub use files::VIDEO_EXTENSIONS;
pub(super) use find::extract;
pub use signature::{BUILTIN, BodyKind, Param, ParamKind, Signature, builtin};

/// Starts and ends a placeholder token: characters of Unicode's private use
/// area, which no editor types (any typed ones are replaced before parsing).
const TOKEN_OPEN: char = '\u{E000}';
const TOKEN_CLOSE: char = '\u{E001}';

/// A value written in a call: `"文字"`, `3`, `true`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum ArgValue {
    Text(String),
    Number(i64),
    Bool(bool),
}

/// One picture of a photo set, published like the body's pictures.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SetPicture {
    /// The file as the editor named it.
    pub file: String,
    /// A `<picture>` element with its sizes, loaded lazily.
    pub html: String,
    /// The widest published file, which the grid opens.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub caption: String,
    pub credit: String,
}

/// A shortcode call as the site model carries it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ShortcodeCall {
    pub name: String,
    /// The arguments in the order written; a picture or video file's value is
    /// the address it is published at.
    pub args: Vec<(String, ArgValue)>,
    /// The body as HTML, for the body form (`{% … %} … {% end %}`) of a shortcode
    /// whose body is Markdown.
    pub body: Option<String>,
    /// A photo set's pictures, in order.
    pub pictures: Vec<SetPicture>,
    /// Whether the call stands alone on its lines (a block), else inside a paragraph.
    pub block: bool,
    /// Byte offset of the call in the Markdown text.
    pub offset: usize,
    /// Line and column of the call in the article's file; set by the content stage.
    pub line: usize,
    pub column: usize,
}

/// The placeholder of call number `n`.
pub fn token(n: usize) -> String {
    format!("{TOKEN_OPEN}{n}{TOKEN_CLOSE}")
}

/// `html` with each call's token replaced by `output(n)`; a block call's
/// paragraph (`<p>token</p>`) goes with it. Output is not scanned again.
pub fn replace_tokens(html: &str, output: &dyn Fn(usize) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(at) = rest.find(TOKEN_OPEN) {
        let after = &rest[at + TOKEN_OPEN.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let closed = digits > 0 && after[digits..].starts_with(TOKEN_CLOSE);
        let made = closed
            .then(|| after[..digits].parse::<usize>().ok())
            .flatten()
            .and_then(output);
        let Some(made) = made else {
            out.push_str(&rest[..at + TOKEN_OPEN.len_utf8()]);
            rest = after;
            continue;
        };
        let end = at + TOKEN_OPEN.len_utf8() + digits + TOKEN_CLOSE.len_utf8();
        let mut before = &rest[..at];
        let mut tail = &rest[end..];
        if before.ends_with("<p>") && tail.starts_with("</p>") {
            before = &before[..before.len() - 3];
            tail = &tail[4..];
        }
        out.push_str(before);
        out.push_str(&made);
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::markdown::{ImageRef, ImageTarget, LinkTarget, MarkdownOptions, RenderedBody};
    use crate::msg;

    pub(super) fn rendered(md: &str) -> RenderedBody {
        let picture = |image: ImageRef<'_>| match image.src {
            "gone.jpg" => ImageTarget::Broken {
                message: msg!("image-missing", path = "gone.jpg"),
                hint: None,
            },
            src => ImageTarget::Markup(format!(
                "<picture><img src=\"/p/{src}\" width=\"640\" height=\"480\" alt=\"{}\"></picture>",
                image.alt
            )),
        };
        crate::markdown::render_with_images(md, MarkdownOptions::default(), &|_| LinkTarget::Keep, &picture)
    }

    pub(super) fn problems(md: &str) -> Vec<(usize, String)> {
        rendered(md)
            .problems
            .iter()
            .map(|p| (p.offset, p.message.render(Lang::Zh)))
            .collect()
    }

    #[test]
    fn calls_become_tokens_and_a_lone_call_its_own_paragraph() {
        let r = rendered("见下图。\n{{ video(src=\"a.mp4\") }}\n正文{{ video(src=\"b.mp4\", caption=\"现场\") }}。");
        assert_eq!(
            r.html,
            format!("<p>见下图。</p>\n<p>{}</p>\n<p>正文{}。</p>\n", token(0), token(1))
        );
        assert!(r.shortcodes[0].block && !r.shortcodes[1].block);
        assert_eq!(
            r.shortcodes[1].args,
            [
                ("src".to_string(), ArgValue::Text("b.mp4".into())),
                ("caption".to_string(), ArgValue::Text("现场".into()))
            ]
        );
        assert_eq!(r.text.trim(), "见下图。\n\n正文现场\n。");
        let html = replace_tokens(&r.html, &|n| Some(format!("<figure>{n}</figure>")));
        assert_eq!(
            html,
            "<p>见下图。</p>\n<figure>0</figure>\n<p>正文<figure>1</figure>。</p>\n"
        );
    }
}
