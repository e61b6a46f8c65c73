//! Where the links of an article's body lead: [`LinkContext`], which knows
//! every article's URL, turns a link to a `.md` file into a link to its page
//! (and a `#heading` written as its text into the heading's anchor), or says
//! why it leads nowhere; after the bodies are rendered, [`broken_anchors`]
//! finds the links to headings the article they lead to lacks, and
//! [`links_unchanged`] tells a rebuild whether a body would render the same.
//!
//! The picture files and attachments a body names are resolved with the same
//! context, in `pictures` and `attachments`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::error::{Area, Diagnostic, line_col};
use crate::i18n::Message;
use crate::images::ImageCache;
use crate::markdown::LinkTarget;
use crate::msg;
use crate::slug;

use super::{Article, CachedBody, Parsed, Withheld, stamp};

/// content/-relative file path → site path of every article being built: a
/// map, with the articles a reload adds and removes laid over it, so that a
/// reload of one article need not copy the addresses of all the others.
#[derive(Clone, Copy)]
pub(crate) struct Urls<'a> {
    map: &'a BTreeMap<String, String>,
    removed: &'a [&'a str],
    added: &'a [(String, String)],
}

impl<'a> Urls<'a> {
    /// The addresses in `map`.
    pub(crate) fn of(map: &'a BTreeMap<String, String>) -> Urls<'a> {
        Urls::changed(map, &[], &[])
    }

    /// The addresses in `map` without the articles at `removed`, with the
    /// articles `added` (content/-relative path, site path).
    pub(crate) fn changed(
        map: &'a BTreeMap<String, String>,
        removed: &'a [&'a str],
        added: &'a [(String, String)],
    ) -> Urls<'a> {
        Urls { map, removed, added }
    }

    /// The site path of the article at `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&'a str> {
        if let Some((_, url)) = self.added.iter().find(|(p, _)| p == path) {
            return Some(url);
        }
        if self.removed.contains(&path) {
            return None;
        }
        self.map.get(path).map(String::as_str)
    }

    /// Every article's path.
    fn paths(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.map
            .keys()
            .map(String::as_str)
            .filter(|p| !self.removed.contains(p))
            .chain(self.added.iter().map(|(p, _)| p.as_str()))
    }
}

/// What the link resolver needs to know about the site.
pub(crate) struct LinkContext<'a> {
    /// content/-relative file path → site path of every article being built.
    pub(crate) urls: Urls<'a>,
    /// Drafts and future articles left out of this build, to explain why a link to one fails.
    pub(crate) withheld: &'a BTreeMap<String, Withheld>,
    pub(crate) config: &'a Config,
    /// The site's folder and its picture cache; `None` leaves image links as written.
    pub(crate) pictures: Option<(&'a Path, &'a ImageCache)>,
}

impl LinkContext<'_> {
    /// Resolves a link written in the article at `from` (content/-relative).
    pub(super) fn resolve(&self, from: &str, dest: &str) -> LinkTarget {
        self.target(from, dest)
            .unwrap_or_else(|(message, hint)| broken(message, hint))
    }

    /// Where a link written in the article at `from` leads, or why it leads
    /// nowhere and how to fix it.
    fn target(&self, from: &str, dest: &str) -> Result<LinkTarget, (Message, Message)> {
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let heading = heading_anchor(fragment);
        if path.is_empty() {
            // A link within the article: only a heading named by its text needs rewriting.
            return Ok(match heading {
                Some(anchor) => LinkTarget::Rewrite(anchor),
                None => LinkTarget::Keep,
            });
        }
        if has_scheme(path) {
            return Ok(LinkTarget::Keep);
        }
        if !path.ends_with(".md") {
            return self.file_link(from, dest);
        }
        let fragment = heading.as_deref().unwrap_or(fragment);
        let Some(target) = crate::site_path::resolve(from, path) else {
            return Err((
                msg!("content-link-outside", link = dest),
                msg!("content-link-outside-hint"),
            ));
        };
        if let Some(url) = self.urls.get(&target) {
            return Ok(LinkTarget::Rewrite(format!(
                "{}{fragment}",
                self.config.base_url.link(url)
            )));
        }
        match self.withheld.get(&target) {
            Some(Withheld::Draft) => {
                return Err((msg!("content-link-draft", link = dest), msg!("content-link-draft-hint")));
            }
            Some(Withheld::Future) => {
                return Err((
                    msg!("content-link-future", link = dest),
                    msg!("content-link-future-hint"),
                ));
            }
            None => {}
        }
        let near = crate::error::did_you_mean(&target, self.urls.paths());
        Err((
            msg!("content-link-missing", link = dest, target = target.as_str()),
            match near {
                Some(n) => msg!("content-link-missing-near-hint", near = n),
                None => msg!("content-link-missing-hint"),
            },
        ))
    }
}

