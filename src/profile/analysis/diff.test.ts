import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Profile } from '../model.js';
import { diffProfiles } from './diff.js';

function profile(fns: Array<{ name: string; file: string; line: number; self: number; total?: number; calls?: number }>, unit: Profile['unit'] = 'seconds', sampleInterval?: number): Profile {
  const frames: Frame[] = fns.map((f) => ({ name: f.name, file: f.file, line: f.line, kind: 'python' }));
  return {
    format: 'test',
    kind: unit === 'seconds' ? 'deterministic' : 'sampled',
    unit,
    metric: 'time',
    ...(sampleInterval ? { sampleInterval } : {}),
    total: fns.reduce((s, f) => s + f.self, 0),
    frames,
    functions: fns.map((f, i) => ({ frame: i, self: f.self, total: f.total ?? f.self, ...(f.calls !== undefined ? { calls: f.calls } : {}), callers: [], callees: [] })),
    lines: undefined,
    metadata: {},
  };
}

test('a function whose first line moved (an import added above it) stays one row', () => {
  const before = profile([{ name: 'dedupe', file: '/a/app/pipeline.py', line: 4, self: 6, calls: 1 }, { name: 'main', file: '/a/app/main.py', line: 1, self: 1 }]);
  const after = profile([{ name: 'dedupe', file: '/b/app/pipeline.py', line: 5, self: 0.5, calls: 1 }, { name: 'main', file: '/b/app/main.py', line: 1, self: 1 }]);
  const d = diffProfiles(before, after);
  assert.equal(d.unit, 'seconds');
  assert.equal(d.speedup, 7 / 1.5);
  assert.equal(d.functions.length, 2);
  const row = d.functions[0]!;
  assert.equal(row.function.name, 'dedupe');
  assert.equal(row.function.line, 5);
  assert.deepEqual([row.before?.self, row.after?.self, row.selfDelta], [6, 0.5, -5.5]);
});

test('same-named functions of one file are told apart by their lines', () => {
  const before = profile([{ name: 'run', file: 'x.py', line: 10, self: 2 }, { name: 'run', file: 'x.py', line: 30, self: 4 }]);
  const after = profile([{ name: 'run', file: 'x.py', line: 10, self: 2 }, { name: 'run', file: 'x.py', line: 30, self: 1 }]);
  const d = diffProfiles(before, after);
  const by30 = d.functions.find((r) => r.function.line === 30)!;
  assert.equal(by30.selfDelta, -3);
  assert.equal(d.functions.find((r) => r.function.line === 10)!.selfDelta, 0);
});

test('samples with an interval compare in seconds; without one, as shares and no speed-up', () => {
  const secs = diffProfiles(profile([{ name: 'f', file: 'a.py', line: 1, self: 100 }], 'samples', 0.01), profile([{ name: 'f', file: 'a.py', line: 1, self: 0.5 }]));
  assert.equal(secs.unit, 'seconds');
  assert.equal(secs.speedup, 2);
  const shares = diffProfiles(profile([{ name: 'f', file: 'a.py', line: 1, self: 100 }], 'samples'), profile([{ name: 'f', file: 'a.py', line: 1, self: 1 }]));
  assert.equal(shares.unit, 'share');
  assert.equal(shares.speedup, undefined);
  assert.ok(shares.note);
});

test('functions only on one side are kept, with null on the other', () => {
  const d = diffProfiles(profile([{ name: 'old', file: 'a.py', line: 1, self: 1 }]), profile([{ name: 'new', file: 'a.py', line: 1, self: 1 }]));
  assert.equal(d.functions.length, 2);
  assert.ok(d.functions.some((r) => r.function.name === 'old' && r.after === null));
  assert.ok(d.functions.some((r) => r.function.name === 'new' && r.before === null));
});
