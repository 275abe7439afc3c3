// HS506 cases: module functions called through their dotted path in tight loops.
import rule from './dotted-import-access-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import os\ndef f(root, names):\n    for n in names:\n        yield os.path.join(root, n)\n', lines: [4] },
    { code: 'import math\ndef f(xs):\n    return [math.sqrt(x) for x in xs]\n', lines: [3], name: 'one dot, target 3.10, comprehension', targetVersion: { major: 3, minor: 10 } },
    { code: 'import xml.etree.ElementTree as ET\ndef f(xs):\n    for x in xs:\n        ET.fromstring(x).tag\n', lines: [4], name: 'an aliased module, target 3.10', targetVersion: { major: 3, minor: 10 } },
    { code: 'import xml.etree.ElementTree\ndef f(xs):\n    for x in xs:\n        xml.etree.ElementTree.fromstring(x)\n', lines: [4], name: 'three dots' },
  ],
  notFlagged: [
    { code: 'import os\ndef f(root, names):\n    for n in names:\n        if n:\n            yield os.path.join(root, n)\n', why: 'in a branch: runs on some iterations only' },
    { code: 'import os\ndef f(paths):\n    return [p for p in paths if os.path.exists(p)]\n', why: 'a system call dwarfs the lookup' },
    { code: 'import math\ndef g(xs):\n    return [math.sqrt(x) for x in xs]\n', why: 'one dot on target 3.13: measured ~1 ns per call' },
    { code: 'from os.path import join\ndef f(root, names):\n    for n in names:\n        yield join(root, n)\n', why: 'already imported by name' },
    { code: 'import os\ndef f(root, names):\n    return os.path.join(root, *names)\n', why: 'not in a loop' },
    { code: 'import math\ndef f(xs):\n    for x in xs:\n        print(x * math.pi)\n', why: 'a constant read, not a call' },
    { code: 'from datetime import datetime\ndef f(xs):\n    for x in xs:\n        datetime.now()\n', why: 'a class imported from a module, not a module' },
    { code: 'import os\nfor n in names:\n    os.path.join(root, n)\n', why: 'module-level code' },
    { code: 'def f(os, names):\n    for n in names:\n        os.path.join(n)\n', why: '`os` is a parameter, not the module' },
    { code: 'import os\ndef f(dirs):\n    for d in dirs:\n        os.listdir(d)\n        for f in d:\n            pass\n', why: 'not the innermost loop' },
  ],
});
