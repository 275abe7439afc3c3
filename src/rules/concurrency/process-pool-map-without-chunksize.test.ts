// HS302 cases: process pools fed cheap tasks one item at a time, and look-alikes (Pool.map,
// chunksize given, expensive or unknown tasks, small inputs, thread pools).
import rule from './process-pool-map-without-chunksize.js';
import { testRule } from '../testing.js';

const SQUARE = 'def square(x):\n    return x * x\n\n';

testRule(rule, {
  flagged: [
    { code: 'from multiprocessing import Pool\n' + SQUARE + 'with Pool() as pool:\n    total = sum(pool.imap(square, range(10**6)))\n', lines: [6] },
    { code: 'import multiprocessing\n' + SQUARE + 'def f(xs):\n    with multiprocessing.Pool(4) as pool:\n        return list(pool.imap_unordered(square, xs))\n', lines: [7] },
    { code: 'from concurrent.futures import ProcessPoolExecutor\n' + SQUARE + 'def f(xs):\n    with ProcessPoolExecutor() as ex:\n        return list(ex.map(square, xs))\n', lines: [7] },
    { code: 'from concurrent.futures import ProcessPoolExecutor\ndef f(xs):\n    ex = ProcessPoolExecutor()\n    return ex.map(abs_diff, xs, xs[1:])\n\ndef abs_diff(a, b):\n    return abs(a - b)\n', lines: [4] },
  ],
  notFlagged: [
    { code: 'from multiprocessing import Pool\n' + SQUARE + 'with Pool() as pool:\n    total = sum(pool.map(square, range(10**6)))\n', why: 'Pool.map picks a chunk size itself' },
    { code: 'from multiprocessing import Pool\n' + SQUARE + 'with Pool() as pool:\n    total = sum(pool.imap(square, range(10**6), chunksize=1000))\n', why: 'chunksize given' },
    { code: 'from multiprocessing import Pool\n' + SQUARE + 'with Pool() as pool:\n    total = sum(pool.imap(square, range(10**6), 500))\n', why: 'chunksize given by position' },
    { code: 'from multiprocessing import Pool\ndef work(x):\n    return sum(i * x for i in range(10**6))\n\nwith Pool() as pool:\n    out = list(pool.imap(work, xs))\n', why: 'each task loops: not cheap' },
    { code: 'from multiprocessing import Pool\nwith Pool() as pool:\n    out = list(pool.imap(render_page, pages))\n', why: 'an imported task of unknown cost' },
    { code: 'from multiprocessing import Pool\n' + SQUARE + 'with Pool() as pool:\n    out = list(pool.imap(square, [1, 2, 3]))\n', why: 'three items' },
    { code: 'from concurrent.futures import ThreadPoolExecutor\n' + SQUARE + 'with ThreadPoolExecutor() as ex:\n    out = list(ex.map(square, xs))\n', why: 'threads: no pickling or IPC per item' },
    { code: 'from concurrent.futures import ProcessPoolExecutor\n' + SQUARE + 'with ProcessPoolExecutor() as ex:\n    out = list(ex.map(square, xs, chunksize=256))\n', why: 'chunksize given' },
  ],
});
