//! Building the index again after an edit: each document's tokens, and each
//! run of documents' postings, kept from the last build, so that only the
//! documents that changed are tokenised again.
//!
//! Tokenising is most of a build (folding, cutting into pairs, counting), and
//! an edit changes one article of thousands. The index's bytes do not depend
//! on how the documents are cut into chunks (the chunks' postings are joined
//! in document order, then sorted by token), so the cache cuts them where
//! their content says rather than every 256 documents: an article added or
//! removed changes the chunk it falls in, not every chunk after it. Chunks number their documents from 0, and the join adds the
//! number of their first, so a chunk whose documents moved is still reused.

use std::sync::Arc;

use ahash::AHashMap as HashMap;

use super::index::{ChunkPostings, Postings, Seen, add_posting, by_shard, join_chars, join_shard, weighted_tokens};
use super::{Document, SearchIndex, Token};

/// A chunk ends after a document whose hash has these bits all set: chunks of
/// about 256 documents, as a fresh build cuts them, wherever they stand.
const CUT_MASK: u64 = 0xff;

/// ... or after this many documents at most, should a run of hashes miss the mask.
const MAX_CHUNK: usize = 1024;

/// One document's tokens, with the fields they came from: a document is known
/// to be unchanged by its fields being equal, not by its hash alone, so a
/// collision can cost a tokenisation but never a wrong index.
struct CachedDoc {
    title: Box<str>,
    about: Box<str>,
    text: Box<str>,
    tokens: Vec<(Token, Seen)>,
}

impl CachedDoc {
    fn holds(&self, doc: &Document<'_>) -> bool {
        *self.text == *doc.text && *self.title == *doc.title && *self.about == *doc.about
    }
}

/// The postings of one chunk, its documents numbered from 0, and the
/// documents themselves: holding them keeps their addresses, which key the
/// chunk, from being reused by other documents while the chunk is cached.
struct CachedChunk {
    // Held rather than read (tests aside): it is what makes the key sound.
    #[allow(dead_code)]
    docs: Vec<Arc<CachedDoc>>,
    postings: ChunkPostings,
}

/// What a chunk is made of: the number of postings files, and its documents'
/// entries in the cache, by address (each entry is immutable, and held by the
/// chunk, so an address names one content for as long as the key exists).
type ChunkKey = (usize, Vec<usize>);

/// What [`SearchIndex::build_cached`] keeps from one build for the next: each
/// document's tokens and each chunk's postings. It holds only what the last
/// build used, so it stays the size of the site's index, however many edits.
#[derive(Default)]
pub struct TokenCache {
    /// Hashes documents' fields; seeded per cache, as the hashes are not kept anywhere else.
    hasher: ahash::RandomState,
    docs: HashMap<u64, Arc<CachedDoc>>,
    chunks: HashMap<ChunkKey, Arc<CachedChunk>>,
}

impl TokenCache {
    /// How many documents' tokens the cache holds.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// How many chunks' postings the cache holds.
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }
}

