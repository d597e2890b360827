//! Scoring: every method, dimension subtotals, adjustments, vetoes, grades and ranking.
//!
//! Each indicator's score is rounded once, half away from zero, to 0.01 point
//! (`Points::round`); from then on only the printed `Points` are added, so the
//! dimension subtotals and the total always equal the sums of the printed rows.
//! A missing value, target or input never scores silently: the indicator gets
//! the scheme's `missing_score`, is flagged with the 缺数据 reason, and the
//! explanation says so.

use crate::diag::{Diagnostic, Source};
use crate::diag::problem::Problem;
use crate::base::fixed::{round_half_away, Points};
use crate::scheme::formula;
use crate::model::{pack, unpack, Adjustment, DimensionScore, IndicatorScore, Observation, ParkData, ParkScore, Parks, Unscored};
use crate::scheme::{formula_order, Against, Direction, Gap, Indicator, Method, Scheme, TierBasis};
use crate::base::fmt::fmt_num;
use crate::base::unit::Unit;
use std::borrow::Cow;
use std::rc::Rc;
use std::collections::BTreeMap;

/// An indicator's value for one park: the number or the 缺数据 reason, and for
/// formulas the computation written out ("4.99亿元 ÷ 148.20亿元 = 3.37%").
#[derive(Clone, Debug)]
struct Val {
    value: Result<f64, String>,
    how: String,
}

/// Scores every park under `scheme`, each with its full breakdown.
pub fn score_parks(scheme: &Scheme, parks: &[ParkData]) -> (Vec<ParkScore>, Vec<Diagnostic>) {
    score_parks_with(scheme, parks, &|_| true)
}

/// What is worked out once per scheme rather than once per park: on a
/// province-wide paste the per-park share of this work dominated.
struct Prepared {
    units: Vec<Unit>,
    dimension_names: Vec<String>,
    formulas: Vec<Option<formula::Expr>>,
    order: Vec<usize>,
    cyclic: Vec<usize>,
    /// Every item name the formulas, deductions, adjustments and vetoes use,
    /// resolved once to the canonical name, its unit and its indicator index.
    resolved: BTreeMap<String, Resolved>,
}

struct Resolved {
    name: String,
    unit: Unit,
    indicator: Option<usize>,
}

impl Prepared {
    fn new(scheme: &Scheme) -> Prepared {
        let (order, cyclic) = formula_order(scheme);
        let formulas: Vec<Option<formula::Expr>> = scheme.indicators.iter().map(|i| i.formula.as_deref().and_then(|f| formula::parse(f).ok())).collect();
        Prepared {
            units: scheme.indicators.iter().map(|i| unit_of(&i.unit)).collect(),
            dimension_names: scheme
                .indicators
                .iter()
                .map(|ind| scheme.dimensions.iter().find(|d| d.key == ind.dimension).map(|d| d.name.clone()).unwrap_or_else(|| ind.dimension.clone()))
                .collect(),
            resolved: Self::resolve_all(scheme, &formulas),
            formulas,
            order,
            cyclic: cyclic.iter().filter_map(|n| scheme.indicators.iter().position(|x| &x.name == n)).collect(),
        }
    }

    fn resolve_all(scheme: &Scheme, formulas: &[Option<formula::Expr>]) -> BTreeMap<String, Resolved> {
        let mut names: Vec<String> = formulas.iter().flatten().flat_map(|e| e.inputs()).collect();
        for ind in &scheme.indicators {
            if let Method::Deduct { items } = &ind.method {
                names.extend(items.iter().map(|it| it.input.clone()));
            }
        }
        names.extend(scheme.adjustments.iter().map(|a| a.input.clone()));
        names.extend(scheme.vetoes.iter().map(|v| v.input.clone()));
        names.extend(scheme.indicators.iter().filter_map(|i| side_input(&i.method).map(str::to_string)));
        names
            .into_iter()
            .filter_map(|n| {
                let c = scheme.canonical(&n)?.to_string();
                let unit = scheme.item_unit(&c).unwrap_or_else(Unit::one);
                let indicator = scheme.indicators.iter().position(|x| x.name == c);
                Some((n, Resolved { name: c, unit, indicator }))
            })
            .collect()
    }

    /// The canonical name of an item as the scheme wrote it, or the name itself.
    fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.resolved.get(name).map_or(name, |r| r.name.as_str())
    }
}

/// Where a formula's name takes its value from, resolved once per scheme.
#[derive(Clone, Copy, Debug)]
enum Origin {
    /// Another indicator's value (pasted or computed by its own formula).
    Indicator(usize),
    /// An item's column (an input the scheme names).
    Slot(usize),
}

/// One step of a formula compiled to postfix over slots: names are resolved and
/// carry their unit factor, so evaluating it reads no string and allocates nothing.
#[derive(Clone, Copy, Debug)]
enum Step {
    Num(f64),
    Load(Origin, f64),
    Neg,
    Bin(formula::Op),
}

/// A formula compiled for the scoring loop. Only whether it has a value and which
/// matters there: the 缺数据 texts are written for the detailed parks alone (by
/// `indicator_values`), so everything that always fails (a name outside the
/// scheme, a sum of different dimensions, a result in the wrong unit) is `never`.
#[derive(Clone, Debug)]
struct Compiled {
    steps: Vec<Step>,
    never: bool,
    /// The indicator's unit factor the result is converted into.
    to: f64,
}

impl Compiled {
    fn new(expr: &formula::Expr, to: &Unit, prep: &Prepared, slot_of: &dyn Fn(&str) -> Option<usize>, n_ind: usize) -> Compiled {
        let mut steps = Vec::new();
        let dims = Self::compile(expr, prep, slot_of, n_ind, &mut steps);
        let never = match dims {
            Some(d) => d != to.dims || to.factor == 0.0,
            None => true,
        };
        Compiled { steps, never, to: to.factor }
    }

    /// Appends `e`'s steps; returns its dimensions, or None when it can never have a value.
    fn compile(e: &formula::Expr, prep: &Prepared, slot_of: &dyn Fn(&str) -> Option<usize>, n_ind: usize, out: &mut Vec<Step>) -> Option<crate::base::unit::Dims> {
        use crate::base::unit::Dims;
        use formula::{Expr, Op};
        match e {
            Expr::Num { value, .. } => {
                out.push(Step::Num(*value));
                Some(Dims::NONE)
            }
            Expr::Name(n) => {
                let r = prep.resolved.get(n.as_str())?;
                let src = match r.indicator.filter(|&j| j < n_ind) {
                    Some(j) => Origin::Indicator(j),
                    None => Origin::Slot(slot_of(&r.name)?),
                };
                out.push(Step::Load(src, r.unit.factor));
                Some(r.unit.dims)
            }
            Expr::Neg(a) => {
                let d = Self::compile(a, prep, slot_of, n_ind, out);
                out.push(Step::Neg);
                d
            }
            Expr::Bin(op, a, b) => {
                let da = Self::compile(a, prep, slot_of, n_ind, out);
                let db = Self::compile(b, prep, slot_of, n_ind, out);
                out.push(Step::Bin(*op));
                let (da, db) = (da?, db?);
                match op {
                    Op::Add | Op::Sub if da != db => None,
                    Op::Add | Op::Sub => Some(da),
                    Op::Mul => Some(da.times(db)),
                    Op::Div => Some(da.per(db)),
                }
            }
        }
    }

    /// The value in the indicator's unit, as `formula::Expr::evaluate` computes it
    /// (the same operations in the same order, so the same bits), or None.
    /// `ind(j)` is indicator j's current value, `slot(s)` an item's; `stack` is reused.
    fn eval(&self, ind: &dyn Fn(usize) -> Option<f64>, slot: &dyn Fn(usize) -> Option<f64>, stack: &mut Vec<f64>) -> Option<f64> {
        use formula::Op;
        if self.never {
            return None;
        }
        stack.clear();
        for step in &self.steps {
            let v = match *step {
                Step::Num(v) => v,
                Step::Load(src, factor) => {
                    let x = match src {
                        Origin::Indicator(j) => ind(j),
                        Origin::Slot(s) => slot(s),
                    }?;
                    x * factor
                }
                Step::Neg => -stack.pop()?,
                Step::Bin(op) => {
                    let b = stack.pop()?;
                    let a = stack.pop()?;
                    match op {
                        Op::Add => a + b,
                        Op::Sub => a - b,
                        Op::Mul => a * b,
                        Op::Div if b == 0.0 => return None,
                        Op::Div => a / b,
                    }
                }
            };
            if !v.is_finite() {
                return None;
            }
            stack.push(v);
        }
        let out = stack.pop()? / self.to;
        out.is_finite().then_some(out)
    }
}

/// The scheme compiled once per evaluation: every item scoring reads is a slot
/// (a column of the park model), every formula a slot-indexed expression, every
/// deduction, adjustment and veto a slot; the grades are sorted.
struct Plan {
    prep: Prepared,
    /// The canonical names of the items with a column, sorted (as a park's items are).
    slot_names: Vec<String>,
    /// Each indicator's own slot.
    ind_slot: Vec<usize>,
    /// For each of `scheme.dimensions`, the indicators it sums.
    members: Vec<Vec<usize>>,
    formulas: Vec<Option<Compiled>>,
    /// For 扣分 indicators: (slot, points per unit) of each item.
    deduct: Vec<Vec<(usize, f64)>>,
    adjustments: Vec<usize>,
    vetoes: Vec<usize>,
    /// Each indicator's side input (a pasted average or rank), when its method names one.
    side: Vec<Option<usize>>,
    /// Indices into `scheme.grades`, best first (as `finish` orders them).
    grades: Vec<usize>,
    /// Each indicator's weight as printed points, and whether 缺数据 always
    /// means no value (扣分): what the total lacks is tallied without rounding per park.
    weight_points: Vec<Points>,
    deducts: Vec<bool>,
    /// The strings every park's score repeats, made once and shared.
    shared: Shared,
}

