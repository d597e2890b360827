//! Evaluation schemes as data: dimensions, indicators, methods, adjustments, vetoes and grades.
//!
//! A scheme is loaded from JSON (the format the tool saves) or from a table
//! pasted from a document, then validated; an invalid scheme is refused with
//! diagnostics and the caller keeps the previous one.

use crate::diag::{Diagnostic, Level, Source};
use crate::diag::problem::{MethodFault, MethodSyntax, Problem, TableOf};
use crate::base::fmt::fmt_num;
use crate::base::text::ascii_num;
use crate::base::unit::Unit;
use crate::table::roles::{scheme_role, SchemeRole};
use crate::table::{self, vocab};
pub mod formula;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The built-in scheme, a data file shipped in the repo.
pub const DEFAULT_SCHEME_JSON: &str = include_str!("../../schemes/default.json");

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
    /// The year the scheme is for (a saved scheme is picked by name and year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The official rules as pasted (评分标准) and how each was read, kept with
    /// the scheme so the page can show them side by side (`rules::read_rule`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleNote>,
}

/// One 评分标准 as pasted beside the indicator (or adjustment, veto, grade row)
/// it was read into, with the read-back sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleNote {
    /// The indicator (or rule row) name.
    pub item: String,
    /// The rule text as pasted.
    pub text: String,
    /// 读作：… — how it was read, or why it was not.
    pub reading: String,
    /// False when the rule was not understood (the indicator is 待定).
    pub understood: bool,
    /// 1-based row and column of the rule's cell in the pasted table.
    #[serde(default)]
    pub row: Option<usize>,
    #[serde(default)]
    pub col: Option<usize>,
}

fn hundred() -> f64 {
    100.0
}

fn is_false(v: &bool) -> bool {
    !*v
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
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
        /// Completion (a fraction, 0.6 for 60%) below which the score is 0 (低于60%不得分).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        zero_below: Option<f64>,
        /// The lowest score (最低得1分), unless `zero_below` applies.
        #[serde(default, skip_serializing_if = "is_zero")]
        floor: f64,
    },
    /// 标杆值: w × min(x / benchmark, 1); negative: benchmark / x.
    Benchmark { value: f64 },
    /// 功效系数: d = 60 + 40 (x − x_s) / (x_h − x_s), s = w × clamp(d, 0, 100) / 100.
    /// Either bound absent means "over the pasted parks" (best / worst, swapped
    /// for negative indicators); fixed bounds are used as written. When the two
    /// bounds are equal every park gets full marks.
    Efficacy {
        #[serde(default)]
        satisfactory: Option<f64>,
        #[serde(default)]
        unacceptable: Option<f64>,
    },
    /// 极值: w × (x − min) / (max − min) over the pasted parks (negative:
    /// (max − x)); when all parks are equal (or only one is pasted) every park
    /// gets full marks, since none is worse than another.
    MinMax,
    /// 分档: the points of the highest tier whose `min` the basis reaches; none
    /// reached scores 0. The completion basis already reverses for negative
    /// indicators (target ÷ value); with the value basis and a negative
    /// indicator each tier's `min` reads as a ceiling instead: the tier with the
    /// lowest bound the value does not exceed applies.
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
    /// Rate vs target rate (目标增速 from the target column): full marks at or
    /// above, else w × rate / target, 0 if ≤ 0. Negative: full marks at or
    /// below the target rate.
    RateVsTarget,
    /// 直接打分: the entered score, at most w (negative: the entered figure is
    /// the points lost, w − x).
    Direct,
    /// 扣分: w minus `per` for each unit of each named input, at least 0. The
    /// direction does not apply: the inputs are always counts of bad events.
    Deduct { items: Vec<DeductItem> },
    /// 差额计分: `share` × w at the reference (the annual target, the average of
    /// the compared parks, or a fixed benchmark); each `step` short of it loses
    /// `minus` points, each `step` above earns `plus` (at most `plus_cap` points
    /// above the reference score; without a cap the score stops at w); never
    /// below `floor`. The gap is the completion shortfall in percentage points
    /// of the reference (`relative`) or the plain difference in the indicator's
    /// unit (`absolute`, percentage points for a % indicator).
    Linear {
        #[serde(default)]
        against: Against,
        #[serde(default)]
        benchmark: Option<f64>,
        #[serde(default)]
        gap: Gap,
        #[serde(default = "one")]
        step: f64,
        #[serde(default)]
        minus: f64,
        #[serde(default)]
        plus: f64,
        #[serde(default)]
        plus_cap: Option<f64>,
        #[serde(default = "one")]
        share: f64,
        #[serde(default)]
        floor: f64,
        /// With one park: the item carrying the average (a 全省平均 row).
        #[serde(default)]
        average_input: Option<String>,
        /// 不足1个百分点的按1个百分点计: a part of a step short counts as a whole step.
        #[serde(default, skip_serializing_if = "is_false")]
        whole_steps: bool,
    },
    /// 排名计分: the park's rank among the pasted parks by its value (ties share
    /// a rank). The first `top` ranks get `first` points (w when absent), each
    /// place below loses `step`, never below `floor`; or, with `tiers`, the
    /// points of the first tier whose `upto` the rank does not exceed (`floor`
    /// beyond the last). With one park the rank comes from `rank_input`.
    Rank {
        #[serde(default)]
        first: Option<f64>,
        #[serde(default)]
        step: f64,
        #[serde(default = "one_u32")]
        top: u32,
        #[serde(default)]
        tiers: Vec<RankTier>,
        #[serde(default)]
        floor: f64,
        #[serde(default)]
        rank_input: Option<String>,
    },
    /// 待定: a pasted rule that was not understood; scored as missing with the reason.
    Pending {
        #[serde(default)]
        why: String,
    },
}

fn one_u32() -> u32 {
    1
}

/// What a 差额计分 rule measures against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Against {
    /// The park's annual target.
    #[default]
    Target,
    /// The average of the compared parks (全省平均, 同类园区平均).
    Average,
    /// A fixed value (`benchmark`).
    Benchmark,
}

/// How a 差额计分 rule measures the gap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gap {
    /// x ÷ reference in percent, against 100 (完成率每低 1 个百分点).
    #[default]
    Relative,
    /// x − reference in the indicator's unit (每少 1 个, 每低 1 个百分点 of a rate).
    Absolute,
}

/// A tier of rank scoring: ranks up to `upto` (inclusive) score `points`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankTier {
    pub upto: u32,
    pub points: f64,
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
    /// Growth over last year in percent (x ÷ 上年 − 1) × 100.
    Growth,
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

/// What a veto does to the park.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoKind {
    /// 不得评为优秀, 取消评优资格: the grade `Scheme::veto_forbids` is out of reach.
    #[default]
    NotExcellent,
    /// 一票否决 of the total (总分计为0分): the total counts 0.
    Total,
    /// 定为不合格: the lowest grade, whatever the total.
    Fail,
}

fn is_not_excellent(k: &VetoKind) -> bool {
    *k == VetoKind::NotExcellent
}

/// 一票否决: when `input` > `above`, the park cannot get `Scheme::veto_forbids`
/// (or, by `kind`, its total counts 0, or it gets the lowest grade).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Veto {
    pub input: String,
    #[serde(default)]
    pub above: f64,
    pub reason: String,
    #[serde(default, skip_serializing_if = "is_not_excellent")]
    pub kind: VetoKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub min: f64,
    pub name: String,
}

