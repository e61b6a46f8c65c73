//! `column-break`: a paragraph that stops mid-sentence, followed by one that
//! carries the sentence on. Copy taken from a printed page keeps the page's
//! column breaks, and an editor who turns every line break into a paragraph
//! break cuts sentences in two ("…全镇87家单位的" / "352名职工上场较量…").
//!
//! Only two top-level paragraphs with nothing between them are compared: a
//! heading, list, quotation or code block between them is a real break. A
//! paragraph that ends in closing punctuation (。！？…”」）) or a colon is
//! finished; a short line such as a byline (本报记者 卢连明) or a paragraph all in
//! bold (a heading in disguise) is not prose that could be cut.

use super::text::{Block, BlockKind, Body};
use super::{Context, Lint, excerpt_end, excerpt_start};
use crate::markdown::cjk::{count_chars, is_han};
use crate::msg;

/// Words that mark a short line as a credit rather than a sentence.
const CREDIT_WORDS: &[&str] = &[
    "记者",
    "通讯员",
    "摄影",
    "编辑",
    "供稿",
    "撰稿",
    "实习生",
    "文/",
    "图/",
    "来源",
];

pub(super) fn check(ctx: &mut Context<'_>, body: &Body) {
    if !ctx.enabled(Lint::ColumnBreak) {
        return;
    }
    let paragraphs: Vec<&Block> = body
        .blocks
        .iter()
        .filter(|b| b.top_level && b.kind == BlockKind::Paragraph)
        .collect();
    for pair in paragraphs.windows(2) {
        let [first, next] = pair else { continue };
        if next.sequence != first.sequence + 1 {
            continue;
        }
        let Some(last) = cut_at(first, next) else { continue };
        let at = ctx.body_position(first.source_offset(last));
        let message = msg!(
            "lint-column-break",
            end = excerpt_end(&first.text, 10),
            start = excerpt_start(&next.text, 10)
        );
        let hint = msg!("lint-column-break-hint");
        ctx.warn(Lint::ColumnBreak, at, message, hint);
    }
}

/// Where `first` was cut (the offset of its last character in its text), if it
/// stops mid-sentence and `next` carries on.
fn cut_at(first: &Block, next: &Block) -> Option<usize> {
    let text = first.text.trim_end();
    let (at, last) = text.char_indices().next_back()?;
    // A Han character, or a comma: nothing that ends a sentence or a clause
    // before a list (：), a quotation (”) or an enumeration (；).
    if !(is_han(last) || matches!(last, '，' | '、')) {
        return None;
    }
    if !first.has_plain_text || !next.has_plain_text {
        return None;
    }
    // Copy pasted without Markdown headings keeps its headlines, kickers and
    // credits as short unpunctuated paragraphs; a column break leaves a long
    // paragraph cut short, carried on by one that ends like a sentence.
    if is_headline_like(text) || is_headline_like(next.text.trim()) || ends_with_credit(text) {
        return None;
    }
    let start = next.text.trim_start().chars().next()?;
    // The next paragraph goes on with a character, a figure (…87家单位的 /
    // 352名职工…) or a mark that cannot open a sentence; an opening quote or
    // bracket starts something new.
    if !(is_han(start)
        || start.is_ascii_digit()
        || matches!(start, '，' | '、' | '。' | '；' | '：' | '！' | '？' | '”' | '）'))
    {
        return None;
    }
    Some(at)
}

/// Marks that only sentences have; a headline or a credit has none.
const SENTENCE_MARKS: [char; 6] = ['，', '。', '；', '：', '！', '？'];

/// A headline, kicker, section title or credit: short, with no punctuation
/// of a sentence. A section title keyed with the wrong mark after its ordinal
/// (`一，活动安排`, which `ordinal-mark` reports) is a title all the same.
fn is_headline_like(text: &str) -> bool {
    let text = without_ordinal(text);
    count_chars(text) <= 25 && !text.contains(SENTENCE_MARKS)
}

/// `text` without the ordinal and mark it opens with (一， 1、 （一）), if any.
fn without_ordinal(text: &str) -> &str {
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|rest| rest.find(['）', ')']).map(|end| &rest[end..]))
        .and_then(|rest| rest.strip_prefix(['）', ')']));
    let rest = inner
        .unwrap_or_else(|| text.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit()));
    if rest.len() == text.len() || rest.len() + 12 < text.len() {
        return text;
    }
    rest.strip_prefix(['，', ',', '、', '.', '．']).unwrap_or(rest)
}

