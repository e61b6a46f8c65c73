//! Runs the examples of a CommonMark or GFM spec text through jianbao's
//! Markdown rendering and says how many come out as the spec expects:
//!
//! ```sh
//! cargo run --release --example spec_conformance -- ../shared/specs/commonmark-0.31.2.txt
//! cargo run --release --example spec_conformance -- ../shared/specs/gfm-0.28.txt --show 279,280
//! ```
//!
//! The spec texts are not in the repository (they are CC-BY-SA, and CI has
//! no use for them): pass the path of one. Each example is rendered the way an
//! article body is, by `jianbao::markdown::render` with the options a site
//! has by default (raw HTML sanitised, code highlighted), and compared with the
//! expected HTML after both are normalised as the spec's own runner does:
//! whitespace next to block tags dropped, runs of whitespace in text made one
//! space, attributes sorted, entities written one way.
//!
//! Every failing example is then put down to one cause, the first that
//! explains it:
//!
//! 1. **pulldown-cmark**: pulldown-cmark alone, with only the features the
//!    spec itself has, does not give the expected HTML either;
//! 2. **extensions**: pulldown-cmark with the extensions jianbao turns on
//!    (footnotes, heading attributes, tables …) does not;
//! 3. **policy**: jianbao's HTML matches once one of its markup choices is
//!    undone: the anchors it gives headings, the markup of code blocks (a
//!    class for the highlighter's colours), links made of bare addresses (GFM
//!    autolink literals, which the CommonMark spec does not have); or more
//!    than one of these;
//! 4. **policy: raw HTML sanitised**: it matches, with those undone, when raw
//!    HTML is let through (`unsafe_html`);
//! 5. **other**: anything else, to be looked at one by one with `--show`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use jianbao::markdown::{self, LinkTarget, MarkdownOptions};
use pulldown_cmark::{Options, Parser};

/// The line that opens and closes an example in the spec texts.
const FENCE: &str = "````````````````````````````````";

/// One example of the spec.
struct Example {
    number: usize,
    section: String,
    /// The extension named on the fence line (`table`, `autolink`), if any.
    extension: String,
    markdown: String,
    html: String,
}

/// Why an example fails in jianbao.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cause {
    PulldownCmark,
    Extensions,
    HeadingIds,
    CodeBlocks,
    BareLinks,
    SeveralPolicies,
    Sanitised,
    Other,
}

impl Cause {
    fn describe(self) -> &'static str {
        match self {
            Cause::PulldownCmark => "pulldown-cmark (fails with the spec's own features alone)",
            Cause::Extensions => "extensions jianbao enables (footnotes, heading attributes, tables, …)",
            Cause::HeadingIds => "policy: headings get ids (anchors for links and tables of contents)",
            Cause::CodeBlocks => "policy: code blocks marked up for highlighting (<pre class=\"code\">)",
            Cause::BareLinks => "policy: bare addresses linked (GFM autolink literals)",
            Cause::SeveralPolicies => "policy: more than one of heading ids, code block markup, bare links",
            Cause::Sanitised => "policy: raw HTML sanitised",
            Cause::Other => "other: jianbao's own passes (look with --show)",
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut show: Vec<usize> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => {
                let list = args.next().unwrap_or_default();
                show.extend(list.split(',').filter_map(|n| n.trim().parse::<usize>().ok()));
            }
            "-h" | "--help" => {
                eprintln!("usage: spec_conformance SPEC.txt [--show N,M,…]");
                return ExitCode::SUCCESS;
            }
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: spec_conformance SPEC.txt [--show N,M,…]");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let examples = extract(&text);
    if examples.is_empty() {
        eprintln!("{path}: no examples found");
        return ExitCode::FAILURE;
    }
    let gfm = examples.iter().any(|e| !e.extension.is_empty());
    print!("{}", report(&path, &examples, gfm, &show));
    ExitCode::SUCCESS
}

/// The examples of a spec text, numbered from 1 in order, with the section
/// (the nearest heading above) each is in.
fn extract(text: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix(FENCE).and_then(|r| r.strip_prefix(" example")) {
            let mut markdown = String::new();
            let mut html = String::new();
            let mut in_html = false;
            for line in lines.by_ref() {
                if line == FENCE {
                    break;
                }
                if line == "." && !in_html {
                    in_html = true;
                    continue;
                }
                let target = if in_html { &mut html } else { &mut markdown };
                target.push_str(&line.replace('→', "\t"));
                target.push('\n');
            }
            examples.push(Example {
                number: examples.len() + 1,
                section: section.clone(),
                extension: rest.trim().to_string(),
                markdown,
                html,
            });
        } else if line.starts_with('#') {
            let title = line.trim_start_matches('#');
            if title.starts_with(' ') {
                section = title.trim().to_string();
            }
        }
    }
    examples
}

