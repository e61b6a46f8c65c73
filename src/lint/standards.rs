//! The copy desk's national standards, where a machine can apply them without
//! guessing: GB/T 15834—2011 (标点符号用法), GB/T 15835—2011 (出版物上数字用法)
//! and, for document numbers, GB/T 9704—2012 (党政机关公文格式).
//!
//! | id | catches | rule |
//! |---|---|---|
//! | `ordinal-mark` | `一，` `1、` `（一）、` opening a line | GB/T 15834—2011 附录B.3.2–B.3.4 |
//! | `year-zero` | 二零一三年, 二0一三年, 二○一三年 | GB/T 15835—2011 5.2.5 |
//! | `range-mark` | 2月-6月, 3-5天, 8:30-17:00: a hyphen or `~` for a range | GB/T 15834—2011 4.13.3.2 |
//! | `doc-number` | 沪府发（2013）5号, 〔2013〕第5号 | GB/T 9704—2012 7.2.5 |
//! | `mixed-numerals` | 4千, 3百: digits with 千 or 百 | GB/T 15835—2011 5.3 |
//! | `date-numerals` | 二〇一三年11月14日: one date in two kinds of numerals | GB/T 15835—2011 4.3 |
//! | `nested-quotes` | “…“…”…”: double quotation marks inside double | GB/T 15834—2011 4.8 |
//! | `ordinal-level` | 1. before （一） under one 一、: levels out of their order | GB/T 15834—2011 附录B.3.8 |
//! | `dash` | 村民--志愿者: two hyphens for the dash —— | GB/T 15834—2011 4.10 |
//! | `measure-numerals` | 十二点五公里: a measure with its unit in Chinese numerals | GB/T 15835—2011 4.1.1 |
//!
//! Each reads only what it is sure of, so that a careful copy editor would
//! mark every warning: an ordinal only where a line begins, a year only
//! before 年, a range only when its first number is the smaller (38-2号 is a
//! house number, 021-6481 a telephone), a document number only after the
//! issuing body's abbreviation. The text is the lints' ([`super::text`]),
//! so code is never read.

use super::text::Body;
use super::{Context, Lint};
use crate::i18n::Message;
use crate::markdown::cjk::is_han;
use crate::msg;

/// A slip a finder found in a block's text: its byte offset, the text as
/// written, and as the standard writes it.
type Slip = (usize, String, String);

/// What finds the slips of one lint in a block's text.
type Finder = fn(&str) -> Vec<Slip>;

/// Each lint of this module read from one block's text, with its finders.
const FINDERS: [(Lint, Finder); 10] = [
    (Lint::OrdinalMark, ordinal_marks),
    (Lint::YearZero, year_zeros),
    (Lint::RangeMark, range_marks),
    (Lint::RangeMark, time_ranges),
    (Lint::DocNumber, doc_numbers),
    (Lint::MixedNumerals, mixed_numerals),
    (Lint::DateNumerals, mixed_dates),
    (Lint::NestedQuotes, nested_quotes),
    (Lint::Dash, dashes),
    (Lint::MeasureNumerals, measures_in_chinese),
];

/// Runs every standard lint on the body.
pub(super) fn check(ctx: &mut Context<'_>, body: &Body) {
    if ctx.enabled(Lint::OrdinalLevel) {
        check_levels(ctx, body);
    }
    for block in &body.blocks {
        for (lint, find) in FINDERS {
            if !ctx.enabled(lint) {
                continue;
            }
            for (at, wrong, right) in find(&block.text) {
                let position = ctx.body_position(block.source_offset(at));
                let (message, hint) = words(lint, wrong, right);
                ctx.warn(lint, position, message, hint);
            }
        }
    }
}

