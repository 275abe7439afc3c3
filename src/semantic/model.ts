// Builds the semantic model in one walk over the tree (parents, scopes, bindings, loops, attribute
// stores) and answers rules' queries lazily from it, caching what it computes.
import type {
  Module, Node, expr, stmt, Name, Attribute, ClassDef, FunctionDef, AsyncFunctionDef, Lambda, arguments,
  arg, comprehension, ListComp, SetComp, DictComp, GeneratorExp, For, AsyncFor, While, pattern,
} from '../parse/ast.js';
import type { SemanticModel, SemanticOptions, FunctionLike, ContainerRef } from './index.js';
import { Scope, type Assignment, type AssignmentKind, type Binding } from './scopes.js';
import { makeLoop, type Loop } from './loops.js';
import { newSlot, type AttributeSlot } from './attributes.js';
import { ShapeInference, type Shape } from './shapes.js';
import { BUILTIN_NAMES } from './builtins.js';
import { CHILD_FIELDS, forEachChild, isStatement } from './node-kinds.js';

/** Methods that grow a container in place. */
const GROWING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'appendleft', 'extendleft', 'setdefault']);

type Comprehension = ListComp | SetComp | DictComp | GeneratorExp;

export function buildModel(module: Module, _options: SemanticOptions): SemanticModel {
  const builder = new Builder(module);
  builder.run();
  return new Model(builder);
}

class Builder {
  readonly ids = new Map<Node, number>();
  readonly nodes: Node[] = [];
  readonly parents: number[] = [];
  /**
   * Scope and loop of every node, stored only where they change: ids are given in walk order, so
   * a node's context is the last change at or before its id (binary search).
   */
  readonly contextStarts: number[] = [];
  readonly contextScopes: Scope[] = [];
  readonly contextLoops: (Loop | undefined)[] = [];
  readonly moduleScope: Scope;
  readonly scopeOfNode = new Map<Node, Scope>();
  /** Every Name by identifier, for finding a binding's references; built on first need. */
  private names: Map<string, Name[]> | undefined;
  get namesById(): Map<string, Name[]> {
    if (!this.names) {
      const names = new Map<string, Name[]>();
      for (const node of this.nodes) {
        if (node._type !== 'Name') continue;
        const list = names.get(node.id);
        if (list) list.push(node);
        else names.set(node.id, [node]);
      }
      this.names = names;
    }
    return this.names;
  }
  /** Every `x.attr` whose base is a plain name: candidates for `self.attr` slots. */
  readonly attributesOnNames: Attribute[] = [];
  /** How each stored-to attribute got its value. */
  readonly attributeStores = new Map<Attribute, { kind: AssignmentKind; value?: expr; annotation?: expr }>();
  private readonly pendingNonlocal: { scope: Scope; name: string; assignment: Assignment }[] = [];

  private scope: Scope;
  private loop: Loop | undefined;
  private parent = -1;

  constructor(readonly module: Module) {
    this.moduleScope = new Scope('module', module, undefined);
    this.scope = this.moduleScope;
    this.scopeOfNode.set(module, this.moduleScope);
  }

  run(): void {
    const id = this.record(this.module);
    this.schedule(this.module.body, id);
    this.drain();
    for (const p of this.pendingNonlocal) {
      let target = p.scope.parent;
      while (target && !(target.kind === 'function' && target.bindings.has(p.name))) target = target.parent;
      target = target ?? p.scope.parent?.functionScope ?? this.moduleScope;
      pushAssignment(target.own(p.name), p.assignment);
    }
  }

  // ---- bookkeeping -----------------------------------------------------------------------

  private record(node: Node): number {
    const id = this.nodes.length;
    this.ids.set(node, id);
    this.nodes.push(node);
    this.parents.push(this.parent);
    const last = this.contextStarts.length - 1;
    if (last < 0 || this.contextScopes[last] !== this.scope || this.contextLoops[last] !== this.loop) {
      this.contextStarts.push(id);
      this.contextScopes.push(this.scope);
      this.contextLoops.push(this.loop);
    }
    return id;
  }

