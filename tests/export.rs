//! Export tests: result tables as TSV, CSV and .xlsx, read back by a tiny TSV reader and by calamine.
//!
//! The scorers are developed in parallel, so the report here is built by hand with
//! realistic figures (float noise, missing data, hostile park names). Expected
//! outputs live under tests/export/; `check` compares against them and rewrites
//! them when UPDATE_EXPECT=1 is set, so a reviewer sees every change as a diff.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::io::Cursor;
use wuhao::eval::{ParkResult, Report};
use wuhao::export::{self, Cell, Table};
use wuhao::base::fixed::Points;
use wuhao::model::*;
use wuhao::base::period::{Period, PeriodSource};
use wuhao::read::{ReadOutcome, Shape};
use wuhao::base::unit::Unit;

/// Compares `actual` with the stored expectation tests/export/<name>.
fn check(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}; run with UPDATE_EXPECT=1", path.display()));
    if want != actual {
        panic!("{name} differs (UPDATE_EXPECT=1 to accept)\n--- want\n{want}\n--- got\n{actual}");
    }
}

const HOSTILE: &str = "<script>alert(\"x&y\")</script>";

fn unit(label: &str) -> Unit {
    Unit::parse(label).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn ind(name: &str, dim: &str, u: &str, value: Option<f64>, target: Option<f64>, completion: Option<f64>, weight: f64, score: i64, explain: &str) -> IndicatorScore {
    IndicatorScore {
        name: name.into(),
        dimension: dim.into(),
        unit: unit(u),
        value,
        target,
        completion,
        weight,
        score: Points(score),
        lost: Points((weight * 100.0) as i64 - score),
        explain: explain.into(),
        missing: None,
        method: "标杆值".into(),
    }
}

fn dim(key: &str, name: &str, weight: f64, score: i64) -> DimensionScore {
    DimensionScore { key: key.into(), name: name.into(), weight, score: Points(score) }
}

fn prog(name: &str, u: &str, target: Option<f64>, actual: Option<f64>, completion: Option<f64>, status: Status, note: &str) -> ProgressRow {
    ProgressRow {
        name: name.into(),
        unit: unit(u),
        target,
        actual,
        completion,
        time_progress: Some(11.0 / 12.0 * 100.0),
        gap_pp: completion.map(|c| c - 11.0 / 12.0 * 100.0),
        yoy: Some(12.3),
        projection: actual.map(|a| a / 11.0 * 12.0),
        monthly_needed: target.zip(actual).map(|(t, a)| t - a),
        status,
        rate: false,
        negative: false,
        note: note.into(),
    }
}

/// Two parks (the second with a hostile name and a veto) and one split.
fn report() -> Report {
    let mut missing = ind("研发投入强度", "创新平台好", "%", None, Some(3.0), None, 6.0, 0, "缺数据按 0 分计");
    missing.missing = Some("未提供研究开发费用总额".into());
    let hengshan = ParkScore {
        name: "衡山工业园".into(),
        indicators: vec![
            ind("主导产业营业收入占比", "规划定位好", "%", Some(63.7), Some(70.0), Some(91.0), 6.0, 546, "6 × min(63.7% ÷ 70%, 1) = 5.46"),
            ind("亩均税收", "规划定位好", "万元/亩", Some(14.999999999999998), Some(15.0), Some(99.99999), 6.0, 600, "6 × min(15 ÷ 15, 1) = 6.00"),
            missing,
            ind("新增专利授权", "innovation", "件", Some(12.0), Some(10.0), Some(120.0), 4.0, 400, "4 × min(12 ÷ 10, 1) = 4.00"),
            ind("园区形象宣传", "未列维度", "", Some(1.0), None, None, 1.0, 100, "直接打分"),
        ],
        dimensions: vec![dim("planning", "规划定位好", 12.0, 1146), dim("innovation", "创新平台好", 10.0, 400)],
        adjustments: vec![Adjustment { name: "安全生产扣分".into(), points: Points(-100), explain: "发生一般事故 1 起，扣 1 分".into() }],
        total: Points(1546),
        grade: "不合格".into(),
        veto: None,
        rank: 2,
        unscored: Default::default(),
    };
    let other = ParkScore {
        name: HOSTILE.into(),
        indicators: vec![ind("亩均税收", "规划定位好", "万元/亩", Some(30.0), Some(15.0), Some(200.0), 6.0, 600, "封顶")],
        dimensions: vec![dim("planning", "规划定位好", 6.0, 600)],
        adjustments: Vec::new(),
        total: Points(8850),
        grade: "良好".into(),
        veto: Some("发生重大环境污染事件".into()),
        rank: 1,
        unscored: Default::default(),
    };
    let progress = vec![
        prog("技工贸总收入", "亿元", Some(170.0), Some(148.2032), Some(148.2032 / 170.0 * 100.0), Status::SlightlyBehind, ""),
        prog("上交税金", "亿元", None, Some(5.27), None, Status::Missing, "缺年度目标"),
    ];
    let split = SplitReport {
        title: "技工贸总收入分解".into(),
        kind: "片区".into(),
        unit: Some(unit("亿元")),
        parts: vec![
            SplitPart { name: "东片区".into(), indicator: "技工贸总收入".into(), target: Some(100.0), actual: Some(90.0), completion: Some(90.0), gap_pp: Some(-1.6666666), status: Status::SlightlyBehind, gap_share: Some(60.0), note: String::new(), unit: None },
            SplitPart { name: "西片区, \"新\"区".into(), indicator: "技工贸总收入".into(), target: Some(69.99999999999997), actual: Some(50.0), completion: None, gap_pp: None, status: Status::Missing, gap_share: None, note: String::new(), unit: None },
        ],
        sums: vec![
            SplitSum { indicator: "技工贸总收入".into(), what: "target".into(), whole: Some(170.0), parts_sum: 169.99999999999997, difference: Some(-3e-14), ok: true, message: "合计与整体一致".into() },
            SplitSum { indicator: "技工贸总收入".into(), what: "actual".into(), whole: Some(148.2032), parts_sum: 140.0, difference: Some(-8.2032), ok: false, message: "各片区合计比整体少8.2032亿元".into() },
        ],
        laggards: vec!["东片区".into()],
        diagnostics: Vec::new(),
        columns: Vec::new(),
    };
    let period = Period { year: 2022, month: 11 };
    Report {
        period,
        period_source: PeriodSource::Header,
        scheme: wuhao::scheme::default_scheme(),
        scheme_fallback: false,
        read: ReadOutcome {
            shape: Shape::IndicatorRows,
            header_row: Some(0),
            columns: Vec::new(),
            period,
            period_source: PeriodSource::Header,
            parks: Default::default(),
            unmatched: Vec::new(),
            missing: Vec::new(),
            diagnostics: Vec::new(),
        },
        parks: vec![
            ParkResult { score: hengshan, progress, detailed: true, reach: Default::default() },
            ParkResult { score: other, progress: Vec::new(), detailed: true, reach: Default::default() },
        ],
        splits: vec![split],
        diagnostics: Vec::new(),
        what_if: Vec::new(),
    }
}

/// Cell texts that break naive writers: separators, quotes, line ends, markup,
/// control characters, Excel's own _xHHHH_ escapes, leading spaces.
fn hostile_cells() -> Vec<&'static str> {
    vec![
        HOSTILE,
        "a\tb",
        "line1\nline2",
        "crlf\r\nend",
        "\"quoted\"",
        "mid\"quote",
        "comma, here",
        "ctrl\u{1}\u{8}\u{1f}end",
        "_x0041_ stays",
        "  padded  ",
        "中文「引号」—全角",
        "=1+1",
        "+1",
        "-x",
        "@SUM(A1)",
        "\t=1",
        "=HYPERLINK(\"http://x.invalid\",\"y\")",
    ]
}

