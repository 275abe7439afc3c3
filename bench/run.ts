// `npm run bench`: every benchmark section, in one run, so that ratios compare numbers measured
// on the same machine at the same moment. Timings live here, never in pass/fail tests.
// A section is a module in bench/ exporting `title` and `run()`; add it to the list below.

export interface BenchSection {
  /** Shown as the section heading. */
  title: string;
  /** Runs the measurements and prints them; throws only on a real failure. */
  run(): Promise<void>;
}

import { tuneV8ForAnalysis } from '../src/util/v8-tuning.js';

const sections: Array<() => Promise<BenchSection>> = [() => import('./parse.js'), () => import('./check.js'), () => import('./thread-ceiling.js'), () => import('./semantic.js'), () => import('./profile-sampler.js'), () => import('./profile-readers.js')];

async function main(): Promise<void> {
  // The settings the CLI runs with, so floor and check are measured as users run them.
  tuneV8ForAnalysis();
  const only = process.argv.slice(2);
  let failed = false;
  for (const load of sections) {
    const section = await load();
    if (only.length > 0 && !only.some((word) => section.title.toLowerCase().includes(word.toLowerCase()))) continue;
    process.stdout.write(`\n## ${section.title}\n`);
    try {
      await section.run();
    } catch (err) {
      failed = true;
      process.stdout.write(`  FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (sections.length === 0) process.stdout.write('no benchmark sections registered yet\n');
  if (failed) process.exitCode = 1;
}

await main();
