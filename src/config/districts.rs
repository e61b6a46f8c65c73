//! Validation of the districts and slugs in site.yaml: each district's slug,
//! aliases, towns (split where the input method joined them) and old slugs,
//! the slugs chosen for tags, towns and columns, and old slugs with their places.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::raw::RawDistrict;
use super::validate::Validator;
use super::{CONFIG_FILE, District, OldSlugOf};
use crate::error::{Area, Diagnostic};
use crate::i18n::Message;
use crate::msg;
use crate::slug;
use crate::yaml;

impl Validator<'_> {
    /// Old slugs, checked, each with its place; `keys` lead to their list in site.yaml.
    pub(super) fn old_slugs(
        &mut self,
        of: OldSlugOf,
        keys: &[&str],
        written: Vec<String>,
        places: &mut BTreeMap<(OldSlugOf, String, String), (usize, usize)>,
    ) -> Vec<String> {
        let name = keys[keys.len() - if of == OldSlugOf::Term { 1 } else { 2 }];
        let mut out: Vec<String> = Vec::with_capacity(written.len());
        for old in written {
            let (line, column) = yaml::nested_value_position(self.text, keys, &old).unwrap_or((0, 0));
            if !slug::is_valid_slug(&old) {
                let suggestion = slug::slugify(&old);
                let hint = if suggestion.is_empty() {
                    msg!("config-old-slug-rule-hint")
                } else {
                    msg!("config-old-slug-hint", suggestion = suggestion)
                };
                let d = Diagnostic::error(
                    Area::Config,
                    CONFIG_FILE,
                    line,
                    column,
                    msg!("config-old-slug-invalid", slug = &old, name = name),
                )
                .with_hint(hint);
                self.problems.push(d);
            } else if !out.contains(&old) {
                places.insert((of, name.to_string(), old.clone()), (line, column));
                out.push(old);
            }
        }
        out
    }

    pub(super) fn districts(
        &mut self,
        raw: IndexMap<String, Option<RawDistrict>>,
        old_slug_places: &mut BTreeMap<(OldSlugOf, String, String), (usize, usize)>,
    ) -> Vec<District> {
        if raw.is_empty() {
            self.problem(
                "districts",
                msg!("config-no-districts"),
                Some(msg!("config-no-districts-hint")),
            );
        }
        let mut districts: Vec<District> = Vec::new();
        for (name, entry) in raw {
            let entry = entry.unwrap_or_default();
            let slug_from_name = entry.slug.is_none();
            let slug = match entry.slug {
                Some(s) if slug::is_valid_slug(&s) => s,
                Some(s) => {
                    self.problem(
                        &name,
                        msg!("config-district-slug-invalid", name = &name, slug = &s),
                        Some(msg!("config-district-slug-hint")),
                    );
                    slug::slugify(&name)
                }
                None => slug::slugify(&name),
            };
            if let Some(other) = districts.iter().find(|d| d.slug == slug) {
                let message = msg!("config-same-slug", first = &other.name, second = &name, slug = &slug);
                self.problem(&name, message, Some(msg!("config-same-slug-hint")));
            }
            for alias in &entry.aliases {
                if alias == &name || districts.iter().any(|d| &d.name == alias || d.aliases.contains(alias)) {
                    self.problem(&name, msg!("config-alias-shared", alias = alias), None);
                }
            }
            let keys = ["districts", name.as_str(), "old_slugs"];
            let old_slugs = self.old_slugs(OldSlugOf::District, &keys, entry.old_slugs, old_slug_places);
            let towns = self.towns(&name, entry.towns);
            districts.push(District {
                slug_from_name,
                name,
                slug,
                aliases: entry.aliases,
                towns,
                old_slugs,
            });
        }
        districts
    }

    /// A district's towns, each that the input method's `，` or `、` made two
    /// (`- 莘庄镇、七宝镇`) split, with a warning at the separator.
    fn towns(&mut self, district: &str, written: Vec<String>) -> Vec<String> {
        let mut towns = Vec::with_capacity(written.len());
        for town in written {
            let Some(yaml::JoinedTerm { parts, separator, at }) = yaml::split_term(&town) else {
                towns.push(town);
                continue;
            };
            let keys = ["districts", district, "towns"];
            let (line, column) = yaml::nested_value_position(self.text, &keys, &town).unwrap_or((0, 0));
            let d = Diagnostic::warning(
                Area::Config,
                CONFIG_FILE,
                line,
                column + town[..at].chars().count(),
                msg!(
                    "config-town-split",
                    town = &town,
                    district = district,
                    separator = separator.to_string(),
                    count = parts.len(),
                    parts = parts.clone(),
                    joined = joined_with_and(&parts)
                ),
            )
            // The list as YAML writes it, whatever the language.
            .with_hint(msg!("config-town-split-hint", towns = parts.join(", ")));
            self.problems.push(d);
            towns.extend(parts);
        }
        towns
    }

    pub(super) fn slugs(&mut self, raw: BTreeMap<String, String>) -> BTreeMap<String, String> {
        for (name, s) in &raw {
            if !slug::is_valid_slug(s) {
                self.problem(
                    name,
                    msg!("config-slug-invalid", slug = s, name = name),
                    Some(msg!("config-slug-hint")),
                );
            }
        }
        raw
    }
}

