//! What it takes: each indicator's full-marks value, the points and a plan to the next grade, the gaps to the neighbouring ranks.
//!
//! Nothing here knows a scoring method. An indicator is scored as a function
//! of its value by `score::Rescorer::points` (the same code the report uses),
//! and a park as a whole by `Rescorer::score`; the values that reach full marks
//! or a grade are found by probing in the improving direction and bisecting,
//! which holds for every method that is monotone in its value (a method added
//! to `score.rs` later works without code here). Where no value can change the
//! score (直接打分, 扣分 for events that happened) the answer is `None` with the reason.
//! Relative methods (功效系数, 极值, …: `score::uses_peers`) are worked out
//! against the other parks as pasted, and say so.

use std::rc::Rc;
use crate::base::fixed::{round_half_away, Points};
use crate::model::{IndicatorScore, ParkData, ParkScore, Parks};
use crate::scheme::{Direction, Method, Scheme};
use crate::eval::score::{uses_peers, Rescorer, Sim};
use crate::base::unit::{Dims, Unit};

/// The value at which one indicator reaches full marks, or why there is none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FullMarks {
    /// In the indicator's unit.
    pub value: Option<f64>,
    pub reason: Option<String>,
    /// `value` − today's value, in the unit.
    pub change: Option<f64>,
    /// The change in percent of today's value.
    pub change_pct: Option<f64>,
    /// Points gained per unit of improvement, where the score is linear between
    /// today's value and `value`.
    pub per_unit: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    pub name: String,
    pub unit: String,
    pub from: f64,
    pub to: f64,
    pub gain: Points,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NextGrade {
    /// Shared between the parks of one evaluation (`reach_all` makes each grade's name once).
    pub grade: Rc<str>,
    pub points_needed: Points,
    pub plan: Vec<PlanStep>,
    pub blocked_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopGrade {
    pub grade: Rc<str>,
    pub points_needed: Points,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NextRank {
    pub rank: u32,
    pub park: String,
    pub points_needed: Points,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lead {
    pub park: String,
    pub points: Points,
}

/// Everything "what it takes" for one park.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reach {
    /// One per indicator of the breakdown (empty without the breakdown).
    pub full_marks: Vec<FullMarks>,
    pub to_next_grade: Option<NextGrade>,
    pub to_top_grade: Option<TopGrade>,
    pub to_next_rank: Option<NextRank>,
    pub lead_over_next: Option<Lead>,
}

/// Which parks get what: `detailed` parks their full-marks values, `plan_for`
/// parks a plan to the next grade (the re-scoring search is the costly part).
pub struct Want<'a> {
    pub detailed: &'a dyn Fn(usize) -> bool,
    pub plan_for: &'a dyn Fn(usize) -> bool,
}

/// "What it takes" for every park; `parks` are the parks as scored (what-if applied).
///
/// Only the parks that get a search are materialised as `ParkData`; the others
/// are read from the columns (a 20,000-park paste with one park shown makes one).
pub fn reach_all(scheme: &Scheme, parks: &Parks, scores: &[ParkScore], want: &Want) -> Vec<Reach> {
    reach_with(scheme, parks, scores, want, None)
}

/// `reach_all` with the `Rescorer` that `score::score_table_with` gave for the same parks.
pub fn reach_all_with(scheme: &Scheme, parks: &Parks, scores: &[ParkScore], want: &Want, r: &Rescorer) -> Vec<Reach> {
    reach_with(scheme, parks, scores, want, Some(r))
}

fn reach_with(scheme: &Scheme, parks: &Parks, scores: &[ParkScore], want: &Want, given: Option<&Rescorer>) -> Vec<Reach> {
    let grades = sorted_grades(scheme);
    let names: Vec<Rc<str>> = grades.iter().map(|g| Rc::from(g.name.as_str())).collect();
    let mut out: Vec<Reach> = scores.iter().map(|s| grades_of(scheme, &grades, &names, s)).collect();
    ranks(scores, &mut out);
    if !(0..parks.len()).any(|p| (want.detailed)(p) || (want.plan_for)(p)) {
        return out;
    }
    let own;
    let r = match given {
        Some(r) => r,
        None => {
            own = Rescorer::new(scheme, parks);
            &own
        }
    };
    let levers = levers(scheme);
    for (p, score) in scores.iter().enumerate() {
        let Some(reach) = out.get_mut(p) else { continue };
        if !(want.detailed)(p) && !(want.plan_for)(p) {
            continue;
        }
        let Some(park_data) = parks.park(p) else { continue };
        let park = &park_data;
        let peers = r.peers_without(p);
        if (want.detailed)(p) {
            reach.full_marks = score
                .indicators
                .iter()
                .enumerate()
                .map(|(i, s)| full_marks(scheme, r, i, s, park, peers.get(i).map(Vec::as_slice).unwrap_or(&[])))
                .collect();
        }
        if (want.plan_for)(p) {
            if let Some(next) = reach.to_next_grade.as_mut() {
                if next.blocked_by.is_none() {
                    plan(scheme, r, &peers, &levers, park, score.indicators.iter().filter(|i| i.missing.is_some()).count(), next);
                }
            }
        }
    }
    out
}

/// Grades best first.
fn sorted_grades(scheme: &Scheme) -> Vec<&crate::scheme::Grade> {
    let mut g: Vec<&crate::scheme::Grade> = scheme.grades.iter().collect();
    g.sort_by(|a, b| b.min.total_cmp(&a.min));
    g
}

/// The next and the top grade of a park (`grades` best first, `names` theirs),
/// the next blocked when a veto forbids it.
fn grades_of(scheme: &Scheme, grades: &[&crate::scheme::Grade], names: &[Rc<str>], s: &ParkScore) -> Reach {
    let mut reach = Reach::default();
    let Some(top) = grades.first() else { return reach };
    // The grade's position; a park below every grade is one past the last.
    let at = grades.iter().position(|g| *g.name == *s.grade).unwrap_or(grades.len());
    if at == 0 {
        return reach;
    }
    let need = |min: f64| (Points::round(min) - s.total).max(Points::ZERO);
    let name_of = |i: usize, g: &crate::scheme::Grade| names.get(i).cloned().unwrap_or_else(|| Rc::from(g.name.as_str()));
    reach.to_top_grade = Some(TopGrade { grade: name_of(0, top), points_needed: need(top.min) });
    if let Some((i, next)) = at.checked_sub(1).and_then(|i| grades.get(i).map(|g| (i, g))) {
        let forbidden = scheme.veto_forbids.as_deref() == Some(next.name.as_str());
        let blocked_by = match (&s.veto, forbidden) {
            (Some(v), true) => Some(format!("{v}，不论得分多少都不能评为{}", next.name)),
            _ => None,
        };
        reach.to_next_grade = Some(NextGrade { grade: name_of(i, next), points_needed: need(next.min), plan: Vec::new(), blocked_by });
    }
    reach
}

/// The park just above (the lowest total above this one) and just below.
fn ranks(scores: &[ParkScore], out: &mut [Reach]) {
    if scores.len() < 2 {
        return;
    }
    // The first park (in paste order) with each total.
    let mut first: std::collections::BTreeMap<Points, usize> = std::collections::BTreeMap::new();
    for (i, s) in scores.iter().enumerate() {
        first.entry(s.total).or_insert(i);
    }
    for (s, reach) in scores.iter().zip(out.iter_mut()) {
        use std::ops::Bound::{Excluded, Unbounded};
        if let Some((&t, &i)) = first.range((Excluded(s.total), Unbounded)).next() {
            if let Some(above) = scores.get(i) {
                reach.to_next_rank = Some(NextRank { rank: above.rank, park: above.name.clone(), points_needed: t - s.total });
            }
        }
        if let Some((&t, &i)) = first.range(..s.total).next_back() {
            if let Some(below) = scores.get(i) {
                reach.lead_over_next = Some(Lead { park: below.name.clone(), points: s.total - t });
            }
        }
    }
}

/// How a figure may move: its improving direction and its bounds.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    /// +1: more is better; −1: less is better.
    dir: f64,
    /// Counts (件, 个, 家) stay whole numbers.
    whole: bool,
    /// Shares stay at or below 100 %.
    share: bool,
}

