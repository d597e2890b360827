//! The rule reader against the development set of issue 28 (`tests/rules/dev/`,
//! written by someone who had not seen the reader; its README gives the format
//! and the reading conventions).
//!
//! Every row of `rules.tsv` is read and scored with its figures, and classed:
//! right (read and scored as the hand computation, or 待定 where 待定 is
//! expected), wrong without a mark (read, but the score, the veto or the reading
//! itself is wrong: the worst class), 待定 where a reading was expected, and
//! correctly 待定. Each whole table is read with `scheme::load` and its parks
//! scored through `api::evaluate_json`, and each park's total is compared.
//!
//! A row or park that is not right must be on tests/rules/dev-KNOWN_FAILING.txt;
//! one on the list that passes fails the test too (remove it: the list may only
//! shrink). `UPDATE_KNOWN_FAILING=1 cargo test --test rules_dev` rewrites the
//! list from the run; review the diff. `-- --nocapture` prints every row.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use wuhao::model::{Observation, ParkData};
use wuhao::read::rules::{read_rule, Context, Form, RuleCx, VetoKind};
use wuhao::scheme::{AdjustmentRule, Dimension, Indicator, Input, Method, Scheme, Veto};
use wuhao::eval::score::score_parks;

const NAME: &str = "测试指标";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("rules")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Right,
    WrongNoMark,
    PendingWhereRead,
    CorrectPending,
}

impl Class {
    fn label(self) -> &'static str {
        match self {
            Class::Right => "right",
            Class::WrongNoMark => "WRONG-no-mark",
            Class::PendingWhereRead => "待定-where-read",
            Class::CorrectPending => "correct-待定",
        }
    }
}

/// The figures column of rules.tsv.
#[derive(Default, Debug)]
struct Figs {
    x: Option<f64>,
    t: Option<f64>,
    ly: Option<f64>,
    avg: Option<f64>,
    rank: Option<f64>,
    n: Option<f64>,
    judge: Option<f64>,
    peers: Vec<f64>,
    ev: Vec<(String, f64)>,
    lvl: Vec<(String, f64)>,
    /// x:分项=值 and t:分项=值: (part, value, target).
    parts: Vec<(String, Option<f64>, Option<f64>)>,
}

fn figs(text: &str) -> Figs {
    let mut f = Figs::default();
    for part in text.split_whitespace() {
        let Some((k, v)) = part.split_once('=') else { continue };
        let num = v.parse::<f64>().ok();
        match k {
            "x" => f.x = num,
            "t" => f.t = num,
            "ly" => f.ly = num,
            "avg" => f.avg = num,
            "rank" => f.rank = num,
            "n" => f.n = num,
            "judge" => f.judge = num,
            "peers" => f.peers = v.split(',').filter_map(|p| p.parse().ok()).collect(),
            _ => {
                if let Some(e) = k.strip_prefix("ev:") {
                    f.ev.push((e.into(), num.unwrap_or(0.0)));
                } else if let Some(l) = k.strip_prefix("lvl:") {
                    f.lvl.push((l.into(), num.unwrap_or(0.0)));
                } else if let Some(p) = k.strip_prefix("x:") {
                    match f.parts.iter_mut().find(|q| q.0 == p) {
                        Some(q) => q.1 = num,
                        None => f.parts.push((p.into(), num, None)),
                    }
                } else if let Some(p) = k.strip_prefix("t:") {
                    match f.parts.iter_mut().find(|q| q.0 == p) {
                        Some(q) => q.2 = num,
                        None => f.parts.push((p.into(), None, num)),
                    }
                }
            }
        }
    }
    f
}

/// Whether an input name the reader made is the data's event or level name
/// (一般事故 for 一般生产安全事故: both ends of the key appear in the name).
fn names_match(input: &str, key: &str) -> bool {
    if input.contains(key) || key.contains(input) {
        return true;
    }
    let k: Vec<char> = key.chars().collect();
    let (Some(head), Some(tail)) = (k.get(..2.min(k.len())), k.get(k.len().saturating_sub(2)..)) else { return false };
    let head: String = head.iter().collect();
    let tail: String = tail.iter().collect();
    input.contains(&head) && input.contains(&tail)
}

