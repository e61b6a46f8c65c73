//! Reading the edition files of `issues/` and resolving the articles they
//! list. Every problem is an error at its line: a file that cannot be read as
//! an edition, two files with one number, a path that leads to no article, an
//! article listed twice, and an article naming an edition (`issue: 12`) that
//! no file declares or that another edition lists.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use super::{Edition, Editions, Section};
use crate::config::Config;
use crate::content::front_matter::{self, parse_date};
use crate::content::{Article, Kind, LeftOut};
use crate::error::{Area, Diagnostic, Diagnostics, did_you_mean};
use crate::i18n::Message;
use crate::markdown::{self, LinkTarget, MarkdownOptions};
use crate::msg;
use crate::taxonomy::ArticleId;
use crate::yaml;

/// The folder of a site that holds one file per edition, and the first
/// segment of the editions' addresses (`/issues/12/`).
pub const EDITIONS_DIR: &str = "issues";

/// The keys an edition file's front matter may have.
const KEYS: &[&str] = &["number", "date", "title", "sections", "articles"];

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
        "date" => "date: 2013-11-12",
        "title" => "title: 组团服务专刊",
        "sections" => "sections: [{ title: 要闻, articles: [2013/11/zuzhuan-fuwu.md] }]",
        "articles" => "articles: [2013/11/zuzhuan-fuwu.md, 2013/11/fengjing-xiaofang.md]",
        _ => return None,
    })
}

/// An edition read from its file, with where its parts are written.
struct Declared {
    edition: Edition,
    /// The line of its `number:`.
    number_line: usize,
    /// Each article listed, with the line and column of its path.
    listed: Vec<(ArticleId, usize, usize)>,
}

/// What article paths are resolved against: the site's articles by their
/// content/-relative path, and the files this build leaves out (drafts,
/// scheduled articles), which an edition may list before they are published.
struct Paths<'a> {
    articles: HashMap<&'a str, ArticleId>,
    withheld: HashSet<&'a Path>,
}

impl Paths<'_> {
    /// The article `written` names, `Ok(None)` for one this build leaves out,
    /// `Err(())` for none.
    fn resolve(&self, written: &str) -> Result<Option<ArticleId>, ()> {
        for candidate in candidates(written) {
            if let Some(&id) = self.articles.get(candidate.as_str()) {
                return Ok(Some(id));
            }
            if self
                .withheld
                .contains(Path::new(crate::content::CONTENT_DIR).join(&candidate).as_path())
            {
                return Ok(None);
            }
        }
        Err(())
    }
}

/// The content/-relative files `written` may mean: as written (without a
/// leading `/` or `content/`), and for a folder or a name without `.md`, the
/// article file it stands for.
fn candidates(written: &str) -> Vec<String> {
    let path = written.trim().trim_start_matches('/');
    let path = path.strip_prefix("content/").unwrap_or(path);
    if let Some(folder) = path.strip_suffix('/') {
        vec![format!("{folder}/index.md")]
    } else if path.ends_with(".md") {
        vec![path.to_string()]
    } else {
        vec![format!("{path}.md"), format!("{path}/index.md")]
    }
}

/// The editions declared in `root`'s `issues/` folder, with the articles of
/// `articles` (the site's, newest first) that each lists or that name it, or
/// every problem found; no editions when the folder does not exist.
pub fn load(root: &Path, config: &Config, articles: &[Arc<Article>], left_out: &[LeftOut]) -> (Editions, Diagnostics) {
    let mut problems = Diagnostics::new();
    let files = edition_files(root);
    if files.is_empty() && articles.iter().all(|a| a.front.issue.is_none()) {
        return (Editions::default(), problems);
    }
    let paths = Paths {
        articles: articles
            .iter()
            .enumerate()
            .map(|(id, a)| (a.content_path.as_str(), id))
            .collect(),
        withheld: left_out.iter().map(|l| l.source.as_path()).collect(),
    };
    let names = std::sync::OnceLock::new();
    let read: Vec<(Option<Declared>, Diagnostics)> = files
        .par_iter()
        .map(|file| {
            let mut found = Diagnostics::new();
            let declared = read_edition(root, file, config, &paths, &names, &mut found);
            (declared, found)
        })
        .collect();
    let mut declared = Vec::with_capacity(read.len());
    for (edition, found) in read {
        problems.extend(found);
        declared.extend(edition);
    }
    let mut editions = unique_numbers(declared, &mut problems);
    listed_once(&mut editions, articles, &mut problems);
    add_self_named(root, &mut editions, articles, &mut problems);
    let editions = editions.into_iter().map(|d| d.edition).collect();
    (Editions::new(editions), problems)
}

