//! Interprets a pasted grid against a scheme: table shape, column roles, period, parks.
//!
//! Two shapes are read. Indicators as rows (指标 | 单位 | 年度目标 | 1-11月累计 | …),
//! optionally with a 园区 column for several parks in one long table, and parks
//! as rows (园区 | 技工贸总收入（亿元） | …). The shape is found from the header
//! row: role words (单位, 累计, 目标 …) mean indicators as rows, scheme item names
//! in the header mean parks as rows. Every value is normalised to the scheme's
//! unit for its item; anything doubtful becomes a diagnostic at its cell.

use crate::diag::{Diagnostic, Source};
use crate::model::{Observation, ParkData, Parks};
use crate::base::period::{Period, PeriodSource};
use crate::table::number::{fast_number, parse_number, percent_unit, CellNumber};
use crate::base::fmt::show;
use crate::table::period::{period_hint, Hint};
use crate::table::{header, units};
use crate::table::roles::{self, Key, Role, What};
use crate::diag::problem::{Arrange, BlockRefused, Line, MagnitudeWhy, Problem, SetAside, TableOf, UnitFallback, UnitFrom};
use crate::scheme::Scheme;
use crate::table::grid::trim_cell;
use crate::table::{parse_grid, Grid};
use crate::base::unit::Unit;
use crate::base::text::{fold_text, is_invisible};
use crate::table::column::{header_why, ColumnInfo, ReadBy};
use crate::table::vocab::{
    blank_unit, name_key, name_key_cow, row_kind, strip_breakdown, strip_numbering, unit_in_brackets, unit_note, RowKind, Total, NOTE_WORDS,
    SEQ_WORDS, UNIT_WORDS,
};
use std::borrow::Cow;

mod check;
use std::collections::{BTreeMap, HashMap, HashSet};

pub mod file;
pub mod rules;
pub mod scheme_text;

/// How the paste is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// 指标 | 单位 | 年度目标 | 1-11月累计 | … : one park, indicators as rows.
    IndicatorRows,
    /// 园区 | 指标A | 指标B | … : several parks, one per row.
    ParkRows,
    /// Nothing recognisable.
    Unknown,
}

/// A data row whose name matched no scheme item.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    /// 0-based row (or column, in park-rows shape) of the name.
    pub row: usize,
    pub col: usize,
    pub text: String,
    /// The closest scheme names, best first.
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadOutcome {
    pub shape: Shape,
    /// 0-based row of the header.
    pub header_row: Option<usize>,
    pub columns: Vec<ColumnInfo>,
    pub period: Period,
    pub period_source: PeriodSource,
    /// Every park read, columnar (`model::Parks`).
    pub parks: Parks,
    pub unmatched: Vec<Unmatched>,
    /// Scheme items (indicators and inputs read from data, not formulas) with no data in the paste.
    pub missing: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The user's corrections of a reading (the page's 读取方式 panel): they win
/// over what the reader detected, and the read-back says 由用户指定.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOptions {
    pub overrides: Vec<ColumnOverride>,
    pub shape: Option<ShapeChoice>,
}

/// No corrections.
static NO_OPTIONS: ReadOptions = ReadOptions { overrides: Vec::new(), shape: None };

/// One column's correction: its role, its unit, or both.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnOverride {
    /// 0-based column of the paste.
    pub col: usize,
    pub role: Option<UserRole>,
    pub unit: Option<Unit>,
}

/// A role the user can give a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserRole {
    Target,
    Actual,
    LastYear,
    Ignore,
    Indicator,
    Unit,
    Park,
    Note,
}

impl UserRole {
    /// Reads the request's key ("target", "actual", "last_year", "ignore", "indicator", "unit", "park", "note").
    pub fn parse(key: &str) -> Option<UserRole> {
        Some(match key.trim() {
            "target" => UserRole::Target,
            "actual" => UserRole::Actual,
            "last_year" => UserRole::LastYear,
            "ignore" => UserRole::Ignore,
            "indicator" => UserRole::Indicator,
            "unit" => UserRole::Unit,
            "park" => UserRole::Park,
            "note" => UserRole::Note,
            _ => return None,
        })
    }

    /// The role an indicators-as-rows table gives the column.
    fn role(self) -> Role {
        match self {
            UserRole::Target => Role::Value(What::Target),
            UserRole::Actual => Role::Value(What::Actual),
            UserRole::LastYear => Role::Value(What::LastYear),
            UserRole::Ignore => Role::Unknown,
            UserRole::Indicator => Role::Indicator,
            UserRole::Unit => Role::Unit,
            UserRole::Park => Role::Key(Key::Park),
            UserRole::Note => Role::Note,
        }
    }
}

/// The table's shape as the user states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeChoice {
    /// 指标 | 单位 | 年度目标 | 累计 …
    IndicatorRows,
    /// 园区 | 指标A | 指标B …
    ParkRows,
    /// 指标 | 园区A | 园区B …
    ParkColumns,
    /// 口径 | 指标A | 指标B … (年度目标 / 累计完成 as rows)
    RoleRows,
}

impl ShapeChoice {
    /// Reads the request's key ("indicator_rows", "park_rows", "park_columns", "role_rows").
    pub fn parse(key: &str) -> Option<ShapeChoice> {
        Some(match key.trim() {
            "indicator_rows" => ShapeChoice::IndicatorRows,
            "park_rows" => ShapeChoice::ParkRows,
            "park_columns" => ShapeChoice::ParkColumns,
            "role_rows" => ShapeChoice::RoleRows,
            _ => return None,
        })
    }
}

/// The park name used when the paste does not say.
pub const DEFAULT_PARK: &str = "本园区";

/// More diagnostics than this are summarised: nobody reads ten thousand, and the
/// page must stay fast on a broken 10 MB paste.
const MAX_DIAGNOSTICS: usize = 500;

/// Unmatched names beyond this many get no suggestions, to bound the work.
const MAX_SUGGESTED: usize = 500;

/// How many rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Reads the pasted park table. `period` is the user's choice, if any; `today`
/// is the host's current month, used only when neither the user nor a header says.
///
/// Several tables in one paste (two parks' tables one under the other, each
/// under its own title, or side by side with a blank column between) are read
/// table by table: each is one park's (or several named parks') figures. A
/// table after the first whose park is not named, or is named again, is not
/// read, and a diagnostic at its first cell says so: a park is never invented.
pub fn read_data(text: &str, scheme: &Scheme, period: Option<Period>, today: Period) -> ReadOutcome {
    read_data_with(text, scheme, period, today, &NO_OPTIONS)
}

/// `read_data` with the user's corrections (`ReadOptions`), which win over detection.
pub fn read_data_with(text: &str, scheme: &Scheme, period: Option<Period>, today: Period, opts: &ReadOptions) -> ReadOutcome {
    let (grid, mut diags) = parse_grid(text, Source::Data);
    diags.extend(crate::table::repair::replaced_characters(text, Source::Data));
    // A correction of a column the paste does not have is said, not silently dropped.
    let width = grid.width();
    for o in opts.overrides.iter().filter(|o| o.col >= width) {
        diags.push(Diagnostic::warning(Source::Data, Problem::ReadOverrideNoColumn { col: o.col.saturating_add(1), width }));
    }
    let idx = NameIndex::new(scheme);
    // The whole paste's header, found once: where side-by-side tables are cut,
    // and where a paste of one table is read from.
    let header = header_of(&grid, &idx);
    let mut out = match find_blocks(&grid, &idx, header) {
        Some((arrange, blocks)) => read_blocks(&grid, &idx, arrange, &blocks, period, today, opts),
        None => read_grid(&grid, &idx, header, period, today, opts),
    };
    diags.append(&mut out.diagnostics);
    // The paste's own check values (完成率, 增减%) against the reading.
    check::check_values(&grid, &idx, &mut out, &mut diags);
    check::other_year_targets(&idx, &mut out, &mut diags);
    check::row_periods(&grid, &idx, &mut out, &mut diags);
    check::aggregate_rows(&grid, &idx, &mut out, &mut diags);
    check::invariants(&idx, &out, &mut diags);
    if diags.len() > MAX_DIAGNOSTICS {
        let more = diags.len() - MAX_DIAGNOSTICS;
        diags.truncate(MAX_DIAGNOSTICS);
        diags.push(Diagnostic::warning(Source::Data, Problem::MoreProblems { more }));
    }
    out.diagnostics = diags;
    out
}

/// The header row of a grid and the shape it suggests (`Reader::find_header`).
fn header_of(grid: &Grid, idx: &NameIndex) -> Option<(usize, Shape)> {
    Reader { grid, idx, opts: &NO_OPTIONS, diags: Vec::new(), unmatched: Vec::new(), suggest_cache: HashMap::new() }.find_header()
}

/// Reads one table (the whole paste, or one of several tables in it) whose
/// header `header_of` found.
fn read_grid(grid: &Grid, idx: &NameIndex, found: Option<(usize, Shape)>, period: Option<Period>, today: Period, opts: &ReadOptions) -> ReadOutcome {
    let mut r = Reader { grid, idx, opts, diags: Vec::new(), unmatched: Vec::new(), suggest_cache: HashMap::new() };
    let mut out = ReadOutcome {
        shape: Shape::Unknown,
        header_row: None,
        columns: Vec::new(),
        period: period.unwrap_or(today),
        period_source: if period.is_some() { PeriodSource::User } else { PeriodSource::Today },
        parks: Parks::new(),
        unmatched: Vec::new(),
        missing: Vec::new(),
        diagnostics: Vec::new(),
    };
    // The shape the user chose wins over the one the header suggests.
    let found = match (found, opts.shape) {
        (Some((row, _)), Some(ShapeChoice::ParkRows)) => Some((row, Shape::ParkRows)),
        (Some((row, _)), Some(_)) => Some((row, Shape::IndicatorRows)),
        (f, _) => f,
    };
    match found {
        Some((row, Shape::ParkRows)) => r.park_rows(row, period, today, &mut out),
        Some((row, _)) => r.indicator_rows(Some(row), period, today, &mut out),
        None => {
            if r.headerless_names() > 0 {
                r.indicator_rows(None, period, today, &mut out);
            } else if (0..grid.n_rows()).any(|r| !grid.is_blank_row(r)) {
                r.diags.push(Diagnostic::error(Source::Data, Problem::NoHeader { table: TableOf::Data }));
            }
        }
    }
    // Scheme items read from data (not formulas) that no park has a value for.
    // Asked per item, so the search stops at the first park that has it (hashing
    // every park's every item name was a tenth of reading 20,000 parks).
    for item in &r.idx.items {
        if !item.formula && !out.parks.any_value(item.name) {
            out.missing.push(item.name.to_string());
        }
    }
    out.unmatched = std::mem::take(&mut r.unmatched);
    out.diagnostics = std::mem::take(&mut r.diags);
    out
}

/// One table of several in a paste: its rows and columns (end exclusive).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Block {
    rows: (usize, usize),
    cols: (usize, usize),
}

/// How many rows of a stretch between blank rows are searched for its header.
const BLOCK_HEADER_ROWS: usize = 3;

/// Whether rows `a..b` of the grid open with a header (within their first rows).
fn opens_with_header(grid: &Grid, idx: &NameIndex, a: usize, b: usize) -> bool {
    let rows: Vec<Vec<String>> = (a..b.min(a + BLOCK_HEADER_ROWS)).map(|r| grid.row(r).map(str::to_string).collect()).collect();
    let sub = Grid::from_rows(&rows);
    header_of(&sub, idx).is_some()
}

