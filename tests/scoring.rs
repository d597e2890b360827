//! Scoring: every method in both directions at its edges, the seed's golden
//! breakdown, adjustments, vetoes, ranking with ties and the add-up property.

mod common;
use common::Rng;

use std::collections::BTreeMap;
use wuhao::base::fixed::Points;
use wuhao::model::{Observation, ParkData, ParkScore};
use wuhao::scheme::{self, AdjustmentRule, DeductItem, Dimension, Direction, Grade, Indicator, Input, Method, Scheme, Tier, TierBasis, Veto};
use wuhao::eval::score::score_parks;

/// One pasted figure set: (value, target, last year).
type Obs = (Option<f64>, Option<f64>, Option<f64>);

fn observation((value, target, last_year): Obs) -> Observation {
    Observation { value, target, last_year, ..Observation::default() }
}

fn indicator(name: &str, unit: &str, weight: f64, direction: Direction, method: Method) -> Indicator {
    Indicator { name: name.into(), aliases: vec![], dimension: "d".into(), unit: unit.into(), weight, direction, method, formula: None, missing_score: 0.0 }
}

/// A scheme of one dimension holding `indicators`, with inputs A and B (起) for deductions.
fn scheme_of(indicators: Vec<Indicator>) -> Scheme {
    let total: f64 = indicators.iter().map(|i| i.weight).sum();
    Scheme {
        name: "测试".into(),
        note: String::new(),
        total,
        dimensions: vec![Dimension { key: "d".into(), name: "维度".into(), weight: total }],
        inputs: ["A", "B"].iter().map(|n| Input { name: n.to_string(), aliases: vec![], unit: "起".into() }).collect(),
        indicators,
        adjustments: vec![],
        cap_total: None,
        vetoes: vec![],
        grades: vec![],
        veto_forbids: None,
        year: None,
        rules: vec![],
    }
}

fn park(name: &str, items: &[(&str, Obs)]) -> ParkData {
    ParkData { name: name.into(), row: None, group: None, items: items.iter().map(|(n, o)| (n.to_string(), observation(*o))).collect::<BTreeMap<_, _>>() }
}

/// Scores one indicator X (weight 10, unit `unit`) for each pasted park and
/// compares "score" or "score 缺数据 reason" per park; `extra` adds inputs A/B to every park.
fn check(method: Method, direction: Direction, unit: &str, parks: &[Obs], extra: &[(&str, f64)], want: &[&str]) {
    let s = scheme_of(vec![indicator("X", unit, 10.0, direction, method.clone())]);
    assert!(scheme::validate(&s).iter().all(|d| d.level != wuhao::diag::Level::Error), "{:?}", scheme::validate(&s));
    let data: Vec<ParkData> = parks
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut p = park(&format!("园区{i}"), &[("X", *o)]);
            for (n, v) in extra {
                p.items.insert(n.to_string(), observation((Some(*v), None, None)));
            }
            p
        })
        .collect();
    let (scores, _) = score_parks(&s, &data);
    same_without_breakdown(&s, &data, &scores);
    let got: Vec<String> = scores
        .iter()
        .map(|p| {
            let i = &p.indicators[0];
            assert!(!i.explain.contains("NaN") && !i.explain.contains("inf"), "{}", i.explain);
            assert!(i.explain.ends_with(&format!("{}", i.score)) || i.missing.is_some(), "{}", i.explain);
            match &i.missing {
                Some(m) => format!("{} {m}", i.score),
                None => i.score.to_string(),
            }
        })
        .collect();
    assert_eq!(got, want, "{method:?} {direction:?}");
}

