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

/// Like [`load_articles`], reusing what `cache` holds from the previous build
/// of the same site and leaving this build's results in it.
pub fn load_articles_cached(root: &Path, config: &Config, options: LoadOptions, cache: &mut ArticleCache) -> Loaded {
    // Only the configuration changes how a file parses; drafts and dates are
    // filtered after parsing, so a new "now" does not empty the cache.
    if cache.settings.as_ref() != Some(config) {
        *cache = ArticleCache {
            settings: Some(config.clone()),
            ..ArticleCache::default()
        };
    }
    cache.last = None;
    let mut problems = Diagnostics::new();
    let (files, found) = discover::discover(root);
    problems.extend(found);

    let old = std::mem::take(&mut cache.files);
    let parsed: Vec<(String, CachedFile)> = files
        .into_par_iter()
        .map(|file| {
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
        })
        .collect();
    drop(old);

    let now = options
        .now
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&config.utc_offset));
    let mut withheld = BTreeMap::new();
    let mut next_release: Option<chrono::DateTime<chrono::FixedOffset>> = None;
    let mut articles: Vec<&Arc<Parsed>> = Vec::with_capacity(parsed.len());
    let mut left_out = Vec::new();
    for (_, file) in &parsed {
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
            Ok(p) => articles.push(p),
            Err(ds) => problems.extend(ds.iter().cloned()),
        }
    }
    let left_out = Arc::new(left_out);
    problems.extend(check_unique_urls(&articles));

    let urls: BTreeMap<String, String> = articles
        .iter()
        .map(|p| (p.file.content_path.clone(), p.url_path.clone()))
        .collect();
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls: &urls,
        withheld: &withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    let md_options = MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    };
    let previous: HashMap<&str, &Arc<CachedBody>> = parsed
        .iter()
        .filter_map(|(k, f)| f.body.as_ref().map(|b| (k.as_str(), b)))
        .collect();
    let bodies: Vec<Arc<CachedBody>> = articles
        .par_iter()
        .map(|p| match previous.get(p.file.content_path.as_str()) {
            Some(body) if Arc::ptr_eq(&body.parsed, p) && links_unchanged(body, &links) => Arc::clone(body),
            _ => Arc::new(render_body(p, &links, md_options)),
        })
        .collect();

    let by_content_path: HashMap<&str, &Article> = bodies
        .iter()
        .map(|b| (b.parsed.file.content_path.as_str(), b.article.as_ref()))
        .collect();
    let mut sorted: Vec<&Arc<CachedBody>> = Vec::with_capacity(bodies.len());
    for body in &bodies {
        problems.extend(body.problems.iter().cloned());
        problems.extend(broken_anchors(body, &|path| by_content_path.get(path).copied()));
        sorted.push(body);
    }
    sorted.sort_by(|a, b| Article::newest_first(&a.article, &b.article));
    let out: Vec<Arc<Article>> = sorted.iter().map(|b| Arc::clone(&b.article)).collect();
    let aliases = Arc::new(sorted.iter().map(|b| b.parsed.aliases.clone()).collect::<Vec<_>>());

    let mut by_path: HashMap<String, Arc<CachedBody>> = bodies
        .into_iter()
        .map(|b| (b.parsed.file.content_path.clone(), b))
        .collect();
    cache.files = parsed
        .into_iter()
        .map(|(key, mut file)| {
            file.body = by_path.remove(&key);
            (key, file)
        })
        .collect();
    let out = Arc::new(out);
    if !problems.has_errors() {
        cache.last = Some(LastLoad {
            drafts: options.drafts,
            future: options.future,
            articles: Arc::clone(&out),
            aliases: Arc::clone(&aliases),
            left_out: Arc::clone(&left_out),
            problems: problems.clone(),
            positions: out
                .iter()
                .enumerate()
                .map(|(i, a)| (a.content_path.clone(), i))
                .collect(),
            urls,
            withheld,
            next_release,
        });
    }
    Loaded {
        articles: out,
        aliases,
        left_out,
        problems,
    }
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
    let last = cache.last.as_ref()?;
    if cache.settings.as_ref() != Some(config) || last.drafts != options.drafts || last.future != options.future {
        return None;
    }
    let now = options
        .now
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&config.utc_offset));
    if last.next_release.is_some_and(|d| d <= now) {
        return None;
    }
    let image_cache = ImageCache::for_site(root);
    let links = LinkContext {
        urls: &last.urls,
        withheld: &last.withheld,
        config,
        pictures: Some((root, &image_cache)),
    };
    let md_options = MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        highlight: config.markdown.highlight,
    };
    let mut reloaded = Vec::with_capacity(changed.len());
    for path in changed {
        let position = *last.positions.get(path)?;
        let file = cache.files.get(path)?;
        let old = file.parsed.as_ref().ok()?;
        let stamp = stamp(&root.join(&old.file.path))?;
        let parsed = Arc::new(read_and_parse(root, old.file.clone(), config).ok()?);
        let same_place = parsed.url_path == old.url_path
            && parsed.front.date == old.front.date
            && parsed.front.draft == old.front.draft;
        if !same_place {
            return None;
        }
        let body = render_body(&parsed, &links, md_options);
        // Other articles may link to its headings: when they change, every link is checked again.
        let old_headings = last.articles[position].headings.iter().map(|h| &h.id);
        if !old_headings.eq(body.article.headings.iter().map(|h| &h.id)) {
            return None;
        }
        let article_of = |p: &str| last.positions.get(p).map(|&i| last.articles[i].as_ref());
        if body.problems.iter().any(Diagnostic::is_error) || !broken_anchors(&body, &article_of).is_empty() {
            return None;
        }
        reloaded.push((path, position, stamp, parsed, Arc::new(body)));
    }
    let last = cache.last.as_mut()?;
    // The warnings of the files reloaded are theirs now, not those of the last load.
    let sources: Vec<&PathBuf> = reloaded.iter().map(|(_, _, _, p, _)| &p.file.path).collect();
    let mut problems: Diagnostics = last
        .problems
        .iter()
        .filter(|d| !sources.contains(&&d.path))
        .cloned()
        .collect();
    for (_, _, _, parsed, body) in &reloaded {
        problems.extend(parsed.warnings.iter().cloned());
        problems.extend(body.problems.iter().cloned());
    }
    last.problems = problems;
    let articles = Arc::make_mut(&mut last.articles);
    let aliases = Arc::make_mut(&mut last.aliases);
    let mut positions = Vec::with_capacity(reloaded.len());
    for (path, position, stamp, parsed, body) in reloaded {
        articles[position] = Arc::clone(&body.article);
        aliases[position].clone_from(&parsed.aliases);
        positions.push(position);
        cache.files.insert(
            path.clone(),
            CachedFile {
                stamp,
                parsed: Ok(parsed),
                body: Some(body),
            },
        );
    }
    let loaded = Loaded {
        articles: Arc::clone(&last.articles),
        aliases: Arc::clone(&last.aliases),
        left_out: Arc::clone(&last.left_out),
        problems: last.problems.clone(),
    };
    Some((loaded, positions))
}
