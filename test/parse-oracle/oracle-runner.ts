// Runs the CPython oracle (dump_ast.py) over many files with a small pool of Python processes,
// handing out paths as results come back and delivering each result as soon as it arrives, so
// neither side ever holds more than a few trees and Python works while hotspy parses.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oracleDir } from './pythons.js';

export interface OracleError {
  lineno: number | null;
  offset: number | null;
  msg: string;
  type: string;
}

/**
 * One file's verdict from CPython: the compact, ASCII-only JSON of its tree (as bytes: the trees
 * add up to gigabytes, never worth decoding to strings when they match), or why it refused it.
 */
export type OracleResult = { path: string; tree: Buffer; error?: undefined } | { path: string; tree?: undefined; error: OracleError };

/** What the oracle processes cost, for the run's summary. */
export interface OracleStats {
  /** CPU seconds of all Python processes together. */
  pythonCpuSeconds: number;
}

export interface OracleOptions {
  /** Python processes to run at once (default 2). */
  workers?: number;
  /** Paths handed to one process ahead of its results (default 32). */
  window?: number;
}

/**
 * Dumps every file with CPython and calls `onResult(result, index)` for each, in completion
 * order. `onResult` runs synchronously in the data handler: while it works, Python keeps going
 * until its pipe fills, which bounds memory.
 */
export function runOracle(
  python: string,
  files: readonly string[],
  onResult: (result: OracleResult, index: number) => void,
  options: OracleOptions = {},
): Promise<OracleStats> {
  const script = path.join(oracleDir(), 'dump_ast.py');
  const workerCount = Math.max(1, Math.min(options.workers ?? 2, files.length || 1));
  const window = Math.max(1, options.window ?? 32);
  // Trees travel through files, not the pipe: a pipe would make Python wait whenever hotspy is
  // busy parsing (the reader runs synchronously), serializing the two sides. At most `window`
  // files per process exist at once; each is deleted as soon as it is read.
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-oracle-'));
  const cleanup = () => fs.rmSync(tempDir, { recursive: true, force: true });
  let next = 0;
  let done = 0;

  const run = new Promise<OracleStats>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) w.child.kill();
      reject(err);
    };

    interface Worker {
      child: ChildProcessWithoutNullStreams;
      queue: number[];
      parts: Buffer[];
      stderr: string;
    }

    const refill = (w: Worker) => {
      let batch = '';
      while (w.queue.length < window && next < files.length) {
        w.queue.push(next);
        batch += files[next++] + '\n';
      }
      if (batch) w.child.stdin.write(batch);
      if (next >= files.length && !w.child.stdin.writableEnded) w.child.stdin.end();
    };

    const handleLine = (w: Worker, line: Buffer) => {
      const index = w.queue.shift();
      if (index === undefined) throw new Error(`oracle: unexpected output line: ${line.toString('latin1', 0, 120)}`);
      const result = parseLine(line, files[index]!);
      if ('treeFile' in result) {
        const tree = fs.readFileSync(result.treeFile);
        fs.unlinkSync(result.treeFile);
        onResult({ path: result.path, tree }, index);
        done++;
        return;
      }
      onResult(result as OracleResult, index);
      done++;
    };

    const workers: Worker[] = [];
    let closed = 0;
    for (let i = 0; i < workerCount; i++) {
      const outDir = path.join(tempDir, String(i));
      fs.mkdirSync(outDir);
      const child = spawn(python, [script, '--stdin', '--out-dir', outDir], { stdio: ['pipe', 'pipe', 'pipe'] });
      const w: Worker = { child, queue: [], parts: [], stderr: '' };
      workers.push(w);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (s: string) => {
        if (w.stderr.length < 10_000) w.stderr += s;
      });
      child.stdin.on('error', () => {
        // The process died; its exit handler reports why.
      });
      child.on('error', (err) => fail(new Error(`oracle: cannot run ${python}: ${err.message}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        if (failed) return;
        try {
          let start = 0;
          for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
            const piece = chunk.subarray(start, nl);
            const line = w.parts.length ? Buffer.concat([...w.parts, piece]) : piece;
            w.parts = [];
            start = nl + 1;
            handleLine(w, line);
          }
          if (start < chunk.length) w.parts.push(chunk.subarray(start));
          refill(w);
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
        }
      });
      child.on('close', (code, signal) => {
        if (failed) return;
        if (w.queue.length > 0 || code !== 0) {
          fail(new Error(`oracle: ${python} dump_ast.py stopped (exit ${code ?? signal}) with ${w.queue.length} files pending: ${w.stderr.trim().slice(-2000)}`));
          return;
        }
        // 'close' (not 'exit') comes after a process's output has been fully read.
        closed++;
        if (closed === workers.length) {
          const cpu = workers.reduce((sum, x) => sum + Number(/dump_ast\.py cpu ([\d.]+)/.exec(x.stderr)?.[1] ?? 0), 0);
          if (done === files.length) resolve({ pythonCpuSeconds: cpu });
          else fail(new Error(`oracle: only ${done} of ${files.length} files came back`));
        }
      });
    }
    if (files.length === 0) {
      for (const w of workers) w.child.stdin.end();
    }
    for (const w of workers) refill(w);
  });
  return run.finally(cleanup);
}

/** A line as written: the tree inline (as bytes), in a file, or CPython's refusal. */
export type OracleLine = OracleResult | { path: string; treeFile: string; tree?: undefined; error?: undefined };

/** Splits `{"path":P,"tree":T}` without parsing T (it can be tens of megabytes). */
export function parseLine(line: Buffer, expectedPath: string): OracleLine {
  const head = '{"path":';
  const text = line.toString('latin1', 0, Math.min(line.length, 4096 + expectedPath.length * 6));
  if (!text.startsWith(head)) throw new Error(`oracle: malformed line: ${text.slice(0, 120)}`);
  let p = head.length + 1;
  while (p < text.length && text.charCodeAt(p) !== 0x22) p += text.charCodeAt(p) === 0x5c ? 2 : 1;
  const filePath = JSON.parse(text.slice(head.length, p + 1)) as string;
  if (filePath !== expectedPath) throw new Error(`oracle: got ${filePath}, expected ${expectedPath}`);
  const rest = text.slice(p + 1);
  if (rest.startsWith(',"tree":')) return { path: filePath, tree: line.subarray(p + 1 + 8, line.length - 1) };
  if (rest.startsWith(',"tree_file":')) return { path: filePath, treeFile: JSON.parse(rest.slice(13, -1)) as string };
  if (rest.startsWith(',"error":')) return { path: filePath, error: JSON.parse(line.toString('latin1', p + 1 + 9, line.length - 1)) as OracleError };
  throw new Error(`oracle: malformed line for ${filePath}: ${text.slice(0, 120)}`);
}
