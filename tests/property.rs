//! A short deterministic fuzz run of the whole evaluate path, part of every `cargo test`.
//!
//! Mutates the seed paste, a park-rows paste, the built-in scheme (as JSON text,
//! as a pasted table, and field by field), a split table and the period with a
//! fixed-seed PRNG (no crates needed) and checks that every request yields a
//! JSON report whose printed figures add up, and that an accepted scheme
//! survives being copied as a table and pasted back. The long coverage-guided
//! run lives in `fuzz/` (see FUZZING.md).

mod common;
use common::Rng;

use serde_json::{json, Value};
use wuhao::api::evaluate_json;

const SEED: &str = include_str!("../examples/hengshan-2022-jan-nov.tsv");

/// Fragments that real and hostile pastes contain; mutations splice them in.
const PIECES: &[&str] = &[
    "\t", "\n", "\r\n", "\"", "\"\"", "%", "％", "亿元", "万元", "亿美元", "公顷", "亩", "—", "-", "/", "空", "无", "N/A",
    "约", "余", "→", "(", ")", "（", "）", "1,038", "６３．７", "−3.2", "(3.2)", "0", "-0", "1e308", "NaN", "Infinity",
    "1-11月累计", "年度目标", "上年同期", "园区", "指标", "单位", "技工贸总收入", "上交税金", "已开发面积", "研究开发费用总额",
    "较大及以上生产安全事故", "合计", "片区", "\u{feff}", "\u{0}", "\u{FFFD}", "<script>", "12", "3.37", "",
];

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                chars.splice(at..at, piece);
            }
            1 => {
                let end = (at + rng.below(12)).min(chars.len());
                chars.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(40)).min(chars.len());
                let copy: Vec<char> = chars.get(at..end).map(<[char]>::to_vec).unwrap_or_default();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            _ => {
                if let Some(c) = chars.get_mut(at) {
                    *c = rng.pick(PIECES).chars().next().unwrap_or('x');
                }
            }
        }
    }
    chars.into_iter().collect()
}

const PARKS: &str = "园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）\n\
甲园区\t148.2\t5.27\t3000\t4.99\t63.7\n乙园区\t90\t3.1\t2500\t2.2\t71\n丙园区\t148.2\t5.27\t3000\t4.99\t63.7\n";

const SPLIT: &str = "片区\t指标\t单位\t年度目标\t1-11月累计\n板桥片区\t技工贸总收入\t亿元\t80\t70\n鸿福片区\t技工贸总收入\t万元\t700000\t500000\n合计\t技工贸总收入\t亿元\t150\t120\n";

/// Values that break schemes: zeros, signs, extremes, wrong types, hostile text.
fn hostile_value(rng: &mut Rng) -> Value {
    match rng.below(14) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1e308),
        3 => json!(-0.0),
        4 => json!(1e-300),
        5 => json!(0.5),
        6 => json!(""),
        7 => json!("<script>alert(1)</script>"),
        8 => json!(rng.pick(&["亿元", "%", "亩", "万元", "起", "斤", "个"])),
        9 => Value::Null,
        10 => json!([]),
        11 => json!({}),
        12 => json!(rng.pick(&["技工贸总收入", "上交税金", "上交税金 / 已开发面积", "((1", "a/0", "1e999"])),
        _ => json!(rng.below(200) as f64 - 50.0),
    }
}

/// Every leaf (and array) of `v`, as JSON pointers, so a mutation can pick one.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        Value::Array(a) => {
            out.push(at.clone());
            a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out));
        }
        _ => out.push(at),
    }
}

/// The built-in scheme with a few of its fields replaced, array items dropped or
/// repeated: structurally plausible schemes that test validation, not the JSON reader.
fn mutate_scheme(rng: &mut Rng, base: &Value) -> Value {
    let mut s = base.clone();
    for _ in 0..1 + rng.below(3) {
        let mut ps = Vec::new();
        pointers(&s, String::new(), &mut ps);
        let Some(p) = ps.get(rng.below(ps.len())).cloned() else { continue };
        let kind = rng.below(4);
        let (hostile, n) = (hostile_value(rng), rng.below(8));
        if let Some(slot) = s.pointer_mut(&p) {
            match (kind, slot) {
                (0, Value::Array(a)) if !a.is_empty() => {
                    a.remove(n % a.len());
                }
                (1, Value::Array(a)) if !a.is_empty() => {
                    let copy = a.get(n % a.len()).cloned().unwrap_or(Value::Null);
                    a.push(copy);
                }
                (_, slot) => *slot = hostile,
            }
        }
    }
    s
}

/// Evaluates one request and checks the invariants that hold for any input:
/// a JSON report, 1-based diagnostic positions with a message, and printed
/// figures that add up for every park with a breakdown.
fn check(request: &Value) -> Result<Value, String> {
    let out = evaluate_json(&request.to_string());
    let report: Value = serde_json::from_str(&out).map_err(|e| format!("not JSON: {e}"))?;
    for d in report["diagnostics"].as_array().cloned().unwrap_or_default() {
        if ["row", "col"].iter().any(|k| d[k].as_u64() == Some(0)) {
            return Err(format!("0-based position in {d}"));
        }
        if d["message"].as_str().is_none_or(str::is_empty) {
            return Err(format!("diagnostic without a message: {d}"));
        }
    }
    // Parks left without a breakdown (see `detail`) carry no indicator rows to add.
    for park in report["parks"].as_array().cloned().unwrap_or_default().into_iter().filter(|p| p["detailed"] == Value::Bool(true)) {
        if !park["total"].is_number() {
            return Err(format!("total is not a number: {}", park["total"]));
        }
        let cents = |v: &Value| (v.as_f64().unwrap_or(f64::NAN) * 100.0).round() as i64;
        let dims: i64 = park["dimensions"].as_array().map(|a| a.iter().map(|d| cents(&d["score"])).sum()).unwrap_or(0);
        let inds: i64 = park["indicators"].as_array().map(|a| a.iter().map(|i| cents(&i["score"])).sum()).unwrap_or(0);
        if dims != inds {
            return Err(format!("dimension sum {dims} ≠ indicator sum {inds}"));
        }
    }
    Ok(report)
}

