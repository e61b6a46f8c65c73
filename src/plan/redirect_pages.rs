//! The redirect pages of the plan, and the check that none takes the place
//! of a page or of another redirect: only the plan knows every file, so this
//! is where an old address that is still in use is caught, and reported at the
//! line that asked for it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Page, PageKind, Pager, templates};
use crate::error::{Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::msg;
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
            let message = msg!(
                "site-redirect-file-over-folder",
                redirect = redirect.describe(taxonomies)
            );
            problems.push(redirect.error(message, msg!("site-redirect-file-over-folder-hint")));
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
            let named: Vec<Message> = others
                .iter()
                .map(|o| {
                    msg!(
                        "site-redirect-named",
                        redirect = o.describe(taxonomies),
                        place = o.place()
                    )
                })
                .collect();
            let message = msg!(
                "site-redirect-clash",
                redirect = redirect.describe(taxonomies),
                others = named
            );
            problems.push(redirect.error(message, msg!("site-redirect-clash-hint")));
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
                msg!("site-redirect-own-url", redirect = who),
                msg!("site-redirect-own-url-hint"),
            ),
            Target::Term { .. } => (
                msg!("site-redirect-own-slug", redirect = who),
                msg!("site-redirect-own-slug-hint"),
            ),
        };
        return redirect.error(message, hint);
    }
    let described = describe_page(site, page);
    let message = if page.file == redirect.file() {
        msg!("site-redirect-takes-page", redirect = who, page = described)
    } else {
        msg!(
            "site-redirect-takes-page-at",
            redirect = who,
            page = described,
            path = &page.path
        )
    };
    let hint = match redirect.to {
        Target::Article(_) => msg!("site-redirect-takes-page-alias-hint"),
        Target::Term { .. } => msg!("site-redirect-takes-page-slug-hint"),
    };
    redirect.error(message, hint)
}

/// A page as errors name it.
fn describe_page(site: &Site, page: &Page) -> Message {
    let numbered = |what: Message, pager: Pager| {
        if pager.number > 1 {
            msg!("site-page-numbered", number = pager.number, page = what)
        } else {
            what
        }
    };
    match page.kind {
        PageKind::Front(pager) => numbered(msg!("site-page-front"), pager),
        PageKind::Article(id) => msg!("site-page-article", file = site.articles[id].source.display()),
        PageKind::TaxonomyIndex(kind) => msg!("site-page-index", kind = kind.key()),
        PageKind::Term { kind, term, pager } => {
            let name = &site.taxonomies.get(kind).terms[term].name;
            numbered(msg!("site-page-term", kind = kind.name(), name = name), pager)
        }
        PageKind::Briefs(pager) => numbered(msg!("site-page-briefs"), pager),
        PageKind::ArchiveMonth { month, pager } => numbered(
            msg!(
                "archive-page-month",
                year = month.year.to_string(),
                month = month.month.to_string(),
                mm = format!("{:02}", month.month)
            ),
            pager,
        ),
        PageKind::ArchiveYear(year) => msg!("archive-page-year", year = year.to_string()),
        PageKind::Feed(_) | PageKind::EditionFeed => msg!("site-page-feed", path = &page.path),
        PageKind::Sitemap(_) | PageKind::Robots | PageKind::NotFound => msg!("site-page-file", path = &page.path),
        PageKind::Search => msg!("site-page-search"),
        PageKind::SearchIndex(_) => msg!("site-page-search-index"),
        PageKind::Redirect(_) => msg!("site-page-redirect", path = &page.path),
        PageKind::EditionIndex => msg!("site-page-editions"),
        PageKind::Edition { edition, .. } => msg!(
            "site-page-edition",
            number = site.editions.list[edition].number,
            path = &page.path
        ),
        PageKind::WechatArticle(id) => msg!("site-page-wechat", file = site.articles[id].source.display()),
    }
}

/// The folders `file` lies in: `a/b/index.html` → `a`, `a/b`.
fn folders_of(file: &str) -> impl Iterator<Item = &str> {
    file.match_indices('/').map(|(at, _)| &file[..at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
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
                at(8, "the alias /tags/min-su/ clashes with the page of the tag 民宿"),
                at(9, "the alias /atom.xml/ clashes with the feed /atom.xml at /atom.xml"),
                at(10, "the alias /briefs/ clashes with the short news (短讯)"),
            ]
        );
    }

    #[test]
    fn a_redirect_in_a_pages_place_is_told_in_chinese() {
        let (site, _) = site_of(
            SITE_YAML,
            &[
                ("2013/11/xinzhuang.md", XINZHUANG),
                (
                    "2013/11/drill.md",
                    "title: 闵行区举行消防演练\ndate: 2013-11-03\ndistrict: 闵行区\naliases:\n  - /2013/11/xinzhuang/\n  - /2013/11/drill/\n  - /tags/min-su/",
                ),
            ],
        );
        let problems = plan_pages(&site).expect_err("the plan should fail");
        let shown: Vec<String> = problems.iter().map(|d| d.render(Lang::Zh)).collect();
        assert_eq!(
            shown,
            [
                "content/2013/11/drill.md:6:5: 错误：旧地址 /2013/11/xinzhuang/ 与已有的页面冲突：\
                 文章 content/2013/11/xinzhuang.md 的页面\n  \
                 提示：旧地址必须是现在没有页面的地址：删掉它，或者把那个页面移走",
                "content/2013/11/drill.md:7:5: 错误：旧地址 /2013/11/drill/ 就是这篇文章现在的网址\n  \
                 提示：删掉它：文章已经发布在这个地址了",
                "content/2013/11/drill.md:8:5: 错误：旧地址 /tags/min-su/ 与已有的页面冲突：标签“民宿”的页面\n  \
                 提示：旧地址必须是现在没有页面的地址：删掉它，或者把那个页面移走",
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
                "content/2013/11/xinzhuang.md:7:11: the alias /towns/xin-zhuang-zhen/ clashes with the page of the town 莘庄镇",
                "site.yaml:10:8: the old slug `min-su` of the column 民宿 (/columns/min-su/) is its slug now",
                "site.yaml:10:8: the old slug `min-su` of the tag 民宿 (/tags/min-su/) is its slug now",
                "site.yaml:11:9: the old slug `xin-zhuang-zhen` of the town 莘庄镇 (/towns/xin-zhuang-zhen/) is its slug now",
            ]
        );
    }
}
