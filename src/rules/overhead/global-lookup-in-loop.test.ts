// HS505 cases: global reads in loops that also store a global (cache defeated before 3.11).
import rule from './global-lookup-in-loop.js';
import { testRule } from '../testing.js';

const targetVersion = { major: 3 as const, minor: 10 };
const tally = 'count = 0\ndef tally(words):\n    global count\n    for w in words:\n        count += len(w)\n';

testRule(rule, {
  flagged: [
    { code: tally, targetVersion, lines: [5] },
    { code: 'last = None\ndef f(xs):\n    global last\n    for x in xs:\n        last = norm(x)\n        emit(last)\n', targetVersion: { major: 3, minor: 8 }, lines: [5], name: 'module function reads' },
  ],
  notFlagged: [
    { code: 'flag = 0\ndef f(opts):\n    global flag\n    for o in opts:\n        if o == "-v":\n            flag = len(o)\n', targetVersion, why: 'a conditional store (option parsing): not every iteration' },
    { code: tally.replace('words', 'items'), why: 'default target 3.13: the specialised cache survives value stores' },
    { code: 'def f(rows):\n    n = 0\n    for a, b in rows:\n        n += len(a) + len(b)\n    return n\n', targetVersion, why: 'no global store: the lookup cache works (measured ~0 ns per read)' },
    { code: 'count = 0\ndef tally(words):\n    global count\n    total = 0\n    for w in words:\n        total += len(w)\n    count = total\n', targetVersion, why: 'the global is stored once after the loop' },
    { code: 'count = 0\ndef tally(words):\n    global count\n    for w in words:\n        count += 1\n', targetVersion, why: 'no other global read in the loop' },
    { code: 'count = 0\ndef tally(wss):\n    global count\n    for ws in wss:\n        count += len(ws)\n        for w in ws:\n            pass\n', targetVersion, why: 'not the innermost loop' },
  ],
});
