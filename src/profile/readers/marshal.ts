// A bounded reader of Python's `marshal` format (version 4, as written by CPython 3.4–3.13):
// the container of cProfile/profile/pstats files. Spec: shared/docs/profile-formats.md §1.3
// (CPython Python/marshal.c). Handles FLAG_REF/TYPE_REF back-references, every scalar and
// container type, and code objects (3.8–3.10 and 3.11–3.13 layouts, for `python -m profile`).
// Bounded: nesting depth limit, every length checked against the remaining bytes before
// allocating, no recursion beyond the depth limit. Errors carry the byte offset.

/** A decoded marshal value. Tuples and lists are arrays; the rest are tagged objects. */
export type MarshalValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | MarshalValue[]
  | MarshalDict
  | MarshalSet
  | MarshalCode
  | MarshalSpecial;

export interface MarshalDict {
  kind: 'dict';
  /** Key/value pairs in file (insertion) order; keys may be tuples, so no Map. */
  entries: Array<[MarshalValue, MarshalValue]>;
}
export interface MarshalSet {
  kind: 'set' | 'frozenset';
  items: MarshalValue[];
}
/** The parts of a code object a profile reader can show. */
export interface MarshalCode {
  kind: 'code';
  name: string;
  qualname: string | undefined;
  filename: string;
  firstlineno: number;
}
export interface MarshalSpecial {
  kind: 'ellipsis' | 'stopiteration' | 'complex';
  real?: number;
  imag?: number;
}

/** A marshal decoding failure at a byte offset. */
export class MarshalError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`offset ${offset} (0x${offset.toString(16)}): ${reason}`);
  }
}

export interface MarshalOptions {
  /** Maximum container nesting (CPython allows 2000; stats files need about 5). */
  maxDepth?: number;
  /** Require the value to end exactly at the end of the input (stats files do). */
  requireEnd?: boolean;
}

const FLAG_REF = 0x80;
const MAX_LONG_DIGITS = 64; // 960 bits; anything bigger is not a count or a line number
const PLACEHOLDER = Symbol('placeholder');

/** Decode one marshalled object from `bytes`. */
export function loadMarshal(bytes: Uint8Array, options: MarshalOptions = {}): MarshalValue {
  const reader = new MarshalReader(bytes, options.maxDepth ?? 200);
  const value = reader.readObject(0);
  if ((options.requireEnd ?? true) && reader.pos !== bytes.length) {
    throw new MarshalError(reader.pos, `${bytes.length - reader.pos} unexpected bytes after the end of the data`);
  }
  return value;
}

