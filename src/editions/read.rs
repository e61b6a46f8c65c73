//! Reading one edition file of `issues/` as written: its number, date,
//! title, editor's note and the article paths it lists, each with its place,
//! and the problems that need no article to find. Kept per file by a
//! [`EditionFiles`] cache, so that `serve` reads only the files that changed;
//! resolving the paths against the articles is [`super::load`]'s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::content::front_matter::{self, parse_date};
use crate::content::{FileStamp, stamp};
use crate::error::{Area, Diagnostic};
use crate::i18n::Message;
use crate::markdown::{self, LinkTarget, MarkdownOptions};
use crate::msg;
use crate::yaml;

/// The keys an edition file's front matter may have.
const KEYS: &[&str] = &[
    "number",
    "date",
    "title",
    "sections",
    "articles",
    "supplement",
    "total",
    "publisher",
    "send_to",
    "copy_to",
    "copies",
];

/// An edition file's front matter as the editor wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    number: Option<u32>,
    date: Option<String>,
    title: Option<String>,
    #[serde(default)]
    sections: Vec<RawSection>,
    /// Articles listed without a section, before the sections.
    #[serde(default)]
    articles: Vec<String>,
    /// The parts of a printed 简报's head and foot, all optional.
    #[serde(default)]
    supplement: bool,
    total: Option<u32>,
    publisher: Option<String>,
    #[serde(default)]
    send_to: Vec<String>,
    #[serde(default)]
    copy_to: Vec<String>,
    copies: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: Option<String>,
    #[serde(default)]
    articles: Vec<String>,
}

fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "number" => "number: 12",
        "supplement" => "supplement: true",
        "total" => "total: 345",
        "publisher" => "publisher: 中共上海市松江区委组织部",
        "send_to" => "send_to: [区委各部委办局, 各镇党委]",
        "copy_to" => "copy_to: [市委组织部]",
        "copies" => "copies: 200",
        "date" => "date: 2013-11-12",
        "title" => "title: 组团服务专刊",
        "sections" => "sections: [{ title: 要闻, articles: [2013/11/zuzhuan-fuwu.md] }]",
        "articles" => "articles: [2013/11/zuzhuan-fuwu.md, 2013/11/fengjing-xiaofang.md]",
        _ => return None,
    })
}

/// An edition file as written, with the places of its parts.
#[derive(Debug)]
pub(super) struct EditionFile {
    pub(super) source: PathBuf,
    /// `None` when it is missing or wrong (a problem says so).
    pub(super) number: Option<u32>,
    /// The line of its `number:`, for problems about the number.
    pub(super) number_line: usize,
    pub(super) date: Option<DateTime<FixedOffset>>,
    pub(super) title: Option<String>,
    pub(super) form: super::Form,
    pub(super) note_html: String,
    pub(super) note_text: String,
    /// Its sections in order (articles listed without one first, untitled),
    /// each article path as written with its line and column.
    pub(super) sections: Vec<(Option<String>, Vec<Listed>)>,
    /// What is wrong with it whatever the articles: it cannot be read, its
    /// YAML, its number or date; and what was mended (warnings).
    pub(super) problems: Vec<Diagnostic>,
}

