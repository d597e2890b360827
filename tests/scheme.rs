//! Scheme loading and validation: JSON, pasted tables, and every refusal reason.

use wuhao::diag::Level;
use wuhao::scheme::{self, default_scheme, load, to_table, validate};

#[test]
fn default_scheme_is_clean() {
    let s = default_scheme();
    assert_eq!(s.indicators.len(), 22);
    let d = validate(&s);
    assert!(d.is_empty(), "{d:#?}");
    let loaded = load(scheme::DEFAULT_SCHEME_JSON);
    assert!(loaded.scheme.is_some(), "{:#?}", loaded.diagnostics);
    assert!(loaded.diagnostics.iter().all(|d| d.level != Level::Error));
}
