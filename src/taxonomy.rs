//! Tags, districts, towns and columns: each term with its slug and its
//! articles, newest first; and the related articles that share tags.
//!
//! Pure computation over the loaded articles: no I/O, no templates.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use ahash::AHashMap;

use crate::config::Config;
use crate::content::Article;
use crate::error::{Area, Diagnostic};
use crate::i18n::Message;
use crate::pinyin;
use crate::slug;

/// The position of an article in the site's newest-first list.
pub type ArticleId = usize;

/// The four ways articles are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaxonomyKind {
    Tags,
    Districts,
    Towns,
    Columns,
}

impl TaxonomyKind {
    /// All kinds, in the order indexes are listed.
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Districts,
        TaxonomyKind::Towns,
        TaxonomyKind::Columns,
        TaxonomyKind::Tags,
    ];

    /// The URL segment and template name: `tags`, `districts`, `towns`, `columns`.
    pub fn key(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Districts => "districts",
            TaxonomyKind::Towns => "towns",
            TaxonomyKind::Columns => "columns",
        }
    }

    /// The site path of the index of every term of this kind: `districts/`.
    pub fn index_path(self) -> String {
        format!("{}/", self.key())
    }

    /// What messages call one term of this kind: tag, district, town, column
    /// (标签, 区, 镇（街道）, 栏目).
    pub fn name(self) -> Message {
        crate::msg!("site-kind", kind = self.key())
    }

    /// The Chinese name readers see: 标签, 区, 镇, 栏目.
    pub fn label(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "标签",
            TaxonomyKind::Districts => "各区",
            TaxonomyKind::Towns => "镇",
            TaxonomyKind::Columns => "栏目",
        }
    }
}

/// One tag, district, town or column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Its articles, newest first.
    pub articles: Vec<ArticleId>,
}

/// The terms of one kind, in index order: pinyin order, except districts,
/// which keep site.yaml's order (an editor's deliberate choice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    pub terms: Vec<Term>,
    /// Each term's index, by name: every card looks up its terms, and a big
    /// archive has thousands of tags.
    by_name: HashMap<String, usize>,
}

impl Taxonomy {
    /// The taxonomy of `kind` made of `terms`, in index order.
    pub fn new(kind: TaxonomyKind, terms: Vec<Term>) -> Taxonomy {
        let by_name = terms.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        Taxonomy { kind, terms, by_name }
    }

    /// The term named `name`.
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.position(name).map(|i| &self.terms[i])
    }

    /// The index of the term named `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

/// All four taxonomies of a site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taxonomies {
    pub tags: Taxonomy,
    pub districts: Taxonomy,
    pub towns: Taxonomy,
    pub columns: Taxonomy,
}

impl Taxonomies {
    /// The taxonomy of one kind.
    pub fn get(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Tags => &self.tags,
            TaxonomyKind::Districts => &self.districts,
            TaxonomyKind::Towns => &self.towns,
            TaxonomyKind::Columns => &self.columns,
        }
    }
}

/// The address of every tag, town and column as a build published it: what a
/// later build compares with, so that it can say when one would move.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishedTerms {
    /// (kind, name) → slug.
    slugs: BTreeMap<(TaxonomyKind, String), String>,
}

/// The kinds whose slugs jianbao works out (districts take theirs from site.yaml).
const NAMED_KINDS: [TaxonomyKind; 3] = [TaxonomyKind::Tags, TaxonomyKind::Towns, TaxonomyKind::Columns];

impl PublishedTerms {
    /// The terms of a build.
    pub fn of(taxonomies: &Taxonomies) -> PublishedTerms {
        let slugs = NAMED_KINDS
            .iter()
            .flat_map(|&kind| {
                taxonomies
                    .get(kind)
                    .terms
                    .iter()
                    .map(move |t| ((kind, t.name.clone()), t.slug.clone()))
            })
            .collect();
        PublishedTerms { slugs }
    }

    /// One term a line: `tags\t民宿\tmin-su`.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for ((kind, name), slug) in &self.slugs {
            text.push_str(&format!("{}\t{name}\t{slug}\n", kind.key()));
        }
        text
    }

    /// Reads [`PublishedTerms::to_text`]; lines it cannot read are passed over.
    pub fn parse(text: &str) -> PublishedTerms {
        let slugs = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let (key, name, slug) = (parts.next()?, parts.next()?, parts.next()?);
                let kind = NAMED_KINDS.into_iter().find(|k| k.key() == key)?;
                Some(((kind, name.to_string()), slug.to_string()))
            })
            .collect();
        PublishedTerms { slugs }
    }
}

