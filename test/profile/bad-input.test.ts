// Bad input for every reader: empty, truncated, corrupt, wrong-format, oversized and hostile
// files must give one ProfileFormatError line naming the file, quickly, never a crash or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProfileFormatError } from '../../src/profile/errors.js';
import { readProfile, readProfileFile, readers } from '../../src/profile/readers/index.js';
import { fixture } from './check-profile.js';

function expectError(run: () => unknown, file: string, pattern: RegExp, what: string): string {
  const started = Date.now();
  let message = '';
  assert.throws(run, (e: unknown) => {
    if (!(e instanceof ProfileFormatError)) return false;
    message = e.message;
    return true;
  }, what);
  assert.ok(message.startsWith(`${file}: `), `${what}: message must name the file: ${message}`);
  assert.ok(!/[\u0000-\u001f\u007f]/.test(message), `${what}: message must be one printable line: ${JSON.stringify(message)}`);
  assert.match(message, pattern, what);
  assert.ok(Date.now() - started < 5000, `${what}: took ${Date.now() - started} ms`);
  return message;
}

const prof = fs.readFileSync(fixture('cprofile', 'cprofile_json_tool_py3.12.1.prof'));

test('empty input, for detection and for every reader', () => {
  expectError(() => readProfile(new Uint8Array(0), 'e.prof'), 'e.prof', /empty file/, 'detect');
  for (const r of readers) {
    expectError(() => readProfile(new Uint8Array(0), 'e', { format: r.id }), 'e', /./, r.id);
    expectError(() => readProfile(Buffer.from('\n\n  \n'), 'blank', { format: r.id }), 'blank', /./, `${r.id} blank`);
  }
});

test('truncated stats files report the offset', () => {
  for (const cut of [1, 2, 7, 100, 1000, prof.length >> 1, prof.length - 9, prof.length - 1]) {
    expectError(() => readProfile(prof.subarray(0, cut), 'cut.prof'), 'cut.prof', /offset \d+ \(0x[0-9a-f]+\): truncated/, `cut at ${cut}`);
  }
  expectError(() => readProfile(Buffer.concat([prof, Buffer.from([0x4e])]), 'long.prof'), 'long.prof', /1 unexpected bytes after the end/, 'trailing byte');
});

test('corrupt stats files: unknown type codes, bad references, wrong shapes', () => {
  const flip = Buffer.from(prof);
  flip[1] = 0x01; // the first key's tuple code
  expectError(() => readProfile(flip, 'c.prof', { format: 'cprofile' }), 'c.prof', /unknown type code 0x01/, 'type code');
  // a reference to an object that was never read
  const badRef = Buffer.from([0x7b, 0x72, 0x05, 0, 0, 0, 0x4e, 0x30]);
  expectError(() => readProfile(badRef, 'r.prof', { format: 'cprofile' }), 'r.prof', /reference 5 to an object not yet read/, 'ref');
  // a valid marshal file that is not a stats dict
  const list = execFileSync('python3', ['-c', 'import marshal,sys; sys.stdout.buffer.write(marshal.dumps([1, 2.5, "x"]))']);
  expectError(() => readProfile(list, 'l.prof', { format: 'cprofile' }), 'l.prof', /top-level object is a 3-tuple, expected a dict/, 'list');
  const shape = execFileSync('python3', ['-c', 'import marshal,sys; sys.stdout.buffer.write(marshal.dumps({("a.py", 1, "f"): (1, 1, 0.5, "x", {})}))']);
  expectError(() => readProfile(shape, 's.prof'), 's.prof', /entry 1 \(a\.py:1\(f\)\): cumtime is a string/, 'shape');
});

test('hostile stats files: deep nesting, giant numbers, shared caller dicts, odd names', () => {
  const deep = Buffer.concat([Buffer.from([0x7b]), Buffer.alloc(100_000, 0x29).map((_, i) => (i % 2 === 0 ? 0x29 : 0x01))]);
  expectError(() => readProfile(deep, 'deep.prof'), 'deep.prof', /nesting deeper than 200 levels/, 'deep');
  const giant = execFileSync('python3', ['-c', 'import marshal,sys; sys.stdout.buffer.write(marshal.dumps({("a.py", 1, "f"): (10**400, 1, 0.5, 0.5, {})}))']);
  expectError(() => readProfile(giant, 'g.prof'), 'g.prof', /integer too large/, 'giant long');
  const big = execFileSync('python3', ['-c', 'import marshal,sys; sys.stdout.buffer.write(marshal.dumps({("a.py", 1, "f"): (2**62, 1, 0.5, 0.5, {})}))']);
  expectError(() => readProfile(big, 'b.prof'), 'b.prof', /primitive call count too large/, 'big long');
  // One callers dict shared by every entry through marshal references: quadratic work unless bounded.
  const shared = execFileSync('python3', ['-c', [
    'import marshal,sys',
    'd = {("c.py", i, "g"): (1, 1, 0.0, 0.0) for i in range(40000)}',
    's = {("a.py", i, "f"): (1, 1, 0.0, 0.0, d) for i in range(40000)}',
    'sys.stdout.buffer.write(marshal.dumps(s))',
  ].join('\n')], { maxBuffer: 64 << 20 });
  expectError(() => readProfile(shared, 'shared.prof'), 'shared.prof', /more caller entries than a file of \d+ bytes can hold/, 'shared callers');
  // Names with control characters and HTML are data, kept verbatim.
  const odd = execFileSync('python3', ['-c', 'import marshal,sys; sys.stdout.buffer.write(marshal.dumps({("<script>alert(1)</script>.py", 1, "f\\x1b[31m\\n"): (1, 1, 0.5, 0.5, {})}))']);
  const p = readProfile(odd, 'odd.prof');
  assert.equal(p.frames[0]!.name, 'f\u001b[31m\n');
  assert.equal(p.frames[0]!.file, '<script>alert(1)</script>.py');
});

