//! Atom feeds, the sitemap and robots.txt: machine-read files, written in code
//! with XML libraries rather than templates, so that escaping cannot be forgotten.

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
use quick_xml::escape::escape;

use crate::plan::{FeedScope, Page, RenderPlan, SitemapPart, in_sitemap};
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// The Atom feed of the site or of one district, with the given entries;
/// `html` gives an article's body as pages show it.
pub fn atom<'a>(site: &Site, scope: FeedScope, entries: &[ArticleId], html: &dyn Fn(ArticleId) -> &'a str) -> String {
    let (title, self_path, alternate_path) = match scope {
        FeedScope::Site => (site.config.title.clone(), "atom.xml".to_string(), String::new()),
        FeedScope::District(i) => {
            let d = &site.taxonomies.districts.terms[i];
            (
                format!("{} · {}", site.config.title, d.name),
                format!("districts/{}/atom.xml", d.slug),
                format!("districts/{}/", d.slug),
            )
        }
    };
    // A feed's updated time is its newest entry's; with no entries, the site's newest article's,
    // so that the same input always gives the same feed.
    let updated = entries
        .first()
        .or(site.articles.first().map(|_| &0))
        .map(|&id| site.articles[id].front.date)
        .unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.with_timezone(&site.config.utc_offset));
    let feed = Feed {
        subtitle: site.config.description.clone().map(Text::plain),
        entries: entries.iter().map(|&id| entry(site, id, html(id))).collect(),
        ..feed_head(site, title, &self_path, &alternate_path, updated)
    };
    format!("{}\n", feed.to_string())
}

