//! The articles of a site kept between builds, so that a rebuild (`serve`
//! makes one on every edit) reads only the files that changed on disk and
//! renders only the bodies whose text or links changed; a build with a fresh
//! cache is the plain load. Reading and checking one article is
//! [`crate::content`]'s; this module decides which articles need it again.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::discover::SourceFile;
use crate::content::{
    Alias, Article, CachedBody, FileStamp, LeftOut, LinkContext, LoadOptions, Loaded, Parsed, Withheld, broken_anchors,
    check_unique_urls, discover, links_unchanged, read_and_parse, render_body, stamp,
};
use crate::error::{Diagnostic, Diagnostics};
use crate::images::ImageCache;
use crate::markdown::MarkdownOptions;

/// Loads every article under `root/content`, with no cache: for the unit
/// tests of what loading reports.
#[cfg(test)]
pub(crate) fn load_articles(root: &Path, config: &Config, options: LoadOptions) -> Loaded {
    load_articles_cached(root, config, options, &mut ArticleCache::default())
}

/// Articles kept between builds of one site, so that a rebuild reads only the
/// files that changed on disk and renders only the bodies whose text or
/// links changed. `serve` keeps one for its whole run.
#[derive(Default)]
pub struct ArticleCache {
    /// What the cached results were computed with; a change empties the cache.
    settings: Option<Config>,
    files: HashMap<String, CachedFile>,
    /// The result of the last load that found no error.
    last: Option<LastLoad>,
}

/// A load's result, with what a reload of a few files needs to redo their part.
struct LastLoad {
    drafts: bool,
    future: bool,
    articles: Arc<Vec<Arc<Article>>>,
    /// Each article's `aliases:`, by its place in `articles`.
    aliases: Arc<Vec<Vec<Alias>>>,
    left_out: Arc<Vec<LeftOut>>,
    problems: Diagnostics,
    /// Where each article is in `articles`, by its content/-relative path.
    positions: HashMap<String, usize>,
    /// Every article's site path, by content/-relative path, as links resolve them.
    urls: BTreeMap<String, String>,
    withheld: BTreeMap<String, Withheld>,
    /// The date of the earliest article withheld as future: once it is past, it is published.
    next_release: Option<chrono::DateTime<chrono::FixedOffset>>,
}

struct CachedFile {
    stamp: FileStamp,
    parsed: Result<Arc<Parsed>, Vec<Diagnostic>>,
    body: Option<Arc<CachedBody>>,
}

impl ArticleCache {
    /// Empties the cache when it was filled with other settings than `config`.
    fn keep_only_for(&mut self, config: &Config) {
        // Only the configuration changes how a file parses; drafts and dates are
        // filtered after parsing, so a new "now" does not empty the cache.
        if self.settings.as_ref() != Some(config) {
            *self = ArticleCache {
                settings: Some(config.clone()),
                ..ArticleCache::default()
            };
        }
    }
}

impl LastLoad {
    /// What a reload needs to remember of `loaded`, a load that found no error.
    fn of(
        loaded: &Loaded,
        options: LoadOptions,
        urls: BTreeMap<String, String>,
        withheld: BTreeMap<String, Withheld>,
        next_release: Option<chrono::DateTime<chrono::FixedOffset>>,
    ) -> LastLoad {
        LastLoad {
            drafts: options.drafts,
            future: options.future,
            articles: Arc::clone(&loaded.articles),
            aliases: Arc::clone(&loaded.aliases),
            left_out: Arc::clone(&loaded.left_out),
            problems: loaded.problems.clone(),
            positions: loaded
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.content_path.clone(), i))
                .collect(),
            urls,
            withheld,
            next_release,
        }
    }

    /// The load as it stands now, sharing its lists.
    fn loaded(&self) -> Loaded {
        Loaded {
            articles: Arc::clone(&self.articles),
            aliases: Arc::clone(&self.aliases),
            left_out: Arc::clone(&self.left_out),
            problems: self.problems.clone(),
        }
    }
}

