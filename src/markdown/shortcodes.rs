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

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;

use super::{BodyProblem, ImageRef, ImageTarget, LinkTarget, MarkdownOptions, RenderedBody};
use crate::i18n::Message;
use crate::msg;

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

/// What an argument of a built-in shortcode takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Text in quotes.
    Text,
    /// A whole number in this range.
    Number(i64, i64),
    /// A picture file of the article's folder: resized and published.
    Picture,
    /// A video file of the article's folder: published beside the page.
    Video,
    /// A web address (`https://…`), checked against site.yaml's `embeds: hosts`.
    Address,
}

/// An argument of a built-in shortcode.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub required: bool,
}

/// What a built-in shortcode's body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// It has none: only the inline form `{{ … }}`.
    None,
    /// Markdown, rendered like the article's.
    Markdown,
    /// One picture a line: `drill1.jpg 说明 | 摄影：李强`.
    Pictures,
}

/// A shortcode jianbao defines: its arguments and body. A theme's template of
/// the same name replaces how it looks, not what it takes.
#[derive(Clone, Copy, Debug)]
pub struct Signature {
    pub name: &'static str,
    pub params: &'static [Param],
    pub body: BodyKind,
    /// Exactly one of these arguments must be given (empty: no such rule).
    pub one_of: &'static [&'static str],
    /// A call as an editor writes it, for hints.
    pub example: &'static str,
}

const fn param(name: &'static str, kind: ParamKind, required: bool) -> Param {
    Param { name, kind, required }
}

/// The shortcodes built into jianbao, by name.
pub const BUILTIN: &[Signature] = &[
    Signature {
        name: "note",
        params: &[param("title", ParamKind::Text, false)],
        body: BodyKind::Markdown,
        one_of: &[],
        example: "{% note(title=\"编者按\") %} …… {% end %}",
    },
    Signature {
        name: "photoset",
        params: &[param("columns", ParamKind::Number(1, 4), false)],
        body: BodyKind::Pictures,
        one_of: &[],
        example: "{% photoset() %} drill1.jpg 消防员进行演练 | 摄影：李强 {% end %}",
    },
    Signature {
        name: "quote",
        params: &[param("source", ParamKind::Text, false)],
        body: BodyKind::Markdown,
        one_of: &[],
        example: "{% quote(source=\"蔡文强\") %} …… {% end %}",
    },
    Signature {
        name: "video",
        params: &[
            param("src", ParamKind::Video, false),
            param("poster", ParamKind::Picture, false),
            param("url", ParamKind::Address, false),
            param("caption", ParamKind::Text, false),
            param("credit", ParamKind::Text, false),
        ],
        body: BodyKind::None,
        one_of: &["src", "url"],
        example: "{{ video(src=\"huodong.mp4\", poster=\"fengmian.jpg\") }}",
    },
];

/// The built-in shortcode called `name`.
pub fn builtin(name: &str) -> Option<&'static Signature> {
    BUILTIN.iter().find(|s| s.name == name)
}

/// File extensions of the videos `<video>` plays in browsers.
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "m4v", "webm", "ogv", "mov"];

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

/// A call found in the text, before it is completed.
#[derive(Debug)]
struct Found {
    name: String,
    args: Vec<(String, ArgValue, usize)>,
    /// The byte range of its body, for the body form.
    body: Option<Range<usize>>,
    range: Range<usize>,
    block: bool,
}

/// The Markdown with calls cut out, and what was cut.
pub(super) struct Extraction {
    /// The text to parse: calls replaced by tokens.
    pub text: String,
    found: Vec<Found>,
    problems: Vec<BodyProblem>,
    /// (range in `text`, range in the original) of each replacement.
    edits: Vec<(Range<usize>, Range<usize>)>,
}