/// A term whose address is not the one a build published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedTerm {
    pub kind: TaxonomyKind,
    pub name: String,
    pub old_slug: String,
    pub new_slug: String,
    /// The term that has the old address now, and the article that used it first.
    pub taker: Option<(String, ArticleId)>,
    /// The article that used the moved term first.
    pub first_use: Option<ArticleId>,
}

/// Every term that `before` published at one address and that now has
/// another: a homophone first used earlier (an article dated back) took it.
pub fn moved_terms(before: &PublishedTerms, taxonomies: &Taxonomies) -> Vec<MovedTerm> {
    let mut moved = Vec::new();
    for kind in NAMED_KINDS {
        let taxonomy = taxonomies.get(kind);
        for term in &taxonomy.terms {
            let Some(old) = before.slugs.get(&(kind, term.name.clone())) else {
                continue;
            };
            if *old == term.slug {
                continue;
            }
            let taker = taxonomy
                .terms
                .iter()
                .find(|t| t.slug == *old)
                .and_then(|t| Some((t.name.clone(), *t.articles.last()?)));
            moved.push(MovedTerm {
                kind,
                name: term.name.clone(),
                old_slug: old.clone(),
                new_slug: term.slug.clone(),
                taker,
                first_use: term.articles.last().copied(),
            });
        }
    }
    moved
}

/// Groups the articles (already newest first) by tag, district, town and column.
/// Warns where two names had to be given distinct slugs.
pub fn build_taxonomies(articles: &[Arc<Article>], config: &Config) -> (Taxonomies, Vec<Diagnostic>) {
    // The kinds are independent: group them side by side.
    let ((tags, towns), (columns, districts)) = rayon::join(
        || {
            rayon::join(
                || group_by_name(TaxonomyKind::Tags, articles, config, |a| &a.front.tags),
                || group_by_name(TaxonomyKind::Towns, articles, config, |a| &a.front.towns),
            )
        },
        || {
            rayon::join(
                || group_by_name(TaxonomyKind::Columns, articles, config, |a| a.front.column.as_slice()),
                || group_districts(articles, config),
            )
        },
    );
    let (tags, tag_clashes) = tags;
    let (towns, town_clashes) = towns;
    let (columns, column_clashes) = columns;
    let warnings = tag_clashes
        .into_iter()
        .chain(town_clashes)
        .chain(column_clashes)
        .collect();
    (
        Taxonomies {
            tags,
            districts,
            towns,
            columns,
        },
        warnings,
    )
}

/// Each name with its articles (ids ascending: newest first), in order of first use.
type Members<'a> = Vec<(&'a str, Vec<ArticleId>)>;

/// Each name that `names` gives the articles, in order of first use, with its
/// articles (ids ascending: newest first), and where each name is in that list.
///
/// A hash map finds a name's place: a tree keyed by the names would compare
/// strings tens of thousands of times on a big site. aHash rather than std's
/// SipHash: the names are the site's own, and `serve` groups every article
/// again when one is added or removed.
fn members_by_name<'a>(
    articles: &'a [Arc<Article>],
    names: impl Fn(&'a Article) -> &'a [String],
) -> (Members<'a>, AHashMap<&'a str, usize>) {
    let mut members: Vec<(&str, Vec<ArticleId>)> = Vec::new();
    let mut places: AHashMap<&str, usize> = AHashMap::new();
    for (id, article) in articles.iter().enumerate() {
        for name in names(article) {
            let place = *places.entry(name.as_str()).or_insert_with(|| {
                members.push((name.as_str(), Vec::new()));
                members.len() - 1
            });
            members[place].1.push(id);
        }
    }
    (members, places)
}