/// The warning and the hint of a slip of `lint`.
fn words(lint: Lint, wrong: String, right: String) -> (Message, Message) {
    match lint {
        Lint::OrdinalMark => {
            let rule = match right.chars().next() {
                Some('（') => "附录B.3.4",
                Some(c) if c.is_ascii_digit() => "附录B.3.3",
                _ => "附录B.3.2",
            };
            (
                msg!("lint-ordinal-mark", wrong = wrong),
                msg!("lint-ordinal-mark-hint", right = right, rule = rule),
            )
        }
        Lint::YearZero => (
            msg!("lint-year-zero", wrong = wrong),
            msg!("lint-year-zero-hint", right = right),
        ),
        Lint::RangeMark => (
            msg!("lint-range-mark", wrong = wrong),
            msg!("lint-range-mark-hint", right = right),
        ),
        Lint::DocNumber => (
            msg!("lint-doc-number", wrong = wrong),
            msg!("lint-doc-number-hint", right = right),
        ),
        Lint::DateNumerals => (
            msg!("lint-date-numerals", wrong = wrong),
            msg!("lint-date-numerals-hint", right = right),
        ),
        Lint::NestedQuotes => (
            msg!("lint-nested-quotes", wrong = wrong),
            msg!("lint-nested-quotes-hint", right = right),
        ),
        Lint::Dash => (msg!("lint-dash", wrong = wrong), msg!("lint-dash-hint", right = right)),
        Lint::MeasureNumerals => (
            msg!("lint-measure-numerals", wrong = wrong),
            msg!("lint-measure-numerals-hint", right = right),
        ),
        _ => (
            msg!("lint-mixed-numerals", wrong = wrong),
            msg!("lint-mixed-numerals-hint", right = right),
        ),
    }
}

/// Chinese numerals as ordinals and years write them.
const CHINESE_DIGITS: &str = "〇一二三四五六七八九十";

/// The chars of `text` with their byte offsets.
fn chars_of(text: &str) -> Vec<(usize, char)> {
    text.char_indices().collect()
}

/// Offsets in `chars` where a line of the text begins (after spaces the
/// editor indented it with, full-width ones included).
fn line_starts(chars: &[(usize, char)]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at_start = true;
    for (i, &(_, c)) in chars.iter().enumerate() {
        if c == '\n' {
            at_start = true;
        } else if at_start && !matches!(c, ' ' | '\t' | '\u{3000}') {
            starts.push(i);
            at_start = false;
        }
    }
    starts
}

/// An ordinal opening a line.
struct Ordinal {
    /// Its level, as [`LEVEL_EXAMPLES`] numbers them.
    level: usize,
    /// The ordinal and the mark after it, as written: `一，`.
    written: String,
    /// The same as the standard writes it: `一、`.
    standard: String,
}

/// The ordinal `line` opens with, whatever mark follows it: 一、 （一） 1. （1） ①.
/// 一是, 第一, 3、4两个村 and 一，二，三 in a sentence open with none.
fn line_ordinal(line: &str) -> Option<Ordinal> {
    let is_mark = |c: Option<char>| matches!(c, Some('、' | '，' | ',' | '.' | '．'));
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        let written = first.to_string();
        return Some(Ordinal {
            level: 4,
            standard: written.clone(),
            written,
        });
    }
    if let Some(rest) = line.strip_prefix(['（', '(']) {
        let inner: String = rest.chars().take_while(|&c| c != '）' && c != ')').collect();
        let after = rest[inner.len()..].strip_prefix(['）', ')'])?;
        let level = if inner.chars().count() > 3 {
            return None;
        } else if is_chinese_ordinal(&inner) {
            1
        } else if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
            3
        } else {
            return None;
        };
        let mark = after.chars().next().filter(|&c| is_mark(Some(c)));
        let standard = format!("（{inner}）");
        let written = standard.clone() + &mark.map(String::from).unwrap_or_default();
        return Some(Ordinal {
            level,
            written,
            standard,
        });
    }
    let chinese: String = line.chars().take_while(|&c| CHINESE_DIGITS.contains(c)).collect();
    let (level, digits) = if chinese.is_empty() {
        let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
        (2, digits)
    } else {
        (0, chinese)
    };
    let mut after = line[digits.len()..].chars();
    let (mark, next) = (after.next(), after.next());
    let fits = match level {
        0 => is_chinese_ordinal(&digits) && next.is_some_and(|c| !CHINESE_DIGITS.contains(c)),
        _ => (1..=2).contains(&digits.len()) && next.is_some_and(is_han),
    };
    if !fits || !is_mark(mark) {
        return None;
    }
    let mark = mark.map(String::from).unwrap_or_default();
    let standard = match (level, mark.as_str()) {
        (0, _) => format!("{digits}、"),
        (_, "．") => format!("{digits}．"),
        _ => format!("{digits}."),
    };
    Some(Ordinal {
        level,
        written: digits + &mark,
        standard,
    })
}

