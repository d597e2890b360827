//! Result tables written out: TSV for the clipboard, CSV with BOM, JSON with typed cells, and .xlsx (see `xlsx`).
//!
//! The tables themselves are laid out once in `report`; this layer only writes
//! them, selected by key, in the format asked for.

use std::borrow::Cow;

use crate::eval::Report;
pub use crate::report::{doc_title, groups, listed_tables, listed_tables_with, tables, Cell, Column, RowMeta, Table};

/// Whether a table's key is selected by `want`: "" selects all; otherwise the key
/// must equal `want` or continue it after a ':' (so "split:1" selects "split:1"
/// and "split:1:sums" but not "split:10", and "breakdown" selects every park's).
fn selected(key: &str, want: &str) -> bool {
    want.is_empty() || key.strip_prefix(want).is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || want.ends_with(':'))
}

/// Tab-separated text for the clipboard, as Excel and WPS paste it: a cell holding
/// a tab, a line break or a quote is quoted, with quotes doubled; rows end in CRLF.
/// Each table starts with its caption line, as the page shows it above the table,
/// and a blank line separates tables.
/// Text that a spreadsheet would run as a formula is made inert (see `inert`).
pub fn to_tsv(tables: &[Table]) -> String {
    delimited(tables, '\t')
}

/// CSV as Excel opens it: UTF-8 with a BOM (else Chinese shows as mojibake),
/// RFC 4180 quoting and CRLF. Each table starts with its title line (so the
/// period travels with the file); a blank line separates tables. Text that a
/// spreadsheet would run as a formula is made inert (see `inert`).
pub fn to_csv(tables: &[Table]) -> Vec<u8> {
    let mut out = "\u{feff}".to_string();
    out.push_str(&delimited(tables, ','));
    out.into_bytes()
}

fn delimited(tables: &[Table], sep: char) -> String {
    let mut out = String::new();
    for (n, t) in tables.iter().enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        field(&mut out, &inert(&t.title), sep);
        out.push_str("\r\n");
        line(&mut out, t.headers.iter().map(|h| inert(h)), sep);
        for row in &t.cells {
            line(&mut out, row.iter().map(|c| match c {
                Cell::Text(s) => inert(s),
                Cell::Number { text, .. } => Cow::Borrowed(text.as_str()),
            }), sep);
        }
    }
    out
}

