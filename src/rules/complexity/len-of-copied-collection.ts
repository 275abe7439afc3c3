// HS109: `len(list(x))`, `len(tuple(x))`, `len(sorted(x))` where `x` already has a length: a full
// copy (or sort) just to count.
import type { Call, expr } from '../../parse/ast.js';
import { Edit, Fix } from '../../fix/fix.js';
import { callKey, defineRule, type RuleContext } from '../types.js';

interface Data {
  /** `list`, `tuple` or `sorted`. */
  copier: string;
  /** The collection as written (shortened). */
  collection: string;
  /** Its inferred kind, e.g. `dict`. */
  kind: string;
}

const COPIERS = new Set(['list', 'tuple', 'sorted']);
// Shapes whose length `len()` reads in O(1), and equals the length of their list() copy.
const SIZED = new Set(['list', 'tuple', 'set', 'frozenset', 'dict', 'dict-keys', 'str', 'bytes', 'range', 'deque']);
const DICT_VIEWS = new Set(['keys', 'values', 'items']);

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['len']);

export default defineRule<Data>({
  code: 'HS109',
  complexity: { before: 'O(N)', after: 'O(1)' },
  name: 'len-of-copied-collection',
  family: 'complexity',
  severity: 'medium',
  fix: 'always',
  fixSafety:
    'The fix is safe: the collection is one whose `len()` equals the length of its copy (a list, tuple, set, ' +
    'dict, dict view, str, bytes, range or deque, inferred with certainty), and it is evaluated exactly once ' +
    'either way. When a comment sits inside the call, the fix would drop it, so it is only displayed.',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `len(list(x))`, `len(tuple(x))` and `len(sorted(x))` where `x` is already a collection with a length ' +
    '(a list, tuple, set, dict or dict view, str, bytes, range or deque).',
  whySlow:
    '`len()` of a built-in collection is O(1): the size is stored. Copying it first with `list()`/`tuple()` costs ' +
    'O(N) time and O(N) memory, and `sorted()` O(N log N), only to throw the copy away. `len(x)` gives the same number.',
  example: 'def count_users(users_by_id: dict):\n    return len(list(users_by_id.keys()))\n',
  useInstead: 'def count_users(users_by_id: dict):\n    return len(users_by_id)\n',
  evidence:
    'Python documents `len()` of built-in sequences and collections as reading their stored size; CPython\'s ' +
    'TimeComplexity table lists "Get Length" as O(1) for list, set and dict ' +
    '(https://wiki.python.org/moin/TimeComplexity), while `list(x)` copies all N items.',
  knownLimits:
    'Only collections whose kind is inferred with certainty are flagged; `len(list(it))` on an iterator or ' +
    'generator is left alone (there the copy is the only way to count with `len`).',
  message: (d) => `\`len(${d.copier}(${d.collection}))\` copies a ${d.kind} of N items only to count them; its \`len()\` is already O(1)`,
  fixTitle: (d) => `Replace with \`len(${d.collection})\``,
  create(ctx) {
    return {
      [CALL_KEY]: (node: Call) => {
        if (node.func._type !== 'Name' || node.func.id !== 'len' || node.args.length !== 1 || node.keywords.length > 0) return;
        const inner = node.args[0]!;
        if (inner._type !== 'Call' || inner.func._type !== 'Name' || !COPIERS.has(inner.func.id)) return;
        if (inner.args.length !== 1 || inner.args[0]!._type === 'Starred') return;
        const copier = inner.func.id;
        // list()/tuple() take no keywords; sorted() may take key= and reverse=, which do not change the count.
        if (copier !== 'sorted' ? inner.keywords.length > 0 : inner.keywords.some((k) => k.arg !== 'key' && k.arg !== 'reverse')) return;
        const collection = inner.args[0]!;
        const kind = sizedKind(ctx, collection);
        if (kind === undefined) return;
        if (!ctx.semantic.isBuiltin(node.func, 'len') || !ctx.semantic.isBuiltin(inner.func, copier)) return;
        ctx.report(node, { copier, collection: shorten(ctx.textOf(collection)), kind }, buildFix(ctx, node, collection));
      },
    };
  },
});

/** The collection's kind when `len()` of it is certainly O(1) and equal to its copy's length. */
function sizedKind(ctx: RuleContext<Data>, collection: expr): string | undefined {
  if (collection._type === 'Call' && collection.func._type === 'Attribute' && DICT_VIEWS.has(collection.func.attr) && collection.args.length === 0 && collection.keywords.length === 0) {
    return ctx.semantic.shapeOf(collection.func.value).kind === 'dict' ? `dict view` : undefined;
  }
  const kind = ctx.semantic.shapeOf(collection).kind;
  return SIZED.has(kind) ? (kind === 'dict-keys' ? 'dict view' : kind) : undefined;
}

function buildFix(ctx: RuleContext<Data>, node: Call, collection: expr): Fix {
  const edit = Edit.replace(ctx.offsetAt(node.lineno, node.col_offset), ctx.offsetAt(node.end_lineno, node.end_col_offset), `len(${ctx.textOf(collection)})`);
  const title = `Replace with \`len(${shorten(ctx.textOf(collection))})\``;
  const hasComment = ctx.comments.some(
    (c) =>
      (c.lineno > node.lineno || (c.lineno === node.lineno && c.col_offset >= node.col_offset)) &&
      (c.lineno < node.end_lineno || (c.lineno === node.end_lineno && c.col_offset < node.end_col_offset)),
  );
  return hasComment ? Fix.displayOnly(title, [edit]) : Fix.safe(title, [edit]);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= 50 ? oneLine : `${oneLine.slice(0, 47)}...`;
}
