//! Pages to bytes: tera templates for HTML pages, Atom and the sitemap in code.
//!
//! The renderer is made once per build: templates parsed once, every article's
//! list view serialised once, the site view put in tera's global context. Each
//! page then only assembles a small context of shared values, so pages render
//! independently and in parallel. This is the only module that knows tera.

mod archives;
pub mod assets;
mod cache;
mod editions;
mod feeds;
mod filters;
mod fingerprint;
mod mail;
mod page_views;
mod partials;
pub mod shortcodes;
mod template_error;
pub mod theme;
pub mod views;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use tera::{Context, Tera, Value};

use crate::error::{Area, Diagnostic, Diagnostics};
use crate::msg;
use crate::plan::{EditionCopy, Page, PageKind, Pager, RenderPlan};
use crate::search::SearchPart;
use crate::search::{self, SearchIndex};
use crate::site::Site;
use crate::taxonomy::{ArticleId, TaxonomyKind};
use assets::Assets;
pub use cache::RenderCache;
use cache::{Grouped, Prepared};
use fingerprint::{Fingerprints, hash_of};
pub use fingerprint::{PageInputs, may_have_changed};
use page_views::{PageView, TermView, page_kind_name};
use template_error::template_error;
use theme::Theme;

/// How many short news items the front page's 短讯 box shows.
const FRONT_BRIEFS: usize = 6;

/// The redirect page of a theme that has none: the default theme's, which
/// stands alone (it extends nothing), so that it works with any theme.
const BUILTIN_REDIRECT: &str = include_str!("../../themes/default/templates/redirect.html");

/// The copies of editions and articles read away from the site, for a theme
/// without its own: the default theme's, which stand alone like the redirect page.
const BUILTIN_COPIES: [(&str, &str); 5] = [
    (
        crate::plan::templates::EDITION_PRINT,
        include_str!("../../themes/default/templates/issue_print.html"),
    ),
    (
        crate::plan::templates::EDITION_WECHAT,
        include_str!("../../themes/default/templates/issue_wechat.html"),
    ),
    (
        crate::plan::templates::EDITION_EMAIL,
        include_str!("../../themes/default/templates/issue_email.html"),
    ),
    (
        crate::plan::templates::EDITION_EMAIL_TEXT,
        include_str!("../../themes/default/templates/issue_email.txt"),
    ),
    (
        crate::plan::templates::ARTICLE_WECHAT,
        include_str!("../../themes/default/templates/article_wechat.html"),
    ),
];

/// Renders the pages of one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    plan: &'s RenderPlan,
    tera: Tera,
    /// Template name → the file it came from, for error messages.
    template_paths: BTreeMap<String, PathBuf>,
    /// Every article's card, as a template value, and its hashes, by article id.
    prepared: Arc<Vec<Prepared>>,
    /// What depends only on how the articles are grouped.
    grouped: Arc<Grouped>,
    /// What every page's output depends on, hashed: see [`Renderer::fingerprint`].
    fingerprints: Fingerprints,
    /// The static files as published, with the hashed names `asset()` gives.
    assets: Assets,
    /// Whether pages are minified.
    minify: bool,
    /// By article id: its HTML with its shortcodes rendered, for an article that calls any.
    expanded: Vec<Option<String>>,
    /// The search index, built the first time one of its files is rendered.
    search: OnceLock<SearchIndex>,
    /// By article id, for a site with editions: its HTML with every address
    /// absolute, made the first time a copy read away from the site shows it.
    absolute_html: Vec<OnceLock<String>>,
    /// By month of the archives: what its pages show of them, made the first
    /// time one of its pages is fingerprinted or rendered.
    month_views: BTreeMap<crate::plan::Month, OnceLock<archives::ArchiveView>>,
    /// What `include_cached` has drawn, kept here: the templates hold only a weak handle.
    _partials: Arc<partials::Memo>,
}

/// Options that change what pages contain.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Whether drafts are being shown (a preview build).
    pub drafts: bool,
}

/// Options that change the bytes published, not what they say.
#[derive(Clone, Copy, Debug, Default)]
pub struct PublishOptions {
    /// Minify pages (HTML) and stylesheets.
    pub minify: bool,
}

impl<'s> Renderer<'s> {
    /// Parses the theme's templates and prepares the values shared by all pages.
    pub fn new(
        site: &'s Site,
        plan: &'s RenderPlan,
        theme: &Theme,
        options: RenderOptions,
    ) -> Result<Self, Diagnostics> {
        Self::prepare(
            site,
            plan,
            theme,
            options,
            PublishOptions::default(),
            &mut RenderCache::default(),
        )
    }