/// The tables as JSON for a program: `[{ key, sheet, title, headers, rows }]`,
/// each cell a string (text) or `{ "n": value, "text": printed }` (a number),
/// and `sheet` the worksheet's name in the .xlsx of the same tables. The
/// export read-back test compares every other format with it.
pub fn to_json(tables: &[Table]) -> String {
    #[derive(serde::Serialize)]
    #[serde(untagged)]
    enum JsonCell<'a> {
        Text(&'a str),
        Number { n: f64, text: &'a str },
    }
    #[derive(serde::Serialize)]
    struct JsonTable<'a> {
        key: &'a str,
        sheet: &'a str,
        title: &'a str,
        headers: &'a [String],
        rows: Vec<Vec<JsonCell<'a>>>,
    }
    let sheets = crate::xlsx::sheet_names(tables);
    let out: Vec<JsonTable<'_>> = tables
        .iter()
        .zip(&sheets)
        .map(|(t, sheet)| JsonTable {
            key: &t.key,
            sheet,
            title: &t.title,
            headers: &t.headers,
            rows: t
                .cells
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Cell::Text(s) => JsonCell::Text(s),
                            Cell::Number { value, text, .. } => JsonCell::Number { n: *value, text },
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    serde_json::to_string(&out).unwrap_or_default()
}

fn line<'a>(out: &mut String, cells: impl Iterator<Item = Cow<'a, str>>, sep: char) {
    for (k, c) in cells.enumerate() {
        if k > 0 {
            out.push(sep);
        }
        field(out, &c, sep);
    }
    out.push_str("\r\n");
}

/// Text that Excel or WPS would run as a formula when opening a CSV or taking a
/// paste ("=HYPERLINK(…)" in a park name, say) gets a leading single quote, as
/// OWASP advises against CSV injection: the spreadsheet then shows the text as
/// typed. Only text cells pass through here; numbers (a negative one starts with
/// '-') stay numbers.
/// Full-width ＝＋－＠ count like their ASCII forms (a Chinese or Japanese
/// spreadsheet may take them for a formula), and so does formula text behind
/// invisible characters (zero-width spaces and joiners, direction marks, a BOM,
/// a soft hyphen) or blanks, which a spreadsheet may drop before reading the cell.
fn inert(s: &str) -> Cow<'_, str> {
    let visible = s.trim_start_matches(|c: char| {
        matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | ' ' | '\u{00A0}' | '\u{3000}')
    });
    let formula = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{2212}', '\u{FE62}', '\u{FE63}', '\u{FE66}'];
    if s.starts_with(['\t', '\r']) || visible.starts_with(formula) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn field(out: &mut String, s: &str, sep: char) {
    if s.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Renders the tables whose key is selected by `key` ("" for all; see `selected`)
/// in `format`: "tsv" (UTF-8 text), "csv" (UTF-8 with BOM), "xlsx" or "json"
/// (typed cells for a program, `to_json`). Any other
/// format gives an empty vector, which the page treats as "nothing to save".
/// No matching table gives an empty TSV, a CSV of just the BOM, and an .xlsx
/// with one sheet saying 无数据.
///
/// A key followed by `@` selects that one table exactly ("split:0@" is the parts,
/// not their sums), and may go on with the row order the page shows
/// ("progress:0@2,0,1", indices of the laid-out rows after a sort by the user),
/// in which the rows are then written: a 复制此表 copy is what is on screen.
pub fn export(report: &Report, key: &str, format: &str) -> Vec<u8> {
    let format = format.trim();
    let (key, order) = match key.split_once('@') {
        Some((k, o)) => (k, Some(o.split(',').filter_map(|n| n.trim().parse::<usize>().ok()).collect::<Vec<_>>())),
        None => (key, None),
    };
    let pick = || -> Vec<Table> {
        tables(report)
            .into_iter()
            .filter(|t| if order.is_some() { t.key == key } else { selected(&t.key, key) })
            .map(|t| match &order {
                Some(o) => t.reordered(o),
                None => t,
            })
            .collect()
    };
    if format.eq_ignore_ascii_case("tsv") {
        to_tsv(&pick()).into_bytes()
    } else if format.eq_ignore_ascii_case("csv") {
        to_csv(&pick())
    } else if format.eq_ignore_ascii_case("xlsx") {
        let props = crate::xlsx::DocProps { title: doc_title(report), subject: report.scheme.name.clone() };
        crate::xlsx::to_xlsx_with(&pick(), Some(&props))
    } else if format.eq_ignore_ascii_case("json") {
        to_json(&pick()).into_bytes()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `round_to` writes the digits `format!` writes for the same rounded integer.
    #[test]
    fn full_width_and_hidden_formulas_are_inert() {
        for s in ["＝HYPERLINK(\"x\")", "＋1", "－1", "＠SUM(A1)", "\u{200B}=1+1", "\u{FEFF}\u{200D}@x", " =1", "\u{3000}＝1", "\u{202E}-2"] {
            assert_eq!(inert(s), format!("'{s}"), "{s:?}");
        }
        for s in ["园区", "1-2月", "\u{200B}园区", "a=b"] {
            assert_eq!(inert(s), s, "{s:?}");
        }
    }

    #[test]
    fn keys_select_by_whole_segments() {
        for (key, want, hit) in [
            ("split:1", "split:1", true),
            ("split:1:sums", "split:1", true),
            ("split:10", "split:1", false),
            ("breakdown:3", "breakdown", true),
            ("breakdown:3", "breakdown:", true),
            ("ranking", "", true),
            ("ranking", "rank", false),
        ] {
            assert_eq!(selected(key, want), hit, "{key} by {want}");
        }
    }
}
