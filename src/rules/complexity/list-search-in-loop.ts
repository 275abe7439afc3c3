// HS104: `lst.remove(x)`, `lst.index(x)`, `lst.count(x)` on a list inside a loop: a linear search
// on every iteration.
import type { Call } from '../../parse/ast.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop } from './helpers.js';

interface Data {
  method: 'remove' | 'index' | 'count';
  container: string;
  kind: 'list' | 'tuple';
}

/** Same threshold as HS101: below it a fixed list's scan is a constant, not a complexity. */
const FIXED_SIZE_LIMIT = 16;

const ADVICE: Record<Data['method'], string> = {
  remove: 'collect what to keep and rebuild once (`[x for x in items if x not in drop_set]`), or use a set/dict',
  index: 'build a `{item: position}` dict once, or iterate with `enumerate`',
  count: 'count everything once with `collections.Counter`',
};

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['remove', 'index', 'count'], { inLoop: true });

export default defineRule<Data>({
  code: 'HS104',
  complexity: { before: 'O(N·M)', after: 'O(N+M)' },
  name: 'list-search-in-loop',
  family: 'complexity',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `remove(x)`, `index(x)` and `count(x)` called on a list (or `index`/`count` on a tuple) inside a loop or ' +
    'comprehension, when the list is not rebuilt on each iteration.',
  whySlow:
    'Each of these methods walks the list comparing elements: `index` and `remove` until the first match, `count` ' +
    'always to the end, and `remove` then shifts the tail. Called once per iteration of a loop over N items on a ' +
    'list of M items, the loop is O(N·M). A `Counter`, a `{item: index}` dict or a set built once answers each ' +
    'question in O(1), making it O(N + M).',
  example:
    'def frequencies(text):\n    words = text.split()\n    return {w: words.count(w) for w in words}\n',
  useInstead:
    'from collections import Counter\n\n\ndef frequencies(text):\n    return dict(Counter(text.split()))\n',
  evidence:
    'Measured with `python3 -m timeit` (CPython 3.11, this machine) on 5,000 words with 500 distinct: ' +
    '`{w: words.count(w) for w in words}` takes 208 ms, `Counter(words)` 0.22 ms.',
  knownLimits:
    'The receiver must be known to be a list or tuple (`str.index`/`str.count` search substrings and are not ' +
    'flagged). Lists that stay short make the cost negligible; the rule cannot know the length, except for ' +
    'names bound to a literal of fewer than 16 elements that is never grown, which are skipped.',
  message: (d) => `\`${d.container}.${d.method}()\` searches the whole ${d.kind} on every iteration: O(N·M)`,
  fixTitle: (d) => ADVICE[d.method],
  create(ctx) {
    return {
      [CALL_KEY]: (node: Call) => {
        const func = node.func;
        if (func._type !== 'Attribute') return;
        const method = func.attr;
        if (method !== 'remove' && method !== 'index' && method !== 'count') return;
        if (node.args.length < 1 || node.args[0]!._type === 'Starred') return;
        const semantic = ctx.semantic;
        const loop = repeatingLoop(semantic, node);
        if (!loop) return;
        const receiver = func.value;
        const shape = semantic.shapeOf(receiver);
        const kind = shape.kind;
        if (kind !== 'list' && !(kind === 'tuple' && method !== 'remove')) return;
        // a small fixed table (`OPEN = ["(", "["]`, never grown) cannot grow with the input
        if (shape.length !== undefined && shape.length < FIXED_SIZE_LIMIT) return;
        const ref = semantic.containerRef(receiver);
        if (!ref || semantic.isReboundIn(ref, loop)) return; // a fresh (per-item) list each iteration
        if (receiver._type === 'Attribute' && !semantic.isLoopInvariant(receiver.value, loop)) return;
        ctx.report(node, { method, container: semantic.describe(receiver), kind });
      },
    };
  },
});
