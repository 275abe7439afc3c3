// Turns Python source into a flat token table (parallel typed arrays), following CPython 3.13's
// tokenizer: indentation with tabs/form feeds, implicit line joining, PEP 701 f-string modes,
// comments kept aside, and CPython's tokenizer errors (the first one stops tokenizing).

import { T } from './tokens.js';

export interface TokComment { text: string; lineno: number; col_offset: number; end_col_offset: number }

export interface TokError {
  message: string; lineno: number; col: number; endLineno: number; endCol: number;
  /** 'indent' for IndentationError/TabError style errors. */
  kind: 'syntax' | 'indent' | 'unclosed';
  /**
   * Whether CPython lets this error replace a parser error found earlier in the file: only errors
   * the tokenizer raises itself outside f-strings do (not bad dedents, tabs, line continuations).
   */
  overrides: boolean;
  /**
   * The innermost bracket still open at an error CPython's tokenizer signals without raising
   * (line continuation, EOF): after a parser error, CPython reports that bracket as never closed.
   */
  openBracket?: { lineno: number; col: number; char: string };
}

/** A use of syntax that needs a newer Python than some targets (recorded, judged by the parser). */
export interface VersionUse { feature: string; minor: number; lineno: number; col: number }

const enum M { EXPR = 0, FLIT = 1, FSPEC = 2 }

interface FMode {
  mode: M;
  quote: number;
  triple: boolean;
  raw: boolean;
  /** paren level right after the `{` that opened this replacement field (EXPR only) */
  level: number;
  /** line of the FSTRING_START (for errors) */
  startLine: number;
}

const MAXLEVEL = 200;
const MAXINDENT = 100;
const MAX_FSTRING_LEVEL = 150;

export class Tokens {
  count = 0;
  kind: Uint8Array;
  /** bracket nesting level after the token, as CPython's token->level */
  level: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  sLine: Int32Array;
  sCol: Int32Array;
  eLine: Int32Array;
  eCol: Int32Array;
  comments: TokComment[] = [];
  /** The first tokenizer error (the one CPython reports); every error also has an ERROR token. */
  error: TokError | null = null;
  /** The error behind each ERROR token, by token index. */
  errorAt: Map<number, TokError> = new Map();
  versionUses: VersionUse[] = [];
  /** Indices of NAME tokens with non-ASCII characters (they need NFKC normalization). */
  nonAsciiNames: Set<number> | null = null;
  /** How many times repairUnclosed closed brackets. */
  repairs = 0;
  /** Physical lines in the source (a final line break does not start another), or -1 when tokenizing stopped before the end. */
  lineCount = -1;
  /** Line of each still-open bracket when the tokenizer stopped (for "'(' was never closed"). */
  unclosed: { lineno: number; col: number; char: string } | null = null;
  /**
   * When asked for: the string offset where each line starts (the first `lineStartCount`). The
   * tokenizer passes every line break anyway, and a line index built from them needs no scan of
   * its own.
   */
  lineStarts = new Int32Array(256);
  lineStartCount = 0;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.level = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.sLine = new Int32Array(capacity);
    this.sCol = new Int32Array(capacity);
    this.eLine = new Int32Array(capacity);
    this.eCol = new Int32Array(capacity);
  }

  grow(): void {
    const n = this.kind.length * 2;
    const k = new Uint8Array(n); k.set(this.kind); this.kind = k;
    const l = new Uint8Array(n); l.set(this.level); this.level = l;
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(n); b.set(a); return b; };
    this.start = grow32(this.start); this.end = grow32(this.end);
    this.sLine = grow32(this.sLine); this.sCol = grow32(this.sCol);
    this.eLine = grow32(this.eLine); this.eCol = grow32(this.eCol);
  }
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
/** ASCII identifier characters, as a table: the name scanner's inner loop is the hottest code. */
const ID_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ID_CHAR[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57) ? 1 : 0;
}
function isIdChar(c: number): boolean {
  return c < 128 ? ID_CHAR[c] === 1 : c === c; // NaN (end of text) is not an identifier char
}
function isDigit(c: number): boolean { return c >= 48 && c <= 57; }

/** UTF-8 length of src[from, to). */
export function utf8Length(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 4; i++; } else n += 3;
    } else n += 3;
  }
  return n;
}

