//! Reading the edition files of `issues/` and resolving the articles they
//! list. Every problem is an error at its line: a file that cannot be read as
//! an edition, two files with one number, a path that leads to no article, an
//! article listed twice, and an article naming an edition (`issue: 12`) that
//! no file declares or that another edition lists.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::read::{EditionFile, EditionFiles};
use super::{Edition, Editions, Section};
use crate::config::Config;
use crate::content::{Article, Kind, LeftOut};
use crate::error::{Area, Diagnostic, Diagnostics, did_you_mean};
use crate::i18n::Message;
use crate::msg;
use crate::taxonomy::ArticleId;
use crate::yaml;

/// The folder of a site that holds one file per edition, and the first
/// segment of the editions' addresses (`/issues/12/`).
pub const EDITIONS_DIR: &str = "issues";

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
/// `articles` (the site's, newest first) that each lists or that name it, and
/// every problem found; no editions when the folder does not exist. `files`
/// keeps the files read, for the next load.
pub fn load(
    root: &Path,
    config: &Config,
    articles: &[Arc<Article>],
    left_out: &[LeftOut],
    files: &mut EditionFiles,
) -> (Editions, Diagnostics) {
    let mut problems = Diagnostics::new();
    let found = edition_files(root);
    if found.is_empty() && articles.iter().all(|a| a.front.issue.is_none()) {
        *files = EditionFiles::default();
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
    let mut declared = Vec::new();
    for file in files.read_all(root, &found, config) {
        problems.extend(file.problems.iter().cloned());
        declared.extend(resolve(&file, &paths, &names, &mut problems));
    }
    let mut editions = unique_numbers(declared, &mut problems);
    listed_once(&mut editions, articles, &mut problems);
    add_self_named(root, &mut editions, articles, &mut problems);
    let editions = editions.into_iter().map(|d| d.edition).collect();
    (Editions::new(editions), problems)
}

/// The problems of the edition files themselves (their YAML, number and
/// date), for a load whose articles failed: the paths they list cannot be
/// checked then, but an editor still learns of every slip in one run.
pub fn file_problems(root: &Path, config: &Config, files: &mut EditionFiles) -> Diagnostics {
    files
        .read_all(root, &edition_files(root), config)
        .iter()
        .flat_map(|file| file.problems.iter().cloned())
        .collect()
}

/// An edition file's article paths resolved against the site's articles: an
/// error at each that leads to none. `None` when the file has no valid number
/// or date; an edition with a path that leads nowhere is kept without it, so
/// that the other problems with its articles are found in the same run.
fn resolve<'a>(
    file: &EditionFile,
    paths: &Paths<'a>,
    names: &std::sync::OnceLock<Vec<&'a str>>,
    problems: &mut Diagnostics,
) -> Option<Declared> {
    let mut listed = Vec::new();
    let mut sections = Vec::with_capacity(file.sections.len());
    for (title, written) in &file.sections {
        let mut ids = Vec::with_capacity(written.len());
        for l in written {
            match paths.resolve(&l.path) {
                Ok(Some(id)) => {
                    ids.push(id);
                    listed.push((id, l.line, l.column));
                }
                Ok(None) => {}
                Err(()) => problems.push(
                    Diagnostic::error(
                        Area::Content,
                        &file.source,
                        l.line,
                        l.column,
                        msg!("edition-no-article", path = &l.path),
                    )
                    .with_hint(missing_hint(&l.path, names.get_or_init(|| article_names(paths)))),
                ),
            }
        }
        sections.push(Section {
            title: title.clone(),
            articles: ids,
        });
    }
    // Articles listed without a section come first, and only when there are some.
    sections.retain(|s| s.title.is_some() || !s.articles.is_empty());
    Some(Declared {
        edition: Edition {
            number: file.number?,
            date: file.date?,
            title: file.title.clone(),
            form: file.form.clone(),
            note_html: file.note_html.clone(),
            note_text: file.note_text.clone(),
            sections,
            source: file.source.clone(),
        },
        number_line: file.number_line,
        listed,
    })
}

