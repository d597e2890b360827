//! Times the evaluate stages on a generated parks-as-rows paste, or on a TSV file (a profiling aid, not a test).
//!
//! `cargo run --release --example profile_eval 20000` generates 20,000 parks × 4 columns;
//! `cargo run --release --example profile_eval /tmp/parks.tsv 5` reads the file instead, five rounds
//! (`node tests/browser/bench-data.mjs 20000 > /tmp/parks.tsv` writes the benchmark's table).
//!
//! Each round prints the stages and the whole core (`evaluate_json`, JSON request in,
//! JSON report out) in MB/s of pasted text; the last line, `native-mbps X`, is the
//! median over the rounds, which scripts/bench.sh passes to the benchmark's table.
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let repeat: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let s = match std::fs::read_to_string(&arg) {
        Ok(text) => text,
        Err(_) => {
            let rows: usize = arg.parse().unwrap_or(10_000);
            let mut s = String::from("园区\t技工贸总收入（亿元）\t上交税金（亿元）\t主导产业营业收入占比（%）\n");
            for i in 0..rows {
                s.push_str(&format!("园区{i}\t{},{:03}.5\t{}.27\t{}%\n", i % 7 + 1, i % 1000, i % 9, i % 100));
            }
            s
        }
    };
    let mb = s.len() as f64 / 1e6;
    let scheme = wuhao::scheme::default_scheme();
    let today = wuhao::model::Period { year: 2026, month: 11 };
    let request = serde_json::json!({"data": s, "today": "2026-11-28"}).to_string();
    let ms = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e3;
    let mut totals = Vec::with_capacity(repeat);
    eprintln!("{:.2} MB of text, {repeat} rounds", mb);
    for round in 1..=repeat {
        let t = std::time::Instant::now();
        let (grid, _) = wuhao::table::parse_grid(&s, wuhao::diag::Source::Data);
        let grid_ms = ms(t);
        let t = std::time::Instant::now();
        let read = wuhao::read::read_data(&s, &scheme, None, today);
        let read_ms = ms(t);
        let t = std::time::Instant::now();
        let (scores, _) = wuhao::score::score_table(&scheme, &read.parks, &|i| i == 0);
        let score_ms = ms(t);
        // The core's own stages, as evaluate_json runs them.
        let t = std::time::Instant::now();
        let req: wuhao::api::ApiRequest = serde_json::from_str(&request).unwrap_or_default();
        let req_ms = ms(t);
        let t = std::time::Instant::now();
        let core = wuhao::api::to_core(req, &mut Vec::new());
        let report = wuhao::eval::evaluate(&core);
        let eval_ms = ms(t);
        let t = std::time::Instant::now();
        let api = wuhao::api::from_core(&report);
        let from_ms = ms(t);
        let t = std::time::Instant::now();
        let json = serde_json::to_string(&api).unwrap_or_default();
        let ser_ms = ms(t);
        let t = std::time::Instant::now();
        drop((json, api, report, core));
        let drop_ms = ms(t);
        eprintln!(
            "         pipeline: request JSON {req_ms:.1} ms | evaluate (read, score, progress, splits) {eval_ms:.1} ms | report structs {from_ms:.1} ms | \
             report JSON {ser_ms:.1} ms | freeing {drop_ms:.1} ms"
        );
        let t = std::time::Instant::now();
        let out = wuhao::api::evaluate_json(&request);
        let total_ms = ms(t);
        eprintln!(
            "round {round}: grid {grid_ms:>7.1} ms ({} rows) | read {read_ms:>7.1} ms ({} parks, grid included) | score {score_ms:>7.1} ms ({} scores) | \
             total {total_ms:>7.1} ms = {:.1} MB/s ({} bytes out; total − read − score = {:.1} ms: request and report JSON, progress, splits)",
            grid.n_rows(),
            read.parks.len(),
            scores.len(),
            mb / (total_ms / 1e3),
            out.len(),
            total_ms - read_ms - score_ms
        );
        totals.push(total_ms);
    }
    totals.sort_by(f64::total_cmp);
    let median = match totals.len() {
        0 => 0.0,
        n if n % 2 == 1 => totals[n / 2],
        n => (totals[n / 2 - 1] + totals[n / 2]) / 2.0,
    };
    println!("native-mbps {:.2}", mb / (median / 1e3));
    eprintln!("median total {median:.1} ms = {:.1} MB/s", mb / (median / 1e3));
}
