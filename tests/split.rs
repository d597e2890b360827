//! Target decomposition checks: each pasted table under tests/split/*.tsv is
//! checked against a hand-built park, and the rendered report is compared with
//! tests/split/*.txt. Set UPDATE_EXPECT=1 to rewrite an expectation after
//! reviewing the difference.

mod common;
use common::f;

use std::path::PathBuf;
use wuhao::diag::Level;
use wuhao::model::{Observation, ParkData, ProgressSettings, SplitReport};
use wuhao::base::period::Period;
use wuhao::scheme::default_scheme;
use wuhao::eval::split::check_split;

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

/// A generated table of `n` enterprises (亿元, 4 decimals), as the benchmark pastes.
fn enterprises(n: usize) -> String {
    let mut s = String::from("技工贸总收入目标分解（单位：亿元）\r\n企业\t年度目标\t1-11月累计\r\n");
    for i in 0..n {
        let t = 0.05 + (i % 17) as f64 * 0.01;
        let a = t * (0.6 + (i % 7) as f64 * 0.1);
        s.push_str(&format!("第{}号企业有限公司\t{t:.4}\t{a:.4}\r\n", i + 1));
    }
    s
}

#[test]
fn above_200_parts_a_compact_report_carries_the_parts_as_arrays_and_lists_200() {
    let data = std::fs::read_to_string("examples/hengshan-2022-jan-nov.tsv").unwrap();
    let rest = |compact: bool| {
        serde_json::json!({"today": "2022-12-05", "splits": [enterprises(250)], "compact": compact}).to_string()
    };
    let full: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_parts(&data, &rest(false))).unwrap();
    let compact: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_parts(&data, &rest(true))).unwrap();
    let parts = full["splits"][0]["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 250);
    assert!(full["splits"][0].get("parts_compact").is_none(), "without compact every part is an object");
    let c = &compact["splits"][0]["parts_compact"];
    assert_eq!(compact["splits"][0]["parts"].as_array().unwrap().len(), 0);
    assert_eq!(c["count"], 250);
    assert_eq!(c["indicators"], serde_json::json!(["技工贸总收入"]));
    assert_eq!(c["units"], serde_json::json!(["亿元"]));
    // Index k of every array is the k-th part object of the full report.
    for (k, p) in parts.iter().enumerate() {
        for key in ["name", "target", "actual", "completion", "gap_pp", "status_key", "gap_share", "note"] {
            assert_eq!(c[key][k], p[key], "{key} of part {k}");
        }
        assert_eq!(c["indicators"][c["indicator"][k].as_u64().unwrap() as usize], p["indicator"]);
        assert_eq!(c["units"][c["indicator"][k].as_u64().unwrap() as usize], p["unit"]);
    }
    // The page's table lists the first 200 parts, the same rows as the full table's first 200.
    let table = |r: &serde_json::Value, key: &str| r["tables"].as_array().unwrap().iter().find(|t| t["key"] == key).unwrap().clone();
    let (ft, ct) = (table(&full, "split:0"), table(&compact, "split:0"));
    assert_eq!(ft["rows"].as_array().unwrap().len(), 250);
    assert_eq!(ct["rows"].as_array().unwrap().len(), 200);
    assert_eq!(ct["rows"].as_array().unwrap()[..], ft["rows"].as_array().unwrap()[..200]);
    assert_eq!(table(&full, "split:0:sums"), table(&compact, "split:0:sums"));
    assert_eq!(full["splits"][0]["sums"], compact["splits"][0]["sums"]);
    assert_eq!(full["splits"][0]["laggards"], compact["splits"][0]["laggards"]);
    // The exports still write every part.
    let tsv = String::from_utf8(wuhao::api::export_parts(&data, &rest(true), "split:0@", "tsv")).unwrap();
    assert!(tsv.contains("第250号企业有限公司"), "the copied table holds every part");
    // Up to 200 parts compact changes nothing.
    let few = |compact: bool| serde_json::json!({"today": "2022-12-05", "splits": [enterprises(200)], "compact": compact}).to_string();
    assert_eq!(wuhao::api::evaluate_parts(&data, &few(true)), wuhao::api::evaluate_parts(&data, &few(false)));
}
