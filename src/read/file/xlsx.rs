//! .xlsx / .xlsm (and WPS .et saved as OOXML): the parts a table needs, read from
//! the ZIP: the workbook's sheets (names, order, hidden state) and their
//! relationships, shared strings (rich-text runs joined, phonetic runs left out),
//! the styles' number formats, and one worksheet's cells (cached values of
//! formulas, inline strings), merged ranges, hidden rows and columns.

use super::xml::{attr, attr_text, unescape, Event, Scanner};
use super::zip::{Archive, ZipError};
use super::{Cells, FileProblem, SheetInfo};

/// The cap on one part's inflated size: a 10,000-row sheet is a few megabytes;
/// anything past this is a zip bomb or far beyond what the page computes.
pub const PART_CAP: u64 = 64 << 20;

/// A workbook's sheet: its name, state and the part holding its cells.
struct Sheet {
    info: SheetInfo,
    part: Option<String>,
}

/// What a cell's number format makes of its number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumKind {
    Plain,
    Percent,
    Date,
    DateTime,
    Time,
}

fn zip_problem(e: ZipError, part: &str) -> FileProblem {
    match e {
        ZipError::NotZip | ZipError::Corrupt => FileProblem::Damaged { part: part.to_string() },
        ZipError::Zip64 => FileProblem::Zip64,
        ZipError::Encrypted => FileProblem::Encrypted,
        ZipError::Method(m) => FileProblem::Method(m),
        ZipError::TooBig(n) => FileProblem::TooBig { part: part.to_string(), bytes: n },
    }
}

fn part_text(zip: &Archive, name: &str) -> Result<Option<String>, FileProblem> {
    let Some(entry) = zip.find(name) else { return Ok(None) };
    let bytes = zip.read(entry, PART_CAP).map_err(|e| zip_problem(e, name))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Ok(Some(text.trim_start_matches('\u{feff}').to_string()))
}

/// Resolves a relationship target against the folder of the part that names it.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(d, _)| d)
}

fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// `(id, type, target)` of each relationship in a .rels part.
fn relationships(xml: &str) -> Vec<(String, String, String)> {
    Scanner::new(xml)
        .filter_map(|ev| match ev {
            Event::Start { name: "Relationship", attrs, .. } => Some((
                attr_text(attrs, "Id").unwrap_or_default(),
                attr_text(attrs, "Type").unwrap_or_default(),
                attr_text(attrs, "Target").unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// The workbook part named by the package's relationships, else `xl/workbook.xml`.
fn workbook_part(zip: &Archive) -> Result<Option<String>, FileProblem> {
    if let Some(rels) = part_text(zip, "_rels/.rels")? {
        for (_, ty, target) in relationships(&rels) {
            if ty.ends_with("/officeDocument") {
                let part = resolve("", &target);
                if zip.find(&part).is_some() {
                    return Ok(Some(part));
                }
            }
        }
    }
    Ok(["xl/workbook.xml", "xl/workbook.bin"].iter().find(|p| zip.find(p).is_some()).map(|p| p.to_string()))
}

/// An open workbook: its sheets, shared strings and number formats.
pub struct Workbook<'a> {
    zip: Archive<'a>,
    sheets: Vec<Sheet>,
    strings: Vec<String>,
    /// Each cell style (`cellXfs` index) → what its number format makes of a number.
    styles: Vec<NumKind>,
    date1904: bool,
}

/// Whether the archive holds a spreadsheet workbook at all.
pub fn open(bytes: &[u8]) -> Result<Workbook<'_>, FileProblem> {
    let zip = Archive::open(bytes).map_err(|e| zip_problem(e, ""))?;
    let Some(wb_part) = workbook_part(&zip)? else {
        return Err(FileProblem::NoWorkbook);
    };
    if wb_part.ends_with(".bin") {
        return Err(FileProblem::Xlsb);
    }
    let wb = part_text(&zip, &wb_part)?.unwrap_or_default();
    let rels = part_text(&zip, &rels_of(&wb_part))?.unwrap_or_default();
    let rels = relationships(&rels);
    let base = dir_of(&wb_part);
    let mut sheets = Vec::new();
    let mut date1904 = false;
    let mut strings_part = None;
    let mut styles_part = None;
    for (_, ty, target) in &rels {
        if ty.ends_with("/sharedStrings") {
            strings_part = Some(resolve(base, target));
        } else if ty.ends_with("/styles") {
            styles_part = Some(resolve(base, target));
        }
    }
    for ev in Scanner::new(&wb) {
        if let Event::Start { name, attrs, .. } = ev {
            match name {
                "sheet" => {
                    let rid = attr_text(attrs, "id").unwrap_or_default();
                    let part = rels.iter().find(|(id, _, _)| *id == rid).map(|(_, _, t)| resolve(base, t));
                    let state = attr(attrs, "state").unwrap_or("visible");
                    sheets.push(Sheet {
                        info: SheetInfo { name: attr_text(attrs, "name").unwrap_or_default(), hidden: state != "visible" },
                        part,
                    });
                }
                "workbookPr" => date1904 = matches!(attr(attrs, "date1904"), Some("1" | "true")),
                _ => {}
            }
        }
    }
    if sheets.is_empty() {
        return Err(FileProblem::NoWorkbook);
    }
    let strings_part = strings_part.unwrap_or_else(|| resolve(base, "sharedStrings.xml"));
    let styles_part = styles_part.unwrap_or_else(|| resolve(base, "styles.xml"));
    let strings = part_text(&zip, &strings_part)?.map(|x| shared_strings(&x)).unwrap_or_default();
    let styles = part_text(&zip, &styles_part)?.map(|x| number_styles(&x)).unwrap_or_default();
    Ok(Workbook { zip, sheets, strings, styles, date1904 })
}

impl Workbook<'_> {
    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.sheets.iter().map(|s| s.info.clone()).collect()
    }

    /// The cells of sheet `index`.
    pub fn cells(&self, index: usize) -> Result<Cells, FileProblem> {
        let sheet = self.sheets.get(index).ok_or(FileProblem::NoWorkbook)?;
        let part = sheet.part.as_deref().unwrap_or("");
        let Some(xml) = part_text(&self.zip, part)? else {
            return Err(FileProblem::NotWorksheet { sheet: sheet.info.name.clone() });
        };
        Ok(sheet_cells(&xml, self))
    }
}

/// Each `<si>`'s text: its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut in_ph = 0u32;
    for ev in Scanner::new(xml) {
        match ev {
            Event::Start { name: "si", empty, .. } => {
                if empty {
                    out.push(String::new());
                } else {
                    cur = Some(String::new());
                }
            }
            Event::End { name: "si" } => out.push(cur.take().unwrap_or_default()),
            Event::Start { name: "rPh" | "phoneticPr", empty: false, .. } => in_ph += 1,
            Event::End { name: "rPh" | "phoneticPr" } => in_ph = in_ph.saturating_sub(1),
            Event::Start { name: "t", empty, .. } => in_t = !empty,
            Event::End { name: "t" } => in_t = false,
            Event::Text(t) if in_t && in_ph == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&unescape(t));
                }
            }
            Event::CData(t) if in_t && in_ph == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Each `cellXfs` style's number format kind.
