// Fuzzing every profile reader with mutated real samples (fast-check): byte-level damage
// (flips, truncation, insertion, deletion, duplication), line/token damage for text formats and
// value replacement for JSON formats. The only allowed outcomes are a Profile or a
// ProfileFormatError, each within a time bound. Readers are called directly, not through the
// safety net of readSource, so a TypeError from a reader bug fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { ProfileFormatError } from '../../src/profile/errors.js';
import { ProfileSource } from '../../src/profile/source.js';
import { readers, readWith, readProfile } from '../../src/profile/readers/index.js';
import type { ProfileReader } from '../../src/profile/readers/types.js';
import { packageFile } from '../../src/util/package-root.js';
import { fixture } from './check-profile.js';
import { dumpMarshal } from './marshal-writer.js';
import { loadMarshal, type MarshalDict, type MarshalValue } from '../../src/profile/readers/marshal.js';
import { austinSamples, toCollapsed, toSpeedscope } from './convert.js';

const CASE_LIMIT_MS = 2000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

type Kind = 'binary' | 'text' | 'json' | 'jsonl';

interface Corpus {
  reader: string;
  kind: Kind;
  runs: number;
  samples: Uint8Array[];
}

/** The first whole lines of a text, about `max` characters. */
function head(text: string, max: number): Uint8Array {
  return Buffer.from(text.slice(0, text.lastIndexOf('\n', max) + 1));
}

function file(...parts: string[]): Uint8Array {
  return fs.readFileSync(fixture(...parts));
}

function samplerOutput(): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-fuzz-'));
  try {
    fs.writeFileSync(path.join(dir, 'app.py'), 'import time\ndef f(n):\n    return sum(i*i for i in range(n))\nfor _ in range(5):\n    f(200000)\n    time.sleep(0.01)\n');
    const out = path.join(dir, 'app.samples.jsonl');
    execFileSync('python3', [packageFile('python', 'hotspy_run.py'), '--samples', out, '--interval', '0.002', 'app.py'], { cwd: dir, stdio: 'ignore' });
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function corpora(): Corpus[] {
  const austin312 = fs.readFileSync(fixture('austin', 'austin-3.7.0_py3.12_full.txt'), 'utf8');
  const samples = austinSamples(fs.readFileSync(fixture('austin', 'austin-3.7.0_py3.12_cpu.txt'), 'utf8'));
  return [
    {
      reader: 'cprofile',
      kind: 'binary',
      runs: 3000,
      samples: [
        file('cprofile', 'cprofile_nonascii_py3.13.0.prof'),
        file('cprofile', 'cprofile_longpath_py3.13.0.prof'),
        file('cprofile', 'profile_purepython_py3.13.0.prof'),
        file('cprofile', 'profile_purepython_py3.8.18.prof'),
        file('pyinstrument', 'pyinstrument-5.1.2_py3.11_pstats.prof'),
        file('cprofile', 'cprofile_json_tool_py3.11.7.prof'),
      ],
    },
    {
      reader: 'austin',
      kind: 'text',
      runs: 2000,
      samples: [
        file('austin', 'austin-3.7.0_py3.12_memory.txt'),
        head(austin312, 6000),
        file('austin', 'austin-1.0.1_py3.8_memory.txt'),
        head(fs.readFileSync(fixture('austin', 'austin-1.0.1_py3.8_full.txt'), 'utf8'), 5000),
        head(fs.readFileSync(fixture('austin', 'austin-1.0.1_py3.8_sleepless.txt'), 'utf8'), 5000),
      ],
    },
    { reader: 'collapsed', kind: 'text', runs: 1500, samples: [Buffer.from(toCollapsed(samples, { threads: true, processes: true })), Buffer.from('main;foo;bar 3\nmain;foo 2\n')] },
    { reader: 'speedscope', kind: 'json', runs: 1500, samples: [file('pyinstrument', 'pyinstrument-5.1.2_py3.11_speedscope.json'), Buffer.from(toSpeedscope(samples.slice(0, 40)))] },
    { reader: 'pyinstrument', kind: 'json', runs: 1200, samples: [file('pyinstrument', 'pyinstrument-5.1.2_py3.11.json')] },
    { reader: 'scalene', kind: 'json', runs: 1000, samples: [file('scalene', 'scalene-1.5.16_py3.11_cpu-only.json'), file('scalene', 'scalene-1.5.16_py3.11.json')] },
    { reader: 'hotspy-samples', kind: 'jsonl', runs: 1200, samples: [samplerOutput()] },
  ];
}

// ---- mutations -------------------------------------------------------------------------------

const nasty = ['-1', '0', '1e999', '99999999999999999999999', 'NaN', '', '\u0000', '"', '[', '{', '}', ';', ':', ' ', '\n', '\r', ',', '<script>', '\u2028', '\ufffd', '((((((((', ';;;;', 'L', ')', '# mode: full', '# austin: 3.7.0'];

const byteMutation = (seed: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const out = Uint8Array.from(seed);
      for (const [at, b] of flips) if (out.length > 0) out[at % out.length] = b;
      return out;
    }),
    fc.nat().map((n) => seed.subarray(0, seed.length === 0 ? 0 : n % seed.length)),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 32 })).map(([at, bytes]) => {
      const p = seed.length === 0 ? 0 : at % seed.length;
      return Buffer.concat([seed.subarray(0, p), bytes, seed.subarray(p)]);
    }),
    fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(([at, len]) => {
      const p = seed.length === 0 ? 0 : at % seed.length;
      return Buffer.concat([seed.subarray(0, p), seed.subarray(p + len)]);
    }),
    fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 300 })).map(([from, to, len]) => {
      const a = seed.length === 0 ? 0 : from % seed.length;
      const b = seed.length === 0 ? 0 : to % seed.length;
      return Buffer.concat([seed.subarray(0, b), seed.subarray(a, a + len), seed.subarray(b)]);
    }),
  );