fn hostile_table() -> Table {
    let mut t = Table { key: "h".into(), title: "标题\t含制表符".into(), headers: vec!["文本".into(), "数值".into()], sheet: "敌意:表/[1]".into(), ..Table::default() };
    for (k, s) in hostile_cells().into_iter().enumerate() {
        t.push(vec![Cell::Text(s.into()), Cell::Number { value: k as f64 + 0.5, text: format!("{}.50", k), decimals: Some(2) }]);
    }
    t
}

/// Reads Excel-style TSV: a field starting with a quote runs to the closing quote
/// (a doubled quote is one quote); rows end in CRLF.
fn read_tsv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut at_start, mut quoted) = (true, false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c != '"' {
                field.push(c);
            } else if chars.peek() == Some(&'"') {
                chars.next();
                field.push('"');
            } else {
                quoted = false;
            }
            continue;
        }
        match c {
            '"' if at_start => quoted = true,
            '\t' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
        at_start = matches!(c, '\t' | '\r');
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn tables_render_as_printed() {
    let r = report();
    let keys: Vec<String> = export::tables(&r).iter().map(|t| t.key.clone()).collect();
    // The first park has an adjustment, so it has an adjustments table; the second has none.
    assert_eq!(keys, ["breakdown:0", "dimensions:0", "adjustments:0", "progress:0", "reach:full:0", "breakdown:1", "dimensions:1", "progress:1", "ranking", "split:0", "split:0:sums"]);
    let tsv = String::from_utf8(export::export(&r, "", "tsv")).unwrap();
    check("all.tsv", &tsv);
}

#[test]
fn tsv_quotes_so_columns_survive_a_paste() {
    let t = hostile_table();
    let tsv = export::to_tsv(std::slice::from_ref(&t));
    // One table, as the page shows it: its caption line, the header, the rows.
    // Text that a spreadsheet would take for a formula comes back with a leading quote.
    let mut want = vec![vec![t.title.clone()], t.headers.clone()];
    want.extend(t.rows.iter().map(|r| r.iter().enumerate().map(|(k, c)| if k == 0 && c.starts_with(['=', '+', '-', '@', '\t']) { format!("'{c}") } else { c.clone() }).collect()));
    assert_eq!(read_tsv(&tsv), want);
    assert!(tsv.ends_with("\r\n") && !tsv.starts_with('\u{feff}'));
    check("hostile.tsv", &tsv);
}

#[test]
fn csv_has_bom_rfc4180_quoting_and_titles() {
    let mut second = hostile_table();
    second.title = "第二表".into();
    second.rows.truncate(1);
    second.cells.truncate(1);
    let bytes = export::to_csv(&[hostile_table(), second]);
    assert_eq!(bytes.get(..3), Some(&[0xEF, 0xBB, 0xBF][..]));
    let csv = String::from_utf8(bytes).unwrap();
    check("hostile.csv", &csv);
}

/// A sheet as text: one line per row, strings in Rust debug quotes, numbers as #n.
fn dump(range: &calamine::Range<Data>) -> String {
    let mut out = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Data::Empty => String::new(),
                Data::String(s) => format!("{s:?}"),
                Data::Float(f) => format!("#{f}"),
                Data::Int(i) => format!("#{i}"),
                other => format!("?{other:?}"),
            })
            .collect();
        out.push_str(cells.join(" | ").trim_end_matches([' ', '|']));
        out.push('\n');
    }
    out
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("a valid .xlsx")
}

