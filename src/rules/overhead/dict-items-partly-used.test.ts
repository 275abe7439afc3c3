// HS502 cases: `.items()` loops that use only keys or only values, and look-alikes using both.
import rule from './dict-items-partly-used.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def f(d: dict):\n    for k, v in d.items():\n        print(k)\n', output: 'def f(d: dict):\n    for k in d.keys():\n        print(k)\n', lines: [2] },
    { code: 'def f(d: dict):\n    for _, v in d.items():\n        print(v)\n', output: 'def f(d: dict):\n    for v in d.values():\n        print(v)\n' },
    { code: 'names = [k for k, _ in table.items()]\n', output: 'names = [k for k in table.keys()]\n', name: 'a comprehension, receiver of unknown type (unsafe fix)' },
    { code: 'def f(d: dict):\n    for (k, v) in d.items():\n        print(v)\n', output: 'def f(d: dict):\n    for v in d.values():\n        print(v)\n', name: 'parenthesized target' },
  ],
  notFlagged: [
    { code: 'def f(d):\n    for k, v in d.items():\n        print(k, v)\n', why: 'both parts used' },
    { code: 'def f(d):\n    for k, v in d.items():\n        print(v)\n    return k\n', why: 'the key is read after the loop (its last value)' },
    { code: 'def f(d):\n    for k, v in d.items():\n        pass\n', why: 'neither used: which one to keep is a guess' },
    { code: 'def f(d):\n    for k, (a, b) in d.items():\n        print(k)\n', why: 'nested unpacking target: left alone' },
    { code: 'def f(d):\n    for k, v in d.items(sort=True):\n        print(k)\n', why: 'items() with arguments is not the dict method' },
    { code: 'def f(d):\n    for k, v in d.items():\n        del v\n        print(k)\n', why: 'deleting the value counts as a use' },
    { code: 'class M:\n    def values(self):\n        for _, v in self.items():\n            yield v\n', why: 'a class implementing its own protocol: self.values() would recurse' },
  ],
});