fn bounds_of(name: &str, unit: &Unit, direction: Direction) -> Bounds {
    Bounds {
        dir: if direction == Direction::Negative { -1.0 } else { 1.0 },
        whole: unit.dims == Dims { count: 1, ..Dims::NONE } && !unit.is_percent(),
        // A percentage is a share unless it is a growth rate (增速, 增长率, 增幅).
        share: unit.is_percent() && !name.contains('增'),
    }
}

/// Values to try from `x0` in the improving direction, nearest first.
fn probes(x0: f64, b: Bounds, scale: f64) -> Vec<f64> {
    let base = x0.abs().max(scale.abs()).max(1e-6);
    let mut out = Vec::new();
    if b.dir > 0.0 {
        out.extend((-8..=14).map(|k| x0 + base * 2f64.powi(k)));
        if b.share && x0 < 100.0 {
            out.retain(|v| *v < 100.0);
            out.push(100.0);
        }
    } else if x0 > 0.0 {
        // Less is better: down towards 0, not below.
        out.extend((1..=12).rev().map(|k| x0 - x0 * 2f64.powi(-k)));
        out.push(0.0);
    } else {
        out.extend((-8..=14).map(|k| x0 - base * 2f64.powi(k)));
    }
    if b.whole {
        for v in &mut out {
            *v = if b.dir > 0.0 { v.ceil() } else { v.floor() };
        }
        out.dedup();
        out.retain(|v| (v - x0) * b.dir > 0.0);
    }
    out
}

