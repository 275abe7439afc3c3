// The calls of a parsed file by start position, with the name the callee will carry in a
// profile (`json.dumps(…)` → `dumps`), so a finding on a call can be costed by the calls a
// deterministic profile recorded from its function to that callee.
import { NODE_FIELDS, type Module, type Node } from '../parse/ast.js';

/** `line:byteColumn` of each call's start → the callee's bare name (the first resolvable call starting there). */
export function callSitesOf(module: Module): Map<string, string> {
  const sites = new Map<string, string>();
  // An explicit stack (trees may be nested deeper than the JS call stack), children pushed
  // last-first so calls are met in the same pre-order as a recursive walk.
  const stack: Node[] = [];
  for (let i = module.body.length - 1; i >= 0; i--) stack.push(module.body[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node._type === 'Call') {
      const name = node.func._type === 'Name' ? node.func.id : node.func._type === 'Attribute' ? node.func.attr : undefined;
      const key = `${node.lineno}:${node.col_offset}`;
      if (name && !sites.has(key)) sites.set(key, name);
    }
    const fields = NODE_FIELDS[node._type].fields;
    for (let f = fields.length - 1; f >= 0; f--) {
      const value = (node as unknown as Record<string, unknown>)[fields[f]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as Node);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
  return sites;
}

/**
 * Whether a profile frame's name is the callee `name`: a Python function of that name, or a
 * C function cProfile labels `<built-in method builtins.sorted>` / `<method 'pop' of 'list' objects>`.
 */
export function frameNamesCallee(frameName: string, name: string): boolean {
  if (frameName === name) return true;
  if (!frameName.startsWith('<')) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^<(built-in method |method ')(?:[\\w.]*\\.)?${escaped}['> ]`).test(frameName);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { _type?: unknown })._type === 'string';
}
