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
use super::period::{month_span, parse_month};
use crate::table::number::{parse_number, CellNumber};

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

/// The text merged over column `col` in row `row`: the cell itself, or the
/// nearest non-empty cell to its left no further left than `leftmost` (Excel
/// copies a merged cell as its text, then blanks). A merged name over a
/// 目标｜完成 pair heads both; `leftmost` keeps a title or a key column's
/// heading from being carried over the value columns.
pub fn merged_over<'g>(grid: &'g Grid<'_>, row: usize, col: usize, leftmost: usize) -> Option<&'g str> {
    (leftmost..=col).rev().map(|c| grid.cell(row, c).trim()).find(|t| !t.is_empty())
}

/// The roles of row `r` read as a header row whose upper neighbour may head
/// it too: a name, month, sequence, indicator or unit column is merged
/// vertically in a two-row header (片区 | 技工贸总收入 | ∅ above ∅ | 目标 | 完成),
/// so an empty cell takes the role of the cell above when that is such a column.
pub fn roles_with_merged_keys(grid: &Grid, r: usize) -> Vec<super::roles::Header> {
    grid.row(r)
        .enumerate()
        .map(|(c, cell)| {
            let h = classify(cell);
            if h.role != Role::Empty || r == 0 {
                return h;
            }
            let above = classify(grid.cell(r - 1, c));
            if matches!(above.role, Role::Key(_) | Role::MonthLabel | Role::Seq | Role::Indicator | Role::Unit) {
                above
            } else {
                h
            }
        })
        .collect()
}

/// How many rows from the top are searched for a header of months running across.
const ACROSS_SEARCH_ROWS: usize = 30;

/// Whether a header cell names one month or a combined span (3月, 1-2月, 2022年3月).
fn is_month_cell(t: &str) -> bool {
    t.contains('月') && !t.contains("累计") && (parse_month(t).is_some() || month_span(t).is_some())
}

/// A table with its months running across (项目 | 1-2月 | 3月 | … | 合计, with
/// 计划 and 实际 as rows): the row heading the months and the first month's
/// column. Three month columns or more, and a row below whose label, left of
/// the months, is a value role (计划, 实际, 目标, 完成); a table of parts with
/// one column per month has part names there, not roles, and is not one.
/// Gives the header row and the column of those role labels.
pub fn months_across(grid: &Grid) -> Option<(usize, usize)> {
    for r in 0..grid.n_rows().min(ACROSS_SEARCH_ROWS) {
        let months: Vec<usize> = grid.row(r).enumerate().filter(|(_, t)| is_month_cell(t.trim())).map(|(c, _)| c).collect();
        let Some(&first) = months.first() else { continue };
        if months.len() < 3 || first == 0 {
            continue;
        }
        let label_col = (r + 1..grid.n_rows())
            .filter_map(|rr| (0..first).rev().find(|&c| matches!(classify(grid.cell(rr, c)).role, Role::Value(_))))
            .max();
        if let Some(c) = label_col {
            return Some((r, c));
        }
    }
    None
}

/// The table turned at header row `h` of a months-across table: the rows above
/// `h` (title, 单位 note) stay as they are; from `h` down, each column becomes
/// a row, so the months run down a 月份 column and the row labels (计划 | 实际,
/// an indicator merged over its pair) head the columns. Cell (r, c) of the
/// turned grid with r ≥ h is cell (h + c, r − h) of the paste (`untransposed`).
/// The corner above the role labels (项目) becomes 月份, naming the key column.
pub fn turn_months_down(grid: &Grid, h: usize, label_col: usize) -> Grid<'static> {
    let mut rows: Vec<Vec<String>> = (0..h).map(|r| grid.row(r).map(str::to_string).collect()).collect();
    let width = (h..grid.n_rows()).map(|r| grid.row_len(r)).max().unwrap_or(0);
    for c in 0..width {
        let mut row: Vec<String> = (h..grid.n_rows()).map(|r| grid.cell(r, c).to_string()).collect();
        if c == label_col {
            if let Some(corner) = row.first_mut() {
                *corner = "月份".to_string();
            }
        }
        rows.push(row);
    }
    Grid::from_rows(&rows)
}

/// A 1-based (row, column) of the turned grid back in the paste (see `turn_months_down`).
pub fn untransposed(h: usize, row: Option<u32>, col: Option<u32>) -> (Option<u32>, Option<u32>) {
    let h = u32::try_from(h).unwrap_or(u32::MAX);
    match (row, col) {
        (Some(r), Some(c)) if r > h => (Some(h.saturating_add(c)), Some(r - h)),
        // A whole row of the turned grid is a column of the paste.
        (Some(r), None) if r > h => (None, Some(r - h)),
        other => other,
    }
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

    #[test]
    fn months_across_are_turned_down() {
        let text = "标题\n项目\t1-2月\t3月\t4月\t合计\n计划\t22\t12\t12\t46\n实际\t21\t11\t\t32\n";
        let (g, _) = parse_grid(text, Source::Data);
        assert_eq!(months_across(&g), Some((1, 0)));
        let t = turn_months_down(&g, 1, 0);
        assert_eq!(t.to_rows()[1], ["月份", "计划", "实际"]);
        assert_eq!(t.to_rows()[2], ["1-2月", "22", "21"]);
        assert_eq!(t.to_rows()[5], ["合计", "46", "32"]);
        // Turned (row 4, col 3) is the paste's 实际 of 4月: row 4, col 4 (1-based).
        assert_eq!(untransposed(1, Some(5), Some(3)), (Some(4), Some(4)));
        // Parts as rows with a column per month are not turned.
        let (g, _) = parse_grid("片区\t1月\t2月\t3月\n东区\t1\t2\t3\n", Source::Data);
        assert_eq!(months_across(&g), None);
    }
}
