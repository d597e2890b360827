//! What each column of a paste was read as, and why: the reader's account to the user, shared by the data and split readers.

use super::roles;

/// What a column of the paste was read as, shown in the page so the user can check.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnInfo {
    /// 0-based column.
    pub col: usize,
    pub header: String,
    /// A Chinese label: 指标, 单位, 年度目标, 累计完成, 上年同期, 备注, 园区, an indicator's name, 忽略 …
    pub role: String,
    /// Why it got that role, in Chinese: the header word that decided it
    /// (表头含“累计”), the content rule (其下为数字 …), or why it was set aside.
    pub why: String,
    /// What decided: the header, the content, or the user (`read_overrides`).
    pub by: ReadBy,
}

/// What decided a column's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBy {
    Header,
    Content,
    User,
}

impl ReadBy {
    /// The stable key the report gives: "header", "content" or "user".
    pub fn key(self) -> &'static str {
        match self {
            ReadBy::Header => "header",
            ReadBy::Content => "content",
            ReadBy::User => "user",
        }
    }
}

/// Why a header cell gave its column its role: the deciding word, the period it names, or nothing known.
pub(crate) fn header_why(text: &str) -> String {
    let h = roles::classify(text);
    if text.trim().is_empty() {
        "表头为空".to_string()
    } else if !h.word.is_empty() {
        format!("表头含“{}”", h.word)
    } else if h.hint.0.is_some() || h.hint.1.is_some() {
        format!("表头写明期间“{}”", text.trim())
    } else {
        "表头未识别".to_string()
    }
}
