// Fills scopes with their bindings on demand, one region at a time: a module, def or class body,
// with the lambdas and comprehensions inside it (never a nested def's or class's body, which is a
// region of its own). `global`/`nonlocal` declarations move bindings between regions, so the
// regions that declare them are bound before any scope is read.
import type { Module, Node, expr, stmt, arg, ClassDef, FunctionDef, AsyncFunctionDef } from '../parse/ast.js';
import type { Scope, Assignment, AssignmentKind } from './scopes.js';
import { Registry, WalkMode, walkWithPlaces } from './context-walk.js';
import { extentStart, positionKey, type Place } from './locate.js';
import { forEachChild, forEachStatement } from './node-kinds.js';

/** How an assigned-to attribute (`self.x = …`) got its value. */
export interface AttributeStore {
  readonly kind: AssignmentKind;
  readonly value?: expr;
  readonly annotation?: expr;
}

type Fn = FunctionDef | AsyncFunctionDef;

export class Binder {
  /** Regions bound (or being bound), by their scope. */
  private readonly bound = new Set<Scope>();
  private declarationsBound = false;
  /** How each stored-to attribute got its value (filled as regions are bound). */
  readonly attributeStores = new Map<Node, AttributeStore>();

  /** The parser's scoping expressions of each region bound so far, with the scope each is evaluated in. */
  private readonly scopingByRegion = new Map<Scope, { node: expr; scope: Scope }[]>();

  private readonly scopingExpressions: readonly expr[] | undefined;
  private readonly declarations: readonly stmt[] | undefined;

  constructor(
    private readonly module: Module,
    private readonly registry: () => Registry,
    private readonly locate: (node: Node) => Place | undefined,
    /**
     * From the parser: with its scoping expressions, regions are bound from statements plus these
     * (no walk of every expression); with its declarations, no statement walk looks for them.
     */
    fromParser: { scopingExpressions?: readonly expr[]; declarations?: readonly stmt[] },
  ) {
    this.scopingExpressions = fromParser.scopingExpressions;
    this.declarations = fromParser.declarations;
  }

  /**
   * Bind a region from its statements (not entering nested def/class bodies) and the scoping
   * expressions inside it: the only expressions that bind (walrus, lambda parameters,
   * comprehension targets) or mark a function (yield).
   */
  private bindStatementsAndScopingExpressions(region: Scope, body: readonly stmt[], bindNode: (n: Node, parent: Node | undefined, s: Scope) => void): void {
    const nested: (Fn | ClassDef)[] = [];
    forEachStatement(body, region.node, true, (st, parent) => {
      bindNode(st, parent, region);
      // a def's or class's body is a region of its own
      if (st._type === 'FunctionDef' || st._type === 'AsyncFunctionDef' || st._type === 'ClassDef') {
        nested.push(st);
        return undefined;
      }
      if (st._type === 'Try' || st._type === 'TryStar') for (const h of st.handlers) bindNode(h, st, region);
      if (st._type === 'Match') {
        for (const c of st.cases) {
          // capture patterns bind; the expressions inside patterns cannot
          const patterns: Node[] = [c.pattern];
          while (patterns.length > 0) {
            const p = patterns.pop()!;
            bindNode(p, undefined, region);
            forEachChild(p, (child) => {
              if (child._type.startsWith('Match')) patterns.push(child);
            });
          }
        }
      }
      return true;
    });
    const registry = this.registry();
    for (const { node, scope } of this.scopingIn(region, nested)) {
      switch (node._type) {
        case 'Lambda': {
          const own = registry.scope(node, 'lambda', scope);
          const a = node.args;
          for (const list of [a.posonlyargs, a.args, a.kwonlyargs]) for (const p of list) bindNode(p, a, own);
          if (a.vararg) bindNode(a.vararg, a, own);
          if (a.kwarg) bindNode(a.kwarg, a, own);
          bindNode(node, undefined, scope);
          break;
        }
        case 'ListComp':
        case 'SetComp':
        case 'DictComp':
        case 'GeneratorExp':
          registry.scope(node, 'comprehension', scope);
          for (const clause of node.generators) bindNode(clause, node, scope);
          bindNode(node, undefined, scope);
          break;
        default:
          bindNode(node, undefined, scope);
      }
    }
  }

