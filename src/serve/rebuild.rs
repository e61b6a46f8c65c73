//! Rebuilding a site in memory, touching only what a change touches.
//!
//! Every rebuild runs the whole pipeline — config, articles, taxonomies, plan —
//! but the expensive parts are skipped for what did not change: the article
//! cache re-reads only files whose size or time changed and re-renders only
//! bodies whose text or links changed, and a page is rendered again only when
//! its fingerprint (a hash of everything it shows) differs from last time. The
//! result is, byte for byte, what a full build writes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::error::{Diagnostic, Diagnostics, io_error};
use crate::plan::{Archives, Page, PageKind, RenderPlan, plan_pages};
use crate::redirects::Redirect;
use crate::render::theme::load_theme;
use crate::render::{PageInputs, RenderCache, RenderOptions, Renderer, may_have_changed};
use crate::search::SearchPart;
use crate::search::{self, SearchIndex};
use crate::site::{Site, SiteCache, SiteOptions, reload_site};
use crate::taxonomy::{ArticleId, Taxonomies};

/// One file of the built site, held in memory.
#[derive(Clone, Debug)]
pub struct BuiltFile {
    /// A hash of what the file was made from, to skip it when that is unchanged.
    pub fingerprint: u64,
    pub bytes: Arc<Vec<u8>>,
}

/// Every file of a built site, by its path under the output.
pub type BuiltFiles = HashMap<String, BuiltFile>;

/// What one rebuild changed.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Files whose bytes are new or different, sorted.
    pub changed: Vec<String>,
    /// Files that are gone, sorted.
    pub removed: Vec<String>,
    /// How many pages were rendered (the rest were reused).
    pub rendered: usize,
}

/// A site kept built in memory across changes.
pub struct Rebuilder {
    root: PathBuf,
    options: SiteOptions,
    cache: SiteCache,
    render_cache: RenderCache,
    files: Arc<BuiltFiles>,
    /// The files of the last successful build that are not pages: static files and pictures.
    others: Vec<String>,
    /// Whether one of them has a page's name.
    others_clash: bool,
    pictures: PictureLists,
    /// What the last successful build's pages were made from.
    last: Option<LastBuild>,
    /// Whether a rebuild leaves changed search index files to [`Rebuilder::finish_search`].
    defer_search: bool,
    /// The search index files a rebuild left out of date.
    pending_search: Option<PendingSearch>,
    /// Counts rebuilds, so that an index made while another rebuild ran is not used.
    generation: u64,
}

/// Search index files to make again, and what from. Building the index reads
/// every article, which takes far longer than the pages an edit touches; `serve`
/// publishes those pages first and builds the index on a thread of its own.
pub struct PendingSearch {
    /// The rebuild that left them.
    generation: u64,
    site: Site,
    layout: search::Layout,
    /// Each file, with the index file it is and the fingerprint it was planned with.
    files: Vec<(String, SearchPart, u64)>,
}

/// Search index files made from a [`PendingSearch`], to hand to [`Rebuilder::apply_search`].
pub struct BuiltSearch {
    generation: u64,
    files: Vec<(String, BuiltFile)>,
}

impl PendingSearch {
    /// Builds the index and its files on every core.
    pub fn build(self) -> BuiltSearch {
        self.build_with(SearchIndex::build)
    }

    /// Builds the index and its files on the calling thread alone. It needs
    /// nothing of the rebuilder, and leaves the other cores to it: `serve`
    /// builds the index this way while the next edit is rebuilt.
    pub fn build_on_this_thread(self) -> BuiltSearch {
        self.build_with(SearchIndex::build_sequential)
    }

