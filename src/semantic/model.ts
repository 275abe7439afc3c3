// The semantic model of one module, computed lazily: nothing is walked up front. A node's place
// (parent, statement, scope, loop) is found from source positions when first asked (locate.ts);
// a scope's bindings are collected when first read, one region at a time (binder.ts); everything
// else (resolution, shapes, references, `self.attr` slots) is computed on first query and cached.
import type { Module, Node, expr, stmt, Name, Attribute, ClassDef, FunctionDef, AsyncFunctionDef, pattern, Call, AugAssign, Subscript } from '../parse/ast.js';
import type { SemanticModel, SemanticOptions, FunctionLike, ContainerRef } from './index.js';
import { Scope, type Assignment, type Binding } from './scopes.js';
import type { Loop } from './loops.js';
import { newSlot, type AttributeSlot } from './attributes.js';
import { ShapeInference, type Shape } from './shapes.js';
import { BUILTIN_NAMES } from './builtins.js';
import { pushChildren } from '../parse/children.js';
import { Registry, WalkMode, walkWithPlaces } from './context-walk.js';
import { extentStart, Locator, positionKey, type Context, type Place } from './locate.js';
import { Binder } from './binder.js';

/** Methods that grow a container in place. */
const GROWING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'appendleft', 'extendleft', 'setdefault']);

export function buildModel(module: Module, options: SemanticOptions): SemanticModel {
  return new Model(module, options);
}

/** A Name seen while collecting a scope's references, with the scope it is looked up in. */
interface NameUse {
  readonly name: Name;
  readonly scope: Scope;
}

class Model implements SemanticModel {
  readonly moduleScope: Scope;
  private readonly registry: Registry;
  private readonly locator: Locator;
  private readonly binder: Binder;
  private readonly shapes: ShapeInference;
  private readonly slotsByClass = new Map<ClassDef, Map<string, AttributeSlot>>();
  private readonly referenceCache = new Map<ContainerRef, Node[]>();
  private readonly resolveCache = new Map<Name, Binding | undefined>();
  /** Every Name under a scope's node, by identifier, with the scope each is looked up in. */
  private readonly namesUnder = new Map<Scope, Map<string, NameUse[]>>();
  /** The parser's `containerUses`, if given. */
  private readonly containerUses: readonly (Call | AugAssign | Subscript)[] | undefined;
  /** The parser's `nameAttributes`, if given, and the same by attribute name (made on first need). */
  private readonly nameAttributes: readonly Attribute[] | undefined;
  private nameAttributesByAttr: KeyedSelection<Attribute> | undefined;
  /** Slots found one attribute at a time (from `nameAttributes`), by class and attribute; null when none. */
  private readonly slotByAttr = new Map<ClassDef, Map<string, AttributeSlot | null>>();
  /** `containerUses` by the identifier of their name, made on first need. */
  private containerUsesById: KeyedSelection<Call | AugAssign | Subscript> | undefined;

  constructor(
    readonly module: Module,
    options: SemanticOptions,
  ) {
    this.containerUses = options.index?.containerUses;
    this.nameAttributes = options.index?.nameAttributes;
    this.binder = new Binder(module, () => this.registry, (node) => this.locator.findByPosition(node), options.index ?? {});
    const ensure = (scope: Scope): void => this.binder.ensure(scope);
    this.moduleScope = new Scope('module', module, undefined, ensure);
    this.registry = new Registry(this.moduleScope, ensure);
    this.locator = new Locator(module, this.registry, options.index?.scopingExpressions);
    this.shapes = new ShapeInference({
      qualifiedName: (n) => this.qualifiedName(n),
      containerRef: (n) => this.containerRef(n),
      isGrownAnywhere: (ref) => this.growthSites(ref).length > 0,
      methodsCalledOn: (ref) => this.methodsCalledOn(ref),
      scopeOfDef: (def) => this.ownScope(def),
    });
  }

  private place(node: Node): Place {
    const place = this.locator.find(node);
    if (!place) throw new Error(`semantic model: node ${node._type} is not part of this module's tree`);
    return place;
  }

  /** `place` without the parent (cheaper: see `Locator.findContext`). */
  private context(node: Node): Context {
    const context = this.locator.findContext(node);
    if (!context) throw new Error(`semantic model: node ${node._type} is not part of this module's tree`);
    return context;
  }

