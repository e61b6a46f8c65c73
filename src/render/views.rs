//! What templates see: plain views of the site model, made once per build.
//!
//! An article appears on many pages (its own, its terms', the front page), so
//! its list view ([`Card`]) is serialised into a template value once and shared;
//! tera's values are reference-counted, so a list page costs a few pointer
//! copies per item rather than a re-serialisation. docs/themes.md lists every
//! field.

use serde::Serialize;
use tera::Value;

use crate::config::BaseUrl;
use crate::content::{Article, Byline, Image, Kind};
use crate::dates::{zh_date, zh_weekday};
use crate::site::Site;
use crate::taxonomy::{TaxonomyKind, Term};

use super::theme::Theme;

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
    /// The first letter of its pinyin slug, upper case (`X` for 消防安全), for
    /// an index grouped by letter; `#` when the slug starts with a digit.
    pub initial: String,
    /// For a district, the towns its articles name, in index order; else empty.
    pub towns: Vec<TermEntry>,
    /// Its newest article; only in index pages' `terms` (null in `site.*`,
    /// so that editing a headline does not change every page).
    pub latest: Option<ArticleLink>,
}

/// A link to an article: its title, URL and date.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct ArticleLink {
    pub title: String,
    pub url: String,
    /// RFC 3339, for `<time datetime>`.
    pub date: String,
    /// `2013年11月3日`.
    pub date_zh: String,
}

/// An article as a list shows it. Its term links (`district`, `towns`,
/// `column`, `tags`) are left out of its serialisation: [`card_value`] puts in
/// the values every card naming the same term shares.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct Card<'l> {
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
    /// The archive of its month, `/2013/11/`, which its date links to.
    pub month_url: String,
    /// `feature`, `news`, `brief` or `photo`.
    pub kind: &'static str,
    /// The kind as readers name it: 通讯, 消息, 短讯, 图片新闻.
    pub kind_label: &'static str,
    #[serde(skip_serializing)]
    pub district: CardTerm<'l>,
    #[serde(skip_serializing)]
    pub towns: Vec<CardTerm<'l>>,
    #[serde(skip_serializing)]
    pub column: Option<CardTerm<'l>>,
    #[serde(skip_serializing)]
    pub tags: Vec<CardTerm<'l>>,
    pub byline: Vec<Byline>,
    pub image: Option<ImageView>,
    pub summary: String,
    pub reading_minutes: usize,
    pub char_count: usize,
    pub draft: bool,
    /// The files its body links to (附件), in the order it links them.
    pub attachments: Vec<AttachmentView>,
}

/// A file an article links to, as its page lists it under 附件.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct AttachmentView {
    /// The text of the link to it: `检查方案`.
    pub title: String,
    pub url: String,
    /// Its file name: `fujian.pdf`.
    pub file_name: String,
    /// What kind of file it is, for stylesheets: `pdf`, `word`, `excel`,
    /// `powerpoint`, `archive`, `audio`, `video`, `image`, `text` or `other`.
    pub kind: &'static str,
    /// The kind as readers name it: `PDF`, `Word`, `Excel`, `压缩包`, `视频` …
    pub kind_label: String,
    /// Its size in bytes, and as a file manager shows it (`1.2 MB`).
    pub size: u64,
    pub size_text: String,
}

