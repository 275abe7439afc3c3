// HS301 cases: pure-Python loops run on threads, and look-alikes whose tasks do I/O, block, or are unknown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import rule from './threads-for-cpu-bound-work.js';
import { runRule, testRule } from '../testing.js';
import { packageFile } from '../../util/package-root.js';

const CRUNCH = 'import math\n\ndef crunch(xs):\n    s = 0.0\n    for x in xs:\n        s += math.sqrt(x) * 2\n    return s\n\n';

testRule(rule, {
  flagged: [
    { name: 'with ThreadPoolExecutor() as pool: pool.map(f, …)', code: 'from concurrent.futures import ThreadPoolExecutor\n' + CRUNCH + 'with ThreadPoolExecutor(4) as pool:\n    out = list(pool.map(crunch, chunks))\n', lines: [11] },
    { name: 'pool = ThreadPoolExecutor(); pool.submit(f, …)', code: 'import concurrent.futures as cf\n' + CRUNCH + 'def run(chunks):\n    pool = cf.ThreadPoolExecutor()\n    return [pool.submit(crunch, c) for c in chunks]\n', lines: [12] },
    { name: 'threading.Thread(target=f)', code: 'import threading\n' + CRUNCH + 'ts = [threading.Thread(target=crunch, args=(c,)) for c in chunks]\n', lines: [10] },
    { name: 'Thread imported by name, target positional', code: 'from threading import Thread\n' + CRUNCH + 't = Thread(None, crunch, args=(xs,))\n', lines: [10] },
    { name: 'a lambda with a comprehension', code: 'from concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor() as ex:\n    futs = [ex.submit(lambda n: sum(i * i for i in range(n)), 10**6) for _ in range(4)]\n', lines: [3] },
    { name: 'a pure helper called from the task', code: 'from multiprocessing.pool import ThreadPool\n\ndef score(v):\n    return v * v % 7\n\ndef work(vals):\n    return sum(score(v) for v in vals)\n\nThreadPool(4).map(work, parts)\n', lines: [9] },
    { name: 'a method of the same class', code: 'import threading\nclass Job:\n    def run(self):\n        t = threading.Thread(target=self.compute)\n        t.start()\n    def compute(self):\n        total = 0\n        for i in range(10**7):\n            total += i\n        self.total = total\n', lines: [4] },
  ],
  notFlagged: [
    { code: 'import threading\n\ndef fetch(urls):\n    for u in urls:\n        data = urllib.request.urlopen(u).read()\n\nthreading.Thread(target=fetch, args=(urls,)).start()\n', why: 'the task does network I/O: threads are right' },
    { code: 'from concurrent.futures import ThreadPoolExecutor\n\ndef copy(paths):\n    for p in paths:\n        with open(p) as f:\n            f.read()\n\nThreadPoolExecutor().map(copy, groups)\n', why: 'the task reads files' },
    { code: 'import threading, time\n\ndef tick(n):\n    for _ in range(n):\n        time.sleep(1)\n\nthreading.Thread(target=tick, args=(5,)).start()\n', why: 'sleeps release the GIL' },
    { code: 'import threading\n\ndef worker(q):\n    while True:\n        item = q.get()\n        q.task_done()\n\nthreading.Thread(target=worker, args=(q,)).start()\n', why: 'a queue consumer blocks on get()' },
    { code: 'import hashlib\nfrom concurrent.futures import ThreadPoolExecutor\n\ndef digest(blobs):\n    for b in blobs:\n        hashlib.sha256(b).hexdigest()\n\nThreadPoolExecutor().map(digest, parts)\n', why: 'hashlib releases the GIL on large data' },
    { code: 'from concurrent.futures import ProcessPoolExecutor\n' + CRUNCH + 'with ProcessPoolExecutor() as pool:\n    pool.map(crunch, chunks)\n', why: 'already a process pool' },
    { code: CRUNCH + 'def run(executor, chunks):\n    return executor.map(crunch, chunks)\n', why: 'the executor is a parameter of unknown kind' },
    { code: 'import threading\n\ndef add(a, b):\n    return a + b\n\nthreading.Thread(target=add, args=(1, 2)).start()\n', why: 'no loop: not a CPU-bound task' },
    { code: 'import threading\n\ndef run(cb, xs):\n    for x in xs:\n        cb(x)\n\nthreading.Thread(target=run, args=(print, xs)).start()\n', why: 'calls an unknown callback' },
    { code: 'import threading\nthreading.Thread(target=server.serve_forever).start()\n', why: 'the target is not a function of this module' },
    { code: 'import threading\n\ndef crunch(xs):\n    for x in xs:\n        print(x * 2)\n\nthreading.Thread(target=crunch, args=(xs,)).start()\n', why: 'print writes to a stream' },
    { code: 'from concurrent.futures import ThreadPoolExecutor\n\ndef load(names):\n    return list(map(fetch, names))\n\nThreadPoolExecutor().submit(load, names)\n', why: 'map calls an unknown function' },
  ],
});

describe('HS301 on the example service', () => {
  it('flags the thread pool running risk_score in examples/eventsvc/scoring.py', () => {
    const text = fs.readFileSync(packageFile('examples', 'eventsvc', 'scoring.py'), 'utf8');
    const lines = runRule(rule, text).findings.map((f) => f.range.start.line);
    assert.deepEqual(lines, [17]);
  });
});

describe('HS301 on the stdlib', () => {
  // Real thread users whose targets wait on sockets, pipes, queues and locks: threads are right there.
  const FILES = ['socketserver.py', 'multiprocessing/pool.py', 'multiprocessing/managers.py', 'multiprocessing/resource_sharer.py', 'concurrent/futures/thread.py', 'idlelib/run.py', 'multiprocessing/queues.py', 'asyncio/base_events.py'];
  const stdlib = spawnSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).stdout.trim();
  for (const file of FILES) {
    it(`stays silent on ${file}`, () => {
      const text = fs.readFileSync(path.join(stdlib, file), 'utf8');
      assert.deepEqual(runRule(rule, text).findings.map((f) => `${f.range.start.line}: ${f.message}`), []);
    });
  }
});