/// The parks without a breakdown go through the compiled scoring plan: the same
/// subtotals, adjustments, totals, grades, vetoes and ranks as with it, and no
/// text (an adjustment's computation is written only for a park shown in detail).
fn same_without_breakdown(s: &Scheme, data: &[ParkData], detailed: &[wuhao::model::ParkScore]) {
    let (quick, _) = wuhao::eval::score::score_parks_with(s, data, &|_| false);
    let adjustments = |p: &wuhao::model::ParkScore| p.adjustments.iter().map(|a| (a.name.clone(), a.points)).collect::<Vec<_>>();
    for (q, d) in quick.iter().zip(detailed) {
        assert!(q.indicators.is_empty());
        assert!(q.adjustments.iter().all(|a| a.explain.is_empty()));
        assert_eq!(
            (&q.name, &q.dimensions, adjustments(q), q.total, &q.grade, &q.veto, q.rank),
            (&d.name, &d.dimensions, adjustments(d), d.total, &d.grade, &d.veto, d.rank)
        );
    }
}

const P: Direction = Direction::Positive;
const N: Direction = Direction::Negative;

fn v(x: f64) -> Obs {
    (Some(x), None, None)
}
fn vt(x: f64, t: f64) -> Obs {
    (Some(x), Some(t), None)
}
fn vl(x: f64, l: f64) -> Obs {
    (Some(x), None, Some(l))
}
const NONE: Obs = (None, None, None);

#[test]
fn completion() {
    let c = |cap| Method::Completion { cap, zero_below: None, floor: 0.0 };
    check(c(1.0), P, "亿元", &[vt(100.0, 100.0), vt(0.0, 100.0), vt(150.0, 100.0), vt(80.0, 100.0), v(5.0), NONE], &[], &[
        "10.00", "0.00", "10.00", "8.00", "0.00 缺数据：无年度目标", "0.00 缺数据：X 无数据",
    ]);
    check(c(1.2), P, "亿元", &[vt(150.0, 100.0), vt(110.0, 100.0), vt(-5.0, 100.0), vt(5.0, 0.0)], &[], &[
        "12.00", "11.00", "0.00", "0.00 缺数据：年度目标不为正，无法计算完成率",
    ]);
    check(c(1.0), N, "起", &[vt(100.0, 100.0), vt(125.0, 100.0), vt(0.0, 100.0), vt(50.0, 100.0), v(1.0)], &[], &[
        "10.00", "8.00", "10.00", "10.00", "0.00 缺数据：无年度目标",
    ]);
}

#[test]
fn benchmark() {
    let b = |value| Method::Benchmark { value };
    check(b(70.0), P, "%", &[v(70.0), v(35.0), v(0.0), v(140.0), v(-3.0), NONE], &[], &["10.00", "5.00", "0.00", "10.00", "0.00", "0.00 缺数据：X 无数据"]);
    check(b(3.0), N, "件", &[v(3.0), v(6.0), v(0.0), v(1.0), v(3.1)], &[], &["10.00", "5.00", "10.00", "10.00", "9.68"]);
}

#[test]
fn efficacy() {
    let fixed = |h, l| Method::Efficacy { satisfactory: Some(h), unacceptable: Some(l) };
    let peers = Method::Efficacy { satisfactory: None, unacceptable: None };
    check(fixed(100.0, 60.0), P, "%", &[v(100.0), v(60.0), v(80.0), v(40.0), v(0.0), v(120.0)], &[], &["10.00", "6.00", "8.00", "4.00", "0.00", "10.00"]);
    check(fixed(60.0, 100.0), N, "%", &[v(60.0), v(100.0), v(80.0), v(0.0)], &[], &["10.00", "6.00", "8.00", "10.00"]);
    check(peers.clone(), P, "%", &[v(50.0), v(100.0), v(75.0), NONE], &[], &["6.00", "10.00", "8.00", "0.00 缺数据：X 无数据"]);
    check(peers.clone(), N, "%", &[v(50.0), v(100.0), v(75.0)], &[], &["10.00", "6.00", "8.00"]);
    check(peers, P, "%", &[v(5.0), v(5.0)], &[], &["10.00", "10.00"]);
}

