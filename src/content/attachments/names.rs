//! The names attachments are published under and what they may be: the
//! name beside the article's page and its URL-encoding, which files count as
//! pages or scripts ([`is_active`]), camera photos or scratch files, and the
//! listing of an article's own folder.

use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::error::{Diagnostic, io_error};
use crate::msg;

/// Characters that cannot stand as they are in a path segment of a URL.
/// Everything not ASCII is encoded too, so that an address works whatever
/// the host does with UTF-8.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// `biaoge/报名 表.xlsx` as a URL path: each segment percent-encoded.
pub fn url_of_name(name: &str) -> String {
    name.split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether an article at `content_path` has a folder of its own: its file is
/// `index.md` (or `_index.md`), and the folder's name is its URL's.
pub fn has_own_folder(content_path: &str) -> bool {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name == "index.md" || name == "_index.md"
}

/// The folder of the article at `content_path`, content/-relative, `""` for content/ itself.
pub(super) fn home_of(content_path: &str) -> &str {
    content_path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The name a file at `target` (content/-relative) is published under, beside
/// the page of the article at `from`: its path from the article's folder when
/// it is inside it (`fujian.pdf`, `biaoge/报名表.xlsx`), else its file name.
pub fn published_name(from: &str, target: &str) -> String {
    let home = home_of(from);
    let inside = if home.is_empty() {
        Some(target)
    } else {
        target.strip_prefix(home).and_then(|rest| rest.strip_prefix('/'))
    };
    match inside {
        Some(rel) if !rel.is_empty() => rel.to_string(),
        _ => target.rsplit('/').next().unwrap_or(target).to_string(),
    }
}

/// Whether a browser would run the file as part of the site: a page or a
/// script. Such files are never published from content/.
pub fn is_active(name: &str) -> bool {
    matches!(
        extension(name).as_str(),
        "html" | "htm" | "xhtml" | "shtml" | "js" | "mjs"
    )
}

/// Whether a file is a photo as a camera or phone writes it, with the
/// metadata (GPS above all) that only jianbao's resizing strips.
pub fn is_camera_picture(name: &str) -> bool {
    matches!(
        extension(name).as_str(),
        "jpg" | "jpeg" | "png" | "webp" | "heic" | "heif" | "tif" | "tiff"
    )
}

/// Whether a file is one nobody means to publish: hidden, or a scratch file
/// of office software or an editor.
pub fn is_scratch(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// The extension of a file name, lower case; empty when it has none.
pub(super) fn extension(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The files of an article's own folder that may be published, with their
/// paths from the folder, sorted: not articles, hidden or scratch files,
/// symbolic links, nor inside a subfolder that is another article's folder.
pub(super) fn folder_files(folder: &Path, root: &Path) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walk = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_str().is_none_or(is_scratch)
                    || e.file_type().is_dir()
                        && (e.path().join("index.md").is_file() || e.path().join("_index.md").is_file()))
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map_or_else(|| relative(root, folder), |p| relative(root, p));
                problems.push(io_error(&path, msg!("io-read"), &std::io::Error::from(err)));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.path().extension().is_some_and(|e| e == "md") {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(folder) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        files.push((name, entry.path().to_path_buf()));
    }
    (files, problems)
}

pub(super) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_beside_the_page() {
        assert_eq!(
            published_name("2013/11/tongzhi/index.md", "2013/11/tongzhi/fujian.pdf"),
            "fujian.pdf"
        );
        assert_eq!(
            published_name("2013/11/tongzhi/index.md", "2013/11/tongzhi/biaoge/报名表.xlsx"),
            "biaoge/报名表.xlsx"
        );
        assert_eq!(published_name("2013/11/a.md", "2013/10/检查方案.pdf"), "检查方案.pdf");
        assert_eq!(published_name("a.md", "files/x.pdf"), "files/x.pdf");
        // A folder whose name starts like the article's is not its folder.
        assert_eq!(published_name("2013/11/a.md", "2013/111/x.pdf"), "x.pdf");
    }

    #[test]
    fn addresses_are_encoded_segment_by_segment() {
        assert_eq!(url_of_name("fujian.pdf"), "fujian.pdf");
        assert_eq!(url_of_name("biao ge/表.xlsx"), "biao%20ge/%E8%A1%A8.xlsx");
        assert_eq!(url_of_name("a#1?.pdf"), "a%231%3F.pdf");
    }

    #[test]
    fn scratch_and_active_files() {
        for name in ["~$通知.docx", "Thumbs.db", "desktop.ini", ".DS_Store", "通知.docx~"] {
            assert!(is_scratch(name), "{name}");
        }
        assert!(!is_scratch("通知.docx"));
        for name in ["index.html", "page.HTM", "app.js"] {
            assert!(is_active(name), "{name}");
        }
        assert!(!is_active("检查方案.pdf"));
    }
}
