//! site.yaml: read as written (`RawConfig`), then validated into a [`Config`]
//! whose values cannot be wrong (a base URL that parses, slugs that are
//! URL-safe, district aliases that point somewhere).
//!
//! This module knows nothing of articles; it only says which districts exist and
//! how names map to slugs.
//!
//! The types a site's code reads are here; the parts of reading them are in
//! submodules: `raw` (site.yaml as written), `validate` (the validator and
//! plain values), `districts` (districts, towns and slugs), `base_url` (web
//! addresses) and `lints` (the `lints:` section).

mod base_url;
mod districts;
mod lints;
mod raw;
mod validate;

use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::Path;

use crate::error::{Area, Diagnostic, Diagnostics};
use crate::msg;
use crate::yaml;
use lints::lint_key_hint;
use raw::{CONFIG_KEYS, RawConfig, config_example};
use validate::Validator;

pub use base_url::address_host;
pub use lints::{DEFAULT_BRIEF_LIMIT, LINT_KEYS};

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.yaml";

/// Online players an article may show in an iframe (`{{ video(url=…) }}`), from `embeds:`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmbedsConfig {
    /// The hosts allowed, lower case (`player.bilibili.com`); none by default.
    pub hosts: Vec<String>,
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
    /// An ordinal with the wrong mark after it where a line begins (一， 1、 （一）、).
    pub ordinal_mark: bool,
    /// A year in Chinese numerals with its zero written 零, 0 or ○ rather than 〇.
    pub year_zero: bool,
    /// A range of numbers written with a hyphen or a half-width tilde (2月-6月).
    pub range_mark: bool,
    /// A document number whose year is not in 〔〕, or with 第 before its serial.
    pub doc_number: bool,
    /// Arabic digits with 千 or 百 (4千 for 4000).
    pub mixed_numerals: bool,
    /// A date whose year is in one kind of numerals and its month or day in the other.
    pub date_numerals: bool,
    /// Double quotation marks inside double ones, where single ones belong.
    pub nested_quotes: bool,
    /// Under one heading, an ordinal of a level above one used before it (1. then （一）).
    pub ordinal_level: bool,
    /// Two hyphens standing for the dash —— between Chinese text.
    pub dash: bool,
    /// A measure of ten or more with its unit in Chinese numerals (十二点五公里).
    pub measure_numerals: bool,
    /// The longest a brief may be, in characters as [`crate::markdown::cjk::count_chars`] counts them.
    pub brief_limit: usize,
}

/// Where the site is published: the base URL and the path part every link starts with.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// Absolute, ends with `/`: `https://example.org/bulletin/`.
    absolute: String,
    /// The path, starting and ending with `/`: `/bulletin/`.
    path: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const SAMPLE: &str = "title: 郊区简报\nbase_url: https://example.org/bulletin\ndistricts:\n  松江区: { slug: songjiang }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

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
}
