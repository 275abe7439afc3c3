// `npm run bench` section: what two threads can give on this machine for hotspy's kind of work,
// whatever the scheduling. One thread checks the stdlib texts; then two threads each check all
// of them at once. With perfect scaling both take the same time; the throughput ratio is the
// ceiling for `--jobs 2` here (allocation-heavy work shares caches and memory bandwidth). The same
// is measured for two baselines that are not hotspy: a loop of integer arithmetic that touches no
// memory (what the machine's cores give to any work at all) and a loop that builds and drops small
// objects (what they give to allocation-heavy JavaScript, garbage collection included).
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { decodePythonSource } from '../src/source/decode.js';
import { stdlibPath } from '../test/corpus.js';

export const title = 'threads: the ceiling for --jobs 2 on this machine (the same work on 1 and 2 threads)';

const ROUNDS = 3;

/** Iterations of the arithmetic baseline: about as long as the check rounds on this machine. */
const SPIN = 1_000_000_000;
/** Rounds of the allocation baseline (200,000 small objects each). */
const ALLOCATE = 60;

export type CeilingWork = { texts: string[]; rounds: number } | { spin: number } | { allocate: number };

function runThreads(count: number, work: CeilingWork): Promise<number> {
  const start = performance.now();
  const url = new URL('./thread-ceiling-worker.js', import.meta.url);
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(url, { workerData: work });
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        }),
    ),
  ).then(() => performance.now() - start);
}

export async function run(): Promise<void> {
  const root = stdlibPath();
  if (!root) throw new Error('no Python 3.11 stdlib found on this machine');
  const texts = discoverPythonFiles([root]).files.flatMap((f) => {
    const d = decodePythonSource(fs.readFileSync(f));
    return d.ok ? [d.text] : [];
  });
  const work = { texts, rounds: ROUNDS };
  const one = await runThreads(1, work);
  const two = await runThreads(2, work);
  const spinOne = await runThreads(1, { spin: SPIN });
  const spinTwo = await runThreads(2, { spin: SPIN });
  const allocOne = await runThreads(1, { allocate: ALLOCATE });
  const allocTwo = await runThreads(2, { allocate: ALLOCATE });
  const ceiling = (2 * one) / two;
  process.stdout.write(
    [
      `  each thread checks ${texts.length} files ${ROUNDS} times (cold start included, as in the CLI)`,
      `  1 thread:   ${(one / 1000).toFixed(2)} s wall`,
      `  2 threads:  ${(two / 1000).toFixed(2)} s wall for twice the work`,
      `  ceiling:    ${ceiling.toFixed(2)}x throughput from a second thread (2.00x = perfect scaling)`,
      `  baseline, integer arithmetic that touches no memory: 1 thread ${(spinOne / 1000).toFixed(2)} s, 2 threads ${(spinTwo / 1000).toFixed(2)} s for twice the work`,
      `              ${((2 * spinOne) / spinTwo).toFixed(2)}x from a second thread: what the second core gives to work that needs nothing else`,
      `  baseline, building and dropping small objects: 1 thread ${(allocOne / 1000).toFixed(2)} s, 2 threads ${(allocTwo / 1000).toFixed(2)} s for twice the work`,
      `              ${((2 * allocOne) / allocTwo).toFixed(2)}x from a second thread: what it gives to allocation-heavy JavaScript like hotspy's`,
      `  (one thread of hotspy already keeps more than one core busy: V8 compiles and collects garbage on helper threads; see the check section's "cores busy")`,
    ].join('\n') + '\n',
  );
}
