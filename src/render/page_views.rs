//! What templates see of a page beyond the site and its articles: the page
//! itself (`page`), the taxonomy and term it lists, the pager of a long list,
//! and where a redirect leads.

use serde::Serialize;

use super::Renderer;
use crate::plan::{PageKind, Pager, pager_path};
use crate::redirects::Target;
use crate::taxonomy::TaxonomyKind;

impl Renderer<'_> {
    /// Where the redirect at this position of the site's leads, as its page shows it.
    pub(super) fn redirect_view(&self, i: usize) -> RedirectView {
        let site = self.site;
        let redirect = &site.redirects[i];
        let target = redirect.target_path(&site.articles, &site.taxonomies);
        let title = match redirect.to {
            Target::Article(id) => site.articles[id].front.title.clone(),
            Target::Term { kind, term } => format!("{}：{}", kind.label(), site.taxonomies.get(kind).terms[term].name),
        };
        RedirectView {
            url: site.config.base_url.link(&target),
            permalink: site.config.base_url.absolute(&target),
            title,
        }
    }

    pub(super) fn taxonomy_view(&self, kind: TaxonomyKind) -> TaxonomyView {
        TaxonomyView {
            key: kind.key(),
            label: kind.label(),
            url: self.site.config.base_url.link(&kind.index_path()),
        }
    }

    pub(super) fn pager_view(&self, list_base: &str, pager: Pager) -> PagerView {
        let base = &self.site.config.base_url;
        let url = |n: usize| base.link(&pager_path(list_base, n));
        PagerView {
            number: pager.number,
            total: pager.total,
            previous_url: (pager.number > 1).then(|| url(pager.number - 1)),
            next_url: (pager.number < pager.total).then(|| url(pager.number + 1)),
            pages: pager_window(pager.number, pager.total)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PagerLink {
                        number: n,
                        url: url(n),
                        current: n == pager.number,
                        gap: false,
                    },
                    None => PagerLink {
                        number: 0,
                        url: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }
}

/// `page` in templates: what every page knows about itself.
#[derive(Serialize)]
pub(super) struct PageView {
    pub(super) kind: &'static str,
    pub(super) url: String,
    pub(super) permalink: String,
    /// The page's own title, for `<title>` and headings.
    pub(super) title: String,
}

/// `redirect` in redirect.html: the page an old address leads to.
#[derive(Hash, Serialize)]
pub(super) struct RedirectView {
    /// The link to it, under the base URL's path, for the refresh and the link readers click.
    pub(super) url: String,
    /// Its absolute URL, for `<link rel="canonical">`.
    pub(super) permalink: String,
    /// Its title: the article's, or `标签：民宿` for a term.
    pub(super) title: String,
}

#[derive(Serialize)]
pub(super) struct TaxonomyView {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct TermView {
    pub(super) name: String,
    pub(super) slug: String,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) feed_url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct PagerView {
    pub(super) number: usize,
    pub(super) total: usize,
    pub(super) previous_url: Option<String>,
    pub(super) next_url: Option<String>,
    pub(super) pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(super) struct PagerLink {
    pub(super) number: usize,
    pub(super) url: String,
    pub(super) current: bool,
    /// Stands for pages left out between two numbers (`…`).
    pub(super) gap: bool,
}

/// The page numbers a pager shows: the first and last, and two on each side of
/// the current one, with `None` for each run left out. Listing every page would
/// make each list page grow with the archive, and the whole site with its square.
fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown = Vec::new();
    for n in 1..=total {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == total || near {
            shown.push(Some(n));
        } else if shown.last().is_some_and(Option::is_some) {
            shown.push(None);
        }
    }
    shown
}

pub(super) fn page_kind_name(kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Front(_) => "front",
        PageKind::Article(_) => "article",
        PageKind::TaxonomyIndex(_) => "taxonomy",
        PageKind::Term { .. } => "term",
        PageKind::Briefs(_) => "briefs",
        PageKind::ArchiveMonth { .. } => "archive_month",
        PageKind::ArchiveYear(_) => "archive_year",
        PageKind::Feed(_) | PageKind::EditionFeed => "feed",
        PageKind::Sitemap(_) => "sitemap",
        PageKind::Robots => "robots",
        PageKind::NotFound => "not_found",
        PageKind::Search => "search",
        PageKind::SearchIndex(_) => "search_index",
        PageKind::Redirect(_) => "redirect",
        PageKind::EditionIndex => "issues",
        PageKind::Edition { copy, .. } => match copy {
            crate::plan::EditionCopy::Page => "issue",
            crate::plan::EditionCopy::Print => "issue_print",
            crate::plan::EditionCopy::Wechat => "issue_wechat",
            crate::plan::EditionCopy::Email => "issue_email",
            crate::plan::EditionCopy::EmailText => "issue_email_text",
        },
        PageKind::WechatArticle(_) => "article_wechat",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_shows_ends_and_neighbours() {
        let numbers = |c, t| {
            pager_window(c, t)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(numbers(1, 3), "1 2 3");
        assert_eq!(numbers(1, 10), "1 2 3 … 10");
        assert_eq!(numbers(6, 10), "1 … 4 5 6 7 8 … 10");
        assert_eq!(numbers(10, 10), "1 … 8 9 10");
    }
}
