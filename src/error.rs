//! Problems found in a site, as values with a place.
//!
//! A build does not stop at the first bad article: every stage reports what it
//! finds into a [`Diagnostics`] list and carries on, and the caller decides at the
//! end whether anything was an error. Each [`Diagnostic`] names the file, line and
//! column, says what is wrong in plain words and, where one is likely, how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Message, language};
use crate::lint::Lint;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// The word the text report puts before a hint: `hint`, `提示`.
pub fn hint_label(lang: Lang) -> String {
    crate::msg!("label-hint").render(lang)
}

impl Severity {
    /// The word the text report puts before a problem: `error`, `warning`.
    pub fn label(self) -> Message {
        match self {
            Severity::Error => crate::msg!("label-error"),
            Severity::Warning => crate::msg!("label-warning"),
        }
    }
}

/// What part of the site a problem is in, so that the command line can choose
/// its exit code (content problems and configuration problems differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    /// An article, or a link between articles.
    Content,
    /// site.yaml, or the theme and its templates.
    Config,
    /// Reading or writing files.
    Io,
}

/// One problem, with the place it was found and a hint for fixing it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub area: Area,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
    /// What is wrong, kept as a catalogue message until it is shown.
    pub message: Message,
    /// How to fix it, where one can tell.
    pub hint: Option<Message>,
    /// The newsroom lint that found it, whose id (`number-mismatch`) switches it off.
    pub lint: Option<Lint>,
}

impl Diagnostic {
    /// An error in `path` at `line:column`.
    pub fn error(
        area: Area,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            area,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            lint: None,
        }
    }

    /// A warning in `path` at `line:column`.
    pub fn warning(
        area: Area,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(area, path, line, column, message)
        }
    }

    /// The same problem with a hint on how to fix it.
    pub fn with_hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, marked as found by a newsroom lint.
    pub fn from_lint(mut self, lint: Lint) -> Self {
        self.lint = Some(lint);
        self
    }

    /// The problem in `lang`, as the text report prints it: `path:line:col:
    /// error: message [lint]`, then the hint on its own line.
    pub fn render(&self, lang: Lang) -> String {
        let label = self.severity.label().render(lang);
        let colon = crate::i18n::colon(lang);
        let mut text = format!("{}: {label}{colon}{}", self.place(), self.message_text(lang));
        if let Some(h) = &self.hint {
            let hint = hint_label(lang);
            text.push_str(&format!("\n  {hint}{colon}{}", h.render(lang)));
        }
        text
    }

    /// The message as the text report shows it, in the language of the run.
    pub fn text(&self) -> String {
        self.message_text(language())
    }

    /// The hint in the language of the run.
    pub fn hint_text(&self) -> Option<String> {
        self.hint.as_ref().map(ToString::to_string)
    }

    /// `path:line:col`, leaving out what is not known.
    pub fn place(&self) -> String {
        let mut place = self.path.display().to_string();
        if self.line > 0 {
            place.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                place.push_str(&format!(":{}", self.column));
            }
        }
        place
    }

    /// The message in `lang`, with the lint's id after it in brackets: the
    /// name that switches the lint off in site.yaml.
    pub fn message_text(&self, lang: Lang) -> String {
        match self.lint {
            Some(lint) => format!("{} [{}]", self.message.render(lang), lint.id()),
            None => self.message.render(lang),
        }
    }

    /// Whether this problem fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Formats as `path:line:col: error: message`, then the hint on its own line,
/// the shape editors' tools and terminals turn into clickable locations; in
/// the language of the run.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every problem of another list.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any problem fails the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether nothing was found at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, then position, so that output does not depend on the
    /// order in which parallel workers finished.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        // The same problem at the same place is one problem, whatever the hint
        // says (a template error is met once per page that uses the template).
        self.items
            .dedup_by(|a, b| (&a.path, a.line, a.column, &a.message) == (&b.path, b.line, b.column, &b.message));
    }

    /// The problems, in their current order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The worst area among the errors: configuration problems outrank content ones,
    /// because the exit code tells CI which kind of fix is needed.
    pub fn worst_area(&self) -> Option<Area> {
        self.items
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.area)
            .max_by_key(|a| match a {
                Area::Content => 0,
                Area::Io => 1,
                Area::Config => 2,
            })
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// An I/O failure as a diagnostic naming the path, since a bare
/// "No such file or directory" tells an editor nothing.
///
/// `action` says what was being done (`msg!("io-read")`); the system's own
/// words for the commonest failures are replaced by the catalogue's, since
/// they come in English whatever the language.
pub fn io_error(path: &Path, action: impl Into<Message>, err: &std::io::Error) -> Diagnostic {
    let reason = io_reason(err);
    Diagnostic::error(
        Area::Io,
        path,
        0,
        0,
        crate::msg!("io-error", action = action.into(), reason = reason),
    )
}

