//! Target decomposition tables: do the parts add up, and which parts hold the whole back.
//!
//! Two shapes are read from a pasted table:
//! - parts as rows: 片区/责任单位/企业/部门 | 指标 | 单位 | 年度目标 | 累计完成, with
//!   one indicator (named in the title or an 指标 column) or several (column
//!   pairs such as 技工贸总收入目标 | 技工贸总收入完成, or a two-row header);
//!   a 合计/总计 row is the whole as the table itself states it;
//! - by month: 月份 | 计划 | 实际, planned against actual month by month.
//!
//! All figures of a report are converted into the whole's unit (the scheme's
//! unit of the indicator), so 万元 parts are checked against an 亿元 whole.
//! Parts are judged with `progress::assess`, the same rules as the park's
//! progress table.

use crate::diag::{Diagnostic, Source};
use crate::model::{ParkData, ProgressSettings, SplitPart, SplitReport, SplitSum, Status};
use crate::base::period::Period;
use crate::table::number::{fast_number, parse_number, percent_unit, CellNumber};
use crate::table::column::{header_why, ColumnInfo, ReadBy};
use crate::table::period::{is_digit, month_span, parse_month, strip_period};
use crate::table::roles::{self, Header, Role as R, What, What as W};
use crate::table::{header, units};
use crate::diag::problem::{Problem, TableOf, UnitFallback};
use crate::eval::progress::{self, assess, finite, ItemKind, SchemeItem};
use crate::scheme::Scheme;
use crate::table::{parse_grid, Grid};
use crate::base::unit::Unit;
use crate::base::text::fold_name;
use crate::table::vocab::{row_kind, split_bracket, strip_unit_note, unit_in_brackets, unit_label, unit_note, RowKind, Total};

/// The value a column holds for the split check: targets or actuals (a named
/// month's column holds that month's actual), with the indicator beside the
/// role word and the unit in brackets; `None` for any other column.
fn value_of(h: &Header) -> Option<(What, String, Option<Unit>)> {
    // 分月计划, 月度计划: the word before the role says how the plan is laid out, not which indicator.
    let prefix = if MONTHLY_WORDS.contains(&h.prefix.as_str()) { String::new() } else { h.prefix.clone() };
    match h.role {
        R::Value(W::Target) => Some((W::Target, prefix, h.unit.clone())),
        R::Value(W::Actual | W::Month(_)) => Some((W::Actual, prefix, h.unit.clone())),
        _ => None,
    }
}

/// Words before a role that qualify it as monthly (分月计划) rather than name an indicator.
const MONTHLY_WORDS: &[&str] = &["分月", "月度", "各月", "逐月", "按月", "每月"];

/// Whether a month part covers month `mo` (a combined 1-2月 covers both).
fn covers(rec: &Record, mo: u32) -> bool {
    match (rec.first_month, rec.month) {
        (Some(a), Some(b)) => (a..=b).contains(&mo),
        _ => false,
    }
}

/// What one pass over a part's name tells: whether it is plain (made of
/// characters name folding leaves as they are: CJK ideographs, ASCII letters
/// and digits, so it is its own `fold_name` and, ASCII case aside, its own
/// `name_key`), and whether it holds a character of the row-kind words (小 of
/// 小计, 其 of 其中, 合 总 汇 全 of 合计, 总计, 汇总, 全省 …) or 月.
#[derive(Clone, Copy)]
struct NameScan {
    plain: bool,
    kind_word: bool,
    month_word: bool,
}

fn scan_name(name: &str) -> NameScan {
    let mut scan = NameScan { plain: !name.is_empty(), kind_word: false, month_word: false };
    for c in name.chars() {
        if !(c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
            scan.plain = false;
            break;
        }
        match c {
            '小' | '其' | '合' | '总' | '汇' | '全' => scan.kind_word = true,
            '月' => scan.month_word = true,
            _ => {}
        }
    }
    scan
}

/// `row_kind` of a part's name as the split uses it (subtotal, breakdown, a
/// total, or a part: notes, averages and the like count as parts here). A
/// plain name without a character of the row-kind words is a part, decided
/// without folding it; any other name goes through `row_kind`.
fn part_row_kind(name: &str, scan: NameScan) -> RowKind {
    if scan.plain && !scan.kind_word {
        return RowKind::Data;
    }
    row_kind(name)
}

/// `month_span` of a part's name: a plain name without 月 spans no months.
fn part_month_span(name: &str, scan: NameScan) -> Option<(u32, u32)> {
    if scan.plain && !scan.month_word {
        return None;
    }
    month_span(name)
}

/// `parse_month` of a part's name: a plain name is a month only when, 份 and 月
/// trimmed from its end, it ends in a digit or a Chinese numeral.
fn part_month(name: &str, scan: NameScan) -> Option<u32> {
    if scan.plain {
        let last = name.trim_end_matches('份').trim_end_matches('月').chars().next_back();
        if !last.is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) {
            return None;
        }
    }
    parse_month(name)
}

/// The unit a cell without its own suffix is in (`table::units`): its row's,
/// its column's (the header, else the indicator's merged header), the table's.
fn fallback_unit<'u>(units: Units<'u>, row: Option<&'u Unit>, col: usize) -> Option<&'u Unit> {
    let column = units.columns.iter().find(|(c, _)| *c == col).and_then(|(_, u)| u.as_ref()).or(units.group);
    units::Stated { cell: None, row, column, table: units.title }.resolve().map(|(u, _)| u)
}

/// 0.5 × 10^-k for k = 0..=12, as `half_ulp_of_text` computes them.
const HALF_ULP: [f64; 13] = [0.5, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 5e-7, 5e-8, 5e-9, 5e-10, 5e-11, 5e-12, 5e-13];

