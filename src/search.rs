//! Site search that needs no server: an index of the published articles, cut
//! into small files that the search page fetches as a reader types.
//!
//! Chinese is written without spaces, so its words cannot be found by
//! splitting on them, and a dictionary would miss exactly what readers look
//! for: a village, a person, a newly named programme. The index therefore
//! holds every pair of adjacent Han characters (a bigram) and every Latin word
//! or number. A query of any length is found through the pairs it is made of,
//! so 卢连明 is 卢连 and 连明, both present in each article that names him.
//!
//! Postings are cut into shards by a hash of the token's first two
//! characters: a query fetches one small shard per pair, however large the
//! archive, and a Latin word being typed finds the words it begins, which sit
//! in the same shard as the finished word. Each article's title, link, date
//! and text sit in a document file of their own, fetched only when it is shown.
//!
//! The reader of this format is the default theme's `search.js`; the two
//! change together, with [`FORMAT`]. README.md's design notes say why this
//! index rather than Pagefind's.

use ahash::AHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::markdown::cjk;
use crate::plan::SearchPart;
use crate::site::Site;
use crate::taxonomy::ArticleId;

/// The version of the index files, which `search.js` checks.
pub const FORMAT: u32 = 1;

/// Where the index files go, under the output folder.
pub const INDEX_DIR: &str = "search/index/";

/// The first bytes of every shard file: a name and [`FORMAT`].
const SHARD_MAGIC: [u8; 4] = *b"JBS1";

/// Bytes of indexed text per shard. Postings take roughly a third of the text's
/// size, so a shard stays near 20 KB before compression: one pair's shard is a
/// small download even on a 10,000-article site.
const TEXT_PER_SHARD: usize = 64 * 1024;

/// Enough shards for a city's archive; more would only add files.
const MAX_SHARDS: usize = 4096;

/// Latin words are indexed up to this many characters; longer ones (addresses,
/// hashes) are cut, and queries are cut the same way.
pub const MAX_WORD_CHARS: usize = 32;

/// How many times a token's occurrences in a body are counted, at most.
const TF_MAX: u8 = 31;
/// In a posting's weight: the token is in the title, subtitle or kicker.
pub const IN_TITLE: u8 = 64;
/// In a posting's weight: the token is in the district, towns, column, tags or byline.
pub const IN_ABOUT: u8 = 32;

/// One thing the index can be asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    /// Two adjacent Han (or kana) characters.
    Pair(char, char),
    /// A Latin word or number, lower-cased, of two characters or more.
    Word(Box<str>),
}

impl Token {
    /// The token as the index stores it.
    pub fn text(&self) -> String {
        match self {
            Token::Pair(a, b) => [*a, *b].iter().collect(),
            Token::Word(w) => w.to_string(),
        }
    }

    /// The shard that holds the token: [`shard_of`] its text, without making the text.
    fn shard(&self, shards: usize) -> usize {
        match self {
            Token::Pair(a, b) => shard_of_chars([*a, *b].into_iter(), shards),
            Token::Word(w) => shard_of(w, shards),
        }
    }
}

/// The shard that holds `token` (given as text), among `shards`, a power of two:
/// FNV-1a of the UTF-8 of its first two characters. `search.js` computes the same.
pub fn shard_of(token: &str, shards: usize) -> usize {
    shard_of_chars(token.chars(), shards)
}

