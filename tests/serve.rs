//! `jianbao serve`: incremental rebuilds give exactly what a full build gives,
//! and the server serves, reloads, reports errors and refuses traversal.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{SERVE_BASE as BASE, TestSite, assert_same_as_full_build, browser_tests};
use jianbao::content::LoadOptions;
use jianbao::serve::rebuild::Rebuilder;

fn site_with_articles() -> TestSite {
    let site = TestSite::new();
    // With search, so that every kind of change is checked against the search index too.
    site.write("site.yaml", &format!("{}search: true\n", common::SITE_YAML));
    for day in 1..=6 {
        let district = if day % 2 == 0 { "松江区" } else { "崇明区" };
        site.article(
            &format!("2013/11/a{day}.md"),
            &format!(
                "title: 第{day}篇\ndate: 2013-11-0{day}\ndistrict: {district}\ntags: [甲, 乙{}]",
                day % 3
            ),
            &format!("第{day}篇的正文。\n"),
        );
    }
    site.article(
        "2013/11/b1.md",
        "title: 短讯\ndate: 2013-11-07\ndistrict: 松江区\nkind: brief",
        "短讯正文。\n",
    );
    site.article(
        "2013/11/f1.md",
        "title: 专题\ndate: 2013-11-08\ndistrict: 松江区\nkind: feature",
        "见[第一篇](a1.md)。\n",
    );
    site
}

fn rebuild(rebuilder: &mut Rebuilder, what: &str) -> jianbao::serve::rebuild::Changes {
    match rebuilder.rebuild() {
        Ok((changes, _)) => changes,
        Err(p) => panic!("{what}: {}", common::render(&p)),
    }
}

#[test]
fn every_kind_of_change_gives_what_a_full_build_gives() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    rebuild(&mut rebuilder, "first build");
    assert_same_as_full_build(&site, &rebuilder, "first build");

    type Step = (&'static str, Box<dyn Fn(&TestSite)>);
    let steps: Vec<Step> = vec![
        (
            "edit a body",
            Box::new(|s| {
                s.article(
                    "2013/11/a3.md",
                    "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
                    "改过的正文。\n",
                );
            }),
        ),
        (
            "change a title",
            Box::new(|s| {
                s.article(
                    "2013/11/a3.md",
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
                    "改过的正文。\n",
                );
            }),
        ),
        (
            "change tags and district",
            Box::new(|s| {
                s.article(
                    "2013/11/a3.md",
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [丙]",
                    "改过的正文。\n",
                );
            }),
        ),
        (
            "add an article",
            Box::new(|s| {
                s.article(
                    "2013/11/new.md",
                    "title: 新文章\ndate: 2013-11-09\ndistrict: 崇明区\ntags: [甲]",
                    "新。\n",
                );
            }),
        ),
        (
            "delete an article",
            Box::new(|s| {
                std::fs::remove_file(s.root().join("content/2013/11/a2.md")).unwrap();
            }),
        ),
        (
            "rename the article another links to",
            Box::new(|s| {
                std::fs::rename(
                    s.root().join("content/2013/11/a1.md"),
                    s.root().join("content/2013/11/a1-new.md"),
                )
                .unwrap();
                s.write("content/2013/11/f1.md", "---\ntitle: 专题\ndate: 2013-11-08\ndistrict: 松江区\nkind: feature\n---\n见[第一篇](a1-new.md)。\n");
            }),
        ),
        (
            "change a date, moving neighbours",
            Box::new(|s| {
                s.article(
                    "2013/11/a4.md",
                    "title: 第4篇\ndate: 2013-10-30\ndistrict: 松江区\ntags: [甲, 乙1]",
                    "第4篇的正文。\n",
                );
            }),
        ),
        (
            "override a template",
            Box::new(|s| {
                s.write(
                    "templates/404.html",
                    "{% extends \"base.html\" %}{% block main %}<h1>没有</h1>{% endblock main %}",
                );
            }),
        ),
        (
            "change the base template",
            Box::new(|s| {
                let base = include_str!("../themes/default/templates/base.html").replace("跳到正文", "跳至正文");
                s.write("templates/base.html", &base);
            }),
        ),
        (
            "add a static file",
            Box::new(|s| {
                s.write("static/CNAME", "bulletin.example.org\n");
            }),
        ),
        (
            "change the stylesheet, which every page links by its hashed name",
            Box::new(|s| {
                let css = include_str!("../themes/default/static/style.css").replace("#fff", "#fefefe");
                s.write("static/style.css", &css);
            }),
        ),
        (
            "change a font the stylesheet uses",
            Box::new(|s| {
                s.write("static/fonts/kai.woff2", "one");
                s.write(
                    "static/style.css",
                    "@font-face { font-family: kai; src: url(fonts/kai.woff2) }\nbody { color: #111 }\n",
                );
            }),
        ),
        (
            "change only the font's bytes",
            Box::new(|s| {
                s.write("static/fonts/kai.woff2", "two");
            }),
        ),
        (
            "change site.yaml",
            Box::new(|s| {
                s.write("site.yaml", &common::SITE_YAML.replace("测试简报", "改名简报"));
            }),
        ),
        (
            "give an article aliases",
            Box::new(|s| {
                s.article(
                    "2013/11/a3.md",
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [丙]\naliases: [/2013/11/old-a3/, /old/a3.html]",
                    "改过的正文。\n",
                );
            }),
        ),
        (
            "change its aliases",
            Box::new(|s| {
                s.article(
                    "2013/11/a3.md",
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [丙]\naliases: [/old/a3/]",
                    "改过的正文。\n",
                );
            }),
        ),
        (
            "give a tag and a district old slugs",
            Box::new(|s| {
                let yaml = common::SITE_YAML
                    .replace("测试简报", "改名简报")
                    .replace("{ slug: songjiang }", "{ slug: songjiang, old_slugs: [song-jiang] }");
                s.write("site.yaml", &format!("{yaml}old_slugs: {{ 丙: [bing-old] }}\n"));
            }),
        ),
    ];
    for (what, change) in steps {
        change(&site);
        rebuild(&mut rebuilder, what);
        assert_same_as_full_build(&site, &rebuilder, what);
    }
}