/// The HTML jianbao gives for `markdown`, as an article body gets it.
fn jianbao(markdown: &str, unsafe_html: bool) -> String {
    let options = MarkdownOptions {
        unsafe_html,
        highlight: true,
    };
    markdown::render(markdown, options, &|_| LinkTarget::Keep).html
}

/// The HTML pulldown-cmark gives by itself.
fn pulldown(markdown: &str, options: Options) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options));
    html
}

/// The options jianbao parses with (kept equal to `markdown::parser_options`).
fn jianbao_parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The features the spec itself has: none beyond CommonMark, or GFM's.
fn spec_options(gfm: bool) -> Options {
    if gfm {
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
    } else {
        Options::empty()
    }
}

/// Which of jianbao's markup choices to undo before comparing.
#[derive(Clone, Copy, Debug, Default)]
struct Undo {
    heading_ids: bool,
    code_blocks: bool,
    bare_links: bool,
}

impl Undo {
    const NOTHING: Undo = Undo {
        heading_ids: false,
        code_blocks: false,
        bare_links: false,
    };
    const ALL: Undo = Undo {
        heading_ids: true,
        code_blocks: true,
        bare_links: true,
    };
}

fn same(actual: &str, expected: &str) -> bool {
    same_but(actual, expected, Undo::NOTHING)
}

/// Whether `actual` matches once the markup choices in `undo` are undone.
fn same_but(actual: &str, expected: &str, undo: Undo) -> bool {
    normalize(actual, undo) == normalize(expected, Undo::NOTHING)
}

fn cause(example: &Example, gfm: bool) -> Cause {
    let expected = &example.html;
    if !same(&pulldown(&example.markdown, spec_options(gfm)), expected) {
        return Cause::PulldownCmark;
    }
    if !same(&pulldown(&example.markdown, jianbao_parser_options()), expected) {
        return Cause::Extensions;
    }
    let ours = jianbao(&example.markdown, false);
    let one = |undo: Undo| same_but(&ours, expected, undo);
    if one(Undo {
        heading_ids: true,
        ..Undo::NOTHING
    }) {
        return Cause::HeadingIds;
    }
    if one(Undo {
        code_blocks: true,
        ..Undo::NOTHING
    }) {
        return Cause::CodeBlocks;
    }
    if one(Undo {
        bare_links: true,
        ..Undo::NOTHING
    }) {
        return Cause::BareLinks;
    }
    if one(Undo::ALL) {
        return Cause::SeveralPolicies;
    }
    if same_but(&jianbao(&example.markdown, true), expected, Undo::ALL) {
        return Cause::Sanitised;
    }
    Cause::Other
}

