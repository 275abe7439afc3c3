// Worker of the thread-ceiling bench: checks every given text `rounds` times, then exits.
import { workerData } from 'node:worker_threads';
import { checkSource } from '../src/analyze/check-source.js';

const { texts, rounds } = workerData as { texts: string[]; rounds: number };
for (let r = 0; r < rounds; r++) for (const text of texts) checkSource(text, { targetVersion: { major: 3, minor: 11 } });
