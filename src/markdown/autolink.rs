//! Bare web addresses in running text made into links: GFM's autolink literals.
//!
//! A reporter types `www.shanghai.gov.cn` or `https://…` into a sentence and
//! expects a link, as GitHub and Hugo give one. pulldown-cmark has no such
//! option, so this pass looks at the text events after parsing and puts link
//! events around the addresses it finds, following the GFM spec's "Autolinks
//! (extension)" section and, where the spec is silent, cmark-gfm, the
//! implementation GitHub runs:
//!
//! - `www.` and a valid domain, linked as `http://www.…`;
//! - `http://`, `https://` and `ftp://` and a domain;
//! - e-mail addresses, linked as `mailto:…`;
//! - trailing `?!.,:*_~'"` are left out, a closing `)` without its opening one
//!   too, and an entity-like `&hl;` at the end.
//!
//! One addition for Chinese text, which has no spaces around an address:
//! CJK characters and full-width punctuation ([`cjk::is_cjk`]) end an address
//! and may stand right before one, so `见www.shanghai.gov.cn。` links
//! `www.shanghai.gov.cn` alone and `“www.example.org”` links what is between
//! the quotes. The price is that an address with Chinese in its path
//! (`https://zh.wikipedia.org/wiki/上海`) is linked only up to the first
//! Chinese character: such addresses are rare in bulletins, while an address
//! run into the following sentence would be on every page that has one.
//!
//! Text inside links, images, code blocks and raw `<a>` elements is left alone;
//! code spans and raw HTML are not text events and are never looked at. The
//! links made here are ordinary link events: the renderer's link handling and
//! the sanitiser treat them like any other.
//!
//! Unlike cmark-gfm, which finds addresses while it parses inlines, this pass
//! comes after emphasis has been parsed, so an address with a `*…*` pair in its
//! path is cut at the emphasis. No address a bulletin prints has one.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::cjk;

/// The events with every bare address in the text wrapped in a link.
pub(crate) fn link_bare_addresses<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    // Text events in a row: pulldown-cmark splits text at `&`, `_` and other characters it looked at.
    let mut run: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    let mut before_run: Option<char> = None;
    let mut before: Option<char> = None;
    // Open links, images and code blocks: their text is never linked again.
    let mut closed_depth = 0usize;
    // Raw `<a …>` elements open in the text.
    let mut raw_anchors = 0usize;
    for (event, range) in events {
        if let Event::Text(t) = &event
            && closed_depth == 0
            && raw_anchors == 0
        {
            if run.is_empty() {
                before_run = before;
            }
            before = t.chars().last().or(before);
            run.push((event, range));
            continue;
        }
        flush(&mut run, before_run, &mut out);
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                closed_depth += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                closed_depth = closed_depth.saturating_sub(1);
            }
            Event::InlineHtml(h) if opens_anchor(h) => raw_anchors += 1,
            Event::InlineHtml(h) if closes_anchor(h) => raw_anchors = raw_anchors.saturating_sub(1),
            // Raw HTML blocks end whatever inline state the text had.
            Event::Html(_) | Event::End(TagEnd::Paragraph | TagEnd::HtmlBlock) => raw_anchors = 0,
            _ => {}
        }
        before = char_before_next(&event, before);
        out.push((event, range));
    }
    flush(&mut run, before_run, &mut out);
    out
}

/// What the next text sees as the character before it, after `event`.
fn char_before_next(event: &Event<'_>, current: Option<char>) -> Option<char> {
    match event {
        Event::Text(t) => t.chars().last().or(current),
        Event::SoftBreak | Event::HardBreak => Some('\n'),
        Event::Code(_) => Some('`'),
        Event::InlineHtml(_) => Some('>'),
        // An emphasis delimiter, which the spec lets an address follow.
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => Some('*'),
        Event::End(TagEnd::Link | TagEnd::Image) => Some(')'),
        Event::FootnoteReference(_) | Event::TaskListMarker(_) => Some(']'),
        // The start of a block, a line of its own.
        _ => None,
    }
}