/// Ordinals opening a line with another mark than their level's: `一，` `1、`
/// `（一）、`, each with the ordinal as the standard writes it.
fn ordinal_marks(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    line_starts(&chars)
        .into_iter()
        .filter_map(|start| {
            let at = chars[start].0;
            let ordinal = line_ordinal(&text[at..])?;
            (ordinal.written != ordinal.standard).then_some((at, ordinal.written, ordinal.standard))
        })
        .collect()
}

/// Whether `digits` is an ordinal up to 九十九 as the standard writes them: 一, 十, 十一, 二十, 二十三.
fn is_chinese_ordinal(digits: &str) -> bool {
    let d: Vec<char> = digits.chars().collect();
    let unit = |c: char| "一二三四五六七八九".contains(c);
    match d.as_slice() {
        [a] => unit(*a) || *a == '十',
        ['十', b] => unit(*b),
        [a, '十'] => unit(*a) && *a != '一',
        [a, '十', b] => unit(*a) && *a != '一' && unit(*b),
        _ => false,
    }
}

/// Zeros that stand for 〇 in a year of Chinese numerals: 零, digits, letters and the circle.
const WRONG_ZEROS: &str = "零0０OＯo○◯";

/// 二零一三年, 二0一三年, 二○一三年: four numerals before 年, one of them a
/// zero written otherwise than 〇; with the year as the standard writes it.
fn year_zeros(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    let is_numeral = |c: char| "〇一二三四五六七八九".contains(c) || WRONG_ZEROS.contains(c);
    let mut i = 0;
    while i + 4 < chars.len() {
        let run: Vec<char> = chars[i..i + 4].iter().map(|&(_, c)| c).collect();
        let before_is_numeral = i > 0 && is_numeral(chars[i - 1].1);
        if !before_is_numeral
            && chars[i + 4].1 == '年'
            && run.iter().all(|&c| is_numeral(c))
            && run.iter().filter(|&&c| "一二三四五六七八九".contains(c)).count() >= 2
            && run.iter().any(|&c| WRONG_ZEROS.contains(c))
            && matches!(run[0], '一' | '二')
        {
            let wrong: String = run.iter().collect::<String>() + "年";
            let right: String = run
                .iter()
                .map(|&c| if WRONG_ZEROS.contains(c) { '〇' } else { c })
                .collect::<String>()
                + "年";
            found.push((chars[i].0, wrong, right));
            i += 5;
            continue;
        }
        i += 1;
    }
    found
}

/// Units after which a number and a hyphen are a range (时间、数量的起止).
const RANGE_UNITS: &str = "年月日时点分秒岁天周次个人名家户元万亿米克吨斤亩层期号届批度倍项条";

/// 2月-6月, 8时-17时, 3-5天, 3~5天: a range of two numbers written with a
/// hyphen or a half-width tilde, its first number smaller than its second;
/// with the range as the standard writes it (浪纹线).
fn range_marks(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    let digits_at = |i: usize| chars[i..].iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < chars.len() {
        let n = digits_at(i);
        let glued =
            i > 0 && (chars[i - 1].1.is_ascii_alphanumeric() || matches!(chars[i - 1].1, '-' | '.' | '/' | ':'));
        if n == 0 || glued {
            i += n.max(1);
            continue;
        }
        let first_end = i + n;
        let unit = chars
            .get(first_end)
            .filter(|&&(_, c)| RANGE_UNITS.contains(c))
            .map(|&(_, c)| c);
        let dash_at = first_end + usize::from(unit.is_some());
        let dash = chars.get(dash_at).map(|&(_, c)| c);
        if !matches!(dash, Some('-' | '－' | '~')) {
            i = first_end;
            continue;
        }
        let m = if dash_at + 1 < chars.len() {
            digits_at(dash_at + 1)
        } else {
            0
        };
        let second_end = dash_at + 1 + m;
        let after = chars.get(second_end).map(|&(_, c)| c);
        let second_unit = after.filter(|&c| RANGE_UNITS.contains(c));
        let chained = matches!(after, Some('-' | '－' | '~' | '.' | '/' | ':'))
            || after.is_some_and(|c| c.is_ascii_alphanumeric());
        let value = |from: usize, len: usize| -> Option<u64> {
            chars[from..from + len]
                .iter()
                .map(|&(_, c)| c)
                .collect::<String>()
                .parse()
                .ok()
        };
        let (Some(a), Some(b)) = (value(i, n), if m > 0 { value(dash_at + 1, m) } else { None }) else {
            i = dash_at + 1;
            continue;
        };
        // Both sides end in the same unit when the first has one (2月-6月); else the second has one (3-5天).
        let units_agree = match (unit, second_unit) {
            (Some(u), Some(v)) => u == v,
            (None, Some(_)) => true,
            _ => false,
        };
        if units_agree && !chained && a < b && n <= 4 && m <= 4 {
            let end = chars.get(second_end).map_or(text.len(), |&(at, c)| at + c.len_utf8());
            let wrong = &text[chars[i].0..end];
            let dash_byte = chars[dash_at].0;
            let right = format!(
                "{}～{}",
                &text[chars[i].0..dash_byte],
                &text[dash_byte + dash.map_or(1, char::len_utf8)..end]
            );
            found.push((chars[i].0, wrong.to_string(), right));
            i = second_end + 1;
            continue;
        }
        i = dash_at + 1;
    }
    found
}