/// Help text for the page: how a pasted scheme table and formulas are written.
pub const SCHEME_TABLE_HELP: &str = "\
方案表格：从文档复制，列为 维度 | 指标 | 单位 | 分值 | 方向 | 计分方法 | 参数（可选：公式、别名、缺数据得分、备注）。
表头可写作 一级指标/二级指标/权重/分数/正向负向/评分方法/计分办法/标杆值 等；维度列的空白表示同上；
维度分值可写在名称后，如 规划定位好(20)，或单列“维度分值”；“合计”行给出总分（默认 100）。
计分方法与参数：
  完成率  封顶 1.2（默认 1）
  标杆值  标杆值 70（按指标单位）
  功效系数  满意值 100 不允许值 60（不写则取所粘贴园区的最优/最差值）
  极值、增速对比、直接打分  无参数
  分档  ≥95:2;≥80:1.8（按完成率%；加“按数值”则按数值）
  基期  基准 80% 每增 5% 加 1 加分上限 50%
  扣分  一般生产安全事故:2;环保督察问题:1（每单位扣分）
  差额计分  对照:目标;按:完成率;每:1;扣:0.2;加:0.1;加分上限:1;最低:0（对照可为 目标/平均/标杆，标杆时加 标杆值:70；
    按 完成率 或 差值；基准:60% 为达到对照值时的得分比例；对照平均且只粘贴一个园区时，平均值数据:名称 给出全省平均）
  排名计分  第1名:6;前:10;每后移:0.5;最低:0，或 名次档:3=6/6=5（前 3 名 6 分，前 6 名 5 分）；排名数据:名称（只粘贴一个园区时的名次）
  待定  评分标准未能读懂的指标，计为缺数据
也可直接粘贴评价办法原表：一级指标 | 二级指标 | 分值 | 评分标准（评分标准为文字，如“完成年度目标得满分，每低1个百分点扣0.2分，扣完为止”），
  逐条读出计分方法，读法列在方案中供核对；读不懂的指标按待定计。
其他行：计分方法写 基础数据（公式或扣分所用的数据项）、加分/减分（参数 每项 1 上限 3）、
  一票否决（参数 大于 0，备注写原因）、等次（参数 优秀 90;良好 75;合格 60;不合格 0）。
公式：指标名 = 表达式，或单列“公式”；可用 + − × ÷ 和括号、数字、3%、其他指标或基础数据的名称，
  结果自动换算到本指标单位（如 亿元/亩 → 万元/亩，比值 → %）。缺数据或除数为零时记为 缺数据，不按 0 计。";

/// A scheme as loaded, with what was wrong with it. `scheme` is `None` when the
/// input was refused; the diagnostics then say why.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub scheme: Option<Scheme>,
    pub diagnostics: Vec<Diagnostic>,
    /// The official rules as pasted and how each was read, kept even when the
    /// scheme is refused (an official table's `Scheme::rules`).
    pub readings: Vec<RuleNote>,
}

impl Method {
    /// The method's Chinese label, as printed in the breakdown and the scheme table.
    pub fn label(&self) -> &'static str {
        match self {
            Method::Completion { .. } => "完成率",
            Method::Benchmark { .. } => "标杆值",
            Method::Efficacy { .. } => "功效系数",
            Method::MinMax => "极值",
            Method::Tiers { .. } => "分档",
            Method::BasePeriod { .. } => "基期",
            Method::RateVsTarget => "增速对比",
            Method::Direct => "直接打分",
            Method::Deduct { .. } => "扣分",
            Method::Linear { .. } => "差额计分",
            Method::Rank { .. } => "排名计分",
            Method::Pending { .. } => "待定",
        }
    }

    /// Whether the method needs the annual target column.
    pub fn needs_target(&self) -> bool {
        match self {
            Method::Completion { .. } | Method::RateVsTarget => true,
            Method::Linear { against, .. } => *against == Against::Target,
            Method::Tiers { basis, .. } => *basis == TierBasis::Completion,
            _ => false,
        }
    }
}

impl Scheme {
    /// A scheme with a name, a stated total of 100 and nothing else, for
    /// builders to fill in.
    pub fn empty(name: &str) -> Scheme {
        Scheme {
            name: name.to_string(),
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
            year: None,
            rules: Vec::new(),
        }
    }

    /// The canonical item name (an indicator's or an input's `name`) for a name
    /// or alias, compared after trimming.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let n = name.trim();
        let ind = self.indicators.iter().map(|i| (&i.name, &i.aliases));
        let inp = self.inputs.iter().map(|i| (&i.name, &i.aliases));
        ind.chain(inp).find(|(nm, al)| nm.trim() == n || al.iter().any(|a| a.trim() == n)).map(|(nm, _)| nm.as_str())
    }

    pub fn indicator(&self, name: &str) -> Option<&Indicator> {
        let c = self.canonical(name)?;
        self.indicators.iter().find(|i| i.name == c)
    }

    /// The unit of an item (by name or alias) as the scheme states it.
    pub fn item_unit(&self, name: &str) -> Option<Unit> {
        let c = self.canonical(name)?;
        let label = self
            .indicators
            .iter()
            .find(|i| i.name == c)
            .map(|i| &i.unit)
            .or_else(|| self.inputs.iter().find(|i| i.name == c).map(|i| &i.unit))?;
        Unit::parse(label)
    }
}

/// What `Scheme::canonical` and `Scheme::item_unit` find for a set of names,
/// looked up in one pass over every item's name and aliases, made once by the
/// checks that look up many names: each `canonical` call scans every alias, and
/// a scheme may carry 100,000. Only the names asked for are kept, so the pass
/// hashes each alias into a small table instead of building a table of all.
struct Names<'s> {
    canonical: HashMap<String, &'s str>,
    /// The unit label of a canonical name (an indicator's before an input's).
    unit: HashMap<&'s str, &'s str>,
    /// The first indicator of a canonical name.
    indicator: HashMap<&'s str, usize>,
}

impl<'s> Names<'s> {
    /// The names every formula of `s` reads, and its adjustments' and vetoes' inputs.
    fn wanted(s: &Scheme) -> std::collections::HashSet<String> {
        let formulas = s.indicators.iter().filter_map(|i| i.formula.as_deref().and_then(|f| formula::parse(f).ok())).flat_map(|e| e.inputs());
        let inputs = s.adjustments.iter().map(|a| a.input.clone()).chain(s.vetoes.iter().map(|v| v.input.clone()));
        formulas.chain(inputs).map(|n| n.trim().to_string()).collect()
    }

    fn new(s: &'s Scheme) -> Self {
        let wanted = Self::wanted(s);
        let mut n = Names { canonical: HashMap::with_capacity(wanted.len()), unit: HashMap::new(), indicator: HashMap::new() };
        let ind = s.indicators.iter().map(|i| (&i.name, &i.aliases, &i.unit));
        let inp = s.inputs.iter().map(|i| (&i.name, &i.aliases, &i.unit));
        for (name, aliases, unit) in ind.chain(inp) {
            for a in std::iter::once(name).chain(aliases.iter()) {
                let a = a.trim();
                if !n.canonical.contains_key(a) && wanted.contains(a) {
                    n.canonical.insert(a.to_string(), name.as_str());
                }
            }
            n.unit.entry(name.as_str()).or_insert(unit.as_str());
        }
        for (k, i) in s.indicators.iter().enumerate() {
            n.indicator.entry(i.name.as_str()).or_insert(k);
        }
        n
    }

    /// `Scheme::canonical` of a name `wanted` holds (`None` for any other).
    fn canonical(&self, name: &str) -> Option<&'s str> {
        self.canonical.get(name.trim()).copied()
    }

    fn item_unit(&self, name: &str) -> Option<Unit> {
        self.unit.get(self.canonical(name)?).and_then(|u| Unit::parse(u))
    }
}

/// Indices of the indicators with a parsable formula, in an order where every
/// formula comes after the formulas it reads (Kahn's algorithm, so no recursion),
/// and the names caught in a cycle.
pub fn formula_order(scheme: &Scheme) -> (Vec<usize>, Vec<String>) {
    let n = scheme.indicators.len();
    let names = Names::new(scheme);
    // For each indicator with a readable formula: its index and the indices of
    // the formula indicators it reads.
    let mut nodes: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, ind) in scheme.indicators.iter().enumerate() {
        let Some(expr) = ind.formula.as_deref().and_then(|f| formula::parse(f).ok()) else { continue };
        let mut deps = Vec::new();
        for name in expr.inputs() {
            let Some(c) = names.canonical(&name) else { continue };
            let Some(&j) = names.indicator.get(c) else { continue };
            if scheme.indicators.get(j).is_some_and(|x| x.formula.is_some()) && !deps.contains(&j) {
                deps.push(j);
            }
        }
        nodes.push((i, deps));
    }
    let mut has = vec![false; n];
    for (i, _) in &nodes {
        if let Some(h) = has.get_mut(*i) {
            *h = true;
        }
    }
    let mut done = vec![false; n];
    let mut order = Vec::new();
    loop {
        let flag = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
        let ready: Vec<usize> = nodes
            .iter()
            .filter(|(i, deps)| !flag(&done, *i) && deps.iter().all(|&j| flag(&done, j) || !flag(&has, j)))
            .map(|(i, _)| *i)
            .collect();
        if ready.is_empty() {
            break;
        }
        for i in ready {
            if let Some(d) = done.get_mut(i) {
                *d = true;
            }
            order.push(i);
        }
    }
    let cyclic = nodes
        .iter()
        .filter(|(i, _)| !done.get(*i).copied().unwrap_or(false))
        .filter_map(|(i, _)| scheme.indicators.get(*i).map(|x| x.name.clone()))
        .collect();
    (order, cyclic)
}

