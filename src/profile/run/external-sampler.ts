// Runs a program under an external sampling profiler the user installed (Austin or py-spy)
// instead of cProfile, and says clearly when it is not installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForChild } from './child.js';
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

/** `austin -V` prints e.g. `austin 1.0.1`; 0 when it cannot be told. */
function austinMajorVersion(exe: string): number {
  const r = spawnSync(exe, ['-V'], { encoding: 'utf8', timeout: 5000 });
  const m = /(\d+)\.\d+/.exec(`${r.stdout ?? ''} ${r.stderr ?? ''}`);
  return m ? Number(m[1]) : 0;
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
  // Austin 3 marks idle samples in full mode; Austin 1.x/2.x full mode only adds memory columns,
  // so those versions run in plain wall-clock mode.
  const austinFull = options.sampler === 'austin' && austinMajorVersion(exe) >= 3;
  const argv =
    options.sampler === 'py-spy'
      ? ['record', '--format', 'speedscope', '--output', output, '--rate', String(Math.max(1, Math.round(1 / interval))), '--idle', '--', ...program]
      : // A generous start-up wait: Austin gives up on a Python that is slow to start (busy machine).
        ['--interval', String(Math.max(1, Math.round(interval * 1e6))), '--timeout', '2000', ...(austinFull ? ['--full'] : []), '--output', output, ...program];
  const child = spawn(exe, argv, { cwd, env, stdio: 'inherit' });
  const exit = await waitForChild(child, {
    ...(options.onTick ? { onTick: options.onTick } : {}),
    onSpawnError: (err) => new RunError(`${exe}: cannot start: ${err.message}`),
  });
  const result: ExternalRunResult = { ...exit, requested: { profile: output } };
  if (fs.existsSync(output) && fs.statSync(output).size > 0) result.profile = output;
  return result;
}
