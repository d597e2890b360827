//! A minimal .xlsx writer for the result tables: one worksheet per table, written by hand.
//!
//! A full spreadsheet library would add about 0.7 MB to the WebAssembly page, so
//! this writes only what Excel, WPS and LibreOffice need: a stored ZIP (see `zip`)
//! of a few fixed XML parts, inline strings (no shared-strings table), real
//! numbers with number formats, column widths for Chinese text, a bold title and
//! header, and the header frozen while scrolling.

use crate::report::{Cell, Table};
use crate::zip::ZipWriter;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>";

/// The root relationship to the document properties, closing the root rels.
const CORE_REL: &str = "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

/// `docProps/core.xml`: title, subject and the tool as creator.
fn core_props(p: &DocProps) -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    escape(&mut x, &p.title, false);
    x.push_str("</dc:title><dc:subject>");
    escape(&mut x, &p.subject, false);
    x.push_str("</dc:subject><dc:creator>五好园区指标计算器</dc:creator></cp:coreProperties>");
    x
}

/// Cell styles, by index into `cellXfs`: 0 general, 1 header (bold, centred,
/// wrapped), 2 title (bold, larger), 3 `0.00`, 4 `0.0`, 5 `0`, 6 text (`@`);
/// 7 to 12 the same as 0 and 3 to 6 in bold, for subtotal and total rows (小计, 总分),
/// bold as on the page.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/></numFmts>\
<fonts count=\"3\">\
<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>\
<font><b/><sz val=\"14\"/><name val=\"黑体\"/><family val=\"3\"/><charset val=\"134\"/></font>\
</fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"12\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"2\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"1\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// A cell's style: an index into `cellXfs` of `STYLES`, written as its decimal digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Style(u8);

const HEADER_STYLE: Style = Style(1);
const TITLE_STYLE: Style = Style(2);
const TEXT_STYLE: Style = Style(6);
/// How far the bold (subtotal, total) styles sit after their plain ones: 0 → 7, 3..=6 → 8..=11.
const BOLD_FROM_GENERAL: u8 = 7;

impl Style {
    /// The style of a number with `decimals` fixed places (`None`: general), bold or not.
    fn number(decimals: Option<u8>, bold: bool) -> Style {
        let plain = match decimals {
            Some(2) => 3,
            Some(1) => 4,
            Some(0) => 5,
            _ => 0,
        };
        Style(plain).bold_if(bold)
    }

    /// The bold twin of a body style (general, 0.00, 0.0, 0, text); others are kept.
    fn bold_if(self, bold: bool) -> Style {
        match (bold, self.0) {
            (true, 0) => Style(BOLD_FROM_GENERAL),
            (true, n @ 3..=6) => Style(n + BOLD_FROM_GENERAL - 2),
            _ => self,
        }
    }

    /// Writes ` s="N"` (the attribute with its leading space).
    fn write(self, x: &mut String) {
        x.push_str(" s=\"");
        x.push_str(&self.0.to_string());
        x.push('"');
    }
}

/// Excel refuses a cell longer than this many UTF-16 code units.
const MAX_CELL: usize = 32_767;

/// Packs the tables into an .xlsx, one worksheet per table: the title in row 1,
/// the headers in row 2 (frozen), then the rows. No tables gives one sheet
/// saying 无数据, since a workbook must have a sheet.
pub fn to_xlsx(tables: &[Table]) -> Vec<u8> {
    to_xlsx_with(tables, None)
}

/// The document properties of an .xlsx (文件 → 属性 in Excel and WPS).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocProps {
    /// Whose tables, the period and the scheme (`export::doc_title`).
    pub title: String,
    /// The scheme's name.
    pub subject: String,
}

