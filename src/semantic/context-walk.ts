// Python's rules for which scope and loop each node sits in, applied while walking down from a
// node whose place is known. def/class/lambda bodies open a new scope and leave any loop; a `for`
// target and body, a `while` test and body, and a comprehension's conditions, inner iterables and
// element repeat. Every walk of the semantic model goes through here, so the rules live in one place.
import type { Node, arguments as Arguments, arg, comprehension, FunctionDef, AsyncFunctionDef, Lambda, ClassDef } from '../parse/ast.js';
import { Scope, type ScopeKind } from './scopes.js';
import { makeLoop, type Loop } from './loops.js';
import { Kind, KIND_COUNT, pushChildren } from '../parse/children.js';

/** One object per scope node and per loop node of a module, made on first need. */
export class Registry {
  private readonly scopes = new Map<Node, Scope>();
  private readonly loops = new Map<Node, Loop>();

  constructor(
    readonly moduleScope: Scope,
    private readonly ensure: (scope: Scope) => void,
  ) {
    this.scopes.set(moduleScope.node, moduleScope);
  }

  /** The scope `node` opens (a def, class, lambda or comprehension), whose parent is `parent`. */
  scope(node: Node, kind: ScopeKind, parent: Scope): Scope {
    let scope = this.scopes.get(node);
    if (!scope) {
      scope = new Scope(kind, node, parent, this.ensure);
      this.scopes.set(node, scope);
    }
    return scope;
  }

  /** The scope `node` opens, if it has been made. */
  knownScope(node: Node): Scope | undefined {
    return this.scopes.get(node);
  }

  /** The loop of a for/while statement or a comprehension clause, inside loop `parent`. */
  loop(node: Loop['node'], owner: Node, parent: Loop | undefined): Loop {
    let loop = this.loops.get(node);
    if (!loop) {
      loop = makeLoop(node, owner, parent);
      this.loops.set(node, loop);
    }
    return loop;
  }
}

export const enum WalkMode {
  /** Every node under the root. */
  Full,
  /** The root statement's own expressions: statements nested in it (bodies) are not entered. */
  Unit,
  /** A scope's region: no def/class body or def parameters are entered (they belong to scopes of their own); walk a region from its body's statements. */
  Region,
}

export type PlaceVisitor = (node: Node, parent: Node | undefined, scope: Scope, loop: Loop | undefined) => void;

type Fn = FunctionDef | AsyncFunctionDef;
type ComprehensionOwner = Node & { generators: comprehension[] };

/**
 * The place children are pushed with: scope and loop, plus for a def's or lambda's `arguments`
 * node and its parameters the place outside (where defaults and annotations are evaluated). Made
 * only where the place changes; plain children share their parent's.
 */
interface Ctx {
  readonly scope: Scope;
  readonly loop: Loop | undefined;
  readonly role: number;
  readonly outer: Ctx | undefined;
}

const PLAIN = 0;
/** An `arguments` node whose parameters are walked. */
const ARGUMENTS = 1;
/** A nested def's `arguments` in a Region walk: defaults and annotations only. */
const ARGUMENTS_WITHOUT_PARAMETERS = 2;
/** A parameter (`arg`): its annotation is evaluated outside. */
const PARAMETER = 3;

// The kinds whose children change scope or loop (expanded by name below); all others pass their
// place on to their children unchanged.
const SPECIAL: readonly boolean[] = (() => {
  const special = new Array<boolean>(KIND_COUNT).fill(false);
  for (const k of [Kind.FunctionDef, Kind.AsyncFunctionDef, Kind.Lambda, Kind.ClassDef, Kind.ListComp, Kind.SetComp, Kind.GeneratorExp, Kind.DictComp, Kind.comprehension, Kind.For, Kind.AsyncFor, Kind.While]) special[k] = true;
  return special;
})();

/**
 * Walk each of `roots` (siblings sharing one parent and place; each visited before its children)
 * and everything below that `mode` allows, in source order as far as evaluation order allows (a
 * def's decorators before its parameters, a for's iterable before its target), calling `visit`
 * with each node's syntactic parent, scope and loop.
 */
