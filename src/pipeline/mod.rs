//! The one path from a site's sources to its output files, which `build`,
//! `check` and `serve` all take.
//!
//! A run goes load → plan → render → sink:
//!
//! 1. **Load**: site.yaml and the articles become the [`Site`] model, grouped
//!    into taxonomies; the theme is read.
//! 2. **Plan**: the render plan lists the pages; [`outputs::Outputs`] adds the
//!    static files, pictures and attachments: every file the output has.
//! 3. **Render**: each file gets a fingerprint, a hash of everything its bytes
//!    depend on; a file the sink holds with the same fingerprint is not made
//!    again, the others are rendered in parallel.
//! 4. **Sink**: the new files go to a [`sink::Sink`], which ends the run with
//!    the list of every file: the disk (all or nothing), memory (`serve`) or
//!    a collection (`check`, tests).
//!
//! A pipeline kept across runs (`serve` keeps one) reuses what did not change:
//! the articles, cards and grouping in its caches, the last plan, and, when
//! the sink holds the last run's files, the fingerprints of pages none of
//! whose articles changed. A run is therefore, byte for byte, a full build.

pub(crate) mod articles;
pub mod outputs;
pub mod sink;
pub mod sites;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::plan::{Archives, PageKind, RenderPlan, plan_pages};
use crate::redirects::Redirect;
use crate::render::theme::{Theme, load_theme};
use crate::render::{PageInputs, PublishOptions, RenderCache, RenderOptions, Renderer, may_have_changed};
use crate::search::{self, SearchIndex, SearchPart};
use crate::site::{Site, SiteOptions};
use crate::taxonomy::{ArticleId, Taxonomies};
use outputs::{OutputFile, Outputs, Source};
use sink::{BuiltFile, Content, Listing, Sink};
use sites::{SiteCache, reload_site};

/// What a pipeline builds, and how.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The site's folder, holding site.yaml.
    pub root: PathBuf,
    /// What to load: overrides of site.yaml, drafts, future articles.
    pub site: SiteOptions,
    /// How the bytes are published (`--minify`).
    pub publish: PublishOptions,
    /// The most article text (bytes of the files) a single run holds in
    /// memory: a site with more sets every body aside in a scratch file
    /// ([`crate::content::HELD_TEXT`] when `None`). A pipeline kept across runs holds all of it.
    pub held_text: Option<usize>,
}

/// What a successful run made.
pub struct Run {
    /// The site model the files were made from.
    pub site: Site,
    /// Its render plan.
    pub plan: Arc<RenderPlan>,
    /// Problems that did not stop the run.
    pub warnings: Diagnostics,
    /// How many static files the output has.
    pub static_files: usize,
    /// Whether a newer change interrupted the run (see [`RunControl::cancel`]):
    /// the sink holds what the run previewed, and the next run finishes the job.
    pub interrupted: bool,
}

/// How `serve` steers a run: the files to make before any other, and when
/// to give up on the rest.
#[derive(Clone, Copy, Default)]
pub struct RunControl<'a> {
    /// Output files (`2013/11/x/index.html`) to make first and hand to the
    /// sink's [`Sink::preview`]: the pages open in a browser. The pages of the
    /// articles that changed are added to them.
    pub first: &'a [String],
    /// Set by another thread when a newer change makes the rest of the run
    /// useless; the run then stops as soon as it can, after its preview.
    pub cancel: Option<&'a AtomicBool>,
}

impl RunControl<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// The pipeline of one site, with what it keeps from one run for the next.
pub struct Pipeline {
    settings: Settings,
    /// Whether the caches are kept for another run; a single run frees them
    /// as soon as it is done with them, which lowers its peak memory.
    keep_caches: bool,
    site_cache: SiteCache,
    render_cache: RenderCache,
    pictures: PictureLists,
    /// What the last successful run's pages were made from.
    last: Option<LastRun>,
    /// Whether a run leaves changed search index files to [`PendingSearch`].
    defer_search: bool,
    pending_search: Option<PendingSearch>,
    /// The last search index and what it was made from, changed in place by the next.
    search_tokens: Arc<std::sync::Mutex<search::IndexCache>>,
    /// The site of the last run, when it was loaded and a later stage failed.
    failed_site: Option<Site>,
    /// Counts runs, so that an index made while another run went on is not used.
    generation: u64,
}

