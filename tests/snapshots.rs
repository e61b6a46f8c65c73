//! Snapshots of the default theme: the rendered structure of each page kind,
//! built from one small fixed site, so that a change in a page's shape shows
//! as a diff to review (`INSTA_UPDATE=always cargo test --test snapshots`,
//! then read the .snap files in tests/snapshots/).
//!
//! Each snapshot is the page's `<main>` element (the whole page for the front
//! page, which also pins base.html), with blank lines left out so that the
//! whitespace of template tags does not drown the markup.

mod common;

use common::TestSite;

const SITE_YAML: &str = "title: 郊区简报
description: 上海郊区基层新闻 · 样刊
base_url: https://example.org/
paginate: 3
districts:
  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }
  奉贤区: { slug: fengxian, towns: [庄行镇] }
  崇明区: { slug: chongming, aliases: [崇明县] }
slugs:
  庄行镇: zhuang-hang-zhen
";

/// The fixture: a feature (the lead), a news item with a picture, a photo
/// item, two briefs and an older news item, over three districts.
fn fixture() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", SITE_YAML);
    site.picture("content/2013/11/hezuoshe.jpg", 1200, 800);
    site.picture("content/2013/11/drill.jpg", 1600, 1000);
    site.article(
        "2013/11/zuzhuan-fuwu.md",
        "title: 距离有多近，情就有多深
subtitle: ——松江区基层党支部书记畅谈组团服务感受
date: 2013-11-10
district: 松江区
towns: [洞泾镇, 泖港镇]
column: 支部书记谈组团服务
kind: feature
tags: [组团服务, 基层党建]
byline: [{ role: 通讯员, name: 松组 }]",
        "松江党建网近日开办了“支部书记谈组团服务”专栏。

<!-- more -->

## 倾听民声是第一步

洞泾镇光星居民区由原光星村与润景苑居民区合并组建，*群众讲的每句话*都是掏心窝子的。
",
    );
    site.article(
        "2013/11/zhuanghang-dangjian.md",
        "title: 庄行镇建立健全新领域党的组织网络
kicker: 组织和工作覆盖率达 100%
date: 2013-11-13
district: 奉贤区
towns: [庄行镇]
tags: [基层党建]
byline: [{ role: 记者, name: 卢连明 }, { role: 通讯员, name: 王英 }]
image: { src: hezuoshe.jpg, caption: 金源果蔬专业合作社, credit: 王英 }",
        "本报讯 近期，上海市社会工作党委和奉贤区委领导到庄行镇调研。\n",
    );
    site.article(
        "2013/11/liantang-yanlian.md",
        "title: 练塘镇在羊毛衫市场举行消防演练
date: 2013-11-07
district: 松江区
kind: photo
tags: [消防安全]
byline: [{ role: 摄影, name: 卢连明 }]
image: { src: drill.jpg, caption: 演练现场, credit: 卢连明, alt: 消防队员示范使用灭火器 }",
        "演练设置了楼上逃生、救护、灭火等科目。\n",
    );
    site.article(
        "2013/11/chongming-baojian.md",
        "title: 崇明举办老年人保健知识讲座
date: 2013-11-11
district: 崇明县
column: 短讯
kind: brief
tags: [老年人]",
        "近日，崇明县总工会与崇明瀛通老年大学合办了一场老年人保健知识讲座。\n",
    );
    site.article(
        "2013/11/fengxian-jiayuan.md",
        "title: 奉贤“白玉兰开心家园”促和谐
date: 2013-11-08
district: 奉贤区
kind: brief",
        "近日，奉贤区妇联与区民政局携手成立工作室。\n",
    );
    site.article(
        "2013/11/fengjing-xiaofang.md",
        "title: 枫泾镇举行职工消防技术、技能比赛
kicker: 全镇 87 家单位 52 名职工参加
date: 2013-11-04
district: 松江区
tags: [消防安全]
byline: [{ role: 通讯员, name: 金领军 }]",
        "本报讯 11月3日，全镇87家单位的352名职工上场较量。\n",
    );
    site.build_ok();
    site
}

/// The `<main>` element of a page, without blank lines.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main> tag") + "</main>".len();
    without_blank_lines(&html[start..end])
}

/// Picture file names carry a hash of the encoder's output (`drill-480.391a8327.webp`),
/// which may differ between encoder builds, and stylesheets one of their bytes
/// (`style.3f9a1c2b.css`); the page's shape is what is pinned here.
fn without_picture_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dot) = rest.find('.') {
        let (before, after) = rest.split_at(dot);
        out.push_str(before);
        let hash = &after[1..after.len().min(9)];
        let is_hash = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        let ext = after.get(9..).unwrap_or("");
        let hashed_kind = [".webp", ".jpg", ".png", ".css"].iter().any(|e| ext.starts_with(e));
        if is_hash && hashed_kind {
            out.push_str(".HASH");
            rest = &after[9..];
        } else {
            out.push('.');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

fn without_blank_lines(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn default_theme_page_structure() {
    let site = fixture();
    let pages = [
        ("front_page", "index.html", false),
        ("front_page_2", "page/2/index.html", true),
        ("article", "2013/11/zuzhuan-fuwu/index.html", true),
        ("article_with_picture", "2013/11/zhuanghang-dangjian/index.html", true),
        ("photo_item", "2013/11/liantang-yanlian/index.html", true),
        ("brief_list", "briefs/index.html", true),
        ("tag_index", "tags/index.html", true),
        ("term_page", "tags/xiao-fang-an-quan/index.html", true),
        ("district_index", "districts/index.html", true),
        ("district_page", "districts/songjiang/index.html", true),
        ("town_index", "towns/index.html", true),
        ("column_index", "columns/index.html", true),
        ("archive_month", "2013/11/index.html", true),
        ("archive_year", "2013/index.html", true),
        ("not_found", "404.html", true),
    ];
    for (name, file, main_only) in pages {
        let html = site.read(file);
        let shown = if main_only {
            main_of(&html)
        } else {
            without_blank_lines(&html)
        };
        insta::assert_snapshot!(name, without_picture_hashes(&shown));
    }
}

#[test]
fn every_page_has_exactly_one_h1() {
    let site = fixture();
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!(
                html.matches("<h1").count(),
                1,
                "{} has not exactly one h1",
                entry.path().display()
            );
        }
    }
}