    /// [`Renderer::new`], for output published with `publish`, reusing the
    /// cards and hashes in `cache` of the articles that did not change, and
    /// leaving this build's there.
    pub fn with_cache(
        site: &'s Site,
        plan: &'s RenderPlan,
        theme: &Theme,
        options: RenderOptions,
        publish: PublishOptions,
        cache: &mut RenderCache,
    ) -> Result<Self, Diagnostics> {
        Self::prepare(site, plan, theme, options, publish, cache)
    }

    fn prepare(
        site: &'s Site,
        plan: &'s RenderPlan,
        theme: &Theme,
        options: RenderOptions,
        publish: PublishOptions,
        cache: &mut RenderCache,
    ) -> Result<Self, Diagnostics> {
        let timer = crate::timing::PhaseTimer::from_env();
        let assets = Assets::prepare(&theme.static_files, publish.minify)?;
        let (mut tera, template_paths) = cache.templates(site, theme, &assets)?;
        let memo = partials::Memo::new();
        partials::register(&mut tera, Arc::downgrade(&memo));
        timer.lap("    (static files and templates)");
        let calls = shortcodes::check(site, &shortcodes::available(&tera));
        if calls.has_errors() {
            return Err(calls);
        }
        let expanded = shortcodes::expand(&tera, site, &template_paths)?;
        timer.lap("    (shortcodes)");
        let prepared = cache.prepare(site);
        timer.lap("    (cards)");
        let grouped = cache.grouped(site);
        let site_view = views::site_view_with(site, theme, &grouped.district_towns);
        timer.lap("    (site view)");
        let globals = hash_of(&(&site_view, options.drafts, publish.minify, assets.names()));
        let fingerprints = Fingerprints::new(
            plan,
            theme,
            &prepared,
            &expanded,
            globals,
            editions::edition_hashes(site),
        );
        timer.lap("    (fingerprint inputs)");
        let globals = tera.global_context();
        globals.insert("site", &site_view);
        globals.insert("drafts_shown", &options.drafts);
        memo.finish(&tera, &template_paths);
        Ok(Renderer {
            site,
            plan,
            tera,
            template_paths,
            prepared,
            grouped,
            fingerprints,
            assets,
            minify: publish.minify,
            expanded,
            search: OnceLock::new(),
            absolute_html: if site.editions.is_empty() {
                Vec::new()
            } else {
                site.articles.iter().map(|_| OnceLock::new()).collect()
            },
            month_views: plan
                .archives
                .months
                .iter()
                .map(|(m, _)| (*m, OnceLock::new()))
                .collect(),
            _partials: memo,
        })
    }