/// What the pages of a run were made from, to tell which pages the next run
/// need not even fingerprint.
struct LastRun {
    /// The configuration the plan was made with: pages per list, search, feeds.
    config: crate::config::Config,
    /// The grouping the plan was made from; the same grouping gives the same plan.
    taxonomies: Arc<Taxonomies>,
    related: Arc<Vec<Vec<ArticleId>>>,
    /// The redirects it was made with: an edit of an article's `aliases:` leaves the grouping as it was.
    redirects: Arc<Vec<Redirect>>,
    /// The editions it was made with: an edition file's edit leaves the grouping as it was.
    editions: Arc<crate::editions::Editions>,
    planned: Planned,
    inputs: PageInputs,
    /// The names of the files that are not pages.
    others: Vec<String>,
    /// The articles the pages showed, to find the page of one since removed.
    articles: Arc<Vec<Arc<crate::content::Article>>>,
}

/// A render plan with the names of its page files, which other files of the
/// same name give way to; kept together, as both are reused together.
#[derive(Clone)]
struct Planned {
    plan: Arc<RenderPlan>,
    page_files: Arc<HashSet<String>>,
}

impl LastRun {
    /// The last plan, when `site` is grouped as it was then, has the same
    /// redirects, and its search index and month archives (whose files the
    /// plan lists) are laid out the same.
    fn plan_for(&self, site: &Site, search: &Option<search::Layout>) -> Option<Planned> {
        (self.config == site.config
            && Arc::ptr_eq(&self.taxonomies, &site.taxonomies)
            && Arc::ptr_eq(&self.related, &site.related)
            && (Arc::ptr_eq(&self.redirects, &site.redirects) || self.redirects == site.redirects)
            && self.editions == site.editions
            && self.planned.plan.search == *search
            // An article added, removed or moved to another month changes them; a
            // new date in the same month and place changes only its card.
            && self.planned.plan.archives == Archives::of(site))
        .then(|| self.planned.clone())
    }
}

/// How much article text a single run of `settings` may hold.
fn held_text(settings: &Settings) -> usize {
    settings.held_text.unwrap_or(crate::content::HELD_TEXT)
}

impl Pipeline {
    /// A pipeline for the site `settings` names, with empty caches, kept
    /// across runs (`serve`).
    pub fn new(settings: Settings) -> Pipeline {
        Pipeline {
            settings,
            keep_caches: true,
            site_cache: SiteCache::default(),
            render_cache: RenderCache::default(),
            pictures: PictureLists::default(),
            last: None,
            defer_search: false,
            pending_search: None,
            search_tokens: Arc::default(),
            failed_site: None,
            generation: 0,
        }
    }

    /// A pipeline for a single run (`build`, `check`).
    pub fn for_one_run(settings: Settings) -> Pipeline {
        Pipeline {
            keep_caches: false,
            site_cache: SiteCache::single_use(held_text(&settings)),
            ..Pipeline::new(settings)
        }
    }

    /// For a pipeline of one run: the stamps of the article files its load
    /// read, by path in the site's folder, for the build's record.
    pub(crate) fn source_stamps(&self) -> &[crate::content::StampedPath] {
        self.site_cache.source_stamps()
    }

    /// What the pipeline builds.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// With `defer`, a run leaves the search index files made from every
    /// article (meta.json and the shards) as the sink holds them, to be made
    /// from [`Pipeline::take_pending_search`]: `serve` publishes the pages an
    /// edit touched first.
    pub fn defer_search(&mut self, defer: bool) {
        self.defer_search = defer;
    }

    /// The search index files the last run left out of date.
    pub fn take_pending_search(&mut self) -> Option<PendingSearch> {
        self.pending_search.take()
    }

    /// Whether `built` was made for the last run: a run since has planned its own.
    pub fn is_current(&self, built: &BuiltSearch) -> bool {
        built.generation == self.generation
    }

