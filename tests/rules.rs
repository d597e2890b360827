//! The rule reader: official 评分标准 in prose → a scoring method, its read-back
//! and its score (`tests/rules/cases.tsv`); a whole official-style table read end
//! to end and scoring a park (`tests/rules/official-table.tsv`); the round trip
//! scheme → the tool's own table → scheme for the new methods.

mod common;
use common::Rng;

use wuhao::base::fmt::fmt_num;
use wuhao::diag::Level;
use wuhao::model::{Observation, ParkData};
use wuhao::read::scheme_text;
use wuhao::read::rules::{read_rule, Context, Form, RuleCx};
use wuhao::scheme::{self, method_params, AdjustmentRule, Dimension, Indicator, Input, Method, Scheme, Veto};
use wuhao::eval::score::score_parks;

const NAME: &str = "测试指标";

fn obs(value: Option<f64>, target: Option<f64>) -> Observation {
    Observation { value, target, ..Observation::default() }
}

/// The figures column: x=92 t=100 avg=10 rank=3 peers=10,9 ev:名称=2 n=2 total=80.
struct Figures {
    x: Option<f64>,
    t: Option<f64>,
    side: Vec<(String, f64)>,
    peers: Vec<f64>,
    total: Option<f64>,
}

fn figures(text: &str) -> Figures {
    let mut f = Figures { x: None, t: None, side: Vec::new(), peers: Vec::new(), total: None };
    for part in text.split_whitespace() {
        let (k, v) = part.split_once('=').unwrap();
        let num = || v.parse::<f64>().unwrap();
        match k {
            "x" | "n" => f.x = Some(num()),
            "t" => f.t = Some(num()),
            "avg" => f.side.push(("avg".into(), num())),
            "rank" => f.side.push(("rank".into(), num())),
            "total" => f.total = Some(num()),
            "peers" => f.peers = v.split(',').map(|p| p.parse().unwrap()).collect(),
            _ => {
                let name = k.strip_prefix("ev:").unwrap();
                f.side.push((name.into(), num()));
            }
        }
    }
    f
}

fn one_dimension(w: f64) -> Scheme {
    let mut s = Scheme::empty("测试");
    s.total = w;
    s.dimensions = vec![Dimension { key: "d".into(), name: "维度".into(), weight: w }];
    s
}

