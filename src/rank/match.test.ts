// Matching profile frames to checked files and code units: path suffixes from other roots,
// relative paths, same-named files in different folders, same-named methods, and the counted
// reasons for frames that match nothing.
import { describe, it } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import assert from 'node:assert/strict';
import { parse } from '../parse/index.js';
import { FunctionTableBuilder, SampleProfileBuilder } from '../profile/builders.js';
import type { FrameKind, Profile } from '../profile/model.js';
import { codeUnitsOf } from './code-units.js';
import { matchFrames, type IndexedFile } from './match.js';

const UTIL = ['class A:', '    def run(self):', '        return 1', '', '', 'class B:', '    def run(self):', '        return 2', ''].join('\n');
const APP = ['import functools', '', '', '@functools.cache', '@staticmethod', 'def main():', '    return 0', ''].join('\n');

function indexed(path: string, source: string): IndexedFile {
  return { path, units: codeUnitsOf(parse(source).module) };
}

/** A cProfile-like profile with one row per frame (1 second of self time each). */
function profileOf(frames: Array<[name: string, file: string, line: number, kind?: FrameKind]>): Profile {
  const b = new FunctionTableBuilder();
  for (const [name, file, line, kind] of frames) b.addFunction({ frame: b.frame(name, file, line, kind ?? 'python'), self: 1, total: 1, calls: 1 });
  return b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, frames.length);
}

