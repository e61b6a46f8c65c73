//! URL slugs and sort keys for Chinese names.
//!
//! Chinese file names, tags, towns and columns become toneless pinyin joined by
//! `-` (`消防演练` → `xiao-fang-yan-lian`); Latin letters and digits are kept,
//! lowercased. Different names can share a pinyin (公示, 公式), so
//! [`assign_unique`] gives such names distinct slugs that depend only on the set
//! of names, never on the order articles were read. Indexes sort by
//! [`sort_key`], which orders by pinyin, then tone, then character.

use std::collections::BTreeMap;

use pinyin::ToPinyin;

/// The slug of a name: lowercase ASCII letters, digits and single `-`.
///
/// Each Chinese character becomes its own pinyin syllable; runs of Latin letters
/// and digits stay together as one word; everything else separates words.
/// A name with nothing sluggable (only punctuation, say) gives an empty string,
/// which callers treat as an error.
pub fn slugify(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if let Some(latin) = fold_latin(c) {
            word.push(latin);
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if let Some(syllable) = c.to_pinyin() {
            words.push(syllable.plain().to_string());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join("-")
}

/// ASCII letters and digits, lowercased; full-width ones (ａ, １) as their ASCII
/// twins, since editors on Chinese input methods type them by accident.
fn fold_latin(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    let code = c as u32;
    if (0xFF10..=0xFF19).contains(&code) || (0xFF21..=0xFF3A).contains(&code) || (0xFF41..=0xFF5A).contains(&code) {
        char::from_u32(code - 0xFEE0).map(|a| a.to_ascii_lowercase())
    } else {
        None
    }
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
/// Names whose slug is already taken (a homophone such as 公示 and 公式) get
/// `-2`, `-3`, … in the order of their code points, so the result depends only
/// on which names there are. Returns the slugs and, for every group of names
/// that had to be told apart, the group, so the caller can warn about it.
pub fn assign_unique<'a>(
    names: impl IntoIterator<Item = (&'a str, String)>,
) -> (BTreeMap<&'a str, String>, Vec<Vec<&'a str>>) {
    let mut by_slug: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for (name, slug) in names {
        let group = by_slug.entry(slug).or_default();
        if !group.contains(&name) {
            group.push(name);
        }
    }
    let taken: std::collections::BTreeSet<String> = by_slug.keys().cloned().collect();
    let mut slugs = BTreeMap::new();
    let mut clashes = Vec::new();
    for (slug, mut group) in by_slug {
        group.sort_unstable();
        let mut n = 1;
        for (i, name) in group.iter().enumerate() {
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
            clashes.push(group);
        }
    }
    (slugs, clashes)
}

/// A key that sorts Chinese names the way a Chinese index does: by pinyin
/// syllable, then tone, then character; Latin names by their letters.
///
/// Code-point order would put 车墩镇 before 洞泾镇 only by accident and 叶榭镇
/// before 泖港镇 for no reason a reader knows.
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 4);
    for c in name.chars() {
        match c.to_pinyin() {
            Some(syllable) => {
                // "xiao4" → "xiao4" + the character itself, so homophones with the same
                // tone still order the same way every time.
                key.push_str(syllable.with_tone_num_end());
                key.push(c);
            }
            None => key.extend(c.to_lowercase()),
        }
        key.push('\u{1}');
    }
    key
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
        let one = assign_unique([("公示", slugify("公示")), ("公式", slugify("公式"))]);
        let other = assign_unique([("公式", slugify("公式")), ("公示", slugify("公示"))]);
        assert_eq!(one.0, other.0);
        // 公式 (U+5F0F) comes before 公示 (U+793A).
        assert_eq!(one.0["公式"], "gong-shi");
        assert_eq!(one.0["公示"], "gong-shi-2");
        assert_eq!(one.1, vec![vec!["公式", "公示"]]);
    }

    #[test]
    fn disambiguation_does_not_steal_an_existing_slug() {
        let (slugs, _) = assign_unique([
            ("公示", "gong-shi".to_string()),
            ("公式", "gong-shi".to_string()),
            ("x", "gong-shi-2".into()),
        ]);
        assert_eq!(slugs["x"], "gong-shi-2");
        assert_eq!(slugs["公示"], "gong-shi-3");
    }

    #[test]
    fn sorts_by_pinyin_not_code_point() {
        let mut towns = vec!["叶榭镇", "洞泾镇", "泖港镇", "车墩镇"];
        towns.sort_by_key(|t| sort_key(t));
        assert_eq!(towns, ["车墩镇", "洞泾镇", "泖港镇", "叶榭镇"]);
    }

    #[test]
    fn tone_orders_same_syllable() {
        // 妈 mā (1) before 马 mǎ (3) before 骂 mà (4).
        let mut words = vec!["骂", "马", "妈"];
        words.sort_by_key(|t| sort_key(t));
        assert_eq!(words, ["妈", "马", "骂"]);
    }
}
