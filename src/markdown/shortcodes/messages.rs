//! The problems a shortcode call can have, worded as editors are told them:
//! each function gives a problem's message and hint (and, for a
//! [`BodyProblem`], its place). The parts decide when a problem is one.

use super::Signature;
use super::builtin;
use crate::i18n::Message;
use crate::markdown::BodyProblem;
use crate::msg;

/// A problem without its place: its message and hint.
pub(super) type Failure = (Message, Option<Message>);

/// The photo set line an editor writes, for hints.
const PHOTOSET_LINE: &str = "drill1.jpg 消防员进行演练 | 摄影：李强";

/// A `{% end %}` with no call to end.
pub(super) fn stray_end(at: usize) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-stray-end", end = "{% end %}"),
        Some(msg!("sc-stray-end-hint", example = "{% note(title=\"编者按\") %}")),
    )
}

/// A body opened at `at` by a call of `name` that no `{% end %}` closes.
pub(super) fn unclosed(at: usize, name: &str) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-unclosed", name = name, end = "{% end %}"),
        Some(msg!("sc-unclosed-hint", end = "{% end %}")),
    )
}

/// A call of `name` inside the body of a call of `outer`.
pub(super) fn nested(at: usize, name: &str, outer: &str) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-nested", name = name, outer = outer),
        Some(msg!("sc-nested-hint", outer = outer, end = "{% end %}")),
    )
}

/// A call of `name` written wrongly at `offset`: `what` says how.
pub(super) fn syntax(offset: usize, name: &str, what: Message) -> BodyProblem {
    let hint = match builtin(name) {
        Some(sig) => msg!("sc-syntax-example-hint", example = sig.example),
        None => msg!(
            "sc-syntax-hint",
            example = "{{ video(src=\"huodong.mp4\", poster=\"fengmian.jpg\") }}"
        ),
    };
    BodyProblem::error(offset, msg!("sc-syntax", name = name, problem = what), Some(hint))
}

/// An argument `arg` given twice in a call of `name`.
pub(super) fn duplicate_arg(at: usize, name: &str, arg: &str) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-duplicate-arg", name = name, arg = arg),
        Some(msg!("sc-duplicate-arg-hint")),
    )
}

/// The hint showing a call of `sig` as an editor writes it.
fn example_hint(sig: &Signature) -> Message {
    msg!("sc-syntax-example-hint", example = sig.example)
}

/// An argument `arg` the built-in shortcode `sig` does not take.
pub(super) fn unknown_arg(at: usize, sig: &Signature, arg: &str) -> BodyProblem {
    let names: Vec<String> = sig.params.iter().map(|p| p.name.to_string()).collect();
    let hint = match crate::error::did_you_mean(arg, sig.params.iter().map(|p| p.name)) {
        Some(near) => msg!("sc-unknown-arg-near-hint", near = near, args = names.clone()),
        None if names.is_empty() => msg!("sc-no-args-hint", name = sig.name),
        None => msg!("sc-unknown-arg-hint", args = names.clone()),
    };
    BodyProblem::error(at, msg!("sc-unknown-arg", name = sig.name, arg = arg), Some(hint))
}

/// Argument `arg` of `sig` is not a whole number from `min` to `max`.
pub(super) fn arg_number(sig: &Signature, arg: &str, min: i64, max: i64) -> Message {
    msg!("sc-arg-number", name = sig.name, arg = arg, min = min, max = max)
}

/// Argument `arg` of `sig` is not text.
pub(super) fn arg_text(sig: &Signature, arg: &str) -> Message {
    msg!("sc-arg-text", name = sig.name, arg = arg)
}

/// An argument of `sig` whose value is wrong, as `message` says.
pub(super) fn wrong_arg(at: usize, sig: &Signature, message: Message) -> BodyProblem {
    BodyProblem::error(at, message, Some(example_hint(sig)))
}

/// A required argument `arg` of `sig` left out.
pub(super) fn missing_arg(at: usize, sig: &Signature, arg: &str) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-missing-arg", name = sig.name, arg = arg),
        Some(example_hint(sig)),
    )
}

