// The CPU-bound vs I/O-bound verdict. It weighs the strongest evidence a profile has: the
// process's CPU time against wall time, running/waiting flags of samples, time inside blocking
// builtins (cProfile), or blocking stdlib frames (samplers without idle flags), and says what
// the answer means for the fix (the GIL decides whether threads can help).
import type { Profile } from '../model.js';
import { functionRef } from './function-ref.js';
import type { Verdict, VerdictBasis, VerdictKind, WaitCategory, WaitingCall } from './types.js';
import { waitCategoryOfBuiltin, waitCategoryOfLeafFrame } from './waiting.js';

/**
 * Thresholds on the waiting share w. By Amdahl's law, removing all waiting speeds a run up by at
 * most 1/(1-w) and making all computation free by at most 1/w. At w ≤ 1/3 overlapping the waits
 * can gain at most 1.5×, so the computation is what matters (cpu); at w ≥ 2/3 the computation
 * can gain at most 1.5× (io). In between, both sides are worth a look (mixed).
 */
export const VERDICT_THRESHOLDS = { cpu: 1 / 3, io: 2 / 3 } as const;

/** A thread counts as busy when it was running in at least this share of the ticks. */
const BUSY_THREAD_SHARE = 0.05;

const CATEGORY_WORDS: Record<WaitCategory, string> = {
  sleep: 'sleep',
  select: 'select/poll (event loops)',
  network: 'network',
  file: 'file and pipe I/O',
  sync: 'locks, queues and thread joins',
  process: 'child processes',
};

interface Evidence {
  basis: VerdictBasis;
  waitingShare: number;
  summary: string;
}

export function computeVerdict(profile: Profile, lineSamples?: Profile): Verdict {
  if (profile.unit === 'bytes' && !lineSamples) {
    return {
      kind: 'unknown',
      basis: 'none',
      waitingShare: null,
      thresholds: { ...VERDICT_THRESHOLDS },
      summary: 'This is a memory profile: it measures allocations, not running or waiting time.',
      advice: adviceFor('unknown'),
      notes: [],
    };
  }
  const notes: string[] = [];
  const partial: Partial<Verdict> = {};
  const candidates: Evidence[] = [];

  let cpu: Evidence | undefined;
  for (const p of [lineSamples, profile]) {
    if (p && (cpu = cpuTimeEvidence(p, partial))) break;
  }
  let idle: Evidence | undefined;
  let threads = 0;
  for (const p of [lineSamples, profile]) {
    if (p && (idle = idleSampleEvidence(p, partial))) {
      threads = p.samples?.threads.length ?? 0;
      break;
    }
  }
  // CPU time is the most direct evidence. Only when it is the process-wide figure (no per-thread
  // busy share) and several threads ran do the samples go first: they say whether *some* thread
  // was running at each tick, which the process figure cannot on a busy machine.
  const perThreadClocks = [lineSamples, profile].some((p) => p !== undefined && metaNumber(p, 'busy_share') !== undefined);
  if (idle && threads > 1 && !perThreadClocks) candidates.push(idle);
  if (cpu) candidates.push(cpu);
  if (idle && (threads <= 1 || perThreadClocks)) candidates.push(idle);
  if (profile.kind === 'deterministic') {
    const calls = waitingCallEvidence(profile, partial);
    if (calls) candidates.push(calls);
  }
  if (candidates.length === 0) {
    for (const p of [lineSamples, profile]) {
      if (!p || p.kind !== 'sampled') continue;
      const frames = waitingFrameEvidence(p);
      if (frames) {
        candidates.push(frames);
        notes.push(
          'This profile does not say which samples were idle, so only waits inside blocking stdlib ' +
            'functions were recognised (a lower bound). py-spy records idle threads only with --idle; ' +
            '`hotspy profile` measures running vs waiting directly.',
        );
        break;
      }
    }
  }

  const chosen = candidates[0];
  let kind: VerdictKind = chosen === undefined ? 'unknown' : kindOf(chosen.waitingShare);
  // Blocking stdlib frames only bound the waiting from below: a wait inside a C call made from
  // the program's own line (socket.recv, time.sleep) looks like running code. Only a high bound
  // decides; otherwise the honest answer is that this profile cannot tell.
  if (chosen?.basis === 'waiting-frames' && kind !== 'io') kind = 'unknown';
  addNotes(notes, partial, chosen, profile);
  return {
    kind,
    basis: chosen?.basis ?? 'none',
    waitingShare: chosen === undefined ? null : chosen.waitingShare,
    thresholds: { ...VERDICT_THRESHOLDS },
    ...partial,
    summary: chosen?.summary ?? 'This profile holds no evidence of waiting or running (no idle flags, no CPU time, no call names).',
    advice: adviceFor(kind),
    notes,
  };
}

function kindOf(waitingShare: number): VerdictKind {
  if (waitingShare <= VERDICT_THRESHOLDS.cpu) return 'cpu';
  if (waitingShare >= VERDICT_THRESHOLDS.io) return 'io';
  return 'mixed';
}

