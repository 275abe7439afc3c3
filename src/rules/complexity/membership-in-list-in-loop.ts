// HS101: `x in container` inside a loop, where the container is a list or tuple: a linear scan on
// every iteration (the classic `seen` list).
import type { Compare, expr } from '../../parse/ast.js';
import { defineRule } from '../types.js';
import { holdsUnhashables, isInvariantCall, repeatingLoop } from './helpers.js';

interface Data {
  /** The container as written (`seen`, `self.names`, `load_ids()`). */
  container: string;
  kind: 'list' | 'tuple' | 'dict values view';
  /** `in` or `not in`. */
  operator: string;
  /** The container is appended to inside the same loop. */
  grown: boolean;
}

/**
 * Names bound to a literal of known size below this (`NAMES = ('a', 'b')`, never grown) are left
 * alone: their size cannot grow with the input, and a scan of a few elements (~8 ns each) is
 * within a small factor of hashing (~10 ns). From 16 elements on, a miss costs over 10× a set's.
 */
const FIXED_SIZE_LIMIT = 16;

const UNHASHABLE_ITEM = new Set(['list', 'dict', 'set']);

export default defineRule<Data>({
  code: 'HS101',
  complexity: { before: 'O(N·M)', after: 'O(N+M)' },
  name: 'membership-in-list-in-loop',
  family: 'complexity',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `in` / `not in` tests against a list or tuple inside a loop or comprehension, where the list is a ' +
    'name, a `self` attribute or a call known to hold a list or tuple, and it is not rebuilt on each iteration; ' +
    'also `x in d.values()` on a dict, which scans every value. ' +
    'The most common case is the `seen` list that a loop both tests and appends to.',
  whySlow:
    'Membership in a list or tuple compares the item with every element until it finds a match: O(M) per test. ' +
    'Inside a loop of N iterations that is O(N·M), and when the loop also appends to the list, O(N²). A set or ' +
    'dict hashes the item and finds it in O(1) on average, so building a set once before the loop makes the ' +
    'whole loop O(N + M).',
  example:
    'def unique(items):\n    seen = []\n    for item in items:\n        if item not in seen:\n            seen.append(item)\n    return seen\n',
  useInstead:
    'def unique(items):\n    seen = set()\n    result = []\n    for item in items:\n        if item not in seen:\n            seen.add(item)\n            result.append(item)\n    return result\n',
  evidence:
    'Measured with `python3 -m timeit` (CPython 3.11, this machine): a miss in a 1,000-string list takes 5.5 µs, in a ' +
    'set 10 ns (~500× faster); deduplicating 10,000 distinct strings with a `seen` list takes 320 ms, with a set 0.4 ms.',
  knownLimits:
    'Only containers whose shape is certain are considered: a parameter without an annotation, or a name assigned ' +
    'anything that is not surely a list or tuple, is never flagged. Lists written in place (`x in [1, 2, 3]`) are ' +
    'HS102. A name holding a fixed literal of fewer than 16 elements (never grown) is not flagged, nor a loop over such a literal. A set needs hashable ' +
    'elements: containers seen holding lists, dicts or sets (appended or in their literal) are skipped, others ' +
    'are assumed hashable.',
  alsoKnownAs: ['PERF (none)', 'PLR6201 (literals only)'],
  message: (d) =>
    d.grown
      ? `\`${d.operator}\` scans the ${d.kind} \`${d.container}\` on every iteration while the loop keeps growing it: O(N²)`
      : `\`${d.operator}\` scans the ${d.kind} \`${d.container}\` on every iteration: O(N·M)`,
  fixTitle: (d) => (d.grown ? `Keep a set beside \`${d.container}\` for the membership test` : `Build a set from \`${d.container}\` once, before the loop`),
  create(ctx) {
    return {
      // only inside loops: outside, nothing to ask the semantic model
      'Compare:inLoop'(node: Compare) {
        for (let i = 0; i < node.ops.length; i++) {
          const op = node.ops[i]!._type;
          if (op !== 'In' && op !== 'NotIn') continue;
          const container = node.comparators[i]!;
          // the cheap syntactic test first: only names, attributes and calls can be flagged
          if (container._type !== 'Name' && container._type !== 'Attribute' && container._type !== 'Call') continue;
          const item = i === 0 ? node.left : node.comparators[i - 1]!;
          const data = check(container, item);
          if (data) ctx.report(node, { ...data, operator: op === 'In' ? 'in' : 'not in' });
        }
      },
    };

    // The questions in order of cost: in a loop at all, then the container's shape, then the rest.
    function check(container: expr, item: expr): Omit<Data, 'operator'> | undefined {
      const semantic = ctx.semantic;
      const loop = repeatingLoop(semantic, container);
      if (!loop) return undefined;
      const shape = semantic.shapeOf(container);
      if (shape.kind !== 'list' && shape.kind !== 'tuple' && shape.kind !== 'dict-values') return undefined;
      const kind = shape.kind === 'dict-values' ? 'dict values view' : shape.kind;
      if (shape.length !== undefined && shape.length < FIXED_SIZE_LIMIT) return undefined;
      // `[x, y] in pairs`: a list (or dict, set) cannot be looked up in a set
      if (UNHASHABLE_ITEM.has(semantic.shapeOf(item).kind)) return undefined;
      let grown = false;
      if (container._type === 'Call') {
        // `x in load_ids()` with unchanging arguments: the list could be built once
        if (!isInvariantCall(semantic, container, loop)) return undefined;
      } else {
        const ref = semantic.containerRef(container);
        if (!ref || semantic.isReboundIn(ref, loop)) return undefined; // a fresh list per iteration
        if (holdsUnhashables(semantic, ref)) return undefined; // lists of lists: no set can replace it
        if (container._type === 'Attribute' && !semantic.isLoopInvariant(container.value, loop)) return undefined;
        grown = semantic.isGrownIn(ref, loop);
      }
      return { container: semantic.describe(container), kind, grown };
    }
  },
});
