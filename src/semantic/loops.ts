// Loop context: which parts of a for/while/comprehension run once per iteration, and whether a
// loop really repeats (a body that always ends in `break`/`return`/`raise` runs at most once).
import type { Node, stmt, expr, For, AsyncFor, While, comprehension } from '../parse/ast.js';

export type LoopKind = 'for' | 'async-for' | 'while' | 'comprehension';

export interface Loop {
  readonly kind: LoopKind;
  /** The For/AsyncFor/While statement, or the `comprehension` clause (`for x in …` of a comprehension). */
  readonly node: For | AsyncFor | While | comprehension;
  /** For comprehensions: the ListComp/SetComp/DictComp/GeneratorExp owning the clause. */
  readonly owner: Node;
  readonly parent: Loop | undefined;
  /** 1 for the outermost loop of a function (or module/class body). */
  readonly depth: number;
  /** False when the body always leaves after its first iteration (`while True: …; break`). */
  readonly repeats: boolean;
  /** The number of iterations when the iterable is a literal (`for k in ('a', 'b')`). */
  readonly fixedIterations: number | undefined;
}

export function makeLoop(node: For | AsyncFor | While | comprehension, owner: Node, parent: Loop | undefined): Loop {
  let kind: LoopKind;
  let repeats = true;
  let fixedIterations: number | undefined;
  if (node._type === 'comprehension') {
    kind = 'comprehension';
    fixedIterations = literalLength(node.iter);
  } else {
    kind = node._type === 'For' ? 'for' : node._type === 'AsyncFor' ? 'async-for' : 'while';
    repeats = !exitsAfterFirstIteration(node.body);
    if (node._type !== 'While') fixedIterations = literalLength(node.iter);
  }
  return { kind, node, owner, parent, depth: (parent?.depth ?? 0) + 1, repeats, fixedIterations };
}

function literalLength(iter: expr): number | undefined {
  switch (iter._type) {
    case 'List':
    case 'Tuple':
    case 'Set':
      return iter.elts.some((e) => e._type === 'Starred') ? undefined : iter.elts.length;
    case 'Constant':
      return typeof iter.value === 'string' ? [...iter.value].length : undefined;
    default:
      return undefined;
  }
}

/** The body ends in an unconditional exit and no `continue` can start another iteration. */
function exitsAfterFirstIteration(body: stmt[]): boolean {
  const last = body[body.length - 1];
  if (!last || (last._type !== 'Break' && last._type !== 'Return' && last._type !== 'Raise')) return false;
  return !body.some(containsOwnContinue);
}

function containsOwnContinue(s: stmt): boolean {
  switch (s._type) {
    case 'Continue':
      return true;
    case 'If':
      return s.body.some(containsOwnContinue) || s.orelse.some(containsOwnContinue);
    case 'With':
    case 'AsyncWith':
      return s.body.some(containsOwnContinue);
    case 'Try':
    case 'TryStar':
      return (
        s.body.some(containsOwnContinue) ||
        s.handlers.some((h) => h.body.some(containsOwnContinue)) ||
        s.orelse.some(containsOwnContinue) ||
        s.finalbody.some(containsOwnContinue)
      );
    case 'Match':
      return s.cases.some((c) => c.body.some(containsOwnContinue));
    // a nested loop's `continue` is its own, except in its `else`
    case 'For':
    case 'AsyncFor':
    case 'While':
      return s.orelse.some(containsOwnContinue);
    default:
      return false;
  }
}