  /**
   * The scoping expressions of one region, each with the scope it is evaluated in. Each is located
   * (a walk of its statement) to learn its scope, so positions rule out first those that cannot be
   * in the region: outside its def or class, or inside the body of a def or class nested in it
   * (`nested`: those directly in the region's blocks).
   */
  private scopingIn(region: Scope, nested: readonly (Fn | ClassDef)[]): readonly { node: expr; scope: Scope }[] {
    const known = this.scopingByRegion.get(region);
    if (known) return known;
    const list: { node: expr; scope: Scope }[] = [];
    this.scopingByRegion.set(region, list);
    const r = region.node;
    const from = r._type === 'Module' ? -Infinity : extentStart(r as stmt);
    const to = r._type === 'Module' ? Infinity : positionKey((r as stmt).end_lineno!, (r as stmt).end_col_offset!);
    // nested bodies, in position order (siblings: they do not overlap)
    const bodies = nested
      .filter((d) => d.body.length > 0)
      .map((d) => [extentStart(d.body[0]!), positionKey(d.end_lineno, d.end_col_offset)] as const)
      .sort((x, y) => x[0] - y[0]);
    for (const node of this.scopingExpressions!) {
      const at = positionKey(node.lineno, node.col_offset);
      if (at < from || at > to || insideAny(bodies, at)) continue;
      const place = this.locate(node);
      if (!place) continue; // dropped by the parser's backtracking
      let owner = place.scope;
      while ((owner.kind === 'lambda' || owner.kind === 'comprehension') && owner.parent) owner = owner.parent;
      if (owner === region) list.push({ node, scope: place.scope });
    }
    return list;
  }

  /** Make `scope`'s contents complete (the callback every Scope calls before its contents are read). */
  ensure(scope: Scope): void {
    if (!this.declarationsBound) {
      this.declarationsBound = true;
      for (const declaring of this.scopesWithDeclarations()) this.bindRegion(declaring);
    }
    let region = scope;
    while ((region.kind === 'lambda' || region.kind === 'comprehension') && region.parent) region = region.parent;
    this.bindRegion(region);
  }

  private bindRegion(scope: Scope): void {
    if (this.bound.has(scope)) return;
    this.bound.add(scope);
    const registry = this.registry();
    const pendingNonlocal: { scope: Scope; name: string; assignment: Assignment }[] = [];
    const bind = (name: string, assignment: Assignment, into: Scope): void => {
      if (into.declaresGlobal(name)) into.moduleScope.own(name).assignments.push(assignment);
      else if (into.declaresNonlocal(name)) pendingNonlocal.push({ scope: into, name, assignment });
      else into.own(name).assignments.push(assignment);
    };
    const bindTarget = (target: expr, kind: AssignmentKind, into: Scope, value?: expr, annotation?: expr): void => {
      if (target._type === 'Name') {
        bind(target.id, { kind, node: target, value, annotation }, into);
        return;
      }
      // Iterative: unpacking targets may nest deeply.
      const stack: { target: expr; value?: expr; annotation?: expr }[] = [{ target, value, annotation }];
      while (stack.length > 0) {
        const t = stack.pop()!;
        switch (t.target._type) {
          case 'Name':
            bind(t.target.id, { kind, node: t.target, value: t.value, annotation: t.annotation }, into);
            break;
          case 'Attribute':
            this.attributeStores.set(t.target, { kind, value: t.value, annotation: t.annotation });
            break;
          case 'Tuple':
          case 'List':
            for (let i = t.target.elts.length - 1; i >= 0; i--) stack.push({ target: t.target.elts[i]! });
            break;
          case 'Starred':
            stack.push({ target: t.target.value });
            break;
          default:
            break; // subscripts bind nothing
        }
      }
    };

    const node = scope.node;
    let body: readonly stmt[];
    if (node._type === 'Module') body = node.body;
    else if (node._type === 'ClassDef') body = node.body;
    else if (node._type === 'FunctionDef' || node._type === 'AsyncFunctionDef') {
      bindParameters(scope, node);
      body = node.body;
    } else throw new Error(`semantic model: ${node._type} is not a region`);

    const inner: Scope[] = [];
    const bindNode = (n: Node, parent: Node | undefined, s: Scope): void => {
      switch (n._type) {
        case 'Lambda':
        case 'ListComp':
        case 'SetComp':
        case 'DictComp':
        case 'GeneratorExp': {
          const own = registry.knownScope(n);
          if (own) inner.push(own);
          return;
        }
        case 'FunctionDef':
        case 'AsyncFunctionDef':
          bind(n.name, { kind: 'def', node: n }, s);
          return;
        case 'ClassDef':
          bind(n.name, { kind: 'class', node: n }, s);
          return;
        case 'arg':
          // only a lambda's parameters are walked in a region (a def's belong to its own region)
          s.own(n.arg).assignments.push({ kind: 'parameter', node: n });
          return;
        case 'comprehension':
          bindTarget(n.target, 'comprehension', registry.scope(parent!, 'comprehension', s));
          return;
        case 'For':
        case 'AsyncFor':
          bindTarget(n.target, 'for', s);
          return;
        case 'Assign':
          for (const target of n.targets) bindTarget(target, 'assign', s, n.value);
          return;
        case 'AnnAssign':
          bindTarget(n.target, 'annotated', s, n.value ?? undefined, n.annotation);
          return;
        case 'AugAssign':
          bindTarget(n.target, 'augmented', s, n.value);
          return;
        case 'NamedExpr':
          if (n.target._type === 'Name') bind(n.target.id, { kind: 'walrus', node: n.target, value: n.value }, s.walrusTarget);
          return;
        case 'Delete':
          for (const target of n.targets) bindTarget(target, 'delete', s);
          return;
        case 'With':
        case 'AsyncWith':
          for (const item of n.items) if (item.optional_vars) bindTarget(item.optional_vars, 'with', s);
          return;
        case 'ExceptHandler':
          if (n.name) bind(n.name, { kind: 'except', node: n }, s);
          return;
        case 'Import':
          for (const alias of n.names) {
            if (alias.asname) bind(alias.asname, { kind: 'import', node: alias, imported: alias.name }, s);
            else {
              const top = alias.name.split('.')[0]!;
              bind(top, { kind: 'import', node: alias, imported: top }, s);
            }
          }
          return;
        case 'ImportFrom': {
          const from = '.'.repeat(n.level ?? 0) + (n.module ?? '');
          for (const alias of n.names) {
            if (alias.name === '*') {
              s.writeStarImport();
              continue;
            }
            const imported = from.endsWith('.') ? from + alias.name : `${from}.${alias.name}`;
            bind(alias.asname ?? alias.name, { kind: 'import', node: alias, imported }, s);
          }
          return;
        }
        case 'Global':
          for (const name of n.names) s.writeGlobal(name);
          return;
        case 'Nonlocal':
          for (const name of n.names) s.writeNonlocal(name);
          return;
        case 'Return':
          s.functionScope?.writeReturn(n);
          return;
        case 'Yield':
        case 'YieldFrom':
          s.functionScope?.writeYield();
          return;
        case 'MatchAs':
        case 'MatchStar':
          if (n.name) bind(n.name, { kind: 'match', node: n }, s);
          return;
        case 'MatchMapping':
          if (n.rest) bind(n.rest, { kind: 'match', node: n }, s);
          return;
        case 'TypeAlias':
          if (n.name._type === 'Name') bind(n.name.id, { kind: 'type-alias', node: n.name, value: n.value }, s);
          return;
        default:
          return;
      }
    };
    if (this.scopingExpressions) this.bindStatementsAndScopingExpressions(scope, body, bindNode);
    else walkWithPlaces(registry, body, node, scope, undefined, WalkMode.Region, bindNode);

    // `nonlocal x`: the nearest enclosing function that binds x (bound first, if need be).
    for (const p of pendingNonlocal) {
      let target = p.scope.parent;
      while (target && !(target.kind === 'function' && target.bindings.has(p.name))) target = target.parent;
      target = target ?? p.scope.parent?.functionScope ?? this.registry().moduleScope;
      target.own(p.name).assignments.push(p.assignment);
    }
    scope.markComplete();
    for (const s of inner) s.markComplete();
  }