/// A stretch of rows that is a title (or a 单位 note): one text cell per row, no numbers.
fn title_only(grid: &Grid, a: usize, b: usize) -> bool {
    b - a <= 2
        && (a..b).all(|r| {
            let cells: Vec<&str> = grid.row(r).map(str::trim).filter(|t| !t.is_empty()).collect();
            cells.len() == 1 && cells.iter().all(|t| !matches!(parse_number(t), CellNumber::Value { .. }))
        })
}

/// The tables of a paste holding several: stacked (stretches between blank
/// rows, two or more of them opening with a header; a title stretch just above
/// a header stretch belongs to its table) or side by side (a blank column
/// through the whole paste with a header on each side). `None` for one table.
/// `header` is the whole paste's (`header_of`).
fn find_blocks(grid: &Grid, idx: &NameIndex, header: Option<(usize, Shape)>) -> Option<(Arrange, Vec<Block>)> {
    let n = grid.n_rows();
    let width = grid.width();
    // Stretches of non-blank rows. A blank row is known at its first non-blank cell, so this is not a scan of every cell.
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    let mut r = 0;
    while r < n {
        if grid.is_blank_row(r) {
            r += 1;
            continue;
        }
        let a = r;
        while r < n && !grid.is_blank_row(r) {
            r += 1;
        }
        stretches.push((a, r));
    }
    if stretches.len() >= 2 {
        let headed: Vec<bool> = stretches.iter().map(|&(a, b)| opens_with_header(grid, idx, a, b)).collect();
        let mut starts: Vec<usize> = Vec::new();
        for (i, &(a, _)) in stretches.iter().enumerate() {
            if !headed.get(i).copied().unwrap_or(false) {
                continue;
            }
            let title_above = i.checked_sub(1).and_then(|j| {
                let &(ta, tb) = stretches.get(j)?;
                (!headed.get(j).copied().unwrap_or(true) && title_only(grid, ta, tb)).then_some(ta)
            });
            starts.push(title_above.unwrap_or(a));
        }
        if starts.len() >= 2 {
            if let Some(first) = starts.first_mut() {
                *first = 0;
            }
            let ends: Vec<usize> = starts.iter().skip(1).copied().chain(std::iter::once(n)).collect();
            let blocks = starts.iter().zip(ends).map(|(&a, b)| Block { rows: (a, b), cols: (0, width) }).collect();
            return Some((Arrange::Stacked, blocks));
        }
    }
    // Side by side: blank columns of the header row that are blank all the way down.
    let (h, _) = header?;
    let used: Vec<usize> = grid.row(h).enumerate().filter(|(_, t)| !t.trim().is_empty()).map(|(c, _)| c).collect();
    let (&lo, &hi) = (used.first()?, used.last()?);
    let mut cuts: Vec<usize> = Vec::new();
    for c in lo + 1..hi {
        if grid.cell(h, c).trim().is_empty() && (0..n).all(|r| grid.cell(r, c).trim().is_empty()) {
            cuts.push(c);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    let mut from = 0;
    for &c in cuts.iter().chain(std::iter::once(&width)) {
        if c > from {
            blocks.push(Block { rows: (0, n), cols: (from, c) });
        }
        from = c + 1;
    }
    let headed = |b: &Block| header_of(&sub_grid(grid, b), idx).is_some();
    // Only blocks with a header of their own are tables; a spacer column inside one table is not a cut.
    (blocks.len() >= 2 && blocks.iter().all(headed)).then_some((Arrange::SideBySide, blocks))
}

/// The cells of one block as a grid of their own.
fn sub_grid(grid: &Grid, b: &Block) -> Grid<'static> {
    let rows: Vec<Vec<String>> =
        (b.rows.0..b.rows.1).map(|r| (b.cols.0..b.cols.1).map(|c| grid.cell(r, c).to_string()).collect()).collect();
    Grid::from_rows(&rows)
}

/// Moves every position of a block's reading to where the block sits in the paste.
fn offset(out: &mut ReadOutcome, parks: &mut [ParkData], dr: usize, dc: usize) {
    let add = |v: Option<u32>, d: usize| v.map(|x| x.saturating_add(u32::try_from(d).unwrap_or(u32::MAX)));
    for d in &mut out.diagnostics {
        d.row = add(d.row, dr);
        d.col = add(d.col, dc);
    }
    out.header_row = out.header_row.map(|h| h + dr);
    for c in &mut out.columns {
        c.col += dc;
    }
    for p in parks.iter_mut() {
        p.row = p.row.map(|r| r + dr);
        for o in p.items.values_mut() {
            o.pos = o.pos.map(|(r, c)| (r + dr, c + dc));
        }
    }
    for u in &mut out.unmatched {
        u.row += dr;
        u.col += dc;
    }
}

/// Reads each table of a paste holding several (see `read_data`).
fn read_blocks(
    grid: &Grid,
    idx: &NameIndex,
    arrange: Arrange,
    blocks: &[Block],
    period: Option<Period>,
    today: Period,
    opts: &ReadOptions,
) -> ReadOutcome {
    // The parks are gathered as whole parks (a rare path) and made columns at the end.
    let mut out: Option<(ReadOutcome, Vec<ParkData>)> = None;
    for (k, b) in blocks.iter().enumerate() {
        let sub = sub_grid(grid, b);
        // The corrections of this block's columns, in the block's own columns.
        let sub_opts = ReadOptions {
            overrides: opts
                .overrides
                .iter()
                .filter(|o| (b.cols.0..b.cols.1).contains(&o.col))
                .map(|o| ColumnOverride { col: o.col - b.cols.0, ..o.clone() })
                .collect(),
            shape: opts.shape,
        };
        let mut o = read_grid(&sub, idx, header_of(&sub, idx), period, today, &sub_opts);
        let mut o_parks = o.parks.to_vec();
        offset(&mut o, &mut o_parks, b.rows.0, b.cols.0);
        let Some((acc, acc_parks)) = out.as_mut() else {
            out = Some((o, o_parks));
            continue;
        };
        // A table giving other indicators of a park already read (a second section
        // of one park's table under a repeated header, or the same park's title
        // again) continues that park; one giving the same indicators again is
        // another park's table, and without a name of its own it is refused.
        let continued = match o_parks.as_slice() {
            [p] => {
                let q = if p.name == DEFAULT_PARK {
                    match acc_parks.as_slice() {
                        [only] => Some(0).filter(|_| !only.items.is_empty()),
                        _ => None,
                    }
                } else {
                    acc_parks.iter().position(|q| q.name == p.name)
                };
                q.filter(|&qi| acc_parks.get(qi).is_some_and(|q| p.items.keys().all(|k| !q.items.contains_key(k))))
            }
            _ => None,
        };
        if let Some(qi) = continued {
            if let (Some(q), Some(p)) = (acc_parks.get_mut(qi), o_parks.pop()) {
                q.items.extend(p.items);
            }
            acc.diagnostics.append(&mut o.diagnostics);
            acc.unmatched.append(&mut o.unmatched);
            acc.missing.retain(|m| o.missing.contains(m));
            continue;
        }
        let refused = if o_parks.is_empty() || o_parks.iter().any(|p| p.name == DEFAULT_PARK) {
            Some(BlockRefused::NoPark)
        } else {
            o_parks.iter().find(|p| acc_parks.iter().any(|q| q.name == p.name)).map(|p| BlockRefused::SamePark(p.name.clone()))
        };
        if let Some(why) = refused {
            let problem = Problem::TableNotRead { arrange, tables: blocks.len(), index: k + 1, why };
            let at = o.header_row.unwrap_or(b.rows.0);
            acc.diagnostics.push(Diagnostic::error(Source::Data, problem).at(at, b.cols.0).cell(grid.cell(at, b.cols.0)));
            continue;
        }
        if o.period != acc.period && acc.period_source == PeriodSource::Header && o.period_source == PeriodSource::Header {
            let problem = Problem::PeriodMixed { months: vec![acc.period.month, o.period.month], month: acc.period.month };
            acc.diagnostics.push(Diagnostic::warning(Source::Data, problem).at_row(o.header_row.unwrap_or(b.rows.0)));
        }
        acc_parks.append(&mut o_parks);
        acc.diagnostics.append(&mut o.diagnostics);
        acc.unmatched.append(&mut o.unmatched);
        acc.missing.retain(|m| o.missing.contains(m));
        if arrange == Arrange::SideBySide {
            acc.columns.append(&mut o.columns);
        }
    }
    match out {
        Some((mut o, parks)) => {
            o.parks = Parks::from(parks);
            o
        }
        None => read_grid(grid, idx, header_of(grid, idx), period, today, opts),
    }
}

/// A scheme item that data can be given for.
struct Item<'s> {
    name: &'s str,
    unit_label: &'s str,
    /// `None` when the scheme's unit label is unknown; values are then taken as written.
    unit: Option<Unit>,
    formula: bool,
}

/// Scheme names and aliases by normalised key.
struct NameIndex<'s> {
    items: Vec<Item<'s>>,
    by_key: HashMap<String, usize>,
    /// Every (key, item) pair, for suggestions.
    keys: Vec<(Vec<char>, usize)>,
    /// Header cells as `roles::classify` read them, by text: the header row is
    /// read when it is searched for and again when its columns are (a call
    /// is some 25,000 instructions, the header is read once per paste).
    headers: std::cell::RefCell<HashMap<String, roles::Header>>,
}

impl<'s> NameIndex<'s> {
    fn new(scheme: &'s Scheme) -> Self {
        let mut idx = NameIndex { items: Vec::new(), by_key: HashMap::new(), keys: Vec::new(), headers: Default::default() };
        // Non-formula indicators first, then inputs, then formula indicators, so
        // that `missing` lists items in the scheme's order of importance.
        let mut add = |name: &'s str, aliases: &'s [String], unit: &'s str, formula: bool| {
            let i = idx.items.len();
            idx.items.push(Item { name, unit_label: unit, unit: Unit::parse(unit), formula });
            for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
                let k = name_key(n);
                if k.is_empty() {
                    continue;
                }
                idx.keys.push((k.chars().collect(), i));
                idx.by_key.entry(k).or_insert(i);
            }
        };
        for ind in &scheme.indicators {
            // A deduction is computed from its inputs, like a formula.
            let derived = ind.formula.is_some() || matches!(ind.method, crate::scheme::Method::Deduct { .. });
            add(&ind.name, &ind.aliases, &ind.unit, derived);
        }
        for inp in &scheme.inputs {
            add(&inp.name, &inp.aliases, &inp.unit, false);
        }
        idx
    }

    /// `roles::classify` of a header cell, read once per text.
    fn classify(&self, text: &str) -> roles::Header {
        if let Some(h) = self.headers.borrow().get(text) {
            return h.clone();
        }
        let h = roles::classify(text);
        self.headers.borrow_mut().insert(text.to_string(), h.clone());
        h
    }

    /// The item a name cell or header refers to, trying looser readings in turn:
    /// as written, without leading numbering (1、 (一) 其中：), without a trailing unit.
    fn lookup(&self, text: &str) -> Option<usize> {
        self.lookup_key(&name_key_cow(text))
    }

    /// `lookup` of a text's `name_key`.
    fn lookup_key(&self, key: &str) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        if let Some(&i) = self.by_key.get(key) {
            return Some(i);
        }
        let stripped = strip_numbering(strip_breakdown(key));
        if let Some(&i) = self.by_key.get(stripped) {
            return Some(i);
        }
        if let Some((at, _)) = Unit::suffix_of(stripped) {
            if let Some(&i) = stripped.get(..at).and_then(|k| self.by_key.get(k)) {
                return Some(i);
            }
        }
        None
    }

    /// Up to three item names closest to `text`, best first.
    fn suggest(&self, text: &str) -> Vec<String> {
        let key: Vec<char> = name_key(text).chars().collect();
        if key.is_empty() {
            return Vec::new();
        }
        // Each item's best over its name and aliases.
        let mut by_item: Vec<f64> = vec![0.0; self.items.len()];
        let mut rest = Vec::new();
        for (k, i) in &self.keys {
            let s = similarity(&key, k, &mut rest);
            if let Some(b) = by_item.get_mut(*i) {
                *b = b.max(s);
            }
        }
        let mut best: Vec<(f64, usize)> = by_item.into_iter().enumerate().map(|(i, s)| (s, i)).filter(|(s, _)| *s >= 0.34).collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        best.iter().take(3).filter_map(|(_, i)| self.items.get(*i).map(|it| it.name.to_string())).collect()
    }
}

