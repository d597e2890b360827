//! Opening spreadsheet files (`read::file::read_file`) against calamine, on
//! files written by openpyxl and LibreOffice (`tests/files/make.py` wrote them),
//! a hand-made package of inline strings, a 10,000-row sheet, and broken or
//! non-spreadsheet files, which must give a clear message and no text.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use wuhao::diag::Source;
use wuhao::read::file::{read_file, FileRead};
use wuhao::table::parse_grid;

fn path(name: &str) -> String {
    format!("{}/tests/files/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn open(name: &str, sheet: &str) -> FileRead {
    let bytes = std::fs::read(path(name)).expect("fixture");
    read_file(&bytes, name, sheet)
}

/// The read text as rows of cells, the way the page's paste reader splits it.
fn grid(read: &FileRead) -> Vec<Vec<String>> {
    let (g, diags) = parse_grid(&read.text, Source::Data);
    assert!(diags.is_empty(), "{diags:?}");
    g.to_rows()
}

fn kinds(read: &FileRead) -> Vec<&str> {
    read.diagnostics.iter().map(|d| d.kind).collect()
}

/// Compares the read grid with calamine's cells of the same sheet, hidden rows
/// and columns (0-based, as in the sheet) left out of calamine's.
fn same_as_calamine(name: &str, sheet: &str, hidden_rows: &[u32], hidden_cols: &[u32]) -> FileRead {
    let read = open(name, sheet);
    assert!(read.ok, "{name}: {:?}", read.diagnostics);
    let ours = grid(&read);
    let mut book = open_workbook_auto(Path::new(&path(name))).expect("calamine opens it");
    let range = book.worksheet_range(sheet).expect("sheet");
    let (r0, c0) = range.start().expect("cells");
    let mut cells: BTreeMap<(u32, u32), Data> = BTreeMap::new();
    for (r, row) in range.rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r0 + r as u32, c0 + c as u32);
            if *v != Data::Empty && !hidden_rows.contains(&r) && !hidden_cols.contains(&c) {
                cells.insert((r, c), v.clone());
            }
        }
    }
    let first_row = cells.keys().map(|k| k.0).min().expect("a cell");
    let first_col = cells.keys().map(|k| k.1).min().expect("a cell");
    let visible_row = |r: u32| (first_row..r).filter(|x| !hidden_rows.contains(x)).count();
    let visible_col = |c: u32| (first_col..c).filter(|x| !hidden_cols.contains(x)).count();
    let mut checked = 0;
    for ((r, c), v) in &cells {
        let got = ours.get(visible_row(*r)).and_then(|row| row.get(visible_col(*c))).map(String::as_str).unwrap_or("");
        match v {
            Data::String(s) => assert_eq!(got, s, "{name} {sheet} ({r},{c})"),
            Data::Float(f) => assert_eq!(number(got), *f, "{name} {sheet} ({r},{c}) {got}"),
            Data::Int(i) => assert_eq!(number(got), *i as f64, "{name} {sheet} ({r},{c})"),
            Data::Bool(b) => assert_eq!(got, if *b { "TRUE" } else { "FALSE" }),
            Data::DateTime(d) => {
                assert!(got.len() == 10 && got.as_bytes()[4] == b'-' && got.as_bytes()[7] == b'-', "{name} ({r},{c}) {got}");
                assert!(d.as_f64() > 0.0);
            }
            Data::Error(_) => assert!(got.starts_with('#'), "{got}"),
            other => panic!("unexpected {other:?}"),
        }
        checked += 1;
    }
    // Nothing read that calamine does not have.
    let ours_count = ours.iter().flatten().filter(|c| !c.is_empty()).count();
    assert_eq!(ours_count, checked, "{name} {sheet}: {ours:?}");
    read
}

/// A cell's number; a percentage is its value over 100, read from the text so
/// that 63.7% is exactly 0.637.
fn number(text: &str) -> f64 {
    match text.strip_suffix('%') {
        Some(p) => {
            let v: f64 = p.parse().expect("percent");
            // 63.7% → "0.637" by moving the point back, as the reader moved it.
            let neg = p.starts_with('-');
            let digits = p.trim_start_matches('-');
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            let padded = format!("{:0>3}", int);
            let (a, b) = padded.split_at(padded.len() - 2);
            let s = format!("{}{}.{}{}", if neg { "-" } else { "" }, a, b, frac);
            let back: f64 = s.parse().expect("moved");
            assert!((back - v / 100.0).abs() < 1e-12);
            back
        }
        None => text.parse().unwrap_or_else(|_| panic!("not a number: {text}")),
    }
}