/// The texts every park's score repeats (dimension keys and names, grade
/// names), made once per evaluation: a park's score holds counted references,
/// so 20,000 parks allocate none of them (allocation was a quarter of the time).
struct Shared {
    /// (key, name) of each of `scheme.dimensions`.
    dimensions: Vec<(Rc<str>, Rc<str>)>,
    /// The name of each grade, best first (`Plan::grades`' order).
    grades: Vec<Rc<str>>,
    below: Rc<str>,
    none: Rc<str>,
}

impl Shared {
    fn grade(&self, at: GradeAt) -> Rc<str> {
        match at {
            GradeAt::Named(i) => self.grades.get(i).unwrap_or(&self.none).clone(),
            GradeAt::Below => self.below.clone(),
            GradeAt::Ungraded => self.none.clone(),
        }
    }
}

impl Plan {
    fn new(scheme: &Scheme) -> Plan {
        let prep = Prepared::new(scheme);
        let mut names: Vec<String> = scheme.indicators.iter().map(|i| i.name.clone()).collect();
        names.extend(prep.resolved.values().map(|r| r.name.clone()));
        for ind in &scheme.indicators {
            if let Method::Deduct { items } = &ind.method {
                names.extend(items.iter().map(|it| prep.canonical(&it.input).to_string()));
            }
        }
        names.extend(scheme.adjustments.iter().map(|a| prep.canonical(&a.input).to_string()));
        names.extend(scheme.vetoes.iter().map(|v| prep.canonical(&v.input).to_string()));
        names.extend(scheme.indicators.iter().filter_map(|i| side_input(&i.method)).map(|n| prep.canonical(n).to_string()));
        names.sort();
        names.dedup();
        let slot = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).ok();
        let n_ind = scheme.indicators.len();
        let formulas = scheme
            .indicators
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let expr = prep.formulas.get(i).and_then(Option::as_ref)?;
                let to = prep.units.get(i).cloned().unwrap_or_else(Unit::one);
                Some(Compiled::new(expr, &to, &prep, &slot, n_ind))
            })
            .collect();
        let deduct = scheme
            .indicators
            .iter()
            .map(|ind| match &ind.method {
                Method::Deduct { items } => items.iter().filter_map(|it| Some((slot(prep.canonical(&it.input))?, it.per))).collect(),
                _ => Vec::new(),
            })
            .collect();
        let mut grades: Vec<usize> = (0..scheme.grades.len()).collect();
        grades.sort_by(|&a, &b| {
            let (ga, gb) = (scheme.grades.get(a).map_or(0.0, |g| g.min), scheme.grades.get(b).map_or(0.0, |g| g.min));
            gb.total_cmp(&ga)
        });
        let shared = Shared {
            dimensions: scheme.dimensions.iter().map(|d| (Rc::from(d.key.as_str()), Rc::from(d.name.as_str()))).collect(),
            grades: grades.iter().map(|&g| Rc::from(scheme.grades.get(g).map_or("", |g| g.name.as_str()))).collect(),
            below: Rc::from(BELOW_EVERY_GRADE),
            none: Rc::from(""),
        };
        Plan {
            shared,
            ind_slot: scheme.indicators.iter().map(|i| slot(&i.name).unwrap_or(0)).collect(),
            members: scheme
                .dimensions
                .iter()
                .map(|d| scheme.indicators.iter().enumerate().filter(|(_, x)| x.dimension == d.key).map(|(i, _)| i).collect())
                .collect(),
            adjustments: scheme.adjustments.iter().map(|a| slot(prep.canonical(&a.input)).unwrap_or(0)).collect(),
            vetoes: scheme.vetoes.iter().map(|v| slot(prep.canonical(&v.input)).unwrap_or(0)).collect(),
            side: scheme.indicators.iter().map(|i| side_input(&i.method).and_then(|n| slot(prep.canonical(n)))).collect(),
            formulas,
            deduct,
            grades,
            weight_points: scheme.indicators.iter().map(|i| Points::round(i.weight)).collect(),
            deducts: scheme.indicators.iter().map(|i| matches!(i.method, Method::Deduct { .. })).collect(),
            prep,
            slot_names: names,
        }
    }
}

/// The park columns in the plan's slot order: per slot, the value, target and
/// last-year figure of every park (indexed slot × parks + park), copied from the
/// reader's columnar `Parks` with each slot's column resolved by name once: no
/// look-up by name in the scoring loop. A missing figure is `model::NONE_BITS`.
struct Columns {
    parks: usize,
    value: Vec<f64>,
    /// Targets and last year's figures of the slots whose column has any, at
    /// `*_at[slot]` (`NO_COLUMN` for none): most pastes carry only values.
    target: Vec<f64>,
    target_at: Vec<usize>,
    last_year: Vec<f64>,
    last_year_at: Vec<usize>,
    /// (slot, park) of the values a what-if set over a formula's result
    /// (`Observation::overrides_formula`); almost always empty.
    forced: Vec<(usize, usize)>,
}

/// A slot without a column of targets (or of last year's figures).
const NO_COLUMN: usize = usize::MAX;

impl Columns {
    fn new(plan: &Plan, parks: &Parks) -> Columns {
        let n = parks.len();
        let slots = plan.slot_names.len();
        let none = pack(None);
        let mut c = Columns {
            parks: n,
            value: Vec::with_capacity(slots * n),
            target: Vec::new(),
            target_at: vec![NO_COLUMN; slots],
            last_year: Vec::new(),
            last_year_at: vec![NO_COLUMN; slots],
            forced: Vec::new(),
        };
        for (s, name) in plan.slot_names.iter().enumerate() {
            match parks.column_of(name) {
                Some(col) => {
                    c.forced.extend(col.overriding().map(|p| (s, p)));
                    c.value.extend_from_slice(col.values());
                    // Kept only where the pasted column has any (a column with none is empty).
                    for (to, at, from) in [(&mut c.target, &mut c.target_at, col.targets()), (&mut c.last_year, &mut c.last_year_at, col.last_years())] {
                        if from.is_empty() {
                            continue;
                        }
                        if let Some(a) = at.get_mut(s) {
                            *a = to.len();
                        }
                        let end = to.len() + n;
                        to.extend_from_slice(from.get(..n).unwrap_or(from));
                        to.resize(end, none);
                    }
                }
                None => c.value.resize(c.value.len() + n, none),
            }
        }
        c
    }

    fn value(&self, slot: usize, park: usize) -> Option<f64> {
        unpack(self.value.get(slot * self.parks + park))
    }

    fn target(&self, slot: usize, park: usize) -> Option<f64> {
        let at = self.target_at.get(slot).copied().unwrap_or(NO_COLUMN);
        if at == NO_COLUMN {
            return None;
        }
        unpack(self.target.get(at + park))
    }

    fn last_year(&self, slot: usize, park: usize) -> Option<f64> {
        let at = self.last_year_at.get(slot).copied().unwrap_or(NO_COLUMN);
        if at == NO_COLUMN {
            return None;
        }
        unpack(self.last_year.get(at + park))
    }
}

/// Scores every park under `scheme`; relative methods (功效系数 over peers, 极值)
/// use the whole group. Ranks follow the printed totals; ties share a rank.
///
/// Parks for which `detail` is false get the same scores, subtotals, total,
/// grade and rank, but no per-indicator rows and no written-out computations:
/// a 20,000-row paste needs its ranking, not 440,000 explanations.
///
/// The scheme is compiled once into a `Plan` and the parks into `Columns`; every
/// indicator value (formulas included) and, for the parks without a breakdown,
/// every score is then a loop over indices. The detailed parks go through the
/// written-out path (`indicator_values`, `score_indicator`, `finish`), which
/// computes the same numbers; debug builds (the tests) check that they agree for
/// every park.
pub fn score_parks_with(scheme: &Scheme, parks: &[ParkData], detail: &dyn Fn(usize) -> bool) -> (Vec<ParkScore>, Vec<Diagnostic>) {
    score_table(scheme, &Parks::from(parks.to_vec()), detail)
}

/// `score_parks_with` on the columnar park model, as `eval` calls it: only the
/// parks shown in detail are materialised as `ParkData` (and, in debug builds,
/// every park, to check the fast path against the written-out one).
pub fn score_table(scheme: &Scheme, parks: &Parks, detail: &dyn Fn(usize) -> bool) -> (Vec<ParkScore>, Vec<Diagnostic>) {
    let (scores, diags, _) = score_table_with(scheme, parks, detail);
    (scores, diags)
}

