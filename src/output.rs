//! Writing the built site, all or nothing.
//!
//! Pages are written into a staging folder beside the output folder (the same
//! file system, so that renaming is atomic). Only when every page has been
//! written is the staging folder swapped in for the old output; a build that
//! fails, or is stopped, leaves the previous output exactly as it was. This is
//! the only module that writes files.
//!
//! A [`Manifest`] beside the output records what each file was made from, so
//! that the next build can hard-link unchanged files from the old output into
//! the staging folder instead of rendering them again, and can leave the
//! output alone altogether when nothing changed. Files in the output that no
//! build wrote (a CNAME, `.well-known/`) are carried over.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::{Area, Diagnostic, io_error};
use crate::i18n::Message;
use crate::msg;

/// Files of the site at least this large (an article's video, a scanned
/// PDF) are hard-linked into the output rather than copied, where the file
/// system allows: a site's large files need not take twice their space, nor
/// be read and written on every build. Smaller files are copied, so that most
/// of the output stays independent of the site's folder.
pub const LINK_AT_LEAST: u64 = 1024 * 1024;

/// A folder the next version of the site is written into.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    /// The staging folder, open, where the system can make files relative to
    /// a folder: see [`at_folder`].
    #[cfg(unix)]
    open_dir: Option<std::os::fd::OwnedFd>,
    committed: bool,
}