/// Reads `rule` and compares what it became (计分方法｜参数) and the score it gives.
fn check(rule: &str, weight: &str, unit: &str, figs: &str, want_method: &str, want_score: &str) {
    let context = match weight {
        "加分项" => Context::Bonus,
        "扣分项" => Context::Deduction,
        "等次" => Context::Grades,
        _ => Context::Indicator,
    };
    let w: f64 = weight.parse().unwrap_or(0.0);
    let reading = read_rule(rule, &RuleCx { name: NAME, unit, weight: w, context });
    assert!(reading.readback.starts_with("读作：") || reading.readback.starts_with("未能读懂："), "{rule}: {}", reading.readback);
    let f = figures(figs);
    let (got, score) = match &reading.form {
        Form::Indicator { method, vetoes } => {
            let mut got = match method {
                Method::Pending { .. } => "待定｜".to_string(),
                m => format!("{}｜{}", m.label(), method_params(m)),
            };
            for v in vetoes {
                got.push_str(&format!(" ＋一票否决：{}", v.input));
            }
            let mut s = one_dimension(w);
            s.indicators.push(Indicator {
                name: NAME.into(),
                aliases: vec![],
                dimension: "d".into(),
                unit: unit.into(),
                weight: w,
                direction: Default::default(),
                method: method.clone(),
                formula: None,
                missing_score: 0.0,
            });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(f.x, f.t));
            let mut inputs: Vec<String> = Vec::new();
            if let Method::Deduct { items } = method {
                inputs.extend(items.iter().map(|i| i.input.clone()));
            }
            if let Method::Linear { average_input: Some(a), .. } | Method::Rank { rank_input: Some(a), .. } = method {
                inputs.push(a.clone());
            }
            for (k, v) in &f.side {
                let name = match k.as_str() {
                    "avg" | "rank" => inputs.last().cloned().unwrap(),
                    n => n.to_string(),
                };
                p.items.insert(name, obs(Some(*v), None));
            }
            s.inputs = inputs.iter().map(|n| Input { name: n.clone(), aliases: vec![], unit: "个".into() }).collect();
            s.vetoes = vetoes.iter().map(|v| Veto { input: v.input.clone(), above: 0.0, reason: v.reason.clone(), kind: v.kind }).collect();
            let errors: Vec<_> = scheme::validate(&s).into_iter().filter(|d| d.level == Level::Error).collect();
            assert!(errors.is_empty(), "{rule}: {errors:#?}");
            let mut parks = vec![p];
            for (i, v) in f.peers.iter().enumerate() {
                let mut q = ParkData { name: format!("园区{i}"), ..ParkData::default() };
                q.items.insert(NAME.into(), obs(Some(*v), None));
                parks.push(q);
            }
            let (scores, _) = score_parks(&s, &parks);
            let ind = &scores[0].indicators[0];
            let shown = if ind.missing.is_some() { "缺数据".to_string() } else { ind.score.to_string() };
            (got, shown)
        }
        Form::Adjust { per, cap } => {
            let word = if *per >= 0.0 { "加分" } else { "减分" };
            let got = format!("{word}｜每项 {} 上限 {}", fmt_num(per.abs()), fmt_num(*cap));
            let mut s = one_dimension(10.0);
            s.inputs.push(Input { name: NAME.into(), aliases: vec![], unit: "个".into() });
            s.adjustments.push(AdjustmentRule { name: "测试".into(), input: NAME.into(), per: *per, cap: *cap });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(f.x, None));
            let (scores, _) = score_parks(&s, &[p]);
            (got, scores[0].adjustments[0].points.to_string())
        }
        Form::Grades(grades) => {
            let got = format!("等次｜{}", grades.iter().map(|g| format!("{} {}", g.name, fmt_num(g.min))).collect::<Vec<_>>().join(";"));
            let mut s = one_dimension(100.0);
            s.grades = grades.clone();
            s.indicators.push(Indicator {
                name: "总分".into(),
                aliases: vec![],
                dimension: "d".into(),
                unit: "分".into(),
                weight: 100.0,
                direction: Default::default(),
                method: Method::Direct,
                formula: None,
                missing_score: 0.0,
            });
            let mut p = ParkData { name: "本园区".into(), ..ParkData::default() };
            p.items.insert("总分".into(), obs(f.total, None));
            let (scores, _) = score_parks(&s, &[p]);
            (got, scores[0].grade.to_string())
        }
    };
    println!("{rule}\n    {}", reading.readback);
    assert_eq!(got, want_method, "method of {rule:?} (read as {})", reading.readback);
    assert_eq!(score, want_score, "score of {rule:?} with {figs} (read as {})", reading.readback);
}

#[test]
fn rule_folder() {
    let text = include_str!("rules/cases.tsv");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "{line}");
        check(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        n += 1;
    }
    assert!(n >= 30, "only {n} rules");
}

#[test]
fn readback_says_what_was_read() {
    let cx = RuleCx { name: NAME, unit: "亿元", weight: 6.0, context: Context::Indicator };
    let r = read_rule("完成年度目标得满分，每低1个百分点扣0.2分，扣完为止", &cx);
    assert_eq!(r.readback, "读作：满分 6 分；完成率每低 1 个百分点扣 0.2 分，最低 0 分");
    let r = read_rule("排名第1的得满分，每后移一位减0.5分", &cx);
    assert_eq!(r.readback, "读作：满分 6 分；按各园区排名，第 1 名得 6 分，每后移一位减 0.5 分，最低 0 分");
    let r = read_rule("参照上年度办法执行", &cx);
    assert!(r.readback.starts_with("未能读懂："), "{}", r.readback);
    assert!(matches!(r.form, Form::Indicator { method: Method::Pending { .. }, .. }));
}

