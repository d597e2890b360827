//! Issue 31: every entry point is linear in every input dimension. Each case
//! times one entry point at size n and at 4n in CPU time of the test's thread
//! (the best of five runs each, the input made outside the timing) and fails
//! when the larger takes more than 5.5× as long: linear work gives about 4×,
//! quadratic 16×. The dimensions: rows,
//! columns, cell length, rule text length, indicators, aliases, tiers, splits,
//! split parts, and the exports and scheme readers on the same inputs. Sizes are
//! chosen so the 4n run takes a few hundred milliseconds in the test profile,
//! long enough to stand above timer noise, and the whole file under a minute.

use serde_json::json;
use wuhao::api::{evaluate_parts, export_parts, load_scheme_json, scheme_table};
use wuhao::read::rules::{read_rule, Context, RuleCx};
use wuhao::scheme::{default_scheme, Dimension, Indicator, Method, Scheme, Tier, TierBasis};

const REST: &str = r#"{"today":"2022-12-01","compact":true}"#;
/// The ratio of time at 4n to time at n above which a case fails. Linear work
/// measures 4× and a little more where the larger input leaves the CPU's caches
/// (a scheme's 40,000 aliases hashed into a map, a 6,000-park export); quadratic
/// work measures 16×, n log n about 4.6×.
const LIMIT: f64 = 5.5;

/// Seconds of CPU time this thread has used: other processes on a loaded
/// machine do not count, as they would in wall-clock time.
#[cfg(target_os = "linux")]
fn cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the struct it is given.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "clock_gettime");
    t.sec as f64 + t.nsec as f64 * 1e-9
}

#[cfg(not(target_os = "linux"))]
fn cpu_seconds() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64()
}

/// Seconds per run of `run` on `input`: the best of five timings of `reps` runs.
fn best<T>(input: &T, run: &dyn Fn(&T), reps: usize) -> f64 {
    (0..5)
        .map(|_| {
            let t = cpu_seconds();
            for _ in 0..reps {
                run(input);
            }
            (cpu_seconds() - t) / reps as f64
        })
        .fold(f64::INFINITY, f64::min)
}

struct Case {
    name: &'static str,
    n: usize,
    t_n: f64,
    t_4n: f64,
}

impl Case {
    fn ratio(&self) -> f64 {
        self.t_4n / self.t_n.max(1e-6)
    }
}

fn case<T>(name: &'static str, n: usize, make: impl Fn(usize) -> T, run: impl Fn(&T)) -> Case {
    let small = make(n);
    let large = make(4 * n);
    // A warm-up run, so the first timing pays no one-time cost (the built-in
    // scheme, page faults), which also says how many runs make 20 ms at n.
    let t = cpu_seconds();
    run(&small);
    let reps = ((0.02 / (cpu_seconds() - t).max(1e-6)).ceil() as usize).clamp(1, 1000);
    let t_n = best(&small, &run, reps);
    let t_4n = best(&large, &run, reps);
    let c = Case { name, n, t_n, t_4n };
    eprintln!("{:<34} n={:<7} {:>9.2} ms  4n {:>9.2} ms  ×{:.2}", c.name, c.n, c.t_n * 1e3, c.t_4n * 1e3, c.ratio());
    c
}

/// Parks as rows, two columns: one park a line.
fn narrow(n: usize) -> String {
    let mut t = String::from("园区名称\t技工贸总收入（亿元）\n");
    for i in 0..n {
        t.push_str(&format!("园区{i}\t{}.5\n", i % 997));
    }
    t
}

/// Parks as columns: `n` park columns under four indicator rows.
fn wide(n: usize) -> String {
    let mut t = String::from("指标\t单位");
    for i in 0..n {
        t.push_str(&format!("\t园区{i}"));
    }
    t.push('\n');
    for (name, unit) in [("技工贸总收入", "亿元"), ("上交税金", "亿元"), ("亩均税收", "万元/亩"), ("主导产业营业收入占比", "%")] {
        t.push_str(&format!("{name}\t{unit}"));
        for i in 0..n {
            t.push_str(&format!("\t{}.25", i % 89));
        }
        t.push('\n');
    }
    t
}

/// One park's table whose note cell is `n` characters long.
fn long_cell(n: usize) -> String {
    format!("指标\t单位\t年度目标\t1-11月累计\t备注\n技工贸总收入\t亿元\t160\t148.2\t{}\n上交税金\t亿元\t6\t5.27\t\n", "说明".repeat(n / 2))
}

/// One park's table with an indicator name `n` characters long (unmatched: suggestions are sought).
fn long_name(n: usize) -> String {
    format!("指标\t单位\t年度目标\t1-11月累计\n技工贸总{}\t亿元\t160\t148.2\n上交税金\t亿元\t6\t5.27\n", "收入".repeat(n / 2))
}

/// A scheme of `n` indicators in one dimension, each scored by completion; with `aliases` aliases on the first.
fn scheme_of(n: usize, aliases: usize) -> Scheme {
    let mut s = Scheme::empty("规模测试");
    s.total = 100.0;
    s.dimensions = vec![Dimension { key: "d".into(), name: "维度".into(), weight: 100.0 }];
    let template = default_scheme().indicators.into_iter().next().expect("an indicator");
    s.indicators = (0..n)
        .map(|k| Indicator {
            name: format!("指标{k}"),
            aliases: if k == 0 { (0..aliases).map(|a| format!("别名{a}")).collect() } else { Vec::new() },
            dimension: "d".into(),
            unit: "万元".into(),
            weight: 100.0 / n as f64,
            method: Method::Completion { cap: 1.0, zero_below: None, floor: 0.0 },
            ..template.clone()
        })
        .collect();
    s
}

