//! Building the index again after an edit, in place: the joined postings of
//! the last build are kept, and the documents that changed are taken out of
//! them and put back in as they are now, so that only the files their tokens
//! fall in are encoded again.
//!
//! An edit changes one article of thousands, and tokenising, joining and
//! encoding every article again is most of a second; taking one out and
//! putting it back is a few thousand tokens. The bytes are those of a fresh
//! build, since each token's postings are a function of the documents that
//! hold it, in document order, however they came to be there. Articles added,
//! removed or moved (a new date) renumber the documents after them: the
//! numbers are mapped, in order, which keeps every list sorted.
//!
//! Which documents changed is told by a fingerprint of each, compared with the
//! last build's; the last build's documents are kept to find what to take out
//! (their text is shared with the articles, so keeping them costs little).

use ahash::AHashMap as HashMap;
use rayon::prelude::*;

use super::index::{Entries, IndexFile, Seen, chars_of, encode_postings_file, joined, weighted_tokens};
use super::shard::encode_shard;
use super::{Document, SearchIndex, Token, shard_of};

/// At most this many documents taken out and put in: past it, the index is
/// made afresh, which takes about as long (a change of `site.yaml`'s
/// districts, or many files at once).
const MAX_CHANGES: usize = 256;

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
    /// The fingerprint of a text.
    fn text(&self, text: &str) -> Fingerprint {
        (u128::from(self.0[0].hash_one(text)) << 64) | u128::from(self.0[1].hash_one(text))
    }

    /// The fingerprint of a document whose text has the fingerprint `text`.
    fn document(&self, doc: &Document, text: Fingerprint) -> Fingerprint {
        // Each str is hashed with a 0xff after it, which UTF-8 never holds: the fields cannot run together.
        let fields = (&*doc.title, &*doc.about, text);
        (u128::from(self.0[0].hash_one(fields)) << 64) | u128::from(self.0[1].hash_one(fields))
    }
}

/// Each document's fingerprint and its text's. A text the last build had,
/// the very same string (an article not read again since), is not hashed
/// again: the cache holds those strings, so no other can have taken their
/// place in memory.
fn fingerprints(docs: &[Document], keys: &Keys, last: Option<&Live>) -> (Vec<Fingerprint>, Vec<Fingerprint>) {
    let known: HashMap<usize, Fingerprint> = last
        .map(|live| {
            live.docs
                .iter()
                .zip(&live.texts)
                .map(|(doc, &print)| (doc.text.as_ptr().addr(), print))
                .collect()
        })
        .unwrap_or_default();
    docs.par_iter()
        .map(|doc| {
            let text = match known.get(&doc.text.as_ptr().addr()) {
                // The same address: the same allocation, which is never changed.
                Some(&print) if !doc.text.is_empty() => print,
                _ => keys.text(&doc.text),
            };
            (keys.document(doc, text), text)
        })
        .unzip()
}

/// What [`SearchIndex::build_cached`] keeps from one build for the next: the
/// last index, with the joined postings it was encoded from and the
/// documents it was made of. It holds only the last build's, however many edits.
#[derive(Default)]
pub struct IndexCache {
    keys: Keys,
    live: Option<Live>,
}

/// The last index, and what it was made from.
struct Live {
    shards: usize,
    docs: Vec<Document>,
    prints: Vec<Fingerprint>,
    /// The fingerprints of the documents' texts.
    texts: Vec<Fingerprint>,
    /// By postings file, its pairs' and words' postings, sorted by token.
    postings: Vec<Entries>,
    /// By characters file, its characters' postings, sorted.
    chars: Vec<Entries>,
    index: SearchIndex,
}

impl IndexCache {
    /// Whether the cache holds no index yet.
    pub fn is_empty(&self) -> bool {
        self.live.is_none()
    }

    /// How many documents the index it holds was made of.
    pub fn documents(&self) -> usize {
        self.live.as_ref().map_or(0, |live| live.docs.len())
    }
}