/// `score_table`, and the plan and values it scored with as the `Rescorer`
/// that `reach` needs (`Rescorer::new` would work them out again).
pub fn score_table_with<'a>(scheme: &'a Scheme, parks: &Parks, detail: &dyn Fn(usize) -> bool) -> (Vec<ParkScore>, Vec<Diagnostic>, Rescorer<'a>) {
    let mut diags = Vec::new();
    let plan = Plan::new(scheme);
    let prep = &plan.prep;
    let cols = Columns::new(&plan, parks);
    let n = parks.len();
    let n_ind = scheme.indicators.len();
    let vals = values_of(scheme, &plan, &cols);
    let val = |i: usize, p: usize| unpack(vals.get(i * n + p));
    for (i, ind) in scheme.indicators.iter().enumerate() {
        let with_value = (0..n).filter(|&p| val(i, p).is_some()).count();
        if matches!(ind.method, Method::MinMax) && !parks.is_empty() && with_value < 2 {
            diags.push(Diagnostic::warning(Source::Data, Problem::MinMaxNeedsPeers { indicator: ind.name.clone() }));
        }
    }
    // Peer values are the same for every park, so gather them once per indicator
    // (and only for methods that use them): per park they made 10,000 parks quadratic.
    let peers: Vec<Vec<f64>> = scheme
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            if let Some(p) = rank_or_average_peers(&ind.method, (0..n).filter_map(|p| val(i, p))) {
                p
            } else if uses_peers(&ind.method) {
                // Only the extremes matter to the relative methods, so the group
                // is reduced to [max, min] here rather than rescanned per park.
                let mut all = (0..n).filter_map(|p| val(i, p));
                match all.next() {
                    Some(first) => {
                        let (max, min) = all.fold((first, first), |(mx, mn), v| (f64::max(mx, v), f64::min(mn, v)));
                        vec![max, min]
                    }
                    None => Vec::new(),
                }
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut out: Vec<ParkScore> = Vec::with_capacity(n);
    let mut pts = vec![Points::ZERO; n_ind];
    let grades: Vec<&crate::scheme::Grade> = plan.grades.iter().filter_map(|&g| scheme.grades.get(g)).collect();
    let pass = Pass { scheme, plan: &plan, cols: &cols, vals: &vals, peers: &peers };
    for pi in 0..n {
        let detailed = detail(pi);
        if detailed || cfg!(debug_assertions) {
            let Some(park) = parks.park(pi) else { continue };
            let park = &park;
            let mut slow_diags = Vec::new();
            let values = indicator_values(scheme, prep, park, detailed);
            debug_assert!(
                values.iter().enumerate().all(|(i, v)| v.value.as_ref().ok().map(|x| x.to_bits()) == val(i, pi).map(f64::to_bits)),
                "the compiled formulas and the written-out ones disagree on park {pi}"
            );
            let score = slow_park(scheme, prep, park, detailed, &values, &peers, &mut slow_diags);
            if detailed {
                diags.append(&mut slow_diags);
                out.push(score);
                continue;
            }
            // Debug builds check the fast path against the written-out one.
            let before = diags.len();
            let fast = pass.fast_park(pi, &park.name, &mut pts, &grades, &mut diags);
            debug_assert_eq!(fast, score, "the scoring plan and the written-out path disagree on park {pi}");
            debug_assert_eq!(diags.get(before..), Some(&slow_diags[..]));
            out.push(fast);
            continue;
        }
        out.push(pass.fast_park(pi, parks.name(pi).unwrap_or(""), &mut pts, &grades, &mut diags));
    }
    debug_assert!(n_ind == 0 || vals.len() == n_ind * n);
    // Rank = 1 + the number of strictly better printed totals, so ties share a
    // rank (1, 1, 3). Sorted descending, that count is a binary search.
    let mut totals: Vec<Points> = out.iter().map(|p| p.total).collect();
    totals.sort_unstable_by(|a, b| b.cmp(a));
    for p in out.iter_mut() {
        let better = totals.partition_point(|t| *t > p.total);
        p.rank = u32::try_from(better + 1).unwrap_or(u32::MAX);
    }
    (out, diags, Rescorer { scheme, plan, vals, parks: n })
}

/// One park through the written-out path: values with their computations,
/// each indicator's explanation, the subtotals and the total.
fn slow_park(scheme: &Scheme, prep: &Prepared, park: &ParkData, detailed: bool, values: &[Val], peers: &[Vec<f64>], diags: &mut Vec<Diagnostic>) -> ParkScore {
    let missing = Val { value: Err("缺数据".into()), how: String::new() };
    let mut indicators = Vec::with_capacity(scheme.indicators.len());
    for (i, ind) in scheme.indicators.iter().enumerate() {
        let peers = peers.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let val = values.get(i).unwrap_or(&missing);
        let mut cx = ParkCx { park, detail: detailed, diags };
        indicators.push(score_indicator(prep, ItemCx { i, ind, val, peers }, &mut cx));
    }
    let mut score = finish(scheme, prep, park, indicators);
    for ((ind, s), val) in scheme.indicators.iter().zip(&score.indicators).zip(values.iter().chain(std::iter::repeat(&missing))) {
        if s.missing.is_some() {
            let no_value = matches!(ind.method, Method::Deduct { .. }) || val.value.is_err();
            score.unscored.add(Points::round(ind.weight) - s.score, no_value);
        }
    }
    if !detailed {
        // Without the breakdown nothing shows the computations (as `Pass::fast_park`).
        score.indicators = Vec::new();
        for a in &mut score.adjustments {
            a.explain = String::new();
        }
    }
    score
}

/// Every indicator's value for every park (indicator × parks + park, packed as
/// the columns are): the pasted value, or a formula's result in dependency
/// order, or (a formula without its inputs) the pasted figure; `NONE` is 缺数据.
fn values_of(scheme: &Scheme, plan: &Plan, cols: &Columns) -> Vec<f64> {
    let mut vals = Vec::with_capacity(scheme.indicators.len() * cols.parks);
    values_into(plan, cols, &mut vals);
    vals
}

/// `values_of` into `vals` (cleared first), reused by the plan search.
fn values_into(plan: &Plan, cols: &Columns, vals: &mut Vec<f64>) {
    let n = cols.parks;
    vals.clear();
    for &s in &plan.ind_slot {
        vals.extend((0..n).map(|p| pack(cols.value(s, p))));
    }
    let mut stack = Vec::with_capacity(16);
    for p in 0..n {
        for &i in &plan.prep.order {
            let Some(f) = plan.formulas.get(i).and_then(Option::as_ref) else { continue };
            if !cols.forced.is_empty() && plan.ind_slot.get(i).is_some_and(|&s| cols.forced.contains(&(s, p))) {
                continue;
            }
            let result = {
                let ind = |j: usize| unpack(vals.get(j * n + p));
                let slot = |s: usize| cols.value(s, p);
                f.eval(&ind, &slot, &mut stack)
            };
            let pasted = plan.ind_slot.get(i).and_then(|&s| cols.value(s, p));
            if let Some(v) = vals.get_mut(i * n + p) {
                *v = pack(result.or(pasted));
            }
        }
    }
}

/// What the fast path reads to score a park from the columns: the scheme, its
/// plan, the columns, their computed values (`values_of`) and each indicator's
/// peer figures.
struct Pass<'a> {
    scheme: &'a Scheme,
    plan: &'a Plan,
    cols: &'a Columns,
    vals: &'a [f64],
    peers: &'a [Vec<f64>],
}

impl Pass<'_> {
    /// The printed points of every indicator of park `p` into `pts` (the fast path's loop).
    fn indicator_points(&self, p: usize, park: &str, pts: &mut [Points], diags: &mut Vec<Diagnostic>) {
        for (i, (ind, slot)) in self.scheme.indicators.iter().zip(pts.iter_mut()).enumerate() {
            *slot = self.indicator_point(i, ind, p, park, diags);
        }
    }

    /// The printed points of indicator `i` (`ind`) of park `p`.
    fn indicator_point(&self, i: usize, ind: &Indicator, p: usize, park: &str, diags: &mut Vec<Diagnostic>) -> Points {
        Points::round(self.indicator_score(i, ind, p, park, diags).unwrap_or(ind.missing_score))
    }

    /// `indicator_points`, counting what the total lacks: the indicators scored
    /// 缺数据, with no value (or, for 扣分, no count) or with no target.
    fn indicator_points_tallied(&self, p: usize, park: &str, pts: &mut [Points], diags: &mut Vec<Diagnostic>) -> Unscored {
        let mut unscored = Unscored::default();
        let n = self.cols.parks;
        for (i, (ind, slot)) in self.scheme.indicators.iter().zip(pts.iter_mut()).enumerate() {
            let score = self.indicator_score(i, ind, p, park, diags);
            *slot = Points::round(score.unwrap_or(ind.missing_score));
            if score.is_none() {
                let plan = self.plan;
                let no_value = plan.deducts.get(i).copied().unwrap_or(false) || unpack(self.vals.get(i * n + p)).is_none();
                unscored.add(plan.weight_points.get(i).copied().unwrap_or(Points::ZERO) - *slot, no_value);
            }
        }
        unscored
    }

    /// The unrounded points of indicator `i` (`ind`) of park `p`; None: 缺数据.
    fn indicator_score(&self, i: usize, ind: &Indicator, p: usize, park: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
        let Pass { plan, cols, vals, peers, .. } = *self;
        let n = cols.parks;
        let slot = plan.ind_slot.get(i).copied().unwrap_or(0);
        let score = match &ind.method {
            Method::Deduct { .. } => {
                let items = plan.deduct.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let mut lost = 0.0;
                let mut any = false;
                for &(s, per) in items {
                    // A negative count is no count (it would add points): not used.
                    if let Some(c) = cols.value(s, p).filter(|c| *c >= 0.0) {
                        lost += per * c;
                        any = true;
                    }
                }
                if any {
                    Some((ind.weight - lost).clamp(0.0, ind.weight.max(0.0)))
                } else {
                    cols.value(slot, p).map(|x| x.clamp(0.0, ind.weight))
                }
            }
            m => match unpack(vals.get(i * n + p)) {
                None => None,
                Some(x) => {
                    let target = cols.target(slot, p);
                    let last_year = cols.last_year(slot, p);
                    let peers = peers.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    let side = plan.side.get(i).copied().flatten().and_then(|s| cols.value(s, p));
                    points_of(ind, m, Figures { x, target, last_year, side }, peers, park, diags)
                }
            },
        };
        score
    }

    /// One park without its breakdown: the points of every indicator (into `pts`,
    /// reused), summed into the dimensions, then the adjustments, total, veto and grade.
    fn fast_park(&self, p: usize, park: &str, pts: &mut [Points], grades: &[&crate::scheme::Grade], diags: &mut Vec<Diagnostic>) -> ParkScore {
        let unscored = self.indicator_points_tallied(p, park, pts, diags);
        let Pass { scheme, plan, cols, .. } = *self;
        let pts = &*pts;
        let dimensions: Vec<DimensionScore> = scheme
            .dimensions
            .iter()
            .zip(&plan.members)
            .zip(&plan.shared.dimensions)
            .map(|((d, members), (key, name))| DimensionScore {
                key: key.clone(),
                name: name.clone(),
                weight: d.weight,
                score: members.iter().filter_map(|&i| pts.get(i).copied()).sum(),
            })
            .collect();
        // Points only: an adjustment's explanation is written for the parks shown in detail (`slow_park`).
        let adjustments: Vec<Adjustment> = scheme
            .adjustments
            .iter()
            .zip(&plan.adjustments)
            .map(|(a, &s)| Adjustment { name: a.name.clone(), points: adjustment_points(a, cols.value(s, p)), explain: String::new() })
            .collect();
        let vetoed = |v: &(&crate::scheme::Veto, &usize)| cols.value(*v.1, p).is_some_and(|x| x > v.0.above);
        let hit: Vec<&crate::scheme::Veto> = scheme.vetoes.iter().zip(&plan.vetoes).filter(|v| vetoed(v)).map(|(v, _)| v).collect();
        let veto = (!hit.is_empty()).then(|| format!("一票否决：{}", hit.iter().map(|v| v.reason.as_str()).collect::<Vec<_>>().join("；")));
        let total = vetoed_total(&hit, capped_total(scheme, &dimensions, &adjustments));
        let grade = plan.shared.grade(vetoed_grade(&hit, grades, grade_at(scheme, grades, total, !hit.is_empty())));
        ParkScore { name: park.to_string(), indicators: Vec::new(), dimensions, adjustments, total, grade, veto, rank: 0, unscored }
    }
}

