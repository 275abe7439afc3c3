// The profile report as the documented JSON object (docs/output-json.md, "hotspy report
// --format json"): snake_case keys, every documented key present, null where unknown.
import type {
  FunctionRef,
  ProfileReport,
  ReportCaller,
  ReportFunction,
  ReportLine,
  Verdict,
} from '../../profile/analysis/types.js';

export const REPORT_JSON_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function reportToJson(report: ProfileReport, source?: { profile?: string; lineSamples?: string }): Json {
  return {
    version: REPORT_JSON_VERSION,
    profile: source?.profile ?? null,
    line_samples: source?.lineSamples ?? null,
    format: report.format,
    kind: report.kind,
    unit: report.unit,
    metric: report.metric,
    sample_interval: report.sampleInterval ?? null,
    total: report.total,
    total_seconds: report.totalSeconds ?? (report.unit === 'seconds' ? report.total : null),
    function_count: report.functionCount,
    calls: report.calls ?? null,
    primitive_calls: report.primitiveCalls ?? null,
    functions: report.functions.map(fn),
    top_self: report.topSelf,
    top_total: report.topTotal,
    lines: report.lines ? report.lines.map(line) : null,
    threads: report.threads
      ? report.threads.map((t) => ({ name: t.name, samples: t.samples, running: t.running ?? null, waiting: t.waiting ?? null }))
      : null,
    line_source: report.lineSource
      ? {
          format: report.lineSource.format,
          unit: report.lineSource.unit,
          total: report.lineSource.total,
          sample_interval: report.lineSource.sampleInterval ?? null,
        }
      : null,
    coverage: {
      function_count: report.coverage.functionCount,
      functions_with_cost: report.coverage.functionsWithCost,
      levels: report.coverage.levels.map((l) => ({
        share: l.share,
        functions: l.functions,
        fraction_of_functions: l.fractionOfFunctions,
      })),
    },
    verdict: verdict(report.verdict),
    metadata: { ...report.metadata },
  };
}

export function renderReportJson(report: ProfileReport, source?: { profile?: string; lineSamples?: string }): string {
  return JSON.stringify(reportToJson(report, source), null, 2) + '\n';
}

function ref(r: FunctionRef): { [key: string]: Json } {
  return { name: r.name, file: r.file, line: r.line, kind: r.kind, label: r.label };
}

function fn(f: ReportFunction): Json {
  return {
    ...ref(f),
    calls: f.calls ?? null,
    primitive_calls: f.primitiveCalls ?? null,
    self: f.self,
    total: f.total,
    self_share: f.selfShare,
    total_share: f.totalShare,
    callers: f.callers.map(caller),
    callers_omitted: f.callersOmitted,
  };
}

function caller(c: ReportCaller): Json {
  return {
    ...ref(c),
    calls: c.calls ?? null,
    primitive_calls: c.primitiveCalls ?? null,
    self: c.self ?? null,
    total: c.total ?? null,
  };
}

function line(l: ReportLine): Json {
  return {
    file: l.file,
    line: l.line,
    function: l.function ? ref(l.function) : null,
    self: l.self,
    total: l.total,
    self_share: l.selfShare,
    total_share: l.totalShare,
    idle_share: l.idleShare ?? null,
  };
}

function verdict(v: Verdict): Json {
  return {
    kind: v.kind,
    basis: v.basis,
    waiting_share: v.waitingShare,
    thresholds: { cpu: v.thresholds.cpu, io: v.thresholds.io },
    cpu_utilisation: v.cpuUtilisation ?? null,
    cpu_seconds: v.cpuSeconds ?? null,
    wall_seconds: v.wallSeconds ?? null,
    runqueue_seconds: v.runqueueSeconds ?? null,
    active_samples: v.activeSamples ?? null,
    idle_samples: v.idleSamples ?? null,
    busy_threads: v.busyThreads ?? null,
    running_per_tick: v.runningPerTick ?? null,
    waiting_call_share: v.waitingCallShare ?? null,
    categories: v.categories ? { ...v.categories } : null,
    waiting_calls: v.waitingCalls
      ? v.waitingCalls.map((w) => ({ ...ref(w), category: w.category, self: w.self, share: w.share }))
      : null,
    summary: v.summary,
    advice: v.advice,
    notes: v.notes,
  };
}
