// The child nodes of every AST node kind, by static field names: the hot loops of the rule walk
// and of the semantic model's walks enumerate children through here. (A table of field names
// read as `node[field]` is shorter, but each such read is a megamorphic keyed load: measured,
// the stdlib's rule walk took twice as long that way.)
import type { Node, NodeType } from './ast.js';

/** Every node kind, numbered (most frequent first: `pushChildren` tests them in this order). */
export enum Kind {
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

/** How many kinds there are (a numeric enum maps both ways). */
export const KIND_COUNT = Object.keys(Kind).length / 2;

/** The number of a kind given by name. */
export function kindNumber(type: NodeType): Kind {
  return Kind[type];
}

function pushList(stack: Node[], list: readonly Node[]): void {
  for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]!);
}

/** `pushList` for the two lists with holes: `Dict.keys` (`**spread`) and `arguments.kw_defaults`. */
function pushListWithHoles(stack: Node[], list: readonly (Node | null)[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i]!;
    if (item !== null) stack.push(item);
  }
}

/**
 * Pushes `node`'s child nodes onto `stack`, last child first (so popping them visits them in
 * CPython's field order), and returns `node`'s kind. Expression contexts are never children;
 * operators (`Add`, `Eq`…: childless singletons) only with `operators`. With `statements` false,
 * statement lists (`body`, `orelse`, `finalbody`) are left out: a statement's own expressions only.
 */
