// Scalene JSON reader on the real 1.5.16 samples: per-line CPU shares become seconds of the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkProfileSnapshot, fixture } from '../../../test/profile/check-profile.js';

for (const name of ['scalene-1.5.16_py3.11.json', 'scalene-1.5.16_py3.11_cpu-only.json']) {
  test(`scalene: ${name}`, () => {
    const file = fixture('scalene', name);
    const p = checkProfileSnapshot(file);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const rec of raw.files['scal.py'].lines) {
      const line = p.lines!.find((l) => l.file === 'scal.py' && l.line === rec.lineno)!;
      const pct = rec.n_cpu_percent_python + rec.n_cpu_percent_c + rec.n_sys_percent;
      assert.equal(line.self, (pct / 100) * raw.elapsed_time_sec);
      assert.equal(line.extra!.cpu_python_percent, rec.n_cpu_percent_python);
      assert.equal(line.extra!.malloc_mb, rec.n_malloc_mb);
    }
    const inner = p.functions.find((f) => p.frames[f.frame]!.name === 'Work.inner')!;
    assert.equal(p.frames[inner.frame]!.line, 3);
    assert.equal(raw.memory ? p.related?.[0]?.unit : undefined, raw.memory ? 'bytes' : undefined);
  });
}
