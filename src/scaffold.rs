//! `jianbao init` and `jianbao new`: a site, or an article, that is valid from
//! the first save.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::config::{self, CONFIG_FILE, Config, Overrides};
use crate::content::front_matter::{self, Kind};
use crate::error::{Area, Diagnostic, did_you_mean, io_error};
use crate::i18n::Message;
use crate::msg;

/// The site.yaml of a new site: every key explained, districts to replace.
const NEW_SITE_YAML: &str = "\
# The bulletin's settings. Every key is shown with its default; a line starting with # is
# off. `jianbao theme export` writes out the built-in theme to change it.
title: 新简报
description: 社区新闻
base_url: https://example.org/      # the address the bulletin is published at
language: zh-CN
theme: default                      # built into jianbao; no themes/ folder needed
paginate: 20                        # articles per list page
# feed_limit: 20                    # entries per Atom feed
# utc_offset: \"+08:00\"              # the zone dates are shown and filed in
search: true                        # a search page at /search/ and its index
# The districts articles may name, with the towns that belong to each.
districts:
  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }
  崇明区: { slug: chongming, aliases: [崇明县] }
# Your own URL for a tag, town or column whose pinyin `jianbao check` calls a guess:
# slugs:
#   庄行镇: zhuang-hang-zhen
# Addresses a tag, town or column had before, each redirected to the current one:
# old_slugs:
#   民宿: [min-su-2]
# markdown: { unsafe_html: false, highlight: true }
# The newsroom lints of `jianbao check`, all on; switch one off with `false`:
# lints: { number-mismatch: true, column-break: true, half-width-punctuation: true,
#          mixed-quotes: true, brief-too-long: true, no-byline: true, town-not-in-district: true,
#          image-no-alt: true, link-empty-text: true, pinyin-guess: true, ordinal-mark: true,
#          year-zero: true, range-mark: true, doc-number: true, mixed-numerals: true,
#          date-numerals: true, nested-quotes: true, ordinal-level: true, dash: true,
#          measure-numerals: true, brief_limit: 300 }
# extra: { editor: 编辑部 }          # anything your own templates read as site.extra
";

/// [`NEW_SITE_YAML`] for a run in Chinese: the same keys, explained in Chinese.
const NEW_SITE_YAML_ZH: &str = "\
# 简报的站点设置。每一项都写出了默认值；以 # 开头的行不起作用。
# 要修改内置主题，先运行 `jianbao theme export` 把它写出来。
title: 新简报
description: 社区新闻
base_url: https://example.org/      # 简报发布的网址
language: zh-CN                     # 页面的语言，也是 jianbao 提示信息的语言（en 为英文）
theme: default                      # jianbao 内置的主题，不需要 themes/ 文件夹
paginate: 20                        # 列表每页的文章数
# feed_limit: 20                    # 每个 Atom 订阅源的条数
# utc_offset: \"+08:00\"              # 显示和归档日期所用的时区
search: true                        # 在 /search/ 提供站内搜索
# 文章可以写的区，以及各区所辖的镇（街道）：
districts:
  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }
  崇明区: { slug: chongming, aliases: [崇明县] }
# 标签、镇或栏目的拼音 `jianbao check` 拿不准时，在这里给出网址名：
# slugs:
#   庄行镇: zhuang-hang-zhen
# 标签、镇或栏目以前用过的网址名，旧网址会跳转到现在的页面：
# old_slugs:
#   民宿: [min-su-2]
# markdown: { unsafe_html: false, highlight: true }
# `jianbao check` 的编辑部检查项，默认全开；写 false 关掉某一项：
# lints: { number-mismatch: true, column-break: true, half-width-punctuation: true,
#          mixed-quotes: true, brief-too-long: true, no-byline: true, town-not-in-district: true,
#          image-no-alt: true, link-empty-text: true, pinyin-guess: true, ordinal-mark: true,
#          year-zero: true, range-mark: true, doc-number: true, mixed-numerals: true,
#          date-numerals: true, nested-quotes: true, ordinal-level: true, dash: true,
#          measure-numerals: true, brief_limit: 300 }
# extra: { editor: 编辑部 }          # 自己的模板可以用 site.extra 读到的任何内容
";

