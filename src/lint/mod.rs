//! Newsroom lints: the mistakes a copy desk catches before a bulletin goes out,
//! each reported as a warning in the editor's terms, with the file and line to
//! fix and a hint.
//!
//! | id | catches |
//! |---|---|
//! | `number-mismatch` | a number in the title, kicker or subtitle that the body does not contain |
//! | `column-break` | a paragraph broken off mid-sentence, as a print column break leaves it |
//! | `half-width-punctuation` | `,` `:` `;` `(` `)` `?` `!` between Chinese characters |
//! | `mixed-quotes` | “…”, "…" and 「…」 used side by side in one article |
//! | `brief-too-long` | a brief longer than `lints: { brief_limit: … }` |
//! | `no-byline` | an article that credits nobody |
//! | `town-not-in-district` | a town that site.yaml does not list under the article's district |
//! | `image-no-alt` | a picture with neither alt text nor caption |
//! | `link-empty-text` | a link with no text to click |
//! | `pinyin-guess` | a tag, town, column or file name whose pinyin no dictionary word settles |
//! | `ordinal-mark` | `一，` `1、` `（一）、` opening a line (GB/T 15834—2011 附录B.3.2–B.3.4) |
//! | `year-zero` | 二零一三年, 二0一三年 for 二〇一三年 (GB/T 15835—2011 5.2.5) |
//! | `range-mark` | 2月-6月, 3-5天 for 2月～6月, 3～5天 (GB/T 15834—2011 4.13.3.2) |
//! | `doc-number` | （2013）5号, 〔2013〕第5号 for 〔2013〕5号 (GB/T 9704—2012 7.2.5) |
//! | `mixed-numerals` | 4千, 3百 for 4000, 300 (GB/T 15835—2011 5.3) |
//! | `date-numerals` | 二〇一三年11月14日: one date in two kinds of numerals (GB/T 15835—2011 4.3) |
//! | `nested-quotes` | “…“…”…” for “…‘…’…” (GB/T 15834—2011 4.8) |
//! | `ordinal-level` | 1. and then （一） under one 一、 (GB/T 15834—2011 附录B.3.8) |
//! | `dash` | 村民--志愿者 for 村民——志愿者 (GB/T 15834—2011 4.10) |
//! | `measure-numerals` | 十二点五公里 for 12.5公里 (GB/T 15835—2011 4.1.1) |
//!
//! Each warning is marked with its lint's id, which the text report shows in
//! brackets after it (`… [number-mismatch]`): the name that switches it off in
//! site.yaml (`lints: { number-mismatch: false }`), for one article in its front
//! matter (`lints: { off: [number-mismatch] }`), or for one line with a comment
//! beside it (`<!-- lint-off: number-mismatch -->`; `<!-- lint-off -->` for
//! every lint); [`Lint::of`] reads it back.
//! The words are the catalogue's (`lint.ftl`), as a copy editor would say them. Lines and columns are those of the original file,
//! front matter included.
//!
//! This module only reads: it is given loaded articles and their text, and
//! returns diagnostics. Running it is `check`'s business.

mod breaks;
mod figures;
mod front;
mod links;
mod numbers;
mod punctuation;
mod readings;
mod standards;
mod text;

use std::path::Path;

use rayon::prelude::*;

use crate::config::{Config, LintConfig};
use crate::content::Article;
use crate::content::front_matter;
use crate::error::{Area, Diagnostic, Diagnostics, Severity, io_error, line_col};
use crate::i18n::{Arg, Message};
use crate::msg;
use crate::site::Site;

