// Where a node sits (parent, enclosing statement, scope, loop), found on demand from source
// positions instead of a map of every node built up front: statement lists are sorted by position,
// so a binary search per nesting level finds the innermost statement holding the node, and only
// that statement's own expressions are walked (once; every node of it is remembered). Without the
// parent, positions alone settle most questions: see `findContext`.
import type { Node, Module, stmt, expr } from '../parse/ast.js';
import type { Scope } from './scopes.js';
import type { Loop } from './loops.js';
import { Registry, WalkMode, walkWithPlaces } from './context-walk.js';
import { forEachBlock, isStatement } from './node-kinds.js';
import { doubled } from '../util/typed-arrays.js';

export interface Place {
  /** The syntactic parent (for statements in an `except` or `case` body: the handler or case). */
  readonly parent: Node | undefined;
  readonly scope: Scope;
  readonly loop: Loop | undefined;
  /** The innermost statement holding the node (the node itself for a statement). */
  readonly statement: stmt | undefined;
}

// Positions as one comparable number: line, then UTF-8 byte column (columns stay below 2^24).
const LINE = 2 ** 24;
export const positionKey = (line: number, column: number): number => line * LINE + column;
const key = positionKey;

/** A node's place without its parent (`parent` is then undefined, not known): what `findContext` answers. */
export type Context = Omit<Place, 'parent'> & { readonly parent: Node | undefined };

export class Locator {
  private readonly places = new Map<Node, Place>();
  /** `findContext` answers found from positions (nodes not in `places`). */
  private readonly contexts = new Map<Node, Context>();
  /** The parser's lambdas and comprehensions, by position (made on first need), with their extents. */
  private scopeOpeners: ScopeOpeners | undefined;
  /**
   * The statements the last search went down through, outermost first, and their extents (typed
   * arrays: position keys pass 2^31 from line 128 on, and a number array switching from small
   * integers to doubles deoptimized the code reading it).
   */
  private readonly path: stmt[] = [];
  private pathStarts = new Float64Array(32);
  private pathEnds = new Float64Array(32);
  /** Statements whose own expressions have been walked. */
  private readonly walkedUnits = new Set<Node>();
  private fullyWalked = false;

  constructor(
    private readonly module: Module,
    private readonly registry: Registry,
    /** The parser's scoping expressions (`ParseIndex.scopingExpressions`): without them, `findContext` is `find`. */
    private readonly scopingExpressions?: readonly expr[],
  ) {
    this.places.set(module, { parent: undefined, scope: registry.moduleScope, loop: undefined, statement: undefined });
  }

  /** The place of `node`, or undefined when it is not part of this module's tree. */
  find(node: Node): Place | undefined {
    return this.places.get(node) ?? this.findByPosition(node) ?? this.walkEverything(node);
  }

  /** Like `find`, but never falls back to walking the whole module (for nodes that may not be in the tree). */
  findByPosition(node: Node): Place | undefined {
    const known = this.places.get(node);
    if (known) return known;
    const at = startOf(node);
    if (at === undefined) return undefined;
    const holder = this.holderOf(node, at);
    if (holder === undefined || holder === node) return this.places.get(node);
    this.walkUnit(holder);
    return this.places.get(node);
  }

  /**
   * The scope, loop and statement of `node` (a node of the tree, as for `find`), from positions
   * alone where they settle it: an expression outside every lambda and comprehension is evaluated
   * in its statement's scope and loop, but for a loop's own header, where a `for` target and a
   * `while` test repeat with the loop. Only the parent needs the walk of the statement: 95% of
   * the walks the stdlib check made were for scopes and loops.
   */
  findContext(node: Node): Context | undefined {
    const known = this.places.get(node) ?? this.contexts.get(node);
    if (known) return known;
    if (this.scopingExpressions === undefined || !EXPRESSIONS.has(node._type)) return this.find(node);
    const e = node as expr;
    const at = key(e.lineno, e.col_offset);
    const holder = this.holderOf(node, at);
    if (holder === undefined) return this.find(node);
    if (holder === node) return this.places.get(node);
    if (this.mayBeInScopeOpener(node, at, extentStart(holder))) return this.find(node);
    const place = this.places.get(holder)!;
    let loop = place.loop;
    if (((holder._type === 'For' || holder._type === 'AsyncFor') && within(holder.target, at)) || (holder._type === 'While' && within(holder.test, at))) {
      loop = this.registry.loop(holder, holder, loop);
    }
    // shaped like a Place (no parent known): one object shape for code reading either
    const context: Context = { parent: undefined, scope: place.scope, loop, statement: holder };
    this.contexts.set(node, context);
    return context;
  }

