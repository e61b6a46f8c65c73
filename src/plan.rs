//! The render plan: every file the build writes, what it shows and what it
//! depends on.
//!
//! The plan is plain data derived from the site model. The renderer turns
//! each [`Page`] into bytes; `serve` compares the plans before and after a
//! change to find the pages a change touches.
//!
//! Knowing every file, the plan is also where two pages wanting one file are
//! caught: a redirect (an old address) that would take a real page's place, or
//! another redirect's, is an error at the line that asked for it, and so is an
//! article named `page`, which would sit among its month archive's pages.

pub mod archives;
pub mod editions;
mod redirect_pages;

use crate::error::Diagnostics;
use crate::search::{self, SearchPart};
use crate::site::Site;
use crate::taxonomy::{ArticleId, TaxonomyKind};
pub use archives::{Archives, Month};
pub use editions::EditionCopy;

/// Which page of a paginated list this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pager {
    /// 1-based.
    pub number: usize,
    pub total: usize,
}

/// Which Atom feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedScope {
    Site,
    /// The district at this position of the districts taxonomy.
    District(usize),
}

/// What a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The front page, `/` and `/page/N/`.
    Front(Pager),
    Article(ArticleId),
    /// `/tags/`, `/districts/` …: every term with its count.
    TaxonomyIndex(TaxonomyKind),
    /// `/tags/<slug>/` …: one term's articles; `term` is its position in the taxonomy.
    Term {
        kind: TaxonomyKind,
        term: usize,
        pager: Pager,
    },
    /// `/briefs/`: the short news.
    Briefs(Pager),
    /// `/2013/11/`: one month's articles, newest first.
    ArchiveMonth {
        month: Month,
        pager: Pager,
    },
    /// `/2013/`: the months of the year that have articles, with their counts.
    ArchiveYear(i32),
    Feed(FeedScope),
    /// `sitemap.xml`, or past [`SITEMAP_LIMIT`] addresses one of its files.
    Sitemap(SitemapPart),
    Robots,
    NotFound,
    /// `/search/`: the page readers search from.
    Search,
    /// A file of the search index, which the search page fetches.
    SearchIndex(SearchPart),
    /// An old address, sending readers on to a page: the redirect at this position of the site's.
    Redirect(usize),
    /// `/issues/`: every edition, newest first.
    EditionIndex,
    /// `/issues/atom.xml`: the newest editions.
    EditionFeed,
    /// One of the files of the edition at this position of the site's editions.
    Edition {
        edition: usize,
        copy: EditionCopy,
    },
    /// `/2013/11/slug/wechat.html`: an article of an edition, ready to paste into WeChat.
    WechatArticle(ArticleId),
}

/// The most addresses one sitemap file may list (the sitemap protocol's limit;
/// 50,000 short addresses are far below its other limit, 50 MB).
pub const SITEMAP_LIMIT: usize = 50_000;

/// The site path of the short news, listed newest first.
pub const BRIEFS_PATH: &str = "briefs/";

/// Which file of the sitemap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SitemapPart {
    /// `sitemap.xml`, listing every page.
    Whole,
    /// `sitemap.xml` as an index of the `parts` files that list the pages.
    Index { parts: usize },
    /// `sitemap-N.xml` (`number` from 1): the pages listed from position `from`
    /// up to `to`, among those the sitemap lists ([`in_sitemap`]).
    Part { number: usize, from: usize, to: usize },
}

impl SitemapPart {
    /// The positions, among the `listed` pages a sitemap lists, of those this
    /// file lists; none for an index.
    pub fn range(self, listed: usize) -> std::ops::Range<usize> {
        match self {
            SitemapPart::Whole => 0..listed,
            SitemapPart::Index { .. } => 0..0,
            SitemapPart::Part { from, to, .. } => from.min(listed)..to.min(listed),
        }
    }
}

