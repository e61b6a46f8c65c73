//! The validator: turns the [`RawConfig`] read from site.yaml into a [`Config`],
//! gathering every problem rather than stopping at the first, and checks the
//! plain values (title, counts, UTC offset). Districts, slugs, the base URL and
//! lints are checked by its methods in their own modules.

use std::collections::BTreeMap;

use super::raw::RawConfig;
use super::{BaseUrl, CONFIG_FILE, Config, EmbedsConfig, MarkdownConfig, OldSlugOf, Overrides, address_host};
use crate::error::{Area, Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::msg;
use crate::yaml;

/// What checks site.yaml: its text, for the places of problems, and the problems found so far.
pub(super) struct Validator<'t> {
    pub(super) text: &'t str,
    pub(super) problems: Diagnostics,
}

impl Validator<'_> {
    pub(super) fn problem(&mut self, key: &str, message: Message, hint: Option<Message>) {
        let line = yaml::key_line(self.text, key).unwrap_or(0);
        let mut d = Diagnostic::error(Area::Config, CONFIG_FILE, line, if line > 0 { 1 } else { 0 }, message);
        d.hint = hint;
        self.problems.push(d);
    }

    pub(super) fn validate(mut self, raw: RawConfig, overrides: &Overrides) -> Result<Config, Diagnostics> {
        let title = raw.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
            self.problem("title", msg!("config-no-title"), Some(msg!("config-no-title-hint")));
            String::new()
        });
        let base_url = self.base_url(overrides.base_url.as_deref().or(raw.base_url.as_deref()));
        let paginate = self.positive("paginate", raw.paginate, 20);
        let feed_limit = self.positive("feed_limit", raw.feed_limit, 20);
        let utc_offset = self.utc_offset(raw.utc_offset.as_deref());
        let mut old_slug_places = BTreeMap::new();
        let districts = self.districts(raw.districts, &mut old_slug_places);
        let slugs = self.slugs(raw.slugs);
        let old_slugs = raw
            .old_slugs
            .into_iter()
            .map(|(name, written)| {
                let checked = self.old_slugs(OldSlugOf::Term, &["old_slugs", &name], written, &mut old_slug_places);
                (name, checked)
            })
            .collect();
        let lints = self.lints(&raw.lints);
        if self.problems.has_errors() {
            return Err(self.problems);
        }
        Ok(Config {
            title,
            description: raw.description,
            base_url: base_url.unwrap_or_else(|| BaseUrl {
                absolute: "http://localhost/".into(),
                path: "/".into(),
            }),
            language: raw.language.unwrap_or_else(|| "zh-CN".into()),
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            paginate,
            feed_limit,
            utc_offset,
            search: raw.search,
            districts,
            slugs,
            old_slugs,
            old_slug_places,
            markdown: MarkdownConfig {
                unsafe_html: raw.markdown.unsafe_html,
                highlight: raw.markdown.highlight.unwrap_or(true),
            },
            embeds: EmbedsConfig {
                // A host written as an address (`https://player.bilibili.com/`) means its host.
                hosts: raw
                    .embeds
                    .hosts
                    .iter()
                    .map(|h| address_host(h.trim()))
                    .filter(|h| !h.is_empty())
                    .collect(),
            },
            lints,
            extra: raw.extra,
            warnings: self.problems,
        })
    }

    pub(super) fn positive(&mut self, key: &str, value: Option<i64>, default: usize) -> usize {
        match value {
            None => default,
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => {
                self.problem(key, msg!("config-at-least-one", key = key, value = n), None);
                default
            }
        }
    }

    fn utc_offset(&mut self, value: Option<&str>) -> chrono::FixedOffset {
        let china =
            chrono::FixedOffset::east_opt(8 * 3600).unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
        let Some(value) = value else { return china };
        match parse_offset(value) {
            Some(offset) => offset,
            None => {
                self.problem(
                    "utc_offset",
                    msg!("config-bad-utc-offset", value = value),
                    Some(msg!("config-utc-offset-hint")),
                );
                china
            }
        }
    }
}

/// Parses `+08:00`, `-05:30` or `Z`.
fn parse_offset(text: &str) -> Option<chrono::FixedOffset> {
    if text == "Z" || text == "UTC" {
        return chrono::FixedOffset::east_opt(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    chrono::FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(
            parse_offset("-05:30").map(|o| o.local_minus_utc()),
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(parse_offset("08:00"), None);
    }
}