fn number_styles(xml: &str) -> Vec<NumKind> {
    let mut custom: Vec<(u32, NumKind)> = Vec::new();
    let mut xfs = Vec::new();
    let mut in_xfs = false;
    for ev in Scanner::new(xml) {
        match ev {
            Event::Start { name: "numFmt", attrs, .. } => {
                if let Some(id) = attr(attrs, "numFmtId").and_then(|v| v.trim().parse().ok()) {
                    custom.push((id, format_kind(&attr_text(attrs, "formatCode").unwrap_or_default())));
                }
            }
            Event::Start { name: "cellXfs", empty, .. } => in_xfs = !empty,
            Event::End { name: "cellXfs" } => in_xfs = false,
            Event::Start { name: "xf", attrs, .. } if in_xfs => {
                let id: u32 = attr(attrs, "numFmtId").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
                let kind = custom.iter().rev().find(|(i, _)| *i == id).map_or_else(|| builtin_kind(id), |(_, k)| *k);
                xfs.push(kind);
            }
            _ => {}
        }
    }
    xfs
}

/// The built-in number formats (ECMA-376 18.8.30, with the CJK dates 27-36 and 50-58).
pub fn builtin_kind(id: u32) -> NumKind {
    match id {
        9 | 10 => NumKind::Percent,
        14..=17 | 27..=31 | 34..=36 | 50..=58 => NumKind::Date,
        22 => NumKind::DateTime,
        18..=21 | 32 | 33 | 45..=47 => NumKind::Time,
        _ => NumKind::Plain,
    }
}

