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
  /** Keys in file (insertion) order; keys may be tuples, so no Map. */
  keys: MarshalValue[];
  /** `values[i]` belongs to `keys[i]`. */
  values: MarshalValue[];
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

/** Receives a stats dict entry by entry from `readStatsDict` (no intermediate tuples). */
export interface StatsSink {
  entry(key: MarshalValue, cc: MarshalValue, nc: MarshalValue, tt: MarshalValue, ct: MarshalValue): void;
  /** A `(nc, cc, tt, ct)` caller edge of the current entry (`cc`/`tt`/`ct` undefined for an int edge). */
  caller(key: MarshalValue, nc: MarshalValue, cc?: MarshalValue, tt?: MarshalValue, ct?: MarshalValue): void;
}

/** The data is not shaped like a plain stats dict; the caller should use the generic path. */
export class NotPlainStats extends Error {}

/**
 * Streams a stats dict `{key: (cc, nc, tt, ct, {key: (nc, cc, tt, ct) | int})}` to `sink`
 * without building its value tuples: the fast path for real cProfile files. Throws
 * NotPlainStats when the data deviates from that shape in any way (including a reference to a
 * value tuple, which this path does not keep), so the caller can fall back to `loadMarshal`.
 */
export function readStatsDict(bytes: Uint8Array, sink: StatsSink): void {
  const reader = new MarshalReader(bytes, 200);
  reader.readStats(sink);
  if (reader.pos !== bytes.length) throw new NotPlainStats();
}