fn count_for(input: &str, f: &Figs, only_one: bool) -> Option<f64> {
    f.ev.iter().chain(f.lvl.iter()).find(|(k, _)| names_match(input, k)).map(|(_, v)| *v).or(if only_one { f.n.or(f.x) } else { None })
}

fn one_dimension(w: f64) -> Scheme {
    let mut s = Scheme::empty("测试");
    s.total = w.max(1.0);
    s.dimensions = vec![Dimension { key: "d".into(), name: "维度".into(), weight: w }];
    s
}

fn obs(value: Option<f64>, target: Option<f64>, last_year: Option<f64>) -> Observation {
    Observation { value, target, last_year, ..Observation::default() }
}

fn kind_word(k: VetoKind) -> &'static str {
    match k {
        VetoKind::Total => "total",
        VetoKind::NotExcellent => "优秀",
        VetoKind::Fail => "不合格",
    }
}

/// Scores one reading with the row's figures: (its own score, the vetoes triggered).
fn score_reading(form: &Form, w: f64, unit: &str, f: &Figs) -> Result<(Option<f64>, Vec<String>), String> {
    match form {
        Form::Indicator { method, vetoes } => {
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
            // In 名 the figure is the rank itself.
            let value = f.x.or(f.judge).or(f.parts.first().and_then(|p| p.1)).or(if unit == "名" { f.rank } else { None });
            let target = f.t.or(f.parts.first().and_then(|p| p.2));
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(value, target, f.ly));
            let mut inputs: Vec<String> = Vec::new();
            if let Method::Deduct { items } = method {
                let one = items.len() == 1;
                for i in items {
                    inputs.push(i.input.clone());
                    let c = count_for(&i.input, f, one).ok_or_else(|| format!("no figure for “{}”", i.input))?;
                    p.items.insert(i.input.clone(), obs(Some(c), None, None));
                }
            }
            if let Method::Linear { average_input: Some(a), .. } = method {
                inputs.push(a.clone());
                p.items.insert(a.clone(), obs(f.avg, None, None));
            }
            if let Method::Rank { rank_input: Some(a), .. } = method {
                inputs.push(a.clone());
                p.items.insert(a.clone(), obs(f.rank, None, None));
            }
            let mut triggered = Vec::new();
            for v in vetoes {
                let c = count_for(&v.input, f, vetoes.len() == 1).unwrap_or(0.0);
                if c > v.above {
                    triggered.push(kind_word(v.kind).to_string());
                }
                if !inputs.contains(&v.input) {
                    inputs.push(v.input.clone());
                    p.items.insert(v.input.clone(), obs(Some(c), None, None));
                }
                s.vetoes.push(Veto { input: v.input.clone(), above: v.above, reason: String::new(), kind: v.kind });
            }
            s.inputs = inputs.iter().map(|n| Input { name: n.clone(), aliases: vec![], unit: "个".into() }).collect();
            let mut parks = vec![p];
            for (i, v) in f.peers.iter().enumerate() {
                let mut q = ParkData { name: format!("园区{i}"), ..ParkData::default() };
                q.items.insert(NAME.into(), obs(Some(*v), None, None));
                if let (Some(a), Method::Linear { average_input: Some(n), .. }) = (f.avg, method) {
                    q.items.insert(n.clone(), obs(Some(a), None, None));
                }
                parks.push(q);
            }
            let (scores, _) = score_parks(&s, &parks);
            let ind = scores.first().and_then(|p| p.indicators.first()).ok_or("no score")?;
            // 缺数据 is no score: right only where the rule has none of its own.
            let score = ind.missing.is_none().then(|| ind.score.to_string().parse().unwrap_or(f64::NAN));
            Ok((score, triggered))
        }
        Form::Adjust { per, cap } => {
            let count = f.x.or(f.n).or(f.rank).or_else(|| (!f.lvl.is_empty() || !f.ev.is_empty()).then(|| f.lvl.iter().chain(f.ev.iter()).map(|p| p.1).sum()));
            let mut s = one_dimension(10.0);
            s.inputs.push(Input { name: NAME.into(), aliases: vec![], unit: "个".into() });
            s.adjustments.push(AdjustmentRule { name: "测试".into(), input: NAME.into(), per: *per, cap: *cap });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(count, None, None));
            let (scores, _) = score_parks(&s, &[p]);
            let a = scores.first().and_then(|p| p.adjustments.first()).ok_or("no adjustment")?;
            Ok((Some(a.points.to_string().parse().unwrap_or(f64::NAN)), Vec::new()))
        }
        Form::Grades(_) => Err("read as grades".into()),
    }
}

