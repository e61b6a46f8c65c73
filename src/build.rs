//! `jianbao build`: the pipeline run once into the output folder, all or
//! nothing, and the record of the terms it published.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::error::{Diagnostic, Diagnostics};
use crate::pipeline::sink::{CollectSink, DiskSink};
use crate::pipeline::{Pipeline, Settings};
use crate::render::PublishOptions;
use crate::site::SiteOptions;

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
    let mut pipeline = Pipeline::for_one_run(Settings {
        root: options.root.clone(),
        site: SiteOptions {
            overrides: Overrides {
                base_url: options.base_url.clone(),
            },
            load: LoadOptions {
                drafts: options.drafts,
                future: options.future,
                now: None,
            },
        },
        publish,
    });
    let mut sink = DiskSink::new(&options.output).map_err(one)?;
    let run = pipeline.run(None, &mut sink)?;
    let mut warnings = run.warnings;
    warnings.extend(crate::site::moved_terms(&options.root, &run.site));
    // Previews with drafts or future articles publish nothing for good.
    if !options.drafts && !options.future {
        let terms = crate::taxonomy::PublishedTerms::of(&run.site.taxonomies);
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
        }
    }
    warnings.sort();
    Ok(BuildReport {
        written: sink.written(),
        pages: run.plan.pages.len(),
        articles: run.site.articles.len(),
        static_files: run.static_files,
        elapsed: started.elapsed(),
        warnings,
        left_out: run.site.left_out.to_vec(),
    })
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([d])
}

/// Builds a site from a site.yaml text and article files given as bytes, with
/// the built-in theme, entirely in memory: every problem a build would report,
/// or every file it would write, sorted by name. For property tests and
/// fuzzing, which need the whole pipeline without a file system.
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
    let mut sink = CollectSink::all();
    crate::pipeline::render_site(&site, &theme, &mut sink)?;
    Ok(sink.into_files())
}
