// HS107 cases: joins written as nested loops, and look-alikes that must stay silent.
import rule from './nested-loop-join.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    {
      code: 'def f(orders, customers):\n    for o in orders:\n        for c in customers:\n            if c.id == o.customer_id:\n                o.customer = c\n',
      lines: [3],
    },
    {
      name: 'with a break after the first match, subscript keys',
      code: 'def f(rows, lookup):\n    for r in rows:\n        for item in lookup:\n            if r[0] == item["key"]:\n                r.append(item)\n                break\n',
      lines: [3],
    },
    {
      name: 'a comprehension join',
      code: 'def f(a, b):\n    return [(x, y) for x in a for y in b if x.k == y.k]\n',
      lines: [2],
    },
  ],
  notFlagged: [
    { code: 'def f(a, b):\n    for x in a:\n        for y in b:\n            if x.k == y.k:\n                pass\n            print(y)\n', why: 'the inner body does more than the key test' },
    { code: 'def f(a, b):\n    for x in a:\n        for y in b:\n            if y.k > x.k:\n                pass\n', why: 'an ordering comparison is not a key join' },
    { code: 'def f(a):\n    for x in a:\n        for y in x.children:\n            if y.k == x.k:\n                pass\n', why: 'the inner collection depends on the outer item' },
    { code: 'def f(a, b):\n    for x in a:\n        for y in b:\n            if y.k == 3:\n                pass\n', why: 'compares with a constant, not the outer item' },
    { code: 'def f(a, b: dict):\n    for x in a:\n        for y in b:\n            if y == x:\n                pass\n', why: 'iterating a dict: that is `x in b`, not a join' },
    { code: 'def f(a, b):\n    for x in a:\n        for y in b:\n            if f(y) == x:\n                pass\n', why: 'a computed key (call) is left alone' },
    { code: 'def f(a, b):\n    for x in a:\n        for y in b:\n            if y.k == x.k:\n                pass\n            else:\n                pass\n', why: 'an else branch does work for non-matching pairs' },
  ],
});
