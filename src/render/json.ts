// `hotspy check --format json`: a stable array shaped like Ruff's JSON output (so tools that read
// Ruff's can read ours), plus hotspy's `name`, `family`, `severity`. Documented in docs/output-json.md.
import type { CheckPathsResult } from '../analyze/check-paths.js';
import type { Finding, Position } from '../diagnostics/finding.js';
import type { SyntaxErrorReport } from '../analyze/check-source.js';
import { orderedEntries } from './entries.js';

export interface JsonLocation {
  row: number;
  column: number;
}

export interface JsonEntry {
  code: string | null;
  name: string;
  family: string | null;
  severity: string;
  message: string;
  filename: string;
  location: JsonLocation;
  end_location: JsonLocation;
  fix: null | {
    applicability: string;
    message: string;
    edits: Array<{ content: string; location: JsonLocation; end_location: JsonLocation }>;
  };
  url: string | null;
  noqa_row: number;
  cost?: unknown;
}

export interface JsonOptions {
  /** Keep the findings in the order given (ranked by a profile) instead of by file and position. */
  keepOrder?: boolean;
}

export function toJsonEntries(report: Pick<CheckPathsResult, 'findings' | 'syntaxErrors'>, options: JsonOptions = {}): JsonEntry[] {
  if (options.keepOrder) return [...report.findings.map(findingEntry), ...orderedEntries([], report.syntaxErrors).map((e) => syntaxEntry((e as { error: SyntaxErrorReport }).error))];
  return orderedEntries(report.findings, report.syntaxErrors).map((e) => (e.kind === 'finding' ? findingEntry(e.finding) : syntaxEntry(e.error)));
}

export function renderJson(report: Pick<CheckPathsResult, 'findings' | 'syntaxErrors'>, options: JsonOptions = {}): string {
  return JSON.stringify(toJsonEntries(report, options), null, 2) + '\n';
}

const loc = (p: Position): JsonLocation => ({ row: p.line, column: p.column });

function findingEntry(f: Finding): JsonEntry {
  const entry: JsonEntry = {
    code: f.code,
    name: f.name,
    family: f.family,
    severity: f.severity,
    message: f.message,
    filename: f.file,
    location: loc(f.range.start),
    end_location: loc(f.range.end),
    fix: f.fix && {
      applicability: f.fix.applicability,
      message: f.fix.title,
      edits: f.fix.edits.flatMap((edit) => (edit.range ? [{ content: edit.content, location: loc(edit.range.start), end_location: loc(edit.range.end) }] : [])),
    },
    url: f.url,
    noqa_row: f.range.start.line,
  };
  if (f.cost) entry.cost = f.cost;
  return entry;
}

function syntaxEntry(e: SyntaxErrorReport): JsonEntry {
  return {
    code: null,
    name: 'syntax-error',
    family: null,
    severity: 'high',
    message: `SyntaxError: ${e.message}`,
    filename: e.file,
    location: loc(e.range.start),
    end_location: loc(e.range.end),
    fix: null,
    url: null,
    noqa_row: e.range.start.line,
  };
}
