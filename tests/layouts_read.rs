//! The read-back and the user's corrections (issue 13): `report.read.columns`
//! says for each pasted column the role it got and why, and `read_overrides` /
//! `shape` in the request correct a reading, winning over detection.
//!
//! Asserted through `evaluate_json`, the contract the page uses. Expectations
//! are what a statistician reading the table would write, before the code.

use serde_json::{json, Value};
use wuhao::api::evaluate_json;

fn eval(req: Value) -> Value {
    let mut req = req;
    req["today"] = json!("2022-12-05");
    serde_json::from_str(&evaluate_json(&req.to_string())).expect("the report is JSON")
}

fn column(report: &Value, col: u64) -> &Value {
    report["read"]["columns"].as_array().and_then(|cs| cs.iter().find(|c| c["col"] == col)).unwrap_or_else(|| panic!("no column {col}"))
}

/// The figure `what` ("value" | "target") of item `name` of park `park` (0-based).
fn figure(report: &Value, park: usize, name: &str, what: &str) -> Option<f64> {
    let inds = report["parks"][park]["indicators"].as_array().expect("indicators");
    inds.iter().find(|i| i["name"] == name).and_then(|i| i[what].as_f64())
}

fn kinds(report: &Value) -> Vec<String> {
    report["diagnostics"].as_array().map(|ds| ds.iter().filter_map(|d| d["kind"].as_str().map(str::to_string)).collect()).unwrap_or_default()
}

#[test]
fn each_column_says_its_role_and_why() {
    let data = "指标\t单位\t年度目标\t1-11月累计\t完成率\t备注\n技工贸总收入\t亿元\t160\t148.2\t92.6%\t\n";
    let r = eval(json!({ "data": data }));
    let c3 = column(&r, 3);
    assert_eq!(c3["by"], "header");
    assert!(c3["why"].as_str().unwrap().contains("目标"), "{c3}");
    let c4 = column(&r, 4);
    assert!(c4["why"].as_str().unwrap().contains("累计"), "{c4}");
    // A computed column is set aside, and the why says so.
    let c5 = column(&r, 5);
    assert!(c5["role"].as_str().unwrap().contains("忽略"), "{c5}");
    assert!(c5["why"].as_str().unwrap().contains("计算"), "{c5}");
    // Park names across decide by content, not by a header word.
    let r = eval(json!({ "data": "指标\t单位\t衡山高新区\t衡东经开区\n技工贸总收入\t亿元\t148.2\t101.5\n" }));
    assert_eq!(column(&r, 3)["by"], "content", "{}", r["read"]);
    assert_eq!(figure(&r, 1, "技工贸总收入", "value"), Some(101.5));
}

#[test]
fn a_column_set_aside_is_given_its_role_by_the_user() {
    // 下达数 is a word the reader does not know: the target is left out.
    let data = "指标\t单位\t下达数\t1-11月累计\n技工贸总收入\t亿元\t160\t148.2\n上交税金\t亿元\t6\t5.27\n";
    let before = eval(json!({ "data": data }));
    assert_eq!(figure(&before, 0, "技工贸总收入", "target"), None);
    assert!(kinds(&before).iter().any(|k| k == "read.unknown_header"), "{:?}", kinds(&before));
    let after = eval(json!({ "data": data, "read_overrides": [{ "column": 3, "role": "target" }] }));
    assert_eq!(figure(&after, 0, "技工贸总收入", "target"), Some(160.0));
    assert_eq!(figure(&after, 0, "上交税金", "target"), Some(6.0));
    assert_eq!(figure(&after, 0, "技工贸总收入", "value"), Some(148.2));
    let c3 = column(&after, 3);
    assert_eq!((c3["by"].as_str(), c3["why"].as_str()), (Some("user"), Some("由用户指定")));
    assert!(c3["role"].as_str().unwrap().contains("年度目标"), "{c3}");
    // The warning about the header no longer stands.
    assert!(!kinds(&after).iter().any(|k| k == "read.unknown_header"), "{:?}", kinds(&after));
}

#[test]
fn the_user_moves_the_actual_and_ignores_a_column() {
    // Two cumulative-looking columns; the user says the second is the actual.
    let data = "指标\t年度目标\t1-10月累计\t1-11月累计\n技工贸总收入\t160\t135\t148.2\n";
    let r = eval(json!({ "data": data, "read_overrides": [{ "column": 3, "role": "actual" }] }));
    assert_eq!(figure(&r, 0, "技工贸总收入", "value"), Some(135.0));
    assert!(column(&r, 4)["role"].as_str().unwrap().contains("忽略"), "{}", column(&r, 4));
    let r = eval(json!({ "data": data, "read_overrides": [{ "column": 2, "role": "ignore" }] }));
    assert_eq!(figure(&r, 0, "技工贸总收入", "target"), None);
    assert_eq!(figure(&r, 0, "技工贸总收入", "value"), Some(148.2));
}

