//! `number-mismatch`: a number in the title, kicker or subtitle that the body
//! does not contain, such as the seed page's kicker "52 名职工" over a body
//! that says 352名职工.
//!
//! Numbers are compared as values (see [`super::numbers`]): 三百五十二 is 352,
//! 3.5万 is 35000, 百分之百 is 100%, and 52 is not found inside 352. The
//! picture's caption and alt text count as part of the story, since a photo
//! item often gives its figures only there.

use std::collections::HashSet;

use super::numbers::{Approx, Figure, find_figures};
use super::{Context, Lint, and_list, field_name, headline_fields};
use crate::i18n::Arg;
use crate::markdown::cjk;
use crate::msg;

/// The numbers of the story, as the headline's numbers are looked up in them.
struct Story {
    text: String,
    figures: Vec<Figure>,
    values: HashSet<String>,
    integers: Vec<u128>,
}

impl Story {
    fn read(ctx: &Context<'_>) -> Story {
        let mut text = join_cjk_lines(ctx.body);
        if let Some(image) = &ctx.article.front.image {
            for extra in [&image.caption, &image.alt].into_iter().flatten() {
                text.push('\n');
                text.push_str(extra);
            }
        }
        let figures = find_figures(&text);
        let values: HashSet<String> = figures.iter().flat_map(|f| f.values.iter().cloned()).collect();
        let integers = values.iter().filter_map(|v| v.parse().ok()).collect();
        Story {
            text,
            figures,
            values,
            integers,
        }
    }

    /// Whether the story has the headline's figure: its value, or for 60多 or
    /// 近50 a value in the range they allow.
    fn has(&self, figure: &Figure) -> bool {
        if figure.values.iter().any(|v| self.values.contains(v)) {
            return true;
        }
        if figure.approx == Approx::Exact {
            return false;
        }
        figure.values.iter().any(|v| {
            let Ok(n) = v.parse::<u128>() else { return false };
            // The step of the last written digit: 60多 means 60 to 69, 300余 300 to 399.
            let zeros = v.len() - v.trim_end_matches('0').len();
            let step = 10u128.saturating_pow(u32::try_from(zeros).unwrap_or(u32::MAX));
            let (low, high) = match figure.approx {
                Approx::AtLeast => (n, n.saturating_add(step - 1)),
                _ => (n.saturating_sub(step), n.saturating_add(step)),
            };
            self.integers.iter().any(|&x| (low..=high).contains(&x))
        })
    }

    /// The story's figures with the same measure word as `figure`, as written
    /// (352名), for a hint; those that contain the headline's digits first.
    fn same_measure(&self, figure: &Figure, written: &str) -> Vec<String> {
        let Some(measure) = figure.measure else {
            return Vec::new();
        };
        let mut shown: Vec<String> = Vec::new();
        for f in self.figures.iter().filter(|f| f.measure == Some(measure)) {
            let Some(number) = self.text.get(f.start..f.end) else {
                continue;
            };
            let item = format!("{number}{measure}");
            if !shown.contains(&item) {
                shown.push(item);
            }
        }
        shown.sort_by_key(|s| !s.contains(written));
        shown.truncate(3);
        shown
    }
}

pub(super) fn check(ctx: &mut Context<'_>) {
    if !ctx.enabled(Lint::NumberMismatch) {
        return;
    }
    let story = Story::read(ctx);
    let mut warnings = Vec::new();
    for (key, text) in headline_fields(ctx.article) {
        let mut reported: HashSet<&str> = HashSet::new();
        for figure in find_figures(text).iter().filter(|f| f.sure) {
            let Some(written) = text.get(figure.start..figure.end) else {
                continue;
            };
            if story.has(figure) || !reported.insert(written) {
                continue;
            }
            let number = match figure.values.last() {
                Some(value) if value != written => {
                    msg!("lint-number-mismatch-value", written = written, value = value).into()
                }
                _ => Arg::from(written),
            };
            let field = field_name(key);
            let message = msg!(
                "lint-number-mismatch",
                field = field.clone(),
                number = number,
                text = text
            );
            let candidates = story.same_measure(figure, written);
            let hint = if candidates.is_empty() {
                msg!("lint-number-mismatch-hint", field = field)
            } else {
                msg!(
                    "lint-number-mismatch-found-hint",
                    found = and_list(candidates),
                    field = field
                )
            };
            let at = ctx.field_position(key, written, written.chars().all(|c| c.is_ascii_digit()));
            warnings.push((at, message, hint));
        }
    }
    for (at, message, hint) in warnings {
        ctx.warn(Lint::NumberMismatch, at, message, hint);
    }
}