  /** The scope a def, class, lambda or comprehension opens. */
  private ownScope(node: FunctionDef | AsyncFunctionDef | ClassDef | Node): Scope | undefined {
    const known = this.registry.knownScope(node);
    if (known) return known;
    const kind =
      node._type === 'FunctionDef' || node._type === 'AsyncFunctionDef' ? 'function'
      : node._type === 'ClassDef' ? 'class'
      : node._type === 'Lambda' ? 'lambda'
      : node._type === 'ListComp' || node._type === 'SetComp' || node._type === 'DictComp' || node._type === 'GeneratorExp' ? 'comprehension'
      : undefined;
    const outer = kind && this.locator.findContext(node)?.scope;
    return outer ? this.registry.scope(node, kind, outer) : undefined;
  }

  parentOf(node: Node): Node | undefined {
    return this.place(node).parent;
  }

  enclosingStatement(node: Node): stmt | undefined {
    return this.context(node).statement;
  }

  enclosingFunction(node: Node): FunctionLike | undefined {
    let scope: Scope | undefined = this.scopeOf(node);
    while (scope && scope.kind !== 'function' && scope.kind !== 'lambda') scope = scope.parent;
    return scope?.node as FunctionLike | undefined;
  }

  enclosingClass(node: Node): ClassDef | undefined {
    let scope: Scope | undefined = this.scopeOf(node);
    while (scope && scope.kind === 'comprehension') scope = scope.parent;
    return scope?.kind === 'class' ? (scope.node as ClassDef) : undefined;
  }

  scopeOf(node: Node): Scope {
    return this.context(node).scope;
  }

  loopOf(node: Node): Loop | undefined {
    return this.context(node).loop;
  }

  loopsOf(node: Node): Loop[] {
    const out: Loop[] = [];
    for (let l = this.loopOf(node); l; l = l.parent) out.push(l);
    return out;
  }

  loopDepth(node: Node): number {
    return this.loopOf(node)?.depth ?? 0;
  }

  isInLoop(inner: Node, loop: Loop): boolean {
    for (let l = this.loopOf(inner); l; l = l.parent) if (l === loop) return true;
    return false;
  }

  resolveName(name: Name): Binding | undefined {
    if (this.resolveCache.has(name)) return this.resolveCache.get(name);
    return this.resolveIn(name, this.scopeOf(name));
  }

  /** Resolve a Name whose scope is already known (and remember the answer). */
  private resolveIn(name: Name, scope: Scope): Binding | undefined {
    if (this.resolveCache.has(name)) return this.resolveCache.get(name);
    const binding = scope.resolve(name.id);
    this.resolveCache.set(name, binding);
    return binding;
  }

  isBuiltin(node: expr, builtin: string): boolean {
    return node._type === 'Name' && node.id === builtin && this.qualifiedName(node) === `builtins.${builtin}`;
  }

  qualifiedName(node: expr): string | undefined {
    if (node._type === 'Name') {
      const binding = this.resolveName(node);
      if (!binding) {
        if (!BUILTIN_NAMES.has(node.id) || this.moduleScope.hasStarImport) return undefined;
        return `builtins.${node.id}`;
      }
      let imported: string | undefined;
      for (const a of binding.assignments) {
        if (a.kind === 'delete') continue;
        if (a.kind !== 'import' || (imported !== undefined && imported !== a.imported)) return undefined;
        imported = a.imported;
      }
      return imported;
    }
    if (node._type === 'Attribute') {
      // down the attribute chain without recursion (chains may be thousands long)
      const attrs: string[] = [];
      let n: expr = node;
      while (n._type === 'Attribute') {
        attrs.push(n.attr);
        n = n.value;
      }
      if (n._type !== 'Name') return undefined;
      const base = this.qualifiedName(n);
      return base === undefined ? undefined : `${base}.${attrs.reverse().join('.')}`;
    }
    return undefined;
  }

  containerRef(node: expr): ContainerRef | undefined {
    if (node._type === 'Name') return this.resolveName(node);
    if (node._type === 'Attribute' && node.value._type === 'Name') {
      const cls = this.resolveName(node.value)?.selfOf;
      if (!cls) return undefined;
      return this.nameAttributes ? this.slot(cls, node.attr) : this.slots(cls).get(node.attr);
    }
    return undefined;
  }

