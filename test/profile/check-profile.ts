// Test helpers for profile readers (speedscope's checkProfileSnapshot, adapted): read a real
// sample, check the model's invariants, require that detection by content (name `unknown`)
// gives the identical profile, and compare a normalized dump with the committed snapshot.
// UPDATE_SNAPSHOTS=1 rewrites snapshots; a missing snapshot fails otherwise.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readProfile, type ReadProfileOptions } from '../../src/profile/readers/index.js';
import { frameLabel, type Profile } from '../../src/profile/model.js';
import { packageFile } from '../../src/util/package-root.js';

export const fixturesDir = packageFile('test', 'profile', 'fixtures');

export function fixture(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}

/** Reads a file by its name and again as `unknown`; both must agree. Returns the profile. */
export function readBoth(file: string, opts: ReadProfileOptions = {}): { profile: Profile; readerId: string } {
  const bytes = fs.readFileSync(file);
  let byName = '';
  let byContent = '';
  const profile = readProfile(bytes, file, { ...opts, onDetect: (d) => (byName = d.reader.id) });
  const again = readProfile(bytes, 'unknown', { ...opts, onDetect: (d) => (byContent = d.reader.id) });
  assert.equal(byContent, byName, `${file}: detection by content must agree with the name`);
  assert.deepEqual(dump(again), dump(profile), `${file}: reading as "unknown" must give the same profile`);
  checkInvariants(profile, file);
  return { profile, readerId: byName };
}

/** Model invariants every reader must keep. */
export function checkInvariants(p: Profile, where: string): void {
  const finite = (x: number | undefined, what: string) => assert.ok(x === undefined || Number.isFinite(x), `${where}: ${what} not finite: ${x}`);
  finite(p.total, 'total');
  assert.ok(p.total >= 0, `${where}: negative total`);
  const eps = 1e-9 * Math.max(1, p.total);
  let selfSum = 0;
  for (const f of p.functions) {
    assert.ok(p.frames[f.frame], `${where}: function points at a missing frame`);
    finite(f.self, 'self');
    finite(f.total, 'total');
    selfSum += f.self;
    if (p.samples) assert.ok(f.total + eps >= f.self, `${where}: ${frameLabel(p.frames[f.frame]!)} total < self`);
    for (const e of f.callers) assert.equal(e.callee, f.frame, `${where}: caller edge of the wrong function`);
    for (const e of f.callees) assert.equal(e.caller, f.frame, `${where}: callee edge of the wrong function`);
  }
  if (p.format === 'cprofile') assert.equal(selfSum === p.total || Math.abs(selfSum - p.total) <= eps, true, `${where}: Σ self != total`);
  else assert.ok(selfSum <= p.total + eps, `${where}: Σ self ${selfSum} > total ${p.total}`);
  if (p.samples) {
    const s = p.samples;
    let w = 0;
    for (const e of s.entries) {
      assert.ok(e.stack >= 0 && e.stack < s.stacks.length && e.thread < s.threads.length && e.count >= 0);
      w += e.weight;
    }
    assert.ok(Math.abs(w - p.total) <= eps, `${where}: Σ sample weights ${w} != total ${p.total}`);
    for (const st of s.stacks) for (const id of st) assert.ok(id < s.sites.length);
  }
  for (const r of p.related ?? []) checkInvariants(r, `${where} (${r.metric})`);
}

const r = (x: number) => Number(x.toPrecision(10));

/** A stable, readable summary of a profile (the snapshot content). */
export function dump(p: Profile, top = 8): unknown {
  const label = (id: number) => {
    const f = p.frames[id]!;
    return `${f.kind === 'python' ? '' : `[${f.kind}] `}${frameLabel(f)}`;
  };
  const fnRow = (f: Profile['functions'][number]) => ({
    fn: label(f.frame),
    self: r(f.self),
    total: r(f.total),
    ...(f.calls !== undefined ? { calls: f.calls, primitiveCalls: f.primitiveCalls } : {}),
    callers: f.callers.length,
    callees: f.callees.length,
  });
  const bySelf = [...p.functions].sort((a, b) => b.self - a.self || a.frame - b.frame).slice(0, top);
  const byTotal = [...p.functions].sort((a, b) => b.total - a.total || a.frame - b.frame).slice(0, top);
  const out: Record<string, unknown> = {
    format: p.format,
    kind: p.kind,
    unit: p.unit,
    metric: p.metric,
    sampleInterval: p.sampleInterval,
    total: r(p.total),
    frames: p.frames.length,
    functions: p.functions.length,
    topSelf: bySelf.map(fnRow),
    topTotal: byTotal.map(fnRow),
    metadata: p.metadata,
  };
  if (p.lines) {
    out.lines = p.lines.length;
    out.topLines = [...p.lines].sort((a, b) => b.self - a.self || a.line - b.line).slice(0, top).map((l) => ({ at: `${l.file}:${l.line}`, self: r(l.self), total: r(l.total), ...(l.extra ? { extra: Object.fromEntries(Object.entries(l.extra).map(([k, v]) => [k, r(v)])) } : {}) }));
  }
  if (p.samples) {
    const s = p.samples;
    const idle = { true: 0, false: 0, unknown: 0 };
    for (const e of s.entries) idle[e.idle === undefined ? 'unknown' : e.idle ? 'true' : 'false'] += e.weight;
    out.samples = {
      sites: s.sites.length,
      stacks: s.stacks.length,
      entries: s.entries.length,
      rawSamples: s.entries.reduce((n, e) => n + e.count, 0),
      threads: s.threads,
      idleKnown: s.idleKnown,
      weightByIdle: { true: r(idle.true), false: r(idle.false), unknown: r(idle.unknown) },
    };
  }
  if (p.related) out.related = p.related.map((x) => dump(x, 3));
  return out;
}

/** Compares the dump with test/profile/__snapshots__/<name>.json. */
export function matchSnapshot(name: string, value: unknown): void {
  // Snapshots are read from the source tree (not dist): packageFile resolves the repo root.
  const file = packageFile('test', 'profile', '__snapshots__', `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.writeFileSync(file, text);
    return;
  }
  assert.ok(fs.existsSync(file), `missing snapshot ${file} (run with UPDATE_SNAPSHOTS=1 and review it)`);
  assert.deepEqual(JSON.parse(text), JSON.parse(fs.readFileSync(file, 'utf8')), `snapshot ${name} differs`);
}

/** readBoth + snapshot in one line, per fixture. */
export function checkProfileSnapshot(file: string, opts: ReadProfileOptions = {}): Profile {
  const { profile } = readBoth(file, opts);
  matchSnapshot(path.basename(file), dump(profile));
  return profile;
}