/// The unrounded points of one indicator of a park without its breakdown, as
/// `method_score` computes them (None: 缺数据), writing no text.
fn points_of(ind: &Indicator, method: &Method, figures: Figures, peers: &[f64], park: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    if matches!(method, Method::Linear { .. } | Method::Rank { .. } | Method::Pending { .. }) {
        return relative_score(ind, method, &figures, peers, &Unit::one(), false).score.ok();
    }
    let Figures { x, target, last_year, .. } = figures;
    let w = ind.weight;
    let neg = ind.direction == Direction::Negative;
    match method {
        Method::Completion { cap, zero_below, floor } => {
            let t = target?;
            let (num, den) = if neg { (t, x) } else { (x, t) };
            if den <= 0.0 {
                return (neg && x <= 0.0 && t >= 0.0).then_some(w * cap);
            }
            let r = num / den;
            if zero_below.is_some_and(|z| r < z) {
                return Some(0.0);
            }
            Some((w * r.clamp(0.0, *cap)).max(*floor))
        }
        Method::Benchmark { value: b } => {
            if neg {
                if x <= 0.0 {
                    return Some(w);
                }
                Some(w * (b / x).clamp(0.0, 1.0))
            } else {
                let r = if *b > 0.0 { x / b } else { 0.0 };
                Some(w * r.clamp(0.0, 1.0))
            }
        }
        Method::Efficacy { satisfactory, unacceptable } => {
            let (max, min) = extremes(peers, x);
            let (best, worst) = if neg { (min, max) } else { (max, min) };
            let h = satisfactory.unwrap_or(best);
            let l = unacceptable.unwrap_or(worst);
            if h == l {
                return Some(w);
            }
            let d = 60.0 + 40.0 * (x - l) / (h - l);
            Some(w * d.clamp(0.0, 100.0) / 100.0)
        }
        Method::MinMax => {
            let (max, min) = extremes(peers, x);
            if max == min {
                return Some(w);
            }
            Some(if neg { w * (max - x) / (max - min) } else { w * (x - min) / (max - min) })
        }
        Method::Tiers { basis, tiers } => {
            let b = match basis {
                TierBasis::Value => x,
                TierBasis::Growth => {
                    let ly = last_year.filter(|l| *l > 0.0)?;
                    (x / ly - 1.0) * 100.0
                }
                TierBasis::Completion => {
                    let t = target?;
                    let (num, den) = if neg { (t, x) } else { (x, t) };
                    if den <= 0.0 {
                        return None;
                    }
                    num / den * 100.0
                }
            };
            let falling = *basis == TierBasis::Value && neg;
            let hit = if falling {
                tiers.iter().filter(|t| b <= t.min).min_by(|a, c| a.min.total_cmp(&c.min))
            } else {
                tiers.iter().filter(|t| b >= t.min).max_by(|a, c| a.min.total_cmp(&c.min))
            };
            Some(hit.map_or(0.0, |t| t.points.min(w)))
        }
        Method::BasePeriod { base_share, step_pct, step_points, bonus_share } => {
            let ly = last_year?;
            if ly <= 0.0 {
                return None;
            }
            let g = if neg { (ly - x) / ly * 100.0 } else { (x - ly) / ly * 100.0 };
            let steps = if *step_pct > 0.0 { (g / step_pct).trunc() } else { 0.0 };
            let base = w * base_share;
            let top = base + w * bonus_share;
            let raw = base + steps * step_points;
            Some(raw.clamp(0.0, top))
        }
        Method::RateVsTarget => {
            let t = target?;
            let reached = if neg { x <= t } else { x >= t };
            if reached {
                return Some(w);
            }
            let towards = if neg { t < 0.0 } else { t > 0.0 };
            if towards {
                if (neg && x >= 0.0) || (!neg && x <= 0.0) {
                    return Some(0.0);
                }
                Some(w * x / t)
            } else if t == 0.0 {
                Some(0.0)
            } else {
                Some(w * t / x)
            }
        }
        Method::Direct => {
            let raw = if neg { w - x } else { x };
            if raw > w || raw < 0.0 {
                diags.push(Diagnostic::warning(
                    Source::Data,
                    Problem::DirectOutOfRange { park: park.to_string(), indicator: ind.name.clone(), value: x, weight: w },
                ));
            }
            Some(raw.clamp(0.0, w))
        }
        Method::Deduct { .. } | Method::Linear { .. } | Method::Rank { .. } | Method::Pending { .. } => None,
    }
}

/// Methods that score a park against the other pasted parks.
pub fn uses_peers(m: &Method) -> bool {
    match m {
        Method::MinMax => true,
        Method::Efficacy { satisfactory, unacceptable } => satisfactory.is_none() || unacceptable.is_none(),
        _ => false,
    }
}

fn unit_of(label: &str) -> Unit {
    Unit::parse(label).unwrap_or_else(Unit::one)
}

/// A data value as printed in explanations: two decimals (four below 0.1), with % for percent units.
pub fn fmt_value(x: f64, unit: &Unit) -> String {
    let s = if x.abs() >= 0.1 || x == 0.0 {
        format!("{:.2}", round_half_away(x, 2))
    } else {
        let t = format!("{:.4}", round_half_away(x, 4));
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if unit.is_percent() {
        format!("{s}%")
    } else {
        s
    }
}

/// A value with its unit label (4.99亿元, 3.37%, 1.37), for formula computations.
fn with_unit(x: f64, unit: &Unit) -> String {
    let label = if unit.is_percent() || unit.label.is_empty() || unit.label == "—" { "" } else { unit.label.as_str() };
    format!("{}{label}", fmt_value(x, unit))
}

/// A scheme parameter (benchmark, cap, bound) in its shortest form, with % for percent units.
fn fmt_param(x: f64, unit: &Unit) -> String {
    if unit.is_percent() {
        format!("{}%", fmt_num(x))
    } else {
        fmt_num(x)
    }
}

/// Every indicator's value for one park. Formulas are evaluated in dependency
/// order, so a formula may read another formula's result. The computation is
/// written out only when `detail` asks for it.
fn indicator_values(scheme: &Scheme, prep: &Prepared, park: &ParkData, detail: bool) -> Vec<Val> {
    let mut vals: Vec<Val> = scheme
        .indicators
        .iter()
        .map(|ind| Val { value: park.value(&ind.name).ok_or_else(|| format!("缺数据：{} 无数据", ind.name)), how: String::new() })
        .collect();
    for &i in &prep.cyclic {
        if let Some(v) = vals.get_mut(i) {
            if v.value.is_err() {
                v.value = Err("缺数据：公式循环引用".into());
            }
        }
    }
    for &i in &prep.order {
        let Some(ind) = scheme.indicators.get(i) else { continue };
        let Some(expr) = prep.formulas.get(i).and_then(Option::as_ref) else { continue };
        if let Some(x) = park.items.get(&ind.name).filter(|o| o.overrides_formula).and_then(|o| o.value) {
            if let Some(slot) = vals.get_mut(i) {
                *slot = Val { value: Ok(x), how: if detail { format!("{}（模拟值，不按公式）", ind.name) } else { String::new() } };
            }
            continue;
        }
        let one;
        let to = match prep.units.get(i) {
            Some(u) => u,
            None => {
                one = Unit::one();
                &one
            }
        };
        let input = |n: &str| -> Result<(f64, Unit), String> {
            let r = prep.resolved.get(n).ok_or_else(|| format!("缺数据：{n} 不在方案中"))?;
            let v = match r.indicator.and_then(|j| vals.get(j)) {
                Some(v) => v.value.clone()?,
                None => park.value(&r.name).ok_or_else(|| format!("缺数据：{} 无数据", r.name))?,
            };
            Ok((v, r.unit.clone()))
        };
        let result = expr.evaluate(&input, to);
        let how = |v: f64| {
            if !detail {
                return String::new();
            }
            let shown = |n: &str| match input(n) {
                Ok((v, u)) => with_unit(v, &u),
                Err(_) => n.to_string(),
            };
            format!("{} = {} = {}", ind.name, expr.render(&shown), with_unit(v, to))
        };
        let new = match (result, park.value(&ind.name)) {
            (Ok(v), _) => Val { value: Ok(v), how: how(v) },
            // The inputs are missing but the park pasted the derived figure itself.
            (Err(why), Some(v)) => Val { value: Ok(v), how: format!("{}（按填报值；公式{}）", ind.name, why.trim_start_matches("缺数据：")) },
            (Err(why), None) => Val { value: Err(why), how: String::new() },
        };
        if let Some(slot) = vals.get_mut(i) {
            *slot = new;
        }
    }
    vals
}

/// What a method made of one indicator: the unrounded score or the 缺数据 reason,
/// the completion (percent) where the method has one, and the computation
/// before its "= result".
struct Outcome {
    score: Result<f64, Cow<'static, str>>,
    completion: Option<f64>,
    explain: String,
}

/// The reason is borrowed when it is a fixed text, so the parks without a
/// breakdown (which never show it) allocate nothing for it.
fn missing(reason: impl Into<Cow<'static, str>>) -> Outcome {
    Outcome { score: Err(reason.into()), completion: None, explain: String::new() }
}

fn scored(score: f64, completion: Option<f64>, explain: String) -> Outcome {
    Outcome { score: Ok(score), completion, explain }
}

/// The park being scored: whether its breakdown is written, and where problems go.
struct ParkCx<'a> {
    park: &'a ParkData,
    detail: bool,
    diags: &'a mut Vec<Diagnostic>,
}

