//! Reading a ZIP archive: the central directory and its entries, stored or
//! deflated (inflated by `miniz_oxide`, with a cap on the inflated size so a
//! zip bomb is refused instead of filling the page's memory).

/// Why an archive or one of its entries could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ZipError {
    /// No end-of-central-directory record, or the directory is cut short.
    NotZip,
    /// ZIP64 archives (over 4 GB or 65,535 entries) are not read.
    Zip64,
    /// The entry is encrypted.
    Encrypted,
    /// A compression method other than stored (0) or deflate (8).
    Method(u16),
    /// The entry's data is cut short or does not inflate.
    Corrupt,
    /// The entry would inflate past the cap (bytes).
    TooBig(u64),
}

/// One file of the archive, as its central directory describes it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// An archive's entries over its bytes.
pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([*s.first()?, *s.get(1)?, *s.get(2)?, *s.get(3)?]))
}

/// Whether the bytes begin as a ZIP archive does.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Archive<'a> {
    /// Reads the central directory.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        // The end record is in the last 22 + 65,535 bytes (its comment's length).
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let mut at = bytes.len().checked_sub(22).ok_or(ZipError::NotZip)?;
        let eocd = loop {
            if u32_at(bytes, at) == Some(0x0605_4b50) {
                break at;
            }
            if at == lowest || at == 0 {
                return Err(ZipError::NotZip);
            }
            at -= 1;
        };
        let count = u16_at(bytes, eocd + 10).ok_or(ZipError::NotZip)?;
        let cd_size = u32_at(bytes, eocd + 12).ok_or(ZipError::NotZip)?;
        let cd_offset = u32_at(bytes, eocd + 16).ok_or(ZipError::NotZip)?;
        if count == 0xFFFF || cd_offset == 0xFFFF_FFFF || cd_size == 0xFFFF_FFFF {
            return Err(ZipError::Zip64);
        }
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut p = cd_offset as usize;
        for _ in 0..count {
            if u32_at(bytes, p) != Some(0x0201_4b50) {
                return Err(ZipError::NotZip);
            }
            let flags = u16_at(bytes, p + 8).ok_or(ZipError::NotZip)?;
            let method = u16_at(bytes, p + 10).ok_or(ZipError::NotZip)?;
            let compressed = u32_at(bytes, p + 20).ok_or(ZipError::NotZip)?;
            let size = u32_at(bytes, p + 24).ok_or(ZipError::NotZip)?;
            let name_len = usize::from(u16_at(bytes, p + 28).ok_or(ZipError::NotZip)?);
            let extra_len = usize::from(u16_at(bytes, p + 30).ok_or(ZipError::NotZip)?);
            let comment_len = usize::from(u16_at(bytes, p + 32).ok_or(ZipError::NotZip)?);
            let offset = u32_at(bytes, p + 42).ok_or(ZipError::NotZip)?;
            let name = bytes.get(p + 46..p + 46 + name_len).ok_or(ZipError::NotZip)?;
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                return Err(ZipError::Zip64);
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                method,
                flags,
                compressed: u64::from(compressed),
                size: u64::from(size),
                offset: u64::from(offset),
            });
            p += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The entry named `name` (case-insensitive, a leading `/` ignored).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries.iter().find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// The entry's bytes, inflated, refused past `cap` bytes.
    pub fn read(&self, entry: &Entry, cap: u64) -> Result<Vec<u8>, ZipError> {
        if entry.flags & 1 != 0 {
            return Err(ZipError::Encrypted);
        }
        if entry.size > cap {
            return Err(ZipError::TooBig(entry.size));
        }
        let at = usize::try_from(entry.offset).map_err(|_| ZipError::Corrupt)?;
        if u32_at(self.bytes, at) != Some(0x0403_4b50) {
            return Err(ZipError::Corrupt);
        }
        let name_len = usize::from(u16_at(self.bytes, at + 26).ok_or(ZipError::Corrupt)?);
        let extra_len = usize::from(u16_at(self.bytes, at + 28).ok_or(ZipError::Corrupt)?);
        let start = at + 30 + name_len + extra_len;
        let len = usize::try_from(entry.compressed).map_err(|_| ZipError::Corrupt)?;
        let data = self.bytes.get(start..start.checked_add(len).ok_or(ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
        let limit = usize::try_from(cap).unwrap_or(usize::MAX);
        match entry.method {
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    ZipError::TooBig(cap)
                } else {
                    ZipError::Corrupt
                }
            }),
            m => Err(ZipError::Method(m)),
        }
    }
}
