// The corpus oracle comparison: every file of each group is parsed by hotspy and by CPython 3.13,
// and the outcome is classified (identical, tree differs, refusal agreement or not). Used by
// corpus.test.ts and by run-corpus.ts (the same check from the command line, for any files).
import fs from 'node:fs';
import path from 'node:path';
import { corpusRoots, oracleDir, pythonFiles, requirePython, ORACLE_VERSION } from './pythons.js';
import { runOracle, type OracleResult } from './oracle-runner.js';
import { hotspyVerdict } from './hotspy-side.js';
import { OracleCache, sha1, type CachedVerdict } from './oracle-cache.js';
import { firstJsonDifference } from './json-diff.js';

/** A named set of files; `expect` says what CPython must do with them (a broken snippet is a test bug). */
export interface CorpusGroup {
  name: string;
  root: string;
  files: string[];
  expect?: 'accept' | 'refuse';
}

export type Outcome =
  | 'identical' // same tree, positions included
  | 'refused-alike' // both refuse, at the same line (or CPython names no line)
  | 'tree-differs'
  | 'hotspy-refuses' // CPython accepts
  | 'hotspy-accepts' // CPython refuses
  | 'refusal-line-differs'
  | 'snippet-broken'; // a snippet CPython does not treat as its folder says

export interface FileReport {
  group: string;
  /** Path relative to the group root. */
  file: string;
  /** Absolute path. */
  path: string;
  outcome: Outcome;
  /** One line explaining a non-agreeing outcome. */
  detail?: string;
  /** A coarse label to rank mismatches by (e.g. `JoinedStr.values`, `hotspy-refuses`). */
  category?: string;
  line?: number;
  known?: string;
}

export interface GroupSummary {
  name: string;
  total: number;
  identical: number;
  cpythonRefused: number;
  refusedAlike: number;
  mismatches: number;
  known: number;
}

export const AGREEING: ReadonlySet<Outcome> = new Set(['identical', 'refused-alike']);

/** The groups of the full corpus: snippets, Python 3.11's stdlib and site-packages, CPython 3.13's stdlib. */
export function corpusGroups(only?: readonly string[]): CorpusGroup[] {
  const dir = oracleDir();
  const roots = corpusRoots();
  const groups: CorpusGroup[] = [
    { name: 'snippets', root: path.join(dir, 'snippets'), files: pythonFiles(path.join(dir, 'snippets')), expect: 'accept' },
    {
      name: 'invalid-snippets',
      root: path.join(dir, 'snippets-invalid'),
      files: pythonFiles(path.join(dir, 'snippets-invalid')),
      expect: 'refuse',
    },
    { name: 'stdlib', root: roots.stdlib, files: pythonFiles(roots.stdlib, roots.sitePackages) },
  ];
  for (const sp of roots.sitePackages) groups.push({ name: 'site-packages', root: sp, files: pythonFiles(sp) });
  // The oracle's own stdlib: real code nobody here wrote that uses the newest syntax (its tests
  // of PEP 701 f-strings, PEP 695/696 type parameters, except*, match).
  const newest = corpusRoots(ORACLE_VERSION);
  groups.push({ name: `stdlib-${ORACLE_VERSION}`, root: newest.stdlib, files: pythonFiles(newest.stdlib, newest.sitePackages) });
  return only && only.length ? groups.filter((g) => only.includes(g.name)) : groups;
}

