// HS505 cases: repeated builtin/global calls in tight loops when targeting Python < 3.11.
import rule from './global-lookup-in-loop.js';
import { testRule } from '../testing.js';

const v310 = { major: 3 as const, minor: 10 };

testRule(rule, {
  flagged: [
    { code: 'def f(rows):\n    n = 0\n    for a, b in rows:\n        n += len(a) + len(b)\n    return n\n', targetVersion: v310, lines: [4] },
    { code: 'def norm(x):\n    return x\ndef f(xs):\n    for x in xs:\n        yield norm(x) + norm(-x)\n', targetVersion: v310, lines: [5], name: 'a module-level function' },
  ],
  notFlagged: [
    { code: 'def g(rows):\n    n = 0\n    for a, b in rows:\n        n += len(a) + len(b)\n    return n\n', why: 'default target 3.13: global lookups are specialised' },
    { code: 'def f(xs):\n    for x in xs:\n        print(len(x))\n', targetVersion: v310, why: 'a single call of each name per iteration' },
    { code: 'def f(xs, len=len):\n    for x in xs:\n        print(len(x), len(x))\n', targetVersion: v310, why: 'already a local alias' },
    { code: 'for x in xs:\n    print(len(x), len(x))\n', targetVersion: v310, why: 'module-level code: every name is global anyway' },
    { code: 'def f(xss):\n    for xs in xss:\n        print(len(xs), len(xs))\n        for x in xs:\n            pass\n', targetVersion: v310, why: 'not the innermost loop' },
  ],
});
