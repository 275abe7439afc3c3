// computeReport on small hand-built profiles: ranking, shares, callers, coverage arithmetic and
// the verdict thresholds for each kind of evidence.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionTableBuilder, SampleProfileBuilder } from '../builders.js';
import type { Profile } from '../model.js';
import { computeCoverage } from './coverage.js';
import { computeReport } from './report.js';
import { computeVerdict, VERDICT_THRESHOLDS } from './verdict.js';

/** A cProfile-like table: [name, file, line, kind, self, total, calls][] plus edges. */
function table(
  rows: Array<[string, string, number, 'python' | 'builtin', number, number, number]>,
  edges: Array<[callee: number, caller: number, total: number]> = [],
  metadata: Record<string, number> = {},
): Profile {
  const b = new FunctionTableBuilder();
  const ids = rows.map(([name, file, line, kind]) => b.frame(name, file, line, kind));
  const stats = rows.map(([, , , , self, total, calls], i) => b.addFunction({ frame: ids[i]!, self, total, calls, primitiveCalls: calls }));
  for (const [callee, caller, total] of edges) {
    b.addCaller(stats[callee]!, { caller: ids[caller]!, total, self: total, calls: 1, primitiveCalls: 1 });
  }
  const sum = rows.reduce((acc, r) => acc + r[4], 0);
  return b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time', metadata }, sum);
}

describe('computeReport', () => {
  const profile = table(
    [
      ['main', 'app.py', 1, 'python', 0.1, 10, 1],
      ['hot', 'app.py', 10, 'python', 6, 6, 100],
      ['warm', 'app.py', 20, 'python', 3, 3.5, 50],
      ['<built-in method time.sleep>', '~', 0, 'builtin', 0.5, 0.5, 2],
      ['cold', 'lib.py', 5, 'python', 0.4, 0.4, 1],
    ],
    [
      [1, 0, 6],
      [2, 0, 3.5],
      [3, 2, 0.5],
      [4, 0, 0.4],
    ],
  );

  it('ranks by self and by total, with shares of the total self time', () => {
    const r = computeReport(profile, { top: 2 });
    assert.equal(r.total, 10);
    assert.deepEqual(r.topSelf.map((i) => r.functions[i]!.name), ['hot', 'warm']);
    assert.deepEqual(r.topTotal.map((i) => r.functions[i]!.name), ['main', 'hot']);
    // functions = union of both lists, costliest self first
    assert.deepEqual(r.functions.map((f) => f.name), ['hot', 'warm', 'main']);
    const hot = r.functions[0]!;
    assert.equal(hot.selfShare, 0.6);
    assert.equal(hot.file, 'app.py');
    assert.equal(hot.line, 10);
    assert.equal(hot.calls, 100);
    assert.deepEqual(hot.callers.map((c) => [c.name, c.total]), [['main', 6]]);
    assert.equal(r.calls, 154);
    assert.equal(r.lines, undefined);
  });

  it('gives builtins no file or line, and keeps their pstats label', () => {
    const r = computeReport(profile, { top: 0 });
    const sleep = r.functions.find((f) => f.name.includes('time.sleep'))!;
    assert.equal(sleep.file, null);
    assert.equal(sleep.line, null);
    assert.equal(sleep.label, '{built-in method time.sleep}');
    assert.equal(r.functions.length, 5);
  });

  it('limits callers and counts the rest', () => {
    const b = new FunctionTableBuilder();
    const callee = b.addFunction({ frame: b.frame('f', 'a.py', 1, 'python'), self: 1, total: 1, calls: 12 });
    for (let i = 0; i < 12; i++) b.addCaller(callee, { caller: b.frame(`c${i}`, 'a.py', 10 + i, 'python'), total: i / 12, calls: 1 });
    const p = b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, 1);
    const f = computeReport(p, { maxCallers: 3 }).functions[0]!;
    assert.deepEqual(f.callers.map((c) => c.name), ['c11', 'c10', 'c9']);
    assert.equal(f.callersOmitted, 9);
  });

  it('takes top lines, with their waiting share, from a line-level companion profile', () => {
    const s = new SampleProfileBuilder();
    const t = s.thread({ key: 'main' });
    const hot = s.frame('hot', 'app.py', 10);
    const main = s.frame('main', 'app.py', 1);
    s.add(s.stack([s.site(main, 3), s.site(hot, 12)]), 30, t, false, 30);
    s.add(s.stack([s.site(main, 3), s.site(hot, 12)]), 10, t, true, 10);
    s.add(s.stack([s.site(main, 4)]), 60, t, true, 60);
    const samples = s.build({ format: 'hotspy-samples', kind: 'sampled', unit: 'samples', metric: 'samples', sampleInterval: 0.005 });
    const r = computeReport(profile, { lineSamples: samples });
    assert.deepEqual(
      r.lines!.map((l) => [l.line, l.self, l.idleShare]),
      [
        [4, 60, 1],
        [12, 40, 0.25],
      ],
    );
    assert.equal(r.lines![1]!.function!.name, 'hot');
    assert.equal(r.lineSource!.format, 'hotspy-samples');
  });
});