function metaNumber(p: Profile, key: string): number | undefined {
  const value = p.metadata[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * hotspy's sampler measures the whole process's CPU seconds over the run's wall seconds, and how
 * long the main thread was runnable but waiting for a CPU that other processes had: that time is
 * the machine's, not the program's, so it is left out of the wall time.
 */
function cpuTimeEvidence(p: Profile, out: Partial<Verdict>): Evidence | undefined {
  const cpu = metaNumber(p, 'cpu_seconds');
  const wall = metaNumber(p, 'wall_seconds');
  const busy = metaNumber(p, 'busy_share');
  if (cpu === undefined || wall === undefined || wall <= 0 || cpu < 0) return undefined;
  const queued = Math.min(0.95 * wall, Math.max(0, metaNumber(p, 'runqueue_seconds') ?? 0));
  out.cpuSeconds = cpu;
  out.wallSeconds = wall;
  if (queued > 0) out.runqueueSeconds = queued;
  if (busy !== undefined && busy >= 0) {
    // Measured per sampler tick from every thread's own CPU clock: covers all threads, and leaves
    // out each thread's waits for a CPU, so it holds on a busy machine and for threaded programs.
    out.cpuUtilisation = busy;
    const waitingShare = Math.max(0, 1 - Math.min(1, busy));
    return {
      basis: 'cpu-time',
      waitingShare,
      summary:
        `The program was computing (some thread on a CPU) ${pct(Math.min(1, busy))} of the time and waiting ` +
        `${pct(waitingShare)}, by its threads' CPU clocks (it used ${fmtSeconds(cpu)} of CPU in ${fmtSeconds(wall)}).`,
    };
  }
  const utilisation = cpu / (wall - queued);
  out.cpuUtilisation = utilisation;
  const waitingShare = Math.max(0, 1 - Math.min(1, utilisation));
  const busyMachine =
    queued > 0.05 * wall ? ` (leaving out ${fmtSeconds(queued)} it spent waiting for a CPU that other processes had)` : '';
  return {
    basis: 'cpu-time',
    waitingShare,
    summary:
      `The process used ${fmtSeconds(cpu)} of CPU in ${fmtSeconds(wall)} of wall time${busyMachine}: ` +
      `CPU utilisation ${pct(utilisation)}, waiting about ${pct(waitingShare)} of the time.`,
  };
}

/**
 * Samples flagged running/waiting. With several threads, the share that matters is how often
 * *some* thread was running: the active samples of all threads over the number of ticks (each
 * tick samples every live thread once), so a main thread waiting for a computing worker is not
 * mistaken for an idle program.
 */
function idleSampleEvidence(p: Profile, out: Partial<Verdict>): Evidence | undefined {
  const samples = p.samples;
  if (!samples || !samples.idleKnown || samples.entries.length === 0) return undefined;
  let active = 0;
  let idle = 0;
  const perThread = new Map<number, { all: number; active: number }>();
  for (const entry of samples.entries) {
    if (entry.idle === undefined) continue;
    if (entry.idle) idle += entry.count;
    else active += entry.count;
    const t = perThread.get(entry.thread) ?? { all: 0, active: 0 };
    t.all += entry.count;
    if (!entry.idle) t.active += entry.count;
    perThread.set(entry.thread, t);
  }
  if (active + idle === 0) return undefined;
  let ticks = metaNumber(p, 'ticks') ?? 0;
  for (const t of perThread.values()) ticks = Math.max(ticks, t.all);
  const busy = [...perThread.values()].filter((t) => t.active >= BUSY_THREAD_SHARE * ticks).length;
  out.activeSamples = active;
  out.idleSamples = idle;
  out.busyThreads = busy;
  out.runningPerTick = active / ticks;
  const running = Math.min(1, active / ticks);
  const threads = perThread.size;
  return {
    basis: 'idle-samples',
    waitingShare: 1 - running,
    summary:
      threads > 1
        ? `A thread was running in about ${pct(running)} of the sampling ticks ` +
          `(${fmtCount(active)} running and ${fmtCount(idle)} waiting samples over ${threads} threads).`
        : `${pct(active / (active + idle))} of ${fmtCount(active + idle)} samples caught the program running, ` +
          `${pct(idle / (active + idle))} waiting.`,
  };
}

/** cProfile: self time inside builtins that block. */
function waitingCallEvidence(p: Profile, out: Partial<Verdict>): Evidence | undefined {
  if (!(p.total > 0)) return undefined;
  const byCategory: Partial<Record<WaitCategory, number>> = {};
  const calls: WaitingCall[] = [];
  let waiting = 0;
  for (const fn of p.functions) {
    const frame = p.frames[fn.frame]!;
    const category = waitCategoryOfBuiltin(frame);
    if (category === undefined || !(fn.self > 0)) continue;
    waiting += fn.self;
    byCategory[category] = (byCategory[category] ?? 0) + fn.self;
    calls.push({ ...functionRef(frame), category, self: fn.self, share: fn.self / p.total });
  }
  calls.sort((a, b) => b.self - a.self);
  const share = Math.min(1, waiting / p.total);
  const shares: Partial<Record<WaitCategory, number>> = {};
  for (const [category, seconds] of Object.entries(byCategory) as [WaitCategory, number][]) {
    shares[category] = seconds / p.total;
  }
  out.waitingCallShare = share;
  out.categories = shares;
  out.waitingCalls = calls.slice(0, 10);
  const parts = (Object.entries(shares) as [WaitCategory, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([c, s]) => `${CATEGORY_WORDS[c]} ${pct(s)}`);
  return {
    basis: 'waiting-calls',
    waitingShare: share,
    summary:
      `${pct(share)} of the measured time was spent inside blocking calls` +
      (parts.length > 0 ? ` (${parts.join(', ')}).` : '.'),
  };
}

/** Samplers without idle flags: samples whose innermost Python frame is a blocking stdlib function. */
function waitingFrameEvidence(p: Profile): Evidence | undefined {
  const samples = p.samples;
  if (!samples || samples.entries.length === 0) return undefined;
  let all = 0;
  let waiting = 0;
  for (const entry of samples.entries) {
    all += entry.weight;
    const stack = samples.stacks[entry.stack]!;
    if (stack.length === 0) continue;
    const leaf = samples.sites[stack[stack.length - 1]!]!;
    if (waitCategoryOfLeafFrame(p.frames[leaf.frame]!) !== undefined) waiting += entry.weight;
  }
  if (!(all > 0)) return undefined;
  const share = waiting / all;
  return {
    basis: 'waiting-frames',
    waitingShare: share,
    summary:
      (share > 0
        ? `At least ${pct(share)} of the samples were waiting: that many were inside stdlib functions that block ` +
          '(thread waits, socket reads, select, subprocess waits)'
        : 'No sample was inside a stdlib function that blocks') +
      '; waits in C calls made directly from your code (socket.recv, time.sleep) cannot be seen in this profile.',
  };
}

function addNotes(notes: string[], v: Partial<Verdict>, chosen: Evidence | undefined, profile: Profile): void {
  const u = v.cpuUtilisation;
  if (u !== undefined && u > 1.3) {
    notes.push(`The process used ${u.toFixed(1)} cores on average: native code ran in parallel, outside the GIL.`);
  }
  // One core at most: measured, or (without CPU time) on average no more than about one thread
  // running per tick.
  const oneCore = u !== undefined ? u < 1.3 : v.runningPerTick !== undefined && v.runningPerTick < 1.2;
  if ((v.busyThreads ?? 0) >= 2 && oneCore && chosen && chosen.waitingShare <= VERDICT_THRESHOLDS.io) {
    notes.push(
      `${v.busyThreads} threads were running Python code, yet about one ran at a time: ` +
        'they took turns holding the GIL, so more threads will not make this computation faster.',
    );
  }
  const sync = v.categories?.sync ?? 0;
  if (profile.kind === 'deterministic' && sync > 0.1) {
    notes.push(
      chosen?.basis === 'waiting-calls'
        ? `${pct(sync)} of the measured time went to waiting on locks, queues or joins. Whether the threads waited ` +
            'for were computing is not in this profile (a plain `python -m cProfile` on Python ≤ 3.11 measures one ' +
            'thread only); `hotspy profile` profiles every thread and measures their CPU time.'
        : `${pct(sync)} of cProfile's time was threads waiting on locks, queues or joins for work done in other ` +
            "threads; the sampler's CPU clocks, not these waits, decide the verdict.",
    );
  }
  if (chosen?.basis === 'waiting-calls') {
    notes.push("cProfile's own cost per call inflates the time of call-heavy Python code, which leans this share towards CPU.");
  }
}

function adviceFor(kind: VerdictKind): string {
  switch (kind) {
    case 'cpu':
      return (
        'CPU-bound: the time goes to computing. Threads will not speed it up: the GIL lets one thread ' +
        'run Python bytecode at a time. Make the hot functions cheaper (a better algorithm or data ' +
        'structure first), move the work into native code that releases the GIL (NumPy, orjson, ' +
        'compiled extensions), or spread it over processes (multiprocessing, ProcessPoolExecutor) at a ' +
        'cost in memory and in pickling data between them.'
      );
    case 'io':
      return (
        'I/O-bound: the program mostly waits (network, disk, sleeps, other processes). Faster Python ' +
        'code will barely change the run time; overlapping the waits will: threads (ThreadPoolExecutor) ' +
        'or asyncio let many waits proceed at once, since blocking calls release the GIL. Also cut the ' +
        'number of round trips (batching, caching, connection reuse).'
      );
    case 'mixed':
      return (
        'Mixed: both computing and waiting take a large share. Overlap the waits (threads or asyncio) ' +
        'and make the hot code cheaper; CPU-heavy parts need processes or native code to run in ' +
        'parallel, because of the GIL.'
      );
    case 'unknown':
      return 'No verdict: profile with `hotspy profile`, which measures CPU time against wall time directly.';
  }
}


function pct(x: number): string {
  const v = x * 100;
  return `${v >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(1)}%`;
}

function fmtSeconds(s: number): string {
  return s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`;
}

function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}