/// The lead picture, with its URL resolved.
#[derive(Clone, Debug, Hash, Serialize)]
pub struct ImageView {
    /// The picture's largest published file (or its address, for an outside picture).
    pub url: String,
    /// Its smallest published file, for thumbnails.
    pub thumb_url: String,
    /// Width and height of `url`, 0 when not known (an outside picture).
    pub width: u32,
    pub height: u32,
    /// `srcset` of the source's own format, and of WebP (empty when there is none).
    pub srcset: String,
    pub webp_srcset: String,
    /// The `sizes` that go with the srcsets.
    pub sizes: &'static str,
    /// A complete `<picture>` element, loaded at once (for a lead picture).
    pub html: String,
    /// The same, loaded lazily (for pictures further down a page).
    pub html_lazy: String,
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
    /// Its day of the week, `星期三`.
    pub latest_weekday_zh: Option<String>,
    pub latest_date: Option<String>,
    pub article_count: usize,
    /// The districts that have articles, in site.yaml's order, each with its towns.
    pub districts: Vec<TermEntry>,
    /// The columns, in pinyin order.
    pub columns: Vec<TermEntry>,
    /// The theme's theme.yaml `extra:` defaults with site.yaml's `extra:` over them, key by key.
    pub extra: serde_yaml::Mapping,
    pub feed_url: String,
    /// The index of the districts, `/districts/`; with those of the towns,
    /// columns and tags and the short news, what the navigation on every page
    /// links to, worked out once rather than by a `url()` call per link and page.
    pub districts_url: String,
    pub towns_url: String,
    pub columns_url: String,
    pub tags_url: String,
    pub briefs_url: String,
    /// The search page, when the site has search.
    pub search_url: Option<String>,
    /// `/issues/`, when the site is published in editions.
    pub issues_url: Option<String>,
}

/// What readers call an article of `kind`.
fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Feature => "通讯",
        Kind::News => "消息",
        Kind::Brief => "短讯",
        Kind::Photo => "图片新闻",
    }
}

/// Links for one term of `taxonomy`.
pub fn term_link(base: &BaseUrl, kind: TaxonomyKind, term: &Term) -> TermLink {
    TermLink {
        name: term.name.clone(),
        url: base.link(&format!("{}/{}/", kind.key(), term.slug)),
    }
}

/// The index entries of a taxonomy; `with_latest` adds each term's newest article.
pub fn term_entries(site: &Site, kind: TaxonomyKind, with_latest: bool) -> Vec<TermEntry> {
    term_entries_with(site, kind, with_latest, &district_towns(site))
}

/// For each district term, the positions of the town terms its articles name,
/// in index order. Every article is looked at: worth working out once per build.
pub fn district_towns(site: &Site) -> Vec<Vec<usize>> {
    let all_towns = &site.taxonomies.towns.terms;
    site.taxonomies
        .districts
        .terms
        .iter()
        .map(|t| {
            let named: std::collections::BTreeSet<&str> = t
                .articles
                .iter()
                .flat_map(|&id| site.articles[id].front.towns.iter().map(String::as_str))
                .collect();
            (0..all_towns.len())
                .filter(|&i| named.contains(all_towns[i].name.as_str()))
                .collect()
        })
        .collect()
}

/// [`term_entries`], with the districts' towns as [`district_towns`] gives them.
pub fn term_entries_with(
    site: &Site,
    kind: TaxonomyKind,
    with_latest: bool,
    district_towns: &[Vec<usize>],
) -> Vec<TermEntry> {
    let base = &site.config.base_url;
    let entry = |kind: TaxonomyKind, t: &Term, towns: Vec<TermEntry>| TermEntry {
        name: t.name.clone(),
        slug: t.slug.clone(),
        url: base.link(&format!("{}/{}/", kind.key(), t.slug)),
        count: t.articles.len(),
        initial: t
            .slug
            .chars()
            .next()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    c.to_ascii_uppercase().to_string()
                } else {
                    "#".into()
                }
            })
            .unwrap_or_default(),
        towns,
        latest: with_latest
            .then(|| t.articles.first())
            .flatten()
            .map(|&id| article_link(base, &site.articles[id])),
    };
    let all_towns = &site.taxonomies.towns.terms;
    site.taxonomies
        .get(kind)
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let towns = if kind == TaxonomyKind::Districts {
                district_towns
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter_map(|&town| all_towns.get(town))
                    .map(|town| entry(TaxonomyKind::Towns, town, Vec::new()))
                    .collect()
            } else {
                Vec::new()
            };
            entry(kind, t, towns)
        })
        .collect()
}

/// The link to `article` that indexes show.
pub fn article_link(base: &BaseUrl, article: &Article) -> ArticleLink {
    ArticleLink {
        title: article.front.title.clone(),
        url: base.link(&article.url_path),
        date: article.front.date.to_rfc3339(),
        date_zh: zh_date(&article.front.date),
    }
}

