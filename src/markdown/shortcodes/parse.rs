//! Reading a call's tag: `{{ name(args) }}`, `{% name(args) %}` or
//! `{% end %}`, and the arguments `key="value", key=3, key=true` in it.

use super::{ArgValue, messages};
use crate::i18n::Message;
use crate::markdown::BodyProblem;
use crate::msg;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Form {
    Inline,
    Body,
    End,
}

/// An opening tag read: `{{ name(args) }}`, `{% name(args) %}` or `{% end %}`.
#[derive(Debug)]
pub(super) struct Open {
    pub(super) name: String,
    pub(super) args: Vec<(String, ArgValue, usize)>,
    pub(super) form: Form,
    /// Just after the tag.
    pub(super) end: usize,
}

/// Reads the tag at `at` (`{{` or `{%`). `None` when it is no shortcode
/// (`{{ 文字 }}`, `{% if %}`): such text stays as written.
pub(super) fn parse_open(text: &str, at: usize) -> Option<Result<Open, BodyProblem>> {
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
            Err(messages::syntax(c.pos, &name, what))
        }
    }))
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
                return Err(messages::syntax(c.pos, name, msg!("sc-syntax-full-width-comma")));
            }
            if !c.eat(",") {
                return Err(messages::syntax(c.pos, name, msg!("sc-syntax-comma")));
            }
            c.skip_ws();
            if c.eat(")") || c.eat("）") {
                return Ok(args);
            }
        }
        let key_at = c.pos;
        let Some(key) = c.ident() else {
            return Err(messages::syntax(c.pos, name, msg!("sc-syntax-key")));
        };
        c.skip_ws();
        if !c.eat("=") {
            return Err(messages::syntax(
                c.pos,
                name,
                msg!("sc-syntax-equals", arg = key.as_str()),
            ));
        }
        c.skip_ws();
        let value_at = c.pos;
        let value = c.value().map_err(|what| messages::syntax(value_at, name, what))?;
        if args.iter().any(|(k, _, _)| *k == key) {
            return Err(messages::duplicate_arg(key_at, name, &key));
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
