//! The JS-facing contract: serializable request and report structs, and JSON entry points.
//!
//! These mirror the core types but are owned by the boundary, so the core can
//! change freely while `window.wuhao.evaluate` keeps its documented shape
//! (README, "Automation contract"). Everything here is plain Rust and tested
//! natively; `wasm` only moves strings across.

use crate::diag::{Diagnostic, Level, Source};
use crate::diag::problem::Problem;
use crate::eval::{self, Detail, Report, SchemeInput};
use crate::base::fixed::Points;
use crate::model::{self, ProgressSettings, Status};
use crate::base::period::{Period, PeriodSource};
use crate::read::scheme_text;
use crate::read::{ColumnOverride, ReadOptions, Shape, ShapeChoice, UserRole};
use crate::scheme::{self, Scheme};
use crate::base::unit::Unit;
use crate::table::repair::well_formed;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize)]
pub struct ApiRequest {
    #[serde(default)]
    pub data: String,
    /// A scheme object, or scheme text (JSON or a pasted table); built-in when absent.
    #[serde(default)]
    pub scheme: Option<serde_json::Value>,
    #[serde(default)]
    pub period: Option<ApiPeriodIn>,
    #[serde(default)]
    pub splits: Vec<String>,
    /// "YYYY-MM-DD" from the host; the core never reads a clock.
    #[serde(default)]
    pub today: Option<String>,
    #[serde(default)]
    pub settings: Option<ApiSettings>,
    /// Which parks get their breakdown: "all", a park's 0-based index, or
    /// absent for every park up to 200 parks and only the first above that.
    #[serde(default)]
    pub detail: Option<serde_json::Value>,
    /// How the page got `data` from the clipboard (echoed as `read.clipboard`).
    #[serde(default)]
    pub data_form: Option<ApiDataForm>,
    /// The park's name as the user typed it (the page's 园区名称): with one park
    /// in the paste it names that park in the report and in every export.
    #[serde(default)]
    pub park_name: Option<String>,
    /// The user's corrections of the reading: `[{ column, role, unit }]`
    /// (`column` 1-based; `role` "target" | "actual" | "last_year" | "ignore" |
    /// "indicator" | "unit" | "park" | "note"; `unit` a unit label such as 万元).
    #[serde(default, deserialize_with = "overrides_each")]
    pub read_overrides: Vec<ApiReadOverride>,
    /// The table's shape as the user states it: "indicator_rows" | "park_rows" |
    /// "park_columns" | "role_rows"; detected when absent.
    #[serde(default)]
    pub shape: Option<String>,
    /// Above 200 parks, the summary of every park as parallel arrays
    /// (`parks_compact`) and `parks` holding only the detailed parks.
    #[serde(default)]
    pub compact: Option<bool>,
    /// What-if: `{ "<indicator or input name>": number | { value?, target? } }`.
    #[serde(default)]
    pub what_if: Option<std::collections::BTreeMap<String, ApiWhatIfIn>>,
    /// The park the what-if changes (the first when absent).
    #[serde(default)]
    pub what_if_park: Option<String>,
    /// "If the year ends as projected": flows take their 全年预计.
    #[serde(default)]
    pub projected: Option<bool>,
}

/// A column as read, for `read.columns` and `read.splits`.
fn column_out(c: &crate::table::column::ColumnInfo) -> ApiColumn {
    ApiColumn { col: c.col + 1, header: c.header.clone(), role: c.role.clone(), why: c.why.clone(), by: c.by.key() }
}

/// One column's correction (see `ApiRequest::read_overrides`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ApiReadOverride {
    #[serde(default)]
    pub column: usize,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// An entry that is no correction (`"x"`, `{ "column": "三" }`): named, then left out.
    #[serde(skip)]
    pub malformed: Option<String>,
}

/// `read_overrides` read entry by entry: a malformed entry is kept as `malformed`
/// (so `read_options` names it) instead of refusing the others with it.
fn overrides_each<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ApiReadOverride>, D::Error> {
    let items = Option::<Vec<serde_json::Value>>::deserialize(d)?.unwrap_or_default();
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(k, v)| {
            serde_json::from_value::<ApiReadOverride>(v.clone()).unwrap_or_else(|e| ApiReadOverride { malformed: Some(format!("第 {} 项 {v}：{e}", k + 1)), ..ApiReadOverride::default() })
        })
        .collect())
}

/// The core's reading options for the request's corrections; one that cannot
/// be read is left out with a `request.read_override` warning.
fn read_options(overrides: &[ApiReadOverride], shape: Option<&str>, diags: &mut Vec<Diagnostic>) -> ReadOptions {
    let mut out = ReadOptions::default();
    let mut refuse = |what: String| diags.push(Diagnostic::warning(Source::Data, Problem::ReadOverrideInvalid { what }));
    for o in overrides {
        if let Some(what) = &o.malformed {
            refuse(what.clone());
            continue;
        }
        let role = o.role.as_deref().filter(|r| !r.trim().is_empty());
        let unit = o.unit.as_deref().filter(|u| !u.trim().is_empty());
        let parsed_role = role.map(UserRole::parse);
        let parsed_unit = unit.map(Unit::parse);
        if o.column == 0 {
            refuse(format!("第 {} 列", o.column));
            continue;
        }
        if let (Some(None), Some(r)) = (parsed_role, role) {
            refuse(format!("第 {} 列：{r}", o.column));
            continue;
        }
        if let (Some(None), Some(u)) = (&parsed_unit, unit) {
            refuse(format!("第 {} 列：{u}", o.column));
            continue;
        }
        out.overrides.push(ColumnOverride { col: o.column - 1, role: parsed_role.flatten(), unit: parsed_unit.flatten() });
    }
    if let Some(sh) = shape.filter(|s| !s.trim().is_empty()) {
        match ShapeChoice::parse(sh) {
            Some(c) => out.shape = Some(c),
            None => refuse(sh.to_string()),
        }
    }
    out
}

/// One what-if figure: a new value, or a new value and/or target.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ApiWhatIfIn {
    Value(f64),
    Fields {
        #[serde(default)]
        value: Option<f64>,
        #[serde(default)]
        target: Option<f64>,
    },
}

/// One figure the what-if changed.
#[derive(Debug, Serialize)]
pub struct ApiWhatIf {
    pub park: String,
    pub name: String,
    /// "value" or "target".
    pub field: &'static str,
    pub pasted: Option<f64>,
    pub simulated: f64,
}

#[derive(Debug, Serialize)]
pub struct ApiPlanStep {
    pub name: String,
    pub unit: String,
    pub from: f64,
    pub to: f64,
    pub gain: Points,
}

