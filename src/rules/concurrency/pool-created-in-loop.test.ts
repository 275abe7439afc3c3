// HS303 cases: pools created per iteration, and look-alikes (pools created once, short fixed loops,
// unknown constructors) that must stay silent.
import rule from './pool-created-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import multiprocessing\nfor chunk in chunks:\n    with multiprocessing.Pool(4) as p:\n        p.map(f, chunk)\n', lines: [3] },
    { code: 'from concurrent.futures import ThreadPoolExecutor\ndef f(jobs):\n    while jobs:\n        ex = ThreadPoolExecutor(8)\n        ex.submit(jobs.pop())\n', lines: [4] },
    { code: 'import multiprocessing as mp\ndef f(parts):\n    return [mp.get_context("spawn").Pool(2) for p in parts]\n', lines: [3] },
    { code: 'from multiprocessing.pool import ThreadPool\nfor url_batch in batches:\n    ThreadPool(4).map(fetch, url_batch)\n', lines: [3] },
  ],
  notFlagged: [
    { code: 'import multiprocessing\nwith multiprocessing.Pool(4) as p:\n    for chunk in chunks:\n        p.map(f, chunk)\n', why: 'the pool is created once' },
    { code: 'from concurrent.futures import ProcessPoolExecutor\nfor method in ("fork", "spawn"):\n    with ProcessPoolExecutor() as ex:\n        pass\n', why: 'a loop over a two-item literal' },
    { code: 'from concurrent.futures import ProcessPoolExecutor\nfor attempt in range(3):\n    with ProcessPoolExecutor() as ex:\n        pass\n', why: 'a short retry loop' },
    { code: 'for cfg in configs:\n    with executor_type(cfg) as ex:\n        pass\n', why: 'an unknown constructor' },
    { code: 'from concurrent.futures import ThreadPoolExecutor\nfor job in jobs:\n    def run():\n        return ThreadPoolExecutor()\n', why: 'the def runs only when called' },
  ],
});