    /// The largest parts it holds of its own, to free elsewhere: the cards
    /// `include_cached` drew (up to 16 MiB), the templates, the expanded
    /// bodies and the search index.
    pub fn into_owned_parts(self) -> impl Send + 'static {
        let Renderer {
            tera,
            expanded,
            search,
            _partials,
            ..
        } = self;
        (tera, expanded, search, _partials)
    }

    /// What the pages of `month` show of the archives: the same for each of
    /// its pages, so made once.
    fn month_view(&self, month: crate::plan::Month) -> std::borrow::Cow<'_, archives::ArchiveView> {
        let made = || archives::month_view(self.site, &self.plan.archives, month);
        match self.month_views.get(&month) {
            Some(view) => std::borrow::Cow::Borrowed(view.get_or_init(made)),
            None => std::borrow::Cow::Owned(made()),
        }
    }

    /// Every static file to publish, under its own name and, for assets, its
    /// hashed name too.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// What page fingerprints are made of besides the plan: a rebuild with the
    /// same plan need only fingerprint the pages showing an article whose
    /// hashes changed, and the front page.
    pub fn inputs(&self) -> PageInputs {
        let fp = &self.fingerprints;
        PageInputs {
            cards: fp.cards.clone(),
            bodies: fp.bodies.clone(),
            shared: hash_of(&(fp.globals, &fp.templates, fp.page_paths, fp.editions)),
        }
    }

    /// Builds the search index now, using every core, unless it is built
    /// already. Call it before rendering search files in parallel: otherwise
    /// the first of them builds the index alone while the others wait.
    pub fn prepare_search(&self) {
        if self.plan.search.is_some() {
            self.search.get_or_init(|| self.build_search(SearchIndex::build));
        }
    }

    /// The search index, built on this thread alone if [`Renderer::prepare_search`]
    /// did not build it: this runs inside a parallel render, where a parallel build
    /// could wait on a thread that is itself waiting for the index.
    fn search_index(&self) -> &SearchIndex {
        self.search
            .get_or_init(|| self.build_search(SearchIndex::build_sequential))
    }

    fn build_search(&self, build: fn(&[search::Document], usize) -> SearchIndex) -> SearchIndex {
        match &self.plan.search {
            Some(layout) => build(&search::documents(self.site, layout), layout.shards),
            None => build(&[], 1),
        }
    }

    fn search_file(&self, part: SearchPart, page: &Page) -> Vec<u8> {
        match part {
            SearchPart::Document(number) => match page.articles.first() {
                Some(&id) => search::document_file(self.site, number, id).into_bytes(),
                None => Vec::new(),
            },
            SearchPart::Meta | SearchPart::Shard(..) => self.search_index().file(part),
        }
    }

    /// An article's HTML as pages show it: with its shortcodes rendered.
    fn article_html(&self, id: ArticleId) -> Result<Cow<'_, str>, Diagnostic> {
        match self.expanded.get(id) {
            Some(Some(html)) => Ok(Cow::Borrowed(html)),
            _ => self.site.articles[id].body_html(),
        }
    }

    /// The front page's lead: the newest feature.
    fn lead(&self) -> Option<ArticleId> {
        self.grouped.lead
    }

    /// The short news in the front page's box.
    fn front_briefs(&self) -> Vec<ArticleId> {
        self.grouped.briefs.iter().copied().take(FRONT_BRIEFS).collect()
    }

    /// The bytes of one page.
    pub fn render(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        match page.kind {
            PageKind::Feed(scope) => {
                let bodies = page
                    .articles
                    .iter()
                    .map(|&id| Ok((id, self.article_html(id)?)))
                    .collect::<Result<HashMap<_, _>, Diagnostic>>()?;
                let html = |id| bodies.get(&id).map_or("", |html| html.as_ref());
                Ok(feeds::atom(self.site, scope, &page.articles, &html).into_bytes())
            }
            PageKind::EditionFeed => Ok(feeds::editions_atom(self.site).into_bytes()),
            PageKind::Sitemap(part) => Ok(feeds::sitemap(self.site, self.plan, part).into_bytes()),
            PageKind::Robots => Ok(feeds::robots(self.site).into_bytes()),
            PageKind::SearchIndex(part) => Ok(self.search_file(part, page)),
            _ => self.render_html(page),
        }
    }

    /// The template `page` is rendered with: its own, or for an archive page
    /// of a theme without archive templates, the one that lists terms.
    fn template_of(&self, page: &Page) -> Option<&'static str> {
        let template = page.template?;
        match archives::fallback(template) {
            Some(fallback) if !self.tera.contains_template(template) => Some(fallback),
            _ => Some(template),
        }
    }

    fn render_html(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let Some(template) = self.template_of(page) else {
            return Ok(Vec::new());
        };
        let context = self.context(page)?;
        // Into bytes directly: `render` would check the whole page is UTF-8 once more to make a String.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| template_error(&e, &self.template_paths, Some(&page.path)))?;
        match page.kind {
            PageKind::Edition {
                copy: EditionCopy::EmailText,
                ..
            } => Ok(html),
            PageKind::WechatArticle(_)
            | PageKind::Edition {
                copy: EditionCopy::Wechat | EditionCopy::Email,
                ..
            } => self.inline_copy(page, &html),
            _ if self.minify => Ok(assets::minify_html(&html)),
            _ => Ok(html),
        }
    }

    /// A WeChat or e-mail copy with its styles inline and, for WeChat, its links as notes.
    fn inline_copy(&self, page: &Page, html: &[u8]) -> Result<Vec<u8>, Diagnostic> {
        let page_url = self.site.config.base_url.absolute(&page.path);
        let html = String::from_utf8_lossy(html);
        // WeChat strips outbound links, so they become notes; an e-mail keeps them.
        let notes = match page.kind {
            PageKind::Edition {
                copy: EditionCopy::Email,
                ..
            } => mail::LinkNotes::Keep,
            _ => mail::LinkNotes::Notes,
        };
        mail::inline_copy(&html, &page_url, notes)
            .map(String::into_bytes)
            .map_err(|reason| {
                let template = self.template_of(page).unwrap_or_default();
                let path = self.template_paths.get(template).cloned().unwrap_or_default();
                Diagnostic::error(
                    Area::Config,
                    path,
                    0,
                    0,
                    msg!(
                        "theme-copy-not-inlined",
                        template = template,
                        page = &page.path,
                        reason = reason
                    ),
                )
            })
    }

    fn context(&self, page: &Page) -> Result<Context, Diagnostic> {
        let base = &self.site.config.base_url;
        let mut ctx = Context::new();
        let title = self.page_title(page);
        ctx.insert(
            "page",
            &PageView {
                kind: page_kind_name(&page.kind),
                url: base.link(&page.path),
                permalink: base.absolute(&page.path),
                title: title.clone(),
            },
        );
        let cards = |ids: &[ArticleId]| {
            Value::from(
                ids.iter()
                    .map(|&id| Value::clone(&self.prepared[id].card))
                    .collect::<Vec<_>>(),
            )
        };
        match page.kind {
            PageKind::Front(pager) => {
                ctx.insert_value("articles", cards(&page.articles));
                ctx.insert("pager", &self.pager_view("", pager));
                if pager.number == 1 {
                    if let Some(lead) = self.lead() {
                        ctx.insert_value("lead", Value::clone(&self.prepared[lead].card));
                    }
                    ctx.insert_value("briefs", cards(&self.front_briefs()));
                }
            }
            PageKind::Article(id) => self.insert_article(&mut ctx, id)?,
            PageKind::TaxonomyIndex(kind) => {
                ctx.insert("taxonomy", &self.taxonomy_view(kind));
                ctx.insert(
                    "terms",
                    &views::term_entries_with(self.site, kind, true, &self.grouped.district_towns),
                );
            }
            PageKind::Term { kind, term, pager } => {
                let term_base = self.insert_term(&mut ctx, kind, term);
                ctx.insert_value("articles", cards(&page.articles));
                ctx.insert("pager", &self.pager_view(&term_base, pager));
            }
            PageKind::Briefs(pager) => {
                ctx.insert_value("articles", cards(&page.articles));
                ctx.insert("pager", &self.pager_view(crate::plan::BRIEFS_PATH, pager));
            }
            PageKind::ArchiveMonth { month, pager } => {
                ctx.insert_value("articles", cards(&page.articles));
                ctx.insert("pager", &self.pager_view(&month.path(), pager));
                archives::insert_month(&mut ctx, &self.month_view(month));
            }
            PageKind::ArchiveYear(year) => {
                archives::insert_year(&mut ctx, &archives::year_view(self.site, &self.plan.archives, year));
            }
            PageKind::Redirect(i) => ctx.insert("redirect", &self.redirect_view(i)),
            PageKind::EditionIndex => self.insert_edition_index(&mut ctx),
            PageKind::Edition { edition, copy } => self.insert_edition(&mut ctx, edition, copy)?,
            PageKind::WechatArticle(id) => self.insert_wechat_article(&mut ctx, id)?,
            PageKind::NotFound
            | PageKind::Search
            | PageKind::SearchIndex(_)
            | PageKind::Feed(_)
            | PageKind::EditionFeed
            | PageKind::Sitemap(_)
            | PageKind::Robots => {}
        }
        Ok(ctx)
    }

    /// What an article's page shows besides the page: the article, its body
    /// and headings, its neighbours and related articles.
    fn insert_article(&self, ctx: &mut Context, id: ArticleId) -> Result<(), Diagnostic> {
        let card = |id: ArticleId| Value::clone(&self.prepared[id].card);
        ctx.insert_value("article", card(id));
        ctx.insert("content", &*self.article_html(id)?);
        ctx.insert("headings", &self.site.articles[id].headings);
        if let Some(older) = self.site.older(id) {
            ctx.insert_value("previous", card(older));
        }
        if let Some(newer) = self.site.newer(id) {
            ctx.insert_value("next", card(newer));
        }
        let related: Vec<Value> = self.site.related[id].iter().map(|&id| card(id)).collect();
        ctx.insert_value("related", Value::from(related));
        if let Some(edition) = self.edition_of(id) {
            ctx.insert("edition", &edition);
        }
        Ok(())
    }

    /// The taxonomy and the term (by its place in the taxonomy) a term page
    /// shows; returns the term's site path, which its pages hang from.
    fn insert_term(&self, ctx: &mut Context, kind: TaxonomyKind, term: usize) -> String {
        let base = &self.site.config.base_url;
        let term = &self.site.taxonomies.get(kind).terms[term];
        let term_base = format!("{}/{}/", kind.key(), term.slug);
        ctx.insert("taxonomy", &self.taxonomy_view(kind));
        ctx.insert(
            "term",
            &TermView {
                name: term.name.clone(),
                slug: term.slug.clone(),
                url: base.link(&term_base),
                count: term.articles.len(),
                feed_url: (kind == TaxonomyKind::Districts).then(|| base.link(&format!("{term_base}atom.xml"))),
            },
        );
        term_base
    }

    fn page_title(&self, page: &Page) -> String {
        let suffix = |title: String, pager: Pager| {
            if pager.number > 1 {
                format!("{title}（第{}页）", pager.number)
            } else {
                title
            }
        };
        match page.kind {
            PageKind::Front(pager) => suffix(self.site.config.title.clone(), pager),
            PageKind::Article(id) => self.site.articles[id].front.title.clone(),
            PageKind::TaxonomyIndex(kind) => kind.label().to_string(),
            PageKind::Term { kind, term, pager } => {
                let name = &self.site.taxonomies.get(kind).terms[term].name;
                suffix(format!("{}：{name}", kind.label()), pager)
            }
            PageKind::Briefs(pager) => suffix("短讯".to_string(), pager),
            PageKind::ArchiveMonth { month, pager } => suffix(month.title_zh(), pager),
            PageKind::ArchiveYear(year) => crate::plan::archives::year_title_zh(year),
            PageKind::NotFound => "找不到这一页".to_string(),
            PageKind::Search => "搜索".to_string(),
            PageKind::Redirect(i) => self.redirect_view(i).title,
            PageKind::EditionIndex => "期刊".to_string(),
            PageKind::Edition { edition, .. } => {
                let e = &self.site.editions.list[edition];
                match &e.title {
                    Some(title) => format!("{}（{}）", e.name_zh(), title),
                    None => format!("{} · {}", self.site.config.title, e.name_zh()),
                }
            }
            PageKind::WechatArticle(id) => self.site.articles[id].front.title.clone(),
            PageKind::Feed(_)
            | PageKind::EditionFeed
            | PageKind::Sitemap(_)
            | PageKind::Robots
            | PageKind::SearchIndex(_) => String::new(),
        }
    }
}

