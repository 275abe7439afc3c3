// HS301: pure-Python computation handed to threads (`threading.Thread(target=f)`, a thread pool's
// `map`/`submit`): the GIL runs one thread at a time, so the threads add overhead and no speed.
import type { Call, expr } from '../../parse/ast.js';
import { callKey, defineRule } from '../types.js';
import { poolOf, purityOf, taskFunction, taskLabel, importsPoolModule } from './helpers.js';

interface Data {
  /** The task as written (`risk_score`, `self.crunch`, `lambda`). */
  task: string;
  /** How it reaches threads: `threading.Thread`, `ThreadPoolExecutor.map`… */
  via: string;
}

const POOL_METHOD_NAMES = ['map', 'submit', 'imap', 'imap_unordered', 'apply_async', 'apply', 'starmap', 'map_async', 'starmap_async'] as const;
const POOL_METHODS: ReadonlySet<string> = new Set(POOL_METHOD_NAMES);

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey([...POOL_METHOD_NAMES, 'Thread']);

export default defineRule<Data>({
  code: 'HS301',
  name: 'threads-for-cpu-bound-work',
  family: 'concurrency',
  severity: 'high',
  fix: 'none',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds a function run on threads (`threading.Thread(target=f)`, `ThreadPoolExecutor(...).map/submit(f, …)`, ' +
    '`multiprocessing.pool.ThreadPool`) where `f` is defined in the same module, contains loops, and only does ' +
    'pure-Python computation: every call in it is to a builtin, a computing stdlib module (`math`, `itertools`…), ' +
    'a method of a builtin type, or another such function of the module.',
  whySlow:
    "CPython's global interpreter lock (GIL) lets one thread run Python bytecode at a time. CPU-bound tasks on N " +
    'threads take about as long as running them one after another (O(total work), not O(total work / N)), plus ' +
    'switching overhead. Threads only help when tasks wait on I/O or call C code that releases the GIL. Worker ' +
    'processes (`ProcessPoolExecutor`, `multiprocessing.Pool`) each have their own interpreter and GIL and do run ' +
    'in parallel, at the price of a process per worker (memory) and pickling every argument and result (IPC).',
  example:
    'from concurrent.futures import ThreadPoolExecutor\n' +
    '\n' +
    'def checksum(block):\n' +
    '    total = 0\n' +
    '    for b in block:\n' +
    '        total = (total * 31 + b) % 1000003\n' +
    '    return total\n' +
    '\n' +
    'with ThreadPoolExecutor() as pool:\n' +
    '    sums = list(pool.map(checksum, blocks))\n',
  useInstead:
    'from concurrent.futures import ProcessPoolExecutor\n' +
    '\n' +
    'def checksum(block):\n' +
    '    total = 0\n' +
    '    for b in block:\n' +
    '        total = (total * 31 + b) % 1000003\n' +
    '    return total\n' +
    '\n' +
    'if __name__ == "__main__":\n' +
    '    with ProcessPoolExecutor() as pool:\n' +
    '        sums = list(pool.map(checksum, blocks, chunksize=64))\n',
  evidence:
    'The GIL and its effect on CPU-bound threads: https://docs.python.org/3/glossary.html#term-global-interpreter-lock ' +
    'and the `threading` docs ("If you want your application to make better use of the computational resources of ' +
    'multi-core machines, you are advised to use multiprocessing or concurrent.futures.ProcessPoolExecutor"). ' +
    'Free-threaded CPython 3.13t (PEP 703) removes the GIL as an experimental build option.',
  knownLimits:
    'When not to: when tasks are tiny (process start-up and pickling cost more than the work), when arguments or ' +
    'results are huge (pickling them dominates), when the task is mostly NumPy/hashlib/zlib or other C code that ' +
    'releases the GIL, or on a free-threaded build (3.13t). The rule stays silent whenever the task calls anything ' +
    'it cannot classify as pure computation (I/O, sleeps, locks, `with`, callbacks, unknown functions or methods), ' +
    'when the pool is a parameter or attribute of unknown kind, and when the task has no loop.',
  message: (d) =>
    `\`${d.task}\` is pure-Python computation run on threads (\`${d.via}\`): the GIL runs one thread at a time, so this gets no parallel speed-up`,
  fixTitle: () => 'Use `ProcessPoolExecutor`/`multiprocessing.Pool` (costs a process per worker and pickling of arguments and results)',
  create(ctx) {
    if (!importsPoolModule(ctx.moduleFacts) && !ctx.moduleFacts.importedModules.has('threading')) return {};
    const check = (call: Call, task: expr | undefined, via: string): void => {
      if (!task) return;
      const fn = taskFunction(ctx.semantic, task);
      if (!fn) return;
      const purity = purityOf(ctx.semantic, fn);
      if (!purity.pure || !purity.loops) return;
      ctx.report(call, { task: taskLabel(ctx.semantic, task), via });
    };
    return {
      [CALL_KEY]: (node: Call) => {
        const f = node.func;
        if (f._type === 'Attribute' && POOL_METHODS.has(f.attr)) {
          const pool = poolOf(ctx.semantic, f.value);
          if (pool?.kind === 'thread') check(node, node.args[0], `${pool.label}.${f.attr}`);
          return;
        }
        const name = f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : undefined;
        if (name !== 'Thread' || ctx.semantic.qualifiedName(f) !== 'threading.Thread') return;
        // Thread(group=None, target=None, …): the target by keyword or second position
        const target = node.keywords.find((k) => k.arg === 'target')?.value ?? node.args[1];
        check(node, target, 'threading.Thread');
      },
    };
  },
});
