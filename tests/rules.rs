//! The rule reader: official 评分标准 in prose → a scoring method, its read-back
//! and its score (`tests/rules/cases.tsv`); a whole official-style table read end
//! to end and scoring a park (`tests/rules/official-table.tsv`); the round trip
//! scheme → the tool's own table → scheme for the new methods.

use wuhao::diag::Level;
use wuhao::model::{Observation, ParkData};
use wuhao::rules::{read_rule, Context, Form, RuleCx};
use wuhao::scheme::{self, method_params, AdjustmentRule, Dimension, Indicator, Input, Method, Scheme, Veto};
use wuhao::score::score_parks;

const NAME: &str = "测试指标";

fn obs(value: Option<f64>, target: Option<f64>) -> Observation {
    Observation { value, target, ..Observation::default() }
}

/// The figures column: x=92 t=100 avg=10 rank=3 peers=10,9 ev:名称=2 n=2 total=80.
struct Figures {
    x: Option<f64>,
    t: Option<f64>,
    side: Vec<(String, f64)>,
    peers: Vec<f64>,
    total: Option<f64>,
}

fn figures(text: &str) -> Figures {
    let mut f = Figures { x: None, t: None, side: Vec::new(), peers: Vec::new(), total: None };
    for part in text.split_whitespace() {
        let (k, v) = part.split_once('=').unwrap();
        let num = || v.parse::<f64>().unwrap();
        match k {
            "x" | "n" => f.x = Some(num()),
            "t" => f.t = Some(num()),
            "avg" => f.side.push(("avg".into(), num())),
            "rank" => f.side.push(("rank".into(), num())),
            "total" => f.total = Some(num()),
            "peers" => f.peers = v.split(',').map(|p| p.parse().unwrap()).collect(),
            _ => {
                let name = k.strip_prefix("ev:").unwrap();
                f.side.push((name.into(), num()));
            }
        }
    }
    f
}

fn one_dimension(w: f64) -> Scheme {
    let mut s = Scheme::empty("测试");
    s.total = w;
    s.dimensions = vec![Dimension { key: "d".into(), name: "维度".into(), weight: w }];
    s
}

