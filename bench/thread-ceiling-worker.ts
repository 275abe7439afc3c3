// Worker of the thread-ceiling bench: checks every given text `rounds` times, then exits; or,
// for the baselines, spins on integer arithmetic that touches no memory, or builds and drops
// small objects.
import { parentPort, workerData } from 'node:worker_threads';
import { checkSource } from '../src/analyze/check-source.js';
import type { CeilingWork } from './thread-ceiling.js';

const data = workerData as CeilingWork;
if ('spin' in data) {
  let x = 0;
  for (let i = 0; i < data.spin; i++) x = (x + i * 7) | 0;
  parentPort?.postMessage(x); // the result is used, so the loop cannot be optimised away
} else if ('allocate' in data) {
  let kept = 0;
  for (let r = 0; r < data.allocate; r++) {
    const objects: Array<{ k: number; v: { x: number; y: number[] } }> = [];
    for (let i = 0; i < 200_000; i++) objects.push({ k: i, v: { x: i, y: [i] } });
    kept += objects.length;
  }
  parentPort?.postMessage(kept);
} else {
  for (let r = 0; r < data.rounds; r++) for (const text of data.texts) checkSource(text, { targetVersion: { major: 3, minor: 11 } });
}
