// A worker thread of `checkPaths`: checks the batches of files the main thread sends and posts
// each batch's outcomes back. The options (rule codes, target version) arrive once, as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../rules/registry.js';
import { checkFile, type FileOutcome } from './check-file.js';
import type { MeasuredFacts, PythonVersion } from '../rules/types.js';

export interface WorkerOptions {
  ruleCodes: string[];
  targetVersion: PythonVersion;
  facts?: MeasuredFacts;
}
/** Files `paths` are the files at `start`, `start + 1`, … of the run's file list. */
export interface WorkerRequest {
  start: number;
  paths: string[];
}
export interface WorkerResponse {
  start: number;
  outcomes: FileOutcome[];
}

const options = workerData as WorkerOptions;
const codes = new Set(options.ruleCodes);
const rules = ALL_RULES.filter((r) => codes.has(r.code));
const local = { rules, targetVersion: options.targetVersion, ...(options.facts ? { facts: options.facts } : {}) };

parentPort!.on('message', (request: WorkerRequest) => {
  const outcomes = request.paths.map((path) => checkFile(path, local));
  parentPort!.postMessage({ start: request.start, outcomes } satisfies WorkerResponse);
});