fn entry(site: &Site, id: ArticleId, html: &str) -> Entry {
    let base = &site.config.base_url;
    let a = &site.articles[id];
    let url = base.absolute(&a.url_path);
    let authors = if a.front.byline.is_empty() {
        vec![Person {
            name: site.config.title.clone(),
            ..Default::default()
        }]
    } else {
        a.front
            .byline
            .iter()
            .map(|b| Person {
                name: format!("{} {}", b.role, b.name),
                ..Default::default()
            })
            .collect()
    };
    let title = match &a.front.kicker {
        Some(kicker) => format!("{kicker}　{}", a.front.title),
        None => a.front.title.clone(),
    };
    Entry {
        title: Text::plain(title),
        id: url.clone(),
        updated: a.front.date,
        published: Some(a.front.date),
        authors,
        categories: a
            .front
            .tags
            .iter()
            .map(|t| Category {
                term: t.clone(),
                ..Default::default()
            })
            .collect(),
        links: entry_links(site, a, &url),
        summary: Some(Text::plain(a.summary.clone())),
        content: Some(Content {
            base: Some(url),
            value: Some(html.to_string()),
            content_type: Some("html".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The Atom feed of the editions, newest first: each entry an edition, with
/// its editor's note and the titles of its articles.
pub fn editions_atom(site: &Site) -> String {
    let base = &site.config.base_url;
    let self_path = format!("{}/atom.xml", crate::editions::EDITIONS_DIR);
    let list_path = format!("{}/", crate::editions::EDITIONS_DIR);
    let editions = &site.editions.list;
    let updated = editions
        .first()
        .map(|e| e.date)
        .unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.with_timezone(&site.config.utc_offset));
    let entries = editions
        .iter()
        .take(site.config.feed_limit)
        .map(|edition| {
            let url = base.absolute(&edition.path());
            let name = edition.name_zh();
            let title = match &edition.title {
                Some(title) => format!("{name}：{title}"),
                None => format!("{} {name}", site.config.title),
            };
            let mut html = edition.note_html.clone();
            html.push_str("<ol>");
            for id in edition.articles() {
                let a = &site.articles[id];
                html.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(base.absolute(&a.url_path)),
                    escape(&a.front.title)
                ));
            }
            html.push_str("</ol>");
            Entry {
                title: Text::plain(title),
                id: url.clone(),
                updated: edition.date,
                published: Some(edition.date),
                links: vec![Link {
                    href: url.clone(),
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                content: Some(Content {
                    base: Some(url),
                    value: Some(html),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        entries,
        ..feed_head(
            site,
            format!("{} · 期刊", site.config.title),
            &self_path,
            &list_path,
            updated,
        )
    };
    format!("{}\n", feed.to_string())
}

/// What every feed of the site says of itself: its title, address, time,
/// author (the site), language, and its own and its page's links.
fn feed_head(
    site: &Site,
    title: String,
    self_path: &str,
    alternate_path: &str,
    updated: chrono::DateTime<chrono::FixedOffset>,
) -> Feed {
    let base = &site.config.base_url;
    Feed {
        title: Text::plain(title),
        id: base.absolute(self_path),
        updated,
        authors: vec![Person {
            name: site.config.title.clone(),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: base.absolute(self_path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: base.absolute(alternate_path),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        lang: Some(site.config.language.clone()),
        ..Default::default()
    }
}

/// An entry's page, and its lead picture as an enclosure, so that feed readers show it.
fn entry_links(site: &Site, a: &crate::content::Article, url: &str) -> Vec<Link> {
    let mut links = vec![Link {
        href: url.to_string(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }];
    if let Some(largest) = a.lead_picture.as_ref().and_then(|p| p.fallback()) {
        let extension = largest.file_name.rsplit('.').next().unwrap_or("");
        links.push(Link {
            href: site
                .config
                .base_url
                .absolute(&format!("{}{}", a.url_path, largest.file_name)),
            rel: "enclosure".into(),
            mime_type: Some(largest.format.mime(extension).into()),
            length: std::fs::metadata(&largest.cached).ok().map(|m| m.len().to_string()),
            ..Default::default()
        });
    }
    links
}

/// The sitemap: every HTML page but the 404 page, the search page and the
/// redirects (old addresses are not pages of their own), with the date of the
/// newest article it shows.
pub fn sitemap(site: &Site, plan: &RenderPlan, part: SitemapPart) -> String {
    let base = &site.config.base_url;
    if let SitemapPart::Index { parts } = part {
        return sitemap_index(base, parts);
    }
    let listed: Vec<&Page> = plan.pages.iter().filter(|p| in_sitemap(p)).collect();
    let shown = &listed[part.range(listed.len())];
    let mut out = String::with_capacity(shown.len() * 120);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in shown {
        out.push_str("  <url><loc>");
        out.push_str(&escape(base.absolute(&page.path)));
        out.push_str("</loc>");
        // Article ids are newest first, so the smallest id shown is the newest.
        if let Some(&newest) = page.articles.iter().min() {
            out.push_str("<lastmod>");
            out.push_str(&crate::dates::iso_date(&site.articles[newest].front.date));
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `sitemap.xml` as the index of the sitemap's `parts` files, for a site
/// with more pages than one sitemap file may list.
fn sitemap_index(base: &crate::config::BaseUrl, parts: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for number in 1..=parts {
        out.push_str("  <sitemap><loc>");
        out.push_str(&escape(base.absolute(&format!("sitemap-{number}.xml"))));
        out.push_str("</loc></sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// robots.txt: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.base_url.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Overrides, parse_config};
    use crate::plan::{PageKind, plan_sitemap};

    /// A plan of `n` pages the sitemap lists, and a feed it does not, with its sitemap for at most `limit` addresses a file.
    fn plan(n: i32, limit: usize) -> RenderPlan {
        let mut pages: Vec<Page> = (0..n)
            .map(|year| Page {
                path: format!("{}/", 2001 + year),
                file: format!("{}/index.html", 2001 + year),
                kind: PageKind::ArchiveYear(2001 + year),
                template: Some("archive_year.html"),
                articles: Vec::new(),
            })
            .collect();
        pages.push(Page {
            path: "atom.xml".into(),
            file: "atom.xml".into(),
            kind: PageKind::Feed(FeedScope::Site),
            template: None,
            articles: Vec::new(),
        });
        plan_sitemap(&mut pages, 0, limit);
        RenderPlan {
            pages,
            ..RenderPlan::default()
        }
    }

    fn locations(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .collect()
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_parts_that_list_every_page_once() {
        let config = parse_config(
            "title: 宝山简报\nbase_url: https://e.org/\ndistricts:\n  宝山区: { slug: baoshan }\n",
            &Overrides::default(),
        )
        .unwrap();
        let (site, _) = crate::site::assemble(config, Vec::new(), &[]);
        let one = plan(5, 5);
        let sitemaps: Vec<&Page> = one
            .pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Sitemap(_)))
            .collect();
        assert_eq!(sitemaps.len(), 1, "five pages fit in one file");
        let PageKind::Sitemap(whole) = sitemaps[0].kind else {
            unreachable!()
        };
        let every = sitemap(&site, &one, whole);
        assert_eq!(locations(&every).len(), 5);

        let split = plan(5, 2);
        let files: Vec<(&str, SitemapPart)> = split
            .pages
            .iter()
            .filter_map(|p| match p.kind {
                PageKind::Sitemap(part) => Some((p.file.as_str(), part)),
                _ => None,
            })
            .collect();
        let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
        );
        let index = sitemap(&site, &split, files[0].1);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(
            locations(&index),
            [
                "https://e.org/sitemap-1.xml",
                "https://e.org/sitemap-2.xml",
                "https://e.org/sitemap-3.xml"
            ]
        );
        let parts: Vec<String> = files[1..]
            .iter()
            .map(|(_, part)| sitemap(&site, &split, *part))
            .collect();
        let listed: Vec<&str> = parts.iter().flat_map(|xml| locations(xml)).collect();
        assert_eq!(listed, locations(&every), "the parts list every page once, in order");
        assert!(parts.iter().all(|xml| locations(xml).len() <= 2));
    }
}
