// Micro-measurements on the user's own interpreter (`explain --measure`, and the facts `check`
// passes to rules): nothing here is quoted from a book, everything is run.
export { MeasureError, identifyPython, type PythonInfo } from './python.js';
export { measureSlots, DEFAULT_COUNTS, type SlotsMeasurement, type SlotsRow } from './slots.js';
export { measuredFactsFor, slotsFacts, CHECK_COUNTS } from './facts.js';
export { renderSlotsMeasurement } from './render.js';
export { cacheDir } from './cache.js';
export { measurementFor, measurableCodes, type MeasureOptions, type Measurement } from './explain.js';
