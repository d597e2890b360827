//! A short deterministic fuzz run of the whole evaluate path, part of every `cargo test`.
//!
//! Mutates the seed paste, a park-rows paste, the built-in scheme and a split
//! table with a fixed-seed PRNG (no crates needed) and checks that every
//! request yields a JSON report whose printed figures add up. The long
//! coverage-guided run lives in `fuzz/`.

use serde_json::Value;
use wuhao::api::evaluate_json;

const SEED: &str = include_str!("../examples/hengshan-2022-jan-nov.tsv");

/// xorshift64*: small, fast and deterministic, which is all a test PRNG needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len())).copied().unwrap_or("")
    }
}

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

/// Evaluates one request and checks the invariants that hold for any input.
fn check(request: &Value) -> Result<(), String> {
    let out = evaluate_json(&request.to_string());
    let report: Value = serde_json::from_str(&out).map_err(|e| format!("not JSON: {e}"))?;
    // Parks left without a breakdown (see `detail`) carry no indicator rows to add.
    for park in report["parks"].as_array().cloned().unwrap_or_default().into_iter().filter(|p| p["detailed"] == Value::Bool(true)) {
        let cents = |v: &Value| (v.as_f64().unwrap_or(f64::NAN) * 100.0).round() as i64;
        let dims: i64 = park["dimensions"].as_array().map(|a| a.iter().map(|d| cents(&d["score"])).sum()).unwrap_or(0);
        let inds: i64 = park["indicators"].as_array().map(|a| a.iter().map(|i| cents(&i["score"])).sum()).unwrap_or(0);
        if dims != inds {
            return Err(format!("dimension sum {dims} ≠ indicator sum {inds}"));
        }
    }
    Ok(())
}

#[test]
fn mutated_requests_always_give_consistent_reports() {
    let scheme = wuhao::scheme::DEFAULT_SCHEME_JSON;
    let mut rng = Rng(0x5EED_2022_1128);
    let mut failures = Vec::new();
    for i in 0..1500 {
        let data = mutate(&mut rng, if i % 2 == 0 { SEED } else { PARKS });
        let mut req = serde_json::json!({ "data": data, "today": "2026-11-28", "splits": [mutate(&mut rng, SPLIT)] });
        if i % 5 == 0 {
            req["scheme"] = Value::String(mutate(&mut rng, scheme));
        }
        if i % 7 == 0 {
            req["period"] = serde_json::json!({ "year": 2000 + rng.below(40), "month": rng.below(14) });
        }
        if let Err(e) = check(&req) {
            failures.push(format!("case {i}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