  /** The innermost statement holding position `at` (`node` itself if it is a statement found on the way), its place remembered. */
  private holderOf(node: Node, at: number): stmt | undefined {
    // Resume below the innermost statement of the last search that holds `at`: questions come in
    // source order, mostly about the statement the last one was about or one near it.
    const path = this.path;
    let depth = path.length;
    while (depth > 0 && !(this.pathStarts[depth - 1]! <= at && at <= this.pathEnds[depth - 1]!)) depth--;
    path.length = depth;
    let holder: stmt | undefined = depth > 0 ? path[depth - 1] : undefined;
    if (holder === node) return holder;
    let next = this.childStatementAt(holder ?? this.module, at);
    while (next) {
      if (path.length === this.pathStarts.length) this.growPath();
      this.pathStarts[path.length] = extentStart(next);
      this.pathEnds[path.length] = extentEnd(next);
      path.push(next);
      holder = next;
      if (next === node) break;
      next = this.childStatementAt(next, at);
    }
    return holder;
  }

  private growPath(): void {
    this.pathStarts = doubled(this.pathStarts);
    this.pathEnds = doubled(this.pathEnds);
  }

  /**
   * Might `node`, starting at `at`, lie inside a lambda or comprehension (other than itself) that
   * starts in its statement (from `from`)? Nesting is judged by extents, so a node that merely
   * starts where one does (`[x for x in y].pop()`) counts too: the walk then decides.
   */
  private mayBeInScopeOpener(node: Node, at: number, from: number): boolean {
    const { nodes, starts, ends } = (this.scopeOpeners ??= scopeOpenersOf(this.scopingExpressions!));
    // the openers starting at or before `at`, latest first, back to the statement's start
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && starts[i]! >= from; i--) {
      if (at <= ends[i]! && nodes[i] !== node) return true;
    }
    return false;
  }

  /** The statement directly inside the module or compound statement `s` (in one of its blocks) that holds `at`, its place remembered. */
  private childStatementAt(s: stmt | Module, at: number): stmt | undefined {
    this.searchAt = at;
    this.found = undefined;
    if (s._type === 'Module') this.enterBlock(s.body, s, s);
    else forEachBlock(s, s, this.enterBlock);
    return this.found;
  }

  // State of childStatementAt's search, so that the block visitor is one function made once.
  private searchAt = 0;
  private found: stmt | undefined;
  private readonly enterBlock = (block: readonly stmt[], owner: Node, s: stmt | Module): boolean => {
    const found = statementAt(block, this.searchAt);
    if (found === undefined) return false;
    this.found = found;
    // the place of a statement met before is known: searches pass through the same ones again and again
    if (this.places.has(found)) return true;
    let { scope, loop } = this.places.get(s)!;
    if (block === (s as { body?: readonly stmt[] }).body) {
      // a def's or class's body opens a scope and leaves any loop; a loop's body repeats
      if (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef') {
        scope = this.registry.scope(s, 'function', scope);
        loop = undefined;
      } else if (s._type === 'ClassDef') {
        scope = this.registry.scope(s, 'class', scope);
        loop = undefined;
      } else if (s._type === 'For' || s._type === 'AsyncFor' || s._type === 'While') {
        loop = this.registry.loop(s, s, loop);
      }
    }
    this.places.set(found, { parent: owner, scope, loop, statement: found });
    return true;
  };

  /** Remember the place of every node among `s`'s own expressions (not its nested statements). */
  private walkUnit(s: stmt): void {
    if (this.walkedUnits.has(s)) return;
    this.walkedUnits.add(s);
    const p = this.places.get(s)!;
    walkWithPlaces(this.registry, [s], p.parent, p.scope, p.loop, WalkMode.Unit, (node, parent, scope, loop) => {
      if (node !== s) this.places.set(node, { parent, scope, loop, statement: s });
    });
  }

  /**
   * The slow path, for nodes with no position to search by (an empty `arguments`) or positions
   * that do not nest as expected: walk the whole module once, remembering every node.
   */
  private walkEverything(node: Node): Place | undefined {
    if (!this.fullyWalked) {
      this.fullyWalked = true;
      const { module, places } = this;
      walkWithPlaces(this.registry, module.body, module, this.registry.moduleScope, undefined, WalkMode.Full, (n, parent, scope, loop) => {
        if (places.has(n)) return;
        const statement = isStatement(n) ? n : parent ? places.get(parent)?.statement : undefined;
        places.set(n, { parent, scope, loop, statement });
      });
    }
    return this.places.get(node);
  }
}

