//! The rules of Chinese text: which characters are CJK, when a line break
//! inside a paragraph is no space at all, and how long a text is.
//!
//! Chinese is written without spaces between words, so a line break that an
//! editor (or a print column) put between two characters must vanish; Markdown
//! renderers turn it into a space, which shows as a gap in the middle of a word.
//! Length is counted in characters, the unit Chinese readers and editors use.

/// Whether `c` is written without spaces around it: Han characters, kana,
/// CJK and full-width punctuation, and the quotation marks and dashes that
/// Chinese text uses.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3000..=0x303F     // CJK symbols and punctuation: 。、「」《》
            | 0x3040..=0x30FF   // hiragana, katakana
            | 0xFF00..=0xFFEF   // full-width forms: ，！：（）
            | 0xFE30..=0xFE4F   // CJK compatibility forms
            | 0x2018..=0x201F   // ‘ ’ “ ”
            | 0x2014 | 0x2026   // — …
            | 0x00B7            // ·, as in personal names
        )
}

/// Whether `c` is a Han character (an ideograph), the unit of Chinese length.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF       // CJK unified ideographs
        | 0x3400..=0x4DBF     // extension A
        | 0x20000..=0x2EBEF   // extensions B–F
        | 0x30000..=0x323AF   // extensions G–H
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0x3007              // 〇
    )
}

/// Whether a line break between `before` and `after` should vanish rather than
/// become a space: only when the characters on both sides are CJK.
///
/// A break next to a Latin word keeps its space (`使用\nRust` stays two words:
/// mixed text keeps the space editors expect there).
pub fn soft_break_vanishes(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(b), Some(a)) if is_cjk(b) && is_cjk(a))
}

/// The length of a text as Chinese editors count it: every Han character and
/// full-width mark is one, every run of Latin letters or digits is one word.
pub fn count_chars(text: &str) -> usize {
    // Counted over the bytes, as a body's length is counted for every article
    // of a build: the two cases that make up nearly all of a Chinese text are
    // told by their first byte alone, without decoding the character.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        let (alone, in_a_word, len) = match first {
            0..=0x7F => (false, first.is_ascii_alphanumeric(), 1),
            // U+5000..=U+9FFF, inside the CJK unified ideographs.
            0xE5..=0xE9 => (true, false, 3),
            // U+4E00..=U+4FFF, ideographs too: after 0xE4, a second byte from 0xB8 on.
            0xE4 if bytes.get(at + 1).is_some_and(|&b| b >= 0xB8) => (true, false, 3),
            // U+3000..=U+303F, the marks of Chinese text: 。、「」《》.
            0xE3 if bytes.get(at + 1) == Some(&0x80) => (true, false, 3),
            // U+FF00..=U+FFBF, full-width forms: ，！：（）.
            0xEF if bytes.get(at + 1).is_some_and(|b| (0xBC..=0xBE).contains(b)) => (true, false, 3),
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                // is_cjk first, once: is_alphanumeric takes a slow lookup for every Han character.
                let alone = is_cjk(c);
                (alone, !alone && c.is_alphanumeric(), c.len_utf8())
            }
        };
        if alone || (in_a_word && !in_word) {
            count += 1;
        }
        in_word = in_a_word;
        at += len;
    }
    count
}

/// Minutes a reader needs for `chars` characters, rounded up, at least one.
///
/// Adults read Chinese news at roughly 300 to 500 characters a minute; 400 is
/// the middle of that range.
pub fn reading_minutes(chars: usize) -> usize {
    chars.div_ceil(400).max(1)
}

/// The first `limit` characters of `text`, ended at a sentence end when one is
/// near, otherwise cut and marked with `…`. Whitespace runs become one space.
pub fn summarize(text: &str, limit: usize) -> String {
    let text: String = collapse_whitespace(text);
    if text.chars().count() <= limit {
        return text;
    }
    let cut: String = text.chars().take(limit).collect();
    // Prefer a whole sentence if one ends in the last two thirds of the cut.
    let min_len = limit / 3;
    let sentence_end = cut
        .char_indices()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | '.' | '!' | '?'))
        .map(|(i, c)| i + c.len_utf8())
        .rfind(|&end| cut[..end].chars().count() >= min_len);
    match sentence_end {
        Some(end) => cut[..end].to_string(),
        None => format!("{}…", cut.trim_end_matches(['，', '、', '：', ',', ' '])),
    }
}

/// Truncates to at most `limit` characters, adding `…` if anything was cut.
pub fn truncate_chars(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_string(),
        Some((byte, _)) => format!("{}…", &text[..byte]),
    }
}

