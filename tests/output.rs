//! The output folder: only changed files are written, files the build does not
//! own are kept, and a build killed at any moment leaves the old site or the new.

mod common;

use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{TestSite, snapshot_tree};

fn inode(site: &TestSite, file: &str) -> u64 {
    std::fs::metadata(site.public().join(file)).unwrap().ino()
}

fn small_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "2013/11/a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\ntags: [消防]",
        "甲的正文。\n",
    );
    site.article(
        "2013/11/b.md",
        "title: 乙\ndate: 2013-11-04\ndistrict: 崇明区",
        "乙的正文。\n",
    );
    site
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let site = small_site();
    let first = site.build_ok();
    assert_eq!(first.written, first.pages + first.static_files);
    let before = inode(&site, "2013/11/a/index.html");
    let again = site.build_ok();
    assert_eq!(again.written, 0);
    assert_eq!(
        inode(&site, "2013/11/a/index.html"),
        before,
        "the file was not replaced"
    );
}

#[test]
fn only_pages_whose_inputs_changed_are_rendered_and_the_result_is_a_full_build() {
    let site = small_site();
    site.build_ok();
    let untouched = inode(&site, "districts/chongming/index.html");
    site.article(
        "2013/11/a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\ntags: [消防]",
        "甲的正文。\n\n<!-- more -->\n\n新段落。\n",
    );
    let report = site.build_ok();
    assert!(
        report.written > 0 && report.written < report.pages,
        "{} of {}",
        report.written,
        report.pages
    );
    assert_eq!(
        inode(&site, "districts/chongming/index.html"),
        untouched,
        "a page not showing it was rewritten"
    );
    assert!(site.read("2013/11/a/index.html").contains("新段落"));
    // The same output as a build from scratch.
    let incremental = snapshot_tree(&site.public());
    std::fs::remove_dir_all(site.public()).unwrap();
    site.build_ok();
    assert_eq!(incremental, snapshot_tree(&site.public()));
}

#[test]
fn a_file_changed_behind_the_builds_back_is_rebuilt() {
    let site = small_site();
    site.build_ok();
    std::fs::write(site.public().join("2013/11/a/index.html"), "vandalised").unwrap();
    let report = site.build_ok();
    assert_eq!(report.written, 1);
    assert!(site.read("2013/11/a/index.html").contains("甲的正文"));
}

#[test]
fn files_the_build_does_not_own_are_kept_and_its_own_stale_files_removed() {
    let site = small_site();
    site.build_ok();
    site.write("public/CNAME", "bulletin.example.org\n");
    site.write("public/.well-known/security.txt", "Contact: mailto:desk@example.org\n");
    std::fs::remove_file(site.root().join("content/2013/11/b.md")).unwrap();
    site.build_ok();
    assert_eq!(site.read("CNAME"), "bulletin.example.org\n");
    assert!(site.has(".well-known/security.txt"));
    assert!(!site.has("2013/11/b/index.html"), "the deleted article's page is gone");
    assert!(!site.has("districts/chongming/index.html"));
}

#[test]
fn another_base_url_rewrites_every_page() {
    let site = small_site();
    site.build_ok();
    let report = site
        .build_with(|o| o.base_url = Some("https://preview.example.net/pr-1/".into()))
        .unwrap();
    assert_eq!(
        report.written, report.pages,
        "the stylesheets, under either name, do not depend on it"
    );
    assert!(site.read("index.html").contains("/pr-1/2013/11/a/"));
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = TestSite::new();
    for i in 0..400 {
        site.article(
            &format!("2013/11/a{i}.md"),
            &format!(
                "title: 第{i}篇\ndate: 2013-11-03\ndistrict: 松江区\ntags: [标签{}]",
                i % 40
            ),
            &"正文。".repeat(200),
        );
    }
    site.build_ok();
    let old = snapshot_tree(&site.public());
    site.write("site.yaml", &common::SITE_YAML.replace("测试简报", "新名字"));
    let new = {
        let copy = tempfile::tempdir().unwrap();
        let out = copy.path().join("out");
        site.build_with(|o| o.output = out.clone()).unwrap();
        snapshot_tree(&out)
    };
    assert_ne!(old, new);
    let binary = env!("CARGO_BIN_EXE_jianbao");
    let mut saw_old = 0;
    let mut saw_new = 0;
    for attempt in 0..12u64 {
        let mut child = Command::new(binary)
            .args(["build"])
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + attempt * 15));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        let now = snapshot_tree(&site.public());
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
            // Start the next attempt from the old site again.
            site.write("site.yaml", common::SITE_YAML);
            site.build_ok();
            site.write("site.yaml", &common::SITE_YAML.replace("测试简报", "新名字"));
        } else {
            panic!("attempt {attempt}: the output is neither the old site nor the new one");
        }
    }
    assert!(saw_old > 0, "no kill landed before the swap; the test proves nothing");
    eprintln!("killed builds: {saw_old} left the old site, {saw_new} the new one");
    // A later build cleans up after the killed ones and succeeds.
    site.build_ok();
    assert_eq!(snapshot_tree(&site.public()), new);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