/// Writes `body` (and `front`) to one of the articles of [`site_with_articles`]
/// and returns its absolute path, as the watcher would name it.
fn edit(site: &TestSite, rel: &str, front: &str, body: &str) -> std::path::PathBuf {
    site.article(rel, front, body);
    site.root().join("content").join(rel)
}

fn rebuild_changed(
    rebuilder: &mut Rebuilder,
    changed: &[std::path::PathBuf],
    what: &str,
) -> jianbao::serve::rebuild::Changes {
    match rebuilder.rebuild_changed(changed) {
        Ok((changes, _)) => changes,
        Err(p) => panic!("{what}: {}", common::render(&p)),
    }
}

#[test]
fn rebuilds_told_which_files_changed_give_what_a_full_build_gives() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    rebuild(&mut rebuilder, "first build");
    const A3: &str = "2013/11/a3.md";
    type Step = (&'static str, Box<dyn Fn(&TestSite) -> Vec<std::path::PathBuf>>);
    let steps: Vec<Step> = vec![
        (
            "edit a body",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
                    "改过。\n",
                )]
            }),
        ),
        (
            "edit the same body again",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
                    "又改。\n",
                )]
            }),
        ),
        (
            "change a title, which its card shows",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
                    "又改。\n",
                )]
            }),
        ),
        (
            "change tags and district, which regroups",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [丙]",
                    "又改。\n",
                )]
            }),
        ),
        (
            "change a date, which moves it",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\ntags: [丙]",
                    "又改。\n",
                )]
            }),
        ),
        (
            "make it a draft",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\ndraft: true",
                    "又改。\n",
                )]
            }),
        ),
        (
            "publish it again",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区",
                    "又改。\n",
                )]
            }),
        ),
        (
            "change its slug, which another article links to",
            Box::new(|s| {
                vec![
                    edit(
                        s,
                        A3,
                        "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                        "又改。\n",
                    ),
                    edit(
                        s,
                        "2013/11/a1.md",
                        "title: 第1篇\ndate: 2013-11-01\ndistrict: 崇明区",
                        "见[三](a3.md)。\n",
                    ),
                ]
            }),
        ),
        (
            "break a link, which fails",
            Box::new(|s| {
                vec![edit(
                    s,
                    "2013/11/a1.md",
                    "title: 第1篇\ndate: 2013-11-01\ndistrict: 崇明区",
                    "见[无](none.md)。\n",
                )]
            }),
        ),
        (
            "mend it",
            Box::new(|s| {
                vec![edit(
                    s,
                    "2013/11/a1.md",
                    "title: 第1篇\ndate: 2013-11-01\ndistrict: 崇明区",
                    "见[三](a3.md)。\n",
                )]
            }),
        ),
        (
            "add an article",
            Box::new(|s| {
                vec![edit(
                    s,
                    "2013/11/new.md",
                    "title: 新\ndate: 2013-11-09\ndistrict: 崇明区",
                    "新。\n",
                )]
            }),
        ),
        (
            "delete one",
            Box::new(|s| {
                let path = s.root().join("content/2013/11/a2.md");
                std::fs::remove_file(&path).unwrap();
                vec![path]
            }),
        ),
        (
            "add a static file with a page's name, then edit a body",
            Box::new(|s| {
                s.write("static/robots.txt", "User-agent: *\n");
                vec![s.root().join("static/robots.txt")]
            }),
        ),
        (
            "edit a body while a static file has a page's name",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                    "再改。\n",
                )]
            }),
        ),
        (
            "change site.yaml, which every card shows",
            Box::new(|s| {
                s.write("site.yaml", &common::SITE_YAML.replace("测试简报", "改名简报"));
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "edit a body after site.yaml changed",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                    "末。\n",
                )]
            }),
        ),
        (
            "give it aliases, which publishes redirects to it",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 新标题\ndate: 2013-11-06\ndistrict: 松江区\nslug: third\naliases: [/2013/11/a3/, /old/third.html]",
                    "末。\n",
                )]
            }),
        ),
        (
            "change its title, which its redirects show",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third\naliases: [/2013/11/a3/, /old/third.html]",
                    "末。\n",
                )]
            }),
        ),
        (
            "change its aliases, which moves the redirects",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third\naliases: [/old/third/]",
                    "末。\n",
                )]
            }),
        ),
        (
            "an alias that is another article's URL, which fails",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third\naliases: [/2013/11/a1/]",
                    "末。\n",
                )]
            }),
        ),
        (
            "drop the aliases",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                    "末。\n",
                )]
            }),
        ),
        (
            "a heading that the feature links to by its text",
            Box::new(|s| {
                vec![
                    edit(
                        s,
                        A3,
                        "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                        "## 末段\n\n末。\n",
                    ),
                    edit(
                        s,
                        "2013/11/f1.md",
                        "title: 专题\ndate: 2013-11-08\ndistrict: 松江区\nkind: feature",
                        "见[第一篇](a1.md)和[末段](a3.md#末段)。\n",
                    ),
                ]
            }),
        ),
        (
            "that heading renamed, which fails: the feature's link leads nowhere",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                    "## 结尾\n\n末。\n",
                )]
            }),
        ),
        (
            "the heading back",
            Box::new(|s| {
                vec![edit(
                    s,
                    A3,
                    "title: 第三篇\ndate: 2013-11-06\ndistrict: 松江区\nslug: third",
                    "## 末段\n\n末。\n",
                )]
            }),
        ),
    ];
    for (what, change) in steps {
        let changed = change(&site);
        match rebuilder.rebuild_changed(&changed) {
            Ok(_) => assert_same_as_full_build(&site, &rebuilder, what),
            Err(p) => assert!(what.contains("fails"), "{what}: {}", common::render(&p)),
        }
    }
}