/** `group:relative/path` → reason, from known-differences.txt (`#` comments; `ENTRY -- reason`). */
export function readKnownDifferences(file = path.join(oracleDir(), 'known-differences.txt')): Map<string, string> {
  const known = new Map<string, string>();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+:\S+)\s+--\s+(\S.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: expected "group:path -- reason", got: ${line}`);
    known.set(m[1]!, m[2]!);
  }
  return known;
}

/** Compares every file of `groups`; `onReport` sees each file's report as it is decided. */
export interface CorpusTiming {
  wallSeconds: number;
  /** CPU of this process: reading, decoding, parsing, serializing and comparing. */
  hotspyCpuSeconds: number;
  pythonCpuSeconds: number;
  /** Files CPython was run on now, and files whose (agreeing) CPython verdict came from the cache. */
  cpythonRuns: number;
  cached: number;
}

export async function compareCorpus(
  groups: readonly CorpusGroup[],
  options: { workers?: number; onReport?: (r: FileReport) => void } = {},
): Promise<{ reports: FileReport[]; timing: CorpusTiming }> {
  const startWall = performance.now();
  const startCpu = process.cpuUsage();
  const python = requirePython(ORACLE_VERSION);
  const cache = OracleCache.open(python);
  const files: string[] = [];
  const owner: number[] = [];
  groups.forEach((g, gi) => {
    for (const f of g.files) {
      files.push(f);
      owner.push(gi);
    }
  });
  const reports: FileReport[] = new Array(files.length);
  const contentKeys: string[] = new Array(files.length);
  const record = (index: number, report: FileReport) => {
    reports[index] = report;
    options.onReport?.(report);
  };
  // Files whose CPython verdict is cached and agrees with hotspy need no Python at all.
  const pending: number[] = [];
  for (let i = 0; i < files.length; i++) {
    let cached: CachedVerdict | undefined;
    if (cache.enabled) {
      try {
        contentKeys[i] = sha1(fs.readFileSync(files[i]!));
        cached = cache.get(contentKeys[i]!);
      } catch {
        // unreadable here: let CPython say what it makes of it
      }
    }
    const report = cached ? judge(groups[owner[i]!]!, files[i]!, cached) : undefined;
    if (report && AGREEING.has(report.outcome)) record(i, report);
    else pending.push(i);
  }
  const stats = await runOracle(
    python,
    pending.map((i) => files[i]!),
    (result, k) => {
      const index = pending[k]!;
      if (contentKeys[index] !== undefined) {
        cache.set(contentKeys[index]!, result.error ? { error: result.error } : { treeSha1: sha1(result.tree) });
      }
      record(index, judge(groups[owner[index]!]!, files[index]!, result)!);
    },
    { workers: options.workers ?? 2 },
  );
  cache.save();
  const cpu = process.cpuUsage(startCpu);
  return {
    reports,
    timing: {
      wallSeconds: (performance.now() - startWall) / 1000,
      hotspyCpuSeconds: (cpu.user + cpu.system) / 1e6,
      pythonCpuSeconds: stats.pythonCpuSeconds,
      cpythonRuns: pending.length,
      cached: files.length - pending.length,
    },
  };
}

/** CPython's verdict on a file: fresh (the tree's JSON) or cached (the tree's sha1). */
type Verdict = OracleResult | CachedVerdict;

function judge(group: CorpusGroup, file: string, cpython: Verdict): FileReport {
  const base = { group: group.name, file: path.relative(group.root, file), path: file };
  if (group.expect === 'accept' && cpython.error) {
    return { ...base, outcome: 'snippet-broken', category: 'snippet-broken', line: cpython.error.lineno ?? undefined, detail: `CPython ${ORACLE_VERSION} refuses this valid-syntax snippet: ${cpython.error.msg}` };
  }
  if (group.expect === 'refuse' && !cpython.error) {
    return { ...base, outcome: 'snippet-broken', category: 'snippet-broken', detail: `CPython ${ORACLE_VERSION} accepts this invalid-syntax snippet` };
  }
  const ours = hotspyVerdict(file);
  if (cpython.error) {
    const theirLine = cpython.error.lineno;
    const theirs = `CPython: line ${theirLine ?? '?'}:${cpython.error.offset ?? '?'} ${cpython.error.type}: ${cpython.error.msg}`;
    if (!ours.refusal) {
      return { ...base, outcome: 'hotspy-accepts', category: 'hotspy-accepts', line: theirLine ?? undefined, detail: `hotspy accepts; ${theirs}` };
    }
    const mine = `hotspy: line ${ours.refusal.lineno}:${ours.refusal.col} ${ours.refusal.message}`;
    // No line from CPython (null bytes) or line 0 (bad coding cookie): any refusal agrees.
    if (theirLine === null || theirLine <= 0 || ours.refusal.lineno === theirLine) {
      return { ...base, outcome: 'refused-alike', line: theirLine ?? undefined };
    }
    const kind = cpython.error.msg.replace(/'[^']*'|"[^"]*"|\d+/g, '…').slice(0, 60);
    return { ...base, outcome: 'refusal-line-differs', category: `refusal-line-differs: CPython says ${kind}`, line: theirLine, detail: `${mine}; ${theirs}` };
  }
  if (ours.refusal) {
    const r = ours.refusal;
    return {
      ...base,
      outcome: 'hotspy-refuses',
      category: `hotspy-refuses: ${r.message.replace(/'[^']*'|"[^"]*"|\d+/g, '…').slice(0, 60)}`,
      line: r.lineno,
      detail: `hotspy refuses what CPython accepts (${ours.errorCount} error${ours.errorCount === 1 ? '' : 's'}): line ${r.lineno}:${r.col} ${r.message.split('\n')[0]}`,
    };
  }
  const mine = Buffer.from(ours.json!.buffer, ours.json!.byteOffset, ours.json!.length);
  if ('treeSha1' in cpython) {
    // Cached: equal hashes are equal texts; otherwise the caller asks CPython for the text.
    return sha1(mine) === cpython.treeSha1 ? { ...base, outcome: 'identical' } : { ...base, outcome: 'tree-differs', detail: 'differs from the cached CPython tree' };
  }
  // Byte equality is the fast path; only a difference pays for a structural walk (which still
  // accepts equivalent spellings, e.g. of escapes).
  const diff = mine.equals(cpython.tree) ? undefined : firstJsonDifference(mine.toString('latin1'), cpython.tree.toString('latin1'));
  if (!diff) return { ...base, outcome: 'identical' };
  return {
    ...base,
    outcome: 'tree-differs',
    category: `tree: ${categoryOf(diff.path)}`,
    line: diff.line,
    detail: `${diff.path}: hotspy ${diff.ours} | CPython ${diff.theirs}`,
  };
}