impl Extraction {
    /// The offset in the original text of `offset` in [`Extraction::text`].
    fn original(&self, offset: usize) -> usize {
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
pub(super) fn extract(markdown: &str) -> Extraction {
    if !markdown.contains("{{") && !markdown.contains("{%") {
        return Extraction {
            text: markdown.to_string(),
            found: Vec::new(),
            problems: Vec::new(),
            edits: Vec::new(),
        };
    }
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
        i = open.end;
        match open.form {
            Form::End => problems.push(BodyProblem::error(
                at,
                msg!("sc-stray-end", end = "{% end %}"),
                Some(msg!("sc-stray-end-hint", example = "{% note(title=\"编者按\") %}")),
            )),
            Form::Inline => found.push(Found {
                name: open.name,
                args: open.args,
                body: None,
                range: at..open.end,
                block: false,
            }),
            Form::Body => match find_end(markdown, open.end, &in_code, &open.name, &mut problems) {
                Some((body_end, end)) => {
                    found.push(Found {
                        name: open.name,
                        args: open.args,
                        body: Some(open.end..body_end),
                        range: at..end,
                        block: false,
                    });
                    i = end;
                }
                None => problems.push(BodyProblem::error(
                    at,
                    msg!("sc-unclosed", name = open.name.as_str(), end = "{% end %}"),
                    Some(msg!("sc-unclosed-hint", end = "{% end %}")),
                )),
            },
        }
    }
    let mut text = String::with_capacity(markdown.len());
    let mut edits = Vec::with_capacity(found.len());
    let mut last = 0;
    for (n, f) in found.iter_mut().enumerate() {
        let line_start = markdown[..f.range.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = markdown[f.range.end..]
            .find('\n')
            .map_or(markdown.len(), |p| f.range.end + p);
        f.block = line_start >= last
            && markdown[line_start..f.range.start].trim().is_empty()
            && markdown[f.range.end..line_end].trim().is_empty();
        let (start, end, replacement) = if f.block {
            (line_start, line_end, format!("\n{}\n", token(n)))
        } else {
            (f.range.start, f.range.end, token(n))
        };
        push_neutralised(&mut text, &markdown[last..start]);
        let new_start = text.len();
        text.push_str(&replacement);
        edits.push((new_start..text.len(), start..end));
        last = end;
    }
    push_neutralised(&mut text, &markdown[last..]);
    Extraction {
        text,
        found,
        problems,
        edits,
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
    for (event, range) in Parser::new_ext(markdown, super::parser_options()).into_offset_iter() {
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
                problems.push(BodyProblem::error(
                    at,
                    msg!("sc-nested", name = open.name.as_str(), outer = outer),
                    Some(msg!("sc-nested-hint", outer = outer, end = "{% end %}")),
                ));
                i = open.end;
            }
            Some(Err(_)) | None => {}
        }
    }
    None
}

#[derive(Debug, PartialEq, Eq)]
enum Form {
    Inline,
    Body,
    End,
}

/// An opening tag read: `{{ name(args) }}`, `{% name(args) %}` or `{% end %}`.
#[derive(Debug)]
struct Open {
    name: String,
    args: Vec<(String, ArgValue, usize)>,
    form: Form,
    /// Just after the tag.
    end: usize,
}

/// Reads the tag at `at` (`{{` or `{%`). `None` when it is no shortcode
/// (`{{ 文字 }}`, `{% if %}`): such text stays as written.
fn parse_open(text: &str, at: usize) -> Option<Result<Open, BodyProblem>> {
    let inline = text[at..].starts_with("{{");
    if !inline && !text[at..].starts_with("{%") {
        return None;
    }
    let close = if inline { "}}" } else { "%}" };
    let mut c = Cursor { text, pos: at + 2 };
    c.skip_ws();
    let name = c.ident()?;
    c.skip_ws();
    if !inline && name == "end" && c.eat(close) {
        return Some(Ok(Open {
            name,
            args: Vec::new(),
            form: Form::End,
            end: c.pos,
        }));
    }
    if !c.eat("(") && !c.eat("（") {
        return None;
    }
    Some(parse_args(&mut c, &name).and_then(|args| {
        c.skip_ws();
        if c.eat(close) {
            Ok(Open {
                name: name.clone(),
                args,
                form: if inline { Form::Inline } else { Form::Body },
                end: c.pos,
            })
        } else {
            let other = if inline { "%}" } else { "}}" };
            let what = if c.rest().starts_with(other) {
                msg!("sc-syntax-mismatched", open = &text[at..at + 2], close = close)
            } else {
                msg!("sc-syntax-close", close = close)
            };
            Err(syntax(c.pos, &name, what))
        }
    }))
}

fn syntax(offset: usize, name: &str, what: Message) -> BodyProblem {
    let hint = match builtin(name) {
        Some(sig) => msg!("sc-syntax-example-hint", example = sig.example),
        None => msg!(
            "sc-syntax-hint",
            example = "{{ video(src=\"huodong.mp4\", poster=\"fengmian.jpg\") }}"
        ),
    };
    BodyProblem::error(offset, msg!("sc-syntax", name = name, problem = what), Some(hint))
}

/// Reads `key="value", key=3, key=true)` after the `(`.
fn parse_args(c: &mut Cursor<'_>, name: &str) -> Result<Vec<(String, ArgValue, usize)>, BodyProblem> {
    let mut args: Vec<(String, ArgValue, usize)> = Vec::new();
    loop {
        c.skip_ws();
        if c.eat(")") || c.eat("）") {
            return Ok(args);
        }
        if !args.is_empty() {
            if c.rest().starts_with(['，', '、']) {
                return Err(syntax(c.pos, name, msg!("sc-syntax-full-width-comma")));
            }
            if !c.eat(",") {
                return Err(syntax(c.pos, name, msg!("sc-syntax-comma")));
            }
            c.skip_ws();
            if c.eat(")") || c.eat("）") {
                return Ok(args);
            }
        }
        let key_at = c.pos;
        let Some(key) = c.ident() else {
            return Err(syntax(c.pos, name, msg!("sc-syntax-key")));
        };
        c.skip_ws();
        if !c.eat("=") {
            return Err(syntax(c.pos, name, msg!("sc-syntax-equals", arg = key.as_str())));
        }
        c.skip_ws();
        let value_at = c.pos;
        let value = c.value().map_err(|what| syntax(value_at, name, what))?;
        if args.iter().any(|(k, _, _)| *k == key) {
            return Err(BodyProblem::error(
                key_at,
                msg!("sc-duplicate-arg", name = name, arg = key.as_str()),
                Some(msg!("sc-duplicate-arg-hint")),
            ));
        }
        args.push((key, value, key_at));
    }
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        let hit = self.rest().starts_with(s);
        if hit {
            self.pos += s.len();
        }
        hit
    }

