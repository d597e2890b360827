//! Check values: the paste's own computed figures, recomputed from the reading.
//!
//! A clerk keeps 完成率 and 增减%/同比 beside the figures they are computed
//! from. The reader sets those columns aside (the tool computes them itself);
//! this phase, run once after the reading, recomputes each from what was read
//! (value ÷ target, value against last year) and compares it with the paste's,
//! within the paste's own rounding. Agreement is evidence, said in the check
//! column's read-back (核对：3 处与读出的数值一致). Where a row disagrees, the
//! readings that differ by a power of ten (万元 for 亿元, a fraction for a
//! percentage) are tried on each figure: when exactly one of them is plausible
//! and agrees, it is used and said at the cell it changes; otherwise the
//! disagreement is a problem at the check cell.
//!
//! The work is per check column and per row that has one; a paste without a
//! check column costs one scan of the column list.

use super::{NameIndex, ReadOutcome, Shape};
use crate::base::period::PeriodSource;
use crate::diag::problem::SetAside;
use crate::table::period::period_hint;
use crate::diag::problem::Implausible;
use crate::table::roles::{Key, Role, What};
use crate::table::vocab::{row_kind, RowKind, Total};
use crate::diag::{Diagnostic, Source};
use crate::table::number::{parse_number, CellNumber};
use crate::base::fmt::show;
use crate::diag::problem::{CheckFigure, Problem};
use crate::table::grid::trim_cell;
use crate::table::roles::{computed_word, Computed};
use crate::table::vocab::name_key_cow;
use crate::table::Grid;

/// A column of check values: where it is, what it checks, and its tally.
struct CheckColumn {
    /// Index into `ReadOutcome::columns`.
    info: usize,
    col: usize,
    kind: Computed,
    agree: u32,
    disagree: u32,
    reread: u32,
}

/// Powers of ten a figure may be off by: 万元 for 亿元 (10⁴), a fraction for a percentage (10²).
const FACTORS: [f64; 4] = [1e-4, 1e-2, 1e2, 1e4];

/// Compares every check value of the paste with the reading (see the module's note).
pub(super) fn check_values(grid: &Grid, idx: &NameIndex, out: &mut ReadOutcome, diags: &mut Vec<Diagnostic>) {
    let mut checks: Vec<CheckColumn> = out
        .columns
        .iter()
        .enumerate()
        .filter_map(|(info, ci)| {
            let kind = computed_word(&name_key_cow(&ci.header))?;
            // 环比 is against last month, which the paste does not give.
            let month_on_month = ci.header.contains("环比");
            (matches!(kind, Computed::Completion | Computed::Growth) && !month_on_month)
                .then_some(CheckColumn { info, col: ci.col, kind, agree: 0, disagree: 0, reread: 0 })
        })
        .collect();
    if checks.is_empty() || out.parks.is_empty() {
        return;
    }
    // Every column that holds a value read: a check column belongs to the value
    // column nearest on its left (目标｜完成｜完成率 per indicator, or one 完成率 for all rows).
    let mut value_cols: Vec<usize> = Vec::new();
    for it in &idx.items {
        let Some(col) = out.parks.column_of(it.name) else { continue };
        for p in 0..out.parks.len() {
            if let Some((_, c)) = col.pos(p) {
                if !value_cols.contains(&c) {
                    value_cols.push(c);
                }
            }
        }
    }
    value_cols.sort_unstable();
    for it in &idx.items {
        let Some(ci) = out.parks.item(it.name) else { continue };
        for p in 0..out.parks.len() {
            let Some(column) = out.parks.column(ci) else { break };
            let Some((r, vc)) = column.pos(p) else { continue };
            let next = value_cols.iter().copied().find(|&c| c > vc).unwrap_or(usize::MAX);
            for check in checks.iter_mut().filter(|k| k.col > vc && k.col < next) {
                let Some(column) = out.parks.column_mut(ci) else { break };
                let figures = Figures { value: column.value(p), other: other_figure(column, p, check.kind) };
                let text = trim_cell(grid.cell(r, check.col));
                let Some(shown) = check_number(text) else { continue };
                match verdict(it, check.kind, figures, shown) {
                    Verdict::Agrees => check.agree += 1,
                    Verdict::NoFigures => {}
                    Verdict::Reread { which, from, to } => {
                        check.reread += 1;
                        let header = out.columns.get(check.info).map(|c| c.header.clone()).unwrap_or_default();
                        let at = match which {
                            CheckFigure::Value => {
                                column.set_value(p, Some(to));
                                (r, vc)
                            }
                            CheckFigure::Target | CheckFigure::LastYear => {
                                let (v, t, l) = (column.value(p), column.target(p), column.last_year(p));
                                let (t, l) = if which == CheckFigure::Target { (Some(to), l) } else { (t, Some(to)) };
                                column.fill(p, v, t, l, Some((r, vc)));
                                (r, check.col)
                            }
                        };
                        let problem = Problem::CheckReread { item: it.name.to_string(), check: header, shown: text.to_string(), which, from, to, unit: it.unit_label.to_string() };
                        diags.push(Diagnostic::warning(Source::Data, problem).at(at.0, at.1).cell(trim_cell(grid.cell(at.0, at.1))));
                    }
                    Verdict::Disagrees { computed, alternatives } => {
                        check.disagree += 1;
                        let header = out.columns.get(check.info).map(|c| c.header.clone()).unwrap_or_default();
                        let problem = Problem::CheckMismatch {
                            item: it.name.to_string(),
                            check: header,
                            shown: text.to_string(),
                            computed,
                            value: figures.value.unwrap_or(f64::NAN),
                            other: figures.other.unwrap_or(f64::NAN),
                            growth: check.kind == Computed::Growth,
                            alternatives,
                        };
                        diags.push(Diagnostic::warning(Source::Data, problem).at(r, check.col).cell(text));
                    }
                }
            }
        }
    }
    for check in &checks {
        if let Some(ci) = out.columns.get_mut(check.info) {
            if let Some(note) = tally_note(check) {
                ci.why.push('；');
                ci.why.push_str(&note);
            }
        }
    }
}

