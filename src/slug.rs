//! URL slugs and sort keys for Chinese names.
//!
//! Chinese file names, tags, towns and columns become toneless pinyin joined by
//! `-` (`消防演练` → `xiao-fang-yan-lian`); Latin letters and digits are kept,
//! lowercased. Different names can share a pinyin (公示, 公式), so
//! [`assign_unique`] gives such names distinct slugs that depend only on the set
//! of names, never on the order articles were read. Indexes sort by the same
//! reading ([`crate::pinyin::Reading::sort_key`]).

use std::collections::BTreeMap;

use crate::pinyin;

/// The slug of a name: lowercase ASCII letters, digits and single `-`.
///
/// Chinese is read by word ([`pinyin::read`]): 银行 is `yin-hang`, not
/// `yin-xing`. Runs of Latin letters and digits stay together as one word;
/// everything else separates words. A name with nothing sluggable (only
/// punctuation, say) gives an empty string, which callers treat as an error.
pub fn slugify(name: &str) -> String {
    pinyin::read(name).slug()
}

/// Whether a slug given by an editor can be used in a URL as it is.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A slug for each name, distinct within the set.
///
/// Each name comes with its wanted slug and a rank: when several names want
/// one slug (homophones such as 民宿 and 民俗), the lowest rank keeps it and
/// the others get `-2`, `-3`, … in rank order, then by name. Callers rank by
/// when a name was first used, so that a name arriving later never takes the
/// address of one already published. Returns the slugs and, for every group
/// of names that had to be told apart, the group in that order, so the caller
/// can warn about it.
pub fn assign_unique<'a, R: Ord>(
    names: impl IntoIterator<Item = (&'a str, String, R)>,
) -> (BTreeMap<&'a str, String>, Vec<Vec<&'a str>>) {
    let mut by_slug: BTreeMap<String, Vec<(R, &'a str)>> = BTreeMap::new();
    for (name, slug, rank) in names {
        let group = by_slug.entry(slug).or_default();
        if !group.iter().any(|(_, n)| *n == name) {
            group.push((rank, name));
        }
    }
    let taken: std::collections::BTreeSet<String> = by_slug.keys().cloned().collect();
    let mut slugs = BTreeMap::new();
    let mut clashes = Vec::new();
    for (slug, mut group) in by_slug {
        group.sort_unstable();
        let mut n = 1;
        for (i, (_, name)) in group.iter().enumerate() {
            if i == 0 {
                slugs.insert(*name, slug.clone());
                continue;
            }
            // Skip numbers another name already owns outright (`gong-shi-2` as a real slug).
            let candidate = loop {
                n += 1;
                let c = format!("{slug}-{n}");
                if !taken.contains(&c) {
                    break c;
                }
            };
            slugs.insert(*name, candidate);
        }
        if group.len() > 1 {
            clashes.push(group.into_iter().map(|(_, name)| name).collect());
        }
    }
    (slugs, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_toneless_pinyin_words() {
        assert_eq!(slugify("消防演练"), "xiao-fang-yan-lian");
        assert_eq!(slugify("洞泾镇"), "dong-jing-zhen");
    }

    #[test]
    fn latin_and_digits_stay_together_and_lowercase() {
        assert_eq!(slugify("119消防日"), "119-xiao-fang-ri");
        assert_eq!(slugify("Rust 入门"), "rust-ru-men");
        assert_eq!(slugify("ＡＢ１"), "ab1");
    }

    #[test]
    fn punctuation_only_separates() {
        assert_eq!(slugify("“两新”组织"), "liang-xin-zu-zhi");
        assert_eq!(slugify("——"), "");
    }

    #[test]
    fn slug_validity() {
        assert!(is_valid_slug("juli-you-duo-jin"));
        assert!(is_valid_slug("a1"));
        assert!(!is_valid_slug("Juli"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("距离"));
        assert!(!is_valid_slug(""));
    }

    #[test]
    fn homophones_get_distinct_stable_slugs() {
        let one = assign_unique([("公示", slugify("公示"), 0), ("公式", slugify("公式"), 0)]);
        let other = assign_unique([("公式", slugify("公式"), 0), ("公示", slugify("公示"), 0)]);
        assert_eq!(one.0, other.0);
        // Equal ranks: 公式 (U+5F0F) comes before 公示 (U+793A).
        assert_eq!(one.0["公式"], "gong-shi");
        assert_eq!(one.0["公示"], "gong-shi-2");
        assert_eq!(one.1, vec![vec!["公式", "公示"]]);
    }

    #[test]
    fn the_name_ranked_first_keeps_the_plain_slug() {
        // 民宿 was used first (rank 1), 民俗 later (rank 2): 民宿 keeps min-su
        // although 民俗 comes first by code point.
        let (slugs, clashes) = assign_unique([("民俗", slugify("民俗"), 2), ("民宿", slugify("民宿"), 1)]);
        assert_eq!(slugs["民宿"], "min-su");
        assert_eq!(slugs["民俗"], "min-su-2");
        assert_eq!(clashes, vec![vec!["民宿", "民俗"]]);
    }

    #[test]
    fn disambiguation_does_not_steal_an_existing_slug() {
        let (slugs, _) = assign_unique([
            ("公示", "gong-shi".to_string(), 0),
            ("公式", "gong-shi".to_string(), 0),
            ("x", "gong-shi-2".into(), 0),
        ]);
        assert_eq!(slugs["x"], "gong-shi-2");
        assert_eq!(slugs["公示"], "gong-shi-3");
    }
}
