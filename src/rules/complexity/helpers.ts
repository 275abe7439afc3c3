// Queries the complexity rules share: the loop that really repeats around a node, and how a
// container is named in messages.
import type { Node, expr } from '../../parse/ast.js';
import type { ContainerRef, Loop, SemanticModel } from '../../semantic/index.js';

/**
 * The innermost loop around `node` that runs an unbounded number of times: loops whose body always
 * exits after one pass, and loops over a literal (`for k in ('a', 'b')`), repeat a fixed, small
 * number of times and cannot make the cost grow with the input, so they are skipped.
 */
export function repeatingLoop(semantic: SemanticModel, node: Node): Loop | undefined {
  for (let loop = semantic.loopOf(node); loop; loop = loop.parent) {
    if (!loop.repeats || loop.fixedIterations !== undefined || overFixedLiteral(semantic, loop)) continue;
    if (leavesLoopAfter(semantic, node, loop)) continue;
    return loop;
  }
  return undefined;
}

/**
 * `while path: …; tail.insert(0, d); return …`: the statement holding `node` (or one of its
 * enclosing blocks inside the loop) ends with `return`/`raise`/`break`, so it runs at most once
 * per execution of the loop.
 */
function leavesLoopAfter(semantic: SemanticModel, node: Node, loop: Loop): boolean {
  if (loop.kind === 'comprehension') return false;
  let child: Node | undefined = semantic.enclosingStatement(node);
  let crossedLoop = false;
  while (child && child !== loop.node) {
    const parent = semantic.parentOf(child);
    if (!parent) return false;
    const block = blockHolding(parent, child);
    const last = block?.[block.length - 1];
    if (last && (last._type === 'Return' || last._type === 'Raise' || (last._type === 'Break' && !crossedLoop))) return true;
    if (parent._type === 'For' || parent._type === 'AsyncFor' || parent._type === 'While') crossedLoop = true;
    child = parent;
  }
  return false;
}

/** The statement list of `parent` that contains `child` (body, orelse, handler body…). */
function blockHolding(parent: Node, child: Node): readonly Node[] | undefined {
  const record = parent as unknown as Record<string, unknown>;
  for (const field of ['body', 'orelse', 'finalbody']) {
    const list = record[field];
    if (Array.isArray(list) && list.includes(child)) return list as Node[];
  }
  return undefined;
}

/** `for v in VERSIONS` where `VERSIONS = ('a', 'b')` is never grown: a fixed number of iterations too. */
function overFixedLiteral(semantic: SemanticModel, loop: Loop): boolean {
  if (loop.node._type === 'While') return false;
  const iter = loop.node.iter;
  if (iter._type !== 'Name' && iter._type !== 'Attribute') return false;
  return semantic.shapeOf(iter).length !== undefined;
}

/** Is this expression a literal list/tuple written in place (`[…]`, `(…)`)? */
export function isSequenceLiteral(node: expr): boolean {
  return node._type === 'List' || node._type === 'Tuple';
}

/** Is this the constant integer `value` (`0`, `-1` written as unary minus)? */
export function constantInt(node: expr | null | undefined): number | undefined {
  if (!node) return undefined;
  if (node._type === 'Constant' && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
  if (node._type === 'UnaryOp' && node.op._type === 'USub' && node.operand._type === 'Constant' && typeof node.operand.value === 'number') {
    return -node.operand.value;
  }
  return undefined;
}

/** A call's receiver is the same container every iteration and the call's arguments do not change. */
export function isInvariantCall(semantic: SemanticModel, node: expr, loop: Loop): boolean {
  if (node._type !== 'Call') return false;
  const func = node.func;
  if (func._type !== 'Name' && !(func._type === 'Attribute' && semantic.isLoopInvariant(func.value, loop))) return false;
  if (func._type === 'Name' && !semantic.isLoopInvariant(func, loop)) return false;
  return node.args.every((a) => semantic.isLoopInvariant(a, loop)) && node.keywords.every((k) => semantic.isLoopInvariant(k.value, loop));
}

const UNHASHABLE = new Set(['list', 'dict', 'set']);

/**
 * Does the container visibly hold lists, dicts or sets (appended, inserted, or written in its
 * literal)? Then a set cannot replace it, and suggesting one would be wrong.
 */
export function holdsUnhashables(semantic: SemanticModel, ref: ContainerRef): boolean {
  const unhashable = (e: expr | undefined): boolean => !!e && UNHASHABLE.has(semantic.shapeOf(e).kind);
  for (const a of ref.assignments) {
    const v = a.value;
    if (v && (v._type === 'List' || v._type === 'Tuple') && v.elts.some(unhashable)) return true;
  }
  for (const r of semantic.referencesOf(ref)) {
    const attr = semantic.parentOf(r);
    if (!attr || attr._type !== 'Attribute' || (attr.attr !== 'append' && attr.attr !== 'insert')) continue;
    const call = semantic.parentOf(attr);
    if (!call || call._type !== 'Call' || call.func !== attr) continue;
    if (unhashable(call.args[call.args.length - 1])) return true;
  }
  return false;
}

/**
 * Does `candidate` denote the same variable, or the same `self` attribute, as `target`? (`x = x +
 * …`, `self.s = self.s + …`.) Attribute names are compared first: a slot is one name.
 */
export function sameContainer(semantic: SemanticModel, candidate: expr, target: expr): boolean {
  if (candidate._type === 'Name' && target._type === 'Name') return candidate.id === target.id;
  if (candidate._type === 'Attribute' && target._type === 'Attribute') {
    if (candidate.attr !== target.attr) return false;
    const a = semantic.containerRef(candidate);
    return a !== undefined && a === semantic.containerRef(target);
  }
  return false;
}
