//! Finding the articles: every `*.md` file under content/, at any depth.
//!
//! The walk is sorted so that the list, and so every later step, does not
//! depend on the order a file system returns entries in. Hidden files and
//! folders (an editor's `.swp`, a `.git`) are skipped; symbolic links are not
//! followed, so nothing outside content/ is ever read as an article. The
//! other files of content/ are articles' attachments and pictures, found from
//! the articles that use them ([`super::attachments`]).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Area, Diagnostic, io_error};
use crate::msg;

/// The folder articles live in, relative to the site root.
pub const CONTENT_DIR: &str = "content";

/// An article file found on disk.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Relative to the site root, with `/` separators: `content/2013/11/drill.md`.
    pub path: PathBuf,
    /// Relative to content/: `2013/11/drill.md`; what `.md` links are resolved against.
    pub content_path: String,
}

/// Every Markdown file under `root/content`, sorted, plus problems met on the way.
pub fn discover(root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !content.is_dir() {
        let d = Diagnostic::warning(Area::Content, CONTENT_DIR, 0, 0, msg!("content-no-folder"))
            .with_hint(msg!("content-no-folder-hint"));
        return (files, vec![d]);
    }
    let walk = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walk.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                problems.push(io_error(&path, msg!("io-read"), &std::io::Error::from(err)));
                continue;
            }
        };
        let is_markdown = entry.path().extension().is_some_and(|e| e == "md");
        if entry.file_type().is_symlink() && is_markdown {
            let d = Diagnostic::error(
                Area::Content,
                relative(root, entry.path()),
                0,
                0,
                msg!("content-symlink"),
            )
            .with_hint(msg!("content-symlink-hint"));
            problems.push(d);
            continue;
        }
        if !entry.file_type().is_file() || !is_markdown {
            continue;
        }
        let path = relative(root, entry.path());
        let content_path = relative(&content, entry.path()).to_string_lossy().replace('\\', "/");
        files.push(SourceFile { path, content_path });
    }
    (files, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn relative(base: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_in_order_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("2013/11/drill")).unwrap();
        std::fs::create_dir_all(c.join(".git")).unwrap();
        for f in [
            "2013/11/b.md",
            "2013/11/a.md",
            "2013/11/drill/index.md",
            "2013/11/notes.txt",
            ".git/x.md",
            "2013/.a.md",
        ] {
            std::fs::write(c.join(f), "").unwrap();
        }
        let (files, problems) = discover(dir.path());
        assert!(problems.is_empty());
        let paths: Vec<_> = files.iter().map(|f| f.content_path.as_str()).collect();
        assert_eq!(paths, ["2013/11/a.md", "2013/11/b.md", "2013/11/drill/index.md"]);
        assert_eq!(files[0].path, PathBuf::from("content/2013/11/a.md"));
    }
}
