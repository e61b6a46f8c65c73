//! Writing the built site, all or nothing.
//!
//! Pages are written into a staging folder beside the output folder (the same
//! file system, so that renaming is atomic). Only when every page has been
//! written is the staging folder swapped in for the old output; a build that
//! fails, or is stopped, leaves the previous output exactly as it was. This is
//! the only module that writes files.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::{Area, Diagnostic, io_error};

/// A folder the next version of the site is written into.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a staging folder for `output`, clearing any left by a build that was stopped.
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| {
                Diagnostic::error(Area::Io, output, 0, 0, "the output folder needs a name")
                    .with_hint("pass a folder such as --output public")
            })?
            .to_string();
        let parent = parent_of(output);
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "create the output's parent folder", &e))?;
        remove_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, "clear the staging folder", &e))?;
        }
        fs::create_dir(&dir).map_err(|e| io_error(&dir, "create the staging folder", &e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            committed: false,
        })
    }

    /// The folder pages are being written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `file`, a relative path inside the output.
    pub fn write(&self, file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = safe_join(&self.dir, file)
            .ok_or_else(|| Diagnostic::error(Area::Io, file, 0, 0, "refusing to write outside the output folder"))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, "create a folder", &e))?;
        }
        fs::write(&target, bytes).map_err(|e| io_error(&self.output.join(file), "write", &e))
    }

    /// Copies the file at `from` to `file`, a relative path inside the output.
    pub fn copy(&self, file: &str, from: &Path) -> Result<(), Diagnostic> {
        let bytes = fs::read(from).map_err(|e| io_error(from, "read", &e))?;
        self.write(file, &bytes)
    }

    /// Replaces the output folder with the staged one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.output.file_name().and_then(|n| n.to_str()).unwrap_or("output"),
            std::process::id()
        ));
        let had_output = match fs::symlink_metadata(&self.output) {
            Ok(meta) if meta.is_dir() => true,
            Ok(_) => {
                let d = Diagnostic::error(
                    Area::Io,
                    &self.output,
                    0,
                    0,
                    "the output path exists and is not a folder",
                )
                .with_hint("remove it, or build into another folder with --output");
                return Err(d);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(io_error(&self.output, "inspect the output folder", &e)),
        };
        if had_output {
            fs::rename(&self.output, &old).map_err(|e| io_error(&self.output, "move the old output aside", &e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            // Put the old site back, so that a failure here still leaves it published.
            if had_output {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(io_error(&self.output, "move the new output into place", &e));
        }
        self.committed = true;
        if had_output {
            // The new site is in place; an old copy that cannot be removed is only clutter.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
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

/// `base/rel` when `rel` is a plain relative path that cannot leave `base`.
pub fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let mut out = base.to_path_buf();
    for component in rel.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (out != base).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn commit_replaces_output_and_abandon_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let second = Staging::begin(&out).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second); // a failed build
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let third = Staging::begin(&out).unwrap();
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