/// The content/-relative paths of the articles, sorted, for did-you-mean.
fn article_names<'a>(paths: &Paths<'a>) -> Vec<&'a str> {
    let mut names: Vec<&str> = paths.articles.keys().copied().collect();
    names.sort_unstable();
    names
}

/// The numbers the edition files of `root` declare, ascending, each once;
/// files that cannot be read as editions are passed over (a build reports them).
pub fn declared_numbers(root: &Path) -> Vec<u32> {
    let mut numbers: Vec<u32> = edition_files(root)
        .iter()
        .filter_map(|file| {
            let text = crate::content::decode(&std::fs::read(root.join(file)).ok()?).ok()?;
            let split = front_matter::split(&text).ok()?;
            let raw: RawEdition = yaml::parse(split.yaml, KEYS, example).ok()?;
            raw.number.filter(|&n| n > 0)
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The `.md` files of `issues/`, relative to the root, sorted.
fn edition_files(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(EDITIONS_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

/// One edition file read and its articles resolved; `None`, with the
/// problems in `problems`, when it cannot be.
fn read_edition<'a>(
    root: &Path,
    file: &Path,
    config: &Config,
    paths: &Paths<'a>,
    names: &std::sync::OnceLock<Vec<&'a str>>,
    problems: &mut Diagnostics,
) -> Option<Declared> {
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
            problems.push(crate::error::io_error(file, msg!("edition-io-read"), &e));
            return None;
        }
    };
    let text = match crate::content::decode(&bytes) {
        Ok(text) => text,
        Err((line, column, message)) => {
            problems.push(error(line, column, message, Some(msg!("content-not-utf8-hint"))));
            return None;
        }
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(p) => {
            problems.push(error(
                p.line,
                p.column,
                p.message,
                Some(msg!("edition-front-matter-hint")),
            ));
            return None;
        }
    };
    let at = |line: usize| line + split.yaml_line - 1;
    let document: yaml::Document<RawEdition> = match yaml::parse_document(split.yaml, KEYS, example) {
        Ok(document) => document,
        Err(ps) => {
            problems.extend(ps.into_iter().map(|p| error(at(p.line), p.column, p.message, p.hint)));
            return None;
        }
    };
    for w in document.warnings {
        let d = Diagnostic::warning(Area::Content, file, at(w.line), w.column, w.message);
        problems.push(match w.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        });
    }
    let raw = document.value;
    let yaml_text = document.text.as_str();
    let key_line = |key: &str| yaml::key_line(yaml_text, key).map_or(split.yaml_line.saturating_sub(1), at);
    let number = match raw.number {
        Some(0) => {
            problems.push(error(
                key_line("number"),
                1,
                msg!("fm-issue-zero"),
                Some(yaml::write_like("number: 1")),
            ));
            None
        }
        Some(n) => Some(n),
        None => {
            problems.push(error(
                key_line("number"),
                1,
                msg!("edition-no-number"),
                Some(yaml::write_like("number: 12")),
            ));
            None
        }
    };
    let date = match raw.date.as_deref().map(str::trim) {
        Some(written) => match parse_date(written, config.utc_offset) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(error(
                    key_line("date"),
                    1,
                    message,
                    Some(yaml::write_like("date: 2013-11-12")),
                ));
                None
            }
        },
        None => {
            problems.push(error(
                key_line("date"),
                1,
                msg!("edition-no-date"),
                Some(yaml::write_like("date: 2013-11-12")),
            ));
            None
        }
    };
    let mut listed = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut resolve_all = |written: &[String], problems: &mut Diagnostics| -> Vec<ArticleId> {
        let mut ids = Vec::new();
        for path in written {
            let nth = seen.entry(path.clone()).or_default();
            let (line, column) =
                value_position(yaml_text, path, *nth).map_or((key_line("articles"), 1), |(l, c)| (at(l), c));
            *nth += 1;
            match paths.resolve(path) {
                Ok(Some(id)) => {
                    ids.push(id);
                    listed.push((id, line, column));
                }
                Ok(None) => {}
                Err(()) => problems.push(error(
                    line,
                    column,
                    msg!("edition-no-article", path = path),
                    Some(missing_hint(path, names.get_or_init(|| article_names(paths)))),
                )),
            }
        }
        ids
    };
    let mut sections = Vec::new();
    let loose = resolve_all(&raw.articles, problems);
    if !loose.is_empty() {
        sections.push(Section {
            title: None,
            articles: loose,
        });
    }
    for section in &raw.sections {
        sections.push(Section {
            title: section
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            articles: resolve_all(&section.articles, problems),
        });
    }
    // An edition with a path that leads nowhere is kept without it, so that
    // the other problems with its articles are found in the same run.
    let (Some(number), Some(date)) = (number, date) else {
        return None;
    };
    let note = markdown::render(split.body, note_options(config), &|_| LinkTarget::Keep);
    Some(Declared {
        edition: Edition {
            number,
            date,
            title: raw.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            note_html: note.html,
            note_text: note.text,
            sections,
            source: file.to_path_buf(),
        },
        number_line: key_line("number"),
        listed,
    })
}

