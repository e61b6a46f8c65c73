//! `jianbao build`: the pipeline run once into the output folder, all or
//! nothing, and the record of the terms it published. A build whose sources
//! are as the last one's record says does nothing at all (see [`record`]).

mod record;

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
    /// The most article text (bytes of the files) the build holds in memory: a
    /// site with more sets its bodies aside ([`crate::content::HELD_TEXT`]
    /// when `None`; see [`crate::content::Body`]).
    pub held_text: Option<usize>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// How many files were rendered and written; the others were unchanged.
    pub written: usize,
    /// Whether the sources were as the last build's record says, so that
    /// nothing was read or rendered: this report is that build's.
    pub sources_unchanged: bool,
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
    let timer = crate::timing::PhaseTimer::from_env();
    let run_key = run_key(options, publish);
    let scan = match record::LastRecord::read(&options.output, &run_key, chrono::Utc::now()) {
        Some(last) => {
            let sources = record::Sources::scan(&options.root);
            let last = last.holds_for(&options.output, &sources);
            timer.lap("compare the sources with the last build's");
            if let Some(last) = last {
                return Ok(BuildReport::recorded(last, started.elapsed()));
            }
            SourceScan::Done(sources)
        }
        // Nothing to compare with: the sources are looked at beside the build, for its record.
        None => SourceScan::beside(&options.root),
    };
    crate::output::forget_build_record(&options.output).map_err(one)?;
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
        held_text: options.held_text,
    });
    let mut sink = DiskSink::new(&options.output).map_err(one)?;
    let run = pipeline.run(None, &mut sink)?;
    timer.lap("build into the output folder");
    let mut sources = scan.finish();
    if let Some(sources) = sources.as_mut() {
        sources.take_from_load(&options.root, pipeline.source_stamps());
    }
    let (warnings, next_warnings) = warnings_with_terms(options, run.warnings, &run.site, sources.as_mut());
    let report = BuildReport {
        written: sink.written(),
        sources_unchanged: false,
        pages: run.plan.pages.len(),
        articles: run.site.articles.len(),
        static_files: run.static_files,
        elapsed: started.elapsed(),
        warnings,
        left_out: run.site.left_out.to_vec(),
    };
    if let (Some(next_warnings), Some(sources)) = (next_warnings, sources) {
        let recorded = record::Recorded {
            pages: report.pages,
            articles: report.articles,
            static_files: report.static_files,
            warnings: next_warnings.into_iter().collect(),
            left_out: report.left_out.clone(),
        };
        record::save(&options.output, run_key, &sources, recorded);
    }
    timer.lap("record the build");
    // A build is done once its files are written; freeing its articles, cards
    // and pages one by one took the main thread some 35 ms at 10,000 articles,
    // and a process that ends next has the system reclaim the memory at once.
    crate::par::free_in_background((pipeline, run.site, run.plan));
    Ok(report)
}

/// The sources of a build, for its record: looked at before the build, to
/// compare with the last one's record, or beside it when there is none.
enum SourceScan {
    Done(record::Sources),
    Running(std::thread::JoinHandle<record::Sources>),
}

impl SourceScan {
    /// Starts listing the sources of the site at `root` on a thread of its
    /// own, and looking at all but the articles, which the build's load looks
    /// at anyway: the list is done while the load reads them.
    fn beside(root: &std::path::Path) -> SourceScan {
        let taken = std::time::SystemTime::now();
        let on_thread = root.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("sources".to_string())
            .spawn(move || record::Sources::list_as_of(&on_thread, taken));
        match spawned {
            Ok(running) => SourceScan::Running(running),
            Err(_) => SourceScan::Done(record::Sources::list_as_of(root, taken)),
        }
    }

    /// The sources, once looked at; `None` if the thread looking failed, and
    /// with it the record: the next build is a full one.
    fn finish(self) -> Option<record::Sources> {
        match self {
            SourceScan::Done(sources) => Some(sources),
            SourceScan::Running(running) => running.join().ok(),
        }
    }
}

impl BuildReport {
    /// The report of a build that found its sources as `last` recorded them.
    fn recorded(last: record::Recorded, elapsed: Duration) -> BuildReport {
        BuildReport {
            written: 0,
            sources_unchanged: true,
            pages: last.pages,
            articles: last.articles,
            static_files: last.static_files,
            elapsed,
            warnings: last.warnings.into_iter().collect(),
            left_out: last.left_out,
        }
    }
}

/// The run's warnings with those of the terms whose addresses moved since
/// the last build, which then records where they are now (not for a preview
/// with drafts or future articles, which publishes nothing for good). Also
/// what the next build of the same sources would say, for the build record:
/// `None` when it cannot be told, as the terms could not be recorded.
fn warnings_with_terms(
    options: &BuildOptions,
    mut warnings: Diagnostics,
    site: &crate::site::Site,
    sources: Option<&mut record::Sources>,
) -> (Diagnostics, Option<Diagnostics>) {
    let moved = crate::site::moved_terms(&options.root, site);
    let mut next = warnings.clone();
    warnings.extend(moved.iter().cloned());
    if options.drafts || options.future {
        next.extend(moved);
    } else {
        let terms = crate::taxonomy::PublishedTerms::of(&site.taxonomies);
        let saved = crate::output::save_published_terms(&options.root, &terms.to_text());
        if let Some(sources) = sources {
            sources.restamp(&options.root, crate::output::PUBLISHED_TERMS);
        }
        // The site is built; a record that cannot be written (a read-only checkout)
        // only means the next build cannot warn of a moved term.
        if let Err(problem) = saved {
            let hint = crate::msg!("output-terms-not-saved-hint");
            warnings.push(
                crate::error::Diagnostic {
                    severity: crate::error::Severity::Warning,
                    ..problem
                }
                .with_hint(hint),
            );
            warnings.sort();
            return (warnings, None);
        }
    }
    warnings.sort();
    next.sort();
    (warnings, Some(next))
}

/// How `options` and `publish` run a build, for its record.
fn run_key(options: &BuildOptions, publish: PublishOptions) -> record::RunKey {
    record::RunKey {
        root: std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone()),
        base_url: options.base_url.clone(),
        drafts: options.drafts,
        future: options.future,
        minify: publish.minify,
    }
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
