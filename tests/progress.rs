//! The progress table (调度表): every formula at m = 1 and m = 12, day-based time
//! progress in leap and common years, missing and zero targets, negative and
//! rate-type items, and projections by last year's monthly profile.

mod common;
use common::f;

use wuhao::model::{Observation, ParkData, ProgressRow, ProgressSettings};

use wuhao::base::period::Period;
use wuhao::eval::progress::progress_rows;
use wuhao::read::scheme_text;
use wuhao::scheme::Scheme;

fn scheme() -> Scheme {
    let loaded = scheme_text::load(include_str!("progress/scheme.json"));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.scheme.unwrap_or_else(|| panic!("test scheme does not load"))
}

/// An observation with a cumulative actual and an annual target.
fn obs(value: Option<f64>, target: Option<f64>) -> Observation {
    Observation { value, target, ..Observation::default() }
}

fn with_last_year(mut o: Observation, ly: f64) -> Observation {
    o.last_year = Some(ly);
    o
}

fn with_profile(mut o: Observation, months: &[f64]) -> Observation {
    o.last_year_monthly = months.iter().map(|v| Some(*v)).collect();
    o
}


fn render(r: &ProgressRow) -> String {
    format!(
        "{} {} | 目标 {} 累计 {} | 完成率 {} 时序 {} 差 {} | 同比 {} 预计 {} 月均 {} | {}",
        r.name,
        r.status.label(),
        f(r.target),
        f(r.actual),
        f(r.completion),
        f(r.time_progress),
        f(r.gap_pp),
        f(r.yoy),
        f(r.projection),
        f(r.monthly_needed),
        r.note
    )
}

/// Builds a park from `items`, computes its progress table at `year`-`month`
/// and compares the rendered rows (one line each) with `expect`.
fn check(items: Vec<(&str, Observation)>, year: i32, month: u32, settings: ProgressSettings, expect: &str) {
    let mut park = ParkData { name: "测试园区".into(), ..ParkData::default() };
    for (name, o) in items {
        park.items.insert(name.to_string(), o);
    }
    let rows = progress_rows(&scheme(), &park, Period { year, month }, &settings);
    let got: Vec<String> = rows.iter().map(render).collect();
    let want: Vec<&str> = expect.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(got, want, "\nactual:\n{}\n", got.join("\n"));
}

fn def() -> ProgressSettings {
    ProgressSettings::default()
}

fn days() -> ProgressSettings {
    ProgressSettings { by_days: true, ..ProgressSettings::default() }
}

const LINEAR: &str = "全年预计按线性外推";

#[test]
fn cumulative_at_month_1_and_12() {
    check(
        vec![("技工贸总收入", obs(Some(12.0), Some(120.0)))],
        2022,
        1,
        def(),
        &format!("技工贸总收入 超序时进度 | 目标 120.00 累计 12.00 | 完成率 10.00 时序 8.33 差 1.67 | 同比 — 预计 144.00 月均 9.82 | {LINEAR}"),
    );
    check(
        vec![("技工贸总收入", obs(Some(110.0), Some(120.0)))],
        2022,
        12,
        def(),
        &format!(
            "技工贸总收入 严重低于序时进度 | 目标 120.00 累计 110.00 | 完成率 91.67 时序 100.00 差 -8.33 | 同比 — 预计 110.00 月均 — | {LINEAR}"
        ),
    );
    // Met in full at m = 12: nothing left to do, and no division by 12 − m.
    check(
        vec![("技工贸总收入", obs(Some(125.0), Some(120.0)))],
        2022,
        12,
        def(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 120.00 累计 125.00 | 完成率 104.17 时序 100.00 差 4.17 | 同比 — 预计 125.00 月均 — | {LINEAR}"
        ),
    );
}

#[test]
fn status_thresholds() {
    // Exactly on time, exactly at the 略低于序时进度 limit, and beyond it.
    check(
        vec![("技工贸总收入", obs(Some(50.0), Some(100.0)))],
        2022,
        6,
        def(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 100.00 累计 50.00 | 完成率 50.00 时序 50.00 差 0.00 | 同比 — 预计 100.00 月均 8.33 | {LINEAR}"
        ),
    );
    check(
        vec![("技工贸总收入", obs(Some(45.0), Some(100.0)))],
        2022,
        6,
        def(),
        &format!(
            "技工贸总收入 略低于序时进度 | 目标 100.00 累计 45.00 | 完成率 45.00 时序 50.00 差 -5.00 | 同比 — 预计 90.00 月均 9.17 | {LINEAR}"
        ),
    );
    let strict = ProgressSettings { slight_pp: 4.99, ..def() };
    check(
        vec![("技工贸总收入", obs(Some(45.0), Some(100.0)))],
        2022,
        6,
        strict,
        &format!(
            "技工贸总收入 严重低于序时进度 | 目标 100.00 累计 45.00 | 完成率 45.00 时序 50.00 差 -5.00 | 同比 — 预计 90.00 月均 9.17 | {LINEAR}"
        ),
    );
    // Already above the annual target: the remaining monthly need is 0, not negative.
    check(
        vec![("技工贸总收入", obs(Some(130.0), Some(100.0)))],
        2022,
        6,
        def(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 100.00 累计 130.00 | 完成率 130.00 时序 50.00 差 80.00 | 同比 — 预计 260.00 月均 0.00 | {LINEAR}"
        ),
    );
}

