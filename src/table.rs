//! Clipboard text from Excel/WPS into a grid of cells (tabs, CRLF, quotes, BOM).

use crate::diag::Diagnostic;

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
}

/// Splits clipboard text into a grid. STUB: issue 3 implements quoting rules.
pub fn parse_grid(text: &str, source: crate::diag::Source) -> (Grid, Vec<Diagnostic>) {
    let _ = source;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = text.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
    (Grid { rows }, Vec::new())
}
