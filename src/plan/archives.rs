//! Month and year archives: `/2013/11/` lists a month's articles, paginated
//! like any list, and `/2013/` the months of a year that have articles.
//!
//! Readers get there by cutting an article's address short, so an archive
//! lives exactly where that leads, beside the articles: a month's later pages
//! (`/2013/11/page/2/`) share the month's folder with its articles, which is
//! why no article may take the slug `page`.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset};

use super::{Page, PageKind, html_page, paginate, templates};
use crate::error::{Area, Diagnostic, Diagnostics};
use crate::msg;
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// The folder name of a list's later pages (`…/page/2/`), which no article slug may take.
pub const PAGER_SEGMENT: &str = "page";

/// A month of the calendar, in the site's zone: the `2013/11` of an article's URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month of `date`, as an article's URL takes it.
    pub fn of(date: &DateTime<FixedOffset>) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Its archive's site path: `2013/11/`, as an article's URL begins.
    pub fn path(self) -> String {
        format!("{}{:02}/", year_path(self.year), self.month)
    }

    /// `2013-11`: a name for it in element ids and slugs.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `2013年11月`.
    pub fn title_zh(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

/// A year's archive site path: `2013/`.
pub fn year_path(year: i32) -> String {
    format!("{year:04}/")
}

/// `2013年`.
pub fn year_title_zh(year: i32) -> String {
    format!("{year}年")
}

/// Every month that has articles, newest first, each with its articles,
/// newest first. The plan keeps it, so that a rebuild can tell whether the
/// archive pages it planned still hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archives {
    pub months: Vec<(Month, Vec<ArticleId>)>,
}

impl Archives {
    /// The archives of `site`'s articles: drafts and future articles are in
    /// them exactly when the build publishes them.
    pub fn of(site: &Site) -> Archives {
        let mut by_month: BTreeMap<Month, Vec<ArticleId>> = BTreeMap::new();
        // Articles are newest first, so each month's list is too.
        for (id, article) in site.articles.iter().enumerate() {
            by_month.entry(Month::of(&article.front.date)).or_default().push(id);
        }
        Archives {
            months: by_month.into_iter().rev().collect(),
        }
    }

    /// The articles of `month`, newest first; empty for a month without any.
    pub fn articles(&self, month: Month) -> &[ArticleId] {
        self.position(month).map_or(&[], |i| &self.months[i].1)
    }

    /// The years that have articles, newest first.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.months.iter().map(|(m, _)| m.year).collect();
        years.dedup();
        years
    }

    /// The months of `year` that have articles, newest first, with their articles.
    pub fn months_of(&self, year: i32) -> impl Iterator<Item = &(Month, Vec<ArticleId>)> {
        self.months.iter().filter(move |(m, _)| m.year == year)
    }

    /// The articles of `year`, newest first.
    pub fn year_articles(&self, year: i32) -> Vec<ArticleId> {
        self.months_of(year).flat_map(|(_, ids)| ids.iter().copied()).collect()
    }

    /// The closest month before `month` that has articles.
    pub fn older(&self, month: Month) -> Option<Month> {
        let i = self.position(month)?;
        self.months.get(i + 1).map(|(m, _)| *m)
    }

    /// The closest month after `month` that has articles.
    pub fn newer(&self, month: Month) -> Option<Month> {
        let i = self.position(month)?;
        i.checked_sub(1).map(|i| self.months[i].0)
    }

    fn position(&self, month: Month) -> Option<usize> {
        // Newest first: search the reversed order.
        self.months.binary_search_by(|(m, _)| month.cmp(m)).ok()
    }
}

/// Adds each year's page and, after it, its months' pages, newest first.
pub(super) fn plan_archives(pages: &mut Vec<Page>, archives: &Archives, per_page: usize) {
    for year in archives.years() {
        pages.push(html_page(
            &year_path(year),
            PageKind::ArchiveYear(year),
            templates::ARCHIVE_YEAR,
            // It shows only counts and each month's newest article, but the
            // counts change with every article of the year.
            archives.year_articles(year),
        ));
        for (month, ids) in archives.months_of(year) {
            let month = *month;
            paginate(pages, &month.path(), ids, per_page, templates::ARCHIVE_MONTH, |pager| {
                PageKind::ArchiveMonth { month, pager }
            });
        }
    }
}