#[test]
fn year_on_year() {
    // The seed park's 1-11月 revenue against an invented target and last year.
    check(
        vec![("技工贸总收入", with_last_year(obs(Some(148.2032), Some(160.0)), 130.0))],
        2022,
        11,
        def(),
        &format!(
        "技工贸总收入 超序时进度 | 目标 160.00 累计 148.20 | 完成率 92.63 时序 91.67 差 0.96 | 同比 14.00 预计 161.68 月均 11.80 | {LINEAR}"
    ),
    );
    check(
        vec![("技工贸总收入", with_last_year(obs(Some(12.0), Some(120.0)), 15.0))],
        2022,
        1,
        def(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 120.00 累计 12.00 | 完成率 10.00 时序 8.33 差 1.67 | 同比 -20.00 预计 144.00 月均 9.82 | {LINEAR}"
        ),
    );
    check(vec![("技工贸总收入", with_last_year(obs(Some(12.0), Some(120.0)), 0.0))], 2022, 1, def(), &format!(
        "技工贸总收入 超序时进度 | 目标 120.00 累计 12.00 | 完成率 10.00 时序 8.33 差 1.67 | 同比 — 预计 144.00 月均 9.82 | 上年同期为 0，不计同比；{LINEAR}"
    ));
}

#[test]
fn day_based_time_progress() {
    // February: 60/366 in 2024 (leap), 59/365 in 2023; the same figures are on
    // time in 2024 and slightly ahead in 2023.
    check(
        vec![("技工贸总收入", obs(Some(60.0), Some(366.0)))],
        2024,
        2,
        days(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 366.00 累计 60.00 | 完成率 16.39 时序 16.39 差 0.00 | 同比 — 预计 360.00 月均 30.60 | {LINEAR}"
        ),
    );
    check(
        vec![("技工贸总收入", obs(Some(60.0), Some(366.0)))],
        2023,
        2,
        days(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 366.00 累计 60.00 | 完成率 16.39 时序 16.16 差 0.23 | 同比 — 预计 360.00 月均 30.60 | {LINEAR}"
        ),
    );
    // 1900 is not a leap year, 2000 is.
    check(
        vec![("技工贸总收入", obs(Some(59.0), Some(365.0)))],
        1900,
        2,
        days(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 365.00 累计 59.00 | 完成率 16.16 时序 16.16 差 0.00 | 同比 — 预计 354.00 月均 30.60 | {LINEAR}"
        ),
    );
    check(
        vec![("技工贸总收入", obs(Some(59.0), Some(365.0)))],
        2000,
        2,
        days(),
        &format!(
            "技工贸总收入 略低于序时进度 | 目标 365.00 累计 59.00 | 完成率 16.16 时序 16.39 差 -0.23 | 同比 — 预计 354.00 月均 30.60 | {LINEAR}"
        ),
    );
    // m = 1: 31 days of 366 or 365; m = 12: the whole year either way.
    check(
        vec![("技工贸总收入", obs(Some(10.0), Some(120.0)))],
        2024,
        1,
        days(),
        &format!(
            "技工贸总收入 略低于序时进度 | 目标 120.00 累计 10.00 | 完成率 8.33 时序 8.47 差 -0.14 | 同比 — 预计 120.00 月均 10.00 | {LINEAR}"
        ),
    );
    check(
        vec![("技工贸总收入", obs(Some(10.0), Some(120.0)))],
        2023,
        1,
        days(),
        &format!(
            "技工贸总收入 略低于序时进度 | 目标 120.00 累计 10.00 | 完成率 8.33 时序 8.49 差 -0.16 | 同比 — 预计 120.00 月均 10.00 | {LINEAR}"
        ),
    );
    check(
        vec![("技工贸总收入", obs(Some(120.0), Some(120.0)))],
        2024,
        12,
        days(),
        &format!(
            "技工贸总收入 超序时进度 | 目标 120.00 累计 120.00 | 完成率 100.00 时序 100.00 差 0.00 | 同比 — 预计 120.00 月均 — | {LINEAR}"
        ),
    );
}

