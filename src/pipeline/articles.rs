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
    Alias, Article, CachedBody, FileStamp, Keeping, LeftOut, LinkContext, LoadOptions, Loaded, Parsed, StampedPath,
    Urls, Withheld, broken_anchors, check_unique_urls, discover, held_markdown, links_unchanged, may_link_to,
    names_joined, read_and_parse, render_body, stamp, stamps,
};
use crate::content::{CONTENT_DIR, SPILL_DIR, Spill};
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
    /// What the cached results were computed with (see [`ArticleCache::keep_only_for`]).
    settings: Option<Config>,
    files: HashMap<String, CachedFile>,
    /// The result of the last load that found no error.
    last: Option<LastLoad>,
    /// For a cache that serves one load and is then dropped (a build), the
    /// most article text (the files' bytes) the load holds: a site with more
    /// sets every body aside in a scratch file (see [`crate::content::Body`]). `None`
    /// holds all of it, for the next load's reuse.
    held_text: Option<usize>,
    /// For a cache that serves one load: the stamp of each article file as
    /// the load found it, by its path in the site's folder, with `/` between
    /// names. The build's record keeps them (see `build::record`), without
    /// looking at the files a second time.
    source_stamps: Vec<StampedPath>,
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
    /// A cache for one load, dropped after it, which holds its articles'
    /// text only if their files come to at most `held_text` bytes: else the
    /// articles it loads set their bodies aside in a scratch file (see [`crate::content::Body`]).
    pub fn single_use(held_text: usize) -> ArticleCache {
        ArticleCache {
            held_text: Some(held_text),
            ..ArticleCache::default()
        }
    }

    /// Whether the cache serves one load and is then dropped (a build): it
    /// keeps nothing of the load for a next one.
    fn is_single_use(&self) -> bool {
        self.held_text.is_some()
    }

    /// For a cache that served one load: the stamps of the article files it read.
    pub(crate) fn source_stamps(&self) -> &[StampedPath] {
        &self.source_stamps
    }

    /// Keeps what still holds when the cache was filled under other settings
    /// than `config`: the files read, unless the settings reading a file
    /// depends on changed, and their bodies, unless those a body depends on
    /// did. An edit of site.yaml's title or paginate reads no article again.
    fn keep_only_for(&mut self, config: &Config) {
        // Drafts and dates are filtered after parsing, so a new "now" keeps the cache.
        let Some(old) = self.settings.as_ref() else {
            self.settings = Some(config.clone());
            return;
        };
        if old == config {
            return;
        }
        if !same_reading(old, config) {
            *self = ArticleCache {
                settings: Some(config.clone()),
                held_text: self.held_text,
                ..ArticleCache::default()
            };
            return;
        }
        if !same_bodies(old, config) {
            for file in self.files.values_mut() {
                file.body = None;
            }
            // A reload of a few files starts from bodies rendered as they would be now.
            self.last = None;
        }
        self.settings = Some(config.clone());
    }
}

/// Whether a file reads the same under both settings: front matter resolves
/// its district by the districts' names and aliases, and reads its date at
/// the site's UTC offset; nothing else of site.yaml.
fn same_reading(a: &Config, b: &Config) -> bool {
    a.districts == b.districts && a.utc_offset == b.utc_offset
}

