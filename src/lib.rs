//! 五好园区指标计算器: the crate root, which wires the pure core modules together.
//!
//! Everything except `wasm` is plain Rust with no JavaScript types, so the whole
//! evaluation path is tested natively with `cargo test`. See ARCHITECTURE.md.

// "Nothing panics on any input", enforced by `cargo clippy --all-targets -- -D
// warnings` in the test command: the library may not unwrap, index or panic
// (its unit tests may: clippy.toml). The integration tests under tests/ are
// crates of their own, where a failing check is meant to stop. A hot loop that
// must index says why it is in bounds in a local allow.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

pub mod api;
pub mod base;
pub mod diag;
pub mod eval;
pub mod export;
pub mod report;
pub mod model;
pub mod read;
pub mod scheme;
pub mod table;
pub mod xlsx;
pub mod zip;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The crate version, shown in the page and exposed as `wuhao.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