/// One indicator to score: its index in the scheme, its computed value, and
/// `peers`, the extremes of all parks with data (for the relative methods).
struct ItemCx<'a> {
    i: usize,
    ind: &'a Indicator,
    val: &'a Val,
    peers: &'a [f64],
}

/// The park's own figures for one indicator.
struct Figures {
    x: f64,
    target: Option<f64>,
    last_year: Option<f64>,
    /// The park's side input (a pasted 全省平均 or 排名), for methods that name one.
    side: Option<f64>,
}

/// Scores one indicator of one park.
fn score_indicator(prep: &Prepared, item: ItemCx, cx: &mut ParkCx) -> IndicatorScore {
    let ItemCx { i, ind, val, peers } = item;
    let (park, detail) = (cx.park, cx.detail);
    let one;
    let unit = match prep.units.get(i) {
        Some(u) => u,
        None => {
            one = Unit::one();
            &one
        }
    };
    let obs: Option<&Observation> = park.items.get(&ind.name);
    let target = obs.and_then(|o| o.target);
    let value = val.value.as_ref().ok().copied();
    let outcome = match (&ind.method, &val.value) {
        (Method::Deduct { items }, _) => deduct(prep, ind, park, items, detail),
        (Method::Pending { why }, _) => missing(format!("待定：评分标准未能读懂（{why}）")),
        (_, Err(why)) => missing(if detail { Cow::Owned(why.clone()) } else { Cow::Borrowed("缺数据") }),
        (m, Ok(x)) => {
            let side = side_input(&ind.method).and_then(|n| park.value(prep.canonical(n)));
            let figures = Figures { x: *x, target, last_year: obs.and_then(|o| o.last_year), side };
            method_score(ind, m, figures, peers, unit, cx)
        }
    };
    let w = ind.weight;
    if !detail {
        // Without its breakdown only the points are used (subtotals, total, rank),
        // so none of the texts are written: on 20,000 parks they were most of the time.
        let score = match outcome.score {
            Ok(s) => Points::round(s),
            Err(_) => Points::round(ind.missing_score),
        };
        return IndicatorScore {
            name: String::new(),
            dimension: String::new(),
            unit: Unit::one(),
            value,
            target,
            completion: outcome.completion.filter(|c| c.is_finite()),
            weight: w,
            score,
            lost: Points::round(w) - score,
            explain: String::new(),
            // Marked without its reason (an empty string allocates nothing): the total's tally counts it.
            missing: outcome.score.is_err().then(String::new),
            method: String::new(),
        };
    }
    let unit = unit.clone();
    let (score, missing_reason, mut explain) = match outcome.score {
        Ok(s) => {
            let p = Points::round(s);
            (p, None, format!("{} = {p}", outcome.explain))
        }
        Err(why) => {
            let p = Points::round(ind.missing_score);
            let text = format!("{why}，按方案计 {} 分", fmt_num(ind.missing_score));
            (p, Some(why.into_owned()), text)
        }
    };
    if !val.how.is_empty() && !matches!(ind.method, Method::Deduct { .. }) {
        explain = format!("{}；{explain}", val.how);
    }
    IndicatorScore {
        name: ind.name.clone(),
        dimension: prep.dimension_names.get(i).cloned().unwrap_or_default(),
        unit,
        value,
        // The breakdown's 目标 column shows what the score was measured against:
        // for 标杆值 that is the benchmark, not the park's own annual target
        // (which the progress table still uses).
        target: match ind.method {
            Method::Benchmark { value } => Some(value),
            _ => target,
        },
        completion: outcome.completion.filter(|c| c.is_finite()),
        weight: w,
        score,
        lost: Points::round(w) - score,
        explain,
        missing: missing_reason,
        method: ind.method.label().to_string(),
    }
}

