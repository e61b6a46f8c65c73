//! Pages read away from the site, pasted into WeChat's editor or sent as
//! e-mail: every style inline, every address absolute, links as numbered notes.
//!
//! WeChat's editor keeps only inline styles and strips outbound links, and mail
//! clients ignore `<style>` more often than not. The theme writes these copies
//! as ordinary templates with a stylesheet in `<style>`; here css-inline moves
//! each rule into the `style` attributes of the elements it matches, and
//! lol_html (a streaming rewriter) turns links into notes and takes out what
//! such readers drop or refuse: classes, ids, scripts, `<picture>` sources.

use std::cell::RefCell;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

/// The attribute of the element the link notes are appended to (an `<ol>`),
/// and of the element holding it, which goes when there are no links.
const NOTES_LIST: &str = "data-link-notes";
const NOTES_SECTION: &str = "data-link-notes-section";

/// `html` (an article's body, as its page at `page_url` shows it) with every
/// link, picture and video address made absolute.
pub(super) fn absolute_addresses(html: &str, page_url: &str) -> String {
    // The body is our own serialised HTML: a rewrite that fails leaves it as it was.
    rewrite_addresses(html, page_url, None).unwrap_or_else(|_| html.to_string())
}

/// `html` with every address made absolute against `page_url`, in one pass;
/// with `notes`, every link also replaced by its text and a note number, the
/// addresses collected in `notes` and listed in the notes list.
fn rewrite_addresses(html: &str, page_url: &str, notes: Option<&RefCell<Vec<String>>>) -> Result<String, String> {
    let Ok(base) = url::Url::parse(page_url) else {
        return Ok(html.to_string());
    };
    let absolute = |value: &str| base.join(value).map_or_else(|_| value.to_string(), String::from);
    // Handlers run in the order they are added: addresses are absolute before links become notes.
    let mut settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("a[href]", |el| make_absolute(el, "href", &absolute)))
        .append_element_content_handler(element!("img[src], video[src], source[src]", |el| {
            // Read away from the site (printed, pasted, mailed), a picture must not wait to be scrolled to.
            el.remove_attribute("loading");
            make_absolute(el, "src", &absolute)
        }))
        .append_element_content_handler(element!("video[poster]", |el| make_absolute(el, "poster", &absolute)))
        .append_element_content_handler(element!("img[srcset], source[srcset]", |el| {
            if let Some(set) = el.get_attribute("srcset") {
                let set = set
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        match candidate.split_once(' ') {
                            Some((url, size)) => format!("{} {size}", absolute(url)),
                            None => absolute(candidate),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                el.set_attribute("srcset", &set)?;
            }
            Ok(())
        }));
    let list_selector = format!("[{NOTES_LIST}]");
    let section_selector = format!("[{NOTES_SECTION}]");
    if let Some(notes) = notes {
        settings = settings
            .append_element_content_handler(element!("a", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                if !href.is_empty() && !href.starts_with('#') {
                    let mut notes = notes.borrow_mut();
                    let number = match notes.iter().position(|n| *n == href) {
                        Some(i) => i + 1,
                        None => {
                            notes.push(href);
                            notes.len()
                        }
                    };
                    el.after(&format!("<sup class=\"link-note\">[{number}]</sup>"), ContentType::Html);
                }
                el.remove_and_keep_content();
                Ok(())
            }))
            .append_element_content_handler(element!(section_selector.as_str(), |el| {
                if notes.borrow().is_empty() {
                    el.remove();
                }
                el.remove_attribute(NOTES_SECTION);
                Ok(())
            }))
            .append_element_content_handler(element!(list_selector.as_str(), |el| {
                for url in notes.borrow().iter() {
                    el.append(&format!("<li>{}</li>", html_escape(url)), ContentType::Html);
                }
                el.remove_attribute(NOTES_LIST);
                Ok(())
            }));
    }
    rewrite_str(html, settings).map_err(|e| e.to_string())
}

fn make_absolute(
    el: &mut lol_html::html_content::Element<'_, '_>,
    attribute: &str,
    absolute: &dyn Fn(&str) -> String,
) -> lol_html::HandlerResult {
    if let Some(value) = el.get_attribute(attribute)
        && !value.starts_with('#')
    {
        el.set_attribute(attribute, &absolute(&value))?;
    }
    Ok(())
}

/// What a copy does with links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LinkNotes {
    /// Turned into numbered notes: WeChat's editor strips outbound links.
    Notes,
    /// Kept: an e-mail links back to the site.
    Keep,
}

