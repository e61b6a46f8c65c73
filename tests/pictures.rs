//! Pictures beside articles: published resized, with srcset and sizes, cached
//! between builds, and a missing or broken picture reported at its line.

mod common;

use common::TestSite;

fn site_with_photo() -> TestSite {
    let site = TestSite::new();
    site.picture("content/2013/11/drill/drill.jpg", 2000, 1400);
    site.picture("content/2013/11/drill/rope.jpg", 700, 500);
    site.article(
        "2013/11/drill/index.md",
        "title: 练塘镇举行消防演练\ndate: 2013-11-07\ndistrict: 松江区\nkind: photo\n\
         image: { src: drill.jpg, caption: 演练现场, credit: 卢连明, alt: 消防队员示范使用灭火器 }",
        "演练现场。\n\n![楼上逃生](rope.jpg)\n",
    );
    site
}

fn published_pictures(site: &TestSite) -> Vec<String> {
    let dir = site.public().join("2013/11/drill");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    names.sort();
    names
}

#[test]
fn pictures_are_published_in_web_sizes_beside_the_page() {
    let site = site_with_photo();
    site.build_ok();
    let names = published_pictures(&site);
    for prefix in ["drill-480.", "drill-960.", "drill-1600.", "rope-480.", "rope-700."] {
        assert!(
            names.iter().any(|n| n.starts_with(prefix) && n.ends_with(".jpg")),
            "no {prefix}*.jpg in {names:?}"
        );
        assert!(
            names.iter().any(|n| n.starts_with(prefix) && n.ends_with(".webp")),
            "no {prefix}*.webp in {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n == "drill.jpg"),
        "the camera original is not published"
    );
    let page = site.read("2013/11/drill/index.html");
    assert!(
        page.contains("<picture><source type=\"image/webp\" srcset=\"/2013/11/drill/rope-480."),
        "{page}"
    );
    assert!(
        page.contains("width=\"700\" height=\"500\" alt=\"楼上逃生\" loading=\"lazy\""),
        "{page}"
    );
    // The lead picture, with srcset, sizes and its size set, not lazy: it is the first thing seen.
    assert!(page.contains("/2013/11/drill/drill-1600."), "{page}");
    assert!(page.contains("消防队员示范使用灭火器"), "{page}");
}

#[test]
fn the_front_page_and_the_feed_show_the_picture() {
    let site = site_with_photo();
    site.build_ok();
    assert!(
        site.read("index.html").contains("/2013/11/drill/drill-480."),
        "a thumbnail on the front page"
    );
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("rel=\"enclosure\"") && feed.contains("https://example.org/2013/11/drill/drill-"),
        "{feed}"
    );
}

#[test]
fn a_rebuild_reuses_the_cache_and_a_new_picture_replaces_the_old() {
    let site = site_with_photo();
    site.build_ok();
    let cache = site.root().join(".jianbao-cache/images");
    let entries = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries, 2, "one cache entry per picture");
    let before = published_pictures(&site);
    let report = site.build_ok();
    assert_eq!(report.written, 0, "nothing changed");
    site.picture("content/2013/11/drill/rope.jpg", 800, 500);
    site.build_ok();
    let after = published_pictures(&site);
    assert!(after.iter().any(|n| n.starts_with("rope-800.")), "{after:?}");
    assert!(
        !after.iter().any(|n| n.starts_with("rope-700.")),
        "the old picture's files are gone: {after:?}"
    );
    assert_ne!(before, after);
}

#[test]
fn missing_and_broken_pictures_are_errors_at_their_line() {
    let site = TestSite::new();
    site.write("content/2013/11/a/broken.jpg", "not a picture at all");
    site.article(
        "2013/11/a/index.md",
        "title: 甲\ndate: 2013-11-07\ndistrict: 松江区\nimage: { src: nope.jpg }",
        "第一段。\n\n![坏图](broken.jpg)\n",
    );
    let out = site.build_err();
    assert!(
        out.contains("content/2013/11/a/index.md:5:1: error: the picture content/2013/11/a/nope.jpg does not exist"),
        "{out}"
    );
    assert!(out.contains("content/2013/11/a/index.md:9:1: error: the picture content/2013/11/a/broken.jpg is not a picture jianbao can read"), "{out}");
}
