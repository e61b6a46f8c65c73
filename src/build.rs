//! `jianbao build`: load the site, plan its pages, render them in parallel
//! and write them, all or nothing.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::content::attachments::PublishedFile;
use crate::error::{Diagnostic, Diagnostics};
use crate::output::{Manifest, ManifestEntry, Staging};
use crate::plan::{Page, RenderPlan, plan_pages};
use crate::render::assets::Published;
use crate::render::theme::load_theme;
use crate::render::{PublishOptions, RenderOptions, Renderer};
use crate::site::{SiteOptions, load_site};

/// What to build, and where.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site's folder, holding site.yaml.
    pub root: PathBuf,
    /// The output folder; relative paths are relative to the current folder.
    pub output: PathBuf,
    /// Overrides site.yaml's `base_url`, for previews.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// How many files were rendered and written; the others were unchanged.
    pub written: usize,
    pub pages: usize,
    pub articles: usize,
    pub static_files: usize,
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// The drafts and scheduled articles left out of it.
    pub left_out: Vec<crate::content::LeftOut>,
}

/// Builds the site. On any error, the output folder is left as it was and
/// every problem found is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with(options, PublishOptions::default())
}

/// [`build`], publishing with `publish` (`--minify`).
pub fn build_with(options: &BuildOptions, publish: PublishOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    crate::output::check_output_folder(&options.root, &options.output).map_err(one)?;
    let site_options = SiteOptions {
        overrides: Overrides {
            base_url: options.base_url.clone(),
        },
        load: LoadOptions {
            drafts: options.drafts,
            future: options.future,
            now: None,
        },
    };
    let timer = crate::timing::PhaseTimer::from_env();
    let (site, mut warnings) = match load_site(&options.root, &site_options) {
        Ok(loaded) => loaded,
        Err(mut problems) => {
            // Report the theme's problems in the same run, when site.yaml says which theme.
            if let Ok(config) = crate::config::load_config(&options.root, &site_options.overrides)
                && let Err(theme_problems) = load_theme(&options.root, &config.theme)
            {
                problems.extend(theme_problems);
                problems.sort();
            }
            return Err(problems);
        }
    };
    warnings.extend(crate::site::moved_terms(&options.root, &site));
    timer.lap("load site");
    // Report the theme's problems and the plan's (an alias that takes a page's place) in one run.
    let (theme, plan) = match (load_theme(&options.root, &site.config.theme), plan_pages(&site)) {
        (Ok(theme), Ok(plan)) => (theme, plan),
        (theme, plan) => {
            let mut problems: Diagnostics = theme.err().into_iter().chain(plan.err()).flatten().collect();
            problems.sort();
            return Err(problems);
        }
    };
    let renderer = Renderer::for_publishing(&site, &plan, &theme, RenderOptions { drafts: options.drafts }, publish)?;
    warnings.extend(renderer.assets().warnings().iter().cloned());
    warnings.sort();
    timer.lap("plan and prepare templates");

    let pictures = site.published_pictures();
    let attachments = crate::content::attachments::published_files(site.articles.iter().map(|a| a.as_ref()));
    let outcome = write_output(&options.output, &plan, &renderer, &pictures, &attachments)?;
    // Previews with drafts or future articles publish nothing for good.
    if !options.drafts && !options.future {
        let terms = crate::taxonomy::PublishedTerms::of(&site.taxonomies);
        // The site is built; a record that cannot be written (a read-only checkout)
        // only means the next build cannot warn of a moved term.
        if let Err(problem) = crate::output::save_published_terms(&options.root, &terms.to_text()) {
            let hint = crate::msg!("output-terms-not-saved-hint");
            warnings.push(
                crate::error::Diagnostic {
                    severity: crate::error::Severity::Warning,
                    ..problem
                }
                .with_hint(hint),
            );
            warnings.sort();
        }
    }
    timer.lap("render and write pages");
    Ok(BuildReport {
        written: outcome.written,
        pages: plan.pages.len(),
        articles: site.articles.len(),
        static_files: renderer.assets().files().len(),
        elapsed: started.elapsed(),
        warnings,
        left_out: site.left_out.to_vec(),
    })
}

/// What writing the output did.
struct WriteOutcome {
    written: usize,
}

