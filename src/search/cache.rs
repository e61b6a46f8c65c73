//! Building the index again after an edit: each run of documents' postings,
//! kept from the last build, so that only the chunks holding a document that
//! changed are tokenised again.
//!
//! Tokenising is most of a build (folding, cutting into pairs, counting), and
//! an edit changes one article of thousands. The index's bytes do not depend
//! on how the documents are cut into chunks (the chunks' postings are joined
//! in document order, then sorted by token), so the cache cuts them where
//! their content says rather than every 256 documents: an article added or
//! removed changes the chunk it falls in, not every chunk after it. Chunks
//! number their documents from 0, and the join adds the number of their
//! first, so a chunk whose documents moved is still reused.
//!
//! Of each document the cache keeps only a fingerprint, not its tokens nor
//! its text: a chunk with a changed document is tokenised again whole (some
//! 128 documents, an eightieth of a 10,000-article site), which costs less time
//! than keeping every document's tokens costs memory.

use std::sync::Arc;

use ahash::AHashMap as HashMap;

use super::index::{ChunkPostings, chunk_postings_from, concat_chunks, join_chars, join_shard};
use super::{Document, SearchIndex};

/// A chunk ends after a document whose fingerprint has these bits all set:
/// chunks of about 128 documents, wherever they stand. Half a fresh build's
/// chunks: an edit tokenises the whole chunk again, and a smaller one is
/// quicker, for a little more memory (a token of several chunks is kept once in each).
const CUT_MASK: u128 = 0x7f;

/// ... or after this many documents at most, should a run of fingerprints miss the mask.
const MAX_CHUNK: usize = 512;

/// What a document is, for the cache: two independent 64-bit hashes of its
/// title, about and text, with keys drawn at random for each cache (SHA-256
/// would do as well, but costs some 30 ms a rebuild on 10,000 articles).
/// Equal fingerprints are taken for equal documents without comparing the
/// text: a chance collision of 128 keyed bits is not a risk worth a copy of
/// every article, and the keys being secret and new each run, a site's
/// articles cannot be written to collide.
type Fingerprint = u128;

/// The keys of [`Fingerprint`]s.
struct Keys([ahash::RandomState; 2]);

impl Default for Keys {
    fn default() -> Keys {
        Keys([ahash::RandomState::new(), ahash::RandomState::new()])
    }
}

impl Keys {
    fn fingerprint(&self, doc: &Document<'_>) -> Fingerprint {
        // Each str is hashed with a 0xff after it, which UTF-8 never holds: the fields cannot run together.
        let fields = (&*doc.title, &*doc.about, doc.text);
        (u128::from(self.0[0].hash_one(fields)) << 64) | u128::from(self.0[1].hash_one(fields))
    }
}

/// What a chunk is made of: the number of postings files, and its documents'
/// fingerprints in order.
type ChunkKey = (usize, Box<[Fingerprint]>);

/// What [`SearchIndex::build_cached`] keeps from one build for the next: each
/// chunk's postings, keyed by its documents' fingerprints. It holds only what
/// the last build used, so it stays the size of the site's index, however many edits.
#[derive(Default)]
pub struct TokenCache {
    keys: Keys,
    chunks: HashMap<ChunkKey, Arc<ChunkPostings>>,
}

impl TokenCache {
    /// How many different documents the cache knows (by fingerprint).
    pub fn documents(&self) -> usize {
        let mut seen = ahash::AHashSet::new();
        for (_, docs) in self.chunks.keys() {
            seen.extend(docs.iter().copied());
        }
        seen.len()
    }

    /// How many chunks' postings the cache holds.
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }
}

