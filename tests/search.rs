//! Site search: what goes into the index (fields, weights, drafts left out),
//! the files it is published as, serve keeping it current, and — in headless
//! Chromium — the search page finding the sample bulletin's articles.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{SERVE_BASE, SITE_YAML, TestSite, browser_tests};
use jianbao::content::LoadOptions;
use jianbao::search::{IN_ABOUT, IN_TITLE, decode_shard};
use jianbao::serve::rebuild::Rebuilder;

/// A site with search on and three articles, one of them a draft.
fn searchable_site() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{SITE_YAML}search: true\n"));
    site.article(
        "2013/11/xiaofang.md",
        "title: 枫泾镇举行消防比赛\ndate: 2013-11-04\ndistrict: 松江区\ntowns: [洞泾镇]\ntags: [安全生产]\nbyline: [{ role: 文, name: 卢连明 }]",
        "全镇职工参加消防技术比赛。消防队员示范使用 G60 型灭火器。\n\n## 比赛结果\n\n一等奖三名。\n",
    );
    site.article(
        "2013/11/shange.md",
        "title: 山歌邀请赛\ndate: 2013-11-03\ndistrict: 崇明区\nsubtitle: 民间艺人获奖",
        "金泽镇的民间艺人唱山歌。\n",
    );
    site.article(
        "2013/11/caogao.md",
        "title: 未完成的稿子\ndate: 2013-11-05\ndistrict: 松江区\ndraft: true",
        "恐龙化石在这里。\n",
    );
    site
}

/// Every token of the index under `output`, with its (document, weight) postings.
fn index_of(output: &Path) -> BTreeMap<String, Vec<(u32, u8)>> {
    index_in(|file| std::fs::read(output.join(file)).unwrap_or_else(|e| panic!("{file}: {e}")))
}

/// Every token of the index in the files `serve` holds.
fn served_index(rebuilder: &Rebuilder) -> BTreeMap<String, Vec<(u32, u8)>> {
    let files = rebuilder.files();
    index_in(|file| files[file].bytes.to_vec())
}

/// Every token of an index whose files `read` gives, checking each is in the shard its hash names.
fn index_in(read: impl Fn(&str) -> Vec<u8>) -> BTreeMap<String, Vec<(u32, u8)>> {
    let meta: serde_json::Value = serde_json::from_slice(&read("search/index/meta.json")).expect("meta.json is JSON");
    let shards = meta["shards"].as_u64().expect("shard count");
    assert!(shards.is_power_of_two(), "{meta}");
    let mut tokens = BTreeMap::new();
    for n in 0..shards {
        let bytes = read(&format!("search/index/s/{n}.bin"));
        for (token, postings) in decode_shard(&bytes).expect("a valid shard") {
            assert_eq!(
                jianbao::search::shard_of(&token, shards as usize),
                n as usize,
                "{token}"
            );
            assert!(tokens.insert(token, postings).is_none(), "a token in two shards");
        }
    }
    tokens
}

fn document(output: &Path, n: usize) -> serde_json::Value {
    let text = std::fs::read(output.join(format!("search/index/d/{n}.json"))).expect("document file");
    serde_json::from_slice(&text).expect("a document file is JSON")
}

#[test]
fn the_index_holds_every_field_with_its_weight() {
    let site = searchable_site();
    site.build_ok();
    let index = index_of(&site.public());
    // Documents are numbered newest first among the indexed articles: the draft has no number.
    assert_eq!(document(&site.public(), 0)["title"], "枫泾镇举行消防比赛");
    assert_eq!(document(&site.public(), 1)["title"], "山歌邀请赛");
    let weight = |token: &str, doc: u32| {
        index
            .get(token)
            .and_then(|p| p.iter().find(|(d, _)| *d == doc))
            .map(|(_, w)| *w)
            .unwrap_or_else(|| panic!("{token} is not indexed for document {doc}"))
    };
    // In the title and twice in the body.
    assert_eq!(weight("消防", 0), IN_TITLE | 2);
    // Town, tag, byline and district are all searchable, marked as such.
    for about in ["洞泾", "安全", "生产", "卢连", "连明", "松江"] {
        assert_eq!(weight(about, 0) & IN_ABOUT, IN_ABOUT, "{about}");
    }
    // Headings, subtitles and Latin words too.
    assert!(weight("结果", 0) > 0);
    assert_eq!(weight("艺人", 1) & IN_TITLE, IN_TITLE);
    assert_eq!(weight("g60", 0) & 31, 1);
    // A heading does not run into the paragraph after it.
    assert!(!index.contains_key("果一"));
}

