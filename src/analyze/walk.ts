// The one walk per file: visits every node once, in source order, and calls the handlers that
// the enabled rules registered for that node's kind (enter, then children, then exit).
import type { Call, Node, NodeType } from '../parse/ast.js';
import { CHILD_FIELDS } from '../semantic/node-kinds.js';

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

/**
 * Every node kind, numbered (most frequent first: the walk's switch tests them in this order).
 * Handlers are looked up by number, so finding a node's handlers costs no hashing.
 */
enum Kind {
  Name,
  Constant,
  Attribute,
  Call,
  Expr,
  Assign,
  arg,
  arguments,
  FunctionDef,
  Tuple,
  keyword,
  BinOp,
  If,
  Subscript,
  Compare,
  List,
  Return,
  alias,
  UnaryOp,
  ClassDef,
  withitem,
  With,
  For,
  Import,
  Try,
  Dict,
  Raise,
  ExceptHandler,
  BoolOp,
  Pass,
  ImportFrom,
  Slice,
  FormattedValue,
  comprehension,
  AugAssign,
  JoinedStr,
  Starred,
  Delete,
  Module,
  Lambda,
  ListComp,
  Assert,
  AsyncFunctionDef,
  Await,
  Yield,
  While,
  AnnAssign,
  Break,
  IfExp,
  Continue,
  GeneratorExp,
  Set,
  match_case,
  MatchValue,
  Nonlocal,
  MatchAs,
  Global,
  Match,
  AsyncWith,
  MatchSequence,
  YieldFrom,
  DictComp,
  NamedExpr,
  MatchMapping,
  TryStar,
  SetComp,
  MatchClass,
  MatchOr,
  AsyncFor,
  MatchStar,
  MatchSingleton,
  TypeAlias,
  TypeVar,
  ParamSpec,
  TypeVarTuple,
  TypeIgnore,
  Expression,
  Interactive,
  FunctionType,
  Add,
  And,
  BitAnd,
  BitOr,
  BitXor,
  Del,
  Div,
  Eq,
  FloorDiv,
  Gt,
  GtE,
  In,
  Invert,
  Is,
  IsNot,
  LShift,
  Load,
  Lt,
  LtE,
  MatMult,
  Mod,
  Mult,
  Not,
  NotEq,
  NotIn,
  Or,
  Pow,
  RShift,
  Store,
  Sub,
  UAdd,
  USub,
}

// Compile-time check that `Kind` names every node kind and nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatchNodeTypes: Same<keyof typeof Kind, NodeType> = true;
void kindsMatchNodeTypes;

const KIND_COUNT = Object.keys(Kind).length / 2; // a numeric enum maps both ways

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
  for (const kind of Object.keys(handlers) as NodeType[]) list[Kind[kind]] = handlers[kind];
  return list;
}

/** Pushes the nodes of `list` last-first (so they are popped in source order); returns the new top. */
function pushList(nodes: Node[], top: number, list: readonly Node[]): number {
  for (let i = list.length - 1; i >= 0; i--) nodes[top++] = list[i]!;
  return top;
}

