// Recursive-descent parser over the token table: builds CPython 3.13's `ast` with its exact
// positions (every node spans from its first token to its last consumed token, as pegen's EXTRA
// does), reports syntax errors CPython-style and resynchronizes at the next statement.

import type * as A from './ast.js';
import { T, tokenText } from './tokens.js';
import type { Tokens } from './tokenizer.js';
import { decodeStringToken, decodeBody, StringDecodeError } from './strings.js';
import { Kind } from './children.js';
import { calleeCode, ListedNodes } from './listed.js';

export class ParseFailure {
  /** Line of the furthest token the parser had looked at (CPython compares it to unclosed brackets). */
  furthestLine = 0;
  /**
   * Index of the `(` or `[` of the outermost call/subscript trailer this failure came out of, or -1.
   * pegen would back out of such a trailer and end the expression before it, which lets its
   * "forgot a comma" rule read the bracket as the start of a second expression.
   */
  trailerAt = -1;
  constructor(
    readonly message: string,
    readonly lineno: number, readonly col: number, readonly endLineno: number, readonly endCol: number,
    readonly kind: 'syntax' | 'indent' | 'token' | 'unclosed' | 'complex' = 'syntax',
  ) {}
}

export interface ParserError {
  message: string; lineno: number; col: number; endLineno: number; endCol: number; kind: ParseFailure['kind'];
  furthestLine: number;
  brokenRegion?: { startLine: number; endLine: number };
}

export interface VersionNote { feature: string; minor: number; lineno: number; col: number; endLineno: number; endCol: number }

const LOAD: A.Load = { _type: 'Load' };
const STORE: A.Store = { _type: 'Store' };
const DEL: A.Del = { _type: 'Del' };
const OP = {
  Add: { _type: 'Add' } as A.Add, Sub: { _type: 'Sub' } as A.Sub, Mult: { _type: 'Mult' } as A.Mult,
  MatMult: { _type: 'MatMult' } as A.MatMult, Div: { _type: 'Div' } as A.Div, Mod: { _type: 'Mod' } as A.Mod,
  Pow: { _type: 'Pow' } as A.Pow, LShift: { _type: 'LShift' } as A.LShift, RShift: { _type: 'RShift' } as A.RShift,
  BitOr: { _type: 'BitOr' } as A.BitOr, BitXor: { _type: 'BitXor' } as A.BitXor, BitAnd: { _type: 'BitAnd' } as A.BitAnd,
  FloorDiv: { _type: 'FloorDiv' } as A.FloorDiv,
};
const AND: A.And = { _type: 'And' };
const OR: A.Or = { _type: 'Or' };
const NOT: A.Not = { _type: 'Not' };
const INVERT: A.Invert = { _type: 'Invert' };
const UADD: A.UAdd = { _type: 'UAdd' };
const USUB: A.USub = { _type: 'USub' };
const CMP = {
  Eq: { _type: 'Eq' } as A.Eq, NotEq: { _type: 'NotEq' } as A.NotEq, Lt: { _type: 'Lt' } as A.Lt,
  LtE: { _type: 'LtE' } as A.LtE, Gt: { _type: 'Gt' } as A.Gt, GtE: { _type: 'GtE' } as A.GtE,
  Is: { _type: 'Is' } as A.Is, IsNot: { _type: 'IsNot' } as A.IsNot, In: { _type: 'In' } as A.In,
  NotIn: { _type: 'NotIn' } as A.NotIn,
};
const ELLIPSIS: A.PyEllipsis = { kind: 'ellipsis' };

/** Binary operator precedence by token kind (0: not a binary operator). */
const PREC = new Uint8Array(256);
const BINOP: (A.operator | undefined)[] = [];
function defBin(k: T, prec: number, op: A.operator): void { PREC[k] = prec; BINOP[k] = op; }
defBin(T.VBAR, 1, OP.BitOr);
defBin(T.CIRCUMFLEX, 2, OP.BitXor);
defBin(T.AMPER, 3, OP.BitAnd);
defBin(T.LEFTSHIFT, 4, OP.LShift); defBin(T.RIGHTSHIFT, 4, OP.RShift);
defBin(T.PLUS, 5, OP.Add); defBin(T.MINUS, 5, OP.Sub);
defBin(T.STAR, 6, OP.Mult); defBin(T.SLASH, 6, OP.Div); defBin(T.DOUBLESLASH, 6, OP.FloorDiv);
defBin(T.PERCENT, 6, OP.Mod); defBin(T.AT, 6, OP.MatMult);

const AUGOP: (A.operator | undefined)[] = [];
AUGOP[T.PLUSEQUAL] = OP.Add; AUGOP[T.MINEQUAL] = OP.Sub; AUGOP[T.STAREQUAL] = OP.Mult;
AUGOP[T.SLASHEQUAL] = OP.Div; AUGOP[T.PERCENTEQUAL] = OP.Mod; AUGOP[T.AMPEREQUAL] = OP.BitAnd;
AUGOP[T.VBAREQUAL] = OP.BitOr; AUGOP[T.CIRCUMFLEXEQUAL] = OP.BitXor; AUGOP[T.LEFTSHIFTEQUAL] = OP.LShift;
AUGOP[T.RIGHTSHIFTEQUAL] = OP.RShift; AUGOP[T.DOUBLESTAREQUAL] = OP.Pow; AUGOP[T.DOUBLESLASHEQUAL] = OP.FloorDiv;
AUGOP[T.ATEQUAL] = OP.MatMult;

/** Tokens that can begin an expression (star expressions included). */
const STARTS_EXPR = new Uint8Array(256);
for (const k of [T.NAME, T.NUMBER, T.STRING, T.FSTRING_START, T.LPAR, T.LSQB, T.LBRACE, T.MINUS, T.PLUS, T.TILDE,
  T.NOT, T.LAMBDA, T.AWAIT, T.NONE, T.TRUE, T.FALSE, T.ELLIPSIS, T.STAR]) STARTS_EXPR[k] = 1;

/** Tokens that, right after a complete expression inside brackets, mean a comma is missing. */
const JUXTAPOSED = new Uint8Array(256);
for (const k of [T.NAME, T.NUMBER, T.STRING, T.FSTRING_START, T.LBRACE, T.TILDE, T.LAMBDA, T.AWAIT, T.NONE, T.TRUE,
  T.FALSE, T.ELLIPSIS, T.NOT]) JUXTAPOSED[k] = 1;

// CPython 3.13's parser stack (MAXSTACK 6000) overflows past 5,967 nested unary operators or
// conditional expressions, and past 2,983 nested `**` or lambdas (two levels each): the same
// budget here ("Parser stack overflowed - Python source too complex to parse").
const MAX_DEPTH = 5968;
const TWO53 = 2 ** 53;

type Expr = A.expr;
type Stmt = A.stmt;

export class Parser {
  readonly src: string;
  readonly t: Tokens;
  readonly K: Uint8Array;
  readonly ST: Int32Array;
  readonly EN: Int32Array;
  readonly SL: Int32Array;
  readonly SC: Int32Array;
  readonly EL: Int32Array;
  readonly EC: Int32Array;
  i = 0;
  depth = 0;
  errors: ParserError[] = [];
  versionNotes: VersionNote[] = [];
  /**
   * The first `type X[T = default]` statement. When a file has a syntax error further down,
   * CPython's error pass re-reads such a statement as `type` followed by the expression
   * `X[T = default]` and reports that instead (a CPython quirk we mirror for same-line errors).
   */
  typeAliasDefault: { lineno: number; col: number; endLineno: number; endCol: number } | null = null;
  /** While re-reading an expression as pegen would: primary() takes no trailer starting here. */
  trailerLimit = -1;
  /** While reading pegen's `expression_without_invalid`: its forgot-a-comma rule is off. */
  withoutInvalid = false;
  /** nesting of function bodies (for `await`/`yield` nothing is checked: ast.parse allows them anywhere) */

  /**
   * Every lambda, comprehension, generator expression, walrus and yield built, in creation order
   * (a backtracked one may not end up in the tree): the only expressions that open a scope or bind
   * a name, so the semantic model can bind a scope from its statements plus these.
   */
  readonly scopingExpressions: A.expr[] = [];

  /** Every `global` and `nonlocal` statement built: they move bindings between scopes. */
  readonly declarations: (A.Global | A.Nonlocal)[] = [];

  /**
   * Every `name.attr(…)` call, `name op= …` statement and `name[…] = …` target built (`name` a plain
   * Name): the uses that show or change which kind of container a name holds, so the semantic
   * model can answer "is it grown, which methods are called on it" without walking a scope.
   */
  readonly containerUses: (A.Call | A.AugAssign | A.Subscript)[] = [];

  /** Every `name.attr` built (`name` a plain Name): where `self.attr` slots are looked for. */
  readonly nameAttributes: A.Attribute[] = [];

  /**
   * The nodes of `LISTED_KINDS`, as built (children before parents), with their tokens: the rule
   * dispatch visits them from this list rather than walking the tree. Parsing that backs out of
   * what it read drops what it listed there, so only nodes of the tree remain.
   */
  readonly listed = new ListedNodes();

  /** Every `import` and `from … import` statement built. */
  readonly imports: (A.Import | A.ImportFrom)[] = [];
  /** Every class statement built outside any def or class body (module level, maybe in an if/try/loop block). */
  readonly moduleLevelClasses: A.ClassDef[] = [];
  /** Whether an `async def` was built. */
  sawAsyncDef = false;
  /** How many def/class bodies enclose the statement being parsed. */
  private definitionDepth = 0;

  /** A def's or class's body, with `definitionDepth` counting it (and restored on a syntax error). */
  private definitionBody(parse: () => Stmt[]): Stmt[] {
    this.definitionDepth++;
    try {
      return parse();
    } finally {
      this.definitionDepth--;
    }
  }

  /** Record a declaration (see `declarations`) and return it. */
  declared<N extends A.Global | A.Nonlocal>(node: N): N {
    if (this.indexing) this.declarations.push(node);
    return node;
  }

  /** Record a node of a listed kind (see `listed`) and return it; `from`..`to` are its tokens. */
  list<N extends A.Node>(node: N, kind: Kind, from: number, to: number): N {
    if (this.indexing) this.listed.add(node, kind, from, to);
    return node;
  }

  /** `list` for a call, with its callee's name code (see `CALLEE_SLOTS`). */
  listCall(node: A.Call, from: number, to: number): A.Call {
    if (this.indexing) this.listed.add(node, Kind.Call, from, to, calleeCode(node));
    return node;
  }

  /** Drop the nodes listed since `count`, when parsing backs out of them. */
  unlist(count: number): void {
    this.listed.truncate(count);
  }

  /** Record a scoping expression (see `scopingExpressions`) and return it. */
  scoping<N extends A.expr>(node: N): N {
    if (this.indexing) this.scopingExpressions.push(node);
    return node;
  }

  /**
   * @param indexing whether to fill the lists above (`scopingExpressions` … `listed`): the rules
   * and the semantic model read them; a caller that only wants the tree saves their cost.
   */
  constructor(src: string, tokens: Tokens, readonly indexing = true) {
    this.src = src;
    this.t = tokens;
    this.K = tokens.kind; this.ST = tokens.start; this.EN = tokens.end;
    this.SL = tokens.sLine; this.SC = tokens.sCol; this.EL = tokens.eLine; this.EC = tokens.eCol;
  }

  // ---------------------------------------------------------------- helpers

  /** Index of the last consumed token that is not NEWLINE/INDENT/DEDENT/EOF. */
  last(): number {
    const K = this.K;
    let j = this.i - 1;
    while (j > 0) {
      const k = K[j];
      if (k !== T.NEWLINE && k !== T.INDENT && k !== T.DEDENT && k !== T.EOF) break;
      j--;
    }
    return j;
  }

  fail(message: string, tok = this.i, kind: ParseFailure['kind'] = 'syntax'): never {
    if (this.K[tok] === T.ERROR) this.failToken(tok);
    throw new ParseFailure(message, this.SL[tok], this.SC[tok], this.EL[tok], this.EC[tok], kind);
  }