/// A target column headed with another year than the table's (2022年目标 in a
/// 2023 table) holds last year's targets, never this year's: when it is the
/// table's only target column, its targets are dropped and the column is set
/// aside, said at its header. Only where the period is the paste's or the
/// user's (a period from today's date names no year to compare with).
pub(super) fn other_year_targets(idx: &NameIndex, out: &mut ReadOutcome, diags: &mut Vec<Diagnostic>) {
    if out.period_source == PeriodSource::Today {
        return;
    }
    let target_label = Role::Value(What::Target).label();
    let mut targets = out.columns.iter().enumerate().filter(|(_, c)| c.role.starts_with(target_label.as_str()));
    let (Some((info, ci)), None) = (targets.next(), targets.next()) else { return };
    let Some(year) = period_hint(&ci.header).0 else { return };
    if year == out.period.year {
        return;
    }
    let (col, header) = (ci.col, ci.header.clone());
    for it in &idx.items {
        let Some(item) = out.parks.item(it.name) else { continue };
        let Some(column) = out.parks.column_mut(item) else { continue };
        for p in 0..column.values().len() {
            if column.target(p).is_some() {
                let (v, l, pos) = (column.value(p), column.last_year(p), column.pos(p));
                column.fill(p, v, None, l, pos);
            }
        }
    }
    let problem = Problem::ColumnSetAside { text: header.clone(), why: SetAside::OtherYearTarget };
    if let Some(ci) = out.columns.get_mut(info) {
        ci.role = "忽略（另一年份的目标）".to_string();
        ci.why = problem.message();
    }
    diags.push(Diagnostic::warning(Source::Data, problem).at(out.header_row.unwrap_or(0), col).cell(&header));
}

/// Rows whose label names their own period (上交税金（1-5月）in a 1-6月 table):
/// the figure is read as written and flagged at the label, never silently
/// taken as the table's period. One look per indicator row.
pub(super) fn row_periods(grid: &Grid, idx: &NameIndex, out: &mut ReadOutcome, diags: &mut Vec<Diagnostic>) {
    if out.shape != Shape::IndicatorRows {
        return;
    }
    let indicator_label = Role::Indicator.label();
    let Some(name_col) = out.columns.iter().find(|c| c.role == indicator_label).map(|c| c.col) else { return };
    for it in &idx.items {
        let Some(column) = out.parks.column_of(it.name) else { continue };
        for p in 0..out.parks.len() {
            let Some((r, _)) = column.pos(p) else { continue };
            let label = trim_cell(grid.cell(r, name_col));
            // Only a label with a digit or 年/季 can name a period: most rows cost one scan.
            if !label.chars().any(|c| c.is_ascii_digit() || c.is_numeric() || matches!(c, '季' | '半')) {
                continue;
            }
            let (year, month) = period_hint(label);
            let other_year = year.is_some_and(|y| y != out.period.year);
            let other_month = month.is_some_and(|m| m != out.period.month);
            if other_year || other_month {
                let problem = Problem::RowPeriod { label: label.to_string(), year, month, period: out.period };
                diags.push(Diagnostic::warning(Source::Data, problem).at(r, name_col).cell(label));
            }
        }
    }
}

