//! A small site in a temporary folder, for integration tests.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::build::{BuildOptions, BuildReport, build};
use jianbao::error::Diagnostics;

/// site.yaml of the test sites: two districts, one with an alias.
pub const SITE_YAML: &str = "title: 测试简报\nbase_url: https://example.org/\npaginate: 2\ndistricts:\n  松江区: { slug: songjiang }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

/// The address `serve`'s rebuilds are made for in tests; nothing listens there.
pub const SERVE_BASE: &str = "http://127.0.0.1:9/";

/// A site being written for a test.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with the standard site.yaml and no articles.
    pub fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", SITE_YAML);
        site
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, text: &str) -> &TestSite {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Writes a JPEG picture of the given size (a gradient, the same every time).
    pub fn picture(&self, rel: &str, width: u32, height: u32) -> &TestSite {
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let mut bytes = Vec::new();
        image
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85))
            .expect("encode");
        std::fs::write(path, bytes).expect("write");
        self
    }

    /// Writes an article under content/ with the given front matter lines and body.
    pub fn article(&self, rel: &str, front: &str, body: &str) -> &TestSite {
        self.write(&format!("content/{rel}"), &format!("---\n{front}\n---\n{body}"))
    }

    /// Writes a minimal valid article.
    pub fn simple(&self, rel: &str, title: &str, date: &str) -> &TestSite {
        self.article(
            rel,
            &format!("title: {title}\ndate: {date}\ndistrict: 松江区"),
            "正文。\n",
        )
    }

    /// Makes every file of the site but the output an hour old, as a site's
    /// files are by the time it is built again: a build trusts the stamps of
    /// settled files only (see the build record).
    pub fn settle(&self) -> &TestSite {
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let public = self.public();
        let walk = walkdir::WalkDir::new(self.root())
            .into_iter()
            .filter_entry(|e| e.path() != public);
        for entry in walk.flatten().filter(|e| e.file_type().is_file()) {
            let file = std::fs::File::options().write(true).open(entry.path()).expect("open");
            file.set_modified(an_hour_ago).expect("set time");
        }
        self
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Builds into public/.
    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        self.build_with(|_| {})
    }

    /// Builds with changed options.
    pub fn build_with(&self, change: impl FnOnce(&mut BuildOptions)) -> Result<BuildReport, Diagnostics> {
        let mut options = BuildOptions {
            root: self.root().to_path_buf(),
            output: self.public(),
            base_url: None,
            drafts: false,
            future: false,
            // Every body's Markdown and HTML set aside and read back, as those
            // of an archive past both budgets are: the tests' sites are small
            // enough to be held whole, which `serve` and the command-line
            // tests cover. Markdown held until rendered has unit tests, and
            // tests/build.rs builds a site with half of it held.
            held_text: Some(0),
        };
        change(&mut options);
        build(&options)
    }

    /// Builds, failing the test on any error.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(problems) => panic!("build failed:\n{}", render(&problems)),
        }
    }

    /// Builds, expecting failure; returns the problems as printed.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(problems) => render(&problems),
        }
    }

    /// A file of the output as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Whether the output has this file.
    pub fn has(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    /// Runs the jianbao binary in the site's folder, speaking English (the
    /// tests of Chinese messages ask for them with `--lang zh`).
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        let lang: &[&str] = if args.contains(&"--lang") {
            &[]
        } else {
            &["--lang", "en"]
        };
        Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(args)
            .args(lang)
            .current_dir(self.root())
            .output()
            .expect("run jianbao")
    }
}

/// Problems as the command line prints them.
pub fn render(problems: &Diagnostics) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// The folder of the browser tests, when Chromium, Node.js and playwright-core
/// are all there. `.ci/run` installs them; CI fails if they are missing, a
/// developer's machine without them skips with a note.
pub fn browser_tests() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = std::path::Path::new("/usr/bin/chromium").exists()
        && dir.join("node_modules/playwright-core").is_dir()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if ready {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests need chromium, node and `npm install` in tests/browser"
    );
    eprintln!("skipping a browser test: install chromium and run `npm install` in tests/browser");
    None
}

/// Asserts that what the rebuilder holds is byte for byte what a full build writes.
pub fn assert_same_as_full_build(site: &TestSite, rebuilder: &jianbao::serve::rebuild::Rebuilder, what: &str) {
    // Into a new folder each time: a build into the last one's output is incremental too,
    // and would share any mistake in telling which pages changed.
    let output = tempfile::tempdir().unwrap();
    let public = output.path().join("public");
    site.build_with(|o| {
        o.base_url = Some(SERVE_BASE.into());
        o.output = public.clone();
    })
    .unwrap_or_else(|p| panic!("{what}: {}", render(&p)));
    let full = snapshot_tree(&public);
    let files = rebuilder.files();
    let mut incremental: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(file, built)| (file.clone(), built.bytes.as_ref().clone()))
        .collect();
    incremental.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full), "{what}: different files");
    for ((name, a), (_, b)) in incremental.iter().zip(&full) {
        assert!(a == b, "{what}: {name} differs from a full build");
    }
}

/// Runs one of the browser tests (`node tests/browser/SCRIPT ARGS…`) and fails
/// unless it passes.
pub fn run_browser_script(dir: &Path, script: &str, args: &[&std::ffi::OsStr]) {
    let out = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("PASS"), "{stdout}");
}
