//! The redirect pages of the plan, and the check that none takes the place
//! of a page or of another redirect: only the plan knows every file, so this
//! is where an old address that is still in use is caught, and reported at the
//! line that asked for it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Page, PageKind, Pager, templates};
use crate::error::{Diagnostic, Diagnostics};
use crate::redirects::{Redirect, Target};
use crate::site::Site;

/// Adds the redirect pages after every other page; fails, naming each, when
/// one would take the place of a page or of another redirect.
pub(super) fn plan_redirects(pages: &mut Vec<Page>, site: &Site) -> Result<(), Diagnostics> {
    if site.redirects.is_empty() {
        return Ok(());
    }
    let problems = redirect_clashes(pages, site);
    if problems.has_errors() {
        return Err(problems);
    }
    for (i, redirect) in site.redirects.iter().enumerate() {
        let articles = match redirect.to {
            // It shows the article's title, which its card holds.
            Target::Article(id) => vec![id],
            Target::Term { .. } => Vec::new(),
        };
        pages.push(Page {
            path: redirect.from.clone(),
            file: redirect.file(),
            kind: PageKind::Redirect(i),
            template: Some(templates::REDIRECT),
            articles,
        });
    }
    Ok(())
}

/// Every redirect whose file is a page's, or another redirect's, or lies in
/// a folder that is a file, or is a folder other files lie in.
fn redirect_clashes(pages: &[Page], site: &Site) -> Diagnostics {
    let page_files: HashMap<&str, &Page> = pages.iter().map(|p| (p.file.as_str(), p)).collect();
    let page_folders: HashSet<&str> = pages.iter().flat_map(|p| folders_of(&p.file)).collect();
    let taxonomies = &site.taxonomies;
    let mut problems = Diagnostics::new();
    let mut claimed: BTreeMap<String, Vec<&Redirect>> = BTreeMap::new();
    for redirect in site.redirects.iter() {
        let file = redirect.file();
        let taken = page_files
            .get(file.as_str())
            .or_else(|| folders_of(&file).find_map(|folder| page_files.get(folder)));
        if let Some(page) = taken {
            problems.push(taken_page(site, redirect, page));
        } else if page_folders.contains(file.as_str()) {
            let message = format!(
                "{} would be a file where pages are in a folder",
                redirect.describe(taxonomies)
            );
            problems.push(redirect.error(message, "write the old address as it was, ending in /"));
        } else {
            claimed.entry(file).or_default().push(redirect);
        }
    }
    for (file, same) in &claimed {
        // The others that want this file, a folder of it as a file, or it as a folder.
        let prefix = format!("{file}/");
        let rivals: Vec<&Redirect> = same
            .iter()
            .chain(folders_of(file).filter_map(|folder| claimed.get(folder)).flatten())
            .chain(
                claimed
                    .range(prefix.clone()..)
                    .take_while(|(f, _)| f.starts_with(&prefix))
                    .flat_map(|(_, r)| r),
            )
            .copied()
            .collect();
        for redirect in same {
            let others: Vec<&Redirect> = rivals
                .iter()
                .copied()
                .filter(|o| !std::ptr::eq(*o, *redirect))
                .collect();
            if others.is_empty() {
                continue;
            }
            let named: Vec<String> = others
                .iter()
                .map(|o| format!("{} ({})", o.describe(taxonomies), o.place()))
                .collect();
            let message = format!("{} clashes with {}", redirect.describe(taxonomies), named.join(", "));
            problems.push(redirect.error(message, "an old address can lead to one page only: remove all but one"));
        }
    }
    problems
}