fn report(path: &str, examples: &[Example], gfm: bool, show: &[usize]) -> String {
    let mut out = String::new();
    // Sections in the order of the spec, with their results.
    let mut order: Vec<&str> = Vec::new();
    let mut by_section: BTreeMap<&str, (usize, usize, usize, Vec<usize>)> = BTreeMap::new();
    let mut causes: BTreeMap<Cause, Vec<usize>> = BTreeMap::new();
    let mut gained = Vec::new();
    for example in examples {
        let ours = same(&jianbao(&example.markdown, false), &example.html);
        let theirs = same(&pulldown(&example.markdown, spec_options(gfm)), &example.html);
        if !by_section.contains_key(example.section.as_str()) {
            order.push(&example.section);
        }
        let entry = by_section.entry(&example.section).or_default();
        entry.0 += 1;
        entry.1 += usize::from(ours);
        entry.2 += usize::from(theirs);
        if !ours {
            entry.3.push(example.number);
            causes.entry(cause(example, gfm)).or_default().push(example.number);
        } else if !theirs {
            gained.push(example.number);
        }
    }
    let total = examples.len();
    let passed: usize = by_section.values().map(|s| s.1).sum();
    let baseline: usize = by_section.values().map(|s| s.2).sum();
    let _ = writeln!(out, "{path}: {total} examples");
    let _ = writeln!(
        out,
        "{:<44} {:>8} {:>8} {:>14}",
        "section", "examples", "jianbao", "pulldown-cmark"
    );
    for section in &order {
        let (n, ours, theirs, _) = &by_section[section];
        let _ = writeln!(out, "{:<44} {n:>8} {ours:>8} {theirs:>14}", truncate(section, 44));
    }
    let _ = writeln!(out, "{:<44} {total:>8} {passed:>8} {baseline:>14}", "total");
    let _ = writeln!(
        out,
        "\njianbao passes {passed} of {total} ({:.1}%); pulldown-cmark with the spec's features, {baseline} ({:.1}%).",
        percent(passed, total),
        percent(baseline, total)
    );
    let _ = writeln!(out, "\nFailing in jianbao, by section:");
    for section in &order {
        let failing = &by_section[section].3;
        if !failing.is_empty() {
            let _ = writeln!(out, "  {section}: {}", numbers(failing));
        }
    }
    let _ = writeln!(out, "\nWhy (the first cause that explains each):");
    for (cause, list) in &causes {
        let _ = writeln!(
            out,
            "  {:>3}  {}\n       {}",
            list.len(),
            cause.describe(),
            numbers(list)
        );
    }
    if !gained.is_empty() {
        let _ = writeln!(
            out,
            "\nPassing in jianbao but not in pulldown-cmark alone: {}",
            numbers(&gained)
        );
    }
    for number in show {
        let Some(example) = examples.iter().find(|e| e.number == *number) else {
            let _ = writeln!(out, "\nno example {number}");
            continue;
        };
        let _ = writeln!(
            out,
            "\n== example {number} ({}{}) ==\n-- markdown\n{}-- expected\n{}-- jianbao\n{}-- pulldown-cmark\n{}-- normalised: expected / jianbao\n{}\n{}",
            example.section,
            if example.extension.is_empty() {
                String::new()
            } else {
                format!(", {}", example.extension)
            },
            example.markdown,
            example.html,
            jianbao(&example.markdown, false),
            pulldown(&example.markdown, spec_options(gfm)),
            normalize(&example.html, Undo::NOTHING),
            normalize(&jianbao(&example.markdown, false), Undo::NOTHING),
        );
    }
    out
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn numbers(list: &[usize]) -> String {
    list.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
}

fn truncate(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}

// ---- HTML normalisation, after the spec's normalize.py ----

/// A piece of HTML as the normaliser sees it.
#[derive(Debug)]
enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    /// A comment, declaration, processing instruction or CDATA: kept as written.
    Other(String),
}

/// The elements next to which whitespace does not matter.
const BLOCK_TAGS: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "div",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// `html` written one way: what the spec's runner compares, after undoing
/// the markup choices in `undo`.
fn normalize(html: &str, undo: Undo) -> String {
    let tokens = plain_markup(tokenize(html), undo);
    let mut out = String::new();
    let mut in_pre = false;
    // The last token written: a start or end tag and its name, or something else.
    let mut last: Option<(bool, String)> = None;
    for token in tokens {
        match token {
            Token::Text(text) => {
                let mut data = decode_entities(&text);
                if let Some((_, tag)) = &last
                    && tag == "br"
                {
                    data = data.trim_start_matches('\n').to_string();
                }
                if !in_pre {
                    data = collapse_whitespace(&data);
                }
                if let Some((is_start, tag)) = &last
                    && is_block(tag)
                    && !in_pre
                {
                    data = if *is_start {
                        data.trim_start().to_string()
                    } else {
                        data.trim().to_string()
                    };
                }
                out.push_str(&escape(&data, false));
                last = None;
            }
            Token::Start {
                name,
                mut attrs,
                self_closing,
            } => {
                if name == "pre" {
                    in_pre = true;
                }
                if is_block(&name) {
                    out.truncate(out.trim_end().len());
                }
                attrs.sort();
                out.push('<');
                out.push_str(&name);
                for (key, value) in attrs {
                    out.push(' ');
                    out.push_str(&key);
                    if !value.is_empty() {
                        let _ = write!(out, "=\"{}\"", escape(&decode_entities(&value), true));
                    }
                }
                out.push('>');
                last = Some((!self_closing, name));
            }
            Token::End(name) => {
                if name == "pre" {
                    in_pre = false;
                } else if is_block(&name) {
                    out.truncate(out.trim_end().len());
                }
                let _ = write!(out, "</{name}>");
                last = Some((false, name));
            }
            Token::Other(text) => {
                out.push_str(&text);
                last = None;
            }
        }
    }
    out.trim().to_string()
}

