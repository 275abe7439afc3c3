// HS204: a list comprehension built only to be consumed once (`for x in [...]`, `sum([...])`,
// `any([...])`, `max([...])`): the whole list exists in memory for nothing.
import type { Call, comprehension, expr, For, ListComp, Node } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { Edit, Fix } from '../../fix/fix.js';
import { callKey, defineRule, type RuleContext } from '../types.js';

interface Data {
  /** `for`, or the builtin consuming the list. */
  consumer: 'for' | 'sum' | 'any' | 'all' | 'min' | 'max';
}

const REDUCER_NAMES = ['sum', 'any', 'all', 'min', 'max'] as const;
const REDUCERS: ReadonlySet<string> = new Set(REDUCER_NAMES);

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(REDUCER_NAMES);

export default defineRule<Data>({
  code: 'HS204',
  name: 'list-comprehension-consumed-once',
  family: 'memory',
  severity: 'low',
  fix: 'always',
  fixSafety:
    'For `sum`/`min`/`max` the fix (dropping the brackets, or turning them into parentheses) is safe: the same items ' +
    'are produced in the same order and all consumed. For `any`/`all` it is unsafe: the generator stops at the ' +
    'first decisive item, so side effects of the later items no longer happen. For a `for` loop it is unsafe: the ' +
    'items are computed while the loop runs, so a body that changes what the comprehension reads sees different items.',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds a list comprehension that is only iterated once: the iterable of a `for` loop or comprehension, or the ' +
    'only iterable argument of `sum`, `any`, `all`, `min` or `max`. `"".join([...])` and `sorted([...])` are not ' +
    'flagged: they build a sequence internally anyway, and `str.join` is faster with a list.',
  whySlow:
    'The list holds all N results at once: O(N) memory where a generator expression needs O(1), and the items are ' +
    'only processed after the last one is built. For `any`/`all` it is worse: the list computes every item even ' +
    'when the first one decides the answer, O(N) work instead of stopping early.',
  example: 'def has_admin(users):\n    return any([u.role == "admin" for u in users])\n',
  useInstead: 'def has_admin(users):\n    return any(u.role == "admin" for u in users)\n',
  evidence:
    'PEP 289 (generator expressions) introduces them for exactly this case: "sum(x*x for x in range(10))" without ' +
    'building the list; `str.join` converts its argument to a sequence first (CPython `PyUnicode_Join` calls ' +
    '`PySequence_Fast`), so a list comprehension is the faster argument there.',
  knownLimits:
    'When not to: for short lists a list comprehension is slightly faster to iterate than a generator, so outside ' +
    'hot code or large inputs this is about memory only. A `for` loop over a comprehension whose source the body ' +
    'uses (the copy-before-mutating idiom `for k in [k for k in d if …]: del d[k]`) is not flagged.',
  alsoKnownAs: ['C419'],
  message: (d) =>
    d.consumer === 'for'
      ? 'a list comprehension is built only to be iterated once; a generator expression (or a plain loop) avoids holding every item'
      : d.consumer === 'any' || d.consumer === 'all'
        ? `\`${d.consumer}([...])\` builds the whole list and so cannot stop at the first decisive item; pass a generator expression`
        : `\`${d.consumer}([...])\` builds a list only to consume it once; pass a generator expression`,
  fixTitle: () => 'Use a generator expression',
  create(ctx) {
    const checkLoop = (loop: For | comprehension): void => {
      const iter = loop.iter;
      if (iter._type !== 'ListComp' || sourceUsedInLoop(ctx.semantic, iter, loop)) return;
      ctx.report(iter, { consumer: 'for' }, buildFix(ctx, iter, true, false));
    };
    return {
      For: checkLoop,
      comprehension: checkLoop,
      [CALL_KEY]: (node: Call) => {
        const f = node.func;
        if (f._type !== 'Name' || !REDUCERS.has(f.id)) return;
        const arg = node.args[0];
        if (arg?._type !== 'ListComp') return;
        // min/max/sum with more positional arguments compare/add those too; only keywords (key=, default=, start=) are fine
        const extra = f.id === 'sum' ? node.args.length > 2 : node.args.length > 1;
        if (extra || !ctx.semantic.isBuiltin(f, f.id)) return;
        const consumer = f.id as Data['consumer'];
        // `sum(x for x in y)` needs no own parentheses only as the sole argument without a trailing comma
        const after = ctx.source.slice(ctx.offsetAt(arg.end_lineno, arg.end_col_offset)).trimStart();
        const sole = node.args.length === 1 && node.keywords.length === 0 && after.startsWith(')');
        ctx.report(arg, { consumer }, buildFix(ctx, arg, !sole, consumer !== 'any' && consumer !== 'all'));
      },
    };
  },
});

/**
 * Does the loop's repeated part use a name the comprehension iterates over? Then the list is a
 * deliberate snapshot (`for k in [k for k in d]: del d[k]`). Names bound at module level are
 * also treated as used when the loop calls anything, since a call may change them.
 */
function sourceUsedInLoop(semantic: SemanticModel, comp: ListComp, loop: For | comprehension): boolean {
  const roots = new Set<unknown>();
  let unresolved = false;
  for (const gen of comp.generators) {
    for (const name of namesIn(gen.iter)) {
      const b = semantic.resolveName(name);
      if (b) roots.add(b);
      else unresolved = true;
    }
  }
  const body: Node[] = loop._type === 'comprehension' ? [semantic.parentOf(loop)!] : [...loop.body, ...loop.orelse];
  let used = false;
  for (const part of body) {
    visit(part, (n) => {
      if (used || n === comp) return false;
      if (n._type === 'Name') {
        const b = semantic.resolveName(n);
        if (b && roots.has(b)) used = true;
      }
      if (n._type === 'Call' && (unresolved || [...roots].some((b) => (b as { scope: { kind: string } }).scope.kind !== 'function'))) used = true;
      return true;
    });
  }
  return used;
}

function namesIn(node: expr): Array<expr & { _type: 'Name' }> {
  const out: Array<expr & { _type: 'Name' }> = [];
  visit(node, (n) => {
    if (n._type === 'Name') out.push(n);
    return true;
  });
  return out;
}

/** Pre-order walk; `enter` returns false to skip a subtree. */
function visit(node: Node, enter: (n: Node) => boolean): void {
  if (!enter(node)) return;
  for (const value of Object.values(node)) {
    if (value === null || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Node)._type === 'string') visit(child as Node, enter);
    }
  }
}

/** `[...]` → `(...)` (keepParens) or `...` (the sole argument of a call). */
function buildFix(ctx: RuleContext<Data>, comp: ListComp, keepParens: boolean, safe: boolean): Fix | null {
  const start = ctx.offsetAt(comp.lineno, comp.col_offset);
  const end = ctx.offsetAt(comp.end_lineno, comp.end_col_offset);
  if (ctx.source[start] !== '[' || ctx.source[end - 1] !== ']') return null;
  const edits = keepParens
    ? [Edit.replace(start, start + 1, '('), Edit.replace(end - 1, end, ')')]
    : [Edit.delete(start, start + 1), Edit.delete(end - 1, end)];
  return safe ? Fix.safe('Use a generator expression', edits) : Fix.unsafe('Use a generator expression', edits);
}
