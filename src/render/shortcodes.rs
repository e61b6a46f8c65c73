//! Shortcodes in pages: each call an article makes rendered with the theme's
//! `templates/shortcodes/<name>.html` and put in place of its token.
//!
//! The built-in shortcodes' templates come with jianbao; a theme's or a site's
//! template of the same name replaces one (as any template does), and a new
//! name under `shortcodes/` adds a shortcode. Here, where the theme is known,
//! each call's name is checked against those templates, and an online
//! player's address against site.yaml's `embeds: hosts`. The Markdown stage
//! found the calls and completed them (bodies, pictures, files): see
//! [`crate::markdown::shortcodes`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::config::address_host;
use crate::content::Article;
use crate::error::{Area, Diagnostic, Diagnostics};
use crate::markdown::shortcodes::{ArgValue, ShortcodeCall, replace_tokens};
use crate::msg;
use crate::site::Site;

use super::theme::Theme;

/// Where shortcode templates live among a theme's templates.
pub const FOLDER: &str = "shortcodes/";

/// Adds the built-in shortcode templates that neither the theme nor the site
/// replaces, so that every theme has them.
pub fn add_builtin(tera: &mut Tera, theme: &Theme, paths: &mut BTreeMap<String, PathBuf>) -> Result<(), tera::Error> {
    let builtin: Vec<(String, String)> = super::theme::builtin_files()
        .into_iter()
        .filter_map(|(path, bytes)| {
            let name = path.strip_prefix("templates/")?;
            (name.starts_with(FOLDER) && !theme.templates.contains_key(name))
                .then(|| (name.to_string(), String::from_utf8_lossy(bytes).into_owned()))
        })
        .collect();
    for (name, _) in &builtin {
        paths.insert(
            name.clone(),
            PathBuf::from(format!("(built-in default theme)/templates/{name}")),
        );
    }
    tera.add_raw_templates(builtin)
}

/// The shortcodes a site can call: the names of the templates under `shortcodes/`.
pub fn available(tera: &Tera) -> Vec<String> {
    let mut names: Vec<String> = tera
        .get_template_names()
        .filter_map(|t| t.strip_prefix(FOLDER)?.strip_suffix(".html"))
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

/// Problems with the calls of every article: a shortcode the theme does not
/// have, or an online player whose host site.yaml does not allow.
pub fn check(site: &Site, available: &[String]) -> Diagnostics {
    let hosts = &site.config.embeds.hosts;
    let mut problems = Diagnostics::new();
    for article in site.articles.iter() {
        for call in &article.shortcodes {
            let error = |message, hint| {
                Diagnostic::error(Area::Content, article.source.clone(), call.line, call.column, message)
                    .with_hint(hint)
            };
            if !available.contains(&call.name) {
                let hint = match crate::error::did_you_mean(&call.name, available.iter().map(String::as_str)) {
                    Some(near) => msg!("sc-unknown-near-hint", near = near, names = available.to_vec()),
                    None => msg!("sc-unknown-hint", names = available.to_vec()),
                };
                problems.push(error(msg!("sc-unknown", name = call.name.as_str()), hint));
                continue;
            }
            let Some(address) = embed_address(call) else { continue };
            let host = address_host(address);
            if hosts.is_empty() {
                problems.push(error(
                    msg!("sc-embeds-off", host = host.as_str(), key = "embeds: hosts"),
                    msg!("sc-embeds-off-hint", example = format!("embeds: {{ hosts: [{host}] }}")),
                ));
            } else if !hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
                problems.push(error(
                    msg!("sc-embed-host", host = host.as_str(), key = "embeds: hosts"),
                    msg!("sc-embed-host-hint", hosts = hosts.clone(), host = host.as_str()),
                ));
            }
        }
    }
    problems
}

/// The `url=` of a call of the built-in video shortcode: an online player.
fn embed_address(call: &ShortcodeCall) -> Option<&str> {
    if call.name != "video" {
        return None;
    }
    call.args.iter().find_map(|(k, v)| match (k.as_str(), v) {
        ("url", ArgValue::Text(url)) => Some(url.as_str()),
        _ => None,
    })
}

/// Each article's HTML with its shortcodes rendered in place, by article id;
/// `None` for an article that calls none (its HTML is shown as it is).
pub fn expand(tera: &Tera, site: &Site, paths: &BTreeMap<String, PathBuf>) -> Result<Vec<Option<String>>, Diagnostics> {
    let results: Vec<Result<Option<String>, Diagnostic>> = site
        .articles
        .par_iter()
        .map(|article| {
            if article.shortcodes.is_empty() {
                return Ok(None);
            }
            expand_article(tera, site, article, paths).map(Some)
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut expanded = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(html) => expanded.push(html),
            Err(d) => {
                problems.push(d);
                expanded.push(None);
            }
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(expanded)
    }
}

fn expand_article(
    tera: &Tera,
    site: &Site,
    article: &Article,
    paths: &BTreeMap<String, PathBuf>,
) -> Result<String, Diagnostic> {
    let mut made = Vec::with_capacity(article.shortcodes.len());
    for (n, call) in article.shortcodes.iter().enumerate() {
        let template = format!("{FOLDER}{}.html", call.name);
        let context = call_context(site, article, call, n);
        let html = tera
            .render(&template, &context)
            .map_err(|e| super::template_error(&e, paths, Some(&article.url_path)))?;
        made.push(html.trim().to_string());
    }
    let html = article.body_html()?;
    Ok(replace_tokens(&html, &|n| made.get(n).cloned()))
}

/// What a shortcode's template sees: each argument by its name, `body`,
/// `pictures`, `nth`, `page_url` and, for an online player, `embed_host`.
fn call_context(site: &Site, article: &Article, call: &ShortcodeCall, n: usize) -> Context {
    let mut ctx = Context::new();
    for (key, value) in &call.args {
        ctx.insert(key.clone(), value);
    }
    ctx.insert("body", &call.body);
    ctx.insert("pictures", &call.pictures);
    ctx.insert("nth", &(n + 1));
    ctx.insert("block", &call.block);
    ctx.insert("page_url", &site.config.base_url.link(&article.url_path));
    if let Some(address) = embed_address(call) {
        ctx.insert("embed_host", &address_host(address));
    }
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_addresses() {
        // A host is matched as a whole name: a look-alike is another host.
        assert_eq!(
            address_host("https://player.bilibili.com.evil.example/x"),
            "player.bilibili.com.evil.example"
        );
        assert_eq!(
            address_host("https://player.bilibili.com/player.html?bvid=1"),
            "player.bilibili.com"
        );
        assert_eq!(address_host("https://user@V.QQ.com:443/x"), "v.qq.com");
        assert_eq!(address_host("http://example.org"), "example.org");
    }
}