impl Staging {
    /// Starts a staging folder for `output`, clearing any left by a build that was stopped.
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| {
                Diagnostic::error(Area::Io, output, 0, 0, msg!("output-needs-name"))
                    .with_hint(msg!("output-needs-name-hint"))
            })?
            .to_string();
        let parent = parent_of(output);
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, msg!("output-io-create-parent"), &e))?;
        remove_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, msg!("output-io-clear-staging"), &e))?;
        }
        fs::create_dir(&dir).map_err(|e| io_error(&dir, msg!("output-io-create-staging"), &e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            // Should the folder not open, files are made by their whole paths.
            #[cfg(unix)]
            open_dir: fs::File::open(&dir).ok().map(std::os::fd::OwnedFd::from),
            dir,
            committed: false,
        })
    }

    /// The folder pages are being written into.
    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `file`, a relative path inside the output.
    pub fn write(&self, file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let inside =
            safe_relative(file).ok_or_else(|| Diagnostic::error(Area::Io, file, 0, 0, msg!("output-write-outside")))?;
        #[cfg(unix)]
        if let Some(dir) = &self.open_dir {
            return at_folder::write(dir, &inside, bytes)
                .map_err(|e| io_error(&self.output.join(file), msg!("io-write"), &e));
        }
        let target = self.dir.join(inside);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
        }
        fs::write(&target, bytes).map_err(|e| io_error(&self.output.join(file), msg!("io-write"), &e))
    }

    /// Publishes the site's own file at `from` (an article's attachment) as
    /// `file`, a relative path inside the output: hard-linked when it is large
    /// ([`LINK_AT_LEAST`]) and the output is on the same file system, else
    /// copied. Returns its size.
    pub fn publish_file(&self, file: &str, from: &Path) -> Result<u64, Diagnostic> {
        let target = safe_join(&self.dir, file)
            .ok_or_else(|| Diagnostic::error(Area::Io, file, 0, 0, msg!("output-write-outside")))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
        }
        let size = fs::metadata(from)
            .map_err(|e| io_error(from, msg!("io-read"), &e))?
            .len();
        if size >= LINK_AT_LEAST && fs::hard_link(from, &target).is_ok() {
            return Ok(size);
        }
        fs::copy(from, &target).map_err(|e| io_error(from, msg!("io-copy"), &e))
    }

    /// Puts the old output's `file` into the staging folder unchanged: a hard
    /// link where the file system allows one, else a copy.
    pub fn keep(&self, file: &str) -> Result<(), Diagnostic> {
        let (Some(from), Some(to)) = (safe_join(&self.output, file), safe_join(&self.dir, file)) else {
            return Err(Diagnostic::error(Area::Io, file, 0, 0, msg!("output-copy-outside")));
        };
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
        }
        if fs::hard_link(&from, &to).is_ok() {
            return Ok(());
        }
        fs::copy(&from, &to)
            .map(drop)
            .map_err(|e| io_error(&from, msg!("io-copy"), &e))
    }

    /// Carries over every file of the old output that no build of this site
    /// wrote: those not in `owned` (the old manifest's files) and not `produced`
    /// by this build. Without a manifest, every file not produced is kept, since
    /// nothing says it was ours to remove.
    pub fn carry_over_unowned(&self, owned: Option<&Manifest>, produced: &HashSet<&str>) -> Result<usize, Diagnostic> {
        if !self.output.is_dir() {
            return Ok(0);
        }
        let mut kept = 0;
        for entry in walkdir::WalkDir::new(&self.output)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&self.output).to_path_buf();
                io_error(&path, msg!("io-read"), &io::Error::from(e))
            })?;
            if entry.file_type().is_dir() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&self.output) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let ours = owned.is_some_and(|m| m.files.contains_key(&rel));
            if ours || produced.contains(rel.as_str()) {
                continue;
            }
            let target = safe_join(&self.dir, &rel)
                .ok_or_else(|| Diagnostic::error(Area::Io, &rel, 0, 0, msg!("output-unsafe-path")))?;
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
            }
            if entry.file_type().is_symlink() {
                let link =
                    fs::read_link(entry.path()).map_err(|e| io_error(entry.path(), msg!("output-io-read-link"), &e))?;
                std::os::unix::fs::symlink(link, &target)
                    .map_err(|e| io_error(&target, msg!("output-io-keep-link"), &e))?;
            } else if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target).map_err(|e| io_error(entry.path(), msg!("io-copy"), &e))?;
            }
            kept += 1;
        }
        Ok(kept)
    }

    /// Replaces the output folder with the staged one; the staging folder is
    /// then the output, and writing into it again is an error.
    pub fn commit(&mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.output.file_name().and_then(|n| n.to_str()).unwrap_or("output"),
            std::process::id()
        ));
        let had_output = match fs::symlink_metadata(&self.output) {
            Ok(meta) if meta.is_dir() => true,
            Ok(_) => {
                let d = Diagnostic::error(Area::Io, &self.output, 0, 0, msg!("output-not-a-folder"))
                    .with_hint(msg!("output-not-a-folder-hint"));
                return Err(d);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(io_error(&self.output, msg!("output-io-inspect-output"), &e)),
        };
        if had_output {
            fs::rename(&self.output, &old)
                .map_err(|e| io_error(&self.output, msg!("output-io-move-old-output"), &e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            // Put the old site back, so that a failure here still leaves it published.
            if had_output {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(io_error(&self.output, msg!("output-io-move-new-output"), &e));
        }
        self.committed = true;
        if had_output {
            // The new site is in place; an old copy that cannot be removed is only clutter.
            remove_in_parallel(&old);
        }
        Ok(())
    }
}

/// Removes the folder `dir` and everything in it, its top-level entries side
/// by side: an old output is tens of thousands of files, and removing them
/// is most of what a build that changed a few pages waits for.
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let Ok(entries) = fs::read_dir(dir) else { return };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| {
        let _ = match entry.file_type() {
            Ok(kind) if kind.is_dir() => fs::remove_dir_all(entry.path()),
            _ => fs::remove_file(entry.path()),
        };
    });
    let _ = fs::remove_dir_all(dir);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes staging and old folders left by builds of `name` that were stopped
/// before they could clean up; their process is gone, or they are ours.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let Some(pid) = prefixes.iter().find_map(|p| file_name.strip_prefix(p.as_str())) else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|pid| pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// What each file of an output was made from: a fingerprint of its inputs and
/// its size, to notice a file changed behind the build's back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: HashMap<String, ManifestEntry>,
}

/// One file of a [`Manifest`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ManifestEntry {
    pub fingerprint: u64,
    pub size: u64,
}

/// The first line of a manifest: its format, and the jianbao that wrote it.
fn manifest_header() -> String {
    format!("jianbao-manifest 1 {}", env!("JIANBAO_SOURCE_ID"))
}

/// Where the manifest of `output` lives: beside it, so it is never published.
pub fn manifest_path(output: &Path) -> PathBuf {
    beside_output(output, "manifest")
}

/// The file `.NAME.jianbao-WHAT` beside the output folder NAME: never published.
fn beside_output(output: &Path, what: &str) -> PathBuf {
    let name = output.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    parent_of(output).join(format!(".{name}.jianbao-{what}"))
}

impl Manifest {
    /// The manifest of `output`, if it exists and this jianbao wrote it; an
    /// unreadable or foreign one counts as none, which only costs a full render.
    pub fn load(output: &Path) -> Option<Manifest> {
        if !output.is_dir() {
            return None;
        }
        Manifest::parse(&fs::read_to_string(manifest_path(output)).ok()?)
    }

