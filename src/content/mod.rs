//! One article read and validated: its bytes decoded, its front matter
//! checked, its URL assigned, its body rendered with its links resolved and
//! its pictures and attachments found.
//!
//! Loading every article of a site, and keeping them between runs, is the
//! pipeline's (`pipeline::articles`): it runs two parallel passes over these
//! functions, the first reading every file and its front matter, which is
//! enough to know every article's URL, the second rendering the bodies, which
//! needs those URLs to turn `.md` links into links.
//!
//! Where a body's links lead is `links`'s; the pictures it shows, `pictures`'s;
//! the other files it publishes, `attachments`'s; telling a changed file from
//! an unchanged one, `stamps`'s.

pub mod aliases;
pub mod attachments;
mod body;
pub mod discover;
pub mod front_matter;
mod links;
mod pictures;
mod stamps;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::Datelike;

use crate::config::Config;
use crate::error::{Area, Diagnostic, Diagnostics, line_col};
use crate::i18n::Message;
use crate::images::Picture;
use crate::markdown::{self, Heading, LinkTarget, MarkdownOptions, cjk};
use crate::msg;
use crate::par::locked;
use crate::slug;
pub use aliases::Alias;
pub use attachments::Attachment;
pub use body::{Body, HELD_TEXT, SPILL_DIR, SetAside, Spill, held_markdown};
pub use discover::{CONTENT_DIR, SourceFile};
pub use front_matter::{Byline, FrontMatter, Image, Kind};
pub(crate) use links::{LinkContext, Urls, broken_anchors, links_unchanged, may_link_to};
use links::{has_scheme, link_position};
use pictures::PicturesUsed;
pub(crate) use stamps::{FileStamp, SETTLE_TIME, SourceStamp, StampedPath, names_joined, stamp, stamps};

/// An article ready to be shown: its front matter, its URL and its body as HTML.
#[derive(Clone, Debug)]
pub struct Article {
    /// The file, relative to the site root: `content/2013/11/drill.md`.
    pub source: PathBuf,
    /// The file relative to content/: `2013/11/drill.md`.
    pub content_path: String,
    pub front: FrontMatter,
    pub slug: String,
    /// The line of its `slug:`, when front matter names the slug (else the file's name made it).
    pub slug_line: Option<usize>,
    /// The site path of its page: `2013/11/drill/`.
    pub url_path: String,
    /// The body as HTML, held or set aside (see [`Body`]).
    pub body: Body,
    /// A hash of the body's HTML and headings: the pages showing it change with it.
    pub body_hash: u64,
    /// The ids the body's HTML gives its elements, which links may name after `#`.
    pub element_ids: Vec<String>,
    /// Plain text: from front matter, else up to `<!-- more -->`, else the opening.
    pub summary: String,
    pub char_count: usize,
    pub reading_minutes: usize,
    pub headings: Vec<Heading>,
    /// The body as plain text, for the search index; empty when the site has no search.
    pub search_text: std::sync::Arc<str>,
    /// The front matter's `image`, resized, when it is a file beside the article.
    pub lead_picture: Option<Picture>,
    /// Every picture published beside the article's page: the lead and the body's.
    pub pictures: Vec<Picture>,
    /// The other files published beside its page (附件): those its body links
    /// to, in the order it links them, then the rest of its own folder's.
    pub attachments: Vec<Attachment>,
    /// The shortcodes its body calls, in order, with their lines; the render
    /// stage puts each one's template output in place of its token in `html`.
    pub shortcodes: Vec<markdown::shortcodes::ShortcodeCall>,
}

impl Article {
    /// The body's HTML, held or read back from where the build set it aside.
    pub fn body_html(&self) -> Result<Cow<'_, str>, Diagnostic> {
        self.body.html().map_err(|e| body::unreadable(&self.source, &e))
    }

    /// The site's order of articles: newest first, then by URL, a total order
    /// so that every list is the same whatever order files were read in.
    pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.url_path.cmp(&b.url_path))
    }
}

/// How much to load.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Include articles dated after `now`.
    pub future: bool,
    /// What "now" is for future-dated articles; the current time when `None`.
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Why an article that exists is not published in this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Withheld {
    Draft,
    Future,
}

/// Characters in an automatic summary.
const SUMMARY_CHARS: usize = 120;