#[test]
fn the_user_corrects_a_unit() {
    // Headed 万元 but filled in 亿元 (a template reused): 6 and 5.27 are 亿元.
    let data = "指标\t年度目标（万元）\t1-11月累计（万元）\n上交税金\t6\t5.27\n";
    let before = eval(json!({ "data": data }));
    let v = figure(&before, 0, "上交税金", "value").expect("read in 万元");
    assert!((v - 0.000527).abs() < 1e-12, "{v}");
    let over = json!([{ "column": 2, "unit": "亿元" }, { "column": 3, "unit": "亿元" }]);
    let after = eval(json!({ "data": data, "read_overrides": over }));
    assert_eq!(figure(&after, 0, "上交税金", "target"), Some(6.0));
    assert_eq!(figure(&after, 0, "上交税金", "value"), Some(5.27));
    assert_eq!(column(&after, 3)["by"], "user");
    // The user's unit wins over the row's 单位 column too (a target column filled in 万元).
    let data = "指标\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t1650000\t148.2\n";
    let after = eval(json!({ "data": data, "read_overrides": [{ "column": 3, "unit": "万元" }] }));
    assert_eq!(figure(&after, 0, "技工贸总收入", "target"), Some(165.0));
    assert_eq!(figure(&after, 0, "技工贸总收入", "value"), Some(148.2));
    assert!(!kinds(&after).iter().any(|k| k == "read.unit_conflict"), "{:?}", kinds(&after));
    // A park table's column too.
    let data = "园区名称\t上交税金（万元）\n甲园区\t5.27\n乙园区\t3.9\n";
    let after = eval(json!({ "data": data, "read_overrides": [{ "column": 2, "unit": "亿元" }] }));
    assert_eq!(figure(&after, 1, "上交税金", "value"), Some(3.9));
}

#[test]
fn the_user_states_the_shape() {
    // 甲 and 乙 do not look like park names: by default one column is guessed as the actual.
    let data = "指标\t单位\t甲\t乙\n技工贸总收入\t亿元\t148.2\t101.5\n上交税金\t亿元\t5.27\t3.9\n";
    let r = eval(json!({ "data": data, "shape": "park_columns" }));
    let names: Vec<&str> = r["parks"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["甲", "乙"]);
    assert_eq!(figure(&r, 1, "上交税金", "value"), Some(3.9));
}

#[test]
fn a_correction_that_cannot_be_read_is_said_and_left_out() {
    let data = "指标\t年度目标\t1-11月累计\n技工贸总收入\t160\t148.2\n";
    let r = eval(json!({ "data": data, "read_overrides": [{ "column": 2, "role": "budget" }, { "column": 3, "unit": "斤" }], "shape": "sideways" }));
    assert_eq!(kinds(&r).iter().filter(|k| *k == "request.read_override").count(), 3, "{:?}", kinds(&r));
    assert_eq!(figure(&r, 0, "技工贸总收入", "target"), Some(160.0));
    assert_eq!(figure(&r, 0, "技工贸总收入", "value"), Some(148.2));
}

#[test]
fn stacked_tables_in_the_report() {
    let data = "衡山高新区2022年1-11月主要指标\n指标\t年度目标\t1-11月累计\n技工贸总收入\t160\t148.2\n\n衡东经开区2022年1-11月主要指标\n指标\t年度目标\t1-11月累计\n技工贸总收入\t120\t101.5\n";
    let r = eval(json!({ "data": data }));
    assert_eq!(r["parks"].as_array().unwrap().len(), 2);
    assert_eq!(figure(&r, 1, "技工贸总收入", "target"), Some(120.0));
    // The second table's untitled twin is refused at its header cell (row 6, column 1).
    let data = data.replace("衡东经开区2022年1-11月主要指标\n", "");
    let r = eval(json!({ "data": data }));
    assert_eq!(r["parks"].as_array().unwrap().len(), 1);
    let d = r["diagnostics"].as_array().unwrap().iter().find(|d| d["kind"] == "read.stacked_tables").expect("refused");
    assert_eq!((d["row"].as_u64(), d["col"].as_u64()), (Some(5), Some(1)));
    // The same park's table twice (pasted again by mistake): the second is refused, not merged.
    let twice = "衡山高新区2022年1-11月主要指标\n指标\t年度目标\t1-11月累计\n技工贸总收入\t160\t148.2\n\n衡山高新区2022年1-11月主要指标\n指标\t年度目标\t1-11月累计\n技工贸总收入\t120\t101.5\n";
    let r = eval(json!({ "data": twice }));
    assert_eq!(r["parks"].as_array().unwrap().len(), 1);
    assert_eq!(figure(&r, 0, "技工贸总收入", "value"), Some(148.2));
    let d = r["diagnostics"].as_array().unwrap().iter().find(|d| d["kind"] == "read.stacked_tables").expect("refused");
    assert!(d["message"].as_str().unwrap().contains("重复"), "{d}");
}