    /// Brings `sink` up to date with the site's sources. `changed` names the
    /// articles (content/-relative paths) that are all that changed since the
    /// last run, when that is known; `None` looks at every file. On failure the
    /// sink is left as it was and every problem found is returned.
    pub fn run(&mut self, changed: Option<&[String]>, sink: &mut dyn Sink) -> Result<Run, Diagnostics> {
        self.run_with(changed, sink, RunControl::default())
    }

    /// Like [`Pipeline::run`], making the files `control` names first and
    /// stopping early when it says so.
    pub fn run_with(
        &mut self,
        changed: Option<&[String]>,
        sink: &mut dyn Sink,
        control: RunControl<'_>,
    ) -> Result<Run, Diagnostics> {
        // Even a failed run counts: an index made before it must not be served after it.
        self.generation += 1;
        self.failed_site = None;
        let (site, warnings) = self.load(changed)?;
        let first = self.first_files(&site, changed, control.first);
        let control = RunControl {
            first: &first,
            ..control
        };
        match self.render_into(&site, warnings, sink, control) {
            Ok((plan, warnings, static_files, interrupted)) => Ok(Run {
                site,
                plan,
                warnings,
                static_files,
                interrupted,
            }),
            Err(problems) => {
                self.failed_site = Some(site);
                Err(problems)
            }
        }
    }

    /// The site of the last run, when it failed: the whole site when loading
    /// went well and a later stage failed, else the articles that loaded.
    /// `check` lints it, so that an editor fixing one article's error sees
    /// the copy desk's warnings on the others in the same round.
    pub fn take_failed_site(&mut self) -> Option<Site> {
        self.failed_site.take().or_else(|| self.site_cache.take_partial())
    }

    /// Plans, renders and hands over the files of `site`, loaded with
    /// `warnings`: the plan, every warning, and how many static files there are.
    fn render_into(
        &mut self,
        site: &Site,
        mut warnings: Diagnostics,
        sink: &mut dyn Sink,
        control: RunControl<'_>,
    ) -> Result<(Arc<RenderPlan>, Diagnostics, usize, bool), Diagnostics> {
        let timer = crate::timing::PhaseTimer::from_env();
        let pictures = self.pictures.update(site, self.site_cache.replaced());
        let attachments = crate::content::attachments::published_files(site.articles.iter().map(|a| a.as_ref()));
        timer.lap("  (list pictures and attachments)");
        let (theme, planned) = self.theme_and_plan(site)?;
        timer.lap("  (read the theme and plan the pages)");
        let plan = Arc::clone(&planned.plan);
        let drafts = self.settings.site.load.drafts;
        let renderer = Renderer::with_cache(
            site,
            &plan,
            &theme,
            RenderOptions { drafts },
            self.settings.publish,
            &mut self.render_cache,
        )?;
        timer.lap("  (prepare the cards and templates)");
        warnings.extend(renderer.assets().warnings().iter().cloned());
        warnings.sort();
        let inputs = renderer.inputs();
        let outputs = Outputs::new(&plan, &planned.page_files, renderer.assets(), &pictures, &attachments);
        // With the same plan, and the sink holding the last run's files, only pages
        // showing an article whose card or body changed can differ.
        let changed_articles = self
            .last
            .as_ref()
            .filter(|last| sink.continues() && Arc::ptr_eq(&last.planned.plan, &plan))
            .and_then(|last| inputs.changed_since(&last.inputs));
        let others: Vec<String> = outputs.others().iter().map(|f| f.file.to_string()).collect();
        let same_files = changed_articles.is_some() && self.last.as_ref().is_some_and(|last| last.others == others);
        timer.lap("plan and prepare templates");
        let static_files = renderer.assets().files().len();
        if control.cancelled() {
            // A newer save came while this run loaded: it shows none of its pages,
            // and the sink holds the last run's files, which the next run compares with.
            sink.abandon();
            self.pending_search = None;
            return Ok((plan, warnings, static_files, true));
        }
        if !control.first.is_empty() {
            emit_first(&renderer, &outputs, control.first, sink)?;
            timer.lap("render and preview the first files");
        }
        let emitted = emit(
            &renderer,
            &outputs,
            changed_articles.as_deref(),
            same_files,
            sink,
            self.defer_search,
            control,
        )?;
        timer.lap("render and hand over files");
        // Some 3 ms of freeing at 10,000 articles, with nothing else to do for the other cores.
        crate::par::free_in_background(renderer.into_owned_parts());
        let Some(deferred) = emitted else {
            // The sink holds a mix of this run and the last: the next run looks at every page.
            self.last = None;
            self.pending_search = None;
            return Ok((plan, warnings, static_files, true));
        };
        // A pipeline kept for more runs whose index was made without its token
        // cache (by the first run) fills the cache after it, with no file to
        // make: the first edit then reads only what it changed.
        // Not waiting for an index being made meanwhile: that one fills the cache.
        let warm =
            self.keep_caches && !site.articles.is_empty() && self.search_tokens.try_lock().is_ok_and(|t| t.is_empty());
        self.pending_search = match &plan.search {
            Some(layout) if !deferred.is_empty() || warm => Some(PendingSearch {
                generation: self.generation,
                site: site.clone(),
                layout: layout.clone(),
                files: deferred,
                tokens: Arc::clone(&self.search_tokens),
            }),
            _ => None,
        };
        self.last = Some(LastRun {
            config: site.config.clone(),
            taxonomies: Arc::clone(&site.taxonomies),
            related: Arc::clone(&site.related),
            redirects: Arc::clone(&site.redirects),
            editions: Arc::clone(&site.editions),
            planned,
            inputs,
            others,
            articles: Arc::clone(&site.articles),
        });
        Ok((plan, warnings, static_files, false))
    }