/// One park's figures of every indicator of `scheme_of(n, _)`.
fn figures_of(n: usize) -> String {
    let mut t = String::from("指标\t单位\t年度目标\t1-11月累计\n");
    for k in 0..n {
        t.push_str(&format!("指标{k}\t万元\t{}\t{}\n", 100 + k % 50, 90 + k % 40));
    }
    t
}

/// The built-in scheme whose first indicator is scored in `n` tiers.
fn tiered(n: usize) -> Scheme {
    let mut s = default_scheme();
    let w = s.indicators[0].weight;
    s.indicators[0].method = Method::Tiers { basis: TierBasis::Completion, tiers: (0..n).map(|k| Tier { min: 100.0 - k as f64 * 0.01, points: w * (1.0 - k as f64 / n as f64) }).collect() };
    s
}

/// A split table of `n` parts.
fn split_of(n: usize) -> String {
    let mut t = String::from("技工贸总收入目标分解（单位：亿元）\n企业\t年度目标\t1-11月累计\n");
    for i in 0..n {
        t.push_str(&format!("企业{i}\t{}\t{}\n", 10 + i % 7, 8 + i % 5));
    }
    t
}

/// An official 评价办法 table of `n` indicator rows, each with a rule in prose.
fn official(n: usize) -> String {
    let mut t = String::from("一级指标\t二级指标\t分值\t评分标准\n");
    for i in 0..n {
        let dim = if i == 0 { "一、规划定位好" } else { "" };
        t.push_str(&format!("{dim}\t{}.指标{i}\t1分\t完成目标得满分，完成率每低1个百分点扣0.1分，扣完为止\n", i + 1));
    }
    t
}

fn rest_with(v: serde_json::Value) -> String {
    let mut r = json!({ "today": "2022-12-01", "compact": true });
    if let (Some(o), serde_json::Value::Object(add)) = (r.as_object_mut(), v) {
        o.extend(add);
    }
    r.to_string()
}

#[test]
fn every_entry_point_is_linear_in_every_dimension() {
    let cx = RuleCx { name: "技工贸总收入", unit: "亿元", weight: 6.0, context: Context::Indicator };
    let rule = |unit: &str, n: usize| unit.repeat(n / unit.chars().count());
    let cases = vec![
        case("rows: evaluate", 1_500, narrow, |t| drop(evaluate_parts(t, REST))),
        case("rows: export tsv", 1_500, narrow, |t| drop(export_parts(t, REST, "", "tsv"))),
        case("columns: evaluate", 1_500, wide, |t| drop(evaluate_parts(t, REST))),
        case("cell length: note", 50_000, long_cell, |t| drop(evaluate_parts(t, REST))),
        case("cell length: unmatched name", 40_000, long_name, |t| drop(evaluate_parts(t, REST))),
        case("rule text: 每低…扣", 2_000, |n| rule("完成率每低1个百分点扣0.2分，", n), |t| drop(read_rule(t, &cx))),
        case("rule text: numerals", 2_000, |n| rule("一二三四五六七八九十点", n), |t| drop(read_rule(t, &cx))),
        case("rule text: events", 2_000, |n| rule("每发生1起安全事故扣2分，发生环境事件的实行一票否决；", n), |t| drop(read_rule(t, &cx))),
        case("rule text: tiers", 2_000, |n| rule("完成率≥90%得5分；", n), |t| drop(read_rule(t, &cx))),
        case("indicators: load scheme", 400, |n| serde_json::to_string(&scheme_of(n, 0)).unwrap(), |t| drop(load_scheme_json(t))),
        case("indicators: evaluate", 200, |n| (figures_of(n), rest_with(json!({ "scheme": scheme_of(n, 0) }))), |(d, r)| drop(evaluate_parts(d, r))),
        case("indicators: scheme table", 400, |n| serde_json::to_string(&scheme_of(n, 0)).unwrap(), |t| {
            let table = scheme_table(t);
            drop(load_scheme_json(&table));
        }),
        case("indicators: official table", 200, official, |t| drop(load_scheme_json(t))),
        case("aliases: load scheme", 4_000, |n| serde_json::to_string(&scheme_of(5, n)).unwrap(), |t| drop(load_scheme_json(t))),
        case("aliases: evaluate", 4_000, |n| (figures_of(5), rest_with(json!({ "scheme": scheme_of(5, n) }))), |(d, r)| drop(evaluate_parts(d, r))),
        case("tiers: evaluate", 2_000, |n| (narrow(20), rest_with(json!({ "scheme": tiered(n) }))), |(d, r)| drop(evaluate_parts(d, r))),
        case("splits: evaluate", 40, |n| rest_with(json!({ "splits": vec![split_of(5); n] })), |r| drop(evaluate_parts(&long_cell(2), r))),
        case("parts: evaluate", 5_000, |n| rest_with(json!({ "splits": [split_of(n)] })), |r| drop(evaluate_parts(&long_cell(2), r))),
    ];
    let failed: Vec<String> = cases.iter().filter(|c| c.ratio() > LIMIT).map(|c| format!("{} (n={}): ×{:.1}", c.name, c.n, c.ratio())).collect();
    assert!(failed.is_empty(), "more than {LIMIT}× the time at 4n: {failed:?}");
}
