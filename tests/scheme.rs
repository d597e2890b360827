//! Scheme loading and validation: JSON, pasted tables, round trips and every refusal reason.

use wuhao::diag::Level;
use wuhao::read::scheme_text::load;
use wuhao::scheme::{self, default_scheme, to_table, validate, DeductItem, Direction, Method, Scheme, Tier, TierBasis};

/// Loads `text` and compares the outcome: `want` empty means accepted with no
/// error; otherwise refused, and each wanted text must appear in an error,
/// written "row:col message" when the error has a position.
fn check(text: &str, want: &[&str]) {
    let loaded = load(text);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| match (d.row, d.col) {
            (Some(r), Some(c)) => format!("{r}:{c} {}", d.message()),
            _ => d.message(),
        })
        .collect();
    if want.is_empty() {
        assert!(errors.is_empty() && loaded.scheme.is_some(), "{errors:#?}");
        return;
    }
    assert!(loaded.scheme.is_none(), "accepted although {want:?} was expected");
    for w in want {
        assert!(errors.iter().any(|e| e.contains(w)), "missing {w:?} in {errors:#?}");
    }
}

/// The default scheme changed by `f`, as JSON.
fn mutated(f: impl FnOnce(&mut Scheme)) -> String {
    let mut s = default_scheme();
    f(&mut s);
    serde_json::to_string(&s).unwrap()
}

#[test]
fn default_scheme_is_clean() {
    let s = default_scheme();
    assert_eq!((s.indicators.len(), s.dimensions.len(), s.total), (22, 5, 100.0));
    assert!(validate(&s).is_empty(), "{:#?}", validate(&s));
    check(scheme::DEFAULT_SCHEME_JSON, &[]);
}

#[test]
fn json_round_trip() {
    let s = default_scheme();
    let text = serde_json::to_string_pretty(&s).unwrap();
    assert_eq!(load(&text).scheme, Some(s));
}

