// HS303: a thread or process pool created inside a loop: workers are started and torn down on
// every iteration instead of once.
import type { Call } from '../../parse/ast.js';
import { callKey, defineRule } from '../types.js';
import { repeatingLoop } from '../memory/helpers.js';
import { poolConstructor, importsPoolModule } from './helpers.js';

/** The last name part of every pool constructor: a cheap test before resolving anything. */
const POOL_CLASSES = ['ThreadPoolExecutor', 'ProcessPoolExecutor', 'Pool', 'ThreadPool'] as const;
const POOL_NAMES: ReadonlySet<string> = new Set(POOL_CLASSES);

interface Data {
  /** `ProcessPoolExecutor`, `multiprocessing.Pool`… */
  pool: string;
  kind: 'thread' | 'process';
  /** The line of the loop. */
  loopLine: number;
}

/** The calls this rule looks at, by callee name. */
const CALL_KEY = callKey(POOL_CLASSES, { inLoop: true });

export default defineRule<Data>({
  code: 'HS303',
  name: 'pool-created-in-loop',
  family: 'concurrency',
  severity: 'medium',
  fix: 'none',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds `ThreadPoolExecutor(...)`, `ProcessPoolExecutor(...)`, `multiprocessing.Pool(...)` (also from a ' +
    '`get_context()`) or `multiprocessing.pool.ThreadPool(...)` created inside a loop or comprehension that repeats an ' +
    'unbounded number of times.',
  whySlow:
    'Creating a pool starts its workers: threads cost tens of microseconds each, processes milliseconds each (a fork, ' +
    'or a whole new interpreter importing your modules with the spawn start method), and shutting down joins them ' +
    'all. In a loop of N iterations that is O(N·workers) start-ups instead of O(workers); one pool created before the ' +
    'loop can run every batch.',
  example:
    'from concurrent.futures import ProcessPoolExecutor\n' +
    '\n' +
    'def run(batches, work):\n' +
    '    for batch in batches:\n' +
    '        with ProcessPoolExecutor() as pool:\n' +
    '            yield list(pool.map(work, batch))\n',
  useInstead:
    'from concurrent.futures import ProcessPoolExecutor\n' +
    '\n' +
    'def run(batches, work):\n' +
    '    with ProcessPoolExecutor() as pool:\n' +
    '        for batch in batches:\n' +
    '            yield list(pool.map(work, batch))\n',
  evidence:
    'multiprocessing documentation: worker processes are started when the pool is created, and with the "spawn" ' +
    'start method (the default on macOS and Windows) each one starts a fresh interpreter and re-imports the main ' +
    'module (https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods).',
  knownLimits:
    'When not to: when each iteration really needs a fresh pool (different initializer or worker count, isolating ' +
    'crashes or leaks with a new set of processes), or when the loop runs a fixed handful of times (retries, a ' +
    'couple of configurations: loops over literals or `range(n)` with n ≤ 4 are not flagged). Pools created by ' +
    'a helper function called in the loop are not seen.',
  message: (d) =>
    `\`${d.pool}(...)\` is created on every iteration of the loop at line ${d.loopLine}: its ${d.kind === 'process' ? 'worker processes are' : 'threads are'} started and joined each time; create the pool once outside the loop`,
  create(ctx) {
    if (!importsPoolModule(ctx.moduleFacts)) return {};
    return {
      [CALL_KEY]: (node: Call) => {
        const f = node.func;
        const name = f._type === 'Name' ? f.id : f._type === 'Attribute' ? f.attr : undefined;
        if (name === undefined || !POOL_NAMES.has(name)) return;
        const pool = poolConstructor(ctx.semantic, node);
        if (!pool) return;
        const loop = repeatingLoop(ctx.semantic, node);
        if (!loop) return;
        const at = loop.node._type === 'comprehension' ? (loop.owner as { lineno: number }).lineno : loop.node.lineno;
        ctx.report(node, { pool: pool.label, kind: pool.kind, loopLine: at });
      },
    };
  },
});
