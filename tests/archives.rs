//! Month and year archives: `/2013/11/` lists a month's articles, paginated,
//! `/2013/` the year's months with their counts; article dates link to their
//! month; drafts and future articles stay out; an article or an old address in
//! an archive's way is an error at its line; `serve` keeps archives up to date.

mod common;

use std::path::Path;

use common::{SERVE_BASE, TestSite, assert_same_as_full_build};
use jianbao::content::LoadOptions;
use jianbao::serve::rebuild::Rebuilder;

/// A district paper's autumn: three articles in November 2013 (two pages, at
/// `paginate: 2`), one in October, one in January 2014.
fn autumn() -> TestSite {
    let site = TestSite::new();
    site.article(
        "2013/11/xiaofang.md",
        "title: 洞泾镇举行消防演练\ndate: 2013-11-20\ndistrict: 松江区\ntowns: [洞泾镇]\ntags: [消防安全]",
        "本报讯 11月19日，洞泾镇 120 名居民参加了“平安社区”消防演练。\n",
    );
    site.article(
        "2013/11/jiangzuo.md",
        "title: 崇明举办老年人保健知识讲座\ndate: 2013-11-11\ndistrict: 崇明县\nkind: brief",
        "近日，崇明县总工会举办讲座，到场老人 80 余名。\n",
    );
    site.article(
        "2013/11/zutuan.md",
        "title: 距离有多近，情就有多深\ndate: 2013-11-03\ndistrict: 松江区\nkind: feature\nsummary: 松江区基层党支部书记畅谈组团服务感受。",
        "光星居民区由原光星村和润景苑居民区合并而来。\n",
    );
    site.article(
        "2013/10/shuiku.md",
        "title: 泖港镇水库清淤完工\ndate: 2013-10-28\ndistrict: 松江区\ntowns: [泖港镇]",
        "清淤土方约 3.2 万立方米。\n",
    );
    site.article(
        "2014/01/yuandan.md",
        "title: 叶榭镇元旦文艺汇演\ndate: 2014-01-01\ndistrict: 松江区",
        "节目 15 个，观众 600 余人。\n",
    );
    site
}

/// The `<main>` of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// The titles of the cards of a list page, in order.
fn card_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split("class=\"card-title\"><a href=\"")
        .skip(1)
        .filter_map(|part| part.split_once("\">").and_then(|(_, rest)| rest.split_once("</a>")))
        .map(|(title, _)| title.to_string())
        .collect()
}

#[test]
fn a_month_lists_its_articles_newest_first_in_pages() {
    let site = autumn();
    site.build_ok();

    let first = site.read("2013/11/index.html");
    assert!(first.contains("<title>2013年11月 - 测试简报</title>"), "{first}");
    assert!(
        first.contains("<h1 class=\"page-title\">2013年11月<span class=\"page-number\">第1页</span></h1>"),
        "{first}"
    );
    assert!(first.contains("共3篇，分2页"), "{first}");
    assert_eq!(
        card_titles(&first),
        ["洞泾镇举行消防演练", "崇明举办老年人保健知识讲座"]
    );
    let main = main_of(&first);
    // Date, kind, district and summary, as on other lists.
    for part in [
        "<time datetime=\"2013-11-20T00:00:00+08:00\">2013年11月20日</time>",
        "<span class=\"kind-label\">消息</span>",
        "<span class=\"kind-label\">短讯</span>",
        "<a href=\"/districts/songjiang/\">松江区</a> <a class=\"town\" href=\"/towns/dong-jing-zhen/\">洞泾镇</a>",
        "<a href=\"/districts/chongming/\">崇明区</a>",
        "<p class=\"summary\">本报讯 11月19日，洞泾镇 120 名居民参加了“平安社区”消防演练。</p>",
        "rel=\"next\" href=\"/2013/11/page/2/\">下一页",
        // The year's other months, and the months before and after.
        "2013年各月：<span aria-current=\"page\">11月</span> <a href=\"/2013/10/\">10月</a>",
        "<a href=\"/2013/10/\"><span class=\"label\">更早</span> 2013年10月（1篇）</a>",
        "<a href=\"/2014/01/\"><span class=\"label\">更晚</span> 2014年1月（1篇）</a>",
    ] {
        assert!(main.contains(part), "missing {part} in\n{main}");
    }
    assert!(
        !main.contains("class=\"date-link\""),
        "a month's page does not link dates to itself"
    );

    let second = site.read("2013/11/page/2/index.html");
    assert!(
        second.contains("<title>2013年11月（第2页） - 测试简报</title>"),
        "{second}"
    );
    assert_eq!(card_titles(&second), ["距离有多近，情就有多深"]);
    assert!(second.contains("<span class=\"kind-label\">通讯</span>"), "{second}");
    assert!(second.contains("<p class=\"summary\">松江区基层党支部书记畅谈组团服务感受。</p>"));
    assert!(
        second.contains("<a class=\"pager-step\" rel=\"prev\" href=\"/2013/11/\">"),
        "{second}"
    );
    assert!(!site.has("2013/11/page/3/index.html"));

    let october = site.read("2013/10/index.html");
    assert_eq!(card_titles(&october), ["泖港镇水库清淤完工"]);
    assert!(october.contains("共1篇，按日期排列"), "{october}");
    assert!(!october.contains("class=\"pager\""), "one page needs no pager");
    assert!(!october.contains("更早"), "nothing is older than October");
}

