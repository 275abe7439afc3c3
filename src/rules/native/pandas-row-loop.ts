// HS403: pandas used row by row: `iterrows()`/`itertuples()` loops computing values, `.apply(…,
// axis=1)` with arithmetic lambdas, and growing a DataFrame with `append`/`concat` in a loop.
import type { Assign, Call, For, comprehension, expr, Node } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop, targetNames, walkLocal } from '../overhead/helpers.js';

type Pattern = 'iterrows' | 'itertuples' | 'apply-axis-1' | 'append-in-loop' | 'concat-in-loop';

interface Data {
  pattern: Pattern;
  frame: string;
}

const ARITHMETIC = new Set(['Add', 'Sub', 'Mult', 'Div', 'FloorDiv', 'Pow', 'Mod']);

const MESSAGE: Record<Pattern, (frame: string) => string> = {
  iterrows: (f) => `\`${f}.iterrows()\` computes values row by row: each row becomes a Series`,
  itertuples: (f) => `\`${f}.itertuples()\` computes values row by row in Python`,
  'apply-axis-1': (f) => `\`${f}.apply(..., axis=1)\` calls a Python function per row for arithmetic`,
  'append-in-loop': (f) => `\`${f}.append(...)\` in a loop copies the whole DataFrame on every iteration: O(N²)`,
  'concat-in-loop': (f) => `\`pd.concat([${f}, ...])\` in a loop copies the whole DataFrame on every iteration: O(N²)`,
};

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['apply']);

export default defineRule<Data>({
  code: 'HS403',
  name: 'pandas-row-loop',
  family: 'native',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'stable',
  since: '0.1.0',
  whatItDoes:
    'In a module that imports pandas: finds loops over `df.iterrows()`/`df.itertuples()` whose body does ' +
    'arithmetic with the row\'s fields, `.apply(lambda row: …, axis=1)` whose lambda does arithmetic, and a ' +
    'DataFrame grown inside a loop by `df = df.append(…)` or `df = pd.concat([df, …])`.',
  whySlow:
    'Row iteration runs Python code per row (and `iterrows` builds a Series for each one): O(N) interpreted steps ' +
    'with large constants, where a column expression (`df["a"] * df["b"]`) is one O(N) vectorised pass in C. ' +
    'Growing a DataFrame copies all existing rows each time: O(N²) in total, against O(N) for collecting rows in ' +
    'a list and building the frame once.',
  example:
    'import pandas as pd\n\n\ndef totals(df):\n    out = []\n    for _, row in df.iterrows():\n        out.append(row["price"] * row["qty"])\n    return out\n',
  useInstead: 'import pandas as pd\n\n\ndef totals(df):\n    return (df["price"] * df["qty"]).tolist()\n',
  evidence:
    'pandas documents iteration as slow and recommends vectorised operations ("Iterating through pandas objects is ' +
    'generally slow", https://pandas.pydata.org/docs/user_guide/basics.html#iteration); `DataFrame.append` was ' +
    'deprecated and removed in pandas 2.0 partly for its quadratic use in loops.',
  knownLimits:
    'The receiver is assumed to be a DataFrame when the module imports pandas; row loops that call arbitrary ' +
    'functions (I/O per row, API calls) are not flagged since they would not vectorise.',
  alsoKnownAs: [],
  message: (d) => MESSAGE[d.pattern](d.frame),
  fixTitle: (d) =>
    d.pattern === 'append-in-loop' || d.pattern === 'concat-in-loop'
      ? 'Collect rows in a list and build the DataFrame once'
      : 'Use vectorised column operations',
  create(ctx) {
    let pandas: boolean | undefined;
    const usesPandas = (): boolean => (pandas ??= ctx.moduleFacts.importedModules.has('pandas'));
    // `body` is computed only once the cheap `.iterrows()`/`.itertuples()` test passed (for a
    // comprehension it needs the ctx.semantic model's parent link).
    const rowLoop = (node: For | comprehension, body: () => Node[]): void => {
      const it = node.iter;
      if (it._type !== 'Call' || it.func._type !== 'Attribute') return;
      const method = it.func.attr;
      if (method !== 'iterrows' && method !== 'itertuples') return;
      if (!usesPandas()) return;
      const rowNames = new Set(targetNames(node.target).map((n) => n.id));
      if (!body().some((b) => computesWithRow(b, rowNames))) return;
      ctx.report(it, { pattern: method, frame: ctx.semantic.describe(it.func.value) });
    };
    return {
      For(node: For) {
        rowLoop(node, () => node.body);
      },
      comprehension(node: comprehension) {
        rowLoop(node, () => {
          const owner = ctx.semantic.parentOf(node) as Node & { elt?: expr; key?: expr; value?: expr };
          return [owner.elt, owner.key, owner.value, ...node.ifs].filter((p): p is expr => !!p);
        });
      },
      [CALL_KEY]: (node: Call) => {
        const func = node.func;
        if (func._type !== 'Attribute' || func.attr !== 'apply') return;
        if (!isAxisOne(node) || !usesPandas()) return;
        const f = node.args[0];
        if (!f || f._type !== 'Lambda' || !hasArithmetic(f.body)) return;
        ctx.report(node, { pattern: 'apply-axis-1', frame: ctx.semantic.describe(func.value) });
      },
      'Assign:inLoop'(node: Assign) {
        if (node.targets.length !== 1 || node.targets[0]!._type !== 'Name') return;
        const name = node.targets[0].id;
        const v = node.value;
        if (v._type !== 'Call') return;
        let pattern: Pattern | undefined;
        if (v.func._type === 'Attribute' && v.func.attr === 'append' && v.func.value._type === 'Name' && v.func.value.id === name) {
          if (ctx.semantic.shapeOf(v.func.value).kind !== 'unknown') return; // a list, not a DataFrame
          pattern = 'append-in-loop';
        }
        else if (isConcatOf(ctx.semantic, v, name)) pattern = 'concat-in-loop';
        if (!pattern || !usesPandas()) return;
        if (!repeatingLoop(ctx.semantic, node)) return;
        ctx.report(v, { pattern, frame: name });
      },
    };
  },
});