/// The body with the line breaks between Chinese characters removed, as the
/// renderer removes them, so that a number hard-wrapped in the middle
/// (三百五\n十二) is read whole.
fn join_cjk_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        if c == '\n' && previous.is_some_and(cjk::is_cjk) && chars.peek().copied().is_some_and(cjk::is_cjk) {
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{article, lint_ids, lint_with};
    use super::*;

    fn mismatches(front: &str, body: &str) -> Vec<String> {
        lint_with("", &article(front, body))
            .into_iter()
            .filter(|d| Lint::of(d) == Some(Lint::NumberMismatch))
            .map(|d| d.text())
            .collect()
    }

    #[test]
    fn the_seed_pages_52_against_352() {
        let found = lint_with(
            "",
            &article(
                "title: 枫泾镇举行职工消防技术、技能比赛\nkicker: \"全镇 87 家单位 52 名职工参加\"\n",
                "本报讯 全镇87家单位的352名职工上场较量。另有179名职工参训。\n",
            ),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(
            d.text(),
            "the kicker gives 52, a number the body does not contain: “全镇 87 家单位 52 名职工参加” [number-mismatch]"
        );
        assert_eq!(
            d.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("the body has 352名 and 179名; make the kicker and the body agree")
        );
        // `kicker: "全镇 87 家单位 52 名职工参加"` is line 3; 52 is its 20th character.
        assert_eq!((d.line, d.column), (3, 20));
    }

    #[test]
    fn digits_are_compared_as_whole_numbers() {
        assert_eq!(mismatches("title: 352名职工参赛\n", "共52名职工参加。\n").len(), 1);
        assert_eq!(mismatches("title: 52名职工参赛\n", "共352名职工参加。\n").len(), 1);
        assert!(mismatches("title: 52名职工参赛\n", "共52名职工参加。\n").is_empty());
    }

    #[test]
    fn chinese_numerals_match_digits_both_ways() {
        assert!(mismatches("title: 352名职工参赛\n", "共三百五十二名职工参加。\n").is_empty());
        assert!(mismatches("title: 三百五十二名职工参赛\n", "共352名职工参加。\n").is_empty());
        assert!(mismatches("title: 二十三支队伍\n", "共有23支队伍。\n").is_empty());
        assert!(mismatches("title: 15个村\n", "全镇十五个村。\n").is_empty());
        assert!(mismatches("title: 2名志愿者\n", "两名志愿者到场。\n").is_empty());
        assert!(mismatches("title: 一百户\n", "惠及100户。\n").is_empty());
        assert!(mismatches("title: 105户\n", "惠及一百零五户。\n").is_empty());
        assert!(mismatches("title: 3.5万人次\n", "共计35000人次。\n").is_empty());
        assert_eq!(mismatches("title: 三百五十二名职工\n", "共353名职工。\n").len(), 1);
    }

    #[test]
    fn years_percentages_and_decimals() {
        assert!(mismatches("title: 2013年消防周\n", "二〇一三年十一月。\n").is_empty());
        assert!(mismatches("title: 二〇一三年消防周\n", "2013年11月。\n").is_empty());
        assert!(mismatches("title: 覆盖率达 100%\n", "组织和工作覆盖率达100%。\n").is_empty());
        assert!(mismatches("title: 覆盖率百分之百\n", "覆盖率达100%。\n").is_empty());
        assert!(mismatches("title: 组建率81.2%\n", "组建率百分之八十一点二。\n").is_empty());
        assert_eq!(mismatches("title: 组建率81%\n", "组建率81.2%。\n").len(), 1);
        assert_eq!(mismatches("title: 组建率81.2%\n", "组建率81%，另有2家。\n").len(), 1);
        assert_eq!(mismatches("title: 2014年计划\n", "2013年11月。\n").len(), 1);
    }

    #[test]
    fn words_with_numerals_in_them_are_not_numbers() {
        for title in [
            "一线工作法",
            "一是抓管理",
            "开展一次演练",
            "两新组织党建",
            "长三角山歌邀请赛",
            "十分重视消防",
            "千家万户",
            "十万火急",
        ] {
            assert!(
                mismatches(&format!("title: {title}\n"), "正文没有数字。\n").is_empty(),
                "{title}"
            );
        }
        // A Chinese numeral with a measure word is a number.
        assert_eq!(mismatches("title: 三名职工获奖\n", "职工获奖。\n").len(), 1);
    }

    #[test]
    fn approximations_match_a_nearby_figure() {
        assert!(mismatches("title: 60多家单位\n", "共63家单位参加。\n").is_empty());
        assert!(mismatches("title: 近50名老人\n", "共48名老人。\n").is_empty());
        assert_eq!(mismatches("title: 60多家单位\n", "共73家单位参加。\n").len(), 1);
    }

    #[test]
    fn subtitle_and_caption() {
        assert_eq!(
            mismatches("title: 标题\nsubtitle: ——记12位志愿者\n", "志愿者的故事。\n").len(),
            1
        );
        assert!(
            mismatches(
                "title: 350户获赠逃生绳\nimage: { src: a.jpg, caption: 350户编织户领到逃生绳 }\n",
                "活动中送上了逃生绳。\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_number_twice_in_a_field_is_reported_once() {
        assert_eq!(mismatches("title: 5个村5个组\n", "正文。\n").len(), 1);
    }

    #[test]
    fn hard_wrapped_numerals_are_read_whole() {
        assert!(mismatches("title: 三百五十二名职工\n", "共三百五\n十二名职工。\n").is_empty());
    }

    #[test]
    fn switched_off() {
        let a = article("title: 52名职工\n", "352名职工。\n");
        assert_eq!(lint_ids("", &a), ["number-mismatch"]);
        assert!(lint_ids("lints: { number-mismatch: false }\n", &a).is_empty());
    }

    #[test]
    fn the_seed_pages_52_in_chinese() {
        use crate::i18n::Lang;
        let found = lint_with(
            "",
            &article(
                "title: 标题\nkicker: \"全镇 87 家单位 52 名职工参加\"\n",
                "本报讯 全镇87家单位的352名职工上场较量。另有179名职工参训。\n",
            ),
        );
        assert_eq!(
            found.iter().map(|d| d.render(Lang::Zh)).collect::<Vec<_>>(),
            [
                "content/2013/11/test.md:3:20: 警告：引题写的是 52，正文里却没有这个数：“全镇 87 家单位 52 名职工参加” [number-mismatch]\n  \
              提示：正文里写的是 352名和179名，请核实，让引题和正文一致"
            ]
        );
        // A Chinese numeral shows the value it is read as; with no figure of its kind, the hint says to check.
        let found = lint_with(
            "",
            &article("title: 标题\nsubtitle: 惠及三百五十二户\n", "全镇居民受益。\n"),
        );
        let d = found
            .iter()
            .find(|d| Lint::of(d) == Some(Lint::NumberMismatch))
            .expect("a mismatch");
        assert_eq!(
            d.message.render(Lang::Zh),
            "副题写的是 三百五十二（352），正文里却没有这个数：“惠及三百五十二户”"
        );
        assert_eq!(
            d.hint.as_ref().map(|h| h.render(Lang::Zh)).as_deref(),
            Some("请对照正文核实这个数字，让副题和正文一致")
        );
    }
}
