//! Golden tests: whole pastes through the same JSON entry point as the page, compared with reviewed breakdowns.
//!
//! Each case is `tests/golden/NAME.json` (a request whose `data_file` names a
//! paste under the repo) and `NAME.expect` (the report rendered as text: total,
//! grade, dimension subtotals and every indicator row with its computation).
//! `UPDATE_EXPECT=1` rewrites the expectations; review the diff before committing.

use serde_json::Value;
use std::path::Path;

fn render(report: &Value) -> String {
    let mut out = String::new();
    let p = &report["period"];
    out.push_str(&format!("period {}-{} ({})\n", p["year"], p["month"], p["source"].as_str().unwrap_or("")));
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        out.push_str(&format!("diag {} {}\n", d["level"].as_str().unwrap_or(""), d["message"].as_str().unwrap_or("")));
    }
    for park in report["parks"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "park {} total {}{} grade {} rank {} veto {}\n",
            park["name"].as_str().unwrap_or(""),
            park["total"],
            match park["unscored_items"].as_u64() {
                Some(n) if n > 0 => format!(" (partial: {n} items, {} points not counted)", park["unscored_points"]),
                _ => String::new(),
            },
            park["grade"].as_str().unwrap_or(""),
            park["rank"],
            park["veto"].as_str().unwrap_or("—")
        ));
        for d in park["dimensions"].as_array().into_iter().flatten() {
            out.push_str(&format!("  dim {} {} / {}\n", d["name"].as_str().unwrap_or(""), d["score"], d["weight"]));
        }
        for i in park["indicators"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "  {} | value {} | target {} | score {} of {} | {}{}\n",
                i["name"].as_str().unwrap_or(""),
                i["value"],
                i["target"],
                i["score"],
                i["weight"],
                if i["missing"].is_null() { "" } else { "缺数据 | " },
                i["explain"].as_str().unwrap_or("")
            ));
        }
        for a in park["adjustments"].as_array().into_iter().flatten() {
            out.push_str(&format!("  adj {} {} | {}\n", a["name"].as_str().unwrap_or(""), a["points"], a["explain"].as_str().unwrap_or("")));
        }
    }
    out
}

/// Runs one golden case and compares its rendering with the reviewed expectation.
fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let case = std::fs::read_to_string(dir.join(format!("tests/golden/{name}.json"))).unwrap_or_default();
    let mut req: Value = serde_json::from_str(&case).unwrap_or_else(|e| panic!("{name}.json: {e}"));
    if let Some(file) = req["data_file"].as_str() {
        req["data"] = Value::String(std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}")));
    }
    let report: Value = serde_json::from_str(&wuhao::api::evaluate_json(&req.to_string())).unwrap_or(Value::Null);
    let actual = render(&report);
    let expect_path = dir.join(format!("tests/golden/{name}.expect"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expect_path, &actual).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let expected = std::fs::read_to_string(&expect_path).unwrap_or_default();
    assert_eq!(actual, expected, "{name}: actual report:\n{actual}");
}

#[test]
fn seed_without_targets() {
    check("hengshan-no-targets");
}

#[test]
fn seed_with_illustrative_targets() {
    check("hengshan-example");
}

#[test]
fn three_parks_ranked() {
    check("three-parks");
}