#[derive(Debug, Serialize)]
pub struct ApiNextGrade {
    pub grade: String,
    pub points_needed: Points,
    pub plan: Vec<ApiPlanStep>,
    /// The points the whole plan gains (the sum of its steps' `gain`), as the 合计 row prints it.
    pub plan_gain: Points,
    pub blocked_by: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ApiTopGrade {
    pub grade: String,
    pub points_needed: Points,
}

#[derive(Debug, Serialize)]
pub struct ApiNextRank {
    pub rank: u32,
    pub park: String,
    pub points_needed: Points,
}

#[derive(Debug, Serialize)]
pub struct ApiLead {
    pub park: String,
    pub points: Points,
}

/// Names the only park of a one-park report `name` (trimmed, when not blank).
fn name_park(report: &mut Report, name: Option<&str>) {
    let name = name.map(str::trim).unwrap_or("");
    if name.is_empty() {
        return;
    }
    if let [one] = report.parks.as_mut_slice() {
        for w in &mut report.what_if {
            w.park = name.to_string();
        }
        one.score.name = name.to_string();
    }
}

/// Which form of the clipboard the page read the data from: `"html"` (the
/// table Excel/WPS put beside the text, with merged cells expanded and values
/// at full precision), `"text"`, or `"file"` (a spreadsheet file opened on the
/// page: its name and sheet); with how many merged cells and full-precision values
/// the HTML form (or the file) gave.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ApiDataForm {
    #[serde(default)]
    pub form: String,
    #[serde(default)]
    pub merged: u32,
    #[serde(default)]
    pub precise: u32,
    /// The file the data was opened from and its sheet (form `"file"`, src/read/file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// What reading the file said (hidden rows and columns skipped …), in Chinese.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ApiPeriodIn {
    pub year: f64,
    pub month: f64,
}