impl Loaded {
    /// A scheme as read, with its diagnostics: any error refuses it (`scheme:
    /// None`) so the caller keeps the previous one; warnings are kept alongside
    /// an accepted scheme. `read::scheme_text::load` reads any scheme text.
    pub fn checked(scheme: Option<Scheme>, diagnostics: Vec<Diagnostic>) -> Loaded {
        let refused = diagnostics.iter().any(|d| d.level == Level::Error);
        let readings = scheme.as_ref().map(|s| s.rules.clone()).unwrap_or_default();
        Loaded { scheme: if refused { None } else { scheme }, diagnostics, readings }
    }
}

/// Loads a scheme from JSON and validates it (the built-in scheme; pasted
/// scheme text goes through `read::scheme_text::load`).
pub fn load_json(text: &str) -> Loaded {
    let (scheme, diagnostics) = from_json(text);
    Loaded::checked(scheme, diagnostics)
}

/// A scheme from its JSON file format, validated.
pub fn from_json(text: &str) -> (Option<Scheme>, Vec<Diagnostic>) {
    match serde_json::from_str::<Scheme>(text) {
        Ok(s) => {
            let d = validate(&s);
            (Some(s), d)
        }
        Err(e) => {
            let detail = e.to_string();
            let unknown_variant = detail.contains("unknown variant");
            let mut d = Diagnostic::error(Source::Scheme, Problem::SchemeJson { detail, unknown_variant });
            if e.line() > 0 {
                d = d.at(e.line() - 1, e.column().saturating_sub(1));
            }
            (None, vec![d])
        }
    }
}

/// The built-in scheme. The file is part of the build and tested, so it parses.
pub fn default_scheme() -> Scheme {
    // Read and checked once per thread; every evaluation without a scheme of its
    // own takes a copy (reading it was 2 % of a province-wide evaluation).
    thread_local! {
        static DEFAULT: Scheme = load_json(DEFAULT_SCHEME_JSON).scheme.unwrap_or_else(|| Scheme::empty("（内置方案损坏）"));
    }
    DEFAULT.with(Scheme::clone)
}

/// Which part of an indicator a problem is in, so a pasted table can point at the cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Dimension,
    Unit,
    Weight,
    Params,
    Formula,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Nowhere,
    Dim(usize),
    Ind(usize, Field),
}

const EPS: f64 = 1e-6;

/// Checks a scheme: weights add up, methods, units and parameters are sane,
/// names are unique, formula inputs exist, agree in units and have no cycle.
pub fn validate(scheme: &Scheme) -> Vec<Diagnostic> {
    check(scheme).into_iter().map(|(_, d)| d).collect()
}

fn check(s: &Scheme) -> Vec<(At, Diagnostic)> {
    let mut out: Vec<(At, Diagnostic)> = Vec::new();
    let mut err = |at: At, p: Problem| out.push((at, Diagnostic::error(Source::Scheme, p)));

    if !(s.total.is_finite() && s.total > 0.0) {
        err(At::Nowhere, Problem::SchemeTotal { total: s.total });
    }
    if s.indicators.is_empty() {
        err(At::Nowhere, Problem::NoIndicators);
    }
    for (i, d) in s.dimensions.iter().enumerate() {
        if s.dimensions.iter().take(i).any(|o| o.key == d.key || o.name == d.name) {
            err(At::Dim(i), Problem::DimensionDuplicate { name: d.name.clone() });
        }
        if !(d.weight.is_finite() && d.weight >= 0.0) {
            err(At::Dim(i), Problem::DimensionWeight { name: d.name.clone(), weight: d.weight });
        }
        let sum: f64 = s.indicators.iter().filter(|x| x.dimension == d.key).map(|x| x.weight).sum();
        if (sum - d.weight).abs() > EPS && sum.is_finite() {
            err(At::Dim(i), Problem::DimensionSum { name: d.name.clone(), sum, weight: d.weight });
        }
    }
    let dim_sum: f64 = s.dimensions.iter().map(|d| d.weight).sum();
    let ind_sum: f64 = s.indicators.iter().map(|x| x.weight).sum();
    if !s.indicators.is_empty() && (ind_sum - s.total).abs() > EPS && ind_sum.is_finite() {
        err(At::Nowhere, Problem::IndicatorSum { sum: ind_sum, total: s.total });
    } else if !s.dimensions.is_empty() && (dim_sum - s.total).abs() > EPS && dim_sum.is_finite() {
        err(At::Nowhere, Problem::DimensionTotal { sum: dim_sum, total: s.total });
    }

    // Every name and alias must point at one item only, or data could not be matched.
    // By name, the item that claimed it first (a map: a scheme may carry 100,000 aliases).
    let mut seen: HashMap<&str, &String> = HashMap::with_capacity(s.indicators.iter().map(|i| 1 + i.aliases.len()).chain(s.inputs.iter().map(|i| 1 + i.aliases.len())).sum());
    let items = s.indicators.iter().map(|x| (&x.name, &x.aliases)).chain(s.inputs.iter().map(|x| (&x.name, &x.aliases)));
    for (k, (name, aliases)) in items.enumerate() {
        let at = if k < s.indicators.len() { At::Ind(k, Field::Name) } else { At::Nowhere };
        if name.trim().is_empty() {
            err(at, Problem::NamelessItem);
        }
        for n in std::iter::once(name).chain(aliases.iter()) {
            let n = n.trim();
            if n.is_empty() {
                continue;
            }
            match seen.get(n) {
                Some(&owner) if owner != name => err(at, Problem::NameShared { name: n.to_string(), owner: owner.clone(), other: name.clone() }),
                Some(_) if n != name => {}
                Some(_) => err(at, Problem::NameDuplicate { name: n.to_string() }),
                None => {
                    seen.insert(n, name);
                }
            }
        }
    }
    for inp in &s.inputs {
        if Unit::parse(&inp.unit).is_none() {
            err(At::Nowhere, Problem::InputUnit { input: inp.name.clone(), unit: inp.unit.clone() });
        }
    }

    let names = Names::new(s);
    let known = |name: &str| names.canonical(name).is_some();
    for (i, x) in s.indicators.iter().enumerate() {
        let tag = || x.name.clone();
        if !s.dimensions.iter().any(|d| d.key == x.dimension) {
            err(At::Ind(i, Field::Dimension), Problem::IndicatorDimension { indicator: tag(), dimension: x.dimension.clone() });
        }
        let unit = Unit::parse(&x.unit);
        if unit.is_none() {
            err(At::Ind(i, Field::Unit), Problem::IndicatorUnit { indicator: tag(), unit: x.unit.clone() });
        }
        if !(x.weight.is_finite() && x.weight >= 0.0) {
            err(At::Ind(i, Field::Weight), Problem::IndicatorWeight { indicator: tag(), weight: x.weight });
        }
        if !(x.missing_score.is_finite() && x.missing_score >= 0.0 && x.missing_score <= x.weight + EPS) {
            err(At::Ind(i, Field::Params), Problem::MissingScore { indicator: tag(), score: x.missing_score });
        }
        for fault in method_problems(s, x) {
            err(At::Ind(i, Field::Params), Problem::Method { indicator: tag(), fault });
        }
        if let Some(f) = &x.formula {
            match formula::parse(f) {
                Err(e) => err(At::Ind(i, Field::Formula), Problem::FormulaSyntax { indicator: tag(), detail: e.to_string() }),
                Ok(expr) => {
                    let mut ok = true;
                    for n in expr.inputs() {
                        if !known(&n) {
                            ok = false;
                            err(At::Ind(i, Field::Formula), Problem::FormulaUnknownName { indicator: tag(), name: n.clone() });
                        } else if names.canonical(&n) == Some(x.name.as_str()) {
                            ok = false;
                            err(At::Ind(i, Field::Formula), Problem::FormulaSelf { indicator: tag() });
                        }
                    }
                    if let (true, Some(u)) = (ok, &unit) {
                        match expr.dims(&|n| names.item_unit(n)) {
                            Err(m) => err(At::Ind(i, Field::Formula), Problem::FormulaUnits { indicator: tag(), detail: m }),
                            Ok(d) if d != u.dims => err(
                                At::Ind(i, Field::Formula),
                                Problem::FormulaDimension { indicator: tag(), unit: formula::unit_label(u).to_string() },
                            ),
                            Ok(_) => {}
                        }
                    }
                }
            }
        }
    }
    let (_, cyclic) = formula_order(s);
    if !cyclic.is_empty() {
        let at = s.indicators.iter().position(|x| cyclic.first() == Some(&x.name)).map(|i| At::Ind(i, Field::Formula)).unwrap_or(At::Nowhere);
        err(at, Problem::FormulaCycle { names: cyclic });
    }

    for a in &s.adjustments {
        if !known(&a.input) {
            err(At::Nowhere, Problem::AdjustmentInput { name: a.name.clone(), input: a.input.clone() });
        }
        if !(a.per.is_finite() && a.cap.is_finite() && a.cap >= 0.0) {
            err(At::Nowhere, Problem::AdjustmentParams { name: a.name.clone() });
        }
    }
    for v in &s.vetoes {
        if !known(&v.input) {
            err(At::Nowhere, Problem::VetoInput { input: v.input.clone() });
        }
        if !v.above.is_finite() {
            err(At::Nowhere, Problem::VetoThreshold { input: v.input.clone() });
        }
    }
    if let Some(c) = s.cap_total {
        if !(c.is_finite() && c > 0.0) {
            err(At::Nowhere, Problem::TotalCap { cap: c });
        }
    }
    for g in &s.grades {
        if !g.min.is_finite() {
            err(At::Nowhere, Problem::GradeMin { grade: g.name.clone() });
        }
    }
    if let Some(f) = &s.veto_forbids {
        if !s.grades.iter().any(|g| &g.name == f) {
            err(At::Nowhere, Problem::VetoGrade { grade: f.clone() });
        }
    }
    if s.grades.is_empty() {
        out.push((At::Nowhere, Diagnostic::warning(Source::Scheme, Problem::NoGrades)));
    }
    let (mut count, mut points) = (0, 0.0);
    for (i, x) in s.indicators.iter().enumerate() {
        if let Method::Pending { why } = &x.method {
            count += 1;
            points += x.weight;
            let p = Problem::RulePending { indicator: x.name.clone(), why: why.clone() };
            out.push((At::Ind(i, Field::Params), Diagnostic::warning(Source::Scheme, p)));
        }
    }
    if count > 0 {
        out.push((At::Nowhere, Diagnostic::warning(Source::Scheme, Problem::RulesPendingTotal { count, points })));
    }
    out
}

