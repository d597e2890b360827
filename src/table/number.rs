//! Numbers as real tables hold them: 1,038 · 63.7% · ６３．７％ · (3.2) · 约500 · — …
//!
//! The reader never guesses silently: approximate marks and arrows give a value
//! with a warning, missing markers give `Missing` (never zero), and anything
//! that could be read two ways is `Invalid` with a Chinese reason.

use crate::diag::problem::{NumberFault, Problem};
use crate::base::text::{fold, is_invisible};
use crate::base::unit::Unit;

/// What a cell holds once read as a number.
#[derive(Clone, Debug, PartialEq)]
pub enum CellNumber {
    /// A number, with the unit written in the cell (if any) and warnings
    /// (`Problem::ArrowTaken`, `Problem::Approximate`) for marks it carried.
    Value { value: f64, unit: Option<Unit>, warnings: Vec<Problem> },
    /// Empty or a missing marker (空, —, -, /, 无, N/A): never zero.
    Missing,
    /// Text that is not a number, and why.
    Invalid(NumberFault),
}

impl CellNumber {
    /// The problem to report for an invalid cell whose text is `text`.
    pub fn problem(fault: NumberFault, text: &str) -> Problem {
        Problem::BadNumber { text: text.trim().to_string(), fault }
    }
}

/// Inside the reader: `None` is "not a number" in general, worded by the caller
/// for the whole cell; `Some` is a specific fault.
type Fault = Option<NumberFault>;

/// Cell texts that mean "no data". Compared after full-width folding and trimming;
/// the ASCII ones case-insensitively.
const MISSING: &[&str] = &[
    "空", "无", "暂无", "—", "——", "-", "--", "–", "－", "﹣", "―", "/", "\\", "／", "n/a", "#n/a", "na", "null", "none",
    "…", "...", "不适用", "未填", "待定", "缺",
];

/// Approximate marks before a number (约500, 近500 …).
const APPROX_PREFIX: &[&str] = &["大约", "约合", "将近", "接近", "超过", "约", "近", "超", "逾", "达"];
/// Approximate marks after a number or its unit (500余, 500多万元, 500万元左右 …).
const APPROX_SUFFIX: &[&str] = &["左右", "以上", "上下", "余", "多", "许"];

/// Arrow marks in "before → after" cells such as 0.5→1.37.
const ARROWS: &[&str] = &["-->", "—>", "→", "->", "=>", "⇒", "➝", "➔"];

/// Reads one cell.
pub fn parse_number(text: &str) -> CellNumber {
    let t = text.trim();
    if t.is_empty() {
        return CellNumber::Missing;
    }
    // Fast path: plain ASCII numbers, the vast majority of cells.
    if t.len() <= 24 && t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        if let Some(v) = plain(t) {
            return CellNumber::Value { value: v, unit: None, warnings: Vec::new() };
        }
    }
    // Second fast path: thousands separators and a percent sign (1,234.56 · 63.7%),
    // the next most common cells; anything unusual falls through to the full reader.
    if let Some(n) = grouped(t) {
        return n;
    }
    // Invisible characters (a BOM or zero-width space copied into a cell) are no part of a number.
    let folded: String = fold(t).chars().filter(|c| !is_invisible(*c)).collect();
    let f = folded.trim();
    if f.is_empty() || is_missing(f) {
        return CellNumber::Missing;
    }
    let lower = f.trim_start_matches(['-', '+']).to_ascii_lowercase();
    if matches!(lower.as_str(), "nan" | "inf" | "infinity" | "∞") {
        return CellNumber::Invalid(NumberFault::NotFinite);
    }
    if f.starts_with('#') {
        return CellNumber::Invalid(NumberFault::SpreadsheetError);
    }
    // Arrows: "0.5→1.37" means the value moved from 0.5 to 1.37; the latest counts.
    for arrow in ARROWS {
        if let Some(pos) = f.rfind(arrow) {
            let before = f.get(..pos).unwrap_or("");
            let after = f.get(pos + arrow.len()..).unwrap_or("");
            if before.trim().is_empty() {
                break;
            }
            return match single(after.trim()) {
                Single::Value { value, unit, mut warnings } => {
                    let unit = unit.or_else(|| match single(before.trim()) {
                        Single::Value { unit, .. } => unit,
                        _ => None,
                    });
                    warnings.insert(0, Problem::ArrowTaken { text: t.to_string(), value });
                    CellNumber::Value { value, unit, warnings }
                }
                Single::Missing => CellNumber::Invalid(NumberFault::ArrowWithoutValue),
                Single::Invalid(f) => CellNumber::Invalid(f.unwrap_or(NumberFault::NotANumber)),
            };
        }
    }
    match single(f) {
        Single::Invalid(_) if looks_like_range(f) => CellNumber::Invalid(NumberFault::Range),
        Single::Invalid(f) => CellNumber::Invalid(f.unwrap_or(NumberFault::NotANumber)),
        Single::Missing => CellNumber::Missing,
        Single::Value { value, unit, warnings } => CellNumber::Value { value, unit, warnings },
    }
}

