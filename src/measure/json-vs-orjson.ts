// `hotspy explain HS401 --measure`: times stdlib json against orjson on the user's Python with a
// generated payload (python/hotspy_measure_json.py), and renders the comparison; when orjson is
// not importable it says so and shows the stdlib timings alone.
import { spawnSync } from 'node:child_process';
import { packageFile } from '../util/package-root.js';
import { MeasureError, firstLine, identifyPython, type PythonInfo } from './python.js';
import type { MeasureOptions } from './explain.js';

interface Timings {
  /** Seconds per call, best of the repeats. */
  dumps: number;
  loads: number;
  /** `json.dumps(x, indent=2)` vs `orjson.dumps(x, option=orjson.OPT_INDENT_2)`. */
  dumps_indent: number;
}

export interface JsonMeasurement {
  python: PythonInfo;
  records: number;
  /** Size of the payload's JSON text, in bytes. */
  bytes: number;
  repeat: number;
  stdlib: Timings;
  orjson: (Timings & { version: string }) | null;
  /** Why orjson could not be imported (null when it was). */
  orjson_missing: string | null;
}

export interface JsonMeasureSettings {
  records?: number;
  repeat?: number;
  /** Target seconds per timed repeat. */
  seconds?: number;
  /** Environment for the Python process (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Run the measurement script with `python`; throws MeasureError with one line on any failure. */
export function measureJson(python: string, settings: JsonMeasureSettings = {}): JsonMeasurement {
  const script = packageFile('python', 'hotspy_measure_json.py');
  const args = [script, '--records', String(settings.records ?? 2000), '--repeat', String(settings.repeat ?? 5), '--seconds', String(settings.seconds ?? 0.2)];
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 300_000, ...(settings.env ? { env: settings.env } : {}) });
  if (run.error) throw new MeasureError(`cannot run Python "${python}": ${run.error.message}`);
  if (run.status !== 0) throw new MeasureError(`the json measurement failed in "${python}": ${firstLine(run.stderr) || `exit status ${run.status}`}`);
  let parsed: JsonMeasurement;
  try {
    parsed = JSON.parse(run.stdout) as JsonMeasurement;
  } catch {
    throw new MeasureError(`the json measurement printed something unexpected: ${firstLine(run.stdout)}`);
  }
  if (!parsed.stdlib || typeof parsed.stdlib.dumps !== 'number') throw new MeasureError('the json measurement printed no timings');
  return parsed;
}

export function renderJsonMeasurement(m: JsonMeasurement): string {
  const lines: string[] = [];
  lines.push(
    `Measured on ${m.python.implementation} ${m.python.version} (${m.python.executable}): a generated payload of ` +
      `${m.records.toLocaleString('en-US')} records, ${(m.bytes / 1024).toFixed(0)} KiB of JSON; best of ${m.repeat} runs per operation.`,
  );
  lines.push('');
  const ops: Array<[keyof Timings, string]> = [
    ['dumps', 'dumps'],
    ['loads', 'loads'],
    ['dumps_indent', 'dumps, indent=2'],
  ];
  const o = m.orjson;
  if (o) ops[2]![1] = 'dumps, indented (indent=2 / OPT_INDENT_2)';
  const header = o ? ['operation', 'stdlib json', `orjson ${o.version}`, 'orjson is'] : ['operation', 'stdlib json', 'throughput'];
  const rows = ops.map(([key, label]) => {
    const std = m.stdlib[key];
    if (!o) return [label, ms(std), `${mbPerSecond(m.bytes, std)} MB/s`];
    return [label, ms(std), ms(o[key]), `${(std / o[key]).toFixed(1)}× faster`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  lines.push(line(header));
  for (const r of rows) lines.push(line(r));
  lines.push('');
  if (!o) {
    lines.push(`orjson is not importable in this Python (${m.orjson_missing ?? 'unknown reason'}), so only the stdlib was`);
    lines.push(`measured. Install it (\`${m.python.executable} -m pip install orjson\`) and run this again to compare.`);
  } else {
    lines.push('Both libraries were checked to round-trip the payload to equal data before timing.');
    lines.push('Remember: orjson.dumps returns bytes, formats through option= flags, and has no cls=/separators=.');
  }
  return lines.join('\n') + '\n';
}

/** The `explain HS401 --measure` experiment. */
export function jsonExperiment(options: MeasureOptions): string {
  identifyPython(options.python); // a clear error before the longer run
  return renderJsonMeasurement(measureJson(options.python));
}

function ms(seconds: number): string {
  return seconds >= 0.1 ? `${(seconds * 1000).toFixed(0)} ms` : seconds >= 0.001 ? `${(seconds * 1000).toFixed(2)} ms` : `${(seconds * 1e6).toFixed(0)} µs`;
}

function mbPerSecond(bytes: number, seconds: number): string {
  return (bytes / 1e6 / seconds).toFixed(0);
}
