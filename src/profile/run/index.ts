// Running Python programs under a profiler: hotspy's cProfile + line sampler, or Austin/py-spy.
export { runProfiled, samplesPathFor, defaultProfilePath, RunError, DEFAULT_INTERVAL } from './run-profiled.js';
export type { RunProfiledOptions, RunProfiledResult } from './run-profiled.js';
export { parseTarget, looksLikePython, targetStem, TargetError, type ProfileTarget } from './target.js';
export { runExternalSampler, findOnPath, externalOutputPath } from './external-sampler.js';
export type { ExternalSampler, ExternalRunOptions, ExternalRunResult } from './external-sampler.js';
export { loadRun, type LoadRunOptions, type LoadedRun } from './load-run.js';