/// One newsroom lint; kept in a file by its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// A number in the title, kicker or subtitle that the body does not contain.
    NumberMismatch,
    /// A paragraph that stops mid-sentence, followed by one that carries on.
    ColumnBreak,
    /// Half-width punctuation between Chinese characters.
    HalfWidthPunctuation,
    /// More than one style of quotation marks in one article.
    MixedQuotes,
    /// A brief longer than the site's limit.
    BriefTooLong,
    /// An article with no byline.
    NoByline,
    /// A town not listed under the article's district.
    TownNotInDistrict,
    /// A picture with neither alt text nor caption.
    ImageNoAlt,
    /// A link with no text.
    LinkEmptyText,
    /// A name whose pinyin is a guess.
    PinyinGuess,
    /// An ordinal with the wrong mark after it where a line begins (一， 1、 （一）、).
    OrdinalMark,
    /// A year in Chinese numerals with its zero written 零, 0 or ○ rather than 〇.
    YearZero,
    /// A range of numbers written with a hyphen or a half-width tilde (2月-6月).
    RangeMark,
    /// A document number whose year is not in 〔〕, or with 第 before its serial.
    DocNumber,
    /// Arabic digits with 千 or 百 (4千 for 4000).
    MixedNumerals,
    /// A date whose year is in one kind of numerals and its month or day in the other.
    DateNumerals,
    /// Double quotation marks inside double ones, where single ones belong.
    NestedQuotes,
    /// Under one heading, an ordinal of a level above one used before it (1. then （一）).
    OrdinalLevel,
    /// Two hyphens standing for the dash —— between Chinese text.
    Dash,
    /// A measure of ten or more with its unit in Chinese numerals (十二点五公里).
    MeasureNumerals,
}

impl Lint {
    /// Every lint, in the order `check` documents them.
    pub const ALL: [Lint; 20] = [
        Lint::NumberMismatch,
        Lint::ColumnBreak,
        Lint::HalfWidthPunctuation,
        Lint::MixedQuotes,
        Lint::BriefTooLong,
        Lint::NoByline,
        Lint::TownNotInDistrict,
        Lint::ImageNoAlt,
        Lint::LinkEmptyText,
        Lint::PinyinGuess,
        Lint::OrdinalMark,
        Lint::YearZero,
        Lint::RangeMark,
        Lint::DocNumber,
        Lint::MixedNumerals,
        Lint::DateNumerals,
        Lint::NestedQuotes,
        Lint::OrdinalLevel,
        Lint::Dash,
        Lint::MeasureNumerals,
    ];

