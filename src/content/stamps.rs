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

/// How long after its last change a file's stamp can be trusted.
const SETTLE_TIME: std::time::Duration = std::time::Duration::from_secs(2);

/// The file's stamp now; `None` when it cannot be looked at, which no stamp matches.
pub(crate) fn stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok();
    let settled = modified
        .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age > SETTLE_TIME);
    Some(FileStamp {
        len: meta.len(),
        modified,
        settled,
    })
}

impl FileStamp {
    /// Whether a file with stamp `now` is, for certain, unchanged since it had `self`.
    pub(crate) fn unchanged(&self, now: &FileStamp) -> bool {
        self.settled && self.len == now.len && self.modified.is_some() && self.modified == now.modified
    }
}
