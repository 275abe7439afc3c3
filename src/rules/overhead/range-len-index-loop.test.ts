// HS508 cases: range(len(x)) loops that only read x[i], and loops that need the index.
import rule from './range-len-index-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(xs):\n    s = 0\n    for i in range(len(xs)):\n        s += xs[i]\n    return s\n', lines: [3] },
    { code: 'class C:\n    def f(self):\n        for i in range(len(self.rows)):\n            print(self.rows[i])\n', lines: [3], name: 'self attribute' },
  ],
  notFlagged: [
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        xs[i] = 0\n', why: 'writes xs[i]' },
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        print(i, xs[i])\n', why: 'uses i itself: enumerate territory' },
    { code: 'def f(xs, ys):\n    for i in range(len(xs)):\n        print(xs[i] + ys[i])\n', why: 'indexes another sequence too (zip territory)' },
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        print(xs[i + 1])\n', why: 'computes with i' },
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        xs.append(xs[i])\n', why: 'the sequence grows during the loop' },
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        print(xs[i])\n    return i\n', why: 'i is read after the loop' },
    { code: 'def f(xs):\n    for i in range(len(xs)):\n        pass\n', why: 'i unused: a different pattern' },
    { code: 'class S:\n    def __iter__(self):\n        for i in range(len(self)):\n            yield self[i]\n', why: 'a sequence class defining its own iteration: `for x in self` would recurse' },
  ],
});
