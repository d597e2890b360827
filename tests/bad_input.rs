//! The bad-input corpus: hostile, huge and malformed inputs all give a report with clear messages.
//!
//! Each case builds a request (data, scheme, splits, period), runs it through
//! the same JSON entry point the page uses, and checks the invariants every
//! report must keep plus the message the user should see. Large inputs are
//! generated here rather than stored, to keep the repo small.

use serde_json::{json, Value};
use wuhao::api::evaluate_json;

const SEED: &str = include_str!("../examples/hengshan-2022-jan-nov.tsv");

struct Case {
    name: &'static str,
    request: Value,
    /// Substrings that must each appear in some diagnostic message.
    expect: &'static [&'static str],
}

fn default_scheme() -> Value {
    serde_json::from_str(wuhao::scheme::DEFAULT_SCHEME_JSON).unwrap_or(Value::Null)
}

/// The default scheme with `f` applied, for scheme-error cases.
fn scheme_with(f: impl FnOnce(&mut Value)) -> Value {
    let mut s = default_scheme();
    f(&mut s);
    s
}

fn data(d: impl Into<String>) -> Value {
    json!({ "data": d.into(), "today": "2026-11-28" })
}

fn with(mut req: Value, key: &str, v: Value) -> Value {
    if let Some(o) = req.as_object_mut() {
        o.insert(key.to_string(), v);
    }
    req
}

fn big_paste(rows: usize) -> String {
    let mut s = String::from("园区\t技工贸总收入（亿元）\t上交税金（亿元）\t主导产业营业收入占比（%）\n");
    for i in 0..rows {
        s.push_str(&format!("园区{i}\t{},{:03}.5\t{}.27\t{}%\n", i % 7 + 1, i % 1000, i % 9, i % 100));
    }
    s
}

