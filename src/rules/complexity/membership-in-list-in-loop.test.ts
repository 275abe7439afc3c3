// HS101 cases: membership in a list/tuple inside loops, and the look-alikes that must stay silent.
import rule from './membership-in-list-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    {
      name: 'the classic seen list',
      code: 'def unique(items):\n    seen = []\n    for x in items:\n        if x not in seen:\n            seen.append(x)\n    return seen\n',
      lines: [4],
    },
    {
      name: 'a list built before the loop, tested in a comprehension',
      code: 'def common(a, text):\n    words = text.split()\n    return [x for x in a if x in words]\n',
      lines: [3],
    },
    {
      name: 'a self attribute list',
      code: 'class Q:\n    def __init__(self):\n        self.done = []\n    def run(self, jobs):\n        for j in jobs:\n            if j in self.done:\n                continue\n            self.done.append(j)\n',
      lines: [6],
    },
    {
      name: 'a while test is evaluated every iteration',
      code: 'def f(q, stop: list[int]):\n    while q.peek() not in stop:\n        q.pop()\n',
      lines: [2],
    },
    {
      name: 'a call returning a list, with unchanging arguments',
      code: 'def names():\n    return [u.name for u in USERS]\n\ndef f(rows):\n    for r in rows:\n        if r in names():\n            yield r\n',
      lines: [6],
    },
    {
      name: 'a long literal bound to a name',
      code: 'KEYWORDS = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p")\ndef count(tokens):\n    return sum(1 for t in tokens if t in KEYWORDS)\n',
      lines: [3],
    },
    {
      name: 'the values view of a dict',
      code: 'def f(rows):\n    owners = {}\n    for r in rows:\n        if r.user in owners.values():\n            continue\n        owners[r.id] = r.user\n',
      lines: [4],
    },
  ],
  notFlagged: [
    { code: 'def f(points, taken: list):\n    for x, y in points:\n        if [x, y] in taken:\n            pass\n', why: 'the item is a list: unhashable, no set can help' },
    { code: 'def f(items):\n    seen = set()\n    for x in items:\n        if x in seen:\n            pass\n', why: 'a set: O(1) membership' },
    { code: 'def f(items, d: dict):\n    for x in items:\n        if x in d.keys():\n            pass\n', why: 'dict keys view: O(1) membership' },
    { code: 'def f(items, d):\n    for x in items:\n        if x in d.values():\n            pass\n', why: 'd is not known to be a dict (a DataFrame has .values too)' },
    { code: 'def f(items):\n    for x in items:\n        if x in range(10):\n            pass\n', why: 'range membership is O(1) for ints' },
    { code: 'def f(lines):\n    for line in lines:\n        if "#" in line:\n            pass\n', why: 'a substring test on a str' },
    { code: 'def f(items, pool):\n    for x in items:\n        if x in pool:\n            pass\n', why: 'unannotated parameter: shape unknown' },
    { code: 'def f(lines):\n    for line in lines:\n        parts = line.split()\n        if "x" in parts:\n            pass\n', why: 'rebuilt on every iteration: a fresh, per-item list' },
    { code: 'def f(x):\n    names = load()\n    if x in names:\n        pass\n', why: 'not in a loop' },
    { code: 'def f(items):\n    for x in items:\n        if x in [1, 2, 3]:\n            pass\n', why: 'a literal written in place is HS102' },
    { code: 'MODES = ("r", "w", "a")\ndef f(items):\n    for m in items:\n        if m in MODES:\n            pass\n', why: 'a small fixed tuple of constants' },
    { code: 'def f(pool: list[int]):\n    while True:\n        if 3 in pool:\n            pass\n        break\n', why: 'a loop that always breaks on its first pass' },
    { code: 'def f(pool: list[int]):\n    for k in ("a", "b"):\n        if k in pool:\n            pass\n', why: 'a loop over a two-element literal' },
    { code: 'def f(rows, pool: list[int]):\n    for r in rows:\n        def check(v):\n            return v in pool\n', why: 'inside a def in the loop: runs when called, not per iteration' },
    { code: 'def f(edges):\n    seen = []\n    for a, b in edges:\n        if [a, b] not in seen:\n            seen.append([a, b])\n', why: 'holds lists: unhashable, no set can replace it' },
    { code: 'def f(rows):\n    names = [str(c) for c in ("a", "b", "c")]\n    for r in rows:\n        if r in names:\n            pass\n', why: 'a comprehension over a 3-element literal: fixed and tiny' },
    { code: 'def f(ask):\n    choice = ""\n    choices = "1 2 3 4".split()\n    while choice not in choices:\n        choice = ask()\n', why: 'splitting a constant string: 4 fixed elements' },
    { code: 'BASE = ["a", "b"]\ndef f(rows):\n    allowed = BASE + ["c"]\n    for r in rows:\n        if r in allowed:\n            pass\n', why: 'two fixed literals joined: still 3 elements' },
    { code: 'def f(rows, xs):\n    out = []\n    if xs:\n        out = xs\n    for r in rows:\n        if r in out:\n            pass\n', why: 'one binding of `out` has an unknown shape' },
  ],
});
