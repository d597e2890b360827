//! The table layer: how pasted tables look, shared by the data, split and scheme readers.
//!
//! `grid` turns clipboard text into cells (spans of one buffer, no `String` per
//! cell); `period` reads the period a header or title names, and month labels.

pub mod grid;
pub mod period;

pub use grid::{parse_grid, Grid};
