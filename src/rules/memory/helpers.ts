// Queries the memory rules share: which module-level classes are instantiated many times (in a
// loop, a comprehension, or through a factory called in one), which attributes their instances get,
// and every dynamic attribute use that would break `__slots__`. Built from one walk's events.
import type { Assign, Attribute, Call, ClassDef, expr, FunctionDef, AsyncFunctionDef, Module, Name, Node, Return, stmt } from '../../parse/ast.js';
import type { Binding, Loop, SemanticModel } from '../../semantic/index.js';
import type { Span, Visitor, MeasuredFacts, RuleContext } from '../types.js';
import { forEachStatement } from '../../semantic/node-kinds.js';
import { NameScreen } from '../../util/name-screen.js';

/**
 * The innermost loop around `node` that runs an unbounded number of times. Loops whose body always
 * leaves after one pass, and loops over a literal (`for k in ('a', 'b')`), are skipped.
 */
export function repeatingLoop(semantic: SemanticModel, node: Node, smallRange = 4): Loop | undefined {
  for (let loop = semantic.loopOf(node); loop; loop = loop.parent) {
    if (loop.repeats && loop.fixedIterations === undefined && !overSmallRange(loop, smallRange)) return loop;
  }
  return undefined;
}

/** `for _ in range(3)`: a constant number of iterations up to `max` (retries, a few variants, a fixed table). */
function overSmallRange(loop: Loop, max: number): boolean {
  if (loop.node._type === 'While') return false;
  const iter = loop.node.iter;
  if (iter._type !== 'Call' || iter.func._type !== 'Name' || iter.func.id !== 'range' || iter.args.length < 1 || iter.args.length > 2) return false;
  const bounds = iter.args.map((a) => (a._type === 'Constant' && typeof a.value === 'number' ? a.value : undefined));
  if (bounds.some((b) => b === undefined)) return false;
  const count = bounds.length === 1 ? bounds[0]! : bounds[1]! - bounds[0]!;
  return count <= max;
}

/** A loop over `range(n)` with a constant n below this creates too few instances for slots to matter. */
const FEW_INSTANCES = 999;

/** How a class ends up instantiated many times. */
export interface HotInstantiation {
  /** The instantiation (or the call of the factory) that runs in a loop. */
  site: Call;
  /** `loop`: `Cls(...)` in a loop or comprehension; `map`: `map(Cls, ...)`; `factory`: a function that builds one is called in a loop. */
  how: 'loop' | 'map' | 'factory';
  /** For `factory`: the factory's name. */
  factory?: string;
}

/** What one walk learned about a module-level class. */
export interface ClassUsage {
  readonly def: ClassDef;
  /** Where the class is instantiated many times, if it is. */
  hot?: HotInstantiation;
  /**
   * `self.x = …` / `self.x += …` / `del self.x` targets in the class's methods, by attribute name.
   * Only looked for in hot classes (the rules ignore the others): empty when `hot` is unset.
   */
  readonly instanceStores: Map<string, Attribute[]>;
  /** The first reason `__slots__` could break this class's instances, if any (hot classes only). */
  dynamicUse?: string;
}

interface Collected {
  classes: readonly ClassDef[];
  /** `instantiatorNames(classes)` */
  instantiators: ReadonlySet<string>;
  /** The calls that can instantiate one of the classes or touch attributes dynamically (`relevantCallFilter`). */
  calls: Call[];
  /** The calls of a plain name inside some loop: a hot factory's callers are among them. */
  nameCalls: Call[];
  /** Attribute stores/deletes and `__dict__` reads whose base is a plain name, in source order (asked only when a class is hot). */
  attributes: () => readonly Attribute[];
  /** The relevant calls inside some loop or comprehension, syntactically (the others cannot be in a loop). */
  inLoops: Set<Call>;
  /**
   * Names called as `name(…)` inside some loop, and the attributes of relevant `Cls.name(…)` calls
   * in one: the only possible callers of a hot factory. Made from `nameCalls` and `inLoops` on
   * first need (most files never ask).
   */
  calledInLoops: () => ReadonlySet<string>;
}

/**
 * One collection and one analysis per file, shared by every rule that asks (HS201 and HS202 both
 * do): the first asker's visitor collects, later askers get an empty visitor and the same result.
 */