/// 8:30-17:00: a range of clock times written with a hyphen or a half-width
/// tilde, the first earlier than the second; with the range as the standard
/// writes it.
fn time_ranges(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    // The minutes since midnight of a time `H:MM` or `HH:MM` at `i`, and where it ends.
    let time_at = |i: usize| -> Option<(u32, usize)> {
        let hours = chars.get(i..)?.iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
        if !(1..=2).contains(&hours) || chars.get(i + hours).map(|&(_, c)| c) != Some(':') {
            return None;
        }
        let minutes: String = chars
            .get(i + hours + 1..i + hours + 3)?
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let h: String = chars[i..i + hours].iter().map(|&(_, c)| c).collect();
        let (h, m): (u32, u32) = (h.parse().ok()?, minutes.parse().ok()?);
        let end = i + hours + 3;
        let glued = chars
            .get(end)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric() || c == ':');
        (h <= 24 && m < 60 && !glued).then_some((h * 60 + m, end))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && (chars[i - 1].1.is_ascii_alphanumeric() || matches!(chars[i - 1].1, ':' | '.' | '-'));
        let Some((from, dash)) = (!glued).then(|| time_at(i)).flatten() else {
            i += 1;
            continue;
        };
        let Some(&(dash_byte, mark @ ('-' | '－' | '~'))) = chars.get(dash) else {
            i = dash;
            continue;
        };
        match time_at(dash + 1) {
            Some((to, end)) if from < to => {
                let stop = chars.get(end).map_or(text.len(), |&(at, _)| at);
                let wrong = &text[chars[i].0..stop];
                let right = format!(
                    "{}～{}",
                    &text[chars[i].0..dash_byte],
                    &text[dash_byte + mark.len_utf8()..stop]
                );
                found.push((chars[i].0, wrong.to_string(), right));
                i = end;
            }
            _ => i = dash + 1,
        }
    }
    found
}

/// 沪府发（2013）5号, 浦府办[2013]第12号: an issuing body's abbreviation, a year
/// in brackets other than 〔〕, and a serial number ending in 号; with the
/// number as GB/T 9704 writes it (六角括号, no 第).
fn doc_numbers(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    for i in 1..chars.len() {
        let open = chars[i].1;
        if !matches!(open, '（' | '(' | '[' | '［' | '【' | '〔') || !is_han(chars[i - 1].1) {
            continue;
        }
        let year: String = chars[i + 1..].iter().take(4).map(|&(_, c)| c).collect();
        let Some(&(_, close)) = chars.get(i + 5) else { continue };
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) || !matches!(&year[..2], "19" | "20") {
            continue;
        }
        if !matches!(close, '）' | ')' | ']' | '］' | '】' | '〕') {
            continue;
        }
        let mut j = i + 6;
        let di = chars.get(j).is_some_and(|&(_, c)| c == '第');
        if di {
            j += 1;
        }
        let serial: String = chars[j.min(chars.len())..]
            .iter()
            .take_while(|&&(_, c)| c.is_ascii_digit())
            .map(|&(_, c)| c)
            .collect();
        let hao = chars.get(j + serial.len()).is_some_and(|&(_, c)| c == '号');
        let right_brackets = open == '〔' && close == '〕';
        if serial.is_empty() || !hao || (right_brackets && !di) {
            continue;
        }
        let end = chars[j + serial.len()].0 + '号'.len_utf8();
        let wrong = text[chars[i].0..end].to_string();
        found.push((chars[i].0, wrong, format!("〔{year}〕{serial}号")));
    }
    found
}