/// A link that leads nowhere, with why and how to fix it.
fn broken(message: Message, hint: Message) -> LinkTarget {
    LinkTarget::Broken {
        message,
        hint: Some(hint),
    }
}

/// A `#fragment` that names a heading by its text, as editors write it
/// (`#怎么预览`), as the anchor the heading has (`#zen-me-yu-lan`): headings
/// get the slug of their text. `None` for any other fragment, which stays as written.
fn heading_anchor(fragment: &str) -> Option<String> {
    let text = fragment.strip_prefix('#')?;
    let text = percent_encoding::percent_decode_str(text).decode_utf8().ok()?;
    if text.is_ascii() {
        return None;
    }
    let slug = slug::slugify(&text);
    (!slug.is_empty()).then(|| format!("#{slug}"))
}

pub(super) fn has_scheme(path: &str) -> bool {
    path.split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

/// Errors for the links of `body` that name a `#heading` the article they
/// lead to does not have, at the link as written, with the headings it has.
/// `article_of` finds a published article by its content/-relative path.
pub(crate) fn broken_anchors<'a>(
    body: &CachedBody,
    article_of: &dyn Fn(&str) -> Option<&'a Article>,
) -> Vec<Diagnostic> {
    let from = &body.parsed.file.content_path;
    let mut problems = Vec::new();
    for (dest, _) in &body.links {
        let Some((path, fragment)) = dest.split_once('#') else {
            continue;
        };
        if fragment.is_empty() || fragment == "top" || path.contains('?') {
            continue;
        }
        let target = if path.is_empty() {
            Some(from.clone())
        } else if path.ends_with(".md") && !has_scheme(path) {
            crate::site_path::resolve(from, path)
        } else {
            None
        };
        let Some(article) = target.as_deref().and_then(article_of) else {
            continue;
        };
        let anchor = heading_anchor(&format!("#{fragment}")).unwrap_or_else(|| {
            let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            format!("#{decoded}")
        });
        if article.element_ids.iter().any(|id| *id == anchor[1..]) {
            continue;
        }
        let written = percent_encoding::percent_decode_str(dest).decode_utf8_lossy();
        // Only a broken link needs its place: the Markdown is read back for it if it was set aside.
        let (line, column) = match body.parsed.markdown() {
            Ok(markdown) => link_position(&body.parsed, &markdown, dest),
            Err(_) => (body.parsed.body_line, 1),
        };
        let headings: Vec<String> = article.headings.iter().map(|h| format!("#{}", h.text)).collect();
        let hint = match article.headings.first() {
            None => msg!("content-anchor-no-headings-hint", title = article.front.title.as_str()),
            Some(first) => msg!(
                "content-anchor-headings-hint",
                headings = headings,
                anchor = first.id.as_str()
            ),
        };
        problems.push(
            Diagnostic::error(
                Area::Content,
                body.parsed.file.path.clone(),
                line,
                column,
                msg!(
                    "content-anchor-missing",
                    link = written.as_ref(),
                    title = article.front.title.as_str()
                ),
            )
            .with_hint(hint),
        );
    }
    problems
}

