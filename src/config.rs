//! site.yaml: read as written (`RawConfig`), then validated into a [`Config`]
//! whose values cannot be wrong (a base URL that parses, slugs that are
//! URL-safe, district aliases that point somewhere).
//!
//! This module knows nothing of articles; it only says which districts exist and
//! how names map to slugs.

use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Area, Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::msg;
use crate::slug;
use crate::yaml;

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.yaml";

/// site.yaml as the editor wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    paginate: Option<i64>,
    feed_limit: Option<i64>,
    utc_offset: Option<String>,
    #[serde(default)]
    search: bool,
    #[serde(default)]
    districts: IndexMap<String, Option<RawDistrict>>,
    #[serde(default)]
    slugs: BTreeMap<String, String>,
    #[serde(default)]
    old_slugs: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    embeds: RawEmbeds,
    #[serde(default)]
    lints: RawLints,
    #[serde(default)]
    extra: serde_yaml::Mapping,
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "paginate",
    "feed_limit",
    "utc_offset",
    "search",
    "districts",
    "slugs",
    "old_slugs",
    "markdown",
    "embeds",
    "lints",
    "extra",
];

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
    "brief_limit",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    towns: Vec<String>,
    #[serde(default)]
    old_slugs: Vec<String>,
}

/// `lints:` as written: each lint is on unless switched off.
///
/// Lint names are kebab-case, the ids `jianbao check` prints after each warning,
/// so that an editor can copy the id from a warning into site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLints {
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
    brief_limit: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    highlight: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmbeds {
    #[serde(default)]
    hosts: Vec<String>,
}

/// Online players an article may show in an iframe (`{{ video(url=…) }}`), from `embeds:`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmbedsConfig {
    /// The hosts allowed, lower case (`player.bilibili.com`); none by default.
    pub hosts: Vec<String>,
}

/// The host of a web address, lower case: `https://player.bilibili.com/x` →
/// `player.bilibili.com`; a bare host is itself.
pub fn address_host(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// Which of a [`Config`]'s districts an article belongs to.
///
/// Only [`Config::district_id`] makes one, from a name it knows, so an id is
/// always valid for the configuration that made it and
/// [`Config::district_by_id`] need not fall back to anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DistrictId(usize);

impl DistrictId {
    /// The district's position in [`Config::districts`], for grouping articles
    /// by district in a vector as long as that list.
    pub(crate) fn index(self) -> usize {
        self.0
    }
}

/// A district an article may name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct District {
    pub name: String,
    pub slug: String,
    /// Other names for it, such as 崇明县 for 崇明区.
    pub aliases: Vec<String>,
    /// The towns site.yaml lists for it (may be empty).
    pub towns: Vec<String>,
    /// Slugs its page had before, each of which redirects to its page now.
    pub old_slugs: Vec<String>,
    /// Whether the slug was read from the name, site.yaml giving none.
    pub slug_from_name: bool,
}

/// Options for Markdown rendering taken from site.yaml.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MarkdownConfig {
    /// Pass raw HTML through unsanitised; only for sites that trust every writer.
    pub unsafe_html: bool,
    /// Highlight fenced code with syntect.
    pub highlight: bool,
}

/// Which newsroom lints `jianbao check` runs, from `lints:` in site.yaml.
///
/// Every lint is on by default: a new site gets the whole copy desk, and turns
/// off what does not suit its house style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LintConfig {
    /// A number in the title, kicker or subtitle that the body does not contain.
    pub number_mismatch: bool,
    /// A paragraph broken off mid-sentence, as a print column break leaves it.
    pub column_break: bool,
    /// `,` `:` `;` `(` `)` `?` `!` between Chinese characters.
    pub half_width_punctuation: bool,
    /// More than one style of quotation marks in one article.
    pub mixed_quotes: bool,
    /// A brief (`kind: brief`) longer than [`LintConfig::brief_limit`].
    pub brief_too_long: bool,
    /// An article that credits nobody.
    pub no_byline: bool,
    /// A town that site.yaml does not list under the article's district.
    pub town_not_in_district: bool,
    /// A picture with neither alt text nor caption.
    pub image_no_alt: bool,
    /// A link with no text to click.
    pub link_empty_text: bool,
    /// A name whose pinyin (its URL and index place) is a guess.
    pub pinyin_guess: bool,
    /// The longest a brief may be, in characters as [`crate::markdown::cjk::count_chars`] counts them.
    pub brief_limit: usize,
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
            brief_limit: DEFAULT_BRIEF_LIMIT,
        }
    }
}

