//! The record a build leaves beside its output, so that the next build of
//! the same sources has nothing to do.
//!
//! A build records every source it could read (site.yaml, the articles and
//! the files beside them, the editions, themes, templates and static files,
//! the published terms) by its stamp; how it was run and which jianbao ran
//! it; the manifest it left; and what it reported. The next build with the
//! same sources, run the same way by the same jianbao, into an output its
//! manifest still describes, reports the same and touches nothing: it reads
//! no article, and costs the time of looking at the stamps of its sources
//! and the sizes of its output files.
//!
//! A source is known unchanged by its stamp (length, modification and
//! change times, file number), as make, cargo and git know theirs, rather
//! than by reading it: reading a district's photographs again on every
//! build would cost more than the build. File times are coarse, so a file
//! written moments before it was looked at could be written again without
//! its stamp moving: a build whose sources are not all settled leaves no
//! record, and the next one runs in full. An article scheduled for later
//! keeps a record good only until its time comes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::{LeftOut, SourceStamp, StampedPath};
use crate::error::Diagnostic;
use crate::output::{self, Manifest};

/// The record's format; a record of another format is not read.
const FORMAT: u32 = 1;

/// Every source file of a site, with its stamp, as found when a build began.
pub(crate) struct Sources {
    /// Paths relative to the site's folder, sorted; `None` for a file whose
    /// stamp could not be taken, which no record matches.
    files: Vec<(String, Option<SourceStamp>)>,
    /// Where in `files` the articles are, whose stamps the build's load takes
    /// (see [`Sources::list_as_of`]); their stamps are `None` until then.
    for_the_load: Vec<usize>,
    /// Files the build wrote itself after it began (see [`Sources::restamp`]).
    written: Vec<String>,
    taken: SystemTime,
}

impl Sources {
    /// Looks at every source file of the site at `root`.
    pub(crate) fn scan(root: &Path) -> Sources {
        let mut sources = Sources::list_as_of(root, SystemTime::now());
        sources.take_from_load(root, &[]);
        sources
    }

    /// Every source file of the site at `root`, looked at by a build begun
    /// at `taken`, before it read any source, so that a file changed while
    /// the build ran is not settled and no record trusts it. The articles
    /// are listed, but their stamps left for [`Sources::take_from_load`]: the
    /// build looks at each one before reading it, and at 10,000 articles a
    /// second look cost the build some 6% of its time.
    pub(crate) fn list_as_of(root: &Path, taken: SystemTime) -> Sources {
        let mut paths: Vec<String> = [crate::config::CONFIG_FILE, output::PUBLISHED_TERMS]
            .into_iter()
            .filter(|file| root.join(file).exists())
            .map(str::to_string)
            .collect();
        for folder in crate::site::SOURCE_FOLDERS.iter().filter(|f| root.join(f).exists()) {
            // As the articles are found: links to folders are not followed.
            let walk = walkdir::WalkDir::new(root.join(folder)).follow_links(false);
            paths.extend(walk.into_iter().filter_map(|entry| match entry {
                Ok(entry) if entry.file_type().is_dir() => None,
                Ok(entry) => Some(relative(root, entry.path())),
                // A folder that cannot be listed: a name no stamp can be taken of.
                Err(e) => Some(e.path().map_or_else(|| folder.to_string(), |p| relative(root, p))),
            }));
        }
        paths.sort_unstable();
        paths.dedup();
        let files: Vec<(String, Option<SourceStamp>)> = paths
            .into_par_iter()
            .map(|path| {
                let stamp = (!is_article(&path))
                    .then(|| SourceStamp::of(&root.join(&path)))
                    .flatten();
                (path, stamp)
            })
            .collect();
        let for_the_load = (files.iter().enumerate())
            .filter(|(_, (path, _))| is_article(path))
            .map(|(at, _)| at)
            .collect();
        Sources {
            files,
            for_the_load,
            written: Vec::new(),
            taken,
        }
    }

    /// Takes the articles' stamps from `load`'s (by path, as `files` names
    /// them), and looks at any article it has none of: a hidden file, say,
    /// which is no article but still a source, or a file that went away.
    pub(crate) fn take_from_load(&mut self, root: &Path, load: &[StampedPath]) {
        let from_load: HashMap<&str, SourceStamp> = load.iter().map(|(path, stamp)| (path.as_str(), *stamp)).collect();
        let unstamped: Vec<usize> = std::mem::take(&mut self.for_the_load)
            .into_iter()
            .filter(|&at| {
                let (path, stamp) = &mut self.files[at];
                *stamp = from_load.get(path.as_str()).copied();
                stamp.is_none()
            })
            .collect();
        let looked_at: Vec<Option<SourceStamp>> = unstamped
            .par_iter()
            .map(|&at| SourceStamp::of(&root.join(&self.files[at].0)))
            .collect();
        for (at, stamp) in unstamped.into_iter().zip(looked_at) {
            self.files[at].1 = stamp;
        }
    }

