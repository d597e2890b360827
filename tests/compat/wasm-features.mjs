// Checks that a WebAssembly module uses only the features that Chromium 86-class
// engines (360安全浏览器, QQ浏览器 and other office browsers) run: the MVP plus
// mutable-globals, sign-ext, nontrapping-fptoint and bulk-memory.
//
// WebAssembly.validate is not enough here, because the engine running this check
// (Node, a new V8) accepts much more than the old engines do. So this walks every
// section and every instruction and reports each use of anything else:
// reference types (externref, funcref values, table.* instructions, several
// tables), multi-value (several results, type-indexed blocks), SIMD, threads,
// exceptions, tail calls, GC, memory64, multi-memory, extended constants.
//
// Usage as a command: node tests/compat/wasm-features.mjs FILE.wasm [...]
// Exits 1 and lists the offending places when a module is not compatible.
// As a module: checkModule(bytes) -> { ok, violations: [string], features: [string] }.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The feature set the shipped page may use. */
export const ALLOWED = ['mvp', 'mutable-globals', 'sign-ext', 'nontrapping-fptoint', 'bulk-memory'];

const NUM_TYPES = new Map([[0x7f, 'i32'], [0x7e, 'i64'], [0x7d, 'f32'], [0x7c, 'f64']]);

const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag',
];

class Reader {
  constructor(bytes, pos = 0, end = bytes.length) {
    this.b = bytes;
    this.pos = pos;
    this.end = end;
  }
  eof() {
    return this.pos >= this.end;
  }
  byte() {
    if (this.pos >= this.end) throw new Error(`unexpected end of data at byte ${this.pos}`);
    return this.b[this.pos++];
  }
  u32() {
    // LEB128, at most 5 bytes; values above 2^32 do not occur in valid modules.
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
    }
    throw new Error(`LEB128 too long at byte ${this.pos}`);
  }
  sleb(maxBytes) {
    // Only skipped: constants' values do not matter for feature detection.
    for (let i = 0; i < maxBytes; i++) {
      if ((this.byte() & 0x80) === 0) return;
    }
    throw new Error(`signed LEB128 too long at byte ${this.pos}`);
  }
  skip(n) {
    if (this.pos + n > this.end) throw new Error(`unexpected end of data at byte ${this.pos}`);
    this.pos += n;
  }
  name() {
    const n = this.u32();
    const start = this.pos;
    this.skip(n);
    return Buffer.from(this.b.subarray(start, start + n)).toString('utf8');
  }
}

