// Visiting a file for the rules: calls the handlers that the enabled rules registered for each
// node's kind (enter, then the nodes inside, then exit), once per file for all rules. `runListed`
// does it from the nodes the parser listed; `walk`, over every node of the tree, is the fallback
// (syntax errors, handlers for kinds the parser does not list).
import { NODE_FIELDS, type Attribute, type Call, type Module, type Node, type NodeType } from '../parse/ast.js';
import { CALLEE_SLOTS, calleeCode, LISTED_KIND_SLOTS, LISTED_KINDS, type ListedNodes } from '../parse/listed.js';
import { NameScreen } from '../util/name-screen.js';
import { calleesOfVisitorKey, IN_LOOP } from '../rules/types.js';
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

/**
 * What a visitor key means: a kind's enter or exit handler, or handlers for calls of some names;
 * `inLoop` for handlers that run only inside loops.
 */
type KeyMeaning = { kind: Kind; exit: boolean; operator: boolean; inLoop: boolean; callees?: undefined } | { callees: readonly string[]; inLoop: boolean } | undefined;

// Visitor keys come from a few dozen constant strings: each is parsed once.
const meanings = new Map<string, KeyMeaning>();
function meaningOf(key: string): KeyMeaning {
  let meaning = meanings.get(key);
  if (meaning === undefined && !meanings.has(key)) {
    const inLoop = key.endsWith(IN_LOOP);
    const base = inLoop ? key.slice(0, -IN_LOOP.length) : key;
    const callees = calleesOfVisitorKey(base);
    if (callees !== undefined) meaning = { callees, inLoop };
    else {
      const exit = base.endsWith(':exit');
      const type = exit ? base.slice(0, -':exit'.length) : base;
      // a key naming no node kind is ignored, as an object key that no walk will ever meet (and
      // so is `Kind:exit:inLoop`: an exit runs where its enter ran)
      if (Object.hasOwn(NODE_FIELDS, type) && !(exit && inLoop)) meaning = { kind: kindNumber(type as NodeType), exit, operator: OPERATOR_KINDS.has(type), inLoop };
    }
    meanings.set(key, meaning);
  }
  return meaning;
}

/**
 * Handlers by node kind (arrays indexed by kind number) and by callee name, filled once per file
 * from all enabled rules' visitors. Enter handlers come in two lists per kind, one for nodes
 * outside any loop and one for nodes inside (which adds the `:inLoop` handlers), each in the
 * order the rules registered them: the walk picks a list by `loopDepth`, and calls no handler
 * that would only return.
 */
export class HandlerTable {
  readonly enter: (HandlerEntry[] | undefined)[] = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  readonly enterInLoop: (HandlerEntry[] | undefined)[] = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  readonly exit: (HandlerEntry[] | undefined)[] = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  /** `Call(name)` handlers by callee name, outside loops and inside: run after the `Call` handlers, for calls of that name only. */
  calls: Map<string, HandlerEntry[]> | undefined;
  callsInLoop: Map<string, HandlerEntry[]> | undefined;
  /** The callee names in `calls` and `callsInLoop`, screened cheaply first: most calls are of other names. */
  readonly callNames = new NameScreen();
  /** Whether some handler visits operator nodes (`Add`, `Eq`…), which the walk otherwise skips. */
  visitsOperators = false;

  /**
   * Whether every handler is for a kind the parser lists (or for the module), so that
   * `runListed` can stand in for `walk`.
   */
  get listedSuffices(): boolean {
    if (this.visitsOperators) return false;
    for (let k = 0; k < KIND_COUNT; k++) {
      if ((this.enterInLoop[k] !== undefined || this.exit[k] !== undefined) && k !== Kind.Module && !LISTED_KINDS.has(k)) return false;
    }
    return true;
  }

  /** Register `fn` under a visitor key: `Kind`, `Kind:exit`, `Call(a|b|…)`, or either enter key with `:inLoop`. */
  add(key: string, fn: Handler, owner: HandlerOwner): void {
    const meaning = meaningOf(key);
    if (meaning === undefined) return;
    const entry: HandlerEntry = { fn, owner };
    if (meaning.callees !== undefined) {
      const calls = (this.calls ??= new Map());
      const callsInLoop = (this.callsInLoop ??= new Map());
      for (const name of meaning.callees) {
        this.callNames.add(name);
        if (!meaning.inLoop) addTo(calls, name, entry);
        addTo(callsInLoop, name, entry);
      }
      return;
    }
    if (meaning.exit) (this.exit[meaning.kind] ??= []).push(entry);
    else {
      if (!meaning.inLoop) (this.enter[meaning.kind] ??= []).push(entry);
      (this.enterInLoop[meaning.kind] ??= []).push(entry);
    }
    if (meaning.operator) this.visitsOperators = true;
  }
}

function addTo(map: Map<string, HandlerEntry[]>, name: string, entry: HandlerEntry): void {
  const list = map.get(name);
  if (list) list.push(entry);
  else map.set(name, [entry]);
}

/**
 * The `Call(name)` handlers for this call's callee name (`name(…)` or `x.name(…)`). `callee` is
 * what the parser lists for the call (see `CALLEE_SLOTS`): the name is read only if its screen
 * code passes, and most do not (the stdlib's calls are 17 times more than its named-call matches).
 */