    fn ident(&mut self) -> Option<String> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '_') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        Some(rest[..len].to_string())
    }

    fn value(&mut self) -> Result<ArgValue, Message> {
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Err(msg!("sc-syntax-value"));
        };
        match first {
            '"' | '\'' => {
                let mut out = String::new();
                let mut chars = rest.char_indices().skip(1);
                while let Some((i, ch)) = chars.next() {
                    if ch == first {
                        self.pos += i + 1;
                        return Ok(ArgValue::Text(out));
                    }
                    if ch == '\\' {
                        if let Some((_, next)) = chars.next() {
                            out.push(next);
                        }
                    } else if ch == '\n' && out.ends_with('\n') {
                        break;
                    } else {
                        out.push(ch);
                    }
                }
                Err(msg!("sc-syntax-unterminated"))
            }
            '“' | '”' | '‘' | '’' | '「' => Err(msg!("sc-syntax-curly-quotes")),
            _ => {
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'))
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                let value = match word {
                    "true" => ArgValue::Bool(true),
                    "false" => ArgValue::Bool(false),
                    _ => match word.parse::<i64>() {
                        Ok(n) => ArgValue::Number(n),
                        Err(_) if word.is_empty() => return Err(msg!("sc-syntax-value")),
                        Err(_) => return Err(msg!("sc-syntax-bare", value = word)),
                    },
                };
                self.pos += len;
                Ok(value)
            }
        }
    }
}

/// Completes a render of the text with tokens: problems moved back to the
/// original text's offsets, each call checked and completed, and the calls'
/// text put into the body's plain text where their tokens are.
pub(super) fn complete(
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
    out.char_count = super::cjk::count_chars(&out.text);
    out.problems.sort_by_key(|p| p.offset);
}

/// What completing one call found besides the call.
#[derive(Default)]
struct Completed {
    problems: Vec<BodyProblem>,
    /// Its plain text, for counts, summaries and search.
    text: String,
    pictures: usize,
}