describe('matchFrames', () => {
  const pkgUtil = indexed('/work/a/pkg/util.py', UTIL);
  const otherUtil = indexed('/work/a/other/util.py', UTIL);
  const app = indexed('rel/app.py', APP);
  const files = [pkgUtil, otherUtil, app];

  it('matches absolute paths from another root by their longest path suffix', () => {
    const m = matchFrames(profileOf([['run', '/home/ci/build/pkg/util.py', 2], ['run', 'C:\\proj\\other\\util.py', 7]]), files);
    assert.equal(m.byFrame[0]?.file, pkgUtil);
    assert.equal(m.byFrame[1]?.file, otherUtil);
    assert.equal(m.stats.matched, 2);
    assert.equal(m.stats.filesMatched, 2);
  });

  it('tells same-named methods apart by their first line', () => {
    const m = matchFrames(profileOf([['run', '/x/pkg/util.py', 2], ['run', '/x/pkg/util.py', 7]]), files);
    assert.equal(m.byFrame[0]?.unit.qualname, 'A.run');
    assert.equal(m.byFrame[1]?.unit.qualname, 'B.run');
    assert.equal(m.framesOfUnit.get(m.byFrame[1]!.unit)?.length, 1);
  });

  it('matches relative paths, decorated functions by their first decorator line or def line', () => {
    const m = matchFrames(profileOf([['main', 'rel/app.py', 4], ['main', '/elsewhere/rel/app.py', 6], ['<module>', 'app.py', 1]]), files);
    for (const i of [0, 1, 2]) assert.equal(m.byFrame[i]?.file, app, `frame ${i}`);
    assert.equal(m.byFrame[0]?.unit.name, 'main');
    assert.equal(m.byFrame[1]?.unit.name, 'main');
    assert.equal(m.byFrame[2]?.unit.kind, 'module');
  });

  it('calls equally close files ambiguous, and counts every reason', () => {
    const m = matchFrames(
      profileOf([
        ['run', 'util.py', 2], //                      two checked util.py, nothing to choose by
        ['run', '/c/lib/util.py', 2], //               shares only the base name with both
        ['dumps', '/usr/lib/python3.11/json/__init__.py', 183],
        ['gone', '/x/pkg/util.py', 40], //             no unit of that name
        ['run', '/x/pkg/util.py', 30], //              a `run`, but far from both
        ['<built-in method builtins.len>', '~', 0, 'builtin'],
        ['<idle>', '', 0, 'synthetic'],
        ['run', '/x/pkg/util.py', 7],
      ]),
      files,
    );
    assert.equal(m.stats.frames, 6, 'builtin and synthetic frames are not Python frames');
    assert.equal(m.stats.matched, 1);
    assert.deepEqual(m.stats.unmatched, {
      'ambiguous file': 2,
      'outside the checked files': 1,
      'no code unit at that line': 2,
      builtin: 1,
      synthetic: 1,
    });
    assert.equal(m.fileOf('util.py'), undefined);
    assert.equal(m.fileOf('/y/other/util.py'), otherUtil);
  });

  it('a path identical to a checked file beats a shorter suffix match', () => {
    const m = matchFrames(profileOf([['run', '/work/a/other/util.py', 2]]), [pkgUtil, otherUtil, indexed('/z/a/other/util.py', UTIL)]);
    assert.equal(m.byFrame[0]?.file, otherUtil);
  });

  it('a profile path that exists on this machine matches only that very file', () => {
    const root = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'hotspy-match-'));
    try {
      const project = nodePath.join(root, 'project', 'utils.py');
      const installed = nodePath.join(root, 'site-packages', 'lib', 'utils.py');
      for (const f of [project, installed]) {
        fs.mkdirSync(nodePath.dirname(f), { recursive: true });
        fs.writeFileSync(f, UTIL);
      }
      const checked = indexed(project, UTIL);
      const m = matchFrames(profileOf([['<module>', installed, 1], ['<module>', project, 1], ['run', '/gone/project/utils.py', 2]]), [checked]);
      assert.equal(m.byFrame[0], undefined, "site-packages' utils.py is not the project's");
      assert.equal(m.byFrame[1]?.file, checked);
      assert.equal(m.byFrame[2]?.file, checked, 'a path from another machine still matches by suffix');
      assert.equal(m.stats.unmatched['outside the checked files'], 1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('package files (__init__.py) match only when their folder agrees too', () => {
    const init = indexed('/work/a/json/__init__.py', UTIL);
    const m = matchFrames(profileOf([['<module>', '/elsewhere/encodings/__init__.py', 1], ['<module>', '/elsewhere/json/__init__.py', 1], ['<module>', '__init__.py', 1]]), [init]);
    assert.equal(m.byFrame[0], undefined);
    assert.equal(m.byFrame[1]?.file, init);
    assert.equal(m.byFrame[2]?.file, init, 'a bare file name has no folder to disagree with');
  });

  it('line-less frames (py-spy, Austin < 3.11): executed lines place an ambiguous name, or split one frame between same-named units', () => {
    const source = ['def a():', '    return [x for x in range(3)]', '', '', 'def b():', '    return [y for y in range(4)]', ''].join('\n');
    const file = indexed('/p/comps.py', source);
    const b = new SampleProfileBuilder();
    const comp = b.frame('<listcomp>', '/q/comps.py', 0);
    const fa = b.frame('a', '/q/comps.py', 0);
    const fb = b.frame('b', '/q/comps.py', 0);
    b.add(b.stack([b.site(fa, 2), b.site(comp, 2)]), 3);
    b.add(b.stack([b.site(fb, 6), b.site(comp, 6)]), 5);
    const m = matchFrames(b.build({ format: 'collapsed', kind: 'sampled', unit: 'samples', metric: 'samples' }), [file]);
    assert.equal(m.stats.matched, 3);
    assert.ok(m.sharedFrames.has(comp));
    const comps = file.units.filter((u) => u.name === '<listcomp>');
    assert.deepEqual(comps.map((u) => m.framesOfUnit.get(u)), [[comp], [comp]]);

    const one = new SampleProfileBuilder();
    const only = one.frame('<listcomp>', '/q/comps.py', 0);
    one.add(one.stack([one.site(only, 6)]), 1);
    const m1 = matchFrames(one.build({ format: 'collapsed', kind: 'sampled', unit: 'samples', metric: 'samples' }), [file]);
    assert.equal(m1.byFrame[only]?.unit, comps[1]);
    assert.equal(m1.sharedFrames.size, 0);
  });
});
