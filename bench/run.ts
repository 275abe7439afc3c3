// `npm run bench`: every benchmark section, in one run, so that ratios compare numbers measured
// on the same machine at the same moment. Timings live here, never in pass/fail tests.
// A section is a module in bench/ exporting `title` and `run()`; add it to the list below.
// Each section runs in a fresh process: what one section leaves in the heap (or teaches the JIT
// and the GC) must not change another's numbers — it did, by up to 15% on the check ratio.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tuneV8ForAnalysis } from '../src/util/v8-tuning.js';

export interface BenchSection {
  /** Shown as the section heading. */
  title: string;
  /** Runs the measurements and prints them; throws only on a real failure. */
  run(): Promise<void>;
}

const sections: Array<() => Promise<BenchSection>> = [
  () => import('./parse.js'),
  () => import('./check.js'),
  () => import('./thread-ceiling.js'),
  () => import('./semantic.js'),
  () => import('./profile-sampler.js'),
  () => import('./profile-readers.js'),
];

const SECTION_FLAG = '--section';

/** Run one section here (the child side). */
async function runSection(index: number): Promise<boolean> {
  // The settings the CLI runs with, so floor and check are measured as users run them.
  tuneV8ForAnalysis();
  const section = await sections[index]!();
  process.stdout.write(`\n## ${section.title}\n`);
  try {
    await section.run();
    return true;
  } catch (err) {
    process.stdout.write(`  FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    return false;
  }
}

/** Run every section whose title matches one of `only` (all when empty), each in a child process. */
async function runAll(only: string[]): Promise<boolean> {
  let ok = true;
  for (let i = 0; i < sections.length; i++) {
    const { title } = await sections[i]!();
    if (only.length > 0 && !only.some((word) => title.toLowerCase().includes(word.toLowerCase()))) continue;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), SECTION_FLAG, String(i)], { stdio: 'inherit' });
    if (child.status !== 0) ok = false;
  }
  return ok;
}

const args = process.argv.slice(2);
const ok = args[0] === SECTION_FLAG ? await runSection(Number(args[1])) : await runAll(args);
if (!ok) process.exitCode = 1;