/// The editor's note is written by the newsroom, like an article: raw HTML is
/// sanitised unless the site says otherwise.
fn note_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: false,
    }
}

/// The hint for a path that leads to no article: a close one, or how paths are written.
fn missing_hint(written: &str, names: &[&str]) -> Message {
    let written = written.trim().trim_start_matches('/');
    match did_you_mean(written, names.iter().copied()) {
        Some(close) => msg!("edition-no-article-close-hint", path = close),
        None => msg!("edition-no-article-hint"),
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

/// The editions, each number once: a second file with a number is an error at
/// its `number:`, and is left out.
fn unique_numbers(declared: Vec<Declared>, problems: &mut Diagnostics) -> Vec<Declared> {
    let mut first: BTreeMap<u32, PathBuf> = BTreeMap::new();
    let mut kept = Vec::new();
    for d in declared {
        if let Some(other) = first.get(&d.edition.number) {
            problems.push(
                Diagnostic::error(
                    Area::Content,
                    &d.edition.source,
                    d.number_line,
                    1,
                    msg!(
                        "edition-number-taken",
                        number = d.edition.number,
                        other = other.display().to_string()
                    ),
                )
                .with_hint(msg!("edition-number-taken-hint")),
            );
            continue;
        }
        first.insert(d.edition.number, d.edition.source.clone());
        kept.push(d);
    }
    kept
}

/// An error at every listing of an article after its first, in the same
/// edition or another; the later listings are dropped.
fn listed_once(editions: &mut [Declared], articles: &[Arc<Article>], problems: &mut Diagnostics) {
    let mut first: HashMap<ArticleId, (u32, PathBuf)> = HashMap::new();
    for d in editions.iter_mut() {
        let mut dropped = HashSet::new();
        for &(id, line, column) in &d.listed {
            if let Some((number, file)) = first.get(&id) {
                problems.push(
                    Diagnostic::error(
                        Area::Content,
                        &d.edition.source,
                        line,
                        column,
                        msg!(
                            "edition-article-twice",
                            path = articles[id].content_path.as_str(),
                            number = *number,
                            other = file.display().to_string()
                        ),
                    )
                    .with_hint(msg!("edition-article-twice-hint")),
                );
                dropped.insert((id, line, column));
            } else {
                first.insert(id, (d.edition.number, d.edition.source.clone()));
            }
        }
        if dropped.is_empty() {
            continue;
        }
        // Drop the later listings, keeping the first of each in place.
        let mut was_first = d
            .listed
            .iter()
            .map(|&(id, line, column)| !dropped.contains(&(id, line, column)))
            .collect::<Vec<_>>()
            .into_iter();
        for section in &mut d.edition.sections {
            section.articles.retain(|_| was_first.next().unwrap_or(true));
        }
        d.listed.retain(|entry| !dropped.contains(entry));
    }
}

/// The articles that name their edition themselves (`issue: 12`), added to
/// it in the section of their kind; an error at the article's `issue:` when no
/// file declares that edition, or another edition lists the article.
fn add_self_named(root: &Path, editions: &mut [Declared], articles: &[Arc<Article>], problems: &mut Diagnostics) {
    let listed_in: HashMap<ArticleId, u32> = editions
        .iter()
        .flat_map(|d| d.listed.iter().map(move |&(id, ..)| (id, d.edition.number)))
        .collect();
    let declared: Vec<u32> = editions.iter().map(|d| d.edition.number).collect();
    // Oldest first within a section, as an edition reads.
    for (id, article) in articles.iter().enumerate().rev() {
        let Some(number) = article.front.issue else {
            continue;
        };
        let problem = |message: Message, hint: Message| {
            let line = yaml::key_line_in_file(&root.join(&article.source), "issue");
            Diagnostic::error(Area::Content, &article.source, line, 1, message).with_hint(hint)
        };
        match listed_in.get(&id) {
            Some(&listed) if listed == number => {}
            Some(&listed) => problems.push(problem(
                msg!("edition-article-elsewhere", number = number, listed = listed),
                msg!("edition-article-elsewhere-hint", listed = listed),
            )),
            None => match editions.iter_mut().find(|d| d.edition.number == number) {
                Some(d) => section_of_kind(&mut d.edition.sections, article.front.kind).push(id),
                None => problems.push(problem(
                    msg!("edition-unknown", number = number),
                    unknown_hint(number, &declared),
                )),
            },
        }
    }
}

fn unknown_hint(number: u32, declared: &[u32]) -> Message {
    if declared.is_empty() {
        return msg!("edition-unknown-none-hint", number = number);
    }
    let mut numbers = declared.to_vec();
    numbers.sort_unstable();
    let list = numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    msg!("edition-unknown-hint", number = number, declared = list)
}

/// The heading an article of `kind` is put under when it names its edition itself.
pub fn section_title(kind: Kind) -> &'static str {
    match kind {
        Kind::News => "要闻",
        Kind::Feature => "特稿",
        Kind::Photo => "图片新闻",
        Kind::Brief => "短讯",
    }
}

/// The articles of the section for `kind`: one with its heading, else a new one at the end.
fn section_of_kind(sections: &mut Vec<Section>, kind: Kind) -> &mut Vec<ArticleId> {
    let title = section_title(kind);
    let at = match sections.iter().position(|s| s.title.as_deref() == Some(title)) {
        Some(at) => at,
        None => {
            sections.push(Section {
                title: Some(title.to_string()),
                articles: Vec::new(),
            });
            sections.len() - 1
        }
    };
    &mut sections[at].articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_may_be_written_with_or_without_content_and_md() {
        assert_eq!(candidates("2013/11/a.md"), ["2013/11/a.md"]);
        assert_eq!(candidates("/content/2013/11/a.md"), ["2013/11/a.md"]);
        assert_eq!(candidates("2013/11/drill/"), ["2013/11/drill/index.md"]);
        assert_eq!(candidates("2013/11/a"), ["2013/11/a.md", "2013/11/a/index.md"]);
    }

    #[test]
    fn a_value_is_found_at_its_nth_place() {
        let text = "sections:\n  - title: 要闻\n    articles: [a.md, b.md]\n  - articles:\n      - a.md\n";
        assert_eq!(value_position(text, "a.md", 0), Some((3, 16)));
        assert_eq!(value_position(text, "b.md", 0), Some((3, 22)));
        assert_eq!(value_position(text, "a.md", 1), Some((5, 9)));
        assert_eq!(value_position(text, "a.md", 2), None);
    }
}
