//! What a page's bytes depend on, hashed: two pages with the same
//! fingerprint render the same, so a run need not render a page again whose
//! fingerprint the sink already holds, and with the same plan need not even
//! fingerprint a page none of whose articles changed.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::cache::Prepared;
use super::theme::Theme;
use super::{Renderer, archives};
use crate::plan::{Page, PageKind, Pager, RenderPlan, in_sitemap};
use crate::search::SearchPart;
use crate::taxonomy::ArticleId;

/// Hashes of the inputs pages are made from, so that a rebuild can tell which
/// pages would come out different without rendering them.
pub(super) struct Fingerprints {
    /// Per article: its card, which lists show.
    pub(super) cards: Vec<u64>,
    /// Per article: its body, which its own page and the feeds show.
    pub(super) bodies: Vec<u64>,
    /// The global context every template sees, the hashed asset names
    /// `asset()` gives, and the options that change every page.
    pub(super) globals: u64,
    /// Per template: its source and the sources of every template it extends or includes.
    pub(super) templates: BTreeMap<String, u64>,
    /// The list of every page path, which the sitemap shows.
    pub(super) page_paths: u64,
    /// Every indexed article's card and body, of which the search index is made.
    pub(super) search: u64,
    /// Per edition: all its pages show of it (see [`super::editions::edition_hashes`]).
    pub(super) edition_hashes: Vec<u64>,
    /// All of them together: an edition file's edit changes no article, but
    /// the pages of the edition and its articles.
    pub(super) editions: u64,
}

impl Fingerprints {
    /// The hashes of `plan`'s pages' inputs: each article's card and body as
    /// `prepared` holds them, with the templates' output of its shortcodes
    /// (`expanded`), the theme's templates, and `globals`, the hash of what
    /// every page sees.
    pub(super) fn new(
        plan: &RenderPlan,
        theme: &Theme,
        prepared: &[Prepared],
        expanded: &[Option<String>],
        globals: u64,
        edition_hashes: Vec<u64>,
    ) -> Fingerprints {
        let search = plan.search.as_ref().map_or(0, |layout| {
            let made_of: Vec<(u64, u64)> = layout
                .indexed
                .iter()
                .map(|&id| (prepared[id].card_hash, prepared[id].body_hash))
                .collect();
            hash_of(&made_of)
        });
        Fingerprints {
            cards: prepared.iter().map(|p| p.card_hash).collect(),
            // An article's shortcodes show as their templates make them, which the theme can change.
            bodies: prepared
                .iter()
                .zip(expanded)
                .map(|(p, e)| e.as_ref().map_or(p.body_hash, |html| hash_of(&(p.body_hash, html))))
                .collect(),
            search,
            editions: hash_of(&edition_hashes),
            edition_hashes,
            globals,
            templates: template_fingerprints(theme),
            page_paths: hash_of(&plan.pages.iter().map(|p| &p.path).collect::<Vec<_>>()),
        }
    }
}

/// The hashes page fingerprints are made from: see [`Renderer::inputs`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageInputs {
    /// Per article: its card.
    pub cards: Vec<u64>,
    /// Per article: its body.
    pub bodies: Vec<u64>,
    /// Everything else: globals, templates, the list of page paths and the editions.
    pub shared: u64,
}

impl PageInputs {
    /// The articles whose card or body differs from `before`'s, by id; `None`
    /// when anything else differs, or the articles are not the same ones.
    pub fn changed_since(&self, before: &PageInputs) -> Option<Vec<bool>> {
        if self.shared != before.shared || self.cards.len() != before.cards.len() {
            return None;
        }
        let changed = (self.cards.iter().zip(&before.cards))
            .zip(self.bodies.iter().zip(&before.bodies))
            .map(|((c, bc), (b, bb))| c != bc || b != bb)
            .collect();
        Some(changed)
    }
}

/// Whether `page`'s fingerprint can differ from the last build's when only
/// the articles marked in `changed` differ, and the plan is the same.
pub fn may_have_changed(page: &Page, changed: &[bool]) -> bool {
    // The front page also shows the lead and the short news, which are not among its articles;
    // the search index is made from every article, and lists none.
    matches!(
        page.kind,
        PageKind::Front(Pager { number: 1, .. }) | PageKind::SearchIndex(SearchPart::Meta | SearchPart::Shard(..))
    ) || page.articles.iter().any(|&id| changed.get(id).is_none_or(|&c| c))
}