/// Like [`load_articles`], reusing what `cache` holds from the previous build
/// of the same site and leaving this build's results in it.
pub fn load_articles_cached(root: &Path, config: &Config, options: LoadOptions, cache: &mut ArticleCache) -> Loaded {
    cache.keep_only_for(config);
    cache.last = None;
    let mut problems = Diagnostics::new();
    let (files, found) = discover::discover(root);
    problems.extend(found);
    let files = reuse_or_parse_all(root, config, files, std::mem::take(&mut cache.files));
    let Separated {
        published,
        withheld,
        next_release,
        left_out,
    } = separate_withheld(&files, config, options, &mut problems);
    problems.extend(check_unique_urls(&published));
    let urls = site_paths(&published);
    let bodies = render_bodies(root, config, &files, &published, &urls, &withheld);
    check_bodies(&bodies, &mut problems);
    let (articles, aliases) = sort_newest_first(&bodies);
    cache.files = keep_bodies(files, bodies);
    let loaded = Loaded {
        articles: Arc::new(articles),
        aliases: Arc::new(aliases),
        left_out: Arc::new(left_out),
        problems,
    };
    if !loaded.problems.has_errors() {
        cache.last = Some(LastLoad::of(&loaded, options, urls, withheld, next_release));
    }
    loaded
}

/// The time that decides which articles are still future-dated.
fn now(options: LoadOptions, config: &Config) -> chrono::DateTime<chrono::FixedOffset> {
    options
        .now
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&config.utc_offset))
}

/// How the site's Markdown is rendered.
fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    }
}

/// Every file found, by content/-relative path, each reused from `old` or parsed again.
fn reuse_or_parse_all(
    root: &Path,
    config: &Config,
    files: Vec<SourceFile>,
    old: HashMap<String, CachedFile>,
) -> Vec<(String, CachedFile)> {
    files
        .into_par_iter()
        .map(|file| reuse_or_parse(root, config, file, &old))
        .collect()
}

/// One file, as `old` holds it when its size and time stamp are unchanged, else parsed again.
fn reuse_or_parse(
    root: &Path,
    config: &Config,
    file: SourceFile,
    old: &HashMap<String, CachedFile>,
) -> (String, CachedFile) {
    let stamp = stamp(&root.join(&file.path));
    let key = file.content_path.clone();
    match old.get(&key) {
        Some(c) if stamp.is_some_and(|s| c.stamp.unchanged(&s)) => (
            key,
            CachedFile {
                stamp: c.stamp,
                parsed: c.parsed.clone(),
                body: c.body.clone(),
            },
        ),
        _ => {
            let parsed = read_and_parse(root, file, config).map(Arc::new);
            let stamp = stamp.unwrap_or(FileStamp {
                len: 0,
                modified: None,
                settled: false,
            });
            (
                key,
                CachedFile {
                    stamp,
                    parsed,
                    body: None,
                },
            )
        }
    }
}

/// The parsed files of a load, split into those published and those withheld.
struct Separated<'a> {
    published: Vec<&'a Arc<Parsed>>,
    withheld: BTreeMap<String, Withheld>,
    /// The date of the earliest article withheld as future.
    next_release: Option<chrono::DateTime<chrono::FixedOffset>>,
    left_out: Vec<LeftOut>,
}

/// Sets drafts and scheduled articles apart from those published, collecting every file's problems.
fn separate_withheld<'a>(
    files: &'a [(String, CachedFile)],
    config: &Config,
    options: LoadOptions,
    problems: &mut Diagnostics,
) -> Separated<'a> {
    let now = now(options, config);
    let mut withheld = BTreeMap::new();
    let mut next_release: Option<chrono::DateTime<chrono::FixedOffset>> = None;
    let mut published: Vec<&Arc<Parsed>> = Vec::with_capacity(files.len());
    let mut left_out = Vec::new();
    for (_, file) in files {
        if let Ok(p) = &file.parsed {
            problems.extend(p.warnings.iter().cloned());
        }
        match &file.parsed {
            Ok(p) if p.front.draft && !options.drafts => {
                withheld.insert(p.file.content_path.clone(), Withheld::Draft);
                left_out.push(LeftOut::of(p, true, config));
            }
            Ok(p) if p.front.date > now && !options.future => {
                withheld.insert(p.file.content_path.clone(), Withheld::Future);
                next_release = Some(next_release.map_or(p.front.date, |d| d.min(p.front.date)));
                left_out.push(LeftOut::of(p, false, config));
            }
            Ok(p) => published.push(p),
            Err(ds) => problems.extend(ds.iter().cloned()),
        }
    }
    Separated {
        published,
        withheld,
        next_release,
        left_out,
    }
}