#[derive(Debug, Default, Deserialize)]
pub struct ApiSettings {
    #[serde(default)]
    pub by_days: Option<bool>,
    #[serde(default)]
    pub slight_pp: Option<f64>,
    #[serde(default)]
    pub split_tolerance: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct ApiReport {
    pub version: &'static str,
    pub period: ApiPeriod,
    pub scheme: ApiSchemeInfo,
    pub read: ApiRead,
    pub diagnostics: Vec<ApiDiagnostic>,
    pub parks: Vec<ApiPark>,
    /// Present when the request asked for `compact` and more than 200 parks
    /// were pasted: every park's summary as parallel arrays (paste order);
    /// `parks` then holds only the detailed parks' objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parks_compact: Option<ApiParksCompact>,
    pub splits: Vec<ApiSplit>,
    /// Every result table as the page shows it and the exports write it (see `ApiTable`).
    pub tables: Vec<ApiTable>,
    /// Every figure a what-if changed; empty without one.
    pub what_if: Vec<ApiWhatIf>,
}

/// Every park's summary as parallel arrays, index = the park's 0-based place in the paste.
#[derive(Debug, Serialize)]
pub struct ApiParksCompact {
    pub count: usize,
    pub name: Vec<String>,
    pub group: Vec<Option<String>>,
    pub group_rank: Vec<Option<u32>>,
    pub total: Vec<Points>,
    /// Shared with the parks' scores (serde's `rc` feature writes the text).
    pub grade: Vec<std::rc::Rc<str>>,
    /// As `ApiPark::unscored_items` and `unscored_points`.
    pub unscored_items: Vec<u32>,
    pub unscored_points: Vec<Points>,
    pub rank: Vec<u32>,
    pub veto: Vec<Option<String>>,
    /// One entry per dimension, with every park's score in it.
    pub dimensions: Vec<ApiDimensionColumn>,
    /// One entry per adjustment, with every park's points in it.
    pub adjustments: Vec<ApiAdjustmentColumn>,
    /// The 0-based places of the parks whose full objects are in `parks`, in that order.
    pub detailed: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct ApiDimensionColumn {
    pub key: String,
    pub name: String,
    pub weight: f64,
    pub score: Vec<Points>,
}

#[derive(Debug, Serialize)]
pub struct ApiAdjustmentColumn {
    pub name: String,
    pub points: Vec<Points>,
}

#[derive(Debug, Serialize)]
pub struct ApiPeriod {
    pub year: i32,
    pub month: u32,
    /// "user", "header" or "today".
    pub source: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ApiSchemeInfo {
    pub name: String,
    pub note: String,
    pub total: f64,
    /// True when the requested scheme was refused and the built-in one used.
    pub fallback: bool,
}

#[derive(Debug, Serialize)]
pub struct ApiRead {
    /// "indicator_rows", "park_rows" or "unknown".
    pub shape: &'static str,
    pub header_row: Option<usize>,
    pub columns: Vec<ApiColumn>,
    pub unmatched: Vec<ApiUnmatched>,
    pub missing: Vec<String>,
    /// The clipboard form the data came from, as the request said; `null` when it did not say.
    pub clipboard: Option<ApiDataForm>,
    /// For each pasted split table (in `splits` order), its columns as read, with why.
    pub splits: Vec<Vec<ApiColumn>>,
}

#[derive(Debug, Serialize)]
pub struct ApiColumn {
    /// 1-based.
    pub col: usize,
    pub header: String,
    pub role: String,
    /// Why: the header word that decided (表头含“累计”), the content rule, or why it was set aside.
    pub why: String,
    /// "header" | "content" | "user" (由用户指定, from `read_overrides`).
    pub by: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ApiUnmatched {
    pub row: usize,
    pub col: usize,
    pub text: String,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ApiDiagnostic {
    pub row: Option<u32>,
    pub col: Option<u32>,
    pub level: Level,
    /// The stable key of the problem's kind (`number.not_finite`, `scheme.dimension_sum`, …).
    pub kind: &'static str,
    pub message: String,
    pub cell: Option<String>,
    /// "data", "scheme" or "split".
    pub source: &'static str,
    /// For split diagnostics, which pasted split (0-based).
    pub split: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ApiPark {
    pub name: String,
    /// The park's group (市州, 片区) when the paste gives one, else `null`.
    pub group: Option<String>,
    /// The park's rank among the parks of its group (by the printed totals,
    /// ties sharing a rank), `null` without a group.
    pub group_rank: Option<u32>,
    pub total: Points,
    /// The grade the total reaches; with `unscored_items` above 0 the total is
    /// partial and the page shows 未定级 with this grade beside it.
    pub grade: String,
    /// Indicators scored 缺数据 and the points they carry: the total lacks them.
    pub unscored_items: u32,
    pub unscored_points: Points,
    pub rank: u32,
    pub veto: Option<String>,
    /// False when `indicators` and `progress` were left out (see `detail`).
    pub detailed: bool,
    pub dimensions: Vec<ApiDimension>,
    pub indicators: Vec<ApiIndicator>,
    pub adjustments: Vec<ApiAdjustment>,
    pub progress: Vec<ApiProgress>,
    /// The next grade, the points it needs and a plan; null at the top grade.
    pub to_next_grade: Option<ApiNextGrade>,
    pub to_top_grade: Option<ApiTopGrade>,
    /// The park just above (several parks pasted); null for the first.
    pub to_next_rank: Option<ApiNextRank>,
    /// The lead over the park just below; null for the last.
    pub lead_over_next: Option<ApiLead>,
}

#[derive(Debug, Serialize)]
pub struct ApiDimension {
    pub key: String,
    pub name: String,
    pub weight: f64,
    pub score: Points,
}

#[derive(Debug, Serialize)]
pub struct ApiIndicator {
    pub name: String,
    pub dimension: String,
    pub unit: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub completion: Option<f64>,
    pub weight: f64,
    pub score: Points,
    pub lost: Points,
    pub explain: String,
    pub method: String,
    /// The 缺数据 reason, or null.
    pub missing: Option<String>,
    /// The value (in `unit`) at which the indicator gets full marks; null with
    /// `full_marks_reason` where none can, or when it has them already.
    pub full_marks_value: Option<f64>,
    pub full_marks_reason: Option<String>,
    /// `full_marks_value` − `value`, in `unit` and in percent of `value`.
    pub full_marks_change: Option<f64>,
    pub full_marks_change_pct: Option<f64>,
    /// Points per unit of improvement, where the score is linear up to full marks.
    pub points_per_unit: Option<f64>,
    /// True when a what-if changed the value or target (shown as 模拟).
    pub simulated: bool,
}

#[derive(Debug, Serialize)]
pub struct ApiAdjustment {
    pub name: String,
    pub points: Points,
    pub explain: String,
}

#[derive(Debug, Serialize)]
pub struct ApiProgress {
    pub name: String,
    pub unit: String,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub completion: Option<f64>,
    pub time_progress: Option<f64>,
    pub gap_pp: Option<f64>,
    pub yoy: Option<f64>,
    pub projection: Option<f64>,
    pub monthly_needed: Option<f64>,
    /// 超序时进度 / 略低于序时进度 / 严重低于序时进度 (达到目标 / 略低于目标 / 明显低于目标 where no schedule applies) / 缺数据
    pub status: &'static str,
    /// "ahead", "slight", "far" or "missing", for styling.
    pub status_key: &'static str,
    pub rate: bool,
    pub negative: bool,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct ApiSplit {
    pub index: usize,
    pub title: String,
    pub kind: String,
    pub unit: Option<String>,
    /// One object per part; empty when `parts_compact` carries them.
    pub parts: Vec<ApiSplitPart>,
    /// Present when the request asked for `compact` and the split has more
    /// than 200 parts: every part as parallel arrays (in `parts` order), and
    /// its `split:i` table lists the first 200 parts (the exports list all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts_compact: Option<ApiSplitPartsCompact>,
    pub sums: Vec<ApiSplitSum>,
    pub laggards: Vec<String>,
}

/// A split's parts as parallel arrays: index k is the k-th part. The
/// indicator and unit of a part are given once per indicator (`indicators`,
/// `units`) and per part by index (`indicator`); a part's status is its key
/// (`"ahead"` 超序时进度, `"slight"` 略低于序时进度, `"far"` 严重低于序时进度, `"missing"` 缺数据).
#[derive(Debug, Serialize)]
pub struct ApiSplitPartsCompact {
    pub count: usize,
    pub name: Vec<String>,
    pub indicators: Vec<String>,
    /// The unit of each of `indicators` (the whole's unit), or null.
    pub units: Vec<Option<String>>,
    /// Index into `indicators`.
    pub indicator: Vec<usize>,
    pub target: Vec<Option<f64>>,
    pub actual: Vec<Option<f64>>,
    pub completion: Vec<Option<f64>>,
    pub gap_pp: Vec<Option<f64>>,
    pub status_key: Vec<&'static str>,
    pub gap_share: Vec<Option<f64>>,
    /// "" where there is nothing to say.
    pub note: Vec<String>,
}

/// Above this many parts a compact report carries a split's parts as arrays
/// and lists only this many in its table (the same bound as for parks).
pub const SPLIT_LIST_MAX: usize = eval::AUTO_DETAIL_MAX;

fn split_part_out(p: &model::SplitPart) -> ApiSplitPart {
    let (status, status_key) = status_out(p.status);
    ApiSplitPart {
        name: p.name.clone(),
        indicator: p.indicator.clone(),
        target: num(p.target),
        actual: num(p.actual),
        completion: num(p.completion),
        gap_pp: num(p.gap_pp),
        status,
        status_key,
        gap_share: num(p.gap_share),
        unit: p.unit.as_ref().map(|u| u.label.clone()),
        note: p.note.clone(),
    }
}

/// Every part of a split as parallel arrays (see `ApiSplitPartsCompact`).
fn split_parts_compact(parts: &[model::SplitPart]) -> ApiSplitPartsCompact {
    let n = parts.len();
    let mut c = ApiSplitPartsCompact {
        count: n,
        name: Vec::with_capacity(n),
        indicators: Vec::new(),
        units: Vec::new(),
        indicator: Vec::with_capacity(n),
        target: Vec::with_capacity(n),
        actual: Vec::with_capacity(n),
        completion: Vec::with_capacity(n),
        gap_pp: Vec::with_capacity(n),
        status_key: Vec::with_capacity(n),
        gap_share: Vec::with_capacity(n),
        note: Vec::with_capacity(n),
    };
    for p in parts {
        let unit = p.unit.as_ref().map(|u| u.label.as_str());
        let k = match c.indicators.iter().zip(&c.units).position(|(i, u)| *i == p.indicator && u.as_deref() == unit) {
            Some(k) => k,
            None => {
                c.indicators.push(p.indicator.clone());
                c.units.push(unit.map(str::to_string));
                c.indicators.len() - 1
            }
        };
        c.name.push(p.name.clone());
        c.indicator.push(k);
        c.target.push(num(p.target));
        c.actual.push(num(p.actual));
        c.completion.push(num(p.completion));
        c.gap_pp.push(num(p.gap_pp));
        c.status_key.push(status_out(p.status).1);
        c.gap_share.push(num(p.gap_share));
        c.note.push(p.note.clone());
    }
    c
}

#[derive(Debug, Serialize)]
pub struct ApiSplitPart {
    pub name: String,
    pub indicator: String,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub completion: Option<f64>,
    pub gap_pp: Option<f64>,
    pub status: &'static str,
    pub status_key: &'static str,
    pub gap_share: Option<f64>,
    /// The unit of `target` and `actual` (the whole's unit), or null.
    pub unit: Option<String>,
    /// Why a figure is missing, or 统计期后 for months after the period.
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct ApiSplitSum {
    pub indicator: String,
    pub what: String,
    pub whole: Option<f64>,
    pub parts_sum: f64,
    pub difference: Option<f64>,
    pub ok: bool,
    pub message: String,
}

/// The result of loading a scheme in the page: the scheme (null when refused) and why.
#[derive(Debug, Serialize)]
pub struct ApiSchemeLoad {
    pub scheme: Option<Scheme>,
    pub diagnostics: Vec<ApiDiagnostic>,
    /// Each official rule as pasted, how it was read and the method it became.
    pub readings: Vec<ApiReading>,
    /// Indicators whose rule was not understood (待定) and their points.
    pub pending: ApiPending,
}

/// One 评分标准 of an official table: as pasted, its read-back, its method's label.
#[derive(Debug, Serialize)]
pub struct ApiReading {
    pub item: String,
    pub text: String,
    pub reading: String,
    pub understood: bool,
    /// The method's label (差额计分, 待定 …); "" for adjustment and grade rows.
    pub method: String,
    pub row: Option<usize>,
    pub col: Option<usize>,
}

#[derive(Debug, Default, Serialize)]
pub struct ApiPending {
    pub count: usize,
    pub points: f64,
}

/// Parses "YYYY-MM-DD" (or "YYYY-M") into the month it falls in; anything else is `None`.
fn parse_today(s: &str) -> Option<Period> {
    let mut it = s.trim().split(['-', '/', '.']);
    let year: i32 = it.next()?.trim().parse().ok()?;
    let month: u32 = it.next()?.trim().parse().ok()?;
    ((1..=12).contains(&month) && (1900..=2999).contains(&year)).then_some(Period { year, month })
}

/// A valid period from the request, or `None` with a diagnostic pushed.
fn period_in(p: &ApiPeriodIn, diags: &mut Vec<Diagnostic>) -> Option<Period> {
    let ok = p.year.is_finite() && p.month.is_finite() && p.year.fract() == 0.0 && p.month.fract() == 0.0;
    if ok && (1900.0..=2999.0).contains(&p.year) && (1.0..=12.0).contains(&p.month) {
        Some(Period { year: p.year as i32, month: p.month as u32 })
    } else {
        diags.push(Diagnostic::warning(Source::Data, Problem::BadPeriod));
        None
    }
}

fn settings_in(s: Option<&ApiSettings>) -> ProgressSettings {
    let mut out = ProgressSettings::default();
    if let Some(s) = s {
        if let Some(b) = s.by_days {
            out.by_days = b;
        }
        if let Some(v) = s.slight_pp.filter(|v| v.is_finite() && *v >= 0.0) {
            out.slight_pp = v;
        }
        if let Some(v) = s.split_tolerance.filter(|v| v.is_finite() && *v >= 0.0) {
            out.split_tolerance = v;
        }
    }
    out
}

/// The core request for an API request. `fallback_today` is used when the
/// request carries no usable `today` (native callers, tests).
pub fn to_core(req: ApiRequest, diags: &mut Vec<Diagnostic>) -> eval::Request<'static> {
    let today = req.today.as_deref().and_then(parse_today).unwrap_or(Period { year: 2026, month: 1 });
    let scheme = match req.scheme {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(SchemeInput::Text(s)),
        Some(v) => match serde_json::from_value::<Scheme>(v) {
            Ok(s) => Some(SchemeInput::Parsed(Box::new(s))),
            Err(e) => Some(SchemeInput::Invalid(e.to_string())),
        },
    };
    let read = read_options(&req.read_overrides, req.shape.as_deref(), diags);
    eval::Request {
        read,
        data: std::borrow::Cow::Owned(req.data),
        scheme,
        period: req.period.as_ref().and_then(|p| period_in(p, diags)),
        splits: req.splits,
        today,
        settings: settings_in(req.settings.as_ref()),
        detail: match req.detail {
            Some(serde_json::Value::String(s)) if s == "all" => Detail::All,
            Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => n.as_u64().map_or(Detail::Auto, |i| Detail::Park(usize::try_from(i).unwrap_or(usize::MAX))),
            None | Some(serde_json::Value::Null) => Detail::Auto,
            Some(other) => {
                // Said like any other field of the wrong type, and read as absent.
                let detail = format!("应为 \"all\" 或园区序号，收到 {}", other.to_string().chars().take(40).collect::<String>());
                diags.push(Diagnostic::warning(Source::Data, Problem::RequestFieldType { field: "detail".into(), detail }));
                Detail::Auto
            }
        },
        what_if: crate::eval::whatif::WhatIf {
            changes: req
                .what_if
                .unwrap_or_default()
                .into_iter()
                .map(|(name, v)| match v {
                    ApiWhatIfIn::Value(x) => crate::eval::whatif::Change { name, value: Some(x), target: None },
                    ApiWhatIfIn::Fields { value, target } => crate::eval::whatif::Change { name, value, target },
                })
                .collect(),
            park: req.what_if_park,
            projected: req.projected.unwrap_or(false),
        },
    }
}

/// Evaluates a JSON request and returns the JSON report. Never fails: an
/// unreadable request is itself reported as a diagnostic.
pub fn evaluate_json(request: &str) -> String {
    evaluate_with(request, None)
}

/// `evaluate_json` with the pasted text apart from the rest of the request
/// (`rest`, the request's JSON without `data`): the page's big paste crosses
/// into wasm once as a string, not escaped into JSON and parsed again.
pub fn evaluate_parts(data: &str, rest: &str) -> String {
    evaluate_with(rest, Some(data))
}

fn evaluate_with(request: &str, data: Option<&str>) -> String {
    to_json(&evaluate_report(request, data))
}

/// A request read and evaluated: every entry point (`evaluate_*`, `export_*`)
/// goes through `evaluated`, so the screen and every export see the same
/// request read the same lenient way (`read_request`), with the same warnings.
struct Evaluated<'a> {
    /// The core request as evaluated (its `splits` give the read-backs).
    core: eval::Request<'a>,
    report: Report,
    /// Warnings and errors about the request itself, before the report's own.
    pre: Vec<Diagnostic>,
    form: Option<ApiDataForm>,
    compact: bool,
}

/// Reads `request` (and the pasted text apart from it, when given) and evaluates it.
fn evaluated<'a>(request: &str, data: Option<&'a str>) -> Evaluated<'a> {
    let mut pre = Vec::new();
    let req = read_request(&well_formed(request), &mut pre);
    let form = req.data_form.clone();
    let park = req.park_name.clone();
    let compact = req.compact == Some(true);
    let mut core: eval::Request<'a> = to_core(req, &mut pre);
    // The pasted text apart from the request is read where it lies, not copied.
    if let Some(d) = data {
        core.data = std::borrow::Cow::Borrowed(d);
    }
    let mut report = eval::evaluate(&core);
    name_park(&mut report, park.as_deref());
    Evaluated { core, report, pre, form, compact }
}

/// The report `evaluate_parts` writes as JSON, before it is written (the wasm
/// facade's boundary measurement, feature `boundary-bench`, hands it over another way).
pub fn evaluate_report(request: &str, data: Option<&str>) -> ApiReport {
    let Evaluated { core, report: evaluated, pre, form, compact } = evaluated(request, data);
    let mut report = from_core_with(&evaluated, compact);
    report.read.clipboard = form;
    // A checked split kept its columns as read; an empty paste has none (eval skips it).
    let mut checked = evaluated.splits.iter();
    report.read.splits = core
        .splits
        .iter()
        .map(|t| if t.trim().is_empty() { Vec::new() } else { checked.next().map(|s| s.columns.iter().map(column_out).collect()).unwrap_or_default() })
        .collect();
    let mut front: Vec<ApiDiagnostic> = pre.iter().map(diag_out).collect();
    front.append(&mut report.diagnostics);
    report.diagnostics = front;
    report
}

/// Reads a request. A field of the wrong type is left out with a diagnostic
/// (`request.field_type`, a warning; `data` of the wrong type is `request.unreadable`) and the rest is still
/// read; inside `settings` each setting on its own. A request sent as JSON text
/// inside JSON (a string holding the request's JSON) is read the same way.
fn read_request(text: &str, pre: &mut Vec<Diagnostic>) -> ApiRequest {
    // The fast path: a well-typed request is read directly, without a tree copy of a big paste.
    let first = match serde_json::from_str::<ApiRequest>(text) {
        Ok(r) => return r,
        Err(e) => e,
    };
    let unreadable = |pre: &mut Vec<Diagnostic>, detail: String| {
        pre.push(Diagnostic::error(Source::Data, Problem::BadRequest { detail }));
        ApiRequest::default()
    };
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::String(inner)) => match serde_json::from_str::<serde_json::Value>(&inner) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            _ => return unreadable(pre, first.to_string()),
        },
        Ok(v) => v,
        Err(_) => return unreadable(pre, first.to_string()),
    };
    let serde_json::Value::Object(mut map) = value else {
        return unreadable(pre, first.to_string());
    };
    // Whether `key: v` alone reads as a request; the error when not.
    let probe = |key: &str, v: &serde_json::Value| -> Option<String> {
        let mut one = serde_json::Map::new();
        one.insert(key.to_string(), v.clone());
        serde_json::from_value::<ApiRequest>(serde_json::Value::Object(one)).err().map(|e| e.to_string())
    };
    let drop = |pre: &mut Vec<Diagnostic>, field: String, detail: String| {
        // `data` is no optional field: without it there is nothing to evaluate.
        pre.push(if field == "data" {
            Diagnostic::error(Source::Data, Problem::BadRequest { detail: format!("data：{detail}") })
        } else {
            Diagnostic::warning(Source::Data, Problem::RequestFieldType { field, detail })
        });
    };
    if let Some(serde_json::Value::Object(settings)) = map.get_mut("settings") {
        let keys: Vec<String> = settings.keys().cloned().collect();
        for k in keys {
            let Some(v) = settings.get(&k) else { continue };
            let mut one = serde_json::Map::new();
            one.insert(k.clone(), v.clone());
            if let Some(detail) = probe("settings", &serde_json::Value::Object(one)) {
                settings.remove(&k);
                drop(pre, format!("settings.{k}"), detail);
            }
        }
    }
    let keys: Vec<String> = map.keys().cloned().collect();
    for k in keys {
        let Some(v) = map.get(&k) else { continue };
        if let Some(detail) = probe(&k, v) {
            map.remove(&k);
            drop(pre, k, detail);
        }
    }
    match serde_json::from_value::<ApiRequest>(serde_json::Value::Object(map)) {
        Ok(r) => r,
        Err(e) => unreadable(pre, e.to_string()),
    }
}

/// Loads scheme text (JSON or a pasted table) for the page's scheme editor.
pub fn load_scheme_json(text: &str) -> String {
    let loaded = scheme_text::load(text);
    let method_of = |item: &str| loaded.scheme.as_ref().and_then(|s| s.indicators.iter().find(|i| i.name == item)).map(|i| i.method.label().to_string()).unwrap_or_default();
    let readings = loaded
        .readings
        .iter()
        .map(|r| ApiReading { item: r.item.clone(), text: r.text.clone(), reading: r.reading.clone(), understood: r.understood, method: method_of(&r.item), row: r.row, col: r.col })
        .collect();
    let mut pending = ApiPending::default();
    for i in loaded.scheme.iter().flat_map(|s| &s.indicators).filter(|i| matches!(i.method, scheme::Method::Pending { .. })) {
        pending.count += 1;
        pending.points += i.weight;
    }
    to_json(&ApiSchemeLoad { scheme: loaded.scheme, diagnostics: loaded.diagnostics.iter().map(diag_out).collect(), readings, pending })
}

/// The built-in scheme as pretty JSON, the same text the tool saves and loads.
pub fn default_scheme_json() -> String {
    serde_json::to_string_pretty(&scheme::default_scheme()).unwrap_or_else(|_| "{}".into())
}

fn to_json<T: Serialize>(v: &T) -> String {
    // Serialization of these plain structs cannot fail; if it ever did, the page
    // still gets valid JSON that says so instead of a dead wasm instance.
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":\"{}\"}}", e.to_string().replace('"', "'")))
}

