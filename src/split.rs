//! Target decomposition tables: do the parts add up, and which parts hold the whole back.

use crate::model::{ParkData, Period, ProgressSettings, SplitReport};
use crate::scheme::Scheme;

/// Checks the `index`-th pasted split table against the park's whole. STUB: issue 5.
pub fn check_split(index: usize, text: &str, scheme: &Scheme, whole: Option<&ParkData>, period: Period, settings: &ProgressSettings) -> SplitReport {
    let _ = (index, text, scheme, whole, period, settings);
    SplitReport { title: String::new(), kind: String::new(), unit: None, parts: Vec::new(), sums: Vec::new(), laggards: Vec::new(), diagnostics: Vec::new() }
}
