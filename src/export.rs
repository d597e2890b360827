//! Result tables for export: TSV for the clipboard, CSV with BOM, and .xlsx (see `xlsx`).
//!
//! `tables` lays the report out once, as the page shows it: Chinese headers, the
//! unit of a column stated once in its header (or in a 单位 column), numbers
//! rounded as printed. Each cell is typed, so the .xlsx gets real numbers with a
//! number format while TSV and CSV carry exactly the printed text.

use std::borrow::Cow;

use crate::eval::{ParkResult, Report};
use crate::fixed::Points;
use crate::model::{ParkScore, SplitReport};

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number already rounded for print. `text` is exactly what is printed and
    /// written (plain digits, no exponent, no thousands separators); `value` is its
    /// value; `decimals` is the fixed number of places (`Some(2)` prints 6.00), or
    /// `None` for a value shown as given (up to 4 places, trailing zeros dropped).
    Number { value: f64, text: String, decimals: Option<u8> },
}

impl Cell {
    /// The printed text of the cell.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s) => s,
            Cell::Number { text, .. } => text,
        }
    }
}

/// One exportable table (score breakdown, progress, ranking, a split …).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Stable key used by the page: "breakdown:0", "progress:0", "ranking", "split:0" …
    pub key: String,
    pub title: String,
    pub headers: Vec<String>,
    /// The printed text of every cell, row by row (the same as `cells`, as text).
    pub rows: Vec<Vec<String>>,
    /// The typed cells, the same shape as `rows`.
    pub cells: Vec<Vec<Cell>>,
    /// A short name for a worksheet tab (得分明细-衡山工业园); the .xlsx writer
    /// makes it legal and unique.
    pub sheet: String,
}

impl Table {
    fn new(key: String, title: String, sheet: String, headers: &[&str]) -> Table {
        Table { key, title, headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new(), cells: Vec::new(), sheet }
    }

    /// Appends a row, keeping `rows` and `cells` in step.
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells.iter().map(|c| c.text().to_string()).collect());
        self.cells.push(cells);
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn empty() -> Cell {
    Cell::Text(String::new())
}

/// Rounds `x` half away from zero to `decimals` places (at most 4) and prints it
/// without float noise; with `trim`, trailing zeros (and a bare point) are dropped.
/// Non-finite input, which no evaluator should produce, gives `None`.
fn round_to(x: f64, decimals: u8, trim: bool) -> Option<Cell> {
    if !x.is_finite() {
        return None;
    }
    let d = decimals.min(4);
    let scale = 10f64.powi(i32::from(d));
    let scaled = x * scale;
    if scaled.abs() >= 9.0e15 {
        // Past exact integers in f64 the fraction is noise anyway: print whole units.
        let r = x.round();
        return Some(Cell::Number { value: r, text: format!("{r:.0}"), decimals: if trim { None } else { Some(d) } });
    }
    // The same few-ULP nudge as Points::round, so 2.675 prints as 2.68 like a
    // person rounding by hand, and like the scores on the page.
    let nudged = scaled + scaled.signum() * scaled.abs() * 4.0 * f64::EPSILON;
    let n = nudged.round() as i64;
    let p = 10u64.pow(u32::from(d));
    let a = n.unsigned_abs();
    let mut s = String::new();
    if n < 0 {
        s.push('-');
    }
    s.push_str(&(a / p).to_string());
    if d > 0 {
        // Adding p and dropping its leading 1 zero-pads the fraction to d digits.
        let frac = (a % p + p).to_string();
        s.push('.');
        s.push_str(frac.get(1..).unwrap_or(""));
        if trim {
            let kept = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(kept);
        }
    }
    let value = if n == 0 { 0.0 } else { n as f64 / scale };
    Some(Cell::Number { value, text: s, decimals: if trim { None } else { Some(d) } })
}

/// A value as given (up to 4 places, float noise trimmed), or empty.
fn val(x: Option<f64>) -> Cell {
    x.and_then(|x| round_to(x, 4, true)).unwrap_or_else(empty)
}

