// Python's scopes and bindings, and name resolution by Python's rules (class bodies invisible to
// nested functions, `global`/`nonlocal`, builtins last).
import type { Node, expr, ClassDef, FunctionDef, AsyncFunctionDef, Lambda, Module, Return } from '../parse/ast.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export type AssignmentKind =
  | 'assign' // x = value, or a name inside an unpacking target (then `value` is absent)
  | 'annotated' // x: T (= value)
  | 'augmented' // x += value
  | 'for' // for x in …
  | 'comprehension' // [… for x in …]
  | 'with' // with … as x
  | 'except' // except E as x
  | 'import' // import m / from m import x
  | 'def' // def x / async def x
  | 'class' // class x
  | 'walrus' // (x := value)
  | 'match' // case P(x) / case [*x] / case {**x}
  | 'delete' // del x
  | 'parameter' // def f(x)
  | 'type-alias'; // type X = …

/** One place where a name (or a `self.attr`) gets a value. */
export interface Assignment {
  readonly kind: AssignmentKind;
  /** The target node: a Name, an Attribute, an `arg`, an `alias`, the def/class/handler/pattern node. */
  readonly node: Node;
  /** The value assigned to this very target (absent for unpacking, loops, imports…). */
  readonly value?: expr;
  /** The annotation, for annotated assignments and parameters. */
  readonly annotation?: expr;
  /** For imports: the dotted name this binding stands for (`collections`, `functools.reduce`, `.sibling`). */
  readonly imported?: string;
}

export interface Binding {
  readonly name: string;
  readonly scope: Scope;
  readonly assignments: Assignment[];
  /** Set when this is the first parameter (`self`/`cls`) of a method of this class. */
  selfOf?: ClassDef;
}

export type ScopeNode = Module | ClassDef | FunctionDef | AsyncFunctionDef | Lambda | Node;

export class Scope {
  readonly bindings = new Map<string, Binding>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  /** `return` statements of a function scope (not of nested functions). */
  readonly returns: Return[] = [];
  hasYield = false;
  hasStarImport = false;

  constructor(
    readonly kind: ScopeKind,
    readonly node: ScopeNode,
    readonly parent: Scope | undefined,
  ) {}

  /** The binding of `name` in this very scope, created on first use. */
  own(name: string): Binding {
    let binding = this.bindings.get(name);
    if (!binding) {
      binding = { name, scope: this, assignments: [] };
      this.bindings.set(name, binding);
    }
    return binding;
  }

  get moduleScope(): Scope {
    let scope: Scope = this;
    while (scope.parent) scope = scope.parent;
    return scope;
  }

  /** The binding a use of `name` in this scope refers to; undefined means global-but-unbound or builtin. */
  resolve(name: string): Binding | undefined {
    let scope: Scope | undefined = this;
    let first = true;
    while (scope) {
      // Class bodies are only visible to code directly in them, never to nested scopes.
      if (first || scope.kind !== 'class') {
        if (scope.globals.has(name)) return scope.moduleScope.bindings.get(name);
        const binding = scope.bindings.get(name);
        if (binding) return binding;
      }
      first = false;
      scope = scope.parent;
    }
    return undefined;
  }

  /** The scope a walrus in this scope binds in: the nearest scope that is not a comprehension. */
  get walrusTarget(): Scope {
    let scope: Scope = this;
    while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
    return scope;
  }

  /** The nearest enclosing function or lambda scope (this one included). */
  get functionScope(): Scope | undefined {
    let scope: Scope | undefined = this;
    while (scope && scope.kind !== 'function' && scope.kind !== 'lambda') scope = scope.parent;
    return scope;
  }
}
