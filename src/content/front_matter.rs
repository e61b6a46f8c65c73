//! Front matter: split from the body, parsed as written, then validated into
//! values that cannot be wrong (a real date, a known district, a URL-safe slug).
//!
//! Every problem is reported with the line of its key, and validation goes on
//! after the first one so that an editor sees them all in one run.
//!
//! This module owns the keys, the shapes front matter is read into, the
//! splitting at the `---` fences and the validation of each key; `date` owns
//! how a `date:` is read and why one is not a date.

mod date;

use crate::i18n::Message;
use crate::msg;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

pub use date::parse_date;
use date::written_otherwise;

use super::aliases::{self, Alias};
use crate::config::{Config, DistrictId};
use crate::error::did_you_mean;
use crate::slug;
use crate::yaml::{self, YamlProblem};

/// The keys an article's front matter may have.
pub const KEYS: &[&str] = &[
    "title", "subtitle", "kicker", "date", "district", "towns", "column", "kind", "tags", "byline", "image", "slug",
    "aliases", "draft", "summary", "issue", "lints",
];

/// Front matter as the editor wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    subtitle: Option<String>,
    kicker: Option<String>,
    date: Option<String>,
    district: Option<String>,
    #[serde(default)]
    towns: Vec<String>,
    column: Option<String>,
    kind: Option<Kind>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    byline: Vec<Byline>,
    image: Option<Image>,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    draft: bool,
    summary: Option<String>,
    issue: Option<u32>,
    lints: Option<RawLints>,
}

/// `lints: { off: [no-byline] }`: the newsroom lints this article is spared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLints {
    #[serde(default)]
    off: Vec<String>,
}

/// What sort of item an article is; themes lay each out differently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A longer piece, often in a column.
    Feature,
    #[default]
    News,
    /// Short news (短讯), listed together on /briefs/.
    Brief,
    /// A photo item, led by its picture.
    Photo,
}

impl Kind {
    /// The name used in front matter and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feature => "feature",
            Kind::News => "news",
            Kind::Brief => "brief",
            Kind::Photo => "photo",
        }
    }
}

/// One credit of the byline: a role such as 记者 or 通讯员, and a name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Byline {
    pub role: String,
    pub name: String,
}

/// The lead picture of an article.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Path relative to the article's file.
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

/// Validated front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub subtitle: Option<String>,
    pub kicker: Option<String>,
    pub date: DateTime<FixedOffset>,
    /// The district, as the site's configuration resolved its name.
    pub district: DistrictId,
    pub towns: Vec<String>,
    pub column: Option<String>,
    pub kind: Kind,
    pub tags: Vec<String>,
    pub byline: Vec<Byline>,
    pub image: Option<Image>,
    pub slug: Option<String>,
    pub draft: bool,
    pub summary: Option<String>,
    /// The number of the edition (期) the article is in, when it says so
    /// itself rather than being listed in the edition's file.
    pub issue: Option<u32>,
    /// The ids of the newsroom lints switched off for this article alone.
    pub lints_off: Vec<String>,
}

/// A problem in front matter, at a line and column of the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterProblem {
    pub line: usize,
    pub column: usize,
    pub message: Message,
    pub hint: Option<Message>,
}

/// A file split into its front matter and body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at its `---` fences. `text` has had any BOM and CR removed.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterProblem> {
    let problem = |line, message: Message, hint: Message| FrontMatterProblem {
        line,
        column: 1,
        message,
        hint: Some(hint),
    };
    if text.trim().is_empty() {
        return Err(problem(1, msg!("fm-empty-file"), msg!("fm-empty-file-hint")));
    }
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Err(problem(1, msg!("fm-no-front-matter"), msg!("fm-no-front-matter-hint")));
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(problem(1, msg!("fm-not-closed"), msg!("fm-not-closed-hint")))
}

