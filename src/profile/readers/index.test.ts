// The reader registry matches the files in this folder, ids are unique, detection by content
// picks the right reader for every real sample, and --input-format overrides detection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { packageFile } from '../../util/package-root.js';
import { fixture } from '../../../test/profile/check-profile.js';
import { readers, readProfile, readProfileFile } from './index.js';
import { ProfileSource } from '../source.js';
import type { Detection } from './detect.js';

// Files in readers/ that are not readers.
const HELPERS = new Set(['index.ts', 'detect.ts', 'types.ts', 'marshal.ts', 'json-shape.ts']);

test('every reader file is registered, once, with a unique id', () => {
  const dir = packageFile('src', 'profile', 'readers');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f));
  assert.deepEqual(new Set(files.map((f) => f.replace(/\.ts$/, ''))), new Set(readers.map((r) => r.id)));
  assert.equal(new Set(readers.map((r) => r.id)).size, readers.length);
});

test('content detection picks the right reader for every real sample, and sniffers never throw', () => {
  const expected: Array<[string, string]> = [
    ['cprofile/cprofile_json_tool_py3.8.18.prof', 'cprofile'],
    ['cprofile/profile_purepython_py3.13.0.prof', 'cprofile'],
    ['pyinstrument/pyinstrument-5.1.2_py3.11_pstats.prof', 'cprofile'],
    ['pyinstrument/pyinstrument-5.1.2_py3.11.json', 'pyinstrument'],
    ['pyinstrument/pyinstrument-5.1.2_py3.11_speedscope.json', 'speedscope'],
    ['scalene/scalene-1.5.16_py3.11.json', 'scalene'],
    ['austin/austin-1.0.1_py3.8_wall.txt', 'austin'],
    ['austin/austin-1.0.1_py3.8_memory.txt', 'austin'],
    ['austin/austin-3.7.0_py3.12_full.txt', 'austin'],
  ];
  for (const [rel, id] of expected) {
    let detection: Detection | undefined;
    readProfile(fs.readFileSync(fixture(...rel.split('/'))), 'unknown', { onDetect: (d) => (detection = d) });
    assert.equal(detection?.reader.id, id, rel);
    assert.notEqual(detection?.pass, 'guess', `${rel}: detected by content with certainty`);
  }
  // Every sniffer answers for every sample without throwing.
  for (const rel of expected.map(([r]) => r)) {
    const source = ProfileSource.fromBytes(fs.readFileSync(fixture(...rel.split('/'))), rel);
    const probe = { name: rel, head: source.head(), headText: () => source.headText(), json: () => undefined };
    for (const r of readers) assert.ok(['mine', 'maybe', 'no'].includes(r.sniff(probe)), `${r.id} on ${rel}`);
  }
});

test('--input-format overrides detection; readProfileFile streams line formats from disk', () => {
  const austin = fixture('austin', 'austin-3.7.0_py3.12_wall.txt');
  // Austin text read as collapsed stacks is not valid: the override is obeyed, loudly.
  assert.throws(() => readProfile(fs.readFileSync(austin), 'a.txt', { format: 'collapsed' }), /a\.txt: line 1: expected "<frame;frame;\.\.\.> <count>"/);
  const fromFile = readProfileFile(austin);
  const fromBytes = readProfile(fs.readFileSync(austin), austin);
  assert.deepEqual(fromFile, fromBytes);
  assert.equal(path.basename(austin), 'austin-3.7.0_py3.12_wall.txt');
});

test('gzip-compressed profiles of every kind read like the plain files', async () => {
  const zlib = await import('node:zlib');
  const { dump } = await import('../../../test/profile/check-profile.js');
  for (const rel of ['cprofile/cprofile_json_tool_py3.13.0.prof', 'austin/austin-3.7.0_py3.12_full.txt', 'scalene/scalene-1.5.16_py3.11.json', 'pyinstrument/pyinstrument-5.1.2_py3.11.json']) {
    const bytes = fs.readFileSync(fixture(...rel.split('/')));
    assert.deepEqual(dump(readProfile(zlib.gzipSync(bytes), `${rel}.gz`)), dump(readProfile(bytes, rel)), rel);
  }
});
