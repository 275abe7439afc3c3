// target-version against the real interpreters: for every version snippet (valid in 3.13), hotspy
// with targetVersion 3.X must report a "requires Python 3.Y" error exactly when CPython 3.X's
// ast.parse refuses the snippet, with Y the oldest newer Python that accepts it (the newest
// requirement among hotspy's version errors), and no error
// otherwise. The interpreters (pyenv 3.8–3.13) are run by the test itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '../../src/parse/index.js';
import { oracleDir, requirePython } from './pythons.js';

const MINORS = [8, 9, 10, 11, 12, 13];

const ACCEPTS = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = {}
for path in sys.argv[1:]:
    try:
        ast.parse(open(path, "rb").read())
        out[path] = None
    except SyntaxError as e:
        out[path] = "%s:%s %s" % (e.lineno, e.offset, e.msg)
print(json.dumps(out))
`;

test('target-version errors match what Pythons 3.8–3.13 refuse', { timeout: 120_000 }, () => {
  const dir = path.join(oracleDir(), 'version-snippets');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => path.join(dir, f));
  assert.ok(files.length > 0, `no snippets in ${dir}`);
  // refusal[minor][file] = CPython 3.minor's error, or null when it accepts.
  const refusal = new Map<number, Record<string, string | null>>();
  for (const minor of MINORS) {
    const python = requirePython(`3.${minor}`);
    refusal.set(minor, JSON.parse(execFileSync(python, ['-c', ACCEPTS, ...files], { encoding: 'utf8' })));
  }
  const problems: string[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const newest = refusal.get(13)![file];
    if (newest !== null) {
      problems.push(`${name}: CPython 3.13 refuses this snippet (${newest}); every version snippet must be valid 3.13`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    for (const minor of MINORS) {
      const theirs = refusal.get(minor)![file];
      const result = parse(text, { targetVersion: { major: 3, minor }, filename: file });
      const versionErrors = result.errors.filter((e) => e.requiresVersion !== undefined);
      const otherErrors = result.errors.filter((e) => e.requiresVersion === undefined);
      const shown = result.errors.map((e) => `${e.lineno}:${e.col_offset} ${e.message}`).join('; ');
      if (otherErrors.length > 0) {
        problems.push(`${name} @3.${minor}: hotspy reports non-version errors: ${shown}`);
      } else if (theirs === null && versionErrors.length > 0) {
        problems.push(`${name} @3.${minor}: CPython 3.${minor} accepts, hotspy says: ${shown}`);
      } else if (theirs !== null) {
        const needed = MINORS.find((m) => m > minor && refusal.get(m)![file] === null)!;
        const want = `requires Python 3.${needed}`;
        if (versionErrors.length === 0) {
          problems.push(`${name} @3.${minor}: CPython 3.${minor} refuses (${theirs}), hotspy reports nothing (expected "${want}")`);
        } else {
          // A snippet may use several features (a `type` statement with a 3.13 default): the
          // newest one decides which Python first accepts the file.
          const newest = versionErrors.reduce((a, b) => (b.requiresVersion!.minor > a.requiresVersion!.minor ? b : a));
          if (newest.requiresVersion!.minor !== needed || !newest.message.includes(want)) {
            problems.push(`${name} @3.${minor}: expected "${want}" (CPython 3.${minor}: ${theirs}), hotspy says: ${shown}`);
          }
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
