// The data source: line splitting across chunk borders (multi-byte characters cut in two),
// encodings, gzip, files read in chunks, and the limits that keep memory bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { detach, ProfileSource } from './source.js';
import { ProfileFormatError } from './errors.js';

function sampleText(): string {
  // ~3 MB of lines with 2-, 3- and 4-byte characters, so chunk borders fall inside characters.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 3_000_000; i++) {
    const line = `${i} é中😀 ${'x'.repeat(i % 37)}`;
    lines.push(line);
    size += line.length + 2;
  }
  return `${lines.join('\r\n')}\r\n`;
}

test('lines() from memory and from a file equal a plain split, whatever the chunking', () => {
  const text = sampleText();
  const expected = text.split('\r\n').slice(0, -1);
  assert.deepEqual([...ProfileSource.fromBytes(Buffer.from(text), 'm').lines()], expected);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-source-'));
  try {
    const file = path.join(dir, 'x.txt');
    fs.writeFileSync(file, `\ufeff${text}`);
    assert.deepEqual([...ProfileSource.fromFile(file).lines()], expected);
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text)));
    assert.deepEqual([...ProfileSource.fromFile(file).lines()], expected);
    fs.writeFileSync(file, Buffer.from(`\ufeff${text}`, 'utf16le'));
    assert.deepEqual([...ProfileSource.fromFile(file).lines()], expected);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('text(), json() and the head: BOMs removed, one-line JSON errors', () => {
  const s = ProfileSource.fromBytes(Buffer.from('\ufeff{"a": [1, 2]}'), 'x.json');
  assert.deepEqual(s.json(), { a: [1, 2] });
  assert.equal(s.headText(), '{"a": [1, 2]}');
  const bad = ProfileSource.fromBytes(Buffer.from('{"a": [1, 2'), 'bad.json');
  assert.throws(() => bad.json(), (e: unknown) => e instanceof ProfileFormatError && /^bad\.json: invalid JSON/.test(e.message) && !e.message.includes('\n'));
  const be = ProfileSource.fromBytes(Buffer.from('\ufeffhello', 'utf16le').swap16(), 'be');
  assert.equal(be.text(), 'hello');
});

test('detach() copies, and a line without end is cut off with an error', () => {
  const big = 'a'.repeat(1000);
  const slice = big.slice(10, 20);
  assert.equal(detach(slice), slice);
  const endless = ProfileSource.fromBytes(Buffer.alloc(17 * 1024 * 1024, 0x62), 'endless.txt');
  assert.throws(() => [...endless.lines()], /endless\.txt: line 1: longer than/);
});
