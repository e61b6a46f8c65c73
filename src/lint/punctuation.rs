//! `half-width-punctuation` and `mixed-quotes`: punctuation typed on a Western
//! keyboard layout into Chinese text (村民,志愿者 for 村民，志愿者), and quotation
//! marks of more than one style in one article (“…” beside "…" or 「…」).
//!
//! A half-width mark is flagged only with Chinese on both sides (spaces
//! between are skipped), so 3:2, 1,000, English text and web addresses are
//! left alone; code is never read (see [`super::text`]). A straight quote
//! counts as a Chinese quotation mark only when it touches a Chinese character.

use std::collections::BTreeMap;

use super::text::{Block, Body, OBJECT};
use super::{Context, Lint, and_list, headline_fields};
use crate::i18n::Message;
use crate::markdown::cjk::{is_cjk, is_han};
use crate::msg;

/// Half-width marks and the full-width marks Chinese text uses instead.
const HALF_WIDTH: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('(', '（'),
    (')', '）'),
    ('?', '？'),
    ('!', '！'),
];

/// A half-width mark between Chinese characters.
struct Mark {
    line: usize,
    column: usize,
    mark: char,
    context: String,
}

pub(super) fn check_half_width(ctx: &mut Context<'_>, body: &Body) {
    if !ctx.enabled(Lint::HalfWidthPunctuation) {
        return;
    }
    // One warning per line: a pasted article can have a hundred, and one per
    // line is enough to find them all.
    let mut by_line: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
    for (key, text) in headline_fields(ctx.article) {
        for (at, mark) in half_width_marks(text) {
            let (context, before) = excerpt_around(text, at, 4);
            let needle: String = context.chars().take(before + 1).collect();
            let (line, column) = ctx
                .field_find(key, &needle, false)
                .map(|(line, column)| (line, column + before))
                .unwrap_or_else(|| ctx.field_position(key, &mark.to_string(), false));
            by_line.entry(line).or_default().push(Mark {
                line,
                column,
                mark,
                context,
            });
        }
    }
    for block in &body.blocks {
        for (at, mark) in half_width_marks(&block.text) {
            let (line, column) = ctx.body_position(block.source_offset(at));
            let context = excerpt_around(&block.text, at, 4).0;
            by_line.entry(line).or_default().push(Mark {
                line,
                column,
                mark,
                context,
            });
        }
    }
    for mut marks in by_line.into_values() {
        marks.sort_by_key(|m| m.column);
        let Some(first) = marks.first() else { continue };
        let (mark, context) = (first.mark.to_string(), first.context.clone());
        let message = match marks.len() {
            1 => msg!("lint-half-width", mark = mark, context = context),
            n => msg!("lint-half-width-more", mark = mark, context = context, more = n - 1),
        };
        let mut fixes: Vec<Message> = Vec::new();
        for m in &marks {
            let full = HALF_WIDTH
                .iter()
                .find(|(h, _)| *h == m.mark)
                .map_or(m.mark, |&(_, f)| f);
            let fix = msg!(
                "lint-half-width-fix",
                full = full.to_string(),
                half = m.mark.to_string()
            );
            if !fixes.contains(&fix) {
                fixes.push(fix);
            }
        }
        let hint = msg!("lint-half-width-hint", fixes = and_list(fixes));
        ctx.warn(Lint::HalfWidthPunctuation, (first.line, first.column), message, hint);
    }
}

/// Byte offsets of the half-width marks in `text` that stand between Chinese characters.
fn half_width_marks(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let neighbour = |it: &mut dyn Iterator<Item = &(usize, char)>| {
        it.map(|&(_, c)| c)
            .find(|c| !matches!(c, ' ' | '\t' | '\n' | '\u{3000}'))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = address_end(&chars, i) {
            i = end;
            continue;
        }
        let (at, c) = chars[i];
        if HALF_WIDTH.iter().any(|&(h, _)| h == c) {
            let before = neighbour(&mut chars[..i].iter().rev());
            let after = neighbour(&mut chars[i + 1..].iter());
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                found.push((at, c));
            }
        }
        i += 1;
    }
    found
}

/// If a web address starts at `chars[i]`, where it ends: at a space, or at
/// Chinese punctuation (，。) that closes the sentence around it.
fn address_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let starts = ["http://", "https://", "ftp://", "www."].iter().any(|p| {
        p.chars()
            .enumerate()
            .all(|(k, pc)| chars.get(i + k).is_some_and(|&(_, c)| c.eq_ignore_ascii_case(&pc)))
    });
    if !starts {
        return None;
    }
    let mut end = i;
    while chars
        .get(end)
        .is_some_and(|&(_, c)| (is_han(c) || !is_cjk(c)) && c != OBJECT && !c.is_whitespace())
    {
        end += 1;
    }
    Some(end)
}

