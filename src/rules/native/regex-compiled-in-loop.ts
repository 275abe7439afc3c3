// HS404: regular expressions compiled inside loops: `re.compile(...)` of a loop-invariant pattern,
// and `re.search(...)` & co. with a pattern built on every iteration.
import type { Call, expr, Node } from '../../parse/ast.js';
import type { Loop, SemanticModel } from '../../semantic/index.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop, shorten } from '../overhead/helpers.js';

type Kind = 'compile-invariant' | 'built-invariant' | 'built-per-iteration';

interface Data {
  kind: Kind;
  func: string;
  pattern: string;
}

const MATCHER_NAMES = ['match', 'search', 'findall', 'finditer', 'sub', 'subn', 'split', 'fullmatch'] as const;
const MATCHERS: ReadonlySet<string> = new Set(MATCHER_NAMES);
const ON_COMPILE_OR_MATCH = callKey(['compile', ...MATCHER_NAMES], { inLoop: true });

export default defineRule<Data>({
  code: 'HS404',
  name: 'regex-compiled-in-loop',
  family: 'native',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `re.compile(p)` inside a loop when `p` is the same on every iteration, and `re.match`/`search`/' +
    '`findall`/`finditer`/`sub`/`subn`/`split`/`fullmatch` inside a loop when the pattern is an expression built ' +
    'in the call (concatenation, f-string, `.format`, `re.escape(…)`, `"|".join(…)`) or a name assigned such an ' +
    'expression inside the loop. Literal patterns and names bound outside the loop are left alone: the `re` ' +
    'module caches compiled patterns, so those only cost a cache lookup.',
  whySlow:
    'Compiling a pattern parses it and builds its matcher in Python (`sre_parse`/`sre_compile`): O(pattern ' +
    'length) with a large constant, tens of microseconds for ordinary patterns. `re.compile` inside a loop over N ' +
    'items pays a cache lookup (and key hashing) N times, and a pattern built from loop data is a new cache key ' +
    'each time: compiled anew on every iteration, and once more than 512 distinct patterns are seen (`re` keeps at ' +
    'most 512), old ones are evicted and recompiled. Compiling once before the loop makes it O(1) compilations.',
  example:
    'import re\n\n\ndef find_all(lines, word):\n    hits = []\n    for line in lines:\n        if re.search(r"\\b" + word + r"\\b", line):\n            hits.append(line)\n    return hits\n',
  useInstead:
    'import re\n\n\ndef find_all(lines, word):\n    pattern = re.compile(r"\\b" + re.escape(word) + r"\\b")\n    return [line for line in lines if pattern.search(line)]\n',
  evidence:
    'CPython 3.11 `re/__init__.py`: `_MAXCACHE = 512`, and `_compile` looks patterns up by (type, pattern, flags) ' +
    'before compiling. Measured on this machine (CPython 3.11.7, `timeit` with thread CPU time, best of 30): ' +
    '`re.compile` of a pattern not in the cache 23.6 µs; a cache hit 124 ns; `re.search(literal, line)` 351 ns vs ' +
    '`precompiled.search(line)` 131 ns on a short line.',
  knownLimits:
    'A pattern that varies per iteration but only takes a few distinct values still hits the cache after the first ' +
    'compilations; the rule cannot count distinct values. `regex` (the third-party module) is not covered.',
  alsoKnownAs: [],
  message: (d) =>
    d.kind === 'compile-invariant'
      ? `\`re.compile(${d.pattern})\` runs on every iteration although the pattern does not change`
      : d.kind === 'built-invariant'
        ? `\`re.${d.func}()\` rebuilds the same pattern \`${d.pattern}\` and looks it up in re's cache on every iteration`
        : `\`re.${d.func}()\` gets a pattern built from loop data (\`${d.pattern}\`): a new compilation per distinct value`,
  fixTitle: (d) =>
    d.kind === 'built-per-iteration' ? 'Compile the distinct patterns once (or build one combined pattern) before the loop' : 'Compile the pattern once before the loop',
  create(ctx) {
    // `re.compile` & co. are only ever named through an import of `re`
    if (!ctx.moduleFacts.importedModules.has('re')) return {};
    return {
      [ON_COMPILE_OR_MATCH]: (node: Call) => {
        const func = node.func;
        if (func._type !== 'Attribute' && func._type !== 'Name') return;
        const leaf = func._type === 'Attribute' ? func.attr : func.id;
        if (leaf !== 'compile' && !MATCHERS.has(leaf)) return;
        // `re.split(…)`, not `line.split(…)`: a qualified name `re.…` needs the base to be a name an import binds
        if (func._type === 'Attribute' && (func.value._type !== 'Name' || !ctx.moduleFacts.namesBoundByImport.has(func.value.id))) return;
        if (!ctx.semantic.loopOf(node)) return; // cheap: `str.split` & co. outside loops leave here
        if (ctx.semantic.qualifiedName(func) !== `re.${leaf}`) return;
        const pattern = node.args[0] ?? node.keywords.find((k) => k.arg === 'pattern')?.value;
        if (!pattern || pattern._type === 'Starred') return;
        const loop = repeatingLoop(ctx.semantic, node);
        if (!loop) return;
        const text = shorten(ctx.textOf(pattern));
        const flags = [...node.args.slice(leaf === 'compile' ? 1 : leaf === 'split' || leaf === 'sub' || leaf === 'subn' ? 3 : 2), ...node.keywords.map((k) => k.value)];
        const flagsInvariant = flags.every((f) => ctx.semantic.isLoopInvariant(f, loop));
        if (leaf === 'compile') {
          const invariant = ctx.semantic.isLoopInvariant(pattern, loop) || isInvariantBuild(ctx.semantic, pattern, loop);
          if (invariant && flagsInvariant) ctx.report(node, { kind: 'compile-invariant', func: leaf, pattern: text });
          return;
        }
        const built = builtPattern(ctx.semantic, pattern, loop);
        if (!built) return;
        const invariant = ctx.semantic.isLoopInvariant(built, loop) || isInvariantBuild(ctx.semantic, built, loop);
        ctx.report(node, { kind: invariant ? 'built-invariant' : 'built-per-iteration', func: leaf, pattern: text });
      },
    };
  },
});