fn shard_of_chars(chars: impl Iterator<Item = char>, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for c in chars.take(2) {
        let mut buf = [0; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash as usize & (shards.max(1) - 1)
}

/// Whether `c` is written in runs without spaces, and so indexed in pairs.
fn is_ideograph(c: char) -> bool {
    cjk::is_han(c) || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Full-width Latin letters and digits (ＡＢＣ１２３, common in Chinese typesetting)
/// are the same words as their ASCII forms.
fn normalize(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Calls `emit` with every token of `text`, in order, repeats included.
pub fn tokenize(text: &str, mut emit: impl FnMut(Token)) {
    let mut previous: Option<char> = None;
    let mut word = WordBuffer::default();
    for c in text.chars().map(normalize) {
        if is_ideograph(c) {
            word.end(&mut emit);
            if let Some(p) = previous {
                emit(Token::Pair(p, c));
            }
            previous = Some(c);
        } else if c.is_alphanumeric() {
            previous = None;
            word.push(c);
        } else {
            previous = None;
            word.end(&mut emit);
        }
    }
    word.end(&mut emit);
}

/// The Latin word being read.
#[derive(Default)]
struct WordBuffer {
    text: String,
    chars: usize,
}

impl WordBuffer {
    fn push(&mut self, c: char) {
        if self.chars < MAX_WORD_CHARS {
            self.text.extend(c.to_lowercase());
            self.chars += 1;
        }
    }

    /// Emits the word, if it is long enough to be one, and starts the next.
    fn end(&mut self, emit: &mut impl FnMut(Token)) {
        if self.chars >= 2 {
            emit(Token::Word(self.text.as_str().into()));
        }
        self.text.clear();
        self.chars = 0;
    }
}

/// One article as search sees it.
#[derive(Clone, Debug)]
pub struct Document<'s> {
    /// Its position in the index: the n-th indexed article, newest first.
    pub number: usize,
    /// Title, subtitle and kicker.
    pub title: String,
    /// District, towns, column, tags and byline.
    pub about: String,
    /// The body as plain text.
    pub text: &'s str,
}

/// What a site's search index is made of: the render plan lists a file for
/// each shard and each indexed article, so it works this out once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The articles indexed, newest first: every article the site shows,
    /// except drafts, which a preview may show but search never finds.
    pub indexed: Vec<ArticleId>,
    /// How many shards the index is cut into: a power of two that grows with the text indexed.
    pub shards: usize,
}

/// The layout of `site`'s search index; `None` when the site has no search.
pub fn layout(site: &Site) -> Option<Layout> {
    if !site.config.search {
        return None;
    }
    let indexed: Vec<ArticleId> = (0..site.articles.len())
        .filter(|&id| !site.articles[id].front.draft)
        .collect();
    let text: usize = indexed
        .iter()
        .map(|&id| {
            let a = &site.articles[id];
            a.search_text.len() + a.front.title.len()
        })
        .sum();
    let shards = text.div_ceil(TEXT_PER_SHARD).next_power_of_two().clamp(1, MAX_SHARDS);
    Some(Layout { indexed, shards })
}

/// The indexed articles as documents.
pub fn documents<'s>(site: &'s Site, layout: &Layout) -> Vec<Document<'s>> {
    layout
        .indexed
        .iter()
        .enumerate()
        .map(|(number, &id)| document(site, number, id))
        .collect()
}

fn document(site: &Site, number: usize, id: ArticleId) -> Document<'_> {
    let article = &site.articles[id];
    let front = &article.front;
    let title = [
        front.kicker.as_deref(),
        Some(front.title.as_str()),
        front.subtitle.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n");
    let mut about: Vec<&str> = Vec::new();
    if let Some(district) = site.config.districts.get(front.district) {
        about.push(&district.name);
    }
    about.extend(front.towns.iter().map(String::as_str));
    about.extend(front.column.as_deref());
    about.extend(front.tags.iter().map(String::as_str));
    about.extend(front.byline.iter().map(|b| b.name.as_str()));
    Document {
        number,
        title,
        about: about.join("\n"),
        text: &article.search_text,
    }
}

/// The tokens of one document with their weights, sorted by token.
fn weighted_tokens(doc: &Document<'_>) -> Vec<(Token, u8)> {
    let mut weights: HashMap<Token, u8> = HashMap::with_capacity(doc.text.len() / 4);
    tokenize(doc.text, |t| {
        let w = weights.entry(t).or_insert(0);
        if *w < TF_MAX {
            *w += 1;
        }
    });
    tokenize(&doc.title, |t| *weights.entry(t).or_insert(0) |= IN_TITLE);
    tokenize(&doc.about, |t| *weights.entry(t).or_insert(0) |= IN_ABOUT);
    let mut tokens: Vec<(Token, u8)> = weights.into_iter().collect();
    tokens.sort_unstable();
    tokens
}

