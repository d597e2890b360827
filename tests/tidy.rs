//! The repo checks its own rules (after rust-analyzer's `xtask/src/tidy.rs`): the layers of `src/`, and a `//!` line atop every source file.
//!
//! Each module of `src/` may import only modules of its own layer or of a
//! lower one. The table below is the one in ARCHITECTURE.md ("Layers"); a test
//! here checks the two agree. Every `crate::…`, `super::…` and `self::…` path
//! in the code (comments and string literals left out; `use` trees expanded)
//! is resolved to the top-level module it names, and an import from a lower
//! layer to a higher one fails the test, unless it is listed in `ALLOWED`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom up: a top-level module of the crate (the first segment
/// of a path under `crate::`) and its layer.
const LAYERS: &[(&str, u8)] = &[
    ("base", 0),
    // The crate root's version constant (lib.rs).
    ("VERSION", 0),
    ("diag", 1),
    ("table", 2),
    ("model", 2),
    ("scheme", 3),
    ("read", 4),
    ("eval", 5),
    ("report", 6),
    ("export", 7),
    ("xlsx", 7),
    ("zip", 7),
    ("api", 8),
    ("wasm", 9),
];

/// Imports against the layers that are known and left for now: (from, to).
const ALLOWED: &[(&str, &str)] = &[
    // None: the last cycle (export ↔ xlsx) went when the layout moved to `report`.
];

const NAMES: &[&str] = &["base", "diag", "table", "model", "scheme", "read", "eval", "report", "export", "xlsx", "zip", "api", "wasm"];

