// Serializes a hotspy AST to the `hotspy ast` JSON shape (the shape the CPython oracle dumps):
// `_type`, every field in CPython's order, then the four positions. Written as bytes into one
// growing buffer (or streamed in chunks), never through a copied object graph or JSON.stringify.
import { NODE_FIELDS, type ConstantValue, type Node } from './ast.js';

export interface AstJsonOptions {
  /** Spaces per indentation level; 0 (the default) writes one compact line like `separators=(",", ":")`. */
  indent?: number;
  /**
   * Escape every character outside printable ASCII as `\uXXXX`, exactly like Python's
   * `json.dumps(ensure_ascii=True)`. Off by default (UTF-8 output is friendlier to read).
   */
  ascii?: boolean;
}

/** Receives the JSON text in order, in chunks of a few tens of kilobytes. */
export type JsonSink = (chunk: string) => void;

const POSITIONS = ['lineno', 'col_offset', 'end_lineno', 'end_col_offset'] as const;
const FLUSH_AT = 1 << 16;
const SAFE_INT = 2 ** 53;

/** Precomputed per-class key bytes, so the hot loop only copies. */
interface ClassLayout {
  open: Uint8Array;
  fields: readonly string[];
  fieldKeys: readonly Uint8Array[];
  located: boolean;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function layoutsFor(colon: string): Map<string, ClassLayout> {
  const map = new Map<string, ClassLayout>();
  for (const [name, spec] of Object.entries(NODE_FIELDS)) {
    map.set(name, {
      open: ascii(`"_type"${colon}"${name}"`),
      fields: spec.fields,
      fieldKeys: spec.fields.map((f) => ascii(`"${f}"${colon}`)),
      located: spec.located,
    });
  }
  return map;
}

const COMPACT_LAYOUTS = layoutsFor(':');
const PRETTY_LAYOUTS = layoutsFor(': ');
const POSITION_KEYS_COMPACT = POSITIONS.map((p) => ascii(`"${p}":`));
const POSITION_KEYS_PRETTY = POSITIONS.map((p) => ascii(`"${p}": `));
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
const HEX = ascii('0123456789abcdef');
// TextDecoder rather than Buffer: the parser package runs outside Node too (browsers, Deno).
const UTF8 = new TextDecoder();

/** The whole tree as one JSON string. */
export function astToJson(node: Node, options: AstJsonOptions = {}): string {
  const writer = serialize(node, options);
  return UTF8.decode(writer.buf.subarray(0, writer.pos));
}

/** The whole tree as UTF-8 JSON bytes (ASCII only with `ascii`): no string is ever built. */
export function astToJsonBytes(node: Node, options: AstJsonOptions = {}): Uint8Array {
  const writer = serialize(node, options);
  return writer.buf.slice(0, writer.pos);
}

/** One buffer reused by every call (serialization is synchronous), so big trees don't re-grow it each time. */
let scratch: Uint8Array = new Uint8Array(1 << 20);

function serialize(node: Node, options: AstJsonOptions): AstJsonWriter {
  const writer = new AstJsonWriter(undefined, options, scratch);
  try {
    writer.node(node);
  } finally {
    // Keep the grown buffer for next time, unless one huge tree made it unreasonably large.
    if (writer.buf.length <= 1 << 26) scratch = writer.buf;
  }
  return writer;
}

/** Streams the JSON of `node` to `sink`; a trailing newline is not written. */
export function writeAstJson(node: Node, sink: JsonSink, options: AstJsonOptions = {}): void {
  const writer = new AstJsonWriter(sink, options);
  writer.node(node);
  writer.flush();
}

/**
 * Writes JSON straight into a growing byte buffer: far cheaper than concatenating millions of
 * small strings (V8 would build a rope and flatten it). With a sink, the buffer is handed over
 * between nodes, where no multi-byte character can be split.
 */
class AstJsonWriter {
  pos = 0;
  private depth = 0;
  private readonly indent: number;
  private readonly layouts: Map<string, ClassLayout>;
  private readonly positionKeys: readonly Uint8Array[];
  private readonly asciiOnly: boolean;

  constructor(
    private readonly sink: JsonSink | undefined,
    options: AstJsonOptions,
    public buf: Uint8Array = new Uint8Array(FLUSH_AT * 2),
  ) {
    this.indent = Math.max(0, Math.floor(options.indent ?? 0));
    this.layouts = this.indent ? PRETTY_LAYOUTS : COMPACT_LAYOUTS;
    this.positionKeys = this.indent ? POSITION_KEYS_PRETTY : POSITION_KEYS_COMPACT;
    this.asciiOnly = options.ascii === true;
  }

  flush(): void {
    if (this.sink && this.pos > 0) {
      this.sink(UTF8.decode(this.buf.subarray(0, this.pos)));
      this.pos = 0;
    }
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  private bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = b[i]!;
    this.pos = pos;
  }

