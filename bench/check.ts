// `npm run bench` section: `hotspy check` over the machine's Python 3.11 stdlib, against the
// floor of only reading+decoding+parsing every file; single-threaded and on all cores.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { checkPaths } from '../src/analyze/check-paths.js';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { parse } from '../src/parse/index.js';
import { decodePythonSource } from '../src/source/decode.js';
import { stdlibPath } from '../test/corpus.js';
import { buildSemanticModel } from '../src/semantic/index.js';
import { walk } from '../src/analyze/walk.js';

export const title = 'check: stdlib corpus, parse floor vs all rules, 1 thread vs all cores';

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** CPU time of this process (all threads), ms: steadier than wall time on a busy machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function run(): Promise<void> {
  const cores = os.availableParallelism();
  const root = stdlibPath();
  if (!root) throw new Error('no Python 3.11 stdlib found on this machine');
  const files = discoverPythonFiles([root]).files;
  const target = { targetVersion: { major: 3 as const, minor: 11 } };

  // Warm the JIT on a slice of the corpus so the first measurement is not penalised.
  for (const f of files.slice(0, 150)) {
    const d = decodePythonSource(fs.readFileSync(f));
    if (d.ok) parse(d.text, target);
  }

  let t = performance.now();
  let c = cpu();
  let lines = 0;
  for (const f of files) {
    const d = decodePythonSource(fs.readFileSync(f));
    if (!d.ok) continue;
    lines += parse(d.text, target).lines.lineCount;
  }
  const floor = performance.now() - t;
  const floorCpu = cpu() - c;

  // Where the time goes beyond the floor (CPU, one thread): the semantic model and the bare walk.
  const texts = files.flatMap((f) => {
    const d = decodePythonSource(fs.readFileSync(f));
    return d.ok ? [d.text] : [];
  });
  c = cpu();
  for (const text of texts) buildSemanticModel(parse(text, target).module, { source: text });
  const semanticCpu = cpu() - c;
  c = cpu();
  for (const text of texts) walk(parse(text, target).module, { enter: {}, exit: {} });
  const walkCpu = cpu() - c;

  t = performance.now();
  c = cpu();
  const single = await checkPaths([root], { ...target, jobs: 1 });
  const one = performance.now() - t;
  const oneCpu = cpu() - c;

  t = performance.now();
  c = cpu();
  const multi = await checkPaths([root], { ...target, jobs: cores });
  const all = performance.now() - t;
  const allCpu = cpu() - c;

  if (multi.findings.length !== single.findings.length) throw new Error(`threads changed the result: ${multi.findings.length} vs ${single.findings.length} findings`);
  process.stdout.write(
    [
      `  corpus: ${root} (${single.filesChecked} files, ${single.lines.toLocaleString('en-US')} lines; ${single.ruleCodes.length} rules)`,
      `  load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cores} cores (wall times are only meaningful on an idle machine)`,
      `  read+decode+parse floor (1 thread): ${fmt(floor)} wall, ${fmt(floorCpu)} CPU  (${Math.round(lines / (floor / 1000)).toLocaleString('en-US')} lines/s)`,
      `  check, all rules, 1 thread:         ${fmt(one)} wall, ${fmt(oneCpu)} CPU  (${Math.round(single.lines / (one / 1000)).toLocaleString('en-US')} lines/s)`,
      `  parse + semantic model:             ${fmt(semanticCpu)} CPU (${(semanticCpu / floorCpu).toFixed(2)}x floor)`,
      `  parse + bare walk (no handlers):    ${fmt(walkCpu)} CPU (${(walkCpu / floorCpu).toFixed(2)}x floor)`,
      `  ratio check / floor:                ${(one / floor).toFixed(2)}x wall, ${(oneCpu / floorCpu).toFixed(2)}x CPU   (target <= 1.5x)`,
      `  check, ${cores} worker threads:          ${fmt(all)}  (${Math.round(single.lines / (all / 1000)).toLocaleString('en-US')} lines/s)`,
      `  speed-up ${cores} threads vs 1:           ${(one / all).toFixed(2)}x   (target >= 1.7x on 2 cores)`,
      `  CPU spent on ${cores} threads vs 1:       ${fmt(allCpu)} vs ${fmt(oneCpu)} (${(allCpu / oneCpu).toFixed(2)}x: the threads' overhead; on an idle machine the speed-up is at most ${cores} / this)`,
      `  findings: ${single.findings.length}; files with syntax errors: ${new Set(single.syntaxErrors.map((e) => e.file)).size}; skipped: ${single.skipped.length}`,
    ].join('\n') + '\n',
  );
}
