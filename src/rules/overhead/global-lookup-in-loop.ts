// HS505: a module-level function or builtin called repeatedly by name in the innermost loop of a
// function, on Pythons before 3.11, where every global lookup costs two dict probes.
import type { Name } from '../../parse/ast.js';
import type { Loop } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { hotInnerLoop, repeatedPart, walkLocal } from './helpers.js';

interface Data {
  name: string;
  kind: 'builtin' | 'global';
  /** Call sites of the name in the loop body. */
  uses: number;
  target: string;
}

/**
 * The rule's threshold: a name called at least this many times in one pass of the loop body. One
 * call per iteration saves a few nanoseconds at most even before 3.11; several calls of the same
 * global in a tiny body are where the classic `_len = len` alias pays.
 */
const MIN_CALLS_PER_ITERATION = 2;

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
    `Finds a builtin (\`len\`, \`abs\`…) or module-level function called by its global name ${MIN_CALLS_PER_ITERATION} or ` +
    'more times in the body of an innermost loop of a function, when the code targets a Python older than 3.11. ' +
    'Silent for target 3.11 and later.',
  whySlow:
    'Before 3.11, `LOAD_GLOBAL` probes the module dict and then the builtins dict on every execution, where a local ' +
    'is an array slot: a constant cost per lookup, O(N·K) for N iterations and K lookups. The classic remedy is a ' +
    'local alias (`_len = len` before the loop, or a default argument). CPython 3.11\'s specialising interpreter ' +
    'caches global lookups by dict version, which removed almost all of the difference.',
  example:
    'def widths(rows):\n    out = 0\n    for a, b in rows:\n        out += len(a) + len(b)\n    return out\n',
  useInstead:
    'def widths(rows):\n    _len = len\n    out = 0\n    for a, b in rows:\n        out += _len(a) + _len(b)\n    return out\n',
  evidence:
    'Measured on this machine with interleaved `timeit` runs timed by thread CPU time (numbers in docs/precision.md, ' +
    'HS505): `len(x)` vs a local alias, and a module-level function vs a local alias, 1,000 calls, on CPython ' +
    '3.10.13 and 3.11.7. On 3.11 the difference is under 1 ns per call, which is why the rule is silent there.',
  knownLimits:
    `Names called fewer than ${MIN_CALLS_PER_ITERATION} times per pass of the body, loops that contain other loops, and ` +
    'module-level code (where every name is a global anyway) are not flagged. Aliasing a global that is reassigned ' +
    'at run time (monkey-patching) freezes the old value.',
  alsoKnownAs: [],
  message: (d) =>
    `\`${d.name}\` is looked up as a ${d.kind === 'builtin' ? 'builtin' : 'global'} ${d.uses} times per iteration (costly before Python 3.11; target ${d.target})`,
  fixTitle: (d) => `Bind \`${d.name}\` to a local before the loop`,
  create(ctx) {
    const version = ctx.targetVersion;
    if (version.minor >= 11) return {};
    const target = `${version.major}.${version.minor}`;
    const semantic = ctx.semantic;
    const done = new Set<Loop>();
    return {
      Call(node) {
        if (node.func._type !== 'Name') return;
        const loop = hotInnerLoop(semantic, node);
        if (!loop || done.has(loop)) return;
        done.add(loop);
        // count each global/builtin call target in one pass of the loop body
        const calls = new Map<string, { first: Name; uses: number; kind: Data['kind'] }>();
        for (const part of repeatedPart(loop)) {
          walkLocal(part, (n) => {
            if (n._type !== 'Call' || n.func._type !== 'Name') return;
            const name = n.func;
            const binding = semantic.resolveName(name);
            let kind: Data['kind'];
            if (!binding) {
              if (semantic.qualifiedName(name) !== `builtins.${name.id}`) return;
              kind = 'builtin';
            } else if (binding.scope.kind === 'module') {
              kind = 'global';
            } else return;
            const entry = calls.get(name.id);
            if (entry) entry.uses++;
            else calls.set(name.id, { first: name, uses: 1, kind });
          });
        }
        for (const [name, { first, uses, kind }] of calls) {
          if (uses >= MIN_CALLS_PER_ITERATION) ctx.report(first, { name, kind, uses, target });
        }
      },
    };
  },
});