  /**
   * The `self.attr` slot of a class, from the parser's list of `name.attr` nodes: those spelled
   * `.attr` inside the class body whose name resolves to the class's instance. Only their own
   * statements are located, where `slots` walks the whole class.
   */
  private slot(cls: ClassDef, attr: string): AttributeSlot | undefined {
    let byAttr = this.slotByAttr.get(cls);
    if (!byAttr) this.slotByAttr.set(cls, (byAttr = new Map()));
    const known = byAttr.get(attr);
    if (known !== undefined) return known ?? undefined;
    let slot: AttributeSlot | undefined;
    const classScope = this.ownScope(cls);
    if (classScope && cls.body.length > 0) {
      const classBinding = classScope.bindings;
      const from = extentStart(cls.body[0]!);
      const to = positionKey(cls.end_lineno, cls.end_col_offset);
      for (const a of this.attributesNamed(attr)) {
        const at = positionKey(a.lineno, a.col_offset);
        if (at < from || at > to) continue;
        const base = a.value as Name;
        const place = this.locator.findByPosition(base);
        if (!place || this.resolveIn(base, place.scope)?.selfOf !== cls) continue;
        if (!slot) {
          slot = newSlot(cls, attr);
          // class-body assignments (`items: list[str] = []`) are the attribute's class-level value
          const inClass = classBinding.get(attr);
          if (inClass) slot.assignments.push(...inClass.assignments);
        }
        slot.references.push(a);
        const store = this.binder.attributeStores.get(a);
        if (store) slot.assignments.push({ ...store, node: a });
      }
    }
    byAttr.set(attr, slot ?? null);
    return slot;
  }

  private attributesNamed(attr: string): readonly Attribute[] {
    this.nameAttributesByAttr ??= new KeyedSelection(this.nameAttributes!, (a) => a.attr);
    return this.nameAttributesByAttr.get(attr);
  }

  /** Every `self.x` of a class, grouped by attribute, on first need (one walk of the class). */
  private slots(cls: ClassDef): Map<string, AttributeSlot> {
    let map = this.slotsByClass.get(cls);
    if (map) return map;
    map = new Map();
    this.slotsByClass.set(cls, map);
    const classScope = this.ownScope(cls);
    if (!classScope) return map;
    const uses: { attr: Attribute; scope: Scope }[] = [];
    walkWithPlaces(this.registry, cls.body, cls, classScope, undefined, WalkMode.Full, (node, _parent, scope) => {
      if (node._type === 'Attribute' && node.value._type === 'Name') uses.push({ attr: node, scope });
    });
    const classBinding = classScope.bindings;
    for (const { attr, scope } of uses) {
      const base = attr.value as Name;
      const binding = this.resolveIn(base, scope);
      if (binding?.selfOf !== cls) continue;
      let slot = map.get(attr.attr);
      if (!slot) {
        slot = newSlot(cls, attr.attr);
        // class-body assignments (`items: list[str] = []`) are the attribute's class-level value
        const inClass = classBinding.get(attr.attr);
        if (inClass) slot.assignments.push(...inClass.assignments);
        map.set(attr.attr, slot);
      }
      slot.references.push(attr);
      const store = this.binder.attributeStores.get(attr);
      if (store) slot.assignments.push({ ...store, node: attr });
    }
    return map;
  }

  shapeOf(node: expr): Shape {
    return this.shapes.shapeOf(node);
  }

  referencesOf(ref: ContainerRef): readonly Node[] {
    return this.references(ref);
  }

  isCaptured(binding: Binding): boolean {
    if (binding.scope.kind !== 'function' && binding.scope.kind !== 'lambda') return false;
    for (const use of this.nameUses(binding.scope, binding.name)) {
      if (use.scope.functionScope !== binding.scope && this.resolveIn(use.name, use.scope) === binding) return true;
    }
    return false;
  }