/// What a custom format code makes of a number (its first section).
pub fn format_kind(code: &str) -> NumKind {
    let mut bare = String::new();
    let mut chars = code.chars();
    let mut in_quote = false;
    let mut in_bracket = false;
    while let Some(c) = chars.next() {
        if in_quote {
            in_quote = c != '"';
            continue;
        }
        if in_bracket {
            if c == ']' {
                in_bracket = false;
            } else if matches!(c, 'h' | 'H' | 'm' | 'M' | 's' | 'S') && bare.ends_with('[') {
                // [h]:mm elapsed time keeps its letter.
                bare.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '[' => {
                in_bracket = true;
                bare.push('[');
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => break,
            c => bare.push(c.to_ascii_lowercase()),
        }
    }
    if bare.contains('%') {
        return NumKind::Percent;
    }
    let date = bare.contains('y') || bare.contains('d');
    let time = bare.contains('h') || bare.contains('s');
    match (date || (bare.contains('m') && !time), time) {
        (true, true) => NumKind::DateTime,
        (true, false) => NumKind::Date,
        (false, true) => NumKind::Time,
        _ => NumKind::Plain,
    }
}

/// `A1` → (0-based row, 0-based column); the row part may be absent (`A`).
pub fn cell_ref(r: &str) -> Option<(Option<u32>, u32)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in r.bytes().take(letters) {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    let digits = r.get(letters..)?.trim_start_matches('$');
    let row = if digits.is_empty() { None } else { Some(digits.parse::<u32>().ok()?.checked_sub(1)?) };
    Some((row, col - 1))
}

/// A cell as stored: its type attribute, style and raw value text.
#[derive(Default)]
struct RawCell {
    t: String,
    style: usize,
    value: String,
    inline: String,
    has_inline: bool,
}

fn sheet_cells(xml: &str, wb: &Workbook) -> Cells {
    let mut cells = Cells::default();
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut col: u32 = 0;
    let mut cell: Option<(u32, RawCell)> = None;
    // What text goes where: 1 the value `<v>`, 2 an inline string's `<t>`.
    let mut into = 0u8;
    let mut in_is = false;
    let mut in_ph = 0u32;
    for ev in Scanner::new(xml) {
        match ev {
            Event::Start { name: "row", attrs, .. } => {
                row = attr(attrs, "r").and_then(|v| v.trim().parse::<u32>().ok()).and_then(|r| r.checked_sub(1)).unwrap_or(next_row);
                next_row = row.saturating_add(1);
                col = 0;
                if matches!(attr(attrs, "hidden"), Some("1" | "true")) {
                    cells.hidden_rows.push(row);
                }
            }
            Event::Start { name: "c", attrs, empty } => {
                let (r, c) = match attr(attrs, "r").and_then(cell_ref) {
                    Some((r, c)) => (r.unwrap_or(row), c),
                    None => (row, col),
                };
                row = r;
                col = c.saturating_add(1);
                let raw = RawCell {
                    t: attr(attrs, "t").unwrap_or("n").to_string(),
                    style: attr(attrs, "s").and_then(|v| v.trim().parse().ok()).unwrap_or(0),
                    ..RawCell::default()
                };
                if empty {
                    finish(&mut cells, r, c, raw, wb);
                } else {
                    cell = Some((c, raw));
                }
            }
            Event::End { name: "c" } => {
                if let Some((c, raw)) = cell.take() {
                    finish(&mut cells, row, c, raw, wb);
                }
                into = 0;
            }
            Event::Start { name: "v", empty: false, .. } if cell.is_some() => into = 1,
            Event::End { name: "v" } => into = 0,
            Event::Start { name: "is", empty: false, .. } => {
                in_is = true;
                if let Some((_, raw)) = cell.as_mut() {
                    raw.has_inline = true;
                }
            }
            Event::End { name: "is" } => in_is = false,
            Event::Start { name: "rPh", empty: false, .. } => in_ph += 1,
            Event::End { name: "rPh" } => in_ph = in_ph.saturating_sub(1),
            Event::Start { name: "t", empty: false, .. } if in_is && in_ph == 0 => into = 2,
            Event::End { name: "t" } => into = 0,
            Event::Text(t) | Event::CData(t) if into != 0 => {
                if let Some((_, raw)) = cell.as_mut() {
                    let text = if matches!(ev, Event::CData(_)) { t.to_string() } else { unescape(t) };
                    if into == 1 {
                        raw.value.push_str(&text);
                    } else {
                        raw.inline.push_str(&text);
                    }
                }
            }
            Event::Start { name: "col", attrs, .. } => {
                if matches!(attr(attrs, "hidden"), Some("1" | "true")) {
                    let min = attr(attrs, "min").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
                    let max = attr(attrs, "max").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(min).min(16_384);
                    cells.hidden_cols.push((min.saturating_sub(1), max.saturating_sub(1)));
                }
            }
            Event::Start { name: "mergeCell", attrs, .. } => {
                if let Some((a, b)) = attr(attrs, "ref").and_then(|r| r.split_once(':')) {
                    if let (Some((Some(r0), c0)), Some((Some(r1), c1))) = (cell_ref(a), cell_ref(b)) {
                        cells.merged.push((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)));
                    }
                }
            }
            _ => {}
        }
    }
    cells
}

fn finish(cells: &mut Cells, row: u32, col: u32, raw: RawCell, wb: &Workbook) {
    let v = raw.value.trim();
    let text = match raw.t.as_str() {
        "s" => v.parse::<usize>().ok().and_then(|i| wb.strings.get(i)).cloned().unwrap_or_default(),
        "inlineStr" => raw.inline,
        "str" | "e" => raw.value,
        "b" => match v {
            "1" | "true" => "TRUE".to_string(),
            "" => String::new(),
            _ => "FALSE".to_string(),
        },
        "d" => v.get(..10).unwrap_or(v).to_string(),
        _ if raw.has_inline => raw.inline,
        _ => {
            if v.is_empty() {
                return;
            }
            match v.parse::<f64>() {
                Ok(n) if n.is_finite() => number_text(n, wb.styles.get(raw.style).copied().unwrap_or(NumKind::Plain), wb.date1904),
                _ => v.to_string(),
            }
        }
    };
    if !text.is_empty() {
        cells.put(row, col, text);
    }
}

/// A number as the clerk sees it in its format: percentages with a %, dates as
/// YYYY-MM-DD, anything else at full precision (the shortest text that reads back
/// as the same number, as the HTML clipboard form gives).
pub fn number_text(n: f64, kind: NumKind, date1904: bool) -> String {
    match kind {
        NumKind::Plain => n.to_string(),
        NumKind::Percent => percent_text(n),
        NumKind::Date | NumKind::DateTime => date_text(n, date1904).unwrap_or_else(|| n.to_string()),
        NumKind::Time => time_text(n),
    }
}

/// `0.637` → `63.7%`, by moving the decimal point in the number's text (exact,
/// where multiplying by 100 would give 63.699999999999996).
pub fn percent_text(n: f64) -> String {
    let s = n.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let moved = frac.get(..2.min(frac.len())).unwrap_or("");
    let rest = frac.get(moved.len()..).unwrap_or("");
    let mut whole = format!("{int}{moved}{}", "0".repeat(2 - moved.len()));
    let trimmed = whole.trim_start_matches('0');
    whole = if trimmed.is_empty() { "0".to_string() } else { trimmed.to_string() };
    let sign = if n < 0.0 { "-" } else { "" };
    if rest.is_empty() {
        format!("{sign}{whole}%")
    } else {
        format!("{sign}{whole}.{rest}%")
    }
}

/// A serial date as YYYY-MM-DD (the 1900 system counts a 29 February 1900 that
/// never was, as Excel does; the 1904 system counts from 1904-01-01).
pub fn date_text(serial: f64, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let day = serial.floor() as i64;
    // Days since 1970-01-01.
    let days = if date1904 {
        day - 24_107
    } else if day >= 61 {
        day - 25_569
    } else if day == 60 {
        return Some("1900-02-29".to_string());
    } else {
        day - 25_568
    };
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn time_text(n: f64) -> String {
    let secs = ((n - n.floor()) * 86_400.0).round() as i64;
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_kind("0.0%"), NumKind::Percent);
        assert_eq!(format_kind("yyyy\"年\"m\"月\"d\"日\""), NumKind::Date);
        assert_eq!(format_kind("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"), NumKind::Date);
        assert_eq!(format_kind("#,##0.00_ ;[Red]\\-#,##0.00\\ "), NumKind::Plain);
        assert_eq!(format_kind("General"), NumKind::Plain);
        assert_eq!(format_kind("0.00E+00"), NumKind::Plain);
        assert_eq!(format_kind("h:mm:ss"), NumKind::Time);
        assert_eq!(format_kind("yyyy-mm-dd hh:mm"), NumKind::DateTime);
        assert_eq!(format_kind("\"%\"0"), NumKind::Plain);
    }

    #[test]
    fn percents_and_dates() {
        assert_eq!(percent_text(0.637), "63.7%");
        assert_eq!(percent_text(1.0), "100%");
        assert_eq!(percent_text(0.0), "0%");
        assert_eq!(percent_text(-0.05), "-5%");
        assert_eq!(percent_text(0.123456), "12.3456%");
        assert_eq!(percent_text(12.5), "1250%");
        assert_eq!(date_text(45_292.0, false).as_deref(), Some("2024-01-01"));
        assert_eq!(date_text(1.0, false).as_deref(), Some("1900-01-01"));
        assert_eq!(date_text(61.0, false).as_deref(), Some("1900-03-01"));
        assert_eq!(date_text(0.0, true).as_deref(), Some("1904-01-01"));
    }

    #[test]
    fn refs() {
        assert_eq!(cell_ref("A1"), Some((Some(0), 0)));
        assert_eq!(cell_ref("$AB$12"), Some((Some(11), 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((Some(1_048_575), 16_383)));
        assert_eq!(cell_ref("1A"), None);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("xl/worksheets", "../media/a.png"), "xl/media/a.png");
    }
}
