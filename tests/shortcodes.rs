//! Shortcodes called from articles: a photo set, a video, an editor's note and
//! a pull quote built into a page; their mistakes reported at their lines; a
//! theme's own templates replacing and adding shortcodes.

mod common;

use common::{SITE_YAML, TestSite};

const FRONT: &str = "title: 洞泾镇举行消防演练\ndate: 2013-11-10\ndistrict: 松江区\ntowns: [洞泾镇]";

/// An article that carries everything: a notice with a PDF in an editor's note, a photo set of
/// six pictures, a pull quote and a video with a poster, in its own folder.
fn drill_site() -> TestSite {
    let site = TestSite::new();
    let folder = "content/2013/11/huodong";
    for n in 1..=6 {
        site.picture(&format!("{folder}/drill{n}.jpg"), 640, 480);
    }
    site.picture(&format!("{folder}/fengmian.jpg"), 800, 450);
    site.write(&format!("{folder}/huodong.mp4"), "not really a video, but a file");
    site.write(&format!("{folder}/fujian.pdf"), "%PDF-1.4\n%%EOF\n");
    site.article(
        "2013/11/huodong/index.md",
        FRONT,
        "{% note(title=\"编者按\") %}\n入冬以来，各镇陆续开展消防安全检查。\n附件：[检查方案](fujian.pdf)\n{% end %}\n\n\
         11月8日上午，洞泾镇在镇政府广场举行消防演练，300余名居民参加。\n\n\
         {% photoset() %}\n\
         drill1.jpg 消防员进行演练 | 摄影：李强\n\
         drill2.jpg 居民学习使用灭火器 | 摄影：李强\n\
         drill3.jpg 演练现场 | 摄影：王芳\n\
         drill4.jpg 消防车抵达现场\n\
         drill5.jpg 疏散演练 | 摄影：王芳\n\
         drill6.jpg 演练结束后合影 | 摄影：李强\n\
         {% end %}\n\n\
         {% quote(source=\"洞泾镇消防站站长 张明\") %}\n“消防安全，人人有责。”\n{% end %}\n\n\
         演练视频：{{ video(src=\"huodong.mp4\", poster=\"fengmian.jpg\", caption=\"演练全程\") }}\n\n\
         写法示例：`{{ video(src=\"x.mp4\") }}`\n",
    );
    site
}

#[test]
fn every_shortcode_builds_into_a_page_a_reader_can_use() {
    let site = drill_site();
    site.build_ok();
    let page = site.read("2013/11/huodong/index.html");
    assert!(!page.contains('\u{E000}'), "a placeholder is left: {page}");

    // The editor's note: a box with its title, its Markdown rendered, its link to the PDF.
    assert!(
        page.contains("<aside class=\"sc-note\" aria-label=\"编者按\">"),
        "{page}"
    );
    assert!(page.contains("<p class=\"sc-note-title\">编者按</p>"));
    assert!(page.contains("入冬以来，各镇陆续开展消防安全检查。附件："), "{page}");
    assert!(site.has("2013/11/huodong/fujian.pdf"));

    // The photo set: six cells, each a resized picture that links to its widest file.
    assert_eq!(page.matches("<li><figure>").count(), 6, "{page}");
    for (n, caption) in [(1, "消防员进行演练"), (4, "消防车抵达现场"), (6, "演练结束后合影")] {
        let start = page.find(&format!("drill{n}-")).expect("picture published");
        let cell = &page[page[..start].rfind("<li>").unwrap()..];
        let cell = &cell[..cell.find("</li>").unwrap()];
        assert!(cell.contains(" srcset=\""), "{cell}");
        assert!(cell.contains("width=\"640\" height=\"480\""), "{cell}");
        assert!(cell.contains(&format!("alt=\"{caption}\"")), "{cell}");
        assert!(
            cell.contains(&format!("<span class=\"caption\">{caption}</span>")),
            "{cell}"
        );
        let href = cell.split("<a href=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(
            href.starts_with("/2013/11/huodong/") && href.ends_with(".jpg"),
            "{href}"
        );
        assert!(site.has(href.trim_start_matches('/')), "{href} is not published");
    }
    assert!(page.contains("<span class=\"photo-credit\">摄影：王芳</span>"));
    assert!(page.contains("组图 · 共6张"));

    // The pull quote and its source.
    assert!(page.contains("<blockquote class=\"sc-quote\">"));
    assert!(page.contains("<footer>——洞泾镇消防站站长 张明</footer>"), "{page}");

    // The video: the folder's file, published beside the page, with its poster resized.
    let video = page.split("<video").nth(1).expect("a video").split('>').next().unwrap();
    assert!(video.contains("controls"), "{video}");
    assert!(video.contains("src=\"/2013/11/huodong/huodong.mp4\""), "{video}");
    let poster = video.split("poster=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(
        poster.starts_with("/2013/11/huodong/fengmian-") && site.has(poster.trim_start_matches('/')),
        "{poster}"
    );
    assert!(site.has("2013/11/huodong/huodong.mp4"));
    assert!(page.contains("<span class=\"caption\">演练全程</span>"));

    // Inside code, a call stays as written.
    assert!(page.contains("<code>{{ video(src=\"x.mp4\") }}</code>"), "{page}");

    // Feeds carry the page's body, shortcodes and all.
    let feed = site.read("atom.xml");
    assert!(!feed.contains('\u{E000}') && feed.contains("sc-photoset"), "{feed}");
}

