//! Problems found in a site, as values with a place.
//!
//! A build does not stop at the first bad article: every stage reports what it
//! finds into a [`Diagnostics`] list and carries on, and the caller decides at the
//! end whether anything was an error. Each [`Diagnostic`] names the file, line and
//! column, says what is wrong in plain words and, where one is likely, how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// What part of the site a problem is in, so that the command line can choose
/// its exit code (content problems and configuration problems differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// An article, or a link between articles.
    Content,
    /// site.yaml, or the theme and its templates.
    Config,
    /// Reading or writing files.
    Io,
}

/// One problem, with the place it was found and a hint for fixing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub area: Area,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `path` at `line:column`.
    pub fn error(area: Area, path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            area,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `path` at `line:column`.
    pub fn warning(
        area: Area,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(area, path, line, column, message)
        }
    }

    /// The same problem with a hint on how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Formats as `path:line:col: error: message`, then the hint on its own line,
/// the shape editors' tools and terminals turn into clickable locations.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
pub fn io_error(path: &Path, action: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Area::Io, path, 0, 0, format!("could not {action}: {err}"))
}

/// The closest candidate to `input`, if one is close enough to be a likely typo.
///
/// Works on characters, so that 松江 finds 松江区 as readily as `titel` finds `title`.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_len = input.chars().count();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(input, c), c))
        .filter(|(distance, c)| {
            let longest = input_len.max(c.chars().count());
            *distance > 0 && *distance * 2 <= longest.max(2)
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
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
        let d = Diagnostic::error(Area::Content, "content/a.md", 3, 11, "unknown district 松江")
            .with_hint("did you mean 松江区?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:11: error: unknown district 松江\n  hint: did you mean 松江区?"
        );
    }

    #[test]
    fn whole_file_problems_have_no_position() {
        let d = Diagnostic::warning(Area::Content, "content/a.md", 0, 0, "empty");
        assert_eq!(d.to_string(), "content/a.md: warning: empty");
    }

    #[test]
    fn suggests_close_chinese_and_latin_names() {
        assert_eq!(did_you_mean("松江", ["松江区", "金山区"]), Some("松江区"));
        assert_eq!(did_you_mean("titel", ["title", "tags"]), Some("title"));
        assert_eq!(did_you_mean("浦东", ["松江区", "金山区"]), None);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "一二\n三四五";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, "一二\n三".len()), (2, 2));
    }

    #[test]
    fn sort_orders_by_place_and_drops_duplicates() {
        let mut all: Diagnostics = [
            Diagnostic::error(Area::Content, "b.md", 1, 1, "x"),
            Diagnostic::error(Area::Content, "a.md", 9, 1, "y"),
            Diagnostic::error(Area::Content, "a.md", 2, 1, "z"),
            Diagnostic::error(Area::Content, "a.md", 2, 1, "z"),
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