/** The keyword kind of the ASCII name src[start, start+len), or T.NAME: no slicing, no hashing. */
function keywordAt(src: string, start: number, len: number): T {
  if (len < 2 || len > 8) return T.NAME;
  switch (src.charCodeAt(start)) {
    case 70: // F
      if (len === 5 && src.startsWith('False', start)) return T.FALSE;
      return T.NAME;
    case 78: // N
      if (len === 4 && src.startsWith('None', start)) return T.NONE;
      return T.NAME;
    case 84: // T
      if (len === 4 && src.startsWith('True', start)) return T.TRUE;
      return T.NAME;
    case 97: // a
      if (len === 3 && src.startsWith('and', start)) return T.AND;
      if (len === 2 && src.startsWith('as', start)) return T.AS;
      if (len === 6 && src.startsWith('assert', start)) return T.ASSERT;
      if (len === 5 && src.startsWith('async', start)) return T.ASYNC;
      if (len === 5 && src.startsWith('await', start)) return T.AWAIT;
      return T.NAME;
    case 98: // b
      if (len === 5 && src.startsWith('break', start)) return T.BREAK;
      return T.NAME;
    case 99: // c
      if (len === 5 && src.startsWith('class', start)) return T.CLASS;
      if (len === 8 && src.startsWith('continue', start)) return T.CONTINUE;
      return T.NAME;
    case 100: // d
      if (len === 3 && src.startsWith('def', start)) return T.DEF;
      if (len === 3 && src.startsWith('del', start)) return T.DEL;
      return T.NAME;
    case 101: // e
      if (len === 4 && src.startsWith('elif', start)) return T.ELIF;
      if (len === 4 && src.startsWith('else', start)) return T.ELSE;
      if (len === 6 && src.startsWith('except', start)) return T.EXCEPT;
      return T.NAME;
    case 102: // f
      if (len === 7 && src.startsWith('finally', start)) return T.FINALLY;
      if (len === 3 && src.startsWith('for', start)) return T.FOR;
      if (len === 4 && src.startsWith('from', start)) return T.FROM;
      return T.NAME;
    case 103: // g
      if (len === 6 && src.startsWith('global', start)) return T.GLOBAL;
      return T.NAME;
    case 105: // i
      if (len === 2 && src.startsWith('if', start)) return T.IF;
      if (len === 6 && src.startsWith('import', start)) return T.IMPORT;
      if (len === 2 && src.startsWith('in', start)) return T.IN;
      if (len === 2 && src.startsWith('is', start)) return T.IS;
      return T.NAME;
    case 108: // l
      if (len === 6 && src.startsWith('lambda', start)) return T.LAMBDA;
      return T.NAME;
    case 110: // n
      if (len === 8 && src.startsWith('nonlocal', start)) return T.NONLOCAL;
      if (len === 3 && src.startsWith('not', start)) return T.NOT;
      return T.NAME;
    case 111: // o
      if (len === 2 && src.startsWith('or', start)) return T.OR;
      return T.NAME;
    case 112: // p
      if (len === 4 && src.startsWith('pass', start)) return T.PASS;
      return T.NAME;
    case 114: // r
      if (len === 5 && src.startsWith('raise', start)) return T.RAISE;
      if (len === 6 && src.startsWith('return', start)) return T.RETURN;
      return T.NAME;
    case 116: // t
      if (len === 3 && src.startsWith('try', start)) return T.TRY;
      return T.NAME;
    case 119: // w
      if (len === 5 && src.startsWith('while', start)) return T.WHILE;
      if (len === 4 && src.startsWith('with', start)) return T.WITH;
      return T.NAME;
    case 121: // y
      if (len === 5 && src.startsWith('yield', start)) return T.YIELD;
      return T.NAME;
    default: return T.NAME;
  }
}

const ID_START_RE = /^[\p{XID_Start}_]$/u;
const ID_CONT_RE = /^[\p{XID_Continue}]$/u;

/** One token table kept between parses: most files fit, so most parses allocate no arrays. */
let spare: Tokens | null = null;
const SPARE_MAX = 1 << 20;

/**
 * `repairUnclosed`: for sources that end inside brackets, close the open brackets (with an ERROR
 * token) where a line at or left of the statement's indentation starts a new statement, so the
 * parser can keep the rest of the file. Only used for such broken sources.
 */
export function tokenize(src: string, repairUnclosed = false, recordLineStarts = false): Tokens {
  const want = Math.max(64, (src.length >> 2) + 16);
  let t: Tokens;
  if (spare !== null && spare.kind.length >= want) {
    t = spare;
    spare = null;
    t.count = 0; t.comments = []; t.error = null; t.errorAt = new Map(); t.versionUses = []; t.unclosed = null; t.nonAsciiNames = null; t.repairs = 0; t.lineCount = -1; t.lineStartCount = 0;
  } else t = new Tokens(want);
  const tokenizer = new Tokenizer(src, t, recordLineStarts);
  tokenizer.repairUnclosed = repairUnclosed;
  return tokenizer.run();
}

/** Words that start a statement and cannot continue an expression on a new line. */
const STATEMENT_WORDS = new Set(['def', 'class', 'return', 'import', 'raise', 'pass', 'break', 'continue', 'del',
  'global', 'nonlocal', 'assert', 'try', 'while', 'with', 'elif', 'except', 'finally']);

/** Gives a token table back for reuse once the parser is done with it. */
export function releaseTokens(t: Tokens): void {
  if (t.kind.length <= SPARE_MAX && (spare === null || spare.kind.length < t.kind.length)) spare = t;
}

class Tokenizer {
  src: string;
  len: number;
  pos = 0;
  t: Tokens;
  line = 1;
  lineStart = 0;
  /** offset of the first non-ASCII char on the current line (or a huge number) */
  nonAscii = 0x7fffffff;
  colCacheOff = 0;
  colCacheByte = 0;
  level = 0;
  parenStack: number[] = [];   // char codes
  parenLines: number[] = [];
  parenCols: number[] = [];
  indents: number[] = [0];
  altIndents: number[] = [0];
  modes: FMode[] = [];
  atBol = true;
  prevLineStart = 0;
  /** a token was emitted on this logical line (so NEWLINE is due) */
  lineHasTokens = false;
  stopped = false;
  repairUnclosed = false;
  /** indentation of the statement in which the outermost open bracket was opened */
  bracketStmtIndent = 0;
  /** An error waiting for its ERROR token and the skip to the next line. */
  failed: TokError | null = null;
  failedFatal = false;

  constructor(src: string, tokens: Tokens, readonly recordLineStarts: boolean) {
    this.src = src;
    this.len = src.length;
    this.t = tokens;
    if (src.charCodeAt(0) === 0xfeff) { this.pos = 1; this.lineStart = 1; }
    if (recordLineStarts) {
      tokens.lineStarts[0] = this.lineStart;
      tokens.lineStartCount = 1;
    }
  }

  col(off: number): number {
    if (off <= this.nonAscii) return off - this.lineStart;
    if (this.colCacheOff < this.nonAscii || this.colCacheOff > off) {
      this.colCacheOff = this.nonAscii;
      this.colCacheByte = this.nonAscii - this.lineStart;
    }
    this.colCacheByte += utf8Length(this.src, this.colCacheOff, off);
    this.colCacheOff = off;
    return this.colCacheByte;
  }

  markNonAscii(off: number): void {
    if (off < this.nonAscii) this.nonAscii = off;
  }

