// Mutated copies of real stdlib files, for checking error lines and recovery beyond the handful
// of broken files the corpus has: each mutant is one small, deterministic edit (a deleted
// bracket or colon, a stray closer, a truncated file, a broken indent). CPython decides whether
// a mutant is still valid; hotspy must agree either way, at the same line.
import fs from 'node:fs';
import path from 'node:path';

type Mutation = (text: string, pick: (n: number) => number) => string | undefined;

const MUTATIONS: Record<string, Mutation> = {
  'delete a bracket, colon or comma': (t, pick) => {
    const spots = [...t.matchAll(/[()[\]{}:,]/g)].map((m) => m.index!);
    if (spots.length === 0) return undefined;
    const at = spots[pick(spots.length)]!;
    return t.slice(0, at) + t.slice(at + 1);
  },
  'insert a stray closer': (t, pick) => {
    const at = pick(t.length);
    return t.slice(0, at) + ')]}'[pick(3)] + t.slice(at);
  },
  'truncate the file': (t, pick) => t.slice(0, pick(t.length)),
  'indent one line by a space': (t, pick) => {
    const starts = [...t.matchAll(/^(?=[ \t]*\S)/gm)].map((m) => m.index!);
    if (starts.length === 0) return undefined;
    const at = starts[pick(starts.length)]!;
    return t.slice(0, at) + ' ' + t.slice(at);
  },
  'duplicate a keyword': (t, pick) => {
    const spots = [...t.matchAll(/\b(if|def|for|in|return|else|import|not|lambda|with|as)\b/g)];
    if (spots.length === 0) return undefined;
    const m = spots[pick(spots.length)]!;
    return t.slice(0, m.index!) + m[0] + ' ' + t.slice(m.index!);
  },
  'open a string': (t, pick) => {
    const at = pick(t.length);
    return t.slice(0, at) + `"'`[pick(2)] + t.slice(at);
  },
};

/** Deterministic generator (mulberry32), so a mutant can be re-created from its seed. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

/**
 * Writes `count` mutants of `sources` (UTF-8 files under 30 kB are used) into `dir` (emptied
 * first), named `<mutation>-<seed>-<n>-<original>.py`; they stay there to be inspected.
 */
export function makeMutants(sources: readonly string[], count: number, dir: string, seed = 1): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const pick = rng(seed);
  const usable = sources.filter((f) => {
    try {
      return fs.statSync(f).size < 30_000;
    } catch {
      return false;
    }
  });
  const names = Object.keys(MUTATIONS);
  const files: string[] = [];
  for (let i = 0; files.length < count && i < count * 4 && usable.length > 0; i++) {
    const source = usable[pick(usable.length)]!;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(source));
    } catch {
      continue;
    }
    const name = names[pick(names.length)]!;
    const mutated = MUTATIONS[name]!(text, pick);
    if (mutated === undefined || mutated === text) continue;
    const file = path.join(dir, `${name.replace(/\W+/g, '_')}-${seed}-${i}-${path.basename(source)}`);
    fs.writeFileSync(file, mutated);
    files.push(file);
  }
  return files;
}
