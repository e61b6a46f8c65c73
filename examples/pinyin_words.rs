//! Writes the word readings jianbao compiles in (`src/pinyin/words.tsv` and
//! `src/pinyin/polyphones.tsv`) from a phrase list in the format of the
//! phrase-pinyin-data project (`银行: yín háng`, one word a line):
//!
//! ```sh
//! cargo run --example pinyin_words -- path/to/pinyin.txt src/pinyin
//! ```
//!
//! Only what changes a reading is kept. A character is *polyphonic in use*
//! when the phrase list reads it in two ways, each in at least two words, or
//! reads it mostly otherwise than the per-character data does (a reading
//! counts when at least [`MIN_WORDS`] words and [`MIN_SHARE`] of them have it).
//! A word is kept when it reads otherwise than its characters do (会计), or
//! when it has such a character, since it then settles that character's
//! reading. Words that agree with the per-character readings are written as
//! `=`, so that the table stays small and the two data sets cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use pinyin::{ToPinyin, ToPinyinMulti};

/// How many words must read a character a certain way for that reading to count.
const MIN_WORDS: usize = 2;

/// The least share of a character's words a reading must have to count: 区
/// reads ōu in two surnames among more than a thousand words, 叶 xié in a few
/// classical ones; to an editor neither is a polyphone.
const MIN_SHARE: f64 = 0.05;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: pinyin_words PHRASES.txt OUT_DIR";
    let source = PathBuf::from(args.next().ok_or(usage)?);
    let out = PathBuf::from(args.next().ok_or(usage)?);
    let text = std::fs::read_to_string(&source)?;
    let version = text
        .lines()
        .find_map(|l| l.strip_prefix("# version:"))
        .map(str::trim)
        .unwrap_or("unknown");

    let words: Vec<(String, Vec<String>)> = text.lines().filter_map(parse_line).collect();
    let polyphones = polyphones(&words);

    let mut table = String::new();
    writeln!(
        table,
        "# Word readings from phrase-pinyin-data {version} (MIT; see LICENSE-phrase-pinyin-data),"
    )?;
    writeln!(
        table,
        "# made by examples/pinyin_words.rs: words with a polyphonic character, and"
    )?;
    writeln!(
        table,
        "# their readings with tone numbers, or = where the characters' own readings agree."
    )?;
    let mut kept = 0;
    for (word, syllables) in &words {
        let differs = toneless(syllables) != default_toneless(word);
        if !differs && !word.chars().any(|c| polyphones.contains_key(&c)) {
            continue;
        }
        kept += 1;
        if !differs && tones_agree(word, syllables) {
            writeln!(table, "{word}\t=")?;
        } else {
            writeln!(table, "{word}\t{}", syllables.join(" "))?;
        }
    }
    std::fs::write(out.join("words.tsv"), table)?;

    let mut list = String::new();
    writeln!(
        list,
        "# Characters read in more than one way in phrase-pinyin-data {version}, and those"
    )?;
    writeln!(list, "# readings, most used first; made by examples/pinyin_words.rs.")?;
    for (c, readings) in &polyphones {
        writeln!(list, "{c}\t{}", readings.join(" "))?;
    }
    std::fs::write(out.join("polyphones.tsv"), list)?;
    eprintln!(
        "{} words read, {kept} kept; {} polyphonic characters",
        words.len(),
        polyphones.len()
    );
    Ok(())
}

/// `银行: yín háng  # note` → (银行, [yin2, hang2]); only words of two or more
/// Han characters with one syllable each.
fn parse_line(line: &str) -> Option<(String, Vec<String>)> {
    let line = line.split('#').next()?.trim();
    let (word, reading) = line.split_once(':')?;
    let word = word.trim();
    let syllables: Vec<String> = reading.split_whitespace().map(tone_number).collect::<Option<_>>()?;
    let han = word.chars().all(|c| c.to_pinyin().is_some());
    (han && word.chars().count() >= 2 && syllables.len() == word.chars().count()).then(|| (word.to_string(), syllables))
}

/// `háng` → `hang2`, `lǜ` → `lv4`, `le` → `le5` (the neutral tone sorts last).
fn tone_number(syllable: &str) -> Option<String> {
    let mut plain = String::new();
    let mut tone = 5;
    for c in syllable.chars() {
        let (base, t) = match c {
            'ā' => ('a', 1),
            'á' => ('a', 2),
            'ǎ' => ('a', 3),
            'à' => ('a', 4),
            'ē' => ('e', 1),
            'é' => ('e', 2),
            'ě' => ('e', 3),
            'è' => ('e', 4),
            'ī' => ('i', 1),
            'í' => ('i', 2),
            'ǐ' => ('i', 3),
            'ì' => ('i', 4),
            'ō' => ('o', 1),
            'ó' => ('o', 2),
            'ǒ' => ('o', 3),
            'ò' => ('o', 4),
            'ū' => ('u', 1),
            'ú' => ('u', 2),
            'ǔ' => ('u', 3),
            'ù' => ('u', 4),
            'ǖ' => ('v', 1),
            'ǘ' => ('v', 2),
            'ǚ' => ('v', 3),
            'ǜ' => ('v', 4),
            'ü' => ('v', 5),
            'ń' => ('n', 2),
            'ň' => ('n', 3),
            'ǹ' => ('n', 4),
            'ḿ' => ('m', 2),
            c if c.is_ascii_lowercase() => (c, 5),
            _ => return None,
        };
        plain.push(base);
        if t != 5 {
            tone = t;
        }
    }
    Some(format!("{plain}{tone}"))
}

fn toneless(syllables: &[String]) -> Vec<String> {
    syllables
        .iter()
        .map(|s| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string())
        .collect()
}

/// The per-character reading jianbao falls back on, without tones.
fn default_toneless(word: &str) -> Vec<String> {
    word.chars()
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain().replace('ü', "v"))
        .collect()
}

fn tones_agree(word: &str, syllables: &[String]) -> bool {
    word.chars().zip(syllables).all(|(c, s)| {
        c.to_pinyin()
            .map(|p| p.with_tone_num_end().replace('ü', "v"))
            .as_deref()
            == Some(s.as_str())
    })
}

/// Characters read in more than one way across the words, each with its
/// toneless readings, most used first.
fn polyphones(words: &[(String, Vec<String>)]) -> BTreeMap<char, Vec<String>> {
    let mut seen: BTreeMap<char, BTreeMap<String, usize>> = BTreeMap::new();
    for (word, syllables) in words {
        for (c, s) in word.chars().zip(toneless(syllables)) {
            *seen.entry(c).or_default().entry(s).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter_map(|(c, counts)| {
            // Only characters the per-character data itself knows to have several readings.
            let known: BTreeSet<String> = c
                .to_pinyin_multi()?
                .into_iter()
                .map(|p| p.plain().replace('ü', "v"))
                .collect();
            let mut readings: Vec<(String, usize)> = counts.into_iter().filter(|(r, _)| known.contains(r)).collect();
            readings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let default = c.to_pinyin()?.plain().replace('ü', "v");
            let total: usize = readings.iter().map(|(_, n)| n).sum();
            let counts = |n: usize| n >= MIN_WORDS && n as f64 >= MIN_SHARE * total as f64;
            let in_use = readings.iter().filter(|(_, n)| counts(*n)).count();
            let mostly_other = readings.first().is_some_and(|(r, n)| *r != default && counts(*n));
            (in_use >= 2 || mostly_other).then(|| (c, readings.into_iter().map(|(r, _)| r).collect()))
        })
        .collect()
}
