//! Interprets a pasted grid against a scheme: table shape, column roles, period, parks.

use crate::diag::Diagnostic;
use crate::model::{ParkData, Period, PeriodSource};
use crate::scheme::Scheme;

/// How the paste is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// 指标 | 单位 | 年度目标 | 1-11月累计 | … : one park, indicators as rows.
    IndicatorRows,
    /// 园区 | 指标A | 指标B | … : several parks, one per row.
    ParkRows,
    /// Nothing recognisable.
    Unknown,
}

/// What a column of the paste was read as, shown in the page so the user can check.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnInfo {
    /// 0-based column.
    pub col: usize,
    pub header: String,
    /// A Chinese label: 指标, 单位, 年度目标, 累计完成, 上年同期, 备注, 园区, an indicator's name, 忽略 …
    pub role: String,
}

/// A data row whose name matched no scheme item.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    /// 0-based row (or column, in park-rows shape) of the name.
    pub row: usize,
    pub col: usize,
    pub text: String,
    /// The closest scheme names, best first.
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadOutcome {
    pub shape: Shape,
    /// 0-based row of the header.
    pub header_row: Option<usize>,
    pub columns: Vec<ColumnInfo>,
    pub period: Period,
    pub period_source: PeriodSource,
    pub parks: Vec<ParkData>,
    pub unmatched: Vec<Unmatched>,
    /// Scheme items (indicators and inputs read from data, not formulas) with no data in the paste.
    pub missing: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the pasted park table. `period` is the user's choice, if any; `today`
/// is the host's current month, used only when neither the user nor a header says.
/// STUB: issue 3 implements it.
pub fn read_data(text: &str, scheme: &Scheme, period: Option<Period>, today: Period) -> ReadOutcome {
    let _ = (text, scheme);
    ReadOutcome {
        shape: Shape::Unknown,
        header_row: None,
        columns: Vec::new(),
        period: period.unwrap_or(today),
        period_source: if period.is_some() { PeriodSource::User } else { PeriodSource::Today },
        parks: Vec::new(),
        unmatched: Vec::new(),
        missing: Vec::new(),
        diagnostics: Vec::new(),
    }
}