/// Whether the sitemap lists `page`: every HTML page readers may land on
/// from a search engine, not the 404 page, the search page or redirects.
pub fn in_sitemap(page: &Page) -> bool {
    page.template.is_some()
        && !matches!(
            page.kind,
            PageKind::NotFound
                | PageKind::Search
                | PageKind::Redirect(_)
                | PageKind::WechatArticle(_)
                | PageKind::Edition {
                    copy: EditionCopy::Print | EditionCopy::Wechat | EditionCopy::Email | EditionCopy::EmailText,
                    ..
                }
        )
}

/// One file to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The site path links use: `tags/xiao-fang/page/2/`, `atom.xml`; empty for the front page.
    pub path: String,
    /// The file under the output folder: `tags/xiao-fang/page/2/index.html`.
    pub file: String,
    pub kind: PageKind,
    /// The theme template it is rendered with; `None` for feeds, sitemap and robots.txt.
    pub template: Option<&'static str>,
    /// The articles whose content appears on the page, in the order shown.
    pub articles: Vec<ArticleId>,
}

/// Every page of a build, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderPlan {
    pub pages: Vec<Page>,
    /// What the search index is made of, when the site has search.
    pub search: Option<search::Layout>,
    /// The months that have articles, of which the archive pages are made.
    pub archives: Archives,
}

/// The template names a theme provides.
pub mod templates {
    pub const FRONT: &str = "index.html";
    pub const ARTICLE: &str = "article.html";
    pub const TAXONOMY: &str = "taxonomy.html";
    pub const TERM: &str = "term.html";
    pub const BRIEFS: &str = "briefs.html";
    pub const NOT_FOUND: &str = "404.html";
    /// Needed only by sites with `search: true`.
    pub const SEARCH: &str = "search.html";
    /// Optional: jianbao has its own for a theme without one.
    pub const REDIRECT: &str = "redirect.html";
    /// Optional: a theme without it shows a month's archive with [`TERM`].
    pub const ARCHIVE_MONTH: &str = "archive_month.html";
    /// Optional: a theme without it shows a year's archive with [`TAXONOMY`].
    pub const ARCHIVE_YEAR: &str = "archive_year.html";
    /// Needed only by sites with editions: the list of editions and an edition's contents.
    pub const EDITIONS: &str = "issues.html";
    pub const EDITION: &str = "issue.html";
    /// Optional: jianbao has its own for a theme without them. They stand
    /// alone (extend nothing), as each is read outside the site.
    pub const EDITION_PRINT: &str = "issue_print.html";
    pub const EDITION_WECHAT: &str = "issue_wechat.html";
    pub const EDITION_EMAIL: &str = "issue_email.html";
    pub const EDITION_EMAIL_TEXT: &str = "issue_email.txt";
    pub const ARTICLE_WECHAT: &str = "article_wechat.html";
    /// Every template a page is rendered with directly.
    pub const ALL: [&str; 6] = [FRONT, ARTICLE, TAXONOMY, TERM, BRIEFS, NOT_FOUND];
}