/// Sanity problems of an indicator's method parameters (the rule reader turns a
/// method with any into 待定 rather than have the whole scheme refused).
pub fn method_problems(s: &Scheme, x: &Indicator) -> Vec<MethodFault> {
    let fin = |v: f64| v.is_finite();
    let mut p = Vec::new();
    match &x.method {
        Method::Completion { cap, zero_below, floor } => {
            if !(fin(*cap) && *cap >= 1.0) {
                p.push(MethodFault::CompletionCap { cap: *cap });
            }
            // A threshold or a floor past what the cap allows is no rule: as a cap fault.
            if zero_below.is_some_and(|z| !(fin(z) && (0.0..=*cap).contains(&z))) || !(fin(*floor) && *floor >= 0.0 && *floor <= x.weight) {
                p.push(MethodFault::CompletionCap { cap: *cap });
            }
        }
        Method::Benchmark { value } => {
            if !(fin(*value) && *value > 0.0) {
                p.push(MethodFault::BenchmarkValue { value: *value });
            }
        }
        Method::Efficacy { satisfactory, unacceptable } => {
            if satisfactory.is_some_and(|v| !fin(v)) || unacceptable.is_some_and(|v| !fin(v)) {
                p.push(MethodFault::EfficacyInvalid);
            }
            if let (Some(h), Some(l)) = (satisfactory, unacceptable) {
                if h == l {
                    p.push(MethodFault::EfficacyEqual);
                } else if (h > l) != (x.direction == Direction::Positive) {
                    p.push(MethodFault::EfficacyDirection);
                }
            }
        }
        Method::MinMax | Method::RateVsTarget | Method::Direct => {}
        Method::Tiers { basis, tiers } => {
            if tiers.is_empty() {
                p.push(MethodFault::TiersEmpty);
            }
            let mut sorted: Vec<&Tier> = tiers.iter().collect();
            sorted.sort_by(|a, b| a.min.total_cmp(&b.min));
            if tiers.iter().any(|t| !fin(t.min) || !fin(t.points) || t.points < 0.0 || t.points > x.weight + EPS) {
                p.push(MethodFault::TiersInvalid { weight: x.weight });
            }
            if sorted.windows(2).any(|w| w.first().map(|a| a.min) == w.get(1).map(|b| b.min)) {
                p.push(MethodFault::TiersDuplicate);
            }
            // A better result must never earn fewer points: points rise with the
            // bound, except for negative value-based tiers where a lower value is better.
            let falling = *basis == TierBasis::Value && x.direction == Direction::Negative;
            let bad = sorted.windows(2).any(|w| match (w.first(), w.get(1)) {
                (Some(a), Some(b)) => (!falling && b.points < a.points) || (falling && b.points > a.points),
                _ => false,
            });
            if bad {
                p.push(MethodFault::TiersOrder);
            }
        }
        Method::BasePeriod { base_share, step_pct, step_points, bonus_share } => {
            if !(fin(*base_share) && (0.0..=1.0).contains(base_share)) {
                p.push(MethodFault::BaseShare);
            }
            if !(fin(*step_pct) && *step_pct > 0.0 && fin(*step_points) && *step_points >= 0.0) {
                p.push(MethodFault::BaseStep);
            }
            if !(fin(*bonus_share) && *bonus_share >= 0.0) {
                p.push(MethodFault::BaseBonus);
            }
        }
        Method::Linear { against, benchmark, step, minus, plus, plus_cap, share, floor, .. } => {
            let ok = fin(*step)
                && *step > 0.0
                && fin(*minus)
                && *minus >= 0.0
                && fin(*plus)
                && *plus >= 0.0
                && plus_cap.is_none_or(|c| fin(c) && c >= 0.0)
                && fin(*share)
                && (0.0..=2.0).contains(share)
                && fin(*floor)
                && *floor >= 0.0
                && *floor <= x.weight + EPS
                && (*against != Against::Benchmark || benchmark.is_some_and(fin));
            if !ok {
                p.push(MethodFault::LinearInvalid);
            }
        }
        Method::Rank { first, step, tiers, floor, .. } => {
            let pts_ok = |v: f64| fin(v) && v >= 0.0;
            let ordered = tiers.windows(2).all(|w| match (w.first(), w.get(1)) {
                (Some(a), Some(b)) => a.upto < b.upto && a.points >= b.points,
                _ => true,
            });
            if !(first.is_none_or(pts_ok) && pts_ok(*step) && pts_ok(*floor) && tiers.iter().all(|t| pts_ok(t.points)) && ordered) {
                p.push(MethodFault::RankInvalid);
            }
        }
        Method::Pending { .. } => {}
        Method::Deduct { items } => {
            if items.is_empty() {
                p.push(MethodFault::DeductEmpty);
            }
            for it in items {
                if s.canonical(&it.input).is_none() {
                    p.push(MethodFault::DeductUnknownInput { input: it.input.clone() });
                }
                if !(fin(it.per) && it.per > 0.0) {
                    p.push(MethodFault::DeductPer { input: it.input.clone(), per: it.per });
                }
            }
        }
    }
    p
}