    /// Takes `file`'s stamp again, after the build itself wrote it. That
    /// stamp counts as settled: it was taken after the writing, and no one
    /// else writes the build's own files. Otherwise every build that wrote
    /// one, the first of a site among them, would leave no record.
    pub(crate) fn restamp(&mut self, root: &Path, file: &str) {
        if !self.written.iter().any(|w| w == file) {
            self.written.push(file.to_string());
        }
        let stamp = SourceStamp::of(&root.join(file));
        match self.files.binary_search_by(|(path, _)| path.as_str().cmp(file)) {
            Ok(at) => self.files[at].1 = stamp,
            Err(at) => self.files.insert(at, (file.to_string(), stamp)),
        }
    }

    /// Whether every stamp was taken, of a file last changed well before it
    /// was looked at, or of one the build wrote itself.
    fn settled(&self) -> bool {
        let Some(before) = self.taken.checked_sub(crate::content::SETTLE_TIME) else {
            return false;
        };
        let Ok(before) = before.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let before = u64::try_from(before.as_nanos()).unwrap_or(u64::MAX);
        self.files
            .iter()
            .all(|(path, stamp)| stamp.is_some_and(|s| s.modified_by(before) || self.written.contains(path)))
    }

    fn same_as(&self, recorded: &[StampedPath]) -> bool {
        self.files.len() == recorded.len()
            && self
                .files
                .iter()
                .zip(recorded)
                .all(|((path, stamp), (was_path, was))| path == was_path && *stamp == Some(*was))
    }
}

/// Whether `path` (as [`Sources`] names files) may be an article, whose
/// stamp the build's load takes.
fn is_article(path: &str) -> bool {
    path.starts_with(crate::content::CONTENT_DIR)
        && path[crate::content::CONTENT_DIR.len()..].starts_with('/')
        && path.ends_with(".md")
}

/// The path of `path` inside `root`, with `/` between names, as the output's
/// manifest writes them.
fn relative(root: &Path, path: &Path) -> String {
    crate::content::names_joined(path.strip_prefix(root).unwrap_or(path))
}

/// How a build was run: a build run otherwise makes other files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RunKey {
    /// The site's folder, as the system names it.
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    pub minify: bool,
}

/// What a build reported, to report again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Recorded {
    pub pages: usize,
    pub articles: usize,
    pub static_files: usize,
    pub warnings: Vec<Diagnostic>,
    pub left_out: Vec<LeftOut>,
}

/// The file beside the output.
#[derive(Serialize)]
struct Record {
    #[serde(flatten)]
    head: RecordHead,
    report: Recorded,
}

/// A [`Record`] without its report, read first: when the sources changed,
/// the warnings need not be read back at all.
#[derive(Serialize, Deserialize)]
struct RecordHead {
    format: u32,
    /// The identity of the jianbao source that made the output.
    jianbao: String,
    run: RunKey,
    sources: Vec<StampedPath>,
    /// The SHA-256 of the manifest the build left, in hex.
    manifest: String,
    /// When the first article left out as scheduled is due: the record holds until then.
    until: Option<DateTime<FixedOffset>>,
}

/// The report of a [`Record`], read once the rest holds.
#[derive(Deserialize)]
struct RecordReport {
    report: Recorded,
}

/// The record of the last build into an output folder, read and found to be
/// of a build run the same way whose output folder is still there: all that
/// is left to compare are the sources, the manifest and the output's files.
/// A first build into a folder has none, and need not look at its sources
/// before it starts.
pub(crate) struct LastRecord {
    bytes: Vec<u8>,
    head: RecordHead,
}

impl LastRecord {
    /// The record of the last build into `output`, if it was run as `run`,
    /// still holds at `now`, and its output folder is there.
    pub(crate) fn read(output: &Path, run: &RunKey, now: DateTime<Utc>) -> Option<LastRecord> {
        // Looked at first: without its output folder, a record of 10,000
        // articles' sources is a megabyte and more not worth reading.
        if !output.is_dir() {
            return None;
        }
        let bytes = std::fs::read(output::build_record_path(output)).ok()?;
        let head: RecordHead = serde_json::from_slice(&bytes).ok()?;
        let holds = head.format == FORMAT
            && head.jianbao == env!("JIANBAO_SOURCE_ID")
            && head.run == *run
            && head.until.is_none_or(|due| now < due);
        holds.then_some(LastRecord { bytes, head })
    }