/// The content/-relative paths of the articles, sorted, for did-you-mean.
fn article_names<'a>(paths: &Paths<'a>) -> Vec<&'a str> {
    let mut names: Vec<&str> = paths.articles.keys().copied().collect();
    names.sort_unstable();
    names
}

/// The `.md` files of `issues/`, relative to the root, sorted.
pub(super) fn edition_files(root: &Path) -> Vec<PathBuf> {
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

/// The hint for a path that leads to no article: a close one, or how paths are written.
fn missing_hint(written: &str, names: &[&str]) -> Message {
    let written = written.trim().trim_start_matches('/');
    match did_you_mean(written, names.iter().copied()) {
        Some(close) => msg!("edition-no-article-close-hint", path = close),
        None => msg!("edition-no-article-hint"),
    }
}

/// The editions, each number once: a second file with a number is an error at
/// its `number:`, and is left out.
fn unique_numbers(declared: Vec<Declared>, problems: &mut Diagnostics) -> Vec<Declared> {
    // A supplement (增刊) is numbered apart from the regular editions.
    let mut first: BTreeMap<(bool, u32), PathBuf> = BTreeMap::new();
    let mut kept = Vec::new();
    for d in declared {
        let key = (d.edition.form.supplement, d.edition.number);
        if let Some(other) = first.get(&key) {
            problems.push(
                Diagnostic::error(
                    Area::Content,
                    &d.edition.source,
                    d.number_line,
                    1,
                    msg!(
                        "edition-number-taken",
                        number = d.edition.number,
                        supplement = yes_no(d.edition.form.supplement),
                        other = other.display().to_string()
                    ),
                )
                .with_hint(msg!("edition-number-taken-hint")),
            );
            continue;
        }
        first.insert(key, d.edition.source.clone());
        kept.push(d);
    }
    kept
}

/// A flag as the message catalogue selects on it.
fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// An error at every listing of an article after its first, in the same
/// edition or another; the later listings are dropped.
fn listed_once(editions: &mut [Declared], articles: &[Arc<Article>], problems: &mut Diagnostics) {
    let mut first: HashMap<ArticleId, (u32, bool, PathBuf)> = HashMap::new();
    for d in editions.iter_mut() {
        let mut dropped = HashSet::new();
        for &(id, line, column) in &d.listed {
            if let Some((number, supplement, file)) = first.get(&id) {
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
                            supplement = yes_no(*supplement),
                            other = file.display().to_string()
                        ),
                    )
                    .with_hint(msg!("edition-article-twice-hint")),
                );
                dropped.insert((id, line, column));
            } else {
                first.insert(
                    id,
                    (d.edition.number, d.edition.form.supplement, d.edition.source.clone()),
                );
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
    // `issue: 12` names a regular edition; a supplement lists its articles itself.
    let listed_in: HashMap<ArticleId, (u32, bool)> = editions
        .iter()
        .flat_map(|d| {
            let edition = (d.edition.number, d.edition.form.supplement);
            d.listed.iter().map(move |&(id, ..)| (id, edition))
        })
        .collect();
    let declared: Vec<u32> = editions
        .iter()
        .filter(|d| !d.edition.form.supplement)
        .map(|d| d.edition.number)
        .collect();
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
            Some(&(listed, false)) if listed == number => {}
            Some(&(listed, supplement)) => problems.push(problem(
                msg!(
                    "edition-article-elsewhere",
                    number = number,
                    listed = listed,
                    supplement = yes_no(supplement)
                ),
                msg!("edition-article-elsewhere-hint", listed = listed),
            )),
            None => match editions
                .iter_mut()
                .find(|d| d.edition.number == number && !d.edition.form.supplement)
            {
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
}
