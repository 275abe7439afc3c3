// HS504 cases: method chains looked up on every iteration, and look-alikes that may change.
import rule from './loop-invariant-attribute-chain.js';
import { testRule } from '../testing.js';

const targetVersion = { major: 3 as const, minor: 10 };

const cls = (body: string) => `class C:\n    def __init__(self):\n        self.buf = Buf()\n\n    def run(self, xs):\n${body}`;

testRule(rule, {
  flagged: [
    { code: cls('        for x in xs:\n            self.buf.data.append(x)\n'), lines: [7], targetVersion },
    { code: 'def f(obj, xs):\n    for x in xs:\n        obj.out.write(x)\n', lines: [3], name: 'a parameter root', targetVersion },
    { code: cls('        for x in xs:\n            self.buf.data.append(x)\n            self.buf.data.append(-x)\n'), lines: [7], name: 'reported once per chain per loop', targetVersion },
  ],
  notFlagged: [
    { code: 'def f(obj, xs):\n    for x in xs:\n        if x:\n            obj.out.write(x)\n', why: 'in a branch: runs on some iterations only', targetVersion },
    { code: 'def f(obj, xs):\n    for x in xs:\n        obj.out.write(x)\n        obj.out.flush()\n', why: 'default target 3.13: attribute lookups are specialised' },
    { code: cls('        for x in xs:\n            self.buf.append(x)\n            self.buf = Buf()\n'), why: 'the chain is rebound in the loop', targetVersion },
    { code: cls('        for x in xs:\n            self.buf.data.append(x)\n\n    def reset(self):\n        self.buf = Buf()\n'), why: 'self.buf is reassigned outside __init__: a call could change it', targetVersion },
    { code: 'def f(xs):\n    for x in xs:\n        x.out.write(1)\n', why: 'the root is the loop variable', targetVersion },
    { code: 'import os\ndef f(xs):\n    for x in xs:\n        os.path.join(x, "a")\n', why: 'a module chain is HS506', targetVersion },
    { code: 'def f(obj, xs):\n    for x in xs:\n        obj.out.write(x)\n        obj.out = other()\n', why: 'the link `out` is assigned in the loop', targetVersion },
    { code: 'def f(obj, xs):\n    for x in xs:\n        setattr(obj, x, 1)\n        obj.out.write(x)\n', why: 'setattr may rebind anything', targetVersion },
    { code: 'def f(obj, xss):\n    for xs in xss:\n        obj.out.write(xs)\n        for x in xs:\n            pass\n', why: 'not the innermost loop', targetVersion },
    { code: 'def f(obj, xs):\n    for x in xs:\n        obj.write(x)\n', why: 'a single lookup: nothing to hoist beyond the method', targetVersion },
    { code: 'for x in xs:\n    obj.out.write(x)\n', why: 'module-level code', targetVersion },
  ],
});
