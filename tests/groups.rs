//! Parks read with their group (a 市州 column or 片区 group rows) are ranked within it too.

use serde_json::{json, Value};
use wuhao::api::evaluate_json;

fn parks(data: &str) -> Vec<Value> {
    let req = json!({ "data": data, "today": "2022-12-15" });
    let out: Value = serde_json::from_str(&evaluate_json(&req.to_string())).unwrap();
    out["parks"].as_array().unwrap().clone()
}

#[test]
fn a_group_column_gives_each_park_its_group_and_rank_within_it() {
    // 主导产业营业收入占比 is scored against a benchmark of 70 %: a higher share scores more.
    let data = "市州\t园区名称\t主导产业营业收入占比（%）\n\
                衡阳市\t衡山高新区\t40\n\t耒阳经开区\t60\n\
                湘潭市\t湘潭天易经开区\t65\n\t湘乡经开区\t30\n";
    let ps = parks(data);
    let got: Vec<(String, String, u64)> = ps
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), p["group"].as_str().unwrap().to_string(), p["group_rank"].as_u64().unwrap()))
        .collect();
    // Within 衡阳市 耒阳 (60 %) leads 衡山 (40 %); within 湘潭市 天易 (65 %) leads 湘乡 (30 %).
    assert_eq!(got, [
        ("衡山高新区".to_string(), "衡阳市".to_string(), 2),
        ("耒阳经开区".to_string(), "衡阳市".to_string(), 1),
        ("湘潭天易经开区".to_string(), "湘潭市".to_string(), 1),
        ("湘乡经开区".to_string(), "湘潭市".to_string(), 2),
    ]);
}

#[test]
fn group_rows_head_the_parks_below_and_without_groups_there_is_none() {
    let data = "园区\t技工贸总收入（亿元）\n湘南片区\t\n衡山高新区\t148.2\n耒阳经开区\t215.4\n湘南片区小计\t363.6\n";
    let ps = parks(data);
    assert_eq!(ps.len(), 2);
    assert!(ps.iter().all(|p| p["group"] == "湘南片区"));
    let plain = parks("园区\t技工贸总收入（亿元）\n衡山高新区\t148.2\n耒阳经开区\t215.4\n");
    assert!(plain.iter().all(|p| p["group"].is_null() && p["group_rank"].is_null()));
}