fn method_score(ind: &Indicator, method: &Method, figures: Figures, peers: &[f64], u: &Unit, cx: &mut ParkCx) -> Outcome {
    if matches!(method, Method::Linear { .. } | Method::Rank { .. } | Method::Pending { .. }) {
        return relative_score(ind, method, &figures, peers, u, cx.detail);
    }
    let Figures { x, target, last_year, .. } = figures;
    let (park, detail) = (cx.park, cx.detail);
    let w = ind.weight;
    let neg = ind.direction == Direction::Negative;
    // Without detail the explanation is dropped, so skip the float formatting
    // that dominates scoring time; the numbers computed are the same.
    let wn = if detail { fmt_num(w) } else { String::new() };
    let v = |x: f64| if detail { fmt_value(x, u) } else { String::new() };
    let pm = |x: f64| if detail { fmt_param(x, u) } else { String::new() };
    const NO_TARGET: &str = "缺数据：无年度目标";
    match method {
        Method::Completion { cap, zero_below, floor } => {
            let Some(t) = target else { return missing(NO_TARGET) };
            let (num, den) = if neg { (t, x) } else { (x, t) };
            let cap_s = if detail { fmt_num(*cap) } else { String::new() };
            if den <= 0.0 {
                if neg && x <= 0.0 && t >= 0.0 {
                    // A negative indicator at zero (no accidents, no energy use) is the best possible result.
                    return scored(w * cap, None, format!("{wn} × {cap_s}（实际为 {}，已达最优）", v(x)));
                }
                return missing(if neg { "缺数据：实际值不为正，无法计算完成率" } else { "缺数据：年度目标不为正，无法计算完成率" });
            }
            let r = num / den;
            if let Some(z) = zero_below.filter(|z| r < *z) {
                let how = if detail { format!("完成率 {:.2}% 低于 {}%，不得分", r * 100.0, fmt_num(z * 100.0)) } else { String::new() };
                return scored(0.0, Some(r * 100.0), how);
            }
            let raw = w * r.clamp(0.0, *cap);
            let note = if r < 0.0 {
                "（完成率为负，按 0 计）".to_string()
            } else if raw < *floor {
                format!("（最低 {}）", fmt_num(*floor))
            } else {
                String::new()
            };
            scored(raw.max(*floor), Some(r * 100.0), format!("{wn} × min({} ÷ {}, {cap_s}){note}", v(num), v(den)))
        }
        Method::Benchmark { value: b } => {
            if neg {
                if x <= 0.0 {
                    return scored(w, Some(100.0), format!("{wn} × 1（数值为 {}，优于标杆值 {}）", v(x), pm(*b)));
                }
                let r = b / x;
                scored(w * r.clamp(0.0, 1.0), Some(r * 100.0), format!("{wn} × min({} ÷ {}, 1)", pm(*b), v(x)))
            } else {
                let r = if *b > 0.0 { x / b } else { 0.0 };
                let note = if r < 0.0 { "（为负，按 0 计）" } else { "" };
                scored(w * r.clamp(0.0, 1.0), Some(r * 100.0), format!("{wn} × min({} ÷ {}, 1){note}", v(x), pm(*b)))
            }
        }
        Method::Efficacy { satisfactory, unacceptable } => {
            let (max, min) = extremes(peers, x);
            let (best, worst) = if neg { (min, max) } else { (max, min) };
            let h = satisfactory.unwrap_or(best);
            let l = unacceptable.unwrap_or(worst);
            if h == l {
                return scored(w, None, format!("{wn} × 100%（满意值与不允许值均为 {}，按满分计）", v(h)));
            }
            let d = 60.0 + 40.0 * (x - l) / (h - l);
            let dc = d.clamp(0.0, 100.0);
            scored(w * dc / 100.0, None, format!("d = 60 + 40 × ({} − {}) ÷ ({} − {}) = {d:.2}；{wn} × {dc:.2}%", v(x), v(l), v(h), v(l)))
        }
        Method::MinMax => {
            let (max, min) = extremes(peers, x);
            if max == min {
                return scored(w, None, format!("{wn} × 1（各园区数值相同，均按满分计）"));
            }
            if neg {
                scored(w * (max - x) / (max - min), None, format!("{wn} × ({} − {}) ÷ ({} − {})", v(max), v(x), v(max), v(min)))
            } else {
                scored(w * (x - min) / (max - min), None, format!("{wn} × ({} − {}) ÷ ({} − {})", v(x), v(min), v(max), v(min)))
            }
        }
        Method::Tiers { basis, tiers } => {
            let (b, shown, completion) = match basis {
                TierBasis::Value => (x, v(x), None),
                TierBasis::Growth => {
                    let Some(ly) = last_year.filter(|l| *l > 0.0) else { return missing("缺数据：无上年数或上年数不为正") };
                    let g = (x / ly - 1.0) * 100.0;
                    (g, format!("比上年增长 {g:.2}%"), None)
                }
                TierBasis::Completion => {
                    let Some(t) = target else { return missing(NO_TARGET) };
                    let (num, den) = if neg { (t, x) } else { (x, t) };
                    if den <= 0.0 {
                        return missing("缺数据：年度目标或实际值不为正，无法计算完成率");
                    }
                    let c = num / den * 100.0;
                    (c, format!("完成率 {c:.2}%"), Some(c))
                }
            };
            let bound = |m: f64| if *basis == TierBasis::Value { pm(m) } else { format!("{}%", fmt_num(m)) };
            // With the value basis a negative indicator reads each bound as a ceiling.
            let falling = *basis == TierBasis::Value && neg;
            let hit = if falling {
                tiers.iter().filter(|t| b <= t.min).min_by(|a, c| a.min.total_cmp(&c.min))
            } else {
                tiers.iter().filter(|t| b >= t.min).max_by(|a, c| a.min.total_cmp(&c.min))
            };
            match hit {
                Some(t) => {
                    let rel = if falling { "≤" } else { "≥" };
                    scored(t.points.min(w), completion, format!("{shown} {rel} {} 档，得 {}", bound(t.min), fmt_num(t.points)))
                }
                None => scored(0.0, completion, format!("{shown} 未达最低档，得 0")),
            }
        }
        Method::BasePeriod { base_share, step_pct, step_points, bonus_share } => {
            let Some(ly) = last_year else { return missing("缺数据：无上年同期") };
            if ly <= 0.0 {
                return missing("缺数据：上年同期不为正，无法计算增幅");
            }
            let g = if neg { (ly - x) / ly * 100.0 } else { (x - ly) / ly * 100.0 };
            let steps = if *step_pct > 0.0 { (g / step_pct).trunc() } else { 0.0 };
            let base = w * base_share;
            let top = base + w * bonus_share;
            let raw = base + steps * step_points;
            let s = raw.clamp(0.0, top);
            let word = if neg { "降幅" } else { "增幅" };
            let capped = if raw > top { format!("，封顶 {}", fmt_num(top)) } else if raw < 0.0 { "，最低 0".into() } else { String::new() };
            scored(
                s,
                None,
                format!("{wn} × {} + {} × {}（{word} {g:.2}%，每 {}% 一档{capped}）", fmt_num(*base_share), fmt_num(steps), fmt_num(*step_points), fmt_num(*step_pct)),
            )
        }
        Method::RateVsTarget => {
            let Some(t) = target else { return missing("缺数据：无目标增速") };
            let reached = if neg { x <= t } else { x >= t };
            let completion = (t != 0.0).then(|| x / t * 100.0);
            let rel = if neg { "≤" } else { "≥" };
            if reached {
                return scored(w, completion, format!("{} {rel} 目标 {}，得满分 {wn}", v(x), v(t)));
            }
            // Partial credit is the share of the way from 0 to the target, or for a
            // target on the other side of 0 the ratio target ÷ actual.
            let towards = if neg { t < 0.0 } else { t > 0.0 };
            if towards {
                if (neg && x >= 0.0) || (!neg && x <= 0.0) {
                    return scored(0.0, completion, format!("{} 未达目标 {} 且方向相反，得 0", v(x), v(t)));
                }
                scored(w * x / t, completion, format!("{wn} × {} ÷ {}", v(x), v(t)))
            } else if t == 0.0 {
                scored(0.0, completion, format!("{} 未达目标 {}，得 0", v(x), v(t)))
            } else {
                scored(w * t / x, completion, format!("{wn} × {} ÷ {}", v(t), v(x)))
            }
        }
        Method::Direct => {
            let raw = if neg { w - x } else { x };
            if raw > w || raw < 0.0 {
                cx.diags.push(Diagnostic::warning(
                    Source::Data,
                    Problem::DirectOutOfRange { park: park.name.clone(), indicator: ind.name.clone(), value: x, weight: w },
                ));
            }
            let expr = if neg { format!("{wn} − {}", fmt_num(x)) } else { format!("直接打分 {}", fmt_num(x)) };
            let note = if raw > w { format!("（超过分值，按 {wn} 计）") } else if raw < 0.0 { "（低于 0，按 0 计）".into() } else { String::new() };
            scored(raw.clamp(0.0, w), None, format!("{expr}{note}"))
        }
        Method::Deduct { .. } | Method::Linear { .. } | Method::Rank { .. } | Method::Pending { .. } => missing("缺数据"),
    }
}

/// (max, min) of the peers, falling back to the park's own value.
fn extremes(peers: &[f64], x: f64) -> (f64, f64) {
    let max = peers.iter().copied().fold(x, f64::max);
    let min = peers.iter().copied().fold(x, f64::min);
    (max, min)
}

/// 扣分: w − Σ per × count, at least 0. Items without data count as 0 and are
/// named in the explanation; with no data at all the park's own pasted score
/// for the indicator is used (within 0–w), else the indicator is 缺数据.
/// Without `detail` only the score is worked out (no explanation, no reason).
fn deduct(prep: &Prepared, ind: &Indicator, park: &ParkData, items: &[crate::scheme::DeductItem], detail: bool) -> Outcome {
    let w = ind.weight;
    if !detail {
        let mut lost = 0.0;
        let mut any = false;
        for it in items {
            if let Some(n) = park.value(prep.canonical(&it.input)).filter(|n| *n >= 0.0) {
                lost += it.per * n;
                any = true;
            }
        }
        if !any {
            return match park.value(&ind.name) {
                Some(x) => scored(x.clamp(0.0, w), None, String::new()),
                None => missing("缺数据"),
            };
        }
        return scored((w - lost).clamp(0.0, w.max(0.0)), None, String::new());
    }
    let mut parts = vec![fmt_num(w)];
    let mut absent = Vec::new();
    let mut lost = 0.0;
    let mut negative = Vec::new();
    for it in items {
        let name = prep.canonical(&it.input);
        match park.value(name) {
            Some(n) if n >= 0.0 => {
                lost += it.per * n;
                parts.push(format!("{} × {}（{name}）", fmt_num(it.per), fmt_num(n)));
            }
            // A negative count is no count (it would add points): said, not used.
            Some(n) => negative.push(format!("{name} 为 {}，次数不能为负，未采用", fmt_num(n))),
            None => absent.push(name.to_string()),
        }
    }
    let said = |absent_words: &str| -> String {
        let mut out: Vec<String> = negative.clone();
        if !absent.is_empty() {
            out.push(format!("{}{absent_words}", absent.join("、")));
        }
        out.join("；")
    };
    if absent.len() + negative.len() == items.len() {
        // No counts pasted, but the park may have pasted the indicator's score itself.
        return match park.value(&ind.name) {
            Some(x) => scored(x.clamp(0.0, w), None, format!("按填报得分 {}（{}）", fmt_num(x), said(" 无数据"))),
            None => missing(format!("缺数据：{}", said(" 无数据"))),
        };
    }
    let mut explain = parts.join(" − ");
    if !absent.is_empty() || !negative.is_empty() {
        explain.push_str(&format!("（{}）", said(" 无数据，按 0 计")));
    }
    if w - lost < 0.0 {
        explain.push_str("（扣完为止）");
    }
    scored((w - lost).clamp(0.0, w.max(0.0)), None, explain)
}

/// Dimension subtotals, adjustments, the capped total, the grade and any veto.
fn finish(scheme: &Scheme, prep: &Prepared, park: &ParkData, indicators: Vec<IndicatorScore>) -> ParkScore {
    let dimensions: Vec<DimensionScore> = scheme
        .dimensions
        .iter()
        .map(|d| DimensionScore {
            key: Rc::from(d.key.as_str()),
            name: Rc::from(d.name.as_str()),
            weight: d.weight,
            score: scheme.indicators.iter().zip(&indicators).filter(|(x, _)| x.dimension == d.key).map(|(_, s)| s.score).sum(),
        })
        .collect();
    let adjustments: Vec<Adjustment> = scheme
        .adjustments
        .iter()
        .map(|a| {
            let name = prep.canonical(&a.input);
            adjustment(a, name, park.value(name))
        })
        .collect();
    let hit: Vec<&crate::scheme::Veto> = scheme.vetoes.iter().filter(|v| park.value(prep.canonical(&v.input)).is_some_and(|n| n > v.above)).collect();
    let total = vetoed_total(&hit, capped_total(scheme, &dimensions, &adjustments));
    let reasons: Vec<String> = hit.iter().map(|v| v.reason.clone()).collect();
    let veto = (!reasons.is_empty()).then(|| format!("一票否决：{}", reasons.join("；")));
    let mut grades: Vec<&crate::scheme::Grade> = scheme.grades.iter().collect();
    grades.sort_by(|a, b| b.min.total_cmp(&a.min));
    let grade = match vetoed_grade(&hit, &grades, grade_at(scheme, &grades, total, veto.is_some())) {
        GradeAt::Named(i) => Rc::from(grades.get(i).map_or("", |g| g.name.as_str())),
        GradeAt::Below => Rc::from(BELOW_EVERY_GRADE),
        GradeAt::Ungraded => Rc::from(""),
    };
    ParkScore { name: park.name.clone(), indicators, dimensions, adjustments, total, grade, veto, rank: 0, unscored: Unscored::default() }
}