/// The byte-level fast path of the readers' per-cell loops, for the cells most
/// pastes are made of: `[-]digits[.digits]`, with well-formed thousands commas
/// and a trailing `%` allowed. Gives the value and whether the cell wrote `%`,
/// exactly as `parse_number` reads such a cell (a `Value` with no warnings,
/// the unit `%` when it wrote one, −0 read as 0); `None` for anything else,
/// which the caller hands to `parse_number` for that cell, so every diagnostic
/// stays the full reader's. `t` is the cell's text, already trimmed.
pub fn fast_number(t: &str) -> Option<(f64, bool)> {
    let b = t.as_bytes();
    let (b, percent) = match b.split_last() {
        Some((b'%', rest)) => (rest, true),
        _ => (b, false),
    };
    let (b, neg) = match b.split_first() {
        Some((b'-', rest)) => (rest, true),
        _ => (b, false),
    };
    if b.is_empty() || b.len() > 32 {
        return None;
    }
    // Digits, thousands groups and one decimal point, checked as `thousands_ok` checks them.
    let mut mant: u64 = 0;
    let mut digits = 0usize; // every digit, all taken into `mant`
    let mut point = None; // digits before the decimal point, once it is passed
    let mut group = 0usize; // digits since the last comma (or the start)
    let mut commas = false;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            mant = mant.wrapping_mul(10).wrapping_add(u64::from(d));
            digits += 1;
            group += 1;
            continue;
        }
        match c {
            b',' if point.is_none() => {
                // The first group 1-3 digits, every later one exactly 3.
                if group == 0 || group > 3 || (commas && group != 3) {
                    return None;
                }
                commas = true;
                group = 0;
            }
            b'.' if point.is_none() => {
                if commas && group != 3 {
                    return None;
                }
                point = Some(digits);
            }
            _ => return None,
        }
    }
    let int_digits = point.unwrap_or(digits);
    let frac = digits - int_digits;
    if int_digits == 0 || (point.is_some() && frac == 0) || (commas && point.is_none() && group != 3) {
        return None;
    }
    // Exact (Clinger's fast path): a mantissa of at most 2^53 (at most 19 digits,
    // so it did not wrap) and a power of ten that is itself exact give the
    // correctly rounded quotient, the value `str::parse` gives.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let m = match POW10.get(frac) {
        Some(&p) if digits <= 19 && mant <= 1 << 53 => mant as f64 / p,
        _ => {
            let mut buf = [0u8; 32];
            let mut n = 0;
            for &c in b.iter().filter(|&&c| c != b',') {
                *buf.get_mut(n)? = c;
                n += 1;
            }
            std::str::from_utf8(buf.get(..n)?).ok()?.parse::<f64>().ok().filter(|v| v.is_finite())?
        }
    };
    // Adding zero turns −0 into 0, as the full reader does.
    Some((if neg { -m } else { m } + 0.0, percent))
}

/// The unit `%`, parsed once (a cell that writes `%` carries it).
pub fn percent_unit() -> Option<&'static Unit> {
    static PERCENT: std::sync::OnceLock<Option<Unit>> = std::sync::OnceLock::new();
    PERCENT.get_or_init(|| Unit::parse("%")).as_ref()
}