impl SearchIndex {
    /// The index of `docs` on every core of the rayon pool it is called in,
    /// made by changing the one `cache` kept, when the documents that differ
    /// are few. The bytes are those of a fresh build of the same `docs`, which
    /// must be numbered 0, 1, … in order, as [`documents`](super::documents)
    /// numbers them. Afterwards the cache holds this index.
    pub fn build_cached(docs: Vec<Document>, shards: usize, cache: &mut IndexCache) -> SearchIndex {
        let shards = shards.max(1);
        let timer = crate::timing::PhaseTimer::from_env();
        let (prints, texts) = fingerprints(&docs, &cache.keys, cache.live.as_ref());
        let docs = match cache.live.as_mut().filter(|live| live.shards == shards) {
            Some(live) => {
                let change = Change::between(&live.prints, &prints);
                if change.len() <= MAX_CHANGES && live.apply(&change, &docs) {
                    live.docs = docs;
                    live.prints = prints;
                    live.texts = texts;
                    timer.lap("search index: changed in place");
                    return live.index.clone();
                }
                docs
            }
            None => docs,
        };
        // Dropped first: a fresh build does not need it, and it is the size of the index.
        cache.live = None;
        let live = Live::fresh(docs, prints, texts, shards);
        timer.lap("search index: made afresh");
        let index = live.index.clone();
        cache.live = Some(live);
        index
    }
}

/// How one list of documents became another: which of the old are gone,
/// which of the new are new, and the new number of each old one kept.
#[derive(Debug, PartialEq)]
struct Change {
    removed: Vec<usize>,
    added: Vec<usize>,
    /// By old number, the new one; `u32::MAX` for those removed. Empty
    /// when every document kept its number.
    renumbered: Vec<u32>,
}

impl Change {
    /// The change from the documents fingerprinted `old` to those `new`,
    /// keeping as many as can keep their order.
    fn between(old: &[Fingerprint], new: &[Fingerprint]) -> Change {
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
        let kept = kept_in_order(&old[prefix..old_end], &new[prefix..new_end]);
        let mut old_kept = vec![false; old_end - prefix];
        let mut new_kept = vec![false; new_end - prefix];
        for &(o, n) in &kept {
            old_kept[o] = true;
            new_kept[n] = true;
        }
        let same_numbers = old.len() == new.len() && kept.iter().all(|(o, n)| o == n);
        let renumbered = if same_numbers {
            Vec::new()
        } else {
            let as_number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let mut map = vec![u32::MAX; old.len()];
            for (n, slot) in map[..prefix].iter_mut().enumerate() {
                *slot = as_number(n);
            }
            for &(o, n) in &kept {
                map[prefix + o] = as_number(prefix + n);
            }
            for k in 0..suffix {
                map[old_end + k] = as_number(new_end + k);
            }
            map
        };
        Change {
            removed: (0..old_kept.len())
                .filter(|&o| !old_kept[o])
                .map(|o| prefix + o)
                .collect(),
            added: (0..new_kept.len())
                .filter(|&n| !new_kept[n])
                .map(|n| prefix + n)
                .collect(),
            renumbered,
        }
    }

    /// How many documents are taken out or put in.
    fn len(&self) -> usize {
        self.removed.len() + self.added.len()
    }
}

/// The most pairs (old place, new place) of equal fingerprints that stand in
/// the same order in both lists: the k-th of a fingerprint among the new
/// matches its k-th among the old, and the longest increasing run of those
/// matches is kept (patience sorting, n log n).
fn kept_in_order(old: &[Fingerprint], new: &[Fingerprint]) -> Vec<(usize, usize)> {
    let mut places: HashMap<Fingerprint, std::collections::VecDeque<usize>> = HashMap::new();
    for (o, print) in old.iter().enumerate() {
        places.entry(*print).or_default().push_back(o);
    }
    let matches: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(n, print)| Some((places.get_mut(print)?.pop_front()?, n)))
        .collect();
    // tails[k]: the match ending the best increasing run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; matches.len()];
    for (i, &(o, _)) in matches.iter().enumerate() {
        let k = tails.partition_point(|&t| matches[t].0 < o);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(matches[i]);
        at = before[i];
    }
    run.reverse();
    run
}

impl Live {
    /// The index of `docs` made from nothing, with what an edit will change.
    fn fresh(docs: Vec<Document>, prints: Vec<Fingerprint>, texts: Vec<Fingerprint>, shards: usize) -> Live {
        let (postings, chars) = joined(&docs, shards);
        let index = encode(&postings, &chars, docs.len(), None);
        Live {
            shards,
            docs,
            prints,
            texts,
            postings,
            chars,
            index,
        }
    }