  /** The Names spelled `id` anywhere under `scope`'s node, each with its own scope (one walk per scope). */
  private nameUses(scope: Scope, id: string): readonly NameUse[] {
    let byId = this.namesUnder.get(scope);
    if (!byId) {
      const names = new Map<string, NameUse[]>();
      byId = names;
      this.namesUnder.set(scope, names);
      const node = scope.node;
      const collect = (n: Node, _parent: Node | undefined, s: Scope): void => {
        if (n._type !== 'Name') return;
        const list = names.get(n.id);
        if (list) list.push({ name: n, scope: s });
        else names.set(n.id, [{ name: n, scope: s }]);
      };
      if (scope.kind === 'module' || scope.kind === 'class') {
        walkWithPlaces(this.registry, (node as Module | ClassDef).body, node, scope, undefined, WalkMode.Full, collect);
      } else {
        // a def's or lambda's parameters and body, or a whole comprehension, from where it stands
        const place = this.place(node);
        walkWithPlaces(this.registry, [node], place.parent, place.scope, place.loop, WalkMode.Full, collect);
      }
    }
    return byId.get(id) ?? [];
  }

  /** Name/Attribute nodes that read or write this container. */
  private references(ref: ContainerRef): Node[] {
    const cached = this.referenceCache.get(ref);
    if (cached) return cached;
    let refs: Node[];
    if ('scope' in ref) {
      refs = [];
      for (const use of this.nameUses(ref.scope, ref.name)) if (this.resolveIn(use.name, use.scope) === ref) refs.push(use.name);
    } else {
      refs = ref.references;
    }
    this.referenceCache.set(ref, refs);
    return refs;
  }

  private methodsCalledOn(ref: ContainerRef): Set<string> {
    const methods = new Set<string>();
    const listed = this.listedUses(ref);
    if (listed) {
      for (const use of listed) if (use._type === 'Call' && this.isUseOf(use, ref)) methods.add((use.func as Attribute).attr);
      return methods;
    }
    for (const r of this.references(ref)) {
      const parent = this.parentOf(r);
      if (!parent || parent._type !== 'Attribute' || parent.value !== r) continue;
      const call = this.parentOf(parent);
      if (call && call._type === 'Call' && call.func === parent) methods.add(parent.attr);
    }
    return methods;
  }

  /** The nodes where the container is grown in place: `x.append(…)` calls and `x += …` statements. */
  private growthSites(ref: ContainerRef): Node[] {
    const sites: Node[] = [];
    const listed = this.listedUses(ref);
    if (listed) {
      for (const use of listed) {
        if (use._type === 'Call' && !GROWING_METHODS.has((use.func as Attribute).attr)) continue;
        if (this.isUseOf(use, ref)) sites.push(use);
      }
      return sites;
    }
    for (const r of this.references(ref)) {
      const parent = this.parentOf(r);
      if (!parent) continue;
      if (parent._type === 'Attribute' && parent.value === r && GROWING_METHODS.has(parent.attr)) {
        const call = this.parentOf(parent);
        if (call && call._type === 'Call' && call.func === parent) sites.push(call);
      } else if (parent._type === 'AugAssign' && parent.target === r) {
        sites.push(parent);
      } else if (parent._type === 'Subscript' && parent.value === r && parent.ctx._type === 'Store') {
        sites.push(parent);
      }
    }
    return sites;
  }

  /**
   * For a name's binding, given the parser's list: the listed uses of names spelled like it (each
   * still to be resolved). Undefined for attribute slots, or without the list: then every
   * reference is found by walking the binding's scope.
   */
  private listedUses(ref: ContainerRef): readonly (Call | AugAssign | Subscript)[] | undefined {
    if (!this.containerUses || !('scope' in ref)) return undefined;
    this.containerUsesById ??= new KeyedSelection(this.containerUses, (use) => containerName(use).id);
    return this.containerUsesById.get(ref.name);
  }

  /** Does this listed use's name resolve to `ref`? (False for a use the parser dropped while backtracking.) */
  private isUseOf(use: Call | AugAssign | Subscript, ref: ContainerRef): boolean {
    const name = containerName(use);
    // A name outside the text of the binding's scope cannot denote it: most listed uses of a
    // common name (`result`, `out`) sit in other functions, and locating each would walk its statement.
    if ('scope' in ref && !withinScopeText(ref.scope, name)) return false;
    const place = this.locator.findByPosition(name);
    return place !== undefined && this.resolveIn(name, place.scope) === ref;
  }

  isReboundIn(ref: ContainerRef, loop: Loop): boolean {
    return ref.assignments.some(
      (a) => a.kind !== 'augmented' && a.kind !== 'delete' && a.kind !== 'parameter' && this.locator.findContext(a.node) !== undefined && this.isInLoop(a.node, loop),
    );
  }

