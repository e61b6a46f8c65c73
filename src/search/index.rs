//! Building the index: the documents tokenised, in chunks and in parallel,
//! into postings by shard; the chunks joined shard by shard into the index's
//! files; and the built index, which hands out those files and meta.json.

use std::sync::Arc;

use ahash::AHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

#[cfg(doc)]
use super::document_file;
use super::shard::{encode_positions, encode_shard, put_varint};
use super::{
    Document, FORMAT, IN_ABOUT, IN_TITLE, POSITION_FILES_PER_SHARD, SearchPart, ShardSet, Token, Tokenizer, fold,
    fold_file_of, shard_of,
};

/// How many times a token's occurrences in a body are counted, at most.
const TF_MAX: u8 = 31;

/// What one document says of one token: its weight and, for a pair, where it stands.
#[derive(Default)]
pub(super) struct Seen {
    pub(super) weight: u8,
    pub(super) positions: Vec<u32>,
}

/// The tokens of one document with their weights and positions, sorted by token.
pub(super) fn weighted_tokens(doc: &Document) -> Vec<(Token, Seen)> {
    let mut seen: HashMap<Token, Seen> = HashMap::with_capacity(doc.text.len() / 4);
    let mut tokenizer = Tokenizer::default();
    let fields = [(&*doc.title, IN_TITLE), (&*doc.about, IN_ABOUT), (&*doc.text, 0)];
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
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    pub(super) weights: Vec<u8>,
    pub(super) positions: Vec<u8>,
}

/// Documents are tokenised in chunks of this many, in parallel.
const CHUNK: usize = 256;

/// The postings of one chunk of documents: those of pairs and words by
/// postings file, those of characters by characters file.
struct ChunkPostings {
    postings: Vec<Vec<(Token, Postings)>>,
    chars: Vec<Vec<(Token, Postings)>>,
}

/// One file of the index: its bytes, shared by the indexes of every build
/// that left them as they were, and their SHA-256, of which meta.json's key
/// is made without reading the bytes again.
#[derive(Clone)]
pub(super) struct IndexFile {
    pub(super) bytes: Arc<Vec<u8>>,
    digest: [u8; 32],
}

impl IndexFile {
    pub(super) fn new(bytes: Vec<u8>) -> IndexFile {
        IndexFile {
            digest: Sha256::digest(&bytes).into(),
            bytes: Arc::new(bytes),
        }
    }
}

/// A built index: its files. Cloning it shares them.
#[derive(Clone)]
pub struct SearchIndex {
    pub(super) postings: Vec<IndexFile>,
    pub(super) positions: Vec<IndexFile>,
    pub(super) chars: Vec<IndexFile>,
    pub(super) fold: Vec<IndexFile>,
    documents: usize,
}