    /// The manifest a manifest file's text describes, if this jianbao wrote it.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != manifest_header() {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            files.insert(parts.next()?.to_string(), ManifestEntry { fingerprint, size });
        }
        Some(Manifest { files })
    }

    /// Whether `output` still holds `file` as this manifest recorded it.
    pub fn unchanged_on_disk(&self, output: &Path, file: &str, fingerprint: u64) -> bool {
        let Some(entry) = self.files.get(file) else {
            return false;
        };
        entry.fingerprint == fingerprint && on_disk(output, file, entry)
    }

    /// Whether `output` still holds every file of this manifest, with the size
    /// it recorded: nothing was deleted or rewritten behind the build's back.
    pub fn intact(&self, output: &Path) -> bool {
        use rayon::prelude::*;
        output.is_dir() && self.files.par_iter().all(|(file, entry)| on_disk(output, file, entry))
    }

    /// The manifest as [`Manifest::save_text`] writes it, files sorted by name.
    pub fn text(&self) -> String {
        use rayon::slice::ParallelSliceMut;
        use std::fmt::Write;
        let mut files: Vec<(&String, &ManifestEntry)> = self.files.iter().collect();
        files.par_sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let mut text = manifest_header();
        text.push('\n');
        // A line is 16 hex digits, a size and a path of some 30 bytes.
        text.reserve(files.len() * 64);
        for (name, e) in files {
            // Writing into a String cannot fail.
            let _ = writeln!(text, "{:016x} {} {name}", e.fingerprint, e.size);
        }
        text
    }

    /// Saves `text`, made by [`Manifest::text`], as the manifest of `output`, atomically.
    pub fn save_text(output: &Path, text: &str) -> Result<(), Diagnostic> {
        write_atomically(&manifest_path(output), text.as_bytes(), || {
            msg!("output-io-write-manifest")
        })
    }
}

/// Whether `output` holds `file` as a plain file of the size `entry` recorded.
fn on_disk(output: &Path, file: &str, entry: &ManifestEntry) -> bool {
    safe_join(output, file)
        .and_then(|p| fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.is_file() && m.len() == entry.size)
}

/// Files made relative to an open folder, as `cp -r` makes its copies: the
/// system looks up only the names below that folder, where a whole path has
/// it walk every folder above the output again, for each of thousands of
/// files. The standard library has no such calls; rustix wraps the system's.
#[cfg(unix)]
mod at_folder {
    use std::io::{self, Write};
    use std::os::fd::OwnedFd;
    use std::path::Path;

    use rustix::fs::{Mode, OFlags};
    use rustix::io::Errno;

    /// Writes `bytes` to `file`, a path inside `dir`, making the folders it is in.
    pub(super) fn write(dir: &OwnedFd, file: &Path, bytes: &[u8]) -> io::Result<()> {
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            make_folders(dir, parent)?;
        }
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let made = rustix::fs::openat(dir, file, flags, Mode::from_raw_mode(0o666))?;
        std::fs::File::from(made).write_all(bytes)
    }

    /// Makes `folder`, a path inside `dir`, and the folders it is in, as
    /// `create_dir_all` does.
    fn make_folders(dir: &OwnedFd, folder: &Path) -> io::Result<()> {
        let make = || rustix::fs::mkdirat(dir, folder, Mode::from_raw_mode(0o777));
        match make() {
            // Taken by a file, the file written into it fails, and says so.
            Ok(()) | Err(Errno::EXIST) => Ok(()),
            Err(Errno::NOENT) => {
                if let Some(parent) = folder.parent().filter(|p| !p.as_os_str().is_empty()) {
                    make_folders(dir, parent)?;
                }
                match make() {
                    // Another thread may have made it meanwhile.
                    Ok(()) | Err(Errno::EXIST) => Ok(()),
                    Err(e) => Err(e.into()),
                }
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Writes `bytes` to `path` all at once: into a file beside it, then renamed
/// over it, so that a reader finds the old file or the new one, never half.
fn write_atomically(path: &Path, bytes: &[u8], action: impl Fn() -> Message) -> Result<(), Diagnostic> {
    let mut temp = path.as_os_str().to_os_string();
    temp.push(format!(".tmp-{}", std::process::id()));
    let temp = PathBuf::from(temp);
    fs::write(&temp, bytes).map_err(|e| io_error(&temp, action(), &e))?;
    fs::rename(&temp, path).map_err(|e| io_error(path, action(), &e))
}

/// Where the record of the last build into `output` lives: beside it, as the
/// manifest does (see `build::record`).
pub fn build_record_path(output: &Path) -> PathBuf {
    beside_output(output, "build")
}

/// Writes the record of the build just made into `output`, atomically.
pub fn save_build_record(output: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_atomically(&build_record_path(output), bytes, || msg!("output-io-write-record"))
}

/// Removes the record of the last build into `output`, before a build that
/// changes the output: were that build stopped halfway, the record would
/// otherwise vouch for an output it no longer describes.
pub fn forget_build_record(output: &Path) -> Result<(), Diagnostic> {
    let path = build_record_path(output);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&path, msg!("output-io-remove-record"), &e)),
        _ => Ok(()),
    }
}

