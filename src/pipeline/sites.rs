//! The site kept between builds, so that a rebuild (`serve` makes one on
//! every edit) reads only the articles that changed and groups them into
//! taxonomies and related lists again only when their order or terms changed;
//! a load with a fresh cache is the plain load. The model itself, and how it
//! is assembled and grouped, is [`crate::site`]'s.

use std::path::Path;
use std::sync::Arc;

use super::articles::{ArticleCache, load_articles_cached, reload_articles};
use crate::config::{self, Config};
use crate::content::{self, Article};
use crate::error::Diagnostics;
use crate::redirects;
use crate::site::{Site, SiteOptions, regroup};
use crate::taxonomy::{ArticleId, Taxonomies};

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
    replaced: Option<Vec<ArticleId>>,
    /// The articles that loaded, when the last load failed, with the configuration.
    failed: Option<Partial>,
    /// The edition files of `issues/` as last read.
    editions: crate::editions::EditionFiles,
}

impl SiteCache {
    /// A cache for one load, dropped after it, holding at most `held_text`
    /// bytes of article text (see [`ArticleCache::single_use`]).
    pub fn single_use(held_text: usize) -> SiteCache {
        SiteCache {
            articles: ArticleCache::single_use(held_text),
            ..SiteCache::default()
        }
    }
}

/// What a failed load did load: enough for the lints of the articles that
/// are right, while an editor fixes the one that is not.
struct Partial {
    config: Config,
    articles: Arc<Vec<Arc<Article>>>,
    aliases: Arc<Vec<Vec<content::Alias>>>,
}

impl SiteCache {
    /// For a cache that served one load: the stamps of the article files it
    /// read (see [`super::articles::ArticleCache::source_stamps`]).
    pub(crate) fn source_stamps(&self) -> &[crate::content::StampedPath] {
        self.articles.source_stamps()
    }

    /// The articles the last load replaced, in place, when it replaced only
    /// those; `None` when it looked at every article.
    pub fn replaced(&self) -> Option<&[ArticleId]> {
        self.replaced.as_deref()
    }

    /// The site made of the articles that loaded, when the last load failed
    /// after reading site.yaml; taken, so a second call gives `None`.
    pub fn take_partial(&mut self) -> Option<Site> {
        let Partial {
            config,
            articles,
            aliases,
        } = self.failed.take()?;
        let articles = Arc::unwrap_or_clone(articles);
        Some(crate::site::assemble(config, articles, &aliases).0)
    }
}

/// The taxonomies and related articles of a build, with what they were worked out from.
struct Grouping {
    /// What of site.yaml it was worked out with: the districts, and the slugs
    /// chosen for terms. Nothing else of it changes the grouping.
    districts: Vec<config::District>,
    slugs: std::collections::BTreeMap<String, String>,
    /// The articles, in order, it was worked out from: shared with the site
    /// model, so keeping them copies nothing.
    articles: Arc<Vec<Arc<Article>>>,
    taxonomies: Arc<Taxonomies>,
    related: Arc<Vec<Vec<ArticleId>>>,
    warnings: Diagnostics,
}

/// Whether `now`, a version of the article `then`, has the same place in
/// every list, taxonomy and related list: all that a body edit leaves alone.
fn same_place(then: &Article, now: &Article) -> bool {
    then.source == now.source
        && then.url_path == now.url_path
        && then.front.kind == now.front.kind
        && then.front.district == now.front.district
        && then.front.tags == now.front.tags
        && then.front.towns == now.front.towns
        && then.front.column == now.front.column
}

impl Grouping {
    /// The grouping of `articles`, reusing what `last` worked out that a
    /// change of a few articles leaves as it was.
    fn after(last: Option<&Grouping>, config: &Config, articles: &Arc<Vec<Arc<Article>>>) -> Grouping {
        let last = last.map(|g| (g.articles.as_slice(), g.related.as_slice()));
        let (taxonomies, related, warnings) = regroup(config, articles, last);
        Grouping {
            districts: config.districts.clone(),
            slugs: config.slugs.clone(),
            articles: Arc::clone(articles),
            taxonomies: Arc::new(taxonomies),
            related: Arc::new(related),
            warnings,
        }
    }

    /// Whether these results hold for `articles` under `config`, when the
    /// articles not in `replaced` (all, when `None`) may differ from last time.
    fn fits(&self, config: &Config, articles: &[Arc<Article>], replaced: Option<&[ArticleId]>) -> bool {
        if self.districts != config.districts || self.slugs != config.slugs || self.articles.len() != articles.len() {
            return false;
        }
        match replaced {
            Some(ids) => ids.iter().all(|&id| same_place(&self.articles[id], &articles[id])),
            None => self
                .articles
                .iter()
                .zip(articles)
                .all(|(then, now)| same_place(then, now)),
        }
    }
}

/// Like [`load_site`], reading and rendering only the articles that changed
/// since the build that filled `cache`, and grouping them again only when
/// their order or terms changed.
pub fn load_site_cached(
    root: &Path,
    options: &SiteOptions,
    cache: &mut SiteCache,
) -> Result<(Site, Diagnostics), Diagnostics> {
    reload_site(root, options, cache, None)
}

/// Like [`load_site_cached`], when only the articles `changed` (content/-relative
/// paths) can have changed since the last load: looks at just those when that
/// is enough to be sure, at every file when not. `None` looks at every file.
pub fn reload_site(
    root: &Path,
    options: &SiteOptions,
    cache: &mut SiteCache,
    changed: Option<&[String]>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let timer = crate::timing::PhaseTimer::from_env();
    cache.failed = None;
    let config = config::load_config(root, &options.overrides)?;
    let reloaded = changed.and_then(|paths| reload_articles(root, &config, options.load, &mut cache.articles, paths));
    let (loaded, replaced) = match reloaded {
        Some((loaded, replaced)) => (loaded, replaced),
        None => (
            load_articles_cached(root, &config, options.load, &mut cache.articles),
            None,
        ),
    };
    let content::Loaded {
        articles,
        aliases,
        left_out,
        mut problems,
    } = loaded;
    problems.extend(config.warnings.iter().cloned());
    cache.replaced = None;
    if problems.has_errors() {
        problems.extend(crate::editions::file_problems(root, &config, &mut cache.editions));
        problems.sort();
        cache.failed = Some(Partial {
            config,
            articles,
            aliases,
        });
        return Err(problems);
    }
    timer.lap("load the articles");
    let grouping = match cache.grouping.take() {
        Some(g) if g.fits(&config, &articles, replaced.as_deref()) => g,
        last => Grouping::after(last.as_ref(), &config, &articles),
    };
    problems.extend(grouping.warnings.iter().cloned());
    let (redirects, warnings) = redirects::collect_redirects(&config, &articles, &aliases, &grouping.taxonomies);
    problems.extend(warnings);
    let (editions, found) = crate::editions::load(root, &config, &articles, &left_out, &mut cache.editions);
    problems.extend(found);
    problems.sort();
    if problems.has_errors() {
        // Only the editions can be wrong here: keep the grouping, and the articles for their lints.
        cache.grouping = Some(grouping);
        cache.failed = Some(Partial {
            config,
            articles,
            aliases,
        });
        return Err(problems);
    }
    timer.lap("group the articles and collect redirects");
    let site = Site {
        config,
        articles,
        taxonomies: Arc::clone(&grouping.taxonomies),
        related: Arc::clone(&grouping.related),
        redirects: Arc::new(redirects),
        left_out,
        editions: Arc::new(editions),
    };
    cache.grouping = Some(grouping);
    cache.replaced = replaced;
    Ok((site, problems))
}
