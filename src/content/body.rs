//! An article's body as HTML, held in memory or set aside in scratch files.
//!
//! A one-off build of a big archive would otherwise hold every body at once:
//! at 100,000 articles that is half a gigabyte of Markdown and as much HTML,
//! each body wanted by one page (and a few feeds). So a build of a site with
//! more text than [`HELD_TEXT`] writes each body's HTML to a [`Spill`]:
//! unnamed files in the site's `.jianbao-cache/`, one per thread, gone when
//! the build ends. The page that shows the body reads its HTML back: a copy,
//! where reading the file again could find it changed and rendering the body
//! again would be Markdown, links and pictures over. Its Markdown is held from
//! reading the file to rendering the body, up to [`held_markdown`] of it; the
//! Markdown past that is set aside too, and read back to be rendered.
//! `serve` holds its bodies: it renders them again only when they change.

use std::borrow::Cow;
use std::fs::File;
use std::hash::Hash;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The most article text, in bytes of the files, that a single build holds
/// in memory: a site of up to about 12,000 articles of 5 KB is held whole; a
/// bigger archive sets every body aside (see [`Spill`]), so that its peak
/// memory grows with its number of articles, not with their text. All or
/// none, so that a build's memory does not depend on the order its threads
/// read the files in.
pub const HELD_TEXT: usize = 64 << 20;

/// For a build that holds at most `held_text` of article text, the most
/// Markdown, in bytes of the files taken in the order they were found, it
/// holds from reading a file to rendering its body when it sets the bodies
/// aside: eight times as much, half a gigabyte by default. Each article's
/// Markdown is let go of as its body is rendered, and the memory it took is
/// what the pages' cards are made in next; writing it to the scratch file
/// and reading it back cost a 100,000-article build more than holding it.
/// Past that much, an archive sets its Markdown aside too, so that the
/// memory a build holds it in stays bounded.
pub fn held_markdown(held_text: usize) -> usize {
    held_text.saturating_mul(8)
}

/// An article's body as HTML, held or set aside.
#[derive(Clone, Debug)]
pub enum Body {
    /// The HTML itself.
    Held(String),
    /// The HTML, written to the build's scratch file.
    SetAside(SetAside),
}

impl Body {
    /// The HTML: held, or read back from the scratch file.
    pub fn html(&self) -> std::io::Result<Cow<'_, str>> {
        match self {
            Body::Held(html) => Ok(Cow::Borrowed(html)),
            Body::SetAside(aside) => aside.read().map(Cow::Owned),
        }
    }
}

/// The error for an article, from `source`, whose text could not be read back from the [`Spill`].
pub(super) fn unreadable(source: &Path, err: &std::io::Error) -> crate::error::Diagnostic {
    crate::error::io_error(source, crate::msg!("content-io-read-set-aside"), err)
}

/// Where in a [`Spill`] one article's Markdown, or its body's HTML, is.
#[derive(Clone, Debug)]
pub struct SetAside {
    spill: Arc<Spill>,
    /// Which of the spill's files.
    file: usize,
    at: u64,
    len: usize,
}

impl SetAside {
    /// `html` as a body, set aside in the same spill as this.
    pub(super) fn beside(&self, html: String) -> Body {
        self.spill.body(html)
    }

    /// The text, read back.
    pub(super) fn read(&self) -> std::io::Result<String> {
        let mut bytes = vec![0; self.len];
        self.spill.files[self.file].read_at(&mut bytes, self.at)?;
        // Only whole strings are written, so the bytes are UTF-8 unless the file
        // was tampered with; checked all the same, with SIMD and a copy rather
        // than `unsafe`: std's check of every text read back took 4 % of a
        // 100,000-article build's CPU.
        simdutf8::basic::from_utf8(&bytes)
            .map(str::to_owned)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

/// A build's scratch files for the Markdown and HTML of the bodies it does
/// not hold: unnamed files, removed by the system when the build lets go of
/// them, even when the build is killed. Each thread appends to a file of its
/// own: the system lets one write into a file at a time, and with one file
/// for all, the threads of a 100,000-article build waited on each other.
#[derive(Debug)]
pub struct Spill {
    files: Box<[Scratch]>,
}

/// One of a [`Spill`]'s files, and where the next text goes in it.
#[derive(Debug)]
struct Scratch {
    file: File,
    end: AtomicU64,
}

/// The folder, in the site's own, where a build sets bodies aside.
pub const SPILL_DIR: &str = cache_folder!();

impl Spill {
    /// New, empty scratch files in `dir`, which is made if missing: one for
    /// each of the build's threads.
    pub fn create_in(dir: &Path) -> std::io::Result<Spill> {
        std::fs::create_dir_all(dir)?;
        let files = (0..rayon::current_num_threads().max(1))
            .map(|_| {
                Ok(Scratch {
                    file: tempfile::tempfile_in(dir)?,
                    end: AtomicU64::new(0),
                })
            })
            .collect::<std::io::Result<_>>()?;
        Ok(Spill { files })
    }

    /// `html` as a body set aside in this spill, or held when writing fails
    /// (a full disk costs memory, not the build).
    pub(super) fn body(self: &Arc<Spill>, html: String) -> Body {
        match self.put(&html) {
            Ok(aside) => Body::SetAside(aside),
            Err(_) => Body::Held(html),
        }
    }

    /// `text` written to the end of the calling thread's file, and where.
    pub fn put(self: &Arc<Spill>, text: &str) -> std::io::Result<SetAside> {
        let file = rayon::current_thread_index().unwrap_or(0) % self.files.len();
        let scratch = &self.files[file];
        let at = scratch.end.fetch_add(text.len() as u64, Ordering::Relaxed);
        scratch.write_at(text.as_bytes(), at)?;
        Ok(SetAside {
            spill: Arc::clone(self),
            file,
            at,
            len: text.len(),
        })
    }
}

impl Scratch {
    #[cfg(unix)]
    fn write_at(&self, bytes: &[u8], at: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&self.file, bytes, at)
    }

    #[cfg(unix)]
    fn read_at(&self, bytes: &mut [u8], at: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, bytes, at)
    }