/// Whether a paragraph ends with a credit after its last sentence, as print
/// copy sets it: "…帮助调解员。 通讯员 叶丹".
fn ends_with_credit(text: &str) -> bool {
    let Some(end) = text.rfind(['。', '！', '？', '…', '”', '」', '）']) else {
        return false;
    };
    let tail = text.get(end..).unwrap_or("").chars().skip(1).collect::<String>();
    let tail = tail.trim();
    !tail.is_empty()
        && count_chars(tail) <= 20
        && (tail.contains([' ', '\u{3000}']) || CREDIT_WORDS.iter().any(|w| tail.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{article, lint_with};
    use super::*;

    fn breaks(body: &str) -> Vec<(usize, usize, String)> {
        lint_with("", &article("title: 标题\n", body))
            .into_iter()
            .filter(|d| Lint::of(d) == Some(Lint::ColumnBreak))
            .map(|d| (d.line, d.column, d.text()))
            .collect()
    }

    #[test]
    fn catches_a_sentence_cut_in_two() {
        // The article helper's front matter ends on line 6, so the body starts on line 7.
        let found = breaks("本报讯 11月3日，全镇87家单位的\n\n352名职工上场较量。\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0],
            (
                7,
                18,
                "this paragraph stops mid-sentence at “…日，全镇87家单位的” and the next one carries on with “352名职工上场较量…”: a column break from print? [column-break]".to_string()
            )
        );
        // A Han character on each side, and a cut after a comma.
        assert_eq!(breaks("听了镇里的介绍，村民们纷纷\n\n表示支持这项工作。\n").len(), 1);
        assert_eq!(breaks("据了解，\n\n为迎接比赛，镇里组织了培训。\n").len(), 1);
    }

    #[test]
    fn finished_paragraphs_are_not_flagged() {
        for body in [
            "第一段。\n\n第二段。\n",
            "他说：“好。”\n\n第二段。\n",
            "他说：\n\n“我们一定做好。”\n",
            "主要做法如下：\n\n- 一是抓管理\n- 二是抓指导\n",
            "一是抓属地化管理；\n\n二是抓专业化指导。\n",
            "真的吗？\n\n是的。\n",
            "未完待续……\n\n下期再见。\n",
            "（完）\n\n另讯。\n",
        ] {
            assert!(breaks(body).is_empty(), "{body}: {:?}", breaks(body));
        }
    }

    #[test]
    fn a_section_title_with_the_wrong_mark_after_its_ordinal_is_no_break() {
        for title in ["一，活动安排", "1、活动安排", "（一）、活动安排"] {
            let found = breaks(&format!("{title}\n\n根据区政府的部署，区内银行每周二进社区服务。\n"));
            assert!(found.is_empty(), "{title}: {found:?}");
        }
    }

    #[test]
    fn headings_lists_quotes_and_code_are_not_paragraphs() {
        for body in [
            "## 倾听民声是第一步\n\n洞泾镇光星居民区。\n",
            "村民们纷纷\n\n## 表示支持\n",
            "- 村民们纷纷\n\n- 表示支持\n",
            "> 村民们纷纷\n\n表示支持。\n",
            "```\n村民们纷纷\n```\n\n表示支持。\n",
            "村民们纷纷\n\n---\n\n表示支持。\n",
            "**一、抓属地化管理**\n\n庄行镇社会党委采用独立组建。\n",
            "村民们纷纷`代码`\n\n表示支持。\n",
        ] {
            assert!(breaks(body).is_empty(), "{body}: {:?}", breaks(body));
        }
    }

    #[test]
    fn headlines_credits_and_hard_wrapped_lines_are_not_breaks() {
        for body in [
            "本报记者 卢连明\n\n青浦区练塘镇举行消防演练。\n",
            "通讯员 张伟杰 徐思贤\n\n近日，崇明县举办讲座。\n",
            "练塘镇在羊毛衫市场举行消防演练\n\n为确保蒸淀羊毛衫市场群众的生命财产安全，该镇举行演练。\n",
            "工作室还聘请了志愿者心理咨询师、调解员。 通讯员 叶丹\n\n金泽镇民间艺人长三角廉政山歌邀请赛获奖\n",
            "组织和工作覆盖率达100%，对合作社、群众活动团队、来奉人员党建进行分类指导\n\n庄行镇建立健全新领域党的组织网络\n",
            "我打心底里更愿意去走访、去倾听、去\n感受。\n",
            "听了镇里的介绍，村民们纷纷\n\n“支持！”\n",
            "听了镇里的介绍，村民们纷纷\n\n《守护健康》一书。\n",
        ] {
            assert!(breaks(body).is_empty(), "{body}: {:?}", breaks(body));
        }
    }

    #[test]
    fn a_comment_between_does_not_hide_a_break() {
        assert_eq!(
            breaks("11月3日，全镇87家单位的\n\n<!-- more -->\n\n352名职工上场较量。\n").len(),
            1
        );
    }

    #[test]
    fn the_seed_pages_own_column_breaks() {
        // Paragraph breaks where the printed page had column breaks, as pasted from it.
        for body in [
            "我们需要群众的配合，群\n\n策群力。倾听民声，接受群众提出的好建议是第一步。\n",
            "组团服务也从刚开始的群众不理解，到现在群众希望更持久地\n\n开展下去，工作人员想要更主动地走下去。\n",
            "最终赢得了几位村民的理解和支持。“组团服务\n\n转变了我们原先的工作模式。”\n",
            "志愿者凭积分可以进行实物换购，也可以兑\n\n换自己所需的志愿服务。\n",
        ] {
            assert_eq!(breaks(body).len(), 1, "{body}");
        }
    }

    #[test]
    fn a_column_break_in_chinese() {
        use crate::i18n::Lang;
        let found = lint_with(
            "",
            &article(
                "title: 标题\n",
                "本报讯 11月3日，全镇87家单位的\n\n352名职工上场较量。\n",
            ),
        );
        assert_eq!(
            found.iter().map(|d| d.render(Lang::Zh)).collect::<Vec<_>>(),
            [
                "content/2013/11/test.md:7:18: 警告：这一段到“…日，全镇87家单位的”就断了，句子没说完，下一段从“352名职工上场较量…”接着往下说：是不是从报纸版面复制时留下的转栏断行？ [column-break]\n  \
              提示：删去两段之间的空行，把两段接成一段；如果确实要另起一段，请给这一段补上句末标点"
            ]
        );
    }
}
