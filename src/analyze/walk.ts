// The one walk per file: visits every node once, in source order, and calls the handlers that
// the enabled rules registered for that node's kind (enter, then children, then exit).
import type { Call, Node, NodeType } from '../parse/ast.js';
import { CHILD_FIELDS } from '../semantic/node-kinds.js';
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

/** Handlers by node kind, built once per file from all enabled rules' visitors. */
export interface HandlerTable {
  enter: Partial<Record<NodeType, HandlerEntry[]>>;
  exit: Partial<Record<NodeType, HandlerEntry[]>>;
  /** `Call(name)` handlers by callee name: run after the `Call` handlers, for calls of that name only. */
  calls?: Map<string, HandlerEntry[]>;
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

/** Handlers by kind number: only the few kinds some rule visits are filled in. */
function byKind(handlers: Partial<Record<NodeType, HandlerEntry[]>>): Array<HandlerEntry[] | undefined> {
  const list = new Array<HandlerEntry[] | undefined>(KIND_COUNT).fill(undefined);
  for (const kind of Object.keys(handlers) as NodeType[]) list[kindNumber(kind)] = handlers[kind];
  return list;
}

const OPERATOR_KINDS: ReadonlySet<string> = new Set(['Add', 'And', 'BitAnd', 'BitOr', 'BitXor', 'Div', 'Eq', 'FloorDiv', 'Gt', 'GtE', 'In', 'Invert', 'Is', 'IsNot', 'LShift', 'Lt', 'LtE', 'MatMult', 'Mod', 'Mult', 'Not', 'NotEq', 'NotIn', 'Or', 'Pow', 'RShift', 'Sub', 'UAdd', 'USub']);

export function walk(root: Node, table: HandlerTable): void {
  if ([...Object.keys(table.enter), ...Object.keys(table.exit)].some((k) => OPERATOR_KINDS.has(k))) {
    walkWithOperators(root, table);
    return;
  }
  const enter = byKind(table.enter);
  const exit = byKind(table.exit);
  const calls = table.calls !== undefined && table.calls.size > 0 ? table.calls : undefined;
  // An explicit stack rather than recursion: trees nested deeper than the JS call stack (long
  // generated `a + b + …` chains) are walked like any other. A node's exit handlers are due when
  // the stack is back to the height it had when the node was taken off (its subtree is done):
  // pending exits wait in their own stack with that height.
  const nodes: Node[] = [root];
  const exitNodes: Node[] = [];
  const exitHandlers: HandlerEntry[][] = [];
  const exitHeights: number[] = [];
  let exits = 0;
  for (;;) {
    while (exits > 0 && exitHeights[exits - 1] === nodes.length) {
      exits--;
      run(exitHandlers[exits]!, exitNodes[exits]!);
    }
    const node = nodes.pop();
    if (node === undefined) return;
    const height = nodes.length;
    const k = pushChildren(node, nodes, true);
    const onEnter = enter[k];
    if (onEnter !== undefined) run(onEnter, node);
    if (k === Kind.Call && calls !== undefined) {
      const f = (node as Call).func;
      const named = calls.get(f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : '');
      if (named !== undefined) run(named, node);
    }
    const onExit = exit[k];
    if (onExit !== undefined) {
      exitNodes[exits] = node;
      exitHandlers[exits] = onExit;
      exitHeights[exits++] = height;
    }
  }
}

/**
 * The walk for tables that visit operator nodes (`Add`, `Eq`…: childless singletons that no
 * shipped rule visits): generic over the field lists, slower, and the same order otherwise.
 */
function walkWithOperators(root: Node, table: HandlerTable): void {
  const enter = byKind(table.enter);
  const exit = byKind(table.exit);
  const calls = table.calls !== undefined && table.calls.size > 0 ? table.calls : undefined;
  const nodes: Node[] = [root];
  const exiting: boolean[] = [false];
  let top = 1;
  while (top > 0) {
    top--;
    const node = nodes[top]!;
    const k = kindNumber(node._type);
    if (exiting[top]) {
      run(exit[k]!, node);
      continue;
    }
    const onEnter = enter[k];
    if (onEnter !== undefined) run(onEnter, node);
    if (k === Kind.Call && calls !== undefined) {
      const f = (node as Call).func;
      const named = calls.get(f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : '');
      if (named !== undefined) run(named, node);
    }
    if (exit[k] !== undefined) {
      nodes[top] = node;
      exiting[top++] = true;
    }
    const record = node as unknown as Record<string, unknown>;
    const fields = OPERATOR_FIELDS_OF.get(node._type) ?? CHILD_FIELDS.get(node._type)!;
    for (let f = fields.length - 1; f >= 0; f--) {
      const value = record[fields[f]!];
      if (value === null || typeof value !== 'object') continue;
      const list = Array.isArray(value) ? (value as unknown[]) : [value];
      for (let i = list.length - 1; i >= 0; i--) {
        const child = list[i] as Node | null;
        if (child !== null && typeof child === 'object') {
          nodes[top] = child;
          exiting[top++] = false;
        }
      }
    }
  }
}

/** The child fields of the kinds that hold operators, the operator fields included. */
const OPERATOR_FIELDS_OF = new Map<NodeType, readonly string[]>([
  ['BoolOp', ['op', 'values']],
  ['BinOp', ['left', 'op', 'right']],
  ['UnaryOp', ['op', 'operand']],
  ['AugAssign', ['target', 'op', 'value']],
  ['Compare', ['left', 'ops', 'comparators']],
]);
