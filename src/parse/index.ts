// hotspy's Python parser, public API: source text in, CPython 3.13's `ast` (positions included),
// comments, syntax errors with recovery, and target-version checks out. Never throws.

import type { Attribute, AugAssign, Call, ClassDef, Import, ImportFrom, Module, Node, Subscript, expr, stmt } from './ast.js';
import { firstNodeDeeperThan, MAX_AST_DEPTH } from './ast-depth.js';
import { tokenize, releaseTokens, type Tokens } from './tokenizer.js';
import { T } from './tokens.js';
import { Parser, type ParserError } from './parser.js';
import { countLines, LineIndex } from '../source/line-index.js';
import type { ListedNodes } from './listed.js';

export type * from './ast.js';
export { LineIndex } from '../source/line-index.js';
export type { ListedNodes } from './listed.js';

export interface PythonVersion { major: 3; minor: number }
export interface ParseOptions {
  targetVersion?: PythonVersion /* default 3.13 */;
  filename?: string;
  /** List nodes for the rules and the semantic model as the tree is built (`ParseResult.index`; default true). */
  index?: boolean;
}
export interface Comment { text: string /* including '#' */; lineno: number; col_offset: number; end_col_offset: number }
export interface ParseError {
  /** CPython-like message ("invalid syntax", "expected ':'", ...) or a target-version message. */
  message: string;
  lineno: number; col_offset: number; end_lineno: number; end_col_offset: number;
  /** Set when the code is valid in a newer Python than targetVersion. */
  requiresVersion?: PythonVersion;
  /** The lines skipped by error recovery. */
  brokenRegion?: { startLine: number; endLine: number };
}
export interface ParseResult {
  /** On errors: the statements that did parse (before and after the broken regions). */
  module: Module;
  comments: Comment[];
  /** Empty for valid code; errors[0] is where CPython 3.13 reports its SyntaxError. */
  errors: ParseError[];
  lines: LineIndex;
  /** Physical lines (a final line break does not start another), as the tokenizer counted them. */
  lineCount: number;
  /**
   * Nodes of a few kinds, listed as the parser built them, so that the rules and the semantic
   * model need not search the tree for them. Undefined when not asked for, or after an internal error.
   */
  index: ParseIndex | undefined;
}

/**
 * Nodes the parser lists as it builds them. A few may have been dropped by backtracking and are
 * not in the tree: users check (the semantic model locates each one, skipping those it cannot).
 */
export interface ParseIndex {
  /** Every lambda, comprehension, generator expression, walrus and yield: the expressions that open a scope or bind a name. */
  scopingExpressions: expr[];
  /** Every `global` and `nonlocal` statement (they move bindings between scopes). */
  declarations: stmt[];
  /** Every `name.attr(…)` call, `name op= …` statement and `name[…] = …` target (`name` a plain Name). */
  containerUses: (Call | AugAssign | Subscript)[];
  /** Every `name.attr` (`name` a plain Name). */
  nameAttributes: Attribute[];
  /** Every `import` and `from … import` statement. */
  imports: (Import | ImportFrom)[];
  /** Every class statement outside any def or class body, in source order. */
  moduleLevelClasses: ClassDef[];
  /** Whether the module holds an `async def`. */
  hasAsyncDef: boolean;
  /**
   * The nodes of `LISTED_KINDS` with their token ranges, in the order built: exactly the tree's
   * nodes of those kinds when the parse has no syntax errors (backtracking unlists what it drops).
   */
  listed: ListedNodes;
}

const NUL_MESSAGE = 'source code string cannot contain null bytes';

export const DEFAULT_TARGET: PythonVersion = { major: 3, minor: 13 };

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const lines = new LineIndex(source);
  try {
    return parseUnsafe(source, options, lines);
  } catch (err) {
    // A bug in the parser must not take the caller down: report it as this file's error.
    const message = `internal parser error: ${err instanceof Error ? err.message : String(err)}`;
    return { module: { _type: 'Module', body: [], type_ignores: [] }, comments: [], errors: [{ message, lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0 }], lines, lineCount: countLines(source), index: undefined };
  }
}

