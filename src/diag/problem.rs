//! Problem kinds: every condition the tool reports, with its data; the Chinese wording lives here alone.
//!
//! A `Diagnostic` carries a `Problem` (what went wrong, with the cell text,
//! unit, names or figures it concerns) and a position. The report gets a
//! stable `kind` key (`number.not_finite`) beside the worded `message`, so
//! tests assert kinds and data, and the page can group problems by kind.
//!
//! Wording rules, held here for every message: names and cell texts are quoted
//! with “”, one wording per condition, and a message about a value says what
//! was done with it (此值未采用, 按 … 计).

use crate::base::fmt::{fmt_num, show};
use crate::base::period::Period;

/// Problems of one number cell (`number::parse_number`); the value is not used.
#[derive(Clone, Debug, PartialEq)]
pub enum NumberFault {
    /// NaN, Infinity, ∞.
    NotFinite,
    /// `#DIV/0!`, `#N/A` and the other spreadsheet error values.
    SpreadsheetError,
    /// `0.5→` with nothing after the arrow.
    ArrowWithoutValue,
    /// `30-34`: a range where one number belongs.
    Range,
    /// `12 斤`: a number with a unit the tool does not know (the unit's text).
    UnknownUnit(String),
    /// `(-3)` or `--3`.
    DoubleMinus,
    /// `1,2`: commas that are not thousands separators.
    BadThousands,
    /// `1e400`: a number too large to compute with.
    OutOfRange,
    /// Text that is no number at all.
    NotANumber,
}

/// Which figure of a row a check value (完成率, 增减%) showed to be off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFigure {
    Value,
    Target,
    LastYear,
}

impl CheckFigure {
    pub fn label(self) -> &'static str {
        match self {
            CheckFigure::Value => "本期数",
            CheckFigure::Target => "目标",
            CheckFigure::LastYear => "上年同期数",
        }
    }
}

/// A figure the field does not allow, read as written (`Problem::Implausible`).
#[derive(Clone, Debug, PartialEq)]
pub enum Implausible {
    /// A share (占比, 比重) above 100 %.
    ShareOver100,
    /// A part (tax, R&D spending, manufacturing revenue) at or above its whole (revenue).
    AboveWhole { whole: String, whole_value: f64 },
    /// A count with a fraction.
    NotWhole,
    /// A count below 0.
    Negative,
    /// About 10ⁿ off the park's own target or last year's figure (`against`).
    OffBy { against: &'static str, other: f64, power: i32, wan_for_yi: bool },
}

/// What the totals lack (`Problem::ScoreIncomplete`).
#[derive(Clone, Debug, PartialEq)]
pub struct Incomplete {
    pub parks: usize,
    pub partial: usize,
    /// The park lacking most (its name; empty with one park).
    pub park: String,
    pub items: u32,
    pub points: f64,
    pub no_value: u32,
    pub no_value_points: f64,
    /// Indicators with a value but no target (or base), and with no value (one park only).
    pub no_target_names: Vec<String>,
    pub no_value_names: Vec<String>,
    /// Whether any park lacks a target somewhere (a 年度目标 column would supply it).
    pub any_no_target: bool,
    /// The grade the scored part reaches (one park), or "".
    pub grade: String,
}

/// Why a value was read at another magnitude than written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MagnitudeWhy {
    /// 0.637 in a % indicator whose target or peers are 65, 71.5: 63.7 %.
    FractionForPercent,
    /// 1,482,032 in a 亿元 indicator with no unit stated: 万元, 148.2032 亿元.
    WanForYi,
}

/// How several tables share one paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrange {
    /// One under the other, blank rows between.
    Stacked,
    /// Side by side, a blank column between.
    SideBySide,
}

/// Why a table of several in one paste is not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockRefused {
    /// Neither its title nor a park column names its park.
    NoPark,
    /// It names a park an earlier table of the paste already gave.
    SamePark(String),
}

/// Why a column naming a scheme item is not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetAside {
    /// 完成率, 增速, 进度 …: the tool computes these itself.
    Computed,
    /// 本月, 3月: one month's figure, where the cumulative one is read.
    OneMonth,
    /// 上年全年, 2021年完成: last year's whole year, not its same period.
    LastYearFull,
    /// 1-10月累计 beside 1-11月累计: an earlier cumulative figure.
    EarlierPeriod,
    /// 一级指标 beside 二级指标: the names that group the indicators.
    Group,
    /// 2022年目标 in a 2023 table: another year's target is never this year's.
    OtherYearTarget,
}

/// What is wrong with a method's parameters (scheme validation).
#[derive(Clone, Debug, PartialEq)]
pub enum MethodFault {
    CompletionCap { cap: f64 },
    BenchmarkValue { value: f64 },
    EfficacyInvalid,
    EfficacyEqual,
    EfficacyDirection,
    TiersEmpty,
    TiersInvalid { weight: f64 },
    TiersDuplicate,
    TiersOrder,
    BaseShare,
    BaseStep,
    BaseBonus,
    DeductEmpty,
    DeductUnknownInput { input: String },
    DeductPer { input: String, per: f64 },
    /// 差额计分 with a step ≤ 0, negative points, a floor above w, or a benchmark missing.
    LinearInvalid,
    /// 排名计分 with negative points or a tier list out of order.
    RankInvalid,
}

/// Which pasted table a reader condition concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableOf {
    /// The parks' data (`read`).
    Data,
    /// A decomposition table (`split`).
    Split,
    /// A scheme pasted as a table (`scheme::from_table`).
    Scheme,
}

/// What a script passed where the facade (`src/wasm.rs`) takes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgGot {
    Undefined,
    Null,
    Number,
    Boolean,
    Object,
    Function,
    Other,
}

/// A row or a column of a pasted table: what a reader leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Row,
    Column,
}

/// Where a data cell's unit was stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitFrom {
    /// The row's cell in the 单位 column.
    UnitColumn,
    /// A bracket in the indicator's name cell: 技工贸总收入（亿元）.
    NameCell,
    /// The column header: 1-11月累计（万元）.
    Header,
    /// The value cell itself: 3.5亿元.
    Cell,
}

/// What a reader does with a unit label it does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitFallback {
    /// The row's values are not used (data).
    RowSkipped,
    /// The row is read in the whole's unit (decomposition tables).
    WholeUnit,
}