  private byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Pretty mode: a newline and the current indentation. */
  private newline(): void {
    const n = this.depth * this.indent;
    this.ensure(n + 1);
    this.buf[this.pos++] = 0x0a;
    this.buf.fill(0x20, this.pos, this.pos + n);
    this.pos += n;
  }

  private separator(): void {
    this.byte(0x2c);
    if (this.indent) this.newline();
  }

  /**
   * Writes a whole tree. Iterative, with an explicit stack: parsers accept expressions nested
   * far deeper than the JavaScript call stack (100,000 chained `+`), and printing must not fail.
   */
  node(root: Node): void {
    // Parallel stacks: the open node or list, and the index of its next field or item.
    const open: (Node | readonly unknown[])[] = [];
    const next: number[] = [];
    const layouts: ClassLayout[] = [];
    const enter = (value: unknown): void => {
      if (Array.isArray(value)) {
        if (value.length === 0) {
          this.ensure(2);
          this.buf[this.pos++] = 0x5b;
          this.buf[this.pos++] = 0x5d;
          return;
        }
        this.byte(0x5b);
        this.depth++;
        if (this.indent) this.newline();
        open.push(value);
        next.push(0);
        layouts.push(undefined as unknown as ClassLayout);
      } else if (value !== null && typeof value === 'object' && typeof (value as { _type?: unknown })._type === 'string') {
        const node = value as Node;
        const layout = this.layouts.get(node._type);
        if (layout === undefined) throw new TypeError(`astToJson: not an AST node: _type ${JSON.stringify(node._type)}`);
        this.byte(0x7b);
        this.depth++;
        if (this.indent) this.newline();
        this.bytes(layout.open);
        open.push(node);
        next.push(0);
        layouts.push(layout);
      } else {
        this.scalar(value);
      }
    };
    enter(root);
    while (open.length > 0) {
      const top = open.length - 1;
      const item = open[top]!;
      const i = next[top]!;
      if (Array.isArray(item)) {
        if (i < item.length) {
          next[top] = i + 1;
          if (i > 0) this.separator();
          enter(item[i]);
          continue;
        }
        this.depth--;
        if (this.indent) this.newline();
        this.byte(0x5d);
      } else {
        const layout = layouts[top]!;
        const record = item as unknown as Record<string, unknown>;
        if (i < layout.fields.length) {
          next[top] = i + 1;
          this.separator();
          this.bytes(layout.fieldKeys[i]!);
          const value = record[layout.fields[i]!];
          const t = (item as Node)._type;
          if (i === 0 && (t === 'Constant' || t === 'MatchSingleton')) this.constant(value as ConstantValue);
          else enter(value);
          continue;
        }
        if (layout.located) {
          const keys = this.positionKeys;
          for (let k = 0; k < 4; k++) {
            this.separator();
            this.bytes(keys[k]!);
            this.int(record[POSITIONS[k]!] as number);
          }
        }
        this.depth--;
        if (this.indent) this.newline();
        this.byte(0x7d);
        if (this.sink && this.pos > FLUSH_AT) this.flush();
      }
      open.pop();
      next.pop();
      layouts.pop();
    }
  }

  private scalar(value: unknown): void {
    if (value === null || value === undefined) {
      this.bytes(NULL);
    } else if (typeof value === 'string') {
      this.string(value);
    } else if (typeof value === 'number') {
      // Non-Constant numeric fields (level, simple, is_async, conversion, TypeIgnore.lineno) are ints.
      this.int(value);
    } else if (typeof value === 'boolean') {
      this.bytes(value ? TRUE : FALSE);
    } else {
      throw new TypeError(`astToJson: unexpected field value ${String(value)}`);
    }
  }

  private int(n: number): void {
    if (!(n >= 0 && n < 0x80000000 && (n | 0) === n)) {
      this.latin1(Number.isFinite(n) ? String(n) : 'null');
      return;
    }
    this.ensure(10);
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 0x30 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m > 0; m = (m / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let m = n; m > 0; m = (m / 10) | 0) buf[--p] = 0x30 + (m % 10);
  }