/// Undoes jianbao's markup choices: heading ids; code blocks as the
/// highlighter writes them, made `<pre><code class="language-x">` without
/// spans; links around bare addresses, made text again.
fn plain_markup(tokens: Vec<Token>, undo: Undo) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut lang: Option<String> = None;
    let mut in_code = false;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            Token::Start { name, attrs, .. } if undo.bare_links && name == "a" && bare_link(&attrs, tokens.peek()) => {
                if let Some(Token::Text(text)) = tokens.next() {
                    push_text(&mut out, text);
                }
                tokens.next();
            }
            Token::Text(text) => push_text(&mut out, text),
            Token::Start {
                name,
                attrs,
                self_closing,
            } if undo.heading_ids && matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let attrs = attrs.into_iter().filter(|(k, _)| k != "id").collect();
                out.push(Token::Start {
                    name,
                    attrs,
                    self_closing,
                });
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } if undo.code_blocks && name == "pre" && attrs.iter().any(|(k, v)| k == "class" && v == "code") => {
                lang = attrs.iter().find(|(k, _)| k == "data-lang").map(|(_, v)| v.clone());
                out.push(Token::Start {
                    name,
                    attrs: Vec::new(),
                    self_closing,
                });
            }
            Token::Start { name, self_closing, .. } if name == "code" && lang.is_some() => {
                let attrs = vec![(
                    "class".to_string(),
                    format!("language-{}", lang.take().unwrap_or_default()),
                )];
                out.push(Token::Start {
                    name,
                    attrs,
                    self_closing,
                });
                in_code = true;
            }
            Token::Start { name, .. } if name == "span" && in_code => {}
            Token::End(name) if name == "span" && in_code => {}
            Token::End(name) if name == "code" => {
                in_code = false;
                out.push(Token::End(name));
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether an `<a>` with `attrs`, whose text comes `next`, is a link made of a
/// bare address.
fn bare_link(attrs: &[(String, String)], next: Option<&Token>) -> bool {
    let (Some((_, href)), Some(Token::Text(text))) = (attrs.iter().find(|(k, _)| k == "href"), next) else {
        return false;
    };
    let web = ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|s| href.starts_with(s));
    web && attrs.len() == 1 && [text.clone(), format!("http://{text}"), format!("mailto:{text}")].contains(href)
}

/// Adds text to the tokens, joined with the text before it.
fn push_text(out: &mut Vec<Token>, text: String) {
    match out.last_mut() {
        Some(Token::Text(before)) => before.push_str(&text),
        _ => out.push(Token::Text(text)),
    }
}

fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((token, len)) = markup(rest)
        {
            if !text.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut text)));
            }
            tokens.push(token);
            rest = &rest[len..];
            continue;
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !text.is_empty() {
        tokens.push(Token::Text(text));
    }
    tokens
}

/// The tag, comment or declaration at the start of `s`, and its length.
fn markup(s: &str) -> Option<(Token, usize)> {
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")] {
        if let Some(rest) = s.strip_prefix(open) {
            let end = rest.find(close)? + open.len() + close.len();
            return Some((Token::Other(s[..end].to_string()), end));
        }
    }
    if s.starts_with("<!") && s[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        let end = s.find('>')? + 1;
        return Some((Token::Other(s[..end].to_string()), end));
    }
    if let Some(rest) = s.strip_prefix("</") {
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-')?;
        if name_len == 0 {
            return None;
        }
        let after = rest[name_len..].trim_start();
        if !after.starts_with('>') {
            return None;
        }
        let end = s.len() - after.len() + 1;
        return Some((Token::End(rest[..name_len].to_ascii_lowercase()), end));
    }
    let rest = s.strip_prefix('<')?;
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-')?;
    let name = rest[..name_len].to_ascii_lowercase();
    let mut at = 1 + name_len;
    let mut attrs = Vec::new();
    loop {
        let after = s[at..].trim_start();
        at = s.len() - after.len();
        if after.starts_with('>') {
            return Some((
                Token::Start {
                    name,
                    attrs,
                    self_closing: false,
                },
                at + 1,
            ));
        }
        if after.starts_with("/>") {
            return Some((
                Token::Start {
                    name,
                    attrs,
                    self_closing: true,
                },
                at + 2,
            ));
        }
        let key_len = after.find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/' | '"' | '\''))?;
        if key_len == 0 {
            return None;
        }
        let key = after[..key_len].to_ascii_lowercase();
        at += key_len;
        let after = s[at..].trim_start();
        if let Some(value) = after.strip_prefix('=') {
            let value_start = value.trim_start();
            let (value, len) = match value_start.chars().next()? {
                q @ ('"' | '\'') => {
                    let end = value_start[1..].find(q)?;
                    (value_start[1..1 + end].to_string(), end + 2)
                }
                _ => {
                    let end = value_start.find(|c: char| c.is_whitespace() || c == '>')?;
                    (value_start[..end].to_string(), end)
                }
            };
            at = s.len() - (value_start.len() - len);
            attrs.push((key, value));
        } else {
            attrs.push((key, String::new()));
        }
    }
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Text with the entities HTML writers use turned into characters.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|end| *end <= 12).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}
