//! Numbers as Chinese news copy writes them: digits (352, 81.2%, 1,000, 3.5万)
//! and Chinese numerals (三百五十二, 二〇一三, 百分之八十一点二), read into one
//! comparable form so that a headline's 352 finds the body's 三百五十二.
//!
//! Reading is two-sided on purpose. A headline number is one the reader surely
//! takes for a number ([`Figure::sure`]): any figure in digits, but a Chinese
//! numeral only when a measure word follows it (三名, 十五日) or when it is
//! unmistakably numeric (三百五十二), because 一 and 两 are parts of ordinary
//! words (一线, 两新组织). A body's numbers are read generously, every Chinese
//! numeral character included, so that any doubt ends in no warning.
//!
//! This module knows nothing of articles; it only reads text.

/// A number found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Figure {
    /// Where it is written, in bytes of the text: `百分之` included, a measure word not.
    pub start: usize,
    pub end: usize,
    /// Its value as canonical decimal text (`352`, `81.2`); a figure followed by
    /// 万 or 亿 has the value they make too (3.5万 is `3.5` and `35000`).
    pub values: Vec<String>,
    /// The measure word or unit written after it (名, 家, %), if any.
    pub measure: Option<char>,
    pub approx: Approx,
    /// Whether a reader of a headline surely takes it for a number.
    pub sure: bool,
}

/// How exactly a figure is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Approx {
    Exact,
    /// 60多, 300余, 超过50: that number or somewhat more.
    AtLeast,
    /// 近50, 约300, 50左右: near it.
    Around,
}

/// Measure words and units that make the Chinese numeral before them a count
/// (三名, 二〇一三年). 分 and 点 are left out: 十分 is "very", 一点 "a little".
const MEASURES: &str = "名家个支户人岁年月日号项条次元万亿位队村镇组届期批座所间台辆件份场层米吨斤亩天周倍类种本篇首张部处块栋幢套例笔轮排棵株只匹员级架艘章节页楼室床%％‰";

/// Measure words of more than one character whose first character is not in [`MEASURES`].
const LONG_MEASURES: &[&str] = &["公里", "公斤", "公顷", "平方米", "小时", "分钟", "千米", "千克", "秒钟"];

/// Set phrases that begin with a well-formed Chinese numeral but count nothing.
const IDIOMS: &[&str] = &[
    "十万火急",
    "三十而立",
    "四十不惑",
    "五十知天命",
    "三百六十行",
    "十八般武艺",
    "二十四孝",
];

/// Every number in `text`, in order.
pub(super) fn find_figures(text: &str) -> Vec<Figure> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut figures = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if ascii_digit(c).is_some() {
            i = read_digits(text, &chars, i, &mut figures);
        } else if starts_with(&chars, i, "百分之") && chars.get(i + 3).is_some_and(|&(_, c)| is_cn_numeral(c)) {
            i = read_chinese(text, &chars, i, i + 3, &mut figures);
        } else if is_cn_numeral(c) {
            i = read_chinese(text, &chars, i, i, &mut figures);
        } else {
            i += 1;
        }
    }
    figures
}

/// Reads a number in digits starting at `chars[i]`; returns where reading stopped.
fn read_digits(text: &str, chars: &[(usize, char)], i: usize, out: &mut Vec<Figure>) -> usize {
    let digit_at = |k: usize| chars.get(k).and_then(|&(_, c)| ascii_digit(c));
    let mut int = String::new();
    let mut j = i;
    while let Some(d) = digit_at(j) {
        int.push(d);
        j += 1;
    }
    // Thousands separators: 1,000 but not a list such as 3,5 or 2013,2014.
    while chars.get(j).is_some_and(|&(_, c)| c == ',')
        && (1..=3).all(|k| digit_at(j + k).is_some())
        && digit_at(j + 4).is_none()
    {
        int.extend((1..=3).filter_map(|k| digit_at(j + k)));
        j += 4;
    }
    let mut frac = String::new();
    if chars.get(j).is_some_and(|&(_, c)| matches!(c, '.' | '．')) && digit_at(j + 1).is_some() {
        j += 1;
        while let Some(d) = digit_at(j) {
            frac.push(d);
            j += 1;
        }
    }
    let value = canonical(&int, &frac);
    let end = byte_at(text, chars, j);
    let (values, after) = with_multiplier(value, chars, skip_spaces(chars, j));
    let (measure, approx_after, next) = read_after(chars, after);
    out.push(Figure {
        start: chars[i].0,
        end,
        values,
        measure,
        approx: approx_before(chars, i).or(approx_after).unwrap_or(Approx::Exact),
        sure: true,
    });
    next.max(j)
}