/// One file of the new output: where it goes, what it is made from, and how to make it.
enum Source<'a> {
    Page(&'a Page),
    /// A file of static/, as is or made from one (an asset under its hashed name, minified).
    Static(&'a Published),
    /// A resized picture in the cache; its name carries a hash of its bytes.
    Picture(&'a Path),
    /// A file of an article's folder, published as it is (hard-linked when large).
    Attachment(&'a PublishedFile),
}

/// Writes the site into `output`, all or nothing: files whose inputs are
/// unchanged since the last build are linked from the old output, the others
/// rendered; when nothing at all changed the output is not touched.
fn write_output(
    output: &Path,
    plan: &RenderPlan,
    renderer: &Renderer<'_>,
    pictures: &[(String, PathBuf)],
    attachments: &[PublishedFile],
) -> Result<WriteOutcome, Diagnostics> {
    // Pages win over static files of the same name.
    let mut sources: BTreeMap<&str, Source<'_>> = renderer
        .assets()
        .files()
        .iter()
        .map(|(file, source)| (file.as_str(), Source::Static(source)))
        .collect();
    sources.extend(
        pictures
            .iter()
            .map(|(file, cached)| (file.as_str(), Source::Picture(cached.as_path()))),
    );
    sources.extend(attachments.iter().map(|a| (a.file.as_str(), Source::Attachment(a))));
    sources.extend(plan.pages.iter().map(|page| (page.file.as_str(), Source::Page(page))));
    let fingerprinted: Vec<(&str, &Source<'_>, Result<u64, Diagnostic>)> = sources
        .par_iter()
        .map(|(file, source)| {
            let fingerprint = match source {
                Source::Page(page) => Ok(renderer.fingerprint(page)),
                Source::Static(s) => s.bytes().map(|bytes| crate::output::fingerprint(&bytes)),
                Source::Picture(_) => Ok(crate::output::fingerprint(file.as_bytes())),
                // Reading a video to hash it would cost more than publishing it: its size and time tell a new version.
                Source::Attachment(a) => Ok(attachment_fingerprint(a)),
            };
            (*file, source, fingerprint)
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut wanted: Vec<(&str, &Source<'_>, u64)> = Vec::with_capacity(fingerprinted.len());
    for (file, source, fingerprint) in fingerprinted {
        match fingerprint {
            Ok(fp) => wanted.push((file, source, fp)),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    let old = Manifest::load(output);
    let unchanged = |file: &str, fp: u64| old.as_ref().is_some_and(|m| m.unchanged_on_disk(output, file, fp));
    let nothing_changed = old
        .as_ref()
        .is_some_and(|m| m.files.len() == wanted.len() && wanted.par_iter().all(|(file, _, fp)| unchanged(file, *fp)));
    if nothing_changed {
        return Ok(WriteOutcome { written: 0 });
    }

    let search_changed = wanted.iter().any(|(file, source, fp)| {
        matches!(source, Source::Page(p) if matches!(p.kind, crate::plan::PageKind::SearchIndex(_)))
            && !unchanged(file, *fp)
    });
    if search_changed {
        let timer = crate::timing::PhaseTimer::from_env();
        renderer.prepare_search();
        timer.lap("build the search index");
    }
    let staging = Staging::begin(output).map_err(one)?;
    let results: Vec<Result<(String, ManifestEntry, bool), Diagnostic>> = wanted
        .par_iter()
        .map(|(file, source, fp)| {
            let fresh = !unchanged(file, *fp);
            let size = if fresh {
                let bytes = match source {
                    Source::Page(page) => std::borrow::Cow::Owned(renderer.render(page)?),
                    Source::Static(s) => s.bytes()?,
                    Source::Picture(path) => std::borrow::Cow::Owned(
                        std::fs::read(path).map_err(|e| crate::error::io_error(path, crate::msg!("io-read"), &e))?,
                    ),
                    Source::Attachment(a) => {
                        // Linked or copied, never read into memory: it may be a video.
                        let size = staging.publish_file(file, &a.path)?;
                        return Ok((file.to_string(), ManifestEntry { fingerprint: *fp, size }, fresh));
                    }
                };
                staging.write(file, &bytes)?;
                bytes.len() as u64
            } else {
                staging.keep(file)?;
                old.as_ref().and_then(|m| m.files.get(*file)).map_or(0, |e| e.size)
            };
            Ok((file.to_string(), ManifestEntry { fingerprint: *fp, size }, fresh))
        })
        .collect();
    let mut manifest = Manifest::default();
    let mut written = 0;
    for result in results {
        match result {
            Ok((file, entry, fresh)) => {
                written += usize::from(fresh);
                manifest.files.insert(file, entry);
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        problems.sort();
        return Err(problems);
    }
    let produced: HashSet<&str> = wanted.iter().map(|(file, _, _)| *file).collect();
    staging.carry_over_unowned(old.as_ref(), &produced).map_err(one)?;
    staging.commit().map_err(one)?;
    manifest.save(output).map_err(one)?;
    Ok(WriteOutcome { written })
}

/// What an attachment's output file is made from: its name, its file, and
/// that file's size and time.
pub fn attachment_fingerprint(a: &PublishedFile) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&a.file, &a.path, a.size, a.modified).hash(&mut h);
    h.finish()
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([d])
}

/// Builds a site from a site.yaml text and article files given as bytes, with
/// the built-in theme, entirely in memory: every problem a build would report,
/// or every file it would write. For property tests and fuzzing, which need the
/// whole pipeline without a file system.
pub fn build_in_memory(site_yaml: &str, articles: &[(&str, &[u8])]) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let config = crate::config::parse_config(site_yaml, &Overrides::default())?;
    let mut problems = Diagnostics::new();
    let mut loaded = Vec::new();
    for (path, bytes) in articles {
        match crate::content::article_from_bytes(path, bytes, &config) {
            Ok((article, aliases)) => loaded.push((std::sync::Arc::new(article), aliases)),
            Err(ds) => problems.extend(ds),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    loaded.sort_by(|(a, _), (b, _)| crate::content::Article::newest_first(a, b));
    let (loaded, aliases): (Vec<_>, Vec<_>) = loaded.into_iter().unzip();
    let (site, _) = crate::site::assemble(config, loaded, &aliases);
    let theme = crate::render::theme::builtin_theme()?;
    let plan = plan_pages(&site)?;
    let renderer = Renderer::new(&site, &plan, &theme, RenderOptions::default())?;
    renderer.prepare_search();
    let pages: Vec<Result<(String, Vec<u8>), Diagnostic>> = plan
        .pages
        .par_iter()
        .map(|page| renderer.render(page).map(|bytes| (page.file.clone(), bytes)))
        .collect();
    let mut files = Vec::with_capacity(pages.len());
    for page in pages {
        match page {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(files)
    }
}