    /// The stable id: shown after each warning, and the key in site.yaml's `lints:`.
    pub fn id(self) -> &'static str {
        match self {
            Lint::NumberMismatch => "number-mismatch",
            Lint::ColumnBreak => "column-break",
            Lint::HalfWidthPunctuation => "half-width-punctuation",
            Lint::MixedQuotes => "mixed-quotes",
            Lint::BriefTooLong => "brief-too-long",
            Lint::NoByline => "no-byline",
            Lint::TownNotInDistrict => "town-not-in-district",
            Lint::ImageNoAlt => "image-no-alt",
            Lint::LinkEmptyText => "link-empty-text",
            Lint::PinyinGuess => "pinyin-guess",
            Lint::OrdinalMark => "ordinal-mark",
            Lint::YearZero => "year-zero",
            Lint::RangeMark => "range-mark",
            Lint::DocNumber => "doc-number",
            Lint::MixedNumerals => "mixed-numerals",
            Lint::DateNumerals => "date-numerals",
            Lint::NestedQuotes => "nested-quotes",
            Lint::OrdinalLevel => "ordinal-level",
            Lint::Dash => "dash",
            Lint::MeasureNumerals => "measure-numerals",
        }
    }

    /// Whether site.yaml leaves this lint on.
    pub fn is_enabled(self, lints: &LintConfig) -> bool {
        match self {
            Lint::NumberMismatch => lints.number_mismatch,
            Lint::ColumnBreak => lints.column_break,
            Lint::HalfWidthPunctuation => lints.half_width_punctuation,
            Lint::MixedQuotes => lints.mixed_quotes,
            Lint::BriefTooLong => lints.brief_too_long,
            Lint::NoByline => lints.no_byline,
            Lint::TownNotInDistrict => lints.town_not_in_district,
            Lint::ImageNoAlt => lints.image_no_alt,
            Lint::LinkEmptyText => lints.link_empty_text,
            Lint::PinyinGuess => lints.pinyin_guess,
            Lint::OrdinalMark => lints.ordinal_mark,
            Lint::YearZero => lints.year_zero,
            Lint::RangeMark => lints.range_mark,
            Lint::DocNumber => lints.doc_number,
            Lint::MixedNumerals => lints.mixed_numerals,
            Lint::DateNumerals => lints.date_numerals,
            Lint::NestedQuotes => lints.nested_quotes,
            Lint::OrdinalLevel => lints.ordinal_level,
            Lint::Dash => lints.dash,
            Lint::MeasureNumerals => lints.measure_numerals,
        }
    }

    /// The national standard and clause the lint applies; `None` for the
    /// newsroom's own lints.
    pub fn rule(self) -> Option<&'static str> {
        match self {
            Lint::OrdinalMark => Some("GB/T 15834—2011 附录B.3.2–B.3.4"),
            Lint::OrdinalLevel => Some("GB/T 15834—2011 附录B.3.8"),
            Lint::YearZero => Some("GB/T 15835—2011 5.2.5"),
            Lint::RangeMark => Some("GB/T 15834—2011 4.13.3.2"),
            Lint::DocNumber => Some("GB/T 9704—2012 7.2.5"),
            Lint::MixedNumerals => Some("GB/T 15835—2011 5.3"),
            Lint::DateNumerals => Some("GB/T 15835—2011 4.3"),
            Lint::NestedQuotes => Some("GB/T 15834—2011 4.8"),
            Lint::Dash => Some("GB/T 15834—2011 4.10"),
            Lint::MeasureNumerals => Some("GB/T 15835—2011 4.1.1"),
            _ => None,
        }
    }

    /// The lint a diagnostic came from; `None` for any other diagnostic.
    pub fn of(diagnostic: &Diagnostic) -> Option<Lint> {
        diagnostic.lint
    }
}

/// Lints one article. `source` is the article file's whole text; it gives the
/// lines and columns, and the body as written. A byte-order mark and CR line
/// ends are removed first, as the loader removes them.
pub fn lint_article(article: &Article, source: &str, config: &Config) -> Vec<Diagnostic> {
    lint_one(article, source, config, &[])
}

/// [`lint_article`], also checking the readings of the names the article
/// is the first to use (`introduced`), which only the whole site can tell.
fn lint_one(article: &Article, source: &str, config: &Config, introduced: &[readings::Introduced]) -> Vec<Diagnostic> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let normalised;
    let source = if source.contains('\r') {
        normalised = source.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        source
    };
    // The article was loaded from this text, so the split succeeds; if the file
    // changed since, the front-matter lints still run, placed at the top of the file.
    let split = front_matter::split(source).unwrap_or(front_matter::Split {
        yaml: "",
        yaml_line: 1,
        body: "",
        body_line: 1,
    });
    let mut ctx = Context {
        article,
        config,
        source,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        body: split.body,
        body_line: split.body_line,
        found: Vec::new(),
    };
    let body = text::read_body(split.body);
    figures::check(&mut ctx);
    breaks::check(&mut ctx, &body);
    punctuation::check_half_width(&mut ctx, &body);
    punctuation::check_quotes(&mut ctx, &body);
    front::check(&mut ctx);
    links::check(&mut ctx, &body);
    readings::check(&mut ctx, introduced);
    standards::check(&mut ctx, &body);
    let mut found = ctx.found;
    found.sort_by(|a, b| (a.line, a.column, &a.message).cmp(&(b.line, b.column, &b.message)));
    found
}

