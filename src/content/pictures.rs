//! The pictures an article publishes beside its page: those its body shows
//! and the lead picture of its front matter's `image`, each resized through
//! the site's picture cache, with the files they came from kept to tell a
//! rebuild whether one changed.

use std::path::{Path, PathBuf};

use crate::error::{Area, Diagnostic};
use crate::i18n::Message;
use crate::images::Picture;
use crate::markdown::{ImageRef, ImageTarget};
use crate::msg;

use super::links::has_scheme;
use super::{CONTENT_DIR, FileStamp, LinkContext, Parsed, stamp};

/// The pictures one article uses.
#[derive(Default)]
pub(super) struct PicturesUsed {
    pub(super) published: Vec<Picture>,
    pub(super) files: Vec<(PathBuf, Option<FileStamp>)>,
}

impl LinkContext<'_> {
    /// The picture file an article names, when it is one jianbao publishes: a
    /// relative path, not an address or a file of static/ (`/…`).
    fn picture_file(&self, p: &Parsed, src: &str) -> Option<(PathBuf, String)> {
        let src = src.trim();
        if src.is_empty() || has_scheme(src) || src.starts_with('/') || src.starts_with('#') {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(src).decode_utf8_lossy();
        let rel = crate::site_path::resolve(&p.file.content_path, &decoded)?;
        let (root, _) = self.pictures?;
        Some((root.join(CONTENT_DIR).join(&rel), format!("{CONTENT_DIR}/{rel}")))
    }

    fn process(&self, path: &Path, shown: &str, used: &mut PicturesUsed) -> Result<Picture, Message> {
        used.files.push((path.to_path_buf(), stamp(path)));
        let (_, cache) = self.pictures.ok_or_else(|| msg!("content-pictures-not-processed"))?;
        let picture = cache.picture(path, shown).map_err(|e| e.message())?;
        used.published.push(picture.clone());
        Ok(picture)
    }

    pub(super) fn body_picture(&self, p: &Parsed, image: ImageRef<'_>, used: &mut PicturesUsed) -> ImageTarget {
        let Some((path, shown)) = self.picture_file(p, image.src) else {
            return ImageTarget::Keep;
        };
        match self.process(&path, &shown, used) {
            Ok(picture) => {
                let dir = self.config.base_url.link(&p.url_path);
                ImageTarget::Markup(picture.markup(&dir, image.alt, image.title, true))
            }
            Err(message) => ImageTarget::Broken {
                message,
                hint: Some(msg!("content-picture-hint")),
            },
        }
    }

    pub(super) fn lead_picture(&self, p: &Parsed, used: &mut PicturesUsed) -> Result<Option<Picture>, Box<Diagnostic>> {
        let Some(image) = &p.front.image else { return Ok(None) };
        let Some((path, shown)) = self.picture_file(p, &image.src) else {
            return Ok(None);
        };
        self.process(&path, &shown, used).map(Some).map_err(|message| {
            let d = Diagnostic::error(Area::Content, p.file.path.clone(), p.image_line, 1, message)
                .with_hint(msg!("content-lead-picture-hint"));
            Box::new(d)
        })
    }
}
