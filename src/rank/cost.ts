// The measured cost of the code each finding sits in: its function (self and total) and, where
// the profile knows lines, its loop or its own lines, as the profile's unit and as a share of
// the whole run.
import type { Finding, FindingCost } from '../diagnostics/finding.js';
import type { Edge, FrameId, FunctionStats, LineStats, Profile } from '../profile/model.js';
import { innermostLoopAt, innermostUnitAt, type CodeUnit, type LineSpan } from './code-units.js';
import type { FrameMatching, IndexedFile } from './match.js';
import { frameNamesCallee } from './call-sites.js';

/** A finding's cost plus what ranking and gain estimates need beyond the public `FindingCost`. */
export interface MeasuredCost extends FindingCost {
  /**
   * The heat findings are ranked by, as a share (0..1) of the run: the time spent executing the
   * finding's loop or line (callees included: a `json.dumps` call costs what dumps costs) where
   * the profile knows lines; else the enclosing function's self time, which is where cProfile
   * books C-level work such as `x in some_list`.
   */
  heat: number;
  /** Calls of the enclosing function, when the profile counts calls (cProfile). */
  calls?: number;
  /** What was measured: the unit's frames, and the line span when the scope is a loop or line (else the frames' self cost). */
  measured?: MeasuredScope;
}

export interface MeasuredScope {
  frames: readonly FrameId[];
  /** For a call costed without lines: the caller→callee edges whose time was measured (not the frames' self). */
  edges?: readonly Edge[];
  span?: LineSpan;
  /** The frames' samples with an unknown line count as inside `span` (see `LineSampleIndex.costOf`). */
  unknownLines?: boolean;
  /** With `span`: only samples whose innermost frame is executing there (a function's self cost, split by lines). */
  selfOnly?: boolean;
  /** With `selfOnly`: also the stacks where the span is calling this callee. */
  callee?: string;
  /** With `span`, for per-line tables without stacks: the file whose lines were summed. */
  file?: IndexedFile;
}

/** Per-profile lookups built once and shared by every finding. */
export class CostModel {
  private readonly statsByFrame: Array<FunctionStats | undefined>;
  private readonly lineIndex: LineSampleIndex | undefined;
  private readonly lineTable: LineTableIndex | undefined;

  constructor(
    readonly profile: Profile,
    readonly matching: FrameMatching,
    /** A deterministic profile of the same run, for call counts (when `profile` is its line samples). */
    private readonly callCounts?: { profile: Profile; matching: FrameMatching },
  ) {
    this.statsByFrame = statsIndex(profile);
    this.lineIndex = profile.samples && profile.samples.sites.some((s) => s.line > 0) ? new LineSampleIndex(profile) : undefined;
    this.lineTable = !this.lineIndex && profile.lines && profile.lines.length > 0 ? new LineTableIndex(profile.lines, matching) : undefined;
  }

