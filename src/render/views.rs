//! What templates see: plain views of the site model, made once per build.
//!
//! An article appears on many pages (its own, its terms', the front page), so
//! its list view ([`Card`]) is serialised into a template value once and shared;
//! tera's values are reference-counted, so a list page costs a few pointer
//! copies per item rather than a re-serialisation. docs/themes.md lists every
//! field.

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;

use crate::config::BaseUrl;
use crate::content::{Article, Byline, Image};
use crate::site::Site;
use crate::taxonomy::{Taxonomy, TaxonomyKind, Term};

/// A link to a term: its name and URL.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct TermLink {
    pub name: String,
    pub url: String,
}

/// A term in an index, with the number of its articles.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct TermEntry {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// An article as a list shows it.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct Card {
    pub title: String,
    pub subtitle: Option<String>,
    pub kicker: Option<String>,
    pub url: String,
    pub permalink: String,
    /// RFC 3339, for `<time datetime>`.
    pub date: String,
    /// `2013-11-03`.
    pub date_iso: String,
    /// `2013年11月3日`.
    pub date_zh: String,
    pub kind: &'static str,
    pub district: TermLink,
    pub towns: Vec<TermLink>,
    pub column: Option<TermLink>,
    pub tags: Vec<TermLink>,
    pub byline: Vec<Byline>,
    pub image: Option<ImageView>,
    pub summary: String,
    pub reading_minutes: usize,
    pub char_count: usize,
    pub draft: bool,
}

/// The lead picture, with its URL resolved.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct ImageView {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: String,
}

/// The site as every template sees it (`site`).
#[derive(Clone, Debug, Hash, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// The absolute base URL, ending in `/`.
    pub base_url: String,
    /// The path links start with, such as `/` or `/bulletin/`.
    pub base_path: String,
    /// The date of the newest article, `2013年11月13日`, for the masthead.
    pub latest_date_zh: Option<String>,
    pub latest_date: Option<String>,
    pub article_count: usize,
    pub districts: Vec<TermEntry>,
    pub columns: Vec<TermEntry>,
    /// site.yaml's `extra:`, for a theme's own settings.
    pub extra: serde_yaml::Mapping,
    pub feed_url: String,
}

/// `2013年11月3日`.
pub fn zh_date(date: &DateTime<FixedOffset>) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Links for one term of `taxonomy`.
pub fn term_link(base: &BaseUrl, kind: TaxonomyKind, term: &Term) -> TermLink {
    TermLink {
        name: term.name.clone(),
        url: base.link(&format!("{}/{}/", kind.key(), term.slug)),
    }
}

/// The index entries of a taxonomy.
pub fn term_entries(base: &BaseUrl, taxonomy: &Taxonomy) -> Vec<TermEntry> {
    taxonomy
        .terms
        .iter()
        .map(|t| TermEntry {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: base.link(&format!("{}/{}/", taxonomy.kind.key(), t.slug)),
            count: t.articles.len(),
        })
        .collect()
}

/// The card of every article, in site order.
pub fn cards(site: &Site) -> Vec<Card> {
    let base = &site.config.base_url;
    let lookup = |kind: TaxonomyKind, name: &str| {
        let taxonomy = site.taxonomies.get(kind);
        match taxonomy.term(name) {
            Some(term) => term_link(base, kind, term),
            None => TermLink {
                name: name.to_string(),
                url: String::new(),
            },
        }
    };
    site.articles
        .iter()
        .map(|a| {
            let district_name = site
                .config
                .districts
                .get(a.front.district)
                .map_or("", |d| d.name.as_str());
            Card {
                title: a.front.title.clone(),
                subtitle: a.front.subtitle.clone(),
                kicker: a.front.kicker.clone(),
                url: base.link(&a.url_path),
                permalink: base.absolute(&a.url_path),
                date: a.front.date.to_rfc3339(),
                date_iso: a.front.date.format("%Y-%m-%d").to_string(),
                date_zh: zh_date(&a.front.date),
                kind: a.front.kind.as_str(),
                district: lookup(TaxonomyKind::Districts, district_name),
                towns: a.front.towns.iter().map(|t| lookup(TaxonomyKind::Towns, t)).collect(),
                column: a.front.column.as_deref().map(|c| lookup(TaxonomyKind::Columns, c)),
                tags: a.front.tags.iter().map(|t| lookup(TaxonomyKind::Tags, t)).collect(),
                byline: a.front.byline.clone(),
                image: a.front.image.as_ref().map(|i| image_view(base, a, i)),
                summary: a.summary.clone(),
                reading_minutes: a.reading_minutes,
                char_count: a.char_count,
                draft: a.front.draft,
            }
        })
        .collect()
}

/// An image path relative to the article's file, as a URL. Pictures are
/// published beside the article's page, so a relative name stays relative.
fn image_view(base: &BaseUrl, article: &Article, image: &Image) -> ImageView {
    let src = image.src.trim();
    let url = if src.contains("://") || src.starts_with('/') {
        src.to_string()
    } else {
        base.link(&format!("{}{src}", article.url_path))
    };
    ImageView {
        url,
        caption: image.caption.clone(),
        credit: image.credit.clone(),
        alt: image.alt.clone().or_else(|| image.caption.clone()).unwrap_or_default(),
    }
}

/// The site view shared by every page.
pub fn site_view(site: &Site) -> SiteView {
    let base = &site.config.base_url;
    let newest = site.articles.first().map(|a| a.front.date);
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: base.absolute(""),
        base_path: base.path().to_string(),
        latest_date_zh: newest.as_ref().map(zh_date),
        latest_date: newest.map(|d| d.to_rfc3339()),
        article_count: site.articles.len(),
        districts: term_entries(base, &site.taxonomies.districts),
        columns: term_entries(base, &site.taxonomies.columns),
        extra: site.config.extra.clone(),
        feed_url: base.link("atom.xml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn chinese_date_has_no_leading_zeros() {
        let d = FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2013, 11, 3, 0, 0, 0)
            .unwrap();
        assert_eq!(zh_date(&d), "2013年11月3日");
    }
}