/// Characters after 千 or 百 that make them part of a unit (千米, 千克, 百分点), not a number.
const UNIT_AFTER: &str = "米克瓦升焦帕卡赫伏兆分";

/// 4千, 3百, 1千5百: Arabic digits with 千 or 百, which the standard writes
/// either all in digits or all in Chinese; with the number in digits.
fn mixed_numerals(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && (chars[i - 1].1.is_ascii_alphanumeric() || chars[i - 1].1 == '.');
        let n = chars[i..].iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
        if n == 0 || glued {
            i += n.max(1);
            continue;
        }
        // Digits and 千/百 in turn: 1千5百.
        let mut j = i;
        let mut value: u64 = 0;
        let mut parts = 0;
        let mut last_place = u64::MAX;
        loop {
            let d = chars[j..].iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
            if d == 0 || d > 3 {
                break;
            }
            let place = match chars.get(j + d).map(|&(_, c)| c) {
                Some('千') => 1000,
                Some('百') => 100,
                _ => break,
            };
            let after = chars.get(j + d + 1).map(|&(_, c)| c);
            if place >= last_place || after.is_some_and(|c| UNIT_AFTER.contains(c)) {
                break;
            }
            let digits: String = chars[j..j + d].iter().map(|&(_, c)| c).collect();
            value += digits.parse::<u64>().unwrap_or(0) * place;
            last_place = place;
            parts += 1;
            j += d + 1;
        }
        if parts == 0 {
            i += n;
            continue;
        }
        // A last group of digits after a place: 1千5 is 1500 only with a place after, so it stays.
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let wrong = text[chars[i].0..end].to_string();
        found.push((chars[i].0, wrong, value.to_string()));
        i = j;
    }
    found
}

/// The value of a Chinese numeral year (二〇一三), month or day (十一, 二十三), if it is one.
fn chinese_value(numerals: &str, year: bool) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|at| (at / '〇'.len_utf8()) as u32);
    let d: Vec<char> = numerals.chars().collect();
    if year {
        return (d.len() == 4)
            .then(|| d.iter().try_fold(0, |n, &c| Some(n * 10 + digit(c)?)))
            .flatten();
    }
    match d.as_slice() {
        [a] if *a != '〇' => digit(*a),
        ['十'] => Some(10),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// One part of a date: its value, and whether it is in Arabic digits.
fn date_part(chars: &[(usize, char)], from: usize, year: bool, unit: char) -> Option<(u32, bool, usize)> {
    let arabic = chars.get(from).is_some_and(|&(_, c)| c.is_ascii_digit());
    let len = chars[from.min(chars.len())..]
        .iter()
        .take_while(|&&(_, c)| {
            if arabic {
                c.is_ascii_digit()
            } else {
                "〇一二三四五六七八九十".contains(c)
            }
        })
        .count();
    if len == 0 || chars.get(from + len).map(|&(_, c)| c) != Some(unit) {
        return None;
    }
    let text: String = chars[from..from + len].iter().map(|&(_, c)| c).collect();
    let value = if arabic {
        (!year || len == 4).then(|| text.parse().ok()).flatten()?
    } else {
        chinese_value(&text, year)?
    };
    Some((value, arabic, from + len + 1))
}

/// 二〇一三年11月14日, 2013年十一月: a date whose year is written in one kind
/// of numerals and its month or day in the other; with the date in digits.
fn mixed_dates(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let fresh = i == 0 || !(chars[i - 1].1.is_ascii_digit() || "〇一二三四五六七八九十".contains(chars[i - 1].1));
        let Some((year, year_arabic, after_year)) = fresh.then(|| date_part(&chars, i, true, '年')).flatten() else {
            i += 1;
            continue;
        };
        let Some((month, month_arabic, after_month)) = date_part(&chars, after_year, false, '月') else {
            i = after_year;
            continue;
        };
        let day = date_part(&chars, after_month, false, '日');
        let end = day.map_or(after_month, |(_, _, end)| end);
        let mixed = month_arabic != year_arabic || day.is_some_and(|(_, arabic, _)| arabic != year_arabic);
        if mixed && (1..=12).contains(&month) && day.is_none_or(|(d, _, _)| (1..=31).contains(&d)) {
            let stop = chars.get(end).map_or(text.len(), |&(at, _)| at);
            let right = match day {
                Some((d, _, _)) => format!("{year}年{month}月{d}日"),
                None => format!("{year}年{month}月"),
            };
            found.push((chars[i].0, text[chars[i].0..stop].to_string(), right));
        }
        i = end;
    }
    found
}

