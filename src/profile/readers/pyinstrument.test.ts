// pyinstrument JSON reader on the real 5.1.2 sample: self times from the inclusive tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkProfileSnapshot, fixture } from '../../../test/profile/check-profile.js';
import { readProfile } from './index.js';

const file = fixture('pyinstrument', 'pyinstrument-5.1.2_py3.11.json');

test('pyinstrument: real JSON sample', () => {
  const p = checkProfileSnapshot(file);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Times are printed with 6 decimals, so children may exceed their parent by 1e-6.
  assert.ok(Math.abs(p.total - raw.root_frame.time) <= 2e-6, 'total = root time');
  const byName = (n: string) => p.functions.find((f) => p.frames[f.frame]!.name === n)!;
  // Leaves keep their whole time as self; the root keeps what its children do not explain.
  const sleep = raw.root_frame.children.find((c: any) => c.function === 'sleep');
  assert.equal(byName('sleep').self, sleep.time);
  assert.equal(p.frames[byName('sleep').frame]!.kind, 'builtin');
  assert.ok(Math.abs(byName('<module>').total - raw.root_frame.time) <= 2e-6);
  assert.equal(p.metadata.sample_count, raw.sample_count);
  assert.equal(p.metadata.program, 'Program: busy2.py');
});

test('pyinstrument: [self] folds into the parent and [await] time is idle', () => {
  const doc = {
    duration: 1,
    sample_count: 3,
    root_frame: {
      function: 'main', file_path: 'app.py', line_no: 1, time: 1,
      children: [
        { function: '[self]', file_path: '', line_no: 0, time: 0.25, children: [] },
        { function: 'fetch', file_path: 'app.py', line_no: 9, time: 0.75, children: [{ function: '[await]', file_path: '', line_no: 0, time: 0.5, children: [] }] },
      ],
    },
  };
  const p = readProfile(Buffer.from(JSON.stringify(doc)), 'unknown');
  const main = p.functions.find((f) => p.frames[f.frame]!.name === 'main')!;
  assert.equal(main.self, 0.25);
  assert.ok(!p.frames.some((f) => f.name === '[self]'));
  const idle = p.samples!.entries.filter((e) => e.idle === true).reduce((s, e) => s + e.weight, 0);
  assert.equal(idle, 0.5);
  assert.equal(p.total, 1);
});
