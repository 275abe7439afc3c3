// The user-level cache of measurements, one JSON file per interpreter (executable path + version),
// under $XDG_CACHE_HOME/hotspy or ~/.cache/hotspy: never inside the checked project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { PythonInfo } from './python.js';

/** Bump when the measurement script changes what it measures, so old numbers are not reused. */
const CACHE_FORMAT = 1;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'hotspy');
}

function cacheFile(kind: string, python: PythonInfo, env?: NodeJS.ProcessEnv): string {
  const key = createHash('sha256').update(`${CACHE_FORMAT}\0${python.implementation}\0${python.version}\0${python.executable}`).digest('hex').slice(0, 16);
  return path.join(cacheDir(env), `measure-${kind}-${key}.json`);
}

export function readCached<T>(kind: string, python: PythonInfo, env?: NodeJS.ProcessEnv): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(cacheFile(kind, python, env), 'utf8')) as T;
  } catch {
    return undefined; // absent or damaged: measure again
  }
}

/** Best effort: an unwritable cache only costs a re-measurement next time. Written atomically. */
export function writeCached(kind: string, python: PythonInfo, value: unknown, env?: NodeJS.ProcessEnv): void {
  const file = cacheFile(kind, python, env);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file);
  } catch {
    // ignore: see above
  }
}