#[test]
fn min_max() {
    check(Method::MinMax, P, "亿元", &[v(0.0), v(10.0), v(5.0), NONE], &[], &["0.00", "10.00", "5.00", "0.00 缺数据：X 无数据"]);
    check(Method::MinMax, N, "亿元", &[v(0.0), v(10.0), v(2.5)], &[], &["10.00", "0.00", "7.50"]);
    check(Method::MinMax, P, "亿元", &[v(3.0), v(3.0)], &[], &["10.00", "10.00"]);
    check(Method::MinMax, N, "亿元", &[v(3.0)], &[], &["10.00"]);
}

#[test]
fn tiers() {
    let ts = |basis, t: &[(f64, f64)]| Method::Tiers { basis, tiers: t.iter().map(|(min, points)| Tier { min: *min, points: *points }).collect() };
    let by_completion = ts(TierBasis::Completion, &[(95.0, 10.0), (80.0, 8.0), (60.0, 5.0)]);
    check(by_completion.clone(), P, "亿元", &[vt(95.0, 100.0), vt(80.0, 100.0), vt(79.9, 100.0), vt(50.0, 100.0), v(90.0), vt(0.0, 100.0)], &[], &[
        "10.00", "8.00", "5.00", "0.00", "0.00 缺数据：无年度目标", "0.00",
    ]);
    check(by_completion, N, "起", &[vt(100.0, 95.0), vt(100.0, 50.0), vt(0.0, 50.0)], &[], &["10.00", "0.00", "0.00 缺数据：年度目标或实际值不为正，无法计算完成率"]);
    let by_value = ts(TierBasis::Value, &[(1.0, 10.0), (3.0, 6.0), (5.0, 2.0)]);
    check(by_value, N, "件", &[v(0.5), v(1.0), v(2.0), v(5.0), v(6.0)], &[], &["10.00", "10.00", "6.00", "2.00", "0.00"]);
    let up = ts(TierBasis::Value, &[(1.0, 2.0), (3.0, 6.0), (5.0, 10.0)]);
    check(up, P, "件", &[v(0.5), v(1.0), v(4.0), v(50.0)], &[], &["0.00", "2.00", "6.00", "10.00"]);
}

#[test]
fn base_period() {
    let m = Method::BasePeriod { base_share: 0.8, step_pct: 5.0, step_points: 1.0, bonus_share: 0.5 };
    check(m.clone(), P, "亿元", &[vl(100.0, 100.0), vl(110.0, 100.0), vl(200.0, 100.0), vl(95.0, 100.0), vl(0.0, 100.0), v(3.0), vl(5.0, 0.0)], &[], &[
        "8.00", "10.00", "13.00", "7.00", "0.00", "0.00 缺数据：无上年同期", "0.00 缺数据：上年同期不为正，无法计算增幅",
    ]);
    check(m, N, "起", &[vl(100.0, 100.0), vl(90.0, 100.0), vl(110.0, 100.0), vl(0.0, 100.0)], &[], &["8.00", "10.00", "6.00", "13.00"]);
}

#[test]
fn rate_vs_target() {
    let m = Method::RateVsTarget;
    check(m.clone(), P, "%", &[vt(12.0, 10.0), vt(10.0, 10.0), vt(5.0, 10.0), vt(0.0, 10.0), vt(-3.0, 10.0), v(5.0), vt(-4.0, -2.0), vt(-1.0, 0.0)], &[], &[
        "10.00", "10.00", "5.00", "0.00", "0.00", "0.00 缺数据：无目标增速", "5.00", "0.00",
    ]);
    check(m, N, "%", &[vt(-5.0, -3.0), vt(-3.0, -3.0), vt(-1.5, -3.0), vt(1.0, -3.0), vt(10.0, 5.0), vt(0.0, 5.0)], &[], &[
        "10.00", "10.00", "5.00", "0.00", "5.00", "10.00",
    ]);
}

#[test]
fn direct() {
    check(Method::Direct, P, "分", &[v(8.0), v(12.0), v(0.0), v(-1.0), NONE], &[], &["8.00", "10.00", "0.00", "0.00", "0.00 缺数据：X 无数据"]);
    check(Method::Direct, N, "分", &[v(3.0), v(0.0), v(12.0)], &[], &["7.00", "10.00", "0.00"]);
}

