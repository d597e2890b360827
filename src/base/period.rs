//! The reporting period and where it came from; `table::period` reads one from header texts.

/// The reporting period: data cumulative from January through `month` of `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

/// Where a period came from, shown to the user next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodSource {
    /// Set by the user in the page (or the request).
    User,
    /// Read from a header such as 1-11月累计 or 2022年目标.
    Header,
    /// Neither: taken from the host's "today" (the month before today, the
    /// month most recently closed).
    Today,
}
