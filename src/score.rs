//! Scoring: every method, dimension subtotals, adjustments, vetoes, grades and ranking.

use crate::diag::Diagnostic;
use crate::model::{ParkData, ParkScore};
use crate::scheme::Scheme;

/// Scores every park under `scheme`; relative methods (功效系数 over peers, 极值)
/// use the whole group. Ranks follow the printed totals. STUB: issue 4.
pub fn score_parks(scheme: &Scheme, parks: &[ParkData]) -> (Vec<ParkScore>, Vec<Diagnostic>) {
    let _ = (scheme, parks);
    (Vec::new(), Vec::new())
}
