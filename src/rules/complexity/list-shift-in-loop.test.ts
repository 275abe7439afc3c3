// HS103 cases: shifting list operations inside loops, and look-alikes that must stay silent.
import rule from './list-shift-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'def bfs(start):\n    queue = [start]\n    while queue:\n        node = queue.pop(0)\n        queue.extend(node.children)\n', lines: [4] },
    { code: 'def rev(items):\n    out = []\n    for x in items:\n        out.insert(0, x)\n    return out\n', lines: [4] },
    { code: 'def drop(buf: list[bytes], n):\n    while buf:\n        del buf[0]\n', lines: [3] },
    { code: 'def eat(buf: list[int], sizes):\n    for n in sizes:\n        del buf[:n]\n', lines: [3], name: 'deleting a prefix slice' },
    { code: 'class W:\n    def __init__(self):\n        self.pending = []\n    def run(self):\n        while self.pending:\n            self.pending.pop(0)\n', lines: [6] },
    { code: 'def f(items: list[int]):\n    for _ in range(9):\n        items.pop(1)\n', lines: [3], name: 'a constant index near the front' },
  ],
  notFlagged: [
    { code: 'def f(items: list[int]):\n    while items:\n        items.pop()\n', why: 'pop() from the end is O(1)' },
    { code: 'def f(items: list[int]):\n    while items:\n        items.pop(-1)\n', why: 'pop(-1) is the end' },
    { code: 'from collections import deque\ndef f(start):\n    q = deque([start])\n    while q:\n        q.popleft()\n        q.pop()\n', why: 'a deque' },
    { code: 'def f(d: dict, keys):\n    for k in keys:\n        d.pop(0)\n', why: 'dict.pop(key) is a hash lookup' },
    { code: 'def f(q):\n    while q:\n        q.pop(0)\n', why: 'unannotated parameter: could be a deque' },
    { code: 'def f(items: list[int], i):\n    for _ in range(3):\n        items.pop(i)\n', why: 'a variable index may be the end' },
    { code: 'def f(items: list[int]):\n    items.pop(0)\n', why: 'not in a loop' },
    { code: 'def f(path, known):\n    tail = []\n    while path:\n        if path in known:\n            tail.insert(0, path)\n            return tail\n        path = path[1:]\n', why: 'followed by return: runs once per call' },
    { code: 'def f(lines):\n    for line in lines:\n        parts = line.split()\n        parts.pop(0)\n', why: 'a fresh list each iteration: one shift per item' },
  ],
});