export function pushChildren(node: Node, stack: Node[], statements: boolean, operators = false): Kind {
  switch (node._type) {
    case 'Name':
      return Kind.Name;
    case 'Constant':
      return Kind.Constant;
    case 'Attribute':
      stack.push(node.value);
      return Kind.Attribute;
    case 'Call':
      pushList(stack, node.keywords);
      pushList(stack, node.args);
      stack.push(node.func);
      return Kind.Call;
    case 'Expr':
      stack.push(node.value);
      return Kind.Expr;
    case 'Assign':
      stack.push(node.value);
      pushList(stack, node.targets);
      return Kind.Assign;
    case 'arg':
      if (node.annotation !== null) stack.push(node.annotation);
      return Kind.arg;
    case 'arguments':
      pushList(stack, node.defaults);
      if (node.kwarg !== null) stack.push(node.kwarg);
      pushListWithHoles(stack, node.kw_defaults);
      pushList(stack, node.kwonlyargs);
      if (node.vararg !== null) stack.push(node.vararg);
      pushList(stack, node.args);
      pushList(stack, node.posonlyargs);
      return Kind.arguments;
    case 'FunctionDef':
    case 'AsyncFunctionDef':
      pushList(stack, node.type_params);
      if (node.returns !== null) stack.push(node.returns);
      pushList(stack, node.decorator_list);
      if (statements) pushList(stack, node.body);
      stack.push(node.args);
      return node._type === 'FunctionDef' ? Kind.FunctionDef : Kind.AsyncFunctionDef;
    case 'Tuple':
      pushList(stack, node.elts);
      return Kind.Tuple;
    case 'keyword':
      stack.push(node.value);
      return Kind.keyword;
    case 'BinOp':
      stack.push(node.right);
      if (operators) stack.push(node.op);
      stack.push(node.left);
      return Kind.BinOp;
    case 'If':
      if (statements) pushList(stack, node.orelse);
      if (statements) pushList(stack, node.body);
      stack.push(node.test);
      return Kind.If;
    case 'Subscript':
      stack.push(node.slice);
      stack.push(node.value);
      return Kind.Subscript;
    case 'Compare':
      pushList(stack, node.comparators);
      if (operators) pushList(stack, node.ops);
      stack.push(node.left);
      return Kind.Compare;
    case 'List':
      pushList(stack, node.elts);
      return Kind.List;
    case 'Return':
      if (node.value !== null) stack.push(node.value);
      return Kind.Return;
    case 'alias':
      return Kind.alias;
    case 'UnaryOp':
      stack.push(node.operand);
      if (operators) stack.push(node.op);
      return Kind.UnaryOp;
    case 'ClassDef':
      pushList(stack, node.type_params);
      pushList(stack, node.decorator_list);
      if (statements) pushList(stack, node.body);
      pushList(stack, node.keywords);
      pushList(stack, node.bases);
      return Kind.ClassDef;
    case 'withitem':
      if (node.optional_vars !== null) stack.push(node.optional_vars);
      stack.push(node.context_expr);
      return Kind.withitem;
    case 'With':
    case 'AsyncWith':
      if (statements) pushList(stack, node.body);
      pushList(stack, node.items);
      return node._type === 'With' ? Kind.With : Kind.AsyncWith;
    case 'For':
    case 'AsyncFor':
      if (statements) pushList(stack, node.orelse);
      if (statements) pushList(stack, node.body);
      stack.push(node.iter);
      stack.push(node.target);
      return node._type === 'For' ? Kind.For : Kind.AsyncFor;
    case 'Import':
      pushList(stack, node.names);
      return Kind.Import;
    case 'Try':
    case 'TryStar':
      if (statements) pushList(stack, node.finalbody);
      if (statements) pushList(stack, node.orelse);
      pushList(stack, node.handlers);
      if (statements) pushList(stack, node.body);
      return node._type === 'Try' ? Kind.Try : Kind.TryStar;
    case 'Dict':
      pushList(stack, node.values);
      pushListWithHoles(stack, node.keys);
      return Kind.Dict;
    case 'Raise':
      if (node.cause !== null) stack.push(node.cause);
      if (node.exc !== null) stack.push(node.exc);
      return Kind.Raise;
    case 'ExceptHandler':
      if (statements) pushList(stack, node.body);
      if (node.type !== null) stack.push(node.type);
      return Kind.ExceptHandler;
    case 'BoolOp':
      pushList(stack, node.values);
      if (operators) stack.push(node.op);
      return Kind.BoolOp;
    case 'Pass':
      return Kind.Pass;
    case 'ImportFrom':
      pushList(stack, node.names);
      return Kind.ImportFrom;
    case 'Slice':
      if (node.step !== null) stack.push(node.step);
      if (node.upper !== null) stack.push(node.upper);
      if (node.lower !== null) stack.push(node.lower);
      return Kind.Slice;
    case 'FormattedValue':
      if (node.format_spec !== null) stack.push(node.format_spec);
      stack.push(node.value);
      return Kind.FormattedValue;
    case 'comprehension':
      pushList(stack, node.ifs);
      stack.push(node.iter);
      stack.push(node.target);
      return Kind.comprehension;
    case 'AugAssign':
      stack.push(node.value);
      if (operators) stack.push(node.op);
      stack.push(node.target);
      return Kind.AugAssign;
    case 'JoinedStr':
      pushList(stack, node.values);
      return Kind.JoinedStr;
    case 'Starred':
      stack.push(node.value);
      return Kind.Starred;
    case 'Delete':
      pushList(stack, node.targets);
      return Kind.Delete;
    case 'Module':
      if (statements) pushList(stack, node.body);
      return Kind.Module;
    case 'Lambda':
      stack.push(node.body);
      stack.push(node.args);
      return Kind.Lambda;
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
      pushList(stack, node.generators);
      stack.push(node.elt);
      return node._type === 'ListComp' ? Kind.ListComp : node._type === 'SetComp' ? Kind.SetComp : Kind.GeneratorExp;
    case 'Assert':
      if (node.msg !== null) stack.push(node.msg);
      stack.push(node.test);
      return Kind.Assert;
    case 'Await':
      stack.push(node.value);
      return Kind.Await;
    case 'Yield':
      if (node.value !== null) stack.push(node.value);
      return Kind.Yield;
    case 'While':
      if (statements) pushList(stack, node.orelse);
      if (statements) pushList(stack, node.body);
      stack.push(node.test);
      return Kind.While;
    case 'AnnAssign':
      if (node.value !== null) stack.push(node.value);
      stack.push(node.annotation);
      stack.push(node.target);
      return Kind.AnnAssign;
    case 'Break':
      return Kind.Break;
    case 'IfExp':
      stack.push(node.orelse);
      stack.push(node.body);
      stack.push(node.test);
      return Kind.IfExp;
    case 'Continue':
      return Kind.Continue;
    case 'Set':
      pushList(stack, node.elts);
      return Kind.Set;
    case 'match_case':
      if (statements) pushList(stack, node.body);
      if (node.guard !== null) stack.push(node.guard);
      stack.push(node.pattern);
      return Kind.match_case;
    case 'MatchValue':
      stack.push(node.value);
      return Kind.MatchValue;
    case 'Nonlocal':
      return Kind.Nonlocal;
    case 'MatchAs':
      if (node.pattern !== null) stack.push(node.pattern);
      return Kind.MatchAs;
    case 'Global':
      return Kind.Global;
    case 'Match':
      pushList(stack, node.cases);
      stack.push(node.subject);
      return Kind.Match;
    case 'MatchSequence':
      pushList(stack, node.patterns);
      return Kind.MatchSequence;
    case 'YieldFrom':
      stack.push(node.value);
      return Kind.YieldFrom;
    case 'DictComp':
      pushList(stack, node.generators);
      stack.push(node.value);
      stack.push(node.key);
      return Kind.DictComp;
    case 'NamedExpr':
      stack.push(node.value);
      stack.push(node.target);
      return Kind.NamedExpr;
    case 'MatchMapping':
      pushList(stack, node.patterns);
      pushList(stack, node.keys);
      return Kind.MatchMapping;
    case 'MatchClass':
      pushList(stack, node.kwd_patterns);
      pushList(stack, node.patterns);
      stack.push(node.cls);
      return Kind.MatchClass;
    case 'MatchOr':
      pushList(stack, node.patterns);
      return Kind.MatchOr;
    case 'MatchStar':
      return Kind.MatchStar;
    case 'MatchSingleton':
      return Kind.MatchSingleton;
    case 'TypeAlias':
      stack.push(node.value);
      pushList(stack, node.type_params);
      stack.push(node.name);
      return Kind.TypeAlias;
    case 'TypeVar':
      if (node.default_value !== null) stack.push(node.default_value);
      if (node.bound !== null) stack.push(node.bound);
      return Kind.TypeVar;
    case 'ParamSpec':
      if (node.default_value !== null) stack.push(node.default_value);
      return Kind.ParamSpec;
    case 'TypeVarTuple':
      if (node.default_value !== null) stack.push(node.default_value);
      return Kind.TypeVarTuple;
    case 'TypeIgnore':
      return Kind.TypeIgnore;
    case 'Expression':
      if (statements) stack.push(node.body);
      return Kind.Expression;
    case 'Interactive':
      if (statements) pushList(stack, node.body);
      return Kind.Interactive;
    case 'FunctionType':
      stack.push(node.returns);
      pushList(stack, node.argtypes);
      return Kind.FunctionType;
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
      return Kind[node._type];
  }
}
