// Loads what a profiled run left behind: the profile itself and, beside a cProfile file written
// by `hotspy profile`, its line-samples file (`out.prof` + `out.samples.jsonl`), with the
// sampler's run-wide CPU figures attached for the verdict.
import fs from 'node:fs';
import type { Profile } from '../model.js';
import { readProfileFile } from '../readers/index.js';
import { samplesPathFor } from './run-profiled.js';

export interface LoadRunOptions {
  /** Reader id to use instead of detection (`--input-format`). */
  format?: string;
  /**
   * The line-samples file: a path, `false` for none, or undefined to use the one `hotspy profile`
   * writes beside the profile when it exists and was written by the same run.
   */
  samples?: string | false;
}

export interface LoadedRun {
  profile: Profile;
  lineSamples?: Profile;
  samplesPath?: string;
}

/** Files of one run are written within moments of each other; a much older one is stale. */
const SAME_RUN_SECONDS = 30;

export function loadRun(profilePath: string, options: LoadRunOptions = {}): LoadedRun {
  const profile = readProfileFile(profilePath, options.format ? { format: options.format } : {});
  let samplesPath: string | undefined;
  if (typeof options.samples === 'string') samplesPath = options.samples;
  else if (options.samples === undefined && profile.format === 'cprofile') samplesPath = siblingSamples(profilePath);
  if (samplesPath === undefined) return { profile };
  const lineSamples = readProfileFile(samplesPath);
  return { profile, lineSamples, samplesPath };
}

function siblingSamples(profilePath: string): string | undefined {
  const candidate = samplesPathFor(profilePath);
  if (candidate === profilePath) return undefined;
  try {
    const a = fs.statSync(profilePath).mtimeMs;
    const b = fs.statSync(candidate).mtimeMs;
    return Math.abs(a - b) <= SAME_RUN_SECONDS * 1000 ? candidate : undefined;
  } catch {
    return undefined;
  }
}
