//! The site `serve` keeps built in memory: one [`Pipeline`], kept across
//! changes so that it touches only what a change touches, running into one
//! [`MemorySink`]. Each rebuild is, byte for byte, what a full build writes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::error::Diagnostics;
use crate::pipeline::sink::MemorySink;
use crate::pipeline::{Pipeline, RunControl, Settings, article_path};
use crate::site::SiteOptions;

pub use crate::pipeline::sink::{BuiltFile, BuiltFiles, Changes, PreviewHook};
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
            held_text: None,
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
    /// nothing served, when a rebuild came since they were planned (that
    /// rebuild has planned its own), or when there are none.
    pub fn apply_search(&mut self, built: BuiltSearch) -> Option<Changes> {
        if !self.pipeline.is_current(&built) || built.files.is_empty() {
            // Too late, or only the token cache filled (after the first build): nothing to serve.
            return None;
        }
        Some(self.sink.replace(built.files))
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
        let articles = articles_changed(&self.pipeline.settings().root, changed);
        self.rebuild_from(articles.as_deref())
    }

    /// Has `hook` told of each preview: the files served, with the pages a
    /// rebuild made first (see [`Rebuilder::rebuild_first`]).
    pub fn on_preview(&mut self, hook: PreviewHook) {
        self.sink.on_preview(hook);
    }

    /// Like [`Rebuilder::rebuild_changed`] (every file looked at when
    /// `changed` is `None`), making first the output files `open` (the pages
    /// open in a browser) and the pages of the articles changed, and serving
    /// them at once, before the rest. When `cancel` is set meanwhile, stops
    /// after that and returns `Ok(None)`: the next rebuild finishes the job.
    pub fn rebuild_first(
        &mut self,
        changed: Option<&[PathBuf]>,
        open: &[String],
        cancel: &AtomicBool,
    ) -> Result<Option<(Changes, Diagnostics)>, Diagnostics> {
        let root = &self.pipeline.settings().root;
        let articles = changed.and_then(|files| articles_changed(root, files));
        let control = RunControl {
            first: open,
            cancel: Some(cancel),
        };
        let run = self.pipeline.run_with(articles.as_deref(), &mut self.sink, control)?;
        Ok((!run.interrupted).then(|| (self.sink.changes().clone(), run.warnings)))
    }

    fn rebuild_from(&mut self, changed: Option<&[String]>) -> Result<(Changes, Diagnostics), Diagnostics> {
        let run = self.pipeline.run(changed, &mut self.sink)?;
        Ok((self.sink.changes().clone(), run.warnings))
    }
}

/// The articles (content/-relative paths) among `changed`, when the other
/// files are site.yaml, edition files, the theme's or static files, which the
/// pipeline reads afresh on every run anyway: a template edit need not look at any article,
/// and an edit of site.yaml looks at them only when it changes how they read
/// (the article cache tells). `None` when another file changed (a picture),
/// and every file must be looked at.
fn articles_changed(root: &Path, changed: &[PathBuf]) -> Option<Vec<String>> {
    let mut articles = Vec::new();
    for path in changed {
        match article_path(root, path) {
            Some(article) => articles.push(article),
            None if is_theme_or_static(root, path) || path == &root.join(crate::config::CONFIG_FILE) => {}
            None => return None,
        }
    }
    Some(articles)
}

/// Whether `path` is under the site's themes/, templates/, static/ or issues/ folder.
fn is_theme_or_static(root: &Path, path: &Path) -> bool {
    let top = path.strip_prefix(root).ok().and_then(|rel| rel.components().next());
    top.is_some_and(|c| {
        ["themes", "templates", "static", crate::editions::EDITIONS_DIR]
            .iter()
            .any(|dir| c.as_os_str() == *dir)
    })
}
