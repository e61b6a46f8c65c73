//! Photos for the web: each picture an article uses, turned upright (EXIF
//! orientation), resized to a few widths in WebP and its own format, stripped
//! of its metadata, and cached by content so a rebuild costs nothing.
//!
//! Decoding and encoding JPEG/PNG is the `image` crate's; resizing is
//! `fast_image_resize` (SIMD, several times faster than `image`'s own); lossy
//! WebP is libwebp through the `webp` crate, since `image` only writes lossless
//! WebP, which is larger than the JPEG it replaces. Re-encoding writes pixels
//! only, so camera metadata — GPS above all — never reaches the published file.
//!
//! The cache lives in `.jianbao-cache/images/` in the site's folder: one folder
//! per source picture content (and settings), holding its variants and a small
//! description. It is safe to delete at any time.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use fast_image_resize::{PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image as ResizeImage};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use crate::i18n::Message;
use crate::msg;

/// The widths pictures are published at; narrower pictures keep their own width.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 76.0;
/// Changes whenever what this module writes changes, so that old cache entries are not reused.
const SETTINGS_VERSION: u32 = 1;

/// The folder, in a site's folder, that resized pictures are kept in.
pub const CACHE_DIR: &str = cache_folder!("images");

/// A file format pictures are published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    /// Published as it is (an animated GIF, an SVG drawing).
    AsIs,
}

impl Format {
    /// The MIME type, for `<source type>`.
    pub fn mime(self, extension: &str) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::AsIs if extension.eq_ignore_ascii_case("svg") => "image/svg+xml",
            Format::AsIs => "image/gif",
        }
    }
}

/// One published file of a picture.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// The file name it is published under, beside the article's page: `drill-960.3f9a1c2b.webp`.
    pub file_name: String,
    /// Where the bytes are, in the cache.
    pub cached: PathBuf,
}

/// A picture ready to publish: its size as published (the widest variant,
/// upright), and its variants, narrowest first.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The variants in one format, narrowest first.
    pub fn in_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The format the `<img>` fallback uses: the source's own.
    pub fn fallback_format(&self) -> Format {
        self.variants
            .iter()
            .map(|v| v.format)
            .find(|f| *f != Format::Webp)
            .unwrap_or(Format::Webp)
    }

    /// The widest variant of the fallback format, for `src`.
    pub fn fallback(&self) -> Option<&Variant> {
        self.in_format(self.fallback_format()).last()
    }
}

/// How wide a picture shows on a page, for the browser's choice among the
/// widths: the article column is about 36em, and the whole screen on phones.
pub const SIZES: &str = "(min-width: 48em) 36em, 100vw";

