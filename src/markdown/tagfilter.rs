//! GFM's "disallowed raw HTML" (tagfilter), and unclosed raw-text tags, for
//! copy that is sanitised.
//!
//! A few HTML elements take everything after them as their text, up to their
//! closing tag. One typed in an article without its end tag (a reporter
//! writing about a web form's `<textarea>`, a pasted `<iframe …>` cut short)
//! made the sanitiser read the rest of the body as that element's text: readers
//! saw `<p>第二段 <strong>…` spelled out, or, after a `<script>` or `<style>`,
//! nothing at all. So, before the sanitiser sees them:
//!
//! - `<title>`, `<textarea>`, `<xmp>`, `<noembed>`, `<noframes>` and
//!   `<plaintext>` have their `<` escaped, as GFM does, and show as typed;
//! - an opening `<script>`, `<style>`, `<iframe>` or `<noscript>` that no
//!   closing tag follows is removed; one that is closed is left to the
//!   sanitiser, which drops it as the contract says.
//!
//! Only for sanitised copy: with `unsafe_html` a site means its HTML as written.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

/// The elements whose content runs to their closing tag, which GFM filters.
const SWALLOWING: &[&str] = &["title", "textarea", "xmp", "noembed", "noframes", "plaintext"];

/// Raw-text elements that the sanitiser removes; only an unclosed one needs help.
const RAW_TEXT: &[&str] = &["script", "style", "iframe", "noscript"];

/// Where a tag is: the index of its event and its byte offset in the event's HTML.
type Place = (usize, usize);

/// The events with the tags of swallowing elements escaped and unclosed
/// raw-text tags removed, in raw HTML.
pub(crate) fn escape_swallowing_tags<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    // Most bodies have no raw HTML: hand their events back untouched.
    if !events
        .iter()
        .any(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
    {
        return events;
    }
    // The last closing tag of each raw-text element: an opening tag after it is never closed.
    let mut last_close: Vec<Option<Place>> = vec![None; RAW_TEXT.len()];
    for (i, (event, _)) in events.iter().enumerate() {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            for (at, _) in h.match_indices("</") {
                if let Some(n) = name_index(RAW_TEXT, &h[at + 2..]) {
                    last_close[n] = Some((i, at));
                }
            }
        }
    }
    events
        .into_iter()
        .enumerate()
        .map(|(i, (event, range))| match event {
            Event::Html(h) => match filtered(&h, i, &last_close) {
                Some(html) => (Event::Html(CowStr::from(html)), range),
                None => (Event::Html(h), range),
            },
            Event::InlineHtml(h) => match filtered(&h, i, &last_close) {
                Some(html) => (Event::InlineHtml(CowStr::from(html)), range),
                None => (Event::InlineHtml(h), range),
            },
            other => (other, range),
        })
        .collect()
}

/// `html` (event `event`) filtered, or `None` when it has nothing to filter.
fn filtered(html: &str, event: usize, last_close: &[Option<Place>]) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    for (at, _) in html.match_indices('<') {
        if at < last {
            continue;
        }
        if is_swallowing_tag(&html[at..]) {
            out.push_str(&html[last..at]);
            out.push_str("&lt;");
            last = at + 1;
            changed = true;
        } else if let Some(n) = name_index(RAW_TEXT, &html[at + 1..])
            && last_close[n].is_none_or(|close| close < (event, at))
        {
            out.push_str(&html[last..at]);
            last = html[at..].find('>').map_or(html.len(), |end| at + end + 1);
            changed = true;
        }
    }
    changed.then(|| {
        out.push_str(&html[last..]);
        out
    })
}

/// `html` with the `<` of each swallowing tag written `&lt;`, raw-text tags
/// taken as closed further on.
#[cfg(test)]
fn escape(html: &str) -> String {
    filtered(html, 0, &[Some((usize::MAX, 0)); 4]).unwrap_or_else(|| html.to_string())
}

/// Whether `text`, which starts with `<`, starts with a tag of a swallowing
/// element: `<title>`, `</TEXTAREA >`, `<xmp class="x">`, `<plaintext/>`.
fn is_swallowing_tag(text: &str) -> bool {
    let rest = text.strip_prefix('<').unwrap_or(text);
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    name_index(SWALLOWING, rest).is_some()
}

/// Which of `names` `text` starts with, as a whole tag name.
fn name_index(names: &[&str], text: &str) -> Option<usize> {
    names.iter().position(|name| {
        text.get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
            && text[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{LinkTarget, MarkdownOptions, render};

    fn html(md: &str, unsafe_html: bool) -> String {
        let options = MarkdownOptions {
            unsafe_html,
            highlight: false,
        };
        render(md, options, &|_| LinkTarget::Keep).html
    }

    #[test]
    fn a_stray_tag_no_longer_swallows_the_rest_of_the_article() {
        for tag in [
            "title",
            "textarea",
            "xmp",
            "noembed",
            "noframes",
            "plaintext",
            "TEXTAREA",
        ] {
            let out = html(
                &format!("网上报名表用 <{tag}> 填写。\n\n第二段 **粗**\n\n## 标题"),
                false,
            );
            assert!(out.contains("<p>第二段 <strong>粗</strong></p>"), "{tag}: {out}");
            assert!(out.contains("<h2 id=\"biao-ti\">标题</h2>"), "{tag}: {out}");
            assert!(out.contains(&format!("&lt;{tag}&gt;")), "shown as typed: {out}");
        }
    }

    #[test]
    fn the_gfm_example_keeps_other_tags() {
        let out = html(
            "<strong> <title> <em>加粗</em></strong>\n\n<blockquote>\n  <xmp> 不允许。\n</blockquote>",
            false,
        );
        assert!(out.contains("<strong> &lt;title&gt; <em>加粗</em></strong>"), "{out}");
        assert!(
            out.contains("<blockquote>\n  &lt;xmp&gt; 不允许。\n</blockquote>"),
            "{out}"
        );
    }

    #[test]
    fn only_whole_tag_names_and_only_for_sanitised_copy() {
        assert!(!is_swallowing_tag("<titles>"));
        assert!(!is_swallowing_tag("<xmpp>"));
        assert!(is_swallowing_tag("</title >"));
        assert!(is_swallowing_tag("<plaintext/>"));
        assert_eq!(escape("<b><title>x</title></b>"), "<b>&lt;title>x&lt;/title></b>");
        assert!(html("<textarea>原样</textarea>", true).contains("<textarea>原样</textarea>"));
    }

    #[test]
    fn an_unclosed_script_style_or_iframe_is_removed_alone() {
        for tag in [
            "script",
            "style",
            "iframe src=\"https://v.example.org/1\"",
            "noscript",
            "SCRIPT",
        ] {
            let out = html(&format!("第一段 <{tag}> 说明\n\n第二段 **粗**\n\n## 标题"), false);
            assert!(out.contains("<p>第二段 <strong>粗</strong></p>"), "{tag}: {out}");
            assert!(out.contains("<h2 id=\"biao-ti\">标题</h2>"), "{tag}: {out}");
            assert!(!out.to_lowercase().contains(&tag.to_lowercase()[..4]), "{tag}: {out}");
        }
    }

    #[test]
    fn scripts_are_still_dropped() {
        let out = html("正文<script>alert(1)</script>。", false);
        assert!(!out.contains("script") && !out.contains("alert"), "{out}");
        let out = html("<script>\nalert(1)\n</script>\n\n正文 <style>p{}</style>。", false);
        assert!(!out.contains("alert") && !out.contains("p{}"), "{out}");
        assert!(out.contains("正文"), "{out}");
    }
}
