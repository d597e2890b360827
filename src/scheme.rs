//! Evaluation schemes as data: dimensions, indicators, methods, adjustments, vetoes and grades.
//!
//! A scheme is loaded from JSON (the format the tool saves) or from a table
//! pasted from a document, then validated; an invalid scheme is refused with
//! diagnostics and the caller keeps the previous one.

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// The built-in scheme, a data file shipped in the repo.
pub const DEFAULT_SCHEME_JSON: &str = include_str!("../schemes/default.json");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    pub name: String,
    /// Shown under the scheme name, e.g. 内置示例方案 — 请按当年省级正式评价办法调整.
    #[serde(default)]
    pub note: String,
    /// The stated total of all indicator weights (100).
    #[serde(default = "hundred")]
    pub total: f64,
    pub dimensions: Vec<Dimension>,
    /// Raw data items that are not scored themselves but feed formulas,
    /// deductions, adjustments and vetoes (研究开发费用总额, 已开发面积 …).
    #[serde(default)]
    pub inputs: Vec<Input>,
    pub indicators: Vec<Indicator>,
    /// Bonuses and deductions applied after the sum.
    #[serde(default)]
    pub adjustments: Vec<AdjustmentRule>,
    /// The total is capped at this value after adjustments (100 by default).
    #[serde(default)]
    pub cap_total: Option<f64>,
    #[serde(default)]
    pub vetoes: Vec<Veto>,
    /// Grades by minimum total, any order; the highest matching one applies.
    #[serde(default)]
    pub grades: Vec<Grade>,
    /// The grade a veto forbids (优秀); the next grade down applies instead.
    #[serde(default)]
    pub veto_forbids: Option<String>,
}

fn hundred() -> f64 {
    100.0
}

fn one() -> f64 {
    1.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    /// A stable key (planning, innovation …) or, for pasted schemes, the name again.
    pub key: String,
    pub name: String,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub unit: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Positive,
    Negative,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The dimension's key.
    pub dimension: String,
    pub unit: String,
    pub weight: f64,
    #[serde(default)]
    pub direction: Direction,
    pub method: Method,
    /// For derived indicators: an expression over other items' names, e.g.
    /// "上交税金 / 已开发面积". The result is converted into `unit`.
    #[serde(default)]
    pub formula: Option<String>,
    /// The score given when the value or target is missing (flagged 缺数据).
    #[serde(default)]
    pub missing_score: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Method {
    /// 完成率: w × min(x / target, cap); negative: target / x.
    Completion {
        #[serde(default = "one")]
        cap: f64,
    },
    /// 标杆值: w × min(x / benchmark, 1); negative: benchmark / x.
    Benchmark { value: f64 },
    /// 功效系数: d = 60 + 40 (x − x_s) / (x_h − x_s), s = w × clamp(d, 0, 100) / 100.
    /// Either bound absent means "over the pasted parks" (best / worst).
    Efficacy {
        #[serde(default)]
        satisfactory: Option<f64>,
        #[serde(default)]
        unacceptable: Option<f64>,
    },
    /// 极值: w × (x − min) / (max − min) over the pasted parks.
    MinMax,
    /// 分档: the points of the highest tier whose `min` the basis reaches
    /// (for negative indicators: the lowest tier whose `max`… see `Tier`).
    Tiers {
        #[serde(default)]
        basis: TierBasis,
        tiers: Vec<Tier>,
    },
    /// 基期: matching last year earns `base_share` × w; each `step_pct` % of
    /// growth adds `step_points`; the bonus is capped at `bonus_share` × w.
    BasePeriod {
        #[serde(default = "base_share")]
        base_share: f64,
        #[serde(default = "step_pct")]
        step_pct: f64,
        #[serde(default = "one")]
        step_points: f64,
        #[serde(default = "bonus_share")]
        bonus_share: f64,
    },
    /// Rate vs target rate: full marks at or above, else w × rate / target, 0 if ≤ 0.
    RateVsTarget,
    /// 直接打分: the entered score, at most w.
    Direct,
    /// 扣分: w minus `per` for each unit of each named input, at least 0.
    Deduct { items: Vec<DeductItem> },
}

fn base_share() -> f64 {
    0.8
}
fn step_pct() -> f64 {
    5.0
}
fn bonus_share() -> f64 {
    0.5
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TierBasis {
    /// The completion rate in percent.
    #[default]
    Completion,
    /// The value itself.
    Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    /// Lower bound of the basis for this tier (inclusive).
    pub min: f64,
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeductItem {
    /// An input's name.
    pub input: String,
    /// Points deducted per unit of the input.
    pub per: f64,
}

/// A bonus (`per` > 0) or deduction (`per` < 0) after the sum, its magnitude capped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdjustmentRule {
    pub name: String,
    pub input: String,
    pub per: f64,
    pub cap: f64,
}

/// 一票否决: when `input` > `above`, the park cannot get `Scheme::veto_forbids`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Veto {
    pub input: String,
    #[serde(default)]
    pub above: f64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub min: f64,
    pub name: String,
}

/// A scheme as loaded, with what was wrong with it. `scheme` is `None` when the
/// input was refused; the diagnostics then say why.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub scheme: Option<Scheme>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a scheme from JSON or from a pasted table (detected by content), and
/// validates it. STUB: issue 4 implements table parsing and validation.
pub fn load(text: &str) -> Loaded {
    match serde_json::from_str::<Scheme>(text) {
        Ok(s) => Loaded { scheme: Some(s), diagnostics: Vec::new() },
        Err(e) => Loaded { scheme: None, diagnostics: vec![Diagnostic::error(crate::diag::Source::Scheme, format!("方案 JSON 无法读取：{e}"))] },
    }
}

/// The built-in scheme. The file is part of the build and tested, so it parses.
pub fn default_scheme() -> Scheme {
    load(DEFAULT_SCHEME_JSON).scheme.unwrap_or_else(|| Scheme {
        name: "（内置方案损坏）".into(),
        note: String::new(),
        total: 100.0,
        dimensions: Vec::new(),
        inputs: Vec::new(),
        indicators: Vec::new(),
        adjustments: Vec::new(),
        cap_total: None,
        vetoes: Vec::new(),
        grades: Vec::new(),
        veto_forbids: None,
    })
}

/// Checks a scheme: weights add up, methods and units are known, formula inputs
/// exist and have no cycle. STUB: issue 4.
pub fn validate(scheme: &Scheme) -> Vec<Diagnostic> {
    let _ = scheme;
    Vec::new()
}
