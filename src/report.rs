//! The one layout of every result table: the page renders it and every export writes it.
//!
//! `tables` lays every result table out once, and the page renders that layout
//! (`api::ApiReport::tables`): caption, Chinese headers, the unit of a column
//! stated once in its header (or in a 单位 column), row order, numbers rounded
//! as printed, subtotal and total rows (integer sums of printed `Points`). Each
//! cell is typed, so the .xlsx gets real numbers with a number format while TSV
//! and CSV carry exactly the printed text: what is copied is what is shown
//! (the writers are `export` and `xlsx`, a layer above).


use crate::eval::{ParkResult, Report};
use crate::base::fixed::Points;
use crate::model::{ParkScore, SplitReport};

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number already rounded for print. `text` is exactly what is printed and
    /// written (plain digits, no exponent, no thousands separators); `value` is its
    /// value; `decimals` is the fixed number of places (`Some(2)` prints 6.00), or
    /// `None` for a value shown as given (up to 4 places, trailing zeros dropped).
    Number { value: f64, text: String, decimals: Option<u8> },
}

impl Cell {
    /// The printed text of the cell.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s) => s,
            Cell::Number { text, .. } => text,
        }
    }
}

/// One column of a result table: its label, the unit stated once in the header
/// (`完成率(%)`), whether it holds numbers, and a stable key the page uses to
/// decorate it (`status`, `explain`, `name`, `gap_pp`, `dim:planning` …).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Column {
    pub label: String,
    pub unit: Option<String>,
    pub num: bool,
    pub key: String,
}

impl Column {
    /// The header as printed: the label, then the unit in brackets.
    pub fn text(&self) -> String {
        match &self.unit {
            Some(u) => format!("{}({u})", self.label),
            None => self.label.clone(),
        }
    }
}

/// What a row is, beyond its cells: its classes (`subtotal`, `total`, `dimhead`
/// for a dimension's first row, `missing`, `adjust`, `simulated` for a figure a what-if changed), the
/// status key of a progress or split row (`ahead`, `slight`, `far`, `missing`;
/// `ok`/`bad` for a sum check), what it links to (the indicator's name, for the
/// explanation) and the park it stands for (ranking rows, by paste order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowMeta {
    pub class: Vec<&'static str>,
    pub status: Option<&'static str>,
    pub link: Option<String>,
    pub park: Option<usize>,
}

impl RowMeta {
    fn class(class: &'static str) -> RowMeta {
        RowMeta { class: vec![class], ..RowMeta::default() }
    }
}

/// One result table (score breakdown, progress, ranking, a split …), laid out
/// once: the page renders it and every export writes it, cell for cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Stable key used by the page: "breakdown:0", "progress:0", "ranking", "split:0" …
    pub key: String,
    /// The caption: whose table, the period and the scheme.
    pub title: String,
    /// The printed header of each column (`Column::text`).
    pub headers: Vec<String>,
    /// The columns, the same length as `headers`; empty for a table built by hand.
    pub columns: Vec<Column>,
    /// The printed text of every cell, row by row (the same as `cells`, as text).
    pub rows: Vec<Vec<String>>,
    /// The typed cells, the same shape as `rows`.
    pub cells: Vec<Vec<Cell>>,
    /// What each row is, one per row (default for a row pushed without).
    pub meta: Vec<RowMeta>,
    /// A short name for a worksheet tab (得分明细-衡山工业园); the .xlsx writer
    /// makes it legal and unique.
    pub sheet: String,
}

impl Table {
    fn new(key: String, title: String, sheet: String, columns: Vec<Column>) -> Table {
        let headers = columns.iter().map(Column::text).collect();
        Table { key, title, headers, columns, sheet, ..Table::default() }
    }