/// Whitespace runs as one space; a line break between two CJK characters (the
/// end of one Chinese paragraph and the start of the next) as nothing. Spaces an
/// editor typed (本报讯 近期) stay.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut pending_break = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            pending_break |= c == '\n';
            continue;
        }
        let joins = pending_break && soft_break_vanishes(out.chars().last(), Some(c));
        if pending_space && !out.is_empty() && !joins {
            out.push(' ');
        }
        pending_space = false;
        pending_break = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_chinese_punctuation_are_cjk() {
        for c in ['中', '。', '，', '“', '”', '《', '—', '…', '〇', '𠀀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', ' ', ',', '"', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn break_between_chinese_vanishes_but_latin_keeps_its_space() {
        assert!(soft_break_vanishes(Some('群'), Some('策')));
        assert!(soft_break_vanishes(Some('，'), Some('群')));
        assert!(soft_break_vanishes(Some('”'), Some('在')));
        assert!(!soft_break_vanishes(Some('用'), Some('R')));
        assert!(!soft_break_vanishes(Some('t'), Some('语')));
        assert!(!soft_break_vanishes(Some('a'), Some('b')));
        assert!(!soft_break_vanishes(None, Some('中')));
    }

    #[test]
    fn counts_characters_and_latin_words() {
        assert_eq!(count_chars("枫泾镇举行比赛"), 7);
        assert_eq!(count_chars("共有87家单位。"), 7); // 共 有 87 家 单 位 。
        assert_eq!(count_chars("使用 Rust 语言"), 5);
        // Quotation marks and full-width punctuation count; 320 is one word.
        assert_eq!(count_chars("重庆路口“银行”网点，面积320平方米"), 17);
        // Full-width letters stand alone, as characters; v2.0 is two words.
        assert_eq!(count_chars("ＡＢＣ公司 v2.0版"), 8);
    }

    /// [`count_chars`] as its rule reads, a character at a time.
    fn count_chars_by_the_rule(text: &str) -> usize {
        let mut count = 0;
        let mut in_word = false;
        for c in text.chars() {
            let alone = is_cjk(c);
            let in_a_word = !alone && c.is_alphanumeric();
            if alone || (in_a_word && !in_word) {
                count += 1;
            }
            in_word = in_a_word;
        }
        count
    }

    proptest::proptest! {
        #[test]
        fn counting_by_bytes_follows_the_rule(text in "([\\u{0}-\\u{7f}]|[\\u{4dc0}-\\u{4e10}]|[\\u{4e00}-\\u{9fff}]|[，。“”：　]|[\\u{2ff0}-\\u{3050}]|[\\u{ff00}-\\u{ffff}]|[é中𠀀ⅷ]|.){0,40}") {
            proptest::prop_assert_eq!(count_chars(&text), count_chars_by_the_rule(&text));
        }

        #[test]
        fn counting_runs_of_ideographs_follows_the_rule(text in "([\\u{4dc0}-\\u{4e10}]|[\\u{4e00}-\\u{9fff}]{1,9}|[，。“”a7é]|[\\u{3000}-\\u{3500}]|[\\u{20000}-\\u{20010}]){0,60}") {
            proptest::prop_assert_eq!(count_chars(&text), count_chars_by_the_rule(&text));
        }
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(400), 1);
        assert_eq!(reading_minutes(401), 2);
    }

    #[test]
    fn summary_ends_at_a_sentence_when_it_can() {
        let text = "第一句话说完了。第二句话很长很长很长很长很长很长很长很长很长。";
        assert_eq!(summarize(text, 12), "第一句话说完了。");
        assert_eq!(summarize("短文。", 120), "短文。");
    }

    #[test]
    fn summary_without_sentence_end_is_cut_with_ellipsis() {
        assert_eq!(summarize("一二三四五六七八九十，十一十二", 10), "一二三四五六七八九十…");
        assert_eq!(summarize("一二三，四五六七八九十", 4), "一二三…");
    }

    #[test]
    fn paragraphs_join_without_a_space_between_chinese() {
        assert_eq!(
            summarize("前来听课。\n讲座让老人受益。", 120),
            "前来听课。讲座让老人受益。"
        );
        assert_eq!(summarize("Rust\n语言", 120), "Rust 语言");
        assert_eq!(summarize("本报讯 近期，", 120), "本报讯 近期，");
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate_chars("支部书记谈组团服务", 4), "支部书记…");
        assert_eq!(truncate_chars("短", 4), "短");
    }
}
