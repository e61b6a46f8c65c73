//! Watching a site's files and turning bursts of events into single rebuilds.
//!
//! An editor's save is often several events (write a temporary file, rename
//! it over the old one, change its times). After the first relevant event the
//! watcher waits until the file system has been quiet for a few milliseconds,
//! then asks for one rebuild. Quiet is measured, not assumed: a fixed delay
//! would add its whole length to every preview. An event that ends a save (a
//! site file closed after writing, renamed into place, or removed) ends the
//! wait at once: nothing of that save follows it, and should more come, a
//! rebuild under way stops for the next.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// How long the file system must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(15);
/// How long after a rebuild of named files every file is looked at again:
/// longer than an edited file's stamp takes to settle, so that the check
/// finds it unchanged rather than reading it again.
const FULL_CHECK_AFTER: Duration = Duration::from_secs(3);
/// The longest a burst may delay a rebuild.
const LONGEST_WAIT: Duration = Duration::from_millis(300);

/// Keeps the watch running; dropping it stops nothing, the thread runs until exit.
pub struct WatchHandle {
    _thread: JoinHandle<()>,
}

/// What changed in one burst of events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// These files (absolute paths), and nothing else.
    Files(Vec<PathBuf>),
    /// Unknown: events were lost, or a folder changed. Every file must be looked at.
    Anything,
    /// Nothing is known to have changed, but a rebuild was told only of named
    /// files a while ago: every file is looked at, in case an event was missed.
    Recheck,
}

impl Changed {
    pub fn add(&mut self, other: Changed) {
        match (&mut *self, other) {
            (Changed::Files(files), Changed::Files(more)) => {
                for file in more {
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            }
            (_, _) => *self = Changed::Anything,
        }
    }
}

/// Watches the site at `root` and calls `on_change` once per burst of relevant changes.
pub fn spawn(root: PathBuf, mut on_change: impl FnMut(Changed) + Send + 'static) -> Result<WatchHandle, notify::Error> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in crate::site::SOURCE_FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let thread = std::thread::spawn(move || {
        let mut watcher = watcher;
        // After a rebuild told only which files changed, every file is looked
        // at once more when things are quiet, in case an event was missed.
        let mut check_pending = false;
        loop {
            let first = if check_pending {
                match rx.recv_timeout(FULL_CHECK_AFTER) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        check_pending = false;
                        on_change(Changed::Recheck);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(event) => event,
                    Err(_) => return,
                }
            };
            let mut changed = Changed::Files(Vec::new());
            let mut ended = add_event(&root, &mut watcher, &mut changed, first);
            let burst_started = Instant::now();
            while !ended && burst_started.elapsed() < LONGEST_WAIT {
                match rx.recv_timeout(QUIET) {
                    Ok(event) => ended = add_event(&root, &mut watcher, &mut changed, event),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            // Events already queued belong to this burst.
            while let Ok(event) = rx.try_recv() {
                add_event(&root, &mut watcher, &mut changed, event);
            }
            match changed {
                Changed::Files(files) if files.is_empty() => {}
                Changed::Files(files) => {
                    check_pending = true;
                    on_change(Changed::Files(files));
                }
                Changed::Anything | Changed::Recheck => {
                    check_pending = false;
                    on_change(Changed::Anything);
                }
            }
        }
    });
    Ok(WatchHandle { _thread: thread })
}

/// Adds what `event` changed to `changed`; true when it ends a save of a site file.
fn add_event(
    root: &Path,
    watcher: &mut notify::RecommendedWatcher,
    changed: &mut Changed,
    event: notify::Result<notify::Event>,
) -> bool {
    let ends = ends_a_save(&event);
    let concerns = match &event {
        // Closing a file is an access, which `handle` skips: the write before it was the change.
        Ok(e) if ends => e.paths.iter().any(|p| is_site_file(root, p)),
        _ => false,
    };
    changed.add(handle(root, watcher, event));
    concerns
}

/// Whether `event` is the last of a save: the file closed after writing,
/// renamed into place, or removed. Creating a file is not (its bytes follow).
/// Some editors remove a file, then write it anew: the rebuild the removal
/// starts is stopped by the write's before it shows any page.
fn ends_a_save(event: &notify::Result<notify::Event>) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    matches!(
        event,
        Ok(e) if matches!(
            e.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
                | EventKind::Remove(_)
        )
    )
}