/// Every published article's site path, by content/-relative path.
fn site_paths(published: &[&Arc<Parsed>]) -> BTreeMap<String, String> {
    published
        .iter()
        .map(|p| (p.file.content_path.clone(), p.url_path.clone()))
        .collect()
}

/// Every published article's body, reusing the cached one when its parse and links are unchanged.
fn render_bodies(
    root: &Path,
    config: &Config,
    files: &[(String, CachedFile)],
    published: &[&Arc<Parsed>],
    urls: &BTreeMap<String, String>,
    withheld: &BTreeMap<String, Withheld>,
) -> Vec<Arc<CachedBody>> {
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls,
        withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    let md_options = markdown_options(config);
    let previous: HashMap<&str, &Arc<CachedBody>> = files
        .iter()
        .filter_map(|(k, f)| f.body.as_ref().map(|b| (k.as_str(), b)))
        .collect();
    published
        .par_iter()
        .map(|p| match previous.get(p.file.content_path.as_str()) {
            Some(body) if Arc::ptr_eq(&body.parsed, p) && links_unchanged(body, &links) => Arc::clone(body),
            _ => Arc::new(render_body(p, &links, md_options)),
        })
        .collect()
}

/// Collects the bodies' problems, and the links to headings the articles linked to do not have.
fn check_bodies(bodies: &[Arc<CachedBody>], problems: &mut Diagnostics) {
    let by_content_path: HashMap<&str, &Article> = bodies
        .iter()
        .map(|b| (b.parsed.file.content_path.as_str(), b.article.as_ref()))
        .collect();
    for body in bodies {
        problems.extend(body.problems.iter().cloned());
        problems.extend(broken_anchors(body, &|path| by_content_path.get(path).copied()));
    }
}

/// The articles newest first, with each one's aliases at the same place.
fn sort_newest_first(bodies: &[Arc<CachedBody>]) -> (Vec<Arc<Article>>, Vec<Vec<Alias>>) {
    let mut sorted: Vec<&Arc<CachedBody>> = bodies.iter().collect();
    sorted.sort_by(|a, b| Article::newest_first(&a.article, &b.article));
    let articles = sorted.iter().map(|b| Arc::clone(&b.article)).collect();
    let aliases = sorted.iter().map(|b| b.parsed.aliases.clone()).collect();
    (articles, aliases)
}

/// The files to cache for the next load, each with its body when it was published.
fn keep_bodies(files: Vec<(String, CachedFile)>, bodies: Vec<Arc<CachedBody>>) -> HashMap<String, CachedFile> {
    let mut by_path: HashMap<String, Arc<CachedBody>> = bodies
        .into_iter()
        .map(|b| (b.parsed.file.content_path.clone(), b))
        .collect();
    files
        .into_iter()
        .map(|(key, mut file)| {
            file.body = by_path.remove(&key);
            (key, file)
        })
        .collect()
}

/// A reload of some articles: the articles and the positions (in the
/// newest-first list) of the articles replaced.
pub type Reloaded = (Loaded, Vec<usize>);

/// Like [`load_articles_cached`], when only the files `changed` (content/-relative
/// paths) can differ from the last load, which found no error: reads, and
/// renders, only those. `None` when that is not enough, and every file must be
/// looked at: the last load failed, or the settings changed, or a changed file
/// is new, gone, withheld, fails to load, or would move in the list or change
/// another article's links. The cache is left as it was then.
pub fn reload_articles(
    root: &Path,
    config: &Config,
    options: LoadOptions,
    cache: &mut ArticleCache,
    changed: &[String],
) -> Option<Reloaded> {
    let last = reusable_last_load(cache, config, options)?;
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls: &last.urls,
        withheld: &last.withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    let reloaded = changed
        .iter()
        .map(|path| reload_file(root, config, &cache.files, last, &links, path))
        .collect::<Option<Vec<_>>>()?;
    let last = cache.last.as_mut()?;
    last.problems = problems_after_reload(&last.problems, &reloaded);
    let positions = replace_reloaded(last, &mut cache.files, reloaded);
    Some((last.loaded(), positions))
}

