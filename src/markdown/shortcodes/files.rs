//! The files a call names, published like the body's: picture files through
//! the caller's picture resolver, video files through its link resolver, and
//! a photo set's pictures read from its body.

use super::SetPicture;
use super::complete::Completed;
use super::messages::{self, Failure};
use crate::markdown::{BodyProblem, ImageRef, ImageTarget, LinkTarget};

/// File extensions of the videos `<video>` plays in browsers.
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "m4v", "webm", "ogv", "mov"];

/// A picture published through the caller's picture resolver.
struct Published {
    html: String,
    url: String,
    width: u32,
    height: u32,
}

/// The picture file `src` of the article's folder, resized and published.
fn picture_file(src: &str, alt: &str, picture: &dyn Fn(ImageRef<'_>) -> ImageTarget) -> Result<Published, Failure> {
    let not_here = || messages::not_a_picture_file(src);
    if src.starts_with('/') || src.contains("://") {
        return Err(not_here());
    }
    match picture(ImageRef { src, alt, title: "" }) {
        ImageTarget::Markup(html) => {
            // The resolver's markup is all it says of a picture: its `<img>`
            // holds the widest file and its size.
            let img = html.find("<img").map_or("", |i| &html[i..]);
            let attr = |name: &str| {
                let key = format!(" {name}=\"");
                img.find(&key).and_then(|i| {
                    let v = &img[i + key.len()..];
                    v.find('"').map(|end| v[..end].to_string())
                })
            };
            Ok(Published {
                url: attr("src").unwrap_or_default(),
                width: attr("width").and_then(|w| w.parse().ok()).unwrap_or(0),
                height: attr("height").and_then(|h| h.parse().ok()).unwrap_or(0),
                html,
            })
        }
        ImageTarget::Keep => Err(not_here()),
        ImageTarget::Broken { message, hint } => Err((message, hint)),
    }
}

/// The address the picture file `src` of the article's folder is published at.
pub(super) fn picture_address(src: &str, picture: &dyn Fn(ImageRef<'_>) -> ImageTarget) -> Result<String, Failure> {
    picture_file(src, "", picture).map(|p| p.url)
}

/// The address of the video file `src` of the article's folder, which is
/// published beside the page with the folder's other files.
pub(super) fn video_file(src: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> Result<String, Failure> {
    if src.starts_with('/') || src.contains("://") || src.is_empty() {
        return Err(messages::not_a_video_file(src));
    }
    let extension = src
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !VIDEO_EXTENSIONS.contains(&extension.as_str()) {
        let kinds: Vec<String> = VIDEO_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        return Err(messages::not_a_video(src, kinds));
    }
    match resolve(src) {
        LinkTarget::Keep => Ok(src.to_string()),
        LinkTarget::Rewrite(url) => Ok(url),
        LinkTarget::Broken { message, hint } => Err((message, hint)),
    }
}

/// A photo set's pictures, read from its body (at `body_at`); a set of none
/// is a problem at `at`, the call, unless its lines' problems were told.
pub(super) fn photo_set(
    body: &str,
    body_at: usize,
    at: usize,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> Vec<SetPicture> {
    let pictures = set_pictures(body, body_at, picture, done);
    if pictures.is_empty() && !done.problems.iter().any(|p| p.offset >= body_at) {
        done.problems.push(messages::photoset_empty(at));
    }
    pictures
}

/// The pictures of a photo set's body, one a line: `file caption | credit`.
fn set_pictures(
    body: &str,
    body_at: usize,
    picture: &dyn Fn(ImageRef<'_>) -> ImageTarget,
    done: &mut Completed,
) -> Vec<SetPicture> {
    let mut pictures = Vec::new();
    let mut line_at = body_at;
    for line in body.split_inclusive('\n') {
        let at = line_at + (line.len() - line.trim_start().len());
        line_at += line.len();
        let line = line.trim().trim_start_matches(['-', '*']).trim();
        if line.is_empty() {
            continue;
        }
        let (file, caption, credit) = read_set_line(line);
        match picture_file(file, caption, picture) {
            Ok(p) => {
                done.pictures += 1;
                done.text.push_str(caption);
                done.text.push('\n');
                pictures.push(SetPicture {
                    file: file.to_string(),
                    html: p.html,
                    url: p.url,
                    width: p.width,
                    height: p.height,
                    caption: caption.to_string(),
                    credit: credit.to_string(),
                });
            }
            Err((message, hint)) => {
                let hint = hint.unwrap_or_else(messages::photoset_line_hint);
                done.problems.push(BodyProblem::error(at, message, Some(hint)));
            }
        }
    }
    pictures
}

/// A photo set's line, trimmed: its file, caption and credit.
fn read_set_line(line: &str) -> (&str, &str, &str) {
    let (file, rest) = line.split_once(|c: char| c.is_whitespace()).unwrap_or((line, ""));
    let (caption, credit) = rest.split_once(['|', '｜']).unwrap_or((rest, ""));
    (file, caption.trim(), credit.trim())
}
