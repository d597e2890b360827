//! The whole evaluation: read the paste, pick the scheme, score, check progress and splits.
//!
//! Pure and host-free: "today" comes in with the request, as typst passes the
//! date into its core, so the same request always gives the same report.

use std::borrow::Cow;

use crate::diag::{Diagnostic, Source};
use crate::diag::problem::Problem;
use crate::model::{ParkScore, ProgressRow, ProgressSettings, SplitReport};
use crate::base::period::{Period, PeriodSource};
use crate::read::{self, ReadOutcome};
use crate::scheme::{self, Scheme};
pub mod progress;
pub mod reach;
pub mod score;
pub mod split;
pub mod whatif;

/// The scheme a request names: already parsed (from the page's editor) or text
/// (JSON or a pasted table) to load.
#[derive(Clone, Debug)]
pub enum SchemeInput {
    Parsed(Box<Scheme>),
    Text(String),
    /// A scheme object that did not have the scheme's shape; the message says why.
    Invalid(String),
}

/// Which parks get their full breakdown (indicator rows, computations, progress).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every park when there are at most `AUTO_DETAIL_MAX` of them, else the first.
    #[default]
    Auto,
    All,
    /// Only the park at this index (0-based, in paste order).
    Park(usize),
}

/// Up to this many parks, `Detail::Auto` gives every park its breakdown; a
/// province has about 150 parks, and above this a paste is an enterprise list
/// whose breakdowns nobody reads at once.
pub const AUTO_DETAIL_MAX: usize = 200;