fn cases() -> Vec<Case> {
    let nested = format!("{}上交税金{}", "(".repeat(100_000), ")".repeat(100_000));
    let chain = vec!["上交税金"; 50_000].join(" + ");
    let mut many_cols = String::from("园区");
    for i in 0..100_000 {
        many_cols.push_str(&format!("\t列{i}"));
    }
    many_cols.push_str("\n甲园区");
    for i in 0..100_000 {
        many_cols.push_str(&format!("\t{i}"));
    }
    let garbage: String = (0u32..4096).map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('?')).collect();
    let bytes: Vec<u8> = (0u32..8192).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let lossy = String::from_utf8_lossy(&bytes).into_owned();

    vec![
        Case { name: "empty", request: data(""), expect: &[] },
        Case { name: "whitespace only", request: data(" \n\t\r\n  \n"), expect: &[] },
        Case { name: "binary garbage", request: data(lossy), expect: &[] },
        Case { name: "unicode garbage", request: data(garbage), expect: &[] },
        Case { name: "nul bytes", request: data("技工贸总收入\t亿元\t\0\0\0\n\0\t\0"), expect: &[] },
        Case { name: "replacement chars from lone surrogates", request: data("技工贸总收入\t亿元\t\u{FFFD}148\u{FFFD}\n"), expect: &[] },
        Case { name: "10 MB paste", request: data(big_paste(230_000)), expect: &[] },
        Case { name: "100,000 columns", request: data(many_cols), expect: &[] },
        Case { name: "one 1 MB cell", request: data(format!("技工贸总收入\t亿元\t{}\n", "9".repeat(1 << 20))), expect: &[] },
        Case { name: "1 MB text cell", request: data(format!("{}\t亿元\t1\n", "名".repeat(1 << 19))), expect: &[] },
        Case { name: "1e308 and overflow", request: data("技工贸总收入\t亿元\t1e308\n上交税金\t亿元\t1e400\n"), expect: &[] },
        Case { name: "minus zero", request: data("技工贸总收入\t亿元\t-0\n上交税金\t亿元\t-0.0\n"), expect: &[] },
        Case { name: "NaN and Infinity text", request: data("技工贸总收入\t亿元\tNaN\n上交税金\t亿元\tInfinity\n进出口额\t亿元\t-inf\n"), expect: &[] },
        Case { name: "500-digit number", request: data(format!("技工贸总收入\t亿元\t{}\n", "7".repeat(500))), expect: &[] },
        Case { name: "malformed numbers", request: data("技工贸总收入\t亿元\t1.2.3\n上交税金\t亿元\t--5\n进出口额\t亿元\t(((\n实际利用外资\t亿元\t5-\n"), expect: &[] },
        Case { name: "unclosed quote", request: data("技工贸总收入\t亿元\t\"148.2\n上交税金\t亿元\t5.27\n"), expect: &[] },
        Case { name: "quotes everywhere", request: data("\"\"\"\t\"\"\n\"a\"b\"\t\"\n\"\n"), expect: &[] },
        Case { name: "CR only line ends", request: data(SEED.replace('\n', "\r")), expect: &[] },
        Case { name: "tabs only", request: data("\t\t\t\t\n\t\t\n"), expect: &[] },
        Case { name: "many blank lines", request: data("\n".repeat(1_000_000)), expect: &[] },
        Case { name: "header only", request: data("指标名称\t单位\t1-11月累计\t备注\n"), expect: &[] },
        Case { name: "duplicate indicators", request: data(format!("{SEED}技工贸总收入\t亿元\t150\t\n")), expect: &[] },
        Case { name: "duplicate parks", request: data("园区\t技工贸总收入（亿元）\n甲\t1\n甲\t2\n"), expect: &[] },
        Case { name: "10,000 parks", request: data(big_paste(10_000)), expect: &[] },
        Case { name: "hostile names", request: data("<script>alert(1)</script>\t亿元\t1\n<img src=x onerror=alert(1)>\t%\t2\njavascript:alert(1)\t个\t3\n"), expect: &[] },
        Case { name: "zero-width and RTL", request: data("技\u{200B}工贸总收入\t亿元\t148\n\u{202E}上交税金\t亿元\t5\n"), expect: &[] },
        Case { name: "100k-char name", request: data(format!("{}\t亿元\t1\n", "指".repeat(100_000))), expect: &[] },
        Case { name: "emoji", request: data("技工贸总收入😀\t亿元\t148\n🏭\t🏭\t🏭\n"), expect: &[] },
        Case { name: "US dollars", request: data("进出口额\t亿美元\t3.6\n"), expect: &[] },
        Case { name: "request not JSON", request: Value::String("{not json".into()), expect: &["请求格式有误"] },
        Case { name: "request is an array", request: json!([1, 2, 3]), expect: &["请求格式有误"] },
        Case { name: "data of wrong type", request: json!({ "data": 42 }), expect: &["请求格式有误"] },
        Case { name: "month 13", request: with(data(SEED), "period", json!({ "year": 2022, "month": 13 })), expect: &["统计期无效"] },
        Case { name: "month 0 and negative year", request: with(data(SEED), "period", json!({ "year": -5, "month": 0 })), expect: &["统计期无效"] },
        Case { name: "fractional month", request: with(data(SEED), "period", json!({ "year": 2022, "month": 6.5 })), expect: &["统计期无效"] },
        Case { name: "invalid today", request: json!({ "data": SEED, "today": "yesterday" }), expect: &[] },
        Case { name: "settings out of range", request: with(data(SEED), "settings", json!({ "slight_pp": -3, "split_tolerance": 1e308, "by_days": true })), expect: &[] },
        Case { name: "scheme text not JSON nor table", request: with(data(SEED), "scheme", json!("{{{{")), expect: &["内置示例方案"] },
        Case { name: "scheme object of wrong shape", request: with(data(SEED), "scheme", json!({ "name": 5 })), expect: &["方案格式有误"] },
        Case {
            name: "scheme weight of wrong type",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["weight"] = json!("abc"))),
            expect: &["方案格式有误"],
        },
        Case {
            name: "unknown method",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["method"] = json!({ "type": "magic" }))),
            expect: &["方案格式有误"],
        },
        Case {
            name: "weights do not sum",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["weight"] = json!(60))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "negative weight",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["weight"] = json!(-6))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "zero indicators",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"] = json!([]))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "formula cycle",
            request: with(
                data(SEED),
                "scheme",
                scheme_with(|s| {
                    s["indicators"][1]["formula"] = json!("亩均技工贸收入 * 2");
                    s["indicators"][2]["formula"] = json!("亩均税收 / 2");
                }),
            ),
            expect: &["内置示例方案"],
        },
        Case {
            name: "formula names unknown input",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][1]["formula"] = json!("上交税金 / 不存在的指标"))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "deeply nested formula",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][1]["formula"] = json!(nested))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "very long formula chain",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][1]["formula"] = json!(chain))),
            expect: &[],
        },
        Case {
            name: "formula divides by literal zero",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][1]["formula"] = json!("上交税金 / 0"))),
            expect: &[],
        },
        Case {
            name: "duplicate indicator names in scheme",
            request: with(
                data(SEED),
                "scheme",
                scheme_with(|s| {
                    let first = s["indicators"][0]["name"].clone();
                    s["indicators"][1]["name"] = first;
                }),
            ),
            expect: &["内置示例方案"],
        },
        Case {
            name: "unknown unit in scheme",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["unit"] = json!("斤"))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "benchmark zero",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["method"] = json!({ "type": "benchmark", "value": 0 }))),
            expect: &["内置示例方案"],
        },
        Case {
            name: "unknown dimension",
            request: with(data(SEED), "scheme", scheme_with(|s| s["indicators"][0]["dimension"] = json!("nowhere"))),
            expect: &["内置示例方案"],
        },
        Case { name: "garbage split", request: with(data(SEED), "splits", json!(["\0\0\t\"\n((", "", "片区\t\n"])), expect: &[] },
        Case { name: "1,000 splits", request: with(data(SEED), "splits", json!(vec!["片区\t技工贸总收入目标\t技工贸总收入完成\n甲\t1\t2\n"; 1000])), expect: &[] },
        // Found by the property run: text after an arrow that is not a number gave an empty message.
        Case { name: "arrow before text", request: data("指标名称\t单位\t1-11月累计\n技工贸总收入\t亿元\t技工贸总→入\n上交税金\t亿元\t5→x\n研究开发费用总额\t亿元\t4.99\n"), expect: &["无法识别为数字"] },
        // JSON.stringify writes a lone surrogate from the clipboard as an escape, which
        // serde_json refuses: the page sent such pastes as unreadable requests.
        Case {
            name: "lone surrogate escapes in the request",
            request: Value::String(format!(r#"{{"data":{},"splits":["\udc00片区\t\ud800"],"today":"2026-11-28"}}"#, json!(SEED).to_string().replacen("148.2032", r"148.2032\ud800", 1).replacen("5.27", r"\udfff\udbff5.27", 1))),
            expect: &[],
        },
        Case { name: "huge veto input", request: data(format!("{SEED}较大及以上生产安全事故\t起\t1e300\t\n")), expect: &[] },
    ]
}