/// Up to `n` characters either side of the character at byte `at`, line
/// breaks removed; and how many characters come before it in the excerpt.
fn excerpt_around(text: &str, at: usize, n: usize) -> (String, usize) {
    let before: Vec<char> = text
        .get(..at)
        .unwrap_or("")
        .chars()
        .rev()
        .filter(|&c| c != '\n')
        .take(n)
        .collect();
    let after: String = text
        .get(at..)
        .unwrap_or("")
        .chars()
        .filter(|&c| c != '\n')
        .take(n + 1)
        .collect();
    let count = before.len();
    (before.into_iter().rev().chain(after.chars()).collect(), count)
}

/// A style of quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// “…” and ‘…’, the mainland standard.
    Curly,
    /// 「…」 and 『…』.
    Corner,
    /// "…" used as Chinese quotation marks.
    Straight,
}

impl Style {
    fn shown(self) -> &'static str {
        match self {
            Style::Curly => "“…”",
            Style::Corner => "「…」",
            Style::Straight => "\"…\"",
        }
    }
}

/// The first place a style is used, and how many of its marks there are.
struct Usage {
    style: Style,
    marks: usize,
    first: (usize, usize),
    context: String,
}

pub(super) fn check_quotes(ctx: &mut Context<'_>, body: &Body) {
    if !ctx.enabled(Lint::MixedQuotes) {
        return;
    }
    let mut usages: Vec<Usage> = Vec::new();
    let mut record =
        |style: Style, place: &dyn Fn() -> ((usize, usize), String)| match usages.iter_mut().find(|u| u.style == style)
        {
            Some(usage) => usage.marks += 1,
            None => {
                let (first, context) = place();
                usages.push(Usage {
                    style,
                    marks: 1,
                    first,
                    context,
                });
            }
        };
    for (key, text) in headline_fields(ctx.article) {
        for (at, c, style) in quote_marks(text) {
            record(style, &|| {
                (
                    ctx.field_position(key, &c.to_string(), false),
                    excerpt_around(text, at, 4).0,
                )
            });
        }
    }
    for block in &body.blocks {
        for (at, _, style) in quote_marks(&block.text) {
            record(style, &|| place_in(ctx, block, at));
        }
    }
    if usages.len() < 2 {
        return;
    }
    // The style used most is taken as the article's; the others are the slips.
    let main = usages
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.marks.cmp(&b.marks).then(j.cmp(i)))
        .map_or(0, |(i, _)| i);
    let slips: Vec<&Usage> = usages
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != main)
        .map(|(_, u)| u)
        .collect();
    let Some(first) = slips.iter().min_by_key(|u| u.first) else {
        return;
    };
    let listed: Vec<Message> = slips
        .iter()
        .map(|u| {
            msg!(
                "lint-mixed-quotes-style",
                style = u.style.shown(),
                times = times(u.marks)
            )
        })
        .collect();
    let message = msg!(
        "lint-mixed-quotes",
        others = and_list(listed),
        main = usages[main].style.shown(),
        times = times(usages[main].marks),
        context = first.context.clone()
    );
    let hint = msg!("lint-mixed-quotes-hint");
    ctx.warn(Lint::MixedQuotes, first.first, message, hint);
}

/// The file position and context of the mark at `at` in a body block.
fn place_in(ctx: &Context<'_>, block: &Block, at: usize) -> ((usize, usize), String) {
    (
        ctx.body_position(block.source_offset(at)),
        excerpt_around(&block.text, at, 4).0,
    )
}

/// "once", "twice", "5 times": how often a style is used, counting pairs of marks.
fn times(marks: usize) -> Message {
    msg!("lint-mixed-quotes-times", count = marks.div_ceil(2))
}

