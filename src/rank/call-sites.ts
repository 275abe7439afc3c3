// The calls of a parsed file by start position, with the name the callee will carry in a
// profile (`json.dumps(…)` → `dumps`), so a finding on a call can be costed by the calls a
// deterministic profile recorded from its function to that callee.
import { NODE_FIELDS, type Module, type Node } from '../parse/ast.js';

/** `line:byteColumn` of each call's start → the callee's bare name (the first resolvable call starting there). */
export function callSitesOf(module: Module): Map<string, string> {
  const sites = new Map<string, string>();
  const visit = (node: Node): void => {
    if (node._type === 'Call') {
      const name = node.func._type === 'Name' ? node.func.id : node.func._type === 'Attribute' ? node.func.attr : undefined;
      const key = `${node.lineno}:${node.col_offset}`;
      if (name && !sites.has(key)) sites.set(key, name);
    }
    for (const field of NODE_FIELDS[node._type].fields) {
      const value = (node as unknown as Record<string, unknown>)[field];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child);
      } else if (isNode(value)) {
        visit(value);
      }
    }
  };
  for (const s of module.body) visit(s);
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