/// Shared characters over total length (Dice on characters), raised when one
/// name contains the other, which catches abbreviations such as 技工贸 → 技工贸总收入.
/// `rest` is scratch space, reused from call to call.
fn similarity(a: &[char], b: &[char], rest: &mut Vec<char>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    rest.clear();
    rest.extend_from_slice(b);
    let mut common = 0usize;
    for c in a {
        if let Some(p) = rest.iter().position(|x| x == c) {
            rest.swap_remove(p);
            common += 1;
        }
    }
    let dice = 2.0 * common as f64 / (a.len() + b.len()) as f64;
    let contains = |x: &[char], y: &[char]| y.len() >= 2 && x.windows(y.len()).any(|w| w == y);
    if contains(a, b) || contains(b, a) {
        dice.max(0.75)
    } else {
        dice
    }
}


/// A header cell's role as the data reader takes it: the shared vocabulary's
/// role (`table::roles`), with park and unit-name columns as the park column,
/// 项目 and 名称 as the indicator column, and the name columns of other kinds
/// (片区, 企业 …), month labels and unit notes set aside.
fn classify(header: &str) -> Role {
    reader_role(roles::classify(header).role)
}

/// `classify` of a header already read by `roles::classify`.
fn reader_role(role: Role) -> Role {
    match role {
        Role::Key(Key::Park | Key::Unit) => Role::Key(Key::Park),
        Role::Key(Key::Project | Key::Name) => Role::Indicator,
        Role::Key(_) | Role::MonthLabel | Role::UnitNote | Role::Empty => Role::Unknown,
        r => r,
    }
}

/// A park name in a title row: 衡山高新区2022年1-11月主要指标 → 衡山高新区,
/// or 填报单位：衡山高新区.
fn park_from_title(text: &str) -> Option<String> {
    let f = fold_text(text);
    let t = f.trim();
    for p in ["填报单位", "园区名称", "园区", "单位名称"] {
        if let Some(r) = t.strip_prefix(p) {
            if let Some(r) = r.trim_start().strip_prefix([':', '：']) {
                let name: String = r.trim().chars().take_while(|c| !c.is_whitespace()).collect();
                return (!name.is_empty()).then_some(name);
            }
        }
    }
    let cut = t
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit()
                || matches!(c, '(' | '[' | '【' | ':' | '：' | ' ')
                || ["主要", "经济", "指标", "统计", "完成", "情况", "数据", "调度", "报表", "一览", "汇总"]
                    .iter()
                    .any(|w| t.get(i..).is_some_and(|r| r.starts_with(w)))
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let name = t.get(..cut).unwrap_or("").trim();
    let n = name.chars().count();
    ((2..=30).contains(&n) && (name.contains('区') || name.contains('园') || name.contains("基地"))).then(|| name.to_string())
}

/// FxHash (rustc's hasher): a multiply and a rotate per word, for the park-name
/// set of a big paste.
#[derive(Clone, Copy, Default)]
struct FxBuild;

struct Fx(u64);

impl std::hash::BuildHasher for FxBuild {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut add = |w: u64| self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        let mut chunks = bytes.chunks_exact(8);
        for ch in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(ch);
            add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(dst) = w.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Park-name cells that open a note or sign-off line (注：, 填报人, 审核人, 填报日期 …).
fn is_note(name: &str) -> bool {
    // Their first characters, so that a park's name costs one comparison.
    const FIRST: &[char] = &['注', '说', '备', '附', '填', '审', '制', '联', '负', '数', '资', '报', '单', '统'];
    name.chars().next().is_some_and(|c| FIRST.contains(&c)) && row_kind(name) == RowKind::Note
}

/// Park-name cells that are totals (sums, whole-area rows, averages, subtotals), not parks.
fn is_total(name: &str) -> bool {
    // A total's name holds both characters of one of the subtotal and total
    // words (小计, 合计, 总计, 汇总, 全省 …, 平均), which name folding leaves as
    // they are: a name without such a pair is no total, and most park names are not.
    const PAIRS: [(char, char); 11] = [
        ('小', '计'), ('合', '计'), ('总', '计'), ('汇', '总'), ('全', '省'), ('全', '市'), ('全', '县'), ('全', '区'), ('全', '园'), ('总', '体'), ('平', '均'),
    ];
    if !PAIRS.iter().any(|&(a, b)| name.contains(a) && name.contains(b)) {
        return false;
    }
    matches!(
        row_kind(name),
        RowKind::Subtotal | RowKind::Total { of: Total::Sum | Total::Whole | Total::Average, .. }
    )
}

struct Reader<'g, 's> {
    grid: &'g Grid<'g>,
    idx: &'g NameIndex<'s>,
    opts: &'g ReadOptions,
    diags: Vec<Diagnostic>,
    unmatched: Vec<Unmatched>,
    suggest_cache: HashMap<String, Vec<String>>,
}

impl<'g, 's> Reader<'g, 's> {
    fn cell(&self, r: usize, c: usize) -> &'g str {
        trim_cell(self.grid.cell(r, c))
    }

    fn row_len(&self, r: usize) -> usize {
        self.grid.row_len(r)
    }

    fn row_blank(&self, r: usize) -> bool {
        self.grid.is_blank_row(r)
    }

    /// Columns up to the last one holding any text: Excel pads some rows with
    /// empty cells, which are not columns the user meant.
    fn used_width(&self) -> usize {
        (0..self.grid.n_rows())
            .map(|r| self.grid.row(r).enumerate().filter(|(_, c)| !c.trim().is_empty()).last().map_or(0, |(i, _)| i + 1))
            .max()
            .unwrap_or(0)
    }

    /// The first row that reads as a header, and the shape it implies.
    fn find_header(&self) -> Option<(usize, Shape)> {
        for r in 0..self.grid.n_rows().min(HEADER_SEARCH_ROWS) {
            let n = self.row_len(r);
            let mut items = 0;
            let mut park_word = false;
            let mut name_role = false;
            let mut roles = 0;
            for c in 0..n {
                let t = self.cell(r, c);
                if t.is_empty() {
                    continue;
                }
                // Each cell is classified and keyed once, and both reused below.
                let h = self.idx.classify(t);
                let key = name_key_cow(t);
                let role = reader_role(h.role);
                if role == Role::Key(Key::Park) || roles::is_park_word(&key) || (c == 0 && key == "单位") {
                    park_word = true;
                }
                // Item names can hold role words (实际利用外资, 固定资产投资增速), so a
                // cell naming a scheme item counts as an item, not as a role.
                let names_item = self.idx.lookup_key(&key).is_some() || matches!(self.park_column(&[], &key, &h), Some(Ok(_)));
                if !matches!(role, Role::Indicator | Role::Key(Key::Park) | Role::Unit | Role::Seq) && names_item {
                    items += 1;
                    continue;
                }
                if role == Role::Indicator {
                    name_role = true;
                }
                if role != Role::Unknown {
                    roles += 1;
                }
            }
            if items >= 2 || (items >= 1 && park_word) {
                return Some((r, Shape::ParkRows));
            }
            if name_role && roles >= 2 {
                return Some((r, Shape::IndicatorRows));
            }
        }
        None
    }

    /// How many rows start with a scheme item name, for tables pasted without a header.
    fn headerless_names(&self) -> usize {
        (0..self.grid.n_rows()).filter(|&r| self.idx.lookup(self.cell(r, 0)).is_some()).count()
    }

    /// Title rows above the header: the park name, period hints, a table-wide unit.
    fn title_info(&self, header: usize) -> (Option<String>, Vec<Hint>, Option<Unit>) {
        let mut park = None;
        let mut hints = Vec::new();
        let mut unit = None;
        for r in 0..header {
            for c in 0..self.row_len(r) {
                let t = self.cell(r, c);
                if t.is_empty() {
                    continue;
                }
                if park.is_none() {
                    park = park_from_title(t);
                }
                let h = period_hint(t);
                if h.0.is_some() || h.1.is_some() {
                    hints.push(h);
                }
                if unit.is_none() {
                    // 单位：万元, or a title's own bracket: …主要指标（万元）.
                    unit = unit_note(t).or_else(|| unit_in_brackets(t).1);
                }
            }
        }
        (park, hints, unit)
    }

    /// Settles the period: the user's choice, else the headers', else today.
    fn resolve_period(
        &mut self,
        hints: &[Hint],
        user: Option<Period>,
        today: Period,
        out: &mut ReadOutcome,
    ) {
        let month = hints.iter().find_map(|h| h.1);
        let year = hints.iter().find(|h| h.1.is_some() && h.0.is_some()).or_else(|| hints.iter().find(|h| h.0.is_some())).and_then(|h| h.0);
        let months: HashSet<u32> = hints.iter().filter_map(|h| h.1).collect();
        if months.len() > 1 {
            let mut ms: Vec<u32> = months.into_iter().collect();
            ms.sort_unstable();
            self.diags.push(Diagnostic::warning(Source::Data, Problem::PeriodMixed { months: ms, month: month.unwrap_or(0) }));
        }
        let header = match (year, month) {
            // Without a year, a month after today's is last year's (1-11月 pasted in February).
            (y, Some(m)) => Some(Period {
                year: y.unwrap_or(if m > today.month { today.year.saturating_sub(1) } else { today.year }),
                month: m,
            }),
            // A year alone: the year's end for a past year, today's month for this year.
            (Some(y), None) => Some(Period { year: y, month: if y < today.year { 12 } else { today.month } }),
            (None, None) => None,
        };
        match (user, header) {
            (Some(u), h) => {
                out.period = u;
                out.period_source = PeriodSource::User;
                if let Some(h) = h.filter(|h| h.month != u.month || (year.is_some() && h.year != u.year)) {
                    self.diags.push(Diagnostic::warning(Source::Data, Problem::PeriodOverridden { table: h, chosen: u }));
                }
            }
            // A year alone (2022年主要指标) does not state the month: the month is
            // a guess, and the period is labelled so.
            (None, Some(h)) if month.is_none() => {
                out.period = h;
                out.period_source = PeriodSource::Today;
            }
            (None, Some(h)) => {
                out.period = h;
                out.period_source = PeriodSource::Header;
            }
            (None, None) => {
                out.period = today;
                out.period_source = PeriodSource::Today;
            }
        }
    }