/// A figure with two fixed places (percentages, weights), or empty.
fn two(x: Option<f64>) -> Cell {
    x.and_then(|x| round_to(x, 2, false)).unwrap_or_else(empty)
}

fn pts(p: Points) -> Cell {
    Cell::Number { value: p.as_f64(), text: p.to_string(), decimals: Some(2) }
}

const MISSING: &str = "缺数据";

/// What every title row carries besides whose table it is: the period and the scheme.
fn period_note(r: &Report) -> String {
    format!("（数据截至{}年{}月，评价方案：{}）", r.period.year, r.period.month, r.scheme.name)
}

/// The whole export's title: the park's name (one park) or 园区排名 (several), with
/// the period and the scheme; the .xlsx carries it in its document properties.
pub fn doc_title(r: &Report) -> String {
    let who = match r.parks.as_slice() {
        [one] => format!("{}五好园区评价", park_name(&one.score, 0)),
        _ => "园区排名".to_string(),
    };
    format!("{who}{}", period_note(r))
}

fn park_name(s: &ParkScore, i: usize) -> String {
    if s.name.trim().is_empty() {
        format!("园区{}", i + 1)
    } else {
        s.name.clone()
    }
}

/// Every result table of the report: per park the score breakdown, the dimension
/// scores and the progress table; then the ranking; then each split's parts and
/// its sum checks.
pub fn tables(report: &Report) -> Vec<Table> {
    let note = period_note(report);
    let mut out = Vec::new();
    for (i, park) in report.parks.iter().enumerate() {
        let name = park_name(&park.score, i);
        out.push(breakdown(i, &name, &note, &park.score));
        out.push(dimensions(i, &name, &note, &park.score));
        out.push(progress(i, &name, &note, report, park));
    }
    if !report.parks.is_empty() {
        out.push(ranking(&note, report));
    }
    for (i, s) in report.splits.iter().enumerate() {
        let (parts, sums) = split(i, &note, s);
        out.push(parts);
        out.push(sums);
    }
    out
}

fn breakdown(i: usize, name: &str, note: &str, s: &ParkScore) -> Table {
    let mut t = Table::new(
        format!("breakdown:{i}"),
        format!("{name}得分明细{note}"),
        format!("得分明细-{name}"),
        &["维度", "指标", "单位", "实际值", "目标值", "完成率(%)", "分值", "得分", "失分", "计算过程"],
    );
    let mut used = vec![false; s.indicators.len()];
    let mut weight_sum = 0.0;
    let mut lost_sum = Points::ZERO;
    for d in &s.dimensions {
        let mut lost = Points::ZERO;
        for (k, ind) in s.indicators.iter().enumerate() {
            if ind.dimension != d.name && ind.dimension != d.key {
                continue;
            }
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
            lost += ind.lost;
            t.push(indicator_row(&d.name, ind));
        }
        weight_sum += d.weight;
        lost_sum += lost;
        t.push(vec![
            Cell::Text(format!("{}小计", d.name)),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            two(Some(d.weight)),
            pts(d.score),
            pts(lost),
            empty(),
        ]);
    }
    // Indicators naming no listed dimension still belong on paper, after the groups.
    for (k, ind) in s.indicators.iter().enumerate() {
        if !used.get(k).copied().unwrap_or(true) {
            lost_sum += ind.lost;
            t.push(indicator_row(&ind.dimension, ind));
        }
    }
    for a in &s.adjustments {
        t.push(vec![text("加减分"), text(&a.name), empty(), empty(), empty(), empty(), empty(), pts(a.points), empty(), text(&a.explain)]);
    }
    let mut how = format!("等级：{}", s.grade);
    if let Some(v) = &s.veto {
        how.push_str("；一票否决：");
        how.push_str(v);
    }
    t.push(vec![text("总分"), empty(), empty(), empty(), empty(), empty(), two(Some(weight_sum)), pts(s.total), pts(lost_sum), Cell::Text(how)]);
    t
}