#[test]
fn a_missed_event_is_caught_by_the_next_full_check() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    rebuild(&mut rebuilder, "first build");
    edit(
        &site,
        "2013/11/a4.md",
        "title: 第4篇\ndate: 2013-11-04\ndistrict: 松江区\ntags: [甲, 乙1]",
        "漏报。\n",
    );
    // Told of another file only, the rebuild does not look at a4.md…
    let a5 = edit(
        &site,
        "2013/11/a5.md",
        "title: 第5篇\ndate: 2013-11-05\ndistrict: 崇明区\ntags: [甲, 乙2]",
        "报了。\n",
    );
    let changes = rebuild_changed(&mut rebuilder, &[a5], "told of a5 only");
    assert!(changes.changed.contains(&"2013/11/a5/index.html".to_string()));
    assert!(
        !changes.changed.contains(&"2013/11/a4/index.html".to_string()),
        "{changes:?}"
    );
    // …but the check that follows does.
    let changes = rebuild(&mut rebuilder, "full check");
    assert!(
        changes.changed.contains(&"2013/11/a4/index.html".to_string()),
        "{changes:?}"
    );
    assert_same_as_full_build(&site, &rebuilder, "after the full check");
}

/// What an edit of a3's body after its `<!-- more -->` changes: its own page, the site feed and
/// its district's feed (the lists show only its card, which stays the same), and the search
/// index: its document file, and the files and meta.json that list its words: postings of
/// pairs and characters, the positions of its pairs, and the folds of its new characters.
const A3_BODY_EDIT: [&str; 10] = [
    "2013/11/a3/index.html",
    "atom.xml",
    "districts/chongming/atom.xml",
    "search/index/c/0.bin",
    "search/index/d/5.json",
    "search/index/f/0.txt",
    "search/index/meta.json",
    "search/index/p/0.bin",
    "search/index/p/2.bin",
    "search/index/s/0.bin",
];

