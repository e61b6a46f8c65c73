//! The bytes of the index's binary files: postings files (`s/N.bin`,
//! `c/N.bin`) and positions files (`p/N.bin`), written from the postings the
//! build gathers and, for tests and tools, read back.

#[cfg(doc)]
use super::FORMAT;
use super::index::Postings;

/// The first bytes of every postings file (pairs, words, characters): a name and [`FORMAT`].
const SHARD_MAGIC: [u8; 4] = *b"JBS2";
/// The first bytes of every positions file.
const POSITIONS_MAGIC: [u8; 4] = *b"JBP2";

/// A postings file: [`SHARD_MAGIC`], the number of tokens, then per token its
/// UTF-8 length and bytes, its number of documents, and per document the gap
/// from the previous document's number (the first: the number itself) and
/// the weight. Every number is an unsigned LEB128 varint.
pub(super) fn encode_shard(entries: &[(String, Postings)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        16 + entries
            .iter()
            .map(|(t, p)| t.len() + 3 * p.docs.len() + 4)
            .sum::<usize>(),
    );
    out.extend_from_slice(&SHARD_MAGIC);
    put_varint(&mut out, entries.len() as u64);
    for (token, postings) in entries {
        put_varint(&mut out, token.len() as u64);
        out.extend_from_slice(token.as_bytes());
        put_varint(&mut out, postings.docs.len() as u64);
        let mut previous = 0;
        for (&doc, &weight) in postings.docs.iter().zip(&postings.weights) {
            put_varint(&mut out, u64::from(doc - previous));
            out.push(weight);
            previous = doc;
        }
    }
    out
}

/// A positions file: [`POSITIONS_MAGIC`], the number of tokens, then per token
/// its UTF-8 length and bytes, the length in bytes of its positions, and its
/// positions: for each document of its postings, in their order, the number
/// of positions and the gaps between them (the first: the position itself).
/// A reader skips the tokens it does not need by their length.
pub(super) fn encode_positions(entries: &[&(String, Postings)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        8 + entries
            .iter()
            .map(|(t, p)| t.len() + p.positions.len() + 4)
            .sum::<usize>(),
    );
    out.extend_from_slice(&POSITIONS_MAGIC);
    put_varint(&mut out, entries.len() as u64);
    for (token, postings) in entries {
        put_varint(&mut out, token.len() as u64);
        out.extend_from_slice(token.as_bytes());
        put_varint(&mut out, postings.positions.len() as u64);
        out.extend_from_slice(&postings.positions);
    }
    out
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A token of a shard, with its postings: (document number, weight), by number.
pub type ShardEntry = (String, Vec<(u32, u8)>);

/// Reads a shard file back. For tests and tools; the site's reader is `search.js`.
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<ShardEntry>> {
    decode_entries(bytes, SHARD_MAGIC, |r| {
        let n = r.varint()?;
        let mut postings = Vec::new();
        let mut doc: u32 = 0;
        for _ in 0..n {
            doc = doc.checked_add(u32::try_from(r.varint()?).ok()?)?;
            postings.push((doc, *r.take(1)?.first()?));
        }
        Some(postings)
    })
}

/// A token of a positions file, with its positions in each document of its postings, in their order.
pub type PositionsEntry = (String, Vec<Vec<u32>>);

/// Reads a positions file back. For tests and tools; the site's reader is `search.js`.
pub fn decode_positions(bytes: &[u8]) -> Option<Vec<PositionsEntry>> {
    decode_entries(bytes, POSITIONS_MAGIC, |r| {
        let len = usize::try_from(r.varint()?).ok()?;
        let mut data = Reader {
            bytes: r.take(len)?,
            at: 0,
        };
        let mut docs = Vec::new();
        while data.at < data.bytes.len() {
            let n = data.varint()?;
            let mut position: u32 = 0;
            let mut positions = Vec::new();
            for _ in 0..n {
                position = position.checked_add(u32::try_from(data.varint()?).ok()?)?;
                positions.push(position);
            }
            docs.push(positions);
        }
        Some(docs)
    })
}

/// The entries of an index file: `magic`, their number, then per entry its
/// token (UTF-8 length and bytes) and what `body` reads. `None` unless the
/// whole file reads so.
fn decode_entries<T>(
    bytes: &[u8],
    magic: [u8; 4],
    mut body: impl FnMut(&mut Reader<'_>) -> Option<T>,
) -> Option<Vec<(String, T)>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != magic {
        return None;
    }
    let count = r.varint()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.varint()?).ok()?;
        let token = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        entries.push((token, body(&mut r)?));
    }
    (r.at == bytes.len()).then_some(entries)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_shards_are_refused() {
        assert!(decode_shard(b"").is_none());
        assert!(decode_shard(b"JBS2\x01\x05ab").is_none());
        assert!(decode_shard(b"JBS1\x00").is_none(), "a shard of another format");
        assert_eq!(decode_shard(b"JBS2\x00"), Some(vec![]));
        assert!(decode_positions(b"JBP2\x01\x02ab\x05\x01").is_none());
        assert_eq!(decode_positions(b"JBP2\x00"), Some(vec![]));
    }
}
