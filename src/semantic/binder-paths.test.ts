// The model answers some questions two ways: by walking the tree, or (given the parser's index)
// from the parser's lists — a region bound from its statements plus the scoping expressions, the
// declaring scopes from the listed `global`/`nonlocal` statements, `self.x` slots from the listed
// `name.attr` nodes. They must agree: this resolves and shapes every Name and `name.attr` of real
// stdlib files both ways and compares the answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '../parse/index.js';
import type { Attribute, Node, Name } from '../parse/ast.js';
import { buildSemanticModel, type Binding, type SemanticModel } from './index.js';
import { forEachChild } from './node-kinds.js';
import { stdlibPath } from '../../test/corpus.js';

/** A binding as plain data: where it lives, its name, and how it was assigned. */
function describe(model: SemanticModel, b: Binding | undefined): string {
  if (!b) return '-';
  const where = b.scope.node as { lineno?: number; _type: string };
  const kinds = b.assignments.map((a) => `${a.kind}@${(a.node as { lineno?: number }).lineno ?? '?'}`).sort().join(',');
  return `${where._type}:${where.lineno ?? 0}:${b.name}:${kinds}:${b.selfOf ? 'self' : ''}:${model.isCaptured(b)}`;
}

// (pydoc, inspect and asyncio/tasks hold `global`/`nonlocal` statements)
const FILES = ['dataclasses.py', 'typing.py', 'asyncio/tasks.py', 'email/_header_value_parser.py', 'pydoc.py', 'argparse.py', 'enum.py', 'functools.py', 'inspect.py', 're/_parser.py'];

test("answers from the parser's index agree with walking the tree (stdlib files)", (t) => {
  const root = stdlibPath();
  if (!root) return t.skip('no Python stdlib on this machine');
  let names = 0;
  let slots = 0;
  let declarations = 0;
  for (const file of FILES) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    const source = fs.readFileSync(full, 'utf8');
    const parsed = parse(source);
    declarations += parsed.index!.declarations.length;
    const walked = buildSemanticModel(parsed.module, { source });
    const fromStatements = buildSemanticModel(parsed.module, { source, index: parsed.index });
    const all: Name[] = [];
    const attributes: Attribute[] = [];
    const stack: Node[] = [parsed.module];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n._type === 'Name') all.push(n);
      else if (n._type === 'Attribute' && n.value._type === 'Name') attributes.push(n);
      forEachChild(n, (c) => stack.push(c));
    }
    // `self.x` slots: found from the listed `name.attr` nodes, or by walking the class
    for (const attr of attributes) {
      const slotOf = (model: SemanticModel): string => {
        const ref = model.containerRef(attr);
        const refs = ref ? model.referencesOf(ref).map((r) => `${(r as Attribute).lineno}:${(r as Attribute).col_offset}`).sort().join(',') : '-';
        const assigned = ref ? ref.assignments.map((a) => a.kind).sort().join(',') : '-';
        return `${JSON.stringify(model.shapeOf(attr))} ${refs} ${assigned}`;
      };
      assert.equal(slotOf(fromStatements), slotOf(walked), `${file}:${attr.lineno}: ${(attr.value as Name).id}.${attr.attr}`);
      slots++;
    }
    for (const name of all) {
      const a = `${describe(walked, walked.resolveName(name))} ${JSON.stringify(walked.shapeOf(name))}`;
      const b = `${describe(fromStatements, fromStatements.resolveName(name))} ${JSON.stringify(fromStatements.shapeOf(name))}`;
      assert.equal(b, a, `${file}:${name.lineno}: ${name.id}`);
      names++;
    }
    for (const scope of [walked.moduleScope, fromStatements.moduleScope]) assert.ok(scope.bindings.size > 0, file);
  }
  assert.ok(names > 10_000, `only ${names} names compared`);
  assert.ok(slots > 2_000, `only ${slots} name.attr nodes compared`);
  assert.ok(declarations > 3, `only ${declarations} global/nonlocal statements seen`);
});

test("a name's shape is withdrawn when a foreign method is called on it, either way", () => {
  const source = ['items = []', 'items.add(1)', 'names = []', 'names.append(2)', 'print(items, names)', ''].join('\n');
  const parsed = parse(source);
  const uses = (parsed.module.body[4] as { value: { args: Name[] } }).value.args;
  for (const model of [buildSemanticModel(parsed.module, { source }), buildSemanticModel(parsed.module, { source, index: parsed.index })]) {
    assert.equal(model.shapeOf(uses[0]!).kind, 'unknown', '`items.add` contradicts a list');
    assert.equal(model.shapeOf(uses[1]!).kind, 'list', '`names.append` is a list method');
  }
});