/// Lints every article of a loaded site, reading each file again from `root`
/// for its lines. Sorted by file and position, whatever order the threads finish in.
pub fn lint_site(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let introduced = readings::introduced(site);
    let found: Vec<Diagnostic> = site
        .articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, article)| match read_source(root, article) {
            Ok(source) => {
                let names = introduced.get(&id).map_or(&[][..], Vec::as_slice);
                lint_one(article, &source, &site.config, names)
            }
            Err(problem) => vec![problem],
        })
        .collect();
    let mut all: Diagnostics = found.into_iter().collect();
    all.extend(readings::check_districts(root, &site.config));
    all.sort();
    all.into_iter().collect()
}

/// The text of an article's file. It was UTF-8 when it was loaded; should it
/// have changed since, a bad byte shows as � rather than failing the lint.
fn read_source(root: &Path, article: &Article) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(&article.source)).map_err(|e| Diagnostic {
        severity: Severity::Warning,
        ..io_error(&article.source, msg!("lint-io-read-again"), &e)
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One article being linted: what the lints read, and what they found.
struct Context<'a> {
    article: &'a Article,
    config: &'a Config,
    /// The whole file, for the lines that exempt themselves (`<!-- lint-off -->`).
    source: &'a str,
    /// The front matter's YAML, and the file line it starts on.
    yaml: &'a str,
    yaml_line: usize,
    /// The Markdown body, and the file line it starts on.
    body: &'a str,
    body_line: usize,
    found: Vec<Diagnostic>,
}

impl Context<'_> {
    /// Whether `lint` runs on this article: site.yaml leaves it on, and the
    /// article's `lints: { off: [...] }` does not name it.
    fn enabled(&self, lint: Lint) -> bool {
        lint.is_enabled(&self.config.lints) && !self.article.front.lints_off.iter().any(|id| id == lint.id())
    }

    /// Adds a warning of `lint` at a (line, column) of the file, unless site.yaml
    /// or the article switched it off, or the line exempts itself.
    fn warn(&mut self, lint: Lint, (line, column): (usize, usize), message: Message, hint: Message) {
        if !self.enabled(lint) || self.exempt(line, lint) {
            return;
        }
        let d = Diagnostic::warning(Area::Content, self.article.source.clone(), line, column, message);
        self.found.push(d.with_hint(hint).from_lint(lint));
    }

    /// Whether line `line` of the file exempts itself from `lint`.
    fn exempt(&self, line: usize, lint: Lint) -> bool {
        line > 0
            && self
                .source
                .lines()
                .nth(line - 1)
                .is_some_and(|text| exempts(text, lint.id()))
    }

    /// The file (line, column) of a byte offset in the body.
    fn body_position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(self.body, offset);
        (line + self.body_line - 1, column)
    }

    /// The file line of a front-matter key.
    fn key_line(&self, key: &str) -> Option<usize> {
        crate::yaml::key_line(self.yaml, key).map(|l| l + self.yaml_line - 1)
    }

    /// The file (line, column) of `needle` in the value of front-matter `key`,
    /// or of the key's line when the text cannot be found there (the top of
    /// the file without the key). See [`Context::field_find`].
    fn field_position(&self, key: &str, needle: &str, whole_number: bool) -> (usize, usize) {
        self.field_find(key, needle, whole_number)
            .unwrap_or_else(|| self.key_line(key).map_or((1, 0), |line| (line, 1)))
    }

    /// The file (line, column) of `needle` in the value of front-matter `key`,
    /// looking on the key's line and the indented lines that continue it. With
    /// `whole_number`, a match must not touch other digits: 52 is not in 352.
    fn field_find(&self, key: &str, needle: &str, whole_number: bool) -> Option<(usize, usize)> {
        let first = crate::yaml::key_line(self.yaml, key)?;
        for (i, line) in self.yaml.lines().enumerate().skip(first - 1) {
            if i + 1 > first && !line.starts_with([' ', '\t']) {
                break;
            }
            // On the key's own line, look only after `key:`, so that a `:` is not found in it.
            let from = if i + 1 == first {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            if let Some(at) = find_from(line, needle, from, whole_number) {
                let column = line.get(..at).map_or(0, |s| s.chars().count()) + 1;
                return Some((i + self.yaml_line, column));
            }
        }
        None
    }
}

