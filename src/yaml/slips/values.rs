//! Slips in a plain value: a list in full-width brackets (`【…】`), and a colon
//! and a space that YAML would take for a second key; and the quotes that make
//! a value safe to write back.

use crate::msg;
use crate::yaml::key_name;

use super::{FULL_WIDTH_SPACE, Line};

/// `tags: 【消防安全，演练】`: a list in full-width brackets, at `at`.
pub(super) fn full_width_brackets(line: &mut Line, key: &str, at: usize) {
    let open = line.chars[at];
    let close = (at + 1..line.chars.len()).find(|&i| matches!(line.chars[i], '】' | '］'));
    let end = close.unwrap_or(line.chars.len());
    let items: Vec<String> = line
        .text(at + 1, end)
        .split(['，', '、', ','])
        .map(|s| s.trim_matches([' ', FULL_WIDTH_SPACE]).to_string())
        .filter(|s| !s.is_empty())
        .collect();
    line.edit(at, close.map_or(end, |c| c + 1), format!("[{}]", items.join(", ")));
    let pair = if open == '【' { "【】" } else { "［］" };
    let what = match key {
        "old_slugs" => msg!("yaml-old-slugs"),
        key => key_name(key),
    };
    line.error(at, msg!("yaml-full-width-brackets", what = what, pair = pair));
}

/// `title: 通知: 明天停水`: a colon and a space inside a plain value, which YAML
/// takes for a second key.
pub(super) fn colon_in_value(line: &mut Line, key: &str, at: usize) {
    let chars = &line.chars;
    let end = (at..chars.len())
        .find(|&i| chars[i] == '#' && chars[i - 1].is_whitespace())
        .unwrap_or(chars.len());
    let Some(colon) = (at..end).find(|&i| chars[i] == ':' && matches!(chars.get(i + 1), None | Some(' ' | '\t')))
    else {
        return;
    };
    let value = line.text(at, end).trim_end().to_string();
    let value_end = at + value.chars().count();
    line.edit(at, value_end, quoted(&value));
    line.error(colon, msg!("yaml-colon-in-value", what = key_name(key)));
}

/// `value` in the quotes YAML reads it back from unchanged.
pub(crate) fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one, slips};

    #[test]
    fn full_width_brackets_for_a_list() {
        let (line, column, message, hint, mended) = one("title: 标题\ntags: 【消防安全，演练】\n");
        assert_eq!((line, column, mended), (2, 7, false));
        assert_eq!(
            message,
            "the tags are in full-width brackets `【】` (typed by the Chinese input method); a list needs ordinary square brackets `[ ]`"
        );
        assert_eq!(hint, "write it like this: tags: [消防安全, 演练]");
        let (_, _, _, hint, _) = one("towns: ［莘庄镇、七宝镇］\n");
        assert_eq!(hint, "write it like this: towns: [莘庄镇, 七宝镇]");
        assert!(
            slips("title: 【通知】明天停水\n").is_empty(),
            "a title may start with 【】"
        );
    }

    #[test]
    fn a_colon_and_a_space_in_a_value() {
        let (line, column, message, hint, _) = one("title: 通知: 明天停水\n");
        assert_eq!((line, column), (1, 10));
        assert_eq!(
            message,
            "the title has a colon followed by a space in it, so it must be put in quotes"
        );
        assert_eq!(hint, "write it like this: title: \"通知: 明天停水\"");
        let (_, _, _, hint, _) = one("kicker: 记者 \"老张\": 见闻  # 引题\n");
        assert_eq!(hint, "write it like this: kicker: '记者 \"老张\": 见闻'  # 引题");
        assert!(slips("title: \"通知: 明天停水\"\ntitle: 通知:明天\n").is_empty());
    }
}
