//! Progress against annual targets at month m: completion, 时序进度, gap, yoy, projection.
//!
//! The formulas live here once and are shared with `split`, so a part of a
//! decomposition is judged exactly like a row of the park's progress table.
//! Every figure is either a finite number or `None` with the reason in the
//! row's note; nothing here divides without checking the divisor first.

use crate::model::{Observation, ParkData, ProgressRow, ProgressSettings, Status};

use crate::base::period::Period;
use crate::scheme::{Direction, Method, Scheme};
use crate::base::unit::Unit;

/// Tolerance for comparing gaps, so that 50.000000001 − 50 counts as on time.
const EPS: f64 = 1e-9;

/// Words that mark a rate-type item (a level compared with its target level,
/// not a cumulative amount that grows through the year).
const RATE_WORDS: &[&str] = &["增速", "增幅", "占比", "比重", "比例", "率", "强度", "平均", "指数"];

/// Words that mark an input where less is better (事故, 能耗 …).
const NEGATIVE_WORDS: &[&str] = &["事故", "能耗", "排放", "污染", "事件", "问题", "投诉"];

/// Words that turn a negative-sounding name positive again (能耗下降率 is good when high).
const REDUCTION_WORDS: &[&str] = &["下降", "降低", "减少", "压缩", "节约"];

/// How an item is compared with its target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemKind {
    /// Rate-type (增速, 占比, 率, 强度, 平均 …): the value is compared with the
    /// target value directly, without 时序进度.
    pub rate: bool,
    /// Less is better (scheme direction negative, or inputs such as 事故, 能耗).
    pub negative: bool,
    /// The unit is percent, so a rate gap is the plain difference in percentage points.
    pub percent: bool,
}

impl ItemKind {
    /// The kind of a scheme indicator: rate-type when its unit is %, its name
    /// carries a rate word, or its method is 目标增速 (RateVsTarget); negative
    /// only when the scheme says so (a name such as 能耗下降率 must stay positive).
    pub fn of_indicator(name: &str, unit: &Unit, direction: Direction, method: &Method) -> ItemKind {
        let percent = unit.is_percent();
        let rate = percent || has_any(name, RATE_WORDS) || matches!(method, Method::RateVsTarget);
        ItemKind { rate, negative: direction == Direction::Negative, percent }
    }

    /// The kind of a scheme input or of a name not in the scheme: rate-type as
    /// above; negative when the name carries 事故, 能耗 … and no word of reduction.
    pub fn of_name(name: &str, unit: &Unit) -> ItemKind {
        let percent = unit.is_percent();
        let rate = percent || has_any(name, RATE_WORDS);
        let negative = has_any(name, NEGATIVE_WORDS) && !has_any(name, REDUCTION_WORDS);
        ItemKind { rate, negative, percent }
    }
}

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// A scheme item (indicator or input) as the progress check and the split
/// check see it.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeItem {
    pub name: String,
    pub aliases: Vec<String>,
    pub unit: Unit,
    pub kind: ItemKind,
    pub is_input: bool,
}

/// The unit of a scheme label; a label the tool does not know is kept as a
/// dimensionless unit with that label, so the table still shows it.
pub fn unit_of_label(label: &str) -> Unit {
    Unit::parse(label).unwrap_or_else(|| Unit { label: label.trim().to_string(), ..Unit::one() })
}

/// All scheme items in scheme order: indicators first, then inputs.
pub fn scheme_items(scheme: &Scheme) -> Vec<SchemeItem> {
    let mut out = Vec::new();
    for i in &scheme.indicators {
        let unit = unit_of_label(&i.unit);
        let kind = ItemKind::of_indicator(&i.name, &unit, i.direction, &i.method);
        out.push(SchemeItem { name: i.name.clone(), aliases: i.aliases.clone(), unit, kind, is_input: false });
    }
    for i in &scheme.inputs {
        let unit = unit_of_label(&i.unit);
        let kind = ItemKind::of_name(&i.name, &unit);
        out.push(SchemeItem { name: i.name.clone(), aliases: i.aliases.clone(), unit, kind, is_input: true });
    }
    out
}

/// True for leap years of the Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The month of a period clamped into 1..=12, so a bad period cannot divide by zero.
pub fn month_of(period: Period) -> u32 {
    period.month.clamp(1, 12)
}

/// 时序进度 as a fraction of the year at the end of month m.
///
/// By default m / 12. With `by_days`: the days from 1 January through the last
/// day of month m, divided by the days of the year (366 in leap years), so
/// February 2024 gives 60 / 366 and February 2023 gives 59 / 365.
pub fn time_progress(period: Period, by_days: bool) -> f64 {
    let m = month_of(period);
    if !by_days {
        return f64::from(m) / 12.0;
    }
    let feb = if is_leap(period.year) { 29 } else { 28 };
    let lengths = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let elapsed: u32 = lengths.iter().take(m as usize).sum();
    let total: u32 = lengths.iter().sum();
    f64::from(elapsed) / f64::from(total)
}

