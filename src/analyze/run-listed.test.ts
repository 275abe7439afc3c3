// Running the rules from the parser's list must visit what the walk visits: the same nodes of the
// listed kinds, each once, with the same loop depth, every node entered before and left after the
// listed nodes inside it (checked against the nearest listed node around each). Checked on samples that make the parser back out of what it read, on a
// chain deep enough for the sort's fallback, and on every file of the stdlib.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { NODE_FIELDS, type Node, type NodeType } from '../parse/ast.js';
import { parse, type ParseResult } from '../parse/index.js';
import { Kind } from '../parse/children.js';
import { LISTED_KINDS } from '../parse/listed.js';
import { discoverPythonFiles } from '../discover/discover.js';
import { decodePythonSource } from '../source/decode.js';
import { stdlibPath } from '../../test/corpus.js';
import { canRunListed, HandlerTable, runListed, walk, type WalkPosition } from './walk.js';

const LISTED_TYPES = [...LISTED_KINDS].map((k) => Kind[k] as NodeType);

interface Visit {
  depth: number;
  enter: number;
  exit: number;
}

/** Enter and exit order, and the loop depth at entry, of every listed node, by one of the two drivers. */
function visits(parsed: ParseResult, driver: 'walk' | 'listed'): Map<Node, Visit> {
  const position: WalkPosition = { loopDepth: 0 };
  const table = new HandlerTable();
  const owner = { failed: false, fail: (_n: Node, e: unknown) => assert.fail(String(e)) };
  const seen = new Map<Node, Visit>();
  let clock = 0;
  for (const type of LISTED_TYPES) {
    table.add(type, (n) => {
      assert.equal(n._type, type);
      assert.equal(seen.has(n), false, `${type} entered twice`);
      seen.set(n, { depth: position.loopDepth, enter: clock++, exit: -1 });
    }, owner);
    table.add(`${type}:exit`, (n) => {
      const v = seen.get(n);
      assert.ok(v && v.exit === -1, `${type} left without being entered, or twice`);
      v.exit = clock++;
    }, owner);
  }
  assert.equal(table.listedSuffices, true);
  if (driver === 'walk') walk(parsed.module, table, position);
  else {
    const listed = parsed.index!.listed;
    assert.equal(canRunListed(listed), true);
    runListed(parsed.module, listed, table, position);
  }
  assert.equal(position.loopDepth, 0, 'every loop closed');
  return seen;
}

/** Each listed node's nearest listed ancestor (the module for the outermost), from the AST field tables. */
function listedParents(module: Node): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const stack: Array<[Node, Node]> = [[module, module]];
  while (stack.length > 0) {
    const [node, listedAbove] = stack.pop()!;
    const isListed = node !== module && LISTED_TYPES.includes(node._type);
    if (isListed) parents.set(node, listedAbove);
    const record = node as unknown as Record<string, unknown>;
    for (const field of NODE_FIELDS[node._type].fields) {
      const value = record[field];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && typeof item === 'object' && typeof (item as Node)._type === 'string') stack.push([item as Node, isListed ? node : listedAbove]);
      }
    }
  }
  return parents;
}

function assertSameVisits(source: string, label: string): number {
  const parsed = parse(source, { targetVersion: { major: 3, minor: 13 } });
  assert.deepEqual(parsed.errors, []);
  const walked = visits(parsed, 'walk');
  const listed = visits(parsed, 'listed');
  const parents = listedParents(parsed.module);
  assert.equal(listed.size, walked.size, `${label}: as many nodes`);
  for (const [node, w] of walked) {
    const l = listed.get(node);
    assert.ok(l, `${label}: ${node._type} at line ${'lineno' in node ? node.lineno : '?'} not visited from the list`);
    assert.equal(l.depth, w.depth, `${label}: loop depth of ${node._type} at line ${'lineno' in node ? node.lineno : '?'}`);
    assert.ok(l.exit > l.enter, `${label}: ${node._type} left`);
    const outer = listed.get(parents.get(node)!);
    if (outer) assert.ok(outer.enter < l.enter && l.exit < outer.exit, `${label}: ${node._type} at line ${'lineno' in node ? node.lineno : '?'} visited while the node around it is open`);
  }
  return walked.size;
}

const SAMPLE = `
import os
from x import y
global g
@deco(a(1))
@other
def f(a=g(1)) -> h(2):
    return [k(x) for x in y if p(x)]
async def af():
    async for i in q(): await r(i)
    return {a: b(a) for a in c}
for i in range(3):
    while cond(i):
        x[i] += f(i) - 1
        del x[i]
    else:
        pass
else:
    s = t(u(v))
with (open(a)) as fh, g(b):
    pass
with (a(1), b(2)):
    pass
with (a(1) as p, b(2)):
    pass
match(command)
match(command).split()
match command.split():
    case [x] if ok(x):
        go(x)
    case 1 + 2j:
        pass
print(f"{g(x)!r:>{w(1)}}", *args, key=lambda v: v(1) < 2 in z)
total = a + b * c ** d ** e
y = x if c(1) else z(2)
d = {k(1): v(2), **e(3)}
s = {m(i) for i in n(1) for j in o(i)}, (p(i) for i in q)
class C(B(1)):
    def m(self):
        return sum(x for x in self.items())
`;

describe('running rules from the parser list', () => {
  it('visits what the walk visits, where the parser backs out of what it read too', () => {
    assert.ok(assertSameVisits(SAMPLE, 'sample') > 60);
  });

  it('orders a chain too deep for the insertion sort (the native sort takes over)', () => {
    const chain = 'x = ' + Array.from({ length: 3000 }, (_, i) => `f(a${i})`).join(' + ') + '\n';
    assert.equal(assertSameVisits(chain, 'chain'), 3000 + 2999 + 1);
  });

  it('visits what the walk visits in every stdlib file', (t) => {
    const root = stdlibPath();
    if (!root) return t.skip('no Python 3.11 stdlib on this machine');
    let files = 0;
    for (const file of discoverPythonFiles([root]).files) {
      const decoded = decodePythonSource(fs.readFileSync(file));
      if (!decoded.ok || parse(decoded.text, { targetVersion: { major: 3, minor: 13 } }).errors.length > 0) continue;
      assertSameVisits(decoded.text, file);
      files++;
    }
    assert.ok(files > 1700, `${files} files`);
  });
});