    /// Appends a row, keeping `rows`, `cells` and `meta` in step.
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.push_row(cells, RowMeta::default());
    }

    /// Appends a row with what it is.
    pub fn push_row(&mut self, cells: Vec<Cell>, meta: RowMeta) {
        self.rows.push(cells.iter().map(|c| c.text().to_string()).collect());
        self.cells.push(cells);
        self.meta.push(meta);
    }

    /// The same table with its rows in `order` (indices into the rows; unknown
    /// and repeated indices are skipped, rows not named keep their place after).
    pub(crate) fn reordered(mut self, order: &[usize]) -> Table {
        let n = self.rows.len();
        let mut seen = vec![false; n];
        let mut picks: Vec<usize> = Vec::with_capacity(n);
        for &k in order {
            if let Some(s) = seen.get_mut(k) {
                if !*s {
                    *s = true;
                    picks.push(k);
                }
            }
        }
        picks.extend((0..n).filter(|k| !seen.get(*k).copied().unwrap_or(true)));
        let (rows, cells, meta) = (std::mem::take(&mut self.rows), std::mem::take(&mut self.cells), std::mem::take(&mut self.meta));
        for k in picks {
            if let (Some(r), Some(c)) = (rows.get(k), cells.get(k)) {
                self.rows.push(r.clone());
                self.cells.push(c.clone());
                self.meta.push(meta.get(k).cloned().unwrap_or_default());
            }
        }
        self
    }
}

/// A text column.
fn col(label: &str, key: &str) -> Column {
    Column { label: label.to_string(), unit: None, num: false, key: key.to_string() }
}

/// A number column, with its unit when it has one.
fn num(label: &str, unit: Option<&str>, key: &str) -> Column {
    Column { label: label.to_string(), unit: unit.filter(|u| !u.is_empty()).map(str::to_string), num: true, key: key.to_string() }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn empty() -> Cell {
    Cell::Text(String::new())
}

/// Rounds `x` half away from zero to `decimals` places (at most 4) and prints it
/// without float noise; with `trim`, trailing zeros (and a bare point) are dropped.
/// Non-finite input, which no evaluator should produce, gives `None`.
fn round_to(x: f64, decimals: u8, trim: bool) -> Option<Cell> {
    if !x.is_finite() {
        return None;
    }
    let d = decimals.min(4);
    let scale = 10f64.powi(i32::from(d));
    let scaled = x * scale;
    if scaled.abs() >= 9.0e15 {
        // Past exact integers in f64 the fraction is noise anyway: print whole units.
        let r = x.round();
        return Some(Cell::Number { value: r, text: format!("{r:.0}"), decimals: if trim { None } else { Some(d) } });
    }
    // The same few-ULP nudge as Points::round, so 2.675 prints as 2.68 like a
    // person rounding by hand, and like the scores on the page.
    let nudged = scaled + scaled.signum() * scaled.abs() * 4.0 * f64::EPSILON;
    let n = nudged.round() as i64;
    let p = 10u64.pow(u32::from(d));
    let a = n.unsigned_abs();
    // Written digit by digit into one string: a table of 2,000 parts formats
    // some 16,000 figures, and three allocations each were a tenth of its report.
    let mut s = String::with_capacity(24);
    if n < 0 {
        s.push('-');
    }
    push_digits(&mut s, a / p, 1);
    if d > 0 {
        s.push('.');
        push_digits(&mut s, a % p, usize::from(d));
        if trim {
            let kept = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(kept);
        }
    }
    let value = if n == 0 { 0.0 } else { n as f64 / scale };
    Some(Cell::Number { value, text: s, decimals: if trim { None } else { Some(d) } })
}

/// `v` in decimal, zero-padded to at least `width` digits (at most 20).
fn push_digits(s: &mut String, v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    let mut v = v;
    while let Some(slot) = at.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        *slot = b'0' + (v % 10) as u8;
        at -= 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let from = at.min(buf.len().saturating_sub(width));
    s.extend(buf.get(from..).unwrap_or(&[]).iter().map(|&b| char::from(b)));
}

/// A value as given (up to 4 places, float noise trimmed), or empty.
fn val(x: Option<f64>) -> Cell {
    x.and_then(|x| round_to(x, 4, true)).unwrap_or_else(empty)
}

/// A figure with two fixed places (percentages, weights), or empty.
fn two(x: Option<f64>) -> Cell {
    x.and_then(|x| round_to(x, 2, false)).unwrap_or_else(empty)
}

fn pts(p: Points) -> Cell {
    Cell::Number { value: p.as_f64(), text: p.to_string(), decimals: Some(2) }
}

const MISSING: &str = "缺数据";

/// What every title row carries besides whose table it is: the period and the
/// scheme, and that the figures are simulated when a what-if changed any (on
/// screen and in every export alike, so a mailed sheet cannot pass for the paste).
fn period_note(r: &Report) -> String {
    let simulated = if r.what_if.is_empty() { "" } else { "；含模拟数据，非实际" };
    format!("（数据截至{}年{}月，评价方案：{}{simulated}）", r.period.year, r.period.month, r.scheme.name)
}

/// The mark a simulated indicator's name carries in every table (模拟).
const SIMULATED: &str = "（模拟）";

/// Whether a what-if changed `indicator` of the park named `park`.
fn is_simulated(r: &Report, park: &str, indicator: &str) -> bool {
    r.what_if.iter().any(|w| w.park == park && w.name == indicator)
}

/// The whole export's title: the park's name (one park) or 园区排名 (several), with
/// the period and the scheme; the .xlsx carries it in its document properties.
pub fn doc_title(r: &Report) -> String {
    let who = match r.parks.as_slice() {
        [one] => format!("{}五好园区评价{}", park_name(&one.score, 0), partial_note(&one.score)),
        _ if r.parks.iter().any(|p| p.score.unscored.is_partial()) => "园区排名（部分园区为部分得分）".to_string(),
        _ => "园区排名".to_string(),
    };
    format!("{who}{}", period_note(r))
}

/// （部分得分，N 项指标未计分，未计入 P 分） after a partial total's titles, or "".
fn partial_note(s: &ParkScore) -> String {
    s.partial_mark().map(|m| format!("（{m}）")).unwrap_or_default()
}

fn park_name(s: &ParkScore, i: usize) -> String {
    if s.name.trim().is_empty() {
        format!("园区{}", i + 1)
    } else {
        s.name.clone()
    }
}

/// Each park's group (市州, 片区) as read, and its rank within the group by the
/// printed totals (ties sharing a rank), by paste order; `(None, None)` without one.
pub fn groups(r: &Report) -> Vec<(Option<String>, Option<u32>)> {
    let group_of = |i: usize| r.read.parks.group(i).map(str::to_string);
    let mut totals: std::collections::HashMap<String, Vec<Points>> = std::collections::HashMap::new();
    for (i, p) in r.parks.iter().enumerate() {
        if let Some(g) = group_of(i) {
            totals.entry(g).or_default().push(p.score.total);
        }
    }
    for t in totals.values_mut() {
        t.sort_by(|a, b| b.cmp(a));
    }
    r.parks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let g = group_of(i);
            let rank = g.as_ref().and_then(|g| totals.get(g)).map(|t| {
                let ahead = t.partition_point(|x| *x > p.score.total);
                u32::try_from(ahead).unwrap_or(u32::MAX).saturating_add(1)
            });
            (g, rank)
        })
        .collect()
}

