// HS506: `os.path.join(...)` / `math.sqrt(...)` called through the module on every iteration of a
// hot inner loop: a global lookup plus one attribute lookup per dot, each time.
import type { Call, Name, Node } from '../../parse/ast.js';
import type { Binding, SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { dottedName, hotInnerLoop } from './helpers.js';

interface Data {
  /** The dotted call target as written, e.g. `os.path.join`. */
  dotted: string;
  /** Its last component, e.g. `join`. */
  leaf: string;
  /** The module part, e.g. `os.path`. */
  module: string;
}

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
    'Finds a function of an imported module called through its dotted path (`os.path.join(...)`, ' +
    '`math.sqrt(...)`) inside the innermost loop of a function.',
  whySlow:
    'Each call first looks the module up as a global, then looks up each dotted attribute on it: one dict lookup per ' +
    'dot on every iteration, O(N·D) for N iterations and D dots. `from os.path import join` (or a local ' +
    '`join = os.path.join` before the loop) pays that once.',
  example:
    'import os\n\n\ndef full_paths(root, names):\n    out = []\n    for name in names:\n        out.append(os.path.join(root, name))\n    return out\n',
  useInstead:
    'import os\n\n\ndef full_paths(root, names):\n    join = os.path.join\n    out = []\n    for name in names:\n        out.append(join(root, name))\n    return out\n',
  evidence:
    'Measured on this machine (see docs/precision.md, HS506, for the interleaved `timeit` runs on CPython 3.11.7 and ' +
    '3.10.13). CPython 3.11 specialises both the global and the module attribute lookup, so the saving is a few ' +
    'nanoseconds per dot per call: it matters only where a profile shows the loop hot and the called function is cheap.',
  knownLimits:
    'Only calls are flagged (not `math.pi`-style constant reads). Modules that are monkey-patched at run time ' +
    '(tests patching `os.path.join`) behave differently once the function is bound early.',
  alsoKnownAs: [],
  message: (d) => `\`${d.dotted}\` looks up \`${d.module}\` and its attributes on every iteration`,
  fixTitle: (d) => `Use \`from ${d.module} import ${d.leaf}\` or bind \`${d.leaf} = ${d.dotted}\` before the loop`,
  create(ctx) {
    const semantic = ctx.semantic;
    return {
      Call(node: Call) {
        const func = node.func;
        if (func._type !== 'Attribute') return;
        let root: Node = func;
        while (root._type === 'Attribute') root = root.value;
        if (root._type !== 'Name') return;
        const qualified = semantic.qualifiedName(func);
        if (qualified === undefined || qualified.startsWith('builtins.')) return;
        const binding = semantic.resolveName(root as Name);
        if (!binding || !isModuleImport(semantic, binding)) return;
        if (!hotInnerLoop(semantic, node)) return;
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
