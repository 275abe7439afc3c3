// HS402: a pure-Python numeric loop (element-wise arithmetic on subscripts, `total += x * y`
// accumulation, `math.*` per element) in a module that already uses NumPy, or over a large range.
import type { For, Node, expr, Name } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { defineRule } from '../types.js';
import { importsModuleAtModuleLevel, targetNames, walkLocal, walkStatements } from '../overhead/helpers.js';

interface Data {
  /** What showed the loop is numeric: `a[i] * b[i]`, `total += …`, `math.sqrt`. */
  evidence: string;
  /** Why vectorising is available: NumPy already imported, or the range is large. */
  reason: 'numpy' | 'large-range';
}

/** A `range(N)` with a literal N at least this large counts as a large loop even without NumPy. */
const LARGE_RANGE = 100_000;
/** Builtins a numeric loop may call without ceasing to be pure arithmetic. */
const NUMERIC_BUILTINS = new Set(['abs', 'min', 'max', 'float', 'int', 'round', 'len', 'range', 'pow', 'divmod', 'sum']);
const ARITHMETIC = new Set(['Add', 'Sub', 'Mult', 'Div', 'FloorDiv', 'Pow', 'MatMult']);

export default defineRule<Data>({
  code: 'HS402',
  name: 'pure-python-numeric-loop',
  family: 'native',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'Finds `for` loops that only do arithmetic on numbers, with clear evidence of numeric data (element-wise ' +
    'arithmetic on subscripts such as `a[i] * b[i]`, accumulation such as `total += x * w`, or `math.*` calls on ' +
    'each element) and nothing else (no I/O, no calls other than `math.*` and numeric builtins, no method calls ' +
    'besides `append`), in a module that already imports NumPy or over a `range` of at least 100,000.',
  whySlow:
    'Each element costs several bytecode instructions, boxed float/int objects and dynamic dispatch: O(N) ' +
    'interpreted steps of roughly 30–100 ns each. The same O(N) work as one NumPy expression (`a * b`, ' +
    '`np.dot(a, b)`, `np.sqrt(a)`) runs in compiled loops over unboxed arrays, typically 10–100× faster for ' +
    'large N.',
  example:
    'import numpy as np\n\n\ndef dot(a, b):\n    total = 0.0\n    for i in range(len(a)):\n        total += a[i] * b[i]\n    return total\n',
  useInstead: 'import numpy as np\n\n\ndef dot(a, b):\n    return float(np.dot(a, b))\n',
  evidence:
    'Measured on this machine (CPython 3.11.7, NumPy from site-packages, `timeit` with thread CPU time, best of 30), ' +
    'dot product of 100,000 floats: the pure-Python index loop takes 2.41 ms, `np.dot` on arrays 5.7 µs (421×). ' +
    'But converting two Python lists to arrays first (`np.dot(np.asarray(a), np.asarray(b))`) takes 4.23 ms, slower ' +
    'than the loop: the gain needs data that already lives in arrays or is converted once and reused.',
  knownLimits:
    'Short lists (a handful of elements) are faster in pure Python than converting to arrays, and so is a single ' +
    'pass over a list that must be converted first (measured above); the rule cannot know sizes beyond literal ' +
    'ranges. Loops whose iterations depend on each other (recurrences) may not vectorise ' +
    'directly (`np.cumsum`, `np.ufunc.accumulate` or numba may help). Only the outermost qualifying loop is reported.',
  alsoKnownAs: [],
  message: (d) =>
    `pure-Python numeric loop (${d.evidence})${d.reason === 'numpy' ? ' in a module that already uses NumPy' : ' over a large range'}: vectorise it`,
  fixTitle: () => 'Express the loop as NumPy array operations',
  create(ctx) {
    let numpy: boolean | undefined;
    const verdicts = new Map<For, string | null>();
    const verdict = (loop: For): string | null => {
      let v = verdicts.get(loop);
      if (v === undefined) {
        v = numericEvidence(ctx.semantic, loop);
        verdicts.set(loop, v);
      }
      return v;
    };
    return {
      For(node: For) {
        if (node.orelse.length > 0) return;
        numpy ??= ctx.moduleFacts.importedModules.has('numpy') && importsModuleAtModuleLevel(ctx.module, 'numpy');
        const reason = numpy ? 'numpy' : largeRange(ctx.semantic, node.iter) ? 'large-range' : undefined;
        if (!reason) return;
        const evidence = verdict(node);
        if (!evidence) return;
        // report the outermost qualifying loop only
        const outer = ctx.semantic.parentOf(node);
        for (let p: Node | undefined = outer; p; p = ctx.semantic.parentOf(p)) {
          if (p._type === 'FunctionDef' || p._type === 'AsyncFunctionDef' || p._type === 'Lambda' || p._type === 'ClassDef') break;
          if (p._type === 'For' && verdict(p) && (numpy || largeRange(ctx.semantic, p.iter))) return;
        }
        ctx.report({ lineno: node.lineno, col_offset: node.col_offset, end_lineno: node.iter.end_lineno, end_col_offset: node.iter.end_col_offset }, { evidence, reason });
      },
    };
  },
});