#[test]
fn formula_text_is_defused_and_numbers_stay_numbers() {
    // OWASP's CSV-injection advice: a text cell starting with = + - @ tab or CR
    // gets a leading single quote; a number (even a negative one) is left alone.
    let mut t = Table { key: "f".into(), title: "=标题".into(), headers: vec!["@表头".into(), "数值".into()], sheet: "f".into(), ..Table::default() };
    for (text, number) in [("=cmd|' /C calc'!A0", "-3.20"), ("-", "0"), ("+86", "-0.5"), ("\rx", "12"), ("普通", "-100")] {
        t.push(vec![Cell::Text(text.into()), Cell::Number { value: number.parse().unwrap(), text: number.into(), decimals: None }]);
    }
    let csv = String::from_utf8(export::to_csv(std::slice::from_ref(&t))).unwrap();
    assert_eq!(
        csv,
        "\u{feff}'=标题\r\n'@表头,数值\r\n'=cmd|' /C calc'!A0,-3.20\r\n'-,0\r\n'+86,-0.5\r\n\"'\rx\",12\r\n普通,-100\r\n"
    );
    let tsv = export::to_tsv(std::slice::from_ref(&t));
    assert_eq!(tsv, "'=标题\r\n'@表头\t数值\r\n'=cmd|' /C calc'!A0\t-3.20\r\n'-\t0\r\n'+86\t-0.5\r\n\"'\rx\"\t12\r\n普通\t-100\r\n");
}

