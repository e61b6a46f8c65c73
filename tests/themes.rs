//! The theme system, proved with a second theme (tests/fixtures/themes/plain)
//! written only from docs/themes.md: `theme:` picks it, a site's templates/
//! override it by name, static files of theme and site are published (the
//! site's win), theme.yaml gives `site.extra` defaults, and a template error
//! names the template, the line and the variable.

mod common;

use std::path::Path;

use common::TestSite;

/// A test site using the `plain` theme, copied into its themes/ folder.
fn plain_site(extra_yaml: &str) -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{}theme: plain\n{extra_yaml}", common::SITE_YAML));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/plain");
    copy_tree(&fixture, &site.root().join("themes/plain"));
    site
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk the fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// One article of each kind, with every front-matter field somewhere.
fn write_articles(site: &TestSite) {
    site.picture("content/2013/11/drill.jpg", 800, 600);
    site.article(
        "2013/11/feature.md",
        "title: 距离有多近\nsubtitle: ——副题在此\nkicker: 引题在此\ndate: 2013-11-10\ndistrict: 松江区\ntowns: [洞泾镇]\ncolumn: 支部书记谈组团服务\nkind: feature\ntags: [组团服务]\nbyline: [{ role: 通讯员, name: 松组 }]",
        "支部书记谈组团服务，一个个鲜活事例。\n\n## 倾听民声\n\n正文。\n",
    );
    site.article(
        "2013/11/photo.md",
        "title: 练塘镇消防演练\ndate: 2013-11-07\ndistrict: 松江区\nkind: photo\ntags: [组团服务]\nimage: { src: drill.jpg, caption: 演练现场, credit: 卢连明, alt: 消防员示范 }",
        "演练设置了逃生、救护、灭火等科目。\n",
    );
    site.article(
        "2013/11/brief.md",
        "title: 老年人保健讲座\ndate: 2013-11-05\ndistrict: 崇明县\nkind: brief",
        "近日举办讲座。\n",
    );
}

#[test]
fn a_theme_from_the_themes_folder_renders_every_page_kind() {
    let site = plain_site("extra: { motto: 本站的口号 }\n");
    write_articles(&site);
    site.build_ok();

    let front = site.read("index.html");
    for part in [
        "<body class=\"plain plain-front\">",
        "<title>测试简报</title>",
        "href=\"/plain.css\"",
        "<h1>测试简报</h1>",
        "头条：<a href=\"/2013/11/feature/\">距离有多近</a>",
        // zh_date filter and truncate_chars(n=10) in partials/item.html
        "<time datetime=\"2013-11-10T00:00:00+08:00\">2013年11月10日</time>",
        "<span class=\"summary\">支部书记谈组团服务，…</span>",
        "<li>老年人保健讲座</li>",
        "<a href=\"/districts/songjiang/\">松江区（2）</a> <a href=\"/towns/dong-jing-zhen/\">洞泾镇</a>",
        // site.extra: the site's value wins over theme.yaml, theme.yaml fills the rest
        "测试简报</a> · 本站的口号",
        "欢迎阅读 · 更新于2013年11月10日 · 共3篇",
    ] {
        assert!(front.contains(part), "missing {part} in\n{front}");
    }

    let article = site.read("2013/11/feature/index.html");
    for part in [
        "<title>距离有多近 - 测试简报</title>",
        "<p class=\"kicker\">引题在此</p>",
        "<h1>距离有多近</h1>",
        "<p class=\"subtitle\">——副题在此</p>",
        "□通讯员 松组",
        "2013年11月10日 · 通讯 · <a href=\"/districts/songjiang/\">松江区</a> 洞泾镇 · 约1分钟",
        "<li><a href=\"#",
        ">倾听民声</a></li>",
        "栏目：<a href=\"/columns/zhi-bu-shu-ji-tan-zu-tuan-fu-wu/\">支部书记谈组团服务</a>",
        "<a href=\"/tags/zu-tuan-fu-wu/\">组团服务</a>",
        "<a rel=\"prev\" href=\"/2013/11/photo/\">练塘镇消防演练</a>",
        "<li>练塘镇消防演练</li>",
    ] {
        assert!(article.contains(part), "missing {part} in\n{article}");
    }

    let photo = site.read("2013/11/photo/index.html");
    assert!(photo.contains("<article class=\"story story-photo\">"), "{photo}");
    assert!(
        photo.contains("<img src=\"/2013/11/photo/drill-800."),
        "the published picture: {photo}"
    );
    assert!(
        photo.contains(".jpg\" alt=\"消防员示范\"><figcaption>演练现场 卢连明</figcaption>"),
        "{photo}"
    );
    assert!(photo.contains("图片新闻"), "{photo}");

    let tags = site.read("tags/index.html");
    assert!(
        tags.contains(
            "<li data-initial=\"Z\"><a href=\"/tags/zu-tuan-fu-wu/\">组团服务</a>（2篇） 最新：距离有多近</li>"
        ),
        "{tags}"
    );
    let district = site.read("districts/chongming/index.html");
    assert!(district.contains("<h1>崇明区</h1>"), "{district}");
    assert!(
        district.contains("共1篇 <a href=\"/districts/chongming/atom.xml\">订阅</a>"),
        "{district}"
    );
    assert!(site.read("briefs/index.html").contains("老年人保健讲座"));
    assert!(site.read("404.html").contains("<h1>没有这一页</h1>"));
    assert!(site.has("plain.css"));
    assert!(
        !site.has("style.css"),
        "the built-in theme's files are not published with another theme"
    );
}

