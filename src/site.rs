//! The site model: configuration, articles newest first, their taxonomies and
//! related articles. Built once by [`load_site`]; read by the plan and the
//! renderer, changed by neither.

use std::path::Path;
use std::sync::Arc;

use crate::config::{self, Config, Overrides};
use crate::content::{self, Article, ArticleCache, LoadOptions};
use crate::error::Diagnostics;
use crate::taxonomy::{self, ArticleId, Taxonomies};

/// How many related articles an article page lists.
const RELATED_LIMIT: usize = 5;

/// Everything known about a site before any page is rendered.
#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    /// Newest first; an [`ArticleId`] is a position in this list.
    /// Shared, so that a rebuild reuses the articles that did not change.
    pub articles: Vec<Arc<Article>>,
    /// Shared, so that a rebuild whose articles are grouped as before reuses them.
    pub taxonomies: Arc<Taxonomies>,
    /// For each article, the others sharing most tags with it.
    pub related: Arc<Vec<Vec<ArticleId>>>,
}

impl Site {
    /// The article older than `id`, shown as "previous".
    pub fn older(&self, id: ArticleId) -> Option<ArticleId> {
        (id + 1 < self.articles.len()).then_some(id + 1)
    }

    /// The article newer than `id`, shown as "next".
    pub fn newer(&self, id: ArticleId) -> Option<ArticleId> {
        id.checked_sub(1)
    }

    /// Every picture file to publish, as (file under the output, file in the
    /// picture cache), each once: pictures go beside their article's page.
    pub fn published_pictures(&self) -> Vec<(String, std::path::PathBuf)> {
        let mut files: Vec<(String, std::path::PathBuf)> = self
            .articles
            .iter()
            .flat_map(|a| {
                a.pictures
                    .iter()
                    .flat_map(|p| &p.variants)
                    .map(|v| (format!("{}{}", a.url_path, v.file_name), v.cached.clone()))
            })
            .collect();
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        files
    }

    /// Short news items, newest first.
    pub fn briefs(&self) -> Vec<ArticleId> {
        (0..self.articles.len())
            .filter(|&id| self.articles[id].front.kind == content::Kind::Brief)
            .collect()
    }
}

/// What a build reads, besides the site's own files.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    pub overrides: Overrides,
    pub load: LoadOptions,
}

/// Reads site.yaml and every article of the site at `root`.
///
/// Returns the site with its warnings, or every problem found when any is an error.
pub fn load_site(root: &Path, options: &SiteOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    load_site_cached(root, options, &mut SiteCache::default())
}

/// What [`load_site_cached`] keeps from one build of a site for the next.
#[derive(Default)]
pub struct SiteCache {
    articles: ArticleCache,
    grouping: Option<Grouping>,
}

/// The taxonomies and related articles of a build, with what they were worked out from.
struct Grouping {
    /// The configuration, as text: it names districts and slugs.
    config: String,
    articles: Vec<Arc<Article>>,
    taxonomies: Arc<Taxonomies>,
    related: Arc<Vec<Vec<ArticleId>>>,
    warnings: Diagnostics,
}

impl Grouping {
    /// Whether these results hold for `articles` under `config`: the same
    /// articles in the same order, each with the same URL, kind and terms.
    fn fits(&self, config: &str, articles: &[Arc<Article>]) -> bool {
        self.config == config
            && self.articles.len() == articles.len()
            && self
                .articles
                .iter()
                .zip(articles)
                .all(|(old, new)| Arc::ptr_eq(old, new) || grouped_alike(old, new))
    }
}

/// Whether two versions of an article take the same place in every list,
/// taxonomy and related list: all that a body edit leaves alone.
fn grouped_alike(a: &Article, b: &Article) -> bool {
    a.source == b.source
        && a.url_path == b.url_path
        && a.front.kind == b.front.kind
        && a.front.district == b.front.district
        && a.front.tags == b.front.tags
        && a.front.towns == b.front.towns
        && a.front.column == b.front.column
}

/// Like [`load_site`], reading and rendering only the articles that changed
/// since the build that filled `cache`, and grouping them again only when
/// their order or terms changed.
pub fn load_site_cached(
    root: &Path,
    options: &SiteOptions,
    cache: &mut SiteCache,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let config = config::load_config(root, &options.overrides)?;
    let (articles, mut problems) = content::load_articles_cached(root, &config, options.load, &mut cache.articles);
    if problems.has_errors() {
        problems.sort();
        return Err(problems);
    }
    let config_text = format!("{config:?}");
    let grouping = match cache.grouping.take() {
        Some(g) if g.fits(&config_text, &articles) => Grouping { articles, ..g },
        _ => {
            let (taxonomies, related, warnings) = group(&config, &articles);
            Grouping {
                config: config_text,
                articles,
                taxonomies: Arc::new(taxonomies),
                related: Arc::new(related),
                warnings,
            }
        }
    };
    problems.extend(grouping.warnings.iter().cloned());
    problems.sort();
    let site = Site {
        config,
        articles: grouping.articles.clone(),
        taxonomies: Arc::clone(&grouping.taxonomies),
        related: Arc::clone(&grouping.related),
    };
    cache.grouping = Some(grouping);
    Ok((site, problems))
}

/// The site model of loaded articles (newest first): taxonomies and related
/// articles worked out, with the warnings that produced.
pub fn assemble(config: Config, articles: Vec<Arc<Article>>) -> (Site, Diagnostics) {
    let (taxonomies, related, warnings) = group(&config, &articles);
    (
        Site {
            config,
            articles,
            taxonomies: Arc::new(taxonomies),
            related: Arc::new(related),
        },
        warnings,
    )
}

fn group(config: &Config, articles: &[Arc<Article>]) -> (Taxonomies, Vec<Vec<ArticleId>>, Diagnostics) {
    let (taxonomies, warnings) = taxonomy::build_taxonomies(articles, config);
    let related = taxonomy::related_articles(articles, &taxonomies.tags, RELATED_LIMIT);
    (taxonomies, related, warnings.into_iter().collect())
}