/// A finite number or nothing: the guard every output passes through.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The status of a gap in percentage points (positive = better):
/// ≥ 0 超序时; ≥ −`slight_pp` 略滞后; below that 严重滞后.
pub fn status_of_gap(gap_pp: f64, slight_pp: f64) -> Status {
    if gap_pp >= -EPS {
        Status::Ahead
    } else if gap_pp >= -slight_pp - EPS {
        Status::SlightlyBehind
    } else {
        Status::FarBehind
    }
}

/// The user's 略滞后 threshold made safe: a negative value counts as its size,
/// and anything not finite falls back to the default.
pub fn slight_threshold(settings: &ProgressSettings) -> f64 {
    if settings.slight_pp.is_finite() {
        settings.slight_pp.abs()
    } else {
        ProgressSettings::default().slight_pp
    }
}

/// Completion, gap and status of one actual against one target.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// Percent.
    pub completion: Option<f64>,
    /// Percentage points, positive is better.
    pub gap_pp: Option<f64>,
    pub status: Status,
    /// Reasons for missing figures, in Chinese.
    pub notes: Vec<String>,
}

/// Judges `actual` against the annual `target` when `tp` (a fraction, 0..=1)
/// of the year has passed.
///
/// Cumulative items (not rate-type):
/// - positive: 完成率 = actual / target × 100; 进度差 = 完成率 − tp × 100.
/// - negative (less is better): 完成率 = target / actual × 100 (the reversal the
///   scoring uses); 进度差 = tp × 100 − actual / target × 100, i.e. the share of
///   the annual allowance not yet used beyond time progress, so actual ≤
///   target × tp is ahead and a positive gap is better.
///
/// Rate-type items (no 时序进度; `tp` is ignored):
/// - 完成率 = rate / target rate × 100 (negative: target / rate × 100);
/// - 进度差 = rate − target in percentage points when the unit is % (negative:
///   target − rate); for other units (容积率 …) 完成率 − 100.
///
/// A target of 0 (or below) has no 完成率 (note 目标为 0), and the status then
/// compares actual with target × tp (rates: with target) directly: at or
/// better is 超序时, worse is 严重滞后. A missing target or actual gives
/// 缺数据. The status of a gap is `status_of_gap`.
pub fn assess(kind: ItemKind, target: Option<f64>, actual: Option<f64>, tp: f64, slight_pp: f64) -> Assessment {
    let mut notes = Vec::new();
    let (target, actual) = match (target.and_then(finite), actual.and_then(finite)) {
        (Some(t), Some(a)) => (t, a),
        (t, a) => {
            if t.is_none() {
                notes.push("缺年度目标".to_string());
            }
            if a.is_none() {
                notes.push("缺实际完成数".to_string());
            }
            return Assessment { completion: None, gap_pp: None, status: Status::Missing, notes };
        }
    };
    let tp = if kind.rate { 1.0 } else { tp };
    let completion = if target <= 0.0 {
        notes.push(if target == 0.0 { "目标为 0，不计完成率" } else { "目标为负数，不计完成率" }.to_string());
        None
    } else if kind.negative {
        if actual > 0.0 {
            finite(target / actual * 100.0)
        } else {
            notes.push("实际为 0，不计完成率".to_string());
            None
        }
    } else {
        finite(actual / target * 100.0)
    };
    if completion.is_none() && notes.is_empty() {
        notes.push("数值超出可计算范围，不计完成率".to_string());
    }
    let gap_pp = if kind.rate && kind.percent {
        finite(if kind.negative { target - actual } else { actual - target })
    } else if kind.rate {
        completion.and_then(|c| finite(c - 100.0))
    } else if target <= 0.0 {
        None
    } else if kind.negative {
        finite(tp * 100.0 - actual / target * 100.0)
    } else {
        completion.and_then(|c| finite(c - tp * 100.0))
    };
    let status = match gap_pp {
        Some(g) => status_of_gap(g, slight_pp),
        None => {
            // No gap in points: compare the figures themselves.
            let due = target * tp;
            let ok = if kind.negative { actual <= due + EPS } else { actual >= due - EPS };
            if ok {
                Status::Ahead
            } else {
                Status::FarBehind
            }
        }
    };
    Assessment { completion, gap_pp, status, notes }
}

