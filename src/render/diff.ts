// The output of `hotspy diff`: the overall speed-up, the functions whose cost changed most, and
// which findings the change made disappear (when both runs saved their ranked findings).
import type { ProfileDiff, FunctionDelta } from '../profile/analysis/diff.js';
import type { FindingsChange } from '../rank/saved-findings.js';
import { makeStyle } from './style.js';

export interface DiffInput {
  beforeName: string;
  afterName: string;
  diff: ProfileDiff;
  findings?: FindingsChange;
  top: number;
}

export function renderDiffText(input: DiffInput, color: boolean): string {
  const s = makeStyle(color);
  const { diff } = input;
  const amount = (v: number) => formatValue(v, diff.unit);
  const out: string[] = [];
  out.push(s.bold(`hotspy diff: ${input.beforeName} → ${input.afterName}`));
  const speed = diff.speedup === undefined ? '' : diff.speedup >= 1 ? `  ${s.green(`${diff.speedup.toFixed(2)}× faster`)}` : `  ${s.red(`${(1 / diff.speedup).toFixed(2)}× slower`)}`;
  out.push(`run: ${amount(diff.beforeTotal)} → ${amount(diff.afterTotal)}${speed}`);
  if (diff.note) out.push(s.dim(`note: ${diff.note}`));
  out.push('');
  const rows = diff.functions.filter((r) => r.selfDelta !== 0 || r.totalDelta !== 0).slice(0, input.top > 0 ? input.top : undefined);
  out.push(s.bold(`Biggest changes in self ${diff.unit === 'seconds' ? 'time' : 'share'}`));
  out.push(`${'self before'.padStart(12)} ${'after'.padStart(10)} ${'change'.padStart(10)} ${'total change'.padStart(13)}  ${'calls'.padEnd(17)} function`);
  for (const r of rows) out.push(row(r, amount, s));
  if (rows.length === 0) out.push('  (no function changed)');
  if (input.findings) {
    const f = input.findings;
    out.push('');
    out.push(s.bold(`Findings: ${f.gone.length} gone, ${f.remaining.length} remaining, ${f.added.length} new`));
    for (const g of f.gone) out.push(`  ${s.green('fixed')}  ${g.code} ${g.file}:${g.line} in ${g.function} (was ${(g.heat * 100).toFixed(1)}% of the run): ${g.message}`);
    for (const r of f.remaining) out.push(`  ${s.yellow('still')}  ${r.after.code} ${r.after.file}:${r.after.line} in ${r.after.function}: ${(r.before.heat * 100).toFixed(1)}% → ${(r.after.heat * 100).toFixed(1)}% of the run`);
    for (const a of f.added) out.push(`  ${s.red('new')}    ${a.code} ${a.file}:${a.line} in ${a.function}: ${a.message}`);
  } else {
    out.push('');
    out.push(s.dim('(no saved findings beside both profiles: run both with `hotspy profile` to see which findings a change fixed)'));
  }
  return out.join('\n') + '\n';
}

function row(r: FunctionDelta, amount: (v: number) => string, s: ReturnType<typeof makeStyle>): string {
  const change = (v: number) => (v > 0 ? s.red(`+${amount(v)}`) : v < 0 ? s.green(`-${amount(-v)}`) : amount(0));
  const calls = `${r.before?.calls ?? '–'} → ${r.after?.calls ?? '–'}`;
  const where = r.function.file ? `  ${r.function.file}:${r.function.line ?? '?'}` : '';
  return `${amount(r.before?.self ?? 0).padStart(12)} ${amount(r.after?.self ?? 0).padStart(10)} ${pad(change(r.selfDelta), 10)} ${pad(change(r.totalDelta), 13)}  ${calls.padEnd(17)} ${r.function.name}${where}`;
}

/** Pads text that may carry colour codes to a visible width. */
function pad(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\u001b\[[0-9;]*m/g, '').length;
  return ' '.repeat(Math.max(0, width - visible)) + text;
}

function formatValue(v: number, unit: ProfileDiff['unit']): string {
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (v >= 1) return `${v.toFixed(3)}s`;
  if (v >= 0.001) return `${(v * 1000).toFixed(1)}ms`;
  return `${(v * 1e6).toFixed(0)}µs`;
}

export function diffToJson(input: DiffInput): Record<string, unknown> {
  return {
    before: input.beforeName,
    after: input.afterName,
    unit: input.diff.unit,
    before_total: input.diff.beforeTotal,
    after_total: input.diff.afterTotal,
    speedup: input.diff.speedup ?? null,
    note: input.diff.note ?? null,
    functions: input.diff.functions.slice(0, input.top > 0 ? input.top : undefined).map((r) => ({
      name: r.function.name,
      file: r.function.file,
      line: r.function.line,
      before: r.before,
      after: r.after,
      self_delta: r.selfDelta,
      total_delta: r.totalDelta,
    })),
    findings: input.findings ?? null,
  };
}
