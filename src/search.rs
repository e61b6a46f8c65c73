//! Site search that needs no server: an index of the published articles, cut
//! into small files that the search page fetches as a reader types.
//!
//! Chinese is written without spaces, so its words cannot be found by
//! splitting on them, and a dictionary would miss exactly what readers look
//! for: a village, a person, a newly named programme. The index therefore
//! holds every pair of adjacent units — Han characters, or a number or Latin
//! word next to one (消防, `9号`, `2013年`) — every Han character alone, and
//! every Latin word ([`tokens`]). Text and queries are folded alike first
//! ([`fold`]): full-width forms, case, traditional characters.
//!
//! A query of one character reads that character's postings; of two units,
//! their pair's; of three or more, the postings of each of its pairs, and then
//! the pairs' positions, to keep only the articles where they stand in a row:
//! the number of results a reader is told is the number of articles that hold
//! what they typed, worked out before any article is fetched.
//!
//! Files (under [`INDEX_DIR`]), each cut by a hash of the token ([`shard_of`]):
//! - `s/N.bin`: postings of pairs and words, with weights;
//! - `p/N.bin`: the positions of each pair in each article, in more, smaller
//!   files than the postings, fetched only for queries of three units or more;
//! - `c/N.bin`: postings of single characters, fetched only for one-character queries;
//! - `f/N.txt`: the traditional characters a query may hold, with the simplified
//!   forms the index holds, cut by code point;
//! - `d/N.json`: each article's title, link, date and text, fetched only when it is shown.
//!
//! The reader of this format is the default theme's `search.js`; the two
//! change together, with [`FORMAT`]. README.md's design notes say why this
//! index rather than Pagefind's.

pub mod fold;
pub mod tokens;

use ahash::AHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::site::Site;
use crate::taxonomy::ArticleId;
pub use tokens::{MAX_WORD_CHARS, Token, Tokenizer, tokenize};

/// Which file of the search index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchPart {
    /// meta.json: the file counts and the index's key.
    Meta,
    /// The n-th file of a set of the index's files.
    Shard(ShardSet, usize),
    /// The document file of the n-th indexed article.
    Document(usize),
}

/// The version of the index files, which `search.js` checks.
pub const FORMAT: u32 = 2;

/// Where the index files go, under the output folder.
pub const INDEX_DIR: &str = "search/index/";

/// The first bytes of every postings file (pairs, words, characters): a name and [`FORMAT`].
const SHARD_MAGIC: [u8; 4] = *b"JBS2";
/// The first bytes of every positions file.
const POSITIONS_MAGIC: [u8; 4] = *b"JBP2";

/// Bytes of indexed text per shard. Postings take roughly a third of the text's
/// size, so a shard stays near 20 KB before compression: one pair's shard is a
/// small download even on a 10,000-article site.
const TEXT_PER_SHARD: usize = 64 * 1024;

/// Enough shards for a city's archive; more would only add files.
const MAX_SHARDS: usize = 4096;

/// Positions take a few times the bytes of postings: they are cut into this
/// many times as many files, so that a pair's positions cost about what its postings do.
const POSITION_FILES_PER_SHARD: usize = 4;

/// At most this many files of character folds.
const MAX_FOLD_FILES: usize = 16;

/// How many times a token's occurrences in a body are counted, at most.
const TF_MAX: u8 = 31;
/// In a posting's weight: the token is in the title, subtitle or kicker.
pub const IN_TITLE: u8 = 64;
/// In a posting's weight: the token is in the district, towns, column, tags or byline.
pub const IN_ABOUT: u8 = 32;