/// Whether a body renders the same under both settings: its links and
/// pictures are written under the base URL, its search text kept only with
/// search, its Markdown read with the site's options; nothing else of site.yaml.
fn same_bodies(a: &Config, b: &Config) -> bool {
    a.base_url == b.base_url && a.search == b.search && a.markdown == b.markdown
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
    let timer = crate::timing::PhaseTimer::from_env();
    cache.keep_only_for(config);
    cache.last = None;
    // Made ready while one core finds the articles and the other has nothing to do.
    crate::pinyin::load_in_background();
    if config.markdown.highlight {
        crate::markdown::highlight::load_in_background();
    }
    let mut problems = Diagnostics::new();
    let (files, found) = discover::discover(root);
    problems.extend(found);
    timer.lap("find the articles");
    let (files, source_stamps) =
        reuse_or_parse_all(root, config, files, std::mem::take(&mut cache.files), cache.held_text);
    cache.source_stamps = source_stamps;
    timer.lap("read and parse the articles");
    let Separated {
        published,
        withheld,
        next_release,
        left_out,
    } = separate_withheld(&files, config, options, &mut problems);
    problems.extend(check_unique_urls(&published));
    let urls = site_paths(&published);
    timer.lap("  (set the unpublished apart, list the addresses)");
    let bodies = render_bodies(root, config, &files, &published, &urls, &withheld);
    timer.lap("render the bodies");
    check_bodies(&bodies, &mut problems);
    let (articles, aliases) = sort_newest_first(&bodies);
    let loaded = Loaded {
        articles: Arc::new(articles),
        aliases: Arc::new(aliases),
        left_out: Arc::new(left_out),
        problems,
    };
    if cache.is_single_use() {
        // What a reload would reuse is freed beside the rest of the build
        // instead of being indexed: 15 ms of one core at 10,000 articles.
        crate::par::free_in_background((files, bodies, urls, withheld));
    } else {
        cache.files = keep_bodies(files, bodies);
        if !loaded.problems.has_errors() {
            cache.last = Some(LastLoad::of(&loaded, options, urls, withheld, next_release));
        }
    }
    timer.lap("check links and sort the articles");
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

/// Every file found, by content/-relative path, each reused from `old` or
/// parsed again. For a load that serves one build (`held_text`), the files'
/// stamps as the build record keeps them too.
fn reuse_or_parse_all(
    root: &Path,
    config: &Config,
    files: Vec<SourceFile>,
    old: HashMap<String, CachedFile>,
    held_text: Option<usize>,
) -> (Vec<(String, CachedFile)>, Vec<StampedPath>) {
    let mut stamped: Vec<(SourceFile, Option<FileStamp>, Option<StampedPath>)> = files
        .into_par_iter()
        .with_max_len(crate::par::ARTICLES)
        .map(|file| match stamps(&root.join(&file.path)) {
            Some((stamp, source)) => {
                let recorded = held_text.and(source).map(|s| (names_joined(&file.path), s));
                (file, Some(stamp), recorded)
            }
            None => (file, None, None),
        })
        .collect();
    let text: u64 = stamped.iter().filter_map(|(_, s, _)| s.map(|s| s.len)).sum();
    let held = held_text.is_none_or(|limit| text <= limit as u64);
    // Held after all when the site's cache folder cannot take a scratch file.
    let spill = if held {
        None
    } else {
        Spill::create_in(&root.join(SPILL_DIR)).ok().map(Arc::new)
    };
    let lens = stamped.iter().map(|(_, stamp, _)| stamp.map_or(0, |s| s.len));
    let lent = lent_markdown(lens, spill.is_some().then(|| held_markdown(held_text.unwrap_or(0))));
    let recorded = stamped
        .iter_mut()
        .filter_map(|(_, _, recorded)| recorded.take())
        .collect();
    let files = stamped
        .into_par_iter()
        .zip(lent)
        .with_max_len(crate::par::ARTICLES)
        .map(|((file, stamp, _), lent)| {
            let keeping = match &spill {
                None => Keeping::Held,
                Some(spill) if lent => Keeping::Lent(spill),
                Some(spill) => Keeping::SetAside(spill),
            };
            reuse_or_parse(root, config, file, stamp, &old, keeping)
        })
        .collect();
    (files, recorded)
}

/// For each file in turn, by its length, whether its Markdown is held until
/// its body is rendered: so long as the files so far come to at most `limit`
/// bytes, counted in the order they were found, so that which are held does
/// not depend on the order the build's threads read them in. `None`: none.
fn lent_markdown(lens: impl Iterator<Item = u64>, limit: Option<usize>) -> Vec<bool> {
    let mut so_far = 0u64;
    lens.map(|len| {
        so_far += len;
        limit.is_some_and(|limit| so_far <= limit as u64)
    })
    .collect()
}

/// One file, as `old` holds it when its size and time stamp are unchanged,
/// else parsed again, its body's text kept as `keeping` says.
fn reuse_or_parse(
    root: &Path,
    config: &Config,
    file: SourceFile,
    stamp: Option<FileStamp>,
    old: &HashMap<String, CachedFile>,
    keeping: Keeping<'_>,
) -> (String, CachedFile) {
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
            let parsed = read_and_parse(root, file, config, keeping).map(Arc::new);
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
        urls: Urls::of(urls),
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
        .with_max_len(crate::par::ARTICLES)
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
    // Each date is copied beside its body, so that comparing two mostly reads
    // neither article, which in a big archive lie scattered over the heap; only
    // equal dates are left to [`Article::newest_first`], a total order.
    let mut sorted: Vec<(chrono::DateTime<chrono::FixedOffset>, &Arc<CachedBody>)> =
        bodies.iter().map(|b| (b.article.front.date, b)).collect();
    sorted.par_sort_unstable_by(|(date_a, a), (date_b, b)| {
        date_b
            .cmp(date_a)
            .then_with(|| Article::newest_first(&a.article, &b.article))
    });
    let sorted: Vec<&Arc<CachedBody>> = sorted.into_iter().map(|(_, b)| b).collect();
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
/// newest-first list) of the articles replaced, `None` when articles were
/// added or removed, so that the list changed shape.
pub type Reloaded = (Loaded, Option<Vec<usize>>);

/// Like [`load_articles_cached`], when only the files `changed` (content/-relative
/// paths) can differ from the last load, which found no error: reads, and
/// renders, only those. `None` when that is not enough, and every file must be
/// looked at: the last load failed, or the settings changed, or a changed file
/// is withheld, fails to load, would move in the list or change another
/// article's links, is a new article that is withheld or whose URL or links
/// clash, or is a removed article another one links to. The cache is left as
/// it was then.
pub fn reload_articles(
    root: &Path,
    config: &Config,
    options: LoadOptions,
    cache: &mut ArticleCache,
    changed: &[String],
) -> Option<Reloaded> {
    // An edit of site.yaml that leaves how articles read and render keeps the last load.
    cache.keep_only_for(config);
    let last = reusable_last_load(cache, config, options)?;
    let mut kinds = Vec::with_capacity(changed.len());
    let mut seen = std::collections::HashSet::new();
    for path in changed {
        if seen.insert(path.as_str()) {
            kinds.push((path, change_of(root, &cache.files, last, path)?));
        }
    }
    if kinds
        .iter()
        .any(|(_, k)| matches!(k, Change::Added(_) | Change::Removed(_)))
    {
        return reshape(root, config, options, cache, &kinds);
    }
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls: Urls::of(&last.urls),
        withheld: &last.withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    let reloaded = kinds
        .iter()
        .filter(|(_, k)| matches!(k, Change::Edited))
        .map(|(path, _)| reload_file(root, config, &cache.files, last, &links, path))
        .collect::<Option<Vec<_>>>()?;
    let last = cache.last.as_mut()?;
    last.problems = problems_after_reload(&last.problems, &[], &reloaded);
    let positions = replace_reloaded(last, &mut cache.files, reloaded);
    Some((last.loaded(), Some(positions)))
}

/// What happened to one changed file since the last load.
enum Change {
    /// An article of the last load, still there.
    Edited,
    /// An article of the last load, at this place in its list, whose file is gone.
    Removed(usize),
    /// A file the last load did not have, which a full load would find as an article.
    Added(SourceFile),
    /// A file that neither was nor is an article.
    Nothing,
}

/// What happened to the file `path`; `None` when only a full load can tell:
/// it was withheld, or it is not a plain file a full load would find.
fn change_of(root: &Path, files: &HashMap<String, CachedFile>, last: &LastLoad, path: &str) -> Option<Change> {
    let on_disk = std::fs::symlink_metadata(root.join(CONTENT_DIR).join(path));
    if let Some(&position) = last.positions.get(path) {
        return match on_disk {
            // Without its `index.md`, a folder's files become those of the folder around it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !names_a_folder(path) => {
                Some(Change::Removed(position))
            }
            Err(_) => None,
            Ok(_) => Some(Change::Edited),
        };
    }
    if files.contains_key(path) || last.withheld.contains_key(path) {
        return None;
    }
    match on_disk {
        // Unless it was a folder (named `*.md`) that held articles.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let inside = format!("{path}/");
            (!files.keys().any(|k| k.starts_with(&inside))).then_some(Change::Nothing)
        }
        Ok(meta) if meta.is_file() && found_by_discover(root, path) => Some(Change::Added(SourceFile {
            path: Path::new(CONTENT_DIR).join(path),
            content_path: path.to_string(),
        })),
        _ => None,
    }
}

