// The human-readable profile report: totals, top functions by self and total cost, top lines,
// the coverage curve and the CPU/I/O verdict, in aligned columns (colour only when asked).
import type { ProfileReport, ReportFunction, ReportLine, VerdictKind } from '../../profile/analysis/types.js';
import { shortPath } from './paths.js';
import { PLAIN, type Style, visibleLength } from './style.js';

export interface TextRenderOptions {
  /** The file the report was read from, shown in the title. */
  source?: string;
  /** The companion line-samples file, shown when the lines came from it. */
  lineSource?: string;
  style?: Style;
  /** Terminal width for wrapping prose; default 100. */
  width?: number;
  /** Working directory for shortening paths. */
  cwd?: string;
  /** The text of a source line, to show beside the top lines (the CLI reads files; may be absent). */
  sourceLine?: (file: string, line: number) => string | undefined;
}

const FORMAT_NAMES: Record<string, string> = {
  cprofile: 'cProfile',
  'hotspy-samples': 'hotspy sampler',
  collapsed: 'collapsed stacks',
  austin: 'Austin',
  speedscope: 'speedscope',
  pyinstrument: 'pyinstrument',
  scalene: 'Scalene',
};

export function renderReportText(report: ProfileReport, options: TextRenderOptions = {}): string {
  const s = options.style ?? PLAIN;
  const width = Math.max(60, options.width ?? 100);
  const cwd = options.cwd ?? process.cwd();
  const out: string[] = [];
  const costOf = costFormatter(report.unit);

  out.push(s.bold(`hotspy report${options.source ? `: ${printable(options.source)}` : ''}`));
  out.push(describeTotals(report));
  if (report.lineSource) {
    const ls = report.lineSource;
    const interval = ls.sampleInterval !== undefined ? ` every ${fmtInterval(ls.sampleInterval)}` : '';
    out.push(
      `line samples: ${formatName(ls.format)}, ${fmtInt(ls.total)} ${ls.unit}${interval}` +
        (options.lineSource ? ` (${printable(options.lineSource)})` : ''),
    );
  }

  const measure = report.unit === 'seconds' ? 'time' : report.unit === 'bytes' ? 'memory' : 'samples';
  const selfWord = `self ${measure}`;
  const totalWord = `total ${measure}`;
  const fnLabel = (f: ReportFunction) => {
    const where = f.file === null ? '' : `${printable(shortPath(f.file, cwd))}${f.line !== null ? `:${f.line}` : ''}`;
    return where === '' ? printable(f.name) : `${printable(f.name)}  ${s.dim(where)}`;
  };
  const callsText = (f: ReportFunction) =>
    f.calls === undefined || f.calls < 0
      ? ''
      : f.primitiveCalls !== undefined && f.primitiveCalls !== f.calls
        ? `${f.calls}/${f.primitiveCalls}`
        : `${f.calls}`;
  const hasCalls = report.functions.some((f) => f.calls !== undefined && f.calls >= 0);

  const section = (title: string, order: number[], primary: 'self' | 'total') => {
    if (order.length === 0) return;
    out.push('', s.bold(title));
    const secondary = primary === 'self' ? 'total' : 'self';
    const header = [primary, '%', secondary, '%', ...(hasCalls ? ['calls'] : []), 'function'];
    const rows = order.map((i) => {
      const f = report.functions[i]!;
      const firstShare = primary === 'self' ? f.selfShare : f.totalShare;
      const secondShare = primary === 'self' ? f.totalShare : f.selfShare;
      return [
        costOf(f[primary]),
        highlight(s, firstShare),
        costOf(f[secondary]),
        fmtPct(secondShare),
        ...(hasCalls ? [callsText(f)] : []),
        fnLabel(f),
      ];
    });
    out.push(...table(header, rows, s));
  };
  section(`Top ${report.topSelf.length} functions by ${selfWord}`, report.topSelf, 'self');
  section(`Top ${report.topTotal.length} functions by ${totalWord}`, report.topTotal, 'total');

  if (report.lines && report.lines.length > 0) {
    const lineUnit = report.lineSource?.unit ?? report.unit;
    const lineCost = costFormatter(lineUnit);
    const showIdle = report.lines.some((l) => l.idleShare !== undefined);
    out.push('', s.bold(`Top ${report.lines.length} lines by self ${lineUnit === 'seconds' ? 'time' : lineUnit}`));
    const header = ['self', '%', ...(showIdle ? ['waiting'] : []), 'line'];
    const rows = report.lines.map((l) => [
      lineCost(l.self),
      highlight(s, l.selfShare),
      ...(showIdle ? [l.idleShare === undefined ? '' : fmtPct(l.idleShare)] : []),
      lineLabel(l, s, cwd, options.sourceLine, width),
    ]);
    out.push(...table(header, rows, s));
    if ((report.lineSource?.format ?? report.format) === 'hotspy-samples') {
      out.push(s.dim('  (line samples land on loop heads and call sites rather than spread over a loop body; see docs/profile.md)'));
    }
  } else if (report.lineSource) {
    out.push('', s.dim('(no line samples: the run was shorter than the sampling interval)'));
  } else if (report.kind === 'deterministic') {
    out.push('', s.dim('(no line-level data: cProfile records functions only; `hotspy profile` adds line samples)'));
  }

  if (report.threads && report.threads.length > 1) {
    const showState = report.threads.some((t) => t.running !== undefined);
    out.push('', s.bold(`Threads (${report.threads.length})`));
    const rows = report.threads.map((t) => [
      fmtInt(t.samples),
      ...(showState ? [t.running !== undefined && t.samples > 0 ? fmtPct(t.running / t.samples) : ''] : []),
      printable(t.name),
    ]);
    out.push(...table(['samples', ...(showState ? ['running'] : []), 'thread'], rows, s));
  }

  out.push('', s.bold(`Coverage: how few functions account for the ${selfWord}`));
  const cov = report.coverage;
  const levelRows = cov.levels.map((level) => [
    `${Math.round(level.share * 100)}%`,
    `${level.functions} ${level.functions === 1 ? 'function ' : 'functions'}`,
    `(${fmtPct(level.fractionOfFunctions)} of ${fmtInt(cov.functionCount)})`,
  ]);
  out.push(...table(['share', 'needs', 'of all functions'], levelRows, s, false));

  const v = report.verdict;
  out.push('', `${s.bold('Verdict:')} ${verdictStyle(s, v.kind)(verdictTitle(v.kind))}`);
  out.push(...wrapText(v.summary, width, '  '));
  if (v.basis === 'waiting-calls' && v.waitingCalls && v.waitingCalls.length > 0) {
    for (const call of v.waitingCalls.slice(0, 5)) {
      out.push(`    ${fmtPct(call.share).padStart(6)}  ${printable(call.name)}  ${s.dim(call.category)}`);
    }
  } else if (v.waitingCallShare !== undefined && report.kind === 'deterministic') {
    out.push(`  cProfile: ${fmtPct(v.waitingCallShare)} of the measured time was inside blocking calls.`);
  }
  out.push(...wrapText(v.advice, width, '  '));
  for (const note of v.notes) out.push(...wrapText(`note: ${note}`, width, '  ', '        '));
  return out.join('\n') + '\n';
}

