// The real-code smoke run (in CI): `checkPaths` over the whole Python 3.11 stdlib and over its
// site-packages must finish without an internal error, and every file it refuses (syntax error or
// undecodable) must be one that CPython 3.11 refuses too. Prints files analysed, skipped (why)
// and findings per rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { checkPaths, type CheckPathsResult } from '../src/analyze/check-paths.js';
import { sitePackagesPath, stdlibPath } from './corpus.js';

const PY311 = '/root/.pyenv/versions/3.11.7/bin/python3';

function summary(name: string, r: CheckPathsResult, ms: number): string {
  const perRule = Object.entries(r.countsByRule).map(([c, n]) => `${c}=${n}`).join(' ');
  const reasons = r.skipped.map((s) => `    skipped ${s.path}: ${s.reason}`).join('\n');
  const broken = [...new Set(r.syntaxErrors.map((e) => e.file))];
  return `${name}: ${r.filesChecked} files analysed (${r.lines} lines) in ${(ms / 1000).toFixed(1)} s; ${r.skipped.length} skipped; ${broken.length} with syntax errors; ${r.findings.length} findings (${perRule}); ${r.internalErrors.length} internal errors\n${reasons}`;
}

/** The files among `files` that CPython 3.11 compiles (so hotspy should not have refused them). */
function acceptedByCPython(files: string[]): string[] {
  if (files.length === 0) return [];
  const script = 'import sys, warnings\nwarnings.simplefilter("ignore")\nfor f in sys.stdin.read().split("\\n"):\n    try:\n        compile(open(f, "rb").read(), f, "exec", dont_inherit=True)\n        print(f)\n    except (SyntaxError, ValueError, UnicodeDecodeError):\n        pass\n';
  const out = execFileSync(PY311, ['-c', script], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 });
  return out.split('\n').filter(Boolean);
}

async function smoke(name: string, root: string | undefined, minFiles: number, t: { diagnostic(m: string): void }): Promise<void> {
  assert.ok(root, `${name} not found on this machine`);
  const started = Date.now();
  const r = await checkPaths([root], { targetVersion: { major: 3, minor: 11 }, jobs: os.availableParallelism() });
  const report = summary(name, r, Date.now() - started);
  for (const line of report.split('\n')) if (line.trim()) t.diagnostic(line);
  assert.deepEqual(r.internalErrors.map((e) => `${e.file}: ${e.message}`), [], 'internal errors');
  assert.ok(r.filesChecked >= minFiles, `only ${r.filesChecked} files analysed`);
  for (const s of r.skipped) assert.match(s.reason, /^cannot (decode as|read)/);
  const refused = [...new Set([...r.syntaxErrors.map((e) => e.file), ...r.skipped.map((s) => s.path)])];
  assert.deepEqual(acceptedByCPython(refused), [], 'hotspy refused files that CPython 3.11 compiles');
}

describe('corpus smoke run', { timeout: 10 * 60_000 }, () => {
  it('checks the whole Python 3.11 standard library (without site-packages)', async (t) => {
    await smoke('stdlib', stdlibPath(), 1500, t);
  });
  it('checks site-packages', async (t) => {
    await smoke('site-packages', sitePackagesPath(), 100, t);
  });
});