/// Whether walking content/ as [`discover::discover`] does finds the file at
/// `path` under this very name: a `.md` file in no hidden folder, under no
/// symbolic link, which no other article's folder lists among its files.
fn found_by_discover(root: &Path, path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let plain = |p: &&str| !p.is_empty() && !p.starts_with('.') && !p.contains('\\');
    if !path.ends_with(".md") || !parts.iter().all(plain) {
        return false;
    }
    if names_a_folder(path) {
        return false;
    }
    let mut dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return false;
    }
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return false;
        }
    }
    true
}

/// Whether the article at `path` is its folder's (`index.md`), which makes
/// the folder its own: the folder of an article above does not list its files.
fn names_a_folder(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "index.md" || name == "_index.md"
}

/// One new file read, checked and rendered, to be put in the list.
struct AddedFile {
    stamp: FileStamp,
    parsed: Arc<Parsed>,
    body: Option<Arc<CachedBody>>,
}

/// A reload that adds or removes articles (and may edit others); `None` when
/// a full load must look at every file.
fn reshape(
    root: &Path,
    config: &Config,
    options: LoadOptions,
    cache: &mut ArticleCache,
    kinds: &[(&String, Change)],
) -> Option<Reloaded> {
    let last = cache.last.as_ref()?;
    let now = now(options, config);
    let removed: Vec<usize> = kinds
        .iter()
        .filter_map(|(_, k)| match k {
            Change::Removed(i) => Some(*i),
            _ => None,
        })
        .collect();
    let removed_urls: Vec<&str> = removed.iter().map(|&i| last.articles[i].url_path.as_str()).collect();
    // Read the new files: each must be published, at a URL no other article has.
    let mut added = Vec::new();
    for (_, kind) in kinds {
        let Change::Added(file) = kind else { continue };
        let stamp = stamp(&root.join(&file.path))?;
        let parsed = Arc::new(read_and_parse(root, file.clone(), config, Keeping::Held).ok()?);
        if (parsed.front.draft && !options.drafts) || (parsed.front.date > now && !options.future) {
            return None;
        }
        let clashes = last
            .urls
            .values()
            .any(|url| *url == parsed.url_path && !removed_urls.contains(&url.as_str()))
            || added.iter().any(|a: &AddedFile| a.parsed.url_path == parsed.url_path);
        if clashes {
            return None;
        }
        added.push(AddedFile {
            stamp,
            parsed,
            body: None,
        });
    }
    let removed_paths: Vec<&str> = removed
        .iter()
        .map(|&i| last.articles[i].content_path.as_str())
        .collect();
    let added_urls: Vec<(String, String)> = added
        .iter()
        .map(|a| (a.parsed.file.content_path.clone(), a.parsed.url_path.clone()))
        .collect();
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls: Urls::changed(&last.urls, &removed_paths, &added_urls),
        withheld: &last.withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    // No article left may link to one removed: its links must resolve as they did.
    if !removed.is_empty() {
        let edited: Vec<&str> = kinds
            .iter()
            .filter(|(_, k)| matches!(k, Change::Edited))
            .map(|(p, _)| p.as_str())
            .collect();
        let links_hold = last.articles.par_iter().enumerate().all(|(i, a)| {
            removed.contains(&i)
                || edited.contains(&a.content_path.as_str())
                || cache
                    .files
                    .get(&a.content_path)
                    .and_then(|f| f.body.as_ref())
                    .is_some_and(|body| !may_link_to(body, &removed_paths) || links_unchanged(body, &links))
        });
        if !links_hold {
            return None;
        }
    }
    let md_options = markdown_options(config);
    for a in &mut added {
        a.body = Some(Arc::new(render_body(&a.parsed, &links, md_options)));
    }
    // The edited files, in place; their headings kept, as other articles may link to them.
    let mut edits = Vec::new();
    for (path, kind) in kinds {
        if matches!(kind, Change::Edited) {
            edits.push(reload_file(root, config, &cache.files, last, &links, path)?);
        }
    }
    // Every new or edited body must be free of errors, its anchors found in the new list.
    let new_article = |p: &str| -> Option<&Article> {
        if let Some(a) = added.iter().find(|a| a.parsed.file.content_path == p) {
            return a.body.as_ref().map(|b| b.article.as_ref());
        }
        if let Some(r) = edits.iter().find(|r| r.path == p) {
            return Some(r.body.article.as_ref());
        }
        let &i = last.positions.get(p)?;
        (!removed.contains(&i)).then(|| last.articles[i].as_ref())
    };
    let bodies = added
        .iter()
        .filter_map(|a| a.body.as_ref())
        .chain(edits.iter().map(|r| &r.body));
    for body in bodies {
        if body.problems.iter().any(Diagnostic::is_error) || !broken_anchors(body, &new_article).is_empty() {
            return None;
        }
    }
    let sources: Vec<&PathBuf> = removed.iter().map(|&i| &last.articles[i].source).collect();
    let mut problems = problems_after_reload(&last.problems, &sources, &edits);
    for a in &added {
        problems.extend(a.parsed.warnings.iter().cloned());
        problems.extend(a.body.iter().flat_map(|b| b.problems.iter().cloned()));
    }
    // Everything is checked: change the last load and the cache.
    let last = cache.last.as_mut()?;
    last.problems = problems;
    for &i in &removed {
        last.urls.remove(&last.articles[i].content_path);
    }
    last.urls.extend(added_urls);
    replace_reloaded(last, &mut cache.files, edits);
    let mut removed = removed;
    removed.sort_unstable();
    let mut articles = Vec::with_capacity(last.articles.len() + added.len());
    let mut aliases = Vec::with_capacity(articles.capacity());
    let old_articles = std::mem::take(Arc::make_mut(&mut last.articles));
    let old_aliases = std::mem::take(Arc::make_mut(&mut last.aliases));
    for (i, (article, alias)) in old_articles.into_iter().zip(old_aliases).enumerate() {
        if removed.binary_search(&i).is_ok() {
            last.positions.remove(&article.content_path);
            cache.files.remove(&article.content_path);
        } else {
            articles.push(article);
            aliases.push(alias);
        }
    }
    for a in added {
        let body = a.body?;
        // The place a full sort would give it: the order is total, as URLs are unique.
        let at = match articles.binary_search_by(|probe| Article::newest_first(probe, &body.article)) {
            Ok(_) => return None,
            Err(at) => at,
        };
        articles.insert(at, Arc::clone(&body.article));
        aliases.insert(at, a.parsed.aliases.clone());
        cache.files.insert(
            a.parsed.file.content_path.clone(),
            CachedFile {
                stamp: a.stamp,
                parsed: Ok(a.parsed),
                body: Some(body),
            },
        );
    }
    for (i, a) in articles.iter().enumerate() {
        match last.positions.get_mut(&a.content_path) {
            Some(at) => *at = i,
            None => {
                last.positions.insert(a.content_path.clone(), i);
            }
        }
    }
    last.articles = Arc::new(articles);
    last.aliases = Arc::new(aliases);
    Some((last.loaded(), None))
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
    let parsed = Arc::new(read_and_parse(root, old.file.clone(), config, Keeping::Held).ok()?);
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

/// The last load's problems, without those of the files `removed`, with the
/// reloaded files' own in place of those they had.
fn problems_after_reload(old: &Diagnostics, removed: &[&PathBuf], reloaded: &[ReloadedFile<'_>]) -> Diagnostics {
    // The warnings of the files reloaded are theirs now, not those of the last load.
    let mut sources: Vec<&PathBuf> = reloaded.iter().map(|r| &r.parsed.file.path).collect();
    sources.extend_from_slice(removed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const SITE_YAML: &str =
        "title: 闵行简报\nbase_url: https://example.org/\ndistricts:\n  闵行区: { slug: minhang }\n";

    fn config() -> Config {
        crate::config::parse_config(SITE_YAML, &crate::config::Overrides::default()).expect("site.yaml")
    }

    /// An article as a district reporter writes it.
    fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\ndistrict: 闵行区\n{extra}---\n{body}\n")
    }

    /// A site in a temporary folder, with the cache a `serve` would keep.
    struct TestSite {
        dir: tempfile::TempDir,
        cache: ArticleCache,
    }

    impl TestSite {
        fn new(articles: &[(&str, String)]) -> TestSite {
            let site = TestSite {
                dir: tempfile::tempdir().unwrap(),
                cache: ArticleCache::default(),
            };
            for (path, text) in articles {
                site.write(path, text);
            }
            let mut site = site;
            let loaded = load_articles_cached(site.dir.path(), &config(), LoadOptions::default(), &mut site.cache);
            assert!(!loaded.problems.has_errors());
            site
        }

        fn write(&self, path: &str, text: &str) {
            let file = self.dir.path().join(CONTENT_DIR).join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }

        fn remove(&self, path: &str) {
            std::fs::remove_file(self.dir.path().join(CONTENT_DIR).join(path)).unwrap();
        }

        fn reload(&mut self, changed: &[&str]) -> Option<Reloaded> {
            let changed: Vec<String> = changed.iter().map(|p| p.to_string()).collect();
            reload_articles(
                self.dir.path(),
                &config(),
                LoadOptions::default(),
                &mut self.cache,
                &changed,
            )
        }

        /// What a load with an empty cache gives for the files as they are now.
        fn full_load(&self) -> Loaded {
            load_articles(self.dir.path(), &config(), LoadOptions::default())
        }

        /// Reloads `changed`, which must take the quick way, and checks the
        /// result against a full load; returns the titles in order.
        fn reload_like_full(&mut self, changed: &[&str]) -> Vec<String> {
            let (loaded, replaced) = self.reload(changed).expect("a quick reload");
            assert!(replaced.is_none(), "the list changed shape");
            assert_same(&loaded, &self.full_load());
            titles(&loaded)
        }
    }

    fn titles(loaded: &Loaded) -> Vec<String> {
        loaded.articles.iter().map(|a| a.front.title.clone()).collect()
    }

    /// Everything a load gives, as text: the articles in order, with all they hold.
    fn shown(loaded: &Loaded) -> (Vec<String>, String, Vec<LeftOut>, Vec<String>) {
        let mut problems = loaded.problems.clone();
        problems.sort();
        (
            loaded.articles.iter().map(|a| format!("{a:?}")).collect(),
            format!("{:?}", loaded.aliases),
            loaded.left_out.to_vec(),
            problems.iter().map(|d| d.render(Lang::Zh)).collect(),
        )
    }

    fn assert_same(reloaded: &Loaded, full: &Loaded) {
        assert_eq!(titles(reloaded), titles(full));
        assert_eq!(shown(reloaded), shown(full));
    }

    #[test]
    fn a_new_site_title_reads_no_article_again_but_new_districts_do() {
        let mut site = TestSite::new(&three());
        // Files written a moment ago are read again on every load: their times cannot be trusted yet.
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for (path, _) in three() {
            let file = std::fs::File::options()
                .write(true)
                .open(site.dir.path().join(CONTENT_DIR).join(path))
                .unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
        let before = site.full_load();
        let mut load =
            |config: &Config| load_articles_cached(site.dir.path(), config, LoadOptions::default(), &mut site.cache);
        load(&config());
        let first = load(&config());
        let after = load(&config_from(&SITE_YAML.replace("闵行简报", "闵行社区简报")));
        assert!(
            all_shared(&first, &after),
            "a new title keeps every article as it was read"
        );
        assert_same(&after, &before);
        let rebased = config_from(&SITE_YAML.replace("https://example.org/", "https://example.org/minhang/"));
        let moved = load(&rebased);
        assert!(none_shared(&after, &moved), "a new base URL renders every body again");
        let aliased = config_from(&SITE_YAML.replace("{ slug: minhang }", "{ slug: minhang, aliases: [闵行] }"));
        let reread = load(&aliased);
        assert!(none_shared(&moved, &reread), "new districts read every article again");
        assert_same(
            &moved,
            &load_articles(site.dir.path(), &rebased, LoadOptions::default()),
        );
        assert_same(
            &reread,
            &load_articles(site.dir.path(), &aliased, LoadOptions::default()),
        );
        let bodies = site.cache.files.values().filter(|f| f.body.is_some()).count();
        assert_eq!(
            bodies,
            reread.articles.len(),
            "every published article's body is cached again"
        );
    }

    fn config_from(yaml: &str) -> Config {
        crate::config::parse_config(yaml, &crate::config::Overrides::default()).expect("site.yaml")
    }

    /// Whether the two loads share every article, as read and rendered once.
    fn all_shared(a: &Loaded, b: &Loaded) -> bool {
        a.articles.iter().zip(b.articles.iter()).all(|(a, b)| Arc::ptr_eq(a, b))
    }

    /// Whether the two loads share no article.
    fn none_shared(a: &Loaded, b: &Loaded) -> bool {
        a.articles
            .iter()
            .zip(b.articles.iter())
            .all(|(a, b)| !Arc::ptr_eq(a, b))
    }

    fn three() -> Vec<(&'static str, String)> {
        vec![
            (
                "2013/11/laohuoban.md",
                article(
                    "周浦镇“老伙伴”计划启动",
                    "2013-11-01",
                    "towns: [周浦镇]\n",
                    "本报讯 周浦镇“老伙伴”计划正式启动。\n\n## 怎么报名\n\n到居委会报名。",
                ),
            ),
            (
                "2013/11/xiaofang.md",
                article(
                    "七宝镇消防演练",
                    "2013-11-05",
                    "",
                    "本报讯 参见[老伙伴计划](laohuoban.md#怎么报名)。",
                ),
            ),
            (
                "2013/11/jiangzuo.md",
                article(
                    "颛桥镇健康讲座",
                    "2013-11-09",
                    "draft: false\n",
                    "本报讯 讲座座无虚席。",
                ),
            ),
            (
                "2013/10/caogao.md",
                article("梅陇镇草稿", "2013-10-20", "draft: true\n", "还没写完。"),
            ),
        ]
    }

    #[test]
    fn an_article_added_in_the_middle_removed_and_renamed_reloads_as_a_full_load() {
        let mut site = TestSite::new(&three());
        site.write(
            "2013/11/zhongbao.md",
            &article("马桥镇午餐众包", "2013-11-03", "", "本报讯 见[消防演练](xiaofang.md)。"),
        );
        assert_eq!(
            site.reload_like_full(&["2013/11/zhongbao.md"]),
            [
                "颛桥镇健康讲座",
                "七宝镇消防演练",
                "马桥镇午餐众包",
                "周浦镇“老伙伴”计划启动"
            ]
        );
        // The same date as another article: the URL decides, as in a full sort; no text is a warning.
        site.write("2013/11/aaa.md", &article("梅陇镇短讯", "2013-11-05", "", ""));
        assert_eq!(
            site.reload_like_full(&["2013/11/aaa.md"]),
            [
                "颛桥镇健康讲座",
                "梅陇镇短讯",
                "七宝镇消防演练",
                "马桥镇午餐众包",
                "周浦镇“老伙伴”计划启动"
            ]
        );
        assert!(site.full_load().problems.warning_count() > 0);
        site.remove("2013/11/jiangzuo.md");
        assert_eq!(
            site.reload_like_full(&["2013/11/jiangzuo.md"]),
            [
                "梅陇镇短讯",
                "七宝镇消防演练",
                "马桥镇午餐众包",
                "周浦镇“老伙伴”计划启动"
            ]
        );
        site.remove("2013/11/aaa.md");
        site.write(
            "2013/12/duanxun.md",
            &article("梅陇镇短讯", "2013-12-02", "", "本报讯 短讯正文。"),
        );
        assert_eq!(
            site.reload_like_full(&["2013/11/aaa.md", "2013/12/duanxun.md"]),
            [
                "梅陇镇短讯",
                "七宝镇消防演练",
                "马桥镇午餐众包",
                "周浦镇“老伙伴”计划启动"
            ]
        );
        // Renamed within its month, keeping its URL by its `slug:`.
        site.remove("2013/11/zhongbao.md");
        site.write(
            "2013/11/wucan.md",
            &article(
                "马桥镇午餐众包",
                "2013-11-03",
                "slug: zhongbao\n",
                "本报讯 见[消防演练](xiaofang.md)。",
            ),
        );
        site.reload_like_full(&["2013/11/zhongbao.md", "2013/11/wucan.md"]);
        // Its place is known afterwards: an edit takes the quickest way.
        site.write(
            "2013/11/wucan.md",
            &article(
                "马桥镇午餐众包",
                "2013-11-03",
                "slug: zhongbao\n",
                "本报讯 改过的正文。",
            ),
        );
        let (loaded, replaced) = site.reload(&["2013/11/wucan.md"]).expect("an edit");
        assert_eq!(replaced, Some(vec![2]));
        assert_same(&loaded, &site.full_load());
    }

    #[test]
    fn new_articles_that_link_to_each_other_and_to_themselves_reload_together() {
        let mut site = TestSite::new(&three());
        site.write(
            "2013/11/a.md",
            &article(
                "浦江镇垃圾分类",
                "2013-11-06",
                "",
                "## 做法\n\n见[下一篇](b.md#经验)与[本文](a.md#做法)。",
            ),
        );
        site.write(
            "2013/11/b.md",
            &article(
                "浦江镇垃圾分类（二）",
                "2013-11-07",
                "",
                "## 经验\n\n见[上一篇](a.md)。",
            ),
        );
        site.reload_like_full(&["2013/11/a.md", "2013/11/b.md", "2013/11/a.md"]);
        // A link to a heading the new article lacks is left to the full load.
        site.write(
            "2013/11/c.md",
            &article("浦江镇短讯", "2013-11-08", "", "见[上一篇](b.md#没有)。"),
        );
        assert!(site.reload(&["2013/11/c.md"]).is_none());
        assert!(site.full_load().problems.has_errors());
        site.remove("2013/11/c.md");
        // A file that came and went between two looks changes nothing.
        let (loaded, replaced) = site
            .reload(&["2013/11/c.md", "2013/11/gone.md"])
            .expect("nothing changed");
        assert_eq!(replaced, Some(vec![]));
        assert_same(&loaded, &site.full_load());
        // A folder's own article changes which files the folders around it hold: a full load.
        site.write(
            "2013/11/huodong/index.md",
            &article("浦江镇活动", "2013-11-10", "", "本报讯 正文。"),
        );
        assert!(site.reload(&["2013/11/huodong/index.md"]).is_none());
        // So does a hidden folder's file, which no load reads.
        site.write(
            "2013/11/.bak/d.md",
            &article("浦江镇备份", "2013-11-10", "", "本报讯 正文。"),
        );
        assert!(site.reload(&["2013/11/.bak/d.md"]).is_none());
        assert_eq!(site.full_load().articles.len(), 6);
    }

    #[test]
    fn a_new_draft_a_clashing_url_and_a_removed_article_others_link_to_take_the_full_load() {
        let mut site = TestSite::new(&three());
        site.write(
            "2013/11/new.md",
            &article("吴泾镇草稿", "2013-11-02", "draft: true\n", "未完。"),
        );
        assert!(site.reload(&["2013/11/new.md"]).is_none());
        site.remove("2013/11/new.md");
        site.write(
            "2013/11/later.md",
            &article("吴泾镇明年计划", "2099-01-02", "", "本报讯 明年再议。"),
        );
        assert!(site.reload(&["2013/11/later.md"]).is_none());
        site.remove("2013/11/later.md");

        site.write(
            "2013/11/copy.md",
            &article(
                "七宝镇消防演练（重发）",
                "2013-11-12",
                "slug: xiaofang\n",
                "本报讯 重发。",
            ),
        );
        assert!(site.reload(&["2013/11/copy.md"]).is_none());
        let full = site.full_load();
        assert_eq!(full.problems.error_count(), 2, "{:?}", shown(&full).3);
        site.remove("2013/11/copy.md");

        site.remove("2013/11/laohuoban.md");
        assert!(site.reload(&["2013/11/laohuoban.md"]).is_none());
        let problems = shown(&site.full_load()).3;
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("content/2013/11/xiaofang.md:") && p.contains("laohuoban.md")),
            "{problems:?}"
        );
        // A rename of an article others link to, too.
        site.write(
            "2013/11/laohuoban2.md",
            &article(
                "周浦镇“老伙伴”计划启动",
                "2013-11-01",
                "",
                "本报讯 正文。\n\n## 怎么报名\n\n到居委会报名。",
            ),
        );
        assert!(
            site.reload(&["2013/11/laohuoban.md", "2013/11/laohuoban2.md"])
                .is_none()
        );
        // The cache was left as it was: putting the file back reloads.
        site.remove("2013/11/laohuoban2.md");
        site.write("2013/11/laohuoban.md", &three()[0].1);
        let (loaded, _) = site.reload(&["2013/11/laohuoban.md"]).expect("the same article again");
        assert_same(&loaded, &site.full_load());
    }

    #[test]
    fn a_builds_bodies_set_aside_come_out_as_held_ones_and_as_first_read() {
        let mut articles = three();
        articles.push((
            "2013/11/jiaotong.md",
            article(
                "莘庄镇：重庆路口新设红绿灯",
                "2013-11-07",
                "tags: [交通，安全]\n",
                "本报讯 记者从镇里获悉：重庆路口新设红绿灯，长约 1.2 公里的路段限速 40 公里/小时。\n\n\
                 详见[七宝镇消防演练](xiaofang.md)、[报名](laohuoban.md#怎么报名)与<https://example.org/路>。",
            ),
        ));
        let site = TestSite::new(&articles);
        let held = site.full_load();
        let mut one_build = ArticleCache::single_use(0);
        let left = load_articles_cached(site.dir.path(), &config(), LoadOptions::default(), &mut one_build);
        let (shown_left, shown_held) = (shown(&left), shown(&held));
        assert_eq!(titles(&left), titles(&held));
        assert_eq!(
            (shown_left.1, shown_left.2, shown_left.3),
            (shown_held.1, shown_held.2, shown_held.3)
        );
        for (held, left) in held.articles.iter().zip(left.articles.iter()) {
            assert!(matches!(held.body, crate::content::Body::Held(_)));
            assert!(matches!(left.body, crate::content::Body::SetAside(_)));
            assert_eq!(left.body.html().unwrap(), held.body.html().unwrap());
            assert_eq!((left.body_hash, &left.element_ids), (held.body_hash, &held.element_ids));
        }
        let jiaotong = left.articles.iter().find(|a| a.slug == "jiaotong").unwrap();
        assert!(
            jiaotong
                .body
                .html()
                .unwrap()
                .contains("href=\"/2013/11/laohuoban/#zen-me-bao-ming\"")
        );

        // An editor saves, or deletes the file, after the build rendered it: the pages show the body as read.
        let as_read = jiaotong.body.html().unwrap().into_owned();
        site.write(
            "2013/11/jiaotong.md",
            &articles[4].1.replace("40 公里/小时", "30 公里/小时"),
        );
        site.remove("2013/11/jiaotong.md");
        assert_eq!(jiaotong.body.html().unwrap(), as_read);
        assert!(as_read.contains("40 公里/小时"));
    }

    #[test]
    fn a_big_build_holds_markdown_until_rendered_up_to_its_limit_and_sets_the_rest_aside() {
        let mut articles = three();
        let site = TestSite::new(&articles);
        // A link to a heading the article lacks: an error, placed at the link.
        articles.push((
            "2013/11/baoming.md",
            article(
                "颛桥镇：“老伙伴”报名火热",
                "2013-11-09",
                "tags: [养老，志愿者]\n",
                "本报讯 报名已近 300 人。\n\n名额见[怎么参加](laohuoban.md#怎么参加)。",
            ),
        ));
        let (path, text) = &articles[articles.len() - 1];
        site.write(path, text);
        let held = site.full_load();
        let text: usize = articles.iter().map(|(_, text)| text.len()).sum();
        // All lent, about half, none: each as a build that holds every body shows it.
        for held_text in [text / 8, text / 16, 0] {
            let mut one_build = ArticleCache::single_use(held_text);
            let loaded = load_articles_cached(site.dir.path(), &config(), LoadOptions::default(), &mut one_build);
            assert_eq!(shown(&loaded).0.len(), held.articles.len());
            for (held, loaded) in held.articles.iter().zip(loaded.articles.iter()) {
                assert!(matches!(loaded.body, crate::content::Body::SetAside(_)));
                assert_eq!(loaded.body.html().unwrap(), held.body.html().unwrap());
            }
            // The broken link's place is found in Markdown the rendering let go of, or read back.
            let problems = shown(&loaded).3;
            assert_eq!(problems, shown(&held).3);
            assert!(
                problems.iter().any(|p| p.starts_with("content/2013/11/baoming.md:9:")),
                "{problems:?}"
            );
        }
    }

    #[test]
    fn markdown_is_held_for_the_files_found_first_up_to_the_limit() {
        let lens = || [300, 500, 0, 100].into_iter();
        assert_eq!(lent_markdown(lens(), Some(800)), [true, true, true, false]);
        assert_eq!(lent_markdown(lens(), Some(400)), [true, false, false, false]);
        assert_eq!(lent_markdown(lens(), None), [false; 4]);
    }

    #[test]
    fn a_build_that_cannot_set_bodies_aside_holds_them() {
        let site = TestSite::new(&three());
        // A file where the cache folder would be: no scratch file can be made there.
        std::fs::write(site.dir.path().join(SPILL_DIR), "不是文件夹").unwrap();
        let held = site.full_load();
        let mut one_build = ArticleCache::single_use(0);
        let loaded = load_articles_cached(site.dir.path(), &config(), LoadOptions::default(), &mut one_build);
        assert!(!loaded.problems.has_errors(), "{:?}", loaded.problems);
        assert_eq!(titles(&loaded), titles(&held));
        for (held, loaded) in held.articles.iter().zip(loaded.articles.iter()) {
            assert!(matches!(loaded.body, crate::content::Body::Held(_)));
            assert_eq!(loaded.body.html().unwrap(), held.body.html().unwrap());
        }
    }
}
