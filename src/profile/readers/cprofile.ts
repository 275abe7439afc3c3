// Reads cProfile / profile / pstats stats files (`python -m cProfile -o`, `Profile.dump_stats`,
// `pstats.Stats.dump_stats`, `python -m profile -o`, pyinstrument `-r pstats`), Python 3.8–3.13.
// Spec: shared/docs/profile-formats.md §1. Fills per-function self (tottime) and total
// (cumtime), call counts (nc, cc) and caller edges with their 4 numbers, exactly as pstats
// holds them; no lines, no samples. The pure-Python `profile` module's edges have counts only.
import { FunctionTableBuilder } from '../builders.js';
import { ProfileFormatError } from '../errors.js';
import type { Edge, FrameKind, FunctionStats, Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { loadMarshal, MarshalError, NotPlainStats, readStatsDict, type MarshalCode, type MarshalDict, type MarshalValue } from './marshal.js';
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
    // Real files take the streaming path; anything unusual (or broken) is read again by the
    // generic path, which validates every value and words the error.
    try {
      return buildStatsFast(bytes);
    } catch {
      // fall through
    }
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

/** Accumulates rows and edges into the model; shared by the fast and the generic path. */
class StatsAssembler {
  readonly builder = new FunctionTableBuilder();
  private total = 0;
  private totalCalls = 0;
  private primitiveCalls = 0;
  private countsUnknown = 0;
  private rows = 0;
  private intEdges = 0;
  private tupleEdges = 0;
  private sawTilde = false;
  private sawProfileRoot = false;

  entry(frame: number, cc: number, nc: number, tt: number, ct: number): FunctionStats {
    const key = this.builder.frames.frames[frame]!;
    if (key.file === '~') this.sawTilde = true;
    if (key.kind === 'synthetic') this.sawProfileRoot = true;
    this.rows++;
    this.total += tt;
    this.totalCalls += nc;
    this.primitiveCalls += cc;
    const known = cc >= 0 && nc >= 0;
    if (!known) this.countsUnknown++;
    return this.builder.addFunction(known ? { frame, self: tt, total: ct, calls: nc, primitiveCalls: cc } : { frame, self: tt, total: ct });
  }

  /** A `(nc, cc, tt, ct)` edge. */
  tupleEdge(caller: number, callee: number, nc: number, cc: number, tt: number, ct: number): Edge {
    this.tupleEdges++;
    return nc >= 0 && cc >= 0 ? { caller, callee, total: ct, self: tt, calls: nc, primitiveCalls: cc } : { caller, callee, total: ct, self: tt };
  }

  /** The pure-Python profile module's count-only edge. */
  countEdge(caller: number, callee: number, calls: number): Edge {
    this.intEdges++;
    return { caller, callee, calls };
  }

  finish(): Profile {
    const all = this.rows > 0 && this.countsUnknown === this.rows;
    const producer = this.sawTilde ? 'cProfile' : this.sawProfileRoot || this.intEdges > 0 ? 'profile' : all ? 'pyinstrument' : 'cProfile';
    return this.builder.build(
      {
        format: 'cprofile',
        kind: all ? 'sampled' : 'deterministic',
        unit: 'seconds',
        metric: 'time',
        metadata: {
          producer,
          total_calls: this.totalCalls,
          primitive_calls: this.primitiveCalls,
          ...(this.tupleEdges > 0 && this.intEdges > 0 ? { edge_shapes: 'mixed' } : {}),
        },
      },
      this.total,
    );
  }
}

function kindOfKey(file: string, line: number): FrameKind {
  return line === 0 && (file === '~' || file === '' || file === '<built-in>') ? 'builtin' : file === 'profile' && line === 0 ? 'synthetic' : 'python';
}

/**
 * The streaming path: entries go straight from the bytes into the model, without the
 * intermediate tuples. Throws (anything) when the file is not a plain, valid stats dict.
 */
export function buildStatsFast(bytes: Uint8Array): Profile {
  const asm = new StatsAssembler();
  const builder = asm.builder;
  const rowOf = new Set<number>();
  const seenInRow: number[] = [];
  let r = -1;
  let row: FunctionStats | undefined;
  const frameOf = (k: MarshalValue): number => {
    if (!Array.isArray(k) || k.length !== 3) throw new NotPlainStats();
    const f = k[0];
    const l = k[1];
    const n = k[2];
    if (typeof f !== 'string' || typeof n !== 'string' || typeof l !== 'number' || !Number.isInteger(l)) throw new NotPlainStats();
    return builder.frame(n, f, l, kindOfKey(f, l));
  };
  const int = (v: MarshalValue): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new NotPlainStats();
    return v;
  };
  const num = (v: MarshalValue): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new NotPlainStats();
    return v;
  };
  readStatsDict(bytes, {
    entry(key, cc, nc, tt, ct) {
      const frame = frameOf(key);
      if (rowOf.has(frame)) throw new NotPlainStats(); // duplicate key: the generic path merges
      rowOf.add(frame);
      r++;
      row = asm.entry(frame, int(cc), int(nc), num(tt), num(ct));
    },
    caller(key, nc, cc, tt, ct) {
      const caller = frameOf(key);
      if (seenInRow[caller] === r) throw new NotPlainStats();
      seenInRow[caller] = r;
      const edge = cc === undefined ? asm.countEdge(caller, row!.frame, int(nc)) : asm.tupleEdge(caller, row!.frame, int(nc), int(cc), num(tt!), num(ct!));
      builder.addCaller(row!, edge);
    },
  });
  return asm.finish();
}