/// The error for a redirect whose file `page` has.
fn taken_page(site: &Site, redirect: &Redirect, page: &Page) -> Diagnostic {
    let who = redirect.describe(&site.taxonomies);
    let own = match (redirect.to, page.kind) {
        (Target::Article(a), PageKind::Article(b)) => a == b,
        (Target::Term { kind, term }, PageKind::Term { kind: k, term: t, .. }) => (kind, term) == (k, t),
        _ => false,
    };
    if own {
        let (message, hint) = match redirect.to {
            Target::Article(_) => (
                format!("{who} is this article's own URL"),
                "remove it: the article is published at that address already",
            ),
            Target::Term { .. } => (
                format!("{who} is its slug now"),
                "remove it from `old_slugs:`: the page is published at that address already",
            ),
        };
        return redirect.error(message, hint);
    }
    let at = if page.file == redirect.file() {
        String::new()
    } else {
        format!(" at /{}", page.path)
    };
    let hint = match redirect.to {
        Target::Article(_) => "an alias is an old address that has no page now: remove it, or move that page",
        Target::Term { .. } => "an old slug is one that has no page now: remove it, or give that term another slug",
    };
    redirect.error(format!("{who} clashes with {}{at}", describe_page(site, page)), hint)
}

/// A page as errors name it.
fn describe_page(site: &Site, page: &Page) -> String {
    let numbered = |what: String, pager: Pager| {
        if pager.number > 1 {
            format!("page {} of {what}", pager.number)
        } else {
            what
        }
    };
    match page.kind {
        PageKind::Front(pager) => numbered("the front page".into(), pager),
        PageKind::Article(id) => format!("the article {}", site.articles[id].source.display()),
        PageKind::TaxonomyIndex(kind) => format!("the index of {}", kind.label()),
        PageKind::Term { kind, term, pager } => {
            let name = &site.taxonomies.get(kind).terms[term].name;
            numbered(format!("the page of {} {name}", kind.label()), pager)
        }
        PageKind::Briefs(pager) => numbered("the short news (短讯)".into(), pager),
        PageKind::Feed(_) => format!("the feed /{}", page.path),
        PageKind::Sitemap | PageKind::Robots | PageKind::NotFound => format!("/{}", page.path),
        PageKind::Search => "the search page".into(),
        PageKind::SearchIndex(_) => "the search index".into(),
        PageKind::Redirect(_) => format!("the redirect /{}", page.path),
    }
}

