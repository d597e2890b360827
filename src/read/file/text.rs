//! .csv and .txt files: the bytes decoded (UTF-8, its BOM dropped; text that is
//! not UTF-8 is decoded with U+FFFD for each bad sequence and said, and the page
//! may then try GB18030 with the browser's own decoder), and a CSV's
//! comma-separated records written as the tab-separated text a paste gives.

/// The text of the bytes and how many bad UTF-8 sequences were replaced.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), 0),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            (text, bad)
        }
    }
}

/// Whether text reads as a CSV: its first line has a comma and no tab.
pub fn is_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.contains(',') && !first.contains('\t')
}

/// One cell as a paste carries it: quoted when it holds a tab, a line break or
/// starts with a quote, inner quotes doubled.
pub fn push_cell(out: &mut String, cell: &str) {
    if cell.contains(['\t', '\n', '\r']) || cell.starts_with('"') {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes,
/// CRLF or LF) written as tab-separated rows.
pub fn csv_to_tsv(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                push_cell(&mut out, &field);
                out.push('\t');
                field.clear();
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push_cell(&mut out, &field);
                out.push('\n');
                field.clear();
                at_start = true;
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    push_cell(&mut out, &field);
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_becomes_tsv() {
        assert_eq!(csv_to_tsv("a,b\r\n\"x,1\",\"he said \"\"hi\"\"\"\n\"two\nlines\",3\n"), "a\tb\nx,1\the said \"hi\"\n\"two\nlines\"\t3");
        assert_eq!(csv_to_tsv("\"a\tb\",c"), "\"a\tb\"\tc");
        assert_eq!(decode(b"\xEF\xBB\xBFok").0, "ok");
        assert_eq!(decode(b"\xD6\xD0\xCE\xC4").1, 4);
    }
}