/// The documents containing one token, in ascending order, with their weights.
#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    weights: Vec<u8>,
}

/// Documents are tokenised in chunks of this many, in parallel.
const CHUNK: usize = 256;

/// A built index: its shard files.
pub struct SearchIndex {
    shards: Vec<Vec<u8>>,
    documents: usize,
}

impl SearchIndex {
    /// Indexes `docs` (numbered 0, 1, … in order) into `shards` shards, on every core.
    ///
    /// Each chunk of documents becomes, per shard, its tokens' postings; the
    /// chunks are then joined shard by shard. Both steps keep document order,
    /// so the bytes do not depend on scheduling.
    pub fn build(docs: &[Document<'_>], shards: usize) -> SearchIndex {
        let shards = shards.max(1);
        let chunks: Vec<_> = docs.par_chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
        let encoded = (0..shards).into_par_iter().map(|n| join_shard(&chunks, n)).collect();
        SearchIndex {
            shards: encoded,
            documents: docs.len(),
        }
    }

    /// [`SearchIndex::build`] on the calling thread alone: safe where waiting
    /// for other threads could deadlock, such as inside a parallel render.
    pub fn build_sequential(docs: &[Document<'_>], shards: usize) -> SearchIndex {
        let shards = shards.max(1);
        let chunks: Vec<_> = docs.chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
        let encoded = (0..shards).map(|n| join_shard(&chunks, n)).collect();
        SearchIndex {
            shards: encoded,
            documents: docs.len(),
        }
    }

    /// The bytes of one of the index's own files: meta.json or a shard
    /// (document files are made from their article alone: [`document_file`]).
    pub fn file(&self, part: SearchPart) -> Vec<u8> {
        match part {
            SearchPart::Meta => self.meta().into_bytes(),
            SearchPart::Shard(n) => self.shard(n).to_vec(),
            SearchPart::Document(_) => Vec::new(),
        }
    }

    /// The bytes of shard `n`; empty past the last.
    pub fn shard(&self, n: usize) -> &[u8] {
        self.shards.get(n).map_or(&[], Vec::as_slice)
    }

    /// `meta.json`: what `search.js` needs before its first query, with a key
    /// that changes with the index, so that a browser never mixes shards of two builds.
    pub fn meta(&self) -> String {
        let mut hash = Sha256::new();
        for shard in &self.shards {
            hash.update((shard.len() as u64).to_le_bytes());
            hash.update(shard);
        }
        let key: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
        let meta = Meta {
            format: FORMAT,
            documents: self.documents,
            shards: self.shards.len(),
            key,
        };
        serde_json::to_string(&meta).unwrap_or_default() + "\n"
    }
}

#[derive(Serialize)]
struct Meta {
    format: u32,
    documents: usize,
    shards: usize,
    key: String,
}

/// The postings of one chunk of documents, by shard.
fn chunk_postings(chunk: &[Document<'_>], shards: usize) -> Vec<Vec<(Token, Postings)>> {
    let mut postings: HashMap<Token, Postings> = HashMap::new();
    for doc in chunk {
        let number = u32::try_from(doc.number).unwrap_or(u32::MAX);
        for (token, weight) in weighted_tokens(doc) {
            let p = postings.entry(token).or_default();
            p.docs.push(number);
            p.weights.push(weight);
        }
    }
    let mut by_shard: Vec<Vec<(Token, Postings)>> = (0..shards).map(|_| Vec::new()).collect();
    for (token, p) in postings {
        by_shard[token.shard(shards)].push((token, p));
    }
    by_shard
}

/// Shard `n` of the index, from the postings of every chunk.
fn join_shard(chunks: &[Vec<Vec<(Token, Postings)>>], n: usize) -> Vec<u8> {
    let mut merged: HashMap<&Token, Postings> = HashMap::new();
    for (token, postings) in chunks.iter().flat_map(|chunk| &chunk[n]) {
        let into = merged.entry(token).or_default();
        into.docs.extend_from_slice(&postings.docs);
        into.weights.extend_from_slice(&postings.weights);
    }
    let mut entries: Vec<(String, Postings)> = merged
        .into_iter()
        .map(|(token, postings)| (token.text(), postings))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    encode_shard(&entries)
}

/// A shard file: [`SHARD_MAGIC`], the number of tokens, then per token its
/// UTF-8 length and bytes, its number of documents, and per document the gap
/// from the previous document's number (the first: the number itself) and
/// the weight. Every number is an unsigned LEB128 varint.
fn encode_shard(entries: &[(String, Postings)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        16 + entries
            .iter()
            .map(|(t, p)| t.len() + 3 * p.docs.len() + 4)
            .sum::<usize>(),
    );
    out.extend_from_slice(&SHARD_MAGIC);
    put_varint(&mut out, entries.len() as u64);
    for (token, postings) in entries {
        put_varint(&mut out, token.len() as u64);
        out.extend_from_slice(token.as_bytes());
        put_varint(&mut out, postings.docs.len() as u64);
        let mut previous = 0;
        for (&doc, &weight) in postings.docs.iter().zip(&postings.weights) {
            put_varint(&mut out, u64::from(doc - previous));
            out.push(weight);
            previous = doc;
        }
    }
    out
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A token of a shard, with its postings: (document number, weight), by number.
pub type ShardEntry = (String, Vec<(u32, u8)>);

/// Reads a shard file back. For tests and tools; the site's reader is `search.js`.
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<ShardEntry>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != SHARD_MAGIC {
        return None;
    }
    let count = r.varint()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.varint()?).ok()?;
        let token = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        let n = r.varint()?;
        let mut postings = Vec::new();
        let mut doc: u32 = 0;
        for _ in 0..n {
            doc = doc.checked_add(u32::try_from(r.varint()?).ok()?)?;
            postings.push((doc, *r.take(1)?.first()?));
        }
        entries.push((token, postings));
    }
    (r.at == bytes.len()).then_some(entries)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
}

/// A document file: what a result shows, and the text its excerpt comes from.
#[derive(Serialize)]
struct DocumentFile<'a> {
    title: &'a str,
    /// Kicker and subtitle, when the article has them.
    subtitle: String,
    url: String,
    /// The date as readers read it: 2013年11月8日.
    date: String,
    district: &'a str,
    /// District, towns, column, tags and byline, a line each.
    about: &'a str,
    text: &'a str,
}