/// Where a build records the address of every term it published, for the next
/// build and `check` to notice one that moves (see [`crate::taxonomy::PublishedTerms`]).
pub const PUBLISHED_TERMS: &str = cache_folder!("terms.tsv");

/// Records the published terms of the site at `root`, atomically. A record
/// that already says `text` is left alone, so that its time tells when the
/// terms last changed (the build record counts it among a build's sources).
pub fn save_published_terms(root: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(PUBLISHED_TERMS);
    if fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    let dir = parent_of(&path);
    fs::create_dir_all(&dir).map_err(|e| io_error(&dir, msg!("output-io-create-cache"), &e))?;
    write_atomically(&path, text.as_bytes(), || msg!("output-io-record-terms"))
}

/// The site's own folders, which the output folder must be none of, nor inside.
fn site_folders() -> [(&'static str, Message); 4] {
    [
        ("content", msg!("output-folder-content")),
        ("static", msg!("output-folder-static")),
        ("templates", msg!("output-folder-templates")),
        ("themes", msg!("output-folder-themes")),
    ]
}

/// Refuses an output folder that would take the place of the site's own files:
/// the site's folder, a folder holding it, its content/, static/, templates/ or
/// themes/ folder, or a folder inside one of those. A build swaps its output
/// folder in whole, and whatever it wrote there would be read back as articles,
/// templates or static files by the next build.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let site = resolve(root);
    let out = resolve(output);
    let refuse = |why: Message| {
        Err(Diagnostic::error(
            Area::Config,
            output,
            0,
            0,
            msg!("output-refused", output = output.display(), why = why),
        )
        .with_hint(msg!("output-refused-hint")))
    };
    if out == site {
        return refuse(msg!("output-refused-site"));
    }
    if site.starts_with(&out) {
        return refuse(msg!("output-refused-holds-site"));
    }
    for (folder, what) in site_folders() {
        let inside = site.join(folder);
        if out == inside {
            return refuse(msg!("output-refused-folder", folder = folder, what = what));
        }
        if out.starts_with(&inside) {
            return refuse(msg!("output-refused-inside", folder = folder, what = what));
        }
    }
    Ok(())
}

/// `path` made absolute, with `.` and `..` worked out, and symbolic links
/// followed as far as the path exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return normal,
        }
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    out.extend(missing.iter().rev());
    out
}

/// `base/rel` when `rel` is a plain relative path that cannot leave `base`.
pub fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    safe_relative(rel).map(|inside| base.join(inside))
}

