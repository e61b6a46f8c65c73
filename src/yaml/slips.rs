//! Slips of the Chinese input method, found before YAML reads the text.
//!
//! Editors write Chinese all day with the input method on, and it types
//! `district：松江区`, `tags: [消防安全，演练]`, `【】` for brackets and full-width
//! spaces for indentation. YAML then fails with a message about its grammar, often
//! a line after the slip, or quietly reads something else (one tag 消防安全，演练).
//! This scan names each slip at its own line and column, with the corrected line
//! as the hint.
//!
//! Slips whose meaning is certain, a `，` or `、` between the items of a `[…]` list
//! or the entries of a `{…}`, are mended in the text YAML reads, with a warning;
//! the others are errors. The scan goes line by line and knows just enough YAML to
//! leave alone what is quoted, commented, or inside a `|` or `>` block of text.
//!
//! This file owns the scan itself, line by line, and the slips it reports; the
//! layout of a line and the indentation the next wants are in `layout`, the
//! reading of keys, colons and quotes in `keys`, and the slips in a plain value
//! in `values`.

mod keys;
mod layout;
mod values;

use crate::i18n::Message;
use crate::msg;

use keys::{Colon, entry_follows, is_key_before_full_width_colon, key_colon, starts_scalar};
use layout::{Outline, guess_indent, shifted, starts_item};
use values::{colon_in_value, full_width_brackets};

pub(crate) use layout::lined_up;
pub(crate) use values::quoted;

/// Keys whose value is a list, where `【…】` or `［…］` can only be meant as `[…]`.
const LIST_KEYS: &[&str] = &["tags", "towns", "aliases", "byline", "old_slugs"];

const FULL_WIDTH_SPACE: char = '\u{3000}';

/// A slip of the input method, at a 1-based line and column of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Slip {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: Message,
    pub(crate) hint: Message,
    /// Whether the slip was mended in [`Scan::mended`] (a warning); else it is an error.
    pub(crate) mended: bool,
}

/// The slips of a text, and the text with the certain ones mended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The text with every mended slip put right, character for character, so
    /// that every line and column of it is that of the text as written.
    pub(crate) mended: String,
    pub(crate) slips: Vec<Slip>,
}

/// Finds the input method's slips in a YAML text.
pub(crate) fn scan(text: &str) -> Scan {
    let mut scanner = Scanner::default();
    let mut mended = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        scanner.line(i + 1, body, &mut mended);
        mended.push_str(end);
    }
    Scan {
        mended,
        slips: scanner.slips,
    }
}

#[derive(Default)]
struct Scanner {
    slips: Vec<Slip>,
    /// The open `[` and `{` of a flow collection, which may span lines.
    flow: Vec<Frame>,
    /// The quotation mark of a quoted value still open at the end of the last line.
    quote: Option<char>,
    /// While in a `|` or `>` block of text: the column its lines are deeper than.
    block_text: Option<usize>,
    /// The last line of block YAML, as corrected.
    previous: Option<Outline>,
}

/// An open `[` or `{`, with the key whose value it is.
struct Frame {
    open: char,
    key: String,
    warned: bool,
}

/// One line being scanned: what was found on it, and how to correct it.
struct Line {
    number: usize,
    chars: Vec<char>,
    /// Corrections for the hint: the characters from `.0` to `.1` become `.2`.
    edits: Vec<(usize, usize, String)>,
    /// Characters replaced, one for one, in the text YAML reads.
    mends: Vec<(usize, char)>,
    found: Vec<Found>,
    /// How much the corrected indentation moved the line's content (in columns).
    shift: isize,
}

struct Found {
    column: usize,
    message: Message,
    mended: bool,
    /// An indentation slip, whose hint must show the spaces.
    indentation: bool,
}

impl Line {
    fn edit(&mut self, from: usize, to: usize, with: impl Into<String>) {
        self.edits.push((from, to, with.into()));
    }

