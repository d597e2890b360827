//! Diagnostics: every problem found in user input, with its kind, its data and its position.
//!
//! Bad input is data, not failure: readers and evaluators push diagnostics and
//! carry on, so the user sees every problem at once and the page never dies.

use serde::Serialize;

pub mod problem;

use problem::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// Which pasted input a diagnostic points into, so the page can highlight the
/// right text area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "index")]
pub enum Source {
    Data,
    Scheme,
    /// The n-th (0-based) pasted split table.
    Split(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// 1-based row in the pasted text, or `None` when the problem is not tied to a cell.
    pub row: Option<u32>,
    /// 1-based column in the pasted text.
    pub col: Option<u32>,
    pub level: Level,
    /// What went wrong, with its data; `problem.message()` words it.
    pub problem: Problem,
    /// The offending cell's text, shortened, when there is one.
    pub cell: Option<String>,
    pub source: Source,
}

impl Diagnostic {
    pub fn error(source: Source, problem: Problem) -> Self {
        Diagnostic { row: None, col: None, level: Level::Error, problem, cell: None, source }
    }

    pub fn warning(source: Source, problem: Problem) -> Self {
        Diagnostic { level: Level::Warning, ..Diagnostic::error(source, problem) }
    }

    /// The message in Chinese.
    pub fn message(&self) -> String {
        self.problem.message()
    }

    /// The stable key of the problem's kind.
    pub fn kind(&self) -> &'static str {
        self.problem.kind()
    }

    /// Attaches a 0-based grid position, stored 1-based as users count.
    pub fn at(mut self, row0: usize, col0: usize) -> Self {
        self.row = Some(u32::try_from(row0 + 1).unwrap_or(u32::MAX));
        self.col = Some(u32::try_from(col0 + 1).unwrap_or(u32::MAX));
        self
    }

    pub fn at_row(mut self, row0: usize) -> Self {
        self.row = Some(u32::try_from(row0 + 1).unwrap_or(u32::MAX));
        self
    }

    /// Keeps the cell text for the message list, cut so a 1 MB cell cannot bloat the report.
    pub fn cell(mut self, text: &str) -> Self {
        self.cell = Some(shorten(text, 40));
        self
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}