fn diag_out(d: &Diagnostic) -> ApiDiagnostic {
    let (source, split) = match d.source {
        Source::Data => ("data", None),
        Source::Scheme => ("scheme", None),
        Source::Split(i) => ("split", Some(i)),
    };
    ApiDiagnostic { row: d.row, col: d.col, level: d.level, kind: d.kind(), message: d.message(), cell: d.cell.clone(), source, split }
}

/// Missing values must reach JS as null, never NaN or Infinity.
fn num(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

fn status_out(s: Status) -> (&'static str, &'static str) {
    let key = match s {
        Status::Ahead => "ahead",
        Status::SlightlyBehind => "slight",
        Status::FarBehind => "far",
        Status::Missing => "missing",
    };
    (s.label(), key)
}

fn progress_out(p: &model::ProgressRow) -> ApiProgress {
    let (_, status_key) = status_out(p.status);
    let status = p.status_words();
    ApiProgress {
        name: p.name.clone(),
        unit: p.unit.label.clone(),
        target: num(p.target),
        actual: num(p.actual),
        completion: num(p.completion),
        time_progress: num(p.time_progress),
        gap_pp: num(p.gap_pp),
        yoy: num(p.yoy),
        projection: num(p.projection),
        monthly_needed: num(p.monthly_needed),
        status,
        status_key,
        rate: p.rate,
        negative: p.negative,
        note: p.note.clone(),
    }
}

pub fn from_core(r: &Report) -> ApiReport {
    from_core_with(r, false)
}

/// The report; with `compact` and more than `eval::AUTO_DETAIL_MAX` parks, the
/// parks' summaries as parallel arrays and only the detailed parks as objects.
pub fn from_core_with(r: &Report, compact: bool) -> ApiReport {
    // Splits of many parts are compact on their own count (`SPLIT_LIST_MAX`).
    let compact_splits = compact;
    let compact = compact && r.parks.len() > eval::AUTO_DETAIL_MAX;
    // Each park's group and rank within it, as the ranking table has them.
    let groups = crate::report::groups(r);
    let source = match r.period_source {
        PeriodSource::User => "user",
        PeriodSource::Header => "header",
        PeriodSource::Today => "today",
    };
    let shape = match r.read.shape {
        Shape::IndicatorRows => "indicator_rows",
        Shape::ParkRows => "park_rows",
        Shape::Unknown => "unknown",
    };
    ApiReport {
        version: crate::VERSION,
        period: ApiPeriod { year: r.period.year, month: r.period.month, source },
        scheme: ApiSchemeInfo { name: r.scheme.name.clone(), note: r.scheme.note.clone(), total: r.scheme.total, fallback: r.scheme_fallback },
        read: ApiRead {
            shape,
            header_row: r.read.header_row.map(|h| h + 1),
            columns: r.read.columns.iter().map(column_out).collect(),
            unmatched: r
                .read
                .unmatched
                .iter()
                .map(|u| ApiUnmatched { row: u.row + 1, col: u.col + 1, text: u.text.clone(), suggestions: u.suggestions.clone() })
                .collect(),
            missing: r.read.missing.clone(),
            clipboard: None,
            splits: Vec::new(),
        },
        diagnostics: r.diagnostics.iter().map(diag_out).collect(),
        parks: r
            .parks
            .iter()
            .enumerate()
            .filter(|(_, p)| !compact || p.detailed)
            .map(|(i, p)| {
                let s = &p.score;
                let (group, group_rank) = groups.get(i).cloned().unwrap_or_default();
                ApiPark {
                    name: s.name.clone(),
                    group_rank,
                    group,
                    total: s.total,
                    grade: s.grade.to_string(),
                    unscored_items: s.unscored.items,
                    unscored_points: s.unscored.points,
                    rank: s.rank,
                    veto: s.veto.clone(),
                    detailed: p.detailed,
                    dimensions: s.dimensions.iter().map(|d| ApiDimension { key: d.key.to_string(), name: d.name.to_string(), weight: d.weight, score: d.score }).collect(),
                    to_next_grade: p.reach.to_next_grade.as_ref().map(|g| ApiNextGrade {
                        grade: g.grade.to_string(),
                        points_needed: g.points_needed,
                        plan: g.plan.iter().map(|st| ApiPlanStep { name: st.name.clone(), unit: st.unit.clone(), from: st.from, to: st.to, gain: st.gain }).collect(),
                        plan_gain: g.plan.iter().map(|st| st.gain).sum(),
                        blocked_by: g.blocked_by.clone(),
                    }),
                    to_top_grade: p.reach.to_top_grade.as_ref().map(|g| ApiTopGrade { grade: g.grade.to_string(), points_needed: g.points_needed }),
                    to_next_rank: p.reach.to_next_rank.as_ref().map(|r| ApiNextRank { rank: r.rank, park: r.park.clone(), points_needed: r.points_needed }),
                    lead_over_next: p.reach.lead_over_next.as_ref().map(|l| ApiLead { park: l.park.clone(), points: l.points }),
                    indicators: s
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(k, i)| (i, p.reach.full_marks.get(k).cloned().unwrap_or_default()))
                        .map(|(i, fm)| ApiIndicator {
                            name: i.name.clone(),
                            dimension: i.dimension.clone(),
                            unit: i.unit.label.clone(),
                            value: num(i.value),
                            target: num(i.target),
                            completion: num(i.completion),
                            weight: i.weight,
                            score: i.score,
                            lost: i.lost,
                            explain: i.explain.clone(),
                            method: i.method.clone(),
                            missing: i.missing.clone(),
                            full_marks_value: num(fm.value),
                            full_marks_reason: fm.reason,
                            full_marks_change: num(fm.change),
                            full_marks_change_pct: num(fm.change_pct),
                            points_per_unit: num(fm.per_unit),
                            simulated: r.what_if.iter().any(|w| w.park == s.name && w.name == i.name),
                        })
                        .collect(),
                    adjustments: s.adjustments.iter().map(|a| ApiAdjustment { name: a.name.clone(), points: a.points, explain: a.explain.clone() }).collect(),
                    progress: p.progress.iter().map(progress_out).collect(),
                }
            })
            .collect(),
        parks_compact: compact.then(|| parks_compact(r, &groups)),
        splits: r
            .splits
            .iter()
            .enumerate()
            .map(|(index, s)| ApiSplit {
                index,
                title: s.title.clone(),
                kind: s.kind.clone(),
                unit: s.unit.as_ref().map(|u| u.label.clone()),
                parts: if compact_splits && s.parts.len() > SPLIT_LIST_MAX { Vec::new() } else { s.parts.iter().map(split_part_out).collect() },
                parts_compact: (compact_splits && s.parts.len() > SPLIT_LIST_MAX).then(|| split_parts_compact(&s.parts)),
                sums: s
                    .sums
                    .iter()
                    .map(|m| ApiSplitSum {
                        indicator: m.indicator.clone(),
                        what: m.what.clone(),
                        whole: num(m.whole),
                        parts_sum: if m.parts_sum.is_finite() { m.parts_sum } else { 0.0 },
                        difference: num(m.difference),
                        ok: m.ok,
                        message: m.message.clone(),
                    })
                    .collect(),
                laggards: s.laggards.clone(),
            })
            .collect(),
        tables: tables_out(r, compact_splits),
        what_if: r
            .what_if
            .iter()
            .map(|w| ApiWhatIf { park: w.park.clone(), name: w.name.clone(), field: w.field, pasted: num(w.pasted), simulated: w.simulated })
            .collect(),
    }
}