/// Every term's link as a template value, made once per grouping and shared
/// by every card naming the term. A card names seven terms or so; a link of
/// its own for each was half of a card's memory (about 3 KB), which at
/// 100,000 articles is 300 MB.
pub struct TermLinkValues {
    /// By kind, in [`TaxonomyKind::ALL`]'s order, then by the term's index:
    /// the link, and its value.
    by_kind: [Vec<(TermLink, Value)>; 4],
}

impl TermLinkValues {
    /// The links of every term of `site`.
    pub fn of(site: &Site) -> TermLinkValues {
        let base = &site.config.base_url;
        TermLinkValues {
            by_kind: TaxonomyKind::ALL.map(|kind| {
                site.taxonomies
                    .get(kind)
                    .terms
                    .iter()
                    .map(|term| {
                        let link = term_link(base, kind, term);
                        let value = Value::from_serializable(&link);
                        (link, value)
                    })
                    .collect()
            }),
        }
    }

    /// The term of `kind` named `name`, as a card names it: the shared link
    /// when the grouping has the term.
    fn term(&self, site: &Site, kind: TaxonomyKind, name: &str) -> CardTerm<'_> {
        let shared = site.taxonomies.get(kind).position(name).and_then(|i| {
            let at = TaxonomyKind::ALL.iter().position(|&k| k == kind)?;
            self.by_kind[at].get(i)
        });
        match shared {
            Some(shared) => CardTerm::Shared(shared),
            None => CardTerm::Own(TermLink {
                name: name.to_string(),
                url: String::new(),
            }),
        }
    }
}

/// A term a card names: the grouping's link and value, shared by every card
/// naming it, or for a name the grouping lacks, a link of its own to nowhere.
#[derive(Clone, Debug)]
pub enum CardTerm<'a> {
    Shared(&'a (TermLink, Value)),
    Own(TermLink),
}

impl CardTerm<'_> {
    /// Its link.
    pub fn link(&self) -> &TermLink {
        match self {
            CardTerm::Shared((link, _)) => link,
            CardTerm::Own(link) => link,
        }
    }

    /// Its link as a template value.
    fn value(&self) -> Value {
        match self {
            CardTerm::Shared((_, value)) => value.clone(),
            CardTerm::Own(link) => Value::from_serializable(link),
        }
    }
}

impl std::hash::Hash for CardTerm<'_> {
    /// As its link: a card's hash tells a term that moved.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.link().hash(state);
    }
}

/// `card` as templates see it, with the term links of `links`.
pub fn card_value(card: &Card<'_>) -> Value {
    let mut map = Value::from_serializable(card).into_map().unwrap_or_default();
    let values = |terms: &[CardTerm<'_>]| Value::from(terms.iter().map(CardTerm::value).collect::<Vec<_>>());
    map.insert("district".into(), card.district.value());
    map.insert("towns".into(), values(&card.towns));
    map.insert(
        "column".into(),
        card.column.as_ref().map_or_else(Value::none, CardTerm::value),
    );
    map.insert("tags".into(), values(&card.tags));
    Value::from(map)
}

/// The card of one article of `site`, naming its terms with `links`.
pub fn card<'l>(site: &Site, a: &Article, links: &'l TermLinkValues) -> Card<'l> {
    let base = &site.config.base_url;
    let lookup = |kind: TaxonomyKind, name: &str| links.term(site, kind, name);
    let district_name = site.config.district_by_id(a.front.district).name.as_str();
    Card {
        title: a.front.title.clone(),
        subtitle: a.front.subtitle.clone(),
        kicker: a.front.kicker.clone(),
        url: base.link(&a.url_path),
        permalink: base.absolute(&a.url_path),
        date: a.front.date.to_rfc3339(),
        date_iso: crate::dates::iso_date(&a.front.date),
        date_zh: zh_date(&a.front.date),
        month_url: base.link(&crate::plan::Month::of(&a.front.date).path()),
        kind: a.front.kind.as_str(),
        kind_label: kind_label(a.front.kind),
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
        attachments: attachment_views(base, a),
    }
}

