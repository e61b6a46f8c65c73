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

mod cache;
mod document;
pub mod fold;
mod index;
mod layout;
mod shard;
pub mod tokens;

pub use cache::IndexCache;
pub use document::{Document, document_file, documents, documents_in_parallel};
pub use index::SearchIndex;
pub use layout::{Layout, layout};
pub use shard::{PositionsEntry, ShardEntry, decode_positions, decode_shard};
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

/// Positions take a few times the bytes of postings: they are cut into this
/// many times as many files, so that a pair's positions cost about what its postings do.
const POSITION_FILES_PER_SHARD: usize = 4;

/// At most this many files of character folds.
const MAX_FOLD_FILES: usize = 16;

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
}
