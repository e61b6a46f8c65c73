//! `pinyin-guess`: a name whose pinyin no dictionary word settles.
//!
//! A tag, town or column is read by word (see [`crate::pinyin`]); where a
//! polyphonic character stands outside every known word (行 in 庄行镇), its
//! reading, and so the name's URL and place in the index, is a guess. The
//! warning is given once per name, in the article that used it first, at the
//! line that names it; a `slugs:` entry in site.yaml settles it. An article
//! whose URL comes from a Chinese file name is checked the same way.

use std::collections::HashMap;

use super::{Context, Lint};
use crate::pinyin::{self, Reading};
use crate::site::Site;
use crate::taxonomy::{ArticleId, TaxonomyKind};

/// A name an article is the first to use, with its guessed reading.
pub(super) struct Introduced {
    /// The front-matter key it is under: `tags`, `towns` or `column`.
    key: &'static str,
    name: String,
    reading: Reading,
}

/// For each article, the names with a guessed reading that it used first.
pub(super) fn introduced(site: &Site) -> HashMap<ArticleId, Vec<Introduced>> {
    let mut found: HashMap<ArticleId, Vec<Introduced>> = HashMap::new();
    for (kind, key) in [
        (TaxonomyKind::Tags, "tags"),
        (TaxonomyKind::Towns, "towns"),
        (TaxonomyKind::Columns, "column"),
    ] {
        for term in &site.taxonomies.get(kind).terms {
            if site.config.slugs.contains_key(&term.name) {
                continue;
            }
            let reading = pinyin::read_checked(&term.name);
            // Articles are newest first: the last is the one that brought the name in.
            if let (false, Some(&first)) = (reading.guesses.is_empty(), term.articles.last()) {
                found.entry(first).or_default().push(Introduced {
                    key,
                    name: term.name.clone(),
                    reading,
                });
            }
        }
    }
    found
}

pub(super) fn check(ctx: &mut Context<'_>, introduced: &[Introduced]) {
    if !ctx.enabled(Lint::PinyinGuess) {
        return;
    }
    for name in introduced {
        let at = ctx.field_position(name.key, &name.name, false);
        let hint = settle_hint(&name.name, &name.reading, "under `slugs:` in site.yaml", |slug| {
            format!("`{}: {slug}`", name.name)
        });
        ctx.warn(Lint::PinyinGuess, at, guess_message(&name.name, &name.reading), hint);
    }
    check_file_name(ctx);
}

/// Warnings for the districts whose slug site.yaml leaves to their name's
/// reading, where that reading is a guess: at the district's line in site.yaml.
pub(super) fn check_districts(root: &std::path::Path, config: &crate::config::Config) -> Vec<crate::error::Diagnostic> {
    if !Lint::PinyinGuess.is_enabled(&config.lints) {
        return Vec::new();
    }
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    config
        .districts
        .iter()
        .filter(|d| d.slug_from_name)
        .filter_map(|d| {
            let reading = pinyin::read_checked(&d.name);
            if reading.guesses.is_empty() {
                return None;
            }
            let line = crate::yaml::key_line(&text, &d.name).unwrap_or(0);
            let hint = settle_hint(&d.name, &reading, "to its entry", |slug| format!("`slug: {slug}`"));
            let message = format!("{} [{}]", guess_message(&d.name, &reading), Lint::PinyinGuess.id());
            Some(
                crate::error::Diagnostic::warning(
                    crate::error::Area::Config,
                    crate::config::CONFIG_FILE,
                    line,
                    1,
                    message,
                )
                .with_hint(hint),
            )
        })
        .collect()
}

/// The URL of an article without `slug:` comes from its file name, which may be Chinese.
fn check_file_name(ctx: &mut Context<'_>) {
    if ctx.article.front.slug.is_some() {
        return;
    }
    let Some(name) = crate::content::url_name(std::path::Path::new(&ctx.article.content_path)) else {
        return;
    };
    let reading = pinyin::read_checked(name);
    if reading.guesses.is_empty() {
        return;
    }
    let hint = settle_hint(name, &reading, "to the front matter", |slug| format!("`slug: {slug}`"));
    ctx.warn(Lint::PinyinGuess, (1, 1), guess_message(name, &reading), hint);
}

fn guess_message(name: &str, reading: &Reading) -> String {
    let guesses: Vec<String> = reading
        .guesses
        .iter()
        .map(|g| format!("{} reads {}", g.character, either(&g.readings)))
        .collect();
    format!(
        "the pinyin of {name} is a guess: {}, and no dictionary entry for this name says which; it is read `{}`",
        guesses.join("; "),
        reading.slug()
    )
}

/// What to write where, to keep the reading or to change it.
fn settle_hint(name: &str, reading: &Reading, place: &str, line: impl Fn(&str) -> String) -> String {
    let keep = line(&reading.slug());
    match reading.other_slug() {
        Some(other) if other != reading.slug() => format!(
            "if {name} reads otherwise, add {} {place}; if `{}` is right, add {keep} to say so",
            line(&other),
            reading.slug()
        ),
        _ => format!("add {keep} {place} to confirm the reading, or write the right one"),
    }
}

/// `xing, hang or heng`.
fn either(readings: &[String]) -> String {
    match readings.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => readings.join(""),
    }
}