/// 合计 and 平均 rows of a park table (read aside as totals) are check values:
/// each item's figure on the row is compared with the sum (or the mean) of the
/// parks read, in the column's own unit (the factor the parks' cells were
/// converted by). Agreement goes into the park column's read-back, a
/// disagreement is a problem at the row's cell. Tables with groups or
/// subtotals are left alone (a 合计 may sum the subtotals or the parks).
pub(super) fn aggregate_rows(grid: &Grid, idx: &NameIndex, out: &mut ReadOutcome, diags: &mut Vec<Diagnostic>) {
    if out.shape != Shape::ParkRows || out.parks.is_empty() {
        return;
    }
    let park_label = Role::Key(Key::Park).label();
    let Some(info) = out.columns.iter().position(|c| c.role == park_label) else { return };
    let Some(pc) = out.columns.get(info).map(|c| c.col) else { return };
    let first = out.header_row.map_or(0, |h| h + 1);
    let n = out.parks.len();
    if (0..n).any(|p| out.parks.group(p).is_some()) {
        return;
    }
    // The rows the reader set aside as totals, each told at its name (read.total_row):
    // no second scan of the park rows.
    let mut rows: Vec<(usize, bool)> = Vec::new();
    for d in diags.iter().filter(|d| matches!(d.problem, Problem::TotalRow { .. }) && d.col == u32::try_from(pc + 1).ok()) {
        let Some(r) = d.row.and_then(|r| usize::try_from(r).ok()).and_then(|r| r.checked_sub(1)) else { continue };
        if r < first {
            continue;
        }
        match row_kind(trim_cell(grid.cell(r, pc))) {
            RowKind::Subtotal => return,
            RowKind::Total { of: Total::Sum, .. } => rows.push((r, false)),
            RowKind::Total { of: Total::Average, .. } => rows.push((r, true)),
            _ => {}
        }
    }
    if rows.is_empty() {
        return;
    }
    let (mut agree, mut disagree) = (0u32, 0u32);
    for it in &idx.items {
        let Some(col) = out.parks.column_of(it.name) else { continue };
        // Every park's value, and the factor from the column's cells to the item's unit.
        let mut sum = 0.0;
        let mut factor = None;
        let mut vc = None;
        let mut complete = true;
        for p in 0..n {
            match (col.value(p), col.pos(p)) {
                (Some(v), Some((r, c))) => {
                    sum += v;
                    vc = Some(c);
                    if factor.is_none() {
                        if let CellNumber::Value { value: x, .. } = parse_number(trim_cell(grid.cell(r, c))) {
                            factor = (x != 0.0).then(|| v / x);
                        }
                    }
                }
                _ => complete = false,
            }
        }
        let (Some(vc), Some(factor), true) = (vc, factor, complete) else { continue };
        for &(r, average) in &rows {
            let text = trim_cell(grid.cell(r, vc));
            let Some(shown) = check_number(text) else { continue };
            let computed = if average { sum / n as f64 } else { sum };
            let tol = shown.tol * factor.abs() + 0.002 * computed.abs() + 1e-9;
            if (shown.value * factor - computed).abs() <= tol {
                agree += 1;
                continue;
            }
            disagree += 1;
            let row = trim_cell(grid.cell(r, pc)).to_string();
            let problem = Problem::AggregateMismatch { row, item: it.name.to_string(), shown: text.to_string(), computed: computed / factor, average };
            diags.push(Diagnostic::warning(Source::Data, problem).at(r, vc).cell(text));
        }
    }
    if agree + disagree > 0 {
        if let Some(ci) = out.columns.get_mut(info) {
            ci.why.push_str(&format!("；合计/平均行核对：{agree} 处与各园区的数一致"));
            if disagree > 0 {
                ci.why.push_str(&format!("，{disagree} 处不符（见问题提示）"));
            }
        }
    }
}

/// Parts that must stay below their whole, in the scheme's names.
const PARTS_OF_WHOLE: &[(&str, &str)] = &[("上交税金", "技工贸总收入"), ("研究开发费用总额", "技工贸总收入"), ("制造业主营业务收入", "技工贸总收入")];