/// Reads a Chinese numeral whose digits start at `chars[digits]`; `start` is
/// where the figure starts (before `百分之`, when it has one).
fn read_chinese(text: &str, chars: &[(usize, char)], start: usize, digits: usize, out: &mut Vec<Figure>) -> usize {
    let mut j = digits;
    while chars.get(j).is_some_and(|&(_, c)| is_cn_numeral(c)) {
        j += 1;
    }
    let run: Vec<char> = chars[digits..j].iter().map(|&(_, c)| c).collect();
    let percent = start != digits;
    let integer = if percent && run == ['百'] {
        Some((100, Reading::Positional)) // 百分之百
    } else {
        read_cn_integer(&run)
    };
    let Some((integer, reading)) = integer else {
        // 一五一十, 三三两两, 千万 (as in 千万别): no number as a whole, but the body
        // may still mean its digits one by one.
        push_singles(chars, digits, j, out);
        return j;
    };
    // A decimal part: 八十一点二. Only digits follow 点, so 三点半 and 一点儿 stay apart.
    let mut frac = String::new();
    if chars.get(j).is_some_and(|&(_, c)| c == '点') {
        let mut k = j + 1;
        while let Some(d) = chars
            .get(k)
            .and_then(|&(_, c)| cn_digit(c))
            .filter(|_| chars[k].1 != '两')
        {
            frac.push(char::from(b'0' + d));
            k += 1;
        }
        if !frac.is_empty() {
            j = k;
        }
    }
    let end = byte_at(text, chars, j);
    let (values, after) = with_multiplier(canonical(&integer.to_string(), &frac), chars, j);
    let (measure, approx_after, next) = read_after(chars, after);
    let written: String = chars[start..after.max(j)].iter().map(|&(_, c)| c).collect();
    let followed: String = chars[after.max(j)..].iter().take(6).map(|&(_, c)| c).collect();
    let phrase = format!("{written}{followed}");
    let sure = !IDIOMS.iter().any(|idiom| phrase.starts_with(idiom))
        && (percent
            || (measure.is_some() && run != ['一'])
            || match reading {
                Reading::Positional => run.len() >= 2,
                Reading::Sequence => run.len() >= 3 || run.iter().any(|&c| matches!(c, '〇' | '零')),
            });
    out.push(Figure {
        start: chars[start].0,
        end,
        values,
        measure,
        approx: approx_before(chars, start).or(approx_after).unwrap_or(Approx::Exact),
        sure,
    });
    if reading == Reading::Sequence && run.len() > 1 {
        push_singles(chars, digits, digits + run.len(), out);
    }
    next.max(j)
}

/// Each numeral character of `chars[from..to]` as a figure of its own, never sure.
fn push_singles(chars: &[(usize, char)], from: usize, to: usize, out: &mut Vec<Figure>) {
    for &(at, c) in &chars[from..to] {
        let value = cn_digit(c).map(u128::from).or_else(|| cn_unit(c));
        if let Some(value) = value {
            out.push(Figure {
                start: at,
                end: at + c.len_utf8(),
                values: vec![value.to_string()],
                measure: None,
                approx: Approx::Exact,
                sure: false,
            });
        }
    }
}

