// HS201 cases: plain classes instantiated in loops that would take `__slots__`, and the look-alikes
// (dynamic attributes, foreign bases, few instances…) that must stay silent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from './unslotted-class-instantiated-in-loop.js';
import { testRule } from '../testing.js';
import { checkSource } from '../../analyze/check-source.js';

const POINT = 'class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n';
const POINT_FIXED = 'class Point:\n    __slots__ = ("x", "y")\n\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n';

testRule(rule, {
  flagged: [
    {
      name: 'instantiated in a list comprehension at module level',
      code: POINT + 'pts = [Point(a, b) for a, b in pairs]\n',
      output: POINT_FIXED + 'pts = [Point(a, b) for a, b in pairs]\n',
      lines: [1],
    },
    {
      name: 'instantiated in a for loop, with a docstring',
      code: 'class Row:\n    """One CSV row."""\n\n    def __init__(self, cells):\n        self.cells = cells\n        self.size = len(cells)\n\ndef load(lines):\n    out = []\n    for line in lines:\n        out.append(Row(line.split(",")))\n    return out\n',
      output: 'class Row:\n    """One CSV row."""\n\n    __slots__ = ("cells", "size")\n\n    def __init__(self, cells):\n        self.cells = cells\n        self.size = len(cells)\n\ndef load(lines):\n    out = []\n    for line in lines:\n        out.append(Row(line.split(",")))\n    return out\n',
      lines: [1],
    },
    {
      name: 'a factory function called in a loop',
      code: 'class Event:\n    def __init__(self, kind, ts):\n        self.kind = kind\n        self.ts = ts\n\ndef parse(line):\n    kind, ts = line.split()\n    return Event(kind, float(ts))\n\nevents = [parse(l) for l in open("log")]\n',
      output: 'class Event:\n    __slots__ = ("kind", "ts")\n\n    def __init__(self, kind, ts):\n        self.kind = kind\n        self.ts = ts\n\ndef parse(line):\n    kind, ts = line.split()\n    return Event(kind, float(ts))\n\nevents = [parse(l) for l in open("log")]\n',
      lines: [1],
    },
    {
      name: 'a classmethod factory called in a loop',
      code: 'class Node:\n    def __init__(self, name):\n        self.name = name\n        self.children = []\n\n    @classmethod\n    def leaf(cls, name):\n        return cls(name)\n\ndef build(names):\n    return [Node.leaf(n) for n in names]\n',
      output: 'class Node:\n    __slots__ = ("name", "children")\n\n    def __init__(self, name):\n        self.name = name\n        self.children = []\n\n    @classmethod\n    def leaf(cls, name):\n        return cls(name)\n\ndef build(names):\n    return [Node.leaf(n) for n in names]\n',
      lines: [1],
    },
    {
      name: 'map(Cls, rows), attributes set by other methods listed too, a property excluded',
      code: 'class Cell:\n    def __init__(self, v):\n        self.value = v\n\n    def mark(self):\n        self.marked = True\n\n    @property\n    def double(self):\n        return self.value * 2\n\ncells = list(map(Cell, values))\n',
      output: 'class Cell:\n    __slots__ = ("value", "marked")\n\n    def __init__(self, v):\n        self.value = v\n\n    def mark(self):\n        self.marked = True\n\n    @property\n    def double(self):\n        return self.value * 2\n\ncells = list(map(Cell, values))\n',
      lines: [1],
    },
    {
      name: 'a same-module base that declares __slots__',
      code: 'class Base:\n    __slots__ = ("id",)\n\nclass Item(Base):\n    def __init__(self, id, price):\n        self.id = id\n        self.price = price\n\nitems = [Item(i, p) for i, p in rows]\n',
      output: 'class Base:\n    __slots__ = ("id",)\n\nclass Item(Base):\n    __slots__ = ("price",)\n\n    def __init__(self, id, price):\n        self.id = id\n        self.price = price\n\nitems = [Item(i, p) for i, p in rows]\n',
      lines: [4],
    },
    {
      name: 'bound to a name, then appended in the same loop',
      code: POINT + 'def f(pairs):\n    out = []\n    for a, b in pairs:\n        p = Point(a, b)\n        out.append(p)\n    return out\n',
      output: POINT_FIXED + 'def f(pairs):\n    out = []\n    for a, b in pairs:\n        p = Point(a, b)\n        out.append(p)\n    return out\n',
      lines: [1],
    },
    {
      name: 'explicit object base, while loop',
      code: 'class Tok(object):\n    def __init__(self, t):\n        self.t = t\n\ndef lex(s):\n    while s:\n        yield Tok(s[0])\n        s = s[1:]\n',
      output: 'class Tok(object):\n    __slots__ = ("t",)\n\n    def __init__(self, t):\n        self.t = t\n\ndef lex(s):\n    while s:\n        yield Tok(s[0])\n        s = s[1:]\n',
    },
  ],
  notFlagged: [
    { code: POINT + 'origin = Point(0, 0)\n', why: 'instantiated once, not in a loop' },
    { code: POINT + 'def f(pairs):\n    for a, b in pairs:\n        print(Point(a, b))\n', why: 'each instance dies within its iteration: no memory adds up' },
    { code: POINT + 'def show(a, b):\n    p = Point(a, b)\n    print(p.x)\n\nfor a, b in pairs:\n    show(a, b)\n', why: 'the function called in the loop does not return the instance' },
    { code: POINT + 'def find(pairs):\n    for a, b in pairs:\n        if a > b:\n            return Point(a, b)\n', why: 'returned from the loop: at most one instance' },
    { code: POINT.replace('class Point:', 'class Point:\n    __slots__ = ("x", "y")') + 'pts = [Point(a, b) for a, b in pairs]\n', why: 'already has __slots__' },
    { code: 'class Point(Base):\n    def __init__(self, x):\n        self.x = x\npts = [Point(a) for a in xs]\n', why: 'the base is defined elsewhere and may need a __dict__' },
    { code: 'class Base:\n    pass\nclass Point(Base):\n    def __init__(self, x):\n        self.x = x\npts = [Point(a) for a in xs]\n', why: 'a same-module base without __slots__ keeps the __dict__ anyway' },
    { code: 'class E(Exception):\n    def __init__(self, m):\n        self.m = m\nerrs = [E(m) for m in ms]\n', why: 'an exception class' },
    { code: 'class Point:\n    def __init__(self, **kw):\n        self.__dict__.update(kw)\npts = [Point(a=1) for _ in xs]\n', why: 'uses __dict__' },
    { code: 'class Rec:\n    def __init__(self, row):\n        for k, v in row.items():\n            setattr(self, k, v)\nrecs = [Rec(r) for r in rows]\n', why: 'attributes set with setattr' },
    { code: 'class Rec:\n    def __init__(self, a):\n        self.a = a\n    def get(self, name):\n        return getattr(self, name)\nrecs = [Rec(r) for r in rows]\n', why: 'getattr with a computed name: dynamic use' },
    { code: POINT + 'def f(pairs):\n    for a, b in pairs:\n        p = Point(a, b)\n        p.label = "x"\n', why: 'an attribute is added to an instance outside the class' },
    { code: POINT + 'def f(pairs):\n    for a, b in pairs:\n        p = Point(a, b)\n        print(vars(p))\n', why: 'vars() on an instance needs the __dict__' },
    { code: 'class P:\n    x = 0\n    def __init__(self, x):\n        self.x = x\nps = [P(i) for i in xs]\n', why: 'a class attribute default would conflict with a slot of the same name' },
    { code: '@dataclass\nclass P:\n    x: int\nps = [P(i) for i in xs]\n', why: 'dataclasses are HS202\'s job' },
    { code: 'class P(metaclass=Meta):\n    def __init__(self, x):\n        self.x = x\nps = [P(i) for i in xs]\n', why: 'a metaclass may rely on the __dict__' },
    { code: 'import weakref\n' + POINT + 'pts = [Point(a, b) for a, b in pairs]\n', why: 'the module uses weakref: slots would need __weakref__' },
    { code: 'class P:\n    def __getattr__(self, n):\n        return 0\n    def __init__(self, x):\n        self.x = x\nps = [P(i) for i in xs]\n', why: 'custom attribute hooks' },
    { code: POINT + 'pts = [Point(kind, 0) for kind in ("a", "b")]\n', why: 'a loop over a two-item literal runs twice' },
    { code: POINT + 'grid = [Point(i, 0) for i in range(10)]\n', why: 'ten instances: too few for the saving to matter' },
    { code: 'class P:\n    def setup(self, x):\n        self.x = x\nps = [P() for i in xs]\n', why: 'no __init__ assigning attributes: not a plain record class' },
    { code: 'def f(xs):\n    class Local:\n        def __init__(self, x):\n            self.x = x\n    return [Local(x) for x in xs]\n', why: 'a class defined inside a function is not analysed' },
  ],
});

