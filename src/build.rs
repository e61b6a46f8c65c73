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
    let (site, warnings) = load_site(&options.root, &site_options)?;
    let theme = load_theme(&options.root, &site.config.theme)?;
    let plan = plan_pages(&site);
    let renderer = Renderer::new(&site, &plan, &theme, RenderOptions { drafts: options.drafts })?;

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
    let mut problems: Diagnostics = static_problems.into_iter().chain(page_problems).collect();
    if problems.has_errors() {
        problems.sort();
        return Err(problems);
    }
    staging.commit().map_err(one)?;
    Ok(BuildReport {
        pages: plan.pages.len(),
        articles: site.articles.len(),
        static_files: theme.static_files.len(),
        elapsed: started.elapsed(),
        warnings,
    })
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([d])
}