/// Why a file could not be read or written, in the catalogue's words for
/// the commonest failures and the system's for the rest.
pub fn io_reason(err: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => crate::msg!("io-not-found"),
        ErrorKind::PermissionDenied => crate::msg!("io-permission-denied"),
        ErrorKind::AlreadyExists => crate::msg!("io-already-exists"),
        ErrorKind::StorageFull => crate::msg!("io-storage-full"),
        ErrorKind::ReadOnlyFilesystem => crate::msg!("io-read-only"),
        _ => crate::msg!("io-other", error = err.to_string()),
    }
}

/// The closest candidate to `input`, if one is close enough to be a likely typo.
///
/// "Close" is what a slip of the keyboard or the input method makes: a letter
/// missed, doubled or swapped (`titel`), a character left out (松江 for 松江区),
/// or a Chinese character swapped for one that sounds the same (枫径镇 for
/// 枫泾镇, the input method's wrong pick). Another character with another
/// sound is another name (洞泾镇 is not 枫泾镇), so it is never suggested.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter_map(|c| {
            let distance = slip_distance(input, c);
            let longest = input.chars().count().max(c.chars().count());
            (c != input && distance <= slips_allowed(longest)).then_some((distance, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// How many slips a name of `length` characters may hide and still be recognised.
fn slips_allowed(length: usize) -> usize {
    match length {
        0..=5 => 1,
        6..=10 => 2,
        _ => 3,
    }
}

/// An edit distance that counts slips: inserting, deleting or swapping two
/// neighbours costs 1; replacing costs 1 between Latin letters (case aside)
/// or between Chinese characters that share a reading, and 2 otherwise, which
/// no short name allows. Written here because the distance crates compare
/// characters only for equality.
fn slip_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + replace_cost(a[i - 1], b[j - 1]));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

fn replace_cost(x: char, y: char) -> usize {
    if x == y || x.to_lowercase().eq(y.to_lowercase()) {
        return 0;
    }
    let han = |c: char| crate::markdown::cjk::is_han(c);
    if han(x) != han(y) {
        return 2;
    }
    if !han(x) {
        return 1;
    }
    let (rx, ry) = (crate::pinyin::readings_of(x), crate::pinyin::readings_of(y));
    if rx.iter().any(|r| ry.contains(r)) { 1 } else { 2 }
}

/// Converts a byte offset in `text` to a 1-based (line, column in characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_path_line_column_and_hint() {
        let d = Diagnostic::error(
            Area::Content,
            "content/a.md",
            3,
            11,
            crate::msg!("fm-unknown-district", name = "松江"),
        )
        .with_hint(crate::msg!("fm-district-did-you-mean-hint", name = "松江区"));
        assert_eq!(
            d.to_string(),
            "content/a.md:3:11: error: unknown district 松江\n  hint: did you mean 松江区?"
        );
    }

    #[test]
    fn whole_file_problems_have_no_position() {
        let d = Diagnostic::warning(Area::Content, "content/a.md", 0, 0, crate::msg!("fm-empty-file"));
        assert_eq!(d.to_string(), "content/a.md: warning: the file is empty");
    }

    #[test]
    fn suggests_close_chinese_and_latin_names() {
        assert_eq!(did_you_mean("松江", ["松江区", "金山区"]), Some("松江区"));
        assert_eq!(did_you_mean("titel", ["title", "tags"]), Some("title"));
        assert_eq!(did_you_mean("Title", ["title", "tags"]), Some("title"));
        assert_eq!(did_you_mean("浦东", ["松江区", "金山区"]), None);
        // The input method's wrong pick of a homophone.
        assert_eq!(did_you_mean("枫径镇", ["洞泾镇", "枫泾镇"]), Some("枫泾镇"));
        assert_eq!(did_you_mean("练糖镇", ["练塘镇", "金泽镇"]), Some("练塘镇"));
    }

    #[test]
    fn never_suggests_another_name_that_only_looks_alike() {
        // One character apart, but another sound: another town.
        assert_eq!(did_you_mean("枫泾镇", ["洞泾镇", "泖港镇"]), None);
        assert_eq!(did_you_mean("2013/11/other.md", ["2013/11/welcome.md"]), None);
        assert_eq!(
            did_you_mean("2013/11/welcom.md", ["2013/11/welcome.md"]),
            Some("2013/11/welcome.md")
        );
        assert_eq!(did_you_mean("subtitle", ["title"]), None);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "一二\n三四五";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, "一二\n三".len()), (2, 2));
    }

    #[test]
    fn sort_orders_by_place_and_drops_duplicates() {
        let unknown = |file: &str, line, name: &str| {
            Diagnostic::error(
                Area::Content,
                file,
                line,
                1,
                crate::msg!("fm-unknown-district", name = name),
            )
        };
        let mut all: Diagnostics = [
            unknown("b.md", 1, "x"),
            unknown("a.md", 9, "y"),
            unknown("a.md", 2, "z"),
            unknown("a.md", 2, "z"),
        ]
        .into_iter()
        .collect();
        all.sort();
        let lines: Vec<_> = all
            .iter()
            .map(|d| (d.path.to_string_lossy().into_owned(), d.line))
            .collect();
        assert_eq!(lines, [("a.md".into(), 2), ("a.md".into(), 9), ("b.md".into(), 1)]);
    }
}
