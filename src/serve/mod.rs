//! `jianbao serve`: the site built in memory, served over HTTP, rebuilt when a
//! file changes, and reloaded in the browser.
//!
//! Three parts: [`rebuild`] keeps the site built, touching only what changed;
//! [`watch`] turns file-system events into rebuild requests; [`http`] serves
//! the latest good build and pushes reload events to the pages it served. The
//! output lives in memory: the site's public/ folder is never touched.

pub mod http;
pub mod rebuild;
pub mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::{broadcast, watch as tokio_watch};

use crate::content::LoadOptions;
use crate::error::Diagnostics;
use crate::i18n::Message;
use crate::msg;
use crate::par::locked;
use rebuild::{BuiltFiles, Changes, PendingSearch, Rebuilder};

/// What to serve, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 asks the system for a free port.
    pub port: u16,
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{}", self.message())]
    PortInUse { bind: IpAddr, port: u16 },
    #[error("{}", self.message())]
    Listen {
        bind: IpAddr,
        port: u16,
        source: std::io::Error,
    },
    #[error("{}", self.message())]
    Watch(#[from] notify::Error),
    #[error("{}", self.message())]
    Runtime(#[from] std::io::Error),
}

impl ServeError {
    /// What went wrong, in the language of the run.
    pub fn message(&self) -> Message {
        match self {
            ServeError::PortInUse { bind, port } => msg!("serve-port-in-use", bind = bind.to_string(), port = *port),
            ServeError::Listen { bind, port, source } => msg!(
                "serve-cannot-listen",
                bind = bind.to_string(),
                port = *port,
                error = source.to_string()
            ),
            ServeError::Watch(e) => msg!("serve-cannot-watch", error = e.to_string()),
            ServeError::Runtime(e) => msg!("serve-cannot-start", error = e.to_string()),
        }
    }

    /// What to do about it, where there is something to do.
    pub fn hint(&self) -> Option<Message> {
        matches!(self, ServeError::PortInUse { .. }).then(|| msg!("serve-port-in-use-hint"))
    }
}

/// The state pages are served from: always a complete build, swapped whole.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub files: Arc<BuiltFiles>,
    /// The problems of the last rebuild, when it failed.
    pub error: Option<String>,
}

/// What the browser is told after a rebuild.
#[derive(Clone, Debug)]
pub enum ReloadEvent {
    /// A rebuild succeeded; these URL paths changed (`all` when a stylesheet or script did).
    Built { pages: Vec<String>, all: bool },
    /// A rebuild failed with these problems.
    Failed { message: String },
}

/// Builds the site, serves it and rebuilds on change until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(options))
}

async fn run(mut options: ServeOptions) -> Result<(), ServeError> {
    // Events name absolute paths; an absolute root lets them be matched to the site.
    options.root = std::fs::canonicalize(&options.root)?;
    let listener = bind(options.bind, options.port).await?;
    let address = listener.local_addr()?;
    let url = base_url(address);
    let mut rebuilder = Rebuilder::new(
        options.root.clone(),
        url.clone(),
        LoadOptions {
            drafts: options.drafts,
            future: options.future,
            now: None,
        },
    );
    let started = Instant::now();
    let first = rebuilder.rebuild();
    let snapshot = snapshot_after(&rebuilder, first.as_ref().err());
    let mut warnings = WarningsShown::default();
    warnings.report(&first, started);
    rebuilder.defer_search(true);
    // Taken with `locked`: each rebuild replaces the rebuilder's state whole,
    // so a thread that panicked holding it leaves nothing half-changed.
    let rebuilder = Arc::new(Mutex::new(rebuilder));
    let (snapshot_tx, snapshot_rx) = tokio_watch::channel(snapshot);
    let snapshot_tx = Arc::new(snapshot_tx);
    let (events_tx, _) = broadcast::channel(64);
    let search = spawn_search_worker(Arc::clone(&rebuilder), Arc::clone(&snapshot_tx), events_tx.clone());
    // The first build's index is served already; this keeps its tokens for the first edit.
    if let Some(warm_up) = locked(&rebuilder).take_pending_search() {
        let _ = search.send(warm_up);
    }
    let open = http::OpenPages::default();
    let queue = Arc::new(RebuildQueue::default());
    let previews = Previews::default();
    locked(&rebuilder).on_preview(previews.hook(Arc::clone(&snapshot_tx), events_tx.clone()));
    spawn_rebuilder(RebuildWorker {
        rebuilder: Arc::clone(&rebuilder),
        queue: Arc::clone(&queue),
        open: open.clone(),
        previews,
        snapshot: snapshot_tx,
        events: events_tx.clone(),
        search,
        failed: first.is_err(),
        warnings,
    });
    let _watcher = watch::spawn(options.root.clone(), move |changed| queue.push(changed))?;

    say(msg!("serve-serving", root = options.root.display(), url = url.as_str()));
    if options.open
        && let Err(e) = opener::open(&url)
    {
        say_err(msg!("serve-cannot-open-browser", error = e.to_string()));
    }
    let app = http::router(http::AppState {
        snapshot: snapshot_rx,
        events: events_tx,
        open,
    });
    tokio::select! {
        result = axum::serve(listener, app) => result?,
        _ = tokio::signal::ctrl_c() => {
            println!();
            say(msg!("serve-stopped"));
        }
    }
    Ok(())
}

