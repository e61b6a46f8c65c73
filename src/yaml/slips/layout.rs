//! How a line of block YAML is laid out, and the indentation the next line wants.
//!
//! The hint for a line indented with a full-width space or a tab, or not lined
//! up with the line above, shows it indented as the line above suggests; this
//! reads the layout of a line from its text alone and makes that guess.

/// The indentation a line of `content` (its text after the indentation) most
/// likely wants, after a line laid out as `previous`.
pub(super) fn guess_indent(previous: Option<Outline>, content: &[char]) -> usize {
    let Some(p) = previous else { return 0 };
    let is_item = starts_item(content, 0);
    if p.opens_block {
        p.key_column + 2
    } else if is_item && p.is_item {
        p.indent
    } else if p.is_item && !p.has_key {
        // After the last item of a list of plain values, a key belongs to the map around it.
        p.indent.saturating_sub(2)
    } else {
        p.key_column
    }
}

/// The corrected form of the line `line` of `text` when it is not lined up with
/// the line above it: the same content, indented as the line above suggests.
pub(crate) fn lined_up(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let this: Vec<char> = lines.get(line.checked_sub(1)?)?.trim_start().chars().collect();
    let previous = lines[..line - 1]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .and_then(|l| outline(l));
    let indent = guess_indent(previous, &this);
    Some(format!("{}{}", " ".repeat(indent), this.iter().collect::<String>()))
}

/// How a line of block YAML is laid out, read from its text alone.
fn outline(line: &str) -> Option<Outline> {
    let chars: Vec<char> = line.chars().collect();
    let indent = chars.iter().take_while(|c| **c == ' ').count();
    let mut at = indent;
    let mut is_item = false;
    while starts_item(&chars, at) {
        is_item = true;
        at += 1;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
    }
    let rest: String = chars[at..].iter().collect();
    let value = rest
        .split_once(": ")
        .map(|(_, v)| v)
        .or_else(|| rest.strip_suffix(':').map(|_| ""));
    Some(Outline {
        indent,
        key_column: at,
        is_item,
        has_key: value.is_some(),
        opens_block: value.is_some_and(|v| v.trim().is_empty() || v.trim_start().starts_with('#')) || rest.is_empty(),
    })
}

pub(super) fn starts_item(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'-') && matches!(chars.get(at + 1), None | Some(' '))
}

/// Where the parts of a line of block YAML start, to line the next one up with it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Outline {
    /// Columns (0-based) of the line's first character and of its key or item value.
    pub(super) indent: usize,
    pub(super) key_column: usize,
    /// Whether it is a list item (`- …`), and whether it has a `key:`.
    pub(super) is_item: bool,
    pub(super) has_key: bool,
    /// Whether its value is on the lines below (`tags:` alone).
    pub(super) opens_block: bool,
}

pub(super) fn shifted(column: usize, shift: isize) -> usize {
    column.saturating_add_signed(shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_up_a_line_with_the_one_above() {
        let text = "title: 标题\nbyline:\n  - role: 通讯员\n      name: 松组\n";
        assert_eq!(lined_up(text, 4).as_deref(), Some("    name: 松组"));
        assert_eq!(lined_up("title: 标题\n date: 2013\n", 2).as_deref(), Some("date: 2013"));
        assert_eq!(lined_up("tags:\n  - a\n - b\n", 3).as_deref(), Some("  - b"));
    }
}