/// Whether `line` carries an HTML comment that exempts it from lint `id`:
/// `<!-- lint-off -->` from every lint, `<!-- lint-off: id, id -->` from those
/// named. The comment is the editor's note to the copy desk; sanitised
/// Markdown never publishes it.
fn exempts(line: &str, id: &str) -> bool {
    line.split("<!--").skip(1).any(|comment| {
        let comment = comment.split("-->").next().unwrap_or("").trim();
        let Some(rest) = comment.strip_prefix("lint-off") else {
            return false;
        };
        let rest = rest.trim();
        match rest.strip_prefix([':', '：']) {
            Some(ids) => ids
                .split([',', '，', '、', ' '])
                .map(str::trim)
                .any(|named| named == id),
            None => rest.is_empty(),
        }
    })
}

/// The byte offset of the first `needle` in `line` at or after `from`.
fn find_from(line: &str, needle: &str, from: usize, whole_number: bool) -> Option<usize> {
    let mut start = from;
    while let Some(rest) = line.get(start..) {
        let at = start + rest.find(needle)?;
        let end = at + needle.len();
        let touches_digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let before = line.get(..at).and_then(|s| s.chars().next_back());
        let after = line.get(end..).and_then(|s| s.chars().next());
        if !whole_number || !(touches_digit(before) || touches_digit(after)) {
            return Some(at);
        }
        start = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The front-matter fields that headline an article: key, and the text as parsed.
fn headline_fields(article: &Article) -> Vec<(&'static str, &str)> {
    let front = &article.front;
    let mut fields = vec![("title", front.title.as_str())];
    fields.extend(front.kicker.as_deref().map(|k| ("kicker", k)));
    fields.extend(front.subtitle.as_deref().map(|s| ("subtitle", s)));
    fields
}

/// At most `limit` characters of `text` from its start, with `…` when cut.
fn excerpt_start(text: &str, limit: usize) -> String {
    let text = text.trim().replace('\n', "");
    match text.char_indices().nth(limit) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// At most `limit` characters of `text` up to its end, with `…` when cut.
fn excerpt_end(text: &str, limit: usize) -> String {
    let text = text.trim().replace('\n', "");
    let count = text.chars().count();
    match text.char_indices().nth(count.saturating_sub(limit)) {
        Some((at, _)) if at > 0 => format!("…{}", &text[at..]),
        _ => text,
    }
}

/// `a`, `a and b`, `a, b and c` (`甲和乙`, `甲、乙和丙`).
fn and_list<T: Into<Arg>>(items: Vec<T>) -> Arg {
    joined(items, |rest, last| msg!("lint-list-and", rest = rest, last = last))
}

/// `a`, `a or b`, `a, b or c`.
fn or_list<T: Into<Arg>>(items: Vec<T>) -> Arg {
    joined(items, |rest, last| msg!("lint-list-or", rest = rest, last = last))
}

fn joined<T: Into<Arg>>(items: Vec<T>, join: impl Fn(Vec<Arg>, Arg) -> Message) -> Arg {
    let mut items: Vec<Arg> = items.into_iter().map(Into::into).collect();
    match items.pop() {
        None => Arg::List(Vec::new()),
        Some(last) if items.is_empty() => last,
        Some(last) => join(items, last).into(),
    }
}

/// What the warnings call a headline field (`title`, `kicker`, `subtitle`).
fn field_name(key: &str) -> Message {
    match key {
        "kicker" => msg!("lint-field-kicker"),
        "subtitle" => msg!("lint-field-subtitle"),
        _ => msg!("lint-field-title"),
    }
}

#[cfg(test)]
mod tests;