class MarshalReader {
  pos = 0;
  private readonly view: DataView;
  private readonly refs: Array<MarshalValue | typeof PLACEHOLDER> = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.bytes.length) {
      throw new MarshalError(this.pos, `truncated ${what} (needs ${n} bytes, ${this.bytes.length - this.pos} left)`);
    }
  }

  private u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  private i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A length/count: non-negative and at most what the remaining bytes could hold. */
  private size(what: string, minBytesEach: number): number {
    const at = this.pos;
    const n = this.i32(`${what} size`);
    if (n < 0) throw new MarshalError(at, `negative ${what} size ${n}`);
    if (n * minBytesEach > this.bytes.length - this.pos) {
      throw new MarshalError(at, `${what} size ${n} exceeds the remaining ${this.bytes.length - this.pos} bytes`);
    }
    return n;
  }

  readObject(depth: number): MarshalValue {
    if (depth > this.maxDepth) throw new MarshalError(this.pos, `nesting deeper than ${this.maxDepth} levels`);
    const at = this.pos;
    const code = this.u8('type code');
    const flag = (code & FLAG_REF) !== 0;
    const type = String.fromCharCode(code & ~FLAG_REF);
    // Containers reserve their reference slot before reading children (pre-order numbering).
    let slot = -1;
    const reserve = (): void => {
      if (flag) {
        slot = this.refs.length;
        this.refs.push(PLACEHOLDER);
      }
    };
    const done = <T extends MarshalValue>(value: T): T => {
      if (flag) {
        if (slot >= 0) this.refs[slot] = value;
        else this.refs.push(value);
      }
      return value;
    };

    switch (type) {
      case '0':
        throw new MarshalError(at, 'NULL object where a value was expected');
      case 'N':
        return done(null);
      case 'F':
        return done(false);
      case 'T':
        return done(true);
      case 'S':
        return done({ kind: 'stopiteration' });
      case '.':
        return done({ kind: 'ellipsis' });
      case 'i':
        return done(this.i32('int'));
      case 'I': {
        this.need(8, 'int64');
        const v = this.view.getBigInt64(this.pos, true);
        this.pos += 8;
        return done(toNumberIfSafe(v));
      }
      case 'l':
        return done(this.readLong(at));
      case 'g':
        return done(this.readBinaryFloat());
      case 'f':
        return done(this.readTextFloat(at));
      case 'y': {
        const real = this.readBinaryFloat();
        const imag = this.readBinaryFloat();
        return done({ kind: 'complex', real, imag });
      }
      case 'x': {
        const real = this.readTextFloat(at);
        const imag = this.readTextFloat(at);
        return done({ kind: 'complex', real, imag });
      }
      case 's': {
        const n = this.size('bytes', 1);
        const value = this.bytes.slice(this.pos, this.pos + n);
        this.pos += n;
        return done(value);
      }
      case 'u':
      case 't': {
        const n = this.size('string', 1);
        const value = decodeWtf8(this.bytes, this.pos, this.pos + n);
        this.pos += n;
        return done(value);
      }
      case 'a':
      case 'A': {
        const n = this.size('string', 1);
        return done(this.ascii(n));
      }
      case 'z':
      case 'Z': {
        const n = this.u8('string size');
        this.need(n, 'string');
        return done(this.ascii(n));
      }
      case '(':
      case '[':
      case ')': {
        const n = type === ')' ? this.u8('tuple size') : this.size(type === '[' ? 'list' : 'tuple', 1);
        if (type === ')') this.need(n, 'tuple');
        reserve();
        const items: MarshalValue[] = new Array(n);
        for (let i = 0; i < n; i++) items[i] = this.readObject(depth + 1);
        return done(items);
      }
      case '{': {
        reserve();
        const entries: Array<[MarshalValue, MarshalValue]> = [];
        for (;;) {
          this.need(1, 'dict key');
          if (this.bytes[this.pos] === 0x30) {
            this.pos++;
            break;
          }
          const key = this.readObject(depth + 1);
          const value = this.readObject(depth + 1);
          entries.push([key, value]);
        }
        return done({ kind: 'dict', entries });
      }
      case '<':
      case '>': {
        const n = this.size('set', 1);
        reserve();
        const items: MarshalValue[] = new Array(n);
        for (let i = 0; i < n; i++) items[i] = this.readObject(depth + 1);
        return done({ kind: type === '<' ? 'set' : 'frozenset', items });
      }
      case 'c': {
        reserve();
        return done(this.readCode(depth, at));
      }
      case 'r': {
        this.need(4, 'reference');
        const index = this.view.getUint32(this.pos, true);
        this.pos += 4;
        if (index >= this.refs.length) throw new MarshalError(at, `reference ${index} to an object not yet read (${this.refs.length} known)`);
        const value = this.refs[index]!;
        if (value === PLACEHOLDER) throw new MarshalError(at, `reference ${index} to an unfinished container (cyclic data)`);
        return value;
      }
      default:
        throw new MarshalError(at, `unknown type code 0x${code.toString(16).padStart(2, '0')}${printable(code & ~FLAG_REF)}`);
    }
  }

  private ascii(n: number): string {
    const start = this.pos;
    this.pos += n;
    const b = this.bytes;
    if (n <= 64) {
      let s = '';
      for (let i = start; i < start + n; i++) s += String.fromCharCode(b[i]!);
      return s;
    }
    return latin1.decode(b.subarray(start, start + n));
  }

  private readBinaryFloat(): number {
    this.need(8, 'float');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  private readTextFloat(at: number): number {
    const n = this.u8('float size');
    this.need(n, 'float');
    const text = this.ascii(n);
    const value = parsePythonFloat(text);
    if (value === undefined) throw new MarshalError(at, `bad float text ${JSON.stringify(text)}`);
    return value;
  }

  private readLong(at: number): number | bigint {
    const n = this.i32('long size');
    const digits = Math.abs(n);
    if (digits > MAX_LONG_DIGITS) throw new MarshalError(at, `integer too large (${digits} 15-bit digits)`);
    this.need(digits * 2, 'long');
    let value = 0n;
    for (let i = digits - 1; i >= 0; i--) {
      const d = this.view.getUint16(this.pos + i * 2, true);
      if (d > 0x7fff) throw new MarshalError(this.pos + i * 2, 'bad long digit');
      value = (value << 15n) | BigInt(d);
    }
    this.pos += digits * 2;
    return toNumberIfSafe(n < 0 ? -value : value);
  }

  /** Code objects (only in `python -m profile` files): keep name, file and first line. */
  private readCode(depth: number, at: number): MarshalCode {
    // The layout is not stated in the file: the bytecode (a bytes object, or a reference to one)
    // follows 5 i32 fields on 3.11+ and 6 on 3.8–3.10, and is followed by the constants (a
    // tuple). A flags field can itself look like a type code, so each plausible layout is tried.
    const candidates = [true, false].filter((modern) => this.plausibleCode(modern ? 20 : 24));
    if (candidates.length === 0) throw new MarshalError(at, 'code object of an unsupported Python version');
    const start = this.pos;
    const refCount = this.refs.length;
    let firstError: unknown;
    for (const modern of candidates) {
      try {
        return this.readCodeAs(modern, depth, at);
      } catch (err) {
        if (!(err instanceof MarshalError)) throw err;
        firstError ??= err;
        this.pos = start;
        this.refs.length = refCount;
      }
    }
    throw firstError;
  }

  private plausibleCode(offset: number): boolean {
    const at = this.pos + offset;
    if (at + 5 > this.bytes.length) return false;
    const type = this.bytes[at]! & ~FLAG_REF;
    let next: number | undefined;
    if (type === 0x73) {
      // inline bytes: size, payload, then the constants
      const size = this.view.getInt32(at + 1, true);
      if (size < 0) return false;
      next = this.bytes[at + 5 + size];
    } else if (this.bytes[at] === 0x72) {
      // a reference to bytecode already read (identical bytecode is shared)
      const ref = this.refs[this.view.getUint32(at + 1, true)];
      if (!(ref instanceof Uint8Array)) return false;
      next = this.bytes[at + 5];
    } else return false;
    if (next === undefined) return false;
    const t = next & ~FLAG_REF;
    return t === 0x29 || t === 0x28 || t === 0x72; // ')' '(' 'r'
  }

  private readCodeAs(modern: boolean, depth: number, at: number): MarshalCode {
    this.need(modern ? 20 : 24, 'code object');
    this.pos += modern ? 20 : 24;
    const objects: MarshalValue[] = [];
    for (let i = 0; i < 8; i++) objects.push(this.readObject(depth + 1));
    const firstlineno = this.i32('code firstlineno');
    for (let i = 0; i < (modern ? 2 : 1); i++) this.readObject(depth + 1);
    const [filename, name, qualname] = modern ? [objects[5], objects[6], objects[7]] : [objects[6], objects[7], undefined];
    if (typeof filename !== 'string' || typeof name !== 'string' || (modern && typeof qualname !== 'string')) {
      throw new MarshalError(at, 'code object without string name and filename');
    }
    return { kind: 'code', name, qualname: typeof qualname === 'string' ? qualname : undefined, filename, firstlineno };
  }
}