/// One adjustment of a park: `name` is its input's canonical name, `n` its value.
fn adjustment(a: &crate::scheme::AdjustmentRule, name: &str, n: Option<f64>) -> Adjustment {
    match n {
        None => Adjustment { name: a.name.clone(), points: Points::ZERO, explain: format!("{name} 无数据，按 0 计 = 0.00") },
        // A negative count would turn a 加分 into a 扣分 (and back): said, not used.
        Some(n) if n < 0.0 => Adjustment { name: a.name.clone(), points: Points::ZERO, explain: format!("{name} 为 {}，个数不能为负，未采用，按 0 计 = 0.00", fmt_num(n)) },
        Some(n) => {
            let raw = a.per * n;
            let cap = a.cap.abs();
            let p = adjustment_points(a, Some(n));
            let capped = if raw.abs() > cap { format!("，上限 {}", fmt_num(cap)) } else { String::new() };
            Adjustment { name: a.name.clone(), points: p, explain: format!("{} × {}{capped} = {p}", fmt_num(a.per), fmt_num(n)) }
        }
    }
}

/// The printed points of one adjustment (0 without data), as `adjustment` computes them.
fn adjustment_points(a: &crate::scheme::AdjustmentRule, n: Option<f64>) -> Points {
    match n.filter(|n| *n >= 0.0) {
        None => Points::ZERO,
        Some(n) => {
            let cap = a.cap.abs();
            Points::round((a.per * n).clamp(-cap, cap))
        }
    }
}

/// The sum of the subtotals and adjustments, capped as the scheme says.
fn capped_total(scheme: &Scheme, dimensions: &[DimensionScore], adjustments: &[Adjustment]) -> Points {
    let sum: Points = dimensions.iter().map(|d| d.score).sum::<Points>() + adjustments.iter().map(|a| a.points).sum::<Points>();
    match scheme.cap_total {
        Some(c) if c.is_finite() => sum.min(Points::round(c)),
        _ => sum,
    }
}

/// The total after the vetoes that hit: 0 under a veto of the total (总分计为0分).
fn vetoed_total(hit: &[&crate::scheme::Veto], total: Points) -> Points {
    if hit.iter().any(|v| v.kind == crate::scheme::VetoKind::Total) {
        Points::round(0.0)
    } else {
        total
    }
}

/// The grade after the vetoes that hit: 定为不合格 is the lowest grade.
fn vetoed_grade(hit: &[&crate::scheme::Veto], grades: &[&crate::scheme::Grade], at: GradeAt) -> GradeAt {
    if hit.iter().any(|v| v.kind == crate::scheme::VetoKind::Fail) && !grades.is_empty() {
        GradeAt::Named(grades.len() - 1)
    } else {
        at
    }
}

/// The grade of `total` among `grades` (best first); a veto skips the forbidden one.
/// The grade of a park below every grade.
const BELOW_EVERY_GRADE: &str = "未达最低等次";

/// Where a total falls among the grades (best first).
#[derive(Clone, Copy)]
enum GradeAt {
    /// This grade; one past the last when a veto forbids the last (no grade name then).
    Named(usize),
    /// Below every grade.
    Below,
    /// The scheme has no grades.
    Ungraded,
}

fn grade_at(scheme: &Scheme, grades: &[&crate::scheme::Grade], total: Points, vetoed: bool) -> GradeAt {
    let mut at = grades.iter().position(|g| total >= Points::round(g.min));
    if let (true, Some(forbid), Some(i)) = (vetoed, &scheme.veto_forbids, at) {
        if grades.get(i).is_some_and(|g| &g.name == forbid) {
            at = Some(i + 1);
        }
    }
    match at {
        Some(i) => GradeAt::Named(i),
        None if grades.is_empty() => GradeAt::Ungraded,
        None => GradeAt::Below,
    }
}

/// The item a method reads beside the indicator: the pasted average (差额计分
/// against the average) or the pasted rank (排名计分), for a one-park paste.
fn side_input(m: &Method) -> Option<&str> {
    match m {
        Method::Linear { against: Against::Average, average_input, .. } => average_input.as_deref(),
        Method::Rank { rank_input, .. } => rank_input.as_deref(),
        _ => None,
    }
}

/// The peers of 排名计分 (every park's value, sorted ascending) and of 差额计分
/// against the average ([mean] with two parks or more, else nothing); None for
/// other methods.
fn rank_or_average_peers(m: &Method, values: impl Iterator<Item = f64>) -> Option<Vec<f64>> {
    match m {
        Method::Rank { .. } => {
            let mut v: Vec<f64> = values.collect();
            v.sort_by(f64::total_cmp);
            Some(v)
        }
        Method::Linear { against: Against::Average, .. } => {
            let v: Vec<f64> = values.collect();
            Some(if v.len() >= 2 { vec![v.iter().sum::<f64>() / v.len() as f64] } else { Vec::new() })
        }
        _ => None,
    }
}

/// 差额计分, 排名计分 and 待定, the same numbers with or without the written-out
/// computation (`detail`), so the fast and the detailed paths cannot disagree.
fn relative_score(ind: &Indicator, method: &Method, f: &Figures, peers: &[f64], u: &Unit, detail: bool) -> Outcome {
    let w = ind.weight;
    let neg = ind.direction == Direction::Negative;
    let x = f.x;
    match method {
        Method::Linear { against, benchmark, gap, step, minus, plus, plus_cap, share, floor, average_input, whole_steps } => {
            let (reference, ref_word) = match against {
                Against::Target => match f.target {
                    Some(t) => (t, "目标"),
                    None => return missing("缺数据：无年度目标"),
                },
                Against::Benchmark => match benchmark {
                    Some(b) => (*b, "标杆值"),
                    None => return missing("缺数据：方案未给标杆值"),
                },
                // An average the paste gives (a 全省平均 column) is the one the rule names;
                // the pasted parks' mean only stands in when none is given.
                Against::Average => match (peers.first(), f.side) {
                    (_, Some(a)) => (a, "全省平均值"),
                    (Some(m), None) => (*m, "各园区平均值"),
                    (None, None) => {
                        let from = average_input.as_deref().map(|n| format!("，也未粘贴“{n}”")).unwrap_or_default();
                        return missing(format!("缺数据：只有一个园区，无法求平均值{from}"));
                    }
                },
            };
            let (d, completion, what) = match gap {
                Gap::Relative => {
                    if reference <= 0.0 {
                        return missing(format!("缺数据：{ref_word}不为正，无法计算完成率"));
                    }
                    let r = x / reference * 100.0;
                    let d = if neg { (reference - x) / reference * 100.0 } else { r - 100.0 };
                    let what = if detail { format!("{} ÷ {ref_word} {} = {r:.2}%", fmt_value(x, u), fmt_value(reference, u)) } else { String::new() };
                    (d, Some(r), what)
                }
                Gap::Absolute => {
                    let d = if neg { reference - x } else { x - reference };
                    let what = if detail { format!("{} 对 {ref_word} {}", fmt_value(x, u), fmt_value(reference, u)) } else { String::new() };
                    (d, None, what)
                }
            };
            let base = w * share;
            let steps = if *step > 0.0 { d / step } else { 0.0 };
            // 不足一步按一步计: a shortfall counts in whole steps (1e-9 keeps 3.0000000001 at 3).
            let steps = if *whole_steps && steps < 0.0 { (steps + 1e-9).floor() } else { steps };
            let raw = if d < 0.0 { base + minus * steps } else { base + plus * steps };
            let top = match plus_cap {
                Some(c) => base + c,
                None => w.max(base),
            };
            let s = raw.clamp(floor.min(top), top);
            if !detail {
                return scored(s, completion, String::new());
            }
            let unit_word = if *gap == Gap::Relative || u.is_percent() { "个百分点" } else { "" };
            let body = if d < 0.0 {
                format!("低 {:.2}{unit_word}：{} − {} × {:.2} ÷ {}", -d, fmt_num(base), fmt_num(*minus), -d, fmt_num(*step))
            } else if *plus > 0.0 {
                format!("高 {d:.2}{unit_word}：{} + {} × {d:.2} ÷ {}", fmt_num(base), fmt_num(*plus), fmt_num(*step))
            } else {
                format!("达到{ref_word}：{}", fmt_num(base))
            };
            let note = if raw > top {
                format!("（最高 {}）", fmt_num(top))
            } else if raw < *floor {
                format!("（最低 {}）", fmt_num(*floor))
            } else {
                String::new()
            };
            scored(s, completion, format!("{what}，{body}{note}"))
        }
        Method::Rank { first, step, top, tiers, floor, rank_input } => {
            let rank = if peers.len() >= 2 {
                // 1 + the parks strictly better (ties share a rank).
                let better = if neg { peers.partition_point(|v| *v < x) } else { peers.len() - peers.partition_point(|v| *v <= x) };
                (better + 1) as f64
            } else {
                match f.side {
                    Some(r) if r >= 1.0 => r.round(),
                    _ => {
                        let from = rank_input.as_deref().map(|n| format!("，也未粘贴“{n}”")).unwrap_or_default();
                        return missing(format!("缺数据：只有一个园区，无法排名{from}"));
                    }
                }
            };
            let from = if peers.len() >= 2 { format!("在 {} 个园区中", peers.len()) } else { "填报".into() };
            if !tiers.is_empty() {
                let hit = tiers.iter().find(|t| rank <= f64::from(t.upto));
                let s = hit.map_or(*floor, |t| t.points);
                let how = match hit {
                    Some(t) if detail => format!("{from}排名第 {rank} 名，属前 {} 名一档，得 {}", t.upto, fmt_num(t.points)),
                    None if detail => format!("{from}排名第 {rank} 名，不在各档内，得 {}", fmt_num(*floor)),
                    _ => String::new(),
                };
                return scored(s, None, how);
            }
            let head = first.unwrap_or(w);
            let top = f64::from((*top).max(1));
            let raw = if rank <= top { head } else { head - step * (rank - top) };
            let s = raw.max(*floor);
            if !detail {
                return scored(s, None, String::new());
            }
            let how = if rank <= top {
                format!("{from}排名第 {rank} 名（前 {top} 名得 {}）", fmt_num(head))
            } else {
                let low = if raw < *floor { format!("（最低 {}）", fmt_num(*floor)) } else { String::new() };
                format!("{from}排名第 {rank} 名：{} − {} × ({rank} − {top}){low}", fmt_num(head), fmt_num(*step))
            };
            scored(s, None, how)
        }
        Method::Pending { why } => missing(format!("待定：评分标准未能读懂（{why}）")),
        _ => missing("缺数据"),
    }
}

