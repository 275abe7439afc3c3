// Collapsed-stack reader: real stacks (Austin 3.7.0 samples re-encoded as py-spy raw with
// --threads/--subprocesses) must give the same per-function and per-line costs as the Austin
// reader on the original file; encodings and compression must not change the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { checkInvariants, checkProfileSnapshot, dump, fixture, readBoth } from '../../../test/profile/check-profile.js';
import { austinSamples, toCollapsed } from '../../../test/profile/convert.js';
import { readProfile } from './index.js';
import { parseFrame } from './collapsed.js';
import type { Profile } from '../model.js';

const austinFile = fixture('austin', 'austin-3.7.0_py3.12_wall.txt');
const austinText = fs.readFileSync(austinFile, 'utf8');

function selfByFunction(p: Profile, scale: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of p.functions) {
    const fr = p.frames[f.frame]!;
    m.set(`${fr.file}:${fr.name}`, Math.round(f.self * scale));
  }
  return m;
}

test('collapsed (py-spy raw --threads) matches the Austin reader on the same real stacks', () => {
  const austin = readProfile(Buffer.from(austinText), 'a.txt');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-collapsed-'));
  try {
    for (const opts of [{}, { threads: true }, { threads: true, processes: true }]) {
      const file = path.join(dir, `busy2-${Object.keys(opts).join('-')}.txt`);
      fs.writeFileSync(file, toCollapsed(austinSamples(austinText), opts));
      const { profile } = readBoth(file);
      assert.equal(profile.format, 'collapsed');
      assert.equal(profile.unit, 'samples');
      // Frame-less Austin samples have no collapsed line: compare the functions only.
      const a = selfByFunction(austin, 1e6);
      const c = selfByFunction(profile, 1);
      assert.deepEqual(c, new Map([...a].filter(([k]) => c.has(k))));
      assert.ok(c.size >= 10);
      const lineSelf = (p: Profile, s: number) => new Map(p.lines!.map((l) => [`${l.file}:${l.line}`, Math.round(l.self * s)]));
      assert.deepEqual(lineSelf(profile, 1), new Map([...lineSelf(austin, 1e6)].filter(([k]) => lineSelf(profile, 1).has(k))));
      if ('threads' in opts) {
        assert.equal(profile.samples!.threads.length, 2);
        assert.ok(profile.samples!.threads.some((t) => t.name === 'MainThread'));
        assert.ok(!profile.frames.some((f) => f.name.startsWith('thread (')));
      }
      if ('processes' in opts) assert.ok(profile.samples!.threads.every((t) => t.pid === 17629));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('collapsed: CRLF, UTF-8 BOM, UTF-16 LE/BE and gzip give the identical profile', () => {
  const text = toCollapsed(austinSamples(austinText), { threads: true });
  const base = dump(readProfile(Buffer.from(text), 'x.txt'));
  const utf16be = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  const variants: Array<[string, Buffer]> = [
    ['crlf', Buffer.from(text.replace(/\n/g, '\r\n'))],
    ['bom', Buffer.from(`\ufeff${text}`)],
    ['utf16le', Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['utf16be', utf16be],
    ['gzip', zlib.gzipSync(Buffer.from(text))],
    ['no final newline', Buffer.from(text.trimEnd())],
  ];
  for (const [what, bytes] of variants) assert.deepEqual(dump(readProfile(bytes, 'unknown')), base, what);
});

test('collapsed: a real py-spy style file snapshot', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-collapsed-'));
  try {
    const file = path.join(dir, 'busy2-pyspy-raw.txt');
    fs.writeFileSync(file, toCollapsed(austinSamples(austinText), { threads: true }));
    checkProfileSnapshot(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('collapsed frames: names and files with brackets, spaces and native symbols', () => {
  assert.deepEqual(parseFrame('<module> (<frozen runpy>:198)'), { name: '<module>', file: '<frozen runpy>', line: 198, kind: 'python' });
  assert.deepEqual(parseFrame('run (my dir/app (v2).py:7)'), { name: 'run', file: 'my dir/app (v2).py', line: 7, kind: 'python' });
  assert.deepEqual(parseFrame('push_back(int)'), { name: 'push_back(int)', file: '', line: 0, kind: 'python' });
  assert.deepEqual(parseFrame('std::vector<int>::push_back(int) (vector.h:12)'), { name: 'std::vector<int>::push_back(int)', file: 'vector.h', line: 12, kind: 'native' });
  assert.deepEqual(parseFrame('0x7f00aa (libc.so.6)'), { name: '0x7f00aa', file: 'libc.so.6', line: 0, kind: 'native' });
  assert.deepEqual(parseFrame('python3'), { name: 'python3', file: '', line: 0, kind: 'python' });
  // Brendan Gregg's generic format: no files at all, counts sum up per distinct stack.
  const p = readProfile(Buffer.from('main;foo;bar 3\nmain;foo 2\nmain;foo;bar 4\n'), 'perf.folded');
  checkInvariants(p, 'perf.folded');
  const bar = p.functions.find((f) => p.frames[f.frame]!.name === 'bar')!;
  assert.equal(bar.self, 7);
  assert.equal(p.total, 9);
  assert.equal(p.lines, undefined);
  assert.equal(p.functions.find((f) => p.frames[f.frame]!.name === 'main')!.total, 9);
});

test('collapsed: recursion counts a sample once in total', () => {
  const p = readProfile(Buffer.from('a;b;a;b;a 5\na;c 1\n'), 'r.collapsed');
  const a = p.functions.find((f) => p.frames[f.frame]!.name === 'a')!;
  assert.equal(a.total, 6);
  assert.equal(a.self, 5);
  const ab = a.callees.find((e) => p.frames[e.callee]!.name === 'b')!;
  assert.equal(ab.total, 5);
});