function runNamedCalls(table: HandlerTable, call: Call, callee: number, inLoop: boolean): void {
  if (callee === 0 || !table.callNames.mayHaveCode(callee - 1)) return;
  const f = call.func;
  const named = (inLoop ? table.callsInLoop : table.calls)!.get(f._type === 'Name' ? f.id : (f as Attribute).attr);
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
  // An explicit stack rather than recursion: trees nested deeper than the JS call stack (long
  // generated `a + b + …` chains) are walked like any other. A node's exit handlers are due when
  // the stack is back to the height it had when the node was taken off (its subtree is done).
  const nodes: Node[] = [root];
  const pending = new PendingExits();
  for (;;) {
    while (pending.count > 0 && pending.dueTop() === nodes.length) pending.closeTop(position);
    const node = nodes.pop();
    if (node === undefined) return;
    const height = nodes.length;
    const k = pushChildren(node, nodes, true, table.visitsOperators);
    enterNode(table, position, pending, node, k, height, k === Kind.Call ? calleeCode(node as Call) : 0);
  }
}

/**
 * Entered nodes whose exit is still to come, innermost last, each with when it is due (a stack
 * height for the walk, a last token for `runListed`) and its exit handlers, or `null` for a loop
 * whose end only lowers `loopDepth`.
 */
class PendingExits {
  private readonly nodes: Node[] = [];
  private readonly handlers: (HandlerEntry[] | null)[] = [];
  private readonly due: number[] = [];
  count = 0;

  push(node: Node, handlers: HandlerEntry[] | null, due: number): void {
    this.nodes[this.count] = node;
    this.handlers[this.count] = handlers;
    this.due[this.count++] = due;
  }

  dueTop(): number {
    return this.due[this.count - 1]!;
  }

  /** Runs the innermost pending exit. */
  closeTop(position: WalkPosition): void {
    const top = --this.count;
    const handlers = this.handlers[top]!;
    if (handlers === null) position.loopDepth--;
    else run(handlers, this.nodes[top]!);
  }
}

/**
 * Runs `node`'s enter and `Call(name)` handlers (`callee`: a call's callee code), and leaves its
 * exit (and a loop's end) pending until `due`.
 */
function enterNode(table: HandlerTable, position: WalkPosition, pending: PendingExits, node: Node, k: Kind, due: number, callee: number): void {
  const inLoop = position.loopDepth > 0;
  const onEnter = inLoop ? table.enterInLoop[k] : table.enter[k];
  if (onEnter !== undefined) run(onEnter, node);
  if (k === Kind.Call && table.calls !== undefined) runNamedCalls(table, node as Call, callee, inLoop);
  const onExit = table.exit[k];
  if (onExit !== undefined) pending.push(node, onExit, due);
  if (LOOP_KINDS[k]) {
    // after the node's own handlers, and closed before its exit handlers run
    position.loopDepth++;
    pending.push(node, null, due);
  }
}

/** `runListed` orders nodes by first token, then (for nodes that start at the same token) outer first. */
const ORDER_SLOTS = 2 ** 22;

/**
 * Whether `runListed` can order these nodes: its sort keys hold a list index below ORDER_SLOTS
 * and a token index, which stays below 2^30 (a JS string holds under 2^30 characters), exactly.
 */
export function canRunListed(listed: ListedNodes): boolean {
  return listed.nodes.length < ORDER_SLOTS;
}

/**
 * What `walk` does, from the parser's list of the nodes rules visit instead of a walk over every
 * node: the same handlers run for the same nodes, with the same `loopDepth`, enter handlers in
 * source order (a node before the nodes inside it) and exit handlers once the node's text is
 * over. Only for a tree without syntax errors, when `table.listedSuffices` and `canRunListed`.
 * (Unlike the walk, handlers see a node's parts in source order: a def's decorators before its
 * parameters, the `b` of `a if b else c` after `a`.)
 */
export function runListed(module: Module, listed: ListedNodes, table: HandlerTable, position: WalkPosition = { loopDepth: 0 }): void {
  const { nodes, from, toKind } = listed;
  const n = nodes.length;
  // Built children-first; sorted by first token, and at the same token by later-built first,
  // which puts every node before the nodes inside it.
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = from[i]! * ORDER_SLOTS + (ORDER_SLOTS - 1 - i);
  sortMostlySorted(order);
  const onModule = table.enter[Kind.Module];
  if (onModule !== undefined) run(onModule, module);
  const pending = new PendingExits();
  for (let j = 0; j < n; j++) {
    const key = order[j]!;
    const first = Math.floor(key / ORDER_SLOTS);
    // `| 0`: an integer, not a double, as the index of the reads below (a double index took them off V8's fast path)
    const i = (ORDER_SLOTS - 1 - (key - first * ORDER_SLOTS)) | 0;
    // what ended before this node's first token
    while (pending.count > 0 && pending.dueTop() < first) pending.closeTop(position);
    const packed = toKind[i]!;
    // (no `%`: on doubles it is a library call)
    const upper = Math.floor(packed / LISTED_KIND_SLOTS);
    const last = Math.floor(upper / CALLEE_SLOTS);
    enterNode(table, position, pending, nodes[i]!, (packed - upper * LISTED_KIND_SLOTS) | 0, last, (upper - last * CALLEE_SLOTS) | 0);
  }
  while (pending.count > 0) pending.closeTop(position);
  const onModuleExit = table.exit[Kind.Module];
  if (onModuleExit !== undefined) run(onModuleExit, module);
}

/**
 * Sorts keys that are in order but for nodes built after the nodes inside them: an insertion sort
 * moves each such node back past those few (3x faster than the native sort on the stdlib). Deep
 * nesting (a 10,000-term `a + b + …`) would make that quadratic: past a budget of moves, the
 * native sort finishes the job.
 */
function sortMostlySorted(keys: Float64Array): void {
  let budget = 16 * keys.length + 1024;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    if (keys[j]! <= key) continue;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
    budget -= i - 1 - j;
    if (budget < 0) {
      keys.sort();
      return;
    }
  }
}
