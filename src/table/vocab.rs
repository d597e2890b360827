//! The one vocabulary of pasted tables: name keys (on `base::text`'s folds), numbering, row kinds, units in brackets and notes, column words.
//!
//! The data reader (`read`), the split reader (`split`) and the scheme-table
//! reader (`scheme::from_table`) all ask here; none keeps a word list of its own
//! for these. Each reader may accept only some of the kinds (a scheme's 总分 row
//! is its total, a park table has none), but the words live in this file.

use crate::base::text::{fold_name, fold_name_cow, fold_text};
use std::borrow::Cow;
use crate::base::unit::Unit;

/// A name as matched against scheme names: `fold_name`, bracketed parts (units,
/// explanations) and quote/footnote marks dropped, ASCII lowercased, trailing colons dropped.
pub fn name_key(s: &str) -> String {
    name_key_cow(s).into_owned()
}

/// `name_key` without a copy when the key is the text itself (a plain name).
pub fn name_key_cow(s: &str) -> Cow<'_, str> {
    match fold_name_cow(s) {
        Cow::Borrowed(f) => key_of_folded(f),
        Cow::Owned(f) => Cow::Owned(key_of_folded(&f).into_owned()),
    }
}

/// `name_key` of a text already folded by `fold_name` (folding twice changes nothing).
pub fn key_of_folded(f: &str) -> Cow<'_, str> {
    let plain = |c: char| !matches!(c, '(' | '[' | '【' | '〔' | ')' | ']' | '】' | '〕' | '*' | '"' | '“' | '”' | '\'') && !c.is_ascii_uppercase();
    if f.chars().all(plain) {
        return Cow::Borrowed(f.trim_end_matches([':', '：']));
    }
    let mut out = String::with_capacity(f.len());
    let mut depth = 0u32;
    for c in f.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '"' | '“' | '”' | '\'' => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    let trimmed = out.trim_end_matches([':', '：']).len();
    out.truncate(trimmed);
    Cow::Owned(out)
}

/// Words that open a breakdown row (其中：制造业).
const BREAKDOWN_WORDS: &[&str] = &["其中:", "其中：", "其中"];

/// Drops a leading 其中 / 其中： (the mark of a breakdown row) from a name.
pub fn strip_breakdown(name: &str) -> &str {
    let mut k = name;
    for p in BREAKDOWN_WORDS {
        if let Some(r) = k.strip_prefix(p) {
            k = r;
        }
    }
    k
}

/// Circled and parenthesised numbers (①–⑳, ⑴–⒇, ⒈–⒛, ㈠–㈩) and the marks
/// tables put before a name to flag it (★ ☆ ▲ △ ※ ● ○ ◆ ◇ ■ □ √ * #).
pub fn is_flag_mark(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{249B}' | '\u{3220}'..='\u{3229}' | '★' | '☆' | '▲' | '△' | '※' | '●' | '○' | '◆' | '◇' | '■' | '□' | '√' | '*' | '#')
}

/// Ordinal marks: Chinese numerals and ASCII digits.
const ORDINAL_MARKS: &str = "一二三四五六七八九十0123456789";
/// What may follow an ordinal: a closing bracket, 、, a full stop, a colon, a space.
const ORDINAL_SEPARATORS: &[char] = &[')', '）', '、', '.', '．', ':', '：', ' '];

/// Drops leading numbering: "一、规划定位好", "（一）规划定位好", "1. 规划定位好",
/// "3：" → "规划定位好". Only a real ordinal (marks then a separator) is
/// stripped; other text comes back trimmed and otherwise unchanged.
pub fn strip_numbering(text: &str) -> &str {
    // Circled numbers and marks that flag an indicator (①, ★ 省考核, ▲, ※) go first.
    let t = text.trim().trim_start_matches(|c: char| is_flag_mark(c)).trim_start();
    let body = t.trim_start_matches(['(', '（']);
    let after_marks = body.trim_start_matches(|c: char| ORDINAL_MARKS.contains(c));
    if after_marks.len() == body.len() {
        return t;
    }
    let rest = after_marks.trim_start_matches(ORDINAL_SEPARATORS);
    if rest.len() < after_marks.len() {
        rest
    } else {
        t
    }
}

