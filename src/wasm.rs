//! The wasm facade: the only module that touches wasm-bindgen. It moves JSON strings
//! across the boundary and nothing else; `api` owns the contract. Every text
//! parameter arrives as a `JsValue` and is checked (`text`): a script that passes a
//! number, an object, `undefined` or `null` gets an Error saying which parameter
//! wanted text (`Problem::ArgumentType`), where a `&str` parameter made the glue
//! read memory at a bogus address (a trap) or throw a bare TypeError.

use crate::diag::problem::{ArgGot, Problem};
use wasm_bindgen::prelude::*;

/// The text a script passed as `param` of `function`, or the Error it gets instead.
fn text(value: &JsValue, function: &str, param: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        let got = if value.is_undefined() {
            ArgGot::Undefined
        } else if value.is_null() {
            ArgGot::Null
        } else if value.as_f64().is_some() {
            ArgGot::Number
        } else if value.as_bool().is_some() {
            ArgGot::Boolean
        } else if value.is_function() {
            ArgGot::Function
        } else if value.is_object() {
            ArgGot::Object
        } else {
            ArgGot::Other
        };
        JsError::new(&Problem::ArgumentType { function: function.to_string(), param: param.to_string(), got }.message())
    })
}

/// Evaluates a JSON request (see README, "Automation contract") into a JSON report.
#[wasm_bindgen]
pub fn evaluate(request_json: JsValue) -> Result<String, JsError> {
    Ok(crate::api::evaluate_json(&text(&request_json, "evaluate", "requestJson")?))
}

/// `evaluate` with the pasted text apart from the rest of the request's JSON,
/// so a big paste crosses once as a string instead of inside JSON.
#[wasm_bindgen(js_name = evaluateParts)]
pub fn evaluate_parts(data: JsValue, rest_json: JsValue) -> Result<String, JsError> {
    let data = text(&data, "evaluateParts", "data")?;
    let rest = text(&rest_json, "evaluateParts", "restJson")?;
    Ok(crate::api::evaluate_parts(&data, &rest))
}

/// `exportTables` with the pasted text apart from the rest of the request's JSON.
#[wasm_bindgen(js_name = exportParts)]
pub fn export_parts(data: JsValue, rest_json: JsValue, key: JsValue, format: JsValue) -> Result<Vec<u8>, JsError> {
    let data = text(&data, "exportParts", "data")?;
    let rest = text(&rest_json, "exportParts", "restJson")?;
    let key = text(&key, "exportParts", "key")?;
    let format = text(&format, "exportParts", "format")?;
    Ok(crate::api::export_parts(&data, &rest, &key, &format))
}

/// Loads scheme text (JSON or a pasted table): `{ scheme | null, diagnostics }` as JSON.
#[wasm_bindgen(js_name = loadScheme)]
pub fn load_scheme(scheme_text: JsValue) -> Result<String, JsError> {
    Ok(crate::api::load_scheme_json(&text(&scheme_text, "loadScheme", "text")?))
}

/// The built-in scheme as JSON.
#[wasm_bindgen(js_name = defaultScheme)]
pub fn default_scheme() -> String {
    crate::api::default_scheme_json()
}

/// Reads a dropped or chosen file (.xlsx, .xlsm, .et, .csv, .txt): its sheets and
/// the chosen sheet (by name; "" the first visible) as a paste's text, as JSON.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(bytes: &[u8], name: &str, sheet: &str) -> String {
    crate::read::file::read_file_json(bytes, name, sheet)
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Exports result tables (`key` prefix, "" for all) as "tsv", "csv" or "xlsx" bytes.
#[wasm_bindgen(js_name = exportTables)]
pub fn export_tables(request_json: JsValue, key: JsValue, format: JsValue) -> Result<Vec<u8>, JsError> {
    let request = text(&request_json, "exportTables", "requestJson")?;
    let key = text(&key, "exportTables", "key")?;
    let format = text(&format, "exportTables", "format")?;
    Ok(crate::api::export_json(&request, &key, &format))
}

