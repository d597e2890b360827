//! Layer 0, the base: what every other layer may use and which imports nothing of the crate.
//!
//! `unit` (unit labels, dimensions, conversion) and `fixed` (points in
//! hundredths) for now; ARCHITECTURE.md, "Layers", lists the rest.

pub mod fixed;
pub mod fmt;
pub mod period;
pub mod text;
pub mod unit;
