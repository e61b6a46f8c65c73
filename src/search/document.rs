//! The documents of the index: each indexed article as search sees it
//! (title, what it is about, text), and its document file, `d/N.json`, which
//! the search page fetches only to show the article as a result.

use std::sync::Arc;

use serde::Serialize;

use super::{Layout, fold};
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// One article as search sees it.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its position in the index: the n-th indexed article, newest first.
    pub number: usize,
    /// Title, subtitle and kicker.
    pub title: String,
    /// District, towns, column, tags and byline.
    pub about: String,
    /// The body as plain text, shared with the article.
    pub text: Arc<str>,
}

/// The indexed articles as documents.
pub fn documents(site: &Site, layout: &Layout) -> Vec<Document> {
    layout
        .indexed
        .iter()
        .enumerate()
        .map(|(number, &id)| document(site, number, id))
        .collect()
}

/// [`documents`] on every core of the rayon pool it is called in; not from
/// inside a parallel render, which may wait on the index being made.
pub fn documents_in_parallel(site: &Site, layout: &Layout) -> Vec<Document> {
    use rayon::prelude::*;
    layout
        .indexed
        .par_iter()
        .enumerate()
        .map(|(number, &id)| document(site, number, id))
        .collect()
}

fn document(site: &Site, number: usize, id: ArticleId) -> Document {
    let article = &site.articles[id];
    let front = &article.front;
    let title = [
        front.kicker.as_deref(),
        Some(front.title.as_str()),
        front.subtitle.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n");
    let mut about: Vec<&str> = Vec::new();
    about.push(&site.config.district_by_id(front.district).name);
    about.extend(front.towns.iter().map(String::as_str));
    about.extend(front.column.as_deref());
    about.extend(front.tags.iter().map(String::as_str));
    about.extend(front.byline.iter().map(|b| b.name.as_str()));
    Document {
        number,
        title,
        about: about.join("\n"),
        text: Arc::clone(&article.search_text),
    }
}

/// A document file: what a result shows, and the text its excerpt comes from.
#[derive(Serialize)]
struct DocumentFile<'a> {
    title: &'a str,
    /// Kicker and subtitle, when the article has them.
    subtitle: String,
    url: String,
    /// The date as readers read it: 2013年11月8日.
    date: String,
    district: &'a str,
    /// District, towns, column, tags and byline, a line each.
    about: &'a str,
    text: &'a str,
    /// The traditional characters of all of the above, each followed by its
    /// simplified form, so that `search.js` can mark what matched; absent when none.
    #[serde(skip_serializing_if = "String::is_empty")]
    fold: String,
}

/// The document file of the indexed article `id`, the `number`-th indexed, as JSON.
pub fn document_file(site: &Site, number: usize, id: ArticleId) -> String {
    let doc = document(site, number, id);
    let article = &site.articles[id];
    let front = &article.front;
    let file = DocumentFile {
        title: &front.title,
        subtitle: [front.kicker.as_deref(), front.subtitle.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        url: site.config.base_url.link(&article.url_path),
        date: crate::dates::zh_date(&front.date),
        district: &site.config.district_by_id(front.district).name,
        about: &doc.about,
        text: &doc.text,
        fold: fold::pairs_in(&[doc.title.as_str(), &doc.about, &doc.text].concat()),
    };
    json_without_markup(&serde_json::to_string(&file).unwrap_or_default())
}

/// JSON with `<`, `>` and `&` written as escapes: the same values, but a
/// title such as `<script>` stays inert even if a host serves the file as HTML.
fn json_without_markup(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        match c {
            // Outside strings JSON has none of these, so every one is inside a string.
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_files_hold_no_markup() {
        let json = json_without_markup(r#"{"title":"<script>&"}"#);
        assert_eq!(json, "{\"title\":\"\\u003cscript\\u003e\\u0026\"}\n");
        let value: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(value["title"], "<script>&");
    }
}