/// Every result table of the report: per detailed park the score breakdown, the
/// dimension scores, the adjustments (when there are any) and the progress
/// table; then the ranking; then each split's parts and its sum checks. A park
/// whose breakdown was left out (`eval::Detail`) has no tables of its own.
pub fn tables(report: &Report) -> Vec<Table> {
    layout(report, usize::MAX, usize::MAX)
}

/// `tables` as the page lists them: the ranking holds its first `ranked` rows and
/// the rows of detailed parks (the page lists no more of a long ranking; the
/// exports, through `tables`, hold it all).
pub fn listed_tables(report: &Report, ranked: usize) -> Vec<Table> {
    layout(report, ranked, usize::MAX)
}

/// `listed_tables` with each split's parts table holding its first `parts` rows
/// (the compact report above 200 parts; the exports hold every part).
pub fn listed_tables_with(report: &Report, ranked: usize, parts: usize) -> Vec<Table> {
    layout(report, ranked, parts)
}

fn layout(report: &Report, ranked: usize, listed_parts: usize) -> Vec<Table> {
    let note = period_note(report);
    let mut out = Vec::new();
    for (i, park) in report.parks.iter().enumerate() {
        if !park.detailed {
            continue;
        }
        let name = park_name(&park.score, i);
        let marked = format!("{}{note}", partial_note(&park.score));
        out.push(breakdown(i, &name, &marked, &park.score, &|ind: &str| is_simulated(report, &park.score.name, ind)));
        out.push(dimensions(i, &name, &marked, &park.score));
        if !park.score.adjustments.is_empty() {
            out.push(adjustments(i, &name, &note, &park.score));
        }
        out.push(progress(i, &name, &note, report, park));
        out.extend(reach_plan(i, &name, &note, park));
        out.extend(reach_full(i, &name, &note, report, park));
    }
    if !report.parks.is_empty() {
        out.push(ranking(&note, report, ranked));
    }
    for (i, s) in report.splits.iter().enumerate() {
        let (parts, sums) = split(i, &note, report, s, listed_parts);
        out.push(parts);
        out.push(sums);
    }
    out
}