#[test]
fn xlsx_reads_back_with_numbers_as_numbers() {
    let r = report();
    let bytes = export::export(&r, "", "xlsx");
    let mut wb = open(bytes.clone());
    let names = wb.sheet_names();
    assert_eq!(
        names,
        [
            "得分明细-衡山工业园",
            "维度得分-衡山工业园",
            "加减分-衡山工业园",
            "目标进度-衡山工业园",
            "满分所需-衡山工业园",
            "得分明细-<script>alert(\"x&y\")<scrip",
            "维度得分-<script>alert(\"x&y\")<scrip",
            "目标进度-<script>alert(\"x&y\")<scrip",
            "园区排名",
            "分解1-技工贸总收入分解",
            "分解1-校核",
        ]
    );
    let mut all = String::new();
    for n in &names {
        let range = wb.worksheet_range(n).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{n}");
        all.push_str("== ");
        all.push_str(n);
        all.push('\n');
        all.push_str(&dump(&range));
    }
    check("all.xlsx.txt", &all);

    let range = wb.worksheet_range("得分明细-衡山工业园").unwrap();
    let header: Vec<String> = (0..10).map(|c| range.get_value((1, c)).map(|d| d.to_string()).unwrap_or_default()).collect();
    assert_eq!(header, ["维度", "指标", "单位", "实际值", "目标值", "完成率(%)", "分值", "得分", "失分", "计算过程"]);
    // Row 3 is the first indicator: values are real numbers, rounded as printed.
    assert_eq!(range.get_value((2, 3)), Some(&Data::Float(63.7)));
    assert_eq!(range.get_value((2, 7)), Some(&Data::Float(5.46)));
    assert_eq!(range.get_value((3, 3)), Some(&Data::Float(15.0)));
    assert_eq!(range.get_value((5, 3)), Some(&Data::String("缺数据".into())));
    let ranking = wb.worksheet_range("园区排名").unwrap();
    assert_eq!(ranking.get_value((2, 1)), Some(&Data::String(HOSTILE.into())));

    // Styles a reader does not expose, checked in the stored (uncompressed) XML.
    let raw = String::from_utf8_lossy(&bytes);
    // The 小计 and 总分 rows are bold as on the page (style 8: bold 0.00).
    for needle in ["state=\"frozen\"", "ySplit=\"2\"", "<v>5.46</v>", "s=\"8\"><v>11.46</v>", "formatCode=\"0.0\"", "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;"] {
        assert!(raw.contains(needle), "{needle}");
    }
    assert!(!raw.contains("<script>"));
}

