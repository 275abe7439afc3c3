// Runs a program under an external sampling profiler the user installed (Austin or py-spy)
// instead of cProfile, and says clearly when it is not installed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunError } from './run-profiled.js';
import type { ProfileTarget } from './target.js';
import { targetStem } from './target.js';

export type ExternalSampler = 'austin' | 'py-spy';

export interface ExternalRunOptions {
  sampler: ExternalSampler;
  target: ProfileTarget;
  output?: string;
  /** Sampling interval in seconds (default 0.005). */
  interval?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onTick?: (elapsedMs: number) => void;
}

export interface ExternalRunResult {
  /** The sampler's exit code (which tools may or may not take from the program). */
  exitCode: number;
  signal: NodeJS.Signals | null;
  elapsedMs: number;
  profile?: string;
  requested: { profile: string };
}

/** The full path of an executable on PATH, like `which`, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function externalOutputPath(sampler: ExternalSampler, target: ProfileTarget, cwd: string): string {
  const ext = sampler === 'austin' ? '.austin' : '.speedscope.json';
  return path.join(cwd, `hotspy-${targetStem(target)}${ext}`);
}

export async function runExternalSampler(options: ExternalRunOptions): Promise<ExternalRunResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const exe = findOnPath(options.sampler, env);
  if (!exe) {
    throw new RunError(
      `${options.sampler} is not installed (not found on PATH); install it or drop --sampler to use hotspy's own cProfile + line sampler`,
    );
  }
  const output = path.resolve(cwd, options.output ?? externalOutputPath(options.sampler, options.target, cwd));
  fs.rmSync(output, { force: true });
  const t = options.target;
  const program = [t.python, ...t.pythonOptions, ...(t.module !== undefined ? ['-m', t.module] : [t.script!]), ...t.args];
  const interval = options.interval ?? 0.005;
  const argv =
    options.sampler === 'py-spy'
      ? ['record', '--format', 'speedscope', '--output', output, '--rate', String(Math.max(1, Math.round(1 / interval))), '--idle', '--', ...program]
      : ['--interval', String(Math.max(1, Math.round(interval * 1e6))), '--full', '--output', output, ...program];
  const started = Date.now();
  const child = spawn(exe, argv, { cwd, env, stdio: 'inherit' });
  const timer = options.onTick ? setInterval(() => options.onTick!(Date.now() - started), 1000) : undefined;
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err) => reject(new RunError(`${exe}: cannot start: ${err.message}`)));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const result: ExternalRunResult = {
      exitCode: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1),
      signal,
      elapsedMs: Date.now() - started,
      requested: { profile: output },
    };
    if (fs.existsSync(output) && fs.statSync(output).size > 0) result.profile = output;
    return result;
  } finally {
    if (timer) clearInterval(timer);
  }
}
