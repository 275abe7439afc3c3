// HS506: `os.path.join(...)` / `math.sqrt(...)` called through the module on every iteration of a
// hot inner loop: a global lookup plus one attribute lookup per dot, each time.
import type { Call, Node } from '../../parse/ast.js';
import type { Binding, SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { dottedName, hotInnerLoop, runsEveryIteration } from './helpers.js';

interface Data {
  /** The dotted call target as written, e.g. `os.path.join`. */
  dotted: string;
  /** Its last component, e.g. `join`. */
  leaf: string;
  /** The module part, e.g. `os.path`. */
  module: string;
}

/** Calls that do a system call: a few nanoseconds of lookup are nothing next to them. */
const SYSCALLS = new Set(['exists', 'lexists', 'isdir', 'isfile', 'islink', 'ismount', 'getsize', 'getmtime', 'getatime', 'getctime', 'realpath', 'samefile'].map((f) => `os.path.${f}`));

export default defineRule<Data>({
  code: 'HS506',
  name: 'dotted-import-access-in-loop',
  family: 'overhead',
  severity: 'low',
  fix: 'none',
  micro: true,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds a function of an imported module called through a dotted path of two or more attributes ' +
    '(`os.path.join(...)`, `xml.etree.ElementTree.fromstring(...)`) inside the innermost loop of a function; when the ' +
    'code targets a Python older than 3.11, one attribute (`math.sqrt(...)`) is enough.',
  whySlow:
    'Each call first looks the module up as a global, then looks up each dotted attribute on it: one dict lookup per ' +
    'dot on every iteration, O(N·D) for N iterations and D dots. `from os.path import join` (or a local ' +
    '`join = os.path.join` before the loop) pays that once.',
  example:
    'import os\n\n\ndef full_paths(root, names):\n    out = []\n    for name in names:\n        out.append(os.path.join(root, name))\n    return out\n',
  useInstead:
    'import os\n\n\ndef full_paths(root, names):\n    join = os.path.join\n    out = []\n    for name in names:\n        out.append(join(root, name))\n    return out\n',
  evidence:
    'Measured on this machine (interleaved `timeit` runs timed by thread CPU time, best of 60, 1,000 calls; script ' +
    'in docs/precision.md): `os.path.basename(...)` vs `basename(...)` imported by name: 142.03 µs vs 136.73 µs on ' +
    'CPython 3.11.7 (5.3 ns per call), 221.22 µs vs 184.87 µs on 3.10.13 (36.4 ns); `math.sqrt(i)` vs `sqrt(i)`: ' +
    '24.68 µs vs 23.72 µs on 3.11 (1.0 ns, not worth a finding) and 41.87 µs vs 30.50 µs on 3.10 (11.4 ns). Hence ' +
    'one-dot access is only flagged for targets before 3.11.',
  knownLimits:
    'Only calls are flagged (not `math.pi`-style constant reads), and not `os.path.exists`/`isdir`/`getmtime` & co., ' +
    'whose system call dwarfs the lookup; nor calls in a branch of an `if` inside the loop (some iterations only). Modules that are monkey-patched at run time ' +
    '(tests patching `os.path.join`) behave differently once the function is bound early.',
  alsoKnownAs: [],
  message: (d) => `\`${d.dotted}\` looks up \`${d.module}\` and its attributes on every iteration`,
  fixTitle: (d) => `Use \`from ${d.module} import ${d.leaf}\` or bind \`${d.leaf} = ${d.dotted}\` before the loop`,
  create(ctx) {
    return {
      'Call:inLoop'(node: Call) {
        const func = node.func;
        if (func._type !== 'Attribute') return;
        let root: Node = func;
        let dots = 0;
        while (root._type === 'Attribute') {
          root = root.value;
          dots++;
        }
        if (root._type !== 'Name') return;
        if (dots < 2 && ctx.targetVersion.minor >= 11) return; // measured ~1 ns per call on 3.11
        // Cheapest first: only a name some `import` statement binds can denote a module.
        if (!ctx.moduleFacts.namesBoundByImport.has(root.id)) return;
        const binding = ctx.semantic.resolveName(root);
        if (!binding || !isModuleImport(ctx.semantic, binding)) return;
        const qualified = ctx.semantic.qualifiedName(func);
        if (qualified === undefined || qualified.startsWith('builtins.') || SYSCALLS.has(qualified)) return;
        if (!ctx.semantic.loopOf(node)) return;
        const loop = hotInnerLoop(ctx.semantic, node);
        if (!loop || !runsEveryIteration(ctx.semantic, node, loop)) return;
        const dotted = dottedName(func)!;
        const cut = dotted.lastIndexOf('.');
        ctx.report(func, { dotted, leaf: dotted.slice(cut + 1), module: dotted.slice(0, cut) });
      },
    };
  },
});

/** `import os` / `import os.path` / `import numpy as np` (a module), not `from x import y` (maybe a class). */
function isModuleImport(semantic: SemanticModel, binding: Binding): boolean {
  return (
    binding.assignments.length > 0 &&
    binding.assignments.every((a) => a.kind === 'import' && a.node._type === 'alias' && semantic.parentOf(a.node)?._type === 'Import')
  );
}