/// The quotation marks of `text`: byte offset, character and style.
fn quote_marks(text: &str) -> Vec<(usize, char, Style)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = address_end(&chars, i) {
            i = end;
            continue;
        }
        let (at, c) = chars[i];
        let touches_chinese = || {
            let before = i.checked_sub(1).and_then(|k| chars.get(k)).map(|&(_, c)| c);
            let after = chars.get(i + 1).map(|&(_, c)| c);
            before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
        };
        let style = match c {
            '“' | '”' => Some(Style::Curly),
            '「' | '」' | '『' | '』' => Some(Style::Corner),
            '"' | '＂' if touches_chinese() => Some(Style::Straight),
            _ => None,
        };
        if let Some(style) = style {
            found.push((at, c, style));
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tests::{article, lint_with};
    use super::*;

    fn found(lint: Lint, front: &str, body: &str) -> Vec<(usize, usize, String, Option<String>)> {
        lint_with("", &article(front, body))
            .into_iter()
            .filter(|d| Lint::of(d) == Some(lint))
            .map(|d| (d.line, d.column, d.text(), d.hint_text()))
            .collect()
    }

    fn half_width(body: &str) -> Vec<(usize, usize, String, Option<String>)> {
        found(Lint::HalfWidthPunctuation, "title: 标题\n", body)
    }

    #[test]
    fn catches_half_width_marks_between_chinese() {
        let found = half_width("参加的有村民,志愿者和党员。\n");
        assert_eq!(found.len(), 1);
        let (line, column, message, hint) = &found[0];
        assert_eq!((*line, *column), (7, 7));
        assert_eq!(
            message,
            "half-width “,” between Chinese characters: “的有村民,志愿者和” [half-width-punctuation]"
        );
        assert_eq!(
            hint.as_deref(),
            Some("Chinese text takes full-width punctuation: write ， for ,")
        );
        for body in [
            "他说:“好。”\n",
            "村民; 志愿者。\n",
            "村民(志愿者)参加。\n",
            "真的吗?是的。\n",
            "好!大家鼓掌。\n",
            "**村民**,志愿者。\n",
        ] {
            assert_eq!(half_width(body).len(), 1, "{body}");
        }
    }

    #[test]
    fn one_warning_per_line_with_every_fix() {
        let found = half_width("村民,志愿者:党员;群众。\n\n第二段,也有。\n");
        assert_eq!(found.len(), 2);
        assert!(found[0].2.contains("(and 2 more on this line)"), "{}", found[0].2);
        assert_eq!(
            found[0].3.as_deref(),
            Some("Chinese text takes full-width punctuation: write ， for ,, ： for : and ； for ;")
        );
        assert_eq!(found[1].0, 9);
    }

    #[test]
    fn leaves_numbers_english_code_and_addresses_alone() {
        for body in [
            "比分3:2，观众1,000人。\n",
            "他说 Hello, world! 然后走了。\n",
            "用`a,b`分隔。\n",
            "```\n村民,志愿者\n```\n",
            "网址https://example.org/a,b;c，欢迎访问。\n",
            "见 <https://example.org/x:y> 。\n",
            "结束,\n",
            "（括号）和“引号”都是全角，没问题。\n",
        ] {
            assert!(half_width(body).is_empty(), "{body}: {:?}", half_width(body));
        }
    }

    #[test]
    fn title_marks_are_placed_on_the_title_line() {
        let found = found(Lint::HalfWidthPunctuation, "title: 村民,志愿者齐上阵\n", "正文。\n");
        assert_eq!(found.len(), 1);
        // `title: 村民,志愿者齐上阵`: the comma is the 10th character of line 2.
        assert_eq!((found[0].0, found[0].1), (2, 10));
    }

    fn mixed(front: &str, body: &str) -> Vec<(usize, usize, String, Option<String>)> {
        found(Lint::MixedQuotes, front, body)
    }

    #[test]
    fn catches_two_quote_styles_in_one_article() {
        let found = mixed("title: 标题\n", "他说：“好。”大家说：“行。”\n\n镇里推行\"积分制\"。\n");
        assert_eq!(found.len(), 1);
        let (line, column, message, _) = &found[0];
        assert_eq!((*line, *column), (9, 5));
        assert_eq!(
            message,
            "the article mixes quotation marks: \"…\" (once) among “…” (twice), first here: “镇里推行\"积分制\"” [mixed-quotes]"
        );
        assert_eq!(
            mixed("title: 奉贤“白玉兰”促和谐\n", "工作室名为「开心家园」。\n").len(),
            1
        );
    }

    #[test]
    fn one_style_nesting_and_english_quotes_are_fine() {
        for (front, body) in [
            ("title: 奉贤“白玉兰开心家园”促和谐\n", "成立了“白玉兰开心家园”。\n"),
            ("title: 标题\n", "他说：“大家都说‘好’。”\n"),
            ("title: 标题\n", "推行\"积分制\"，叫\"爱心卡\"。\n"),
            ("title: 标题\n", "他说：“好。”英文名 \"Happy Home\" 。\n"),
            ("title: 标题\n", "他说：“好。”\n\n```\nlet s = \"字\";\n```\n"),
        ] {
            assert!(mixed(front, body).is_empty(), "{body}: {:?}", mixed(front, body));
        }
    }

    #[test]
    fn half_width_marks_in_chinese_with_every_fix() {
        use crate::i18n::Lang;
        let found: Vec<String> = lint_with("", &article("title: 标题\n", "村民,志愿者:党员;群众。\n"))
            .iter()
            .filter(|d| Lint::of(d) == Some(Lint::HalfWidthPunctuation))
            .map(|d| d.render(Lang::Zh))
            .collect();
        assert_eq!(
            found,
            [
                "content/2013/11/test.md:7:3: 警告：中文之间用了半角“,”：“村民,志愿者:”（这一行还有 2 处） [half-width-punctuation]\n  \
              提示：中文要用全角标点：“,”改成“，”、“:”改成“：”和“;”改成“；”"
            ]
        );
    }

    #[test]
    fn mixed_quotes_in_chinese() {
        use crate::i18n::Lang;
        let found: Vec<String> = lint_with(
            "",
            &article("title: 标题\n", "他说：“好。”大家说：“行。”\n\n镇里推行「积分制」。\n"),
        )
        .iter()
        .filter(|d| Lint::of(d) == Some(Lint::MixedQuotes))
        .map(|d| d.message.render(Lang::Zh))
        .collect();
        assert_eq!(
            found,
            ["文章里引号混用：以“…”为主（2 处），又用了「…」（1 处），第一处在这里：“镇里推行「积分制」”"]
        );
    }
}