    /// Reads one value cell into the scheme's unit for item `item`.
    /// `declared` is the unit given for the cell by the unit column, the name
    /// cell or the column header (in that order), with where it came from.
    fn value(&mut self, item: usize, r: usize, c: usize, declared: Option<(&Unit, UnitFrom)>, table: Option<&Unit>) -> Option<f64> {
        let raw = self.cell(r, c);
        let it = self.idx.items.get(item)?;
        // Most cells are plain numbers (1,234.56 · 63.72%): read at byte level,
        // the rest by the full reader, with its diagnostics.
        if let Some((value, pct)) = fast_number(raw) {
            let cell_unit = if pct { percent_unit() } else { None };
            if !pct || cell_unit.is_some() {
                return in_scheme_unit(it, value, cell_unit, Cell { raw, r, c }, declared, table, &mut self.diags);
            }
        }
        read_value(it, raw, r, c, declared, table, &mut self.diags)
    }

    fn add_unmatched(&mut self, r: usize, c: usize, text: &str, line: Line) {
        let suggestions = if self.unmatched.len() < MAX_SUGGESTED {
            let key = name_key(text);
            match self.suggest_cache.get(&key) {
                Some(s) => s.clone(),
                None => {
                    let s = self.idx.suggest(text);
                    self.suggest_cache.insert(key, s.clone());
                    s
                }
            }
        } else {
            Vec::new()
        };
        let problem = Problem::Unmatched { text: text.to_string(), suggestions: suggestions.clone(), line };
        self.diags.push(Diagnostic::warning(Source::Data, problem).at(r, c).cell(text));
        self.unmatched.push(Unmatched { row: r, col: c, text: text.to_string(), suggestions });
    }

