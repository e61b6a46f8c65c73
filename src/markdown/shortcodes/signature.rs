//! What each built-in shortcode takes ([`BUILTIN`]: its arguments and body),
//! and checking a call against it.

use super::complete::Completed;
use super::find::Found;
use super::{ArgValue, messages};
use crate::i18n::Message;

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

/// Problems with what a call of a built-in shortcode gives it.
pub(super) fn check_signature(sig: &Signature, found: &Found, done: &mut Completed) {
    for (key, value, key_at) in &found.args {
        check_arg(sig, key, value, *key_at, done);
    }
    check_required(sig, found, done);
    check_one_of(sig, found, done);
    check_body(sig, found, done);
}

/// Problems with one argument: a name the shortcode does not take, or a value
/// of the wrong kind.
fn check_arg(sig: &Signature, key: &str, value: &ArgValue, key_at: usize, done: &mut Completed) {
    let Some(param) = sig.params.iter().find(|p| p.name == key) else {
        done.problems.push(messages::unknown_arg(key_at, sig, key));
        return;
    };
    if let Some(message) = wrong_value(sig, param.kind, key, value) {
        done.problems.push(messages::wrong_arg(key_at, sig, message));
    }
}

/// What is wrong with `value` for an argument of kind `kind`, if anything.
fn wrong_value(sig: &Signature, kind: ParamKind, key: &str, value: &ArgValue) -> Option<Message> {
    match (kind, value) {
        (ParamKind::Number(min, max), ArgValue::Number(n)) if *n < min || *n > max => {
            Some(messages::arg_number(sig, key, min, max))
        }
        (ParamKind::Number(..), ArgValue::Number(_)) => None,
        (ParamKind::Number(min, max), _) => Some(messages::arg_number(sig, key, min, max)),
        (_, ArgValue::Text(_)) => None,
        (_, _) => Some(messages::arg_text(sig, key)),
    }
}

/// Whether the call gives the argument `name`.
fn given(found: &Found, name: &str) -> bool {
    found.args.iter().any(|(k, _, _)| k == name)
}

/// Problems for the required arguments the call leaves out.
fn check_required(sig: &Signature, found: &Found, done: &mut Completed) {
    for p in sig.params.iter().filter(|p| p.required && !given(found, p.name)) {
        done.problems
            .push(messages::missing_arg(found.range.start, sig, p.name));
    }
}

/// A problem unless exactly one of [`Signature::one_of`] is given.
fn check_one_of(sig: &Signature, found: &Found, done: &mut Completed) {
    if sig.one_of.is_empty() {
        return;
    }
    let count = sig.one_of.iter().filter(|n| given(found, n)).count();
    if count != 1 {
        done.problems.push(messages::one_of(found.range.start, sig, count));
    }
}

/// A problem when the call has a body the shortcode takes none of, or none
/// where it needs one.
fn check_body(sig: &Signature, found: &Found, done: &mut Completed) {
    let at = found.range.start;
    match (sig.body, found.body.is_some()) {
        (BodyKind::None, true) => done.problems.push(messages::no_body(at, sig)),
        (BodyKind::Markdown | BodyKind::Pictures, false) => done.problems.push(messages::needs_body(at, sig)),
        _ => {}
    }
}