/// Every method, the new ones in each of their shapes, survives scheme → the
/// tool's own table → scheme.
#[test]
fn new_methods_round_trip_through_the_scheme_table() {
    use wuhao::scheme::{Against, Gap, RankTier};
    let linear = |against, benchmark, gap, minus, plus, plus_cap, share, floor, average_input: Option<&str>| Method::Linear {
        against,
        benchmark,
        gap,
        step: 1.0,
        minus,
        plus,
        plus_cap,
        share,
        floor,
        average_input: average_input.map(str::to_string),
        whole_steps: false,
    };
    let methods = vec![
        linear(Against::Target, None, Gap::Relative, 0.2, 0.0, None, 1.0, 0.0, None),
        linear(Against::Target, None, Gap::Relative, 0.2, 0.1, Some(1.0), 1.0, 2.0, None),
        linear(Against::Average, None, Gap::Absolute, 0.5, 0.4, None, 0.6, 0.0, Some("甲全省平均")),
        linear(Against::Benchmark, Some(70.0), Gap::Absolute, 0.1, 0.0, None, 1.0, 0.0, None),
        Method::Linear {
            against: Against::Target,
            benchmark: None,
            gap: Gap::Absolute,
            step: 2.5,
            minus: 1.0,
            plus: 0.0,
            plus_cap: None,
            share: 1.0,
            floor: 0.0,
            average_input: None,
            whole_steps: true,
        },
        Method::Rank { first: None, step: 0.5, top: 1, tiers: vec![], floor: 0.0, rank_input: None },
        Method::Rank { first: Some(6.0), step: 0.3, top: 10, tiers: vec![], floor: 3.0, rank_input: Some("甲排名".into()) },
        Method::Rank { first: None, step: 0.0, top: 1, tiers: vec![RankTier { upto: 10, points: 6.0 }, RankTier { upto: 20, points: 3.0 }], floor: 1.0, rank_input: None },
        Method::Pending { why: "未识别出计分方式".into() },
        Method::Completion { cap: 1.2, zero_below: None, floor: 0.0 },
        Method::Completion { cap: 1.0, zero_below: Some(0.6), floor: 0.0 },
        Method::Tiers { basis: wuhao::scheme::TierBasis::Growth, tiers: vec![wuhao::scheme::Tier { min: 10.0, points: 6.0 }, wuhao::scheme::Tier { min: 0.0, points: 3.0 }] },
        Method::Completion { cap: 1.1, zero_below: None, floor: 2.0 },
        Method::Direct,
    ];
    let mut s = one_dimension(6.0 * methods.len() as f64);
    s.inputs = vec![Input { name: "甲全省平均".into(), aliases: vec![], unit: "%".into() }, Input { name: "甲排名".into(), aliases: vec![], unit: "".into() }];
    for (i, m) in methods.iter().enumerate() {
        s.indicators.push(Indicator {
            name: format!("指标{i}"),
            aliases: vec![],
            dimension: "d".into(),
            unit: "%".into(),
            weight: 6.0,
            direction: Default::default(),
            method: m.clone(),
            formula: None,
            missing_score: 0.0,
        });
    }
    let table = scheme::to_table(&s);
    let loaded = scheme_text::load(&table);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.level == Level::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{table}");
    let back = loaded.scheme.unwrap();
    let got: Vec<&Method> = back.indicators.iter().map(|i| &i.method).collect();
    assert_eq!(got, methods.iter().collect::<Vec<_>>(), "{table}");
    // And through JSON, the format the tool saves.
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(scheme_text::load(&json).scheme.unwrap().indicators, s.indicators);
}