/// Points with an explicit sign (+1.00, -2.00, 0.00): adjustments and gaps read so.
fn signed(p: Points) -> Cell {
    let text = if p > Points::ZERO { format!("+{p}") } else { p.to_string() };
    Cell::Number { value: p.as_f64(), text, decimals: Some(2) }
}

/// A figure with two fixed places and an explicit sign (进度差), or empty.
fn two_signed(x: Option<f64>) -> Cell {
    match two(x) {
        Cell::Number { value, text, decimals } if value > 0.0 => Cell::Number { value, text: format!("+{text}"), decimals },
        c => c,
    }
}

fn breakdown(i: usize, name: &str, note: &str, s: &ParkScore, simulated: &dyn Fn(&str) -> bool) -> Table {
    let mut t = Table::new(
        format!("breakdown:{i}"),
        format!("{name}得分明细{note}"),
        format!("得分明细-{name}"),
        vec![
            col("维度", "dim"),
            col("指标", "name"),
            col("单位", "unit"),
            num("实际值", None, "value"),
            num("目标值", None, "target"),
            num("完成率", Some("%"), "completion"),
            num("分值", None, "weight"),
            num("得分", None, "score"),
            num("失分", None, "lost"),
            col("计算过程", "explain"),
        ],
    );
    let mut used = vec![false; s.indicators.len()];
    let mut weight_sum = 0.0;
    let mut lost_sum = Points::ZERO;
    for d in &s.dimensions {
        let mut lost = Points::ZERO;
        let mut first = true;
        for (k, ind) in s.indicators.iter().enumerate() {
            if *ind.dimension != *d.name && *ind.dimension != *d.key {
                continue;
            }
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
            lost += ind.lost;
            // The dimension is named on its first row only, as on the printed form.
            let (cells, meta) = indicator_row(if first { &d.name } else { "" }, first, ind, simulated(&ind.name));
            t.push_row(cells, meta);
            first = false;
        }
        weight_sum += d.weight;
        lost_sum += lost;
        t.push_row(
            vec![Cell::Text(format!("{}小计", d.name)), empty(), empty(), empty(), empty(), empty(), val(Some(d.weight)), pts(d.score), pts(lost), empty()],
            RowMeta::class("subtotal"),
        );
    }
    // Indicators naming no listed dimension still belong on paper, after the groups.
    for (k, ind) in s.indicators.iter().enumerate() {
        if !used.get(k).copied().unwrap_or(true) {
            lost_sum += ind.lost;
            let (cells, meta) = indicator_row(&ind.dimension, true, ind, simulated(&ind.name));
            t.push_row(cells, meta);
        }
    }
    for a in &s.adjustments {
        t.push_row(
            vec![text("加减分"), text(&a.name), empty(), empty(), empty(), empty(), empty(), signed(a.points), empty(), text(&a.explain)],
            RowMeta { class: vec!["adjust"], link: Some(a.name.clone()), ..RowMeta::default() },
        );
    }
    let mut how = match s.partial_mark() {
        Some(m) => format!("{m}；等级：{}", s.grade_shown()),
        None => format!("等级：{}", s.grade),
    };
    if let Some(v) = &s.veto {
        how.push_str("；一票否决：");
        how.push_str(v);
    }
    t.push_row(
        vec![text("总分"), empty(), empty(), empty(), empty(), empty(), val(Some(weight_sum)), pts(s.total), pts(lost_sum), Cell::Text(how)],
        RowMeta::class("total"),
    );
    t
}

