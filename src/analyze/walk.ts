// The one walk per file: visits every node once, in source order, and calls the handlers that
// the enabled rules registered for that node's kind (enter, then children, then exit).
import { NODE_FIELDS, type Call, type Node, type NodeType } from '../parse/ast.js';

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

// Fields that never hold a node (names, flags, numbers) or hold only nodes no rule needs to
// visit on their own (`ctx`: Load/Store/Del on every Name). Skipping them keeps the walk lean.
const SCALAR_FIELDS = new Set(['ctx', 'type_comment', 'name', 'id', 'attr', 'arg', 'module', 'level', 'is_async', 'simple', 'kind', 'conversion', 'asname', 'tag', 'lineno']);
// Operator fields hold childless singletons (`Add`, `Eq`…); visited only when a rule asks for one.
const OPERATOR_FIELDS = new Set(['op', 'ops']);
const OPERATOR_KINDS = new Set(['Add', 'And', 'BitAnd', 'BitOr', 'BitXor', 'Div', 'Eq', 'FloorDiv', 'Gt', 'GtE', 'In', 'Invert', 'Is', 'IsNot', 'LShift', 'Lt', 'LtE', 'MatMult', 'Mod', 'Mult', 'Not', 'NotEq', 'NotIn', 'Or', 'Pow', 'RShift', 'Sub', 'UAdd', 'USub']);

function childFields(withOperators: boolean): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(
    Object.entries(NODE_FIELDS).map(([type, info]) => [
      type,
      info.fields.filter((f) => !SCALAR_FIELDS.has(f) && (withOperators || !OPERATOR_FIELDS.has(f))),
    ]),
  );
}
const CHILD_FIELDS = childFields(false);
const CHILD_FIELDS_WITH_OPERATORS = childFields(true);

/** Every node kind, numbered once; per file, handlers are looked up by that number. */
const KIND_INDEX = new Map<string, number>(Object.keys(NODE_FIELDS).map((kind, i) => [kind, i]));
const FIELDS_BY_INDEX = [...KIND_INDEX.keys()].map((kind) => CHILD_FIELDS[kind]!);
const FIELDS_WITH_OPERATORS_BY_INDEX = [...KIND_INDEX.keys()].map((kind) => CHILD_FIELDS_WITH_OPERATORS[kind]!);

const CALL = KIND_INDEX.get('Call')!;

/** Handlers by kind number: only the few kinds some rule visits are filled in. */
function byIndex(handlers: Partial<Record<NodeType, HandlerEntry[]>>): Array<HandlerEntry[] | undefined> {
  const list = new Array<HandlerEntry[] | undefined>(KIND_INDEX.size).fill(undefined);
  for (const kind of Object.keys(handlers)) {
    const i = KIND_INDEX.get(kind);
    if (i !== undefined) list[i] = handlers[kind as NodeType];
  }
  return list;
}

export function walk(root: Node, table: HandlerTable): void {
  const wantsOperators = [...Object.keys(table.enter), ...Object.keys(table.exit)].some((k) => OPERATOR_KINDS.has(k));
  const fieldsByKind = wantsOperators ? FIELDS_WITH_OPERATORS_BY_INDEX : FIELDS_BY_INDEX;
  // Built per file from the (few) kinds with handlers, not from all ~130 kinds: one Map lookup
  // per node then indexes three arrays.
  const enter = byIndex(table.enter);
  const exit = byIndex(table.exit);
  const calls = table.calls !== undefined && table.calls.size > 0 ? table.calls : undefined;
  // An explicit stack rather than recursion: trees nested deeper than the JS call stack (long
  // generated `a + b + …` chains) are walked like any other. Each entry is a node to enter, or
  // (flagged in `exiting`) a node whose children are done.
  const nodes: Node[] = [root];
  const exiting: boolean[] = [false];
  let top = 1;
  while (top > 0) {
    top--;
    const node = nodes[top]!;
    const k = KIND_INDEX.get(node._type)!;
    if (exiting[top]) {
      run(exit[k]!, node);
      continue;
    }
    const onEnter = enter[k];
    if (onEnter !== undefined) run(onEnter, node);
    if (k === CALL && calls !== undefined) {
      const f = (node as Call).func;
      const named = calls.get(f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : '');
      if (named !== undefined) run(named, node);
    }
    if (exit[k] !== undefined) {
      nodes[top] = node;
      exiting[top++] = true;
    }
    // Children are pushed last-first so they are entered in source order.
    const fields = fieldsByKind[k]!;
    for (let f = fields.length - 1; f >= 0; f--) {
      const value = (node as unknown as Record<string, unknown>)[fields[f]!];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i];
          if (child !== null && typeof child === 'object' && (child as Node)._type !== undefined) {
            nodes[top] = child as Node;
            exiting[top++] = false;
          }
        }
      } else if ((value as Node)._type !== undefined) {
        nodes[top] = value as Node;
        exiting[top++] = false;
      }
    }
  }
}
