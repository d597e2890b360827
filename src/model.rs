//! The core data model shared by the readers, scorers and progress checks.
//!
//! These types are internal and free to change; the JS side sees only the
//! serializable structs in `api`.

use std::rc::Rc;

use crate::diag::Diagnostic;
use crate::table::column::ColumnInfo;
use crate::base::fixed::Points;
use crate::base::unit::Unit;
use std::collections::BTreeMap;

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

    /// The park's observation of an item, by the item's canonical name.
    pub fn get(&self, item: &str) -> Option<&Observation> {
        self.items.get(item)
    }

    /// Replaces (or adds) the park's observation of an item; `None` removes it.
    pub fn set(&mut self, item: &str, ob: Option<Observation>) {
        match ob {
            Some(ob) => {
                self.items.insert(item.to_string(), ob);
            }
            None => {
                self.items.remove(item);
            }
        }
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
    /// Shared with the scheme's dimension (`Scheme::shared_dimension_names`):
    /// 20,000 parks make no copy of these.
    pub key: Rc<str>,
    pub name: Rc<str>,
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
    /// Shared between the parks of one evaluation (a clone is a count, not a copy).
    pub grade: Rc<str>,
    /// The 一票否决 reason, when one applies.
    pub veto: Option<String>,
    /// 1-based; ties share a rank (1, 1, 3).
    pub rank: u32,
    /// The indicators the total lacks (scored 缺数据); empty when the total is whole.
    pub unscored: Unscored,
}

/// What a park's total lacks: the indicators scored 缺数据 and the points they
/// carry (weight less the scheme's missing-data score), split into those with
/// no value at all and those with a value but no target (or base) to score it by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unscored {
    pub items: u32,
    pub points: Points,
    /// Of `items`, those with no value (the paste has no figure for them).
    pub no_value: u32,
    pub no_value_points: Points,
}

impl Unscored {
    /// Counts one indicator scored 缺数据 that carries `points` it did not get.
    pub fn add(&mut self, points: Points, no_value: bool) {
        self.items = self.items.saturating_add(1);
        self.points += points;
        if no_value {
            self.no_value = self.no_value.saturating_add(1);
            self.no_value_points += points;
        }
    }

    /// True when some indicator was not scored: the total is a part of the score.
    pub fn is_partial(&self) -> bool {
        self.items > 0
    }
}

impl ParkScore {
    /// The grade as it may be shown: with indicators unscored the total is a part
    /// of the score, so it is 未定级, with the grade the scored part reaches.
    pub fn grade_shown(&self) -> String {
        if !self.unscored.is_partial() {
            return self.grade.to_string();
        }
        if self.grade.is_empty() {
            return "未定级".to_string();
        }
        format!("未定级（已计分部分为{}）", self.grade)
    }

    /// The mark a partial total carries wherever it is shown (部分得分，未计入 N 分), or None.
    pub fn partial_mark(&self) -> Option<String> {
        self.unscored.is_partial().then(|| format!("部分得分，{} 项指标未计分，未计入 {} 分", self.unscored.items, points_text(self.unscored.points)))
    }
}

/// Points as a statistician writes them in a sentence: 76, 53.5 (no trailing zeros).
pub fn points_text(p: Points) -> String {
    let s = p.to_string();
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Progress status against 序时进度 (or against the target, where no schedule applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// 超序时进度: at or ahead of time progress (达到目标 without a schedule).
    Ahead,
    /// 略低于序时进度
    SlightlyBehind,
    /// 严重低于序时进度
    FarBehind,
    /// 缺数据: no target or no actual.
    Missing,
}

impl Status {
    /// The status in the words of an office's 调度表 where a schedule applies.
    pub fn label(self) -> &'static str {
        self.words(true)
    }

    /// The status in an office's words: against 序时进度 where a schedule applies (a flow
    /// with a positive annual target), else against the target itself (a share, a rate,
    /// a 容积率, a count whose target is 0 such as accidents: 达到目标, never 超序时进度).
    pub fn words(self, scheduled: bool) -> &'static str {
        match (self, scheduled) {
            (Status::Ahead, true) => "超序时进度",
            (Status::SlightlyBehind, true) => "略低于序时进度",
            (Status::FarBehind, true) => "严重低于序时进度",
            (Status::Ahead, false) => "达到目标",
            (Status::SlightlyBehind, false) => "略低于目标",
            (Status::FarBehind, false) => "明显低于目标",
            (Status::Missing, _) => "缺数据",
        }
    }
}

/// Settings of the progress check, editable in the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressSettings {
    /// Use days elapsed / days in year instead of m / 12.
    pub by_days: bool,
    /// A gap (percentage points, ≤ 0) down to −`slight_pp` is 略低于序时进度; below it 严重低于.
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