    /// What the build reported, when `sources` are as they were and `output`
    /// holds what the build left there.
    pub(crate) fn holds_for(self, output: &Path, sources: &Sources) -> Option<Recorded> {
        if !sources.same_as(&self.head.sources) {
            return None;
        }
        let manifest = std::fs::read_to_string(output::manifest_path(output)).ok()?;
        if hex_sha256(manifest.as_bytes()) != self.head.manifest || !Manifest::parse(&manifest)?.intact(output) {
            return None;
        }
        serde_json::from_slice::<RecordReport>(&self.bytes)
            .ok()
            .map(|r| r.report)
    }
}

/// Records the build just made into `output`, run as `run` from `sources`,
/// which reported `report`. A build whose sources were not settled records
/// nothing. A record that cannot be written is no loss but the next build's
/// time: it is not reported.
pub(crate) fn save(output: &Path, run: RunKey, sources: &Sources, report: Recorded) {
    if !sources.settled() {
        return;
    }
    let Ok(manifest) = std::fs::read(output::manifest_path(output)) else {
        return;
    };
    let until = report.left_out.iter().filter(|a| !a.draft).map(|a| a.date).min();
    let head = RecordHead {
        format: FORMAT,
        jianbao: env!("JIANBAO_SOURCE_ID").to_string(),
        run,
        sources: sources
            .files
            .iter()
            .filter_map(|(path, stamp)| Some((path.clone(), (*stamp)?)))
            .collect(),
        manifest: hex_sha256(&manifest),
        until,
    };
    let record = Record { head, report };
    if let Ok(bytes) = serde_json::to_vec(&record) {
        let _ = output::save_build_record(output, &bytes);
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ManifestEntry;

    /// What the last build into `output` reported, when a build at `now`, run
    /// as `run` from `sources`, would make the same files and say the same:
    /// both halves of the check `build` makes.
    fn unchanged(output: &Path, run: &RunKey, sources: &Sources, now: DateTime<Utc>) -> Option<Recorded> {
        LastRecord::read(output, run, now)?.holds_for(output, sources)
    }

    /// A site with one article and an output of one file, every file an hour old.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(root.join("site.yaml"), "title: 闵行简报\n").expect("write");
        std::fs::create_dir_all(root.join("content/2013/11")).expect("mkdir");
        std::fs::write(
            root.join("content/2013/11/a.md"),
            "---\ntitle: 银行进社区\n---\n正文。\n",
        )
        .expect("write");
        let output = root.join("public");
        std::fs::create_dir_all(&output).expect("mkdir");
        std::fs::write(output.join("index.html"), "<p>首页</p>").expect("write");
        let manifest = Manifest {
            files: [(
                "index.html".to_string(),
                ManifestEntry {
                    fingerprint: 7,
                    size: "<p>首页</p>".len() as u64,
                },
            )]
            .into(),
        };
        Manifest::save_text(&output, &manifest.text()).expect("manifest");
        (dir, output)
    }

    fn age(root: &Path) {
        let an_hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            if entry.file_type().is_file() {
                let file = std::fs::File::options().write(true).open(entry.path()).expect("open");
                file.set_modified(an_hour_ago).expect("set time");
            }
        }
    }

    fn run(root: &Path) -> RunKey {
        RunKey {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            future: false,
            minify: false,
        }
    }

    fn report(scheduled: Option<&str>) -> Recorded {
        Recorded {
            pages: 1,
            articles: 1,
            static_files: 0,
            warnings: Vec::new(),
            left_out: scheduled
                .map(|date| LeftOut {
                    source: PathBuf::from("content/2014/01/b.md"),
                    draft: false,
                    date: DateTime::parse_from_rfc3339(date).expect("date"),
                })
                .into_iter()
                .collect(),
        }
    }

    fn at(date: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(date).expect("date").with_timezone(&Utc)
    }

    #[test]
    fn a_record_holds_until_the_first_scheduled_article_is_due() {
        let (dir, output) = site();
        age(dir.path());
        let sources = Sources::scan(dir.path());
        save(
            &output,
            run(dir.path()),
            &sources,
            report(Some("2014-01-01T08:00:00+08:00")),
        );
        let unchanged_at = |now: &str| unchanged(&output, &run(dir.path()), &Sources::scan(dir.path()), at(now));
        assert!(unchanged_at("2013-12-31T23:59:00+08:00").is_some());
        assert!(unchanged_at("2014-01-01T08:00:00+08:00").is_none());
    }

    #[test]
    fn a_record_holds_for_the_same_run_of_the_same_sources_into_the_same_output() {
        let (dir, output) = site();
        age(dir.path());
        save(&output, run(dir.path()), &Sources::scan(dir.path()), report(None));
        let now = at("2026-12-03T09:00:00+08:00");
        let holds = || unchanged(&output, &run(dir.path()), &Sources::scan(dir.path()), now).is_some();
        assert!(holds());
        let drafts = RunKey {
            drafts: true,
            ..run(dir.path())
        };
        assert!(unchanged(&output, &drafts, &Sources::scan(dir.path()), now).is_none());
        // The output's file rewritten behind the build's back.
        std::fs::write(output.join("index.html"), "<p>首页，改过</p>").expect("write");
        assert!(!holds());
    }

    #[test]
    fn a_record_whose_warnings_the_catalogue_cannot_read_is_void() {
        let (dir, output) = site();
        age(dir.path());
        let mut with_warning = report(None);
        let warning = Diagnostic::error(
            crate::error::Area::Content,
            "content/2013/11/a.md",
            3,
            1,
            crate::msg!(
                "io-error",
                action = crate::msg!("output-io-write-record"),
                reason = "磁盘已满"
            ),
        );
        with_warning.warnings.push(warning.clone());
        save(&output, run(dir.path()), &Sources::scan(dir.path()), with_warning);
        let now = at("2026-12-03T09:00:00+08:00");
        let read_back = unchanged(&output, &run(dir.path()), &Sources::scan(dir.path()), now);
        assert_eq!(read_back.map(|r| r.warnings), Some(vec![warning]));
        // A record written by a jianbao whose catalogue had another message.
        let path = output::build_record_path(&output);
        let text = std::fs::read_to_string(&path).expect("record");
        std::fs::write(&path, text.replace("\"io-error\"", "\"io-error-gone\"")).expect("write");
        assert!(unchanged(&output, &run(dir.path()), &Sources::scan(dir.path()), now).is_none());
    }

    #[test]
    fn a_list_takes_the_articles_stamps_from_the_load_and_looks_at_the_rest() {
        let (dir, _) = site();
        let root = dir.path();
        // A hidden file is no article, so the load does not look at it; still a source.
        std::fs::write(root.join("content/2013/11/.a.md.swp"), "未存完").expect("write");
        std::fs::write(root.join("content/2013/11/.b.md"), "藏起来的草稿").expect("write");
        let scanned = Sources::scan(root);
        let recorded: Vec<StampedPath> = scanned
            .files
            .iter()
            .map(|(path, stamp)| (path.clone(), stamp.expect("stamp")))
            .collect();
        assert_eq!(recorded.len(), 4, "{recorded:?}");

        let mut listed = Sources::list_as_of(root, scanned.taken);
        assert!(!listed.same_as(&recorded), "the articles wait for the load");
        let article = "content/2013/11/a.md";
        let from_load = SourceStamp::of(&root.join(article)).expect("stamp");
        listed.take_from_load(root, &[(article.to_string(), from_load)]);
        assert!(listed.same_as(&recorded));

        // The load's stamp is the one kept: one taken before a change tells of it.
        let mut listed = Sources::list_as_of(root, scanned.taken);
        let before = SourceStamp::of(&root.join("site.yaml")).expect("stamp");
        listed.take_from_load(root, &[(article.to_string(), before)]);
        assert!(!listed.same_as(&recorded));
    }

    #[test]
    fn a_source_written_moments_ago_leaves_no_record() {
        let (dir, output) = site();
        age(dir.path());
        std::fs::write(
            dir.path().join("content/2013/11/a.md"),
            "---\ntitle: 银行进社区\n---\n改过。\n",
        )
        .expect("write");
        save(&output, run(dir.path()), &Sources::scan(dir.path()), report(None));
        assert!(!output::build_record_path(&output).exists());
    }

    #[test]
    fn a_file_rewritten_with_its_old_length_and_time_is_seen() {
        let (dir, output) = site();
        age(dir.path());
        let article = dir.path().join("content/2013/11/a.md");
        let old_time = std::fs::metadata(&article).and_then(|m| m.modified()).expect("time");
        save(&output, run(dir.path()), &Sources::scan(dir.path()), report(None));
        // Same length, and the old time put back, as `touch -r` or an archive would.
        std::fs::write(&article, "---\ntitle: 银行进社区\n---\n正片。\n").expect("write");
        let file = std::fs::File::options().write(true).open(&article).expect("open");
        file.set_modified(old_time).expect("set time");
        let now = at("2026-12-03T09:00:00+08:00");
        assert!(unchanged(&output, &run(dir.path()), &Sources::scan(dir.path()), now).is_none());
    }
}
