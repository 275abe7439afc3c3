// The two ways readers build a Profile: `SampleProfileBuilder` for stack samples (collapsed,
// Austin, speedscope, pyinstrument, hotspy's sampler; `CallTreeBuilder` turns timed enter/leave
// events into such samples) and `FunctionTableBuilder` for per-function tables with call counts
// and caller edges (cProfile/pstats). Both intern frames, so equal frames share one id.
import { aggregateSamples } from './aggregate.js';
import type {
  Edge,
  Frame,
  FrameId,
  FrameKind,
  FunctionStats,
  LineStats,
  Profile,
  ProfileKind,
  ProfileUnit,
  SampleEntry,
  SiteId,
  ThreadIndex,
  ThreadInfo,
} from './model.js';

/** The descriptive fields of a Profile that a reader states. */
export interface ProfileHeader {
  format: string;
  kind: ProfileKind;
  unit: ProfileUnit;
  metric: string;
  sampleInterval?: number;
  metadata?: Record<string, string | number>;
}

const KINDS: readonly FrameKind[] = ['python', 'builtin', 'native', 'synthetic'];

/**
 * A limit that keeps a hostile file from building an unbounded model: distinct stacks are kept
 * whole, so their total length is capped (64M frames ≈ 256 MB).
 */
export const MAX_STACK_SITES = 64 * 1024 * 1024;

/** The model would exceed a size limit; readers turn this into a ProfileFormatError. */
export class ProfileLimitError extends Error {
  override readonly name = 'ProfileLimitError';
}

/** Interns frames by (name, file, line, kind). */
export class FrameTable {
  readonly frames: Frame[] = [];
  // file → name → (line, kind) → id: nested maps look up the (often shared) strings without
  // building a composite key per call.
  private readonly index = new Map<string, Map<string, Map<number, FrameId>>>();

  intern(name: string, file: string, line: number, kind: FrameKind): FrameId {
    let byName = this.index.get(file);
    if (!byName) this.index.set(file, (byName = new Map()));
    let byLine = byName.get(name);
    if (!byLine) byName.set(name, (byLine = new Map()));
    const lineKey = line * 4 + KINDS.indexOf(kind);
    let id = byLine.get(lineKey);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push({ name, file, line, kind });
      byLine.set(lineKey, id);
    }
    return id;
  }
}

/**
 * Collects stack samples: intern sites and stacks, add weights per (stack, thread, idle).
 * Memory grows with distinct stacks only; readers should additionally cache their own
 * stack text → stack id so repeated lines cost one map lookup.
 */
export class SampleProfileBuilder {
  readonly frames = new FrameTable();
  private readonly sites: { frame: FrameId; line: number }[] = [];
  // frame → line → site; most frames have few lines, so the inner maps stay small.
  private readonly siteIndex: Array<Map<number, SiteId> | undefined> = [];
  // All stacks live in one growing pool (start offsets in `stackStart`), so a stack costs its
  // site ids plus one view object, not a buffer of its own.
  private pool = new Uint32Array(1024);
  private poolUsed = 0;
  private readonly stackStart: number[] = [0];
  private readonly stackIndex = new Map<string, number>();
  private readonly threads: ThreadInfo[] = [];
  private readonly threadIndex = new Map<string, ThreadIndex>();
  private readonly entries: SampleEntry[] = [];
  // entry lookup: stack*3 + idle code → (thread → entry index)
  private readonly entryIndex = new Map<number, Map<number, number>>();
  private idleSeen = false;
  private idleMissing = false;

  frame(name: string, file: string, line: number, kind: FrameKind = 'python'): FrameId {
    return this.frames.intern(name, file, line, kind);
  }

  site(frame: FrameId, line: number): SiteId {
    let byLine = this.siteIndex[frame];
    if (!byLine) this.siteIndex[frame] = byLine = new Map();
    let id = byLine.get(line);
    if (id === undefined) {
      id = this.sites.length;
      this.sites.push({ frame, line });
      byLine.set(line, id);
    }
    return id;
  }