/// Why a scheme table's 计分方法 / 参数 cell could not be read (`scheme::parse_method`).
#[derive(Clone, Debug, PartialEq)]
pub enum MethodSyntax {
    /// A method name none of the known ones (the method cell).
    UnknownMethod { text: String },
    /// A parameter label the method does not take.
    UnknownParam { label: String },
    /// A 分档 segment not written as ≥下限:得分.
    Tier { segment: String },
    /// A 扣分 segment not written as 名称:每单位扣分.
    Deduct { segment: String },
    /// 标杆值 without its value.
    NoBenchmark,
}

/// Every problem the tool reports. `kind()` is the stable key, `message()` the wording.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    // ── numbers in cells ──
    /// A cell that could not be read as a number; `text` is the cell as written.
    BadNumber { text: String, fault: NumberFault },
    /// `0.5→1.37`: the value after the arrow is taken.
    ArrowTaken { text: String, value: f64 },
    /// `约500`, `500余万元`: an approximate figure, taken as written.
    Approximate { text: String, value: f64, unit: String },

    /// A value whose unit does not convert to the unit it is needed in
    /// (`item` names the indicator when there is one).
    UnitNotConvertible { item: Option<String>, from: String, to: String },
    /// Dollars where yuan are needed: never converted at a guessed rate.
    CurrencyNotConverted { item: String, from: String, to: String },

    // ── the grid ──
    UnclosedQuote,

    // ── the request ──
    BadRequest { detail: String },
    /// A correction of the reading (`read_overrides`, `shape`) that cannot be read: left out.
    ReadOverrideInvalid { what: String },
    /// A correction names a column (1-based) past the pasted table's last (`width` columns): left out.
    ReadOverrideNoColumn { col: usize, width: usize },
    /// `detail` names a park (1-based) past the pasted parks: no park is detailed.
    DetailUnknownPark { park: usize, parks: usize },
    /// A function of the wasm module called with another type where it takes
    /// text (`evaluateParts(123, 456)`): thrown to the script as an Error.
    ArgumentType { function: String, param: String, got: ArgGot },
    /// A paste (or split) past what the page can hold: refused before it is read.
    PasteTooLarge { rows: usize, bytes: usize, max_rows: usize, max_bytes: usize },
    /// Text holding replacement characters (lone surrogates replaced): read with them.
    ReplacedCharacters { count: usize },
    BadPeriod,
    ManyParks { parks: usize },
    /// A what-if names an item the scheme does not have.
    WhatIfUnknownItem { name: String },
    /// `what_if_park` names no pasted park; the what-if is applied to `used`.
    WhatIfUnknownPark { park: String, used: String },
    /// A what-if figure that is not a finite number, or neither value nor target.
    WhatIfBadValue { name: String },

    // ── loading a scheme ──
    SchemeEmpty,
    SchemeJson { detail: String, unknown_variant: bool },
    SchemeFormat { detail: String },
    SchemeFallback,

    // ── validating a scheme ──
    SchemeTotal { total: f64 },
    NoIndicators,
    DimensionDuplicate { name: String },
    DimensionWeight { name: String, weight: f64 },
    DimensionSum { name: String, sum: f64, weight: f64 },
    IndicatorSum { sum: f64, total: f64 },
    DimensionTotal { sum: f64, total: f64 },
    NamelessItem,
    NameShared { name: String, owner: String, other: String },
    NameDuplicate { name: String },
    InputUnit { input: String, unit: String },
    IndicatorDimension { indicator: String, dimension: String },
    IndicatorUnit { indicator: String, unit: String },
    IndicatorWeight { indicator: String, weight: f64 },
    MissingScore { indicator: String, score: f64 },
    Method { indicator: String, fault: MethodFault },
    FormulaSyntax { indicator: String, detail: String },
    FormulaUnknownName { indicator: String, name: String },
    FormulaSelf { indicator: String },
    FormulaUnits { indicator: String, detail: String },
    FormulaDimension { indicator: String, unit: String },
    FormulaCycle { names: Vec<String> },
    AdjustmentInput { name: String, input: String },
    AdjustmentParams { name: String },
    VetoInput { input: String },
    VetoThreshold { input: String },
    TotalCap { cap: f64 },
    GradeMin { grade: String },
    VetoGrade { grade: String },
    NoGrades,

    // ── scoring ──
    /// The total lacks indicators scored 缺数据: one problem for the report, first
    /// in 问题提示. `parks` pasted, `partial` of them with a partial total; the
    /// counts are those of the park lacking most (the only one, with one park).
    ScoreIncomplete(Box<Incomplete>),
    MinMaxNeedsPeers { indicator: String },
    DirectOutOfRange { park: String, indicator: String, value: f64, weight: f64 },

    // ── conditions any of the three table readers (data, split, scheme table) reports ──
    /// No header row found: the table is not read.
    NoHeader { table: TableOf },
    /// A unit label (in a 单位 column) the tool does not know.
    UnknownUnitLabel { text: String, fallback: UnitFallback },
    /// A row naming what an earlier row already gave; `first_row` is 1-based.
    DuplicateRow { name: String, first_row: Option<usize> },
    /// A column giving what an earlier column already gives; `first_col` is 1-based.
    DuplicateColumn { name: String, first_col: usize },
    /// A row with values but no indicator name: skipped.
    NoIndicatorName,

    // ── the data reader (`read`) ──
    /// More diagnostics than are listed; `more` were left out.
    MoreProblems { more: usize },
    /// Headers stating different months; read through `month`.
    PeriodMixed { months: Vec<u32>, month: u32 },
    /// The table's period differs from the one chosen, which is used.
    PeriodOverridden { table: Period, chosen: Period },
    /// A name (row or column header) matching no scheme item, with close names.
    Unmatched { text: String, suggestions: Vec<String>, line: Line },
    /// A header cell the reader does not know: the column is left out.
    UnknownHeader { text: String },
    /// A column heading a scheme item that is not an input: a figure the tool
    /// computes itself, or one month's figure where the cumulative one is read.
    ColumnSetAside { text: String, why: SetAside },
    /// A value 10² or 10⁴ off what its indicator can be, read the likely way.
    Magnitude { item: String, value: f64, read_as: f64, unit: String, why: MagnitudeWhy },
    /// A figure the field does not allow (a share above 100 %, tax above revenue …), read as written.
    Implausible { item: String, value: f64, unit: String, why: Implausible },
    /// A row whose label names its own period (上交税金（1-5月）) other than the table's.
    RowPeriod { label: String, year: Option<i32>, month: Option<u32>, period: Period },
    /// A 合计 or 平均 row of a park table that does not agree with the parks read.
    AggregateMismatch { row: String, item: String, shown: String, computed: f64, average: bool },
    /// The paste's own check value (完成率, 增减%) agrees with one reading of a
    /// figure a power of ten off and with nothing else: that reading is used.
    CheckReread { item: String, check: String, shown: String, which: CheckFigure, from: f64, to: f64, unit: String },
    /// The paste's own check value disagrees with the figures read (and with no
    /// single other reading); `alternatives` names the readings that would agree.
    CheckMismatch { item: String, check: String, shown: String, computed: f64, value: f64, other: f64, growth: bool, alternatives: Vec<String> },
    /// No 累计完成 column: the column `header` (the first of numbers) is read as it.
    ActualGuessed { header: String },
    /// No column of values at all.
    NoValueColumn,
    /// A table without a header, read by its shape.
    Headerless,
    /// The `index`-th (1-based) of `tables` tables in one paste, not read.
    TableNotRead { arrange: Arrange, tables: usize, index: usize, why: BlockRefused },
    /// A cell whose unit, stated in two places, disagrees: not used.
    UnitConflict { first: UnitFrom, first_unit: String, second: UnitFrom, second_unit: String, currency: bool },
    /// A value out of range once converted to the scheme's unit: not used.
    ConvertedOutOfRange,
    /// A 合计 row among the parks: not scored as a park.
    TotalRow { name: String },
    /// A park row without a name, given `name`.
    NoParkName { name: String },

    // ── decomposition tables (`split`) ──
    /// A header without a name or month column.
    NoKeyColumn,
    /// Neither title nor header names the indicator decomposed.
    IndicatorUnknown,
    /// A row without a part name: skipped.
    NoPartName,
    /// A 小计 row: not added to the parts' sum.
    /// A 其中 row in a split: a breakdown of the part above, neither a part nor added.
    Breakdown,
    Subtotal,
    /// The table's indicator is not in the scheme.
    IndicatorNotInScheme { name: String },
    /// The parks' data has no value for the indicator.
    NoWholeValue { indicator: String },
    /// More than one 合计 row: the first is used.
    ManyTotals,
    /// A row of a monthly table whose month is not recognised (`text` its name cell).
    UnknownMonth { text: String },
    /// Months of the period that the monthly table lacks.
    MonthsMissing { months: Vec<u32> },
    /// An actual figure for a month after the period's month: not added up.
    MonthAfterPeriod { month: u32, period_month: u32 },
    /// A rate indicator: parts (or months) are not summed.
    RateNotSummed { indicator: String, by_month: bool },

    // ── a scheme pasted as a table (`scheme::from_table`) ──
    /// A weight that is no number; `indicator` is `None` on the 合计 row.
    WeightNotNumber { indicator: Option<String>, text: String },
    NoMethod { indicator: String },
    MethodSyntax { indicator: String, fault: MethodSyntax },
    UnknownDirection { indicator: String, text: String },
    NoDimension { indicator: String },

    // ── official rules in prose (`rules`) ──
    /// A 评分标准 that was not understood: the indicator is kept as 待定.
    RulePending { indicator: String, why: String },
    /// How many indicators, worth how many points, are 待定 in the scheme.
    RulesPendingTotal { count: usize, points: f64 },
    /// A rule row (加分项, 一票否决, 等次) whose text was not understood; left out.
    RuleRowSkipped { item: String, why: String },

    // ── the request, field by field (`api::evaluate_json`) ──
    /// A request field of the wrong type (`settings.slight_pp` for a nested one):
    /// left out, the rest of the request evaluated.
    RequestFieldType { field: String, detail: String },
}