/// The smallest change from `lo` (which fails `ok`) towards `hi` (which passes)
/// that passes, as a figure a person would write (whole for counts, else the
/// fewest significant digits that still pass).
fn smallest(lo: f64, hi: f64, b: Bounds, ok: &mut dyn FnMut(f64) -> bool) -> f64 {
    let (mut lo, mut hi) = (lo, hi);
    // To a relative 1e-9: the figure is then written with at most 4 significant digits.
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid == lo || mid == hi || (hi - lo).abs() <= hi.abs().max(1e-9) * 1e-9 {
            break;
        }
        if ok(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    if b.whole {
        // The nearest whole number when it passes (the bisection stops a hair past it), else the next one.
        let near = hi.round();
        if ((near - hi) * b.dir <= 0.0 || (near - lo) * b.dir > 0.0) && ok(near) {
            return near;
        }
        let w = if b.dir > 0.0 { hi.ceil() } else { hi.floor() };
        return if ok(w) { w } else { hi };
    }
    if hi == 0.0 {
        return hi;
    }
    let mag = hi.abs().log10().floor() as i32;
    let at = |sig: i32, f: fn(f64) -> f64| {
        let q = 10f64.powi((sig - 1 - mag).clamp(-12, 12));
        f(hi * q) / q
    };
    for sig in 1..=4 {
        let near = at(sig, f64::round);
        if (near - hi).abs() <= hi.abs() * 1e-4 + 1e-9 && ok(near) {
            return near;
        }
    }
    let up = at(4, if b.dir > 0.0 { f64::ceil } else { f64::floor });
    if ok(up) {
        up
    } else {
        hi
    }
}

/// Full marks of one indicator of one park, worked out through the scorer.
fn full_marks(scheme: &Scheme, r: &Rescorer, i: usize, s: &IndicatorScore, park: &ParkData, peers: &[f64]) -> FullMarks {
    let none = |why: &str| FullMarks { reason: Some(why.to_string()), ..FullMarks::default() };
    let Some(ind) = scheme.indicators.get(i) else { return FullMarks::default() };
    if s.score >= Points::round(ind.weight) {
        return none("已得满分");
    }
    match ind.method {
        Method::Direct => return none("直接打分项：由评价部门打分，没有可达满分的数值"),
        Method::Deduct { .. } => return none("扣分项：已发生的事故或问题所扣的分不能靠改变数值挽回"),
        _ => {}
    }
    if let Some(why) = &s.missing {
        return none(why);
    }
    let Some(x0) = s.value else { return none("缺数据") };
    let unit = Unit::parse(&ind.unit).unwrap_or_else(Unit::one);
    let b = bounds_of(&ind.name, &unit, ind.direction);
    let f = |x: f64| r.points(i, x, park, peers);
    let Some(s0) = f(x0) else { return none("缺数据") };
    let full = ind.weight - 1e-9;
    let scale = park.items.get(&ind.name).and_then(|o| o.target).unwrap_or(0.0);
    let Some(hi) = probes(x0, b, scale).into_iter().find(|&x| f(x).is_some_and(|p| p >= full)) else {
        let best = probes(x0, b, scale).into_iter().filter_map(f).fold(s0, f64::max);
        let why = if b.share { "即使达到 100% 也" } else { "数值再提高也" };
        return none(&format!("{why}得不到满分（最多 {} 分）", Points::round(best)));
    };
    let mut ok = |x: f64| f(x).is_some_and(|p| p >= full);
    let v = smallest(x0, hi, b, &mut ok);
    let change = v - x0;
    // Linear between today and full marks: the quarter, half and three-quarter
    // points lie on the line through today's score with the first quarter's slope.
    let d = (v - x0) / 4.0;
    let slope = f(x0 + d).map(|p| (p - s0) / d);
    let on_line = |k: f64, sl: f64| f(x0 + d * k).is_some_and(|p| (p - (s0 + sl * d * k)).abs() <= 1e-9 * ind.weight.max(1.0));
    let per_unit = slope.filter(|&sl| d != 0.0 && sl != 0.0 && on_line(2.0, sl) && on_line(3.0, sl)).map(f64::abs);
    FullMarks {
        value: Some(v),
        reason: uses_peers(&ind.method).then(|| "取决于其他园区：按所粘贴的其他园区计算".to_string()),
        change: Some(round_half_away(change, 6)),
        change_pct: (x0 != 0.0).then(|| round_half_away(change / x0.abs() * 100.0, 2)),
        per_unit: per_unit.map(|p| round_half_away(p, 6)),
    }
}

/// A figure the plan may change: an indicator's own pasted value (not a
/// formula's result, not a score entered by a department, not an event), or an
/// input of a formula.
struct Lever {
    name: String,
    unit: Unit,
    bounds: Bounds,
}

fn levers(scheme: &Scheme) -> Vec<Lever> {
    let canonical = |n: &str| scheme.canonical(n).map(str::to_string);
    // Events and counts behind deductions, bonuses and vetoes are not levers.
    let mut fixed: Vec<String> = scheme.adjustments.iter().filter_map(|a| canonical(&a.input)).collect();
    fixed.extend(scheme.vetoes.iter().filter_map(|v| canonical(&v.input)));
    for ind in &scheme.indicators {
        if let Method::Deduct { items } = &ind.method {
            fixed.extend(items.iter().filter_map(|it| canonical(&it.input)));
        }
    }
    let mut out: Vec<Lever> = Vec::new();
    let unit_of = |label: &str| Unit::parse(label).unwrap_or_else(Unit::one);
    for ind in &scheme.indicators {
        if ind.formula.is_some() || matches!(ind.method, Method::Direct | Method::Deduct { .. }) || fixed.contains(&ind.name) {
            continue;
        }
        let unit = unit_of(&ind.unit);
        out.push(Lever { name: ind.name.clone(), bounds: bounds_of(&ind.name, &unit, ind.direction), unit });
    }
    for ind in &scheme.indicators {
        let Some(expr) = ind.formula.as_deref().and_then(|f| crate::scheme::formula::parse(f).ok()) else { continue };
        for n in expr.inputs() {
            let Some(c) = canonical(&n) else { continue };
            if fixed.contains(&c) || out.iter().any(|l| l.name == c) || scheme.indicators.iter().any(|i| i.name == c) {
                continue;
            }
            let unit = scheme.item_unit(&c).unwrap_or_else(Unit::one);
            out.push(Lever { bounds: bounds_of(&c, &unit, Direction::Positive), name: c, unit });
        }
    }
    out
}

/// The park being planned, as columns re-scored in place (`score::Sim`).
struct Cx<'s, 'r, 'a> {
    sim: &'s mut Sim<'r, 'a>,
}

