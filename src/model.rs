//! The core data model shared by the readers, scorers and progress checks.
//!
//! These types are internal and free to change; the JS side sees only the
//! serializable structs in `api`.

use crate::diag::Diagnostic;
use crate::fixed::Points;
use crate::unit::Unit;
use std::collections::BTreeMap;

/// The reporting period: data cumulative from January through `month` of `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

/// Where a period came from, shown to the user next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodSource {
    /// Set by the user in the page (or the request).
    User,
    /// Read from a header such as 1-11月累计 or 2022年目标.
    Header,
    /// Neither: taken from the host's "today" (the month before today, the
    /// month most recently closed).
    Today,
}

/// One data item of one park, normalised to the scheme's unit for that item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observation {
    /// Cumulative actual (1–m月累计, 实际完成 …) in the scheme's unit.
    pub value: Option<f64>,
    /// Annual target (年度目标) in the scheme's unit.
    pub target: Option<f64>,
    /// Same period last year (上年同期) in the scheme's unit.
    pub last_year: Option<f64>,
    /// Last year's figure for each month 1..=12, when pasted, for profile projections.
    pub last_year_monthly: Vec<Option<f64>>,
    /// This year's figure for each month 1..=12 (本月 columns), when pasted.
    pub monthly: Vec<Option<f64>>,
    /// Free text of a 备注 column.
    pub note: String,
    /// 0-based (row, col) of the value cell in the pasted grid, for highlighting.
    pub pos: Option<(usize, usize)>,
    /// A what-if set this derived indicator's value: it is used instead of its formula's result.
    pub overrides_formula: bool,
}

/// One park's data as read from the paste, keyed by the scheme's canonical item
/// name (an indicator's or an input's `name`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParkData {
    pub name: String,
    /// 0-based row of the park in a parks-as-rows paste.
    pub row: Option<usize>,
    pub items: BTreeMap<String, Observation>,
    /// The group the park belongs to (a 市州 or 片区 column beside the park's
    /// name, or a group row above it), when the paste gives one.
    pub group: Option<String>,
}

impl ParkData {
    pub fn value(&self, item: &str) -> Option<f64> {
        self.items.get(item).and_then(|o| o.value)
    }
}

/// Why a value is missing, shown as 缺数据 with this reason.
pub type MissingReason = String;

/// One scored indicator of one park.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorScore {
    pub name: String,
    /// The dimension's display name.
    pub dimension: String,
    pub unit: Unit,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// Completion in percent (92.63 for 92.63 %), where the method has one.
    pub completion: Option<f64>,
    pub weight: f64,
    pub score: Points,
    /// weight − score, as printed.
    pub lost: Points,
    /// The computation written out with its own numbers, e.g. "6 × min(3.37% ÷ 3%, 1) = 6.00".
    pub explain: String,
    /// Set when the score fell back to the scheme's missing-data score.
    pub missing: Option<MissingReason>,
    /// A short Chinese label of the method (标杆值, 完成率 …).
    pub method: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DimensionScore {
    pub key: String,
    pub name: String,
    pub weight: f64,
    /// Exact sum of the printed indicator scores of this dimension.
    pub score: Points,
}

/// A bonus or deduction applied after the sum.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjustment {
    pub name: String,
    pub points: Points,
    pub explain: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParkScore {
    pub name: String,
    pub indicators: Vec<IndicatorScore>,
    pub dimensions: Vec<DimensionScore>,
    pub adjustments: Vec<Adjustment>,
    /// Sum of dimension scores plus adjustments, capped as the scheme says.
    pub total: Points,
    pub grade: String,
    /// The 一票否决 reason, when one applies.
    pub veto: Option<String>,
    /// 1-based; ties share a rank (1, 1, 3).
    pub rank: u32,
}

/// Progress status against 时序进度.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// 超序时: at or ahead of time progress.
    Ahead,
    /// 略滞后
    SlightlyBehind,
    /// 严重滞后
    FarBehind,
    /// 缺数据: no target or no actual.
    Missing,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ahead => "超序时",
            Status::SlightlyBehind => "略滞后",
            Status::FarBehind => "严重滞后",
            Status::Missing => "缺数据",
        }
    }
}

/// Settings of the progress check, editable in the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressSettings {
    /// Use days elapsed / days in year instead of m / 12.
    pub by_days: bool,
    /// A gap (percentage points, ≤ 0) down to −`slight_pp` is 略滞后; below it 严重滞后.
    pub slight_pp: f64,
    /// Relative tolerance for split sums (0.005 = 0.5 %).
    pub split_tolerance: f64,
}

impl Default for ProgressSettings {
    fn default() -> Self {
        ProgressSettings { by_days: false, slight_pp: 5.0, split_tolerance: 0.005 }
    }
}

/// One row of the progress table (调度表).
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressRow {
    pub name: String,
    pub unit: Unit,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// Percent.
    pub completion: Option<f64>,
    /// Percent.
    pub time_progress: Option<f64>,
    /// Percentage points; positive is ahead (for negative indicators too).
    pub gap_pp: Option<f64>,
    /// Percent.
    pub yoy: Option<f64>,
    pub projection: Option<f64>,
    pub monthly_needed: Option<f64>,
    pub status: Status,
    /// True for rate-type targets (增速, 占比) compared directly.
    pub rate: bool,
    pub negative: bool,
    /// Why a figure is missing, or how it was computed (e.g. 按上年月度分布预计).
    pub note: String,
}

/// One part (片区, 责任单位, 企业 or month) of a decomposition.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitPart {
    pub name: String,
    pub indicator: String,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub completion: Option<f64>,
    pub gap_pp: Option<f64>,
    pub status: Status,
    /// This part's share (percent) of the whole's shortfall against 时序进度; 0 when not behind.
    pub gap_share: Option<f64>,
    /// The unit `target` and `actual` are given in (the whole's unit after conversion).
    pub unit: Option<Unit>,
    /// Why a figure is missing, or 报告期后 for months after the period, in Chinese.
    pub note: String,
}

/// Whether the parts add up to the whole, for one indicator and one column.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitSum {
    pub indicator: String,
    /// "target" or "actual".
    pub what: String,
    pub whole: Option<f64>,
    pub parts_sum: f64,
    pub difference: Option<f64>,
    pub ok: bool,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SplitReport {
    pub title: String,
    /// 片区 / 责任单位 / 企业 / 月份, as read from the header.
    pub kind: String,
    pub unit: Option<Unit>,
    pub parts: Vec<SplitPart>,
    pub sums: Vec<SplitSum>,
    /// Names of the parts that hold the whole back, worst first.
    pub laggards: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}