#[test]
fn refuses_bad_json_schemes() {
    check(&mutated(|s| s.indicators[0].weight = 7.0), &["维度“规划定位好”的指标分值合计 21，与维度分值 20 不符", "指标分值合计 101，与方案总分 100 不符"]);
    check(&mutated(|s| s.total = 0.0), &["方案总分 0 无效"]);
    check(&mutated(|s| s.indicators.clear()), &["方案没有任何指标"]);
    check(&mutated(|s| s.indicators[3].unit = "斤".into()), &["指标“综合容积率”的单位“斤”无法识别"]);
    check(&mutated(|s| s.indicators[0].dimension = "foo".into()), &["指标“主导产业营业收入占比”的维度“foo”不在方案的维度中"]);
    check(&mutated(|s| s.indicators[1].name = s.indicators[0].name.clone()), &["名称“主导产业营业收入占比”重复"]);
    check(&mutated(|s| s.indicators[1].aliases = vec!["主导产业占比".into()]), &["名称“主导产业占比”同时属于“主导产业营业收入占比”和“亩均税收”"]);
    check(&mutated(|s| s.indicators[1].formula = Some("上交税金 / 土地面积".into())), &["指标“亩均税收”的公式引用了“土地面积”，方案中没有这个指标或基础数据"]);
    check(&mutated(|s| s.indicators[1].formula = Some("上交税金 / (已开发面积".into())), &["指标“亩均税收”的公式有误：公式第 14 个字符处：缺少右括号"]);
    check(&mutated(|s| s.indicators[1].formula = Some("上交税金 + 已开发面积".into())), &["公式中 + 两边的单位量纲不同"]);
    check(&mutated(|s| s.indicators[1].formula = Some("上交税金".into())), &["指标“亩均税收”的公式结果与单位“万元/亩”的量纲不符"]);
    check(&mutated(|s| s.indicators[1].formula = Some("亩均税收 * 2".into())), &["指标“亩均税收”的公式引用了自身"]);
    check(
        &mutated(|s| {
            s.indicators[1].formula = Some("亩均技工贸收入 * 1".into());
            s.indicators[2].formula = Some("亩均税收 / 1".into());
        }),
        &["公式循环引用：亩均税收、亩均技工贸收入"],
    );
    check(&mutated(|s| s.indicators[0].method = Method::Benchmark { value: 0.0 }), &["指标“主导产业营业收入占比”：标杆值 0 应大于 0"]);
    check(&mutated(|s| s.indicators[6].method = Method::Completion { cap: 0.5, zero_below: None, floor: 0.0 }), &["完成率封顶 0.5 应不小于 1"]);
    check(&mutated(|s| s.indicators[6].method = Method::Efficacy { satisfactory: Some(5.0), unacceptable: Some(5.0) }), &["满意值与不允许值相同"]);
    check(&mutated(|s| s.indicators[6].method = Method::Efficacy { satisfactory: Some(1.0), unacceptable: Some(5.0) }), &["方向与指标方向不一致"]);
    let tiers = |t: &[(f64, f64)]| Method::Tiers { basis: TierBasis::Completion, tiers: t.iter().map(|(m, p)| Tier { min: *m, points: *p }).collect() };
    check(&mutated(|s| s.indicators[6].method = tiers(&[(95.0, 2.0), (80.0, 3.0)])), &["分档得分与档次顺序不一致"]);
    check(&mutated(|s| s.indicators[6].method = tiers(&[(95.0, 2.0), (95.0, 3.0)])), &["分档有重复的下限"]);
    check(&mutated(|s| s.indicators[6].method = tiers(&[(95.0, 9.0)])), &["得分须在 0 到 4 之间"]);
    check(&mutated(|s| s.indicators[6].method = tiers(&[])), &["分档计分没有档次"]);
    check(&mutated(|s| s.indicators[21].method = Method::Deduct { items: vec![DeductItem { input: "火灾".into(), per: 2.0 }] }), &["扣分项“火灾”不在方案的指标或基础数据中"]);
    check(&mutated(|s| s.indicators[21].method = Method::Deduct { items: vec![] }), &["扣分法没有扣分项"]);
    check(&mutated(|s| s.indicators[6].missing_score = 9.0), &["缺数据得分 9 应在 0 到分值之间"]);
    check(&mutated(|s| s.adjustments[0].input = "奖项".into()), &["引用的“奖项”不在方案中"]);
    check(&mutated(|s| s.vetoes[0].input = "事故".into()), &["一票否决项引用的“事故”不在方案中"]);
    check(&mutated(|s| s.veto_forbids = Some("卓越".into())), &["一票否决所限的等次“卓越”不在等次表中"]);
    let unknown_method = scheme::DEFAULT_SCHEME_JSON.replacen("\"type\": \"benchmark\"", "\"type\": \"magic\"", 1);
    check(&unknown_method, &["方案 JSON 无法读取：有无法识别的计分方法 type 或方向 direction：unknown variant `magic`"]);
    check("{\"name\": 1}", &["1:10 方案 JSON 无法读取"]);
    check("   ", &["方案为空"]);
}

