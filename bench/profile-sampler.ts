// Cost of `hotspy profile` on a CPU-bound and an I/O-bound program: wall time plain, under the
// line sampler alone, under cProfile alone and under both; and the sampler's achieved rate
// (ticks per second against the 200/s asked for, samples written against samples expected).
// HOTSPY_BENCH_PYTHON picks the interpreter, HOTSPY_BENCH_RUNS the number of runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../src/util/package-root.js';

export const title = 'hotspy profile: line sampler and cProfile overhead, sample rate';

const PYTHON = process.env.HOTSPY_BENCH_PYTHON ?? 'python3';
const RUNS = Number(process.env.HOTSPY_BENCH_RUNS ?? 5);
const INTERVAL = 0.005;

const PROGRAMS: Array<[label: string, file: string, args: string[]]> = [
  ['CPU-bound', 'cpu_bound.py', ['40000']],
  ['I/O-bound', 'io_bound.py', ['60']],
];

interface Footer {
  samples: number;
  process_cpu: number;
  signal_samples?: number;
  ticks: number;
  missed_ticks: number;
  wall: number;
  sampler_cpu: number;
  threads: number;
}

/**
 * Runs the command from a small Python wrapper that reports the child's wall time and its CPU
 * time (user + system, from getrusage): CPU time is what a busy machine disturbs least.
 */
const MEASURE = [
  '-c',
  'import resource, subprocess, sys, time\n' +
    't = time.perf_counter(); code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n' +
    'wall = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)\n' +
    'print(code, wall, u.ru_utime + u.ru_stime)',
];

function timeRun(argv: string[]): { wall: number; cpu: number } {
  const r = spawnSync(PYTHON, [...MEASURE, PYTHON, ...argv], { encoding: 'utf8' });
  const [code, wall, cpu] = String(r.stdout).trim().split(' ').map(Number);
  if (r.status !== 0 || code !== 0) throw new Error(`${PYTHON} ${argv.join(' ')} failed: ${r.stderr || `exit ${code}`}`);
  return { wall: wall!, cpu: cpu! };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-bench-sampler-'));
  const bootstrap = packageFile('python', 'hotspy_run.py');
  const prof = path.join(dir, 'b.prof');
  const samples = path.join(dir, 'b.samples.jsonl');
  try {
    process.stdout.write(`  ${PYTHON}, median of ${RUNS} interleaved runs each, sampling every ${INTERVAL * 1000} ms, load average ${os.loadavg()[0]!.toFixed(2)}\n`);
    for (const [label, file, args] of PROGRAMS) {
      const program = packageFile('test', 'profile-cli', 'programs', file);
      const modes: Record<string, string[]> = {
        plain: [program, ...args],
        sampler: [bootstrap, '--samples', samples, '--interval', String(INTERVAL), program, ...args],
        cProfile: [bootstrap, '--prof', prof, program, ...args],
        both: [bootstrap, '--prof', prof, '--samples', samples, '--interval', String(INTERVAL), program, ...args],
      };
      const times: Record<string, number[]> = { plain: [], sampler: [], cProfile: [], both: [] };
      const cpus: Record<string, number[]> = { plain: [], sampler: [], cProfile: [], both: [] };
      const footers: Footer[] = [];
      for (let i = 0; i < RUNS; i++) {
        for (const mode of Object.keys(modes)) {
          const t = timeRun(modes[mode]!);
          times[mode]!.push(t.wall);
          cpus[mode]!.push(t.cpu);
          if (mode === 'sampler') {
            const lines = fs.readFileSync(samples, 'utf8').trimEnd().split('\n');
            footers.push(JSON.parse(lines[lines.length - 1]!) as Footer);
          }
        }
      }
      const base = median(times.plain!);
      const cpuBase = median(cpus.plain!);
      process.stdout.write(`  ${label} (${file} ${args.join(' ')}):\n`);
      for (const mode of Object.keys(modes)) {
        const t = median(times[mode]!);
        const c = median(cpus[mode]!);
        const cpuText = `   CPU ${c.toFixed(3)} s  ×${(c / cpuBase).toFixed(3)}`;
        process.stdout.write(`    ${mode.padEnd(9)} wall ${t.toFixed(3)} s  ×${(t / base).toFixed(3)}${cpuText}\n`);
      }
      const rate = median(footers.map((f) => f.ticks / f.wall));
      const byWall = median(footers.map((f) => f.samples / ((f.wall / INTERVAL) * f.threads)));
      // Running samples of the main thread come from SIGPROF, one per interval of its CPU time.
      const byCpu = median(footers.map((f) => (f.signal_samples ?? 0) / (f.process_cpu / INTERVAL)));
      const selfCost = median(footers.map((f) => f.sampler_cpu / f.wall));
      process.stdout.write(
        `    sampler thread: ${rate.toFixed(0)} ticks/s of ${(1 / INTERVAL).toFixed(0)} asked (${((rate * INTERVAL) * 100).toFixed(0)}%), ` +
          `its own CPU ${(selfCost * 100).toFixed(1)}% of wall\n` +
          `    samples written / (threads × wall / interval) ${(byWall * 100).toFixed(0)}%; ` +
          `SIGPROF samples / (process CPU / interval) ${(byCpu * 100).toFixed(0)}%\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