#[test]
fn drafts_are_never_indexed_not_even_in_a_preview() {
    let site = searchable_site();
    site.build_ok();
    for output in [site.public(), site.root().join("preview")] {
        if output != site.public() {
            let preview = output.clone();
            site.build_with(|o| {
                o.drafts = true;
                o.output = preview;
            })
            .expect("preview build");
            assert!(
                output.join("2013/11/caogao/index.html").is_file(),
                "the preview shows the draft"
            );
        }
        let index = index_of(&output);
        assert!(
            !index.contains_key("恐龙") && !index.contains_key("化石"),
            "a draft's words are indexed"
        );
        assert!(!index.contains_key("未完"));
        let meta = std::fs::read_to_string(output.join("search/index/meta.json")).expect("meta");
        assert!(meta.contains("\"documents\":2"), "{meta}");
        assert!(!output.join("search/index/d/2.json").exists());
    }
}

#[test]
fn document_files_carry_what_a_result_shows_under_the_sites_path() {
    let site = searchable_site();
    site.build_with(|o| o.base_url = Some("https://example.org/bulletin/".into()))
        .expect("build");
    let doc = document(&site.public(), 0);
    assert_eq!(doc["url"], "/bulletin/2013/11/xiaofang/");
    assert_eq!(doc["date"], "2013年11月4日");
    assert_eq!(doc["district"], "松江区");
    assert!(
        doc["about"]
            .as_str()
            .is_some_and(|a| a.contains("卢连明") && a.contains("洞泾镇"))
    );
    assert!(doc["text"].as_str().is_some_and(|t| t.contains("一等奖三名")));
    assert_eq!(document(&site.public(), 1)["subtitle"], "民间艺人获奖");
    let page = site.read("search/index.html");
    assert!(page.contains("data-index=\"/bulletin/search/index/\""), "{page}");
    assert!(page.contains("JavaScript"), "the page says search needs JavaScript");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    // Every page links to search; the sitemap lists neither the page nor the index.
    assert!(site.read("index.html").contains("href=\"/bulletin/search/\""));
    assert!(!site.read("sitemap.xml").contains("search/"));
}

#[test]
fn a_site_without_search_publishes_none_of_it() {
    let site = TestSite::new();
    site.simple("2013/11/a.md", "消防比赛", "2013-11-04");
    site.build_ok();
    assert!(!site.public().join("search").exists());
    assert!(!site.read("index.html").contains("search/"));
}

#[test]
fn a_theme_without_a_search_page_says_how_to_fix_it() {
    let site = searchable_site();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/plain");
    for entry in walkdir::WalkDir::new(&fixture).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&fixture).expect("inside");
            let text = std::fs::read_to_string(entry.path()).expect("read fixture");
            site.write(&format!("themes/plain/{}", rel.display()), &text);
        }
    }
    site.write("site.yaml", &format!("{SITE_YAML}search: true\ntheme: plain\n"));
    let problems = site.build_err();
    assert!(problems.contains("the theme has no template search.html"), "{problems}");
    assert!(problems.contains("search: false"), "{problems}");
}

#[test]
fn serve_keeps_the_index_current() {
    let site = searchable_site();
    let mut rebuilder = Rebuilder::new(
        site.root().to_path_buf(),
        "http://127.0.0.1:9/".into(),
        LoadOptions::default(),
    );
    rebuilder.rebuild().expect("first build");
    assert!(!served_index(&rebuilder).contains_key("恐龙"));
    site.article(
        "2013/11/shange.md",
        "title: 山歌邀请赛\ndate: 2013-11-03\ndistrict: 崇明区",
        "艺人唱起了恐龙之歌。\n",
    );
    // File times are coarse: make sure the edit is seen as one.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (changes, _) = rebuilder.rebuild().expect("rebuild");
    assert!(
        changes.changed.iter().any(|f| f == "search/index/d/1.json"),
        "{changes:?}"
    );
    assert_eq!(
        served_index(&rebuilder).get("恐龙").map(Vec::as_slice),
        Some(&[(1, 1)][..])
    );
    std::fs::remove_file(site.root().join("content/2013/11/shange.md")).expect("delete");
    let (changes, _) = rebuilder.rebuild().expect("rebuild");
    assert!(
        changes.removed.iter().any(|f| f == "search/index/d/1.json"),
        "{changes:?}"
    );
    assert!(!served_index(&rebuilder).contains_key("恐龙"));
}