  /** The cost of the code `finding` sits in, within `file` (one of the matched files); `micro` findings are measured on their own lines, never a whole loop. */
  costOf(finding: Finding, file: IndexedFile, options: { micro?: boolean } = {}): MeasuredCost {
    const line = finding.range.start.line;
    const unit = this.measuredUnit(unitForFinding(file.units, line, finding.range.start.byteColumn));
    const frames = this.matching.framesOfUnit.get(unit) ?? [];
    const unitLabel = `${file.path}:${unit.defLine} ${unit.qualname}`;
    const fnName = unit.qualname;
    const total = this.profile.total;
    const unitName = this.profile.unit;
    if (frames.length === 0) {
      // Too brief for any sample to land in it, yet the deterministic profile of the same run saw it called.
      const calls = this.callsOf(unit);
      if (calls) return { executed: true, unit: unitName, scope: 'function', self: 0, total: 0, fractionOfRun: 0, heat: 0, label: unitLabel, function: fnName, calls, measured: { frames } };
      return { executed: false, unit: unitName, scope: 'function', label: unitLabel, function: fnName, heat: 0, fractionOfRun: 0 };
    }
    let self = 0;
    let inclusive = 0;
    const shared = frames.some((id) => this.matching.sharedFrames.has(id));
    if (shared && this.lineIndex) {
      // A frame shared by same-named units: the unit's own lines single out its part.
      const own = this.lineIndex.costOf(new Set(frames), unit);
      self = own.self;
      inclusive = own.total;
    } else {
      for (const id of frames) {
        const stats = this.statsByFrame[id];
        if (!stats) continue;
        self += stats.self;
        inclusive += stats.total;
      }
    }
    const calls = this.callsOf(unit);
    const fn: MeasuredCost = {
      executed: true,
      unit: unitName,
      scope: 'function',
      self,
      total: inclusive,
      fractionOfRun: total > 0 ? inclusive / total : 0,
      heat: total > 0 ? self / total : 0,
      label: unitLabel,
      function: fnName,
      ...(calls !== undefined ? { calls } : {}),
      measured: shared && this.lineIndex ? { frames, span: { startLine: unit.startLine, endLine: unit.endLine }, selfOnly: true } : { frames },
    };
    // A finding outside its unit's lines (a class statement costed by its `__init__`) has no line of its own there.
    if (line < unit.startLine || line > unit.endLine) return fn;
    // Micro advice (interpreter overhead) saves at most a share of its own lines' time; the loop
    // around it may be hot only through what it calls, which such advice does not touch.
    const loop = options.micro ? undefined : innermostLoopAt(unit, line);
    const span: LineSpan = loop ?? { startLine: line, endLine: Math.max(line, finding.range.end.line) };
    const scope = loop ? 'loop' : 'line';
    const where = loop ? `loop at line ${loop.startLine}` : `line ${line}`;
    if (!this.lineIndex) {
      // Per-line costs without stacks (Scalene): the lines' own time, Python callees excluded.
      const fromTable = this.lineTable?.costOf(file, span);
      if (fromTable !== undefined) {
        return {
          ...fn,
          scope,
          self: fromTable,
          total: fromTable,
          fractionOfRun: total > 0 ? fromTable / total : 0,
          heat: total > 0 ? fromTable / total : 0,
          label: `${unitLabel} (${where})`,
          measured: { frames, span, file },
        };
      }
      return this.callCost(fn, frames, file.calls?.get(`${line}:${finding.range.start.byteColumn}`)) ?? fn;
    }

    const unknownLines = loop !== undefined && !shared && isOnlyOutermostLoop(unit, loop);
    if (options.micro) {
      // What micro advice can touch: the line's own execution and the call it is about
      // (`copy.deepcopy(…)`), not other calls on the line (the `json.dumps` inside `out.append(…)`).
      const callee = file.calls?.get(`${line}:${finding.range.start.byteColumn}`);
      const own = this.lineIndex.costOf(new Set(frames), span, false, callee);
      const amount = own.self + own.viaCallee;
      return {
        ...fn,
        scope,
        self: own.self,
        total: amount,
        fractionOfRun: total > 0 ? amount / total : 0,
        heat: total > 0 ? amount / total : 0,
        label: `${unitLabel} (${where}${callee ? `, with its calls to ${callee}` : ''}, without other calls)`,
        measured: { frames, span, selfOnly: true, ...(callee ? { callee } : {}) },
      };
    }
    const measured = this.lineIndex.costOf(new Set(frames), span, unknownLines);
    return {
      ...fn,
      scope,
      self: measured.self,
      total: measured.total,
      fractionOfRun: total > 0 ? measured.total / total : 0,
      heat: total > 0 ? measured.total / total : 0,
      label: `${unitLabel} (${where})`,
      measured: { frames, span, ...(unknownLines ? { unknownLines } : {}) },
    };
  }

  /**
   * Without lines, a finding on a call (`json.dumps(…)` in a loop) is costed by what the profile
   * recorded for the calls from its function to that callee: cProfile books that time under the
   * callee, not in the caller's self time. Undefined when no such call was recorded.
   */
  private callCost(fn: MeasuredCost, frames: readonly FrameId[], callee: string | undefined): MeasuredCost | undefined {
    if (!callee) return undefined;
    let total = 0;
    let self = 0;
    let calls = 0;
    const edges: Edge[] = [];
    for (const id of frames) {
      for (const edge of this.statsByFrame[id]?.callees ?? []) {
        if (edge.total === undefined || !frameNamesCallee(this.profile.frames[edge.callee]!.name, callee)) continue;
        total += edge.total;
        self += edge.self ?? 0;
        calls += edge.calls ?? 0;
        edges.push(edge);
      }
    }
    if (edges.length === 0) return undefined;
    const runTotal = this.profile.total;
    return {
      ...fn,
      // `self`: the callee's own time on these calls; `total`: with everything it called.
      scope: 'line',
      self,
      total,
      fractionOfRun: runTotal > 0 ? total / runTotal : 0,
      heat: runTotal > 0 ? total / runTotal : 0,
      label: `${fn.label} (${calls.toLocaleString('en-US')} call${calls === 1 ? '' : 's'} to ${callee} from it)`,
      measured: { frames, edges },
    };
  }