impl SearchIndex {
    /// The index of `docs` on every core of the rayon pool it is called in,
    /// reusing what `cache` kept of the last build: the postings of runs of
    /// documents whose title, about and text are unchanged. The bytes are those of a fresh build of the same
    /// `docs`, which must be numbered 0, 1, … in order, as
    /// [`documents`](super::documents) numbers them. Afterwards the cache holds what
    /// this build used, and nothing else.
    pub fn build_cached(docs: &[Document<'_>], shards: usize, cache: &mut TokenCache) -> SearchIndex {
        use rayon::prelude::*;
        let shards = shards.max(1);
        let timer = crate::timing::PhaseTimer::from_env();
        let cut = cut_chunks(docs, shards, &cache.keys);
        // The chunks the cache lacks are tokenised side by side.
        let mut missing: Vec<&(ChunkKey, std::ops::Range<usize>)> =
            cut.iter().filter(|(key, _)| !cache.chunks.contains_key(key)).collect();
        // Identical runs of documents (the same articles twice) are tokenised once.
        missing.sort_by(|a, b| a.0.cmp(&b.0));
        missing.dedup_by(|a, b| a.0 == b.0);
        // An edit leaves a chunk or two to tokenise: then each is cut in pieces, one a core.
        let pieces = if missing.len() < rayon::current_num_threads() {
            rayon::current_num_threads()
        } else {
            1
        };
        let made: HashMap<ChunkKey, Arc<ChunkPostings>> = missing
            .into_par_iter()
            .map(|(key, range)| {
                let base = docs[range.start].number;
                let step = range.len().div_ceil(pieces).max(1);
                let cut: Vec<std::ops::Range<usize>> = (range.start..range.end)
                    .step_by(step)
                    .map(|from| from..(from + step).min(range.end))
                    .collect();
                let postings = match cut.as_slice() {
                    [one] => chunk_postings_from(&docs[one.clone()], shards, base),
                    _ => concat_chunks(
                        cut.into_par_iter()
                            .map(|piece| chunk_postings_from(&docs[piece], shards, base))
                            .collect(),
                    ),
                };
                (key.clone(), Arc::new(postings))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let mut kept: HashMap<ChunkKey, Arc<ChunkPostings>> = HashMap::new();
        // Each chunk with the number of its first document.
        let mut chunks: Vec<(u32, Arc<ChunkPostings>)> = Vec::with_capacity(cut.len());
        for (key, range) in cut {
            let Some(postings) = cache.chunks.get(&key).or_else(|| made.get(&key)).cloned() else {
                continue;
            };
            chunks.push((
                u32::try_from(docs[range.start].number).unwrap_or(u32::MAX),
                Arc::clone(&postings),
            ));
            kept.insert(key, postings);
        }
        // What this build did not use goes: the old map is dropped here.
        cache.chunks = kept;
        timer.lap("search index: tokens (cached)");
        let joined: Vec<_> = (0..shards)
            .into_par_iter()
            .map(|n| join_shard(chunks.iter().map(|(base, c)| (*base, &**c)), n, shards))
            .collect();
        let chars: Vec<_> = (0..shards)
            .into_par_iter()
            .map(|n| join_chars(chunks.iter().map(|(base, c)| (*base, &**c)), n))
            .collect();
        let index = SearchIndex::assemble(joined, chars, shards, docs.len());
        timer.lap("search index: join");
        index
    }
}

/// `docs` cut into chunks where their fingerprints say: each chunk's key and
/// its documents' range.
fn cut_chunks(docs: &[Document<'_>], shards: usize, keys: &Keys) -> Vec<(ChunkKey, std::ops::Range<usize>)> {
    use rayon::prelude::*;
    // Hashing every document's text is most of the work: side by side.
    let prints: Vec<Fingerprint> = docs.par_iter().map(|doc| keys.fingerprint(doc)).collect();
    let mut cut = Vec::new();
    let mut run: Vec<Fingerprint> = Vec::new();
    let mut first = 0;
    for (i, (doc, &print)) in docs.iter().zip(&prints).enumerate() {
        if run.is_empty() {
            first = i;
        }
        // The chunk's numbering from 0 assumes the documents are numbered in order, as `documents` numbers them.
        debug_assert_eq!(doc.number, first + run.len());
        run.push(print);
        if print & CUT_MASK == CUT_MASK || run.len() == MAX_CHUNK || i + 1 == docs.len() {
            cut.push(((shards, std::mem::take(&mut run).into_boxed_slice()), first..i + 1));
        }
    }
    cut
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
        // Every fingerprint is of a document of this build: none of the 500 removed, nor article 3 before its edit.
        let prints: Vec<Fingerprint> = docs(&articles).iter().map(|d| cache.keys.fingerprint(d)).collect();
        assert!(
            cache
                .chunks
                .keys()
                .all(|(_, key)| key.iter().all(|p| prints.contains(p)))
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