#[test]
fn a_shortcodes_text_counts_and_is_searched_and_the_lone_call_is_no_paragraph() {
    let site = drill_site();
    site.write("site.yaml", &format!("{SITE_YAML}search: true\n"));
    site.build_ok();
    let page = site.read("2013/11/huodong/index.html");
    assert!(
        !page.contains("<p><figure"),
        "a block call is not wrapped in a paragraph: {page}"
    );
    let documents: String = (0..1).map(|n| site.read(&format!("search/index/d/{n}.json"))).collect();
    assert!(
        documents.contains("检查方案") || documents.contains("消防安全检查"),
        "{documents}"
    );
}

/// Builds a site of one article with `body`, expecting failure; the problems as printed.
fn errors_of(body: &str) -> String {
    let site = TestSite::new();
    site.picture("content/2013/11/huodong/drill1.jpg", 64, 48);
    site.write("content/2013/11/huodong/huodong.mp4", "video");
    site.article("2013/11/huodong/index.md", FRONT, body);
    site.build_err()
}

#[test]
fn mistakes_in_calls_are_errors_at_their_line_and_column() {
    // The body starts on line 7 of the file.
    let cases: [(&str, &str, &str); 9] = [
        (
            "正文。\n\n{{ vidoe(src=\"huodong.mp4\") }}\n",
            "content/2013/11/huodong/index.md:9:1: error: there is no shortcode `vidoe`",
            "did you mean `video`? The shortcodes are: note, photoset, quote, video",
        ),
        (
            "正文。\n\n{{ video(src=\"huodong.mp4\", titel=\"演练\") }}\n",
            "content/2013/11/huodong/index.md:9:29: error: `video` has no argument `titel`",
            "its arguments are: src, poster, url, caption, credit",
        ),
        (
            "正文。\n\n{{ video(poster=\"drill1.jpg\") }}\n",
            "content/2013/11/huodong/index.md:9:1: error: `video` needs one of the arguments src, url",
            "{{ video(src=\"huodong.mp4\", poster=\"fengmian.jpg\") }}",
        ),
        (
            "正文。\n\n{% photoset(columns=\"三\") %}\ndrill1.jpg 演练\n{% end %}\n",
            "content/2013/11/huodong/index.md:9:13: error: the argument `columns` of `photoset` is a whole number from 1 to 4",
            "write it like this:",
        ),
        (
            "{% note(title=\"编者按\") %}\n本报讯\n\n正文。\n",
            "content/2013/11/huodong/index.md:7:1: error: `note` is opened here but never closed with `{% end %}`",
            "put `{% end %}` on a line of its own",
        ),
        (
            "正文。\n\n{% photoset() %}\ndrill1.jpg 演练\ndrill9.jpg 合影 | 摄影：李强\n{% end %}\n",
            "content/2013/11/huodong/index.md:11:1: error: the picture",
            "drill9.jpg",
        ),
        (
            "正文。\n\n{{ video(src=\"huodong2.mp4\") }}\n",
            "content/2013/11/huodong/index.md:9:10: error:",
            "huodong2.mp4",
        ),
        (
            "正文。\n\n{{ video(src=“huodong.mp4”) }}\n",
            "content/2013/11/huodong/index.md:9:14: error: the shortcode `video` is not written right: values are put in ASCII quotes",
            "write it like this:",
        ),
        (
            "{{ note(title=\"编者按\") }}\n",
            "content/2013/11/huodong/index.md:7:1: error: `note` holds content: write it between its opening tag and `{% end %}`",
            "{% note(title=\"编者按\") %} …… {% end %}",
        ),
    ];
    for (body, error, hint) in cases {
        let shown = errors_of(body);
        assert!(shown.contains(error), "for {body:?}, expected {error:?} in:\n{shown}");
        assert!(
            shown.contains(hint),
            "for {body:?}, expected the hint {hint:?} in:\n{shown}"
        );
    }
}

