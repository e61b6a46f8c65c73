//! Attachments (附件): the files an article brings with it — a notice's PDF,
//! a form to fill in, a spreadsheet, the video a shortcode plays — published
//! beside its page under their own names.
//!
//! An article in a folder of its own (`tongzhi/index.md`) publishes every file
//! of that folder and its subfolders, whether or not a Markdown link names it,
//! as Hugo and Zola do with a page's folder. Left out are: the article and any
//! other article (`*.md`); photos ([`is_camera_picture`]), whose originals may
//! say where they were taken — those the article shows are published resized
//! and stripped of that, the others not at all unless a link names them;
//! hidden files and the scratch files office software leaves (`~$通知.docx`,
//! `Thumbs.db`); subfolders that are another article's folder; symbolic links,
//! so nothing outside content/ is published; and pages and scripts
//! ([`is_active`]), which a browser would run as part of the site:
//! correspondents' copy is not trusted code.
//!
//! An article in a folder it shares with others (`2013/11/a.md` beside `b.md`)
//! publishes only the files its body links to.
//!
//! A link to a local file is rewritten to the address the file is published
//! at, so it works wherever under content/ the file lies (`../10/表格.xlsx`
//! too); a link to a file that is not there is an error at the link, with the
//! files that are there as the hint.
//!
//! This module owns the attachment types, the files each article publishes,
//! the checking and rewriting of links to local files, and the kind and size
//! readers are shown; `names` owns the names files are published under, which
//! files may be published, and the listing of an article's own folder.

mod names;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use names::{extension, folder_files, home_of, relative};
pub use names::{has_own_folder, is_active, is_camera_picture, is_scratch, published_name, url_of_name};

use super::{CONTENT_DIR, FileStamp, LinkContext, Parsed, has_scheme, link_position, stamp};
use crate::error::{Area, Diagnostic};
use crate::i18n::Message;
use crate::markdown::LinkTarget;
use crate::msg;

/// A file published beside an article's page that is not one of its pictures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Attachment {
    /// The file on disk.
    pub path: PathBuf,
    /// Where it is published, under the article's page: `fujian.pdf`, `biaoge/报名表.xlsx`.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// When it last changed, so that a new version is noticed without reading it.
    pub modified: Option<SystemTime>,
    /// The text of the body's first Markdown link to it (`检查方案`); `None`
    /// for a file no such link names: one of the article's folder, or a video
    /// a shortcode plays.
    pub title: Option<String>,
}

/// One file of the output that comes from an article's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedFile {
    /// Its path under the output: `2013/11/tongzhi/fujian.pdf`.
    pub file: String,
    /// The file on disk.
    pub path: PathBuf,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Every attachment file to publish, sorted by output path, each once.
pub fn published_files<'a>(articles: impl IntoIterator<Item = &'a super::Article>) -> Vec<PublishedFile> {
    let mut files: Vec<PublishedFile> = articles.into_iter().flat_map(article_files).collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    files.dedup_by(|a, b| a.file == b.file);
    files
}

/// The attachment files one article publishes.
pub fn article_files(article: &super::Article) -> Vec<PublishedFile> {
    article
        .attachments
        .iter()
        .map(|a| PublishedFile {
            file: format!("{}{}", article.url_path, a.name),
            path: a.path.clone(),
            size: a.size,
            modified: a.modified,
        })
        .collect()
}

/// What a link's path names: the content/-relative file it leads to, when it
/// is a link jianbao checks as a file — relative, not an article (`.md`), not
/// an address (`https:`, `mailto:`), not a file of static/ (`/…`), and inside
/// content/ — with what follows the path (`#page=2`).
pub(super) fn local_target<'d>(from: &str, dest: &'d str) -> Option<(String, &'d str)> {
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    if path.is_empty() || path.ends_with(".md") || has_scheme(path) || path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    // A link that climbs out of content/ is an address of the site (`../../../about/`), which `check` checks.
    let target = crate::site_path::resolve(from, &decoded)?;
    (!target.is_empty()).then_some((target, suffix))
}

