// `npm run bench` section: what two threads can give on this machine for hotspy's kind of work,
// whatever the scheduling. One thread checks the stdlib texts; then two threads each check all
// of them at once. With perfect scaling both take the same time; the throughput ratio is the
// ceiling for `--jobs 2` here (allocation-heavy work shares caches and memory bandwidth).
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { decodePythonSource } from '../src/source/decode.js';
import { stdlibPath } from '../test/corpus.js';

export const title = 'threads: the ceiling for --jobs 2 on this machine (the same work on 1 and 2 threads)';

const ROUNDS = 3;

function runThreads(count: number, texts: string[]): Promise<number> {
  const start = performance.now();
  const url = new URL('./thread-ceiling-worker.js', import.meta.url);
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(url, { workerData: { texts, rounds: ROUNDS } });
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
  const one = await runThreads(1, texts);
  const two = await runThreads(2, texts);
  const ceiling = (2 * one) / two;
  process.stdout.write(
    [
      `  each thread checks ${texts.length} files ${ROUNDS} times (cold start included, as in the CLI)`,
      `  1 thread:   ${(one / 1000).toFixed(2)} s wall`,
      `  2 threads:  ${(two / 1000).toFixed(2)} s wall for twice the work`,
      `  ceiling:    ${ceiling.toFixed(2)}x throughput from a second thread (2.00x = perfect scaling)`,
    ].join('\n') + '\n',
  );
}