    /// Changes the postings by `change` into those of `docs`, and encodes the
    /// files that changed; the caller then puts `docs` in the place of the
    /// last documents. `false` when the postings do not hold what the last
    /// documents say they should; the index is then to be made afresh.
    fn apply(&mut self, change: &Change, docs: &[Document]) -> bool {
        let mut touched = Touched::new(self.shards);
        let done = if change.renumbered.is_empty() {
            // Documents edited in place: only the tokens whose postings differ are touched.
            change.added.iter().all(|&n| {
                let (Some(old), Some(new)) = (self.docs.get(n), docs.get(n)) else {
                    return false;
                };
                let (old, new) = (weighted_tokens(old), weighted_tokens(new));
                let mut old = old.into_iter().peekable();
                let mut new = new.into_iter().peekable();
                let mut diff: Vec<(Token, Option<Seen>)> = Vec::new();
                loop {
                    match (old.peek(), new.peek()) {
                        (Some(a), Some(b)) if a.0 == b.0 => {
                            let (a, b) = (old.next(), new.next());
                            if let (Some((token, was)), Some((_, now))) = (a, b)
                                && (was.weight != now.weight || was.positions != now.positions)
                            {
                                diff.push((token.clone(), None));
                                diff.push((token, Some(now)));
                            }
                        }
                        (Some(a), Some(b)) if a.0 < b.0 => diff.extend(old.next().map(|(t, _)| (t, None))),
                        (Some(_), None) => diff.extend(old.next().map(|(t, _)| (t, None))),
                        (_, Some(_)) => diff.extend(new.next().map(|(t, s)| (t, Some(s)))),
                        (None, None) => break,
                    }
                }
                let number = u32::try_from(n).unwrap_or(u32::MAX);
                diff.into_iter().all(|(token, seen)| match seen {
                    None => self.take_out(&token, number, &mut touched),
                    Some(seen) => self.put_in(&token, number, &seen, &mut touched),
                })
            })
        } else {
            self.renumber(change, docs, &mut touched)
        };
        if !done {
            return false;
        }
        self.index = encode(&self.postings, &self.chars, docs.len(), Some((&self.index, &touched)));
        true
    }

    /// Takes the documents `change` removes out, renumbers those it keeps,
    /// and puts those it adds in, from `docs`; `false` as [`Live::apply`].
    fn renumber(&mut self, change: &Change, docs: &[Document], touched: &mut Touched) -> bool {
        for &o in &change.removed {
            let Some(doc) = self.docs.get(o) else { return false };
            let number = u32::try_from(o).unwrap_or(u32::MAX);
            if !weighted_tokens(doc)
                .iter()
                .all(|(token, _)| self.take_out(token, number, touched))
            {
                return false;
            }
        }
        let map = &change.renumbered;
        self.postings
            .par_iter_mut()
            .chain(self.chars.par_iter_mut())
            .for_each(|entries| {
                for (_, p) in entries.iter_mut() {
                    for d in &mut p.docs {
                        *d = map.get(*d as usize).copied().unwrap_or(u32::MAX);
                    }
                }
            });
        *touched = Touched::all(self.shards);
        change.added.iter().all(|&n| {
            let number = u32::try_from(n).unwrap_or(u32::MAX);
            docs.get(n).is_some_and(|doc| {
                weighted_tokens(doc)
                    .iter()
                    .all(|(token, seen)| self.put_in(token, number, seen, touched))
            })
        })
    }

    /// Takes document `number` out of `token`'s postings, and the token out
    /// of the index when no other document holds it; `false` when it was not there.
    fn take_out(&mut self, token: &Token, number: u32, touched: &mut Touched) -> bool {
        let (entries, at) = self.entry(token, touched);
        let Ok(i) = at else { return false };
        if !entries[i].1.remove(number, token.is_pair()) {
            return false;
        }
        if entries[i].1.docs.is_empty() {
            entries.remove(i);
        }
        true
    }

    /// Puts document `number`'s `seen` of `token` in the token's postings,
    /// new ones if it had none; `false` when the document was there already.
    fn put_in(&mut self, token: &Token, number: u32, seen: &Seen, touched: &mut Touched) -> bool {
        let (entries, at) = self.entry(token, touched);
        let i = at.unwrap_or_else(|i| {
            entries.insert(i, (token.text(), Default::default()));
            i
        });
        entries[i].1.insert(number, token.is_pair(), seen)
    }