// ---------- result tables: the one layout (export::tables), as the page renders it ----------

/// One result table as laid out by `export::tables`: the page renders it as it
/// is (adding only classes, buttons and the user's sort), and its 复制此表 and
/// the exports write the same layout, cell for cell.
#[derive(Debug, Serialize)]
pub struct ApiTable {
    /// "breakdown:0", "dimensions:0", "adjustments:0", "progress:0", "reach:plan:0", "reach:full:0", "ranking", "split:0", "split:0:sums".
    pub key: String,
    /// The caption line (whose table, the period, the scheme), as copied.
    pub caption: String,
    pub columns: Vec<ApiTableColumn>,
    pub rows: Vec<ApiTableRow>,
}

#[derive(Debug, Serialize)]
pub struct ApiTableColumn {
    /// The header as copied: `label`, then `(unit)` when there is a unit.
    pub text: String,
    pub label: String,
    pub unit: Option<String>,
    /// A number column (right-aligned; sorted as numbers).
    pub num: bool,
    /// A stable key: "name", "status", "explain", "gap_pp", "dim:planning" …
    pub key: String,
}

#[derive(Debug, Serialize)]
pub struct ApiTableRow {
    /// Every cell's printed text ("" for none).
    pub cells: Vec<String>,
    /// Space-separated classes: subtotal, total, dimhead, missing, adjust (room for simulated).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub class: String,
    /// Status key: ahead, slight, far, missing; ok or bad for a sum check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// What the row explains (an indicator's or adjustment's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The park a ranking row stands for (0-based, paste order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub park: Option<usize>,
}