/**
 * Whether the tree could be deeper than CPython's `ast` construction allows, from the tokens
 * alone (the tree walk that decides costs more than a scan of token kinds). Within one logical
 * line each two levels of nesting cost at least one token; across lines, nesting comes from
 * indentation (at most 100 levels, each at most 3 tree levels: try → handler → body) and from
 * `elif` chains (one level each).
 */
function mayBeTooDeep(tokens: Tokens): boolean {
  const kind = tokens.kind;
  const count = tokens.count;
  if (count * 2 + 2 <= MAX_AST_DEPTH) return false;
  let longestLine = 0;
  let lineStart = 0;
  let elifs = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === T.NEWLINE) {
      if (i - lineStart > longestLine) longestLine = i - lineStart;
      lineStart = i;
    } else if (k === T.ELIF) elifs++;
  }
  if (count - lineStart > longestLine) longestLine = count - lineStart;
  return longestLine * 2 + 3 * 100 + elifs + 10 > MAX_AST_DEPTH;
}

/** CPython raises RecursionError (no line); the error sits on the first node past the limit. */
function tooDeepError(node: Node): ParseError {
  const at = node as Partial<{ lineno: number; col_offset: number; end_lineno: number; end_col_offset: number }>;
  const lineno = at.lineno ?? 1;
  const col = at.col_offset ?? 0;
  return {
    message: 'too deeply nested: maximum recursion depth exceeded during ast construction',
    lineno, col_offset: col, end_lineno: at.end_lineno ?? lineno, end_col_offset: at.end_col_offset ?? col,
  };
}

function toError(e: ParserError): ParseError {
  const out: ParseError = { message: e.message, lineno: e.lineno, col_offset: e.col, end_lineno: e.endLineno, end_col_offset: e.endCol };
  if (e.brokenRegion) out.brokenRegion = e.brokenRegion;
  return out;
}

function parseUnsafe(source: string, options: ParseOptions, lines: LineIndex): ParseResult {
  const indexing = options.index !== false;
  // the line starts go to the line index of a parse for the rules, which quote and place findings
  let tokens = tokenize(source, false, indexing);
  const parser = new Parser(source, tokens, indexing);
  let module = parser.parseModule();
  let index = indexOf(parser);
  const result = collectErrors(source, tokens, parser, lines, options);
  if (tokens.unclosed !== null && result.errors.length > 0) {
    // A bracket left open swallows the rest of the file: parse again with the brackets closed
    // where a new statement obviously starts, for the statements that follow. errors[0] stays
    // the one CPython reports.
    const repaired = tokenize(source, true, indexing);
    if (repaired.repairs > 0) {
      const parser2 = new Parser(source, repaired, indexing);
      module = parser2.parseModule();
      index = indexOf(parser2);
      const first = { ...result.errors[0] };
      const more = collectErrors(source, repaired, parser2, lines, options).errors.filter((e) => {
        const same = e.lineno === first.lineno && e.message === first.message;
        // The repaired parse knows where the broken statement really ends.
        if (same && e.brokenRegion) first.brokenRegion = e.brokenRegion;
        return !same;
      });
      result.errors = [first, ...more];
      releaseTokens(tokens);
      tokens = repaired;
    }
  }
  if (result.errors.length === 0 && mayBeTooDeep(tokens)) {
    const deep = firstNodeDeeperThan(module, MAX_AST_DEPTH);
    if (deep) result.errors = [tooDeepError(deep)];
  }
  const comments = tokens.comments;
  const lineCount = tokens.lineCount >= 0 ? tokens.lineCount : countLines(source);
  // The tokenizer's line starts, when it read the whole text and every line break was a `\n`
  // (it counts `\r` and `\r\n` as CPython does, which need not be how the index counts them).
  if (indexing && tokens.lineCount >= 0 && source.indexOf('\r') === -1) lines.adoptStarts(tokens.lineStarts.slice(0, tokens.lineStartCount));
  releaseTokens(tokens);
  return { module, comments, errors: result.errors, lines, lineCount, index };
}