/// The articles of a site as a load leaves them.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Newest first (then by URL, so equal dates keep one order).
    pub articles: Arc<Vec<Arc<Article>>>,
    /// Each article's former addresses (`aliases:`), by its place in `articles`.
    pub aliases: Arc<Vec<Vec<Alias>>>,
    /// The drafts and scheduled articles this load left out, in file order.
    pub left_out: Arc<Vec<LeftOut>>,
    /// Every problem found.
    pub problems: Diagnostics,
}

/// An article that exists but is not published by this build: a draft, or one
/// scheduled (dated in the future), for the build's summary.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LeftOut {
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// A draft; else scheduled.
    pub draft: bool,
    /// Its date, in the site's time zone.
    pub date: chrono::DateTime<chrono::FixedOffset>,
}

impl LeftOut {
    pub(crate) fn of(p: &Parsed, draft: bool, config: &Config) -> LeftOut {
        LeftOut {
            source: p.file.path.clone(),
            draft,
            date: p.front.date.with_timezone(&config.utc_offset),
        }
    }
}

/// One article's body as rendered, with what rendering it depended on, so
/// that a rebuild can tell whether rendering it again would come out the same.
pub(crate) struct CachedBody {
    /// The parse it was rendered from; a new parse means a new render.
    pub(crate) parsed: Arc<Parsed>,
    /// Shared with every site built from it, so that a rebuild copies no bodies.
    pub(crate) article: Arc<Article>,
    pub(crate) problems: Vec<Diagnostic>,
    /// Every link the body resolved, and how, to see whether a rebuild resolves it differently.
    links: Vec<(String, LinkTarget)>,
    /// Every picture file it used, as it was then, to see whether one changed.
    picture_files: Vec<(PathBuf, Option<FileStamp>)>,
    /// What its attachments were found from, to see whether they changed.
    attachment_files: attachments::Seen,
}

/// An article's Markdown after its front matter: held, lent to the
/// rendering of its body, or set aside until then (see [`HELD_TEXT`]).
enum Markdown {
    Held(String),
    /// Held until its body is rendered, which takes it; the HTML is then set
    /// aside in `spill`. Read from `file` again if it is wanted after that.
    /// Only ever taken whole or looked at, so a panic leaves it whole.
    Lent {
        text: Mutex<Option<String>>,
        file: PathBuf,
        spill: Arc<Spill>,
    },
    SetAside(SetAside),
}

