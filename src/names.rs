//! The one hash in published names: `style.3f9a1c2b.css`, `drill-640.5d0e7a11.webp`.
//!
//! SHA-256 (the `sha2` crate) of the bytes published, cut to its first eight
//! hex digits: a specified hash, so a name does not change with the compiler
//! that built jianbao (std's `DefaultHasher` promises no such thing), and
//! anyone can check a name with `sha256sum`. Eight digits tell the versions of
//! one file apart; a name also carries the file's own stem, so two files never
//! need the hash alone to differ.

use sha2::{Digest, Sha256};

/// How many hex digits of the hash a name carries.
const HASH_DIGITS: usize = 8;

/// The first hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(HASH_DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_the_sha256() {
        // printf 'body{}' | sha256sum → 7c98040a…
        assert_eq!(short_hash(b"body{}"), "7c98040a");
    }
}