  /**
   * The cost of the union of measured scopes, each part of the run counted once: with line
   * samples, the weight of every stack in which some scope is executing (a loop that calls a
   * flagged function is not added twice); else the sum of the distinct units' self costs and of
   * the distinct measured calls.
   */
  unionCost(scopes: readonly MeasuredScope[]): number {
    if (this.lineIndex) return this.lineIndex.unionCost(scopes);
    if (this.lineTable) {
      // Lines are disjoint; a function-scope finding adds its frames' self unless lines of the same frames were counted.
      const spanFrames = new Set<FrameId>();
      for (const sc of scopes) if (sc.file && sc.span) for (const f of sc.frames) spanFrames.add(f);
      let cost = this.lineTable.unionCost(scopes.filter((sc) => sc.file && sc.span));
      const selfFrames = new Set<FrameId>();
      for (const sc of scopes) if (!sc.span && !sc.edges) for (const f of sc.frames) if (!spanFrames.has(f)) selfFrames.add(f);
      for (const f of selfFrames) cost += this.statsByFrame[f]?.self ?? 0;
      return cost;
    }
    // Self costs never overlap. A flagged call's time could hold the self time of another flagged
    // function it reaches; cProfile's edges cannot tell, so that (rare) overlap is counted twice.
    const frames = new Set<FrameId>();
    const edges = new Set<Edge>();
    for (const s of scopes) {
      if (s.edges) for (const e of s.edges) edges.add(e);
      else for (const f of s.frames) frames.add(f);
    }
    let cost = 0;
    for (const f of frames) cost += this.statsByFrame[f]?.self ?? 0;
    for (const e of edges) cost += e.total ?? 0;
    return cost;
  }

  /** Comprehensions inlined since Python 3.12 have no frame of their own: their cost is their parent's. */
  private measuredUnit(unit: CodeUnit): CodeUnit {
    let u = unit;
    while (u.inlinedSince312 && u.parent && !this.matching.framesOfUnit.has(u)) u = u.parent;
    return u;
  }

  private callsOf(unit: CodeUnit): number | undefined {
    const source = this.profile.kind === 'deterministic' ? { profile: this.profile, matching: this.matching } : this.callCounts;
    if (!source) return undefined;
    const frames = source.matching.framesOfUnit.get(unit);
    if (!frames) return undefined;
    const index = source.profile === this.profile ? this.statsByFrame : statsIndex(source.profile);
    let calls = 0;
    for (const id of frames) calls += index[id]?.calls ?? 0;
    return calls;
  }
}

/**
 * The unit whose cost a finding carries: the innermost unit at its line, except that a finding on
 * a class statement itself (e.g. missing `__slots__`) is about its instances, so it carries the
 * cost of the class's `__init__` when there is one.
 */
function unitForFinding(units: readonly CodeUnit[], line: number, byteColumn: number): CodeUnit {
  const unit = innermostUnitAt(units, line, byteColumn);
  if (unit.kind === 'class' && line >= unit.firstLine && line <= unit.defLine) {
    const init = units.find((u) => u.parent === unit && u.kind === 'function' && u.name === '__init__');
    if (init) return init;
  }
  return unit;
}

/** Whether `loop` is the one loop of `unit` that no other loop of it contains. */
function isOnlyOutermostLoop(unit: CodeUnit, loop: LineSpan): boolean {
  const outermost = unit.loops.filter((l) => !unit.loops.some((o) => o !== l && o.startLine <= l.startLine && l.endLine <= o.endLine));
  return outermost.length === 1 && outermost[0]!.startLine === loop.startLine && outermost[0]!.endLine === loop.endLine;
}

/** Per-line costs of a profile without stacks (Scalene), by checked file. */
class LineTableIndex {
  private readonly byFile = new Map<IndexedFile, Map<number, number>>();

  constructor(lines: readonly LineStats[], matching: FrameMatching) {
    for (const l of lines) {
      const file = matching.fileOf(l.file);
      if (!file) continue;
      let byLine = this.byFile.get(file);
      if (!byLine) this.byFile.set(file, (byLine = new Map()));
      byLine.set(l.line, (byLine.get(l.line) ?? 0) + l.self);
    }
  }

  /** The summed cost of the file's lines in the span; undefined when the profile has no line of that file. */
  costOf(file: IndexedFile, span: LineSpan): number | undefined {
    const byLine = this.byFile.get(file);
    if (!byLine) return undefined;
    let cost = 0;
    for (const [line, value] of byLine) if (line >= span.startLine && line <= span.endLine) cost += value;
    return cost;
  }

  unionCost(scopes: readonly MeasuredScope[]): number {
    const seen = new Map<IndexedFile, Set<number>>();
    let cost = 0;
    for (const sc of scopes) {
      const byLine = this.byFile.get(sc.file!);
      if (!byLine) continue;
      let lines = seen.get(sc.file!);
      if (!lines) seen.set(sc.file!, (lines = new Set()));
      for (const [line, value] of byLine) {
        if (line < sc.span!.startLine || line > sc.span!.endLine || lines.has(line)) continue;
        lines.add(line);
        cost += value;
      }
    }
    return cost;
  }
}

