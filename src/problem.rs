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

use crate::number::show;
use crate::scheme::fmt_num;

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
    BadPeriod,
    ManyParks { parks: usize },

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
    MinMaxNeedsPeers { indicator: String },
    DirectOutOfRange { park: String, indicator: String, value: f64, weight: f64 },

    // ── the table readers (data, split, scheme table) ──
    /// A reader's message not yet given a kind of its own: the one table layer
    /// (issue 12) turns these into kinds as it rewrites the three readers.
    Reader { message: String },
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
            P::BadPeriod => "request.bad_period",
            P::ManyParks { .. } => "request.many_parks",
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
            P::MinMaxNeedsPeers { .. } => "score.minmax_needs_peers",
            P::DirectOutOfRange { .. } => "score.direct_out_of_range",
            P::Reader { .. } => "read.text",
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
            P::BadPeriod => "设定的统计期无效（年份 1900–2999，月份 1–12），已改为从表头或当前日期确定".into(),
            P::ManyParks { parks } => {
                format!("共 {parks} 个园区，为保持流畅只列出总分、分项得分和排名；选择某个园区可查看其计分明细")
            }
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
            P::MinMaxNeedsPeers { indicator } => {
                format!("指标“{indicator}”按极值法计分，需要两个以上园区的数据；现按满分计")
            }
            P::DirectOutOfRange { park, indicator, value, weight } => format!(
                "{park}：指标“{indicator}”的打分 {} 超出 0–{} 分，已按范围计",
                n(*value),
                n(*weight)
            ),
            P::Reader { message } => message.clone(),
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
    }
}

/// Cell text as quoted in a message: at most 30 characters.
fn short(text: &str) -> String {
    crate::diag::shorten(text, 30)
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
        ];
        for p in &all {
            let m = p.message();
            assert!(!m.contains('「') && !m.contains('」'), "{m}");
            assert!(p.kind().contains('.'));
        }
        assert_eq!(all[0].message(), "“12斤”的单位“斤”无法识别，此值未采用");
    }
}
