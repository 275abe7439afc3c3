// Tests of the semantic model on small programs parsed by hotspy's own parser: Python's scoping
// rules, import resolution, loop context, shape inference and the loop data-flow helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../parse/index.js';
import type { Node, Name, expr } from '../parse/ast.js';
import { buildSemanticModel, type SemanticModel } from './index.js';
import { forEachChild } from './node-kinds.js';

function load(source: string): { m: SemanticModel; nodes: Node[] } {
  const result = parse(source);
  assert.deepEqual(result.errors, [], 'test source must parse');
  const nodes: Node[] = [];
  const visit = (n: Node): void => {
    nodes.push(n);
    forEachChild(n, visit);
  };
  visit(result.module);
  return { m: buildSemanticModel(result.module, { source, index: result.index }), nodes };
}

/** The `nth` (0-based) Name `id` on line `line`. */
function name(nodes: Node[], line: number, id: string, nth = 0): Name {
  const found = nodes.filter((n): n is Name => n._type === 'Name' && n.id === id && n.lineno === line);
  assert.ok(found[nth], `no Name ${id} #${nth} on line ${line}`);
  return found[nth]!;
}

function firstOf<T extends Node['_type']>(nodes: Node[], type: T, line?: number): Extract<Node, { _type: T }> {
  const n = nodes.find((x) => x._type === type && (line === undefined || (x as { lineno?: number }).lineno === line));
  assert.ok(n, `no ${type}${line ? ` on line ${line}` : ''}`);
  return n as Extract<Node, { _type: T }>;
}

test('class scope is invisible from methods; comprehension first iterator is evaluated outside', () => {
  const { m, nodes } = load(
    [
      'x = 1',
      'class C:',
      '    x = []',
      '    def f(self):',
      '        return x',
      '    y = [x for _ in x]',
      '    z = [x for _ in range(3)]',
    ].join('\n'),
  );
  assert.equal(m.resolveName(name(nodes, 5, 'x'))!.scope.kind, 'module');
  // first iterator: class scope; element: skips the class scope
  assert.equal(m.resolveName(name(nodes, 6, 'x', 1))!.scope.kind, 'class');
  assert.equal(m.resolveName(name(nodes, 6, 'x', 0))!.scope.kind, 'module');
  assert.equal(m.resolveName(name(nodes, 7, 'x'))!.scope.kind, 'module');
});

test('global, nonlocal and walrus bind where Python binds them', () => {
  const { m, nodes } = load(
    [
      'def outer():',
      '    total = 0',
      '    def inner():',
      '        nonlocal total',
      '        total = 5',
      '    def g():',
      '        global counter',
      '        counter = 1',
      '    if any((hit := v) > 3 for v in range(9)):',
      '        return hit',
    ].join('\n'),
  );
  const total = m.resolveName(name(nodes, 5, 'total'))!;
  assert.equal(total.scope.kind, 'function');
  assert.equal((total.scope.node as { name: string }).name, 'outer');
  assert.equal(total.assignments.length, 2);
  assert.equal(m.resolveName(name(nodes, 8, 'counter'))!.scope.kind, 'module');
  const hit = m.resolveName(name(nodes, 10, 'hit'))!;
  assert.equal((hit.scope.node as { name: string }).name, 'outer', 'walrus in a generator binds in the function');
});

test('isBuiltin: only when nothing reachable shadows the name', () => {
  const { m, nodes } = load(
    [
      'a = list(x)',
      'def f(list):',
      '    return list(y)',
      'def g():',
      '    return sorted(z)',
      'sorted = None',
    ].join('\n'),
  );
  assert.equal(m.isBuiltin(name(nodes, 1, 'list'), 'list'), true);
  assert.equal(m.isBuiltin(name(nodes, 3, 'list'), 'list'), false, 'a parameter shadows it');
  assert.equal(m.isBuiltin(name(nodes, 5, 'sorted'), 'sorted'), false, 'a module-level assignment shadows it everywhere');
  const star = load('from numpy import *\nsum(x)\n');
  assert.equal(star.m.isBuiltin(name(star.nodes, 2, 'sum'), 'sum'), false, 'a star import may shadow any builtin');
});

