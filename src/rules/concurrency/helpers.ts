// Queries the concurrency rules share: what kind of pool an expression is (thread or process),
// which function a task argument denotes, and whether that function is pure-Python computation
// (holds the GIL throughout) or may block / release the GIL. Unknown always means "not pure".
import { NODE_FIELDS, type Call, type expr, type FunctionDef, type Lambda, type Node, type ClassDef } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import type { ModuleFacts } from '../module-facts.js';

export type PoolKind = 'thread' | 'process';

const POOL_CONSTRUCTORS: Record<string, { kind: PoolKind; label: string }> = {
  'concurrent.futures.ThreadPoolExecutor': { kind: 'thread', label: 'ThreadPoolExecutor' },
  'concurrent.futures.thread.ThreadPoolExecutor': { kind: 'thread', label: 'ThreadPoolExecutor' },
  'multiprocessing.pool.ThreadPool': { kind: 'thread', label: 'ThreadPool' },
  'multiprocessing.dummy.Pool': { kind: 'thread', label: 'multiprocessing.dummy.Pool' },
  'concurrent.futures.ProcessPoolExecutor': { kind: 'process', label: 'ProcessPoolExecutor' },
  'concurrent.futures.process.ProcessPoolExecutor': { kind: 'process', label: 'ProcessPoolExecutor' },
  'multiprocessing.Pool': { kind: 'process', label: 'multiprocessing.Pool' },
  'multiprocessing.pool.Pool': { kind: 'process', label: 'multiprocessing.Pool' },
};

/**
 * Whether the module imports one of the modules that define pools (`concurrent.futures`,
 * `multiprocessing`): every pool is recognised by such a qualified name, which only an import gives.
 */
export function importsPoolModule(facts: ModuleFacts): boolean {
  return facts.importedModules.has('concurrent') || facts.importedModules.has('multiprocessing');
}

/** A call that creates a pool: `ThreadPoolExecutor(...)`, `multiprocessing.Pool(...)`, `ctx.Pool(...)` of a `get_context()`. */
export function poolConstructor(semantic: SemanticModel, call: Call): { kind: PoolKind; label: string } | undefined {
  const q = semantic.qualifiedName(call.func);
  if (q) return POOL_CONSTRUCTORS[q];
  // multiprocessing.get_context("spawn").Pool(...), or ctx = get_context(...); ctx.Pool(...)
  const f = call.func;
  if (f._type !== 'Attribute' || f.attr !== 'Pool') return undefined;
  const ctxCall = f.value._type === 'Call' ? f.value : f.value._type === 'Name' ? singleValue(semantic, f.value) : undefined;
  if (ctxCall?._type === 'Call' && semantic.qualifiedName(ctxCall.func) === 'multiprocessing.get_context') return { kind: 'process', label: 'multiprocessing.Pool' };
  return undefined;
}

/** The pool an expression certainly denotes: a constructor call, or a name bound only to one (`=` or `with … as`). */
export function poolOf(semantic: SemanticModel, node: expr): { kind: PoolKind; label: string } | undefined {
  if (node._type === 'Call') return poolConstructor(semantic, node);
  if (node._type !== 'Name') return undefined;
  const value = singleValue(semantic, node);
  return value?._type === 'Call' ? poolConstructor(semantic, value) : undefined;
}

/** The one value a name is ever given (`x = v` or `with v as x`), if there is exactly one. */
export function singleValue(semantic: SemanticModel, name: expr): expr | undefined {
  if (name._type !== 'Name') return undefined;
  const binding = semantic.resolveName(name);
  if (!binding || binding.assignments.length !== 1) return undefined;
  const a = binding.assignments[0]!;
  if (a.kind === 'assign') return a.value;
  if (a.kind === 'with') {
    const item = semantic.parentOf(a.node);
    return item?._type === 'withitem' && item.optional_vars === a.node ? item.context_expr : undefined;
  }
  return undefined;
}

/** The function a task argument denotes: a lambda, a def of this module/function, `self.method`, or `functools.partial(f, …)`. */
export function taskFunction(semantic: SemanticModel, node: expr): FunctionDef | Lambda | undefined {
  if (node._type === 'Lambda') return node;
  if (node._type === 'Call' && semantic.qualifiedName(node.func) === 'functools.partial' && node.args[0]) return taskFunction(semantic, node.args[0]);
  if (node._type === 'Name') {
    const binding = semantic.resolveName(node);
    const a = binding?.assignments;
    if (!a || a.length !== 1 || a[0]!.kind !== 'def' || a[0]!.node._type !== 'FunctionDef') return undefined;
    return a[0]!.node;
  }
  if (node._type === 'Attribute' && node.value._type === 'Name') {
    const cls = semantic.resolveName(node.value)?.selfOf;
    if (!cls) return undefined;
    return methodOf(cls, node.attr);
  }
  return undefined;
}

