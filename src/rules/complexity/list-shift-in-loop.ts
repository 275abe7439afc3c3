// HS103: `lst.pop(0)`, `lst.insert(0, x)`, `del lst[0]` (or any index that is not the end) on a list
// inside a loop: each call shifts every element after the index.
import type { Call, Delete, expr } from '../../parse/ast.js';
import { callKey, defineRule, type RuleContext } from '../types.js';
import { constantInt, repeatingLoop } from './helpers.js';

interface Data {
  /** `queue.pop(0)`, `items.insert(0, …)`, `del buf[0]`, `del buf[:n]`. */
  operation: string;
  container: string;
  /** The operation is at the front (index 0): a deque is the direct replacement. */
  front: boolean;
}

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['pop', 'insert'], { inLoop: true });

export default defineRule<Data>({
  code: 'HS103',
  complexity: { before: 'O(N²)', after: 'O(N)' },
  name: 'list-shift-in-loop',
  family: 'complexity',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `pop(i)`, `insert(i, x)`, `del lst[i]` and `del lst[:n]` on a list inside a loop, where `i` is a ' +
    'constant index that is not the end (`pop(0)`, `insert(0, x)` above all).',
  whySlow:
    'A list is an array: removing or inserting at index i moves the N−i elements after it, O(N) per call. Doing it ' +
    'once per iteration makes the loop O(N²); draining a list from the front with `pop(0)` is the textbook case. ' +
    '`collections.deque` pops and appends at both ends in O(1), so the loop becomes O(N).',
  example:
    'def drain(tasks):\n    done = []\n    queue = list(tasks)\n    while queue:\n        done.append(queue.pop(0))\n    return done\n',
  useInstead:
    'from collections import deque\n\n\ndef drain(tasks):\n    done = []\n    queue = deque(tasks)\n    while queue:\n        done.append(queue.popleft())\n    return done\n',
  evidence:
    'Measured with `python3 -m timeit` (CPython 3.11, this machine): draining 100,000 items with `list.pop(0)` takes ' +
    '316 ms, with `deque.popleft()` 2.4 ms (~130× faster); at 10,000 items 3.7 ms vs 0.12 ms (~30×).',
  knownLimits:
    'Only constant indexes are judged (`pop(i)` with a variable index is not flagged, since it may be the end). ' +
    'The receiver must be known to be a list: parameters without annotations are not flagged. Short lists make the ' +
    'cost negligible; the rule cannot know the length.',
  message: (d) =>
    d.front
      ? `\`${d.operation}\` inside a loop moves every element of \`${d.container}\` each time: O(N²) overall`
      : `\`${d.operation}\` inside a loop moves the tail of \`${d.container}\` each time: O(N²) overall`,
  fixTitle: (d) => (d.front ? `Use \`collections.deque\` for \`${d.container}\` (\`popleft\`/\`appendleft\`)` : 'Build a new list instead of shifting in place'),
  create(ctx) {
    return {
      [CALL_KEY]: (node: Call) => {
        const func = node.func;
        if (func._type !== 'Attribute' || (func.attr !== 'pop' && func.attr !== 'insert')) return;
        const index = node.args[0];
        if (!index || node.keywords.length > 0) return;
        if (func.attr === 'pop' ? node.args.length !== 1 : node.args.length !== 2) return;
        const at = constantInt(index);
        if (at === undefined || at < 0) return; // negative indexes are at (or next to) the end: cheap
        if (!isListInLoop(ctx, func.value, node)) return;
        const container = ctx.semantic.describe(func.value);
        const operation = func.attr === 'pop' ? `${container}.pop(${at})` : `${container}.insert(${at}, …)`;
        ctx.report(node, { operation, container, front: at === 0 });
      },
      'Delete:inLoop'(node: Delete) {
        for (const target of node.targets) {
          if (target._type !== 'Subscript') continue;
          const slice = target.slice;
          let operation: string;
          let front: boolean;
          if (slice._type === 'Slice') {
            // `del buf[:n]`: drops a prefix, moving everything after it
            const lower = slice.lower ? constantInt(slice.lower) : 0;
            if (lower !== 0 || !slice.upper || slice.step) continue;
            operation = `del ${ctx.semantic.describe(target.value)}[:…]`;
            front = true;
          } else {
            const at = constantInt(slice);
            if (at === undefined || at < 0) continue;
            operation = `del ${ctx.semantic.describe(target.value)}[${at}]`;
            front = at === 0;
          }
          if (!isListInLoop(ctx, target.value, node)) continue;
          ctx.report(target, { operation, container: ctx.semantic.describe(target.value), front });
        }
      },
    };
  },
});

/** A list that lives across the iterations of a repeating loop (not a fresh list per iteration). */
function isListInLoop(ctx: RuleContext<Data>, receiver: expr, site: Call | Delete): boolean {
  const semantic = ctx.semantic;
  const loop = repeatingLoop(semantic, site);
  if (!loop || semantic.shapeOf(receiver).kind !== 'list') return false;
  const ref = semantic.containerRef(receiver);
  if (!ref || semantic.isReboundIn(ref, loop)) return false;
  return receiver._type !== 'Attribute' || semantic.isLoopInvariant(receiver.value, loop);
}
