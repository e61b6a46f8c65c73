//! Atom feeds, the sitemap and robots.txt: machine-read files, written in code
//! with XML libraries rather than templates, so that escaping cannot be forgotten.

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
use quick_xml::escape::escape;

use crate::plan::{FeedScope, PageKind, RenderPlan};
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// The Atom feed of the site or of one district, with the given entries;
/// `html` gives an article's body as pages show it.
pub fn atom<'a>(site: &Site, scope: FeedScope, entries: &[ArticleId], html: &dyn Fn(ArticleId) -> &'a str) -> String {
    let base = &site.config.base_url;
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
        title: Text::plain(title),
        id: base.absolute(&self_path),
        updated,
        authors: vec![Person {
            name: site.config.title.clone(),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: base.absolute(&self_path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: base.absolute(&alternate_path),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        lang: Some(site.config.language.clone()),
        subtitle: site.config.description.clone().map(Text::plain),
        entries: entries.iter().map(|&id| entry(site, id, html(id))).collect(),
        ..Default::default()
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
pub fn sitemap(site: &Site, plan: &RenderPlan) -> String {
    let base = &site.config.base_url;
    let mut out = String::with_capacity(plan.pages.len() * 120);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in &plan.pages {
        if page.template.is_none() || matches!(page.kind, PageKind::NotFound | PageKind::Search | PageKind::Redirect(_))
        {
            continue;
        }
        out.push_str("  <url><loc>");
        out.push_str(&escape(base.absolute(&page.path)));
        out.push_str("</loc>");
        // Article ids are newest first, so the smallest id shown is the newest.
        if let Some(&newest) = page.articles.iter().min() {
            out.push_str("<lastmod>");
            out.push_str(&site.articles[newest].front.date.format("%Y-%m-%d").to_string());
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.base_url.absolute("sitemap.xml")
    )
}
