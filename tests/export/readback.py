#!/usr/bin/env python3
"""Export read-back (a stage of scripts/test.sh): every export opened in what people open it in.

Usage: readback.py DIR, where DIR holds the cases `cargo run --example export_cases -- DIR`
wrote: NAME.screen.json (the tables the page shows) and NAME.json / .xlsx / .csv / .tsv
(the exports of every table, through the page's own entry points).

For each case it checks, cell for cell, numbers as numbers and text as text:
  1. the typed export (NAME.json) against the screen: same tables, captions, headers, texts;
  2. the .xlsx opened by openpyxl (a strict reader): every sheet whole, title, header, rows;
  3. the .xlsx opened by LibreOffice headless, each sheet saved as CSV with every text cell
     quoted: the text each cell shows (number formats applied: 6.00 shows as 6.00) and
     whether it is text or a number;
  4. the .csv and .tsv opened by LibreOffice, saved the same way (text cells as the
     export made them inert: '=… keeps its quote).
Prints one line per check and ends with "export-readback: N passed, M failed".
"""
import csv
import glob
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20\u2212\ufe62\ufe63\ufe66"
INVISIBLE = set("\u00ad\u034f\u061c\u180e\ufeff \u00a0\u3000") | {chr(c) for c in range(0x200B, 0x2010)} \
    | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2060, 0x2065)} | {chr(c) for c in range(0x2066, 0x2070)}

passed = 0
failed = 0


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {what}")
    else:
        failed += 1
        print(f"not ok - {what}: {detail}")


def inert(s):
    """The CSV/TSV form of a text cell (export::inert): formula text gets a leading quote."""
    visible = s.lstrip("".join(INVISIBLE))
    if s.startswith(("\t", "\r")) or (visible and visible[0] in FORMULA_START):
        return "'" + s
    return s


def xlsx_text(s):
    """What an .xlsx cell can hold of a text: Excel's 32,767-unit limit."""
    units = 0
    for i, ch in enumerate(s):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > 32767:
            return s[:i]
    return s


ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(s):
    """Text as Excel reads it: ECMA-376 writes characters XML cannot hold (control
    characters) as _xHHHH_ and a literal "_xHHHH_" as _x005F_xHHHH_. openpyxl hands
    these escapes over undecoded, so they are decoded here as Excel decodes them."""
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), s) if isinstance(s, str) else s


def same_number(got, want):
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    return math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12)


def cell_diff(got, want, text_of=lambda s: s):
    """None when `got` (an openpyxl value) is the typed cell `want`, else why not."""
    got = unescape(got)
    if isinstance(want, dict):
        if same_number(got, want["n"]):
            return None
        return f"number {want['text']} read as {got!r}"
    want_text = text_of(want)
    if want_text == "":
        return None if got in (None, "") else f"empty cell read as {got!r}"
    if isinstance(got, str) and got == want_text:
        return None
    return f"text {want_text!r} read as {got!r}"


def sheet_rows(ws):
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


def compare_sheet(rows, table, what, text_of=lambda s: s):
    """rows: a sheet's values; table: a typed table of NAME.json (title, headers, rows)."""
    want = [[table["title"]], list(table["headers"])] + table["rows"]
    if len(rows) != len(want):
        return f"{len(rows)} rows, want {len(want)} (title, header and {len(table['rows'])} rows)"
    for r, (got_row, want_row) in enumerate(zip(rows, want), start=1):
        for c, w in enumerate(want_row):
            g = got_row[c] if c < len(got_row) else None
            d = cell_diff(g, w, text_of)
            if d:
                return f"row {r} column {c + 1}: {d}"
        extra = [v for v in got_row[len(want_row):] if v not in (None, "")]
        if extra:
            return f"row {r}: extra cells {extra!r}"
    return None


