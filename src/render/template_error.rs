//! A tera error put into the editor's words: the template's file, line and
//! column, what is wrong, and the page being rendered when there was one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::{Area, Diagnostic};
use crate::msg;

/// A tera error as a diagnostic at the template's file, line and column.
pub(super) fn template_error(err: &tera::Error, paths: &BTreeMap<String, PathBuf>, page: Option<&str>) -> Diagnostic {
    let hint = match page {
        Some(p) => msg!("theme-template-page-hint", page = p),
        None => msg!("theme-template-hint"),
    };
    let shown = |name: &str| shown_path(paths, name);
    let (syntax, report) = match err.kind() {
        tera::ErrorKind::SyntaxError(r) => (true, Some(r)),
        tera::ErrorKind::RenderingError(r) => (false, Some(r)),
        _ => (false, None),
    };
    if let Some(r) = report {
        let span = r.span();
        // tera's own words, in English, go in as they are; the template and
        // the line are said in the run's language.
        let message = if syntax {
            msg!(
                "theme-template-syntax",
                error = r.message(),
                template = r.filename(),
                line = span.start_line
            )
        } else {
            msg!(
                "theme-template-render",
                error = r.message(),
                template = r.filename(),
                line = span.start_line
            )
        };
        return Diagnostic::error(
            Area::Config,
            shown(r.filename()),
            span.start_line,
            span.start_col + 1,
            message,
        )
        .with_hint(hint);
    }
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    // Some errors found while adding templates (an unknown filter) come as a
    // ready-made report: "error: message\n --> name:line:col\n …". Take it apart.
    let mut lines = text.lines();
    let message = lines.next().unwrap_or("").trim_start_matches("error: ").to_string();
    let place = lines.find_map(|l| l.trim_start().strip_prefix("--> ")).and_then(|p| {
        let mut parts = p.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), line, column))
    });
    match place {
        Some((name, line, column)) => Diagnostic::error(
            Area::Config,
            shown(&name),
            line,
            column,
            msg!("theme-template-error", error = message, template = &name, line = line),
        )
        .with_hint(hint),
        None => Diagnostic::error(
            Area::Config,
            "templates",
            0,
            0,
            msg!("theme-template-error-unplaced", error = text),
        )
        .with_hint(hint),
    }
}

/// The file template `name` came from, as messages show it; the name itself
/// for a template of no file.
pub(super) fn shown_path(paths: &BTreeMap<String, PathBuf>, name: &str) -> PathBuf {
    paths.get(name).cloned().unwrap_or_else(|| PathBuf::from(name))
}