  /** Index of the context change that applies to node `id`. */
  contextOf(id: number): number {
    const starts = this.contextStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private bind(name: string, assignment: Assignment, scope: Scope = this.scope): void {
    if (scope.globals.has(name)) {
      pushAssignment(this.moduleScope.own(name), assignment);
    } else if (scope.nonlocals.has(name)) {
      this.pendingNonlocal.push({ scope, name, assignment });
    } else {
      pushAssignment(scope.own(name), assignment);
    }
  }

  // ---- the walk --------------------------------------------------------------------------
  // An explicit work stack rather than recursion: trees nested deeper than the JS call stack
  // (generated `a + a + …` chains thousands deep, which CPython accepts) are walked like any other.
  // Each entry is a node to visit or an action to run (scope/loop changes between children), with
  // the id of the parent it runs under; entries run in the order the recursive walk would.

  // Arrays that never shrink, with an explicit top (popping would trim and regrow them).
  private readonly stackItems: Step[] = [];
  private readonly stackParents: number[] = [];
  private top = 0;

  /** Queue `steps` to run next, in order, under parent `parent` (before anything queued earlier). */
  private schedule(steps: readonly Step[], parent: number): void {
    const items = this.stackItems;
    const parents = this.stackParents;
    let top = this.top;
    for (let i = steps.length - 1; i >= 0; i--) {
      items[top] = steps[i]!;
      parents[top++] = parent;
    }
    this.top = top;
  }

  private drain(): void {
    const items = this.stackItems;
    const parents = this.stackParents;
    while (this.top > 0) {
      const top = --this.top;
      const item = items[top]!;
      this.parent = parents[top]!;
      if (typeof item === 'function') item();
      else this.visit(item);
    }
  }

  private visit(node: Node): void {
    const id = this.record(node);
    this.parent = id;
    switch (node._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
        this.visitFunction(node, id);
        break;
      case 'Lambda':
        this.visitLambda(node, id);
        break;
      case 'ClassDef':
        this.visitClass(node, id);
        break;
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        this.visitComprehension(node, id);
        break;
      case 'For':
      case 'AsyncFor':
        this.visitFor(node, id);
        break;
      case 'While':
        this.visitWhile(node, id);
        break;
      default: {
        this.bindStatement(node);
        // children pushed last-first, so they pop (are visited) in source order
        const items = this.stackItems;
        const parents = this.stackParents;
        let top = this.top;
        const fields = CHILD_FIELDS.get(node._type)!;
        const record = node as unknown as Record<string, unknown>;
        for (let f = fields.length - 1; f >= 0; f--) {
          const value = record[fields[f]!];
          if (value === null || typeof value !== 'object') continue;
          if (Array.isArray(value)) {
            for (let j = value.length - 1; j >= 0; j--) {
              const item: unknown = value[j];
              if (item !== null && typeof item === 'object') {
                items[top] = item as Node;
                parents[top++] = id;
              }
            }
          } else {
            items[top] = value as Node;
            parents[top++] = id;
          }
        }
        this.top = top;
      }
    }
  }

  /** Record the bindings a plain (non-scope, non-loop) node creates, before walking it. */
  private bindStatement(node: Node): void {
    switch (node._type) {
      case 'Attribute':
        if (node.value._type === 'Name') this.attributesOnNames.push(node);
        return;
      case 'Assign':
        for (const target of node.targets) this.bindTarget(target, 'assign', node.value);
        return;
      case 'AnnAssign':
        this.bindTarget(node.target, 'annotated', node.value ?? undefined, node.annotation);
        return;
      case 'AugAssign':
        this.bindTarget(node.target, 'augmented', node.value);
        return;
      case 'NamedExpr':
        if (node.target._type === 'Name') this.bind(node.target.id, { kind: 'walrus', node: node.target, value: node.value }, this.scope.walrusTarget);
        return;
      case 'Delete':
        for (const target of node.targets) this.bindTarget(target, 'delete');
        return;
      case 'With':
      case 'AsyncWith':
        for (const item of node.items) if (item.optional_vars) this.bindTarget(item.optional_vars, 'with');
        return;
      case 'ExceptHandler':
        if (node.name) this.bind(node.name, { kind: 'except', node });
        return;
      case 'Import':
        for (const alias of node.names) {
          if (alias.asname) this.bind(alias.asname, { kind: 'import', node: alias, imported: alias.name });
          else {
            const top = alias.name.split('.')[0]!;
            this.bind(top, { kind: 'import', node: alias, imported: top });
          }
        }
        return;
      case 'ImportFrom': {
        const from = '.'.repeat(node.level ?? 0) + (node.module ?? '');
        for (const alias of node.names) {
          if (alias.name === '*') {
            this.scope.hasStarImport = true;
            continue;
          }
          const imported = from.endsWith('.') ? from + alias.name : `${from}.${alias.name}`;
          this.bind(alias.asname ?? alias.name, { kind: 'import', node: alias, imported });
        }
        return;
      }
      case 'Global':
        for (const n of node.names) this.scope.globals.add(n);
        return;
      case 'Nonlocal':
        for (const n of node.names) this.scope.nonlocals.add(n);
        return;
      case 'Return': {
        const fn = this.scope.functionScope;
        if (fn) fn.returns.push(node);
        return;
      }
      case 'Yield':
      case 'YieldFrom':
      case 'Await': {
        const fn = this.scope.functionScope;
        if (fn && node._type !== 'Await') fn.hasYield = true;
        return;
      }
      case 'MatchAs':
      case 'MatchStar':
        if (node.name) this.bind(node.name, { kind: 'match', node });
        return;
      case 'MatchMapping':
        if (node.rest) this.bind(node.rest, { kind: 'match', node });
        return;
      case 'TypeAlias':
        if (node.name._type === 'Name') this.bind(node.name.id, { kind: 'type-alias', node: node.name, value: node.value });
        return;
      default:
        return;
    }
  }

  /** Bind every name in an assignment target; `value` belongs to the target only when it is the whole target. */
  private bindTarget(target: expr, kind: AssignmentKind, value?: expr, annotation?: expr, scope: Scope = this.scope): void {
    switch (target._type) {
      case 'Name':
        this.bind(target.id, strip({ kind, node: target, value, annotation }), scope);
        return;
      case 'Attribute':
        this.attributeStores.set(target, strip({ kind, value, annotation }));
        return;
      case 'Tuple':
      case 'List':
        for (const elt of target.elts) this.bindTarget(elt, kind === 'augmented' ? 'augmented' : kind, undefined, undefined, scope);
        return;
      case 'Starred':
        this.bindTarget(target.value, kind, undefined, undefined, scope);
        return;
      default:
        return; // subscripts bind nothing
    }
  }

  private argumentsDefaults(args: arguments): Step[] {
    const steps: Step[] = [...args.defaults];
    for (const d of args.kw_defaults) if (d) steps.push(d);
    return steps;
  }

  private allArgs(args: arguments) {
    const list = [...args.posonlyargs, ...args.args];
    if (args.vararg) list.push(args.vararg);
    list.push(...args.kwonlyargs);
    if (args.kwarg) list.push(args.kwarg);
    return list;
  }

  /** An action that leaves a scope entered by `enterScope`. */
  private enterScope(scope: Scope): Step {
    const savedScope = this.scope;
    const savedLoop = this.loop;
    this.scope = scope;
    // a new scope starts a new loop context: a def inside a loop does not run per iteration
    if (scope.kind !== 'comprehension') this.loop = undefined;
    return () => {
      this.scope = savedScope;
      this.loop = savedLoop;
    };
  }

  /** Record a def's or lambda's `arguments` node and its args, binding each parameter. */
  private recordParameters(args: arguments, id: number, bindOne: (a: arg) => void): void {
    const argsId = this.record(args);
    this.parent = argsId;
    for (const a of this.allArgs(args)) {
      this.record(a);
      bindOne(a);
    }
    this.parent = id;
  }

  private visitFunction(node: FunctionDef | AsyncFunctionDef, id: number): void {
    const steps = [...node.decorator_list, ...this.argumentsDefaults(node.args)];
    const all = this.allArgs(node.args);
    for (const a of all) if (a.annotation) steps.push(a.annotation);
    if (node.returns) steps.push(node.returns);
    for (const tp of node.type_params) steps.push(tp);
    steps.push(() => {
      this.bind(node.name, { kind: 'def', node });
      const outer = this.scope;
      const scope = new Scope('function', node, outer);
      this.scopeOfNode.set(node, scope);
      const isMethod = outer.kind === 'class' && !node.decorator_list.some((d) => d._type === 'Name' && d.id === 'staticmethod');
      const first = node.args.posonlyargs[0] ?? node.args.args[0];
      const leave = this.enterScope(scope);
      this.recordParameters(node.args, id, (a) => {
        const binding = scope.own(a.arg);
        pushAssignment(binding, strip({ kind: 'parameter' as const, node: a, annotation: a.annotation ?? undefined }));
        if (isMethod && a === first) binding.selfOf = outer.node as ClassDef;
      });
      this.schedule([...node.body, leave], id);
    });
    this.schedule(steps, id);
  }

  private visitLambda(node: Lambda, id: number): void {
    const steps = this.argumentsDefaults(node.args);
    steps.push(() => {
      const scope = new Scope('lambda', node, this.scope);
      this.scopeOfNode.set(node, scope);
      const leave = this.enterScope(scope);
      this.recordParameters(node.args, id, (a) => pushAssignment(scope.own(a.arg), { kind: 'parameter', node: a }));
      this.schedule([node.body, leave], id);
    });
    this.schedule(steps, id);
  }

  private visitClass(node: ClassDef, id: number): void {
    const steps: Step[] = [...node.decorator_list, ...node.bases, ...node.keywords, ...node.type_params];
    steps.push(() => {
      this.bind(node.name, { kind: 'class', node });
      const scope = new Scope('class', node, this.scope);
      this.scopeOfNode.set(node, scope);
      const leave = this.enterScope(scope);
      this.schedule([...node.body, leave], id);
    });
    this.schedule(steps, id);
  }

  private visitComprehension(node: Comprehension, id: number): void {
    const outer = this.scope;
    const scope = new Scope('comprehension', node, outer);
    this.scopeOfNode.set(node, scope);
    const savedScope = this.scope;
    const savedLoop = this.loop;
    const steps: Step[] = node.generators.map((gen: comprehension, i: number) => () => {
      // the generator record is made before its loop exists: it belongs to the outer context
      const genId = this.record(gen);
      this.parent = genId;
      // the first iterable is evaluated once, in the enclosing scope
      if (i > 0) this.scope = scope;
      const bindLoop = (): void => {
        this.scope = scope;
        this.bindTarget(gen.target, 'comprehension');
        this.loop = makeLoop(gen, node, this.loop);
      };
      this.schedule([gen.iter, bindLoop, gen.target, ...gen.ifs], genId);
    });
    if (node._type === 'DictComp') steps.push(node.key, node.value);
    else steps.push(node.elt);
    steps.push(() => {
      this.scope = savedScope;
      this.loop = savedLoop;
    });
    this.schedule(steps, id);
  }

  private visitFor(node: For | AsyncFor, id: number): void {
    let savedLoop: Loop | undefined;
    const enterLoop = (): void => {
      this.bindTarget(node.target, 'for');
      savedLoop = this.loop;
      this.loop = makeLoop(node, node, savedLoop);
    };
    const leaveLoop = (): void => {
      this.loop = savedLoop;
    };
    this.schedule([node.iter, enterLoop, node.target, ...node.body, leaveLoop, ...node.orelse], id);
  }

  private visitWhile(node: While, id: number): void {
    const savedLoop = this.loop;
    this.loop = makeLoop(node, node, savedLoop);
    const leaveLoop = (): void => {
      this.loop = savedLoop;
    };
    this.schedule([node.test, ...node.body, leaveLoop, ...node.orelse], id);
  }
}

/** One entry of the walk's work stack: a node to visit, or an action between children. */
type Step = Node | (() => void);

function pushAssignment(binding: Binding, assignment: Assignment): void {
  binding.assignments.push(assignment);
}

/** Assignments keep one object layout (no deleted keys): absent facts are simply undefined. */
function strip<T extends object>(o: T): T {
  return o;
}

// ---- queries -----------------------------------------------------------------------------

class Model implements SemanticModel {
  readonly module: Module;
  readonly moduleScope: Scope;
  private readonly shapes: ShapeInference;
  private slotsByClass: Map<ClassDef, Map<string, AttributeSlot>> | undefined;
  private readonly referenceCache = new Map<ContainerRef, Node[]>();
  private readonly resolveCache = new Map<Name, Binding | undefined>();

