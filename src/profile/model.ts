// The one in-memory profile model every reader produces and every analysis consumes.
// Readers (src/profile/readers/) fill it through src/profile/builders.ts; nothing here does I/O.
//
// Shape, in short:
// - `frames`: interned functions (name, file, first line). A frame id is an index into it.
// - `functions`: per-function self/total cost, call counts where the format has them, and the
//   caller→callee `edges` with their cost. Computed once when the profile is built: read
//   directly from cProfile files, aggregated from the stacks for sample-based formats.
// - `lines`: per-line self/total cost where the format knows the executing line (samplers with
//   line numbers, Scalene), otherwise `undefined` (cProfile knows functions, not lines).
// - `samples`: for sample-based formats only, the distinct stacks (root first, as ids of
//   interned (frame, line) sites) with their weight per thread and idle flag. Memory is bounded
//   by the number of distinct stacks, not by the input size. Flame graphs and line costs are
//   built from it.
// - `unit` says what every cost number above measures: `seconds` (deterministic profiles, and
//   samplers that report time per sample such as Austin), `samples` (a count of samples; multiply
//   by `sampleInterval` for an estimate in seconds) or `bytes` (memory modes).
// - `related`: extra metrics of the same run that a format offers next to the primary one (Austin
//   full mode: memory allocated and released beside time), each a complete Profile of its own.
//
// What each reader fills (format id: unit/metric; calls; lines; samples; threads; idle):
//   cprofile        seconds/time; nc+cc and edge counts (pure-Python profile: edge counts only;
//                   pyinstrument's -1 counts become undefined and kind 'sampled'); no lines;
//                   no samples. Numbers are exactly pstats' (total = Σ tottime).
//   collapsed       samples/samples; no calls; lines when frames have `(file:line)`; stacks;
//                   threads/pids from py-spy's `thread (…)`/`process …` root frames (removed
//                   from the stacks); idle unknown (py-spy leaves no marker).
//   speedscope      seconds (ms/µs/ns converted; `none` → samples; `bytes`); stacks; one thread
//                   per py-spy profile; lines only for py-spy (pyinstrument gives first lines).
//   austin          seconds/wall|cpu (µs converted), or bytes/memory-allocated in memory mode;
//                   stacks with executing lines; threads with pid/tid/interpreter; idle per
//                   sample in 3.x full mode and 1.x sleepless mode only; related memory profiles.
//   pyinstrument    seconds/wall from the call tree (self = time − children); no lines; idle
//                   only for `[await]`/`[out-of-context]`; no threads.
//   scalene         seconds/cpu = (python+native+system %) × elapsed; lines with `extra`
//                   percentages and memory; functions have total = self (no stacks, no edges);
//                   related bytes/memory-allocated when memory profiling was on.
//   hotspy-samples  samples/samples with `sampleInterval`; stacks with executing lines and first
//                   lines (so functions match cProfile's keys); threads; idle per sample.

/** What every cost number of a profile measures. */
export type ProfileUnit = 'seconds' | 'samples' | 'bytes';

/**
 * How the data was collected. `deterministic` profilers (cProfile, profile) see every call and
 * count them; `sampled` profilers (py-spy, Austin, pyinstrument, Scalene, hotspy's own sampler)
 * see stacks at intervals and know no call counts.
 */
export type ProfileKind = 'deterministic' | 'sampled';

/** An index into `Profile.frames`. */
export type FrameId = number;

/** An index into `SampleSet.sites`. */
export type SiteId = number;

/** An index into `SampleSet.threads`. */
export type ThreadIndex = number;

/**
 * What kind of code a frame stands for. `python`: a Python function (has a real file, usually a
 * first line). `builtin`: a C function or method seen by cProfile (`~`, pure-Python profile's
 * empty file, pyinstrument's `<built-in>`). `native`: a native (C/C++) frame from a sampler.
 * `synthetic`: a marker a tool inserted that is not code (Austin's `:GC:` / `:INVALID:` /
 * `<idle>`, pyinstrument's `[self]`/`[await]`, the pure-Python profiler's `profiler` root, a
 * stack with no Python frames).
 */