#[test]
fn xlsx_hostile_text_reads_back_equal() {
    let mut t = hostile_table();
    t.push(vec![Cell::Text("x".repeat(40_000))]);
    let mut wb = open(wuhao::xlsx::to_xlsx(&[t.clone()]));
    assert_eq!(wb.sheet_names(), ["敌意表1"]);
    let range = wb.worksheet_range("敌意表1").unwrap();
    assert_eq!(range.get_value((0, 0)), Some(&Data::String(t.title.clone())));
    for (k, s) in hostile_cells().into_iter().enumerate() {
        let row = k as u32 + 2;
        assert_eq!(range.get_value((row, 0)), Some(&Data::String(s.into())), "{s:?}");
        assert_eq!(range.get_value((row, 1)), Some(&Data::Float(k as f64 + 0.5)), "{s:?}");
    }
    // Excel's cell limit is 32,767 characters; longer text is cut, not refused.
    let last = hostile_cells().len() as u32 + 2;
    assert_eq!(range.get_value((last, 0)), Some(&Data::String("x".repeat(32_767))));
}

#[test]
fn sheet_names_are_legal_and_unique() {
    let named = |sheet: &str| Table { sheet: sheet.into(), ..Table::default() };
    let tables: Vec<Table> = ["明细", "明细", "MINGXI", "mingxi", "'引号'", "History", "", "[]:*?/\\", &"长".repeat(40), &"长".repeat(40)].iter().map(|s| named(s)).collect();
    let names = wuhao::xlsx::sheet_names(&tables);
    check("sheet-names.txt", &(names.join("\n") + "\n"));
    let mut wb = open(wuhao::xlsx::to_xlsx(&tables));
    assert_eq!(wb.sheet_names(), names);
    for n in &names {
        assert!(n.encode_utf16().count() <= 31, "{n}");
        assert!(wb.worksheet_range(n).is_ok(), "{n}");
    }
}

#[test]
fn export_selects_by_key_and_refuses_unknown_formats() {
    let r = report();
    let sheets = |key: &str| open(export::export(&r, key, "xlsx")).sheet_names();
    assert_eq!(sheets("breakdown"), ["得分明细-衡山工业园", "得分明细-<script>alert(\"x&y\")<scrip"]);
    assert_eq!(sheets("split:0"), ["分解1-技工贸总收入分解", "分解1-校核"]);
    assert_eq!(sheets("split:00"), ["无数据"]);
    assert_eq!(export::export(&r, "ranking", "XLSX").len(), export::export(&r, "ranking", "xlsx").len());
    assert!(export::export(&r, "", "pdf").is_empty());
    assert!(export::export(&r, "nothing", "tsv").is_empty());
    assert_eq!(export::export(&r, "nothing", "csv"), "\u{feff}".as_bytes());
    // The same report always gives the same bytes (fixed ZIP timestamps).
    assert_eq!(export::export(&r, "", "xlsx"), export::export(&r, "", "xlsx"));
}

#[test]
fn formula_park_names_are_defused_through_the_whole_path() {
    // The page's own path: pasted park rows in, CSV and TSV out through export_json.
    let data = "园区\t技工贸总收入（亿元）\t上交税金（亿元）\n=HYPERLINK(\"http://x.invalid\",\"点此\")\t148.2\t5.27\n@SUM(1+1)\t90\t-3.1\n";
    let request = serde_json::json!({ "data": data, "today": "2026-11-28", "period": { "year": 2022, "month": 11 } }).to_string();
    for format in ["csv", "tsv"] {
        let text = String::from_utf8(wuhao::api::export_json(&request, "ranking", format)).unwrap();
        assert!(text.contains("'=HYPERLINK(") && text.contains("'@SUM(1+1)"), "{format}: {text}");
        assert!(!text.lines().any(|l| l.starts_with('=') || l.contains(",=") || l.contains("\t=") || l.contains(",@") || l.contains("\t@")), "{format}: {text}");
    }
}

