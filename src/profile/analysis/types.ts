// The report hotspy computes from a profile: top functions and lines, the coverage curve and the
// CPU-bound vs I/O-bound verdict. Plain data, shared by the text and JSON renderers.
import type { FrameId, FrameKind, Profile, ProfileKind, ProfileUnit } from '../model.js';

export interface ReportOptions {
  /** How many functions (and lines) each top list keeps; 0 keeps all. Default 20. */
  top?: number;
  /**
   * A line-level companion profile of the same run (hotspy's sampler beside a cProfile file):
   * it supplies the top lines and the running/waiting evidence for the verdict.
   */
  lineSamples?: Profile;
  /** How many callers each function lists (the costliest first). Default 10. */
  maxCallers?: number;
}

/** Where a function or caller lives; builtins have no file or line. */
export interface FunctionRef {
  name: string;
  /** The file as the profile recorded it, or null for builtins/unknown. */
  file: string | null;
  /** First line, or null when unknown (builtins, formats without lines). */
  line: number | null;
  kind: FrameKind;
  /** pstats' standard name: `file:line(name)` or `{built-in method …}`. */
  label: string;
}

export interface ReportCaller extends FunctionRef {
  calls?: number;
  primitiveCalls?: number;
  /** The callee's self cost when called from this caller. */
  self?: number;
  /** The callee's inclusive cost when called from this caller. */
  total?: number;
}

export interface ReportFunction extends FunctionRef {
  /** The frame id in the profile the report was computed from. */
  frame: FrameId;
  calls?: number;
  primitiveCalls?: number;
  self: number;
  total: number;
  /** self / report total (0..1). */
  selfShare: number;
  /** total / report total (0..1; can exceed 1 only through a tool's own rounding). */
  totalShare: number;
  callers: ReportCaller[];
  /** Callers left out of `callers` (beyond `maxCallers`). */
  callersOmitted: number;
}

export interface ReportLine {
  file: string;
  line: number;
  /** The function the line belongs to, when known. */
  function: FunctionRef | null;
  self: number;
  total: number;
  selfShare: number;
  totalShare: number;
  /** Share of this line's self samples taken while the thread was waiting, when known. */
  idleShare?: number;
}

/** One thread of a sampled run (listed when a run had several). */
export interface ReportThread {
  /** The thread's name when the profile has it, else its id or key. */
  name: string;
  samples: number;
  /** Samples flagged running / waiting, when the profile says. */
  running?: number;
  waiting?: number;
}

export interface CoverageLevel {
  /** The share of all self cost to reach: 0.5, 0.8, 0.95. */
  share: number;
  /** How few functions (the costliest first) reach it. */
  functions: number;
  /** `functions` as a fraction of all functions in the profile. */
  fractionOfFunctions: number;
}

export interface Coverage {
  /** Functions in the profile (the denominator of `fractionOfFunctions`). */
  functionCount: number;
  /** Functions with any self cost at all. */
  functionsWithCost: number;
  levels: CoverageLevel[];
}

/** Kinds of waiting a builtin call stands for. */
export type WaitCategory = 'sleep' | 'select' | 'network' | 'file' | 'sync' | 'process';

export interface WaitingCall extends FunctionRef {
  category: WaitCategory;
  /** Self cost of the call (the time spent inside it). */
  self: number;
  share: number;
}

/**
 * Which evidence decided the verdict, strongest first:
 * `cpu-time`: the process's CPU seconds against wall seconds (hotspy's sampler footer);
 * `idle-samples`: running vs waiting flags of samples (hotspy's sampler, Austin);
 * `waiting-calls`: time inside known blocking builtins (cProfile);
 * `waiting-frames`: samples whose innermost frame is a known blocking stdlib function
 * (samplers without idle flags, e.g. py-spy; weak);
 * `none`: the profile holds no evidence either way.
 */
export type VerdictBasis = 'cpu-time' | 'idle-samples' | 'waiting-calls' | 'waiting-frames' | 'none';

export type VerdictKind = 'cpu' | 'io' | 'mixed' | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  basis: VerdictBasis;
  /**
   * The share of the run spent waiting (0..1) according to `basis` (for `waiting-frames`, a lower
   * bound); null when there is no evidence at all.
   */
  waitingShare: number | null;
  /** Verdict thresholds on `waitingShare`: at most `cpu` → cpu, at least `io` → io. */
  thresholds: { cpu: number; io: number };
  /**
   * How much of the run the program computed: hotspy's sampler's per-thread `busy_share` when
   * present, else process CPU seconds / (wall seconds − run-queue wait).
   */
  cpuUtilisation?: number;
  cpuSeconds?: number;
  wallSeconds?: number;
  /** Seconds the threads were runnable but waiting for a CPU (busy machine), when measured. */
  runqueueSeconds?: number;
  /** Samples taken while the thread was running / waiting (all threads), when known. */
  activeSamples?: number;
  idleSamples?: number;
  /** Running samples per tick: the average number of threads running at once. */
  runningPerTick?: number;
  /** Threads that were running in at least 5% of the ticks. */
  busyThreads?: number;
  /** From a deterministic profile: time in blocking calls, by category and by call. */
  waitingCallShare?: number;
  categories?: Partial<Record<WaitCategory, number>>;
  waitingCalls?: WaitingCall[];
  /** One sentence: what was measured. */
  summary: string;
  /** What it means for the fix. */
  advice: string;
  /** Caveats that apply to this profile. */
  notes: string[];
}

export interface ProfileReport {
  format: string;
  kind: ProfileKind;
  unit: ProfileUnit;
  metric: string;
  sampleInterval?: number;
  /** Total cost in `unit` (cProfile: the sum of self times, what pstats prints). */
  total: number;
  /** `total` in seconds when the unit is samples and the interval is known. */
  totalSeconds?: number;
  functionCount: number;
  /** Sum of calls / primitive calls (deterministic profiles). */
  calls?: number;
  primitiveCalls?: number;
  /** The union of the top functions by self and by total cost, costliest self first. */
  functions: ReportFunction[];
  /** Indexes into `functions`: top N by self cost, by total cost. */
  topSelf: number[];
  topTotal: number[];
  /** Top lines by self cost, when a line-level profile was available. */
  lines?: ReportLine[];
  /** Per-thread sample counts, costliest first, when the sampled run had several threads. */
  threads?: ReportThread[];
  /** Where `lines` came from, when they came from a companion profile. */
  lineSource?: { format: string; unit: ProfileUnit; total: number; sampleInterval?: number };
  coverage: Coverage;
  verdict: Verdict;
  metadata: Record<string, string | number>;
}
