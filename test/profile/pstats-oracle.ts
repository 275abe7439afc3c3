// Test helper: compares a cProfile Profile from hotspy's reader with pstats' own view of the same
// file (dumped by pstats_dump.py), number for number. Floats are compared exactly: both sides
// hold the same IEEE doubles, so any difference is a reader bug.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Profile } from '../../src/profile/model.js';
import { packageFile } from '../../src/util/package-root.js';

type Name = string | { code: string; file: string; line: number };
type EdgeValue = [number, number, number, number] | number;
type PstatsFunction = [string, number, Name, number, number, number, number, Array<[string, number, Name, EdgeValue]>];
export interface PstatsDump {
  path: string;
  total_tt: number;
  total_calls: number;
  prim_calls: number;
  functions: PstatsFunction[];
}

/** pstats' view of each file, computed by `python` (default python3). */
export function pstatsDump(files: string[], python = 'python3'): PstatsDump[] {
  const script = packageFile('test', 'profile', 'pstats_dump.py');
  const out = execFileSync(python, [script, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return JSON.parse(out) as PstatsDump[];
}

/** The pyenv interpreter for a version like `3.8.18`, or undefined if it is not installed. */
export function pyenvPython(version: string): string | undefined {
  const root = process.env.PYENV_ROOT ?? '/root/.pyenv';
  const exe = path.join(root, 'versions', version, 'bin', 'python3');
  return fs.existsSync(exe) ? exe : undefined;
}

function nameText(n: Name): string {
  return typeof n === 'string' ? n : `<code object ${n.code}, file ${JSON.stringify(n.file)}, line ${n.line}>`;
}

/**
 * Asserts every function (in pstats' order) has identical ncalls, primitive calls, tottime,
 * cumtime and callers (with their 4 numbers, or the int count). Returns how many functions
 * and edges were compared.
 */
export function assertMatchesPstats(profile: Profile, dump: PstatsDump): { functions: number; edges: number } {
  const where = path.basename(dump.path);
  assert.equal(profile.functions.length, dump.functions.length, `${where}: number of functions`);
  assert.equal(profile.total, dump.total_tt, `${where}: total_tt`);
  assert.equal(profile.metadata.total_calls, dump.total_calls, `${where}: total_calls`);
  assert.equal(profile.metadata.primitive_calls, dump.prim_calls, `${where}: prim_calls`);
  let edges = 0;
  dump.functions.forEach(([file, line, name, cc, nc, tt, ct, callers], i) => {
    const fn = profile.functions[i]!;
    const frame = profile.frames[fn.frame]!;
    const label = `${where}: function ${i} ${file}:${line}(${nameText(name)})`;
    assert.deepEqual([frame.file, frame.line, frame.name], [file, line, nameText(name)], label);
    if (cc < 0 || nc < 0) assert.deepEqual([fn.calls, fn.primitiveCalls], [undefined, undefined], `${label}: unknown counts`);
    else assert.deepEqual([fn.calls, fn.primitiveCalls], [nc, cc], `${label}: ncalls/primitive calls`);
    assert.ok(Object.is(fn.self, tt), `${label}: tottime ${fn.self} !== ${tt}`);
    assert.ok(Object.is(fn.total, ct), `${label}: cumtime ${fn.total} !== ${ct}`);
    assert.equal(fn.callers.length, callers.length, `${label}: number of callers`);
    callers.forEach(([cf, cl, cn, v], j) => {
      const edge = fn.callers[j]!;
      const cframe = profile.frames[edge.caller]!;
      const elabel = `${label}: caller ${cf}:${cl}(${nameText(cn)})`;
      assert.deepEqual([cframe.file, cframe.line, cframe.name], [cf, cl, nameText(cn)], elabel);
      assert.equal(edge.callee, fn.frame, elabel);
      if (typeof v === 'number') {
        assert.deepEqual([edge.calls, edge.self, edge.total], [v, undefined, undefined], elabel);
      } else {
        const [enc, ecc, ett, ect] = v;
        if (enc < 0 || ecc < 0) assert.deepEqual([edge.calls, edge.primitiveCalls], [undefined, undefined], elabel);
        else assert.deepEqual([edge.calls, edge.primitiveCalls], [enc, ecc], elabel);
        assert.ok(Object.is(edge.self, ett) && Object.is(edge.total, ect), `${elabel}: times ${edge.self},${edge.total} !== ${ett},${ect}`);
      }
      edges++;
    });
  });
  return { functions: dump.functions.length, edges };
}