/// Half a unit in the last written decimal place of a cell (0.005 for 12.34):
/// the largest rounding error the cell can carry. A cell without decimals is
/// taken as exact, because targets are set in whole numbers; a whole-number
/// figure that was rounded is covered by the relative tolerance instead.
fn half_ulp_of_text(text: &str) -> f64 {
    let t = text.trim();
    // ASCII cells (nearly all): count the digits after the last '.' bytewise.
    if t.is_ascii() {
        let Some(dot) = t.bytes().rposition(|b| b == b'.') else { return 0.0 };
        let after = t.as_bytes().get(dot + 1..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();
        return HALF_ULP.get(after.min(12)).copied().unwrap_or(0.0);
    }
    let Some(dot) = t.rfind(['.', '．']) else { return 0.0 };
    let after = t.get(dot..).unwrap_or("").chars().skip(1).take_while(|c| is_digit(*c)).count();
    0.5 * 10f64.powi(i32::try_from(after.min(12)).unwrap_or(12)).recip()
}

/// The same for a figure that arrives as a number (the park's observation).
fn half_ulp_of_number(v: f64) -> f64 {
    let s = format!("{v}");
    if s.contains('e') {
        return 0.0;
    }
    half_ulp_of_text(&s)
}

/// Formats a figure for messages: at most 4 decimals, trailing zeros dropped.
fn fmt(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// One value cell of the table as read.
#[derive(Clone, Debug)]
struct Cell<'g> {
    value: Option<f64>,
    /// The unit written in the cell itself.
    unit: Option<Unit>,
    half_ulp: f64,
    row: usize,
    col: usize,
    /// The cell as pasted (a span of the grid).
    text: &'g str,
}

/// One part (or total) row for one indicator.
///
/// Its texts borrow the grid and the header's groups: reading a row allocates
/// nothing but what a unit written in a cell or a unit column needs.
#[derive(Clone, Debug)]
struct Record<'g> {
    row: usize,
    name: &'g str,
    /// The month a month part covers, or the last of the months it combines (1-2月).
    month: Option<u32>,
    /// The first month a combined part covers (1 for 1-2月); `month` otherwise.
    first_month: Option<u32>,
    total: bool,
    /// The indicator as written (a header prefix, an 指标 cell or the title's).
    indicator: &'g str,
    /// The unit the row's values are in unless a cell says otherwise.
    unit: Option<Unit>,
    target: Option<Cell<'g>>,
    actual: Option<Cell<'g>>,
}

/// A value after conversion into the whole's unit, with its rounding tolerance.
#[derive(Clone, Copy, Debug, Default)]
struct Val {
    v: Option<f64>,
    tol: f64,
}

/// A group of value columns belonging to one indicator.
#[derive(Clone, Debug, Default)]
struct Group {
    prefix: String,
    unit: Option<Unit>,
    target: Option<(usize, Option<Unit>)>,
    actual: Option<(usize, Option<Unit>)>,
}

struct Ctx<'a> {
    source: Source,
    diags: Vec<Diagnostic>,
    items: Vec<SchemeItem>,
    whole: Option<&'a ParkData>,
    m: u32,
    tp: f64,
    slight: f64,
    rel: f64,
}

impl Ctx<'_> {
    fn read_cell<'g>(&mut self, grid: &'g Grid, row: usize, col: usize) -> Cell<'g> {
        let text = grid.cell(row, col);
        let half_ulp = half_ulp_of_text(text);
        // Most cells are plain numbers (0.1580 · 1,234.5 · 63.7%): read at byte
        // level as the park table's reader does, the rest by the full reader.
        if let Some((v, pct)) = fast_number(text.trim()) {
            let unit = if pct { percent_unit().cloned() } else { None };
            if !pct || unit.is_some() {
                return Cell { value: finite(v), unit, half_ulp, row, col, text };
            }
        }
        let (value, unit) = match parse_number(text) {
            CellNumber::Value { value, unit, warnings } => {
                for w in warnings {
                    self.diags.push(Diagnostic::warning(self.source.clone(), w).at(row, col).cell(text));
                }
                (finite(value), unit)
            }
            CellNumber::Missing => (None, None),
            CellNumber::Invalid(fault) => {
                self.diags.push(Diagnostic::error(self.source.clone(), CellNumber::problem(fault, text)).at(row, col).cell(text));
                (None, None)
            }
        };
        Cell { value, unit, half_ulp, row, col, text }
    }

    /// Converts a cell into `to`, reporting units that do not convert.
    fn convert(&mut self, cell: Option<&Cell>, fallback: Option<&Unit>, to: Option<&Unit>) -> Val {
        let Some(cell) = cell else { return Val::default() };
        let from = cell.unit.as_ref().or(fallback);
        let (v, tol) = match (cell.value, from, to) {
            (None, _, _) => (None, 0.0),
            (Some(v), Some(f), Some(t)) => match (f.convert(v, t), f.convert(cell.half_ulp, t)) {
                (Some(x), Some(h)) => (finite(x), h.abs()),
                _ => {
                    self.diags.push(
                        Diagnostic::error(
                            self.source.clone(),
                            Problem::UnitNotConvertible { item: None, from: f.label.clone(), to: t.label.clone() },
                        )
                            .at(cell.row, cell.col)
                            .cell(cell.text),
                    );
                    (None, 0.0)
                }
            },
            (Some(v), _, _) => (Some(v), cell.half_ulp),
        };
        Val { v, tol: if tol.is_finite() { tol } else { 0.0 } }
    }
}