    /// The files to make first: `open`, with the pages of the articles
    /// `changed`, as they are now and, for an article removed or moved, as
    /// they were in the last run.
    fn first_files(&self, site: &Site, changed: Option<&[String]>, open: &[String]) -> Vec<String> {
        let mut first = open.to_vec();
        if open.is_empty() && changed.is_none() {
            return first;
        }
        let last = self.last.as_ref();
        for path in changed.unwrap_or_default() {
            let now = site.articles.iter().position(|a| a.content_path == *path);
            first.extend(now.map(|id| page_of_article(&site.articles[id])));
            let before = last.and_then(|l| l.articles.iter().find(|a| a.content_path == *path));
            first.extend(before.map(|a| page_of_article(a)));
        }
        first.sort();
        first.dedup();
        first
    }

    /// The site model, from the cache where it can be; on failure, with the
    /// theme's problems too, when site.yaml says which theme.
    fn load(&mut self, changed: Option<&[String]>) -> Result<(Site, Diagnostics), Diagnostics> {
        let Settings { root, site, .. } = &self.settings;
        reload_site(root, site, &mut self.site_cache, changed).map_err(|mut problems| {
            if let Ok(config) = crate::config::load_config(root, &site.overrides)
                && let Err(theme_problems) = load_theme(root, &config.theme)
            {
                problems.extend(theme_problems);
                problems.sort();
            }
            problems
        })
    }

    /// The theme and the render plan, with the names of its pages: the last
    /// run's plan when the site is grouped as it was. The problems of both at once.
    fn theme_and_plan(&self, site: &Site) -> Result<(Theme, Planned), Diagnostics> {
        let plan = || {
            let search_layout = search::layout(site);
            match self.last.as_ref().and_then(|last| last.plan_for(site, &search_layout)) {
                Some(reused) => Ok(reused),
                None => plan_pages(site).map(|plan| Planned {
                    page_files: Arc::new(outputs::page_files(&plan)),
                    plan: Arc::new(plan),
                }),
            }
        };
        // Reading the theme's files waits on the disk; planning is all work: side by side.
        let (theme, plan) = rayon::join(|| load_theme(&self.settings.root, &site.config.theme), plan);
        match (theme, plan) {
            (Ok(theme), Ok(plan)) => Ok((theme, plan)),
            (theme, plan) => {
                let mut problems: Diagnostics = theme.err().into_iter().chain(plan.err()).flatten().collect();
                problems.sort();
                Err(problems)
            }
        }
    }
}