fn layer_of(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn imports_follow_the_layers() {
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for file in rust_files(&src_dir()) {
        let rel = file.strip_prefix(src_dir()).unwrap_or(&file).to_path_buf();
        let module = module_of(&rel);
        let Some(from) = module.first().cloned() else { continue }; // lib.rs declares the modules
        let Some(from_layer) = layer_of(&from) else {
            problems.push(format!("src/{}: module `{from}` has no layer: add it to LAYERS in tests/tidy.rs and to ARCHITECTURE.md", rel.display()));
            continue;
        };
        let text = fs::read_to_string(&file).unwrap_or_default();
        for import in imports(&text, &module) {
            let Some(to) = import.path.first() else { continue };
            if *to == from {
                continue;
            }
            let Some(to_layer) = layer_of(to) else {
                problems.push(format!("src/{}:{}: `{}` names `{to}`, which has no layer in tests/tidy.rs", rel.display(), import.line, import.path.join("::")));
                continue;
            };
            if to_layer > from_layer {
                if ALLOWED.contains(&(from.as_str(), to.as_str())) {
                    used.insert((from.clone(), to.clone()));
                } else {
                    problems.push(format!(
                        "src/{}:{}: `{from}` (layer {from_layer}) imports `crate::{}` (layer {to_layer}), a higher layer",
                        rel.display(),
                        import.line,
                        import.path.join("::")
                    ));
                }
            }
        }
    }
    for (from, to) in ALLOWED {
        if !used.contains(&(from.to_string(), to.to_string())) {
            problems.push(format!("ALLOWED lists `{from}` -> `{to}`, which no longer occurs: remove it"));
        }
    }
    assert!(problems.is_empty(), "imports against the layers (ARCHITECTURE.md, \"Layers\"):\n{}", problems.join("\n"));
}

#[test]
fn the_layer_table_is_the_one_in_architecture_md() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap_or_default();
    // Rows such as "| L2 table | `table`, `model` | …": the layer, then its modules.
    let rows: Vec<(String, String)> = doc
        .lines()
        .filter(|l| l.starts_with("| L"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').collect();
            (cells.get(1).unwrap_or(&"").trim().to_string(), cells.get(2).unwrap_or(&"").to_string())
        })
        .collect();
    let mut problems = Vec::new();
    for name in NAMES {
        let layer = layer_of(name).unwrap_or(u8::MAX);
        let tag = format!("`{name}`");
        let found: Vec<&String> = rows.iter().filter(|(_, modules)| modules.contains(&tag)).map(|(l, _)| l).collect();
        match found.as_slice() {
            [l] if l.split_whitespace().next() == Some(format!("L{layer}").as_str()) => {}
            [l] => problems.push(format!("ARCHITECTURE.md puts {tag} in {l}, tests/tidy.rs in layer {layer}")),
            [] => problems.push(format!("ARCHITECTURE.md's layer table has no row naming {tag} (layer {layer})")),
            _ => problems.push(format!("ARCHITECTURE.md's layer table names {tag} in more than one row")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let missing: Vec<String> = rust_files(&src_dir())
        .into_iter()
        .filter(|f| !fs::read_to_string(f).unwrap_or_default().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "source files without a `//!` first line:\n{}", missing.join("\n"));
}

/// The checker checks: an upward import is caught wherever it is written.
#[test]
fn the_checker_sees_paths_in_every_form() {
    let paths = |text: &str, module: &[&str]| -> Vec<String> {
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        imports(text, &module).into_iter().map(|i| format!("{}:{}", i.line, i.path.join("::"))).collect()
    };
    let text = "use crate::eval::score;\nuse crate::{api, table::{self, grid::Grid}};\nfn f() { crate::read::read_data(); }\n";
    assert_eq!(paths(text, &["base", "unit"]), ["1:eval::score", "2:api", "2:table", "2:table::grid::Grid", "3:read::read_data"]);
    // `super` from a file, and from its test module.
    let text = "use super::vocab::fold;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::grid;\n}\nuse super::super::eval;\n";
    assert_eq!(paths(text, &["table", "roles"]), ["1:table::vocab::fold", "4:table::roles::*", "5:table::grid", "7:eval"]);
    // Comments and strings are not code.
    let text = "// crate::api\n/* crate::api */ let s = \"crate::api\"; let c = '\"'; let r = r#\"crate::api\"#;\n/// crate::api\nlet x = 'a';\n";
    assert!(paths(text, &["base"]).is_empty());
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The module a file under `src/` is: `read/rules/official.rs` is `read::rules::official`,
/// `read/mod.rs` is `read`, `lib.rs` the root.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" && !(parts.is_empty() && stem == "lib") {
            parts.push(stem);
        }
    }
    parts
}

struct Import {
    line: usize,
    /// The path below the crate root, resolved.
    path: Vec<String>,
}

/// Every path into the crate written in `text`, a file of module `module`.
fn imports(text: &str, module: &[String]) -> Vec<Import> {
    let tokens = tokens(&code_only(text));
    let mut out = Vec::new();
    // Inline modules (`mod tests { … }`) open at a brace depth: (name, depth).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(tok) = tokens.get(i) {
        match tok.text.as_str() {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            "mod" => {
                if let (Some(name), Some(open)) = (tokens.get(i + 1), tokens.get(i + 2)) {
                    if open.text == "{" {
                        inline.push((name.text.clone(), depth));
                    }
                }
            }
            _ => {}
        }
        let here: Vec<String> = module.iter().cloned().chain(inline.iter().map(|(n, _)| n.clone())).collect();
        if tok.text == "use" {
            // A use tree: collect its tokens to the `;` and expand it.
            let start = i + 1;
            let mut end = start;
            while tokens.get(end).is_some_and(|t| t.text != ";") {
                end += 1;
            }
            let tree: Vec<&Token> = tokens.get(start..end).unwrap_or(&[]).iter().collect();
            for (line, path) in expand(&tree) {
                if let Some(p) = resolve(&path, &here) {
                    out.push(Import { line, path: p });
                }
            }
            i = end;
            continue;
        }
        if matches!(tok.text.as_str(), "crate" | "super" | "self") && tokens.get(i + 1).is_some_and(|t| t.text == "::") {
            // A path in code: the segments joined by `::`.
            let mut path = vec![tok.text.clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t.text == "::") && tokens.get(j + 1).is_some_and(|t| is_ident(&t.text)) {
                path.push(tokens.get(j + 1).map(|t| t.text.clone()).unwrap_or_default());
                j += 2;
            }
            if let Some(p) = resolve(&path, &here) {
                out.push(Import { line: tok.line, path: p });
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// The paths of a use tree (`crate::{a, b::{self, c}}` gives `crate::a`,
/// `crate::b`, `crate::b::c`), each with the line of its last segment.
fn expand(tree: &[&Token]) -> Vec<(usize, Vec<String>)> {
    fn walk(tree: &[&Token], i: &mut usize, prefix: &[String], out: &mut Vec<(usize, Vec<String>)>) {
        let mut path: Vec<String> = prefix.to_vec();
        let mut line = tree.get(*i).map_or(0, |t| t.line);
        while let Some(t) = tree.get(*i) {
            match t.text.as_str() {
                "::" => *i += 1,
                "{" => {
                    *i += 1;
                    while let Some(t) = tree.get(*i) {
                        if t.text == "}" {
                            *i += 1;
                            break;
                        }
                        walk(tree, i, &path, out);
                        if tree.get(*i).is_some_and(|t| t.text == ",") {
                            *i += 1;
                        }
                    }
                    return;
                }
                "," | "}" => break,
                "as" => *i += 2,
                // `{self, …}` names the prefix itself.
                "self" if !path.is_empty() => *i += 1,
                word => {
                    path.push(word.to_string());
                    line = t.line;
                    *i += 1;
                }
            }
        }
        out.push((line, path));
    }
    let mut out = Vec::new();
    walk(tree, &mut 0, &[], &mut out);
    out
}

/// A path below the crate root for `crate::…`, `super::…` and `self::…`
/// paths written in module `here`; `None` for any other path (std, crates,
/// and a module's own children, which share its layer).
fn resolve(path: &[String], here: &[String]) -> Option<Vec<String>> {
    let mut segments = path.iter().peekable();
    let mut base: Vec<String> = match segments.next().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self") => here.to_vec(),
        Some("super") => here.get(..here.len().saturating_sub(1)).unwrap_or(&[]).to_vec(),
        _ => return None,
    };
    while segments.peek().is_some_and(|s| *s == "super") {
        base.pop();
        segments.next();
    }
    base.extend(segments.cloned());
    Some(base)
}

struct Token {
    text: String,
    line: usize,
}

fn is_ident(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '*')
}

/// Identifiers, `::` and the punctuation use trees need, with their lines.
fn tokens(code: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut line = 1;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
                i += 1;
            }
            out.push(Token { text: chars[start..i].iter().collect(), line });
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token { text: "::".into(), line });
            i += 2;
        } else {
            if matches!(c, '{' | '}' | ',' | ';' | '*') {
                out.push(Token { text: c.to_string(), line });
            }
            i += 1;
        }
    }
    out
}