export function walkWithPlaces(registry: Registry, roots: readonly Node[], parent: Node | undefined, scope: Scope, loop: Loop | undefined, mode: WalkMode, visit: PlaceVisitor): void {
  // Walkers keep their stacks between walks (the model runs many small ones); a visitor that
  // starts a walk of its own gets another walker.
  const walker = idle.pop() ?? new PlaceWalker();
  try {
    walker.run(registry, roots, parent, { scope, loop, role: PLAIN, outer: undefined }, mode, visit);
  } finally {
    walker.clear();
    idle.push(walker);
  }
}

const idle: PlaceWalker[] = [];

class PlaceWalker {
  // One stack in three arrays: `nodes` grows and shrinks (push/pop); `parents` and `ctxs` are
  // indexed alike and keep stale entries above the top until `clear`. Children are pushed last
  // first so they pop in order.
  private readonly nodes: Node[] = [];
  private readonly parents: (Node | undefined)[] = [];
  private readonly ctxs: Ctx[] = [];
  private highWater = 0;
  // Children of a special node, in visiting order, before they go on the stack reversed.
  private readonly pending: Node[] = [];
  private readonly pendingCtxs: Ctx[] = [];
  private readonly pendingParents: Node[] = [];
  private count = 0;
  private owner: Node | undefined;

  /** Drop references to the walked tree, so a finished module can be collected. */
  clear(): void {
    this.nodes.length = 0;
    for (let i = 0; i < this.highWater; i++) {
      this.parents[i] = undefined;
      this.ctxs[i] = undefined as unknown as Ctx;
    }
    for (let i = 0; i < this.pending.length; i++) {
      this.pending[i] = undefined as unknown as Node;
      this.pendingParents[i] = undefined as unknown as Node;
      this.pendingCtxs[i] = undefined as unknown as Ctx;
    }
    this.highWater = 0;
    this.owner = undefined;
  }

  private add(child: Node | null | undefined, ctx: Ctx, parentNode: Node = this.owner!): void {
    if (child === null || child === undefined) return;
    const i = this.count++;
    this.pending[i] = child;
    this.pendingCtxs[i] = ctx;
    this.pendingParents[i] = parentNode;
  }

  private addAll(children: readonly (Node | null)[], ctx: Ctx): void {
    for (let i = 0; i < children.length; i++) this.add(children[i], ctx);
  }

  /** Move the pending children onto the stack, last first. */
  private flush(): void {
    const { nodes, parents, ctxs, pending, pendingParents, pendingCtxs } = this;
    for (let i = this.count - 1; i >= 0; i--) {
      const at = nodes.length;
      nodes.push(pending[i]!);
      parents[at] = pendingParents[i]!;
      ctxs[at] = pendingCtxs[i]!;
    }
    if (nodes.length > this.highWater) this.highWater = nodes.length;
  }

  run(registry: Registry, roots: readonly Node[], parent: Node | undefined, rootCtx: Ctx, mode: WalkMode, visit: PlaceVisitor): void {
    const { nodes, parents, ctxs } = this;
    for (let i = roots.length - 1; i >= 0; i--) {
      const at = nodes.length;
      nodes.push(roots[i]!);
      parents[at] = parent;
      ctxs[at] = rootCtx;
    }
    if (nodes.length > this.highWater) this.highWater = nodes.length;
    const region = mode === WalkMode.Region;
    const unit = mode === WalkMode.Unit;

    for (;;) {
      const node = nodes.pop();
      if (node === undefined) return;
      const at = nodes.length;
      const ctx = ctxs[at]!;
      const nodeParent = parents[at];
      visit(node, nodeParent, ctx.scope, ctx.loop);
      const role = ctx.role;

      if (role === PLAIN) {
        // Most nodes hand their place to their children unchanged: push them all in one go, and
        // take them back off for the few kinds that open a scope or a loop.
        const kind = pushChildren(node, nodes, !unit);
        const end = nodes.length;
        if (!SPECIAL[kind]) {
          for (let i = at; i < end; i++) {
            parents[i] = node;
            ctxs[i] = ctx;
          }
          if (end > this.highWater) this.highWater = end;
          continue;
        }
        nodes.length = at;
      }

      this.count = 0;
      this.owner = node;
      if (role !== PLAIN) this.expandParameters(node, ctx, role);
      else this.expandSpecial(registry, node, ctx, nodeParent, region, unit);
      this.flush();
    }
  }