/// The report's tables. Above `eval::AUTO_DETAIL_MAX` parks the ranking carries
/// the rows the page lists, the leaders and every detailed park: twenty thousand
/// rows nobody reads on screen would cost more than the rest of the report, and
/// the exports (`export_json`) write the full ranking.
fn tables_out(r: &Report, compact: bool) -> Vec<ApiTable> {
    let ranked = if r.parks.len() > eval::AUTO_DETAIL_MAX { eval::AUTO_DETAIL_MAX } else { usize::MAX };
    let parts = if compact { SPLIT_LIST_MAX } else { usize::MAX };
    crate::report::listed_tables_with(r, ranked, parts)
        .into_iter()
        .map(|t| ApiTable {
            columns: t
                .columns
                .iter()
                .map(|c| ApiTableColumn { text: c.text(), label: c.label.clone(), unit: c.unit.clone(), num: c.num, key: c.key.clone() })
                .collect(),
            rows: t
                .rows
                .into_iter()
                .zip(t.meta)
                .map(|(cells, m)| ApiTableRow { cells, class: m.class.join(" "), status: m.status, link: m.link, park: m.park })
                .collect(),
            key: t.key,
            caption: t.title,
        })
        .collect()
}

/// Every park's summary as parallel arrays (see `ApiParksCompact`).
fn parks_compact(r: &Report, groups: &[(Option<String>, Option<u32>)]) -> ApiParksCompact {
    let n = r.parks.len();
    let mut c = ApiParksCompact {
        count: n,
        name: Vec::with_capacity(n),
        group: Vec::with_capacity(n),
        group_rank: Vec::with_capacity(n),
        total: Vec::with_capacity(n),
        grade: Vec::with_capacity(n),
        unscored_items: Vec::with_capacity(n),
        unscored_points: Vec::with_capacity(n),
        rank: Vec::with_capacity(n),
        veto: Vec::with_capacity(n),
        dimensions: r
            .scheme
            .dimensions
            .iter()
            .map(|d| ApiDimensionColumn { key: d.key.clone(), name: d.name.clone(), weight: d.weight, score: Vec::with_capacity(n) })
            .collect(),
        adjustments: r.scheme.adjustments.iter().map(|a| ApiAdjustmentColumn { name: a.name.clone(), points: Vec::with_capacity(n) }).collect(),
        detailed: Vec::new(),
    };
    for (i, p) in r.parks.iter().enumerate() {
        let s = &p.score;
        let (group, group_rank) = groups.get(i).cloned().unwrap_or_default();
        c.group_rank.push(group_rank);
        c.group.push(group);
        c.name.push(s.name.clone());
        c.total.push(s.total);
        c.grade.push(s.grade.clone());
        c.unscored_items.push(s.unscored.items);
        c.unscored_points.push(s.unscored.points);
        c.rank.push(s.rank);
        c.veto.push(s.veto.clone());
        // A park's dimensions and adjustments follow the scheme's order.
        for (col, d) in c.dimensions.iter_mut().zip(&s.dimensions) {
            col.score.push(d.score);
        }
        for (col, a) in c.adjustments.iter_mut().zip(&s.adjustments) {
            col.points.push(a.points);
        }
        if p.detailed {
            c.detailed.push(i);
        }
    }
    c
}