const textMutation = (seed: Uint8Array): fc.Arbitrary<Uint8Array> => {
  const lines = Buffer.from(seed).toString('utf8').split('\n');
  return fc
    .array(
      fc.oneof(
        fc.tuple(fc.constant('replace' as const), fc.nat(), fc.nat(), fc.constantFrom(...nasty)),
        fc.tuple(fc.constant('drop' as const), fc.nat(), fc.nat(), fc.constant('')),
        fc.tuple(fc.constant('dup' as const), fc.nat(), fc.nat(), fc.constant('')),
        fc.tuple(fc.constant('insert' as const), fc.nat(), fc.nat(), fc.string({ maxLength: 40 })),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((ops) => {
      const out = [...lines];
      for (const [op, li, ci, text] of ops) {
        const i = li % out.length;
        const line = out[i]!;
        const c = line.length === 0 ? 0 : ci % line.length;
        if (op === 'replace') {
          // replace the token (run of non-separator characters) at c
          let a = c;
          let b = c;
          while (a > 0 && !/[;: ,]/.test(line[a - 1]!)) a--;
          while (b < line.length && !/[;: ,]/.test(line[b]!)) b++;
          out[i] = line.slice(0, a) + text + line.slice(b);
        } else if (op === 'drop') out.splice(i, 1);
        else if (op === 'dup') out.splice(i, 0, line);
        else out[i] = line.slice(0, c) + text + line.slice(c);
        if (out.length === 0) out.push('');
      }
      return Buffer.from(out.join('\n'));
    });
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every value of a JSON document (bounded), for structural mutation. */
function jsonPaths(doc: Json, limit = 5000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (v: Json, p: Array<string | number>) => {
    if (out.length >= limit) return;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(doc, []);
  return out;
}

function setAt(doc: Json, p: Array<string | number>, value: Json | undefined): Json {
  if (p.length === 0) return value ?? null;
  const copy = structuredClone(doc) as any;
  let at = copy;
  for (const k of p.slice(0, -1)) {
    at = at?.[k];
    // an earlier edit of the same case may have removed or replaced this path
    if (at === null || typeof at !== 'object') return doc;
  }
  const last = p[p.length - 1]!;
  if (at === null || typeof at !== 'object') return doc;
  if (value === undefined) {
    if (Array.isArray(at)) at.splice(last as number, 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

const jsonValues: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, null, -1, 0, 1e308, -1e308, 2 ** 53 + 1, '', 'O', 'C', 'sampled', 'evented', '[self]', '[await]', [], {}, [[[[[[]]]]]], '<script>alert(1)</script>', '\u0000\u001b'),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const jsonMutation = (seed: Uint8Array, lines: boolean): fc.Arbitrary<Uint8Array> => {
  const text = Buffer.from(seed).toString('utf8');
  const docs: Json[] = lines ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : [JSON.parse(text)];
  const paths = docs.map((d) => jsonPaths(d));
  return fc.array(fc.tuple(fc.nat(), fc.nat(), jsonValues), { minLength: 1, maxLength: 3 }).map((edits) => {
    const out = [...docs];
    for (const [di, pi, value] of edits) {
      const d = di % out.length;
      const ps = paths[d]!;
      out[d] = setAt(out[d]!, ps[pi % ps.length]!, value);
    }
    return Buffer.from(lines ? out.map((d) => JSON.stringify(d)).join('\n') : JSON.stringify(out[0]));
  });
};

const marshalValues: fc.Arbitrary<MarshalValue> = fc.constantFrom<MarshalValue>(
  -1, 0, 2 ** 31 - 1, -(2 ** 31), 1.5, -0.0, NaN, Infinity, 1e308, 2n ** 62n, -(2n ** 200n), null, true, '', '~', '<script>', '\u0000\u001b', 'x'.repeat(300), [], [1, 2, 3], [[[[[]]]]],
  { kind: 'dict', keys: [], values: [] },
);

/** Decode a real stats file, damage its structure (values, entries, keys), encode it again. */
const statsMutation = (seed: Uint8Array): fc.Arbitrary<Uint8Array> => {
  const root = loadMarshal(seed) as MarshalDict;
  return fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.oneof(marshalValues, fc.integer(), fc.double(), fc.string({ maxLength: 8 }))), { minLength: 1, maxLength: 3 }).map((edits) => {
    const top: MarshalDict = { kind: 'dict', keys: [...root.keys], values: [...root.values] };
    for (const [entry, slot, op, value] of edits) {
      if (top.keys.length === 0) break;
      const e = entry % top.keys.length;
      const row = [...(top.values[e] as MarshalValue[])];
      if (op % 5 === 0) {
        top.keys.splice(e, 1); // drop an entry
        top.values.splice(e, 1);
        continue;
      }
      if (op % 5 === 1) {
        top.keys.push(top.keys[e]!); // a duplicate key
        top.values.push(top.values[e]!);
        continue;
      }
      if (op % 5 === 2) {
        const key = [...(top.keys[e] as MarshalValue[])];
        key[slot % 3] = value; // a bad key part
        top.keys[e] = key;
        continue;
      }
      if (op % 5 === 3 && row.length === 5) {
        const callers = row[4] as MarshalDict;
        if (callers && typeof callers === 'object' && 'keys' in callers && callers.values.length > 0) {
          const c = slot % callers.values.length;
          const values = [...callers.values];
          const v = values[c];
          values[c] = Array.isArray(v) ? Object.assign([...v], { [slot % 4]: value }) : value;
          row[4] = { kind: 'dict', keys: callers.keys, values };
          top.values[e] = row;
          continue;
        }
      }
      row[slot % 5] = value; // a bad number
      top.values[e] = row;
    }
    return dumpMarshal(top);
  });
};

function mutations(c: Corpus): fc.Arbitrary<{ seed: number; bytes: Uint8Array }> {
  return fc.nat({ max: c.samples.length - 1 }).chain((i) => {
    const seed = c.samples[i]!;
    const structural = c.kind === 'text' ? textMutation(seed) : c.kind === 'json' ? jsonMutation(seed, false) : c.kind === 'jsonl' ? jsonMutation(seed, true) : statsMutation(seed);
    return fc.oneof({ arbitrary: structural, weight: 3 }, { arbitrary: byteMutation(seed), weight: 2 }).map((bytes) => ({ seed: i, bytes }));
  });
}

// ---- the property ------------------------------------------------------------------------------

function readOnce(reader: ProfileReader, bytes: Uint8Array): 'profile' | 'error' {
  const started = performance.now();
  let outcome: 'profile' | 'error';
  try {
    const p = readWith(reader, ProfileSource.fromBytes(bytes, 'fuzz.input'));
    assert.ok(Number.isFinite(p.total), 'finite total');
    assert.ok(Array.isArray(p.functions) && Array.isArray(p.frames));
    outcome = 'profile';
  } catch (err) {
    if (!(err instanceof ProfileFormatError)) throw err;
    assert.ok(err.message.startsWith('fuzz.input: ') && !/[\u0000-\u001f]/.test(err.message), `one line naming the file: ${JSON.stringify(err.message)}`);
    outcome = 'error';
  }
  const ms = performance.now() - started;
  assert.ok(ms < CASE_LIMIT_MS, `case took ${ms.toFixed(0)} ms`);
  return outcome;
}

test('fuzz helper: re-encoding a decoded real stats file reads back identically', () => {
  const cprofile = readers.find((r) => r.id === 'cprofile')!;
  for (const name of ['cprofile_json_tool_py3.11.7.prof', 'cprofile_nonascii_py3.13.0.prof', 'pstats_merged_py3.11.7.prof']) {
    const seed = file('cprofile', name);
    const again = dumpMarshal(loadMarshal(seed));
    assert.deepEqual(readWith(cprofile, ProfileSource.fromBytes(again, name)), readWith(cprofile, ProfileSource.fromBytes(seed, name)), name);
  }
});

test('fuzz: every reader survives thousands of mutated real samples', () => {
  const all = corpora();
  assert.deepEqual(new Set(all.map((c) => c.reader)), new Set(readers.map((r) => r.id)), 'every reader is fuzzed');
  let total = 0;
  const summary: string[] = [];
  for (const c of all) {
    const reader = readers.find((r) => r.id === c.reader)!;
    c.samples.forEach((s, i) => assert.equal(readOnce(reader, s), 'profile', `${c.reader}: unmutated seed ${i} must read`));
    const counts = { profile: 0, error: 0 };
    fc.assert(
      fc.property(mutations(c), ({ bytes }) => {
        counts[readOnce(reader, bytes)]++;
        // Detection over the same bytes must also end in a Profile or a ProfileFormatError.
        if ((counts.profile + counts.error) % 5 === 0) {
          try {
            readProfile(bytes, 'fuzz.input');
          } catch (err) {
            if (!(err instanceof ProfileFormatError)) throw err;
          }
        }
      }),
      { numRuns: c.runs, seed: SEED, endOnFailure: true },
    );
    total += c.runs;
    summary.push(`${c.reader} ${c.runs} (${counts.profile} read, ${counts.error} rejected)`);
  }
  process.stdout.write(`# fuzz: ${total} cases: ${summary.join('; ')}\n`);
  assert.ok(total >= 10000);
});
