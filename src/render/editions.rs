//! What templates see of an edition (期), and the context of each of its
//! files: the list of editions, an edition's contents, its print, WeChat and
//! e-mail copies, and the WeChat copy of an article.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hash;

use chrono::Datelike;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::fingerprint::hash_of;
use crate::content::Kind;
use crate::dates::{zh_date, zh_weekday};
use crate::editions::Edition;
use crate::error::Diagnostic;
use crate::plan::EditionCopy;
use crate::plan::editions::wechat_path;
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// An edition as templates see it, without its articles.
#[derive(Clone, Debug, Hash, Serialize)]
pub(super) struct EditionView {
    pub number: u32,
    /// `第12期`.
    pub name: String,
    pub title: Option<String>,
    /// `2013-11-12`.
    pub date: String,
    /// RFC 3339, for `<time datetime>`.
    pub date_iso: String,
    /// `2013年11月12日`.
    pub date_zh: String,
    /// `星期二`.
    pub weekday_zh: String,
    pub year: i32,
    pub url: String,
    pub permalink: String,
    pub print_url: String,
    pub wechat_url: String,
    pub email_url: String,
    pub email_text_url: String,
    /// The editor's note (编者按) as HTML; empty when there is none.
    pub note: String,
    /// The editor's note as plain text.
    pub note_text: String,
    pub article_count: usize,
    /// The lead story's title, for lists of editions.
    pub lead_title: Option<String>,
    /// A supplement (增刊), numbered apart.
    pub supplement: bool,
    /// The running total and its words: `345`, `总第345期`.
    pub total: Option<u32>,
    pub total_name: Option<String>,
    /// The editing unit (编印单位).
    pub publisher: Option<String>,
    /// Where it is sent (报送) and copied (抄送), and how many copies are printed.
    pub send_to: Vec<String>,
    pub copy_to: Vec<String>,
    pub copies: Option<u32>,
}

/// The editions of one year, newest first, as `/issues/` groups them.
#[derive(Serialize)]
struct YearView {
    year: i32,
    editions: Vec<EditionView>,
}

/// The edition at `index` of `site`'s editions, as templates see it.
pub(super) fn edition_view(site: &Site, index: usize) -> EditionView {
    let edition = &site.editions.list[index];
    let base = &site.config.base_url;
    let path = edition.path();
    EditionView {
        number: edition.number,
        name: edition.name_zh(),
        title: edition.title.clone(),
        date: edition.date.format("%Y-%m-%d").to_string(),
        date_iso: edition.date.to_rfc3339(),
        date_zh: zh_date(&edition.date),
        weekday_zh: zh_weekday(&edition.date),
        year: edition.date.year(),
        url: base.link(&path),
        permalink: base.absolute(&path),
        print_url: base.link(&format!("{path}print/")),
        wechat_url: base.link(&wechat_path(&path)),
        email_url: base.link(&format!("{path}email.html")),
        email_text_url: base.link(&format!("{path}email.txt")),
        note: edition.note_html.clone(),
        note_text: edition.note_text.clone(),
        article_count: edition.articles().count(),
        lead_title: edition.lead().map(|id| site.articles[id].front.title.clone()),
        supplement: edition.form.supplement,
        total: edition.form.total,
        total_name: edition.form.total.map(|n| format!("总第{n}期")),
        publisher: edition.form.publisher.clone(),
        send_to: edition.form.send_to.clone(),
        copy_to: edition.form.copy_to.clone(),
        copies: edition.form.copies,
    }
}

/// For each of `site`'s editions, a hash of all its pages show of it: the
/// edition and its view. Made once per build; pages hash these, not the views.
pub(super) fn edition_hashes(site: &Site) -> Vec<u64> {
    (0..site.editions.list.len())
        .map(|i| hash_of(&(&site.editions.list[i], edition_view(site, i))))
        .collect()
}