/// The document file of the indexed article `id`, the `number`-th indexed, as JSON.
pub fn document_file(site: &Site, number: usize, id: ArticleId) -> String {
    let doc = document(site, number, id);
    let article = &site.articles[id];
    let front = &article.front;
    let file = DocumentFile {
        title: &front.title,
        subtitle: [front.kicker.as_deref(), front.subtitle.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        url: site.config.base_url.link(&article.url_path),
        date: crate::render::views::zh_date(&front.date),
        district: site
            .config
            .districts
            .get(front.district)
            .map_or("", |d| d.name.as_str()),
        about: &doc.about,
        text: doc.text,
    };
    json_without_markup(&serde_json::to_string(&file).unwrap_or_default())
}

/// JSON with `<`, `>` and `&` written as escapes: the same values, but a
/// title such as `<script>` stays inert even if a host serves the file as HTML.
fn json_without_markup(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        match c {
            // Outside strings JSON has none of these, so every one is inside a string.
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out.push('\n');
    out
}

/// The site path of a shard file.
pub fn shard_path(n: usize) -> String {
    format!("{INDEX_DIR}s/{n}.bin")
}

/// The site path of a document file.
pub fn document_path(number: usize) -> String {
    format!("{INDEX_DIR}d/{number}.json")
}

/// The site path of meta.json.
pub fn meta_path() -> String {
    format!("{INDEX_DIR}meta.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push(t.text()));
        out
    }

    #[test]
    fn han_runs_become_pairs_and_punctuation_breaks_them() {
        assert_eq!(tokens("消防演练，卢连明"), ["消防", "防演", "演练", "卢连", "连明"]);
        // A single character between punctuation is no pair.
        assert_eq!(tokens("镇、村"), Vec::<String>::new());
    }

    #[test]
    fn latin_words_are_lower_cased_and_full_width_is_ascii() {
        assert_eq!(
            tokens("G60科创走廊 ＧＤＰ 2013年 a"),
            ["g60", "科创", "创走", "走廊", "gdp", "2013"]
        );
    }

    #[test]
    fn long_words_are_cut() {
        let long = "x".repeat(100);
        assert_eq!(tokens(&long), ["x".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn shard_depends_on_the_first_two_characters_only() {
        assert_eq!(shard_of("shanghai", 64), shard_of("sh", 64));
        assert_eq!(shard_of("消防", 1), 0);
        // Pinned: search.js computes the same FNV-1a; a change here breaks every published index.
        assert_eq!(shard_of("消防", 1 << 16), 0x5c44);
        assert_eq!(shard_of("g6", 1 << 16), 0x1d90);
        // A token finds its shard as its text does.
        assert_eq!(Token::Pair('消', '防').shard(1 << 16), 0x5c44);
        assert_eq!(Token::Word("g60".into()).shard(1 << 16), 0x1d90);
    }

    fn doc<'a>(number: usize, title: &str, about: &str, text: &'a str) -> Document<'a> {
        Document {
            number,
            title: title.into(),
            about: about.into(),
            text,
        }
    }

    #[test]
    fn shards_list_each_token_with_its_documents_and_weights() {
        let docs = [
            doc(0, "枫泾镇消防比赛", "金山区", "消防队员比赛。消防"),
            doc(1, "练塘镇", "青浦区\n消防安全", "学校开展演练"),
            doc(2, "会议", "松江区", "没有"),
        ];
        for shards in [1, 4] {
            let index = SearchIndex::build(&docs, shards);
            let mut all: Vec<ShardEntry> = (0..shards)
                .flat_map(|n| decode_shard(index.shard(n)).expect("a valid shard"))
                .collect();
            all.sort();
            let xiaofang = all.iter().find(|(t, _)| t == "消防").expect("消防 is indexed");
            assert_eq!(xiaofang.1, vec![(0, 2 | IN_TITLE), (1, IN_ABOUT)]);
            for (token, _) in &all {
                assert_eq!(
                    decode_shard(index.shard(shard_of(token, shards)))
                        .expect("valid")
                        .iter()
                        .filter(|(t, _)| t == token)
                        .count(),
                    1,
                    "{token} is in the shard its hash names"
                );
            }
            assert!(!all.iter().any(|(t, _)| t == "恐龙"));
        }
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        let text = "消防".repeat(400) + &"演练安全".repeat(300);
        let docs: Vec<Document<'_>> = (0..600).map(|n| doc(n, "标题", "松江区", &text)).collect();
        let a = SearchIndex::build(&docs, 8);
        let b = SearchIndex::build_sequential(&docs, 8);
        assert_eq!(a.meta(), b.meta());
        assert!((0..8).all(|n| a.shard(n) == b.shard(n)));
        // Documents from different chunks are joined in order.
        let postings = decode_shard(a.shard(shard_of("消防", 8))).expect("valid");
        let (_, docs) = postings.iter().find(|(t, _)| t == "消防").expect("indexed");
        assert_eq!(docs.len(), 600);
        assert!(docs.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn document_files_hold_no_markup() {
        let json = json_without_markup(r#"{"title":"<script>&"}"#);
        assert_eq!(json, "{\"title\":\"\\u003cscript\\u003e\\u0026\"}\n");
        let value: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(value["title"], "<script>&");
    }

    #[test]
    fn corrupt_shards_are_refused() {
        assert!(decode_shard(b"").is_none());
        assert!(decode_shard(b"JBS1\x01\x05ab").is_none());
        assert_eq!(decode_shard(b"JBS1\x00"), Some(vec![]));
    }
}
