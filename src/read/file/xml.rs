//! A small XML scanner for the few SpreadsheetML elements the file reader needs.
//!
//! Not a general parser: it walks tags and text, skips declarations, comments,
//! processing instructions and doctypes, gives CDATA as text, and unescapes the
//! five named entities, numeric references and Excel's `_xHHHH_` escapes. Tag
//! and attribute names are compared by their local name (after any prefix), so
//! `x:row` and `row` are the same element. Malformed markup ends the scan, never
//! panics.

/// One step of the scan.
#[derive(Debug, PartialEq)]
pub enum Event<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`), with the raw attribute text.
    Start { name: &'a str, attrs: &'a str, empty: bool },
    /// `</name>`.
    End { name: &'a str },
    /// Raw text between tags (still escaped; see `unescape`).
    Text(&'a str),
    /// A CDATA section's content (not escaped).
    CData(&'a str),
}

/// Iterates the events of an XML text.
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }
}

/// The local part of a qualified name (`x:row` → `row`).
pub fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let rest = self.text.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Event::Text(rest.get(..end)?));
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>")?;
                self.pos += 9 + end + 3;
                return Some(Event::CData(body.get(..end)?));
            }
            if rest.starts_with("<!--") {
                let end = rest.find("-->")?;
                self.pos += end + 3;
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                let end = rest.find('>')?;
                self.pos += end + 1;
                continue;
            }
            // A tag: find its closing '>' outside quoted attribute values.
            let bytes = rest.as_bytes();
            let mut quote = 0u8;
            let mut end = None;
            for (i, &b) in bytes.iter().enumerate().skip(1) {
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                } else if b == b'>' {
                    end = Some(i);
                    break;
                }
            }
            let end = end?;
            self.pos += end + 1;
            let inner = rest.get(1..end)?;
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Event::End { name: local(name.trim()) });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let split = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
            let name = local(inner.get(..split)?);
            let attrs = inner.get(split..)?;
            return Some(Event::Start { name, attrs, empty });
        }
    }
}

/// The raw value of the attribute whose local name is `want`, if present.
pub fn attr<'a>(attrs: &'a str, want: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest.get(..eq)?.trim();
        let after = rest.get(eq + 1..)?.trim_start();
        let q = after.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let body = after.get(1..)?;
        let close = body.find(q)?;
        let value = body.get(..close)?;
        if local(name) == want {
            return Some(value);
        }
        rest = body.get(close + 1..)?;
    }
}

/// An attribute's value unescaped.
pub fn attr_text(attrs: &str, want: &str) -> Option<String> {
    attr(attrs, want).map(unescape)
}

/// Unescapes entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xHH;`)
/// and then Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return,
/// `_x005F_` an underscore). An unknown or broken escape stays as written.
pub fn unescape(raw: &str) -> String {
    let entities = if raw.contains('&') { unescape_entities(raw) } else { raw.to_string() };
    if entities.contains("_x") {
        unescape_x(&entities)
    } else {
        entities
    }
}

fn unescape_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let tail = rest.get(amp..).unwrap_or("");
        let semi = tail.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|s| tail.get(1..s)).and_then(entity);
        match (decoded, semi) {
            (Some(c), Some(s)) => {
                out.push(c);
                rest = tail.get(s + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn unescape_x(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let hex = tail.get(2..6).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let closed = tail.as_bytes().get(6) == Some(&b'_');
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
            Some(c) if closed => {
                out.push(c);
                rest = tail.get(7..).unwrap_or("");
            }
            _ => {
                out.push('_');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_text_and_attributes() {
        let xml = r#"<?xml version="1.0"?><!-- c --><x:row r="2" hidden='1'><c r="A2" t="s"><v>3</v></c><c r="B2"/></x:row>"#;
        let ev: Vec<Event> = Scanner::new(xml).collect();
        assert_eq!(ev[0], Event::Start { name: "row", attrs: r#" r="2" hidden='1'"#, empty: false });
        assert_eq!(attr(r#" r="2" hidden='1'"#, "hidden"), Some("1"));
        assert_eq!(ev[3], Event::Text("3"));
        assert_eq!(ev[6], Event::Start { name: "c", attrs: r#" r="B2""#, empty: true });
        assert_eq!(ev[7], Event::End { name: "row" });
    }

    #[test]
    fn unescapes_entities_and_x_escapes() {
        assert_eq!(unescape("a&amp;b&lt;&gt;&quot;&apos;&#20013;&#x6587;"), "a&b<>\"'中文");
        assert_eq!(unescape("line_x000D_end_x005F_x0041_"), "line\rend_x0041_");
        assert_eq!(unescape("&bogus; & _x12"), "&bogus; & _x12");
    }

    #[test]
    fn broken_markup_ends_quietly() {
        let ev: Vec<Event> = Scanner::new("<a b=\"1><c").collect();
        assert!(ev.is_empty());
        let _: Vec<Event> = Scanner::new("<![CDATA[x").collect();
    }
}