function describeTotals(r: ProfileReport): string {
  const parts: string[] = [formatName(r.format)];
  if (r.unit === 'seconds') {
    parts.push(`${fmtSeconds(r.total)} measured${r.kind === 'deterministic' ? ' (sum of self times)' : ''}`);
  } else if (r.unit === 'samples') {
    const secs = r.totalSeconds !== undefined ? ` ≈ ${fmtSeconds(r.totalSeconds)}` : '';
    const every = r.sampleInterval !== undefined ? ` every ${fmtInterval(r.sampleInterval)}` : '';
    parts.push(`${fmtInt(r.total)} samples${every}${secs}`);
  } else {
    parts.push(`${fmtInt(r.total)} ${r.unit}`);
  }
  if (r.calls !== undefined) {
    parts.push(
      `${fmtInt(r.calls)} calls` + (r.primitiveCalls !== undefined && r.primitiveCalls !== r.calls ? ` (${fmtInt(r.primitiveCalls)} primitive)` : ''),
    );
  }
  parts.push(`${fmtInt(r.functionCount)} functions`);
  const python = r.metadata.python_version;
  if (python !== undefined) parts.push(`Python ${printable(String(python))}`);
  return parts.join(', ');
}

/**
 * Names, paths and source text come from the profile and the program: control characters in them
 * (escape sequences could drive the terminal) are shown as `\uXXXX`.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatName(id: string): string {
  return FORMAT_NAMES[id] ?? id;
}

function lineLabel(
  l: ReportLine,
  s: Style,
  cwd: string,
  sourceLine: TextRenderOptions['sourceLine'],
  width: number,
): string {
  const where = `${printable(shortPath(l.file, cwd))}:${l.line}`;
  const fn = l.function ? `  ${printable(l.function.name)}` : '';
  let text = `${where}${fn}`;
  const text0 = sourceLine?.(l.file, l.line)?.trim();
  const source = text0 === undefined ? undefined : printable(text0);
  if (source) {
    const room = Math.max(20, width - 30 - text.length);
    text += `  ${s.dim(source.length > room ? `${source.slice(0, room - 1)}…` : source)}`;
  }
  return text;
}

function verdictTitle(kind: VerdictKind): string {
  switch (kind) {
    case 'cpu':
      return 'CPU-bound';
    case 'io':
      return 'I/O-bound';
    case 'mixed':
      return 'mixed (CPU and I/O)';
    case 'unknown':
      return 'unknown';
  }
}

function verdictStyle(s: Style, kind: VerdictKind): (t: string) => string {
  const colour = kind === 'cpu' ? s.yellow : kind === 'io' ? s.cyan : kind === 'mixed' ? s.magenta : s.dim;
  return (t) => s.bold(colour(t));
}

/** Right-aligns every column but the last, which is left-aligned and not padded. */
function table(header: string[], rows: string[][], s: Style, headerLine = true): string[] {
  const columns = header.length;
  const widths = header.map((h, c) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[c] ?? ''))));
  const pad = (text: string, c: number) => {
    if (c === columns - 1) return text;
    return ' '.repeat(Math.max(0, widths[c]! - visibleLength(text))) + text;
  };
  const line = (cells: string[]) => `  ${cells.map((cell, c) => pad(cell, c)).join('  ')}`.trimEnd();
  const lines = rows.map(line);
  return headerLine ? [s.dim(line(header)), ...lines] : lines;
}