/// Finds the scheme item a written indicator name means: an exact name or
/// alias first, else the longest name or alias contained in the text.
fn resolve(items: &[SchemeItem], raw: &str) -> Option<usize> {
    let (base, _) = split_bracket(&fold_name(raw));
    let base = strip_period(&base);
    if base.is_empty() {
        return None;
    }
    if let Some(i) = items.iter().position(|it| it.name == base || it.aliases.contains(&base)) {
        return Some(i);
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, it) in items.iter().enumerate() {
        for n in std::iter::once(&it.name).chain(it.aliases.iter()) {
            let len = n.chars().count();
            if len >= 2 && base.contains(n.as_str()) && best.is_none_or(|(_, l)| len > l) {
                best = Some((i, len));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// Checks the `index`-th pasted split table against the park's whole.
///
/// - Parts add up: for each indicator, the parts' targets and actuals
///   (converted into the whole's unit) are summed and compared with the
///   park's figures and with the table's 合计 row. They agree when
///   |Σ parts − whole| ≤ tolerance × |whole| + rounding, where rounding is half
///   a unit in the last decimal written of every part and of the whole (a
///   table of 2-decimal cells may be off by 0.005 per part).
/// - Each part: 完成率, 进度差 to 时序进度 and status as in `progress::assess`.
/// - Laggards: parts behind 时序进度, worst first by their share of the total
///   shortfall, shortfall = max(0, target × 时序进度 − actual) (negative
///   indicators: max(0, actual − target × 时序进度)); rate-type parts have no
///   share and are ordered by their gap.
/// - Month splits: each month ≤ m is its plan against its actual (时序进度 of a
///   month is the whole month), plus a 1–m月累计 part; the 12 plans add up to
///   the annual target and the actuals through m to the cumulative actual.
pub fn check_split(
    index: usize,
    text: &str,
    scheme: &Scheme,
    whole: Option<&ParkData>,
    period: Period,
    settings: &ProgressSettings,
) -> SplitReport {
    let source = Source::Split(index);
    let (grid, grid_diags) = parse_grid(text, source.clone());
    let columns = columns_of(&grid);
    // Months running across (1-2月 | 3月 | … | 合计, 计划 and 实际 as rows) are
    // read turned down, then every position is reported back in the paste.
    let across = header::months_across(&grid);
    let grid = match across {
        Some((h, label_col)) => header::turn_months_down(&grid, h, label_col),
        None => grid,
    };
    let rel =
        if settings.split_tolerance.is_finite() { settings.split_tolerance.abs() } else { ProgressSettings::default().split_tolerance };
    let mut cx = Ctx {
        source,
        diags: Vec::new(),
        items: progress::scheme_items(scheme),
        whole,
        m: progress::month_of(period),
        tp: progress::time_progress(period, settings.by_days),
        slight: progress::slight_threshold(settings),
        rel,
    };
    let mut report = SplitReport {
        title: format!("分解表 {}", index + 1),
        kind: String::new(),
        unit: None,
        parts: Vec::new(),
        sums: Vec::new(),
        laggards: Vec::new(),
        diagnostics: Vec::new(),
        columns,
    };
    read_and_check(&grid, &mut cx, &mut report);
    if let Some((h, _)) = across {
        for d in &mut cx.diags {
            (d.row, d.col) = header::untransposed(h, d.row, d.col);
        }
    }
    report.diagnostics = grid_diags;
    report.diagnostics.extend(crate::table::repair::replaced_characters(text, Source::Split(index)));
    report.diagnostics.append(&mut cx.diags);
    report
}

/// The header: the first row with a name (or month) column and a value column, with its roles.
fn find_header(grid: &Grid) -> Option<(usize, Vec<Header>)> {
    (0..grid.n_rows().min(30)).find_map(|r| {
        let roles = header_roles(grid, r);
        let filled = roles.iter().filter(|x| x.role != R::Empty).count();
        let has_value = roles.iter().any(|x| value_of(x).is_some());
        let has_key = roles.iter().any(|x| matches!(x.role, R::Key(_) | R::MonthLabel | R::Unknown));
        (filled >= 2 && has_value && has_key).then_some((r, roles))
    })
}

/// How a pasted split table's columns are read, and why (the read-back of
/// `report.read.splits`): each column of the paste with its role and the
/// header word that decided it. A table with its months across lists the
/// columns as pasted: the role labels' column, the months, the 合计 column.
pub fn read_columns(text: &str) -> Vec<ColumnInfo> {
    columns_of(&parse_grid(text, Source::Split(0)).0)
}

/// `read_columns` of a parsed table (`check_split` keeps them in its report).
fn columns_of(grid: &Grid) -> Vec<ColumnInfo> {
    let info = |col: usize, header: &str, role: String, why: String, by: ReadBy| ColumnInfo { col, header: header.to_string(), role, why, by };
    if let Some((h, label_col)) = header::months_across(grid) {
        return grid
            .row(h)
            .enumerate()
            .map(|(c, t)| {
                let t = t.trim();
                if c == label_col {
                    let why = "其下各行为计划、实际等口径，月份横排：按月份逐列读取".to_string();
                    return info(c, t, "口径（每行一种）".into(), why, ReadBy::Content);
                }
                if matches!(row_kind(t), RowKind::Total { .. }) {
                    return info(c, t, "合计".into(), "表头为合计：与各月之和核对，不计入".into(), ReadBy::Header);
                }
                if month_span(t).is_some() || parse_month(t).is_some() {
                    return info(c, t, "月份".into(), format!("表头为月份“{t}”"), ReadBy::Header);
                }
                let r = roles::classify(t);
                info(c, t, r.role.label(), header_why(t), ReadBy::Header)
            })
            .collect();
    }
    let Some((h, roles)) = find_header(grid) else { return Vec::new() };
    roles
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let t = grid.cell(h, c).trim();
            let role = match (value_of(r), r.role) {
                (Some((W::Target, prefix, _)), _) => format!("{prefix}目标"),
                (Some((_, prefix, _)), _) => format!("{prefix}完成"),
                (None, R::Key(k)) => format!("分项名称（{}）", k.label()),
                (None, R::Unknown) if !t.is_empty() => "分项名称或忽略（未识别）".to_string(),
                (None, role) => role.label(),
            };
            info(c, t, role, header_why(t), ReadBy::Header)
        })
        .collect()
}

fn read_and_check(grid: &Grid, cx: &mut Ctx, report: &mut SplitReport) {
    let header = find_header(grid);
    let Some((h, roles)) = header else {
        cx.diags.push(Diagnostic::error(cx.source.clone(), Problem::NoHeader { table: TableOf::Split }));
        return;
    };

    // The key column: named parts first, then months, then any other text column.
    // Of several name columns (所属片区 | 企业名称) the finest names the parts: the
    // one with the most names below the header (a merged 片区 cell fills one row of several).
    let mut key: Option<(usize, String, bool)> = None;
    let filled = |c: usize| (h + 1..grid.n_rows()).filter(|&r| !grid.cell(r, c).trim().is_empty()).count();
    let mut best = 0;
    for (c, r) in roles.iter().enumerate() {
        if let R::Key(kind) = r.role {
            let n = filled(c);
            if key.is_none() || n > best {
                key = Some((c, kind.label().to_string(), false));
                best = n;
            }
        }
    }
    if key.is_none() {
        key = roles.iter().position(|r| r.role == R::MonthLabel).map(|c| (c, "月份".to_string(), true));
    }
    if key.is_none() {
        key = roles.iter().enumerate().find_map(|(c, r)| match r.role {
            R::Unknown => {
                let k = r.prefix.replace("名称", "");
                Some((c, if k.is_empty() { "分项".to_string() } else { k }, false))
            }
            _ => None,
        });
    }
    let Some((key_col, mut kind, mut by_month)) = key else {
        cx.diags.push(Diagnostic::error(cx.source.clone(), Problem::NoKeyColumn).at_row(h));
        return;
    };
    let indicator_col = roles.iter().position(|r| r.role == R::Indicator);
    let unit_col = roles.iter().position(|r| r.role == R::Unit);

    // A two-row header: indicator names merged above 目标 | 完成 pairs.
    let mut prefix_row = None;
    let mut value_cols: Vec<(usize, What, String, Option<Unit>)> = roles
        .iter()
        .enumerate()
        .filter_map(|(c, r)| value_of(r).map(|(what, prefix, unit)| (c, what, prefix, unit)))
        .collect();
    if h > 0 && indicator_col.is_none() {
        for (c, _, prefix, unit) in value_cols.iter_mut() {
            if !prefix.is_empty() {
                continue;
            }
            if let Some(t) = header::merged_over(grid, h - 1, *c, key_col + 1).map(fold_name) {
                if t.starts_with("单位") {
                    continue;
                }
                let (base, inner) = split_bracket(&t);
                let base = strip_period(&base);
                if !base.is_empty() {
                    *prefix = base;
                    if unit.is_none() {
                        *unit = inner.as_deref().and_then(unit_label);
                    }
                    prefix_row = Some(h - 1);
                }
            }
        }
    }

    // Title and a 单位：X note from the rows above the header.
    let mut title_unit: Option<Unit> = roles.iter().find_map(|r| if r.role == R::UnitNote { r.unit.clone() } else { None });
    let mut title_text = String::new();
    for r in 0..h {
        if Some(r) == prefix_row {
            continue;
        }
        for c in grid.row(r) {
            let t = c.trim();
            if t.is_empty() {
                continue;
            }
            // 单位：万元, or the title's own bracket: …目标分解（万元）.
            if let Some(u) = unit_note(t).or_else(|| unit_in_brackets(t).1) {
                title_unit.get_or_insert(u);
            }
            let cleaned = strip_unit_note(t);
            if title_text.is_empty() && !cleaned.is_empty() {
                title_text = cleaned;
            }
        }
    }

    // Value columns grouped by indicator prefix, in order of appearance.
    let mut groups: Vec<Group> = Vec::new();
    for (c, what, prefix, unit) in value_cols {
        let gi = match groups.iter().position(|g| g.prefix == prefix) {
            Some(i) => i,
            None => {
                groups.push(Group { prefix: prefix.clone(), ..Group::default() });
                groups.len() - 1
            }
        };
        let Some(g) = groups.get_mut(gi) else { continue };
        let slot = match what {
            What::Target => &mut g.target,
            _ => &mut g.actual,
        };
        if let Some((first, _)) = slot {
            let name = grid.cell(h, c).trim().to_string();
            let d = Diagnostic::warning(cx.source.clone(), Problem::DuplicateColumn { name, first_col: *first + 1 })
                .at(h, c)
                .cell(grid.cell(h, c));
            cx.diags.push(d);
        } else {
            *slot = Some((c, unit));
        }
    }
    // The bracket unit of a two-row header applies to the whole group.
    for g in groups.iter_mut() {
        g.unit = g.target.as_ref().and_then(|t| t.1.clone()).or_else(|| g.actual.as_ref().and_then(|a| a.1.clone()));
    }

    // The indicator of a table without 指标 column or prefixes: named in the title.
    let title_indicator = resolve(&cx.items, &title_text).and_then(|i| cx.items.get(i)).map(|it| it.name.clone());
    let needs_title_indicator = indicator_col.is_none() && groups.iter().any(|g| g.prefix.is_empty());
    if needs_title_indicator && title_indicator.is_none() {
        cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::IndicatorUnknown));
    }

    // Data rows.
    let mut records: Vec<Record> = Vec::with_capacity(grid.n_rows().saturating_sub(h + 1) * groups.len());
    let mut last_name: Option<&str> = None;
    for r in h + 1..grid.n_rows() {
        let name_cell = grid.cell(r, key_col).trim();
        let any_value = groups.iter().any(|g| {
            g.target.as_ref().is_some_and(|(c, _)| !grid.cell(r, *c).trim().is_empty())
                || g.actual.as_ref().is_some_and(|(c, _)| !grid.cell(r, *c).trim().is_empty())
        });
        if name_cell.is_empty() && !any_value {
            continue;
        }
        let name = if !name_cell.is_empty() {
            name_cell
        } else if let (Some(_), Some(prev)) = (indicator_col, last_name) {
            // Merged name cells arrive as blanks under the first row of the block.
            prev
        } else {
            cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::NoPartName).at(r, key_col));
            continue;
        };
        last_name = Some(name);
        let scan = scan_name(name);
        let total = match part_row_kind(name, scan) {
            RowKind::Subtotal => {
                cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::Subtotal).at(r, key_col).cell(name));
                continue;
            }
            RowKind::Breakdown => {
                cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::Breakdown).at(r, key_col).cell(name));
                continue;
            }
            RowKind::Total { of: Total::Sum | Total::Whole, .. } => true,
            _ => false,
        };
        // 1-2月 is one part covering two months (January and February are
        // reported together); 1-3月累计 or 1-6月 between months is a subtotal.
        let span = if total { None } else { part_month_span(name, scan) };
        if let Some((first, last)) = span {
            if fold_name(name).contains("累计") || (first == 1 && last > 2) {
                cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::Subtotal).at(r, key_col).cell(name));
                continue;
            }
        }
        let month = if total { None } else { span.map(|(_, last)| last).or_else(|| part_month(name, scan)) };
        let first_month = span.map(|(first, _)| first).or(month);
        let ind_cell = indicator_col.map(|c| grid.cell(r, c).trim()).unwrap_or_default();
        let mut row_unit = None;
        if let Some(c) = unit_col {
            let t = grid.cell(r, c).trim();
            if !t.is_empty() {
                row_unit = unit_label(t);
                if row_unit.is_none() && Unit::parse(t).is_none() {
                    let problem = Problem::UnknownUnitLabel { text: t.to_string(), fallback: UnitFallback::WholeUnit };
                    cx.diags.push(Diagnostic::warning(cx.source.clone(), problem).at(r, c).cell(t));
                }
            }
        }
        if row_unit.is_none() && indicator_col.is_some() {
            row_unit = split_bracket(&fold_name(ind_cell)).1.as_deref().and_then(unit_label);
        }
        for g in &groups {
            let indicator: &str = if !g.prefix.is_empty() {
                &g.prefix
            } else if indicator_col.is_some() {
                if ind_cell.is_empty() {
                    if let Some(c) = indicator_col {
                        cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::NoIndicatorName).at(r, c));
                    }
                    continue;
                }
                ind_cell
            } else {
                title_indicator.as_deref().unwrap_or_default()
            };
            let target = g.target.as_ref().map(|(c, _)| cx.read_cell(grid, r, *c));
            let actual = g.actual.as_ref().map(|(c, _)| cx.read_cell(grid, r, *c));
            records.push(Record { row: r, name, month, first_month, total, indicator, unit: row_unit.clone(), target, actual });
        }
    }

    // A table keyed by an unusual header whose rows are all months is a month split.
    if !by_month {
        let parts: Vec<&Record> = records.iter().filter(|r| !r.total).collect();
        if parts.len() >= 2 && parts.iter().all(|r| r.month.is_some() && r.name.contains('月')) {
            by_month = true;
            kind = "月份".to_string();
        }
    }
    report.kind = kind;

    // Indicators in order of first appearance.
    let mut indicators: Vec<&str> = Vec::new();
    for r in &records {
        if !indicators.contains(&r.indicator) {
            indicators.push(r.indicator);
        }
    }
    let multi = indicators.len() > 1;
    let mut units: Vec<Option<Unit>> = Vec::new();
    let mut laggards: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for &raw in &indicators {
        let recs: Vec<&Record> = records.iter().filter(|r| r.indicator == raw).collect();
        let group_unit = groups.iter().find(|g| g.prefix == raw).and_then(|g| g.unit.clone());
        let col_units: Vec<(usize, Option<Unit>)> = groups
            .iter()
            .flat_map(|g| g.target.iter().chain(g.actual.iter()).map(|(c, u)| (*c, u.clone().or_else(|| g.unit.clone()))))
            .collect();
        let units_of = Units { group: group_unit.as_ref(), columns: &col_units, title: title_unit.as_ref() };
        let out = check_indicator(cx, IndicatorRows { raw, recs: &recs, units: units_of, by_month, multi }, report);
        units.push(out.unit);
        laggards.extend(out.laggards);
        names.push(out.name);
    }
    report.unit = match units.first() {
        Some(Some(u)) if units.iter().all(|x| x.as_ref().map(|x| &x.label) == Some(&u.label)) => Some(u.clone()),
        _ => None,
    };
    // Worst first: the largest share of the shortfall, then the largest gap.
    laggards.sort_by(|a, b| {
        let sa = a.1.unwrap_or(-1.0);
        let sb = b.1.unwrap_or(-1.0);
        sb.total_cmp(&sa).then(a.2.unwrap_or(0.0).total_cmp(&b.2.unwrap_or(0.0)))
    });
    report.laggards = laggards.into_iter().map(|l| l.0).collect();
    report.title = if !title_text.is_empty() {
        title_text
    } else {
        let ind = names.iter().filter(|n| !n.is_empty()).cloned().collect::<Vec<_>>().join("、");
        format!("{}目标分解（按{}）", ind, report.kind)
    };
}

