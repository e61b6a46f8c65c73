//! Printing problems for people and for machines.
//!
//! - `text`: `path:line:col: error: message` and an indented hint, for terminals
//!   and editors that turn such lines into links.
//! - `json`: one object, documented in README.md and stable, for editors' tools.
//! - `github`: GitHub Actions workflow commands, which CI turns into annotations
//!   on the lines of the pull request.
//!
//! Also the build's summary of what it left out (drafts, scheduled articles).

use std::path::{Component, Path, PathBuf};

use chrono::Datelike;

use serde::Serialize;

use crate::content::LeftOut;
use crate::error::{Diagnostic, Diagnostics, Severity, hint_label};
use crate::i18n::{Lang, Message, language};
use crate::msg;

/// The shapes problems can be printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Github,
}

/// Every problem in the given format, ready to print, in the language of the run.
pub fn format(problems: &Diagnostics, format: Format) -> String {
    format_coloured(problems, format, false)
}

/// [`format()`], with `error`, `warning` and `hint` in colour in the text format
/// when `colour` is set: for a terminal (see [`colour_wanted`]).
pub fn format_coloured(problems: &Diagnostics, format: Format, colour: bool) -> String {
    let lang = language();
    match format {
        Format::Text if colour => problems.iter().map(|d| coloured(d, lang) + "\n").collect(),
        Format::Text => problems.iter().map(|d| d.render(lang) + "\n").collect(),
        Format::Json => json(problems, lang),
        Format::Github => problems.iter().map(|d| github(d, lang)).collect(),
    }
}

/// Whether to print in colour to a stream, as cargo decides: only to a
/// terminal, never with `NO_COLOR` set or under CI, whose logs show escape codes raw.
pub fn colour_wanted(is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    is_terminal && !set("NO_COLOR") && !set("CI") && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// One problem as the text format prints it, its label and hint coloured.
fn coloured(d: &Diagnostic, lang: Lang) -> String {
    use anstyle::{AnsiColor, Style};
    let colour = match d.severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
    };
    let label = d.severity.label().render(lang);
    let strong = Style::new().bold().fg_color(Some(colour.into()));
    let bold = Style::new().bold();
    let hint = Style::new().bold().fg_color(Some(AnsiColor::Cyan.into()));
    let place = d.place();
    let colon = crate::i18n::colon(lang);
    let mut out = format!(
        "{bold}{place}:{bold:#} {strong}{label}{colon}{strong:#}{}",
        d.message_text(lang)
    );
    if let Some(h) = &d.hint {
        let word = hint_label(lang);
        out.push_str(&format!("\n  {hint}{word}{colon}{hint:#}{}", h.render(lang)));
    }
    out
}

/// The problems with their paths relative to the folder `cwd` instead of the
/// site's folder `root`, so that a tool run elsewhere finds the files: from a
/// repository's top, `jianbao check --root site` names `site/content/…`, where
/// CI annotations and editors look for it. Paths that are not files
/// (`(page /tags/)`) are left as they are.
pub fn relative_to(problems: &Diagnostics, root: &Path, cwd: &Path) -> Diagnostics {
    problems
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if !d.path.as_os_str().to_string_lossy().starts_with('(') {
                d.path = path_from(&d.path, root, cwd);
            }
            d
        })
        .collect()
}

fn path_from(path: &Path, root: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(normal.components().next_back(), Some(Component::Normal(_))) => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    match normal.strip_prefix(cwd) {
        Ok(inside) if normal.is_absolute() && !inside.as_os_str().is_empty() => inside.to_path_buf(),
        _ => normal,
    }
}

/// The build summary's line about what it left out, such as `2 drafts and 1
/// scheduled article (2013-12-02 20:00) not published; add --drafts / --future
/// to preview them`; `None` when it left out nothing.
pub fn left_out_summary(left_out: &[LeftOut]) -> Option<Message> {
    let drafts = left_out.iter().filter(|a| a.draft).count();
    let mut scheduled: Vec<_> = left_out.iter().filter(|a| !a.draft).map(|a| a.date).collect();
    let scheduled_count = scheduled.len();
    scheduled.sort();
    scheduled.dedup();
    let mut dates: Vec<Message> = scheduled
        .iter()
        .take(3)
        .map(|d| {
            msg!(
                "left-out-date",
                date = d.format("%Y-%m-%d %H:%M").to_string(),
                month = d.month(),
                day = d.day(),
                time = d.format("%H:%M").to_string()
            )
        })
        .collect();
    if scheduled.len() > 3 {
        dates.push(msg!("left-out-more"));
    }
    let (what, flags) = match (drafts, scheduled_count) {
        (0, 0) => return None,
        (drafts, 0) => (msg!("left-out-drafts", count = drafts), "--drafts"),
        (0, count) => (msg!("left-out-scheduled", count = count, dates = dates), "--future"),
        (drafts, count) => (
            msg!(
                "left-out-both",
                drafts = msg!("left-out-drafts", count = drafts),
                scheduled = msg!("left-out-scheduled", count = count, dates = dates)
            ),
            "--drafts / --future",
        ),
    };
    Some(msg!("left-out", what = what, flags = flags, count = left_out.len()))
}

