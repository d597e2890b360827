// Tests for the wasm feature validator on small hand-built modules: each case is a
// module that either stays inside the Chromium 86 feature set or uses exactly one
// feature beyond it, so the validator's verdict can be checked both ways.

import test from 'node:test';
import assert from 'node:assert/strict';
import { checkModule } from './wasm-features.mjs';

const I32 = 0x7f;
const EXTERNREF = 0x6f;

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
const section = (id, body) => [id, ...uleb(body.length), ...body];
const vec = (items) => [...uleb(items.length), ...items.flat()];

/**
 * A module with the given function types, one memory, an optional table section
 * and one function (type 0) whose body is `code` (without the final end).
 */
function module({ types = [[[], []]], code = [], locals = [], tables = null, extra = [] }) {
  const typeSec = section(1, vec(types.map(([p, r]) => [0x60, ...vec(p.map((t) => [t])), ...vec(r.map((t) => [t]))])));
  const funcSec = section(3, vec([[0]]));
  const tableSec = tables ? section(4, vec(tables.map((t) => [t, 0x00, 0x01]))) : [];
  const memSec = section(5, vec([[0x00, 0x01]]));
  const body = [...vec(locals.map((t) => [1, t])), ...code, 0x0b];
  const codeSec = section(10, vec([[...uleb(body.length), ...body]]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...typeSec, ...funcSec, ...tableSec, ...memSec, ...extra, ...codeSec]);
}

/** Checks one case: `want` is null for "compatible", else the feature named first. */
function check(name, bytes, want) {
  test(name, () => {
    const { ok, violations } = checkModule(bytes);
    if (want === null) {
      assert.deepEqual(violations, []);
      assert.equal(ok, true);
      // The case must also be a real module, or the verdict means nothing.
      assert.equal(WebAssembly.validate(bytes), true, 'hand-built module is valid wasm');
    } else {
      assert.equal(ok, false);
      assert.ok(violations.length > 0);
      assert.ok(violations[0].startsWith(want), `first violation is ${want}: ${violations.join('; ')}`);
    }
  });
}

check('empty MVP function', module({}), null);
check('i32 arithmetic and a block with a value', module({
  code: [0x02, I32, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b, 0x1a],
}), null);
check('sign extension', module({ code: [0x41, 0x05, 0xc0, 0x1a] }), null);
check('saturating float to int', module({ code: [0x43, 0, 0, 0, 0, 0xfc, 0x00, 0x1a] }), null);
check('memory.copy and memory.fill', module({
  code: [0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0a, 0x00, 0x00, 0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0b, 0x00],
}), null);
check('call_indirect through the one funcref table', module({
  tables: [0x70],
  code: [0x41, 0x00, 0x11, 0x00, 0x00],
}), null);

check('two results', module({ types: [[[], []], [[], [I32, I32]]] }), 'multi-value');
check('block typed by a type index', module({
  types: [[[], []], [[I32], [I32]]],
  code: [0x41, 0x01, 0x02, 0x01, 0x0b, 0x1a],
}), 'multi-value');
check('externref parameter', module({ types: [[[EXTERNREF], []]] }), 'reference-types');
check('externref table', module({ tables: [EXTERNREF] }), 'reference-types');
check('two funcref tables', module({ tables: [0x70, 0x70] }), 'reference-types');
check('ref.null in code', module({ code: [0xd0, 0x70, 0x1a] }), 'reference-types');
check('table.grow', module({ tables: [0x70], code: [0xd0, 0x70, 0x41, 0x01, 0xfc, 0x0f, 0x00, 0x1a] }), 'reference-types');
check('call_indirect with a padded table index', module({
  tables: [0x70],
  code: [0x41, 0x00, 0x11, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00],
}), 'reference-types');
check('simd constant', module({ code: [0xfd, 0x0c, ...new Array(16).fill(0), 0x1a] }), 'simd');
check('v128 local', module({ locals: [0x7b] }), 'simd');
check('tail call', module({ code: [0x12, 0x00] }), 'tail-call');
check('exception tag section', module({ extra: section(13, vec([[0x00, 0x00]])) }), 'exceptions');
check('shared memory', (() => {
  const m = module({});
  // Rebuild with a shared memory: limits flag 3 (max present, shared).
  const bytes = [...m];
  const at = bytes.indexOf(0x05, 8);
  bytes.splice(at, 5, 0x05, 0x04, 0x01, 0x03, 0x01, 0x01);
  return new Uint8Array(bytes);
})(), 'threads');
check('not wasm at all', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'not a WebAssembly version 1 module');