impl SearchIndex {
    /// [`SearchIndex::build_sequential`], reusing what `cache` kept of the
    /// last build: the tokens of documents whose title, about and text are
    /// unchanged, and the postings of runs of them. The bytes are those of a
    /// fresh build of the same `docs`, which must be numbered 0, 1, … in order, as
    /// [`documents`](super::documents) numbers them. Afterwards the cache holds what
    /// this build used, and nothing else.
    pub fn build_cached(docs: &[Document<'_>], shards: usize, cache: &mut TokenCache) -> SearchIndex {
        let shards = shards.max(1);
        let mut kept_docs: HashMap<u64, Arc<CachedDoc>> = HashMap::with_capacity(docs.len());
        let mut kept_chunks: HashMap<ChunkKey, Arc<CachedChunk>> = HashMap::new();
        // Each chunk with the number of its first document.
        let mut chunks: Vec<(u32, Arc<CachedChunk>)> = Vec::new();
        let mut run: Vec<Arc<CachedDoc>> = Vec::new();
        let mut first = 0;
        let timer = crate::timing::PhaseTimer::from_env();
        for (i, doc) in docs.iter().enumerate() {
            let hash = cache.hasher.hash_one((&*doc.title, &*doc.about, doc.text));
            let cached = match cache.docs.get(&hash).or_else(|| kept_docs.get(&hash)) {
                Some(entry) if entry.holds(doc) => Arc::clone(entry),
                _ => Arc::new(CachedDoc {
                    title: doc.title.as_str().into(),
                    about: doc.about.as_str().into(),
                    text: doc.text.into(),
                    tokens: weighted_tokens(doc),
                }),
            };
            // On a collision within this build the later document wins; the other is tokenised again next time.
            kept_docs.insert(hash, Arc::clone(&cached));
            if run.is_empty() {
                first = doc.number;
            }
            // The chunk's numbering from 0 assumes the documents are numbered in order, as `documents` numbers them.
            debug_assert_eq!(doc.number, first + run.len());
            run.push(cached);
            if hash & CUT_MASK == CUT_MASK || run.len() == MAX_CHUNK || i + 1 == docs.len() {
                let key: ChunkKey = (shards, run.iter().map(|d| Arc::as_ptr(d) as usize).collect());
                let chunk = match cache.chunks.get(&key).or_else(|| kept_chunks.get(&key)) {
                    Some(chunk) => Arc::clone(chunk),
                    None => Arc::new(CachedChunk {
                        postings: chunk_postings(&run, shards),
                        docs: std::mem::take(&mut run),
                    }),
                };
                run.clear();
                kept_chunks.insert(key, Arc::clone(&chunk));
                chunks.push((u32::try_from(first).unwrap_or(u32::MAX), chunk));
            }
        }
        // What this build did not use goes: the old maps are dropped here.
        cache.docs = kept_docs;
        cache.chunks = kept_chunks;
        timer.lap("search index: tokens (cached)");
        let joined: Vec<_> = (0..shards)
            .map(|n| join_shard(chunks.iter().map(|(base, c)| (*base, &c.postings)), n, shards))
            .collect();
        let chars: Vec<_> = (0..shards)
            .map(|n| join_chars(chunks.iter().map(|(base, c)| (*base, &c.postings)), n))
            .collect();
        let index = SearchIndex::assemble(joined, chars, shards, docs.len());
        timer.lap("search index: join");
        index
    }
}

/// The postings of a chunk of cached documents, numbered from 0.
fn chunk_postings(docs: &[Arc<CachedDoc>], shards: usize) -> ChunkPostings {
    let mut postings: HashMap<Token, Postings> = HashMap::new();
    for (number, doc) in docs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        for (token, seen) in &doc.tokens {
            let p = match postings.get_mut(token) {
                Some(p) => p,
                None => postings.entry(token.clone()).or_default(),
            };
            add_posting(p, number, token.is_pair(), seen);
        }
    }
    by_shard(postings, shards)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchPart, ShardSet};

    fn docs<'a>(articles: &'a [(String, String, String)]) -> Vec<Document<'a>> {
        articles
            .iter()
            .enumerate()
            .map(|(number, (title, about, text))| Document {
                number,
                title: title.clone(),
                about: about.clone(),
                text,
            })
            .collect()
    }

    /// Every file of `a` and `b`, meta.json included, is the same.
    fn assert_same(a: &SearchIndex, b: &SearchIndex, shards: usize, step: &str) {
        assert_eq!(a.file(SearchPart::Meta), b.file(SearchPart::Meta), "{step}: meta.json");
        for set in ShardSet::ALL {
            for n in 0..set.files(shards) {
                assert!(a.file_of(set, n) == b.file_of(set, n), "{step}: {}", set.path(n));
            }
        }
    }

    fn article(n: usize) -> (String, String, String) {
        let towns = ["周浦镇", "康桥镇", "航头镇", "新场镇", "惠南镇"];
        let town = towns[n % towns.len()];
        (
            format!("{town}“老伙伴”计划第{n}期\n河长制巡河"),
            format!("浦东新区\n{town}\n民生"),
            format!(
                "{town}第{n}批“老伙伴”计划志愿者{}名结对独居老人。河长制落实以来，全镇{}条河道完成整治，\
                 水质达到Ⅲ类，整治长度{}.5公里，投入资金{}万元。",
                n * 3 + 12,
                n % 40 + 1,
                n % 17 + 2,
                n * 7 % 900 + 100
            ),
        )
    }

    #[test]
    fn a_cached_build_after_each_edit_is_a_fresh_build_byte_for_byte() {
        // One cache through both rounds: a change in the number of shards is an edit too.
        let mut cache = TokenCache::default();
        for shards in [1, 8] {
            let mut articles: Vec<_> = (0..1500).map(article).collect();
            let mut step = |articles: &[(String, String, String)], name: &str| {
                let docs = docs(articles);
                let cached = SearchIndex::build_cached(&docs, shards, &mut cache);
                assert_same(&cached, &SearchIndex::build(&docs, shards), shards, name);
                assert_eq!(cache.documents(), articles.len(), "{name}: one entry per document");
            };
            step(&articles, "first build");
            step(&articles, "no change");
            articles[700].2.push_str("周浦镇新增养老床位120张，覆盖率达到98%。");
            step(&articles, "body edit");
            articles.insert(333, article(9001));
            step(&articles, "article added in the middle");
            articles.insert(0, article(9002));
            step(&articles, "article added first");
            articles.remove(1200);
            step(&articles, "article removed");
            articles[42].0 = "河长制：周浦镇河道整治2.8公里".to_string();
            step(&articles, "title changed");
            articles.swap(10, 1100);
            step(&articles, "two articles swapped");
        }
    }

    #[test]
    fn the_cache_keeps_nothing_of_documents_that_are_gone() {
        let mut articles: Vec<_> = (0..600).map(article).collect();
        let mut cache = TokenCache::default();
        let _ = SearchIndex::build_cached(&docs(&articles), 4, &mut cache);
        assert_eq!(cache.documents(), 600);
        let chunks = cache.chunks();
        articles.truncate(100);
        articles[3].2 = "河长制巡河记录：周浦镇本月巡河45次。".to_string();
        let index = SearchIndex::build_cached(&docs(&articles), 4, &mut cache);
        assert_same(&index, &SearchIndex::build(&docs(&articles), 4), 4, "after removals");
        assert_eq!(cache.documents(), 100);
        assert!(cache.chunks() <= chunks && cache.chunks() >= 1);
        // Every entry is of a document of this build: none of the 500 removed, nor article 3 before its edit.
        assert!(cache.docs.values().all(|d| {
            articles
                .iter()
                .any(|(title, about, text)| *d.title == **title && *d.about == **about && *d.text == **text)
        }));
        assert!(
            cache
                .chunks
                .values()
                .all(|c| c.docs.iter().all(|d| cache.docs.values().any(|e| Arc::ptr_eq(d, e))))
        );
        let _ = SearchIndex::build_cached(&[], 4, &mut cache);
        assert_eq!((cache.documents(), cache.chunks()), (0, 0));
    }

    #[test]
    fn identical_documents_share_one_entry() {
        let articles = vec![article(1), article(1), article(2)];
        let mut cache = TokenCache::default();
        let index = SearchIndex::build_cached(&docs(&articles), 2, &mut cache);
        assert_same(&index, &SearchIndex::build(&docs(&articles), 2), 2, "duplicates");
        assert_eq!(cache.documents(), 2);
    }
}