function statsIndex(profile: Profile): Array<FunctionStats | undefined> {
  const index: Array<FunctionStats | undefined> = new Array(profile.frames.length);
  for (const s of profile.functions) index[s.frame] = s;
  return index;
}

/**
 * Line-level costs from sampled stacks: a scope (a set of frames and a line span) costs the
 * weight of every stack in which one of its frames is executing a line in the span (once per
 * stack), and its self cost the weight of stacks whose innermost frame is there.
 */
class LineSampleIndex {
  constructor(private readonly profile: Profile) {}

  /**
   * `withUnknownLines`: also count the frames' samples whose line is unknown. Python 3.11 gives
   * loop back-edges no line (`f_lineno` is None there, and signal-driven samples land on them),
   * so when the span is the unit's only outermost loop those samples are certainly inside it.
   */
  costOf(frames: ReadonlySet<FrameId>, span: LineSpan, withUnknownLines = false, callee?: string): { self: number; total: number; viaCallee: number } {
    const samples = this.profile.samples!;
    const inSpan = new Uint8Array(samples.sites.length);
    samples.sites.forEach((site, i) => {
      if (!frames.has(site.frame)) return;
      if ((site.line >= span.startLine && site.line <= span.endLine) || (withUnknownLines && site.line === 0)) inSpan[i] = 1;
    });
    const isCallee = this.calleeSites(callee);
    // 0 not there, 1 there in a caller frame, 2 there as the leaf, 3 there calling `callee`
    const stackHits = new Int8Array(samples.stacks.length).fill(-1);
    let self = 0;
    let total = 0;
    let viaCallee = 0;
    for (const entry of samples.entries) {
      let hit = stackHits[entry.stack]!;
      if (hit < 0) {
        const stack = samples.stacks[entry.stack]!;
        hit = 0;
        for (let i = 0; i < stack.length; i++) {
          if (!inSpan[stack[i]!]) continue;
          if (i === stack.length - 1) hit = 2;
          else if (hit !== 2) hit = isCallee?.[stack[i + 1]!] ? 3 : Math.max(hit, 1);
        }
        stackHits[entry.stack] = hit;
      }
      if (hit > 0) total += entry.weight;
      if (hit === 2) self += entry.weight;
      if (hit === 3) viaCallee += entry.weight;
    }
    return { self, total, viaCallee };
  }

  /** Per site: whether its frame is the callee `name` (undefined without a name). */
  private calleeSites(name: string | undefined): Uint8Array | undefined {
    if (!name) return undefined;
    const samples = this.profile.samples!;
    const flags = new Uint8Array(samples.sites.length);
    samples.sites.forEach((site, i) => {
      if (frameNamesCallee(this.profile.frames[site.frame]!.name, name)) flags[i] = 1;
    });
    return flags;
  }

  /** The weight of the stacks in which any scope is executing (a span anywhere, or a self-only scope's frame as the leaf). */
  unionCost(scopes: readonly MeasuredScope[]): number {
    const samples = this.profile.samples!;
    const anywhere = new Uint8Array(samples.sites.length);
    const asLeaf = new Uint8Array(samples.sites.length);
    // Sites counted when the next frame down the stack is one of their scope's callee (by site).
    const callers: Array<Uint8Array | undefined> = new Array(samples.sites.length);
    for (const scope of scopes) {
      const frames = new Set(scope.frames);
      const isCallee = this.calleeSites(scope.callee);
      samples.sites.forEach((site, i) => {
        if (!frames.has(site.frame)) return;
        if (!scope.span) asLeaf[i] = 1;
        else if (scope.selfOnly) {
          if (site.line < scope.span.startLine || site.line > scope.span.endLine) return;
          asLeaf[i] = 1;
          if (isCallee) callers[i] = callers[i] ? callers[i]!.map((v, k) => v | isCallee[k]!) : isCallee;
        } else if ((site.line >= scope.span.startLine && site.line <= scope.span.endLine) || (scope.unknownLines && site.line === 0)) anywhere[i] = 1;
      });
    }
    let total = 0;
    for (const entry of samples.entries) {
      const stack = samples.stacks[entry.stack]!;
      let hit = stack.length > 0 && asLeaf[stack[stack.length - 1]!] === 1;
      for (let i = 0; !hit && i < stack.length; i++) hit = anywhere[stack[i]!] === 1 || (i + 1 < stack.length && callers[stack[i]!]?.[stack[i + 1]!] === 1);
      if (hit) total += entry.weight;
    }
    return total;
  }
}