fn group_by_name<'a>(
    kind: TaxonomyKind,
    articles: &'a [Arc<Article>],
    config: &Config,
    names: impl Fn(&'a Article) -> &'a [String],
) -> (Taxonomy, Vec<Diagnostic>) {
    let (members, places) = members_by_name(articles, names);
    // A name site.yaml gives its slug ranks first; the others by first use, so
    // that a homophone arriving later never takes the address of a term already published.
    let rank = |name: &str, ids: &[ArticleId]| {
        let pinned = config.slugs.contains_key(name);
        (!pinned, ids.last().map(|&id| articles[id].front.date))
    };
    // One reading for the URL, the order and the letter heading: a `slugs:`
    // entry that reads 庄行 as zhuang-hang also files it under hang. Read once
    // per name, by the name's place in `members`.
    let readings: Vec<pinyin::Reading> = members.iter().map(|&(name, _)| reading(name, config)).collect();
    let wanted = members
        .iter()
        .zip(&readings)
        .map(|(&(name, ref ids), reading)| (name, slug_of(name, reading), rank(name, ids)));
    let (slugs, clashes) = slug::assign_unique(wanted);
    let warnings = clashes
        .into_iter()
        .map(|group| {
            let first_user = places
                .get(group[0])
                .and_then(|&place| members[place].1.last())
                .map(|&id| articles[id].source.clone())
                .unwrap_or_default();
            let assigned: Vec<String> = group.iter().map(|n| format!("{n} → {}", slugs[n])).collect();
            Diagnostic::warning(
                Area::Content,
                first_user,
                0,
                0,
                crate::msg!(
                    "site-same-pinyin",
                    kind = kind.key(),
                    names = group.clone(),
                    urls = assigned,
                    first = group[0],
                ),
            )
            .with_hint(crate::msg!("site-same-pinyin-hint"))
        })
        .collect();
    // Each sort key worked out once, not at every comparison.
    let mut terms: Vec<(String, Term)> = members
        .into_iter()
        .zip(&readings)
        .map(|((name, ids), reading)| {
            let term = Term {
                name: name.to_string(),
                slug: slugs.get(name).cloned().unwrap_or_default(),
                articles: ids,
            };
            (reading.sort_key(name), term)
        })
        .collect();
    terms.sort_unstable_by(|a, b| (&a.0, &a.1.name).cmp(&(&b.0, &b.1.name)));
    let terms = terms.into_iter().map(|(_, term)| term).collect();
    (Taxonomy::new(kind, terms), warnings)
}