#[test]
fn deduct() {
    let m = Method::Deduct { items: vec![DeductItem { input: "A".into(), per: 2.0 }, DeductItem { input: "B".into(), per: 1.0 }] };
    check(m.clone(), P, "分", &[NONE], &[("A", 1.0), ("B", 2.0)], &["6.00"]);
    check(m.clone(), P, "分", &[NONE], &[("A", 0.0), ("B", 0.0)], &["10.00"]);
    check(m.clone(), P, "分", &[NONE], &[("A", 10.0), ("B", 0.0)], &["0.00"]);
    check(m.clone(), P, "分", &[NONE], &[("A", 1.0)], &["8.00"]);
    check(m.clone(), N, "分", &[NONE], &[], &["0.00 缺数据：A、B 无数据"]);
    check(m, P, "分", &[v(4.0), v(12.0)], &[], &["4.00", "10.00"]);
}

#[test]
fn missing_scores_as_the_scheme_says() {
    let mut ind = indicator("X", "亿元", 10.0, P, Method::Completion { cap: 1.0, zero_below: None, floor: 0.0 });
    ind.missing_score = 2.5;
    let (scores, _) = score_parks(&scheme_of(vec![ind]), &[park("甲", &[("X", v(5.0))])]);
    let i = &scores[0].indicators[0];
    assert_eq!((i.score, i.lost, i.missing.as_deref()), (Points(250), Points(750), Some("缺数据：无年度目标")));
    assert_eq!(i.explain, "缺数据：无年度目标，按方案计 2.5 分");
}

#[test]
fn explains_with_its_own_numbers() {
    let s = scheme_of(vec![indicator("技工贸总收入", "亿元", 8.0, P, Method::Completion { cap: 1.0, zero_below: None, floor: 0.0 })]);
    let (scores, _) = score_parks(&s, &[park("甲", &[("技工贸总收入", vt(140.0, 160.0))])]);
    let i = &scores[0].indicators[0];
    assert_eq!(i.explain, "8 × min(140.00 ÷ 160.00, 1) = 7.00");
    assert_eq!((i.completion, i.lost, i.method.as_str()), (Some(87.5), Points(100), "完成率"));
}

/// The seed's figures as the reader would deliver them: values as given, keyed by canonical name.
fn seed_park(s: &Scheme) -> ParkData {
    let text = include_str!("../examples/hengshan-2022-jan-nov.tsv");
    let mut p = ParkData { name: "衡山高新区".into(), ..ParkData::default() };
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(value)) = (cells.first(), cells.get(2)) else { continue };
        let canonical = s.canonical(name).unwrap_or_else(|| panic!("seed item {name} not in the default scheme"));
        p.items.insert(canonical.to_string(), observation((value.trim().parse().ok(), None, None)));
    }
    p
}

#[test]
fn seed_golden() {
    let s = scheme::default_scheme();
    let (scores, diags) = score_parks(&s, &[seed_park(&s)]);
    assert!(diags.is_empty(), "{diags:?}");
    let p = &scores[0];
    let golden = include_str!("scoring/hengshan-expected.tsv");
    let rows: Vec<&str> = golden.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), p.indicators.len());
    for (row, got) in rows.iter().zip(&p.indicators) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(got.name, cells[0]);
        assert_eq!(got.score.to_string(), cells[1], "{}", got.name);
        assert_eq!(got.missing.as_deref().unwrap_or(""), cells[2], "{}", got.name);
        assert!(got.explain.contains(cells[3]), "{}: {}", got.name, got.explain);
    }
    let dims: Vec<String> = p.dimensions.iter().map(|d| format!("{} {}", d.name, d.score)).collect();
    assert_eq!(dims, ["规划定位好 5.46", "创新平台好 12.00", "产业项目好 0.00", "体制机制好 5.90", "发展形象好 0.00"]);
    assert_eq!((p.total.to_string(), &*p.grade, p.veto.as_deref(), p.rank), ("23.36".into(), "不合格", None, 1));
    assert_eq!(p.adjustments[0].points, Points::ZERO);
}