/// Which whole a total row states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    /// 合计, 总计, 汇总: the sum of the rows.
    Sum,
    /// 全省, 全市, 全区, 全园, 总体 …: the whole area the rows make up.
    Whole,
    /// 平均, 平均值: an average row, not a sum.
    Average,
    /// 总分, 满分: a scheme's total score.
    FullMarks,
}

/// What a row is, judged by its name cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Nothing written.
    Blank,
    /// A data row.
    Data,
    /// A total row; `exact` when the cell is the word alone (brackets aside),
    /// not a name containing or starting with it.
    Total { of: Total, exact: bool },
    /// 小计.
    Subtotal,
    /// 其中：… , a part of the row above.
    Breakdown,
    /// 注：… , 说明：… , and sign-off lines (填报人, 审核人, 制表, 联系电话 …).
    Note,
}

/// How a total word must sit in the name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Anywhere in the name (东片合计).
    Anywhere,
    /// At its start (全省平均).
    Start,
    /// At its end (园区平均, 各园区平均值).
    End,
    /// The whole name.
    Alone,
}

/// The total-row words.
const TOTAL_WORDS: &[(&str, Total, Place)] = &[
    ("合计", Total::Sum, Place::Anywhere),
    ("总计", Total::Sum, Place::Anywhere),
    ("汇总", Total::Sum, Place::Start),
    ("全省", Total::Whole, Place::Start),
    ("全市", Total::Whole, Place::Start),
    ("全县", Total::Whole, Place::Start),
    ("全区", Total::Whole, Place::Alone),
    ("全园", Total::Whole, Place::Alone),
    ("全园区", Total::Whole, Place::Alone),
    ("总体", Total::Whole, Place::Alone),
    ("平均", Total::Average, Place::Start),
    ("平均", Total::Average, Place::End),
    ("平均值", Total::Average, Place::End),
    ("均值", Total::Average, Place::End),
    ("总分", Total::FullMarks, Place::Alone),
    ("满分", Total::FullMarks, Place::Alone),
];

/// The subtotal word, anywhere in the name.
const SUBTOTAL_WORD: &str = "小计";

/// Openings of note and sign-off lines (compared after `fold_name`, so colons are ASCII).
const NOTE_OPENINGS: &[&str] = &[
    "注:", "说明:", "备注:", "附注:", "填报人", "填表人", "审核人", "制表", "联系电话", "联系人", "负责人", "数据来源", "资料来源",
    "填报日期", "填报单位", "报出日期", "报送日期", "单位负责人", "统计负责人",
];

/// The kind of a row, from its name cell.
pub fn row_kind(name: &str) -> RowKind {
    let folded = fold_name(name);
    if folded.is_empty() {
        return RowKind::Blank;
    }
    if NOTE_OPENINGS.iter().any(|w| folded.starts_with(w)) {
        return RowKind::Note;
    }
    let key = name_key(name);
    if BREAKDOWN_WORDS.iter().any(|w| key.starts_with(w)) {
        return RowKind::Breakdown;
    }
    if key.contains(SUBTOTAL_WORD) {
        return RowKind::Subtotal;
    }
    for &(word, of, place) in TOTAL_WORDS {
        let exact = key == word;
        let hit = match place {
            Place::Anywhere => key.contains(word),
            Place::Start => key.starts_with(word),
            Place::End => key.ends_with(word),
            Place::Alone => exact,
        };
        if hit {
            return RowKind::Total { of, exact };
        }
    }
    RowKind::Data
}

/// Header words of a sequence-number column, compared with `name_key`.
pub const SEQ_WORDS: &[&str] = &["序号", "编号", "序", "no", "no.", "排序"];

/// Header words of a note column, compared with `name_key`.
pub const NOTE_WORDS: &[&str] = &["备注", "说明", "注", "备注说明", "情况说明", "附注"];

/// Header words of a unit column, compared with `name_key`.
pub const UNIT_WORDS: &[&str] = &["单位", "计量单位", "单位:", "计算单位"];

/// Whether a header names a sequence-number column.
pub fn is_seq_header(header: &str) -> bool {
    let k = name_key(header);
    SEQ_WORDS.contains(&k.as_str())
}

/// Whether a header mentions notes anywhere (情况备注, 完成情况说明): the note
/// words of two characters or more, contained in the header.
pub fn mentions_note(header: &str) -> bool {
    mentions_note_key(&name_key_cow(header))
}

