//! `pinyin-guess`: a name whose pinyin no dictionary word settles.
//!
//! A tag, town or column is read by word (see [`crate::pinyin`]); where a
//! polyphonic character stands outside every known word (行 in 庄行镇), its
//! reading, and so the name's URL and place in the index, is a guess. The
//! warning is given once per name, in the article that used it first, at the
//! line that names it; a `slugs:` entry in site.yaml settles it. An article
//! whose URL comes from a Chinese file name is checked the same way.

use std::collections::HashMap;

use super::{Context, Lint, or_list};
use crate::i18n::{Arg, Message};
use crate::msg;
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
        let hint = settle_hint(&name.name, &name.reading, msg!("lint-pinyin-guess-in-slugs"), |slug| {
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
            let hint = settle_hint(&d.name, &reading, msg!("lint-pinyin-guess-in-district"), |slug| {
                format!("`slug: {slug}`")
            });
            Some(
                crate::error::Diagnostic::warning(
                    crate::error::Area::Config,
                    crate::config::CONFIG_FILE,
                    line,
                    1,
                    guess_message(&d.name, &reading),
                )
                .with_hint(hint)
                .from_lint(Lint::PinyinGuess),
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
    let hint = settle_hint(name, &reading, msg!("lint-pinyin-guess-in-front-matter"), |slug| {
        format!("`slug: {slug}`")
    });
    ctx.warn(Lint::PinyinGuess, (1, 1), guess_message(name, &reading), hint);
}

fn guess_message(name: &str, reading: &Reading) -> Message {
    let guesses = reading
        .guesses
        .iter()
        .map(|g| {
            msg!(
                "lint-pinyin-guess-reads",
                character = g.character.to_string(),
                readings = or_list(g.readings.clone())
            )
        })
        .reduce(|before, next| msg!("lint-pinyin-guess-more", before = before, next = next));
    msg!(
        "lint-pinyin-guess",
        name = name,
        guesses = guesses.map_or(Arg::List(Vec::new()), Arg::from),
        slug = reading.slug()
    )
}

/// What to write where (`place`), to keep the reading or to change it.
fn settle_hint(name: &str, reading: &Reading, place: Message, line: impl Fn(&str) -> String) -> Message {
    let keep = line(&reading.slug());
    match reading.other_slug() {
        Some(other) if other != reading.slug() => msg!(
            "lint-pinyin-guess-other-hint",
            name = name,
            other = line(&other),
            place = place,
            slug = reading.slug(),
            keep = keep
        ),
        _ => msg!("lint-pinyin-guess-confirm-hint", keep = keep, place = place),
    }
}