#[test]
fn a_year_lists_its_months_with_counts() {
    let site = autumn();
    site.build_ok();
    let year = site.read("2013/index.html");
    assert!(year.contains("<title>2013年 - 测试简报</title>"), "{year}");
    let main = main_of(&year);
    assert!(main.contains("<h1 class=\"page-title\">2013年</h1>"), "{main}");
    assert!(main.contains("全年共4篇，按月排列"), "{main}");
    let november = "<a href=\"/2013/11/\">2013年11月</a> <span class=\"count\">（3篇）</span>";
    let october = "<a href=\"/2013/10/\">2013年10月</a> <span class=\"count\">（1篇）</span>";
    let (at_nov, at_oct) = (main.find(november), main.find(october));
    assert!(at_nov.is_some() && at_oct.is_some(), "{main}");
    assert!(at_nov < at_oct, "newest month first: {main}");
    assert!(
        main.contains("<span class=\"label\">最新</span> <a href=\"/2013/11/xiaofang/\">洞泾镇举行消防演练</a>"),
        "{main}"
    );
    assert!(!main.contains("2013年12月"), "a month without articles has no entry");
    // The other years.
    assert!(
        main.contains("<span aria-current=\"page\">2013年</span> <span class=\"count\">（4篇）</span>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"/2014/\">2014年</a> <span class=\"count\">（1篇）</span>"),
        "{main}"
    );
    assert!(
        site.read("2014/index.html")
            .contains("2014年1月</a> <span class=\"count\">（1篇）</span>")
    );
    assert!(!site.has("2012/index.html"), "no year without articles");
    assert!(!site.has("2013/12/index.html"), "no month without articles");

    let sitemap = site.read("sitemap.xml");
    for url in [
        "<loc>https://example.org/2013/</loc><lastmod>2013-11-20</lastmod>",
        "<loc>https://example.org/2013/11/</loc><lastmod>2013-11-20</lastmod>",
        "<loc>https://example.org/2013/11/page/2/</loc><lastmod>2013-11-03</lastmod>",
        "<loc>https://example.org/2014/01/</loc>",
    ] {
        assert!(sitemap.contains(url), "missing {url} in\n{sitemap}");
    }
}

#[test]
fn article_dates_link_to_their_month() {
    let site = autumn();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("https://example.org/", "https://example.org/bulletin/"),
    );
    site.build_ok();
    let article = site.read("2013/10/shuiku/index.html");
    assert!(
        article.contains(
            "<a class=\"date-link\" href=\"/bulletin/2013/10/\"><time datetime=\"2013-10-28T00:00:00+08:00\">2013年10月28日</time></a>"
        ),
        "{article}"
    );
    // Cards on other lists link their dates too.
    let front = site.read("page/2/index.html");
    assert!(
        front.contains("<a class=\"date-link\" href=\"/bulletin/2013/11/\"><time"),
        "{front}"
    );
    let town = site.read("towns/dong-jing-zhen/index.html");
    assert!(
        town.contains("href=\"/bulletin/2013/11/\"><time datetime=\"2013-11-20"),
        "{town}"
    );
    assert!(
        site.read("2013/index.html")
            .contains("href=\"/bulletin/2013/11/\">2013年11月</a>")
    );
    // `check` follows every archive link without finding a broken one.
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("leads nowhere"), "{stderr}");
}

