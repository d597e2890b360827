//! Times the evaluate stages on a generated parks-as-rows paste (a profiling aid, not a test).
fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let mut s = String::from("园区\t技工贸总收入（亿元）\t上交税金（亿元）\t主导产业营业收入占比（%）\n");
    for i in 0..rows {
        s.push_str(&format!("园区{i}\t{},{:03}.5\t{}.27\t{}%\n", i % 7 + 1, i % 1000, i % 9, i % 100));
    }
    let scheme = wuhao::scheme::default_scheme();
    let today = wuhao::model::Period { year: 2026, month: 11 };
    let t = std::time::Instant::now();
    let read = wuhao::read::read_data(&s, &scheme, None, today);
    eprintln!("read   {:>8.1} ms, {} parks", t.elapsed().as_secs_f64() * 1e3, read.parks.len());
    let t = std::time::Instant::now();
    let (scores, _) = wuhao::score::score_parks_with(&scheme, &read.parks, &|i| i == 0);
    eprintln!("score  {:>8.1} ms, {} scores", t.elapsed().as_secs_f64() * 1e3, scores.len());
    let t = std::time::Instant::now();
    let out = wuhao::api::evaluate_json(&serde_json::json!({"data": s, "today": "2026-11-28"}).to_string());
    eprintln!("total  {:>8.1} ms, {} bytes out", t.elapsed().as_secs_f64() * 1e3, out.len());
}