  /** An `arguments` node or a parameter: parameters live in the function's scope; defaults and annotations are evaluated outside. */
  private expandParameters(node: Node, ctx: Ctx, role: number): void {
    const outer = ctx.outer!;
    if (role === PARAMETER) {
      this.add((node as arg).annotation, outer);
      return;
    }
    const a = node as Arguments;
    const parameterCtx: Ctx = { scope: ctx.scope, loop: ctx.loop, role: PARAMETER, outer };
    const each = (p: arg): void => {
      if (role === ARGUMENTS) this.add(p, parameterCtx);
      // the annotation keeps the parameter as its parent, though the parameter itself is not visited
      else this.add(p.annotation, outer, p);
    };
    a.posonlyargs.forEach(each);
    a.args.forEach(each);
    if (a.vararg) each(a.vararg);
    a.kwonlyargs.forEach(each);
    if (a.kwarg) each(a.kwarg);
    this.addAll(a.defaults, outer);
    this.addAll(a.kw_defaults, outer);
  }

  /** The nodes that open a scope or a loop. */
  private expandSpecial(registry: Registry, node: Node, ctx: Ctx, parent: Node | undefined, region: boolean, unit: boolean): void {
    const s = ctx.scope;
    const l = ctx.loop;
    switch (node._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef': {
        const fn = node as Fn;
        const own = registry.scope(fn, 'function', s);
        this.addAll(fn.decorator_list, ctx);
        this.addAll(fn.type_params, ctx);
        this.add(fn.args, { scope: own, loop: undefined, role: region ? ARGUMENTS_WITHOUT_PARAMETERS : ARGUMENTS, outer: ctx });
        this.add(fn.returns, ctx);
        if (!region && !unit) this.addAll(fn.body, plain(own, undefined));
        return;
      }
      case 'Lambda': {
        const fn = node as Lambda;
        const own = registry.scope(fn, 'lambda', s);
        this.add(fn.args, { scope: own, loop: undefined, role: ARGUMENTS, outer: ctx });
        this.add(fn.body, plain(own, undefined));
        return;
      }
      case 'ClassDef': {
        const cls = node as ClassDef;
        this.addAll(cls.decorator_list, ctx);
        this.addAll(cls.type_params, ctx);
        this.addAll(cls.bases, ctx);
        this.addAll(cls.keywords, ctx);
        if (!region && !unit) this.addAll(cls.body, plain(registry.scope(cls, 'class', s), undefined));
        return;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp': {
        const comp = node as ComprehensionOwner;
        const own = registry.scope(comp, 'comprehension', s);
        // The first iterable runs once, outside; every later part runs per iteration of the clauses before it.
        let inner = l;
        for (let i = 0; i < comp.generators.length; i++) {
          const clause = comp.generators[i]!;
          this.add(clause, i === 0 ? ctx : plain(own, inner));
          inner = registry.loop(clause, comp, inner);
        }
        const repeated = plain(own, inner);
        if (node._type === 'DictComp') {
          this.add(node.key, repeated);
          this.add(node.value, repeated);
        } else {
          this.add((node as { elt: Node }).elt, repeated);
        }
        return;
      }
      case 'comprehension': {
        const clause = node as comprehension;
        const comp = parent as ComprehensionOwner;
        const own = registry.scope(comp, 'comprehension', s);
        const repeated = plain(own, registry.loop(clause, comp, l));
        this.add(clause.iter, ctx);
        this.add(clause.target, repeated);
        this.addAll(clause.ifs, repeated);
        return;
      }
      case 'For':
      case 'AsyncFor': {
        const repeated = plain(s, registry.loop(node, node, l));
        this.add(node.iter, ctx);
        this.add(node.target, repeated);
        if (!unit) {
          this.addAll(node.body, repeated);
          this.addAll(node.orelse, ctx);
        }
        return;
      }
      case 'While': {
        const repeated = plain(s, registry.loop(node, node, l));
        this.add(node.test, repeated);
        if (!unit) {
          this.addAll(node.body, repeated);
          this.addAll(node.orelse, ctx);
        }
        return;
      }
    }
  }
}

function plain(scope: Scope, loop: Loop | undefined): Ctx {
  return { scope, loop, role: PLAIN, outer: undefined };
}