fn indicator_row(dimension: &str, ind: &crate::model::IndicatorScore) -> Vec<Cell> {
    let missing = ind.missing.is_some();
    let value = if ind.value.is_none() { text(MISSING) } else { val(ind.value) };
    let target = if ind.target.is_none() && missing { text(MISSING) } else { val(ind.target) };
    let how = match &ind.missing {
        Some(reason) => {
            let mut s = format!("{MISSING}：{reason}");
            if !ind.explain.is_empty() {
                s.push('；');
                s.push_str(&ind.explain);
            }
            s
        }
        _ => ind.explain.clone(),
    };
    vec![
        text(dimension),
        text(&ind.name),
        text(&ind.unit.label),
        value,
        target,
        two(ind.completion),
        two(Some(ind.weight)),
        pts(ind.score),
        pts(ind.lost),
        Cell::Text(how),
    ]
}

fn dimensions(i: usize, name: &str, note: &str, s: &ParkScore) -> Table {
    let mut t = Table::new(format!("dimensions:{i}"), format!("{name}各维度得分{note}"), format!("维度得分-{name}"), &["维度", "分值", "得分"]);
    let mut weight_sum = 0.0;
    for d in &s.dimensions {
        weight_sum += d.weight;
        t.push(vec![text(&d.name), two(Some(d.weight)), pts(d.score)]);
    }
    for a in &s.adjustments {
        t.push(vec![Cell::Text(format!("加减分：{}", a.name)), empty(), pts(a.points)]);
    }
    t.push(vec![text("总分"), two(Some(weight_sum)), pts(s.total)]);
    t
}

fn progress(i: usize, name: &str, note: &str, r: &Report, park: &ParkResult) -> Table {
    let m = r.period.month;
    let cumulative = if m <= 1 { format!("{m}月累计") } else { format!("1-{m}月累计") };
    let mut t = Table::new(
        format!("progress:{i}"),
        format!("{name}目标进度{note}"),
        format!("目标进度-{name}"),
        &[
            "指标", "单位", "年度目标", &cumulative, "完成率(%)", "时序进度(%)", "进度差(百分点)", "同比增速(%)", "全年预计", "剩余月均需完成", "状态", "说明",
        ],
    );
    for p in &park.progress {
        t.push(vec![
            text(&p.name),
            text(&p.unit.label),
            val(p.target),
            val(p.actual),
            two(p.completion),
            two(p.time_progress),
            two(p.gap_pp),
            two(p.yoy),
            val(p.projection),
            val(p.monthly_needed),
            text(p.status.label()),
            text(&p.note),
        ]);
    }
    t
}

fn ranking(note: &str, r: &Report) -> Table {
    let mut headers: Vec<&str> = vec!["排名", "园区", "总分", "等级", "一票否决"];
    headers.extend(r.scheme.dimensions.iter().map(|d| d.name.as_str()));
    let mut t = Table::new("ranking".to_string(), format!("园区排名{note}"), "园区排名".to_string(), &headers);
    // Best rank first, ties in pasted order. An insertion sort keeps the general
    // sort routine out of the WebAssembly build; there are at most a few hundred parks.
    let rank = |k: usize| r.parks.get(k).map_or(u32::MAX, |p| p.score.rank);
    let mut order: Vec<usize> = Vec::with_capacity(r.parks.len());
    for k in 0..r.parks.len() {
        let at = order.iter().position(|&j| rank(j) > rank(k)).unwrap_or(order.len());
        order.insert(at, k);
    }
    for k in order {
        let Some(p) = r.parks.get(k) else { continue };
        let s = &p.score;
        let mut row = vec![
            Cell::Number { value: f64::from(s.rank), text: s.rank.to_string(), decimals: Some(0) },
            Cell::Text(park_name(s, k)),
            pts(s.total),
            text(&s.grade),
            Cell::Text(s.veto.clone().unwrap_or_default()),
        ];
        for d in &r.scheme.dimensions {
            row.push(s.dimensions.iter().find(|x| x.key == d.key).map_or_else(empty, |x| pts(x.score)));
        }
        t.push(row);
    }
    t
}