  newLine(nextLineStart: number): void {
    if (this.recordLineStarts) {
      const t = this.t;
      if (t.lineStartCount === t.lineStarts.length) {
        const grown = new Int32Array(t.lineStarts.length * 2);
        grown.set(t.lineStarts);
        t.lineStarts = grown;
      }
      t.lineStarts[t.lineStartCount++] = nextLineStart;
    }
    this.prevLineStart = this.lineStart;
    this.line++;
    this.lineStart = nextLineStart;
    this.nonAscii = 0x7fffffff;
    this.colCacheOff = nextLineStart;
    this.colCacheByte = 0;
  }

  emit(kind: T, start: number, sLine: number, sCol: number): void {
    const t = this.t;
    if (t.count === t.kind.length) t.grow();
    const i = t.count++;
    t.kind[i] = kind;
    t.level[i] = this.level;
    t.start[i] = start;
    t.end[i] = this.pos;
    t.sLine[i] = sLine;
    t.sCol[i] = sCol;
    t.eLine[i] = this.line;
    t.eCol[i] = this.col(this.pos);
  }

  /** A token whose start is on the current line. */
  emitHere(kind: T, start: number): void {
    this.emit(kind, start, this.line, this.col(start));
  }

  /**
   * Records a tokenizer error. Tokenizing goes on at the next line (so the parser can recover and
   * keep the rest of the file) unless the error is `fatal` (EOF reached, limits exceeded).
   */
  fail(message: string, lineno: number, col: number, kind: TokError['kind'] = 'syntax', fatal = false): void {
    const overrides = kind === 'syntax' && this.modes.length === 0 && !message.startsWith('unexpected ');
    const err: TokError = { message, lineno, col, endLineno: lineno, endCol: col + 1, kind, overrides };
    if (!overrides && kind === 'syntax' && this.modes.length === 0 && this.level > 0) {
      const k = this.level - 1;
      err.openBracket = { lineno: this.parenLines[k], col: this.parenCols[k], char: String.fromCharCode(this.parenStack[k]) };
    }
    if (!this.t.error) this.t.error = err;
    if (this.failed === null) this.failed = err;
    if (fatal || this.pos >= this.len) this.failedFatal = true;
  }

  /** Emits the ERROR token of a pending error and skips what is left of the broken line. */
  afterError(): void {
    const err = this.failed!;
    this.failed = null;
    this.errorToken(err);
    if (this.failedFatal) { this.stopped = true; return; }
    // drop f-string and bracket state: the rest of the line belongs to the broken statement
    this.modes.length = 0;
    this.level = 0;
    this.parenStack.length = 0; this.parenLines.length = 0; this.parenCols.length = 0;
    const src = this.src;
    let p = this.pos;
    while (p < this.len) {
      const c = src.charCodeAt(p);
      if (c === 10 || c === 13) break;
      if (c >= 128) this.markNonAscii(p);
      p++;
    }
    this.pos = p;
    this.lineHasTokens = true;
  }

  errorToken(err: TokError): void {
    const t = this.t;
    if (t.count === t.kind.length) t.grow();
    const i = t.count++;
    t.kind[i] = T.ERROR; t.level[i] = this.level; t.start[i] = this.pos; t.end[i] = this.pos;
    t.sLine[i] = err.lineno; t.sCol[i] = err.col; t.eLine[i] = err.endLineno; t.eCol[i] = err.endCol;
    t.errorAt.set(i, err);
  }