/// Renders a site already in memory (with no pictures or attachments, which
/// live on disk) into `sink`: the pipeline without loading, for tests and fuzzing.
pub fn render_site(site: &Site, theme: &Theme, sink: &mut dyn Sink) -> Result<(), Diagnostics> {
    let plan = plan_pages(site)?;
    let renderer = Renderer::new(site, &plan, theme, RenderOptions::default())?;
    let page_files = outputs::page_files(&plan);
    let outputs = Outputs::new(&plan, &page_files, renderer.assets(), &[], &[]);
    emit(&renderer, &outputs, None, false, sink, false, RunControl::default()).map(drop)
}

/// A search index file left for later: its name, which file of the index it
/// is, and the fingerprint it is to have.
type Deferred = (String, SearchPart, u64);

/// The file of an article's page.
fn page_of_article(article: &crate::content::Article) -> String {
    format!("{}index.html", article.url_path)
}

/// Makes the pages named in `first` that the sink does not hold as they are,
/// with every file that is not a page (the stylesheet a page links to, its
/// pictures), and has the sink preview them: the pages an editor looks at
/// are served before the thousands of others a change may touch. The names
/// in `first` the output no longer has are previewed as gone.
fn emit_first(
    renderer: &Renderer<'_>,
    outputs: &Outputs<'_>,
    first: &[String],
    sink: &mut dyn Sink,
) -> Result<(), Diagnostics> {
    let wanted: HashSet<&str> = first.iter().map(String::as_str).collect();
    let pages: Vec<OutputFile<'_>> = outputs
        .pages()
        .filter(|f| wanted.contains(f.file) && !f.is_whole_search_index())
        .collect();
    let sink_ref: &dyn Sink = sink;
    let made: Vec<Result<(), Diagnostic>> = pages
        .par_iter()
        .chain(outputs.others().par_iter())
        .filter(|file| sink_ref.wants(file))
        .map(|file| {
            let fp = file.fingerprint(renderer)?;
            if sink_ref.held(file.file) == Some(fp) {
                return Ok(());
            }
            sink_ref.put(file.file, fp, content_of(renderer, file)?)
        })
        .collect();
    let mut problems: Diagnostics = made.into_iter().filter_map(Result::err).collect();
    if problems.has_errors() {
        problems.sort();
        sink.abandon();
        return Err(problems);
    }
    let present: HashSet<&str> = outputs
        .pages()
        .chain(outputs.others().iter().copied())
        .map(|f| f.file)
        .collect();
    let gone: Vec<&str> = wanted.into_iter().filter(|f| !present.contains(f)).collect();
    sink.preview(&gone);
    Ok(())
}

