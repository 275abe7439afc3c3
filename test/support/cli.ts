// Running the built `hotspy` CLI from end-to-end tests: as a child process, without colours,
// with a time limit, collecting its exit code and output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { packageFile } from '../../src/util/package-root.js';

export const CLI = packageFile('dist', 'src', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hotspy ARGS` in `cwd`; killed after `timeoutMs` (then `code` is null). */
export function runHotspy(args: string[], cwd: string, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON report `hotspy profile --format json` prints after whatever the program wrote to stdout. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reportJsonAfterProgramOutput(stdout: string): any {
  const start = stdout.indexOf('{\n  "version"');
  assert.ok(start >= 0, `no JSON report in:\n${stdout}`);
  return JSON.parse(stdout.slice(start));
}