#[test]
fn a_body_edit_told_by_name_renders_only_the_pages_that_show_it() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    let first = rebuild(&mut rebuilder, "first");
    let body = "第3篇的正文。\n\n<!-- more -->\n\n只改了后面。\n";
    let a3 = edit(
        &site,
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
        body,
    );
    let changes = rebuild_changed(&mut rebuilder, std::slice::from_ref(&a3), "edit");
    assert_eq!(changes.changed, A3_BODY_EDIT);
    assert!(
        changes.rendered < first.rendered / 2,
        "{} of {}",
        changes.rendered,
        first.rendered
    );
    // The same file named again, unchanged: nothing to render.
    let again = rebuild_changed(&mut rebuilder, &[a3], "nothing new");
    assert_eq!(again.rendered, 0);
    assert!(again.changed.is_empty() && again.removed.is_empty());
    assert_same_as_full_build(&site, &rebuilder, "after the edit");
}

#[test]
fn editing_one_body_renders_only_the_pages_that_show_it() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    let first = rebuild(&mut rebuilder, "first");
    // The summary (text before the marker) stays as it was, so its card does too.
    let body = "第3篇的正文。\n\n<!-- more -->\n\n只改了后面。\n";
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
        body,
    );
    let changes = rebuild(&mut rebuilder, "edit");
    assert_eq!(changes.changed, A3_BODY_EDIT);
    // Lists re-render too (a card shows the reading time), but most pages are reused.
    assert!(
        changes.rendered < first.rendered / 2,
        "{} of {} pages rendered",
        changes.rendered,
        first.rendered
    );
    let unchanged = rebuild(&mut rebuilder, "nothing");
    assert_eq!(unchanged.rendered, 0);
    assert!(unchanged.changed.is_empty() && unchanged.removed.is_empty());
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_files() {
    let site = site_with_articles();
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
    rebuild(&mut rebuilder, "first");
    let before = rebuilder.files();
    site.article(
        "2013/11/a3.md",
        "title: 坏\ndate: 2013-11-03\ndistrict: 不存在区",
        "x\n",
    );
    let problems = rebuilder.rebuild().unwrap_err();
    assert!(common::render(&problems).contains("content/2013/11/a3.md:4:11: error: unknown district 不存在区"));
    assert!(std::sync::Arc::ptr_eq(&before, &rebuilder.files()));
}

// ---- the server itself ----

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["serve", "--port", "0"])
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start serve");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut seen = String::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        let base = loop {
            let mut buf = [0u8; 256];
            let n = stdout.read(&mut buf).unwrap_or(0);
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            if let Some(start) = seen.find("http://127.0.0.1:")
                && let Some(len) = seen[start..].find(' ')
            {
                break seen[start..start + len].trim_end_matches('/').to_string();
            }
            assert!(
                n > 0 && Instant::now() < deadline,
                "serve did not print its address: {seen}"
            );
        };
        // Keep reading stdout so that the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Server { child, base }
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        http_get(&self.base, path)
    }

    /// Polls `path` until `check` accepts the body, for at most ten seconds.
    fn wait_for(&self, path: &str, check: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (status, _, body) = self.get(path);
            if check(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never changed as expected; last: {status}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.1 GET: status, content type and body.
fn http_get(base: &str, path: &str) -> (u16, String, String) {
    let address = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let content_type = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_string)
        })
        .unwrap_or_default();
    (status, content_type, body.to_string())
}

#[test]
fn serves_rebuilds_and_recovers_from_errors() {
    let site = site_with_articles();
    let server = Server::start(&site);

    let (status, content_type, body) = server.get("/2013/11/a3/");
    assert_eq!((status, content_type.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        body.contains("第3篇的正文") && body.contains("/__jianbao/events"),
        "the page has the reload script"
    );
    assert!(!site.public().exists(), "serve never writes public/");

    // An edit shows up.
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
        "新写的正文。\n",
    );
    server.wait_for("/2013/11/a3/", |s, b| s == 200 && b.contains("新写的正文"));

    // A new article appears on its page and in its district's list.
    site.article(
        "2013/11/new.md",
        "title: 刚写好\ndate: 2013-11-20\ndistrict: 崇明区",
        "x\n",
    );
    server.wait_for("/2013/11/new/", |s, _| s == 200);
    server.wait_for("/districts/chongming/", |_, b| b.contains("刚写好"));

    // A broken article keeps the last good page served; fixing it recovers.
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 月球区",
        "坏了。\n",
    );
    std::thread::sleep(Duration::from_millis(500));
    let (status, _, body) = server.get("/2013/11/a3/");
    assert_eq!(status, 200);
    assert!(body.contains("新写的正文"), "the last good page is still served");
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区",
        "修好了。\n",
    );
    server.wait_for("/2013/11/a3/", |_, b| b.contains("修好了"));

    // A deleted article's page disappears and the site's 404 page is served.
    std::fs::remove_file(site.root().join("content/2013/11/new.md")).unwrap();
    let body = server.wait_for("/2013/11/new/", |s, _| s == 404);
    assert!(body.contains("找不到这一页"), "{body}");

    // A template change re-renders the pages that use it.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>此页不存在</h1>{% endblock main %}",
    );
    server.wait_for("/no/such/page/", |s, b| s == 404 && b.contains("此页不存在"));
}

