//! Times the evaluate stages on a generated parks-as-rows paste, or on a TSV file (a profiling aid, not a test).
//!
//! `cargo run --release --example profile_eval 20000` generates 20,000 parks × 4 columns;
//! `cargo run --release --example profile_eval /tmp/parks.tsv 5` reads the file instead, five rounds
//! (`node tests/browser/bench-data.mjs 20000 > /tmp/parks.tsv` writes the benchmark's table).
//!
//! The whole core is timed as the page's worker runs it: `api::evaluate_parts(data, rest)`,
//! the pasted text as its own string and the small request JSON the page sends
//! (`detail: 0`, `compact: true`), the compact report's JSON out. Each round prints
//! that in MB/s of pasted text and its stages timed apart (grid, read, score, reach,
//! report assembly, report JSON); the last lines give the peak of live heap bytes
//! during one `evaluate_parts` (the pasted text included, as wasm memory holds it)
//! ÷ the text's size, and `native-mbps X`, the median over the rounds, which
//! scripts/bench.sh passes to the benchmark's table.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting live bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let live = LIVE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; only the counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(l);
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                grew(new - l.size());
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The rest of the request as the page sends it for a big paste (www/js/inputs.js
/// `buildRequest`, www/js/core.js `evaluateForPage`): everything but `data`.
const REST: &str = r#"{"data_form":{"form":"text","merged":0,"precise":0},"splits":[""],"settings":{"by_days":false,"slight_pp":5,"split_tolerance":0.005},"today":"2026-11-28","detail":0,"compact":true}"#;

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
    let today = wuhao::base::period::Period { year: 2026, month: 11 };
    let ms = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e3;
    let mut totals = Vec::with_capacity(repeat);
    eprintln!("{:.2} MB of text, {repeat} rounds; the request: evaluate_parts(data, {REST})", mb);
    for round in 1..=repeat {
        // The stages one by one, as eval::evaluate and api::evaluate_parts run them for this request.
        let t = std::time::Instant::now();
        let (grid, _) = wuhao::table::parse_grid(&s, wuhao::diag::Source::Data);
        let grid_ms = ms(t);
        let rows = grid.n_rows();
        drop(grid);
        let t = std::time::Instant::now();
        let read = wuhao::read::read_data(&s, &scheme, None, today);
        let read_ms = ms(t);
        let n = read.parks.len();
        let detail = |i: usize| i == 0;
        let t = std::time::Instant::now();
        let (scores, _) = wuhao::eval::score::score_table(&scheme, &read.parks, &detail);
        let score_ms = ms(t);
        let plan_for = |i: usize| i == 0;
        let t = std::time::Instant::now();
        let reaches = wuhao::eval::reach::reach_all(&scheme, &read.parks, &scores, &wuhao::eval::reach::Want { detailed: &detail, plan_for: &plan_for });
        let reach_ms = ms(t);
        drop((reaches, scores, read));
        // The report assembled and written, from the core's report for this request.
        let req: wuhao::api::ApiRequest = serde_json::from_str(REST).unwrap_or_default();
        let mut core = wuhao::api::to_core(req, &mut Vec::new());
        core.data = std::borrow::Cow::Borrowed(s.as_str());
        let report = wuhao::eval::evaluate(&core);
        drop(core);
        let t = std::time::Instant::now();
        let api = wuhao::api::from_core_with(&report, true);
        let assembly_ms = ms(t);
        let t = std::time::Instant::now();
        let json = serde_json::to_string(&api).unwrap_or_default();
        let json_ms = ms(t);
        drop((json, api, report));

        // The whole core as the page's worker calls it.
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let t = std::time::Instant::now();
        let out = wuhao::api::evaluate_parts(&s, REST);
        let total_ms = ms(t);
        let peak = PEAK.load(Relaxed);
        eprintln!(
            "round {round}: grid {grid_ms:.1} ms ({rows} rows) | read {read_ms:.1} ms (grid included; {n} parks) | score {score_ms:.1} ms | \
             reach {reach_ms:.1} ms | report assembly {assembly_ms:.1} ms | report JSON {json_ms:.1} ms ({} bytes) || \
             evaluate_parts {total_ms:.1} ms = {:.1} MB/s; peak heap {:.1} MB = {:.2}× the text",
            out.len(),
            mb / (total_ms / 1e3),
            peak as f64 / 1e6,
            peak as f64 / s.len() as f64
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
    eprintln!("median evaluate_parts {median:.1} ms = {:.1} MB/s", mb / (median / 1e3));
}