#[test]
fn a_copy_follows_the_row_order_on_screen() {
    // The page sorts the progress table by a click; its 复制此表 names the order it
    // shows (indices of the laid-out rows) after '@', and the copy has that order.
    let r = report();
    let rows = |key: &str| read_tsv(&String::from_utf8(export::export(&r, key, "tsv")).unwrap());
    let names = |key: &str| rows(key).iter().skip(2).map(|row| row[1].clone()).collect::<Vec<_>>();
    assert_eq!(names("progress:0"), ["技工贸总收入", "上交税金"]);
    assert_eq!(names("progress:0@1,0"), ["上交税金", "技工贸总收入"]);
    // 序号 moves with its row: it numbers the laid-out order, not the sorted one.
    assert_eq!(rows("progress:0@1,0")[2][0], "2");
    // Unknown or repeated indices are skipped; rows left unnamed keep their place after.
    assert_eq!(names("progress:0@1,1,9"), ["上交税金", "技工贸总收入"]);
    // With '@' the key names one table exactly: the parts of a split, not their sums.
    assert_eq!(rows("split:0@").len(), 4);
    assert_eq!(rows("split:0").len(), 9);
    // Every table starts with its caption, as the page shows it above the table.
    assert!(rows("progress:0")[0][0].starts_with("衡山工业园目标进度（数据截至2022年11月"));
}

#[test]
fn subtotals_are_sums_of_the_printed_rows() {
    // A statistician adds the printed 得分 of a dimension's rows and gets its 小计;
    // the dimensions table's 维度得分合计 is the sum of its printed rows.
    let r = report();
    let t = export::tables(&r).into_iter().find(|t| t.key == "breakdown:0").unwrap();
    let cents = |s: &str| (s.parse::<f64>().unwrap() * 100.0).round() as i64;
    let mut sum = 0;
    let mut checked = 0;
    for (row, meta) in t.rows.iter().zip(&t.meta) {
        if meta.class.contains(&"subtotal") {
            assert_eq!(cents(&row[7]), sum, "{row:?}");
            sum = 0;
            checked += 1;
        } else {
            sum += cents(&row[7]);
        }
    }
    assert_eq!(checked, 2);
    let d = export::tables(&r).into_iter().find(|t| t.key == "dimensions:0").unwrap();
    assert_eq!(d.rows[2], ["维度得分合计", "22", "15.46"]);
    assert_eq!(d.meta[2].class, ["subtotal"]);
    assert_eq!(d.rows[4], ["总分", "", "15.46"]);
}

#[test]
fn a_shown_plus_sign_stays_a_number_in_the_xlsx() {
    // The page shows gains with a sign (+2.00 加分, +1.23 百分点); the .xlsx keeps the number.
    let mut t = Table { key: "s".into(), title: "加分与扣分".into(), headers: vec!["项目".into(), "分值".into()], sheet: "s".into(), ..Table::default() };
    t.push(vec![Cell::Text("加分".into()), Cell::Number { value: 2.0, text: "+2.00".into(), decimals: Some(2) }]);
    let mut wb = open(wuhao::xlsx::to_xlsx(&[t.clone()]));
    let range = wb.worksheet_range("s").unwrap();
    assert_eq!(range.get_value((2, 1)), Some(&Data::Float(2.0)));
    // TSV and CSV carry the printed text, sign included, as a number (no defusing quote).
    assert!(export::to_tsv(&[t]).contains("加分\t+2.00\r\n"));
}

/// A table as (key, caption, headers, row texts).
type Shown = (String, String, Vec<String>, Vec<Vec<String>>);

/// The tables of a report as JSON (`evaluate_json`).
fn screen_tables(request: &str) -> Vec<Shown> {
    let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(request)).unwrap();
    report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let strs = |v: &serde_json::Value| v.as_str().unwrap().to_string();
            (
                strs(&t["key"]),
                strs(&t["caption"]),
                t["columns"].as_array().unwrap().iter().map(|c| strs(&c["text"])).collect(),
                t["rows"].as_array().unwrap().iter().map(|r| r["cells"].as_array().unwrap().iter().map(strs).collect()).collect(),
            )
        })
        .collect()
}

