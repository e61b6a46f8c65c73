//! How folded text is cut into what the index holds.
//!
//! Text is read as a row of units: a Han (or kana) character, or a run of
//! Latin letters and digits (a word: `g60`, `2013`, `3.5`). Two units next to
//! each other make a pair when at least one of them is Han: 消防, `9号`,
//! `2013年`, `g60科`. A pair proves its two units stand together, so a number
//! stays with its word: 9号线 is `9号` + 号线, and the article about 8号线 holds
//! neither `9号` nor a 9 anywhere near it.
//!
//! What stands between two units decides whether they pair:
//! - nothing, or only quotation marks, brackets, 书名号 and middle dots
//!   (“两新”组织, 《解放日报》社, 卢·连明): they pair, so a phrase is found
//!   however the editor set it off;
//! - spaces, besides those marks: only a word and a Han character pair
//!   (`G60 型`, `2013 年`: Chinese typesetting often spaces Latin from Han);
//!   two Han characters do not, since readers separate their words that way;
//! - anything else (。，、；：！？, a line break, a hyphen): they do not pair.
//!
//! Every Han character is also a token of its own, for one-character queries
//! (卢, a surname; 泖, a town's short name), and every word of two characters
//! or more, for Latin queries and the words they begin.
//!
//! `search.js` reads a query by the same rules; the two change together.

/// Latin words are indexed up to this many characters; longer ones (addresses,
/// hashes) are cut, and queries are cut the same way.
pub const MAX_WORD_CHARS: usize = 32;

/// One thing the index can be asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    /// One Han (or kana) character.
    Char(char),
    /// Two adjacent Han (or kana) characters.
    Pair(char, char),
    /// A word and a Han character next to it, either way round: `9号`, `2013年`, `g60科`.
    Joined(Box<str>),
    /// A Latin word or number, of two characters or more.
    Word(Box<str>),
}

impl Token {
    /// The token as the index stores it.
    pub fn text(&self) -> String {
        match self {
            Token::Char(c) => c.to_string(),
            Token::Pair(a, b) => [*a, *b].iter().collect(),
            Token::Joined(t) | Token::Word(t) => t.to_string(),
        }
    }

    /// Whether the token is a pair of units, whose positions the index keeps.
    pub fn is_pair(&self) -> bool {
        matches!(self, Token::Pair(..) | Token::Joined(_))
    }
}

/// Whether `c` is written in runs without spaces, and so paired with its neighbours.
pub fn is_ideograph(c: char) -> bool {
    crate::markdown::cjk::is_han(c) || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Marks that set off a phrase without ending it: quotation marks, brackets,
/// 书名号 and middle dots (as NFKC leaves them: full-width forms are ASCII).
pub fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〝'
            | '〞'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '·'
            | '・'
            | '‧'
    )
}

/// Spaces within a line; a line break ends a phrase.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
}

/// What stands between the last unit and the next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing, or only joining marks.
    Clean,
    /// Joining marks and spaces.
    Spaced,
    /// Something that ends a phrase.
    Broken,
}

/// The last unit read.
enum Last {
    None,
    Han(char),
    Word,
}

/// Cuts the fields of one document into tokens, numbering its units so that
/// pairs found in a row can be told to stand in a row.
#[derive(Default)]
pub struct Tokenizer {
    position: u32,
}

impl Tokenizer {
    /// Calls `emit` with every token of `text` (folded already: see
    /// [`super::fold::fold`]), in order, repeats included, with its position:
    /// a pair's is the number of its first unit. Fields tokenised one after
    /// the other are numbered on, and no pair spans two of them.
    pub fn field(&mut self, text: &str, mut emit: impl FnMut(Token, u32)) {
        let mut reader = Reader {
            position: self.position,
            last: Last::None,
            last_word: String::new(),
            gap: Gap::Broken,
            word: String::new(),
            word_chars: 0,
            dot: false,
        };
        for c in text.chars() {
            reader.push(c, &mut emit);
        }
        reader.end_word(&mut emit);
        // A gap in the numbering: the next field's first unit does not follow this one's last.
        self.position = reader.position + 1;
    }
}