fn complete_call(
    found: &Found,
    markdown: &str,
    options: MarkdownOptions,
    resolve: &dyn Fn(&str) -> LinkTarget,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> ShortcodeCall {
    let at = found.range.start;
    let mut call = ShortcodeCall {
        name: found.name.clone(),
        args: Vec::new(),
        body: None,
        pictures: Vec::new(),
        block: found.block,
        offset: at,
        line: 0,
        column: 0,
    };
    let signature = builtin(&found.name);
    let body_kind = signature.map_or(BodyKind::Markdown, |s| s.body);
    if let Some(sig) = signature {
        check_signature(sig, found, done);
    }
    for (key, value, key_at) in &found.args {
        let kind = signature
            .and_then(|s| s.params.iter().find(|p| p.name == key))
            .map(|p| p.kind);
        let value = match (kind, value) {
            (Some(ParamKind::Picture), ArgValue::Text(src)) => match picture_file(src, "", picture) {
                Ok(p) => ArgValue::Text(p.url),
                Err((message, hint)) => {
                    done.problems.push(BodyProblem::error(*key_at, message, hint));
                    value.clone()
                }
            },
            (Some(ParamKind::Video), ArgValue::Text(src)) => match video_file(src, resolve) {
                Ok(url) => ArgValue::Text(url),
                Err((message, hint)) => {
                    done.problems.push(BodyProblem::error(*key_at, message, hint));
                    value.clone()
                }
            },
            (Some(ParamKind::Address), ArgValue::Text(url)) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    done.problems.push(BodyProblem::error(
                        *key_at,
                        msg!("sc-not-an-address", value = url.as_str()),
                        Some(msg!("sc-not-an-address-hint")),
                    ));
                }
                value.clone()
            }
            _ => value.clone(),
        };
        if matches!(key.as_str(), "caption" | "title" | "source" | "credit")
            && let ArgValue::Text(t) = &value
        {
            done.text.push_str(t);
            done.text.push('\n');
        }
        call.args.push((key.clone(), value));
    }
    let Some(body) = found.body.clone() else {
        return call;
    };
    let text = &markdown[body.clone()];
    match body_kind {
        BodyKind::None => {}
        BodyKind::Markdown => {
            let rendered = super::render_markdown(text, options, resolve, picture);
            done.problems.extend(rendered.problems.into_iter().map(|mut p| {
                p.offset += body.start;
                p
            }));
            done.pictures += rendered.pictures;
            done.text.push_str(&rendered.text);
            call.body = Some(rendered.html);
        }
        BodyKind::Pictures => {
            call.pictures = set_pictures(text, body.start, picture, done);
            if call.pictures.is_empty() && !done.problems.iter().any(|p| p.offset >= body.start) {
                done.problems.push(BodyProblem::error(
                    at,
                    msg!("sc-photoset-empty"),
                    Some(msg!(
                        "sc-photoset-line-hint",
                        example = "drill1.jpg 消防员进行演练 | 摄影：李强"
                    )),
                ));
            }
        }
    }
    call
}