#[test]
fn site_templates_override_theme_templates_by_name_partials_too() {
    let site = plain_site("");
    write_articles(&site);
    site.write(
        "templates/404.html",
        "<!DOCTYPE html><title>x</title><p>本站自己的 404</p>\n",
    );
    site.write(
        "templates/partials/item.html",
        "<li class=\"mine\">{{ item.title }}</li>\n",
    );
    site.build_ok();
    assert_eq!(
        site.read("404.html"),
        "<!DOCTYPE html><title>x</title><p>本站自己的 404</p>\n"
    );
    let front = site.read("index.html");
    assert!(front.contains("<li class=\"mine\">距离有多近</li>"), "{front}");
    assert!(front.contains("<h1>测试简报</h1>"), "the theme's other templates stay");
}

#[test]
fn site_templates_override_the_built_in_theme_too() {
    let site = TestSite::new();
    site.simple("a.md", "甲", "2013-11-03");
    site.write("templates/partials/byline.html", "<p class=\"my-byline\">本站署名</p>");
    site.build_ok();
    let page = site.read("2013/11/a/index.html");
    assert!(page.contains("<p class=\"my-byline\">本站署名</p>"), "{page}");
    assert!(page.contains("class=\"masthead\""), "the rest is the default theme");
}

#[test]
fn theme_and_site_static_files_are_published_and_the_site_wins() {
    let site = plain_site("");
    site.simple("a.md", "甲", "2013-11-03");
    site.write("static/note.txt", "from the site\n");
    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.build_ok();
    assert_eq!(site.read("note.txt"), "from the site\n");
    assert!(site.read("plain.css").contains("text-emphasis"));
    assert!(site.has("images/logo.svg"));
}

#[test]
fn theme_yaml_defaults_reach_templates_and_site_yaml_overrides_them() {
    let site = plain_site("extra:\n  greeting: 你好\n  show_reading_time: false\n");
    write_articles(&site);
    site.build_ok();
    let article = site.read("2013/11/feature/index.html");
    assert!(article.contains("<footer><p>你好 · "), "{article}");
    assert!(article.contains("测试简报</a> · 朴素的简报"), "{article}");
    assert!(!article.contains("约1分钟"), "{article}");
}

#[test]
fn a_wrong_theme_yaml_names_the_file_and_line() {
    let site = plain_site("");
    site.simple("a.md", "甲", "2013-11-03");
    site.write("themes/plain/theme.yaml", "# settings\nextra: {}\ncolours: red\n");
    let out = site.build_err();
    assert!(
        out.contains("themes/plain/theme.yaml:3:1: error: unknown key `colours`"),
        "{out}"
    );
}

#[test]
fn a_theme_missing_a_page_template_is_named() {
    let site = plain_site("");
    site.simple("a.md", "甲", "2013-11-03");
    std::fs::remove_file(site.root().join("themes/plain/templates/term.html")).unwrap();
    let out = site.build_err();
    assert!(out.contains("the theme has no template term.html"), "{out}");
    assert!(out.contains("hint: add templates/term.html"), "{out}");
}

#[test]
fn a_template_error_names_the_template_line_and_variable() {
    let site = plain_site("");
    write_articles(&site);
    site.write(
        "themes/plain/templates/term.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ term.name }}</h1>\n<p>{{ term.no_such_field }}</p>\n{% endblock main %}\n",
    );
    let out = site.build_err();
    assert!(
        out.contains("themes/plain/templates/term.html:4:"),
        "names the template and line: {out}"
    );
    assert!(out.contains("no_such_field"), "names the variable: {out}");
    assert!(out.contains("while rendering /"), "names the page: {out}");
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(2), "a template problem is exit code 2");
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let site = plain_site("");
    site.simple("a.md", "甲", "2013-11-03");
    site.write(
        "themes/plain/templates/partials/item.html",
        "<li>\n{% if item.title %}{{ item.title }}\n</li>\n",
    );
    let out = site.build_err();
    assert!(out.contains("themes/plain/templates/partials/item.html:"), "{out}");
}