impl Problem {
    /// The stable key of this kind of problem, `area.condition`.
    pub fn kind(&self) -> &'static str {
        use Problem as P;
        match self {
            P::BadNumber { fault, .. } => match fault {
                NumberFault::NotFinite => "number.not_finite",
                NumberFault::SpreadsheetError => "number.spreadsheet_error",
                NumberFault::ArrowWithoutValue => "number.arrow_without_value",
                NumberFault::Range => "number.range",
                NumberFault::UnknownUnit(_) => "number.unknown_unit",
                NumberFault::DoubleMinus => "number.double_minus",
                NumberFault::BadThousands => "number.bad_thousands",
                NumberFault::OutOfRange => "number.out_of_range",
                NumberFault::NotANumber => "number.not_a_number",
            },
            P::ArrowTaken { .. } => "number.arrow_taken",
            P::Approximate { .. } => "number.approximate",
            P::UnitNotConvertible { .. } => "unit.not_convertible",
            P::CurrencyNotConverted { .. } => "unit.currency",
            P::UnclosedQuote => "grid.unclosed_quote",
            P::BadRequest { .. } => "request.unreadable",
            P::ReadOverrideInvalid { .. } => "request.read_override",
            P::ReadOverrideNoColumn { .. } => "request.read_override_column",
            P::DetailUnknownPark { .. } => "request.detail_park",
            P::ReplacedCharacters { .. } => "text.replaced_characters",
            P::ArgumentType { .. } => "api.argument_type",
            P::PasteTooLarge { .. } => "request.too_large",
            P::BadPeriod => "request.bad_period",
            P::ManyParks { .. } => "request.many_parks",
            P::WhatIfUnknownItem { .. } => "what_if.unknown_item",
            P::WhatIfUnknownPark { .. } => "what_if.unknown_park",
            P::WhatIfBadValue { .. } => "what_if.bad_value",
            P::SchemeEmpty => "scheme.empty",
            P::SchemeJson { .. } => "scheme.json",
            P::SchemeFormat { .. } => "scheme.format",
            P::SchemeFallback => "scheme.fallback",
            P::SchemeTotal { .. } => "scheme.total",
            P::NoIndicators => "scheme.no_indicators",
            P::DimensionDuplicate { .. } => "scheme.dimension_duplicate",
            P::DimensionWeight { .. } => "scheme.dimension_weight",
            P::DimensionSum { .. } => "scheme.dimension_sum",
            P::IndicatorSum { .. } => "scheme.indicator_sum",
            P::DimensionTotal { .. } => "scheme.dimension_total",
            P::NamelessItem => "scheme.nameless_item",
            P::NameShared { .. } => "scheme.name_shared",
            P::NameDuplicate { .. } => "scheme.name_duplicate",
            P::InputUnit { .. } => "scheme.input_unit",
            P::IndicatorDimension { .. } => "scheme.indicator_dimension",
            P::IndicatorUnit { .. } => "scheme.indicator_unit",
            P::IndicatorWeight { .. } => "scheme.indicator_weight",
            P::MissingScore { .. } => "scheme.missing_score",
            P::Method { .. } => "scheme.method_params",
            P::FormulaSyntax { .. } => "scheme.formula_syntax",
            P::FormulaUnknownName { .. } => "scheme.formula_unknown_name",
            P::FormulaSelf { .. } => "scheme.formula_self",
            P::FormulaUnits { .. } => "scheme.formula_units",
            P::FormulaDimension { .. } => "scheme.formula_dimension",
            P::FormulaCycle { .. } => "scheme.formula_cycle",
            P::AdjustmentInput { .. } => "scheme.adjustment_input",
            P::AdjustmentParams { .. } => "scheme.adjustment_params",
            P::VetoInput { .. } => "scheme.veto_input",
            P::VetoThreshold { .. } => "scheme.veto_threshold",
            P::TotalCap { .. } => "scheme.total_cap",
            P::GradeMin { .. } => "scheme.grade_min",
            P::VetoGrade { .. } => "scheme.veto_grade",
            P::NoGrades => "scheme.no_grades",
            P::ScoreIncomplete(_) => "score.incomplete",
            P::CheckReread { .. } => "check.reread",
            P::RowPeriod { .. } => "read.row_period",
            P::Implausible { .. } => "check.implausible",
            P::AggregateMismatch { .. } => "check.aggregate",
            P::CheckMismatch { .. } => "check.mismatch",
            P::MinMaxNeedsPeers { .. } => "score.minmax_needs_peers",
            P::DirectOutOfRange { .. } => "score.direct_out_of_range",
            P::NoHeader { .. } => "table.no_header",
            P::UnknownUnitLabel { .. } => "table.unknown_unit",
            P::DuplicateRow { .. } => "table.duplicate_row",
            P::DuplicateColumn { .. } => "table.duplicate_column",
            P::NoIndicatorName => "table.no_indicator_name",
            P::MoreProblems { .. } => "read.more_problems",
            P::PeriodMixed { .. } => "read.period_mixed",
            P::PeriodOverridden { .. } => "read.period_overridden",
            P::Unmatched { .. } => "read.unmatched",
            P::UnknownHeader { .. } => "read.unknown_header",
            P::ColumnSetAside { .. } => "read.column_set_aside",
            P::Magnitude { .. } => "read.magnitude",
            P::ActualGuessed { .. } => "read.actual_guessed",
            P::NoValueColumn => "read.no_value_column",
            P::Headerless => "read.headerless",
            P::TableNotRead { arrange: Arrange::Stacked, .. } => "read.stacked_tables",
            P::TableNotRead { arrange: Arrange::SideBySide, .. } => "read.side_by_side_tables",
            P::UnitConflict { .. } => "read.unit_conflict",
            P::ConvertedOutOfRange => "unit.out_of_range",
            P::TotalRow { .. } => "read.total_row",
            P::NoParkName { .. } => "read.no_park_name",
            P::NoKeyColumn => "split.no_key_column",
            P::IndicatorUnknown => "split.indicator_unknown",
            P::NoPartName => "split.no_part_name",
            P::Subtotal => "split.subtotal",
            P::Breakdown => "split.breakdown",
            P::IndicatorNotInScheme { .. } => "split.indicator_not_in_scheme",
            P::NoWholeValue { .. } => "split.no_whole_value",
            P::ManyTotals => "split.many_totals",
            P::UnknownMonth { .. } => "split.unknown_month",
            P::MonthsMissing { .. } => "split.months_missing",
            P::MonthAfterPeriod { .. } => "split.month_after_period",
            P::RateNotSummed { .. } => "split.rate_not_summed",
            P::WeightNotNumber { .. } => "scheme_table.weight_not_number",
            P::NoMethod { .. } => "scheme_table.no_method",
            P::MethodSyntax { fault, .. } => match fault {
                MethodSyntax::UnknownMethod { .. } => "scheme_table.unknown_method",
                MethodSyntax::UnknownParam { .. } => "scheme_table.unknown_param",
                MethodSyntax::Tier { .. } => "scheme_table.tier_syntax",
                MethodSyntax::Deduct { .. } => "scheme_table.deduct_syntax",
                MethodSyntax::NoBenchmark => "scheme_table.no_benchmark",
            },
            P::UnknownDirection { .. } => "scheme_table.unknown_direction",
            P::NoDimension { .. } => "scheme_table.no_dimension",
            P::RulePending { .. } => "rules.pending",
            P::RulesPendingTotal { .. } => "rules.pending_total",
            P::RuleRowSkipped { .. } => "rules.row_skipped",
            P::RequestFieldType { .. } => "request.field_type",
        }
    }

    /// The message in Chinese, as the user reads it.
    pub fn message(&self) -> String {
        use Problem as P;
        let n = fmt_num;
        match self {
            P::BadNumber { text, fault } => {
                let t = short(text);
                let why = match fault {
                    NumberFault::NotFinite => format!("“{t}”不是有限的数值（非数或无穷大）"),
                    NumberFault::SpreadsheetError => format!("“{t}”是表格公式的错误值，不是数字"),
                    NumberFault::ArrowWithoutValue => format!("“{t}”箭头后没有数值"),
                    NumberFault::Range => format!("“{t}”是一个区间，请只填一个数"),
                    NumberFault::UnknownUnit(u) => format!("“{t}”的单位“{}”无法识别", short(u)),
                    NumberFault::DoubleMinus => format!("“{t}”负号重复"),
                    NumberFault::BadThousands => format!("“{t}”中的逗号不像千分位分隔符，请核对"),
                    NumberFault::OutOfRange => format!("“{t}”超出可计算的数值范围"),
                    NumberFault::NotANumber => format!("无法识别为数字：“{t}”"),
                };
                format!("{why}，此值未采用")
            }
            P::ArrowTaken { text, value } => format!("“{}”含箭头，按箭头后的数值 {} 计", short(text), show(*value)),
            P::Approximate { text, value, unit } => format!("“{}”是约数，按 {}{unit} 计", short(text), show(*value)),
            P::UnitNotConvertible { item, from, to } => {
                let of = item.as_ref().map(|i| format!("“{i}”的")).unwrap_or_default();
                format!("{of}单位“{from}”无法换算为“{to}”，此值未采用")
            }
            P::CurrencyNotConverted { item, from, to } => {
                format!("“{item}”以“{from}”计，需要的单位是“{to}”：美元与人民币不自动换算，此值未采用，请换算为{to}后再粘贴")
            }
            P::UnclosedQuote => "引号未闭合：此单元格的引号按普通文字读取".into(),
            P::BadRequest { detail } => format!("请求格式有误：{detail}"),
            P::ReadOverrideInvalid { what } => format!("读取方式的更正“{}”无法识别，已忽略", short(what)),
            P::ReadOverrideNoColumn { col, width } => format!("读取方式的更正指定了第 {col} 列，但粘贴的表只有 {width} 列，此更正未采用"),
            P::DetailUnknownPark { park, parks } => format!("请求要看第 {park} 个园区的明细，但粘贴的数据只有 {parks} 个园区，未给出明细"),
            P::PasteTooLarge { rows, bytes, max_rows, max_bytes } => format!(
                "粘贴的内容有 {rows} 行、{} MB，超过本页一次能处理的 {max_rows} 行、{} MB，未计算：请分批粘贴（如按市州分开）",
                mb(*bytes),
                mb(*max_bytes)
            ),
            P::ArgumentType { function, param, got } => {
                let got = match got {
                    ArgGot::Undefined => "undefined（未给出）",
                    ArgGot::Null => "null",
                    ArgGot::Number => "数字",
                    ArgGot::Boolean => "true/false",
                    ArgGot::Object => "对象",
                    ArgGot::Function => "函数",
                    ArgGot::Other => "其他类型的值",
                };
                format!("{function} 的参数 {param} 应为文字（字符串），收到的是{got}，未计算")
            }
            P::ReplacedCharacters { count } => format!("有 {count} 个字符无法识别（复制时被截断的生僻字或表情符号），已替换为“\u{fffd}”后读取，请核对"),
            P::BadPeriod => "设定的统计期无效（年份 1900–2999，月份 1–12），已改为从表头或当前日期确定".into(),
            P::ManyParks { parks } => {
                format!("共 {parks} 个园区，为保持流畅只列出总分、分项得分和排名；选择某个园区可查看其计分明细")
            }
            P::WhatIfUnknownItem { name } => format!("模拟：方案中没有“{name}”这一项，此模拟值未采用"),
            P::WhatIfUnknownPark { park, used } => format!("模拟：粘贴的数据中没有园区“{park}”，模拟值用于“{used}”"),
            P::WhatIfBadValue { name } => format!("模拟：“{name}”的模拟值不是有效数字，此模拟值未采用"),
            P::SchemeEmpty => "方案为空：请粘贴方案表格或 JSON".into(),
            P::SchemeJson { detail, unknown_variant } => {
                let what = if *unknown_variant { "有无法识别的计分方法 type 或方向 direction：" } else { "" };
                format!("方案 JSON 无法读取：{what}{detail}")
            }
            P::SchemeFormat { detail } => format!("方案格式有误：{detail}"),
            P::SchemeFallback => "方案有误，本次按内置示例方案计算".into(),
            P::SchemeTotal { total } => format!("方案总分 {} 无效，应为正数", n(*total)),
            P::NoIndicators => "方案没有任何指标".into(),
            P::DimensionDuplicate { name } => format!("维度“{name}”重复"),
            P::DimensionWeight { name, weight } => format!("维度“{name}”的分值 {} 无效", n(*weight)),
            P::DimensionSum { name, sum, weight } => {
                format!("维度“{name}”的指标分值合计 {}，与维度分值 {} 不符", n(*sum), n(*weight))
            }
            P::IndicatorSum { sum, total } => format!("指标分值合计 {}，与方案总分 {} 不符", n(*sum), n(*total)),
            P::DimensionTotal { sum, total } => format!("维度分值合计 {}，与方案总分 {} 不符", n(*sum), n(*total)),
            P::NamelessItem => "有指标或基础数据没有名称".into(),
            P::NameShared { name, owner, other } => format!("名称“{name}”同时属于“{owner}”和“{other}”"),
            P::NameDuplicate { name } => format!("名称“{name}”重复"),
            P::InputUnit { input, unit } => format!("基础数据“{input}”的单位“{unit}”无法识别"),
            P::IndicatorDimension { indicator, dimension } => {
                format!("指标“{indicator}”的维度“{dimension}”不在方案的维度中")
            }
            P::IndicatorUnit { indicator, unit } => format!("指标“{indicator}”的单位“{unit}”无法识别"),
            P::IndicatorWeight { indicator, weight } => format!("指标“{indicator}”的分值 {} 无效", n(*weight)),
            P::MissingScore { indicator, score } => {
                format!("指标“{indicator}”的缺数据得分 {} 应在 0 到分值之间", n(*score))
            }
            P::Method { indicator, fault } => format!("指标“{indicator}”：{}", method_fault(fault)),
            P::FormulaSyntax { indicator, detail } => format!("指标“{indicator}”的公式有误：{detail}"),
            P::FormulaUnknownName { indicator, name } => {
                format!("指标“{indicator}”的公式引用了“{name}”，方案中没有这个指标或基础数据")
            }
            P::FormulaSelf { indicator } => format!("指标“{indicator}”的公式引用了自身"),
            P::FormulaUnits { indicator, detail } => format!("指标“{indicator}”：{detail}"),
            P::FormulaDimension { indicator, unit } => format!("指标“{indicator}”的公式结果与单位“{unit}”的量纲不符"),
            P::FormulaCycle { names } => format!("公式循环引用：{}", names.join("、")),
            P::AdjustmentInput { name, input } => format!("加减分项“{name}”引用的“{input}”不在方案中"),
            P::AdjustmentParams { name } => format!("加减分项“{name}”的每项分值或上限无效"),
            P::VetoInput { input } => format!("一票否决项引用的“{input}”不在方案中"),
            P::VetoThreshold { input } => format!("一票否决项“{input}”的阈值无效"),
            P::TotalCap { cap } => format!("总分上限 {} 无效", n(*cap)),
            P::GradeMin { grade } => format!("等次“{grade}”的分数线无效"),
            P::VetoGrade { grade } => format!("一票否决所限的等次“{grade}”不在等次表中"),
            P::NoGrades => "方案没有等次表，结果不评等次".into(),
            P::ScoreIncomplete(i) => incomplete_message(i),
            P::Implausible { item, value, unit, why } => {
                let v = show(*value);
                match why {
                    Implausible::ShareOver100 => format!("“{item}”为 {v}%，占比不能超过 100%：此值按原数读取，请核对"),
                    Implausible::AboveWhole { whole, whole_value } => format!(
                        "“{item}”为 {v}{unit}，不小于“{whole}”{}{unit}：部分不能大于总体，此值按原数读取，请核对",
                        show(*whole_value)
                    ),
                    Implausible::NotWhole => format!("“{item}”为 {v}，个数应为整数：此值按原数读取，请核对"),
                    Implausible::Negative => format!("“{item}”为 {v}，个数不能为负：此值按原数读取，请核对"),
                    Implausible::OffBy { against, other, power, wan_for_yi } => {
                        let likely = if *wan_for_yi { "，像是以万元填写的（应为亿元）" } else { "" };
                        format!(
                            "“{item}”为 {v}{unit}，与其{against} {}{unit} 相差约 10^{power} 倍{likely}：此值按原数读取，请核对单位",
                            show(*other)
                        )
                    }
                }
            }
            P::RowPeriod { label, year, month, period } => {
                let its = match (year, month) {
                    (Some(y), Some(m)) => format!("{y}年1-{m}月"),
                    (None, Some(m)) => format!("1-{m}月"),
                    (Some(y), None) => format!("{y}年"),
                    (None, None) => "另一期间".to_string(),
                };
                format!(
                    "“{}”写明是{its}的数，本表为 {}年1-{}月：此行按原数读取，其完成率与本表的序时进度不可比，请核对或换用本期的数",
                    short(label),
                    period.year,
                    period.month
                )
            }
            P::AggregateMismatch { row, item, shown, computed, average } => {
                let how = if *average { "各园区的平均" } else { "各园区之和" };
                format!("“{row}”行的“{item}”为 {shown}，读出的{how}为 {}，两者不符：请核对此行或各园区的数", fmt_num((computed * 10000.0).round() / 10000.0))
            }
            P::CheckReread { item, check, shown, which, from, to, unit } => {
                let ratio = to / from;
                let near = |x: f64| (ratio / x - 1.0).abs() < 1e-6;
                let why = if near(1e-4) && unit == "亿元" {
                    "原数应是以万元填写的".to_string()
                } else if near(1e2) && unit == "%" {
                    "原数应是小数写法的百分比".to_string()
                } else {
                    format!("两者相差 {} 倍", show(if ratio >= 1.0 { ratio } else { 1.0 / ratio }))
                };
                format!(
                    "“{item}”：读出的{} {} 与表内“{check}”{shown} 不符，{why}；按 {} {unit} 计则与之一致，已按此计，请核对",
                    which.label(),
                    show(*from),
                    show(*to)
                )
            }
            P::CheckMismatch { item, check, shown, computed, value, other, growth, alternatives } => {
                let other_label = if *growth { "上年同期" } else { "目标" };
                let mut s = format!(
                    "“{item}”：表内“{check}”为 {shown}，按读出的数值（本期 {}，{other_label} {}）算得 {}%，两者不符：请核对本行数据",
                    show(*value),
                    show(*other),
                    fmt_num((computed * 100.0).round() / 100.0)
                );
                if !alternatives.is_empty() {
                    s.push_str(&format!("（可能的读法：{}）", alternatives.join("；")));
                }
                s
            }
            P::MinMaxNeedsPeers { indicator } => {
                format!("指标“{indicator}”按极值法计分，需要两个以上园区的数据；现按满分计")
            }
            P::DirectOutOfRange { park, indicator, value, weight } => format!(
                "{park}：指标“{indicator}”的打分 {} 超出 0–{} 分，已按范围计",
                n(*value),
                n(*weight)
            ),
            P::NoHeader { table } => {
                let (what, need) = match table {
                    TableOf::Data => (
                        "数据表格",
                        "需要表头（如“指标名称 | 单位 | 1-11月累计”或“园区 | 技工贸总收入 …”）或与方案相符的指标名称",
                    ),
                    TableOf::Split => ("分解表", "需要 片区/责任单位/企业/部门 或 月份 列，以及 目标/计划 和 完成/实际 列"),
                    TableOf::Scheme => (
                        "方案表格",
                        "至少需要“指标”和“分值”两列（可选：维度、单位、方向、计分方法、参数、公式、别名），或粘贴方案 JSON",
                    ),
                };
                format!("{what}缺少表头，此表未读取：{need}")
            }
            P::UnknownUnitLabel { text, fallback } => {
                let then = match fallback {
                    UnitFallback::RowSkipped => "此行数值未采用",
                    UnitFallback::WholeUnit => "按整体的单位计",
                };
                format!("单位“{}”无法识别，{then}", short(text))
            }
            P::DuplicateRow { name, first_row } => {
                let at = first_row.map(|r| format!("第{r}行")).unwrap_or_else(|| "前面".into());
                format!("“{name}”重复出现，已按{at}读取，此行忽略")
            }
            P::DuplicateColumn { name, first_col } => format!("“{name}”与第{first_col}列重复，此列忽略"),
            P::NoIndicatorName => "此行没有指标名称，已跳过".into(),
            P::MoreProblems { more } => format!("另有 {more} 条问题未列出，请先改正上面的问题"),
            P::PeriodMixed { months, month } => {
                let list: Vec<String> = months.iter().map(|m| format!("{m}月")).collect();
                format!("表头中的期间不一致（{}），按 1-{month}月 读取", list.join("、"))
            }
            P::PeriodOverridden { table, chosen } => format!(
                "表格写的是 {}年1-{}月，已按所选期间 {}年1-{}月 计算",
                table.year, table.month, chosen.year, chosen.month
            ),
            P::Unmatched { text, suggestions, line } => {
                let what = match line {
                    Line::Row => "此行",
                    Line::Column => "此列",
                };
                let hint = if suggestions.is_empty() { String::new() } else { format!("；是否为：{}？", suggestions.join("、")) };
                format!("“{}”与方案中的指标都不匹配，{what}未采用{hint}", short(text))
            }
            P::UnknownHeader { text } => format!("表头“{}”未识别，此列已忽略", short(text)),
            P::Magnitude { item, value, read_as, unit, why } => {
                let like = match why {
                    MagnitudeWhy::FractionForPercent => "像是以小数填写的百分比（数量级差 100 倍）",
                    MagnitudeWhy::WanForYi => "远超园区可能的规模，像是以万元填写（数量级差 10000 倍）",
                };
                format!("“{item}”为 {}，{like}，已按 {}{unit} 计算，请核对", show(*value), show(*read_as))
            }
            P::ColumnSetAside { text, why } => {
                let why = match why {
                    SetAside::Computed => "是计算得出的数（完成率、增速等由本工具自行计算）",
                    SetAside::OneMonth => "是单月数，园区对比表只取累计数",
                    SetAside::LastYearFull => "是上年全年数，不能与本年累计相比（同比需上年同期数）",
                    SetAside::EarlierPeriod => "是较早期间的累计数，已按最新期间的累计数读取",
                    SetAside::Group => "是分组的名称（如一级指标），指标按另一名称列读取",
                    SetAside::OtherYearTarget => "是另一年份的目标，不是本表年份的目标（上一年的目标不能当作本年目标；需要时请另加本年的“年度目标”列）",
                };
                format!("“{}”{why}，此列未采用", short(text))
            }
            P::ActualGuessed { .. } => {
                "未找到“累计完成”列（如“1-11月累计”“本年累计”），已把此列当作累计完成值读取".into()
            }
            P::NoValueColumn => "未找到数值列：请保留表头（如“指标名称 | 单位 | 1-11月累计”）".into(),
            P::TableNotRead { arrange, tables, index, why } => {
                let how = match arrange {
                    Arrange::Stacked => "上下排列",
                    Arrange::SideBySide => "左右并排",
                };
                let why = match why {
                    BlockRefused::NoPark => "没有写明园区名称（标题或园区列中都没有），不知是哪个园区的数".to_string(),
                    BlockRefused::SamePark(p) => format!("又是“{}”的表，与前面的表重复", short(p)),
                };
                format!(
                    "粘贴内容中有 {tables} 张{how}的表，第{}张（从此处起）{why}，其数据未采用；请在每张表上方加上写明园区名称的标题，或分开粘贴",
                    chinese_ordinal(*index)
                )
            }
            P::Headerless => {
                "没有找到表头，已按第1列为指标名称、第一个数字列为累计完成值读取，请核对“读取方式”".into()
            }
            P::UnitConflict { first, first_unit, second, second_unit, currency } => {
                let verb = if *second == UnitFrom::Cell { "写" } else { "为" };
                let currency = if *currency { "（美元与人民币不自动换算）" } else { "" };
                format!(
                    "单位冲突：{}为“{first_unit}”，{}{verb}“{second_unit}”{currency}，此值未采用，请核对",
                    unit_from(*first),
                    unit_from(*second)
                )
            }
            P::ConvertedOutOfRange => "换算后数值超出范围，此值未采用".into(),
            P::TotalRow { name } => format!("“{name}”是合计行，不作为园区计分"),
            P::NoParkName { name } => format!("此行没有园区名称，暂称“{name}”"),
            P::NoKeyColumn => "分解表未找到名称列（片区/责任单位/企业/部门）或月份列".into(),
            P::IndicatorUnknown => {
                "未能从标题或表头看出分解的是哪个指标（可在标题或表头写明指标名称），只核对分项之间".into()
            }
            P::NoPartName => "此行没有名称，已跳过".into(),
            P::Subtotal => "小计行不计入分项合计".into(),
            P::Breakdown => "“其中”行是上一分项的细分，不作为分项，也不计入分项合计".into(),
            P::IndicatorNotInScheme { name } => format!("方案中没有指标“{name}”，只核对分项之间"),
            P::NoWholeValue { indicator } => format!("园区数据中没有“{indicator}”，只核对分项之间"),
            P::ManyTotals => "有多个合计行，只用第一行核对".into(),
            P::UnknownMonth { .. } => "无法识别的月份，此行已跳过".into(),
            P::MonthsMissing { months } => {
                let list: Vec<String> = months.iter().map(|m| format!("{m}月")).collect();
                format!("分月表缺少{}", list.join("、"))
            }
            P::MonthAfterPeriod { month, period_month } => {
                format!("{month}月已填实际数，但统计期为 {period_month} 月，未计入累计")
            }
            P::RateNotSummed { indicator, by_month } => {
                if *by_month {
                    format!("“{indicator}”是比率类指标，分月数不做加总核对")
                } else {
                    format!("“{indicator}”是比率类指标，分项不做加总核对，只比较各分项与其目标")
                }
            }
            P::WeightNotNumber { indicator, .. } => match indicator {
                Some(i) => format!("指标“{i}”的分值无法识别为数字"),
                None => "合计行的分值无法识别为数字".into(),
            },
            P::NoMethod { indicator } => format!("指标“{indicator}”没有计分方法"),
            P::MethodSyntax { indicator, fault } => format!("指标“{indicator}”：{}", method_syntax(fault)),
            P::UnknownDirection { indicator, text } => {
                format!("指标“{indicator}”的方向“{}”无法识别（正向/负向）", short(text))
            }
            P::NoDimension { indicator } => format!("指标“{indicator}”之前没有维度"),
            P::RulePending { indicator, why } => format!("指标“{indicator}”的评分标准未能读懂（{why}），按待定计：计为缺数据，请在方案中选定计分方法"),
            P::RulesPendingTotal { count, points } => format!("共 {count} 项指标、{} 分待定（评分标准未能读懂），总分中这部分按缺数据计", fmt_num(*points)),
            P::RuleRowSkipped { item, why } => format!("“{item}”的规则未能读懂（{why}），此行未采用"),
            P::RequestFieldType { field, detail } => {
                format!("请求中的“{field}”类型不符（{}），已忽略此项，其余照常计算", short(detail))
            }
        }
    }
}