/// The JSON report: `{"version": 1, "errors": N, "warnings": N, "problems": [...]}`,
/// each problem with `severity`, `file`, `line`, `column` (0 when not known),
/// `code` (the message's stable id), `message` and `hint` (or null) in the
/// language of the run, and `lint` (the lint's id, or null).
fn json(problems: &Diagnostics, lang: Lang) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        errors: usize,
        warnings: usize,
        problems: Vec<Problem<'a>>,
    }
    #[derive(Serialize)]
    struct Problem<'a> {
        severity: &'static str,
        file: String,
        line: usize,
        column: usize,
        code: &'static str,
        message: String,
        hint: Option<String>,
        lint: Option<&'a str>,
    }
    let report = Report {
        version: 1,
        errors: problems.error_count(),
        warnings: problems.warning_count(),
        problems: problems
            .iter()
            .map(|d| Problem {
                severity: severity_name(d.severity),
                file: d.path.to_string_lossy().into_owned(),
                line: d.line,
                column: d.column,
                code: d.message.id(),
                message: d.message.render(lang),
                hint: d.hint.as_ref().map(|h| h.render(lang)),
                lint: d.lint.map(crate::lint::Lint::id),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `::error file=…,line=…,col=…,title=…::message`, escaped as the runner expects.
fn github(d: &Diagnostic, lang: Lang) -> String {
    let mut properties = vec![format!("file={}", escape_property(&d.path.to_string_lossy()))];
    if d.line > 0 {
        properties.push(format!("line={}", d.line));
        if d.column > 0 {
            properties.push(format!("col={}", d.column));
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!(
            "jianbao {}",
            d.lint.map_or(severity_name(d.severity), crate::lint::Lint::id)
        ))
    ));
    let mut text = d.message.render(lang);
    if let Some(hint) = &d.hint {
        text.push_str(&format!(
            "\n{}{}{}",
            hint_label(lang),
            crate::i18n::colon(lang),
            hint.render(lang)
        ));
    }
    format!(
        "::{} {}::{}\n",
        severity_name(d.severity),
        properties.join(","),
        escape_data(&text)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_adds_escape_codes() {
        let problems: Diagnostics = [
            Diagnostic::error(
                crate::error::Area::Content,
                "content/a.md",
                3,
                9,
                crate::msg!("fm-unknown-district", name = "松江"),
            )
            .with_hint(crate::msg!("fm-district-did-you-mean-hint", name = "松江区")),
            Diagnostic::warning(
                crate::error::Area::Content,
                "content/b.md",
                0,
                0,
                crate::msg!("fm-empty-file"),
            ),
        ]
        .into_iter()
        .collect();
        let plain = format(&problems, Format::Text);
        let coloured = format_coloured(&problems, Format::Text, true);
        assert_ne!(plain, coloured);
        assert!(coloured.contains("\u{1b}["));
        let mut stripped = String::new();
        let mut in_escape = false;
        for c in coloured.chars() {
            match (in_escape, c) {
                (false, '\u{1b}') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, c) => stripped.push(c),
            }
        }
        assert_eq!(stripped, plain);
        assert!(!colour_wanted(false), "never to a file or a pipe");
    }
    use crate::error::Area;

    fn sample() -> Diagnostics {
        [
            Diagnostic::error(
                Area::Content,
                "content/a.md",
                4,
                11,
                crate::msg!("fm-unknown-district", name = "松江"),
            )
            .with_hint(crate::msg!("fm-district-did-you-mean-hint", name = "松江区")),
            Diagnostic::warning(
                Area::Content,
                "content/b,c.md",
                2,
                1,
                crate::msg!(
                    "lint-number-mismatch",
                    field = "kicker",
                    number = "52",
                    text = "全镇 52 名职工"
                ),
            )
            .from_lint(crate::lint::Lint::NumberMismatch),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn github_annotations() {
        let out = format(&sample(), Format::Github);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=content/a.md,line=4,col=11,title=jianbao error::unknown district 松江%0Ahint: did you mean 松江区?"
        );
        assert_eq!(
            lines[1],
            "::warning file=content/b%2Cc.md,line=2,col=1,title=jianbao number-mismatch::the kicker gives 52, a number the body does not contain: “全镇 52 名职工”"
        );
    }

    #[test]
    fn json_report_is_stable() {
        let value: serde_json::Value = serde_json::from_str(&format(&sample(), Format::Json)).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(
            (value["errors"].as_u64(), value["warnings"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(value["problems"][0]["file"], "content/a.md");
        assert_eq!(value["problems"][0]["hint"], "did you mean 松江区?");
        assert_eq!(value["problems"][1]["lint"], "number-mismatch");
        assert_eq!(
            value["problems"][1]["message"],
            "the kicker gives 52, a number the body does not contain: “全镇 52 名职工”"
        );
        assert_eq!(value["problems"][0]["code"], "fm-unknown-district");
        assert_eq!(value["problems"][1]["code"], "lint-number-mismatch");
        assert!(value["problems"][0]["lint"].is_null());
    }

    fn left_out(draft: bool, date: &str) -> LeftOut {
        LeftOut {
            source: "content/2013/12/a.md".into(),
            draft,
            date: chrono::DateTime::parse_from_rfc3339(date).unwrap(),
        }
    }

    #[test]
    fn the_summary_names_drafts_and_scheduled_articles() {
        let left_out_summary = |l: &[LeftOut]| left_out_summary(l).map(|m| m.render(Lang::En));
        assert_eq!(left_out_summary(&[]), None);
        let two_and_one = [
            left_out(true, "2013-11-03T00:00:00+08:00"),
            left_out(false, "2013-12-02T20:00:00+08:00"),
            left_out(true, "2013-11-05T00:00:00+08:00"),
        ];
        assert_eq!(
            left_out_summary(&two_and_one).as_deref(),
            Some(
                "2 drafts and 1 scheduled article (2013-12-02 20:00) not published; add --drafts / --future to preview them"
            )
        );
        assert_eq!(
            left_out_summary(&[left_out(true, "2013-11-03T00:00:00+08:00")]).as_deref(),
            Some("1 draft not published; add --drafts to preview it")
        );
        let scheduled: Vec<_> = ["2013-12-05T08:00:00+08:00", "2013-12-02T20:00:00+08:00"]
            .iter()
            .map(|d| left_out(false, d))
            .collect();
        assert_eq!(
            left_out_summary(&scheduled).as_deref(),
            Some(
                "2 scheduled articles (2013-12-02 20:00, 2013-12-05 08:00) not published; add --future to preview them"
            )
        );
        let two_and_one = [
            left_out(true, "2013-11-03T00:00:00+08:00"),
            left_out(false, "2013-12-02T20:00:00+08:00"),
            left_out(true, "2013-11-05T00:00:00+08:00"),
        ];
        assert_eq!(
            super::left_out_summary(&two_and_one)
                .map(|m| m.render(Lang::Zh))
                .as_deref(),
            Some("2 篇草稿、1 篇定时（12月2日 20:00）未发布；加 --drafts / --future 可预览")
        );
    }

    #[test]
    fn paths_are_made_relative_to_where_jianbao_runs() {
        let cwd = Path::new("/home/desk/bulletin");
        let shown = |path: &str, root: &str| path_from(Path::new(path), Path::new(root), cwd);
        assert_eq!(shown("content/a.md", "site"), Path::new("site/content/a.md"));
        assert_eq!(shown("content/a.md", "."), Path::new("content/a.md"));
        assert_eq!(shown("content/a.md", "./site/"), Path::new("site/content/a.md"));
        assert_eq!(shown("site.yaml", "../minhang"), Path::new("../minhang/site.yaml"));
        assert_eq!(
            shown("content/a.md", "/home/desk/bulletin/site"),
            Path::new("site/content/a.md")
        );
        assert_eq!(shown("content/a.md", "/srv/site"), Path::new("/srv/site/content/a.md"));
        assert_eq!(
            shown("/home/desk/bulletin/site/site.yaml", "site"),
            Path::new("site/site.yaml")
        );
        let moved = relative_to(
            &[
                Diagnostic::error(Area::Content, "content/a.md", 4, 11, crate::msg!("fm-empty-file")),
                Diagnostic::error(Area::Content, "(page /tags/)", 0, 0, crate::msg!("fm-empty-file")),
            ]
            .into_iter()
            .collect(),
            Path::new("site"),
            cwd,
        );
        let paths: Vec<_> = moved.iter().map(|d| d.path.clone()).collect();
        assert_eq!(
            paths,
            [PathBuf::from("site/content/a.md"), PathBuf::from("(page /tags/)")]
        );
    }

    #[test]
    fn text_is_the_build_format() {
        assert!(
            format(&sample(), Format::Text).starts_with("content/a.md:4:11: error: unknown district 松江\n  hint:")
        );
    }
}
