//! Embeds an identity of the source into the binary: build outputs record it,
//! so that a rebuild with a different jianbao renders every page again rather
//! than trusting pages the old code made.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

fn main() {
    // The default theme is embedded with include_dir!, which cannot tell cargo
    // to rebuild when a theme file changes; this does.
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src");
    let mut hasher = DefaultHasher::new();
    for dir in ["src", "themes/default"] {
        hash_tree(Path::new(dir), &mut hasher);
    }
    println!("cargo:rustc-env=JIANBAO_SOURCE_ID={:016x}", hasher.finish());
    println!(
        "cargo:rustc-env=JIANBAO_COMMIT={}",
        commit().unwrap_or_else(|| "unknown commit".into())
    );
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
}

/// The commit being built, for `jianbao --version`; none outside a git checkout
/// (a crates.io install).
fn commit() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()?;
    let hash = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !hash.is_empty()).then_some(hash)
}

fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            path.to_string_lossy().hash(hasher);
            bytes.hash(hasher);
        }
    }
}
