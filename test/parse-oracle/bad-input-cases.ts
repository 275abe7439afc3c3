// Hostile inputs for the parser API and `hotspy ast`, generated on demand (some are megabytes).
// bad-input-child.ts parses one by name in a child process, so a hang becomes a killed child.

/** Deterministic bytes, so a failing case reproduces. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Each case as the bytes of a file. */
export const BAD_INPUTS: Record<string, () => Uint8Array> = {
  'empty file': () => new Uint8Array(0),
  'binary garbage': () => pseudoRandomBytes(200_000, 7),
  'binary garbage without NUL bytes': () => pseudoRandomBytes(200_000, 11).map((b) => b || 1),
  'NUL byte in the middle': () => utf8('x = 1\ny = 2\0\nz = 3\n'),
  'invalid UTF-8': () => Uint8Array.from([...utf8('x = 1\ny = "'), 0xff, 0xfe, ...utf8('"\n')]),
  'truncated UTF-8 sequence at the end': () => Uint8Array.from([...utf8('x = "caf'), 0xc3]),
  'huge single line (3 MB list)': () => utf8('x = [' + '1, '.repeat(1_000_000) + ']\n'),
  'huge single string literal (5 MB)': () => utf8('x = "' + 'a'.repeat(5_000_000) + '"\n'),
  '10k nested parentheses': () => utf8('x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '\n'),
  '10k unclosed parentheses': () => utf8('x = ' + '('.repeat(10_000) + '\n'),
  '100k chained additions': () => utf8('x = ' + '1 + '.repeat(100_000) + '1\n'),
  '100k unary minus': () => utf8('x = ' + '-'.repeat(100_000) + '1\n'),
  '1k nested f-strings': () => utf8('x = ' + 'f"{'.repeat(1000) + '1' + '}"'.repeat(1000) + '\n'),
  '1k nested blocks (too deep)': () => utf8(Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'if x:\n').join('') + ' '.repeat(1000) + 'pass\n'),
  'unterminated triple-quoted string (1 MB)': () => utf8('x = """' + 'text\n'.repeat(200_000)),
  'only a line continuation': () => utf8('\\'),
  'lone surrogate escapes and odd unicode': () => utf8('x = "\\ud800"\ny = "\u2028\u2029\ufeff"\n\u00a0= 1\n'),
};
