//! Old addresses that keep working: an article's `aliases:`, and the
//! `old_slugs:` of tags, towns, columns and districts in site.yaml. Each is
//! published as a small redirect page at the old address that sends readers,
//! and search engines, on to the page as it is now.
//!
//! Pure computation over the loaded site: which old address leads where, and
//! who asked for it. Whether one would take a real page's place is checked by
//! the plan, which alone knows every page; the page itself is the renderer's.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{CONFIG_FILE, Config};
use crate::content::aliases::redirect_file;
use crate::content::{Alias, Article};
use crate::error::{Area, Diagnostic, did_you_mean};
use crate::i18n::Message;
use crate::msg;
use crate::taxonomy::{ArticleId, Taxonomies, TaxonomyKind};

/// The page a redirect leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Article(ArticleId),
    /// The first page of a term; `term` is its position in its taxonomy.
    Term {
        kind: TaxonomyKind,
        term: usize,
    },
}

/// Who asked for a redirect, for the errors about it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A line of `aliases:` in an article's front matter.
    Alias {
        /// The article's file, relative to the site.
        file: PathBuf,
        line: usize,
        column: usize,
    },
    /// An old slug in site.yaml.
    OldSlug { slug: String, line: usize, column: usize },
}

/// One old address, and the page it leads to now.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// The site path it is published at: `2013/11/old-slug/`, or `news/1103.html`.
    pub from: String,
    pub to: Target,
    pub origin: Origin,
}

impl Redirect {
    /// The file it is written to under the output folder.
    pub fn file(&self) -> String {
        redirect_file(&self.from)
    }

    /// The site path of the page it leads to: `2013/11/slug/`, `tags/min-su/`.
    pub fn target_path(&self, articles: &[Arc<Article>], taxonomies: &Taxonomies) -> String {
        match self.to {
            Target::Article(id) => articles[id].url_path.clone(),
            Target::Term { kind, term } => format!("{}/{}/", kind.key(), taxonomies.get(kind).terms[term].slug),
        }
    }

    /// How errors name it: "the alias /2013/11/old-slug/", "the old slug `min-su-2` of the tag 民宿".
    pub fn describe(&self, taxonomies: &Taxonomies) -> Message {
        match (&self.origin, self.to) {
            (Origin::OldSlug { slug, .. }, Target::Term { kind, term }) => msg!(
                "site-redirect-old-slug",
                slug = slug,
                kind = kind.name(),
                name = &taxonomies.get(kind).terms[term].name,
                path = &self.from
            ),
            _ => msg!("site-redirect-alias", path = &self.from),
        }
    }

    /// Where it was asked for, as `file:line`.
    pub fn place(&self) -> String {
        match &self.origin {
            Origin::Alias { file, line, .. } => format!("{}:{line}", file.display()),
            Origin::OldSlug { line, .. } => format!("{CONFIG_FILE}:{line}"),
        }
    }

    /// An error about it, at the place it was asked for.
    pub fn error(&self, message: Message, hint: Message) -> Diagnostic {
        let d = match &self.origin {
            Origin::Alias { file, line, column } => {
                Diagnostic::error(Area::Content, file.clone(), *line, *column, message)
            }
            Origin::OldSlug { line, column, .. } => {
                Diagnostic::error(Area::Config, CONFIG_FILE, *line, *column, message)
            }
        };
        d.with_hint(hint)
    }
}

