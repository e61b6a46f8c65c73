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

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::{broadcast, watch as tokio_watch};

use crate::content::LoadOptions;
use crate::error::Diagnostics;
use crate::i18n::Message;
use crate::msg;
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
    report(&first, started);
    rebuilder.defer_search(true);
    let rebuilder = Arc::new(Mutex::new(rebuilder));
    let (snapshot_tx, snapshot_rx) = tokio_watch::channel(snapshot);
    let snapshot_tx = Arc::new(snapshot_tx);
    let (events_tx, _) = broadcast::channel(64);
    let search = spawn_search_worker(Arc::clone(&rebuilder), Arc::clone(&snapshot_tx), events_tx.clone());

    let _watcher = watch::spawn(options.root.clone(), {
        let events = events_tx.clone();
        let rebuilder = Arc::clone(&rebuilder);
        let mut failed = first.is_err();
        move |changed| {
            let started = Instant::now();
            let mut rebuilder = lock(&rebuilder);
            let result = match &changed {
                watch::Changed::Files(files) => rebuilder.rebuild_changed(files),
                watch::Changed::Anything | watch::Changed::Recheck => rebuilder.rebuild(),
            };
            // Made after the pages are served (the lock is held until then).
            if let Some(pending) = rebuilder.take_pending_search() {
                let _ = search.send(pending);
            }
            let unchanged = matches!(&result, Ok((c, _)) if c.changed.is_empty() && c.removed.is_empty());
            if changed == watch::Changed::Recheck && unchanged && !failed {
                // The check found what the last rebuild had: nothing to report or reload.
                return;
            }
            failed = result.is_err();
            report(&result, started);
            snapshot_tx.send_replace(snapshot_after(&rebuilder, result.as_ref().err()));
            let event = match &result {
                Ok((changes, _)) => built_event(changes),
                Err(problems) => ReloadEvent::Failed {
                    message: render_problems(problems),
                },
            };
            let _ = events.send(event);
        }
    })?;

    say(msg!("serve-serving", root = options.root.display(), url = url.as_str()));
    if options.open
        && let Err(e) = opener::open(&url)
    {
        say_err(msg!("serve-cannot-open-browser", error = e.to_string()));
    }
    let app = http::router(http::AppState {
        snapshot: snapshot_rx,
        events: events_tx,
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

/// How long the search worker waits before building: the browser reloads the
/// edited page meanwhile, and a burst of saves makes one index.
const SEARCH_DELAY: Duration = Duration::from_millis(50);

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
            // On this thread alone: on every core it would hold up the rebuild of the next edit.
            let built = pending.build_on_this_thread();
            let mut rebuilder = lock(&rebuilder);
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

/// The rebuilder, even if a thread panicked while holding it: its state is
/// replaced whole by each rebuild, never left half-changed.
fn lock(rebuilder: &Mutex<Rebuilder>) -> std::sync::MutexGuard<'_, Rebuilder> {
    rebuilder.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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

fn report(result: &Result<(Changes, Diagnostics), Diagnostics>, started: Instant) {
    let ms = millis(started);
    match result {
        Ok((changes, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            say(msg!(
                "serve-rebuilt",
                ms = ms,
                rendered = changes.rendered,
                changed = changes.changed.len(),
                removed = changes.removed.len()
            ));
        }
        Err(problems) => {
            eprintln!("{}", render_problems(problems));
            say_err(msg!("serve-rebuild-failed", ms = ms));
        }
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
