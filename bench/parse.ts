// Parser speed on the real stdlib corpus, measured in one run: reading, hotspy's parse (MB/s,
// lines/s, peak RSS), linear scaling on a generated 5 MB file, and for reference tree-sitter's
// native parse (+ walk) when installed for the bench, and CPython 3.13's own `ast.parse`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parse } from '../src/parse/index.js';
import { decodePythonSource } from '../src/source/decode.js';
import { packageFile } from '../src/util/package-root.js';
import { corpusRoots, findPython, pythonFiles, ORACLE_VERSION } from '../test/parse-oracle/pythons.js';

export const title = 'parse: hotspy parser on the Python 3.11 stdlib';

const TIMED_PASSES = 3;
/** Where `npm run bench` looks for the optional tree-sitter install (see docs/dependencies.md). */
const TREE_SITTER_DIR = process.env.HOTSPY_TREE_SITTER_DIR ?? packageFile('.hotspy-cache', 'bench-deps');
const TREE_SITTER_INSTALL = `npm install --prefix .hotspy-cache/bench-deps tree-sitter@0.25.1 tree-sitter-python@0.25.0`;

interface Source {
  file: string;
  text: string;
  bytes: number;
  lines: number;
}

const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(34)} ${value}\n`);
const ms = (t: number) => `${t.toFixed(0)} ms`;
const mbs = (bytes: number, t: number) => `${(bytes / 1e6 / (t / 1000)).toFixed(1)} MB/s`;

/**
 * CPU milliseconds of this process since `since` (a process.cpuUsage() value). Times are CPU,
 * not wall: on a shared machine other processes inflate wall time, never our CPU time.
 */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

export async function run(): Promise<void> {
  const roots = corpusRoots();
  const files = pythonFiles(roots.stdlib, roots.sitePackages);

  // Read-only: bytes off the disk and decoded, exactly what parsing starts from.
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  line('load average before', `${load} on ${os.cpus().length} cores (times below are CPU time of one thread)`);
  const t0 = process.cpuUsage();
  const sources: Source[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    const decoded = decodePythonSource(bytes);
    if (!decoded.ok) continue;
    sources.push({ file, text: decoded.text, bytes: bytes.length, lines: countLines(bytes) });
  }
  const readTime = cpuMs(t0);
  const totalBytes = sources.reduce((n, s) => n + s.bytes, 0);
  const totalLines = sources.reduce((n, s) => n + s.lines, 0);
  line('corpus', `${sources.length} files, ${(totalBytes / 1e6).toFixed(1)} MB, ${totalLines} lines (${roots.stdlib})`);
  line('read + decode', ms(readTime));

  // hotspy: one warm-up pass (the JIT), then the best of a few timed passes. The tree only, as the
  // other parsers build it (no lists of nodes for the rules).
  let errorsSeen = 0;
  const hotspyPass = () => {
    const start = process.cpuUsage();
    let errors = 0;
    for (const s of sources) errors += parse(s.text, { filename: s.file, index: false }).errors.length > 0 ? 1 : 0;
    errorsSeen = errors;
    return cpuMs(start);
  };
  const cold = hotspyPass();
  const passes = Array.from({ length: TIMED_PASSES }, hotspyPass);
  const best = Math.min(...passes);
  line('hotspy parse, first pass', `${ms(cold)}  (${mbs(totalBytes, cold)})`);
  line(`hotspy parse, best of ${TIMED_PASSES}`, `${ms(best)}  ${mbs(totalBytes, best)}, ${Math.round(totalLines / (best / 1000)).toLocaleString('en')} lines/s, ${Math.round(sources.length / (best / 1000))} files/s`);
  line('files with syntax errors (hotspy)', String(errorsSeen));
  line('peak RSS so far (hotspy only)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  line('targets', `>= 20 MB/s (3x tree-sitter parse+walk), moonshot >= 40 MB/s; peak RSS < 300 MB`);

  scaling(sources);

  const treeSitter = treeSitterTimes(sources);
  if (treeSitter) {
    line('tree-sitter parse', `${ms(treeSitter.parse)}  ${mbs(totalBytes, treeSitter.parse)}`);
    line('tree-sitter parse + walk', `${ms(treeSitter.parseWalk)}  ${mbs(totalBytes, treeSitter.parseWalk)} (${treeSitter.nodes.toLocaleString('en')} nodes)`);
    line('hotspy vs tree-sitter parse+walk', `${(treeSitter.parseWalk / best).toFixed(2)}x faster (target >= 3x)`);
    line('hotspy vs tree-sitter parse only', `${(treeSitter.parse / best).toFixed(2)}x faster`);
  } else {
    line('tree-sitter', `not installed (optional, for this bench only: ${TREE_SITTER_INSTALL})`);
  }

  const cpython = cpythonParseTime(files);
  if (cpython !== undefined) {
    line(`CPython ${ORACLE_VERSION} ast.parse`, `${ms(cpython)}  ${mbs(totalBytes, cpython)}`);
    line(`hotspy vs CPython ast.parse`, `${(cpython / best).toFixed(2)}x faster`);
  } else {
    line(`CPython ${ORACLE_VERSION} ast.parse`, 'not found');
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/**
 * Parse time (best of 4) of generated 2 MB and 10 MB files (stdlib modules glued together): a
 * linear parser scales ~5x. (Below ~1 MB trees die young and parse faster per byte.)
 */
function scaling(sources: Source[]): void {
  const pieces = sources.filter((s) => parse(s.text).errors.length === 0 && s.text.endsWith('\n') && s.bytes < 200_000);
  const build = (size: number) => {
    let text = '';
    for (let i = 0; text.length < size; i++) text += pieces[i % pieces.length]!.text;
    return text;
  };
  const small = build(2_000_000);
  const large = build(10_000_000);
  const time = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 4; i++) {
      const start = process.cpuUsage();
      parse(text, { index: false });
      best = Math.min(best, cpuMs(start));
    }
    return best;
  };
  const tSmall = time(small);
  const tLarge = time(large);
  line('generated 2 MB / 10 MB file', `${ms(tSmall)} / ${ms(tLarge)}  (ratio ${(tLarge / tSmall).toFixed(2)}, linear ~${(large.length / small.length).toFixed(1)})`);
}

interface TreeSitterTimes {
  parse: number;
  parseWalk: number;
  nodes: number;
}

interface TsCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  nodeType: string;
}

interface TsParser {
  setLanguage(language: unknown): void;
  parse(text: string, old?: unknown, options?: { bufferSize?: number }): { walk(): TsCursor; delete?: () => void };
}

function treeSitterTimes(sources: Source[]): TreeSitterTimes | undefined {
  let Parser: new () => TsParser;
  let Python: unknown;
  try {
    const require = createRequire(path.join(TREE_SITTER_DIR, 'package.json'));
    Parser = require('tree-sitter') as new () => TsParser;
    Python = require('tree-sitter-python');
  } catch {
    return undefined;
  }
  const parser = new Parser();
  parser.setLanguage(Python);
  const options = (text: string) => ({ bufferSize: text.length * 2 + 16 });
  for (const s of sources.slice(0, 200)) parser.parse(s.text, undefined, options(s.text)); // warm-up
  let start = process.cpuUsage();
  for (const s of sources) parser.parse(s.text, undefined, options(s.text));
  const parseTime = cpuMs(start);
  let nodes = 0;
  let typeChars = 0;
  start = process.cpuUsage();
  for (const s of sources) {
    const cursor = parser.parse(s.text, undefined, options(s.text)).walk();
    // Depth-first over every node, reading its type: the least a rule engine would do.
    for (let done = false; !done; ) {
      nodes++;
      typeChars += cursor.nodeType.length;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
      }
    }
  }
  const parseWalk = cpuMs(start);
  if (typeChars === 0) throw new Error('tree-sitter walk read no node types');
  return { parse: parseTime, parseWalk, nodes };
}

/** CPython's own parse time (CPU) for the same files: one process, only `ast.parse` timed. */
function cpythonParseTime(files: string[]): number | undefined {
  const python = findPython(ORACLE_VERSION);
  if (!python) return undefined;
  const script = [
    'import ast, sys, time, warnings',
    'warnings.simplefilter("ignore")',
    'sources = [open(p, "rb").read() for p in sys.stdin.read().split("\\n") if p]',
    'start = time.process_time()',
    'for s in sources:',
    '    try: ast.parse(s)',
    '    except SyntaxError: pass',
    'print((time.process_time() - start) * 1000)',
  ].join('\n');
  const out = execFileSync(python, ['-c', script], { input: files.join('\n'), encoding: 'utf8' });
  return Number(out.trim());
}
