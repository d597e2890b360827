//! Result tables for export: TSV for the clipboard, CSV with BOM, and a minimal .xlsx writer.
//! STUB: issue 6 implements tables(), to_tsv(), to_csv() and to_xlsx().

use crate::eval::Report;

/// One exportable table (score breakdown, progress, ranking, a split …).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Stable key used by the page: "breakdown:0", "progress:0", "ranking", "split:0" …
    pub key: String,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub fn tables(report: &Report) -> Vec<Table> {
    let _ = report;
    Vec::new()
}

/// Renders the tables whose key starts with `key` ("" for all) in `format`
/// ("tsv", "csv" or "xlsx") as bytes to download or copy.
pub fn export(report: &Report, key: &str, format: &str) -> Vec<u8> {
    let _ = (report, key, format);
    Vec::new()
}