/// Creates a new site in `dir`: site.yaml, a first article, and a .gitignore.
/// Refuses a folder that already has a site.yaml.
pub fn init(dir: &Path, today: chrono::NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Diagnostic::error(
            Area::Config,
            dir.join(CONFIG_FILE),
            0,
            0,
            msg!("scaffold-init-site-exists"),
        )
        .with_hint(msg!("scaffold-init-site-exists-hint")));
    }
    let article_rel = format!("content/{}/welcome.md", today.format("%Y/%m"));
    let article = format!(
        "---\ntitle: 欢迎使用简报\ndate: {}\ndistrict: 松江区\ntowns: [洞泾镇]\ntags: [简报]\nbyline: [{{ role: 编辑, name: 编辑部 }}]\n---\n\
这是第一篇文章。把它改成你们的新闻，或者用 `jianbao new` 写一篇新的。\n\n\
<!-- more -->\n\n## 怎么预览\n\n在这个文件夹里运行 `jianbao serve`，然后在浏览器里打开它显示的地址；保存文章，页面会自己刷新。\n",
        today.format("%Y-%m-%d")
    );
    let files = [
        (
            CONFIG_FILE.to_string(),
            new_site_yaml(crate::i18n::language()).to_string(),
        ),
        (article_rel, article),
        (
            ".gitignore".into(),
            concat!("/public\n/.public.*\n/", cache_folder!(), "\n").into(),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
        }
        fs::write(&path, text).map_err(|e| io_error(&path, msg!("io-write"), &e))?;
        written.push(path);
    }
    Ok(written)
}

/// The site.yaml of a new site, its comments in `lang`.
fn new_site_yaml(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::Zh => NEW_SITE_YAML_ZH,
        crate::i18n::Lang::En => NEW_SITE_YAML,
    }
}

/// Writes the built-in theme into `dir` (`themes/default` of a site makes
/// `theme: default` use it), for a site to change. Refuses a folder that
/// already has files, so that nobody's edits are overwritten.
pub fn export_theme(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let has_files = fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if has_files {
        return Err(
            Diagnostic::error(Area::Io, dir, 0, 0, msg!("scaffold-export-not-empty"))
                .with_hint(msg!("scaffold-export-not-empty-hint")),
        );
    }
    let mut written = Vec::new();
    for (rel, bytes) in crate::render::theme::builtin_files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, msg!("io-create-folder"), &e))?;
        }
        fs::write(&path, bytes).map_err(|e| io_error(&path, msg!("io-write"), &e))?;
        written.push(path);
    }
    Ok(written)
}

/// What `jianbao new` is asked for.
#[derive(Clone, Debug, Default)]
pub struct NewArticle {
    pub title: String,
    pub district: String,
    pub kind: Option<Kind>,
    pub tags: Vec<String>,
    pub towns: Vec<String>,
    pub column: Option<String>,
    /// The edition to put it in, if any.
    pub issue: Option<EditionChoice>,
}

/// Which edition `jianbao new --issue` puts an article in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionChoice {
    /// The edition with the highest number.
    Newest,
    Number(u32),
}

/// The items of a `--tags` or `--towns` list, trimmed, with each that the input
/// method's `，` or `、` joined (`--tags 消防安全，演练`) split; and a note for each
/// split, to tell the editor.
pub fn split_list(option: &str, values: &[String]) -> (Vec<String>, Vec<Message>) {
    let mut items = Vec::new();
    let mut notes = Vec::new();
    for value in values {
        let value = value.trim();
        match crate::yaml::split_term(value) {
            Some(joined) => {
                notes.push(msg!(
                    "new-list-split",
                    option = option,
                    value = value,
                    separator = joined.separator.to_string(),
                    parts = joined.parts.clone()
                ));
                items.extend(joined.parts);
            }
            None if value.is_empty() => {}
            None => items.push(value.to_string()),
        }
    }
    (items, notes)
}

