// Checks files and folders: discovers the Python files, checks each (on worker threads when there
// are enough files to pay for them), and merges the outcomes in sorted file order, so the output
// is the same whatever the number of jobs.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { discoverPythonFiles } from '../discover/discover.js';
import type { Finding } from '../diagnostics/finding.js';
import { ALL_RULES } from '../rules/registry.js';
import type { MeasuredFacts, PythonVersion } from '../rules/types.js';
import { DEFAULT_TARGET_VERSION, type CheckSourceOptions, type InternalErrorReport, type SyntaxErrorReport } from './check-source.js';
import { checkFile, type FileOutcome } from './check-file.js';
import { selectRules } from './select.js';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './worker.js';

export interface CheckPathsOptions {
  select?: readonly string[];
  ignore?: readonly string[];
  targetVersion?: PythonVersion;
  /** Threads to check on (1: the calling thread only). Default: the available cores for trees of 8,000 files or more, else 1. */
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
 * By default, files each thread should get before another thread is worth starting. A worker
 * starts cold (module load, then JIT warm-up: about 2.5 s of extra CPU), and on a 2-vCPU machine a
 * second thread adds at most 1.36x throughput to this allocation-heavy work (`npm run bench
 * ceiling`): measured there, the stdlib (1,786 files) ran 0.86x as fast on 2 threads as on 1, and
 * site-packages (17,415 files) 1.05x. An explicit `jobs` is always honoured.
 */
const MIN_FILES_PER_WORKER = 8000;

export async function checkPaths(paths: readonly string[], options: CheckPathsOptions = {}): Promise<CheckPathsResult> {
  const rules = selectRules(ALL_RULES, options.select, options.ignore); // throws SelectionError early
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const facts = options.facts ? { facts: options.facts } : {};
  const wanted = Math.max(1, options.jobs ?? os.availableParallelism());
  const workerOptions = { ruleCodes: rules.map((r) => r.code), targetVersion, ...facts };
  // Asked-for workers are started before discovery: their cold start (thread, module loading)
  // then overlaps with walking the directories here. They are stopped unused if the tree turns
  // out smaller than the thread count. By default, workers start only once the tree is known big.
  const pool = options.jobs !== undefined && wanted > 1 ? startWorkers(wanted - 1, workerOptions) : [];
  let discovered: ReturnType<typeof discoverPythonFiles>;
  try {
    discovered = discoverPythonFiles(paths);
  } catch (err) {
    for (const worker of pool) stopUnused(worker);
    throw err;
  }
  const files = discovered.files;
  const jobs = Math.min(wanted, Math.max(1, options.jobs !== undefined ? files.length : Math.floor(files.length / MIN_FILES_PER_WORKER)));
  for (const worker of pool.splice(jobs - 1)) stopUnused(worker);
  if (pool.length < jobs - 1) pool.push(...startWorkers(jobs - 1 - pool.length, workerOptions));

  const local = { rules, targetVersion, ...facts };
  const outcomes: FileOutcome[] = jobs <= 1 ? files.map((path) => checkFile(path, local)) : await checkConcurrently(files, pool, local);

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
 * A worker's young generation: checking allocates many short-lived trees, and with V8's default
 * a cold thread scavenges about three times as often (measured with --trace-gc on the stdlib:
 * 130 vs 44 scavenges at a 64 MB semi-space). An upper bound; it grows only as needed.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

function startWorkers(count: number, options: WorkerOptions): Worker[] {
  return Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
}

/** A worker that will get no files: stopped, and a failure while it stops is of no interest. */
function stopUnused(worker: Worker): void {
  worker.on('error', () => {});
  void worker.terminate();
}

/**
 * Check `files` on this thread plus the started `workers`, all taking the next files from one
 * shared counter, so fast and slow files balance out; outcomes come back in file order. The
 * calling thread works too because it is already warm, and a worker costs a cold start.
 */
async function checkConcurrently(files: readonly string[], workers: readonly Worker[], local: Omit<CheckSourceOptions, 'path'>): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome | undefined>(files.length);
  let next = 0;
  const threads = workers.length + 1;
  // Guided self-scheduling: big batches while much is left (fewer messages), single files near
  // the end (no thread left idle while another finishes a long batch).
  const take = (): Batch | undefined => {
    if (next >= files.length) return undefined;
    const size = Math.max(1, Math.min(MAX_BATCH, Math.floor((files.length - next) / (4 * threads))));
    const batch = { start: next, paths: files.slice(next, next + size) };
    next += size;
    return batch;
  };

  const workersDone = workers.map((worker) => runWorker(worker, outcomes, take));
  // This thread takes one file at a time and yields between files, so worker messages are
  // answered promptly and the workers never wait for their next batch.
  while (next < files.length) {
    const i = next++;
    outcomes[i] = checkFile(files[i]!, local);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workersDone);
  return outcomes as FileOutcome[];
}

/** Most files one message to a worker carries. */
const MAX_BATCH = 32;
/** Batches kept in flight per worker, so it never waits for the next request. */
const WORKER_QUEUE_DEPTH = 2;

interface Batch {
  start: number;
  paths: string[];
}

/** One worker checking batches from `take()` until none are left; resolves when it has finished. */
function runWorker(worker: Worker, outcomes: Array<FileOutcome | undefined>, take: () => Batch | undefined): Promise<void> {
  return new Promise((resolve) => {
    const inFlight = new Map<number, Batch>();
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      resolve();
    };
    const feed = (): void => {
      while (inFlight.size < WORKER_QUEUE_DEPTH) {
        const batch = take();
        if (!batch) break;
        inFlight.set(batch.start, batch);
        worker.postMessage(batch satisfies WorkerRequest);
      }
      if (inFlight.size === 0) finish();
    };
    worker.on('message', (msg: WorkerResponse) => {
      for (let i = 0; i < msg.outcomes.length; i++) outcomes[msg.start + i] = msg.outcomes[i];
      inFlight.delete(msg.start);
      feed();
    });
    const crashed = (reason: string): void => {
      // The worker died (e.g. out of memory): its files get an internal error, the other threads
      // take the rest.
      for (const batch of inFlight.values()) {
        batch.paths.forEach((path, i) => {
          outcomes[batch.start + i] = {
            kind: 'checked',
            result: { path, findings: [], syntaxErrors: [], internalErrors: [{ file: path, message: `worker crashed: ${reason}` }], lineCount: 0 },
          };
        });
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
