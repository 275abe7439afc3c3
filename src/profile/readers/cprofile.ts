// Reads cProfile / profile / pstats stats files (`python -m cProfile -o`, `Profile.dump_stats`,
// `pstats.Stats.dump_stats`, `python -m profile -o`, pyinstrument `-r pstats`), Python 3.8–3.13.
// Spec: shared/docs/profile-formats.md §1. Fills per-function self (tottime) and total
// (cumtime), call counts (nc, cc) and caller edges with their 4 numbers, exactly as pstats
// holds them; no lines, no samples. The pure-Python `profile` module's edges have counts only.
import { FunctionTableBuilder } from '../builders.js';
import { ProfileFormatError } from '../errors.js';
import type { Edge, FrameKind, Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { loadMarshal, MarshalError, type MarshalCode, type MarshalDict, type MarshalValue } from './marshal.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

interface Key {
  file: string;
  line: number;
  name: string;
  kind: FrameKind;
}

export const cprofileReader: ProfileReader = {
  id: 'cprofile',
  displayName: 'cProfile / pstats (marshal)',
  nameHints: ['.prof', '.pstats', '.cprof', '.profile', '.stats'],

  sniff(probe: Probe): SniffResult {
    const b = probe.head;
    // A flagged dict (0xFB) is never valid UTF-8; a plain '{' followed by a tuple, a reference or
    // the dict terminator is never JSON. Both can only be marshal data.
    if (b[0] === 0xfb) return 'mine';
    if (b[0] !== 0x7b) return 'no';
    if (b.length === 1) return 'maybe';
    return [0x29, 0xa9, 0x28, 0xa8, 0x72, 0x30].includes(b[1]!) ? 'mine' : 'no';
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
  const top = root as MarshalDict;
  const builder = new FunctionTableBuilder();

  // Key tuples are usually shared through marshal references (callers keys point at the entry
  // keys), so cache the frame per tuple object and parse each distinct tuple once.
  const frameOfTuple = new Map<MarshalValue[], { frame: number; key: Key }>();
  const frameOf = (k: MarshalValue, where: () => string): { frame: number; key: Key } => {
    if (Array.isArray(k)) {
      const known = frameOfTuple.get(k);
      if (known) return known;
    }
    const key = parseKey(k, where, fail);
    const result = { frame: builder.frame(key.name, key.file, key.line, key.kind), key };
    if (Array.isArray(k)) frameOfTuple.set(k, result);
    return result;
  };

  // Python dict semantics: a repeated key keeps its first position and takes the last value.
  const rows: Array<{ frame: number; key: Key; value: MarshalValue }> = [];
  const rowOfFrame = new Map<number, number>();
  top.keys.forEach((k, i) => {
    const v = top.values[i]!;
    const { frame, key } = frameOf(k, () => `entry ${i + 1}`);
    const at = rowOfFrame.get(frame);
    if (at !== undefined) rows[at]!.value = v;
    else {
      rowOfFrame.set(frame, rows.length);
      rows.push({ frame, key, value: v });
    }
  });

  let total = 0;
  let totalCalls = 0;
  let primitiveCalls = 0;
  let countsUnknown = 0;
  let intEdges = 0;
  let tupleEdges = 0;
  let sawTilde = false;
  let sawProfileRoot = false;
  // A hostile file can share one huge callers dict among many rows through references, so the
  // work is bounded by the file size: an unshared caller entry takes at least 6 bytes (a 5-byte
  // reference as key, a 1-byte True as count), and no real writer shares callers dicts.
  let budget = Math.floor(size / 6) + 1000;
  // Duplicate caller keys within one dict: the last value wins, at the first position.
  const seenInRow: number[] = [];
  const edgeAt: number[] = [];
  rows.forEach(({ frame, key, value }, r) => {
    const where = () => `entry ${r + 1} (${key.file}:${key.line}(${key.name}))`;
    if (!Array.isArray(value) || value.length !== 5) fail(`${where()}: value is ${describe(value)}, expected a 5-tuple (cc, nc, tt, ct, callers)`);
    const v = value as MarshalValue[];
    const cc = count(v[0]!, () => `${where()}: primitive call count`, fail);
    const nc = count(v[1]!, () => `${where()}: call count`, fail);
    const tt = time(v[2]!, () => `${where()}: tottime`, fail);
    const ct = time(v[3]!, () => `${where()}: cumtime`, fail);
    const callersV = v[4]!;
    if (!isDict(callersV)) fail(`${where()}: callers is ${describe(callersV)}, expected a dict`);
    if (key.file === '~') sawTilde = true;
    if (key.kind === 'synthetic') sawProfileRoot = true;
    total += tt;
    totalCalls += nc;
    primitiveCalls += cc;
    const known = cc >= 0 && nc >= 0;
    if (!known) countsUnknown++;
    const row = builder.addFunction(known ? { frame, self: tt, total: ct, calls: nc, primitiveCalls: cc } : { frame, self: tt, total: ct });

    const { keys: callerKeys, values: callerValues } = callersV as MarshalDict;
    budget -= callerKeys.length + 1;
    if (budget < 0) fail(`${where()}: more caller entries than a file of ${size} bytes can hold (shared references?)`);
    for (let j = 0; j < callerKeys.length; j++) {
      const k = callerKeys[j]!;
      const cv = callerValues[j]!;
      const cwhere = () => `${where()}: caller ${j + 1}`;
      const caller = frameOf(k, cwhere).frame;
      let edge: Edge;
      if (Array.isArray(cv)) {
        if (cv.length !== 4) fail(`${cwhere()}: value is a ${cv.length}-tuple, expected (nc, cc, tt, ct)`);
        const enc = count(cv[0]!, () => `${cwhere()}: call count`, fail);
        const ecc = count(cv[1]!, () => `${cwhere()}: primitive call count`, fail);
        const ett = time(cv[2]!, () => `${cwhere()}: tottime`, fail);
        const ect = time(cv[3]!, () => `${cwhere()}: cumtime`, fail);
        tupleEdges++;
        edge = enc >= 0 && ecc >= 0
          ? { caller, callee: frame, total: ect, self: ett, calls: enc, primitiveCalls: ecc }
          : { caller, callee: frame, total: ect, self: ett };
      } else {
        intEdges++;
        edge = { caller, callee: frame, calls: count(cv, () => `${cwhere()}: call count`, fail) };
      }
      if (seenInRow[caller] === r) builder.replaceCaller(row, edgeAt[caller]!, edge);
      else {
        seenInRow[caller] = r;
        edgeAt[caller] = row.callers.length;
        builder.addCaller(row, edge);
      }
    }
  });

  const producer = sawTilde ? 'cProfile' : sawProfileRoot || intEdges > 0 ? 'profile' : countsUnknown > 0 && countsUnknown === rows.length ? 'pyinstrument' : 'cProfile';
  const sampled = rows.length > 0 && countsUnknown === rows.length;
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

function parseKey(k: MarshalValue, whereFn: () => string, fail: (r: string) => never): Key {
  if (!Array.isArray(k) || k.length !== 3) return fail(`${whereFn()}: key is ${describe(k)}, expected (filename, line, name)`);
  const [f, l, n] = k as MarshalValue[];
  if (typeof f !== 'string') return fail(`${whereFn()}: filename is ${describe(f)}, expected a string`);
  if (typeof l !== 'number' || !Number.isInteger(l)) return fail(`${whereFn()}: line is ${describe(l)}, expected an int`);
  let name: string;
  if (typeof n === 'string') name = n;
  else if (isCode(n)) name = `<code object ${n.name}, file ${JSON.stringify(n.filename)}, line ${n.firstlineno}>`;
  else return fail(`${whereFn()}: function name is ${describe(n)}, expected a string`);
  let kind: FrameKind = 'python';
  if (l === 0 && (f === '~' || f === '' || f === '<built-in>')) kind = 'builtin';
  else if (f === 'profile' && l === 0) kind = 'synthetic';
  return { file: f, line: l, name, kind };
}

function count(v: MarshalValue, where: () => string, fail: (r: string) => never): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return fail(`${where()} ${v > 0n ? 'too large' : 'too small'} (${String(v).slice(0, 30)})`);
  return fail(`${where()} is ${describe(v)}, expected an int`);
}

function time(v: MarshalValue, where: () => string, fail: (r: string) => never): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(`${where()} is ${v}, expected a finite number`);
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return fail(`${where()} too large`);
  return fail(`${where()} is ${describe(v)}, expected a number`);
}

function isDict(v: MarshalValue): v is MarshalDict {
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