  /** Text known to be ASCII (numbers, literals). */
  private latin1(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /**
   * A JSON string literal. ASCII mode matches Python's json.dumps (every UTF-16 unit outside
   * printable ASCII as \uXXXX, lowercase); otherwise UTF-8 as JSON.stringify writes it (lone
   * surrogates escaped).
   */
  private string(s: string): void {
    const n = s.length;
    this.ensure(n * 6 + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (c === 0x22 || c === 0x5c) buf[pos++] = 0x5c;
        buf[pos++] = c;
        continue;
      }
      if (c < 0x20) {
        const short = c === 0x0a ? 0x6e : c === 0x09 ? 0x74 : c === 0x0d ? 0x72 : c === 0x08 ? 0x62 : c === 0x0c ? 0x66 : 0;
        buf[pos++] = 0x5c;
        if (short) {
          buf[pos++] = short;
          continue;
        }
        pos = unicodeEscape(buf, pos, c);
        continue;
      }
      if (this.asciiOnly) {
        buf[pos++] = 0x5c;
        pos = unicodeEscape(buf, pos, c);
      } else if (c < 0x80) {
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          buf[pos++] = 0x5c;
          pos = unicodeEscape(buf, pos, c);
        }
      } else {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  private constant(value: ConstantValue): void {
    const tagged = (type: string, repr: string) => {
      this.byte(0x7b);
      this.latin1(this.indent ? `"_type": "${type}", "repr": ` : `"_type":"${type}","repr":`);
      this.string(repr);
      this.byte(0x7d);
    };
    constantJson(value, this, tagged);
  }

  /** For constantJson: plain JSON scalars. */
  plain(kind: 'null' | 'true' | 'false' | 'string' | 'number', text: string): void {
    if (kind === 'string') this.string(text);
    else this.latin1(text);
  }
}

/** Writes `u` then four lowercase hex digits of `c` (the backslash is already written). */
function unicodeEscape(buf: Uint8Array, pos: number, c: number): number {
  buf[pos++] = 0x75;
  buf[pos++] = HEX[(c >> 12) & 15]!;
  buf[pos++] = HEX[(c >> 8) & 15]!;
  buf[pos++] = HEX[(c >> 4) & 15]!;
  buf[pos++] = HEX[c & 15]!;
  return pos;
}

/** `Constant.value` in the `hotspy ast` shape: plain JSON when JSON can hold it exactly, else `{_type, repr}`. */
function constantJson(
  value: ConstantValue,
  out: { plain(kind: 'null' | 'true' | 'false' | 'string' | 'number', text: string): void },
  tagged: (type: string, repr: string) => void,
): void {
  if (value === null || value === undefined) return out.plain('null', 'null');
  switch (typeof value) {
    case 'string':
      return out.plain('string', value);
    case 'boolean':
      return value ? out.plain('true', 'true') : out.plain('false', 'false');
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < SAFE_INT) return out.plain('number', String(value));
      // Beyond 2**53 the parser should have produced a bigint; print what we got rather than hide it.
      return tagged('int', Number.isInteger(value) ? BigInt(value).toString() : String(value));
    case 'bigint':
      return value > -SAFE_INT_BIG && value < SAFE_INT_BIG ? out.plain('number', value.toString()) : tagged('int', value.toString());
  }
  switch (value.kind) {
    case 'float':
      return Number.isFinite(value.value) ? out.plain('number', pyFloatRepr(value.value)) : tagged('float', pyFloatRepr(value.value));
    case 'complex':
      return tagged('complex', pyComplexRepr(value.real, value.imag));
    case 'bytes':
      return tagged('bytes', pyBytesRepr(value.bytes));
    case 'ellipsis':
      return tagged('ellipsis', 'Ellipsis');
  }
  throw new TypeError(`astToJson: unexpected Constant value ${String(value)}`);
}

const SAFE_INT_BIG = 2n ** 53n;

/**
 * Python's `repr(float)`: the shortest round-tripping digits, fixed notation when the decimal
 * exponent is in [-4, 16), scientific with a signed two-digit-minimum exponent otherwise.
 */
export function pyFloatRepr(x: number): string {
  return formatPyDouble(x, true);
}

/** Python's `repr(complex)`: `1j`, `1e+16j`, `infj`; parenthesized `(1+2j)` when the real part is not +0. */
export function pyComplexRepr(real: number, imag: number): string {
  if (real === 0 && !Object.is(real, -0)) return formatPyDouble(imag, false) + 'j';
  const re = formatPyDouble(real, false);
  let im = formatPyDouble(imag, false);
  if (!im.startsWith('-')) im = '+' + im;
  return `(${re}${im}j)`;
}

/** `addDot0`: repr(float) appends `.0` to integral fixed notation; complex parts do not. */
function formatPyDouble(x: number, addDot0: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const exp = Math.abs(x).toExponential(); // shortest round-trip digits: "d.ddde+N"
  const ePos = exp.indexOf('e');
  const digits = exp.slice(0, ePos).replace('.', '');
  const e = Number(exp.slice(ePos + 1)); // scientific exponent
  const decpt = e + 1; // digits are 0.d1d2... × 10^decpt
  if (decpt <= -4 || decpt > 16) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const absE = Math.abs(e);
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${absE < 10 ? '0' : ''}${absE}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt < digits.length) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  return `${sign}${digits}${'0'.repeat(decpt - digits.length)}${addDot0 ? '.0' : ''}`;
}

/** Python's `repr(bytes)`: b'...' unless the bytes hold `'` and no `"`; \t \n \r \\ and \xhh escapes. */
export function pyBytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = quote === 0x22 ? 'b"' : "b'";
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}