describe('computeCoverage', () => {
  it('counts how few functions reach each share, costliest first', () => {
    const p = table([
      ['a', 'x.py', 1, 'python', 50, 50, 1],
      ['b', 'x.py', 2, 'python', 30, 30, 1],
      ['c', 'x.py', 3, 'python', 15, 15, 1],
      ['d', 'x.py', 4, 'python', 5, 5, 1],
      ['e', 'x.py', 5, 'python', 0, 0, 1],
    ]);
    const c = computeCoverage(p.functions);
    assert.equal(c.functionCount, 5);
    assert.equal(c.functionsWithCost, 4);
    assert.deepEqual(c.levels.map((l) => [l.share, l.functions, l.fractionOfFunctions]), [
      [0.5, 1, 0.2],
      [0.8, 2, 0.4],
      [0.95, 3, 0.6],
    ]);
  });

  it('is all zeros for an empty profile', () => {
    const c = computeCoverage([]);
    assert.deepEqual(c.levels.map((l) => l.functions), [0, 0, 0]);
  });
});

describe('computeVerdict', () => {
  const waits = (sleep: number, compute: number) =>
    table([
      ['work', 'a.py', 1, 'python', compute, compute + sleep, 1],
      ['<built-in method time.sleep>', '~', 0, 'builtin', sleep, sleep, 1],
    ]);

  it('decides from the time inside blocking builtins for cProfile', () => {
    assert.equal(computeVerdict(waits(0.9, 0.1)).kind, 'io');
    assert.equal(computeVerdict(waits(0.1, 0.9)).kind, 'cpu');
    assert.equal(computeVerdict(waits(0.5, 0.5)).kind, 'mixed');
    const v = computeVerdict(waits(0.9, 0.1));
    assert.equal(v.basis, 'waiting-calls');
    assert.ok(Math.abs(v.waitingShare! - 0.9) < 1e-12);
    assert.deepEqual(Object.keys(v.categories!), ['sleep']);
    assert.equal(v.waitingCalls![0]!.category, 'sleep');
  });

  it('uses the thresholds it documents', () => {
    assert.equal(computeVerdict(waits(VERDICT_THRESHOLDS.cpu, 1 - VERDICT_THRESHOLDS.cpu)).kind, 'cpu');
    assert.equal(computeVerdict(waits(0.7, 0.3)).kind, 'io');
  });

  it('prefers the measured CPU time (with run-queue wait) over call names', () => {
    const p = waits(0.9, 0.1);
    const v = computeVerdict(p, { ...p, kind: 'sampled', metadata: { cpu_seconds: 0.5, runqueue_seconds: 0.4, wall_seconds: 1 } });
    assert.equal(v.basis, 'cpu-time');
    assert.equal(v.kind, 'cpu');
    // the 0.4 s spent waiting for a CPU other processes had is left out of the wall time
    assert.ok(Math.abs(v.cpuUtilisation! - 0.5 / 0.6) < 1e-12);
    // a program that waited and was slow to be woken on a busy machine is still waiting
    const slowWakeups = computeVerdict(p, { ...p, kind: 'sampled', metadata: { cpu_seconds: 0.01, runqueue_seconds: 0.17, wall_seconds: 0.42 } });
    assert.equal(slowWakeups.kind, 'io');
  });

  it('counts how often some thread ran, so a main thread waiting on a busy worker is not idle', () => {
    const s = new SampleProfileBuilder();
    const main = s.thread({ key: 'main' });
    const worker = s.thread({ key: 'worker' });
    const f = s.frame('join', 'threading.py', 1);
    const g = s.frame('crunch', 'a.py', 1);
    s.add(s.stack([s.site(f, 2)]), 100, main, true, 100);
    s.add(s.stack([s.site(g, 2)]), 95, worker, false, 95);
    s.add(s.stack([s.site(g, 2)]), 5, worker, true, 5);
    const p = s.build({ format: 'hotspy-samples', kind: 'sampled', unit: 'samples', metric: 'samples' });
    const v = computeVerdict(p);
    assert.equal(v.basis, 'idle-samples');
    assert.equal(v.kind, 'cpu');
    assert.equal(v.busyThreads, 1);
  });

  it('falls back to blocking stdlib frames for samplers without idle flags, and says so', () => {
    const s = new SampleProfileBuilder();
    const wait = s.frame('wait', '/usr/lib/python3.11/threading.py', 300);
    const user = s.frame('main', 'a.py', 1);
    s.add(s.stack([s.site(user, 2), s.site(wait, 320)]), 80);
    s.add(s.stack([s.site(user, 3)]), 20);
    const p = s.build({ format: 'collapsed', kind: 'sampled', unit: 'samples', metric: 'samples' });
    const v = computeVerdict(p);
    assert.equal(v.basis, 'waiting-frames');
    assert.equal(v.kind, 'io');
    assert.ok(v.notes.some((n) => n.includes('--idle')));
  });

  it('says unknown when there is no evidence at all', () => {
    const s = new SampleProfileBuilder();
    s.add(s.stack([s.site(s.frame('f', 'a.py', 1), 2)]), 10);
    const v = computeVerdict(s.build({ format: 'collapsed', kind: 'sampled', unit: 'samples', metric: 'samples' }));
    // no blocking stdlib frame seen: a lower bound of 0% waiting decides nothing
    assert.equal(v.kind, 'unknown');
    assert.equal(v.basis, 'waiting-frames');
    const empty = table([]);
    assert.equal(computeVerdict(empty).kind, 'unknown');
    assert.equal(computeVerdict(empty).waitingShare, null);
  });
});