/// The roles of row `r` as a header (`table::header`: key columns merged down a two-row header).
fn header_roles(grid: &Grid, r: usize) -> Vec<Header> {
    header::roles_with_merged_keys(grid, r)
}

struct IndicatorOutcome {
    name: String,
    unit: Option<Unit>,
    /// (label, share of shortfall, gap) of each part behind.
    laggards: Vec<(String, Option<f64>, Option<f64>)>,
}

/// The units a split's cells may take theirs from: the indicator's column
/// group, each column's header, and the table's title.
#[derive(Clone, Copy)]
struct Units<'a> {
    group: Option<&'a Unit>,
    columns: &'a [(usize, Option<Unit>)],
    title: Option<&'a Unit>,
}

/// The rows of one indicator in a split table.
struct IndicatorRows<'a> {
    /// The indicator's name as pasted.
    raw: &'a str,
    recs: &'a [&'a Record<'a>],
    units: Units<'a>,
    by_month: bool,
    /// Whether the table holds several indicators (their labels are then named).
    multi: bool,
}

fn check_indicator(cx: &mut Ctx, rows: IndicatorRows, report: &mut SplitReport) -> IndicatorOutcome {
    let IndicatorRows { raw, recs, units, by_month, multi } = rows;
    let item = resolve(&cx.items, raw).and_then(|i| cx.items.get(i)).cloned();
    let first_row = recs.first().map(|r| r.row).unwrap_or(0);
    let name = match &item {
        Some(it) => it.name.clone(),
        None => {
            let n = strip_period(&split_bracket(&fold_name(raw)).0);
            if !n.is_empty() {
                cx.diags.push(
                    Diagnostic::warning(cx.source.clone(), Problem::IndicatorNotInScheme { name: n.clone() }).at_row(first_row).cell(raw),
                );
            }
            n
        }
    };
    // The unit each cell's value is in, unless the cell says otherwise.
    // The unit a cell without its own suffix is in (`table::units`): its row's,
    // its column's (the header, else the indicator's merged header), the table's.
    let fallback = |r: &Record, col: usize| -> Option<Unit> { fallback_unit(units, r.unit.as_ref(), col).cloned() };
    // The whole's unit: the scheme's, else the first unit the table states.
    let whole_unit: Option<Unit> = item.as_ref().map(|it| it.unit.clone()).or_else(|| {
        recs.iter().find_map(|r| {
            [r.target.as_ref(), r.actual.as_ref()].into_iter().flatten().find_map(|c| c.unit.clone().or_else(|| fallback(r, c.col)))
        })
    });
    let kind = item.as_ref().map(|it| it.kind).unwrap_or_else(|| ItemKind::of_name(&name, whole_unit.as_ref().unwrap_or(&Unit::one())));

    let obs = match (&item, cx.whole) {
        (Some(it), Some(p)) => {
            let o = p.items.get(&it.name).filter(|o| o.value.is_some() || o.target.is_some());
            if o.is_none() {
                cx.diags.push(
                    Diagnostic::warning(cx.source.clone(), Problem::NoWholeValue { indicator: it.name.clone() }).at_row(first_row),
                );
            }
            o
        }
        _ => None,
    };
    let label = if name.is_empty() { "分项".to_string() } else { name.clone() };
    let unit_label_s = whole_unit.as_ref().map(|u| u.label.clone()).unwrap_or_default();

    // Convert every record once.
    struct Conv<'r> {
        rec: &'r Record<'r>,
        t: Val,
        a: Val,
    }
    let mut conv: Vec<Conv> = Vec::new();
    for r in recs {
        let ft = r.target.as_ref().and_then(|c| fallback_unit(units, r.unit.as_ref(), c.col));
        let fa = r.actual.as_ref().and_then(|c| fallback_unit(units, r.unit.as_ref(), c.col));
        let t = cx.convert(r.target.as_ref(), ft, whole_unit.as_ref());
        let a = cx.convert(r.actual.as_ref(), fa, whole_unit.as_ref());
        conv.push(Conv { rec: r, t, a });
    }
    let has_target = recs.iter().any(|r| r.target.is_some());
    let has_actual = recs.iter().any(|r| r.actual.is_some());
    let totals: Vec<&Conv> = conv.iter().filter(|c| c.rec.total).collect();
    if totals.len() > 1 {
        if let Some(t) = totals.get(1) {
            cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::ManyTotals).at_row(t.rec.row));
        }
    }
    let table_total = totals.first().map(|c| (c.t, c.a));
    let part_label = |n: &str| if multi { format!("{n}（{label}）") } else { n.to_string() };
    let mut laggards: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
    // How far a part falls short of its plan at time progress `tp`, and the row
    // it makes (its status, its share of the whole's shortfall, whether it
    // lags): the same for parts by area and by month.
    let slight = cx.slight;
    let shortfall = |t: Option<f64>, a: Option<f64>, tp: f64| -> Option<f64> {
        if kind.rate {
            return None;
        }
        let (t, a) = (t?, a?);
        Some(if kind.negative { (a - t * tp).max(0.0) } else { (t * tp - a).max(0.0) })
    };
    let part_row = |c: &Conv<'_>, tp: f64, total_short: f64, laggards: &mut Vec<(String, Option<f64>, Option<f64>)>| -> SplitPart {
        let a = assess(kind, c.t.v, c.a.v, tp, slight);
        let share = shortfall(c.t.v, c.a.v, tp).map(|s| if total_short > 0.0 { s / total_short * 100.0 } else { 0.0 }).and_then(finite);
        if matches!(a.status, Status::SlightlyBehind | Status::FarBehind) {
            laggards.push((part_label(c.rec.name), share, a.gap_pp));
        }
        SplitPart {
            name: c.rec.name.to_string(),
            indicator: name.clone(),
            target: c.t.v,
            actual: c.a.v,
            completion: a.completion,
            gap_pp: a.gap_pp,
            status: a.status,
            gap_share: share,
            unit: whole_unit.clone(),
            note: a.notes.join("；"),
        }
    };

    if by_month {
        let m = cx.m;
        let mut months: Vec<&Conv> = Vec::new();
        for c in conv.iter().filter(|c| !c.rec.total) {
            match c.rec.month {
                None => cx.diags.push(
                    Diagnostic::warning(cx.source.clone(), Problem::UnknownMonth { text: c.rec.name.to_string() })
                        .at_row(c.rec.row)
                        .cell(c.rec.name),
                ),
                Some(mo) if months.iter().any(|x| x.rec.month == Some(mo)) => {
                    let first_row = months.iter().find(|x| x.rec.month == Some(mo)).map(|x| x.rec.row + 1);
                    let problem = Problem::DuplicateRow { name: c.rec.name.to_string(), first_row };
                    cx.diags.push(Diagnostic::warning(cx.source.clone(), problem).at_row(c.rec.row).cell(c.rec.name))
                }
                Some(_) => months.push(c),
            }
        }
        months.sort_by_key(|c| c.rec.month);
        let missing: Vec<u32> = (1..=m).filter(|mo| !months.iter().any(|c| covers(c.rec, *mo))).collect();
        if !missing.is_empty() {
            cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::MonthsMissing { months: missing }));
        }
        let total_short: f64 =
            months.iter().filter(|c| c.rec.month.is_some_and(|mo| mo <= m)).filter_map(|c| shortfall(c.t.v, c.a.v, 1.0)).sum();
        for c in &months {
            let mo = c.rec.month.unwrap_or(13);
            if mo > m {
                if c.a.v.is_some() {
                    cx.diags.push(
                        Diagnostic::warning(cx.source.clone(), Problem::MonthAfterPeriod { month: mo, period_month: m })
                            .at_row(c.rec.row)
                            .cell(c.rec.name),
                    );
                }
                report.parts.push(SplitPart {
                    name: c.rec.name.to_string(),
                    indicator: name.clone(),
                    target: c.t.v,
                    actual: None,
                    completion: None,
                    gap_pp: None,
                    status: Status::Missing,
                    gap_share: None,
                    unit: whole_unit.clone(),
                    note: "统计期后".to_string(),
                });
                continue;
            }
            // A month is judged against its own plan: time progress 1.
            report.parts.push(part_row(c, 1.0, total_short, &mut laggards));
        }
        // The cumulative plan against the cumulative actual through month m.
        if !kind.rate {
            let upto: Vec<&&Conv> = months.iter().filter(|c| c.rec.month.is_some_and(|mo| mo <= m)).collect();
            let mut notes = Vec::new();
            let plan: Option<f64> = if (1..=m).all(|mo| upto.iter().any(|c| covers(c.rec, mo))) && upto.iter().all(|c| c.t.v.is_some()) {
                finite(upto.iter().filter_map(|c| c.t.v).sum())
            } else {
                notes.push("计划不全".to_string());
                None
            };
            let act: Option<f64> = if upto.len() == m as usize && upto.iter().all(|c| c.a.v.is_some()) {
                finite(upto.iter().filter_map(|c| c.a.v).sum())
            } else {
                notes.push("实际数不全".to_string());
                None
            };
            let a = assess(kind, plan, act, 1.0, cx.slight);
            notes.extend(a.notes.iter().filter(|n| !n.starts_with("缺")).cloned());
            report.parts.push(SplitPart {
                name: if m == 1 { "1月累计".to_string() } else { format!("1–{m}月累计") },
                indicator: name.clone(),
                target: plan,
                actual: act,
                completion: a.completion,
                gap_pp: a.gap_pp,
                status: a.status,
                gap_share: None,
                unit: whole_unit.clone(),
                note: notes.join("；"),
            });
        }
        if kind.rate {
            cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::RateNotSummed { indicator: label.clone(), by_month: true }));
        } else {
            // The 12 plans add up to the annual target.
            if has_target {
                let plans: Vec<Val> = months.iter().map(|c| c.t).collect();
                // Months whose plan is given (a combined 1-2月 counts for two).
                let n = (1..=12u32).filter(|mo| months.iter().any(|c| covers(c.rec, *mo) && c.t.v.is_some())).count();
                let mut wholes: Vec<(&str, f64, f64)> = Vec::new();
                if let Some((t, _)) = table_total {
                    if let Some(v) = t.v {
                        wholes.push(("合计行", v, t.tol));
                    }
                }
                if let Some(v) = obs.and_then(|o| o.target).and_then(finite) {
                    wholes.push(("园区数据", v, half_ulp_of_number(v)));
                }
                for (basis, w, wt) in wholes {
                    if n < 12 {
                        let sum: f64 = plans.iter().filter_map(|p| p.v).sum();
                        let lacking: Vec<String> = (1..=12u32)
                            .filter(|mo| !months.iter().any(|c| covers(c.rec, *mo) && c.t.v.is_some()))
                            .map(|mo| format!("{mo}月"))
                            .collect();
                        report.sums.push(SplitSum {
                            indicator: name.clone(),
                            what: "target".to_string(),
                            whole: Some(w),
                            parts_sum: sum,
                            difference: None,
                            ok: false,
                            message: format!(
                                "{label}全年计划：分月计划只有 {n} 个月（缺{}），无法与{basis}的全年目标 {}{unit_label_s} 核对",
                                lacking.join("、"),
                                fmt(w)
                            ),
                        });
                    } else {
                        let spec = SumSpec { indicator: &name, label: &label, unit: &unit_label_s, rel: cx.rel };
                        let whole = Whole { what_label: "全年计划", what: "target", basis, value: w, tol: wt };
                        report.sums.push(sum_check(&spec, whole, &plans));
                    }
                }
            }
            if has_actual {
                // The table's own 合计 row adds up every month it lists; the
                // park's cumulative actual covers months 1..=m only.
                if let Some((_, a)) = table_total {
                    if let Some(v) = a.v {
                        let all: Vec<Val> = months.iter().filter(|c| c.a.v.is_some()).map(|c| c.a).collect();
                        let spec = SumSpec { indicator: &name, label: &label, unit: &unit_label_s, rel: cx.rel };
                        let whole = Whole { what_label: "各月实际", what: "actual", basis: "合计行", value: v, tol: a.tol };
                        report.sums.push(sum_check(&spec, whole, &all));
                    }
                }
                if let Some(v) = obs.and_then(|o| o.value).and_then(finite) {
                    let acts: Vec<Val> = months.iter().filter(|c| c.rec.month.is_some_and(|mo| mo <= m)).map(|c| c.a).collect();
                    let what_label = if m == 1 { "1月实际".to_string() } else { format!("1–{m}月实际") };
                    let spec = SumSpec { indicator: &name, label: &label, unit: &unit_label_s, rel: cx.rel };
                    let whole =
                        Whole { what_label: &what_label, what: "actual", basis: "园区数据", value: v, tol: half_ulp_of_number(v) };
                    report.sums.push(sum_check(&spec, whole, &acts));
                }
            }
        }
    } else {
        let parts: Vec<&Conv> = conv.iter().filter(|c| !c.rec.total).collect();
        let tp = cx.tp;
        let total_short: f64 = parts.iter().filter_map(|c| shortfall(c.t.v, c.a.v, tp)).sum();
        for c in &parts {
            report.parts.push(part_row(c, tp, total_short, &mut laggards));
        }
        if kind.rate {
            cx.diags.push(Diagnostic::warning(cx.source.clone(), Problem::RateNotSummed { indicator: label.clone(), by_month: false }));
        } else {
            for (what, present, key) in [(What::Target, has_target, "target"), (What::Actual, has_actual, "actual")] {
                if !present {
                    continue;
                }
                let vals: Vec<Val> = parts.iter().map(|c| if what == What::Target { c.t } else { c.a }).collect();
                let what_label = if what == What::Target { "年度目标" } else { "累计完成" };
                let mut wholes: Vec<(&str, f64, f64)> = Vec::new();
                if let Some((t, a)) = table_total {
                    let v = if what == What::Target { t } else { a };
                    if let Some(x) = v.v {
                        wholes.push(("合计行", x, v.tol));
                    }
                }
                let park = obs.and_then(|o| if what == What::Target { o.target } else { o.value }).and_then(finite);
                if let Some(x) = park {
                    wholes.push(("园区数据", x, half_ulp_of_number(x)));
                }
                if wholes.is_empty() {
                    let sum: f64 = vals.iter().filter_map(|v| v.v).sum();
                    report.sums.push(SplitSum {
                        indicator: name.clone(),
                        what: key.to_string(),
                        whole: None,
                        parts_sum: sum,
                        difference: None,
                        ok: true,
                        message: format!(
                            "{label}{what_label}：没有整体数可核对（无园区数据、无合计行），分项合计 {}{unit_label_s}",
                            fmt(sum)
                        ),
                    });
                }
                for (basis, w, wt) in wholes {
                    let spec = SumSpec { indicator: &name, label: &label, unit: &unit_label_s, rel: cx.rel };
                    let whole = Whole { what_label, what: key, basis, value: w, tol: wt };
                    report.sums.push(sum_check(&spec, whole, &vals));
                }
            }
        }
    }
    IndicatorOutcome { name, unit: whole_unit, laggards }
}

