// HS105 cases: str/bytes concatenation across loop iterations where CPython copies every time, and
// look-alikes that must stay silent (including the plain local str that CPython resizes in place).
import rule from './string-concat-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'class R:\n    def render(self, rows):\n        self.out = ""\n        for r in rows:\n            self.out += str(r)\n', lines: [5], name: 'an attribute' },
    { code: 'text = ""\nfor line in open("f"):\n    text += line\n', lines: [3], name: 'module-level code' },
    { code: 'def read(sock):\n    data = b""\n    while True:\n        chunk = sock.recv(4096)\n        if not chunk:\n            break\n        data += chunk\n    return data\n', lines: [7], name: 'bytes' },
    { code: 'def f(items):\n    s = ""\n    for x in items:\n        s = x + s\n    return s\n', lines: [4], name: 'prepending' },
    { code: 'def f(items):\n    log = ""\n    def add(x):\n        nonlocal log\n        log += x\n    for x in items:\n        log = log + str(x)\n    return log\n', lines: [7], name: 'a closure variable' },
    { code: 'LOG = ""\ndef f(items):\n    global LOG\n    for x in items:\n        LOG += f"{x}\\n"\n', lines: [5], name: 'a global' },
  ],
  notFlagged: [
    { code: 'def f(items):\n    s = ""\n    for x in items:\n        s += str(x)\n    return s\n', why: 'a plain local str: CPython resizes it in place (amortised O(1))' },
    { code: 'def f(items):\n    n = 0\n    for x in items:\n        n += x\n', why: 'numbers' },
    { code: 'def f(items):\n    out = []\n    for x in items:\n        out += [x]\n', why: 'a list: += extends in place' },
    { code: 'class R:\n    def f(self, rows):\n        for r in rows:\n            self.line = ""\n            self.line += r\n', why: 'reset on every iteration' },
    { code: 'class R:\n    def f(self, rows):\n        for r in rows:\n            self.total += r\n', why: 'shape of self.total unknown' },
    { code: 'data = b""\ndata += read()\n', why: 'not in a loop' },
    { code: 'def f(rows):\n    for r in rows:\n        buf = b""\n        buf += r\n', why: 'a fresh bytes object per iteration' },
  ],
});
