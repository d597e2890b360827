//! Reading pasted tables: a data-driven corpus under tests/paste/ plus property tests.
//!
//! Each case is `NAME.tsv` (the paste), optionally `NAME.args` (one `key=value`
//! per line: `today=2022-12`, `period=2022-06`, `source=examples/…` to read the
//! paste from elsewhere in the repo), and `NAME.expect`: the outcome rendered as
//! readable text by `render`. `UPDATE_EXPECT=1 cargo test --test paste` rewrites
//! the expectations; review the diff before committing it.

mod common;
use common::Rng;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use wuhao::diag::Level;
use wuhao::base::period::{Period, PeriodSource};
use wuhao::table::number::{parse_number, CellNumber};
use wuhao::read::{read_data, show_value, ReadOutcome, Shape};
use wuhao::scheme::default_scheme;
use wuhao::table::parse_grid;

const DEFAULT_TODAY: Period = Period { year: 2022, month: 12 };

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("paste")
}

fn parse_period(s: &str) -> Period {
    let (y, m) = s.trim().split_once('-').unwrap_or(("", ""));
    Period { year: y.parse().unwrap_or(0), month: m.parse().unwrap_or(0) }
}

/// The outcome as the text stored in `.expect` files.
fn render(o: &ReadOutcome) -> String {
    let mut s = String::new();
    let shape = match o.shape {
        Shape::IndicatorRows => "indicator_rows",
        Shape::ParkRows => "park_rows",
        Shape::Unknown => "unknown",
    };
    let src = match o.period_source {
        PeriodSource::User => "user",
        PeriodSource::Header => "header",
        PeriodSource::Today => "today",
    };
    let header = o.header_row.map(|r| (r + 1).to_string()).unwrap_or_else(|| "none".into());
    let _ = writeln!(s, "shape: {shape}, header row: {header}");
    let _ = writeln!(s, "period: {}-{:02} ({src})", o.period.year, o.period.month);
    let _ = writeln!(s, "columns:");
    for c in &o.columns {
        let _ = writeln!(s, "  {} {:?} → {}", c.col + 1, c.header, c.role);
    }
    for p in &o.parks {
        let row = p.row.map(|r| format!(" (row {})", r + 1)).unwrap_or_default();
        let _ = writeln!(s, "park {:?}{row}:", p.name);
        for (name, ob) in &p.items {
            let mut line = format!("  {name} = {}", show_value(ob.value));
            if ob.target.is_some() {
                let _ = write!(line, "; target {}", show_value(ob.target));
            }
            if ob.last_year.is_some() {
                let _ = write!(line, "; last year {}", show_value(ob.last_year));
            }
            if !ob.monthly.is_empty() {
                let m: Vec<String> = ob.monthly.iter().map(|v| show_value(*v)).collect();
                let _ = write!(line, "; monthly [{}]", m.join(" "));
            }
            if !ob.last_year_monthly.is_empty() {
                let m: Vec<String> = ob.last_year_monthly.iter().map(|v| show_value(*v)).collect();
                let _ = write!(line, "; last year monthly [{}]", m.join(" "));
            }
            if !ob.note.is_empty() {
                let _ = write!(line, "; note {:?}", ob.note);
            }
            let _ = writeln!(s, "{line}");
        }
    }
    if !o.unmatched.is_empty() {
        let _ = writeln!(s, "unmatched:");
        for u in &o.unmatched {
            let _ = writeln!(s, "  r{}c{} {:?} → {}", u.row + 1, u.col + 1, u.text, u.suggestions.join(", "));
        }
    }
    let _ = writeln!(s, "missing: {}", o.missing.join(", "));
    let _ = writeln!(s, "diagnostics:");
    for d in &o.diagnostics {
        let level = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let pos = match (d.row, d.col) {
            (Some(r), Some(c)) => format!(" r{r}c{c}"),
            (Some(r), None) => format!(" r{r}"),
            _ => String::new(),
        };
        let cell = d.cell.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default();
        let _ = writeln!(s, "  {level}{pos} {}{cell}: {}", d.kind(), d.message());
    }
    s
}

/// Reads one case and returns (actual rendering, expect path).
fn run_case(tsv: &Path) -> (String, PathBuf) {
    let args = std::fs::read_to_string(tsv.with_extension("args")).unwrap_or_default();
    let mut today = DEFAULT_TODAY;
    let mut period = None;
    let mut text = std::fs::read_to_string(tsv).unwrap_or_default();
    for line in args.lines() {
        match line.split_once('=') {
            Some(("today", v)) => today = parse_period(v),
            Some(("period", v)) => period = Some(parse_period(v)),
            Some(("source", v)) => {
                text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(v.trim()))
                    .unwrap_or_else(|e| format!("cannot read {v}: {e}"))
            }
            _ => {}
        }
    }
    let out = read_data(&text, &default_scheme(), period, today);
    (render(&out), tsv.with_extension("expect"))
}

