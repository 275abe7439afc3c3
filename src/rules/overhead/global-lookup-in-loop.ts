// HS505: globals and builtins read in the innermost loop of a function that also assigns a module
// global on every iteration, on Pythons before 3.11: each store invalidates the global-lookup
// cache, so every global read falls back to two dict probes.
import type { Name, Node } from '../../parse/ast.js';
import type { Loop, SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { hotInnerLoop, repeatedPart, walkLocal } from './helpers.js';

interface Data {
  /** The globals/builtins read in the loop, in order of first use. */
  names: string[];
  /** The module global the loop assigns. */
  stored: string;
  target: string;
}

export default defineRule<Data>({
  code: 'HS505',
  name: 'global-lookup-in-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  docsTargetVersion: { major: 3, minor: 10 },
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds builtins and module-level names read in the innermost loop of a function that assigns a module global ' +
    '(declared `global`) in the same loop, when the code targets a Python older than 3.11. Silent otherwise.',
  whySlow:
    'Since 3.8, CPython caches `LOAD_GLOBAL` results per instruction, keyed on the version of the module dict; an ' +
    'assignment to any global bumps that version. A loop that stores a global on every iteration therefore turns ' +
    'every global and builtin read in it back into a module-dict plus builtins-dict probe: a constant cost per ' +
    'read, O(N·K) for N iterations and K reads. Keeping the running value in a local (and storing it once after ' +
    'the loop), or aliasing the globals to locals, restores the cache. CPython 3.11\'s specialising interpreter ' +
    'keys its cache on the dict\'s keys, which a value store does not change, so the cost is gone there.',
  example:
    'count = 0\n\n\ndef tally(words):\n    global count\n    for w in words:\n        count += len(w)\n',
  useInstead:
    'count = 0\n\n\ndef tally(words):\n    global count\n    total = count\n    for w in words:\n        total += len(w)\n    count = total\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60; script in ' +
    'docs/precision.md), two `len(x)` reads per iteration vs local aliases: with no global store the difference is ' +
    '-0.6/+0.2/+1.3 ns per read on CPython 3.8.18/3.10.13/3.11.7 (the cache works, so the classic "local alias" ' +
    'advice no longer pays anywhere hotspy supports); when the loop also assigns a global it is +7.8 ns (3.8) and ' +
    '+6.4 ns (3.10) per read, and +0.8 ns on 3.11. The rule fires only in that measured case.',
  knownLimits:
    'Global stores through `globals()[…]` or a module object (`mod.x = …`) also invalidate the cache and are not ' +
    'recognised. Only loops without nested loops, inside functions, are checked, and only stores that run on every ' +
    'iteration (statements of the loop body itself, not under an `if`, `try` or `except`).',
  alsoKnownAs: [],
  message: (d) =>
    `assigning global \`${d.stored}\` every iteration defeats the global-lookup cache for ${d.names.map((n) => `\`${n}\``).join(', ')} (Python ${d.target})`,
  fixTitle: (d) => `Accumulate \`${d.stored}\` in a local and store it once after the loop`,
  create(ctx) {
    const version = ctx.targetVersion;
    if (version.minor >= 11) return {};
    const target = `${version.major}.${version.minor}`;
    const done = new Set<Loop>();
    return {
      Global(node) {
        // the function declares a global; look at its hot loops
        const fn = ctx.semantic.enclosingFunction(node);
        if (!fn || fn._type === 'Lambda') return;
        const declared = new Set(node.names);
        for (const s of fn.body) {
          walkLocal(s, (n) => {
            if (n._type !== 'Name' || n.ctx._type !== 'Store' || !declared.has(n.id)) return;
            const loop = hotInnerLoop(ctx.semantic, n);
            if (!loop || done.has(loop)) return;
            // only a store on every iteration: a statement of the loop body itself, not under an if/try
            const statement = ctx.semantic.enclosingStatement(n);
            if (loop.kind === 'comprehension' || !statement || !(loop.node as { body: Node[] }).body.includes(statement)) return;
            done.add(loop);
            const names = globalReads(ctx.semantic, loop);
            if (names.length > 0) ctx.report(n, { names, stored: n.id, target });
          });
        }
      },
    };
  },
});

/** Builtins and module-level names read in one pass of the loop body, in order of first use. */
function globalReads(semantic: SemanticModel, loop: Loop): string[] {
  const names: string[] = [];
  for (const part of repeatedPart(loop)) {
    walkLocal(part, (n) => {
      if (n._type !== 'Name' || n.ctx._type !== 'Load' || names.includes(n.id)) return;
      const binding = semantic.resolveName(n as Name);
      if (binding ? binding.scope.kind === 'module' : semantic.qualifiedName(n as Name) === `builtins.${n.id}`) names.push(n.id);
    });
  }
  return names;
}
