// Child process of bench/profile-readers.ts: reads one profile file and reports time, CPU time
// and peak memory as JSON, in a fresh process so the peak belongs to this read alone.
import fs from 'node:fs';
import { readProfileFile } from '../src/profile/readers/index.js';

const file = process.argv[2]!;
const baselineRss = process.resourceUsage().maxRSS;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const profile = readProfileFile(file);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    bytes: fs.statSync(file).size,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    baselineRssMB: baselineRss / 1024,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    stacks: profile.samples?.stacks.length ?? 0,
    total: profile.total,
  }),
);