#[test]
fn missing_and_zero_targets() {
    check(
        vec![("技工贸总收入", obs(Some(50.0), None))],
        2022,
        6,
        def(),
        &format!("技工贸总收入 缺数据 | 目标 — 累计 50.00 | 完成率 — 时序 50.00 差 — | 同比 — 预计 100.00 月均 — | 缺年度目标；{LINEAR}"),
    );
    check(
        vec![("技工贸总收入", obs(None, Some(100.0)))],
        2022,
        6,
        def(),
        "技工贸总收入 缺数据 | 目标 100.00 累计 — | 完成率 — 时序 50.00 差 — | 同比 — 预计 — 月均 — | 缺实际完成数",
    );
    check(vec![("技工贸总收入", obs(Some(5.0), Some(0.0)))], 2022, 6, def(), &format!(
        "技工贸总收入 超序时进度 | 目标 0.00 累计 5.00 | 完成率 — 时序 50.00 差 — | 同比 — 预计 10.00 月均 0.00 | 目标为 0，不计完成率；{LINEAR}"
    ));
    // Not-finite figures never leave the table; they count as missing.
    check(vec![("技工贸总收入", obs(Some(f64::NAN), Some(f64::INFINITY)))], 2022, 6, def(), "");
    check(
        vec![("技工贸总收入", obs(Some(f64::NAN), Some(100.0)))],
        2022,
        6,
        def(),
        "技工贸总收入 缺数据 | 目标 100.00 累计 — | 完成率 — 时序 50.00 差 — | 同比 — 预计 — 月均 — | 缺实际完成数",
    );
}

#[test]
fn negative_cumulative_items() {
    const NEG: &str = "逆向指标：越小越好";
    // 500 of a 1200 allowance used at mid-year: 41.67 % used against 50 % of time.
    check(
        vec![("综合能耗", obs(Some(500.0), Some(1200.0)))],
        2022,
        6,
        def(),
        &format!(
        "综合能耗 超序时进度 | 目标 1200.00 累计 500.00 | 完成率 240.00 时序 50.00 差 8.33 | 同比 — 预计 1000.00 月均 116.67 | {NEG}；{LINEAR}"
    ),
    );
    check(
        vec![("综合能耗", obs(Some(660.0), Some(1200.0)))],
        2022,
        6,
        def(),
        &format!(
        "综合能耗 略低于序时进度 | 目标 1200.00 累计 660.00 | 完成率 181.82 时序 50.00 差 -5.00 | 同比 — 预计 1320.00 月均 90.00 | {NEG}；{LINEAR}"
    ),
    );
    check(
        vec![("综合能耗", obs(Some(120.0), Some(1200.0)))],
        2022,
        1,
        def(),
        &format!(
        "综合能耗 略低于序时进度 | 目标 1200.00 累计 120.00 | 完成率 1000.00 时序 8.33 差 -1.67 | 同比 — 预计 1440.00 月均 98.18 | {NEG}；{LINEAR}"
    ),
    );
    check(
        vec![("综合能耗", obs(Some(1300.0), Some(1200.0)))],
        2022,
        12,
        def(),
        &format!(
        "综合能耗 严重低于序时进度 | 目标 1200.00 累计 1300.00 | 完成率 92.31 时序 100.00 差 -8.33 | 同比 — 预计 1300.00 月均 — | {NEG}；{LINEAR}"
    ),
    );
    // The allowance is used up before the year ends: nothing left per month.
    check(vec![("综合能耗", obs(Some(1300.0), Some(1200.0)))], 2022, 6, def(), &format!(
        "综合能耗 严重低于序时进度 | 目标 1200.00 累计 1300.00 | 完成率 92.31 时序 50.00 差 -58.33 | 同比 — 预计 2600.00 月均 0.00 | {NEG}；{LINEAR}；已超过全年控制目标"
    ));
    // An input named like an accident is negative; a zero target is met only by zero.
    check(vec![("一般生产安全事故", obs(Some(0.0), Some(0.0)))], 2022, 11, def(), &format!(
        "一般生产安全事故 超序时进度 | 目标 0.00 累计 0.00 | 完成率 — 时序 91.67 差 — | 同比 — 预计 0.00 月均 0.00 | 目标为 0，不计完成率；{NEG}；{LINEAR}"
    ));
    check(vec![("一般生产安全事故", obs(Some(1.0), Some(0.0)))], 2022, 11, def(), &format!(
        "一般生产安全事故 严重低于序时进度 | 目标 0.00 累计 1.00 | 完成率 — 时序 91.67 差 — | 同比 — 预计 1.09 月均 0.00 | 目标为 0，不计完成率；{NEG}；{LINEAR}；已超过全年控制目标"
    ));
    check(vec![("一般生产安全事故", obs(Some(0.0), Some(2.0)))], 2022, 12, def(), &format!(
        "一般生产安全事故 超序时进度 | 目标 2.00 累计 0.00 | 完成率 — 时序 100.00 差 100.00 | 同比 — 预计 0.00 月均 — | 实际为 0，不计完成率；{NEG}；{LINEAR}"
    ));
}

