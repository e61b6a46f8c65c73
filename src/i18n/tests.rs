//! The catalogue is complete: every message in both languages, with the same
//! values, and every message code names is there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

/// Each message of a language's files: id → the values it uses.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    for (file, text) in sources(lang) {
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with(char::is_alphabetic)
                && let Some((id, _)) = line.split_once('=')
            {
                let id = id.trim().to_string();
                assert!(
                    found.insert(id.clone(), BTreeSet::new()).is_none(),
                    "{lang:?} {file}.ftl: `{id}` is given twice"
                );
                current = Some(id);
            } else if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(id) = &current {
                let values = found.get_mut(id).expect("inserted above");
                values.extend(variables(line));
            }
        }
    }
    found
}

/// The `$name`s a line of Fluent uses.
fn variables(line: &str) -> Vec<String> {
    line.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        for (file, text) in sources(lang) {
            if let Err((_, errors)) = FluentResource::try_new((*text).to_string()) {
                panic!("{lang:?} {file}.ftl does not parse: {errors:?}");
            }
        }
    }
}

#[test]
fn both_languages_have_the_same_files() {
    let names = |lang| sources(lang).iter().map(|(name, _)| *name).collect::<BTreeSet<_>>();
    assert_eq!(names(Lang::Zh), names(Lang::En));
    for folder in ["en", "zh-CN"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n").join(folder);
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("the catalogue's folder")
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".ftl").map(str::to_string))
            .collect();
        let compiled: BTreeSet<String> = names(Lang::En).into_iter().map(str::to_string).collect();
        assert_eq!(
            on_disk, compiled,
            "{folder}: every .ftl file is compiled in, and only those"
        );
    }
}

#[test]
fn every_message_is_in_both_languages() {
    let zh = messages(Lang::Zh);
    let en = messages(Lang::En);
    let only_zh: Vec<_> = zh.keys().filter(|id| !en.contains_key(*id)).collect();
    let only_en: Vec<_> = en.keys().filter(|id| !zh.contains_key(*id)).collect();
    assert!(only_zh.is_empty(), "in 简体中文 only: {only_zh:?}");
    assert!(only_en.is_empty(), "in English only: {only_en:?}");
}

/// Every `msg!("id", name = …)` in the source: (place, id, names given).
fn uses() -> Vec<(String, String, BTreeSet<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n.rs") || path.starts_with(src.join("i18n"))
        {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("msg!(") {
            let line = text[..text.len() - rest.len() + at].lines().count();
            let (call, after) = call_arguments(&rest[at + 5..]);
            rest = after;
            let mut parts = call.into_iter();
            let Some(id) = parts.next() else { continue };
            let Some(id) = id.trim().strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
                panic!("{}:{line}: msg! needs the id as a literal", path.display());
            };
            let names = parts
                .filter_map(|p| p.split_once('=').map(|(name, _)| name.trim().to_string()))
                .filter(|name| !name.is_empty())
                .collect();
            found.push((format!("{}:{line}", path.display()), id.to_string(), names));
        }
    }
    found
}

/// The top-level comma-separated arguments of a call whose `(` was just
/// read, and the text after its `)`. Strings and brackets are skipped whole.
fn call_arguments(text: &str) -> (Vec<String>, &str) {
    let mut depth = 0usize;
    let mut parts = vec![String::new()];
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let part = parts.last_mut().expect("one part");
                part.push(c);
                while let Some((_, s)) = chars.next() {
                    part.push(s);
                    if s == '\\' {
                        if let Some((_, escaped)) = chars.next() {
                            part.push(escaped);
                        }
                    } else if s == '"' {
                        break;
                    }
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return (parts, &text[i + 1..]),
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("one part").push(c);
    }
    (parts, "")
}