/// Parses and validates front matter. `yaml_line` is where it starts in the file.
pub fn parse(yaml_text: &str, yaml_line: usize, config: &Config) -> Result<FrontMatter, Vec<FrontMatterProblem>> {
    read(yaml_text, yaml_line, config).map(|read| read.front)
}

/// Front matter read from a file: its values, and what else was found on the way.
#[derive(Clone, Debug)]
pub struct ReadFrontMatter {
    pub front: FrontMatter,
    /// The article's former addresses (`aliases:`), each with its place in the file.
    pub aliases: Vec<Alias>,
    /// What was mended rather than refused: a `，` between tags, a tag of two.
    pub warnings: Vec<FrontMatterProblem>,
}

/// Like [`parse`], with the article's former addresses and the warnings.
pub fn read(yaml_text: &str, yaml_line: usize, config: &Config) -> Result<ReadFrontMatter, Vec<FrontMatterProblem>> {
    let document: yaml::Document<RawFrontMatter> = yaml::parse_document(yaml_text, KEYS, example)
        .map_err(|ps| ps.into_iter().map(|p| at_file_line(p, yaml_line)).collect::<Vec<_>>())?;
    let raw = document.value;
    let mut v = Validator {
        text: &document.text,
        first_line: yaml_line,
        problems: Vec::new(),
        warnings: document
            .warnings
            .into_iter()
            .map(|p| at_file_line(p, yaml_line))
            .collect(),
    };
    let title = v.title(raw.title);
    let date = v.date(raw.date.as_deref(), config.utc_offset);
    let district = v.district(raw.district.as_deref(), config);
    v.no_empty_items("towns", &raw.towns);
    v.no_empty_items("tags", &raw.tags);
    let towns = v.split_terms("towns", msg!("fm-noun-town"), raw.towns);
    let tags = v.split_terms("tags", msg!("fm-noun-tag"), raw.tags);
    let slug = v.slug(raw.slug);
    let aliases = v.aliases(&raw.aliases);
    let issue = v.issue(raw.issue);
    let lints_off = v.lints_off(raw.lints.map(|l| l.off).unwrap_or_default());
    for (i, b) in raw.byline.iter().enumerate() {
        if b.name.trim().is_empty() {
            v.problem(
                "byline",
                msg!("fm-credit-no-name", number = i + 1),
                Some(yaml::write_like("byline: [{ role: 记者, name: 卢连明 }]")),
            );
        }
    }
    if let Some(image) = &raw.image {
        let src = image.src.trim();
        if src.is_empty() {
            v.problem("image", msg!("fm-image-no-src"), Some(msg!("fm-image-src-hint")));
        } else if !is_safe_image_src(src) {
            v.problem(
                "image",
                msg!("fm-image-src-unsafe", src = src),
                Some(msg!("fm-image-src-hint")),
            );
        }
    }
    let (Some(title), Some(date), Some(district)) = (title, date, district) else {
        return Err(v.problems);
    };
    if !v.problems.is_empty() {
        return Err(v.problems);
    }
    let front = FrontMatter {
        title,
        subtitle: non_empty(raw.subtitle),
        kicker: non_empty(raw.kicker),
        date,
        district,
        towns: dedup(towns),
        column: non_empty(raw.column),
        kind: raw.kind.unwrap_or_default(),
        tags: dedup(tags),
        byline: raw.byline,
        image: raw.image,
        slug,
        draft: raw.draft,
        summary: non_empty(raw.summary),
        issue,
        lints_off,
    };
    Ok(ReadFrontMatter {
        front,
        aliases,
        warnings: v.warnings,
    })
}

/// Whether an image source is a relative file name or an http(s) address:
/// anything else (`javascript:`, `data:`) has no place in a published page.
fn is_safe_image_src(src: &str) -> bool {
    match src.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"),
        _ => !src.contains(['<', '>', '"', '\\']),
    }
}

fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" => "title: 枫泾镇举行职工消防技术、技能比赛",
        "date" => "date: 2013-11-03",
        "district" => "district: 金山区",
        "towns" => "towns: [洞泾镇, 泖港镇]",
        "tags" => "tags: [消防安全, 技能比赛]",
        "kind" => "kind: news",
        "byline" => "byline: [{ role: 通讯员, name: 金领军 }]",
        "image" => "image: { src: drill.jpg, caption: 演练现场, credit: 卢连明 }",
        "draft" => "draft: true",
        "aliases" => "aliases: [/2013/11/old-slug/]",
        "issue" => "issue: 12",
        "lints" => "lints: { off: [no-byline] }",
        _ => return None,
    })
}

fn at_file_line(p: YamlProblem, yaml_line: usize) -> FrontMatterProblem {
    FrontMatterProblem {
        line: p.line + yaml_line - 1,
        column: p.column,
        message: p.message,
        hint: p.hint,
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = item.trim().to_string();
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

struct Validator<'t> {
    text: &'t str,
    first_line: usize,
    problems: Vec<FrontMatterProblem>,
    warnings: Vec<FrontMatterProblem>,
}

impl Validator<'_> {
    /// Splits each item that the input method's `，` or `、` made two
    /// (`- 消防安全、演练`), with a warning at the separator.
    fn split_terms(&mut self, key: &str, noun: Message, items: Vec<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Some(yaml::JoinedTerm { parts, separator, at }) = yaml::split_term(&item) else {
                out.push(item);
                continue;
            };
            let (line, column) = yaml::value_position(self.text, key, &item).unwrap_or((1, 1));
            self.warnings.push(FrontMatterProblem {
                line: line + self.first_line - 1,
                column: column + item[..at].chars().count(),
                message: msg!(
                    "fm-term-split",
                    noun = noun.clone(),
                    item = &item,
                    separator = separator.to_string(),
                    parts = joined(&parts)
                ),
                hint: Some(msg!(
                    "fm-term-split-hint",
                    noun = noun.clone(),
                    line = format!("{key}: [{}]", parts.join(", "))
                )),
            });
            out.extend(parts);
        }
        out
    }

    fn problem(&mut self, key: &str, message: Message, hint: Option<Message>) {
        let line = yaml::key_line(self.text, key).map_or(self.first_line, |l| l + self.first_line - 1);
        self.problems.push(FrontMatterProblem {
            line,
            column: 1,
            message,
            hint,
        });
    }

    fn problem_at_value(&mut self, key: &str, value: &str, message: Message, hint: Option<Message>) {
        let (line, column) = yaml::value_position(self.text, key, value).unwrap_or((1, 1));
        self.problems.push(FrontMatterProblem {
            line: line + self.first_line - 1,
            column,
            message,
            hint,
        });
    }

    fn title(&mut self, value: Option<String>) -> Option<String> {
        let title = non_empty(value);
        if title.is_none() {
            let hint = example("title").map(|e| msg!("fm-add-line-hint", line = e));
            self.problem("title", msg!("fm-no-title"), hint);
        }
        title
    }

    fn date(&mut self, value: Option<&str>, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
        let Some(value) = value else {
            self.problem("date", msg!("fm-no-date"), Some(msg!("fm-no-date-hint")));
            return None;
        };
        match parse_date(value.trim(), offset) {
            Ok(date) => Some(date),
            Err(message) => {
                let (message, hint) = match written_otherwise(value.trim()) {
                    Some(date) => (
                        msg!("fm-date-written-otherwise", text = value.trim()),
                        yaml::write_like(&format!("date: {}", date.format("%Y-%m-%d"))),
                    ),
                    None => (message, msg!("fm-date-hint")),
                };
                self.problem_at_value("date", value, message, Some(hint));
                None
            }
        }
    }

    fn district(&mut self, value: Option<&str>, config: &Config) -> Option<DistrictId> {
        let Some(name) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            self.problem("district", msg!("fm-no-district"), Some(msg!("fm-no-district-hint")));
            return None;
        };
        if let Some(id) = config.district_id(name) {
            return Some(id);
        }
        let hint = match did_you_mean(name, config.district_names()) {
            Some(near) => msg!("fm-district-did-you-mean-hint", name = near),
            None => {
                let names: Vec<&str> = config.districts.iter().map(|d| d.name.as_str()).collect();
                msg!("fm-districts-hint", names = names, name = name)
            }
        };
        self.problem_at_value("district", name, msg!("fm-unknown-district", name = name), Some(hint));
        None
    }

    fn no_empty_items(&mut self, key: &str, items: &[String]) {
        if items.iter().any(|i| i.trim().is_empty()) {
            self.problem(key, msg!("fm-empty-item", what = yaml::key_name(key)), None);
        }
    }

    /// The former addresses, each checked and placed; the same address twice counts once.
    fn aliases(&mut self, written: &[String]) -> Vec<Alias> {
        let mut out: Vec<Alias> = Vec::with_capacity(written.len());
        for value in written {
            let (line, column) = yaml::nested_value_position(self.text, &["aliases"], value).unwrap_or((1, 1));
            let line = line + self.first_line - 1;
            match aliases::alias_path(value) {
                Ok(path) if out.iter().any(|a| a.path == path) => {}
                Ok(path) => out.push(Alias { path, line, column }),
                Err((message, hint)) => self.problems.push(FrontMatterProblem {
                    line,
                    column,
                    message,
                    hint: Some(hint),
                }),
            }
        }
        out
    }

    /// The lint ids of `lints: { off: [...] }`, each one `check` prints; a
    /// problem at each other name, with the closest id.
    fn lints_off(&mut self, ids: Vec<String>) -> Vec<String> {
        let known = || crate::config::LINT_KEYS.iter().copied().filter(|k| k.contains('-'));
        let mut off = Vec::new();
        for id in ids {
            let id = id.trim().to_string();
            if known().any(|k| k == id) {
                off.push(id);
                continue;
            }
            let hint = match did_you_mean(&id, known()) {
                Some(close) => msg!("fm-lint-close-hint", id = close),
                None => msg!("fm-lint-ids-hint", ids = known().collect::<Vec<_>>()),
            };
            let (line, column) = yaml::nested_value_position(self.text, &["lints", "off"], &id).unwrap_or((1, 1));
            self.problems.push(FrontMatterProblem {
                line: line + self.first_line - 1,
                column,
                message: msg!("fm-unknown-lint", id = &id),
                hint: Some(hint),
            });
        }
        off
    }

    /// An edition's number: 1 or more.
    fn issue(&mut self, value: Option<u32>) -> Option<u32> {
        match value {
            Some(0) => {
                self.problem("issue", msg!("fm-issue-zero"), Some(yaml::write_like("issue: 1")));
                None
            }
            other => other,
        }
    }

    fn slug(&mut self, value: Option<String>) -> Option<String> {
        let value = value?;
        if slug::is_valid_slug(&value) {
            return Some(value);
        }
        let suggestion = slug::slugify(&value);
        let hint = if suggestion.is_empty() {
            msg!("fm-slug-rules-hint")
        } else {
            msg!("fm-slug-hint", suggestion = suggestion)
        };
        self.problem_at_value("slug", &value, msg!("fm-bad-slug", value = &value), Some(hint));
        None
    }
}