fn indicator_row(dimension: &str, head: bool, ind: &crate::model::IndicatorScore, simulated: bool) -> (Vec<Cell>, RowMeta) {
    let missing = ind.missing.is_some();
    let value = if ind.value.is_none() { text(MISSING) } else { val(ind.value) };
    let target = if ind.target.is_none() && missing { text(MISSING) } else { val(ind.target) };
    let how = match &ind.missing {
        Some(reason) => {
            // The reason and the computation, without saying the reason twice.
            let body = if !ind.explain.is_empty() && ind.explain.contains(reason.as_str()) {
                ind.explain.clone()
            } else if ind.explain.is_empty() {
                reason.clone()
            } else {
                format!("{reason}；{}", ind.explain)
            };
            let body = body.trim_start_matches(MISSING).trim_start_matches(['：', ':']).trim_start();
            format!("{MISSING}：{body}")
        }
        _ => ind.explain.clone(),
    };
    let mut class = Vec::new();
    if head {
        class.push("dimhead");
    }
    if missing {
        class.push("missing");
    }
    if simulated {
        class.push("simulated");
    }
    let cells = vec![
        text(dimension),
        if simulated { Cell::Text(format!("{}{SIMULATED}", ind.name)) } else { text(&ind.name) },
        text(&ind.unit.label),
        value,
        target,
        two(ind.completion),
        val(Some(ind.weight)),
        pts(ind.score),
        pts(ind.lost),
        Cell::Text(how),
    ];
    (cells, RowMeta { class, link: Some(ind.name.clone()), ..RowMeta::default() })
}

fn dimensions(i: usize, name: &str, note: &str, s: &ParkScore) -> Table {
    let mut t = Table::new(
        format!("dimensions:{i}"),
        format!("{name}各维度得分{note}"),
        format!("维度得分-{name}"),
        vec![col("维度", "dim"), num("满分", None, "weight"), num("得分", None, "score")],
    );
    let mut weight_sum = 0.0;
    let mut score_sum = Points::ZERO;
    for d in &s.dimensions {
        weight_sum += d.weight;
        score_sum += d.score;
        t.push(vec![text(&d.name), val(Some(d.weight)), pts(d.score)]);
    }
    t.push_row(vec![text("维度得分合计"), val(Some(weight_sum)), pts(score_sum)], RowMeta::class("subtotal"));
    if !s.adjustments.is_empty() {
        let adj: Points = s.adjustments.iter().map(|a| a.points).sum();
        t.push_row(vec![text("加分与扣分"), empty(), signed(adj)], RowMeta::class("subtotal"));
    }
    t.push_row(vec![text("总分"), empty(), pts(s.total)], RowMeta::class("total"));
    t
}

fn adjustments(i: usize, name: &str, note: &str, s: &ParkScore) -> Table {
    let mut t = Table::new(
        format!("adjustments:{i}"),
        format!("{name}加分与扣分{note}"),
        format!("加减分-{name}"),
        vec![col("项目", "name"), num("分值", None, "points"), col("说明", "explain")],
    );
    for a in &s.adjustments {
        t.push_row(vec![text(&a.name), signed(a.points), text(&a.explain)], RowMeta { link: Some(a.name.clone()), ..RowMeta::default() });
    }
    t
}

/// A figure with an explicit sign (the change a plan asks for), or empty.
fn val_signed(x: Option<f64>) -> Cell {
    match val(x) {
        Cell::Number { value, text, decimals } if value > 0.0 => Cell::Number { value, text: format!("+{text}"), decimals },
        c => c,
    }
}

/// A percentage with two places and its sign written out (+12.50%), or empty.
fn pct_signed(x: Option<f64>) -> Cell {
    match two_signed(x) {
        Cell::Number { text, .. } => Cell::Text(format!("{text}%")),
        c => c,
    }
}

