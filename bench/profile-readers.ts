// Profile readers: loading a large real cProfile file versus Python's own `pstats.Stats(path)`
// (same file, same run), and collapsed-stack parsing throughput and peak memory on generated
// files of ≥100 MB (memory must follow the number of distinct stacks, not the file size).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProfileFile } from '../src/profile/readers/index.js';

export const title = 'profile readers (cProfile load vs pstats; collapsed-stack throughput)';

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function print(line: string): void {
  process.stdout.write(`  ${line}\n`);
}

/** A large real profile: cProfile over a batch of stdlib test modules. */
function makeProf(dir: string): string {
  const out = path.join(dir, 'stdlib-tests.prof');
  const modules = ['test.test_json', 'test.test_re', 'test.test_csv', 'test.test_argparse', 'test.test_email', 'test.test_textwrap', 'test.test_difflib'];
  execFileSync('python3', ['-m', 'cProfile', '-o', out, '-m', 'unittest', '-q', ...modules], { cwd: dir, stdio: 'ignore', timeout: 600_000 });
  return out;
}

function pstatsLoadSeconds(file: string): number[] {
  const script = `import pstats, sys, time, json\nts = []\nfor _ in range(${RUNS}):\n    t = time.perf_counter(); pstats.Stats(sys.argv[1]); ts.append(time.perf_counter() - t)\nprint(json.dumps(ts))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as number[];
}

/** Deterministic pseudo-random numbers (mulberry32), so every run parses the same file. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/**
 * py-spy raw style lines drawn from `distinct` stacks, repeated until `megabytes` are written.
 * Stacks are random walks through a call graph (each function calls a few others), as in a real
 * program, so frames and caller→callee pairs repeat across stacks the way they do in practice.
 */
function makeCollapsed(file: string, megabytes: number, distinct: number): number {
  const rnd = random(7);
  const FUNCS = 3000;
  const funcs = Array.from({ length: FUNCS }, (_, i) => `${['parse', 'load', 'handle', 'render', '_inner', '<listcomp>'][i % 6]}_${i} (pkg${i % 40}/module_${i % 300}.py:${10 + ((i * 7) % 900)})`);
  const calls = Array.from({ length: FUNCS }, () => Array.from({ length: 6 }, () => rnd(FUNCS)));
  const seen = new Set<string>();
  const stacks: string[] = [];
  while (stacks.length < distinct) {
    const frames = [`thread (${1000 + (stacks.length % 4)}): ${stacks.length % 4 === 0 ? 'MainThread' : `worker-${stacks.length % 4}`}`, '<module> (app.py:1)'];
    let f = rnd(20);
    const depth = 8 + rnd(30);
    for (let d = 0; d < depth; d++) {
      frames.push(funcs[f]!);
      f = calls[f]![rnd(6)]!;
    }
    const text = frames.join(';');
    if (!seen.has(text)) {
      seen.add(text);
      stacks.push(text);
    }
  }
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let chunk: string[] = [];
  while (size < megabytes * 1024 * 1024) {
    const line = `${stacks[rnd(distinct)]} ${1 + rnd(50)}\n`;
    chunk.push(line);
    size += line.length;
    if (chunk.length === 10_000) {
      fs.writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  fs.writeSync(fd, chunk.join(''));
  fs.closeSync(fd);
  return size;
}

interface ChildResult {
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  baselineRssMB: number;
  peakRssMB: number;
  stacks: number;
}

function readInChild(file: string): ChildResult {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'profile-readers-child.js');
  return JSON.parse(execFileSync(process.execPath, [child, file], { encoding: 'utf8', maxBuffer: 1 << 20 })) as ChildResult;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-bench-readers-'));
  try {
    print(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    // 1. cProfile load time versus pstats.
    const prof = makeProf(dir);
    const size = fs.statSync(prof).size;
    readProfileFile(prof); // warm-up: JIT and file cache
    const ours: number[] = [];
    let functions = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      functions = readProfileFile(prof).functions.length;
      ours.push((performance.now() - t) / 1000);
    }
    const theirs = pstatsLoadSeconds(prof);
    const a = median(ours);
    const b = median(theirs);
    print(`cProfile file: ${(size / 1024 / 1024).toFixed(1)} MB, ${functions} functions (python3 -m cProfile over ${'unittest of 7 stdlib test modules'})`);
    print(`load, median of ${RUNS}: hotspy ${(a * 1000).toFixed(1)} ms, pstats.Stats ${(b * 1000).toFixed(1)} ms → hotspy is ${(b / a).toFixed(2)}× ${b >= a ? 'faster' : 'slower'} than pstats`);

    // 2. Collapsed stacks: throughput and peak memory on 100 MB and 200 MB of the same stacks.
    const distinct = 20_000;
    const results: ChildResult[] = [];
    for (const mb of [100, 200]) {
      const file = path.join(dir, `stacks-${mb}.collapsed`);
      makeCollapsed(file, mb, distinct);
      results.push(readInChild(file));
      fs.rmSync(file);
    }
    for (const r of results) {
      const mb = r.bytes / 1024 / 1024;
      print(
        `collapsed ${mb.toFixed(0)} MB (${r.stacks} distinct stacks): ${(mb / r.seconds).toFixed(0)} MB/s wall, ${(mb / r.cpuSeconds).toFixed(0)} MB/s per CPU second; peak RSS ${r.peakRssMB.toFixed(0)} MB (node alone ${r.baselineRssMB.toFixed(0)} MB)`,
      );
    }
    const [small, large] = results as [ChildResult, ChildResult];
    // The extra 100 MB repeats stacks already seen: its cost is the streaming scan alone.
    const extraMB = (large.bytes - small.bytes) / 1024 / 1024;
    print(`marginal rate of the second 100 MB (scan only, stacks already known): ${(extraMB / (large.seconds - small.seconds)).toFixed(0)} MB/s wall, ${(extraMB / (large.cpuSeconds - small.cpuSeconds)).toFixed(0)} MB/s per CPU second`);
    print(`peak memory, 200 MB vs 100 MB file: ${((large.peakRssMB - large.baselineRssMB) / (small.peakRssMB - small.baselineRssMB)).toFixed(2)}× (≈1 means bounded by distinct stacks, not file size)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