    fn error(&mut self, at: usize, message: Message) {
        self.found.push(Found {
            column: at + 1,
            message,
            mended: false,
            indentation: false,
        });
    }

    fn warning(&mut self, at: usize, message: Message) {
        self.found.push(Found {
            column: at + 1,
            message,
            mended: true,
            indentation: false,
        });
    }

    /// The end of the spaces, ordinary or full-width, from `at`.
    fn skip_spaces(&self, mut at: usize) -> usize {
        while matches!(self.chars.get(at), Some(&(' ' | FULL_WIDTH_SPACE))) {
            at += 1;
        }
        at
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }
}

impl Scanner {
    /// Scans one line (without its newline), and adds it to `mended` as YAML is to read it.
    fn line(&mut self, number: usize, text: &str, mended: &mut String) {
        if let Some(depth) = self.block_text {
            let indent = text.chars().take_while(|c| *c == ' ').count();
            if text.trim().is_empty() || indent > depth {
                mended.push_str(text);
                return;
            }
            self.block_text = None;
        }
        let mut line = Line {
            number,
            chars: text.chars().collect(),
            edits: Vec::new(),
            mends: Vec::new(),
            found: Vec::new(),
            shift: 0,
        };
        if self.quote.is_some() || !self.flow.is_empty() {
            self.flow_part(&mut line, 0, "");
        } else {
            let at = self.indentation(&mut line);
            if at < line.chars.len() && line.chars[at] != '#' {
                self.block_line(&mut line, at);
            }
        }
        if line.found.is_empty() && line.mends.is_empty() {
            // Most lines: nothing to say and nothing to mend.
            mended.push_str(text);
        } else {
            self.finish(line, mended);
        }
    }

    /// Checks the indentation; returns where the line's content starts.
    fn indentation(&mut self, line: &mut Line) -> usize {
        let lead = line
            .chars
            .iter()
            .take_while(|c| matches!(**c, ' ' | '\t' | FULL_WIDTH_SPACE))
            .count();
        let Some(bad) = line.chars[..lead]
            .iter()
            .position(|c| *c == FULL_WIDTH_SPACE || *c == '\t')
        else {
            return lead;
        };
        let message = if line.chars[bad] == '\t' {
            msg!("yaml-indented-with-tab")
        } else {
            msg!("yaml-indented-with-full-width-space")
        };
        if lead == line.chars.len() || line.chars[lead] == '#' {
            // A line with nothing on it: only full-width spaces trouble YAML there.
            if line.chars[..lead].contains(&FULL_WIDTH_SPACE) {
                line.edit(0, lead, "");
                line.found.push(Found {
                    column: bad + 1,
                    message: msg!("yaml-empty-line-full-width-spaces"),
                    mended: false,
                    indentation: true,
                });
            }
            return lead;
        }
        let indent = guess_indent(self.previous, &line.chars[lead..]);
        line.edit(0, lead, " ".repeat(indent));
        line.shift = indent as isize - lead as isize;
        line.found.push(Found {
            column: bad + 1,
            message,
            mended: false,
            indentation: true,
        });
        lead
    }

    /// A line of block YAML: `key: value`, `- item` or `- key: value`, from `at`.
    fn block_line(&mut self, line: &mut Line, mut at: usize) {
        let indent = at;
        let mut is_item = false;
        while starts_item(&line.chars, at) {
            is_item = true;
            at += 1;
            while line.chars.get(at) == Some(&' ') {
                at += 1;
            }
        }
        let mut outline = Outline {
            indent: shifted(indent, line.shift),
            key_column: shifted(at, line.shift),
            is_item,
            has_key: false,
            opens_block: at >= line.chars.len(),
        };
        if at < line.chars.len() {
            match line.chars[at] {
                '"' | '\'' | '[' | '{' => self.flow_part(line, at, ""),
                '|' | '>' if is_item => self.block_text = Some(indent),
                _ => self.key_and_value(line, at, is_item, &mut outline),
            }
        }
        self.previous = Some(outline);
    }

