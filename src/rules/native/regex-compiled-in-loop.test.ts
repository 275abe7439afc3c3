// HS404 cases: patterns compiled in loops, and cheap cached uses that must stay silent.
import rule from './regex-compiled-in-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import re\ndef f(lines):\n    for l in lines:\n        p = re.compile(r"\\d+")\n        p.search(l)\n', lines: [4] },
    { code: 'import re\ndef f(lines, word):\n    return [l for l in lines if re.search(r"\\b" + word, l)]\n', lines: [3], name: 'invariant build in a comprehension' },
    { code: 'import re\ndef f(pairs):\n    for key, text in pairs:\n        re.sub(f"{key}=\\\\w+", "", text)\n', lines: [4], name: 'pattern from loop data' },
    { code: 'import re\ndef f(words, text):\n    for w in words:\n        pat = re.escape(w) + "$"\n        re.match(pat, text)\n', lines: [5], name: 'a name built in the loop' },
    { code: 'from re import compile\ndef f(lines):\n    for l in lines:\n        compile("a|b", 0).match(l)\n', lines: [4], name: 'compile imported by name' },
  ],
  notFlagged: [
    { code: 'import re\ndef f(lines):\n    for l in lines:\n        re.search(r"\\d+", l)\n', why: 'literal pattern: re caches it' },
    { code: 'import re\nPAT = re.compile(r"\\d+")\ndef f(lines):\n    for l in lines:\n        PAT.search(l)\n', why: 'precompiled' },
    { code: 'import re\ndef f(lines, pat):\n    for l in lines:\n        re.search(pat, l)\n', why: 'a name bound outside the loop: a cache hit' },
    { code: 'import re\ndef f(patterns):\n    return [re.compile(p) for p in patterns]\n', why: 'compiling each distinct pattern once is the point' },
    { code: 'import regex as re\ndef f(lines):\n    for l in lines:\n        re.compile("a")\n', why: 'third-party regex module' },
    { code: 'import re\ndef f():\n    return re.compile("a" + "b")\n', why: 'not in a loop' },
  ],
});
