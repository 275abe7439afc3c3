// A worker thread of `checkPaths`: checks the files the main thread sends, one at a time, and
// posts each outcome back. The options (rule codes, target version) arrive as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../rules/registry.js';
import { checkFile } from './check-file.js';
import type { MeasuredFacts, PythonVersion } from '../rules/types.js';

export interface WorkerOptions {
  ruleCodes: string[];
  targetVersion: PythonVersion;
  facts?: MeasuredFacts;
}
export interface WorkerRequest {
  index: number;
  path: string;
}

const options = workerData as WorkerOptions;
const codes = new Set(options.ruleCodes);
const rules = ALL_RULES.filter((r) => codes.has(r.code));

parentPort!.on('message', (request: WorkerRequest) => {
  const outcome = checkFile(request.path, { rules, targetVersion: options.targetVersion, ...(options.facts ? { facts: options.facts } : {}) });
  parentPort!.postMessage({ index: request.index, outcome });
});