/// Problems with what a call of a built-in shortcode gives it.
fn check_signature(sig: &Signature, found: &Found, done: &mut Completed) {
    let at = found.range.start;
    let names: Vec<String> = sig.params.iter().map(|p| p.name.to_string()).collect();
    for (key, value, key_at) in &found.args {
        let Some(param) = sig.params.iter().find(|p| p.name == key) else {
            let hint = match crate::error::did_you_mean(key, sig.params.iter().map(|p| p.name)) {
                Some(near) => msg!("sc-unknown-arg-near-hint", near = near, args = names.clone()),
                None if names.is_empty() => msg!("sc-no-args-hint", name = sig.name),
                None => msg!("sc-unknown-arg-hint", args = names.clone()),
            };
            done.problems.push(BodyProblem::error(
                *key_at,
                msg!("sc-unknown-arg", name = sig.name, arg = key.as_str()),
                Some(hint),
            ));
            continue;
        };
        let wrong = match (param.kind, value) {
            (ParamKind::Number(min, max), ArgValue::Number(n)) if *n < min || *n > max => Some(msg!(
                "sc-arg-number",
                name = sig.name,
                arg = key.as_str(),
                min = min,
                max = max
            )),
            (ParamKind::Number(..), ArgValue::Number(_)) => None,
            (ParamKind::Number(min, max), _) => Some(msg!(
                "sc-arg-number",
                name = sig.name,
                arg = key.as_str(),
                min = min,
                max = max
            )),
            (_, ArgValue::Text(_)) => None,
            (_, _) => Some(msg!("sc-arg-text", name = sig.name, arg = key.as_str())),
        };
        if let Some(message) = wrong {
            let hint = msg!("sc-syntax-example-hint", example = sig.example);
            done.problems.push(BodyProblem::error(*key_at, message, Some(hint)));
        }
    }
    let given = |name: &str| found.args.iter().any(|(k, _, _)| k == name);
    for p in sig.params.iter().filter(|p| p.required && !given(p.name)) {
        done.problems.push(BodyProblem::error(
            at,
            msg!("sc-missing-arg", name = sig.name, arg = p.name),
            Some(msg!("sc-syntax-example-hint", example = sig.example)),
        ));
    }
    if !sig.one_of.is_empty() {
        let choices: Vec<String> = sig.one_of.iter().map(|s| s.to_string()).collect();
        let count = sig.one_of.iter().filter(|n| given(n)).count();
        if count != 1 {
            let message = if count == 0 {
                msg!("sc-one-of-missing", name = sig.name, args = choices)
            } else {
                msg!("sc-one-of-both", name = sig.name, args = choices)
            };
            let hint = msg!("sc-syntax-example-hint", example = sig.example);
            done.problems.push(BodyProblem::error(at, message, Some(hint)));
        }
    }
    match (sig.body, found.body.is_some()) {
        (BodyKind::None, true) => done.problems.push(BodyProblem::error(
            at,
            msg!("sc-no-body", name = sig.name),
            Some(msg!("sc-syntax-example-hint", example = sig.example)),
        )),
        (BodyKind::Markdown | BodyKind::Pictures, false) => done.problems.push(BodyProblem::error(
            at,
            msg!("sc-needs-body", name = sig.name, end = "{% end %}"),
            Some(msg!("sc-syntax-example-hint", example = sig.example)),
        )),
        _ => {}
    }
}

/// A picture published through the caller's picture resolver.
struct Published {
    html: String,
    url: String,
    width: u32,
    height: u32,
}

type Failure = (Message, Option<Message>);

