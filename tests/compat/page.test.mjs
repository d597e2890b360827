// Static checks of the built page for the browsers offices run (Chromium 86-class
// kernels of 360安全浏览器 and QQ浏览器): the embedded wasm uses only features
// they have, every script parses as ES2019 and calls no newer built-in, the CSS
// uses nothing they ignore, the page names nothing outside itself and carries
// the no-network Content-Security-Policy. Run after scripts/build.sh.

import { createHash } from 'node:crypto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkModule } from './wasm-features.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The npm tools live in tests/browser (one package.json for all test tools).
const require = createRequire(path.join(ROOT, 'tests/browser/package.json'));
const acorn = require('acorn');

const read = (p) => readFileSync(path.join(ROOT, p), 'utf8');
const PAGE = 'pkg/wuhao.html';
if (!existsSync(path.join(ROOT, PAGE))) throw new Error(`${PAGE} not built: run scripts/build.sh first`);
const html = read(PAGE);

// Executed inline scripts; the wasm module's bytes sit in a data block (type="application/octet-stream").
const allScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], code: m[2] }));
const inlineScripts = allScripts.filter((s) => !/\btype\s*=/i.test(s.attrs));
const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
// The page's own markup, without the inlined code, for attribute checks.
const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>');

// Built-ins that Chromium 86 lacks, with the version that added them. A call of
// one of these would throw there, although the syntax check passes.
const NEWER_MEMBERS = {
  at: 92, findLast: 97, findLastIndex: 97, hasOwn: 93, toSorted: 110, toReversed: 110, toSpliced: 110,
  groupBy: 117, fromAsync: 121, isWellFormed: 111, toWellFormed: 111, randomUUID: 92,
};
const NEWER_GLOBALS = { structuredClone: 98 };
const CHROMIUM = 86;

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => walk(c, visit));
    else if (v && typeof v.type === 'string') walk(v, visit);
  }
}

/** Parses `code` as an ES2019 classic script and lists newer built-ins it uses. */
function es2019Problems(code, label) {
  let ast;
  try {
    ast = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script', allowHashBang: false });
  } catch (e) {
    const line = code.split('\n')[(e.loc && e.loc.line) - 1] || '';
    return [`${label}: not ES2019 (${e.message}): ${line.trim().slice(0, 120)}`];
  }
  const out = [];
  walk(ast, (n) => {
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
      const v = NEWER_MEMBERS[n.property.name];
      if (v > CHROMIUM) out.push(`${label}: .${n.property.name} needs Chromium ${v} (line ${lineOf(code, n.start)})`);
    }
    if (n.type === 'Identifier' && NEWER_GLOBALS[n.name] > CHROMIUM) {
      out.push(`${label}: ${n.name} needs Chromium ${NEWER_GLOBALS[n.name]} (line ${lineOf(code, n.start)})`);
    }
  });
  return out;
}
const lineOf = (code, at) => code.slice(0, at).split('\n').length;