/// The parts of a split and its sum checks, as two tables "split:i" and "split:i:sums",
/// because the two have different columns.
fn split(i: usize, note: &str, s: &SplitReport) -> (Table, Table) {
    let title = if s.title.trim().is_empty() { format!("分解表{}", i + 1) } else { s.title.clone() };
    let unit = s.unit.as_ref().map(|u| u.label.as_str()).filter(|l| !l.is_empty());
    let with_unit = |h: &str| match unit {
        Some(u) => format!("{h}({u})"),
        None => h.to_string(),
    };
    let kind = if s.kind.trim().is_empty() { "部分" } else { s.kind.as_str() };
    let (target, actual) = (with_unit("年度目标"), with_unit("累计完成"));
    let mut parts = Table::new(
        format!("split:{i}"),
        format!("{title}{note}"),
        format!("分解{}-{title}", i + 1),
        &[kind, "指标", &target, &actual, "完成率(%)", "进度差(百分点)", "状态", "占整体缺口(%)"],
    );
    for p in &s.parts {
        parts.push(vec![text(&p.name), text(&p.indicator), val(p.target), val(p.actual), two(p.completion), two(p.gap_pp), text(p.status.label()), two(p.gap_share)]);
    }
    let (whole, sum, diff) = (with_unit("整体"), with_unit("各部分合计"), with_unit("差额"));
    let mut sums = Table::new(
        format!("split:{i}:sums"),
        format!("{title}合计校核{note}"),
        format!("分解{}-校核", i + 1),
        &["指标", "口径", &whole, &sum, &diff, "校核", "说明"],
    );
    for m in &s.sums {
        let what = match m.what.as_str() {
            "target" => "年度目标",
            "actual" => "累计完成",
            other => other,
        };
        sums.push(vec![
            text(&m.indicator),
            text(what),
            val(m.whole),
            val(Some(m.parts_sum)),
            val(m.difference),
            text(if m.ok { "一致" } else { "不一致" }),
            text(&m.message),
        ]);
    }
    (parts, sums)
}

/// Whether a table's key is selected by `want`: "" selects all; otherwise the key
/// must equal `want` or continue it after a ':' (so "split:1" selects "split:1"
/// and "split:1:sums" but not "split:10", and "breakdown" selects every park's).
fn selected(key: &str, want: &str) -> bool {
    want.is_empty() || key.strip_prefix(want).is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || want.ends_with(':'))
}

/// Tab-separated text for the clipboard, as Excel and WPS paste it: a cell holding
/// a tab, a line break or a quote is quoted, with quotes doubled; rows end in CRLF.
/// With several tables each starts with its title line and a blank line separates them.
/// Text that a spreadsheet would run as a formula is made inert (see `inert`).
pub fn to_tsv(tables: &[Table]) -> String {
    delimited(tables, '\t', tables.len() > 1)
}

/// CSV as Excel opens it: UTF-8 with a BOM (else Chinese shows as mojibake),
/// RFC 4180 quoting and CRLF. Each table starts with its title line (so the
/// period travels with the file); a blank line separates tables. Text that a
/// spreadsheet would run as a formula is made inert (see `inert`).
pub fn to_csv(tables: &[Table]) -> Vec<u8> {
    let mut out = "\u{feff}".to_string();
    out.push_str(&delimited(tables, ',', true));
    out.into_bytes()
}

fn delimited(tables: &[Table], sep: char, titles: bool) -> String {
    let mut out = String::new();
    for (n, t) in tables.iter().enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        if titles {
            field(&mut out, &inert(&t.title), sep);
            out.push_str("\r\n");
        }
        line(&mut out, t.headers.iter().map(|h| inert(h)), sep);
        for row in &t.cells {
            line(&mut out, row.iter().map(|c| match c {
                Cell::Text(s) => inert(s),
                Cell::Number { text, .. } => Cow::Borrowed(text.as_str()),
            }), sep);
        }
    }
    out
}

fn line<'a>(out: &mut String, cells: impl Iterator<Item = Cow<'a, str>>, sep: char) {
    for (k, c) in cells.enumerate() {
        if k > 0 {
            out.push(sep);
        }
        field(out, &c, sep);
    }
    out.push_str("\r\n");
}

