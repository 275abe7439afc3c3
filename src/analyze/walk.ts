// The one walk per file: visits every node once, in source order, and calls the handlers that
// the enabled rules registered for that node's kind (enter, then children, then exit).
import { NODE_FIELDS, type Call, type Node, type NodeType } from '../parse/ast.js';
import { calleesOfVisitorKey } from '../rules/types.js';
import { Kind, KIND_COUNT, kindNumber, pushChildren } from '../parse/children.js';

export type Handler = (node: Node) => void;

/** The rule a handler belongs to: once one of its handlers throws, all of them are skipped. */
export interface HandlerOwner {
  failed: boolean;
  /** Called once, with the node whose handler threw. */
  fail(node: Node, error: unknown): void;
}

export interface HandlerEntry {
  fn: Handler;
  owner: HandlerOwner;
}

/** What a visitor key means: a kind's enter or exit handler, or handlers for calls of some names. */
type KeyMeaning = { kind: Kind; exit: boolean; operator: boolean; callees?: undefined } | { callees: readonly string[] } | undefined;

// Visitor keys come from a few dozen constant strings: each is parsed once.
const meanings = new Map<string, KeyMeaning>();
function meaningOf(key: string): KeyMeaning {
  let meaning = meanings.get(key);
  if (meaning === undefined && !meanings.has(key)) {
    const callees = calleesOfVisitorKey(key);
    if (callees !== undefined) meaning = { callees };
    else {
      const exit = key.endsWith(':exit');
      const type = exit ? key.slice(0, -':exit'.length) : key;
      // a key naming no node kind is ignored, as an object key that no walk will ever meet
      if (Object.hasOwn(NODE_FIELDS, type)) meaning = { kind: kindNumber(type as NodeType), exit, operator: OPERATOR_KINDS.has(type) };
    }
    meanings.set(key, meaning);
  }
  return meaning;
}

/**
 * Handlers by node kind (arrays indexed by kind number) and by callee name, filled once per file
 * from all enabled rules' visitors.
 */
export class HandlerTable {
  readonly enter: (HandlerEntry[] | undefined)[] = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  readonly exit: (HandlerEntry[] | undefined)[] = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  /** `Call(name)` handlers by callee name: run after the `Call` handlers, for calls of that name only. */
  calls: Map<string, HandlerEntry[]> | undefined;
  /**
   * The (length, first character) pairs of the callee names in `calls`, as bits: most calls are
   * of other names, and this test turns them away without hashing the name for a map lookup.
   */
  readonly callShapes = new Uint32Array(CALL_SHAPE_LENGTHS);
  /** Whether some handler visits operator nodes (`Add`, `Eq`…), which the walk otherwise skips. */
  visitsOperators = false;

  /** Register `fn` under a visitor key: `Kind`, `Kind:exit`, or `Call(a|b|…)`. */
  add(key: string, fn: Handler, owner: HandlerOwner): void {
    const meaning = meaningOf(key);
    if (meaning === undefined) return;
    const entry: HandlerEntry = { fn, owner };
    if (meaning.callees !== undefined) {
      const calls = (this.calls ??= new Map());
      for (const name of meaning.callees) {
        this.callShapes[name.length & (CALL_SHAPE_LENGTHS - 1)]! |= 1 << (name.charCodeAt(0) & 31);
        const list = calls.get(name);
        if (list) list.push(entry);
        else calls.set(name, [entry]);
      }
      return;
    }
    const byKind = meaning.exit ? this.exit : this.enter;
    const list = byKind[meaning.kind];
    if (list) list.push(entry);
    else byKind[meaning.kind] = [entry];
    if (meaning.operator) this.visitsOperators = true;
  }
}

const CALL_SHAPE_LENGTHS = 32;

/** The `Call(name)` handlers for this call's callee name (`name(…)` or `x.name(…)`). */
function runNamedCalls(table: HandlerTable, call: Call): void {
  const f = call.func;
  const name = f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : '';
  if (name === '' || (table.callShapes[name.length & (CALL_SHAPE_LENGTHS - 1)]! & (1 << (name.charCodeAt(0) & 31))) === 0) return;
  const named = table.calls!.get(name);
  if (named !== undefined) run(named, call);
}

// Runs handlers; a throwing handler switches its rule off (the try/catch sits here, in the loop,
// rather than in a wrapper closure per handler: one call less per dispatch).
function run(handlers: HandlerEntry[], node: Node): void {
  for (let i = 0; i < handlers.length; i++) {
    const h = handlers[i]!;
    if (h.owner.failed) continue;
    try {
      h.fn(node);
    } catch (err) {
      h.owner.failed = true;
      h.owner.fail(node, err);
    }
  }
}

const OPERATOR_KINDS: ReadonlySet<string> = new Set(['Add', 'And', 'BitAnd', 'BitOr', 'BitXor', 'Div', 'Eq', 'FloorDiv', 'Gt', 'GtE', 'In', 'Invert', 'Is', 'IsNot', 'LShift', 'Lt', 'LtE', 'MatMult', 'Mod', 'Mult', 'Not', 'NotEq', 'NotIn', 'Or', 'Pow', 'RShift', 'Sub', 'UAdd', 'USub']);

/**
 * What the walk tells handlers about where they are: `loopDepth` is how many `for`/`while` loops
 * and comprehensions enclose the node being visited, counted syntactically (a def inside a loop
 * counts as inside it; the node itself does not count). Zero means the node cannot be in a loop.
 */
export interface WalkPosition {
  loopDepth: number;
}

const LOOP_KINDS: readonly boolean[] = (() => {
  const loops = new Array<boolean>(KIND_COUNT).fill(false);
  for (const k of [Kind.For, Kind.AsyncFor, Kind.While, Kind.ListComp, Kind.SetComp, Kind.DictComp, Kind.GeneratorExp]) loops[k] = true;
  return loops;
})();

export function walk(root: Node, table: HandlerTable, position: WalkPosition = { loopDepth: 0 }): void {
  const { enter, exit, calls, visitsOperators } = table;
  // An explicit stack rather than recursion: trees nested deeper than the JS call stack (long
  // generated `a + b + …` chains) are walked like any other. A node's exit handlers are due when
  // the stack is back to the height it had when the node was taken off (its subtree is done):
  // pending exits wait in their own stack with that height.
  const nodes: Node[] = [root];
  // (a loop node's pending exit with no handlers, `null`, only closes its loop)
  const exitNodes: Node[] = [];
  const exitHandlers: (HandlerEntry[] | null)[] = [];
  const exitHeights: number[] = [];
  let exits = 0;
  for (;;) {
    while (exits > 0 && exitHeights[exits - 1] === nodes.length) {
      exits--;
      const handlers = exitHandlers[exits]!;
      if (handlers === null) position.loopDepth--;
      else run(handlers, exitNodes[exits]!);
    }
    const node = nodes.pop();
    if (node === undefined) return;
    const height = nodes.length;
    const k = pushChildren(node, nodes, true, visitsOperators);
    const onEnter = enter[k];
    if (onEnter !== undefined) run(onEnter, node);
    if (k === Kind.Call && calls !== undefined) runNamedCalls(table, node as Call);
    const onExit = exit[k];
    if (onExit !== undefined) {
      exitNodes[exits] = node;
      exitHandlers[exits] = onExit;
      exitHeights[exits++] = height;
    }
    if (LOOP_KINDS[k]) {
      // after the node's own handlers, and closed before its exit handlers run
      position.loopDepth++;
      exitNodes[exits] = node;
      exitHandlers[exits] = null;
      exitHeights[exits++] = height;
    }
  }
}