function isAxisOne(call: Call): boolean {
  const axis = call.keywords.find((k) => k.arg === 'axis')?.value;
  return !!axis && axis._type === 'Constant' && (axis.value === 1 || axis.value === 'columns');
}

function hasArithmetic(node: Node): boolean {
  let found = false;
  walkLocal(node, (n) => {
    if (n._type === 'BinOp' && ARITHMETIC.has(n.op._type) && !(n.op._type === 'Mod' && n.left._type === 'Constant')) found = true;
    if (n._type === 'Call') return false; // arithmetic inside a call argument may be anything
    return !found;
  });
  return found;
}

/** Arithmetic whose operands read the row (`row["a"] * 2`, `r.price - r.cost`). */
function computesWithRow(node: Node, rowNames: Set<string>): boolean {
  let found = false;
  walkLocal(node, (n) => {
    if (found) return false;
    if (n._type === 'BinOp' && ARITHMETIC.has(n.op._type) && !(n.op._type === 'Mod' && n.left._type === 'Constant')) {
      if (readsRow(n.left, rowNames) || readsRow(n.right, rowNames)) found = true;
    }
    if (n._type === 'AugAssign' && ARITHMETIC.has(n.op._type) && readsRow(n.value, rowNames)) found = true;
    return !found;
  });
  return found;
}

function readsRow(node: expr, rowNames: Set<string>): boolean {
  if ((node._type === 'Subscript' || node._type === 'Attribute') && node.value._type === 'Name') return rowNames.has(node.value.id);
  return false;
}

/** `pd.concat([name, …])` / `pandas.concat((name, …))` */
function isConcatOf(semantic: SemanticModel, call: Call, name: string): boolean {
  const f = call.func;
  if (!((f._type === 'Attribute' && f.attr === 'concat') || (f._type === 'Name' && f.id === 'concat'))) return false;
  if (semantic.qualifiedName(call.func) !== 'pandas.concat') return false;
  const first = call.args[0];
  if (!first || (first._type !== 'List' && first._type !== 'Tuple')) return false;
  return first.elts.some((e) => e._type === 'Name' && e.id === name);
}