const latin1 = new TextDecoder('latin1');

function toNumberIfSafe(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function printable(c: number): string {
  return c >= 0x20 && c < 0x7f ? ` '${String.fromCharCode(c)}'` : '';
}

/** Python's float repr/str forms, including inf and nan. */
function parsePythonFloat(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * UTF-8 that may contain encoded surrogates (CPython writes with `surrogatepass`, so undecodable
 * filename bytes arrive as lone U+DC80..U+DCFF): decode those to lone UTF-16 surrogates, like
 * Python does, instead of U+FFFD. Invalid sequences become U+FFFD.
 */
export function decodeWtf8(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return end - start <= 64 ? String.fromCharCode(...b.subarray(start, end)) : latin1.decode(b.subarray(start, end));
  const units: number[] = [];
  let out = '';
  let i = start;
  const cont = (k: number): number => {
    const c = b[k];
    return c !== undefined && k < end && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
  };
  while (i < end) {
    const c = b[i]!;
    let cp = -1;
    let len = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c < 0xe0) {
      const c1 = cont(i + 1);
      if (c1 >= 0) [cp, len] = [((c & 0x1f) << 6) | c1, 2];
    } else if (c >= 0xe0 && c < 0xf0) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      if (c1 >= 0 && c2 >= 0) {
        const v = ((c & 0x0f) << 12) | (c1 << 6) | c2;
        if (v >= 0x800) [cp, len] = [v, 3];
      }
    } else if (c >= 0xf0 && c < 0xf5) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
        const v = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
        if (v >= 0x10000 && v <= 0x10ffff) [cp, len] = [v, 4];
      }
    }
    if (cp < 0) cp = 0xfffd;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else units.push(cp);
    i += len;
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}