/// Hands every file of `outputs` that the sink does not hold as it is to the
/// sink, and ends the sink's run. With `changed` (by article id), pages none
/// of whose articles changed are taken as held without a look; with `defer`,
/// the search index files made from every article are left out and returned.
/// `same_files` tells the sink the files are, by name, those of its last run.
/// `None` when `control` cancelled the run before its end: the sink has
/// abandoned it.
fn emit(
    renderer: &Renderer<'_>,
    outputs: &Outputs<'_>,
    changed: Option<&[bool]>,
    same_files: bool,
    sink: &mut dyn Sink,
    defer: bool,
    control: RunControl<'_>,
) -> Result<Option<Vec<Deferred>>, Diagnostics> {
    let timer = crate::timing::PhaseTimer::from_env();
    let sink_ref: &dyn Sink = sink;
    let pages = &outputs.plan().pages;
    // The pages to look at: with `changed`, only those that can differ; an
    // edit of one article leaves thousands of pages as they are.
    let looked_at: Vec<bool> = pages
        .par_iter()
        .map(|page| {
            let unchanged = changed.is_some_and(|c| !may_have_changed(page, c) && sink_ref.held(&page.file).is_some());
            !unchanged && sink_ref.wants(&OutputFile::of_page(page))
        })
        .collect();
    let candidates: Vec<OutputFile<'_>> = (pages.iter().zip(&looked_at))
        .filter(|(_, look)| **look)
        .map(|(page, _)| OutputFile::of_page(page))
        .chain(outputs.others().iter().copied().filter(|f| sink_ref.wants(f)))
        .collect();
    let fingerprints: Vec<Result<u64, Diagnostic>> = candidates
        .par_iter()
        .with_max_len(crate::par::PAGES)
        .map(|file| file.fingerprint(renderer))
        .collect();
    timer.lap("  (fingerprint the files)");

    let mut problems = Diagnostics::new();
    let mut to_make: Vec<(OutputFile<'_>, u64)> = Vec::with_capacity(candidates.len());
    let mut deferred: Vec<Deferred> = Vec::new();
    let mut known: Vec<(&str, Option<u64>)> = Vec::with_capacity(candidates.len());
    for (file, fingerprint) in candidates.iter().zip(fingerprints) {
        let fp = match fingerprint {
            Ok(fp) => fp,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        known.push((file.file, Some(fp)));
        if sink_ref.held(file.file) == Some(fp) {
            continue;
        }
        match file.page().map(|p| p.kind) {
            Some(PageKind::SearchIndex(part)) if defer && file.is_whole_search_index() => {
                deferred.push((file.file.to_string(), part, fp));
            }
            _ => to_make.push((*file, fp)),
        }
    }
    if problems.has_errors() {
        problems.sort();
        sink.abandon();
        return Err(problems);
    }
    in_order_of_articles(&mut to_make);
    timer.lap("  (choose the files to make)");
    if to_make.iter().any(|(file, _)| file.is_whole_search_index()) {
        let timer = crate::timing::PhaseTimer::from_env();
        renderer.prepare_search();
        timer.lap("build the search index");
    }
    if control.cancelled() {
        sink.abandon();
        return Ok(None);
    }
    let made: Vec<Result<(), Diagnostic>> = to_make
        .par_iter()
        .with_max_len(crate::par::PAGES)
        .map(|(file, fp)| match control.cancelled() {
            true => Ok(()),
            false => sink_ref.put(file.file, *fp, content_of(renderer, file)?),
        })
        .collect();
    if control.cancelled() {
        sink.abandon();
        return Ok(None);
    }
    timer.lap("  (make the files)");
    problems.extend(made.into_iter().filter_map(Result::err));
    if problems.has_errors() {
        problems.sort();
        sink.abandon();
        return Err(problems);
    }
    let listing = Listing {
        files: listing(outputs, &looked_at, known),
        same_files,
    };
    sink.finish(&listing)?;
    timer.lap("  (finish the output)");
    Ok(Some(deferred))
}

/// Puts `files` in the order of the newest article each shows, keeping the
/// plan's order among equals. An article's card is on its district's,
/// towns', column's, tags' and month's pages, which the plan lists far apart:
/// made in this order, they come close together, while the card is still in
/// the processor's cache.
fn in_order_of_articles(files: &mut [(OutputFile<'_>, u64)]) {
    files.sort_by_key(|(file, _)| file.page().and_then(|p| p.articles.first().copied()));
}

/// Every file of `outputs`: those looked at with their fingerprints
/// (`known`, pages first, in order), the others without.
fn listing<'a>(
    outputs: &Outputs<'a>,
    looked_at: &[bool],
    known: Vec<(&'a str, Option<u64>)>,
) -> Vec<(&'a str, Option<u64>)> {
    let mut known = known.into_iter().peekable();
    let mut files = Vec::with_capacity(outputs.len());
    for (file, &look) in outputs.pages().zip(looked_at) {
        match known.peek() {
            Some(&(name, _)) if look && name == file.file => files.extend(known.next()),
            _ => files.push((file.file, None)),
        }
    }
    for file in outputs.others() {
        match known.peek() {
            Some(&(name, _)) if name == file.file => files.extend(known.next()),
            _ => files.push((file.file, None)),
        }
    }
    files
}

/// The bytes, or the file, `file` is made of.
fn content_of<'a>(renderer: &Renderer<'_>, file: &OutputFile<'a>) -> Result<Content<'a>, Diagnostic> {
    Ok(match file.source {
        Source::Page(page) => Content::Bytes(std::borrow::Cow::Owned(renderer.render(page)?)),
        Source::Static(s) => Content::Bytes(s.bytes()?),
        Source::Picture(path) => Content::Picture(path),
        Source::Attachment(a) => Content::Attachment(&a.path),
    })
}

/// Search index files to make again, and what from. Building the index reads
/// every article, which takes far longer than the pages an edit touches;
/// `serve` publishes those pages first and builds the index on a thread of its own.
pub struct PendingSearch {
    /// The run that left them.
    generation: u64,
    site: Site,
    layout: search::Layout,
    files: Vec<Deferred>,
    /// The last index, with its postings and documents: only the articles
    /// that changed since are read again.
    tokens: Arc<std::sync::Mutex<search::IndexCache>>,
}

/// Search index files made from a [`PendingSearch`].
pub struct BuiltSearch {
    generation: u64,
    /// Each file, by name.
    pub files: Vec<(String, BuiltFile)>,
}

impl PendingSearch {
    /// Builds the index and its files, on every core: `serve` builds the index
    /// this way on a thread of its own, after the pages. The last index is
    /// changed in place: only the articles that changed since are read again.
    pub fn build(self) -> BuiltSearch {
        let timer = crate::timing::PhaseTimer::from_env();
        let documents = search::documents_in_parallel(&self.site, &self.layout);
        timer.lap("search index: documents");
        let index = {
            // A panic while building leaves a cache that only costs the next build its reuse.
            let mut tokens = crate::par::locked(&self.tokens);
            SearchIndex::build_cached(documents, self.layout.shards, &mut tokens)
        };
        let files = self
            .files
            .into_par_iter()
            .map(|(file, part, fingerprint)| {
                let bytes = index.shared_file(part);
                (file, BuiltFile { fingerprint, bytes })
            })
            .collect();
        timer.lap("search index: files");
        BuiltSearch {
            generation: self.generation,
            files,
        }
    }
}

/// Every article's pictures, by article id, kept between runs.
#[derive(Default)]
struct PictureLists {
    by_article: Vec<Vec<(String, PathBuf)>>,
}

impl PictureLists {
    /// Every picture file to publish, as (file under the output, file in the
    /// picture cache), each once, looking again only at the articles
    /// `replaced` (all, when `None`).
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

/// The content/-relative path of an article file at `path` under `root`, when it is one.
pub fn article_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .ok()?
        .strip_prefix(crate::content::CONTENT_DIR)
        .ok()?;
    let rel = rel.to_str()?;
    rel.ends_with(".md")
        .then(|| rel.replace(std::path::MAIN_SEPARATOR, "/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Page, PageKind, Pager};

    fn page(file: &str, kind: PageKind, articles: Vec<usize>) -> Page {
        Page {
            path: file.trim_end_matches("index.html").to_string(),
            file: file.to_string(),
            kind,
            template: None,
            articles,
        }
    }

    #[test]
    fn pages_are_made_in_the_order_of_their_newest_article() {
        let pager = |number| Pager { number, total: 2 };
        // As the plan lists them: the front page, articles, then a district's pages; ids newest first.
        let pages = [
            page("robots.txt", PageKind::Robots, Vec::new()),
            page("index.html", PageKind::Front(pager(1)), vec![0, 1]),
            page("page/2/index.html", PageKind::Front(pager(2)), vec![2, 3]),
            page("2026/12/yin-hang/index.html", PageKind::Article(0), vec![0, 3]),
            page("2026/11/chong-qing-lu/index.html", PageKind::Article(2), vec![2, 1]),
            page("2026/12/xin-jing/index.html", PageKind::Article(1), vec![1, 2]),
            page(
                "sitemap.xml",
                PageKind::Sitemap(crate::plan::SitemapPart::Whole),
                vec![0, 1, 2, 3],
            ),
        ];
        let mut files: Vec<(OutputFile<'_>, u64)> = pages.iter().map(|p| (OutputFile::of_page(p), 0)).collect();
        in_order_of_articles(&mut files);
        let order: Vec<&str> = files.iter().map(|(f, _)| f.file).collect();
        assert_eq!(
            order,
            [
                "robots.txt",
                "index.html",
                "2026/12/yin-hang/index.html",
                "sitemap.xml",
                "2026/12/xin-jing/index.html",
                "page/2/index.html",
                "2026/11/chong-qing-lu/index.html",
            ]
        );
    }
}