impl Renderer<'_> {
    /// The edition at `index` of the site's editions, as templates see it.
    pub(super) fn edition_view(&self, index: usize) -> EditionView {
        edition_view(self.site, index)
    }

    /// The view of the edition article `id` is in, when it is in one.
    pub(super) fn edition_of(&self, id: ArticleId) -> Option<EditionView> {
        self.site.editions.of_article(id).map(|i| self.edition_view(i))
    }

    /// `/issues/`: every edition, newest first, by year.
    pub(super) fn insert_edition_index(&self, ctx: &mut Context) {
        let mut years: Vec<YearView> = Vec::new();
        for index in 0..self.site.editions.list.len() {
            let view = self.edition_view(index);
            match years.last_mut() {
                Some(year) if year.year == view.year => year.editions.push(view),
                _ => years.push(YearView {
                    year: view.year,
                    editions: vec![view],
                }),
            }
        }
        ctx.insert("years", &years);
    }

    /// An edition's page or copy: the edition, its neighbours, its lead and its
    /// sections; copies read away from the site get every article's body too.
    pub(super) fn insert_edition(&self, ctx: &mut Context, index: usize, copy: EditionCopy) -> Result<(), Diagnostic> {
        let editions = &self.site.editions;
        let edition = &editions.list[index];
        ctx.insert("edition", &self.edition_view(index));
        if let Some(older) = editions.older(index) {
            ctx.insert("previous_edition", &self.edition_view(older));
        }
        if let Some(newer) = editions.newer(index) {
            ctx.insert("next_edition", &self.edition_view(newer));
        }
        if let Some(lead) = edition.lead() {
            ctx.insert_value("lead", self.edition_entry(lead, copy)?);
        }
        ctx.insert_value("sections", self.sections_value(edition, copy)?);
        Ok(())
    }

    /// An edition's sections as template values: each with its title, whether
    /// it is short news only (shown as a 短讯 box), and its articles; on the
    /// edition's page, without the lead.
    fn sections_value(&self, edition: &Edition, copy: EditionCopy) -> Result<Value, Diagnostic> {
        // The edition's page shows its lead on its own, and not again in its section.
        let lead = edition.lead();
        let shown = |id: &ArticleId| copy != EditionCopy::Page || Some(*id) != lead;
        let sections = edition
            .sections
            .iter()
            .filter(|s| s.articles.iter().any(shown))
            .map(|section| {
                let ids: Vec<ArticleId> = section.articles.iter().copied().filter(shown).collect();
                let briefs = ids.iter().all(|&id| self.site.articles[id].front.kind == Kind::Brief);
                let articles = ids
                    .iter()
                    .map(|&id| self.edition_entry(id, copy))
                    .collect::<Result<Vec<Value>, Diagnostic>>()?;
                let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
                map.insert("title", Value::from(section.title.clone()));
                map.insert("briefs", Value::from(briefs));
                map.insert("articles", Value::from(articles));
                Ok(Value::from(map))
            })
            .collect::<Result<Vec<Value>, Diagnostic>>()?;
        Ok(Value::from(sections))
    }

    /// One article of an edition: on the edition's page its card; in a copy,
    /// the card as `article` and, where the copy prints whole articles (print,
    /// WeChat), the body as `content`, with every address in it absolute.
    fn edition_entry(&self, id: ArticleId, copy: EditionCopy) -> Result<Value, Diagnostic> {
        let card = Value::clone(&self.prepared[id].card);
        if copy == EditionCopy::Page {
            return Ok(card);
        }
        let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
        map.insert("article", card);
        if matches!(copy, EditionCopy::Print | EditionCopy::Wechat) {
            map.insert("content", Value::from(&*self.article_html_absolute(id)?));
        }
        Ok(Value::from(map))
    }

    /// The WeChat copy of an article: the article, its body with absolute
    /// addresses, and the edition it is in.
    pub(super) fn insert_wechat_article(&self, ctx: &mut Context, id: ArticleId) -> Result<(), Diagnostic> {
        ctx.insert_value("article", Value::clone(&self.prepared[id].card));
        ctx.insert("content", &*self.article_html_absolute(id)?);
        if let Some(edition) = self.edition_of(id) {
            ctx.insert("edition", &edition);
        }
        Ok(())
    }

    /// An article's body with every address made absolute against its page's:
    /// made once, as an edition's print and WeChat copies and the article's own show it.
    fn article_html_absolute(&self, id: ArticleId) -> Result<Cow<'_, str>, Diagnostic> {
        let Some(cell) = self.absolute_html.get(id) else {
            // Only a site with editions makes copies; this is not reached otherwise.
            return self.article_html(id);
        };
        if let Some(made) = cell.get() {
            return Ok(Cow::Borrowed(made));
        }
        let page = self.site.config.base_url.absolute(&self.site.articles[id].url_path);
        let made = super::mail::absolute_addresses(&self.article_html(id)?, &page);
        Ok(Cow::Borrowed(cell.get_or_init(|| made)))
    }

    /// What an edition's page or copy shows besides its articles' cards and
    /// bodies, for its fingerprint: the edition and its neighbours.
    pub(super) fn hash_edition(&self, index: usize, h: &mut impl std::hash::Hasher) {
        let editions = &self.site.editions;
        for i in [Some(index), editions.older(index), editions.newer(index)] {
            i.map(|i| self.fingerprints.edition_hashes[i]).hash(h);
        }
    }
}