impl SearchIndex {
    /// Indexes `docs` (numbered 0, 1, … in order) into `shards` shards, on every core.
    ///
    /// Each chunk of documents becomes, per shard, its tokens' postings; the
    /// chunks are then joined shard by shard. Both steps keep document order,
    /// so the bytes do not depend on scheduling.
    pub fn build(docs: &[Document], shards: usize) -> SearchIndex {
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
    pub fn build_sequential(docs: &[Document], shards: usize) -> SearchIndex {
        let shards = shards.max(1);
        let chunks: Vec<_> = docs.chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
        let joined: Vec<_> = (0..shards).map(|n| join_shard(&chunks, n, shards)).collect();
        let chars: Vec<_> = (0..shards).map(|n| join_chars(&chunks, n)).collect();
        SearchIndex::assemble(joined, chars, shards, docs.len())
    }

    pub(super) fn assemble(
        joined: Vec<(IndexFile, Vec<IndexFile>)>,
        chars: Vec<(IndexFile, Vec<char>)>,
        shards: usize,
        documents: usize,
    ) -> SearchIndex {
        let mut postings = Vec::with_capacity(shards);
        let mut positions = vec![None; ShardSet::Positions.files(shards)];
        for (n, (file, split)) in joined.into_iter().enumerate() {
            postings.push(file);
            // Positions file n + k·shards holds the tokens of postings file n whose hash has k above its bits.
            for (k, file) in split.into_iter().enumerate() {
                positions[n + k * shards] = Some(file);
            }
        }
        let (chars, present): (Vec<IndexFile>, Vec<Vec<char>>) = chars.into_iter().unzip();
        SearchIndex {
            postings,
            positions: positions
                .into_iter()
                .map(|f| f.unwrap_or_else(|| IndexFile::new(Vec::new())))
                .collect(),
            fold: fold_files(present.iter().flatten().copied(), shards),
            chars,
            documents,
        }
    }

    fn set(&self, set: ShardSet) -> &[IndexFile] {
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
        self.set(set).get(n).map_or(&[], |f| f.bytes.as_slice())
    }

    /// [`SearchIndex::file`], shared rather than copied when it is a shard.
    pub fn shared_file(&self, part: SearchPart) -> Arc<Vec<u8>> {
        match part {
            SearchPart::Shard(set, n) => self.set(set).get(n).map_or_else(Arc::default, |f| Arc::clone(&f.bytes)),
            _ => Arc::new(self.file(part)),
        }
    }

    /// The bytes of postings file `n`; empty past the last.
    pub fn shard(&self, n: usize) -> &[u8] {
        self.file_of(ShardSet::Postings, n)
    }

    /// `meta.json`: what `search.js` needs before its first query, with a key
    /// that changes with the index, so that a browser never mixes files of two
    /// builds: a hash of every file's length and SHA-256.
    pub fn meta(&self) -> String {
        let mut hash = Sha256::new();
        for set in ShardSet::ALL {
            for file in self.set(set) {
                hash.update((file.bytes.len() as u64).to_le_bytes());
                hash.update(file.digest);
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
fn chunk_postings(chunk: &[Document], shards: usize) -> ChunkPostings {
    let mut postings: HashMap<Token, Postings> = HashMap::new();
    for doc in chunk {
        let number = u32::try_from(doc.number).unwrap_or(u32::MAX);
        for (token, seen) in weighted_tokens(doc) {
            let is_pair = token.is_pair();
            add_posting(postings.entry(token).or_default(), number, is_pair, &seen);
        }
    }
    by_shard(postings, shards)
}

/// Adds document `number`'s `seen` of one token to that token's postings.
fn add_posting(p: &mut Postings, number: u32, is_pair: bool, seen: &Seen) {
    p.docs.push(number);
    p.weights.push(seen.weight);
    if is_pair {
        put_run(&mut p.positions, seen);
    }
}

/// One document's positions of a pair: their number, then the gaps between them.
fn put_run(out: &mut Vec<u8>, seen: &Seen) {
    put_varint(out, seen.positions.len() as u64);
    let mut previous = 0;
    for &position in &seen.positions {
        put_varint(out, u64::from(position - previous));
        previous = position;
    }
}

/// Where the `runs`-th document's run of positions starts in `bytes`, the
/// runs of a pair's postings one after another; `None` past the end.
fn run_start(bytes: &[u8], runs: usize) -> Option<usize> {
    let mut at = 0;
    for _ in 0..runs {
        let (count, len) = read_varint(bytes.get(at..)?)?;
        at += len;
        // Each position is one varint: it ends at a byte without its top bit.
        for _ in 0..count {
            at += bytes.get(at..)?.iter().position(|&b| b < 0x80)? + 1;
        }
    }
    Some(at)
}

/// The varint at the start of `bytes`, and how many bytes it takes.
fn read_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut n = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        n |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Some((n, i + 1));
        }
    }
    None
}

impl Postings {
    /// Takes document `number` out, with its positions if the token is a
    /// pair; `false`, changing nothing, when it is not there.
    pub(super) fn remove(&mut self, number: u32, is_pair: bool) -> bool {
        let Ok(i) = self.docs.binary_search(&number) else {
            return false;
        };
        if is_pair {
            let (Some(start), Some(end)) = (run_start(&self.positions, i), run_start(&self.positions, i + 1)) else {
                return false;
            };
            self.positions.drain(start..end);
        }
        self.docs.remove(i);
        self.weights.remove(i);
        true
    }

    /// Puts document `number`'s `seen` in its place; `false`, changing
    /// nothing, when the document is there already.
    pub(super) fn insert(&mut self, number: u32, is_pair: bool, seen: &Seen) -> bool {
        let Err(i) = self.docs.binary_search(&number) else {
            return false;
        };
        if is_pair {
            let Some(at) = run_start(&self.positions, i) else {
                return false;
            };
            let mut run = Vec::new();
            put_run(&mut run, seen);
            self.positions.splice(at..at, run);
        }
        self.docs.insert(i, number);
        self.weights.insert(i, seen.weight);
        true
    }
}

/// A chunk's postings, put in the files their tokens belong to.
fn by_shard(postings: HashMap<Token, Postings>, shards: usize) -> ChunkPostings {
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

/// The postings of every chunk's tokens in `files`, chunks in document
/// order, joined and sorted by token.
fn merge<'c>(files: impl Iterator<Item = &'c Vec<(Token, Postings)>>) -> Vec<(String, Postings)> {
    let mut merged: HashMap<&Token, Postings> = HashMap::new();
    for file in files {
        for (token, postings) in file {
            let into = merged.entry(token).or_default();
            into.docs.extend_from_slice(&postings.docs);
            into.weights.extend_from_slice(&postings.weights);
            into.positions.extend_from_slice(&postings.positions);
        }
    }
    let mut entries: Vec<(String, Postings)> = merged
        .into_iter()
        .map(|(token, postings)| (token.text(), postings))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// Postings file `n` of the index, and its tokens' positions files.
fn join_shard(chunks: &[ChunkPostings], n: usize, shards: usize) -> (IndexFile, Vec<IndexFile>) {
    encode_postings_file(&merge(chunks.iter().map(|c| &c.postings[n])), shards)
}

/// Characters file `n`, and the characters it holds.
fn join_chars(chunks: &[ChunkPostings], n: usize) -> (IndexFile, Vec<char>) {
    let entries = merge(chunks.iter().map(|c| &c.chars[n]));
    (IndexFile::new(encode_shard(&entries)), chars_of(&entries))
}

/// Every token of `docs` with its postings, joined: by postings file, then by
/// characters file, each sorted by token. What [`SearchIndex::build`]
/// encodes file by file, whole, for the cache to keep and change.
pub(super) fn joined(docs: &[Document], shards: usize) -> (Vec<Entries>, Vec<Entries>) {
    let chunks: Vec<_> = docs.par_chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
    let postings = (0..shards)
        .into_par_iter()
        .map(|n| merge(chunks.iter().map(|c| &c.postings[n])))
        .collect();
    let chars = (0..shards)
        .into_par_iter()
        .map(|n| merge(chunks.iter().map(|c| &c.chars[n])))
        .collect();
    (postings, chars)
}

/// The tokens of one file of the index with their postings, sorted by token:
/// what [`super::cache`] keeps of each file, to change in place.
pub(super) type Entries = Vec<(String, Postings)>;

/// The postings file of `entries` (one file's, sorted by token), and the
/// positions files of its pairs, in an index of `shards` postings files.
pub(super) fn encode_postings_file(entries: &[(String, Postings)], shards: usize) -> (IndexFile, Vec<IndexFile>) {
    let files = ShardSet::Positions.files(shards);
    let mut split: Vec<Vec<&(String, Postings)>> = vec![Vec::new(); POSITION_FILES_PER_SHARD];
    for entry in entries.iter().filter(|(_, p)| !p.positions.is_empty()) {
        split[shard_of(&entry.0, files) / shards].push(entry);
    }
    (
        IndexFile::new(encode_shard(entries)),
        split
            .iter()
            .map(|entries| IndexFile::new(encode_positions(entries)))
            .collect(),
    )
}

/// The characters a characters file's `entries` hold, in order.
pub(super) fn chars_of(entries: &[(String, Postings)]) -> Vec<char> {
    entries.iter().filter_map(|(t, _)| t.chars().next()).collect()
}

/// The fold files of an index of `shards` postings files holding the characters `present`.
pub(super) fn fold_files(present: impl Iterator<Item = char>, shards: usize) -> Vec<IndexFile> {
    let pairs = fold::pairs_for(present);
    let folds = ShardSet::Fold.files(shards);
    let mut fold = vec![String::new(); folds];
    let mut it = pairs.chars();
    while let (Some(from), Some(to)) = (it.next(), it.next()) {
        let file = &mut fold[fold_file_of(from, folds)];
        file.push(from);
        file.push(to);
    }
    fold.into_iter().map(|f| IndexFile::new(f.into_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{ShardEntry, decode_positions, decode_shard};

    fn doc(number: usize, title: &str, about: &str, text: &str) -> Document {
        Document {
            number,
            title: title.into(),
            about: about.into(),
            text: text.into(),
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
        let docs: Vec<Document> = (0..600).map(|n| doc(n, "标题", "松江区", &text)).collect();
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
}