/// `mentions_note` of a header's `name_key`.
pub fn mentions_note_key(k: &str) -> bool {
    NOTE_WORDS.iter().any(|w| w.chars().count() >= 2 && k.contains(w))
}

/// Whether a header names a note column.
pub fn is_note_header(header: &str) -> bool {
    let k = name_key(header);
    NOTE_WORDS.contains(&k.as_str())
}

/// "—" and "" in a unit cell mean "no unit stated", not "dimensionless".
pub fn blank_unit(u: &Unit) -> bool {
    u.label.is_empty() || u.label == "—"
}

/// A unit cell or bracket content: 万元, 单位：万元, 单位:万元; `None` for empty,
/// blank (—) or unknown labels.
pub fn unit_label(text: &str) -> Option<Unit> {
    let t = fold_name(text);
    let t = t.strip_prefix("单位").map(|r| r.trim_start_matches([':', '：'])).unwrap_or(&t);
    if t.is_empty() {
        return None;
    }
    Unit::parse(t).filter(|u| !blank_unit(u))
}

const OPEN_BRACKETS: &[char] = &['(', '（', '[', '［', '【', '〔'];
const CLOSE_BRACKETS: &[char] = &[')', '）', ']', '］', '】', '〕'];

/// A unit written in brackets in a header or name cell: 技工贸总收入（亿元）,
/// 收入(万元), 收入【万元】, 收入[万元], 收入（1-11月，亿元）, 收入（单位：万元）.
/// Returns the text without the unit's bracket (trimmed) and the unit; the
/// last bracket holding a known unit counts. Without one, the text comes back trimmed.
pub fn unit_in_brackets(text: &str) -> (String, Option<Unit>) {
    let t = text.trim();
    let mut found: Option<(usize, usize, Unit)> = None;
    let mut from = 0;
    while let Some(open) = t.get(from..).and_then(|r| r.find(OPEN_BRACKETS)).map(|i| i + from) {
        let after = t.get(open..).unwrap_or("");
        let open_len = after.chars().next().map_or(1, char::len_utf8);
        let Some(close) = after.find(CLOSE_BRACKETS) else { break };
        let close_len = after.get(close..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
        let inner = after.get(open_len..close).unwrap_or("");
        // "（1-11月，亿元）": the unit is the last comma-separated part.
        let last = inner.rsplit([',', '，', ';', '；']).next().unwrap_or("");
        if let Some(u) = unit_label(last) {
            found = Some((open, open + close + close_len, u));
        }
        from = open + close + close_len;
    }
    match found {
        Some((a, b, u)) => {
            let name = format!("{}{}", t.get(..a).unwrap_or(""), t.get(b..).unwrap_or(""));
            (name.trim().to_string(), Some(u))
        }
        None => (t.to_string(), None),
    }
}

/// Splits off the first bracket, whatever it holds: "年度目标（万元）" →
/// ("年度目标", Some("万元")), "目标（1-11月）" → ("目标", Some("1-11月")). An
/// unclosed bracket runs to the end.
pub fn split_bracket(s: &str) -> (String, Option<String>) {
    let Some(i) = s.find(OPEN_BRACKETS) else { return (s.to_string(), None) };
    let after = i + s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
    let rest = s.get(after..).unwrap_or("");
    let (inner, tail) = match rest.find(CLOSE_BRACKETS) {
        Some(j) => {
            let cl = rest.get(j..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
            (rest.get(..j).unwrap_or(""), rest.get(j + cl..).unwrap_or(""))
        }
        None => (rest, ""),
    };
    (format!("{}{}", s.get(..i).unwrap_or(""), tail), Some(inner.to_string()))
}

/// A title without its unit note: "2024年目标分解表（单位：万元）" → "2024年目标分解表".
pub fn strip_unit_note(t: &str) -> String {
    let s = t.trim();
    let Some(i) = s.find("单位") else { return s.to_string() };
    if !s.get(i + "单位".len()..).is_some_and(|r| r.starts_with(['：', ':'])) {
        return s.to_string();
    }
    let head = s.get(..i).unwrap_or("");
    head.trim_end_matches(|c: char| OPEN_BRACKETS.contains(&c) || matches!(c, ' ' | '，' | ',')).trim().to_string()
}

/// A unit note in a title or a line of its own: 单位：万元, 单位:亿元,
/// 金额单位：亿元, （单位：万元）, 单位：万元 制表：…; the first that names a known unit.
pub fn unit_note(text: &str) -> Option<Unit> {
    let f = fold_text(text);
    let mut rest = f.as_str();
    while let Some(i) = rest.find("单位") {
        let after = rest.get(i + "单位".len()..).unwrap_or("");
        if let Some(r) = after.trim_start().strip_prefix([':', '：']) {
            let r = r.trim_start();
            let end = r.find(|c: char| c.is_whitespace() || CLOSE_BRACKETS.contains(&c) || matches!(c, ',' | '，' | ';' | '；')).unwrap_or(r.len());
            if let Some(u) = r.get(..end).and_then(unit_label) {
                return Some(u);
            }
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names() {
        assert_eq!(fold_name("技工贸\u{200B}总收入"), "技工贸总收入");
        assert_eq!(fold_name("\u{FEFF}技工贸 总\u{3000}收入\u{a0}"), "技工贸总收入");
        assert_eq!(fold_name("Ｒ＆Ｄ经费\u{00AD}\u{200E}"), "R&D经费");
        assert_eq!(fold_name("１２３"), "123");
        assert_eq!(fold_text("单位：\u{2066}万元\u{2069}"), "单位:万元");
        assert_eq!(name_key("技工贸总收入（亿元）："), "技工贸总收入");
        assert_eq!(name_key(" “Ｒ＆Ｄ”经费*"), "r&d经费");
        assert_eq!(name_key("\u{200D}技工贸总收入"), name_key("技工贸总收入"));
    }

    #[test]
    fn strips_numbering() {
        assert_eq!(strip_numbering("一、规划定位好"), "规划定位好");
        assert_eq!(strip_numbering("（一）规划定位好"), "规划定位好");
        assert_eq!(strip_numbering("1. 规划定位好"), "规划定位好");
        assert_eq!(strip_numbering("3:研发投入"), "研发投入");
        assert_eq!(strip_numbering("5G基站数"), "5G基站数");
        assert_eq!(strip_numbering("（说明）X"), "（说明）X");
        assert_eq!(strip_numbering(" 规划定位好 "), "规划定位好");
        assert_eq!(strip_breakdown("其中:制造业"), "制造业");
        assert_eq!(strip_breakdown("其中：制造业"), "制造业");
        assert_eq!(strip_breakdown("制造业"), "制造业");
    }

    #[test]
    fn kinds_of_rows() {
        assert_eq!(row_kind(""), RowKind::Blank);
        assert_eq!(row_kind(" \u{3000}\u{200B}"), RowKind::Blank);
        assert_eq!(row_kind("高新区"), RowKind::Data);
        assert_eq!(row_kind("其中：制造业"), RowKind::Breakdown);
        // An average row is never a park (issue 27), wherever 平均 sits at its ends.
        for n in ["园区平均", "各园区平均值", "平均", "平均值"] {
            assert!(matches!(row_kind(n), RowKind::Total { of: Total::Average, .. }), "{n}");
        }
        assert!(matches!(row_kind("全省平均"), RowKind::Total { .. }));
        assert_eq!(row_kind("政务服务事项平均申报材料"), RowKind::Data);
        assert_eq!(row_kind("小计"), RowKind::Subtotal);
        assert_eq!(row_kind("东片小计"), RowKind::Subtotal);
        assert_eq!(row_kind("合 计"), RowKind::Total { of: Total::Sum, exact: true });
        assert_eq!(row_kind("东片合计"), RowKind::Total { of: Total::Sum, exact: false });
        assert_eq!(row_kind("总计（亿元）"), RowKind::Total { of: Total::Sum, exact: true });
        assert_eq!(row_kind("汇总"), RowKind::Total { of: Total::Sum, exact: true });
        assert_eq!(row_kind("全省平均"), RowKind::Total { of: Total::Whole, exact: false });
        assert_eq!(row_kind("全区"), RowKind::Total { of: Total::Whole, exact: true });
        assert_eq!(row_kind("全园"), RowKind::Total { of: Total::Whole, exact: true });
        assert_eq!(row_kind("总体"), RowKind::Total { of: Total::Whole, exact: true });
        assert_eq!(row_kind("总体满意度"), RowKind::Data);
        assert_eq!(row_kind("平均值"), RowKind::Total { of: Total::Average, exact: false });
        assert_eq!(row_kind("满分"), RowKind::Total { of: Total::FullMarks, exact: true });
        assert_eq!(row_kind("注：数据为快报数"), RowKind::Note);
        assert_eq!(row_kind("说明:含在建项目"), RowKind::Note);
        assert_eq!(row_kind("填报人：张三"), RowKind::Note);
        assert_eq!(row_kind("联系电话：123"), RowKind::Note);
        assert_eq!(row_kind("制表：李四"), RowKind::Note);
        assert_eq!(row_kind("注册企业数"), RowKind::Data);
    }

    #[test]
    fn column_words() {
        assert!(is_seq_header("序号"));
        assert!(is_seq_header("No."));
        assert!(is_seq_header(" 编 号 "));
        assert!(!is_seq_header("指标"));
        assert!(is_note_header("备注"));
        assert!(is_note_header("情况说明"));
        assert!(!is_note_header("指标"));
        assert!(mentions_note("完成情况说明"));
        assert!(mentions_note("情况备注"));
        assert!(!mentions_note("注册企业数"));
        assert!(UNIT_WORDS.contains(&name_key("计量 单位").as_str()));
    }

    #[test]
    fn units_in_brackets() {
        let (n, u) = unit_in_brackets("技工贸总收入（万元）");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("技工贸总收入", Some("万元".to_string())));
        let (n, u) = unit_in_brackets("收入(亿元)");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("收入", Some("亿元".to_string())));
        let (n, u) = unit_in_brackets("收入【万元】");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("收入", Some("万元".to_string())));
        let (n, u) = unit_in_brackets("收入[万元]");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("收入", Some("万元".to_string())));
        let (n, u) = unit_in_brackets("收入（1-11月，亿元）");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("收入", Some("亿元".to_string())));
        let (n, u) = unit_in_brackets("收入（单位：万元）");
        assert_eq!((n.as_str(), u.map(|u| u.label)), ("收入", Some("万元".to_string())));
        let (n, u) = unit_in_brackets("目标（1-11月）");
        assert_eq!((n.as_str(), u), ("目标（1-11月）", None));
        let (n, u) = unit_in_brackets("收入（—）");
        assert_eq!((n.as_str(), u), ("收入（—）", None));
        assert_eq!(unit_label("单位：万元").map(|u| u.label), Some("万元".to_string()));
        assert_eq!(unit_label("—"), None);
        assert_eq!(unit_label(""), None);
    }

    #[test]
    fn unit_notes() {
        assert_eq!(unit_note("单位：亿元").map(|u| u.label), Some("亿元".to_string()));
        assert_eq!(unit_note("单位:万元").map(|u| u.label), Some("万元".to_string()));
        assert_eq!(unit_note("金额单位：亿元").map(|u| u.label), Some("亿元".to_string()));
        assert_eq!(unit_note("2024年分解表（单位：万元）").map(|u| u.label), Some("万元".to_string()));
        assert_eq!(unit_note("单位 ： 万元  制表：张三").map(|u| u.label), Some("万元".to_string()));
        assert_eq!(unit_note("单位名称 单位：万元").map(|u| u.label), Some("万元".to_string()));
        assert_eq!(unit_note("单位名称"), None);
        assert_eq!(unit_note("单位：—"), None);
        assert_eq!(strip_unit_note("2024年目标分解表（单位：万元）"), "2024年目标分解表");
        assert_eq!(strip_unit_note("2024年目标分解表"), "2024年目标分解表");
    }

    #[test]
    fn first_bracket() {
        assert_eq!(split_bracket("年度目标（万元）"), ("年度目标".to_string(), Some("万元".to_string())));
        assert_eq!(split_bracket("目标(1-11月)完成"), ("目标完成".to_string(), Some("1-11月".to_string())));
        assert_eq!(split_bracket("目标【万元"), ("目标".to_string(), Some("万元".to_string())));
        assert_eq!(split_bracket("目标"), ("目标".to_string(), None));
    }
}