/// Writes a new article at `path` (relative to the site `root`, under content/)
/// with complete front matter dated today in the site's time zone. Refuses to
/// overwrite, and checks the district against site.yaml.
pub fn new_article(root: &Path, path: &Path, article: &NewArticle) -> Result<PathBuf, Vec<Diagnostic>> {
    let config = config::load_config(root, &Overrides::default()).map_err(|d| d.into_iter().collect::<Vec<_>>())?;
    let target = root.join(path);
    let shown = path.to_path_buf();
    let problem = |message: Message, hint: Message| {
        vec![Diagnostic::error(Area::Content, shown.clone(), 0, 0, message).with_hint(hint)]
    };
    if !path.starts_with("content") || path.extension().is_none_or(|e| e != "md") {
        return Err(problem(
            msg!("scaffold-new-not-markdown", path = path.display()),
            msg!("scaffold-new-not-markdown-hint"),
        ));
    }
    if path.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(problem(
            msg!("scaffold-new-outside-site"),
            msg!("scaffold-new-outside-site-hint"),
        ));
    }
    if target.exists() {
        return Err(problem(
            msg!("scaffold-new-exists", path = path.display()),
            msg!("scaffold-new-exists-hint"),
        ));
    }
    let district = check_district(&config, &article.district).map_err(|(message, hint)| problem(message, hint))?;
    if article.title.trim().is_empty() {
        return Err(problem(
            msg!("scaffold-new-no-title"),
            msg!("scaffold-new-no-title-hint"),
        ));
    }
    let issue = match article.issue {
        Some(choice) => Some(edition_number(root, &config, choice).map_err(|(message, hint)| problem(message, hint))?),
        None => None,
    };
    let today = Utc::now().with_timezone(&config.utc_offset).date_naive();
    let text = front_matter_text(article, &district, issue, today);
    // Never hand an editor a file the build would reject.
    let split = front_matter::split(&text).map_err(|p| problem(p.message, msg!("scaffold-new-bug-hint")))?;
    if let Err(problems) = front_matter::parse(split.yaml, split.yaml_line, &config) {
        return Err(problems
            .into_iter()
            .map(|p| Diagnostic::error(Area::Content, shown.clone(), p.line, p.column, p.message))
            .collect());
    }
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| vec![io_error(parent, msg!("io-create-folder"), &e)])?;
    }
    fs::write(&target, text).map_err(|e| vec![io_error(&target, msg!("io-write"), &e)])?;
    Ok(target)
}

/// The number of the edition `choice` names, which a file of issues/ must declare.
fn edition_number(root: &Path, config: &Config, choice: EditionChoice) -> Result<u32, (Message, Message)> {
    let declared = crate::editions::declared_numbers(root, config);
    match choice {
        EditionChoice::Newest => declared.last().copied().ok_or_else(|| {
            (
                msg!("scaffold-new-no-edition"),
                msg!("edition-unknown-none-hint", number = 1),
            )
        }),
        EditionChoice::Number(n) if declared.contains(&n) => Ok(n),
        EditionChoice::Number(n) => {
            let hint = if declared.is_empty() {
                msg!("edition-unknown-none-hint", number = n)
            } else {
                let list = declared.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                msg!("edition-unknown-hint", number = n, declared = list)
            };
            Err((msg!("scaffold-new-unknown-edition", number = n), hint))
        }
    }
}

fn check_district(config: &Config, name: &str) -> Result<String, (Message, Message)> {
    if config.district(name.trim()).is_some() {
        return Ok(name.trim().to_string());
    }
    let hint = match did_you_mean(name, config.district_names()) {
        Some(near) => msg!("scaffold-new-district-near-hint", near = near),
        None => {
            let names: Vec<&str> = config.districts.iter().map(|d| d.name.as_str()).collect();
            msg!("scaffold-new-district-list-hint", names = names)
        }
    };
    Err((msg!("scaffold-new-unknown-district", name = name), hint))
}