/// A WeChat or e-mail copy of a rendered page (`html`, at `page_url`): links
/// turned into numbered notes, collected in the element marked
/// `data-link-notes`; the `<style>` rules inlined; then classes, ids, data
/// attributes, scripts and picture sources taken out. Addresses the page
/// gives relative are made absolute.
pub(super) fn inline_copy(html: &str, page_url: &str, links: LinkNotes) -> Result<String, String> {
    let notes = RefCell::new(Vec::new());
    let noted = rewrite_addresses(html, page_url, (links == LinkNotes::Notes).then_some(&notes))?;
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_link_tags(false)
        .resolve_css_variables(true)
        .build();
    let inlined = inliner.inline(&noted).map_err(|e| e.to_string())?;
    strip_for_copy(&inlined)
}

/// What WeChat's editor and mail clients drop or refuse, taken out: class, id
/// and data attributes, responsive picture sources, lazy loading, scripts.
fn strip_for_copy(html: &str) -> Result<String, String> {
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("script, link, source, noscript", |el| {
                el.remove();
                Ok(())
            }))
            .append_element_content_handler(element!("picture", |el| {
                el.remove_and_keep_content();
                Ok(())
            }))
            .append_element_content_handler(element!("*", |el| {
                let drop: Vec<String> = el
                    .attributes()
                    .iter()
                    .map(|a| a.name())
                    .filter(|name| {
                        matches!(
                            name.as_str(),
                            "class" | "id" | "srcset" | "sizes" | "loading" | "decoding"
                        ) || name.starts_with("data-")
                            || name.starts_with("on")
                    })
                    .collect();
                for name in drop {
                    el.remove_attribute(&name);
                }
                Ok(())
            })),
    )
    .map_err(|e| e.to_string())
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://example.org/2013/11/shange/";

    #[test]
    fn addresses_in_a_body_become_absolute() {
        let body = r##"<p><a href="../jinze/">金泽</a><a href="#fn1">1</a></p><img src="drill-800.webp" srcset="drill-400.webp 400w, drill-800.webp 800w">"##;
        let out = absolute_addresses(body, PAGE);
        assert!(out.contains(r#"href="https://example.org/2013/11/jinze/""#), "{out}");
        assert!(out.contains(r##"href="#fn1""##), "{out}");
        assert!(
            out.contains(r#"src="https://example.org/2013/11/shange/drill-800.webp""#),
            "{out}"
        );
        assert!(
            out.contains("https://example.org/2013/11/shange/drill-400.webp 400w, https://example.org/2013/11/shange/drill-800.webp 800w"),
            "{out}"
        );
    }

    #[test]
    fn a_copy_has_inline_styles_numbered_notes_and_no_classes() {
        let page = r#"<!DOCTYPE html><html><head><style>p { color: #333; } .lead { font-weight: bold; } ol li { font-size: 12px; }</style></head>
<body><p class="lead" id="x" data-k="1">详见<a href="https://www.shanghai.gov.cn/">市政府网站</a>和<a href="/2013/11/a/">本报</a>，再见<a href="https://www.shanghai.gov.cn/">官网</a>。</p>
<picture><source type="image/webp" srcset="a.webp"><img src="a.jpg" class="pic" loading="lazy"></picture>
<script>alert(1)</script>
<section data-link-notes-section><p>文中链接</p><ol data-link-notes></ol></section></body></html>"#;
        let out = inline_copy(page, PAGE, LinkNotes::Notes).unwrap();
        assert!(!out.contains("<style"), "{out}");
        assert!(!out.contains("class="), "{out}");
        assert!(!out.contains("id="), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<source"), "{out}");
        assert!(!out.contains("<a "), "{out}");
        assert!(out.contains("市政府网站<sup"), "{out}");
        assert!(out.contains("[1]</sup>和本报<sup"), "{out}");
        assert!(out.contains("[2]</sup>，再见官网<sup"), "{out}");
        assert!(
            out.contains(">[1]</sup>。"),
            "the same address gets the same note: {out}"
        );
        assert!(
            out.contains(r#"<li style="font-size: 12px;">https://www.shanghai.gov.cn/</li>"#),
            "{out}"
        );
        assert!(out.contains("https://example.org/2013/11/a/</li>"), "{out}");
        assert!(out.contains("font-weight: bold"), "{out}");
        assert!(
            out.contains(r#"src="https://example.org/2013/11/shange/a.jpg""#),
            "{out}"
        );
    }

    #[test]
    fn a_copy_without_links_has_no_notes() {
        let page = "<html><head><style>p { margin: 0; }</style></head><body><p>没有链接</p><section data-link-notes-section><p>文中链接</p><ol data-link-notes></ol></section></body></html>";
        let out = inline_copy(page, PAGE, LinkNotes::Notes).unwrap();
        assert!(!out.contains("文中链接"), "{out}");
    }
}
