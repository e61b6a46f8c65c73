//! Where a run of the pipeline puts the files it made.
//!
//! A sink says which files it already holds, and with what fingerprint, so
//! that the pipeline renders only the others; it is then given each new file,
//! from many threads at once, and at the end the list of every file the
//! output has. Three sinks cover every use:
//!
//! - [`DiskSink`]: the output folder, written all or nothing through a
//!   staging folder, with a manifest of fingerprints for the next build;
//! - [`MemorySink`]: the files `serve` serves, kept across rebuilds;
//! - [`CollectSink`]: the files, collected, for `check`, tests and fuzzing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics, io_error};
use crate::msg;
use crate::output::{Manifest, ManifestEntry, Staging};
use crate::par::locked;

use super::outputs::OutputFile;

/// What one file of a run is made of.
pub enum Content<'a> {
    /// Bytes made by the run: a page, a static file.
    Bytes(std::borrow::Cow<'a, [u8]>),
    /// A picture in the picture cache, published as it is.
    Picture(&'a Path),
    /// A file of the site, published as it is: linked rather than copied when
    /// it is large, never read whole into memory on the way to disk.
    Attachment(&'a Path),
}

/// Every file the output has after a run.
pub struct Listing<'a> {
    /// Each file with its fingerprint, or `None` for a file the run did not
    /// look at, as it knew the file unchanged since the last run into the same
    /// sink (see [`Sink::continues`]).
    pub files: Vec<(&'a str, Option<u64>)>,
    /// Whether the files are, by name, those of the last run into the same
    /// sink: the usual edit, which a sink holding them need not look up one by one.
    pub same_files: bool,
}

/// Where a run puts its files. Methods other than `finish` are called from
/// many threads at once.
pub trait Sink: Sync {
    /// The fingerprint of `file` as the sink holds it, when it holds it and
    /// it is still as it was put: such a file is not made again.
    fn held(&self, file: &str) -> Option<u64>;

    /// Whether the sink holds exactly what the last successful run of the
    /// same pipeline gave it, so that pages the pipeline knows unchanged
    /// need not even be fingerprinted.
    fn continues(&self) -> bool {
        false
    }

    /// Whether the sink wants this file's bytes; the others are listed only.
    fn wants(&self, _file: &OutputFile<'_>) -> bool {
        true
    }

    /// Takes a new or changed file.
    fn put(&self, file: &str, fingerprint: u64, content: Content<'_>) -> Result<(), Diagnostic>;

    /// Ends the run: the output is the files put, and those of `listing`
    /// it held before; nothing else.
    fn finish(&mut self, listing: &Listing<'_>) -> Result<(), Diagnostics>;

    /// Publishes the files put so far, without the files `gone`, ahead of the
    /// rest of the run: `serve` shows the pages open in a browser first. The
    /// run goes on, and ends with [`Sink::finish`], or with [`Sink::abandon`]
    /// when a newer change interrupts it. A sink that publishes only whole
    /// runs does nothing.
    fn preview(&mut self, _gone: &[&str]) {}

    /// Ends a run a newer change interrupted: the files put since the last
    /// preview are dropped, and the next run starts from what the sink held.
    fn abandon(&mut self) {}
}

/// Reads a file a sink must hold in memory.
fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| io_error(path, msg!("io-read"), &e))
}

/// The output folder, written all or nothing: the new version is assembled
/// in a staging folder (files unchanged since the last build are linked from
/// it) and swapped in whole; when nothing changed, the folder is not touched.
pub struct DiskSink {
    output: PathBuf,
    /// The last build's manifest, when there is one this jianbao wrote.
    old: Option<Manifest>,
    staging: Staging,
    put: Mutex<HashMap<String, ManifestEntry>>,
    /// How many files the run wrote, once it ended.
    written: usize,
}

impl DiskSink {
    /// A sink writing into `output`.
    pub fn new(output: &Path) -> Result<DiskSink, Diagnostic> {
        Ok(DiskSink {
            output: output.to_path_buf(),
            old: Manifest::load(output),
            staging: Staging::begin(output)?,
            put: Mutex::default(),
            written: 0,
        })
    }

    /// How many files the run wrote; the others were unchanged.
    pub fn written(&self) -> usize {
        self.written
    }
}

impl Sink for DiskSink {
    fn held(&self, file: &str) -> Option<u64> {
        let old = self.old.as_ref()?;
        let fingerprint = old.files.get(file)?.fingerprint;
        old.unchanged_on_disk(&self.output, file, fingerprint)
            .then_some(fingerprint)
    }

    fn put(&self, file: &str, fingerprint: u64, content: Content<'_>) -> Result<(), Diagnostic> {
        let staging = &self.staging;
        let size = match content {
            Content::Bytes(bytes) => {
                staging.write(file, &bytes)?;
                bytes.len() as u64
            }
            Content::Picture(path) => {
                let bytes = read(path)?;
                staging.write(file, &bytes)?;
                bytes.len() as u64
            }
            Content::Attachment(path) => staging.publish_file(file, path)?,
        };
        locked(&self.put).insert(file.to_string(), ManifestEntry { fingerprint, size });
        Ok(())
    }

    fn finish(&mut self, listing: &Listing<'_>) -> Result<(), Diagnostics> {
        let one = |d: Diagnostic| Diagnostics::from_iter([d]);
        let staging = &self.staging;
        let put = std::mem::take(&mut *locked(&self.put));
        self.written = put.len();
        let old_files = self.old.as_ref().map_or(0, |m| m.files.len());
        // Every listed file was held as it is, or it would have been put.
        if put.is_empty() && self.old.is_some() && listing.files.len() == old_files {
            return Ok(());
        }
        let kept: Vec<Result<(String, ManifestEntry), Diagnostic>> = listing
            .files
            .par_iter()
            .filter(|(file, _)| !put.contains_key(*file))
            .map(|(file, fingerprint)| {
                staging.keep(file)?;
                // A file kept is one the old manifest holds (see `held`); were it
                // not, a size of 0 only makes the next build write it again.
                let entry = self.old.as_ref().and_then(|m| m.files.get(*file)).copied();
                let entry = entry.unwrap_or(ManifestEntry {
                    fingerprint: fingerprint.unwrap_or_default(),
                    size: 0,
                });
                Ok((file.to_string(), entry))
            })
            .collect();
        let mut manifest = Manifest { files: put };
        let mut problems = Diagnostics::new();
        for k in kept {
            match k {
                Ok((file, entry)) => {
                    manifest.files.insert(file, entry);
                }
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            problems.sort();
            return Err(problems);
        }
        let old = self.old.as_ref();
        let staging = &mut self.staging;
        // The manifest's text is made while the new output moves into place.
        let (text, committed) = rayon::join(
            || manifest.text(),
            || {
                let produced: HashSet<&str> = listing.files.iter().map(|(file, _)| *file).collect();
                staging.carry_over_unowned(old, &produced)?;
                staging.commit()
            },
        );
        committed.map_err(one)?;
        Manifest::save_text(&self.output, &text).map_err(one)
    }
}

/// One file held in memory.
#[derive(Clone, Debug)]
pub struct BuiltFile {
    /// A hash of what the file was made from, to skip it when that is unchanged.
    pub fingerprint: u64,
    pub bytes: Arc<Vec<u8>>,
}

/// Every file of a site held in memory, by its path under the output.
pub type BuiltFiles = HashMap<String, BuiltFile>;

/// What one run into a [`MemorySink`] changed.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Files whose bytes are new or different, sorted.
    pub changed: Vec<String>,
    /// Files that are gone, sorted.
    pub removed: Vec<String>,
    /// How many files were made (the rest were reused).
    pub rendered: usize,
}

/// Told of each preview a [`MemorySink`] publishes: the files it holds now,
/// and what the preview changed.
pub type PreviewHook = Arc<dyn Fn(Arc<BuiltFiles>, &Changes) + Send + Sync>;

/// The files `serve` serves, kept across runs; each run replaces them whole,
/// so a reader never sees half of one, except the pages a run previews
/// ([`Sink::preview`]), which are whole pages of that run.
#[derive(Default)]
pub struct MemorySink {
    files: Arc<BuiltFiles>,
    put: Mutex<Vec<(String, BuiltFile)>>,
    /// Whether a run has finished into this sink.
    fed: bool,
    /// What the last run changed.
    changes: Changes,
    /// What the previews of the run under way changed.
    previewed: Changes,
    on_preview: Option<PreviewHook>,
}

impl MemorySink {
    /// The files held.
    pub fn files(&self) -> Arc<BuiltFiles> {
        Arc::clone(&self.files)
    }

    /// What the last run changed, its previews included.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Has `hook` told of every preview, once it is published.
    pub fn on_preview(&mut self, hook: PreviewHook) {
        self.on_preview = Some(hook);
    }

    /// The files put since the last preview or finish, and which of them
    /// have other bytes than the sink holds.
    fn take_put(&self) -> (Vec<(String, BuiltFile)>, Vec<String>) {
        let put = std::mem::take(&mut *locked(&self.put));
        let changed = put
            .iter()
            .filter(|(file, built)| {
                self.files
                    .get(file)
                    .is_none_or(|o| !Arc::ptr_eq(&o.bytes, &built.bytes))
            })
            .map(|(file, _)| file.clone())
            .collect();
        (put, changed)
    }

    /// Replaces some files by ones made after the run (the search index
    /// `serve` builds after the pages), and tells what changed.
    pub fn replace(&mut self, files: Vec<(String, BuiltFile)>) -> Changes {
        let old = Arc::clone(&self.files);
        let mut new = (*old).clone();
        let mut changed = Vec::new();
        let rendered = files.len();
        for (file, built) in files {
            if old.get(&file).is_none_or(|o| o.bytes != built.bytes) {
                changed.push(file.clone());
            }
            new.insert(file, built);
        }
        changed.sort();
        self.files = Arc::new(new);
        Changes {
            changed,
            removed: Vec::new(),
            rendered,
        }
    }
}

impl Sink for MemorySink {
    fn held(&self, file: &str) -> Option<u64> {
        self.files.get(file).map(|f| f.fingerprint)
    }

    fn continues(&self) -> bool {
        self.fed
    }

    fn put(&self, file: &str, fingerprint: u64, content: Content<'_>) -> Result<(), Diagnostic> {
        let bytes = match content {
            Content::Bytes(bytes) => bytes.into_owned(),
            Content::Picture(path) | Content::Attachment(path) => read(path)?,
        };
        // The same bytes keep the old allocation, which tells readers nothing changed.
        let bytes = match self.files.get(file) {
            Some(old) if *old.bytes == bytes => Arc::clone(&old.bytes),
            _ => Arc::new(bytes),
        };
        locked(&self.put).push((file.to_string(), BuiltFile { fingerprint, bytes }));
        Ok(())
    }

    fn finish(&mut self, listing: &Listing<'_>) -> Result<(), Diagnostics> {
        let (put, mut changed) = self.take_put();
        let old = Arc::clone(&self.files);
        let rendered = put.len();
        // The usual run, an edit: the same files, a few of them new. Copying the
        // map whole is far cheaper than building it again file by file.
        let (files, mut removed) = if listing.same_files && self.fed {
            let mut files = (*old).clone();
            files.extend(put);
            (files, Vec::new())
        } else {
            let mut put: HashMap<String, BuiltFile> = put.into_iter().collect();
            let mut files: BuiltFiles = HashMap::with_capacity(listing.files.len());
            for (file, _) in &listing.files {
                // Not made this run (unchanged, or a search file left for later): as it was.
                if let Some(built) = put.remove(*file).or_else(|| old.get(*file).cloned()) {
                    files.insert(file.to_string(), built);
                }
            }
            let removed = old.keys().filter(|f| !files.contains_key(*f)).cloned().collect();
            (files, removed)
        };
        let previewed = std::mem::take(&mut self.previewed);
        changed.extend(previewed.changed);
        removed.extend(previewed.removed);
        changed.sort();
        changed.dedup();
        removed.sort();
        removed.dedup();
        self.changes = Changes {
            changed,
            removed,
            rendered: rendered + previewed.rendered,
        };
        self.files = Arc::new(files);
        self.fed = true;
        Ok(())
    }

    fn preview(&mut self, gone: &[&str]) {
        let (put, mut changed) = self.take_put();
        let rendered = put.len();
        let mut files = (*self.files).clone();
        files.extend(put);
        let mut removed: Vec<String> = gone
            .iter()
            .filter(|file| files.remove(**file).is_some())
            .map(|file| file.to_string())
            .collect();
        if rendered == 0 && removed.is_empty() {
            return;
        }
        // Files made again with the same bytes count too: their fingerprints are new.
        self.files = Arc::new(files);
        changed.sort();
        removed.sort();
        let changes = Changes {
            changed,
            removed,
            rendered,
        };
        if let Some(hook) = &self.on_preview
            && !(changes.changed.is_empty() && changes.removed.is_empty())
        {
            hook(Arc::clone(&self.files), &changes);
        }
        self.previewed.changed.extend(changes.changed);
        self.previewed.removed.extend(changes.removed);
        self.previewed.rendered += changes.rendered;
    }

    fn abandon(&mut self) {
        locked(&self.put).clear();
        self.previewed = Changes::default();
    }
}

/// The files of a run, collected: for `check`, which reads every page, and
/// for tests and fuzzing, which need the whole pipeline without a disk.
pub struct CollectSink {
    wants: fn(&OutputFile<'_>) -> bool,
    put: Mutex<Vec<(String, Vec<u8>)>>,
    /// Every file the output has, sorted, made or not.
    pub listed: Vec<String>,
}

impl CollectSink {
    /// A sink collecting every file.
    pub fn all() -> CollectSink {
        CollectSink::only(|_| true)
    }

    /// A sink collecting the files `wants` picks, and listing the rest.
    pub fn only(wants: fn(&OutputFile<'_>) -> bool) -> CollectSink {
        CollectSink {
            wants,
            put: Mutex::default(),
            listed: Vec::new(),
        }
    }

    /// The files collected, sorted by name.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.put.into_inner().unwrap_or_else(PoisonError::into_inner);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for CollectSink {
    fn held(&self, _file: &str) -> Option<u64> {
        None
    }

    fn wants(&self, file: &OutputFile<'_>) -> bool {
        (self.wants)(file)
    }

    fn put(&self, file: &str, _fingerprint: u64, content: Content<'_>) -> Result<(), Diagnostic> {
        let bytes = match content {
            Content::Bytes(bytes) => bytes.into_owned(),
            Content::Picture(path) | Content::Attachment(path) => read(path)?,
        };
        locked(&self.put).push((file.to_string(), bytes));
        Ok(())
    }

    fn finish(&mut self, listing: &Listing<'_>) -> Result<(), Diagnostics> {
        self.listed = listing.files.iter().map(|(file, _)| file.to_string()).collect();
        self.listed.sort();
        Ok(())
    }
}