fn method_fault(f: &MethodFault) -> String {
    let n = fmt_num;
    match f {
        MethodFault::CompletionCap { cap } => format!("完成率封顶 {} 应不小于 1", n(*cap)),
        MethodFault::BenchmarkValue { value } => format!("标杆值 {} 应大于 0", n(*value)),
        MethodFault::EfficacyInvalid => "功效系数的满意值或不允许值无效".into(),
        MethodFault::EfficacyEqual => "功效系数的满意值与不允许值相同".into(),
        MethodFault::EfficacyDirection => {
            "功效系数的满意值与不允许值方向与指标方向不一致（正向指标满意值应较大）".into()
        }
        MethodFault::TiersEmpty => "分档计分没有档次".into(),
        MethodFault::TiersInvalid { weight } => format!("分档的下限须为数字，得分须在 0 到 {} 之间", n(*weight)),
        MethodFault::TiersDuplicate => "分档有重复的下限".into(),
        MethodFault::TiersOrder => "分档得分与档次顺序不一致（较好的档次得分反而较低）".into(),
        MethodFault::BaseShare => "基期法的基准得分比例应在 0 到 1 之间".into(),
        MethodFault::BaseStep => "基期法的步长应大于 0、每档加分不小于 0".into(),
        MethodFault::BaseBonus => "基期法的加分上限比例应不小于 0".into(),
        MethodFault::DeductEmpty => "扣分法没有扣分项".into(),
        MethodFault::DeductUnknownInput { input } => format!("扣分项“{input}”不在方案的指标或基础数据中"),
        MethodFault::DeductPer { input, per } => format!("扣分项“{input}”每单位扣分 {} 应大于 0", n(*per)),
        MethodFault::LinearInvalid => "差额计分的步长应大于 0，加减分不小于 0，最低分不超过分值，对照标杆时须有标杆值".into(),
        MethodFault::RankInvalid => "排名计分的得分不能为负，名次档须按名次从前到后、得分不增".into(),
    }
}