    fn key_and_value(&mut self, line: &mut Line, at: usize, is_item: bool, outline: &mut Outline) {
        let Some((colon, kind)) = key_colon(&line.chars, at) else {
            return;
        };
        let key = line.text(at, colon);
        let value_at = match kind {
            Colon::Ascii => line.skip_spaces(colon + 1),
            Colon::FullWidth => {
                let rest = line.text(colon + 1, line.chars.len());
                if !is_key_before_full_width_colon(&key, &rest, is_item) {
                    return;
                }
                let after = line.skip_spaces(colon + 1);
                line.edit(colon, after, if after == line.chars.len() { ":" } else { ": " });
                line.error(colon, msg!("yaml-full-width-colon", key = &key));
                after
            }
            Colon::FullWidthSpace => {
                let after = line.skip_spaces(colon + 1);
                line.edit(colon, after, ": ");
                line.error(colon + 1, msg!("yaml-full-width-space-after-colon", key = &key));
                after
            }
            Colon::NoSpace => {
                line.edit(colon, colon + 1, ": ");
                line.error(colon + 1, msg!("yaml-no-space-after-colon", key = &key));
                colon + 1
            }
        };
        outline.has_key = true;
        self.value(line, &key, value_at, outline);
    }

    fn value(&mut self, line: &mut Line, key: &str, at: usize, outline: &mut Outline) {
        let Some(&first) = line.chars.get(at) else {
            outline.opens_block = true;
            return;
        };
        match first {
            '#' => outline.opens_block = true,
            '|' | '>' => self.block_text = Some(outline.key_column.saturating_add_signed(-line.shift)),
            '【' | '［' if LIST_KEYS.contains(&key) => full_width_brackets(line, key, at),
            '[' | '{' | '"' | '\'' => self.flow_part(line, at, key),
            '&' | '*' | '!' | '%' | '@' | '`' => {}
            _ => colon_in_value(line, key, at),
        }
    }

