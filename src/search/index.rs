//! Building the index: the documents tokenised, in chunks and in parallel,
//! into postings by shard; the chunks joined shard by shard into the index's
//! files; and the built index, which hands out those files and meta.json.

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
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    pub(super) weights: Vec<u8>,
    pub(super) positions: Vec<u8>,
}

/// Documents are tokenised in chunks of this many, in parallel.
const CHUNK: usize = 256;

/// The postings of one chunk of documents: those of pairs and words by
/// postings file, those of characters by characters file.
pub(super) struct ChunkPostings {
    pub(super) postings: Vec<Vec<(Token, Postings)>>,
    pub(super) chars: Vec<Vec<(Token, Postings)>>,
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
            .map(|n| join_shard(chunks.iter().map(|c| (0, c)), n, shards))
            .collect();
        let chars: Vec<_> = (0..shards)
            .into_par_iter()
            .map(|n| join_chars(chunks.iter().map(|c| (0, c)), n))
            .collect();
        SearchIndex::assemble(joined, chars, shards, docs.len())
    }

    /// [`SearchIndex::build`] on the calling thread alone: safe where waiting
    /// for other threads could deadlock, such as inside a parallel render.
    pub fn build_sequential(docs: &[Document<'_>], shards: usize) -> SearchIndex {
        let shards = shards.max(1);
        let chunks: Vec<_> = docs.chunks(CHUNK).map(|c| chunk_postings(c, shards)).collect();
        let joined: Vec<_> = (0..shards)
            .map(|n| join_shard(chunks.iter().map(|c| (0, c)), n, shards))
            .collect();
        let chars: Vec<_> = (0..shards)
            .map(|n| join_chars(chunks.iter().map(|c| (0, c)), n))
            .collect();
        SearchIndex::assemble(joined, chars, shards, docs.len())
    }

    pub(super) fn assemble(
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
    chunk_postings_from(chunk, shards, 0)
}

/// The postings of one chunk of documents, by file, their numbers less `base`
/// (the cache's chunks are numbered from 0: see [`merge`]).
pub(super) fn chunk_postings_from(chunk: &[Document<'_>], shards: usize, base: usize) -> ChunkPostings {
    let mut postings: HashMap<Token, Postings> = HashMap::new();
    for doc in chunk {
        let number = u32::try_from(doc.number - base).unwrap_or(u32::MAX);
        for (token, seen) in weighted_tokens(doc) {
            let is_pair = token.is_pair();
            add_posting(postings.entry(token).or_default(), number, is_pair, &seen);
        }
    }
    by_shard(postings, shards)
}

/// The postings of a run of documents from those of its consecutive pieces,
/// in order: each token's postings of the first piece, then of the next.
pub(super) fn concat_chunks(pieces: Vec<ChunkPostings>) -> ChunkPostings {
    let Some(shards) = pieces.first().map(|p| p.postings.len()) else {
        return ChunkPostings {
            postings: Vec::new(),
            chars: Vec::new(),
        };
    };
    let concat = |files: Vec<Vec<Vec<(Token, Postings)>>>| -> Vec<Vec<(Token, Postings)>> {
        (0..shards)
            .map(|n| {
                let mut joined: HashMap<Token, Postings> = HashMap::new();
                for file in &files {
                    for (token, p) in &file[n] {
                        let into = joined.entry(token.clone()).or_default();
                        into.docs.extend_from_slice(&p.docs);
                        into.weights.extend_from_slice(&p.weights);
                        into.positions.extend_from_slice(&p.positions);
                    }
                }
                joined.into_iter().collect()
            })
            .collect()
    };
    let (postings, chars): (Vec<_>, Vec<_>) = pieces.into_iter().map(|p| (p.postings, p.chars)).unzip();
    ChunkPostings {
        postings: concat(postings),
        chars: concat(chars),
    }
}

/// Adds document `number`'s `seen` of one token to that token's postings.
fn add_posting(p: &mut Postings, number: u32, is_pair: bool, seen: &Seen) {
    p.docs.push(number);
    p.weights.push(seen.weight);
    if is_pair {
        put_varint(&mut p.positions, seen.positions.len() as u64);
        let mut previous = 0;
        for &position in &seen.positions {
            put_varint(&mut p.positions, u64::from(position - previous));
            previous = position;
        }
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

/// The postings of every chunk's tokens in `files`, joined and sorted by
/// token. Each file comes with the number to add to its documents' numbers:
/// 0 for chunks numbered as the index is, the number of the chunk's first
/// document for chunks numbered from 0 (the cache's, which stay the same
/// when documents before them come or go).
fn merge<'c>(files: impl Iterator<Item = (u32, &'c Vec<(Token, Postings)>)>) -> Vec<(String, Postings)> {
    let mut merged: HashMap<&Token, Postings> = HashMap::new();
    for (base, file) in files {
        for (token, postings) in file {
            let into = merged.entry(token).or_default();
            if base == 0 {
                into.docs.extend_from_slice(&postings.docs);
            } else {
                into.docs.extend(postings.docs.iter().map(|&d| d + base));
            }
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
pub(super) fn join_shard<'c>(
    chunks: impl Iterator<Item = (u32, &'c ChunkPostings)>,
    n: usize,
    shards: usize,
) -> (Vec<u8>, Vec<Vec<u8>>) {
    let entries = merge(chunks.map(|(base, c)| (base, &c.postings[n])));
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
pub(super) fn join_chars<'c>(chunks: impl Iterator<Item = (u32, &'c ChunkPostings)>, n: usize) -> (Vec<u8>, Vec<char>) {
    let entries = merge(chunks.map(|(base, c)| (base, &c.chars[n])));
    let chars = entries.iter().filter_map(|(t, _)| t.chars().next()).collect();
    (encode_shard(&entries), chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{ShardEntry, decode_positions, decode_shard};

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
}