#[test]
fn rate_type_items() {
    const RATE: &str = "比率类：全年预计取当前值";
    // A growth rate against its target rate, with no time progress, at m = 11, 1 and 12.
    check(
        vec![("固定资产投资增速", obs(Some(17.67), Some(10.0)))],
        2022,
        11,
        def(),
        &format!("固定资产投资增速 超序时进度 | 目标 10.00 累计 17.67 | 完成率 176.70 时序 — 差 7.67 | 同比 — 预计 17.67 月均 — | {RATE}"),
    );
    check(
        vec![("固定资产投资增速", obs(Some(6.0), Some(10.0)))],
        2022,
        1,
        def(),
        &format!("固定资产投资增速 略低于序时进度 | 目标 10.00 累计 6.00 | 完成率 60.00 时序 — 差 -4.00 | 同比 — 预计 6.00 月均 — | {RATE}"),
    );
    check(
        vec![("固定资产投资增速", obs(Some(-3.0), Some(10.0)))],
        2022,
        12,
        def(),
        &format!("固定资产投资增速 严重低于序时进度 | 目标 10.00 累计 -3.00 | 完成率 -30.00 时序 — 差 -13.00 | 同比 — 预计 -3.00 月均 — | {RATE}"),
    );
    // Last year's rate gives a change in points, not a growth of a growth.
    check(vec![("固定资产投资增速", with_last_year(obs(Some(17.67), Some(10.0)), 12.0))], 2022, 11, def(), &format!(
        "固定资产投资增速 超序时进度 | 目标 10.00 累计 17.67 | 完成率 176.70 时序 — 差 7.67 | 同比 — 预计 17.67 月均 — | 比同期 +5.67 个百分点；{RATE}"
    ));
    // A zero target rate: no completion, but the gap in points still says where we stand.
    check(
        vec![("固定资产投资增速", obs(Some(3.0), Some(0.0)))],
        2022,
        6,
        def(),
        &format!(
        "固定资产投资增速 超序时进度 | 目标 0.00 累计 3.00 | 完成率 — 时序 — 差 3.00 | 同比 — 预计 3.00 月均 — | 目标为 0，不计完成率；{RATE}"
    ),
    );
    // A ratio that is not in percent: the gap is the completion above 100 %.
    check(
        vec![("综合容积率", obs(Some(1.37), Some(1.2)))],
        2022,
        11,
        def(),
        &format!("综合容积率 超序时进度 | 目标 1.20 累计 1.37 | 完成率 114.17 时序 — 差 14.17 | 同比 — 预计 1.37 月均 — | {RATE}"),
    );
    // A negative average (fewer documents is better): 3 / 3.1.
    check(vec![("政务服务事项平均申报材料", obs(Some(3.1), Some(3.0)))], 2022, 11, def(), &format!(
        "政务服务事项平均申报材料 略低于序时进度 | 目标 3.00 累计 3.10 | 完成率 96.77 时序 — 差 -3.23 | 同比 — 预计 3.10 月均 — | 逆向指标：越小越好；{RATE}"
    ));
}