// ---------------------------------------------------------------------------
// Pasted scheme tables
// ---------------------------------------------------------------------------

/// What a row of a pasted table declares, from its 计分方法 cell.
enum RowKind {
    Indicator(String),
    Input,
    Bonus(f64),
    Veto,
    Grades,
}

fn row_kind(method: &str) -> RowKind {
    let m = method.trim();
    if ["基础数据", "不计分", "数据项", "输入", "input"].iter().any(|k| m.contains(k)) {
        RowKind::Input
    } else if m.contains("加分") && !m.contains("直接") && !m.contains("基期") {
        RowKind::Bonus(1.0)
    } else if m.contains("减分") || m.contains("扣减") {
        RowKind::Bonus(-1.0)
    } else if m.contains("否决") {
        RowKind::Veto
    } else if m.contains("等次") || m.contains("等级") {
        RowKind::Grades
    } else {
        RowKind::Indicator(m.to_string())
    }
}

/// (label, value, written as percent) pairs of a parameter cell such as
/// "满意值 100 不允许值 60" or "封顶120%": each number with the text before it.
fn pairs(text: &str) -> Vec<(String, f64, bool)> {
    let chars: Vec<char> = ascii_num(text).chars().collect();
    let mut out = Vec::new();
    let mut label = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        // A minus is a sign unless it follows a Latin word (A-5 is a label).
        let sign = c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) && label.trim_end().chars().last().is_none_or(|l| !l.is_ascii_alphanumeric());
        if c.is_ascii_digit() || sign {
            let start = i;
            i += 1;
            while chars.get(i).is_some_and(|d| d.is_ascii_digit() || *d == '.') {
                i += 1;
            }
            let t: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
            let pct = chars.get(i) == Some(&'%');
            if pct {
                i += 1;
            }
            if let Ok(v) = t.parse::<f64>() {
                // The label is the last word before the number: "标杆值法（标杆值70）" → 标杆值.
                let sep = |c: char| c.is_whitespace() || ",，;；、(（)）".contains(c);
                let l = label.trim_end_matches(|c: char| sep(c) || ":：=＝".contains(c));
                let l = l.rsplit(sep).next().unwrap_or("").to_string();
                out.push((l, v, pct));
            }
            label.clear();
        } else {
            label.push(c);
            i += 1;
        }
    }
    out
}

