// The waiting-call names are checked against what cProfile really records: a fixture program
// makes one blocking call of each kind under `python -m cProfile` on several Pythons, and every
// expected builtin must be found and put in the right category (and computing calls in none).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readProfileFile } from '../readers/index.js';
import { packageFile } from '../../util/package-root.js';
import type { Profile } from '../model.js';
import { waitCategoryOfBuiltin, waitCategoryOfLeafFrame } from './waiting.js';

const PYTHONS = ['python3', '/root/.pyenv/versions/3.8.18/bin/python3', '/root/.pyenv/versions/3.13.0/bin/python3'].filter(
  (p) => p === 'python3' || fs.existsSync(p),
);

const EXPECTED: Array<[string, string]> = [
  ['<built-in method time.sleep>', 'sleep'],
  ["<method 'recv' of '_socket.socket' objects>", 'network'],
  ["<method 'sendall' of '_socket.socket' objects>", 'network'],
  ["<method 'connect' of '_socket.socket' objects>", 'network'],
  ["<method '_accept' of '_socket.socket' objects>", 'network'],
  ["<method 'recv_into' of '_socket.socket' objects>", 'network'],
  ['<built-in method select.select>', 'select'],
  ["<method 'poll' of 'select.poll' objects>", 'select'],
  ["<method 'poll' of 'select.epoll' objects>", 'select'],
  ["<method 'acquire' of '_thread.lock' objects>", 'sync'],
  ["<method 'get' of '_queue.SimpleQueue' objects>", 'sync'],
  ['<built-in method posix.waitpid>', 'process'],
  ['<built-in method posix.read>', 'file'],
  ['<built-in method posix.write>', 'file'],
  ["<method 'read' of '_io.BufferedReader' objects>", 'file'],
  ["<method 'read' of '_ssl._SSLSocket' objects>", 'network'],
];

function profileFixture(python: string): Profile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-waits-'));
  try {
    const out = path.join(dir, 'waits.prof');
    execFileSync(python, ['-m', 'cProfile', '-o', out, packageFile('src', 'profile', 'analysis', 'fixtures', 'blocking_calls.py')], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    return readProfileFile(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('waiting calls as cProfile records them', () => {
  for (const python of PYTHONS) {
    it(`recognises every blocking builtin (${python})`, () => {
      const profile = profileFixture(python);
      const found = new Map<string, string | undefined>();
      for (const f of profile.functions) {
        const frame = profile.frames[f.frame]!;
        if (frame.kind === 'builtin') found.set(frame.name, waitCategoryOfBuiltin(frame));
      }
      for (const [name, category] of EXPECTED) {
        assert.ok(found.has(name), `${python} did not record ${name}`);
        assert.equal(found.get(name), category, name);
      }
      // Calls that compute (or only set things up) must not count as waiting.
      for (const name of ['<built-in method builtins.exec>', "<method 'append' of 'list' objects>", '<built-in method _socket.socketpair>']) {
        if (found.has(name)) assert.equal(found.get(name), undefined, name);
      }
    });
  }
});

describe('bare and leaf names', () => {
  it('knows the owner-less names of the pure-Python profiler and pyinstrument', () => {
    assert.equal(waitCategoryOfBuiltin({ name: 'sleep', file: '<built-in>', line: 0, kind: 'builtin' }), 'sleep');
    assert.equal(waitCategoryOfBuiltin({ name: 'len', file: '', line: 0, kind: 'builtin' }), undefined);
  });

  it('recognises blocking stdlib functions by file and name, not by name alone', () => {
    assert.equal(waitCategoryOfLeafFrame({ name: 'wait', file: '/usr/lib/python3.11/threading.py', line: 300, kind: 'python' }), 'sync');
    assert.equal(waitCategoryOfLeafFrame({ name: 'select', file: '<frozen selectors>', line: 1, kind: 'python' }), undefined);
    assert.equal(waitCategoryOfLeafFrame({ name: 'wait', file: '/app/jobs.py', line: 3, kind: 'python' }), undefined);
  });
});
