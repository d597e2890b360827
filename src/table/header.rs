//! The header region: one to three header rows, merged cells arriving as text then blanks, read as one header per column.
//!
//! Statistical tables often head their columns in two rows: an indicator name
//! merged over 目标｜完成｜完成率, a year merged over 年度目标｜1-11月, or the
//! roles above and the indicator names below. Excel and WPS copy a merged cell
//! as its text followed by blank cells. `region` finds the rows that belong to
//! the header around the row a reader found, and gives each column the texts
//! that head it, top to bottom: an upper row's text carried right over the
//! blanks of its merged span, a lower row's blank taking the text above it
//! (a cell merged downwards).

use super::grid::Grid;
use super::roles::{classify, Role};
use crate::number::{parse_number, CellNumber};

/// The rows heading a table's columns and what heads each column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeaderRegion {
    /// First and last header row (0-based, inclusive); data starts after `bottom`.
    pub top: usize,
    pub bottom: usize,
    /// For each column, the distinct texts heading it, top to bottom.
    pub parts: Vec<Vec<String>>,
}

impl HeaderRegion {
    /// The texts heading column `c`, joined top to bottom (技工贸总收入（亿元）目标).
    pub fn text(&self, c: usize) -> String {
        self.parts.get(c).map(|p| p.concat()).unwrap_or_default()
    }

    /// The texts heading column `c`, top to bottom.
    pub fn parts(&self, c: usize) -> &[String] {
        self.parts.get(c).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the header has more than one row.
    pub fn multi(&self) -> bool {
        self.bottom > self.top
    }
}

/// Whether row `r` names the roles of columns (目标｜完成｜完成率, 2022年｜2021年)
/// rather than holding data: two cells or more read as value or computed
/// roles, and no cell holds a number.
pub fn is_role_row(grid: &Grid, r: usize) -> bool {
    let mut roles = 0;
    for cell in grid.row(r) {
        let t = cell.trim();
        if t.is_empty() {
            continue;
        }
        if matches!(parse_number(t), CellNumber::Value { .. }) {
            return false;
        }
        if matches!(classify(t).role, Role::Value(_) | Role::Computed(_)) {
            roles += 1;
        }
    }
    roles >= 2
}

/// The header region around row `found`, `width` columns wide: a role row just
/// above it joins the header (roles above the indicator names), and up to two
/// role rows below it do (names above their roles, years above roles).
pub fn region(grid: &Grid, found: usize, width: usize) -> HeaderRegion {
    let mut top = found;
    if found > 0 && is_role_row(grid, found - 1) && !is_role_row(grid, found) {
        top = found - 1;
    }
    let mut bottom = found;
    while bottom < found + 2 && bottom + 1 < grid.n_rows() && is_role_row(grid, bottom + 1) {
        bottom += 1;
    }
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
    for r in top..=bottom {
        let mut carried = String::new();
        for (c, slot) in parts.iter_mut().enumerate() {
            let t = grid.cell(r, c).trim();
            let text = if !t.is_empty() {
                carried = t.to_string();
                t.to_string()
            } else if r < bottom && c > 0 {
                // Blank in an upper row: the merged cell to the left spans it.
                carried.clone()
            } else {
                carried.clear();
                String::new()
            };
            if !text.is_empty() && slot.last() != Some(&text) {
                slot.push(text);
            }
        }
    }
    HeaderRegion { top, bottom, parts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::table::parse_grid;

    fn region_of(text: &str, found: usize) -> HeaderRegion {
        let (g, _) = parse_grid(text, Source::Data);
        region(&g, found, g.width())
    }

    #[test]
    fn indicator_names_over_roles() {
        let h = region_of("园区\t技工贸总收入（亿元）\t\t\t上交税金（亿元）\t\n\t目标\t完成\t完成率\t目标\t完成\n甲\t1\t2\t3\t4\t5\n", 0);
        assert_eq!((h.top, h.bottom), (0, 1));
        assert_eq!(h.text(0), "园区");
        assert_eq!(h.text(2), "技工贸总收入（亿元）完成");
        assert_eq!(h.text(3), "技工贸总收入（亿元）完成率");
        assert_eq!(h.text(5), "上交税金（亿元）完成");
    }

    #[test]
    fn roles_above_names_and_years_over_roles() {
        let h = region_of("园区名称\t年度目标\t\t1-11月完成\t\n\t技工贸总收入\t上交税金\t技工贸总收入\t上交税金\n甲\t1\t2\t3\t4\n", 1);
        assert_eq!((h.top, h.bottom), (0, 1));
        assert_eq!(h.parts(0), ["园区名称"]);
        assert_eq!(h.parts(2), ["年度目标", "上交税金"]);
        assert_eq!(h.parts(4), ["1-11月完成", "上交税金"]);
        let h = region_of("指标\t单位\t2022年\t\t2021年\n\t\t年度目标\t1-11月\t1-11月\n收入\t亿元\t1\t2\t3\n", 0);
        assert_eq!((h.top, h.bottom), (0, 1));
        assert_eq!([h.text(0), h.text(2), h.text(3), h.text(4)], ["指标", "2022年年度目标", "2022年1-11月", "2021年1-11月"]);
    }

    #[test]
    fn a_single_row_and_a_title_stay_apart() {
        let h = region_of("2022年1-11月主要指标\n指标\t单位\t年度目标\t1-11月\n收入\t亿元\t1\t2\n", 1);
        assert_eq!((h.top, h.bottom, h.text(3)), (1, 1, "1-11月".to_string()));
    }
}
