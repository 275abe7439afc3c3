// HS508: `for i in range(len(x))` where the body uses `i` only to read `x[i]`: an index loop
// standing in for direct iteration.
import type { For, Name, Node, expr } from '../../parse/ast.js';
import type { Loop, SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { dottedName, mayMutateIn, repeatedPart, walkLocal } from './helpers.js';

interface Data {
  /** The sequence as written (`items`, `self.rows`). */
  sequence: string;
  index: string;
}

export default defineRule<Data>({
  code: 'HS508',
  name: 'range-len-index-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `for i in range(len(x)):` loops whose body uses `i` only to read `x[i]` (never to write `x[i]`, compute ' +
    'with `i`, or index anything else), and does not change `x`.',
  whySlow:
    'Every iteration creates an int, then indexes the sequence (`BINARY_SUBSCR`) for each `x[i]`: O(N) extra ' +
    'lookups that iterating `x` directly avoids, since the iterator hands over each item itself.',
  example: 'def total(prices):\n    s = 0\n    for i in range(len(prices)):\n        s += prices[i]\n    return s\n',
  useInstead: 'def total(prices):\n    s = 0\n    for price in prices:\n        s += price\n    return s\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60, 1,000 items; script ' +
    'in docs/precision.md): `for i in range(len(x)): x[i]` vs `for v in x: v`: 11.60 µs vs 4.05 µs on CPython ' +
    '3.11.7 (7.5 ns per item, 2.9×) and 16.80 µs vs 4.84 µs on 3.10.13 (12.0 ns).',
  knownLimits:
    'Objects whose `__getitem__` differs from their iteration (a mapping with integer keys, a lazy sequence) would ' +
    'change meaning; the rule only checks that `i` is used solely as `x[i]`. A variable `i` read after the loop is ' +
    'treated as needed.',
  alsoKnownAs: ['C0200 consider-using-enumerate (pylint)'],
  message: (d) => `\`${d.index}\` is only used to read \`${d.sequence}[${d.index}]\`; iterate \`${d.sequence}\` directly`,
  fixTitle: (d) => `Use \`for item in ${d.sequence}:\``,
  create(ctx) {
    return {
      For(node: For) {
        const iter = node.iter;
        if (node.target._type !== 'Name' || iter._type !== 'Call' || iter.args.length !== 1 || iter.keywords.length > 0) return;
        const lenCall = iter.args[0]!;
        if (lenCall._type !== 'Call' || lenCall.args.length !== 1 || lenCall.keywords.length > 0) return;
        if (!ctx.semantic.isBuiltin(iter.func, 'range') || !ctx.semantic.isBuiltin(lenCall.func, 'len')) return;
        const seq = lenCall.args[0]!;
        const seqText = dottedName(seq);
        if (!seqText || seqText === 'self') return; // `self[i]` is usually inside the class's own `__iter__`
        const loop = ctx.semantic.loopOf(node.body[0]!);
        if (!loop || !onlyIndexes(ctx.semantic, node.target, seq, seqText, loop)) return;
        if (indexUsedAfter(ctx.semantic, node.target, node)) return;
        ctx.report(iter, { sequence: seqText, index: node.target.id });
      },
    };
  },
});

/** Every read of `i` in the loop is `seq[i]` (a load), every mention of `seq` is such a subscript, and `seq` is stable. */
function onlyIndexes(semantic: SemanticModel, index: Name, seq: expr, seqText: string, loop: Loop): boolean {
  const indexBinding = semantic.resolveName(index);
  if (!indexBinding) return false;
  let reads = 0;
  let ok = true;
  for (const part of repeatedPart(loop)) {
    walkLocal(part, (n: Node) => {
      if (!ok) return false;
      if (n._type === 'Name' && n.id === index.id) {
        const parent = semantic.parentOf(n);
        if (n.ctx._type !== 'Load' || !parent || parent._type !== 'Subscript' || parent.slice !== n || dottedName(parent.value) !== seqText || parent.ctx._type !== 'Load') {
          ok = false;
          return false;
        }
        reads++;
      } else if ((n._type === 'Name' || n._type === 'Attribute') && dottedName(n) === seqText) {
        const parent = semantic.parentOf(n);
        if (!parent || parent._type !== 'Subscript' || parent.value !== n || parent.slice._type !== 'Name' || parent.slice.id !== index.id) {
          ok = false;
          return false;
        }
        return false; // do not descend into `self` of `self.rows`
      } else if (n._type === 'Attribute' && n.ctx._type !== 'Load') {
        if (seqText.endsWith(`.${n.attr}`)) ok = false;
      }
      return true;
    });
  }
  if (!ok || reads === 0) return false;
  if (seq._type === 'Name') return !mayMutateIn(semantic, seq, loop) && semantic.isLoopInvariant(seq, loop);
  return semantic.isLoopInvariant(seq, loop);
}

function indexUsedAfter(semantic: SemanticModel, index: Name, node: For): boolean {
  const binding = semantic.resolveName(index);
  if (!binding) return true;
  return semantic.referencesOf(binding).some(
    (r) => r._type === 'Name' && r.ctx._type === 'Load' && (r.lineno > node.end_lineno || (r.lineno === node.end_lineno && r.col_offset >= node.end_col_offset)),
  );
}
