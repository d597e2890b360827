//! .xls and the old binary WPS .et: BIFF8 records of the `Workbook` stream of a
//! compound file. The workbook globals give the sheets (BOUNDSHEET: name,
//! hidden state, where the sheet's records start), the shared strings (SST with
//! its CONTINUE records), number formats (FORMAT, XF) and the date system; a
//! sheet's records give its cells (LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA
//! with its cached number or string, BOOLERR), merged ranges (MERGEDCELLS),
//! hidden rows (ROW) and columns (COLINFO). Older BIFF versions are refused.

use super::cfb::Cfb;
use super::xlsx::{builtin_kind, format_kind, number_text, NumKind};
use super::{Cells, FileProblem, SheetInfo};

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at.checked_add(1)?)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([*s.first()?, *s.get(1)?, *s.get(2)?, *s.get(3)?]))
}

fn f64_at(b: &[u8], at: usize) -> Option<f64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(f64::from_le_bytes(a))
}

/// The records from `pos`: `(type, data, position)`.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
    let mut at = pos;
    std::iter::from_fn(move || {
        let ty = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        let here = at;
        at += 4 + len;
        Some((ty, data, here))
    })
}

/// An RK number: a packed integer or the top 30 bits of a double, maybe over 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 { f64::from((v as i32) >> 2) } else { f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32) };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

/// Reads `cch` characters of a BIFF8 string whose flag byte is at `at`, in a
/// record's data; the characters and the offset after them.
fn unicode(data: &[u8], at: usize, cch: usize) -> Option<(String, usize)> {
    let flags = *data.get(at)?;
    let mut p = at + 1;
    let rich = if flags & 8 != 0 {
        let r = usize::from(u16_at(data, p)?);
        p += 2;
        r
    } else {
        0
    };
    let ext = if flags & 4 != 0 {
        let e = u32_at(data, p)? as usize;
        p += 4;
        e
    } else {
        0
    };
    let text = if flags & 1 != 0 {
        let units: Vec<u16> = (0..cch).filter_map(|i| u16_at(data, p + i * 2)).collect();
        p += cch * 2;
        String::from_utf16_lossy(&units)
    } else {
        let s: String = data.get(p..p + cch)?.iter().map(|&b| char::from(b)).collect();
        p += cch;
        s
    };
    Some((text, p + rich * 4 + ext))
}

/// The SST's strings, read across its CONTINUE records: a string's characters
/// may break at a record's end, where the next record starts with a new flag byte.
fn sst(parts: &[&[u8]]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seg = 0usize;
    let mut pos = 8usize; // total and unique counts
    let unique = parts.first().and_then(|d| u32_at(d, 4)).unwrap_or(0) as usize;
    // Skips `n` bytes, moving across record ends.
    let skip = |seg: &mut usize, pos: &mut usize, mut n: usize| {
        while n > 0 {
            let Some(d) = parts.get(*seg) else { return };
            let left = d.len().saturating_sub(*pos);
            if n < left {
                *pos += n;
                return;
            }
            n -= left;
            *seg += 1;
            *pos = 0;
        }
    };
    while out.len() < unique.min(1 << 22) {
        let Some(d) = parts.get(seg) else { break };
        if pos + 3 > d.len() {
            // A string header never breaks; a record's end moves to the next.
            if pos >= d.len() {
                seg += 1;
                pos = 0;
                continue;
            }
            break;
        }
        let cch = usize::from(u16_at(d, pos).unwrap_or(0));
        let mut flags = *d.get(pos + 2).unwrap_or(&0);
        pos += 3;
        let rich = if flags & 8 != 0 {
            let r = usize::from(u16_at(d, pos).unwrap_or(0));
            pos += 2;
            r
        } else {
            0
        };
        let ext = if flags & 4 != 0 {
            let e = u32_at(d, pos).unwrap_or(0) as usize;
            pos += 4;
            e
        } else {
            0
        };
        let mut units: Vec<u16> = Vec::with_capacity(cch);
        while units.len() < cch {
            let Some(d) = parts.get(seg) else { break };
            if pos >= d.len() {
                seg += 1;
                pos = 0;
                match parts.get(seg).and_then(|d| d.first()) {
                    Some(&f) => {
                        flags = f;
                        pos = 1;
                    }
                    None => break,
                }
                continue;
            }
            if flags & 1 != 0 {
                match u16_at(d, pos) {
                    Some(u) => units.push(u),
                    None => break,
                }
                pos += 2;
            } else {
                units.push(u16::from(*d.get(pos).unwrap_or(&0)));
                pos += 1;
            }
        }
        out.push(String::from_utf16_lossy(&units));
        skip(&mut seg, &mut pos, rich * 4 + ext);
    }
    out
}

