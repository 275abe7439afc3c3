// End to end: `hotspy profile` and `hotspy report` as a user runs them, on real Python programs:
// the CPU/IO verdict, exit codes and output passed through, `-m` modules, `--no-lines`, the JSON
// shape, and one-line errors for bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../../src/util/package-root.js';
import { runHotspy, reportJsonAfterProgramOutput, CLI } from '../support/cli.js';
import { findOnPath } from '../../src/profile/run/index.js';
import { readProfileFile } from '../../src/profile/readers/index.js';

const PROGRAMS = packageFile('test', 'profile-cli', 'programs');

const hotspy = (args: string[], cwd: string) => runHotspy(args, cwd, 60_000);
const jsonReport = reportJsonAfterProgramOutput;

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-profile-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hotspy profile', { concurrency: 2 }, () => {
  it('calls a CPU-bound program cpu, with its hot function and hot line on top', async () => {
    const out = path.join(dir, 'cpu.prof');
    const r = await hotspy(['profile', '-o', out, '--format', 'json', '--', 'python3', path.join(PROGRAMS, 'cpu_bound.py')], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = jsonReport(r.stdout);
    assert.equal(report.verdict.kind, 'cpu', JSON.stringify(report.verdict));
    assert.equal(report.verdict.basis, 'cpu-time');
    assert.equal(report.functions[report.top_self[0]].name, 'collatz_steps');
    assert.ok(report.lines.length > 0);
    assert.equal(report.lines[0].function.name, 'collatz_steps');
    assert.ok(fs.existsSync(out) && fs.existsSync(path.join(dir, 'cpu.samples.jsonl')));
    // The SIGPROF handler ran inside the program; the saved cProfile data must not show it, and
    // every function's calls must still add up over its callers.
    const prof = readProfileFile(out);
    for (const f of prof.functions) {
      const frame = prof.frames[f.frame]!;
      assert.ok(!frame.file.includes('hotspy_'), `hotspy frame in the profile: ${frame.file}`);
      if (f.callers.length > 0 && frame.name !== '<built-in method builtins.exec>') {
        assert.equal(f.callers.reduce((n, e) => n + (e.calls ?? 0), 0), f.calls, frame.name);
      }
    }
    assert.equal(report.verdict.basis, 'cpu-time');
    assert.match(r.stderr, /longest chain below 20000/, "the program's stderr is kept");
    assert.match(r.stderr, /^hotspy: profile saved to /m);
  });

  it('calls an I/O-bound program io, on both the CPU time and the blocking calls', async () => {
    const out = path.join(dir, 'io.prof');
    const r = await hotspy(['profile', '-o', out, '--format', 'json', '--', 'python3', path.join(PROGRAMS, 'io_bound.py')], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = jsonReport(r.stdout);
    assert.equal(report.verdict.kind, 'io', JSON.stringify(report.verdict));
    assert.ok(report.verdict.waiting_call_share >= 2 / 3, `cProfile waiting share ${report.verdict.waiting_call_share}`);
    assert.ok(report.verdict.categories.network > 0);
    const top = report.functions[report.top_self[0]];
    assert.equal(top.label, "{method 'recv' of '_socket.socket' objects}");
    assert.ok(report.lines.some((l: any) => l.idle_share === 1));
  });

  it('calls CPU work on threads cpu, although the main thread only waits, and blames the GIL', async () => {
    const r = await hotspy(['profile', '-o', path.join(dir, 'gil.prof'), '--format', 'json', '--', 'python3', path.join(PROGRAMS, 'threads_cpu.py')], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = jsonReport(r.stdout);
    assert.ok(report.threads.length >= 3 && report.threads.some((t: any) => t.name === 'MainThread'), JSON.stringify(report.threads));
    const v = report.verdict;
    // cpu on a normal machine (utilisation ≈ 1); a badly overloaded one (other processes holding
    // the cores while a thread holds the GIL) can pull it into mixed, never into io.
    assert.ok(v.kind === 'cpu' || (v.kind === 'mixed' && v.cpu_utilisation > 0.5), JSON.stringify(v));
    assert.equal(v.basis, 'cpu-time');
    // hotspy's bootstrap gives each thread a profiler of its own (Python ≤ 3.11; 3.12+ cProfile
    // sees every thread), so the threads' computing outweighs the main thread's wait in join.
    assert.ok(v.waiting_call_share < 0.5, `cProfile sees the threads' work: waiting share ${v.waiting_call_share}`);
    assert.ok(v.busy_threads >= 2, JSON.stringify(v));
    assert.ok(v.notes.some((n: string) => n.includes('GIL')));
  });

  it('keeps sampling the threads Python waits for after the main module ends', async () => {
    const r = await hotspy(['profile', '-o', path.join(dir, 'bg.prof'), '--format', 'json', '--', 'python3', path.join(PROGRAMS, 'background_worker.py')], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = jsonReport(r.stdout);
    const worker = report.threads.find((t: any) => t.name === 'background');
    assert.ok(worker && worker.samples >= 3 && worker.running >= 3, JSON.stringify(report.threads));
    assert.ok(report.lines.some((l: any) => l.function?.name === 'work'));
  });

  it("passes the program's exit code, stdout and stderr through", async () => {
    const r = await hotspy(['profile', '-o', path.join(dir, 'exit.prof'), '--', 'python3', path.join(PROGRAMS, 'exits.py'), '3'], dir);
    assert.equal(r.code, 3);
    assert.ok(r.stdout.startsWith("program stdout line ['3']\n"), r.stdout);
    assert.match(r.stdout, /hotspy report: exit\.prof/);
    assert.match(r.stderr, /^program stderr line$/m);
    assert.match(r.stderr, /the program exited with 3/);
  });

  it('reports an uncaught exception like Python does (exit 1, no hotspy frames in the traceback)', async () => {
    const r = await hotspy(['profile', '--no-report', '-o', path.join(dir, 'raise.prof'), '--', path.join(PROGRAMS, 'exits.py'), 'raise'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ValueError: raised on purpose/);
    assert.doesNotMatch(r.stderr, /hotspy_run|runpy/);
    assert.equal(r.stdout, "program stdout line ['raise']\n");
  });

  it('runs `-m module` like Python, and --no-lines records no samples', async () => {
    const work = path.join(dir, 'modcase');
    fs.cpSync(PROGRAMS, work, { recursive: true });
    const r = await hotspy(['profile', '--no-lines', '--', 'python3', '-m', 'e2e_pkg.tool', 'a1'], work);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^module __main__ e2e_pkg\.tool \['a1'\] 41665416675000$/m);
    assert.ok(fs.existsSync(path.join(work, 'hotspy-e2e_pkg.tool.prof')));
    assert.ok(!fs.existsSync(path.join(work, 'hotspy-e2e_pkg.tool.samples.jsonl')));
    assert.match(r.stdout, /functions by self time/);
    assert.doesNotMatch(r.stdout, /lines by self/);
  });

  it('on SIGINT, interrupts the program, still saves the profile and reports, and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'profile', '-o', path.join(dir, 'int.prof'), '--', 'python3', path.join(PROGRAMS, 'until_interrupted.py')], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.startsWith('ready\n') && !child.killed) setTimeout(() => child.kill('SIGINT'), 300);
      });
      child.on('close', (c) => resolve(c));
    });
    clearTimeout(timer);
    assert.equal(code, 130, stderr);
    assert.match(stderr, /KeyboardInterrupt/);
    assert.match(stderr, /hotspy: profile saved to int\.prof \(\+ line samples int\.samples\.jsonl\); the program exited with 130/);
    assert.match(stdout, /Top \d+ functions by self time/);
    assert.match(stdout, /work .*until_interrupted\.py:7/);
  });

  for (const version of ['3.8.18', '3.13.0']) {
    const python = `/root/.pyenv/versions/${version}/bin/python3`;
    it(`runs scripts and modules like Python ${version} does`, { skip: !fs.existsSync(python) && `${python} not installed` }, async () => {
      const work = path.join(dir, `v${version}`);
      fs.cpSync(PROGRAMS, work, { recursive: true });
      const raised = await hotspy(['profile', '--no-report', '--python', python, '--', 'exits.py', 'raise'], work);
      assert.equal(raised.code, 1);
      assert.match(raised.stderr, /File "(\/.*\/)?exits\.py", line 8, in <module>\n/);
      assert.doesNotMatch(raised.stderr, /hotspy_run|runpy/);
      const mod = await hotspy(['profile', '--top', '3', '--', python, '-m', 'e2e_pkg.tool', 'x'], work);
      assert.equal(mod.code, 0, mod.stderr);
      assert.match(mod.stdout, /^module __main__ e2e_pkg\.tool \['x'\] 41665416675000$/m);
      assert.match(mod.stdout, new RegExp(`Python ${version.replace(/\./g, '\\.')}`));
    });
  }

  it('says so in one line when the interpreter does not exist', async () => {
    const r = await hotspy(['profile', '--python', '/nonexistent/python9', '--', 'x.py'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^hotspy: \/nonexistent\/python9: Python interpreter not found/);
  });

  const PY38 = '/root/.pyenv/versions/3.8.18/bin/python3';
  it('profiles with Austin when it is installed (Debian austin 1.0.1 reads Python <= 3.8)', {
    skip: findOnPath('austin') === undefined || !fs.existsSync(PY38) ? 'austin or Python 3.8 not installed' : false,
  }, async () => {
    const r = await hotspy(['profile', '--sampler', 'austin', '-o', path.join(dir, 'a.austin'), '--', PY38, path.join(PROGRAMS, 'cpu_bound.py'), '8000'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^hotspy report: a\.austin\nAustin, /);
    assert.match(r.stdout, /collatz_steps/);
    assert.match(r.stderr, /hotspy: profile saved to a\.austin/);
  });

  it('says clearly when an external sampler is not installed', { skip: findOnPath('py-spy') !== undefined }, async () => {
    const r = await hotspy(['profile', '--sampler', 'py-spy', '--', 'python3', 'x.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hotspy: py-spy is not installed/);
  });
});

describe('hotspy report', { concurrency: 2 }, () => {
  let prof: string;
  before(async () => {
    prof = path.join(dir, 'rep.prof');
    const r = await hotspy(['profile', '--no-report', '-o', prof, '--', 'python3', path.join(PROGRAMS, 'cpu_bound.py'), '3000'], dir);
    assert.equal(r.code, 0, r.stderr);
  });

  it('prints the documented JSON object, with the line samples found beside the profile', async () => {
    const r = await hotspy(['report', prof, '--format', 'json', '--top', '5'], dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.unit, 'seconds');
    assert.equal(j.format, 'cprofile');
    assert.ok(j.total > 0);
    assert.equal(j.top_self.length, 5);
    for (const f of j.functions) {
      for (const key of ['name', 'file', 'line', 'calls', 'primitive_calls', 'self', 'total', 'callers']) assert.ok(key in f, key);
    }
    assert.ok(j.functions.some((f: any) => f.callers.length > 0 && typeof f.callers[0].total === 'number'));
    assert.deepEqual(j.coverage.levels.map((l: any) => l.share), [0.5, 0.8, 0.95]);
    assert.ok(['cpu', 'io', 'mixed'].includes(j.verdict.kind));
    assert.ok(Array.isArray(j.lines));
    assert.equal(j.line_samples, path.join(dir, 'rep.samples.jsonl'));
  });

  it('reads the samples file alone too (a profile format of its own)', async () => {
    const r = await hotspy(['report', path.join(dir, 'rep.samples.jsonl')], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /hotspy sampler, [\d,]+ samples every 5 ms/);
    assert.match(r.stdout, /lines by self samples/);
  });

  it('fails in one line naming the file for a missing file and for a file that is not a profile', async () => {
    const missing = await hotspy(['report', path.join(dir, 'nope.prof')], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /nope\.prof/);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'these are not profile samples\n\u0000\u0001binary?\n');
    const wrong = await hotspy(['report', text], dir);
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr.trim().split('\n').length, 1);
    assert.match(wrong.stderr, /notes\.txt/);
    assert.equal(wrong.stdout, '');
  });
});