async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind(SocketAddr::new(ip, port))
        .await
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse { bind: ip, port }
            } else {
                ServeError::Listen { bind: ip, port, source }
            }
        })
}

/// The address links in served pages point to.
fn base_url(address: SocketAddr) -> String {
    match address {
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
    }
}

/// The changes the watcher saw that no rebuild has taken yet, merged into
/// one; a new change also asks the rebuild under way to stop after its
/// preview, as the next rebuild makes everything it left undone.
#[derive(Default)]
struct RebuildQueue {
    /// Taken with `locked`: merging one change in is a single step.
    pending: Mutex<Option<watch::Changed>>,
    ready: Condvar,
    cancel: AtomicBool,
}

impl RebuildQueue {
    fn push(&self, changed: watch::Changed) {
        let mut pending = locked(&self.pending);
        // The check a few seconds after an edit finds nothing new as a rule: it does not stop a rebuild.
        if changed != watch::Changed::Recheck {
            self.cancel.store(true, Ordering::Relaxed);
        }
        match pending.as_mut() {
            Some(queued) => queued.add(changed),
            None => *pending = Some(changed),
        }
        self.ready.notify_one();
    }

    /// Waits for changes, and takes them all.
    fn take(&self) -> watch::Changed {
        let mut pending = locked(&self.pending);
        loop {
            if let Some(changed) = pending.take() {
                // Under the lock: a change pushed from now on stops the rebuild of these.
                self.cancel.store(false, Ordering::Relaxed);
                return changed;
            }
            pending = self
                .ready
                .wait(pending)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// What the rebuild thread works with.
struct RebuildWorker {
    rebuilder: Arc<Mutex<Rebuilder>>,
    queue: Arc<RebuildQueue>,
    open: http::OpenPages,
    previews: Previews,
    snapshot: Arc<tokio_watch::Sender<Snapshot>>,
    events: broadcast::Sender<ReloadEvent>,
    search: mpsc::Sender<PendingSearch>,
    /// Whether the last rebuild failed.
    failed: bool,
    warnings: WarningsShown,
}

/// The pages the previews of the rebuild under way served and reloaded,
/// so that its end reloads only the others; and when that rebuild started.
#[derive(Clone)]
struct Previews {
    // Both taken with `locked`: each change to them is a single push or store.
    shown: Arc<Mutex<Vec<String>>>,
    started: Arc<Mutex<Instant>>,
}

impl Default for Previews {
    fn default() -> Previews {
        Previews {
            shown: Arc::default(),
            started: Arc::new(Mutex::new(Instant::now())),
        }
    }
}

impl Previews {
    /// Serves each preview and reloads the pages it changed.
    fn hook(
        &self,
        snapshot: Arc<tokio_watch::Sender<Snapshot>>,
        events: broadcast::Sender<ReloadEvent>,
    ) -> rebuild::PreviewHook {
        let previews = self.clone();
        Arc::new(move |files, changes| {
            snapshot.send_replace(Snapshot { files, error: None });
            let _ = events.send(built_event(changes));
            let started = *locked(&previews.started);
            say(msg!(
                "serve-previewed",
                ms = millis(started),
                changed = changes.changed.len() + changes.removed.len()
            ));
            let mut shown = locked(&previews.shown);
            shown.extend(changes.changed.iter().chain(&changes.removed).cloned());
        })
    }

    /// Starts the count for a new rebuild.
    fn start(&self) {
        *locked(&self.started) = Instant::now();
        locked(&self.shown).clear();
    }

    /// `changes` without the files a preview already served and reloaded.
    fn not_shown(&self, changes: &Changes) -> Changes {
        let shown = locked(&self.shown);
        let keep = |files: &[String]| files.iter().filter(|f| !shown.contains(f)).cloned().collect();
        Changes {
            changed: keep(&changes.changed),
            removed: keep(&changes.removed),
            rendered: changes.rendered,
        }
    }
}

/// The thread that rebuilds the site on every change the watcher reports:
/// the pages open in a browser first, served at once, then the rest, which
/// a newer change interrupts.
fn spawn_rebuilder(mut worker: RebuildWorker) {
    std::thread::spawn(move || {
        loop {
            let changed = worker.queue.take();
            worker.rebuild(&changed);
        }
    });
}

impl RebuildWorker {
    fn rebuild(&mut self, changed: &watch::Changed) {
        self.previews.start();
        let started = Instant::now();
        let open = self.open.files();
        let mut rebuilder = locked(&self.rebuilder);
        let files = match changed {
            watch::Changed::Files(files) => Some(files.as_slice()),
            watch::Changed::Anything | watch::Changed::Recheck => None,
        };
        let result = match rebuilder.rebuild_first(files, &open, &self.queue.cancel) {
            // A newer change came: its rebuild, next, finishes the job.
            Ok(None) => return,
            Ok(Some(done)) => Ok(done),
            Err(problems) => Err(problems),
        };
        // Made after the pages are served (the lock is held until then).
        if let Some(pending) = rebuilder.take_pending_search() {
            let _ = self.search.send(pending);
        }
        let unchanged = matches!(&result, Ok((c, _)) if c.changed.is_empty() && c.removed.is_empty());
        if *changed == watch::Changed::Recheck && unchanged && !self.failed {
            // The check found what the last rebuild had: nothing to report or reload.
            return;
        }
        self.failed = result.is_err();
        self.warnings.report(&result, started);
        self.snapshot
            .send_replace(snapshot_after(&rebuilder, result.as_ref().err()));
        let event = match &result {
            Ok((changes, _)) => built_event(&self.previews.not_shown(changes)),
            Err(problems) => ReloadEvent::Failed {
                message: render_problems(problems),
            },
        };
        let _ = self.events.send(event);
    }
}

/// How long the search worker waits before building, so that a burst of
/// saves makes one index. The pages were served before the rebuild ended,
/// so the browser need not be waited for; an index changed in place takes
/// a few tens of milliseconds, so the wait is short.
const SEARCH_DELAY: Duration = Duration::from_millis(2);

/// A thread that builds the search indexes rebuilds leave out of date, so that
/// the next edit never waits for one, and serves each unless a rebuild came
/// since (that rebuild sends its own).
fn spawn_search_worker(
    rebuilder: Arc<Mutex<Rebuilder>>,
    snapshot: Arc<tokio_watch::Sender<Snapshot>>,
    events: broadcast::Sender<ReloadEvent>,
) -> mpsc::Sender<PendingSearch> {
    let (tx, rx) = mpsc::channel::<PendingSearch>();
    std::thread::spawn(move || {
        while let Ok(mut pending) = rx.recv() {
            std::thread::sleep(SEARCH_DELAY);
            while let Ok(newer) = rx.try_recv() {
                pending = newer;
            }
            let started = Instant::now();
            // On every core: the index is ready in a third of the time it takes
            // on one, and a rebuild that comes meanwhile shares them with it.
            let built = pending.build();
            let mut rebuilder = locked(&rebuilder);
            if let Some(changes) = rebuilder.apply_search(built) {
                snapshot.send_replace(snapshot_after(&rebuilder, None));
                say(msg!(
                    "serve-search-updated",
                    ms = millis(started),
                    changed = changes.changed.len()
                ));
                let _ = events.send(built_event(&changes));
            }
        }
    });
    tx
}

fn snapshot_after(rebuilder: &Rebuilder, problems: Option<&Diagnostics>) -> Snapshot {
    Snapshot {
        files: rebuilder.files(),
        error: problems.map(render_problems),
    }
}

fn render_problems(problems: &Diagnostics) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// A line of jianbao's own on stdout, `jianbao: …`, in the language of the run.
fn say(message: Message) {
    println!("jianbao: {message}");
}

/// A line of jianbao's own on stderr.
fn say_err(message: Message) {
    eprintln!("jianbao: {message}");
}

/// The milliseconds since `started`.
fn millis(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The warnings the last build printed. Each rebuild prints only the ones it
/// has anew, and counts the rest: an editor who saves one article sees what
/// that save caused, not every warning of the site once more.
#[derive(Default)]
struct WarningsShown(HashSet<String>);

impl WarningsShown {
    /// Prints how a build went: its new warnings and the rebuilt line, or every problem.
    fn report(&mut self, result: &Result<(Changes, Diagnostics), Diagnostics>, started: Instant) {
        let ms = millis(started);
        match result {
            Ok((changes, warnings)) => {
                let (new, repeated) = self.take(warnings);
                for w in new {
                    eprintln!("{w}");
                }
                if repeated > 0 {
                    say_err(msg!("serve-warnings-as-before", count = repeated));
                }
                say(msg!(
                    "serve-rebuilt",
                    ms = ms,
                    rendered = changes.rendered,
                    changed = changes.changed.len(),
                    removed = changes.removed.len()
                ));
            }
            // Errors stop the build: every one is printed, every time.
            Err(problems) => {
                eprintln!("{}", render_problems(problems));
                say_err(msg!("serve-rebuild-failed", ms = ms));
            }
        }
    }

    /// The warnings of `warnings` not printed last time, in order, and how many were.
    fn take(&mut self, warnings: &Diagnostics) -> (Vec<String>, usize) {
        let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let new: Vec<String> = texts.iter().filter(|t| !self.0.contains(*t)).cloned().collect();
        let repeated = texts.len() - new.len();
        self.0 = texts.into_iter().collect();
        (new, repeated)
    }
}

/// The URL paths a rebuild changed, as the pages served know themselves.
fn built_event(changes: &Changes) -> ReloadEvent {
    let all = changes
        .changed
        .iter()
        .chain(&changes.removed)
        // Pages load stylesheets, scripts and pictures, but not the search index: search.js fetches it afresh.
        .any(|f| !f.ends_with(".html") && !f.ends_with(".xml") && !f.starts_with(crate::search::INDEX_DIR));
    let pages = changes
        .changed
        .iter()
        .chain(&changes.removed)
        .map(|f| url_path_of(f))
        .collect();
    ReloadEvent::Built { pages, all }
}

/// `2013/11/x/index.html` → `/2013/11/x/`; `404.html` → `/404.html`.
pub fn url_path_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warning of a photo item without a picture, for each of `files`.
    fn no_pictures(files: &[&str]) -> Diagnostics {
        files
            .iter()
            .map(|file| {
                crate::error::Diagnostic::warning(
                    crate::error::Area::Content,
                    *file,
                    6,
                    1,
                    msg!("content-photo-no-picture"),
                )
            })
            .collect()
    }

    #[test]
    fn a_rebuild_prints_only_the_warnings_it_has_anew() {
        let mut shown = WarningsShown::default();
        let first = no_pictures(&["content/2013/11/chang-ning.md", "content/2013/11/chong-qing.md"]);
        let (new, repeated) = shown.take(&first);
        assert_eq!((new.len(), repeated), (2, 0));

        // The editor saves 银行进社区.md, which has no picture either; 重庆路's is fixed.
        let second = no_pictures(&["content/2013/11/chang-ning.md", "content/2013/11/yin-hang.md"]);
        let (new, repeated) = shown.take(&second);
        assert_eq!(repeated, 1);
        assert_eq!(new.len(), 1);
        assert!(new[0].contains("yin-hang.md:6:1"), "{new:?}");

        // Fixed again, then broken again: it is new once more.
        let (new, repeated) = shown.take(&Diagnostics::default());
        assert_eq!((new.len(), repeated), (0, 0));
        let (new, repeated) = shown.take(&second);
        assert_eq!((new.len(), repeated), (2, 0));
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path_of("index.html"), "/");
        assert_eq!(url_path_of("2013/11/x/index.html"), "/2013/11/x/");
        assert_eq!(url_path_of("404.html"), "/404.html");
    }

    #[test]
    fn stylesheet_change_reloads_every_page() {
        let changes = Changes {
            changed: vec!["style.css".into()],
            removed: vec![],
            rendered: 0,
        };
        assert!(matches!(built_event(&changes), ReloadEvent::Built { all: true, .. }));
        let changes = Changes {
            changed: vec!["a/index.html".into()],
            removed: vec![],
            rendered: 1,
        };
        assert!(matches!(built_event(&changes), ReloadEvent::Built { all: false, .. }));
    }

    #[test]
    fn a_new_search_index_reloads_no_page() {
        let changes = Changes {
            changed: vec!["search/index/meta.json".into(), "search/index/s/3.bin".into()],
            removed: vec!["search/index/d/9.json".into()],
            rendered: 2,
        };
        assert!(matches!(built_event(&changes), ReloadEvent::Built { all: false, .. }));
    }
}