/// `to_xlsx` with document properties (`docProps/core.xml`) when `props` is given.
pub fn to_xlsx_with(tables: &[Table], props: Option<&DocProps>) -> Vec<u8> {
    let placeholder;
    let tables = if tables.is_empty() {
        placeholder = [Table { title: "无数据".to_string(), sheet: "无数据".to_string(), ..Table::default() }];
        &placeholder[..]
    } else {
        tables
    };
    let names = sheet_names(tables);

    let mut types = String::from(XML_HEAD);
    types.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let mut book = String::from(XML_HEAD);
    book.push_str("<workbook xmlns=\"");
    book.push_str(MAIN_NS);
    book.push_str("\" xmlns:r=\"");
    book.push_str(REL_NS);
    book.push_str("\"><bookViews><workbookView/></bookViews><sheets>");
    let mut rels = String::from(XML_HEAD);
    rels.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (i, name) in names.iter().enumerate() {
        let n = (i + 1).to_string();
        types.push_str("<Override PartName=\"/xl/worksheets/sheet");
        types.push_str(&n);
        types.push_str(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        book.push_str("<sheet name=\"");
        escape(&mut book, name, false);
        book.push_str("\" sheetId=\"");
        book.push_str(&n);
        book.push_str("\" r:id=\"rId");
        book.push_str(&n);
        book.push_str("\"/>");
        rels.push_str("<Relationship Id=\"rId");
        rels.push_str(&n);
        rels.push_str("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet");
        rels.push_str(&n);
        rels.push_str(".xml\"/>");
    }
    if props.is_some() {
        types.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    // The styles part takes the id after the sheets.
    rels.push_str("<Relationship Id=\"rId");
    rels.push_str(&(names.len() + 1).to_string());
    rels.push_str("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");

    let mut zip = ZipWriter::new();
    zip.add("[Content_Types].xml", types.as_bytes());
    match props {
        Some(p) => {
            zip.add("_rels/.rels", ROOT_RELS.replace("</Relationships>", CORE_REL).as_bytes());
            zip.add("docProps/core.xml", core_props(p).as_bytes());
        }
        None => zip.add("_rels/.rels", ROOT_RELS.as_bytes()),
    }
    zip.add("xl/workbook.xml", book.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    for (i, t) in tables.iter().enumerate() {
        let mut path = String::from("xl/worksheets/sheet");
        path.push_str(&(i + 1).to_string());
        path.push_str(".xml");
        zip.add(&path, sheet(t, i == 0).as_bytes());
    }
    zip.finish()
}

/// One worksheet's XML.
fn sheet(t: &Table, first: bool) -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str("<worksheet xmlns=\"");
    x.push_str(MAIN_NS);
    x.push_str("\"><sheetViews><sheetView workbookViewId=\"0\"");
    if first {
        x.push_str(" tabSelected=\"1\"");
    }
    x.push_str("><pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");

    let widths = column_widths(t);
    if !widths.is_empty() {
        x.push_str("<cols>");
        for (c, w) in widths.iter().enumerate() {
            let n = (c + 1).to_string();
            x.push_str("<col min=\"");
            x.push_str(&n);
            x.push_str("\" max=\"");
            x.push_str(&n);
            x.push_str("\" width=\"");
            x.push_str(&w.to_string());
            x.push_str("\" customWidth=\"1\"/>");
        }
        x.push_str("</cols>");
    }

    x.push_str("<sheetData>");
    let mut col = String::new();
    let mut r = 1usize;
    open_row(&mut x, r);
    text_cell(&mut x, &mut col, r, 0, &t.title, TITLE_STYLE);
    x.push_str("</row>");
    r += 1;
    open_row(&mut x, r);
    for (c, h) in t.headers.iter().enumerate() {
        text_cell(&mut x, &mut col, r, c, h, HEADER_STYLE);
    }
    x.push_str("</row>");
    for (k, row) in t.cells.iter().enumerate() {
        r += 1;
        open_row(&mut x, r);
        let bold = t.meta.get(k).is_some_and(|m| m.class.iter().any(|c| matches!(*c, "subtotal" | "total")));
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => text_cell(&mut x, &mut col, r, c, s, TEXT_STYLE.bold_if(bold)),
                Cell::Number { text, value, decimals } => {
                    // The text is made by export::round_to: digits, an optional sign and
                    // '.' (a '+' only for show: +1.00 is written 1.00). Anything else
                    // would make the part unreadable, so it is written from the value,
                    // or as text when the value is not a number either.
                    let digits = text.strip_prefix('+').unwrap_or(text);
                    let written = if is_plain_decimal(digits) {
                        Some(std::borrow::Cow::Borrowed(digits))
                    } else {
                        value.is_finite().then(|| std::borrow::Cow::Owned(value.to_string()))
                    };
                    match written {
                        Some(v) => {
                            cell_ref(&mut x, &mut col, r, c);
                            x.push('"');
                            Style::number(*decimals, bold).write(&mut x);
                            x.push_str("><v>");
                            x.push_str(&v);
                            x.push_str("</v></c>");
                        }
                        None => text_cell(&mut x, &mut col, r, c, text, TEXT_STYLE.bold_if(bold)),
                    }
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// True for `-12.50`, `3`, `0.0001`: what an `<v>` of a number may hold as written.
fn is_plain_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()) && !body.ends_with('.')
}

fn open_row(x: &mut String, r: usize) {
    x.push_str("<row r=\"");
    x.push_str(&r.to_string());
    x.push_str("\">");
}

/// Writes `<c r="B7` (the caller closes the attribute), 1-based row, 0-based column.
fn cell_ref(x: &mut String, col: &mut String, r: usize, c: usize) {
    col.clear();
    let mut n = c + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        col.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    x.push_str("<c r=\"");
    x.push_str(col);
    x.push_str(&r.to_string());
}

fn text_cell(x: &mut String, col: &mut String, r: usize, c: usize, s: &str, style: Style) {
    if s.is_empty() {
        return;
    }
    cell_ref(x, col, r, c);
    x.push('"');
    style.write(x);
    x.push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    escape(x, s, true);
    x.push_str("</t></is></c>");
}

/// XML-escapes `s` into `out`. In cell text (`cell`), characters XML 1.0 cannot
/// hold (control characters other than tab and line feed, U+FFFE, U+FFFF) and
/// carriage returns (which XML would turn into line feeds) are written as Excel's
/// `_xHHHH_` escapes, and an underscore that would otherwise read as such an
/// escape is itself escaped, so every text reads back exactly. Elsewhere those
/// characters are dropped. Cell text is cut at Excel's 32,767-unit limit.
fn escape(out: &mut String, s: &str, cell: bool) {
    let mut units = 0usize;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if cell && units > MAX_CELL {
            break;
        }
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '_' if cell && looks_escaped(s.get(i..).unwrap_or("")) => out.push_str("_x005F_"),
            '\t' | '\n' => out.push(ch),
            _ if u32::from(ch) < 0x20 || ch == '\u{FFFE}' || ch == '\u{FFFF}' => {
                if cell {
                    let hex = b"0123456789ABCDEF";
                    let v = u32::from(ch);
                    out.push_str("_x");
                    for shift in [12u32, 8, 4, 0] {
                        let d = hex.get(((v >> shift) & 0xF) as usize).copied().unwrap_or(b'0');
                        out.push(char::from(d));
                    }
                    out.push('_');
                }
            }
            _ => out.push(ch),
        }
    }
}

/// True when `s` starts with `_xHHHH_` (either case of x), which readers decode.
fn looks_escaped(s: &str) -> bool {
    match s.as_bytes().get(..7) {
        Some([b'_', b'x' | b'X', h @ .., b'_']) => h.iter().all(u8::is_ascii_hexdigit),
        _ => false,
    }
}

/// Column widths in Excel's character units: the widest header or cell line,
/// counting CJK and other wide characters as two, plus padding, between 6 and 60.
fn column_widths(t: &Table) -> Vec<usize> {
    let mut w: Vec<usize> = t.headers.iter().map(|h| display_width(h)).collect();
    for row in &t.rows {
        for (c, s) in row.iter().enumerate() {
            let d = display_width(s);
            match w.get_mut(c) {
                Some(x) => *x = (*x).max(d),
                None => w.push(d),
            }
        }
    }
    w.iter().map(|&d| (d + 2).clamp(6, 60)).collect()
}

fn display_width(s: &str) -> usize {
    s.split('\n').map(|line| line.chars().map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 }).sum()).max().unwrap_or(0)
}

