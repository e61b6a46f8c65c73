//! The `lints:` section of site.yaml: the keys it may have, its raw shape
//! (`RawLints`), what each lint defaults to, its validation into a
//! [`LintConfig`], and the hint for a misspelt lint name.

use serde::Deserialize;

use super::LintConfig;
use super::validate::Validator;
use crate::i18n::Message;
use crate::msg;
use crate::yaml;

/// The keys `lints:` may have: one per newsroom lint, named by its id, and the
/// brief limit. Kept beside `RawLints`, whose fields they are.
pub const LINT_KEYS: &[&str] = &[
    "number-mismatch",
    "column-break",
    "half-width-punctuation",
    "mixed-quotes",
    "brief-too-long",
    "no-byline",
    "town-not-in-district",
    "image-no-alt",
    "link-empty-text",
    "pinyin-guess",
    "ordinal-mark",
    "year-zero",
    "range-mark",
    "doc-number",
    "mixed-numerals",
    "date-numerals",
    "nested-quotes",
    "ordinal-level",
    "dash",
    "measure-numerals",
    "brief_limit",
];

/// `lints:` as written: each lint is on unless switched off.
///
/// Lint names are kebab-case, the ids `jianbao check` prints after each warning,
/// so that an editor can copy the id from a warning into site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLints {
    #[serde(rename = "number-mismatch")]
    number_mismatch: Option<bool>,
    #[serde(rename = "column-break")]
    column_break: Option<bool>,
    #[serde(rename = "half-width-punctuation")]
    half_width_punctuation: Option<bool>,
    #[serde(rename = "mixed-quotes")]
    mixed_quotes: Option<bool>,
    #[serde(rename = "brief-too-long")]
    brief_too_long: Option<bool>,
    #[serde(rename = "no-byline")]
    no_byline: Option<bool>,
    #[serde(rename = "town-not-in-district")]
    town_not_in_district: Option<bool>,
    #[serde(rename = "image-no-alt")]
    image_no_alt: Option<bool>,
    #[serde(rename = "link-empty-text")]
    link_empty_text: Option<bool>,
    #[serde(rename = "pinyin-guess")]
    pinyin_guess: Option<bool>,
    #[serde(rename = "ordinal-mark")]
    ordinal_mark: Option<bool>,
    #[serde(rename = "year-zero")]
    year_zero: Option<bool>,
    #[serde(rename = "range-mark")]
    range_mark: Option<bool>,
    #[serde(rename = "doc-number")]
    doc_number: Option<bool>,
    #[serde(rename = "mixed-numerals")]
    mixed_numerals: Option<bool>,
    #[serde(rename = "date-numerals")]
    date_numerals: Option<bool>,
    #[serde(rename = "nested-quotes")]
    nested_quotes: Option<bool>,
    #[serde(rename = "ordinal-level")]
    ordinal_level: Option<bool>,
    dash: Option<bool>,
    #[serde(rename = "measure-numerals")]
    measure_numerals: Option<bool>,
    brief_limit: Option<i64>,
}

/// A brief is a few sentences; 300 characters is about what a print column
/// gives one, and more than the seed page's longest brief.
pub const DEFAULT_BRIEF_LIMIT: usize = 300;

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            number_mismatch: true,
            column_break: true,
            half_width_punctuation: true,
            mixed_quotes: true,
            brief_too_long: true,
            no_byline: true,
            town_not_in_district: true,
            image_no_alt: true,
            link_empty_text: true,
            pinyin_guess: true,
            ordinal_mark: true,
            year_zero: true,
            range_mark: true,
            doc_number: true,
            mixed_numerals: true,
            date_numerals: true,
            nested_quotes: true,
            ordinal_level: true,
            dash: true,
            measure_numerals: true,
            brief_limit: DEFAULT_BRIEF_LIMIT,
        }
    }
}

impl Validator<'_> {
    pub(super) fn lints(&mut self, raw: &RawLints) -> LintConfig {
        let on = LintConfig::default();
        LintConfig {
            number_mismatch: raw.number_mismatch.unwrap_or(on.number_mismatch),
            column_break: raw.column_break.unwrap_or(on.column_break),
            half_width_punctuation: raw.half_width_punctuation.unwrap_or(on.half_width_punctuation),
            mixed_quotes: raw.mixed_quotes.unwrap_or(on.mixed_quotes),
            brief_too_long: raw.brief_too_long.unwrap_or(on.brief_too_long),
            no_byline: raw.no_byline.unwrap_or(on.no_byline),
            town_not_in_district: raw.town_not_in_district.unwrap_or(on.town_not_in_district),
            image_no_alt: raw.image_no_alt.unwrap_or(on.image_no_alt),
            link_empty_text: raw.link_empty_text.unwrap_or(on.link_empty_text),
            pinyin_guess: raw.pinyin_guess.unwrap_or(on.pinyin_guess),
            ordinal_mark: raw.ordinal_mark.unwrap_or(on.ordinal_mark),
            year_zero: raw.year_zero.unwrap_or(on.year_zero),
            range_mark: raw.range_mark.unwrap_or(on.range_mark),
            doc_number: raw.doc_number.unwrap_or(on.doc_number),
            mixed_numerals: raw.mixed_numerals.unwrap_or(on.mixed_numerals),
            date_numerals: raw.date_numerals.unwrap_or(on.date_numerals),
            nested_quotes: raw.nested_quotes.unwrap_or(on.nested_quotes),
            ordinal_level: raw.ordinal_level.unwrap_or(on.ordinal_level),
            dash: raw.dash.unwrap_or(on.dash),
            measure_numerals: raw.measure_numerals.unwrap_or(on.measure_numerals),
            brief_limit: self.positive("brief_limit", raw.brief_limit, on.brief_limit),
        }
    }
}

