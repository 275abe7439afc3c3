// `hotspy ast`: the tree on stdout (the same JSON CPython's ast gives, checked on the BOM and
// latin-1 snippets), syntax errors as `path:line:col: SyntaxError: message` with exit 1,
// --partial, --target-version, and unreadable files as one line with exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../src/util/package-root.js';
import { firstJsonDifference } from './parse-oracle/json-diff.js';
import { oracleDir, requirePython, ORACLE_VERSION } from './parse-oracle/pythons.js';

const CLI = packageFile('dist', 'src', 'cli', 'main.js');
const hotspy = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

function withFile(name: string, content: string | Uint8Array, fn: (file: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-ast-cmd-'));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('prints the same tree as CPython 3.13 for BOM, latin-1 and CRLF files', () => {
  const python = requirePython(ORACLE_VERSION);
  for (const name of ['bom.py', 'latin1_coding.py', 'crlf_endings.py', 'identifiers_nfkc.py']) {
    const file = path.join(oracleDir(), 'snippets', name);
    const run = hotspy('ast', '--compact', file);
    assert.equal(run.status, 0, run.stderr);
    const line = execFileSync(python, [path.join(oracleDir(), 'dump_ast.py'), file], { encoding: 'utf8' });
    const theirs = JSON.stringify((JSON.parse(line) as { tree: unknown }).tree);
    assert.equal(firstJsonDifference(run.stdout.trim(), theirs), undefined, name);
  }
});

test('indented by default, one line with --compact, same tree', () => {
  withFile('ok.py', 'x = 1.0\n', (file) => {
    const pretty = hotspy('ast', file);
    const compact = hotspy('ast', '--compact', file);
    assert.equal(pretty.status, 0);
    assert.ok(pretty.stdout.split('\n').length > 10);
    assert.equal(compact.stdout.trimEnd().split('\n').length, 1);
    assert.deepEqual(JSON.parse(pretty.stdout), JSON.parse(compact.stdout));
    assert.match(compact.stdout, /"value":1\.0,/, 'a float stays a float');
  });
});

test('syntax errors: one line each on stderr, exit 1, no tree unless --partial', () => {
  withFile('broken.py', 'a = 1\nb = (1,\n', (file) => {
    const run = hotspy('ast', file);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:5: SyntaxError: '\\(' was never closed\\n$`));
    const partial = hotspy('ast', '--partial', '--compact', file);
    assert.equal(partial.status, 1);
    assert.equal(JSON.parse(partial.stdout)._type, 'Module');
  });
});

test('error columns are 1-based characters (as CPython and hotspy check count), not bytes', () => {
  withFile('wide.py', 'x = "é😀" +\n', (file) => {
    const run = hotspy('ast', file);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /wide\.py:1:11: SyntaxError: /);
  });
});

test('--target-version reports newer syntax as "requires Python 3.X"', () => {
  withFile('match.py', 'match x:\n    case 1:\n        pass\n', (file) => {
    const old = hotspy('ast', '--target-version', '3.9', file);
    assert.equal(old.status, 1);
    assert.match(old.stderr, /match\.py:1:1: SyntaxError: .*requires Python 3\.10/);
    assert.equal(hotspy('ast', '--target-version', '3.10', file).status, 0);
    const bad = hotspy('ast', '--target-version', '2.7', file);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected a Python version from 3\.8 to 3\.13/);
  });
});

test('unreadable files: one line naming the file, exit 2', () => {
  const missing = hotspy('ast', '/nonexistent/dir/x.py');
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'hotspy: cannot read /nonexistent/dir/x.py: no such file\n');
  const dir = hotspy('ast', os.tmpdir());
  assert.equal(dir.status, 2);
  assert.equal(dir.stderr.trimEnd().split('\n').length, 1);
});
