// HS108: `sorted(x)[0]` / `sorted(x)[-1]`: a whole sort (and a new list) to read one end.
import type { Call, expr, keyword, Subscript } from '../../parse/ast.js';
import { Edit, Fix } from '../../fix/fix.js';
import { defineRule, type RuleContext } from '../types.js';

interface Data {
  /** `min` or `max`. */
  replacement: 'min' | 'max';
  /** `sorted(...)[0]` as written, shortened. */
  original: string;
}

export default defineRule<Data>({
  code: 'HS108',
  complexity: { before: 'O(N log N)', after: 'O(N)' },
  name: 'sorted-then-indexed',
  family: 'complexity',
  severity: 'medium',
  fix: 'always',
  fixSafety:
    'The fix is unsafe: on an empty iterable `min`/`max` raise `ValueError` where indexing raised `IndexError`, and ' +
    '`sorted(x)[-1]` returns the last of several equal largest items where `max(x)` returns the first, which ' +
    'matters when equal items are distinguishable (for example with `key=`). When a comment sits inside the ' +
    'call, the fix would drop it, so it is only displayed, never applied.',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes: 'Finds a call to `sorted(...)` whose result is only indexed at `[0]` or `[-1]` to get the smallest or largest item.',
  whySlow:
    'Sorting costs O(N log N) time and builds a new list of N items, only to read one of them. `min` and `max` ' +
    'make one pass in O(N) time and O(1) extra memory, and accept the same `key=` argument.',
  example: 'def cheapest(offers):\n    return sorted(offers, key=lambda o: o.price)[0]\n',
  useInstead: 'def cheapest(offers):\n    return min(offers, key=lambda o: o.price)\n',
  evidence:
    'Python documents `sorted` as a full Timsort (O(N log N) comparisons in general) that returns a new list; ' +
    '`min`/`max` are a single O(N) scan (https://docs.python.org/3/library/functions.html#min).',
  knownLimits:
    'Only the literal indexes `0` and `-1` are recognised; `sorted(x)[:k]` (use `heapq.nsmallest`) is not flagged. ' +
    'A `reverse=` argument that is not the constant `True`/`False` keeps the rule silent.',
  alsoKnownAs: ['FURB192'],
  message: (d) => `\`${d.original}\` sorts everything to read one item; \`${d.replacement}()\` is a single O(N) pass`,
  fixTitle: (d) => `Replace with \`${d.replacement}(...)\``,
  create(ctx) {
    return {
      Subscript(node) {
        const call = node.value;
        if (call._type !== 'Call' || call.func._type !== 'Name' || call.func.id !== 'sorted') return;
        const end = indexedEnd(node.slice);
        if (end === undefined || call.args.length !== 1 || call.args[0]!._type === 'Starred') return;
        const reverse = reverseFlag(call.keywords);
        if (reverse === undefined || !ctx.semantic.isBuiltin(call.func, 'sorted')) return;
        // [0] of an ascending sort is the minimum; reversing the sort or the end flips it.
        const replacement = (end === 'first') !== reverse ? 'min' : 'max';
        const original = ctx.textOf(node);
        const shown = original.includes('\n') ? `sorted(...)${end === 'first' ? '[0]' : '[-1]'}` : shorten(original);
        ctx.report(node, { replacement, original: shown }, buildFix(ctx, node, call, replacement));
      },
    };
  },
});

/** `first` for `[0]`, `last` for `[-1]`, otherwise undefined. */
function indexedEnd(slice: expr): 'first' | 'last' | undefined {
  if (slice._type === 'Constant' && slice.value === 0 && typeof slice.value === 'number') return 'first';
  if (
    slice._type === 'UnaryOp' &&
    slice.op._type === 'USub' &&
    slice.operand._type === 'Constant' &&
    slice.operand.value === 1
  )
    return 'last';
  return undefined;
}

/** The constant value of `reverse=`; false when absent; undefined when unknown or other keywords appear. */
function reverseFlag(keywords: keyword[]): boolean | undefined {
  let reverse = false;
  for (const kw of keywords) {
    if (kw.arg === 'key') continue;
    if (kw.arg !== 'reverse' || kw.value._type !== 'Constant' || typeof kw.value.value !== 'boolean') return undefined;
    reverse = kw.value.value;
  }
  return reverse;
}

/** `min(<args of sorted, without reverse=>)`, keeping the argument text as written. */
function buildFix(ctx: RuleContext<Data>, node: Subscript, call: Call, replacement: 'min' | 'max'): Fix {
  const parts = [ctx.textOf(call.args[0]!), ...call.keywords.filter((k) => k.arg === 'key').map((k) => ctx.textOf(k))];
  const start = ctx.offsetAt(node.lineno, node.col_offset);
  const end = ctx.offsetAt(node.end_lineno, node.end_col_offset);
  const edit = Edit.replace(start, end, `${replacement}(${parts.join(', ')})`);
  const title = `Replace with \`${replacement}(...)\``;
  // Comments inside the call would be lost: show the fix, never apply it.
  const hasComment = ctx.comments.some(
    (c) =>
      (c.lineno > node.lineno || (c.lineno === node.lineno && c.col_offset >= node.col_offset)) &&
      (c.lineno < node.end_lineno || (c.lineno === node.end_lineno && c.col_offset < node.end_col_offset)),
  );
  return hasComment ? Fix.displayOnly(title, [edit]) : Fix.unsafe(title, [edit]);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= 60 ? oneLine : `${oneLine.slice(0, 57)}...`;
}