const OPAQUE = Symbol('opaque');

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
    const type = code & ~FLAG_REF;
    // Scalars are registered after their payload; containers reserve their reference slot
    // before reading children (CPython numbers references in pre-order).
    let value: MarshalValue;
    switch (type) {
      case 0x72: {
        // 'r': reference
        this.need(4, 'reference');
        const index = this.view.getUint32(this.pos, true);
        this.pos += 4;
        if (index >= this.refs.length) throw new MarshalError(at, `reference ${index} to an object not yet read (${this.refs.length} known)`);
        const known = this.refs[index]!;
        if (known === PLACEHOLDER) throw new MarshalError(at, `reference ${index} to an unfinished container (cyclic data)`);
        if ((known as unknown) === OPAQUE) throw new NotPlainStats();
        return known;
      }
      case 0x7a: // 'z'
      case 0x5a: {
        // 'Z'
        const n = this.u8('string size');
        this.need(n, 'string');
        value = this.ascii(n);
        break;
      }
      case 0x69: // 'i'
        value = this.i32('int');
        break;
      case 0x67: // 'g'
        value = this.readBinaryFloat();
        break;
      case 0x29: // ')'
      case 0x28: // '('
      case 0x5b: {
        // '['
        const n = type === 0x29 ? this.u8('tuple size') : this.size(type === 0x5b ? 'list' : 'tuple', 1);
        if (type === 0x29) this.need(n, 'tuple');
        const slot = flag ? this.reserve() : -1;
        const items: MarshalValue[] = new Array(n);
        for (let i = 0; i < n; i++) items[i] = this.readObject(depth + 1);
        if (slot >= 0) this.refs[slot] = items;
        return items;
      }
      case 0x7b: {
        // '{'
        const slot = flag ? this.reserve() : -1;
        const keys: MarshalValue[] = [];
        const values: MarshalValue[] = [];
        for (;;) {
          this.need(1, 'dict key');
          if (this.bytes[this.pos] === 0x30) {
            this.pos++;
            break;
          }
          keys.push(this.readObject(depth + 1));
          values.push(this.readObject(depth + 1));
        }
        const dict: MarshalDict = { kind: 'dict', keys, values };
        if (slot >= 0) this.refs[slot] = dict;
        return dict;
      }
      case 0x3c: // '<'
      case 0x3e: {
        // '>'
        const n = this.size('set', 1);
        const slot = flag ? this.reserve() : -1;
        const items: MarshalValue[] = new Array(n);
        for (let i = 0; i < n; i++) items[i] = this.readObject(depth + 1);
        const set: MarshalSet = { kind: type === 0x3c ? 'set' : 'frozenset', items };
        if (slot >= 0) this.refs[slot] = set;
        return set;
      }
      case 0x63: {
        // 'c'
        const slot = flag ? this.reserve() : -1;
        const codeObject = this.readCode(depth, at);
        if (slot >= 0) this.refs[slot] = codeObject;
        return codeObject;
      }
      case 0x30:
        throw new MarshalError(at, 'NULL object where a value was expected');
      case 0x4e: // 'N'
        value = null;
        break;
      case 0x46: // 'F'
        value = false;
        break;
      case 0x54: // 'T'
        value = true;
        break;
      case 0x53: // 'S'
        value = { kind: 'stopiteration' };
        break;
      case 0x2e: // '.'
        value = { kind: 'ellipsis' };
        break;
      case 0x49: {
        // 'I'
        this.need(8, 'int64');
        const v = this.view.getBigInt64(this.pos, true);
        this.pos += 8;
        value = toNumberIfSafe(v);
        break;
      }
      case 0x6c: // 'l'
        value = this.readLong(at);
        break;
      case 0x66: // 'f'
        value = this.readTextFloat(at);
        break;
      case 0x79: {
        // 'y'
        const real = this.readBinaryFloat();
        const imag = this.readBinaryFloat();
        value = { kind: 'complex', real, imag };
        break;
      }
      case 0x78: {
        // 'x'
        const real = this.readTextFloat(at);
        const imag = this.readTextFloat(at);
        value = { kind: 'complex', real, imag };
        break;
      }
      case 0x73: {
        // 's'
        const n = this.size('bytes', 1);
        value = this.bytes.slice(this.pos, this.pos + n);
        this.pos += n;
        break;
      }
      case 0x75: // 'u'
      case 0x74: {
        // 't'
        const n = this.size('string', 1);
        value = decodeWtf8(this.bytes, this.pos, this.pos + n);
        this.pos += n;
        break;
      }
      case 0x61: // 'a'
      case 0x41: {
        // 'A'
        const n = this.size('string', 1);
        value = this.ascii(n);
        break;
      }
      default:
        throw new MarshalError(at, `unknown type code 0x${code.toString(16).padStart(2, '0')}${printable(type)}`);
    }
    if (flag) this.refs.push(value);
    return value;
  }

  /** See readStatsDict. */
  readStats(sink: StatsSink): void {
    const dictStart = this.opener(0x7b, -1);
    if (dictStart === undefined) throw new NotPlainStats();
    for (;;) {
      this.need(1, 'dict key');
      if (this.bytes[this.pos] === 0x30) {
        this.pos++;
        break;
      }
      const key = this.readObject(1);
      if (this.opener(0x29, 5) === undefined) throw new NotPlainStats();
      const cc = this.readObject(2);
      const nc = this.readObject(2);
      const tt = this.readObject(2);
      const ct = this.readObject(2);
      sink.entry(key, cc, nc, tt, ct);
      if (this.opener(0x7b, -1) === undefined) throw new NotPlainStats();
      for (;;) {
        this.need(1, 'dict key');
        if (this.bytes[this.pos] === 0x30) {
          this.pos++;
          break;
        }
        const ckey = this.readObject(3);
        const t = this.bytes[this.pos];
        if (t !== undefined && (t & ~FLAG_REF) === 0x29) {
          if (this.opener(0x29, 4) === undefined) throw new NotPlainStats();
          sink.caller(ckey, this.readObject(4), this.readObject(4), this.readObject(4), this.readObject(4));
        } else {
          const n = this.readObject(3);
          if (typeof n !== 'number' && typeof n !== 'boolean') throw new NotPlainStats();
          sink.caller(ckey, n);
        }
      }
    }
  }

  /**
   * Consumes a container's type byte (and small-tuple count) if it is `type` with `count` items
   * (-1: any); its reference slot holds a marker that makes later references to it fail over to
   * the generic path. Returns undefined, consuming nothing, on any other byte.
   */
  private opener(type: number, count: number): true | undefined {
    const b = this.bytes[this.pos];
    if (b === undefined || (b & ~FLAG_REF) !== type) return undefined;
    if (type === 0x29 && this.bytes[this.pos + 1] !== count) return undefined;
    this.pos += type === 0x29 ? 2 : 1;
    if (b & FLAG_REF) this.refs.push(OPAQUE as unknown as MarshalValue);
    return true;
  }

  private reserve(): number {
    this.refs.push(PLACEHOLDER);
    return this.refs.length - 1;
  }

  private ascii(n: number): string {
    const start = this.pos;
    this.pos += n;
    const b = this.bytes;
    if (n <= 64) return String.fromCharCode.apply(null, b.subarray(start, start + n) as unknown as number[]);
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
