// computeReport: turns one profile (plus, optionally, a line-level companion of the same run)
// into the report hotspy prints: totals, top functions by self and total cost with their
// callers, top lines, the coverage curve and the CPU-bound vs I/O-bound verdict.
import type { FunctionStats, Profile } from '../model.js';
import { computeCoverage } from './coverage.js';
import { functionRef } from './function-ref.js';
import type { ProfileReport, ReportCaller, ReportFunction, ReportLine, ReportOptions, ReportThread } from './types.js';
import { computeVerdict } from './verdict.js';

export const DEFAULT_TOP = 20;
export const DEFAULT_MAX_CALLERS = 10;

export function computeReport(profile: Profile, options: ReportOptions = {}): ProfileReport {
  const top = normaliseCount(options.top, DEFAULT_TOP);
  const maxCallers = normaliseCount(options.maxCallers, DEFAULT_MAX_CALLERS);
  const total = profile.total;

  const bySelf = rank(profile.functions, (f) => f.self, (f) => f.total);
  const byTotal = rank(profile.functions, (f) => f.total, (f) => f.self);
  const topSelfStats = bySelf.slice(0, top);
  const topTotalStats = byTotal.slice(0, top);
  const chosen = new Set<FunctionStats>([...topSelfStats, ...topTotalStats]);
  const ordered = bySelf.filter((f) => chosen.has(f));
  const position = new Map(ordered.map((f, i) => [f, i] as const));

  const functions = ordered.map((f) => describeFunction(profile, f, total, maxCallers));
  const report: ProfileReport = {
    format: profile.format,
    kind: profile.kind,
    unit: profile.unit,
    metric: profile.metric,
    total,
    functionCount: profile.functions.length,
    functions,
    topSelf: topSelfStats.map((f) => position.get(f)!),
    topTotal: topTotalStats.map((f) => position.get(f)!),
    coverage: computeCoverage(profile.functions),
    verdict: computeVerdict(profile, options.lineSamples),
    metadata: { ...companionFacts(options.lineSamples), ...profile.metadata },
  };
  if (profile.sampleInterval !== undefined) report.sampleInterval = profile.sampleInterval;
  if (profile.unit === 'samples' && profile.sampleInterval !== undefined) report.totalSeconds = total * profile.sampleInterval;
  if (profile.kind === 'deterministic') {
    let calls = 0;
    let primitive = 0;
    let known = false;
    for (const f of profile.functions) {
      if (f.calls !== undefined && f.calls >= 0) {
        calls += f.calls;
        known = true;
      }
      if (f.primitiveCalls !== undefined && f.primitiveCalls >= 0) primitive += f.primitiveCalls;
    }
    if (known) {
      report.calls = calls;
      report.primitiveCalls = primitive;
    }
  }

  const threads = threadSummary(options.lineSamples ?? profile);
  if (threads) report.threads = threads;

  const lineProfile = options.lineSamples ?? (profile.lines ? profile : undefined);
  if (lineProfile?.lines) {
    report.lines = topLines(lineProfile, top);
    if (lineProfile !== profile) {
      report.lineSource = { format: lineProfile.format, unit: lineProfile.unit, total: lineProfile.total };
      if (lineProfile.sampleInterval !== undefined) report.lineSource.sampleInterval = lineProfile.sampleInterval;
    }
  }
  return report;
}

/** Facts about the run that a companion profile states and a cProfile file cannot. */
function companionFacts(companion: Profile | undefined): Record<string, string | number> {
  const facts: Record<string, string | number> = {};
  for (const key of ['python_version', 'python_implementation', 'program', 'exit']) {
    const value = companion?.metadata[key];
    if (value !== undefined) facts[key] = value;
  }
  return facts;
}

function normaliseCount(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 0) return fallback;
  return value === 0 ? Number.POSITIVE_INFINITY : Math.floor(value);
}