/// The picture file `src` of the article's folder, resized and published.
fn picture_file(src: &str, alt: &str, picture: &dyn Fn(ImageRef<'_>) -> ImageTarget) -> Result<Published, Failure> {
    let not_here = || {
        (
            msg!("sc-not-a-file", value = src),
            Some(msg!("sc-not-a-file-hint", example = "poster=\"fengmian.jpg\"")),
        )
    };
    if src.starts_with('/') || src.contains("://") {
        return Err(not_here());
    }
    match picture(ImageRef { src, alt, title: "" }) {
        ImageTarget::Markup(html) => {
            // The resolver's markup is all it says of a picture: its `<img>`
            // holds the widest file and its size.
            let img = html.find("<img").map_or("", |i| &html[i..]);
            let attr = |name: &str| {
                let key = format!(" {name}=\"");
                img.find(&key).and_then(|i| {
                    let v = &img[i + key.len()..];
                    v.find('"').map(|end| v[..end].to_string())
                })
            };
            Ok(Published {
                url: attr("src").unwrap_or_default(),
                width: attr("width").and_then(|w| w.parse().ok()).unwrap_or(0),
                height: attr("height").and_then(|h| h.parse().ok()).unwrap_or(0),
                html,
            })
        }
        ImageTarget::Keep => Err(not_here()),
        ImageTarget::Broken { message, hint } => Err((message, hint)),
    }
}

/// The address of the video file `src` of the article's folder, which is
/// published beside the page with the folder's other files.
fn video_file(src: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> Result<String, Failure> {
    if src.starts_with('/') || src.contains("://") || src.is_empty() {
        return Err((
            msg!("sc-not-a-file", value = src),
            Some(msg!("sc-video-not-a-file-hint")),
        ));
    }
    let extension = src
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !VIDEO_EXTENSIONS.contains(&extension.as_str()) {
        let kinds: Vec<String> = VIDEO_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        return Err((
            msg!("sc-not-a-video", value = src),
            Some(msg!("sc-not-a-video-hint", kinds = kinds)),
        ));
    }
    match resolve(src) {
        LinkTarget::Keep => Ok(src.to_string()),
        LinkTarget::Rewrite(url) => Ok(url),
        LinkTarget::Broken { message, hint } => Err((message, hint)),
    }
}

/// The pictures of a photo set's body, one a line: `file caption | credit`.
fn set_pictures(
    body: &str,
    body_at: usize,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> Vec<SetPicture> {
    let mut pictures = Vec::new();
    let mut line_at = body_at;
    for line in body.split_inclusive('\n') {
        let at = line_at + (line.len() - line.trim_start().len());
        line_at += line.len();
        let line = line.trim().trim_start_matches(['-', '*']).trim();
        if line.is_empty() {
            continue;
        }
        let (file, rest) = line.split_once(|c: char| c.is_whitespace()).unwrap_or((line, ""));
        let (caption, credit) = rest.split_once(['|', '｜']).unwrap_or((rest, ""));
        let (caption, credit) = (caption.trim(), credit.trim());
        match picture_file(file, caption, picture) {
            Ok(p) => {
                done.pictures += 1;
                done.text.push_str(caption);
                done.text.push('\n');
                pictures.push(SetPicture {
                    file: file.to_string(),
                    html: p.html,
                    url: p.url,
                    width: p.width,
                    height: p.height,
                    caption: caption.to_string(),
                    credit: credit.to_string(),
                });
            }
            Err((message, hint)) => {
                let hint = hint.unwrap_or_else(|| {
                    msg!(
                        "sc-photoset-line-hint",
                        example = "drill1.jpg 消防员进行演练 | 摄影：李强"
                    )
                });
                done.problems.push(BodyProblem::error(at, message, Some(hint)));
            }
        }
    }
    pictures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn rendered(md: &str) -> RenderedBody {
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
        super::super::render_with_images(md, MarkdownOptions::default(), &|_| LinkTarget::Keep, &picture)
    }

    fn problems(md: &str) -> Vec<(usize, String)> {
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
    fn calls_in_code_stay_as_written() {
        let r = rendered("`{{ video(src=\"a.mp4\") }}`\n\n```\n{% note() %}\n```\n");
        assert!(r.shortcodes.is_empty() && r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("<code>{{ video(src=\"a.mp4\") }}</code>"), "{}", r.html);
        assert!(rendered("{{ 文字 }} 与 {% if x %}").shortcodes.is_empty());
    }

    #[test]
    fn problems_after_a_call_keep_their_place_in_the_text() {
        let md = "{% note() %}\n甲\n\n乙\n{% end %}\n\n{% photoset() %}\ngone.jpg 失踪\n{% end %}\n\n![x](gone.jpg)";
        let offsets: Vec<usize> = problems(md).into_iter().map(|(o, _)| o).collect();
        assert_eq!(offsets, [md.find("gone.jpg 失踪").unwrap(), md.find("![x]").unwrap()]);
    }

    #[test]
    fn mistakes_are_told_in_chinese_where_they_are() {
        assert_eq!(
            problems("正文\n{% note(title=\"编者按\") %}\n内容"),
            [(7, "`note` 从这里开始，但没有用 `{% end %}` 结束".to_string())]
        );
        assert_eq!(
            problems("{% end %}"),
            [(0, "这个 `{% end %}` 前面没有要结束的短代码".to_string())]
        );
        assert_eq!(
            problems("{{ video(src=\"a.mp4\"，caption=\"x\") }}"),
            [(
                20,
                "短代码 `video` 的写法有误：参数之间用英文逗号 `,` 隔开，不能用 `，` 或 `、`".to_string()
            )]
        );
        assert_eq!(
            problems("{{ video(src=\"a.pdf\") }}"),
            [(9, "`a.pdf` 不是视频文件".to_string())]
        );
        assert_eq!(
            problems("{% quote() %}\n{{ video(src=\"a.mp4\") }}\n{% end %}"),
            [(
                14,
                "短代码 `video` 写在了 `quote` 里面，`quote` 里不能再放短代码".to_string()
            )]
        );
        assert_eq!(
            problems("{{ video(src=\"a.mp4\", url=\"https://v.qq.com/x\") }}"),
            [(0, "`video` 只能用参数 src、url 中的一个".to_string())]
        );
    }

    #[test]
    fn typed_placeholder_characters_are_made_harmless() {
        let r = rendered(&format!("{}\n\n{{{{ video(src=\"a.mp4\") }}}}", token(0)));
        assert_eq!(r.html.matches(TOKEN_OPEN).count(), 1, "{}", r.html);
        assert!(r.html.starts_with("<p>\u{FFFD}0\u{FFFD}</p>"), "{}", r.html);
    }
}
