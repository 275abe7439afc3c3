// HS503: `try`/`except` directly in the body of a tight loop, on Pythons before 3.11, where
// entering a `try` block costs a block-stack setup on every iteration.
import type { Try, TryStar, stmt } from '../../parse/ast.js';
import { defineRule } from '../types.js';
import type { SemanticModel } from '../../semantic/index.js';
import { hotInnerLoop, walkStatements } from './helpers.js';

interface Data {
  /** The oldest Python the code targets, e.g. `3.10`. */
  target: string;
}

export default defineRule<Data>({
  code: 'HS503',
  name: 'try-except-in-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  docsTargetVersion: { major: 3, minor: 10 },
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds a `try`/`except` statement directly in the body of an innermost loop of a function, guarding a cheap body ' +
    '(at most two statements, no calls other than builtins: `x = s[i]`, `item = next(it)`), when the code must run ' +
    'on a Python older than 3.11 (`--target-version` / `target-version` below 3.11). Silent for 3.11 and later.',
  whySlow:
    'Before 3.11, CPython pushed a block on its block stack (`SETUP_FINALLY`) and popped it on every entry to a ' +
    '`try`: a constant cost per iteration, O(N) over the loop, even when nothing is raised. CPython 3.11 made ' +
    'exceptions "zero-cost": a `try` that does not raise costs nothing, so on 3.11+ there is nothing to gain.',
  example:
    'def total(tokens):\n    s = 0\n    for tok in tokens:\n        try:\n            s += int(tok)\n' +
    '        except ValueError:\n            pass\n    return s\n',
  useInstead:
    'def total(tokens):\n    s = 0\n    for tok in tokens:\n        if tok.lstrip("-").isdigit():\n' +
    '            s += int(tok)\n    return s\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60) over 1,000 ' +
    'iterations of `y = x + 1`: a `try` inside the loop vs around it costs 16.46 µs vs 14.09 µs on CPython 3.10.13 ' +
    '(2.4 ns per iteration) and 10.55 µs vs 10.10 µs on 3.11.7 (0.4 ns, noise). ' +
    'https://docs.python.org/3/whatsnew/3.11.html ("Zero-cost exceptions").',
  knownLimits:
    'Moving the `try` outside the loop changes behaviour (the first error ends the loop), so often the right answer ' +
    'is to keep it: the saving is a few nanoseconds per iteration and only matters in very hot loops on old Pythons.',
  alsoKnownAs: ['PERF203'],
  message: (d) => `\`try\`/\`except\` in a tight loop costs a block setup per iteration on Python ${d.target} (free from 3.11)`,
  fixTitle: () => 'Move the `try` around the loop, or check the condition first',
  create(ctx) {
    const v = ctx.targetVersion;
    if (v.minor >= 11) return {};
    const target = `${v.major}.${v.minor}`;
    const check = (node: Try | TryStar): void => {
      if (node.handlers.length === 0) return; // try/finally has no handler cost to speak of
      const loop = ctx.semantic.loopOf(node);
      if (!loop || loop.kind === 'comprehension') return;
      const body: stmt[] = (loop.node as { body: stmt[] }).body;
      if (!body.includes(node)) return; // only a try that is a statement of the loop body itself
      if (hotInnerLoop(ctx.semantic, node) !== loop) return;
      if (!cheapBody(ctx.semantic, node.body)) return; // a few ns of setup are invisible next to real work
      ctx.report(tryKeyword(node), { target });
    };
    return { 'Try:inLoop': check, 'TryStar:inLoop': check };
  },
});

/** Report on the `try` keyword line only, not the whole statement. */
function tryKeyword(node: Try | TryStar) {
  return { lineno: node.lineno, col_offset: node.col_offset, end_lineno: node.lineno, end_col_offset: node.col_offset + 3 };
}

/** Builtins that import, compile, evaluate or do I/O: far more than the setup cost. */
const COSTLY_BUILTINS = new Set(['__import__', 'eval', 'exec', 'compile', 'open', 'print', 'input']);

/** At most two statements and no call other than a builtin: a body cheap enough for the setup to show. */
function cheapBody(semantic: SemanticModel, body: stmt[]): boolean {
  if (body.length > 2) return false;
  let cheap = true;
  walkStatements(body, (n) => {
    if (!cheap) return false;
    if (n._type === 'Call') {
      const q = semantic.qualifiedName(n.func);
      if (!q?.startsWith('builtins.') || COSTLY_BUILTINS.has(q.slice(9))) cheap = false;
    }
    if (n._type === 'Await' || n._type === 'Yield' || n._type === 'YieldFrom') cheap = false;
    if (n._type === 'For' || n._type === 'While' || n._type === 'With' || n._type === 'Try') cheap = false;
    return cheap;
  });
  return cheap;
}
