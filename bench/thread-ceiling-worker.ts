// Worker of the thread-ceiling bench: checks every given text `rounds` times, then exits; or,
// for the baseline, spins on integer arithmetic that touches no memory.
import { parentPort, workerData } from 'node:worker_threads';
import { checkSource } from '../src/analyze/check-source.js';

const data = workerData as { texts: string[]; rounds: number } | { spin: number };
if ('spin' in data) {
  let x = 0;
  for (let i = 0; i < data.spin; i++) x = (x + i * 7) | 0;
  parentPort?.postMessage(x); // the result is used, so the loop cannot be optimised away
} else {
  for (let r = 0; r < data.rounds; r++) for (const text of data.texts) checkSource(text, { targetVersion: { major: 3, minor: 11 } });
}
