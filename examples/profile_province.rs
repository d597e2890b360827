//! Times the province paste (150 parks × 40 columns, one park detailed) through the core, stage by stage (a profiling aid, not a test).
//!
//! `node tests/browser/bench-data.mjs 150 7 > /tmp/prov.tsv && cargo run --release --example profile_province /tmp/prov.tsv 50`
//! runs the page's request (`detail` = the park shown) 50 times and prints the medians of
//! read, score, reach, progress, the report structs (`from_core`, tables included) and the JSON,
//! then the whole `evaluate_parts` and the report's size.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(20).max(1);
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("usage: profile_province TABLE.tsv [ROUNDS]");
        return;
    };
    let rest = r#"{"data_form":{"form":"text","merged":0,"precise":0},"splits":[""],"settings":{"by_days":false,"slight_pp":5,"split_tolerance":0.005},"today":"2026-11-28","detail":0}"#;
    let ms = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e3;
    let mut rows: Vec<[f64; 8]> = Vec::new();
    let mut size = 0;
    for _ in 0..rounds {
        let scheme = wuhao::scheme::default_scheme();
        let today = wuhao::base::period::Period { year: 2026, month: 11 };
        let t = std::time::Instant::now();
        let read = wuhao::read::read_data(&data, &scheme, None, today);
        let read_ms = ms(t);
        let detail = |i: usize| i == 0;
        let t = std::time::Instant::now();
        let (scores, _) = wuhao::eval::score::score_table(&scheme, &read.parks, &detail);
        let score_ms = ms(t);
        let t = std::time::Instant::now();
        let _ = wuhao::eval::reach::reach_all(&scheme, &read.parks, &scores, &wuhao::eval::reach::Want { detailed: &detail, plan_for: &detail });
        let reach_ms = ms(t);
        let mut req: wuhao::api::ApiRequest = serde_json::from_str(rest).unwrap_or_default();
        req.data = data.clone();
        let core = wuhao::api::to_core(req, &mut Vec::new());
        let t = std::time::Instant::now();
        let report = wuhao::eval::evaluate(&core);
        let eval_ms = ms(t);
        let t = std::time::Instant::now();
        let api = wuhao::api::from_core(&report);
        let from_ms = ms(t);
        let t = std::time::Instant::now();
        let json = serde_json::to_string(&api).unwrap_or_default();
        let ser_ms = ms(t);
        let t = std::time::Instant::now();
        let whole = wuhao::api::evaluate_parts(&data, rest);
        let whole_ms = ms(t);
        size = whole.len();
        if let Ok(p) = std::env::var("DUMP_REPORT") {
            let _ = std::fs::write(p, &whole);
        }
        let t = std::time::Instant::now();
        let _ = wuhao::export::tables(&report);
        let tables_ms = ms(t);
        drop(json);
        rows.push([read_ms, score_ms, reach_ms, eval_ms, from_ms, ser_ms, whole_ms, tables_ms]);
    }
    let med = |k: usize| {
        let mut v: Vec<f64> = rows.iter().filter_map(|r| r.get(k).copied()).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    println!(
        "read {:.2} | score {:.2} | reach {:.2} | eval::evaluate {:.2} | from_core {:.2} (export::tables alone {:.2}) | report JSON {:.2} | evaluate_parts {:.2} ms | report {} bytes",
        med(0), med(1), med(2), med(3), med(4), med(7), med(5), med(6), size
    );
}