/// Runs one case and checks what every report must keep, whatever the input.
fn check(case: &Case) {
    let request = match &case.request {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let out = evaluate_json(&request);
    let report: Value = match serde_json::from_str(&out) {
        Ok(v) => v,
        Err(e) => panic!("{}: report is not JSON: {e}", case.name),
    };
    let diags = report["diagnostics"].as_array().cloned().unwrap_or_default();
    for d in &diags {
        for key in ["row", "col"] {
            if let Some(n) = d[key].as_u64() {
                assert!(n >= 1, "{}: {key} must be 1-based: {d}", case.name);
            }
        }
        let msg = d["message"].as_str().unwrap_or("");
        assert!(!msg.is_empty(), "{}: empty message", case.name);
        if let Some(cell) = d["cell"].as_str() {
            assert!(cell.chars().count() <= 41, "{}: cell text not shortened", case.name);
        }
    }
    // Every case here is a readable request unless it says otherwise.
    if !case.expect.iter().any(|e| e.contains("请求格式有误")) {
        assert!(!diags.iter().any(|d| d["message"].as_str().unwrap_or("").contains("请求格式有误")), "{}: request refused: {diags:?}", case.name);
    }
    for want in case.expect {
        assert!(
            diags.iter().any(|d| d["message"].as_str().unwrap_or("").contains(want)),
            "{}: no diagnostic mentions {want:?}; got {:?}",
            case.name,
            diags.iter().map(|d| d["message"].clone()).collect::<Vec<_>>()
        );
    }
    // Totals add up to the printed figures, in hundredths, for every park.
    // Parks left without a breakdown (see `detail`) carry no indicator rows to add.
    for park in report["parks"].as_array().cloned().unwrap_or_default().into_iter().filter(|p| p["detailed"] == Value::Bool(true)) {
        let cents = |v: &Value| (v.as_f64().unwrap_or(f64::NAN) * 100.0).round() as i64;
        let dims: i64 = park["dimensions"].as_array().map(|a| a.iter().map(|d| cents(&d["score"])).sum()).unwrap_or(0);
        let inds: i64 = park["indicators"].as_array().map(|a| a.iter().map(|i| cents(&i["score"])).sum()).unwrap_or(0);
        assert_eq!(dims, inds, "{}: dimension subtotals must add up to indicator scores", case.name);
        assert!(park["total"].is_number(), "{}: total must be a number", case.name);
    }
}

#[test]
fn bad_inputs_give_reports_with_clear_messages() {
    let all = cases();
    assert!(all.len() >= 50, "the corpus must keep at least 50 cases, has {}", all.len());
    // Run every case even when one fails, so a regression shows its whole extent.
    // BAD_INPUT_CASE=name runs one case, with its time, when hunting a slow one.
    let only = std::env::var("BAD_INPUT_CASE").ok();
    let failures: Vec<String> = all
        .iter()
        .filter(|case| only.as_deref().is_none_or(|o| case.name.contains(o)))
        .filter_map(|case| {
            let start = std::time::Instant::now();
            let failed = std::panic::catch_unwind(|| check(case)).is_err();
            eprintln!("{:>8.1} ms  {}", start.elapsed().as_secs_f64() * 1e3, case.name);
            failed.then(|| case.name.to_string())
        })
        .collect();
    assert!(failures.is_empty(), "failing cases: {failures:?}");
}

/// Every diagnostic in the JSON report carries a stable kind beside its message.
#[test]
fn report_diagnostics_have_kinds() {
    let req = serde_json::json!({ "data": "指标\t1-11月\n上交税金\tNaN\n进出口额\t30～34\n", "today": "2022-12-01", "period": { "year": 1, "month": 13 } });
    let out: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(&req.to_string())).unwrap();
    let diags = out["diagnostics"].as_array().unwrap();
    let kinds: Vec<&str> = diags.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    for k in ["request.bad_period", "number.not_finite", "number.range"] {
        assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
    }
    assert!(diags.iter().all(|d| !d["message"].as_str().unwrap().is_empty()));
}

