//! site.yaml: read as written ([`RawConfig`]), then validated into a [`Config`]
//! whose values cannot be wrong (a base URL that parses, slugs that are
//! URL-safe, district aliases that point somewhere).
//!
//! This module knows nothing of articles; it only says which districts exist and
//! how names map to slugs.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Area, Diagnostic, Diagnostics};
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
    districts: IndexMap<String, Option<RawDistrict>>,
    #[serde(default)]
    slugs: BTreeMap<String, String>,
    #[serde(default)]
    markdown: RawMarkdown,
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
    "districts",
    "slugs",
    "markdown",
    "extra",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    towns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    highlight: Option<bool>,
}

/// A district an article may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct District {
    pub name: String,
    pub slug: String,
    /// Other names for it, such as 崇明县 for 崇明区.
    pub aliases: Vec<String>,
    /// The towns site.yaml lists for it (may be empty).
    pub towns: Vec<String>,
}

/// Options for Markdown rendering taken from site.yaml.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkdownConfig {
    /// Pass raw HTML through unsanitised; only for sites that trust every writer.
    pub unsafe_html: bool,
    /// Highlight fenced code with syntect.
    pub highlight: bool,
}

/// Where the site is published: the base URL and the path part every link starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// Absolute, ends with `/`: `https://example.org/bulletin/`.
    absolute: String,
    /// The path, starting and ending with `/`: `/bulletin/`.
    path: String,
}

impl BaseUrl {
    /// Parses an http(s) URL, adding the trailing `/` that editors forget.
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        let mut text = input.trim().to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        let url = url::Url::parse(&text).map_err(|e| format!("`{input}` is not a URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{input}` is not an http or https address"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("`{input}` has a query or fragment; a base URL cannot"));
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
#[derive(Clone, Debug)]
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
    /// The districts, in the order site.yaml lists them.
    pub districts: Vec<District>,
    /// Slugs chosen by the editor for tags, towns and columns.
    pub slugs: BTreeMap<String, String>,
    pub markdown: MarkdownConfig,
    /// Free-form values for themes (`site.extra` in templates).
    pub extra: serde_yaml::Mapping,
}

impl Config {
    /// The district named `name`, by its name or one of its aliases.
    pub fn district(&self, name: &str) -> Option<&District> {
        self.districts
            .iter()
            .find(|d| d.name == name || d.aliases.iter().any(|a| a == name))
    }

    /// Every name and alias an article may use for a district.
    pub fn district_names(&self) -> impl Iterator<Item = &str> {
        self.districts
            .iter()
            .flat_map(|d| std::iter::once(d.name.as_str()).chain(d.aliases.iter().map(String::as_str)))
    }
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
                let d = Diagnostic::error(Area::Config, CONFIG_FILE, 0, 0, format!("not UTF-8 text: {e}"))
                    .with_hint("save site.yaml as UTF-8");
                return Err(Diagnostics::from_iter([d]));
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let d = Diagnostic::error(
                Area::Config,
                path.display().to_string(),
                0,
                0,
                "there is no site.yaml here",
            )
            .with_hint("run jianbao in a site's folder, or name it with --root DIR");
            return Err(Diagnostics::from_iter([d]));
        }
        Err(e) => {
            return Err(Diagnostics::from_iter([crate::error::io_error(
                &path,
                "read site.yaml",
                &e,
            )]));
        }
    };
    parse_config(&text, overrides)
}

/// Parses and validates the text of a site.yaml.
pub fn parse_config(text: &str, overrides: &Overrides) -> Result<Config, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let raw: RawConfig = match yaml::parse(&text, CONFIG_KEYS, config_example) {
        Ok(raw) => raw,
        Err(p) => {
            let mut d = Diagnostic::error(Area::Config, CONFIG_FILE, p.line, p.column, p.message);
            d.hint = p.hint;
            return Err(Diagnostics::from_iter([d]));
        }
    };
    Validator {
        text: &text,
        problems: Diagnostics::new(),
    }
    .validate(raw, overrides)
}

fn config_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "paginate" => "paginate: 20",
        "feed_limit" => "feed_limit: 20",
        "districts" => "districts: { 松江区: { slug: songjiang } }",
        "slugs" => "slugs: { 庄行镇: zhuang-hang-zhen }",
        "markdown" => "markdown: { unsafe_html: false }",
        _ => return None,
    })
}

struct Validator<'t> {
    text: &'t str,
    problems: Diagnostics,
}

