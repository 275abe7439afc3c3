// Runs a Python program under cProfile and hotspy's line sampler (python/hotspy_run.py), with
// the program's stdin/stdout/stderr untouched, signals forwarded, and its exit status returned.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../../util/package-root.js';
import type { ProfileTarget } from './target.js';
import { targetStem } from './target.js';

export interface RunProfiledOptions {
  target: ProfileTarget;
  /** Where to write the cProfile stats; default `hotspy-<stem>.prof` in `cwd`. */
  output?: string;
  /** Record line samples beside the profile (default true). */
  lines?: boolean;
  /** Sampling interval in seconds (default 0.005). */
  interval?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called about once a second while the program runs, with the elapsed milliseconds. */
  onTick?: (elapsedMs: number) => void;
}

export interface RunProfiledResult {
  /** The exit code hotspy should exit with: the program's, or 128 + signal number. */
  exitCode: number;
  /** The signal that ended the program, if one did. */
  signal: NodeJS.Signals | null;
  elapsedMs: number;
  /** The written cProfile file, or undefined when the program left none (killed, os._exit). */
  profile?: string;
  /** The written line-samples file, when line sampling was on and it was written. */
  samples?: string;
  /** The paths hotspy asked for, written or not. */
  requested: { profile: string; samples?: string };
}

export class RunError extends Error {
  override readonly name = 'RunError';
}

export const DEFAULT_INTERVAL = 0.005;

/** `out.prof` → `out.samples.jsonl`; any other name gets `.samples.jsonl` appended. */
export function samplesPathFor(profilePath: string): string {
  return profilePath.replace(/\.(prof|pstats|cprof|profile|stats)$/i, '') + '.samples.jsonl';
}

export function defaultProfilePath(target: ProfileTarget, cwd: string): string {
  return path.join(cwd, `hotspy-${targetStem(target)}.prof`);
}

export async function runProfiled(options: RunProfiledOptions): Promise<RunProfiledResult> {
  const cwd = options.cwd ?? process.cwd();
  const target = options.target;
  const profilePath = path.resolve(cwd, options.output ?? defaultProfilePath(target, cwd));
  const lines = options.lines ?? true;
  const samplesPath = lines ? samplesPathFor(profilePath) : undefined;
  const interval = options.interval ?? DEFAULT_INTERVAL;
  if (!(interval > 0 && interval < 10)) throw new RunError(`sampling interval must be between 0 and 10 seconds, got ${interval}`);
  const dir = path.dirname(profilePath);
  if (!fs.existsSync(dir)) throw new RunError(`${profilePath}: directory ${dir} does not exist`);
  // A stale file from an earlier run must never pass for this run's result.
  for (const stale of [profilePath, samplesPath]) if (stale) fs.rmSync(stale, { force: true });

  const bootstrap = packageFile('python', 'hotspy_run.py');
  const argv = [...target.pythonOptions, bootstrap, '--prof', profilePath];
  if (samplesPath) argv.push('--samples', samplesPath, '--interval', String(interval));
  argv.push('--');
  if (target.module !== undefined) argv.push('-m', target.module);
  else argv.push(target.script!);
  argv.push(...target.args);

  const started = Date.now();
  const child = spawn(target.python, argv, { cwd, env: options.env ?? process.env, stdio: 'inherit' });

  // On a terminal, Ctrl-C reaches the whole foreground process group, the program included; only
  // when hotspy alone got the signal (no terminal) is it passed on, so the program sees it once.
  const fromTerminal = process.stdin.isTTY === true;
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal === 'SIGINT' && fromTerminal) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const timer = options.onTick ? setInterval(() => options.onTick!(Date.now() - started), 1000) : undefined;

  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') reject(new RunError(`${target.python}: Python interpreter not found (choose one with --python)`));
        else reject(new RunError(`${target.python}: cannot start: ${err.message}`));
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const result: RunProfiledResult = {
      exitCode: code ?? (signal ? 128 + signalNumber(signal) : 1),
      signal,
      elapsedMs: Date.now() - started,
      requested: samplesPath ? { profile: profilePath, samples: samplesPath } : { profile: profilePath },
    };
    if (fs.existsSync(profilePath)) result.profile = profilePath;
    if (samplesPath && fs.existsSync(samplesPath)) result.samples = samplesPath;
    return result;
  } finally {
    if (timer) clearInterval(timer);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return os.constants.signals[signal] ?? 1;
}
