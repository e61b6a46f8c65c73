//! `jianbao check`: everything a build would report, plus links inside the
//! site that lead nowhere and the newsroom lints, without writing anything.
//!
//! Pages are rendered in memory exactly as a build renders them, so template
//! errors surface too; then every `href` and `src` that points into the site
//! is resolved against the rendered files, `#anchors` included.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::config::{BaseUrl, Overrides};
use crate::content::LoadOptions;
use crate::error::{Area, Diagnostic, Diagnostics};
use crate::i18n::Message;
use crate::msg;
use crate::pipeline::sink::CollectSink;
use crate::pipeline::{Pipeline, Settings};
use crate::plan::PageKind;
use crate::site::SiteOptions;

/// What to check.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub future: bool,
}

/// Checks the site; returns every problem found, errors and warnings, sorted.
pub fn check(options: &CheckOptions) -> Diagnostics {
    let site_options = SiteOptions {
        overrides: Overrides::default(),
        load: LoadOptions {
            drafts: options.drafts,
            future: options.future,
            now: None,
        },
    };
    let mut pipeline = Pipeline::for_one_run(Settings {
        root: options.root.clone(),
        site: site_options.clone(),
        publish: Default::default(),
        held_text: None,
    });
    // Every HTML page is read for its links; the other files need only their names.
    let mut sink = CollectSink::only(|file| file.is_templated_page());
    let run = match pipeline.run(None, &mut sink) {
        Ok(run) => run,
        Err(mut problems) => {
            // The lints of what did load: an editor fixing one article's error
            // sees the copy desk's warnings on the others now, not next round.
            if let Some(site) = pipeline.take_failed_site() {
                problems.extend(crate::lint::lint_site(&options.root, &site));
                problems.sort();
            }
            return problems;
        }
    };
    let site = &run.site;
    let mut problems = run.warnings;
    problems.extend(crate::lint::lint_site(&options.root, site));
    problems.extend(crate::site::moved_terms(&options.root, site));
    let article_of: HashMap<&str, usize> = run
        .plan
        .pages
        .iter()
        .filter_map(|p| match p.kind {
            PageKind::Article(id) => Some((p.file.as_str(), id)),
            _ => None,
        })
        .collect();
    let listed = std::mem::take(&mut sink.listed);
    let pages: Vec<RenderedPage> = sink
        .into_files()
        .into_iter()
        .map(|(file, bytes)| RenderedPage {
            article: article_of.get(file.as_str()).copied(),
            html: String::from_utf8_lossy(&bytes).into_owned(),
            file,
        })
        .collect();
    let files: HashSet<String> = listed.into_iter().collect();
    let ids: HashMap<&str, HashSet<String>> = pages.iter().map(|p| (p.file.as_str(), element_ids(&p.html))).collect();
    let links = LinkIndex {
        base: &site.config.base_url,
        files: &files,
        ids: &ids,
    };
    for RenderedPage { file, article, html } in &pages {
        let shown_in = match article {
            Some(id) => site.articles[*id].source.clone(),
            // Shown where a file name goes, so put into words now.
            None => PathBuf::from(msg!("output-check-page", path = file.trim_end_matches("index.html")).to_string()),
        };
        for (target, problem) in links.broken_links(file, html) {
            // An article's own links are reported once, at the article; links the
            // theme writes on every page are reported on the page they are on.
            let d = Diagnostic::error(
                Area::Content,
                shown_in.clone(),
                0,
                0,
                msg!("output-check-broken-link", link = target, problem = problem),
            )
            .with_hint(msg!("output-check-broken-link-hint"));
            problems.push(d);
        }
    }
    problems.sort();
    problems
}

/// A page rendered for checking, and the article it is the page of.
struct RenderedPage {
    file: String,
    article: Option<usize>,
    html: String,
}

/// The files and anchors of the rendered site, to resolve links against.
struct LinkIndex<'a> {
    base: &'a BaseUrl,
    files: &'a HashSet<String>,
    ids: &'a HashMap<&'a str, HashSet<String>>,
}

