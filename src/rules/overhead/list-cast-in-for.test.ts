// HS501 cases: `for x in list(xs)` copies, and look-alikes where the copy is needed or unknown.
import rule from './list-cast-in-for.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(xs: list[int]):\n    for x in list(xs):\n        print(x)\n', output: 'def f(xs: list[int]):\n    for x in xs:\n        print(x)\n', lines: [2] },
    { code: 'for x in list((1, 2, 3)):\n    print(x)\n', output: 'for x in (1, 2, 3):\n    print(x)\n' },
    { code: 'def f(n):\n    for i in list(range(n)):\n        print(i)\n', output: 'def f(n):\n    for i in range(n):\n        print(i)\n' },
    { code: 'def f(text):\n    words = text.split()\n    for w in list(words):\n        print(w.upper())\n', output: 'def f(text):\n    words = text.split()\n    for w in words:\n        print(w.upper())\n', name: 'a local list only read in the body' },
  ],
  notFlagged: [
    { code: 'def f(xs: list[int]):\n    for x in list(xs):\n        if x < 0:\n            xs.remove(x)\n', why: 'the body mutates the list: the copy is needed' },
    { code: 'def f(d: dict):\n    for k in list(d):\n        del d[k]\n', why: 'snapshot of a dict being changed' },
    { code: 'def f(d: dict):\n    for k in list(d):\n        print(k)\n', why: 'dicts are left alone: list(d) is the usual deliberate snapshot' },
    { code: 'def f(items):\n    for x in list(items):\n        print(x)\n', why: 'unknown iterable: may be a one-shot iterator or a view being changed' },
    { code: 'class C:\n    def f(self):\n        for x in list(self.items):\n            self.handle(x)\n', why: 'attribute: a callback may change it' },
    { code: 'ITEMS = [1, 2]\ndef f():\n    for x in list(ITEMS):\n        handle(x)\n', why: 'a module-level list and a call that might change it' },
    { code: 'def list(x):\n    return x\nfor x in list([1, 2]):\n    print(x)\n', why: '`list` is a user function' },
    { code: 'def f(xs: list[int]):\n    for x in list(xs):\n        consume(xs)\n', why: 'the list is passed to a function that may mutate it' },
  ],
});