/// A scheme with direct-scored indicators, a bonus capped at 3, a veto and grades.
fn graded_scheme() -> Scheme {
    let mut s = scheme_of(vec![indicator("甲项", "分", 60.0, P, Method::Direct), indicator("乙项", "分", 40.0, P, Method::Direct)]);
    s.inputs.push(Input { name: "荣誉".into(), aliases: vec![], unit: "个".into() });
    s.inputs.push(Input { name: "较大事故".into(), aliases: vec![], unit: "起".into() });
    s.adjustments = vec![AdjustmentRule { name: "加分项".into(), input: "荣誉".into(), per: 1.0, cap: 3.0 }];
    s.cap_total = Some(100.0);
    s.vetoes = vec![Veto { input: "较大事故".into(), above: 0.0, reason: "发生较大事故".into(), kind: Default::default() }];
    s.veto_forbids = Some("优秀".into());
    s.grades = [(90.0, "优秀"), (75.0, "良好"), (60.0, "合格"), (0.0, "不合格")].iter().map(|(m, n)| Grade { min: *m, name: n.to_string() }).collect();
    s
}

fn graded(name: &str, a: f64, b: f64, honours: Option<f64>, accidents: Option<f64>) -> ParkData {
    let mut p = park(name, &[("甲项", v(a)), ("乙项", v(b))]);
    for (n, x) in [("荣誉", honours), ("较大事故", accidents)] {
        if let Some(x) = x {
            p.items.insert(n.into(), observation(v(x)));
        }
    }
    p
}