    /// Scans a flow collection (`[…]`, `{…}`) or a quoted value from `at`, and
    /// on the lines after it while one is open.
    fn flow_part(&mut self, line: &mut Line, from: usize, key: &str) {
        let chars = line.chars.clone();
        let mut entry = from;
        let mut entry_key: Option<String> = None;
        let mut i = from;
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = self.quote {
                if q == '"' && c == '\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    self.quote = None;
                }
                i += 1;
                continue;
            }
            let top = self.flow.last().map(|f| f.open);
            match c {
                '"' | '\'' if starts_scalar(&chars, from, i) => self.quote = Some(c),
                '#' if i > 0 && chars[i - 1].is_whitespace() => break,
                '[' | '{' => {
                    let key = match (&entry_key, self.flow.last()) {
                        (Some(k), _) => k.clone(),
                        (None, Some(frame)) => frame.key.clone(),
                        (None, None) => key.to_string(),
                    };
                    self.flow.push(Frame {
                        open: c,
                        key,
                        warned: false,
                    });
                    (entry, entry_key) = (i + 1, None);
                }
                ']' | '}' => {
                    self.flow.pop();
                    if self.flow.is_empty() {
                        break;
                    }
                }
                ',' => (entry, entry_key) = (i + 1, None),
                ':' if top == Some('{') && entry_key.is_none() => {
                    entry_key = Some(line.text(entry, i).trim().to_string());
                }
                '：' if top == Some('{') && entry_key.is_none() => {
                    let name = line.text(entry, i).trim().to_string();
                    if !name.is_empty() && !name.contains(char::is_whitespace) {
                        let after = line.skip_spaces(i + 1);
                        line.edit(i, after, ": ");
                        line.error(i, msg!("yaml-full-width-colon", key = &name));
                        entry_key = Some(name);
                    }
                }
                '，' | '、' if top == Some('[') => {
                    self.separator(line, i, c);
                    (entry, entry_key) = (i + 1, None);
                }
                '，' if top == Some('{') && entry_follows(&chars, i + 1) => {
                    self.separator(line, i, c);
                    (entry, entry_key) = (i + 1, None);
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// A `，` or `、` at `at` between the items of the innermost flow collection.
    fn separator(&mut self, line: &mut Line, at: usize, c: char) {
        let after = line.skip_spaces(at + 1);
        line.edit(at, after, ", ");
        line.mends.push((at, ','));
        for i in at + 1..after {
            line.mends.push((i, ' '));
        }
        let Some(frame) = self.flow.last_mut() else { return };
        if frame.warned {
            return;
        }
        frame.warned = true;
        let between = if frame.open == '{' {
            msg!("yaml-between-entries-of", key = &frame.key)
        } else {
            match frame.key.as_str() {
                "tags" => msg!("yaml-between-tags"),
                "towns" => msg!("yaml-between-towns"),
                "aliases" => msg!("yaml-between-aliases"),
                "byline" => msg!("yaml-between-byline"),
                "old_slugs" => msg!("yaml-between-old-slugs"),
                "" => msg!("yaml-between-list-items"),
                key => msg!("yaml-between-items-of", key = key),
            }
        };
        line.warning(
            at,
            msg!(
                "yaml-separator-read-as-comma",
                separator = c.to_string(),
                between = between
            ),
        );
    }

    /// Records what was found on `line`, each with the line as corrected for
    /// its hint, and adds the line with its certain slips mended to `mended`.
    fn finish(&mut self, line: Line, mended: &mut String) {
        let mut corrected = String::new();
        let mut edits = line.edits;
        edits.sort_by_key(|e| e.0);
        let mut at = 0;
        for (from, to, with) in &edits {
            if *from < at {
                continue;
            }
            corrected.extend(&line.chars[at..*from]);
            corrected.push_str(with);
            at = *to;
        }
        corrected.extend(&line.chars[at.min(line.chars.len())..]);
        for found in line.found {
            let hint = if found.indentation && corrected.trim().is_empty() {
                msg!("yaml-leave-empty-hint")
            } else if found.indentation {
                super::spaces_hint(&corrected)
            } else {
                super::write_like(corrected.trim())
            };
            self.slips.push(Slip {
                line: line.number,
                column: found.column,
                message: found.message,
                hint,
                mended: found.mended,
            });
        }
        let mut chars = line.chars;
        for (at, c) in line.mends {
            chars[at] = c;
        }
        mended.extend(chars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    pub(super) fn slips(text: &str) -> Vec<(usize, usize, String, String, bool)> {
        scan(text)
            .slips
            .into_iter()
            .map(|s| {
                (
                    s.line,
                    s.column,
                    s.message.render(Lang::En),
                    s.hint.render(Lang::En),
                    s.mended,
                )
            })
            .collect()
    }

    /// Each slip as the report shows it in Chinese: the message, then the hint.
    fn in_chinese(text: &str) -> Vec<String> {
        scan(text)
            .slips
            .into_iter()
            .map(|s| {
                format!(
                    "{}:{}: {}\n提示：{}",
                    s.line,
                    s.column,
                    s.message.render(Lang::Zh),
                    s.hint.render(Lang::Zh)
                )
            })
            .collect()
    }

    pub(super) fn one(text: &str) -> (usize, usize, String, String, bool) {
        let found = slips(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_full_width_colon_after_a_key() {
        let (line, column, message, hint, mended) =
            one("title: 莘庄镇举行消防演练\ndistrict：闵行区\ndate: 2013-11-03\n");
        assert_eq!((line, column, mended), (2, 9, false));
        assert_eq!(
            message,
            "`district` is followed by a full-width colon `：` (typed by the Chinese input method); write an ordinary colon `:` and a space"
        );
        assert_eq!(hint, "write it like this: district: 闵行区");
        let (_, column, _, hint, _) = one("title： 莘庄镇“文明小区”评选揭晓\n");
        assert_eq!(
            (column, hint.as_str()),
            (6, "write it like this: title: 莘庄镇“文明小区”评选揭晓")
        );
        let (_, _, _, hint, _) = one("tags：\n  - 消防安全\n");
        assert_eq!(hint, "write it like this: tags:");
    }

    #[test]
    fn a_full_width_colon_in_a_value_is_prose() {
        assert!(slips("title: 莘庄镇：文明小区评选揭晓\nsummary: 记者：卢连明\n").is_empty());
        assert!(slips("tags:\n  - 消防：演练\n").is_empty(), "an odd tag, but a tag");
        assert!(
            slips("summary: |\n  记者：卢连明\n  闵行区：莘庄镇\ntitle: 标题\n").is_empty(),
            "a block of text is text"
        );
    }

    #[test]
    fn a_chinese_key_with_a_full_width_colon_in_site_yaml() {
        let (line, column, _, hint, _) = one("districts:\n  闵行区：{ slug: minhang, towns: [莘庄镇] }\n");
        assert_eq!((line, column), (2, 6));
        assert_eq!(hint, "write it like this: 闵行区: { slug: minhang, towns: [莘庄镇] }");
        let (_, _, _, hint, _) = one("slugs:\n  莘庄镇：xin-zhuang\n");
        assert_eq!(hint, "write it like this: 莘庄镇: xin-zhuang");
    }

    #[test]
    fn a_full_width_colon_inside_braces() {
        let (line, column, message, hint, _) = one("byline: [{ role：通讯员, name: 松组 }]\n");
        assert_eq!((line, column), (1, 16));
        assert!(
            message.starts_with("`role` is followed by a full-width colon"),
            "{message}"
        );
        assert_eq!(hint, "write it like this: byline: [{ role: 通讯员, name: 松组 }]");
        assert!(slips("image: { src: a.jpg, caption: 莘庄镇：消防演练 }\n").is_empty());
    }

    #[test]
    fn a_full_width_space_or_no_space_after_the_colon() {
        let (line, column, message, hint, _) = one("title:　莘庄镇举行消防演练\n");
        assert_eq!((line, column), (1, 7));
        assert!(
            message.starts_with("`title:` is followed by a full-width space"),
            "{message}"
        );
        assert_eq!(hint, "write it like this: title: 莘庄镇举行消防演练");
        let (_, column, message, hint, _) = one("date:2013-11-03\n");
        assert_eq!((column, message.as_str()), (6, "`date:` needs a space after the colon"));
        assert_eq!(hint, "write it like this: date: 2013-11-03");
        assert!(slips("date: 2013-11-03 09:30\nimage: { src: https://example.org/a.jpg }\n").is_empty());
        assert!(slips("aliases:\n  - http://example.org/a/\n").is_empty());
    }

    #[test]
    fn list_separators_are_mended_with_a_warning() {
        let scan = scan("title: 标题\ntags: [消防安全，演练、应急]\n");
        assert_eq!(scan.mended, "title: 标题\ntags: [消防安全,演练,应急]\n", "same columns");
        assert_eq!(scan.slips.len(), 1, "one warning a list");
        let s = &scan.slips[0];
        assert_eq!((s.line, s.column, s.mended), (2, 12, true));
        assert_eq!(
            s.message.render(Lang::En),
            "`，` (typed by the Chinese input method) between tags was read as a comma"
        );
        assert_eq!(
            s.hint.render(Lang::En),
            "write it like this: tags: [消防安全, 演练, 应急]"
        );
    }

    #[test]
    fn separators_inside_an_item_of_braces_stay() {
        let text = "byline: [{ role: 记者, name: 张三、李四 }]\nimage: { src: a.jpg, caption: 消防、救护演练 }\n";
        let scan = scan(text);
        assert_eq!(scan.mended, text);
        assert!(scan.slips.is_empty());
        let scan = super::scan("byline: [{ role: 通讯员， name: 松组 }，{ role: 摄影， name: 卢连明 }]\n");
        assert_eq!(
            scan.mended,
            "byline: [{ role: 通讯员, name: 松组 },{ role: 摄影, name: 卢连明 }]\n"
        );
        let messages: Vec<_> = scan
            .slips
            .iter()
            .map(|s| (s.column, s.message.render(Lang::En)))
            .collect();
        let messages: Vec<_> = messages.iter().map(|(c, m)| (*c, m.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    21,
                    "`，` (typed by the Chinese input method) between the entries of `byline` was read as a comma"
                ),
                (
                    33,
                    "`，` (typed by the Chinese input method) between byline credits was read as a comma"
                ),
                (
                    44,
                    "`，` (typed by the Chinese input method) between the entries of `byline` was read as a comma"
                ),
            ]
        );
    }

    #[test]
    fn separators_in_site_yaml_town_lists_and_quoted_items() {
        let scan = scan("districts:\n  闵行区: { slug: minhang, towns: [莘庄镇，七宝镇] }\n");
        assert_eq!(
            scan.mended,
            "districts:\n  闵行区: { slug: minhang, towns: [莘庄镇,七宝镇] }\n"
        );
        assert_eq!(
            scan.slips[0].message.render(Lang::En),
            "`，` (typed by the Chinese input method) between towns was read as a comma"
        );
        let quoted = "tags: [\"消防安全，演练\"]\n";
        assert_eq!(super::scan(quoted).mended, quoted, "quoted: as written");
        let across = super::scan("tags: [消防安全，\n  演练]\ntitle: 标题\n");
        assert_eq!(across.mended, "tags: [消防安全,\n  演练]\ntitle: 标题\n");
    }

    #[test]
    fn indentation_with_full_width_spaces_or_tabs() {
        let (line, column, message, hint, _) = one("title: 标题\ntags:\n　- 消防安全\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(
            message,
            "the line is indented with a full-width space `　` (typed by the Chinese input method); indent with ordinary spaces"
        );
        assert_eq!(hint, "write it like this, with 2 ordinary spaces: `  - 消防安全`");
        let (_, column, message, hint, _) = one("byline:\n  - role: 通讯员\n  \tname: 松组\n");
        assert_eq!(column, 3);
        assert_eq!(message, "the line is indented with a tab; indent with ordinary spaces");
        assert_eq!(hint, "write it like this, with 4 ordinary spaces: `    name: 松组`");
        let (_, _, _, hint, _) = one("title: 标题\n　date: 2013-11-03\n");
        assert_eq!(hint, "start the line at the left edge: `date: 2013-11-03`");
        let (_, _, message, hint, _) = one("title: 标题\n　　\ndate: 2013-11-03\n");
        assert!(
            message.starts_with("this empty line holds full-width spaces"),
            "{message}"
        );
        assert_eq!(hint, "leave the line empty");
        assert!(
            slips("summary: |\n  　　光星居民区\n").is_empty(),
            "text keeps its spaces"
        );
    }

    #[test]
    fn every_slip_on_a_line_is_in_its_hint() {
        let found = slips("title：通知: 明天停水\n");
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|f| f.3 == "write it like this: title: \"通知: 明天停水\"")
        );
    }

    #[test]
    fn clean_yaml_has_no_slips() {
        let text = "title: 距离有多近，情就有多深\nsubtitle: ——松江区基层党支部书记畅谈组团服务感受\ndate: 2013-11-10\ndistrict: 松江区\ntowns: [洞泾镇, 泖港镇]\ntags:\n  - 组团服务\n  - 基层党建\nbyline: [{ role: 通讯员, name: 松组 }]\n# 注释：不要紧\n";
        let scan = scan(text);
        assert_eq!(scan.mended, text);
        assert!(scan.slips.is_empty(), "{:?}", scan.slips);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_mends_character_for_character(
            text in "[ a-z:：，、,\\[\\]{}【】［］\"'#|>\\-\u{3000}\t\n消防]{0,120}"
        ) {
            let scan = scan(&text);
            let columns = |t: &str| t.split('\n').map(|l| l.chars().count()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(columns(&scan.mended), columns(&text));
            for slip in &scan.slips {
                proptest::prop_assert!(slip.line >= 1 && slip.column >= 1);
            }
        }
    }

    #[test]
    fn slips_in_chinese() {
        assert_eq!(
            in_chinese("title: 莘庄镇举行消防演练\ndistrict：闵行区\n"),
            [
                "2:9: `district` 后面是中文冒号“：”（中文输入法打出的），要换成英文冒号 `:`，再空一格\n提示：改成这样：district: 闵行区"
            ]
        );
        assert_eq!(
            in_chinese("title:　莘庄镇举行消防演练\n"),
            [
                "1:7: `title:` 后面是全角空格“　”（中文输入法打出的），要换成普通空格\n提示：改成这样：title: 莘庄镇举行消防演练"
            ]
        );
        assert_eq!(
            in_chinese("date:2013-11-03\n"),
            ["1:6: `date:` 的冒号后面要空一格\n提示：改成这样：date: 2013-11-03"]
        );
        assert_eq!(
            in_chinese("title: 标题\ntags: [消防安全，演练、应急]\n"),
            [
                "2:12: 标签之间的“，”（中文输入法打出的）已当作英文逗号 `,` 读取\n提示：改成这样：tags: [消防安全, 演练, 应急]"
            ]
        );
        assert_eq!(
            in_chinese("towns: [洞泾镇、泖港镇]\n"),
            [
                "1:12: 镇（街道）之间的“、”（中文输入法打出的）已当作英文逗号 `,` 读取\n提示：改成这样：towns: [洞泾镇, 泖港镇]"
            ]
        );
        assert_eq!(
            in_chinese("title: 标题\ntags: 【消防安全，演练】\n"),
            [
                "2:7: 标签用了中文括号“【】”（中文输入法打出的）；列表要用英文方括号 `[ ]`\n提示：改成这样：tags: [消防安全, 演练]"
            ]
        );
        assert_eq!(
            in_chinese("title: 标题\ntags:\n　- 消防安全\n"),
            [
                "3:1: 这一行开头是用全角空格“　”缩进的（中文输入法打出的），要改用普通空格\n提示：改成这样，行首空 2 个普通空格：`  - 消防安全`"
            ]
        );
        assert_eq!(
            in_chinese("byline:\n  - role: 通讯员\n  \tname: 松组\n"),
            ["3:3: 这一行开头是用 Tab 键缩进的，要改用普通空格\n提示：改成这样，行首空 4 个普通空格：`    name: 松组`"]
        );
        assert_eq!(
            in_chinese("title: 标题\n　date: 2013-11-03\n"),
            [
                "2:1: 这一行开头是用全角空格“　”缩进的（中文输入法打出的），要改用普通空格\n提示：这一行要顶格写，前面不留空格：`date: 2013-11-03`"
            ]
        );
        assert_eq!(
            in_chinese("title: 标题\n　　\ndate: 2013-11-03\n"),
            ["2:1: 这个空行里有全角空格“　”（中文输入法打出的）\n提示：删掉这些空格，让这一行空着"]
        );
        assert_eq!(
            in_chinese("title: 通知: 明天停水\n"),
            [
                "1:10: 标题里有英文冒号加空格，会被误当成另一项；要把它整个放在英文引号里\n提示：改成这样：title: \"通知: 明天停水\""
            ]
        );
        assert_eq!(
            in_chinese("kicker: 记者手记: 见闻\n"),
            [
                "1:13: 引题里有英文冒号加空格，会被误当成另一项；要把它整个放在英文引号里\n提示：改成这样：kicker: \"记者手记: 见闻\""
            ]
        );
    }
}