/** The last node type and field of a JSON path: `…body[0]:Return.value:Call.col_offset` → `Call.col_offset`. */
function categoryOf(jsonPath: string): string {
  const segments = jsonPath.replace(/\[\d+\]/g, '').split('.');
  const last = segments[segments.length - 1] ?? '';
  return last.includes(':') ? last.split(':')[1]! + '._type' : `${(segments[segments.length - 2] ?? '').split(':')[1] ?? '?'}.${last}`;
}

/** Applies the known-differences list; returns entries that no longer match a mismatch (stale). */
export function applyKnown(reports: FileReport[], known: Map<string, string>): string[] {
  const used = new Set<string>();
  for (const r of reports) {
    const key = `${r.group}:${r.file}`;
    const reason = known.get(key);
    if (reason !== undefined && !AGREEING.has(r.outcome)) {
      r.known = reason;
      used.add(key);
    }
  }
  return [...known.keys()].filter((k) => !used.has(k));
}

export function summarize(groups: readonly CorpusGroup[], reports: readonly FileReport[]): GroupSummary[] {
  return groups
    .filter((g, i, all) => all.findIndex((x) => x.name === g.name) === i)
    .map((g) => {
      const mine = reports.filter((r) => r.group === g.name);
      return {
        name: g.name,
        total: mine.length,
        identical: mine.filter((r) => r.outcome === 'identical').length,
        cpythonRefused: mine.filter((r) => r.outcome === 'refused-alike' || r.outcome === 'hotspy-accepts' || r.outcome === 'refusal-line-differs').length,
        refusedAlike: mine.filter((r) => r.outcome === 'refused-alike').length,
        mismatches: mine.filter((r) => !AGREEING.has(r.outcome) && !r.known).length,
        known: mine.filter((r) => r.known).length,
      };
    });
}

/** The human-readable report: per-group numbers, top categories, the first `cap` mismatches. */
export function renderReport(summaries: readonly GroupSummary[], reports: readonly FileReport[], cap = 50): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const parsed = s.total - s.cpythonRefused;
    const agreed = s.identical + s.refusedAlike;
    lines.push(
      `${s.name.padEnd(16)} identical ${s.identical} / ${parsed} trees; refusals agreed ${s.refusedAlike} / ${s.cpythonRefused}; ` +
        `all agree ${agreed} / ${s.total} files (${pct(agreed, s.total)}); mismatches ${s.mismatches}` +
        (s.known ? `; known differences ${s.known}` : ''),
    );
  }
  const bad = reports.filter((r) => !AGREEING.has(r.outcome) && !r.known);
  if (bad.length) {
    const counts = new Map<string, number>();
    for (const r of bad) counts.set(r.category ?? r.outcome, (counts.get(r.category ?? r.outcome) ?? 0) + 1);
    lines.push('top mismatch categories:');
    for (const [cat, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${String(n).padStart(6)}  ${cat}`);
    lines.push(`first ${Math.min(cap, bad.length)} of ${bad.length} mismatches:`);
    for (const r of bad.slice(0, cap)) lines.push('  ' + mismatchLine(r));
  }
  return lines.join('\n');
}

export function mismatchLine(r: FileReport, absolute = false): string {
  return `${r.group} ${absolute ? r.path : r.file}${r.line !== undefined ? ':' + r.line : ''} [${r.outcome}] ${r.detail ?? ''}`;
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(2)}%`;
}