struct Sheet {
    info: SheetInfo,
    pos: usize,
    /// 0 a worksheet; 2 a chart, 6 a VB module.
    kind: u8,
}

/// An open BIFF8 workbook.
pub struct Workbook {
    stream: Vec<u8>,
    sheets: Vec<Sheet>,
    strings: Vec<String>,
    /// Each XF's number format kind.
    xfs: Vec<NumKind>,
    date1904: bool,
}

pub fn open(bytes: &[u8], et: bool) -> Result<Workbook, FileProblem> {
    let cfb = Cfb::open(bytes).ok_or(FileProblem::Damaged { part: String::new() })?;
    let Some(stream) = cfb.stream("Workbook").or_else(|| cfb.stream("Book")) else {
        return Err(FileProblem::Legacy { et });
    };
    // BIFF8 begins with a BOF of version 0x0600.
    if u16_at(&stream, 0) != Some(0x0809) || u16_at(&stream, 4) != Some(0x0600) {
        return Err(FileProblem::Legacy { et });
    }
    let mut sheets = Vec::new();
    let mut sst_parts: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    let mut formats: Vec<(u16, NumKind)> = Vec::new();
    let mut xf_fmt: Vec<u16> = Vec::new();
    let mut date1904 = false;
    for (ty, data, _) in records(&stream, 0) {
        if in_sst && ty != 0x003C {
            in_sst = false;
        }
        match ty {
            0x002F => return Err(FileProblem::Encrypted),
            0x0085 => {
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                let state = data.get(4).copied().unwrap_or(0) & 3;
                let kind = data.get(5).copied().unwrap_or(0);
                let cch = usize::from(data.get(6).copied().unwrap_or(0));
                let name = unicode(data, 7, cch).map(|(s, _)| s).unwrap_or_default();
                sheets.push(Sheet { info: SheetInfo { name, hidden: state != 0 }, pos, kind });
            }
            0x00FC => {
                sst_parts.push(data);
                in_sst = true;
            }
            0x003C if in_sst => sst_parts.push(data),
            0x041E => {
                if let (Some(id), Some(cch)) = (u16_at(data, 0), u16_at(data, 2)) {
                    let code = unicode(data, 4, usize::from(cch)).map(|(s, _)| s).unwrap_or_default();
                    formats.push((id, format_kind(&code)));
                }
            }
            0x00E0 => xf_fmt.push(u16_at(data, 2).unwrap_or(0)),
            0x0022 => date1904 = u16_at(data, 0) == Some(1),
            0x000A => break,
            _ => {}
        }
    }
    if sheets.is_empty() {
        return Err(FileProblem::NoWorkbook);
    }
    let xfs = xf_fmt
        .iter()
        .map(|&id| formats.iter().rev().find(|(i, _)| *i == id).map_or_else(|| builtin_kind(u32::from(id)), |(_, k)| *k))
        .collect();
    let strings = sst(&sst_parts);
    Ok(Workbook { stream, sheets, strings, xfs, date1904 })
}