  isGrownIn(ref: ContainerRef, loop: Loop): boolean {
    return this.growthSites(ref).some((site) => this.isInLoop(site, loop));
  }

  isLoopInvariant(node: expr, loop: Loop): boolean {
    // An explicit stack rather than recursion: expressions may be nested deeper than the JS stack.
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      switch (n._type) {
        case 'Call':
        case 'Await':
        case 'Yield':
        case 'YieldFrom':
        case 'NamedExpr':
        case 'Lambda':
        case 'ListComp':
        case 'SetComp':
        case 'DictComp':
        case 'GeneratorExp':
          return false;
        case 'Name': {
          const binding = this.resolveName(n);
          if (binding && binding.assignments.some((a) => this.locator.findContext(a.node) !== undefined && this.isInLoop(a.node, loop))) return false;
          continue;
        }
        case 'Attribute': {
          const ref = this.containerRef(n);
          if (ref && ref.assignments.some((a) => this.isInLoop(a.node, loop))) return false;
          break;
        }
        default:
          break;
      }
      // children last-first: checked in source order, as the first variant part found decides
      pushChildren(n, stack, true);
    }
    return true;
  }

  describe(node: expr): string {
    // Down the chain of calls, attributes and subscripts without recursion (chains may be
    // thousands long), then the text of its base followed by each link's suffix.
    const suffixes: string[] = [];
    let n: expr = node;
    for (;;) {
      if (n._type === 'Attribute') {
        suffixes.push(`.${n.attr}`);
        n = n.value;
      } else if (n._type === 'Call') {
        suffixes.push(`(${n.args.length + n.keywords.length > 0 ? '…' : ''})`);
        n = n.func;
      } else if (n._type === 'Subscript') {
        suffixes.push('[…]');
        n = n.value;
      } else break;
    }
    return describeBase(n) + suffixes.reverse().join('');
  }
}

function describeBase(node: expr): string {
  switch (node._type) {
    case 'Name':
      return node.id;
    case 'List':
      return node.elts.length === 0 ? '[]' : '[…]';
    case 'Tuple':
      return node.elts.length === 0 ? '()' : '(…)';
    case 'Constant':
      return typeof node.value === 'string' ? JSON.stringify(node.value.length > 20 ? node.value.slice(0, 20) + '…' : node.value) : String(node.value);
    default:
      return '…';
  }
}

export type { Binding, Assignment, Loop, AttributeSlot, pattern };

/** The plain name a listed container use is about: `name` in `name.m(…)`, `name += …`, `name[i] = …`. */
function containerName(use: Call | AugAssign | Subscript): Name {
  switch (use._type) {
    case 'Call':
      return (use.func as Attribute).value as Name;
    case 'AugAssign':
      return use.target as Name;
    case 'Subscript':
      return use.value as Name;
  }
}

/** Is `node` inside the source text of `scope`'s node (the whole file for the module)? */
function withinScopeText(scope: Scope, node: Name): boolean {
  const owner = scope.node;
  if (owner._type === 'Module' || !('end_lineno' in owner) || owner.end_lineno == null) return true;
  const at = positionKey(node.lineno, node.col_offset);
  const start = owner._type === 'FunctionDef' || owner._type === 'AsyncFunctionDef' || owner._type === 'ClassDef' ? extentStart(owner) : positionKey(owner.lineno, owner.col_offset);
  return at >= start && at <= positionKey(owner.end_lineno, owner.end_col_offset!);
}

/**
 * The items with a given key, each selection in the items' order and made on first request (a
 * file asks for two or three keys): each item's key is found once, then compared per request.
 */
class KeyedSelection<T> {
  private readonly selected = new Map<string, T[]>();
  /** Every item's key, found on the first request. */
  private keys: string[] | undefined;

  constructor(
    private readonly items: readonly T[],
    private readonly keyOf: (item: T) => string,
  ) {}

  get(key: string): readonly T[] {
    let items = this.selected.get(key);
    if (items === undefined) {
      const keys = (this.keys ??= this.items.map(this.keyOf));
      items = [];
      for (let i = 0; i < keys.length; i++) if (keys[i] === key) items.push(this.items[i]!);
      this.selected.set(key, items);
    }
    return items;
  }
}