    /// Indicators as rows. `header` is `None` for a table pasted without its header.
    fn indicator_rows(&mut self, header: Option<usize>, user: Option<Period>, today: Period, out: &mut ReadOutcome) {
        out.shape = Shape::IndicatorRows;
        out.header_row = header;
        let width = self.used_width();
        let mut roles: Vec<Role> = vec![Role::Unknown; width];
        let mut header_units: Vec<Option<Unit>> = vec![None; width];
        // One to three header rows (a year merged over 年度目标｜1-11月): each
        // column is read by the texts heading it, top to bottom.
        let region = header.map(|h| header::region(self.grid, h, width));
        let (title_park, mut hints, table) = match &region {
            Some(reg) => self.title_info(reg.top),
            None => (None, Vec::new(), None),
        };
        let first_data = region.as_ref().map(|reg| reg.bottom + 1).unwrap_or(0);
        let heads: Vec<String> = (0..width).map(|c| region.as_ref().map(|reg| reg.text(c)).unwrap_or_default()).collect();
        let head = |c: usize| heads.get(c).map(String::as_str).unwrap_or("");
        // Columns set aside, and why (computed, last year's whole year, an earlier period).
        let mut aside: Vec<Option<SetAside>> = vec![None; width];
        // Why a column got its role when the header word alone does not say (a content rule, a duplicate).
        let mut why_of: Vec<Option<(String, ReadBy)>> = vec![None; width];
        match header {
            Some(h) => {
                let mut raw: Vec<Role> = (0..width).map(|c| classify(head(c))).collect();
                // Two period columns such as 2022年1-11月 and 2021年1-11月: the
                // earlier year is last year's figure, not a duplicate.
                // An earlier year's figure without months (2021年完成) is that
                // year's whole, not a same-period figure.
                let periods: Vec<Hint> = (0..width)
                    .map(|c| if raw.get(c) == Some(&Role::Value(What::Actual)) { period_hint(head(c)) } else { (None, None) })
                    .collect();
                if let Some(latest) = periods.iter().filter_map(|p| p.0).max() {
                    for (role, p) in raw.iter_mut().zip(&periods) {
                        if p.0.is_some_and(|y| y < latest) {
                            *role = Role::Value(if p.1.is_some() { What::LastYear } else { What::LastYearFull });
                        }
                    }
                }
                // Several cumulative columns of this year (1-10月累计 and 1-11月累计):
                // the latest is the actual, the earlier ones are set aside.
                let this_year: Vec<bool> = raw.iter().map(|r| *r == Role::Value(What::Actual)).collect();
                let actual = |c: usize| this_year.get(c).copied().unwrap_or(false);
                let latest_month = (0..width).filter(|&c| actual(c)).filter_map(|c| periods.get(c).and_then(|p| p.1)).max();
                if let Some(m) = latest_month {
                    for c in 0..width {
                        if actual(c) && periods.get(c).and_then(|p| p.1).is_some_and(|x| x < m) {
                            if let (Some(role), Some(slot)) = (raw.get_mut(c), aside.get_mut(c)) {
                                *role = Role::Unknown;
                                *slot = Some(SetAside::EarlierPeriod);
                            }
                        }
                    }
                }
                // Two name columns (一级指标 | 二级指标): the one whose cells name
                // scheme items is the indicator column; the other groups them.
                let name_cols: Vec<usize> = (0..width).filter(|&c| raw.get(c) == Some(&Role::Indicator)).collect();
                if name_cols.len() > 1 {
                    let matches = |c: usize| (first_data..self.grid.n_rows()).filter(|&r| self.idx.lookup(self.cell(r, c)).is_some()).count();
                    let best = name_cols.iter().copied().max_by_key(|&c| (matches(c), std::cmp::Reverse(c)));
                    for &c in name_cols.iter().filter(|&&c| Some(c) != best) {
                        if let (Some(role), Some(slot)) = (raw.get_mut(c), aside.get_mut(c)) {
                            *role = Role::Unknown;
                            *slot = Some(SetAside::Group);
                        }
                    }
                }
                for (c, role) in raw.iter_mut().enumerate() {
                    let why = match role {
                        Role::Computed(_) => Some(SetAside::Computed),
                        Role::Value(What::LastYearFull) => Some(SetAside::LastYearFull),
                        _ => None,
                    };
                    if let (Some(why), Some(slot)) = (why, aside.get_mut(c)) {
                        *slot = Some(why);
                        *role = Role::Unknown;
                    }
                }
                let mut seen: Vec<Role> = Vec::new();
                for (c, role_slot) in roles.iter_mut().enumerate() {
                    let t = head(c);
                    let mut role = raw.get(c).copied().unwrap_or(Role::Unknown);
                    let single = !matches!(role, Role::Unknown | Role::Computed(_));
                    if let Some(why) = aside.get(c).copied().flatten() {
                        self.diags.push(
                            Diagnostic::warning(Source::Data, Problem::ColumnSetAside { text: t.to_string(), why }).at(h, c).cell(t),
                        );
                    } else if single && seen.contains(&role) {
                        let first_col = seen.iter().position(|r| *r == role).unwrap_or(0) + 1;
                        if let Some(slot) = why_of.get_mut(c) {
                            *slot = Some((format!("{}，与第 {first_col} 列重复，只取第 {first_col} 列", header_why(t)), ReadBy::Header));
                        }
                        self.diags.push(
                            Diagnostic::warning(Source::Data, Problem::DuplicateColumn { name: t.to_string(), first_col })
                                .at(h, c)
                                .cell(t),
                        );
                        role = Role::Unknown;
                    } else if role == Role::Unknown && !t.is_empty() {
                        self.diags.push(
                            Diagnostic::warning(Source::Data, Problem::UnknownHeader { text: t.to_string() }).at(h, c).cell(t),
                        );
                    }
                    seen.push(role);
                    *role_slot = role;
                    if role.numeric() {
                        if let Some(slot) = header_units.get_mut(c) {
                            *slot = unit_in_brackets(t).1;
                        }
                    }
                    if matches!(role, Role::Value(What::Actual) | Role::Value(What::Target) | Role::Value(What::ThisMonth)) {
                        let hint = period_hint(t);
                        if hint.0.is_some() || hint.1.is_some() {
                            // The actual column's period outranks a target's year.
                            if role == Role::Value(What::Actual) {
                                hints.insert(0, hint);
                            } else {
                                hints.push(hint);
                            }
                        }
                    }
                }
            }
            None => {
                self.guess_headerless(&mut roles);
                for (slot, role) in why_of.iter_mut().zip(&roles) {
                    let why = match role {
                        Role::Indicator => "无表头：第 1 列为指标名称",
                        Role::Unit => "无表头：此列为单位名称",
                        Role::Value(_) => "无表头：第一个数字列按累计完成读取",
                        _ => "无表头：未采用",
                    };
                    *slot = Some((why.to_string(), ReadBy::Content));
                }
            }
        }
        // The user's corrections win: the role and unit they give a column, and
        // the column that held that role before gives it up.
        let mut fixed: Vec<bool> = vec![false; width];
        // A unit the user gives a column wins over the row's unit column and the header's.
        let mut user_units: Vec<Option<Unit>> = vec![None; width];
        for o in &self.opts.overrides {
            if o.col >= width {
                continue;
            }
            let c = o.col;
            if let Some(ur) = o.role {
                let role = ur.role();
                if !matches!(role, Role::Unknown | Role::Note) {
                    for (other, r) in roles.iter_mut().enumerate() {
                        if other != c && *r == role && !fixed.get(other).copied().unwrap_or(false) {
                            *r = Role::Unknown;
                            if let Some(slot) = why_of.get_mut(other) {
                                *slot = Some((format!("用户已把第 {} 列指定为此用途，此列未采用", c + 1), ReadBy::User));
                            }
                        }
                    }
                }
                if let Some(slot) = roles.get_mut(c) {
                    *slot = role;
                }
                if let Some(slot) = aside.get_mut(c) {
                    *slot = None;
                }
            }
            if let Some(u) = &o.unit {
                if let Some(slot) = header_units.get_mut(c) {
                    *slot = Some(u.clone());
                }
                if let Some(slot) = user_units.get_mut(c) {
                    *slot = Some(u.clone());
                }
            }
            if let Some(slot) = fixed.get_mut(c) {
                *slot = true;
            }
            if let Some(slot) = why_of.get_mut(c) {
                *slot = Some(("由用户指定".to_string(), ReadBy::User));
            }
            // What was said of its header no longer holds.
            let (row1, col1) = (header.map(|h| u32::try_from(h + 1).unwrap_or(u32::MAX)), u32::try_from(c + 1).ok());
            self.diags.retain(|d| {
                !(d.row == row1
                    && d.col == col1
                    && matches!(d.problem, Problem::UnknownHeader { .. } | Problem::ColumnSetAside { .. } | Problem::DuplicateColumn { .. }))
            });
        }
        let is_fixed = |c: usize| fixed.get(c).copied().unwrap_or(false);
        let name_col = roles.iter().position(|&r| r == Role::Indicator).unwrap_or(0);
        let forced_park_columns = self.opts.shape == Some(ShapeChoice::ParkColumns);
        // Parks as columns (指标 | 单位 | 衡山高新区 | 衡东经开区 …): two or more
        // columns headed by park names over numbers, and no value column (or the user says so).
        let park_columns: Vec<usize> = if header.is_some() && (forced_park_columns || !roles.iter().any(|r| r.numeric())) {
            (0..width)
                .filter(|&c| {
                    c != name_col
                        && !is_fixed(c)
                        && (roles.get(c) == Some(&Role::Unknown) || (forced_park_columns && roles.get(c).is_some_and(|r| r.numeric())))
                        && (forced_park_columns || roles::looks_like_park(head(c)))
                        && (first_data..self.grid.n_rows()).any(|r| matches!(parse_number(self.cell(r, c)), CellNumber::Value { .. }))
                })
                .collect()
        } else {
            Vec::new()
        };
        let as_park_columns = park_columns.len() >= 2 || (forced_park_columns && !park_columns.is_empty());
        if as_park_columns {
            for &c in &park_columns {
                if let Some(slot) = roles.get_mut(c) {
                    *slot = Role::Key(Key::Park);
                }
                if let Some(slot) = why_of.get_mut(c) {
                    *slot = Some(("表头像园区名称，其下为数字：园区按列排列".to_string(), ReadBy::Content));
                }
            }
        } else if !roles.contains(&Role::Value(What::Actual)) {
            // A header the tool did not know, over numbers, is most likely the value.
            let guess = (0..width).find(|&c| {
                roles.get(c) == Some(&Role::Unknown)
                    && c != name_col
                    && !is_fixed(c)
                    && (first_data..self.grid.n_rows()).any(|r| matches!(parse_number(self.cell(r, c)), CellNumber::Value { .. }))
            });
            match guess {
                Some(c) => {
                    if let Some(slot) = roles.get_mut(c) {
                        *slot = Role::Value(What::Actual);
                    }
                    if let Some(slot) = why_of.get_mut(c) {
                        let why = "未找到累计完成列：表头未识别、其下为数字的第一列按累计完成读取";
                        *slot = Some((why.to_string(), ReadBy::Content));
                    }
                    self.diags.push(
                        Diagnostic::warning(Source::Data, Problem::ActualGuessed { header: self.cell(header.unwrap_or(0), c).to_string() })
                            .at(header.unwrap_or(0), c)
                            .cell(self.cell(header.unwrap_or(0), c)),
                    );
                }
                None if !roles.iter().any(|r| r.numeric()) => {
                    self.diags.push(Diagnostic::error(Source::Data, Problem::NoValueColumn));
                }
                None => {}
            }
        }
        if header.is_some() {
            for (c, role) in roles.iter().enumerate() {
                let mut label = match aside.get(c).copied().flatten() {
                    Some(SetAside::Computed) => "忽略（由本工具计算）".to_string(),
                    Some(SetAside::LastYearFull) => "忽略（上年全年数，不是同期数）".to_string(),
                    Some(SetAside::EarlierPeriod) => "忽略（较早期间的累计数）".to_string(),
                    Some(SetAside::OneMonth) => "忽略（单月数）".to_string(),
                    Some(SetAside::Group) => "分组（一级指标）".to_string(),
                    Some(SetAside::OtherYearTarget) => "忽略（另一年份的目标）".to_string(),
                    None => role.label(),
                };
                if let Some(u) = header_units.get(c).and_then(Option::as_ref) {
                    label.push_str(&format!("（{}）", u.label));
                }
                let (why, by) = match (aside.get(c).copied().flatten(), why_of.get(c).cloned().flatten()) {
                    (Some(why), _) => (Problem::ColumnSetAside { text: head(c).to_string(), why }.message(), ReadBy::Header),
                    (None, Some(w)) => w,
                    (None, None) => (header_why(head(c)), ReadBy::Header),
                };
                out.columns.push(ColumnInfo { col: c, header: head(c).to_string(), role: label, why, by });
            }
        } else {
            for (c, role) in roles.iter().enumerate() {
                let (why, by) = why_of.get(c).cloned().flatten().unwrap_or_else(|| ("无表头".to_string(), ReadBy::Content));
                out.columns.push(ColumnInfo { col: c, header: String::new(), role: role.label(), why, by });
            }
        }
        self.resolve_period(&hints, user, today, out);
        if as_park_columns {
            let mut parks: Vec<ParkData> =
                park_columns.iter().map(|&c| ParkData { name: head(c).to_string(), ..ParkData::default() }).collect();
            let unit_col = roles.iter().position(|&r| r == Role::Unit);
            for r in first_data..self.grid.n_rows() {
                let name = self.cell(r, name_col);
                let Some(item) = self.idx.lookup(name) else {
                    if !name.is_empty() && park_columns.iter().any(|&c| !self.cell(r, c).is_empty()) {
                        self.add_unmatched(r, name_col, name, Line::Row);
                    }
                    continue;
                };
                let Some(item_name) = self.idx.items.get(item).map(|i| i.name) else { continue };
                let row_unit = unit_col
                    .and_then(|uc| Unit::parse(self.cell(r, uc)).filter(|u| !blank_unit(u)).map(|u| (u, UnitFrom::UnitColumn)))
                    .or_else(|| unit_in_brackets(name).1.map(|u| (u, UnitFrom::NameCell)));
                for (k, &c) in park_columns.iter().enumerate() {
                    let user_unit = user_units.get(c).and_then(Option::as_ref).map(|u| (u, UnitFrom::Header));
                    let v = self.value(item, r, c, user_unit.or(row_unit.as_ref().map(|(u, f)| (u, *f))), table.as_ref());
                    if let Some(p) = parks.get_mut(k) {
                        p.items.insert(item_name.to_string(), Observation { value: v, pos: Some((r, c)), ..Observation::default() });
                    }
                }
            }
            let mut parks = Parks::from(parks);
            fraction_shares(self.grid, self.idx, &mut parks, &mut self.diags);
            out.parks = parks;
            return;
        }
        let month = out.period.month;
        let has_monthly = roles.iter().any(|r| matches!(r, Role::Value(What::Month(_)) | Role::Value(What::ThisMonth)));
        let has_ly_monthly = roles.iter().any(|r| matches!(r, Role::Value(What::LastYearMonth(_))));

        let default_park = title_park.unwrap_or_else(|| DEFAULT_PARK.to_string());
        let park_col = roles.iter().position(|&r| r == Role::Key(Key::Park));
        let unit_col = roles.iter().position(|&r| r == Role::Unit);
        let note_col = roles.iter().position(|&r| r == Role::Note);
        let actual_col = roles.iter().position(|&r| r == Role::Value(What::Actual));
        let mut parks: Vec<ParkData> = Vec::new();
        let mut park_of_row = default_park.clone();
        // A column of roles beside the names (口径: 年度目标 / 1-11月累计 / 上年同期,
        // the name merged down over them): each row is one figure of the indicator.
        let is_row_role = |t: &str| matches!(roles::classify(t).role, Role::Value(What::Target | What::Actual | What::LastYear));
        let forced_role_rows = self.opts.shape == Some(ShapeChoice::RoleRows);
        let role_col = (0..width).filter(|&c| c != name_col && roles.get(c) == Some(&Role::Unknown) && !is_fixed(c)).find(|&c| {
            let cells: Vec<&str> = (first_data..self.grid.n_rows()).map(|r| self.cell(r, c)).filter(|t| !t.is_empty()).collect();
            if forced_role_rows {
                return cells.iter().any(|t| is_row_role(t));
            }
            cells.len() >= 2 && cells.iter().all(|t| is_row_role(t))
        });
        if let Some(rc) = role_col {
            if let Some(ci) = out.columns.iter_mut().find(|ci| ci.col == rc) {
                ci.role = "口径（每行一种）".to_string();
                ci.why = "此列各行为年度目标、累计完成等口径，数值按行读取".to_string();
                ci.by = ReadBy::Content;
            }
        }
        let mut last_name = "";

        for r in first_data..self.grid.n_rows() {
            if self.row_blank(r) {
                continue;
            }
            if let Some(pc) = park_col {
                let p = self.cell(r, pc);
                // A blank park cell under a merged cell belongs to the park above.
                if !p.is_empty() {
                    park_of_row = p.to_string();
                }
            }
            let mut name = self.cell(r, name_col);
            let row_role = role_col.and_then(|rc| match roles::classify(self.cell(r, rc)).role {
                Role::Value(w) => Some(w),
                _ => None,
            });
            if role_col.is_some() {
                if name.is_empty() {
                    name = last_name;
                } else {
                    last_name = name;
                }
            }
            let has_numbers = roles
                .iter()
                .enumerate()
                .any(|(c, role)| role.numeric() && matches!(parse_number(self.cell(r, c)), CellNumber::Value { .. }));
            if name.is_empty() {
                if has_numbers {
                    self.diags.push(Diagnostic::warning(Source::Data, Problem::NoIndicatorName).at(r, name_col));
                }
                continue;
            }
            let Some(item) = self.idx.lookup(name) else {
                // Section headings (一、规划定位好) and repeated headers carry no numbers.
                if has_numbers {
                    self.add_unmatched(r, name_col, name, Line::Row);
                }
                continue;
            };
            let Some(item_name) = self.idx.items.get(item).map(|i| i.name) else { continue };
            let pi = match parks.iter().position(|p| p.name == park_of_row) {
                Some(i) => i,
                None => {
                    parks.push(ParkData { name: park_of_row.clone(), row: None, items: BTreeMap::new(), group: None });
                    parks.len() - 1
                }
            };
            let merged = row_role.and_then(|_| parks.get(pi).and_then(|p| p.items.get(item_name)).cloned());
            if let Some(prev) = parks.get(pi).and_then(|p| p.items.get(item_name)).filter(|_| row_role.is_none()) {
                let first_row = prev.pos.map(|(pr, _)| pr + 1);
                self.diags.push(
                    Diagnostic::warning(Source::Data, Problem::DuplicateRow { name: item_name.to_string(), first_row })
                        .at(r, name_col)
                        .cell(name),
                );
                continue;
            }
            // The row's unit: the unit column, else a bracket in the name cell.
            let mut row_unit: Option<(Unit, UnitFrom)> = None;
            if let Some(uc) = unit_col {
                let ut = self.cell(r, uc);
                if !ut.is_empty() {
                    match Unit::parse(ut) {
                        Some(u) if blank_unit(&u) => {}
                        Some(u) => row_unit = Some((u, UnitFrom::UnitColumn)),
                        None => {
                            self.diags.push(
                                Diagnostic::error(
                                    Source::Data,
                                    Problem::UnknownUnitLabel { text: ut.to_string(), fallback: UnitFallback::RowSkipped },
                                )
                                    .at(r, uc)
                                    .cell(ut),
                            );
                            continue;
                        }
                    }
                }
            }
            if row_unit.is_none() {
                row_unit = unit_in_brackets(name).1.map(|u| (u, UnitFrom::NameCell));
            }
            let mut obs = merged.unwrap_or(Observation { pos: actual_col.map(|c| (r, c)), ..Observation::default() });
            if has_monthly {
                obs.monthly = vec![None; 12];
            }
            if has_ly_monthly {
                obs.last_year_monthly = vec![None; 12];
            }
            for c in 0..width {
                let role = roles.get(c).copied().unwrap_or(Role::Unknown);
                if !role.numeric() {
                    continue;
                }
                let hu = header_units.get(c).cloned().flatten();
                let user_unit = user_units.get(c).cloned().flatten();
                let declared = match (&row_unit, &hu) {
                    _ if user_unit.is_some() => user_unit.map(|u| (u, UnitFrom::Header)),
                    // A header's 亿元 says nothing of a row in 件 or %: the row's own unit applies.
                    (Some((ru, from)), Some(hu)) if ru.dims == hu.dims && !units::same(ru, hu) => {
                        let raw = self.cell(r, c);
                        if !matches!(parse_number(raw), CellNumber::Missing) {
                            self.diags.push(
                                Diagnostic::error(Source::Data, unit_conflict((ru, *from), (hu, UnitFrom::Header)))
                                .at(r, c)
                                .cell(raw),
                            );
                        }
                        continue;
                    }
                    (Some((ru, from)), _) => Some((ru.clone(), *from)),
                    (None, Some(hu)) => Some((hu.clone(), UnitFrom::Header)),
                    (None, None) => None,
                };
                let v = self.value(item, r, c, declared.as_ref().map(|(u, f)| (u, *f)), table.as_ref());
                // In a role-per-row table the value column holds the row's role.
                let role = match (row_role, role) {
                    (Some(w), Role::Value(What::Actual)) => {
                        if w == What::Actual {
                            obs.pos = Some((r, c));
                        }
                        Role::Value(w)
                    }
                    (_, role) => role,
                };
                match role {
                    Role::Value(What::Actual) => obs.value = v,
                    Role::Value(What::Target) => obs.target = v,
                    Role::Value(What::LastYear) => obs.last_year = v,
                    Role::Value(What::ThisMonth) => {
                        if let Some(slot) = obs.monthly.get_mut((month as usize).wrapping_sub(1)) {
                            if slot.is_none() {
                                *slot = v;
                            }
                        }
                    }
                    Role::Value(What::Month(m)) => {
                        if let Some(slot) = obs.monthly.get_mut((m as usize).wrapping_sub(1)) {
                            *slot = v;
                        }
                    }
                    Role::Value(What::LastYearMonth(m)) => {
                        if let Some(slot) = obs.last_year_monthly.get_mut((m as usize).wrapping_sub(1)) {
                            *slot = v;
                        }
                    }
                    _ => {}
                }
            }
            if let Some(nc) = note_col {
                obs.note = self.cell(r, nc).to_string();
            }
            if let Some(p) = parks.get_mut(pi) {
                p.items.insert(item_name.to_string(), obs);
            }
        }
        if parks.is_empty() {
            parks.push(ParkData { name: default_park, row: None, items: BTreeMap::new(), group: None });
        }
        let mut parks = Parks::from(parks);
        fraction_shares(self.grid, self.idx, &mut parks, &mut self.diags);
        out.parks = parks;
    }

