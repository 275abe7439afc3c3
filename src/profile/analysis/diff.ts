// Compares two profiles of the same program (any formats): per function, how self and total cost
// and calls changed, and the overall speed-up. Functions are paired by name and first line, and by
// file path suffix, so profiles taken in different directories still line up.
import type { Frame, Profile } from '../model.js';
import { functionRef } from './function-ref.js';
import type { FunctionRef } from './types.js';

export interface FunctionDelta {
  function: FunctionRef;
  before: { self: number; total: number; calls?: number } | null;
  after: { self: number; total: number; calls?: number } | null;
  /** after − before, in the diff's unit. */
  selfDelta: number;
  totalDelta: number;
}

interface Entry {
  frame: Frame;
  stats: { self: number; total: number; calls?: number };
}

export interface ProfileDiff {
  /** `seconds` when both profiles are in (or convert to) seconds, else `share` (fractions of each run). */
  unit: 'seconds' | 'share';
  beforeTotal: number;
  afterTotal: number;
  /** before / after: 2 means the run takes half the time. Undefined when after is empty. */
  speedup: number | undefined;
  /** Every function present in either profile, largest absolute self change first. */
  functions: FunctionDelta[];
  /** Why the unit is what it is, when the two profiles differ in kind. */
  note?: string;
}

export function diffProfiles(before: Profile, after: Profile): ProfileDiff {
  const b = scale(before);
  const a = scale(after);
  const unit = b.factor !== undefined && a.factor !== undefined ? 'seconds' : 'share';
  const norm = (p: Profile, f: number | undefined) => (unit === 'seconds' ? f! : p.total > 0 ? 1 / p.total : 0);
  const nb = norm(before, b.factor);
  const na = norm(after, a.factor);

  // Pair functions by kind, name and file; the first line only tells apart same-named functions
  // of one file, since an edit above a function moves its line without making it another one.
  const groupKey = (frame: Frame) => `${frame.kind}\u0000${frame.name}\u0000${tail(frame.file)}`;
  const sides = { before: new Map<string, Entry[]>(), after: new Map<string, Entry[]>() };
  for (const [profile, factor, side] of [
    [before, nb, 'before'],
    [after, na, 'after'],
  ] as const) {
    const byKey = new Map<string, Entry>();
    for (const fn of profile.functions) {
      const frame = profile.frames[fn.frame]!;
      const exact = `${groupKey(frame)}\u0000${frame.line}`;
      let entry = byKey.get(exact);
      if (!entry) {
        entry = { frame, stats: { self: 0, total: 0 } };
        byKey.set(exact, entry);
        const group = sides[side].get(groupKey(frame));
        if (group) group.push(entry);
        else sides[side].set(groupKey(frame), [entry]);
      }
      entry.stats.self += fn.self * factor;
      entry.stats.total += fn.total * factor;
      if (fn.calls !== undefined) entry.stats.calls = (entry.stats.calls ?? 0) + fn.calls;
    }
  }
  const rows: FunctionDelta[] = [];
  const keys = new Set([...sides.before.keys(), ...sides.after.keys()]);
  for (const key of keys) {
    const b = [...(sides.before.get(key) ?? [])];
    const a = [...(sides.after.get(key) ?? [])];
    const pairs: Array<[Entry | undefined, Entry | undefined]> = [];
    if (b.length === 1 && a.length === 1) {
      pairs.push([b[0], a[0]]);
    } else {
      for (const eb of [...b]) {
        const i = a.findIndex((ea) => ea.frame.line === eb.frame.line);
        if (i >= 0) {
          pairs.push([eb, a[i]]);
          a.splice(i, 1);
          b.splice(b.indexOf(eb), 1);
        }
      }
      // What is left is paired in line order (functions keep their order in a file), then alone.
      b.sort((x, y) => x.frame.line - y.frame.line);
      a.sort((x, y) => x.frame.line - y.frame.line);
      for (let i = 0; i < Math.max(a.length, b.length); i++) pairs.push([b[i], a[i]]);
    }
    for (const [eb, ea] of pairs) {
      rows.push({ function: functionRef((ea ?? eb)!.frame), before: eb ? eb.stats : null, after: ea ? ea.stats : null, selfDelta: 0, totalDelta: 0 });
    }
  }
  const functions = rows;
  for (const row of functions) {
    row.selfDelta = (row.after?.self ?? 0) - (row.before?.self ?? 0);
    row.totalDelta = (row.after?.total ?? 0) - (row.before?.total ?? 0);
  }
  functions.sort((x, y) => Math.abs(y.selfDelta) - Math.abs(x.selfDelta) || Math.abs(y.totalDelta) - Math.abs(x.totalDelta));

  const beforeTotal = before.total * nb;
  const afterTotal = after.total * na;
  const result: ProfileDiff = {
    unit,
    beforeTotal,
    afterTotal,
    speedup: unit === 'seconds' && afterTotal > 0 ? beforeTotal / afterTotal : undefined,
    functions,
  };
  if (unit === 'share') result.note = 'at least one profile counts samples without a known interval: costs are compared as shares of each run, and no speed-up can be computed';
  return result;
}

/** Seconds per unit of the profile's numbers, when known. */
function scale(p: Profile): { factor: number | undefined } {
  if (p.unit === 'seconds') return { factor: 1 };
  if (p.unit === 'samples' && p.sampleInterval) return { factor: p.sampleInterval };
  return { factor: undefined };
}

/** The last two path components: enough to pair the same file across checkouts, rarely ambiguous. */
function tail(file: string): string {
  return file.split(/[\\/]+/).slice(-2).join('/');
}
