//! Text as search compares it: the index and the query are folded the same
//! way, so that what a reader types finds what an editor wrote however either
//! was keyed in.
//!
//! - Unicode NFKC: full-width Latin letters and digits (ＧＤＰ１２０) are ASCII,
//!   compatibility ideographs (U+F900 block) are the ideographs they stand for,
//!   full-width punctuation is its ASCII form.
//! - Letters are lower-cased.
//! - Traditional characters are simplified, one character at a time, with
//!   OpenCC's tables (Apache-2.0, through the `ferrous-opencc` crate): 銀行 is
//!   银行, 臺灣 is 台湾, 閔行 is 闵行. Phrases are not converted: search
//!   compares characters, and a phrase table would fold the index and the
//!   query differently depending on their neighbours.
//!
//! `search.js` folds a query the same way: `String.prototype.normalize("NFKC")`,
//! `toLowerCase()`, and the character map the build publishes ([`pairs_for`]).

use std::sync::OnceLock;

use ahash::AHashMap as HashMap;
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use unicode_normalization::UnicodeNormalization;

use crate::markdown::cjk;

/// Traditional → simplified, one character each.
struct CharMap {
    /// The basic multilingual plane, by code point; a character maps to itself when it has no fold.
    bmp: Box<[char]>,
    /// Everything above it.
    rest: HashMap<char, char>,
}

/// The Han blocks whose characters are looked up in OpenCC's tables.
const HAN_BLOCKS: [(u32, u32); 4] = [
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0x20000, 0x2EBEF),
    (0x30000, 0x323AF),
];

fn char_map() -> &'static CharMap {
    static MAP: OnceLock<CharMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut bmp: Vec<char> = (0..=0xFFFF_u32)
            .map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))
            .collect();
        let mut rest = HashMap::new();
        let chars: Vec<char> = HAN_BLOCKS
            .iter()
            .flat_map(|&(from, to)| (from..=to).filter_map(char::from_u32))
            .collect();
        // Taiwan's and Hong Kong's variants first (裡, 綫), then the common table.
        for config in [BuiltinConfig::Tw2s, BuiltinConfig::Hk2s, BuiltinConfig::T2s] {
            let Ok(converter) = OpenCC::from_config(config) else {
                continue;
            };
            // One character a line, so that no phrase spans two of them.
            let mut input = String::with_capacity(chars.len() * 5);
            for &c in &chars {
                input.push(c);
                input.push('\n');
            }
            let output = converter.convert(&input);
            let lines: Vec<&str> = output.split('\n').collect();
            if lines.len() != chars.len() + 1 {
                continue;
            }
            for (&from, to) in chars.iter().zip(lines) {
                let mut it = to.chars();
                let (Some(to), None) = (it.next(), it.next()) else {
                    continue;
                };
                if to == from {
                    continue;
                }
                if (from as u32) < 0x10000 {
                    let slot = &mut bmp[from as usize];
                    if *slot == from {
                        *slot = to;
                    }
                } else {
                    rest.entry(from).or_insert(to);
                }
            }
        }
        CharMap {
            bmp: bmp.into_boxed_slice(),
            rest,
        }
    })
}

/// `c` simplified, if it is a traditional Han character; else `c` itself.
pub fn simplify(c: char) -> char {
    let map = char_map();
    match map.bmp.get(c as usize) {
        Some(&to) => to,
        None => map.rest.get(&c).copied().unwrap_or(c),
    }
}

/// Characters that NFKC leaves as they are whatever follows them, and that
/// make up most of a Chinese text: ASCII, the common ideographs, and the
/// usual Chinese punctuation. They skip the normaliser, which is slow.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x3002 | 0x3008..=0x3011 | 0x2018..=0x201D)
}

/// `text` in NFKC, appended to `out`.
fn push_nfkc(text: &str, out: &mut String) {
    let mut slow_from: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A stable character before one that is not could compose with it (e + ◌́).
        let next_stable = chars.peek().is_none_or(|&(_, n)| is_stable(n));
        // Full-width ASCII (，：（）１２) is what NFKC makes of it, its ASCII twin;
        // Chinese text is full of it, and the normaliser is slow.
        let quick = if is_stable(c) {
            Some(c)
        } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            char::from_u32(c as u32 - 0xFEE0)
        } else {
            None
        };
        if let (Some(quick), true) = (quick, next_stable) {
            if let Some(from) = slow_from.take() {
                out.extend(text[from..i].nfkc());
            }
            out.push(quick);
        } else if slow_from.is_none() {
            slow_from = Some(i);
        }
    }
    if let Some(from) = slow_from {
        out.extend(text[from..].nfkc());
    }
}

