// A cheap first test for "is this one of these names?": a Set lookup hashes the name (a fresh
// string per parsed identifier, so the hash is never cached), this compares two bits. Most
// names asked about are not in the set, and fail here.

const LENGTHS = 32;

/** The (length, first character) pairs of a set of names, as bits. */
export class NameScreen {
  private readonly bits = new Uint32Array(LENGTHS);

  add(name: string): void {
    this.bits[name.length & (LENGTHS - 1)]! |= 1 << (name.charCodeAt(0) & 31);
  }

  /** False when `name` is surely not among the added names; true when it may be. */
  mayHave(name: string): boolean {
    return (this.bits[name.length & (LENGTHS - 1)]! & (1 << (name.charCodeAt(0) & 31))) !== 0;
  }
}