/// Runs one row of rules.tsv: its class and what was seen.
fn run_row(cols: &[&str]) -> (Class, String) {
    let [_, text, weight, unit, data, expect, want_score, ..] = cols else { return (Class::WrongNoMark, "bad row".into()) };
    let (context, w) = if let Some(n) = weight.strip_prefix("加分≤") {
        (Context::Bonus, n.parse().unwrap_or(0.0))
    } else if let Some(n) = weight.strip_prefix("扣分≤") {
        (Context::Deduction, n.parse().unwrap_or(0.0))
    } else {
        (Context::Indicator, weight.parse().unwrap_or(0.0))
    };
    let unit = unit.split(';').next().unwrap_or("").trim_matches('-');
    let reading = read_rule(text, &RuleCx { name: NAME, unit, weight: w, context });
    let pending = !reading.understood || matches!(reading.form, Form::Indicator { method: Method::Pending { .. }, .. });
    let want_pending = expect.strip_prefix("待定").map(str::trim);
    let seen = reading.readback.clone();
    match (pending, want_pending) {
        (true, Some(span)) => {
            let named = if seen.contains(span) { "" } else { " (span not named)" };
            return (Class::CorrectPending, format!("{seen}{named}"));
        }
        (true, None) => return (Class::PendingWhereRead, seen),
        (false, Some(_)) => return (Class::WrongNoMark, format!("read where 待定 expected: {seen}")),
        (false, None) => {}
    }
    let f = figs(data);
    let (score, vetoes) = match score_reading(&reading.form, w, unit, &f) {
        Ok(r) => r,
        Err(e) => return (Class::WrongNoMark, format!("{e}: {seen}")),
    };
    let want_veto = expect.strip_prefix("veto:");
    let veto_ok = match want_veto {
        Some(k) => vetoes.iter().any(|v| v == k),
        None => vetoes.is_empty(),
    };
    let score_ok = match want_score.trim() {
        "-" => true,
        s => {
            let want: f64 = s.parse().unwrap_or(f64::NAN);
            let got = score.unwrap_or(f64::NAN);
            let got = if context == Context::Deduction && got > 0.0 { -got } else { got };
            (got - want).abs() < 0.005
        }
    };
    let got = format!("got {} vetoes {:?}: {seen}", score.map_or("-".into(), |s| format!("{s:.2}")), vetoes);
    if veto_ok && score_ok {
        (Class::Right, got)
    } else {
        (Class::WrongNoMark, got)
    }
}

/// Reads table-N.tsv and scores table-N-parks.tsv; each park's total against
/// the .expect: (park, right, what was seen).
fn run_table(set: &str, n: &str) -> Vec<(String, bool, String)> {
    let d = dir().join(set);
    let read = |f: String| std::fs::read_to_string(d.join(f)).unwrap_or_default();
    let table = read(format!("table-{n}.tsv"));
    let parks = read(format!("table-{n}-parks.tsv"));
    let expect = read(format!("table-{n}.expect"));
    let request = serde_json::json!({ "data": parks, "scheme": table, "period": { "year": 2023, "month": 12 }, "today": "2024-01-15" });
    let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(&request.to_string())).unwrap_or_default();
    let got_parks = report["parks"].as_array().cloned().unwrap_or_default();
    // How each rule of the table was read, for the printed report.
    let loaded = wuhao::read::scheme_text::load(&table);
    match &loaded.scheme {
        Some(s) => {
            for r in &s.rules {
                println!("table-{n} {} {}: {}", if r.understood { "read" } else { "待定" }, r.item, r.reading);
            }
        }
        None => println!("table-{n}: not read as a scheme: {:?}", loaded.diagnostics.iter().filter(|d| d.level == wuhao::diag::Level::Error).map(|d| d.message()).collect::<Vec<_>>()),
    }
    let mut out = Vec::new();
    for line in expect.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [park, item, value, ..] = cols[..] else { continue };
        let got = got_parks.iter().find(|p| p["name"].as_str() == Some(park));
        let (ok, seen) = match item {
            "总分" => {
                let t = got.and_then(|p| p["total"].as_f64());
                let want: f64 = value.parse().unwrap_or(f64::NAN);
                (t.is_some_and(|t| (t - want).abs() < 0.005), format!("总分 want {value} got {t:?}"))
            }
            _ => {
                // An indicator's score: printed for the report, not asserted.
                let Some((_, ind)) = item.split_once('/') else { continue };
                if item.starts_with("小计/") {
                    continue;
                }
                let got_ind = got.and_then(|p| p["indicators"].as_array()).and_then(|a| {
                    a.iter().find(|i| i["name"].as_str().is_some_and(|n| n == ind || n.contains(ind) || ind.contains(n)))
                });
                let s = got_ind.map(|i| if i["missing"].is_null() { format!("{:.2}", i["score"].as_f64().unwrap_or(f64::NAN)) } else { "缺数据".into() });
                let ok = s.as_deref() == Some(value);
                println!("table-{n} {park} {ind}: want {value} got {} {}", s.unwrap_or_else(|| "—".into()), if ok { "ok" } else { "WRONG" });
                continue;
            }
        };
        out.push((format!("table-{n}:{park}"), ok, seen));
    }
    if out.is_empty() {
        out.push((format!("table-{n}"), false, "no park in the expectation".into()));
    }
    out
}

