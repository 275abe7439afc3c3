// `npm run bench` section: `hotspy check` over the machine's Python 3.11 stdlib, against the
// floor of only reading+decoding+parsing every file; then the CLI on one thread vs all cores.
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { checkPaths } from '../src/analyze/check-paths.js';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { parse } from '../src/parse/index.js';
import { decodePythonSource } from '../src/source/decode.js';
import { packageFile } from '../src/util/package-root.js';
import { stdlibPath } from '../test/corpus.js';

export const title = 'check: stdlib corpus, parse floor vs all rules, 1 thread vs all cores';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** CPU time of this process (all threads), ms: steadier than wall time on a busy machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU time of the main thread alone (where the floor and the check run), ms, where Linux tells it
 * (`schedstat`, in ns); undefined elsewhere. Unlike the process's CPU time it leaves out what V8
 * does on helper threads (compiling, part of collecting); unlike wall time, it is not stretched
 * while the thread waits for a core.
 */
function mainThreadCpu(): number | undefined {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

interface Timing {
  wall: number;
  cpu: number;
  /** Main-thread CPU time, when known. */
  thread: number | undefined;
}

async function timed(fn: () => unknown): Promise<Timing> {
  const t = performance.now();
  const c = cpu();
  const th = mainThreadCpu();
  await fn();
  const thEnd = mainThreadCpu();
  return { wall: performance.now() - t, cpu: cpu() - c, thread: th === undefined || thEnd === undefined ? undefined : thEnd - th };
}

const byCpu = (a: Timing, b: Timing) => a.cpu - b.cpu;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Each function measured in turns, `rounds` rounds after `WARM_UP` warm-up rounds, the order
 * rotating each round: this machine's speed drifts by 10-20% within a minute, and measuring all
 * runs of one and then all of the other put that drift into their ratio. Returns every round's
 * timings, per function.
 */
/**
 * Warm-up rounds before measuring. The check runs many functions, and V8 keeps optimizing (and
 * re-optimizing) them for several passes: with --trace-opt, background compiling took 109, 138,
 * 69, 19, 69, 26 and 8 ms in the check's passes 3 to 9, CPU time the bench counts. Five rounds
 * leave most of that behind; what remains still shows in the spread between rounds.
 */
const WARM_UP = 5;

async function inTurns(rounds: number, fns: Array<() => unknown>): Promise<Timing[][]> {
  for (let i = 0; i < WARM_UP; i++) for (const fn of fns) await fn();
  const runs: Timing[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < fns.length; k++) {
      const f = (r + k) % fns.length;
      runs[f]!.push(await timed(fns[f]!));
    }
  }
  return runs;
}

