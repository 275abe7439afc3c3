// HS509: `copy.deepcopy(...)` inside a loop: a full recursive walk and copy of an object graph,
// with memo bookkeeping, on every iteration.
import type { Call, Node } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop, shorten } from './helpers.js';

interface Data {
  /** The copied expression, shortened. */
  argument: string;
  /** The same object is copied on every iteration (a template). */
  invariant: boolean;
}

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['deepcopy'], { inLoop: true });

export default defineRule<Data>({
  code: 'HS509',
  name: 'deepcopy-in-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `copy.deepcopy(x)` (or `deepcopy` imported from `copy`) called inside a loop or comprehension on the same ' +
    'object `x` on every iteration: a template or default structure copied again and again.',
  whySlow:
    '`deepcopy` is written in Python: for every object it visits it consults a memo dict, dispatches on the type ' +
    'and rebuilds it, so one call on an object graph of K nodes costs O(K) interpreted steps, O(N·K) over the ' +
    'loop. A copy written for the data\'s known shape (`dict(d)`, `[row[:] for row in grid]`, a dataclass ' +
    '`replace`), or copying the template once, is usually an order of magnitude cheaper.',
  example:
    'import copy\n\nTEMPLATE = {"name": "", "tags": [], "meta": {}}\n\n\ndef make_records(names):\n    out = []\n' +
    '    for n in names:\n        rec = copy.deepcopy(TEMPLATE)\n        rec["name"] = n\n        out.append(rec)\n    return out\n',
  useInstead:
    'def make_records(names):\n    return [{"name": n, "tags": [], "meta": {}} for n in names]\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60; script in ' +
    'docs/precision.md): `copy.deepcopy` of a 3-key dict holding a list and a dict vs rebuilding it with ' +
    '`list()`/`dict()`: 2.51 µs vs 0.18 µs per copy on CPython 3.11.7 (14×), 3.26 µs vs 0.14 µs on 3.10.13.',
  knownLimits:
    'Deep copies of each item of a collection (`[deepcopy(x) for x in xs]`), calls with a `memo` (inside ' +
    '`__deepcopy__`), and calls inside functions whose name says they copy are not flagged: there the deep copy is ' +
    'usually the required semantics. Copies under an `if` inside the loop (a snapshot of the best state so far, a ' +
    'first-time guard) are skipped too. A template that really must be deep-copied (arbitrary nested user data) is ' +
    'still reported; the rule only points at the cost in code a profile shows hot.',
  alsoKnownAs: [],
  message: (d) =>
    d.invariant
      ? `\`deepcopy(${d.argument})\` copies the same object graph again on every iteration`
      : `\`deepcopy(${d.argument})\` walks a whole object graph in Python on every iteration`,
  fixTitle: (d) => (d.invariant ? 'Build fresh objects directly, or copy only the mutable parts' : 'Copy only what the loop mutates, with a shape-specific copy'),
  create(ctx) {
    // `copy.deepcopy` is only ever named through an import of `copy`
    if (!ctx.moduleFacts.importedModules.has('copy')) return {};
    return {
      [CALL_KEY]: (node: Call) => {
        if (node.args.length < 1) return;
        const func = node.func;
        if (func._type !== 'Name' && func._type !== 'Attribute') return;
        if (func._type === 'Name' ? func.id !== 'deepcopy' : func.attr !== 'deepcopy') return;
        if (ctx.semantic.qualifiedName(func) !== 'copy.deepcopy') return;
        if (node.args.length > 1 || node.keywords.length > 0) return; // a `memo`: part of a __deepcopy__ implementation
        const loop = repeatingLoop(ctx.semantic, node);
        if (!loop) return;
        const fn = ctx.semantic.enclosingFunction(node);
        if (fn && fn._type !== 'Lambda' && /copy/i.test(fn.name)) return; // a copy routine: deep copying is its job
        const arg = node.args[0]!;
        // Only the same object copied again and again (a template) is flagged: copying each item of a collection
        // is usually the required semantics (corpus review, docs/precision.md HS509).
        if (!ctx.semantic.isLoopInvariant(arg, loop)) return;
        // under an `if` inside the loop it is a snapshot on improvement or a first-time guard, not a per-iteration template
        if (underConditional(ctx.semantic, node, loop.node)) return;
        ctx.report(node, { argument: shorten(ctx.textOf(arg)), invariant: true });
      },
    };
  },
});

function underConditional(semantic: SemanticModel, node: Node, loopNode: Node): boolean {
  for (let p = semantic.parentOf(node); p && p !== loopNode; p = semantic.parentOf(p)) {
    if (p._type === 'If' || p._type === 'IfExp') return true;
  }
  return false;
}
