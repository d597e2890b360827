//! Numbers as real tables hold them: 1,038 · 63.7% · ６３．７％ · (3.2) · 约500 · — …

use crate::unit::Unit;

/// What a cell holds once read as a number.
#[derive(Clone, Debug, PartialEq)]
pub enum CellNumber {
    /// A number, with the unit written in the cell (if any) and warnings in
    /// Chinese for approximate marks, arrows and the like.
    Value { value: f64, unit: Option<Unit>, warnings: Vec<String> },
    /// Empty or a missing marker (空, —, -, /, 无, N/A): never zero.
    Missing,
    /// Text that is not a number; the message says why in Chinese.
    Invalid(String),
}

/// Reads one cell. STUB: issue 3 implements the full grammar.
pub fn parse_number(text: &str) -> CellNumber {
    let t = text.trim();
    if t.is_empty() {
        return CellNumber::Missing;
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => CellNumber::Value { value: v, unit: None, warnings: Vec::new() },
        _ => CellNumber::Invalid(format!("无法识别为数字：{t}")),
    }
}
