//! One pipeline, three sinks: the files `build` writes to disk, `serve` holds
//! in memory and `check` collects are the same files, made the same way.

mod common;

use std::collections::BTreeMap;

use common::{SERVE_BASE, TestSite, render, snapshot_tree};
use jianbao::config::Overrides;
use jianbao::content::LoadOptions;
use jianbao::pipeline::sink::{CollectSink, DiskSink, MemorySink, Sink};
use jianbao::pipeline::{Pipeline, Settings};
use jianbao::site::SiteOptions;

/// A district notice with a photo, an attachment and a stylesheet of the
/// site's own, a short news item, search, and a static robots.txt that the
/// generated one must win over.
fn newsroom() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{}search: true\n", common::SITE_YAML));
    site.article(
        "2013/11/xiaofang/index.md",
        "title: 洞泾镇开展冬季消防安全大检查\ndate: 2013-11-12T09:30:00+08:00\ndistrict: 松江区\ntowns: [洞泾镇]\ntags: [消防, 安全]\nkind: photo\nimage: { src: xianchang.jpg, caption: 检查现场, credit: 王晓华 摄 }",
        "11月12日上午，洞泾镇组织“冬季消防安全大检查”，为期10天，覆盖全镇32个居（村）委会。\n\n检查方案见[附件](fangan.pdf)。\n",
    );
    site.picture("content/2013/11/xiaofang/xianchang.jpg", 900, 600);
    site.write("content/2013/11/xiaofang/fangan.pdf", "%PDF-1.4 检查方案");
    site.article(
        "2013/11/chongming-duanxun.md",
        "title: 崇明县召开重阳节敬老座谈会\ndate: 2013-11-13\ndistrict: 崇明县\nkind: brief",
        "重阳节前夕，120余位老人参加座谈会。\n",
    );
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.write("static/css/bulletin.css", "body { color: #222 }\n");
    site
}

fn settings(site: &TestSite) -> Settings {
    Settings {
        root: site.root().to_path_buf(),
        site: SiteOptions {
            overrides: Overrides {
                base_url: Some(SERVE_BASE.into()),
            },
            load: LoadOptions::default(),
        },
        publish: Default::default(),
        held_text: None,
    }
}

/// Runs `pipeline` into `sink`, told that only `changed` changed when given;
/// fails the test with the problems, in words, when the run fails.
fn run_ok(pipeline: &mut Pipeline, changed: Option<&[String]>, sink: &mut dyn Sink) {
    if let Err(problems) = pipeline.run(changed, sink) {
        panic!("{}", render(&problems));
    }
}

/// One run of a fresh pipeline for `site` into `sink`.
fn run_once(site: &TestSite, sink: &mut dyn Sink) {
    run_ok(&mut Pipeline::for_one_run(settings(site)), None, sink);
}

fn by_name(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().collect()
}

#[test]
fn disk_memory_and_collecting_sinks_get_the_same_files() {
    let site = newsroom();
    let output = tempfile::tempdir().expect("temp dir");
    let public = output.path().join("public");

    let mut disk = DiskSink::new(&public).expect("staging");
    run_once(&site, &mut disk);
    let on_disk = by_name(snapshot_tree(&public));

    let mut memory = MemorySink::default();
    run_ok(&mut Pipeline::new(settings(&site)), None, &mut memory);
    let in_memory = by_name(
        memory
            .files()
            .iter()
            .map(|(file, built)| (file.clone(), built.bytes.to_vec())),
    );

    let mut collected = CollectSink::all();
    run_once(&site, &mut collected);
    let listed = collected.listed.clone();
    let collected = by_name(collected.into_files());

    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&in_memory),
        names(&on_disk),
        "memory and disk hold different files"
    );
    assert_eq!(
        names(&collected),
        names(&on_disk),
        "the collection and disk hold different files"
    );
    assert_eq!(
        listed,
        names(&on_disk),
        "the listing names other files than were written"
    );
    for (file, bytes) in &on_disk {
        assert!(in_memory[file] == *bytes, "{file} differs in memory");
        assert!(collected[file] == *bytes, "{file} differs in the collection");
    }
    // Every kind of output is there once: pages, search, pictures, attachments, static files.
    for file in [
        "2013/11/xiaofang/index.html",
        "2013/11/xiaofang/fangan.pdf",
        "search/index/meta.json",
        "css/bulletin.css",
        "robots.txt",
    ] {
        assert!(on_disk.contains_key(file), "{file} is missing: {:?}", names(&on_disk));
    }
    assert!(
        on_disk
            .keys()
            .any(|f| f.starts_with("2013/11/xiaofang/xianchang") && f.ends_with(".jpg")),
        "the photo is missing"
    );
    let robots = String::from_utf8_lossy(&on_disk["robots.txt"]);
    assert!(
        robots.contains("Sitemap:"),
        "the generated robots.txt gave way to static/'s: {robots}"
    );
}