/// Legal, unique worksheet names: the characters Excel forbids ([]:*?/\ and
/// control characters) removed, no apostrophe at either end, at most 31 UTF-16
/// units, not the reserved "History", and unique ignoring case, full-width and
/// other non-ASCII letters included (a "(2)" suffix).
pub fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(tables.len());
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(tables.len());
    for (i, t) in tables.iter().enumerate() {
        let clean: String = t.sheet.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\u{FFFE}' | '\u{FFFF}') && !c.is_control()).collect();
        let mut base = clean.trim().trim_matches('\'').trim().to_string();
        // A sheet name is read with the _xHHHH_ escapes of cell text (LibreOffice shows
        // "_x0041_" as "A"), and not every reader decodes _x005F_: such an underscore
        // becomes a full-width one, so every reader shows the same name.
        if base.contains("_x") || base.contains("_X") {
            base = unescapable(&base);
        }
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = format!("表{}", i + 1);
        }
        let mut n = 1;
        loop {
            let suffix = if n == 1 { String::new() } else { format!("({n})") };
            let mut name = cut_utf16(&base, 31usize.saturating_sub(suffix.len())).trim_end().trim_end_matches('\'').to_string();
            name.push_str(&suffix);
            // Excel compares sheet names without regard to case, beyond ASCII too (Ａ and ａ).
            if taken.insert(name.to_lowercase()) {
                names.push(name);
                break;
            }
            n += 1;
        }
    }
    names
}