/** Walks a module and returns the features it uses beyond ALLOWED, with places. */
export function checkModule(input) {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const violations = [];
  const used = new Set(['mvp']);
  const bad = (feature, where) => violations.push(`${feature}: ${where}`);
  const r = new Reader(bytes);

  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (let i = 0; i < magic.length; i++) {
    if (r.byte() !== magic[i]) return { ok: false, violations: ['not a WebAssembly version 1 module'], features: [] };
  }

  let tables = 0;
  let memories = 0;
  let importedFuncs = 0;
  let targetFeatures = null;

  const valtype = (t, where) => {
    if (NUM_TYPES.has(t)) return;
    if (t === 0x7b) bad('simd', `${where} uses v128`);
    else if (t === 0x70 || t === 0x6f) bad('reference-types', `${where} uses ${t === 0x70 ? 'funcref' : 'externref'} as a value`);
    else bad('unknown value type', `${where} uses type 0x${t.toString(16)}`);
  };
  const limits = (rd, where, isMemory) => {
    const flags = rd.byte();
    if (flags > 1) {
      if (isMemory && (flags & 2)) bad('threads', `${where} is a shared memory`);
      if (isMemory && (flags & 4)) bad('memory64', `${where} is a 64-bit memory`);
      if (!isMemory || flags & ~7) bad('unknown limits', `${where} has limit flags 0x${flags.toString(16)}`);
    }
    rd.u32();
    if (flags & 1) rd.u32();
  };
  const tableType = (rd, where) => {
    const t = rd.byte();
    if (t !== 0x70) bad('reference-types', `${where} is a table of type 0x${t.toString(16)} (only funcref tables are MVP)`);
    limits(rd, where, false);
    tables++;
  };
  // A constant expression as MVP allows it: one constant or global.get, then end.
  const constExpr = (rd, where) => {
    let n = 0;
    for (;;) {
      const op = rd.byte();
      if (op === 0x0b) break;
      n++;
      if (op === 0x41) rd.sleb(5);
      else if (op === 0x42) rd.sleb(10);
      else if (op === 0x43) rd.skip(4);
      else if (op === 0x44) rd.skip(8);
      else if (op === 0x23) rd.u32();
      else if (op === 0xd0 || op === 0xd2) {
        bad('reference-types', `${where} uses ref.${op === 0xd0 ? 'null' : 'func'}`);
        rd.u32();
      } else if (op >= 0x6a && op <= 0x7e) bad('extended-const', `${where} uses arithmetic`);
      else {
        bad('unknown constant', `${where} uses opcode 0x${op.toString(16)}`);
        return;
      }
    }
    if (n > 1) bad('extended-const', `${where} has ${n} instructions`);
  };

  const sections = {
    1(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        const form = rd.byte();
        if (form !== 0x60) {
          bad('gc', `type ${i} has form 0x${form.toString(16)}`);
          return;
        }
        const params = rd.u32();
        for (let p = 0; p < params; p++) valtype(rd.byte(), `type ${i} parameter ${p}`);
        const results = rd.u32();
        if (results > 1) bad('multi-value', `type ${i} has ${results} results`);
        for (let p = 0; p < results; p++) valtype(rd.byte(), `type ${i} result ${p}`);
      }
    },
    2(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        const where = `import "${rd.name()}"."${rd.name()}"`;
        const kind = rd.byte();
        if (kind === 0) {
          rd.u32();
          importedFuncs++;
        } else if (kind === 1) tableType(rd, where);
        else if (kind === 2) {
          limits(rd, where, true);
          memories++;
        } else if (kind === 3) {
          valtype(rd.byte(), where);
          if (rd.byte() === 1) used.add('mutable-globals');
        } else if (kind === 4) {
          bad('exceptions', `${where} imports a tag`);
          return;
        } else {
          bad('unknown import', `${where} has kind ${kind}`);
          return;
        }
      }
    },
    4(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) tableType(rd, `table ${i}`);
    },
    5(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        limits(rd, `memory ${i}`, true);
        memories++;
      }
    },
    6(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        valtype(rd.byte(), `global ${i}`);
        rd.byte();
        constExpr(rd, `global ${i} initializer`);
      }
    },
    7(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        const name = rd.name();
        const kind = rd.byte();
        rd.u32();
        if (kind > 3) bad(kind === 4 ? 'exceptions' : 'unknown export', `export "${name}" has kind ${kind}`);
      }
    },
    9(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        const flags = rd.u32();
        const where = `element segment ${i}`;
        if (flags === 0) {
          constExpr(rd, `${where} offset`);
        } else if (flags === 1) {
          used.add('bulk-memory');
          if (rd.byte() !== 0) bad('reference-types', `${where} has a non-function element kind`);
        } else {
          // Flags 2-7 carry table indices or element expressions (reference types).
          bad('reference-types', `${where} has flags ${flags}`);
          return;
        }
        const n = rd.u32();
        for (let k = 0; k < n; k++) rd.u32();
      }
    },
    10(rd) {
      const count = rd.u32();
      for (let f = 0; f < count; f++) {
        const size = rd.u32();
        const end = rd.pos + size;
        const body = new Reader(bytes, rd.pos, end);
        codeBody(body, `function ${importedFuncs + f}`);
        rd.pos = end;
      }
    },
    11(rd) {
      const count = rd.u32();
      for (let i = 0; i < count; i++) {
        const flags = rd.u32();
        const where = `data segment ${i}`;
        if (flags === 0) constExpr(rd, `${where} offset`);
        else if (flags === 1) used.add('bulk-memory');
        else if (flags === 2) {
          const mem = rd.u32();
          if (mem !== 0) bad('multi-memory', `${where} targets memory ${mem}`);
          constExpr(rd, `${where} offset`);
        } else {
          bad('unknown data segment', `${where} has flags ${flags}`);
          return;
        }
        rd.skip(rd.u32());
      }
    },
    12() {
      used.add('bulk-memory');
    },
    13() {
      bad('exceptions', 'module has a tag section');
    },
  };

  const blockType = (rd, where) => {
    const t = rd.b[rd.pos];
    if (t === 0x40 || NUM_TYPES.has(t)) {
      rd.pos++;
      return;
    }
    if (t === 0x7b || t === 0x70 || t === 0x6f) {
      rd.pos++;
      valtype(t, `${where} block type`);
      return;
    }
    bad('multi-value', `${where} has a block typed by a type index`);
    rd.sleb(5);
  };
  const memarg = (rd, where) => {
    const align = rd.u32();
    if (align & 0x40) {
      bad('multi-memory', `${where} names a memory`);
      rd.u32();
    }
    rd.u32();
  };
  // Old engines read these reserved immediates as one byte that must be 0x00; a
  // longer LEB128 (even one that means 0, as LLVM pads relocated indices) or
  // another index is the newer encoding that only reference-types or
  // multi-memory engines accept.
  const zeroByte = (rd, feature, where) => {
    const start = rd.pos;
    const x = rd.u32();
    if (x !== 0 || rd.pos - start !== 1) bad(feature, `${where} names index ${x} in ${rd.pos - start} bytes`);
  };

  function codeBody(rd, fn) {
    const groups = rd.u32();
    for (let g = 0; g < groups; g++) {
      rd.u32();
      valtype(rd.byte(), `${fn} local group ${g}`);
    }
    while (!rd.eof()) {
      const at = rd.pos;
      const op = rd.byte();
      const where = `${fn} at byte ${at}`;
      if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b) continue;
      if (op >= 0x02 && op <= 0x04) blockType(rd, where);
      else if (op === 0x0c || op === 0x0d || op === 0x10 || (op >= 0x20 && op <= 0x24)) rd.u32();
      else if (op === 0x0e) {
        const n = rd.u32();
        for (let i = 0; i <= n; i++) rd.u32();
      } else if (op === 0x11) {
        rd.u32();
        zeroByte(rd, 'reference-types', `${where} call_indirect`);
      } else if (op >= 0x28 && op <= 0x3e) memarg(rd, where);
      else if (op === 0x3f || op === 0x40) zeroByte(rd, 'multi-memory', `${where} memory.size/grow`);
      else if (op === 0x41) rd.sleb(5);
      else if (op === 0x42) rd.sleb(10);
      else if (op === 0x43) rd.skip(4);
      else if (op === 0x44) rd.skip(8);
      else if (op >= 0x45 && op <= 0xbf) continue;
      else if (op >= 0xc0 && op <= 0xc4) used.add('sign-ext');
      else if (op === 0xfc) {
        const sub = rd.u32();
        if (sub <= 7) used.add('nontrapping-fptoint');
        else if (sub === 8) {
          used.add('bulk-memory');
          rd.u32();
          zeroByte(rd, 'multi-memory', `${where} memory.init`);
        } else if (sub === 9 || sub === 13) {
          used.add('bulk-memory');
          rd.u32();
        } else if (sub === 10) {
          used.add('bulk-memory');
          zeroByte(rd, 'multi-memory', `${where} memory.copy`);
          zeroByte(rd, 'multi-memory', `${where} memory.copy`);
        } else if (sub === 11) {
          used.add('bulk-memory');
          zeroByte(rd, 'multi-memory', `${where} memory.fill`);
        } else if (sub === 12 || sub === 14) {
          used.add('bulk-memory');
          rd.u32();
          rd.u32();
        } else {
          bad(sub <= 17 ? 'reference-types' : 'unknown', `${where} uses 0xfc ${sub}`);
          return;
        }
      } else {
        // Everything else is outside the allowed set; name the feature and stop
        // reading this body, since the immediates of unknown opcodes are unknown.
        const names = {
          0x06: 'exceptions', 0x07: 'exceptions', 0x08: 'exceptions', 0x09: 'exceptions', 0x0a: 'exceptions',
          0x18: 'exceptions', 0x19: 'exceptions', 0x1f: 'exceptions',
          0x12: 'tail-call', 0x13: 'tail-call', 0x14: 'function-references', 0x15: 'function-references',
          0x1c: 'reference-types', 0x25: 'reference-types', 0x26: 'reference-types',
          0xd0: 'reference-types', 0xd1: 'reference-types', 0xd2: 'reference-types',
          0xfb: 'gc', 0xfd: 'simd', 0xfe: 'threads',
        };
        bad(names[op] || 'unknown opcode', `${where} uses opcode 0x${op.toString(16)}`);
        return;
      }
    }
  }

  try {
    let lastId = 0;
    while (!r.eof()) {
      const id = r.byte();
      const size = r.u32();
      const start = r.pos;
      const rd = new Reader(bytes, start, start + size);
      if (start + size > bytes.length) throw new Error(`section ${id} runs past the end`);
      if (id === 0) {
        const name = rd.name();
        if (name === 'target_features') targetFeatures = bytes.subarray(rd.pos, start + size);
      } else if (id > 13) {
        bad('unknown section', `section id ${id}`);
      } else {
        if (id !== 12 && id !== 13 && id < lastId) throw new Error(`section ${SECTION_NAMES[id]} out of order`);
        lastId = Math.max(lastId, id === 12 || id === 13 ? lastId : id);
        if (sections[id]) sections[id](rd);
      }
      r.pos = start + size;
    }
  } catch (e) {
    violations.push(`malformed module: ${e.message}`);
  }

  if (tables > 1) bad('reference-types', `${tables} tables`);
  if (memories > 1) bad('multi-memory', `${memories} memories`);
  if (targetFeatures) {
    // LLVM's record of what the module was compiled for: a "+" entry is a feature
    // the code may rely on. Anything outside the allowed set fails too.
    const rd = new Reader(targetFeatures);
    try {
      const n = rd.u32();
      for (let i = 0; i < n; i++) {
        const prefix = String.fromCharCode(rd.byte());
        const name = rd.name();
        const known = ['mutable-globals', 'sign-ext', 'nontrapping-fptoint', 'bulk-memory', 'bulk-memory-opt'];
        if (prefix === '+' && !known.includes(name)) bad(name, 'listed as used in the target_features section');
      }
    } catch (e) {
      violations.push(`malformed target_features section: ${e.message}`);
    }
  }
  return { ok: violations.length === 0, violations, features: [...used] };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node tests/compat/wasm-features.mjs FILE.wasm [...]');
    process.exit(2);
  }
  let failed = false;
  for (const f of files) {
    const { ok, violations, features } = checkModule(readFileSync(f));
    if (ok) {
      console.log(`${f}: compatible (uses ${features.join(', ')}; allowed: ${ALLOWED.join(', ')})`);
    } else {
      failed = true;
      console.error(`${f}: NOT compatible with Chromium 86-class engines:`);
      const shown = violations.slice(0, 30);
      for (const v of shown) console.error(`  ${v}`);
      if (violations.length > shown.length) console.error(`  … and ${violations.length - shown.length} more`);
    }
  }
  process.exit(failed ? 1 : 0);
}
