// Facts about AST node classes the semantic walk needs: which are statements, which are
// field-less singletons (operators, contexts) that the parser may share between parents.
import { NODE_FIELDS } from '../parse/ast.js';
import type { Node, NodeType, stmt } from '../parse/ast.js';

const STATEMENTS = new Set<NodeType>([
  'FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Return', 'Delete', 'Assign', 'TypeAlias', 'AugAssign',
  'AnnAssign', 'For', 'AsyncFor', 'While', 'If', 'With', 'AsyncWith', 'Match', 'Raise', 'Try', 'TryStar',
  'Assert', 'Import', 'ImportFrom', 'Global', 'Nonlocal', 'Expr', 'Pass', 'Break', 'Continue',
]);

export function isStatement(node: Node): node is stmt {
  return STATEMENTS.has(node._type);
}

/** Operators and expression contexts carry no fields and no position; they are never walked. */
export function isFieldless(type: NodeType): boolean {
  const info = NODE_FIELDS[type];
  return info.fields.length === 0 && !info.located;
}

/** The child nodes of `node`, in CPython's field order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const fields = NODE_FIELDS[node._type].fields;
  const record = node as unknown as Record<string, unknown>;
  for (let i = 0; i < fields.length; i++) {
    const value = record[fields[i]!];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== null && typeof item === 'object' && '_type' in item && !isFieldless(item._type)) visit(item as Node);
      }
    } else if ('_type' in value) {
      const child = value as Node;
      if (!isFieldless(child._type)) visit(child);
    }
  }
}
