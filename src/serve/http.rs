//! Serving the in-memory site over HTTP, and the reload events.
//!
//! Only files of the last good build are served: a request path is decoded
//! and looked up in that build's map of files, so no request can reach the
//! disk, whatever `..` or symbolic links it names. HTML pages get the reload
//! script just before `</body>`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{ReloadEvent, Snapshot};
use crate::msg;

/// The path reload events are streamed on; no site file can have it.
pub const EVENTS_PATH: &str = "/__jianbao/events";

const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub snapshot: watch::Receiver<Snapshot>,
    pub events: broadcast::Sender<ReloadEvent>,
    /// The pages open in a browser, which a rebuild makes first.
    pub open: OpenPages,
}

/// The pages open in a browser now, by output file, each with how many
/// tabs show it. A page counts from when its reload script connects to
/// the event stream until the stream closes (the tab closed or moved on).
#[derive(Clone, Debug, Default)]
pub struct OpenPages(Arc<Mutex<HashMap<String, usize>>>);

impl OpenPages {
    /// Counts `file` as open until the returned guard is dropped.
    pub fn open(&self, file: String) -> OpenPage {
        *self.lock().entry(file.clone()).or_default() += 1;
        OpenPage {
            pages: self.clone(),
            file,
        }
    }

    /// The files open now, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = self.lock().keys().cloned().collect();
        files.sort();
        files
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
        // A count is never left half-changed: a panic elsewhere leaves it usable.
        crate::par::locked(&self.0)
    }
}

/// One tab's page, counted open while this lives.
#[derive(Debug)]
pub struct OpenPage {
    pages: OpenPages,
    file: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut pages = self.pages.lock();
        if let Some(count) = pages.get_mut(&self.file) {
            *count -= 1;
            if *count == 0 {
                pages.remove(&self.file);
            }
        }
    }
}

/// The routes: reload events, and every other path from the site.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(site_file))
        .with_state(state)
}

async fn site_file(State(state): State<AppState>, uri: Uri) -> Response {
    let snapshot = state.snapshot.borrow().clone();
    match resolve(&snapshot, uri.path()) {
        Lookup::File(file) => respond(&snapshot, &file, StatusCode::OK),
        Lookup::Redirect(location) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Lookup::NotFound => respond(&snapshot, "404.html", StatusCode::NOT_FOUND),
    }
}

/// Where a request path leads in the built site.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    File(String),
    Redirect(String),
    NotFound,
}

fn resolve(snapshot: &Snapshot, path: &str) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Lookup::NotFound;
    };
    let Some(file) = file_of(&decoded) else {
        return Lookup::NotFound;
    };
    let rel = &decoded[1..];
    if snapshot.files.contains_key(&file) {
        return Lookup::File(file);
    }
    if !rel.is_empty() && !rel.ends_with('/') && snapshot.files.contains_key(&format!("{rel}/index.html")) {
        return Lookup::Redirect(format!("{path}/"));
    }
    Lookup::NotFound
}

