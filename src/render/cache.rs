//! What one renderer of a site makes that the next can reuse: each article's
//! card as a template value, with the hashes of card and body, and what
//! depends only on how the articles are grouped. The pipeline keeps a
//! [`RenderCache`] between runs; a renderer made without one starts empty.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Tera, Value};

use super::assets::Assets;
use super::fingerprint::hash_of;
use super::theme::Theme;
use super::views::{self, TermLinkValues};
use crate::content::Article;
use crate::error::Diagnostics;
use crate::site::Site;
use crate::taxonomy::{ArticleId, TaxonomyKind};

/// What a renderer made that the next renderer of the same site can reuse:
/// each article's card and hashes, kept while neither the article nor what its
/// card shows of the rest of the site (base URL, districts, its terms' slugs)
/// changed. `serve` keeps one for its whole run.
#[derive(Default)]
pub struct RenderCache {
    /// A hash of what every card was made with besides its article and its terms.
    context: u64,
    /// The grouping the cards were last checked against.
    taxonomies: Option<Arc<crate::taxonomy::Taxonomies>>,
    /// Every term's slug, as the cards link to them.
    slugs: TermSlugs,
    /// By article id, as of the last build; changed in place when no renderer shares it.
    prepared: Arc<Vec<Prepared>>,
    grouped: Option<Arc<Grouped>>,
    /// The term links new cards share, and the grouping and context they were made for.
    links: Option<(Arc<crate::taxonomy::Taxonomies>, u64, Arc<TermLinkValues>)>,
    /// The theme's templates as parsed, before the site's values went in,
    /// with a hash of everything parsing them depended on.
    templates: Option<(u64, Tera, BTreeMap<String, PathBuf>)>,
}

/// What depends only on how articles are grouped, which every article is
/// looked at to work out: the same taxonomies, the same results.
pub(super) struct Grouped {
    /// What they were worked out for.
    taxonomies: Arc<crate::taxonomy::Taxonomies>,
    pub(super) district_towns: Vec<Vec<usize>>,
    /// The short news, newest first.
    pub(super) briefs: Vec<ArticleId>,
    /// The front page's lead: the newest feature.
    pub(super) lead: Option<ArticleId>,
}

impl Grouped {
    fn of(site: &Site) -> Grouped {
        Grouped {
            taxonomies: Arc::clone(&site.taxonomies),
            district_towns: views::district_towns(site),
            briefs: site.briefs(),
            lead: (0..site.articles.len()).find(|&id| site.articles[id].front.kind == crate::content::Kind::Feature),
        }
    }
}

/// One article's card, as a template value, and the hashes of its card and body.
#[derive(Clone)]
pub(super) struct Prepared {
    /// The version they were made for, held so that no other article takes its address.
    article: Arc<Article>,
    /// Shared, so that keeping a card when articles move costs no copy of it.
    pub(super) card: Arc<Value>,
    pub(super) card_hash: u64,
    pub(super) body_hash: u64,
    /// Its date and the offset it is written in, kept beside the hashes: the
    /// sitemap's fingerprint needs every article's, and articles are scattered in memory.
    pub(super) date: (chrono::DateTime<chrono::FixedOffset>, i32),
}

impl Prepared {
    fn of(site: &Site, article: &Arc<Article>, links: &TermLinkValues) -> Prepared {
        let card = views::card(site, article, links);
        Prepared {
            article: Arc::clone(article),
            card: Arc::new(views::card_value(&card)),
            card_hash: hash_of(&card),
            body_hash: article.body_hash,
            // Equal dates may be written in different offsets, which show different days.
            date: (article.front.date, article.front.date.offset().local_minus_utc()),
        }
    }
}