const CLASS_USAGES = Symbol('class usages');

/**
 * Collects, while the file is visited, what `classUsages` needs; call `finish()` from
 * `Module:exit`. The returned visitor must be merged into the rule's own visitor. The usages are
 * shared between rules: read them, never change them. A module importing `weakref` has none.
 */
export function classUsageCollector(ctx: Pick<RuleContext<unknown>, 'module' | 'semantic' | 'shared' | 'loopDepth' | 'moduleFacts'>): { visitor: Visitor; finish: () => ClassUsage[] } {
  let first = false;
  const collector = ctx.shared(CLASS_USAGES, () => {
    first = true;
    return newCollector(ctx);
  });
  return first ? collector : { visitor: {}, finish: collector.finish };
}

function newCollector(ctx: Pick<RuleContext<unknown>, 'module' | 'semantic' | 'shared' | 'loopDepth' | 'moduleFacts'>): { visitor: Visitor; finish: () => ClassUsage[] } {
  // The module-level classes come from a statement-only scan: a file without one collects nothing
  // and never builds the semantic model for this analysis.
  const classes = ctx.moduleFacts.moduleLevelClasses;
  // Nor does a module importing `weakref` (instances may be weak-referenced: neither rule flags
  // anything there), or one where neither rule could flag any of its classes, however used.
  if (classes.length === 0 || importsWeakref(ctx.module) || !classes.some((def) => mayTakeSlots(def, classes))) return { visitor: {}, finish: () => [] };
  const instantiators = instantiatorNames(classes);
  const relevant = relevantCallFilter(classes, instantiators);
  let calledInLoops: Set<string> | undefined;
  const collected: Collected = {
    classes,
    instantiators,
    calls: [],
    nameCalls: [],
    attributes: () => [], // set below
    inLoops: new Set(),
    calledInLoops: () => {
      if (calledInLoops === undefined) {
        calledInLoops = new Set(collected.nameCalls.map((call) => (call.func as Name).id));
        for (const call of collected.inLoops) if (call.func._type === 'Attribute') calledInLoops.add(call.func.attr);
      }
      return calledInLoops;
    },
  };
  const visitor: Visitor = {
    Call(node) {
      if (relevant(node)) collected.calls.push(node);
    },
    'Call:inLoop'(node) {
      if (node.func._type === 'Name') collected.nameCalls.push(node);
      if (relevant(node)) collected.inLoops.add(node);
    },
  };
  // The `name.attr` nodes come from the parser's list when there is one (visiting all attributes
  // in the walk cost more than the rest of the collection), in source order like the walk's.
  const listed = ctx.moduleFacts.nameAttributes;
  if (listed !== undefined) {
    // only asked when some class is hot (a few files in a hundred)
    let attributes: Attribute[] | undefined;
    collected.attributes = () => (attributes ??= listed.filter(isAttributeOfInterest).sort((a, b) => a.lineno - b.lineno || a.col_offset - b.col_offset));
  } else {
    const attributes: Attribute[] = [];
    collected.attributes = () => attributes;
    visitor.Attribute = (node: Attribute) => {
      if (node.value._type === 'Name' && isAttributeOfInterest(node)) attributes.push(node);
    };
  }
  let usages: ClassUsage[] | undefined;
  const finish = (): ClassUsage[] => (usages ??= analyse(ctx.semantic, collected));
  return { visitor, finish };
}

/**
 * Whether HS201 or HS202 could flag this class were it instantiated in a loop: no class keywords,
 * at most one base, `object` or a class of this module, and either one decorator (HS202's
 * dataclass or attrs class) or none and an `__init__` (HS201). Each rule checks more, later.
 */