  failToken(tok: number): never {
    const e = this.t.errorAt.get(tok);
    if (e) throw new ParseFailure(e.message, e.lineno, e.col, e.endLineno, e.endCol, 'token');
    throw new ParseFailure('invalid syntax', this.SL[tok], this.SC[tok], this.EL[tok], this.EC[tok]);
  }

  failNode(message: string, n: A.Located): never {
    throw new ParseFailure(message, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset);
  }

  invalid(): never {
    const k = this.K[this.i];
    if (k === T.INDENT) this.fail('unexpected indent', this.i, 'indent');
    if (k === T.EOF && this.t.unclosed) {
      const u = this.t.unclosed;
      throw new ParseFailure(`'${u.char}' was never closed`, u.lineno, u.col, u.lineno, u.col + 1, 'unclosed');
    }
    this.fail('invalid syntax');
  }

  expect(k: T): void {
    if (this.K[this.i] !== k) {
      if (k === T.COLON || k === T.EQUAL) {
        const cur = this.K[this.i];
        if (cur === T.ERROR || cur === T.INDENT || cur === T.EOF) this.invalid();
        this.fail(`expected '${tokenText(k)}'`);
      }
      this.invalid();
    }
    this.i++;
  }

  isName(word: string, at = this.i): boolean {
    return this.K[at] === T.NAME && this.EN[at] - this.ST[at] === word.length && this.src.startsWith(word, this.ST[at]);
  }

  nameText(at: number): string {
    const s = this.src.slice(this.ST[at], this.EN[at]);
    const nonAscii = this.t.nonAsciiNames;
    return nonAscii !== null && nonAscii.has(at) ? s.normalize('NFKC') : s;
  }

  name(): string {
    if (this.K[this.i] !== T.NAME) this.invalid();
    return this.nameText(this.i++);
  }

  note(feature: string, minor: number, tok: number, endTok = tok): void {
    this.versionNotes.push({ feature, minor, lineno: this.SL[tok], col: this.SC[tok], endLineno: this.EL[endTok], endCol: this.EC[endTok] });
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('too many nested expressions (source too complex to parse)', this.i, 'complex');
  }

  // ---------------------------------------------------------------- module and statements

  parseModule(): A.Module {
    const body: Stmt[] = [];
    this.statementsInto(body, false);
    return { _type: 'Module', body, type_ignores: [] };
  }

  statementsInto(out: Stmt[], inBlock: boolean): void {
    const K = this.K;
    for (;;) {
      const k = K[this.i];
      if (k === T.EOF) return;
      if (k === T.DEDENT) { if (inBlock) return; this.i++; continue; }
      const s = this.i;
      const depth = this.depth;
      const n = out.length;
      const listedCount = this.listed.nodes.length;
      try {
        this.statement(out);
      } catch (e) {
        let f: ParseFailure;
        if (e instanceof ParseFailure) { f = e; if (f.furthestLine === 0) f.furthestLine = this.SL[Math.min(this.i, this.t.count - 1)]; }
        else if (e instanceof RangeError) f = new ParseFailure('too many nested expressions (source too complex to parse)', this.SL[s], this.SC[s], this.SL[s], this.SC[s] + 1, 'complex');
        else throw e;
        this.depth = depth;
        out.length = n;
        this.unlist(listedCount);
        const startLine = this.SL[s];
        this.recover(s);
        const endTok = Math.max(s, this.last());
        const furthestLine = Math.max(f.furthestLine, f.lineno);
        this.errors.push({ message: f.message, lineno: f.lineno, col: f.col, endLineno: f.endLineno, endCol: f.endCol, kind: f.kind, furthestLine, brokenRegion: { startLine, endLine: Math.max(startLine, this.EL[endTok]) } });
      }
    }
  }

  /** Skips the rest of a broken statement, and any block indented under it. */
  recover(s: number): void {
    const K = this.K;
    if (this.i <= s && K[s] !== T.EOF) this.i = s + 1;
    for (;;) {
      const k = K[this.i];
      if (k === T.EOF) return;
      if (k === T.NEWLINE) {
        this.i++;
        while (K[this.i] === T.INDENT) this.skipBlock();
        return;
      }
      if (k === T.INDENT) { this.skipBlock(); continue; }
      if (k === T.DEDENT) return;
      this.i++;
    }
  }

  skipBlock(): void {
    const K = this.K;
    let d = 0;
    do {
      const k = K[this.i];
      if (k === T.EOF) return;
      if (k === T.INDENT) d++;
      else if (k === T.DEDENT) d--;
      this.i++;
    } while (d > 0);
  }

  statement(out: Stmt[]): void {
    const k = this.K[this.i];
    switch (k) {
      case T.DEF: out.push(this.funcDef(this.i, [])); return;
      case T.CLASS: out.push(this.classDef(this.i, [])); return;
      case T.AT: out.push(this.decorated()); return;
      case T.IF: out.push(this.ifStmt()); return;
      case T.WHILE: out.push(this.whileStmt()); return;
      case T.FOR: out.push(this.forStmt(this.i, false)); return;
      case T.TRY: out.push(this.tryStmt()); return;
      case T.WITH: out.push(this.withStmt(this.i, false)); return;
      case T.ASYNC: {
        const s = this.i;
        const n = this.K[s + 1];
        if (n === T.DEF) { out.push(this.funcDef(s, [])); return; }
        if (n === T.FOR) { this.i++; out.push(this.forStmt(s, true)); return; }
        if (n === T.WITH) { this.i++; out.push(this.withStmt(s, true)); return; }
        this.i++;
        this.invalid();
      }
      // falls through (unreachable)
      case T.INDENT: this.fail('unexpected indent', this.i, 'indent');
      // falls through (unreachable)
      case T.NAME:
        if (this.isName('match')) {
          const m = this.tryMatch();
          if (m) { out.push(m); return; }
        }
        break;
    }
    this.simpleStmts(out);
  }

  simpleStmts(out: Stmt[]): void {
    const K = this.K;
    for (;;) {
      out.push(this.simpleStmt());
      const k = K[this.i];
      if (k === T.NEWLINE) { this.i++; return; }
      if (k === T.SEMI) {
        this.i++;
        if (K[this.i] === T.NEWLINE) { this.i++; return; }
        continue;
      }
      if (k === T.EOF) return;
      this.invalid();
    }
  }

