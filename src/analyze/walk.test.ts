// The walk's hand-written child enumeration against the AST's field tables: same nodes, same
// order (pre-order enter, post-order exit), each handler called with its own kind only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_FIELDS, type Node, type NodeType } from '../parse/ast.js';
import { parse } from '../parse/index.js';
import { HandlerTable, runListed, walk } from './walk.js';

// Every statement, expression, pattern and type-parameter kind of Python 3.13 at least once.
const EVERYTHING = `
import os, os.path as p
from . import x as y
global g
@decorator(a=1)
class C[T: int, *Ts, **P](Base, metaclass=M):
    type Alias[K = str] = dict[K, T]
    x: int = 1
    def method(self, a, /, b: int = 2, *args, c, d=3, **kw) -> None:
        nonlocal q
        return a
async def f():
    async for i in aiter():
        await g(i)
    async with lock as held, other:
        yield
    yield from ()
    [z async for z in s]
for i, *rest in pairs:
    continue
else:
    pass
while not done:
    break
if a and b or c < d: pass
elif -x: del y[0], y.z
try:
    raise E from cause
except* ValueError as e:
    assert x, "m"
try:
    pass
except (A, B):
    pass
else:
    pass
finally:
    pass
with open(f) as fh:
    fh += 1
match subject:
    case [1, *others] if others:
        pass
    case {"k": v, **more}:
        pass
    case Point(x=0, y=_) | None | True:
        pass
    case str() as s:
        pass
value = (lambda q=1: q)(2) if x else {1: 2, **d}
{a for a in b if a}; {k: v for k, v in items}; (g for g in h); [l for l in m]; [1, {2}]
s = f"{x!r:>{width}}" + b"bytes"[1:2:3] + (n := 5) * ...
`;

const SKIPPED_FIELDS = new Set(['ctx', 'op', 'ops']);

/** The nodes in pre-order, straight from the field tables: the walk's reference. */
function reference(node: Node, out: Node[] = []): Node[] {
  out.push(node);
  const record = node as unknown as Record<string, unknown>;
  for (const field of NODE_FIELDS[node._type].fields) {
    if (SKIPPED_FIELDS.has(field)) continue;
    const value = record[field];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && typeof item === 'object' && typeof (item as Node)._type === 'string') reference(item as Node, out);
    }
  }
  return out;
}

function recordingTable(log: string[], kinds: readonly NodeType[]): HandlerTable {
  const table = new HandlerTable();
  const owner = { failed: false, fail: () => {} };
  for (const kind of kinds) {
    table.add(kind, (n) => log.push(n._type === kind ? `>${kind}` : `WRONG ${kind} got ${n._type}`), owner);
    table.add(`${kind}:exit`, (n) => log.push(n._type === kind ? `<${kind}` : `WRONG ${kind} got ${n._type}`), owner);
  }
  return table;
}

const OPERATORS = new Set<string>(['Add', 'And', 'BitAnd', 'BitOr', 'BitXor', 'Div', 'Eq', 'FloorDiv', 'Gt', 'GtE', 'In', 'Invert', 'Is', 'IsNot', 'LShift', 'Lt', 'LtE', 'MatMult', 'Mod', 'Mult', 'Not', 'NotEq', 'NotIn', 'Or', 'Pow', 'RShift', 'Sub', 'UAdd', 'USub', 'Load', 'Store', 'Del']);