fn opens_anchor(html: &str) -> bool {
    let lower = html.trim_start().to_ascii_lowercase();
    lower.starts_with("<a ") || lower.starts_with("<a>") || lower.starts_with("<a\n") || lower.starts_with("<a\t")
}

fn closes_anchor(html: &str) -> bool {
    html.trim().to_ascii_lowercase().starts_with("</a")
}

/// Puts the run of text events into `out`, with links around the addresses
/// found in their joined text; the run as it was when there are none.
fn flush<'a>(run: &mut Vec<(Event<'a>, Range<usize>)>, before: Option<char>, out: &mut Vec<(Event<'a>, Range<usize>)>) {
    if run.is_empty() {
        return;
    }
    // Every address has a `.`, a `:` or an `@` (see `find_addresses`); most
    // runs of Chinese text have none, and need not be joined to be looked at.
    let may_hold_address = run
        .iter()
        .any(|(event, _)| matches!(event, Event::Text(t) if memchr::memchr3(b'.', b':', b'@', t.as_bytes()).is_some()));
    if !may_hold_address {
        out.append(run);
        return;
    }
    let mut text = String::new();
    // Where each event's text starts in the joined text, and its source range.
    let mut pieces: Vec<(usize, Range<usize>, bool)> = Vec::with_capacity(run.len());
    for (event, range) in run.iter() {
        if let Event::Text(t) = event {
            // Escapes and entities make the source longer than the text: offsets inside are not exact.
            pieces.push((text.len(), range.clone(), range.len() == t.len()));
            text.push_str(t);
        }
    }
    let found = find_addresses(&text, before);
    if found.is_empty() {
        out.append(run);
        return;
    }
    let source = |at: usize| -> usize {
        let i = pieces.partition_point(|(start, _, _)| *start <= at).saturating_sub(1);
        match pieces.get(i) {
            Some((start, range, true)) => range.start + (at - start).min(range.len()),
            Some((_, range, false)) => range.start,
            None => 0,
        }
    };
    let span = |from: usize, to: usize| source(from)..source(to).max(source(from));
    let mut at = 0;
    for address in found {
        if address.start > at {
            out.push((
                Event::Text(CowStr::from(text[at..address.start].to_string())),
                span(at, address.start),
            ));
        }
        let whole = span(address.start, address.end);
        out.push((
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: CowStr::from(address.href),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }),
            whole.clone(),
        ));
        out.push((
            Event::Text(CowStr::from(text[address.start..address.end].to_string())),
            whole.clone(),
        ));
        out.push((Event::End(TagEnd::Link), whole));
        at = address.end;
    }
    if at < text.len() {
        out.push((Event::Text(CowStr::from(text[at..].to_string())), span(at, text.len())));
    }
    run.clear();
}

/// An address found in a text: its byte span and where its link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Address {
    pub start: usize,
    pub end: usize,
    pub href: String,
}

/// Every bare address in `text`, in order; `before` is the character just
/// before the text (`None` at the start of a line).
pub(crate) fn find_addresses(text: &str, before: Option<char>) -> Vec<Address> {
    let mut found = Vec::new();
    if !(text.contains("www.") || text.contains("://") || text.contains('@')) {
        return found;
    }
    let mut prev = before;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let address = www_address(text, i, prev)
            .or_else(|| url_address(text, i, prev))
            .or_else(|| email_address(text, i, prev));
        match address {
            Some(address) => {
                let end = address.end;
                prev = text[..end].chars().last();
                found.push(address);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            None => prev = Some(c),
        }
    }
    found
}

/// `www.example.org…` at `i`, after a space, a line start, `*_~(`, or Chinese.
fn www_address(text: &str, i: usize, prev: Option<char>) -> Option<Address> {
    let rest = &text[i..];
    if !rest.starts_with("www.") {
        return None;
    }
    let may_follow = match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '*' | '_' | '~' | '(') || cjk::is_cjk(p),
    };
    if !may_follow {
        return None;
    }
    let domain = valid_domain(rest, false)?;
    if domain <= "www.".len() {
        return None;
    }
    let len = link_length(rest, domain);
    (len > "www.".len()).then(|| Address {
        start: i,
        end: i + len,
        href: format!("http://{}", &rest[..len]),
    })
}