    /// Column roles of a table pasted without its header: names in the first
    /// column, a column of unit labels, then the first column of numbers as the value.
    fn guess_headerless(&mut self, roles: &mut [Role]) {
        let rows: Vec<usize> = (0..self.grid.n_rows()).filter(|&r| self.idx.lookup(self.cell(r, 0)).is_some()).collect();
        if let Some(first) = roles.first_mut() {
            *first = Role::Indicator;
        }
        let mut have_value = false;
        for c in 1..roles.len() {
            let mut units = 0;
            let mut numbers = 0;
            for &r in &rows {
                let t = self.cell(r, c);
                if t.is_empty() {
                    continue;
                }
                match parse_number(t) {
                    CellNumber::Value { .. } => numbers += 1,
                    _ if Unit::parse(t).is_some() => units += 1,
                    _ => {}
                }
            }
            let is_unit = units > numbers && units > 0 && !roles.contains(&Role::Unit);
            if let Some(slot) = roles.get_mut(c) {
                if is_unit {
                    *slot = Role::Unit;
                } else if numbers > 0 && !have_value {
                    *slot = Role::Value(What::Actual);
                    have_value = true;
                }
            }
        }
        self.diags.push(Diagnostic::warning(Source::Data, Problem::Headerless));
    }

    /// The scheme item and the role a park-table column's header gives it:
    /// the item named by the whole header (技工贸总收入（亿元）), by one of its
    /// rows (技工贸总收入 over 目标), or by the text beside a role word
    /// (技工贸总收入年度目标); the role from the rest (目标, 1-11月, 完成率 …),
    /// a plain item name being its cumulative actual. `Err` holds why a column
    /// naming an item is set aside (a computed figure, one month's figure).
    /// `whole_key` is the `name_key` of the whole header, `h` the whole header read.
    fn park_column(&self, parts: &[String], whole_key: &str, h: &roles::Header) -> Option<Result<(usize, What), SetAside>> {
        let role_of = |text: &str| -> Result<What, SetAside> {
            if text.trim().is_empty() {
                return Ok(What::Actual);
            }
            match roles::classify(text).role {
                Role::Value(w @ (What::Target | What::Actual | What::LastYear)) => Ok(w),
                Role::Value(_) => Err(SetAside::OneMonth),
                Role::Computed(_) => Err(SetAside::Computed),
                _ => Ok(What::Actual),
            }
        };
        if let Some(i) = self.idx.lookup_key(whole_key) {
            return Some(Ok((i, What::Actual)));
        }
        if parts.len() > 1 {
            for (k, part) in parts.iter().enumerate() {
                if let Some(i) = self.idx.lookup(part) {
                    let rest: String = parts.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, p)| p.as_str()).collect();
                    return Some(role_of(&rest).map(|w| (i, w)));
                }
            }
        }
        if let Role::Value(w) = h.role {
            if let Some(i) = self.idx.lookup(&h.prefix).filter(|_| !h.prefix.is_empty()) {
                return Some(match w {
                    What::Target | What::Actual | What::LastYear => Ok((i, w)),
                    _ => Err(SetAside::OneMonth),
                });
            }
        }
        None
    }

    /// Parks as rows, indicators as columns (under one to three header rows:
    /// an indicator merged over 目标｜完成｜完成率, or roles above the names).
    fn park_rows(&mut self, h: usize, user: Option<Period>, today: Period, out: &mut ReadOutcome) {
        out.shape = Shape::ParkRows;
        out.header_row = Some(h);
        // The header rows a region can span (one above, two below): their widest
        // is the table's width, without scanning every data row.
        let width = (h.saturating_sub(1)..=h.saturating_add(2)).map(|r| self.row_len(r)).max().unwrap_or(0);
        let region = header::region(self.grid, h, width);
        let (title_park, mut hints, table) = self.title_info(region.top);
        let width = if region.multi() { (region.top..=region.bottom).map(|r| self.row_len(r)).max().unwrap_or(0) } else { self.row_len(h) };
        // Per column: the scheme item and what it holds; the park column separately.
        let mut col_of: Vec<Option<(usize, What)>> = vec![None; width];
        let mut units: Vec<Option<Unit>> = vec![None; width];
        let mut park_col = None;
        let mut seen: HashMap<(usize, What), usize> = HashMap::new();
        let mut last_item: Option<usize> = None;
        // The park column by its header (园区名称), wherever it stands; a column
        // of groups (市州, 片区, 所属区域) before it gives each park its group.
        let named_park = (0..width).find(|&c| {
            let k = name_key(&region.text(c));
            roles::is_park_word(&k) || k == "园区名称"
        });
        let group_col = named_park.and_then(|pc| (0..pc).find(|&c| roles::is_group_word(&name_key(&region.text(c)))));
        for c in 0..width {
            let whole = region.text(c);
            let t = whole.as_str();
            let key = name_key(t);
            let head = self.idx.classify(t);
            let mut column = if t.is_empty() { None } else { self.park_column(region.parts(c), &key, &head) };
            // A column headed by a role alone (上年同期, 年度目标) beside an item's
            // column holds that item's figure: 税收入库 | 上年同期.
            if column.is_none() && !t.is_empty() {
                let h = &head;
                if let (Role::Value(w @ (What::Target | What::LastYear)), true) = (h.role, h.prefix.is_empty()) {
                    column = last_item.map(|i| Ok((i, w)));
                }
            }
            if let Some(Ok((i, _))) = column {
                last_item = Some(i);
            }
            let (role, why, by) = if t.is_empty() {
                ("忽略（空表头）".to_string(), "表头为空".to_string(), ReadBy::Header)
            } else if Some(c) == group_col {
                ("分组".to_string(), format!("{}，在园区列之前：园区所属的分组", header_why(t)), ReadBy::Header)
            } else if park_col.is_none() && (roles::is_park_word(&key) || key == "单位" || key == "园区名称") {
                park_col = Some(c);
                ("园区".to_string(), header_why(t), ReadBy::Header)
            } else if SEQ_WORDS.contains(&key.as_str()) {
                ("序号（忽略）".to_string(), header_why(t), ReadBy::Header)
            } else if let Some(Err(why)) = column {
                let problem = Problem::ColumnSetAside { text: t.to_string(), why };
                let message = problem.message();
                self.diags.push(Diagnostic::warning(Source::Data, problem).at(region.bottom, c).cell(t));
                ("忽略（计算列）".to_string(), message, ReadBy::Header)
            } else if let Some(Ok((i, what))) = column {
                let name = self.idx.items.get(i).map(|it| it.name).unwrap_or("");
                if let Some(&first) = seen.get(&(i, what)) {
                    self.diags.push(
                        Diagnostic::warning(Source::Data, Problem::DuplicateColumn { name: name.to_string(), first_col: first + 1 })
                            .at(h, c)
                            .cell(t),
                    );
                    ("忽略（重复）".to_string(), format!("“{name}”与第 {} 列重复，只取第 {} 列", first + 1, first + 1), ReadBy::Header)
                } else {
                    seen.insert((i, what), c);
                    if let Some(slot) = col_of.get_mut(c) {
                        *slot = Some((i, what));
                    }
                    let hu = unit_in_brackets(t).1.or_else(|| {
                        let k = strip_numbering(strip_breakdown(&key));
                        Unit::suffix_of(k).filter(|(at, _)| *at > 0 && !self.idx.by_key.contains_key(k)).map(|(_, u)| u)
                    });
                    let hint = period_hint(t);
                    if (hint.0.is_some() || hint.1.is_some()) && what != What::LastYear {
                        hints.push(hint);
                    }
                    if let Some(slot) = units.get_mut(c) {
                        *slot = hu;
                    }
                    let rest = region.parts(c).iter().filter(|p| self.idx.lookup(p).is_none()).cloned().collect::<String>();
                    let why = match (what, rest.is_empty()) {
                        (What::Target | What::LastYear, _) if !rest.is_empty() => format!("表头为指标“{name}”，{}", header_why(&rest)),
                        (What::Target | What::LastYear, _) => format!("{}，紧随“{name}”列", header_why(t)),
                        (_, true) => format!("表头为指标“{name}”：累计完成"),
                        (_, false) => format!("表头为指标“{name}”，{}", header_why(&rest)),
                    };
                    let label = match what {
                        What::Target => format!("{name}（年度目标）"),
                        What::LastYear => format!("{name}（上年同期）"),
                        _ => name.to_string(),
                    };
                    (label, why, ReadBy::Header)
                }
            } else if c == 0 && park_col.is_none() && named_park.is_none() {
                park_col = Some(c);
                ("园区".to_string(), "没有写“园区名称”的列：第 1 列为园区名称".to_string(), ReadBy::Content)
            } else if NOTE_WORDS.contains(&key.as_str()) || roles::computed_word(&key).is_some() {
                ("忽略".to_string(), format!("{}，不是输入数据", header_why(t)), ReadBy::Header)
            } else {
                self.add_unmatched(h, c, t, Line::Column);
                ("忽略（未匹配）".to_string(), "表头未对应方案中的指标".to_string(), ReadBy::Header)
            };
            out.columns.push(ColumnInfo { col: c, header: t.to_string(), role, why, by });
        }
        let item_of: Vec<Option<usize>> = col_of.iter().map(|x| x.map(|(i, _)| i)).collect();
        // A row of unit labels under the header (亿元 | % | 个 …).
        let mut first_data = region.bottom + 1;
        if self.is_unit_row(first_data, &item_of, park_col) {
            for (c, slot) in units.iter_mut().enumerate() {
                if item_of.get(c).copied().flatten().is_some() {
                    if let Some(u) = Unit::parse(self.cell(first_data, c)).filter(|u| !blank_unit(u)) {
                        *slot = Some(u);
                    }
                }
            }
            first_data += 1;
        }
        // The user's corrections win: a column's role (its item stays the one its
        // header names), the park column, a column ignored, a column's unit.
        for o in &self.opts.overrides {
            let c = o.col;
            if c >= width {
                continue;
            }
            let mut done = o.unit.is_some();
            match o.role {
                Some(UserRole::Ignore | UserRole::Note | UserRole::Unit | UserRole::Indicator) => {
                    if let Some(slot) = col_of.get_mut(c) {
                        *slot = None;
                    }
                    if park_col == Some(c) {
                        park_col = None;
                    }
                    done = true;
                }
                Some(UserRole::Park) => {
                    if let Some(slot) = col_of.get_mut(c) {
                        *slot = None;
                    }
                    park_col = Some(c);
                    done = true;
                }
                Some(ur @ (UserRole::Target | UserRole::Actual | UserRole::LastYear)) => {
                    let what = match ur {
                        UserRole::Target => What::Target,
                        UserRole::LastYear => What::LastYear,
                        _ => What::Actual,
                    };
                    // The item: the column's own, else the one its header or the column to its left names.
                    let item = col_of
                        .get(c)
                        .copied()
                        .flatten()
                        .map(|(i, _)| i)
                        .or_else(|| self.idx.lookup(&region.text(c)))
                        .or_else(|| c.checked_sub(1).and_then(|l| col_of.get(l).copied().flatten()).map(|(i, _)| i));
                    if let (Some(i), Some(slot)) = (item, col_of.get_mut(c)) {
                        *slot = Some((i, what));
                        done = true;
                    }
                }
                None => {}
            }
            if let Some(u) = &o.unit {
                if let Some(slot) = units.get_mut(c) {
                    *slot = Some(u.clone());
                }
            }
            if let Some(ci) = out.columns.iter_mut().find(|ci| ci.col == c).filter(|_| done) {
                ci.role = match (col_of.get(c).copied().flatten(), park_col == Some(c)) {
                    (_, true) => "园区".to_string(),
                    (Some((i, w)), _) => {
                        let name = self.idx.items.get(i).map(|it| it.name).unwrap_or("");
                        match w {
                            What::Target => format!("{name}（年度目标）"),
                            What::LastYear => format!("{name}（上年同期）"),
                            _ => name.to_string(),
                        }
                    }
                    (None, _) => "忽略（用户指定）".to_string(),
                };
                ci.why = "由用户指定".to_string();
                ci.by = ReadBy::User;
            }
        }
        let item_of: Vec<Option<usize>> = col_of.iter().map(|x| x.map(|(i, _)| i)).collect();
        // Show the unit each indicator column was read in, so a wrong header unit is visible.
        for ci in out.columns.iter_mut() {
            if let (Some(Some(_)), Some(Some(u))) = (item_of.get(ci.col), units.get(ci.col)) {
                ci.role.push_str(&format!("（{}）", u.label));
            }
        }
        // Roles as rows (年度目标 / 1-11月完成 / 上年同期 down the first column,
        // indicators across): one park's figures, never parks named 年度目标.
        if let Some(pc) = park_col {
            // Collecting into an Option stops at the first row that names no role,
            // so an ordinary park table costs one classified cell, not one per park.
            let role_rows: Option<Vec<(usize, What)>> = (first_data..self.grid.n_rows())
                .filter(|&r| !self.row_blank(r))
                .map(|r| match roles::classify(self.cell(r, pc)).role {
                    Role::Value(w @ (What::Target | What::Actual | What::LastYear)) => Some((r, w)),
                    _ => None,
                })
                .collect();
            if let Some(role_rows) = role_rows.filter(|rows| rows.len() >= 2) {
                for &(r, w) in &role_rows {
                    let hint = period_hint(self.cell(r, pc));
                    if w == What::Actual && (hint.0.is_some() || hint.1.is_some()) {
                        hints.insert(0, hint);
                    }
                }
                self.resolve_period(&hints, user, today, out);
                let mut park = ParkData { name: title_park.unwrap_or_else(|| DEFAULT_PARK.to_string()), ..ParkData::default() };
                for &(r, w) in &role_rows {
                    for (c, col) in col_of.iter().enumerate() {
                        let Some((item, _)) = *col else { continue };
                        let Some(name) = self.idx.items.get(item).map(|it| it.name) else { continue };
                        let hu = units.get(c).and_then(Option::as_ref);
                        let v = self.value(item, r, c, hu.map(|u| (u, UnitFrom::Header)), table.as_ref());
                        let ob = park.items.entry(name.to_string()).or_default();
                        match w {
                            What::Target => ob.target = v,
                            What::LastYear => ob.last_year = v,
                            _ => {
                                ob.value = v;
                                ob.pos = Some((r, c));
                            }
                        }
                    }
                }
                let mut parks = Parks::from(vec![park]);
                fraction_shares(self.grid, self.idx, &mut parks, &mut self.diags);
                out.parks = parks;
                return;
            }
        }
        self.resolve_period(&hints, user, today, out);
        // Park names as the grid holds them (a copy only for a name cleaned of
        // invisible characters), hashed with `FxBuild`: SipHash's strength
        // against chosen keys is of no use on a clerk's own paste.
        let mut names: HashMap<Cow<'g, str>, usize, FxBuild> = HashMap::with_capacity_and_hasher(self.grid.n_rows(), FxBuild);
        let mut parks = Parks::new();
        // Columnar (issue 14): each item's column is resolved once here, and every
        // cell is read straight into it: no String, map or Observation per park.
        // Cells are read in column order (so diagnostics keep their order).
        let cols: Vec<(usize, usize, What)> = col_of.iter().enumerate().filter_map(|(c, it)| it.map(|(i, w)| (c, i, w))).collect();
        // Per item with a column: its column in `parks` and the cell column of its
        // actual (for highlighting; else its first column).
        let mut item_cols: Vec<(usize, usize)> = Vec::new();
        // Per pasted column: its index into `item_cols`.
        let mut slot_of: Vec<usize> = Vec::with_capacity(cols.len());
        for &(c, i, w) in &cols {
            let Some(name) = self.idx.items.get(i).map(|x| x.name) else {
                slot_of.push(usize::MAX);
                continue;
            };
            let pc = parks.add_item(name);
            match item_cols.iter().position(|&(p, _)| p == pc) {
                Some(k) => {
                    if w == What::Actual {
                        if let Some(ic) = item_cols.get_mut(k) {
                            ic.1 = c;
                        }
                    }
                    slot_of.push(k);
                }
                None => {
                    slot_of.push(item_cols.len());
                    item_cols.push((pc, c));
                }
            }
        }
        // How each column's plain numbers, and its numbers with a %, come into
        // its item's unit, decided once.
        let plain: Vec<(Plain, Plain)> = cols
            .iter()
            .map(|&(c, i, _)| {
                let declared = units.get(c).and_then(Option::as_ref);
                self.idx.items.get(i).map_or((Plain::Slow, Plain::Slow), |it| (plain_rule(it, None, declared, table.as_ref()), percent_rule(it, declared, table.as_ref())))
            })
            .collect();
        // Columns allocated once at their size (one park per remaining row at most).
        parks.reserve(self.grid.n_rows().saturating_sub(first_data));
        // One park's figures (value, target, last year) per item, reused row by row.
        let mut figs: Vec<[Option<f64>; 3]> = vec![[None; 3]; item_cols.len()];
        let mut group_of_row: Option<String> = None;
        for r in first_data..self.grid.n_rows() {
            if self.row_blank(r) {
                continue;
            }
            if let Some(gc) = group_col {
                // A blank group cell under a merged one belongs to the group above.
                let g = self.cell(r, gc);
                if !g.is_empty() {
                    group_of_row = Some(g.to_string());
                }
            }
            // A group row (湘南片区 with no figures) heads the parks below it.
            if group_col.is_none() {
                let name = park_col.map(|c| self.cell(r, c)).unwrap_or("");
                let empty = cols.iter().all(|&(c, _, _)| self.cell(r, c).is_empty());
                if empty && roles::is_group_name(name) {
                    group_of_row = Some(name.to_string());
                    continue;
                }
            }
            let pc = park_col.unwrap_or(0);
            // A park's name without invisible characters (a zero-width space copied
            // from a web page): two names that differ only by them are one park.
            let raw = park_col.map(|c| self.cell(r, c)).unwrap_or("");
            let mut name: Cow<'g, str> = if raw.chars().any(is_invisible) {
                Cow::Owned(raw.chars().filter(|ch| !is_invisible(*ch)).collect::<String>().trim().to_string())
            } else {
                Cow::Borrowed(raw)
            };
            if is_note(&name) {
                // A sign-off or note line under the table (填报人：…, 注：…) is no park.
                continue;
            }
            if is_total(&name) {
                self.diags.push(
                    Diagnostic::warning(Source::Data, Problem::TotalRow { name: name.to_string() }).at(r, pc).cell(&name),
                );
                continue;
            }
            if name.is_empty() {
                name = Cow::Owned(format!("园区{}", parks.len() + 1));
                self.diags.push(
                    Diagnostic::warning(Source::Data, Problem::NoParkName { name: name.to_string() }).at(r, pc),
                );
            }
            if let Some(&first) = names.get(name.as_ref()) {
                self.diags.push(
                    Diagnostic::warning(Source::Data, Problem::DuplicateRow { name: name.to_string(), first_row: Some(first + 1) })
                        .at(r, pc)
                        .cell(&name),
                );
                continue;
            }
            names.insert(name.clone(), r);
            for f in figs.iter_mut() {
                *f = [None; 3];
            }
            for ((&(c, item, w), &k), (plain, percent)) in cols.iter().zip(&slot_of).zip(&plain) {
                // A plain number (no unit in the cell, or a %) by its column's rule;
                // anything else, or a result the rule cannot vouch for, by `value`.
                let number = fast_number(self.cell(r, c));
                let rule = match number {
                    Some((_, true)) => percent,
                    _ => plain,
                };
                let v = match (rule, number) {
                    (Plain::Same, Some((x, _))) => Some(x),
                    (Plain::SameBelowWan, Some((x, false))) if x.abs() < 1e4 => Some(x),
                    (&Plain::Scale(from, to), Some((x, _))) if (x * from / to).is_finite() => Some(x * from / to),
                    _ => {
                        let hu = units.get(c).and_then(Option::as_ref);
                        self.value(item, r, c, hu.map(|u| (u, UnitFrom::Header)), table.as_ref())
                    }
                };
                if let Some(f) = figs.get_mut(k) {
                    match w {
                        What::Target => f[1] = v,
                        What::LastYear => f[2] = v,
                        _ => f[0] = v,
                    }
                }
            }
            let p = parks.push(name.into_owned(), Some(r), group_of_row.clone());
            for (&(ci, at), f) in item_cols.iter().zip(&figs) {
                if let Some(col) = parks.column_mut(ci) {
                    col.fill(p, f[0], f[1], f[2], Some((r, at)));
                }
            }
        }
        fraction_shares(self.grid, self.idx, &mut parks, &mut self.diags);
        out.parks = parks;
    }

    fn is_unit_row(&self, r: usize, item_of: &[Option<usize>], park_col: Option<usize>) -> bool {
        if r >= self.grid.n_rows() {
            return false;
        }
        let park_cell = park_col.map(|c| name_key(self.cell(r, c))).unwrap_or_default();
        if !(park_cell.is_empty() || UNIT_WORDS.contains(&park_cell.as_str())) {
            return false;
        }
        let mut units = 0;
        for (c, it) in item_of.iter().enumerate() {
            let t = self.cell(r, c);
            if it.is_none() || t.is_empty() {
                continue;
            }
            if matches!(parse_number(t), CellNumber::Value { .. }) || Unit::parse(t).is_none() {
                return false;
            }
            units += 1;
        }
        units > 0
    }
}

