// Finds the first difference between two JSON texts of the `hotspy ast` shape by walking both
// in lockstep: structural (whitespace and string escapes do not matter) yet exact about numbers
// (`1.0` is a float and differs from the int `1`), and it stops at the first difference.

export interface JsonDifference {
  /** Where, e.g. `body[3]:FunctionDef.body[0]:Return.value:Call.col_offset`. */
  path: string;
  /** The differing value on each side, as JSON text (shortened). */
  ours: string;
  theirs: string;
  /** `lineno` of the innermost positioned node around the difference, on CPython's side. */
  line?: number;
}

const MAX_VALUE_TEXT = 160;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  peek(): string {
    const t = this.text;
    let p = this.pos;
    while (p < t.length) {
      const c = t.charCodeAt(p);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.pos = p;
    return p < t.length ? t[p]! : '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw new SyntaxError(`json-diff: expected ${ch} at ${this.pos}`);
    this.pos++;
  }

  /** The raw text of the scalar token at the cursor (string with quotes, number, literal). */
  scalar(): string {
    this.peek();
    const t = this.text;
    const start = this.pos;
    if (t[start] === '"') {
      let p = start + 1;
      for (;;) {
        const c = t.charCodeAt(p);
        if (Number.isNaN(c)) throw new SyntaxError('json-diff: unterminated string');
        if (c === 0x5c) p += 2;
        else if (c === 0x22) break;
        else p++;
      }
      this.pos = p + 1;
    } else {
      let p = start;
      while (p < t.length && /[-+.0-9a-zA-Z]/.test(t[p]!)) p++;
      this.pos = p;
    }
    return t.slice(start, this.pos);
  }

  /** Skips one whole value and returns its text. */
  value(): string {
    const c = this.peek();
    const start = this.pos;
    if (c !== '{' && c !== '[') return this.scalar();
    let depth = 0;
    const t = this.text;
    let p = start;
    do {
      const ch = t[p]!;
      if (ch === '"') {
        this.pos = p;
        this.scalar();
        p = this.pos;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      p++;
    } while (depth > 0 && p < t.length);
    this.pos = p;
    return t.slice(start, p);
  }
}

interface Frame {
  /** Path segment text for this level. */
  segment: string;
  /** Start offset of the enclosing object on CPython's side, if this level is an object. */
  theirsStart?: number;
}

class Found extends Error {
  constructor(readonly difference: JsonDifference) {
    super('difference');
  }
}

/** The first difference between `ours` and `theirs`, or undefined when they denote the same tree. */
export function firstJsonDifference(ours: string, theirs: string): JsonDifference | undefined {
  if (ours === theirs) return undefined;
  const a = new Cursor(ours);
  const b = new Cursor(theirs);
  const stack: Frame[] = [];
  try {
    compareValue(a, b, stack);
    return undefined;
  } catch (err) {
    if (err instanceof Found) return err.difference;
    throw err;
  }
}

function differ(a: Cursor, b: Cursor, stack: Frame[], oursText?: string, theirsText?: string): never {
  const ours = shorten(oursText ?? safeValue(a));
  const theirs = shorten(theirsText ?? safeValue(b));
  throw new Found({ path: renderPath(stack), ours, theirs, line: enclosingLine(b.text, stack) });
}

function safeValue(c: Cursor): string {
  try {
    return c.value();
  } catch {
    return c.text.slice(c.pos, c.pos + MAX_VALUE_TEXT);
  }
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_TEXT ? text.slice(0, MAX_VALUE_TEXT) + '…' : text;
}

function renderPath(stack: Frame[]): string {
  let out = '';
  for (const frame of stack) out += frame.segment;
  return out.startsWith('.') ? out.slice(1) : out || '(root)';
}

function enclosingLine(theirs: string, stack: Frame[]): number | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const start = stack[i]!.theirsStart;
    if (start === undefined) continue;
    const cursor = new Cursor(theirs);
    cursor.pos = start;
    try {
      const node = JSON.parse(cursor.value()) as { lineno?: unknown };
      if (typeof node.lineno === 'number') return node.lineno;
    } catch {
      // not a complete object (cannot happen for well-formed input); try the next one out
    }
  }
  return undefined;
}