    /// The entries of the file `token` belongs in, marked as touched, and
    /// where `token` is among them (or would be).
    fn entry(&mut self, token: &Token, touched: &mut Touched) -> (&mut Entries, Result<usize, usize>) {
        let text = token.text();
        let n = shard_of(&text, self.shards);
        let entries = match token {
            Token::Char(_) => {
                touched.chars[n] = true;
                &mut self.chars[n]
            }
            _ => {
                touched.postings[n] = true;
                &mut self.postings[n]
            }
        };
        let at = entries.binary_search_by(|(t, _)| t.as_str().cmp(&text));
        (entries, at)
    }
}

/// The index of `postings` and `chars` (by file) of `documents` documents:
/// with `last`, only the files touched encoded again, the others shared.
fn encode(
    postings: &[Entries],
    chars: &[Entries],
    documents: usize,
    last: Option<(&SearchIndex, &Touched)>,
) -> SearchIndex {
    let shards = postings.len();
    let joined: Vec<(IndexFile, Vec<IndexFile>)> = (0..shards)
        .into_par_iter()
        .map(|n| match last {
            Some((index, touched)) if !touched.postings[n] => (
                index.postings[n].clone(),
                (0..super::POSITION_FILES_PER_SHARD)
                    .map(|k| index.positions[n + k * shards].clone())
                    .collect(),
            ),
            _ => encode_postings_file(&postings[n], shards),
        })
        .collect();
    let chars: Vec<(IndexFile, Vec<char>)> = chars
        .par_iter()
        .enumerate()
        .map(|(n, entries)| {
            let file = match last {
                Some((index, touched)) if !touched.chars[n] => index.chars[n].clone(),
                _ => IndexFile::new(encode_shard(entries)),
            };
            (file, chars_of(entries))
        })
        .collect();
    SearchIndex::assemble(joined, chars, shards, documents)
}

/// Which files a change touched.
struct Touched {
    postings: Vec<bool>,
    chars: Vec<bool>,
}

impl Touched {
    fn new(shards: usize) -> Touched {
        Touched {
            postings: vec![false; shards],
            chars: vec![false; shards],
        }
    }

