// Runs a Python program under cProfile and hotspy's line sampler (python/hotspy_run.py), with
// the program's stdin/stdout/stderr untouched, signals forwarded, and its exit status returned.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageFile } from '../../util/package-root.js';
import { waitForChild } from './child.js';
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

  const child = spawn(target.python, argv, { cwd, env: options.env ?? process.env, stdio: 'inherit' });
  const exit = await waitForChild(child, {
    ...(options.onTick ? { onTick: options.onTick } : {}),
    onSpawnError: (err) =>
      err.code === 'ENOENT'
        ? new RunError(`${target.python}: Python interpreter not found (choose one with --python)`)
        : new RunError(`${target.python}: cannot start: ${err.message}`),
  });
  const result: RunProfiledResult = {
    ...exit,
    requested: samplesPath ? { profile: profilePath, samples: samplesPath } : { profile: profilePath },
  };
  if (fs.existsSync(profilePath)) result.profile = profilePath;
  if (samplesPath && fs.existsSync(samplesPath)) result.samples = samplesPath;
  return result;
}