/// The value, and the value 万 or 亿 right after it makes; and where reading goes on.
fn with_multiplier(value: String, chars: &[(usize, char)], at: usize) -> (Vec<String>, usize) {
    match chars.get(at).map(|&(_, c)| c) {
        Some('万') => (vec![scale(&value, 4), value], at + 1),
        Some('亿') => (vec![scale(&value, 8), value], at + 1),
        _ => (vec![value], at),
    }
}

/// What follows a number: an approximation (多, 余, 左右) and a measure word.
/// Returns the measure, the approximation, and the index after what was read.
fn read_after(chars: &[(usize, char)], at: usize) -> (Option<char>, Option<Approx>, usize) {
    let mut k = skip_spaces(chars, at);
    let mut approx = None;
    if chars.get(k).is_some_and(|&(_, c)| matches!(c, '多' | '余')) {
        approx = Some(Approx::AtLeast);
        k = skip_spaces(chars, k + 1);
    }
    let measure = chars
        .get(k)
        .map(|&(_, c)| c)
        .filter(|&c| MEASURES.contains(c) || LONG_MEASURES.iter().any(|m| starts_with(chars, k, m)));
    let after_measure = if measure.is_some() { k + 1 } else { k };
    if approx.is_none() && (starts_with(chars, after_measure, "左右") || starts_with(chars, after_measure, "上下"))
    {
        approx = Some(Approx::Around);
    }
    (measure, approx, if measure.is_some() { k + 1 } else { at })
}

/// An approximation written before a number: 近50, 约300, 超过50, 逾百.
fn approx_before(chars: &[(usize, char)], at: usize) -> Option<Approx> {
    let mut k = at;
    while k > 0 && chars[k - 1].1 == ' ' {
        k -= 1;
    }
    let before = |n: usize| -> String { chars[k.saturating_sub(n)..k].iter().map(|&(_, c)| c).collect() };
    if before(2) == "超过" || matches!(before(1).as_str(), "逾" | "超") {
        Some(Approx::AtLeast)
    } else if matches!(before(1).as_str(), "近" | "约") {
        Some(Approx::Around)
    } else {
        None
    }
}

/// How a Chinese numeral is written: with units (三百五十二) or digit by digit (二〇一三).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Positional,
    Sequence,
}

/// Reads a run of Chinese numeral characters as a whole number, or `None` when
/// the run is not a well-formed number (一五一十; 千万 with no digit before it).
fn read_cn_integer(run: &[char]) -> Option<(u128, Reading)> {
    if run.iter().all(|&c| cn_digit(c).is_some()) {
        // Digit by digit, as years are written (二〇一三). 两 never appears so.
        if run.len() > 1 && run.contains(&'两') {
            return None;
        }
        let digits: String = run
            .iter()
            .filter_map(|&c| cn_digit(c))
            .map(|d| char::from(b'0' + d))
            .collect();
        return digits.parse().ok().map(|v| (v, Reading::Sequence));
    }
    read_positional(run).map(|v| (v, Reading::Positional))
}