impl Detail {
    pub fn includes(self, park: usize, parks: usize) -> bool {
        match self {
            Detail::All => true,
            Detail::Auto => parks <= AUTO_DETAIL_MAX || park == 0,
            Detail::Park(i) => i == park,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The pasted text, borrowed from the caller when it came apart from the
    /// request's JSON (`api::evaluate_parts`), so a big paste is not copied.
    pub data: Cow<'a, str>,
    pub scheme: Option<SchemeInput>,
    pub period: Option<Period>,
    pub splits: Vec<String>,
    /// The host's current month; used only when neither the user nor the paste gives a period.
    pub today: Period,
    pub settings: ProgressSettings,
    pub detail: Detail,
    /// The user's corrections of the reading (`read::ReadOptions`).
    pub read: read::ReadOptions,
    /// Changed figures of one park, or the year as projected (`whatif`).
    pub what_if: whatif::WhatIf,
}

#[derive(Clone, Debug)]
pub struct ParkResult {
    pub score: ParkScore,
    pub progress: Vec<ProgressRow>,
    /// False when the park's breakdown was left out (see `Detail`).
    pub detailed: bool,
    /// What it takes: full-marks values, the next grade and rank (`reach`).
    pub reach: reach::Reach,
}

/// Up to this many parks every detailed park gets a plan to its next grade;
/// above it only the park in focus (the what-if park, or the one detailed, or
/// the first): a plan re-scores the park a few thousand times.
pub const PLAN_ALL_MAX: usize = 10;

#[derive(Clone, Debug)]
pub struct Report {
    pub period: Period,
    pub period_source: PeriodSource,
    pub scheme: Scheme,
    /// True when the request's scheme was refused and the built-in one used instead.
    pub scheme_fallback: bool,
    pub read: ReadOutcome,
    pub parks: Vec<ParkResult>,
    pub splits: Vec<SplitReport>,
    /// Every diagnostic: reading, scheme, scoring and splits, in that order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every figure the what-if changed (the pasted one beside it).
    pub what_if: Vec<whatif::Simulated>,
}

/// The most lines one paste (or split) may have. Memory grows with the parks a
/// narrow table's lines make (issue 31's probe: 1,000,000 two-column rows peaked
/// at 820 MB of wasm memory, about 800 bytes a park), so 1,000,000 stay under
/// 1 GB, where 5,000,000 trapped at the 4 GB a wasm32 module can have.
pub const MAX_PASTE_ROWS: usize = 1_000_000;

/// The most bytes one paste (or split) may have: a wide table peaks at about 6×
/// its text, so 128 MB stays under 1 GB.
pub const MAX_PASTE_BYTES: usize = 128_000_000;

/// The refusal of a text past `MAX_PASTE_ROWS` or `MAX_PASTE_BYTES`, before any of it is read.
pub fn too_large(text: &str, source: Source) -> Option<Diagnostic> {
    // A line is at least one byte: a text this short cannot have too many.
    if text.len() <= MAX_PASTE_ROWS && text.len() <= MAX_PASTE_BYTES {
        return None;
    }
    let rows = text.bytes().filter(|&b| b == b'\n').count() + usize::from(!text.ends_with('\n'));
    (rows > MAX_PASTE_ROWS || text.len() > MAX_PASTE_BYTES)
        .then(|| Diagnostic::error(source, Problem::PasteTooLarge { rows, bytes: text.len(), max_rows: MAX_PASTE_ROWS, max_bytes: MAX_PASTE_BYTES }))
}

/// One problem saying what the parks' totals lack (`Problem::ScoreIncomplete`),
/// or None when every total is whole.
fn incompleteness(scheme: &Scheme, parks: &[ParkResult]) -> Option<Diagnostic> {
    let partial = parks.iter().filter(|p| p.score.unscored.is_partial()).count();
    // The first park lacking most (max_by_key keeps the last of equals, so from the end).
    let worst = parks.iter().rev().filter(|p| p.score.unscored.is_partial()).max_by_key(|p| (p.score.unscored.points, p.score.unscored.items))?;
    let u = worst.score.unscored;
    let any_no_target = parks.iter().any(|p| p.score.unscored.items > p.score.unscored.no_value);
    let (mut no_target_names, mut no_value_names) = (Vec::new(), Vec::new());
    for (ind, s) in scheme.indicators.iter().zip(&worst.score.indicators) {
        if s.missing.is_none() {
            continue;
        }
        if matches!(ind.method, crate::scheme::Method::Deduct { .. }) || s.value.is_none() {
            no_value_names.push(s.name.clone());
        } else {
            no_target_names.push(s.name.clone());
        }
    }
    let one = parks.len() == 1;
    let incomplete = crate::diag::problem::Incomplete {
        parks: parks.len(),
        partial,
        park: if one { String::new() } else { worst.score.name.clone() },
        items: u.items,
        points: u.points.as_f64(),
        no_value: u.no_value,
        no_value_points: u.no_value_points.as_f64(),
        no_target_names,
        no_value_names,
        any_no_target,
        grade: if one { worst.score.grade.to_string() } else { String::new() },
    };
    Some(Diagnostic::warning(Source::Data, Problem::ScoreIncomplete(Box::new(incomplete))))
}

pub fn evaluate(req: &Request<'_>) -> Report {
    let mut diagnostics = Vec::new();
    let (scheme, scheme_fallback) = match &req.scheme {
        None => (scheme::default_scheme(), false),
        Some(SchemeInput::Parsed(s)) => {
            let errs = scheme::validate(s);
            if errs.iter().any(|d| d.level == crate::diag::Level::Error) {
                diagnostics.extend(errs);
                diagnostics.push(Diagnostic::error(Source::Scheme, Problem::SchemeFallback));
                (scheme::default_scheme(), true)
            } else {
                diagnostics.extend(errs);
                ((**s).clone(), false)
            }
        }
        Some(SchemeInput::Invalid(msg)) => {
            diagnostics.push(Diagnostic::error(Source::Scheme, Problem::SchemeFormat { detail: msg.clone() }));
            diagnostics.push(Diagnostic::error(Source::Scheme, Problem::SchemeFallback));
            (scheme::default_scheme(), true)
        }
        Some(SchemeInput::Text(t)) => {
            let loaded = read::scheme_text::load(t);
            diagnostics.extend(loaded.diagnostics);
            match loaded.scheme {
                Some(s) => (s, false),
                None => {
                    diagnostics.push(Diagnostic::error(Source::Scheme, Problem::SchemeFallback));
                    (scheme::default_scheme(), true)
                }
            }
        }
    };

    // A paste past what the page can hold is refused before it is read.
    let refused = too_large(&req.data, Source::Data);
    let data: &str = if refused.is_some() { "" } else { &req.data };
    let mut read = read::read_data_with(data, &scheme, req.period, req.today, &req.read);
    let period = read.period;
    let mut all: Vec<Diagnostic> = refused.into_iter().collect();
    all.append(&mut read.diagnostics);
    all.append(&mut diagnostics);

    let n = read.parks.len();
    // The what-if works on a copy: `read.parks` stays as pasted.
    let simulated;
    let mut what_if = Vec::new();
    let parks: &crate::model::Parks = if req.what_if.is_empty() {
        &read.parks
    } else {
        let mut copy = read.parks.to_vec();
        what_if = whatif::apply(&scheme, &mut copy, &req.what_if, period, &mut all);
        simulated = crate::model::Parks::from(copy);
        &simulated
    };
    let detail = |i: usize| req.detail.includes(i, n);
    let (scores, score_diags, rescorer) = score::score_table_with(&scheme, parks, &detail);
    all.extend(score_diags);
    // Said only where `Auto` leaves breakdowns out; a caller that names its park knows.
    if n > AUTO_DETAIL_MAX && !(0..n).all(detail) {
        all.push(Diagnostic::warning(Source::Data, Problem::ManyParks { parks: n }));
    }

    if let Detail::Park(i) = req.detail {
        if i >= n && n > 0 {
            all.push(Diagnostic::warning(Source::Data, Problem::DetailUnknownPark { park: i.saturating_add(1), parks: n }));
        }
    }
    let focus = match (&req.what_if.park, req.detail) {
        (Some(name), _) => (0..n).position(|i| parks.name(i).is_some_and(|p| p.trim() == name.trim())).unwrap_or(0),
        (None, Detail::Park(i)) => i,
        _ => 0,
    };
    let plan_for = |i: usize| detail(i) && (n <= PLAN_ALL_MAX || i == focus);
    let reaches = reach::reach_all_with(&scheme, parks, &scores, &reach::Want { detailed: &detail, plan_for: &plan_for }, &rescorer);
    // Its values are a column per indicator: freed before the report is built.
    drop(rescorer);
    let parks_out: Vec<ParkResult> = scores
        .into_iter()
        .enumerate()
        .zip(reaches)
        .map(|((i, score), reach)| {
            let detailed = detail(i);
            // Only a park shown in detail is materialised from the columns.
            let progress = match if detailed { parks.park(i) } else { None } {
                Some(data) => progress::progress_rows(&scheme, &data, period, &req.settings),
                None => Vec::new(),
            };
            ParkResult { progress, score, detailed, reach }
        })
        .collect();

    // What the totals lack is the first problem: a partial total must not pass for a whole one.
    if let Some(d) = incompleteness(&scheme, &parks_out) {
        all.insert(0, d);
    }

    // A split belongs to the park it names; with one park pasted it is that park.
    let whole = if parks.len() == 1 { parks.first() } else { None };
    let whole = whole.as_ref();
    let splits: Vec<SplitReport> = req
        .splits
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, t)| match too_large(t, Source::Split(i)) {
            Some(d) => {
                let mut r = split::check_split(i, "", &scheme, whole, period, &req.settings);
                r.diagnostics.insert(0, d);
                r
            }
            None => split::check_split(i, t, &scheme, whole, period, &req.settings),
        })
        .collect();
    for s in &splits {
        all.extend(s.diagnostics.iter().cloned());
    }

    Report { period, period_source: read.period_source, scheme, scheme_fallback, read, parks: parks_out, splits, diagnostics: all, what_if }
}
