//! What jianbao tells an editor about a site full of the mistakes a district
//! reporter makes, in both languages and every format: snapshots to read
//! (`INSTA_UPDATE=always cargo test --test messages`, then the .snap files in
//! tests/snapshots/), and a check that the Chinese report has no English left in it.

mod common;

use common::TestSite;

const SITE_YAML: &str = "title: 闵行简报
base_url: https://example.org/
districts:
  闵行区: { slug: minhang, towns: [莘庄镇、七宝镇] }
  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }
";

/// The site: one article for each kind of mistake.
fn site_full_of_mistakes() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", SITE_YAML);
    // The input method's full-width colon after a key.
    site.write(
        "content/2013/11/xiaofang.md",
        "---\ntitle: 莘庄镇举行消防演练\ndate: 2013-11-03\ndistrict：闵行区\n---\n全镇 87 家单位参加。\n",
    );
    // A district written short, and tags joined with the input method's comma.
    site.article(
        "2013/11/dongjing.md",
        "title: 洞泾镇开展“清洁家园”行动\ndate: 2013-11-04\ndistrict: 松江\ntags: [环境整治，志愿服务]",
        "本报讯 洞泾镇 300 余名志愿者走上街头。\n",
    );
    // A link to an article that is not there, a heading that is not there,
    // a paragraph indented with full-width spaces, prose indented by four spaces.
    site.article(
        "2013/11/baoming.md",
        "title: 七宝镇老年大学开始报名\ndate: 2013-11-05\ndistrict: 闵行区\ntowns: [七宝镇]\nbyline: [{ role: 记者, name: 王敏 }]",
        "　　报名时间为11月5日至15日。\n\n详见[报名须知](zhaosheng.md)和[上课地点](#上课地点)。\n\n## 报名方法\n\n    请携带身份证到镇社区学校报名。\n",
    );
    // The copy desk's lints: a number the body does not have, half-width
    // punctuation between Chinese characters, no byline.
    site.article(
        "2013/11/hezuoshe.md",
        "title: 泖港镇 12 家合作社获评示范社\ndate: 2013-11-06\ndistrict: 松江区\ntowns: [泖港镇]",
        "本报讯 泖港镇10家农民专业合作社,日前获评市级示范社。\n",
    );
    // A date that does not exist.
    site.article(
        "2013/11/riqi.md",
        "title: 春节前慰问困难家庭\ndate: 2013-02-30\ndistrict: 闵行区",
        "镇领导走访慰问了困难家庭。\n",
    );
    // A photo item without its picture, and a colon with a space in a title.
    site.write(
        "content/2013/11/tongzhi.md",
        "---\ntitle: 通知: 明天停水\ndate: 2013-11-07\ndistrict: 闵行区\n---\n莘庄镇部分地区明天停水。\n",
    );
    site.article(
        "2013/11/zutu.md",
        "title: 金秋莘庄\ndate: 2013-11-08\ndistrict: 闵行区\nkind: photo\nbyline: [{ role: 摄影, name: 李强 }]",
        "",
    );
    site
}

fn check(site: &TestSite, format: &str, lang: &str) -> String {
    let out = site.run(&["check", "--format", format, "--lang", lang]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_text_report_in_chinese() {
    let site = site_full_of_mistakes();
    insta::assert_snapshot!(check(&site, "text", "zh"));
}

#[test]
fn the_text_report_in_english() {
    let site = site_full_of_mistakes();
    insta::assert_snapshot!(check(&site, "text", "en"));
}

#[test]
fn the_json_report_in_chinese() {
    let site = site_full_of_mistakes();
    insta::assert_snapshot!(check(&site, "json", "zh"));
}

#[test]
fn the_github_report_in_chinese() {
    let site = site_full_of_mistakes();
    insta::assert_snapshot!(check(&site, "github", "zh"));
}

#[test]
fn a_failed_build_says_so_in_chinese() {
    let site = site_full_of_mistakes();
    let out = site.run(&["build", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.ends_with("jianbao: 构建失败，共 6 处错误；./public 保持原样，未被改动\n"),
        "{stderr}"
    );
}

/// English words left in a Chinese report: three Latin words in a row outside
/// backticks, file names and the lint ids in brackets.
fn english_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // The place (`content/…:4:9:`) and anything quoted as written.
        let line = line.split_once(".md:").map_or(line, |(_, rest)| rest);
        let mut plain = String::new();
        let mut in_code = false;
        for c in line.chars() {
            match c {
                '`' => in_code = !in_code,
                '[' | ']' if !in_code => plain.push(' '),
                c if !in_code => plain.push(c),
                _ => {}
            }
        }
        let words: Vec<&str> = plain
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        let latin_run = plain
            .split(|c: char| !(c.is_ascii_alphabetic() || c == ' ' || c == '\''))
            .any(|run| run.split_whitespace().filter(|w| w.len() > 1).count() >= 3);
        if latin_run && !words.is_empty() {
            found.push(line.to_string());
        }
    }
    found
}

#[test]
fn the_chinese_report_has_no_english_left() {
    let site = site_full_of_mistakes();
    let text = check(&site, "text", "zh");
    let english = english_in(&text);
    assert!(
        english.is_empty(),
        "English in the Chinese report:\n{}",
        english.join("\n")
    );
    let out = site.run(&["build", "--lang", "zh"]);
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let english = english_in(&stderr);
    assert!(
        english.is_empty(),
        "English in the Chinese build output:\n{}",
        english.join("\n")
    );
}

#[test]
fn the_english_finder_finds_english() {
    assert_eq!(english_in("a.md:1:1: 错误：the article has no title").len(), 1);
    assert!(english_in("a.md:1:1: 错误：文章没有标题 [no-byline]").is_empty());
    assert!(english_in("a.md:1:1: 错误：改成 `title: \"通知: 明天停水\"`").is_empty());
}

#[test]
fn the_language_comes_from_site_yaml_unless_asked() {
    let site = site_full_of_mistakes();
    site.write("site.yaml", &format!("language: en\n{SITE_YAML}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["check"])
        .current_dir(site.root())
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("run jianbao");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains(": error: "), "{text}");
    site.write("site.yaml", SITE_YAML);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["check"])
        .current_dir(site.root())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run jianbao");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains(": error: "),
        "no language in site.yaml: the locale's: {text}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["check", "--lang", "zh"])
        .current_dir(site.root())
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run jianbao");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains(": 错误："), "{text}");
}
