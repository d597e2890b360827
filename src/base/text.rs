//! Text folds: the character maps that make pasted text comparable, and invisible characters.
//!
//! Three folds, kept apart because they map dashes and signs differently and
//! each reader's results depend on its own: `fold` (cells and names: full-width
//! forms, Unicode minus and hyphens to '-', odd spaces to ' '; en and em dashes
//! kept, a cell's 500–600 is a range), `ascii_num` (a scheme table's parameter
//! cells: full-width digits, '．', '％', minus signs only) and `rule_char` (a
//! 评分标准 in prose: every dash and tilde to '-', '·' to '.', '*' to '×').
//! `fold_text` and `fold_name` are `fold` with invisible characters, or also
//! whitespace, removed.

use std::borrow::Cow;

/// Characters that print as nothing and only break matching: zero-width
/// space/non-joiner/joiner, word joiner, BOM, direction marks and embeddings,
/// soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{00AD}'
    )
}

/// Full-width forms to ASCII, Unicode minus and dash variants to '-', the
/// ideographic full stop used as a decimal point to '.'.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// `fold` without a copy when nothing changes (plain ASCII, plain CJK text).
pub fn fold_cow(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| fold_char(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold(s))
    }
}

/// One character as `fold` maps it.
fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        '\u{ff01}'..='\u{ff5e}' if c != '％' && c != '－' && c != '／' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '－' | '−' | '﹣' | '‐' | '‑' | '‒' => '-',
        '％' => '%',
        '／' => '/',
        '﹪' => '%',
        _ => c,
    }
}

/// Full-width ASCII folded to half-width (`fold`), invisible characters
/// removed, whitespace kept (as ASCII spaces where `fold` maps them).
pub fn fold_text(s: &str) -> String {
    fold(s).chars().filter(|c| !is_invisible(*c)).collect()
}

/// A name as written, made comparable: full-width folded, invisible characters
/// and all whitespace (incl. full-width space, NBSP) removed. Case and brackets stay.
pub fn fold_name(s: &str) -> String {
    fold_name_cow(s).into_owned()
}

/// `fold_name` without a copy when folding changes nothing.
pub fn fold_name_cow(s: &str) -> Cow<'_, str> {
    let f = fold_cow(s);
    if f.chars().any(|c| c.is_whitespace() || is_invisible(c)) {
        Cow::Owned(f.chars().filter(|c| !c.is_whitespace() && !is_invisible(*c)).collect())
    } else {
        f
    }
}

/// Normalises full-width digits, points, signs and percent marks.
pub fn ascii_num(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '−' | '－' => '-',
            _ => c,
        })
        .collect()
}

/// One character of a 评分标准 as `rules::normalize` maps it: full-width digits,
/// signs and brackets to ASCII, every dash and tilde to '-', '·' to '.', '*' to '×'.
/// Not `fold_char`: a rule's 5～10 is a range and its ＊ a product.
pub fn rule_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '·' => '.',
        '％' => '%',
        '＝' => '=',
        '＋' => '+',
        '＞' => '>',
        '＜' => '<',
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '；' => ';',
        '：' => ':',
        '–' | '—' | '－' | '~' | '～' | '−' => '-',
        '×' | '＊' | '*' => '×',
        c => c,
    }
}