/// The last load, when a reload can start from it: same settings and options, and no scheduled article due yet.
fn reusable_last_load<'a>(cache: &'a ArticleCache, config: &Config, options: LoadOptions) -> Option<&'a LastLoad> {
    let last = cache.last.as_ref()?;
    if cache.settings.as_ref() != Some(config) || last.drafts != options.drafts || last.future != options.future {
        return None;
    }
    if last.next_release.is_some_and(|d| d <= now(options, config)) {
        return None;
    }
    Some(last)
}

/// One changed file read and rendered again, to take its article's place in the last load.
struct ReloadedFile<'a> {
    path: &'a String,
    position: usize,
    stamp: FileStamp,
    parsed: Arc<Parsed>,
    body: Arc<CachedBody>,
}

/// Reads and renders one changed file again; `None` when the change reaches beyond its own article.
fn reload_file<'a>(
    root: &Path,
    config: &Config,
    files: &HashMap<String, CachedFile>,
    last: &LastLoad,
    links: &LinkContext<'_>,
    path: &'a String,
) -> Option<ReloadedFile<'a>> {
    let position = *last.positions.get(path)?;
    let file = files.get(path)?;
    let old = file.parsed.as_ref().ok()?;
    let stamp = stamp(&root.join(&old.file.path))?;
    let parsed = Arc::new(read_and_parse(root, old.file.clone(), config).ok()?);
    let same_place =
        parsed.url_path == old.url_path && parsed.front.date == old.front.date && parsed.front.draft == old.front.draft;
    if !same_place {
        return None;
    }
    let body = render_body(&parsed, links, markdown_options(config));
    if !links_still_hold(last, position, &body) {
        return None;
    }
    Some(ReloadedFile {
        path,
        position,
        stamp,
        parsed,
        body: Arc::new(body),
    })
}

/// Whether a re-rendered body keeps its headings and finds no error or broken anchor in its links.
fn links_still_hold(last: &LastLoad, position: usize, body: &CachedBody) -> bool {
    // Other articles may link to its headings: when they change, every link is checked again.
    let old_headings = last.articles[position].headings.iter().map(|h| &h.id);
    if !old_headings.eq(body.article.headings.iter().map(|h| &h.id)) {
        return false;
    }
    let article_of = |p: &str| last.positions.get(p).map(|&i| last.articles[i].as_ref());
    !body.problems.iter().any(Diagnostic::is_error) && broken_anchors(body, &article_of).is_empty()
}

/// The last load's problems, with the reloaded files' own in place of those they had.
fn problems_after_reload(old: &Diagnostics, reloaded: &[ReloadedFile<'_>]) -> Diagnostics {
    // The warnings of the files reloaded are theirs now, not those of the last load.
    let sources: Vec<&PathBuf> = reloaded.iter().map(|r| &r.parsed.file.path).collect();
    let mut problems: Diagnostics = old.iter().filter(|d| !sources.contains(&&d.path)).cloned().collect();
    for r in reloaded {
        problems.extend(r.parsed.warnings.iter().cloned());
        problems.extend(r.body.problems.iter().cloned());
    }
    problems
}

/// Puts the reloaded articles in the last load and their files in the cache; returns their positions.
fn replace_reloaded(
    last: &mut LastLoad,
    files: &mut HashMap<String, CachedFile>,
    reloaded: Vec<ReloadedFile<'_>>,
) -> Vec<usize> {
    let articles = Arc::make_mut(&mut last.articles);
    let aliases = Arc::make_mut(&mut last.aliases);
    let mut positions = Vec::with_capacity(reloaded.len());
    for r in reloaded {
        articles[r.position] = Arc::clone(&r.body.article);
        aliases[r.position].clone_from(&r.parsed.aliases);
        positions.push(r.position);
        files.insert(
            r.path.clone(),
            CachedFile {
                stamp: r.stamp,
                parsed: Ok(r.parsed),
                body: Some(r.body),
            },
        );
    }
    positions
}