  /** Intern a stack given as site ids, root first. */
  stack(sites: readonly SiteId[]): number {
    const key = sites.join(',');
    let id = this.stackIndex.get(key);
    if (id === undefined) {
      id = this.stackStart.length - 1;
      if (this.poolUsed + sites.length > MAX_STACK_SITES) {
        throw new ProfileLimitError(`the distinct stacks hold more than ${MAX_STACK_SITES} frames in all`);
      }
      if (this.poolUsed + sites.length > this.pool.length) {
        const bigger = new Uint32Array(Math.max(this.pool.length * 2, this.poolUsed + sites.length));
        bigger.set(this.pool.subarray(0, this.poolUsed));
        this.pool = bigger;
      }
      this.pool.set(sites, this.poolUsed);
      this.poolUsed += sites.length;
      this.stackStart.push(this.poolUsed);
      this.stackIndex.set(key, id);
    }
    return id;
  }

  thread(info: ThreadInfo): ThreadIndex {
    let id = this.threadIndex.get(info.key);
    if (id === undefined) {
      id = this.threads.length;
      this.threads.push(info);
      this.threadIndex.set(info.key, id);
    }
    return id;
  }

  /** Add `weight` (and `count` raw samples) to an interned stack. */
  add(stack: number, weight: number, thread: ThreadIndex = -1, idle: boolean | undefined = undefined, count = 1): void {
    if (idle === undefined) this.idleMissing = true;
    else this.idleSeen = true;
    const key = stack * 3 + (idle === undefined ? 0 : idle ? 1 : 2);
    let byThread = this.entryIndex.get(key);
    if (!byThread) {
      byThread = new Map();
      this.entryIndex.set(key, byThread);
    }
    const at = byThread.get(thread);
    if (at === undefined) {
      byThread.set(thread, this.entries.length);
      this.entries.push({ stack, thread, idle, weight, count });
    } else {
      const entry = this.entries[at]!;
      entry.weight += weight;
      entry.count += count;
    }
  }

  /**
   * Decide the idle flag of every sample added without one (when a format's idle marker is
   * only known to be in use after reading further), merging entries that become equal.
   */
  resolveUnknownIdle(idle: boolean): void {
    const old = this.entries.splice(0);
    this.entryIndex.clear();
    this.idleSeen = false;
    this.idleMissing = false;
    for (const e of old) this.add(e.stack, e.weight, e.thread, e.idle ?? idle, e.count);
  }

  /** Number of raw samples added so far. */
  get sampleCount(): number {
    let n = 0;
    for (const e of this.entries) n += e.count;
    return n;
  }

  private stackViews(): Uint32Array[] {
    const pool = this.pool.slice(0, this.poolUsed);
    const views: Uint32Array[] = new Array(this.stackStart.length - 1);
    for (let i = 0; i < views.length; i++) views[i] = pool.subarray(this.stackStart[i]!, this.stackStart[i + 1]!);
    return views;
  }

  build(header: ProfileHeader): Profile {
    const frames = this.frames.frames;
    const samples = {
      sites: this.sites,
      stacks: this.stackViews(),
      entries: this.entries,
      threads: this.threads,
      idleKnown: this.idleSeen && !this.idleMissing,
    };
    const { functions, lines, total } = aggregateSamples(frames, samples);
    return { ...headerFields(header), total, frames, functions, lines, samples, metadata: header.metadata ?? {} };
  }
}

/** The fields of a profile that come straight from its reader's header, in the model's key order. */
function headerFields(header: ProfileHeader): Pick<Profile, 'format' | 'kind' | 'unit' | 'metric' | 'sampleInterval'> {
  const fields: Pick<Profile, 'format' | 'kind' | 'unit' | 'metric' | 'sampleInterval'> = { format: header.format, kind: header.kind, unit: header.unit, metric: header.metric };
  if (header.sampleInterval !== undefined) fields.sampleInterval = header.sampleInterval;
  return fields;
}

/** Evented stacks cost their depth per event; real Python stacks stay far below this. */
export const MAX_EVENT_DEPTH = 5_000;

/**
 * Turns timed enter/leave events (speedscope evented profiles, call trees) into stack samples:
 * the time between two consecutive events is charged to the stack open in between.
 */
export class CallTreeBuilder {
  private readonly open: SiteId[] = [];
  // A private call tree: the node of each open prefix (-1: only transparent markers so far).
  // Charging time is O(1) per event however deep the stack is; a node becomes a model stack
  // (one walk up its parents) only the first time time is charged to it.
  private readonly nodes: number[] = [];
  private readonly nodeParent: number[] = [];
  private readonly nodeSite: SiteId[] = [];
  private readonly nodeStack: number[] = [];
  private readonly children = new Map<number, Map<SiteId, number>>();
  private lastAt: number | undefined;