/// Every redirect of a site, in a fixed order: the articles' aliases, newest
/// article first, then the old slugs of each taxonomy's terms, in index order;
/// with a warning for each name in `old_slugs:` that is no term of any article.
///
/// `aliases` are the articles' `aliases:`, by their place in `articles`.
pub fn collect_redirects(
    config: &Config,
    articles: &[Arc<Article>],
    aliases: &[Vec<Alias>],
    taxonomies: &Taxonomies,
) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut redirects = Vec::new();
    for (id, (article, listed)) in articles.iter().zip(aliases).enumerate() {
        redirects.extend(listed.iter().map(|alias| Redirect {
            from: alias.path.clone(),
            to: Target::Article(id),
            origin: Origin::Alias {
                file: article.source.clone(),
                line: alias.line,
                column: alias.column,
            },
        }));
    }
    for kind in TaxonomyKind::ALL {
        for (term, t) in taxonomies.get(kind).terms.iter().enumerate() {
            let is_district = kind == TaxonomyKind::Districts;
            let olds = if is_district {
                config.district(&t.name).map_or(&[][..], |d| d.old_slugs.as_slice())
            } else {
                config.old_slugs.get(&t.name).map_or(&[][..], Vec::as_slice)
            };
            for slug in olds {
                let (line, column) = if is_district {
                    config.district_old_slug_place(&t.name, slug)
                } else {
                    config.old_slug_place(&t.name, slug)
                };
                redirects.push(Redirect {
                    from: format!("{}/{slug}/", kind.key()),
                    to: Target::Term { kind, term },
                    origin: Origin::OldSlug {
                        slug: slug.clone(),
                        line,
                        column,
                    },
                });
            }
        }
    }
    (redirects, unused_old_slugs(config, taxonomies))
}