function indexOf(parser: Parser): ParseIndex | undefined {
  if (!parser.indexing) return undefined;
  return { scopingExpressions: parser.scopingExpressions, declarations: parser.declarations, containerUses: parser.containerUses, nameAttributes: parser.nameAttributes, imports: parser.imports, moduleLevelClasses: parser.moduleLevelClasses, hasAsyncDef: parser.sawAsyncDef, listed: parser.listed };
}

function collectErrors(source: string, tokens: Tokens, parser: Parser, lines: LineIndex, options: ParseOptions): { errors: ParseError[] } {
  const errors: ParseError[] = parser.errors.map(toError);
  const first = parser.errors[0];
  // CPython lets a tokenizer error anywhere in the file override a parser error found earlier
  // (it re-tokenizes the rest of the source), except for unexpected indents.
  const tokErr = tokens.error;
  if (tokErr && tokErr.overrides && first && first.kind !== 'token' && !first.message.startsWith('unexpected indent')) {
    errors.unshift({ message: tokErr.message, lineno: tokErr.lineno, col_offset: tokErr.col, end_lineno: tokErr.endLineno, end_col_offset: tokErr.endCol });
  } else if (first && first.kind !== 'unclosed' && (!tokErr || (first.kind !== 'token' && !first.message.startsWith('unexpected indent')))) {
    // Tokenizing on, CPython stops at EOF or at an error it signals without raising (line
    // continuation): a bracket opened before the parser's furthest line is then "never closed".
    const u = tokErr ? tokErr.openBracket : tokens.unclosed;
    if (u && first.furthestLine > u.lineno) errors.unshift({ message: `'${u.char}' was never closed`, lineno: u.lineno, col_offset: u.col, end_lineno: u.lineno, end_col_offset: u.col + 1 });
  }
  const quirk = parser.typeAliasDefault;
  // (only errors of CPython's second, error-reporting pass lose to it; these come from its first)
  const firstPass = ['Invalid star expression', "':' expected after dictionary key"];
  if (quirk && first && first.kind !== 'token' && !(tokErr && tokErr.overrides) && errors.length > 0 && quirk.lineno < errors[0].lineno && !firstPass.includes(errors[0].message)) {
    errors.unshift({ message: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", lineno: quirk.lineno, col_offset: quirk.col, end_lineno: quirk.endLineno, end_col_offset: quirk.endCol });
  }
  // CPython refuses a source with a null byte before parsing anything
  const nul = source.indexOf('\0');
  if (nul >= 0) {
    const at = lines.positionOf(nul);
    for (let i = errors.length - 1; i >= 0; i--) if (errors[i].message === NUL_MESSAGE) errors.splice(i, 1);
    errors.unshift({ message: NUL_MESSAGE, lineno: at.lineno, col_offset: at.col_offset, end_lineno: at.lineno, end_col_offset: at.col_offset + 1 });
  }
  const target = options.targetVersion ?? DEFAULT_TARGET;
  if (target.minor < 13) {
    const uses: ParseError[] = [];
    const add = (feature: string, minor: number, lineno: number, col: number, endLineno: number, endCol: number): void => {
      if (minor <= target.minor) return;
      uses.push({
        message: `${feature} requires Python 3.${minor} or newer (target is 3.${target.minor})`,
        lineno, col_offset: col, end_lineno: endLineno, end_col_offset: endCol, requiresVersion: { major: 3, minor },
      });
    };
    for (const n of parser.versionNotes) add(n.feature, n.minor, n.lineno, n.col, n.endLineno, n.endCol);
    for (const u of tokens.versionUses) add(u.feature, u.minor, u.lineno, u.col, u.lineno, u.col + 1);
    uses.sort((a, b) => a.lineno - b.lineno || a.col_offset - b.col_offset);
    errors.push(...uses);
  }
  return { errors };
}
