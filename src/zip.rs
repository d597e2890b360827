//! A minimal ZIP writer (STORE method only) and CRC-32, enough to package an .xlsx.
//!
//! An .xlsx is a ZIP archive. The files inside are small XML texts, so storing them
//! uncompressed costs a few kilobytes of download while saving the whole deflate
//! encoder from the WebAssembly build, which matters more for the single-file page.

/// The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) lookup table, built at
/// compile time so the running code is one table look-up per byte.
// `i` runs over 0..256, the table's own length.
#[allow(clippy::indexing_slicing)]
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `data` as ZIP stores it.
// The index is masked to 0..=255, always inside the 256-entry table.
#[allow(clippy::indexing_slicing)]
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        // The index is masked to 0..=255, so it is always inside the table.
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Builds a ZIP archive in memory, one stored (uncompressed) entry at a time.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: usize,
    /// Cleared when a size or offset no longer fits the classic (non-ZIP64) format.
    ok: bool,
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

impl ZipWriter {
    pub fn new() -> Self {
        ZipWriter { ok: true, ..ZipWriter::default() }
    }

    /// Adds one file. Names are written as given; callers use plain ASCII paths.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let (Ok(offset), Ok(size), Ok(name_len)) =
            (u32::try_from(self.out.len()), u32::try_from(data.len()), u16::try_from(name.len()))
        else {
            self.ok = false;
            return;
        };
        let crc = crc32(data);
        // The fields shared by the local header and the central directory entry:
        // version needed 2.0, no flags, method 0 (stored), DOS time 00:00 and
        // date 1980-01-01, so the same tables always give the same bytes.
        let mut common = Vec::with_capacity(26);
        for x in [20u16, 0, 0, 0, 0x21] {
            put16(&mut common, x);
        }
        put32(&mut common, crc);
        put32(&mut common, size);
        put32(&mut common, size);
        put16(&mut common, name_len);
        put16(&mut common, 0);

        put32(&mut self.out, 0x0403_4b50);
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        put32(&mut self.central, 0x0201_4b50);
        put16(&mut self.central, 20);
        self.central.extend_from_slice(&common);
        // Comment length, disk number, internal and external attributes.
        for x in [0u16, 0, 0, 0, 0] {
            put16(&mut self.central, x);
        }
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    /// The finished archive, or an empty vector when it would exceed the classic
    /// ZIP limits (4 GiB, 65,535 entries), which no export comes near.
    pub fn finish(mut self) -> Vec<u8> {
        let (Ok(cd_offset), Ok(cd_size), Ok(count)) =
            (u32::try_from(self.out.len()), u32::try_from(self.central.len()), u16::try_from(self.entries))
        else {
            return Vec::new();
        };
        if !self.ok {
            return Vec::new();
        }
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        for x in [0u16, 0, count, count] {
            put16(&mut self.out, x);
        }
        put32(&mut self.out, cd_size);
        put32(&mut self.out, cd_offset);
        put16(&mut self.out, 0);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_values() {
        for (data, want) in [(&b""[..], 0u32), (b"123456789", 0xCBF4_3926), (b"The quick brown fox jumps over the lazy dog", 0x414F_A339)] {
            assert_eq!(crc32(data), want, "{data:?}");
        }
    }

    #[test]
    fn empty_archive_is_just_the_end_record() {
        let z = ZipWriter::new().finish();
        assert_eq!(z.len(), 22);
        assert_eq!(z.get(..4), Some(&[0x50, 0x4b, 0x05, 0x06][..]));
    }
}
