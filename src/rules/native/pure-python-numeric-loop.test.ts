// HS402 cases: numeric loops that NumPy would vectorise, and loops that are not pure numeric.
import rule from './pure-python-numeric-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import numpy as np\ndef dot(a, b):\n    t = 0.0\n    for i in range(len(a)):\n        t += a[i] * b[i]\n    return t\n', lines: [4] },
    { code: 'import math\nimport numpy\ndef norms(xs):\n    out = []\n    for x in xs:\n        out.append(math.sqrt(x))\n    return out\n', lines: [5], name: 'math per element' },
    { code: 'def f(a, b, c):\n    for i in range(1000000):\n        c[i] = a[i] * b[i]\n', lines: [2], name: 'large range without NumPy' },
    { code: 'import numpy as np\ndef mm(a, b, c, n):\n    for i in range(n):\n        for j in range(n):\n            for k in range(n):\n                c[i][j] += a[i][k] * b[k][j]\n', lines: [3], name: 'nested: reported once at the outermost loop' },
  ],
  notFlagged: [
    { code: 'def dot(a, b):\n    t = 0.0\n    for i in range(len(a)):\n        t += a[i] * b[i]\n    return t\n', why: 'no NumPy in the module and no large literal range' },
    { code: 'import numpy as np\ndef f(xs):\n    for x in xs:\n        print(x * 2)\n', why: 'does I/O' },
    { code: 'import numpy as np\ndef f(rows):\n    t = 0\n    for r in rows:\n        t += r\n    return t\n', why: 'a running sum of unknown things: no numeric evidence' },
    { code: 'import numpy as np\ndef f(names):\n    out = []\n    for i in range(len(names)):\n        out.append(names[i] + "_" + names[i])\n    return out\n', why: 'string building' },
    { code: 'import numpy as np\ndef f(items, w):\n    t = 0\n    for it in items:\n        t += it.weight() * w\n    return t\n', why: 'calls a method per element' },
    { code: 'import numpy as np\ndef f(a, b):\n    for i in range(len(a)):\n        a[i] = a[i] ^ b[i]\n', why: 'bit twiddling' },
  ],
});