/// One park re-scored with changed figures, against the other parks as pasted:
/// the hook that `reach` (points to the next grade, full-marks values, plans)
/// uses, so every method, present or added later, is scored by the same code.
pub struct Rescorer<'a> {
    scheme: &'a Scheme,
    plan: Plan,
    /// Every indicator's value for every pasted park (as `values_of` packs them).
    vals: Vec<f64>,
    parks: usize,
}

impl<'a> Rescorer<'a> {
    /// On the columnar park model: no park is materialised.
    pub fn new(scheme: &'a Scheme, parks: &Parks) -> Rescorer<'a> {
        let plan = Plan::new(scheme);
        let cols = Columns::new(&plan, parks);
        let vals = values_of(scheme, &plan, &cols);
        Rescorer { scheme, plan, vals, parks: parks.len() }
    }

    /// For each indicator, what the relative methods compare park `p` with: the
    /// extremes of the other parks' values (empty where the method uses none).
    /// 排名计分 and 差额计分 against the average take every park as pasted, the
    /// park itself included, as `score_table` does: the search then scores the
    /// pasted figures exactly as the report does, and a changed figure against
    /// the others as pasted.
    pub fn peers_without(&self, p: usize) -> Vec<Vec<f64>> {
        let n = self.parks;
        self.scheme
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                if let Some(all) = rank_or_average_peers(&ind.method, (0..n).filter_map(|q| unpack(self.vals.get(i * n + q)))) {
                    return all;
                }
                if !uses_peers(&ind.method) {
                    return Vec::new();
                }
                let mut others = (0..n).filter(|&q| q != p).filter_map(|q| unpack(self.vals.get(i * n + q)));
                match others.next() {
                    Some(first) => {
                        let (max, min) = others.fold((first, first), |(mx, mn), v| (f64::max(mx, v), f64::min(mn, v)));
                        vec![max, min]
                    }
                    None => Vec::new(),
                }
            })
            .collect()
    }

    /// The unrounded points of indicator `i` at value `x`, with the park's own
    /// target and last-year figure; None where the method gives no score
    /// (缺数据, or a 扣分 item, which has no single value).
    pub fn points(&self, i: usize, x: f64, park: &ParkData, peers: &[f64]) -> Option<f64> {
        let ind = self.scheme.indicators.get(i)?;
        let obs = park.items.get(&ind.name);
        let side = side_input(&ind.method).and_then(|n| park.value(self.plan.prep.canonical(n)));
        let figures = Figures { x, target: obs.and_then(|o| o.target), last_year: obs.and_then(|o| o.last_year), side };
        let mut sink = Vec::new();
        points_of(ind, &ind.method, figures, peers, &park.name, &mut sink)
    }

    /// Each indicator's value for `park` (formulas worked out, what-if overrides kept).
    pub fn values(&self, park: &ParkData) -> Vec<Option<f64>> {
        let cols = Columns::new(&self.plan, &Parks::from(vec![park.clone()]));
        let vals = values_of(self.scheme, &self.plan, &cols);
        vals.iter().map(|v| unpack(Some(v))).collect()
    }

    /// `park` scored whole (subtotals, adjustments, veto, grade; no breakdown
    /// rows, rank 0) with `peers` from `peers_without`.
    pub fn score(&self, park: &ParkData, peers: &[Vec<f64>]) -> ParkScore {
        let cols = Columns::new(&self.plan, &Parks::from(vec![park.clone()]));
        let vals = values_of(self.scheme, &self.plan, &cols);
        let mut pts = vec![Points::ZERO; self.scheme.indicators.len()];
        let grades: Vec<&crate::scheme::Grade> = self.plan.grades.iter().filter_map(|&g| self.scheme.grades.get(g)).collect();
        let mut sink = Vec::new();
        Pass { scheme: self.scheme, plan: &self.plan, cols: &cols, vals: &vals, peers }.fast_park(0, &park.name, &mut pts, &grades, &mut sink)
    }
}

/// One park held as columns for repeated re-scoring with one figure changed at
/// a time (the plan search): no text is written and nothing is looked up by
/// name in the loop. `total` equals `Rescorer::score(..).total` for the same figures.
pub struct Sim<'r, 'a> {
    r: &'r Rescorer<'a>,
    cols: Columns,
    park: &'r ParkData,
    peers: &'r [Vec<f64>],
    pts: Vec<Points>,
    /// The indicators' values and points as `total` last scored them, while no
    /// figure has been `set` since: what `total_with` changes from.
    base: Option<(Vec<f64>, Vec<Points>)>,
    /// The values `total_with` works out, kept for the next probe's.
    scratch: Vec<f64>,
}

impl<'r, 'a> Sim<'r, 'a> {
    pub fn new(r: &'r Rescorer<'a>, park: &'r ParkData, peers: &'r [Vec<f64>]) -> Sim<'r, 'a> {
        let cols = Columns::new(&r.plan, &Parks::from(vec![park.clone()]));
        Sim { r, cols, park, peers, pts: vec![Points::ZERO; r.scheme.indicators.len()], base: None, scratch: Vec::new() }
    }

    /// The column of an item (canonical name), when the scheme uses it.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.r.plan.slot_names.binary_search_by(|x| x.as_str().cmp(name)).ok()
    }

    pub fn value(&self, slot: usize) -> Option<f64> {
        self.cols.value(slot, 0)
    }

    pub fn set(&mut self, slot: usize, v: Option<f64>) {
        if let Some(x) = self.cols.value.get_mut(slot) {
            *x = pack(v);
        }
        self.base = None;
    }

    /// The park's total as printed (subtotals, adjustments, the cap).
    pub fn total(&mut self) -> Points {
        let scheme = self.r.scheme;
        let plan = &self.r.plan;
        let vals = values_of(scheme, plan, &self.cols);
        let mut sink = Vec::new();
        Pass { scheme, plan, cols: &self.cols, vals: &vals, peers: self.peers }.indicator_points(0, &self.park.name, &mut self.pts, &mut sink);
        self.base = Some((vals, self.pts.clone()));
        self.summed()
    }

    /// The park's total with column `slot` at `v` and every other figure as
    /// set, as `set` + `total` + `set` back would give it: only the indicators
    /// that figure reaches are scored again (one whose value changed, a 扣分
    /// indicator that counts it, one that reads it as its side input).
    pub fn total_with(&mut self, slot: usize, v: Option<f64>) -> Points {
        if self.base.is_none() {
            self.total();
        }
        let Some(x) = self.cols.value.get_mut(slot) else { return self.total() };
        let old = std::mem::replace(x, pack(v));
        let scheme = self.r.scheme;
        let plan = &self.r.plan;
        let mut vals = std::mem::take(&mut self.scratch);
        values_into(plan, &self.cols, &mut vals);
        let mut sink = Vec::new();
        let pass = Pass { scheme, plan, cols: &self.cols, vals: &vals, peers: self.peers };
        if let Some((base_vals, base_pts)) = &self.base {
            for (i, ind) in scheme.indicators.iter().enumerate() {
                let (Some(pt), Some(before)) = (self.pts.get_mut(i), base_pts.get(i)) else { continue };
                let reached = vals.get(i).map(|v| v.to_bits()) != base_vals.get(i).map(|v| v.to_bits())
                    || plan.side.get(i).copied().flatten() == Some(slot)
                    || (matches!(ind.method, Method::Deduct { .. })
                        && (plan.ind_slot.get(i) == Some(&slot) || plan.deduct.get(i).is_some_and(|d| d.iter().any(|&(s, _)| s == slot))));
                *pt = if reached { pass.indicator_point(i, ind, 0, &self.park.name, &mut sink) } else { *before };
            }
        }
        self.scratch = vals;
        let t = self.summed();
        if let Some(x) = self.cols.value.get_mut(slot) {
            *x = old;
        }
        t
    }

    /// `pts` summed into the total as printed: dimensions, adjustments, the cap.
    fn summed(&self) -> Points {
        let scheme = self.r.scheme;
        let plan = &self.r.plan;
        let dims: Points = plan.members.iter().flatten().filter_map(|&i| self.pts.get(i).copied()).sum();
        let adj: Points = scheme.adjustments.iter().zip(&plan.adjustments).map(|(a, &s)| adjustment_points(a, self.cols.value(s, 0))).sum();
        let sum = dims + adj;
        let total = match scheme.cap_total {
            Some(c) if c.is_finite() => sum.min(Points::round(c)),
            _ => sum,
        };
        // A veto of the total counts it 0, as the park's own path does.
        let hit: Vec<&crate::scheme::Veto> = scheme.vetoes.iter().zip(&plan.vetoes).filter(|(v, &s)| self.cols.value(s, 0).is_some_and(|x| x > v.above)).map(|(v, _)| v).collect();
        vetoed_total(&hit, total)
    }
}
