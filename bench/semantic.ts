// `npm run bench` section: the semantic model's build cost against the parse it sits on, over the
// machine's Python 3.11 stdlib (test/ excluded to keep the trees in memory), in CPU time.
import fs from 'node:fs';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { parse } from '../src/parse/index.js';
import type { Module } from '../src/parse/ast.js';
import { buildSemanticModel } from '../src/semantic/index.js';
import { decodePythonSource } from '../src/source/decode.js';
import { stdlibPath } from '../test/corpus.js';

export const title = 'semantic: model build vs parse (CPU time, stdlib without test/)';

/** CPU milliseconds of this process (less sensitive than wall time to other load on the machine). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function run(): Promise<void> {
  const root = stdlibPath();
  if (!root) throw new Error('no Python 3.11 stdlib found on this machine');
  const texts: string[] = [];
  for (const f of discoverPythonFiles([root]).files) {
    if (f.includes('/test/')) continue;
    const d = decodePythonSource(fs.readFileSync(f));
    if (d.ok) texts.push(d.text);
  }
  let best = { parse: Infinity, semantic: Infinity };
  // Three rounds, best of each: the first round also pays for JIT warm-up.
  for (let round = 0; round < 3; round++) {
    let t = cpuMs();
    const modules: Module[] = texts.map((text) => parse(text).module);
    const parseMs = cpuMs() - t;
    t = cpuMs();
    for (const m of modules) buildSemanticModel(m);
    const semanticMs = cpuMs() - t;
    best = { parse: Math.min(best.parse, parseMs), semantic: Math.min(best.semantic, semanticMs) };
  }
  process.stdout.write(`  files: ${texts.length}\n`);
  process.stdout.write(`  parse (best of 3):    ${best.parse.toFixed(0)} ms CPU\n`);
  process.stdout.write(`  semantic (best of 3): ${best.semantic.toFixed(0)} ms CPU\n`);
  process.stdout.write(`  semantic / parse:     ${(best.semantic / best.parse).toFixed(2)}\n`);
}
