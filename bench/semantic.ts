// `npm run bench` section: the semantic model against the parse it sits on, over the machine's
// Python 3.11 stdlib (test/ excluded to keep the trees in memory), in CPU time. The model is lazy
// (nothing is computed until asked), so it is measured at its worst: every Name of every file
// resolved and every Call's loop asked, which binds every scope and locates every statement.
import fs from 'node:fs';
import { discoverPythonFiles } from '../src/discover/discover.js';
import { parse } from '../src/parse/index.js';
import type { Module, Node, Name, Call } from '../src/parse/ast.js';
import { buildSemanticModel } from '../src/semantic/index.js';
import { forEachChild } from '../src/semantic/node-kinds.js';
import { decodePythonSource } from '../src/source/decode.js';
import { stdlibPath } from '../test/corpus.js';

export const title = 'semantic: every name resolved and every call located vs parse (CPU time, stdlib without test/)';

/** CPU milliseconds of this process (less sensitive than wall time to other load on the machine). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The Names and Calls of a module (collected outside the timed part). */
function namesAndCalls(module: Module): { names: Name[]; calls: Call[] } {
  const names: Name[] = [];
  const calls: Call[] = [];
  const stack: Node[] = [module];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n._type === 'Name') names.push(n);
    else if (n._type === 'Call') calls.push(n);
    forEachChild(n, (c) => stack.push(c));
  }
  return { names, calls };
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
  let counts = { names: 0, calls: 0 };
  // Three rounds, best of each: the first round also pays for JIT warm-up.
  for (let round = 0; round < 3; round++) {
    let t = cpuMs();
    const parsed = texts.map((text) => parse(text));
    const parseMs = cpuMs() - t;
    const work = parsed.map((p) => ({ p, ...namesAndCalls(p.module) }));
    counts = { names: 0, calls: 0 };
    t = cpuMs();
    for (const { p, names, calls } of work) {
      const model = buildSemanticModel(p.module);
      for (const name of names) model.resolveName(name);
      for (const call of calls) model.loopOf(call);
      counts.names += names.length;
      counts.calls += calls.length;
    }
    const semanticMs = cpuMs() - t;
    best = { parse: Math.min(best.parse, parseMs), semantic: Math.min(best.semantic, semanticMs) };
  }
  process.stdout.write(`  files: ${texts.length}; names resolved: ${counts.names.toLocaleString('en-US')}; calls located: ${counts.calls.toLocaleString('en-US')}\n`);
  process.stdout.write(`  parse (best of 3):                ${best.parse.toFixed(0)} ms CPU\n`);
  process.stdout.write(`  semantic, everything asked (best): ${best.semantic.toFixed(0)} ms CPU\n`);
  process.stdout.write(`  semantic / parse:                 ${(best.semantic / best.parse).toFixed(2)}\n`);
}