/// A warning for each name in `old_slugs:` that no article uses as a tag, town
/// or column: most likely a misspelling, and its old addresses lead nowhere.
fn unused_old_slugs(config: &Config, taxonomies: &Taxonomies) -> Vec<Diagnostic> {
    let kinds = [TaxonomyKind::Tags, TaxonomyKind::Towns, TaxonomyKind::Columns];
    let names = || {
        kinds
            .iter()
            .flat_map(|&k| taxonomies.get(k).terms.iter().map(|t| t.name.as_str()))
    };
    let mut warnings = Vec::new();
    for (name, olds) in &config.old_slugs {
        let Some(first) = olds.first() else { continue };
        if names().any(|n| n == name) {
            continue;
        }
        let (line, column) = config.old_slug_place(name, first);
        let hint = if config.district(name).is_some() {
            msg!("site-old-slugs-district-hint", name = name, first = first)
        } else {
            match did_you_mean(name, names()) {
                Some(near) => msg!("site-old-slugs-near-hint", near = near),
                None => msg!("site-old-slugs-hint"),
            }
        };
        let d = Diagnostic::warning(
            Area::Config,
            CONFIG_FILE,
            line,
            column,
            msg!("site-old-slugs-unused", name = name),
        )
        .with_hint(hint);
        warnings.push(d);
    }
    warnings
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::{Overrides, parse_config};
    use crate::i18n::Lang;
    use crate::site::{Site, assemble};

    pub(crate) const SITE_YAML: &str = "title: 闵行简报\nbase_url: https://example.org/bulletin/\ndistricts:\n  闵行区: { slug: minhang, old_slugs: [min-hang-qu] }\n  松江区: { slug: songjiang }\nslugs:\n  民宿: min-su\n  莘庄镇: xin-zhuang-zhen\nold_slugs:\n  民宿: [min-su-2]\n  莘庄镇: [xinzhuang]\n";

    /// A site of articles given as (content/-relative path, front matter lines).
    pub(crate) fn site_of(site_yaml: &str, articles: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
        let config = parse_config(site_yaml, &Overrides::default()).expect("site.yaml");
        let mut loaded: Vec<(Arc<Article>, Vec<Alias>)> = articles
            .iter()
            .map(|(path, front)| {
                let text = format!("---\n{front}\n---\n本报讯 正文。\n");
                let (article, aliases) =
                    crate::content::article_from_bytes(path, text.as_bytes(), &config).expect("a valid article");
                (Arc::new(article), aliases)
            })
            .collect();
        loaded.sort_by(|(a, _), (b, _)| Article::newest_first(a, b));
        let (articles, aliases): (Vec<_>, Vec<_>) = loaded.into_iter().unzip();
        let (site, warnings) = assemble(config, articles, &aliases);
        (site, warnings.into_iter().collect())
    }

    #[test]
    fn aliases_and_old_slugs_lead_to_their_pages() {
        let (site, warnings) = site_of(
            SITE_YAML,
            &[
                (
                    "2013/11/xinzhuang.md",
                    "title: 莘庄镇“文明小区”评选揭晓\ndate: 2013-11-05\ndistrict: 闵行区\ntowns: [莘庄镇]\ntags: [民宿]\naliases: [/2013/11/wen-ming/, /news/1105.html]",
                ),
                (
                    "2013/11/older.md",
                    "title: 旧文\ndate: 2013-11-01\ndistrict: 松江区\naliases: [/old/]",
                ),
            ],
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let shown: Vec<(String, String, String)> = site
            .redirects
            .iter()
            .map(|r| {
                let target = r.target_path(&site.articles, &site.taxonomies);
                (r.from.clone(), target, r.place())
            })
            .collect();
        let row = |from: &str, to: &str, place: &str| (from.to_string(), to.to_string(), place.to_string());
        assert_eq!(
            shown,
            [
                row(
                    "2013/11/wen-ming/",
                    "2013/11/xinzhuang/",
                    "content/2013/11/xinzhuang.md:7"
                ),
                row("news/1105.html", "2013/11/xinzhuang/", "content/2013/11/xinzhuang.md:7"),
                row("old/", "2013/11/older/", "content/2013/11/older.md:5"),
                row("districts/min-hang-qu/", "districts/minhang/", "site.yaml:4"),
                row("towns/xinzhuang/", "towns/xin-zhuang-zhen/", "site.yaml:11"),
                row("tags/min-su-2/", "tags/min-su/", "site.yaml:10"),
            ]
        );
        assert_eq!(site.redirects[1].file(), "news/1105.html");
        assert_eq!(site.redirects[2].file(), "old/index.html");
        let described = site.redirects[5].describe(&site.taxonomies);
        assert_eq!(
            described.render(Lang::En),
            "the old slug `min-su-2` of the tag 民宿 (/tags/min-su-2/)"
        );
        assert_eq!(
            described.render(Lang::Zh),
            "标签“民宿”的旧网址名 `min-su-2`（/tags/min-su-2/）"
        );
    }

    #[test]
    fn old_slugs_of_a_name_no_article_has_are_a_warning() {
        let yaml = format!("{SITE_YAML}  闵行区: [min-hang]\n  民俗: [min-su-3]\n");
        let (site, warnings) = site_of(
            &yaml,
            &[(
                "2013/11/a.md",
                "title: 民宿开张\ndate: 2013-11-05\ndistrict: 闵行区\ntags: [民宿]",
            )],
        );
        let of = |name: &str| {
            let w = warnings
                .iter()
                .find(|w| w.message.to_string().contains(name))
                .expect(name);
            (w.line, w.column, w.hint_text().unwrap_or_default())
        };
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let (line, column, hint) = of("闵行区");
        assert_eq!((line, column), (12, 9));
        assert!(
            hint.starts_with("a district lists its old slugs in its own entry"),
            "{hint}"
        );
        assert_eq!(of("民俗"), (13, 8, "did you mean 民宿?".to_string()));
        assert_eq!(of("莘庄镇").0, 11, "no article names the town");
        assert!(warnings.iter().all(|w| !w.is_error()));
        assert_eq!(site.redirects.len(), 2, "the district's and the tag's");
        let zh: Vec<String> = warnings.iter().map(|w| w.render(Lang::Zh)).collect();
        assert_eq!(
            zh,
            [
                "site.yaml:13:8: 警告：没有已发布的文章用“民俗”作标签、镇（街道）或栏目，它的旧网址名不会跳转到任何页面\n  \
                 提示：可能是想写“民宿”？",
                "site.yaml:11:9: 警告：没有已发布的文章用“莘庄镇”作标签、镇（街道）或栏目，它的旧网址名不会跳转到任何页面\n  \
                 提示：名称要和文章在 `tags:`、`towns:` 或 `column:` 里写的完全一样",
                "site.yaml:12:9: 警告：没有已发布的文章用“闵行区”作标签、镇（街道）或栏目，它的旧网址名不会跳转到任何页面\n  \
                 提示：区的旧网址名写在 `districts:` 里这个区自己的那一项中：districts: { 闵行区: { old_slugs: [min-hang] } }",
            ]
        );
    }
}