/// Runs `n` generated requests and lists the ones whose report breaks an invariant.
fn run(n: usize, seed: u64, make: impl Fn(&mut Rng, usize) -> Value) {
    let mut rng = Rng(seed);
    let failures: Vec<String> = (0..n)
        .filter_map(|i| {
            let req = make(&mut rng, i);
            check(&req).err().map(|e| format!("case {i}: {e}\n  request: {}", req.to_string().chars().take(400).collect::<String>()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mutated_pastes_splits_and_periods_give_consistent_reports() {
    run(400, 0x5EED_2022_1128, |rng, i| {
        let data = mutate(rng, if i % 2 == 0 { SEED } else { PARKS });
        let mut req = json!({ "data": data, "today": "2026-11-28", "splits": [mutate(rng, SPLIT)] });
        if i % 7 == 0 {
            req["period"] = json!({ "year": 2000 + rng.below(40), "month": rng.below(14) });
        }
        req
    });
}

#[test]
fn mutated_scheme_text_json_and_tables_give_consistent_reports() {
    let table = wuhao::api::scheme_table(wuhao::scheme::DEFAULT_SCHEME_JSON);
    assert!(table.lines().count() > 10, "the built-in scheme writes as a table");
    run(240, 0x5C4E_3E00_0007, |rng, i| {
        let scheme = if i % 2 == 0 { mutate(rng, wuhao::scheme::DEFAULT_SCHEME_JSON) } else { mutate(rng, &table) };
        json!({ "data": if i % 3 == 0 { PARKS } else { SEED }, "today": "2026-11-28", "scheme": scheme, "splits": [SPLIT] })
    });
}

#[test]
fn mutated_scheme_fields_give_consistent_reports_and_survive_a_table_round_trip() {
    let base: Value = serde_json::from_str(wuhao::scheme::DEFAULT_SCHEME_JSON).unwrap_or(Value::Null);
    let mut rng = Rng(0x00F1_E1D5);
    let mut failures = Vec::new();
    for i in 0..160 {
        let scheme = mutate_scheme(&mut rng, &base);
        let req = json!({ "data": if i % 3 == 0 { PARKS } else { SEED }, "today": "2026-11-28", "scheme": scheme.clone(), "splits": [SPLIT] });
        let report = match check(&req) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("case {i}: {e}\n  scheme: {scheme}"));
                continue;
            }
        };
        // A scheme the loader accepts, copied as a table and pasted back, is
        // accepted again and scores the same.
        let loaded: Value = serde_json::from_str(&wuhao::api::load_scheme_json(&scheme.to_string())).unwrap_or(Value::Null);
        if loaded["scheme"].is_null() {
            continue;
        }
        let table = wuhao::api::scheme_table(&loaded["scheme"].to_string());
        let back: Value = serde_json::from_str(&wuhao::api::load_scheme_json(&table)).unwrap_or(Value::Null);
        if back["scheme"].is_null() {
            failures.push(format!("case {i}: the table of an accepted scheme is refused: {}\n  table: {table}", back["diagnostics"]));
            continue;
        }
        let again = check(&json!({ "data": req["data"], "today": "2026-11-28", "scheme": table, "splits": [SPLIT] }));
        let totals = |r: &Value| r["parks"].as_array().map(|ps| ps.iter().map(|p| p["total"].clone()).collect::<Vec<_>>());
        match again {
            Ok(r) if totals(&r) == totals(&report) => {}
            Ok(r) => failures.push(format!("case {i}: totals {:?} became {:?} through the table", totals(&report), totals(&r))),
            Err(e) => failures.push(format!("case {i}: through the table: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_tiny_benchmark_survives_the_scheme_table() {
    // Found by the round-trip property: 1e-300 was written as 0 and the table refused.
    let mut scheme: Value = serde_json::from_str(wuhao::scheme::DEFAULT_SCHEME_JSON).unwrap_or(Value::Null);
    scheme["indicators"][0]["method"] = json!({ "type": "benchmark", "value": 1e-300 });
    let loaded: Value = serde_json::from_str(&wuhao::api::load_scheme_json(&scheme.to_string())).unwrap_or(Value::Null);
    assert!(loaded["scheme"].is_object(), "{}", loaded["diagnostics"]);
    let table = wuhao::api::scheme_table(&loaded["scheme"].to_string());
    let back: Value = serde_json::from_str(&wuhao::api::load_scheme_json(&table)).unwrap_or(Value::Null);
    assert_eq!(back["scheme"]["indicators"][0]["method"], loaded["scheme"]["indicators"][0]["method"], "{}", back["diagnostics"]);
}