/// 提分空间: the plan that reaches the next grade (`reach::NextGrade`), step by
/// step with the points each gains and their sum; none without a plan.
fn reach_plan(i: usize, name: &str, note: &str, park: &ParkResult) -> Option<Table> {
    let next = park.reach.to_next_grade.as_ref().filter(|g| !g.plan.is_empty())?;
    let mut t = Table::new(
        format!("reach:plan:{i}"),
        format!("{name}达到{}的方案{note}", next.grade),
        format!("提分方案-{name}"),
        vec![
            num("序号", None, "n"),
            col("指标或数据项", "name"),
            col("单位", "unit"),
            num("现值", None, "from"),
            num("需达到", None, "to"),
            num("增减", None, "change"),
            num("增幅", None, "change_pct"),
            num("可得分", None, "gain"),
        ],
    );
    for (k, st) in next.plan.iter().enumerate() {
        let up = st.to - st.from;
        let pct = if st.from != 0.0 { Some(up / st.from.abs() * 100.0) } else { None };
        let gain = Cell::Number { value: st.gain.as_f64(), text: format!("+{}", st.gain), decimals: Some(2) };
        t.push_row(
            vec![val(Some((k + 1) as f64)), text(&st.name), text(&st.unit), val(Some(st.from)), val(Some(st.to)), val_signed(Some(up)), pct_signed(pct), gain],
            RowMeta { link: Some(st.name.clone()), ..RowMeta::default() },
        );
    }
    let total: Points = next.plan.iter().map(|st| st.gain).sum();
    let sum = Cell::Number { value: total.as_f64(), text: format!("+{total}"), decimals: Some(2) };
    t.push_row(vec![empty(), text("合计"), empty(), empty(), empty(), empty(), empty(), sum], RowMeta::class("subtotal"));
    Some(t)
}

/// 提分空间: each indicator below full marks, the value that gives full marks
/// (`reach::FullMarks`) or why there is none; none when every indicator has full marks.
fn reach_full(i: usize, name: &str, note: &str, r: &Report, park: &ParkResult) -> Option<Table> {
    let s = &park.score;
    let rows: Vec<_> = s.indicators.iter().enumerate().filter(|(_, ind)| ind.lost > Points::ZERO).collect();
    if rows.is_empty() {
        return None;
    }
    let mut t = Table::new(
        format!("reach:full:{i}"),
        format!("{name}各项指标达到满分所需{note}"),
        format!("满分所需-{name}"),
        vec![
            col("指标", "name"),
            col("单位", "unit"),
            num("现值", None, "value"),
            col("得分/分值", "score"),
            num("满分所需值", None, "full_marks_value"),
            num("需增减", None, "change"),
            num("增减幅度", None, "change_pct"),
            num("每单位得分", None, "per_unit"),
            col("说明", "note"),
        ],
    );
    for (k, ind) in rows {
        let fm = park.reach.full_marks.get(k).cloned().unwrap_or_default();
        let simulated = is_simulated(r, &s.name, &ind.name);
        let score = format!("{} / {}", ind.score, val(Some(ind.weight)).text());
        let meta = RowMeta { class: if simulated { vec!["simulated"] } else { Vec::new() }, link: Some(ind.name.clone()), ..RowMeta::default() };
        t.push_row(
            vec![
                if simulated { Cell::Text(format!("{}{SIMULATED}", ind.name)) } else { text(&ind.name) },
                text(&ind.unit.label),
                val(ind.value),
                Cell::Text(score),
                val(fm.value),
                val_signed(fm.change),
                pct_signed(fm.change_pct),
                val(fm.per_unit),
                text(fm.reason.as_deref().unwrap_or("")),
            ],
            meta,
        );
    }
    Some(t)
}

/// 1-11月累计 (11月累计 in January), the heading of a cumulative figure.
fn cumulative(r: &Report) -> String {
    let m = r.period.month;
    if m <= 1 {
        format!("{m}月累计")
    } else {
        format!("1-{m}月累计")
    }
}

fn status_key(s: crate::model::Status) -> &'static str {
    use crate::model::Status;
    match s {
        Status::Ahead => "ahead",
        Status::SlightlyBehind => "slight",
        Status::FarBehind => "far",
        Status::Missing => "missing",
    }
}