/// The folders `file` lies in: `a/b/index.html` → `a`, `a/b`.
fn folders_of(file: &str) -> impl Iterator<Item = &str> {
    file.match_indices('/').map(|(at, _)| &file[..at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan_pages;
    use crate::redirects::tests::{SITE_YAML, site_of};

    /// The errors of planning the site of these articles, as (file, line, column, message).
    fn clashes(site_yaml: &str, articles: &[(&str, &str)]) -> Vec<(String, usize, usize, String)> {
        let (site, _) = site_of(site_yaml, articles);
        let problems = plan_pages(&site).expect_err("the plan should fail");
        let mut shown: Vec<_> = problems
            .iter()
            .map(|d| (d.path.display().to_string(), d.line, d.column, d.text()))
            .collect();
        shown.sort();
        shown
    }

    const XINZHUANG: &str =
        "title: 莘庄镇“文明小区”评选揭晓\ndate: 2013-11-05\ndistrict: 闵行区\ntowns: [莘庄镇]\ntags: [民宿]";

    #[test]
    fn redirect_pages_come_last_with_their_files() {
        let (site, _) = site_of(
            SITE_YAML,
            &[(
                "2013/11/xinzhuang.md",
                &format!("{XINZHUANG}\naliases: [/2013/11/wen-ming/, /news/1105.html]"),
            )],
        );
        let plan = plan_pages(&site).unwrap();
        let redirects: Vec<_> = plan
            .pages
            .iter()
            .skip_while(|p| !matches!(p.kind, PageKind::Redirect(_)))
            .map(|p| (p.file.as_str(), p.template, p.articles.clone()))
            .collect();
        let to_article = |file| (file, Some(templates::REDIRECT), vec![0]);
        let to_term = |file| (file, Some(templates::REDIRECT), vec![]);
        assert_eq!(
            redirects,
            [
                to_article("2013/11/wen-ming/index.html"),
                to_article("news/1105.html"),
                to_term("districts/min-hang-qu/index.html"),
                to_term("towns/xinzhuang/index.html"),
                to_term("tags/min-su-2/index.html"),
            ]
        );
    }

    #[test]
    fn an_alias_that_is_a_page_is_an_error_at_its_line() {
        let found = clashes(
            SITE_YAML,
            &[
                ("2013/11/xinzhuang.md", XINZHUANG),
                (
                    "2013/11/drill.md",
                    "title: 闵行区举行消防演练\ndate: 2013-11-03\ndistrict: 闵行区\naliases:\n  - /2013/11/xinzhuang/\n  - /2013/11/drill/\n  - /tags/min-su/\n  - /atom.xml/\n  - /briefs/",
                ),
            ],
        );
        let file = "content/2013/11/drill.md";
        let at = |line, message: &str| (file.to_string(), line, 5, message.to_string());
        assert_eq!(
            found,
            [
                at(
                    6,
                    "the alias /2013/11/xinzhuang/ clashes with the article content/2013/11/xinzhuang.md"
                ),
                at(7, "the alias /2013/11/drill/ is this article's own URL"),
                at(8, "the alias /tags/min-su/ clashes with the page of 标签 民宿"),
                at(9, "the alias /atom.xml/ clashes with the feed /atom.xml at /atom.xml"),
                at(10, "the alias /briefs/ clashes with the short news (短讯)"),
            ]
        );
    }

    #[test]
    fn two_redirects_to_one_address_are_an_error_at_each() {
        let yaml = format!("{SITE_YAML}  民宿: [min-su-2, xinzhuang]\n");
        let found = clashes(
            &yaml.replace("old_slugs:\n  民宿: [min-su-2]\n", "old_slugs:\n"),
            &[
                ("2013/11/xinzhuang.md", &format!("{XINZHUANG}\naliases: [/old/a.html]")),
                (
                    "2013/11/b.md",
                    "title: 乙\ndate: 2013-11-01\ndistrict: 松江区\naliases: [/old/a.html/]",
                ),
                (
                    "2013/11/c.md",
                    "title: 丙\ndate: 2013-11-02\ndistrict: 松江区\naliases: [\"old/a.html\"]",
                ),
            ],
        );
        let messages: Vec<_> = found.iter().map(|(f, l, _, m)| format!("{f}:{l}: {m}")).collect();
        assert_eq!(
            messages,
            [
                "content/2013/11/b.md:5: the alias /old/a.html/ clashes with the alias /old/a.html (content/2013/11/xinzhuang.md:7), the alias /old/a.html (content/2013/11/c.md:5)",
                "content/2013/11/c.md:5: the alias /old/a.html clashes with the alias /old/a.html (content/2013/11/xinzhuang.md:7), the alias /old/a.html/ (content/2013/11/b.md:5)",
                "content/2013/11/xinzhuang.md:7: the alias /old/a.html clashes with the alias /old/a.html (content/2013/11/c.md:5), the alias /old/a.html/ (content/2013/11/b.md:5)",
            ]
        );
    }

    #[test]
    fn an_old_slug_that_is_a_slug_now_is_an_error_at_its_line_in_site_yaml() {
        let yaml = SITE_YAML
            .replace("民宿: [min-su-2]", "民宿: [min-su, xinzhuang]")
            .replace("[xinzhuang]", "[xin-zhuang-zhen]");
        let found = clashes(
            &yaml,
            &[(
                "2013/11/xinzhuang.md",
                &format!("{XINZHUANG}\naliases: [/towns/xin-zhuang-zhen/]\ncolumn: 民宿"),
            )],
        );
        let messages: Vec<_> = found.iter().map(|(f, l, c, m)| format!("{f}:{l}:{c}: {m}")).collect();
        assert_eq!(
            messages,
            [
                "content/2013/11/xinzhuang.md:7:11: the alias /towns/xin-zhuang-zhen/ clashes with the page of 镇 莘庄镇",
                "site.yaml:10:8: the old slug `min-su` of 标签 民宿 (/tags/min-su/) is its slug now",
                "site.yaml:10:8: the old slug `min-su` of 栏目 民宿 (/columns/min-su/) is its slug now",
                "site.yaml:11:9: the old slug `xin-zhuang-zhen` of 镇 莘庄镇 (/towns/xin-zhuang-zhen/) is its slug now",
            ]
        );
    }
}