/// How a build keeps an article's text between reading its file and making
/// its page (see [`HELD_TEXT`]).
#[derive(Clone, Copy)]
pub(crate) enum Keeping<'s> {
    /// The Markdown and the HTML held.
    Held,
    /// The Markdown held until the body is rendered, the HTML set aside.
    Lent(&'s Arc<Spill>),
    /// Both set aside.
    SetAside(&'s Arc<Spill>),
}

/// An article after the first pass: front matter valid, body not yet rendered.
pub(crate) struct Parsed {
    pub(crate) file: SourceFile,
    pub(crate) front: FrontMatter,
    slug: String,
    pub(crate) url_path: String,
    /// The Markdown after the front matter, or where to read it again.
    body: Markdown,
    body_line: usize,
    /// The line of the `image:` key, for problems with the lead picture.
    image_line: usize,
    /// The line of the `kind:` key, for a photo item without a picture.
    kind_line: usize,
    /// What reading the front matter mended, as warnings.
    pub(crate) warnings: Vec<Diagnostic>,
    /// The line of the `slug:` key, when the front matter has one, for a URL two articles share.
    slug_line: Option<usize>,
    /// Its former addresses, from `aliases:`.
    pub(crate) aliases: Vec<Alias>,
}

impl Parsed {
    /// The Markdown after the front matter: held, or read back from where it was set aside.
    pub(crate) fn markdown(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match &self.body {
            Markdown::Held(markdown) => Ok(Cow::Borrowed(markdown)),
            Markdown::Lent { text, file, .. } => match locked(text).as_ref() {
                Some(markdown) => Ok(Cow::Owned(markdown.clone())),
                None => self.read_again(file).map(Cow::Owned),
            },
            Markdown::SetAside(aside) => aside
                .read()
                .map(Cow::Owned)
                .map_err(|e| body::unreadable(&self.file.path, &e)),
        }
    }

    /// The Markdown for rendering the body: as [`Parsed::markdown`], except
    /// that Markdown lent to the rendering is taken, so that its memory is
    /// free as soon as the body is rendered.
    fn markdown_to_render(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match &self.body {
            Markdown::Lent { text, file, .. } => match locked(text).take() {
                Some(markdown) => Ok(Cow::Owned(markdown)),
                None => self.read_again(file).map(Cow::Owned),
            },
            _ => self.markdown(),
        }
    }

    /// The Markdown after the front matter of `file`, read again: for the
    /// place of a broken link in Markdown the rendering has let go of.
    fn read_again(&self, file: &Path) -> Result<String, Diagnostic> {
        let unreadable = |e: &std::io::Error| body::unreadable(&self.file.path, e);
        let bytes = std::fs::read(file).map_err(|e| unreadable(&e))?;
        let invalid = || unreadable(&std::io::ErrorKind::InvalidData.into());
        let text = decode(&bytes).map_err(|_| invalid())?;
        let split = front_matter::split(&text).map_err(|_| invalid())?;
        Ok(split.body.to_string())
    }
}

/// The first pass for one file: read from disk, then as [`parse_source`],
/// its text kept as `keeping` says until its page is made.
pub(crate) fn read_and_parse(
    root: &Path,
    file: SourceFile,
    config: &Config,
    keeping: Keeping<'_>,
) -> Result<Parsed, Vec<Diagnostic>> {
    let path = root.join(&file.path);
    let bytes = std::fs::read(&path)
        .map_err(|e| vec![crate::error::io_error(&file.path, msg!("content-io-read-article"), &e)])?;
    let mut parsed = parse_source(file, &bytes, config)?;
    let Markdown::Held(markdown) = &mut parsed.body else {
        return Ok(parsed);
    };
    if config.markdown.highlight {
        crate::markdown::highlight::prepare_languages_of(markdown);
    }
    match keeping {
        Keeping::Held => {}
        Keeping::Lent(spill) => {
            parsed.body = Markdown::Lent {
                text: Mutex::new(Some(std::mem::take(markdown))),
                file: path,
                spill: Arc::clone(spill),
            }
        }
        // Held when it cannot be written: a full disk costs memory, not the build.
        Keeping::SetAside(spill) => {
            if let Ok(aside) = spill.put(markdown) {
                parsed.body = Markdown::SetAside(aside);
            }
        }
    }
    Ok(parsed)
}

/// One article parsed and rendered from its bytes as a build would, alone,
/// with its former addresses: links to other articles are reported as leading
/// nowhere. For tools that check a single file, and for fuzzing the whole
/// article pipeline.
pub fn article_from_bytes(
    content_path: &str,
    bytes: &[u8],
    config: &Config,
) -> Result<(Article, Vec<Alias>), Vec<Diagnostic>> {
    let file = SourceFile {
        path: Path::new(CONTENT_DIR).join(content_path),
        content_path: content_path.to_string(),
    };
    let parsed = Arc::new(parse_source(file, bytes, config)?);
    let urls: BTreeMap<String, String> = [(parsed.file.content_path.clone(), parsed.url_path.clone())].into();
    let links = LinkContext {
        urls: links::Urls::of(&urls),
        withheld: &BTreeMap::new(),
        config,
        pictures: None,
    };
    let options = MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    };
    let body = render_body(&parsed, &links, options);
    if body.problems.iter().any(Diagnostic::is_error) {
        return Err(body.problems.clone());
    }
    Ok((Article::clone(&body.article), parsed.aliases.clone()))
}

