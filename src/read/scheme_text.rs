//! Scheme text as pasted or saved: JSON, an official table (评分标准 in prose) or a table in the scheme's own grammar.
//!
//! The dispatch sits here, above `scheme`, because the official table is read
//! by the rule reader (`rules::official`), which builds on the scheme's types.

use super::rules::official;
use crate::diag::{Diagnostic, Source};
use crate::diag::problem::Problem;
use crate::scheme::{self, Loaded};
use crate::table::repair;

/// Loads a scheme from JSON (text starting with `{`), from an official table or
/// from a table in the scheme's own grammar, and validates it. Any error
/// refuses the scheme (`scheme: None`) so the caller keeps the previous one;
/// warnings are kept alongside an accepted scheme.
pub fn load(text: &str) -> Loaded {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return Loaded { scheme: None, diagnostics: vec![Diagnostic::error(Source::Scheme, Problem::SchemeEmpty)], readings: Vec::new() };
    }
    // A lone surrogate escape (\ud800) is repaired to U+FFFD, not refused; any
    // replacement character is said.
    let (scheme, mut diagnostics, replaced) = if t.starts_with('{') {
        let (json, replaced) = repair::repaired_json(t, Source::Scheme);
        let (s, d) = scheme::from_json(&json);
        (s, d, replaced)
    } else {
        let replaced = repair::replaced_characters(text, Source::Scheme);
        let (s, d) = if official::looks_official(text) { official::from_official(text) } else { scheme::from_table(text) };
        (s, d, replaced)
    };
    diagnostics.extend(replaced);
    Loaded::checked(scheme, diagnostics)
}