/// FNV-1a of the UTF-8 of `token`'s characters: all of them when it holds a
/// Han character (a pair, a character), the first two for a word, so that a
/// word being typed finds the words it begins in the shard it would be in.
/// `search.js` computes the same.
pub fn token_hash(token: &str) -> u32 {
    let whole = token.chars().any(tokens::is_ideograph);
    let mut hash: u32 = 0x811c_9dc5;
    for c in token.chars().take(if whole { usize::MAX } else { 2 }) {
        let mut buf = [0; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

/// The file that holds `token` (given as text) among `files`, a power of two.
pub fn shard_of(token: &str, files: usize) -> usize {
    token_hash(token) as usize & (files.max(1) - 1)
}

/// The file of character folds that holds `c`'s, among `files`.
pub fn fold_file_of(c: char, files: usize) -> usize {
    c as usize % files.max(1)
}

/// The sets of files the index is cut into, besides meta.json and the documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShardSet {
    /// `s/N.bin`: postings of pairs and words.
    Postings,
    /// `p/N.bin`: positions of pairs.
    Positions,
    /// `c/N.bin`: postings of single characters.
    Chars,
    /// `f/N.txt`: traditional characters and their simplified forms.
    Fold,
}

impl ShardSet {
    /// Every set, in the order the render plan lists them.
    pub const ALL: [ShardSet; 4] = [ShardSet::Postings, ShardSet::Positions, ShardSet::Chars, ShardSet::Fold];

    /// How many files of this set an index of `shards` postings files has.
    pub fn files(self, shards: usize) -> usize {
        match self {
            ShardSet::Postings | ShardSet::Chars => shards,
            ShardSet::Positions => shards * POSITION_FILES_PER_SHARD,
            ShardSet::Fold => shards.min(MAX_FOLD_FILES),
        }
    }

    /// The site path of file `n` of this set.
    pub fn path(self, n: usize) -> String {
        match self {
            ShardSet::Postings => format!("{INDEX_DIR}s/{n}.bin"),
            ShardSet::Positions => format!("{INDEX_DIR}p/{n}.bin"),
            ShardSet::Chars => format!("{INDEX_DIR}c/{n}.bin"),
            ShardSet::Fold => format!("{INDEX_DIR}f/{n}.txt"),
        }
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
    about.push(&site.config.district_by_id(front.district).name);
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

/// What one document says of one token: its weight and, for a pair, where it stands.
#[derive(Default)]
struct Seen {
    weight: u8,
    positions: Vec<u32>,
}

/// The tokens of one document with their weights and positions, sorted by token.
fn weighted_tokens(doc: &Document<'_>) -> Vec<(Token, Seen)> {
    let mut seen: HashMap<Token, Seen> = HashMap::with_capacity(doc.text.len() / 4);
    let mut tokenizer = Tokenizer::default();
    let fields = [(&*doc.title, IN_TITLE), (&*doc.about, IN_ABOUT), (doc.text, 0)];
    for (text, mark) in fields {
        tokenizer.field(&fold::fold(text), |token, position| {
            let is_pair = token.is_pair();
            let s = seen.entry(token).or_default();
            if mark != 0 {
                s.weight |= mark;
            } else if s.weight & 31 < TF_MAX {
                s.weight += 1;
            }
            if is_pair {
                s.positions.push(position);
            }
        });
    }
    let mut tokens: Vec<(Token, Seen)> = seen.into_iter().collect();
    tokens.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    tokens
}

/// The documents containing one token, in ascending order, with their weights
/// and, for a pair, its positions in each: per document their number and the
/// gaps between them (the first: the position itself), as varints.
#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    weights: Vec<u8>,
    positions: Vec<u8>,
}

/// Documents are tokenised in chunks of this many, in parallel.
const CHUNK: usize = 256;

/// The postings of one chunk of documents: those of pairs and words by
/// postings file, those of characters by characters file.
struct ChunkPostings {
    postings: Vec<Vec<(Token, Postings)>>,
    chars: Vec<Vec<(Token, Postings)>>,
}

/// A built index: its files.
pub struct SearchIndex {
    postings: Vec<Vec<u8>>,
    positions: Vec<Vec<u8>>,
    chars: Vec<Vec<u8>>,
    fold: Vec<Vec<u8>>,
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
        let joined: Vec<_> = (0..shards)
            .into_par_iter()
            .map(|n| join_shard(&chunks, n, shards))
            .collect();
        let chars: Vec<_> = (0..shards).into_par_iter().map(|n| join_chars(&chunks, n)).collect();
        SearchIndex::assemble(joined, chars, shards, docs.len())
    }

    /// [`SearchIndex::build`] on the calling thread alone: safe where waiting
    /// for other threads could deadlock, such as inside a parallel render.
    pub fn build_sequential(docs: &[Document<'_>], shards: usize) -> SearchIndex {
        let shards = shards.max(1);
        let chunks: Vec<_> = docs.chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
        let joined: Vec<_> = (0..shards).map(|n| join_shard(&chunks, n, shards)).collect();
        let chars: Vec<_> = (0..shards).map(|n| join_chars(&chunks, n)).collect();
        SearchIndex::assemble(joined, chars, shards, docs.len())
    }

    fn assemble(
        joined: Vec<(Vec<u8>, Vec<Vec<u8>>)>,
        chars: Vec<(Vec<u8>, Vec<char>)>,
        shards: usize,
        documents: usize,
    ) -> SearchIndex {
        let mut postings = Vec::with_capacity(shards);
        let mut positions = vec![Vec::new(); ShardSet::Positions.files(shards)];
        for (n, (file, split)) in joined.into_iter().enumerate() {
            postings.push(file);
            // Positions file n + k·shards holds the tokens of postings file n whose hash has k above its bits.
            for (k, file) in split.into_iter().enumerate() {
                positions[n + k * shards] = file;
            }
        }
        let (chars, present): (Vec<Vec<u8>>, Vec<Vec<char>>) = chars.into_iter().unzip();
        let pairs = fold::pairs_for(present.into_iter().flatten());
        let folds = ShardSet::Fold.files(shards);
        let mut fold = vec![String::new(); folds];
        let mut it = pairs.chars();
        while let (Some(from), Some(to)) = (it.next(), it.next()) {
            let file = &mut fold[fold_file_of(from, folds)];
            file.push(from);
            file.push(to);
        }
        SearchIndex {
            postings,
            positions,
            chars,
            fold: fold.into_iter().map(String::into_bytes).collect(),
            documents,
        }
    }

    fn set(&self, set: ShardSet) -> &[Vec<u8>] {
        match set {
            ShardSet::Postings => &self.postings,
            ShardSet::Positions => &self.positions,
            ShardSet::Chars => &self.chars,
            ShardSet::Fold => &self.fold,
        }
    }

    /// The bytes of one of the index's own files: meta.json or a shard
    /// (document files are made from their article alone: [`document_file`]).
    pub fn file(&self, part: SearchPart) -> Vec<u8> {
        match part {
            SearchPart::Meta => self.meta().into_bytes(),
            SearchPart::Shard(set, n) => self.file_of(set, n).to_vec(),
            SearchPart::Document(_) => Vec::new(),
        }
    }

    /// The bytes of file `n` of `set`; empty past the last.
    pub fn file_of(&self, set: ShardSet, n: usize) -> &[u8] {
        self.set(set).get(n).map_or(&[], Vec::as_slice)
    }

    /// The bytes of postings file `n`; empty past the last.
    pub fn shard(&self, n: usize) -> &[u8] {
        self.file_of(ShardSet::Postings, n)
    }

    /// `meta.json`: what `search.js` needs before its first query, with a key
    /// that changes with the index, so that a browser never mixes files of two builds.
    pub fn meta(&self) -> String {
        let mut hash = Sha256::new();
        for set in ShardSet::ALL {
            for file in self.set(set) {
                hash.update((file.len() as u64).to_le_bytes());
                hash.update(file);
            }
        }
        let key: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
        let meta = Meta {
            format: FORMAT,
            documents: self.documents,
            shards: self.postings.len(),
            positions: self.positions.len(),
            chars: self.chars.len(),
            fold: self.fold.len(),
            key,
        };
        serde_json::to_string(&meta).unwrap_or_default() + "\n"
    }
}

#[derive(Serialize)]
struct Meta {
    format: u32,
    documents: usize,
    /// Files of postings of pairs and words, `s/N.bin`.
    shards: usize,
    /// Files of positions, `p/N.bin`.
    positions: usize,
    /// Files of postings of characters, `c/N.bin`.
    chars: usize,
    /// Files of character folds, `f/N.txt`.
    fold: usize,
    key: String,
}

/// The postings of one chunk of documents, by file.
fn chunk_postings(chunk: &[Document<'_>], shards: usize) -> ChunkPostings {
    let mut postings: HashMap<Token, Postings> = HashMap::new();
    for doc in chunk {
        let number = u32::try_from(doc.number).unwrap_or(u32::MAX);
        for (token, seen) in weighted_tokens(doc) {
            let is_pair = token.is_pair();
            let p = postings.entry(token).or_default();
            p.docs.push(number);
            p.weights.push(seen.weight);
            if is_pair {
                put_varint(&mut p.positions, seen.positions.len() as u64);
                let mut previous = 0;
                for position in seen.positions {
                    put_varint(&mut p.positions, u64::from(position - previous));
                    previous = position;
                }
            }
        }
    }
    let mut by_shard = ChunkPostings {
        postings: (0..shards).map(|_| Vec::new()).collect(),
        chars: (0..shards).map(|_| Vec::new()).collect(),
    };
    for (token, p) in postings {
        let n = shard_of(&token.text(), shards);
        match token {
            Token::Char(_) => by_shard.chars[n].push((token, p)),
            _ => by_shard.postings[n].push((token, p)),
        }
    }
    by_shard
}

/// The postings of every chunk's tokens in `files`, joined and sorted by token.
fn merge<'c>(files: impl Iterator<Item = &'c Vec<(Token, Postings)>>) -> Vec<(String, Postings)> {
    let mut merged: HashMap<&Token, Postings> = HashMap::new();
    for (token, postings) in files.flatten() {
        let into = merged.entry(token).or_default();
        into.docs.extend_from_slice(&postings.docs);
        into.weights.extend_from_slice(&postings.weights);
        into.positions.extend_from_slice(&postings.positions);
    }
    let mut entries: Vec<(String, Postings)> = merged
        .into_iter()
        .map(|(token, postings)| (token.text(), postings))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// Postings file `n` of the index, and its tokens' positions files.
fn join_shard(chunks: &[ChunkPostings], n: usize, shards: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let entries = merge(chunks.iter().map(|c| &c.postings[n]));
    let postings = encode_shard(&entries);
    let files = ShardSet::Positions.files(shards);
    let mut split: Vec<Vec<&(String, Postings)>> = vec![Vec::new(); POSITION_FILES_PER_SHARD];
    for entry in entries.iter().filter(|(_, p)| !p.positions.is_empty()) {
        split[shard_of(&entry.0, files) / shards].push(entry);
    }
    (
        postings,
        split.iter().map(|entries| encode_positions(entries)).collect(),
    )
}

/// Characters file `n`, and the characters it holds.
fn join_chars(chunks: &[ChunkPostings], n: usize) -> (Vec<u8>, Vec<char>) {
    let entries = merge(chunks.iter().map(|c| &c.chars[n]));
    let chars = entries.iter().filter_map(|(t, _)| t.chars().next()).collect();
    (encode_shard(&entries), chars)
}

/// A postings file: [`SHARD_MAGIC`], the number of tokens, then per token its
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

/// A positions file: [`POSITIONS_MAGIC`], the number of tokens, then per token
/// its UTF-8 length and bytes, the length in bytes of its positions, and its
/// positions: for each document of its postings, in their order, the number
/// of positions and the gaps between them (the first: the position itself).
/// A reader skips the tokens it does not need by their length.
fn encode_positions(entries: &[&(String, Postings)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        8 + entries
            .iter()
            .map(|(t, p)| t.len() + p.positions.len() + 4)
            .sum::<usize>(),
    );
    out.extend_from_slice(&POSITIONS_MAGIC);
    put_varint(&mut out, entries.len() as u64);
    for (token, postings) in entries {
        put_varint(&mut out, token.len() as u64);
        out.extend_from_slice(token.as_bytes());
        put_varint(&mut out, postings.positions.len() as u64);
        out.extend_from_slice(&postings.positions);
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
    decode_entries(bytes, SHARD_MAGIC, |r| {
        let n = r.varint()?;
        let mut postings = Vec::new();
        let mut doc: u32 = 0;
        for _ in 0..n {
            doc = doc.checked_add(u32::try_from(r.varint()?).ok()?)?;
            postings.push((doc, *r.take(1)?.first()?));
        }
        Some(postings)
    })
}

/// A token of a positions file, with its positions in each document of its postings, in their order.
pub type PositionsEntry = (String, Vec<Vec<u32>>);

/// Reads a positions file back. For tests and tools; the site's reader is `search.js`.
pub fn decode_positions(bytes: &[u8]) -> Option<Vec<PositionsEntry>> {
    decode_entries(bytes, POSITIONS_MAGIC, |r| {
        let len = usize::try_from(r.varint()?).ok()?;
        let mut data = Reader {
            bytes: r.take(len)?,
            at: 0,
        };
        let mut docs = Vec::new();
        while data.at < data.bytes.len() {
            let n = data.varint()?;
            let mut position: u32 = 0;
            let mut positions = Vec::new();
            for _ in 0..n {
                position = position.checked_add(u32::try_from(data.varint()?).ok()?)?;
                positions.push(position);
            }
            docs.push(positions);
        }
        Some(docs)
    })
}

/// The entries of an index file: `magic`, their number, then per entry its
/// token (UTF-8 length and bytes) and what `body` reads. `None` unless the
/// whole file reads so.
fn decode_entries<T>(
    bytes: &[u8],
    magic: [u8; 4],
    mut body: impl FnMut(&mut Reader<'_>) -> Option<T>,
) -> Option<Vec<(String, T)>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != magic {
        return None;
    }
    let count = r.varint()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.varint()?).ok()?;
        let token = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        entries.push((token, body(&mut r)?));
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
    /// The traditional characters of all of the above, each followed by its
    /// simplified form, so that `search.js` can mark what matched; absent when none.
    #[serde(skip_serializing_if = "String::is_empty")]
    fold: String,
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
        date: crate::dates::zh_date(&front.date),
        district: &site.config.district_by_id(front.district).name,
        about: &doc.about,
        text: doc.text,
        fold: fold::pairs_in(&[doc.title.as_str(), &doc.about, doc.text].concat()),
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

    #[test]
    fn a_pair_or_character_is_hashed_whole_and_a_word_by_its_first_two_characters() {
        assert_eq!(shard_of("shanghai", 64), shard_of("sh", 64));
        assert_eq!(shard_of("消防", 1), 0);
        // Pinned: search.js computes the same FNV-1a; a change here breaks every published index.
        assert_eq!(shard_of("消防", 1 << 16), 0x5c44);
        assert_eq!(shard_of("g6", 1 << 16), 0x1d90);
        assert_eq!(shard_of("g60", 1 << 16), 0x1d90);
        // 2013年 is not kept with every other token that begins with 20.
        assert_ne!(shard_of("2013年", 1 << 16), shard_of("2013", 1 << 16));
        assert_eq!(shard_of("2013年", 1 << 16), token_hash("2013年") as usize & 0xffff);
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

    /// Reads one file of a set back.
    type Decoder<T> = fn(&[u8]) -> Option<Vec<(String, T)>>;

    /// Every entry of every file of `set`, checking each is in the file its hash names.
    fn entries_of<T>(index: &SearchIndex, set: ShardSet, shards: usize, decode: Decoder<T>) -> Vec<(String, T)> {
        let files = set.files(shards);
        (0..files)
            .flat_map(|n| {
                let entries = decode(index.file_of(set, n)).expect("a valid file");
                for (token, _) in &entries {
                    assert_eq!(shard_of(token, files), n, "{token} is in the file its hash names");
                }
                entries
            })
            .collect()
    }

    #[test]
    fn pairs_keep_their_positions_and_characters_their_own_files() {
        let docs = [
            doc(0, "9号线通车", "", "地铁9号线。8号线"),
            doc(1, "", "", "“两新”组织、8号线与9号"),
        ];
        for shards in [1, 2, 8] {
            let index = SearchIndex::build(&docs, shards);
            let postings: HashMap<String, Vec<(u32, u8)>> =
                entries_of(&index, ShardSet::Postings, shards, decode_shard)
                    .into_iter()
                    .collect();
            let positions: HashMap<String, Vec<Vec<u32>>> =
                entries_of(&index, ShardSet::Positions, shards, decode_positions)
                    .into_iter()
                    .collect();
            let chars: HashMap<String, Vec<(u32, u8)>> = entries_of(&index, ShardSet::Chars, shards, decode_shard)
                .into_iter()
                .collect();
            // The title's units are numbered first; the body's after a gap.
            assert_eq!(postings["9号"], [(0, IN_TITLE | 1), (1, 1)]);
            assert_eq!(positions["9号"], [vec![0, 9], vec![10]]);
            assert_eq!(positions["号线"], [vec![1, 10, 13], vec![7]]);
            assert_eq!(positions["两新"], [vec![2]]);
            assert_eq!(positions["组织"], [vec![4]]);
            // Words have postings but no positions; characters are in files of their own.
            assert!(postings.contains_key("两新") && !postings.contains_key("两"));
            assert_eq!(chars["线"], [(0, IN_TITLE | 2), (1, 1)]);
            assert!(!positions.contains_key("两"));
        }
    }

    #[test]
    fn the_fold_files_hold_the_traditional_forms_of_the_characters_indexed() {
        let docs = [doc(0, "台湾银行", "", "闵行区")];
        let index = SearchIndex::build(&docs, 4);
        let fold: String = (0..ShardSet::Fold.files(4))
            .map(|n| String::from_utf8(index.file_of(ShardSet::Fold, n).to_vec()).expect("UTF-8"))
            .collect();
        for pair in ["臺台", "灣湾", "銀银", "閔闵", "區区"] {
            assert!(fold.contains(pair), "{pair} in {fold}");
        }
        assert!(!fold.contains("東东"), "a character the index does not hold");
        let file = fold_file_of('臺', ShardSet::Fold.files(4));
        assert!(String::from_utf8_lossy(index.file_of(ShardSet::Fold, file)).contains("臺台"));
        let meta = index.meta();
        assert!(meta.contains("\"format\":2") && meta.contains("\"fold\":4"), "{meta}");
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
        assert!(decode_shard(b"JBS2\x01\x05ab").is_none());
        assert!(decode_shard(b"JBS1\x00").is_none(), "a shard of another format");
        assert_eq!(decode_shard(b"JBS2\x00"), Some(vec![]));
        assert!(decode_positions(b"JBP2\x01\x02ab\x05\x01").is_none());
        assert_eq!(decode_positions(b"JBP2\x00"), Some(vec![]));
    }
}
