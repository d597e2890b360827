//! What-if: changed figures or targets of one pasted park, and "if the year ends as projected".
//!
//! The what-if works on a copy of the parks as read; the pasted text and the
//! read parks (`ReadOutcome::parks`) are never changed. Every changed figure is
//! listed (`Simulated`) so the page and the printout can mark it 模拟.

use crate::diag::{Diagnostic, Source};
use crate::model::{Observation, ParkData};
use crate::base::period::Period;
use crate::diag::problem::Problem;
use crate::eval::progress::{self, scheme_items};
use crate::scheme::Scheme;
use crate::base::unit::Dims;

/// One what-if entry as requested: a name (indicator or input, or an alias)
/// with a new value and/or a new target, in the scheme's unit for that item.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub name: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhatIf {
    pub changes: Vec<Change>,
    /// The park the changes apply to; the first park when absent.
    pub park: Option<String>,
    /// Flows (revenue, tax, investment, new projects) take their 全年预计.
    pub projected: bool,
}

impl WhatIf {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && !self.projected
    }
}

/// One simulated figure: which park, which item, which field ("value" or "target").
#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    pub park: String,
    pub name: String,
    pub field: &'static str,
    pub pasted: Option<f64>,
    pub simulated: f64,
}

/// The index of the park a what-if applies to, with a diagnostic when the
/// requested name is not among the parks (the first park is used then).
pub fn park_index(parks: &[ParkData], name: Option<&str>, diags: &mut Vec<Diagnostic>) -> Option<usize> {
    if parks.is_empty() {
        return None;
    }
    let want = name.map(str::trim).filter(|n| !n.is_empty());
    match want {
        None => Some(0),
        Some(n) => match parks.iter().position(|p| p.name.trim() == n) {
            Some(i) => Some(i),
            None => {
                let used = parks.first().map(|p| p.name.clone()).unwrap_or_default();
                diags.push(Diagnostic::warning(Source::Data, Problem::WhatIfUnknownPark { park: n.to_string(), used }));
                Some(0)
            }
        },
    }
}

/// Whether an item is a flow that grows through the year (money, or a count
/// with an annual target such as 新开工重大项目数), not a stock, share, rate or event.
fn is_flow(unit: &crate::base::unit::Unit, kind: progress::ItemKind, has_target: bool) -> bool {
    if kind.rate || kind.negative {
        return false;
    }
    let money = Dims { cny: 1, ..Dims::NONE } == unit.dims || Dims { usd: 1, ..Dims::NONE } == unit.dims;
    let count = Dims { count: 1, ..Dims::NONE } == unit.dims;
    money || (count && has_target)
}