/// Where the site is published: the base URL and the path part every link starts with.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// Absolute, ends with `/`: `https://example.org/bulletin/`.
    absolute: String,
    /// The path, starting and ending with `/`: `/bulletin/`.
    path: String,
}

impl BaseUrl {
    /// Parses an http(s) URL, adding the trailing `/` that editors forget.
    pub fn parse(input: &str) -> Result<BaseUrl, Message> {
        let mut text = input.trim().to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        let url = url::Url::parse(&text).map_err(|e| {
            use url::ParseError;
            let reason = match e {
                ParseError::RelativeUrlWithoutBase => msg!("config-url-no-scheme"),
                ParseError::EmptyHost => msg!("config-url-empty-host"),
                ParseError::InvalidPort => msg!("config-url-bad-port"),
                ParseError::InvalidDomainCharacter => msg!("config-url-bad-host"),
                other => msg!("config-url-other", error = other.to_string()),
            };
            msg!("config-base-url-not-url", input = input, reason = reason)
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(msg!("config-base-url-not-http", input = input));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(msg!("config-base-url-query", input = input));
        }
        Ok(BaseUrl {
            path: url.path().to_string(),
            absolute: url.to_string(),
        })
    }

    /// The root-relative link to a site path such as `tags/` (`/bulletin/tags/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for feeds, the sitemap and canonical links.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }

    /// The path part, starting and ending with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A validated site configuration.
///
/// Equal configurations build the same site, and hash alike, so that a
/// configuration can key a cache. `extra` compares and hashes regardless of
/// key order, as templates see it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    pub base_url: BaseUrl,
    pub language: String,
    pub theme: String,
    /// Items per list page, at least 1.
    pub paginate: usize,
    /// Entries per Atom feed.
    pub feed_limit: usize,
    /// The offset dates without a time zone are read in, and feeds are written in.
    pub utc_offset: chrono::FixedOffset,
    /// Whether the site has a search page and publishes a search index.
    pub search: bool,
    /// The districts, in the order site.yaml lists them.
    pub districts: Vec<District>,
    /// Slugs chosen by the editor for tags, towns and columns.
    pub slugs: BTreeMap<String, String>,
    /// Slugs that tags, towns and columns had before, by name: each redirects
    /// to the term's page now. A district's are in [`District::old_slugs`].
    pub old_slugs: BTreeMap<String, Vec<String>>,
    /// Where site.yaml lists each old slug, for errors about it.
    old_slug_places: BTreeMap<(OldSlugOf, String, String), (usize, usize)>,
    pub markdown: MarkdownConfig,
    /// The online players articles may show.
    pub embeds: EmbedsConfig,
    /// Which newsroom lints `jianbao check` runs.
    pub lints: LintConfig,
    /// Free-form values for themes (`site.extra` in templates).
    pub extra: serde_yaml::Mapping,
    /// What was mended in site.yaml rather than refused (a `，` between towns),
    /// for the build to report with its other warnings.
    pub warnings: Diagnostics,
}

impl Config {
    /// The district named `name`, by its name or one of its aliases.
    pub fn district(&self, name: &str) -> Option<&District> {
        self.district_id(name).map(|id| self.district_by_id(id))
    }

    /// The id of the district named `name`, by its name or one of its aliases:
    /// what an article keeps, resolved once when its front matter is read.
    pub fn district_id(&self, name: &str) -> Option<DistrictId> {
        self.districts
            .iter()
            .position(|d| d.name == name || d.aliases.iter().any(|a| a == name))
            .map(DistrictId)
    }

    /// The district `id` names.
    ///
    /// # Panics
    ///
    /// If `id` came from another configuration with fewer districts: an
    /// article read under one site.yaml must be read again under a changed one.
    pub fn district_by_id(&self, id: DistrictId) -> &District {
        &self.districts[id.0]
    }

    /// The line and column in site.yaml of the old slug `slug` of the tag, town
    /// or column `name` in `old_slugs:`; (0, 0) when it is not there.
    pub fn old_slug_place(&self, name: &str, slug: &str) -> (usize, usize) {
        self.place_of(OldSlugOf::Term, name, slug)
    }

    /// The line and column in site.yaml of the old slug `slug` of the district `name`.
    pub fn district_old_slug_place(&self, name: &str, slug: &str) -> (usize, usize) {
        self.place_of(OldSlugOf::District, name, slug)
    }

