//! Telling a changed file from an unchanged one without reading it, by its
//! length and modification time: for the article files, pictures and
//! attachments a rebuild may not need to read again.

use std::path::Path;

/// What tells a changed file from an unchanged one without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub(crate) len: u64,
    pub(crate) modified: Option<std::time::SystemTime>,
    /// Whether the file was last modified well before it was read. File times
    /// are coarse (a few milliseconds on Linux), so a file rewritten twice in one
    /// tick with the same length keeps its stamp; only a settled stamp is trusted.
    pub(crate) settled: bool,
}

/// How long after its last change a file's stamp can be trusted: by the
/// article cache here, and by the build record across runs.
pub(crate) const SETTLE_TIME: std::time::Duration = std::time::Duration::from_secs(2);

/// The file's stamp now; `None` when it cannot be looked at, which no stamp matches.
pub(crate) fn stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(file_stamp(&meta))
}

/// The file's stamp now, and its [`SourceStamp`] from the same look: an
/// article's, which the build record keeps too.
pub(crate) fn stamps(path: &Path) -> Option<(FileStamp, Option<SourceStamp>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((file_stamp(&meta), SourceStamp::of_metadata(&meta)))
}

fn file_stamp(meta: &std::fs::Metadata) -> FileStamp {
    let modified = meta.modified().ok();
    let settled = modified
        .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age > SETTLE_TIME);
    FileStamp {
        len: meta.len(),
        modified,
        settled,
    }
}

/// A file's [`SourceStamp`] with its path in the site's folder, `/` between names.
pub(crate) type StampedPath = (String, SourceStamp);

/// `path`'s names with `/` between them, as a [`StampedPath`] names a file.
pub(crate) fn names_joined(path: &Path) -> String {
    let names: Vec<std::borrow::Cow<'_, str>> = path.iter().map(|n| n.to_string_lossy()).collect();
    names.join("/")
}

/// What tells a changed source file from an unchanged one, as the build
/// record keeps it (see `build::record`): finer than [`FileStamp`], since a
/// record is trusted across runs, and whatever tool wrote the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceStamp {
    len: u64,
    /// Nanoseconds since 1970 of the last change to the file's bytes.
    modified: u64,
    /// Of the last change to the file or its metadata: moves when a tool
    /// puts an old modification time back on a new file.
    changed: u64,
    /// The file's number on its file system: moves when a file is replaced.
    file: u64,
}

impl SourceStamp {
    /// The stamp of the file at `path` now; `None` when it cannot be taken.
    pub(crate) fn of(path: &Path) -> Option<SourceStamp> {
        SourceStamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    fn of_metadata(meta: &std::fs::Metadata) -> Option<SourceStamp> {
        let since_1970 =
            |secs: i64, nanos: i64| u64::try_from(i128::from(secs) * 1_000_000_000 + i128::from(nanos)).ok();
        #[cfg(unix)]
        let stamp = {
            use std::os::unix::fs::MetadataExt;
            SourceStamp {
                len: meta.len(),
                modified: since_1970(meta.mtime(), meta.mtime_nsec())?,
                changed: since_1970(meta.ctime(), meta.ctime_nsec())?,
                file: meta.ino(),
            }
        };
        #[cfg(not(unix))]
        let stamp = {
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::SystemTime::UNIX_EPOCH)
                .ok()?;
            let modified = since_1970(
                i64::try_from(modified.as_secs()).ok()?,
                i64::from(modified.subsec_nanos()),
            )?;
            SourceStamp {
                len: meta.len(),
                modified,
                changed: modified,
                file: 0,
            }
        };
        Some(stamp)
    }

    /// Whether the file was last changed at or before `nanos` since 1970.
    pub(crate) fn modified_by(&self, nanos: u64) -> bool {
        self.modified <= nanos
    }
}

impl FileStamp {
    /// Whether a file with stamp `now` is, for certain, unchanged since it had `self`.
    pub(crate) fn unchanged(&self, now: &FileStamp) -> bool {
        self.settled && self.len == now.len && self.modified.is_some() && self.modified == now.modified
    }
}
