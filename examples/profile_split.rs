//! Times a decomposition (split) table through the core, stage by stage (a profiling aid, not a test).
//!
//! `cargo run --release --example profile_split 2000 5` generates the benchmark's
//! 2,000-enterprise table (the shape of `splitTable` in tests/browser/bench-data.mjs:
//! 企业 | 年度目标 | 1-11月累计 in 亿元 with four decimals) and runs five rounds;
//! `cargo run --release --example profile_split /tmp/split.tsv 5` reads the table from a
//! file instead (`node -e "import('./tests/browser/bench-data.mjs').then(m => process.stdout.write(m.splitTable(2000, 5)))"`).
//! The park is the seed example (examples/hengshan-2022-jan-nov.tsv), as in the benchmark.
//!
//! Each round prints `split::check_split` alone, the whole evaluation with and
//! without the split, the report structs and the report JSON, and µs per part.
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let repeat: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let table = match std::fs::read_to_string(&arg) {
        Ok(text) => text,
        Err(_) => {
            let parts: usize = arg.parse().unwrap_or(2000);
            let cities = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西"];
            let mut s = String::from("技工贸总收入目标分解（单位：亿元）\r\n企业\t年度目标\t1-11月累计\r\n");
            // A small deterministic generator: the figures' values do not matter, their shape does.
            let mut x: u64 = 5;
            let mut rnd = || {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (x >> 11) as f64 / (1u64 << 53) as f64
            };
            for i in 0..parts {
                let target = 0.02 + 0.2 * rnd();
                let actual = target * (0.5 + 0.6 * rnd());
                let city = cities.get(i % cities.len()).copied().unwrap_or("长沙");
                s.push_str(&format!("{city}第{}号企业有限公司\t{target:.4}\t{actual:.4}\r\n", i + 1));
            }
            s
        }
    };
    let data = std::fs::read_to_string("examples/hengshan-2022-jan-nov.tsv").unwrap_or_default();
    let scheme = wuhao::scheme::default_scheme();
    let period = wuhao::base::period::Period { year: 2022, month: 11 };
    let settings = wuhao::model::ProgressSettings::default();
    let read = wuhao::read::read_data(&data, &scheme, None, period);
    let whole = read.parks.first();
    let with = serde_json::json!({"data": data, "splits": [table], "today": "2026-11-28"}).to_string();
    let without = serde_json::json!({"data": data, "today": "2026-11-28"}).to_string();
    // The page's request: the paste apart (`evaluate_parts`), `compact` on.
    let page_rest = serde_json::json!({"splits": [table], "today": "2026-11-28", "compact": true}).to_string();
    let page_alone = serde_json::json!({"today": "2026-11-28", "compact": true}).to_string();
    // `profile_split 2000 1 page` (or `alone`): only the page's request with the split (or
    // without it), once, for instruction counts: `valgrind --tool=callgrind
    // --toggle-collect='wuhao::api::evaluate_parts*'` on each, the difference is the split's.
    match std::env::args().nth(3).as_deref() {
        Some("page") => return println!("{} bytes", wuhao::api::evaluate_parts(&data, &page_rest).len()),
        Some("alone") => return println!("{} bytes", wuhao::api::evaluate_parts(&data, &page_alone).len()),
        // `profile_split 2000 1 dump`: the page's report itself, to see what its bytes are.
        Some("dump") => return println!("{}", wuhao::api::evaluate_parts(&data, &page_rest)),
        _ => {}
    }
    let ms = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e3;
    let mut checks = Vec::with_capacity(repeat);
    let mut adds = Vec::with_capacity(repeat);
    let mut page_adds = Vec::with_capacity(repeat);
    let mut parts = 0;
    for round in 1..=repeat {
        let t = std::time::Instant::now();
        let report = wuhao::eval::split::check_split(0, &table, &scheme, whole.as_ref(), period, &settings);
        let check_ms = ms(t);
        parts = report.parts.len();
        let t = std::time::Instant::now();
        let cols = wuhao::eval::split::read_columns(&table);
        let cols_ms = ms(t);
        // The whole evaluation, as evaluate_json runs it, stage by stage.
        let t = std::time::Instant::now();
        let req: wuhao::api::ApiRequest = serde_json::from_str(&with).unwrap_or_default();
        let core = wuhao::api::to_core(req, &mut Vec::new());
        let req_ms = ms(t);
        let t = std::time::Instant::now();
        let evaluated = wuhao::eval::evaluate(&core);
        let eval_ms = ms(t);
        let t = std::time::Instant::now();
        let api = wuhao::api::from_core(&evaluated);
        let from_ms = ms(t);
        let t = std::time::Instant::now();
        let json = serde_json::to_string(&api).unwrap_or_default();
        let ser_ms = ms(t);
        let t = std::time::Instant::now();
        drop((api, evaluated, core));
        let drop_ms = ms(t);
        let t = std::time::Instant::now();
        let out_with = wuhao::api::evaluate_json(&with);
        let with_ms = ms(t);
        let t = std::time::Instant::now();
        let out_without = wuhao::api::evaluate_json(&without);
        let without_ms = ms(t);
        let t = std::time::Instant::now();
        let page_out = wuhao::api::evaluate_parts(&data, &page_rest);
        let page_ms = ms(t);
        let t = std::time::Instant::now();
        drop(wuhao::api::evaluate_parts(&data, &page_alone));
        let page_alone_ms = ms(t);
        eprintln!(
            "         the page's request (compact): {page_ms:.2} ms ({} bytes), the park alone {page_alone_ms:.2} ms: the split adds {:.2} ms = {:.2} µs/part",
            page_out.len(),
            page_ms - page_alone_ms,
            (page_ms - page_alone_ms) * 1e3 / parts.max(1) as f64
        );
        page_adds.push(page_ms - page_alone_ms);
        eprintln!(
            "round {round}: check_split {check_ms:.2} ms ({parts} parts, {:.2} µs/part) | read_columns {cols_ms:.2} ms ({} columns) | \
             request {req_ms:.2} | evaluate {eval_ms:.2} | report structs {from_ms:.2} | report JSON {ser_ms:.2} ms ({} bytes) | freeing {drop_ms:.2} || \
             evaluate_json with {with_ms:.2} ms ({} bytes), without {without_ms:.2} ms ({} bytes): the split adds {:.2} ms = {:.2} µs/part",
            check_ms * 1e3 / parts.max(1) as f64,
            cols.len(),
            json.len(),
            out_with.len(),
            out_without.len(),
            with_ms - without_ms,
            (with_ms - without_ms) * 1e3 / parts.max(1) as f64
        );
        checks.push(check_ms);
        adds.push(with_ms - without_ms);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (c, a, p) = (median(&mut checks), median(&mut adds), median(&mut page_adds));
    let per = |x: f64| x * 1e3 / parts.max(1) as f64;
    println!("split-us-per-part check {:.3} evaluate_json {:.3} page-compact {:.3} ({parts} parts)", per(c), per(a), per(p));
}