#[test]
fn adjustments_vetoes_grades_and_ranks() {
    let s = graded_scheme();
    assert!(scheme::validate(&s).is_empty(), "{:?}", scheme::validate(&s));
    let parks = [
        graded("甲", 55.0, 36.0, Some(5.0), None),
        graded("乙", 55.0, 36.0, Some(1.0), Some(1.0)),
        graded("丙", 50.0, 30.0, None, Some(0.0)),
        graded("丁", 58.0, 38.0, Some(2.0), None),
        graded("戊", 60.0, 40.0, None, None),
    ];
    let (scores, _) = score_parks(&s, &parks);
    same_without_breakdown(&s, &parks, &scores);
    let got: Vec<String> = scores
        .iter()
        .map(|p| format!("{} {} {} {} {}", p.name, p.total, p.grade, p.rank, p.veto.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(got, [
        "甲 94.00 优秀 3 -",
        "乙 92.00 良好 4 一票否决：发生较大事故",
        "丙 80.00 良好 5 -",
        "丁 98.00 优秀 2 -",
        "戊 100.00 优秀 1 -",
    ]);
    assert_eq!(scores[0].adjustments[0].explain, "1 × 5，上限 3 = 3.00");
    assert_eq!(scores[2].adjustments[0].explain, "荣誉 无数据，按 0 计 = 0.00");
    // 100 + 3 is capped at the scheme's 100.
    let (capped, _) = score_parks(&s, &[graded("己", 60.0, 40.0, Some(3.0), None)]);
    assert_eq!(capped[0].total, Points(10000));
}

#[test]
fn ties_share_a_rank() {
    let s = graded_scheme();
    let parks = [graded("甲", 40.0, 40.0, None, None), graded("乙", 50.0, 30.0, None, None), graded("丙", 30.0, 40.0, None, None), graded("丁", 30.0, 40.0, None, None)];
    let (scores, _) = score_parks(&s, &parks);
    let ranks: Vec<u32> = scores.iter().map(|p| p.rank).collect();
    assert_eq!(ranks, [1, 1, 3, 3]);
}

fn random_method(r: &mut Rng, w: f64) -> Method {
    match r.below(9) {
        0 => Method::Completion { cap: 1.0 + r.below(3) as f64 * 0.1, zero_below: None, floor: 0.0 },
        1 => Method::Benchmark { value: r.f(0.5, 100.0) },
        2 => Method::Efficacy { satisfactory: None, unacceptable: None },
        3 => Method::MinMax,
        4 => Method::Tiers { basis: TierBasis::Completion, tiers: vec![Tier { min: 90.0, points: w }, Tier { min: 60.0, points: w / 2.0 }] },
        5 => Method::BasePeriod { base_share: 0.6, step_pct: 5.0, step_points: 0.5, bonus_share: 0.4 },
        6 => Method::RateVsTarget,
        7 => Method::Direct,
        _ => Method::Deduct { items: vec![DeductItem { input: "A".into(), per: r.f(0.1, 3.0) }] },
    }
}

fn sum_is_printed(p: &ParkScore, s: &Scheme) {
    for d in &p.dimensions {
        let sum: Points = s.indicators.iter().zip(&p.indicators).filter(|(x, _)| *x.dimension == *d.key).map(|(_, i)| i.score).sum();
        assert_eq!(d.score, sum, "{}", d.name);
    }
    let raw = p.dimensions.iter().map(|d| d.score).sum::<Points>() + p.adjustments.iter().map(|a| a.points).sum::<Points>();
    let want = s.cap_total.map_or(raw, |c| raw.min(Points::round(c)));
    assert_eq!(p.total, want);
    for i in &p.indicators {
        assert_eq!(i.lost, Points::round(i.weight) - i.score, "{}", i.name);
        assert!(i.score >= Points::ZERO && i.score <= Points::round(i.weight * 1.5), "{} {}", i.name, i.score);
        assert!(!i.explain.contains("NaN") && !i.explain.contains("inf"), "{}", i.explain);
        assert_eq!(i.missing.is_some(), i.explain.contains("缺数据"), "{}", i.explain);
    }
}

#[test]
fn subtotals_always_add_up() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let dims = 1 + r.below(5);
        let mut inds = Vec::new();
        for d in 0..dims {
            for k in 0..1 + r.below(6) {
                let w = (1 + r.below(1000)) as f64 / 100.0;
                let dir = if r.below(2) == 0 { P } else { N };
                let mut ind = indicator(&format!("指标{d}-{k}"), "亿元", w, dir, random_method(&mut r, w));
                ind.dimension = format!("d{d}");
                if matches!(ind.method, Method::Tiers { .. }) && dir == N {
                    ind.direction = P;
                }
                inds.push(ind);
            }
        }
        let mut s = scheme_of(inds);
        s.dimensions = (0..dims)
            .map(|d| {
                let key = format!("d{d}");
                let weight = s.indicators.iter().filter(|i| i.dimension == key).map(|i| i.weight).sum();
                Dimension { key: key.clone(), name: key, weight }
            })
            .collect();
        s.adjustments = vec![AdjustmentRule { name: "加分".into(), input: "B".into(), per: r.f(-2.0, 2.0), cap: r.f(0.0, 3.0) }];
        s.cap_total = (r.below(2) == 0).then_some(s.total * 0.9);
        let parks: Vec<ParkData> = (0..1 + r.below(4))
            .map(|n| {
                let mut p = ParkData { name: format!("园区{n}"), ..ParkData::default() };
                for ind in &s.indicators {
                    let o = Observation { value: r.maybe(-10.0, 200.0), target: r.maybe(-5.0, 150.0), last_year: r.maybe(-5.0, 150.0), ..Observation::default() };
                    p.items.insert(ind.name.clone(), o);
                }
                for n in ["A", "B"] {
                    p.items.insert(n.into(), observation((r.maybe(0.0, 4.0), None, None)));
                }
                p
            })
            .collect();
        let (scores, _) = score_parks(&s, &parks);
        assert_eq!(scores.len(), parks.len());
        for p in &scores {
            sum_is_printed(p, &s);
            let better = scores.iter().filter(|o| o.total > p.total).count() as u32;
            assert_eq!(p.rank, better + 1);
        }
    }
}

