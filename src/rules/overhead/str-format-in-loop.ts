// HS510: `'...'.format(...)` or `'...' % (...)` building a string in a hot inner loop, where an
// f-string compiles to dedicated formatting instructions instead of a method call.
import type { BinOp, Call, Node, expr } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { callKey, defineRule } from '../types.js';
import { hotInnerLoop, runsEveryIteration, shorten } from './helpers.js';

interface Data {
  style: 'format' | 'percent';
  /** The template as written, shortened. */
  template: string;
}

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['format'], { inLoop: true });

export default defineRule<Data>({
  code: 'HS510',
  name: 'str-format-in-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds a string literal formatted with `.format(...)` inside the innermost loop of a function, where an ' +
    'f-string would do the same work; and `%` formatting of a literal too when the code targets a Python older ' +
    'than 3.11 (on 3.11+ `%` is within 8% of an f-string, measured).',
  whySlow:
    '`str.format` is a method call that parses the template at run time on every call; `%` parses its template ' +
    'too. An f-string is parsed once at compile time into `FORMAT_VALUE`/`BUILD_STRING` instructions. Per call the ' +
    'difference is constant, O(N) over N iterations, and only visible in hot loops.',
  example:
    'def labels(points):\n    out = []\n    for x, y in points:\n        out.append("({}, {})".format(x, y))\n    return out\n',
  useInstead: 'def labels(points):\n    out = []\n    for x, y in points:\n        out.append(f"({x}, {y})")\n    return out\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60, 1,000 calls; script ' +
    'in docs/precision.md): `"{} {}".format(a, b)` vs `f"{a} {b}"`: 109.02 µs vs 55.67 µs on CPython 3.11.7 ' +
    '(53 ns per call, 2×) and 106.51 µs vs 57.74 µs on 3.10.13; `"%s %s" % (a, b)` vs the f-string: 60.17 µs vs ' +
    '55.57 µs on 3.11 (4.6 ns, negligible) but 82.08 µs vs 59.50 µs on 3.10 (22.6 ns).',
  knownLimits:
    'Templates taken from elsewhere (translations, configuration) cannot become f-strings and are never flagged: ' +
    'only literal templates are. `%` with a single non-tuple operand is only flagged when the template has exactly ' +
    'one conversion (otherwise the operand may be a tuple or a mapping). Bytes formatting is not flagged, nor ' +
    'formatting in an `except` handler, a `raise` or an `assert` message (the error path), nor in a branch of an ' +
    '`if` inside the loop (some iterations only).',
  alsoKnownAs: ['UP031', 'UP032'],
  message: (d) =>
    d.style === 'format'
      ? `\`${d.template}.format(...)\` parses its template on every iteration; an f-string is compiled once`
      : `\`${d.template} % ...\` parses its template on every iteration; an f-string is compiled once`,
  fixTitle: () => 'Use an f-string',
  create(ctx) {
    const onFormat = (node: Call): void => {
      const func = node.func;
      if (func._type !== 'Attribute' || func.attr !== 'format' || !isStr(func.value)) return;
      if (node.args.some((a) => a._type === 'Starred') || node.keywords.some((k) => k.arg === null)) return;
      const loop = hotInnerLoop(ctx.semantic, node);
      if (!loop || !runsEveryIteration(ctx.semantic, node, loop) || onErrorPath(ctx.semantic, node)) return;
      ctx.report(node, { style: 'format', template: shorten(ctx.textOf(func.value)) });
    };
    // measured: `%` formatting costs 4.6 ns per call on 3.11, not worth a finding there
    if (ctx.targetVersion.minor >= 11) return { [CALL_KEY]: onFormat };
    return {
      [CALL_KEY]: onFormat,
      'BinOp:inLoop'(node: BinOp) {
        if (node.op._type !== 'Mod' || !isStr(node.left)) return;
        const template = (node.left as { value: string }).value;
        if (template.includes('%(')) return; // mapping-style: the operand is a dict
        if (!simpleOperand(node.right, template)) return;
        const loop = hotInnerLoop(ctx.semantic, node);
        if (!loop || !runsEveryIteration(ctx.semantic, node, loop) || onErrorPath(ctx.semantic, node)) return;
        ctx.report(node, { style: 'percent', template: shorten(ctx.textOf(node.left)) });
      },
    };
  },
});

function isStr(node: expr): boolean {
  return node._type === 'Constant' && typeof node.value === 'string';
}

/** A tuple literal, or a single scalar operand when the template has exactly one conversion. */
function simpleOperand(right: expr, template: string): boolean {
  if (right._type === 'Tuple') return !right.elts.some((e) => e._type === 'Starred');
  const conversions = template.replace(/%%/g, '').match(/%/g)?.length ?? 0;
  if (conversions !== 1) return false;
  return right._type === 'Constant' || right._type === 'Name' || right._type === 'Attribute' || right._type === 'Subscript' || right._type === 'BinOp';
}

/** In an `except` handler, a `raise` or an `assert` message: runs once, on the way out, never per iteration in steady state. */
function onErrorPath(semantic: SemanticModel, node: Node): boolean {
  for (let p = semantic.parentOf(node); p; p = semantic.parentOf(p)) {
    if (p._type === 'ExceptHandler' || p._type === 'Raise' || p._type === 'Assert') return true;
    if (p._type === 'For' || p._type === 'While' || p._type === 'FunctionDef' || p._type === 'AsyncFunctionDef') return false;
  }
  return false;
}