/// Text that Excel or WPS would run as a formula when opening a CSV or taking a
/// paste ("=HYPERLINK(…)" in a park name, say) gets a leading single quote, as
/// OWASP advises against CSV injection: the spreadsheet then shows the text as
/// typed. Only text cells pass through here; numbers (a negative one starts with
/// '-') stay numbers.
/// Full-width ＝＋－＠ count like their ASCII forms (a Chinese or Japanese
/// spreadsheet may take them for a formula), and so does formula text behind
/// invisible characters (zero-width spaces and joiners, direction marks, a BOM,
/// a soft hyphen) or blanks, which a spreadsheet may drop before reading the cell.
fn inert(s: &str) -> Cow<'_, str> {
    let visible = s.trim_start_matches(|c: char| {
        matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | ' ' | '\u{00A0}' | '\u{3000}')
    });
    let formula = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{2212}', '\u{FE62}', '\u{FE63}', '\u{FE66}'];
    if s.starts_with(['\t', '\r']) || visible.starts_with(formula) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn field(out: &mut String, s: &str, sep: char) {
    if s.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Renders the tables whose key is selected by `key` ("" for all; see `selected`)
/// in `format`: "tsv" (UTF-8 text), "csv" (UTF-8 with BOM) or "xlsx". Any other
/// format gives an empty vector, which the page treats as "nothing to save".
/// No matching table gives an empty TSV, a CSV of just the BOM, and an .xlsx
/// with one sheet saying 无数据.
pub fn export(report: &Report, key: &str, format: &str) -> Vec<u8> {
    let format = format.trim();
    let pick = || -> Vec<Table> { tables(report).into_iter().filter(|t| selected(&t.key, key)).collect() };
    if format.eq_ignore_ascii_case("tsv") {
        to_tsv(&pick()).into_bytes()
    } else if format.eq_ignore_ascii_case("csv") {
        to_csv(&pick())
    } else if format.eq_ignore_ascii_case("xlsx") {
        let props = crate::xlsx::DocProps { title: doc_title(report), subject: report.scheme.name.clone() };
        crate::xlsx::to_xlsx_with(&pick(), Some(&props))
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_hidden_formulas_are_inert() {
        for s in ["＝HYPERLINK(\"x\")", "＋1", "－1", "＠SUM(A1)", "\u{200B}=1+1", "\u{FEFF}\u{200D}@x", " =1", "\u{3000}＝1", "\u{202E}-2"] {
            assert_eq!(inert(s), format!("'{s}"), "{s:?}");
        }
        for s in ["园区", "1-2月", "\u{200B}园区", "a=b"] {
            assert_eq!(inert(s), s, "{s:?}");
        }
    }

    #[test]
    fn rounds_and_trims_like_the_page() {
        for (x, d, trim, want) in [
            (f64::from_bits(148.2032f64.to_bits() + 1), 4, true, "148.2032"),
            (0.1 + 0.2, 4, true, "0.3"),
            (12.0, 4, true, "12"),
            (-0.00001, 4, true, "0"),
            (2.675, 2, false, "2.68"),
            (-2.675, 2, false, "-2.68"),
            (92.6, 2, false, "92.60"),
            (7.0, 0, false, "7"),
            (1e20, 2, false, "100000000000000000000"),
        ] {
            let got = round_to(x, d, trim).map(|c| c.text().to_string());
            assert_eq!(got.as_deref(), Some(want), "{x} {d} {trim}");
        }
        assert_eq!(round_to(f64::NAN, 2, false), None);
    }

    #[test]
    fn keys_select_by_whole_segments() {
        for (key, want, hit) in [
            ("split:1", "split:1", true),
            ("split:1:sums", "split:1", true),
            ("split:10", "split:1", false),
            ("breakdown:3", "breakdown", true),
            ("breakdown:3", "breakdown:", true),
            ("ranking", "", true),
            ("ranking", "rank", false),
        ] {
            assert_eq!(selected(key, want), hit, "{key} by {want}");
        }
    }
}