/// `http://`, `https://` or `ftp://` and a domain at `i`. As in cmark-gfm, the
/// scheme must not be the end of a longer word (`xhttp://`).
fn url_address(text: &str, i: usize, prev: Option<char>) -> Option<Address> {
    if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
        return None;
    }
    let rest = &text[i..];
    let scheme = ["http://", "https://", "ftp://"]
        .into_iter()
        .find(|s| rest.get(..s.len()).is_some_and(|head| head.eq_ignore_ascii_case(s)))?
        .len();
    let domain = valid_domain(&rest[scheme..], true)?;
    let len = link_length(rest, scheme + domain);
    (len > scheme).then(|| Address {
        start: i,
        end: i + len,
        href: rest[..len].to_string(),
    })
}

/// An e-mail address starting at `i`, at the start of a run of the characters
/// an address's local part may have (an address inside a path is not one).
fn email_address(text: &str, i: usize, prev: Option<char>) -> Option<Address> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_');
    if prev.is_some_and(|p| is_local(p) || p == '/') {
        return None;
    }
    let rest = &text.as_bytes()[i..];
    let at = rest.iter().position(|b| !is_local(char::from(*b)))?;
    if at == 0 || rest[at] != b'@' {
        return None;
    }
    let (mut ats, mut dots) = (0, 0);
    let mut end = at;
    while end < rest.len() {
        match rest[end] {
            b if b.is_ascii_alphanumeric() => {}
            b'@' => ats += 1,
            b'.' if rest.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) => dots += 1,
            b'-' | b'_' => {}
            _ => break,
        }
        end += 1;
    }
    let last_ok = end > at + 1 && (rest[end - 1].is_ascii_alphabetic() || rest[end - 1] == b'.');
    if ats != 1 || dots == 0 || !last_ok {
        return None;
    }
    let len = trim_trailing(&rest[..end]);
    (len > at + 1).then(|| Address {
        start: i,
        end: i + len,
        href: format!("mailto:{}", &text[i..i + len]),
    })
}

/// The length of the domain at the start of `text`: letters, digits, `-`,
/// `_` and `.`, with no `_` in its last two labels and, unless `short` is
/// allowed (`http://localhost`), at least one `.`.
fn valid_domain(text: &str, short: bool) -> Option<usize> {
    let (mut dots, mut underscores_before, mut underscores_last) = (0, 0, 0);
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        match c {
            '_' => underscores_last += 1,
            '.' => {
                underscores_before = underscores_last;
                underscores_last = 0;
                dots += 1;
            }
            '-' => {}
            c if is_host_char(c) => {}
            _ => {
                end = i;
                break;
            }
        }
    }
    if underscores_before > 0 || underscores_last > 0 || end == 0 || (!short && dots == 0) {
        return None;
    }
    Some(end)
}

/// Whether `c` may be part of a host name: not a space, not punctuation, and
/// (jianbao's addition) not Chinese.
fn is_host_char(c: char) -> bool {
    !ends_address(c) && !c.is_ascii_punctuation() && !matches!(c as u32, 0x2000..=0x206F | 0x2E00..=0x2E7F)
}

/// Whether `c` ends an address wherever it is: a space, `<`, Chinese, or a
/// private-use character (the renderer marks shortcode calls with them).
fn ends_address(c: char) -> bool {
    c.is_whitespace() || c == '<' || cjk::is_cjk(c) || matches!(c as u32, 0xE000..=0xF8FF)
}

/// The length of the address at the start of `text` whose domain ends at
/// `domain`: the path runs to a space, `<` or a Chinese character, less the
/// punctuation that ends the sentence rather than the address.
fn link_length(text: &str, domain: usize) -> usize {
    let path = text[domain..]
        .char_indices()
        .find(|(_, c)| ends_address(*c))
        .map_or(text.len(), |(i, _)| domain + i);
    trim_trailing(&text.as_bytes()[..path])
}

