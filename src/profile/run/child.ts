// Waits for a child process that shares hotspy's terminal: passes termination signals on to it
// (Ctrl-C only when no terminal delivered it already), reports progress, and returns its exit
// status in the shape a shell would (128 + signal number when a signal ended it).
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';

export interface ChildExit {
  /** The exit code to pass on: the child's, or 128 + the number of the signal that ended it. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  elapsedMs: number;
}

export async function waitForChild(
  child: ChildProcess,
  options: { onTick?: (elapsedMs: number) => void; onSpawnError: (err: NodeJS.ErrnoException) => Error },
): Promise<ChildExit> {
  const started = Date.now();
  // On a terminal, Ctrl-C reaches the whole foreground process group, the program included; only
  // when hotspy alone got the signal (no terminal) is it passed on, so the program sees it once.
  const fromTerminal = process.stdin.isTTY === true;
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = () => {
      if (signal === 'SIGINT' && fromTerminal) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const onTick = options.onTick;
  const timer = onTick ? setInterval(() => onTick(Date.now() - started), 1000) : undefined;
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) => reject(options.onSpawnError(err)));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    return {
      exitCode: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1),
      signal,
      elapsedMs: Date.now() - started,
    };
  } finally {
    if (timer) clearInterval(timer);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