#[test]
fn a_shortcode_that_does_not_exist_is_told_in_chinese() {
    let site = TestSite::new();
    site.article(
        "2013/11/a.md",
        FRONT,
        "正文。\n\n{% zhu(title=\"编者按\") %}\n内容\n{% end %}\n",
    );
    let out = site.run(&["--lang", "zh", "build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "content/2013/11/a.md:9:1: 错误：没有名为 `zhu` 的短代码\n  提示：可用的短代码有：note、photoset、quote、video；主题可以用 templates/shortcodes/名字.html 添加新的短代码"
        ),
        "{stderr}"
    );
}

#[test]
fn online_players_are_off_until_site_yaml_lists_their_host() {
    let body = "正文。\n\n{{ video(url=\"https://player.bilibili.com/player.html?bvid=BV1xx411c7mD\") }}\n";
    let site = TestSite::new();
    site.article("2013/11/a.md", FRONT, body);
    let shown = site.build_err();
    assert!(
        shown.contains(
            "content/2013/11/a.md:9:1: error: online players are off: `embeds: hosts` in site.yaml lists no host"
        ),
        "{shown}"
    );
    assert!(shown.contains("embeds: { hosts: [player.bilibili.com] }"), "{shown}");

    site.write("site.yaml", &format!("{SITE_YAML}embeds:\n  hosts: [v.qq.com]\n"));
    let shown = site.build_err();
    assert!(
        shown.contains("the player's host player.bilibili.com is not in `embeds: hosts`"),
        "{shown}"
    );

    site.write(
        "site.yaml",
        &format!("{SITE_YAML}embeds:\n  hosts: [player.bilibili.com]\n"),
    );
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(
        page.contains("<iframe src=\"https://player.bilibili.com/player.html?bvid=BV1xx411c7mD\""),
        "{page}"
    );
}

#[test]
fn a_raw_iframe_is_still_removed() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!("{SITE_YAML}embeds:\n  hosts: [player.bilibili.com]\n"),
    );
    site.article(
        "2013/11/a.md",
        FRONT,
        "正文。\n\n<iframe src=\"https://player.bilibili.com/player.html\"></iframe>\n\n\u{E000}0\u{E001}\n",
    );
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(!page.contains("<iframe"), "{page}");
}

#[test]
fn a_sites_template_replaces_a_shortcode_and_adds_new_ones() {
    let site = TestSite::new();
    site.write(
        "templates/shortcodes/note.html",
        "<div class=\"my-note\"><b>{{ title }}</b>{{ body | safe }}</div>",
    );
    site.write(
        "templates/shortcodes/map.html",
        "<p class=\"map\">{{ place }}（第{{ nth }}个短代码）</p>",
    );
    site.article(
        "2013/11/a.md",
        FRONT,
        "{% note(title=\"相关链接\") %}\n[镇政府](https://example.org/)\n{% end %}\n\n{{ map(place=\"洞泾镇政府\") }}\n",
    );
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(
        page.contains(
            "<div class=\"my-note\"><b>相关链接</b><p><a href=\"https://example.org/\">镇政府</a></p>\n</div>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"map\">洞泾镇政府（第2个短代码）</p>"),
        "{page}"
    );
    assert!(!page.contains("sc-note"), "{page}");
}

/// In headless Chromium: the photo set is a grid of six loaded pictures, each
/// opening its full-size file, the video has its poster, and no link is broken.
#[test]
fn the_built_page_works_in_chromium() {
    let Some(dir) = common::browser_tests() else { return };
    let site = drill_site();
    site.build_ok();
    let output = site.public();
    common::run_browser_script(
        &dir,
        "shortcodes.mjs",
        &[output.as_os_str(), "/2013/11/huodong/".as_ref()],
    );
}