/// Whether a link's last segment reads as a file name (`fujian.pdf`), so that
/// its absence is a mistake rather than a link to a folder or page.
fn looks_like_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    let ext = extension(last);
    !path.ends_with('/') && (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a link reads as a web address typed without `https://`.
fn looks_like_address(path: &str) -> bool {
    let host = path.split('/').next().unwrap_or(path).to_ascii_lowercase();
    host.starts_with("www.")
        || [".com", ".cn", ".org", ".net", ".gov.cn", ".edu.cn"]
            .iter()
            .any(|tld| host.ends_with(tld) && host.len() > tld.len())
            && !path.contains('/')
}

impl LinkContext<'_> {
    /// Where a link to a local file leads: the address it is published at, or
    /// why it cannot be. Links that are not to local files are kept as written.
    pub(super) fn file_link(&self, from: &str, dest: &str) -> Result<LinkTarget, (Message, Message)> {
        let Some((root, _)) = self.pictures else {
            return Ok(LinkTarget::Keep);
        };
        let Some((target, suffix)) = local_target(from, dest) else {
            return Ok(LinkTarget::Keep);
        };
        let Some(url_path) = self.urls.get(from) else {
            return Ok(LinkTarget::Keep);
        };
        let path = root.join(CONTENT_DIR).join(&target);
        let written = percent_decode_str(dest).decode_utf8_lossy().into_owned();
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                if is_active(&target) {
                    return Err((
                        msg!("attach-active", link = written.as_str()),
                        msg!("attach-active-hint"),
                    ));
                }
                let name = published_name(from, &target);
                let page = self.config.base_url.link(url_path);
                Ok(LinkTarget::Rewrite(format!("{page}{}{suffix}", url_of_name(&name))))
            }
            Ok(meta) if meta.file_type().is_symlink() => Err((
                msg!("attach-symlink", link = written.as_str()),
                msg!("attach-symlink-hint"),
            )),
            Ok(_) => Ok(LinkTarget::Keep),
            Err(_) => {
                let (path_written, _) = written.split_once(['#', '?']).unwrap_or((written.as_str(), ""));
                if !looks_like_file(path_written) {
                    return Ok(LinkTarget::Keep);
                }
                Err((
                    msg!("attach-missing", link = written.as_str(), target = target.as_str()),
                    missing_hint(root, &target, path_written),
                ))
            }
        }
    }

    /// The attachments of the article `p`, from the links its body resolved
    /// (`resolved`, in order) and, for an article with a folder of its own,
    /// that folder's files; `pictures` are the files its pictures were made
    /// from, which are not published as they are.
    pub(super) fn attachments(
        &self,
        p: &Parsed,
        markdown: &str,
        resolved: &[(String, LinkTarget)],
        pictures: &[(PathBuf, Option<FileStamp>)],
    ) -> Found {
        let mut found = Found::default();
        let Some((root, _)) = self.pictures else {
            return found;
        };
        let mut links = linked_attachments(p, markdown, resolved, root, &mut found);
        folder_attachments(p, markdown, resolved, pictures, root, &mut found, &mut links);
        found
    }
}

/// The files the body of `p` links to, in order, put into `found`; returns,
/// by each one's place in `found.files`, the link that brought it.
fn linked_attachments<'r>(
    p: &Parsed,
    markdown: &str,
    resolved: &'r [(String, LinkTarget)],
    root: &Path,
    found: &mut Found,
) -> Vec<Option<&'r str>> {
    let content = root.join(CONTENT_DIR);
    let from = p.file.content_path.as_str();
    let mut texts: Option<HashMap<String, String>> = None;
    // The link that brought each attachment, by its place in `found.files`.
    let mut links: Vec<Option<&str>> = Vec::new();
    for (dest, target) in resolved {
        if !matches!(target, LinkTarget::Rewrite(_)) {
            continue;
        }
        let Some((target, _)) = local_target(from, dest) else {
            continue;
        };
        let path = content.join(&target);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let name = published_name(from, &target);
        if let Some(i) = found.files.iter().position(|a| a.name == name) {
            if found.files[i].path != path {
                found
                    .problems
                    .push(same_name(p, markdown, dest, &name, &found.files[i].path, root));
            }
            continue;
        }
        // A file a shortcode names (a video) is published, but it is not a
        // link for readers to download: only Markdown links are listed.
        let texts = texts.get_or_insert_with(|| link_texts(markdown));
        let title = texts.get(dest.as_str()).map(|text| {
            if text.is_empty() {
                name.rsplit('/').next().unwrap_or(&name).to_string()
            } else {
                text.clone()
            }
        });
        found.seen.files.push((path.clone(), stamp(&path)));
        found.files.push(Attachment {
            path,
            name,
            size: meta.len(),
            modified: meta.modified().ok(),
            title,
        });
        links.push(Some(dest));
    }
    links
}

