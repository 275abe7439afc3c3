// Child process of bench/profile-readers.ts: reads one profile file and reports time, CPU time
// and peak memory as JSON, in a fresh process so the peak belongs to this read alone.
import fs from 'node:fs';
import { readProfileFile } from '../src/profile/readers/index.js';

/**
 * This process's peak resident memory, MB. Linux's `ru_maxrss` (what `resourceUsage().maxRSS`
 * reads) survives exec, so a child of a big parent would report the parent's peak; VmHWM does not.
 */
function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

const file = process.argv[2]!;
const baselineRss = peakRssMB();
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
    baselineRssMB: baselineRss,
    peakRssMB: peakRssMB(),
    stacks: profile.samples?.stacks.length ?? 0,
    total: profile.total,
  }),
);