impl ProgressRow {
    /// Whether the row is judged against 序时进度: a cumulative figure with a positive
    /// annual target (rates are judged against their target, and so is a target of 0).
    pub fn scheduled(&self) -> bool {
        self.time_progress.is_some() && self.target.is_some_and(|t| t > 0.0)
    }

    /// The status as the office words it (`Status::words`).
    pub fn status_words(&self) -> &'static str {
        self.status.words(self.scheduled())
    }
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
    /// How the table's columns were read (`split::read_columns`), from the same parse.
    pub columns: Vec<ColumnInfo>,
}

/// The columnar park model (issue 14): every park of a paste, one row per park,
/// one column set per item (value, target, last year: f64 indexed by park, a
/// missing figure stored as `NONE`), item names resolved to column indices once
/// per paste. The reader fills it cell by cell without a `String` or a map per
/// park; scoring reads it by index. `park(i)` materialises one park as a
/// `ParkData` (for the parks shown in detail, progress, splits and tests), and
/// `get`/`set` read or replace one observation by item name.
#[derive(Clone, Debug, Default)]
pub struct Parks {
    names: Vec<String>,
    rows: Vec<Option<usize>>,
    groups: Vec<Option<String>>,
    items: Vec<ItemColumn>,
    index: BTreeMap<String, usize>,
}

/// One item's figures for every park (index = park).
#[derive(Clone, Debug, Default)]
pub struct ItemColumn {
    pub name: String,
    value: Vec<f64>,
    target: Vec<f64>,
    last_year: Vec<f64>,
    /// `ABSENT` (the park has no observation of this item), `NO_POS`, or row << 32 | col.
    pos: Vec<u64>,
    /// The rare parts of an observation (monthly figures, a note), by park.
    extra: BTreeMap<usize, Extra>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Extra {
    last_year_monthly: Vec<Option<f64>>,
    monthly: Vec<Option<f64>>,
    note: String,
    /// A what-if's value used instead of the item's formula (`Observation::overrides_formula`).
    overrides_formula: bool,
}

/// A missing figure in a column: a NaN with a payload that neither arithmetic
/// nor the reader produces, so a column is 8 bytes a park, not 16.
pub const NONE_BITS: u64 = 0x7ff8_0000_dead_beef;
const ABSENT: u64 = u64::MAX;
const NO_POS: u64 = u64::MAX - 1;

/// An optional figure as a column stores it.
pub fn pack(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::from_bits(NONE_BITS))
}

/// A column's figure as an option.
pub fn unpack(x: Option<&f64>) -> Option<f64> {
    x.copied().filter(|x| x.to_bits() != NONE_BITS)
}

fn pack_pos(pos: Option<(usize, usize)>) -> u64 {
    match pos {
        Some((r, c)) => match (u32::try_from(r), u32::try_from(c)) {
            (Ok(r), Ok(c)) => (u64::from(r) << 32) | u64::from(c),
            _ => NO_POS,
        },
        None => NO_POS,
    }
}

fn unpack_pos(p: u64) -> Option<(usize, usize)> {
    if p >= NO_POS {
        return None;
    }
    Some(((p >> 32) as usize, (p & 0xffff_ffff) as usize))
}

impl ItemColumn {
    fn new(name: &str, parks: usize) -> ItemColumn {
        let none = pack(None);
        ItemColumn {
            name: name.to_string(),
            value: vec![none; parks],
            // Targets and last year's figures are allocated at the first park that has one:
            // most pastes carry only values, and two columns of nothing were a third of the model.
            target: Vec::new(),
            last_year: Vec::new(),
            pos: vec![ABSENT; parks],
            extra: BTreeMap::new(),
        }
    }

    /// Every park's value (`NONE_BITS` where missing), indexed by park.
    pub fn values(&self) -> &[f64] {
        &self.value
    }

    /// Every park's target; empty when no park has one, else as long as `values`.
    pub fn targets(&self) -> &[f64] {
        &self.target
    }

    /// Every park's figure of last year; empty when no park has one, else as long as `values`.
    pub fn last_years(&self) -> &[f64] {
        &self.last_year
    }

    pub fn value(&self, park: usize) -> Option<f64> {
        unpack(self.value.get(park))
    }

    pub fn target(&self, park: usize) -> Option<f64> {
        unpack(self.target.get(park))
    }

    pub fn last_year(&self, park: usize) -> Option<f64> {
        unpack(self.last_year.get(park))
    }

    /// Whether the park has an observation of this item (possibly with every figure missing).
    pub fn present(&self, park: usize) -> bool {
        self.pos.get(park).is_some_and(|&p| p != ABSENT)
    }