fn method_syntax(f: &MethodSyntax) -> String {
    match f {
        MethodSyntax::UnknownMethod { text } => format!(
            "计分方法“{}”无法识别（可用：完成率、标杆值、功效系数、极值、分档、基期、增速对比、直接打分、扣分）",
            short(text)
        ),
        MethodSyntax::UnknownParam { label } => format!("参数“{}”无法识别", short(label)),
        MethodSyntax::Tier { segment } => format!("分档“{}”应写成 ≥下限:得分", short(segment)),
        MethodSyntax::Deduct { segment } => format!("扣分项“{}”应写成 名称:每单位扣分", short(segment)),
        MethodSyntax::NoBenchmark => "标杆值法缺少标杆值（参数写成 标杆值 70）".into(),
    }
}

/// Where a unit was stated, as the unit-conflict message names it.
fn unit_from(f: UnitFrom) -> &'static str {
    match f {
        UnitFrom::UnitColumn => "单位列",
        UnitFrom::NameCell => "指标名称",
        UnitFrom::Header => "表头",
        UnitFrom::Cell => "单元格",
    }
}

/// Cell text as quoted in a message: at most 30 characters.
/// Bytes as megabytes with one decimal (1 MB = 1,000,000 bytes, as a file manager counts).
fn mb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// Up to six names joined with 、, then 等 N 项.
fn names(list: &[String]) -> String {
    let mut s = list.iter().take(6).map(String::as_str).collect::<Vec<_>>().join("、");
    if list.len() > 6 {
        s.push_str(&format!("等 {} 项", list.len()));
    }
    s
}