  simpleStmt(): Stmt {
    const K = this.K;
    const s = this.i;
    switch (K[s]) {
      case T.PASS: { this.i++; return { _type: 'Pass', lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] }; }
      case T.BREAK: { this.i++; return { _type: 'Break', lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] }; }
      case T.CONTINUE: { this.i++; return { _type: 'Continue', lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] }; }
      case T.RETURN: {
        this.i++;
        const value = STARTS_EXPR[K[this.i]] ? this.starExpressions() : null;
        if (value !== null) this.noteUnparenthesizedStar(value, s + 1);
        const e = this.last();
        return { _type: 'Return', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      }
      case T.IMPORT: return this.importName();
      case T.FROM: return this.importFrom();
      case T.RAISE: {
        this.i++;
        let exc: Expr | null = null, cause: Expr | null = null;
        if (STARTS_EXPR[K[this.i]]) {
          exc = this.expression();
          if (K[this.i] === T.FROM) { this.i++; cause = this.expression(); }
        }
        const e = this.last();
        return { _type: 'Raise', exc, cause, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      }
      case T.GLOBAL: case T.NONLOCAL: {
        this.i++;
        const names: string[] = [this.name()];
        while (K[this.i] === T.COMMA) { this.i++; names.push(this.name()); }
        const e = this.last();
        if (K[s] === T.GLOBAL) return this.list(this.declared({ _type: 'Global', names, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.Global, s, e);
        return this.declared({ _type: 'Nonlocal', names, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      }
      case T.DEL: {
        this.i++;
        const targets: Expr[] = [];
        for (;;) {
          const t = this.primary();
          this.toTarget(t, DEL);
          targets.push(t);
          if (K[this.i] !== T.COMMA) break;
          this.i++;
          const k = K[this.i];
          if (k === T.NEWLINE || k === T.SEMI || k === T.EOF) break;
        }
        const k = K[this.i];
        if (k !== T.NEWLINE && k !== T.SEMI && k !== T.EOF) this.invalid();
        const e = this.last();
        return this.list({ _type: 'Delete', targets, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.Delete, s, e);
      }
      case T.ASSERT: {
        this.i++;
        const test = this.expression();
        let msg: Expr | null = null;
        if (K[this.i] === T.COMMA) { this.i++; msg = this.expression(); }
        const e = this.last();
        return { _type: 'Assert', test, msg, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      }
      case T.NAME:
        if (K[s + 1] === T.NAME && this.isName('type') && (K[s + 2] === T.EQUAL || K[s + 2] === T.LSQB)) return this.typeAlias();
        break;
    }
    return this.exprStmt();
  }

  exprStmt(): Stmt {
    const K = this.K;
    const s = this.i;
    const first = K[s] === T.YIELD ? this.yieldExpr() : this.starExpressions();
    const k = K[this.i];
    if (k === T.EQUAL) {
      const targets: Expr[] = [first];
      let value: Expr;
      for (;;) {
        this.i++;
        const v = K[this.i] === T.YIELD ? this.yieldExpr() : this.starExpressions();
        if (K[this.i] === T.EQUAL) { targets.push(v); continue; }
        value = v;
        break;
      }
      for (const t of targets) this.toTarget(t, STORE);
      const e = this.last();
      return this.list({ _type: 'Assign', targets, value, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.Assign, s, e);
    }
    if (k === T.COLON) {
      const t = first._type;
      if (t !== 'Name' && t !== 'Attribute' && t !== 'Subscript') {
        if (t === 'Tuple') this.failNode('only single target (not tuple) can be annotated', first);
        if (t === 'List') this.failNode('only single target (not list) can be annotated', first);
        if (!STARTS_EXPR[K[this.i + 1]] || K[this.i + 1] === T.STAR) this.fail('invalid syntax', this.i + 1);
        this.failNode('illegal target for annotation', first);
      }
      this.toTarget(first, STORE);
      this.i++;
      const annotation = this.expression();
      let value: Expr | null = null;
      if (K[this.i] === T.EQUAL) {
        this.i++;
        value = K[this.i] === T.YIELD ? this.yieldExpr() : this.starExpressions();
      }
      const simple = t === 'Name' && K[s] !== T.LPAR ? 1 : 0;
      const e = this.last();
      return { _type: 'AnnAssign', target: first, annotation, value, simple, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    const aug = AUGOP[k];
    if (aug !== undefined) {
      const t = first._type;
      if (t !== 'Name' && t !== 'Attribute' && t !== 'Subscript') {
        this.failNode(`'${describe(first)}' is an illegal expression for augmented assignment`, first);
      }
      this.toTarget(first, STORE);
      this.i++;
      const value = K[this.i] === T.YIELD ? this.yieldExpr() : this.starExpressions();
      const e = this.last();
      const node: A.AugAssign = this.list({ _type: 'AugAssign', target: first, op: aug, value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.AugAssign, s, e);
      if (t === 'Name' && this.indexing) this.containerUses.push(node);
      return node;
    }
    if (k === T.COLONEQUAL) this.fail('invalid syntax');
    if (first._type === 'Name' && (first.id === 'print' || first.id === 'exec') && STARTS_EXPR[k] && k !== T.LPAR) {
      throw new ParseFailure(`Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`, first.lineno, first.col_offset, this.EL[this.i], this.EC[this.i]);
    }
    const e = this.last();
    return { _type: 'Expr', value: first, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  /** Turns a parsed expression into an assignment/deletion target, or fails like CPython. */
  toTarget(e: Expr, ctx: A.expr_context): void {
    switch (e._type) {
      case 'Name': e.ctx = ctx; return;
      case 'Attribute': e.ctx = ctx; return;
      case 'Subscript':
        e.ctx = ctx;
        if (ctx === STORE && e.value._type === 'Name' && this.indexing) this.containerUses.push(e);
        return;
      case 'Starred':
        if (ctx === DEL) this.failNode('cannot delete starred', e);
        e.ctx = ctx; this.toTarget(e.value, ctx); return;
      case 'Tuple': case 'List':
        e.ctx = ctx;
        for (const x of e.elts) this.toTarget(x, ctx);
        return;
      default:
        this.failNode(`cannot ${ctx === DEL ? 'delete' : 'assign to'} ${describe(e)}`, e);
    }
  }

  importName(): Stmt {
    const K = this.K;
    const s = this.i++;
    const names: A.alias[] = [];
    for (;;) {
      const as = this.i;
      const name = this.dottedName();
      let asname: string | null = null;
      if (K[this.i] === T.AS) { this.i++; asname = this.name(); }
      const e = this.i - 1;
      names.push({ _type: 'alias', name, asname, lineno: this.SL[as], col_offset: this.SC[as], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    const e = this.last();
    const node: A.Import = this.list({ _type: 'Import', names, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.Import, s, e);
    if (this.indexing) this.imports.push(node);
    return node;
  }

  dottedName(): string {
    let name = this.name();
    while (this.K[this.i] === T.DOT) { this.i++; name += '.' + this.name(); }
    return name;
  }

  importFrom(): Stmt {
    const K = this.K;
    const s = this.i++;
    let level = 0;
    for (;;) {
      const k = K[this.i];
      if (k === T.DOT) level++;
      else if (k === T.ELLIPSIS) level += 3;
      else break;
      this.i++;
    }
    let module: string | null = null;
    if (K[this.i] !== T.IMPORT || level === 0) module = this.dottedName();
    this.expect(T.IMPORT);
    if (K[this.i] === T.NEWLINE || K[this.i] === T.EOF) this.fail("Expected one or more names after 'import'");
    const names: A.alias[] = [];
    if (K[this.i] === T.STAR) {
      const a = this.i++;
      names.push({ _type: 'alias', name: '*', asname: null, lineno: this.SL[a], col_offset: this.SC[a], end_lineno: this.EL[a], end_col_offset: this.EC[a] });
    } else {
      const paren = K[this.i] === T.LPAR;
      if (paren) this.i++;
      for (;;) {
        const as = this.i;
        const name = this.name();
        let asname: string | null = null;
        if (K[this.i] === T.AS) { this.i++; asname = this.name(); }
        const e = this.i - 1;
        names.push({ _type: 'alias', name, asname, lineno: this.SL[as], col_offset: this.SC[as], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
        if (K[this.i] !== T.COMMA) break;
        this.i++;
        if (paren && K[this.i] === T.RPAR) break;
        if (!paren && (K[this.i] === T.NEWLINE || K[this.i] === T.SEMI)) this.fail('trailing comma not allowed without surrounding parentheses', this.i - 1);
      }
      if (paren) this.expect(T.RPAR);
    }
    const e = this.last();
    const node: A.ImportFrom = this.list({ _type: 'ImportFrom', module, names, level, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.ImportFrom, s, e);
    if (this.indexing) this.imports.push(node);
    return node;
  }

  typeAlias(): Stmt {
    const s = this.i++;
    const ns = this.i;
    const id = this.name();
    const name: A.Name = { _type: 'Name', id, ctx: STORE, lineno: this.SL[ns], col_offset: this.SC[ns], end_lineno: this.EL[ns], end_col_offset: this.EC[ns] };
    const type_params = this.K[this.i] === T.LSQB ? this.typeParams(true) : [];
    this.expect(T.EQUAL);
    const value = this.expression();
    this.note('type statement', 12, s);
    const e = this.last();
    return { _type: 'TypeAlias', name, type_params, value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  typeParams(inTypeAlias = false): A.type_param[] {
    const K = this.K;
    const open = this.i;
    this.i++;
    const out: A.type_param[] = [];
    while (K[this.i] !== T.RSQB) {
      const s = this.i;
      if (K[s] === T.STAR) {
        this.i++;
        const name = this.name();
        let default_value: Expr | null = null;
        if (K[this.i] === T.EQUAL) { this.i++; default_value = this.starExpression(); this.note('type parameter default', 13, s); }
        const e = this.last();
        out.push({ _type: 'TypeVarTuple', name, default_value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      } else if (K[s] === T.DOUBLESTAR) {
        this.i++;
        const name = this.name();
        let default_value: Expr | null = null;
        if (K[this.i] === T.EQUAL) { this.i++; default_value = this.expression(); this.note('type parameter default', 13, s); }
        const e = this.last();
        out.push({ _type: 'ParamSpec', name, default_value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      } else {
        const name = this.name();
        let bound: Expr | null = null, default_value: Expr | null = null;
        if (K[this.i] === T.COLON) { this.i++; bound = this.expression(); }
        if (K[this.i] === T.EQUAL) {
          if (inTypeAlias && bound === null && this.typeAliasDefault === null) {
            this.typeAliasDefault = { lineno: this.SL[s], col: this.SC[s], endLineno: this.EL[this.i], endCol: this.EC[this.i] };
          }
          this.i++; default_value = this.expression(); this.note('type parameter default', 13, s);
        }
        const e = this.last();
        out.push({ _type: 'TypeVar', name, bound, default_value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      }
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    if (out.length === 0) this.fail('Type parameter list cannot be empty');
    this.expect(T.RSQB);
    this.note('type parameter list', 12, open, this.i - 1);
    return out;
  }

  // ---------------------------------------------------------------- compound statements

  /** `:` then a block; `what` names the statement for "expected an indented block" errors. */
  block(what: string, headerTok: number, forcedColon = false): Stmt[] {
    const K = this.K;
    if (K[this.i] !== T.COLON) {
      // CPython says "expected ':'" where its grammar forces the colon or the line just ends
      if (forcedColon || K[this.i] === T.NEWLINE) this.fail("expected ':'");
      this.invalid();
    }
    this.i++;
    const body: Stmt[] = [];
    if (K[this.i] === T.NEWLINE) {
      this.i++;
      if (K[this.i] !== T.INDENT) {
        if (K[this.i] === T.ERROR) this.failToken(this.i);
        this.fail(`expected an indented block after ${what} on line ${this.SL[headerTok]}`, this.i, 'indent');
      }
      this.i++;
      const errorsBefore = this.errors.length;
      this.statementsInto(body, true);
      if (K[this.i] === T.DEDENT) this.i++;
      // an empty body is only possible when its statements were broken (already reported)
      if (body.length === 0 && this.errors.length === errorsBefore) this.fail('invalid syntax');
    } else {
      this.simpleStmts(body);
    }
    return body;
  }

  decorated(): Stmt {
    const K = this.K;
    const from = this.i;
    const decorators: Expr[] = [];
    while (K[this.i] === T.AT) {
      const ds = ++this.i;
      const d = this.namedExpression();
      if (!isDottedCall(d)) this.note('arbitrary decorator expression', 9, ds, this.last());
      decorators.push(d);
      if (K[this.i] !== T.NEWLINE) this.invalid();
      this.i++;
    }
    const k = K[this.i];
    if (k === T.DEF || (k === T.ASYNC && K[this.i + 1] === T.DEF)) return this.funcDef(this.i, decorators, from);
    if (k === T.CLASS) return this.classDef(this.i, decorators);
    this.invalid();
  }

  /** `from`: where the statement starts, at its first decorator if it has any. */
  funcDef(s: number, decorator_list: Expr[], from = s): Stmt {
    const K = this.K;
    const isAsync = K[s] === T.ASYNC;
    this.i = s + (isAsync ? 1 : 0);
    const defTok = this.i;
    this.expect(T.DEF);
    const name = this.name();
    const type_params = K[this.i] === T.LSQB ? this.typeParams() : [];
    if (K[this.i] !== T.LPAR) this.fail("expected '('");
    this.i++;
    const args = this.parameters(T.RPAR);
    this.expect(T.RPAR);
    let returns: Expr | null = null;
    if (K[this.i] === T.RARROW) { this.i++; returns = this.expression(); }
    const body = this.definitionBody(() => this.block(`function definition`, defTok, true));
    const e = this.last();
    if (isAsync) this.sawAsyncDef = true;
    if (isAsync) return this.list({ _type: 'AsyncFunctionDef', name, args, body, decorator_list, returns, type_comment: null, type_params, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.AsyncFunctionDef, from, e);
    return { _type: 'FunctionDef', name, args, body, decorator_list, returns, type_comment: null, type_params, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  /** Parameters of a def (end = RPAR) or a lambda (end = COLON). */
  parameters(end: T): A.arguments {
    const K = this.K;
    const lambda = end === T.COLON;
    let posonlyargs: A.arg[] = [];
    let args: A.arg[] = [];
    const defaults: Expr[] = [];
    let vararg: A.arg | null = null;
    const kwonlyargs: A.arg[] = [];
    const kw_defaults: (Expr | null)[] = [];
    let kwarg: A.arg | null = null;
    let star = false, sawSlash = false, sawDefault = false;
    while (K[this.i] !== end) {
      const k = K[this.i];
      if (kwarg) this.fail('arguments cannot follow var-keyword argument');
      if (k === T.SLASH) {
        if (sawSlash) this.fail('/ may appear only once');
        if (star) this.fail('/ must be ahead of *');
        if (args.length === 0) this.fail('at least one argument must precede /');
        sawSlash = true;
        this.note('positional-only parameters', 8, this.i);
        this.i++;
        posonlyargs = args; args = [];
      } else if (k === T.STAR) {
        if (star) this.fail('* argument may appear only once');
        this.i++;
        star = true;
        if (K[this.i] === T.COMMA || K[this.i] === end) {
          const after = K[this.i] === T.COMMA ? K[this.i + 1] : end;
          if (after === end || after === T.DOUBLESTAR) this.fail('named arguments must follow bare *', this.i - 1);
        } else {
          vararg = this.param(lambda, true);
          if (K[this.i] === T.EQUAL) this.fail('var-positional argument cannot have default value');
        }
      } else if (k === T.DOUBLESTAR) {
        this.i++;
        kwarg = this.param(lambda, false);
        if (K[this.i] === T.EQUAL) this.fail('var-keyword argument cannot have default value');
      } else {
        const a = this.param(lambda, false);
        if (K[this.i] === T.EQUAL) {
          this.i++;
          const d = this.expression();
          if (star) kw_defaults.push(d); else { defaults.push(d); sawDefault = true; }
        } else if (star) kw_defaults.push(null);
        else if (sawDefault) this.fail('parameter without a default follows parameter with a default', this.i - 1);
        if (star) kwonlyargs.push(a); else args.push(a);
      }
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    if (K[this.i] !== end) this.invalid();
    return { _type: 'arguments', posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults };
  }

  param(lambda: boolean, starAnnotation: boolean): A.arg {
    const s = this.i;
    const arg = this.name();
    let annotation: Expr | null = null;
    if (!lambda && this.K[this.i] === T.COLON) {
      this.i++;
      if (starAnnotation && this.K[this.i] === T.STAR) {
        this.note('starred annotation', 11, this.i);
        annotation = this.starExpression();
      } else annotation = this.expression();
    }
    const e = this.i - 1;
    return { _type: 'arg', arg, annotation, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  classDef(s: number, decorator_list: Expr[]): Stmt {
    const K = this.K;
    this.i = s + 1;
    const name = this.name();
    const type_params = K[this.i] === T.LSQB ? this.typeParams() : [];
    let bases: Expr[] = [], keywords: A.keyword[] = [];
    if (K[this.i] === T.LPAR) {
      const r = this.callArgs();
      bases = r.args; keywords = r.keywords;
    }
    const body = this.definitionBody(() => this.block('class definition', s));
    const e = this.last();
    const node: A.ClassDef = { _type: 'ClassDef', name, bases, keywords, body, decorator_list, type_params, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    if (this.definitionDepth === 0 && this.indexing) this.moduleLevelClasses.push(node);
    return node;
  }

  ifStmt(): Stmt {
    const K = this.K;
    // `if … elif … elif …`: each elif is an If nested in the previous one's orelse; gathered in a
    // loop, not recursion (CPython accepts thousands, one parser level each).
    const starts: number[] = [];
    const tests: Expr[] = [];
    const bodies: Stmt[][] = [];
    let orelse: Stmt[] = [];
    for (;;) {
      const s = this.i++;
      if (starts.length > 0) this.enter();
      starts.push(s);
      tests.push(this.namedExpression());
      bodies.push(this.block(K[s] === T.IF ? "'if' statement" : "'elif' statement", s));
      if (K[this.i] === T.ELIF) continue;
      if (K[this.i] === T.ELSE) { const es = this.i++; orelse = this.block("'else' statement", es, true); }
      break;
    }
    const e = this.last();
    let result: Stmt | undefined;
    for (let j = starts.length - 1; j >= 0; j--) {
      const s = starts[j]!;
      result = { _type: 'If', test: tests[j]!, body: bodies[j]!, orelse: result ? [result] : orelse, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    this.depth -= starts.length - 1;
    return result!;
  }

  whileStmt(): Stmt {
    const K = this.K;
    const s = this.i++;
    const test = this.namedExpression();
    const body = this.block("'while' statement", s);
    let orelse: Stmt[] = [];
    if (K[this.i] === T.ELSE) { const es = this.i++; orelse = this.block("'else' statement", es, true); }
    const e = this.last();
    return this.list({ _type: 'While', test, body, orelse, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.While, s, e);
  }

  forStmt(s: number, isAsync: boolean): Stmt {
    const K = this.K;
    const forTok = this.i++;
    const target = this.starTargets();
    if (K[this.i] !== T.IN) {
      if (K[this.i] === T.ERROR || K[this.i] === T.EOF) this.invalid();
      this.fail("'in' expected after for-loop variables");
    }
    this.i++;
    const iterTok = this.i;
    const iter = this.starExpressions();
    if (iter._type === 'Tuple' && K[iterTok] !== T.LPAR && iter.elts.some((x) => x._type === 'Starred')) this.note('starred expression in for statement', 9, iterTok, this.last());
    const body = this.block("'for' statement", forTok, true);
    let orelse: Stmt[] = [];
    if (K[this.i] === T.ELSE) { const es = this.i++; orelse = this.block("'else' statement", es, true); }
    const e = this.last();
    if (isAsync) return this.list({ _type: 'AsyncFor', target, iter, body, orelse, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.AsyncFor, s, e);
    return this.list({ _type: 'For', target, iter, body, orelse, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.For, s, e);
  }

  withStmt(s: number, isAsync: boolean): Stmt {
    const K = this.K;
    const withTok = this.i++;
    let items: A.withitem[] | null = null;
    if (K[this.i] === T.LPAR) {
      // parenthesized context managers (3.9+): `with (a as b, c):` — else `(a, b)` is one expression
      const save = this.i;
      const depth = this.depth;
      const listedCount = this.listed.nodes.length;
      try {
        this.i++;
        const list: A.withitem[] = [];
        let sawAs = false;
        for (;;) {
          const it = this.withItem();
          if (it.optional_vars) sawAs = true;
          list.push(it);
          if (K[this.i] !== T.COMMA) break;
          this.i++;
          if (K[this.i] === T.RPAR) break;
        }
        this.expect(T.RPAR);
        if (K[this.i] !== T.COLON) throw new ParseFailure('', 0, 0, 0, 0);
        items = list;
        if (sawAs) this.note('parenthesized context managers', 9, save, this.i - 1);
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        this.i = save;
        this.depth = depth;
        this.unlist(listedCount);
        items = null;
      }
    }
    if (items === null) {
      items = [];
      for (;;) {
        items.push(this.withItem());
        if (K[this.i] !== T.COMMA) break;
        this.i++;
      }
    }
    const body = this.block("'with' statement", withTok);
    const e = this.last();
    if (isAsync) return { _type: 'AsyncWith', items, body, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    return { _type: 'With', items, body, type_comment: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  withItem(): A.withitem {
    const context_expr = this.expression();
    let optional_vars: Expr | null = null;
    if (this.K[this.i] === T.AS) {
      this.i++;
      optional_vars = this.starTarget();
      const k = this.K[this.i];
      if (k !== T.COMMA && k !== T.RPAR && k !== T.COLON) this.invalid();
    }
    return { _type: 'withitem', context_expr, optional_vars };
  }

  tryStmt(): Stmt {
    const K = this.K;
    const s = this.i++;
    const body = this.block("'try' statement", s, true);
    const handlers: A.excepthandler[] = [];
    let star: boolean | null = null;
    while (K[this.i] === T.EXCEPT) {
      const hs = this.i++;
      const isStar = K[this.i] === T.STAR;
      if (isStar) { this.i++; this.note('except* clause', 11, hs, this.i - 1); }
      if (star !== null && star !== isStar) this.fail("cannot have both 'except' and 'except*' on the same 'try'", hs);
      star = isStar;
      let type: Expr | null = null;
      let name: string | null = null;
      if (K[this.i] !== T.COLON) {
        type = this.expression();
        if (K[this.i] === T.COMMA) this.failNode('multiple exception types must be parenthesized', type);
        if (K[this.i] === T.AS) { this.i++; name = this.name(); }
      } else if (isStar) this.fail('expected one or more exception types');
      const hbody = this.block(isStar ? "'except*' statement" : "'except' statement", hs);
      const e = this.last();
      handlers.push({ _type: 'ExceptHandler', type, name, body: hbody, lineno: this.SL[hs], col_offset: this.SC[hs], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
    }
    let orelse: Stmt[] = [];
    if (K[this.i] === T.ELSE) {
      if (handlers.length === 0) this.invalid();
      const es = this.i++; orelse = this.block("'else' statement", es, true);
    }
    let finalbody: Stmt[] = [];
    if (K[this.i] === T.FINALLY) { const fs = this.i++; finalbody = this.block("'finally' statement", fs, true); }
    if (handlers.length === 0 && finalbody.length === 0) this.fail("expected 'except' or 'finally' block");
    const e = this.last();
    if (star) return { _type: 'TryStar', body, handlers, orelse, finalbody, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    return { _type: 'Try', body, handlers, orelse, finalbody, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  // ---------------------------------------------------------------- match statement

  /** `match` is a soft keyword: commit only once `match <subject>: NEWLINE INDENT case` is seen. */
  tryMatch(): Stmt | null {
    const K = this.K;
    const s = this.i;
    const n = K[s + 1];
    if (!STARTS_EXPR[n] || n === T.LAMBDA) return null;
    const depth = this.depth;
    const listedCount = this.listed.nodes.length;
    let subject: Expr;
    try {
      this.i++;
      const ss = this.i;
      const first = this.starNamedExpression();
      if (K[this.i] === T.COMMA) {
        const elts = [first];
        while (K[this.i] === T.COMMA) {
          this.i++;
          if (K[this.i] === T.COLON) break;
          elts.push(this.starNamedExpression());
        }
        const e = this.last();
        subject = { _type: 'Tuple', elts, ctx: LOAD, lineno: this.SL[ss], col_offset: this.SC[ss], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      } else subject = first;
      if (K[this.i] !== T.COLON) throw new ParseFailure('', 0, 0, 0, 0);
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      this.i = s;
      this.depth = depth;
      this.unlist(listedCount);
      return null;
    }
    if (K[this.i + 1] !== T.NEWLINE) {
      // `match x: ...` on one line: CPython wants a NEWLINE here
      this.i++;
      this.fail('invalid syntax');
    }
    this.i += 2;
    if (K[this.i] !== T.INDENT) this.fail(`expected an indented block after 'match' statement on line ${this.SL[s]}`, this.i, 'indent');
    this.i++;
    this.note('match statement', 10, s);
    const cases: A.match_case[] = [];
    while (K[this.i] !== T.DEDENT && K[this.i] !== T.EOF) {
      if (!this.isName('case')) this.invalid();
      const cs = this.i++;
      const pattern = this.patterns();
      let guard: Expr | null = null;
      if (K[this.i] === T.IF) { this.i++; guard = this.namedExpression(); }
      const body = this.block("'case' statement", cs);
      cases.push({ _type: 'match_case', pattern, guard, body });
    }
    if (K[this.i] === T.DEDENT) this.i++;
    const e = this.last();
    return { _type: 'Match', subject, cases, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  patterns(): A.pattern {
    const K = this.K;
    const s = this.i;
    const first = this.maybeStarPattern();
    if (K[this.i] !== T.COMMA) {
      if (first._type === 'MatchStar') this.invalid();
      return first;
    }
    const items = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      const k = K[this.i];
      if (k === T.COLON || k === T.IF) break;
      items.push(this.maybeStarPattern());
    }
    const e = this.last();
    return { _type: 'MatchSequence', patterns: items, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  maybeStarPattern(): A.pattern {
    if (this.K[this.i] === T.STAR) {
      const s = this.i++;
      const n = this.name();
      const e = this.i - 1;
      return { _type: 'MatchStar', name: n === '_' ? null : n, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    return this.pattern();
  }

  pattern(): A.pattern {
    const K = this.K;
    const s = this.i;
    const p = this.orPattern();
    if (K[this.i] === T.AS) {
      this.i++;
      const nt = this.i;
      const name = this.name();
      if (name === '_') this.fail("cannot use '_' as a target", nt);
      if (K[this.i] === T.DOT || K[this.i] === T.LPAR || K[this.i] === T.LSQB) this.fail('invalid pattern target');
      const e = this.i - 1;
      return { _type: 'MatchAs', pattern: p, name, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    return p;
  }

  orPattern(): A.pattern {
    const K = this.K;
    const s = this.i;
    const p = this.closedPattern();
    if (K[this.i] !== T.VBAR) return p;
    const patterns = [p];
    while (K[this.i] === T.VBAR) { this.i++; patterns.push(this.closedPattern()); }
    const e = this.last();
    return { _type: 'MatchOr', patterns, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  closedPattern(): A.pattern {
    const K = this.K;
    const s = this.i;
    this.enter();
    let result: A.pattern;
    switch (K[s]) {
      case T.NUMBER: case T.MINUS: case T.STRING: case T.FSTRING_START: {
        const value = this.literalExpr();
        const e = this.last();
        result = { _type: 'MatchValue', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
        break;
      }
      case T.NONE: case T.TRUE: case T.FALSE: {
        this.i++;
        const value = K[s] === T.NONE ? null : K[s] === T.TRUE;
        result = { _type: 'MatchSingleton', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
        break;
      }
      case T.LPAR: case T.LSQB: {
        const close = K[s] === T.LPAR ? T.RPAR : T.RSQB;
        this.i++;
        if (K[this.i] === close) {
          this.i++;
          result = { _type: 'MatchSequence', patterns: [], lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s + 1], end_col_offset: this.EC[s + 1] };
          break;
        }
        const first = this.maybeStarPattern();
        if (close === T.RPAR && K[this.i] === T.RPAR) {
          if (first._type === 'MatchStar') this.invalid();
          this.i++;
          result = first;
          break;
        }
        const items = [first];
        while (K[this.i] === T.COMMA) {
          this.i++;
          if (K[this.i] === close) break;
          items.push(this.maybeStarPattern());
        }
        this.expect(close);
        const e = this.i - 1;
        result = { _type: 'MatchSequence', patterns: items, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
        break;
      }
      case T.LBRACE: result = this.mappingPattern(); break;
      case T.NAME: {
        const id = this.name();
        if (K[this.i] !== T.DOT && K[this.i] !== T.LPAR) {
          result = { _type: 'MatchAs', pattern: null, name: id === '_' ? null : id, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
          break;
        }
        let cls: Expr = { _type: 'Name', id, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
        while (K[this.i] === T.DOT) {
          this.i++;
          const attr = this.name();
          const e = this.i - 1;
          const onName = cls._type === 'Name';
          cls = { _type: 'Attribute', value: cls, attr, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
          if (onName && this.indexing) this.nameAttributes.push(cls);
        }
        if (K[this.i] === T.LPAR) { result = this.classPattern(s, cls); break; }
        const e = this.i - 1;
        result = { _type: 'MatchValue', value: cls, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
        break;
      }
      default: this.invalid();
    }
    this.depth--;
    return result;
  }

  /** Literal pattern values: (signed) numbers, complex literals, strings. */
  literalExpr(): Expr {
    const K = this.K;
    const s = this.i;
    if (K[s] === T.STRING || K[s] === T.FSTRING_START) {
      // f-strings parse here (the compiler, not the parser, refuses them)
      return this.strings();
    }
    let left: Expr;
    if (K[s] === T.MINUS) {
      this.i++;
      if (K[this.i] !== T.NUMBER) this.invalid();
      const operand = this.number();
      const e = this.i - 1;
      left = { _type: 'UnaryOp', op: USUB, operand, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    } else {
      if (K[s] !== T.NUMBER) this.invalid();
      left = this.number();
    }
    const k = K[this.i];
    if (k === T.PLUS || k === T.MINUS) {
      this.i++;
      if (K[this.i] !== T.NUMBER) this.invalid();
      const right = this.number();
      const rv = (right as A.Constant).value;
      if (typeof rv !== 'object' || rv === null || (rv as A.PyComplex).kind !== 'complex') this.failNode('imaginary number required in complex literal', right);
      const e = this.i - 1;
      return this.list({ _type: 'BinOp', left, op: k === T.PLUS ? OP.Add : OP.Sub, right, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.BinOp, s, e);
    }
    return left;
  }

  mappingPattern(): A.pattern {
    const K = this.K;
    const s = this.i++;
    const keys: Expr[] = [];
    const patterns: A.pattern[] = [];
    let rest: string | null = null;
    while (K[this.i] !== T.RBRACE) {
      if (K[this.i] === T.DOUBLESTAR) {
        this.i++;
        rest = this.name();
      } else {
        if (rest !== null) this.invalid();
        const ks = this.i;
        let key: Expr;
        const k = K[ks];
        if (k === T.NONE || k === T.TRUE || k === T.FALSE) {
          this.i++;
          key = { _type: 'Constant', value: k === T.NONE ? null : k === T.TRUE, kind: null, lineno: this.SL[ks], col_offset: this.SC[ks], end_lineno: this.EL[ks], end_col_offset: this.EC[ks] };
        } else if (k === T.NAME) {
          let v: Expr = { _type: 'Name', id: this.name(), ctx: LOAD, lineno: this.SL[ks], col_offset: this.SC[ks], end_lineno: this.EL[ks], end_col_offset: this.EC[ks] };
          if (K[this.i] !== T.DOT) this.invalid();
          while (K[this.i] === T.DOT) {
            this.i++;
            const attr = this.name();
            const e = this.i - 1;
            const onName = v._type === 'Name';
            v = { _type: 'Attribute', value: v, attr, ctx: LOAD, lineno: this.SL[ks], col_offset: this.SC[ks], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
            if (onName && this.indexing) this.nameAttributes.push(v);
          }
          key = v;
        } else key = this.literalExpr();
        keys.push(key);
        this.expect(T.COLON);
        patterns.push(this.pattern());
      }
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    this.expect(T.RBRACE);
    const e = this.i - 1;
    return { _type: 'MatchMapping', keys, patterns, rest, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  classPattern(s: number, cls: Expr): A.pattern {
    const K = this.K;
    this.i++;
    const patterns: A.pattern[] = [];
    const kwd_attrs: string[] = [];
    const kwd_patterns: A.pattern[] = [];
    while (K[this.i] !== T.RPAR) {
      if (K[this.i] === T.NAME && K[this.i + 1] === T.EQUAL) {
        kwd_attrs.push(this.name());
        this.i++;
        kwd_patterns.push(this.pattern());
      } else {
        const p = this.pattern();
        if (kwd_attrs.length > 0) this.failNode('positional patterns follow keyword patterns', p);
        patterns.push(p);
      }
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    this.expect(T.RPAR);
    const e = this.i - 1;
    return { _type: 'MatchClass', cls, patterns, kwd_attrs, kwd_patterns, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  // ---------------------------------------------------------------- targets

  starTargets(): Expr {
    const K = this.K;
    const s = this.i;
    const first = this.starTarget();
    if (K[this.i] !== T.COMMA) return first;
    const elts = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      const k = K[this.i];
      if (k !== T.NAME && k !== T.LPAR && k !== T.LSQB && k !== T.STAR) break;
      elts.push(this.starTarget());
    }
    const e = this.last();
    return { _type: 'Tuple', elts, ctx: STORE, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  starTarget(): Expr {
    const s = this.i;
    if (this.K[s] === T.STAR) {
      this.i++;
      if (this.K[this.i] === T.STAR) this.invalid();
      this.enter();
      const value = this.starTarget();
      this.depth--;
      const e = this.last();
      return { _type: 'Starred', value, ctx: STORE, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    const t = this.primary();
    this.toTarget(t, STORE);
    return t;
  }

  // ---------------------------------------------------------------- expressions

  /** `return *a, b` / `yield *a, b` without parentheses is 3.8+. */
  noteUnparenthesizedStar(value: Expr, start: number): void {
    if (value._type !== 'Tuple' || this.K[start] === T.LPAR) return;
    for (const x of value.elts) {
      if (x._type === 'Starred') { this.note('unparenthesized starred expression in return/yield', 8, start, this.last()); return; }
    }
  }

  starExpressions(): Expr {
    const K = this.K;
    const s = this.i;
    const first = this.starExpression();
    if (K[this.i] !== T.COMMA) return first;
    const elts = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      if (!STARTS_EXPR[K[this.i]]) break;
      elts.push(this.starExpression());
    }
    const e = this.last();
    return { _type: 'Tuple', elts, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  starExpression(): Expr {
    if (this.K[this.i] === T.STAR) {
      const s = this.i++;
      const value = this.bitOr();
      const e = this.last();
      return { _type: 'Starred', value, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    return this.expression();
  }

  starNamedExpression(): Expr {
    if (this.K[this.i] === T.STAR) {
      const s = this.i++;
      const value = this.bitOr();
      const e = this.last();
      return { _type: 'Starred', value, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    return this.namedExpression();
  }

  namedExpression(): Expr {
    const K = this.K;
    if (K[this.i] === T.NAME && K[this.i + 1] === T.COLONEQUAL) {
      const s = this.i;
      const target: A.Name = { _type: 'Name', id: this.nameText(s), ctx: STORE, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
      this.i += 2;
      const value = this.expression();
      this.note('assignment expression', 8, s, s + 1);
      const e = this.last();
      return this.scoping({ _type: 'NamedExpr', target, value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
    }
    const x = this.expression();
    if (K[this.i] === T.COLONEQUAL) this.failNode(`cannot use assignment expressions with ${describe(x)}`, x);
    return x;
  }

  expression(): Expr {
    const K = this.K;
    if (K[this.i] === T.LAMBDA) return this.lambda();
    // `a if b else c if d else …`: the chain of else-branches in a loop, not recursion (CPython
    // accepts thousands; the JS stack would not). Each level costs one nesting level, as before.
    const s0 = this.i;
    if (++this.depth > MAX_DEPTH) this.fail('too many nested expressions (source too complex to parse)', this.i, 'complex');
    let body0: Expr;
    try {
      body0 = this.disjunction();
    } catch (e) {
      if (e instanceof ParseFailure && e.trailerAt >= 0 && e.kind !== 'token') this.commaBeforeFailedTrailer(s0, e.trailerAt);
      throw e;
    }
    if (K[this.i] !== T.IF) {
      // the common case: no conditional expression, nothing allocated
      if (JUXTAPOSED[K[this.i]] && this.t.level[this.i - 1] > 0) this.forgotComma(s0, body0);
      this.depth--;
      return body0;
    }
    const starts: number[] = [];
    const bodies: Expr[] = [];
    const tests: Expr[] = [];
    let entered = 1;
    let result: Expr;
    for (let first = true; ; first = false) {
      const s = first ? s0 : this.i;
      let body = body0;
      if (!first) {
        entered++;
        if (++this.depth > MAX_DEPTH) this.fail('too many nested expressions (source too complex to parse)', this.i, 'complex');
        body = this.disjunction();
        if (K[this.i] !== T.IF) {
          if (JUXTAPOSED[K[this.i]] && this.t.level[this.i - 1] > 0) this.forgotComma(s, body);
          result = body;
          break;
        }
      }
      this.i++;
      const test = this.disjunction();
      if (K[this.i] !== T.ELSE) {
        if (K[this.i] === T.COLON) this.invalid();
        throw new ParseFailure("expected 'else' after 'if' expression", body.lineno, body.col_offset, test.end_lineno, test.end_col_offset);
      }
      this.i++;
      starts.push(s);
      bodies.push(body);
      tests.push(test);
      if (K[this.i] === T.LAMBDA) {
        result = this.lambda();
        break;
      }
    }
    const e = this.last();
    for (let j = starts.length - 1; j >= 0; j--) {
      const s = starts[j]!;
      result = { _type: 'IfExp', test: tests[j]!, body: bodies[j]!, orelse: result, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    this.depth -= entered;
    return result;
  }

  /**
   * CPython's invalid_expression rule: `a b` inside brackets is reported at `a`, provided an
   * expression `b` can be read after `a` (the rule fails otherwise, and the error is found later).
   */
  forgotComma(s: number, a: Expr): void {
    if (this.withoutInvalid || this.commaRuleSkips(s)) return;
    if (!this.expressionReadsAt(this.i)) return;
    this.failNode('invalid syntax. Perhaps you forgot a comma?', a);
  }

  /**
   * The rule's lookahead `!(NAME STRING | SOFT_KEYWORD)` on the first token. pegen's soft-keyword
   * test compares only the name's length of characters, so any prefix of one (`c`, `ma`, `ty`)
   * counts as a soft keyword too.
   */
  commaRuleSkips(s: number): boolean {
    const K = this.K;
    if (K[s] !== T.NAME) return false;
    if (K[s + 1] === T.STRING || K[s + 1] === T.FSTRING_START) return true;
    const name = this.src.slice(this.ST[s], this.EN[s]);
    return name.length <= 5 && ('match'.startsWith(name) || 'case'.startsWith(name) || 'type'.startsWith(name) || name === '_');
  }

  /**
   * The expression from `s` failed inside the call/subscript trailer opened at `at`. pegen backs
   * out of the trailer, so its expression `a` ends just before `at`; if an expression `b` can be
   * read from `at` (`[x]`, `(x)`) and we are inside brackets, its forgot-a-comma rule fires on `a`.
   */
  commaBeforeFailedTrailer(s: number, at: number): void {
    if (this.withoutInvalid || this.t.level[at - 1] === 0 || this.commaRuleSkips(s)) return;
    const i = this.i, depth = this.depth;
    let a: Expr | null = null;
    this.i = s;
    this.trailerLimit = at;
    try {
      const x = this.disjunction();
      if (this.i === at) a = x;
    } catch {
      // not an expression that ends at the trailer: the original failure stands
    } finally {
      this.trailerLimit = -1;
      this.depth = depth;
    }
    this.i = i;
    if (a === null) return;
    if (!this.expressionReadsAt(at)) return;
    this.failNode('invalid syntax. Perhaps you forgot a comma?', a);
  }

  /**
   * Whether pegen's `expression_without_invalid` succeeds at `at` (it backtracks, so reading any
   * leading part of an expression is enough). Position and depth are left as they were. pegen
   * fetches the tokens it reads, and the token after the expression: a tokenizer error there wins.
   */
  expressionReadsAt(at: number): boolean {
    const K = this.K;
    const i = this.i, depth = this.depth, outer = this.withoutInvalid;
    this.i = at;
    this.withoutInvalid = true;
    try {
      this.expression();
      if (K[this.i] === T.ERROR) this.failToken(this.i);
      return true;
    } catch (e) {
      if (!(e instanceof ParseFailure) || e.kind === 'token') throw e;
      return this.expressionStartReads(at);
    } finally {
      this.i = i;
      this.depth = depth;
      this.withoutInvalid = outer;
    }
  }

  /** Whether the prefix operators and first atom of an expression at `at` read. */
  expressionStartReads(at: number): boolean {
    const K = this.K;
    let j = at;
    while (K[j] === T.NOT) j++;
    while (K[j] === T.MINUS || K[j] === T.PLUS || K[j] === T.TILDE) j++;
    if (K[j] === T.AWAIT) j++;
    switch (K[j]) {
      case T.NAME: case T.NUMBER: case T.NONE: case T.TRUE: case T.FALSE: case T.ELLIPSIS: return true;
      case T.STRING: case T.FSTRING_START: case T.LPAR: case T.LSQB: case T.LBRACE: case T.LAMBDA:
        if (K[j] === T.LAMBDA && j !== at) return false;
        this.i = j;
        try {
          if (K[j] === T.LAMBDA) this.lambda();
          else this.atom();
          return true;
        } catch (e) {
          if (!(e instanceof ParseFailure) || e.kind === 'token') throw e;
          return false;
        }
      default: return false;
    }
  }

  lambda(): Expr {
    // `lambda: lambda: …`: directly nested lambdas in a loop, not recursion (CPython accepts
    // thousands; the JS stack would not)
    const starts: number[] = [];
    const argsList: A.arguments[] = [];
    do {
      starts.push(this.i++);
      this.enter();
      this.enter(); // CPython spends two parser levels per lambda
      argsList.push(this.parameters(T.COLON));
      this.expect(T.COLON);
    } while (this.K[this.i] === T.LAMBDA);
    let body = this.expression();
    const e = this.last();
    for (let j = starts.length - 1; j >= 0; j--) {
      const s = starts[j]!;
      body = this.scoping({ _type: 'Lambda', args: argsList[j]!, body, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
    }
    this.depth -= 2 * starts.length;
    return body;
  }

  disjunction(): Expr {
    const K = this.K;
    const s = this.i;
    const first = this.conjunction();
    if (K[this.i] !== T.OR) return first;
    const values = [first];
    while (K[this.i] === T.OR) { this.i++; values.push(this.conjunction()); }
    const e = this.last();
    return { _type: 'BoolOp', op: OR, values, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  conjunction(): Expr {
    const K = this.K;
    const s = this.i;
    const first = this.inversion();
    if (K[this.i] !== T.AND) return first;
    const values = [first];
    while (K[this.i] === T.AND) { this.i++; values.push(this.inversion()); }
    const e = this.last();
    return { _type: 'BoolOp', op: AND, values, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  inversion(): Expr {
    if (this.K[this.i] !== T.NOT) return this.comparison();
    // `not not … x`: a loop, not recursion (CPython accepts thousands; the JS stack would not)
    const starts: number[] = [];
    while (this.K[this.i] === T.NOT) {
      starts.push(this.i++);
      this.enter();
    }
    let operand = this.comparison();
    const e = this.last();
    for (let j = starts.length - 1; j >= 0; j--) {
      const s = starts[j]!;
      operand = { _type: 'UnaryOp', op: NOT, operand, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    this.depth -= starts.length;
    return operand;
  }

  comparison(): Expr {
    const K = this.K;
    const s = this.i;
    const left = this.bitOr();
    let ops: A.cmpop[] | null = null;
    let comparators: Expr[] | null = null;
    for (;;) {
      let op: A.cmpop;
      switch (K[this.i]) {
        case T.EQEQUAL: op = CMP.Eq; this.i++; break;
        case T.NOTEQUAL: op = CMP.NotEq; this.i++; break;
        case T.LESS: op = CMP.Lt; this.i++; break;
        case T.LESSEQUAL: op = CMP.LtE; this.i++; break;
        case T.GREATER: op = CMP.Gt; this.i++; break;
        case T.GREATEREQUAL: op = CMP.GtE; this.i++; break;
        case T.IN: op = CMP.In; this.i++; break;
        case T.NOT:
          if (K[this.i + 1] !== T.IN) { op = null as unknown as A.cmpop; break; }
          op = CMP.NotIn; this.i += 2; break;
        case T.IS:
          if (K[this.i + 1] === T.NOT) { op = CMP.IsNot; this.i += 2; } else { op = CMP.Is; this.i++; }
          break;
        case T.LTGT: this.fail('invalid syntax');
        // falls through (unreachable)
        default: op = null as unknown as A.cmpop;
      }
      if (op === null) break;
      if (ops === null) { ops = []; comparators = []; }
      ops.push(op);
      comparators!.push(this.bitOr());
    }
    if (ops === null) return left;
    const e = this.last();
    return this.list({ _type: 'Compare', left, ops, comparators: comparators!, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.Compare, s, e);
  }

  bitOr(): Expr { return this.binary(1); }

  binary(minPrec: number): Expr {
    const K = this.K;
    const s = this.i;
    let left = this.factor();
    for (;;) {
      const k = K[this.i];
      const p = PREC[k];
      if (p < minPrec || p === 0) return left;
      this.i++;
      const right = this.binary(p + 1);
      const e = this.last();
      left = this.list({ _type: 'BinOp', left, op: BINOP[k]!, right, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.BinOp, s, e);
    }
  }

  factor(): Expr {
    const K = this.K;
    const k = K[this.i];
    let op: A.unaryop;
    if (k === T.MINUS) op = USUB;
    else if (k === T.PLUS) op = UADD;
    else if (k === T.TILDE) op = INVERT;
    else return this.power();
    // `- - … x`: a loop, not recursion (CPython accepts thousands; the JS stack would not)
    const starts: number[] = [];
    const ops: A.unaryop[] = [];
    for (;;) {
      const t = K[this.i];
      if (t === T.MINUS) op = USUB;
      else if (t === T.PLUS) op = UADD;
      else if (t === T.TILDE) op = INVERT;
      else break;
      starts.push(this.i++);
      ops.push(op);
      this.enter();
    }
    let operand = this.power();
    const e = this.last();
    for (let j = starts.length - 1; j >= 0; j--) {
      const s = starts[j]!;
      operand = { _type: 'UnaryOp', op: ops[j]!, operand, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    this.depth -= starts.length;
    return operand;
  }

  power(): Expr {
    const K = this.K;
    // `a ** b ** c …` (right-associative): operands gathered in a loop, not recursion (CPython
    // accepts thousands; the JS stack would not); a unary right operand recurses through factor().
    let starts: number[] | undefined;
    let lefts: Expr[] | undefined;
    let result: Expr;
    for (;;) {
      const s = this.i;
      let left: Expr;
      if (K[s] === T.AWAIT) {
        this.i++;
        const value = this.primary();
        const e = this.last();
        left = { _type: 'Await', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      } else left = this.primary();
      if (K[this.i] !== T.DOUBLESTAR) {
        if (starts === undefined) return left; // the common case: no `**`, nothing allocated
        result = left;
        break;
      }
      this.i++;
      this.enter();
      this.enter(); // CPython spends two parser levels per `**`
      (starts ??= []).push(s);
      (lefts ??= []).push(left);
      const k = K[this.i];
      if (k === T.MINUS || k === T.PLUS || k === T.TILDE) {
        result = this.factor();
        break;
      }
    }
    const e = this.last();
    for (let j = starts!.length - 1; j >= 0; j--) {
      const s = starts![j]!;
      result = this.list({ _type: 'BinOp', left: lefts![j]!, op: OP.Pow, right: result, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.BinOp, s, e);
    }
    this.depth -= 2 * starts!.length;
    return result;
  }

  primary(): Expr {
    const K = this.K;
    const s = this.i;
    let x = this.atom();
    for (;;) {
      const k = K[this.i];
      if (k === T.DOT) {
        this.i++;
        if (K[this.i] !== T.NAME) this.invalid();
        const attr = this.nameText(this.i);
        const e = this.i++;
        const onName = x._type === 'Name';
        x = { _type: 'Attribute', value: x, attr, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
        if (onName && this.indexing) this.nameAttributes.push(x);
      } else if (k === T.LPAR) {
        if (this.i === this.trailerLimit) return x;
        const at = this.i;
        let r: { args: Expr[]; keywords: A.keyword[]; genexp: Expr | null };
        try { r = this.callArgs(); } catch (err) { throw failedTrailer(err, at); }
        const e = this.i - 1;
        const method = x._type === 'Attribute' && x.value._type === 'Name';
        if (r.genexp) x = this.listCall({ _type: 'Call', func: x, args: [r.genexp], keywords: [], lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, s, e);
        else x = this.listCall({ _type: 'Call', func: x, args: r.args, keywords: r.keywords, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, s, e);
        if (method && this.indexing) this.containerUses.push(x);
      } else if (k === T.LSQB) {
        if (this.i === this.trailerLimit) return x;
        const at = this.i++;
        let slice: Expr;
        try {
          slice = this.slices();
          this.expect(T.RSQB);
        } catch (err) { throw failedTrailer(err, at); }
        const e = this.i - 1;
        x = this.list({ _type: 'Subscript', value: x, slice, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }, Kind.Subscript, s, e);
      } else return x;
    }
  }

  /** `( args )` of a call or class; a sole generator argument takes the parens' positions. */
  callArgs(): { args: Expr[]; keywords: A.keyword[]; genexp: Expr | null } {
    const K = this.K;
    const open = this.i++;
    const args: Expr[] = [];
    const keywords: A.keyword[] = [];
    let sawKw = false, sawDoubleStar = false;
    // CPython reports misplaced positional arguments at the end of the call
    let misplaced: string | null = null;
    this.enter();
    while (K[this.i] !== T.RPAR) {
      const s = this.i;
      const k = K[s];
      if (k === T.STAR) {
        this.i++;
        if (!STARTS_EXPR[K[this.i]] || K[this.i] === T.STAR) this.fail('Invalid star expression', s);
        const value = this.expression();
        if (K[this.i] === T.EQUAL) this.fail('cannot assign to iterable argument unpacking', s);
        if (sawDoubleStar) this.fail('iterable argument unpacking follows keyword argument unpacking', open + 1);
        const e = this.last();
        args.push({ _type: 'Starred', value, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      } else if (k === T.DOUBLESTAR) {
        this.i++;
        const value = this.expression();
        if (K[this.i] === T.EQUAL) this.fail('cannot assign to keyword argument unpacking', s);
        sawDoubleStar = true;
        const e = this.last();
        keywords.push({ _type: 'keyword', arg: null, value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      } else if (k === T.NAME && K[s + 1] === T.EQUAL) {
        const arg = this.nameText(s);
        this.i += 2;
        const value = this.expression();
        sawKw = true;
        const e = this.last();
        keywords.push({ _type: 'keyword', arg, value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
      } else {
        const a = this.namedExpression();
        if (K[this.i] === T.FOR || (K[this.i] === T.ASYNC && K[this.i + 1] === T.FOR)) {
          const generators = this.comprehensions();
          if (args.length === 0 && keywords.length === 0 && K[this.i] === T.RPAR) {
            this.i++;
            this.depth--;
            const e = this.i - 1;
            return { args, keywords, genexp: this.list(this.scoping({ _type: 'GeneratorExp', elt: a, generators, lineno: this.SL[open], col_offset: this.SC[open], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.GeneratorExp, open, e) };
          }
          this.failNode('Generator expression must be parenthesized', a);
        }
        if (K[this.i] === T.EQUAL) this.failNode('expression cannot contain assignment, perhaps you meant "=="?', a);
        if (misplaced === null && sawDoubleStar) misplaced = 'positional argument follows keyword argument unpacking';
        else if (misplaced === null && sawKw) misplaced = 'positional argument follows keyword argument';
        args.push(a);
      }
      if (K[this.i] !== T.COMMA) break;
      this.i++;
    }
    this.expect(T.RPAR);
    if (misplaced !== null) this.fail(misplaced, this.i - 1);
    this.depth--;
    return { args, keywords, genexp: null };
  }

  slices(): Expr {
    const K = this.K;
    const s = this.i;
    const first = this.sliceItem();
    if (K[this.i] !== T.COMMA && first._type !== 'Starred') return first;
    const elts = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      if (K[this.i] === T.RSQB) break;
      elts.push(this.sliceItem());
    }
    const e = this.last();
    return { _type: 'Tuple', elts, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  sliceItem(): Expr {
    const K = this.K;
    const s = this.i;
    if (K[s] === T.STAR) { this.note('starred expression in subscript', 11, s); return this.starExpression(); }
    let lower: Expr | null = null;
    if (K[s] !== T.COLON) {
      lower = this.namedExpression();
      if (K[this.i] !== T.COLON) {
        if (lower._type === 'NamedExpr' && K[s] !== T.LPAR) this.note('assignment expression in subscript', 10, s, this.last());
        return lower;
      }
      if (lower._type === 'NamedExpr' && K[s] !== T.LPAR) this.invalid();
    }
    this.i++;
    let upper: Expr | null = null, step: Expr | null = null;
    let k = K[this.i];
    if (k !== T.COLON && k !== T.COMMA && k !== T.RSQB) upper = this.expression();
    if (K[this.i] === T.COLON) {
      this.i++;
      k = K[this.i];
      if (k !== T.COMMA && k !== T.RSQB) step = this.expression();
    }
    const e = this.last();
    return { _type: 'Slice', lower, upper, step, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  atom(): Expr {
    const K = this.K;
    const s = this.i;
    switch (K[s]) {
      case T.NAME: {
        this.i++;
        return { _type: 'Name', id: this.nameText(s), ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
      }
      case T.NUMBER: return this.number();
      case T.STRING: case T.FSTRING_START: return this.strings();
      case T.NONE: case T.TRUE: case T.FALSE: case T.ELLIPSIS: {
        this.i++;
        const k = K[s];
        const value = k === T.NONE ? null : k === T.TRUE ? true : k === T.FALSE ? false : ELLIPSIS;
        return { _type: 'Constant', value, kind: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
      }
      case T.LPAR: return this.parenAtom();
      case T.LSQB: return this.listAtom();
      case T.LBRACE: return this.braceAtom();
      case T.ERROR: this.failToken(s);
      // falls through (unreachable)
      default: this.invalid();
    }
  }

  number(): Expr {
    const s = this.i++;
    const value = parseNumber(this.src.slice(this.ST[s], this.EN[s]));
    return { _type: 'Constant', value, kind: null, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
  }

  parenAtom(): Expr {
    const K = this.K;
    const s = this.i++;
    this.enter();
    if (K[this.i] === T.RPAR) {
      this.i++;
      this.depth--;
      return { _type: 'Tuple', elts: [], ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s + 1], end_col_offset: this.EC[s + 1] };
    }
    if (K[this.i] === T.YIELD) {
      const y = this.yieldExpr();
      this.expect(T.RPAR);
      this.depth--;
      return y;
    }
    const first = this.starNamedExpression();
    let k = K[this.i];
    if (k === T.RPAR) {
      if (first._type === 'Starred') this.failNode('cannot use starred expression here', first);
      this.i++;
      this.depth--;
      return first;
    }
    if (k === T.FOR || (k === T.ASYNC && K[this.i + 1] === T.FOR)) {
      if (first._type === 'Starred') this.failNode('iterable unpacking cannot be used in comprehension', first);
      const generators = this.comprehensions();
      this.expect(T.RPAR);
      this.depth--;
      const e = this.i - 1;
      return this.list(this.scoping({ _type: 'GeneratorExp', elt: first, generators, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.GeneratorExp, s, e);
    }
    if (k !== T.COMMA) this.expectClose(T.RPAR);
    const elts = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      k = K[this.i];
      if (k === T.RPAR) break;
      elts.push(this.starNamedExpression());
    }
    this.expectClose(T.RPAR);
    this.depth--;
    const e = this.i - 1;
    return { _type: 'Tuple', elts, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  /** Expects a closing bracket; anything else in a display is "invalid syntax" (maybe a missing comma). */
  expectClose(k: T): void {
    if (this.K[this.i] !== k) this.invalid();
    this.i++;
  }

  listAtom(): Expr {
    const K = this.K;
    const s = this.i++;
    this.enter();
    if (K[this.i] === T.RSQB) {
      this.i++;
      this.depth--;
      return { _type: 'List', elts: [], ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s + 1], end_col_offset: this.EC[s + 1] };
    }
    const first = this.starNamedExpression();
    const k = K[this.i];
    if (k === T.FOR || (k === T.ASYNC && K[this.i + 1] === T.FOR)) {
      if (first._type === 'Starred') this.failNode('iterable unpacking cannot be used in comprehension', first);
      const generators = this.comprehensions();
      this.expectClose(T.RSQB);
      this.depth--;
      const e = this.i - 1;
      return this.list(this.scoping({ _type: 'ListComp', elt: first, generators, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.ListComp, s, e);
    }
    const elts = [first];
    while (K[this.i] === T.COMMA) {
      this.i++;
      if (K[this.i] === T.RSQB) break;
      elts.push(this.starNamedExpression());
    }
    this.expectClose(T.RSQB);
    this.depth--;
    const e = this.i - 1;
    return { _type: 'List', elts, ctx: LOAD, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  braceAtom(): Expr {
    const K = this.K;
    const s = this.i++;
    this.enter();
    if (K[this.i] === T.RBRACE) {
      this.i++;
      this.depth--;
      return { _type: 'Dict', keys: [], values: [], lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s + 1], end_col_offset: this.EC[s + 1] };
    }
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    if (K[this.i] === T.DOUBLESTAR) {
      this.i++;
      keys.push(null);
      values.push(this.bitOr());
    } else {
      const fs = this.i;
      const first = this.starNamedExpression();
      if (K[this.i] === T.COLON && first._type !== 'Starred') {
        if (first._type === 'NamedExpr' && K[fs] !== T.LPAR) this.invalid();
        this.i++;
        const v = this.expression();
        const k = K[this.i];
        if (k === T.FOR || (k === T.ASYNC && K[this.i + 1] === T.FOR)) {
          const generators = this.comprehensions();
          this.expectClose(T.RBRACE);
          this.depth--;
          const e = this.i - 1;
          return this.list(this.scoping({ _type: 'DictComp', key: first, value: v, generators, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.DictComp, s, e);
        }
        keys.push(first);
        values.push(v);
      } else {
        // a set
        const k = K[this.i];
        if (k === T.FOR || (k === T.ASYNC && K[this.i + 1] === T.FOR)) {
          if (first._type === 'Starred') this.failNode('iterable unpacking cannot be used in comprehension', first);
          const generators = this.comprehensions();
          this.expectClose(T.RBRACE);
          this.depth--;
          const e = this.i - 1;
          return this.list(this.scoping({ _type: 'SetComp', elt: first, generators, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] }), Kind.SetComp, s, e);
        }
        const elts = [first];
        if (first._type === 'NamedExpr' && K[fs] !== T.LPAR) this.note('assignment expression in a set display', 9, fs);
        while (K[this.i] === T.COMMA) {
          this.i++;
          if (K[this.i] === T.RBRACE) break;
          const es = this.i;
          const el = this.starNamedExpression();
          if (el._type === 'NamedExpr' && K[es] !== T.LPAR) this.note('assignment expression in a set display', 9, es);
          elts.push(el);
        }
        this.expectClose(T.RBRACE);
        this.depth--;
        const e = this.i - 1;
        return { _type: 'Set', elts, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      }
    }
    while (K[this.i] === T.COMMA) {
      this.i++;
      if (K[this.i] === T.RBRACE) break;
      if (K[this.i] === T.DOUBLESTAR) {
        this.i++;
        keys.push(null);
        values.push(this.bitOr());
      } else {
        keys.push(this.expression());
        if (K[this.i] !== T.COLON) {
          if (K[this.i] === T.COMMA || K[this.i] === T.RBRACE) this.fail("':' expected after dictionary key");
          this.invalid();
        }
        this.i++;
        values.push(this.expression());
      }
    }
    this.expectClose(T.RBRACE);
    this.depth--;
    const e = this.i - 1;
    return { _type: 'Dict', keys, values, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  comprehensions(): A.comprehension[] {
    const K = this.K;
    const out: A.comprehension[] = [];
    for (;;) {
      let is_async = 0;
      const s = this.i;
      if (K[this.i] === T.ASYNC && K[this.i + 1] === T.FOR) { is_async = 1; this.i++; }
      else if (K[this.i] !== T.FOR) break;
      this.i++;
      const target = this.starTargets();
      this.expect(T.IN);
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (K[this.i] === T.IF) { this.i++; ifs.push(this.disjunction()); }
      out.push(this.list({ _type: 'comprehension', target, iter, ifs, is_async }, Kind.comprehension, s, this.i - 1));
    }
    return out;
  }

  yieldExpr(): Expr {
    const K = this.K;
    const s = this.i++;
    if (K[this.i] === T.FROM) {
      this.i++;
      const value = this.expression();
      const e = this.last();
      return this.scoping({ _type: 'YieldFrom', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
    }
    const value = STARTS_EXPR[K[this.i]] ? this.starExpressions() : null;
    if (value !== null) this.noteUnparenthesizedStar(value, s + 1);
    const e = this.last();
    return this.scoping({ _type: 'Yield', value, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] });
  }

  // ---------------------------------------------------------------- strings

  strings(): Expr {
    const K = this.K;
    const s = this.i;
    if (K[s] === T.STRING && K[s + 1] !== T.STRING && K[s + 1] !== T.FSTRING_START) {
      this.i++;
      const d = this.decodeString(s);
      return { _type: 'Constant', value: d.isBytes ? { kind: 'bytes', bytes: d.value as Uint8Array } : d.value as string, kind: d.kind, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[s], end_col_offset: this.EC[s] };
    }
    // implicit concatenation, following CPython's _PyPegen_concatenate_strings
    const parts: Expr[] = [];
    let bytesFound = false, strFound = false, fFound = false;
    let bytesParts: Uint8Array[] | null = null;
    for (;;) {
      const k = K[this.i];
      if (k === T.STRING) {
        const t = this.i++;
        const d = this.decodeString(t);
        if (d.isBytes) { bytesFound = true; (bytesParts ??= []).push(d.value as Uint8Array); }
        else strFound = true;
        parts.push({ _type: 'Constant', value: d.isBytes ? '' : d.value as string, kind: d.kind, lineno: this.SL[t], col_offset: this.SC[t], end_lineno: this.EL[t], end_col_offset: this.EC[t] });
      } else if (k === T.FSTRING_START) {
        fFound = true;
        parts.push(this.fstring());
      } else break;
    }
    const e = this.i - 1;
    // pegen reports it at the last token it fetched: the one after the strings
    if (bytesFound && (strFound || fFound)) this.fail('cannot mix bytes and nonbytes literals', this.i);
    if (bytesFound) {
      let n = 0;
      for (const b of bytesParts!) n += b.length;
      const all = new Uint8Array(n);
      n = 0;
      for (const b of bytesParts!) { all.set(b, n); n += b.length; }
      return { _type: 'Constant', value: { kind: 'bytes', bytes: all }, kind: (parts[0] as A.Constant).kind, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
    }
    if (!fFound && parts.length === 1) return parts[0];
    const flat: Expr[] = [];
    for (const p of parts) {
      if (p._type === 'JoinedStr') for (const v of p.values) flat.push(v);
      else flat.push(p);
    }
    const values: Expr[] = [];
    for (let j = 0; j < flat.length; j++) {
      let el = flat[j];
      if (el._type === 'Constant') {
        if (j + 1 < flat.length && flat[j + 1]._type === 'Constant') {
          const first = el;
          let last = el;
          let text = '';
          let m = j;
          for (; m < flat.length; m++) {
            const c = flat[m];
            if (c._type !== 'Constant') break;
            text += c.value as string;
            last = c;
          }
          j = m - 1;
          el = { _type: 'Constant', value: text, kind: first.kind, lineno: first.lineno, col_offset: first.col_offset, end_lineno: last.end_lineno, end_col_offset: last.end_col_offset };
        }
        if (fFound && (el as A.Constant).value === '') continue;
      }
      values.push(el);
    }
    if (!fFound) return values[0];
    return { _type: 'JoinedStr', values, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  decodeString(t: number): { value: string | Uint8Array; isBytes: boolean; kind: string | null } {
    try {
      return decodeStringToken(this.src, this.ST[t], this.EN[t]);
    } catch (err) {
      if (err instanceof StringDecodeError) this.fail(err.message, t);
      throw err;
    }
  }

  fstringPrefixRaw(t: number): boolean {
    const src = this.src;
    for (let p = this.ST[t]; ; p++) {
      const c = src.charCodeAt(p);
      if (c === 34 || c === 39) return false;
      if ((c | 0x20) === 114) return true;
    }
  }

  fstring(): A.JoinedStr {
    const K = this.K;
    const s = this.i++;
    const raw = this.fstringPrefixRaw(s);
    const values: Expr[] = [];
    this.enter();
    for (;;) {
      const k = K[this.i];
      if (k === T.FSTRING_MIDDLE) {
        const c = this.middle(raw, true);
        if (c.value !== '') values.push(c);
      } else if (k === T.LBRACE) {
        this.replacementField(raw, values, false);
      } else if (k === T.FSTRING_END) {
        this.i++;
        break;
      } else if (k === T.ERROR) this.failToken(this.i);
      else this.fail("f-string: expecting '}'");
    }
    this.depth--;
    const e = this.i - 1;
    return { _type: 'JoinedStr', values, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
  }

  middle(raw: boolean, braces: boolean): A.Constant {
    const t = this.i++;
    let value: string;
    try {
      value = decodeBody(this.src, this.ST[t], this.EN[t], raw, braces);
    } catch (err) {
      if (err instanceof StringDecodeError) this.fail(err.message, t);
      throw err;
    }
    return { _type: 'Constant', value, kind: null, lineno: this.SL[t], col_offset: this.SC[t], end_lineno: this.EL[t], end_col_offset: this.EC[t] };
  }

  replacementField(raw: boolean, out: Expr[], inSpec: boolean): void {
    const K = this.K;
    const s = this.i++;
    const k0 = K[this.i];
    if (k0 === T.RBRACE || k0 === T.EXCLAMATION || k0 === T.COLON || k0 === T.EQUAL) this.fail("f-string: valid expression required before '" + tokenText(k0 === T.EXCLAMATION ? T.ERROR : k0).replace('token', '!') + "'");
    if (!STARTS_EXPR[k0] && k0 !== T.YIELD && k0 !== T.ERROR) this.fail("f-string: expecting a valid expression after '{'");
    const value = k0 === T.YIELD ? this.yieldExpr() : this.starExpressions();
    let debugEq = -1;
    if (K[this.i] === T.EQUAL) { debugEq = this.i; this.i++; }
    let conversion = -1;
    let convTok = -1;
    if (K[this.i] === T.EXCLAMATION) {
      const bang = this.i++;
      if (K[this.i] !== T.NAME) this.fail('f-string: missing conversion character');
      if (this.ST[this.i] !== this.EN[bang]) this.fail('f-string: conversion type must come right after the exclamanation mark');
      const c = this.nameText(this.i);
      if (c !== 's' && c !== 'r' && c !== 'a') this.fail(`f-string: invalid conversion character '${c}': expected 's', 'r', or 'a'`);
      conversion = c.charCodeAt(0);
      convTok = this.i++;
    }
    let format_spec: Expr | null = null;
    if (K[this.i] === T.COLON) {
      const cs = this.i++;
      const spec: Expr[] = [];
      for (;;) {
        const k = K[this.i];
        if (k === T.FSTRING_MIDDLE) {
          const c = this.middle(raw, false);
          if (c.value !== '') spec.push(c);
        } else if (k === T.LBRACE) this.replacementField(raw, spec, true);
        else break;
      }
      const e = this.last();
      if (spec.length === 0 || (spec.length === 1 && spec[0]._type === 'Constant')) {
        format_spec = { _type: 'JoinedStr', values: spec, lineno: this.SL[cs], col_offset: this.SC[cs], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      } else {
        format_spec = { _type: 'JoinedStr', values: mergeConstants(spec), lineno: this.SL[cs], col_offset: this.SC[cs], end_lineno: this.EL[e], end_col_offset: this.EC[e] };
      }
    }
    if (K[this.i] !== T.RBRACE) {
      if (K[this.i] === T.ERROR) this.failToken(this.i);
      if (format_spec !== null) this.fail("f-string: expecting '}'");
      if (conversion !== -1 && convTok >= 0) this.fail("f-string: expecting ':' or '}'");
      if (debugEq >= 0) this.fail("f-string: expecting '!', or ':', or '}'");
      this.fail("f-string: expecting '=', or '!', or ':', or '}'");
    }
    const closing = this.i++;
    if (debugEq >= 0 && conversion === -1 && format_spec === null) conversion = 114;
    const fv: A.FormattedValue = { _type: 'FormattedValue', value, conversion, format_spec, lineno: this.SL[s], col_offset: this.SC[s], end_lineno: this.EL[closing], end_col_offset: this.EC[closing] };
    if (debugEq >= 0) {
      let endTok: number, endLine: number, endCol: number;
      if (convTok >= 0) { endTok = convTok - 1; endLine = this.SL[convTok]; endCol = this.SC[convTok]; }
      else if (format_spec !== null) { endTok = this.findBack(T.COLON, debugEq); endLine = format_spec.lineno; endCol = format_spec.col_offset + 1; }
      else { endTok = closing; endLine = this.EL[closing]; endCol = this.EC[closing]; }
      const [from, to] = this.debugTextRange(s, endTok, inSpec);
      let text = this.src.slice(from, to);
      if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
      if (text.indexOf('#') >= 0) text = text.replace(/#[^\n]*/g, '');
      out.push({ _type: 'Constant', value: text, kind: null, lineno: this.SL[s], col_offset: this.SC[s] + 1, end_lineno: endLine, end_col_offset: endCol - 1 });
    }
    out.push(fv);
  }

  /**
   * The source range of CPython's `=` debug text. Its tokenizer stops the text at the first `:`,
   * `!` (also of `!=`) or `}` at the field's top bracket level, or one level deeper once any single
   * `=` has been seen in the field (e.g. a keyword argument), and a `{` at such a place restarts
   * the text after it: quirks included, to match its trees.
   */
  debugTextRange(open: number, end: number, inSpec: boolean): [number, number] {
    const K = this.K, level = this.t.level;
    const base = level[open];
    let sawEqual = false;
    let from = this.EN[open];
    let to = -1;
    for (let j = open + 1; j < end; j++) {
      const k = K[j];
      if (k === T.FSTRING_START) {
        // a nested f-string has its own tokenizer mode: skip it whole
        let depth = 1;
        while (depth > 0 && ++j < end) {
          if (K[j] === T.FSTRING_START) depth++;
          else if (K[j] === T.FSTRING_END) depth--;
        }
        continue;
      }
      if (k === T.EQUAL) { sawEqual = true; continue; }
      let cursor: number;
      if (k === T.COLON || k === T.NOTEQUAL || k === T.EXCLAMATION || k === T.LBRACE) cursor = level[j] - base;
      else if (k === T.RBRACE) cursor = level[j] - base + 1;
      else continue;
      if (cursor === 0 || (cursor === 1 && sawEqual && !inSpec)) {
        // the first marker ends the text; a `{` there restarts it after the brace
        if (k === T.LBRACE) { from = this.EN[j]; to = -1; }
        else if (to < 0) to = this.ST[j];
      }
    }
    return [from, to < 0 ? this.ST[end] : to];
  }

  findBack(k: T, from: number): number {
    let j = from;
    while (this.K[j] !== k) j++;
    return j;
  }
}

/** Marks a parse failure as coming out of the call/subscript trailer opened at `at`. */
function failedTrailer(err: unknown, at: number): unknown {
  if (err instanceof ParseFailure && err.kind !== 'token') err.trailerAt = at;
  return err;
}

/** Python 3.8 decorators: a dotted name, optionally called. */
function isDottedCall(d: Expr): boolean {
  if (d._type === 'Call') d = d.func;
  while (d._type === 'Attribute') d = d.value;
  return d._type === 'Name';
}

/** Merges runs of adjacent Constants and drops empty ones (CPython's concatenation of spec parts). */
function mergeConstants(items: Expr[]): Expr[] {
  const out: Expr[] = [];
  for (let j = 0; j < items.length; j++) {
    let el = items[j];
    if (el._type === 'Constant' && j + 1 < items.length && items[j + 1]._type === 'Constant') {
      const first = el;
      let last: A.Constant = el;
      let text = '';
      let m = j;
      for (; m < items.length; m++) {
        const c = items[m];
        if (c._type !== 'Constant') break;
        text += c.value as string;
        last = c;
      }
      j = m - 1;
      el = { _type: 'Constant', value: text, kind: first.kind, lineno: first.lineno, col_offset: first.col_offset, end_lineno: last.end_lineno, end_col_offset: last.end_col_offset };
    }
    if (el._type === 'Constant' && el.value === '') continue;
    out.push(el);
  }
  return out;
}

/** Python's value of a number literal. */
export function parseNumber(text: string): A.ConstantValue {
  if (text.indexOf('_') >= 0) text = text.replace(/_/g, '');
  const last = text.charCodeAt(text.length - 1) | 0x20;
  if (last === 106) return { kind: 'complex', real: 0, imag: Number(text.slice(0, -1)) };
  const c1 = text.charCodeAt(1) | 0x20;
  if (text.charCodeAt(0) === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
    const radix = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
    const digits = text.slice(2);
    const v = parseInt(digits, radix);
    if (v < TWO53) return v;
    const big = BigInt(text.slice(0, 2).toLowerCase() + digits);
    return big < BigInt(TWO53) ? Number(big) : big;
  }
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || (c | 0x20) === 101) return { kind: 'float', value: Number(text) };
  }
  if (text.length <= 15) return Number(text);
  const big = BigInt(text);
  return big < BigInt(TWO53) ? Number(big) : big;
}

/** CPython's noun for an expression in "cannot assign to X" messages. */
function describe(e: Expr): string {
  switch (e._type) {
    case 'Call': return 'function call';
    case 'Constant': {
      const v = e.value;
      if (v === null) return 'None';
      if (v === true) return 'True';
      if (v === false) return 'False';
      if (typeof v === 'object' && (v as A.PyEllipsis).kind === 'ellipsis') return 'ellipsis';
      return 'literal';
    }
    case 'BinOp': case 'UnaryOp': return 'expression';
    case 'BoolOp': return 'expression';
    case 'Compare': return 'comparison';
    case 'Lambda': return 'lambda';
    case 'IfExp': return 'conditional expression';
    case 'NamedExpr': return 'named expression';
    case 'GeneratorExp': return 'generator expression';
    case 'ListComp': return 'list comprehension';
    case 'SetComp': return 'set comprehension';
    case 'DictComp': return 'dict comprehension';
    case 'Dict': return 'dict literal';
    case 'Set': return 'set display';
    case 'JoinedStr': case 'FormattedValue': return 'f-string expression';
    case 'Await': return 'await expression';
    case 'Yield': case 'YieldFrom': return 'yield expression';
    case 'Tuple': return 'tuple';
    case 'List': return 'list';
    case 'Starred': return 'starred';
    default: return 'expression';
  }
}
