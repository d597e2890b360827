//! Target decomposition checks: each pasted table under tests/split/*.tsv is
//! checked against a hand-built park, and the rendered report is compared with
//! tests/split/*.txt. Set UPDATE_EXPECT=1 to rewrite an expectation after
//! reviewing the difference.

mod common;
use common::f;

use std::path::PathBuf;
use wuhao::diag::Level;
use wuhao::model::{Observation, ParkData, Period, ProgressSettings, SplitReport};
use wuhao::scheme::default_scheme;
use wuhao::split::check_split;

fn obs(value: f64, target: f64) -> Observation {
    Observation { value: Some(value), target: Some(target), ..Observation::default() }
}

/// A park with 技工贸总收入 (target 150 亿元, 1–m月 130.5) and, when `tax`, 上交税金 (6 / 5.27).
fn park(tax: bool) -> ParkData {
    let mut p = ParkData { name: "测试园区".into(), ..ParkData::default() };
    p.items.insert("技工贸总收入".into(), obs(130.5, 150.0));
    if tax {
        p.items.insert("上交税金".into(), obs(5.27, 6.0));
    }
    p
}


fn render(r: &SplitReport) -> String {
    let mut out = format!("标题 {} | 按 {} | 单位 {}\n", r.title, r.kind, r.unit.as_ref().map(|u| u.label.as_str()).unwrap_or("—"));
    for p in &r.parts {
        out.push_str(&format!(
            "分项 {} [{}] {} | 目标 {} 完成 {} | 完成率 {} 差 {} 占缺口 {} | {}\n",
            p.name,
            p.indicator,
            p.status.label(),
            f(p.target),
            f(p.actual),
            f(p.completion),
            f(p.gap_pp),
            f(p.gap_share),
            p.note
        ));
    }
    for s in &r.sums {
        out.push_str(&format!(
            "核对 {} {} {} | 整体 {} 合计 {} 差 {} | {}\n",
            if s.ok { "✓" } else { "✗" },
            s.indicator,
            s.what,
            f(s.whole),
            f(Some(s.parts_sum)),
            f(s.difference),
            s.message
        ));
    }
    out.push_str(&format!("滞后 {}\n", r.laggards.join("、")));
    for d in &r.diagnostics {
        let level = if d.level == Level::Error { "错误" } else { "警告" };
        let pos = match (d.row, d.col) {
            (Some(r), Some(c)) => format!("{r}:{c}"),
            (Some(r), None) => format!("{r}"),
            _ => "-".into(),
        };
        out.push_str(&format!("{level} {pos} {} {}{}\n", d.kind(), d.message(), d.cell.as_ref().map(|c| format!(" «{c}»")).unwrap_or_default()));
    }
    out
}

/// Checks tests/split/`input`.tsv as split number `index` against `whole` at
/// `year`-`month` and compares the rendered report with `name`.txt, where
/// `name` is `input` or `input@variant` for the same table under other settings.
fn check(name: &str, index: usize, whole: Option<&ParkData>, year: i32, month: u32, settings: ProgressSettings) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/split");
    let input = name.split('@').next().unwrap_or(name);
    let text = std::fs::read_to_string(dir.join(format!("{input}.tsv"))).unwrap_or_else(|e| panic!("{name}.tsv: {e}"));
    let report = check_split(index, &text, &default_scheme(), whole, Period { year, month }, &settings);
    for d in &report.diagnostics {
        assert_eq!(d.source, wuhao::diag::Source::Split(index), "diagnostic from the wrong source: {d:?}");
    }
    let got = render(&report);
    let path = dir.join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).unwrap_or_else(|e| panic!("{name}.txt: {e}"));
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "\n{name}: actual report:\n{got}");
}

fn def() -> ProgressSettings {
    ProgressSettings::default()
}

#[test]
fn parts_that_add_up_with_a_total_row() {
    check("area_ok", 0, Some(&park(false)), 2022, 11, def());
}

#[test]
fn parts_that_do_not_add_up() {
    check("area_mismatch", 1, Some(&park(false)), 2022, 11, def());
}

#[test]
fn tolerance_is_a_setting() {
    // 130.5 against 128.5 is 1.5 % off: within a 2 % tolerance, outside 0.5 %.
    check("area_mismatch@loose", 0, Some(&park(false)), 2022, 11, ProgressSettings { split_tolerance: 0.02, ..def() });
}

#[test]
fn wan_yuan_parts_of_a_yi_yuan_whole() {
    check("wan_header", 0, Some(&park(false)), 2022, 11, def());
    check("wan_unit_col", 0, Some(&park(false)), 2022, 11, def());
    // Unstated units are taken as the whole's; the 10000-fold gap is pointed out.
    check("wan_unstated", 0, Some(&park(false)), 2022, 11, def());
}

#[test]
fn split_of_an_indicator_the_park_lacks() {
    check("park_lacks", 2, Some(&park(false)), 2022, 11, def());
}

#[test]
fn several_indicators() {
    check("pairs", 0, Some(&park(true)), 2022, 11, def());
    check("indicator_col", 0, Some(&park(true)), 2022, 11, def());
    check("two_row_header", 0, Some(&park(true)), 2022, 11, def());
}

#[test]
fn month_splits() {
    let mut p = park(false);
    p.items.insert("技工贸总收入".into(), obs(30.0, 150.0));
    check("month", 0, Some(&p), 2023, 3, def());
    check("month_mismatch", 0, Some(&p), 2023, 3, def());
    check("month_sum_off", 0, Some(&p), 2023, 3, def());
    // At m = 1 and m = 12 the cumulative part is the first month and the year.
    check("month@m1", 0, Some(&p), 2023, 1, def());
}

#[test]
fn parts_at_month_1_and_12() {
    check("area_ok@m1", 0, Some(&park(false)), 2022, 1, def());
    check("area_ok@m12", 0, Some(&park(false)), 2022, 12, ProgressSettings { by_days: true, ..def() });
}

#[test]
fn unknown_negative_indicator_without_whole() {
    check("unknown_negative", 0, None, 2022, 11, def());
}

#[test]
fn bad_input_becomes_diagnostics() {
    check("no_header", 0, Some(&park(false)), 2022, 11, def());
    check("bad_cells", 0, Some(&park(false)), 2022, 11, def());
}

#[test]
fn rate_type_parts_are_compared_not_added() {
    check("rate_parts", 0, Some(&park(false)), 2022, 11, def());
}

#[test]
fn odd_figures_stay_finite() {
    // Huge, tiny, negative and zero targets, a lone 合计 row, blank and 小计
    // rows: every figure rendered is finite (the renderer asserts it).
    check("garbage", 3, None, 2022, 6, def());
}
