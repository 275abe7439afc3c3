// The ranked findings of a profiled run, saved beside its profile (`out.prof` →
// `out.findings.json`) so that `hotspy diff` can tell which findings a fix made disappear.
import fs from 'node:fs';
import type { Finding } from '../diagnostics/finding.js';

export interface SavedFinding {
  code: string;
  name: string;
  file: string;
  line: number;
  message: string;
  /** Qualified name of the enclosing function: pairs findings across edits that move lines. */
  function: string;
  executed: boolean;
  heat: number;
  /** The measured amount behind `heat`, in `unit`. */
  amount?: number;
  unit: string;
}

export interface SavedFindings {
  format: 'hotspy-findings';
  version: 1;
  findings: SavedFinding[];
}

export function findingsPathFor(profilePath: string): string {
  return profilePath.replace(/\.(prof|pstats|cprof|profile|stats|jsonl|json|txt)$/i, '') + '.findings.json';
}

export function saveFindings(profilePath: string, findings: readonly Finding[]): string {
  const saved: SavedFindings = {
    format: 'hotspy-findings',
    version: 1,
    findings: findings.map((f) => ({
      code: f.code,
      name: f.name,
      file: f.file,
      line: f.range.start.line,
      message: f.message,
      function: f.cost?.function ?? '<module>',
      executed: f.cost?.executed ?? false,
      heat: f.cost?.heat ?? 0,
      ...(f.cost ? { amount: (f.cost.scope === 'function' ? f.cost.self : f.cost.total) ?? 0 } : {}),
      unit: f.cost?.unit ?? 'seconds',
    })),
  };
  const target = findingsPathFor(profilePath);
  // Written whole or not at all: a reader never sees half a file.
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(saved, null, 1) + '\n');
  fs.renameSync(tmp, target);
  return target;
}

/** The saved findings beside a profile, or undefined when there are none (or they are unreadable). */
export function loadFindings(profilePath: string): SavedFinding[] | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(findingsPathFor(profilePath), 'utf8')) as Partial<SavedFindings>;
    return data.format === 'hotspy-findings' && Array.isArray(data.findings) ? data.findings : undefined;
  } catch {
    return undefined;
  }
}

export interface FindingsChange {
  /** In before, not in after: fixed (or moved out of the checked code). */
  gone: SavedFinding[];
  /** In both: with their heat before and after. */
  remaining: Array<{ before: SavedFinding; after: SavedFinding }>;
  /** Only in after. */
  added: SavedFinding[];
}

/** Pairs findings by rule, file name and enclosing function (lines move when code is edited). */
export function compareFindings(before: readonly SavedFinding[], after: readonly SavedFinding[]): FindingsChange {
  const key = (f: SavedFinding) => `${f.code}\u0000${f.file.split(/[\\/]/).pop()}\u0000${f.function}`;
  const pool = new Map<string, SavedFinding[]>();
  for (const f of after) {
    const list = pool.get(key(f));
    if (list) list.push(f);
    else pool.set(key(f), [f]);
  }
  const change: FindingsChange = { gone: [], remaining: [], added: [] };
  for (const f of before) {
    const match = pool.get(key(f))?.shift();
    if (match) change.remaining.push({ before: f, after: match });
    else change.gone.push(f);
  }
  for (const list of pool.values()) change.added.push(...list);
  return change;
}