impl Workbook {
    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.sheets.iter().map(|s| s.info.clone()).collect()
    }

    fn num(&self, xf: u16, v: f64) -> String {
        number_text(v, self.xfs.get(usize::from(xf)).copied().unwrap_or(NumKind::Plain), self.date1904)
    }

    pub fn cells(&self, index: usize) -> Result<Cells, FileProblem> {
        let sheet = self.sheets.get(index).ok_or(FileProblem::NoWorkbook)?;
        if sheet.kind != 0 {
            return Err(FileProblem::NotWorksheet { sheet: sheet.info.name.clone() });
        }
        let mut cells = Cells::default();
        // The row and column of a FORMULA whose string result follows in a STRING record.
        let mut pending: Option<(u32, u32)> = None;
        for (i, (ty, data, _)) in records(&self.stream, sheet.pos).enumerate() {
            if i > 0 && ty == 0x0809 {
                break;
            }
            let row = u32::from(u16_at(data, 0).unwrap_or(0));
            let col = u32::from(u16_at(data, 2).unwrap_or(0));
            let xf = u16_at(data, 4).unwrap_or(0);
            match ty {
                0x000A => break,
                0x00FD => {
                    let isst = u32_at(data, 6).unwrap_or(u32::MAX) as usize;
                    if let Some(s) = self.strings.get(isst) {
                        cells.put(row, col, s.clone());
                    }
                }
                0x0204 => {
                    let cch = usize::from(u16_at(data, 6).unwrap_or(0));
                    if let Some((s, _)) = unicode(data, 8, cch) {
                        cells.put(row, col, s);
                    }
                }
                0x0203 => {
                    if let Some(v) = f64_at(data, 6).filter(|v| v.is_finite()) {
                        cells.put(row, col, self.num(xf, v));
                    }
                }
                0x027E => {
                    if let Some(v) = u32_at(data, 6) {
                        cells.put(row, col, self.num(xf, rk(v)));
                    }
                }
                0x00BD => {
                    let n = data.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        let at = 4 + k * 6;
                        if let (Some(xf), Some(v)) = (u16_at(data, at), u32_at(data, at + 2)) {
                            cells.put(row, col + k as u32, self.num(xf, rk(v)));
                        }
                    }
                }
                0x0006 => {
                    if u16_at(data, 12) == Some(0xFFFF) {
                        match data.get(6) {
                            Some(0) => pending = Some((row, col)),
                            Some(1) => cells.put(row, col, if data.get(8) == Some(&1) { "TRUE" } else { "FALSE" }.to_string()),
                            Some(2) => cells.put(row, col, error_text(data.get(8).copied().unwrap_or(0))),
                            _ => {}
                        }
                    } else if let Some(v) = f64_at(data, 6).filter(|v| v.is_finite()) {
                        cells.put(row, col, self.num(xf, v));
                    }
                }
                0x0207 => {
                    if let Some((r, c)) = pending.take() {
                        let cch = usize::from(u16_at(data, 0).unwrap_or(0));
                        if let Some((s, _)) = unicode(data, 2, cch) {
                            cells.put(r, c, s);
                        }
                    }
                }
                0x0205 => {
                    let v = data.get(6).copied().unwrap_or(0);
                    let text = if data.get(7) == Some(&1) { error_text(v) } else if v != 0 { "TRUE".to_string() } else { "FALSE".to_string() };
                    cells.put(row, col, text);
                }
                0x00E5 => {
                    let n = usize::from(u16_at(data, 0).unwrap_or(0));
                    for k in 0..n {
                        let at = 2 + k * 8;
                        if let (Some(r0), Some(r1), Some(c0), Some(c1)) = (u16_at(data, at), u16_at(data, at + 2), u16_at(data, at + 4), u16_at(data, at + 6)) {
                            cells.merged.push((u32::from(r0), u32::from(c0), u32::from(r1), u32::from(c1)));
                        }
                    }
                }
                0x0208 if u32_at(data, 12).unwrap_or(0) & 0x20 != 0 => cells.hidden_rows.push(row),
                // COLINFO: its first two fields are the first and last column.
                0x007D if u16_at(data, 8).unwrap_or(0) & 1 != 0 => cells.hidden_cols.push((row, col)),
                _ => {}
            }
        }
        Ok(cells)
    }
}

fn error_text(code: u8) -> String {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        assert_eq!(rk((123 << 2) | 2), 123.0);
        assert_eq!(rk((12345 << 2) | 3), 123.45);
        assert_eq!(rk((1.5f64.to_bits() >> 32) as u32), 1.5);
    }

    #[test]
    fn sst_across_continue() {
        // Two strings: "ab" compressed, then "中文" in UTF-16 broken after its first character.
        let first: Vec<u8> = [&2u32.to_le_bytes()[..], &2u32.to_le_bytes(), &[2, 0, 0, b'a', b'b'], &[2, 0, 1, 0x2D, 0x4E]].concat();
        let cont: Vec<u8> = vec![1, 0x87, 0x65];
        assert_eq!(sst(&[&first, &cont]), ["ab", "中文"]);
    }
}
