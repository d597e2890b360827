//! Reading a stream out of a compound file (OLE2, the container of .xls and the
//! old binary WPS .et): the header, the FAT (with its DIFAT chain), the
//! directory, and the mini stream for short streams. Every chain is followed at
//! most as many steps as the file has sectors, so a looping chain ends.

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at.checked_add(1)?)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([*s.first()?, *s.get(1)?, *s.get(2)?, *s.get(3)?]))
}

const END: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

/// A compound file's sectors, FAT and directory.
pub struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    /// `(name, type, start sector, size)` of each directory entry.
    dir: Vec<(String, u8, u32, u64)>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: u64,
}

impl<'a> Cfb<'a> {
    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = usize::try_from(n).ok()?.checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The sectors of the chain starting at `start` in `fat`, at most `limit` of them.
    fn chain(fat: &[u32], start: u32, limit: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut s = start;
        while s != END && s != FREE && out.len() < limit {
            out.push(s);
            match fat.get(s as usize) {
                Some(&next) => s = next,
                None => break,
            }
        }
        out
    }

    fn read_chain(&self, start: u32) -> Vec<u8> {
        let limit = self.bytes.len() >> self.shift;
        let mut out = Vec::new();
        for s in Self::chain(&self.fat, start, limit) {
            match self.sector(s) {
                Some(d) => out.extend_from_slice(d),
                None => break,
            }
        }
        out
    }

    pub fn open(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return None;
        }
        let shift = u32::from(u16_at(bytes, 0x1E)?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let mut cfb = Cfb { bytes, shift, fat: Vec::new(), dir: Vec::new(), mini_fat: Vec::new(), mini_stream: Vec::new(), cutoff: 4096 };
        let n_fat = u32_at(bytes, 0x2C)? as usize;
        let dir_start = u32_at(bytes, 0x30)?;
        cfb.cutoff = u64::from(u32_at(bytes, 0x38)?);
        let mini_fat_start = u32_at(bytes, 0x3C)?;
        let mut difat_next = u32_at(bytes, 0x44)?;
        let max_sectors = bytes.len() >> shift;
        // The FAT's sectors: 109 in the header, then the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + i * 4)).filter(|&s| s != FREE && s != END).collect();
        let per = (1usize << shift) / 4;
        let mut steps = 0;
        while difat_next != END && difat_next != FREE && steps < max_sectors && fat_sectors.len() < n_fat {
            let d = cfb.sector(difat_next)?;
            fat_sectors.extend((0..per - 1).filter_map(|i| u32_at(d, i * 4)).filter(|&s| s != FREE && s != END));
            difat_next = u32_at(d, (per - 1) * 4)?;
            steps += 1;
        }
        fat_sectors.truncate(n_fat.min(max_sectors));
        for s in fat_sectors {
            let d = cfb.sector(s)?;
            cfb.fat.extend((0..per).filter_map(|i| u32_at(d, i * 4)));
        }
        let dir = cfb.read_chain(dir_start);
        for e in dir.chunks_exact(128) {
            let len = usize::from(u16_at(e, 0x40)?).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2).filter_map(|i| u16_at(e, i * 2)).collect();
            let size = if shift == 9 { u64::from(u32_at(e, 0x78)?) } else { u64::from(u32_at(e, 0x78)?) | u64::from(u32_at(e, 0x7C)?) << 32 };
            cfb.dir.push((String::from_utf16_lossy(&units), *e.get(0x42)?, u32_at(e, 0x74)?, size));
        }
        let root = cfb.dir.first().cloned()?;
        cfb.mini_stream = cfb.read_chain(root.2);
        let mini_fat = cfb.read_chain(mini_fat_start);
        cfb.mini_fat = (0..mini_fat.len() / 4).filter_map(|i| u32_at(&mini_fat, i * 4)).collect();
        Some(cfb)
    }

    /// The stream named `name` (case-insensitive), if any.
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let (_, _, start, size) = self.dir.iter().skip(1).find(|(n, t, _, _)| *t == 2 && n.eq_ignore_ascii_case(name))?.clone();
        let size = usize::try_from(size).ok()?;
        let mut data = if (size as u64) < self.cutoff {
            let mut out = Vec::new();
            for s in Self::chain(&self.mini_fat, start, self.mini_stream.len() / 64 + 1) {
                let at = (s as usize).checked_mul(64)?;
                out.extend_from_slice(self.mini_stream.get(at..at.checked_add(64)?)?);
            }
            out
        } else {
            self.read_chain(start)
        };
        data.truncate(size);
        Some(data)
    }
}