impl RenderCache {
    /// The card and hashes of every article of `site`, in site order: reused
    /// where this cache has them, made (in parallel) where not.
    pub(super) fn prepare(&mut self, site: &Site) -> Arc<Vec<Prepared>> {
        let context = card_context(site);
        if context != self.context {
            self.prepared = Arc::default();
            self.context = context;
        }
        // With the grouping of the last run, an article read as it was links to
        // terms as they were. A new grouping moves a term's page only when a new
        // term reads like it (a homophone tag): only the cards naming it change.
        let regrouped = !self
            .taxonomies
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, &site.taxonomies));
        let moved = if regrouped {
            self.slugs.update(site)
        } else {
            HashSet::new()
        };
        self.taxonomies = Some(Arc::clone(&site.taxonomies));
        let links = self.term_links(site, context);
        let fresh = |p: &Prepared, a: &Arc<Article>| {
            Arc::ptr_eq(&p.article, a) && (moved.is_empty() || !names_any(site, a, &moved))
        };
        if self.prepared.len() == site.articles.len() {
            // The usual rebuild: the same articles in the same places, a few of them new versions.
            let stale: Vec<ArticleId> = (0..site.articles.len())
                .into_par_iter()
                .filter(|&id| !fresh(&self.prepared[id], &site.articles[id]))
                .collect();
            if !stale.is_empty() {
                let made: Vec<Prepared> = stale
                    .par_iter()
                    .with_max_len(crate::par::ARTICLES)
                    .map(|&id| Prepared::of(site, &site.articles[id], &links))
                    .collect();
                let prepared = Arc::make_mut(&mut self.prepared);
                for (id, p) in stale.into_iter().zip(made) {
                    prepared[id] = p;
                }
            }
        } else {
            let old: HashMap<usize, &Prepared> = self.prepared.iter().map(|p| (address(&p.article), p)).collect();
            let prepared: Vec<Prepared> = site
                .articles
                .par_iter()
                .with_max_len(crate::par::ARTICLES)
                .map(|a| match old.get(&address(a)) {
                    Some(&p) if fresh(p, a) => p.clone(),
                    _ => Prepared::of(site, a, &links),
                })
                .collect();
            self.prepared = Arc::new(prepared);
        }
        Arc::clone(&self.prepared)
    }

    /// The term links of `site`'s grouping, made again only for a new grouping or context.
    fn term_links(&mut self, site: &Site, context: u64) -> Arc<TermLinkValues> {
        match &self.links {
            Some((t, c, links)) if Arc::ptr_eq(t, &site.taxonomies) && *c == context => Arc::clone(links),
            _ => {
                let links = Arc::new(TermLinkValues::of(site));
                self.links = Some((Arc::clone(&site.taxonomies), context, Arc::clone(&links)));
                links
            }
        }
    }

    /// The theme's templates parsed (see [`super::templates`]): a copy of
    /// the last ones when neither the templates nor what parsing them takes
    /// from the site changed, as on every edit of an article.
    pub(super) fn templates(
        &mut self,
        site: &Site,
        theme: &Theme,
        assets: &Assets,
    ) -> Result<(Tera, BTreeMap<String, PathBuf>), Diagnostics> {
        let key = templates_key(site, theme, assets);
        if let Some((made_for, tera, paths)) = &self.templates
            && *made_for == key
        {
            return Ok((tera.clone(), paths.clone()));
        }
        let (tera, paths) = super::templates(site, theme, assets)?;
        self.templates = Some((key, tera.clone(), paths.clone()));
        Ok((tera, paths))
    }

    /// What depends only on how `site`'s articles are grouped, worked out again
    /// only when the grouping is not the last one.
    pub(super) fn grouped(&mut self, site: &Site) -> Arc<Grouped> {
        match &self.grouped {
            Some(g) if Arc::ptr_eq(&g.taxonomies, &site.taxonomies) => Arc::clone(g),
            _ => Arc::clone(self.grouped.insert(Arc::new(Grouped::of(site)))),
        }
    }
}

fn address(article: &Arc<Article>) -> usize {
    Arc::as_ptr(article) as usize
}

/// A hash of what [`super::templates`] parses with: the theme's templates,
/// and what its functions and the templates it adds depend on.
fn templates_key(site: &Site, theme: &Theme, assets: &Assets) -> u64 {
    let mut h = DefaultHasher::new();
    for t in theme.templates.values() {
        (&t.name, &t.path, &t.text).hash(&mut h);
    }
    theme.name.hash(&mut h);
    (
        &site.config.base_url,
        assets.names(),
        site.config.search,
        site.editions.is_empty(),
    )
        .hash(&mut h);
    h.finish()
}

/// A hash of what every card shows of site.yaml: the base URL its links
/// start with and the districts it names; not the title or anything else a
/// card does not show, so that an edit of those keeps every card.
fn card_context(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    (&site.config.base_url, &site.config.districts).hash(&mut h);
    h.finish()
}