/// The tables an export writes (`export_json` as "json": typed cells), in the same shape.
fn exported_tables(request: &str) -> Vec<Shown> {
    let json: serde_json::Value = serde_json::from_slice(&wuhao::api::export_json(request, "", "json")).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let strs = |v: &serde_json::Value| v.as_str().map(str::to_string).unwrap_or_else(|| v["text"].as_str().unwrap().to_string());
            (
                strs(&t["key"]),
                strs(&t["title"]),
                t["headers"].as_array().unwrap().iter().map(strs).collect(),
                t["rows"].as_array().unwrap().iter().map(|r| r.as_array().unwrap().iter().map(strs).collect()).collect(),
            )
        })
        .collect()
}

/// Every request field of the wrong type in turn: the screen and every export read the
/// request the same lenient way, so the export's titles and rows are the screen's, and
/// both still show the park and the period the rest of the request gives.
#[test]
fn a_field_of_the_wrong_type_leaves_screen_and_export_equal() {
    let data = "指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n固定资产投资额\t亿元\t48\t40.62\n";
    let split = "技工贸总收入目标分解（单位：亿元）\n片区\t年度目标\t1-11月累计\n东区\t90\t80\n西区\t75\t68.2032\n";
    let base = serde_json::json!({
        "data": data,
        "period": { "year": 2022, "month": 11 },
        "today": "2022-12-15",
        "park_name": "衡山高新区",
        "splits": [split],
        "settings": { "by_days": false, "slight_pp": 5 },
        "detail": "all",
        "what_if": { "上交税金": 6.5 },
        "projected": false,
    });
    let wrong: [(&str, serde_json::Value); 16] = [
        ("settings", serde_json::json!("oops")),
        ("settings", serde_json::json!({ "slight_pp": "five", "by_days": 3 })),
        ("period", serde_json::json!("2022-11")),
        ("today", serde_json::json!(20221215)),
        ("scheme", serde_json::json!(42)),
        ("splits", serde_json::json!("东区\t90\t80")),
        ("detail", serde_json::json!({ "park": 0 })),
        ("data_form", serde_json::json!(7)),
        ("park_name", serde_json::json!(["衡山高新区"])),
        ("read_overrides", serde_json::json!({ "column": 3 })),
        ("shape", serde_json::json!(true)),
        ("compact", serde_json::json!("yes")),
        ("what_if", serde_json::json!(["上交税金", 6.5])),
        ("what_if_park", serde_json::json!(0)),
        ("projected", serde_json::json!("no")),
        ("data", serde_json::json!(12345)),
    ];
    for (field, value) in wrong {
        let mut req = base.clone();
        req[field] = value.clone();
        let request = req.to_string();
        let screen = screen_tables(&request);
        let export = exported_tables(&request);
        assert_eq!(export, screen, "{field} = {value}: the export differs from the screen");
        if field != "data" {
            // The park and the period come from the rest of the request, on screen and in the file.
            let breakdown = export.iter().find(|t| t.0 == "breakdown:0").unwrap_or_else(|| panic!("{field} = {value}: no breakdown"));
            let named = field == "park_name" || breakdown.1.starts_with("衡山高新区");
            assert!(named && breakdown.1.contains("2022年11月"), "{field} = {value}: titled {}", breakdown.1);
            assert!(!breakdown.3.is_empty(), "{field} = {value}: an empty breakdown");
        }
        // The request's own problem is said: a warning names the field.
        let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(&request)).unwrap();
        let said = report["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["message"].as_str().unwrap_or("").contains(field) || (field == "scheme" && d["kind"].as_str().unwrap_or("").starts_with("scheme."))
        });
        assert!(said, "{field} = {value}: no diagnostic names the field: {}", report["diagnostics"]);
    }
}

