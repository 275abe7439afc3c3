// The human output of `hotspy check`: each finding as `path:line:col: CODE message` with the
// source line, a caret underline and the fix as a help line; then counts per rule and a total.
import type { CheckPathsResult } from '../analyze/check-paths.js';
import type { Finding } from '../diagnostics/finding.js';
import type { SyntaxErrorReport } from '../analyze/check-source.js';
import { orderedEntries } from './entries.js';
import { makeStyle, type Style } from './style.js';
import { formatAmount, heatAmount, type RankedFindings } from '../rank/rank.js';

export interface TextOptions {
  color: boolean;
  /** The text of a 1-based line of a file, for excerpts; undefined when unavailable. */
  sourceLine?: (file: string, line: number) => string | undefined;
  /** One line per finding, no excerpts and no summary. */
  quiet?: boolean;
  /** Only the per-rule counts and the total. */
  statistics?: boolean;
  /** Rule names by code, for the summary. */
  ruleNames?: Record<string, string>;
  /** Set when a profile ranked the findings: keep their order, show costs, summarise the join. */
  ranked?: RankedFindings;
}

export function renderText(report: CheckPathsResult, options: TextOptions): string {
  const style = makeStyle(options.color);
  const out: string[] = [];
  if (!options.statistics) {
    const entries = options.ranked
      ? [...report.findings.map((finding) => ({ kind: 'finding' as const, finding })), ...orderedEntries([], report.syntaxErrors)]
      : orderedEntries(report.findings, report.syntaxErrors);
    for (const entry of entries) {
      if (entry.kind === 'finding') out.push(...findingLines(entry.finding, style, options));
      else out.push(...syntaxErrorLines(entry.error, style, options));
    }
  }
  if (!options.quiet) out.push(...summaryLines(report, style, options));
  if (options.ranked && !options.statistics) out.push(...rankSummaryLines(options.ranked, style));
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

/** Problems that are not findings (unreadable or undecodable files, internal errors), for stderr. */
export function renderProblems(report: CheckPathsResult): string {
  const lines = [
    ...report.missing.map((m) => `${m.path}: ${m.message}`),
    ...report.skipped.map((s) => `${s.path}: ${s.reason}`),
    ...report.internalErrors.map((e) => `${e.file}: internal error${e.rule ? ` in ${e.rule}` : ''}: ${e.message}`),
  ];
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

function findingLines(f: Finding, style: Style, options: TextOptions): string[] {
  const cost = f.cost ? `${costBadge(f, style)} ` : '';
  const head = `${style.bold(`${f.file}:${f.range.start.line}:${f.range.start.column}:`)} ${style.red(style.bold(f.code))}${f.fix ? ' [*]' : ''} ${cost}${f.message}`;
  if (options.quiet) return [head];
  const lines = [head, ...excerpt(f.file, f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column, style, options)];
  const pad = ' '.repeat(gutterWidth(f.range.start.line));
  if (f.fix) lines.push(`${pad}${style.blue('=')} ${style.cyan('help')}: ${f.fix.title}`);
  if (f.cost?.executed && f.cost.label) lines.push(`${pad}${style.blue('=')} ${style.cyan('measured')}: ${measuredLine(f)}`);
  if (f.cost?.gain) lines.push(`${pad}${style.blue('=')} ${style.cyan('gain')}: ${f.cost.gain}`);
  lines.push('');
  return lines;
}

function syntaxErrorLines(e: SyntaxErrorReport, style: Style, options: TextOptions): string[] {
  const head = `${style.bold(`${e.file}:${e.range.start.line}:${e.range.start.column}:`)} ${style.red(style.bold('SyntaxError'))}: ${e.message}`;
  if (options.quiet) return [head];
  return [head, ...excerpt(e.file, e.range.start.line, e.range.start.column, e.range.start.line, e.range.start.column + 1, style, options), ''];
}

function gutterWidth(line: number): number {
  return String(line).length + 1;
}

/** The finding's first line with carets under the range (to the end of that line if it spans lines). */
function excerpt(file: string, line: number, col: number, endLine: number, endCol: number, style: Style, options: TextOptions): string[] {
  const text = options.sourceLine?.(file, line);
  if (text === undefined) return [];
  const chars = Array.from(text.replace(/\r$/, ''));
  const lastCol = endLine === line ? Math.max(endCol, col + 1) : chars.length + 1;
  const expand = (s: string[]): string => s.join('').replace(/\t/g, '    ');
  const before = expand(chars.slice(0, col - 1)).length;
  const width = Math.max(1, expand(chars.slice(col - 1, lastCol - 1)).length);
  const pad = ' '.repeat(gutterWidth(line));
  const bar = style.blue('|');
  return [
    `${pad}${bar}`,
    `${style.blue(String(line).padStart(gutterWidth(line) - 1))} ${bar} ${expand(chars)}`,
    `${pad}${bar} ${' '.repeat(before)}${style.red('^'.repeat(width))}`,
  ];
}

function summaryLines(report: CheckPathsResult, style: Style, options: TextOptions): string[] {
  const lines: string[] = [];
  const counted = Object.entries(report.countsByRule).filter(([, n]) => n > 0);
  counted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (counted.length > 0) {
    const width = String(counted[0]![1]).length;
    lines.push(style.bold('Findings by rule:'));
    for (const [code, n] of counted) lines.push(`  ${String(n).padStart(width)}  ${style.red(code)}  ${options.ruleNames?.[code] ?? ''}`.trimEnd());
  }
  const n = report.findings.length;
  const filesWithFindings = new Set(report.findings.map((f) => f.file)).size;
  const parts = [
    n === 0 ? style.green('No findings') : style.bold(`Found ${plural(n, 'finding')} in ${plural(filesWithFindings, 'file')}`),
    `checked ${plural(report.filesChecked, 'file')} (${report.lines.toLocaleString('en-US')} lines)`,
  ];
  if (report.syntaxErrors.length > 0) parts.push(style.yellow(`${plural(new Set(report.syntaxErrors.map((e) => e.file)).size, 'file')} with syntax errors`));
  if (report.skipped.length > 0) parts.push(style.yellow(`${plural(report.skipped.length, 'file')} skipped`));
  if (report.internalErrors.length > 0) parts.push(style.red(plural(report.internalErrors.length, 'internal error')));
  lines.push(parts.join('; ') + '.');
  return lines;
}

/** `[68.8% · 6.77 s]` for measured code, `[not executed]` for code the profile never reached. */
function costBadge(f: Finding, style: Style): string {
  const c = f.cost!;
  if (!c.executed) return style.dim('[not executed in this profile]');
  const share = `${((c.heat ?? 0) * 100).toFixed(1)}%`;
  const amount = c.approxSeconds !== undefined ? `~${formatAmount(c.approxSeconds, 'seconds')}` : formatAmount(heatAmount(c), c.unit);
  return style.yellow(`[${share} · ${amount}]`);
}


function measuredLine(f: Finding): string {
  const c = f.cost!;
  const parts = [`${c.label}: self ${formatAmount(c.self ?? 0, c.unit)}`];
  if (c.total !== undefined) parts.push(`total ${formatAmount(c.total, c.unit)} (${((c.fractionOfRun ?? 0) * 100).toFixed(1)}% of the run)`);
  if (c.calls !== undefined) parts.push(`${c.calls.toLocaleString('en-US')} call${c.calls === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function rankSummaryLines(r: RankedFindings, style: Style): string[] {
  const lines: string[] = [];
  const m = r.matching;
  const reasons = Object.entries(m.unmatched)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ');
  lines.push(
    `Profile (${r.costProfile.format}, ${formatAmount(r.costProfile.total, r.costProfile.unit)}): matched ${plural(m.matched, 'Python frame')} of ${m.frames} to ${plural(m.filesMatched, 'checked file')}${reasons ? `; not matched: ${reasons}` : ''}.`,
  );
  lines.push(style.bold(`The flagged code accounts for ${(r.flaggedShare * 100).toFixed(1)}% of the measured time.`));
  if (r.notExecuted > 0) lines.push(`${plural(r.notExecuted, 'finding')} in code this profile never ran (listed last; --hot-only hides them).`);
  if (r.hiddenCold > 0) lines.push(style.dim(`${plural(r.hiddenCold, 'interpreter-overhead finding')} in cold code (< ${(r.minCost * 100).toFixed(1)}% of the run) hidden; --all to show.`));
  return lines;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