  run(): Tokens {
    const src = this.src;
    const len = this.len;
    while (!this.stopped) {
      if (this.failed !== null) { this.afterError(); continue; }
      if (this.modes.length > 0) {
        const m = this.modes[this.modes.length - 1];
        if (m.mode !== M.EXPR) { this.fstringMiddle(m); continue; }
      }
      if (this.atBol) {
        this.atBol = false;
        if (this.level === 0 && this.indentation()) continue;
        if (this.stopped) break;
        if (this.failed !== null) continue;
      }
      // skip blanks
      let c = src.charCodeAt(this.pos);
      while (c === 32 || c === 9 || c === 12) c = src.charCodeAt(++this.pos);
      const start = this.pos;
      if (this.pos >= len) { this.eof(); break; }
      if (c === 35) { this.comment(); continue; }
      if (c === 10 || c === 13) {
        const nl = c === 13 && src.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
        if (this.level === 0 && this.lineHasTokens) {
          const sc = this.col(start);
          this.pos += nl;
          this.emit(T.NEWLINE, start, this.line, sc);
          // CPython's NEWLINE token ends where it starts + 1 on the same line
          const t = this.t; t.eLine[t.count - 1] = this.line; t.eCol[t.count - 1] = sc + 1;
          this.lineHasTokens = false;
          this.newLine(this.pos);
          this.atBol = true;
        } else {
          if (this.repairUnclosed && this.level > 0 && this.modes.length === 0 && this.startsStatement(this.pos + nl)) {
            this.closeUnclosed(start, nl);
            continue;
          }
          if (this.modes.length > 0 && !this.modes[this.modes.length - 1].triple) {
            this.use('line break in a replacement field of a single-quoted f-string', 12, this.line, this.col(start));
          }
          this.pos += nl;
          this.newLine(this.pos);
          if (this.level === 0) this.atBol = true;
        }
        continue;
      }
      this.lineHasTokens = true;
      if (isIdStart(c)) { this.nameOrString(start); continue; }
      if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(this.pos + 1)))) { this.number(start); continue; }
      if (c === 34 || c === 39) { this.string(start, start); continue; }
      if (c === 92) { this.continuation(); continue; }
      this.operator(c, start);
    }
    if (this.failed !== null) this.afterError();
    if (this.t.count === 0 || this.t.kind[this.t.count - 1] !== T.EOF) this.emitEnd(T.EOF);
    if (this.pos >= this.len) this.t.lineCount = this.pos > this.lineStart ? this.line : this.line - 1;
    return this.t;
  }

  /** The line CPython is on at EOF: a final line break does not start a new line. */
  lastLine(): number {
    return this.pos > this.lineStart || this.line === 1 ? this.line : this.line - 1;
  }

  emitAt(kind: T, line: number, col: number): void {
    const t = this.t;
    if (t.count === t.kind.length) t.grow();
    const i = t.count++;
    t.kind[i] = kind; t.level[i] = this.level; t.start[i] = this.pos; t.end[i] = this.pos;
    t.sLine[i] = line; t.sCol[i] = col; t.eLine[i] = line; t.eCol[i] = col;
  }

  emitEnd(kind: T): void {
    const t = this.t;
    if (t.count === t.kind.length) t.grow();
    const i = t.count++;
    const l = this.line;
    const c = this.pos <= this.len ? this.col(Math.min(this.pos, this.len)) : 0;
    t.kind[i] = kind; t.start[i] = this.pos; t.end[i] = this.pos;
    t.sLine[i] = l; t.sCol[i] = c; t.eLine[i] = l; t.eCol[i] = c;
  }

  eof(): void {
    if (this.modes.length > 0) {
      const m = this.modes[this.modes.length - 1];
      if (m.mode === M.EXPR && this.level > 0) {
        // EOF inside a replacement field is EOF inside brackets: the innermost one is reported
        const k = this.level - 1;
        this.fail(`'${String.fromCharCode(this.parenStack[k])}' was never closed`, this.parenLines[k], this.parenCols[k], 'syntax', true);
        return;
      }
      this.fail(m.triple ? 'unterminated triple-quoted f-string literal (detected at line ' + this.lastLine() + ')' : "f-string: expecting '}'", m.startLine, 0, 'syntax', true);
      return;
    }
    if (this.level > 0) {
      const k = this.level - 1;
      this.t.unclosed = { lineno: this.parenLines[k], col: this.parenCols[k], char: String.fromCharCode(this.parenStack[k]) };
    }
    if (this.lineHasTokens && this.level === 0) {
      this.emitEnd(T.NEWLINE);
      this.lineHasTokens = false;
    }
    // CPython puts the tokens at EOF at the end of the last line read
    let line = this.line, col: number;
    if (this.pos > this.lineStart || this.line === 1) col = this.col(this.pos);
    else {
      line = this.line - 1;
      let end = this.lineStart;
      if (this.src.charCodeAt(end - 1) === 10) end--;
      if (this.src.charCodeAt(end - 1) === 13) end--;
      col = utf8Length(this.src, this.prevLineStart, end);
    }
    if (this.level === 0) {
      for (let k = this.indents.length - 1; k > 0; k--) this.emitAt(T.DEDENT, line, col);
    }
    this.emitAt(T.EOF, line, col);
    this.stopped = true;
  }

  /** Measures the indentation of a new line; returns true when the line is blank (skipped). */
  indentation(): boolean {
    const src = this.src;
    let col = 0, alt = 0;
    let p = this.pos;
    // a backslash continuation inside the indentation: the column of the first one counts
    let contCol = 0;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 32) { col++; alt++; }
      else if (c === 9) { col = ((col >> 3) + 1) << 3; alt++; }
      else if (c === 12) { col = alt = 0; }
      else if (c === 92) {
        const d = src.charCodeAt(p + 1);
        if (d !== 10 && d !== 13) {
          this.pos = p;
          this.fail('unexpected character after line continuation character', this.line, this.col(p) + 1);
          return false;
        }
        if (contCol === 0) contCol = col;
        p += d === 13 && src.charCodeAt(p + 2) === 10 ? 3 : 2;
        this.newLine(p);
        continue;
      }
      else break;
      p++;
    }
    if (contCol !== 0) { col = contCol; alt = contCol; }
    const c = src.charCodeAt(p);
    if (c === 35 || c === 10 || c === 13 || p >= this.len) {
      // blank line: no indentation change; an unterminated line at EOF is handled by eof()
      this.pos = p;
      if (p >= this.len) return false;
      if (c === 35) { this.comment(); }
      // the newline is consumed by the main loop without emitting NEWLINE
      return true;
    }
    this.pos = p;
    const indents = this.indents, alts = this.altIndents;
    const top = indents[indents.length - 1];
    // Indentation errors get their ERROR token right away; tokenizing then goes on with this
    // line's tokens at the nearest consistent level, so the parser can resume after it.
    if (col === top) {
      if (alt !== alts[alts.length - 1]) this.tabError();
    } else if (col > top) {
      if (indents.length >= MAXINDENT) { this.fail('too many levels of indentation', this.line, 0, 'indent', true); return false; }
      if (alt <= alts[alts.length - 1]) this.tabError();
      indents.push(col); alts.push(alt);
      this.emit(T.INDENT, this.lineStart, this.line, 0);
      const t = this.t; t.eCol[t.count - 1] = this.col(p);
    } else {
      // check the target level before emitting any DEDENT, as CPython does
      let depth = indents.length - 1;
      while (depth > 0 && col < indents[depth]) depth--;
      if (col !== indents[depth]) {
        this.indentError('unindent does not match any outer indentation level', this.col(p));
        depth++; // recover: the line stays in the innermost block it is indented into
      } else if (alt !== alts[depth]) this.tabError();
      while (indents.length - 1 > depth) {
        indents.pop(); alts.pop();
        this.emit(T.DEDENT, p, this.line, this.col(p));
      }
    }
    return false;
  }

  tabError(): void {
    this.indentError('inconsistent use of tabs and spaces in indentation', this.col(this.pos));
  }

  indentError(message: string, col: number): void {
    this.fail(message, this.line, col, 'indent');
    const err = this.failed!;
    this.failed = null;
    this.errorToken(err);
  }

  comment(): void {
    const src = this.src;
    const start = this.pos;
    let p = start;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 10 || c === 13 || p >= this.len) break;
      if (c >= 128) this.markNonAscii(p);
      p++;
    }
    this.pos = p;
    const inF = this.modes.length > 0;
    if (inF) this.use('comment in f-string replacement field', 12, this.line, this.col(start));
    this.t.comments.push({ text: src.slice(start, p), lineno: this.line, col_offset: this.col(start), end_col_offset: this.col(p) });
  }

  use(feature: string, minor: number, lineno: number, col: number): void {
    this.t.versionUses.push({ feature, minor, lineno, col });
  }

  continuation(): void {
    const src = this.src;
    const c = src.charCodeAt(this.pos + 1);
    if (c === 10 || c === 13) {
      this.pos += c === 13 && src.charCodeAt(this.pos + 2) === 10 ? 3 : 2;
      this.newLine(this.pos);
      if (this.pos >= this.len) { this.fail('unexpected EOF while parsing', this.line, 0, 'syntax', true); }
      if (this.modes.length > 0) this.use('backslash in f-string replacement field', 12, this.line, 0);
      return;
    }
    if (this.pos + 1 >= this.len) { this.fail('unexpected EOF while parsing', this.line, this.col(this.pos), 'syntax', true); return; }
    this.fail('unexpected character after line continuation character', this.line, this.col(this.pos) + 1);
  }

  nameOrString(start: number): void {
    const src = this.src;
    // string prefixes
    let p = start;
    let sawB = false, sawR = false, sawU = false, sawF = false;
    for (;;) {
      const c = src.charCodeAt(p) | 0x20;
      if (!(sawB || sawU || sawF) && c === 98) sawB = true;
      else if (!(sawB || sawU || sawR || sawF) && c === 117) sawU = true;
      else if (!(sawR || sawU) && c === 114) sawR = true;
      else if (!(sawF || sawB || sawU) && c === 102) sawF = true;
      else break;
      p++;
      const q = src.charCodeAt(p);
      if (q === 34 || q === 39) {
        this.pos = p;
        if (sawF) this.fstringStart(start, sawR);
        else this.string(start, p);
        return;
      }
    }
    p = start;
    let c = src.charCodeAt(p);
    let ascii = true;
    while (isIdChar(c)) {
      if (c >= 128) { ascii = false; this.markNonAscii(p); }
      c = src.charCodeAt(++p);
    }
    this.pos = p;
    if (!ascii && !this.verifyIdentifier(start, p)) return;
    const kw = ascii ? keywordAt(src, start, p - start) : T.NAME;
    if (!ascii) (this.t.nonAsciiNames ??= new Set()).add(this.t.count);
    this.emitHere(kw, start);
  }

  /** CPython checks the identifier as written (before NFKC) against XID_Start / XID_Continue. */
  verifyIdentifier(start: number, end: number): boolean {
    const src = this.src;
    let off = start;
    for (const ch of src.slice(start, end)) {
      if (off === start ? !ID_START_RE.test(ch) : !ID_CONT_RE.test(ch)) {
        const cp = ch.codePointAt(0) ?? 0;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
        this.fail(printable ? `invalid character '${ch}' (U+${hex})` : `invalid non-printable character U+${hex}`, this.line, this.col(off));
        return false;
      }
      off += ch.length;
    }
    return true;
  }

  number(start: number): void {
    const src = this.src;
    let p = start;
    let c = src.charCodeAt(p);
    const bad = (msg: string, at: number): void => { this.pos = at; this.fail(msg, this.line, this.col(at)); };
    if (c === 48) {
      const x = src.charCodeAt(p + 1) | 0x20;
      if (x === 120 || x === 111 || x === 98) {
        const kind = x === 120 ? 'hexadecimal' : x === 111 ? 'octal' : 'binary';
        p += 2;
        let any = false;
        for (;;) {
          c = src.charCodeAt(p);
          if (c === 95) { c = src.charCodeAt(++p); }
          const ok = x === 120 ? (isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102)) : x === 111 ? (c >= 48 && c <= 55) : (c === 48 || c === 49);
          if (!ok) {
            if (isDigit(c)) { bad(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`, p); return; }
            if (!any || src.charCodeAt(p - 1) === 95) { bad(`invalid ${kind} literal`, p); return; }
            break;
          }
          any = true;
          p++;
        }
        if (!this.endOfNumber(p, kind)) return;
        this.pos = p;
        this.emitHere(T.NUMBER, start);
        return;
      }
    }
    // decimal: integer part
    let leadingZeroNonzero = false;
    let allZero = true;
    if (c !== 46) {
      for (;;) {
        c = src.charCodeAt(p);
        if (isDigit(c)) { if (c !== 48) allZero = false; p++; continue; }
        if (c === 95) {
          if (!isDigit(src.charCodeAt(p + 1))) { bad('invalid decimal literal', p + 1); return; }
          p++; continue;
        }
        break;
      }
      if (src.charCodeAt(start) === 48 && !allZero) leadingZeroNonzero = true;
    }
    let isFloat = false;
    c = src.charCodeAt(p);
    if (c === 46) {
      isFloat = true;
      p++;
      c = src.charCodeAt(p);
      if (isDigit(c)) {
        for (;;) {
          c = src.charCodeAt(p);
          if (isDigit(c)) { p++; continue; }
          if (c === 95) {
            if (!isDigit(src.charCodeAt(p + 1))) { bad('invalid decimal literal', p + 1); return; }
            p++; continue;
          }
          break;
        }
      }
    }
    c = src.charCodeAt(p);
    if ((c | 0x20) === 101) {
      // exponent
      let q = p + 1;
      let d = src.charCodeAt(q);
      if (d === 43 || d === 45) { q++; d = src.charCodeAt(q); }
      if (isDigit(d)) {
        isFloat = true;
        p = q;
        for (;;) {
          c = src.charCodeAt(p);
          if (isDigit(c)) { p++; continue; }
          if (c === 95) {
            if (!isDigit(src.charCodeAt(p + 1))) { bad('invalid decimal literal', p + 1); return; }
            p++; continue;
          }
          break;
        }
      } else if (d === 43 || d === 45 || src.charCodeAt(p + 1) === 43 || src.charCodeAt(p + 1) === 45) {
        bad('invalid decimal literal', q); return;
      }
    }
    c = src.charCodeAt(p);
    if ((c | 0x20) === 106) {
      p++;
      if (!this.endOfNumber(p, 'imaginary')) return;
    } else {
      if (!isFloat && leadingZeroNonzero) {
        this.pos = start;
        this.fail('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', this.line, this.col(start) + 1);
        return;
      }
      if (!this.endOfNumber(p, 'decimal')) return;
    }
    this.pos = p;
    this.emitHere(T.NUMBER, start);
  }

  /** CPython's verify_end_of_number: a number glued to a name is an error (except a few keywords). */
  endOfNumber(p: number, kind: string): boolean {
    const src = this.src;
    const c = src.charCodeAt(p);
    if (!isIdChar(c)) return true;
    const rest = src.slice(p, p + 5);
    if (/^(and|else|for|if|in|is|or|not)/.test(rest)) return true;
    if (c >= 128) return true;
    this.pos = p;
    this.fail(`invalid ${kind} literal`, this.line, this.col(p));
    return false;
  }

  /** A plain (non-f) string from its quote at `q`; `start` includes the prefix. */
  string(start: number, q: number): void {
    const src = this.src;
    const sLine = this.line;
    const sCol = this.col(start);
    const quote = src.charCodeAt(q);
    let p = q + 1;
    const triple = src.charCodeAt(p) === quote && src.charCodeAt(p + 1) === quote;
    if (triple) p += 2;
    const inF = this.modes.length > 0;
    if (inF) this.checkFQuote(quote, triple, sLine, sCol);
    for (;;) {
      if (p >= this.len) {
        this.pos = p;
        if (triple) this.fail(`unterminated triple-quoted string literal (detected at line ${this.lastLine()})`, sLine, sCol, 'syntax');
        else this.fail(`unterminated string literal (detected at line ${sLine})`, sLine, sCol);
        return;
      }
      const c = src.charCodeAt(p);
      if (c === quote) {
        if (!triple) { p++; break; }
        if (src.charCodeAt(p + 1) === quote && src.charCodeAt(p + 2) === quote) { p += 3; break; }
        p++;
        continue;
      }
      if (c === 92) {
        if (inF) this.use('backslash in f-string replacement field', 12, this.line, 0);
        const d = src.charCodeAt(p + 1);
        if (d === 10 || d === 13) {
          p += d === 13 && src.charCodeAt(p + 2) === 10 ? 3 : 2;
          this.newLine(p);
          continue;
        }
        if (d >= 128) this.markNonAscii(p + 1);
        p += 2;
        continue;
      }
      if (c === 10 || c === 13) {
        if (!triple) {
          this.pos = p;
          this.fail(`unterminated string literal (detected at line ${sLine})`, sLine, sCol);
          return;
        }
        p += c === 13 && src.charCodeAt(p + 1) === 10 ? 2 : 1;
        this.newLine(p);
        continue;
      }
      if (c >= 128) this.markNonAscii(p);
      p++;
    }
    this.pos = p;
    this.emit(T.STRING, start, sLine, sCol);
  }

  /** Inside a replacement field, reusing an enclosing f-string's quote is PEP 701 (3.12). */
  checkFQuote(quote: number, triple: boolean, line: number, col: number): void {
    for (const m of this.modes) {
      if (m.mode !== M.EXPR && m.quote === quote && (!m.triple || triple)) { this.use('nested f-string using the same quotes', 12, line, col); return; }
    }
  }

  fstringStart(start: number, raw: boolean): void {
    const src = this.src;
    const q = this.pos;
    const quote = src.charCodeAt(q);
    const triple = src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
    const sLine = this.line, sCol = this.col(start);
    if (this.modes.length > 0) {
      this.checkFQuote(quote, triple, sLine, sCol);
      let nested = 0;
      for (const m of this.modes) if (m.mode === M.FLIT) nested++;
      if (nested >= MAX_FSTRING_LEVEL) { this.fail('too many nested f-strings', sLine, sCol, 'syntax', true); return; }
    }
    this.pos = q + (triple ? 3 : 1);
    this.emit(T.FSTRING_START, start, sLine, sCol);
    this.modes.push({ mode: M.FLIT, quote, triple, raw, level: this.level, startLine: sLine });
  }

  /** Scans literal text of an f-string (or of a format spec) up to `{`, `}` or the closing quote. */
  fstringMiddle(m: FMode): void {
    const src = this.src;
    const start = this.pos;
    const sLine = this.line, sCol = this.col(start);
    const spec = m.mode === M.FSPEC;
    let p = start;
    const flush = (): void => {
      if (p > start) { this.pos = p; this.emit(T.FSTRING_MIDDLE, start, sLine, sCol); }
      this.pos = p;
    };
    for (;;) {
      if (p >= this.len) {
        this.pos = p;
        if (m.triple) this.fail(`unterminated triple-quoted f-string literal (detected at line ${this.lastLine()})`, m.startLine, 0);
        else this.fail(`unterminated f-string literal (detected at line ${this.line})`, m.startLine, 0);
        return;
      }
      const c = src.charCodeAt(p);
      if (c === m.quote && (!m.triple || (src.charCodeAt(p + 1) === c && src.charCodeAt(p + 2) === c))) {
        if (spec) { this.pos = p; this.fail("f-string: expecting '}'", this.line, this.col(p)); return; }
        flush();
        this.pos = p + (m.triple ? 3 : 1);
        this.emit(T.FSTRING_END, p, this.line, this.col(p));
        this.modes.pop();
        return;
      }
      if (c === 123) {
        if (!spec && src.charCodeAt(p + 1) === 123) { p += 2; continue; }
        flush();
        if (spec) {
          let specs = 0;
          for (let k = this.modes.length - 1; k >= 0 && this.modes[k].mode !== M.FLIT; k--) if (this.modes[k].mode === M.FSPEC) specs++;
          if (specs >= 3) { this.pos = p; this.fail('f-string: expressions nested too deeply', this.line, this.col(p)); return; }
          if (specs >= 2) this.use('deeply nested format specifier', 12, this.line, this.col(p));
        }
        if (this.level >= MAXLEVEL) { this.fail('too many nested parentheses', this.line, this.col(p), 'syntax', true); return; }
        this.pos = p + 1;
        this.parenStack.push(123); this.parenLines.push(this.line); this.parenCols.push(this.col(p));
        this.level++;
        this.emit(T.LBRACE, p, this.line, this.col(p));
        this.modes.push({ mode: M.EXPR, quote: m.quote, triple: m.triple, raw: m.raw, level: this.level, startLine: m.startLine });
        this.lineHasTokens = true;
        return;
      }
      if (c === 125) {
        if (spec) { flush(); this.modes.pop(); return; }
        if (src.charCodeAt(p + 1) === 125) { p += 2; continue; }
        this.pos = p;
        this.fail("f-string: single '}' is not allowed", this.line, this.col(p));
        return;
      }
      if (c === 92) {
        const d = src.charCodeAt(p + 1);
        if (d === 10 || d === 13) {
          p += d === 13 && src.charCodeAt(p + 2) === 10 ? 3 : 2;
          this.newLine(p);
          continue;
        }
        if (!m.raw && d === 78 && src.charCodeAt(p + 2) === 123) {
          // \N{NAME}: the braces belong to the escape
          let e = p + 3;
          while (e < this.len && src.charCodeAt(e) !== 125 && src.charCodeAt(e) !== m.quote && src.charCodeAt(e) !== 10) e++;
          if (src.charCodeAt(e) === 125) { p = e + 1; continue; }
        }
        if (d === m.quote || d === 92) { p += 2; continue; }
        p++;
        continue;
      }
      if (c === 10 || c === 13) {
        if (!m.triple) {
          this.pos = p;
          if (spec) this.fail('f-string: newlines are not allowed in format specifiers for single quoted f-strings', this.line, this.col(p));
          else this.fail(`unterminated f-string literal (detected at line ${this.line})`, m.startLine, 0);
          return;
        }
        p += c === 13 && src.charCodeAt(p + 1) === 10 ? 2 : 1;
        this.newLine(p);
        continue;
      }
      if (c >= 128) this.markNonAscii(p);
      p++;
    }
  }

  /** Whether the next non-blank line starts a new statement at or left of the open statement. */
  startsStatement(from: number): boolean {
    const src = this.src;
    let p = from;
    for (;;) {
      let col = 0;
      while (p < this.len) {
        const c = src.charCodeAt(p);
        if (c === 32) col++;
        else if (c === 9) col = ((col >> 3) + 1) << 3;
        else if (c === 12) col = 0;
        else break;
        p++;
      }
      const c = src.charCodeAt(p);
      if (c === 10 || c === 13 || c === 35) {
        // blank or comment line: look at the next one
        while (p < this.len && src.charCodeAt(p) !== 10 && src.charCodeAt(p) !== 13) p++;
        if (p >= this.len) return false;
        p += src.charCodeAt(p) === 13 && src.charCodeAt(p + 1) === 10 ? 2 : 1;
        continue;
      }
      if (p >= this.len || col > this.bracketStmtIndent) return false;
      if (c === 64) return true;
      let e = p;
      while (e < this.len && isIdChar(src.charCodeAt(e))) e++;
      return STATEMENT_WORDS.has(src.slice(p, e)) || (e > p && this.startsAssignment(e));
    }
  }

  /**
   * After a name at `from`: `.attr`… then `=` (not `==`), an augmented `op=` or an annotation `:`,
   * i.e. a line that reads as an assignment statement, which a continuation line of an open
   * bracket rarely does at the statement's own indentation.
   */
  startsAssignment(from: number): boolean {
    const src = this.src;
    let p = from;
    for (;;) {
      while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9) p++;
      if (src.charCodeAt(p) !== 46) break;
      p++;
      while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9) p++;
      const s = p;
      while (p < this.len && isIdChar(src.charCodeAt(p))) p++;
      if (p === s) return false;
    }
    const c = src.charCodeAt(p);
    const next = src.charCodeAt(p + 1);
    if (c === 61) return next !== 61; // `=` but not `==`
    if (c === 58) return next !== 61; // an annotation, not the walrus `:=`
    // `+=`, `-=`, `*=`, `/=`, `%=`, `&=`, `|=`, `^=`, `@=`, and the doubled `//=`, `**=`, `>>=`, `<<=`
    if ('+-*/%&|^@'.includes(src[p] ?? '') && next === 61) return true;
    if ((c === 47 || c === 42 || c === 62 || c === 60) && next === c && src.charCodeAt(p + 2) === 61) return true;
    return false;
  }

  /** repairUnclosed: end the statement here as if its open brackets had been closed. */
  closeUnclosed(at: number, nl: number): void {
    const lineno = this.parenLines[0], col = this.parenCols[0];
    const err: TokError = { message: `'${String.fromCharCode(this.parenStack[0])}' was never closed`, lineno, col, endLineno: lineno, endCol: col + 1, kind: 'unclosed', overrides: false };
    if (!this.t.error) this.t.error = err;
    this.pos = at;
    this.errorToken(err);
    this.level = 0;
    this.parenStack.length = 0; this.parenLines.length = 0; this.parenCols.length = 0;
    this.t.repairs++;
    const sc = this.col(at);
    this.pos = at + nl;
    this.emit(T.NEWLINE, at, this.line, sc);
    this.lineHasTokens = false;
    this.newLine(this.pos);
    this.atBol = true;
  }

  openParen(c: number, start: number): void {
    if (this.level >= MAXLEVEL) { this.fail('too many nested parentheses', this.line, this.col(start), 'syntax', true); return; }
    if (this.level === 0) this.bracketStmtIndent = this.indents[this.indents.length - 1];
    this.parenStack.push(c); this.parenLines.push(this.line); this.parenCols.push(this.col(start));
    this.level++;
  }

  closeParen(c: number, start: number): boolean {
    if (this.level === 0) {
      this.fail(`unmatched '${String.fromCharCode(c)}'`, this.line, this.col(start));
      return false;
    }
    const open = this.parenStack[this.level - 1];
    const want = open === 40 ? 41 : open === 91 ? 93 : 125;
    if (c !== want) {
      const ol = this.parenLines[this.level - 1];
      if (ol !== this.line) {
        this.fail(`closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}' on line ${ol}`, this.line, this.col(start));
      } else {
        this.fail(`closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}'`, this.line, this.col(start));
      }
      return false;
    }
    this.parenStack.pop(); this.parenLines.pop(); this.parenCols.pop();
    this.level--;
    return true;
  }

  operator(c: number, start: number): void {
    const src = this.src;
    const c1 = src.charCodeAt(start + 1);
    const c2 = src.charCodeAt(start + 2);
    let kind: T;
    let n = 1;
    const top = this.modes.length > 0 ? this.modes[this.modes.length - 1] : null;
    const fieldLevel = top !== null && top.mode === M.EXPR && this.level === top.level;
    switch (c) {
      case 40: kind = T.LPAR; this.openParen(c, start); break;
      case 91: kind = T.LSQB; this.openParen(c, start); break;
      case 123: kind = T.LBRACE; this.openParen(c, start); break;
      case 41: kind = T.RPAR; if (!this.closeParen(c, start)) return; break;
      case 93: kind = T.RSQB; if (!this.closeParen(c, start)) return; break;
      case 125:
        kind = T.RBRACE;
        if (fieldLevel) {
          this.closeParen(c, start);
          this.pos = start + 1;
          this.emitHere(kind, start);
          this.modes.pop();
          return;
        }
        if (!this.closeParen(c, start)) return;
        break;
      case 58:
        if (fieldLevel) {
          this.pos = start + 1;
          this.emitHere(T.COLON, start);
          this.modes.push({ mode: M.FSPEC, quote: top!.quote, triple: top!.triple, raw: top!.raw, level: this.level, startLine: top!.startLine });
          return;
        }
        if (c1 === 61) { kind = T.COLONEQUAL; n = 2; } else kind = T.COLON;
        break;
      case 44: kind = T.COMMA; break;
      case 59: kind = T.SEMI; break;
      case 46:
        if (c1 === 46 && c2 === 46) { kind = T.ELLIPSIS; n = 3; } else kind = T.DOT;
        break;
      case 64: if (c1 === 61) { kind = T.ATEQUAL; n = 2; } else kind = T.AT; break;
      case 61: if (c1 === 61) { kind = T.EQEQUAL; n = 2; } else kind = T.EQUAL; break;
      case 33:
        if (c1 === 61) { kind = T.NOTEQUAL; n = 2; } else kind = T.EXCLAMATION;
        break;
      case 60:
        if (c1 === 61) { kind = T.LESSEQUAL; n = 2; }
        else if (c1 === 60) { if (c2 === 61) { kind = T.LEFTSHIFTEQUAL; n = 3; } else { kind = T.LEFTSHIFT; n = 2; } }
        else if (c1 === 62) { kind = T.LTGT; n = 2; }
        else kind = T.LESS;
        break;
      case 62:
        if (c1 === 61) { kind = T.GREATEREQUAL; n = 2; }
        else if (c1 === 62) { if (c2 === 61) { kind = T.RIGHTSHIFTEQUAL; n = 3; } else { kind = T.RIGHTSHIFT; n = 2; } }
        else kind = T.GREATER;
        break;
      case 43: if (c1 === 61) { kind = T.PLUSEQUAL; n = 2; } else kind = T.PLUS; break;
      case 45:
        if (c1 === 61) { kind = T.MINEQUAL; n = 2; }
        else if (c1 === 62) { kind = T.RARROW; n = 2; }
        else kind = T.MINUS;
        break;
      case 42:
        if (c1 === 42) { if (c2 === 61) { kind = T.DOUBLESTAREQUAL; n = 3; } else { kind = T.DOUBLESTAR; n = 2; } }
        else if (c1 === 61) { kind = T.STAREQUAL; n = 2; }
        else kind = T.STAR;
        break;
      case 47:
        if (c1 === 47) { if (c2 === 61) { kind = T.DOUBLESLASHEQUAL; n = 3; } else { kind = T.DOUBLESLASH; n = 2; } }
        else if (c1 === 61) { kind = T.SLASHEQUAL; n = 2; }
        else kind = T.SLASH;
        break;
      case 37: if (c1 === 61) { kind = T.PERCENTEQUAL; n = 2; } else kind = T.PERCENT; break;
      case 38: if (c1 === 61) { kind = T.AMPEREQUAL; n = 2; } else kind = T.AMPER; break;
      case 124: if (c1 === 61) { kind = T.VBAREQUAL; n = 2; } else kind = T.VBAR; break;
      case 94: if (c1 === 61) { kind = T.CIRCUMFLEXEQUAL; n = 2; } else kind = T.CIRCUMFLEX; break;
      case 126: kind = T.TILDE; break;
      default: {
        if (c === 0) {
          this.fail('source code string cannot contain null bytes', this.line, this.col(start), 'syntax', true);
          return;
        }
        if (c >= 128) {
          const cp = src.codePointAt(start) ?? c;
          this.fail(`invalid character '${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, this.line, this.col(start));
          return;
        }
        if (c < 32 && c !== 9 && c !== 12) {
          this.fail('invalid non-printable character U+' + c.toString(16).toUpperCase().padStart(4, '0'), this.line, this.col(start));
          return;
        }
        kind = T.UNKNOWN;
      }
    }
    if (this.stopped) return;
    this.pos = start + n;
    this.emitHere(kind, start);
  }
}