/// The probe's case (issue 32): the page's example with `一般生产安全事故 -3` scored that
/// item 11 of 5 and lifted the park a grade. A negative count is no count: it is not used
/// and the explanation says so; a 加分 count below zero subtracts nothing either.
#[test]
fn a_negative_count_never_adds_or_subtracts_points() {
    let base = "指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n";
    let total = |extra: &str| -> (f64, serde_json::Value) {
        let req = serde_json::json!({ "data": format!("{base}{extra}"), "period": { "year": 2022, "month": 11 }, "today": "2022-12-15" }).to_string();
        let r: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(&req)).unwrap();
        let park = r["parks"][0].clone();
        (park["total"].as_f64().unwrap(), park)
    };
    let (zero, _) = total("一般生产安全事故\t起\t\t0\n获批国家级省级平台或荣誉\t个\t\t0\n");
    for extra in ["一般生产安全事故\t起\t\t-3\n", "一般生产安全事故\t起\t\t-300\n", "获批国家级省级平台或荣誉\t个\t\t-2\n"] {
        let (t, park) = total(extra);
        assert!(t <= zero + 1e-9, "{extra:?}: {t} above {zero}");
        for ind in park["indicators"].as_array().unwrap() {
            let (score, weight) = (ind["score"].as_f64().unwrap(), ind["weight"].as_f64().unwrap());
            assert!((0.0..=weight + 1e-9).contains(&score), "{extra:?}: {} scores {score} of {weight}", ind["name"]);
        }
        let said = park.to_string();
        assert!(said.contains("不能为负"), "{extra:?}: nothing says the count was not used");
    }
}

/// Over every sign of every count: a 扣分 item stays within 0..=its weight and an
/// adjustment within its cap on the side its rule gives.
#[test]
fn deductions_and_adjustments_stay_in_bounds_for_every_sign() {
    let mut rng = Rng(32);
    let items = vec![DeductItem { input: "事故".into(), per: 2.0 }, DeductItem { input: "问题".into(), per: 1.0 }];
    let mut s = scheme_of(vec![indicator("安全", "分", 5.0, Direction::Positive, Method::Deduct { items })]);
    for (n, u) in [("事故", "起"), ("问题", "个"), ("平台", "个"), ("通报", "次")] {
        s.inputs.push(Input { name: n.into(), aliases: vec![], unit: u.into() });
    }
    s.adjustments = vec![AdjustmentRule { name: "加分".into(), input: "平台".into(), per: 1.0, cap: 3.0 }, AdjustmentRule { name: "扣分".into(), input: "通报".into(), per: -0.5, cap: 2.0 }];
    for _ in 0..500 {
        let mut draw = || if rng.below(4) == 0 { None } else { Some((rng.below(2001) as f64 - 1000.0) / 10.0) };
        let (a, b, c, d) = (draw(), draw(), draw(), draw());
        let mut p = ParkData { name: "园区".into(), ..ParkData::default() };
        for (k, v) in [("事故", a), ("问题", b), ("平台", c), ("通报", d)] {
            if let Some(v) = v {
                p.items.insert(k.into(), Observation { value: Some(v), ..Observation::default() });
            }
        }
        let (scored, _) = wuhao::eval::score::score_parks_with(&s, std::slice::from_ref(&p), &|_| true);
        let ps = &scored[0];
        let item = ps.indicators[0].score;
        assert!(item >= Points::ZERO && item <= Points(500), "{a:?} {b:?}: {item}");
        let plus = ps.adjustments[0].points;
        let minus = ps.adjustments[1].points;
        assert!(plus >= Points::ZERO && plus <= Points(300), "{c:?}: {plus}");
        assert!(minus <= Points::ZERO && minus >= Points(-200), "{d:?}: {minus}");
        // The fast path (a park not shown in detail) gives the same total.
        let (fast, _) = wuhao::eval::score::score_parks_with(&s, std::slice::from_ref(&p), &|_| false);
        assert_eq!(fast[0].total, ps.total, "{a:?} {b:?} {c:?} {d:?}");
    }
}