function largeRange(semantic: SemanticModel, iter: expr): boolean {
  if (iter._type !== 'Call' || iter.args.length === 0) return false;
  const stop = iter.args.length === 1 ? iter.args[0]! : iter.args[1]!;
  // the constant first: asking whether `range` is the builtin may build the semantic model
  return stop._type === 'Constant' && typeof stop.value === 'number' && stop.value >= LARGE_RANGE && semantic.isBuiltin(iter.func, 'range');
}

/** Loops over array dimensions (`range(a.ndim)`, `zip(shape, strides)`) are short by nature. */
const DIMENSION_NAMES = new Set(['ndim', 'shape', 'strides', 'dims', 'axes', 'axis']);
/** A numeric kernel worth vectorising is small; a long body is an algorithm, not a map/reduce. */
const MAX_BODY_STATEMENTS = 4;

/**
 * A short description of the numeric evidence in the loop, or null when the loop is not a pure
 * numeric loop over elements (it does something else, works on array slices already, or shows no
 * sign of per-element arithmetic).
 */
function numericEvidence(semantic: SemanticModel, loop: For): string | null {
  if (iteratesDimensions(loop.iter) || boundedBySmallConstant(semantic, loop.iter)) return null;
  // the loop's own variables and those of loops nested in it (`a[i][k] * b[k][j]`)
  const loopVars = new Set(targetNames(loop.target).map((n) => n.id));
  let statements = 0;
  walkStatements(loop.body, (n) => {
    if (n._type === 'For') for (const t of targetNames(n.target)) loopVars.add(t.id);
    else if ('lineno' in n && isStatementNode(n)) statements++;
  });
  if (statements > MAX_BODY_STATEMENTS) return null;
  let pure = true;
  let evidence: string | null = null;
  walkStatements(loop.body, (n) => {
    if (!pure) return false;
    switch (n._type) {
      case 'Slice':
        pure = false; // rows/columns of arrays: already vectorised inside
        return false;
      case 'If':
        // a conditional update of state (`if q < best: best = q`) is a search or a recurrence, not a map/reduce
        if (n.body.some((b) => b._type === 'Assign' || b._type === 'AugAssign') && n.body.some((b) => assignsOuterState(b, loopVars))) {
          pure = false;
          return false;
        }
        break;
      case 'For':
        if (iteratesDimensions(n.iter)) pure = false;
        break;
      case 'Call': {
        const q = semantic.qualifiedName(n.func);
        if (q?.startsWith('math.') || q?.startsWith('cmath.')) {
          if (n.args.some((a) => isElementRead(a, loopVars))) evidence ??= `\`${q}\` per element`;
          break;
        }
        if (q && q.startsWith('builtins.') && NUMERIC_BUILTINS.has(q.slice(9))) break;
        if (n.func._type === 'Attribute' && n.func.attr === 'append' && n.func.value._type === 'Name') break;
        pure = false;
        return false;
      }
      case 'BinOp':
        if (n.op._type === 'Mod' || n.op._type === 'BitOr' || n.op._type === 'BitAnd' || n.op._type === 'BitXor' || n.op._type === 'LShift' || n.op._type === 'RShift') {
          pure = false; // string formatting or bit twiddling: not what NumPy speeds up
          return false;
        }
        if (ARITHMETIC.has(n.op._type) && isIndexedElement(n.left, loopVars) && isIndexedElement(n.right, loopVars)) evidence ??= 'element-wise arithmetic on subscripts';
        break;
      case 'AugAssign':
        if ((n.op._type === 'Add' || n.op._type === 'Sub') && n.target._type === 'Name') {
          const v = n.value;
          if (v._type === 'BinOp' && (v.op._type === 'Mult' || v.op._type === 'Div') && isElementRead(v.left, loopVars) && isElementRead(v.right, loopVars)) {
            evidence ??= `accumulation \`${n.target.id} ${n.op._type === 'Add' ? '+' : '-'}= … * …\``;
          }
        }
        break;
      case 'JoinedStr':
      case 'Yield':
      case 'YieldFrom':
      case 'Await':
      case 'Return':
      case 'Raise':
      case 'Try':
      case 'With':
      case 'While':
      case 'Delete':
      case 'Global':
      case 'Nonlocal':
      case 'Import':
      case 'ImportFrom':
      case 'Match':
      case 'Dict':
      case 'Lambda':
        pure = false;
        return false;
      case 'Constant':
        if (typeof n.value === 'object' && n.value !== null && 'kind' in n.value && n.value.kind === 'ellipsis') {
          pure = false; // `c[i, ...]`: whole rows of an array
          return false;
        }
        if (typeof n.value === 'string' || (typeof n.value === 'object' && n.value !== null && 'kind' in n.value && n.value.kind === 'bytes')) {
          pure = false;
          return false;
        }
        break;
      default:
        break;
    }
    return true;
  });
  return pure ? evidence : null;
}