/// A scheme (JSON) as a pasteable table; "" when the JSON is not a scheme.
#[wasm_bindgen(js_name = schemeTable)]
pub fn scheme_table(scheme_json: JsValue) -> Result<String, JsError> {
    Ok(crate::api::scheme_table(&text(&scheme_json, "schemeTable", "schemeJson")?))
}

/// The grammar of pasted scheme tables, in Chinese.
#[wasm_bindgen(js_name = schemeHelp)]
pub fn scheme_help() -> String {
    crate::api::scheme_help().to_string()
}

/// The boundary measurement (feature `boundary-bench`, never shipped): the same
/// evaluation with its report handed over as a JS value by serde-wasm-bindgen, the
/// evaluation alone, and the request's rest read from JSON text or from a JS value,
/// for `tests/browser/bench.mjs --boundary-page` to time against JSON text.
#[cfg(feature = "boundary-bench")]
mod boundary {
    use wasm_bindgen::prelude::*;

    fn json_like() -> serde_wasm_bindgen::Serializer {
        // Plain objects for maps and null for None, as JSON.parse gives.
        serde_wasm_bindgen::Serializer::json_compatible()
    }

    /// `evaluateParts`' report as a JS value.
    #[wasm_bindgen(js_name = benchReportValue)]
    pub fn report_value(data: &str, rest_json: &str) -> JsValue {
        let report = crate::api::evaluate_report(rest_json, Some(data));
        serde::Serialize::serialize(&report, &json_like()).unwrap_or(JsValue::NULL)
    }

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance)]
        fn now() -> f64;
    }

    /// One evaluation, its report then handed over both ways, each timed in
    /// milliseconds here (so the evaluation's own noise stays out):
    /// `[evaluate, serde_json::to_string, the string copied out to JS,
    /// serde_wasm_bindgen::to_value, the JSON string, the JS value]`; the caller
    /// times `JSON.parse` of the string.
    #[wasm_bindgen(js_name = benchReportWays)]
    pub fn report_ways(data: &str, rest_json: &str) -> js_sys::Array {
        let t0 = now();
        let report = crate::api::evaluate_report(rest_json, Some(data));
        let t1 = now();
        let text = serde_json::to_string(&report).unwrap_or_default();
        let t2 = now();
        let js_text = JsValue::from_str(&text);
        let t3 = now();
        let value = serde::Serialize::serialize(&report, &json_like()).unwrap_or(JsValue::NULL);
        let t4 = now();
        let out = js_sys::Array::new();
        for ms in [t1 - t0, t2 - t1, t3 - t2, t4 - t3] {
            out.push(&JsValue::from_f64(ms));
        }
        out.push(&js_text);
        out.push(&value);
        out
    }

    /// The evaluation alone: the report is built and dropped; its diagnostics' count.
    #[wasm_bindgen(js_name = benchEvaluateOnly)]
    pub fn evaluate_only(data: &str, rest_json: &str) -> u32 {
        u32::try_from(crate::api::evaluate_report(rest_json, Some(data)).diagnostics.len()).unwrap_or(u32::MAX)
    }

    /// The request's rest read from JSON text; its splits' count (u32::MAX unreadable).
    #[wasm_bindgen(js_name = benchRequestJson)]
    pub fn request_json(rest_json: &str) -> u32 {
        serde_json::from_str::<crate::api::ApiRequest>(rest_json).map_or(u32::MAX, |r| u32::try_from(r.splits.len()).unwrap_or(u32::MAX))
    }

    /// The request's rest read from a JS value by serde-wasm-bindgen; as `benchRequestJson`.
    #[wasm_bindgen(js_name = benchRequestValue)]
    pub fn request_value(rest: JsValue) -> u32 {
        serde_wasm_bindgen::from_value::<crate::api::ApiRequest>(rest).map_or(u32::MAX, |r| u32::try_from(r.splits.len()).unwrap_or(u32::MAX))
    }
}