pub(crate) fn num_of(text: &str) -> Option<f64> {
    let t = ascii_num(text);
    let t = t.trim().trim_end_matches("以上").trim_end_matches('分').trim_end_matches('%').trim();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '；', ',', '，', '、', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

/// Reads a method and its parameters. The grammar (also in the page's help):
///
/// - 完成率: `封顶 1.2` (or `cap 1.2`, `封顶120%`, or a bare number); default 1.
/// - 标杆值: `标杆值 70` (or a bare number), in the indicator's unit.
/// - 功效系数: `满意值 100 不允许值 60`; leave either out to use the best / worst
///   of the pasted parks.
/// - 极值, 增速对比, 直接打分: no parameters.
/// - 分档: `≥95:2;≥80:1.8` — the basis is the completion rate in % unless the
///   cell also says `按数值`.
/// - 基期: `基准 80% 每增 5% 加 1 加分上限 50%` (these are the defaults).
/// - 扣分: `一般生产安全事故:2;环保督察问题:1` — points per unit of each item.
fn parse_method(method: &str, params: &str) -> Result<Method, MethodSyntax> {
    let m = method.trim().to_lowercase();
    let has = |k: &str| m.contains(k);
    // Parameters may also sit in the method cell itself: 完成率（封顶120%）.
    let kv = pairs(if params.trim().is_empty() { method } else { params });
    let pick = |keys: &[&str]| kv.iter().find(|(l, _, _)| keys.iter().any(|k| l.eq_ignore_ascii_case(k)));
    let unknown = |known: &[&str]| -> Result<(), MethodSyntax> {
        match kv.iter().find(|(l, _, _)| !l.is_empty() && !known.iter().any(|k| l.eq_ignore_ascii_case(k))) {
            Some((l, _, _)) => Err(MethodSyntax::UnknownParam { label: l.clone() }),
            None => Ok(()),
        }
    };
    let bare = kv.iter().find(|(l, _, _)| l.is_empty()).map(|(_, v, _)| *v);
    if has("差额") {
        return parse_linear(params);
    }
    if has("排名计分") || has("名次") {
        return parse_rank(params);
    }
    if has("待定") {
        return Ok(Method::Pending { why: params.trim().to_string() });
    }
    if has("分档") || has("档次") || has("tier") {
        let mut basis = TierBasis::Completion;
        let mut tiers = Vec::new();
        for seg in segments(params) {
            if seg.contains("数值") || seg.eq_ignore_ascii_case("value") {
                basis = TierBasis::Value;
                continue;
            }
            if seg.contains("增长") || seg.eq_ignore_ascii_case("growth") {
                basis = TierBasis::Growth;
                continue;
            }
            if seg.contains("完成率") {
                continue;
            }
            let body = seg.trim_start_matches(['≥', '>', '=', '＞', '＝', '大', '于', '等', ' ']);
            let mut parts = body.splitn(2, [':', '：', '→', '得']);
            let (Some(a), Some(b)) = (parts.next().and_then(num_of), parts.next().and_then(num_of)) else {
                return Err(MethodSyntax::Tier { segment: seg.to_string() });
            };
            tiers.push(Tier { min: a, points: b });
        }
        return Ok(Method::Tiers { basis, tiers });
    }
    if has("扣分") || has("deduct") {
        let mut items = Vec::new();
        for seg in segments(params) {
            let name: String = seg.chars().take_while(|c| !matches!(c, ':' | '：' | '每' | ' ' | '=')).collect();
            let per = pairs(seg).last().map(|p| p.1);
            match (name.trim(), per) {
                ("", _) | (_, None) => return Err(MethodSyntax::Deduct { segment: seg.to_string() }),
                (n, Some(p)) => items.push(DeductItem { input: n.to_string(), per: p }),
            }
        }
        return Ok(Method::Deduct { items });
    }
    if has("功效") || has("efficacy") {
        unknown(&["满意值", "满意", "satisfactory", "不允许值", "不允许", "unacceptable"])?;
        let satisfactory = pick(&["满意值", "满意", "satisfactory"]).map(|p| p.1);
        let unacceptable = pick(&["不允许值", "不允许", "unacceptable"]).map(|p| p.1);
        return Ok(Method::Efficacy { satisfactory, unacceptable });
    }
    if has("极值") || has("最大最小") || has("min_max") || has("minmax") {
        return Ok(Method::MinMax);
    }
    if has("基期") || has("base") {
        let keys = ["基准", "基准得分", "每增", "步长", "加", "每档加", "加分上限", "上限"];
        unknown(&keys)?;
        let share = |p: &(String, f64, bool)| if p.2 || p.1 > 1.0 { p.1 / 100.0 } else { p.1 };
        return Ok(Method::BasePeriod {
            base_share: pick(&["基准", "基准得分"]).map(share).unwrap_or(0.8),
            step_pct: pick(&["每增", "步长"]).map(|p| p.1).unwrap_or(5.0),
            step_points: pick(&["加", "每档加"]).map(|p| p.1).unwrap_or(1.0),
            bonus_share: pick(&["加分上限", "上限"]).map(share).unwrap_or(0.5),
        });
    }
    if has("增速") || has("rate") {
        return Ok(Method::RateVsTarget);
    }
    if has("标杆") || has("benchmark") {
        unknown(&["标杆值", "标杆", "benchmark", "基准值"])?;
        return match pick(&["标杆值", "标杆", "benchmark", "基准值"]).map(|p| p.1).or(bare) {
            Some(value) => Ok(Method::Benchmark { value }),
            None => Err(MethodSyntax::NoBenchmark),
        };
    }
    if has("完成率") || has("completion") {
        unknown(&["封顶", "上限", "cap", "最高", "低于", "不得分", "最低"])?;
        let cap = pick(&["封顶", "上限", "cap", "最高"]).map(|p| if p.2 { p.1 / 100.0 } else { p.1 }).or(bare).unwrap_or(1.0);
        let zero_below = pick(&["低于", "不得分"]).map(|p| if p.2 { p.1 / 100.0 } else { p.1 });
        let floor = pick(&["最低"]).map(|p| p.1).unwrap_or(0.0);
        return Ok(Method::Completion { cap, zero_below, floor });
    }
    if has("直接") || has("打分") || has("评分") || has("direct") {
        return Ok(Method::Direct);
    }
    Err(MethodSyntax::UnknownMethod { text: method.trim().to_string() })
}

/// The parameter cell for a method, in the grammar `parse_method` reads.
pub fn method_params(m: &Method) -> String {
    let n = fmt_num;
    match m {
        Method::Completion { cap, zero_below, floor } => {
            let mut s = format!("封顶 {}", n(*cap));
            if let Some(z) = zero_below {
                s.push_str(&format!("；低于 {}%", n(z * 100.0)));
            }
            if *floor != 0.0 {
                s.push_str(&format!("；最低 {}", n(*floor)));
            }
            s
        }
        Method::Benchmark { value } => format!("标杆值 {}", n(*value)),
        Method::Efficacy { satisfactory, unacceptable } => {
            let mut parts = Vec::new();
            if let Some(h) = satisfactory {
                parts.push(format!("满意值 {}", n(*h)));
            }
            if let Some(l) = unacceptable {
                parts.push(format!("不允许值 {}", n(*l)));
            }
            parts.join(" ")
        }
        Method::Tiers { basis, tiers } => {
            let mut parts: Vec<String> = tiers.iter().map(|t| format!("≥{}:{}", n(t.min), n(t.points))).collect();
            if *basis == TierBasis::Value {
                parts.insert(0, "按数值".into());
            }
            if *basis == TierBasis::Growth {
                parts.insert(0, "按增长".into());
            }
            parts.join(";")
        }
        Method::BasePeriod { base_share, step_pct, step_points, bonus_share } => format!(
            "基准 {}% 每增 {}% 加 {} 加分上限 {}%",
            n(base_share * 100.0),
            n(*step_pct),
            n(*step_points),
            n(bonus_share * 100.0)
        ),
        Method::Deduct { items } => items.iter().map(|i| format!("{}:{}", i.input, n(i.per))).collect::<Vec<_>>().join(";"),
        Method::Linear { against, benchmark, gap, step, minus, plus, plus_cap, share, floor, average_input, whole_steps } => {
            let mut parts = vec![format!(
                "对照:{}",
                match against {
                    Against::Target => "目标",
                    Against::Average => "平均",
                    Against::Benchmark => "标杆",
                }
            )];
            if let Some(b) = benchmark {
                parts.push(format!("标杆值:{}", n(*b)));
            }
            parts.push(format!("按:{}", if *gap == Gap::Relative { "完成率" } else { "差值" }));
            parts.push(format!("每:{}", n(*step)));
            if *minus != 0.0 {
                parts.push(format!("扣:{}", n(*minus)));
            }
            if *plus != 0.0 {
                parts.push(format!("加:{}", n(*plus)));
            }
            if *whole_steps {
                parts.push("不足一步:按一步".to_string());
            }
            if let Some(c) = plus_cap {
                parts.push(format!("加分上限:{}", n(*c)));
            }
            if *share != 1.0 {
                parts.push(format!("基准:{}%", n(share * 100.0)));
            }
            if *floor != 0.0 {
                parts.push(format!("最低:{}", n(*floor)));
            }
            if let Some(i) = average_input {
                parts.push(format!("平均值数据:{i}"));
            }
            parts.join(";")
        }
        Method::Rank { first, step, top, tiers, floor, rank_input } => {
            let mut parts = Vec::new();
            if let Some(f) = first {
                parts.push(format!("第1名:{}", n(*f)));
            }
            if *top > 1 {
                parts.push(format!("前:{top}"));
            }
            if *step != 0.0 {
                parts.push(format!("每后移:{}", n(*step)));
            }
            if !tiers.is_empty() {
                parts.push(format!("名次档:{}", tiers.iter().map(|t| format!("{}={}", t.upto, n(t.points))).collect::<Vec<_>>().join("/")));
            }
            if *floor != 0.0 {
                parts.push(format!("最低:{}", n(*floor)));
            }
            if let Some(i) = rank_input {
                parts.push(format!("排名数据:{i}"));
            }
            parts.join(";")
        }
        Method::Pending { why } => why.replace([';', '；'], "，"),
        Method::MinMax | Method::RateVsTarget | Method::Direct => String::new(),
    }
}

/// `key:value` segments of a 差额计分 / 排名计分 parameter cell, split at ; only
/// (names may hold other punctuation).
fn key_values(params: &str) -> Vec<(String, String)> {
    params
        .split([';', '；'])
        .filter_map(|seg| {
            let (k, v) = seg.split_once([':', '：'])?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

fn parse_linear(params: &str) -> Result<Method, MethodSyntax> {
    let mut m = Method::Linear {
        against: Against::Target,
        benchmark: None,
        gap: Gap::Relative,
        step: 1.0,
        minus: 0.0,
        plus: 0.0,
        plus_cap: None,
        share: 1.0,
        floor: 0.0,
        average_input: None,
        whole_steps: false,
    };
    let Method::Linear { against, benchmark, gap, step, minus, plus, plus_cap, share, floor, average_input, whole_steps } = &mut m else { return Ok(m) };
    for (k, v) in key_values(params) {
        let num = || num_of(&v).ok_or_else(|| MethodSyntax::UnknownParam { label: format!("{k}:{v}") });
        match k.as_str() {
            "对照" => {
                *against = match v.as_str() {
                    "目标" => Against::Target,
                    "平均" => Against::Average,
                    "标杆" => Against::Benchmark,
                    _ => return Err(MethodSyntax::UnknownParam { label: format!("{k}:{v}") }),
                }
            }
            "标杆值" => *benchmark = Some(num()?),
            "按" => *gap = if v.contains("完成率") { Gap::Relative } else { Gap::Absolute },
            "每" => *step = num()?,
            "扣" => *minus = num()?,
            "加" => *plus = num()?,
            "加分上限" => *plus_cap = Some(num()?),
            "基准" => *share = num()? / if v.contains(['%', '％']) { 100.0 } else { 1.0 },
            "最低" => *floor = num()?,
            "平均值数据" => *average_input = Some(v.clone()).filter(|s| !s.is_empty()),
            "不足一步" => *whole_steps = v.contains("一步") || v.contains("整"),
            _ => return Err(MethodSyntax::UnknownParam { label: k }),
        }
    }
    Ok(m)
}

fn parse_rank(params: &str) -> Result<Method, MethodSyntax> {
    let (mut first, mut step, mut top, mut tiers, mut floor, mut rank_input) = (None, 0.0, 1, Vec::new(), 0.0, None);
    for (k, v) in key_values(params) {
        let bad = || MethodSyntax::UnknownParam { label: format!("{k}:{v}") };
        let num = || num_of(&v).ok_or_else(bad);
        match k.as_str() {
            "第1名" => first = Some(num()?),
            "前" => top = num().map(|x| x as u32)?,
            "每后移" => step = num()?,
            "名次档" => {
                for t in v.split(['/', '／']) {
                    let (a, b) = t.split_once(['=', '＝']).ok_or_else(bad)?;
                    let (Some(upto), Some(points)) = (num_of(a), num_of(b)) else { return Err(bad()) };
                    tiers.push(RankTier { upto: upto as u32, points });
                }
            }
            "最低" => floor = num()?,
            "排名数据" => rank_input = Some(v.clone()).filter(|s| !s.is_empty()),
            _ => return Err(MethodSyntax::UnknownParam { label: k }),
        }
    }
    Ok(Method::Rank { first, step, top, tiers, floor, rank_input })
}

/// "规划定位好(20)" / "规划定位好（20分）" → (name, weight).
pub(crate) fn split_dim(cell: &str) -> (String, Option<f64>) {
    let t = cell.trim();
    if let Some(open) = t.find(['(', '（']) {
        let inner = t.get(open..).unwrap_or("").trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
        if let Some(w) = num_of(inner) {
            return (t.get(..open).unwrap_or("").trim().to_string(), Some(w));
        }
    }
    (t.to_string(), None)
}

/// "技工贸总收入（亿元）" → (name, Some("亿元")) when the last bracket, closing
/// the name, holds a known unit (`vocab::unit_in_brackets`).
pub(crate) fn split_unit(name: &str) -> (String, Option<String>) {
    let t = name.trim();
    if t.ends_with([')', '）']) {
        if let (rest, Some(u)) = vocab::unit_in_brackets(t) {
            if t.starts_with(&rest) {
                return (rest, Some(u.label));
            }
        }
    }
    (t.to_string(), None)
}

/// A 合计/总计/总分/满分 cell, alone: the scheme's total row.
fn is_total(text: &str) -> bool {
    matches!(vocab::row_kind(text), vocab::RowKind::Total { of: vocab::Total::Sum | vocab::Total::FullMarks, exact: true })
}

/// Reads a scheme table pasted from a document. Merged-cell blanks in the 维度
/// column mean "same as above"; a row whose 指标 (or 维度) is 合计 states the
/// total (100 otherwise); rows whose 计分方法 is 基础数据, 加分/减分, 一票否决 or
/// 等次 declare inputs, adjustments, vetoes and grades (see `to_table`).
pub fn from_table(text: &str) -> (Option<Scheme>, Vec<Diagnostic>) {
    let (grid, mut diags) = table::parse_grid(text, Source::Scheme);
    let header = (0..grid.n_rows().min(10)).position(|r| {
        let roles: Vec<SchemeRole> = grid.row(r).filter_map(scheme_role).collect();
        roles.contains(&SchemeRole::Name) && roles.contains(&SchemeRole::Weight)
    });
    let Some(h) = header else {
        diags.push(Diagnostic::error(Source::Scheme, Problem::NoHeader { table: TableOf::Scheme }));
        return (None, diags);
    };
    let mut cols: Vec<(SchemeRole, usize)> = Vec::new();
    for (c, cell) in grid.row(h).enumerate() {
        if let Some(r) = scheme_role(cell) {
            if !cols.iter().any(|(x, _)| *x == r) {
                cols.push((r, c));
            }
        }
    }
    let col = |r: SchemeRole| cols.iter().find(|(x, _)| *x == r).map(|(_, c)| *c);
    let cell = |row: usize, r: SchemeRole| col(r).map(|c| grid.cell(row, c).trim()).unwrap_or("");

    let mut s = Scheme { cap_total: Some(100.0), ..Scheme::empty("粘贴的方案") };
    // Where each indicator and dimension came from, to point diagnostics at cells.
    let mut ind_rows: Vec<usize> = Vec::new();
    let mut dim_rows: Vec<usize> = Vec::new();
    let mut stated: Vec<Option<f64>> = Vec::new();
    let mut current: Option<usize> = None;
    let mut total_row = false;
    let bad = |row: usize, r: SchemeRole, problem: Problem, diags: &mut Vec<Diagnostic>| {
        let c = col(r).unwrap_or(0);
        diags.push(Diagnostic::error(Source::Scheme, problem).at(row, c).cell(grid.cell(row, c)));
    };

    for row in h + 1..grid.n_rows() {
        if grid.is_blank_row(row) {
            continue;
        }
        let dim_cell = cell(row, SchemeRole::Dim);
        let name_cell = cell(row, SchemeRole::Name);
        let weight_text = cell(row, SchemeRole::Weight);
        if is_total(name_cell) || (name_cell.is_empty() && is_total(dim_cell)) {
            match num_of(weight_text) {
                Some(t) => {
                    s.total = t;
                    s.cap_total = Some(t);
                    total_row = true;
                }
                None => bad(row, SchemeRole::Weight, Problem::WeightNotNumber { indicator: None, text: weight_text.to_string() }, &mut diags),
            }
            continue;
        }
        // A heading row inside the 指标 column (一、规划定位好（20分）), with no
        // weight and no method, opens a dimension as a 维度 cell would.
        let bare = weight_text.is_empty() && cell(row, SchemeRole::Method).is_empty() && cell(row, SchemeRole::Unit).is_empty();
        let ordinal = vocab::strip_numbering(name_cell);
        let heading_in_name = dim_cell.is_empty() && bare && !name_cell.is_empty() && (ordinal.len() < name_cell.len() || split_dim(name_cell).1.is_some());
        let heading = if !dim_cell.is_empty() {
            let (name, w) = split_dim(dim_cell);
            Some((name, w.or_else(|| num_of(cell(row, SchemeRole::DimWeight)))))
        } else if heading_in_name {
            Some(split_dim(ordinal))
        } else {
            None
        };
        let name_cell = if heading_in_name { "" } else { name_cell };
        if let Some((name, w)) = heading {
            match s.dimensions.iter().position(|d| d.name == name) {
                Some(i) => current = Some(i),
                None => {
                    s.dimensions.push(Dimension { key: name.clone(), name, weight: 0.0 });
                    dim_rows.push(row);
                    stated.push(w);
                    current = Some(s.dimensions.len() - 1);
                }
            }
            if let (Some(i), Some(w)) = (current, w) {
                if let Some(slot) = stated.get_mut(i) {
                    *slot = Some(w);
                }
            }
        }
        if name_cell.is_empty() {
            // A dimension's own row (维度 and its weight, no indicator) is fine.
            if dim_cell.is_empty() && !heading_in_name {
                bad(row, SchemeRole::Name, Problem::NoIndicatorName, &mut diags);
            }
            continue;
        }
        let (name_part, formula_part) = match name_cell.split_once(['=', '＝']) {
            Some((a, b)) if cell(row, SchemeRole::Formula).is_empty() => (a.trim(), Some(b.trim().to_string())),
            _ => (name_cell, None),
        };
        let (name, unit_in_name) = split_unit(name_part);
        let unit = match cell(row, SchemeRole::Unit) {
            "" => unit_in_name.unwrap_or_default(),
            u => u.to_string(),
        };
        let aliases: Vec<String> = segments(cell(row, SchemeRole::Alias)).map(str::to_string).collect();
        let params = cell(row, SchemeRole::Params);
        // A combined 计分方法及参数 column is read as the parameter column; it names the method too.
        let method_cell = if col(SchemeRole::Method).is_some() { cell(row, SchemeRole::Method) } else { cell(row, SchemeRole::Params) };
        match row_kind(method_cell) {
            RowKind::Input => s.inputs.push(Input { name, aliases, unit }),
            RowKind::Bonus(sign) => {
                let kv = pairs(params);
                let per = kv.iter().find(|(l, _, _)| !l.contains("上限") && !l.contains("封顶")).map(|p| p.1).unwrap_or(1.0);
                let cap = kv.iter().find(|(l, _, _)| l.contains("上限") || l.contains("封顶")).map(|p| p.1).unwrap_or(f64::INFINITY);
                let what = if sign > 0.0 { "加分项" } else { "减分项" };
                let rule_name = match cell(row, SchemeRole::Note) {
                    "" => format!("{what}：{name}"),
                    n => n.to_string(),
                };
                if s.canonical(&name).is_none() && !s.inputs.iter().any(|i| i.name == name) {
                    s.inputs.push(Input { name: name.clone(), aliases, unit: if unit.is_empty() { "个".into() } else { unit } });
                }
                s.adjustments.push(AdjustmentRule { name: rule_name, input: name, per: sign * per.abs(), cap: if cap.is_finite() { cap } else { 100.0 } });
            }
            RowKind::Veto => {
                let above = pairs(params).first().map(|p| p.1).unwrap_or(0.0);
                let reason = match cell(row, SchemeRole::Note) {
                    "" => format!("{name} 大于 {}", fmt_num(above)),
                    r => r.to_string(),
                };
                if s.canonical(&name).is_none() {
                    s.inputs.push(Input { name: name.clone(), aliases, unit: if unit.is_empty() { "起".into() } else { unit } });
                }
                let kind = if params.contains("总分计0") {
                    VetoKind::Total
                } else if params.contains("不合格") {
                    VetoKind::Fail
                } else {
                    VetoKind::NotExcellent
                };
                s.vetoes.push(Veto { input: name, above, reason, kind });
            }
            RowKind::Grades => {
                for (label, v, _) in pairs(params) {
                    let g = label.trim_end_matches(['≥', '>', '=']).trim().to_string();
                    s.grades.push(Grade { min: v, name: g });
                }
            }
            RowKind::Indicator(method_text) => {
                if method_text.is_empty() {
                    bad(row, SchemeRole::Method, Problem::NoMethod { indicator: name }, &mut diags);
                    continue;
                }
                let method = match parse_method(&method_text, params) {
                    Ok(m) => m,
                    Err(fault) => {
                        let r = if matches!(fault, MethodSyntax::UnknownMethod { .. }) { SchemeRole::Method } else { SchemeRole::Params };
                        bad(row, r, Problem::MethodSyntax { indicator: name, fault }, &mut diags);
                        continue;
                    }
                };
                let direction = match cell(row, SchemeRole::Direction) {
                    "" | "正" | "正向" | "+" | "↑" | "正向指标" | "越大越好" | "positive" => Direction::Positive,
                    "负" | "负向" | "逆向" | "-" | "−" | "↓" | "负向指标" | "逆向指标" | "越小越好" | "negative" => Direction::Negative,
                    other => {
                        bad(row, SchemeRole::Direction, Problem::UnknownDirection { indicator: name.clone(), text: other.to_string() }, &mut diags);
                        Direction::Positive
                    }
                };
                let weight = match num_of(weight_text) {
                    Some(w) => w,
                    None => {
                        let problem = Problem::WeightNotNumber { indicator: Some(name.clone()), text: weight_text.to_string() };
                        bad(row, SchemeRole::Weight, problem, &mut diags);
                        0.0
                    }
                };
                if current.is_none() {
                    if col(SchemeRole::Dim).is_some() {
                        bad(row, SchemeRole::Dim, Problem::NoDimension { indicator: name }, &mut diags);
                        continue;
                    }
                    // A table with no 维度 column puts everything in one dimension.
                    s.dimensions.push(Dimension { key: "全部指标".into(), name: "全部指标".into(), weight: 0.0 });
                    dim_rows.push(h);
                    stated.push(None);
                    current = Some(s.dimensions.len() - 1);
                }
                let dimension = current.and_then(|i| s.dimensions.get(i)).map(|d| d.key.clone()).unwrap_or_default();
                s.indicators.push(Indicator {
                    name,
                    aliases,
                    dimension,
                    unit,
                    weight,
                    direction,
                    method,
                    formula: formula_part.or_else(|| Some(cell(row, SchemeRole::Formula).to_string()).filter(|f| !f.is_empty())),
                    missing_score: num_of(cell(row, SchemeRole::Missing)).unwrap_or(0.0),
                });
                ind_rows.push(row);
            }
        }
    }
    // A dimension's weight is the one stated, or the sum of its indicators.
    for (i, d) in s.dimensions.iter_mut().enumerate() {
        let sum: f64 = s.indicators.iter().filter(|x| x.dimension == d.key).map(|x| x.weight).sum();
        d.weight = stated.get(i).copied().flatten().unwrap_or(sum);
    }
    if !total_row && s.dimensions.iter().all(|d| d.weight.is_finite()) && stated.iter().all(Option::is_some) && !stated.is_empty() {
        // With every dimension weight stated, the total is their sum unless a 合计 row says otherwise.
        s.total = s.dimensions.iter().map(|d| d.weight).sum();
        s.cap_total = Some(s.total);
    }
    if s.grades.is_empty() {
        s.grades = default_grades(s.total);
    }
    if !s.vetoes.is_empty() {
        s.veto_forbids = s.grades.iter().max_by(|a, b| a.min.total_cmp(&b.min)).map(|g| g.name.clone());
    }
    let at_cell = |at: At| -> Option<(usize, usize)> {
        match at {
            At::Nowhere => None,
            At::Dim(i) => dim_rows.get(i).map(|&r| (r, col(SchemeRole::Dim).unwrap_or(0))),
            At::Ind(i, f) => {
                let role = match f {
                    Field::Name => SchemeRole::Name,
                    Field::Dimension => SchemeRole::Dim,
                    Field::Unit => SchemeRole::Unit,
                    Field::Weight => SchemeRole::Weight,
                    Field::Params => SchemeRole::Params,
                    Field::Formula => if col(SchemeRole::Formula).is_some() { SchemeRole::Formula } else { SchemeRole::Name },
                };
                ind_rows.get(i).map(|&r| (r, col(role).or(col(SchemeRole::Name)).unwrap_or(0)))
            }
        }
    };
    for (at, d) in check(&s) {
        diags.push(match at_cell(at) {
            Some((r, c)) => d.at(r, c).cell(grid.cell(r, c)),
            None => d,
        });
    }
    (Some(s), diags)
}

/// 优秀 / 良好 / 合格 / 不合格 at 90 % / 75 % / 60 % / 0 of the total.
pub(crate) fn default_grades(total: f64) -> Vec<Grade> {
    [(0.9, "优秀"), (0.75, "良好"), (0.6, "合格"), (0.0, "不合格")].iter().map(|(f, n)| Grade { min: total * f, name: n.to_string() }).collect()
}

/// Writes a scheme as a tab-separated table that `load` reads back: the page's
/// "copy as table" and the round-trip test use it.
pub fn to_table(s: &Scheme) -> String {
    // Fixed-width rows: constant indices into an array are checked at compile time.
    const HEAD: [&str; 11] = ["维度", "指标", "别名", "单位", "分值", "方向", "计分方法", "参数", "公式", "缺数据得分", "备注"];
    let mut rows: Vec<[String; 11]> = vec![HEAD.map(String::from)];
    let blank = || -> [String; 11] { std::array::from_fn(|_| String::new()) };
    for d in &s.dimensions {
        let mut first = true;
        for x in s.indicators.iter().filter(|x| x.dimension == d.key) {
            let mut r = blank();
            if first {
                r[0] = format!("{}（{}）", d.name, fmt_num(d.weight));
                first = false;
            }
            r[1] = x.name.clone();
            r[2] = x.aliases.join("、");
            r[3] = x.unit.clone();
            r[4] = fmt_num(x.weight);
            r[5] = if x.direction == Direction::Negative { "负向" } else { "正向" }.into();
            r[6] = x.method.label().into();
            r[7] = method_params(&x.method);
            r[8] = x.formula.clone().unwrap_or_default();
            r[9] = fmt_num(x.missing_score);
            rows.push(r);
        }
    }
    let mut total = blank();
    total[1] = "合计".into();
    total[4] = fmt_num(s.total);
    rows.push(total);
    for i in &s.inputs {
        let mut r = blank();
        r[1] = i.name.clone();
        r[2] = i.aliases.join("、");
        r[3] = i.unit.clone();
        r[6] = "基础数据".into();
        rows.push(r);
    }
    for a in &s.adjustments {
        let mut r = blank();
        r[1] = a.input.clone();
        r[6] = if a.per >= 0.0 { "加分" } else { "减分" }.into();
        r[7] = format!("每项 {} 上限 {}", fmt_num(a.per.abs()), fmt_num(a.cap));
        r[10] = a.name.clone();
        rows.push(r);
    }
    for v in &s.vetoes {
        let mut r = blank();
        r[1] = v.input.clone();
        r[6] = "一票否决".into();
        r[7] = match v.kind {
            VetoKind::NotExcellent => format!("大于 {}", fmt_num(v.above)),
            VetoKind::Total => format!("大于 {}；总分计0", fmt_num(v.above)),
            VetoKind::Fail => format!("大于 {}；定为不合格", fmt_num(v.above)),
        };
        r[10] = v.reason.clone();
        rows.push(r);
    }
    if !s.grades.is_empty() {
        let mut r = blank();
        r[1] = "等次".into();
        r[6] = "等次".into();
        r[7] = s.grades.iter().map(|g| format!("{} {}", g.name, fmt_num(g.min))).collect::<Vec<_>>().join(";");
        rows.push(r);
    }
    rows.iter().map(|r| r.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect::<Vec<_>>().join("\t")).collect::<Vec<_>>().join("\n")
}