/** Is this pattern expression built at the call (or assigned from such a build inside the loop)? Returns the build. */
function builtPattern(semantic: SemanticModel, pattern: expr, loop: Loop): expr | undefined {
  if (isBuild(pattern)) return pattern;
  if (pattern._type !== 'Name') return undefined;
  const binding = semantic.resolveName(pattern);
  if (!binding) return undefined;
  const inLoop = binding.assignments.filter((a) => semantic.isInLoop(a.node, loop));
  if (inLoop.length !== 1 || binding.assignments.length !== 1) return undefined;
  const value = inLoop[0]!.value;
  return value && isBuild(value) ? value : undefined;
}

/** Concatenation, f-string, `%`, `.format(...)`, `re.escape(...)`, `"|".join(...)` over strings. */
function isBuild(node: expr): boolean {
  switch (node._type) {
    case 'JoinedStr':
      return node.values.some((v) => v._type === 'FormattedValue');
    case 'BinOp':
      return (node.op._type === 'Add' || node.op._type === 'Mod') && (isStrish(node.left) || isStrish(node.right));
    case 'Call':
      return node.func._type === 'Attribute' && ((node.func.attr === 'format' && isStrish(node.func.value)) || (node.func.attr === 'join' && isStrish(node.func.value)) || node.func.attr === 'escape');
    default:
      return false;
  }
}

function isStrish(node: expr): boolean {
  // an explicit stack: `"x" + a + b + …` chains may be nested deeper than the JS stack
  const stack: expr[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if ((n._type === 'Constant' && typeof n.value === 'string') || n._type === 'JoinedStr') return true;
    if (n._type === 'BinOp') stack.push(n.right, n.left);
  }
  return false;
}

/** A build whose inputs are all invariant (calls like `re.escape(word)` with invariant arguments included). */
function isInvariantBuild(semantic: SemanticModel, node: Node, loop: Loop): boolean {
  // an explicit stack (builds like `a + b + …` may be nested deeper than the JS stack); the
  // checks are pure, so their order does not matter: the first variant input decides
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n._type === 'Call') {
      const f = n.func;
      if (f._type === 'Attribute' && (f.attr === 'escape' || f.attr === 'format' || f.attr === 'join')) {
        if (!(f.value._type === 'Constant' || semantic.isLoopInvariant(f.value, loop) || f.attr === 'escape')) return false;
        for (const a of n.args) stack.push(a);
        for (const k of n.keywords) stack.push(k.value);
        continue;
      }
      return false;
    }
    if (n._type === 'Name' || n._type === 'Attribute' || n._type === 'Subscript') {
      if (!semantic.isLoopInvariant(n as expr, loop)) return false;
      continue;
    }
    if (n._type === 'BinOp') {
      stack.push(n.right, n.left);
      continue;
    }
    if (n._type === 'JoinedStr') {
      for (const v of n.values) stack.push(v);
      continue;
    }
    if (n._type === 'FormattedValue') {
      stack.push(n.value);
      continue;
    }
    if (n._type !== 'Constant') return false;
  }
  return true;
}