/// Compares the sum of the parts with one whole.
///
/// Agreement: |Σ parts − whole| ≤ rel × |whole| + Σ rounding of the parts +
/// rounding of the whole (plus 1e-9 of the whole against binary noise).
/// What is checked, the same for every sum of one indicator.
struct SumSpec<'a> {
    indicator: &'a str,
    /// "“X”的", or empty for a one-indicator table.
    label: &'a str,
    unit: &'a str,
    rel: f64,
}

/// The whole a sum is checked against: which figure, from where, its value and rounding.
struct Whole<'a> {
    what_label: &'a str,
    /// "target" or "actual".
    what: &'a str,
    /// Where the whole comes from (园区数据, 合计行 …).
    basis: &'a str,
    value: f64,
    tol: f64,
}

fn sum_check(spec: &SumSpec, whole: Whole, parts: &[Val]) -> SplitSum {
    let SumSpec { indicator, label, unit, rel } = *spec;
    let Whole { what_label, what, basis, value: whole, tol: whole_tol } = whole;
    let sum: f64 = parts.iter().filter_map(|p| p.v).sum();
    let sum = finite(sum).unwrap_or(0.0);
    let missing = parts.iter().filter(|p| p.v.is_none()).count();
    let rounding: f64 = parts.iter().filter(|p| p.v.is_some()).map(|p| p.tol).sum::<f64>() + whole_tol;
    let tol = rel * whole.abs() + rounding + 1e-9 * whole.abs().max(1.0);
    let diff = sum - whole;
    let ok = diff.abs() <= tol;
    let mut message = if ok {
        format!("{label}{what_label}：分项合计 {}{unit}，与{basis} {}{unit} 相符", fmt(sum), fmt(whole))
    } else {
        let more = if diff > 0.0 { "多" } else { "少" };
        let pct = if whole != 0.0 { format!("（{:.2}%）", (diff / whole * 100.0).abs()) } else { String::new() };
        format!(
            "{label}{what_label}：分项合计 {}{unit}，比{basis} {}{unit} {more} {}{unit}{pct}，超出允许误差 {}{unit}",
            fmt(sum),
            fmt(whole),
            fmt(diff.abs()),
            fmt(tol)
        )
    };
    if !ok && whole != 0.0 && sum != 0.0 {
        let ratio = (sum / whole).abs();
        if (ratio / 1e4 - 1.0).abs() < 0.02 || (ratio * 1e4 - 1.0).abs() < 0.02 {
            message.push_str("；相差约 10000 倍，请检查单位（万元/亿元）");
        }
    }
    if missing > 0 {
        message.push_str(&format!("；{missing} 个分项缺数，未计入"));
    }
    SplitSum {
        indicator: indicator.to_string(),
        what: what.to_string(),
        whole: Some(whole),
        parts_sum: sum,
        difference: finite(diff),
        ok,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the split does with a row: skip it as a subtotal or breakdown, take it as the table's total, or as a part.
    fn as_split(k: RowKind) -> &'static str {
        match k {
            RowKind::Subtotal => "subtotal",
            RowKind::Breakdown => "breakdown",
            RowKind::Total { of: Total::Sum | Total::Whole, .. } => "total",
            _ => "part",
        }
    }

    #[test]
    fn part_names_are_classified_as_the_table_layer_does() {
        let names = [
            "长沙第1号企业有限公司", "株洲第2号企业有限公司", "合计", "总计", "全区", "全县合计", "汇总", "小计", "其中", "其中：高新区",
            "园区小计", "合力机械有限公司", "联合化工", "全兴酒业", "总体", "平均", "满分", "1月", "12月", "1-2月", "1—2月", "3月份",
            "十二月", "十一月", "二月", "2022年1月", "1-11月累计", "1-3月", "一", "三", "12", "13", "abc", "ABC公司", "第3季度",
            "填报人", "注:", "（一）企业甲", "企业 乙", "Ｘ公司", "１月", "湘潭三一", "十", "企业2月", "月", "份", "月份",
        ];
        for n in names {
            let scan = scan_name(n);
            assert_eq!(as_split(part_row_kind(n, scan)), as_split(row_kind(n)), "row kind of {n}");
            assert_eq!(part_month_span(n, scan), month_span(n), "month span of {n}");
            assert_eq!(part_month(n, scan), parse_month(n), "month of {n}");
        }
        // The fast path is taken where it should be, and months are still found.
        assert!(scan_name("长沙第1号企业有限公司").plain && !scan_name("企业 乙").plain && !scan_name("Ｘ公司").plain);
        assert!(!scan_name("长沙第1号企业有限公司").kind_word && scan_name("全县合计").kind_word && scan_name("12月").month_word);
        assert_eq!(part_month("12月", scan_name("12月")), Some(12));
        assert_eq!(part_month("十二月", scan_name("十二月")), Some(12));
        assert_eq!(part_month_span("1-2月", scan_name("1-2月")), Some((1, 2)));
        assert_eq!(as_split(part_row_kind("全县合计", scan_name("全县合计"))), "total");
    }
}