    fn all(shards: usize) -> Touched {
        Touched {
            postings: vec![true; shards],
            chars: vec![true; shards],
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::search::{SearchPart, ShardSet};

    fn docs(articles: &[(String, String, String)]) -> Vec<Document> {
        articles
            .iter()
            .enumerate()
            .map(|(number, (title, about, text))| Document {
                number,
                title: title.clone(),
                about: about.clone(),
                text: text.as_str().into(),
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
        let mut cache = IndexCache::default();
        for shards in [1, 8] {
            let mut articles: Vec<_> = (0..1500).map(article).collect();
            let mut step = |articles: &[(String, String, String)], name: &str| {
                let docs = docs(articles);
                let cached = SearchIndex::build_cached(docs.clone(), shards, &mut cache);
                assert_same(&cached, &SearchIndex::build(&docs, shards), shards, name);
                assert_eq!(cache.documents(), articles.len(), "{name}");
                cached
            };
            let _ = step(&articles, "first build");
            let before = step(&articles, "no change");
            articles[700].2 = articles[700].2.replace("万元。", "万元整。");
            let after = step(&articles, "one word changed");
            articles[700].2.push_str("周浦镇新增养老床位120张，覆盖率达到98%。");
            let _ = step(&articles, "body edit");
            if shards > 1 {
                // Changed in place: the files the edit did not touch are the same bytes, shared.
                let shared = (0..shards)
                    .filter(|&n| Arc::ptr_eq(&before.postings[n].bytes, &after.postings[n].bytes))
                    .count();
                assert!(shared > 0, "no file shared after a body edit");
            }
            articles.insert(333, article(9001));
            let _ = step(&articles, "article added in the middle");
            articles.insert(0, article(9002));
            let _ = step(&articles, "article added first");
            articles.remove(1200);
            let _ = step(&articles, "article removed");
            articles[42].0 = "河长制：周浦镇河道整治2.8公里".to_string();
            let _ = step(&articles, "title changed");
            articles.swap(10, 1100);
            let _ = step(&articles, "two articles swapped");
        }
    }

    #[test]
    fn the_cache_keeps_only_the_last_documents() {
        let mut articles: Vec<_> = (0..600).map(article).collect();
        let mut cache = IndexCache::default();
        let _ = SearchIndex::build_cached(docs(&articles), 4, &mut cache);
        assert_eq!(cache.documents(), 600);
        articles.truncate(100);
        articles[3].2 = "河长制巡河记录：周浦镇本月巡河45次。".to_string();
        let index = SearchIndex::build_cached(docs(&articles), 4, &mut cache);
        assert_same(&index, &SearchIndex::build(&docs(&articles), 4), 4, "after removals");
        assert_eq!(cache.documents(), 100);
        let _ = SearchIndex::build_cached(Vec::new(), 4, &mut cache);
        assert_eq!(cache.documents(), 0);
        assert!(!cache.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Any run of edits, additions, removals and moves, a few at a time
        /// or many at once, gives a fresh build's bytes.
        #[test]
        fn any_run_of_changes_gives_a_fresh_build(
            steps in proptest::collection::vec(
                proptest::collection::vec((0u8..4, 0usize..1000, 0usize..1000), 1..6),
                1..6,
            ),
            many in proptest::bool::ANY,
        ) {
            let mut articles: Vec<_> = (0..300).map(article).collect();
            let mut cache = IndexCache::default();
            let _ = SearchIndex::build_cached(docs(&articles), 4, &mut cache);
            for (k, step) in steps.iter().enumerate() {
                for &(kind, a, b) in step.iter().cycle().take(if many { 300 } else { step.len() }) {
                    let (a, b) = (a % articles.len().max(1), b % articles.len().max(1));
                    match kind {
                        0 if !articles.is_empty() => articles[a].2.push_str(&format!("康桥镇新增{b}个停车位。")),
                        1 => articles.insert(a, article(2000 + b)),
                        2 if !articles.is_empty() => drop(articles.remove(a)),
                        _ if !articles.is_empty() => {
                            let moved = articles.remove(a);
                            articles.insert(b.min(articles.len()), moved);
                        }
                        _ => {}
                    }
                }
                let docs = docs(&articles);
                let cached = SearchIndex::build_cached(docs.clone(), 4, &mut cache);
                assert_same(&cached, &SearchIndex::build(&docs, 4), 4, &format!("step {k}"));
            }
        }
    }

    #[test]
    fn a_change_keeps_every_document_it_can_in_order() {
        let change = |old: &[u128], new: &[u128]| Change::between(old, new);
        // A body edit: one out, one in, at the same number; nothing renumbered.
        assert_eq!(
            change(&[1, 2, 3, 4], &[1, 2, 9, 4]),
            Change {
                removed: vec![2],
                added: vec![2],
                renumbered: vec![],
            }
        );
        // A new article, newest first: every other moves down one.
        assert_eq!(
            change(&[1, 2, 3], &[9, 1, 2, 3]),
            Change {
                removed: vec![],
                added: vec![0],
                renumbered: vec![1, 2, 3],
            }
        );
        // An article given an older date: it alone goes out and comes back in.
        assert_eq!(
            change(&[1, 2, 3, 4, 5], &[2, 3, 4, 1, 5]),
            Change {
                removed: vec![0],
                added: vec![3],
                renumbered: vec![u32::MAX, 0, 1, 2, 4],
            }
        );
        // The same document twice: the k-th of the new is the k-th of the old.
        assert_eq!(change(&[7, 7, 8], &[7, 8]).removed, vec![1]);
        assert_eq!(change(&[], &[1, 2]).added, vec![0, 1]);
        assert_eq!(change(&[1, 2], &[]).removed, vec![0, 1]);
    }

    #[test]
    fn identical_documents_are_told_apart_by_their_place() {
        let articles = vec![article(1), article(1), article(2)];
        let mut cache = IndexCache::default();
        let index = SearchIndex::build_cached(docs(&articles), 2, &mut cache);
        assert_same(&index, &SearchIndex::build(&docs(&articles), 2), 2, "duplicates");
        let articles = vec![article(1), article(2)];
        let index = SearchIndex::build_cached(docs(&articles), 2, &mut cache);
        assert_same(
            &index,
            &SearchIndex::build(&docs(&articles), 2),
            2,
            "one of two alike removed",
        );
    }
}