#[test]
fn projection_by_last_years_profile() {
    let profile = [5.0, 5.0, 5.0, 5.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    // Jan–Apr was 20 % of last year, so 30 now projects to 150 (linear would say 90).
    check(vec![("技工贸总收入", with_profile(obs(Some(30.0), Some(200.0)), &profile))], 2022, 4, def(),
        "技工贸总收入 严重低于序时进度 | 目标 200.00 累计 30.00 | 完成率 15.00 时序 33.33 差 -18.33 | 同比 — 预计 150.00 月均 21.25 | 全年预计按上年月度分布（上年1–4月占全年 20.00%）"
    );
    check(vec![("技工贸总收入", with_profile(obs(Some(6.0), Some(200.0)), &profile))], 2022, 1, def(),
        "技工贸总收入 严重低于序时进度 | 目标 200.00 累计 6.00 | 完成率 3.00 时序 8.33 差 -5.33 | 同比 — 预计 120.00 月均 17.64 | 全年预计按上年月度分布（上年1月占全年 5.00%）"
    );
    check(vec![("技工贸总收入", with_profile(obs(Some(190.0), Some(200.0)), &profile))], 2022, 12, def(),
        "技工贸总收入 略低于序时进度 | 目标 200.00 累计 190.00 | 完成率 95.00 时序 100.00 差 -5.00 | 同比 — 预计 190.00 月均 — | 全年预计按上年月度分布（上年1–12月占全年 100.00%）"
    );
    // Eleven months of last year are not a profile: linear, and the note says why.
    check(vec![("技工贸总收入", with_profile(obs(Some(30.0), Some(200.0)), &profile[..11]))], 2022, 4, def(),
        "技工贸总收入 严重低于序时进度 | 目标 200.00 累计 30.00 | 完成率 15.00 时序 33.33 差 -18.33 | 同比 — 预计 90.00 月均 21.25 | 上年月度数据不全，全年预计按线性外推"
    );
}

#[test]
fn rows_follow_scheme_order_and_skip_items_without_data() {
    // Inputs appear only with a target; items with neither figure are left out.
    check(
        vec![
            ("上交税金", obs(Some(5.27), Some(6.0))),
            ("研究开发费用总额", obs(Some(4.99), None)),
            ("一般生产安全事故", obs(Some(0.0), Some(0.0))),
            ("综合能耗", obs(None, None)),
            ("技工贸总收入", obs(Some(148.2032), None)),
        ],
        2022,
        11,
        def(),
        "技工贸总收入 缺数据 | 目标 — 累计 148.20 | 完成率 — 时序 91.67 差 — | 同比 — 预计 161.68 月均 — | 缺年度目标；全年预计按线性外推
         上交税金 略低于序时进度 | 目标 6.00 累计 5.27 | 完成率 87.83 时序 91.67 差 -3.83 | 同比 — 预计 5.75 月均 0.73 | 全年预计按线性外推
         一般生产安全事故 超序时进度 | 目标 0.00 累计 0.00 | 完成率 — 时序 91.67 差 — | 同比 — 预计 0.00 月均 0.00 | 目标为 0，不计完成率；逆向指标：越小越好；全年预计按线性外推",
    );
}

#[test]
fn out_of_range_months_are_clamped() {
    check(
        vec![("技工贸总收入", obs(Some(12.0), Some(120.0)))],
        2022,
        0,
        def(),
        &format!("技工贸总收入 超序时进度 | 目标 120.00 累计 12.00 | 完成率 10.00 时序 8.33 差 1.67 | 同比 — 预计 144.00 月均 9.82 | {LINEAR}"),
    );
    check(
        vec![("技工贸总收入", obs(Some(110.0), Some(120.0)))],
        2022,
        13,
        days(),
        &format!(
            "技工贸总收入 严重低于序时进度 | 目标 120.00 累计 110.00 | 完成率 91.67 时序 100.00 差 -8.33 | 同比 — 预计 110.00 月均 — | {LINEAR}"
        ),
    );
}

/// The office's words: 序时进度 only where a schedule applies. A share or rate is judged
/// against its target (达到目标), and so is a target of 0 (no accident is 达到目标, never
/// 超序时进度).
#[test]
fn statuses_speak_of_a_schedule_only_where_one_applies() {
    let park = |name: &str, o: Observation| {
        let mut p = ParkData { name: "测试园区".into(), ..ParkData::default() };
        p.items.insert(name.to_string(), o);
        p
    };
    let words = |p: &ParkData| -> Vec<String> { progress_rows(&scheme(), p, Period { year: 2022, month: 11 }, &def()).iter().map(|r| r.status_words().to_string()).collect() };
    assert_eq!(words(&park("技工贸总收入", obs(Some(148.0), Some(160.0)))), ["超序时进度"]);
    assert_eq!(words(&park("技工贸总收入", obs(Some(120.0), Some(160.0)))), ["严重低于序时进度"]);
    assert_eq!(words(&park("固定资产投资增速", obs(Some(17.0), Some(15.0)))), ["达到目标"]);
    assert_eq!(words(&park("固定资产投资增速", obs(Some(5.0), Some(15.0)))), ["明显低于目标"]);
    // A target of 0 (as for accidents): met or not, no schedule.
    assert_eq!(words(&park("上交税金", obs(Some(0.0), Some(0.0)))), ["达到目标"]);
}
