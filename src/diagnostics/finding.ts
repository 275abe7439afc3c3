// The Finding model: one problem found in one file, with exact positions, its rule's identity,
// an optional fix and (filled by profile ranking) the measured cost of the code it sits in.
import type { Fix } from '../fix/fix.js';

/** The rule families; each owns a code prefix. */
export type Family = 'complexity' | 'memory' | 'concurrency' | 'native' | 'overhead';

export const FAMILY_PREFIX: { readonly [F in Family]: string } = {
  complexity: 'HS1',
  memory: 'HS2',
  concurrency: 'HS3',
  native: 'HS4',
  overhead: 'HS5',
};

/** How much a finding matters before any profile is considered. */
export type Severity = 'high' | 'medium' | 'low';

/** One end of a range, in every unit a consumer may need. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in characters (Unicode code points), as editors and Ruff's JSON count. */
  column: number;
  /** 0-based column in UTF-8 bytes, as CPython's `ast` counts. */
  byteColumn: number;
  /** Offset into the decoded source string (UTF-16 code units). */
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * The measured cost of the code a finding sits in, filled in when a profile is joined
 * (`check --profile`). Absent when no profile was given.
 */
export interface FindingCost {
  /** False when the profile never reached this code. */
  executed: boolean;
  /** What `self`/`total` count. */
  unit: 'seconds' | 'samples' | 'bytes';
  /** The narrowest measured scope that holds the finding. */
  scope: 'line' | 'loop' | 'function';
  /** Time or samples spent in the scope itself. */
  self?: number;
  /** Including callees. */
  total?: number;
  /** `total` as a fraction (0..1) of the whole run. */
  fractionOfRun?: number;
  /** Human-readable name of the measured scope, e.g. `pipeline.py:process (line 12)`. */
  label?: string;
  /**
   * The share (0..1) of the run that ranking orders findings by: the time spent executing the
   * finding's loop or line where the profile knows lines, else its function's self time.
   */
  heat?: number;
  /** For sampled profiles with a known interval: the measured scope's time, approximately, in seconds. */
  approxSeconds?: number;
  /** Calls of the enclosing function, when the profile counts calls (cProfile). */
  calls?: number;
  /** For algorithmic rules: the complexity change and the measured time a fix can at most save. */
  gain?: string;
  /** Qualified name of the enclosing code unit (`Pipeline.dedupe`), stable when lines move. */
  function?: string;
}

export interface Finding {
  code: string;
  /** The rule's kebab-case name. */
  name: string;
  family: Family;
  severity: Severity;
  message: string;
  /** The file's path as given to / discovered by hotspy. */
  file: string;
  range: Range;
  fix: Fix | null;
  /** The rule's documentation. */
  url: string;
  /** Set only when a profile was joined (issue: profile-guided ranking). */
  cost?: FindingCost;
}

/** Where each rule's documentation lives; the one place that knows the URL pattern. */
// Relative to the hotspy package (the docs ship with it); swap for a web address once one exists.
export const RULE_DOCS_BASE = 'docs/rules/';

export function ruleUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}

/** The order findings are reported in: by file, then position, then code. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