/// An error for every article whose slug is `page`: its URL, `/2013/11/page/`,
/// is the folder of its month's later pages. Always an error, not only when the
/// month has a second page, so that adding articles never breaks a site.
pub(super) fn reserved_slugs(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for article in site.articles.iter() {
        if !article.slug.eq_ignore_ascii_case(PAGER_SEGMENT) {
            continue;
        }
        let month = Month::of(&article.front.date);
        let message = msg!(
            "archive-slug-page",
            url = &article.url_path,
            year = month.year.to_string(),
            month = month.month.to_string(),
            mm = format!("{:02}", month.month),
        );
        // Point at the `slug:` that chose the name, or at the top when the file name did.
        let (line, hint) = match article.slug_line {
            Some(line) => (line, msg!("archive-slug-page-hint")),
            None => (1, msg!("archive-slug-page-file-hint")),
        };
        problems.push(Diagnostic::error(Area::Content, article.source.clone(), line, 1, message).with_hint(hint));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Pager, plan_pages};
    use crate::redirects::tests::{SITE_YAML, site_of};

    fn article(title: &str, date: &str) -> String {
        format!("title: {title}\ndate: {date}\ndistrict: 闵行区")
    }

    #[test]
    fn months_and_years_newest_first_with_their_articles() {
        let (site, _) = site_of(
            SITE_YAML,
            &[
                ("2013/11/a.md", &article("莘庄镇评选“文明小区”", "2013-11-05")),
                ("2013/11/b.md", &article("莘庄镇举行消防演练", "2013-11-20")),
                ("2013/12/c.md", &article("年终总结", "2013-12-30")),
                ("2014/01/d.md", &article("元旦活动", "2014-01-01")),
                ("2012/03/e.md", &article("植树节", "2012-03-12")),
            ],
        );
        let archives = Archives::of(&site);
        let titles =
            |ids: &[ArticleId]| -> Vec<&str> { ids.iter().map(|&id| site.articles[id].front.title.as_str()).collect() };
        let shown: Vec<(String, Vec<&str>)> = archives.months.iter().map(|(m, ids)| (m.path(), titles(ids))).collect();
        assert_eq!(
            shown,
            [
                ("2014/01/".to_string(), vec!["元旦活动"]),
                ("2013/12/".to_string(), vec!["年终总结"]),
                (
                    "2013/11/".to_string(),
                    vec!["莘庄镇举行消防演练", "莘庄镇评选“文明小区”"]
                ),
                ("2012/03/".to_string(), vec!["植树节"]),
            ]
        );
        assert_eq!(archives.years(), [2014, 2013, 2012]);
        assert_eq!(
            titles(&archives.year_articles(2013)),
            ["年终总结", "莘庄镇举行消防演练", "莘庄镇评选“文明小区”"]
        );
        let nov = Month { year: 2013, month: 11 };
        assert_eq!(archives.older(nov), Some(Month { year: 2012, month: 3 }));
        assert_eq!(archives.newer(nov), Some(Month { year: 2013, month: 12 }));
        assert_eq!(archives.newer(Month { year: 2014, month: 1 }), None);
        assert_eq!(archives.older(Month { year: 2012, month: 3 }), None);
        assert!(archives.articles(Month { year: 2013, month: 10 }).is_empty());
        assert_eq!(nov.title_zh(), "2013年11月");
        assert_eq!(Month { year: 2013, month: 3 }.path(), "2013/03/");
    }

    #[test]
    fn the_plan_has_a_page_per_year_and_paginated_months() {
        let yaml = format!("{SITE_YAML}paginate: 2\n");
        let (site, _) = site_of(
            &yaml,
            &[
                ("2013/11/a.md", &article("甲", "2013-11-01")),
                ("2013/11/b.md", &article("乙", "2013-11-02")),
                ("2013/11/c.md", &article("丙", "2013-11-03")),
                ("2013/10/d.md", &article("丁", "2013-10-31")),
            ],
        );
        let plan = plan_pages(&site).unwrap();
        let archive: Vec<(&str, PageKind, Vec<ArticleId>)> = plan
            .pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::ArchiveYear(_) | PageKind::ArchiveMonth { .. }))
            .map(|p| (p.file.as_str(), p.kind, p.articles.clone()))
            .collect();
        let nov = Month { year: 2013, month: 11 };
        let oct = Month { year: 2013, month: 10 };
        let pager = |number, total| Pager { number, total };
        assert_eq!(
            archive,
            [
                ("2013/index.html", PageKind::ArchiveYear(2013), vec![0, 1, 2, 3]),
                (
                    "2013/11/index.html",
                    PageKind::ArchiveMonth {
                        month: nov,
                        pager: pager(1, 2)
                    },
                    vec![0, 1]
                ),
                (
                    "2013/11/page/2/index.html",
                    PageKind::ArchiveMonth {
                        month: nov,
                        pager: pager(2, 2)
                    },
                    vec![2]
                ),
                (
                    "2013/10/index.html",
                    PageKind::ArchiveMonth {
                        month: oct,
                        pager: pager(1, 1)
                    },
                    vec![3]
                ),
            ]
        );
        assert_eq!(plan.archives, Archives::of(&site));
    }

    #[test]
    fn an_article_named_page_is_an_error_at_its_slug() {
        let (site, _) = site_of(
            SITE_YAML,
            &[
                (
                    "2013/11/tongzhi.md",
                    &format!("{}\nslug: page", article("停水通知", "2013-11-05")),
                ),
                ("2013/10/page.md", &article("另一篇", "2013-10-06")),
            ],
        );
        let problems = plan_pages(&site).expect_err("the plan should fail");
        let mut shown: Vec<String> = problems
            .iter()
            .map(|d| format!("{}:{}:{}: {}", d.path.display(), d.line, d.column, d.text()))
            .collect();
        shown.sort();
        assert_eq!(
            shown,
            [
                "content/2013/10/page.md:1:1: the URL /2013/10/page/ is where the archive of 2013-10 has its later pages (/2013/10/page/2/ …): no article may be named `page`",
                "content/2013/11/tongzhi.md:5:1: the URL /2013/11/page/ is where the archive of 2013-11 has its later pages (/2013/11/page/2/ …): no article may be named `page`",
            ]
        );
        let hints: Vec<String> = problems
            .iter()
            .filter_map(|d| d.hint.as_ref())
            .map(|h| h.render(crate::i18n::Lang::Zh))
            .collect();
        assert!(hints.iter().any(|h| h.contains("slug:")), "{hints:?}");
    }
}
