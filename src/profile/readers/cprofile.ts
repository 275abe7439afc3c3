// Reads cProfile / profile / pstats stats files (`python -m cProfile -o`, `Profile.dump_stats`,
// `pstats.Stats.dump_stats`, `python -m profile -o`, pyinstrument `-r pstats`), Python 3.8–3.13.
// Spec: shared/docs/profile-formats.md §1. Fills per-function self (tottime) and total
// (cumtime), call counts (nc, cc) and caller edges with their 4 numbers, exactly as pstats
// holds them; no lines, no samples. The pure-Python `profile` module's edges have counts only.
import { FunctionTableBuilder } from '../builders.js';
import { ProfileFormatError } from '../errors.js';
import type { FrameKind, Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { loadMarshal, MarshalError, type MarshalCode, type MarshalValue } from './marshal.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

interface Key {
  file: string;
  line: number;
  name: string;
  kind: FrameKind;
  id: string;
}

export const cprofileReader: ProfileReader = {
  id: 'cprofile',
  displayName: 'cProfile / pstats (marshal)',
  nameHints: ['.prof', '.pstats', '.cprof', '.profile', '.stats'],

  sniff(probe: Probe): SniffResult {
    const b = probe.head;
    if (b.length < 2 || (b[0]! & 0x7f) !== 0x7b) return 'no';
    // '{' then either the dict terminator (empty stats) or a key: a 3-item small tuple.
    if (b[1] === 0x30) return b.length === 2 ? 'mine' : 'no';
    if ((b[1]! & 0x7f) === 0x29 && b[2] === 3) return 'mine';
    if ((b[1]! & 0x7f) === 0x28) return 'maybe';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const name = source.name;
    const bytes = source.bytes();
    if (bytes.length === 0) throw new ProfileFormatError(name, 'empty file');
    let root: MarshalValue;
    try {
      root = loadMarshal(bytes);
    } catch (err) {
      if (err instanceof MarshalError) throw new ProfileFormatError(name, `not a readable stats file: marshal data ${err.message}`);
      throw err;
    }
    return buildStats(root, name, bytes.length);
  },
};

function buildStats(root: MarshalValue, file: string, size: number): Profile {
  const fail = (reason: string): never => {
    throw new ProfileFormatError(file, reason);
  };
  if (!isDict(root)) fail(`not a stats file: top-level object is ${describe(root)}, expected a dict`);
  const top = root as { entries: Array<[MarshalValue, MarshalValue]> };

  // Python dict semantics: a repeated key keeps its first position and takes the last value.
  const rows = new Map<string, { key: Key; value: MarshalValue }>();
  top.entries.forEach(([k, v], i) => {
    const key = parseKey(k, `entry ${i + 1}`, fail);
    const known = rows.get(key.id);
    if (known) known.value = v;
    else rows.set(key.id, { key, value: v });
  });

  const builder = new FunctionTableBuilder();
  let total = 0;
  let totalCalls = 0;
  let primitiveCalls = 0;
  let countsUnknown = 0;
  let intEdges = 0;
  let tupleEdges = 0;
  let sawTilde = false;
  let sawProfileRoot = false;
  // A hostile file can share one huge callers dict among many rows through references;
  // bound the work by the file size so that cannot turn into a hang.
  let budget = 16 * size + 100_000;
  let index = 0;
  for (const { key, value } of rows.values()) {
    index++;
    const where = `entry ${index} (${key.file}:${key.line}(${key.name}))`;
    if (!Array.isArray(value) || value.length !== 5) fail(`${where}: value is ${describe(value)}, expected a 5-tuple (cc, nc, tt, ct, callers)`);
    const [ccV, ncV, ttV, ctV, callersV] = value as MarshalValue[];
    const cc = count(ccV, `${where}: primitive call count`, fail);
    const nc = count(ncV, `${where}: call count`, fail);
    const tt = time(ttV, `${where}: tottime`, fail);
    const ct = time(ctV, `${where}: cumtime`, fail);
    if (!isDict(callersV)) fail(`${where}: callers is ${describe(callersV)}, expected a dict`);
    if (key.file === '~') sawTilde = true;
    if (key.kind === 'synthetic') sawProfileRoot = true;
    total += tt;
    totalCalls += nc;
    primitiveCalls += cc;
    const known = cc >= 0 && nc >= 0;
    if (!known) countsUnknown++;
    const frame = builder.frame(key.name, key.file, key.line, key.kind);
    const row = builder.addFunction({ frame, self: tt, total: ct, ...(known ? { calls: nc, primitiveCalls: cc } : {}) });

    const callerRows = new Map<string, { key: Key; value: MarshalValue }>();
    const entries = (callersV as { entries: Array<[MarshalValue, MarshalValue]> }).entries;
    budget -= entries.length + 1;
    if (budget < 0) fail(`${where}: more caller entries than a file of ${size} bytes can hold (shared references?)`);
    entries.forEach(([k, v], j) => {
      const ck = parseKey(k, `${where}: caller ${j + 1}`, fail);
      const prev = callerRows.get(ck.id);
      if (prev) prev.value = v;
      else callerRows.set(ck.id, { key: ck, value: v });
    });
    let j = 0;
    for (const { key: ck, value: cv } of callerRows.values()) {
      j++;
      const cwhere = `${where}: caller ${j}`;
      const caller = builder.frame(ck.name, ck.file, ck.line, ck.kind);
      if (Array.isArray(cv)) {
        if (cv.length !== 4) fail(`${cwhere}: value is a ${cv.length}-tuple, expected (nc, cc, tt, ct)`);
        const enc = count(cv[0]!, `${cwhere}: call count`, fail);
        const ecc = count(cv[1]!, `${cwhere}: primitive call count`, fail);
        const ett = time(cv[2]!, `${cwhere}: tottime`, fail);
        const ect = time(cv[3]!, `${cwhere}: cumtime`, fail);
        tupleEdges++;
        const edgeKnown = enc >= 0 && ecc >= 0;
        builder.addCaller(row, { caller, self: ett, total: ect, ...(edgeKnown ? { calls: enc, primitiveCalls: ecc } : {}) });
      } else {
        const calls = count(cv, `${cwhere}: call count`, fail);
        intEdges++;
        builder.addCaller(row, { caller, calls });
      }
    }
  }

  const producer = sawTilde ? 'cProfile' : sawProfileRoot || intEdges > 0 ? 'profile' : countsUnknown > 0 && countsUnknown === rows.size ? 'pyinstrument' : 'cProfile';
  const sampled = rows.size > 0 && countsUnknown === rows.size;
  return builder.build(
    {
      format: 'cprofile',
      kind: sampled ? 'sampled' : 'deterministic',
      unit: 'seconds',
      metric: 'time',
      metadata: {
        producer,
        total_calls: totalCalls,
        primitive_calls: primitiveCalls,
        ...(tupleEdges > 0 && intEdges > 0 ? { edge_shapes: 'mixed' } : {}),
      },
    },
    total,
  );
}

function parseKey(k: MarshalValue, where: string, fail: (r: string) => never): Key {
  if (!Array.isArray(k) || k.length !== 3) return fail(`${where}: key is ${describe(k)}, expected (filename, line, name)`);
  const [f, l, n] = k as MarshalValue[];
  if (typeof f !== 'string') return fail(`${where}: filename is ${describe(f)}, expected a string`);
  if (typeof l !== 'number' || !Number.isInteger(l)) return fail(`${where}: line is ${describe(l)}, expected an int`);
  let name: string;
  if (typeof n === 'string') name = n;
  else if (isCode(n)) name = `<code object ${n.name}, file ${JSON.stringify(n.filename)}, line ${n.firstlineno}>`;
  else return fail(`${where}: function name is ${describe(n)}, expected a string`);
  let kind: FrameKind = 'python';
  if (l === 0 && (f === '~' || f === '' || f === '<built-in>')) kind = 'builtin';
  else if (f === 'profile' && l === 0) kind = 'synthetic';
  return { file: f, line: l, name, kind, id: `${f}\0${l}\0${name}` };
}

function count(v: MarshalValue, where: string, fail: (r: string) => never): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return fail(`${where} ${v > 0n ? 'too large' : 'too small'} (${String(v).slice(0, 30)})`);
  return fail(`${where} is ${describe(v)}, expected an int`);
}

function time(v: MarshalValue, where: string, fail: (r: string) => never): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(`${where} is ${v}, expected a finite number`);
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return fail(`${where} too large`);
  return fail(`${where} is ${describe(v)}, expected a number`);
}

function isDict(v: MarshalValue): v is { kind: 'dict'; entries: Array<[MarshalValue, MarshalValue]> } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'dict';
}

function isCode(v: MarshalValue): v is MarshalCode {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'code';
}

function describe(v: MarshalValue | undefined): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'None';
  if (Array.isArray(v)) return `a ${v.length}-tuple`;
  if (v instanceof Uint8Array) return 'bytes';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(v) ? 'an int' : 'a float';
    case 'bigint':
      return 'a large int';
    case 'boolean':
      return 'a bool';
    default:
      return `a ${v.kind}`;
  }
}
