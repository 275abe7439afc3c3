// The semantic model of one Python module: scopes, bindings, name resolution, loop context and
// shape inference, per file, read-only to rules (`ctx.semantic`); every answer is computed on first
// question (see docs/semantic.md).
import type { Module, Node, expr, stmt, Name, Attribute, FunctionDef, AsyncFunctionDef, Lambda, ClassDef, Call, AugAssign, Subscript } from '../parse/ast.js';
import { buildModel } from './model.js';

export type { Shape, ShapeKind } from './shapes.js';
export type { Scope, ScopeKind, Binding, Assignment, AssignmentKind } from './scopes.js';
export type { Loop, LoopKind } from './loops.js';
export type { AttributeSlot } from './attributes.js';
import type { Shape } from './shapes.js';
import type { Scope, Binding } from './scopes.js';
import type { Loop } from './loops.js';
import type { AttributeSlot } from './attributes.js';

export type FunctionLike = FunctionDef | AsyncFunctionDef | Lambda;

/** Something a container expression denotes: a name's binding or a `self.attr` slot. */
export type ContainerRef = Binding | AttributeSlot;

/** What rules may ask about a module. Every answer is computed from the one tree given. */
export interface SemanticModel {
  readonly module: Module;

  // ---- structure -------------------------------------------------------------------------
  /** The syntactic parent (a node, list elements' parent is the node owning the list). */
  parentOf(node: Node): Node | undefined;
  /** The innermost statement containing `node` (the node itself if it is a statement). */
  enclosingStatement(node: Node): stmt | undefined;
  /** The innermost def/async def/lambda whose body contains `node`. */
  enclosingFunction(node: Node): FunctionLike | undefined;
  /** The innermost class whose body contains `node` (not crossing a function). */
  enclosingClass(node: Node): ClassDef | undefined;
  /** The scope in which `node`'s names are looked up. */
  scopeOf(node: Node): Scope;
  readonly moduleScope: Scope;

  // ---- loops -----------------------------------------------------------------------------
  /** The innermost loop whose repeated part contains `node`, within the same function. */
  loopOf(node: Node): Loop | undefined;
  /** Enclosing loops, innermost first (same function only). */
  loopsOf(node: Node): Loop[];
  /** Number of enclosing loops within the same function. */
  loopDepth(node: Node): number;
  /** Is `inner` inside the repeated part of `loop` (body, while-test, comprehension element)? */
  isInLoop(inner: Node, loop: Loop): boolean;

  // ---- names -----------------------------------------------------------------------------
  /** The binding a Name refers to, or undefined for builtins and unresolvable (global) names. */
  resolveName(name: Name): Binding | undefined;
  /** Does `node` refer to the builtin `builtin` (not shadowed, imported or assigned anywhere it could be)? */
  isBuiltin(node: expr, builtin: string): boolean;
  /** `functools.reduce`, `collections.deque`, `builtins.list`…: the imported or builtin thing an expression names. */
  qualifiedName(node: expr): string | undefined;
  /** The binding or `self.attr` slot an expression denotes (Name or `self.x` inside a method). */
  containerRef(node: expr): ContainerRef | undefined;
  /** Every Name (or `self.attr` Attribute) that reads or writes the container, in source order. */
  referencesOf(ref: ContainerRef): readonly Node[];
  /** Is a local variable also used by a nested function (so CPython keeps it in a cell)? */
  isCaptured(binding: Binding): boolean;

  // ---- shapes ----------------------------------------------------------------------------
  /** The inferred runtime shape of an expression; `unknown` when not certain. */
  shapeOf(node: expr): Shape;

  // ---- loop data-flow helpers ------------------------------------------------------------
  /** Is the container rebound (assigned anew, not mutated) inside the repeated part of `loop`? */
  isReboundIn(ref: ContainerRef, loop: Loop): boolean;
  /** Is the container grown in place (append/extend/insert/add/update/+=) inside `loop`? */
  isGrownIn(ref: ContainerRef, loop: Loop): boolean;
  /** Is `node`'s value the same on every iteration of `loop` (no names or attributes it reads change, no calls)? */
  isLoopInvariant(node: expr, loop: Loop): boolean;
  /** A short source-like rendering of a simple expression (`self.seen`, `names`, `get_list()`). */
  describe(node: expr): string;
}

export interface SemanticOptions {
  /** The module's source text (reserved: lets future queries slice exact text). */
  source?: string;
  /**
   * The parser's index of this module (`ParseResult.index`): scopes are then bound from statements
   * plus its scoping expressions, and the `global`/`nonlocal` statements taken from its list,
   * without walking the tree. Without it the model walks what it needs.
   */
  index?: {
    readonly scopingExpressions: readonly expr[];
    readonly declarations: readonly stmt[];
    /** `name.attr(…)` calls, `name op= …` and `name[…] = …`: with them, which methods are called on a name and whether it is grown are answered without walking its scope. */
    readonly containerUses?: readonly (Call | AugAssign | Subscript)[];
    /** Every `name.attr`: with them, a `self.attr` slot is found from its own uses, not by walking the whole class. */
    readonly nameAttributes?: readonly Attribute[];
  };
}

/** The semantic model of `module`: nothing is walked until a question needs it; answers are cached. */
export function buildSemanticModel(module: Module, options: SemanticOptions = {}): SemanticModel {
  return buildModel(module, options);
}