/// “…“…”…”: a quotation inside a quotation in double marks; with the inner
/// one in single marks.
fn nested_quotes(text: &str) -> Vec<Slip> {
    let mut found = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '“' => open.push(at),
            '”' => {
                let Some(start) = open.pop() else { continue };
                // Closed inside another that is still open: a quotation within a quotation.
                if !open.is_empty() {
                    let inner = &text[start + '“'.len_utf8()..at];
                    found.push((start, format!("“{inner}”"), format!("‘{inner}’")));
                }
            }
            _ => {}
        }
    }
    // An outer mark never closed (an unbalanced paragraph) proves nothing about the ones inside.
    if !open.is_empty() {
        found.retain(|&(at, _, _)| open.iter().all(|&o| o > at));
    }
    found.sort_by_key(|&(at, _, _)| at);
    found
}

/// The levels of ordinals, highest first: 一、 （一） 1. （1） ①.
const LEVEL_EXAMPLES: [&str; 5] = ["一、", "（一）", "1.", "（1）", "①"];

/// Ordinals out of the standard's order: under one heading, a level used
/// after a lower one (`1.` and then `（一）` under the same `一、`). Lines
/// the Markdown made a list (`1. ` with a space) are not seen here.
fn check_levels(ctx: &mut Context<'_>, body: &Body) {
    // The levels open above the current line, each with the lowest level used beneath it so far.
    let mut open: Vec<(usize, Option<usize>)> = Vec::new();
    let mut found = Vec::new();
    for block in &body.blocks {
        let chars = chars_of(&block.text);
        for start in line_starts(&chars) {
            let at = chars[start].0;
            let Some(Ordinal { level, standard, .. }) = line_ordinal(&block.text[at..]) else {
                continue;
            };
            while open.last().is_some_and(|&(l, _)| l >= level) {
                open.pop();
            }
            if let Some((_, lowest)) = open.last_mut() {
                match *lowest {
                    Some(low) if low > level => {
                        let below = LEVEL_EXAMPLES[low];
                        found.push((block.source_offset(at), standard, below));
                    }
                    _ => *lowest = Some(level),
                }
            }
            open.push((level, None));
        }
    }
    for (offset, ordinal, below) in found {
        let position = ctx.body_position(offset);
        let message = msg!("lint-ordinal-level", wrong = ordinal, below = below);
        let hint = msg!("lint-ordinal-level-hint", levels = LEVEL_EXAMPLES.join(" "));
        ctx.warn(Lint::OrdinalLevel, position, message, hint);
    }
}

/// 村民--志愿者, 开展－－巡查: two hyphens standing for the dash between
/// Chinese text; with the dash as the standard writes it.
fn dashes(text: &str) -> Vec<Slip> {
    let chars = chars_of(text);
    let mut found = Vec::new();
    let chinese = |c: char| is_han(c) || "，。“”‘’《》（）".contains(c);
    let mut i = 1;
    while i + 2 < chars.len() {
        let (at, a) = chars[i];
        let pair = matches!(
            (a, chars[i + 1].1),
            ('-', '-') | ('－', '－') | ('—', '－') | ('－', '—')
        );
        let third = chars.get(i + 2).map(|&(_, c)| c);
        if pair && chinese(chars[i - 1].1) && third.is_some_and(chinese) {
            let end = chars[i + 2].0;
            found.push((at, text[at..end].to_string(), "——".to_string()));
            i += 2;
            continue;
        }
        i += 1;
    }
    found
}