    fn build_with(self, build: fn(&[search::Document<'_>], usize) -> SearchIndex) -> BuiltSearch {
        let index = build(&search::documents(&self.site, &self.layout), self.layout.shards);
        let files = self
            .files
            .into_iter()
            .map(|(file, part, fingerprint)| {
                let bytes = Arc::new(index.file(part));
                (file, BuiltFile { fingerprint, bytes })
            })
            .collect();
        BuiltSearch {
            generation: self.generation,
            files,
        }
    }
}

/// What the pages of a build were made from, to tell which pages the next
/// build need not even fingerprint.
struct LastBuild {
    /// The grouping the plan was made from; the same grouping gives the same plan.
    taxonomies: Arc<Taxonomies>,
    related: Arc<Vec<Vec<ArticleId>>>,
    /// The redirects it was made with: an edit of an article's `aliases:` leaves the grouping as it was.
    redirects: Arc<Vec<Redirect>>,
    plan: Arc<RenderPlan>,
    inputs: PageInputs,
}

impl LastBuild {
    /// The last plan, when `site` is grouped as it was then, has the same
    /// redirects, and its search index and month archives (whose files the
    /// plan lists) are laid out the same.
    fn plan_for(&self, site: &Site, search: &Option<search::Layout>) -> Option<Arc<RenderPlan>> {
        (Arc::ptr_eq(&self.taxonomies, &site.taxonomies)
            && Arc::ptr_eq(&self.related, &site.related)
            && (Arc::ptr_eq(&self.redirects, &site.redirects) || self.redirects == site.redirects)
            && self.plan.search == *search
            // An article added, removed or moved to another month changes them; a
            // new date in the same month and place changes only its card.
            && self.plan.archives == Archives::of(site))
        .then(|| Arc::clone(&self.plan))
    }
}

impl Rebuilder {
    /// A rebuilder for the site at `root`, published at `base_url`.
    pub fn new(root: PathBuf, base_url: String, load: LoadOptions) -> Rebuilder {
        let options = SiteOptions {
            overrides: Overrides {
                base_url: Some(base_url),
            },
            load,
        };
        Rebuilder {
            root,
            options,
            cache: SiteCache::default(),
            render_cache: RenderCache::default(),
            files: Arc::new(HashMap::new()),
            others: Vec::new(),
            others_clash: false,
            pictures: PictureLists::default(),
            last: None,
            defer_search: false,
            pending_search: None,
            generation: 0,
        }
    }

    /// With `defer`, a rebuild serves the pages an edit touched at once and
    /// leaves the search index, which is made from every article, to
    /// [`Rebuilder::finish_search`]; until then the last index is served.
    pub fn defer_search(&mut self, defer: bool) {
        self.defer_search = defer;
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
        self.pending_search.take()
    }

    /// Serves the index files `built`, and tells what changed; `None`, and
    /// nothing served, when a rebuild came since they were planned: that
    /// rebuild has planned its own.
    pub fn apply_search(&mut self, built: BuiltSearch) -> Option<Changes> {
        if built.generation != self.generation {
            return None;
        }
        let old = Arc::clone(&self.files);
        let mut files = (*old).clone();
        let mut touched = Vec::with_capacity(built.files.len());
        for (file, built_file) in built.files {
            files.insert(file.clone(), built_file);
            touched.push(file);
        }
        let changes = diff_of(&old, &files, &touched, touched.len());
        self.files = Arc::new(files);
        Some(changes)
    }

    /// The files of the last successful build.
    pub fn files(&self) -> Arc<BuiltFiles> {
        Arc::clone(&self.files)
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
        let articles: Option<Vec<String>> = changed.iter().map(|p| article_path(&self.root, p)).collect();
        self.rebuild_from(articles.as_deref())
    }

    fn rebuild_from(&mut self, changed: Option<&[String]>) -> Result<(Changes, Diagnostics), Diagnostics> {
        let timer = crate::timing::PhaseTimer::from_env();
        // Even a failed rebuild counts: an index made before it must not be served after it.
        self.generation += 1;
        let (site, warnings) = reload_site(&self.root, &self.options, &mut self.cache, changed)?;
        let pictures = self.pictures.update(&site, self.cache.replaced());
        timer.lap("load site (cached)");
        let theme = load_theme(&self.root, &site.config.theme)?;
        let search_layout = search::layout(&site);
        let plan = match self.last.as_ref().and_then(|last| last.plan_for(&site, &search_layout)) {
            Some(plan) => plan,
            None => Arc::new(plan_pages(&site)?),
        };
        let drafts = self.options.load.drafts;
        let renderer = Renderer::new_cached(&site, &plan, &theme, RenderOptions { drafts }, &mut self.render_cache)?;
        let inputs = renderer.inputs();
        let old = Arc::clone(&self.files);
        let mut problems = Diagnostics::new();
        let mut others = self.other_files(renderer.assets(), &pictures, &old, &mut problems);
        others.extend(attachment_files(&site, &old, &mut problems));
        let changed = self.changed_articles(&plan, &inputs, &others, &old);
        timer.lap("plan and prepare templates");

        let pages = render_pages(&renderer, &plan, changed.as_deref(), &old, self.defer_search);
        timer.lap("fingerprint and render pages");
        let mut rendered = 0;
        let mut built = Vec::with_capacity(pages.len());
        let mut deferred = Vec::new();
        for page in pages {
            match page {
                Ok(Outcome::Built(file, file_built, fresh)) => {
                    rendered += usize::from(fresh);
                    built.push((file, file_built));
                }
                Ok(Outcome::Deferred(file, part, fingerprint)) => {
                    // Served as it was until the index is made again.
                    if let Some(last) = old.get(&file) {
                        built.push((file.clone(), last.clone()));
                    }
                    deferred.push((file, part, fingerprint));
                }
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            problems.sort();
            return Err(problems);
        }
        let changes = self.replace_files(&old, others, built, rendered, changed.is_some());
        timer.lap("collect files");
        self.pending_search = match &plan.search {
            Some(layout) if !deferred.is_empty() => Some(PendingSearch {
                generation: self.generation,
                site: site.clone(),
                layout: layout.clone(),
                files: deferred,
            }),
            _ => None,
        };
        self.last = Some(LastBuild {
            taxonomies: Arc::clone(&site.taxonomies),
            related: Arc::clone(&site.related),
            redirects: Arc::clone(&site.redirects),
            plan: Arc::clone(&plan),
            inputs,
        });
        Ok((changes, warnings))
    }

    /// The articles whose card or body changed since the last build, by id,
    /// when only those can make pages differ: the plan, and all else pages
    /// show, is the same. `None` when every page must be looked at.
    fn changed_articles(
        &self,
        plan: &Arc<RenderPlan>,
        inputs: &PageInputs,
        others: &[(String, BuiltFile)],
        old: &BuiltFiles,
    ) -> Option<Vec<bool>> {
        // A file that is not a page may share a page's name (static/robots.txt); then only a
        // whole new set of files is sure to keep the page.
        let clashes = self.others_clash
            || others
                .iter()
                .any(|(file, _)| old.contains_key(file) && !self.others.contains(file));
        self.last
            .as_ref()
            .filter(|last| !clashes && Arc::ptr_eq(&last.plan, plan))
            .and_then(|last| inputs.changed_since(&last.inputs))
    }

    /// Makes `others` and the pages `built` the files served, and tells what
    /// changed. With `same_pages`, pages not in `built` are the last build's.
    fn replace_files(
        &mut self,
        old: &BuiltFiles,
        others: Vec<(String, BuiltFile)>,
        built: Vec<(String, BuiltFile)>,
        rendered: usize,
        same_pages: bool,
    ) -> Changes {
        let mut touched = Vec::new();
        let mut files = if same_pages {
            let mut files = old.clone();
            for file in &self.others {
                files.remove(file);
            }
            touched.extend(self.others.iter().cloned());
            touched.extend(others.iter().chain(&built).map(|(file, _)| file.clone()));
            files
        } else {
            HashMap::with_capacity(others.len() + built.len())
        };
        let new_others: Vec<String> = others.iter().map(|(file, _)| file.clone()).collect();
        files.extend(others);
        let expected = files.len() + built.len();
        files.extend(built);
        let changes = if same_pages {
            diff_of(old, &files, &touched, rendered)
        } else {
            self.others_clash = files.len() < expected;
            diff(old, &files, rendered)
        };
        self.files = Arc::new(files);
        self.others = new_others;
        changes
    }

    /// The static files and pictures to publish, reusing the last build's where unchanged.
    fn other_files(
        &self,
        assets: &crate::render::assets::Assets,
        pictures: &[(String, PathBuf)],
        old: &BuiltFiles,
        problems: &mut Diagnostics,
    ) -> Vec<(String, BuiltFile)> {
        let mut files = Vec::new();
        for (file, source) in assets.files() {
            match source.bytes() {
                Ok(bytes) => {
                    let fingerprint = crate::output::fingerprint(&bytes);
                    let built = match old.get(file) {
                        Some(f) if f.fingerprint == fingerprint && *f.bytes == *bytes => f.clone(),
                        _ => BuiltFile {
                            fingerprint,
                            bytes: Arc::new(bytes.into_owned()),
                        },
                    };
                    files.push((file.clone(), built));
                }
                Err(d) => problems.push(d),
            }
        }
        for (file, cached) in pictures {
            // Picture names carry a hash of their bytes: the same name, the same bytes.
            let fingerprint = crate::output::fingerprint(file.as_bytes());
            match old.get(file) {
                Some(f) if f.fingerprint == fingerprint => files.push((file.clone(), f.clone())),
                _ => match std::fs::read(cached) {
                    Ok(bytes) => files.push((
                        file.clone(),
                        BuiltFile {
                            fingerprint,
                            bytes: Arc::new(bytes),
                        },
                    )),
                    Err(e) => problems.push(io_error(cached, crate::msg!("io-read"), &e)),
                },
            }
        }
        files
    }
}

/// Every article's attachments, as a build publishes them, reusing the last
/// build's bytes for those whose file has the same size and time.
fn attachment_files(site: &Site, old: &BuiltFiles, problems: &mut Diagnostics) -> Vec<(String, BuiltFile)> {
    let mut files = Vec::new();
    for a in crate::content::attachments::published_files(site.articles.iter().map(|a| a.as_ref())) {
        let fingerprint = crate::build::attachment_fingerprint(&a);
        match old.get(&a.file) {
            Some(f) if f.fingerprint == fingerprint => files.push((a.file, f.clone())),
            _ => match std::fs::read(&a.path) {
                Ok(bytes) => files.push((
                    a.file,
                    BuiltFile {
                        fingerprint,
                        bytes: Arc::new(bytes),
                    },
                )),
                Err(e) => problems.push(io_error(&a.path, crate::msg!("io-read"), &e)),
            },
        }
    }
    files
}

/// What became of one page of a rebuild.
enum Outcome {
    /// The file, built or reused, and whether it was rendered again.
    Built(String, BuiltFile, bool),
    /// A search index file whose inputs changed, left for [`Rebuilder::finish_search`]
    /// with the fingerprint it is to have.
    Deferred(String, SearchPart, u64),
}

/// Each page of `plan` (only those that may have changed, when the articles
/// `changed` are known); with `defer`, changed search index files are left out.
fn render_pages(
    renderer: &Renderer<'_>,
    plan: &RenderPlan,
    changed: Option<&[bool]>,
    old: &BuiltFiles,
    defer: bool,
) -> Vec<Result<Outcome, Diagnostic>> {
    let candidates: Vec<&Page> = match changed {
        Some(changed) => plan
            .pages
            .par_iter()
            .filter(|page| may_have_changed(page, changed) || !old.contains_key(&page.file))
            .collect(),
        None => plan.pages.iter().collect(),
    };
    candidates
        .par_iter()
        .map(|page| {
            let fingerprint = renderer.fingerprint(page);
            match (old.get(&page.file), page.kind) {
                (Some(f), _) if f.fingerprint == fingerprint => Ok(Outcome::Built(page.file.clone(), f.clone(), false)),
                (_, PageKind::SearchIndex(part @ (SearchPart::Meta | SearchPart::Shard(..)))) if defer => {
                    Ok(Outcome::Deferred(page.file.clone(), part, fingerprint))
                }
                _ => renderer.render(page).map(|bytes| {
                    let built = BuiltFile {
                        fingerprint,
                        bytes: Arc::new(bytes),
                    };
                    Outcome::Built(page.file.clone(), built, true)
                }),
            }
        })
        .collect()
}

/// Every article's pictures, by article id, kept between builds.
#[derive(Default)]
struct PictureLists {
    by_article: Vec<Vec<(String, PathBuf)>>,
}

impl PictureLists {
    /// Every picture file to publish, as [`Site::published_pictures`] lists
    /// them, looking again only at the articles `replaced` (all, when `None`).
    fn update(&mut self, site: &Site, replaced: Option<&[ArticleId]>) -> Vec<(String, PathBuf)> {
        match replaced {
            Some(ids) if self.by_article.len() == site.articles.len() => {
                for &id in ids {
                    self.by_article[id] = crate::site::article_pictures(&site.articles[id]);
                }
            }
            _ => {
                self.by_article = site.articles.iter().map(|a| crate::site::article_pictures(a)).collect();
            }
        }
        crate::site::unique_pictures(self.by_article.iter().flatten().cloned().collect())
    }
}

/// The content/-relative path of an article file at `path`, when it is one.
fn article_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .ok()?
        .strip_prefix(crate::content::CONTENT_DIR)
        .ok()?;
    let rel = rel.to_str()?;
    rel.ends_with(".md")
        .then(|| rel.replace(std::path::MAIN_SEPARATOR, "/"))
}

/// [`diff`], when only the files `touched` can differ.
fn diff_of(old: &BuiltFiles, new: &BuiltFiles, touched: &[String], rendered: usize) -> Changes {
    let differs = |file: &String| match (old.get(file), new.get(file)) {
        (Some(o), Some(n)) => !Arc::ptr_eq(&o.bytes, &n.bytes) && o.bytes != n.bytes,
        (None, Some(_)) => true,
        _ => false,
    };
    let mut changed: Vec<String> = touched.iter().filter(|f| differs(f)).cloned().collect();
    let mut removed: Vec<String> = touched
        .iter()
        .filter(|f| old.contains_key(*f) && !new.contains_key(*f))
        .cloned()
        .collect();
    changed.sort();
    changed.dedup();
    removed.sort();
    removed.dedup();
    Changes {
        changed,
        removed,
        rendered,
    }
}

fn diff(old: &BuiltFiles, new: &BuiltFiles, rendered: usize) -> Changes {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(file, f)| {
            old.get(*file)
                .is_none_or(|o| !Arc::ptr_eq(&o.bytes, &f.bytes) && o.bytes != f.bytes)
        })
        .map(|(file, _)| file.clone())
        .collect();
    let mut removed: Vec<String> = old.keys().filter(|file| !new.contains_key(*file)).cloned().collect();
    changed.sort();
    removed.sort();
    Changes {
        changed,
        removed,
        rendered,
    }
}