/// A whole official-style table (made up, labelled so in its title row) read end
/// to end: numbering 一、 1. （一） ①, 分值 as 6分, a rule quoted over two lines, a
/// rule continued on a row of its own, 加分项, 等次, a veto and one rule that
/// cannot be read; then one park scored with it through the page's entry point.
#[test]
fn official_table_end_to_end() {
    let table = include_str!("rules/official-table.tsv");
    let loaded = scheme_text::load(table);
    let errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.level == Level::Error).map(|d| d.message()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let s = loaded.scheme.expect("the official table is read");
    let dims: Vec<(&str, f64)> = s.dimensions.iter().map(|d| (d.name.as_str(), d.weight)).collect();
    assert_eq!(dims, [("规划定位好", 20.0), ("创新平台好", 20.0), ("产业项目好", 40.0), ("体制机制好", 20.0)]);
    assert_eq!(s.total, 100.0);
    let names: Vec<&str> = s.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["主导产业营业收入占比", "亩均税收", "综合容积率", "研发投入强度", "新增专利授权", "高新技术企业培育", "技工贸总收入", "固定资产投资额", "上交税金", "安全生产", "体制机制改革评价"]
    );
    // What the table does not say comes from the catalogue: units and formulas.
    let ind = |n: &str| s.indicators.iter().find(|i| i.name == n).unwrap();
    assert_eq!(ind("亩均税收").unit, "万元/亩");
    assert_eq!(ind("亩均税收").formula.as_deref(), Some("上交税金 / 已开发面积"));
    assert_eq!(ind("研发投入强度").unit, "%");
    // The continuation row joined its rule; the pending rule is marked at its cell.
    let note = |n: &str| s.rules.iter().find(|r| r.item == n).unwrap();
    assert_eq!(note("新增专利授权").text, "完成年度目标得满分，每低1个百分点扣0.1分，扣完为止");
    assert_eq!(note("亩均税收").text, "达到15万元/亩得满分，每低1万元扣0.5分，\n扣完为止");
    let pending = note("高新技术企业培育");
    assert!(!pending.understood && pending.reading.starts_with("未能读懂"), "{pending:?}");
    // Row 9 of the table as a spreadsheet counts it (the quoted two-line cell is one row).
    assert_eq!((pending.row, pending.col), (Some(9), Some(4)));
    assert!(loaded.diagnostics.iter().any(|d| matches!(&d.problem, wuhao::diag::problem::Problem::RulePending { indicator, .. } if indicator == "高新技术企业培育") && d.row == Some(9) && d.col == Some(4)));
    assert!(loaded.diagnostics.iter().any(|d| d.problem == wuhao::diag::problem::Problem::RulesPendingTotal { count: 1, points: 6.0 }));
    assert_eq!(note("技工贸总收入").reading, "读作：满分 15 分；完成率每低 1 个百分点扣 0.2 分，最低 0 分；完成率每高 1 个百分点加 0.1 分，最多加 1 分");
    assert_eq!(s.adjustments.len(), 1);
    assert_eq!((s.adjustments[0].per, s.adjustments[0].cap), (1.0, 3.0));
    assert_eq!(s.vetoes.len(), 1);
    assert_eq!(s.vetoes[0].input, "较大及以上生产安全事故");
    let grades: Vec<(&str, f64)> = s.grades.iter().map(|g| (g.name.as_str(), g.min)).collect();
    assert_eq!(grades, [("优秀", 90.0), ("良好", 75.0), ("合格", 60.0), ("不合格", 0.0)]);

    // Scored, one park: the average and the rank come from the paste's own rows.
    let request = serde_json::json!({
        "data": include_str!("rules/official-park.tsv"),
        "scheme": table,
        "period": { "year": 2024, "month": 11 },
        "today": "2024-12-05",
    });
    let report: serde_json::Value = serde_json::from_str(&wuhao::api::evaluate_json(&request.to_string())).unwrap();
    let park = &report["parks"][0];
    let scores: Vec<(String, String)> = park["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap().to_string(), if i["missing"].is_null() { format!("{:.2}", i["score"].as_f64().unwrap()) } else { "缺数据".into() }))
        .collect();
    let want = [
        ("主导产业营业收入占比", "3.50"), // 55% vs 60%: 5 points short × 0.5
        ("亩均税收", "6.50"),             // 2.4亿元 / 2000亩 = 12万元/亩, 3 short × 0.5
        ("综合容积率", "4.00"),           // 1.1 reaches the 1.0 tier
        ("研发投入强度", "5.00"),         // 4.2 / 168 = 2.5% reaches the 2% tier
        ("新增专利授权", "5.00"),         // 90% complete, 10 points × 0.1
        ("高新技术企业培育", "缺数据"),   // 待定
        ("技工贸总收入", "15.50"),        // 105%: 5 points over × 0.1
        ("固定资产投资额", "9.00"),       // 45 / 50 × 10
        ("上交税金", "9.00"),             // pasted rank 3: 10 − 2 × 0.5
        ("安全生产", "3.00"),             // one 一般事故: 5 − 2
        ("体制机制改革评价", "16.00"),
    ];
    let got: Vec<(&str, &str)> = scores.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
    assert_eq!(park["total"].as_f64(), Some(78.5), "{}", park["adjustments"]);
    assert_eq!(park["grade"].as_str(), Some("良好"));
}