#[test]
fn the_search_index_follows_an_edit() {
    let site = site_with_articles();
    let server = Server::start(&site);
    let (status, _, meta) = server.get("/search/index/meta.json");
    assert_eq!(status, 200);
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
        "村里挖出了恐龙蛋。\n",
    );
    server.wait_for("/2013/11/a3/", |_, body| body.contains("恐龙蛋"));
    // The index is made right after the page is served.
    server.wait_for("/search/index/meta.json", |status, body| status == 200 && body != meta);
    let (_, _, document) = server.get("/search/index/d/5.json");
    assert!(document.contains("恐龙蛋"), "{document}");
}

#[test]
fn traversal_is_refused_and_types_are_right() {
    let site = site_with_articles();
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/site.yaml",
        "/content/2013/11/a1.md",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve") && !body.contains("root:"), "{path}");
    }
    assert_eq!(server.get("/style.css").1, "text/css; charset=utf-8");
    assert_eq!(server.get("/atom.xml").1, "application/atom+xml; charset=utf-8");
    let (status, _, _) = server.get("/tags");
    assert_eq!(status, 301);
}

#[test]
fn a_busy_port_gets_a_clear_message() {
    let site = site_with_articles();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = site.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn a_tab_open_at_an_article_yet_to_be_written_shows_it_once_saved() {
    let Some(dir) = browser_tests() else { return };
    let site = site_with_articles();
    let server = Server::start(&site);
    let url = format!("{}/2013/11/laohuoban/", server.base);
    let file = site.root().join("content/2013/11/laohuoban.md");
    let text = "---\ntitle: 周浦镇“老伙伴”计划启动\ndate: 2013-11-05\ndistrict: 松江区\n---\n首批结对老人120名。\n";
    common::run_browser_script(
        &dir,
        "appear.mjs",
        &[
            url.as_ref(),
            file.as_os_str(),
            text.as_ref(),
            "周浦镇“老伙伴”计划启动".as_ref(),
        ],
    );
}

#[test]
fn the_browser_reloads_an_edited_page_by_itself() {
    let Some(dir) = browser_tests() else { return };
    let site = site_with_articles();
    // A long article, so that there is somewhere to scroll to.
    let long = "这是一段很长的正文，用来测试页面滚动的位置。\n\n".repeat(60);
    site.article(
        "2013/11/a3.md",
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区",
        &long,
    );
    let server = Server::start(&site);
    let url = format!("{}/2013/11/a3/", server.base);
    let file = site.root().join("content/2013/11/a3.md");
    common::run_browser_script(
        &dir,
        "reload.mjs",
        &[url.as_ref(), file.as_os_str(), "刚刚保存的新内容".as_ref()],
    );
}

#[test]
fn two_hundred_clients_while_articles_change_see_only_whole_pages() {
    let site = site_with_articles();
    let server = Server::start(&site);
    let pages = [
        "/",
        "/2013/11/a1/",
        "/2013/11/a3/",
        "/tags/",
        "/districts/chongming/",
        "/atom.xml",
        "/style.css",
    ];
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..200)
        .map(|i| {
            let base = server.base.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut seen = 0;
                // Bounded: at most 20 requests per client, and none after the edits end.
                for round in 0..20 {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) && round > 0 {
                        break;
                    }
                    let path = pages[(i + round) % pages.len()];
                    let (status, _, body) = http_get(&base, path);
                    assert_eq!(status, 200, "{path}");
                    let whole = if path.ends_with(".css") {
                        body.trim_end().ends_with('}')
                    } else if path.ends_with(".xml") {
                        body.trim_end().ends_with("</feed>")
                    } else {
                        body.trim_end().ends_with("</html>")
                    };
                    assert!(whole, "a half-written {path}");
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for edit in 0..10 {
        let body = format!("第{edit}次修改的正文。\n");
        site.article(
            "2013/11/a3.md",
            "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
            &body,
        );
        std::thread::sleep(Duration::from_millis(60));
    }
    server.wait_for("/2013/11/a3/", |_, b| b.contains("第9次修改"));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: usize = clients.into_iter().map(|c| c.join().expect("a client failed")).sum();
    assert!(answered >= 200, "{answered} answers");
}

#[test]
fn a_reload_told_of_one_article_keeps_the_grouping_unless_its_terms_change() {
    use jianbao::pipeline::sites::{SiteCache, reload_site};
    use jianbao::site::SiteOptions;
    use std::sync::Arc;
    let site = site_with_articles();
    let options = SiteOptions::default();
    let mut cache = SiteCache::default();
    let (first, _) = reload_site(site.root(), &options, &mut cache, None).unwrap();
    assert_eq!(cache.replaced(), None);
    let a3 = ["2013/11/a3.md".to_string()];
    let id = first.articles.iter().position(|a| a.content_path == a3[0]).unwrap();

    edit(
        &site,
        &a3[0],
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [甲, 乙0]",
        "新正文。\n",
    );
    let (body, _) = reload_site(site.root(), &options, &mut cache, Some(&a3)).unwrap();
    assert_eq!(
        cache.replaced(),
        Some(&[id][..]),
        "only the named article is read again"
    );
    assert!(body.articles[id].body.html().expect("held").contains("新正文"));
    assert!(Arc::ptr_eq(&first.taxonomies, &body.taxonomies) && Arc::ptr_eq(&first.related, &body.related));
    assert!((0..first.articles.len()).all(|i| i == id || Arc::ptr_eq(&first.articles[i], &body.articles[i])));

    edit(
        &site,
        &a3[0],
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\ntags: [丙]",
        "新正文。\n",
    );
    let (tags, _) = reload_site(site.root(), &options, &mut cache, Some(&a3)).unwrap();
    assert_eq!(cache.replaced(), Some(&[id][..]));
    assert!(
        !Arc::ptr_eq(&body.taxonomies, &tags.taxonomies),
        "new tags, new taxonomies"
    );
    assert!(tags.taxonomies.tags.term("丙").is_some());

    // A new URL may change other articles' links: every file is looked at.
    edit(
        &site,
        &a3[0],
        "title: 第3篇\ndate: 2013-11-03\ndistrict: 崇明区\nslug: three",
        "新正文。\n",
    );
    reload_site(site.root(), &options, &mut cache, Some(&a3)).unwrap();
    assert_eq!(cache.replaced(), None);
}

/// A rebuild made the way `serve` makes it: the pages `open` first and
/// previewed; when `interrupt` is armed, a newer save arrives at the first
/// preview and stops the rest of the run.
struct Steered {
    rebuilder: Rebuilder,
    previews: Arc<Mutex<Vec<Arc<jianbao::serve::rebuild::BuiltFiles>>>>,
    interrupt: Arc<AtomicBool>,
    cancel: Arc<AtomicBool>,
}

impl Steered {
    fn new(site: &TestSite) -> Steered {
        let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), BASE.into(), LoadOptions::default());
        rebuild(&mut rebuilder, "first build");
        rebuilder.defer_search(true);
        let previews: Arc<Mutex<Vec<_>>> = Arc::default();
        let interrupt = Arc::new(AtomicBool::new(false));
        let cancel = Arc::new(AtomicBool::new(false));
        rebuilder.on_preview({
            let (previews, interrupt, cancel) = (previews.clone(), interrupt.clone(), cancel.clone());
            Arc::new(move |files, _changes| {
                previews.lock().unwrap().push(files);
                if interrupt.swap(false, Ordering::Relaxed) {
                    cancel.store(true, Ordering::Relaxed);
                }
            })
        });
        Steered {
            rebuilder,
            previews,
            interrupt,
            cancel,
        }
    }

    /// Rebuilds after `changed`; `None` when a newer save stopped it.
    fn rebuild(&mut self, changed: &[PathBuf], open: &[String], what: &str) -> Option<()> {
        self.previews.lock().unwrap().clear();
        self.cancel.store(false, Ordering::Relaxed);
        match self.rebuilder.rebuild_first(Some(changed), open, &self.cancel) {
            Ok(done) => done.map(drop),
            Err(p) => panic!("{what}: {}", common::render(&p)),
        }
    }

    /// Asserts that the first preview served each open page as the finished
    /// rebuild has it, or not at all when it has none: those were made first.
    fn assert_open_pages_came_first(&self, open: &[String], what: &str) {
        let previews = self.previews.lock().unwrap();
        let Some(first) = previews.first() else {
            return;
        };
        let done = self.rebuilder.files();
        for page in open {
            let early = first.get(page).map(|f| f.bytes.clone());
            let late = done.get(page).map(|f| f.bytes.clone());
            assert_eq!(early, late, "{what}: {page} was not made first");
        }
    }
}

