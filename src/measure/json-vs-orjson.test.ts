// The HS401 measurement really runs the machine's Python: stdlib json and orjson both timed when
// orjson imports, the stdlib alone (and a clear note) when it does not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureJson, renderJsonMeasurement } from './json-vs-orjson.js';
import { MeasureError } from './python.js';

const QUICK = { records: 100, repeat: 1, seconds: 0.005 };

function orjsonImportable(): boolean {
  try {
    return measureJson('python3', QUICK).orjson !== null;
  } catch {
    return false;
  }
}

describe('measure: json vs orjson (HS401)', () => {
  it('times dumps, loads and indented dumps with the stdlib, and orjson when importable', { skip: !orjsonImportable() && 'orjson is not installed for python3' }, () => {
    const m = measureJson('python3', QUICK);
    assert.ok(m.bytes > 10_000, `payload of ${m.bytes} bytes`);
    for (const t of [m.stdlib, m.orjson!]) for (const v of [t.dumps, t.loads, t.dumps_indent]) assert.ok(v > 0 && v < 5, String(v));
    const text = renderJsonMeasurement(m);
    assert.match(text, /orjson \S+ +orjson is/);
    assert.match(text, /^dumps +[\d.]+ (ms|µs) +[\d.]+ (ms|µs) +[\d.]+× faster$/m);
  });

  it('says clearly when orjson cannot be imported, and still measures the stdlib', () => {
    // a module named orjson that fails to import shadows any installed one
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-no-orjson-'));
    fs.writeFileSync(path.join(dir, 'orjson.py'), 'raise ImportError("orjson hidden by the test")\n');
    try {
      const m = measureJson('python3', { ...QUICK, env: { ...process.env, PYTHONPATH: dir } });
      assert.equal(m.orjson, null);
      assert.match(m.orjson_missing ?? '', /hidden by the test/);
      const text = renderJsonMeasurement(m);
      assert.match(text, /orjson is not importable in this Python \(ImportError: orjson hidden by the test\)/);
      assert.match(text, /^loads +[\d.]+ (ms|µs) +\d+ MB\/s$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a missing interpreter into a MeasureError', () => {
    assert.throws(() => measureJson('/nonexistent/python3', QUICK), MeasureError);
  });
});