/// The site's files an event concerns; starts watching a watched folder that was just created.
fn handle(root: &Path, watcher: &mut notify::RecommendedWatcher, event: notify::Result<notify::Event>) -> Changed {
    let Ok(event) = event else {
        return Changed::Anything;
    };
    if event.need_rescan() {
        return Changed::Anything;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return Changed::Files(Vec::new());
    }
    let mut relevant = Vec::new();
    for path in &event.paths {
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let mut parts = rel.components().filter_map(|c| c.as_os_str().to_str());
        let Some(top) = parts.next() else { continue };
        if matches!(event.kind, EventKind::Create(_))
            && crate::site::SOURCE_FOLDERS.contains(&top)
            && rel.components().count() == 1
        {
            let _ = watcher.watch(path, RecursiveMode::Recursive);
        }
        if is_site_file(root, path) {
            relevant.push(path.clone());
        }
    }
    Changed::Files(relevant)
}

/// Whether `path` is a file a rebuild reads: site.yaml, or one under a
/// watched folder that is not an editor's scratch file.
fn is_site_file(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let Some(top) = rel.components().next().and_then(|c| c.as_os_str().to_str()) else {
        return false;
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    (top == crate::config::CONFIG_FILE || crate::site::SOURCE_FOLDERS.contains(&top)) && !is_editor_scratch(name)
}

/// Files editors write while saving that are not part of the site.
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || is_sed_scratch(name)
}

/// `sed -i` writes the new text to `sedXXXXXX` beside the file, then renames it over.
fn is_sed_scratch(name: &str) -> bool {
    name.len() == 9 && name.starts_with("sed") && name[3..].bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_ends_with_a_close_after_writing_a_rename_into_place_or_a_removal() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};
        let event = |kind| Ok(notify::Event::new(kind).add_path(PathBuf::from("/s/content/2013/11/a.md")));
        assert!(ends_a_save(&event(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        )))));
        assert!(ends_a_save(&event(EventKind::Modify(ModifyKind::Name(RenameMode::To)))));
        assert!(ends_a_save(&event(EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        )))));
        assert!(!ends_a_save(&event(EventKind::Create(CreateKind::File))));
        assert!(ends_a_save(&event(EventKind::Remove(RemoveKind::File))));
        assert!(!ends_a_save(&event(EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        )))));
        assert!(!ends_a_save(&event(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        )))));
    }

    #[test]
    fn site_files_are_site_yaml_and_watched_folders_without_scratch_files() {
        let root = Path::new("/s");
        assert!(is_site_file(root, Path::new("/s/site.yaml")));
        assert!(is_site_file(root, Path::new("/s/content/2013/11/周浦镇.md")));
        assert!(is_site_file(root, Path::new("/s/templates/article.html")));
        assert!(is_site_file(root, Path::new("/s/issues/12.md")));
        assert!(!is_site_file(root, Path::new("/s/content/2013/11/.周浦镇.md.swp")));
        assert!(!is_site_file(root, Path::new("/s/public/index.html")));
        assert!(!is_site_file(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn editor_scratch_files_are_ignored() {
        for name in [".a.md.swp", "a.md~", "#a.md#", "4913", ".DS_Store", "sedAb12Cd"] {
            assert!(is_editor_scratch(name), "{name}");
        }
        for name in ["a.md", "sed.md", "sedimentary", "sed河长制.md", "sedimen"] {
            assert!(!is_editor_scratch(name), "{name}");
        }
    }

    #[test]
    fn a_burst_names_each_file_once_unless_anything_may_have_changed() {
        let mut changed = Changed::Files(vec![PathBuf::from("/s/content/a.md")]);
        changed.add(Changed::Files(vec![
            PathBuf::from("/s/content/a.md"),
            PathBuf::from("/s/content/b.md"),
        ]));
        assert_eq!(
            changed,
            Changed::Files(vec![PathBuf::from("/s/content/a.md"), PathBuf::from("/s/content/b.md")])
        );
        changed.add(Changed::Anything);
        changed.add(Changed::Files(vec![PathBuf::from("/s/content/c.md")]));
        assert_eq!(changed, Changed::Anything);
    }
}