    #[cfg(windows)]
    fn write_at(&self, mut bytes: &[u8], mut at: u64) -> std::io::Result<()> {
        while !bytes.is_empty() {
            match std::os::windows::fs::FileExt::seek_write(&self.file, bytes, at)? {
                0 => return Err(std::io::ErrorKind::WriteZero.into()),
                n => (bytes, at) = (&bytes[n..], at + n as u64),
            }
        }
        Ok(())
    }

    #[cfg(windows)]
    fn read_at(&self, mut bytes: &mut [u8], mut at: u64) -> std::io::Result<()> {
        while !bytes.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(&self.file, bytes, at)? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => {
                    bytes = &mut std::mem::take(&mut bytes)[n..];
                    at += n as u64;
                }
            }
        }
        Ok(())
    }

    // Elsewhere nothing is set aside: every body is held.
    #[cfg(not(any(unix, windows)))]
    fn write_at(&self, _: &[u8], _: u64) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }

    #[cfg(not(any(unix, windows)))]
    fn read_at(&self, _: &mut [u8], _: u64) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// A hash of a body's HTML and headings, which the fingerprints of the pages
/// showing it include: the same in every run of one jianbao on one machine,
/// as the output's manifest keeps fingerprints from one build for the next.
/// aHash with fixed seeds: it goes over every body's HTML in every build,
/// some ten times faster than the standard library's SipHash, and the hash
/// never leaves this machine or needs to resist a chosen input.
pub(super) fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
    ahash::RandomState::with_seeds(0x6a69_616e, 0x6261_6f21, 0x7368_6f72, 0x7421_6e65).hash_one(value)
}

/// The ids the HTML gives its elements (headings, footnotes, raw HTML), which
/// links from other articles may name after a `#`.
pub(super) fn element_ids(html: &str) -> Vec<String> {
    const NEEDLE: &[u8] = b" id=\"";
    memchr::memmem::find_iter(html.as_bytes(), NEEDLE)
        .filter_map(|at| {
            let rest = html.get(at + NEEDLE.len()..)?;
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_every_id_attribute_in_order() {
        let html = "<h2 id=\"qing-ting\">倾听</h2><p>“莘庄”</p><sup id=\"fn-1\"></sup><div data-id=\"x\" id=\"\">";
        assert_eq!(element_ids(html), ["qing-ting", "fn-1", ""]);
    }

    #[test]
    fn what_threads_set_aside_at_once_reads_back_whole() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let spill = Arc::new(Spill::create_in(&dir.path().join(SPILL_DIR)).unwrap());
        let texts: Vec<String> = (0..200)
            .map(|n| {
                format!("<p>本报讯 重庆路口第{n}个网点开业，“银行”营业面积约 {n}0 平方米。</p>\n").repeat(n % 7 + 1)
            })
            .collect();
        let asides: Vec<SetAside> = texts.par_iter().map(|t| spill.put(t).unwrap()).collect();
        for (text, aside) in texts.iter().zip(&asides) {
            assert_eq!(&aside.read().unwrap(), text);
            let body = aside.beside(format!("{text}<p>完</p>"));
            assert!(matches!(body, Body::SetAside(_)));
            assert_eq!(body.html().unwrap(), format!("{text}<p>完</p>"));
        }
        // Unnamed: nothing is left in the folder, during the build or after it.
        if cfg!(unix) {
            assert_eq!(std::fs::read_dir(dir.path().join(SPILL_DIR)).unwrap().count(), 0);
        }
    }
}