#[test]
fn openpyxl_sheet_strings_formats_merges_and_hidden() {
    // Row 9 and column F are hidden in the sheet.
    let read = same_as_calamine("openpyxl.xlsx", "指标", &[8], &[5]);
    assert_eq!(read.format, "xlsx");
    assert_eq!(read.sheet.as_deref(), Some("指标"));
    let names: Vec<(&str, bool)> = read.sheets.iter().map(|s| (s.name.as_str(), s.hidden)).collect();
    assert_eq!(names, [("指标", false), ("第二表", false), ("隐藏表", true)]);
    let g = grid(&read);
    assert_eq!(g[0], ["衡山高新区 2022年1-11月主要指标"]);
    assert_eq!(g[3], ["规模工业增加值增速", "%", "8%", "6.37%"]);
    assert_eq!(g[5][0], "实际使用外资");
    assert_eq!(g[6], ["备注 & <说明>", "", "", "含\"引号\""]);
    assert_eq!(g[7], ["填报日期", "", "", "2022-12-05"]);
    assert_eq!(g[8], ["合并", "", "7"]);
    assert!(!read.text.contains("隐藏的行") && !read.text.contains("隐藏列"));
    assert_eq!((read.merged, read.hidden_rows, read.hidden_cols), (3, 1, 1));
    assert_eq!(kinds(&read), ["file.hidden_rows", "file.hidden_cols"]);
    assert!(read.diagnostics[0].message.contains("隐藏行"));
}

#[test]
fn several_sheets_chosen_by_name() {
    let read = same_as_calamine("openpyxl.xlsx", "第二表", &[], &[]);
    assert_eq!(grid(&read), [vec!["园区", "技工贸总收入", "完成率"], vec!["甲园区", "12.5", "90%"], vec!["乙园区", "8", "105%"]]);
    let hidden = open("openpyxl.xlsx", "隐藏表");
    assert_eq!(hidden.text, "不应默认读取");
    let missing = open("openpyxl.xlsx", "没有这张表");
    assert!(missing.ok);
    assert_eq!(missing.sheet.as_deref(), Some("指标"));
    assert_eq!(kinds(&missing)[0], "file.sheet_not_found");
}

#[test]
fn libreoffice_csv_conversion_and_formulas() {
    let read = same_as_calamine("libreoffice.xlsx", "lo", &[], &[]);
    let g = grid(&read);
    assert_eq!(g[1], ["技工贸总收入", "亿元", "165", "148.2032", "89.8%"]);
    assert_eq!(g[3][0], "含,逗号");
    assert_eq!(g[4], ["日期", "", "", "2022-12-05"]);
    let f = same_as_calamine("formulas.xlsx", "公式", &[], &[]);
    let g = grid(&f);
    // LibreOffice caches 15 significant digits; the cell is checked against calamine above.
    assert!(g[1][3].starts_with("89.82") && g[1][3].ends_with('%'), "{}", g[1][3]);
    assert_eq!(g[3], ["合计", "169.5", "152.1032", "有"]);
}

#[test]
fn inline_strings_and_odd_cells() {
    let read = same_as_calamine("inline.xlsx", "内联 & 转义", &[], &[]);
    let g = grid(&read);
    assert_eq!(g[0], ["指标名称", "1-11月累计"]);
    assert_eq!(g[1], ["技工贸总收入", "148.2032"]);
    assert_eq!(g[2], ["第一行\r\n第二行 <&> 中_x0041_", "ab"]);
    assert_eq!(g[3], Vec::<String>::new());
    assert_eq!(g[4], ["TRUE", "", "#DIV/0!", "\"引号开头"]);
}

#[test]
fn ten_thousand_rows() {
    let read = same_as_calamine("rows10000.xlsx", "园区", &[], &[]);
    assert_eq!(read.rows, 10_001);
    let g = grid(&read);
    assert_eq!(g[10_000], ["园区10000", "12500", "9", "0"]);
    assert_eq!(g[1], ["园区00001", "1.25", "1", "0.01"]);
}