/// The file (line, column) of the link to `dest` in the article's body, or
/// the body's first line when it cannot be found as written.
pub(super) fn link_position(parsed: &Parsed, markdown: &str, dest: &str) -> (usize, usize) {
    match markdown.find(&format!("]({dest}")) {
        Some(at) => {
            let (line, column) = line_col(markdown, at + 2);
            (line + parsed.body_line - 1, column)
        }
        None => (parsed.body_line, 1),
    }
}

/// Whether rendering `body` again with `links` would come out the same: every
/// link resolves as before and no picture or attachment it used changed.
pub(crate) fn links_unchanged(body: &CachedBody, links: &LinkContext<'_>) -> bool {
    body.links
        .iter()
        .all(|(dest, target)| links.resolve(&body.parsed.file.content_path, dest) == *target)
        && body.picture_files.iter().all(|(path, old)| match (old, stamp(path)) {
            (Some(old), Some(now)) => old.unchanged(&now),
            _ => false,
        })
        && body.attachment_files.unchanged(links.pictures.map(|(root, _)| root))
}

/// Whether a link of `body` may lead somewhere else once the articles at
/// `removed` (content/-relative paths) are gone: it links to one of them, or
/// to a file, which may have been published beside one. Cheaper than
/// [`links_unchanged`], which resolves every link again and looks at every file.
pub(crate) fn may_link_to(body: &CachedBody, removed: &[&str]) -> bool {
    let from = &body.parsed.file.content_path;
    body.links.iter().any(|(dest, _)| {
        let path = dest.find(['#', '?']).map_or(dest.as_str(), |i| &dest[..i]);
        if path.is_empty() || has_scheme(path) {
            return false;
        }
        !path.ends_with(".md")
            || crate::site_path::resolve(from, path).is_some_and(|target| removed.contains(&target.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::tests::{config, problems_in_chinese};
    use crate::i18n::Lang;

    #[test]
    fn schemes_are_not_files() {
        assert!(has_scheme("https://e.org/x.md"));
        assert!(has_scheme("mailto:a@b.md"));
        assert!(!has_scheme("../x.md"));
        assert!(!has_scheme("/2013/11/x.md"));
    }

    #[test]
    fn a_link_to_a_heading_the_article_lacks_names_the_headings_it_has_in_chinese() {
        let guide = "---\ntitle: 预览指南\ndate: 2013-11-01\ndistrict: 闵行区\n---\n## 怎么预览\n\n正文。\n\n## 常见问题\n\n正文。\n";
        let news =
            "---\ntitle: 新版上线\ndate: 2013-11-02\ndistrict: 闵行区\n---\n详见[预览指南](guide.md#怎样预览)。\n";
        let empty = "---\ntitle: 短讯\ndate: 2013-11-03\ndistrict: 闵行区\n---\n见[新版](news.md#细节)。\n";
        let shown = problems_in_chinese(&[
            ("2013/11/guide.md", guide),
            ("2013/11/news.md", news),
            ("2013/11/brief.md", empty),
        ]);
        assert_eq!(
            shown,
            [
                "content/2013/11/brief.md:6:7: 错误：链接 news.md#细节 要跳到的小标题在《新版上线》里找不到\n  \
                 提示：《新版上线》没有小标题可以链接；请直接链接这篇文章，去掉 `#` 和后面的部分",
                "content/2013/11/news.md:6:10: 错误：链接 guide.md#怎样预览 要跳到的小标题在《预览指南》里找不到\n  \
                 提示：它的小标题有：#怎么预览、#常见问题；`#` 后面要写其中一个小标题的文字，或者它的锚点（例如 #zen-me-yu-lan）",
            ]
        );
    }

    #[test]
    fn a_reload_sees_the_articles_it_adds_and_not_those_it_removes() {
        let urls: BTreeMap<String, String> = [
            ("2013/11/yin-hang.md".to_string(), "2013/11/yin-hang/".to_string()),
            (
                "2013/11/chong-qing-lu.md".to_string(),
                "2013/11/chong-qing-lu/".to_string(),
            ),
        ]
        .into();
        // 银行进社区 is deleted; 长宁区's new article comes.
        let removed = ["2013/11/yin-hang.md"];
        let added = [("2013/11/chang-ning.md".to_string(), "2013/11/chang-ning/".to_string())];
        let config = config();
        let links = LinkContext {
            urls: Urls::changed(&urls, &removed, &added),
            withheld: &BTreeMap::new(),
            config: &config,
            pictures: None,
        };
        let to = |dest: &str| links.target("2013/11/a.md", dest);
        assert!(matches!(to("chong-qing-lu.md"), Ok(LinkTarget::Rewrite(u)) if u == "/2013/11/chong-qing-lu/"));
        assert!(
            matches!(to("chang-ning.md#开幕"), Ok(LinkTarget::Rewrite(u)) if u.starts_with("/2013/11/chang-ning/#"))
        );
        let (message, hint) = to("yin-hang.md").expect_err("a removed article");
        let shown = Diagnostic::error(Area::Content, "content/2013/11/a.md", 6, 3, message)
            .with_hint(hint)
            .render(Lang::Zh);
        assert!(shown.contains("找不到文章"), "{shown}");
        // The near name offered is one that is still there, never the one removed.
        let (_, hint) = to("chang-nin.md").expect_err("a misspelt name");
        assert!(hint.to_string().contains("chang-ning.md"), "{hint}");
        assert!(
            !Urls::changed(&urls, &removed, &added)
                .paths()
                .any(|p| p == "2013/11/yin-hang.md")
        );
    }

    #[test]
    fn links_that_lead_nowhere_say_why_in_chinese() {
        let urls: BTreeMap<String, String> =
            [("2013/11/welcome.md".to_string(), "2013/11/welcome/".to_string())].into();
        let withheld: BTreeMap<String, Withheld> = [
            ("2013/11/draft.md".to_string(), Withheld::Draft),
            ("2013/12/later.md".to_string(), Withheld::Future),
        ]
        .into();
        let config = config();
        let links = LinkContext {
            urls: Urls::of(&urls),
            withheld: &withheld,
            config: &config,
            pictures: None,
        };
        let shown = |dest: &str| {
            let (message, hint) = links.target("2013/11/a.md", dest).expect_err(dest);
            Diagnostic::error(Area::Content, "content/2013/11/a.md", 6, 3, message)
                .with_hint(hint)
                .render(Lang::Zh)
        };
        assert_eq!(
            shown("welcom.md"),
            "content/2013/11/a.md:6:3: 错误：链接 welcom.md 找不到文章（找的是 content/2013/11/welcom.md）\n  \
             提示：可能是想链接 content/2013/11/welcome.md？"
        );
        assert_eq!(
            shown("../10/gone.md"),
            "content/2013/11/a.md:6:3: 错误：链接 ../10/gone.md 找不到文章（找的是 content/2013/10/gone.md）\n  \
             提示：请核对文件名：链接的路径从本文件所在的文件夹算起，以 / 开头时从 content/ 算起"
        );
        assert_eq!(
            shown("draft.md"),
            "content/2013/11/a.md:6:3: 错误：链接 draft.md 指向一篇草稿，草稿不会发布\n  \
             提示：先发布那篇文章（删掉 `draft: true`），或者删掉这个链接"
        );
        assert_eq!(
            shown("/2013/12/later.md"),
            "content/2013/11/a.md:6:3: 错误：链接 /2013/12/later.md 指向一篇定时发布的文章，它的日期还没到，尚未发布\n  \
             提示：等那篇文章发布以后再加链接，或者用 --future 构建"
        );
        assert_eq!(
            shown("../../../etc.md"),
            "content/2013/11/a.md:6:3: 错误：链接 ../../../etc.md 指向了 content/ 文件夹以外\n  \
             提示：只能链接 content/ 里的文章：路径从本文件所在的文件夹算起，或者以 / 开头、从 content/ 算起"
        );
        let (message, hint) = links.target("2013/11/a.md", "welcom.md").unwrap_err();
        assert_eq!(
            message.render(Lang::En),
            "the link to welcom.md points to no article (looked for content/2013/11/welcom.md)"
        );
        assert_eq!(hint.render(Lang::En), "did you mean content/2013/11/welcome.md?");
    }
}
