// HS203 cases: loops over a whole file read into memory, and look-alikes (unknown objects, the
// file used in the body, lines kept) that must stay silent.
import rule from './whole-file-read-to-iterate-lines.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    {
      code: 'with open(p) as f:\n    for line in f.readlines():\n        handle(line)\n',
      output: 'with open(p) as f:\n    for line in f:\n        handle(line)\n',
      lines: [2],
    },
    { code: 'with open(p) as f:\n    for line in f.read().splitlines():\n        handle(line)\n', lines: [2] },
    { code: 'f = open(p)\nrows = [l.split(",") for l in f.read().split("\\n")]\n', lines: [2] },
    {
      code: 'for line in open(p).readlines():\n    handle(line)\n',
      output: 'for line in open(p):\n    handle(line)\n',
      lines: [1],
    },
    { code: 'import gzip\nwith gzip.open(p, "rt") as f:\n    n = sum(1 for _ in f.read().splitlines())\n', lines: [3] },
    { code: 'import sys\nfor line in sys.stdin.readlines():\n    print(line)\n', output: 'import sys\nfor line in sys.stdin:\n    print(line)\n', lines: [2] },
    { code: 'import codecs\nwith codecs.open(p, encoding="utf-8") as fh:\n    for line in fh.read().split(b"\\n"):\n        pass\n', lines: [3] },
  ],
  notFlagged: [
    { code: 'for line in response.readlines():\n    handle(line)\n', why: 'not known to be a file object' },
    { code: 'with open(p) as f:\n    for line in f.readlines():\n        f.seek(0)\n', why: 'the body uses the file itself' },
    { code: 'with open(p) as f:\n    lines = f.readlines()\nfor line in lines:\n    pass\n', why: 'the list is kept in a name (may be reused)' },
    { code: 'with open(p) as f:\n    for line in f:\n        handle(line)\n', why: 'already iterates the file' },
    { code: 'with open(p) as f:\n    for part in f.read().split(","):\n        handle(part)\n', why: 'splitting on commas is not iterating lines' },
    { code: 'def f(fh):\n    for line in fh.readlines():\n        pass\n', why: 'a parameter of unknown type' },
    { code: 'with open(p) as f:\n    data = f.read().splitlines()\n', why: 'not iterated here' },
  ],
});