function mayTakeSlots(def: ClassDef, moduleClasses: readonly ClassDef[]): boolean {
  if (def.keywords.length > 0 || def.bases.length > 1 || def.decorator_list.length > 1) return false;
  const base = def.bases[0];
  if (base !== undefined && !(base._type === 'Name' && (base.id === 'object' || moduleClasses.some((c) => c.name === base.id)))) return false;
  return def.decorator_list.length === 1 || def.body.some((s) => (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef') && s.name === '__init__');
}

/** An attribute store or delete, or a `__dict__` read: what the analysis looks at. */
function isAttributeOfInterest(node: Attribute): boolean {
  return node.ctx._type !== 'Load' || node.attr === '__dict__';
}

/** The first parameter names of every def inside the classes (a superset of their methods' `self`/`cls`). */
function firstParameterNames(classes: readonly ClassDef[]): Set<string> {
  const names = new Set<string>();
  for (const cls of classes) {
    forEachStatement(cls.body, cls, true, (s) => {
      if (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef') {
        const first = s.args.posonlyargs[0] ?? s.args.args[0];
        if (first) names.add(first.arg);
      }
      return true;
    });
  }
  return names;
}

const DYNAMIC_BUILTINS = new Set(['setattr', 'delattr', 'vars', 'getattr']);

function analyse(semantic: SemanticModel, c: Collected): ClassUsage[] {
  const usages = new Map<ClassDef, ClassUsage>();
  for (const def of c.classes) usages.set(def, { def, instanceStores: new Map() });
  // The module's bindings of the classes, looked up once a call needs them.
  let classOfBinding: Map<Binding, ClassDef> | undefined;
  const classes = (): Map<Binding, ClassDef> => {
    if (classOfBinding) return classOfBinding;
    classOfBinding = new Map();
    for (const def of c.classes) {
      const binding = semantic.moduleScope.bindings.get(def.name);
      if (binding && binding.assignments.length === 1 && binding.assignments[0]!.node === def) classOfBinding.set(binding, def);
    }
    return classOfBinding;
  };
  // Hot instantiations first: most classes are not built in loops, and only the hot ones need
  // the costlier look at every attribute store and dynamic attribute use.
  findHotInstantiations(semantic, c, classes, usages);
  const hot = c.classes.filter((def) => usages.get(def)!.hot !== undefined);
  if (hot.length > 0) findInstanceAttributes(semantic, c, hot, classes(), usages);
  return [...usages.values()];
}

/** Fills `instanceStores` and `dynamicUse` of the hot classes. */
function findInstanceAttributes(semantic: SemanticModel, c: Collected, hot: readonly ClassDef[], classOfBinding: Map<Binding, ClassDef>, usages: Map<ClassDef, ClassUsage>): void {
  const isHot = (def: ClassDef | undefined): def is ClassDef => def !== undefined && usages.get(def)?.hot !== undefined;
  const disqualify = (def: ClassDef, why: string): void => {
    const u = usages.get(def)!;
    if (u.dynamicUse === undefined) u.dynamicUse = why;
  };
  // Spans of the hot classes, decorators included: a node outside them cannot be in their bodies.
  const spans = hot.map((def) => [Math.min(def.lineno, ...def.decorator_list.map((d) => d.lineno)), def.end_lineno] as const);
  const mayBeInHotClass = (node: Attribute | Call): boolean => spans.some(([from, to]) => node.lineno >= from && node.lineno <= to);
  const hotClassAround = (node: Attribute | Call): ClassDef | undefined => {
    if (!mayBeInHotClass(node)) return undefined;
    const around = enclosingModuleClass(semantic, node);
    return isHot(around) ? around : undefined;
  };

  // Instances bound to names: `p = Point(...)`; stores on them elsewhere count as instance attributes.
  // (Every class counts here: a name rebound to an instance of another class belongs to that one.)
  const instanceOf = new Map<Binding, ClassDef>();
  for (const call of c.calls) {
    const cls = calledClass(semantic, call, c.instantiators, classOfBinding);
    if (!cls) continue;
    // `p = Point(…)`: the call is the value of its statement (found without the statement's walk that a parent needs)
    const s = semantic.enclosingStatement(call);
    if (s?._type === 'Assign' && s.value === call) {
      for (const t of s.targets) {
        const b = t._type === 'Name' ? semantic.resolveName(t) : undefined;
        if (b) instanceOf.set(b, cls);
      }
    }
  }
  const ownerOf = (base: Name): ClassDef | undefined => {
    const b = semantic.resolveName(base);
    if (!b) return undefined;
    const owner = b.selfOf ?? instanceOf.get(b);
    return isHot(owner) ? owner : undefined;
  };

  // Only a method's first parameter or a name bound to an instance can lead to one of these
  // classes: other names are not looked up at all.
  const ownerNames = firstParameterNames(hot);
  for (const [b, cls] of instanceOf) if (isHot(cls)) ownerNames.add(b.name);
  const foreignStores: Array<{ cls: ClassDef; attr: Attribute }> = [];
  for (const attr of c.attributes()) {
    const base = attr.value as Name;
    const owner = ownerNames.has(base.id) ? ownerOf(base) : undefined;
    if (attr.attr === '__dict__') {
      // Any `x.__dict__` in a class's methods, or on a known instance, relies on the dict.
      if (owner) disqualify(owner, 'uses `__dict__`');
      const around = hotClassAround(attr);
      if (around) disqualify(around, 'uses `__dict__`');
      continue;
    }
    if (!owner) continue;
    if (attr.attr === '__class__') {
      disqualify(owner, 'assigns `__class__`');
      continue;
    }
    const usage = usages.get(owner)!;
    const b = semantic.resolveName(base);
    if (b?.selfOf === owner) {
      let list = usage.instanceStores.get(attr.attr);
      if (!list) usage.instanceStores.set(attr.attr, (list = []));
      list.push(attr);
    } else {
      foreignStores.push({ cls: owner, attr });
    }
  }
  for (const call of c.calls) {
    const f = call.func;
    let target: expr | undefined;
    if (f._type === 'Name' && DYNAMIC_BUILTINS.has(f.id) && semantic.isBuiltin(f, f.id)) {
      // getattr with a constant name is an ordinary read; with a computed name it is dynamic access.
      if (f.id === 'getattr' && (call.args[1]?._type ?? 'Constant') === 'Constant') continue;
      target = call.args[0];
    } else if (f._type === 'Attribute' && (f.attr === '__setattr__' || f.attr === '__delattr__') && f.value._type === 'Name' && f.value.id === 'object') {
      target = call.args[0];
    }
    if (!target) continue;
    if (target._type === 'Name') {
      const owner = ownerOf(target);
      if (owner) disqualify(owner, `passes instances to \`${callName(call)}()\``);
    }
    // A dynamic call inside a class's own methods on anything: the class plays dynamic games.
    const around = hotClassAround(call);
    if (around) disqualify(around, `calls \`${callName(call)}()\``);
  }
  for (const { cls, attr } of foreignStores) {
    const usage = usages.get(cls)!;
    if (!usage.instanceStores.has(attr.attr)) disqualify(cls, `gets attribute \`${attr.attr}\` assigned outside its methods`);
  }
}

/** Names a call of which can build an instance: the class names and their methods' first parameters (`cls(...)`). */
function instantiatorNames(classes: readonly ClassDef[]): Set<string> {
  const names = new Set<string>();
  for (const def of classes) {
    names.add(def.name);
    for (const s of def.body) {
      if (s._type !== 'FunctionDef' && s._type !== 'AsyncFunctionDef') continue;
      const first = s.args.posonlyargs[0] ?? s.args.args[0];
      if (first) names.add(first.arg);
    }
  }
  return names;
}

/**
 * A cheap syntactic filter for the calls the analysis needs: instantiations (`Cls(...)`,
 * `cls(...)`), dynamic-attribute builtins on anything (`setattr(self, …)`), `map`,
 * `object.__setattr__`, and `Cls.factory(...)`.
 */
function relevantCallFilter(classes: readonly ClassDef[], instantiators: ReadonlySet<string>): (call: Call) => boolean {
  const names = new Set<string>(['map', ...DYNAMIC_BUILTINS, ...instantiators]);
  const screen = new NameScreen();
  for (const name of names) screen.add(name);
  const classNames = new Set<string>(classes.map((def) => def.name));
  // most `x.m(…)` calls are on names that are no class of the module: screened before the set lookup
  const classScreen = new NameScreen();
  for (const name of classNames) classScreen.add(name);
  return (call) => {
    const f = call.func;
    if (f._type === 'Name') return screen.mayHave(f.id) && names.has(f.id);
    if (f._type !== 'Attribute') return false;
    const base = f.value;
    return (base._type === 'Name' && classScreen.mayHave(base.id) && classNames.has(base.id)) || f.attr === '__setattr__' || f.attr === '__delattr__';
  };
}

/** The module-level class whose body (methods included) contains `node`. */
function enclosingModuleClass(semantic: SemanticModel, node: Node): ClassDef | undefined {
  let found: ClassDef | undefined;
  for (let n: Node | undefined = node; n; n = semantic.parentOf(n)) if (n._type === 'ClassDef') found = n;
  return found;
}

function callName(call: Call): string {
  return call.func._type === 'Name' ? call.func.id : call.func._type === 'Attribute' ? `object.${call.func.attr}` : '…';
}

/** `Cls(...)` for a module-level class, or `cls(...)` inside one of its classmethods. */
function calledClass(semantic: SemanticModel, call: Call, instantiators: ReadonlySet<string>, classOfBinding: Map<Binding, ClassDef>): ClassDef | undefined {
  if (call.func._type !== 'Name' || !instantiators.has(call.func.id)) return undefined;
  const binding = semantic.resolveName(call.func);
  if (!binding) return undefined;
  const direct = classOfBinding.get(binding);
  if (direct) return direct;
  if (binding.selfOf && binding.scope.kind === 'function') {
    const method = binding.scope.node as FunctionDef | AsyncFunctionDef;
    if (method.decorator_list.some((d) => d._type === 'Name' && d.id === 'classmethod')) return binding.selfOf;
  }
  return undefined;
}

function findHotInstantiations(semantic: SemanticModel, c: Collected, classes: () => Map<Binding, ClassDef>, usages: Map<ClassDef, ClassUsage>): void {
  const { calls, nameCalls, instantiators, inLoops, calledInLoops } = c;
  const methodCalls = calls.filter((call) => call.func._type === 'Attribute' && call.func.value._type === 'Name');
  // Memory only adds up when the instances stay alive together: built in a loop AND kept.
  const inLoop = (node: Call): boolean => {
    // range(10) builds ten objects: too few to matter, however they are kept
    const loop = repeatingLoop(semantic, node, FEW_INSTANCES);
    return loop !== undefined && isAccumulated(semantic, node, loop);
  };

  for (const call of calls) {
    // map(Cls, rows): one instance per row.
    if (call.func._type === 'Name' && call.func.id === 'map' && call.args[0]?._type === 'Name' && instantiators.has(call.args[0].id) && semantic.isBuiltin(call.func, 'map')) {
      const b = semantic.resolveName(call.args[0]);
      const cls = b && classes().get(b);
      const usage = cls && usages.get(cls);
      if (usage && !usage.hot) usage.hot = { site: call, how: 'map' };
      continue;
    }
    // Where the call sits is asked first (a place lookup): only a call in a loop, or one a
    // function hands back, can make its class hot, and only those are resolved (which binds
    // their scope).
    if (call.func._type !== 'Name' || !instantiators.has(call.func.id)) continue;
    const mayBeInLoop = inLoops.has(call);
    const inRepeatingLoop = mayBeInLoop && repeatingLoop(semantic, call, FEW_INSTANCES) !== undefined;
    // or a factory's product: handed on by a def whose name is called in some loop
    let factory = inRepeatingLoop ? undefined : factoryHandingOn(semantic, call, calledInLoops);
    if (!inRepeatingLoop && factory === undefined) continue;
    const classOfBinding = classes();
    const cls = calledClass(semantic, call, instantiators, classOfBinding);
    const usage = cls && usages.get(cls);
    if (!cls || !usage || usage.hot) continue;
    if (mayBeInLoop && inLoop(call)) {
      usage.hot = { site: call, how: 'loop' };
      continue;
    }
    // A factory: the function building the instance is itself called in a loop (one level deep).
    if (inRepeatingLoop) factory = factoryHandingOn(semantic, call, calledInLoops);
    const fn = factory;
    if (!fn || !isReturned(semantic, call, fn)) continue;
    const fnScope = semantic.scopeOf(fn);
    let callers: Call[] = [];
    if (fnScope === semantic.moduleScope) {
      const b = semantic.moduleScope.bindings.get(fn.name);
      if (b && b.assignments.length === 1) callers = nameCalls.filter((call) => (call.func as Name).id === fn.name && semantic.resolveName(call.func as Name) === b);
    } else if (fnScope.kind === 'class' && fnScope.node === cls && isClassOrStaticMethod(fn)) {
      callers = methodCalls.filter((m) => {
        const f = m.func as Attribute;
        const base = semantic.resolveName(f.value as Name);
        return f.attr === fn.name && base !== undefined && classOfBinding.get(base) === cls;
      });
    }
    const hotCaller = callers.find(inLoop);
    if (hotCaller) usage.hot = { site: hotCaller, how: 'factory', factory: fnScope.kind === 'class' ? `${cls.name}.${fn.name}` : fn.name };
  }
}

/**
 * The def that `return`s the call or assigns it to a single name (the innermost def around the
 * statement), when that def's name is called in some loop: the call may be a hot factory's product.
 */
function factoryHandingOn(semantic: SemanticModel, call: Call, calledInLoops: () => ReadonlySet<string>): FunctionDef | AsyncFunctionDef | undefined {
  if (calledInLoops().size === 0) return undefined;
  if (handingStatement(semantic, call) === undefined) return undefined;
  const fn = semantic.enclosingFunction(call);
  return fn !== undefined && fn._type !== 'Lambda' && calledInLoops().has(fn.name) ? fn : undefined;
}

/** Methods that keep their argument in a container. */
const KEEPING_METHODS = new Set(['append', 'add', 'appendleft', 'insert', 'put', 'put_nowait', 'setdefault']);

/**
 * Is the object a call creates kept beyond the iteration: the element of a comprehension, passed
 * to `append`/`add`…, stored into a subscript, yielded, or bound to a name that is then kept one
 * of those ways inside the same loop? Instances that die every iteration cost no extra memory.
 */
function isAccumulated(semantic: SemanticModel, call: Call, loop: Loop): boolean {
  if (keptDirectly(semantic, call)) return true;
  const parent = semantic.parentOf(call);
  if (parent?._type !== 'Assign' || parent.value !== call || parent.targets.length !== 1) return false;
  const target = parent.targets[0]!;
  if (target._type !== 'Name') return false;
  const binding = semantic.resolveName(target);
  if (!binding) return false;
  return semantic.referencesOf(binding).some((ref) => ref !== target && semantic.isInLoop(ref, loop) && keptDirectly(semantic, ref as expr));
}

function keptDirectly(semantic: SemanticModel, node: expr): boolean {
  const parent = semantic.parentOf(node);
  if (!parent) return false;
  switch (parent._type) {
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
      return parent.elt === node;
    case 'DictComp':
      return parent.value === node;
    case 'Yield':
      return true;
    case 'Assign':
      return parent.value === node && parent.targets.some((t) => t._type === 'Subscript');
    case 'Call':
      return parent.func._type === 'Attribute' && KEEPING_METHODS.has(parent.func.attr) && parent.args.includes(node);
    case 'List':
    case 'Tuple':
      return keptDirectly(semantic, parent); // [Cls(a), Cls(b)] appended as a group
    default:
      return false;
  }
}

/** Does the factory hand the instance back: `return Cls(...)`, or `x = Cls(...)` … `return x`? */
/**
 * `return Cls(...)` or `x = Cls(...)`: the statement whose value the call is, when it returns it
 * or assigns it to a single name (found from the statement, which unlike the parent needs no walk).
 */
function handingStatement(semantic: SemanticModel, call: Call): Return | Assign | undefined {
  const s = semantic.enclosingStatement(call);
  if (s?._type === 'Return' && s.value === call) return s;
  if (s?._type === 'Assign' && s.value === call && s.targets.length === 1 && s.targets[0]!._type === 'Name') return s;
  return undefined;
}

function isReturned(semantic: SemanticModel, call: Call, fn: FunctionDef | AsyncFunctionDef): boolean {
  const s = handingStatement(semantic, call);
  if (s === undefined) return false;
  if (s._type === 'Return') return true;
  const target = s.targets[0] as Name;
  const binding = semantic.resolveName(target);
  if (!binding) return false;
  // `return x` among the factory's own statements (not a nested def's): a statement scan, where
  // all references of `x` would mean walking every expression of its scope.
  let returned = false;
  forEachStatement(fn.body, fn, true, (s) => {
    if (returned) return undefined;
    if (s._type === 'Return' && s.value?._type === 'Name' && s.value.id === target.id && semantic.resolveName(s.value) === binding) returned = true;
    return s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef' || s._type === 'ClassDef' ? undefined : true;
  });
  return returned;
}

function isClassOrStaticMethod(fn: FunctionDef | AsyncFunctionDef): boolean {
  return fn.decorator_list.some((d) => d._type === 'Name' && (d.id === 'classmethod' || d.id === 'staticmethod'));
}

/** The `class Name` part of a class statement: findings point there, not at the whole body. */
export function classHeaderSpan(source: string, offsetAt: (line: number, col: number) => number, def: ClassDef): Span {
  const start = offsetAt(def.lineno, def.col_offset);
  const m = /^class\s+([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)/u.exec(source.slice(start, start + 200 + def.name.length));
  if (!m || m[0].includes('\n')) return { lineno: def.lineno, col_offset: def.col_offset, end_lineno: def.lineno, end_col_offset: def.col_offset + 5 };
  return { lineno: def.lineno, col_offset: def.col_offset, end_lineno: def.lineno, end_col_offset: def.col_offset + Buffer.byteLength(m[0], 'utf8') };
}

/** The first statement of a class body after its docstring; undefined when there is none. */
export function firstStatementAfterDocstring(def: ClassDef): stmt | undefined {
  const [first, second] = def.body;
  const isDoc = first?._type === 'Expr' && first.value._type === 'Constant' && typeof first.value.value === 'string';
  return isDoc ? second : first;
}

/** The line a statement really starts on (decorators come before a def's own line). */
export function statementStartLine(s: stmt): number {
  if ((s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef' || s._type === 'ClassDef') && s.decorator_list.length > 0) {
    return Math.min(s.lineno, ...s.decorator_list.map((d) => d.lineno));
  }
  return s.lineno;
}

/** Does the module import `weakref` (instances may be weakly referenced, which needs `__weakref__`)? */
function importsWeakref(module: Module): boolean {
  return module.body.some(
    (s) =>
      (s._type === 'Import' && s.names.some((a) => a.name === 'weakref' || a.name.startsWith('weakref.'))) ||
      (s._type === 'ImportFrom' && (s.module === 'weakref' || s.module?.startsWith('weakref.'))),
  );
}

/** The measured per-instance sizes for `count` attributes, if the engine was given them. */
export function measuredSizes(facts: MeasuredFacts | undefined, count: number): { dict: number; slots: number; python: string } | undefined {
  const sizes = facts?.slots;
  if (!sizes) return undefined;
  const row = sizes.byAttributeCount.find((r) => r.attributes === count);
  return row ? { dict: row.dictBytes, slots: row.slotsBytes, python: sizes.python } : undefined;
}

/** How a hot instantiation reads in a message. */
export function describeHot(hot: HotInstantiation): string {
  const line = hot.site.lineno;
  switch (hot.how) {
    case 'loop':
      return `instantiated in a loop (line ${line})`;
    case 'map':
      return `instantiated once per item by \`map\` (line ${line})`;
    case 'factory':
      return `built by \`${hot.factory}()\`, which is called in a loop (line ${line})`;
  }
}

/** Methods that customise attribute storage or pickling: a class defining one is left alone. */
export const DICT_HOOKS: ReadonlySet<string> = new Set(['__getattr__', '__setattr__', '__delattr__', '__getattribute__', '__getstate__', '__setstate__', '__reduce__', '__reduce_ex__', '__new__']);

/** `@cached_property` / `@functools.cached_property`: stores its value in the instance `__dict__`. */
export function isCachedProperty(d: expr): boolean {
  return (d._type === 'Name' && d.id === 'cached_property') || (d._type === 'Attribute' && d.attr === 'cached_property');
}

/** A measured per-instance size with and without slots, as the messages quote it. */
export interface MeasuredSaving {
  dict: number;
  slots: number;
  python: string;
}

/**
 * The saving clause of HS201/HS202 messages: the measured bytes when the user's Python was
 * measured, else what the change does and how to measure it.
 */
export function savingText(remedy: string, code: string, measured: MeasuredSaving | undefined): string {
  if (!measured) return `${remedy} would drop the per-instance \`__dict__\` (\`hotspy explain ${code} --measure\` measures the saving on your Python)`;
  const r = Math.round;
  return `${remedy} saves ${r(measured.dict - measured.slots)} bytes per instance (${r(measured.dict)} → ${r(measured.slots)}, measured on ${measured.python})`;
}