def check_workbook(path, tables, what, text_of=lambda s: s):
    try:
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception as e:  # a strict reader refusing the file is the failure looked for
        report(False, what, f"openpyxl refuses it: {type(e).__name__}: {e}")
        return
    want_sheets = [t["sheet"] for t in tables] or ["无数据"]
    if wb.sheetnames != want_sheets:
        report(False, what, f"sheets {wb.sheetnames[:5]}… want {want_sheets[:5]}…")
        return
    for t in tables:
        d = compare_sheet(sheet_rows(wb[t["sheet"]]), t, what, text_of)
        if d:
            report(False, what, f"sheet {t['sheet']}: {d}")
            return
    report(True, what)


def check_screen(export, screen, what):
    if len(export) != len(screen):
        return report(False, what, f"{len(export)} tables exported, {len(screen)} on screen")
    for e, s in zip(export, screen):
        if e["key"] != s["key"] or e["title"] != s["caption"]:
            return report(False, what, f"table {s['key']} titled {s['caption']!r} exported as {e['key']} {e['title']!r}")
        if e["headers"] != [c["text"] for c in s["columns"]]:
            return report(False, what, f"table {s['key']}: headers differ")
        texts = [[c["text"] if isinstance(c, dict) else c for c in row] for row in e["rows"]]
        if texts != [row["cells"] for row in s["rows"]]:
            return report(False, what, f"table {s['key']}: rows differ")
    report(True, what)


def read_typed_csv(path):
    """LibreOffice's CSV with every text cell quoted: rows of (text, is_text)."""
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    rows, row, field, quoted, i, n = [], [], [], False, 0, len(data)
    while i < n:
        ch = data[i]
        if ch == '"' and not field:
            quoted = True
            i += 1
            while i < n:
                if data[i] == '"':
                    if i + 1 < n and data[i + 1] == '"':
                        field.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                field.append(data[i])
                i += 1
            continue
        if ch == ",":
            row.append(("".join(field), quoted))
            field, quoted = [], False
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and data[i + 1] == "\n":
                i += 1
            row.append(("".join(field), quoted))
            rows.append(row)
            row, field, quoted = [], [], False
        else:
            field.append(ch)
        i += 1
    if field or row:
        row.append(("".join(field), quoted))
        rows.append(row)
    while rows and all(t == "" for t, _ in rows[-1]):
        rows.pop()
    return rows


def shown(want, text_of):
    """What LibreOffice shows for a typed cell, and whether it is text. A number shows
    its printed text in its number format (a '+' for show is not part of the format)."""
    if isinstance(want, dict):
        return want["text"].lstrip("+"), False
    return xlsx_text(text_of(want)), True


def compare_typed_rows(rows, want, text_of, by_value=False):
    """rows: (text, is_text) as LibreOffice shows them; want: typed cells. None when equal.
    `by_value`: a number need only have the cell's value (a CSV carries no number format,
    so 6.00 opens as 6 in LibreOffice as in Excel)."""
    if len(rows) != len(want):
        return f"{len(rows)} rows, want {len(want)}"
    for r, (g_row, w_row) in enumerate(zip(rows, want), start=1):
        for c, w in enumerate(w_row):
            g_text, g_is_text = g_row[c] if c < len(g_row) else ("", False)
            w_text, w_is_text = shown(w, text_of)
            if w_text == "" and g_text == "":
                continue
            if by_value and not w_is_text and not g_is_text and same_number(to_float(g_text), w["n"]):
                continue
            if (g_text, g_is_text) != (w_text, w_is_text):
                kind = lambda t: "text" if t else "number"
                return f"row {r} column {c + 1}: {kind(w_is_text)} {w_text!r} shown as {kind(g_is_text)} {g_text!r}"
        if any(t for t, _ in g_row[len(w_row):]):
            return f"row {r}: extra cells"
    return None


def to_float(s):
    try:
        return float(s)
    except ValueError:
        return None


def table_rows(t):
    return [[t["title"]], list(t["headers"])] + t["rows"]


