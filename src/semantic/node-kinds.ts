// What the semantic walks need to know of AST node classes: which are statements, the statement
// blocks of a compound statement, and a node's children.
import { pushChildren } from '../parse/children.js';
import type { Node, NodeType, stmt } from '../parse/ast.js';

const STATEMENTS = new Set<NodeType>([
  'FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Return', 'Delete', 'Assign', 'TypeAlias', 'AugAssign',
  'AnnAssign', 'For', 'AsyncFor', 'While', 'If', 'With', 'AsyncWith', 'Match', 'Raise', 'Try', 'TryStar',
  'Assert', 'Import', 'ImportFrom', 'Global', 'Nonlocal', 'Expr', 'Pass', 'Break', 'Continue',
]);

export function isStatement(node: Node): node is stmt {
  return STATEMENTS.has(node._type);
}

/** The child nodes of `node`, in CPython's field order (operators and contexts are skipped). */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const children: Node[] = [];
  pushChildren(node, children, true);
  for (let i = children.length - 1; i >= 0; i--) visit(children[i]!);
}

/**
 * The statement lists directly inside compound statement `s` (bodies, `else`, `finally`, each
 * handler's and each case's body), in source order, each with the node owning it (the statement,
 * or the handler or case). `visit` gets `state` passed through (so callers need no closure per
 * statement) and stops the enumeration by returning true.
 */
export function forEachBlock<T>(s: stmt, state: T, visit: (block: readonly stmt[], owner: Node, state: T) => boolean | void): void {
  switch (s._type) {
    case 'FunctionDef':
    case 'AsyncFunctionDef':
    case 'ClassDef':
    case 'With':
    case 'AsyncWith':
      visit(s.body, s, state);
      return;
    case 'For':
    case 'AsyncFor':
    case 'While':
    case 'If':
      if (visit(s.body, s, state) !== true) visit(s.orelse, s, state);
      return;
    case 'Try':
    case 'TryStar':
      if (visit(s.body, s, state) === true) return;
      for (const h of s.handlers) if (visit(h.body, h, state) === true) return;
      if (visit(s.orelse, s, state) !== true) visit(s.finalbody, s, state);
      return;
    case 'Match':
      for (const c of s.cases) if (visit(c.body, c, state) === true) return;
      return;
    default:
      return;
  }
}

/**
 * Every statement of `body` and of the blocks nested in them (not in a fixed order), with the node
 * owning its block. `visit` returns the state for the statement's own blocks, or undefined to
 * leave them unvisited.
 */
export function forEachStatement<T>(body: readonly stmt[], owner: Node, state: T, visit: (s: stmt, owner: Node, state: T) => T | undefined): void {
  const lists: (readonly stmt[])[] = [body];
  const owners: Node[] = [owner];
  const states: T[] = [state];
  const push = (block: readonly stmt[], blockOwner: Node, inner: T): void => {
    if (block.length === 0) return;
    lists.push(block);
    owners.push(blockOwner);
    states.push(inner);
  };
  while (lists.length > 0) {
    const list = lists.pop()!;
    const listOwner = owners.pop()!;
    const listState = states.pop()!;
    for (const s of list) {
      const inner = visit(s, listOwner, listState);
      if (inner !== undefined) forEachBlock(s, inner, push);
    }
  }
}