export type FrameKind = 'python' | 'builtin' | 'native' | 'synthetic';

/**
 * A function, interned: two frames with the same (name, file, line, kind) are the same frame.
 * Names are as the tool reported them: `co_name` for cProfile/py-spy/Python ≤ 3.10 Austin, the
 * qualified name for Austin on Python ≥ 3.11 and Scalene. cProfile built-ins keep their raw
 * key: file `~`, line 0, name `<built-in method builtins.exec>` (see `frameLabel`).
 */
export interface Frame {
  /** Function name (never empty for a real function; may contain any character). */
  name: string;
  /** File as the tool recorded it (absolute, relative, `<frozen runpy>`, `~`, or '' if unknown). */
  file: string;
  /** First line of the function (`co_firstlineno`), 0 if the format does not say. */
  line: number;
  kind: FrameKind;
}

/**
 * A caller→callee edge. For cProfile these are exactly the numbers of the callee's `callers`
 * dict entry for this caller: `calls` = nc, `primitiveCalls` = cc, `self` = tottime and
 * `total` = cumtime of the callee *when called from this caller*. The pure-Python `profile`
 * module records only a call count (times are then undefined). For samples, `total` is the
 * weight of all stacks in which caller directly calls callee (each stack counted once even if
 * the pair recurs in it) and `self` the weight of the stacks where the callee is the leaf.
 * The same Edge object appears in the caller's `callees` and in the callee's `callers`.
 */
export interface Edge {
  caller: FrameId;
  callee: FrameId;
  /** Callee cost spent below this caller, inclusive of the callee's own callees. */
  total?: number;
  /** Callee self cost spent when called from this caller. */
  self?: number;
  /** Number of calls along this edge (cProfile nc; pure-Python profile's int). */
  calls?: number;
  /** Primitive (non-recursive) calls along this edge (cProfile cc). */
  primitiveCalls?: number;
}

/** Cost of one function. */
export interface FunctionStats {
  frame: FrameId;
  /** Cost spent in the function itself (cProfile tottime). */
  self: number;
  /**
   * Inclusive cost (cProfile cumtime). For samples: the weight of every stack that contains the
   * function, counted once per stack (so recursion does not double count).
   */
  total: number;
  /** Total number of calls, including recursive ones (cProfile nc). Absent for samplers. */
  calls?: number;
  /** Primitive (non-recursive) calls (cProfile cc). Absent for samplers. */
  primitiveCalls?: number;
  /** Edges from the functions that called this one, in the order the format listed them. */
  callers: Edge[];
  /** Edges to the functions this one called. */
  callees: Edge[];
}

/** Cost of one source line (only where the format knows lines). */
export interface LineStats {
  file: string;
  /** 1-based line number. */
  line: number;
  /** Cost while this line was the one executing in the innermost frame. */
  self: number;
  /** Cost of every sample in which this line was executing in some frame (once per stack). */
  total: number;
  /** The function the line belongs to, when known. */
  function?: FrameId;
  /**
   * Format-specific per-line figures, by documented name. Scalene: `cpu_python_percent`,
   * `cpu_native_percent`, `cpu_system_percent`, `malloc_mb`, `peak_mb`, `mallocs`,
   * `usage_fraction`, `python_fraction`, `copy_mb_s`, `gpu_percent`.
   */
  extra?: Record<string, number>;
}

/** A frame with the line it was executing: one element of a sampled stack. */
export interface Site {
  frame: FrameId;
  /** The line executing in that frame, 0 if unknown. */
  line: number;
}

