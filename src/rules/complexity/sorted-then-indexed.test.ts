// HS108 cases: flagged `sorted(...)[0|-1]` and the look-alikes that must stay silent.
import rule from './sorted-then-indexed.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'lowest = sorted(scores)[0]  # the best score\n', output: 'lowest = min(scores)  # the best score\n', lines: [1] },
    { code: 'highest = sorted(scores)[-1]\n', output: 'highest = max(scores)\n' },
    { code: 'top = sorted(users, key=lambda u: u.age, reverse=True)[0]\n', output: 'top = max(users, key=lambda u: u.age)\n' },
    { code: 'last = sorted(users, reverse=True)[-1]\n', output: 'last = min(users)\n' },
    {
      name: 'spread over lines, inside a function',
      code: 'def newest(files):\n    return sorted(\n        files,\n        key=os.path.getmtime,\n    )[-1]\n',
      output: 'def newest(files):\n    return max(files, key=os.path.getmtime)\n',
      lines: [2],
    },
    { code: 'x = sorted(a)[0] + sorted(b)[-1]\n', output: 'x = min(a) + max(b)\n', lines: [1] },
    {
      name: 'a comment inside the call (the fix drops it, so it is display-only)',
      code: 'cheapest = sorted(\n    # prices may be missing\n    specs,\n    key=price,\n)[0]\n',
      output: 'cheapest = min(specs, key=price)\n',
      lines: [1],
    },
  ],
  notFlagged: [
    { code: 'second = sorted(scores)[1]\n', why: 'an inner index needs the order' },
    { code: 'head = sorted(scores)[:3]\n', why: 'a slice is a different pattern (heapq.nsmallest)' },
    { code: 'ordered = sorted(scores)\nfirst = ordered[0]\n', why: 'the sorted list is kept and may be used again' },
    { code: 'def sorted(x):\n    return x\nfirst = sorted(items)[0]\n', why: '`sorted` is a local function, not the builtin' },
    { code: 'first = sorted(items, reverse=descending)[0]\n', why: 'the direction is only known at run time' },
    { code: 'first = sorted(*groups)[0]\n', why: 'a starred argument is not one iterable' },
    { code: 'first = data.sorted(items)[0]\n', why: 'a method named sorted is not the builtin' },
  ],
});
