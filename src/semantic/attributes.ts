// Instance/class attribute slots: everything known about `self.attr` of one class in this module
// (its assignments in methods and class body, and its uses), for shape inference on attributes.
import type { Attribute, ClassDef } from '../parse/ast.js';
import type { Assignment } from './scopes.js';

export interface AttributeSlot {
  readonly cls: ClassDef;
  readonly name: string;
  /** `self.name = …` in methods, plus `name = …` / `name: T` in the class body. */
  readonly assignments: Assignment[];
  /** Every `self.name` (load or store) in the class's methods. */
  readonly references: Attribute[];
}

/** True for the kinds of assignment to `self.x` we record while walking (see model.ts). */
export function newSlot(cls: ClassDef, name: string): AttributeSlot {
  return { cls, name, assignments: [], references: [] };
}