  constructor(private readonly b: Builder) {
    this.module = b.module;
    this.moduleScope = b.moduleScope;
    this.shapes = new ShapeInference({
      qualifiedName: (n) => this.qualifiedName(n),
      containerRef: (n) => this.containerRef(n),
      isGrownAnywhere: (ref) => this.growthSites(ref).length > 0,
      methodsCalledOn: (ref) => this.methodsCalledOn(ref),
      scopeOfDef: (def) => this.b.scopeOfNode.get(def),
    });
  }

  private id(node: Node): number {
    const id = this.b.ids.get(node);
    if (id === undefined) throw new Error(`semantic model: node ${node._type} is not part of this module's tree`);
    return id;
  }

  parentOf(node: Node): Node | undefined {
    const p = this.b.parents[this.id(node)]!;
    return p < 0 ? undefined : this.b.nodes[p];
  }

  enclosingStatement(node: Node): stmt | undefined {
    let id = this.id(node);
    while (id >= 0) {
      const n = this.b.nodes[id]!;
      if (isStatement(n)) return n;
      id = this.b.parents[id]!;
    }
    return undefined;
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
    return this.b.contextScopes[this.b.contextOf(this.id(node))]!;
  }

  loopOf(node: Node): Loop | undefined {
    return this.b.contextLoops[this.b.contextOf(this.id(node))];
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
    const binding = this.scopeOf(name).resolve(name.id);
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
      return this.slots(cls).get(node.attr);
    }
    return undefined;
  }

