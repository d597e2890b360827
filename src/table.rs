//! Clipboard text from Excel/WPS into a grid of cells (tabs, CRLF, quotes, BOM).
//!
//! Excel and WPS put tab-separated text on the clipboard. A cell whose text holds
//! a tab, a newline or starts with a quote is wrapped in double quotes, with inner
//! quotes doubled. A quote anywhere else in a cell is ordinary text, exactly as
//! Excel reads it back. Rows end in CRLF, LF or (old Mac exports) CR.

use crate::diag::{Diagnostic, Source};
use crate::problem::Problem;

/// A pasted table: rows of cell texts, 0-based, as laid out in the clipboard.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The cell at 0-based (row, col), or "" when the row is short (ragged rows).
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map(String::as_str).unwrap_or("")
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Splits clipboard text into a grid.
///
/// Blank lines are kept as empty rows so that row numbers in diagnostics are
/// those the user sees in the spreadsheet. A final line break does not make an
/// extra row. An unclosed quote is reported and the quote is then read as plain
/// text, so a stray quote cannot swallow the rest of the paste.
pub fn parse_grid(text: &str, source: Source) -> (Grid, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut diags = Vec::new();
    if bytes.is_empty() {
        return (Grid::default(), diags);
    }
    // A rough row count avoids repeated reallocation of the outer vector on big pastes.
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count() + 1);
    let mut row: Vec<String> = Vec::new();
    let mut width_hint = 0usize;
    let mut i = 0usize;
    // After one unclosed quote every later quote would scan to the end of the
    // text again (quadratic on a broken 10 MB paste), so quotes stop being special.
    let mut quotes_special = true;

    loop {
        // At the start of a cell.
        let mut cell = String::new();
        let mut quoted_ok = false;
        if quotes_special && bytes.get(i) == Some(&b'"') {
            if let Some((content, next)) = read_quoted(text, i + 1) {
                cell = content;
                i = next;
                quoted_ok = true;
            } else {
                quotes_special = false;
                diags.push(
                    Diagnostic::warning(source.clone(), Problem::UnclosedQuote)
                        .at(rows.len(), row.len())
                        .cell(line_from(text, i)),
                );
            }
        }
        // Unquoted text (or what follows a closing quote) runs to the next tab or line break.
        let start = i;
        i = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b <= b'\r' && matches!(b, b'\t' | b'\n' | b'\r')))
            .map_or(len, |p| start + p);
        let rest = text.get(start..i).unwrap_or("");
        if quoted_ok {
            cell.push_str(rest);
        } else {
            cell = rest.to_string();
        }
        row.push(cell);

        match bytes.get(i) {
            Some(b'\t') => {
                i += 1;
            }
            Some(b'\r') | Some(b'\n') => {
                if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
                finish_row(&mut rows, &mut row, &mut width_hint);
                if i >= len {
                    break;
                }
            }
            _ => {
                // End of text: a last line without a line break.
                finish_row(&mut rows, &mut row, &mut width_hint);
                break;
            }
        }
    }
    (Grid { rows }, diags)
}

/// Pushes the finished row. A line with nothing on it becomes an empty row;
/// the next row is preallocated to the width seen so far.
fn finish_row(rows: &mut Vec<Vec<String>>, row: &mut Vec<String>, width_hint: &mut usize) {
    if row.len() == 1 && row.first().is_some_and(String::is_empty) {
        row.clear();
    }
    *width_hint = (*width_hint).max(row.len());
    let next = Vec::with_capacity(*width_hint);
    rows.push(std::mem::replace(row, next));
}

/// Reads a quoted cell whose content starts at byte `from` (just after the
/// opening quote). Returns the unescaped content and the byte index just after
/// the closing quote, or `None` when the quote never closes.
fn read_quoted(text: &str, from: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = from;
    loop {
        let rel = bytes.get(i..)?.iter().position(|&b| b == b'"')?;
        out.push_str(text.get(i..i + rel)?);
        let q = i + rel;
        if bytes.get(q + 1) == Some(&b'"') {
            out.push('"');
            i = q + 2;
        } else {
            return Some((out, q + 1));
        }
    }
}

/// The rest of the line from byte `at`, for quoting in a diagnostic.
fn line_from(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse_grid(text, Source::Data).0.rows
    }

    #[test]
    fn quoting_and_line_ends() {
        assert_eq!(rows("a\tb\r\nc\td\r\n"), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(rows("\u{feff}a\rb\n\nc"), vec![vec!["a"], vec!["b"], vec![], vec!["c"]]);
        assert_eq!(rows("\"x\ty\n\"\"z\"\"\"\t1"), vec![vec!["x\ty\n\"z\"", "1"]]);
        assert_eq!(rows("a\"b\"\tc"), vec![vec!["a\"b\"", "c"]]);
        assert_eq!(rows("a\t\t"), vec![vec!["a", "", ""]]);
        assert_eq!(rows(""), Vec::<Vec<String>>::new());
        let (g, d) = parse_grid("\"abc\tx\ny", Source::Data);
        assert_eq!(g.rows, vec![vec!["\"abc", "x"], vec!["y"]]);
        assert_eq!(d.len(), 1);
    }
}
