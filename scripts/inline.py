#!/usr/bin/env python3
"""Writes the one self-contained page: www/index.html with every tag marked
`data-inline` replaced by the file it names, and the Content-Security-Policy
meta put first in <head>.

    <link rel="stylesheet" href="style.css" data-inline>   -> <style>…</style>
    <script src="../pkg/wuhao.js" data-inline></script>    -> <script>…</script>
    <script type="application/json" id="x" src="../pkg/x.json" data-inline></script>
                                                           -> <script type="application/json" id="x">…</script>

Paths are relative to the page's folder (www/). The result must reference
nothing outside itself, so any src/href/url() left pointing at a file or the
network stops the build instead of shipping a page that breaks offline.

Usage: inline.py PAGE.html OUT.html
"""

import base64
import hashlib
import re
import sys
from pathlib import Path

# No network of any kind; the page's own inline scripts (by hash) and styles only. 'unsafe-eval' is
# there because Chromium before 97 (360安全浏览器, QQ浏览器 kernels) refuses to
# compile WebAssembly under a CSP without it; newer engines accept the narrower
# 'wasm-unsafe-eval', which old ones ignore. The page itself never calls eval.
CSP = "; ".join(
    [
        "default-src 'none'",
        # The page's own inline scripts by their hashes (filled in by main), so
        # that no injected script or event handler could run.
        "script-src {hashes} 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "font-src data:",
        "connect-src 'none'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        # A worker made from a blob: URL may keep the page responsive on a large
        # paste; it inherits this policy, so it cannot reach the network either.
        "worker-src blob:",
        "manifest-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
    ]
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'

WASM_VAR = re.compile(r'var WUHAO_WASM_BASE64 = "([A-Za-z0-9+/=]*)";')
# An executed inline script: no type attribute (data blocks carry one).
RUN_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)

TAG = re.compile(r"<(script|link)\b([^>]*?)\bdata-inline\b([^>]*)>(?:\s*</script>)?", re.I)
ATTR = re.compile(r"""\b(src|href)\s*=\s*("([^"]*)"|'([^']*)')""", re.I)


def fail(msg: str) -> None:
    print(f"inline.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def inline_tag(m: re.Match, base: Path) -> str:
    kind = m.group(1).lower()
    attrs = m.group(2) + m.group(3)
    a = ATTR.search(attrs)
    if not a:
        fail(f"tag without src/href: {m.group(0)}")
    ref = a.group(3) if a.group(3) is not None else a.group(4)
    path = (base / ref).resolve()
    if not path.is_file():
        fail(f"{m.group(0)} names {path}, which does not exist (run the build first?)")
    text = path.read_text(encoding="utf-8")
    if kind == "script":
        if not m.group(0).lower().endswith("</script>"):
            fail(f"script tag without its closing </script>: {m.group(0)}")
        # "</script" would end the inline element early; "<\/script" means the
        # same inside JS strings, regexes and comments, the only places it occurs.
        text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)
        if "<!--" in text:
            fail(f"{ref} contains '<!--', which changes how HTML parses an inline script")
        data_type = re.search(r"""\btype\s*=\s*["']([^"']+)["']""", attrs, re.I)
        if data_type:
            # A data block (the example's report, JSON): kept as one, never run,
            # so the CSP need not hash it; its id is kept for the page to read.
            ident = re.search(r"""\bid\s*=\s*["']([^"']+)["']""", attrs, re.I)
            id_attr = f' id="{ident.group(1)}"' if ident else ""
            return f'<script type="{data_type.group(1)}"{id_attr}>{text.strip()}</script>'
        wasm = WASM_VAR.fullmatch(text.strip().split("\n")[-1].strip()) if ref.endswith("wuhao_wasm.js") else None
        if wasm:
            # The module's bytes are data, not script: a block the browser never
            # runs (so the CSP need not hash 0.7 MB), which core.js reads by id.
            return f'<script type="application/octet-stream" id="wuhao-wasm">{wasm.group(1)}</script>'
        return f"<script>/* {ref} */\n{text}\n</script>"
    if re.search(r"</style", text, re.I):
        fail(f"{ref} contains '</style'")
    for u in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"]?)([^'\")]*)", text, re.I):
        if not u.group(1).lower().startswith(("data:", "#")):
            fail(f"{ref} loads an outside file: {u.group(0)}")
    return f"<style>/* {ref} */\n{text}\n</style>"


def main() -> None:
    if len(sys.argv) != 3:
        fail("usage: inline.py PAGE.html OUT.html")
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    html = src.read_text(encoding="utf-8")
    base = src.parent

    # Scripts may contain anything, so the page's own markup is checked before
    # the inlined files go in.
    count = len(TAG.findall(html))
    if count == 0:
        fail(f"{src} has no data-inline tags")

    # One policy, ours: drop any CSP the source page carries and put ours first
    # in <head>, before anything it could govern.
    html = re.sub(r"<meta\s+http-equiv=[\"']?Content-Security-Policy[^>]*>\s*", "", html, flags=re.I)
    html = html.replace("<!-- CSP -->", "")
    head = re.search(r"<head\b[^>]*>", html, re.I)
    if not head:
        fail(f"{src} has no <head>")
    html = html[: head.end()] + "\n" + CSP_META + html[head.end():]

    leftovers = []
    markup = TAG.sub("", html)
    for a in ATTR.finditer(markup):
        ref = a.group(3) if a.group(3) is not None else a.group(4)
        if not re.match(r"(#|data:|blob:|about:blank$)", ref, re.I):
            leftovers.append(a.group(0))
    for u in re.finditer(r"url\(\s*['\"]?([^'\")]*)", markup, re.I):
        if not re.match(r"(#|data:)", u.group(1), re.I):
            leftovers.append(u.group(0))
    if leftovers:
        fail(f"{src} references outside files that are not inlined: {', '.join(leftovers)}")

    html = TAG.sub(lambda m: inline_tag(m, base), html)
    if re.search(r"\son[a-z]+\s*=", TAG.sub("", markup), re.I):
        fail(f"{src} has an inline event handler, which the CSP refuses")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode("ascii") + "'"
        for m in RUN_SCRIPT.finditer(html)
    )
    html = html.replace("{hashes}", hashes, 1)
    out.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
