//! The site model: configuration, articles newest first, their taxonomies,
//! related articles and the old addresses that redirect to them. Built once by
//! [`crate::pipeline::sites::load_site`]; read by the plan and the renderer, changed by neither.

use std::path::Path;
use std::sync::Arc;

use crate::config::{Config, Overrides};
use crate::content::{self, Alias, Article, LeftOut, LoadOptions};
use crate::editions::Editions;
use crate::error::{Area, Diagnostic, Diagnostics};
use crate::redirects::{self, Redirect};
use crate::taxonomy::{self, ArticleId, Taxonomies};

/// The folders of a site whose files a build reads, besides site.yaml: what
/// `serve` watches, and what the build record stamps.
pub(crate) const SOURCE_FOLDERS: [&str; 5] = [
    crate::content::CONTENT_DIR,
    crate::editions::EDITIONS_DIR,
    "themes",
    "templates",
    "static",
];

/// How many related articles an article page lists.
const RELATED_LIMIT: usize = 5;

/// Everything known about a site before any page is rendered.
#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    /// Newest first; an [`ArticleId`] is a position in this list.
    /// Shared, so that a rebuild reuses the articles that did not change.
    pub articles: Arc<Vec<Arc<Article>>>,
    /// Shared, so that a rebuild whose articles are grouped as before reuses them.
    pub taxonomies: Arc<Taxonomies>,
    /// For each article, the others sharing most tags with it.
    pub related: Arc<Vec<Vec<ArticleId>>>,
    /// Old addresses that lead to articles and terms: `aliases:` and `old_slugs:`.
    pub redirects: Arc<Vec<Redirect>>,
    /// The drafts and scheduled articles this build leaves out.
    pub left_out: Arc<Vec<LeftOut>>,
    /// The numbered editions (期) the articles are published in; none for most sites.
    pub editions: Arc<Editions>,
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

    /// Short news items, newest first.
    pub fn briefs(&self) -> Vec<ArticleId> {
        (0..self.articles.len())
            .filter(|&id| self.articles[id].front.kind == content::Kind::Brief)
            .collect()
    }
}

/// The picture files one article publishes, as (file under the output, file in the picture cache).
pub fn article_pictures(a: &Article) -> Vec<(String, std::path::PathBuf)> {
    a.pictures
        .iter()
        .flat_map(|p| &p.variants)
        .map(|v| (format!("{}{}", a.url_path, v.file_name), v.cached.clone()))
        .collect()
}

/// Picture files, sorted, each once.
pub fn unique_pictures(mut files: Vec<(String, std::path::PathBuf)>) -> Vec<(String, std::path::PathBuf)> {
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    files
}

/// What a build reads, besides the site's own files.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    pub overrides: Overrides,
    pub load: LoadOptions,
}

/// The site model of loaded articles (newest first) and their aliases (by the
/// same places): taxonomies, related articles and redirects worked out, with
/// the warnings that produced.
pub fn assemble(config: Config, articles: Vec<Arc<Article>>, aliases: &[Vec<Alias>]) -> (Site, Diagnostics) {
    let (taxonomies, related, mut warnings) = group(&config, &articles);
    let (redirects, unused) = redirects::collect_redirects(&config, &articles, aliases, &taxonomies);
    warnings.extend(unused);
    (
        Site {
            config,
            articles: Arc::new(articles),
            taxonomies: Arc::new(taxonomies),
            related: Arc::new(related),
            redirects: Arc::new(redirects),
            left_out: Arc::default(),
            editions: Arc::default(),
        },
        warnings,
    )
}

/// The taxonomies of `articles` (newest first) and each one's related
/// articles, with the warnings grouping them gave.
pub(crate) fn group(config: &Config, articles: &[Arc<Article>]) -> (Taxonomies, Vec<Vec<ArticleId>>, Diagnostics) {
    regroup(config, articles, None)
}

/// The articles of the last grouping and their related lists.
pub(crate) type LastGrouping<'a> = (&'a [Arc<Article>], &'a [Vec<ArticleId>]);