/// Reads one value cell into the scheme's unit for item `it`. `declared` is
/// the unit given for the cell by the unit column, the name cell or the column
/// header, with where it came from; `table` a table-wide unit line. Borrows
/// only, since this runs once per cell on big pastes.
fn read_value(
    it: &Item,
    raw: &str,
    r: usize,
    c: usize,
    declared: Option<(&Unit, UnitFrom)>,
    table: Option<&Unit>,
    diags: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let (value, cell_unit, warnings) = match parse_number(raw) {
        CellNumber::Missing => return None,
        CellNumber::Invalid(m) => {
            diags.push(Diagnostic::error(Source::Data, CellNumber::problem(m, raw)).at(r, c).cell(raw));
            return None;
        }
        CellNumber::Value { value, unit, warnings } => (value, unit, warnings),
    };
    for w in warnings {
        diags.push(Diagnostic::warning(Source::Data, w).at(r, c).cell(raw));
    }
    in_scheme_unit(it, value, cell_unit.as_ref(), Cell { raw, r, c }, declared, table, diags)
}

/// A value cell: its trimmed text and 0-based place.
#[derive(Clone, Copy)]
struct Cell<'a> {
    raw: &'a str,
    r: usize,
    c: usize,
}

/// A cell's number (`cell_unit` the unit the cell itself wrote) in the scheme's
/// unit for item `it`, the rest of `read_value`.
/// How a column's plain numbers (a number alone in its cell, or with a %)
/// come into its item's unit: what `in_scheme_unit` does with them, decided
/// once per column (`plain_rule`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Plain {
    /// The number as it stands.
    Same,
    /// As it stands below 10,000; above, `wan_for_yi` may read it as 万元.
    SameBelowWan,
    /// × from ÷ to (`Unit::convert`, in its order of operations).
    Scale(f64, f64),
    /// Cell by cell (`Reader::value`): a unit that does not convert.
    Slow,
}