describe('walk', () => {
  const module = parse(EVERYTHING, { targetVersion: { major: 3, minor: 13 } });
  assert.deepEqual(module.errors, []);
  const expected = reference(module.module);

  it('the sample holds every kind a parsed module can contain', () => {
    const seen = new Set(expected.map((n) => n._type));
    const missing = (Object.keys(NODE_FIELDS) as NodeType[]).filter((k) => !seen.has(k) && !OPERATORS.has(k));
    // Roots of the other parse modes, and `# type: ignore` records: never inside a module body.
    assert.deepEqual(missing, ['Expression', 'FunctionType', 'Interactive', 'TypeIgnore']);
  });

  it('enters every node in pre-order and leaves it in post-order, each handler seeing its own kind', () => {
    const log: string[] = [];
    walk(module.module, recordingTable(log, Object.keys(NODE_FIELDS).filter((k) => !OPERATORS.has(k)) as NodeType[]));
    const expectedLog: string[] = [];
    const post = (node: Node): void => {
      expectedLog.push(`>${node._type}`);
      const record = node as unknown as Record<string, unknown>;
      for (const field of NODE_FIELDS[node._type].fields) {
        if (SKIPPED_FIELDS.has(field)) continue;
        const value = record[field];
        for (const item of Array.isArray(value) ? value : [value]) {
          if (item !== null && typeof item === 'object' && typeof (item as Node)._type === 'string') post(item as Node);
        }
      }
      expectedLog.push(`<${node._type}`);
    };
    post(module.module);
    assert.deepEqual(log, expectedLog);
  });

  it('visits operators, in field order, when a rule asks for them', () => {
    const log: string[] = [];
    walk(parse('a + b < c\n').module, recordingTable(log, ['BinOp', 'Add', 'Compare', 'Lt', 'Name']));
    assert.deepEqual(log, ['>Compare', '>BinOp', '>Name', '<Name', '>Add', '<Add', '>Name', '<Name', '<BinOp', '>Lt', '<Lt', '>Name', '<Name', '<Compare']);
  });

  it('runs Call(name) handlers after the Call handlers, for that callee name only, from the list too', () => {
    // `abcdef` has the screen code of `append` (same length and first letter): the name decides
    const source = 'xs.append(1)\nappend(2)\nxs.add(3)\nxs.extend(4)\nabcdef(5)\nf()(6)\nx[0](7)\n';
    const run = (driver: 'walk' | 'listed'): string[] => {
      const log: string[] = [];
      const owner = { failed: false, fail: () => {} };
      const table = new HandlerTable();
      table.add('Call', () => log.push('call'), owner);
      table.add('Call(append|extend)', (n) => log.push(`append@${(n as { lineno: number }).lineno}`), owner);
      table.add('Call(extend)', (n) => log.push(`extend@${(n as { lineno: number }).lineno}`), owner);
      table.add('NoSuchKind', () => log.push('never'), owner);
      const parsed = parse(source);
      if (driver === 'walk') walk(parsed.module, table);
      else runListed(parsed.module, parsed.index!.listed, table);
      return log;
    };
    const expected = ['call', 'append@1', 'call', 'append@2', 'call', 'call', 'append@4', 'extend@4', 'call', 'call', 'call', 'call'];
    assert.deepEqual(run('walk'), expected);
    assert.deepEqual(run('listed'), expected);
  });

  it('runs `:inLoop` handlers only inside loops and comprehensions, in registration order among the others', () => {
    const source = [
      'f(1)',
      'for i in g(2):',
      '    f(3)',
      '    x = [f(4) for _ in h(4)]',
      'def d(a=f(5)):',
      '    while f(6):',
      '        pass',
      '    f(8)',
      'f(9)',
      '',
    ].join('\n');
    const run = (driver: 'walk' | 'listed'): string[] => {
      const log: string[] = [];
      const owner = { failed: false, fail: () => {} };
      const table = new HandlerTable();
      const at = (tag: string) => (n: Node): void => void log.push(`${tag}@${(n as { lineno: number; col_offset: number }).lineno}`);
      table.add('Call:inLoop', at('first-in-loop'), owner);
      table.add('Call', at('always'), owner);
      table.add('Call(f):inLoop', at('f-in-loop'), owner);
      table.add('Call(f)', at('f'), owner);
      table.add('Call:exit:inLoop', at('never'), owner);
      const parsed = parse(source);
      if (driver === 'walk') walk(parsed.module, table);
      else runListed(parsed.module, parsed.index!.listed, table);
      return log;
    };
    // (logged by line) g(2) is the for's iterable and h(4) the comprehension's first one: both count as inside
    // (loop depth is syntactic, like the rules' `ctx.loopDepth`)
    const outside = (line: number) => [`always@${line}`, `f@${line}`];
    const inside = (line: number, isF = true) => [`first-in-loop@${line}`, `always@${line}`, ...(isF ? [`f-in-loop@${line}`, `f@${line}`] : [])];
    const expected = [...outside(1), ...inside(2, false), ...inside(3), ...inside(4), ...inside(4, false), ...outside(5), ...inside(6), ...outside(8), ...outside(9)];
    assert.deepEqual(run('walk'), expected);
    assert.deepEqual(run('listed'), expected);
  });
});