/// `rel` as a path that stays inside the folder it is taken in: its `.`
/// names left out; `None` for one that leaves it (`..`, an absolute path) or
/// names nothing.
fn safe_relative(rel: &str) -> Option<PathBuf> {
    let mut inside = PathBuf::new();
    for component in Path::new(rel).components() {
        match component {
            Component::Normal(part) => inside.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!inside.as_os_str().is_empty()).then_some(inside)
}

/// A fingerprint of a file's bytes, to tell whether it changed since the
/// last build. Kept in the build manifest on this machine only, never in a
/// published name, so the standard library's hasher is enough.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_makes_the_folders_of_the_files_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        staging
            .write("2013/11/a000001/index.html", "闵行区".as_bytes())
            .unwrap();
        staging.write("2013/11/a000002/index.html", b"b").unwrap();
        staging.write("./robots.txt", b"r").unwrap();
        staging
            .write("2013/11/a000001/index.html", "虹桥镇".as_bytes())
            .unwrap();
        let read = |file: &str| fs::read_to_string(staging.dir().join(file)).unwrap();
        assert_eq!(read("2013/11/a000001/index.html"), "虹桥镇");
        assert_eq!(read("2013/11/a000002/index.html"), "b");
        assert_eq!(read("robots.txt"), "r");
        // A file where a folder must be: an error naming the file, not a panic.
        let taken = staging.write("robots.txt/index.html", b"x").unwrap_err();
        assert!(taken.path.ends_with("robots.txt/index.html"), "{taken:?}");
        assert!(staging.write("../outside.html", b"x").is_err());
    }

    #[test]
    fn safe_join_refuses_escapes() {
        let base = Path::new("/out");
        assert_eq!(safe_join(base, "a/b.html"), Some(PathBuf::from("/out/a/b.html")));
        assert_eq!(safe_join(base, "../x"), None);
        assert_eq!(safe_join(base, "/etc/passwd"), None);
        assert_eq!(safe_join(base, "a/../../x"), None);
        assert_eq!(safe_join(base, ""), None);
    }

    #[test]
    fn an_output_folder_in_the_sites_own_folders_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("minhang");
        fs::create_dir_all(site.join("content/2013/11")).unwrap();
        fs::create_dir_all(site.join("themes/default/static")).unwrap();
        let refused = |output: &str| {
            check_output_folder(&site, &site.join(output))
                .err()
                .map(|d| d.message.to_string().split(": ").nth(1).unwrap_or_default().to_string())
        };
        assert_eq!(refused("public"), None);
        assert_eq!(refused("../public"), None);
        assert_eq!(
            refused("public/content"),
            None,
            "a folder named content in the output is fine"
        );
        for (output, why) in [
            (".", "it is the site's own folder"),
            ("content/../", "it is the site's own folder"),
            ("..", "it holds the site"),
            ("content", "it is the site's content/ folder"),
            ("content/2013/11/out", "it is inside the site's content/ folder"),
            ("static", "it is the site's static/ folder"),
            ("templates/public", "it is inside the site's templates/ folder"),
            ("themes/default/static", "it is inside the site's themes/ folder"),
        ] {
            let got = refused(output).unwrap_or_else(|| panic!("{output} was allowed"));
            assert!(got.starts_with(why), "{output}: {got}");
        }
        let d = check_output_folder(&site, &site.join("content")).unwrap_err();
        assert_eq!(d.area, Area::Config, "a usage problem: exit code 2");
        let shown = d.render(crate::i18n::Lang::Zh);
        let output = site.join("content");
        assert_eq!(
            shown,
            format!(
                "{0}: 错误：不能输出到 {0}：这是站点的 content/ 文件夹（存放文章）\n  \
                 提示：输出到一个单独的文件夹，例如 --output public（默认就是它）",
                output.display()
            )
        );
        let d = check_output_folder(&site, &site.join("..")).unwrap_err();
        assert!(
            d.message
                .render(crate::i18n::Lang::Zh)
                .ends_with("：站点就在这个文件夹里，而每次构建都会把输出文件夹整个换掉"),
            "{d}"
        );
    }

    #[test]
    fn a_link_to_the_sites_folder_is_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        std::os::unix::fs::symlink(site.join("content"), dir.path().join("articles")).unwrap();
        assert!(check_output_folder(&site, &dir.path().join("articles/out")).is_err());
    }

    #[test]
    fn large_files_are_linked_and_small_ones_copied() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let video = dir.path().join("xianchang.mp4");
        let form = dir.path().join("报名表.xlsx");
        fs::write(&video, vec![7u8; LINK_AT_LEAST as usize]).unwrap();
        fs::write(&form, b"PK form").unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        assert_eq!(
            staging.publish_file("2013/11/tongzhi/xianchang.mp4", &video).unwrap(),
            LINK_AT_LEAST
        );
        assert_eq!(staging.publish_file("2013/11/tongzhi/报名表.xlsx", &form).unwrap(), 7);
        let inode = |p: &Path| fs::metadata(p).unwrap().ino();
        let staged = staging.dir().join("2013/11/tongzhi");
        assert_eq!(inode(&staged.join("xianchang.mp4")), inode(&video));
        assert_ne!(inode(&staged.join("报名表.xlsx")), inode(&form));
        assert_eq!(fs::read(staged.join("报名表.xlsx")).unwrap(), b"PK form");
        assert!(
            staging.publish_file("../x.pdf", &form).is_err(),
            "nothing outside the output"
        );
    }

    #[test]
    fn commit_replaces_output_and_abandon_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut first = Staging::begin(&out).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let second = Staging::begin(&out).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second); // a failed build
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let mut third = Staging::begin(&out).unwrap();
        third.write("a/b/index.html", b"three").unwrap();
        third.commit().unwrap();
        assert!(!out.join("index.html").exists(), "the old site's files are gone");
        assert_eq!(fs::read(out.join("a/b/index.html")).unwrap(), b"three");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }
}