/// The one line that says what the totals lack, and what would supply it.
fn incomplete_message(i: &Incomplete) -> String {
    let no_target = i.items.saturating_sub(i.no_value);
    let no_target_points = i.points - i.no_value_points;
    let list = |names_of: &[String]| if names_of.is_empty() { String::new() } else { format!("：{}", names(names_of)) };
    // One kind: said once; both: each with its count, points and names.
    let what = match (no_target, i.no_value) {
        (0, _) => format!("{} 项指标缺数据，共 {} 分未计入总分{}", i.items, fmt_num(i.points), list(&i.no_value_names)),
        (_, 0) => format!("{} 项指标缺年度目标，共 {} 分未计入总分{}", i.items, fmt_num(i.points), list(&i.no_target_names)),
        _ => format!(
            "{} 项指标未计分，共 {} 分未计入总分：{no_target} 项缺年度目标（共 {} 分{}），{} 项缺数据（共 {} 分{}）",
            i.items,
            fmt_num(i.points),
            fmt_num(no_target_points),
            list(&i.no_target_names),
            i.no_value,
            fmt_num(i.no_value_points),
            list(&i.no_value_names)
        ),
    };
    let mut s = if i.parks <= 1 {
        let grade = if i.grade.is_empty() { String::new() } else { format!("（已计分部分为{}）", i.grade) };
        format!("总分不完整：{what}。总分只是已计分部分，不定等级{grade}")
    } else {
        format!(
            "{} 个园区中有 {} 个总分不完整，缺得最多的是“{}”：{what}。这些园区的总分只是已计分部分，不定等级，排名仅供参考",
            i.parks, i.partial, i.park
        )
    };
    if i.any_no_target {
        s.push_str("。在粘贴的表中加一列“年度目标”（或“全年目标”），缺目标的指标即可计分");
    }
    if i.no_value > 0 {
        s.push_str("。缺数据的指标，在表中补上其数据（一行一项）即可计分");
    }
    s
}