def check_sheet_csvs(folder, name, tables, what):
    """The .xlsx as LibreOffice opens it: each sheet saved as CSV (cells as shown, text
    quoted), against the printed texts and types. LibreOffice writes sheet S as NAME-S.csv."""
    got = sorted(os.listdir(folder))
    want_files = sorted(f"{name}-{t['sheet']}.csv" for t in tables) or [f"{name}-无数据.csv"]
    if got != want_files:
        return report(False, what, f"{len(got)} sheets converted, want {len(want_files)}: {sorted(set(want_files) - set(got))[:3]}")
    for t in tables:
        d = compare_typed_rows(read_typed_csv(os.path.join(folder, f"{name}-{t['sheet']}.csv")), table_rows(t), lambda s: s)
        if d:
            return report(False, what, f"sheet {t['sheet']}: {d}")
    report(True, what)


def check_delimited(path, tables, what):
    """A .csv/.tsv export as LibreOffice opens it (then saved as CSV, text quoted): per
    table its title, header and rows, a blank line between; text cells as made inert."""
    if not path or not os.path.exists(path):
        return report(False, what, "LibreOffice did not open it")
    want = []
    for n, t in enumerate(tables):
        if n > 0:
            want.append([])
        want.extend(table_rows(t))
    d = compare_typed_rows(read_typed_csv(path), want, inert, by_value=True)
    report(d is None, what, d or "")


def soffice(args, cwd):
    env = dict(os.environ, HOME=cwd)  # a profile of its own, never the user's
    subprocess.run(["soffice", "--headless", "--norestore", "--nolockcheck"] + args, cwd=cwd, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: readback.py DIR")
    src = sys.argv[1]
    names = sorted(os.path.basename(p)[: -len(".screen.json")] for p in glob.glob(os.path.join(src, "*.screen.json")))
    if not names:
        sys.exit(f"no cases in {src}")
    work = tempfile.mkdtemp(prefix="readback-")
    lo_csv = os.path.join(work, "lo-csv")
    lo_delim = os.path.join(work, "lo-delim")
    os.makedirs(lo_delim)
    # Saved by LibreOffice as CSV: UTF-8, every text cell quoted (so text and numbers are
    # told apart), cells as shown, every sheet to a file of its own.
    as_csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1"
    for n in names:
        d = os.path.join(lo_csv, n)
        os.makedirs(d)
        soffice(["--convert-to", as_csv, "--outdir", d, os.path.join(src, n + ".xlsx")], work)
    for ext, sep in (("csv", 44), ("tsv", 9)):
        # LibreOffice picks its import filter by extension: a .tsv goes in as .txt.
        copies = []
        for n in names:
            dst = os.path.join(work, f"{n}-{ext}.{'csv' if ext == 'csv' else 'txt'}")
            with open(os.path.join(src, f"{n}.{ext}"), "rb") as f, open(dst, "wb") as g:
                g.write(f.read())
            copies.append(dst)
        # Opened as: separator, quote, UTF-8, from line 1, standard columns, language, quoted
        # as text: no, detect special numbers: no (plain decimals become numbers, as written).
        soffice(["--infilter=Text - txt - csv (StarCalc):%d,34,76,1,,0,false,false" % sep,
                 "--convert-to", as_csv, "--outdir", lo_delim] + copies, work)

    for n in names:
        with open(os.path.join(src, n + ".screen.json"), encoding="utf-8") as f:
            screen = json.load(f)["tables"] or []
        with open(os.path.join(src, n + ".json"), encoding="utf-8") as f:
            tables = json.load(f)
        check_screen(tables, screen, f"{n}: the export's tables are the screen's")
        check_workbook(os.path.join(src, n + ".xlsx"), tables, f"{n}.xlsx read by openpyxl", xlsx_text)
        check_sheet_csvs(os.path.join(lo_csv, n), n, tables, f"{n}.xlsx, each sheet as LibreOffice shows it")
        for ext in ("csv", "tsv"):
            # One sheet, written as NAME-EXT-<sheet>.csv.
            out = glob.glob(os.path.join(lo_delim, glob.escape(f"{n}-{ext}") + "*.csv"))
            check_delimited(out[0] if len(out) == 1 else "", tables, f"{n}.{ext} opened by LibreOffice")
    shutil.rmtree(work, ignore_errors=True)
    print(f"export-readback: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
