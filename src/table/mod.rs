//! The table layer: how pasted tables look, shared by the data, split and scheme readers.
//!
//! `grid` turns clipboard text into cells (spans of one buffer, no `String` per
//! cell); `period` reads the period a header or title names, and month labels;
//! `vocab` is the one vocabulary of names, row kinds, units and column words;
//! `roles` reads a header cell into the role of its column; `header` finds the
//! one to three rows heading the columns (merged cells, roles above or below names);
//! `units` says which stated unit a value is in (cell, row, column, table);
//! `column` is what each column was read as and why (`ColumnInfo`); `repair` mends
//! lone surrogates in pasted text and says so.

pub mod column;
pub mod grid;
pub mod header;
pub mod number;
pub mod period;
pub mod repair;
pub mod roles;
pub mod units;
pub mod vocab;

pub use grid::{parse_grid, Grid};