impl Cx<'_, '_, '_> {
    fn total(&mut self) -> Points {
        self.sim.total()
    }

    /// The park's total with column `slot` set to `v` (restored afterwards).
    fn total_with(&mut self, slot: usize, v: f64) -> Points {
        self.sim.total_with(slot, Some(v))
    }
}

/// The most a lever can add to the park's total alone: the smallest value that
/// gives the most, and that total.
fn lever_best(cx: &mut Cx, slot: usize, l: &Lever, scale: f64, now: Points) -> Option<(f64, Points)> {
    let from = cx.sim.value(slot)?;
    let mut at = probes(from, l.bounds, scale);
    // The figure's own target is where most methods reach full marks.
    if (scale - from) * l.bounds.dir > 0.0 {
        let k = at.partition_point(|v| (v - from).abs() < (scale - from).abs());
        at.insert(k, scale);
    }
    let mut tried: Vec<(f64, Points)> = Vec::with_capacity(at.len() + 16);
    let mut best = now;
    let mut flat = 0;
    for v in at {
        let t = cx.total_with(slot, v);
        tried.push((v, t));
        // Past the best by four probes with nothing more: the rest is further away still.
        if t > best {
            best = t;
            flat = 0;
        } else if best > now {
            flat += 1;
            if flat >= 4 {
                break;
            }
        }
    }
    if best <= now {
        return None;
    }
    // A figure that also lowers another indicator (a denominator) peaks between
    // two probes: look closer around the best one, twice.
    for _ in 0..2 {
        let Some(j) = tried.iter().position(|t| t.1 >= best) else { break };
        let lo = j.checked_sub(1).and_then(|k| tried.get(k)).map_or(from, |t| t.0);
        let hi = tried.get(j + 1).or(tried.get(j)).map_or(from, |t| t.0);
        for k in 1..8 {
            let v = lo + (hi - lo) * f64::from(k) / 8.0;
            let t = cx.total_with(slot, v);
            best = best.max(t);
            tried.push((v, t));
        }
        tried.sort_by(|a, b| (a.0 - from).abs().total_cmp(&(b.0 - from).abs()));
    }
    let hi = tried.iter().find(|t| t.1 >= best)?.0;
    let v = smallest(from, hi, l.bounds, &mut |v| cx.total_with(slot, v) >= best);
    Some((v, best))
}