#[test]
fn every_message_code_names_exists_with_the_values_it_uses() {
    // A language may leave a value out (Chinese has no plural to choose), but
    // code must give every value either language uses.
    let mut catalogue = messages(Lang::En);
    for (id, values) in messages(Lang::Zh) {
        catalogue.entry(id).or_default().extend(values);
    }
    let mut problems = Vec::new();
    for (place, id, given) in uses() {
        match catalogue.get(&id) {
            None => problems.push(format!("{place}: no message `{id}` in the catalogue")),
            Some(used) => {
                let missing: Vec<_> = used.difference(&given).collect();
                if !missing.is_empty() {
                    problems.push(format!("{place}: `{id}` needs {missing:?}, given {given:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_in_the_catalogue_is_used() {
    let used: BTreeSet<String> = uses().into_iter().map(|(_, id, _)| id).collect();
    let unused: Vec<_> = messages(Lang::En).into_keys().filter(|id| !used.contains(id)).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn messages_are_put_into_words_in_the_chosen_language() {
    let m = crate::msg!("build-failed", count = 2, output = "public");
    assert_eq!(
        m.render(Lang::En),
        "build failed with 2 errors; public was left as it was"
    );
    assert_eq!(m.render(Lang::Zh), "构建失败，共 2 处错误；public 保持原样，未被改动");
    let one = crate::msg!("build-failed", count = 1, output = "public");
    assert_eq!(
        one.render(Lang::En),
        "build failed with 1 error; public was left as it was"
    );
}

#[test]
fn the_language_follows_the_flag_then_site_yaml_then_the_locale() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    };
    let english_locale = env(&[("LANG", "en_US.UTF-8")]);
    assert_eq!(Lang::choose(Some(Lang::Zh), Some("en"), &english_locale), Lang::Zh);
    assert_eq!(Lang::choose(None, Some("zh-CN"), &english_locale), Lang::Zh);
    assert_eq!(Lang::choose(None, None, &english_locale), Lang::En);
    assert_eq!(Lang::choose(None, Some("fr"), &english_locale), Lang::En);
    assert_eq!(
        Lang::choose(None, None, &env(&[("LC_ALL", "zh_TW.UTF-8"), ("LANG", "en_US")])),
        Lang::Zh
    );
    assert_eq!(Lang::choose(None, None, &env(&[("LANG", "C.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::choose(None, None, &env(&[])), Lang::Zh);
}

#[test]
fn a_message_inside_a_message_speaks_the_same_language() {
    let inner = crate::msg!("build-failed", count = 3, output = "out");
    let m = Message::new("build-failed").with("count", 1).with("output", inner);
    assert!(m.render(Lang::Zh).contains("构建失败，共 3 处错误"));
}

#[test]
fn site_yaml_declares_its_language_even_with_mistakes_elsewhere() {
    assert_eq!(
        declared_language("title: 闵行简报\nlanguage: zh-CN\n").as_deref(),
        Some("zh-CN")
    );
    assert_eq!(
        declared_language("title：x\nlanguage：\"en\"  # 英文\n").as_deref(),
        Some("en")
    );
    assert_eq!(declared_language("title: x\n  language: en\n"), None);
    assert_eq!(declared_language("languages: en\n"), None);
}

#[test]
fn a_message_kept_in_a_file_reads_back_the_same() {
    let message = crate::msg!(
        "io-error",
        action = crate::msg!("output-io-write-record"),
        reason = "磁盘已满（闵行区）"
    );
    let json = serde_json::to_string(&message).expect("serialise");
    let back: Message = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, message);
    assert_eq!(back.render(Lang::Zh), message.render(Lang::Zh));
}

#[test]
fn a_message_the_catalogue_does_not_have_is_refused() {
    let unknown_id = r#"{"id":"no-such-message","args":[]}"#;
    assert!(serde_json::from_str::<Message>(unknown_id).is_err());
    let unknown_value = r#"{"id":"io-error","args":[["no_such_value",{"Text":"x"}]]}"#;
    assert!(serde_json::from_str::<Message>(unknown_value).is_err());
    let empty = r#"{"id":"","args":[]}"#;
    assert!(serde_json::from_str::<Message>(empty).is_err());
}