/// The length of `link` without its trailing punctuation, by the GFM rules.
/// Every byte looked at is ASCII, so the length is a character boundary.
fn trim_trailing(link: &[u8]) -> usize {
    let opening = link.iter().filter(|b| **b == b'(').count();
    let mut closing = link.iter().filter(|b| **b == b')').count();
    let mut end = link.len();
    while end > 0 {
        match link[end - 1] {
            b')' => {
                if closing <= opening {
                    return end;
                }
                closing -= 1;
                end -= 1;
            }
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' => {
                // `&hl;` at the end looks like an entity: it is left out whole.
                let mut start = end - 1;
                while start > 0 && link[start - 1].is_ascii_alphanumeric() {
                    start -= 1;
                }
                if start < end - 1 && start > 0 && link[start - 1] == b'&' {
                    end = start - 1;
                } else {
                    end -= 1;
                }
            }
            _ => return end,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{LinkTarget, MarkdownOptions, render};

    fn html(md: &str) -> String {
        render(md, MarkdownOptions::default(), &|_| LinkTarget::Keep).html
    }

    fn linked(text: &str) -> Vec<(&str, String)> {
        find_addresses(text, None)
            .into_iter()
            .map(|a| (&text[a.start..a.end], a.href))
            .collect()
    }

    #[test]
    fn chinese_punctuation_ends_an_address() {
        assert_eq!(
            html("见www.shanghai.gov.cn。"),
            "<p>见<a href=\"http://www.shanghai.gov.cn\">www.shanghai.gov.cn</a>。</p>\n"
        );
        assert_eq!(
            html("（详见https://example.org/a?b=1）"),
            "<p>（详见<a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a>）</p>\n"
        );
        assert_eq!(
            html("请登录“www.example.org”查询。"),
            "<p>请登录“<a href=\"http://www.example.org\">www.example.org</a>”查询。</p>\n"
        );
        assert_eq!(
            html("网址：www.example.org，电话：021-57812345。"),
            "<p>网址：<a href=\"http://www.example.org\">www.example.org</a>，电话：021-57812345。</p>\n"
        );
    }

    #[test]
    fn chinese_words_end_an_address_too() {
        assert_eq!(
            linked("登录www.songjiang.gov.cn网站报名，截止11月30日"),
            [("www.songjiang.gov.cn", "http://www.songjiang.gov.cn".to_string())]
        );
        assert_eq!(
            linked("莘庄镇网站https://xz.minhang.gov.cn/news/2013.html、洞泾镇网站http://dj.sj.gov.cn；"),
            [
                (
                    "https://xz.minhang.gov.cn/news/2013.html",
                    "https://xz.minhang.gov.cn/news/2013.html".to_string()
                ),
                ("http://dj.sj.gov.cn", "http://dj.sj.gov.cn".to_string()),
            ]
        );
    }

    #[test]
    fn e_mail_addresses_in_chinese_sentences() {
        assert_eq!(
            html("来稿请寄shzx@163.com，注明“投稿”。"),
            "<p>来稿请寄<a href=\"mailto:shzx@163.com\">shzx@163.com</a>，注明“投稿”。</p>\n"
        );
        assert_eq!(
            linked("邮箱：songzu@sj.gov.cn。"),
            [("songzu@sj.gov.cn", "mailto:songzu@sj.gov.cn".to_string())]
        );
    }

    #[test]
    fn what_is_not_an_address() {
        for text in [
            "电话021-57812345",
            "增长3.5%，共计1.2万人",
            "awww.example.org",
            "xhttp://example.org",
            "https://",
            "www.",
            "www.example._org",
            "名单见附件.pdf",
            "见 foo@bar",
            "用户名@松江",
        ] {
            assert_eq!(linked(text), [], "{text}");
        }
        // An address inside a path is part of the path, not an e-mail address.
        assert_eq!(
            linked("http://example.org/a@b.com 之后"),
            [("http://example.org/a@b.com", "http://example.org/a@b.com".to_string())]
        );
    }

    #[test]
    fn text_in_links_code_and_raw_html_is_left_alone() {
        assert_eq!(
            html("[松江区政府](http://www.songjiang.gov.cn)"),
            "<p><a href=\"http://www.songjiang.gov.cn\">松江区政府</a></p>\n"
        );
        assert_eq!(
            html("[www.songjiang.gov.cn](http://www.songjiang.gov.cn/)"),
            "<p><a href=\"http://www.songjiang.gov.cn/\">www.songjiang.gov.cn</a></p>\n"
        );
        assert_eq!(html("`www.example.org`"), "<p><code>www.example.org</code></p>\n");
        assert!(!html("```\ncurl https://example.org/\n```").contains("<a "));
        assert!(!html("    curl https://example.org/\n").contains("<a "));
        assert!(!html("![www.example.org](a.jpg)").contains("<a "));
        let raw = html("<a href=\"https://example.org/\">https://example.org/</a>");
        assert_eq!(raw.matches("<a ").count(), 1, "{raw}");
        let angle = html("<https://example.org/>");
        assert_eq!(angle.matches("<a ").count(), 1, "{angle}");
    }

    #[test]
    fn bare_links_go_through_the_link_resolver_and_the_sanitiser() {
        let asked = std::cell::RefCell::new(Vec::new());
        let r = render(
            "见www.example.org。<b onclick=\"x()\">粗</b>",
            MarkdownOptions::default(),
            &|dest| {
                asked.borrow_mut().push(dest.to_string());
                LinkTarget::Keep
            },
        );
        assert_eq!(asked.into_inner(), ["http://www.example.org"]);
        assert!(
            r.html
                .contains("<a href=\"http://www.example.org\">www.example.org</a>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("onclick"), "{}", r.html);
    }

    #[test]
    fn addresses_split_over_text_events_are_linked_whole() {
        // `&`, `_` and `\` make pulldown-cmark emit several text events.
        assert_eq!(
            html("见https://example.org/a_b?x=1&amp;y=2。"),
            "<p>见<a href=\"https://example.org/a_b?x=1&amp;y=2\">https://example.org/a_b?x=1&amp;y=2</a>。</p>\n"
        );
        let r = render("正文 www.example.org 后文", MarkdownOptions::default(), &|_| {
            LinkTarget::Keep
        });
        assert_eq!(r.text.trim(), "正文 www.example.org 后文");
    }

    #[test]
    fn soft_breaks_and_headings_around_addresses() {
        assert_eq!(
            html("详见\nwww.example.org\n网站"),
            // A break next to Latin letters stays a space, as it does for any Latin word.
            "<p>详见\n<a href=\"http://www.example.org\">www.example.org</a>\n网站</p>\n"
        );
        assert!(html("## 网址 www.example.org").contains("<a href=\"http://www.example.org\">"));
        assert!(html("- 网站：https://example.org/").contains("<li>网站：<a href=\"https://example.org/\">"));
    }

    /// The examples of the GFM spec 0.28, section "Autolinks (extension)".
    #[test]
    fn gfm_spec_examples() {
        let cases = [
            (
                "www.commonmark.org",
                "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n",
            ),
            (
                "Visit www.commonmark.org/help for more information.",
                "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n",
            ),
            (
                "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.",
                "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n",
            ),
            (
                "www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))",
                "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n",
            ),
            (
                "www.google.com/search?q=(business))+ok",
                "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n",
            ),
            (
                "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;",
                "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n",
            ),
            (
                "www.commonmark.org/he<lp",
                "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n",
            ),
            (
                "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.",
                "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n",
            ),
            ("foo@bar.baz", "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n"),
            (
                "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
                "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n",
            ),
            (
                "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_",
                "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n",
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(html(md), expected, "{md}");
        }
    }

    #[test]
    fn a_shortcode_token_ends_an_address() {
        let text = format!("详见www.example.org{}。", crate::markdown::shortcodes::token(0));
        assert_eq!(
            linked(&text),
            [("www.example.org", "http://www.example.org".to_string())]
        );
    }

    #[test]
    fn no_panic_on_odd_text() {
        for text in [
            "@",
            "@@",
            "a@",
            "@b.c",
            "www.\u{3000}",
            "http://\u{FF0C}",
            "(((www.a.b)))))",
            "&;",
            "www.a.b&;",
            "见@。",
        ] {
            let _ = find_addresses(text, None);
            let _ = html(text);
        }
    }
}
