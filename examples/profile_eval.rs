//! Times the evaluate stages on a generated parks-as-rows paste, or on a TSV file (a profiling aid, not a test).
//!
//! `cargo run --release --example profile_eval 20000` generates 20,000 parks × 4 columns;
//! `cargo run --release --example profile_eval /tmp/parks.tsv` reads the file instead
//! (`node tests/browser/bench-data.mjs 20000 > /tmp/parks.tsv` writes the benchmark's table).
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let repeat: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1);
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
    let scheme = wuhao::scheme::default_scheme();
    let today = wuhao::model::Period { year: 2026, month: 11 };
    let request = serde_json::json!({"data": s, "today": "2026-11-28"}).to_string();
    for _ in 0..repeat {
        let t = std::time::Instant::now();
        let (grid, _) = wuhao::table::parse_grid(&s, wuhao::diag::Source::Data);
        eprintln!("grid   {:>8.1} ms, {} rows", t.elapsed().as_secs_f64() * 1e3, grid.n_rows());
        let t = std::time::Instant::now();
        let read = wuhao::read::read_data(&s, &scheme, None, today);
        eprintln!("read   {:>8.1} ms, {} parks (grid included)", t.elapsed().as_secs_f64() * 1e3, read.parks.len());
        let t = std::time::Instant::now();
        let (scores, _) = wuhao::score::score_parks_with(&scheme, &read.parks, &|i| i == 0);
        eprintln!("score  {:>8.1} ms, {} scores", t.elapsed().as_secs_f64() * 1e3, scores.len());
        let t = std::time::Instant::now();
        let out = wuhao::api::evaluate_json(&request);
        eprintln!("total  {:>8.1} ms, {} bytes out", t.elapsed().as_secs_f64() * 1e3, out.len());
    }
}