    pub fn pos(&self, park: usize) -> Option<(usize, usize)> {
        self.pos.get(park).copied().and_then(unpack_pos)
    }

    /// The parks whose value a what-if set in place of the item's formula.
    pub fn overriding(&self) -> impl Iterator<Item = usize> + '_ {
        self.extra.iter().filter(|(_, e)| e.overrides_formula).map(|(&p, _)| p)
    }

    fn get(&self, park: usize) -> Option<Observation> {
        if !self.present(park) {
            return None;
        }
        let extra = self.extra.get(&park).cloned().unwrap_or_default();
        Some(Observation {
            value: unpack(self.value.get(park)),
            target: unpack(self.target.get(park)),
            last_year: unpack(self.last_year.get(park)),
            last_year_monthly: extra.last_year_monthly,
            monthly: extra.monthly,
            note: extra.note,
            pos: self.pos(park),
            overrides_formula: extra.overrides_formula,
        })
    }

    /// Sets the three figures and the position of one park's observation.
    pub fn fill(&mut self, park: usize, value: Option<f64>, target: Option<f64>, last_year: Option<f64>, pos: Option<(usize, usize)>) {
        if let Some(x) = self.value.get_mut(park) {
            *x = pack(value);
        }
        let n = self.value.len();
        set_sparse(&mut self.target, n, park, target);
        set_sparse(&mut self.last_year, n, park, last_year);
        if let Some(x) = self.pos.get_mut(park) {
            *x = pack_pos(pos);
        }
    }

    /// Replaces one park's value (the observation must be present).
    pub fn set_value(&mut self, park: usize, value: Option<f64>) {
        if let Some(x) = self.value.get_mut(park) {
            *x = pack(value);
        }
    }

    fn set(&mut self, park: usize, ob: Observation) {
        self.fill(park, ob.value, ob.target, ob.last_year, ob.pos);
        let extra = Extra { last_year_monthly: ob.last_year_monthly, monthly: ob.monthly, note: ob.note, overrides_formula: ob.overrides_formula };
        if extra == Extra::default() {
            self.extra.remove(&park);
        } else {
            self.extra.insert(park, extra);
        }
    }

    fn remove(&mut self, park: usize) {
        self.fill(park, None, None, None, None);
        if let Some(x) = self.pos.get_mut(park) {
            *x = ABSENT;
        }
        self.extra.remove(&park);
    }

    fn push(&mut self) {
        let none = pack(None);
        self.value.push(none);
        if !self.target.is_empty() {
            self.target.push(none);
        }
        if !self.last_year.is_empty() {
            self.last_year.push(none);
        }
        self.pos.push(ABSENT);
    }
}

/// Sets one park's figure in a column that stays empty until a park has one
/// (then it is made as long as the `n` parks).
fn set_sparse(col: &mut Vec<f64>, n: usize, park: usize, v: Option<f64>) {
    if col.is_empty() {
        if v.is_none() {
            return;
        }
        col.resize(n, pack(None));
    }
    if let Some(x) = col.get_mut(park) {
        *x = pack(v);
    }
}

