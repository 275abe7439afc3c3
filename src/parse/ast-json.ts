// Serializes a hotspy AST to the `hotspy ast` JSON shape (the shape the CPython oracle dumps):
// `_type`, every field in CPython's order, then the four positions. Built by string
// concatenation with an optional chunked sink, so large trees never need a copied object graph.
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

/** Precomputed per-class key strings, so the hot loop only concatenates. */
interface ClassLayout {
  open: string;
  fields: readonly string[];
  fieldKeys: readonly string[];
  located: boolean;
}

function layoutsFor(colon: string): Map<string, ClassLayout> {
  const map = new Map<string, ClassLayout>();
  for (const [name, spec] of Object.entries(NODE_FIELDS)) {
    map.set(name, {
      open: `"_type"${colon}"${name}"`,
      fields: spec.fields,
      fieldKeys: spec.fields.map((f) => `"${f}"${colon}`),
      located: spec.located,
    });
  }
  return map;
}

const COMPACT_LAYOUTS = layoutsFor(':');
const PRETTY_LAYOUTS = layoutsFor(': ');
const POSITION_KEYS_COMPACT = POSITIONS.map((p) => `"${p}":`);
const POSITION_KEYS_PRETTY = POSITIONS.map((p) => `"${p}": `);

/** The whole tree as one JSON string. */
export function astToJson(node: Node, options: AstJsonOptions = {}): string {
  let out = '';
  writeAstJson(node, (chunk) => (out += chunk), options);
  return out;
}

/** Streams the JSON of `node` to `sink`; a trailing newline is not written. */
export function writeAstJson(node: Node, sink: JsonSink, options: AstJsonOptions = {}): void {
  new AstJsonWriter(sink, options).tree(node);
}

class AstJsonWriter {
  private buf = '';
  private readonly pretty: boolean;
  private readonly unit: string;
  private readonly layouts: Map<string, ClassLayout>;
  private readonly positionKeys: readonly string[];
  private readonly str: (s: string) => string;

  constructor(
    private readonly sink: JsonSink,
    options: AstJsonOptions,
  ) {
    const indent = Math.max(0, Math.floor(options.indent ?? 0));
    this.pretty = indent > 0;
    this.unit = ' '.repeat(indent);
    this.layouts = this.pretty ? PRETTY_LAYOUTS : COMPACT_LAYOUTS;
    this.positionKeys = this.pretty ? POSITION_KEYS_PRETTY : POSITION_KEYS_COMPACT;
    this.str = options.ascii ? jsonStringAscii : jsonString;
  }

  tree(node: Node): void {
    this.node(node, '\n');
    if (this.buf) this.sink(this.buf);
    this.buf = '';
  }

  /** `nl` is the newline plus indentation of the line the node starts on (pretty mode only). */
  private node(node: Node, nl: string): void {
    const layout = this.layouts.get(node._type);
    if (layout === undefined) throw new TypeError(`astToJson: not an AST node: _type ${JSON.stringify(node._type)}`);
    const record = node as unknown as Record<string, unknown>;
    const inner = this.pretty ? nl + this.unit : '';
    const sep = this.pretty ? ',' + inner : ',';
    this.buf += '{' + inner + layout.open;
    const { fields, fieldKeys } = layout;
    const isConstantValue = node._type === 'Constant' || node._type === 'MatchSingleton';
    for (let i = 0; i < fields.length; i++) {
      this.buf += sep + fieldKeys[i];
      const value = record[fields[i]!];
      if (isConstantValue && i === 0) this.constant(value as ConstantValue);
      else this.value(value, inner);
    }
    if (layout.located) {
      const keys = this.positionKeys;
      for (let i = 0; i < 4; i++) this.buf += sep + keys[i] + String(record[POSITIONS[i]!]);
    }
    this.buf += (this.pretty ? nl : '') + '}';
    if (this.buf.length > FLUSH_AT) {
      this.sink(this.buf);
      this.buf = '';
    }
  }

  private value(value: unknown, nl: string): void {
    if (value === null || value === undefined) {
      this.buf += 'null';
    } else if (typeof value === 'string') {
      this.buf += this.str(value);
    } else if (typeof value === 'number') {
      // Non-Constant numeric fields (level, simple, is_async, conversion, TypeIgnore.lineno) are ints.
      this.buf += Number.isFinite(value) ? String(value) : 'null';
    } else if (typeof value === 'boolean') {
      this.buf += value ? 'true' : 'false';
    } else if (Array.isArray(value)) {
      this.list(value, nl);
    } else if (typeof value === 'object' && typeof (value as { _type?: unknown })._type === 'string') {
      this.node(value as Node, nl);
    } else {
      throw new TypeError(`astToJson: unexpected field value ${String(value)}`);
    }
  }

  private list(items: readonly unknown[], nl: string): void {
    if (items.length === 0) {
      this.buf += '[]';
      return;
    }
    const inner = this.pretty ? nl + this.unit : '';
    this.buf += '[' + inner;
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.buf += ',' + inner;
      this.value(items[i], inner);
    }
    this.buf += (this.pretty ? nl : '') + ']';
  }

  private constant(value: ConstantValue): void {
    this.buf += constantJson(value, this.str, this.pretty ? ': ' : ':', this.pretty ? ', ' : ',');
  }
}

/** `Constant.value` in the `hotspy ast` shape: plain JSON when JSON can hold it exactly, else `{_type, repr}`. */
function constantJson(value: ConstantValue, str: (s: string) => string, colon: string, comma: string): string {
  const tagged = (type: string, repr: string) => `{"_type"${colon}"${type}"${comma}"repr"${colon}${str(repr)}}`;
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return str(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < SAFE_INT) return String(value);
      // Beyond 2**53 the parser should have produced a bigint; print what we got rather than hide it.
      return tagged('int', Number.isInteger(value) ? BigInt(value).toString() : String(value));
    case 'bigint':
      return value > -SAFE_INT_BIG && value < SAFE_INT_BIG ? value.toString() : tagged('int', value.toString());
  }
  switch (value.kind) {
    case 'float':
      return Number.isFinite(value.value) ? pyFloatRepr(value.value) : tagged('float', pyFloatRepr(value.value));
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

/** A JSON string literal, UTF-8 friendly (lone surrogates escaped, as JSON.stringify does). */
function jsonString(s: string): string {
  return JSON.stringify(s);
}

const NON_ASCII = /[\u007f-\uffff]/g;
const escapeUnit = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** A JSON string literal byte-identical to Python's `json.dumps(s)` (ensure_ascii=True). */
function jsonStringAscii(s: string): string {
  const quoted = JSON.stringify(s);
  // JSON.stringify leaves DEL and everything above it raw (lone surrogates aside, already escaped
  // in the same lowercase \udXXX form Python uses); Python escapes each UTF-16 unit.
  return quoted.replace(NON_ASCII, escapeUnit);
}

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