/// Reads 三百五十二, 一百零五, 三万五千, 一亿二千万, and the spoken 三百五 (350) and
/// 一万五 (15000), with checked arithmetic: no input overflows.
fn read_positional(run: &[char]) -> Option<u128> {
    let mut yi: u128 = 0; // the part counted in 亿
    let mut wan: u128 = 0; // the part counted in 万
    let mut section: u128 = 0; // below 万
    let mut digit: Option<u128> = None;
    // Units within a section must fall (三百五十), so 三十百 is no number.
    let mut last_small: u128 = 10_000;
    // The unit just before a trailing digit, for the spoken 三百五; cleared by 零.
    let mut last_unit: Option<u128> = None;
    for (i, &c) in run.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None; // two digits in a row: 一五一十
            }
            if d == 0 {
                last_unit = None;
            } else {
                digit = Some(u128::from(d));
            }
            continue;
        }
        let unit = cn_unit(c)?;
        match unit {
            10 | 100 | 1000 => {
                if unit >= last_small {
                    return None;
                }
                // 十 may stand alone at the start (十五); 百 and 千 need a digit.
                let d = match digit.take() {
                    Some(d) => d,
                    None if unit == 10 && i == 0 => 1,
                    None => return None,
                };
                section = section.checked_add(d.checked_mul(unit)?)?;
                last_small = unit;
            }
            10_000 => {
                let part = section.checked_add(digit.take().unwrap_or(0))?;
                if part == 0 || wan != 0 {
                    return None;
                }
                wan = part.checked_mul(unit)?;
                section = 0;
                last_small = 10_000;
            }
            _ => {
                let part = wan.checked_add(section)?.checked_add(digit.take().unwrap_or(0))?;
                if part == 0 || yi != 0 {
                    return None;
                }
                yi = part.checked_mul(unit)?;
                wan = 0;
                section = 0;
                last_small = 10_000;
            }
        }
        last_unit = Some(unit);
    }
    if let Some(d) = digit {
        let add = match last_unit {
            Some(unit) if unit >= 100 => d.checked_mul(unit / 10)?,
            _ => d,
        };
        section = section.checked_add(add)?;
    }
    yi.checked_add(wan)?.checked_add(section)
}

/// The value of a Chinese digit character.
fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese unit character.
fn cn_unit(c: char) -> Option<u128> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// An ASCII or full-width digit, as its ASCII form.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// A decimal without leading zeros in its whole part or trailing zeros in its fraction.
fn canonical(int: &str, frac: &str) -> String {
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// `value` × 10^`zeros`, on the decimal text: 3.5 × 10⁴ = 35000.
pub(super) fn scale(value: &str, zeros: usize) -> String {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let mut whole = int.to_string();
    let mut rest = frac.chars();
    for _ in 0..zeros {
        whole.push(rest.next().unwrap_or('0'));
    }
    canonical(&whole, rest.as_str())
}

fn starts_with(chars: &[(usize, char)], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(k, w)| chars.get(k).map(|&(_, c)| c) == Some(w))
}

fn skip_spaces(chars: &[(usize, char)], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|&(_, c)| c == ' ') {
        at += 1;
    }
    at
}