/// Words of items that are shares (at most 100 %).
const SHARE_WORDS: &[&str] = &["占比", "比重", "压缩率", "覆盖率"];

/// The field's invariants on every figure read, once per item column: a share
/// at most 100 %, a part below its whole, counts whole and not negative, and a
/// value about 10³ or more off its own target or last year's figure. Each is a
/// warning at the cell naming the likely reading; nothing is changed (a
/// plausible small value stays as it is).
pub(super) fn invariants(idx: &NameIndex, out: &ReadOutcome, diags: &mut Vec<Diagnostic>) {
    let parks = &out.parks;
    for it in &idx.items {
        let Some(col) = parks.column_of(it.name) else { continue };
        let share = it.unit_label == "%" && SHARE_WORDS.iter().any(|w| it.name.contains(w));
        // A count, not an average of counts (政务服务事项平均申报材料 3.1 件).
        let count = it.unit.as_ref().is_some_and(|u| u.dims.count == 1 && u.dims.cny == 0 && u.dims.area == 0) && !it.name.contains('均');
        let whole = PARTS_OF_WHOLE.iter().find(|(part, _)| *part == it.name).and_then(|(_, w)| parks.column_of(w).map(|c| (*w, c)));
        for p in 0..parks.len() {
            let (Some(v), Some((r, c))) = (col.value(p), col.pos(p)) else { continue };
            let mut say = |why: Implausible| {
                let problem = Problem::Implausible { item: it.name.to_string(), value: v, unit: it.unit_label.to_string(), why };
                diags.push(Diagnostic::warning(Source::Data, problem).at(r, c));
            };
            if share && v > 100.0 + 1e-9 {
                say(Implausible::ShareOver100);
            }
            if count && v < 0.0 {
                say(Implausible::Negative);
            } else if count && v.fract().abs() > 1e-9 {
                say(Implausible::NotWhole);
            }
            if let Some((w, wc)) = whole {
                if let Some(wv) = wc.value(p).filter(|wv| *wv > 0.0 && v >= *wv) {
                    say(Implausible::AboveWhole { whole: w.to_string(), whole_value: wv });
                }
            }
            for (against, other) in [("目标", col.target(p)), ("上年同期数", col.last_year(p))] {
                let Some(o) = other.filter(|o| *o > 0.0) else { continue };
                if v <= 0.0 {
                    continue;
                }
                let ratio = v / o;
                // 10³ apart or more: no year moves a park's figure so far from its own target.
                if !(1e-3..=1e3).contains(&ratio) {
                    let power = ratio.log10().round() as i32;
                    let wan_for_yi = super::yi_item(it) && ratio > 1.0 && (power - 4).abs() <= 1;
                    say(Implausible::OffBy { against, other: o, power, wan_for_yi });
                    break;
                }
            }
        }
    }
}

/// The figure a check value is computed against besides the value: the target (完成率) or last year (增减%).
fn other_figure(column: &crate::model::ItemColumn, p: usize, kind: Computed) -> Option<f64> {
    match kind {
        Computed::Completion => column.target(p),
        _ => column.last_year(p),
    }
}

/// What the read-back says of a check column, or None when it checked nothing.
fn tally_note(c: &CheckColumn) -> Option<String> {
    let checked = c.agree + c.disagree + c.reread;
    if checked == 0 {
        return None;
    }
    let mut s = format!("核对：{} 处与读出的数值一致", c.agree);
    if c.reread > 0 {
        s.push_str(&format!("，{} 处按另一种读法一致（见问题提示）", c.reread));
    }
    if c.disagree > 0 {
        s.push_str(&format!("，{} 处不符（见问题提示）", c.disagree));
    }
    Some(s)
}

/// A check cell's number: its value, the tolerance its rounding gives (half
/// its last place), and whether it may be a fraction (no % written, at most 10).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shown {
    value: f64,
    tol: f64,
    fraction: bool,
}

fn check_number(text: &str) -> Option<Shown> {
    if text.is_empty() {
        return None;
    }
    let value = match parse_number(text) {
        CellNumber::Value { value, .. } => value,
        _ => return None,
    };
    let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.chars().take_while(char::is_ascii_digit).count());
    let decimals = i32::try_from(decimals.min(12)).unwrap_or(12);
    let fraction = !text.contains(['%', '％']) && value.abs() <= 10.0;
    Some(Shown { value, tol: 0.5 * 10f64.powi(-decimals), fraction })
}