pub(super) fn hash_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// For each template, a hash of its source and of every template it extends
/// or includes, found by reading the tags that name them.
fn template_fingerprints(theme: &Theme) -> BTreeMap<String, u64> {
    let referenced: BTreeMap<&str, Vec<String>> = theme
        .templates
        .values()
        .map(|t| (t.name.as_str(), referenced_templates(&t.text)))
        .collect();
    theme
        .templates
        .keys()
        .map(|name| {
            let mut closure = std::collections::BTreeSet::new();
            let mut todo = vec![name.clone()];
            while let Some(next) = todo.pop() {
                if closure.insert(next.clone()) {
                    todo.extend(referenced.get(next.as_str()).into_iter().flatten().cloned());
                }
            }
            let sources: Vec<(&String, Option<&str>)> = closure
                .iter()
                .map(|n| (n, theme.templates.get(n).map(|t| t.text.as_str())))
                .collect();
            (name.clone(), hash_of(&sources))
        })
        .collect()
}

/// The names in `{% extends "…" %}`, `{% include "…" %}` and `{% import "…" %}` tags.
fn referenced_templates(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in source.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or("").trim_start_matches('-').trim();
        let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(name) = rest[1..].split(quote).next() {
            names.push(name.to_string());
        }
    }
    names
}

impl Renderer<'_> {
    /// A hash of everything `page`'s bytes depend on: two pages with the same
    /// fingerprint render the same, so a rebuild need not render them again.
    pub fn fingerprint(&self, page: &Page) -> u64 {
        let fp = &self.fingerprints;
        let mut h = DefaultHasher::new();
        page.path.hash(&mut h);
        page.kind.hash(&mut h);
        fp.globals.hash(&mut h);
        self.template_of(page).and_then(|t| fp.templates.get(t)).hash(&mut h);
        let article = |id: ArticleId| fp.cards[id];
        if !matches!(page.kind, PageKind::Sitemap(_)) {
            page.articles.iter().map(|&id| article(id)).for_each(|a| a.hash(&mut h));
        }
        if let PageKind::Article(id) | PageKind::WechatArticle(id) = page.kind {
            // The edition it is in, which the article's page names.
            self.site
                .editions
                .of_article(id)
                .map(|i| fp.edition_hashes[i])
                .hash(&mut h);
        }
        match page.kind {
            PageKind::Feed(_) => page.articles.iter().for_each(|&id| fp.bodies[id].hash(&mut h)),
            PageKind::Article(id) => {
                fp.bodies[id].hash(&mut h);
                // Which neighbour is "previous" and which "next" is not in the list of ids alone.
                self.site.older(id).map(article).hash(&mut h);
                self.site.newer(id).map(article).hash(&mut h);
            }
            PageKind::Front(pager) if pager.number == 1 => {
                self.lead().map(article).hash(&mut h);
                self.front_briefs()
                    .into_iter()
                    .map(article)
                    .for_each(|a| a.hash(&mut h));
            }
            PageKind::Sitemap(part) => {
                // All it shows: the pages it lists, and the date of the newest article on each.
                fp.page_paths.hash(&mut h);
                let listed: Vec<&Page> = self.plan.pages.iter().filter(|p| in_sitemap(p)).collect();
                for p in &listed[part.range(listed.len())] {
                    let newest = p.articles.iter().min().map(|&id| self.prepared[id].date);
                    (&p.path, newest).hash(&mut h);
                }
            }
            PageKind::SearchIndex(SearchPart::Meta | SearchPart::Shard(..)) => fp.search.hash(&mut h),
            PageKind::SearchIndex(SearchPart::Document(_)) => {
                page.articles.iter().for_each(|&id| fp.bodies[id].hash(&mut h));
            }
            PageKind::Redirect(i) => self.redirect_view(i).hash(&mut h),
            // Counts and the months around it, which its articles alone do not tell.
            PageKind::ArchiveMonth { month, .. } => self.month_view(month).hash(&mut h),
            PageKind::ArchiveYear(year) => archives::year_view(self.site, &self.plan.archives, year).hash(&mut h),
            PageKind::Edition { edition, copy } => {
                self.hash_edition(edition, &mut h);
                if copy != crate::plan::EditionCopy::Page {
                    page.articles.iter().for_each(|&id| fp.bodies[id].hash(&mut h));
                }
            }
            PageKind::WechatArticle(id) => fp.bodies[id].hash(&mut h),
            PageKind::EditionIndex | PageKind::EditionFeed => fp.editions.hash(&mut h),
            _ => {}
        }
        h.finish()
    }
}