/// `text` folded as search compares it: NFKC, lower case, simplified.
pub fn fold(text: &str) -> String {
    let mut nfkc = String::with_capacity(text.len());
    push_nfkc(text, &mut nfkc);
    let mut out = String::with_capacity(nfkc.len());
    for c in nfkc.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if cjk::is_han(c) {
            out.push(simplify(c));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The folds that matter for `text`: every traditional character whose
/// simplified form is in it, as one string of pairs (traditional, then
/// simplified): `臺台灣湾`. `chars` is the text's distinct characters, folded.
pub fn pairs_for(chars: impl IntoIterator<Item = char>) -> String {
    let wanted: ahash::AHashSet<char> = chars.into_iter().filter(|&c| cjk::is_han(c)).collect();
    let map = char_map();
    let mut pairs: Vec<(char, char)> = map
        .bmp
        .iter()
        .enumerate()
        .filter_map(|(n, &to)| {
            let from = char::from_u32(n as u32)?;
            (from != to && wanted.contains(&to)).then_some((from, to))
        })
        .chain(
            map.rest
                .iter()
                .filter(|(_, to)| wanted.contains(to))
                .map(|(&from, &to)| (from, to)),
        )
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(a, b)| [a, b]).collect()
}

/// The traditional characters of `text` with their simplified forms, as pairs:
/// what a document file carries, so that `search.js` can mark a match in it.
pub fn pairs_in(text: &str) -> String {
    let mut seen: Vec<char> = Vec::new();
    let mut out = String::new();
    for c in text.chars().filter(|&c| cjk::is_han(c)) {
        let to = simplify(c);
        if to != c && !seen.contains(&c) {
            seen.push(c);
            out.push(c);
            out.push(to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold("銀行"), "银行");
        assert_eq!(fold("臺灣"), "台湾");
        assert_eq!(fold("臺北"), "台北");
        assert_eq!(fold("閔行區"), "闵行区");
        assert_eq!(fold("香港島裡的線"), "香港岛里的线");
        // Simplified text is left as it is.
        assert_eq!(fold("松江区消防安全"), "松江区消防安全");
    }

    #[test]
    fn full_width_and_compatibility_forms_fold_to_their_plain_ones() {
        assert_eq!(fold("ＧＤＰ１２０名"), "gdp120名");
        assert_eq!(fold("G60"), "g60");
        // U+F900 block: 豈 (U+F900) is 豈 (U+8C48), whose simplified form is 岂.
        assert_eq!(fold("\u{F900}"), fold("\u{8C48}"));
        assert_eq!(fold("\u{F91D}"), "栏");
        // Ideographic space, full-width punctuation.
        assert_eq!(fold("消防\u{3000}安全（一）"), "消防 安全(一)");
        // A letter and a combining accent compose.
        assert_eq!(fold("Cafe\u{301}"), "café");
        assert_eq!(fold("ｅ\u{301}，"), "é,");
    }

    #[test]
    fn the_quick_path_gives_what_the_normaliser_gives() {
        let text =
            "莘庄镇“两新”组织，（一）ＧＤＰ增长３．５％；Ｃａｆｅ\u{301}！《通知》〔２０１３〕５号\u{3000}ｅ\u{301}";
        let mut quick = String::new();
        push_nfkc(text, &mut quick);
        assert_eq!(quick, text.nfkc().collect::<String>());
    }

    #[test]
    fn a_document_carries_its_own_folds() {
        assert_eq!(pairs_in("臺灣銀行與臺北"), "臺台灣湾銀银與与");
        assert_eq!(pairs_in("松江区"), "");
        let pairs = pairs_for("台湾".chars());
        assert!(pairs.contains("臺台") && pairs.contains("灣湾"), "{pairs}");
        assert!(!pairs.contains("銀银"));
    }
}
