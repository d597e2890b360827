//! Writes the export read-back cases (a stage of scripts/test.sh, see tests/export/readback.py).
//!
//! `cargo run --example export_cases -- DIR` writes, for each representative
//! report (one park, three parks, a split of 2,000 parts, a province of 150
//! parks, a scheme read from an official table, a what-if with 模拟 marks,
//! hostile names, nothing pasted), through the same entry points the page calls:
//! - `NAME.screen.json`: the tables of the report the page shows (`evaluate_json`),
//! - `NAME.json`, `NAME.xlsx`, `NAME.csv`, `NAME.tsv`: `export_json` of every table
//!   in each format.
//!
//! The checker then opens each file in openpyxl and LibreOffice and compares it
//! with the screen's tables, cell for cell.

use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: export_cases DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let mut n = 0;
    for (name, request) in cases() {
        let request = request.to_string();
        let report: Value = serde_json::from_str(&wuhao::api::evaluate_json(&request)).unwrap_or(Value::Null);
        let screen = json!({ "tables": report.get("tables").cloned().unwrap_or(Value::Null) });
        let write = |ext: &str, bytes: &[u8]| {
            let path = dir.join(format!("{name}.{ext}"));
            if let Err(e) = std::fs::write(&path, bytes) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        };
        write("screen.json", screen.to_string().as_bytes());
        for format in ["json", "xlsx", "csv", "tsv"] {
            write(format, &wuhao::api::export_json(&request, "", format));
        }
        n += 1;
    }
    println!("{n} cases written to {}", dir.display());
}

fn repo_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// A golden request of tests/golden (data inline).
fn golden(name: &str) -> Value {
    serde_json::from_str(&repo_file(&format!("tests/golden/{name}.json"))).unwrap_or(Value::Null)
}

/// A small deterministic generator in [0, 1): the figures' values do not matter, their shape does.
fn lcg(seed: u64) -> impl FnMut() -> f64 {
    let mut x = seed;
    move || {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The benchmark's split: 2,000 enterprises, 企业 | 年度目标 | 1-11月累计 in 亿元.
fn split_2000() -> String {
    let mut rnd = lcg(5);
    let mut s = String::from("技工贸总收入目标分解（单位：亿元）\r\n企业\t年度目标\t1-11月累计\r\n");
    for i in 0..2000 {
        let target = 0.02 + 0.2 * rnd();
        let actual = target * (0.5 + 0.6 * rnd());
        let _ = write!(s, "衡阳第{}号企业有限公司\t{target:.4}\t{actual:.4}\r\n", i + 1);
    }
    s
}

/// 150 parks, one row each, in the built-in scheme's names and units.
fn province_150() -> String {
    let cities = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西"];
    let mut rnd = lcg(11);
    let mut s = String::from("园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）\t高新技术产业营业收入占比（%）\t较大及以上生产安全事故（起）\r\n");
    for i in 0..150 {
        let city = cities.get(i % cities.len()).copied().unwrap_or("长沙");
        let income = 40.0 + 400.0 * rnd();
        let _ = write!(
            s,
            "{city}第{}园区\t{income:.4}\t{:.2}\t{:.0}\t{:.2}\t{:.1}\t{:.2}\t{}\r\n",
            i + 1,
            income * (0.02 + 0.04 * rnd()),
            1500.0 + 6000.0 * rnd(),
            income * (0.01 + 0.03 * rnd()),
            40.0 + 50.0 * rnd(),
            30.0 + 50.0 * rnd(),
            usize::from(rnd() < 0.05)
        );
    }
    s
}

fn cases() -> Vec<(&'static str, Value)> {
    let one = golden("hengshan-example");
    let three = golden("three-parks");
    let with = |base: &Value, extra: Value| {
        let mut v = base.clone();
        if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
            m.extend(e);
        }
        v
    };
    let hostile_names = "园区\t技工贸总收入（亿元）\t上交税金（亿元）\t较大及以上生产安全事故（起）\n\
        A&B<园区>\"甲\"\t148.2\t5.27\t0\n\
        =HYPERLINK(\"http://x\",\"点我\")\t90\t3.1\t1\n\
        ＝1+1 园区\t120\t4\t0\n\
        @SUM(1) 园区\u{1}\u{7}\t100\t3\t0\n\
        _x0041_ 园区\t80\t2\t0\n";
    vec![
        ("one-park", one.clone()),
        ("three-parks", three.clone()),
        ("split-2000", with(&one, json!({ "splits": [split_2000()] }))),
        ("province-150", json!({ "data": province_150(), "period": { "year": 2022, "month": 11 }, "today": "2022-12-15" })),
        (
            "official-scheme",
            json!({
                "data": repo_file("tests/rules/official-park.tsv"),
                "scheme": repo_file("tests/rules/official-table.tsv"),
                "period": { "year": 2024, "month": 11 },
                "today": "2024-12-05",
            }),
        ),
        ("what-if", with(&one, json!({ "what_if": { "技工贸总收入": 170, "上交税金": { "value": 6.5 } } }))),
        ("hostile-names", with(&three, json!({ "data": hostile_names }))),
        ("hostile-park-name", with(&one, json!({ "park_name": "衡山<&>\"'\u{1}\u{b}高新区[1]:*?/\\ 园区 名称很长很长很长很长很长很长" }))),
        ("nothing-pasted", json!({ "data": "", "today": "2022-12-15" })),
    ]
}