#[test]
fn reads_a_document_table() {
    let text = include_str!("scheme/document.tsv");
    let loaded = load(text);
    let s = loaded.scheme.unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let dims: Vec<String> = s.dimensions.iter().map(|d| format!("{} {}", d.name, d.weight)).collect();
    assert_eq!(dims, ["规划定位好 30", "创新平台好 40", "发展形象好 30"]);
    let rows: Vec<String> = s
        .indicators
        .iter()
        .map(|i| format!("{}|{}|{}|{}|{}|{:?}|{}", i.dimension, i.name, i.unit, i.weight, i.method.label(), i.direction, scheme::method_params(&i.method)))
        .collect();
    assert_eq!(rows, [
        "规划定位好|主导产业营业收入占比|%|10|标杆值|Positive|标杆值 70",
        "规划定位好|亩均税收|万元/亩|10|功效系数|Positive|满意值 20 不允许值 5",
        "规划定位好|综合容积率||10|分档|Positive|按数值;≥1.2:10;≥1:8;≥0.8:5",
        "创新平台好|研发投入强度|%|15|标杆值|Positive|标杆值 3",
        "创新平台好|新增专利授权|件|10|完成率|Positive|封顶 1.2",
        "创新平台好|投资增速|%|15|增速对比|Positive|",
        "发展形象好|进出口额|亿元|10|极值|Positive|",
        "发展形象好|安全生产|分|10|扣分|Positive|一般事故:2;环保问题:1",
        "发展形象好|税收增长|亿元|10|基期|Positive|基准 80% 每增 5% 加 1 加分上限 50%",
    ]);
    assert_eq!(s.indicators[1].formula.as_deref(), Some("上交税金 / 已开发面积"));
    let inputs: Vec<String> = s.inputs.iter().map(|i| format!("{} {}", i.name, i.unit)).collect();
    assert_eq!(inputs, ["研究开发费用 亿元", "上交税金 亿元", "已开发面积 公顷", "一般事故 起", "环保问题 个", "荣誉 个", "较大事故 起"]);
    assert_eq!((s.adjustments[0].per, s.adjustments[0].cap), (0.5, 2.0));
    assert_eq!(s.vetoes[0].reason, "发生较大及以上安全事故");
    assert_eq!((s.total, s.veto_forbids.as_deref(), s.grades.len()), (100.0, Some("优秀"), 4));
}

