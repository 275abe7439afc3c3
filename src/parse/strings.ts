// Decodes the text of string literal tokens into values: prefixes, quotes, escape sequences
// (including \N{...}), bytes, raw strings, f-string literal parts; newlines normalized like
// CPython's universal-newline source reading.

import { lookupUnicodeName } from './unicode-names.js';

export class StringDecodeError {
  constructor(readonly message: string, readonly offset: number) {}
}

export interface DecodedString {
  value: string | Uint8Array;
  isBytes: boolean;
  /** 'u' when the literal had a u/U prefix (Constant.kind), else null */
  kind: string | null;
}

/** Decodes a complete non-f string token src[start, end). Throws StringDecodeError on bad escapes. */
export function decodeStringToken(src: string, start: number, end: number): DecodedString {
  let p = start;
  let raw = false, bytes = false, u = false;
  for (;;) {
    const c = src.charCodeAt(p) | 0x20;
    if (c === 114) raw = true;
    else if (c === 98) bytes = true;
    else if (c === 117) u = true;
    else break;
    p++;
  }
  const quote = src.charCodeAt(p);
  const triple = end - p >= 6 && src.charCodeAt(p + 1) === quote && src.charCodeAt(p + 2) === quote;
  const q = triple ? 3 : 1;
  const bodyStart = p + q, bodyEnd = end - q;
  const kind = u ? 'u' : null;
  if (bytes) return { value: decodeBytes(src, bodyStart, bodyEnd, raw), isBytes: true, kind };
  return { value: decodeBody(src, bodyStart, bodyEnd, raw, false), isBytes: false, kind };
}

/** True when src[from, to) has nothing to decode (no backslash, no CR). */
function plain(src: string, from: number, to: number, braces: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 92 || c === 13) return false;
    if (braces && (c === 123 || c === 125)) return false;
  }
  return true;
}

/**
 * Decodes string body text. `fstringBraces`: collapse `{{`/`}}` (literal parts of f-strings).
 */
export function decodeBody(src: string, from: number, to: number, raw: boolean, fstringBraces: boolean): string {
  if (plain(src, from, to, fstringBraces)) return src.slice(from, to);
  let out = '';
  let run = from;
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === 13) {
      out += src.slice(run, i) + '\n';
      i += src.charCodeAt(i + 1) === 10 ? 2 : 1;
      run = i;
      continue;
    }
    if (fstringBraces && (c === 123 || c === 125) && src.charCodeAt(i + 1) === c) {
      out += src.slice(run, i + 1);
      i += 2;
      run = i;
      continue;
    }
    if (c !== 92) { i++; continue; }
    if (raw) { i++; continue; }
    out += src.slice(run, i);
    const d = src.charCodeAt(i + 1);
    i += 2;
    switch (d) {
      case 10: break;
      case 13: if (src.charCodeAt(i) === 10) i++; break;
      case 92: out += '\\'; break;
      case 39: out += "'"; break;
      case 34: out += '"'; break;
      case 97: out += '\x07'; break;
      case 98: out += '\b'; break;
      case 102: out += '\f'; break;
      case 110: out += '\n'; break;
      case 114: out += '\r'; break;
      case 116: out += '\t'; break;
      case 118: out += '\v'; break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: {
        let v = d - 48;
        let n = 1;
        while (n < 3 && i < to) {
          const e = src.charCodeAt(i);
          if (e < 48 || e > 55) break;
          v = v * 8 + e - 48; i++; n++;
        }
        out += String.fromCharCode(v);
        break;
      }
      case 120: out += String.fromCharCode(hexEscape(src, i, to, 2, 'x')); i += 2; break;
      case 117: out += String.fromCharCode(hexEscape(src, i, to, 4, 'u')); i += 4; break;
      case 85: {
        const v = hexEscape(src, i, to, 8, 'U');
        if (v > 0x10ffff) throw new StringDecodeError("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", i - 2);
        out += String.fromCodePoint(v); i += 8; break;
      }
      case 78: {
        if (src.charCodeAt(i) !== 123) throw new StringDecodeError("(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape", i - 2);
        let e = i + 1;
        while (e < to && src.charCodeAt(e) !== 125) e++;
        if (e >= to) throw new StringDecodeError("(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape", i - 2);
        const cp = lookupUnicodeName(src.slice(i + 1, e));
        if (cp === undefined) throw new StringDecodeError("(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name", i - 2);
        out += String.fromCodePoint(cp);
        i = e + 1;
        break;
      }
      default:
        // unknown escapes are kept verbatim (CPython warns)
        i -= 1;
        out += '\\';
    }
    run = i;
  }
  return out + src.slice(run, to);
}

function hexEscape(src: string, at: number, to: number, n: number, letter: string): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = at + k < to ? src.charCodeAt(at + k) : -1;
    let h: number;
    if (c >= 48 && c <= 57) h = c - 48;
    else if (c >= 97 && c <= 102) h = c - 87;
    else if (c >= 65 && c <= 70) h = c - 55;
    else throw new StringDecodeError(`(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${letter}${'X'.repeat(n)} escape`, at - 2);
    v = v * 16 + h;
  }
  return v;
}

function decodeBytes(src: string, from: number, to: number, raw: boolean): Uint8Array {
  const out: number[] = [];
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c >= 128) throw new StringDecodeError('bytes can only contain ASCII literal characters', i);
    if (c === 13) { out.push(10); i += src.charCodeAt(i + 1) === 10 ? 2 : 1; continue; }
    if (c !== 92) { out.push(c); i++; continue; }
    const d = src.charCodeAt(i + 1);
    if (raw) {
      out.push(92);
      i++;
      if (d === 13 || d === 10) continue;
      if (d >= 128) throw new StringDecodeError('bytes can only contain ASCII literal characters', i);
      out.push(d); i++;
      continue;
    }
    i += 2;
    switch (d) {
      case 10: break;
      case 13: if (src.charCodeAt(i) === 10) i++; break;
      case 92: out.push(92); break;
      case 39: out.push(39); break;
      case 34: out.push(34); break;
      case 97: out.push(7); break;
      case 98: out.push(8); break;
      case 102: out.push(12); break;
      case 110: out.push(10); break;
      case 114: out.push(13); break;
      case 116: out.push(9); break;
      case 118: out.push(11); break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: {
        let v = d - 48;
        let n = 1;
        while (n < 3 && i < to) {
          const e = src.charCodeAt(i);
          if (e < 48 || e > 55) break;
          v = v * 8 + e - 48; i++; n++;
        }
        out.push(v & 0xff);
        break;
      }
      case 120: {
        let v = 0;
        for (let k = 0; k < 2; k++) {
          const e = i + k < to ? src.charCodeAt(i + k) : -1;
          let h: number;
          if (e >= 48 && e <= 57) h = e - 48;
          else if (e >= 97 && e <= 102) h = e - 87;
          else if (e >= 65 && e <= 70) h = e - 55;
          else throw new StringDecodeError("(value error) invalid \\x escape at position " + (i - 2 - from), i - 2);
          v = v * 16 + h;
        }
        out.push(v); i += 2;
        break;
      }
      default:
        if (d >= 128) throw new StringDecodeError('bytes can only contain ASCII literal characters', i - 1);
        out.push(92);
        i -= 1;
    }
  }
  return Uint8Array.from(out);
}
