// HS503 cases: try/except directly in a tight loop body, only when targeting Python < 3.11.
import rule from './try-except-in-loop.js';
import { testRule } from '../testing.js';

const v310 = { major: 3 as const, minor: 10 };
const loop = 'def f(xs):\n    for x in xs:\n        try:\n            int(x)\n        except ValueError:\n            pass\n';

testRule(rule, {
  flagged: [
    { code: loop, targetVersion: v310, lines: [3] },
    { code: 'def f(q):\n    while q:\n        try:\n            item = next(q)\n        except OSError:\n            pass\n', targetVersion: { major: 3, minor: 8 }, lines: [3], name: 'while loop, target 3.8' },
  ],
  notFlagged: [
    { code: 'def f(names):\n    for n in names:\n        try:\n            __import__(n)\n        except ImportError:\n            pass\n', targetVersion: v310, why: 'an import per iteration dwarfs the setup' },
    { code: 'def f(xs):\n    for x in xs:\n        try:\n            handle(x)\n        except ValueError:\n            pass\n', targetVersion: v310, why: 'the body calls a function: the setup cost is invisible next to it' },
    { code: loop.replace('xs', 'ys'), why: 'default target 3.13: zero-cost exceptions' },
    { code: loop.replace('xs', 'zs'), targetVersion: { major: 3, minor: 11 }, why: 'target 3.11: zero-cost exceptions' },
    { code: 'def f(xs):\n    try:\n        for x in xs:\n            int(x)\n    except ValueError:\n        pass\n', targetVersion: v310, why: 'try around the loop' },
    { code: 'def f(xs):\n    for x in xs:\n        try:\n            int(x)\n        finally:\n            done()\n', targetVersion: v310, why: 'try/finally without a handler' },
    { code: 'def f(xs):\n    for x in xs:\n        if x:\n            try:\n                int(x)\n            except ValueError:\n                pass\n', targetVersion: v310, why: 'not a statement of the loop body itself' },
    { code: 'def f(xss):\n    for xs in xss:\n        try:\n            for x in xs:\n                int(x)\n        except ValueError:\n            pass\n', targetVersion: v310, why: 'the loop contains another loop: not the tight one' },
    { code: 'for x in xs:\n    try:\n        int(x)\n    except ValueError:\n        pass\n', targetVersion: v310, why: 'module-level code, not a function' },
  ],
});