/// Every term's slug, by kind and name: what a card shows of the grouping.
#[derive(Default)]
struct TermSlugs(HashMap<(TaxonomyKind, String), String>);

impl TermSlugs {
    /// Takes the slugs of `site`'s terms, giving the terms whose slug is not
    /// the one kept before: a new term, or one a homophone moved. A term gone
    /// is no card's concern: no article names it.
    fn update(&mut self, site: &Site) -> HashSet<(TaxonomyKind, String)> {
        let mut moved = HashSet::new();
        for kind in TaxonomyKind::ALL {
            for term in &site.taxonomies.get(kind).terms {
                let key = (kind, term.name.clone());
                if self.0.get(&key) != Some(&term.slug) {
                    self.0.insert(key.clone(), term.slug.clone());
                    moved.insert(key);
                }
            }
        }
        moved
    }
}

/// Whether `article`'s card links to one of the `terms`: its district, towns, column or tags.
fn names_any(site: &Site, article: &Article, terms: &HashSet<(TaxonomyKind, String)>) -> bool {
    let front = &article.front;
    let district = &site.config.district_by_id(front.district).name;
    let named = std::iter::once((TaxonomyKind::Districts, district))
        .chain(front.towns.iter().map(|t| (TaxonomyKind::Towns, t)))
        .chain(front.column.iter().map(|c| (TaxonomyKind::Columns, c)))
        .chain(front.tags.iter().map(|t| (TaxonomyKind::Tags, t)));
    // Looked up by an owned key: the set is small, the articles many.
    let mut key = (TaxonomyKind::Districts, String::new());
    named.into_iter().any(|(kind, name)| {
        key.0 = kind;
        key.1.clone_from(name);
        terms.contains(&key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan_pages;
    use crate::redirects::tests::{SITE_YAML, site_of};
    use crate::render::{PublishOptions, RenderOptions, Renderer};

    /// The article page of `site`, rendered with `theme` and `cache`.
    fn article_page(site: &Site, theme: &Theme, cache: &mut RenderCache) -> String {
        let plan = plan_pages(site).expect("a plan");
        let renderer = Renderer::with_cache(
            site,
            &plan,
            theme,
            RenderOptions::default(),
            PublishOptions::default(),
            cache,
        )
        .expect("a renderer");
        let page = plan
            .pages
            .iter()
            .find(|p| matches!(p.kind, crate::plan::PageKind::Article(_)))
            .expect("an article page");
        String::from_utf8(renderer.render(page).expect("rendered")).expect("UTF-8")
    }

    #[test]
    fn templates_are_parsed_again_only_when_they_or_what_they_take_from_the_site_change() {
        let (site, _) = site_of(
            SITE_YAML,
            &[(
                "2013/11/yin-hang.md",
                "title: “银行进社区”活动在莘庄镇举行\ndate: 2013-11-12\ndistrict: 闵行区\ntowns: [莘庄镇]",
            )],
        );
        let theme = crate::render::theme::builtin_theme().expect("the built-in theme");
        let mut cache = RenderCache::default();
        let first = article_page(&site, &theme, &mut cache);
        assert!(first.contains("跳到正文"));
        let parsed_for = cache.templates.as_ref().map(|(key, ..)| *key);
        assert_eq!(
            article_page(&site, &theme, &mut cache),
            first,
            "the same templates, the same page"
        );
        assert_eq!(cache.templates.as_ref().map(|(key, ..)| *key), parsed_for);

        // A theme author rewords the skip link: the page says it at once.
        let mut edited = theme.clone();
        let base = edited.templates.get_mut("base.html").expect("base.html");
        base.text = base.text.replace("跳到正文", "跳至正文");
        let after = article_page(&site, &edited, &mut cache);
        assert!(after.contains("跳至正文") && !after.contains("跳到正文"), "{after}");

        // A new base URL reaches the links url() makes.
        let (moved, _) = site_of(
            &SITE_YAML.replace("https://example.org/bulletin/", "https://example.org/minhang/"),
            &[(
                "2013/11/yin-hang.md",
                "title: “银行进社区”活动在莘庄镇举行\ndate: 2013-11-12\ndistrict: 闵行区\ntowns: [莘庄镇]",
            )],
        );
        let page = article_page(&moved, &edited, &mut cache);
        assert!(
            page.contains("/minhang/districts/") && !page.contains("/bulletin/"),
            "{page}"
        );
    }
}
