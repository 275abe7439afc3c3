// HS102: `x in (1, 2, 3)` / `x in ['a', 'b', 'c']`: membership in a list or tuple of constants
// written in place, where a set literal is a single hash lookup.
import type { Compare, List, Tuple } from '../../parse/ast.js';
import { Edit, Fix } from '../../fix/fix.js';
import { defineRule, type RuleContext } from '../types.js';

interface Data {
  kind: 'list' | 'tuple';
  count: number;
}

/** Two-element tests are left alone: the saving (~14 ns) is below anything a profile would show. */
const MIN_ELEMENTS = 3;

export default defineRule<Data>({
  code: 'HS102',
  complexity: { before: 'O(M) per test', after: 'O(1) per test' },
  name: 'membership-in-literal-sequence',
  family: 'complexity',
  severity: 'low',
  fix: 'always',
  fixSafety:
    'The fix is unsafe: a set needs a hashable left operand, so `[1] in (1, 2, 3)` is False but `[1] in {1, 2, 3}` ' +
    'raises TypeError. When the left operand is always a str, int or other hashable value the result is identical.',
  micro: true,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `in` / `not in` tests against a list or tuple literal of three or more constants (`x in ("a", "b", "c")`).',
  whySlow:
    'CPython compares the item with each constant in turn: O(K) per test, about 8 ns an element on a miss. A set ' +
    'literal of constants is compiled into a frozenset constant, so the test is one hash lookup, O(1), whatever K is. ' +
    'The saving per test is small; it matters only in hot code, or for long literals.',
  example: 'def is_keyword(word):\n    return word in ("if", "else", "while", "for")\n',
  useInstead: 'def is_keyword(word):\n    return word in {"if", "else", "while", "for"}\n',
  evidence:
    'Measured with `python3 -m timeit` (CPython 3.11, this machine), a miss against string constants: 3 elements ' +
    '33 ns as a tuple vs 13 ns as a set; 8 elements 79 ns vs 10 ns; 32 elements 242 ns vs 11 ns.',
  knownLimits:
    'Only literals written in place are flagged; a name bound to a long literal inside a loop is HS101. The rule ' +
    'does not know whether the left operand is hashable (see fix safety).',
  alsoKnownAs: ['PLR6201'],
  message: (d) => `Membership test against a ${d.kind} literal of ${d.count} constants scans them one by one`,
  fixTitle: () => 'Use a set literal `{…}`',
  create(ctx) {
    return {
      Compare(node: Compare) {
        for (let i = 0; i < node.ops.length; i++) {
          const op = node.ops[i]!._type;
          if (op !== 'In' && op !== 'NotIn') continue;
          const literal = node.comparators[i]!;
          if (literal._type !== 'List' && literal._type !== 'Tuple') continue;
          if (literal.elts.length < MIN_ELEMENTS || !literal.elts.every(isHashableConstant)) continue;
          const kind = literal._type === 'List' ? 'list' : 'tuple';
          ctx.report(literal, { kind, count: literal.elts.length }, toSetLiteral(ctx, literal));
        }
      },
    };
  },
});

function isHashableConstant(node: import('../../parse/ast.js').expr): boolean {
  if (node._type === 'Constant') return true;
  return node._type === 'UnaryOp' && (node.op._type === 'USub' || node.op._type === 'UAdd') && node.operand._type === 'Constant';
}

/** Swap the brackets (or parentheses) for braces, keeping the elements' text as written. */
function toSetLiteral(ctx: RuleContext<Data>, literal: List | Tuple): Fix | null {
  const start = ctx.offsetAt(literal.lineno, literal.col_offset);
  const end = ctx.offsetAt(literal.end_lineno, literal.end_col_offset);
  const text = ctx.source.slice(start, end);
  const open = text[0];
  const close = text[text.length - 1];
  // A parenthesis-less tuple (`x in 1, 2`) cannot appear as a comparator; anything else unusual: no fix.
  if (!((open === '[' && close === ']') || (open === '(' && close === ')'))) return null;
  return Fix.unsafe('Use a set literal', [Edit.replace(start, start + 1, '{'), Edit.replace(end - 1, end, '}')]);
}