function kind(ch: string): string {
  if (ch === '{' || ch === '[' || ch === '"') return ch;
  if (ch === 't' || ch === 'f') return 'bool';
  if (ch === 'n') return 'null';
  return 'number';
}

function compareValue(a: Cursor, b: Cursor, stack: Frame[]): void {
  const ca = a.peek();
  const cb = b.peek();
  if (kind(ca) !== kind(cb)) differ(a, b, stack);
  if (ca === '{') return compareObject(a, b, stack);
  if (ca === '[') return compareArray(a, b, stack);
  const startA = a.pos;
  const startB = b.pos;
  const ta = a.scalar();
  const tb = b.scalar();
  if (ta === tb || sameScalar(ta, tb)) return;
  a.pos = startA;
  b.pos = startB;
  differ(a, b, stack);
}

function sameScalar(ta: string, tb: string): boolean {
  if (ta[0] === '"') return JSON.parse(ta) === JSON.parse(tb);
  if (ta === 'true' || ta === 'false' || ta === 'null') return ta === tb;
  // Numbers: the same type (int or float) and the same value.
  const floatA = /[.eE]/.test(ta);
  const floatB = /[.eE]/.test(tb);
  if (floatA !== floatB) return false;
  if (!floatA) return BigInt(ta) === BigInt(tb);
  return Object.is(Number(ta), Number(tb));
}

function compareObject(a: Cursor, b: Cursor, stack: Frame[]): void {
  const frame = stack[stack.length - 1];
  if (frame) frame.theirsStart = b.pos;
  else stack.push({ segment: '', theirsStart: b.pos });
  a.expect('{');
  b.expect('{');
  for (let first = true; ; first = false) {
    const ea = a.peek();
    const eb = b.peek();
    if (ea === '}' || eb === '}') {
      if (ea !== eb) {
        const extraA = ea === '}' ? '(no more fields)' : 'field ' + nextKey(a);
        const extraB = eb === '}' ? '(no more fields)' : 'field ' + nextKey(b);
        differ(a, b, stack, extraA, extraB);
      }
      a.pos++;
      b.pos++;
      return;
    }
    if (!first) {
      a.expect(',');
      b.expect(',');
    }
    const ka = JSON.parse(a.scalar()) as string;
    const kb = JSON.parse(b.scalar()) as string;
    if (ka !== kb) differ(a, b, stack, 'field ' + ka, 'field ' + kb);
    a.expect(':');
    b.expect(':');
    if (ka === '_type') {
      const startA = a.pos;
      const startB = b.pos;
      const ta = a.scalar();
      const tb = b.scalar();
      if (ta !== tb) {
        a.pos = startA;
        b.pos = startB;
        stack.push({ segment: '._type' });
        differ(a, b, stack);
      }
      const self = stack[stack.length - 1]!;
      self.segment += (self.segment ? ':' : '') + (JSON.parse(ta) as string);
      continue;
    }
    stack.push({ segment: '.' + ka });
    compareValue(a, b, stack);
    stack.pop();
  }
}

function nextKey(c: Cursor): string {
  if (c.peek() === ',') c.pos++;
  return c.scalar();
}

function compareArray(a: Cursor, b: Cursor, stack: Frame[]): void {
  a.expect('[');
  b.expect('[');
  for (let i = 0; ; i++) {
    const ea = a.peek();
    const eb = b.peek();
    if (ea === ']' || eb === ']') {
      if (ea !== eb) {
        stack.push({ segment: `[${i}]` });
        const extraA = ea === ']' ? '(list ends)' : (i > 0 && a.expect(','), safeValue(a));
        const extraB = eb === ']' ? '(list ends)' : (i > 0 && b.expect(','), safeValue(b));
        differ(a, b, stack, extraA, extraB);
      }
      a.pos++;
      b.pos++;
      return;
    }
    if (i > 0) {
      a.expect(',');
      b.expect(',');
    }
    stack.push({ segment: `[${i}]` });
    compareValue(a, b, stack);
    stack.pop();
  }
}
