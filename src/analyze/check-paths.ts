// Checks files and folders: discovers the Python files, checks each (on worker threads when there
// are enough files to pay for them), and merges the outcomes in sorted file order, so the output
// is the same whatever the number of jobs.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { discoverPythonFiles } from '../discover/discover.js';
import type { Finding } from '../diagnostics/finding.js';
import { ALL_RULES } from '../rules/registry.js';
import type { MeasuredFacts, PythonVersion } from '../rules/types.js';
import { DEFAULT_TARGET_VERSION, type InternalErrorReport, type SyntaxErrorReport } from './check-source.js';
import { checkFile, type FileOutcome } from './check-file.js';
import { selectRules } from './select.js';
import type { WorkerOptions, WorkerRequest } from './worker.js';

export interface CheckPathsOptions {
  select?: readonly string[];
  ignore?: readonly string[];
  targetVersion?: PythonVersion;
  /** Worker threads; default: the available cores. 1 checks on the calling thread. */
  jobs?: number;
  /** Measurements of the user's Python that some messages quote (see `MeasuredFacts`). */
  facts?: MeasuredFacts;
}

export interface CheckPathsResult {
  /** Files parsed and analysed (including those with syntax errors). */
  filesChecked: number;
  /** Total lines in the checked files. */
  lines: number;
  /** Files that could not be read or decoded, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  /** Given paths that do not exist: the caller should treat this as a usage error. */
  missing: Array<{ path: string; message: string }>;
  findings: Finding[];
  syntaxErrors: SyntaxErrorReport[];
  internalErrors: InternalErrorReport[];
  /** Findings per rule code, for every rule that ran (zero counts included). */
  countsByRule: Record<string, number>;
  /** The rules that ran. */
  ruleCodes: string[];
}

/** Below this many files, starting worker threads costs more than it saves. */
const MIN_FILES_PER_WORKER = 8;

export async function checkPaths(paths: readonly string[], options: CheckPathsOptions = {}): Promise<CheckPathsResult> {
  const rules = selectRules(ALL_RULES, options.select, options.ignore); // throws SelectionError early
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const discovered = discoverPythonFiles(paths);
  const files = discovered.files;
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), Math.floor(files.length / MIN_FILES_PER_WORKER)));

  const outcomes: FileOutcome[] =
    jobs <= 1
      ? files.map((path) => checkFile(path, { rules, targetVersion, ...(options.facts ? { facts: options.facts } : {}) }))
      : await checkOnWorkers(files, jobs, { ruleCodes: rules.map((r) => r.code), targetVersion, ...(options.facts ? { facts: options.facts } : {}) });

  const result: CheckPathsResult = {
    filesChecked: 0,
    lines: 0,
    skipped: [],
    missing: discovered.missing,
    findings: [],
    syntaxErrors: [],
    internalErrors: [],
    countsByRule: Object.fromEntries(rules.map((r) => [r.code, 0])),
    ruleCodes: rules.map((r) => r.code),
  };
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      result.skipped.push({ path: outcome.path, reason: outcome.reason });
      continue;
    }
    const r = outcome.result;
    result.filesChecked++;
    result.lines += r.lineCount;
    for (const f of r.findings) {
      result.findings.push(f);
      result.countsByRule[f.code] = (result.countsByRule[f.code] ?? 0) + 1;
    }
    result.syntaxErrors.push(...r.syntaxErrors);
    result.internalErrors.push(...r.internalErrors);
  }
  return result;
}

/** Check `files` on `jobs` worker threads, handing out one file at a time; outcomes in file order. */
function checkOnWorkers(files: readonly string[], jobs: number, options: WorkerOptions): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome | undefined>(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (done === files.length) resolve(outcomes as FileOutcome[]);
    };
    const start = (): void => {
      if (next >= files.length) return;
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
      let inFlight: number | undefined;
      const feed = (): void => {
        if (next < files.length) {
          inFlight = next++;
          worker.postMessage({ index: inFlight, path: files[inFlight]! } satisfies WorkerRequest);
        } else {
          inFlight = undefined;
          void worker.terminate();
        }
      };
      worker.on('message', (msg: { index: number; outcome: FileOutcome }) => {
        outcomes[msg.index] = msg.outcome;
        done++;
        feed();
        finishIfDone();
      });
      worker.on('error', (err) => {
        // The worker died (e.g. out of memory): its file gets an internal error; a fresh worker
        // takes over the remaining files.
        if (inFlight !== undefined && outcomes[inFlight] === undefined) {
          const path = files[inFlight]!;
          outcomes[inFlight] = {
            kind: 'checked',
            result: { path, findings: [], syntaxErrors: [], internalErrors: [{ file: path, message: `worker crashed: ${err.message}` }], lineCount: 0 },
          };
          done++;
          inFlight = undefined;
        }
        start();
        finishIfDone();
      });
      feed();
    };
    for (let i = 0; i < jobs; i++) start();
    finishIfDone();
  });
}