/// The slug a name asks for: its reading (which site.yaml's `slugs:` entry
/// spells when there is one), or its code points when nothing in it reads.
fn slug_of(name: &str, reading: &pinyin::Reading) -> String {
    let s = reading.slug();
    if !s.is_empty() {
        return s;
    }
    name.chars()
        .map(|c| format!("u{:x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// How a name reads: as site.yaml's `slugs:` entry spells it, else by word.
pub fn reading(name: &str, config: &Config) -> pinyin::Reading {
    match config.slugs.get(name) {
        Some(slug) => pinyin::Reading::of_slug(slug),
        None => pinyin::read(name),
    }
}

fn group_districts(articles: &[Arc<Article>], config: &Config) -> Taxonomy {
    let mut members = vec![Vec::new(); config.districts.len()];
    for (id, article) in articles.iter().enumerate() {
        members[article.front.district.index()].push(id);
    }
    let terms = config
        .districts
        .iter()
        .zip(members)
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(d, ids)| Term {
            name: d.name.clone(),
            slug: d.slug.clone(),
            articles: ids,
        })
        .collect();
    Taxonomy::new(TaxonomyKind::Districts, terms)
}

/// How many members of a tag on each side of an article (in date order) are
/// candidates for its related articles: the neighbours in time of a big tag,
/// rather than all its thousands of members, which would make the work grow
/// with the square of the archive.
const RELATED_WINDOW: usize = 60;

/// The members of a tag (ids, ascending) within [`RELATED_WINDOW`] of `id`'s place.
fn near_in_time(members: &[ArticleId], id: ArticleId) -> &[ArticleId] {
    let at = members.binary_search(&id).unwrap_or_else(|i| i);
    &members[at.saturating_sub(RELATED_WINDOW)..(at + RELATED_WINDOW + 1).min(members.len())]
}

/// For each article, up to `limit` others sharing the most tags with it among
/// its neighbours in time, newer first among equals.
///
/// Big tags have thousands of members, so scores are counted in a dense
/// per-thread array rather than a map: the work is the sum of the sizes of an
/// article's tags, with no allocation per article.
pub fn related_articles(articles: &[Arc<Article>], tags: &Taxonomy, limit: usize) -> Vec<Vec<ArticleId>> {
    use rayon::prelude::*;
    let members = members_by_tag(tags);
    articles
        .par_iter()
        .enumerate()
        .map_init(
            || Scores::new(articles.len()),
            |scores, (id, article)| scores.related(id, article, &members, limit),
        )
        .collect()
}

/// [`related_articles`] for `articles`, from the lists `before` worked out
/// for `then`, the articles of the last build: an article's list depends
/// only on its tags' members within [`RELATED_WINDOW`] of it, so only the
/// articles near a changed one in one of its tags are looked at again; the
/// rest keep their lists, renumbered. `None` when so much changed that
/// working out every list is as quick.
pub fn related_articles_since(
    then: &[Arc<Article>],
    before: &[Vec<ArticleId>],
    articles: &[Arc<Article>],
    tags: &Taxonomy,
    limit: usize,
) -> Option<Vec<Vec<ArticleId>>> {
    /// More changed articles than this, and every list is worked out again.
    const MOST_CHANGED: usize = 64;
    if then.len() != before.len() {
        return None;
    }
    let then_ids: AHashMap<*const Article, ArticleId> =
        then.iter().enumerate().map(|(id, a)| (Arc::as_ptr(a), id)).collect();
    let now_to_then: Vec<Option<ArticleId>> = articles
        .iter()
        .map(|a| then_ids.get(&Arc::as_ptr(a)).copied())
        .collect();
    let mut then_to_now: Vec<Option<ArticleId>> = vec![None; then.len()];
    for (now, then_id) in now_to_then.iter().enumerate() {
        if let Some(t) = then_id {
            then_to_now[*t] = Some(now);
        }
    }
    let added: Vec<ArticleId> = (0..articles.len()).filter(|&id| now_to_then[id].is_none()).collect();
    let gone: Vec<ArticleId> = (0..then.len()).filter(|&id| then_to_now[id].is_none()).collect();
    if added.len() + gone.len() > MOST_CHANGED {
        return None;
    }
    let members = members_by_tag(tags);
    let mut dirty = vec![false; articles.len()];
    let mut mark_near = |tag: &str, place: ArticleId| {
        let Some(list) = members.get(tag) else {
            // A tag no article has now: nobody's neighbours.
            return;
        };
        let at = list.binary_search(&place).unwrap_or_else(|i| i);
        // One more than the window on each side: a member entering or leaving
        // just outside it moves the window's edge.
        let around = &list[at.saturating_sub(RELATED_WINDOW + 1)..(at + RELATED_WINDOW + 2).min(list.len())];
        for &id in around {
            dirty[id] = true;
        }
    };
    for &id in &added {
        for tag in &articles[id].front.tags {
            mark_near(tag, id);
        }
    }
    for &old in &gone {
        // Where it would stand among today's articles.
        let place = articles.partition_point(|a| Article::newest_first(a, &then[old]).is_lt());
        for tag in &then[old].front.tags {
            mark_near(tag, place);
        }
    }
    for &id in &added {
        dirty[id] = true;
    }
    let mut scores = Scores::new(articles.len());
    let lists = (0..articles.len())
        .map(|id| {
            let kept = now_to_then[id]
                .filter(|_| !dirty[id])
                .and_then(|old| before[old].iter().map(|&other| then_to_now[other]).collect());
            kept.unwrap_or_else(|| scores.related(id, &articles[id], &members, limit))
        })
        .collect();
    Some(lists)
}

/// Each tag's members (ids, ascending), by name.
fn members_by_tag(tags: &Taxonomy) -> AHashMap<&str, &[ArticleId]> {
    tags.terms
        .iter()
        .map(|t| (t.name.as_str(), t.articles.as_slice()))
        .collect()
}

/// A dense array of scores by article id, with the ids scored, reused from
/// one article to the next.
struct Scores {
    scores: Vec<u32>,
    touched: Vec<ArticleId>,
}

impl Scores {
    fn new(articles: usize) -> Scores {
        Scores {
            scores: vec![0; articles],
            touched: Vec::new(),
        }
    }

    /// The related articles of `article`, whose id is `id`.
    fn related(
        &mut self,
        id: ArticleId,
        article: &Article,
        members: &AHashMap<&str, &[ArticleId]>,
        limit: usize,
    ) -> Vec<ArticleId> {
        let Scores { scores, touched } = self;
        for tag in &article.front.tags {
            let all = members.get(tag.as_str()).copied().unwrap_or_default();
            for &other in near_in_time(all, id) {
                if other != id {
                    if scores[other] == 0 {
                        touched.push(other);
                    }
                    scores[other] += 1;
                }
            }
        }
        let best = best_ranked(touched.iter().map(|&other| (scores[other], other)), limit);
        for &other in touched.iter() {
            scores[other] = 0;
        }
        touched.clear();
        best
    }
}

/// The ids of the `limit` best (score, id) pairs, best first: the highest
/// score, and among equal scores the lower id, which is the newer article.
///
/// Kept as a short sorted list that most candidates never enter (they score
/// no better than the last one kept), rather than collecting and sorting
/// every candidate of every article.
fn best_ranked(candidates: impl Iterator<Item = (u32, ArticleId)>, limit: usize) -> Vec<ArticleId> {
    let better = |a: &(u32, ArticleId), b: &(u32, ArticleId)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    let mut best: Vec<(u32, ArticleId)> = Vec::with_capacity(limit + 1);
    for candidate in candidates {
        if best.len() == limit && best.last().is_none_or(|last| !better(&candidate, last)) {
            continue;
        }
        let at = best.partition_point(|kept| better(kept, &candidate));
        best.insert(at, candidate);
        best.truncate(limit);
    }
    best.iter().map(|&(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Overrides, parse_config};
    use crate::content::{FrontMatter, Kind};
    use chrono::TimeZone;

    fn config() -> Config {
        parse_config(
            "title: t\nbase_url: https://e.org/\ndistricts:\n  松江区: { slug: songjiang }\n  金山区: { slug: jinshan }\n  青浦区: { slug: qingpu }\nslugs: { 庄行镇: zhuang-hang-zhen }\n",
            &Overrides::default(),
        )
        .unwrap()
    }

    /// An article of the `district`-th district of [`config`].
    fn article(day: u32, district: usize, tags: &[&str], towns: &[&str]) -> Arc<Article> {
        let c = config();
        let district = c.district_id(&c.districts[district].name).unwrap();
        let date = chrono::FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2013, 11, day, 0, 0, 0)
            .unwrap();
        Arc::new(Article {
            source: format!("content/{day}.md").into(),
            content_path: format!("{day}.md"),
            front: FrontMatter {
                title: format!("第{day}篇"),
                subtitle: None,
                kicker: None,
                date,
                district,
                towns: towns.iter().map(|s| s.to_string()).collect(),
                column: None,
                kind: Kind::News,
                tags: tags.iter().map(|s| s.to_string()).collect(),
                byline: vec![],
                image: None,
                slug: None,
                draft: false,
                summary: None,
                issue: None,
                lints_off: vec![],
            },
            slug: format!("a{day}"),
            slug_line: None,
            url_path: format!("2013/11/a{day}/"),
            body: crate::content::Body::Held(String::new()),
            body_hash: 0,
            element_ids: Vec::new(),
            summary: String::new(),
            char_count: 0,
            search_text: Default::default(),
            reading_minutes: 1,
            headings: vec![],
            lead_picture: None,
            pictures: vec![],
            attachments: vec![],
            shortcodes: vec![],
        })
    }

    #[test]
    fn terms_sorted_by_pinyin_with_articles_newest_first() {
        // Ids are positions in the newest-first list.
        let arts = vec![
            article(3, 0, &["消防安全", "比赛"], &["洞泾镇"]),
            article(2, 1, &["消防安全"], &["车墩镇", "庄行镇"]),
        ];
        let (tax, warnings) = build_taxonomies(&arts, &config());
        assert!(warnings.is_empty());
        let names: Vec<_> = tax.tags.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["比赛", "消防安全"]);
        assert_eq!(tax.tags.term("消防安全").unwrap().articles, [0, 1]);
        assert_eq!(tax.tags.term("消防安全").unwrap().slug, "xiao-fang-an-quan");
        let towns: Vec<_> = tax.towns.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(towns, ["车墩镇", "洞泾镇", "庄行镇"]);
        assert_eq!(
            tax.towns.term("庄行镇").unwrap().slug,
            "zhuang-hang-zhen",
            "site.yaml's slug wins"
        );
    }

    #[test]
    fn districts_keep_config_order_and_skip_empty_ones() {
        let arts = vec![article(3, 1, &[], &[]), article(2, 0, &[], &[])];
        let (tax, _) = build_taxonomies(&arts, &config());
        let names: Vec<_> = tax
            .districts
            .terms
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str()))
            .collect();
        assert_eq!(names, [("松江区", "songjiang"), ("金山区", "jinshan")]);
    }

    #[test]
    fn homophone_tags_get_distinct_slugs_and_a_warning() {
        let arts = vec![article(3, 0, &["公示"], &[]), article(2, 0, &["公式"], &[])];
        let (tax, warnings) = build_taxonomies(&arts, &config());
        assert_eq!(tax.tags.term("公式").unwrap().slug, "gong-shi");
        assert_eq!(tax.tags.term("公示").unwrap().slug, "gong-shi-2");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .to_string()
                .contains("the tags 公式, 公示 share a pinyin"),
            "{}",
            warnings[0].message
        );
        assert_eq!(
            warnings[0].render(crate::i18n::Lang::Zh),
            "content/2.md: 警告：标签“公式、公示”的拼音相同，网址分别是 公式 → gong-shi、公示 → gong-shi-2\
             （“公式”用不带编号的网址，因为它写在 `slugs:` 里，或者用得最早）\n  \
             提示：想自己决定网址，就在站点设置（site.yaml）的 `slugs:` 里写上它们"
        );
    }

    #[test]
    fn best_ranked_keeps_the_highest_scores_newer_first() {
        let candidates = [(1, 9), (3, 4), (1, 2), (3, 1), (2, 7), (1, 0), (2, 3)];
        assert_eq!(best_ranked(candidates.into_iter(), 4), [1, 4, 3, 7]);
        assert_eq!(best_ranked(candidates.into_iter(), 10), [1, 4, 3, 7, 0, 2, 9]);
        assert_eq!(best_ranked(candidates.into_iter(), 0), Vec::<ArticleId>::new());
    }

    #[test]
    fn related_by_shared_tags() {
        let arts = vec![
            article(5, 0, &["甲", "乙"], &[]),
            article(4, 0, &["甲"], &[]),
            article(3, 0, &["甲", "乙"], &[]),
            article(2, 0, &["丙"], &[]),
        ];
        let (tax, _) = build_taxonomies(&arts, &config());
        let related = related_articles(&arts, &tax.tags, 5);
        assert_eq!(related[0], [2, 1], "two shared tags outrank one");
        assert_eq!(related[3], Vec::<usize>::new());
    }

    /// The `n`th article of a long archive, an hour apart, with the tags `mask` picks.
    fn nth(n: u32, mask: u8) -> Arc<Article> {
        const TAGS: [&str; 4] = ["垃圾分类", "老年助餐", "河道清淤", "消防安全"];
        let tags: Vec<&str> = (0..4).filter(|b| mask & (1 << b) != 0).map(|b| TAGS[b]).collect();
        let mut a = Article::clone(&article(1, 0, &tags, &[]));
        a.front.date += chrono::Duration::hours(i64::from(n));
        a.url_path = format!("2013/11/n{n}/");
        a.source = format!("content/n{n}.md").into();
        Arc::new(a)
    }

    fn newest_first(mut articles: Vec<Arc<Article>>) -> Vec<Arc<Article>> {
        articles.sort_by(|a, b| Article::newest_first(a, b));
        articles
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn related_lists_after_a_change_are_those_worked_out_afresh(
            masks in proptest::collection::vec(0u8..16, 150..400),
            removed in proptest::collection::vec(0usize..400, 0..4),
            added in proptest::collection::vec((0u32..800, 0u8..16), 0..4),
            retagged in proptest::collection::vec((0usize..400, 0u8..16), 0..3),
        ) {
            let config = config();
            // Every other hour, so that an added article can fall between two.
            let then = newest_first(masks.iter().enumerate().map(|(n, &m)| nth(2 * n as u32, m)).collect());
            let (tax, _) = build_taxonomies(&then, &config);
            let before = related_articles(&then, &tax.tags, 5);

            let mut now: Vec<Arc<Article>> = then.clone();
            for &(at, mask) in &retagged {
                let at = at % now.len();
                let mut a = Article::clone(&now[at]);
                a.front.tags = nth(0, mask).front.tags.clone();
                now[at] = Arc::new(a);
            }
            for &at in &removed {
                if !now.is_empty() {
                    let at = at % now.len();
                    now.remove(at);
                }
            }
            now.extend(added.iter().map(|&(n, m)| nth(2 * n + 1, m)));
            let now = newest_first(now);
            let (tax, _) = build_taxonomies(&now, &config);
            let afresh = related_articles(&now, &tax.tags, 5);
            let since = related_articles_since(&then, &before, &now, &tax.tags, 5);
            proptest::prop_assert_eq!(since, Some(afresh));
        }
    }
}
