//! Which articles the search index holds, and into how many shards it is
//! cut: worked out once per site, for the render plan and the build.

use crate::site::Site;
use crate::taxonomy::ArticleId;

/// Bytes of indexed text per shard. Postings take roughly a third of the text's
/// size, so a shard stays near 20 KB before compression: one pair's shard is a
/// small download even on a 10,000-article site.
const TEXT_PER_SHARD: usize = 64 * 1024;

/// Enough shards for a city's archive; more would only add files.
const MAX_SHARDS: usize = 4096;

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