/// A rebuilder of `site` that has built it, and leaves the search index of later rebuilds to be finished.
fn deferring_rebuilder(site: &TestSite) -> Rebuilder {
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), SERVE_BASE.into(), LoadOptions::default());
    rebuilder.rebuild().expect("first build");
    rebuilder.defer_search(true);
    rebuilder
}

#[test]
fn serve_publishes_an_edit_first_and_the_index_right_after() {
    let site = searchable_site();
    let mut rebuilder = deferring_rebuilder(&site);
    assert!(
        rebuilder.finish_search().is_none(),
        "nothing is pending after a whole rebuild"
    );
    let meta_before = rebuilder.files()["search/index/meta.json"].bytes.clone();

    let path = site.root().join("content/2013/11/shange.md");
    site.article(
        "2013/11/shange.md",
        "title: 山歌邀请赛\ndate: 2013-11-03\ndistrict: 崇明区",
        "艺人唱起了恐龙之歌。\n",
    );
    let (changes, _) = rebuilder.rebuild_changed(&[path]).expect("rebuild");
    // The page and the article's document file at once; meta.json and the shards as they were.
    assert!(
        changes.changed.iter().any(|f| f == "2013/11/shange/index.html"),
        "{changes:?}"
    );
    assert!(
        changes.changed.iter().any(|f| f == "search/index/d/1.json"),
        "{changes:?}"
    );
    assert!(
        !changes.changed.iter().any(|f| f.starts_with("search/index/s/")),
        "{changes:?}"
    );
    assert_eq!(rebuilder.files()["search/index/meta.json"].bytes, meta_before);

    let search = rebuilder.finish_search().expect("the index was left to finish");
    assert!(
        search.changed.iter().any(|f| f == "search/index/meta.json"),
        "{search:?}"
    );
    assert!(
        search.changed.iter().any(|f| f.starts_with("search/index/s/")),
        "{search:?}"
    );
    assert!(rebuilder.finish_search().is_none());
    common::assert_same_as_full_build(&site, &rebuilder, "after the index is finished");
}

#[test]
fn an_index_built_before_the_latest_rebuild_is_not_served() {
    let site = searchable_site();
    let mut rebuilder = deferring_rebuilder(&site);
    let path = site.root().join("content/2013/11/shange.md");
    let front = "title: 山歌邀请赛\ndate: 2013-11-03\ndistrict: 崇明区";
    site.article("2013/11/shange.md", front, "艺人唱起了恐龙之歌。\n");
    rebuilder.rebuild_changed(std::slice::from_ref(&path)).expect("rebuild");
    let stale = rebuilder.take_pending_search().expect("the index is pending");
    // A second edit while the first index is being built elsewhere.
    site.article("2013/11/shange.md", front, "艺人唱起了翼龙之歌。\n");
    rebuilder.rebuild_changed(&[path]).expect("rebuild");
    let fresh = rebuilder.take_pending_search().expect("pending again");
    assert!(
        rebuilder.apply_search(stale.build()).is_none(),
        "an index of the first edit was served"
    );
    assert!(rebuilder.apply_search(fresh.build()).is_some());
    common::assert_same_as_full_build(&site, &rebuilder, "after the second edit's index");
}

