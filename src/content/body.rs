//! An article's body as HTML, held in memory or left in its file.
//!
//! A one-off build of a big archive would otherwise hold every body at once:
//! at 100,000 articles that is half a gigabyte of Markdown and as much HTML,
//! each body wanted by one page (and a few feeds). So a build of a site with
//! more text than [`HELD_TEXT`] keeps, instead of the HTML, what it takes to
//! make it again: where the file is, a hash of its Markdown, and what the
//! first rendering resolved each link and picture to. The page that shows the
//! body reads the file again and renders it with those answers, which makes
//! the same HTML without looking at any other file. `serve` holds its bodies:
//! it renders them again only when they change.

use std::borrow::Cow;
use std::cell::Cell;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Area, Diagnostic};
use crate::markdown::{self, ImageTarget, LinkTarget, MarkdownOptions};
use crate::msg;

use super::front_matter;

/// The most article text, in bytes of the files, that a single build holds
/// in memory: a site of up to about 12,000 articles of 5 KB is held whole,
/// which spares a second rendering of every body; a bigger archive leaves every
/// body in its file, so that its peak memory grows with its number of
/// articles, not with their text. All or none, so that a build's memory does
/// not depend on the order its threads read the files in.
pub const HELD_TEXT: usize = 64 << 20;

/// An article's body as HTML, or how to make it again.
#[derive(Clone, Debug)]
pub enum Body {
    /// The HTML itself.
    Held(String),
    /// The file it comes from, read again when a page shows it.
    InFile(Arc<BodySource>),
}

impl Body {
    /// The HTML: held, or made again from the file. Fails when the file is
    /// gone or its body changed since the build read it.
    pub fn html(&self) -> Result<Cow<'_, str>, Box<Diagnostic>> {
        match self {
            Body::Held(html) => Ok(Cow::Borrowed(html)),
            Body::InFile(source) => source.render().map(Cow::Owned),
        }
    }
}

/// What it takes to render a body again as the build first rendered it.
#[derive(Debug)]
pub struct BodySource {
    /// The file as the build opens it, and as messages name it.
    pub(super) read_from: PathBuf,
    pub(super) shown_as: PathBuf,
    /// The hash of the Markdown the build rendered ([`markdown_hash`]): a body
    /// changed since is not rendered from stale answers.
    pub(super) markdown_hash: u64,
    pub(super) options: MarkdownOptions,
    /// Every link destination the first rendering asked about, in order, with its answer.
    pub(super) links: Vec<(String, LinkTarget)>,
    /// What the first rendering put in place of each picture, in order.
    pub(super) pictures: Vec<ImageTarget>,
}

impl BodySource {
    /// The body's HTML, rendered again from the file with the first rendering's answers.
    fn render(&self) -> Result<String, Box<Diagnostic>> {
        let markdown = read_again(&self.read_from, &self.shown_as, self.markdown_hash)?;
        let (next_link, next_picture, strayed) = (Cell::new(0), Cell::new(0), Cell::new(false));
        let body = markdown::render_with_images(
            &markdown,
            self.options,
            &|dest| {
                let i = next_link.replace(next_link.get() + 1);
                match self.links.get(i) {
                    Some((asked, target)) if asked == dest => target.clone(),
                    _ => {
                        strayed.set(true);
                        LinkTarget::Keep
                    }
                }
            },
            &|_| {
                let i = next_picture.replace(next_picture.get() + 1);
                self.pictures.get(i).cloned().unwrap_or_else(|| {
                    strayed.set(true);
                    ImageTarget::Keep
                })
            },
        );
        // The same Markdown asks the same questions; anything else is a body changed under us.
        if strayed.get() || next_link.get() != self.links.len() || next_picture.get() != self.pictures.len() {
            return Err(changed(&self.shown_as));
        }
        Ok(body.html)
    }
}

/// The Markdown after the front matter of the file at `read_from` (`shown_as`
/// in messages), read again: an error unless its [`markdown_hash`] is `hash`.
pub(super) fn read_again(read_from: &Path, shown_as: &Path, hash: u64) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(read_from)
        .map_err(|e| Box::new(crate::error::io_error(shown_as, msg!("content-io-read-article"), &e)))?;
    let text = super::decode(&bytes).map_err(|_| changed(shown_as))?;
    let split = front_matter::split(&text).map_err(|_| changed(shown_as))?;
    if markdown_hash(split.body) != hash {
        return Err(changed(shown_as));
    }
    Ok(split.body.to_string())
}

/// The error for an article whose file changed between two readings of one build.
fn changed(shown_as: &Path) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            Area::Content,
            shown_as.to_path_buf(),
            1,
            1,
            msg!("content-changed-during-build"),
        )
        .with_hint(msg!("content-changed-during-build-hint")),
    )
}

/// A hash of a body's Markdown, to tell it unchanged when read again by the
/// same build: fast (it is taken three times per article), and never kept.
pub(super) fn markdown_hash(markdown: &str) -> u64 {
    ahash::RandomState::with_seeds(0x6a69, 0x616e, 0x6261, 0x6f).hash_one(markdown)
}

/// A hash of a body's HTML and headings, which the fingerprints of the pages
/// showing it include: the same in every run of one jianbao, as the output's
/// manifest keeps fingerprints from one build for the next.
pub(super) fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The ids the HTML gives its elements (headings, footnotes, raw HTML), which
/// links from other articles may name after a `#`.
pub(super) fn element_ids(html: &str) -> Vec<String> {
    const NEEDLE: &[u8] = b" id=\"";
    memchr::memmem::find_iter(html.as_bytes(), NEEDLE)
        .filter_map(|at| {
            let rest = html.get(at + NEEDLE.len()..)?;
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_every_id_attribute_in_order() {
        let html = "<h2 id=\"qing-ting\">倾听</h2><p>“莘庄”</p><sup id=\"fn-1\"></sup><div data-id=\"x\" id=\"\">";
        assert_eq!(element_ids(html), ["qing-ting", "fn-1", ""]);
    }
}