/// Reads `rule` and compares what it became (计分方法｜参数) and the score it gives.
fn check(rule: &str, weight: &str, unit: &str, figs: &str, want_method: &str, want_score: &str) {
    let context = match weight {
        "加分项" => Context::Bonus,
        "扣分项" => Context::Deduction,
        "等次" => Context::Grades,
        _ => Context::Indicator,
    };
    let w: f64 = weight.parse().unwrap_or(0.0);
    let reading = read_rule(rule, &RuleCx { name: NAME, unit, weight: w, context });
    assert!(reading.readback.starts_with("读作：") || reading.readback.starts_with("未能读懂："), "{rule}: {}", reading.readback);
    let f = figures(figs);
    let (got, score) = match &reading.form {
        Form::Indicator { method, vetoes } => {
            let mut got = match method {
                Method::Pending { .. } => "待定｜".to_string(),
                m => format!("{}｜{}", m.label(), method_params(m)),
            };
            for v in vetoes {
                got.push_str(&format!(" ＋一票否决：{}", v.input));
            }
            let mut s = one_dimension(w);
            s.indicators.push(Indicator {
                name: NAME.into(),
                aliases: vec![],
                dimension: "d".into(),
                unit: unit.into(),
                weight: w,
                direction: Default::default(),
                method: method.clone(),
                formula: None,
                missing_score: 0.0,
            });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(f.x, f.t));
            let mut inputs: Vec<String> = Vec::new();
            if let Method::Deduct { items } = method {
                inputs.extend(items.iter().map(|i| i.input.clone()));
            }
            if let Method::Linear { average_input: Some(a), .. } | Method::Rank { rank_input: Some(a), .. } = method {
                inputs.push(a.clone());
            }
            for (k, v) in &f.side {
                let name = match k.as_str() {
                    "avg" | "rank" => inputs.last().cloned().unwrap(),
                    n => n.to_string(),
                };
                p.items.insert(name, obs(Some(*v), None));
            }
            s.inputs = inputs.iter().map(|n| Input { name: n.clone(), aliases: vec![], unit: "个".into() }).collect();
            s.vetoes = vetoes.iter().map(|v| Veto { input: v.input.clone(), above: 0.0, reason: v.reason.clone() }).collect();
            let errors: Vec<_> = scheme::validate(&s).into_iter().filter(|d| d.level == Level::Error).collect();
            assert!(errors.is_empty(), "{rule}: {errors:#?}");
            let mut parks = vec![p];
            for (i, v) in f.peers.iter().enumerate() {
                let mut q = ParkData { name: format!("园区{i}"), ..ParkData::default() };
                q.items.insert(NAME.into(), obs(Some(*v), None));
                parks.push(q);
            }
            let (scores, _) = score_parks(&s, &parks);
            let ind = &scores[0].indicators[0];
            let shown = if ind.missing.is_some() { "缺数据".to_string() } else { ind.score.to_string() };
            (got, shown)
        }
        Form::Adjust { per, cap } => {
            let word = if *per >= 0.0 { "加分" } else { "减分" };
            let got = format!("{word}｜每项 {} 上限 {}", scheme::fmt_num(per.abs()), scheme::fmt_num(*cap));
            let mut s = one_dimension(10.0);
            s.inputs.push(Input { name: NAME.into(), aliases: vec![], unit: "个".into() });
            s.adjustments.push(AdjustmentRule { name: "测试".into(), input: NAME.into(), per: *per, cap: *cap });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(f.x, None));
            let (scores, _) = score_parks(&s, &[p]);
            (got, scores[0].adjustments[0].points.to_string())
        }
        Form::Grades(grades) => {
            let got = format!("等次｜{}", grades.iter().map(|g| format!("{} {}", g.name, scheme::fmt_num(g.min))).collect::<Vec<_>>().join(";"));
            let mut s = one_dimension(100.0);
            s.grades = grades.clone();
            s.indicators.push(Indicator {
                name: "总分".into(),
                aliases: vec![],
                dimension: "d".into(),
                unit: "分".into(),
                weight: 100.0,
                direction: Default::default(),
                method: Method::Direct,
                formula: None,
                missing_score: 0.0,
            });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert("总分".into(), obs(f.total, None));
            let (scores, _) = score_parks(&s, &[p]);
            (got, scores[0].grade.clone())
        }
    };
    println!("{rule}\n    {}", reading.readback);
    assert_eq!(got, want_method, "method of {rule:?} (read as {})", reading.readback);
    assert_eq!(score, want_score, "score of {rule:?} with {figs} (read as {})", reading.readback);
}

#[test]
fn rule_folder() {
    let text = include_str!("rules/cases.tsv");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "{line}");
        check(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        n += 1;
    }
    assert!(n >= 30, "only {n} rules");
}

#[test]
fn readback_says_what_was_read() {
    let cx = RuleCx { name: NAME, unit: "亿元", weight: 6.0, context: Context::Indicator };
    let r = read_rule("完成年度目标得满分，每低1个百分点扣0.2分，扣完为止", &cx);
    assert_eq!(r.readback, "读作：满分 6 分；完成率每低 1 个百分点扣 0.2 分，最低 0 分");
    let r = read_rule("排名第1的得满分，每后移一位减0.5分", &cx);
    assert_eq!(r.readback, "读作：满分 6 分；按各园区排名，第 1 名得 6 分，每后移一位减 0.5 分，最低 0 分");
    let r = read_rule("参照上年度办法执行", &cx);
    assert!(r.readback.starts_with("未能读懂："), "{}", r.readback);
    assert!(matches!(r.form, Form::Indicator { method: Method::Pending { .. }, .. }));
}
