//! Every file a site's output holds, each with what it is made from.
//!
//! The render plan lists the pages; the theme and `static/` give the static
//! files; the articles give their pictures and attachments. This is the one
//! place that puts them together, so `build`, `check` and `serve` publish the
//! same files: a new kind of output added to the plan (one more feed) reaches
//! all three without another line.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::content::attachments::PublishedFile;
use crate::error::Diagnostic;
use crate::plan::{Page, PageKind, RenderPlan};
use crate::render::Renderer;
use crate::render::assets::{Assets, Published};
use crate::search::SearchPart;

/// One file of the output, and what it is made from.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// A page of the plan, rendered.
    Page(&'a Page),
    /// A file of static/, as is or made from one (an asset under its hashed name, minified).
    Static(&'a Published),
    /// A resized picture in the picture cache; its name carries a hash of its bytes.
    Picture(&'a Path),
    /// A file of an article's folder, published as it is (hard-linked when large).
    Attachment(&'a PublishedFile),
}

/// One file of the output: where it goes and what it is made from.
#[derive(Clone, Copy, Debug)]
pub struct OutputFile<'a> {
    /// Its path under the output folder.
    pub file: &'a str,
    pub source: Source<'a>,
}

impl<'a> OutputFile<'a> {
    /// The output file of a page.
    pub fn of_page(page: &'a Page) -> OutputFile<'a> {
        OutputFile {
            file: &page.file,
            source: Source::Page(page),
        }
    }

    /// A hash of everything the file's bytes depend on: the same fingerprint, the same bytes.
    pub fn fingerprint(&self, renderer: &Renderer<'_>) -> Result<u64, Diagnostic> {
        match self.source {
            Source::Page(page) => Ok(renderer.fingerprint(page)),
            Source::Static(s) => s.bytes().map(|bytes| crate::output::fingerprint(&bytes)),
            // Its name carries the hash of its bytes.
            Source::Picture(_) => Ok(crate::output::fingerprint(self.file.as_bytes())),
            // Reading a video to hash it would cost more than publishing it: its size and time tell a new version.
            Source::Attachment(a) => Ok(attachment_fingerprint(a)),
        }
    }

    /// The page it is, when it is one.
    pub fn page(&self) -> Option<&'a Page> {
        match self.source {
            Source::Page(page) => Some(page),
            _ => None,
        }
    }

    /// Whether it is a file of the search index made from every article
    /// (meta.json or a shard), which `serve` may build after the pages.
    pub fn is_whole_search_index(&self) -> bool {
        matches!(
            self.page().map(|p| p.kind),
            Some(PageKind::SearchIndex(SearchPart::Meta | SearchPart::Shard(..)))
        )
    }

    /// Whether it is an HTML page made with a theme template.
    pub fn is_templated_page(&self) -> bool {
        self.page().is_some_and(|p| p.template.is_some())
    }
}

/// What an attachment's output file is made from: its name, its file, and
/// that file's size and time.
fn attachment_fingerprint(a: &PublishedFile) -> u64 {
    let made_of = format!("{}\0{}\0{}\0{:?}", a.file, a.path.display(), a.size, a.modified);
    crate::output::fingerprint(made_of.as_bytes())
}

/// Every file of one build's output.
pub struct Outputs<'a> {
    plan: &'a RenderPlan,
    /// The files that are not pages, sorted by name: a page wins over a static
    /// file, picture or attachment of the same name, an attachment over a
    /// picture, a picture over a static file.
    others: Vec<OutputFile<'a>>,
}

impl<'a> Outputs<'a> {
    /// The output of `plan`'s pages, `assets`, `pictures` (output file, cached
    /// picture) and `attachments`.
    pub fn new(
        plan: &'a RenderPlan,
        page_files: &HashSet<String>,
        assets: &'a Assets,
        pictures: &'a [(String, PathBuf)],
        attachments: &'a [PublishedFile],
    ) -> Outputs<'a> {
        let mut others: BTreeMap<&'a str, Source<'a>> = assets
            .files()
            .iter()
            .map(|(file, source)| (file.as_str(), Source::Static(source)))
            .collect();
        others.extend(
            pictures
                .iter()
                .map(|(file, cached)| (file.as_str(), Source::Picture(cached))),
        );
        others.extend(attachments.iter().map(|a| (a.file.as_str(), Source::Attachment(a))));
        let others = others
            .into_iter()
            .filter(|(file, _)| !page_files.contains(*file))
            .map(|(file, source)| OutputFile { file, source })
            .collect();
        Outputs { plan, others }
    }

    /// The plan whose pages these are.
    pub fn plan(&self) -> &'a RenderPlan {
        self.plan
    }

    /// The pages, in the plan's order.
    pub fn pages(&self) -> impl Iterator<Item = OutputFile<'a>> + 'a {
        self.plan.pages.iter().map(OutputFile::of_page)
    }

    /// The static files, pictures and attachments.
    pub fn others(&self) -> &[OutputFile<'a>] {
        &self.others
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.plan.pages.len() + self.others.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The names of a plan's page files, which other files of the same name give way to.
pub fn page_files(plan: &RenderPlan) -> HashSet<String> {
    plan.pages.iter().map(|p| p.file.clone()).collect()
}
