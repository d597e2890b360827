//! Clipboard text from Excel/WPS into a grid of cells (tabs, CRLF, quotes, BOM).
//!
//! Excel and WPS put tab-separated text on the clipboard. A cell whose text holds
//! a tab, a newline or starts with a quote is wrapped in double quotes, with inner
//! quotes doubled. A quote anywhere else in a cell is ordinary text, exactly as
//! Excel reads it back. Rows end in CRLF, LF or (old Mac exports) CR.

use std::borrow::Cow;

use crate::diag::{Diagnostic, Source};
use crate::diag::problem::Problem;

/// A pasted table: rows of cell texts, 0-based, as laid out in the clipboard.
///
/// Cells are spans of the pasted text itself, borrowed, not copied; only a cell
/// that unquoting changed (`"a""b"` is `a"b`) is written out, to a side buffer,
/// and its span says so with its top bit. So a paste of a million cells makes
/// no copy of the text and one span per cell, not a million `String`s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid<'a> {
    text: Cow<'a, str>,
    /// The text of each cell that unquoting changed.
    unquoted: String,
    /// Byte range of each cell, row after row: in `text`, or in `unquoted` when
    /// the start has `IN_UNQUOTED` set (`u32`: half the size of `usize` pairs
    /// natively; a browser's string cannot reach 2 GB, and a longer text's spans
    /// saturate and read as empty cells instead of failing).
    cells: Vec<(u32, u32)>,
    /// Each row's range in `cells`.
    rows: Vec<(usize, usize)>,
}

/// The flag bit of a span's start that puts it in `Grid::unquoted`.
const IN_UNQUOTED: u32 = 1 << 31;

impl<'a> Grid<'a> {
    /// The number of rows, blank ones included.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// The number of cells row `r` has (rows are ragged; 0 past the end).
    pub fn row_len(&self, r: usize) -> usize {
        self.rows.get(r).map_or(0, |&(a, b)| b - a)
    }

    /// The text of one span.
    #[inline]
    fn span_text(&self, (s, e): (u32, u32)) -> &str {
        if s & IN_UNQUOTED == 0 {
            self.text.get(s as usize..e as usize).unwrap_or("")
        } else {
            self.unquoted.get((s & !IN_UNQUOTED) as usize..e as usize).unwrap_or("")
        }
    }

    /// The cell at 0-based (row, col), or "" when the row is short (ragged rows).
    pub fn cell(&self, row: usize, col: usize) -> &str {
        let Some(&(a, b)) = self.rows.get(row) else { return "" };
        if col >= b - a {
            return "";
        }
        self.cells.get(a + col).map_or("", |&sp| self.span_text(sp))
    }

    /// The cells of row `r`, left to right (none past the end).
    pub fn row(&self, r: usize) -> impl Iterator<Item = &str> + '_ {
        let (a, b) = self.rows.get(r).copied().unwrap_or((0, 0));
        self.cells.get(a..b).unwrap_or(&[]).iter().map(|&sp| self.span_text(sp))
    }

    /// Whether row `r` has no text but whitespace (or does not exist).
    pub fn is_blank_row(&self, r: usize) -> bool {
        self.row(r).all(|c| trim_cell(c).is_empty())
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|&(a, b)| b - a).max().unwrap_or(0)
    }

    /// Every row as owned strings (for tests and tools, not the hot path).
    pub fn to_rows(&self) -> Vec<Vec<String>> {
        (0..self.n_rows()).map(|r| self.row(r).map(str::to_string).collect()).collect()
    }
}

impl Grid<'static> {
    /// A grid from rows of cell texts (a reader's rearranged view of a paste,
    /// such as a table turned so that its months run down instead of across).
    pub fn from_rows(rows: &[Vec<String>]) -> Grid<'static> {
        let mut text = String::new();
        let mut g = Grid::default();
        for row in rows {
            let first = g.cells.len();
            for cell in row {
                let start = text.len();
                text.push_str(cell);
                g.cells.push(span(start, text.len()));
            }
            g.rows.push((first, g.cells.len()));
        }
        g.text = Cow::Owned(text);
        g
    }
}

/// `str::trim` with a shortcut for the usual cell, which starts and ends with
/// a visible ASCII byte: no ASCII byte above the space is whitespace, so
/// there is nothing to trim (the full trim also takes U+3000 and the like).
pub fn trim_cell(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if (0x21..0x80).contains(&a) && (0x21..0x80).contains(&z) => s,
        _ => s.trim(),
    }
}

