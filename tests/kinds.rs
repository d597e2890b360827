//! The three table readers report kinds with their data: asserted here by the data, not the wording.

use wuhao::model::ProgressSettings;

use wuhao::base::period::Period;
use wuhao::diag::problem::{Line, MethodSyntax, Problem, TableOf, UnitFallback};
use wuhao::read::read_data;
use wuhao::read::scheme_text::load;
use wuhao::scheme::default_scheme;
use wuhao::eval::split::check_split;

const TODAY: Period = Period { year: 2024, month: 12 };

fn data(text: &str) -> Vec<Problem> {
    read_data(text, &default_scheme(), None, TODAY).diagnostics.into_iter().map(|d| d.problem).collect()
}

fn split(text: &str) -> Vec<Problem> {
    let r = check_split(0, text, &default_scheme(), None, TODAY, &ProgressSettings::default());
    r.diagnostics.into_iter().map(|d| d.problem).collect()
}

fn scheme(text: &str) -> Vec<Problem> {
    load(text).diagnostics.into_iter().map(|d| d.problem).collect()
}

#[test]
fn data_reader_kinds() {
    let got = data("指标名称\t单位\t1-11月累计\n技工贸总收\t亿元\t3\n上交税金\t斤\t2\n");
    let unmatched = got.iter().find_map(|p| match p {
        Problem::Unmatched { text, suggestions, line } => Some((text.as_str(), suggestions, *line)),
        _ => None,
    });
    let (text, suggestions, line) = unmatched.expect("an unmatched row");
    assert_eq!((text, line), ("技工贸总收", Line::Row));
    assert!(suggestions.iter().any(|s| s == "技工贸总收入"), "{suggestions:?}");
    assert!(got.contains(&Problem::UnknownUnitLabel { text: "斤".into(), fallback: UnitFallback::RowSkipped }), "{got:?}");

    let got = data("园区\t技工贸总收入\t技工贸总收入\n甲\t1\t2\n甲\t3\t4\n合计\t4\t6\n");
    assert!(got.contains(&Problem::DuplicateColumn { name: "技工贸总收入".into(), first_col: 2 }), "{got:?}");
    assert!(got.contains(&Problem::DuplicateRow { name: "甲".into(), first_row: Some(2) }), "{got:?}");
    assert!(got.contains(&Problem::TotalRow { name: "合计".into() }), "{got:?}");
}

#[test]
fn split_kinds() {
    let got = split("技工贸总收入分月计划\n月份\t单位\t计划\t实际\n一月\t斤\t10\t9\n一月\t亿元\t10\t9\n");
    assert!(got.contains(&Problem::UnknownUnitLabel { text: "斤".into(), fallback: UnitFallback::WholeUnit }), "{got:?}");
    assert!(got.contains(&Problem::DuplicateRow { name: "一月".into(), first_row: Some(3) }), "{got:?}");
    assert!(got.contains(&Problem::MonthsMissing { months: (2..=12).collect() }), "{got:?}");
}

#[test]
fn scheme_table_kinds() {
    let head = "维度\t指标\t单位\t分值\t方向\t计分方法\t参数\n";
    let got = scheme(&format!("{head}甲(10)\tA\t个\t10\t正向\t分档\t九十:2\n"));
    let tier = MethodSyntax::Tier { segment: "九十:2".into() };
    assert!(got.contains(&Problem::MethodSyntax { indicator: "A".into(), fault: tier }), "{got:?}");
    let got = scheme(&format!("{head}甲(10)\tA\t个\t十\t向上\t完成率\t\n"));
    assert!(got.contains(&Problem::WeightNotNumber { indicator: Some("A".into()), text: "十".into() }), "{got:?}");
    assert!(got.contains(&Problem::UnknownDirection { indicator: "A".into(), text: "向上".into() }), "{got:?}");
}

#[test]
fn one_kind_for_no_header_in_every_reader() {
    assert!(data("随便写点什么\n再写一行\n").contains(&Problem::NoHeader { table: TableOf::Data }));
    assert!(split("随便写点什么\n再写一行\n").contains(&Problem::NoHeader { table: TableOf::Split }));
    assert!(scheme("指标\t说明\nA\t随便\n").contains(&Problem::NoHeader { table: TableOf::Scheme }));
    let kinds: Vec<&str> = [TableOf::Data, TableOf::Split, TableOf::Scheme].map(|table| Problem::NoHeader { table }.kind()).to_vec();
    assert_eq!(kinds, ["table.no_header"; 3]);
}
