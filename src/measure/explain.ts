// Which rules have an `explain --measure` experiment, and running one: each takes the user's
// Python and options and returns the text to print (or throws MeasureError).
import { identifyPython } from './python.js';
import { DEFAULT_COUNTS, measureSlots } from './slots.js';
import { renderSlotsMeasurement } from './render.js';
import { jsonExperiment } from './json-vs-orjson.js';

export interface MeasureOptions {
  /** The interpreter to run (`--python`), e.g. `python3` or a path. */
  python: string;
  /** HS201/HS202: also measure this many attributes (the user's class). */
  attributes?: number;
}

export type Measurement = (options: MeasureOptions) => string;

function slotsExperiment(options: MeasureOptions): string {
  identifyPython(options.python); // a clear error when the interpreter cannot run, before the long measurement
  const counts = [...new Set([...DEFAULT_COUNTS, ...(options.attributes !== undefined ? [options.attributes] : [])])].sort((a, b) => a - b);
  const measurement = measureSlots(options.python, counts);
  return renderSlotsMeasurement(measurement);
}

const EXPERIMENTS: Record<string, Measurement> = {
  HS201: slotsExperiment,
  HS202: slotsExperiment,
  HS401: jsonExperiment,
};

/** The experiment for a rule code, if the rule has one. */
export function measurementFor(code: string): Measurement | undefined {
  return EXPERIMENTS[code.toUpperCase()];
}

export function measurableCodes(): string[] {
  return Object.keys(EXPERIMENTS).sort();
}
