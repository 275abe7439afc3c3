// Measures what `__slots__` saves per instance on the user's Python, by running the shipped
// python/hotspy_measure_slots.py (tracemalloc and sys.getsizeof, per attribute count).
import { spawnSync } from 'node:child_process';
import { packageFile } from '../util/package-root.js';
import { MeasureError, firstLine, type PythonInfo } from './python.js';

export interface SlotsRow {
  attributes: number;
  /** sys.getsizeof(instance) + sys.getsizeof(instance.__dict__) vs sys.getsizeof(slotted instance). */
  getsizeof: { dict: number; slots: number };
  /** Bytes really allocated per instance (tracemalloc over `instances` objects). */
  traced: { dict: number; slots: number };
}

export interface SlotsMeasurement {
  python: PythonInfo;
  instances: number;
  rows: SlotsRow[];
}

/** The attribute counts measured by default: the typical record sizes. */
export const DEFAULT_COUNTS = [2, 3, 4, 5, 6, 7, 8];

export function measureSlots(python: string, counts: readonly number[] = DEFAULT_COUNTS, instances = 20_000): SlotsMeasurement {
  const script = packageFile('python', 'hotspy_measure_slots.py');
  const args = [script, '--counts', counts.join(','), '--instances', String(instances)];
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw new MeasureError(`cannot run Python "${python}": ${run.error.message}`);
  if (run.status !== 0) throw new MeasureError(`the __slots__ measurement failed in "${python}": ${firstLine(run.stderr) || `exit status ${run.status}`}`);
  let parsed: { python: PythonInfo; instances: number; measurements: SlotsRow[] };
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new MeasureError(`the __slots__ measurement printed something unexpected: ${firstLine(run.stdout)}`);
  }
  if (!Array.isArray(parsed.measurements)) throw new MeasureError('the __slots__ measurement printed no measurements');
  return { python: parsed.python, instances: parsed.instances, rows: parsed.measurements };
}