/// Applies `what_if` to `parks` (a copy of the parks as read) and lists every
/// figure it changed. The pasted figures stay in `pasted`.
pub fn apply(scheme: &Scheme, parks: &mut [ParkData], what_if: &WhatIf, period: Period, diags: &mut Vec<Diagnostic>) -> Vec<Simulated> {
    let mut out = Vec::new();
    if what_if.is_empty() {
        return out;
    }
    let Some(at) = park_index(parks, what_if.park.as_deref(), diags) else { return out };
    let Some(park) = parks.get_mut(at) else { return out };
    if what_if.projected {
        let m = progress::month_of(period);
        if m < 12 {
            for item in scheme_items(scheme) {
                let Some(obs) = park.items.get_mut(&item.name) else { continue };
                let Some(x) = obs.value.filter(|x| x.is_finite()) else { continue };
                if !is_flow(&item.unit, item.kind, obs.target.is_some()) {
                    continue;
                }
                let (p, _) = progress::projection(item.kind, obs, x, m);
                if let Some(p) = p.filter(|p| p.is_finite()) {
                    obs.value = Some(p);
                    out.push(Simulated { park: park.name.clone(), name: item.name.clone(), field: "value", pasted: Some(x), simulated: p });
                }
            }
        }
    }
    for c in &what_if.changes {
        let Some(name) = scheme.canonical(&c.name).map(str::to_string) else {
            diags.push(Diagnostic::warning(Source::Data, Problem::WhatIfUnknownItem { name: c.name.trim().to_string() }));
            continue;
        };
        let ok = |v: Option<f64>| v.filter(|x| x.is_finite());
        if ok(c.value).is_none() && ok(c.target).is_none() {
            diags.push(Diagnostic::warning(Source::Data, Problem::WhatIfBadValue { name: c.name.trim().to_string() }));
            continue;
        }
        let derived = scheme.indicators.iter().any(|i| i.name == name && i.formula.is_some());
        let obs = park.items.entry(name.clone()).or_insert_with(Observation::default);
        if let Some(v) = ok(c.value) {
            // The pasted figure, before any projection.
            let pasted = out.iter().find(|s| s.name == name && s.field == "value").map_or(obs.value, |s| s.pasted);
            out.retain(|s| !(s.name == name && s.field == "value"));
            obs.value = Some(v);
            obs.overrides_formula = derived;
            out.push(Simulated { park: park.name.clone(), name: name.clone(), field: "value", pasted, simulated: v });
        }
        if let Some(t) = ok(c.target) {
            let pasted = obs.target;
            obs.target = Some(t);
            out.push(Simulated { park: park.name.clone(), name: name.clone(), field: "target", pasted, simulated: t });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::default_scheme;

    fn park() -> ParkData {
        let mut p = ParkData { name: "甲园区".into(), ..ParkData::default() };
        for (n, v, t) in [("技工贸总收入", 148.2, Some(165.0)), ("已开发面积", 6000.0, None), ("主导产业营业收入占比", 63.7, Some(65.0)), ("新开工重大项目数", 9.0, Some(12.0))] {
            p.items.insert(n.into(), Observation { value: Some(v), target: t, ..Observation::default() });
        }
        p
    }

    #[test]
    fn projected_scales_flows_only() {
        let s = default_scheme();
        let mut parks = vec![park()];
        let mut d = Vec::new();
        let sim = apply(&s, &mut parks, &WhatIf { projected: true, ..WhatIf::default() }, Period { year: 2022, month: 11 }, &mut d);
        let p = &parks[0];
        // 148.2 / 11 × 12 = 161.672…; 9 / 11 × 12 = 9.818…
        assert!((p.value("技工贸总收入").unwrap() - 161.672_727).abs() < 1e-5);
        assert!((p.value("新开工重大项目数").unwrap() - 9.818_181).abs() < 1e-5);
        assert_eq!(p.value("已开发面积"), Some(6000.0), "a stock is not scaled");
        assert_eq!(p.value("主导产业营业收入占比"), Some(63.7), "a share is not scaled");
        assert_eq!(sim.len(), 2);
        assert!(d.is_empty());
    }

    #[test]
    fn unknown_names_and_parks_are_reported() {
        let s = default_scheme();
        let mut parks = vec![park()];
        let mut d = Vec::new();
        let w = WhatIf {
            changes: vec![Change { name: "不存在的指标".into(), value: Some(1.0), target: None }, Change { name: "技工贸收入".into(), value: None, target: Some(170.0) }],
            park: Some("乙园区".into()),
            projected: false,
        };
        let sim = apply(&s, &mut parks, &w, Period { year: 2022, month: 11 }, &mut d);
        let kinds: Vec<&str> = d.iter().map(|x| x.problem.kind()).collect();
        assert_eq!(kinds, ["what_if.unknown_park", "what_if.unknown_item"]);
        assert_eq!(sim, vec![Simulated { park: "甲园区".into(), name: "技工贸总收入".into(), field: "target", pasted: Some(165.0), simulated: 170.0 }]);
        assert_eq!(parks[0].items["技工贸总收入"].target, Some(170.0));
    }
}