/// `[-]1,234,567.89` and `[-]63.7%` (ASCII only, well-formed thousands groups) read
/// exactly as the full reader would read them, without its folding and searching;
/// `None` for anything else, including the malformed ones the full reader words.
fn grouped(t: &str) -> Option<CellNumber> {
    let (body, percent) = match t.strip_suffix('%') {
        Some(b) => (b, true),
        None => (t, false),
    };
    let (neg, digits) = match body.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, body),
    };
    let b = digits.as_bytes();
    if b.is_empty() || b.len() > 32 || !b.iter().all(|&c| c.is_ascii_digit() || c == b'.' || c == b',') {
        return None;
    }
    let value = if b.contains(&b',') {
        if !thousands_ok(digits) {
            return None;
        }
        let mut buf = [0u8; 32];
        let mut n = 0;
        for &c in b.iter().filter(|&&c| c != b',') {
            *buf.get_mut(n)? = c;
            n += 1;
        }
        unsigned(std::str::from_utf8(buf.get(..n)?).ok()?)?
    } else {
        unsigned(digits)?
    };
    let value = if neg { 0.0 - value } else { value };
    let unit = if percent { Some(Unit::parse("%")?) } else { None };
    Some(CellNumber::Value { value, unit, warnings: Vec::new() })
}

/// `single`'s outcome: like `CellNumber`, but an invalid number may have no
/// specific fault, so the caller can word it for the whole cell.
enum Single {
    Value { value: f64, unit: Option<Unit>, warnings: Vec<Problem> },
    Missing,
    Invalid(Fault),
}

/// Reads one number with optional sign, accounting brackets, approximate marks
/// and unit.
fn single(s: &str) -> Single {
    let mut warnings = Vec::new();
    let mut s = s.trim();
    let written = s;
    if s.is_empty() || is_missing(s) {
        return Single::Missing;
    }
    let mut approx = false;
    // En and em dashes lead negative numbers in some documents (—3.2); alone they
    // are missing markers, handled above.
    let dash_minus;
    if let Some(r) = s.strip_prefix(['–', '—']) {
        if r.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            dash_minus = format!("-{}", r.trim_start());
            s = &dash_minus;
        }
    }
    for p in APPROX_PREFIX {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.trim_start();
            approx = true;
            break;
        }
    }
    // Split at the end of the numeric part; the rest is approximate marks and a unit.
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | '(' | ')' | 'e' | 'E' | ' ')))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (mut num, mut rest) = (s.get(..end).unwrap_or("").trim(), s.get(end..).unwrap_or("").trim());
    // A trailing "+" (500+) is an approximate mark, not part of the number.
    if let Some(n) = num.strip_suffix('+') {
        num = n.trim_end();
        approx = true;
    }
    loop {
        let before = rest;
        for m in APPROX_SUFFIX {
            if let Some(r) = rest.strip_prefix(m) {
                rest = r.trim_start();
                approx = true;
            }
            if let Some(r) = rest.strip_suffix(m) {
                rest = r.trim_end();
                approx = true;
            }
        }
        if rest == before {
            break;
        }
    }
    let unit = if rest.is_empty() {
        None
    } else {
        match Unit::parse(rest) {
            Some(u) => Some(u),
            None if num.is_empty() => return Single::Invalid(None),
            None => return Single::Invalid(Some(NumberFault::UnknownUnit(rest.to_string()))),
        }
    };
    let value = match signed(num) {
        Ok(v) => v,
        Err(f) => return Single::Invalid(f),
    };
    if approx {
        let unit = unit.as_ref().map(|u| u.label.clone()).unwrap_or_default();
        warnings.push(Problem::Approximate { text: written.to_string(), value, unit });
    }
    Single::Value { value, unit, warnings }
}

