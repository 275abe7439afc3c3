// Hostile input through the parser API and through `hotspy ast`: each case must finish within
// its time limit (run in a child process, so a hang is killed, not waited for), never crash,
// and end in a tree or in clear errors: a one-line message naming the file for the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BAD_INPUTS } from './bad-input-cases.js';
import { parse } from '../../src/parse/index.js';
import { packageFile } from '../../src/util/package-root.js';

const TIME_LIMIT_MS = 20_000;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bad-input-child.js');
const CLI = packageFile('dist', 'src', 'cli', 'main.js');

interface Summary {
  decodeError?: string;
  errors?: { lineno: number; col: number; message: string }[];
  statements?: number;
  jsonBytes?: number;
}

for (const name of Object.keys(BAD_INPUTS)) {
  test(`parser API survives: ${name}`, () => {
    const run = spawnSync(process.execPath, [CHILD, name], { encoding: 'utf8', timeout: TIME_LIMIT_MS, maxBuffer: 1 << 20 });
    assert.equal(run.signal, null, `killed after ${TIME_LIMIT_MS} ms (hang?) or crashed: ${run.stderr}`);
    assert.equal(run.status, 0, `child failed: ${run.stderr.slice(0, 2000)}`);
    const summary = JSON.parse(run.stdout) as Summary;
    if (summary.errors) {
      for (const e of summary.errors) {
        assert.ok(e.message.length > 0 && !e.message.includes('\n'), `error messages are one clear line: ${JSON.stringify(e)}`);
        assert.ok(!/internal parser error/.test(e.message), `the parser crashed inside: ${e.message}`);
        assert.ok(e.lineno >= 1, `errors have a line: ${JSON.stringify(e)}`);
      }
      assert.ok(summary.jsonBytes! > 0, 'the (recovered) tree serializes');
    } else {
      assert.ok(summary.decodeError, 'undecodable input says why');
    }
  });

  test(`hotspy ast survives: ${name}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-bad-input-'));
    try {
      const file = path.join(dir, 'input.py');
      fs.writeFileSync(file, BAD_INPUTS[name]!());
      // stdout goes to a file: some trees are 100 MB of JSON, not worth holding in this process.
      const outFile = path.join(dir, 'out.json');
      const out = fs.openSync(outFile, 'w');
      const run = spawnSync(process.execPath, [CLI, 'ast', '--compact', file], { encoding: 'utf8', timeout: TIME_LIMIT_MS, stdio: ['ignore', out, 'pipe'] });
      fs.closeSync(out);
      assert.equal(run.signal, null, `killed after ${TIME_LIMIT_MS} ms (hang?) or crashed: ${run.stderr.slice(0, 500)}`);
      assert.ok(run.status === 0 || run.status === 1, `exit 0 (parsed) or 1 (syntax errors), got ${run.status}: ${run.stderr.slice(0, 500)}`);
      const size = fs.statSync(outFile).size;
      if (run.status === 0) {
        assert.equal(run.stderr, '');
        const head = Buffer.alloc(Math.min(size, 64));
        const fd = fs.openSync(outFile, 'r');
        fs.readSync(fd, head, 0, head.length, 0);
        fs.closeSync(fd);
        assert.match(head.toString('latin1'), /^\{"_type":"Module","body":\[/);
        if (size < 10_000_000) assert.equal(JSON.parse(fs.readFileSync(outFile, 'utf8'))._type, 'Module');
      } else {
        assert.equal(size, 0, 'no tree without --partial');
        const lines = run.stderr.trimEnd().split('\n');
        for (const line of lines) assert.match(line, /^.*input\.py(:\d+:\d+)?: SyntaxError: \S/, `one line per error naming the file: ${line.slice(0, 300)}`);
        assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/, 'no crash or stack trace');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('empty source: an empty module, no errors', () => {
  const result = parse('');
  assert.deepEqual(result.module, { _type: 'Module', body: [], type_ignores: [] });
  assert.deepEqual(result.errors, []);
});

test('CPython refuses 10k nested parentheses at line 1, and so does hotspy', () => {
  const result = parse('x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '\n');
  assert.ok(result.errors.length > 0);
  assert.equal(result.errors[0]!.lineno, 1);
});

test('after a broken statement the rest of the file is still parsed (recovery)', () => {
  const result = parse('a = 1\ndef f(:\n    pass\nz = 3\n\ndef g():\n    return 2\n');
  assert.ok(result.errors.length > 0);
  assert.equal(result.errors[0]!.lineno, 2);
  const names = result.module.body.map((s) => (s._type === 'Assign' ? (s.targets[0] as { id?: string }).id : s._type === 'FunctionDef' ? s.name : s._type));
  assert.ok(names.includes('a'), `statements before the error survive: ${names.join(', ')}`);
  assert.ok(names.includes('z') && names.includes('g'), `statements after the broken region survive: ${names.join(', ')}`);
  assert.ok(result.errors[0]!.brokenRegion, 'the broken region is marked');
});