test('qualifiedName resolves imports, aliases and attribute chains', () => {
  const { m, nodes } = load(
    [
      'import collections',
      'import os.path',
      'import operator as op',
      'from functools import reduce',
      'from . import sibling',
      'collections.deque, os.path.join, op.add, reduce, sibling.f, len',
    ].join('\n'),
  );
  const stmt = firstOf(nodes, 'Expr', 6).value as { elts: expr[] };
  assert.deepEqual(
    stmt.elts.map((e) => m.qualifiedName(e)),
    ['collections.deque', 'os.path.join', 'operator.add', 'functools.reduce', '.sibling.f', 'builtins.len'],
  );
});

test('loop context: bodies, while tests and comprehension elements repeat; iterables and else do not', () => {
  const { m, nodes } = load(
    [
      'for a in items:',
      '    b = a',
      'else:',
      '    c = 1',
      'while cond:',
      '    d = 1',
      'r = [e for f in src for g in f if e]',
      'for h in items:',
      '    def k():',
      '        m = 1',
      'while True:',
      '    n = 1',
      '    break',
    ].join('\n'),
  );
  assert.equal(m.loopDepth(name(nodes, 1, 'items')), 0, 'the iterable is evaluated once');
  assert.equal(m.loopDepth(name(nodes, 2, 'b')), 1);
  assert.equal(m.loopDepth(name(nodes, 4, 'c')), 0, 'else runs once');
  assert.equal(m.loopDepth(name(nodes, 5, 'cond')), 1, 'the while test runs every iteration');
  assert.equal(m.loopDepth(name(nodes, 7, 'src')), 0, 'first comprehension iterable');
  assert.equal(m.loopDepth(name(nodes, 7, 'f', 1)), 1, 'second iterable runs per outer item');
  assert.equal(m.loopDepth(name(nodes, 7, 'e', 1)), 2, 'condition of the inner clause');
  assert.equal(m.loopDepth(name(nodes, 7, 'e', 0)), 2, 'the element');
  assert.equal(m.loopDepth(name(nodes, 10, 'm')), 0, 'a def body does not run per iteration');
  assert.equal(m.loopOf(name(nodes, 2, 'b'))!.repeats, true);
  assert.equal(m.loopOf(name(nodes, 12, 'n'))!.repeats, false, 'while True ending in break runs once');
  assert.equal(m.enclosingStatement(name(nodes, 2, 'a'))!._type, 'Assign');
  assert.equal(m.parentOf(name(nodes, 2, 'a'))!._type, 'Assign');
});

test('shapes from literals, constructors, methods and annotations', () => {
  const { m, nodes } = load(
    [
      'import collections',
      'from typing import List, Sequence',
      'a = [1]; b = (1, 2); c = {1}; d = {}; e = "s"; f = b"x"; g = 1.5',
      'h = list(x); i = sorted(x); j = set(x); k = frozenset(x); l = collections.deque(x); n = range(3)',
      'o = line.split(); p = d.keys(); q = fh.readlines(); r = [0] * 9; s = f"{a}"; t = [v for v in x]',
      'def fn(u: List[int], w: Sequence[str], y: "list[int]", z):',
      '    return u, w, y, z',
      'a; b; c; d; e; f; g; h; i; j; k; l; n; o; p; q; r; s; t',
    ].join('\n'),
  );
  const uses = nodes.filter((n): n is Name => n._type === 'Name' && n.lineno === 8);
  assert.deepEqual(
    uses.map((u) => m.shapeOf(u).kind),
    ['list', 'tuple', 'set', 'dict', 'str', 'bytes', 'number', 'list', 'list', 'set', 'frozenset', 'deque', 'range', 'list', 'dict-keys', 'list', 'list', 'str', 'list'],
  );
  const params = nodes.filter((n): n is Name => n._type === 'Name' && n.lineno === 7);
  assert.deepEqual(params.map((p) => m.shapeOf(p).kind), ['list', 'sequence', 'unknown', 'unknown']);
  assert.equal(m.shapeOf(name(nodes, 8, 'b')).length, 2);
});

test('shapes: every binding must agree; None and augmented assignments add nothing', () => {
  const { m, nodes } = load(
    [
      'def f(flag, other):',
      '    a = []',
      '    if flag:',
      '        a = other',
      '    b = None',
      '    b = []',
      '    b += [1]',
      '    c = [] if flag else []',
      '    for d in other: pass',
      '    d = []',
      '    return a, b, c, d',
    ].join('\n'),
  );
  const shape = (id: string) => m.shapeOf(name(nodes, 11, id)).kind;
  assert.equal(shape('a'), 'unknown', 'one binding is a parameter');
  assert.equal(shape('b'), 'list');
  assert.equal(shape('c'), 'list');
  assert.equal(shape('d'), 'unknown', 'a loop target binding is unknown');
});

