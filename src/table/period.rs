//! Periods as tables write them: 2022年1-11月, 截至11月, 上半年, month labels and columns.
//!
//! The one period resolver of the table layer: the data reader and the split
//! reader both ask it, so a header reads the same period in either box.

use crate::base::text::{fold_name, fold_text};

/// A (year, month) read from a header or title; either may be absent.
pub type Hint = (Option<i32>, Option<u32>);

/// "3月", "3月份", "上年3月": a single month's column (not a range like 1-3月).
pub fn month_column(h: &str) -> Option<(bool, u32)> {
    let (last_year, rest) = match h.strip_prefix("上年").or_else(|| h.strip_prefix("去年")) {
        Some(r) => (true, r),
        None => (false, h),
    };
    let rest = rest.strip_suffix("份").unwrap_or(rest);
    let digits = rest.strip_suffix('月')?;
    let m: u32 = digits.parse().ok()?;
    (1..=12).contains(&m).then_some((last_year, m))
}

/// The (year, month) a header or title names: 2022年, 1-11月, 1—11月, 截至11月,
/// 2022年11月, 上半年 …. A lone "11月" is a month's column, not a period.
pub fn period_hint(text: &str) -> (Option<i32>, Option<u32>) {
    let f = fold_text(text);
    let chars: Vec<char> = f.chars().filter(|c| !c.is_whitespace()).collect();
    let mut year = None;
    let mut month = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '年' && year.is_none() && i >= 4 {
            let ds: String = chars.get(i - 4..i).unwrap_or(&[]).iter().collect();
            let before_ok = i < 5 || !chars.get(i - 5).is_some_and(char::is_ascii_digit);
            if let (true, Ok(y)) = (before_ok, ds.parse::<i32>()) {
                if (2000..=2100).contains(&y) {
                    year = Some(y);
                }
            }
        }
        // 前11个月: the first eleven months.
        if c == '个' && month.is_none() && chars.get(i + 1) == Some(&'月') {
            let mut j = i;
            while j > 0 && chars.get(j - 1).is_some_and(char::is_ascii_digit) {
                j -= 1;
            }
            let m: u32 = chars.get(j..i).unwrap_or(&[]).iter().collect::<String>().parse().unwrap_or(0);
            if j > 0 && chars.get(j - 1) == Some(&'前') && (1..=12).contains(&m) {
                month = Some(m);
            }
        }
        if c == '月' && month.is_none() {
            let mut j = i;
            while j > 0 && chars.get(j - 1).is_some_and(char::is_ascii_digit) {
                j -= 1;
            }
            if j == i || i - j > 2 {
                continue;
            }
            let m: u32 = chars.get(j..i).unwrap_or(&[]).iter().collect::<String>().parse().unwrap_or(0);
            let prev = if j > 0 { chars.get(j - 1).copied() } else { None };
            if (1..=12).contains(&m) && matches!(prev, Some('-' | '~' | '—' | '–' | '至' | '到' | '止' | '年')) {
                month = Some(m);
            }
        }
    }
    if month.is_none() {
        let s: String = chars.iter().collect();
        for (w, m) in [("前三季度", 9), ("三季度末", 9), ("上半年", 6), ("第一季度", 3), ("一季度", 3)] {
            if s.contains(w) {
                month = Some(m);
                break;
            }
        }
    }
    (year, month)
}


/// A digit, ASCII or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        c.to_digit(10)
    } else if ('０'..='９').contains(&c) {
        Some(c as u32 - '０' as u32)
    } else {
        None
    }
}