/// The text with comments, string literals and char literals blanked out,
/// newlines kept so lines still count.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &[char]| {
        for c in s {
            out.push(if *c == '\n' { '\n' } else { ' ' });
        }
    };
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let start = i;
        if c == '/' && next == Some('/') {
            while chars.get(i).is_some_and(|c| *c != '\n') {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut level = 0;
            loop {
                match (chars.get(i), chars.get(i + 1)) {
                    (Some('/'), Some('*')) => {
                        level += 1;
                        i += 2;
                    }
                    (Some('*'), Some('/')) => {
                        level -= 1;
                        i += 2;
                        if level == 0 {
                            break;
                        }
                    }
                    (Some(_), _) => i += 1,
                    (None, _) => break,
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_') {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                    None => break,
                }
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while let Some(&d) = chars.get(i) {
                i += if d == '\\' { 2 } else { 1 };
                if d == '"' {
                    break;
                }
            }
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{3000}'); a lifetime ('a) is left as it is.
            if next == Some('\\') {
                i += 2;
                while chars.get(i).is_some_and(|c| *c != '\'') {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c);
                i += 1;
                continue;
            }
        } else {
            out.push(c);
            i += 1;
            continue;
        }
        let end = i.min(chars.len());
        blank(&mut out, chars.get(start..end).unwrap_or(&[]));
    }
    out
}
