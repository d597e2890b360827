//! Fuzz target: arbitrary bytes become a whole request (data, scheme, splits, period) for `evaluate_json`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    // One input drives every field: sections separated by a form feed, so the
    // fuzzer can grow a data table, a scheme (JSON or table) and splits at once.
    let mut parts = text.split('\u{c}');
    let data = parts.next().unwrap_or("");
    let scheme = parts.next();
    let splits: Vec<&str> = parts.collect();
    let mut req = serde_json::json!({ "data": data, "splits": splits, "today": "2026-11-28" });
    if let Some(s) = scheme {
        req["scheme"] = serde_json::Value::String(s.to_string());
    }
    let out = wuhao::api::evaluate_json(&req.to_string());
    assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    // The raw text is also a request of its own, exercising the JSON path.
    let _ = wuhao::api::evaluate_json(&text);
    let _ = wuhao::api::load_scheme_json(&text);
});