/// Evaluates a JSON request and exports the tables whose key starts with `key`
/// as `format` ("tsv", "csv", "xlsx").
pub fn export_json(request: &str, key: &str, format: &str) -> Vec<u8> {
    export_with(request, None, key, format)
}

/// `export_json` with the pasted text apart from the rest of the request (see `evaluate_parts`).
pub fn export_parts(data: &str, rest: &str, key: &str, format: &str) -> Vec<u8> {
    export_with(rest, Some(data), key, format)
}

fn export_with(request: &str, data: Option<&str>, key: &str, format: &str) -> Vec<u8> {
    crate::export::export(&evaluated(request, data).report, key, format)
}

/// A scheme (JSON text) written back as the pasteable table the tool also reads,
/// for "copy scheme as table"; "" when the JSON is not a scheme.
pub fn scheme_table(scheme_json: &str) -> String {
    serde_json::from_str::<Scheme>(&well_formed(scheme_json)).map(|s| scheme::to_table(&s)).unwrap_or_default()
}

/// The grammar of pasted scheme tables, in Chinese, for the page's help.
pub fn scheme_help() -> &'static str {
    scheme::SCHEME_TABLE_HELP
}

#[cfg(test)]
mod tests {
    use super::{evaluate_json, evaluate_parts, export_json, export_parts, well_formed};

    fn many_parks(n: usize) -> String {
        let mut t = String::from("园区\t技工贸总收入（亿元）\t上交税金（亿元）\t主导产业营业收入占比（%）\n");
        for i in 0..n {
            t.push_str(&format!("园区{i}\t{}\t{}.5\t{}%\n", 100 + i, i % 9, 40 + i % 50));
        }
        t
    }

    #[test]
    fn the_paste_apart_from_the_request_reads_as_the_whole_request() {
        let data = many_parks(3);
        let rest = r#"{"period":{"year":2022,"month":11},"today":"2026-11-30","detail":"all"}"#;
        let whole = serde_json::json!({"data": data, "period": {"year": 2022, "month": 11}, "today": "2026-11-30", "detail": "all"}).to_string();
        assert_eq!(evaluate_parts(&data, rest), evaluate_json(&whole));
        assert_eq!(export_parts(&data, rest, "", "tsv"), export_json(&whole, "", "tsv"));
        // A lone surrogate cannot reach Rust as a &str; an unreadable rest is still reported.
        let bad: serde_json::Value = serde_json::from_str(&evaluate_parts(&data, "[")).unwrap();
        assert!(bad["diagnostics"].as_array().unwrap().iter().any(|d| d["kind"] == "request.unreadable"));
    }

