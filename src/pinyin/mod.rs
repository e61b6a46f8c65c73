//! Pinyin for Chinese names, read by word.
//!
//! A character such as 行 reads xíng in 行政 and háng in 银行, 长 reads cháng
//! in 长宁 and zhǎng in 校长: reading character by character gets these
//! wrong. A name is therefore cut into the longest words a phrase dictionary
//! knows, and each word takes the dictionary's reading; characters outside any
//! known word take their most common reading. Where such a character is
//! polyphonic in everyday use (行 alone in 庄行), the reading is a guess, and
//! [`Reading::guesses`] says so, so that `check` can ask the editor to settle
//! it in site.yaml's `slugs:`.
//!
//! The dictionary is phrase-pinyin-data (MIT), cut down by
//! `examples/pinyin_words.rs` to the words that read otherwise than their
//! characters or settle a polyphonic one: about 48,000 words (0.7 MB)
//! compiled into the binary and read into a hash map on first use, in a few
//! milliseconds. (Crates that wrap the full 400,000-word
//! list take most of a second to load it, longer than a whole build of
//! 10,000 articles; see the README's design notes.)

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::{ToPinyin, ToPinyinMulti};

/// Words with a polyphonic character: `银行\tyin2 hang2`, or `行政\t=` where
/// the characters' own readings are right.
const WORDS: &str = include_str!("words.tsv");

/// Characters read more than one way in everyday words: `行\txing hang`.
const POLYPHONES: &str = include_str!("polyphones.tsv");

/// One syllable of a reading, or a run of Latin letters and digits kept whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Syllable {
    /// Lowercase ASCII: `hang`, `lv` (for lǜ), `119`, `rust`.
    pub text: String,
    /// 1 to 4, 5 for the neutral tone; 0 for Latin text and unknown tones.
    pub tone: u8,
}

/// A character whose reading no dictionary word settled, and that reads more
/// than one way in everyday words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    pub character: char,
    /// Its place in [`Reading::syllables`].
    pub syllable: usize,
    /// The reading chosen: the character's most common one.
    pub chosen: String,
    /// Every reading it has in everyday words, most common first.
    pub readings: Vec<String>,
}

/// How a name reads, and where that reading is a guess.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub syllables: Vec<Syllable>,
    pub guesses: Vec<Guess>,
}

impl Reading {
    /// The reading a slug spells out (`chang-ning-qu`): what a `slugs:` entry
    /// in site.yaml gives, so that it orders a name as well as naming its page.
    pub fn of_slug(slug: &str) -> Reading {
        Reading {
            syllables: slug
                .split('-')
                .filter(|s| !s.is_empty())
                .map(|s| Syllable {
                    text: s.to_string(),
                    tone: 0,
                })
                .collect(),
            guesses: Vec::new(),
        }
    }

    /// The slug with every guessed character read the other likely way:
    /// `zhuang-hang-zhen` for 庄行镇, read `zhuang-xing-zhen`. `None` when
    /// nothing was guessed.
    pub fn other_slug(&self) -> Option<String> {
        if self.guesses.is_empty() {
            return None;
        }
        let mut words: Vec<&str> = self.syllables.iter().map(|s| s.text.as_str()).collect();
        for g in &self.guesses {
            if let Some(other) = g.readings.iter().find(|r| **r != g.chosen) {
                words[g.syllable] = other;
            }
        }
        Some(words.join("-"))
    }

    /// Toneless syllables joined by `-`: `yin-hang`.
    pub fn slug(&self) -> String {
        let words: Vec<&str> = self.syllables.iter().map(|s| s.text.as_str()).collect();
        words.join("-")
    }

    /// A key that orders names as a Chinese index does: by syllables, then
    /// by tones, then by the name itself so that equal readings still order
    /// the same way on every build.
    pub fn sort_key(&self, name: &str) -> String {
        let mut key = String::with_capacity(name.len() * 4);
        for s in &self.syllables {
            key.push_str(&s.text);
            // Below every letter and digit: `an` before `ang`, `chang ning` before `changning`.
            key.push(' ');
        }
        key.push('\u{1}');
        for s in &self.syllables {
            key.push(char::from(b'0' + s.tone.min(9)));
        }
        key.push('\u{1}');
        key.extend(name.chars().flat_map(char::to_lowercase));
        key
    }
}

/// Reads a name by word: Chinese as pinyin syllables, Latin letters and digits
/// as lowercase runs (full-width ones folded), anything else as a break.
pub fn read(name: &str) -> Reading {
    let mut reading = Reading::default();
    let mut latin = String::new();
    let mut han = String::new();
    for c in name.chars() {
        if let Some(l) = fold_latin(c) {
            end_han(&mut han, &mut reading);
            latin.push(l);
        } else if c.to_pinyin().is_some() {
            end_latin(&mut latin, &mut reading);
            han.push(c);
        } else {
            end_han(&mut han, &mut reading);
            end_latin(&mut latin, &mut reading);
        }
    }
    end_han(&mut han, &mut reading);
    end_latin(&mut latin, &mut reading);
    reading
}

fn end_latin(latin: &mut String, reading: &mut Reading) {
    if !latin.is_empty() {
        reading.syllables.push(Syllable {
            text: std::mem::take(latin),
            tone: 0,
        });
    }
}

fn end_han(han: &mut String, reading: &mut Reading) {
    if !han.is_empty() {
        read_han(han, reading);
        han.clear();
    }
}