impl Parks {
    pub fn new() -> Parks {
        Parks::default()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Room for `more` parks in every column, so a big paste's columns are
    /// allocated once rather than grown (and copied) as parks are pushed.
    pub fn reserve(&mut self, more: usize) {
        self.names.reserve(more);
        self.rows.reserve(more);
        self.groups.reserve(more);
        for c in &mut self.items {
            c.value.reserve_exact(more);
            c.pos.reserve_exact(more);
        }
    }

    /// Adds a park with no observations; returns its index.
    pub fn push(&mut self, name: String, row: Option<usize>, group: Option<String>) -> usize {
        let i = self.names.len();
        self.names.push(name);
        self.rows.push(row);
        self.groups.push(group);
        for c in &mut self.items {
            c.push();
        }
        i
    }

    pub fn name(&self, park: usize) -> Option<&str> {
        self.names.get(park).map(String::as_str)
    }

    pub fn row(&self, park: usize) -> Option<usize> {
        self.rows.get(park).copied().flatten()
    }

    pub fn group(&self, park: usize) -> Option<&str> {
        self.groups.get(park).and_then(|g| g.as_deref())
    }

    /// The column index of an item, resolved once per paste (or per scheme plan).
    pub fn item(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The column index of an item, adding an empty column when it has none.
    pub fn add_item(&mut self, name: &str) -> usize {
        if let Some(i) = self.item(name) {
            return i;
        }
        let i = self.items.len();
        self.items.push(ItemColumn::new(name, self.names.len()));
        self.index.insert(name.to_string(), i);
        i
    }

    pub fn column(&self, item: usize) -> Option<&ItemColumn> {
        self.items.get(item)
    }

    pub fn column_mut(&mut self, item: usize) -> Option<&mut ItemColumn> {
        self.items.get_mut(item)
    }

    /// The column of an item by name.
    pub fn column_of(&self, name: &str) -> Option<&ItemColumn> {
        self.item(name).and_then(|i| self.items.get(i))
    }

    /// One park's observation of an item, by the item's name.
    pub fn get(&self, park: usize, item: &str) -> Option<Observation> {
        self.column_of(item)?.get(park)
    }

    /// Replaces (or adds) one park's observation of an item; `None` removes it.
    pub fn set(&mut self, park: usize, item: &str, ob: Option<Observation>) {
        if park >= self.len() {
            return;
        }
        match ob {
            Some(ob) => {
                let i = self.add_item(item);
                if let Some(c) = self.items.get_mut(i) {
                    c.set(park, ob);
                }
            }
            None => {
                if let Some(c) = self.item(item).and_then(|i| self.items.get_mut(i)) {
                    c.remove(park);
                }
            }
        }
    }

    pub fn value(&self, park: usize, item: &str) -> Option<f64> {
        self.column_of(item)?.value(park)
    }

    /// Whether any park has a value for the item.
    pub fn any_value(&self, item: &str) -> bool {
        self.column_of(item).is_some_and(|c| c.value.iter().any(|x| x.to_bits() != NONE_BITS))
    }

    /// One park as a `ParkData` (its observations keyed by item name).
    pub fn park(&self, park: usize) -> Option<ParkData> {
        let name = self.names.get(park)?.clone();
        let items = self.items.iter().filter_map(|c| Some((c.name.clone(), c.get(park)?))).collect();
        Some(ParkData { name, row: self.row(park), items, group: self.groups.get(park).cloned().flatten() })
    }

    pub fn first(&self) -> Option<ParkData> {
        self.park(0)
    }

    /// Every park, materialised one at a time.
    pub fn iter(&self) -> impl Iterator<Item = ParkData> + '_ {
        (0..self.len()).filter_map(move |i| self.park(i))
    }

    pub fn to_vec(&self) -> Vec<ParkData> {
        self.iter().collect()
    }
}

impl From<Vec<ParkData>> for Parks {
    fn from(parks: Vec<ParkData>) -> Parks {
        parks.into_iter().collect()
    }
}

impl FromIterator<ParkData> for Parks {
    fn from_iter<I: IntoIterator<Item = ParkData>>(iter: I) -> Parks {
        let mut out = Parks::new();
        for p in iter {
            let i = out.push(p.name, p.row, p.group);
            for (name, ob) in p.items {
                out.set(i, &name, Some(ob));
            }
        }
        out
    }
}

impl<'a> IntoIterator for &'a Parks {
    type Item = ParkData;
    type IntoIter = Box<dyn Iterator<Item = ParkData> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for Parks {
    fn eq(&self, other: &Parks) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parks_keep_what_is_set_and_tell_absent_from_missing() {
        let mut a = ParkData { name: "甲".into(), row: Some(3), group: Some("湘南".into()), ..ParkData::default() };
        a.set("税收", Some(Observation { value: Some(2.5), target: Some(3.0), pos: Some((3, 1)), ..Observation::default() }));
        a.set("亩均", Some(Observation { monthly: vec![Some(1.0), None], note: "估".into(), ..Observation::default() }));
        let b = ParkData { name: "乙".into(), ..ParkData::default() };
        let mut parks = Parks::from(vec![a.clone(), b.clone()]);
        assert_eq!(parks.len(), 2);
        assert_eq!(parks.park(0), Some(a));
        // 乙 has no observation of 税收 at all, which is not an observation with every figure missing.
        assert_eq!(parks.park(1), Some(b));
        assert_eq!(parks.get(1, "税收"), None);
        parks.set(1, "税收", Some(Observation::default()));
        assert_eq!(parks.get(1, "税收"), Some(Observation::default()));
        assert_eq!(parks.value(0, "税收"), Some(2.5));
        assert_eq!(parks.group(0), Some("湘南"));
        assert!(parks.any_value("税收"));
        assert!(!parks.any_value("亩均"));
        parks.set(0, "税收", None);
        assert_eq!(parks.get(0, "税收"), None);
        assert!(!parks.any_value("税收"));
        // A new item added after the parks gets a column for every park.
        parks.set(1, "新", Some(Observation { value: Some(-0.0), ..Observation::default() }));
        assert_eq!(parks.get(0, "新"), None);
        assert_eq!(parks.value(1, "新").map(f64::to_bits), Some((-0.0f64).to_bits()));
    }
}
