//! Reading the characters of a line: where a key ends and with what colon, and
//! what a quotation mark, a separator or a name before `：` is there for.

use super::FULL_WIDTH_SPACE;

/// What ends a key on a line of block YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Colon {
    /// `key: value` or `key:` at the end.
    Ascii,
    /// `key：value`
    FullWidth,
    /// `key:　value`
    FullWidthSpace,
    /// `key:value`, which YAML reads as one word.
    NoSpace,
}

/// The colon ending the key of a block line whose content starts at `at`, if any.
pub(super) fn key_colon(chars: &[char], at: usize) -> Option<(usize, Colon)> {
    for i in at..chars.len() {
        match chars[i] {
            '#' if i > at && chars[i - 1].is_whitespace() => return None,
            '"' | '\'' | '[' | '{' if i == at => return None,
            '：' => return Some((i, Colon::FullWidth)),
            ':' => match chars.get(i + 1) {
                None | Some(' ' | '\t') => return Some((i, Colon::Ascii)),
                Some(&FULL_WIDTH_SPACE) => return Some((i, Colon::FullWidthSpace)),
                Some(&next) => {
                    let key: String = chars[at..i].iter().collect();
                    if is_ascii_key(&key) && at == first_content(chars) && !matches!(next, '/' | ':') {
                        return Some((i, Colon::NoSpace));
                    }
                }
            },
            _ => {}
        }
    }
    None
}

/// The column where a line's content starts, after its indentation.
fn first_content(chars: &[char]) -> usize {
    chars.iter().take_while(|c| **c == ' ').count()
}

/// Whether `key` written before a `：` is meant as a key: a key of letters
/// (`district：`) always; a Chinese name (`松江区：`, in site.yaml) when what
/// follows is what a key's value would be, not more prose.
pub(super) fn is_key_before_full_width_colon(key: &str, rest: &str, is_item: bool) -> bool {
    if is_ascii_key(key) {
        return true;
    }
    if is_item || key.is_empty() || key.contains(char::is_whitespace) || key.contains(['"', '\'', '[', '{', ',', '，'])
    {
        return false;
    }
    let rest = rest.trim_matches([' ', FULL_WIDTH_SPACE]);
    rest.is_empty() || rest.starts_with(['{', '[', '#']) || rest.chars().all(|c| c.is_ascii_graphic())
}

fn is_ascii_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether a quotation mark at `at` opens a quoted value rather than sitting inside a word.
pub(super) fn starts_scalar(chars: &[char], from: usize, at: usize) -> bool {
    at == from
        || chars[from..at]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '[' | '{' | ',' | ':'))
}

/// Whether a `key:` (or `key：`) starts at `at`, after spaces: the next entry of a `{…}`.
pub(super) fn entry_follows(chars: &[char], at: usize) -> bool {
    let start = (at..chars.len())
        .find(|&i| !matches!(chars[i], ' ' | FULL_WIDTH_SPACE))
        .unwrap_or(chars.len());
    let end = (start..chars.len())
        .find(|&i| !(chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '-'))
        .unwrap_or(chars.len());
    end > start && matches!(chars.get(end), Some(':' | '：'))
}