test('wrong formats and hostile text are recognised as such', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /unrecognised profile format/],
    ['script.py', fs.readFileSync(fixture('austin', 'busy2.py')), /unrecognised profile format/],
    ['data.json', Buffer.from('{"hello": [1, 2, 3]}'), /unrecognised profile format/],
    ['nested.json', Buffer.from(`${'['.repeat(200000)}${']'.repeat(200000)}`), /unrecognised profile format/],
    ['broken.speedscope.json', Buffer.from('{"$schema": "https://www.speedscope.app/file-format-schema.json", "profiles": ['), /invalid JSON/],
  ];
  for (const [name, bytes, pattern] of cases) expectError(() => readProfile(bytes, name), name, pattern, name);
  // Control characters in a bad line are escaped in the one-line message.
  const msg = expectError(() => readProfile(Buffer.from('a;b 1\nx\u001b[2J\u2028y 1z\n'), 'evil.collapsed'), 'evil.collapsed', /line 2/, 'control chars');
  assert.match(msg, /\\u001b/);
  // Giant numbers in text formats.
  expectError(() => readProfile(Buffer.from(`a;b ${'9'.repeat(400)}\n`), 'g.collapsed'), 'g.collapsed', /count too large/, 'giant count');
  expectError(() => readProfile(Buffer.from(`# austin: 3.7.0\n# interval: 1000\n# mode: wall\n\nP1;T0:1;a.py:f:1 ${'9'.repeat(30)}\n`), 'g.austin'), 'g.austin', /bad metric/, 'giant metric');
  expectError(() => readProfile(Buffer.from('{"elapsed_time_sec": 1e999, "files": {}}'), 'g.json'), 'g.json', /elapsed_time_sec: expected a number/, 'giant JSON number');
  // One endless line.
  expectError(() => readProfile(Buffer.alloc(20 * 1024 * 1024, 0x61), 'line.collapsed', { format: 'collapsed' }), 'line.collapsed', /longer than/, 'endless line');
  // Unknown --input-format.
  expectError(() => readProfile(prof, 'x.prof', { format: 'nope' }), 'x.prof', /unknown input format "nope" \(known: cprofile/, 'override');
});

test('hostile JSON: call trees and event streams nested far beyond any real stack', () => {
  // pyinstrument: a chain of 100,000 nested frames (iterative walk, then a depth limit).
  let node = '{"function":"f","file_path":"a.py","line_no":1,"time":1,"children":[]}';
  const depth = 100_000;
  const open = '{"function":"f","file_path":"a.py","line_no":1,"time":1,"children":[';
  const text = `{"duration":1,"sample_count":1,"root_frame":${open.repeat(depth)}${node}${']}'.repeat(depth)}}`;
  expectError(() => readProfile(Buffer.from(text), 'deep.json'), 'deep.json', /call tree deeper than 5000 frames/, 'pyinstrument depth');
  // speedscope: 100,000 open events without a close.
  const events = Array.from({ length: 100_000 }, (_, i) => ({ type: 'O', at: i, frame: 0 }));
  const doc = { $schema: 'https://www.speedscope.app/file-format-schema.json', shared: { frames: [{ name: 'f' }] }, profiles: [{ type: 'evented', name: 'p', unit: 'seconds', startValue: 0, endValue: 1, events }] };
  expectError(() => readProfile(Buffer.from(JSON.stringify(doc)), 'deep.speedscope.json'), 'deep.speedscope.json', /stack deeper than 5000 frames/, 'speedscope depth');
  node = '';
  // A stack just under the limit, then 200,000 timed events at its top: each event must cost
  // O(1), not O(depth).
  const deepEvents: Array<{ type: string; at: number; frame: number }> = [];
  for (let i = 0; i < 4990; i++) deepEvents.push({ type: 'O', at: 0, frame: 0 });
  for (let i = 0; i < 100_000; i++) deepEvents.push({ type: 'O', at: 2 * i + 1, frame: 1 + (i % 3) }, { type: 'C', at: 2 * i + 2, frame: 1 + (i % 3) });
  for (let i = 0; i < 4990; i++) deepEvents.push({ type: 'C', at: 200_001, frame: 0 });
  const frames = [{ name: 'f' }, { name: 'a' }, { name: 'b' }, { name: 'c' }];
  const deepDoc = { ...doc, shared: { frames }, profiles: [{ ...doc.profiles[0], events: deepEvents }] };
  const started = Date.now();
  const p = readProfile(Buffer.from(JSON.stringify(deepDoc)), 'deep-ok.speedscope.json');
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  assert.equal(p.total, 200_001);
  assert.equal(p.samples!.stacks.length, 4);
});

test('files: missing, directories, oversized (sparse) and corrupt gzip', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-bad-'));
  try {
    const missing = path.join(dir, 'missing.prof');
    expectError(() => readProfileFile(missing), missing, /cannot read: ENOENT/, 'missing');
    expectError(() => readProfileFile(dir), dir, /not a regular file/, 'directory');
    const huge = path.join(dir, 'huge.json');
    const fd = fs.openSync(huge, 'w');
    fs.writeSync(fd, '{"$schema": "https://www.speedscope.app/file-format-schema.json"');
    fs.ftruncateSync(fd, 1.5 * 1024 * 1024 * 1024);
    fs.closeSync(fd);
    expectError(() => readProfileFile(huge), huge, /too large/, 'huge');
    const gz = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    expectError(() => readProfile(gz, 'x.prof.gz'), 'x.prof.gz', /corrupt gzip data/, 'gzip');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