type Change = (&'static str, Box<dyn Fn(&TestSite) -> Vec<PathBuf>>);

/// Every kind of change an editor or a theme author makes, each with the
/// changed files the watcher would name.
fn kinds_of_change() -> Vec<Change> {
    const A3: &str = "2013/11/a3.md";
    let front = |title: &str, district: &str, tags: &str| {
        format!("title: {title}\ndate: 2013-11-03\ndistrict: {district}\ntags: [{tags}]")
    };
    let new_article = "title: 惠南镇新设助餐点\ndate: 2013-11-04\ndistrict: 松江区\ntags: [甲]";
    vec![
        (
            "edit a body",
            Box::new(move |s| {
                vec![edit(
                    s,
                    A3,
                    &front("第3篇", "崇明区", "甲, 乙0"),
                    "“老伙伴”计划启动。\n",
                )]
            }),
        ),
        (
            "retitle it",
            Box::new(move |s| {
                vec![edit(
                    s,
                    A3,
                    &front("周浦镇“老伙伴”计划启动", "崇明区", "甲, 乙0"),
                    "正文。\n",
                )]
            }),
        ),
        (
            "change its tags and district",
            Box::new(move |s| {
                vec![edit(
                    s,
                    A3,
                    &front("周浦镇“老伙伴”计划启动", "松江区", "丙"),
                    "正文。\n",
                )]
            }),
        ),
        (
            "an article with a tag that reads like its tag",
            Box::new(|s| {
                vec![edit(
                    s,
                    "2013/11/bing.md",
                    "title: 崇明县开展“月饼”节\ndate: 2013-11-02\ndistrict: 崇明区\ntags: [饼]",
                    "共发放月饼3000盒。\n",
                )]
            }),
        ),
        (
            "add an article",
            Box::new(move |s| vec![edit(s, "2013/11/new.md", new_article, "助餐点每天供应120份午餐。\n")]),
        ),
        (
            "rename it",
            Box::new(move |s| {
                let old = s.root().join("content/2013/11/new.md");
                std::fs::remove_file(&old).unwrap();
                vec![
                    old,
                    edit(s, "2013/11/renamed.md", new_article, "助餐点每天供应120份午餐。\n"),
                ]
            }),
        ),
        (
            "delete it",
            Box::new(|s| {
                let old = s.root().join("content/2013/11/renamed.md");
                std::fs::remove_file(&old).unwrap();
                vec![old]
            }),
        ),
        (
            "edit a template",
            Box::new(|s| {
                let template = include_str!("../themes/default/templates/article.html")
                    .replace("</article>", "</article><!-- 改版 -->");
                s.write("templates/article.html", &template);
                vec![s.root().join("templates/article.html")]
            }),
        ),
        (
            "edit the stylesheet",
            Box::new(|s| {
                let css = include_str!("../themes/default/static/style.css").replace("#fff", "#fefefe");
                s.write("static/style.css", &css);
                vec![s.root().join("static/style.css")]
            }),
        ),
        (
            "edit site.yaml",
            Box::new(|s| {
                let yaml = common::SITE_YAML.replace("测试简报", "改名简报");
                s.write("site.yaml", &format!("{yaml}search: true\n"));
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "show three items per list page",
            Box::new(|s| {
                let yaml = common::SITE_YAML
                    .replace("测试简报", "改名简报")
                    .replace("paginate: 2", "paginate: 3");
                s.write("site.yaml", &format!("{yaml}search: true\n"));
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "give a tag a slug of the editor's choice",
            Box::new(|s| {
                let yaml = common::SITE_YAML
                    .replace("测试简报", "改名简报")
                    .replace("paginate: 2", "paginate: 3");
                s.write(
                    "site.yaml",
                    &format!("{yaml}search: true\nslugs: {{ 丙: di-san-zu }}\n"),
                );
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "give a district another name, which every article reads by",
            Box::new(|s| {
                let yaml = common::SITE_YAML
                    .replace("测试简报", "改名简报")
                    .replace("paginate: 2", "paginate: 3")
                    .replace("{ slug: songjiang }", "{ slug: songjiang, aliases: [松江县] }");
                s.write(
                    "site.yaml",
                    &format!("{yaml}search: true\nslugs: {{ 丙: di-san-zu }}\n"),
                );
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "move the site to another address, which every body's links start with",
            Box::new(|s| {
                let yaml = common::SITE_YAML
                    .replace("测试简报", "改名简报")
                    .replace("paginate: 2", "paginate: 3")
                    .replace("{ slug: songjiang }", "{ slug: songjiang, aliases: [松江县] }")
                    .replace("https://example.org/", "https://example.org/songjiang/");
                s.write(
                    "site.yaml",
                    &format!("{yaml}search: true\nslugs: {{ 丙: di-san-zu }}\n"),
                );
                vec![s.root().join("site.yaml")]
            }),
        ),
        (
            "edit a body after all that",
            Box::new(move |s| {
                vec![edit(
                    s,
                    A3,
                    &front("周浦镇“老伙伴”计划启动", "松江区", "丙"),
                    "又改了一遍。\n",
                )]
            }),
        ),
    ]
}

/// The pages an editor has open: the front page, an article, the tags, and
/// the pages of an article yet to be written and of its new name.
fn open_pages() -> Vec<String> {
    [
        "index.html",
        "2013/11/a3/index.html",
        "2013/11/new/index.html",
        "2013/11/renamed/index.html",
        "tags/index.html",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn every_kind_of_change_serves_the_open_pages_first_and_ends_as_a_full_build() {
    let site = site_with_articles();
    let mut steered = Steered::new(&site);
    let open = open_pages();
    for (what, change) in kinds_of_change() {
        let changed = change(&site);
        let before = steered.rebuilder.files();
        assert!(steered.rebuild(&changed, &open, what).is_some(), "{what}: stopped");
        // The search index follows from the articles' kept tokens, as `serve` makes it.
        steered.rebuilder.finish_search();
        if steered.previews.lock().unwrap().is_empty() {
            // Nothing was served first, as none of the open pages changed.
            let after = steered.rebuilder.files();
            for page in &open {
                let bytes = |files: &jianbao::serve::rebuild::BuiltFiles| files.get(page).map(|f| f.bytes.clone());
                assert_eq!(
                    bytes(&before),
                    bytes(&after),
                    "{what}: {page} changed, but was not served first"
                );
            }
        }
        steered.assert_open_pages_came_first(&open, what);
        assert_same_as_full_build(&site, &steered.rebuilder, what);
    }
}

#[test]
fn a_run_stopped_before_its_first_pages_shows_none_of_them() {
    // An editor's save that removes the file and writes it anew: the removal
    // starts a rebuild, and the write, arriving while it loads, stops it.
    let site = site_with_articles();
    let mut steered = Steered::new(&site);
    let open = open_pages();
    let removed = site.root().join("content/2013/11/a3.md");
    let text = std::fs::read_to_string(&removed).unwrap();
    std::fs::remove_file(&removed).unwrap();
    steered.cancel.store(true, Ordering::Relaxed);
    let stopped = steered
        .rebuilder
        .rebuild_first(Some(std::slice::from_ref(&removed)), &open, &steered.cancel);
    assert!(
        matches!(stopped, Ok(None)),
        "the stopped run ended as {:?}",
        stopped.map(|r| r.is_some())
    );
    assert!(
        steered.previews.lock().unwrap().is_empty(),
        "a stopped run showed the page of an article that is only being saved"
    );
    std::fs::write(&removed, text).unwrap();
    assert!(steered.rebuild(&[removed], &open, "the write").is_some());
    steered.rebuilder.finish_search();
    assert_same_as_full_build(&site, &steered.rebuilder, "after a save by removing and writing anew");
}

#[test]
fn a_save_during_the_background_pass_ends_as_a_full_build() {
    let site = site_with_articles();
    let mut steered = Steered::new(&site);
    let open = open_pages();
    let mut pending: Vec<PathBuf> = Vec::new();
    let mut stopped = Vec::new();
    for (what, change) in kinds_of_change() {
        // This change is saved while the last one's background pass runs: that
        // pass stops, and this rebuild, told of this change only, ends the job.
        pending = change(&site);
        steered.interrupt.store(true, Ordering::Relaxed);
        if steered.rebuild(&pending, &open, what).is_some() {
            // No preview came to be interrupted: nothing was left undone.
            steered.interrupt.store(false, Ordering::Relaxed);
            steered.rebuilder.finish_search();
            assert_same_as_full_build(&site, &steered.rebuilder, what);
        } else {
            stopped.push(what);
        }
    }
    // Two changes change no page: a district's other name is not shown, and
    // serve publishes at its own address whatever site.yaml's base URL is.
    // Every other change previews, so a save then stops the pass.
    assert_eq!(stopped.len(), kinds_of_change().len() - 2, "stopped: {stopped:?}");
    assert!(steered.rebuild(&pending, &open, "the last save").is_some());
    steered.rebuilder.finish_search();
    assert_same_as_full_build(&site, &steered.rebuilder, "after a save during every background pass");
}

#[test]
fn an_article_of_an_edition_has_a_button_that_copies_it_for_wechat() {
    let Some(dir) = browser_tests() else { return };
    let site = site_with_articles();
    site.write(
        "issues/1.md",
        "---\nnumber: 1\ndate: 2013-11-08\narticles: [2013/11/a2.md, 2013/11/a4.md]\n---\n",
    );
    let server = Server::start(&site);
    let url = format!("{}/2013/11/a2/", server.base);
    let other = format!("{}/2013/11/a3/", server.base);
    common::run_browser_script(&dir, "copy.mjs", &[url.as_ref(), other.as_ref(), "第2篇".as_ref()]);
}
