// The nodes the parser lists while it builds the tree, so that the rules can be run from the list
// instead of a walk over every node: only the kinds rules visit, and the loops that set
// `loopDepth`. A rule may visit any other kind too: the engine then walks the tree (slower).
import type { Call, Node } from './ast.js';
import { Kind, KIND_COUNT } from './children.js';
import { doubled } from '../util/typed-arrays.js';
import { screenCode } from '../util/name-screen.js';

/**
 * The kinds the parser lists (any kind not here makes the engine walk the tree instead): those
 * the rules visit, and the loops. (`def` and `return` were listed for the HS201/HS202 collector
 * until it stopped visiting them: 79k of the stdlib's 650k listed nodes.)
 */
export const LISTED_KINDS: ReadonlySet<Kind> = new Set([
  // statements
  Kind.AsyncFunctionDef,
  Kind.Delete,
  Kind.Assign,
  Kind.AugAssign,
  Kind.For,
  Kind.AsyncFor,
  Kind.While,
  Kind.Import,
  Kind.ImportFrom,
  Kind.Global,
  // expressions
  Kind.BinOp,
  Kind.Compare,
  Kind.Call,
  Kind.Subscript,
  Kind.ListComp,
  Kind.SetComp,
  Kind.DictComp,
  Kind.GeneratorExp,
  Kind.comprehension,
]);

/**
 * `toKind` packs a node's last token, its callee code and its kind:
 * `(to * CALLEE_SLOTS + callee) * LISTED_KIND_SLOTS + kind` (below 2^48: exact in a double).
 */
export const LISTED_KIND_SLOTS = 128;
/**
 * For a call of a plain name or an attribute (`f(…)`, `x.f(…)`): 1 + the callee name's screen
 * code (`screenCode` in `src/util/name-screen.ts`), so the engine can rule out most named-call
 * handlers without reading the call's nodes; 0 for any other node.
 */
export const CALLEE_SLOTS = 2048;

/** A call's callee code (see `CALLEE_SLOTS`). */
export function calleeCode(call: Call): number {
  const f = call.func;
  return f._type === 'Name' ? 1 + screenCode(f.id) : f._type === 'Attribute' ? 1 + screenCode(f.attr) : 0;
}

/**
 * Listed nodes in the order they were built (a node after the nodes inside it), each with its
 * first and last token index; a def's first token is its first decorator's `@`. Token ranges
 * nest like the nodes: a node's tokens hold those of every node inside it. (Typed arrays grown by
 * doubling: three array pushes per node cost the parser 5%, these stores a third of that.)
 */
export class ListedNodes {
  readonly nodes: Node[] = [];
  /** Per node: its first token index. */
  from = new Float64Array(256);
  /** Per node: its last token index, callee code and kind (see `LISTED_KIND_SLOTS`). */
  toKind = new Float64Array(256);

  add(node: Node, kind: Kind, from: number, to: number, callee = 0): void {
    const n = this.nodes.length;
    if (n === this.from.length) this.grow();
    this.from[n] = from;
    this.toKind[n] = (to * CALLEE_SLOTS + callee) * LISTED_KIND_SLOTS + kind;
    this.nodes.push(node);
  }

  /** Forget the nodes listed after the first `count`. */
  truncate(count: number): void {
    this.nodes.length = count;
  }

  private grow(): void {
    this.from = doubled(this.from);
    this.toKind = doubled(this.toKind);
  }
}

// every kind number must fit below LISTED_KIND_SLOTS
if (KIND_COUNT > LISTED_KIND_SLOTS) throw new Error(`${KIND_COUNT} node kinds do not fit in LISTED_KIND_SLOTS`);
