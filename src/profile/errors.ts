// The one error type profile reading throws: a file that is not a readable profile.
// Its message is a single line naming the file and the position of the problem.

/** A profile file that cannot be read: wrong format, truncated, corrupt or too large. */
export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
  /** The file name (or the name the caller gave the bytes). */
  readonly file: string;
  /** The reason, without the file name, e.g. `offset 0x1f: truncated float`. */
  readonly reason: string;

  constructor(file: string, reason: string) {
    const oneLine = singleLine(reason);
    super(`${singleLine(file)}: ${oneLine}`);
    this.file = file;
    this.reason = oneLine;
  }
}

/** Control characters and newlines from hostile input must never break the one-line promise. */
function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

/** A short, printable excerpt of untrusted text for an error message. */
export function excerpt(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
