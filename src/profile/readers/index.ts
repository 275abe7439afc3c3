// Every profile reader, in detection order, and the entry points that read a profile from bytes
// or from a file. A test checks this list against the files in this folder.
import { ProfileLimitError } from '../builders.js';
import { ProfileFormatError } from '../errors.js';
import type { Profile } from '../model.js';
import { ProfileSource } from '../source.js';
import { austinReader } from './austin.js';
import { collapsedReader } from './collapsed.js';
import { cprofileReader } from './cprofile.js';
import { detectReader, type Detection } from './detect.js';
import { hotspySamplesReader } from './hotspy-samples.js';
import { pyinstrumentReader } from './pyinstrument.js';
import { scaleneReader } from './scalene.js';
import { speedscopeReader } from './speedscope.js';
import type { ProfileReader } from './types.js';

export type { Probe, ProfileReader, SniffResult } from './types.js';
export type { Detection } from './detect.js';

/** All readers. Order matters: earlier readers win when several say "mine". */
export const readers: readonly ProfileReader[] = [
  cprofileReader,
  hotspySamplesReader,
  speedscopeReader,
  pyinstrumentReader,
  scaleneReader,
  austinReader,
  collapsedReader,
];

export interface ReadProfileOptions {
  /** A reader id (`--input-format`): skip detection. */
  format?: string;
  /** Called with the detection result, e.g. to log it under `--verbose`. */
  onDetect?: (detection: Detection) => void;
}

/** Reads a profile of any supported format from bytes; `name` is used in errors and as a hint. */
export function readProfile(bytes: Uint8Array, name: string, opts: ReadProfileOptions = {}): Profile {
  return readSource(ProfileSource.fromBytes(bytes, name), opts);
}

/** Reads a profile file; line formats are streamed, others are loaded up to a size cap. */
export function readProfileFile(path: string, opts: ReadProfileOptions = {}): Profile {
  return readSource(ProfileSource.fromFile(path), opts);
}

/**
 * Runs one reader and checks what every reader promises: costs that are finite numbers. Sums of
 * huge but individually valid numbers can overflow to Infinity; that is a bad file, not a result.
 */
export function readWith(reader: ProfileReader, source: ProfileSource): Profile {
  let profile: Profile;
  try {
    profile = reader.read(source);
  } catch (err) {
    if (err instanceof ProfileLimitError) throw new ProfileFormatError(source.name, err.message);
    throw err;
  }
  for (const p of [profile, ...(profile.related ?? [])]) {
    const bad = !Number.isFinite(p.total) || p.functions.some((f) => !Number.isFinite(f.self) || !Number.isFinite(f.total)) || (p.lines ?? []).some((l) => !Number.isFinite(l.self) || !Number.isFinite(l.total));
    if (bad) throw new ProfileFormatError(source.name, `${p.metric} costs add up beyond the range of numbers (total ${p.total})`);
  }
  return profile;
}

/** Reads from a prepared source (detection, then the chosen reader). */
export function readSource(source: ProfileSource, opts: ReadProfileOptions = {}): Profile {
  const detection = detectReader(source, readers, opts.format);
  opts.onDetect?.(detection);
  try {
    return readWith(detection.reader, source);
  } catch (err) {
    if (err instanceof ProfileFormatError) throw err;
    // Anything else escaping a reader is a bug in it, but the user still gets one line naming
    // the file rather than a stack trace; RangeError covers engine limits (string/array size).
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new ProfileFormatError(source.name, `cannot read as ${detection.reader.id}: ${reason}`);
  }
}
