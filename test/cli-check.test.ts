// End-to-end: the built CLI on real temporary trees. Exit codes, JSON shape, .gitignore and
// virtualenv exclusion, undecodable and syntactically broken files, determinism across --jobs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../src/util/package-root.js';

const CLI = packageFile('dist', 'src', 'cli', 'main.js');
let root: string;

function hotspy(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(rel: string, content: string | Uint8Array): void {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}

describe('hotspy check (end to end)', () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-cli-'));
    fs.mkdirSync(path.join(root, 'proj', '.git'), { recursive: true });
    write('proj/.gitignore', 'ignored/\n');
    write('proj/app.py', 'def cheapest(offers):\n    return sorted(offers, key=lambda o: o.price)[0]\n');
    write('proj/clean.py', 'def cheapest(offers):\n    return min(offers, key=lambda o: o.price)\n');
    write('proj/ignored/bad.py', 'x = sorted(a)[0]\n');
    write('proj/venv2/pyvenv.cfg', 'home = /usr\n');
    write('proj/venv2/lib/m.py', 'x = sorted(a)[0]\n');
    write('proj/broken.py', 'y = sorted(b)[-1]\n\ndef f(:\n    pass\n');
    write('proj/latin.py', Buffer.concat([Buffer.from('# coding: latin-1\ns = "caf'), Buffer.from([0xe9]), Buffer.from('"\nz = sorted(s)[0]\n')]));
    write('proj/undecodable.py', Buffer.concat([Buffer.from('s = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]));
    for (let i = 0; i < 130; i++) write(`many/m${String(i).padStart(3, '0')}.py`, `a${i} = sorted(v)[${i % 2 ? '-1' : '0'}]\nb = 1\n`);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits 0 on a clean file', () => {
    const r = hotspy('check', 'proj/clean.py');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No findings/);
  });

  it('prints findings with an excerpt, a help line and a summary; exits 1', () => {
    const r = hotspy('check', 'proj/app.py');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^proj\/app\.py:2:12: HS108 \[\*\] /m);
    assert.match(r.stdout, /^2 \|     return sorted\(offers, key=lambda o: o\.price\)\[0\]$/m);
    assert.match(r.stdout, /^ {2}\| {12}\^{40}$/m);
    assert.match(r.stdout, /= help: Replace with `min\(\.\.\.\)`/);
    assert.match(r.stdout, /1 +HS108 +sorted-then-indexed/);
  });

  it('walks a folder: honours .gitignore, skips virtualenvs, decodes PEP 263, skips undecodable files, reports syntax errors once', () => {
    const r = hotspy('check', 'proj', '--format', 'json');
    assert.equal(r.code, 1);
    const entries = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const where = entries.map((e) => `${e.filename}:${(e.location as { row: number }).row} ${e.code ?? e.name}`);
    assert.deepEqual(where, ['proj/app.py:2 HS108', 'proj/broken.py:1 HS108', 'proj/broken.py:3 syntax-error', 'proj/latin.py:3 HS108']);
    assert.match(r.stderr, /^proj\/undecodable\.py: cannot decode as utf-8: invalid UTF-8 byte sequence at line 1$/m);
  });

  it('prints Ruff-shaped JSON with hotspy fields', () => {
    const [entry] = JSON.parse(hotspy('check', 'proj/app.py', '--format', 'json').stdout);
    assert.deepEqual(Object.keys(entry).sort(), ['code', 'end_location', 'family', 'filename', 'fix', 'location', 'message', 'name', 'noqa_row', 'severity', 'url'].sort());
    assert.deepEqual(entry.location, { row: 2, column: 12 });
    assert.deepEqual(entry.end_location, { row: 2, column: 52 });
    assert.equal(entry.fix.applicability, 'unsafe');
    assert.deepEqual(entry.fix.edits, [{ content: 'min(offers, key=lambda o: o.price)', location: { row: 2, column: 12 }, end_location: { row: 2, column: 52 } }]);
    assert.equal(entry.url, 'docs/rules/HS108.md');
    assert.equal(entry.noqa_row, 2);
  });

  it('gives the same output on worker threads as on one thread', () => {
    const one = hotspy('check', 'many', '--format', 'json', '--jobs', '1');
    const two = hotspy('check', 'many', '--format', 'json', '--jobs', '2');
    assert.equal(one.code, 1);
    assert.equal(JSON.parse(one.stdout).length, 130); // enough files for a worker thread (64 per thread)
    assert.equal(two.stdout, one.stdout);
  });

  it('honours --select, --ignore and --exit-zero', () => {
    assert.equal(hotspy('check', 'proj/app.py', '--ignore', 'HS1').code, 0);
    assert.equal(hotspy('check', 'proj/app.py', '--select', 'HS108').code, 1);
    assert.equal(hotspy('check', 'proj/app.py', '--exit-zero').code, 0);
  });

  it('exits 2 on usage errors with a one-line message', () => {
    const missing = hotspy('check', 'nope.py');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.py: no such file or directory/);
    assert.equal(hotspy('check', 'proj', '--select', 'XYZ').code, 2);
    assert.equal(hotspy('check', 'proj', '--format', 'xml').code, 2);
    assert.equal(hotspy('check', 'proj', '--target-version', '2.7').code, 2);
    assert.equal(hotspy('check', 'proj', '--jobs', '0').code, 2);
  });

  it('lists rules and explains one', () => {
    const rules = JSON.parse(hotspy('rules', '--format', 'json').stdout) as Array<{ code: string; name: string }>;
    assert.ok(rules.some((r) => r.code === 'HS108' && r.name === 'sorted-then-indexed'));
    const explain = hotspy('explain', 'hs108');
    assert.equal(explain.code, 0);
    for (const heading of ['What it does', 'Why it is slow', 'Example', 'Use instead', 'Evidence', 'Also known as']) assert.ok(explain.stdout.includes(heading), heading);
    const unknown = hotspy('explain', 'HS999');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown rule "HS999"/);
  });
});

describe('the built bin', () => {
  it('is executable, so `npx hotspy` runs it through its shebang (the build sets the mode)', (t) => {
    if (process.platform === 'win32') return t.skip('no executable bit on Windows');
    const bin = JSON.parse(fs.readFileSync(packageFile('package.json'), 'utf8')).bin.hotspy as string;
    assert.equal(packageFile(...bin.split('/')), CLI);
    assert.ok((fs.statSync(CLI).mode & 0o111) !== 0, `${CLI} is not executable`);
    assert.ok(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