/** A thread (or process) that samples were taken from. */
export interface ThreadInfo {
  /** Stable key, unique within the profile, e.g. `P123;T0:124` or `thread 0x7f…`. */
  key: string;
  /** OS process id, when the format has it. */
  pid?: number;
  /** Thread id as the tool printed it (decimal native id, or hex for some tools). */
  tid?: string;
  /** Python interpreter id (Austin 3.6+), when present. */
  interpreter?: number;
  /** Thread name (py-spy ≥ 0.4 `--threads`, speedscope profile names), when present. */
  name?: string;
}

/** The aggregated weight of one distinct (stack, thread, idle) combination. */
export interface SampleEntry {
  /** Index into `SampleSet.stacks`. */
  stack: number;
  /** Index into `SampleSet.threads`, or -1 when the format has no thread information. */
  thread: ThreadIndex;
  /**
   * Whether the thread was idle/waiting rather than running, when the format says so (Austin
   * full mode, Austin 1.x sleepless `<idle>`, hotspy's sampler); `undefined` when unknown
   * (py-spy `--idle` adds no marker, so py-spy samples are always `undefined`).
   */
  idle: boolean | undefined;
  /** Summed cost in the profile's unit. */
  weight: number;
  /** How many raw samples (input lines/events) were folded into this entry. */
  count: number;
}

/**
 * The stacks of a sample-based profile, deduplicated. A stack is the list of its sites, root
 * first; identical stacks share one id. Samples that had no Python frames at all are kept with
 * the empty stack (they still carry time).
 */
export interface SampleSet {
  sites: Site[];
  /** Distinct stacks: site ids, root (outermost caller) first, leaf last. */
  stacks: Uint32Array[];
  /** One entry per distinct (stack, thread, idle); weights already summed. */
  entries: SampleEntry[];
  threads: ThreadInfo[];
  /** True when the format reports idle vs running per sample (then `idle` is never undefined). */
  idleKnown: boolean;
}

/** A profile of one run, as one reader produced it. */
export interface Profile {
  /** Id of the reader that produced it (`cprofile`, `collapsed`, `austin`, …). */
  format: string;
  kind: ProfileKind;
  unit: ProfileUnit;
  /**
   * What the numbers measure, in words a report can show: `time` (cProfile), `wall`, `cpu`,
   * `samples`, `memory-allocated`, `memory-released`, `cpu-percent`.
   */
  metric: string;
  /** Seconds between samples, when the format says (Austin `# interval`, py-spy speedscope). */
  sampleInterval?: number;
  /**
   * Total cost in `unit`. cProfile: the sum of every function's self time (what pstats prints as
   * "in N seconds"). Samples: the sum of all entry weights, idle included.
   */
  total: number;
  frames: Frame[];
  /** One entry per function the profile has numbers for, in the format's order. */
  functions: FunctionStats[];
  /** Per-line costs, or undefined when the format has no line information. */
  lines: LineStats[] | undefined;
  /** Deduplicated stacks, for sample-based formats only. */
  samples?: SampleSet;
  /** Further metrics of the same run (e.g. Austin full mode's memory), each a full Profile. */
  related?: Profile[];
  /**
   * Facts the file states, by name: `python_version`, `tool_version`, `duration_seconds`,
   * `program`, `mode`, `sample_count`, … Only what the file actually says.
   */
  metadata: Record<string, string | number>;
}

/**
 * pstats' "standard name" of a frame: `file:line(name)`, or for cProfile built-ins
 * (`~`, line 0) the name with its outer `<…>` turned into `{…}`.
 */
export function frameLabel(frame: Frame): string {
  if (frame.file === '~' && frame.line === 0) {
    const n = frame.name;
    return n.startsWith('<') && n.endsWith('>') ? `{${n.slice(1, -1)}}` : n;
  }
  return `${frame.file}:${frame.line}(${frame.name})`;
}

/** The stack of a sample set as frames with lines, root first. */
export function stackSites(samples: SampleSet, stack: number): Site[] {
  const ids = samples.stacks[stack];
  if (ids === undefined) throw new RangeError(`no stack ${stack}`);
  return Array.from(ids, (id) => samples.sites[id]!);
}
