// HS510 cases: literal templates formatted with .format/% in tight loops.
import rule from './str-format-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(ps):\n    for x, y in ps:\n        print("{} {}".format(x, y))\n', lines: [3] },
    { code: 'def f(ps):\n    return ["%s=%d" % (k, v) for k, v in ps]\n', lines: [2], name: 'percent, comprehension, target 3.10', targetVersion: { major: 3, minor: 10 } },
    { code: 'def f(names):\n    for n in names:\n        emit("hello %s" % n)\n', lines: [3], name: 'one conversion, one operand, target 3.9', targetVersion: { major: 3, minor: 9 } },
  ],
  notFlagged: [
    { code: 'def g(ps):\n    return ["%s=%d" % (k, v) for k, v in ps]\n', why: '% on target 3.13: within 8% of an f-string' },
    { code: 'def f(ps, tpl):\n    for p in ps:\n        print(tpl.format(p))\n', why: 'template not a literal' },
    { code: 'def f(ps):\n    for p in ps:\n        print("%(a)s" % p)\n', why: 'mapping template', targetVersion: { major: 3, minor: 10 } },
    { code: 'def f(ps):\n    for p in ps:\n        print("%s and %s" % p)\n', why: 'operand may be a tuple', targetVersion: { major: 3, minor: 10 } },
    { code: 'def f(ps):\n    for p in ps:\n        print("{a}".format(**p))\n', why: 'keyword unpacking' },
    { code: 'def f(p):\n    return "{}".format(p)\n', why: 'not in a loop' },
    { code: 'for p in ps:\n    print("{}".format(p))\n', why: 'module-level code' },
    { code: 'def f(ps):\n    for p in ps:\n        print(b"%s" % p)\n', why: 'bytes', targetVersion: { major: 3, minor: 10 } },
    { code: 'def f(xs):\n    for x in xs:\n        try:\n            g(x)\n        except E as e:\n            fail("{}: {}".format(x, e))\n', why: 'the error path' },
    { code: 'def f(n):\n    for i in range(n):\n        print(i % 2)\n', why: 'modulo on numbers', targetVersion: { major: 3, minor: 10 } },
  ],
});