/// The output file a decoded URL path names: `/2013/11/x/` →
/// `2013/11/x/index.html`. `None` for a path no file can have.
fn file_of(decoded: &str) -> Option<String> {
    let rel = decoded.strip_prefix('/')?;
    // Lookups are in a map of built files, so `..` could not escape anyway; refusing it
    // keeps `/a/../b` from being a second name for `/b`.
    if rel.split('/').any(|s| s == ".." || s == ".") || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

fn respond(snapshot: &Snapshot, file: &str, status: StatusCode) -> Response {
    let Some(built) = snapshot.files.get(file) else {
        return (status, msg!("serve-not-found").to_string()).into_response();
    };
    let content_type = content_type(file);
    let body = if file.ends_with(".html") {
        Body::from(with_reload_script(&built.bytes))
    } else {
        Body::from(built.bytes.as_ref().clone())
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The content type of a site file, with UTF-8 named for text.
pub fn content_type(file: &str) -> String {
    if file.ends_with("atom.xml") {
        return "application/atom+xml; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "xml" | "javascript" | "json")
        || mime.suffix().is_some_and(|s| s == "xml");
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// The page with the reload script added before its closing `</body>`.
fn with_reload_script(html: &[u8]) -> Vec<u8> {
    // The script's own words, in the language of the run.
    let words = serde_json::json!({
        "copy": msg!("serve-copy-wechat").to_string(),
        "copied": msg!("serve-copied-wechat").to_string(),
        "copyFailed": msg!("serve-copy-wechat-failed").to_string(),
    });
    let script = format!("<script>const jianbaoWords = {words};\n{RELOAD_SCRIPT}</script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The query of the event stream: the page the reload script runs on.
#[derive(serde::Deserialize)]
struct EventsQuery {
    /// Its decoded URL path, `/2013/11/x/`.
    page: Option<String>,
}

async fn events(
    State(state): State<AppState>,
    Query(query): Query<EventsQuery>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    // Counted open for as long as the stream, which owns the guard, lives.
    let open = query
        .page
        .as_deref()
        .and_then(file_of)
        .map(|file| state.open.open(file));
    // A page that connects while the site is broken shows the error at once.
    let current = state
        .snapshot
        .borrow()
        .error
        .clone()
        .map(|message| ReloadEvent::Failed { message });
    let initial = tokio_stream::iter(current.map(|e| Ok(to_sse(&e))));
    let updates = BroadcastStream::new(state.events.subscribe()).map(move |event| {
        let _open = &open;
        Ok(match event {
            Ok(event) => to_sse(&event),
            // Missed events: the safe answer is to reload.
            Err(_) => to_sse(&ReloadEvent::Built {
                pages: Vec::new(),
                all: true,
            }),
        })
    });
    Sse::new(initial.chain(updates)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn to_sse(event: &ReloadEvent) -> Event {
    let (name, data) = event_data(event);
    Event::default().event(name).data(data)
}

/// The name and JSON data of an event. A failure carries the overlay's
/// title with the problems, both in the language of the run.
fn event_data(event: &ReloadEvent) -> (&'static str, String) {
    match event {
        ReloadEvent::Built { pages, all } => ("built", serde_json::json!({ "pages": pages, "all": all }).to_string()),
        ReloadEvent::Failed { message } => (
            "failed",
            serde_json::json!({ "title": msg!("serve-overlay-title").to_string(), "message": message }).to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::rebuild::BuiltFile;
    use std::sync::Arc;

    fn snapshot(files: &[&str]) -> Snapshot {
        let files = files
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    BuiltFile {
                        fingerprint: 0,
                        bytes: Arc::new(b"x".to_vec()),
                    },
                )
            })
            .collect();
        Snapshot {
            files: Arc::new(files),
            error: None,
        }
    }

    #[test]
    fn resolves_directories_and_redirects() {
        let s = snapshot(&["index.html", "2013/11/a/index.html", "style.css", "tags/%E6/index.html"]);
        assert_eq!(resolve(&s, "/"), Lookup::File("index.html".into()));
        assert_eq!(resolve(&s, "/2013/11/a/"), Lookup::File("2013/11/a/index.html".into()));
        assert_eq!(resolve(&s, "/2013/11/a"), Lookup::Redirect("/2013/11/a/".into()));
        assert_eq!(resolve(&s, "/style.css"), Lookup::File("style.css".into()));
        assert_eq!(resolve(&s, "/nope"), Lookup::NotFound);
    }

    #[test]
    fn refuses_traversal_encoded_or_not() {
        let s = snapshot(&["index.html", "style.css"]);
        for path in [
            "/../style.css",
            "/a/../style.css",
            "/%2e%2e/style.css",
            "/..%2fstyle.css",
            "/%2E%2E%2Fetc/passwd",
            "/a\\..\\b",
        ] {
            assert_eq!(resolve(&s, path), Lookup::NotFound, "{path}");
        }
    }

    #[test]
    fn content_types_name_utf8_for_text() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(with_reload_script(b"<p>x</p></BODY></html>")).unwrap();
        assert!(
            out.starts_with("<p>x</p><script>") && out.ends_with("</script>\n</BODY></html>"),
            "{out}"
        );
    }

    #[test]
    fn a_failure_event_carries_the_overlay_title() {
        let (name, data) = event_data(&ReloadEvent::Failed {
            message: "content/a.md:4:11: error: unknown district 火星".into(),
        });
        assert_eq!(name, "failed");
        let data: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(
            data["title"],
            "jianbao: build failed — the last good pages are shown; fix the file and save"
        );
        assert_eq!(data["message"], "content/a.md:4:11: error: unknown district 火星");
    }

    #[test]
    fn the_overlay_and_terminal_speak_chinese() {
        use crate::i18n::Lang;
        assert_eq!(
            msg!("serve-overlay-title").render(Lang::Zh),
            "jianbao：构建失败，现在显示的仍是上次成功生成的页面；改好文件、保存即可"
        );
        assert_eq!(
            msg!("serve-rebuild-failed", ms = 12).render(Lang::Zh),
            "重新生成失败（用时 12 毫秒）；预览仍显示上次成功生成的页面"
        );
        assert_eq!(
            msg!("serve-rebuild-failed", ms = 12).render(Lang::En),
            "rebuild failed in 12 ms; still serving the last good pages"
        );
        assert_eq!(
            msg!("serve-rebuilt", ms = 40, rendered = 3, changed = 1, removed = 0).render(Lang::En),
            "rebuilt in 40 ms: 3 pages rendered, 1 file changed, 0 removed"
        );
        assert_eq!(
            msg!("serve-rebuilt", ms = 40, rendered = 3, changed = 1, removed = 0).render(Lang::Zh),
            "已重新生成，用时 40 毫秒：生成 3 个页面，改动 1 个文件，删除 0 个"
        );
    }
}
