// Queries the complexity rules share: the loop that really repeats around a node, and how a
// container is named in messages.
import type { Node, expr } from '../../parse/ast.js';
import type { Loop, SemanticModel } from '../../semantic/index.js';

/**
 * The innermost loop around `node` that runs an unbounded number of times: loops whose body always
 * exits after one pass, and loops over a literal (`for k in ('a', 'b')`), repeat a fixed, small
 * number of times and cannot make the cost grow with the input, so they are skipped.
 */
export function repeatingLoop(semantic: SemanticModel, node: Node): Loop | undefined {
  for (let loop = semantic.loopOf(node); loop; loop = loop.parent) {
    if (loop.repeats && loop.fixedIterations === undefined && !overFixedLiteral(semantic, loop)) return loop;
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