#[test]
fn corpus() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // Cases are found by their expectation, so a case may take its paste from elsewhere (source=).
    cases.retain(|p| p.extension().is_some_and(|e| e == "expect"));
    cases.sort();
    assert!(cases.len() >= 30, "the corpus should hold at least 30 cases, found {}", cases.len());
    let mut failures = Vec::new();
    for expect in &cases {
        let tsv = expect.with_extension("tsv");
        let (got, expect_path) = run_case(&tsv);
        let want = std::fs::read_to_string(&expect_path).unwrap_or_default();
        if got != want {
            if update {
                std::fs::write(&expect_path, &got).unwrap_or_else(|e| panic!("cannot write {expect_path:?}: {e}"));
            } else {
                failures.push(format!("=== {}\n--- expected\n{want}--- got\n{got}", expect.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} case(s) differ (UPDATE_EXPECT=1 to rewrite):\n{}", failures.len(), failures.join("\n"));
}

/// The seed paste, asserted directly as well as through its expect file.
#[test]
fn seed_reads_every_row() {
    let text = include_str!("../examples/hengshan-2022-jan-nov.tsv");
    let out = read_data(text, &default_scheme(), None, Period { year: 2022, month: 12 });
    assert_eq!(out.shape, Shape::IndicatorRows);
    assert_eq!(out.period, Period { year: 2022, month: 11 });
    assert_eq!(out.period_source, PeriodSource::Header);
    assert_eq!(out.parks.len(), 1);
    let park = &out.parks.park(0).unwrap();
    // 19 lines: the header and 18 indicators.
    assert_eq!(park.items.len(), 18);
    assert_eq!(park.value("技工贸总收入"), Some(148.2032));
    assert_eq!(park.value("研究开发费用总额"), Some(4.99));
    assert_eq!(park.value("较大及以上生产安全事故"), Some(0.0));
    let doc = &park.items["政务服务事项平均申报材料"];
    assert_eq!(doc.value, Some(3.1));
    assert_eq!(doc.note, "由5.9件减至3.1件");
    assert!(out.unmatched.is_empty());
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    // A user's period wins over the header's.
    let user = read_data(text, &default_scheme(), Some(Period { year: 2022, month: 10 }), Period { year: 2022, month: 12 });
    assert_eq!((user.period, user.period_source), (Period { year: 2022, month: 10 }, PeriodSource::User));
}

/// Invisible characters and full-width letters pasted from documents do not
/// break names: the folded name matches the scheme's.
#[test]
fn invisible_characters_do_not_break_names() {
    let text = "指标名称\t单位\t1-11月累计\n\u{feff}技工贸\u{200b}总收入\t亿元\t148.2\n上交\u{00ad}税金\u{200e}\t亿元\t3.5\n全区\t\t\n";
    let out = read_data(text, &default_scheme(), None, DEFAULT_TODAY);
    assert_eq!(out.parks.len(), 1);
    assert_eq!(out.parks.value(0, "技工贸总收入"), Some(148.2));
    assert_eq!(out.parks.value(0, "上交税金"), Some(3.5));
    assert!(out.unmatched.iter().all(|u| !u.text.contains("总收入") && !u.text.contains("税金")), "{:?}", out.unmatched);
}

const PIECES: &[&str] = &[
    "\t", "\t", "\t", "\n", "\r\n", "\r", "\"", "\"\"", "1", "0", "9", ".", ",", "-", "−", "—", "%", "％", "６３．７", "（", "）", "(",
    ")", "亿元", "万元", "亿美元", "亩", "公顷", "个", "件", "约", "余", "→", "->", "～", "空", "无", "N/A", "#N/A", "/", "NaN",
    "Infinity", "1e400", "e", "1,038", "技工贸总收入", "上交税金", "指标名称", "单位", "1-11月累计", "年度目标", "上年同期", "备注", "园区",
    "园区名称", "技工贸总收入（亿元）", "衡山高新区2022年1-11月主要指标", "2022年", "截至11月", "13月", "1月", "上年1月", "本月", "\u{feff}",
    " ", "\u{3000}", "序号", "合计", "x", "研发投入强度", "实际利用外资", "a\u{0}b", "🙂", "9999999999999999999999",
];

fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    let n = rng.below(60);
    for _ in 0..n {
        if rng.below(10) == 0 {
            // Raw bytes, made valid UTF-8 the way a browser would.
            let bytes: Vec<u8> = (0..rng.below(6)).map(|_| rng.next() as u8).collect();
            s.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

#[test]
fn arbitrary_text_never_panics_and_always_reports() {
    let scheme = default_scheme();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let today = Period { year: 2022, month: 12 };
    for case in 0..20_000 {
        let text = random_text(&mut rng);
        let period = if rng.below(4) == 0 { Some(Period { year: 2022, month: 6 }) } else { None };
        let out = read_data(&text, &scheme, period, today);
        assert!((1..=12).contains(&out.period.month), "case {case}: {text:?} gave month {}", out.period.month);
        for p in &out.parks {
            for ob in p.items.values() {
                for v in [ob.value, ob.target, ob.last_year].into_iter().chain(ob.monthly.iter().copied()) {
                    assert!(v.is_none_or(f64::is_finite), "case {case}: non-finite value from {text:?}");
                }
            }
        }
        for d in &out.diagnostics {
            assert!(!d.message().is_empty(), "case {case}: empty message");
            assert!(d.row.is_none_or(|r| r >= 1) && d.col.is_none_or(|c| c >= 1));
        }
        assert!(out.diagnostics.len() <= 501);
        // The grid and number readers on their own, too.
        let _ = parse_grid(&text, wuhao::diag::Source::Data);
        if let CellNumber::Value { value, .. } = parse_number(&text) {
            assert!(value.is_finite(), "case {case}: {text:?}");
        }
    }
}

/// Every grid row count equals the number of line breaks outside quotes (plus a
/// last unterminated line), so row numbers in diagnostics match the spreadsheet.
#[test]
fn grid_keeps_row_numbers() {
    let mut rng = Rng(42);
    for _ in 0..5_000 {
        let rows = 1 + rng.below(8);
        let cols = 1 + rng.below(5);
        let mut cells = Vec::new();
        let mut text = String::new();
        for r in 0..rows {
            let mut row = Vec::new();
            for c in 0..cols {
                let cell = match rng.below(5) {
                    0 => String::new(),
                    1 => "a\tb".to_string(),
                    2 => "x\ny\"z".to_string(),
                    3 => "\"q".to_string(),
                    _ => format!("{}", rng.below(1000)),
                };
                if c > 0 {
                    text.push('\t');
                }
                if cell.contains(['\t', '\n', '"']) {
                    text.push('"');
                    text.push_str(&cell.replace('"', "\"\""));
                    text.push('"');
                } else {
                    text.push_str(&cell);
                }
                row.push(cell);
            }
            let blank = cols == 1 && row.iter().all(String::is_empty);
            if r + 1 < rows || blank || rng.below(2) == 0 {
                text.push_str(if rng.below(2) == 0 { "\r\n" } else { "\n" });
            }
            // A row of empty cells is a blank line: the parser returns it without cells.
            if row.iter().all(String::is_empty) && cols == 1 {
                row.clear();
            }
            cells.push(row);
        }
        let (grid, diags) = parse_grid(&text, wuhao::diag::Source::Data);
        assert_eq!(grid.to_rows(), cells, "{text:?}");
        assert!(diags.is_empty());
    }
}

/// The benchmark's size: 20,000 rows × 40 cells reads without trouble. Timing
/// is printed, not asserted, since debug builds are slow; run with --release
/// and --nocapture to see it.
#[test]
fn large_paste_reads() {
    let mut text = String::from("园区\t技工贸总收入（亿元）\t上交税金");
    for c in 3..40 {
        text.push_str(&format!("\t列{c}"));
    }
    text.push_str("\r\n");
    // PASTE_BENCH_ROWS=60000 makes a 10 MB paste for timing by hand.
    let rows: usize = std::env::var("PASTE_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    for r in 0..rows {
        text.push_str(&format!("园区{r}\t{}.5\t1,038", r % 997));
        for c in 3..40 {
            text.push_str(&format!("\t{}", (r * c) % 1000));
        }
        text.push_str("\r\n");
    }
    let t0 = std::time::Instant::now();
    let (grid, _) = parse_grid(&text, wuhao::diag::Source::Data);
    let t1 = t0.elapsed();
    let out = read_data(&text, &default_scheme(), None, DEFAULT_TODAY);
    let t2 = t0.elapsed();
    eprintln!("{} bytes: grid {:?}, grid+read {:?}", text.len(), t1, t2 - t1);
    assert_eq!(grid.n_rows(), rows + 1);
    assert_eq!(out.shape, Shape::ParkRows);
    assert_eq!(out.parks.len(), rows);
    assert_eq!(out.parks.value(3, "上交税金"), Some(1038.0));
}