fn progress(i: usize, name: &str, note: &str, r: &Report, park: &ParkResult) -> Table {
    let mut t = Table::new(
        format!("progress:{i}"),
        format!("{name}目标进度{note}"),
        format!("目标进度-{name}"),
        vec![
            num("序号", None, "seq"),
            col("指标", "name"),
            col("单位", "unit"),
            num("年度目标", None, "target"),
            num(&cumulative(r), None, "actual"),
            num("完成率", Some("%"), "completion"),
            num("序时进度", Some("%"), "time_progress"),
            num("进度差", Some("百分点"), "gap_pp"),
            num("同比增速", Some("%"), "yoy"),
            num("全年预计", None, "projection"),
            num("剩余月均需完成", None, "monthly_needed"),
            col("状态", "status"),
            col("说明", "note"),
        ],
    );
    for (k, p) in park.progress.iter().enumerate() {
        let seq = k + 1;
        t.push_row(
            vec![
                Cell::Number { value: seq as f64, text: seq.to_string(), decimals: Some(0) },
                text(&p.name),
                text(&p.unit.label),
                val(p.target),
                val(p.actual),
                two(p.completion),
                two(p.time_progress),
                two_signed(p.gap_pp),
                two(p.yoy),
                figure(p.projection, &p.unit, false),
                figure(p.monthly_needed, &p.unit, true),
                text(p.status_words()),
                text(&p.note),
            ],
            RowMeta { status: Some(status_key(p.status)), link: Some(p.name.clone()), ..RowMeta::default() },
        );
    }
    t
}

/// A derived figure at its indicator's precision: a count (件, 个, 起, 家) is whole
/// (全年预计 37 件, not 37.0909 件; what is still `needed` is rounded up, so 0.3 件 a
/// month reads as 1, never 0); anything else as given (`val`).
fn figure(x: Option<f64>, unit: &crate::base::unit::Unit, needed: bool) -> Cell {
    let count = unit.dims == crate::base::unit::Dims { count: 1, ..crate::base::unit::Dims::NONE };
    match x {
        Some(v) if count => round_to(if needed { (v - 1e-9).ceil().max(0.0) } else { v }, 0, true).unwrap_or_else(empty),
        _ => val(x),
    }
}

fn ranking(note: &str, r: &Report, ranked: usize) -> Table {
    let groups = groups(r);
    let grouped = groups.iter().any(|(g, _)| g.is_some());
    let mut columns = vec![num("排名", None, "rank"), col("园区", "park")];
    if grouped {
        columns.push(col("分组", "group"));
        columns.push(num("组内排名", None, "group_rank"));
    }
    columns.push(num("总分", None, "total"));
    columns.push(col("等级", "grade"));
    for d in &r.scheme.dimensions {
        let full = format!("满分{}", val(Some(d.weight)).text());
        columns.push(num(&d.name, Some(&full), &format!("dim:{}", d.key)));
    }
    columns.push(col("一票否决", "veto"));
    let mut t = Table::new("ranking".to_string(), format!("园区排名{note}"), "园区排名".to_string(), columns);
    // Best rank first, ties in pasted order (a stable sort). The report lays this
    // table out on every evaluation, for pastes of tens of thousands of parks too.
    let rank = |k: usize| r.parks.get(k).map_or(u32::MAX, |p| p.score.rank);
    let mut order: Vec<usize> = (0..r.parks.len()).collect();
    order.sort_by_key(|&k| rank(k));
    for (at, k) in order.into_iter().enumerate() {
        let Some(p) = r.parks.get(k) else { continue };
        if at >= ranked && !p.detailed {
            continue;
        }
        let s = &p.score;
        let mut row = vec![Cell::Number { value: f64::from(s.rank), text: s.rank.to_string(), decimals: Some(0) }, Cell::Text(park_name(s, k))];
        if grouped {
            let (g, gr) = groups.get(k).cloned().unwrap_or_default();
            row.push(Cell::Text(g.unwrap_or_default()));
            row.push(gr.map_or_else(empty, |n| Cell::Number { value: f64::from(n), text: n.to_string(), decimals: Some(0) }));
        }
        row.push(pts(s.total));
        row.push(if s.unscored.is_partial() { Cell::Text(s.grade_shown()) } else { text(&s.grade) });
        for d in &r.scheme.dimensions {
            row.push(s.dimensions.iter().find(|x| *x.key == *d.key).map_or_else(empty, |x| pts(x.score)));
        }
        row.push(Cell::Text(s.veto.clone().unwrap_or_default()));
        t.push_row(row, RowMeta { park: Some(k), ..RowMeta::default() });
    }
    t
}