#[test]
fn drafts_and_future_articles_stay_out_of_archives() {
    let site = autumn();
    site.article(
        "2013/12/caogao.md",
        "title: 年终总结（草稿）\ndate: 2013-12-30\ndistrict: 松江区\ndraft: true",
        "未完。\n",
    );
    site.article(
        "2013/11/caogao.md",
        "title: 十一月的草稿\ndate: 2013-11-25\ndistrict: 松江区\ndraft: true",
        "未完。\n",
    );
    site.article(
        "2099/01/weilai.md",
        "title: 未来的通知\ndate: 2099-01-01\ndistrict: 松江区",
        "定时发布。\n",
    );
    site.build_ok();
    assert!(!site.has("2013/12/index.html"));
    assert!(!site.has("2099/index.html") && !site.has("2099/01/index.html"));
    let november = site.read("2013/11/index.html");
    assert!(november.contains("共3篇"), "{november}");
    assert!(!november.contains("十一月的草稿"));
    assert!(site.read("2013/index.html").contains("全年共4篇，按月排列"));
    assert!(!site.read("sitemap.xml").contains("2013/12/"));

    site.build_with(|o| {
        o.drafts = true;
        o.future = true;
    })
    .expect("a preview build");
    let november = site.read("2013/11/index.html");
    assert!(november.contains("共4篇"), "{november}");
    assert_eq!(card_titles(&november)[0], "十一月的草稿");
    assert!(november.contains("<span class=\"kind-label draft-label\">草稿</span>"));
    assert!(site.read("2013/12/index.html").contains("年终总结（草稿）"));
    assert!(
        site.read("2099/index.html")
            .contains("2099年1月</a> <span class=\"count\">（1篇）</span>")
    );
}