/** Kinds of expression nodes (the nodes `findContext` places from positions). */
const EXPRESSIONS: ReadonlySet<string> = new Set([
  'BoolOp', 'NamedExpr', 'BinOp', 'UnaryOp', 'Lambda', 'IfExp', 'Dict', 'Set', 'ListComp', 'SetComp', 'DictComp', 'GeneratorExp', 'Await',
  'Yield', 'YieldFrom', 'Compare', 'Call', 'FormattedValue', 'JoinedStr', 'Constant', 'Attribute', 'Subscript', 'Starred', 'Name', 'List',
  'Tuple', 'Slice',
]);

/** The lambdas and comprehensions among the parser's scoping expressions, sorted by start, with their extents. */
interface ScopeOpeners {
  nodes: expr[];
  /** (typed arrays for position keys, as for the search path) */
  starts: Float64Array;
  ends: Float64Array;
}

function scopeOpenersOf(scoping: readonly expr[]): ScopeOpeners {
  const nodes = scoping.filter((e) => e._type === 'Lambda' || e._type === 'ListComp' || e._type === 'SetComp' || e._type === 'DictComp' || e._type === 'GeneratorExp');
  const starts = nodes.map((e) => key(e.lineno, e.col_offset));
  const order = nodes.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  return {
    nodes: order.map((i) => nodes[i]!),
    starts: Float64Array.from(order, (i) => starts[i]!),
    ends: Float64Array.from(order, (i) => key(nodes[i]!.end_lineno, nodes[i]!.end_col_offset)),
  };
}

/** Is position `at` within `node`'s extent? */
function within(node: expr, at: number): boolean {
  return key(node.lineno, node.col_offset) <= at && at <= key(node.end_lineno, node.end_col_offset);
}

/** The statement of a position-sorted list whose extent (decorators included) holds `at`. */
function statementAt(list: readonly stmt[], at: number): stmt | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (extentStart(list[mid]!) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const s = list[found]!;
  return at <= extentEnd(s) ? s : undefined;
}

/** Where a statement's text ends. */
function extentEnd(s: stmt): number {
  return key(s.end_lineno ?? s.lineno, s.end_col_offset ?? s.col_offset);
}

/** Where a statement's text begins: a decorated def or class begins at its first decorator. */
export function extentStart(s: stmt): number {
  if ((s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef' || s._type === 'ClassDef') && s.decorator_list.length > 0) {
    const d = s.decorator_list[0]!;
    return Math.min(key(d.lineno, d.col_offset), key(s.lineno, s.col_offset));
  }
  return key(s.lineno, s.col_offset);
}

/** A position inside `node`'s extent: its own, or for unpositioned nodes one of a child's. */
function startOf(node: Node): number | undefined {
  const n = node as Partial<{ lineno: number; col_offset: number }>;
  if (typeof n.lineno === 'number') return key(n.lineno, n.col_offset!);
  switch (node._type) {
    case 'comprehension':
      return startOf(node.target);
    case 'withitem':
      return startOf(node.context_expr);
    case 'match_case':
      return startOf(node.pattern);
    case 'arguments': {
      const first: (Node | null | undefined)[] = [node.posonlyargs[0], node.args[0], node.vararg, node.kwonlyargs[0], node.kwarg, node.defaults[0]];
      for (const f of first) if (f) return startOf(f);
      return undefined;
    }
    default:
      return undefined;
  }
}