  /** Group every `self.x` of each class, once, on first need. */
  private slots(cls: ClassDef): Map<string, AttributeSlot> {
    if (!this.slotsByClass) {
      this.slotsByClass = new Map();
      for (const attr of this.b.attributesOnNames) {
        const owner = this.resolveName(attr.value as Name)?.selfOf;
        if (!owner) continue;
        const slot = this.slotFor(owner, attr.attr);
        slot.references.push(attr);
        const store = this.b.attributeStores.get(attr);
        if (store) slot.assignments.push({ ...store, node: attr });
      }
    }
    let map = this.slotsByClass.get(cls);
    if (!map) map = this.slotsInit(cls);
    return map;
  }

  private slotFor(cls: ClassDef, name: string): AttributeSlot {
    const map = this.slotsByClass!.get(cls) ?? this.slotsInit(cls);
    let slot = map.get(name);
    if (!slot) {
      slot = newSlot(cls, name);
      // class-body assignments (`items: list[str] = []`) are the attribute's class-level value
      const classBinding = this.b.scopeOfNode.get(cls)?.bindings.get(name);
      if (classBinding) slot.assignments.push(...classBinding.assignments);
      map.set(name, slot);
    }
    return slot;
  }

  private slotsInit(cls: ClassDef): Map<string, AttributeSlot> {
    const map = new Map<string, AttributeSlot>();
    this.slotsByClass!.set(cls, map);
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
    return this.references(binding).some((r) => this.scopeOf(r).functionScope !== binding.scope);
  }