/// A YAML scalar for `value`, quoted only where YAML needs it.
fn scalar(value: &str) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{value:?}"))
}

fn list(values: &[String]) -> String {
    format!("[{}]", values.iter().map(|v| scalar(v)).collect::<Vec<_>>().join(", "))
}

fn front_matter_text(article: &NewArticle, district: &str, issue: Option<u32>, today: chrono::NaiveDate) -> String {
    let mut lines = vec![
        "---".to_string(),
        format!("title: {}", scalar(article.title.trim())),
        format!("date: {}", today.format("%Y-%m-%d")),
        format!("district: {}", scalar(district)),
    ];
    if !article.towns.is_empty() {
        lines.push(format!("towns: {}", list(&article.towns)));
    }
    if let Some(column) = &article.column {
        lines.push(format!("column: {}", scalar(column)));
    }
    lines.push(format!("kind: {}", article.kind.unwrap_or_default().as_str()));
    if !article.tags.is_empty() {
        lines.push(format!("tags: {}", list(&article.tags)));
    }
    if let Some(issue) = issue {
        lines.push(format!("issue: {issue}"));
    }
    // Notes for the editor, in the language of the run.
    lines.push(format!(
        "byline: []            # {}",
        msg!("scaffold-new-byline-comment")
    ));
    lines.push(format!(
        "draft: true           # {}",
        msg!("scaffold-new-draft-comment")
    ));
    lines.push("---".into());
    lines.push("本报讯 ".into());
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), chrono::NaiveDate::from_ymd_opt(2013, 11, 3).unwrap()).unwrap();
        dir
    }

    #[test]
    fn the_new_site_yaml_says_the_same_in_both_languages() {
        let value = |text: &str| serde_yaml::from_str::<serde_yaml::Value>(text).expect("valid YAML");
        assert_eq!(value(NEW_SITE_YAML), value(NEW_SITE_YAML_ZH));
        // The keys shown switched off are the same too.
        let off = |text: &str| -> Vec<String> {
            text.lines()
                .filter_map(|l| l.strip_prefix("# "))
                .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()) || l.starts_with("  "))
                .filter(|l| l.contains(':'))
                .map(|l| l.split('#').next().unwrap_or_default().trim_end().to_string())
                .collect()
        };
        assert_eq!(off(NEW_SITE_YAML), off(NEW_SITE_YAML_ZH));
        assert!(off(NEW_SITE_YAML).len() >= 6, "{:?}", off(NEW_SITE_YAML));
    }

    #[test]
    fn init_refuses_an_existing_site() {
        let dir = site();
        let err = init(dir.path(), chrono::NaiveDate::from_ymd_opt(2013, 11, 3).unwrap()).unwrap_err();
        assert_eq!(err.text(), "there is already a site here");
    }

    #[test]
    fn new_article_has_valid_front_matter_with_quoting() {
        let dir = site();
        let a = NewArticle {
            title: "标题: 带冒号 #和井号".into(),
            district: "崇明县".into(),
            kind: Some(Kind::Brief),
            tags: vec!["消防".into(), "a, b".into()],
            ..Default::default()
        };
        let path = new_article(dir.path(), Path::new("content/2013/11/x.md"), &a).unwrap();
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains("title: '标题: 带冒号 #和井号'"), "{text}");
        assert!(text.contains("kind: brief"));
        assert!(
            text.contains("draft: true           # remove this line to publish"),
            "{text}"
        );
        let err = new_article(dir.path(), Path::new("content/2013/11/x.md"), &a).unwrap_err();
        assert!(err[0].message.to_string().contains("already exists"));
    }

    #[test]
    fn new_article_checks_the_district() {
        let dir = site();
        let a = NewArticle {
            title: "标题".into(),
            district: "松江".into(),
            ..Default::default()
        };
        let err = new_article(dir.path(), Path::new("content/x.md"), &a).unwrap_err();
        assert_eq!(err[0].text(), "unknown district 松江");
        assert_eq!(
            err[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean 松江区?")
        );
    }

    #[test]
    fn lists_joined_by_the_input_method_are_split() {
        use crate::i18n::Lang;
        let given = [
            "消防安全，演练".to_string(),
            " 应急 ".into(),
            String::new(),
            "莘庄镇、七宝镇".into(),
        ];
        let (items, notes) = split_list("--tags", &given);
        assert_eq!(items, ["消防安全", "演练", "应急", "莘庄镇", "七宝镇"]);
        let shown = |lang| notes.iter().map(|n| n.render(lang)).collect::<Vec<_>>();
        assert_eq!(
            shown(Lang::En),
            [
                "--tags 消防安全，演练: split at `，` into 消防安全, 演练",
                "--tags 莘庄镇、七宝镇: split at `、` into 莘庄镇, 七宝镇"
            ]
        );
        assert_eq!(
            shown(Lang::Zh),
            [
                "--tags 消防安全，演练：已在“，”处分成 消防安全、演练",
                "--tags 莘庄镇、七宝镇：已在“、”处分成 莘庄镇、七宝镇"
            ]
        );
    }

    #[test]
    fn new_article_stays_under_content() {
        let dir = site();
        let a = NewArticle {
            title: "标题".into(),
            district: "松江区".into(),
            ..Default::default()
        };
        assert!(new_article(dir.path(), Path::new("notes/x.md"), &a).is_err());
        assert!(new_article(dir.path(), Path::new("content/../x.md"), &a).is_err());
    }

    #[test]
    fn problems_are_told_in_chinese() {
        use crate::i18n::Lang;
        let dir = site();
        let err = init(dir.path(), chrono::NaiveDate::from_ymd_opt(2013, 11, 3).unwrap()).unwrap_err();
        assert_eq!(
            format!(
                "{}\n{}",
                err.message.render(Lang::Zh),
                err.hint.unwrap().render(Lang::Zh)
            ),
            "这里已经有一个站点了\n换一个空文件夹，或者新建一个文件夹"
        );
        let a = NewArticle {
            title: "标题".into(),
            district: "松江".into(),
            ..Default::default()
        };
        let err = new_article(dir.path(), Path::new("content/x.md"), &a).unwrap_err();
        assert_eq!(
            err[0].render(Lang::Zh),
            "content/x.md: 错误：站点设置（site.yaml）里没有“松江”这个区\n  提示：是不是想写松江区？"
        );
        let far = NewArticle {
            district: "火星".into(),
            ..a.clone()
        };
        let err = new_article(dir.path(), Path::new("content/x.md"), &far).unwrap_err();
        assert_eq!(
            err[0].render(Lang::Zh),
            "content/x.md: 错误：站点设置（site.yaml）里没有“火星”这个区\n  提示：站点设置（site.yaml）里的区有：松江区、崇明区"
        );
        assert_eq!(
            err[0].hint.as_ref().unwrap().render(Lang::En),
            "site.yaml lists 松江区, 崇明区"
        );
        let err = new_article(dir.path(), Path::new("notes/x.md"), &a).unwrap_err();
        assert_eq!(
            err[0].render(Lang::Zh),
            "notes/x.md: 错误：notes/x.md 不是 content/ 下面的 Markdown 文件\n  提示：照这样写文件名：content/2013/11/fengjing.md"
        );
        let untitled = NewArticle {
            title: " ".into(),
            district: "松江区".into(),
            ..a.clone()
        };
        let err = new_article(dir.path(), Path::new("content/x.md"), &untitled).unwrap_err();
        assert_eq!(
            err[0].render(Lang::Zh),
            "content/x.md: 错误：标题是空的\n  提示：用 --title 写上标题"
        );
        let theme = export_theme(dir.path()).unwrap_err();
        assert_eq!(theme.message.render(Lang::Zh), "这个文件夹不是空的");
    }
}