#[test]
fn dev_set() {
    run_set("dev", &["1", "2", "4"]);
}

/// The held-out third (58 rules and table-3), written with the rest before the reader's
/// work and run only at its end (the session note gives the score); a regression list now.
#[test]
fn held_out_set() {
    run_set("heldout", &["3"]);
}

fn run_set(set: &str, tables: &[&str]) {
    let rules = std::fs::read_to_string(dir().join(set).join("rules.tsv")).expect("tests/rules/<set>/rules.tsv");
    let mut failing: BTreeSet<String> = BTreeSet::new();
    let mut by_class: std::collections::BTreeMap<(String, Class), usize> = Default::default();
    let mut totals = [0usize; 4];
    let mut report = String::new();
    for line in rules.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let id = cols.first().copied().unwrap_or("?");
        let (class, seen) = run_row(&cols);
        let cat = id.split('-').next().unwrap_or("?").to_string();
        *by_class.entry((cat, class)).or_default() += 1;
        totals[class as usize] += 1;
        if !matches!(class, Class::Right | Class::CorrectPending) {
            failing.insert(id.to_string());
        }
        let _ = writeln!(report, "{id:10} {:16} {}\n           {seen}", class.label(), cols.get(1).unwrap_or(&""));
    }
    let mut tables_right = 0;
    let mut tables_all = 0;
    for n in tables {
        for (key, ok, seen) in run_table(set, n) {
            tables_all += 1;
            if ok {
                tables_right += 1;
            } else {
                failing.insert(key.clone());
            }
            let _ = writeln!(report, "{key:20} {} {seen}", if ok { "right" } else { "WRONG" });
        }
    }
    println!("{report}");
    let cats: BTreeSet<&String> = by_class.keys().map(|(c, _)| c).collect();
    for c in cats {
        let get = |k: Class| by_class.get(&(c.clone(), k)).copied().unwrap_or(0);
        println!("{c:6} right {:3}  wrong-no-mark {:3}  待定-where-read {:3}  correct-待定 {:3}", get(Class::Right), get(Class::WrongNoMark), get(Class::PendingWhereRead), get(Class::CorrectPending));
    }
    println!(
        "{set} set: right {}  wrong-no-mark {}  待定-where-read {}  correct-待定 {}  | table totals right {tables_right}/{tables_all}",
        totals[0], totals[1], totals[2], totals[3]
    );

    let list_path = dir().join(format!("{set}-KNOWN_FAILING.txt"));
    if std::env::var_os("UPDATE_KNOWN_FAILING").is_some() {
        let mut text = format!("# Rows and table parks of tests/rules/{set} that fail today (issue 28). Remove a line when it passes.\n");
        for f in &failing {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(&list_path, text).expect("write the known-failing list");
        return;
    }
    let known: BTreeSet<String> =
        std::fs::read_to_string(&list_path).unwrap_or_default().lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    let new: Vec<&String> = failing.difference(&known).collect();
    let fixed: Vec<&String> = known.difference(&failing).collect();
    assert!(new.is_empty() && fixed.is_empty(), "failing but not on the list (regressions): {new:?}\npassing but still on the list (remove them): {fixed:?}");
}