    #[test]
    fn above_200_parks_a_compact_report_carries_every_summary_as_arrays() {
        let data = many_parks(250);
        let full: serde_json::Value =
            serde_json::from_str(&evaluate_json(&serde_json::json!({"data": data, "today": "2026-11-30", "detail": 7}).to_string())).unwrap();
        let compact: serde_json::Value = serde_json::from_str(&evaluate_parts(&data, r#"{"today":"2026-11-30","detail":7,"compact":true}"#)).unwrap();
        let c = &compact["parks_compact"];
        assert_eq!(c["count"], 250);
        assert_eq!(c["detailed"], serde_json::json!([7]));
        let parks = full["parks"].as_array().unwrap();
        assert_eq!(parks.len(), 250);
        assert_eq!(compact["parks"].as_array().unwrap().len(), 1);
        assert_eq!(compact["parks"][0], parks[7], "the detailed park's object is the same");
        for (i, p) in parks.iter().enumerate() {
            for k in ["name", "group", "group_rank", "total", "grade", "unscored_items", "unscored_points", "rank", "veto"] {
                assert_eq!(c[k][i], p[k], "{k} of park {i}");
            }
            for (d, dim) in p["dimensions"].as_array().unwrap().iter().enumerate() {
                assert_eq!(c["dimensions"][d]["key"], dim["key"]);
                assert_eq!(c["dimensions"][d]["score"][i], dim["score"], "dimension {d} of park {i}");
            }
            for (a, adj) in p["adjustments"].as_array().unwrap().iter().enumerate() {
                assert_eq!(c["adjustments"][a]["points"][i], adj["points"]);
            }
        }
        assert!(full.get("parks_compact").is_none(), "without compact the report keeps one object per park");
        // Up to 200 parks compact changes nothing.
        let few = many_parks(200);
        let a = evaluate_parts(&few, r#"{"today":"2026-11-30","compact":true}"#);
        assert_eq!(a, evaluate_json(&serde_json::json!({"data": few, "today": "2026-11-30"}).to_string()));
    }

    #[test]
    fn a_wrongly_typed_field_is_a_warning_and_the_rest_is_evaluated() {
        let data = "指标名称\\t单位\\t年度目标\\t1-11月累计\\n技工贸总收入\\t亿元\\t165\\t148\\n";
        let req = format!(r#"{{"data":"{data}","period":{{"year":2022,"month":11}},"settings":{{"slight_pp":"3","by_days":true}},"splits":"x","today":20221130}}"#);
        let report: serde_json::Value = serde_json::from_str(&evaluate_json(&req)).unwrap();
        let diags = report["diagnostics"].as_array().unwrap();
        let fields: Vec<&str> = diags.iter().filter(|d| d["kind"] == "request.field_type").map(|d| d["level"].as_str().unwrap()).collect();
        assert_eq!(fields, ["warning", "warning", "warning"], "{diags:?}");
        assert!(diags.iter().any(|d| d["message"].as_str().unwrap().contains("settings.slight_pp")));
        assert_eq!(report["parks"].as_array().unwrap().len(), 1);
        assert_eq!(report["period"]["month"], 11, "the period is still read");
        // The same request as JSON text inside JSON reads the same.
        let inner = serde_json::to_string(&format!(r#"{{"data":"{data}","period":{{"year":2022,"month":11}}}}"#)).unwrap();
        let again: serde_json::Value = serde_json::from_str(&evaluate_json(&inner)).unwrap();
        assert_eq!(again["parks"].as_array().unwrap().len(), 1);
        assert_eq!(again["period"]["source"], "user");
    }

    #[test]
    fn the_park_name_names_the_exports() {
        let req = r#"{"data":"指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148\n","park_name":" 湘潭园区 ","period":{"year":2022,"month":11}}"#;
        let csv = String::from_utf8(export_json(req, "", "csv")).unwrap();
        // One indicator of 22 pasted: the title says the total is partial (issue 27).
        assert!(csv.contains("湘潭园区得分明细（部分得分，21 项指标未计分，未计入 92 分）（数据截至2022年11月，评价方案："), "{csv}");
        assert!(csv.lines().any(|l| l.starts_with("1,湘潭园区,")), "the ranking row names the park: {csv}");
        let xlsx = export_json(req, "", "xlsx");
        let text = String::from_utf8_lossy(&xlsx);
        assert!(text.contains("<dc:title>湘潭园区五好园区评价（部分得分，21 项指标未计分，未计入 92 分）（数据截至2022年11月"), "document properties carry the title");
    }

    #[test]
    fn the_report_carries_the_tables_the_exports_write() {
        let req = r#"{"data":"指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n","period":{"year":2022,"month":11}}"#;
        let report: serde_json::Value = serde_json::from_str(&evaluate_json(req)).unwrap();
        let tables = report["tables"].as_array().unwrap();
        let keys: Vec<&str> = tables.iter().map(|t| t["key"].as_str().unwrap()).collect();
        assert_eq!(keys.first(), Some(&"breakdown:0"), "{keys:?}");
        assert!(keys.contains(&"progress:0") && keys.contains(&"ranking"), "{keys:?}");
        // The breakdown's 总分 row is the park's total as printed, and its caption is the TSV's first line.
        let b = &tables[0];
        let last = b["rows"].as_array().unwrap().last().unwrap();
        assert_eq!(last["class"], "total");
        assert_eq!(last["cells"][7].as_str().unwrap(), format!("{:.2}", report["parks"][0]["total"].as_f64().unwrap()));
        let tsv = String::from_utf8(export_json(req, "breakdown:0@", "tsv")).unwrap();
        let mut lines = tsv.split("\r\n");
        assert_eq!(lines.next(), b["caption"].as_str());
        let head: Vec<&str> = b["columns"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
        assert_eq!(lines.next(), Some(head.join("\t").as_str()));
    }

    #[test]
    fn above_200_parks_the_reported_ranking_lists_the_leaders_and_the_detailed_park() {
        let mut data = "园区\t技工贸总收入（亿元）\n".to_string();
        for k in 0..250 {
            data.push_str(&format!("园区{k}\t{}\n", 100 + k));
        }
        let req = serde_json::json!({ "data": data, "detail": 230, "period": { "year": 2022, "month": 11 } }).to_string();
        let report: serde_json::Value = serde_json::from_str(&evaluate_json(&req)).unwrap();
        let ranking = report["tables"].as_array().unwrap().iter().find(|t| t["key"] == "ranking").unwrap();
        let listed: Vec<String> = ranking["rows"].as_array().unwrap().iter().map(|r| r["cells"][1].as_str().unwrap().to_string()).collect();
        // The export keeps the full ranking: its caption, header and 250 rows.
        let tsv = String::from_utf8(export_json(&req, "ranking", "tsv")).unwrap();
        let lines: Vec<&str> = tsv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 252);
        let full: Vec<String> = lines.iter().skip(2).map(|l| l.split('\t').nth(1).unwrap().to_string()).collect();
        // The report lists the 200 leaders, then the detailed park when it is not among them.
        let mut want: Vec<String> = full.iter().take(200).cloned().collect();
        if !want.iter().any(|n| n == "园区230") {
            want.push("园区230".into());
        }
        assert_eq!(listed, want);
        assert_eq!(listed.len(), 201, "园区230 ranks below the 200 leaders here (ties keep the pasted order)");
    }

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        for (json, want) in [
            (r#""a\ud800b""#, r#""a\ufffdb""#),
            (r#""\udc00""#, r#""\ufffd""#),
            (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#),
            (r#""\ud800\ud800\udc00""#, r#""\ufffd\ud800\udc00""#),
            (r#""\\ud800""#, r#""\\ud800""#),
            (r#""\u00e9\ud8""#, r#""\u00e9\ud8""#),
            ("\"\\ud800", "\"\\ufffd"),
            ("\"名\\", "\"名\\"),
        ] {
            assert_eq!(well_formed(json), want, "{json}");
        }
        assert!(serde_json::from_str::<String>(&well_formed(r#""x\udbffy\udfff""#)).is_ok());
    }
}
