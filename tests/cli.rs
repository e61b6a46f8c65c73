//! The editorial commands: `init`, `new` and `check`, as an editor or CI runs them.

mod common;

use common::TestSite;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("bulletin");
    let jianbao = env!("CARGO_BIN_EXE_jianbao");
    let init = std::process::Command::new(jianbao)
        .args(["init", &site_dir.to_string_lossy()])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    let build = std::process::Command::new(jianbao)
        .args(["build"])
        .current_dir(&site_dir)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site_dir.join("public/index.html").is_file());
    // New sites have search, from the theme built into the binary.
    assert!(site_dir.join("public/search/index.html").is_file());
    assert!(site_dir.join("public/search/index/meta.json").is_file());
    let ignored = std::fs::read_to_string(site_dir.join(".gitignore")).unwrap();
    for entry in ["/public", "/.public.*", "/.jianbao-cache"] {
        assert!(ignored.lines().any(|l| l == entry), "{entry} is not ignored: {ignored}");
    }
    let again = std::process::Command::new(jianbao)
        .args(["init", &site_dir.to_string_lossy(), "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("there is already a site here"));
}

#[test]
fn new_writes_a_valid_draft_and_refuses_to_overwrite() {
    let site = TestSite::new();
    let out = site.run(&[
        "new",
        "content/2013/11/fengjing.md",
        "--title",
        "枫泾镇举行消防比赛",
        "--district",
        "松江区",
        "--kind",
        "brief",
        "--tags",
        "消防,比赛",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.root().join("content/2013/11/fengjing.md")).unwrap();
    assert!(
        text.contains("title: 枫泾镇举行消防比赛\n")
            && text.contains("kind: brief")
            && text.contains("tags: [消防, 比赛]"),
        "{text}"
    );
    // It builds, as a draft.
    site.build_with(|o| o.drafts = true).unwrap();
    let again = site.run(&[
        "new",
        "content/2013/11/fengjing.md",
        "--title",
        "另一篇",
        "--district",
        "松江区",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn new_suggests_a_district_on_a_near_miss() {
    let site = TestSite::new();
    let out = site.run(&["new", "content/a.md", "--title", "标题", "--district", "崇明"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown district 崇明\n  hint: did you mean 崇明区?"),
        "{}",
        stderr(&out)
    );
    assert!(!site.root().join("content/a.md").exists());
}

#[test]
fn check_reports_links_and_anchors_that_lead_nowhere() {
    let site = TestSite::new();
    site.article(
        "2013/11/a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\nbyline: [{ role: 记者, name: 甲 }]",
        "## 第一节\n\n见[乙的第二节](b.md#di-er-jie)和[本文](#di-yi-jie)、[没有](#mei-you)。\n",
    );
    site.article(
        "2013/11/b.md",
        "title: 乙\ndate: 2013-11-04\ndistrict: 松江区\nbyline: [{ role: 记者, name: 乙 }]",
        "## 第一节\n\n正文。\n",
    );
    let out = site.run(&["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "content/2013/11/a.md:9:10: error: the link to b.md#di-er-jie names a heading that 乙 does not have"
        ),
        "{text}"
    );
    assert!(text.contains("its headings are #第一节"), "{text}");
    assert!(
        text.contains("the link to #mei-you names a heading that 甲 does not have"),
        "{text}"
    );
    assert!(
        !text.contains("the link to #di-yi-jie"),
        "a good anchor was reported: {text}"
    );
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_formats_for_ci() {
    let site = TestSite::new();
    site.article("a.md", "title: 甲\ndate: 2013-11-03\ndistrict: 松江", "x\n");
    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    assert_eq!(
        stdout(&github),
        "::error file=content/a.md,line=4,col=11,title=jianbao error::unknown district 松江%0Ahint: did you mean 松江区?\n"
    );
    let json = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["errors"], 1);
    assert_eq!(value["problems"][0]["line"], 4);
}

#[test]
fn check_exits_zero_on_a_clean_site() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: 甲\ndate: 2013-11-03\ndistrict: 松江区\nbyline: [{ role: 记者, name: 甲 }]",
        "正文。\n",
    );
    let out = site.run(&["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn version_names_the_commit() {
    let site = TestSite::new();
    let out = site.run(&["--version"]);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("jianbao {} (", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
}

#[test]
fn check_on_the_sample_reports_the_kicker_number_and_nothing_else() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["check", "--root", root, "--format", "json"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (value["errors"].as_u64(), value["warnings"].as_u64()),
        (Some(0), Some(1)),
        "{value:#}"
    );
    let problem = &value["problems"][0];
    assert_eq!(problem["lint"], "number-mismatch");
    assert_eq!(problem["file"], "content/2013/11/fengjing-xiaofang.md");
    assert!(problem["message"].as_str().unwrap().contains("52"));
    assert_eq!(run(&["--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn theme_export_writes_the_built_in_theme_for_the_site_to_change() {
    let site = TestSite::new();
    site.simple("2013/11/a.md", "莘庄镇举行消防演练", "2013-11-03");
    let out = site.run(&["theme", "export"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let base = site.root().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).expect("base.html exported");
    assert!(site.root().join("themes/default/static").is_dir());

    // The exported copy is the one a build uses.
    std::fs::write(&base, text.replace("</body>", "<p>本报编辑部自改</p></body>")).expect("edit");
    site.build_ok();
    assert!(site.read("index.html").contains("本报编辑部自改"));

    // A second export would overwrite those edits: refused.
    let again = site.run(&["theme", "export"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn quiet_prints_errors_only() {
    let site = TestSite::new();
    // No byline: a warning from check; a photo item without a picture: a warning from build.
    site.article(
        "2013/11/a.md",
        "title: 莘庄镇举行消防演练\ndate: 2013-11-03\ndistrict: 松江区\nkind: photo",
        "演练现场。\n",
    );
    let build = site.run(&["build", "--quiet"]);
    assert!(build.status.success());
    assert_eq!((stdout(&build), stderr(&build)), (String::new(), String::new()));
    let loud = site.run(&["build"]);
    assert!(stderr(&loud).contains("warning"), "{}", stderr(&loud));

    let check = site.run(&["check", "-q"]);
    assert!(check.status.success());
    assert_eq!((stdout(&check), stderr(&check)), (String::new(), String::new()));

    site.article(
        "2013/11/b.md",
        "title: 乙\ndate: 2013-11-04\ndistrict: 松江",
        "正文。\n",
    );
    let check = site.run(&["check", "--quiet"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("error: unknown district 松江"),
        "{}",
        stdout(&check)
    );
    assert!(!stdout(&check).contains("warning"), "{}", stdout(&check));
    // Never colour into a pipe.
    assert!(!stdout(&check).contains('\u{1b}'));
}
