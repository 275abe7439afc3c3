// Queries the interpreter-overhead (HS5) and native-acceleration (HS4) rules share: walking a
// subtree without entering nested scopes, the hot (innermost, repeating) loop around a node,
// and which names a loop's body reads or writes.
import { NODE_FIELDS, type Module, type Node, type expr, type stmt, type Name } from '../../parse/ast.js';
import type { Loop, SemanticModel } from '../../semantic/index.js';
import { repeatingLoop } from '../complexity/helpers.js';
import { pushChildren } from '../../parse/children.js';

export { repeatingLoop };

const SCOPE_NODES = new Set(['FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda']);

/** Call `visit` on every node under `root` (root included), not entering nested defs, classes or lambdas. */
export function walkLocal(root: Node, visit: (node: Node) => boolean | void): void {
  // An explicit stack rather than recursion (trees may be nested deeper than the JS call stack);
  // children are pushed last-first so nodes are visited in the same pre-order.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const from = stack.length;
    pushChildren(node, stack, true);
    // keep the children that are neither a nested scope nor field-less (`pass`, `break`…)
    let kept = from;
    for (let i = from; i < stack.length; i++) {
      const child = stack[i]!;
      if (SCOPE_NODES.has(child._type) || NODE_FIELDS[child._type].fields.length === 0) continue;
      stack[kept++] = child;
    }
    stack.length = kept;
  }
}

/** Every node of the statements, in source order (nested scopes excluded). */
export function walkStatements(body: readonly stmt[], visit: (node: Node) => boolean | void): void {
  for (const s of body) walkLocal(s, visit);
}

/** The nodes that run once per iteration of a loop: a for/while body, or a comprehension's element and conditions. */
export function repeatedPart(loop: Loop): Node[] {
  const node = loop.node;
  if (node._type === 'comprehension') {
    const owner = loop.owner as Node & { generators: { ifs: expr[] }[]; elt?: expr; key?: expr; value?: expr };
    const gens = owner.generators as unknown as Node[];
    const index = gens.indexOf(node);
    const parts: Node[] = [...node.ifs];
    for (const later of gens.slice(index + 1)) parts.push(later);
    if (owner._type === 'DictComp') parts.push(owner.key!, owner.value!);
    else parts.push(owner.elt!);
    return parts;
  }
  if (node._type === 'While') return [node.test, ...node.body];
  return [...node.body];
}

// Keyed by the model's loop objects and holding only booleans: no tree is kept alive through it
// (unlike a map whose values reach back to the tree; see docs/writing-rules.md).
const containsLoopCache = new WeakMap<Loop, boolean>();

/** Does the loop's repeated part contain another loop (a for/while statement or a comprehension)? */
export function containsLoop(loop: Loop): boolean {
  const cached = containsLoopCache.get(loop);
  if (cached !== undefined) return cached;
  let found = false;
  for (const part of repeatedPart(loop)) {
    walkLocal(part, (n) => {
      if (found) return false;
      if (n._type === 'For' || n._type === 'AsyncFor' || n._type === 'While' || n._type === 'comprehension') found = true;
      return !found;
    });
  }
  containsLoopCache.set(loop, found);
  return found;
}

/**
 * The innermost loop around `node` in its function, when it is a real repeating loop with no loop
 * nested inside it: the code that runs most often. Undefined outside functions and for loops that
 * run a fixed, literal number of times.
 */
export function hotInnerLoop(semantic: SemanticModel, node: Node): Loop | undefined {
  if (!semantic.enclosingFunction(node)) return undefined;
  const loop = semantic.loopOf(node);
  if (!loop || repeatingLoop(semantic, node) !== loop) return undefined;
  if (containsLoop(loop)) return undefined;
  return loop;
}

/** Names bound by a for target or comprehension target (`i`, `k, v`, `(a, (b, c))`). */
export function targetNames(target: expr): Name[] {
  switch (target._type) {
    case 'Name':
      return [target];
    case 'Tuple':
    case 'List':
      return target.elts.flatMap(targetNames);
    case 'Starred':
      return targetNames(target.value);
    default:
      return [];
  }
}

/** Is `node` a plain string literal (`'a'`, `r'\d+'`, implicit concatenations included)? */
export function isStringLiteral(node: expr | null | undefined): boolean {
  return !!node && node._type === 'Constant' && typeof node.value === 'string';
}