#[cfg(test)]
mod fast_cells {
    use super::*;

    /// The general rule for a cell's rounding, written out without the ASCII shortcut.
    fn half_ulp_general(text: &str) -> f64 {
        let t = text.trim();
        let Some(dot) = t.rfind(['.', '．']) else { return 0.0 };
        let after = t.get(dot..).unwrap_or("").chars().skip(1).take_while(|c| is_digit(*c)).count();
        0.5 * 10f64.powi(i32::try_from(after.min(12)).unwrap_or(12)).recip()
    }

    #[test]
    fn the_ascii_shortcut_gives_the_general_rounding() {
        let cells = [
            "0.1580", " 12.34 ", "7", "1,234.5", "63.7%", "-0.5", "1.", ".5", "3.14159265358979", "0.12345678901234567", "12.3万",
            "1.5亿元", "约2.0", "1．25", "", "1.2.3", "abc", "-", "0.000", "1e5", "2.50E3",
        ];
        for c in cells {
            assert_eq!(half_ulp_of_text(c).to_bits(), half_ulp_general(c).to_bits(), "half ulp of {c:?}");
        }
    }

    #[test]
    fn a_cell_reads_the_same_through_the_fast_path_as_through_the_full_reader() {
        let text = "企业\t目标\n甲\t0.1580\n乙\t1,234.5\n丙\t63.7%\n丁\t-0\n戊\t12.3万\n己\t1e3\n庚\t#N/A\n辛\t \n";
        let (grid, _) = parse_grid(text, Source::Split(0));
        let mut cx = Ctx {
            source: Source::Split(0),
            diags: Vec::new(),
            items: Vec::new(),
            whole: None,
            m: 11,
            tp: 11.0 / 12.0,
            slight: 5.0,
            rel: 0.001,
        };
        let got: Vec<(Option<f64>, Option<String>)> =
            (1..grid.n_rows()).map(|r| cx.read_cell(&grid, r, 1)).map(|c| (c.value, c.unit.map(|u| u.label))).collect();
        let want: Vec<(Option<f64>, Option<String>)> = (1..grid.n_rows())
            .map(|r| match parse_number(grid.cell(r, 1)) {
                CellNumber::Value { value, unit, .. } => (finite(value), unit.map(|u| u.label)),
                _ => (None, None),
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.first(), Some(&(Some(0.158), None)));
        assert_eq!(got.get(2), Some(&(Some(63.7), Some("%".to_string()))));
        assert_eq!(got.get(3).map(|g| g.0.map(f64::to_bits)), Some(Some(0.0f64.to_bits())), "-0 reads as 0");
        // The error cell still gets the full reader's diagnostic.
        assert_eq!(cx.diags.len(), 1, "{:?}", cx.diags);
    }
}
