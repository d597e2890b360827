//! Layer 0, the base: what every other layer may use, importing nothing of the crate.
//!
//! `text`: the character folds and invisible characters; `fmt`: the named
//! number formatters of the core's texts; `unit`: unit labels, dimensions and
//! conversion; `fixed`: points in hundredths; `period`: the reporting period.

pub mod fixed;
pub mod fmt;
pub mod period;
pub mod text;
pub mod unit;