/// The byte offset of `chars[at]`, or the text's end.
fn byte_at(text: &str, chars: &[(usize, char)], at: usize) -> usize {
    chars.get(at).map_or(text.len(), |&(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of the sure figures of `text`.
    fn sure(text: &str) -> Vec<String> {
        find_figures(text)
            .into_iter()
            .filter(|f| f.sure)
            .flat_map(|f| f.values)
            .collect()
    }

    fn value(text: &str) -> Option<String> {
        find_figures(text).into_iter().next().map(|f| f.values[0].clone())
    }

    #[test]
    fn digits_are_whole_numbers() {
        assert_eq!(sure("全镇 87 家单位 52 名职工参加"), ["87", "52"]);
        assert_eq!(sure("352名职工"), ["352"], "52 is not read inside 352");
        assert_eq!(sure("2013年11月04日"), ["2013", "11", "4"]);
        assert_eq!(sure("全角３５２名"), ["352"]);
    }

    #[test]
    fn decimals_percentages_and_separators() {
        assert_eq!(sure("组建率81.2%"), ["81.2"]);
        assert_eq!(sure("覆盖率达 100%"), ["100"]);
        assert_eq!(sure("1,000人"), ["1000"]);
        assert_eq!(sure("3,5,7"), ["3", "5", "7"]);
        assert_eq!(sure("2.50元"), ["2.5"]);
        assert_eq!(find_figures("组建率81.2%")[0].measure, Some('%'));
    }

    #[test]
    fn wan_and_yi_give_both_readings() {
        assert_eq!(sure("3.5万人"), ["35000", "3.5"]);
        assert_eq!(sure("2亿元"), ["200000000", "2"]);
        assert_eq!(scale("0.05", 4), "500");
    }

    #[test]
    fn chinese_numerals_are_read_as_numbers() {
        assert_eq!(value("三百五十二名").as_deref(), Some("352"));
        assert_eq!(value("二十三").as_deref(), Some("23"));
        assert_eq!(value("一百").as_deref(), Some("100"));
        assert_eq!(value("两名").as_deref(), Some("2"));
        assert_eq!(value("十五日").as_deref(), Some("15"));
        assert_eq!(value("一百零五户").as_deref(), Some("105"));
        assert_eq!(value("三万五千人").as_deref(), Some("35000"));
        assert_eq!(value("一亿二千万元").as_deref(), Some("120000000"));
        assert_eq!(value("三百五人").as_deref(), Some("350"));
        assert_eq!(value("一万五人").as_deref(), Some("15000"));
        assert_eq!(value("二〇一三年").as_deref(), Some("2013"));
        assert_eq!(value("二零一三年").as_deref(), Some("2013"));
        assert_eq!(value("百分之八十一点二").as_deref(), Some("81.2"));
        assert_eq!(value("百分之百").as_deref(), Some("100"));
        assert_eq!(value("三点五万").as_deref(), Some("35000"));
    }

    #[test]
    fn chinese_numerals_count_only_when_surely_numbers() {
        assert_eq!(sure("三百五十二"), ["352"]);
        assert_eq!(sure("三名职工"), ["3"]);
        assert_eq!(sure("两个小组"), ["2"]);
        assert_eq!(sure("百分之五"), ["5"]);
        for words in [
            "一是抓属地化管理",
            "一次",
            "一线",
            "两新组织",
            "长三角",
            "十分重视",
            "千万别忘",
            "万一出事",
            "一五一十",
            "三三两两",
            "九九重阳",
            "百姓",
            "十万火急",
            "一点一滴",
            "一名",
        ] {
            assert!(sure(words).is_empty(), "{words}: {:?}", sure(words));
        }
    }

    #[test]
    fn approximations_are_marked() {
        let f = &find_figures("60多家单位")[0];
        assert_eq!(
            (f.values[0].as_str(), f.measure, f.approx),
            ("60", Some('家'), Approx::AtLeast)
        );
        assert_eq!(find_figures("近五十名")[0].approx, Approx::Around);
        assert_eq!(find_figures("50名左右")[0].approx, Approx::Around);
        assert_eq!(find_figures("超过300人")[0].approx, Approx::AtLeast);
        assert_eq!(find_figures("300人")[0].approx, Approx::Exact);
    }

    #[test]
    fn broken_runs_still_give_the_body_their_digits() {
        let values: Vec<String> = find_figures("一五一十").into_iter().flat_map(|f| f.values).collect();
        assert_eq!(values, ["1", "5", "1", "10"]);
    }

    #[test]
    fn positions_are_byte_ranges_of_the_written_number() {
        let text = "全镇 87 家单位 52 名";
        let f = &find_figures(text)[1];
        assert_eq!(&text[f.start..f.end], "52");
        let text = "约百分之八十一点二的";
        let f = &find_figures(text)[0];
        assert_eq!(&text[f.start..f.end], "百分之八十一点二");
    }

    #[test]
    fn no_input_overflows_or_panics() {
        let long = "九".repeat(60);
        assert!(find_figures(&long).iter().all(|f| !f.values.is_empty()));
        assert!(read_positional(&"九亿".repeat(5).chars().collect::<Vec<_>>()).is_none());
        let digits = "9".repeat(200);
        assert_eq!(sure(&digits), std::slice::from_ref(&digits));
        for text in [
            "",
            "点",
            "百分之",
            "百分之x",
            "1,",
            "1.",
            "．5",
            "万",
            "亿亿",
            "十十",
            "零",
        ] {
            let _ = find_figures(text);
        }
    }
}