/** The text of a dotted name (`os.path.join`), or undefined when the expression is not one. */
export function dottedName(node: expr): string | undefined {
  if (node._type === 'Name') return node.id;
  if (node._type === 'Attribute') {
    const base = dottedName(node.value);
    return base === undefined ? undefined : `${base}.${node.attr}`;
  }
  return undefined;
}

/** Does the module import `top` (e.g. `numpy`) in a statement of its own body (or an `if`/`try` at module level)? */
export function importsModuleAtModuleLevel(module: Module, top: string): boolean {
  let found = false;
  walkStatements(module.body, (n) => {
    if (found) return false;
    if (n._type === 'Import') found = n.names.some((a) => a.name.split('.')[0] === top);
    else if (n._type === 'ImportFrom') found = (n.level ?? 0) === 0 && !!n.module && n.module.split('.')[0] === top;
    return n._type === 'If' || n._type === 'Try' || n._type === 'TryStar' || n._type === 'Module';
  });
  return found;
}

/** Method names that only read a container (calling them cannot change what a loop over it yields). */
const READING_METHODS = new Set(['count', 'index', 'get', 'keys', 'values', 'items', 'copy', 'startswith', 'endswith', 'find', 'format', 'join', 'split', 'strip', 'lower', 'upper', 'issubset', 'issuperset', 'isdisjoint', 'union', 'intersection', 'difference']);

/**
 * Could the loop's repeated part change the object `name` refers to? Any use other than reading
 * (`x[i]`, `len(x)`, `v in x`, `x.count(…)`) counts: a method call, a store or `del` through it,
 * `+=`, rebinding, or passing it to a function that might mutate it.
 */
export function mayMutateIn(semantic: SemanticModel, name: Name, loop: Loop): boolean {
  const binding = semantic.resolveName(name);
  if (!binding) return true;
  for (const ref of semantic.referencesOf(binding)) {
    if (!semantic.isInLoop(ref, loop)) continue;
    if (ref._type === 'Name' && ref.ctx._type !== 'Load') return true;
    const parent = semantic.parentOf(ref);
    if (!parent) continue;
    if (parent._type === 'Subscript' && parent.value === ref) {
      if (parent.ctx._type !== 'Load') return true;
      continue;
    }
    if (parent._type === 'Attribute' && parent.value === ref) {
      if (!READING_METHODS.has(parent.attr)) return true;
      continue;
    }
    if (parent._type === 'Compare') continue;
    if (parent._type === 'Call' && parent.func !== ref) {
      if (parent.func._type === 'Name' && ['len', 'print', 'str', 'repr', 'sorted', 'min', 'max', 'sum', 'any', 'all', 'isinstance'].includes(parent.func.id)) continue;
      return true;
    }
    if (parent._type === 'AugAssign') return true;
  }
  return false;
}

/** Does the loop's repeated part call anything other than a builtin (which might reach a global or `self`)? */
export function callsNonBuiltin(semantic: SemanticModel, loop: Loop): boolean {
  let found = false;
  for (const part of repeatedPart(loop)) {
    walkLocal(part, (n) => {
      if (found) return false;
      if (n._type === 'Call') {
        const q = semantic.qualifiedName(n.func);
        if (!q || !q.startsWith('builtins.')) found = true;
      }
      return !found;
    });
  }
  return found;
}

/** Source text for a message: one line, at most 50 characters. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= 50 ? oneLine : `${oneLine.slice(0, 47)}...`;
}

/**
 * Does `node` run on every pass of the loop body? False when it sits in a branch of an `if` (or a
 * conditional expression, an `except` handler, a short-circuit operand) inside the loop: such code
 * runs on some iterations only, so a per-iteration saving is not what it costs.
 */
export function runsEveryIteration(semantic: SemanticModel, node: Node, loop: Loop): boolean {
  let child: Node = node;
  for (let p = semantic.parentOf(node); p && p !== loop.node && p !== loop.owner; p = semantic.parentOf(p)) {
    if (p._type === 'If' && child !== p.test) return false;
    if (p._type === 'IfExp' && child !== p.test) return false;
    if (p._type === 'BoolOp' && child !== p.values[0]) return false;
    if (p._type === 'ExceptHandler' || p._type === 'match_case') return false;
    child = p;
  }
  return true;
}

