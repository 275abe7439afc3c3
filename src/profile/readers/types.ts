// The contract every profile reader implements, and the probe that sniffers look at.
import type { Profile } from '../model.js';
import type { ProfileSource } from '../source.js';

/** A sniffer's answer: certainly this format, possibly, or certainly not. */
export type SniffResult = 'mine' | 'maybe' | 'no';

/** The cheap view of an input that sniffers get. Nothing here throws. */
export interface Probe {
  /** The file name (used only as a hint). */
  readonly name: string;
  /** The first bytes of the (decompressed) input. */
  readonly head: Uint8Array;
  /** The decoded start of the text. */
  headText(): string;
  /** The whole input parsed as JSON, or undefined if it is not JSON (parsed once, cached). */
  json(): unknown;
}

export interface ProfileReader {
  /** Stable id, used by `--input-format` and stored as `Profile.format`. */
  readonly id: string;
  readonly displayName: string;
  /** File-name endings that suggest this format (hints only; content decides). */
  readonly nameHints: readonly string[];
  /** Says whether the input looks like this format. Never throws. */
  sniff(probe: Probe): SniffResult;
  /** Reads the whole input, or throws ProfileFormatError naming the file and the position. */
  read(source: ProfileSource): Profile;
}
