// Growing the typed arrays that hold per-node numbers (positions, packed kinds) by doubling.

/** A copy of `a` with twice its room. */
export function doubled(a: Float64Array): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(a.length * 2);
  grown.set(a);
  return grown;
}