fn parse_source(file: SourceFile, bytes: &[u8], config: &Config) -> Result<Parsed, Vec<Diagnostic>> {
    let error = |line, column, message: Message, hint: Option<Message>| {
        let mut d = Diagnostic::error(Area::Content, file.path.clone(), line, column, message);
        d.hint = hint;
        d
    };
    let text = decode(bytes)
        .map_err(|(line, column, message)| vec![error(line, column, message, Some(msg!("content-not-utf8-hint")))])?;
    let split = front_matter::split(&text).map_err(|p| vec![error(p.line, p.column, p.message, p.hint)])?;
    let read = front_matter::read(split.yaml, split.yaml_line, config).map_err(|ps| {
        ps.into_iter()
            .map(|p| error(p.line, p.column, p.message, p.hint))
            .collect::<Vec<_>>()
    })?;
    let front_matter::ReadFrontMatter {
        front,
        aliases,
        warnings,
    } = read;
    let warnings = warnings
        .into_iter()
        .map(|p| {
            let mut d = Diagnostic::warning(Area::Content, file.path.clone(), p.line, p.column, p.message);
            d.hint = p.hint;
            d
        })
        .collect();
    let slug = match &front.slug {
        Some(s) => s.clone(),
        None => slug_from_file_name(&file.path)
            .ok_or_else(|| vec![error(0, 0, msg!("content-no-slug"), Some(msg!("content-no-slug-hint")))])?,
    };
    let url_path = format!("{:04}/{:02}/{slug}/", front.date.year(), front.date.month());
    let file_line = |key| crate::yaml::key_line(split.yaml, key).map(|l| l + split.yaml_line - 1);
    let image_line = file_line("image").unwrap_or(1);
    Ok(Parsed {
        image_line,
        kind_line: file_line("kind").unwrap_or(1),
        slug_line: file_line("slug"),
        warnings,
        aliases,
        body: Markdown::Held(split.body.to_string()),
        body_line: split.body_line,
        file,
        front,
        slug,
        url_path,
    })
}

/// The text of a file: UTF-8, with a byte-order mark and CR line ends removed.
/// An invalid byte is named with its line and column.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, (usize, usize, Message)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        });
    }
    // Only std's check says where the first bad byte is.
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n")),
        Err(e) => {
            let good = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..good]);
            let (line, column) = line_col(&before, before.len());
            Err((
                line,
                column,
                msg!("content-not-utf8", byte = format!("{:02X}", bytes[good])),
            ))
        }
    }
}

/// The name an article's file gives its URL when it has no `slug:`: the
/// file's stem (`drill.md` → `drill`), or its folder's for `drill/index.md`.
pub fn url_name(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    if stem == "index" || stem == "_index" {
        path.parent()?.file_name()?.to_str()
    } else {
        Some(stem)
    }
}

/// The slug a file's name gives: `drill.md` → `drill`; `drill/index.md` → `drill`;
/// `消防演练.md` → `xiao-fang-yan-lian`.
fn slug_from_file_name(path: &Path) -> Option<String> {
    let s = slug::slugify(url_name(path)?);
    (!s.is_empty()).then_some(s)
}

/// An error at every article whose URL another article has too: one of them
/// would overwrite the other's page.
pub(crate) fn check_unique_urls(articles: &[&Arc<Parsed>]) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&Parsed>> = BTreeMap::new();
    for a in articles {
        by_url.entry(&a.url_path).or_default().push(a);
    }
    let mut problems = Vec::new();
    for (url, same) in by_url.into_iter().filter(|(_, v)| v.len() > 1) {
        for a in &same {
            let others: Vec<String> = same
                .iter()
                .filter(|o| o.file != a.file)
                .map(|o| o.file.path.display().to_string())
                .collect();
            // Point at the `slug:` that made the URL, or at the top when the file name made it.
            let (line, hint) = match a.slug_line {
                Some(line) => (line, msg!("content-same-url-slug-hint")),
                None => (1, msg!("content-same-url-file-hint")),
            };
            let d = Diagnostic::error(
                Area::Content,
                a.file.path.clone(),
                line,
                1,
                msg!("content-same-url", url = url, others = others),
            )
            .with_hint(hint);
            problems.push(d);
        }
    }
    problems
}

/// The problems rendering the body of `p` found, at their lines in its file.
fn body_problems(p: &Parsed, markdown: &str, found: &[markdown::BodyProblem]) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|bp| {
            let (line, column) = line_col(markdown, bp.offset);
            let mut d = Diagnostic::error(
                Area::Content,
                p.file.path.clone(),
                line + p.body_line - 1,
                column,
                bp.message.clone(),
            );
            d.severity = bp.severity;
            d.hint = bp.hint.clone();
            d
        })
        .collect()
}

/// The summary of `p`: from its front matter, else its text up to
/// `<!-- more -->`, else its opening.
fn summary_of(p: &Parsed, body: &markdown::RenderedBody) -> String {
    match (&p.front.summary, &body.text_before_more) {
        (Some(s), _) => s.clone(),
        (None, Some(before)) => cjk::summarize(before, usize::MAX),
        (None, None) => cjk::summarize(&body.lead_text, SUMMARY_CHARS),
    }
}