#[test]
fn publishing_a_draft_in_a_preview_puts_it_in_the_index() {
    let site = searchable_site();
    let preview = LoadOptions {
        drafts: true,
        ..LoadOptions::default()
    };
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), SERVE_BASE.into(), preview);
    rebuilder.rebuild().expect("first build");
    let documents = |r: &Rebuilder| {
        let meta: serde_json::Value =
            serde_json::from_slice(&r.files()["search/index/meta.json"].bytes).expect("meta.json");
        meta["documents"].as_u64()
    };
    assert_eq!(documents(&rebuilder), Some(2));
    // The preview shows it either way, so its page and every list stay put: only search differs.
    let path = site.root().join("content/2013/11/caogao.md");
    site.article(
        "2013/11/caogao.md",
        "title: 未完成的稿子\ndate: 2013-11-05\ndistrict: 松江区",
        "恐龙化石在这里。\n",
    );
    rebuilder.rebuild_changed(&[path]).expect("rebuild");
    assert_eq!(documents(&rebuilder), Some(3));
    let files = rebuilder.files();
    let newest: serde_json::Value = serde_json::from_slice(&files["search/index/d/0.json"].bytes).expect("JSON");
    assert_eq!(newest["title"], "未完成的稿子");
    assert!(files.contains_key("search/index/d/2.json"));
}

/// Search as a reader tries it: on the built sample bulletin, 消防 finds the
/// two fire-safety items, 卢连明 his items, and a word that is nowhere nothing.
#[test]
fn the_search_page_finds_the_sample_bulletins_articles_in_chromium() {
    let Some(dir) = browser_tests() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_kept, output) = build_under_a_path(root);
    let queries = serde_json::json!([
        { "query": "消防", "titles": ["枫泾镇举行职工消防技术、技能比赛", "练塘镇在羊毛衫市场举行消防演练"] },
        { "query": "卢连明", "titles": ["庄行镇建立健全新领域党的组织网络", "练塘镇在羊毛衫市场举行消防演练"] },
        { "query": "恐龙", "titles": [] },
        { "query": "消防 练塘", "titles": ["练塘镇在羊毛衫市场举行消防演练"] },
    ]);
    let queries = queries.to_string();
    common::run_browser_script(&dir, "search.mjs", &[output.as_os_str(), queries.as_ref()]);
}

/// A site whose articles are what readers' queries go wrong on: quoted phrases,
/// numbers with units, three-character runs with decoys holding their pairs
/// apart, a one-character surname, traditional and compatibility characters.
fn reading_site() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{SITE_YAML}search: true\n"));
    let articles: [(&str, &str, &str); 15] = [
        ("liangxin", "新领域党建推进会", "全区“两新”组织负责人参加会议。"),
        ("line8", "地铁延伸段开通", "8号线南延伸段今天开通，沿线居民出行更方便。"),
        ("line9", "松江段试运营", "9号线松江段开始试运营。"),
        ("anquan", "社区开展宣传活动", "居委会组织居民学习消防安全知识。"),
        (
            "decoy1",
            "消防队员训练",
            "消防队员开展训练。边防安检站也来参观。注意安全。",
        ),
        ("decoy2", "边防安检站开放日", "边防安检站开放。消防车展示。安全第一。"),
        ("decoy3", "安全生产检查", "安全生产。消防通道。边防安检。"),
        ("lu", "老卢的菜园", "村民卢阿姨种的青菜丰收了。"),
        ("nian2013", "工作回顾", "2013年全镇完成植树一万棵。"),
        ("nian2014", "工作计划", "2014年全镇计划植树两万棵。"),
        ("yinhang", "银行网点进村", "农商银行在村里设立服务点。"),
        ("fanti", "臺灣客商參觀", "來自臺灣的客商參觀了閔行的銀行網點。"),
        ("taibei", "台北来的艺术团", "台湾艺术团在闵行区演出，距离3.5公里。"),
        ("longzhong", "表彰大会", "全镇隆重表彰120名先进个人。"),
        ("g60", "走廊建设", "G60科创走廊 建设 提速，使用 APP 办事。"),
    ];
    for (i, (slug, title, body)) in articles.iter().enumerate() {
        site.article(
            &format!("2013/11/{slug}.md"),
            &format!("title: {title}\ndate: 2013-11-{:02}\ndistrict: 松江区", i + 1),
            &format!("{body}\n"),
        );
    }
    site
}