#[test]
fn split_tables_say_how_their_columns_were_read() {
    let parts = "片区\t年度目标\t1-11月累计\t完成率\n东片区\t80\t70\t87.5%\n西片区\t90\t78\t86.7%\n合计\t170\t148\t87.1%\n";
    let months = "项目\t1-2月\t3月\t4月\t合计\n计划\t22\t12\t12\t46\n实际\t21.3\t11.8\t12.1\t45.2\n";
    let r = eval(json!({ "data": "", "splits": [parts, months] }));
    let splits = r["read"]["splits"].as_array().expect("read.splits");
    assert_eq!(splits.len(), 2);
    let roles = |i: usize| -> Vec<(String, String)> {
        splits[i].as_array().unwrap().iter().map(|c| (c["role"].as_str().unwrap().to_string(), c["why"].as_str().unwrap().to_string())).collect()
    };
    let p = roles(0);
    assert!(p[0].0.contains("片区"), "{p:?}");
    assert!(p[1].0.contains("目标") && p[1].1.contains("目标"), "{p:?}");
    assert!(p[2].0.contains("完成") && p[2].1.contains("累计"), "{p:?}");
    assert!(p[3].0.contains("忽略") && p[3].1.contains("完成率"), "{p:?}");
    let m = roles(1);
    assert_eq!(m.len(), 5, "{m:?}");
    assert!(m[0].0.contains("口径"), "{m:?}");
    assert!(m[1..4].iter().all(|(role, _)| role == "月份"), "{m:?}");
    assert_eq!(m[4].0, "合计");
}

#[test]
fn split_read_backs_stay_with_their_pastes_when_one_is_empty() {
    // The columns come from the check's own parse; an empty paste between two
    // is not checked, and must not shift the next one's read-back onto it.
    let parts = "片区\t年度目标\t1-11月累计\n东片区\t80\t70\n西片区\t90\t78\n";
    let months = "项目\t1-2月\t3月\t4月\t合计\n计划\t22\t12\t12\t46\n实际\t21.3\t11.8\t12.1\t45.2\n";
    let r = eval(json!({ "data": "", "splits": [parts, "  \n", months] }));
    let splits = r["read"]["splits"].as_array().expect("read.splits");
    assert_eq!(splits.len(), 3);
    assert_eq!(splits[0].as_array().unwrap().len(), 3);
    assert!(splits[1].as_array().unwrap().is_empty(), "{}", splits[1]);
    assert_eq!(splits[2].as_array().unwrap().len(), 5, "{}", splits[2]);
    for (i, text) in [(0, parts), (2, months)] {
        let want: Vec<String> = wuhao::eval::split::read_columns(text).iter().map(|c| format!("{}|{}|{}", c.header, c.role, c.why)).collect();
        let got: Vec<String> = splits[i]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("{}|{}|{}", c["header"].as_str().unwrap(), c["role"].as_str().unwrap(), c["why"].as_str().unwrap()))
            .collect();
        assert_eq!(got, want, "split {i}");
    }
}

/// Issue 31: a correction of a column the paste does not have, and a `detail`
/// naming a park past the pasted ones, are said; a malformed correction is named
/// and left out, the others in the same list kept.
#[test]
fn corrections_naming_what_does_not_exist_are_said() {
    let data = "指标\t年度目标\t1-11月累计\n技工贸总收入\t160\t148.2\n";
    let r = eval(json!({ "data": data, "read_overrides": [{ "column": 1_000_000, "role": "target" }] }));
    let d = r["diagnostics"].as_array().unwrap().iter().find(|d| d["kind"] == "request.read_override_column").expect("said");
    assert!(d["message"].as_str().unwrap().contains("第 1000000 列，但粘贴的表只有 3 列"), "{d}");
    assert_eq!(figure(&r, 0, "技工贸总收入", "target"), Some(160.0));

    let r = eval(json!({ "data": data, "read_overrides": ["x", { "column": "三" }, { "column": 3, "unit": "亿元" }, { "column": -1 }, 7] }));
    let refused: Vec<String> = r["diagnostics"].as_array().unwrap().iter().filter(|d| d["kind"] == "request.read_override").map(|d| d["message"].as_str().unwrap().to_string()).collect();
    assert_eq!(refused.len(), 4, "{refused:?}");
    assert!(refused[0].contains("第 1 项") && refused[1].contains("第 2 项") && refused[3].contains("第 5 项"), "{refused:?}");
    assert!(!kinds(&r).iter().any(|k| k == "request.field_type"), "{:?}", kinds(&r));
    // The well-formed entry in the same list is kept: column 3 read in 亿元.
    assert_eq!(column(&r, 3)["by"], "user");

    let parks = "园区名称\t上交税金（万元）\n甲园区\t5.27\n乙园区\t3.9\n";
    let r = eval(json!({ "data": parks, "detail": 5 }));
    assert!(kinds(&r).iter().any(|k| k == "request.detail_park"), "{:?}", kinds(&r));
    let r = eval(json!({ "data": parks, "detail": 1 }));
    assert!(!kinds(&r).iter().any(|k| k == "request.detail_park"), "{:?}", kinds(&r));
}
