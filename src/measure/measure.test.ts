// Measurements really run the machine's Python: sizes are sane, the cache is per interpreter and
// lives where XDG says, and a missing interpreter is one clear error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { packageFile } from '../util/package-root.js';
import { MeasureError, cacheDir, identifyPython, measureSlots, measuredFactsFor, measurementFor } from './index.js';

describe('measure: __slots__', () => {
  it('measures a slotted instance smaller than one with a __dict__', () => {
    const m = measureSlots('python3', [2, 5], 2000);
    assert.equal(m.rows.length, 2);
    for (const row of m.rows) {
      assert.ok(row.traced.slots < row.traced.dict, JSON.stringify(row));
      assert.ok(row.getsizeof.slots < row.getsizeof.dict, JSON.stringify(row));
      assert.equal(row.getsizeof.slots, row.traced.slots, 'a slotted object allocates exactly what getsizeof reports');
    }
    assert.match(m.python.version, /^3\.\d+\.\d+$/);
  });

  it('caches the facts per interpreter under $XDG_CACHE_HOME/hotspy', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-cache-'));
    const env = { ...process.env, XDG_CACHE_HOME: home };
    assert.equal(cacheDir(env), path.join(home, 'hotspy'));
    const facts = measuredFactsFor('python3', env);
    assert.ok(facts?.slots && facts.slots.byAttributeCount.length === 16);
    const files = fs.readdirSync(path.join(home, 'hotspy'));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^measure-slots-[0-9a-f]{16}\.json$/);
    // A second call reads the cache: the file is unchanged and the facts are equal.
    const before = fs.statSync(path.join(home, 'hotspy', files[0]!)).mtimeMs;
    assert.deepEqual(measuredFactsFor('python3', env), facts);
    assert.equal(fs.statSync(path.join(home, 'hotspy', files[0]!)).mtimeMs, before);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('reports a missing interpreter as a one-line MeasureError', () => {
    assert.throws(() => identifyPython('/nonexistent/python3'), (err: unknown) => err instanceof MeasureError && /not found/.test(err.message) && !err.message.includes('\n'));
    assert.equal(measuredFactsFor('/nonexistent/python3'), undefined);
    assert.throws(() => measurementFor('HS201')!({ python: '/nonexistent/python3' }), MeasureError);
  });

  it('renders both measurements and the saving per million instances', () => {
    const text = measurementFor('HS201')!({ python: 'python3', attributes: 11 });
    assert.match(text, /getsizeof dict/);
    assert.match(text, /allocated slots/);
    assert.match(text, /saved per 1M instances/);
    assert.match(text, /^11 +\d+ B/m, 'the user-given attribute count is measured too');
  });
});

describe('hotspy explain --measure (CLI)', () => {
  const cli = packageFile('dist', 'src', 'cli', 'main.js');
  it('exits 1 with one clear line when the Python cannot be run', () => {
    const run = spawnSync(process.execPath, [cli, 'explain', 'HS201', '--measure', '--python', '/nonexistent/python3'], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^hotspy: cannot run Python "\/nonexistent\/python3": not found/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  });
  it('refuses a rule without a measurement (exit 2)', () => {
    const run = spawnSync(process.execPath, [cli, 'explain', 'HS108', '--measure'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /HS108 has no measurement/);
  });
});
