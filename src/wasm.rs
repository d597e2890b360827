//! The wasm facade: the only module that touches wasm-bindgen. It moves JSON strings
//! across the boundary and nothing else; `api` owns the contract.

use wasm_bindgen::prelude::*;

/// Evaluates a JSON request (see README, "Automation contract") into a JSON report.
#[wasm_bindgen]
pub fn evaluate(request_json: &str) -> String {
    crate::api::evaluate_json(request_json)
}

/// `evaluate` with the pasted text apart from the rest of the request's JSON,
/// so a big paste crosses once as a string instead of inside JSON.
#[wasm_bindgen(js_name = evaluateParts)]
pub fn evaluate_parts(data: &str, rest_json: &str) -> String {
    crate::api::evaluate_parts(data, rest_json)
}

/// `exportTables` with the pasted text apart from the rest of the request's JSON.
#[wasm_bindgen(js_name = exportParts)]
pub fn export_parts(data: &str, rest_json: &str, key: &str, format: &str) -> Vec<u8> {
    crate::api::export_parts(data, rest_json, key, format)
}

/// Loads scheme text (JSON or a pasted table): `{ scheme | null, diagnostics }` as JSON.
#[wasm_bindgen(js_name = loadScheme)]
pub fn load_scheme(text: &str) -> String {
    crate::api::load_scheme_json(text)
}

/// The built-in scheme as JSON.
#[wasm_bindgen(js_name = defaultScheme)]
pub fn default_scheme() -> String {
    crate::api::default_scheme_json()
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Exports result tables (`key` prefix, "" for all) as "tsv", "csv" or "xlsx" bytes.
#[wasm_bindgen(js_name = exportTables)]
pub fn export_tables(request_json: &str, key: &str, format: &str) -> Vec<u8> {
    crate::api::export_json(request_json, key, format)
}

/// A scheme (JSON) as a pasteable table; "" when the JSON is not a scheme.
#[wasm_bindgen(js_name = schemeTable)]
pub fn scheme_table(scheme_json: &str) -> String {
    crate::api::scheme_table(scheme_json)
}

/// The grammar of pasted scheme tables, in Chinese.
#[wasm_bindgen(js_name = schemeHelp)]
pub fn scheme_help() -> String {
    crate::api::scheme_help().to_string()
}