/// The hint for an unknown key inside `lints:`, for a problem the YAML reader
/// found at `line`. The shared YAML reader suggests among the top-level keys,
/// which would send an editor who misspelt a lint name to `language` or
/// `theme`; inside `lints:` the lint names are the candidates. The key is read
/// from the line itself: the first key there that is not a lint's name.
pub(super) fn lint_key_hint(text: &str, line: usize) -> Option<Message> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let key = keys_on_line(written)
        .into_iter()
        .find(|k| *k != "lints" && !LINT_KEYS.contains(k))?;
    let lints_line = yaml::key_line(text, "lints")?;
    let inside = line == lints_line
        || (line > lints_line
            && text
                .lines()
                .skip(lints_line)
                .take(line - lints_line)
                .all(|l| l.trim().is_empty() || l.starts_with([' ', '\t']) || l.trim_start().starts_with('#')));
    if !inside {
        return None;
    }
    Some(match crate::error::did_you_mean(key, LINT_KEYS.iter().copied()) {
        Some(near) => msg!("config-lint-did-you-mean-hint", key = near),
        None => msg!("config-lint-keys-hint", keys = LINT_KEYS.to_vec()),
    })
}

/// The keys written on one line of YAML: the one the line starts with (after
/// any `- `), and those after `{` or `,` in a `{ key: value }` mapping.
fn keys_on_line(line: &str) -> Vec<&str> {
    line.split(['{', ','])
        .filter_map(|part| {
            let part = part.trim_start();
            let part = part.strip_prefix("- ").unwrap_or(part);
            let (key, _) = part.split_once(':')?;
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            (!key.is_empty() && !key.contains(' ')).then_some(key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::SAMPLE;
    use crate::config::{Overrides, parse_config};

    #[test]
    fn every_lint_is_on_by_default() {
        let c = parse_config(SAMPLE, &Overrides::default()).unwrap();
        assert_eq!(c.lints, LintConfig::default());
        assert!(c.lints.number_mismatch && c.lints.link_empty_text);
        assert_eq!(c.lints.brief_limit, 300);
    }

    #[test]
    fn lints_are_switched_off_by_their_ids() {
        let text = format!("{SAMPLE}lints:\n  number-mismatch: false\n  no-byline: false\n  brief_limit: 120\n");
        let c = parse_config(&text, &Overrides::default()).unwrap();
        assert!(!c.lints.number_mismatch && !c.lints.no_byline);
        assert!(c.lints.column_break && c.lints.mixed_quotes);
        assert_eq!(c.lints.brief_limit, 120);
    }

    #[test]
    fn a_misspelt_lint_suggests_a_lint_name() {
        let text = format!("{SAMPLE}lints:\n  column-break: true\n  number-mismach: false\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(
            (d.line, d.message.to_string().as_str()),
            (8, "unknown key `number-mismach`")
        );
        assert_eq!(
            d.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean `number-mismatch`?")
        );

        let text = format!("{SAMPLE}lints: {{ no-bylines: false }}\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(
            (d.line, d.message.to_string().as_str()),
            (6, "unknown key `no-bylines`")
        );
        assert_eq!(
            d.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean `no-byline`?")
        );

        let text = format!("{SAMPLE}lints: {{ spelling: false }}\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let hint = err.iter().next().unwrap().hint.clone().unwrap();
        assert!(
            hint.to_string().starts_with("the lints are: number-mismatch, "),
            "{hint}"
        );
    }

    #[test]
    fn a_misspelt_top_level_key_after_lints_still_suggests_a_top_level_key() {
        let text = format!("{SAMPLE}lints:\n  no-byline: false\npaginte: 3\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        assert_eq!(
            err.iter()
                .next()
                .unwrap()
                .hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("did you mean `paginate`?")
        );
    }

    #[test]
    fn brief_limit_must_be_positive_and_a_number() {
        let text = format!("{SAMPLE}lints:\n  brief_limit: 0\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(
            (d.line, d.message.to_string().as_str()),
            (7, "`brief_limit` must be at least 1, not 0")
        );
        let text = format!("{SAMPLE}lints: {{ column-break: 否 }}\n");
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let d = err.iter().next().unwrap();
        assert!(
            d.message.to_string().starts_with("`lints.column-break`"),
            "{}",
            d.message
        );
        assert_eq!(
            d.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this: lints: { number-mismatch: false, brief_limit: 300 }")
        );
    }
}