/// Splits clipboard text into a grid.
///
/// Blank lines are kept as empty rows so that row numbers in diagnostics are
/// those the user sees in the spreadsheet. A final line break does not make an
/// extra row. An unclosed quote is reported and the quote is then read as plain
/// text, so a stray quote cannot swallow the rest of the paste.
pub fn parse_grid(text: &str, source: Source) -> (Grid<'_>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut diags = Vec::new();
    if bytes.is_empty() {
        return (Grid::default(), diags);
    }
    // One pass counts the line breaks and tabs, so the cells are allocated once.
    let (lines, tabs) = count_breaks(bytes);
    let mut g = Grid { text: Cow::Borrowed(text), unquoted: String::new(), cells: Vec::with_capacity(lines + tabs), rows: Vec::with_capacity(lines) };
    let mut row_start = 0usize;
    let mut i = 0usize;
    // After one unclosed quote every later quote would scan to the end of the
    // text again (quadratic on a broken 10 MB paste), so quotes stop being special.
    let mut quotes_special = true;

    loop {
        // At the start of a cell: a quoted cell's content is written to
        // `unquoted`, since unquoting changes it.
        let mut owned: Option<usize> = None;
        if quotes_special && bytes.get(i) == Some(&b'"') {
            let at = g.unquoted.len();
            if let Some(next) = read_quoted(text, i + 1, &mut g.unquoted) {
                owned = Some(at);
                i = next;
            } else {
                g.unquoted.truncate(at);
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
        i = next_break(bytes, start);
        match owned {
            Some(at) => {
                g.unquoted.push_str(text.get(start..i).unwrap_or(""));
                let (s, e) = span(at, g.unquoted.len());
                g.cells.push((s | IN_UNQUOTED, e));
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

/// Eight bytes of the text as one word (little-endian), from byte `at`.
#[inline]
fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` below 0x0E (`\r`) marked by their top bit, exactly (the
/// classic "has less" word test with the carry-free form, so no false marks).
#[inline]
fn below_cr(w: u64) -> u64 {
    // Each byte + (0x80 - 0x0E) sets its top bit when it is ≥ 0x0E (no carry
    // leaves a byte since the low seven bits are added apart from the top).
    let low7 = (w & !HIGHS) + ONES * (0x80 - 0x0E);
    !(low7 | w) & HIGHS
}

/// The index of the next tab or line break at or after `from`, or the text's
/// length. Eight bytes at a time (the page's wasm has no SIMD: Chromium 86
/// lacks it); every byte below `\r` is a candidate, checked one by one.
#[inline]
fn next_break(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(w) = word(bytes, i) {
        let mut m = below_cr(w);
        while m != 0 {
            let at = i + (m.trailing_zeros() / 8) as usize;
            if matches!(bytes.get(at), Some(b'\t' | b'\n' | b'\r')) {
                return at;
            }
            m &= m - 1;
        }
        i += 8;
    }
    bytes.get(i..).and_then(|rest| rest.iter().position(|&b| matches!(b, b'\t' | b'\n' | b'\r'))).map_or(bytes.len(), |p| i + p)
}

/// How many line breaks (`\n`, plus one for the last line) and tabs the text holds.
fn count_breaks(bytes: &[u8]) -> (usize, usize) {
    let (mut lines, mut tabs) = (1usize, 0usize);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        // A byte equal to `k` is zero in `w ^ k*ONES`; zero bytes counted exactly.
        lines += zero_bytes(w ^ (ONES * u64::from(b'\n')));
        tabs += zero_bytes(w ^ (ONES * u64::from(b'\t')));
    }
    for &b in chunks.remainder() {
        lines += usize::from(b == b'\n');
        tabs += usize::from(b == b'\t');
    }
    (lines, tabs)
}

/// The number of zero bytes in `w`, exactly.
#[inline]
fn zero_bytes(w: u64) -> usize {
    // Top bit of each byte set when the byte is non-zero: (low7 + 0x7F) | byte.
    let nonzero = (((w & !HIGHS) + !HIGHS) | w) & HIGHS;
    8 - nonzero.count_ones() as usize
}

/// A cell's byte range as the grid keeps it.
fn span(start: usize, end: usize) -> (u32, u32) {
    let cap = |x: usize| u32::try_from(x).map_or(IN_UNQUOTED - 1, |x| x.min(IN_UNQUOTED - 1));
    (cap(start), cap(end))
}

/// Closes the row whose cells start at `row_start`. A line with nothing on it
/// becomes an empty row.
fn finish_row(g: &mut Grid<'_>, row_start: &mut usize) {
    let end = g.cells.len();
    if end == *row_start + 1 && g.cells.last().is_some_and(|&(s, e)| s & !IN_UNQUOTED == e) {
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

    #[test]
    fn trim_cell_is_trim() {
        for t in ["", " ", "\t1,234\r", "1,234", "63.7%", "\u{3000}园区\u{3000}", "园区", "x\u{a0}", "\u{2003}5", "a b", "~", "\u{7f}", "é "] {
            assert_eq!(trim_cell(t), t.trim(), "{t:?}");
        }
    }

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
        // The text is borrowed; only the unquoted cell was written out.
        assert!(matches!(g.text, Cow::Borrowed(_)));
        assert_eq!(g.unquoted, "a\"b");
        assert!(g.is_blank_row(5) && !g.is_blank_row(1));
    }

    #[test]
    fn word_scans_match_byte_scans() {
        // Every position and length around the 8-byte words, with tabs, line
        // breaks, other control bytes and multi-byte characters.
        let pieces = ["a", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{e}", "\u{0}", "名", "\u{8d}", "12,345.6", "\r\n"];
        let mut text = String::new();
        for k in 0..400usize {
            text.push_str(pieces.get((k * 7 + k / 3) % pieces.len()).copied().unwrap_or(""));
            let b = text.as_bytes();
            let naive_lines = 1 + b.iter().filter(|&&c| c == b'\n').count();
            let naive_tabs = b.iter().filter(|&&c| c == b'\t').count();
            assert_eq!(count_breaks(b), (naive_lines, naive_tabs));
            for from in 0..=b.len() {
                let naive = b.get(from..).and_then(|r| r.iter().position(|&c| matches!(c, b'\t' | b'\n' | b'\r'))).map_or(b.len(), |p| from + p);
                assert_eq!(next_break(b, from), naive, "from {from} in {text:?}");
            }
        }
    }
}