/// The rule for a column's numbers whose cells write `cell` as their unit (none,
/// or % for `percent_rule`); `declared` is the column's header unit, `table` the table's.
fn plain_rule(it: &Item, cell: Option<&Unit>, declared: Option<&Unit>, table: Option<&Unit>) -> Plain {
    // A cell's unit against the header's is a conflict, read cell by cell with its error.
    if let (Some(c), Some(d)) = (cell, declared) {
        if !units::same(c, d) {
            return Plain::Slow;
        }
    }
    let scheme_unit = it.unit.as_ref();
    let stated = units::Stated { cell, row: declared, column: None, table: table.filter(|t| scheme_unit.is_some_and(|s| s.same_dims(t))) };
    match (stated.resolve().map(|(u, _)| u), scheme_unit) {
        (Some(given), Some(su)) if given.dims == su.dims && su.factor != 0.0 => Plain::Scale(given.factor, su.factor),
        (Some(_), Some(_)) => Plain::Slow,
        (Some(_), None) => Plain::Same,
        (None, _) if yi_item(it) => Plain::SameBelowWan,
        (None, _) => Plain::Same,
    }
}

/// `plain_rule` for a number written with a % in its cell (the cell's unit %).
fn percent_rule(it: &Item, declared: Option<&Unit>, table: Option<&Unit>) -> Plain {
    percent_unit().map_or(Plain::Slow, |pct| plain_rule(it, Some(pct), declared, table))
}

/// An item kept in 亿元 (where a figure ≥ 10,000 was likely typed in 万元).
fn yi_item(it: &Item) -> bool {
    it.unit.as_ref().is_some_and(|u| u.dims.cny == 1 && u.dims.area == 0 && u.dims.count == 0 && (u.factor - 1e8).abs() < 1.0)
}

fn in_scheme_unit(
    it: &Item,
    value: f64,
    cell_unit: Option<&Unit>,
    at: Cell,
    declared: Option<(&Unit, UnitFrom)>,
    table: Option<&Unit>,
    diags: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let Cell { raw, r, c } = at;
    let (name, scheme_label) = (it.name, it.unit_label);
    let scheme_unit = it.unit.as_ref();
    if let (Some(cu), Some((du, from))) = (cell_unit, declared) {
        if !units::same(cu, du) {
            diags.push(Diagnostic::error(Source::Data, unit_conflict((du, from), (cu, UnitFrom::Cell))).at(r, c).cell(raw));
            return None;
        }
    }
    // The table's unit (a title's （万元）) applies only to items of its dimension.
    let stated = units::Stated {
        cell: cell_unit,
        row: declared.map(|(u, _)| u),
        column: None,
        table: table.filter(|t| scheme_unit.is_some_and(|s| s.same_dims(t))),
    };
    let given: Option<&Unit> = stated.resolve().map(|(u, _)| u);
    let (Some(given), Some(su)) = (given, scheme_unit) else {
        return Some(wan_for_yi(it, value, given.is_none(), r, c, raw, diags));
    };
    match given.convert(value, su) {
        Some(v) if v.is_finite() => Some(v),
        Some(_) => {
            diags.push(Diagnostic::error(Source::Data, Problem::ConvertedOutOfRange).at(r, c).cell(raw));
            None
        }
        None => {
            let (item, from, to) = (name.to_string(), given.label.clone(), scheme_label.to_string());
            let problem = if given.dims.usd != 0 && su.dims.cny != 0 {
                Problem::CurrencyNotConverted { item, from, to }
            } else {
                Problem::UnitNotConvertible { item: Some(item), from, to }
            };
            diags.push(Diagnostic::error(Source::Data, problem).at(r, c).cell(raw));
            None
        }
    }
}

/// A money value in a 亿元 indicator stated in no unit at all that no park can
/// reach (1万亿元 or more: a county park's yearly revenue is tens to hundreds of
/// 亿元) was written in 万元: it is read so, with a warning. Anything smaller is
/// taken as written.
fn wan_for_yi(it: &Item, value: f64, unstated: bool, r: usize, c: usize, raw: &str, diags: &mut Vec<Diagnostic>) -> f64 {
    if !(unstated && yi_item(it) && value.abs() >= 1e4) {
        return value;
    }
    let read_as = value / 1e4;
    let problem = Problem::Magnitude {
        item: it.name.to_string(),
        value,
        read_as,
        unit: it.unit_label.to_string(),
        why: MagnitudeWhy::WanForYi,
    };
    diags.push(Diagnostic::warning(Source::Data, problem).at(r, c).cell(raw));
    read_as
}

/// Shares typed as fractions (0.637 for 63.7 %) in a % indicator: read ×100,
/// with a warning, where the park's own target or the other parks' values (at
/// least two, above 1.5) put 100 × the value within a factor 4 of them, and the
/// cell does not write % itself. A plausible small value (研发投入强度 0.8
/// against a target of 2.5) is never changed.
fn fraction_shares(grid: &Grid, idx: &NameIndex, parks: &mut Parks, diags: &mut Vec<Diagnostic>) {
    for it in idx.items.iter().filter(|it| it.unit.as_ref().is_some_and(|u| u.label == "%")) {
        let Some(ci) = parks.item(it.name) else { continue };
        let Some(col) = parks.column_mut(ci) else { continue };
        let n = col.values().len();
        let peers: Vec<f64> = (0..n).filter(|&p| col.present(p)).filter_map(|p| col.value(p)).filter(|v| *v > 1.5).collect();
        let peer_median = (peers.len() >= 2).then(|| {
            let mut v = peers;
            let mid = v.len() / 2;
            // The element a full sort would put in the middle (`total_cmp` is a total order).
            *v.select_nth_unstable_by(mid, f64::total_cmp).1
        });
        for p in 0..n {
            if !col.present(p) {
                continue;
            }
            let Some(v) = col.value(p).filter(|v| *v > 0.0 && *v <= 1.5) else { continue };
            let Some(reference) = col.target(p).filter(|t| *t >= 2.0).or(peer_median) else { continue };
            let scaled = v * 100.0;
            let pos = col.pos(p);
            let (r, c) = pos.unwrap_or((0, 0));
            let text = grid.cell(r, c);
            if !(reference / 4.0..=reference * 4.0).contains(&scaled) || text.contains('%') || text.contains('％') {
                continue;
            }
            col.set_value(p, Some(scaled));
            let problem = Problem::Magnitude {
                item: it.name.to_string(),
                value: v,
                read_as: scaled,
                unit: "%".into(),
                why: MagnitudeWhy::FractionForPercent,
            };
            let d = Diagnostic::warning(Source::Data, problem);
            diags.push(if pos.is_some() { d.at(r, c).cell(text) } else { d });
        }
    }
}

/// Two statements of a cell's unit that disagree; dollars against yuan are said so.
fn unit_conflict(first: (&Unit, UnitFrom), second: (&Unit, UnitFrom)) -> Problem {
    Problem::UnitConflict {
        first: first.1,
        first_unit: first.0.label.clone(),
        second: second.1,
        second_unit: second.0.label.clone(),
        currency: first.0.dims.usd != second.0.dims.usd,
    }
}

/// A short rendering of a value for messages and tests.
pub fn show_value(v: Option<f64>) -> String {
    v.map(show).unwrap_or_else(|| "—".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-column rules (`plain_rule`, `percent_rule`) vouch for a number
    /// only where `in_scheme_unit` gives exactly that value with no diagnostic,
    /// for every item of the built-in scheme under every header and table unit.
    #[test]
    fn column_rules_give_what_the_cell_by_cell_reader_gives() {
        let scheme = crate::scheme::default_scheme();
        let idx = NameIndex::new(&scheme);
        let labels = ["", "%", "万元", "亿元", "元", "个", "亩", "万美元", "万元/亩", "‰", "分"];
        let units: Vec<Option<Unit>> = labels.iter().map(|l| Unit::parse(l)).collect();
        let values: [f64; 7] = [0.0, 1.5, 63.72, 9_999.0, 12_345.678, -4.25, 1e300];
        let pct = percent_unit();
        let mut vouched = 0;
        for it in &idx.items {
            for declared in &units {
                for table in &units {
                    let rules = [(plain_rule(it, None, declared.as_ref(), table.as_ref()), None), (percent_rule(it, declared.as_ref(), table.as_ref()), pct)];
                    for (rule, cell_unit) in rules {
                        for &x in &values {
                            let by_rule = match rule {
                                Plain::Same => Some(x),
                                Plain::SameBelowWan if x.abs() < 1e4 => Some(x),
                                Plain::Scale(from, to) if (x * from / to).is_finite() => Some(x * from / to),
                                _ => continue,
                            };
                            let mut diags = Vec::new();
                            let at = Cell { raw: "", r: 0, c: 0 };
                            let read = in_scheme_unit(it, x, cell_unit, at, declared.as_ref().map(|u| (u, UnitFrom::Header)), table.as_ref(), &mut diags);
                            let case = format!("{} {x} {:?} {:?} {:?}", it.name, cell_unit.map(|u| &u.label), declared.as_ref().map(|u| &u.label), table.as_ref().map(|u| &u.label));
                            assert_eq!(read.map(f64::to_bits), by_rule.map(f64::to_bits), "{case}");
                            assert!(diags.is_empty(), "{case}: {diags:?}");
                            vouched += 1;
                        }
                    }
                }
            }
        }
        assert!(vouched > 4_000, "{vouched}");
    }
}