/// Removes period words from a header (2022年, 1-11月, 11月, 年度, 全年) so that
/// 技工贸总收入1-11月累计 leaves 技工贸总收入 once 累计 is gone.
pub fn strip_period(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if !is_digit(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while chars.get(j).is_some_and(|c| is_digit(*c)) {
            j += 1;
        }
        match chars.get(j) {
            Some('年') | Some('月') => {
                i = j + 1;
            }
            Some('-' | '—' | '–' | '~' | '～' | '至' | '－') => {
                let mut k = j + 1;
                while chars.get(k).is_some_and(|c| is_digit(*c)) {
                    k += 1;
                }
                if k > j + 1 && chars.get(k) == Some(&'月') {
                    i = k + 1;
                } else {
                    out.extend(chars.get(i..j).unwrap_or(&[]));
                    i = j;
                }
            }
            _ => {
                out.extend(chars.get(i..j).unwrap_or(&[]));
                i = j;
            }
        }
    }
    let out = out.trim_start_matches('份').to_string();
    let mut out = out.replace("年度", "").replace("全年", "").replace("本年", "");
    let junk = |c: char| matches!(c, ':' | '：' | '、' | '-' | '—' | '_' | '/' | '·' | '份');
    out = out.trim_matches(junk).to_string();
    out
}

/// Reads a month label: 1月, 01月, 一月, 十二月份, 2022年3月, 2022-03, or a bare 1..12.
/// A range such as 1-3月 is not a month.
pub fn parse_month(text: &str) -> Option<u32> {
    let s = fold_name(text);
    let s = s.trim_end_matches('份');
    let s = s.trim_end_matches('月');
    let s = match s.rfind('年') {
        Some(i) => s.get(i + '年'.len_utf8()..)?,
        None => s,
    };
    let s = match s.char_indices().rev().find(|(_, c)| matches!(c, '-' | '/' | '.' | '－')) {
        Some((i, c)) => {
            let left = s.get(..i)?;
            if left.chars().count() <= 2 {
                return None;
            }
            s.get(i + c.len_utf8()..)?
        }
        None => s,
    };
    let n = if !s.is_empty() && s.chars().all(is_digit) {
        s.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?))?
    } else {
        const CN: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
        let pos = CN.iter().position(|w| *w == s)?;
        u32::try_from(pos + 1).ok()?
    };
    (1..=12).contains(&n).then_some(n)
}


/// A range of months written as one label: 1-2月, 1—2月份, 7至8月, 1-3月累计 →
/// (first, last); `None` for a single month or anything else.
pub fn month_span(text: &str) -> Option<(u32, u32)> {
    let s = fold_name(text);
    let s = s.strip_suffix("累计").unwrap_or(&s);
    let s = s.trim_end_matches('份');
    let s = s.strip_suffix('月')?;
    let s = match s.rfind('年') {
        Some(i) => s.get(i + '年'.len_utf8()..)?,
        None => s,
    };
    let (a, b) = s.split_once(['-', '—', '–', '~', '～', '至', '到'])?;
    let a: u32 = a.trim_end_matches('月').parse().ok()?;
    let b: u32 = b.trim_start_matches(['-', '—']).parse().ok()?;
    (1 <= a && a < b && b <= 12).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_months_and_period_words() {
        assert_eq!(period_hint("2022年1-11月"), (Some(2022), Some(11)));
        assert_eq!(period_hint("1—11月"), (None, Some(11)));
        assert_eq!(period_hint("截至11月"), (None, Some(11)));
        assert_eq!(period_hint("2022年前11个月"), (Some(2022), Some(11)));
        assert_eq!(period_hint("截至11月底"), (None, Some(11)));
        assert_eq!(period_hint("2022年上半年"), (Some(2022), Some(6)));
        assert_eq!(period_hint("11月"), (None, None));
        assert_eq!(month_column("上年3月份"), Some((true, 3)));
        assert_eq!(month_column("1-3月"), None);
        assert_eq!(parse_month("十二月份"), Some(12));
        assert_eq!(parse_month("2022-03"), Some(3));
        assert_eq!(parse_month("１１月"), Some(11));
        assert_eq!(parse_month("1-3月"), None);
        assert_eq!(month_span("1-2月"), Some((1, 2)));
        assert_eq!(month_span("1—11月累计"), Some((1, 11)));
        assert_eq!(month_span("7至8月份"), Some((7, 8)));
        assert_eq!(month_span("3月"), None);
        assert_eq!(strip_period("技工贸总收入2022年1-11月"), "技工贸总收入");
        assert_eq!(strip_period("年度目标"), "目标");
    }
}