/// The other files of the folder of `p`, when it has one of its own, put into
/// `found` after the linked ones; `pictures` are the files its pictures were
/// made from, which are not published as they are.
fn folder_attachments(
    p: &Parsed,
    markdown: &str,
    resolved: &[(String, LinkTarget)],
    pictures: &[(PathBuf, Option<FileStamp>)],
    root: &Path,
    found: &mut Found,
    links: &mut Vec<Option<&str>>,
) {
    let content = root.join(CONTENT_DIR);
    let from = p.file.content_path.as_str();
    if !has_own_folder(from) {
        return;
    }
    let folder = content.join(home_of(from));
    let (listed, problems) = folder_files(&folder, root);
    found.problems.extend(problems);
    for (name, path) in &listed {
        // A camera original no body shows stays unpublished: it may say where it was taken.
        if pictures.iter().any(|(picture, _)| picture == path)
            || is_camera_picture(name)
            || found.files.iter().any(|a| &a.path == path)
        {
            continue;
        }
        if is_active(name) {
            let linked = resolved
                .iter()
                .any(|(dest, _)| local_target(from, dest).is_some_and(|(t, _)| content.join(t) == *path));
            // A link to it is an error already, said at the link.
            if !linked {
                let shown = relative(root, path);
                found.problems.push(
                    Diagnostic::warning(Area::Content, shown, 0, 0, msg!("attach-active-not-published"))
                        .with_hint(msg!("attach-active-hint")),
                );
            }
            continue;
        }
        if let Some(i) = found.files.iter().position(|a| &a.name == name) {
            if let Some(dest) = links[i] {
                found.problems.push(same_name(p, markdown, dest, name, path, root));
            }
            continue;
        }
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        found.seen.files.push((path.clone(), stamp(path)));
        found.files.push(Attachment {
            path: path.clone(),
            name: name.clone(),
            size: meta.len(),
            modified: meta.modified().ok(),
            title: None,
        });
        links.push(None);
    }
    found.seen.folder = Some((folder, listed.into_iter().map(|(_, path)| path).collect()));
}

/// What [`LinkContext::attachments`] found.
#[derive(Default)]
pub(super) struct Found {
    /// Linked files first, in the order the body links them; then the other
    /// files of the article's folder, by name.
    pub files: Vec<Attachment>,
    pub problems: Vec<Diagnostic>,
    pub seen: Seen,
}

/// What an article's attachments were found from, to tell whether a rebuild
/// would find the same ones.
#[derive(Default)]
pub(super) struct Seen {
    /// Each file published, as it was then.
    files: Vec<(PathBuf, Option<FileStamp>)>,
    /// The article's own folder and the files it held, when it has one.
    folder: Option<(PathBuf, Vec<PathBuf>)>,
}

impl Seen {
    /// Whether every file is as it was, and the article's folder holds the same files.
    pub fn unchanged(&self, root: Option<&Path>) -> bool {
        let files_same = self.files.iter().all(|(path, old)| match (old, stamp(path)) {
            (Some(old), Some(now)) => old.unchanged(&now),
            _ => false,
        });
        files_same
            && self.folder.as_ref().is_none_or(|(folder, listed)| {
                root.is_some_and(|root| {
                    let (now, _) = folder_files(folder, root);
                    now.len() == listed.len() && now.iter().zip(listed).all(|((_, a), b)| a == b)
                })
            })
    }
}

/// Two different files that would be published under one name beside a page.
fn same_name(p: &Parsed, markdown: &str, dest: &str, name: &str, other: &Path, root: &Path) -> Diagnostic {
    let (line, column) = link_position(p, markdown, dest);
    Diagnostic::error(
        Area::Content,
        p.file.path.clone(),
        line,
        column,
        msg!(
            "attach-same-name",
            link = dest,
            name = name,
            other = relative(root, other).display()
        ),
    )
    .with_hint(msg!("attach-same-name-hint"))
}