/// The attachments `a`'s body links to, for its page's list.
fn attachment_views(base: &BaseUrl, a: &Article) -> Vec<AttachmentView> {
    use crate::content::attachments::{file_kind, size_text, url_of_name};
    let dir = base.link(&a.url_path);
    a.attachments
        .iter()
        .filter_map(|file| {
            let title = file.title.clone()?;
            let (kind, kind_label) = file_kind(&file.name);
            Some(AttachmentView {
                title,
                url: format!("{dir}{}", url_of_name(&file.name)),
                file_name: file.name.rsplit('/').next().unwrap_or(&file.name).to_string(),
                kind,
                kind_label,
                size: file.size,
                size_text: size_text(file.size),
            })
        })
        .collect()
}

/// An image path relative to the article's file, as a URL. Pictures are
/// published beside the article's page, so a relative name stays relative.
fn image_view(base: &BaseUrl, article: &Article, image: &Image) -> ImageView {
    let alt = image.alt.clone().or_else(|| image.caption.clone()).unwrap_or_default();
    let dir = base.link(&article.url_path);
    let mut view = ImageView {
        url: String::new(),
        thumb_url: String::new(),
        width: 0,
        height: 0,
        srcset: String::new(),
        webp_srcset: String::new(),
        sizes: crate::images::SIZES,
        html: String::new(),
        html_lazy: String::new(),
        caption: image.caption.clone(),
        credit: image.credit.clone(),
        alt,
    };
    match &article.lead_picture {
        Some(picture) => {
            let fallback = picture.fallback_format();
            let srcset = |format| {
                picture
                    .in_format(format)
                    .map(|v| format!("{dir}{} {}w", v.file_name, v.width))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if let Some(largest) = picture.fallback() {
                view.url = format!("{dir}{}", largest.file_name);
                (view.width, view.height) = (largest.width, largest.height);
            }
            view.thumb_url = picture
                .in_format(fallback)
                .next()
                .map(|v| format!("{dir}{}", v.file_name))
                .unwrap_or_default();
            view.srcset = srcset(fallback);
            if fallback != crate::images::Format::Webp {
                view.webp_srcset = srcset(crate::images::Format::Webp);
            }
            view.html = picture.markup(&dir, &view.alt, "", false);
            view.html_lazy = picture.markup(&dir, &view.alt, "", true);
        }
        None => {
            // An outside address, or a file of static/: published as written.
            let src = image.src.trim();
            view.url = match src.strip_prefix('/') {
                Some(from_root) if !src.starts_with("//") => base.link(from_root),
                _ => src.to_string(),
            };
            view.thumb_url = view.url.clone();
            let escaped = |t: &str| t.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
            view.html = format!("<img src=\"{}\" alt=\"{}\">", escaped(&view.url), escaped(&view.alt));
            view.html_lazy = format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                escaped(&view.url),
                escaped(&view.alt)
            );
        }
    }
    view
}

/// The site view shared by every page, with `theme`'s extra defaults.
pub fn site_view(site: &Site, theme: &Theme) -> SiteView {
    site_view_with(site, theme, &district_towns(site))
}