// CSS that Chromium 86 drops (version that added it); the page would still run
// but look broken, which in a meeting is nearly as bad.
const NEWER_CSS = [
  [/:is\(/, ':is()', 88], [/:where\(/, ':where()', 88], [/:has\(/, ':has()', 105],
  [/(^|[;{\s])aspect-ratio\s*:/, 'aspect-ratio', 88], [/(^|[;{\s])inset\s*:/, 'inset', 87],
  [/color-mix\(/, 'color-mix()', 111], [/@container\b/, '@container', 105], [/@layer\b/, '@layer', 99],
  [/\d(dvh|svh|lvh|dvw|svw|lvw)\b/, 'dynamic viewport units', 108], [/(^|[;{\s])accent-color\s*:/, 'accent-color', 93],
  [/overflow(-[xy])?\s*:\s*clip\b/, 'overflow: clip', 90], [/(^|[;{\s])text-wrap\s*:/, 'text-wrap', 114],
  [/(^|[;{\s])scrollbar-gutter\s*:/, 'scrollbar-gutter', 94], [/&/, 'CSS nesting (&)', 112],
  [/\(\s*(min-|max-)?(width|height)\s*[<>]=?/, 'media range syntax', 104],
];

function cssProblems(css, label) {
  // Comments and strings may say anything.
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return NEWER_CSS.filter(([re]) => re.test(bare)).map(([, name, v]) => `${label}: ${name} needs Chromium ${v}`);
}

test('every inline script parses as ES2019 and uses no built-in newer than Chromium 86', () => {
  assert.ok(inlineScripts.length >= 3, `the page inlines its scripts (found ${inlineScripts.length})`);
  const problems = [];
  inlineScripts.forEach((s, i) => {
    assert.doesNotMatch(s.attrs, /\bsrc\s*=/i, 'no script is loaded from a file');
    if (/\btype\s*=\s*["']?module/i.test(s.attrs)) problems.push(`inline script ${i}: type=module (a module cannot run from file://)`);
    const label = (s.code.match(/^\s*\/\* ([^*]+) \*\//) || [, `inline script ${i}`])[1];
    problems.push(...es2019Problems(s.code, label));
  });
  assert.deepEqual(problems, []);
});

test('every script www/index.html loads is inlined once, in the same order; no www/ file over 600 lines', () => {
  const src = read('www/index.html');
  const refs = [...src.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*\bdata-inline[^>]*><\/script>/g)].map((m) => m[1]);
  assert.ok(refs.length >= 5, `index.html loads the page's scripts (found ${refs.length})`);
  const labels = inlineScripts.map((s) => (s.code.match(/^\s*\/\* ([^*]+) \*\//) || [])[1]);
  // pkg/wuhao_wasm.js becomes the data block holding the module, and pkg/wuhao_example.json
  // the one holding the example's report (scripts/example-report.mjs), not scripts.
  assert.deepEqual(labels, refs.filter((r) => !r.endsWith('wuhao_wasm.js') && !r.endsWith('.json')));
  const blocks = allScripts.filter((s) => /\btype\s*=/i.test(s.attrs)).map((s) => s.attrs.match(/\bid="([^"]+)"/)[1]);
  assert.deepEqual(blocks, ['wuhao-wasm', 'wuhao-example'], 'the module and the example\'s report as data blocks');
  assert.doesNotThrow(() => JSON.parse(allScripts.find((s) => /id="wuhao-example"/.test(s.attrs)).code), 'the example block is JSON');
  // The page's own scripts say what they are on their first line and add no global but WH.
  for (const ref of refs.filter((r) => r.startsWith('js/'))) {
    const code = read(path.join('www', ref));
    assert.match(code.split('\n')[0], /^\/\* [\w.-]+\.js — /, `${ref} starts with a line saying what it is`);
    assert.match(code.trimEnd(), /\}\)\((window\.WH|\(window\.WH = \{\}\))\);$/, `${ref} is one function around window.WH`);
  }
  const long = [];
  const walkDir = (dir) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walkDir(rel);
      else if (read(rel).split('\n').length > 600) long.push(rel);
    }
  };
  walkDir('www');
  assert.deepEqual(long, [], 'no file in www/ over 600 lines');
});

test('the checker rejects syntax and built-ins newer than the target', () => {
  assert.equal(es2019Problems('var a = b?.c;', 'x').length, 1, 'optional chaining is ES2020');
  assert.equal(es2019Problems('var a = b ?? c;', 'x').length, 1, 'nullish coalescing is ES2020');
  assert.equal(es2019Problems('var a = 1n;', 'x').length, 1, 'BigInt literals are ES2020');
  assert.equal(es2019Problems('class A { x = 1 }', 'x').length, 1, 'class fields are ES2022');
  assert.equal(es2019Problems('var a = [1].at(-1);', 'x').length, 1, 'Array.prototype.at is Chromium 92');
  assert.equal(es2019Problems('var a = structuredClone(b);', 'x').length, 1, 'structuredClone is Chromium 98');
  assert.deepEqual(es2019Problems('var a = async function () { try { await b; } catch { } }; var c = {...d};', 'x'), []);
  assert.equal(cssProblems('.a:is(.b) { color: red }', 'x').length, 1);
  assert.equal(cssProblems('.a { inset: 0 }', 'x').length, 1);
  assert.deepEqual(cssProblems('.a { gap: 4px; content: "&:is(" } /* :has( */', 'x'), []);
});

test('the CSS uses nothing Chromium 86 ignores', () => {
  assert.ok(inlineStyles.length >= 1, 'the page inlines its style sheet');
  const problems = inlineStyles.flatMap((css, i) => cssProblems(css, `inline style ${i}`));
  assert.deepEqual(problems, []);
});

test('the page names nothing outside itself', () => {
  const refs = [...markup.matchAll(/\b(src|href|action|formaction|poster|data)\s*=\s*["']([^"']*)["']/gi)]
    .map((m) => m[2])
    .filter((u) => !/^(#|data:|blob:)/i.test(u));
  assert.deepEqual(refs, []);
  const cssUrls = inlineStyles.flatMap((css) => [...css.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1])).filter((u) => !/^(data:|#)/i.test(u));
  assert.deepEqual(cssUrls, []);
  assert.doesNotMatch(markup, /<(iframe|object|embed|base)\b/i);
  assert.doesNotMatch(markup, /\s(popover|inert)\b(?=[\s>=])/i, 'no HTML attributes Chromium 86 lacks');
});

test('the Content-Security-Policy allows no network and comes first in <head>', () => {
  const m = html.match(/<head\b[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/i);
  assert.ok(m, 'the CSP meta is the first element in <head>');
  const directives = Object.fromEntries(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'none'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  // Chromium before 97 compiles WebAssembly under a CSP only with 'unsafe-eval'.
  assert.ok(directives['script-src'].includes("'unsafe-eval'") && directives['script-src'].includes("'wasm-unsafe-eval'"));
  // The page's own inline scripts run by their hashes; nothing else inline (no injected handler) may.
  assert.ok(!directives['script-src'].includes("'unsafe-inline'"), "script-src has no 'unsafe-inline'");
  const hashes = inlineScripts.map((sc) => `'sha256-${createHash('sha256').update(sc.code, 'utf8').digest('base64')}'`);
  assert.deepEqual(directives['script-src'].filter((x) => x.startsWith("'sha256-")), hashes, 'one hash per inline script, in order');
  assert.doesNotMatch(markup, /\son[a-z]+\s*=/i, 'no inline event handler in the markup');
  for (const [k, v] of Object.entries(directives)) {
    for (const source of v) {
      assert.match(source, /^('[a-z-]+'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/, `${k} allows only keywords, script hashes, data: and blob:, not ${source}`);
    }
  }
  assert.equal((html.match(/Content-Security-Policy/g) || []).length, 1, 'exactly one policy');
});

test('the wasm inside the page is the built module and uses only Chromium 86 features', () => {
  const m = html.match(/<script type="application\/octet-stream" id="wuhao-wasm">([A-Za-z0-9+/=]+)<\/script>/);
  assert.ok(m, 'the page carries the wasm as base64 in a data block, outside executed script');
  const packed = Buffer.from(m[1], 'base64');
  assert.deepEqual([...packed.subarray(0, 2)], [0x1f, 0x8b], 'the module is shipped gzipped');
  const bytes = gunzipSync(packed);
  assert.ok(bytes.equals(readFileSync(path.join(ROOT, 'pkg/wuhao_bg.wasm'))), 'the same bytes as pkg/wuhao_bg.wasm');
  const { ok, violations } = checkModule(bytes);
  assert.deepEqual(violations.slice(0, 20), []);
  assert.ok(ok);
  assert.ok(WebAssembly.validate(bytes), 'the module is valid wasm');
});