#[test]
fn a_collecting_sink_that_wants_only_pages_still_lists_every_file() {
    let site = newsroom();
    let mut everything = CollectSink::all();
    run_once(&site, &mut everything);
    let mut pages = CollectSink::only(|file| file.is_templated_page());
    run_once(&site, &mut pages);
    assert_eq!(pages.listed, everything.listed);
    let made: Vec<String> = pages.into_files().into_iter().map(|(file, _)| file).collect();
    assert!(made.iter().all(|f| f.ends_with(".html")), "{made:?}");
    assert!(made.contains(&"2013/11/xiaofang/index.html".to_string()));
    assert!(
        !made.iter().any(|f| f.ends_with(".pdf") || f.ends_with(".json")),
        "{made:?}"
    );
}

#[test]
fn a_second_run_into_memory_makes_only_what_an_edit_touched_and_equals_a_fresh_run() {
    let site = newsroom();
    let mut pipeline = Pipeline::new(settings(&site));
    let mut memory = MemorySink::default();
    run_ok(&mut pipeline, None, &mut memory);
    let total = memory.files().len();
    site.article(
        "2013/11/chongming-duanxun.md",
        "title: 崇明县召开重阳节敬老座谈会\ndate: 2013-11-13\ndistrict: 崇明县\nkind: brief",
        "重阳节前夕，120余位老人参加座谈会，共话“老有所为”。\n",
    );
    let edited = ["2013/11/chongming-duanxun.md".to_string()];
    run_ok(&mut pipeline, Some(&edited), &mut memory);
    let changes = memory.changes().clone();
    assert!(
        changes.rendered > 0 && changes.rendered < total,
        "{} of {total}",
        changes.rendered
    );
    assert!(
        changes
            .changed
            .contains(&"2013/11/chongming-duanxun/index.html".to_string())
    );
    assert!(changes.removed.is_empty(), "{:?}", changes.removed);

    let mut fresh = CollectSink::all();
    run_once(&site, &mut fresh);
    let fresh = by_name(fresh.into_files());
    let held = memory.files();
    assert_eq!(held.len(), fresh.len());
    for (file, bytes) in &fresh {
        assert!(
            held.get(file).is_some_and(|b| *b.bytes == *bytes),
            "{file} differs from a fresh run"
        );
    }
}

#[test]
fn a_failed_run_leaves_the_output_folder_as_it_was() {
    let site = newsroom();
    site.build_ok();
    let before = snapshot_tree(&site.public());
    site.article(
        "2013/11/cuowu.md",
        "title: 缺少日期的稿件\ndistrict: 松江区",
        "正文。\n",
    );
    let mut disk = DiskSink::new(&site.public()).expect("staging");
    let problems = match Pipeline::for_one_run(settings(&site)).run(None, &mut disk) {
        Ok(_) => panic!("an article without a date must fail the run"),
        Err(problems) => problems,
    };
    assert!(render(&problems).contains("cuowu.md"), "{}", render(&problems));
    drop(disk);
    assert!(snapshot_tree(&site.public()) == before, "the output changed");
}