/// Names in a row, `a and b and c` in English.
fn joined_with_and(names: &[String]) -> Message {
    match names {
        [] => msg!("config-name", name = ""),
        [one] => msg!("config-name", name = one),
        [first, rest @ ..] => msg!("config-and", first = first, rest = joined_with_and(rest)),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::SAMPLE;
    use crate::config::{Overrides, parse_config};

    #[test]
    fn default_slug_is_pinyin() {
        let c = parse_config(
            "title: x\nbase_url: https://e.org/\ndistricts:\n  松江区:\n",
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.districts[0].slug, "song-jiang-qu");
    }

    #[test]
    fn old_slugs_of_terms_and_districts_with_their_places() {
        let text = format!(
            "{SAMPLE}  闵行区: {{ slug: minhang, old_slugs: [min-hang-qu] }}\nslugs:\n  民宿: min-su\nold_slugs:\n  民宿: [min-su-2, min-su-3, min-su-2]\n  莘庄镇: [xin-zhuang]\n"
        );
        let c = parse_config(&text, &Overrides::default()).unwrap();
        assert_eq!(
            c.old_slugs["民宿"],
            ["min-su-2", "min-su-3"],
            "the same slug twice counts once"
        );
        assert_eq!(c.old_slugs["莘庄镇"], ["xin-zhuang"]);
        assert_eq!(c.slugs["民宿"], "min-su");
        assert_eq!(c.district("闵行区").unwrap().old_slugs, ["min-hang-qu"]);
        assert!(c.district("松江区").unwrap().old_slugs.is_empty());
        assert_eq!(c.old_slug_place("民宿", "min-su-3"), (10, 18));
        assert_eq!(c.old_slug_place("莘庄镇", "xin-zhuang"), (11, 9));
        assert_eq!(c.district_old_slug_place("闵行区", "min-hang-qu"), (6, 37));
        assert_eq!(c.old_slug_place("闵行区", "min-hang-qu"), (0, 0));
    }

    #[test]
    fn a_bad_old_slug_is_an_error_at_its_place() {
        let text = format!(
            "{SAMPLE}  闵行区: {{ slug: minhang, old_slugs: [Min Hang] }}\nold_slugs:\n  民宿:\n    - min-su-2\n    - 民宿_2\n"
        );
        let err = parse_config(&text, &Overrides::default()).unwrap_err();
        let shown: Vec<_> = err.iter().map(|d| (d.line, d.column, d.text())).collect();
        let shown: Vec<_> = shown.iter().map(|(l, c, t)| (*l, *c, t.as_str())).collect();
        assert_eq!(
            shown,
            [
                (6, 37, "old slug `Min Hang` for 闵行区 is not URL-safe"),
                (10, 7, "old slug `民宿_2` for 民宿 is not URL-safe")
            ]
        );
        let hint = err.iter().next().unwrap().hint.clone().unwrap();
        assert_eq!(
            hint.to_string(),
            "write the slug as it was in the old URL, such as min-hang"
        );
        let err = parse_config(&format!("{SAMPLE}old_slugs: [min-su]\n"), &Overrides::default()).unwrap_err();
        assert_eq!(
            err.iter()
                .next()
                .unwrap()
                .hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("write it like this: old_slugs: { 民宿: [min-su-2] }")
        );
    }

    #[test]
    fn town_lists_joined_by_the_input_method_are_split_with_a_warning() {
        let text = "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区: { slug: minhang, towns: [莘庄镇，七宝镇] }\n  松江区:\n    slug: songjiang\n    towns:\n      - 洞泾镇、泖港镇\n";
        let c = parse_config(text, &Overrides::default()).unwrap();
        assert_eq!(c.district("闵行区").unwrap().towns, ["莘庄镇", "七宝镇"]);
        assert_eq!(c.district("松江区").unwrap().towns, ["洞泾镇", "泖港镇"]);
        let shown: Vec<_> = c.warnings.iter().map(|d| (d.line, d.column, d.text())).collect();
        let shown: Vec<_> = shown.iter().map(|(l, c, t)| (*l, *c, t.as_str())).collect();
        assert_eq!(
            shown,
            [
                (
                    4,
                    36,
                    "`，` (typed by the Chinese input method) between towns was read as a comma"
                ),
                (
                    8,
                    12,
                    "the town 洞泾镇、泖港镇 of 松江区 was split at `、` (typed by the Chinese input method) into 洞泾镇 and 泖港镇"
                ),
            ]
        );
        assert!(c.warnings.iter().all(|d| !d.is_error()));
    }
}