/// `count` (not one) of the arguments of which `sig` takes exactly one given.
pub(super) fn one_of(at: usize, sig: &Signature, count: usize) -> BodyProblem {
    let choices: Vec<String> = sig.one_of.iter().map(|s| s.to_string()).collect();
    let message = if count == 0 {
        msg!("sc-one-of-missing", name = sig.name, args = choices)
    } else {
        msg!("sc-one-of-both", name = sig.name, args = choices)
    };
    BodyProblem::error(at, message, Some(example_hint(sig)))
}

/// A body given to `sig`, which takes none.
pub(super) fn no_body(at: usize, sig: &Signature) -> BodyProblem {
    BodyProblem::error(at, msg!("sc-no-body", name = sig.name), Some(example_hint(sig)))
}

/// No body given to `sig`, which needs one.
pub(super) fn needs_body(at: usize, sig: &Signature) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-needs-body", name = sig.name, end = "{% end %}"),
        Some(example_hint(sig)),
    )
}

/// An address argument whose value `url` is no web address.
pub(super) fn not_an_address(at: usize, url: &str) -> BodyProblem {
    BodyProblem::error(
        at,
        msg!("sc-not-an-address", value = url),
        Some(msg!("sc-not-an-address-hint")),
    )
}

/// The hint showing a photo set's line as an editor writes it.
pub(super) fn photoset_line_hint() -> Message {
    msg!("sc-photoset-line-hint", example = PHOTOSET_LINE)
}

/// A photo set with no pictures.
pub(super) fn photoset_empty(at: usize) -> BodyProblem {
    BodyProblem::error(at, msg!("sc-photoset-empty"), Some(photoset_line_hint()))
}

/// A picture argument whose value `src` is no file of the article's folder.
pub(super) fn not_a_picture_file(src: &str) -> Failure {
    (
        msg!("sc-not-a-file", value = src),
        Some(msg!("sc-not-a-file-hint", example = "poster=\"fengmian.jpg\"")),
    )
}

/// A video argument whose value `src` is no file of the article's folder.
pub(super) fn not_a_video_file(src: &str) -> Failure {
    (
        msg!("sc-not-a-file", value = src),
        Some(msg!("sc-video-not-a-file-hint")),
    )
}

/// A video argument whose file `src` is of none of the `kinds` browsers play.
pub(super) fn not_a_video(src: &str, kinds: Vec<String>) -> Failure {
    (
        msg!("sc-not-a-video", value = src),
        Some(msg!("sc-not-a-video-hint", kinds = kinds)),
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::problems;

    #[test]
    fn mistakes_are_told_in_chinese_where_they_are() {
        assert_eq!(
            problems("正文\n{% note(title=\"编者按\") %}\n内容"),
            [(7, "`note` 从这里开始，但没有用 `{% end %}` 结束".to_string())]
        );
        assert_eq!(
            problems("{% end %}"),
            [(0, "这个 `{% end %}` 前面没有要结束的短代码".to_string())]
        );
        assert_eq!(
            problems("{{ video(src=\"a.mp4\"，caption=\"x\") }}"),
            [(
                20,
                "短代码 `video` 的写法有误：参数之间用英文逗号 `,` 隔开，不能用 `，` 或 `、`".to_string()
            )]
        );
        assert_eq!(
            problems("{{ video(src=\"a.pdf\") }}"),
            [(9, "`a.pdf` 不是视频文件".to_string())]
        );
        assert_eq!(
            problems("{% quote() %}\n{{ video(src=\"a.mp4\") }}\n{% end %}"),
            [(
                14,
                "短代码 `video` 写在了 `quote` 里面，`quote` 里不能再放短代码".to_string()
            )]
        );
        assert_eq!(
            problems("{{ video(src=\"a.mp4\", url=\"https://v.qq.com/x\") }}"),
            [(0, "`video` 只能用参数 src、url 中的一个".to_string())]
        );
    }
}