impl Picture {
    /// A `<picture>` element: WebP for browsers that take it, the source's own
    /// format otherwise, width and height set so the page does not jump as it
    /// loads, and `loading="lazy"` unless it is the first thing a reader sees.
    /// `dir` is the URL of the folder the variants are published in, ending in `/`.
    pub fn markup(&self, dir: &str, alt: &str, title: &str, lazy: bool) -> String {
        let srcset = |format: Format| {
            self.in_format(format)
                .map(|v| format!("{dir}{} {}w", v.file_name, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(fallback) = self.fallback() else {
            return String::new();
        };
        let mut html = String::from("<picture>");
        if self.fallback_format() != Format::Webp && self.in_format(Format::Webp).next().is_some() {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">",
                escape(&srcset(Format::Webp))
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\"",
            escape(&format!("{dir}{}", fallback.file_name))
        ));
        if fallback.format != Format::AsIs {
            html.push_str(&format!(
                " srcset=\"{}\" sizes=\"{SIZES}\"",
                escape(&srcset(fallback.format))
            ));
        }
        if fallback.width > 0 {
            html.push_str(&format!(" width=\"{}\" height=\"{}\"", fallback.width, fallback.height));
        }
        html.push_str(&format!(" alt=\"{}\"", escape(alt)));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        if lazy {
            html.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        html.push_str("></picture>");
        html
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Why a picture cannot be published.
#[derive(Debug, PartialEq, Eq)]
pub enum ImageError {
    Missing(String),
    Unreadable { path: String, reason: Message },
    Corrupt { path: String, reason: Message },
    Cache { path: String, reason: Message },
}

impl ImageError {
    /// What went wrong, as a catalogue message.
    pub fn message(&self) -> Message {
        match self {
            ImageError::Missing(path) => msg!("image-missing", path = path),
            ImageError::Unreadable { path, reason } => msg!("image-unreadable", path = path, reason = reason.clone()),
            ImageError::Corrupt { path, reason } => msg!("image-corrupt", path = path, reason = reason.clone()),
            ImageError::Cache { path, reason } => msg!("image-cache", path = path, reason = reason.clone()),
        }
    }
}

/// In the language of the run.
impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ImageError {}

/// Resized pictures kept between builds.
#[derive(Clone, Debug)]
pub struct ImageCache {
    dir: PathBuf,
}

impl ImageCache {
    /// The cache of the site at `root`.
    pub fn for_site(root: &Path) -> ImageCache {
        ImageCache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// The picture at `source` (shown in errors as `shown`), from the cache when
    /// its bytes were processed before, else decoded, resized and encoded now.
    pub fn picture(&self, source: &Path, shown: &str) -> Result<Picture, ImageError> {
        let bytes = std::fs::read(source).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ImageError::Missing(shown.to_string()),
            _ => ImageError::Unreadable {
                path: shown.to_string(),
                reason: crate::error::io_reason(&e),
            },
        })?;
        let stem = publish_stem(source);
        let extension = source
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let key = content_key(&bytes, &stem);
        let entry = self.dir.join(&key);
        if let Some(picture) = read_entry(&entry) {
            return Ok(picture);
        }
        let encoded = encode_variants(&bytes, &stem, &extension, shown)?;
        write_entry(&entry, &encoded).map_err(|e| ImageError::Cache {
            path: entry.display().to_string(),
            reason: crate::error::io_reason(&e),
        })?;
        read_entry(&entry).ok_or_else(|| ImageError::Cache {
            path: entry.display().to_string(),
            reason: msg!("image-cache-unreadable"),
        })
    }
}

/// The start of published file names: the source's name, made URL-safe.
fn publish_stem(source: &Path) -> String {
    let stem = source.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let slug = crate::slug::slugify(stem);
    if slug.is_empty() { "image".to_string() } else { slug }
}

fn content_key(bytes: &[u8], stem: &str) -> String {
    let mut h = DefaultHasher::new();
    (SETTINGS_VERSION, WIDTHS, JPEG_QUALITY, stem, bytes).hash(&mut h);
    format!("{:016x}", h.finish())
}

/// A variant's bytes before they are cached.
struct Encoded {
    width: u32,
    height: u32,
    format: Format,
    file_name: String,
    bytes: Vec<u8>,
}

fn encode_variants(bytes: &[u8], stem: &str, extension: &str, shown: &str) -> Result<Vec<Encoded>, ImageError> {
    let corrupt = |reason: Message| ImageError::Corrupt {
        path: shown.to_string(),
        reason,
    };
    // The picture library's own words, in English.
    let failed = |error: String| corrupt(msg!("image-library-error", error = error));
    if extension == "svg" {
        return Ok(vec![as_is(bytes, stem, extension, 0, 0)]);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| failed(e.to_string()))?;
    let format = reader.format().ok_or_else(|| corrupt(msg!("image-unknown-format")))?;
    let mut decoder = reader.into_decoder().map_err(|e| failed(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| failed(e.to_string()))?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    if format == ImageFormat::Gif {
        // Animated pictures would lose their animation; publish them as they are.
        return Ok(vec![as_is(bytes, stem, "gif", width, height)]);
    }
    let own = if format == ImageFormat::Png {
        Format::Png
    } else {
        Format::Jpeg
    };
    let has_alpha = image.color().has_alpha() && own == Format::Png;
    let image = if has_alpha {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    let mut targets: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if targets.len() < WIDTHS.len() {
        targets.push(width);
    }
    let mut resizer = Resizer::new();
    let mut out = Vec::with_capacity(targets.len() * 2);
    for target in targets {
        let target_height =
            ((u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width.max(1))).max(1) as u32;
        let resized = resize(&mut resizer, &image, target, target_height).map_err(failed)?;
        for format in [own, Format::Webp] {
            let bytes = encode(&resized, format, target, target_height).map_err(failed)?;
            let ext = match format {
                Format::Jpeg => "jpg",
                Format::Png => "png",
                _ => "webp",
            };
            let file_name = format!("{stem}-{target}.{}.{ext}", crate::names::short_hash(&bytes));
            out.push(Encoded {
                width: target,
                height: target_height,
                format,
                file_name,
                bytes,
            });
        }
    }
    Ok(out)
}

fn as_is(bytes: &[u8], stem: &str, extension: &str, width: u32, height: u32) -> Encoded {
    let file_name = format!("{stem}.{}.{extension}", crate::names::short_hash(bytes));
    Encoded {
        width,
        height,
        format: Format::AsIs,
        file_name,
        bytes: bytes.to_vec(),
    }
}

fn resize(resizer: &mut Resizer, image: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, String> {
    if image.width() == width && image.height() == height {
        return Ok(image.clone());
    }
    let (pixel_type, buffer) = match image {
        DynamicImage::ImageRgba8(i) => (PixelType::U8x4, i.as_raw().clone()),
        other => (PixelType::U8x3, other.to_rgb8().into_raw()),
    };
    let src = ResizeImage::from_vec_u8(image.width(), image.height(), buffer, pixel_type).map_err(|e| e.to_string())?;
    let mut dst = ResizeImage::new(width, height, pixel_type);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3));
    resizer.resize(&src, &mut dst, &options).map_err(|e| e.to_string())?;
    let raw = dst.into_vec();
    match pixel_type {
        PixelType::U8x4 => image::RgbaImage::from_raw(width, height, raw).map(DynamicImage::ImageRgba8),
        _ => image::RgbImage::from_raw(width, height, raw).map(DynamicImage::ImageRgb8),
    }
    .ok_or_else(|| "resizing gave a buffer of the wrong size".to_string())
}

fn encode(image: &DynamicImage, format: Format, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            rgb.write_with_encoder(encoder).map_err(|e| e.to_string())?;
        }
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut out);
            image.write_with_encoder(encoder).map_err(|e| e.to_string())?;
        }
        Format::Webp => {
            let memory = match image {
                DynamicImage::ImageRgba8(i) => webp::Encoder::from_rgba(i.as_raw(), width, height).encode(WEBP_QUALITY),
                other => {
                    let rgb = other.to_rgb8();
                    webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode(WEBP_QUALITY)
                }
            };
            out = memory.to_vec();
        }
        Format::AsIs => return Err("nothing to encode".into()),
    }
    Ok(out)
}

/// The description file of a cache entry: one variant a line,
/// `width height format file_name`, after a first line `width height`.
const ENTRY_FILE: &str = "picture";

fn read_entry(entry: &Path) -> Option<Picture> {
    let text = std::fs::read_to_string(entry.join(ENTRY_FILE)).ok()?;
    let mut lines = text.lines();
    let mut size = lines.next()?.split(' ');
    let (width, height) = (size.next()?.parse().ok()?, size.next()?.parse().ok()?);
    let mut variants = Vec::new();
    for line in lines {
        let mut parts = line.splitn(4, ' ');
        let w = parts.next()?.parse().ok()?;
        let h = parts.next()?.parse().ok()?;
        let format = match parts.next()? {
            "jpeg" => Format::Jpeg,
            "png" => Format::Png,
            "webp" => Format::Webp,
            _ => Format::AsIs,
        };
        let file_name = parts.next()?.to_string();
        let cached = entry.join(&file_name);
        if !cached.is_file() {
            return None;
        }
        variants.push(Variant {
            width: w,
            height: h,
            format,
            file_name,
            cached,
        });
    }
    Some(Picture {
        width,
        height,
        variants,
    })
}

/// Writes an entry into a temporary folder and renames it into place, so that
/// a build stopped halfway never leaves a half-written entry behind.
fn write_entry(entry: &Path, encoded: &[Encoded]) -> std::io::Result<()> {
    let parent = entry
        .parent()
        .ok_or_else(|| std::io::Error::other("the cache entry has no folder"))?;
    std::fs::create_dir_all(parent)?;
    let temp = parent.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        entry.file_name().and_then(|n| n.to_str()).unwrap_or("x")
    ));
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir_all(&temp)?;
    let (width, height) = encoded.iter().map(|e| (e.width, e.height)).max().unwrap_or((0, 0));
    let mut description = format!("{width} {height}\n");
    for e in encoded {
        std::fs::write(temp.join(&e.file_name), &e.bytes)?;
        let format = match e.format {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::AsIs => "as-is",
        };
        description.push_str(&format!("{} {} {format} {}\n", e.width, e.height, e.file_name));
    }
    std::fs::write(temp.join(ENTRY_FILE), description)?;
    match std::fs::rename(&temp, entry) {
        Ok(()) => Ok(()),
        // Another build wrote the same entry first: theirs is as good as ours.
        Err(_) if entry.join(ENTRY_FILE).is_file() => {
            let _ = std::fs::remove_dir_all(&temp);
            Ok(())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        image
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    /// A JPEG with an EXIF block: orientation 6 (turned 90° clockwise) and a GPS position.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let plain = jpeg(width, height);
        // A little-endian TIFF: IFD0 with Orientation=6 and a GPS IFD pointer;
        // the GPS IFD holds GPSLatitudeRef = "N".
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"II*\0");
        tiff.extend_from_slice(&8u32.to_le_bytes());
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        tiff.extend_from_slice(&38u32.to_le_bytes());
        tiff.extend_from_slice(&0u32.to_le_bytes());
        tiff.extend_from_slice(&1u16.to_le_bytes());
        tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        tiff.extend_from_slice(&0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn cache() -> (tempfile::TempDir, ImageCache) {
        let dir = tempfile::tempdir().unwrap();
        let cache = ImageCache::for_site(dir.path());
        (dir, cache)
    }

    #[test]
    fn resizes_to_each_width_in_webp_and_jpeg() {
        let (dir, cache) = cache();
        let source = dir.path().join("Drill Photo.jpg");
        std::fs::write(&source, jpeg(2000, 1500)).unwrap();
        let picture = cache.picture(&source, "content/drill.jpg").unwrap();
        assert_eq!(
            (picture.width, picture.height),
            (1600, 1200),
            "the widest published size"
        );
        let widths: Vec<(u32, u32, Format)> = picture.variants.iter().map(|v| (v.width, v.height, v.format)).collect();
        assert_eq!(
            widths,
            [
                (480, 360, Format::Jpeg),
                (480, 360, Format::Webp),
                (960, 720, Format::Jpeg),
                (960, 720, Format::Webp),
                (1600, 1200, Format::Jpeg),
                (1600, 1200, Format::Webp)
            ]
        );
        assert!(picture.variants[0].file_name.starts_with("drill-photo-480."));
        let decoded = image::open(&picture.variants[3].cached).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (960, 720));
    }

    #[test]
    fn markup_offers_webp_and_the_fallback_with_sizes() {
        let (dir, cache) = cache();
        let source = dir.path().join("drill.jpg");
        std::fs::write(&source, jpeg(1000, 500)).unwrap();
        let picture = cache.picture(&source, "drill.jpg").unwrap();
        let html = picture.markup("/2013/11/drill/", "演练 \"现场\"", "", true);
        assert!(
            html.starts_with("<picture><source type=\"image/webp\" srcset=\"/2013/11/drill/drill-480."),
            "{html}"
        );
        assert!(
            html.contains(" 960w, /2013/11/drill/drill-1000.") && html.contains("width=\"1000\" height=\"500\""),
            "{html}"
        );
        assert!(
            html.contains("alt=\"演练 &quot;现场&quot;\"")
                && html.ends_with("loading=\"lazy\" decoding=\"async\"></picture>"),
            "{html}"
        );
    }

    #[test]
    fn small_pictures_keep_their_width() {
        let (dir, cache) = cache();
        let source = dir.path().join("small.jpg");
        std::fs::write(&source, jpeg(300, 200)).unwrap();
        let picture = cache.picture(&source, "small.jpg").unwrap();
        assert!(picture.variants.iter().all(|v| v.width == 300));
        assert_eq!(picture.fallback().map(|v| v.format), Some(Format::Jpeg));
    }

    #[test]
    fn orientation_is_applied_and_metadata_stripped() {
        let (dir, cache) = cache();
        let source = dir.path().join("turned.jpg");
        let bytes = jpeg_with_exif(800, 600);
        assert!(bytes.windows(4).any(|w| w == b"Exif"));
        std::fs::write(&source, bytes).unwrap();
        let picture = cache.picture(&source, "turned.jpg").unwrap();
        assert_eq!((picture.width, picture.height), (600, 800), "turned upright");
        for v in &picture.variants {
            let out = std::fs::read(&v.cached).unwrap();
            assert!(!out.windows(4).any(|w| w == b"Exif"), "{} keeps EXIF", v.file_name);
        }
    }

    #[test]
    fn a_second_build_reuses_the_cache_and_a_change_invalidates_it() {
        let (dir, cache) = cache();
        let source = dir.path().join("a.jpg");
        std::fs::write(&source, jpeg(1000, 500)).unwrap();
        let first = cache.picture(&source, "a.jpg").unwrap();
        let modified = std::fs::metadata(&first.variants[0].cached)
            .unwrap()
            .modified()
            .unwrap();
        let again = cache.picture(&source, "a.jpg").unwrap();
        assert_eq!(first, again);
        assert_eq!(
            std::fs::metadata(&again.variants[0].cached)
                .unwrap()
                .modified()
                .unwrap(),
            modified,
            "not re-encoded"
        );
        std::fs::write(&source, jpeg(1000, 600)).unwrap();
        let changed = cache.picture(&source, "a.jpg").unwrap();
        assert_eq!(changed.height, 600);
        assert_ne!(changed.variants[0].file_name, first.variants[0].file_name);
    }

    #[test]
    fn missing_and_corrupt_pictures_are_errors() {
        let (dir, cache) = cache();
        assert_eq!(
            cache
                .picture(&dir.path().join("nope.jpg"), "content/nope.jpg")
                .unwrap_err(),
            ImageError::Missing("content/nope.jpg".into())
        );
        let broken = dir.path().join("broken.jpg");
        std::fs::write(&broken, b"\xFF\xD8\xFF\xE0 not really a jpeg").unwrap();
        assert!(matches!(
            cache.picture(&broken, "broken.jpg"),
            Err(ImageError::Corrupt { .. })
        ));
        let text = dir.path().join("notes.jpg");
        std::fs::write(&text, "hello").unwrap();
        assert!(matches!(
            cache.picture(&text, "notes.jpg"),
            Err(ImageError::Corrupt { .. })
        ));
    }

    #[test]
    fn why_a_picture_cannot_be_published_in_chinese() {
        use crate::i18n::Lang;
        let (dir, cache) = cache();
        let missing = cache
            .picture(&dir.path().join("nope.jpg"), "content/nope.jpg")
            .unwrap_err();
        assert_eq!(missing.message().render(Lang::Zh), "图片 content/nope.jpg 不存在");
        let text = dir.path().join("notes.jpg");
        std::fs::write(&text, "hello").unwrap();
        let corrupt = cache.picture(&text, "content/notes.jpg").unwrap_err();
        assert_eq!(
            corrupt.message().render(Lang::Zh),
            "图片 content/notes.jpg 无法识别，文件可能已损坏或不是图片（认不出图片格式；请用 JPEG、PNG、GIF 或 WebP 格式）"
        );
        assert_eq!(
            corrupt.message().render(Lang::En),
            "the picture content/notes.jpg is not a picture jianbao can read (unknown format; use JPEG, PNG, GIF or WebP)"
        );
    }

    #[test]
    fn png_keeps_transparency_and_svg_is_published_as_is() {
        let (dir, cache) = cache();
        let png = dir.path().join("logo.png");
        let image = image::RgbaImage::from_fn(600, 300, |x, _| image::Rgba([0, 0, 0, (x % 256) as u8]));
        image.save(&png).unwrap();
        let picture = cache.picture(&png, "logo.png").unwrap();
        assert_eq!(picture.fallback_format(), Format::Png);
        let svg = dir.path().join("map.svg");
        std::fs::write(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let picture = cache.picture(&svg, "map.svg").unwrap();
        assert_eq!(picture.variants.len(), 1);
        assert_eq!(picture.variants[0].format, Format::AsIs);
    }
}