describe('HS201 message', () => {
  const code = POINT + 'pts = [Point(a, b) for a, b in pairs]\n';
  it('quotes the measured saving when facts are given', () => {
    const facts = { slots: { python: 'CPython 3.11.7', byAttributeCount: [{ attributes: 2, dictBytes: 88.2, slotsBytes: 48 }] } };
    const [finding] = checkSource(code, { rules: [rule], facts }).findings;
    assert.match(finding!.message, /saves 40 bytes per instance \(88 → 48, measured on CPython 3\.11\.7\)/);
  });
  it('points to --measure without facts', () => {
    const [finding] = checkSource(code, { rules: [rule] }).findings;
    assert.match(finding!.message, /hotspy explain HS201 --measure/);
    assert.match(finding!.message, /instantiated in a loop \(line 5\)/);
  });
});

describe('HS201 after a syntax error elsewhere in the file', () => {
  // Without syntax errors the attribute stores come from the parser's list; with one, from the
  // walk. Both must find the same stores, and a dynamic use that rules the class out.
  const code = POINT + 'pts = [Point(a, b) for a, b in pairs]\n';
  const broken = '\n\ndef oops(:\n    pass\n';
  it('finds the same stores and fix either way', () => {
    const clean = checkSource(code, { rules: [rule] });
    const withError = checkSource(code + broken, { rules: [rule] });
    assert.equal(withError.syntaxErrors.length > 0, true);
    assert.equal(clean.findings.length, 1);
    assert.deepEqual(withError.findings.map((f) => [f.message, f.fix?.edits]), clean.findings.map((f) => [f.message, f.fix?.edits]));
  });
  it('still sees an outside store that rules the class out', () => {
    const outside = code + 'pts[0].z = 1\np = Point(1, 2)\np.w = 3\n';
    assert.deepEqual(checkSource(outside, { rules: [rule] }).findings, []);
    assert.deepEqual(checkSource(outside + broken, { rules: [rule] }).findings, []);
  });
});
