//! The unit a value is written in, by one stated precedence: the cell, its row, its column, the table.
//!
//! A table can state a value's unit in four places. The most specific wins:
//!
//! 1. the cell's own suffix (3.5亿元);
//! 2. the row's: its 单位 cell, or a bracket in its name (技工贸总收入（亿元）);
//! 3. the column header's bracket (1-11月累计（万元）), or the indicator's
//!    merged header above a pair of columns;
//! 4. the table's: its title (…（万元）) or a 单位：万元 line above the header.
//!
//! A less specific statement of another dimension does not apply: a header's
//! （亿元） says nothing of a row whose own unit is 件 or %, and a title's 万元
//! says nothing of a count. Two statements of the same dimension that disagree
//! (a row in 亿元, its header in 万元) are a conflict the reader reports.

use crate::base::unit::Unit;

/// The units stated for one value, most specific first; any may be absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stated<'a> {
    pub cell: Option<&'a Unit>,
    pub row: Option<&'a Unit>,
    pub column: Option<&'a Unit>,
    pub table: Option<&'a Unit>,
}

/// A unit and where it was stated.
pub type StatedAt<'a> = (&'a Unit, Level);

/// Where a unit was stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Cell,
    Row,
    Column,
    Table,
}

impl<'a> Stated<'a> {
    fn levels(&self) -> [(Level, Option<&'a Unit>); 4] {
        [(Level::Cell, self.cell), (Level::Row, self.row), (Level::Column, self.column), (Level::Table, self.table)]
    }

    /// The unit that applies and where it was stated: the most specific
    /// statement. `None` when nothing is stated.
    pub fn resolve(&self) -> Option<(&'a Unit, Level)> {
        self.levels().into_iter().find_map(|(l, u)| u.map(|u| (u, l)))
    }

    /// Two statements of the same dimension that disagree (亿元 against 万元),
    /// most specific first: what a reader reports instead of choosing silently.
    pub fn conflict(&self) -> Option<(StatedAt<'a>, StatedAt<'a>)> {
        let stated: Vec<(&Unit, Level)> = self.levels().into_iter().filter_map(|(l, u)| u.map(|u| (u, l))).collect();
        stated.iter().enumerate().find_map(|(i, &(a, la))| {
            stated.iter().skip(i + 1).find(|(b, _)| a.dims == b.dims && !same(a, b)).map(|&(b, lb)| ((a, la), (b, lb)))
        })
    }
}

/// Two units that are the same unit (same dimension and factor).
pub fn same(a: &Unit, b: &Unit) -> bool {
    a.dims == b.dims && (a.factor - b.factor).abs() <= 1e-12 * a.factor.abs().max(b.factor.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Unit {
        Unit::parse(s).unwrap()
    }

    #[test]
    fn most_specific_wins_and_same_dimension_disagreement_is_a_conflict() {
        let (yi, wan, jian) = (u("亿元"), u("万元"), u("件"));
        let s = Stated { cell: None, row: Some(&jian), column: Some(&yi), table: Some(&wan) };
        assert_eq!(s.resolve().map(|(u, l)| (u.label.as_str(), l)), Some(("件", Level::Row)));
        // 亿元 in the header and 万元 in the title: the same dimension, disagreeing.
        let c = s.conflict().map(|((a, la), (b, lb))| (a.label.as_str(), la, b.label.as_str(), lb));
        assert_eq!(c, Some(("亿元", Level::Column, "万元", Level::Table)));
        let s = Stated { cell: Some(&yi), row: Some(&jian), column: None, table: None };
        assert!(s.conflict().is_none());
        assert_eq!(Stated::default().resolve().map(|(u, _)| u.label.clone()), None);
    }
}