/** Costliest first; ties broken by the second cost, then by first appearance (stable sort). */
function rank<T>(items: readonly T[], first: (t: T) => number, second: (t: T) => number): T[] {
  return [...items].sort((a, b) => first(b) - first(a) || second(b) - second(a));
}

function describeFunction(profile: Profile, f: FunctionStats, total: number, maxCallers: number): ReportFunction {
  const callers = [...f.callers].sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || (b.calls ?? 0) - (a.calls ?? 0));
  const shown = callers.slice(0, maxCallers).map((edge): ReportCaller => {
    const caller: ReportCaller = functionRef(profile.frames[edge.caller]!);
    if (edge.calls !== undefined) caller.calls = edge.calls;
    if (edge.primitiveCalls !== undefined) caller.primitiveCalls = edge.primitiveCalls;
    if (edge.self !== undefined) caller.self = edge.self;
    if (edge.total !== undefined) caller.total = edge.total;
    return caller;
  });
  const out: ReportFunction = {
    ...functionRef(profile.frames[f.frame]!),
    frame: f.frame,
    self: f.self,
    total: f.total,
    selfShare: share(f.self, total),
    totalShare: share(f.total, total),
    callers: shown,
    callersOmitted: callers.length - shown.length,
  };
  if (f.calls !== undefined) out.calls = f.calls;
  if (f.primitiveCalls !== undefined) out.primitiveCalls = f.primitiveCalls;
  return out;
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function topLines(profile: Profile, top: number): ReportLine[] {
  const lines = [...(profile.lines ?? [])].filter((l) => l.self > 0);
  lines.sort((a, b) => b.self - a.self || b.total - a.total);
  const idle = idleByLeafLine(profile);
  return lines.slice(0, top).map((l) => {
    const out: ReportLine = {
      file: l.file,
      line: l.line,
      function: l.function === undefined ? null : functionRef(profile.frames[l.function]!),
      self: l.self,
      total: l.total,
      selfShare: share(l.self, profile.total),
      totalShare: share(l.total, profile.total),
    };
    const waited = idle?.get(lineKey(l.file, l.line));
    if (idle && l.self > 0) out.idleShare = (waited ?? 0) / l.self;
    return out;
  });
}

function lineKey(file: string, line: number): string {
  return `${line}\0${file}`;
}

/** Weight of waiting samples per innermost line, when the samples carry idle flags. */
function idleByLeafLine(profile: Profile): Map<string, number> | undefined {
  const samples = profile.samples;
  if (!samples?.idleKnown) return undefined;
  const idle = new Map<string, number>();
  for (const entry of samples.entries) {
    if (entry.idle !== true) continue;
    const stack = samples.stacks[entry.stack]!;
    if (stack.length === 0) continue;
    const site = samples.sites[stack[stack.length - 1]!]!;
    if (site.line <= 0) continue;
    const key = lineKey(profile.frames[site.frame]!.file, site.line);
    idle.set(key, (idle.get(key) ?? 0) + entry.weight);
  }
  return idle;
}

/** Samples per thread, when a sampled profile saw more than one thread. */
function threadSummary(profile: Profile): ReportThread[] | undefined {
  const samples = profile.samples;
  if (!samples || samples.threads.length < 2) return undefined;
  const rows = samples.threads.map((t): ReportThread => ({ name: t.name ?? t.tid ?? t.key, samples: 0 }));
  for (const entry of samples.entries) {
    const row = rows[entry.thread];
    if (!row) continue;
    row.samples += entry.count;
    if (entry.idle === true) row.waiting = (row.waiting ?? 0) + entry.count;
    if (entry.idle === false) row.running = (row.running ?? 0) + entry.count;
  }
  if (samples.idleKnown) for (const row of rows) {
    row.running ??= 0;
    row.waiting ??= 0;
  }
  return rows.filter((r) => r.samples > 0).sort((a, b) => b.samples - a.samples);
}
