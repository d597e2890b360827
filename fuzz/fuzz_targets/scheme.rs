//! Fuzz target: the scheme loader, the formula language and the split checker alone, without the rest of evaluate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wuhao::model::ProgressSettings;
use wuhao::base::period::Period;
use wuhao::scheme::formula;
use wuhao::eval::split;
use wuhao::{read, scheme};

const SEED: &str = include_str!("../../examples/hengshan-2022-jan-nov.tsv");

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    // Sections separated by a form feed: scheme text, split table, formula, period byte.
    let mut parts = text.split('\u{c}');
    let scheme_text = parts.next().unwrap_or("");
    let split_text = parts.next().unwrap_or("");
    let formula_text = parts.next().unwrap_or("");
    let month = parts.next().and_then(|p| p.bytes().next()).map_or(11, |b| u32::from(b % 14));

    // The loader must take any text; an accepted scheme must also survive being
    // written as a table (the page's "copy scheme") and read back.
    let loaded = read::scheme_text::load(scheme_text);
    let s = match loaded.scheme {
        Some(s) => {
            let _ = read::scheme_text::load(&scheme::to_table(&s));
            s
        }
        None => scheme::default_scheme(),
    };

    // A formula parses or is refused, and evaluates to a finite number or an error.
    if let Ok(expr) = formula::parse(formula_text) {
        let _ = expr.inputs();
        let unit = wuhao::base::unit::Unit::one();
        let value = expr.evaluate(&|n: &str| if n.len() % 3 == 0 { Err(format!("缺 {n}")) } else { Ok((n.len() as f64 - 2.0, unit.clone())) }, &unit);
        if let Ok(v) = value {
            assert!(v.is_finite(), "formula gave {v}");
        }
    }

    let period = Period { year: 2022, month };
    let whole = read::read_data(SEED, &s, Some(Period { year: 2022, month: month.clamp(1, 12) }), period);
    let settings = ProgressSettings::default();
    let r = split::check_split(0, split_text, &s, whole.parks.first().as_ref(), period, &settings);
    let _ = r.title;
    let _ = split::check_split(1, split_text, &s, None, period, &settings);
});