/// What to say about a link to `target` (content/-relative), written `written`,
/// that is not there: the file it was likely meant to be, or the files that
/// are in that folder, or how to write a web address.
fn missing_hint(root: &Path, target: &str, written: &str) -> Message {
    let dir = home_of(target);
    let name = target.rsplit('/').next().unwrap_or(target);
    let here: Vec<String> = std::fs::read_dir(root.join(CONTENT_DIR).join(dir))
        .map(|entries| {
            let mut names: Vec<String> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| !is_scratch(n) && !n.ends_with(".md"))
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    if let Some(near) = crate::error::did_you_mean(name, here.iter().map(String::as_str)) {
        return msg!("attach-missing-near-hint", near = near);
    }
    if looks_like_address(written) {
        return msg!("attach-missing-address-hint", address = written);
    }
    const SHOWN: usize = 8;
    if !here.is_empty() {
        let count = here.len();
        let mut shown: Vec<String> = here.into_iter().take(SHOWN).collect();
        if count > SHOWN {
            shown.push("…".to_string());
        }
        return msg!(
            "attach-missing-files-hint",
            folder = format!("{CONTENT_DIR}/{dir}"),
            files = shown,
            count = count
        );
    }
    msg!("attach-missing-hint")
}

/// The text of each link of a Markdown body, by destination as written: the
/// first link to it wins. For the names of attachments in the list under an
/// article; parsed apart from the rendering, which only sees destinations.
pub fn link_texts(markdown: &str) -> HashMap<String, String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut texts = HashMap::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => current = Some((dest_url.to_string(), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = current.as_mut() {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, text)) = current.take() {
                    texts.entry(dest).or_insert_with(|| text.trim().to_string());
                }
            }
            _ => {}
        }
    }
    texts
}

/// What kind of file an attachment is, for readers: a key for stylesheets
/// (`pdf`, `word`, …) and a label (`PDF`, `Word`, `压缩包`).
pub fn file_kind(name: &str) -> (&'static str, String) {
    let ext = extension(name);
    let (key, label) = match ext.as_str() {
        "pdf" => ("pdf", "PDF"),
        "doc" | "docx" | "wps" | "odt" | "rtf" => ("word", "Word"),
        "xls" | "xlsx" | "et" | "ods" => ("excel", "Excel"),
        "csv" => ("excel", "CSV"),
        "ppt" | "pptx" | "dps" | "odp" => ("powerpoint", "PPT"),
        "zip" | "rar" | "7z" | "tar" | "gz" | "tgz" | "bz2" | "xz" => ("archive", "压缩包"),
        "mp3" | "m4a" | "aac" | "wav" | "ogg" | "oga" | "flac" | "amr" => ("audio", "音频"),
        "mp4" | "m4v" | "mov" | "webm" | "ogv" | "avi" | "mkv" | "wmv" | "flv" => ("video", "视频"),
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "bmp" | "tif" | "tiff" | "heic" => ("image", "图片"),
        "txt" => ("text", "文本"),
        "" => ("other", "文件"),
        other => return ("other", other.to_ascii_uppercase()),
    };
    (key, label.to_string())
}

