// HS109 cases: counting a copy of a collection that already has a length, and look-alikes.
import rule from './len-of-copied-collection.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'names = ["a", "b"]\nn = len(list(names))\n', output: 'names = ["a", "b"]\nn = len(names)\n', lines: [2] },
    { code: 'def f(d: dict):\n    return len(list(d.keys()))\n', output: 'def f(d: dict):\n    return len(d.keys())\n' },
    { code: 'seen = set()\nn = len(sorted(seen, reverse=True))\n', output: 'seen = set()\nn = len(seen)\n' },
    { code: 'def f(text: str):\n    return len(tuple(text))\n', output: 'def f(text: str):\n    return len(text)\n' },
    { code: 'counts = {}\ntotal = len(list(counts.items()))\n', output: 'counts = {}\ntotal = len(counts.items())\n' },
    { code: 'n = len(list(range(10)))\n', output: 'n = len(range(10))\n' },
  ],
  notFlagged: [
    { code: 'def f(it):\n    return len(list(it))\n', why: 'an unknown iterable may be an iterator: the copy is how it is counted' },
    { code: 'n = len(list(x for x in data))\n', why: 'a generator has no length' },
    { code: 'names = ["a", "a"]\nn = len(set(names))\n', why: 'a set counts distinct items: a different number' },
    { code: 'names = ["a"]\ncopy = list(names)\nn = len(copy)\n', why: 'the copy is kept and used, not only counted' },
    { code: 'def len(x):\n    return 0\nnames = ["a"]\nn = len(list(names))\n', why: '`len` is a local function, not the builtin' },
    { code: 'def f(obj):\n    return len(list(obj.keys()))\n', why: 'keys() of an object not known to be a dict may return an iterator' },
    { code: 'names = ["a"]\nn = len(list(*names))\n', why: 'a starred argument is not the collection itself' },
  ],
});