/// The theme's templates parsed, with the built-in redirect page for a theme
/// without one and the built-in shortcodes, and the file each came from, for
/// error messages; every template a page needs is there.
fn templates(site: &Site, theme: &Theme, assets: &Assets) -> Result<(Tera, BTreeMap<String, PathBuf>), Diagnostics> {
    let mut template_paths: BTreeMap<String, PathBuf> = theme
        .templates
        .values()
        .map(|t| (t.name.clone(), t.path.clone()))
        .collect();
    let one =
        |e: &tera::Error, paths: &BTreeMap<String, PathBuf>| Diagnostics::from_iter([template_error(e, paths, None)]);
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    filters::register(&mut tera, &site.config.base_url, assets.names());
    // Known while the templates are checked; each renderer gives it a memo of its own.
    partials::register(&mut tera, std::sync::Weak::new());
    if let Err(e) = tera.add_raw_templates(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str()))) {
        return Err(one(&e, &template_paths));
    }
    let redirect = crate::plan::templates::REDIRECT;
    if !tera.contains_template(redirect) {
        let shown = PathBuf::from(format!("(built-in default theme)/templates/{redirect}"));
        template_paths.insert(redirect.to_string(), shown);
        if let Err(e) = tera.add_raw_template(redirect, BUILTIN_REDIRECT) {
            return Err(one(&e, &template_paths));
        }
    }
    if !site.editions.is_empty() {
        for (name, text) in BUILTIN_COPIES {
            if tera.contains_template(name) {
                continue;
            }
            let shown = PathBuf::from(format!("(built-in default theme)/templates/{name}"));
            template_paths.insert(name.to_string(), shown);
            if let Err(e) = tera.add_raw_template(name, text) {
                return Err(one(&e, &template_paths));
            }
        }
    }
    let missing = missing_templates(&tera, site, theme);
    if missing.has_errors() {
        return Err(missing);
    }
    if let Err(e) = shortcodes::add_builtin(&mut tera, theme, &mut template_paths) {
        return Err(one(&e, &template_paths));
    }
    Ok((tera, template_paths))
}

