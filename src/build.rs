//! `jianbao build`: load the site, plan its pages, render them in parallel
//! and write them, all or nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Overrides;
use crate::content::LoadOptions;
use crate::error::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::plan::plan_pages;
use crate::render::theme::{StaticSource, load_theme};
use crate::render::{RenderOptions, Renderer};
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
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub articles: usize,
    pub static_files: usize,
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
}

/// Builds the site. On any error, the output folder is left as it was and
/// every problem found is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let site_options = SiteOptions {
        overrides: Overrides {
            base_url: options.base_url.clone(),
        },
        load: LoadOptions { drafts: options.drafts },
    };
    let timer = PhaseTimer::from_env();
    let (site, warnings) = load_site(&options.root, &site_options)?;
    timer.lap("load site");
    let theme = load_theme(&options.root, &site.config.theme)?;
    let plan = plan_pages(&site);
    let renderer = Renderer::new(&site, &plan, &theme, RenderOptions { drafts: options.drafts })?;
    timer.lap("plan and prepare templates");

    let staging = Staging::begin(&options.output).map_err(one)?;
    // Static files first, so that a page of the same name wins.
    let static_problems: Vec<Diagnostic> = theme
        .static_files
        .iter()
        .filter_map(|(file, source)| match source {
            StaticSource::Builtin(bytes) => staging.write(file, bytes).err(),
            StaticSource::Disk(path) => staging.copy(file, path).err(),
        })
        .collect();
    let page_problems: Vec<Diagnostic> = plan
        .pages
        .par_iter()
        .filter_map(|page| {
            renderer
                .render(page)
                .and_then(|bytes| staging.write(&page.file, &bytes))
                .err()
        })
        .collect();
    timer.lap("render and write pages");
    let mut problems: Diagnostics = static_problems.into_iter().chain(page_problems).collect();
    if problems.has_errors() {
        problems.sort();
        return Err(problems);
    }
    staging.commit().map_err(one)?;
    timer.lap("swap in the new output");
    Ok(BuildReport {
        pages: plan.pages.len(),
        articles: site.articles.len(),
        static_files: theme.static_files.len(),
        elapsed: started.elapsed(),
        warnings,
    })
}

/// Prints how long each phase took when `JIANBAO_TIMINGS` is set, for profiling.
struct PhaseTimer {
    last: Option<std::cell::Cell<Instant>>,
}

impl PhaseTimer {
    fn from_env() -> PhaseTimer {
        PhaseTimer {
            last: std::env::var_os("JIANBAO_TIMINGS").map(|_| std::cell::Cell::new(Instant::now())),
        }
    }

    fn lap(&self, phase: &str) {
        if let Some(last) = &self.last {
            let now = Instant::now();
            eprintln!("jianbao: {phase}: {} ms", (now - last.get()).as_millis());
            last.set(now);
        }
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([d])
}