/// Lists every page of `site`; fails when a redirect would take the place of
/// a page or of another redirect, or an article that of its month's later pages.
pub fn plan_pages(site: &Site) -> Result<RenderPlan, Diagnostics> {
    // Most pages are articles' and terms': room for them at once, not by doubling.
    let mut pages = Vec::with_capacity(2 * site.articles.len() + site.redirects.len() + 64);
    let briefs = site.briefs();
    plan_front(&mut pages, site, &briefs);
    plan_articles(&mut pages, site);
    plan_taxonomies(&mut pages, site);
    paginate(
        &mut pages,
        BRIEFS_PATH,
        &briefs,
        site.config.paginate,
        templates::BRIEFS,
        PageKind::Briefs,
    );
    let archives = Archives::of(site);
    archives::plan_archives(&mut pages, &archives, site.config.paginate);
    plan_feeds(&mut pages, site);
    editions::plan_editions(&mut pages, site);
    plan_sitemap(&mut pages, site.articles.len(), SITEMAP_LIMIT);
    pages.push(plain_page("robots.txt", PageKind::Robots, Vec::new()));
    pages.push(Page {
        path: "404.html".into(),
        file: "404.html".into(),
        kind: PageKind::NotFound,
        template: Some(templates::NOT_FOUND),
        articles: Vec::new(),
    });
    let search = search::layout(site);
    if let Some(layout) = &search {
        plan_search(&mut pages, layout);
    }
    // Every problem at once: the articles in the archives' way, and the redirects in a page's.
    let mut problems = archives::reserved_slugs(site);
    if let Err(clashes) = redirect_pages::plan_redirects(&mut pages, site) {
        problems.extend(clashes);
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(RenderPlan {
        pages,
        search,
        archives,
    })
}

/// The front page and its further pages; `briefs` are the site's short news, ids ascending.
fn plan_front(pages: &mut Vec<Page>, site: &Site, briefs: &[ArticleId]) {
    // Short news has its own box and its own list (/briefs/); the front page's
    // pages list everything else.
    let front: Vec<ArticleId> = (0..site.articles.len())
        .filter(|id| briefs.binary_search(id).is_err())
        .collect();
    paginate(
        pages,
        "",
        &front,
        site.config.paginate,
        templates::FRONT,
        PageKind::Front,
    );
}

/// Each article's page, which shows its neighbours and related articles too.
///
/// One page per article, each on its own: made side by side, as they are the
/// most numerous pages of a site.
fn plan_articles(pages: &mut Vec<Page>, site: &Site) {
    use rayon::prelude::*;
    let planned = site.articles.par_iter().enumerate().map(|(id, article)| {
        let related = &site.related[id];
        let mut shown = Vec::with_capacity(3 + related.len());
        shown.push(id);
        shown.extend(site.older(id));
        shown.extend(site.newer(id));
        shown.extend(related.iter().copied());
        html_page(&article.url_path, PageKind::Article(id), templates::ARTICLE, shown)
    });
    // In order: an indexed parallel iterator appends its items as listed.
    pages.par_extend(planned);
}

/// Each taxonomy's index and each of its terms' pages.
fn plan_taxonomies(pages: &mut Vec<Page>, site: &Site) {
    for kind in TaxonomyKind::ALL {
        let taxonomy = site.taxonomies.get(kind);
        // The index shows counts only, which change with every article of the kind.
        let members: Vec<ArticleId> = taxonomy.terms.iter().flat_map(|t| t.articles.iter().copied()).collect();
        pages.push(html_page(
            &kind.index_path(),
            PageKind::TaxonomyIndex(kind),
            templates::TAXONOMY,
            members,
        ));
        for (term_index, term) in taxonomy.terms.iter().enumerate() {
            let base = format!("{}/{}/", kind.key(), term.slug);
            paginate(
                pages,
                &base,
                &term.articles,
                site.config.paginate,
                templates::TERM,
                |pager| PageKind::Term {
                    kind,
                    term: term_index,
                    pager,
                },
            );
        }
    }
}

/// The site's Atom feed and each district's, of the newest articles.
fn plan_feeds(pages: &mut Vec<Page>, site: &Site) {
    let latest = |ids: &mut dyn Iterator<Item = ArticleId>| ids.take(site.config.feed_limit).collect::<Vec<_>>();
    pages.push(plain_page(
        "atom.xml",
        PageKind::Feed(FeedScope::Site),
        latest(&mut (0..site.articles.len())),
    ));
    for (i, district) in site.taxonomies.districts.terms.iter().enumerate() {
        let path = format!("districts/{}/atom.xml", district.slug);
        pages.push(plain_page(
            &path,
            PageKind::Feed(FeedScope::District(i)),
            latest(&mut district.articles.iter().copied()),
        ));
    }
}

/// The search page and the files of its index. Meta and shards are made from
/// every indexed article; listing them all on each of a few hundred shards
/// would only repeat the list, so the renderer's fingerprint covers them instead.
fn plan_search(pages: &mut Vec<Page>, layout: &search::Layout) {
    pages.push(html_page("search/", PageKind::Search, templates::SEARCH, Vec::new()));
    pages.push(plain_page(
        &search::meta_path(),
        PageKind::SearchIndex(SearchPart::Meta),
        Vec::new(),
    ));
    for set in search::ShardSet::ALL {
        for n in 0..set.files(layout.shards) {
            pages.push(plain_page(
                &set.path(n),
                PageKind::SearchIndex(SearchPart::Shard(set, n)),
                Vec::new(),
            ));
        }
    }
    for (number, &id) in layout.indexed.iter().enumerate() {
        pages.push(plain_page(
            &search::document_path(number),
            PageKind::SearchIndex(SearchPart::Document(number)),
            vec![id],
        ));
    }
}

/// Pages of `per_page` items each for a list at `base`; a list with no items
/// still gets its first page, so that its URL never 404s.
fn paginate(
    pages: &mut Vec<Page>,
    base: &str,
    items: &[ArticleId],
    per_page: usize,
    template: &'static str,
    kind: impl Fn(Pager) -> PageKind,
) {
    let total = items.len().div_ceil(per_page).max(1);
    pages.reserve(total);
    for number in 1..=total {
        // Empty only for the first page of an empty list.
        let shown = items.chunks(per_page).nth(number - 1).unwrap_or_default().to_vec();
        let pager = Pager { number, total };
        pages.push(html_page(&pager_path(base, number), kind(pager), template, shown));
    }
}

/// The site path of page `number` of the list at `base`.
pub fn pager_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

fn html_page(path: &str, kind: PageKind, template: &'static str, articles: Vec<ArticleId>) -> Page {
    Page {
        path: path.to_string(),
        file: format!("{path}index.html"),
        kind,
        template: Some(template),
        articles,
    }
}

/// The sitemap of the `pages` planned so far: one file, or past `limit`
/// addresses an index and its parts. Each depends on the dates of all
/// `articles`, as any of them may be the newest on a page it lists.
pub(crate) fn plan_sitemap(pages: &mut Vec<Page>, articles: usize, limit: usize) {
    let listed = pages.iter().filter(|p| in_sitemap(p)).count();
    let all: Vec<ArticleId> = (0..articles).collect();
    if listed <= limit {
        pages.push(plain_page("sitemap.xml", PageKind::Sitemap(SitemapPart::Whole), all));
        return;
    }
    let parts = listed.div_ceil(limit);
    pages.push(plain_page(
        "sitemap.xml",
        PageKind::Sitemap(SitemapPart::Index { parts }),
        Vec::new(),
    ));
    for number in 1..=parts {
        let part = SitemapPart::Part {
            number,
            from: (number - 1) * limit,
            to: (number * limit).min(listed),
        };
        pages.push(plain_page(
            &format!("sitemap-{number}.xml"),
            PageKind::Sitemap(part),
            all.clone(),
        ));
    }
}

fn plain_page(path: &str, kind: PageKind, articles: Vec<ArticleId>) -> Page {
    Page {
        path: path.to_string(),
        file: path.to_string(),
        kind,
        template: None,
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn pager_paths() {
        assert_eq!(pager_path("", 1), "");
        assert_eq!(pager_path("", 2), "page/2/");
        assert_eq!(pager_path("tags/x/", 3), "tags/x/page/3/");
    }

    #[test]
    fn paginates_and_keeps_an_empty_first_page() {
        let mut pages = Vec::new();
        paginate(
            &mut pages,
            "briefs/",
            &[0, 1, 2, 3, 4],
            2,
            templates::BRIEFS,
            PageKind::Briefs,
        );
        let shape: Vec<_> = pages.iter().map(|p| (p.file.as_str(), p.articles.clone())).collect();
        assert_eq!(
            shape,
            [
                ("briefs/index.html", vec![0, 1]),
                ("briefs/page/2/index.html", vec![2, 3]),
                ("briefs/page/3/index.html", vec![4])
            ]
        );
        let mut empty = Vec::new();
        paginate(&mut empty, "briefs/", &[], 2, templates::BRIEFS, PageKind::Briefs);
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].kind, PageKind::Briefs(Pager { number: 1, total: 1 }));
    }
}
