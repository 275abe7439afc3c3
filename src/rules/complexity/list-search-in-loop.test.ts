// HS104 cases: remove/index/count on lists inside loops, and look-alikes that must stay silent.
import rule from './list-search-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(text):\n    words = text.split()\n    return {w: words.count(w) for w in words}\n', lines: [3] },
    { code: 'def f(items, drop):\n    keep = list(items)\n    for d in drop:\n        keep.remove(d)\n    return keep\n', lines: [4] },
    { code: 'def f(order: list[str], names):\n    return [order.index(n) for n in names]\n', lines: [2] },
    { code: 'ORDER = tuple(load())\ndef f(names):\n    for n in names:\n        print(ORDER.index(n))\n', lines: [4], name: 'index on a tuple' },
  ],
  notFlagged: [
    { code: 'def f(lines):\n    for line in lines:\n        print(line.count(","))\n', why: 'str.count searches a substring: different pattern' },
    { code: 'def f(text: str, subs):\n    for s in subs:\n        text.index(s)\n', why: 'str.index' },
    { code: 'def f(items, xs):\n    for x in xs:\n        items.remove(x)\n', why: 'unannotated parameter: shape unknown' },
    { code: 'def f(rows):\n    for row in rows:\n        cells = row.split()\n        cells.index("x")\n', why: 'a fresh list per iteration' },
    { code: 'def f(items: list[int]):\n    return items.index(3)\n', why: 'not in a loop' },
    { code: 'class P:\n    closers = [")", "]", "}"]\n    def f(self, tokens):\n        for t in tokens:\n            self.closers.index(t)\n', why: 'a 3-element fixed table' },
    { code: 'ORDER = ("a", "b")\ndef f(names):\n    for n in ORDER:\n        print(names.index(n))\n', why: 'names is unknown; the loop is over a fixed 2-tuple' },
  ],
});