    fn place_of(&self, of: OldSlugOf, name: &str, slug: &str) -> (usize, usize) {
        self.old_slug_places
            .get(&(of, name.to_string(), slug.to_string()))
            .copied()
            .unwrap_or((0, 0))
    }

    /// Every name and alias an article may use for a district.
    pub fn district_names(&self) -> impl Iterator<Item = &str> {
        self.districts
            .iter()
            .flat_map(|d| std::iter::once(d.name.as_str()).chain(d.aliases.iter().map(String::as_str)))
    }
}

/// Whose old slug a place in site.yaml is: a name in `old_slugs:`, or a district's entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum OldSlugOf {
    Term,
    District,
}

/// What the command line may override in site.yaml.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

/// Reads and validates `site.yaml` in `root`.
pub fn load_config(root: &Path, overrides: &Overrides) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let d = Diagnostic::error(
                    Area::Config,
                    CONFIG_FILE,
                    0,
                    0,
                    msg!("config-not-utf8", error = e.to_string()),
                )
                .with_hint(msg!("config-not-utf8-hint"));
                return Err(Diagnostics::from_iter([d]));
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // An absolute path: it does not lie under the site's folder, as other paths do.
            let d = Diagnostic::error(
                Area::Config,
                std::path::absolute(&path).unwrap_or(path),
                0,
                0,
                msg!("config-missing"),
            )
            .with_hint(msg!("config-missing-hint"));
            return Err(Diagnostics::from_iter([d]));
        }
        Err(e) => {
            return Err(Diagnostics::from_iter([crate::error::io_error(
                &path,
                msg!("config-io-read"),
                &e,
            )]));
        }
    };
    parse_config(&text, overrides)
}

/// Parses and validates the text of a site.yaml.
pub fn parse_config(text: &str, overrides: &Overrides) -> Result<Config, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let document: yaml::Document<RawConfig> = match yaml::parse_document(&text, CONFIG_KEYS, config_example) {
        Ok(document) => document,
        Err(problems) => {
            return Err(problems
                .into_iter()
                .map(|p| {
                    let hint = lint_key_hint(&text, p.line).or(p.hint);
                    let mut d = Diagnostic::error(Area::Config, CONFIG_FILE, p.line, p.column, p.message);
                    d.hint = hint;
                    d
                })
                .collect());
        }
    };
    let problems = document
        .warnings
        .into_iter()
        .map(|p| {
            let d = Diagnostic::warning(Area::Config, CONFIG_FILE, p.line, p.column, p.message);
            match p.hint {
                Some(hint) => d.with_hint(hint),
                None => d,
            }
        })
        .collect();
    Validator {
        text: &document.text,
        problems,
    }
    .validate(document.value, overrides)
}

fn config_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "paginate" => "paginate: 20",
        "feed_limit" => "feed_limit: 20",
        "search" => "search: true",
        "districts" => "districts: { 松江区: { slug: songjiang } }",
        "slugs" => "slugs: { 庄行镇: zhuang-hang-zhen }",
        "old_slugs" => "old_slugs: { 民宿: [min-su-2] }",
        "markdown" => "markdown: { unsafe_html: false }",
        "embeds" => "embeds: { hosts: [player.bilibili.com] }",
        "lints" => "lints: { number-mismatch: false, brief_limit: 300 }",
        _ => return None,
    })
}

/// The hint for an unknown key inside `lints:`, for a problem the YAML reader
/// found at `line`. The shared YAML reader suggests among the top-level keys,
/// which would send an editor who misspelt a lint name to `language` or
/// `theme`; inside `lints:` the lint names are the candidates. The key is read
/// from the line itself: the first key there that is not a lint's name.
fn lint_key_hint(text: &str, line: usize) -> Option<Message> {
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

struct Validator<'t> {
    text: &'t str,
    problems: Diagnostics,
}

