//! Completing the calls after the render: problems moved back to the
//! original text's offsets, each call checked against its signature, its
//! files published, its body rendered, and its text put where its token is.

use std::ops::Range;

use super::files::{photo_set, picture_address, video_file};
use super::find::{Extraction, Found};
use super::messages::{self, Failure};
use super::signature::check_signature;
use super::{ArgValue, BodyKind, ParamKind, ShortcodeCall, Signature, builtin, replace_tokens};
use crate::markdown::{BodyProblem, ImageRef, ImageTarget, LinkTarget, MarkdownOptions, RenderedBody};

/// Completes a render of the text with tokens: problems moved back to the
/// original text's offsets, each call checked and completed, and the calls'
/// text put into the body's plain text where their tokens are.
pub(in crate::markdown) fn complete(
    out: &mut RenderedBody,
    extraction: Extraction,
    markdown: &str,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
) {
    if extraction.found.is_empty() && extraction.problems.is_empty() {
        return;
    }
    for p in &mut out.problems {
        p.offset = extraction.original(p.offset);
    }
    out.problems.extend(extraction.problems.iter().cloned());
    let mut texts = Vec::with_capacity(extraction.found.len());
    for found in &extraction.found {
        let mut done = Completed::default();
        let call = complete_call(found, markdown, options, resolve, picture, &mut done);
        out.problems.extend(done.problems);
        out.pictures += done.pictures;
        out.shortcodes.push(call);
        texts.push(done.text);
    }
    let text_of = |n: usize| texts.get(n).cloned();
    let swap = |s: &str| replace_tokens(s, &text_of);
    out.text = swap(&out.text);
    out.lead_text = swap(&out.lead_text);
    out.text_before_more = out.text_before_more.as_deref().map(swap);
    out.problems.sort_by_key(|p| p.offset);
}

/// What completing one call found besides the call.
#[derive(Default)]
pub(super) struct Completed {
    pub(super) problems: Vec<BodyProblem>,
    /// Its plain text, for counts, summaries and search.
    pub(super) text: String,
    pub(super) pictures: usize,
}

/// Checks and completes one call: its arguments' files published and its
/// body rendered; what else it finds goes to `done`.
fn complete_call(
    found: &Found,
    markdown: &str,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> ShortcodeCall {
    let mut call = new_call(found);
    let signature = builtin(&found.name);
    let body_kind = signature.map_or(BodyKind::Markdown, |s| s.body);
    if let Some(sig) = signature {
        check_signature(sig, found, done);
    }
    for (key, value, key_at) in &found.args {
        let kind = param_kind(signature, key);
        let value = arg_value(kind, value, *key_at, resolve, picture, done);
        push_arg_text(key, &value, done);
        call.args.push((key.clone(), value));
    }
    let Some(body) = found.body.clone() else {
        return call;
    };
    let text = &markdown[body.clone()];
    match body_kind {
        BodyKind::None => {}
        BodyKind::Markdown => call.body = Some(markdown_body(text, body, options, resolve, picture, done)),
        BodyKind::Pictures => call.pictures = photo_set(text, body.start, call.offset, picture, done),
    }
    call
}

/// The call as found, with no arguments, body or pictures yet.
fn new_call(found: &Found) -> ShortcodeCall {
    ShortcodeCall {
        name: found.name.clone(),
        args: Vec::new(),
        body: None,
        pictures: Vec::new(),
        block: found.block,
        offset: found.range.start,
        line: 0,
        column: 0,
    }
}

/// What the argument `key` of a built-in shortcode takes; `None` for an
/// argument it does not take or a shortcode that is not built in.
fn param_kind(signature: Option<&Signature>, key: &str) -> Option<ParamKind> {
    signature
        .and_then(|s| s.params.iter().find(|p| p.name == key))
        .map(|p| p.kind)
}

/// The value an argument of kind `kind` carries: a picture or video file's
/// published address, else the value as written.
fn arg_value(
    kind: Option<ParamKind>,
    value: &ArgValue,
    key_at: usize,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> ArgValue {
    match (kind, value) {
        (Some(ParamKind::Picture), ArgValue::Text(src)) => {
            published(picture_address(src, picture), value, key_at, done)
        }
        (Some(ParamKind::Video), ArgValue::Text(src)) => published(video_file(src, resolve), value, key_at, done),
        (Some(ParamKind::Address), ArgValue::Text(url)) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                done.problems.push(messages::not_an_address(key_at, url));
            }
            value.clone()
        }
        _ => value.clone(),
    }
}

/// A file's published address, or the value as `written` and the problem
/// told when the file could not be published.
fn published(address: Result<String, Failure>, written: &ArgValue, key_at: usize, done: &mut Completed) -> ArgValue {
    match address {
        Ok(url) => ArgValue::Text(url),
        Err((message, hint)) => {
            done.problems.push(BodyProblem::error(key_at, message, hint));
            written.clone()
        }
    }
}

/// Adds to the call's text an argument readers see: a caption, title, source or credit.
fn push_arg_text(key: &str, value: &ArgValue, done: &mut Completed) {
    if matches!(key, "caption" | "title" | "source" | "credit")
        && let ArgValue::Text(t) = value
    {
        done.text.push_str(t);
        done.text.push('\n');
    }
}

/// The HTML of a body rendered as Markdown; its problems (moved to the
/// body's place), pictures and text go to `done`.
fn markdown_body(
    text: &str,
    body: Range<usize>,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> String {
    let rendered = crate::markdown::render_markdown(text, options, resolve, picture);
    done.problems.extend(rendered.problems.into_iter().map(|mut p| {
        p.offset += body.start;
        p
    }));
    done.pictures += rendered.pictures;
    done.text.push_str(&rendered.text);
    rendered.html
}

#[cfg(test)]
mod tests {
    use super::super::tests::{problems, rendered};

    #[test]
    fn bodies_are_markdown_and_photo_sets_are_pictures() {
        let md = "{% note(title=\"编者按\") %}\n**本报**讯\n{% end %}\n\n{% photoset(columns=2) %}\na.jpg 演练 | 摄影：李强\n\nb.jpg\n{% end %}\n";
        let r = rendered(md);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(
            r.shortcodes[0].body.as_deref(),
            Some("<p><strong>本报</strong>讯</p>\n")
        );
        let set = &r.shortcodes[1];
        assert_eq!(set.pictures.len(), 2);
        assert_eq!(
            (
                set.pictures[0].url.as_str(),
                set.pictures[0].width,
                set.pictures[0].caption.as_str(),
                set.pictures[0].credit.as_str()
            ),
            ("/p/a.jpg", 640, "演练", "摄影：李强")
        );
        assert_eq!(r.pictures, 2);
    }

    #[test]
    fn problems_after_a_call_keep_their_place_in_the_text() {
        let md = "{% note() %}\n甲\n\n乙\n{% end %}\n\n{% photoset() %}\ngone.jpg 失踪\n{% end %}\n\n![x](gone.jpg)";
        let offsets: Vec<usize> = problems(md).into_iter().map(|(o, _)| o).collect();
        assert_eq!(offsets, [md.find("gone.jpg 失踪").unwrap(), md.find("![x]").unwrap()]);
    }
}
