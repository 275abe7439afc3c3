// Checks files and folders: discovers the Python files, checks each (on worker threads when there
// are enough files to pay for them), and merges the outcomes in sorted file order, so the output
// is the same whatever the number of jobs.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { discoverPythonFiles } from '../discover/discover.js';
import type { Finding } from '../diagnostics/finding.js';
import { ALL_RULES } from '../rules/registry.js';
import type { AnyRule, MeasuredFacts, PythonVersion } from '../rules/types.js';
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

/**
 * Files each thread should get before another thread is worth starting: a worker starts cold
 * (module load, then JIT warm-up), measured at 1.4-2 s of extra CPU over the stdlib corpus, so
 * small trees are checked faster on the calling thread alone.
 */
const MIN_FILES_PER_WORKER = 64;

export async function checkPaths(paths: readonly string[], options: CheckPathsOptions = {}): Promise<CheckPathsResult> {
  const rules = selectRules(ALL_RULES, options.select, options.ignore); // throws SelectionError early
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const discovered = discoverPythonFiles(paths);
  const files = discovered.files;
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), Math.floor(files.length / MIN_FILES_PER_WORKER)));

  const outcomes: FileOutcome[] =
    jobs <= 1
      ? files.map((path) => checkFile(path, { rules, targetVersion, ...(options.facts ? { facts: options.facts } : {}) }))
      : await checkConcurrently(files, jobs, { ruleCodes: rules.map((r) => r.code), targetVersion, ...(options.facts ? { facts: options.facts } : {}) }, rules);

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

/**
 * Check `files` on `jobs` threads: this one plus `jobs - 1` workers, all taking the next file from
 * one shared counter, so fast and slow files balance out; outcomes come back in file order. The
 * calling thread works too because it is already warm, and a worker costs a cold start.
 */
async function checkConcurrently(files: readonly string[], jobs: number, options: WorkerOptions, rules: readonly AnyRule[]): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome | undefined>(files.length);
  let next = 0;
  const take = (): number => (next < files.length ? next++ : -1);

  const workersDone = Array.from({ length: jobs - 1 }, () => runWorker(files, outcomes, take, options));
  const local = { rules, targetVersion: options.targetVersion, ...(options.facts ? { facts: options.facts } : {}) };
  for (let i = take(); i !== -1; i = take()) {
    outcomes[i] = checkFile(files[i]!, local);
    // Let worker messages in, so workers are fed while this thread keeps checking.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workersDone);
  return outcomes as FileOutcome[];
}

/** Files kept in flight per worker, so it never waits for the next request. */
const WORKER_QUEUE_DEPTH = 2;

/** One worker checking files from `take()` until none are left; resolves when it has finished. */
function runWorker(files: readonly string[], outcomes: Array<FileOutcome | undefined>, take: () => number, options: WorkerOptions): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
    const inFlight = new Set<number>();
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      resolve();
    };
    const feed = (): void => {
      while (inFlight.size < WORKER_QUEUE_DEPTH) {
        const index = take();
        if (index === -1) break;
        inFlight.add(index);
        worker.postMessage({ index, path: files[index]! } satisfies WorkerRequest);
      }
      if (inFlight.size === 0) finish();
    };
    worker.on('message', (msg: { index: number; outcome: FileOutcome }) => {
      outcomes[msg.index] = msg.outcome;
      inFlight.delete(msg.index);
      feed();
    });
    const crashed = (reason: string): void => {
      // The worker died (e.g. out of memory): its files get an internal error, the other threads
      // take the rest.
      for (const index of inFlight) {
        const path = files[index]!;
        outcomes[index] = {
          kind: 'checked',
          result: { path, findings: [], syntaxErrors: [], internalErrors: [{ file: path, message: `worker crashed: ${reason}` }], lineCount: 0 },
        };
      }
      inFlight.clear();
      finish();
    };
    worker.on('error', (err) => crashed(err.message));
    worker.on('exit', (code) => {
      if (!finished) crashed(`exited with code ${code}`);
    });
    feed();
  });
}
