// Runs the CPython oracle (dump_ast.py) over many files with a small pool of Python processes,
// handing out paths as results come back and delivering each result as soon as it arrives, so
// neither side ever holds more than a few trees and Python works while hotspy parses.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { oracleDir } from './pythons.js';

export interface OracleError {
  lineno: number | null;
  offset: number | null;
  msg: string;
  type: string;
}

/** One file's verdict from CPython: the compact JSON text of its tree, or why it refused it. */
export type OracleResult = { path: string; tree: string; error?: undefined } | { path: string; tree?: undefined; error: OracleError };

export interface OracleOptions {
  /** Python processes to run at once (default 2). */
  workers?: number;
  /** Paths handed to one process ahead of its results (default 8). */
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
): Promise<void> {
  const script = path.join(oracleDir(), 'dump_ast.py');
  const workerCount = Math.max(1, Math.min(options.workers ?? 2, files.length || 1));
  const window = Math.max(1, options.window ?? 8);
  let next = 0;
  let done = 0;

  return new Promise<void>((resolve, reject) => {
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

    const handleLine = (w: Worker, line: string) => {
      const index = w.queue.shift();
      if (index === undefined) throw new Error(`oracle: unexpected output line: ${line.slice(0, 120)}`);
      const result = parseLine(line, files[index]!);
      onResult(result, index);
      done++;
    };

    const workers: Worker[] = [];
    for (let i = 0; i < workerCount; i++) {
      const child = spawn(python, [script, '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
            const line = w.parts.length ? Buffer.concat([...w.parts, piece]).toString('latin1') : piece.toString('latin1');
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
        if (workers.every((x) => x.child.exitCode !== null || x.child.signalCode !== null)) {
          if (done === files.length) resolve();
          else fail(new Error(`oracle: only ${done} of ${files.length} files came back`));
        }
      });
    }
    if (files.length === 0) {
      for (const w of workers) w.child.stdin.end();
    }
    for (const w of workers) refill(w);
  });
}

/** Splits `{"path":P,"tree":T}` without parsing T (it can be tens of megabytes). */
export function parseLine(line: string, expectedPath: string): OracleResult {
  const head = '{"path":';
  if (!line.startsWith(head)) throw new Error(`oracle: malformed line: ${line.slice(0, 120)}`);
  let p = head.length + 1;
  while (line.charCodeAt(p) !== 0x22) p += line.charCodeAt(p) === 0x5c ? 2 : 1;
  const filePath = JSON.parse(line.slice(head.length, p + 1)) as string;
  if (filePath !== expectedPath) throw new Error(`oracle: got ${filePath}, expected ${expectedPath}`);
  const rest = line.slice(p + 1);
  if (rest.startsWith(',"tree":')) return { path: filePath, tree: rest.slice(8, -1) };
  if (rest.startsWith(',"error":')) return { path: filePath, error: JSON.parse(rest.slice(9, -1)) as OracleError };
  throw new Error(`oracle: malformed line for ${filePath}: ${line.slice(0, 120)}`);
}
