// A cheap first test for "is this one of these names?": a Set lookup hashes the name (a fresh
// string per parsed identifier, so the hash is never cached), this compares two bits. Most
// names asked about are not in the set, and fail here. A name's screen code (its length and
// first character, in 10 bits) can be found ahead of time: the parser keeps each call's.

const LENGTHS = 32;

/** The (length, first character) pairs of a set of names, as bits. */
export class NameScreen {
  // a plain array: a typed array is an ArrayBuffer to allocate, and one screen is made per file
  private readonly bits: number[] = new Array<number>(LENGTHS).fill(0);

  add(name: string): void {
    const code = screenCode(name);
    this.bits[code >> 5]! |= 1 << (code & 31);
  }

  /** False when `name` is surely not among the added names; true when it may be. */
  mayHave(name: string): boolean {
    return this.mayHaveCode(screenCode(name));
  }

  /** `mayHave` for a name of screen code `code`. */
  mayHaveCode(code: number): boolean {
    return (this.bits[code >> 5]! & (1 << (code & 31))) !== 0;
  }
}

/** A name's screen code, 0 to 1023: its length (modulo 32) and the low bits of its first character. */
export function screenCode(name: string): number {
  return ((name.length & (LENGTHS - 1)) << 5) | (name.charCodeAt(0) & 31);
}