impl Validator<'_> {
    fn problem(&mut self, key: &str, message: Message, hint: Option<Message>) {
        let line = yaml::key_line(self.text, key).unwrap_or(0);
        let mut d = Diagnostic::error(Area::Config, CONFIG_FILE, line, if line > 0 { 1 } else { 0 }, message);
        d.hint = hint;
        self.problems.push(d);
    }

    /// Old slugs, checked, each with its place; `keys` lead to their list in site.yaml.
    fn old_slugs(
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

    fn validate(mut self, raw: RawConfig, overrides: &Overrides) -> Result<Config, Diagnostics> {
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

    fn base_url(&mut self, value: Option<&str>) -> Option<BaseUrl> {
        let Some(value) = value else {
            self.problem(
                "base_url",
                msg!("config-no-base-url"),
                Some(msg!("config-no-base-url-hint")),
            );
            return None;
        };
        match BaseUrl::parse(value) {
            Ok(url) => Some(url),
            Err(message) => {
                self.problem("base_url", message, Some(msg!("config-base-url-hint")));
                None
            }
        }
    }

    fn positive(&mut self, key: &str, value: Option<i64>, default: usize) -> usize {
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

    fn districts(
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

    fn lints(&mut self, raw: &RawLints) -> LintConfig {
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
            brief_limit: self.positive("brief_limit", raw.brief_limit, on.brief_limit),
        }
    }

    fn slugs(&mut self, raw: BTreeMap<String, String>) -> BTreeMap<String, String> {
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

    const SAMPLE: &str = "title: 郊区简报\nbase_url: https://example.org/bulletin\ndistricts:\n  松江区: { slug: songjiang }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

    #[test]
    fn parses_districts_aliases_and_base_path() {
        let c = parse_config(SAMPLE, &Overrides::default()).unwrap();
        assert_eq!(c.district("崇明县").map(|d| d.slug.as_str()), Some("chongming"));
        assert_eq!(c.base_url.link("tags/"), "/bulletin/tags/");
        assert_eq!(c.base_url.absolute("atom.xml"), "https://example.org/bulletin/atom.xml");
        assert_eq!(c.paginate, 20);
        assert_eq!(c.utc_offset.local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn command_line_base_url_wins() {
        let o = Overrides {
            base_url: Some("https://preview.example.net/pr-7/".into()),
        };
        let c = parse_config(SAMPLE, &o).unwrap();
        assert_eq!(c.base_url.link("/"), "/pr-7/");
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let err = parse_config(
            "title: x\nbase_url: https://e.org/\npaginte: 3\n",
            &Overrides::default(),
        )
        .unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!((d.line, d.message.to_string().as_str()), (3, "unknown key `paginte`"));
        assert_eq!(
            d.hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean `paginate`?")
        );
    }

    #[test]
    fn reports_every_problem_at_once() {
        let text = "base_url: ftp://x\npaginate: 0\ndistricts:\n  松江区: { slug: Song Jiang }\n";
        let err = parse_config(text, &Overrides::default()).unwrap_err();
        let messages: Vec<_> = err.iter().map(|d| d.message.clone()).collect();
        assert_eq!(err.error_count(), 4, "{messages:?}");
    }

    #[test]
    fn the_reference_in_docs_lists_every_key_and_parses() {
        let doc = include_str!("../docs/config.md");
        let yaml = doc
            .split("```yaml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("docs/config.md has a yaml block");
        let config = parse_config(yaml, &Overrides::default()).expect("the reference is a valid site.yaml");
        assert_eq!(config.slugs["庄行镇"], "zhuang-hang-zhen");
        for key in CONFIG_KEYS {
            assert!(
                yaml.lines().any(|l| l.starts_with(&format!("{key}:"))),
                "{key} is not in docs/config.md"
            );
        }
        for key in LINT_KEYS {
            assert!(
                yaml.contains(&format!("  {key}: ")),
                "lints: {key} is not in docs/config.md"
            );
        }
    }

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

    #[test]
    fn input_method_slips_in_site_yaml_are_errors_at_their_place() {
        let err = parse_config(
            "title：闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区：{ slug: minhang }\n",
            &Overrides::default(),
        )
        .unwrap_err();
        let shown: Vec<_> = err
            .iter()
            .map(|d| (d.line, d.column, d.hint_text().unwrap_or_default()))
            .collect();
        let shown: Vec<_> = shown.iter().map(|(l, c, t)| (*l, *c, t.as_str())).collect();
        assert_eq!(
            shown,
            [
                (1, 6, "write it like this: title: 闵行简报"),
                (4, 6, "write it like this: 闵行区: { slug: minhang }")
            ]
        );
    }

    /// Every problem of `text`, in Chinese, as the text report prints it.
    fn in_chinese(text: &str) -> Vec<String> {
        let problems = match parse_config(text, &Overrides::default()) {
            Ok(config) => config.warnings,
            Err(problems) => problems,
        };
        problems.iter().map(|d| d.render(crate::i18n::Lang::Zh)).collect()
    }

    #[test]
    fn problems_in_site_yaml_are_told_in_chinese() {
        assert_eq!(
            in_chinese("title: x\ndistricts:\n  松江区:\n"),
            [
                "site.yaml: 错误：站点设置里没有 `base_url`（简报发布的网址）\n  提示：写上简报发布的网址，例如 `base_url: https://example.org/`"
            ]
        );
        assert_eq!(
            in_chinese("title: x\nbase_url: example.org/bulletin\ndistricts:\n  松江区:\n"),
            [
                "site.yaml:2:1: 错误：`example.org/bulletin` 不是网址（开头缺少 https://）\n  提示：写完整的网址，例如 https://example.org/bulletin/"
            ]
        );
        assert_eq!(
            in_chinese("title: x\nbase_url: https://e.org/\n"),
            [
                "site.yaml: 错误：站点设置里没有列出任何区\n  提示：每篇文章都要写明所属的区，请在这里列出各区，例如 `districts: { 松江区: { slug: songjiang } }`"
            ]
        );
        assert_eq!(
            in_chinese(&format!("{SAMPLE}paginate: 0\n")),
            ["site.yaml:6:1: 错误：`paginate` 至少要写 1，这里写的是 0"]
        );
        assert_eq!(
            in_chinese(&format!(
                "{SAMPLE}  闵行区: {{ slug: minhang, old_slugs: [Min Hang] }}\n"
            )),
            [
                "site.yaml:6:37: 错误：闵行区的旧网址名 `Min Hang` 不能用在网址里\n  提示：照旧网址里的写法填写，例如 min-hang"
            ]
        );
        assert_eq!(
            in_chinese(&format!("{SAMPLE}  金山区: {{ slug: songjiang }}\n")),
            ["site.yaml:6:1: 错误：松江区和金山区的网址名都是 `songjiang`\n  提示：给其中一个区另写一个 `slug:`"]
        );
    }

    #[test]
    fn a_town_list_split_and_a_misspelt_lint_in_chinese() {
        let text = "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  松江区:\n    towns:\n      - 洞泾镇、泖港镇\n";
        assert_eq!(
            in_chinese(text),
            [
                "site.yaml:6:12: 警告：松江区的“洞泾镇、泖港镇”中间有输入法打出的 `、`，已在这里拆成 2 个镇（街道）：洞泾镇、泖港镇\n  提示：每个镇（街道）单独写一项，改成这样：towns: [洞泾镇, 泖港镇]"
            ]
        );
        let hints = |text: &str| -> Vec<String> {
            parse_config(text, &Overrides::default())
                .unwrap_err()
                .iter()
                .filter_map(|d| d.hint.as_ref().map(|h| h.render(crate::i18n::Lang::Zh)))
                .collect()
        };
        assert_eq!(
            hints(&format!(
                "{SAMPLE}lints:\n  column-break: true\n  number-mismach: false\n"
            )),
            ["可能是想写 `number-mismatch`？"]
        );
        let all = hints(&format!("{SAMPLE}lints: {{ spelling: false }}\n"));
        assert!(
            all[0].starts_with("检查项只有这些：number-mismatch、column-break、"),
            "{all:?}"
        );
    }

    fn hash_of(config: &Config) -> u64 {
        use std::hash::Hasher;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        config.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn configs_from_the_same_text_are_equal_and_hash_alike() {
        // With a warning and `extra:`, so that those count too.
        let text =
            format!("{SAMPLE}  闵行区: {{ towns: [莘庄镇，七宝镇] }}\nextra: {{ editor: 编辑部, links: [a, b] }}\n");
        let a = parse_config(&text, &Overrides::default()).unwrap();
        let b = parse_config(&text, &Overrides::default()).unwrap();
        assert!(!a.warnings.is_empty());
        assert_eq!(a, b);
        assert_eq!(hash_of(&a), hash_of(&b));

        let other = parse_config(
            &text.replace("slug: chongming", "slug: chong-ming"),
            &Overrides::default(),
        )
        .unwrap();
        assert_ne!(a, other);
        assert_ne!(hash_of(&a), hash_of(&other));
    }

    #[test]
    fn a_district_id_names_its_district_by_name_or_alias() {
        let c = parse_config(SAMPLE, &Overrides::default()).unwrap();
        let id = c.district_id("崇明县").unwrap();
        assert_eq!(c.district_id("崇明区"), Some(id));
        assert_eq!(c.district_by_id(id).name, "崇明区");
        assert_eq!(id.index(), 1);
        assert_eq!(c.district_id("松江"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(
            parse_offset("-05:30").map(|o| o.local_minus_utc()),
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(parse_offset("08:00"), None);
    }
}