/// Sign, accounting brackets and thousands separators around a plain number.
fn signed(num: &str) -> Result<f64, Fault> {
    let mut n = num.trim();
    let mut neg = false;
    if let Some(inner) = n.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        n = inner.trim();
        neg = true;
    }
    if let Some(r) = n.strip_prefix('-') {
        if neg {
            return Err(Some(NumberFault::DoubleMinus));
        }
        n = r.trim_start();
        neg = true;
    } else if let Some(r) = n.strip_prefix('+') {
        n = r.trim_start();
    }
    if n.is_empty() {
        return Err(None);
    }
    let digits: std::borrow::Cow<str> = if n.contains(',') {
        if !thousands_ok(n) {
            return Err(Some(NumberFault::BadThousands));
        }
        n.replace(',', "").into()
    } else {
        n.into()
    };
    let v = unsigned(&digits).ok_or_else(|| {
        if digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')) && finite_syntax(&digits)
        {
            Some(NumberFault::OutOfRange)
        } else {
            None
        }
    })?;
    Ok(if neg { 0.0 - v } else { v })
}

/// An unsigned decimal with optional exponent; see `plain`.
fn unsigned(s: &str) -> Option<f64> {
    if !finite_syntax(s) {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v + 0.0)
}

/// Parses an unsigned or signed decimal with optional exponent. Rust's own
/// parser also takes "inf" and "NaN"; those must never get through, so the
/// syntax is checked first and non-finite results are refused.
fn plain(s: &str) -> Option<f64> {
    if !finite_syntax(s.strip_prefix('-').unwrap_or(s)) {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    // Adding zero turns −0 into 0 so that "-0" is never printed.
    v.is_finite().then_some(v + 0.0)
}

/// digits [. digits] [e [+-] digits], at least one mantissa digit.
fn finite_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut mant = 0;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        mant += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            mant += 1;
        }
    }
    if mant == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// 1,038 and 12,345,678.9 are thousands groups; 1,2 or 12,34 are not.
