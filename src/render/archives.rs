//! What month and year archive pages show besides their cards: the month or
//! year, its count, the months and years around it.
//!
//! Everything here comes from the plan's [`Archives`] (which months have which
//! articles), so one value serves both the template and the page's
//! fingerprint. Archive pages also get `taxonomy` and `term` (or `terms`)
//! shaped as term pages and indexes get them, so that a theme written before
//! archives existed shows them with its term.html and taxonomy.html.

use serde::Serialize;
use tera::Context;

use super::views::{self, ArticleLink, TermEntry};
use crate::plan::archives::{Archives, Month, year_path, year_title_zh};
use crate::plan::templates;
use crate::site::Site;

/// `archive` in archive_month.html and archive_year.html.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct ArchiveView {
    /// `2013年11月` or `2013年`.
    pub title: String,
    pub year: i32,
    /// 1 to 12 on a month's page; none on a year's.
    pub month: Option<u32>,
    pub url: String,
    /// The month's or year's articles, all of them, not only this page's.
    pub count: usize,
    /// The year's page (on a year's page, itself).
    pub year_title: String,
    pub year_url: String,
    /// On a month's page: the closest earlier month that has articles.
    pub older: Option<ArchiveEntry>,
    /// On a month's page: the closest later month that has articles.
    pub newer: Option<ArchiveEntry>,
    /// The year's months that have articles, newest first; each with `latest`
    /// on the year's page only.
    pub months: Vec<ArchiveEntry>,
    /// Every year that has articles, newest first.
    pub years: Vec<ArchiveEntry>,
}

/// A month or a year in a list of archives.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct ArchiveEntry {
    /// `2013年11月` or `2013年`.
    pub title: String,
    /// `11月` or `2013年`: for a list of one year's months.
    pub short_title: String,
    /// `2013-11` or `2013`: for an element id.
    pub key: String,
    pub url: String,
    pub count: usize,
    /// Whether it is the page's own month or year.
    pub current: bool,
    /// Its newest article, on a year's page.
    pub latest: Option<ArticleLink>,
}

/// `taxonomy` on archive pages, as term.html and taxonomy.html read it.
#[derive(Serialize)]
struct TaxonomyLike {
    key: &'static str,
    label: String,
    url: String,
}

/// `term` on a month's page, as term.html reads it.
#[derive(Serialize)]
struct TermLike {
    name: String,
    slug: String,
    url: String,
    count: usize,
    feed_url: Option<String>,
}

/// The template an archive page is rendered with when the theme lacks `template`.
pub fn fallback(template: &'static str) -> Option<&'static str> {
    match template {
        templates::ARCHIVE_MONTH => Some(templates::TERM),
        templates::ARCHIVE_YEAR => Some(templates::TAXONOMY),
        _ => None,
    }
}

/// What a month's page shows of the archives.
pub fn month_view(site: &Site, archives: &Archives, month: Month) -> ArchiveView {
    let base = &site.config.base_url;
    let entry = |m: Month| month_entry(site, archives, m, month, false);
    ArchiveView {
        title: month.title_zh(),
        year: month.year,
        month: Some(month.month),
        url: base.link(&month.path()),
        count: archives.articles(month).len(),
        year_title: year_title_zh(month.year),
        year_url: base.link(&year_path(month.year)),
        older: archives.older(month).map(entry),
        newer: archives.newer(month).map(entry),
        months: archives.months_of(month.year).map(|(m, _)| entry(*m)).collect(),
        years: year_entries(site, archives, month.year),
    }
}

/// What a year's page shows of the archives.
pub fn year_view(site: &Site, archives: &Archives, year: i32) -> ArchiveView {
    let base = &site.config.base_url;
    let url = base.link(&year_path(year));
    ArchiveView {
        title: year_title_zh(year),
        year,
        month: None,
        url: url.clone(),
        count: archives.months_of(year).map(|(_, ids)| ids.len()).sum(),
        year_title: year_title_zh(year),
        year_url: url,
        older: None,
        newer: None,
        months: archives
            .months_of(year)
            .map(|(m, _)| month_entry(site, archives, *m, Month { year, month: 0 }, true))
            .collect(),
        years: year_entries(site, archives, year),
    }
}

/// Puts a month page's `archive`, `taxonomy` and `term` into `ctx`.
pub fn insert_month(ctx: &mut Context, view: &ArchiveView) {
    ctx.insert("archive", view);
    ctx.insert("taxonomy", &taxonomy_like(view));
    ctx.insert(
        "term",
        &TermLike {
            name: view.title.clone(),
            slug: format!("{:04}-{:02}", view.year, view.month.unwrap_or_default()),
            url: view.url.clone(),
            count: view.count,
            feed_url: None,
        },
    );
}

/// Puts a year page's `archive`, `taxonomy` and `terms` (its months) into `ctx`.
pub fn insert_year(ctx: &mut Context, view: &ArchiveView) {
    ctx.insert("archive", view);
    ctx.insert("taxonomy", &taxonomy_like(view));
    let terms: Vec<TermEntry> = view
        .months
        .iter()
        .map(|m| TermEntry {
            name: m.title.clone(),
            slug: m.key.clone(),
            url: m.url.clone(),
            count: m.count,
            // An index grouped by initial groups them under their year.
            initial: view.year_title.clone(),
            towns: Vec::new(),
            latest: m.latest.clone(),
        })
        .collect();
    ctx.insert("terms", &terms);
}

fn taxonomy_like(view: &ArchiveView) -> TaxonomyLike {
    TaxonomyLike {
        key: "archives",
        label: view.year_title.clone(),
        url: view.year_url.clone(),
    }
}

fn month_entry(site: &Site, archives: &Archives, month: Month, current: Month, with_latest: bool) -> ArchiveEntry {
    let ids = archives.articles(month);
    ArchiveEntry {
        title: month.title_zh(),
        short_title: format!("{}月", month.month),
        key: month.key(),
        url: site.config.base_url.link(&month.path()),
        count: ids.len(),
        current: month == current,
        latest: with_latest
            .then(|| ids.first())
            .flatten()
            .map(|&id| views::article_link(&site.config.base_url, &site.articles[id])),
    }
}

fn year_entries(site: &Site, archives: &Archives, current: i32) -> Vec<ArchiveEntry> {
    archives
        .years()
        .into_iter()
        .map(|year| ArchiveEntry {
            title: year_title_zh(year),
            short_title: year_title_zh(year),
            key: format!("{year:04}"),
            url: site.config.base_url.link(&year_path(year)),
            count: archives.months_of(year).map(|(_, ids)| ids.len()).sum(),
            current: year == current,
            latest: None,
        })
        .collect()
}
