// The report renderers: aligned plain text (colour only when enabled), the documented JSON keys,
// path shortening and the NO_COLOR / FORCE_COLOR / TTY decision.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionTableBuilder } from '../../profile/builders.js';
import { computeReport } from '../../profile/analysis/index.js';
import { reportToJson } from './json.js';
import { shortPath } from './paths.js';
import { ANSI, colourEnabled, PLAIN } from './style.js';
import { renderReportText } from './text.js';

function sampleReport() {
  const b = new FunctionTableBuilder();
  const main = b.frame('main', '/work/app/app.py', 1, 'python');
  const hot = b.frame('parse_records', '/work/app/parsing.py', 40, 'python');
  const sleep = b.frame('<built-in method time.sleep>', '~', 0, 'builtin');
  b.addFunction({ frame: main, self: 0.01, total: 2, calls: 1, primitiveCalls: 1 });
  const h = b.addFunction({ frame: hot, self: 1.5, total: 1.5, calls: 12000, primitiveCalls: 11000 });
  b.addFunction({ frame: sleep, self: 0.49, total: 0.49, calls: 3, primitiveCalls: 3 });
  b.addCaller(h, { caller: main, calls: 12000, primitiveCalls: 11000, self: 1.5, total: 1.5 });
  const profile = b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, 2);
  return computeReport(profile);
}

describe('text report', () => {
  const report = sampleReport();
  const text = renderReportText(report, { source: 'out.prof', cwd: '/work/app' });

  it('has every section and the verdict', () => {
    for (const heading of ['hotspy report: out.prof', 'Top 3 functions by self time', 'Top 3 functions by total time', 'Coverage', 'Verdict: CPU-bound']) {
      assert.ok(text.includes(heading), heading);
    }
    assert.ok(text.includes('parse_records  parsing.py:40'), 'short path relative to cwd');
    assert.ok(text.includes('12000/11000'), 'recursive calls shown as calls/primitive');
  });

  it('aligns the columns of a table', () => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('Top 3 functions by self time'));
    const rows = lines.slice(start + 1, start + 5);
    const ends = rows.map((r) => r.indexOf('%') + 1);
    assert.ok(ends.every((e) => e > 0 && e === ends[0]), `percent column misaligned:\n${rows.join('\n')}`);
  });

  it('shows control characters from the profile as escapes, never raw', () => {
    const b = new FunctionTableBuilder();
    b.addFunction({ frame: b.frame('evil\u001b]0;pwned\u0007', '/x/\u001b[2Jf.py', 1, 'python'), self: 1, total: 1, calls: 1 });
    const r = computeReport(b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, 1));
    const out = renderReportText(r, { cwd: '/x' });
    assert.ok(!out.includes('\u001b'), out);
    assert.ok(out.includes('evil\\u001b]0;pwned\\u0007'));
  });

  it('has no escape codes in plain style, and some with ANSI', () => {
    assert.ok(!text.includes('\u001b['));
    assert.ok(renderReportText(report, { style: ANSI }).includes('\u001b[1m'));
  });
});

describe('JSON report', () => {
  it('carries the documented keys', () => {
    const json = reportToJson(sampleReport(), { profile: 'out.prof' }) as Record<string, any>;
    for (const key of ['version', 'unit', 'total', 'functions', 'top_self', 'top_total', 'lines', 'coverage', 'verdict']) {
      assert.ok(key in json, key);
    }
    const f = json.functions[0];
    assert.deepEqual(Object.keys(f), [
      'name', 'file', 'line', 'kind', 'label', 'calls', 'primitive_calls', 'self', 'total', 'self_share', 'total_share', 'callers', 'callers_omitted',
    ]);
    assert.equal(f.name, 'parse_records');
    assert.equal(f.primitive_calls, 11000);
    assert.equal(f.callers[0].name, 'main');
    assert.equal(f.callers[0].total, 1.5);
    assert.equal(json.lines, null);
    assert.deepEqual(json.coverage.levels.map((l: any) => l.share), [0.5, 0.8, 0.95]);
    assert.equal(json.verdict.kind, 'cpu');
    assert.equal(json.verdict.basis, 'waiting-calls');
    assert.equal(json.verdict.categories.sleep, 0.245);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(json)));
  });
});

describe('paths and colour', () => {
  it('shortens paths for display', () => {
    assert.equal(shortPath('/home/u/proj/app/x.py', '/home/u/proj'), 'app/x.py');
    assert.equal(shortPath('/usr/lib/python3.11/json/decoder.py', '/tmp'), 'json/decoder.py');
    assert.equal(shortPath('/v/lib/python3.12/site-packages/numpy/core/a.py', '/tmp'), 'numpy/core/a.py');
    assert.equal(shortPath('<frozen runpy>', '/tmp'), '<frozen runpy>');
    assert.ok(shortPath(`/x/${'d/'.repeat(50)}f.py`, '/tmp', 30).length <= 30);
  });

  it('colours a TTY unless NO_COLOR, and anything with FORCE_COLOR', () => {
    assert.equal(colourEnabled({ isTTY: true }, {}), true);
    assert.equal(colourEnabled({ isTTY: false }, {}), false);
    assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(PLAIN.bold('x'), 'x');
  });
});