fn thousands_ok(n: &str) -> bool {
    let int = n.split('.').next().unwrap_or("");
    if n.split('.').skip(1).any(|frac| frac.contains(',')) {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    !first.is_empty()
        && first.len() <= 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

fn is_missing(s: &str) -> bool {
    MISSING.iter().any(|m| m.eq_ignore_ascii_case(s))
}

/// Dashes between two numbers outside the lead position read as a range (500-600, 500～600).
fn looks_like_range(s: &str) -> bool {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(3).any(|w| match w {
        [a, sep, b] => {
            a.is_ascii_digit() && matches!(sep, '-' | '~' | '～' | '–' | '—' | '至' | '到') && b.is_ascii_digit()
        }
        _ => false,
    })
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::fmt::show;

    fn check(input: &str, expect: &str) {
        let got = match parse_number(input) {
            CellNumber::Value { value, unit, warnings } => format!(
                "{}{}{}",
                show(value),
                unit.map(|u| format!(" [{}]", u.label)).unwrap_or_default(),
                if warnings.is_empty() { String::new() } else { format!(" !{}", warnings.len()) }
            ),
            CellNumber::Missing => "missing".into(),
            CellNumber::Invalid(f) => format!("invalid: {f:?}"),
        };
        assert_eq!(got, expect, "input {input:?}");
    }

    #[test]
    fn the_fast_path_reads_what_the_full_reader_reads() {
        // Every form the fast path takes, its near misses, and random strings over its alphabet.
        let mut cases: Vec<String> = [
            "0", "-0", "0.0", "-0.00%", "7", "007", "1,038", "12,345,678.5", "63.7%", "-8.00%", "1,234,567.89", "0.1", "0.3",
            "9007199254740993", "123456789012345678", "1.7976931348623157", "0,123", "1,2", "12,34", "1,2345", "1,234,", ",123",
            "1.", ".5", "-", "%", "-%", "1.2.3", "1,234.5,6", "1234,567", "--1", "1%%", "12,345.678,9", "99999999999999999999999999999",
            "1234567890123456.5", "0.30000000000000004", "2.675", "6,838,063.42", "-15.000", "1e5", " 1", "1 ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet = b"0123456789,.-%";
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 1 + (x % 14) as usize;
            let mut y = x;
            let s: String = (0..len)
                .map(|_| {
                    y = y.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    // Mostly digits, so that well-formed numbers come up often.
                    let k = (y >> 33) as usize % 24;
                    char::from(*alphabet.get(if k < 10 { k } else { k - 10 }).unwrap_or(&b'0'))
                })
                .collect();
            cases.push(s);
        }
        let mut taken = 0;
        for c in &cases {
            if let Some((v, pct)) = fast_number(c) {
                taken += 1;
                match parse_number(c) {
                    CellNumber::Value { value, unit, warnings } => {
                        assert_eq!(value.to_bits(), v.to_bits(), "{c:?}");
                        assert_eq!(unit.map(|u| u.label), pct.then(|| "%".to_string()), "{c:?}");
                        assert!(warnings.is_empty(), "{c:?}");
                    }
                    other => panic!("{c:?}: the fast path read {v}, the full reader {other:?}"),
                }
            }
        }
        assert!(taken > 2_000, "the fast path took {taken} of {} cases", cases.len());
        assert_eq!(fast_number("1,234,567.89"), Some((1_234_567.89, false)));
        assert_eq!(fast_number("-63.72%"), Some((-63.72, true)));
        assert_eq!(fast_number("1,2"), None);
        // Around 2^53, past 19 digits and past 10^22: the quotient, or `str::parse`.
        for c in ["9007199254740992", "9007199254740993", "9,007,199,254,740,993.5", "12345678901234567890", "0.00000000000000000000001", "1.7976931348623157e308", "0000000000000000000012.5"] {
            let want = c.replace(',', "").parse::<f64>().ok();
            assert_eq!(fast_number(c).map(|(v, _)| v.to_bits()), want.map(f64::to_bits).filter(|_| !c.contains('e')), "{c}");
        }
    }

    #[test]
    fn numbers() {
        check("1,038", "1038");
        check("12,345,678.5", "12345678.5");
        check("63.7%", "63.7 [%]");
        check("６３．７％", "63.7 [%]");
        check("１，０３８", "1038");
        check("−3.2", "-3.2");
        check("–3.2", "-3.2");
        check("—3.2", "-3.2");
        check("﹣3.2", "-3.2");
        check("－3.2", "-3.2");
        check("(3.2)", "-3.2");
        check("（3.2）", "-3.2");
        check("148.2032亿元", "148.2032 [亿元]");
        check("148.2032 亿元", "148.2032 [亿元]");
        check("12.5万元/亩", "12.5 [万元/亩]");
        check("约500", "500 !1");
        check("500余", "500 !1");
        check("500多万元", "500 [万元] !1");
        check("近500", "500 !1");
        check("500万元左右", "500 [万元] !1");
        check("0.5→1.37", "1.37 !1");
        check("0.5->1.37", "1.37 !1");
        check("5.9件→3.1件", "3.1 [件] !1");
        check("1.5e3", "1500");
        check("-1,234,567.89", "-1234567.89");
        check("-63.72%", "-63.72 [%]");
        check("1,234%", "1234 [%]");
        check("-0%", "0 [%]");
        check("-0", "0");
        check("3.", "3");
        check(".5", "0.5");
        for m in ["", " ", "空", "—", "-", "/", "无", "N/A", "n/a", "#N/A", "--", "——", "－"] {
            check(m, "missing");
        }
    }

    #[test]
    fn refusals() {
        use NumberFault as F;
        let cases = [
            ("NaN", F::NotFinite),
            ("Infinity", F::NotFinite),
            ("inf", F::NotFinite),
            ("1e400", F::OutOfRange),
            ("-1e400", F::OutOfRange),
            ("abc", F::NotANumber),
            ("1,2", F::BadThousands),
            ("1.2.3", F::NotANumber),
            ("500-600", F::Range),
            ("500～600", F::Range),
            ("5斤", F::UnknownUnit("斤".into())),
            ("#DIV/0!", F::SpreadsheetError),
            ("--3", F::NotANumber),
            ("(-3)", F::DoubleMinus),
            ("0.5→", F::ArrowWithoutValue),
        ];
        for (bad, fault) in cases {
            assert_eq!(parse_number(bad), CellNumber::Invalid(fault), "{bad:?}");
        }
    }
}