  /**
   * The def/class/module scopes holding a `global` or `nonlocal` statement: from the parser's list,
   * or found by a walk over statements only (declarations are statements, and only defs and
   * classes nest regions).
   */
  private scopesWithDeclarations(): Scope[] {
    const registry = this.registry();
    const found = new Set<Scope>();
    if (this.declarations) {
      for (const declaration of this.declarations) {
        const place = this.locate(declaration);
        if (place) found.add(place.scope); // else dropped by the parser's backtracking
      }
      return [...found];
    }
    // Scopes are made only for the owners of a declaration (and their enclosing defs and classes).
    interface Owner {
      readonly node: Node | undefined; // undefined: the module
      readonly outer: Owner | undefined;
    }
    const scopeOf = (owner: Owner): Scope => {
      if (!owner.node) return registry.moduleScope;
      const kind = owner.node._type === 'ClassDef' ? 'class' : 'function';
      return registry.scope(owner.node, kind, scopeOf(owner.outer!));
    };
    const moduleOwner: Owner = { node: undefined, outer: undefined };
    forEachStatement(this.module.body, this.module, moduleOwner, (s, _block, owner) => {
      if (s._type === 'Global' || s._type === 'Nonlocal') found.add(scopeOf(owner));
      return s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef' || s._type === 'ClassDef' ? { node: s, outer: owner } : owner;
    });
    return [...found];
  }
}

/** A def's parameters, bound in its own scope; a method's first parameter is marked as `self`/`cls`. */
function bindParameters(scope: Scope, fn: Fn): void {
  const outer = scope.parent!;
  const isMethod = outer.kind === 'class' && !fn.decorator_list.some((d) => d._type === 'Name' && d.id === 'staticmethod');
  const first = fn.args.posonlyargs[0] ?? fn.args.args[0];
  const bindOne = (a: arg): void => {
    const binding = scope.own(a.arg);
    binding.assignments.push({ kind: 'parameter', node: a, annotation: a.annotation ?? undefined });
    if (isMethod && a === first) binding.selfOf = outer.node as ClassDef;
  };
  const args = fn.args;
  args.posonlyargs.forEach(bindOne);
  args.args.forEach(bindOne);
  if (args.vararg) bindOne(args.vararg);
  args.kwonlyargs.forEach(bindOne);
  if (args.kwarg) bindOne(args.kwarg);
}

/** Is `at` inside one of `spans` (sorted by start, not overlapping)? */
function insideAny(spans: readonly (readonly [number, number])[], at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] <= at) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && at <= spans[hi]![1];
}
