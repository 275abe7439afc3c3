// CPython 3.13 turns its C tree into Python `ast` objects recursively, with a recursion limit:
// a tree nested deeper than that is refused with RecursionError. This finds the first node
// (in source order) past that depth, walking with an explicit stack.
import { NODE_FIELDS, type Node } from './ast.js';

/**
 * The deepest tree CPython 3.13's `ast.parse` still builds, counting the Module as depth 1 and
 * every node but the field-less operator/context singletons (measured: `x = a + … + a` with
 * 9,994 `+` is accepted, 9,995 refused; the same for attribute, call and subscript chains).
 */
export const MAX_AST_DEPTH = 9997;

/** The first node deeper than `limit`, or undefined when the whole tree fits. */
export function firstNodeDeeperThan(root: Node, limit: number): Node | undefined {
  const nodes: Node[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return node;
    const fields = NODE_FIELDS[node._type].fields;
    const record = node as unknown as Record<string, unknown>;
    for (let f = fields.length - 1; f >= 0; f--) {
      const value = record[fields[f]!];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pushIfNode(value[i], depth + 1);
      } else pushIfNode(value, depth + 1);
    }
  }
  return undefined;

  function pushIfNode(value: unknown, depth: number): void {
    if (value === null || typeof value !== 'object') return;
    const type = (value as Node)._type;
    if (type === undefined) return;
    const info = NODE_FIELDS[type];
    if (info.fields.length === 0 && !info.located) return; // Load, Add…: shared singletons
    nodes.push(value as Node);
    depths.push(depth);
  }
}
