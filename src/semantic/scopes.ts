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

const NO_NAMES: Set<string> = new Set();
const NO_RETURNS: Return[] = [];

/**
 * A scope. Its contents (bindings, `global`/`nonlocal` names, returns, yields) are filled in on
 * first read by the model's lazy binder: most scopes of a file are never asked about, so most are
 * never walked. The binder writes through `own` and the `write*` members, which never trigger a build.
 */
export class Scope {
  private readonly bindingMap = new Map<string, Binding>();
  // Rare contents start out shared and empty; a scope gets its own on first write.
  private globalNames: Set<string> = NO_NAMES;
  private nonlocalNames: Set<string> = NO_NAMES;
  private returnList: Return[] = NO_RETURNS;
  private yields = false;
  private starImport = false;
  private complete = false;

  constructor(
    readonly kind: ScopeKind,
    readonly node: ScopeNode,
    readonly parent: Scope | undefined,
    /** Makes sure this scope's contents are complete (the model's binder); a no-op once done. */
    private readonly ensure: (scope: Scope) => void = () => {},
  ) {}

  get bindings(): ReadonlyMap<string, Binding> {
    if (!this.complete) this.ensure(this);
    return this.bindingMap;
  }
  get globals(): ReadonlySet<string> {
    if (!this.complete) this.ensure(this);
    return this.globalNames;
  }
  get nonlocals(): ReadonlySet<string> {
    if (!this.complete) this.ensure(this);
    return this.nonlocalNames;
  }
  /** `return` statements of a function scope (not of nested functions). */
  get returns(): readonly Return[] {
    if (!this.complete) this.ensure(this);
    return this.returnList;
  }
  get hasYield(): boolean {
    if (!this.complete) this.ensure(this);
    return this.yields;
  }
  get hasStarImport(): boolean {
    if (!this.complete) this.ensure(this);
    return this.starImport;
  }

  // ---- written by the binder only (never triggers a build) --------------------------------

  /** Every binding of this scope is known: later reads need not ask the binder. */
  markComplete(): void {
    this.complete = true;
  }

  /** The binding of `name` in this very scope, created on first use. */
  own(name: string): Binding {
    let binding = this.bindingMap.get(name);
    if (!binding) {
      binding = { name, scope: this, assignments: [] };
      this.bindingMap.set(name, binding);
    }
    return binding;
  }
  declaresGlobal(name: string): boolean {
    return this.globalNames.has(name);
  }
  declaresNonlocal(name: string): boolean {
    return this.nonlocalNames.has(name);
  }
  writeGlobal(name: string): void {
    if (this.globalNames === NO_NAMES) this.globalNames = new Set();
    this.globalNames.add(name);
  }
  writeNonlocal(name: string): void {
    if (this.nonlocalNames === NO_NAMES) this.nonlocalNames = new Set();
    this.nonlocalNames.add(name);
  }
  writeReturn(node: Return): void {
    if (this.returnList === NO_RETURNS) this.returnList = [];
    this.returnList.push(node);
  }
  writeYield(): void {
    this.yields = true;
  }
  writeStarImport(): void {
    this.starImport = true;
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