#[test]
fn xls_biff8_files() {
    // The openpyxl workbook saved as .xls by LibreOffice: the same sheets, cells, merges and hidden row and column.
    let read = same_as_calamine("openpyxl.xls", "指标", &[8], &[5]);
    assert_eq!(read.format, "xls");
    let xlsx = open("openpyxl.xlsx", "指标");
    assert_eq!(read.text, xlsx.text);
    assert_eq!((read.merged, read.hidden_rows, read.hidden_cols), (3, 1, 1));
    let names: Vec<(&str, bool)> = read.sheets.iter().map(|s| (s.name.as_str(), s.hidden)).collect();
    assert_eq!(names, [("指标", false), ("第二表", false), ("隐藏表", true)]);
    let second = same_as_calamine("openpyxl.xls", "第二表", &[], &[]);
    assert_eq!(second.text, open("openpyxl.xlsx", "第二表").text);
    let lo = same_as_calamine("libreoffice.xls", "lo", &[], &[]);
    assert_eq!(lo.text, open("libreoffice.xlsx", "lo").text);
    let f = same_as_calamine("formulas.xls", "公式", &[], &[]);
    // LibreOffice's .xls caches the IF's text result as 0 (calamine reads the same, checked above).
    assert_eq!(grid(&f)[3][..3], ["合计", "169.5", "152.1032"]);
    // Shared strings over several CONTINUE records, UTF-16 text broken across them.
    let long = same_as_calamine("strings.xls", "长表", &[], &[]);
    assert_eq!(long.text, open("strings.xlsx", "").text);
    assert_eq!(grid(&long)[599], ["第599个园区的技工贸总收入说明文字", "599"]);
    assert_eq!(same_as_calamine("parks.xls", "园区对比", &[2], &[]).text, open("parks.xlsx", "").text);
    // A BIFF8 .et (old WPS) reads the same way whatever its name.
    let et = read_file(&std::fs::read(path("libreoffice.xls")).unwrap(), "旧表.et", "");
    assert!(et.ok && et.text == lo.text);
}

#[test]
fn csv_files() {
    let read = open("utf8.csv", "");
    assert!(read.ok);
    assert_eq!(read.format, "csv");
    let g = grid(&read);
    assert_eq!(g[3], ["含,逗号", "万元", "10", "2", "20%"]);
    assert!(read.diagnostics.is_empty());
    let gbk = open("gbk.csv", "");
    assert!(gbk.ok);
    assert_eq!(kinds(&gbk), ["file.not_utf8"]);
    // The same text, decoded by the page as GB18030 and handed back as UTF-8.
    let text = "指标名称\t1-11月累计\n技工贸总收入\t148.2\n";
    let again = read_file(text.as_bytes(), "gbk.txt", "");
    assert_eq!(again.text, text);
}

#[test]
fn broken_and_other_files_are_refused_with_a_message() {
    for (name, kind) in [
        ("truncated.xlsx", "file.damaged"),
        ("image.xlsx", "file.not_spreadsheet"),
        ("not-a-workbook.xlsx", "file.no_workbook"),
        ("bomb.xlsx", "file.too_big"),
    ] {
        let read = open(name, "");
        assert!(!read.ok, "{name}");
        assert!(read.text.is_empty(), "{name}");
        assert_eq!(kinds(&read), [kind], "{name}");
        assert_eq!(read.diagnostics[0].level, "error");
        assert!(!read.diagnostics[0].message.is_empty());
    }
    // An Excel 95 (BIFF5) workbook: LibreOffice's .xls with its BOF's version made 0x0500.
    let mut biff5 = std::fs::read(path("libreoffice.xls")).unwrap();
    let bof = biff5.windows(6).position(|w| w == [0x09, 0x08, 0x10, 0x00, 0x00, 0x06]).expect("BOF");
    biff5[bof + 5] = 0x05;
    let xls = read_file(&biff5, "旧.xls", "");
    assert_eq!(kinds(&xls), ["file.legacy"]);
    assert!(xls.diagnostics[0].message.contains("Excel 95 或更早版本的 .xls 文件，暂不能直接读取"));
    let et = read_file(&biff5, "旧表.et", "");
    assert!(et.diagnostics[0].message.contains(".et"));
    assert_eq!(kinds(&read_file(b"", "a.xlsx", "")), ["file.empty"]);
    // A WPS .et saved as OOXML reads as an .xlsx whatever its name.
    let et = read_file(&std::fs::read(path("libreoffice.xlsx")).unwrap(), "园区.et", "");
    assert!(et.ok && et.text.starts_with("指标名称"));
}

/// Every prefix and some flipped bytes of a real workbook: no panic, and either a
/// table or a refusal with a message.
#[test]
fn cut_and_corrupted_workbooks_never_panic() {
    corrupt("openpyxl.xlsx");
    corrupt("openpyxl.xls");
}

fn corrupt(name: &str) {
    let bytes = std::fs::read(path(name)).unwrap();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for cut in (0..bytes.len()).step_by(97) {
        let r = read_file(&bytes[..cut], name, "");
        assert!(r.ok || !r.diagnostics.is_empty());
    }
    for _ in 0..300 {
        let mut b = bytes.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % b.len() as u64) as usize;
            b[at] ^= (seed >> 32) as u8 | 1;
        }
        let r = read_file(&b, name, "");
        assert!(r.ok || !r.diagnostics.is_empty());
    }
}