/// [`group`], with the related lists of the last grouping reused where a few
/// articles changed.
pub(crate) fn regroup(
    config: &Config,
    articles: &[Arc<Article>],
    last: Option<LastGrouping<'_>>,
) -> (Taxonomies, Vec<Vec<ArticleId>>, Diagnostics) {
    // Laps inside the caller's "group the articles" phase, for profiling.
    let timer = crate::timing::PhaseTimer::from_env();
    let (taxonomies, warnings) = taxonomy::build_taxonomies(articles, config);
    timer.lap("  (build the taxonomies)");
    let related = last
        .and_then(|(then, before)| {
            taxonomy::related_articles_since(then, before, articles, &taxonomies.tags, RELATED_LIMIT)
        })
        .unwrap_or_else(|| taxonomy::related_articles(articles, &taxonomies.tags, RELATED_LIMIT));
    timer.lap("  (find the related articles)");
    (taxonomies, related, warnings.into_iter().collect())
}

/// Warnings for every tag, town and column whose address moved since the last
/// build recorded them (see [`taxonomy::PublishedTerms`]), each placed where
/// the name that took the address is written. Nothing when no build has
/// recorded any yet.
pub fn moved_terms(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let Ok(text) = std::fs::read_to_string(root.join(crate::output::PUBLISHED_TERMS)) else {
        return Vec::new();
    };
    let before = taxonomy::PublishedTerms::parse(&text);
    taxonomy::moved_terms(&before, &site.taxonomies)
        .into_iter()
        .map(|m| moved_warning(root, site, &m))
        .collect()
}

fn moved_warning(root: &Path, site: &Site, moved: &taxonomy::MovedTerm) -> Diagnostic {
    let key = moved.kind.key();
    let (name, article) = match &moved.taker {
        Some((taker, first)) => (taker.as_str(), Some(*first)),
        None => (moved.name.as_str(), moved.first_use),
    };
    let path = article.map(|id| site.articles[id].source.clone()).unwrap_or_default();
    // The front-matter key the name is written under: `column` is singular.
    let field = if moved.kind == taxonomy::TaxonomyKind::Columns {
        "column"
    } else {
        key
    };
    let (line, column) = std::fs::read_to_string(root.join(&path))
        .ok()
        .and_then(|source| crate::yaml::value_position(&source, field, name))
        .unwrap_or((0, 0));
    let message = match &moved.taker {
        Some((taker, _)) => crate::msg!(
            "site-term-moved-taken",
            kind = moved.kind.name(),
            name = &moved.name,
            key = key,
            old = &moved.old_slug,
            new = &moved.new_slug,
            taker = taker
        ),
        None => crate::msg!(
            "site-term-moved",
            kind = moved.kind.name(),
            name = &moved.name,
            key = key,
            old = &moved.old_slug,
            new = &moved.new_slug
        ),
    };
    Diagnostic::warning(Area::Content, path, line, column, message).with_hint(crate::msg!(
        "site-term-moved-hint",
        name = &moved.name,
        old = &moved.old_slug
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::redirects::tests::{SITE_YAML, site_of};

    #[test]
    fn a_term_whose_address_moves_is_told_in_chinese() {
        let (site, _) = site_of(
            SITE_YAML,
            &[(
                "2013/11/minsu.md",
                "title: 民宿开张\ndate: 2013-11-01\ndistrict: 闵行区\ntags: [民宿]",
            )],
        );
        let moved = taxonomy::MovedTerm {
            kind: taxonomy::TaxonomyKind::Tags,
            name: "民俗".to_string(),
            old_slug: "min-su".to_string(),
            new_slug: "min-su-2".to_string(),
            taker: Some(("民宿".to_string(), 0)),
            first_use: None,
        };
        let d = moved_warning(Path::new("/nonexistent"), &site, &moved);
        assert_eq!(
            d.render(Lang::En),
            "content/2013/11/minsu.md: warning: the tag 民俗's address moves from /tags/min-su/ to /tags/min-su-2/: \
             民宿, used here earlier, now has that address\n  \
             hint: to keep it, add `民俗: min-su` under `slugs:` in site.yaml; to move it on purpose, add \
             `民俗: [min-su]` under `old_slugs:` so that old links still lead to it"
        );
        assert_eq!(
            d.render(Lang::Zh),
            "content/2013/11/minsu.md: 警告：标签“民俗”的网址从 /tags/min-su/ 变成了 /tags/min-su-2/：\
             本文用的“民宿”日期更早，现在占用了原来的网址\n  \
             提示：要保留原网址，就在站点设置（site.yaml）的 `slugs:` 下加一行 `民俗: min-su`；\
             如果是有意改网址，就在 `old_slugs:` 下加一行 `民俗: [min-su]`，旧链接仍会跳转过来"
        );
    }
}