impl Validator<'_> {
    fn problem(&mut self, key: &str, message: String, hint: &str) {
        let line = yaml::key_line(self.text, key).unwrap_or(0);
        let d = Diagnostic::error(Area::Config, CONFIG_FILE, line, if line > 0 { 1 } else { 0 }, message);
        self.problems.push(if hint.is_empty() { d } else { d.with_hint(hint) });
    }

    fn validate(mut self, raw: RawConfig, overrides: &Overrides) -> Result<Config, Diagnostics> {
        let title = raw.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
            self.problem(
                "title",
                "site.yaml has no title".into(),
                "add a line such as `title: 郊区简报`",
            );
            String::new()
        });
        let base_url = self.base_url(overrides.base_url.as_deref().or(raw.base_url.as_deref()));
        let paginate = self.positive("paginate", raw.paginate, 20);
        let feed_limit = self.positive("feed_limit", raw.feed_limit, 20);
        let utc_offset = self.utc_offset(raw.utc_offset.as_deref());
        let districts = self.districts(raw.districts);
        let slugs = self.slugs(raw.slugs);
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
            districts,
            slugs,
            markdown: MarkdownConfig {
                unsafe_html: raw.markdown.unsafe_html,
                highlight: raw.markdown.highlight.unwrap_or(true),
            },
            extra: raw.extra,
        })
    }

    fn base_url(&mut self, value: Option<&str>) -> Option<BaseUrl> {
        let Some(value) = value else {
            self.problem(
                "base_url",
                "site.yaml has no base_url".into(),
                "add the address the bulletin is published at, such as `base_url: https://example.org/`",
            );
            return None;
        };
        match BaseUrl::parse(value) {
            Ok(url) => Some(url),
            Err(message) => {
                self.problem(
                    "base_url",
                    message,
                    "write a full address such as https://example.org/bulletin/",
                );
                None
            }
        }
    }

    fn positive(&mut self, key: &str, value: Option<i64>, default: usize) -> usize {
        match value {
            None => default,
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => {
                self.problem(key, format!("`{key}` must be at least 1, not {n}"), "");
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
                    format!("`{value}` is not a UTC offset"),
                    "write it like `utc_offset: \"+08:00\"`",
                );
                china
            }
        }
    }

    fn districts(&mut self, raw: IndexMap<String, Option<RawDistrict>>) -> Vec<District> {
        if raw.is_empty() {
            self.problem(
                "districts",
                "site.yaml lists no districts".into(),
                "every article names its district; list them, such as `districts: { 松江区: { slug: songjiang } }`",
            );
        }
        let mut districts: Vec<District> = Vec::new();
        for (name, entry) in raw {
            let entry = entry.unwrap_or_default();
            let slug = match entry.slug {
                Some(s) if slug::is_valid_slug(&s) => s,
                Some(s) => {
                    self.problem(
                        &name,
                        format!("district {name}: slug `{s}` is not URL-safe"),
                        "use lowercase letters, digits and single hyphens, such as songjiang",
                    );
                    slug::slugify(&name)
                }
                None => slug::slugify(&name),
            };
            if let Some(other) = districts.iter().find(|d| d.slug == slug) {
                let message = format!("districts {} and {name} have the same slug `{slug}`", other.name);
                self.problem(&name, message, "give one of them its own `slug:`");
            }
            for alias in &entry.aliases {
                if alias == &name || districts.iter().any(|d| &d.name == alias || d.aliases.contains(alias)) {
                    self.problem(&name, format!("the name {alias} is used by more than one district"), "");
                }
            }
            districts.push(District {
                name,
                slug,
                aliases: entry.aliases,
                towns: entry.towns,
            });
        }
        districts
    }

    fn slugs(&mut self, raw: BTreeMap<String, String>) -> BTreeMap<String, String> {
        for (name, s) in &raw {
            if !slug::is_valid_slug(s) {
                self.problem(
                    name,
                    format!("slug `{s}` for {name} is not URL-safe"),
                    "use lowercase letters, digits and single hyphens",
                );
            }
        }
        raw
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
        assert_eq!((d.line, d.message.as_str()), (3, "unknown key `paginte`"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn reports_every_problem_at_once() {
        let text = "base_url: ftp://x\npaginate: 0\ndistricts:\n  松江区: { slug: Song Jiang }\n";
        let err = parse_config(text, &Overrides::default()).unwrap_err();
        let messages: Vec<_> = err.iter().map(|d| d.message.clone()).collect();
        assert_eq!(err.error_count(), 4, "{messages:?}");
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
    fn offsets() {
        assert_eq!(
            parse_offset("-05:30").map(|o| o.local_minus_utc()),
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(parse_offset("08:00"), None);
    }
}
