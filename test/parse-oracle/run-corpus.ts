// Command-line front of the corpus oracle, for whoever works on the parser:
//   node dist/test/parse-oracle/run-corpus.js                    the whole corpus (all groups)
//   node dist/test/parse-oracle/run-corpus.js --groups stdlib,snippets
//   node dist/test/parse-oracle/run-corpus.js FILE...            just these files, each mismatch in full
//   node dist/test/parse-oracle/run-corpus.js --mutants 2000 [SEED]
//                               mutated stdlib files (dist/parse-oracle-mutants/): error lines
// Prints the summary and writes every mismatch to dist/parse-oracle-mismatches.txt. Exit 1 on mismatch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../../src/util/package-root.js';
import { makeMutants } from './mutants.js';
import { corpusRoots, pythonFiles } from './pythons.js';
import {
  AGREEING,
  applyKnown,
  compareCorpus,
  corpusGroups,
  mismatchLine,
  readKnownDifferences,
  renderReport,
  summarize,
  type CorpusGroup,
  type FileReport,
} from './corpus.js';

export const MISMATCH_FILE = packageFile('dist', 'parse-oracle-mismatches.txt');

export interface CorpusRun {
  groups: CorpusGroup[];
  reports: FileReport[];
  stale: string[];
  text: string;
}

/** Runs the comparison, writes the mismatch file, and returns the rendered report. */
export async function runCorpus(groups: CorpusGroup[], cap = 50): Promise<CorpusRun> {
  const { reports, timing } = await compareCorpus(groups);
  const stale = applyKnown(reports, readKnownDifferences());
  const summaries = summarize(groups, reports);
  let text = renderReport(summaries, reports, cap);
  if (stale.length) text += `\nstale known-differences entries (these files agree now; delete them): ${stale.join(', ')}`;
  const bad = reports.filter((r) => !AGREEING.has(r.outcome));
  fs.mkdirSync(path.dirname(MISMATCH_FILE), { recursive: true });
  fs.writeFileSync(
    MISMATCH_FILE + '.tmp',
    `# parser oracle mismatches (${bad.length}); group file:line [outcome] detail\n` +
      bad.map((r) => mismatchLine(r, true) + (r.known ? `  (known: ${r.known})` : '')).join('\n') +
      '\n',
  );
  fs.renameSync(MISMATCH_FILE + '.tmp', MISMATCH_FILE);
  text += `\nfull mismatch list: ${MISMATCH_FILE}`;
  // Informational only (never a pass/fail criterion): what the check costs, for CI budgeting.
  text += `\ncost: ${timing.wallSeconds.toFixed(1)} s wall; CPU ${timing.hotspyCpuSeconds.toFixed(1)} s hotspy side, ${timing.pythonCpuSeconds.toFixed(1)} s CPython side`;
  text += `\nCPython run on ${timing.cpythonRuns} files now; ${timing.cached} agreeing verdicts from the local cache (.hotspy-cache/parse-oracle, HOTSPY_ORACLE_CACHE=0 to disable)`;
  return { groups, reports, stale, text };
}

async function main(argv: string[]): Promise<void> {
  let groups: CorpusGroup[];
  let cap = 50;
  if (argv[0] === '--mutants') {
    const roots = corpusRoots();
    const dir = packageFile('dist', 'parse-oracle-mutants');
    const files = makeMutants(pythonFiles(roots.stdlib, roots.sitePackages), Number(argv[1] ?? 1000), dir, Number(argv[2] ?? 1));
    groups = [{ name: 'mutants', root: dir, files }];
  } else if (argv[0] === '--groups') {
    groups = corpusGroups(argv[1]?.split(',') ?? []);
  } else if (argv.length > 0) {
    groups = [{ name: 'files', root: process.cwd(), files: argv.map((f) => path.resolve(f)) }];
    cap = Infinity;
  } else {
    groups = corpusGroups();
  }
  const run = await runCorpus(groups, cap);
  process.stdout.write(run.text + '\n');
  if (run.reports.some((r) => !AGREEING.has(r.outcome) && !r.known) || run.stale.length) process.exitCode = 1;
}

// `node --test dist/` runs every file under a test/ folder; only a direct run is the command.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && !process.env.NODE_TEST_CONTEXT) {
  await main(process.argv.slice(2));
}
