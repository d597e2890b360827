//! What it takes (issue 18): full-marks values, the plan to the next grade, ranks, and the what-if, on the example park and the real Jan–Nov summary.
//!
//! Expected figures are worked out by hand from the built-in scheme
//! (docs: ../shared/domain/default-scheme.md); the plan and the full-marks
//! values are also checked the way a clerk would: by typing them in as a
//! what-if and reading the score.

mod common;

use serde_json::{json, Value};
use wuhao::api::evaluate_json;

fn example_data() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let case: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("tests/golden/hengshan-example.json")).unwrap()).unwrap();
    case["data"].as_str().unwrap().to_string()
}

fn real_summary() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(dir.join("examples/hengshan-2022-jan-nov.tsv")).unwrap()
}

fn eval(data: &str, extra: Value) -> Value {
    let mut req = json!({ "data": data, "period": { "year": 2022, "month": 11 }, "today": "2022-12-15" });
    if let (Some(r), Some(e)) = (req.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            r.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_str(&evaluate_json(&req.to_string())).unwrap()
}

fn indicator<'a>(park: &'a Value, name: &str) -> &'a Value {
    park["indicators"].as_array().unwrap().iter().find(|i| i["name"] == name).unwrap_or_else(|| panic!("no {name}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The plan as a what-if request.
fn plan_as_what_if(park: &Value) -> Value {
    let mut w = serde_json::Map::new();
    for step in park["to_next_grade"]["plan"].as_array().unwrap() {
        w.insert(step["name"].as_str().unwrap().to_string(), step["to"].clone());
    }
    Value::Object(w)
}

#[test]
fn the_example_park_needs_094_points_to_good_and_its_plan_gets_there() {
    let r = eval(&example_data(), json!({}));
    let p = &r["parks"][0];
    assert_eq!(f(&p["total"]), 74.06);
    assert_eq!(p["grade"], "合格");
    let next = &p["to_next_grade"];
    assert_eq!(next["grade"], "良好");
    assert_eq!(f(&next["points_needed"]), 0.94, "75 − 74.06");
    assert!(next["blocked_by"].is_null());
    assert_eq!(p["to_top_grade"], json!({ "grade": "优秀", "points_needed": 15.94 }));
    // By hand: relative increase per point lost, from the breakdown —
    // 技工贸总收入 148.2032 → 165 is +11.3 % for 0.81 (7.19 → 8.00): 0.14 per point, the cheapest;
    // 主导产业营业收入占比 63.7 → 70 is +9.9 % for 0.54: 0.18 per point, next.
    // 技工贸总收入 reaches a printed 8.00 already at 8 × x ÷ 165 ≥ 7.995, x ≥ 164.897 → 164.9
    // (研发投入强度 stays 4.99 ÷ 164.9 = 3.03 % ≥ 3 %), 74.87; the remaining 0.13 needs
    // 6 × x ÷ 70 ≥ 5.585 (5.46 + 0.13, printed), x ≥ 65.158 → 65.16.
    let plan = next["plan"].as_array().unwrap();
    let steps: Vec<(&str, f64, f64, f64)> = plan.iter().map(|s| (s["name"].as_str().unwrap(), f(&s["from"]), f(&s["to"]), f(&s["gain"]))).collect();
    assert_eq!(steps, [("技工贸总收入", 148.2032, 164.9, 0.81), ("主导产业营业收入占比", 63.7, 65.16, 0.13)]);
    assert_eq!(plan[0]["unit"], "亿元");
    // Typed in as a what-if, the plan reaches 良好.
    let applied = eval(&example_data(), json!({ "what_if": plan_as_what_if(p) }));
    let q = &applied["parks"][0];
    assert_eq!(q["grade"], "良好");
    assert_eq!(f(&q["total"]), 75.0);
    assert!(q["to_next_grade"]["grade"] == "优秀");
}

#[test]
fn full_marks_values_by_hand_and_typed_in() {
    let r = eval(&example_data(), json!({}));
    let p = &r["parks"][0];
    // 完成率 items reach full marks at their target; 标杆值 at the benchmark;
    // 申报材料 (negative, 3 × min(3 ÷ x, 1)) at 3 件.
    for (name, value, change) in [
        ("技工贸总收入", 165.0, 16.7968),
        ("进出口额", 32.0, 6.1),
        ("新开工重大项目数", 12.0, 3.0),
        ("新增专利授权", 40.0, 6.0),
        ("实际利用外资", 2.8, 0.24),
        ("主导产业营业收入占比", 70.0, 6.3),
        ("政务服务事项平均申报材料", 3.0, -0.1),
    ] {
        let i = indicator(p, name);
        assert_eq!(f(&i["full_marks_value"]), value, "{name}");
        assert!(close(f(&i["full_marks_change"]), change), "{name}: {}", i["full_marks_change"]);
    }
    // 进出口额: 5 ÷ 32 points per 亿元 (linear up to the target); +23.55 %.
    let trade = indicator(p, "进出口额");
    assert!(close(f(&trade["points_per_unit"]), 0.15625));
    assert_eq!(f(&trade["full_marks_change_pct"]), 23.55);
    // 3 × 3 ÷ x is not linear.
    assert!(indicator(p, "政务服务事项平均申报材料")["points_per_unit"].is_null());
    // No value reaches full marks for a department's score or for deductions.
    let direct = indicator(p, "体制机制改革评价");
    assert!(direct["full_marks_value"].is_null() && direct["full_marks_reason"].as_str().unwrap().contains("直接打分"));
    let deduct = indicator(p, "安全生产与生态环保");
    assert!(deduct["full_marks_value"].is_null() && deduct["full_marks_reason"].as_str().unwrap().contains("扣分"));
    // At full marks already: null, said.
    assert_eq!(indicator(p, "综合容积率")["full_marks_reason"], "已得满分");

    // Typed in: the full-marks value gives the whole weight, halfway does not.
    let mut checked = 0;
    for i in p["indicators"].as_array().unwrap() {
        let Some(v) = i["full_marks_value"].as_f64() else { continue };
        let name = i["name"].as_str().unwrap();
        let x0 = f(&i["value"]);
        let at = eval(&example_data(), json!({ "what_if": { name: v } }));
        let got = indicator(&at["parks"][0], name);
        assert_eq!(f(&got["score"]), f(&i["weight"]), "{name} at {v}");
        assert_eq!(got["simulated"], true);
        let half = eval(&example_data(), json!({ "what_if": { name: (x0 + v) / 2.0 } }));
        assert!(f(&indicator(&half["parks"][0], name)["score"]) < f(&i["weight"]), "{name} halfway");
        checked += 1;
    }
    // 主导产业占比, 专利, 技工贸, 制造业, 固投, 新开工, 上交税金, 申报材料, 进出口, 外资, 省外资金.
    assert_eq!(checked, 11, "eleven indicators of the example park are below full marks and reachable");
}

#[test]
fn a_derived_indicator_has_its_own_full_marks_value_and_a_what_if_overrides_its_formula() {
    // With 4000 亩 developed: 亩均税收 = 5.27亿元 ÷ 4000亩 = 13.175 万元/亩, 6 × 13.175 ÷ 15 = 5.27.
    let r = eval(&example_data(), json!({ "what_if": { "已开发面积": 4000 } }));
    let p = &r["parks"][0];
    let tax = indicator(p, "亩均税收");
    assert!(close(f(&tax["value"]), 13.175));
    assert_eq!(f(&tax["score"]), 5.27);
    assert_eq!(f(&tax["full_marks_value"]), 15.0, "in 万元/亩, the indicator's own value");
    assert!(close(f(&tax["points_per_unit"]), 0.4));
    // Setting the derived figure itself: 15 scores 6 whatever the formula gives.
    let set = eval(&example_data(), json!({ "what_if": { "已开发面积": 4000, "亩均税收": 15 } }));
    let t = indicator(&set["parks"][0], "亩均税收");
    assert_eq!((f(&t["value"]), f(&t["score"])), (15.0, 6.0));
    assert!(t["explain"].as_str().unwrap().contains("模拟"));
    let half = eval(&example_data(), json!({ "what_if": { "已开发面积": 4000, "亩均税收": 14.0875 } }));
    assert!(f(&indicator(&half["parks"][0], "亩均税收")["score"]) < 6.0);
    // The input 上交税金 still scores against its own target (4 × 5.27 ÷ 6 = 3.51).
    assert_eq!(f(&indicator(&set["parks"][0], "上交税金")["score"]), 3.51);
}

/// The example park with land area, the department's score and a clean safety record:
/// 74.06 + 亩均税收 6 (5.27亿 ÷ 3000亩 = 17.57 ≥ 15) + 亩均技工贸收入 4 (494 ≥ 400)
/// + 体制机制改革评价 4 + 安全生产与生态环保 5 = 93.06, 优秀.
fn excellent() -> Value {
    json!({ "已开发面积": 3000, "体制机制改革评价": 4, "一般生产安全事故": 0, "环保督察问题": 0 })
}

#[test]
fn the_top_grade_has_no_next_grade() {
    let r = eval(&example_data(), json!({ "what_if": excellent() }));
    let p = &r["parks"][0];
    assert_eq!(f(&p["total"]), 93.06);
    assert_eq!(p["grade"], "优秀");
    assert!(p["to_next_grade"].is_null());
    assert!(p["to_top_grade"].is_null());
}

#[test]
fn a_veto_blocks_the_grade_whatever_the_score() {
    let mut w = excellent();
    w["较大及以上生产安全事故"] = json!(1);
    let r = eval(&example_data(), json!({ "what_if": w }));
    let p = &r["parks"][0];
    assert_eq!(f(&p["total"]), 93.06, "the veto leaves the score alone");
    assert_eq!(p["grade"], "良好");
    let next = &p["to_next_grade"];
    assert_eq!(next["grade"], "优秀");
    assert_eq!(f(&next["points_needed"]), 0.0);
    assert!(next["plan"].as_array().unwrap().is_empty());
    let why = next["blocked_by"].as_str().unwrap();
    assert!(why.contains("一票否决") && why.contains("较大及以上生产安全事故") && why.contains("优秀"), "{why}");
}

#[test]
fn the_real_summary_without_targets_says_what_blocks_it() {
    // The real Jan–Nov summary has no targets: the 完成率 items are 缺数据 and only the
    // benchmark items can move: 主导产业营业收入占比 (5.46 → 6) and 申报材料 (2.90 → 3).
    let r = eval(&real_summary(), json!({}));
    let p = &r["parks"][0];
    assert_eq!(p["grade"], "不合格");
    let next = &p["to_next_grade"];
    assert_eq!(next["grade"], "合格");
    assert_eq!(f(&next["points_needed"]), 60.0 - f(&p["total"]));
    let names: Vec<&str> = next["plan"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["主导产业营业收入占比", "政务服务事项平均申报材料"]);
    let why = next["blocked_by"].as_str().unwrap();
    assert!(why.contains("达不到合格") && why.contains("缺数据"), "{why}");
    assert!(indicator(p, "进出口额")["full_marks_reason"].as_str().unwrap().contains("无年度目标"));
}

/// Three parks in one paste (园区 | 指标 | 单位 | 年度目标 | 1-11月累计): 衡山 as in the
/// example; 南岳 and 衡东 above it, 衡东 with a major accident.
fn three_parks() -> String {
    let data = example_data();
    let rows: Vec<Vec<&str>> = data.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    let mut out = String::from("园区\t指标\t单位\t年度目标\t1-11月累计\n");
    let nanyue = [("技工贸总收入", "170"), ("上交税金", "6.5"), ("进出口额", "33"), ("实际利用外资", "3"), ("实际利用省外境内资金", "22"), ("新开工重大项目数", "12"), ("新增专利授权", "41"), ("制造业主营业务收入", "106"), ("固定资产投资额", "50"), ("主导产业营业收入占比", "72"), ("政务服务事项平均申报材料", "2.8")];
    let hengdong = [("技工贸总收入", "160"), ("上交税金", "6.2"), ("进出口额", "30"), ("实际利用外资", "2.9"), ("实际利用省外境内资金", "21"), ("新开工重大项目数", "12"), ("新增专利授权", "40"), ("制造业主营业务收入", "105"), ("固定资产投资额", "48"), ("主导产业营业收入占比", "70"), ("较大及以上生产安全事故", "1"), ("政务服务事项平均申报材料", "3")];
    for (park, over) in [("衡山高新区", &[][..]), ("南岳经开区", &nanyue[..]), ("衡东经开区", &hengdong[..])] {
        for (k, r) in rows.iter().enumerate() {
            let v = over.iter().find(|(n, _)| *n == r[0]).map_or(r[3], |(_, v)| *v);
            out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", if k == 0 { park } else { "" }, r[0], r[1], r[2], v));
        }
    }
    out
}

#[test]
fn several_parks_get_the_gap_to_the_park_above_and_the_lead_over_the_one_below() {
    let r = eval(&three_parks(), json!({}));
    let ps = r["parks"].as_array().unwrap();
    let by = |n: &str| ps.iter().find(|p| p["name"] == n).unwrap();
    let (hs, ny, hd) = (by("衡山高新区"), by("南岳经开区"), by("衡东经开区"));
    assert_eq!(f(&hs["total"]), 74.06);
    assert_eq!((hs["rank"].as_u64(), ny["rank"].as_u64(), hd["rank"].as_u64()), (Some(3), Some(1), Some(2)));
    let gap = |a: &Value, b: &Value| ((f(&a["total"]) - f(&b["total"])) * 100.0).round() / 100.0;
    assert_eq!(hs["to_next_rank"], json!({ "rank": 2, "park": "衡东经开区", "points_needed": gap(hd, hs) }));
    assert!(hs["lead_over_next"].is_null(), "the last has nobody below");
    assert_eq!(hd["to_next_rank"], json!({ "rank": 1, "park": "南岳经开区", "points_needed": gap(ny, hd) }));
    assert_eq!(hd["lead_over_next"], json!({ "park": "衡山高新区", "points": gap(hd, hs) }));
    assert!(ny["to_next_rank"].is_null());
    assert!(hd["to_next_grade"]["blocked_by"].as_str().unwrap().contains("一票否决"));

    // 衡山's plan typed in for 衡山 only: it reaches 良好, the others keep their totals.
    let w = eval(&three_parks(), json!({ "what_if": plan_as_what_if(hs), "what_if_park": "衡山高新区" }));
    let wp = w["parks"].as_array().unwrap();
    assert_eq!(wp[0]["grade"], "良好");
    assert_eq!((wp[1]["total"].clone(), wp[2]["total"].clone()), (ny["total"].clone(), hd["total"].clone()));
    assert!(w["what_if"].as_array().unwrap().iter().all(|e| e["park"] == "衡山高新区"));
}

#[test]
fn what_if_lists_pasted_and_simulated_and_leaves_the_paste_alone() {
    let plain = eval(&example_data(), json!({}));
    let r = eval(&example_data(), json!({ "what_if": { "进出口额": 32, "技工贸收入": { "target": 150 } } }));
    assert_eq!(
        r["what_if"],
        json!([
            { "park": "本园区", "name": "技工贸总收入", "field": "target", "pasted": 165.0, "simulated": 150.0 },
            { "park": "本园区", "name": "进出口额", "field": "value", "pasted": 25.9, "simulated": 32.0 },
        ])
    );
    // How the paste was read is the same: the what-if works on a copy.
    assert_eq!(r["read"], plain["read"]);
    // 技工贸总收入 against a target of 150: 148.2032 ÷ 150 → 8 × 0.988 = 7.90; 进出口额 full, 5.
    let p = &r["parks"][0];
    assert_eq!(f(&indicator(p, "技工贸总收入")["score"]), 7.90);
    assert_eq!(f(&indicator(p, "进出口额")["score"]), 5.0);
    assert_eq!(f(&p["total"]), 74.06 + 0.71 + 0.95);
    // An unknown name is reported and ignored.
    let bad = eval(&example_data(), json!({ "what_if": { "不存在": 1 } }));
    assert!(bad["diagnostics"].as_array().unwrap().iter().any(|d| d["kind"] == "what_if.unknown_item"));
    assert_eq!(bad["parks"][0]["total"], plain["parks"][0]["total"]);
}

#[test]
fn projected_scales_flows_and_not_stocks_shares_rates_or_events() {
    let r = eval(&example_data(), json!({ "projected": true }));
    let sim: Vec<&str> = r["what_if"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    // Money flows and new-this-year counts with a target; not 占比, 增速, 容积率, 申报材料 (less is better), 事故.
    for flow in ["技工贸总收入", "上交税金", "固定资产投资额", "制造业主营业务收入", "研究开发费用总额", "进出口额", "实际利用外资", "实际利用省外境内资金", "新开工重大项目数", "新增专利授权"] {
        assert!(sim.contains(&flow), "{flow} in {sim:?}");
    }
    for kept in ["主导产业营业收入占比", "固定资产投资增速", "综合容积率", "政务服务事项平均申报材料", "较大及以上生产安全事故", "事项办理时限压缩率"] {
        assert!(!sim.contains(&kept), "{kept} in {sim:?}");
    }
    let p = &r["parks"][0];
    // 148.2032 ÷ 11 × 12 = 161.676; 8 × 161.676 ÷ 165 = 7.84. 5.27 ÷ 11 × 12 = 5.749; 4 × 5.749 ÷ 6 = 3.83.
    assert!(close(f(&indicator(p, "技工贸总收入")["value"]), 148.2032 / 11.0 * 12.0));
    assert_eq!(f(&indicator(p, "技工贸总收入")["score"]), 7.84);
    assert_eq!(f(&indicator(p, "上交税金")["score"]), 3.83);
    // 研发投入强度 is a ratio of two flows: unchanged (3.37 %).
    assert!(close(f(&indicator(p, "研发投入强度")["value"]), 4.99 / 148.2032 * 100.0));
}

/// The 提分空间 tables are laid out by the core like every result table: the
/// plan step by step with its 合计, as a clerk reads it on screen and in the copy.
#[test]
fn the_plan_table_is_laid_out_by_the_core_with_its_sum() {
    let r = eval(&example_data(), json!({}));
    let tables = r["tables"].as_array().unwrap();
    let plan = tables.iter().find(|t| t["key"] == "reach:plan:0").expect("the plan table");
    let heads: Vec<&str> = plan["columns"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(heads, ["序号", "指标或数据项", "单位", "现值", "需达到", "增减", "增幅", "可得分"]);
    let rows: Vec<Vec<&str>> =
        plan["rows"].as_array().unwrap().iter().map(|row| row["cells"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect()).collect();
    // 164.9 − 148.2032 = 16.6968, ÷ 148.2032 = 11.27 %; 65.16 − 63.7 = 1.46, ÷ 63.7 = 2.29 %; 0.81 + 0.13 = 0.94.
    assert_eq!(
        rows,
        [
            vec!["1", "技工贸总收入", "亿元", "148.2032", "164.9", "+16.6968", "+11.27%", "+0.81"],
            vec!["2", "主导产业营业收入占比", "%", "63.7", "65.16", "+1.46", "+2.29%", "+0.13"],
            vec!["", "合计", "", "", "", "", "", "+0.94"],
        ]
    );
    assert!(plan["caption"].as_str().unwrap().contains("达到良好的方案"));
    assert_eq!(f(&r["parks"][0]["to_next_grade"]["plan_gain"]), 0.94);
    // Every indicator below full marks has a row in the full-marks table.
    let full = tables.iter().find(|t| t["key"] == "reach:full:0").expect("the full-marks table");
    let below = r["parks"][0]["indicators"].as_array().unwrap().iter().filter(|i| f(&i["lost"]) > 0.0).count();
    assert_eq!(full["rows"].as_array().unwrap().len(), below);
}

/// The plan search scores a changed figure by re-scoring only the indicators
/// it reaches (`Sim::total_with`); that must be the total a full re-score of
/// the park gives (`set`, `total`, `set` back), for every figure, at values
/// below, at and above the pasted one, missing, and with a formula's input at 0,
/// under the built-in scheme and one with relative methods (功效, 极值, 排名,
/// 差额) that read the other parks.
#[test]
fn re_scoring_one_changed_figure_gives_the_full_re_scores_total() {
    use wuhao::eval::score::{Rescorer, Sim};
    let mut rng = common::Rng(0x5eed_0014);
    let base = wuhao::scheme::default_scheme();
    let mut relative: Value = serde_json::to_value(&base).unwrap();
    let methods = [
        json!({ "type": "efficacy" }),
        json!({ "type": "min_max" }),
        json!({ "type": "rank", "first": 6, "step": 1 }),
        json!({ "type": "linear", "against": "average", "step": 10, "minus": 0.5, "plus": 0.2 }),
    ];
    for (k, ind) in relative["indicators"].as_array_mut().unwrap().iter_mut().enumerate() {
        if ind["method"]["type"] == "benchmark" {
            ind["method"] = methods[k % methods.len()].clone();
        }
    }
    let relative: wuhao::scheme::Scheme = serde_json::from_value(relative).unwrap();
    let mut checked = 0;
    for scheme in [&base, &relative] {
        // Twelve parks with every input the scheme names, one figure in six missing.
        let names: Vec<String> = scheme.inputs.iter().map(|i| i.name.clone()).chain(scheme.indicators.iter().map(|i| i.name.clone())).collect();
        let mut tsv = format!("园区\t{}\n", names.join("\t"));
        for p in 0..12 {
            let cells: Vec<String> = names.iter().map(|_| rng.maybe(0.0, 120.0).map(|v| format!("{v:.2}")).unwrap_or_default()).collect();
            tsv.push_str(&format!("第{p}园区\t{}\n", cells.join("\t")));
        }
        let today = wuhao::base::period::Period { year: 2026, month: 11 };
        let read = wuhao::read::read_data(&tsv, scheme, None, today);
        assert_eq!(read.parks.len(), 12);
        let r = Rescorer::new(scheme, &read.parks);
        for p in 0..read.parks.len() {
            let park = read.parks.park(p).unwrap();
            let peers = r.peers_without(p);
            let mut fast = Sim::new(&r, &park, &peers);
            let mut full = Sim::new(&r, &park, &peers);
            let slots: Vec<usize> = names.iter().filter_map(|n| full.slot(n)).collect();
            assert!(slots.len() > 20, "the scheme's items have columns: {}", slots.len());
            for &s in &slots {
                let was = full.value(s);
                let at = was.unwrap_or(50.0);
                for v in [None, Some(0.0), Some(at * 0.5), Some(at), Some(at * 1.7), Some(at + 1e4), Some(-3.0)] {
                    full.set(s, v);
                    let want = full.total();
                    full.set(s, was);
                    assert_eq!(fast.total_with(s, v), want, "park {p}, slot {s}, value {v:?}");
                    checked += 1;
                }
                // A figure committed (as a plan step does) moves the base the next probes start from.
                if rng.below(3) == 0 {
                    let to = Some(at * 1.3);
                    fast.set(s, to);
                    full.set(s, to);
                    assert_eq!(fast.total(), full.total());
                }
            }
        }
    }
    assert!(checked > 1000);
}