#[derive(Clone, Copy)]
struct Figures {
    value: Option<f64>,
    /// The target (完成率) or last year's figure (增减%).
    other: Option<f64>,
}

enum Verdict {
    Agrees,
    /// The row lacks a figure the check needs.
    NoFigures,
    /// Exactly one reading a power of ten off agrees: `which` figure is `to`, not `from`.
    Reread { which: CheckFigure, from: f64, to: f64 },
    /// No reading agrees, or several do (`alternatives` names them).
    Disagrees { computed: f64, alternatives: Vec<String> },
}

/// The check value computed from two figures, in percent; None when it cannot be.
fn computed(kind: Computed, value: f64, other: f64) -> Option<f64> {
    let x = match kind {
        Computed::Completion if other > 0.0 => value / other * 100.0,
        Computed::Growth if other != 0.0 => (value - other) / other.abs() * 100.0,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

/// Whether a computed percentage agrees with the paste's check value, written
/// as a percentage (89.8) or as a fraction (0.898), within its rounding and a
/// little more (the clerk computed from unrounded figures).
fn agrees(computed: f64, shown: Shown) -> bool {
    let slack = 0.002 * computed.abs() + 1e-9;
    (computed - shown.value).abs() <= shown.tol + slack || (shown.fraction && (computed - shown.value * 100.0).abs() <= shown.tol * 100.0 + slack)
}

/// A figure a county park can report in the item's unit: money in 亿元 under
/// 1万亿 (`wan_for_yi`'s bound), a share or rate within ±1000 %.
fn plausible(it: &super::Item, x: f64) -> bool {
    if super::yi_item(it) {
        return x.abs() < 1e4;
    }
    if it.unit_label == "%" {
        return x.abs() <= 1000.0;
    }
    true
}

fn verdict(it: &super::Item, kind: Computed, f: Figures, shown: Shown) -> Verdict {
    let (Some(value), Some(other)) = (f.value, f.other) else { return Verdict::NoFigures };
    let Some(first) = computed(kind, value, other) else { return Verdict::NoFigures };
    if agrees(first, shown) {
        return Verdict::Agrees;
    }
    let other_is = if kind == Computed::Completion { CheckFigure::Target } else { CheckFigure::LastYear };
    let mut found: Vec<(CheckFigure, f64, f64)> = Vec::new();
    for k in FACTORS {
        for (which, v, o, from, to) in [(CheckFigure::Value, scale(value, k), other, value, scale(value, k)), (other_is, value, scale(other, k), other, scale(other, k))] {
            let ok = computed(kind, v, o).is_some_and(|x| agrees(x, shown));
            if ok && plausible(it, v) && plausible(it, o) {
                found.push((which, from, to));
            }
        }
    }
    match found.as_slice() {
        [(which, from, to)] => Verdict::Reread { which: *which, from: *from, to: *to },
        _ => Verdict::Disagrees {
            computed: first,
            alternatives: found.iter().map(|(w, from, to)| format!("{}由 {} 改为 {}", w.label(), show(*from), show(*to))).collect(),
        },
    }
}

/// `x` × `k`, dividing by 10ⁿ where `k` is 10⁻ⁿ (5.27, not 5.2700000000000005).
fn scale(x: f64, k: f64) -> f64 {
    if k < 1.0 {
        x / (1.0 / k).round()
    } else {
        x * k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_of_the_check_value_is_its_tolerance() {
        let pct = check_number("89.8%").expect("a number");
        assert_eq!(pct, Shown { value: 89.8, tol: 0.05, fraction: false });
        assert_eq!(check_number("13.6"), Some(Shown { value: 13.6, tol: 0.05, fraction: false }));
        assert_eq!(check_number("75"), Some(Shown { value: 75.0, tol: 0.5, fraction: false }));
        assert_eq!(check_number(""), None);
        assert_eq!(check_number("—"), None);
        assert!(agrees(148.2032 / 165.0 * 100.0, pct));
        // 87.8% is a percentage: 8,783 % is not 87.8 % however it is scaled.
        assert!(!agrees(52.7 / 6.0 * 100.0, check_number("87.8%").expect("a number")));
        assert!(agrees(148.2032 / 165.0 * 100.0, check_number("0.898").expect("a number")));
        assert!(!agrees(17.67, check_number("27.3").expect("a number")));
    }
}
