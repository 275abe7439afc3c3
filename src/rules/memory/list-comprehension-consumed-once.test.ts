// HS204 cases: list comprehensions consumed once by a loop or a reducing builtin, and the
// look-alikes (join, snapshots before mutation, shadowed builtins) that must stay silent.
import rule from './list-comprehension-consumed-once.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'total = sum([x * x for x in xs])\n', output: 'total = sum(x * x for x in xs)\n', lines: [1] },
    { code: 'ok = any([check(x) for x in xs])\n', output: 'ok = any(check(x) for x in xs)\n', lines: [1] },
    { code: 'ok = all([x > 0 for x in xs])\n', output: 'ok = all(x > 0 for x in xs)\n' },
    { code: 'top = max([len(w) for w in words], default=0)\n', output: 'top = max((len(w) for w in words), default=0)\n' },
    { code: 'total = sum([x for x in xs],)\n', output: 'total = sum((x for x in xs),)\n', name: 'trailing comma keeps the parentheses' },
    { code: 'def f(ys):\n    for x in [g(y) for y in ys]:\n        print(x)\n', output: 'def f(ys):\n    for x in (g(y) for y in ys):\n        print(x)\n', lines: [2] },
    { code: 'def f(ys):\n    return [x + 1 for x in [y * 2 for y in ys]]\n', output: 'def f(ys):\n    return [x + 1 for x in (y * 2 for y in ys)]\n', lines: [2] },
  ],
  notFlagged: [
    { code: 's = "".join([str(x) for x in xs])\n', why: 'join materialises a sequence anyway; a list is faster there' },
    { code: 'def f(d):\n    for k in [k for k in d if k.startswith("_")]:\n        del d[k]\n', why: 'a snapshot taken before mutating the source' },
    { code: 'def f(items):\n    for x in [i for i in items]:\n        items.remove(x)\n', why: 'the body changes the iterated list' },
    { code: 'total = sum(x * x for x in xs)\n', why: 'already a generator expression' },
    { code: 'def sum(xs):\n    return 0\ntotal = sum([x for x in xs])\n', why: 'sum is not the builtin here' },
    { code: 'ys = sorted([x for x in xs])\n', why: 'sorted builds a list anyway' },
    { code: 'm = max([a for a in xs], [b for b in ys])\n', why: 'max over two lists compares the lists themselves' },
    { code: 'for x in [1, 2, 3]:\n    pass\n', why: 'a literal list, not a comprehension' },
    { code: 'for x in [f(y) for y in CACHE]:\n    refresh()\n', why: 'a global source and a call in the body that may change it' },
  ],
});