/// The relative increase of a lever per point it gains; a figure at 0 has no
/// relative increase and comes after every figure that has one.
fn effort(from: f64, to: f64, gain: Points) -> f64 {
    let rel = if from != 0.0 { (to - from).abs() / from.abs() } else { 1e6 };
    rel / gain.as_f64().max(0.01)
}

/// A plan that reaches `next` (the most attainable change first), checked by
/// re-scoring the park with every step applied; `blocked_by` says so when the
/// figures cannot reach it. `missing`: how many of the park's indicators are
/// 缺数据 (said when the grade is out of reach).
fn plan(scheme: &Scheme, r: &Rescorer, peers: &[Vec<f64>], levers: &[Lever], park: &ParkData, missing: usize, next: &mut NextGrade) {
    let Some(goal) = scheme.grades.iter().find(|g| *g.name == *next.grade).map(|g| Points::round(g.min)) else { return };
    let mut sim = Sim::new(r, park, peers);
    let slots: Vec<Option<usize>> = levers.iter().map(|l| sim.slot(&l.name)).collect();
    let scale = |l: &Lever| park.items.get(&l.name).and_then(|o| o.target).unwrap_or(0.0);
    let mut cx = Cx { sim: &mut sim };
    let start = cx.total();
    let mut now = start;
    // The levers ranked once, by what each alone gives on the pasted figures
    // (ranking again after every step cost a province-wide evaluate too much);
    // each is then applied in that order as far as it still helps, re-scored.
    let mut order: Vec<(f64, usize)> = Vec::new();
    for (k, l) in levers.iter().enumerate() {
        let Some(slot) = slots.get(k).copied().flatten() else { continue };
        let Some(from) = cx.sim.value(slot) else { continue };
        if let Some((to, total)) = lever_best(&mut cx, slot, l, scale(l), now) {
            order.push((effort(from, to, total - now), k));
        }
    }
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut chosen: Vec<(usize, f64, f64)> = Vec::new();
    for &(_, k) in &order {
        if now >= goal {
            break;
        }
        let (Some(l), Some(slot)) = (levers.get(k), slots.get(k).copied().flatten()) else { continue };
        let Some(from) = cx.sim.value(slot) else { continue };
        let Some((mut to, total)) = lever_best(&mut cx, slot, l, scale(l), now) else { continue };
        if total >= goal {
            // The last step only as far as the grade needs.
            to = smallest(from, to, l.bounds, &mut |v| cx.total_with(slot, v) >= goal);
        }
        cx.sim.set(slot, Some(to));
        now = cx.total();
        chosen.push((k, from, to));
    }
    // The gains as the steps are applied in order, and the check: the park
    // re-scored whole (ParkData, the report's own path) with every step.
    let mut check = park.clone();
    let mut before = start;
    let mut cx2 = Sim::new(r, park, peers);
    for &(k, from, to) in &chosen {
        let (Some(l), Some(slot)) = (levers.get(k), slots.get(k).copied().flatten()) else { continue };
        cx2.set(slot, Some(to));
        if let Some(obs) = check.items.get_mut(&l.name) {
            obs.value = Some(to);
        }
        let after = cx2.total();
        next.plan.push(PlanStep { name: l.name.clone(), unit: l.unit.label.clone(), from, to, gain: after - before });
        before = after;
    }
    let reached = r.score(&check, peers);
    debug_assert_eq!(cx2.total(), reached.total, "the column re-scoring and the park's own path agree");
    let grades = sorted_grades(scheme);
    let rank_of = |g: &str| grades.iter().position(|x| x.name == g).unwrap_or(usize::MAX);
    if rank_of(&reached.grade) > rank_of(&next.grade) {
        let more = if missing > 0 { format!("；另有 {missing} 项指标缺数据，补齐后可再计算") } else { String::new() };
        next.blocked_by = Some(format!("可提升的数值全部改到最有利也只有 {} 分，达不到{}{more}", reached.total, next.grade));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_finds_round_figures() {
        let b = Bounds { dir: 1.0, whole: false, share: false };
        assert_eq!(smallest(148.2, 400.0, b, &mut |x| x >= 165.0), 165.0);
        let w = Bounds { whole: true, ..b };
        assert_eq!(smallest(9.0, 100.0, w, &mut |x| x >= 11.2), 12.0);
        let n = Bounds { dir: -1.0, whole: false, share: false };
        assert_eq!(smallest(3.1, 0.0, n, &mut |x| x <= 3.0), 3.0);
        // No round figure passes: four significant digits, rounded the improving way.
        assert_eq!(smallest(1.0, 10.0, b, &mut |x| x >= 10.0 / 3.0), 3.334);
    }

    #[test]
    fn probes_respect_bounds() {
        let share = Bounds { dir: 1.0, whole: false, share: true };
        let p = probes(63.7, share, 0.0);
        assert!(p.iter().all(|v| *v > 63.7 && *v <= 100.0) && p.last() == Some(&100.0));
        let neg = Bounds { dir: -1.0, whole: false, share: false };
        assert!(probes(3.1, neg, 0.0).iter().all(|v| *v < 3.1 && *v >= 0.0));
    }
}
