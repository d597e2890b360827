//! Named number formatters for the texts the core writes (messages, scheme tables, read-backs).

/// A number as shown in messages: up to 6 decimals, no trailing zeros.
pub fn show(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A number in its shortest form: 6, 1.2, 0.05 (6 decimals at most when that
/// is exact). A value that 6 decimals would change (1e-9, say) is written in
/// full, because `to_table` output is read back as the same scheme.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "无效".into();
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || v == 0.0 {
        "0".into()
    } else if s.parse::<f64>() == Ok(v) {
        s.to_string()
    } else {
        format!("{v}")
    }
}