/// Names in a row as a message: "a and b and c", "“a”“b”“c”".
fn joined(parts: &[String]) -> Message {
    match parts {
        [] => msg!("fm-part", name = ""),
        [only] => msg!("fm-part", name = only),
        [first, rest @ ..] => msg!("fm-parts", first = msg!("fm-part", name = first), rest = joined(rest)),
    }
}

/// Suggests a kind for an unknown `kind:` value.
pub fn kind_names() -> [&'static str; 4] {
    [
        Kind::Feature.as_str(),
        Kind::News.as_str(),
        Kind::Brief.as_str(),
        Kind::Photo.as_str(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Overrides, parse_config};
    use crate::i18n::Lang;

    /// Each problem as the report shows it in Chinese: line, column, message, then the hint.
    fn in_chinese(problems: &[FrontMatterProblem]) -> Vec<String> {
        problems
            .iter()
            .map(|p| {
                let hint = p
                    .hint
                    .as_ref()
                    .map(|h| format!("\n提示：{}", h.render(Lang::Zh)))
                    .unwrap_or_default();
                format!("{}:{}: {}{hint}", p.line, p.column, p.message.render(Lang::Zh))
            })
            .collect()
    }

    fn errors_in_chinese(text: &str) -> Vec<String> {
        in_chinese(&read_file(text).unwrap_err())
    }

    #[test]
    fn front_matter_errors_in_chinese() {
        assert_eq!(
            in_chinese(&[split("正文").unwrap_err()]),
            [
                "1:1: 文件开头没有文章头部（两行 `---` 之间的部分）\n提示：第一行写 `---`，接着写 `title:`、`date:`、`district:` 等几行，再写一行 `---`"
            ]
        );
        assert_eq!(
            in_chinese(&[split("---\ntitle: x\n正文").unwrap_err()]),
            ["1:1: 文章头部没有结束：缺少第二行 `---`\n提示：在文章头部最后一项的下一行加一行 `---`"]
        );
        assert_eq!(
            in_chinese(&[split(" \n").unwrap_err()]),
            ["1:1: 文件是空的\n提示：文章开头是文章头部（两行 `---` 之间的各项），接着是正文"]
        );
        assert_eq!(
            errors_in_chinese("---\nsubtitle: 副\n---\n"),
            [
                "2:1: 文章没有标题\n提示：加一行 `title: 枫泾镇举行职工消防技术、技能比赛`",
                "2:1: 文章没有日期\n提示：加一行日期，例如 `date: 2013-11-03`",
                "2:1: 文章没有写所属的区\n提示：加一行区名，例如 `district: 松江区`",
            ]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江\n---\n"),
            ["4:11: 站点设置（site.yaml）里没有“松江”这个区\n提示：可能是想写“松江区”？改成这样：district: 松江区"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 浦东新区\n---\n"),
            [
                "4:11: 站点设置（site.yaml）里没有“浦东新区”这个区\n提示：site.yaml 里的区有：松江区、崇明区；如果“浦东新区”是新设的区，先把它加到 site.yaml 里"
            ]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-02-30\ndistrict: 松江区\n---\n"),
            [
                "3:7: 2013-02-30 不是有效的日期：2013年2月只有 28 天\n提示：日期写成 2013-11-03；带时间的写成 2013-11-03 09:30"
            ]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-13-01\ndistrict: 松江区\n---\n")[0],
            "3:7: 2013-13-01 不是有效的日期：一年只有 12 个月，没有 13 月\n提示：日期写成 2013-11-03；带时间的写成 2013-11-03 09:30"
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013年11月3日\ndistrict: 松江区\n---\n"),
            ["3:7: 日期“2013年11月3日”的写法不对：年、月、日之间要用短横线 `-` 隔开\n提示：改成这样：date: 2013-11-03"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 下周一\ndistrict: 松江区\n---\n")[0],
            "3:7: `下周一` 不是日期\n提示：日期写成 2013-11-03；带时间的写成 2013-11-03 09:30"
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nsubtitel: 副\n---\n"),
            ["5:1: 没有 `subtitel` 这一项\n提示：可能是想写 `subtitle`？"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nkind: photos\n---\n"),
            ["5:7: 体裁不能写 `photos`\n提示：只能写其中之一：feature、news、brief、photo"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: 消防\n---\n"),
            ["5:7: 标签要写成列表，现在写的是文字“消防”\n提示：改成这样：tags: [消防安全, 技能比赛]"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nslug: 消防 演练\n---\n"),
            [
                "5:7: 网址名 `消防 演练` 不能用在网址里\n提示：网址名只能用小写字母、数字和单个连字符 `-`，例如 `slug: xiao-fang-yan-lian`"
            ]
        );
        assert_eq!(
            errors_in_chinese(
                "---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nbyline: [{ role: 记者, name: \" \" }]\n---\n"
            ),
            ["5:1: 署名第 1 项没有写姓名\n提示：改成这样：byline: [{ role: 记者, name: 卢连明 }]"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nimage: { src: \"\" }\n---\n"),
            ["5:1: 图片没有写 `src`（图片文件名）\n提示：写上图片的文件名，例如 image: { src: drill.jpg }"]
        );
        assert_eq!(
            errors_in_chinese("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [消防, \"\"]\n---\n"),
            ["5:1: 标签里有一项是空的"]
        );
    }

    #[test]
    fn slips_in_front_matter_in_chinese() {
        assert_eq!(
            errors_in_chinese(
                "---\ntitle: 通知: 明天停水\ndate: 2013-11-03\ndistrict：松江区\ntags: 【消防安全，演练】\nbyline:\n  - role: 通讯员\n　　name: 莘宣\n---\n"
            ),
            [
                "2:10: 标题里有英文冒号加空格，会被误当成另一项；要把它整个放在英文引号里\n提示：改成这样：title: \"通知: 明天停水\"",
                "4:9: `district` 后面是中文冒号“：”（中文输入法打出的），要换成英文冒号 `:`，再空一格\n提示：改成这样：district: 松江区",
                "5:7: 标签用了中文括号“【】”（中文输入法打出的）；列表要用英文方括号 `[ ]`\n提示：改成这样：tags: [消防安全, 演练]",
                "8:1: 这一行开头是用全角空格“　”缩进的（中文输入法打出的），要改用普通空格\n提示：改成这样，行首空 4 个普通空格：`    name: 莘宣`",
            ]
        );
        let read = read_file(
            "---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntowns: [洞泾镇，泖港镇]\ntags:\n  - 消防安全、演练、应急\n---\n",
        )
        .unwrap();
        assert_eq!(
            in_chinese(&read.warnings),
            [
                "5:12: 镇（街道）之间的“，”（中文输入法打出的）已当作英文逗号 `,` 读取\n提示：改成这样：towns: [洞泾镇, 泖港镇]",
                "7:9: 标签“消防安全、演练、应急”里有“、”（中文输入法打出的），已拆成“消防安全”“演练”“应急”\n提示：每个标签单独写一项，改成这样：tags: [消防安全, 演练, 应急]",
            ]
        );
        assert_eq!(
            read.warnings[1].message.render(Lang::En),
            "the tag 消防安全、演练、应急 was split at `、` (typed by the Chinese input method) into 消防安全 and 演练 and 应急"
        );
    }

    fn config() -> Config {
        parse_config(
            "title: t\nbase_url: https://e.org/\ndistricts:\n  松江区: { slug: songjiang }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n",
            &Overrides::default(),
        )
        .unwrap()
    }

    fn parse_file(text: &str) -> Result<FrontMatter, Vec<FrontMatterProblem>> {
        let s = split(text).map_err(|p| vec![p])?;
        parse(s.yaml, s.yaml_line, &config())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: x\n---\n正文\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: x\n", "正文\n", 4));
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert_eq!(
            split("正文").unwrap_err().message.to_string(),
            "the file does not start with front matter"
        );
        assert_eq!(
            split("---\ntitle: x\n正文").unwrap_err().message.to_string(),
            "the front matter is never closed"
        );
        assert_eq!(split("  \n").unwrap_err().message.to_string(), "the file is empty");
    }

    #[test]
    fn full_front_matter() {
        let fm = parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 崇明县\nkind: brief\ntags: [甲, 乙, 甲]\nbyline: [{ role: 通讯员, name: 叶丹 }]\n---\n").unwrap();
        assert_eq!(fm.title, "标题");
        assert_eq!(
            config().district_by_id(fm.district).name,
            "崇明区",
            "the alias names 崇明区"
        );
        assert_eq!(fm.kind, Kind::Brief);
        assert_eq!(fm.tags, ["甲", "乙"]);
        assert_eq!(fm.date.to_rfc3339(), "2013-11-03T00:00:00+08:00");
    }

    #[test]
    fn unknown_district_names_line_and_suggests() {
        let errs = parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江\n---\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (4, 11));
        assert_eq!(errs[0].message.to_string(), "unknown district 松江");
        assert_eq!(
            errs[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean 松江区?")
        );
    }

    #[test]
    fn every_missing_key_is_reported() {
        let errs = parse_file("---\nsubtitle: 副\n---\n").unwrap_err();
        let messages: Vec<_> = errs.iter().map(|e| e.message.to_string()).collect();
        assert_eq!(
            messages,
            [
                "the article has no title",
                "the article has no date",
                "the article has no district"
            ]
        );
    }

    #[test]
    fn impossible_date_is_explained() {
        let errs = parse_file("---\ntitle: 标题\ndate: 2013-02-30\ndistrict: 松江区\n---\n").unwrap_err();
        assert_eq!(
            errs[0].message.to_string(),
            "2013-02-30 is not a date: 2013年2月 has 28 days"
        );
        assert_eq!(errs[0].line, 3);
        assert_eq!(
            parse_date("2013-13-01", FixedOffset::east_opt(0).unwrap())
                .unwrap_err()
                .render(Lang::En),
            "2013-13-01 is not a date: there is no month 13"
        );
    }

    #[test]
    fn unknown_key_and_kind() {
        let errs = parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nsubtitel: 副\n---\n").unwrap_err();
        assert_eq!(
            (errs[0].line, errs[0].message.to_string().as_str()),
            (5, "unknown key `subtitel`")
        );
        assert_eq!(
            errs[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("did you mean `subtitle`?")
        );
        let errs = parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nkind: photos\n---\n").unwrap_err();
        assert_eq!(errs[0].line, 5);
        assert!(
            errs[0]
                .hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .unwrap()
                .contains("photo")
        );
    }

    #[test]
    fn wrong_types() {
        let errs = parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: 消防\n---\n").unwrap_err();
        assert_eq!(errs[0].line, 5);
        assert!(errs[0].message.to_string().contains("tags"), "{}", errs[0].message);
        let errs = parse_file("---\ntitle: [标题]\ndate: 2013-11-03\ndistrict: 松江区\n---\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }

    fn parse_aliases(text: &str) -> Result<Vec<Alias>, Vec<FrontMatterProblem>> {
        let s = split(text).map_err(|p| vec![p])?;
        read(s.yaml, s.yaml_line, &config()).map(|read| read.aliases)
    }

    #[test]
    fn aliases_are_site_paths_with_their_places() {
        let aliases = parse_aliases(
            "---\ntitle: 莘庄镇“文明小区”评选揭晓\ndate: 2013-11-03\ndistrict: 松江区\naliases:\n  - /2013/11/wen-ming/\n  - 2013/11/xinzhuang\n  - /2013/11/wen-ming\n  - /news/1103.html\n---\n",
        )
        .unwrap();
        let shown: Vec<_> = aliases.iter().map(|a| (a.path.as_str(), a.line, a.column)).collect();
        assert_eq!(
            shown,
            [
                ("2013/11/wen-ming/", 6, 5),
                ("2013/11/xinzhuang/", 7, 5),
                ("news/1103.html", 9, 5)
            ],
            "the same folder written twice counts once"
        );
    }

    #[test]
    fn a_bad_alias_is_an_error_at_its_own_line_with_a_hint() {
        let errs = parse_aliases(
            "---\ntitle: 闵行区举行消防演练\ndate: 2013-11-03\ndistrict: 松江区\naliases:\n  - /2013/11/xiao-fang/\n  - https://example.org/2013/11/yan-lian/\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (7, 5));
        assert!(
            errs[0].message.to_string().contains("is a full address"),
            "{}",
            errs[0].message
        );
        assert!(
            errs[0]
                .hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .unwrap()
                .contains("write /2013/11/old-slug/")
        );

        let errs = parse_aliases(
            "---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\naliases: [/2013/11/a/, /../b/, \"/\"]\n---\n",
        )
        .unwrap_err();
        let places: Vec<_> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(5, 24), (5, 33)]);

        let errs = parse_aliases("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\naliases: /2013/11/a/\n---\n")
            .unwrap_err();
        assert_eq!(errs[0].line, 5);
        assert_eq!(
            errs[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("write it like this: aliases: [/2013/11/old-slug/]")
        );
    }

    fn read_file(text: &str) -> Result<ReadFrontMatter, Vec<FrontMatterProblem>> {
        let s = split(text).map_err(|p| vec![p])?;
        read(s.yaml, s.yaml_line, &config())
    }

    #[test]
    fn input_method_slips_are_named_at_their_place_in_the_file() {
        let errs = read_file(
            "---\ntitle: 通知: 明天停水\ndate: 2013-11-03\ndistrict：松江区\ntags:\n　- 消防安全\n---\n莘庄镇居民区……\n",
        )
        .unwrap_err();
        let shown: Vec<_> = errs
            .iter()
            .map(|e| {
                (
                    e.line,
                    e.column,
                    e.hint.as_ref().map(ToString::to_string).unwrap_or_default(),
                )
            })
            .collect();
        let shown: Vec<_> = shown.iter().map(|(l, c, h)| (*l, *c, h.as_str())).collect();
        assert_eq!(
            shown,
            [
                (2, 10, "write it like this: title: \"通知: 明天停水\""),
                (4, 9, "write it like this: district: 松江区"),
                (6, 1, "write it like this, with 2 ordinary spaces: `  - 消防安全`"),
            ]
        );
    }

    #[test]
    fn tags_and_towns_joined_by_the_input_method_are_split_with_a_warning() {
        let read = read_file(
            "---\ntitle: 闵行区举行消防演练\ndate: 2013-11-03\ndistrict: 松江区\ntowns: [洞泾镇，泖港镇]\ntags:\n  - 消防安全、演练\n  - “119”宣传\n---\n",
        )
        .unwrap();
        assert_eq!(read.front.towns, ["洞泾镇", "泖港镇"]);
        assert_eq!(read.front.tags, ["消防安全", "演练", "“119”宣传"]);
        let shown: Vec<_> = read
            .warnings
            .iter()
            .map(|w| {
                (
                    w.line,
                    w.column,
                    w.message.to_string(),
                    w.hint.as_ref().map(ToString::to_string).unwrap_or_default(),
                )
            })
            .collect();
        let shown: Vec<_> = shown
            .iter()
            .map(|(l, c, m, h)| (*l, *c, m.as_str(), h.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    5,
                    12,
                    "`，` (typed by the Chinese input method) between towns was read as a comma",
                    "write it like this: towns: [洞泾镇, 泖港镇]"
                ),
                (
                    7,
                    9,
                    "the tag 消防安全、演练 was split at `、` (typed by the Chinese input method) into 消防安全 and 演练",
                    "write each tag as an item of its own: tags: [消防安全, 演练]"
                ),
            ]
        );
        let read = read_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [\"消防安全，演练\"]\n---\n")
            .unwrap();
        assert_eq!(read.front.tags, ["消防安全", "演练"], "quoted, and still two tags");
        assert_eq!((read.warnings[0].line, read.warnings[0].column), (5, 13));
    }

    #[test]
    fn bad_slug_gets_a_suggestion() {
        let errs =
            parse_file("---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\nslug: 消防 演练\n---\n").unwrap_err();
        assert_eq!(errs[0].message.to_string(), "slug `消防 演练` is not URL-safe");
        assert_eq!(
            errs[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("use lowercase letters, digits and single hyphens, such as `slug: xiao-fang-yan-lian`")
        );
    }
}
