// `Constant.value` in `hotspy ast` JSON must be byte-identical to what the CPython oracle writes:
// Python's repr for big ints, inf, complex, bytes and Ellipsis, Python's float formatting, and
// json.dumps's ASCII escaping of strings (lone surrogates included). Checked against CPython 3.13.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { astToJson } from '../../src/parse/ast-json.js';
import type { Constant, ConstantValue } from '../../src/parse/ast.js';
import { oracleDir, requirePython, ORACLE_VERSION } from './pythons.js';

type Probe = { k: 'float'; bits: string } | { k: 'complex'; bits: string } | { k: 'bytes'; hex: string } | { k: 'str'; units: number[] } | { k: 'int'; dec: string };

// Deterministic pseudo-random numbers, so a failure reproduces.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function bitsOf(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

function probes(): Probe[] {
  const rand = rng(20261124);
  const floats = [
    0, 1, 1.5, 0.1, 0.2, 0.30000000000000004, 1e16, 1e15, 9999999999999998, 1e17, 123456789012345678, 0.0001, 0.00001,
    0.000123, 1e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e22, 1e21, 1e300, 100, 1e100, 12345.678,
    Infinity, 3.141592653589793, 2 ** 53, 2 ** 63, 1 / 3,
  ];
  for (let i = 0; i < 3000; i++) {
    // Random bit patterns cover every exponent; random "human" decimals cover short digit strings.
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, (rand() * 2 ** 32) >>> 0);
    view.setUint32(4, (rand() * 2 ** 32) >>> 0);
    const x = Math.abs(view.getFloat64(0));
    if (Number.isFinite(x)) floats.push(x);
    floats.push(Number((rand() * 10 ** Math.floor(rand() * 40 - 20)).toPrecision(1 + Math.floor(rand() * 17))));
  }
  const out: Probe[] = [];
  for (const x of floats) out.push({ k: 'float', bits: bitsOf(x) });
  for (const x of floats.slice(0, 400)) out.push({ k: 'complex', bits: bitsOf(x) });
  const byteCases: number[][] = [[], [0x27], [0x22], [0x27, 0x22], [0x5c], [9, 10, 13, 0, 0x7f, 0x80, 0xff, 0x20, 0x7e], [0x61, 0x27, 0x62]];
  for (let i = 0; i < 500; i++) byteCases.push(Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 256)));
  for (const b of byteCases) out.push({ k: 'bytes', hex: Buffer.from(b).toString('hex') });
  const unitPool = [0x41, 0x22, 0x5c, 0x2f, 0x0a, 0x09, 0x08, 0x0c, 0x0d, 0x00, 0x1f, 0x7f, 0x80, 0xe9, 0x2028, 0xfeff, 0xd83d, 0xde00, 0xdc80, 0xffff];
  for (let i = 0; i < 500; i++) out.push({ k: 'str', units: Array.from({ length: Math.floor(rand() * 8) }, () => unitPool[Math.floor(rand() * unitPool.length)]!) });
  const ints = ['0', '1', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740992', '123456789012345678901234567890', (2n ** 200n).toString()];
  for (const dec of ints) out.push({ k: 'int', dec });
  return out;
}

const PYTHON_SIDE = `
import json, struct, sys
sys.path.insert(0, sys.argv[1])
import dump_ast
def value(p):
    k = p["k"]
    if k == "float": return struct.unpack(">d", bytes.fromhex(p["bits"]))[0]
    if k == "complex": return complex(0, struct.unpack(">d", bytes.fromhex(p["bits"]))[0])
    if k == "bytes": return bytes.fromhex(p["hex"])
    if k == "str": return "".join(map(chr, p["units"]))
    return int(p["dec"])
out = [json.dumps(dump_ast.constant(value(p)), separators=(",", ":")) for p in json.load(sys.stdin)]
out.append(json.dumps(dump_ast.constant(...), separators=(",", ":")))
json.dump(out, sys.stdout)
`;

function ourValue(p: Probe): ConstantValue {
  switch (p.k) {
    case 'float':
      return { kind: 'float', value: fromBits(p.bits) };
    case 'complex':
      return { kind: 'complex', real: 0, imag: fromBits(p.bits) };
    case 'bytes':
      return { kind: 'bytes', bytes: new Uint8Array(Buffer.from(p.hex, 'hex')) };
    case 'str':
      return String.fromCharCode(...p.units);
    case 'int': {
      const n = BigInt(p.dec);
      return n > -(2n ** 53n) && n < 2n ** 53n ? Number(n) : n;
    }
  }
}

function constantJson(value: ConstantValue): string {
  const node: Constant = { _type: 'Constant', value, kind: null, lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 1 };
  const json = astToJson(node, { ascii: true });
  const m = /^\{"_type":"Constant","value":(.*),"kind":null,"lineno":1,"col_offset":0,"end_lineno":1,"end_col_offset":1\}$/s.exec(json);
  assert.ok(m, `unexpected Constant JSON shape: ${json}`);
  return m[1]!;
}

test('Constant values serialize exactly as CPython 3.13 reprs and json.dumps them', () => {
  const python = requirePython(ORACLE_VERSION);
  const all = probes();
  const expected = JSON.parse(
    execFileSync(python, ['-c', PYTHON_SIDE, oracleDir()], { input: JSON.stringify(all), encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as string[];
  assert.equal(expected.length, all.length + 1);
  const wrong: string[] = [];
  all.forEach((p, i) => {
    const ours = constantJson(ourValue(p));
    if (ours !== expected[i]) wrong.push(`${JSON.stringify(p)}: hotspy ${ours} | CPython ${expected[i]}`);
  });
  const ellipsis = constantJson({ kind: 'ellipsis' });
  if (ellipsis !== expected[all.length]) wrong.push(`Ellipsis: hotspy ${ellipsis} | CPython ${expected[all.length]}`);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${all.length + 1} constants differ`);
});
