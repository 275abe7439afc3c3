// V8 settings for the processes hotspy owns (the CLI, its worker threads, the benchmarks). The
// library never calls this: V8 flags are process-wide and belong to whoever owns the process.
import v8 from 'node:v8';

/**
 * Turn off allocation-site pretenuring. From what survived earlier collections V8 may start
 * allocating some literal sites straight in the old generation; for hotspy, whose trees live for
 * one file, that guess is wrong and costly: once it flips (it did after a run of parses), every
 * scavenge has old-to-new pointers to follow and the stdlib check spent 0.5 s instead of 0.08 s
 * in GC (measured in one process, warm, 2.6 s vs 1.4 s CPU).
 */
export function tuneV8ForAnalysis(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