/// An article path as an edition file writes it, and where.
#[derive(Debug)]
pub(super) struct Listed {
    pub(super) path: String,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// The edition files read by the last load, by path, with the stamp each had
/// and what it was read with, so that a load reads only the files that changed.
#[derive(Default)]
pub struct EditionFiles {
    read: HashMap<PathBuf, (FileStamp, Arc<EditionFile>)>,
    /// The settings a file's reading depends on: the zone of its date, and raw HTML in its note.
    settings: Option<(FixedOffset, bool)>,
}

impl EditionFiles {
    /// Each of `files` (relative to `root`) read, from this cache where its
    /// stamp is settled and unchanged.
    pub(super) fn read_all(&mut self, root: &Path, files: &[PathBuf], config: &Config) -> Vec<Arc<EditionFile>> {
        let settings = (config.utc_offset, config.markdown.unsafe_html);
        if self.settings != Some(settings) {
            self.read.clear();
            self.settings = Some(settings);
        }
        let read: Vec<(PathBuf, Option<FileStamp>, Arc<EditionFile>)> = files
            .par_iter()
            .map(|file| {
                let now = stamp(&root.join(file));
                let kept = self
                    .read
                    .get(file)
                    .filter(|(then, _)| now.is_some_and(|now| now.settled && now == *then))
                    .map(|(_, read)| Arc::clone(read));
                let read = kept.unwrap_or_else(|| Arc::new(read_file(root, file, config)));
                (file.clone(), now, read)
            })
            .collect();
        self.read = read
            .iter()
            .filter_map(|(file, now, read)| now.map(|now| (file.clone(), (now, Arc::clone(read)))))
            .collect();
        read.into_iter().map(|(_, _, read)| read).collect()
    }
}

/// The numbers the edition files of `root` declare, ascending, each once,
/// supplements (增刊, numbered apart) left out;
/// files that cannot be read as editions are passed over (a build reports them).
pub fn declared_numbers(root: &Path, config: &Config) -> Vec<u32> {
    let mut numbers: Vec<u32> = super::load::edition_files(root)
        .iter()
        .map(|file| read_file(root, file, config))
        .filter(|read| !read.form.supplement)
        .filter_map(|read| read.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// One edition file read; what cannot be read is in its problems.
fn read_file(root: &Path, file: &Path, config: &Config) -> EditionFile {
    let mut read = EditionFile {
        source: file.to_path_buf(),
        number: None,
        number_line: 1,
        date: None,
        title: None,
        form: super::Form::default(),
        note_html: String::new(),
        note_text: String::new(),
        sections: Vec::new(),
        problems: Vec::new(),
    };
    let error = |line, column, message: Message, hint: Option<Message>| {
        let d = Diagnostic::error(Area::Content, file, line, column, message);
        match hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    };
    let bytes = match std::fs::read(root.join(file)) {
        Ok(bytes) => bytes,
        Err(e) => {
            read.problems
                .push(crate::error::io_error(file, msg!("edition-io-read"), &e));
            return read;
        }
    };
    let text = match crate::content::decode(&bytes) {
        Ok(text) => text,
        Err((line, column, message)) => {
            read.problems
                .push(error(line, column, message, Some(msg!("content-not-utf8-hint"))));
            return read;
        }
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(p) => {
            read.problems.push(error(
                p.line,
                p.column,
                p.message,
                Some(msg!("edition-front-matter-hint")),
            ));
            return read;
        }
    };
    let at = |line: usize| line + split.yaml_line - 1;
    let document: yaml::Document<RawEdition> = match yaml::parse_document(split.yaml, KEYS, example) {
        Ok(document) => document,
        Err(ps) => {
            read.problems
                .extend(ps.into_iter().map(|p| error(at(p.line), p.column, p.message, p.hint)));
            return read;
        }
    };
    for w in document.warnings {
        let d = Diagnostic::warning(Area::Content, file, at(w.line), w.column, w.message);
        read.problems.push(match w.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        });
    }
    let raw = document.value;
    let yaml_text = document.text.as_str();
    let key_line = |key: &str| yaml::key_line(yaml_text, key).map_or(split.yaml_line.saturating_sub(1), at);
    read.number_line = key_line("number");
    read.number = match raw.number {
        Some(0) => {
            read.problems.push(error(
                read.number_line,
                1,
                msg!("fm-issue-zero"),
                Some(yaml::write_like("number: 1")),
            ));
            None
        }
        Some(n) => Some(n),
        None => {
            read.problems.push(error(
                read.number_line,
                1,
                msg!("edition-no-number"),
                Some(yaml::write_like("number: 12")),
            ));
            None
        }
    };
    let date_hint = || Some(yaml::write_like("date: 2013-11-12"));
    read.date = match raw.date.as_deref().map(str::trim) {
        Some(written) => match parse_date(written, config.utc_offset) {
            Ok(date) => Some(date),
            Err(message) => {
                read.problems.push(error(key_line("date"), 1, message, date_hint()));
                None
            }
        },
        None => {
            read.problems
                .push(error(key_line("date"), 1, msg!("edition-no-date"), date_hint()));
            None
        }
    };
    read.title = non_empty(raw.title);
    read.form = super::Form {
        supplement: raw.supplement,
        total: raw.total.filter(|&n| n > 0),
        publisher: non_empty(raw.publisher),
        send_to: raw.send_to.into_iter().filter_map(|s| non_empty(Some(s))).collect(),
        copy_to: raw.copy_to.into_iter().filter_map(|s| non_empty(Some(s))).collect(),
        copies: raw.copies.filter(|&n| n > 0),
    };
    // Each path at its place: the n-th time a path is written, its n-th place in the text.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut place = |path: &String| {
        let nth = seen.entry(path.clone()).or_default();
        let (line, column) =
            value_position(yaml_text, path, *nth).map_or((key_line("articles"), 1), |(l, c)| (at(l), c));
        *nth += 1;
        Listed {
            path: path.clone(),
            line,
            column,
        }
    };
    if !raw.articles.is_empty() {
        let listed = raw.articles.iter().map(&mut place).collect();
        read.sections.push((None, listed));
    }
    for section in &raw.sections {
        let title = section
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let listed = section.articles.iter().map(&mut place).collect();
        read.sections.push((title, listed));
    }
    let note = markdown::render(split.body, note_options(config), &|_| LinkTarget::Keep);
    read.note_html = note.html;
    read.note_text = note.text;
    read
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The editor's note is written by the newsroom, like an article: raw HTML is
/// sanitised unless the site says otherwise.
fn note_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: false,
    }
}

/// The 1-based line and column of the `nth` (from 0) place `value` is written in `text`.
fn value_position(text: &str, value: &str, nth: usize) -> Option<(usize, usize)> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .flat_map(|(i, line)| {
            line.match_indices(value)
                .map(move |(byte, _)| (i + 1, line[..byte].chars().count() + 1))
        })
        .nth(nth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_found_at_its_nth_place() {
        let text = "sections:\n  - title: 要闻\n    articles: [a.md, b.md]\n  - articles:\n      - a.md\n";
        assert_eq!(value_position(text, "a.md", 0), Some((3, 16)));
        assert_eq!(value_position(text, "b.md", 0), Some((3, 22)));
        assert_eq!(value_position(text, "a.md", 1), Some((5, 9)));
        assert_eq!(value_position(text, "a.md", 2), None);
    }
}
