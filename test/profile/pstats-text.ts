// Test helper: renders a cProfile Profile the way pstats' print_stats() does (spec:
// shared/docs/profile-formats.md §1.4), to compare hotspy's numbers with golden pstats text.
import { frameLabel, type Profile } from '../../src/profile/model.js';

/** Python's "%8.3f": round half to even on the exact binary value. */
export function f8(x: number): string {
  let s = x.toFixed(3);
  // toFixed rounds an exact tie away from zero; ties are multiples of 1/16 ending in 5 at the
  // 4th decimal (e.g. 0.0625), where Python keeps the even digit.
  if (Number.isInteger(x * 16) && Number.isInteger(x * 2000) && Math.abs(x * 2000) % 2 === 1) {
    const down = (Math.sign(x) * (Math.abs(x) * 1000 - 0.5)) / 1000;
    const up = (Math.sign(x) * (Math.abs(x) * 1000 + 0.5)) / 1000;
    const even = [down, up].find((v) => Math.round(Math.abs(v) * 1000) % 2 === 0)!;
    s = even.toFixed(3);
  }
  return s.padStart(8);
}

type SortKey = 'cumulative' | 'tottime' | 'stdname';
const ORDER_TEXT: Record<SortKey, string> = { cumulative: 'cumulative time', tottime: 'internal time', stdname: 'standard name' };

function cmpCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function printStats(p: Profile, key: SortKey): string {
  const rows = p.functions.map((f) => ({ f, name: frameLabel(p.frames[f.frame]!) }));
  rows.sort((a, b) => (key === 'cumulative' ? b.f.total - a.f.total : key === 'tottime' ? b.f.self - a.f.self : cmpCodePoints(a.name, b.name)));
  const totalCalls = p.metadata.total_calls as number;
  const prim = p.metadata.primitive_calls as number;
  let out = `         ${totalCalls} function calls ${totalCalls !== prim ? `(${prim} primitive calls) ` : ''}in ${p.total.toFixed(3)} seconds\n\n`;
  out += `   Ordered by: ${ORDER_TEXT[key]}\n\n`;
  out += '   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n';
  for (const { f, name } of rows) {
    const nc = f.calls ?? -1;
    const cc = f.primitiveCalls ?? -1;
    const calls = nc !== cc ? `${nc}/${cc}` : `${nc}`;
    out += `${calls.padStart(9)} ${f8(f.self)} ${nc === 0 ? ' '.repeat(8) : f8(f.self / nc)} ${f8(f.total)} ${cc === 0 ? ' '.repeat(8) : f8(f.total / cc)} ${name}\n`;
  }
  return `${out}\n\n`;
}