/// A what-if's figures are marked 模拟 in every table as on screen: each title says
/// the figures are simulated, and each changed indicator's row says so by its name.
#[test]
fn a_what_if_is_marked_in_every_export() {
    let data = "指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n";
    let base = serde_json::json!({ "data": data, "period": { "year": 2022, "month": 11 }, "today": "2022-12-15" });
    let mut sim = base.clone();
    sim["what_if"] = serde_json::json!({ "技工贸总收入": 170 });
    let plain = exported_tables(&base.to_string());
    let marked = exported_tables(&sim.to_string());
    assert_eq!(screen_tables(&sim.to_string()), marked);
    assert!(plain.iter().all(|t| !t.1.contains("模拟")), "a title says 模拟 with no what-if");
    assert!(marked.iter().all(|t| t.1.contains("含模拟数据")), "{:?}", marked.iter().map(|t| &t.1).collect::<Vec<_>>());
    let names = |tables: &[Shown], key: &str| -> Vec<String> { tables.iter().find(|t| t.0 == key).map(|t| t.3.iter().map(|r| r[1].clone()).collect()).unwrap_or_default() };
    let rows = names(&marked, "breakdown:0");
    assert!(rows.contains(&"技工贸总收入（模拟）".to_string()), "{rows:?}");
    assert!(rows.contains(&"上交税金".to_string()), "{rows:?}");
    assert!(!names(&plain, "breakdown:0").iter().any(|n| n.contains("模拟")));
    // The .xlsx carries the same: its document title says so too.
    let xlsx = wuhao::api::export_json(&sim.to_string(), "", "xlsx");
    let mut wb = open(xlsx);
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    assert!(range.rows().any(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == "技工贸总收入（模拟）"))));
}

/// Derived figures at their indicator's precision: a count's 全年预计 is whole (37 件,
/// not 37.0909 件) and what a count still needs a month is rounded up, never to 0.
#[test]
fn a_count_projects_to_whole_numbers() {
    let data = "指标名称\t单位\t年度目标\t1-11月累计\n新增专利授权\t件\t40\t34\n新开工重大项目数\t个\t12\t11.7\n技工贸总收入\t亿元\t165\t148.2032\n";
    let req = serde_json::json!({ "data": data, "period": { "year": 2022, "month": 11 }, "today": "2022-12-15" }).to_string();
    let tables = screen_tables(&req);
    let progress = tables.iter().find(|t| t.0 == "progress:0").unwrap();
    let col = |label: &str| progress.2.iter().position(|h| h.starts_with(label)).unwrap();
    let row = |name: &str| progress.3.iter().find(|r| r[1] == name).unwrap().clone();
    let (proj, need) = (col("全年预计"), col("剩余月均"));
    assert_eq!(row("新增专利授权")[proj], "37");
    assert_eq!(row("新增专利授权")[need], "6");
    // 0.3 still needed in the last month: 1, not 0.
    assert_eq!(row("新开工重大项目数")[need], "1");
    // Money keeps its figures as given.
    assert_eq!(row("技工贸总收入")[proj], "161.6762");
}

/// The real Jan–Nov table has no targets: its total lacks 17 indicators and 76
/// points, and every export says so in its title and in the total's row
/// (issue 27), as the screen and the printout do; the grade is not given as one.
#[test]
fn a_partial_total_is_marked_in_every_export() {
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hengshan-2022-jan-nov.tsv")).expect("the real table");
    let request = serde_json::json!({"data": data, "period": {"year": 2022, "month": 11}, "today": "2022-12-15"}).to_string();
    let mark = "部分得分，17 项指标未计分，未计入 76 分";
    for format in ["tsv", "csv", "json"] {
        let bytes = wuhao::api::export_json(&request, "", format);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(mark), "{format}: no partial mark");
        assert!(text.contains("未定级（已计分部分为不合格）"), "{format}: the partial total is graded as if whole");
    }
    let mut book = open(wuhao::api::export_json(&request, "", "xlsx"));
    let sheets = book.sheet_names().to_owned();
    let first = sheets.first().expect("a sheet").clone();
    let range = book.worksheet_range(&first).expect("the breakdown sheet");
    let shown = dump(&range);
    assert!(shown.contains(mark) && shown.contains("未定级"), "xlsx: {shown}");
}