/// Calls `emit` with every token of `text` (folded), in order, repeats included.
pub fn tokenize(text: &str, mut emit: impl FnMut(Token)) {
    Tokenizer::default().field(text, |t, _| emit(t));
}

struct Reader {
    /// The number the next unit gets.
    position: u32,
    last: Last,
    /// The last unit's text, when it was a word.
    last_word: String,
    gap: Gap,
    /// The word being read.
    word: String,
    word_chars: usize,
    /// A full stop after a digit, which a digit after it makes a decimal point (3.5).
    dot: bool,
}

impl Reader {
    fn push(&mut self, c: char, emit: &mut impl FnMut(Token, u32)) {
        if self.dot {
            self.dot = false;
            if c.is_ascii_digit() {
                self.push_word_char('.');
                self.push_word_char(c);
                return;
            }
            self.end_word(emit);
            self.gap = Gap::Broken;
        }
        if is_ideograph(c) {
            self.end_word(emit);
            self.unit(Last::Han(c), emit);
        } else if c.is_alphanumeric() {
            self.push_word_char(c);
        } else if c == '.' && self.word.ends_with(|d: char| d.is_ascii_digit()) {
            self.dot = true;
        } else {
            self.end_word(emit);
            if is_joiner(c) {
                // Clean stays clean, spaced stays spaced, broken stays broken.
            } else if is_space(c) {
                if self.gap == Gap::Clean {
                    self.gap = Gap::Spaced;
                }
            } else {
                self.gap = Gap::Broken;
            }
        }
    }

    fn push_word_char(&mut self, c: char) {
        if self.word_chars < MAX_WORD_CHARS {
            self.word.push(c);
            self.word_chars += 1;
        }
    }

    /// Ends the word being read, if any, as a unit.
    fn end_word(&mut self, emit: &mut impl FnMut(Token, u32)) {
        if self.dot {
            self.dot = false;
            self.end_word(emit);
            self.gap = Gap::Broken;
            return;
        }
        if !self.word.is_empty() {
            self.unit(Last::Word, emit);
        }
    }

    /// A unit read: `Last::Word` is the word in `self.word`.
    fn unit(&mut self, unit: Last, emit: &mut impl FnMut(Token, u32)) {
        let position = self.position;
        let joins = |gap: Gap, a_han: bool, b_han: bool| match gap {
            Gap::Clean => a_han || b_han,
            Gap::Spaced => a_han != b_han,
            Gap::Broken => false,
        };
        match (&self.last, &unit) {
            (Last::Han(a), Last::Han(b)) if joins(self.gap, true, true) => emit(Token::Pair(*a, *b), position - 1),
            (Last::Han(a), Last::Word) if joins(self.gap, true, false) => {
                let mut text = a.to_string();
                text.push_str(&self.word);
                emit(Token::Joined(text.into()), position - 1);
            }
            (Last::Word, Last::Han(b)) if joins(self.gap, false, true) => {
                let mut text = self.last_word.clone();
                text.push(*b);
                emit(Token::Joined(text.into()), position - 1);
            }
            _ => {}
        }
        match unit {
            Last::Han(c) => emit(Token::Char(c), position),
            Last::Word => {
                if self.word_chars >= 2 {
                    emit(Token::Word(self.word.as_str().into()), position);
                }
                std::mem::swap(&mut self.last_word, &mut self.word);
                self.word.clear();
                self.word_chars = 0;
            }
            Last::None => {}
        }
        self.last = unit;
        self.gap = Gap::Clean;
        self.position += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::fold::fold;
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(&fold(text), |t| {
            if !matches!(t, Token::Char(_)) {
                out.push(t.text());
            }
        });
        out
    }