/// Fragments of real rules shuffled into nonsense: the reader never panics, a
/// rule it reads gives a method the scheme accepts or 待定, and whatever it makes
/// of a rule scores without a non-finite number.
#[test]
fn scrambled_rules_never_panic_and_never_give_invalid_methods() {
    let bits = [
        "完成", "年度目标", "得满分", "，", "；", "每低", "每超", "1个百分点", "〇点二", "两", "十二", "扣", "加", "0.2分", "最高加", "最低得",
        "扣完为止", "排名", "第1名", "前十名", "每后移一位", "减", "平均值", "全省", "达到", "70%", "（含）", "–", "以下", "不得分", "发生",
        "每发生一起", "事故", "一票否决", "评价打分", "按完成比例", "得分=完成率×分值", "分值的120%", "倍", "百分之", "点", "%", "", "名", "得",
    ];
    let mut rng = Rng(0x5eed_1717);
    for _ in 0..3000 {
        let n = 1 + rng.below(12);
        let text: String = (0..n).map(|_| rng.pick(&bits)).collect();
        let w = [0.0, 4.0, 6.0][rng.below(3)];
        let context = [Context::Indicator, Context::Bonus, Context::Deduction, Context::Grades][rng.below(4)];
        let r = read_rule(&text, &RuleCx { name: NAME, unit: rng.pick(&["%", "亿元", "个", ""]), weight: w, context });
        assert!(!r.readback.is_empty());
        if let Form::Indicator { method, .. } = &r.form {
            let mut s = one_dimension(w);
            s.indicators.push(Indicator {
                name: NAME.into(),
                aliases: vec![],
                dimension: "d".into(),
                unit: "%".into(),
                weight: w,
                direction: Default::default(),
                method: method.clone(),
                formula: None,
                missing_score: 0.0,
            });
            let faults = scheme::method_problems(&s, &s.indicators[0]);
            assert!(faults.iter().all(|f| matches!(f, wuhao::diag::problem::MethodFault::DeductUnknownInput { .. })), "{text}: {faults:?}");
            let mut p = ParkData { name: "甲".into(), ..ParkData::default() };
            p.items.insert(NAME.into(), obs(Some(rng.f(-50.0, 150.0)), rng.maybe(-10.0, 120.0)));
            let (scores, _) = score_parks(&s, &[p]);
            assert!(scores[0].total.to_string().parse::<f64>().is_ok(), "{text}");
        }
    }
}

/// Issue 31: a rule text of any length is read in time proportional to it. A long
/// run of Chinese numerals used to be rescanned from each of its characters (1 MB:
/// over 60 s); past `MAX_RULE_CHARS` the text is refused with the reason, and a
/// numeral run too long for a u64 stays text instead of overflowing.
#[test]
fn long_rule_texts_are_read_in_linear_time_or_refused() {
    let cx = RuleCx { name: NAME, unit: "%", weight: 6.0, context: Context::Indicator };
    let started = std::time::Instant::now();
    let huge = "一二三四五六七八九十".repeat(100_000);
    let r = read_rule(&huge, &cx);
    assert!(!r.understood);
    assert!(r.readback.contains("规则文字过长（1000000 字，超过 10000 字）"), "{}", r.readback);
    // Just under the cap: the text is read, each numeral run scanned once.
    for unit in ["一二三四五六七八九十", "十点十", "二十点五个"] {
        let long = unit.repeat(wuhao::read::rules::MAX_RULE_CHARS / unit.chars().count());
        let _ = read_rule(&long, &cx);
        let _ = read_rule(&format!("第{long}名得满分"), &cx);
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
    // 21 numerals before a measure word: past u64, kept as text, no overflow,
    // and no number made of the run's tail.
    let r = read_rule("每低一二三四五六七八九一二三四五六七八九一二三个百分点扣1分", &cx);
    assert!(!r.readback.contains("456789"), "{}", r.readback);
    // Through the page's entry point: an official table with a 1 MB rule cell.
    let table = format!("一级指标\t二级指标\t分值\t评分标准\n一、规划\t营业收入\t6分\t{huge}\n");
    let loaded = wuhao::read::scheme_text::load(&table);
    assert!(loaded.diagnostics.iter().any(|d| d.problem.kind() == "rules.pending" && d.message().contains("规则文字过长")), "{:?}", loaded.diagnostics.iter().map(|d| d.message()).collect::<Vec<_>>());
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}
