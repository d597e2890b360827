//! Text repairs shared by the readers: lone UTF-16 surrogates, which a browser's
//! clipboard can hand the page (an emoji or rare character cut in half), become
//! U+FFFD, and the input that held them says so (`Problem::ReplacedCharacters`)
//! instead of being refused.

use crate::diag::{Diagnostic, Source};
use crate::diag::problem::Problem;

/// JSON text with every lone UTF-16 surrogate escape (`\ud800` not followed by
/// a low surrogate, or a stray `\udc00`) replaced by `\ufffd`. The clipboard can
/// hand the page such text and `JSON.stringify` writes it as escapes, which
/// serde_json refuses; the user's paste must still be read, as the browser
/// itself would show it, with a replacement character.
pub fn well_formed(json: &str) -> std::borrow::Cow<'_, str> {
    repair_escapes(json).0
}

/// `well_formed` and how many escapes it replaced.
pub fn repair_escapes(json: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if !json.contains("\\u") {
        return (std::borrow::Cow::Borrowed(json), 0);
    }
    let mut count = 0;
    let hex = |at: usize| -> Option<u32> {
        let h = json.get(at..at + 6)?;
        let digits = h.strip_prefix("\\u")?;
        if digits.bytes().all(|b| b.is_ascii_hexdigit()) { u32::from_str_radix(digits, 16).ok() } else { None }
    };
    let mut out = String::with_capacity(json.len());
    let mut rest = 0;
    let mut i = 0;
    let bytes = json.as_bytes();
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        // Backslashes only occur inside JSON strings, so any escape other than
        // \u is two bytes and skipped whole (which keeps "\\ud800" as text).
        match hex(i) {
            Some(0xD800..=0xDBFF) if matches!(hex(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(json.get(rest..i).unwrap_or(""));
                out.push_str("\\ufffd");
                count += 1;
                i += 6;
                rest = i;
            }
            _ => i += 2,
        }
    }
    if rest == 0 {
        return (std::borrow::Cow::Borrowed(json), 0);
    }
    out.push_str(json.get(rest..).unwrap_or(""));
    (std::borrow::Cow::Owned(out), count)
}

/// A warning that `text` holds replacement characters (U+FFFD): a lone surrogate
/// the page's string crossing into wasm replaced, or one repaired in JSON by
/// `well_formed`. It points at the row of the first; `None` when there is none.
pub fn replaced_characters(text: &str, source: Source) -> Option<Diagnostic> {
    let first = text.find('\u{fffd}')?;
    let count = text.get(first..).map_or(0, |t| t.matches('\u{fffd}').count());
    let row = text.get(..first).map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count());
    Some(Diagnostic::warning(source, Problem::ReplacedCharacters { count }).at_row(row))
}

/// JSON text with its lone surrogate escapes repaired (`repair_escapes`), and a
/// warning when there were any.
pub fn repaired_json(json: &str, source: Source) -> (std::borrow::Cow<'_, str>, Option<Diagnostic>) {
    let (text, count) = repair_escapes(json);
    (text, (count > 0).then(|| Diagnostic::warning(source, Problem::ReplacedCharacters { count })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_characters_are_counted_from_their_first_row() {
        assert!(replaced_characters("甲\t1\n", Source::Data).is_none());
        let d = replaced_characters("指标\n甲\u{fffd}\t1\n乙\u{fffd}\n", Source::Data).unwrap();
        assert_eq!(d.problem, Problem::ReplacedCharacters { count: 2 });
        assert_eq!(d.row, Some(2));
    }
}