test('shapes of self attributes and of calls to local functions', () => {
  const { m, nodes } = load(
    [
      'class C:',
      '    names: list[str]',
      '    def __init__(self, xs):',
      '        self.seen = []',
      '        self.index = {}',
      '        self.mixed = []',
      '    def reset(self, xs):',
      '        self.mixed = xs',
      '    def use(self):',
      '        return self.seen, self.index, self.mixed, self.names',
      'def make():',
      '    if cond:',
      '        return [1]',
      '    return [x for x in y]',
      'def maybe():',
      '    if cond:',
      '        return [1]',
      'v = make(); w = maybe()',
      'v; w',
    ].join('\n'),
  );
  const ret = firstOf(nodes, 'Return', 10).value as { elts: expr[] };
  assert.deepEqual(ret.elts.map((e) => m.shapeOf(e).kind), ['list', 'dict', 'unknown', 'list']);
  assert.equal(m.shapeOf(name(nodes, 19, 'v')).kind, 'list');
  assert.equal(m.shapeOf(name(nodes, 19, 'w')).kind, 'unknown', 'falls off the end: may return None');
});

test('a fixed literal loses its length once it is grown anywhere', () => {
  const { m, nodes } = load(['A = ("x", "y")', 'B = ["x", "y"]', 'B.append("z")', 'A; B'].join('\n'));
  assert.equal(m.shapeOf(name(nodes, 4, 'A')).length, 2);
  assert.equal(m.shapeOf(name(nodes, 4, 'B')).length, undefined);
});

test('loop helpers: rebound, grown, invariant', () => {
  const { m, nodes } = load(
    [
      'def f(items, k):',
      '    seen = []',
      '    for it in items:',
      '        parts = it.split()',
      '        seen.append(it)',
      '        x = k + 1',
      '        y = it + 1',
      '        z = len(seen)',
    ].join('\n'),
  );
  const loop = m.loopOf(name(nodes, 5, 'seen'))!;
  const seen = m.resolveName(name(nodes, 5, 'seen'))!;
  const parts = m.resolveName(name(nodes, 4, 'parts'))!;
  assert.equal(m.isReboundIn(seen, loop), false);
  assert.equal(m.isGrownIn(seen, loop), true);
  assert.equal(m.isReboundIn(parts, loop), true);
  assert.equal(m.isLoopInvariant(firstOf(nodes, 'Assign', 6).value, loop), true);
  assert.equal(m.isLoopInvariant(firstOf(nodes, 'Assign', 7).value, loop), false, 'reads the loop target');
  assert.equal(m.isLoopInvariant(firstOf(nodes, 'Assign', 8).value, loop), false, 'a call');
});

test('references, captured locals, enclosing class and function, describe', () => {
  const { m, nodes } = load(
    [
      'class K:',
      '    def run(self, rows):',
      '        acc = ""',
      '        def add(x):',
      '            nonlocal acc',
      '            acc += x',
      '        n = 0',
      '        for r in rows:',
      '            n += 1',
      '        return self.items.get(acc), n',
    ].join('\n'),
  );
  const acc = m.resolveName(name(nodes, 3, 'acc'))!;
  const n = m.resolveName(name(nodes, 7, 'n'))!;
  assert.deepEqual(m.referencesOf(acc).map((r) => (r as Name).lineno), [3, 6, 10]);
  assert.equal(m.isCaptured(acc), true);
  assert.equal(m.isCaptured(n), false);
  const use = name(nodes, 9, 'n');
  assert.equal((m.enclosingFunction(use) as { name: string }).name, 'run');
  assert.equal(m.enclosingClass(firstOf(nodes, 'FunctionDef', 2))?.name, 'K');
  const ret = firstOf(nodes, 'Return', 10).value as { elts: expr[] };
  assert.equal(m.describe(ret.elts[0]!), 'self.items.get(…)');
});

test('a shape contradicted by the methods called on it is unknown', () => {
  const { m, nodes } = load(['def f(a: list, b: set):', '    a.add(1)', '    b.append(2)', '    c = []', '    c.append(3)', '    return a, b, c'].join('\n'));
  assert.equal(m.shapeOf(name(nodes, 6, 'a')).kind, 'unknown');
  assert.equal(m.shapeOf(name(nodes, 6, 'b')).kind, 'unknown');
  assert.equal(m.shapeOf(name(nodes, 6, 'c')).kind, 'list');
});