  /** Name/Attribute nodes that read or write this container. */
  private references(ref: ContainerRef): Node[] {
    const cached = this.referenceCache.get(ref);
    if (cached) return cached;
    let refs: Node[];
    if ('scope' in ref) {
      refs = (this.b.namesById.get(ref.name) ?? []).filter((n) => this.resolveName(n) === ref);
    } else {
      refs = ref.references;
    }
    this.referenceCache.set(ref, refs);
    return refs;
  }

  private methodsCalledOn(ref: ContainerRef): Set<string> {
    const methods = new Set<string>();
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

  isReboundIn(ref: ContainerRef, loop: Loop): boolean {
    return ref.assignments.some(
      (a) => a.kind !== 'augmented' && a.kind !== 'delete' && a.kind !== 'parameter' && this.b.ids.has(a.node) && this.isInLoop(a.node, loop),
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
          if (binding && binding.assignments.some((a) => this.b.ids.has(a.node) && this.isInLoop(a.node, loop))) return false;
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
      const from = stack.length;
      forEachChild(n, (child) => stack.push(child));
      for (let lo = from, hi = stack.length - 1; lo < hi; lo++, hi--) {
        const t = stack[lo]!;
        stack[lo] = stack[hi]!;
        stack[hi] = t;
      }
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
