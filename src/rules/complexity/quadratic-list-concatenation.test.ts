// HS106 cases: lists/tuples concatenated one piece at a time, and look-alikes that must stay silent.
import rule from './quadratic-list-concatenation.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'flat = sum(groups, [])\n', lines: [1] },
    { code: 'flat = sum(groups, start=[])\n', lines: [1], name: 'start as a keyword' },
    { code: 'import functools, operator\nflat = functools.reduce(operator.add, groups, [])\n', lines: [2] },
    { code: 'from functools import reduce\nflat = reduce(lambda a, b: a + b, groups, [])\n', lines: [2] },
    { code: 'def f(groups):\n    out = []\n    for g in groups:\n        out = out + g\n    return out\n', lines: [4] },
    { code: 'def f(items):\n    out = []\n    for x in items:\n        out = [x] + out\n    return out\n', lines: [4], name: 'prepending' },
    { code: 'def f(items):\n    key = ()\n    for x in items:\n        key += (x,)\n    return key\n', lines: [4], name: 'a tuple grown with +=' },
  ],
  notFlagged: [
    { code: 'total = sum(numbers)\n', why: 'numbers' },
    { code: 'total = sum(numbers, 0.0)\n', why: 'a numeric start' },
    { code: 'import functools, operator\ntotal = functools.reduce(operator.add, numbers)\n', why: 'no list start: could be numbers' },
    { code: 'import functools, operator\nflat = functools.reduce(operator.iadd, groups, [])\n', why: 'iadd extends in place: linear' },
    { code: 'def f(groups):\n    out = []\n    for g in groups:\n        out += g\n', why: 'list += extends in place' },
    { code: 'def f(groups, out):\n    for g in groups:\n        out = out + g\n', why: 'unannotated parameter: could be numbers or arrays' },
    { code: 'def f(rows):\n    for r in rows:\n        cells = []\n        cells = cells + r\n', why: 'reset every iteration' },
    { code: 'def f(levels):\n    counts = []\n    for b in levels:\n        if b >= len(counts):\n            counts = counts + [0] * (b - len(counts) + 1)\n        counts[b] += 1\n', why: 'grows only when an index outgrows the list' },
    { code: 'def sum(a, b):\n    return a\nflat = sum(groups, [])\n', why: '`sum` is a local function' },
  ],
});
