// speedscope reader: pyinstrument's real evented file, and py-spy style sampled profiles built
// from real Austin stacks, which must give the Austin reader's per-function costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkProfileSnapshot, fixture, readBoth } from '../../../test/profile/check-profile.js';
import { austinSamples, toSpeedscope } from '../../../test/profile/convert.js';
import { readProfile } from './index.js';
import { ProfileFormatError } from '../errors.js';

const pyiFile = fixture('pyinstrument', 'pyinstrument-5.1.2_py3.11_speedscope.json');

test('speedscope: pyinstrument evented profile', () => {
  const p = checkProfileSnapshot(pyiFile);
  const raw = JSON.parse(fs.readFileSync(pyiFile, 'utf8'));
  const prof = raw.profiles[0];
  // Time is charged between events while a frame is open: the root frame is open throughout.
  const firstOpen = prof.events[0].at;
  const lastClose = prof.events[prof.events.length - 1].at;
  assert.ok(Math.abs(p.total - (lastClose - firstOpen)) < 1e-12);
  // pyinstrument's frame line is the function's first line: it is the frame's, no line costs.
  assert.equal(p.lines, undefined);
  assert.ok(p.frames.some((f) => f.name === 'inner' && f.line > 0));
  assert.equal(p.metadata.tool, 'pyinstrument');
  // `[self]` is the parent's own time: folded in, never a function of its own.
  assert.ok(!p.frames.some((f) => f.name === '[self]'));
  // In this file `[self]` sits under `<listcomp>` between 0.0215… and 0.0320… seconds.
  const listcomp = p.functions.find((f) => p.frames[f.frame]!.name === '<listcomp>')!;
  assert.ok(Math.abs(listcomp.self - (0.032006063999688195 - 0.02153111200004787)) < 1e-12);
});

test('speedscope: py-spy sampled profiles per thread match Austin on the same stacks', () => {
  const austinText = fs.readFileSync(fixture('austin', 'austin-3.7.0_py3.12_wall.txt'), 'utf8');
  const austin = readProfile(Buffer.from(austinText), 'a.txt');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-speedscope-'));
  try {
    const file = path.join(dir, 'busy2-pyspy.speedscope.json');
    fs.writeFileSync(file, toSpeedscope(austinSamples(austinText)));
    const { profile } = readBoth(file);
    assert.equal(profile.unit, 'seconds');
    assert.equal(profile.samples!.threads.length, 2);
    assert.ok(profile.samples!.threads.some((t) => t.name === 'MainThread' && t.tid === '17629'));
    const key = (p: typeof profile, id: number) => `${p.frames[id]!.file}:${p.frames[id]!.name}`;
    const a = new Map(austin.functions.map((f) => [key(austin, f.frame), f.self]));
    for (const f of profile.functions) {
      const expected = a.get(key(profile, f.frame));
      assert.ok(expected !== undefined && Math.abs(expected - f.self) < 1e-12, key(profile, f.frame));
    }
    assert.ok(profile.lines && profile.lines.length > 10, 'py-spy frames carry executing lines');
    checkProfileSnapshot(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('speedscope: broken structure gives one-line errors with the JSON position', () => {
  const base = JSON.parse(fs.readFileSync(pyiFile, 'utf8'));
  const cases: Array<[string, (d: any) => void, RegExp]> = [
    ['bad frame index', (d) => (d.profiles[0].events[3].frame = 999), /profiles\[0\]\.events\[3\]\.frame: expected an index below/],
    ['unbalanced', (d) => d.profiles[0].events.pop(), /still open at the end/],
    ['wrong close', (d) => (d.profiles[0].events[5].frame = 0), /events\[5\]: closes frame 0/],
    ['time goes back', (d) => (d.profiles[0].events[6].at = -1), /events go back in time/],
    ['unknown unit', (d) => (d.profiles[0].unit = 'parsecs'), /unknown unit/],
    ['no profiles', (d) => (d.profiles = []), /no profiles/],
  ];
  for (const [what, edit, expected] of cases) {
    const d = structuredClone(base);
    edit(d);
    assert.throws(
      () => readProfile(Buffer.from(JSON.stringify(d)), 'p.speedscope.json'),
      (e: unknown) => e instanceof ProfileFormatError && expected.test(e.message) && !e.message.includes('\n') && e.message.startsWith('p.speedscope.json: '),
      what,
    );
  }
});