/** Does the statement assign a name, or a subscript not indexed by the loop variables (state carried across iterations)? */
function assignsOuterState(s: Node, loopVars: Set<string>): boolean {
  if (s._type === 'Assign') return s.targets.some((t) => t._type === 'Name' || (t._type === 'Subscript' && !mentionsAny(t.slice, loopVars)));
  if (s._type === 'AugAssign') return s.target._type === 'Name';
  return false;
}

/** `range(1, rng + 1)` where `rng = min(3, …)`: a loop bounded by a small constant. */
function boundedBySmallConstant(semantic: SemanticModel, iter: expr): boolean {
  let small = false;
  walkLocal(iter, (n) => {
    if (n._type !== 'Name') return true;
    const binding = semantic.resolveName(n as Name);
    const values = binding?.assignments.map((a) => a.value) ?? [];
    if (values.length === 1 && values[0]?._type === 'Call' && values[0].func._type === 'Name' && values[0].func.id === 'min' && values[0].args.some((a) => a._type === 'Constant')) small = true;
    return !small;
  });
  return small;
}

function iteratesDimensions(iter: expr): boolean {
  let found = false;
  walkLocal(iter, (n) => {
    if ((n._type === 'Attribute' && DIMENSION_NAMES.has(n.attr)) || (n._type === 'Name' && DIMENSION_NAMES.has(n.id))) found = true;
    return !found;
  });
  return found;
}

function isStatementNode(n: Node): boolean {
  return ['Assign', 'AugAssign', 'AnnAssign', 'Expr', 'If', 'For', 'Continue', 'Break', 'Pass'].includes(n._type);
}

/** `a[i]` / `a[i][j]` / `a[i, j]` indexed by loop variables only (no slices). */
function isIndexedElement(node: expr, loopVars: Set<string>): boolean {
  return node._type === 'Subscript' && mentionsAny(node.slice, loopVars);
}

/** `a[i]` with `i` a loop variable, or a loop variable itself. */
function isElementRead(node: expr, loopVars: Set<string>): boolean {
  if (node._type === 'Subscript') return mentionsAny(node.slice, loopVars);
  return node._type === 'Name' && loopVars.has(node.id);
}

function mentionsAny(node: expr, names: Set<string>): boolean {
  let found = false;
  walkLocal(node, (n) => {
    if (n._type === 'Name' && names.has((n as Name).id)) found = true;
    return !found;
  });
  return found;
}