/// An error for each template the site's pages need that the theme lacks.
fn missing_templates(tera: &Tera, site: &Site, theme: &Theme) -> Diagnostics {
    let search_template = site.config.search.then_some(crate::plan::templates::SEARCH);
    let edition_templates = if site.editions.is_empty() {
        &[][..]
    } else {
        &[crate::plan::templates::EDITIONS, crate::plan::templates::EDITION][..]
    };
    crate::plan::templates::ALL
        .into_iter()
        .chain(search_template)
        .chain(edition_templates.iter().copied())
        .filter(|name| !tera.contains_template(name))
        .map(|name| {
            Diagnostic::error(
                Area::Config,
                format!("themes/{}/templates/{name}", theme.name),
                0,
                0,
                msg!("theme-no-template", name = name),
            )
            .with_hint(if Some(name) == search_template {
                msg!("theme-no-template-search-hint", name = name)
            } else {
                msg!("theme-no-template-hint", name = name)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_errors_name_the_template_and_line_in_chinese() {
        use crate::i18n::Lang;
        let paths: BTreeMap<String, PathBuf> = [(
            "article.html".to_string(),
            PathBuf::from("themes/plain/templates/article.html"),
        )]
        .into();
        let mut tera = Tera::new();
        let err = tera
            .add_raw_template("article.html", "<h1>标题</h1>\n{% if %}\n")
            .unwrap_err();
        let d = template_error(&err, &paths, None);
        let tera_says = d.message.render(Lang::En);
        assert_eq!(
            d.render(Lang::Zh),
            format!(
                "themes/plain/templates/article.html:2:{}: 错误：模板 article.html 第 2 行的写法有误：{tera_says}\n  提示：内置主题的模板用到了所有的变量、过滤器和函数，运行 `jianbao theme export` 可以把它们写出来对照",
                d.column
            )
        );

        let mut tera = Tera::new();
        tera.add_raw_template("article.html", "<h1>标题</h1>\n<p>{{ no_such_field }}</p>\n")
            .unwrap();
        let err = tera.render("article.html", &Context::new()).unwrap_err();
        let d = template_error(&err, &paths, Some("2013/11/a/"));
        let tera_says = d.message.render(Lang::En);
        assert!(tera_says.contains("no_such_field"), "{tera_says}");
        assert_eq!(
            d.render(Lang::Zh),
            format!(
                "themes/plain/templates/article.html:2:{}: 错误：用模板 article.html 生成页面时，第 2 行出错：{tera_says}\n  提示：这是生成页面 /2013/11/a/ 时出的错；内置主题的模板用到了页面的每一个变量，运行 `jianbao theme export` 可以把它们写出来对照",
                d.column
            )
        );
    }

    #[test]
    fn only_pages_showing_a_changed_article_and_the_front_page_may_change() {
        let before = PageInputs {
            cards: vec![1, 2, 3],
            bodies: vec![10, 20, 30],
            shared: 7,
        };
        let body_edit = PageInputs {
            bodies: vec![10, 21, 30],
            ..before.clone()
        };
        let changed = body_edit.changed_since(&before).unwrap();
        assert_eq!(changed, [false, true, false]);
        let page = |kind, articles: Vec<ArticleId>| Page {
            path: String::new(),
            file: String::new(),
            kind,
            template: None,
            articles,
        };
        let pager = |number| Pager { number, total: 2 };
        assert!(may_have_changed(&page(PageKind::Article(1), vec![1, 0, 2]), &changed));
        assert!(!may_have_changed(&page(PageKind::Article(0), vec![0, 2]), &changed));
        assert!(!may_have_changed(&page(PageKind::Front(pager(2)), vec![2]), &changed));
        assert!(
            may_have_changed(&page(PageKind::Front(pager(1)), vec![0]), &changed),
            "the front page shows the lead and short news too"
        );
        let template_edit = PageInputs {
            shared: 8,
            ..before.clone()
        };
        assert_eq!(template_edit.changed_since(&before), None, "anything else: every page");
        let added = PageInputs {
            cards: vec![1, 2, 3, 4],
            bodies: vec![10, 20, 30, 40],
            shared: 7,
        };
        assert_eq!(added.changed_since(&before), None);
    }
}
