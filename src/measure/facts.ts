// Turns measurements into the `MeasuredFacts` the engine hands to rules, for `hotspy check`: from
// the per-interpreter cache, or a quick measurement that is then cached.
import type { MeasuredFacts } from '../rules/types.js';
import { readCached, writeCached } from './cache.js';
import { identifyPython } from './python.js';
import { measureSlots, type SlotsMeasurement } from './slots.js';

/** Attribute counts `check` measures once per interpreter (enough for most record classes). */
export const CHECK_COUNTS = Array.from({ length: 16 }, (_, i) => i + 1);

/** The facts for `python`, measuring (and caching) when needed; undefined when Python cannot be run. */
export function measuredFactsFor(python: string, env?: NodeJS.ProcessEnv): MeasuredFacts | undefined {
  try {
    const info = identifyPython(python);
    let measurement = readCached<SlotsMeasurement>('slots', info, env);
    if (!measurement || !Array.isArray(measurement.rows)) {
      measurement = measureSlots(python, CHECK_COUNTS, 5_000);
      writeCached('slots', info, measurement, env);
    }
    return slotsFacts(measurement);
  } catch {
    return undefined; // messages then say how to measure; checking goes on
  }
}

export function slotsFacts(m: SlotsMeasurement): MeasuredFacts {
  return {
    slots: {
      python: `${m.python.implementation} ${m.python.version}`,
      byAttributeCount: m.rows.map((r) => ({ attributes: r.attributes, dictBytes: r.traced.dict, slotsBytes: r.traced.slots })),
    },
  };
}
