//! git's pack format, written: a version-2 pack of whole objects (no deltas) and its version-2
//! index, as `git index-pack` would make them.
//!
//! libgit2's pack builder searches for deltas and compresses at zlib's default level, then its
//! indexer inflates and hashes every object again to make the index: for the handful of objects
//! a command commits that was the largest part of a commit's cost (a 130 KB index file took
//! longer to pack than everything else a command did). Here each object is deflated once, at
//! zlib's fastest level, and the index comes from what was just written (ids, offsets, CRCs).
//! `git gc` recompresses and deltifies later, as it does for git's own loose objects.
//!
//! The format: gitformat-pack(5). Checked against `git verify-pack` and `git fsck` in the tests.

use flate2::{Compress, Compression, FlushCompress, Status};
use sha1::{Digest as _, Sha1};

/// One object to pack: its id, its kind and its content.
pub struct Object<'a> {
    pub id: [u8; 20],
    pub kind: git2::ObjectType,
    pub data: &'a [u8],
}

/// A pack and its index, ready to be written as `pack-<name>.pack` and `pack-<name>.idx`.
pub struct Pack {
    pub pack: Vec<u8>,
    pub index: Vec<u8>,
    /// The pack's checksum in hex: the name git gives the pair.
    pub name: String,
}

/// Offsets at or past this need the index's 64-bit table; packs of a command's new objects are
/// never that big, so [`write`] refuses them instead (the caller falls back to libgit2).
const MAX_OFFSET: u64 = 0x7fff_ffff;

/// Pack `objects` (ids must be distinct). `None` when the pack would pass 2 GiB.
pub fn write(objects: &[Object<'_>]) -> anyhow::Result<Option<Pack>> {
    let count = u32::try_from(objects.len())?;
    let mut pack =
        Vec::with_capacity(12 + objects.iter().map(|o| o.data.len() / 2 + 32).sum::<usize>());
    pack.extend_from_slice(b"PACK");
    pack.extend_from_slice(&2u32.to_be_bytes());
    pack.extend_from_slice(&count.to_be_bytes());
    // (id, crc32, offset) per object, in pack order.
    let mut entries: Vec<([u8; 20], u32, u64)> = Vec::with_capacity(objects.len());
    // One compressor for all: setting one up allocates and clears ~256 KiB, which costs more
    // than compressing a small object; a reset only clears its hash table.
    let mut zlib = Compress::new(Compression::fast(), true);
    for object in objects {
        let offset = pack.len() as u64;
        if offset > MAX_OFFSET {
            return Ok(None);
        }
        header(&mut pack, kind_code(object.kind)?, object.data.len() as u64);
        zlib.reset();
        deflate(&mut zlib, object.data, &mut pack)?;
        let crc = crc32fast::hash(&pack[offset as usize..]);
        entries.push((object.id, crc, offset));
    }
    let checksum: [u8; 20] = Sha1::digest(&pack).into();
    pack.extend_from_slice(&checksum);

    entries.sort_unstable_by_key(|e| e.0);
    if entries.windows(2).any(|w| w[0].0 == w[1].0) {
        anyhow::bail!("an object was given twice to the pack writer");
    }
    let mut index = Vec::with_capacity(8 + 256 * 4 + entries.len() * 28 + 40);
    index.extend_from_slice(b"\xfftOc");
    index.extend_from_slice(&2u32.to_be_bytes());
    let mut fanout = [0u32; 256];
    for (id, _, _) in &entries {
        fanout[usize::from(id[0])] += 1;
    }
    let mut total = 0u32;
    for n in fanout {
        total += n;
        index.extend_from_slice(&total.to_be_bytes());
    }
    for (id, _, _) in &entries {
        index.extend_from_slice(id);
    }
    for (_, crc, _) in &entries {
        index.extend_from_slice(&crc.to_be_bytes());
    }
    for (_, _, offset) in &entries {
        // Checked above: every offset fits in 31 bits.
        index.extend_from_slice(&(*offset as u32).to_be_bytes());
    }
    index.extend_from_slice(&checksum);
    let index_checksum: [u8; 20] = Sha1::digest(&index).into();
    index.extend_from_slice(&index_checksum);
    Ok(Some(Pack {
        pack,
        index,
        name: hex(&checksum),
    }))
}

/// Append the zlib stream of `data` to `out`.
fn deflate(zlib: &mut Compress, data: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
    let start = zlib.total_in();
    loop {
        let consumed = usize::try_from(zlib.total_in() - start)?;
        // `compress_vec` writes into the spare capacity only.
        out.reserve((data.len() - consumed) / 2 + 64);
        match zlib.compress_vec(&data[consumed..], out, FlushCompress::Finish)? {
            Status::StreamEnd => return Ok(()),
            Status::Ok | Status::BufError => {}
        }
    }
}

/// An object entry's header: the kind and the inflated size, 4 bits then 7 per byte.
fn header(out: &mut Vec<u8>, kind: u8, mut size: u64) {
    let mut byte = (kind << 4) | (size & 0x0f) as u8;
    size >>= 4;
    while size > 0 {
        out.push(byte | 0x80);
        byte = (size & 0x7f) as u8;
        size >>= 7;
    }
    out.push(byte);
}

fn kind_code(kind: git2::ObjectType) -> anyhow::Result<u8> {
    Ok(match kind {
        git2::ObjectType::Commit => 1,
        git2::ObjectType::Tree => 2,
        git2::ObjectType::Blob => 3,
        git2::ObjectType::Tag => 4,
        other => anyhow::bail!("cannot pack an object of kind {other}"),
    })
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(40), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_four_bits_then_seven_per_byte() {
        let mut out = Vec::new();
        header(&mut out, 3, 10);
        assert_eq!(out, [0x3a]);
        out.clear();
        header(&mut out, 1, 100);
        // 100 = 0b110_0100: low four bits 0100, then 110.
        assert_eq!(out, [0x94, 0x06]);
    }

    #[test]
    fn an_object_given_twice_is_refused() {
        let o = || Object {
            id: [1; 20],
            kind: git2::ObjectType::Blob,
            data: b"x",
        };
        assert!(write(&[o(), o()]).is_err());
    }
}
