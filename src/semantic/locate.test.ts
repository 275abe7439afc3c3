// `Locator.findContext` answers scope, loop and statement from positions, where `find` walks the
// statement's expressions: the two must agree on every expression. Checked on a sample of the
// cases where positions could mislead (loop headers, defaults, decorators, comprehensions,
// lambdas, handlers, match cases) and on every expression of a quarter of the stdlib's files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Node } from '../parse/ast.js';
import { parse } from '../parse/index.js';
import { discoverPythonFiles } from '../discover/discover.js';
import { decodePythonSource } from '../source/decode.js';
import { stdlibPath } from '../../test/corpus.js';
import { buildSemanticModel } from './index.js';
import { forEachChild, isStatement } from './node-kinds.js';

const SAMPLE = `
import os
@deco(d1)
@other[d2]
def f(a=g1, *, b: ann1 = g2) -> ret1:
    return [k(x) for x in y1 if p(x)] + list(map(lambda q=z1: q + w, v))
for i, (j, *rest) in pairs(t1):
    while cond(i, t2):
        x[i] += (yield i)
        def inner(c=dflt[i]) -> r2:
            return c
        class K(Base[i], metaclass=M[i]):
            attr = [i for _ in range(3)]
    else:
        [w for w in range(i)].pop(i)
else:
    s = t(u(v))
try:
    pass
except (E1, E2[i]) as err:
    pass
with open(f1) as fh, g(b1) as (h1, h2):
    pass
match cmd.split():
    case [Point.origin, *others] if others and guard(i):
        pass
    case {"k": value.x}:
        pass
total = sum(n for n in nums if (m := n) > lim) + (lambda: i)() + f"{fmt!r:>{width}}"
async def af():
    async for a in aiter(src):
        await consume(a)
    return {a: b for a in c for b in a if b}
`;

/** Every expression of the tree (nodes that are neither statements nor the module, and have a position). */
function expressions(module: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n._type !== 'Module' && !isStatement(n) && 'end_lineno' in n && typeof n.end_lineno === 'number') out.push(n);
    forEachChild(n, visit);
  };
  visit(module);
  return out;
}

/**
 * Where one model (with the parser's index: positions first) and another (without it: every
 * answer from walks) place each expression. Scopes and loops are compared by the nodes that open
 * them: each model has its own objects.
 */
function assertSameContexts(source: string, label: string): number {
  const parsed = parse(source, { targetVersion: { major: 3, minor: 13 } });
  const fromPositions = buildSemanticModel(parsed.module, { source, index: parsed.index });
  const fromWalks = buildSemanticModel(parsed.module, { source });
  const nodes = expressions(parsed.module);
  for (const n of nodes) {
    const where = `${label}: ${n._type} at ${(n as { lineno: number }).lineno}:${(n as { col_offset: number }).col_offset}`;
    assert.equal(fromPositions.scopeOf(n).node, fromWalks.scopeOf(n).node, `${where}: scope`);
    assert.equal(fromPositions.loopOf(n)?.node, fromWalks.loopOf(n)?.node, `${where}: loop`);
    assert.equal(fromPositions.enclosingStatement(n), fromWalks.enclosingStatement(n), `${where}: statement`);
  }
  return nodes.length;
}

describe('locating expressions from positions', () => {
  it('agrees with the walk on loop headers, defaults, decorators, comprehensions, lambdas, handlers and cases', () => {
    assert.ok(assertSameContexts(SAMPLE, 'sample') > 150);
  });

  it('agrees with the walk on every expression of a quarter of the stdlib', (t) => {
    const root = stdlibPath();
    if (!root) return t.skip('no Python stdlib on this machine');
    const files = discoverPythonFiles([root]).files.filter((_, i) => i % 4 === 0);
    let checked = 0;
    for (const file of files) {
      const decoded = decodePythonSource(fs.readFileSync(file));
      if (!decoded.ok) continue;
      const parsed = parse(decoded.text, { targetVersion: { major: 3, minor: 13 } });
      if (parsed.errors.length > 0) continue;
      checked += assertSameContexts(decoded.text, file);
    }
    assert.ok(checked > 500_000, `only ${checked} expressions checked`);
  });
});
