//! Fuzz target: the rule reader (one 评分标准 in every context, and an official
//! 评价办法 table holding it) and the read corrections (`read_overrides` and
//! `shape` of a request, any JSON) on the seed paste.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wuhao::rules::{official, read_rule, Context, Form, RuleCx};
use wuhao::scheme::Method;

const SEED: &str = include_str!("../../examples/hengshan-2022-jan-nov.tsv");

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    // Sections separated by a form feed: the rule, its unit, its weight, the corrections' JSON.
    let mut parts = text.split('\u{c}');
    let rule = parts.next().unwrap_or("");
    let unit = parts.next().unwrap_or("%");
    let weight = parts.next().and_then(|w| w.trim().parse::<f64>().ok()).unwrap_or(6.0);
    let corrections = parts.next().unwrap_or("[]");

    // Every context reads any text into a reading: understood, or 待定 with why.
    for context in [Context::Indicator, Context::Bonus, Context::Deduction, Context::Grades] {
        let cx = RuleCx { name: "技工贸总收入", unit, weight, context };
        let r = read_rule(rule, &cx);
        assert!(r.readback.starts_with("读作：") || r.readback.starts_with("未能读懂："), "{}", r.readback);
        if !r.understood {
            assert!(matches!(r.form, Form::Indicator { method: Method::Pending { .. }, .. }), "{:?}", r.form);
        }
    }

    // The same rule in an official table, as a page's paste would bring it.
    let cell = rule.replace(['\t', '\n', '\r'], " ");
    let table = format!("一级指标\t二级指标\t分值\t评分标准\n一、规划定位好\t1.技工贸总收入\t{weight}分\t{cell}\n\t2.上交税金\t4分\t完成目标得满分，每低1个百分点扣0.1分\n");
    let _ = official::from_official(&table);

    // Read corrections of any shape: the report is always JSON.
    let overrides: serde_json::Value = serde_json::from_str(corrections).unwrap_or_else(|_| serde_json::Value::String(corrections.to_string()));
    let shape = overrides.get("shape").cloned().unwrap_or(serde_json::Value::Null);
    let rest = serde_json::json!({ "today": "2022-12-01", "read_overrides": overrides, "shape": shape, "detail": weight }).to_string();
    let report = wuhao::api::evaluate_parts(SEED, &rest);
    assert!(serde_json::from_str::<serde_json::Value>(&report).is_ok(), "the report is JSON");
});