#[test]
fn the_index_keeps_phrases_numbers_and_traditional_characters_as_readers_type_them() {
    let site = reading_site();
    site.build_ok();
    let index = index_of(&site.public());
    // “两新”组织: the quotation marks do not split the phrase.
    assert!(index.contains_key("新组"));
    // Numbers stay with their words.
    for token in ["8号", "9号", "2013年", "2014年", "3.5公", "120名", "g60科"] {
        assert!(index.contains_key(token), "{token}");
    }
    // Traditional text is indexed simplified; single characters have their own files.
    assert!(index.contains_key("台湾") && index.contains_key("闵行") && !index.contains_key("臺灣"));
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.public().join("search/index/meta.json")).expect("meta"))
            .expect("JSON");
    assert_eq!(meta["format"], 2);
    let chars = meta["chars"].as_u64().expect("chars") as usize;
    let file = jianbao::search::shard_of("卢", chars);
    let bytes = std::fs::read(site.public().join(format!("search/index/c/{file}.bin"))).expect("characters file");
    let entries = decode_shard(&bytes).expect("valid");
    let lu = entries.iter().find(|(t, _)| t == "卢").expect("卢 is indexed");
    assert_eq!(lu.1.len(), 1);
    // The traditional article's document file says how its characters fold, for marking.
    let fanti = (0..15)
        .map(|n| document(&site.public(), n))
        .find(|d| d["title"] == "臺灣客商參觀")
        .expect("indexed");
    assert!(
        fanti["fold"]
            .as_str()
            .is_some_and(|f| f.contains("臺台") && f.contains("銀银"))
    );
}

/// Search as a reader tries it, in headless Chromium: each query that once
/// went wrong finds exactly the right articles, and says how many.
#[test]
fn the_search_page_reads_chinese_as_readers_type_it_in_chromium() {
    let Some(dir) = browser_tests() else { return };
    let site = reading_site();
    let (_kept, output) = build_under_a_path(site.root());
    let queries = serde_json::json!([
        { "query": "两新组织", "titles": ["新领域党建推进会"], "marks": ["两新”组织"] },
        { "query": "“两新”组织", "titles": ["新领域党建推进会"], "marks": ["两新”组织"] },
        { "query": "9号线", "titles": ["松江段试运营"] },
        { "query": "8号线", "titles": ["地铁延伸段开通"] },
        { "query": "消防安全", "titles": ["社区开展宣传活动"] },
        { "query": "消防", "titles": ["社区开展宣传活动", "消防队员训练", "边防安检站开放日", "安全生产检查"] },
        { "query": "卢", "titles": ["老卢的菜园"] },
        { "query": "2013年", "titles": ["工作回顾"] },
        { "query": "2014年", "titles": ["工作计划"] },
        { "query": "銀行", "titles": ["银行网点进村", "臺灣客商參觀"], "marks": ["银行", "銀行"] },
        { "query": "银行", "titles": ["银行网点进村", "臺灣客商參觀"], "marks": ["银行", "銀行"] },
        { "query": "臺灣", "titles": ["臺灣客商參觀", "台北来的艺术团"], "marks": ["臺灣", "台湾"] },
        { "query": "闵行", "titles": ["臺灣客商參觀", "台北来的艺术团"], "marks": ["閔行", "闵行"] },
        { "query": "\u{F9DC}重", "titles": ["表彰大会"], "marks": ["隆重"] },
        { "query": "120名", "titles": ["表彰大会"] },
        { "query": "３.５公里", "titles": ["台北来的艺术团"], "marks": ["3.5公里"] },
        { "query": "G60科创", "titles": ["走廊建设"] },
        { "query": "g60", "titles": ["走廊建设"], "marks": ["G60"] },
        { "query": "恐龙", "titles": [] },
    ]);
    let queries = queries.to_string();
    common::run_browser_script(&dir, "search.mjs", &[output.as_os_str(), queries.as_ref()]);
}

/// Builds the site at `root` for https://example.org/bulletin/ into a new
/// temporary folder: the folder, and the output in it.
fn build_under_a_path(root: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let output = temp.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&output)
        .args(["--base-url", "https://example.org/bulletin/"])
        .output()
        .expect("run jianbao");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    (temp, output)
}