/// Issue 31: a paste past what the page can hold (5,000,000 narrow rows trapped
/// at 4 GB of wasm memory) is refused before it is read, with a message that
/// says the size the page takes; a split as large likewise, the paste still read.
#[test]
fn a_paste_past_the_limit_is_refused_before_it_is_read() {
    let started = std::time::Instant::now();
    let rows = wuhao::eval::MAX_PASTE_ROWS + 1;
    let mut text = String::with_capacity(rows * 4);
    text.push_str("园区\t上交税金\n");
    for _ in 1..rows {
        text.push_str("甲\t1\n");
    }
    let report: Value = serde_json::from_str(&wuhao::api::evaluate_parts(&text, r#"{"today":"2022-12-01","compact":true}"#)).unwrap();
    let d = report["diagnostics"].as_array().unwrap().iter().find(|d| d["kind"] == "request.too_large").expect("refused");
    assert_eq!(d["level"], "error");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("1000001 行") && message.contains("1000000 行、128.0 MB"), "{message}");
    assert_eq!(report["parks"].as_array().map(Vec::len), Some(0));
    // A split past the limit: refused alone.
    let request = json!({ "today": "2022-12-01", "splits": [text] }).to_string();
    let report: Value = serde_json::from_str(&wuhao::api::evaluate_parts("指标\t衡山园区\n上交税金\t5\n", &request)).unwrap();
    let kinds: Vec<&str> = report["diagnostics"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"request.too_large"), "{kinds:?}");
    assert_eq!(report["parks"].as_array().map(Vec::len), Some(1));
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    // Just under the limit in bytes and rows, nothing is refused.
    assert!(wuhao::eval::too_large(&text[..text.len() - 6], wuhao::diag::Source::Data).is_none());
}