/// Units of measurement, longest first, after which the standard wants Arabic digits.
const MEASURE_UNITS: [&str; 19] = [
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公斤",
    "千克",
    "公顷",
    "毫升",
    "千瓦",
    "米",
    "克",
    "吨",
    "升",
    "亩",
];

/// 十二点五公里, 一百二十米: an exact measure of ten or more, or with a
/// decimal, in Chinese numerals before its unit; with the measure in digits.
/// Small whole numbers (三公里), approximations (十几米, 三四十米, 一百多米) and
/// ordinals (第十二米) are left alone.
fn measures_in_chinese(text: &str) -> Vec<Slip> {
    let mut found = Vec::new();
    for figure in super::numbers::find_figures(text) {
        let written = &text[figure.start..figure.end];
        let Some(value) = figure.values.first() else { continue };
        let chinese = written
            .chars()
            .all(|c| !c.is_ascii_digit() && !('０'..='９').contains(&c));
        let big = value.contains('.') || value.parse::<u64>().is_ok_and(|v| v >= 10);
        // 第十二米 is a place, and 三四十米 an approximation whose 十 stands after other numerals.
        let before = text[..figure.start].chars().next_back();
        let ordinal = before.is_some_and(|c| c == '第' || CHINESE_DIGITS.contains(c) || "两几".contains(c));
        let after = &text[figure.end..];
        let unit = MEASURE_UNITS.iter().find(|u| after.starts_with(*u));
        if let (true, true, false, super::numbers::Approx::Exact, Some(unit)) =
            (chinese, big, ordinal, figure.approx, unit)
            && !written.starts_with('百')
        {
            found.push((figure.start, format!("{written}{unit}"), format!("{value}{unit}")));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(found: Vec<Slip>) -> Vec<(String, String)> {
        found.into_iter().map(|(_, w, r)| (w, r)).collect()
    }

    fn pair(w: &str, r: &str) -> (String, String) {
        (w.to_string(), r.to_string())
    }

    #[test]
    fn ordinals_take_the_mark_of_their_level() {
        let text = "一，加强组织领导\n（一）、明确责任分工\n1、落实河长制\n（1）.巡河记录\n二、完善考核办法\n（二）健全台账\n2.按月通报";
        assert_eq!(
            pairs(ordinal_marks(text)),
            vec![
                pair("一，", "一、"),
                pair("（一）、", "（一）"),
                pair("1、", "1."),
                pair("（1）.", "（1）"),
            ]
        );
        // 第一，, 一是, 一、 and numbers in a sentence are right as they are.
        let right = "第一，提高认识\n一是抓学习\n一、总体要求\n全镇3、4两个村\n1、2月份降雨偏多\n十一届三中全会";
        assert!(ordinal_marks(right).is_empty(), "{:?}", ordinal_marks(right));
    }

    #[test]
    fn a_chinese_numeral_year_writes_its_zero_as_the_circle() {
        let text = "二零一三年十一月，截至二0一四年底；二○一五年起。二〇一三年无误，一九九八年无误。";
        assert_eq!(
            pairs(year_zeros(text)),
            vec![
                pair("二零一三年", "二〇一三年"),
                pair("二0一四年", "二〇一四年"),
                pair("二○一五年", "二〇一五年"),
            ]
        );
        // Amounts with 零 are counts, not years: 一千零二年 is not a year's spelling.
        assert!(year_zeros("建成一百零五年的老桥，零零星星").is_empty());
    }

    #[test]
    fn ranges_take_a_wave_dash_not_a_hyphen() {
        let text = "2013年2月-6月开展整治，每天8时-17时开放，工期3-5天，3~5人一组。";
        assert_eq!(
            pairs(range_marks(text)),
            vec![
                pair("2月-6月", "2月～6月"),
                pair("8时-17时", "8时～17时"),
                pair("3-5天", "3～5天"),
                pair("3~5人", "3～5人"),
            ]
        );
        // House numbers, telephones, dates and models are not ranges.
        let right = "幸福路38-2号，电话021-64812345，2013-11-14发布，G60-1型，2月～6月，10-3号楼";
        assert!(range_marks(right).is_empty(), "{:?}", range_marks(right));
    }

    #[test]
    fn document_numbers_put_the_year_in_hexagonal_brackets() {
        let text = "根据沪府发（2013）5号文件和浦府办[2014]第12号、金府〔2015〕第3号通知，闵府〔2016〕8号无误。";
        assert_eq!(
            pairs(doc_numbers(text)),
            vec![
                pair("（2013）5号", "〔2013〕5号"),
                pair("[2014]第12号", "〔2014〕12号"),
                pair("〔2015〕第3号", "〔2015〕3号"),
            ]
        );
        // A year in brackets after a date, or with no serial number, is not a document number.
        assert!(doc_numbers("成立于（2013）年，2013年（2014）版").is_empty());
    }

    #[test]
    fn digits_do_not_take_chinese_places() {
        let text = "新增4千个岗位，投入1千5百万元，3百名志愿者，全长3千米，增长2百分点。";
        assert_eq!(
            pairs(mixed_numerals(text)),
            vec![pair("4千", "4000"), pair("1千5百", "1500"), pair("3百", "300")]
        );
        assert!(mixed_numerals("4000个岗位、四千个岗位、3000万元、3.5万人").is_empty());
    }

    #[test]
    fn a_date_keeps_to_one_kind_of_numerals() {
        let text = "二〇一三年11月14日召开，2013年十一月十四日起施行，2013年11月14日无误，二〇一三年十一月十四日无误，二〇一四年3月";
        assert_eq!(
            pairs(mixed_dates(text)),
            vec![
                pair("二〇一三年11月14日", "2013年11月14日"),
                pair("2013年十一月十四日", "2013年11月14日"),
                pair("二〇一四年3月", "2014年3月"),
            ]
        );
        // 十一届, a plain 年 count and a year alone are no dates.
        assert!(mixed_dates("2013年十一届三中全会，工作3年十个月，二〇一三年").is_empty());
    }

    #[test]
    fn a_quotation_within_a_quotation_takes_single_marks() {
        let text = "他说：“大家都叫他“河长”，他也乐意。”又说：“‘拆、建、管’一体推进。”";
        assert_eq!(pairs(nested_quotes(text)), vec![pair("“河长”", "‘河长’")]);
        // Side by side, or in a paragraph whose outer mark never closes, nothing is said.
        assert!(nested_quotes("“五违四必”和“三农”").is_empty());
        assert!(nested_quotes("“他说“河长”要当好").is_empty());
    }

    #[test]
    fn clock_times_in_a_range_take_a_wave_dash() {
        assert_eq!(
            pairs(time_ranges("每周一至周五8:30-17:00开放，周六9:00~11:30。")),
            vec![pair("8:30-17:00", "8:30～17:00"), pair("9:00~11:30", "9:00～11:30")]
        );
        // A score, a time alone, a later time first, or a time with seconds is no range.
        assert!(time_ranges("以3:2获胜，17:00-8:30值班，10:00:00-11:00:00，12:30").is_empty());
    }

    #[test]
    fn two_hyphens_between_chinese_are_the_dash() {
        assert_eq!(
            pairs(dashes("河长制--一项长效机制，开展－－巡查")),
            vec![pair("--", "——"), pair("－－", "——")]
        );
        assert!(dashes("--help 和 a--b，河长制——长效机制").is_empty());
    }

    #[test]
    fn ordinals_are_found_at_their_levels() {
        for (line, level) in [
            ("一、总体要求", 0),
            ("（二）落实", 1),
            ("3.排查", 2),
            ("（4）记录", 3),
            ("①河道", 4),
            ("二，保障", 0),
        ] {
            assert_eq!(line_ordinal(line).map(|o| o.level), Some(level), "{line}");
        }
        for line in ["一是抓学习", "第一，", "2013年", "（2013）5号", "3、4两个村"] {
            assert!(line_ordinal(line).is_none(), "{line}");
        }
    }

    #[test]
    fn measures_take_arabic_digits() {
        let text = "全长十二点五公里，新建绿地一千二百平方米，河道拓宽到二十米。";
        assert_eq!(
            pairs(measures_in_chinese(text)),
            vec![
                pair("十二点五公里", "12.5公里"),
                pair("一千二百平方米", "1200平方米"),
                pair("二十米", "20米"),
            ]
        );
        let right = "步行三公里，十几米，三四十米，一百多米，约二十米，第十二米，12.5公里，二〇一三年，百米赛跑";
        assert!(
            measures_in_chinese(right).is_empty(),
            "{:?}",
            measures_in_chinese(right)
        );
    }
}
