//! What jianbao says to people, in 简体中文 and in English, from one catalogue.
//!
//! Code never writes a sentence for a user: it names a message by its id and
//! gives the values that go in it ([`msg!`](crate::msg)), and the [`Message`]
//! stays that way until it is shown. Only then is it put into words, in the
//! language chosen for the run ([`set_language`]): so problems found while
//! site.yaml itself was being read still speak the language site.yaml asks for,
//! and the JSON report can give the stable id beside the words.
//!
//! The words live in Fluent files under `src/i18n/`, one per part of the
//! program and language, compiled into the binary. Fluent (Mozilla's
//! localisation system, via the `fluent-bundle` crate) is chosen over format
//! strings because it keeps each language's grammar, plurals included, in the
//! translation, where a translator can change it without touching code. A test
//! fails when a message exists in one language only, when the two languages
//! use different values, or when code names a message or value the catalogue
//! does not have.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language jianbao speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in the order the catalogue's tests compare them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language a language tag or locale names (`zh-CN`, `zh_TW.UTF-8`,
    /// `en_GB`), or `None` for one jianbao does not speak (`C`, `fr_FR`).
    /// Every Chinese tag gets 简体中文, the only Chinese there is.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a run: `--lang` if given; else the `language:` of
    /// site.yaml if it names one jianbao speaks; else the locale (`LC_ALL`,
    /// `LC_MESSAGES`, then `LANG`, the order POSIX gives them); else 简体中文,
    /// the language of the sites jianbao is made for.
    pub fn choose(flag: Option<Lang>, site_language: Option<&str>, locale: &dyn Fn(&str) -> Option<String>) -> Lang {
        flag.or_else(|| site_language.and_then(Lang::from_tag))
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .filter_map(|name| locale(name).filter(|v| !v.is_empty()))
                    .next()
                    .and_then(|value| Lang::from_tag(&value))
            })
            .unwrap_or(Lang::Zh)
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// The colon after a label (`error: …`, `错误：…`), as each language writes it.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// The language of this run, as an index into [`Lang::ALL`]; English until
/// [`set_language`] says otherwise, so that library users and unit tests get
/// stable English text.
static LANGUAGE: AtomicU8 = AtomicU8::new(1);

/// Chooses the language every message of this process is shown in. The
/// command line calls it once, before it does anything else.
pub fn set_language(lang: Lang) {
    LANGUAGE.store(if lang == Lang::Zh { 0 } else { 1 }, Ordering::Relaxed);
}

/// The language messages are shown in.
pub fn language() -> Lang {
    if LANGUAGE.load(Ordering::Relaxed) == 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The `language:` a site.yaml gives, read line by line rather than parsed,
/// so that a site.yaml with mistakes in it still picks the language they
/// are reported in. `：` is read as `:`, as editors type it.
pub fn declared_language(site_yaml: &str) -> Option<String> {
    site_yaml.lines().find_map(|line| {
        let rest = line.strip_prefix("language")?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        let value = value.split(" #").next().unwrap_or_default().trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Something to tell a user, kept as a catalogue id and its values until it
/// is shown. Build one with [`msg!`](crate::msg). It is kept in a file (a
/// build's record) as its id and values; read back, an id or value name the
/// catalogue does not have is refused.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    id: &'static str,
    // A boxed slice rather than a Vec: diagnostics are moved around a lot,
    // and most messages have one or two values.
    args: Box<[(&'static str, Arg)]>,
}

/// A value that goes into a message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Arg {
    /// Text shown as it is: a file name, a key, what the editor wrote.
    Text(String),
    /// A number, which also chooses the plural form where a language has one.
    Number(i64),
    /// Another message, put into words in the same language.
    Message(Box<Message>),
    /// Values in a row, shown `a, b, c` in English and `a、b、c` in Chinese.
    List(Vec<Arg>),
}

impl Message {
    /// The message `id`, with no values yet.
    pub fn new(id: &'static str) -> Self {
        Message { id, args: Box::new([]) }
    }

    /// The same message with one more value, named as the catalogue names it.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        let mut args = std::mem::take(&mut self.args).into_vec();
        args.push((name, value.into()));
        self.args = args.into_boxed_slice();
        self
    }

    /// The catalogue id: stable, and given beside the words in the JSON report.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in words, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let bundle = catalogue(lang);
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            // The catalogue's tests make this unreachable; if it is reached
            // anyway, the id and values still tell what happened.
            return self.fallback(lang);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value: FluentValue = match value {
                Arg::Number(n) => (*n).into(),
                other => other.render(lang).into(),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
    }

    fn fallback(&self, lang: Lang) -> String {
        let values: Vec<String> = self
            .args
            .iter()
            .map(|(name, value)| format!("{name}={}", value.render(lang)))
            .collect();
        format!("{} {}", self.id, values.join(" ")).trim_end().to_string()
    }
}

impl Arg {
    /// The value as text in `lang`.
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Number(n) => n.to_string(),
            Arg::Message(inner) => inner.render(lang),
            Arg::List(items) => {
                let items: Vec<String> = items.iter().map(|item| item.render(lang)).collect();
                items.join(match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                })
            }
        }
    }
}

/// A [`Message`] as a file keeps it: the id and value names as text.
#[derive(Serialize, Deserialize)]
struct StoredMessage {
    id: String,
    args: Vec<(String, Arg)>,
}

impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredMessage {
            id: self.id.to_string(),
            args: self
                .args
                .iter()
                .map(|(name, value)| (name.to_string(), value.clone()))
                .collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Message::try_from(StoredMessage::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<StoredMessage> for Message {
    type Error = String;

    fn try_from(stored: StoredMessage) -> Result<Self, Self::Error> {
        let id = catalogue_text(&stored.id, "")
            .filter(|id| catalogue(Lang::En).has_message(id))
            .ok_or_else(|| format!("the catalogue has no message {}", stored.id))?;
        let args = stored
            .args
            .into_iter()
            .map(|(name, value)| {
                let name = catalogue_text(&name, "$").ok_or_else(|| format!("the catalogue has no value {name}"))?;
                Ok((name, value))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Message {
            id,
            args: args.into_boxed_slice(),
        })
    }
}

/// The catalogue's own copy of `word`, found after `before` in its English
/// files: a message read back from a file gets its id and value names, which
/// code gives as `&'static str`, from the text compiled into the binary.
fn catalogue_text(word: &str, before: &str) -> Option<&'static str> {
    if word.is_empty() {
        return None;
    }
    let needle = format!("{before}{word}");
    EN.iter().find_map(|(_, text)| {
        let at = text.find(&needle)? + before.len();
        text.get(at..at + word.len())
    })
}

/// In the language of the run ([`language`]).
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<std::path::Display<'_>> for Arg {
    fn from(path: std::path::Display<'_>) -> Self {
        Arg::Text(path.to_string())
    }
}

impl<T: Into<Arg>> From<Vec<T>> for Arg {
    fn from(items: Vec<T>) -> Self {
        Arg::List(items.into_iter().map(Into::into).collect())
    }
}

impl From<&[String]> for Arg {
    fn from(items: &[String]) -> Self {
        Arg::List(items.iter().map(Into::into).collect())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(Box::new(message))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(usize, u64, u32, u16, u8, i64, i32);

/// A [`Message`]: `msg!("no-title")`, `msg!("unknown-key", key = name, line = 3)`.
/// Each value is named as the catalogue's `{ $key }` names it.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id) $(.with(stringify!($name), $value))*
    };
}

/// The catalogue's files, by language: `(name, text)`.
const ZH: &[(&str, &str)] = &[
    ("common", include_str!("i18n/zh-CN/common.ftl")),
    ("cli", include_str!("i18n/zh-CN/cli.ftl")),
    ("front-matter", include_str!("i18n/zh-CN/front-matter.ftl")),
    ("config", include_str!("i18n/zh-CN/config.ftl")),
    ("theme", include_str!("i18n/zh-CN/theme.ftl")),
    ("markdown", include_str!("i18n/zh-CN/markdown.ftl")),
    ("images", include_str!("i18n/zh-CN/images.ftl")),
    ("content", include_str!("i18n/zh-CN/content.ftl")),
    ("site", include_str!("i18n/zh-CN/site.ftl")),
    ("output", include_str!("i18n/zh-CN/output.ftl")),
    ("lint", include_str!("i18n/zh-CN/lint.ftl")),
    ("scaffold", include_str!("i18n/zh-CN/scaffold.ftl")),
    ("serve", include_str!("i18n/zh-CN/serve.ftl")),
    ("attachments", include_str!("i18n/zh-CN/attachments.ftl")),
    ("shortcodes", include_str!("i18n/zh-CN/shortcodes.ftl")),
    ("archives", include_str!("i18n/zh-CN/archives.ftl")),
    ("editions", include_str!("i18n/zh-CN/editions.ftl")),
];
const EN: &[(&str, &str)] = &[
    ("common", include_str!("i18n/en/common.ftl")),
    ("cli", include_str!("i18n/en/cli.ftl")),
    ("front-matter", include_str!("i18n/en/front-matter.ftl")),
    ("config", include_str!("i18n/en/config.ftl")),
    ("theme", include_str!("i18n/en/theme.ftl")),
    ("markdown", include_str!("i18n/en/markdown.ftl")),
    ("images", include_str!("i18n/en/images.ftl")),
    ("content", include_str!("i18n/en/content.ftl")),
    ("site", include_str!("i18n/en/site.ftl")),
    ("output", include_str!("i18n/en/output.ftl")),
    ("lint", include_str!("i18n/en/lint.ftl")),
    ("scaffold", include_str!("i18n/en/scaffold.ftl")),
    ("serve", include_str!("i18n/en/serve.ftl")),
    ("attachments", include_str!("i18n/en/attachments.ftl")),
    ("shortcodes", include_str!("i18n/en/shortcodes.ftl")),
    ("archives", include_str!("i18n/en/archives.ftl")),
    ("editions", include_str!("i18n/en/editions.ftl")),
];

/// The catalogue's files for `lang`, for the tests that compare languages.
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => ZH,
        Lang::En => EN,
    }
}

/// The bundle for `lang`, parsed on first use.
fn catalogue(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static ZH_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH_BUNDLE,
        Lang::En => &EN_BUNDLE,
    };
    cell.get_or_init(|| bundle(lang))
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let locale = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Unicode isolation marks around values help right-to-left scripts and
    // only get in the way of terminals and CI logs here.
    bundle.set_use_isolating(false);
    for (_, text) in sources(lang) {
        // A file that does not parse, or an id given twice, fails the tests;
        // what parsed is still used.
        let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

#[cfg(test)]
mod tests;
