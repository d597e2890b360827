//! The table layer: how pasted tables look, shared by the data, split and scheme readers.
//!
//! `grid` turns clipboard text into cells (spans of one buffer, no `String` per
//! cell).

pub mod grid;

pub use grid::{parse_grid, Grid};
