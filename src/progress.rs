//! Progress against annual targets at month m: completion, 时序进度, gap, yoy, projection.

use crate::model::{ParkData, Period, ProgressRow, ProgressSettings};
use crate::scheme::Scheme;

/// The progress table (调度表) of one park. STUB: issue 5.
pub fn progress_rows(scheme: &Scheme, park: &ParkData, period: Period, settings: &ProgressSettings) -> Vec<ProgressRow> {
    let _ = (scheme, park, period, settings);
    Vec::new()
}