#[test]
fn an_article_named_page_is_an_error_at_its_slug() {
    let site = autumn();
    site.article(
        "2013/11/tingshui.md",
        "title: 莘庄镇停水通知\ndate: 2013-11-12\ndistrict: 松江区\nslug: page",
        "11月14日停水一天。\n",
    );
    site.article(
        "2013/10/page.md",
        "title: 另一篇\ndate: 2013-10-05\ndistrict: 松江区",
        "正文。\n",
    );
    let out = site.build_err();
    assert!(
        out.contains(
            "content/2013/11/tingshui.md:5:1: error: the URL /2013/11/page/ is where the archive of 2013-11 has its later pages (/2013/11/page/2/ …): no article may be named `page`"
        ),
        "{out}"
    );
    assert!(out.contains("hint: give the article another `slug:`"), "{out}");
    assert!(
        out.contains("content/2013/10/page.md:1:1: error: the URL /2013/10/page/ is where the archive of 2013-10"),
        "{out}"
    );
    assert!(
        out.contains("hint: the URL comes from the file name: give the article its own `slug:`, or rename the file"),
        "{out}"
    );
    assert!(!site.has("index.html"), "a failed build writes nothing");

    let run = site.run(&["build", "--lang", "zh"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(
            "content/2013/11/tingshui.md:5:1: 错误：网址 /2013/11/page/ 是 2013年11月文章归档的翻页地址（/2013/11/page/2/ 等），文章的网址名不能是 `page`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("提示：给这篇文章换一个网址名：改写 `slug:` 项"),
        "{stderr}"
    );
}

#[test]
fn an_old_address_in_an_archives_place_is_an_error_at_its_line() {
    let site = autumn();
    site.article(
        "2013/11/xiaofang.md",
        "title: 洞泾镇举行消防演练\ndate: 2013-11-20\ndistrict: 松江区\naliases:\n  - /2013/11/\n  - /2013/\n  - /2013/11/page/2/\n  - /2013/09/",
        "本报讯 洞泾镇消防演练。\n",
    );
    let out = site.build_err();
    for line in [
        "content/2013/11/xiaofang.md:6:5: error: the alias /2013/11/ clashes with the archive of 2013-11",
        "content/2013/11/xiaofang.md:7:5: error: the alias /2013/ clashes with the archive of 2013",
        "content/2013/11/xiaofang.md:8:5: error: the alias /2013/11/page/2/ clashes with page 2 of the archive of 2013-11",
    ] {
        assert!(out.contains(line), "missing {line} in\n{out}");
    }
    assert!(!out.contains("/2013/09/"), "a month without articles is free: {out}");
}

#[test]
fn a_theme_without_archive_templates_shows_them_with_its_term_templates() {
    let site = autumn();
    site.write("site.yaml", &format!("{}theme: plain\n", common::SITE_YAML));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/plain");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.expect("walk the fixture");
        let target = site
            .root()
            .join("themes/plain")
            .join(entry.path().strip_prefix(&fixture).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    site.build_ok();
    let month = site.read("2013/11/index.html");
    for part in [
        "<a href=\"/2013/\">2013年</a>",
        "<h1>2013年11月</h1>",
        "共3篇",
        "洞泾镇举行消防演练",
    ] {
        assert!(month.contains(part), "missing {part} in\n{month}");
    }
    let year = site.read("2013/index.html");
    assert!(
        year.contains("<a href=\"/2013/11/\">2013年11月</a>（3篇） 最新：洞泾镇举行消防演练"),
        "{year}"
    );
}

/// A file the rebuilder holds, as text; empty when it holds none.
fn held(rebuilder: &Rebuilder, file: &str) -> String {
    rebuilder
        .files()
        .get(file)
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default()
}

fn rebuild(rebuilder: &mut Rebuilder, what: &str) -> jianbao::serve::rebuild::Changes {
    match rebuilder.rebuild() {
        Ok((changes, _)) => changes,
        Err(p) => panic!("{what}: {}", common::render(&p)),
    }
}

#[test]
fn serve_rebuilds_archives_when_articles_come_go_and_move() {
    let site = autumn();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), SERVE_BASE.into(), LoadOptions::default());
    rebuild(&mut rebuilder, "first build");
    assert!(held(&rebuilder, "2013/index.html").contains("（3篇）"));

    // Added in a month that had none.
    site.simple("2013/12/zongjie.md", "年终总结", "2013-12-30");
    let changes = rebuild(&mut rebuilder, "added");
    assert!(
        changes.changed.contains(&"2013/12/index.html".to_string()),
        "{changes:?}"
    );
    assert!(changes.changed.contains(&"2013/index.html".to_string()), "{changes:?}");
    assert!(held(&rebuilder, "2013/index.html").contains("2013年12月</a> <span class=\"count\">（1篇）</span>"));
    assert!(
        held(&rebuilder, "2013/11/index.html").contains("2013年12月（1篇）"),
        "the next month is linked"
    );
    assert_same_as_full_build(&site, &rebuilder, "after adding");

    // Added at the end of a month of two pages: its first page shows the same
    // cards, but not the same count.
    site.simple("2013/11/jianbao.md", "月初简报", "2013-11-01");
    rebuild(&mut rebuilder, "added at the month's end");
    assert!(held(&rebuilder, "2013/11/index.html").contains("共4篇，分2页"));
    assert_same_as_full_build(&site, &rebuilder, "after adding at the month's end");
    std::fs::remove_file(site.root().join("content/2013/11/jianbao.md")).expect("remove");
    rebuild(&mut rebuilder, "removed again");
    assert!(held(&rebuilder, "2013/11/index.html").contains("共3篇，分2页"));

    // Re-dated within its month, keeping its place: only its card changes.
    site.article(
        "2013/11/zutuan.md",
        "title: 距离有多近，情就有多深\ndate: 2013-11-04\ndistrict: 松江区\nkind: feature\nsummary: 松江区基层党支部书记畅谈组团服务感受。",
        "光星居民区由原光星村和润景苑居民区合并而来。\n",
    );
    let changes = rebuild(&mut rebuilder, "re-dated in its month");
    assert!(
        changes.changed.contains(&"2013/11/page/2/index.html".to_string()),
        "{changes:?}"
    );
    assert!(held(&rebuilder, "2013/11/page/2/index.html").contains("2013年11月4日"));
    assert_same_as_full_build(&site, &rebuilder, "after re-dating in the month");

    // Re-dated into another month: it leaves November for October.
    site.article(
        "2013/11/zutuan.md",
        "title: 距离有多近，情就有多深\ndate: 2013-10-04\ndistrict: 松江区\nkind: feature",
        "光星居民区由原光星村和润景苑居民区合并而来。\n",
    );
    let changes = rebuild(&mut rebuilder, "re-dated to October");
    assert!(
        changes.removed.contains(&"2013/11/page/2/index.html".to_string()),
        "{changes:?}"
    );
    assert!(held(&rebuilder, "2013/10/index.html").contains("距离有多近，情就有多深"));
    assert!(held(&rebuilder, "2013/11/index.html").contains("共2篇"));
    assert!(held(&rebuilder, "2013/index.html").contains("2013年10月</a> <span class=\"count\">（2篇）</span>"));
    assert_same_as_full_build(&site, &rebuilder, "after re-dating to October");

    // Removed: its month goes when it was the last.
    std::fs::remove_file(site.root().join("content/2014/01/yuandan.md")).expect("remove");
    let changes = rebuild(&mut rebuilder, "removed");
    assert!(changes.removed.contains(&"2014/index.html".to_string()), "{changes:?}");
    assert!(
        changes.removed.contains(&"2014/01/index.html".to_string()),
        "{changes:?}"
    );
    assert!(!held(&rebuilder, "2013/index.html").contains("2014年"));
    assert_same_as_full_build(&site, &rebuilder, "after removing");
}