export function buildStats(root: MarshalValue, file: string, size: number): Profile {
  const fail = (reason: string): never => {
    throw new ProfileFormatError(file, reason);
  };
  if (!isDict(root)) fail(`not a stats file: top-level object is ${describe(root)}, expected a dict`);
  const top = root as MarshalDict;
  const asm = new StatsAssembler();
  const builder = asm.builder;

  // Frames are interned by (file, name, line) strings that marshal mostly shares already, so
  // looking a key up allocates nothing; only a new key is validated in full.
  const frames = builder.frames.frames;
  const frameOf = (k: MarshalValue, entry: number, caller: number): number => {
    if (Array.isArray(k) && k.length === 3) {
      const f = k[0];
      const l = k[1];
      const n = k[2];
      if (typeof f === 'string' && typeof n === 'string' && typeof l === 'number' && Number.isInteger(l)) {
        return builder.frame(n, f, l, kindOfKey(f, l));
      }
    }
    const key = parseKey(k, () => (caller < 0 ? `entry ${entry + 1}` : `${rowWhere(entry)}: caller ${caller + 1}`), fail);
    return builder.frame(key.name, key.file, key.line, key.kind);
  };

  // Python dict semantics: a repeated key keeps its first position and takes the last value.
  const rows: Array<{ frame: number; value: MarshalValue }> = [];
  const rowOfFrame = new Map<number, number>();
  top.keys.forEach((k, i) => {
    const v = top.values[i]!;
    const frame = frameOf(k, i, -1);
    const at = rowOfFrame.get(frame);
    if (at !== undefined) rows[at]!.value = v;
    else {
      rowOfFrame.set(frame, rows.length);
      rows.push({ frame, value: v });
    }
  });

  // Messages are built only on failure: no closures or strings per number on the hot path.
  function rowWhere(r: number): string {
    const row = rows[r];
    const key = row === undefined ? undefined : frames[row.frame];
    return key ? `entry ${r + 1} (${key.file}:${key.line}(${key.name}))` : `entry ${r + 1}`;
  }
  const at = (r: number, j: number, what: string) => `${rowWhere(r)}: ${j >= 0 ? `caller ${j + 1}: ` : ''}${what}`;
  function count(v: MarshalValue, r: number, j: number, what: string): number {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint') return fail(`${at(r, j, what)} ${v > 0n ? 'too large' : 'too small'} (${String(v).slice(0, 30)})`);
    return fail(`${at(r, j, what)} is ${describe(v)}, expected an int`);
  }
  function time(v: MarshalValue, r: number, j: number, what: string): number {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(`${at(r, j, what)} is ${v}, expected a finite number`);
      return v;
    }
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint') return fail(`${at(r, j, what)} too large`);
    return fail(`${at(r, j, what)} is ${describe(v)}, expected a number`);
  }

  // A hostile file can share one huge callers dict among many rows through references, so the
  // work is bounded by the file size: an unshared caller entry takes at least 6 bytes (a 5-byte
  // reference as key, a 1-byte True as count), and no real writer shares callers dicts.
  let budget = Math.floor(size / 6) + 1000;
  // Duplicate caller keys within one dict: the last value wins, at the first position.
  const seenInRow: number[] = [];
  const edgeAt: number[] = [];
  rows.forEach(({ frame, value }, r) => {
    const where = () => rowWhere(r);
    if (!Array.isArray(value) || value.length !== 5) fail(`${where()}: value is ${describe(value)}, expected a 5-tuple (cc, nc, tt, ct, callers)`);
    const v = value as MarshalValue[];
    const cc = count(v[0]!, r, -1, 'primitive call count');
    const nc = count(v[1]!, r, -1, 'call count');
    const tt = time(v[2]!, r, -1, 'tottime');
    const ct = time(v[3]!, r, -1, 'cumtime');
    const callersV = v[4]!;
    if (!isDict(callersV)) fail(`${where()}: callers is ${describe(callersV)}, expected a dict`);
    const row = asm.entry(frame, cc, nc, tt, ct);

    const { keys: callerKeys, values: callerValues } = callersV as MarshalDict;
    budget -= callerKeys.length + 1;
    if (budget < 0) fail(`${where()}: more caller entries than a file of ${size} bytes can hold (shared references?)`);
    for (let j = 0; j < callerKeys.length; j++) {
      const k = callerKeys[j]!;
      const cv = callerValues[j]!;
      const caller = frameOf(k, r, j);
      let edge: Edge;
      if (Array.isArray(cv)) {
        if (cv.length !== 4) fail(`${where()}: caller ${j + 1}: value is a ${cv.length}-tuple, expected (nc, cc, tt, ct)`);
        const enc = count(cv[0]!, r, j, 'call count');
        const ecc = count(cv[1]!, r, j, 'primitive call count');
        const ett = time(cv[2]!, r, j, 'tottime');
        const ect = time(cv[3]!, r, j, 'cumtime');
        edge = asm.tupleEdge(caller, frame, enc, ecc, ett, ect);
      } else {
        edge = asm.countEdge(caller, frame, count(cv, r, j, 'call count'));
      }
      if (seenInRow[caller] === r) builder.replaceCaller(row, edgeAt[caller]!, edge);
      else {
        seenInRow[caller] = r;
        edgeAt[caller] = row.callers.length;
        builder.addCaller(row, edge);
      }
    }
  });

  return asm.finish();
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
