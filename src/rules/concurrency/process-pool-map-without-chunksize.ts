// HS302: `Pool.imap`/`imap_unordered` or `ProcessPoolExecutor.map` without `chunksize` over many
// cheap tasks: each item travels to a worker process and back on its own (chunksize=1).
import type { Call, expr } from '../../parse/ast.js';
import { callKey, defineRule } from '../types.js';
import { poolOf, purityOf, taskFunction, taskLabel, importsPoolModule } from './helpers.js';

interface Data {
  /** `multiprocessing.Pool.imap`, `ProcessPoolExecutor.map`… */
  call: string;
  task: string;
}

/** Below this many items the per-item round trips cost little in absolute terms. */
const SMALL = 1000;

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(['imap', 'imap_unordered', 'map']);

export default defineRule<Data>({
  code: 'HS302',
  name: 'process-pool-map-without-chunksize',
  family: 'concurrency',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds `multiprocessing.Pool(...).imap`/`imap_unordered` and `ProcessPoolExecutor(...).map` called without ' +
    '`chunksize` (so 1) where the task is a function of the module that is cheap: no loops, only pure computation. ' +
    'An iterable known to be small (a literal, `range(n)` with n < 1000) is not flagged. `Pool.map` and `starmap` ' +
    'are never flagged: they compute a chunk size themselves.',
  whySlow:
    'With chunksize=1 every item is pickled, sent through a pipe to a worker, unpickled, and its result sent back the ' +
    'same way: tens of microseconds of inter-process overhead per item, O(N) round trips. When the task itself takes ' +
    'less than that, the pool is slower than a plain loop. A chunksize of k sends N/k batches: O(N/k) round trips.',
  example:
    'from multiprocessing import Pool\n' +
    '\n' +
    'def square(x):\n' +
    '    return x * x\n' +
    '\n' +
    'with Pool() as pool:\n' +
    '    total = sum(pool.imap(square, range(1_000_000)))\n',
  useInstead:
    'from multiprocessing import Pool\n' +
    '\n' +
    'def square(x):\n' +
    '    return x * x\n' +
    '\n' +
    'with Pool() as pool:\n' +
    '    total = sum(pool.imap(square, range(1_000_000), chunksize=10_000))\n',
  evidence:
    'multiprocessing docs for `Pool.imap`: "For very long iterables using a large value for chunksize can make the job ' +
    'complete much faster than using the default value of 1"; `Executor.map`: "When using ProcessPoolExecutor … for ' +
    'very long iterables, using a large value for chunksize can significantly improve performance compared to the ' +
    'default size of 1" (https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.map).',
  knownLimits:
    'When not to: when items are few, when each task runs long (seconds), or when results must stream back one by ' +
    'one with low latency (a large chunk delays the first result). Tasks the rule cannot see or classify (imported ' +
    'functions, anything with loops or I/O) keep it silent, so expensive tasks fed one at a time are not reported.',
  message: (d) => `\`${d.call}\` sends each item of a cheap task (\`${d.task}\`) to a worker process on its own (chunksize=1): the IPC round trip costs more than the work; pass \`chunksize=\``,
  create(ctx) {
    if (!importsPoolModule(ctx.moduleFacts)) return {};
    return {
      [CALL_KEY]: (node: Call) => {
        const f = node.func;
        if (f._type !== 'Attribute' || (f.attr !== 'imap' && f.attr !== 'imap_unordered' && f.attr !== 'map')) return;
        if (node.keywords.some((k) => k.arg === 'chunksize' || k.arg === null)) return;
        const pool = poolOf(ctx.semantic, f.value);
        if (!pool || pool.kind !== 'process') return;
        const isExecutor = pool.label === 'ProcessPoolExecutor';
        if (f.attr === 'map' ? !isExecutor : isExecutor) return; // Pool.map sizes chunks itself; executors have no imap
        if (!isExecutor && node.args.length >= 3) return; // imap(func, iterable, chunksize)
        const [task, iterable] = node.args;
        if (!task || !iterable || task._type === 'Starred' || iterable._type === 'Starred' || knownSmall(iterable)) return;
        const fn = taskFunction(ctx.semantic, task);
        if (!fn) return;
        const purity = purityOf(ctx.semantic, fn);
        if (!purity.pure || purity.loops) return;
        ctx.report(node, { call: `${pool.label}.${f.attr}`, task: taskLabel(ctx.semantic, task) });
      },
    };
  },
});

function knownSmall(node: expr): boolean {
  if (node._type === 'List' || node._type === 'Tuple' || node._type === 'Set') return true;
  if (node._type === 'Call' && node.func._type === 'Name' && node.func.id === 'range') {
    const bounds = node.args.map((a) => (a._type === 'Constant' && typeof a.value === 'number' ? a.value : undefined));
    if (bounds.some((b) => b === undefined) || bounds.length === 0) return false;
    const [start, stop] = bounds.length === 1 ? [0, bounds[0]!] : [bounds[0]!, bounds[1]!];
    return stop - start < SMALL;
  }
  return false;
}