#[test]
fn table_errors_point_at_cells() {
    let head = "维度\t指标\t单位\t分值\t方向\t计分方法\t参数\n";
    check(&format!("{head}甲(10)\tA\t斤\t10\t正向\t完成率\t\n"), &["2:3 指标“A”的单位“斤”无法识别"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t正向\t神算\t\n"), &["2:6 指标“A”：计分方法“神算”无法识别"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t正向\t标杆值\t\n"), &["2:7 指标“A”：标杆值法缺少标杆值"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t正向\t功效系数\t满分 3\n"), &["2:7 指标“A”：参数“满分”无法识别"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t正向\t分档\t九十:2\n"), &["2:7 指标“A”：分档“九十:2”应写成 ≥下限:得分"]);
    check(&format!("{head}甲(10)\tA\t个\t十\t正向\t完成率\t\n"), &["2:4 指标“A”的分值无法识别为数字"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t向上\t完成率\t\n"), &["2:5 指标“A”的方向“向上”无法识别"]);
    check(&format!("{head}甲(10)\tA\t个\t10\t正向\t\t\n"), &["2:6 指标“A”没有计分方法"]);
    check(&format!("{head}甲(20)\tA\t个\t10\t正向\t完成率\t\n\tB\t个\t5\t正向\t完成率\t\n"), &["2:1 维度“甲”的指标分值合计 15，与维度分值 20 不符"]);
    check(&format!("{head}甲\tA\t个\t10\t正向\t完成率\t\n\tB\t个\t5\t正向\t完成率\t\n合计\t\t\t100\n"), &["指标分值合计 15，与方案总分 100 不符"]);
    check(&format!("{head}甲\tA = B * 2\t个\t100\t正向\t完成率\t\n"), &["2:2 指标“A”的公式引用了“B”"]);
    check("指标\t说明\nA\t随便\n", &["方案表格缺少表头"]);
    check("指标\t分值\t计分方法\n\tB\t完成率\n", &["2:1 此行没有指标名称，已跳过"]);
    // Without 维度 everything sits in one dimension, and the weights then only need to reach the total.
    check("指标\t分值\t计分方法及参数\nA\t60\t完成率 封顶 1.2\nB\t40\t直接打分\n", &[]);
}

#[test]
fn table_round_trip() {
    let s = default_scheme();
    let text = to_table(&s);
    let loaded = load(&text);
    let back = loaded.scheme.unwrap_or_else(|| panic!("{:#?}\n{text}", loaded.diagnostics));
    // Pasted tables key dimensions by name; everything else must survive.
    let key_to_name = |k: &str| s.dimensions.iter().find(|d| d.key == k).map(|d| d.name.clone()).unwrap_or_default();
    let mut expected = s.clone();
    for i in &mut expected.indicators {
        i.dimension = key_to_name(&i.dimension);
    }
    for d in &mut expected.dimensions {
        d.key = d.name.clone();
    }
    assert_eq!(back.dimensions, expected.dimensions);
    assert_eq!(back.indicators, expected.indicators);
    assert_eq!(back.inputs, expected.inputs);
    assert_eq!(back.adjustments, expected.adjustments);
    assert_eq!(back.vetoes, expected.vetoes);
    assert_eq!(back.grades, expected.grades);
    assert_eq!((back.total, back.cap_total, back.veto_forbids.clone()), (100.0, Some(100.0), Some("优秀".to_string())));
    assert_eq!(to_table(&back), text);
}

#[test]
fn negative_direction_survives_a_table() {
    let s = load("指标\t分值\t方向\t计分方法\t参数\nA\t100\t负向\t标杆值\t3\n").scheme.unwrap();
    assert_eq!((s.indicators[0].direction, &s.indicators[0].method), (Direction::Negative, &Method::Benchmark { value: 3.0 }));
}

/// xorshift64: a tiny deterministic generator for the garbage test.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn garbage_never_panics() {
    let words = ["维度", "指标", "分值", "单位", "计分方法", "参数", "公式", "合计", "标杆值", "完成率", "分档", "扣分", "基础数据", "加分", "一票否决", "等次",
        "规划(20)", "(", ")", "=", "÷", "-", "≥", ":", ";", "%", "1e309", "-3", "0", "亿元", "万元/亩", "\t", "\n", "\t", "\n", " ", "{", "\"", "A", "B"];
    let mut st = 0x1234_5678_9abc_def1u64;
    for _ in 0..3000 {
        let len = 1 + next(&mut st) % 60;
        let text: String = (0..len).map(|_| words[(next(&mut st) % words.len() as u64) as usize]).collect();
        let loaded = load(&text);
        // Either accepted cleanly or refused with a reason; never silently empty.
        assert!(loaded.scheme.is_some() || !loaded.diagnostics.is_empty(), "{text:?}");
    }
}

#[test]
fn dimension_headings_in_the_indicator_column() {
    let text = "指标\t分值\t计分方法\t参数\n一、规划定位好（60分）\nA\t60\t标杆值\t70\n（二）创新平台好\nB\t30\t直接打分\nC\t10\t直接打分\n合计\t100\n";
    let loaded = load(text);
    let s = loaded.scheme.unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let got: Vec<String> = s.indicators.iter().map(|i| format!("{} {}", i.dimension, i.name)).collect();
    assert_eq!(got, ["规划定位好 A", "创新平台好 B", "创新平台好 C"]);
    assert_eq!(s.dimensions.iter().map(|d| d.weight).collect::<Vec<_>>(), [60.0, 40.0]);
}

/// Validation problems are kinds with their data, not only text.
#[test]
fn validation_problems_carry_kind_and_data() {
    use wuhao::diag::problem::{MethodFault, Problem};
    let mut s = default_scheme();
    s.indicators[0].weight = 7.0;
    s.indicators[6].method = Method::Completion { cap: 0.5, zero_below: None, floor: 0.0 };
    let problems: Vec<Problem> = validate(&s).into_iter().map(|d| d.problem).collect();
    let dim = s.dimensions.iter().find(|d| d.key == s.indicators[0].dimension).unwrap();
    assert!(problems.contains(&Problem::DimensionSum { name: dim.name.clone(), sum: dim.weight + 1.0, weight: dim.weight }), "{problems:#?}");
    assert!(problems.contains(&Problem::IndicatorSum { sum: 101.0, total: 100.0 }), "{problems:#?}");
    let name = s.indicators[6].name.clone();
    assert!(problems.contains(&Problem::Method { indicator: name, fault: MethodFault::CompletionCap { cap: 0.5 } }), "{problems:#?}");
    let kinds: Vec<&str> = problems.iter().map(Problem::kind).collect();
    assert!(kinds.contains(&"scheme.dimension_sum") && kinds.contains(&"scheme.method_params"), "{kinds:?}");
}

/// Issue 31: every name and alias is checked against the others through a map,
/// not a list searched per name, so a scheme with 100,000 aliases loads and
/// evaluates in well under a second (it took 30 s).
#[test]
fn a_hundred_thousand_aliases_load_in_linear_time() {
    let started = std::time::Instant::now();
    let mut s = default_scheme();
    s.indicators[0].aliases = (0..100_000).map(|i| format!("别名{i}")).collect();
    s.indicators[1].aliases = vec!["别名7".into()];
    let text = serde_json::to_string(&s).unwrap();
    let loaded = load(&text);
    let shared: Vec<_> = loaded.diagnostics.iter().filter(|d| d.problem.kind() == "scheme.name_shared").collect();
    assert_eq!(shared.len(), 1, "{:?}", loaded.diagnostics.iter().map(|d| d.message()).collect::<Vec<_>>());
    s.indicators[1].aliases.clear();
    let text = serde_json::to_string(&s).unwrap();
    let out = wuhao::api::load_scheme_json(&text);
    assert!(out.contains("别名99999"));
    let request = serde_json::json!({ "scheme": s, "today": "2022-12-10" }).to_string();
    let report = wuhao::api::evaluate_parts("指标\t衡山园区\n别名5\t100\n", &request);
    assert!(report.contains("衡山园区"));
    // 0.4 s alone in the test profile, 60 s before; generous for a loaded machine.
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
}

/// Issue 31: a scheme JSON whose name holds a lone surrogate escape (as
/// `JSON.stringify` writes an emoji cut in half) is read with U+FFFD in its
/// place and a warning, not refused for the built-in scheme.
#[test]
fn lone_surrogates_are_replaced_and_said() {
    let mut s = default_scheme();
    s.name = "我的方案".into();
    let json = serde_json::to_string(&s).unwrap().replace("我的方案", "我的\\ud800方案");
    let loaded = load(&json);
    let kinds: Vec<&str> = loaded.diagnostics.iter().map(|d| d.problem.kind()).collect();
    assert_eq!(loaded.scheme.as_ref().map(|s| s.name.as_str()), Some("我的\u{fffd}方案"), "{kinds:?}");
    assert!(kinds.contains(&"text.replaced_characters"), "{kinds:?}");
    assert!(loaded.diagnostics.iter().all(|d| d.level != Level::Error), "{kinds:?}");
    // Sent as the request's scheme text: used, not replaced by the built-in one.
    let request = serde_json::json!({ "scheme": json, "today": "2022-12-10" }).to_string();
    let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_parts("指标\t衡山园区\n上交税金\t5\n", &request)).unwrap();
    let kinds: Vec<&str> = report["diagnostics"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"text.replaced_characters") && !kinds.contains(&"scheme.fallback"), "{kinds:?}");
    // In the paste of a whole request: read, and said at its row.
    let request = r#"{"data":"指标\t衡山园区\n上交税金\ud800\t5\n","today":"2022-12-10"}"#;
    let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(request)).unwrap();
    let d = report["diagnostics"].as_array().unwrap().iter().find(|d| d["kind"] == "text.replaced_characters").expect("said");
    assert_eq!(d["row"], 2);
    assert!(d["message"].as_str().unwrap().contains("已替换为"), "{d}");
}
