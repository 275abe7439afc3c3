// The one walk per file: visits every node once, in source order, and calls the handlers that
// the enabled rules registered for that node's kind (enter, then children, then exit).
import { NODE_FIELDS, type Node, type NodeType } from '../parse/ast.js';

export type Handler = (node: Node) => void;

/** Handlers by node kind, built once per file from all enabled rules' visitors. */
export interface HandlerTable {
  enter: Partial<Record<NodeType, Handler[]>>;
  exit: Partial<Record<NodeType, Handler[]>>;
}

// The child-bearing fields of each class. `ctx` (Load/Store/Del) is skipped: no rule needs it and
// it is on every Name, Attribute and Subscript.
const CHILD_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(NODE_FIELDS).map(([type, info]) => [type, info.fields.filter((f) => f !== 'ctx' && f !== 'type_comment')]),
);

export function walk(root: Node, table: HandlerTable): void {
  const { enter, exit } = table;
  const visit = (node: Node): void => {
    const type = node._type;
    const onEnter = enter[type];
    if (onEnter) for (let i = 0; i < onEnter.length; i++) onEnter[i]!(node);
    const fields = CHILD_FIELDS[type]!;
    for (let f = 0; f < fields.length; f++) {
      const value = (node as unknown as Record<string, unknown>)[fields[f]!];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const child = value[i];
          if (child !== null && typeof child === 'object' && (child as Node)._type !== undefined) visit(child as Node);
        }
      } else if ((value as Node)._type !== undefined) {
        visit(value as Node);
      }
    }
    const onExit = exit[type];
    if (onExit) for (let i = 0; i < onExit.length; i++) onExit[i]!(node);
  };
  visit(root);
}
