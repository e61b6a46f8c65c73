//! The pages of the editions (期): `/issues/` lists them, `/issues/12/` is an
//! edition's contents, and each edition has its copies for print, WeChat and
//! e-mail; each article of an edition also gets a WeChat copy beside its page.
//! A site without editions gets none of these.

use super::{Page, PageKind, html_page, plain_page, templates};
use crate::editions::EDITIONS_DIR;
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// Which of an edition's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditionCopy {
    /// `/issues/12/`: the edition's contents, as the site shows it.
    Page,
    /// `/issues/12/print/`: the whole edition laid out for A4 paper.
    Print,
    /// `/issues/12/wechat.html`: the edition with every style inline, for a WeChat post.
    Wechat,
    /// `/issues/12/email.html`: the edition as an e-mail.
    Email,
    /// `/issues/12/email.txt`: the e-mail's plain-text alternative.
    EmailText,
}

impl EditionCopy {
    /// Every copy, in the order they are planned.
    pub const ALL: [EditionCopy; 5] = [
        EditionCopy::Page,
        EditionCopy::Print,
        EditionCopy::Wechat,
        EditionCopy::Email,
        EditionCopy::EmailText,
    ];

    /// The template it is rendered with.
    pub fn template(self) -> &'static str {
        match self {
            EditionCopy::Page => templates::EDITION,
            EditionCopy::Print => templates::EDITION_PRINT,
            EditionCopy::Wechat => templates::EDITION_WECHAT,
            EditionCopy::Email => templates::EDITION_EMAIL,
            EditionCopy::EmailText => templates::EDITION_EMAIL_TEXT,
        }
    }

    /// Its site path, under the edition's `base` (`issues/12/`).
    fn path(self, base: &str) -> String {
        match self {
            EditionCopy::Page => base.to_string(),
            EditionCopy::Print => format!("{base}print/"),
            EditionCopy::Wechat => format!("{base}{WECHAT_FILE}"),
            EditionCopy::Email => format!("{base}email.html"),
            EditionCopy::EmailText => format!("{base}email.txt"),
        }
    }
}

/// The file name of a WeChat copy, beside the page it copies.
pub const WECHAT_FILE: &str = "wechat.html";

/// The site path of the WeChat copy of the page at `path`.
pub fn wechat_path(path: &str) -> String {
    format!("{path}{WECHAT_FILE}")
}

/// The editions' list, each edition's files, their feed, and the WeChat copy
/// of each article in an edition.
pub(super) fn plan_editions(pages: &mut Vec<Page>, site: &Site) {
    let editions = &site.editions;
    if editions.is_empty() {
        return;
    }
    let leads: Vec<ArticleId> = editions.list.iter().filter_map(|e| e.lead()).collect();
    pages.push(html_page(
        &format!("{EDITIONS_DIR}/"),
        PageKind::EditionIndex,
        templates::EDITIONS,
        leads,
    ));
    for (index, edition) in editions.list.iter().enumerate() {
        let base = edition.path();
        let articles: Vec<ArticleId> = edition.articles().collect();
        for copy in EditionCopy::ALL {
            let kind = PageKind::Edition { edition: index, copy };
            pages.push(match copy {
                EditionCopy::Page | EditionCopy::Print => {
                    html_page(&copy.path(&base), kind, copy.template(), articles.clone())
                }
                _ => file_page(&copy.path(&base), kind, copy.template(), articles.clone()),
            });
        }
    }
    let newest: Vec<ArticleId> = editions
        .list
        .iter()
        .take(site.config.feed_limit)
        .flat_map(|e| e.articles())
        .collect();
    pages.push(plain_page(
        &format!("{EDITIONS_DIR}/atom.xml"),
        PageKind::EditionFeed,
        newest,
    ));
    let mut in_editions: Vec<ArticleId> = editions.list.iter().flat_map(|e| e.articles()).collect();
    in_editions.sort_unstable();
    for id in in_editions {
        pages.push(file_page(
            &wechat_path(&site.articles[id].url_path),
            PageKind::WechatArticle(id),
            templates::ARTICLE_WECHAT,
            vec![id],
        ));
    }
}

/// A page rendered with a template into a file of its own name, not a folder's `index.html`.
fn file_page(path: &str, kind: PageKind, template: &'static str, articles: Vec<ArticleId>) -> Page {
    Page {
        path: path.to_string(),
        file: path.to_string(),
        kind,
        template: Some(template),
        articles,
    }
}