/// 全年预计 and a note saying how it was made.
///
/// Rate-type: the rate itself. Otherwise linear, actual / m × 12; or, when
/// last year's figures for all 12 months are given and positive in sum,
/// actual ÷ (last year's Jan..m total ÷ last year's full-year total), i.e. the
/// rest of the year is assumed to follow last year's monthly profile.
pub fn projection(kind: ItemKind, obs: &Observation, actual: f64, m: u32) -> (Option<f64>, String) {
    if kind.rate {
        return (Some(actual), "比率类：全年预计取当前值".to_string());
    }
    let linear = finite(actual / f64::from(m) * 12.0);
    if obs.last_year_monthly.is_empty() {
        return (linear, "全年预计按线性外推".to_string());
    }
    let months: Vec<f64> = obs.last_year_monthly.iter().take(12).filter_map(|v| v.and_then(finite)).collect();
    if months.len() < 12 {
        return (linear, "上年月度数据不全，全年预计按线性外推".to_string());
    }
    let full: f64 = months.iter().sum();
    let part: f64 = months.iter().take(m as usize).sum();
    if full <= 0.0 || part <= 0.0 {
        return (linear, "上年月度数据合计不为正，全年预计按线性外推".to_string());
    }
    let share = part / full;
    match finite(actual / share) {
        Some(p) => {
            let span = if m == 1 { "1月".to_string() } else { format!("1–{m}月") };
            (Some(p), format!("全年预计按上年月度分布（上年{span}占全年 {:.2}%）", share * 100.0))
        }
        None => (linear, "全年预计按线性外推".to_string()),
    }
}

/// The progress table (调度表) of one park.
///
/// One row per scheme item the park has data for (an actual or a target), in
/// scheme order: indicators, then inputs that have a target. For each row:
/// - 年度目标 and 1–m月累计 as given (in the scheme's unit);
/// - 完成率, 进度差 and status as in [`assess`], with 时序进度 from
///   [`time_progress`] (none for rate-type items);
/// - 同比增速 = (actual − last year) / |last year| × 100 (none when last year is 0
///   and for rate-type items, whose change in points goes into the note);
/// - 全年预计 as in `projection`;
/// - 剩余月均需完成 = (target − actual) / (12 − m), 0 when already met, none at
///   m = 12 and for rate-type items; for negative items it is the allowance
///   left per month, 0 once the annual limit is exceeded.
pub fn progress_rows(scheme: &Scheme, park: &ParkData, period: Period, settings: &ProgressSettings) -> Vec<ProgressRow> {
    let m = month_of(period);
    let tp = time_progress(period, settings.by_days);
    let slight = slight_threshold(settings);
    let mut rows = Vec::new();
    for item in scheme_items(scheme) {
        let Some(obs) = park.items.get(&item.name) else { continue };
        let actual = obs.value.and_then(finite);
        let target = obs.target.and_then(finite);
        if actual.is_none() && target.is_none() {
            continue;
        }
        if item.is_input && target.is_none() {
            continue;
        }
        rows.push(row_for(&item, obs, target, actual, m, tp, slight));
    }
    rows
}

fn row_for(item: &SchemeItem, obs: &Observation, target: Option<f64>, actual: Option<f64>, m: u32, tp: f64, slight: f64) -> ProgressRow {
    let kind = item.kind;
    let a = assess(kind, target, actual, tp, slight);
    let mut notes = a.notes;
    if kind.negative {
        notes.push("逆向指标：越小越好".to_string());
    }
    let last_year = obs.last_year.and_then(finite);
    let yoy = match (actual, last_year) {
        (Some(x), Some(ly)) if kind.rate => {
            notes.push(format!("比同期 {:+.2}{}", x - ly, if kind.percent { " 个百分点" } else { "" }));
            None
        }
        (Some(_), Some(0.0)) => {
            notes.push("上年同期为 0，不计同比".to_string());
            None
        }
        (Some(x), Some(ly)) => finite((x - ly) / ly.abs() * 100.0),
        _ => None,
    };
    let projection = match actual {
        Some(x) => {
            let (p, note) = projection(kind, obs, x, m);
            notes.push(note);
            p
        }
        None => None,
    };
    let monthly_needed = match (target, actual) {
        (Some(t), Some(x)) if !kind.rate && m < 12 => {
            let left = (t - x) / f64::from(12 - m);
            if kind.negative && left < 0.0 {
                notes.push("已超过全年控制目标".to_string());
            }
            finite(left.max(0.0))
        }
        _ => None,
    };
    ProgressRow {
        name: item.name.clone(),
        unit: item.unit.clone(),
        target,
        actual,
        completion: a.completion,
        time_progress: if kind.rate { None } else { finite(tp * 100.0) },
        gap_pp: a.gap_pp,
        yoy,
        projection,
        monthly_needed,
        status: a.status,
        rate: kind.rate,
        negative: kind.negative,
        note: notes.join("；"),
    }
}