/** `pushList` for the two lists with holes: `Dict.keys` (`**spread`) and `arguments.kw_defaults`. */
function pushListWithHoles(nodes: Node[], top: number, list: readonly (Node | null)[]): number {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i]!;
    if (item !== null) nodes[top++] = item;
  }
  return top;
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
  let top = 1;
  const exitNodes: Node[] = [];
  const exitHandlers: HandlerEntry[][] = [];
  const exitHeights: number[] = [];
  let exits = 0;
  for (;;) {
    while (exits > 0 && exitHeights[exits - 1] === top) {
      exits--;
      run(exitHandlers[exits]!, exitNodes[exits]!);
    }
    if (top === 0) return;
    const node = nodes[--top]!;
    const height = top;
    // One switch gives the kind number and pushes the children (last first, so they are entered
    // in source order): statically named fields, where a table of field names would cost a
    // megamorphic keyed load per field. Operators and expression contexts are not visited.
    let k: Kind;
    switch (node._type) {
      case 'Name':
        k = Kind.Name;
        break;
      case 'Constant':
        k = Kind.Constant;
        break;
      case 'Attribute':
        k = Kind.Attribute;
        nodes[top++] = node.value;
        break;
      case 'Call':
        k = Kind.Call;
        top = pushList(nodes, top, node.keywords);
        top = pushList(nodes, top, node.args);
        nodes[top++] = node.func;
        break;
      case 'Expr':
        k = Kind.Expr;
        nodes[top++] = node.value;
        break;
      case 'Assign':
        k = Kind.Assign;
        nodes[top++] = node.value;
        top = pushList(nodes, top, node.targets);
        break;
      case 'arg':
        k = Kind.arg;
        if (node.annotation !== null) nodes[top++] = node.annotation;
        break;
      case 'arguments':
        k = Kind.arguments;
        top = pushList(nodes, top, node.defaults);
        if (node.kwarg !== null) nodes[top++] = node.kwarg;
        top = pushListWithHoles(nodes, top, node.kw_defaults);
        top = pushList(nodes, top, node.kwonlyargs);
        if (node.vararg !== null) nodes[top++] = node.vararg;
        top = pushList(nodes, top, node.args);
        top = pushList(nodes, top, node.posonlyargs);
        break;
      case 'FunctionDef':
        k = Kind.FunctionDef;
        top = pushList(nodes, top, node.type_params);
        if (node.returns !== null) nodes[top++] = node.returns;
        top = pushList(nodes, top, node.decorator_list);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.args;
        break;
      case 'Tuple':
        k = Kind.Tuple;
        top = pushList(nodes, top, node.elts);
        break;
      case 'keyword':
        k = Kind.keyword;
        nodes[top++] = node.value;
        break;
      case 'BinOp':
        k = Kind.BinOp;
        nodes[top++] = node.right;
        nodes[top++] = node.left;
        break;
      case 'If':
        k = Kind.If;
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.test;
        break;
      case 'Subscript':
        k = Kind.Subscript;
        nodes[top++] = node.slice;
        nodes[top++] = node.value;
        break;
      case 'Compare':
        k = Kind.Compare;
        top = pushList(nodes, top, node.comparators);
        nodes[top++] = node.left;
        break;
      case 'List':
        k = Kind.List;
        top = pushList(nodes, top, node.elts);
        break;
      case 'Return':
        k = Kind.Return;
        if (node.value !== null) nodes[top++] = node.value;
        break;
      case 'alias':
        k = Kind.alias;
        break;
      case 'UnaryOp':
        k = Kind.UnaryOp;
        nodes[top++] = node.operand;
        break;
      case 'ClassDef':
        k = Kind.ClassDef;
        top = pushList(nodes, top, node.type_params);
        top = pushList(nodes, top, node.decorator_list);
        top = pushList(nodes, top, node.body);
        top = pushList(nodes, top, node.keywords);
        top = pushList(nodes, top, node.bases);
        break;
      case 'withitem':
        k = Kind.withitem;
        if (node.optional_vars !== null) nodes[top++] = node.optional_vars;
        nodes[top++] = node.context_expr;
        break;
      case 'With':
        k = Kind.With;
        top = pushList(nodes, top, node.body);
        top = pushList(nodes, top, node.items);
        break;
      case 'For':
        k = Kind.For;
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.iter;
        nodes[top++] = node.target;
        break;
      case 'Import':
        k = Kind.Import;
        top = pushList(nodes, top, node.names);
        break;
      case 'Try':
        k = Kind.Try;
        top = pushList(nodes, top, node.finalbody);
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.handlers);
        top = pushList(nodes, top, node.body);
        break;
      case 'Dict':
        k = Kind.Dict;
        top = pushList(nodes, top, node.values);
        top = pushListWithHoles(nodes, top, node.keys);
        break;
      case 'Raise':
        k = Kind.Raise;
        if (node.cause !== null) nodes[top++] = node.cause;
        if (node.exc !== null) nodes[top++] = node.exc;
        break;
      case 'ExceptHandler':
        k = Kind.ExceptHandler;
        top = pushList(nodes, top, node.body);
        if (node.type !== null) nodes[top++] = node.type;
        break;
      case 'BoolOp':
        k = Kind.BoolOp;
        top = pushList(nodes, top, node.values);
        break;
      case 'Pass':
        k = Kind.Pass;
        break;
      case 'ImportFrom':
        k = Kind.ImportFrom;
        top = pushList(nodes, top, node.names);
        break;
      case 'Slice':
        k = Kind.Slice;
        if (node.step !== null) nodes[top++] = node.step;
        if (node.upper !== null) nodes[top++] = node.upper;
        if (node.lower !== null) nodes[top++] = node.lower;
        break;
      case 'FormattedValue':
        k = Kind.FormattedValue;
        if (node.format_spec !== null) nodes[top++] = node.format_spec;
        nodes[top++] = node.value;
        break;
      case 'comprehension':
        k = Kind.comprehension;
        top = pushList(nodes, top, node.ifs);
        nodes[top++] = node.iter;
        nodes[top++] = node.target;
        break;
      case 'AugAssign':
        k = Kind.AugAssign;
        nodes[top++] = node.value;
        nodes[top++] = node.target;
        break;
      case 'JoinedStr':
        k = Kind.JoinedStr;
        top = pushList(nodes, top, node.values);
        break;
      case 'Starred':
        k = Kind.Starred;
        nodes[top++] = node.value;
        break;
      case 'Delete':
        k = Kind.Delete;
        top = pushList(nodes, top, node.targets);
        break;
      case 'Module':
        k = Kind.Module;
        top = pushList(nodes, top, node.body);
        break;
      case 'Lambda':
        k = Kind.Lambda;
        nodes[top++] = node.body;
        nodes[top++] = node.args;
        break;
      case 'ListComp':
        k = Kind.ListComp;
        top = pushList(nodes, top, node.generators);
        nodes[top++] = node.elt;
        break;
      case 'Assert':
        k = Kind.Assert;
        if (node.msg !== null) nodes[top++] = node.msg;
        nodes[top++] = node.test;
        break;
      case 'AsyncFunctionDef':
        k = Kind.AsyncFunctionDef;
        top = pushList(nodes, top, node.type_params);
        if (node.returns !== null) nodes[top++] = node.returns;
        top = pushList(nodes, top, node.decorator_list);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.args;
        break;
      case 'Await':
        k = Kind.Await;
        nodes[top++] = node.value;
        break;
      case 'Yield':
        k = Kind.Yield;
        if (node.value !== null) nodes[top++] = node.value;
        break;
      case 'While':
        k = Kind.While;
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.test;
        break;
      case 'AnnAssign':
        k = Kind.AnnAssign;
        if (node.value !== null) nodes[top++] = node.value;
        nodes[top++] = node.annotation;
        nodes[top++] = node.target;
        break;
      case 'Break':
        k = Kind.Break;
        break;
      case 'IfExp':
        k = Kind.IfExp;
        nodes[top++] = node.orelse;
        nodes[top++] = node.body;
        nodes[top++] = node.test;
        break;
      case 'Continue':
        k = Kind.Continue;
        break;
      case 'GeneratorExp':
        k = Kind.GeneratorExp;
        top = pushList(nodes, top, node.generators);
        nodes[top++] = node.elt;
        break;
      case 'Set':
        k = Kind.Set;
        top = pushList(nodes, top, node.elts);
        break;
      case 'match_case':
        k = Kind.match_case;
        top = pushList(nodes, top, node.body);
        if (node.guard !== null) nodes[top++] = node.guard;
        nodes[top++] = node.pattern;
        break;
      case 'MatchValue':
        k = Kind.MatchValue;
        nodes[top++] = node.value;
        break;
      case 'Nonlocal':
        k = Kind.Nonlocal;
        break;
      case 'MatchAs':
        k = Kind.MatchAs;
        if (node.pattern !== null) nodes[top++] = node.pattern;
        break;
      case 'Global':
        k = Kind.Global;
        break;
      case 'Match':
        k = Kind.Match;
        top = pushList(nodes, top, node.cases);
        nodes[top++] = node.subject;
        break;
      case 'AsyncWith':
        k = Kind.AsyncWith;
        top = pushList(nodes, top, node.body);
        top = pushList(nodes, top, node.items);
        break;
      case 'MatchSequence':
        k = Kind.MatchSequence;
        top = pushList(nodes, top, node.patterns);
        break;
      case 'YieldFrom':
        k = Kind.YieldFrom;
        nodes[top++] = node.value;
        break;
      case 'DictComp':
        k = Kind.DictComp;
        top = pushList(nodes, top, node.generators);
        nodes[top++] = node.value;
        nodes[top++] = node.key;
        break;
      case 'NamedExpr':
        k = Kind.NamedExpr;
        nodes[top++] = node.value;
        nodes[top++] = node.target;
        break;
      case 'MatchMapping':
        k = Kind.MatchMapping;
        top = pushList(nodes, top, node.patterns);
        top = pushList(nodes, top, node.keys);
        break;
      case 'TryStar':
        k = Kind.TryStar;
        top = pushList(nodes, top, node.finalbody);
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.handlers);
        top = pushList(nodes, top, node.body);
        break;
      case 'SetComp':
        k = Kind.SetComp;
        top = pushList(nodes, top, node.generators);
        nodes[top++] = node.elt;
        break;
      case 'MatchClass':
        k = Kind.MatchClass;
        top = pushList(nodes, top, node.kwd_patterns);
        top = pushList(nodes, top, node.patterns);
        nodes[top++] = node.cls;
        break;
      case 'MatchOr':
        k = Kind.MatchOr;
        top = pushList(nodes, top, node.patterns);
        break;
      case 'AsyncFor':
        k = Kind.AsyncFor;
        top = pushList(nodes, top, node.orelse);
        top = pushList(nodes, top, node.body);
        nodes[top++] = node.iter;
        nodes[top++] = node.target;
        break;
      case 'MatchStar':
        k = Kind.MatchStar;
        break;
      case 'MatchSingleton':
        k = Kind.MatchSingleton;
        break;
      case 'TypeAlias':
        k = Kind.TypeAlias;
        nodes[top++] = node.value;
        top = pushList(nodes, top, node.type_params);
        nodes[top++] = node.name;
        break;
      case 'TypeVar':
        k = Kind.TypeVar;
        if (node.default_value !== null) nodes[top++] = node.default_value;
        if (node.bound !== null) nodes[top++] = node.bound;
        break;
      case 'ParamSpec':
        k = Kind.ParamSpec;
        if (node.default_value !== null) nodes[top++] = node.default_value;
        break;
      case 'TypeVarTuple':
        k = Kind.TypeVarTuple;
        if (node.default_value !== null) nodes[top++] = node.default_value;
        break;
      case 'TypeIgnore':
        k = Kind.TypeIgnore;
        break;
      case 'Expression':
        k = Kind.Expression;
        nodes[top++] = node.body;
        break;
      case 'Interactive':
        k = Kind.Interactive;
        top = pushList(nodes, top, node.body);
        break;
      case 'FunctionType':
        k = Kind.FunctionType;
        nodes[top++] = node.returns;
        top = pushList(nodes, top, node.argtypes);
        break;
      case 'Add':
      case 'And':
      case 'BitAnd':
      case 'BitOr':
      case 'BitXor':
      case 'Del':
      case 'Div':
      case 'Eq':
      case 'FloorDiv':
      case 'Gt':
      case 'GtE':
      case 'In':
      case 'Invert':
      case 'Is':
      case 'IsNot':
      case 'LShift':
      case 'Load':
      case 'Lt':
      case 'LtE':
      case 'MatMult':
      case 'Mod':
      case 'Mult':
      case 'Not':
      case 'NotEq':
      case 'NotIn':
      case 'Or':
      case 'Pow':
      case 'RShift':
      case 'Store':
      case 'Sub':
      case 'UAdd':
      case 'USub':
        k = Kind[node._type];
        break;
    }
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
    const k = Kind[node._type];
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