/// [`site_view`], with the districts' towns as [`district_towns`] gives them.
pub fn site_view_with(site: &Site, theme: &Theme, district_towns: &[Vec<usize>]) -> SiteView {
    let base = &site.config.base_url;
    let newest = site.articles.first().map(|a| a.front.date);
    let index = |kind: TaxonomyKind| base.link(&kind.index_path());
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: base.absolute(""),
        base_path: base.path().to_string(),
        latest_date_zh: newest.as_ref().map(zh_date),
        latest_weekday_zh: newest.as_ref().map(zh_weekday),
        latest_date: newest.map(|d| d.to_rfc3339()),
        article_count: site.articles.len(),
        districts: term_entries_with(site, TaxonomyKind::Districts, false, district_towns),
        columns: term_entries_with(site, TaxonomyKind::Columns, false, district_towns),
        extra: theme.merged_extra(&site.config.extra),
        feed_url: base.link("atom.xml"),
        districts_url: index(TaxonomyKind::Districts),
        towns_url: index(TaxonomyKind::Towns),
        columns_url: index(TaxonomyKind::Columns),
        tags_url: index(TaxonomyKind::Tags),
        briefs_url: base.link(crate::plan::BRIEFS_PATH),
        search_url: site.config.search.then(|| base.link("search/")),
        issues_url: (!site.editions.is_empty()).then(|| base.link(&format!("{}/", crate::editions::EDITIONS_DIR))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use super::*;
    use crate::config::{Overrides, parse_config};

    /// Two 长宁区 articles in one street, sharing the tag 社区.
    fn changning() -> Site {
        let config = parse_config(
            "title: 长宁简报\nbase_url: https://e.org/\ndistricts:\n  长宁区: { slug: changning }\n",
            &Overrides::default(),
        )
        .expect("site.yaml");
        let article = |path: &str, title: &str, tags: &str| {
            let text = format!(
                "---\ntitle: {title}\ndate: 2013-11-05\ndistrict: 长宁区\ntowns: [新华路街道]\n\
                 column: 社区新闻\ntags: [{tags}]\n---\n本报讯 正文。\n"
            );
            let (article, _) = crate::content::article_from_bytes(path, text.as_bytes(), &config).expect("article");
            Arc::new(article)
        };
        let articles = vec![
            article("2013/11/chongqing.md", "重庆路口新设红绿灯", "交通, 社区"),
            article("2013/11/yinhang.md", "“银行进社区”走进新华路", "金融服务, 社区"),
        ];
        crate::site::assemble(config, articles, &[Vec::new(), Vec::new()]).0
    }

    fn field<'v>(value: &'v Value, key: &'v str) -> &'v Value {
        value
            .get_from_path(key)
            .unwrap_or_else(|| panic!("no {key} in {value:?}"))
    }

    #[test]
    fn cards_share_one_value_per_term_and_show_every_field() {
        let site = changning();
        let links = TermLinkValues::of(&site);
        let cards: Vec<Value> = site
            .articles
            .iter()
            .map(|a| card_value(&card(&site, a, &links)))
            .collect();
        let keys: BTreeSet<&str> = cards[0]
            .as_map()
            .expect("a map")
            .keys()
            .filter_map(|k| k.as_str())
            .collect();
        let every = "attachments byline char_count column date date_iso date_zh district draft image kind \
                     kind_label kicker month_url permalink reading_minutes subtitle summary tags title towns url";
        assert_eq!(keys, every.split_whitespace().collect::<BTreeSet<&str>>());

        // The same term, the same value: a pointer to one map, not a copy per card.
        let shequ = |card: &Value| {
            let tags = field(card, "tags").as_array().expect("tags");
            let tag = tags
                .iter()
                .find(|t| field(t, "name").as_str() == Some("社区"))
                .expect("社区");
            (
                tag.as_map().expect("a map") as *const tera::Map,
                field(tag, "url").as_str().map(String::from),
            )
        };
        let (first, second) = (shequ(&cards[0]), shequ(&cards[1]));
        assert_eq!(first, second);
        assert_eq!(first.1.as_deref(), Some("/tags/she-qu/"));
        for key in ["district", "column"] {
            let [a, b] = [&cards[0], &cards[1]].map(|c| field(c, key).as_map().expect("a map") as *const tera::Map);
            assert_eq!(a, b, "{key}");
        }
        assert_eq!(field(&cards[1], "district.url").as_str(), Some("/districts/changning/"));
        assert_eq!(field(&cards[1], "towns").as_array().map(<[Value]>::len), Some(1));
        assert_eq!(field(&cards[1], "column.name").as_str(), Some("社区新闻"));
    }

    #[test]
    fn the_site_view_links_every_section_index_under_the_base_path() {
        let config = parse_config(
            "title: 长宁简报\nbase_url: https://e.org/changning/\ndistricts:\n  长宁区: { slug: changning }\n",
            &Overrides::default(),
        )
        .expect("site.yaml");
        let site = crate::site::assemble(config, Vec::new(), &[]).0;
        let theme = super::super::theme::builtin_theme().expect("the built-in theme");
        let view = site_view(&site, &theme);
        let urls = [
            view.districts_url,
            view.towns_url,
            view.columns_url,
            view.tags_url,
            view.briefs_url,
        ];
        let expected = ["districts", "towns", "columns", "tags", "briefs"].map(|s| format!("/changning/{s}/"));
        assert_eq!(urls, expected);
    }
}