function methodOf(cls: ClassDef, name: string): FunctionDef | undefined {
  const defs = cls.body.filter((s) => (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef' || s._type === 'Assign') && ('name' in s ? s.name === name : s.targets.some((t) => t._type === 'Name' && t.id === name)));
  const only = defs[0];
  if (defs.length !== 1 || only?._type !== 'FunctionDef') return undefined;
  if (only.decorator_list.some((d) => !(d._type === 'Name' && d.id === 'staticmethod'))) return undefined;
  return only;
}

/** Every node under `root` (not `root` itself), in source order; `skip` prunes a subtree. */
export function forEachDescendant(root: Node, visit: (node: Node) => void, skip?: (node: Node) => boolean): void {
  // An explicit stack rather than recursion (trees may be nested deeper than the JS call stack);
  // children are pushed last-first so nodes are visited in the same pre-order.
  const stack: Node[] = [];
  const pushChildren = (node: Node): void => {
    const fields = NODE_FIELDS[node._type].fields;
    const record = node as unknown as Record<string, unknown>;
    for (let f = fields.length - 1; f >= 0; f--) {
      if (fields[f] === 'ctx') continue;
      const value = record[fields[f]!];
      if (value === null || typeof value !== 'object') continue;
      const children = Array.isArray(value) ? value : [value];
      for (let i = children.length - 1; i >= 0; i--) {
        const child: unknown = children[i];
        if (child === null || typeof child !== 'object' || !('_type' in child)) continue;
        const c = child as Node;
        if (NODE_FIELDS[c._type].fields.length === 0) continue;
        stack.push(c);
      }
    }
  };
  pushChildren(root);
  while (stack.length > 0) {
    const c = stack.pop()!;
    visit(c);
    if (!skip || !skip(c)) pushChildren(c);
  }
}

// ---- purity: does a function only compute, holding the GIL? ---------------------------------------

/** Builtins that compute on values in memory (no I/O, no blocking, no callbacks into unknown code beyond dunder methods). */
const PURE_BUILTINS = new Set([
  'abs', 'all', 'any', 'bin', 'bool', 'bytearray', 'bytes', 'chr', 'complex', 'dict', 'divmod', 'enumerate', 'filter',
  'float', 'frozenset', 'hash', 'hex', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'list', 'map', 'max', 'min',
  'next', 'oct', 'ord', 'pow', 'range', 'repr', 'reversed', 'round', 'set', 'slice', 'sorted', 'str', 'sum', 'tuple',
  'zip', 'format', 'ascii', 'id', 'type', 'callable', 'hasattr',
]);

/** Modules whose functions compute in memory without releasing the GIL. (`hashlib`, `zlib`, `numpy`… release it: not here.) */
const PURE_MODULES = new Set(['math', 'cmath', 'operator', 'itertools', 'bisect', 'heapq', 'statistics', 'random', 'string', 'fractions', 'decimal', 'colorsys', 'functools']);
/** `functools` members that only compute; `functools.partial` etc. are calls to unknown code later. */
const PURE_MODULE_EXCEPTIONS = new Set(['functools.lru_cache', 'functools.cache', 'functools.wraps', 'random.SystemRandom']);

/** Method names that only exist on in-memory builtin types (str, list, dict, set, int, float), never on I/O objects. */
const PURE_METHODS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'sort', 'reverse', 'copy', 'clear', 'index', 'count',
  'items', 'keys', 'values', 'setdefault', 'popitem', 'fromkeys',
  'add', 'discard', 'union', 'intersection', 'difference', 'symmetric_difference', 'issubset', 'issuperset', 'isdisjoint',
  'split', 'rsplit', 'splitlines', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'title', 'capitalize',
  'startswith', 'endswith', 'find', 'rfind', 'rindex', 'replace', 'format', 'zfill', 'center', 'ljust', 'rjust',
  'isdigit', 'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'isdecimal', 'isnumeric', 'isidentifier',
  'partition', 'rpartition', 'translate', 'maketrans', 'expandtabs', 'removeprefix', 'removesuffix',
  'bit_length', 'bit_count', 'to_bytes', 'is_integer', 'as_integer_ratio', 'conjugate', 'hex',
]);
/** Methods that are pure only on a receiver known to be a builtin container (`get`/`update` also exist on I/O objects). */
const PURE_ON_KNOWN_SHAPE = new Set(['get', 'update', 'join', 'encode', 'decode']);

type Memo = Map<Node, Purity>;

export interface Purity {
  /** Every call is pure-Python computation (or a pure builtin/stdlib function). */
  pure: boolean;
  /** The function (or a pure function it calls) has a loop or comprehension. */
  loops: boolean;
}

/**
 * Is `fn` pure computation holding the GIL: only calls to pure builtins, pure stdlib modules,
 * builtin-type methods, and same-module functions that are themselves pure? Anything unknown
 * (I/O, sleeps, locks, callbacks, C extensions that may release the GIL) makes it not pure.
 */