fn short(text: &str) -> String {
    crate::diag::shorten(text, 30)
}

/// 1 → 一, 2 → 二 … (tables of one paste are few); beyond ten, the digits.
fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    D.get(n).map_or_else(|| n.to_string(), |d| (*d).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_quoting_style_and_stable_keys() {
        let all = [
            Problem::BadNumber { text: "12斤".into(), fault: NumberFault::UnknownUnit("斤".into()) },
            Problem::NameShared { name: "a".into(), owner: "b".into(), other: "c".into() },
            Problem::DirectOutOfRange { park: "甲".into(), indicator: "乙".into(), value: 12.0, weight: 10.0 },
            Problem::UnknownUnitLabel { text: "斤".into(), fallback: UnitFallback::WholeUnit },
            Problem::DuplicateRow { name: "甲".into(), first_row: None },
            Problem::MethodSyntax { indicator: "A".into(), fault: MethodSyntax::UnknownParam { label: "满分".into() } },
        ];
        for p in &all {
            let m = p.message();
            assert!(!m.contains('「') && !m.contains('」'), "{m}");
            assert!(p.kind().contains('.'));
        }
        assert_eq!(all[0].message(), "“12斤”的单位“斤”无法识别，此值未采用");
        assert_eq!(all[3].message(), "单位“斤”无法识别，按整体的单位计");
        assert_eq!(all[4].message(), "“甲”重复出现，已按前面读取，此行忽略");
        assert_eq!(all[5].kind(), "scheme_table.unknown_param");
    }
}

