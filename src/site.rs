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
    pub taxonomies: Taxonomies,
    /// For each article, the others sharing most tags with it.
    pub related: Vec<Vec<ArticleId>>,
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
    load_site_cached(root, options, &mut ArticleCache::default())
}

/// Like [`load_site`], reading and rendering only the articles that changed
/// since the build that filled `cache`.
pub fn load_site_cached(
    root: &Path,
    options: &SiteOptions,
    cache: &mut ArticleCache,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let config = config::load_config(root, &options.overrides)?;
    let (articles, mut problems) = content::load_articles_cached(root, &config, options.load, cache);
    if problems.has_errors() {
        problems.sort();
        return Err(problems);
    }
    let (site, warnings) = assemble(config, articles);
    problems.extend(warnings);
    problems.sort();
    Ok((site, problems))
}

/// The site model of loaded articles (newest first): taxonomies and related
/// articles worked out, with the warnings that produced.
pub fn assemble(config: Config, articles: Vec<Arc<Article>>) -> (Site, Diagnostics) {
    let (taxonomies, warnings) = taxonomy::build_taxonomies(&articles, &config);
    let related = taxonomy::related_articles(&articles, &taxonomies.tags, RELATED_LIMIT);
    (
        Site {
            config,
            articles,
            taxonomies,
            related,
        },
        warnings.into_iter().collect(),
    )
}
