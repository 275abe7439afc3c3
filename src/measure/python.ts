// Finding and identifying the user's Python interpreter (`--python`, default `python3`): which
// executable it really is and its version, by running it once. Errors are one clear line.
import { spawnSync } from 'node:child_process';

export class MeasureError extends Error {}

export interface PythonInfo {
  /** `sys.executable` as the interpreter reports it. */
  executable: string;
  /** `CPython`, `PyPy`… */
  implementation: string;
  /** `3.11.7`. */
  version: string;
}

const PROBE = 'import sys, platform, json; print(json.dumps({"executable": sys.executable, "implementation": platform.python_implementation(), "version": platform.python_version()}))';

/** Run `python` to learn what it is; throws MeasureError when it cannot be run. */
export function identifyPython(python: string): PythonInfo {
  const run = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: 30_000 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'ETIMEDOUT' ? 'did not answer within 30 s' : run.error.message;
    throw new MeasureError(`cannot run Python "${python}": ${why} (give one with --python PATH)`);
  }
  if (run.status !== 0) throw new MeasureError(`Python "${python}" failed: ${firstLine(run.stderr) || `exit status ${run.status}`}`);
  try {
    const info = JSON.parse(run.stdout) as PythonInfo;
    if (typeof info.version !== 'string' || typeof info.executable !== 'string') throw new Error('missing fields');
    return info;
  } catch {
    throw new MeasureError(`"${python}" does not look like a Python interpreter (unexpected output: ${firstLine(run.stdout)})`);
  }
}

export function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n').pop()?.trim().slice(0, 200) ?? '';
}