function costFormatter(unit: ProfileReport['unit']): (x: number) => string {
  if (unit === 'seconds') return fmtSeconds;
  if (unit === 'bytes') return fmtBytes;
  return (x) => fmtInt(x);
}

function fmtSeconds(x: number): string {
  if (x === 0) return '0s';
  if (x >= 100) return `${x.toFixed(1)}s`;
  if (x >= 0.1) return `${x.toFixed(3)}s`;
  if (x >= 0.0001) return `${(x * 1000).toFixed(x >= 0.01 ? 1 : 2)}ms`;
  return `${(x * 1e6).toFixed(0)}µs`;
}

function fmtBytes(x: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = x;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v.toFixed(0) : v.toFixed(1)}${units[i]}`;
}

function fmtInt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function fmtInterval(seconds: number): string {
  return seconds < 1 ? `${+(seconds * 1000).toPrecision(3)} ms` : `${+seconds.toPrecision(3)} s`;
}

function fmtPct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function highlight(s: Style, share: number): string {
  const text = fmtPct(share);
  return share >= 0.1 ? s.yellow(text) : text;
}

function wrapText(text: string, width: number, indent: string, hanging: string = indent): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let current = indent;
  let fresh = true;
  for (const word of words) {
    if (!fresh && current.length + 1 + word.length > width) {
      lines.push(current);
      current = hanging + word;
    } else {
      current += (fresh ? '' : ' ') + word;
    }
    fresh = false;
  }
  if (!fresh) lines.push(current);
  return lines;
}