/// The parts of a split and its sum checks, as two tables "split:i" and "split:i:sums",
/// because the two have different columns.
fn split(i: usize, note: &str, r: &Report, s: &SplitReport, listed: usize) -> (Table, Table) {
    let title = if s.title.trim().is_empty() { format!("分解表{}", i + 1) } else { s.title.clone() };
    let unit = s.unit.as_ref().map(|u| u.label.as_str()).filter(|l| !l.is_empty());
    let kind = if s.kind.trim().is_empty() { "部分" } else { s.kind.as_str() };
    let mut parts = Table::new(
        format!("split:{i}"),
        format!("{title}{note}"),
        format!("分解{}-{title}", i + 1),
        vec![
            col(kind, "part"),
            col("指标", "name"),
            num("年度目标", unit, "target"),
            num(&cumulative(r), unit, "actual"),
            num("完成率", Some("%"), "completion"),
            num("进度差", Some("百分点"), "gap_pp"),
            col("状态", "status"),
            num("占整体缺口", Some("%"), "gap_share"),
            col("说明", "note"),
        ],
    );
    for p in s.parts.iter().take(listed) {
        parts.push_row(
            vec![text(&p.name), text(&p.indicator), val(p.target), val(p.actual), two(p.completion), two_signed(p.gap_pp), text(p.status.label()), two(p.gap_share), text(&p.note)],
            RowMeta { status: Some(status_key(p.status)), ..RowMeta::default() },
        );
    }
    let mut sums = Table::new(
        format!("split:{i}:sums"),
        format!("{title}合计校核{note}"),
        format!("分解{}-校核", i + 1),
        vec![
            col("指标", "name"),
            col("口径", "what"),
            num("整体", unit, "whole"),
            num("各部分合计", unit, "parts_sum"),
            num("差额", unit, "difference"),
            col("校核", "check"),
            col("说明", "note"),
        ],
    );
    for m in &s.sums {
        let what = match m.what.as_str() {
            "target" => "年度目标".to_string(),
            "actual" => cumulative(r),
            other => other.to_string(),
        };
        sums.push_row(
            vec![
                text(&m.indicator),
                Cell::Text(what),
                val(m.whole),
                val(Some(m.parts_sum)),
                val(m.difference),
                text(if m.ok { "一致" } else { "不一致" }),
                text(&m.message),
            ],
            RowMeta { status: Some(if m.ok { "ok" } else { "bad" }), ..RowMeta::default() },
        );
    }
    (parts, sums)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `round_to` writes the digits `format!` writes for the same rounded integer.
    #[test]
    fn round_to_prints_what_format_prints() {
        let mut x: u64 = 7;
        for k in 0..20_000u32 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mag = 10f64.powi((k % 14) as i32 - 4);
            let v = ((x >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * mag;
            for (d, trim) in [(0u8, false), (2, false), (4, true), (3, true)] {
                let Some(Cell::Number { text, .. }) = round_to(v, d, trim) else { panic!("{v}") };
                let n = { let sc = v * 10f64.powi(i32::from(d)); (sc + sc.signum() * sc.abs() * 4.0 * f64::EPSILON).round() as i64 };
                let p = 10u64.pow(u32::from(d));
                let a = n.unsigned_abs();
                let mut want = format!("{}{}", if n < 0 { "-" } else { "" }, a / p);
                if d > 0 {
                    want = format!("{want}.{:0w$}", a % p, w = usize::from(d));
                    if trim {
                        want = want.trim_end_matches('0').trim_end_matches('.').to_string();
                    }
                }
                assert_eq!(text, want, "{v} to {d} places");
            }
        }
        assert!(matches!(round_to(-0.004, 2, false), Some(Cell::Number { text, .. }) if text == "0.00"));
    }

    #[test]
    fn rounds_and_trims_like_the_page() {
        for (x, d, trim, want) in [
            (f64::from_bits(148.2032f64.to_bits() + 1), 4, true, "148.2032"),
            (0.1 + 0.2, 4, true, "0.3"),
            (12.0, 4, true, "12"),
            (-0.00001, 4, true, "0"),
            (2.675, 2, false, "2.68"),
            (-2.675, 2, false, "-2.68"),
            (92.6, 2, false, "92.60"),
            (7.0, 0, false, "7"),
            (1e20, 2, false, "100000000000000000000"),
        ] {
            let got = round_to(x, d, trim).map(|c| c.text().to_string());
            assert_eq!(got.as_deref(), Some(want), "{x} {d} {trim}");
        }
        assert_eq!(round_to(f64::NAN, 2, false), None);
    }
}