impl LinkIndex<'_> {
    /// The links on the page `file` whose target is not in the site, with why.
    fn broken_links(&self, file: &str, html: &str) -> Vec<(String, Message)> {
        let mut broken = Vec::new();
        let srcset_candidates = attribute_values(html, &["srcset"]).into_iter().flat_map(|set| {
            set.split(',')
                .filter_map(|c| c.split_whitespace().next().map(str::to_string))
                .collect::<Vec<_>>()
        });
        for link in attribute_values(html, &["href", "src"])
            .into_iter()
            .chain(srcset_candidates)
        {
            if let Some(problem) = self.problem(file, &link) {
                broken.push((link, problem));
            }
        }
        broken.sort();
        broken.dedup();
        broken
    }

    fn problem(&self, from_file: &str, link: &str) -> Option<Message> {
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let target_file = if path.is_empty() {
            from_file.to_string()
        } else {
            self.site_file(from_file, path)?
        };
        let target_file = percent_encoding::percent_decode_str(&target_file)
            .decode_utf8_lossy()
            .into_owned();
        if !self.files.contains(&target_file) {
            return Some(msg!("output-check-no-page"));
        }
        let fragment = fragment.filter(|f| !f.is_empty() && *f != "top")?;
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        match self.ids.get(target_file.as_str()) {
            Some(ids) if !ids.contains(fragment.as_ref()) => Some(msg!("output-check-no-anchor")),
            _ => None,
        }
    }

    /// The output file a link leads to, or `None` for a link out of the site.
    fn site_file(&self, from_file: &str, path: &str) -> Option<String> {
        let absolute_base = self.base.absolute("");
        let rel = if let Some(rest) = path.strip_prefix(&absolute_base) {
            rest.to_string()
        } else if path.contains("://") || path.starts_with("//") || path.contains(':') && !path.starts_with('/') {
            return None;
        } else if let Some(rest) = path.strip_prefix(self.base.path()) {
            rest.to_string()
        } else if path.starts_with('/') {
            // Root-relative but outside the base path: a link that leaves the site.
            return Some(path.to_string());
        } else {
            let dir = from_file.rsplit_once('/').map_or("", |(d, _)| d);
            let joined = crate::site_path::normalize(&format!("{dir}/{path}"))?;
            if path.ends_with('/') && !joined.is_empty() {
                format!("{joined}/")
            } else {
                joined
            }
        };
        Some(if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel
        })
    }
}

/// The values of the named attributes in `html`, with `&amp;` decoded.
///
/// Pages are written by jianbao's templates and pulldown-cmark, which always
/// quote attributes with `"`, so a scan is enough and much faster than a parser.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            if let Some(end) = rest.find('"') {
                values.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    values
}

/// Every `id` on the page.
fn element_ids(html: &str) -> HashSet<String> {
    attribute_values(html, &["id"]).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quoted_attributes() {
        let html = r#"<a href="/a/?x=1&amp;y=2">x</a><img src="p.jpg" alt=""><h2 id="qing-ting">"#;
        assert_eq!(attribute_values(html, &["href", "src"]), ["/a/?x=1&y=2", "p.jpg"]);
        assert!(element_ids(html).contains("qing-ting"));
    }

    #[test]
    fn resolves_links_against_the_rendered_site() {
        let base = BaseUrl::parse("https://example.org/bulletin/").unwrap();
        let files: HashSet<String> = ["index.html", "2013/11/a/index.html", "style.css"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut ids = HashMap::new();
        ids.insert("2013/11/a/index.html", ["sec".to_string()].into_iter().collect());
        let index = LinkIndex {
            base: &base,
            files: &files,
            ids: &ids,
        };
        assert_eq!(index.problem("index.html", "/bulletin/2013/11/a/"), None);
        assert_eq!(index.problem("index.html", "/bulletin/2013/11/a/#sec"), None);
        assert_eq!(
            index.problem("index.html", "/bulletin/2013/11/a/#nope"),
            Some(msg!("output-check-no-anchor"))
        );
        assert_eq!(
            index.problem("index.html", "/bulletin/2013/11/b/"),
            Some(msg!("output-check-no-page"))
        );
        assert_eq!(
            index.problem("index.html", "/tags/"),
            Some(msg!("output-check-no-page")),
            "outside the base path"
        );
        assert_eq!(index.problem("2013/11/a/index.html", "../../../style.css"), None);
        assert_eq!(
            index.problem("index.html", "https://example.org/bulletin/style.css"),
            None
        );
        assert_eq!(index.problem("index.html", "https://elsewhere.example/x"), None);
        assert_eq!(index.problem("index.html", "mailto:desk@example.org"), None);
    }
}
