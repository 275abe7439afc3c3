// File discovery on real temporary trees: .gitignore (nested, negated), default excludes,
// virtualenvs, explicit files, missing paths, sorted output.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverPythonFiles } from './discover.js';

let root: string;

function write(rel: string, text = 'x = 1\n'): void {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

const rel = (files: string[]) => files.map((f) => path.relative(root, f));

describe('discoverPythonFiles', () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-discover-'));
    fs.mkdirSync(path.join(root, '.git'));
    write('.gitignore', 'generated/\n*_pb2.py\n');
    write('app/main.py');
    write('app/models.pyi');
    write('app/notes.txt');
    write('app/api_pb2.py');
    write('app/generated/out.py');
    write('app/sub/.gitignore', 'local_*.py\n!local_keep.py\n');
    write('app/sub/local_tmp.py');
    write('app/sub/local_keep.py');
    write('app/sub/b.py');
    write('app/sub/a.py');
    write('.venv/lib/site.py');
    write('env/pyvenv.cfg', 'home = /usr/bin\n');
    write('env/lib/python3.11/site-packages/pkg.py');
    write('node_modules/x/y.py');
    write('app/__pycache__/main.py');
    write('build/lib/app.py');
    write('dist/app.py');
    write('.tox/py311/z.py');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds .py and .pyi files in sorted order, honouring .gitignore and default excludes', () => {
    const result = discoverPythonFiles([root]);
    assert.deepEqual(rel(result.files), ['app/main.py', 'app/models.pyi', 'app/sub/a.py', 'app/sub/b.py', 'app/sub/local_keep.py']);
    assert.deepEqual(result.missing, []);
  });

  it('says why folders were skipped', () => {
    const reasons = Object.fromEntries(discoverPythonFiles([root]).skippedDirs.map((s) => [path.relative(root, s.path), s.reason]));
    assert.equal(reasons['env'], 'virtual environment');
    assert.equal(reasons['.venv'], 'excluded by default');
    assert.equal(reasons['app/generated'], 'ignored by .gitignore');
  });

  it('applies .gitignore files above the start folder, up to the git root', () => {
    assert.deepEqual(rel(discoverPythonFiles([path.join(root, 'app')]).files), ['app/main.py', 'app/models.pyi', 'app/sub/a.py', 'app/sub/b.py', 'app/sub/local_keep.py']);
  });

  it('walks a given folder that a .gitignore above ignores, applying only the ignore files inside it', () => {
    // e.g. `hotspy check ~/.pyenv/versions/3.11.7/lib/python3.11`, where ~/.pyenv/.gitignore has /versions
    const given = path.join(root, 'app/generated');
    assert.deepEqual(rel(discoverPythonFiles([given]).files), ['app/generated/out.py']);
  });

  it('always checks explicitly given files, even ignored ones', () => {
    const ignored = path.join(root, 'app/api_pb2.py');
    assert.deepEqual(discoverPythonFiles([ignored]).files, [ignored]);
  });

  it('walks an explicitly given folder even if its name is excluded by default', () => {
    assert.deepEqual(rel(discoverPythonFiles([path.join(root, 'build')]).files), ['build/lib/app.py']);
  });

  it('reports missing paths and deduplicates', () => {
    const main = path.join(root, 'app/main.py');
    const result = discoverPythonFiles([main, main, path.join(root, 'nope')]);
    assert.deepEqual(result.files, [main]);
    assert.deepEqual(result.missing, [{ path: path.join(root, 'nope'), message: 'no such file or directory' }]);
  });
});