/// The second pass for one article: its body rendered, links and pictures
/// resolved, with what that depended on. The HTML is held or set aside as
/// the Markdown was.
pub(crate) fn render_body(p: &Arc<Parsed>, links: &LinkContext<'_>, options: MarkdownOptions) -> CachedBody {
    // Markdown that cannot be read back is rendered as empty, with the error that stops the build.
    let (markdown, unreadable) = match p.markdown_to_render() {
        Ok(markdown) => (markdown, None),
        Err(problem) => (Cow::Borrowed(""), Some(problem)),
    };
    let Resolved {
        body,
        links: resolved,
        mut pictures,
    } = render_resolving(p, &markdown, links, options);
    let mut problems = body_problems(p, &markdown, &body.problems);
    match unreadable {
        Some(problem) => problems.push(problem),
        None => problems.extend(missing_parts(p, &markdown, body.pictures)),
    }
    let lead_picture = match links.lead_picture(p, &mut pictures) {
        Ok(picture) => picture,
        Err(d) => {
            problems.push(*d);
            None
        }
    };
    let attached = links.attachments(p, &markdown, &resolved, &pictures.files);
    problems.extend(attached.problems);
    let summary = summary_of(p, &body);
    let char_count = body.char_count();
    let article = Article {
        source: p.file.path.clone(),
        content_path: p.file.content_path.clone(),
        front: p.front.clone(),
        slug: p.slug.clone(),
        slug_line: p.slug_line,
        url_path: p.url_path.clone(),
        body_hash: body::hash_of(&(&body.html, &body.headings)),
        element_ids: body::element_ids(&body.html),
        body: held_or_set_aside(p, body.html),
        summary,
        char_count,
        reading_minutes: cjk::reading_minutes(char_count),
        headings: body.headings,
        // Only search reads the plain text; a site without search need not hold a second copy of every body.
        search_text: if links.config.search {
            body.text.into()
        } else {
            Default::default()
        },
        lead_picture,
        pictures: pictures.published,
        attachments: attached.files,
        shortcodes: at_file_lines(p, &markdown, body.shortcodes),
    };
    CachedBody {
        parsed: Arc::clone(p),
        article: Arc::new(article),
        problems,
        links: resolved,
        picture_files: pictures.files,
        attachment_files: attached.seen,
    }
}

/// A body rendered, with what its links and pictures were resolved to.
struct Resolved {
    body: markdown::RenderedBody,
    /// Every link destination, in order, with its answer.
    links: Vec<(String, LinkTarget)>,
    pictures: PicturesUsed,
}

/// The `markdown` of `p` rendered, each link and picture resolved through `links`.
fn render_resolving(p: &Parsed, markdown: &str, links: &LinkContext<'_>, options: MarkdownOptions) -> Resolved {
    let resolved = std::cell::RefCell::new(Vec::new());
    let pictures = std::cell::RefCell::new(PicturesUsed::default());
    let body = markdown::render_with_images(
        markdown,
        options,
        &|dest| {
            let target = links.resolve(&p.file.content_path, dest);
            resolved.borrow_mut().push((dest.to_string(), target.clone()));
            target
        },
        &|image| links.body_picture(p, image, &mut pictures.borrow_mut()),
    );
    Resolved {
        body,
        links: resolved.into_inner(),
        pictures: pictures.into_inner(),
    }
}

/// `html` as the body of `p`: held or set aside, as its Markdown was.
fn held_or_set_aside(p: &Parsed, html: String) -> Body {
    match &p.body {
        // Rendered into room for more than it needed; held as it is, every
        // body of a build would keep that room, and it costs fresh memory.
        Markdown::Held(_) if html.capacity() - html.len() > html.len() / 16 => Body::Held(html.as_str().to_owned()),
        Markdown::Held(_) => Body::Held(html),
        Markdown::Lent { spill, .. } => spill.body(html),
        Markdown::SetAside(markdown) => markdown.beside(html),
    }
}

/// Shortcode `calls` found in the `markdown` of `p`, placed at their lines and columns in its file.
fn at_file_lines(
    p: &Parsed,
    markdown: &str,
    calls: Vec<markdown::shortcodes::ShortcodeCall>,
) -> Vec<markdown::shortcodes::ShortcodeCall> {
    calls
        .into_iter()
        .map(|mut call| {
            let (line, column) = line_col(markdown, call.offset);
            (call.line, call.column) = (line + p.body_line - 1, column);
            call
        })
        .collect()
}