  constructor(
    private readonly target: SampleProfileBuilder,
    private readonly thread: ThreadIndex = -1,
  ) {}

  get depth(): number {
    return this.open.length;
  }

  /** The site currently innermost, if any. */
  get top(): SiteId | undefined {
    return this.open[this.open.length - 1];
  }

  /** Opens a frame; a negative site is a transparent marker whose time goes to its parent. */
  enter(site: SiteId, at: number): void {
    if (this.open.length >= MAX_EVENT_DEPTH) throw new RangeError(`call stack deeper than ${MAX_EVENT_DEPTH} frames`);
    this.charge(at);
    const parent = this.nodes.length > 0 ? this.nodes[this.nodes.length - 1]! : -1;
    this.open.push(site);
    this.nodes.push(site < 0 ? parent : this.child(parent, site));
  }

  leave(at: number): void {
    this.charge(at);
    this.open.pop();
    this.nodes.pop();
  }

  private child(parent: number, site: SiteId): number {
    let bySite = this.children.get(parent);
    if (!bySite) this.children.set(parent, (bySite = new Map()));
    let node = bySite.get(site);
    if (node === undefined) {
      node = this.nodeParent.length;
      this.nodeParent.push(parent);
      this.nodeSite.push(site);
      this.nodeStack.push(-1);
      bySite.set(site, node);
    }
    return node;
  }

  private charge(at: number): void {
    if (this.lastAt !== undefined && at > this.lastAt && this.nodes.length > 0) {
      const node = this.nodes[this.nodes.length - 1]!;
      if (node >= 0) {
        let stack = this.nodeStack[node]!;
        if (stack < 0) {
          const sites: SiteId[] = [];
          for (let n = node; n >= 0; n = this.nodeParent[n]!) sites.push(this.nodeSite[n]!);
          stack = this.target.stack(sites.reverse());
          this.nodeStack[node] = stack;
        }
        this.target.add(stack, at - this.lastAt, this.thread);
      }
    }
    this.lastAt = at;
  }
}

/**
 * Builds a per-function table (cProfile/pstats): one row per function with its own numbers and
 * its callers. Rows keep insertion order (pstats' dict order).
 */
export class FunctionTableBuilder {
  readonly frames = new FrameTable();
  private readonly functions: FunctionStats[] = [];
  private readonly statsOf = new Map<FrameId, FunctionStats>();
  private readonly pendingCallees: Edge[] = [];

  frame(name: string, file: string, line: number, kind: FrameKind): FrameId {
    return this.frames.intern(name, file, line, kind);
  }

  /** Whether a row for this frame exists already (a duplicate key is a corrupt table). */
  has(frame: FrameId): boolean {
    return this.statsOf.has(frame);
  }

  /** Adds a row; the object passed becomes the row (its callers/callees lists are created). */
  addFunction(stats: Omit<FunctionStats, 'callers' | 'callees'>): FunctionStats {
    const row = stats as FunctionStats;
    row.callers = [];
    row.callees = [];
    this.statsOf.set(stats.frame, row);
    this.functions.push(row);
    return row;
  }

  /**
   * Record an edge on the callee's row (its `callee` is set to the row's frame when omitted);
   * callees lists are filled in `build`.
   */
  addCaller(callee: FunctionStats, edge: Omit<Edge, 'callee'> & { callee?: FrameId }): void {
    const full: Edge = edge.callee === callee.frame ? (edge as Edge) : { ...edge, callee: callee.frame };
    callee.callers.push(full);
    this.pendingCallees.push(full);
  }

  /** Replace the edge at `index` of a row's callers (a repeated caller key: the last one wins). */
  replaceCaller(callee: FunctionStats, index: number, edge: Edge): void {
    const old = callee.callers[index]!;
    callee.callers[index] = edge;
    this.pendingCallees[this.pendingCallees.indexOf(old)] = edge;
  }

  build(header: ProfileHeader, total: number, lines?: LineStats[]): Profile {
    for (const edge of this.pendingCallees) this.statsOf.get(edge.caller)?.callees.push(edge);
    this.pendingCallees.length = 0;
    return { ...headerFields(header), total, frames: this.frames.frames, functions: this.functions, lines, metadata: header.metadata ?? {} };
  }
}
