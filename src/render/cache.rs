//! What one renderer of a site makes that the next can reuse: each article's
//! card as a template value, with the hashes of card and body, and what
//! depends only on how the articles are grouped. The pipeline keeps a
//! [`RenderCache`] between runs; a renderer made without one starts empty.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::fingerprint::hash_of;
use super::views;
use crate::content::Article;
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
    /// The grouping the cards' term hashes were checked against.
    taxonomies: Option<Arc<crate::taxonomy::Taxonomies>>,
    /// By article id, as of the last build; changed in place when no renderer shares it.
    prepared: Arc<Vec<Prepared>>,
    grouped: Option<Arc<Grouped>>,
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
    /// A hash of the slugs of the terms its card links to: a new tag with the
    /// same pinyin as one of them moves that one's page, and the card's link.
    terms: u64,
    /// Its date and the offset it is written in, kept beside the hashes: the
    /// sitemap's fingerprint needs every article's, and articles are scattered in memory.
    pub(super) date: (chrono::DateTime<chrono::FixedOffset>, i32),
}

impl Prepared {
    fn of(site: &Site, article: &Arc<Article>, slugs: &TermSlugs<'_>) -> Prepared {
        let card = views::card(site, article);
        Prepared {
            article: Arc::clone(article),
            card: Arc::new(Value::from_serializable(&card)),
            card_hash: hash_of(&card),
            body_hash: hash_of(&(&article.html, &article.headings)),
            terms: slugs.hash_for(site, article),
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
        let slugs = TermSlugs::of(site);
        // With the grouping of the last run, an article read as it was links to terms as they were.
        let regrouped = !self
            .taxonomies
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, &site.taxonomies));
        self.taxonomies = Some(Arc::clone(&site.taxonomies));
        let fresh = |p: &Prepared, a: &Arc<Article>| {
            Arc::ptr_eq(&p.article, a) && (!regrouped || p.terms == slugs.hash_for(site, a))
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
                    .map(|&id| Prepared::of(site, &site.articles[id], &slugs))
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
                .map(|a| match old.get(&address(a)) {
                    Some(&p) if fresh(p, a) => p.clone(),
                    _ => Prepared::of(site, a, &slugs),
                })
                .collect();
            self.prepared = Arc::new(prepared);
        }
        Arc::clone(&self.prepared)
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

/// A hash of what every card shows of site.yaml: the base URL its links
/// start with and the districts it names; not the title or anything else a
/// card does not show, so that an edit of those keeps every card.
fn card_context(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    (&site.config.base_url, &site.config.districts).hash(&mut h);
    h.finish()
}

/// Every term's slug, by kind and name: what a card shows of the grouping.
struct TermSlugs<'s>(HashMap<(TaxonomyKind, &'s str), &'s str>);

impl<'s> TermSlugs<'s> {
    fn of(site: &'s Site) -> TermSlugs<'s> {
        let terms = TaxonomyKind::ALL.into_iter().flat_map(|kind| {
            let taxonomy = site.taxonomies.get(kind);
            taxonomy
                .terms
                .iter()
                .map(move |t| ((kind, t.name.as_str()), t.slug.as_str()))
        });
        TermSlugs(terms.collect())
    }

    /// A hash of the slugs of the terms `article`'s card links to (its
    /// district, towns, column and tags), in the card's order.
    fn hash_for(&self, site: &Site, article: &Article) -> u64 {
        let front = &article.front;
        let district = site.config.district_by_id(front.district).name.as_str();
        let named = std::iter::once((TaxonomyKind::Districts, district))
            .chain(front.towns.iter().map(|t| (TaxonomyKind::Towns, t.as_str())))
            .chain(front.column.iter().map(|c| (TaxonomyKind::Columns, c.as_str())))
            .chain(front.tags.iter().map(|t| (TaxonomyKind::Tags, t.as_str())));
        let mut h = DefaultHasher::new();
        for key in named {
            self.0.get(&key).hash(&mut h);
        }
        h.finish()
    }
}
