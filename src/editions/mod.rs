//! Editions (期): the numbered issues a bulletin is published in.
//!
//! An edition is declared once, in a file of the site's `issues/` folder:
//! its number, date, optional title, the editor's note (编者按) as its body,
//! and its articles by path, in the editor's order and grouped in sections.
//! An article may also name its edition itself (`issue: 12`); it then joins
//! the section of its kind. [`load`] reads the files and resolves the paths
//! against the site's articles; the result is part of the site model, which
//! the plan turns into the edition's pages and copies.

mod load;
mod read;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::taxonomy::ArticleId;
pub use load::{EDITIONS_DIR, file_problems, load};
pub use read::{EditionFiles, declared_numbers};

/// One edition of the bulletin.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edition {
    /// 第12期: unique across the site.
    pub number: u32,
    /// The day it is dated, in the site's zone.
    pub date: DateTime<FixedOffset>,
    /// A title of its own (专刊), when it has one.
    pub title: Option<String>,
    /// What a printed 简报 shows in its head and foot, when the file gives it.
    pub form: Form,
    /// The editor's note (编者按), as HTML; empty when there is none.
    pub note_html: String,
    /// The editor's note as plain text, a line per paragraph.
    pub note_text: String,
    /// Its articles, in the editor's order; the first article is the lead story.
    pub sections: Vec<Section>,
    /// The file that declares it, relative to the site root.
    pub source: PathBuf,
}

/// The parts of a 简报's head (报头) and foot (报尾) besides its name, number
/// and date; all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Form {
    /// A supplement (增刊), numbered apart from the regular editions.
    pub supplement: bool,
    /// The running total (总第345期), when the bulletin counts one.
    pub total: Option<u32>,
    /// The editing unit (编印单位).
    pub publisher: Option<String>,
    /// Where it is sent (报送), and copied (抄送).
    pub send_to: Vec<String>,
    pub copy_to: Vec<String>,
    /// How many copies are printed (印数).
    pub copies: Option<u32>,
}

/// A group of an edition's articles under one heading (要闻, 短讯 …).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Section {
    /// Its heading; `None` for articles listed without one.
    pub title: Option<String>,
    pub articles: Vec<ArticleId>,
}

impl Edition {
    /// The site path of its page: `issues/12/`, or for a supplement `issues/zengkan-1/`.
    pub fn path(&self) -> String {
        if self.form.supplement {
            format!("{EDITIONS_DIR}/zengkan-{}/", self.number)
        } else {
            edition_path(self.number)
        }
    }

    /// Every article of the edition, in the editor's order.
    pub fn articles(&self) -> impl Iterator<Item = ArticleId> + '_ {
        self.sections.iter().flat_map(|s| s.articles.iter().copied())
    }

    /// The lead story (头条): the first article listed.
    pub fn lead(&self) -> Option<ArticleId> {
        self.articles().next()
    }

    /// `第12期`, or for a supplement `增刊第1期`.
    pub fn name_zh(&self) -> String {
        if self.form.supplement {
            format!("增刊第{}期", self.number)
        } else {
            format!("第{}期", self.number)
        }
    }
}

/// The site path of edition `number`'s page.
pub fn edition_path(number: u32) -> String {
    format!("{EDITIONS_DIR}/{number}/")
}

/// Every edition of a site, newest (highest number) first, and which edition
/// each article is in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Editions {
    pub list: Vec<Edition>,
    /// Article → its edition's position in `list`.
    by_article: HashMap<ArticleId, usize>,
}

impl Editions {
    /// The editions `list` (in any order), sorted newest first (by date, then
    /// number, a supplement after the regular edition of its day) and indexed by article.
    pub fn new(mut list: Vec<Edition>) -> Editions {
        list.sort_by(|a, b| (b.date, a.form.supplement, b.number).cmp(&(a.date, b.form.supplement, a.number)));
        let by_article = list
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.articles().map(move |id| (id, i)))
            .collect();
        Editions { list, by_article }
    }

    /// Whether the site has no editions, and so none of their pages.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The position in [`Editions::list`] of the edition article `id` is in.
    pub fn of_article(&self, id: ArticleId) -> Option<usize> {
        self.by_article.get(&id).copied()
    }

    /// The edition before the one at `index` (a lower number).
    pub fn older(&self, index: usize) -> Option<usize> {
        (index + 1 < self.list.len()).then_some(index + 1)
    }

    /// The edition after the one at `index` (a higher number).
    pub fn newer(&self, index: usize) -> Option<usize> {
        index.checked_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(number: u32, articles: &[ArticleId]) -> Edition {
        Edition {
            number,
            date: DateTime::parse_from_rfc3339("2013-11-12T00:00:00+08:00").unwrap(),
            title: None,
            form: Form::default(),
            note_html: String::new(),
            note_text: String::new(),
            sections: vec![Section {
                title: None,
                articles: articles.to_vec(),
            }],
            source: PathBuf::from(format!("issues/{number}.md")),
        }
    }

    #[test]
    fn editions_are_newest_first_and_know_their_articles() {
        let editions = Editions::new(vec![edition(1, &[3, 4]), edition(2, &[0, 1])]);
        assert_eq!(editions.list[0].number, 2);
        assert_eq!(editions.of_article(4), Some(1));
        assert_eq!(editions.of_article(2), None);
        assert_eq!(editions.older(0), Some(1));
        assert_eq!(editions.newer(0), None);
        assert_eq!(editions.list[1].lead(), Some(3));
        assert_eq!(editions.list[1].path(), "issues/1/");
        assert_eq!(editions.list[1].name_zh(), "第1期");
    }
}