export function purityOf(semantic: SemanticModel, fn: FunctionDef | Lambda, depth = 0, seen: Memo = new Map()): Purity {
  const known = seen.get(fn);
  if (known) return known; // includes recursion in progress: judged by the rest of the body
  seen.set(fn, { pure: true, loops: false });
  let pure = true;
  let loops = false;
  const root: Node = fn._type === 'Lambda' ? fn : fn;
  forEachDescendant(
    root,
    (node) => {
      if (!pure) return;
      switch (node._type) {
        case 'For':
        case 'While':
        case 'comprehension':
          loops = true;
          return;
        case 'With':
        case 'AsyncWith':
        case 'AsyncFor':
        case 'Await':
        case 'Yield':
        case 'YieldFrom':
        case 'Import':
        case 'ImportFrom':
        case 'Global':
        case 'Nonlocal':
        case 'FunctionDef':
        case 'AsyncFunctionDef':
        case 'ClassDef':
          pure = false; // locks/files, generators, nested defs: not simple computation
          return;
        case 'Lambda':
          // a lambda's body is walked like the rest: its calls must be pure too
          return;
        case 'Call': {
          const callee = pureCall(semantic, node, depth, seen);
          if (!callee) pure = false;
          else if (callee.loops) loops = true;
          return;
        }
        default:
          return;
      }
    },
    // decorators and default values run at definition time, not in the task; the args node is skipped too
    (node) => node._type === 'arguments',
  );
  if (fn._type === 'FunctionDef' && fn.decorator_list.length > 0) pure = false;
  const result = { pure, loops };
  seen.set(fn, result);
  return result;
}

function pureCall(semantic: SemanticModel, call: Call, depth: number, seen: Memo): Purity | undefined {
  const f = call.func;
  if (f._type === 'Name') {
    if (PURE_BUILTINS.has(f.id) && semantic.isBuiltin(f, f.id)) {
      // map(fetch, urls) calls `fetch` later: a function passed by name must be pure too
      const passed = [...(f.id === 'map' || f.id === 'filter' ? call.args.slice(0, 1) : []), ...call.keywords.filter((k) => k.arg === 'key').map((k) => k.value)];
      for (const arg of passed) if (!pureCallable(semantic, arg, depth, seen)) return undefined;
      return { pure: true, loops: false };
    }
    const q = semantic.qualifiedName(f);
    if (q) return pureModuleFunction(q) ? { pure: true, loops: false } : undefined;
    const target = taskFunction(semantic, f);
    if (!target || target._type !== 'FunctionDef' || depth >= 3) return undefined;
    const p = purityOf(semantic, target, depth + 1, seen);
    return p.pure ? p : undefined;
  }
  if (f._type === 'Attribute') {
    const q = semantic.qualifiedName(f);
    if (q) return pureModuleFunction(q) ? { pure: true, loops: false } : undefined;
    if (PURE_METHODS.has(f.attr)) return { pure: true, loops: false };
    if (PURE_ON_KNOWN_SHAPE.has(f.attr)) {
      if (f.value._type === 'Constant' && (typeof f.value.value === 'string')) return { pure: true, loops: false };
      const kind = semantic.shapeOf(f.value).kind;
      if (kind === 'dict' || kind === 'set' || kind === 'str' || kind === 'bytes' || kind === 'list') return { pure: true, loops: false };
    }
    return undefined;
  }
  return undefined;
}

/** A function passed as a value (`map(f, …)`, `key=f`): a pure builtin, a pure def of this module, or an inline lambda/call checked elsewhere. */
function pureCallable(semantic: SemanticModel, node: expr, depth: number, seen: Memo): boolean {
  if (node._type === 'Lambda' || node._type === 'Call') return true; // walked as part of the body
  if (node._type === 'Name' && PURE_BUILTINS.has(node.id) && semantic.isBuiltin(node, node.id)) return true;
  const q = semantic.qualifiedName(node);
  if (q) return pureModuleFunction(q);
  const target = taskFunction(semantic, node);
  return target !== undefined && target._type === 'FunctionDef' && depth < 3 && purityOf(semantic, target, depth + 1, seen).pure;
}

function pureModuleFunction(qualified: string): boolean {
  const module = qualified.split('.')[0]!;
  if (module === 'builtins') return PURE_BUILTINS.has(qualified.slice('builtins.'.length));
  return PURE_MODULES.has(module) && !PURE_MODULE_EXCEPTIONS.has(qualified) && qualified.split('.').length === 2;
}

/** A short name for a task argument in messages. */
export function taskLabel(semantic: SemanticModel, node: expr): string {
  if (node._type === 'Lambda') return 'lambda';
  if (node._type === 'Call' && node.args[0]) return taskLabel(semantic, node.args[0]);
  return semantic.describe(node);
}