    fn pairs(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(&fold(text), |t| {
            if t.is_pair() {
                out.push(t.text());
            }
        });
        out
    }

    #[test]
    fn han_runs_become_pairs_and_sentence_punctuation_breaks_them() {
        assert_eq!(tokens("消防演练，卢连明"), ["消防", "防演", "演练", "卢连", "连明"]);
        for mark in ["。", "、", "；", "：", "！", "？", "，", "\n", "-", "—", "…", "/"] {
            assert_eq!(pairs(&format!("镇{mark}村")), Vec::<String>::new(), "{mark}");
        }
    }

    #[test]
    fn every_han_character_is_a_token_of_its_own() {
        let mut chars = Vec::new();
        tokenize(&fold("卢、泖港镇 9号"), |t| {
            if let Token::Char(c) = t {
                chars.push(c);
            }
        });
        assert_eq!(chars, ['卢', '泖', '港', '镇', '号']);
    }

    #[test]
    fn quotation_marks_brackets_and_middle_dots_do_not_split_a_phrase() {
        assert_eq!(pairs("“两新”组织"), ["两新", "新组", "组织"]);
        for quoted in [
            "\"两新\"组织",
            "'两新'组织",
            "‘两新’组织",
            "「两新」组织",
            "『两新』组织",
            "＂两新＂组织",
            "（两新）组织",
            "(两新)组织",
            "【两新】组织",
            "〔两新〕组织",
            "《两新》组织",
            "〈两新〉组织",
            "“「两新」”组织",
        ] {
            assert_eq!(pairs(quoted), ["两新", "新组", "组织"], "{quoted}");
        }
        assert_eq!(pairs("卢·连明"), ["卢连", "连明"]);
        assert_eq!(pairs("卢・连明"), ["卢连", "连明"]);
        // A space between two Han characters separates them: readers type words apart that way.
        assert_eq!(pairs("消防 练塘"), ["消防", "练塘"]);
    }

    #[test]
    fn numbers_and_latin_words_stay_with_their_han_neighbours() {
        assert_eq!(tokens("9号线"), ["9号", "号线"]);
        assert_eq!(tokens("8号线"), ["8号", "号线"]);
        assert_eq!(tokens("2013年"), ["2013", "2013年"]);
        assert_eq!(tokens("120名、3.5公里"), ["120", "120名", "3.5", "3.5公", "公里"]);
        assert_eq!(
            tokens("G60科创走廊 ＧＤＰ a"),
            ["g60", "g60科", "科创", "创走", "走廊", "廊gdp", "gdp"]
        );
        // Latin inside Chinese, spaced the way typesetters space it, or not.
        assert_eq!(
            tokens("使用 G60 型灭火器"),
            ["使用", "用g60", "g60", "g60型", "型灭", "灭火", "火器"]
        );
        assert_eq!(tokens("在APP上"), ["在app", "app", "app上"]);
        // A full stop ends a sentence, not a number.
        assert_eq!(tokens("共3。人"), ["共3"]);
        assert_eq!(tokens("v1.2.3"), ["v1.2.3"]);
        // Two words are two tokens, never a pair.
        assert_eq!(tokens("rust g60"), ["rust", "g60"]);
    }

    #[test]
    fn long_words_are_cut() {
        let long = "x".repeat(100);
        assert_eq!(tokens(&long), ["x".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn positions_number_units_and_fields_never_run_together() {
        let mut tokenizer = Tokenizer::default();
        let mut seen = Vec::new();
        for field in ["9号线", "“两新”组织"] {
            tokenizer.field(&fold(field), |t, p| {
                if t.is_pair() {
                    seen.push((t.text(), p));
                }
            });
        }
        assert_eq!(
            seen,
            [
                ("9号".to_string(), 0),
                ("号线".to_string(), 1),
                ("两新".to_string(), 4),
                ("新组".to_string(), 5),
                ("组织".to_string(), 6)
            ]
        );
    }
}