/// A file size as readers see it in a file manager: `860 B`, `35 KB`,
/// `1.2 MB`, `350 MB`, `2.1 GB` (1 KB = 1024 bytes).
pub fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    const GB: u64 = MB * 1024;
    let scaled = |unit: u64, label: &str| {
        // In tenths, rounded half up: integer arithmetic, the same on every machine.
        let tenths = (u128::from(bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
        if tenths >= 1000 {
            format!("{} {label}", (tenths + 5) / 10)
        } else if tenths % 10 == 0 {
            format!("{} {label}", tenths / 10)
        } else {
            format!("{}.{} {label}", tenths / 10, tenths % 10)
        }
    };
    match bytes {
        0..KB => format!("{bytes} B"),
        KB..MB => format!("{} KB", (bytes + KB / 2) / KB),
        MB..GB => scaled(MB, "MB"),
        _ => scaled(GB, "GB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::articles::load_articles;

    #[test]
    fn local_targets_are_relative_files_inside_content() {
        let t = |dest| local_target("2013/11/tongzhi/index.md", dest);
        assert_eq!(t("fujian.pdf"), Some(("2013/11/tongzhi/fujian.pdf".into(), "")));
        assert_eq!(
            t("fujian.pdf#page=2"),
            Some(("2013/11/tongzhi/fujian.pdf".into(), "#page=2"))
        );
        assert_eq!(t("%E8%A1%A8.xlsx"), Some(("2013/11/tongzhi/表.xlsx".into(), "")));
        assert_eq!(t("../a.md"), None, "an article");
        assert_eq!(t("https://example.org/x.pdf"), None);
        assert_eq!(t("mailto:desk@example.org"), None);
        assert_eq!(t("/files/x.pdf"), None, "a file of static/");
        assert_eq!(t("#heading"), None);
        assert_eq!(t("../../../../about/"), None, "out of content/: an address of the site");
    }

    #[test]
    fn tells_files_from_folders_and_addresses() {
        assert!(looks_like_file("fujian.pdf"));
        assert!(looks_like_file("../10/检查方案.docx"));
        assert!(!looks_like_file("../"));
        assert!(!looks_like_file("tongzhi"));
        assert!(!looks_like_file("v1.2.3/"));
        assert!(looks_like_address("www.shanghai.gov.cn"));
        assert!(looks_like_address("songjiang.gov.cn"));
        assert!(!looks_like_address("fujian.pdf"));
        assert!(!looks_like_address("files/www.pdf"));
    }

    #[test]
    fn sizes_read_as_in_a_file_manager() {
        assert_eq!(size_text(0), "0 B");
        assert_eq!(size_text(860), "860 B");
        assert_eq!(size_text(1024), "1 KB");
        assert_eq!(size_text(35 * 1024 + 300), "35 KB");
        assert_eq!(size_text(1_258_291), "1.2 MB");
        assert_eq!(size_text(1024 * 1024), "1 MB");
        assert_eq!(size_text(350 * 1024 * 1024 + 1), "350 MB");
        assert_eq!(size_text(2_254_857_830), "2.1 GB");
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(file_kind("检查方案.pdf"), ("pdf", "PDF".to_string()));
        assert_eq!(file_kind("报名表.XLSX"), ("excel", "Excel".to_string()));
        assert_eq!(file_kind("通知.wps"), ("word", "Word".to_string()));
        assert_eq!(file_kind("现场.mp4"), ("video", "视频".to_string()));
        assert_eq!(file_kind("图纸.dwg"), ("other", "DWG".to_string()));
        assert_eq!(file_kind("README"), ("other", "文件".to_string()));
    }

    /// The problems of a site of these files (content/-relative path, text), in 简体中文.
    fn problems_in_chinese(files: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let file = dir.path().join(CONTENT_DIR).join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let yaml = "title: 松江简报\nbase_url: https://example.org/\ndistricts:\n  松江区: { slug: songjiang }\n";
        let config = crate::config::parse_config(yaml, &crate::config::Overrides::default()).unwrap();
        let loaded = load_articles(dir.path(), &config, super::super::LoadOptions::default());
        loaded
            .problems
            .iter()
            .map(|d| d.render(crate::i18n::Lang::Zh))
            .collect()
    }

    #[test]
    fn missing_files_are_told_in_chinese() {
        let notice = "---\ntitle: 关于开展冬季消防安全检查的通知\ndate: 2013-11-12\ndistrict: 松江区\n---\n\
                      附件：[检查方案](jiancha.pdf)\n\n详见[镇政府网站](www.songjiang.gov.cn)。\n";
        let shown = problems_in_chinese(&[
            ("2013/11/tongzhi/index.md", notice),
            ("2013/11/tongzhi/fujian.pdf", "%PDF"),
            ("2013/11/tongzhi/报名表.xlsx", "PK"),
            ("2013/11/tongzhi/yuanwen.htm", "<p>"),
        ]);
        assert_eq!(
            shown,
            [
                "content/2013/11/tongzhi/index.md:6:4: 错误：链接 jiancha.pdf 找不到文件\
                 （找的是 content/2013/11/tongzhi/jiancha.pdf）\n  \
                 提示：content/2013/11/tongzhi 里有 3 个文件：fujian.pdf、yuanwen.htm、报名表.xlsx；\
                 链接的路径从本文章所在的文件夹算起",
                "content/2013/11/tongzhi/index.md:8:3: 错误：链接 www.songjiang.gov.cn 找不到文件\
                 （找的是 content/2013/11/tongzhi/www.songjiang.gov.cn）\n  \
                 提示：要链接网站，请写完整的网址：https://www.songjiang.gov.cn",
                "content/2013/11/tongzhi/yuanwen.htm: 警告：文章文件夹里的网页或脚本文件不会发布\n  \
                 提示：要原样发布，请放到 static/ 文件夹里；或者改为链接它的 PDF 版本",
            ]
        );
    }

    #[test]
    fn link_texts_by_destination() {
        let texts = link_texts("附件：[检查方案](fujian.pdf)，[报名表 `xlsx`](biao.xlsx)、[又一次](fujian.pdf)。\n");
        assert_eq!(texts["fujian.pdf"], "检查方案");
        assert_eq!(texts["biao.xlsx"], "报名表 xlsx");
    }
}
