//! The site `serve` keeps built in memory: one [`Pipeline`], kept across
//! changes so that it touches only what a change touches, running into one
//! [`MemorySink`]. Each rebuild is, byte for byte, what a full build writes.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::error::Diagnostics;
use crate::pipeline::sink::MemorySink;
use crate::pipeline::{Pipeline, Settings, article_path};
use crate::site::SiteOptions;

pub use crate::pipeline::sink::{BuiltFile, BuiltFiles, Changes};
pub use crate::pipeline::{BuiltSearch, PendingSearch};

/// A site kept built in memory across changes.
pub struct Rebuilder {
    pipeline: Pipeline,
    sink: MemorySink,
}

impl Rebuilder {
    /// A rebuilder for the site at `root`, published at `base_url`.
    pub fn new(root: PathBuf, base_url: String, load: LoadOptions) -> Rebuilder {
        let settings = Settings {
            root,
            site: SiteOptions {
                overrides: Overrides {
                    base_url: Some(base_url),
                },
                load,
            },
            publish: Default::default(),
        };
        Rebuilder {
            pipeline: Pipeline::new(settings),
            sink: MemorySink::default(),
        }
    }

    /// With `defer`, a rebuild serves the pages an edit touched at once and
    /// leaves the search index, which is made from every article, to
    /// [`Rebuilder::finish_search`]; until then the last index is served.
    pub fn defer_search(&mut self, defer: bool) {
        self.pipeline.defer_search(defer);
    }

    /// Makes the search index files the last rebuild left out of date, and
    /// tells what changed; `None` when there were none.
    pub fn finish_search(&mut self) -> Option<Changes> {
        let pending = self.take_pending_search()?;
        self.apply_search(pending.build())
    }

    /// The search index files the last rebuild left out of date, to build with
    /// [`PendingSearch::build`], perhaps on another thread.
    pub fn take_pending_search(&mut self) -> Option<PendingSearch> {
        self.pipeline.take_pending_search()
    }

    /// Serves the index files `built`, and tells what changed; `None`, and
    /// nothing served, when a rebuild came since they were planned: that
    /// rebuild has planned its own.
    pub fn apply_search(&mut self, built: BuiltSearch) -> Option<Changes> {
        self.pipeline.is_current(&built).then(|| self.sink.replace(built.files))
    }

    /// The files of the last successful build.
    pub fn files(&self) -> Arc<BuiltFiles> {
        self.sink.files()
    }

    /// Brings the site up to date with the files on disk. On failure the last
    /// good files stay as they were and every problem is returned.
    pub fn rebuild(&mut self) -> Result<(Changes, Diagnostics), Diagnostics> {
        self.rebuild_from(None)
    }

    /// Like [`Rebuilder::rebuild`], told that only the files `changed`
    /// (absolute paths under the site) changed: when they are all existing
    /// articles, only those are read again, else every file is looked at.
    pub fn rebuild_changed(&mut self, changed: &[PathBuf]) -> Result<(Changes, Diagnostics), Diagnostics> {
        let root = &self.pipeline.settings().root;
        let articles: Option<Vec<String>> = changed.iter().map(|p| article_path(root, p)).collect();
        self.rebuild_from(articles.as_deref())
    }

    fn rebuild_from(&mut self, changed: Option<&[String]>) -> Result<(Changes, Diagnostics), Diagnostics> {
        let run = self.pipeline.run(changed, &mut self.sink)?;
        Ok((self.sink.changes().clone(), run.warnings))
    }
}
