//! Clipboard text from Excel/WPS into a grid of cells (tabs, CRLF, quotes, BOM).
//!
//! Excel and WPS put tab-separated text on the clipboard. A cell whose text holds
//! a tab, a newline or starts with a quote is wrapped in double quotes, with inner
//! quotes doubled. A quote anywhere else in a cell is ordinary text, exactly as
//! Excel reads it back. Rows end in CRLF, LF or (old Mac exports) CR.

use crate::diag::{Diagnostic, Source};
use crate::problem::Problem;

/// A pasted table: rows of cell texts, 0-based, as laid out in the clipboard.
///
/// Cells are spans of one buffer: the pasted text itself, followed by the text
/// of each cell that unquoting changed (`"a""b"` is `a"b`). So a paste of a
/// million cells makes one copy of the text and one span per cell, not a
/// million `String`s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    buf: String,
    /// Byte range of each cell in `buf`, row after row (`u32`: half the size of
    /// `usize` pairs natively, and wasm memory cannot hold a text of 4 GB).
    cells: Vec<(u32, u32)>,
    /// Each row's range in `cells`.
    rows: Vec<(usize, usize)>,
}

impl Grid {
    /// The number of rows, blank ones included.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// The number of cells row `r` has (rows are ragged; 0 past the end).
    pub fn row_len(&self, r: usize) -> usize {
        self.rows.get(r).map_or(0, |&(a, b)| b - a)
    }

    /// The cell at 0-based (row, col), or "" when the row is short (ragged rows).
    pub fn cell(&self, row: usize, col: usize) -> &str {
        let Some(&(a, b)) = self.rows.get(row) else { return "" };
        if col >= b - a {
            return "";
        }
        self.cells.get(a + col).and_then(|&(s, e)| self.buf.get(s as usize..e as usize)).unwrap_or("")
    }

    /// The cells of row `r`, left to right (none past the end).
    pub fn row(&self, r: usize) -> impl Iterator<Item = &str> + '_ {
        let (a, b) = self.rows.get(r).copied().unwrap_or((0, 0));
        self.cells.get(a..b).unwrap_or(&[]).iter().map(|&(s, e)| self.buf.get(s as usize..e as usize).unwrap_or(""))
    }

    /// Whether row `r` has no text but whitespace (or does not exist).
    pub fn is_blank_row(&self, r: usize) -> bool {
        self.row(r).all(|c| c.trim().is_empty())
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|&(a, b)| b - a).max().unwrap_or(0)
    }

    /// A grid from rows of cell texts (a reader's rearranged view of a paste,
    /// such as a table turned so that its months run down instead of across).
    pub fn from_rows(rows: &[Vec<String>]) -> Grid {
        let mut g = Grid::default();
        for row in rows {
            let first = g.cells.len();
            for cell in row {
                let start = g.buf.len();
                g.buf.push_str(cell);
                g.cells.push(span(start, g.buf.len()));
            }
            g.rows.push((first, g.cells.len()));
        }
        g
    }

    /// Every row as owned strings (for tests and tools, not the hot path).
    pub fn to_rows(&self) -> Vec<Vec<String>> {
        (0..self.n_rows()).map(|r| self.row(r).map(str::to_string).collect()).collect()
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
    // One pass counts the line breaks and tabs, so the cells are allocated once.
    let (lines, tabs) = bytes.iter().fold((1usize, 0usize), |(l, t), &b| (l + usize::from(b == b'\n'), t + usize::from(b == b'\t')));
    let mut g = Grid { buf: String::with_capacity(len), cells: Vec::with_capacity(lines + tabs), rows: Vec::with_capacity(lines) };
    g.buf.push_str(text);
    let mut row_start = 0usize;
    let mut i = 0usize;
    // After one unclosed quote every later quote would scan to the end of the
    // text again (quadratic on a broken 10 MB paste), so quotes stop being special.
    let mut quotes_special = true;

    loop {
        // At the start of a cell: a quoted cell's content is written after the
        // text in `buf`, since unquoting changes it.
        let mut owned: Option<usize> = None;
        if quotes_special && bytes.get(i) == Some(&b'"') {
            let at = g.buf.len();
            if let Some(next) = read_quoted(text, i + 1, &mut g.buf) {
                owned = Some(at);
                i = next;
            } else {
                g.buf.truncate(at);
                quotes_special = false;
                diags.push(
                    Diagnostic::warning(source.clone(), Problem::UnclosedQuote)
                        .at(g.rows.len(), g.cells.len() - row_start)
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
        match owned {
            Some(at) => {
                g.buf.push_str(text.get(start..i).unwrap_or(""));
                g.cells.push(span(at, g.buf.len()));
            }
            None => g.cells.push(span(start, i)),
        }

        match bytes.get(i) {
            Some(b'\t') => {
                i += 1;
            }
            Some(b'\r') | Some(b'\n') => {
                if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
                finish_row(&mut g, &mut row_start);
                if i >= len {
                    break;
                }
            }
            _ => {
                // End of text: a last line without a line break.
                finish_row(&mut g, &mut row_start);
                break;
            }
        }
    }
    (g, diags)
}

/// A cell's byte range as the grid keeps it.
fn span(start: usize, end: usize) -> (u32, u32) {
    (u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(end).unwrap_or(u32::MAX))
}

/// Closes the row whose cells start at `row_start`. A line with nothing on it
/// becomes an empty row.
fn finish_row(g: &mut Grid, row_start: &mut usize) {
    let end = g.cells.len();
    if end == *row_start + 1 && g.cells.last().is_some_and(|&(s, e)| s == e) {
        g.cells.pop();
    }
    let end = g.cells.len();
    g.rows.push((*row_start, end));
    *row_start = end;
}

/// Reads a quoted cell whose content starts at byte `from` (just after the
/// opening quote), appending the unescaped content to `out`. Returns the byte
/// index just after the closing quote, or `None` when the quote never closes.
fn read_quoted(text: &str, from: usize, out: &mut String) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        let rel = bytes.get(i..)?.iter().position(|&b| b == b'"')?;
        out.push_str(text.get(i..i + rel)?);
        let q = i + rel;
        if bytes.get(q + 1) == Some(&b'"') {
            out.push('"');
            i = q + 2;
        } else {
            return Some(q + 1);
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
        parse_grid(text, Source::Data).0.to_rows()
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
        assert_eq!(g.to_rows(), vec![vec!["\"abc", "x"], vec!["y"]]);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn cells_are_spans_of_one_buffer() {
        let (g, _) = parse_grid("名称\t\"a\"\"b\"\n甲\t1\t2\n", Source::Data);
        assert_eq!((g.n_rows(), g.row_len(0), g.row_len(1), g.width()), (2, 2, 3, 3));
        assert_eq!((g.cell(0, 1), g.cell(1, 2), g.cell(1, 9), g.cell(9, 0)), ("a\"b", "2", "", ""));
        // Only the unquoted cell was written after the text.
        assert_eq!(g.buf.len(), "名称\t\"a\"\"b\"\n甲\t1\t2\n".len() + "a\"b".len());
        assert!(g.is_blank_row(5) && !g.is_blank_row(1));
    }
}