/// Warnings for an article that lacks what it is for: a photo item without a
/// picture, an article without a word of text.
fn missing_parts(p: &Parsed, markdown: &str, body_pictures: usize) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if p.front.kind == Kind::Photo && p.front.image.is_none() && body_pictures == 0 {
        warnings.push(
            Diagnostic::warning(
                Area::Content,
                p.file.path.clone(),
                p.kind_line,
                1,
                msg!("content-photo-no-picture"),
            )
            .with_hint(msg!("content-photo-no-picture-hint")),
        );
    }
    if markdown.trim().is_empty() {
        // The line of the closing `---`: the text belongs under it.
        warnings.push(
            Diagnostic::warning(
                Area::Content,
                p.file.path.clone(),
                p.body_line - 1,
                1,
                msg!("content-no-text"),
            )
            .with_hint(msg!("content-no-text-hint")),
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::pipeline::articles::load_articles;

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(
            slug_from_file_name(Path::new("content/2013/11/drill.md")).as_deref(),
            Some("drill")
        );
        assert_eq!(
            slug_from_file_name(Path::new("content/2013/11/drill/index.md")).as_deref(),
            Some("drill")
        );
        assert_eq!(
            slug_from_file_name(Path::new("content/消防演练.md")).as_deref(),
            Some("xiao-fang-yan-lian")
        );
        assert_eq!(
            slug_from_file_name(Path::new("content/Fire_Drill.md")).as_deref(),
            Some("fire-drill")
        );
        assert_eq!(slug_from_file_name(Path::new("content/——.md")), None);
    }

    const SITE_YAML: &str =
        "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区: { slug: minhang }\n";

    pub(super) fn config() -> Config {
        crate::config::parse_config(SITE_YAML, &crate::config::Overrides::default()).expect("site.yaml")
    }

    /// Loads a site of these articles (content/-relative path, whole file) and
    /// shows its problems as the text report does, in 简体中文.
    pub(super) fn problems_in_chinese(articles: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in articles {
            let file = dir.path().join(CONTENT_DIR).join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let loaded = load_articles(dir.path(), &config(), LoadOptions::default());
        loaded.problems.iter().map(|d| d.render(Lang::Zh)).collect()
    }

    #[test]
    fn two_articles_at_one_url_and_articles_without_text_are_told_in_chinese() {
        let one = "---\ntitle: 消防演练\ndate: 2013-11-01\ndistrict: 闵行区\nslug: drill\n---\n本报讯 正文。\n";
        let other = "---\ntitle: 消防演练（续）\ndate: 2013-11-05\ndistrict: 闵行区\n---\n";
        let photo = "---\ntitle: 演练现场\ndate: 2013-11-06\ndistrict: 闵行区\nkind: photo\n---\n本报讯 正文。\n";
        let shown = problems_in_chinese(&[
            ("2013/11/a.md", one),
            ("2013/11/drill.md", other),
            ("2013/11/photo.md", photo),
        ]);
        assert_eq!(
            shown,
            [
                "content/2013/11/a.md:5:1: 错误：网址 /2013/11/drill/ 与 content/2013/11/drill.md 的网址重复\n  \
                 提示：给其中一篇文章换一个 `slug:`（网址名）",
                "content/2013/11/drill.md:1:1: 错误：网址 /2013/11/drill/ 与 content/2013/11/a.md 的网址重复\n  \
                 提示：这个网址是由文件名生成的：给其中一篇文章加上自己的 `slug:`（网址名）",
                "content/2013/11/drill.md:5:1: 警告：这篇文章没有正文\n  提示：在文章头部结尾的 `---` 下面写正文",
                "content/2013/11/photo.md:5:1: 警告：这条图片新闻没有图片\n  \
                 提示：加一张图片，例如 image: { src: drill.jpg, caption: 演练现场 }，或者把 `kind` 改成别的类型",
            ]
        );
    }

    #[test]
    fn decodes_bom_and_crlf_and_names_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n").unwrap(), "---\ntitle: x\n");
        let (line, column, message) = decode(b"---\nab\xFFc").unwrap_err();
        assert_eq!((line, column), (2, 3));
        assert_eq!(
            message.render(Lang::En),
            "the file is not UTF-8: byte 0xFF cannot start a character"
        );
        assert_eq!(
            message.render(Lang::Zh),
            "文件不是 UTF-8 编码：从这里起有无法识别的字符（字节 0xFF）"
        );
    }
}