const bestOf = (runs: Timing[]): Timing => [...runs].sort(byCpu)[0]!;
const signedPercent = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(100 * x).toFixed(0)}%`;

/** `hotspy check` as a user runs it: a fresh process (cold JIT), wall and CPU from bash's `time`. */
function cli(root: string, jobs: number): Timing {
  const main = packageFile('dist', 'src', 'cli', 'main.js');
  const script = `TIMEFORMAT='%R %U %S'; time "${process.execPath}" "${main}" check "${root}" --target-version 3.11 --jobs ${jobs} --statistics >/dev/null 2>&1`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  const [real, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  if (real === undefined || Number.isNaN(real)) throw new Error(`could not time the CLI: ${r.stderr}`);
  return { wall: real * 1000, cpu: (user! + sys!) * 1000, thread: undefined };
}

export async function run(): Promise<void> {
  const cores = os.availableParallelism();
  const root = stdlibPath();
  if (!root) throw new Error('no Python 3.11 stdlib found on this machine');
  const files = discoverPythonFiles([root]).files;
  const target = { targetVersion: { major: 3 as const, minor: 11 } };
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');

  // The floor (read, decode, parse into the tree, nothing else), the parse as the check runs it
  // (with the lists of nodes for the rules) and the check, measured in turns.
  const ROUNDS = 7;
  let lines = 0;
  const readAndParse = (index: boolean) => (): void => {
    lines = 0;
    for (const f of files) {
      const d = decodePythonSource(fs.readFileSync(f));
      if (d.ok) lines += parse(d.text, { ...target, index }).lineCount;
    }
  };
  let last: Awaited<ReturnType<typeof checkPaths>> | undefined;
  const runs = await inTurns(ROUNDS, [
    readAndParse(false),
    readAndParse(true),
    async () => {
      last = await checkPaths([root], { ...target, jobs: 1 });
    },
  ]);
  const report = last!;
  const [floorRuns, listingRuns, checkRuns] = runs as [Timing[], Timing[], Timing[]];
  const floor = bestOf(floorRuns);
  const listing = bestOf(listingRuns);
  const check = bestOf(checkRuns);
  const ratios = checkRuns.map((c, r) => c.cpu / floorRuns[r]!.cpu);
  const wallRatios = checkRuns.map((c, r) => c.wall / floorRuns[r]!.wall);
  const bestWall = (runs: Timing[]): number => Math.min(...runs.map((t) => t.wall));
  const threadKnown = checkRuns.every((c, r) => c.thread !== undefined && floorRuns[r]!.thread !== undefined);
  const threadRatios = threadKnown ? checkRuns.map((c, r) => c.thread! / floorRuns[r]!.thread!) : [];
  const bestThread = (runs: Timing[]): number => Math.min(...runs.map((t) => t.thread!));

  const one = cli(root, 1);
  const all = cli(root, cores);

  const perSecond = (n: number, t: Timing) => `${Math.round(n / (t.wall / 1000)).toLocaleString('en-US')} lines/s`;
  process.stdout.write(
    [
      `  corpus: ${root} (${report.filesChecked} files, ${report.lines.toLocaleString('en-US')} lines; ${report.ruleCodes.length} rules)`,
      `  load average at start: ${load} on ${cores} cores (wall times only mean something on an idle machine; CPU times are steadier)`,
      `  in process, warm, 1 thread: measured in turns, ${ROUNDS} rounds after ${WARM_UP} warm-up rounds (best of each shown):`,
      `    read+decode+parse (the floor):  ${s(floor.wall)} wall, ${s(floor.cpu)} CPU  (${perSecond(lines, floor)}; the tree only)`,
      `    the same, listing for rules:    ${s(listing.cpu)} CPU  (${signedPercent(listing.cpu / floor.cpu - 1)}: the nodes rules visit and the semantic model looks up, listed while parsing)`,
      `    check, all rules:               ${s(check.wall)} wall, ${s(check.cpu)} CPU  (${perSecond(report.lines, check)})`,
      `    ratio check / floor:            ${(check.cpu / floor.cpu).toFixed(2)}x CPU of the bests; per round ${median(ratios).toFixed(2)}x median, ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x   (target <= 1.5x)`,
      ...(threadKnown
        ? [`      main thread's CPU only:       ${(bestThread(checkRuns) / bestThread(floorRuns)).toFixed(2)}x of the bests; per round ${median(threadRatios).toFixed(2)}x median  (without V8's compiling and collecting on helper threads, more of which the check's many functions need)`]
        : []),
      `      in wall time:                 ${(bestWall(checkRuns) / bestWall(floorRuns)).toFixed(2)}x of the bests; per round ${median(wallRatios).toFixed(2)}x median`,
      `  the CLI, fresh process (cold JIT): hotspy check --jobs N`,
      `    --jobs 1:   ${s(one.wall)} wall, ${s(one.cpu)} CPU  (${(one.cpu / one.wall).toFixed(2)} cores busy: V8 compiles and collects on background threads, so a second core is not idle)`,
      `    --jobs ${cores}:   ${s(all.wall)} wall, ${s(all.cpu)} CPU`,
      `    speed-up:   ${(one.wall / all.wall).toFixed(2)}x   (target >= 1.7x on 2 cores); thread overhead ${(all.cpu / one.cpu).toFixed(2)}x CPU`,
      `  findings: ${report.findings.length}; files with syntax errors: ${new Set(report.syntaxErrors.map((e) => e.file)).size}; skipped: ${report.skipped.length}`,
    ].join('\n') + '\n',
  );
}