/// `s` with the underscore of every `_xHHHH_` look-alike made full-width (＿).
fn unescapable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, ch) in s.char_indices() {
        out.push(if ch == '_' && looks_escaped(s.get(i..).unwrap_or("")) { '＿' } else { ch });
    }
    out
}

fn cut_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return s.get(..i).unwrap_or("");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_so_it_reads_back() {
        for (input, want) in [
            ("<script>&\"x\"</script>", "&lt;script&gt;&amp;&quot;x&quot;&lt;/script&gt;"),
            ("a\tb\nc\rd\u{1}", "a\tb\nc_x000D_d_x0001_"),
            ("_x0041_ and _x12_", "_x005F_x0041_ and _x12_"),
            ("中文", "中文"),
        ] {
            let mut out = String::new();
            escape(&mut out, input, true);
            assert_eq!(out, want, "{input:?}");
        }
    }

    /// Every style a cell can get is an `<xf>` of `cellXfs`, written as digits
    /// (a bold text cell was once written `s="<"`, past the last style).
    #[test]
    fn every_style_written_is_declared() {
        let xfs = STYLES.split("<cellXfs").nth(1).and_then(|r| r.split("</cellXfs>").next()).unwrap();
        let declared: usize = xfs.matches("<xf ").count();
        let count: usize = xfs.split("count=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().parse().unwrap();
        assert_eq!(declared, count);
        let mut used = vec![HEADER_STYLE, TITLE_STYLE];
        for bold in [false, true] {
            used.push(TEXT_STYLE.bold_if(bold));
            for d in [None, Some(0), Some(1), Some(2), Some(3), Some(4)] {
                used.push(Style::number(d, bold));
            }
        }
        for s in used {
            assert!(usize::from(s.0) < declared, "{s:?}");
            let mut x = String::new();
            s.write(&mut x);
            assert!(x.strip_prefix(" s=\"").and_then(|r| r.strip_suffix('"')).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())), "{x}");
        }
        // Bold rows keep their number format: 0.00 stays 0.00, text stays text.
        assert!(xfs.split("<xf ").nth(usize::from(Style::number(Some(2), true).0) + 1).unwrap().contains("numFmtId=\"2\" fontId=\"1\""));
        assert!(xfs.split("<xf ").nth(usize::from(TEXT_STYLE.bold_if(true).0) + 1).unwrap().contains("numFmtId=\"49\" fontId=\"1\""));
    }

    #[test]
    fn plain_decimals_only_go_into_v() {
        for ok in ["0", "-12.50", "3", "0.0001"] {
            assert!(is_plain_decimal(ok), "{ok}");
        }
        for bad in ["", "-", "3.", ".5", "1e5", "NaN", "inf", "1,000", "+1"] {
            assert!(!is_plain_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        for (c, want) in [(0, "A1"), (25, "Z1"), (26, "AA1"), (701, "ZZ1"), (702, "AAA1")] {
            let (mut x, mut col) = (String::new(), String::new());
            cell_ref(&mut x, &mut col, 1, c);
            assert_eq!(x, format!("<c r=\"{want}"));
        }
    }
}