/// Reads a run of Chinese characters, longest dictionary word first from the left.
fn read_han(run: &str, reading: &mut Reading) {
    let dictionary = dictionary();
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    let count = starts.len() - 1;
    let mut at = 0;
    while at < count {
        let longest = dictionary.longest.min(count - at);
        let word = (2..=longest).rev().find_map(|len| {
            let text = &run[starts[at]..starts[at + len]];
            dictionary.words.get(text).map(|r| (len, text, *r))
        });
        match word {
            Some((len, text, "=")) => {
                reading.syllables.extend(text.chars().filter_map(character_reading));
                at += len;
            }
            Some((len, _, syllables)) => {
                reading.syllables.extend(syllables.split(' ').map(parse_syllable));
                at += len;
            }
            None => {
                let c = run[starts[at]..].chars().next().unwrap_or_default();
                if let Some(s) = character_reading(c) {
                    if let Some(readings) = dictionary.polyphones.get(&c) {
                        reading.guesses.push(Guess {
                            character: c,
                            syllable: reading.syllables.len(),
                            chosen: s.text.clone(),
                            readings: readings.split(' ').map(str::to_string).collect(),
                        });
                    }
                    reading.syllables.push(s);
                }
                at += 1;
            }
        }
    }
}

/// A character's most common reading, as the per-character data gives it.
fn character_reading(c: char) -> Option<Syllable> {
    c.to_pinyin().map(|p| parse_syllable(p.with_tone_num_end()))
}

/// `hang2` → hang, tone 2; `lü4` → lv, tone 4; `de` → de, neutral.
fn parse_syllable(text: &str) -> Syllable {
    let (letters, tone) = match text.as_bytes().last() {
        Some(d @ b'1'..=b'5') => (&text[..text.len() - 1], d - b'0'),
        _ => (text, 5),
    };
    Syllable {
        text: letters.replace('ü', "v"),
        tone,
    }
}

/// Every reading a character has, toneless, most common first: for telling
/// an editor what else it could be.
pub fn readings_of(c: char) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for p in c.to_pinyin_multi().into_iter().flatten() {
        let plain = p.plain().replace('ü', "v");
        if !all.contains(&plain) {
            all.push(plain);
        }
    }
    all
}

/// What ends a place name: 镇, 区, 街道 ….
const PLACE_SUFFIXES: [&str; 9] = ["街道", "镇", "乡", "村", "区", "县", "市", "岛", "路"];

/// How `name` reads, with every guess an editor should confirm.
///
/// As [`read`], and more careful with place names. A word list is no
/// gazetteer: a common word can share a place's characters and not its sound
/// (重固 "to reinforce" is *zhòng gù*, the town 重固镇 is *chóng gù*). So in a
/// name ending in 镇, 区, 街道 and the like, a polyphonic character counts as
/// settled only when the dictionary knows the whole place name (闵行区, 长宁区, 莘庄镇).
pub fn read_checked(name: &str) -> Reading {
    let mut reading = read(name);
    let Some(stem) = PLACE_SUFFIXES.iter().find_map(|s| name.strip_suffix(s)) else {
        return reading;
    };
    let dictionary = dictionary();
    if stem.is_empty() || dictionary.words.contains_key(name) {
        return reading;
    }
    // In a name of Chinese characters only, the n-th character gives the n-th syllable.
    if !name.chars().all(|c| c.to_pinyin().is_some()) {
        return reading;
    }
    for (at, c) in name.chars().enumerate() {
        let Some(readings) = dictionary.polyphones.get(&c) else {
            continue;
        };
        if reading.guesses.iter().any(|g| g.syllable == at) {
            continue;
        }
        if let Some(s) = reading.syllables.get(at) {
            reading.guesses.push(Guess {
                character: c,
                syllable: at,
                chosen: s.text.clone(),
                readings: readings.split(' ').map(str::to_string).collect(),
            });
        }
    }
    reading.guesses.sort_by_key(|g| g.syllable);
    reading
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

/// The compiled-in word list, read once.
struct Dictionary {
    /// ahash: 30,000 words hashed once per process and looked up for every
    /// heading and term; no input of an attacker's chooses them.
    words: ahash::AHashMap<&'static str, &'static str>,
    /// The most characters in one word: how far a lookup need reach.
    longest: usize,
    polyphones: HashMap<char, &'static str>,
}

static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();

fn dictionary() -> &'static Dictionary {
    DICTIONARY.get_or_init(|| {
        let mut words = ahash::AHashMap::with_capacity(WORDS.lines().count());
        words.extend(entries(WORDS));
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(1);
        let polyphones = entries(POLYPHONES)
            .filter_map(|(c, readings)| Some((c.chars().next()?, readings)))
            .collect();
        Dictionary {
            words,
            longest,
            polyphones,
        }
    })
}

/// Reads the word list on a thread of its own, unless read: called as a
/// build begins, while one core finds the articles and the other has
/// nothing to do. Read on first use instead (a heading's anchor, a term's
/// address), it held up the other thread, which needed it too, for the
/// 20–30 ms it took.
pub fn load_in_background() {
    if DICTIONARY.get().is_none() {
        crate::par::in_background("pinyin", || {
            dictionary();
        });
    }
}

/// The `key\tvalue` lines of a data file, past its `#` comments.
fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

#[cfg(test)]
mod tests;
