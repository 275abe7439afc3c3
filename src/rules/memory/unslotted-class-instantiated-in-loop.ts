// HS201: a plain class without `__slots__`, instantiated in a loop, whose instances only ever get
// a fixed set of attributes: every instance pays for a `__dict__` it does not need.
import type { ClassDef, expr, FunctionDef, AsyncFunctionDef } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { Edit, Fix } from '../../fix/fix.js';
import { defineRule, type RuleContext } from '../types.js';
import {
  classHeaderSpan, classUsageCollector, describeHot, firstStatementAfterDocstring, measuredSizes,
  statementStartLine, DICT_HOOKS, isCachedProperty, savingText, type ClassUsage, type HotInstantiation,
} from './helpers.js';

interface Data {
  className: string;
  /** Every attribute name the instances get, in first-assignment order. */
  attributes: string[];
  hot: HotInstantiation;
  /** Measured bytes per instance on the user's Python, when the engine was given them. */
  measured?: { dict: number; slots: number; python: string };
}

export default defineRule<Data>({
  code: 'HS201',
  name: 'unslotted-class-instantiated-in-loop',
  family: 'memory',
  severity: 'medium',
  fix: 'always',
  fixSafety:
    'The fix (adding `__slots__` with the attribute names found) is unsafe: code in other modules may set ' +
    'attributes the analysis cannot see, weak-reference the instances (needs `"__weakref__"` in the slots), ' +
    'pickle them with protocol 0/1, or rely on `vars(obj)`; all of these fail on a slotted class.',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds a plain class (no base other than `object`, no decorator, no metaclass, no `__slots__`) that is ' +
    'instantiated in a loop or comprehension (directly, with `map`, or through a factory called in a loop) with the ' +
    'instances kept (a comprehension element, `append`/`add`, a subscript store, `yield`), whose ' +
    'instances only get attributes assigned as `self.x = …` in its own methods and are never used dynamically ' +
    '(`__dict__`, `vars()`, `setattr()`, `getattr()` with a computed name).',
  whySlow:
    'Without `__slots__` every instance carries a hash table (`__dict__`) for its attributes: O(N) dictionaries ' +
    'for N objects. `__slots__` stores the attributes in fixed fields of the object itself, which cuts the memory ' +
    'per instance (measured by `hotspy explain HS201 --measure`: about 40–50 bytes on CPython 3.11–3.13, 80–110 on ' +
    '3.8), speeds attribute access slightly, and means fewer allocations for the garbage collector to track.',
  example:
    'class Point:\n' +
    '    def __init__(self, x, y):\n' +
    '        self.x = x\n' +
    '        self.y = y\n' +
    '\n' +
    'points = [Point(x, y) for x, y in pairs]\n',
  useInstead:
    'class Point:\n' +
    '    __slots__ = ("x", "y")\n' +
    '\n' +
    '    def __init__(self, x, y):\n' +
    '        self.x = x\n' +
    '        self.y = y\n' +
    '\n' +
    'points = [Point(x, y) for x, y in pairs]\n',
  evidence:
    'Run `hotspy explain HS201 --measure` to measure the saving on your own Python. On this project\'s CI machine ' +
    '(tracemalloc, 20,000 instances, 2 attributes) an instance takes 88 bytes with a `__dict__` and 48 with ' +
    '`__slots__` on CPython 3.11/3.13, and 152 vs 48 bytes on 3.8. See also the data model reference: ' +
    'https://docs.python.org/3/reference/datamodel.html#slots',
  knownLimits:
    'When not to: when other code (plugins, tests, other modules) adds attributes to the instances, when instances ' +
    'are weak-referenced or pickled with old protocols, or when only a handful of instances ever exist (loops over ' +
    '`range(n)` with a constant n below 1000, or over literals, are not counted). The rule only looks at module-level classes of the file and at instantiations in the same file; a class defining a ' +
    'class attribute with the same name as an instance attribute (a default), a `__getattr__`/`__setattr__`/' +
    '`__getstate__`, a `functools.cached_property`, or living in a module that imports `weakref` is skipped. ' +
    'Classes with a base defined elsewhere are skipped (the base may need a `__dict__`); a same-module base must ' +
    'declare `__slots__` itself for the saving to exist.',
  alsoKnownAs: ['SLOT000'],
  message: (d) => {
    const saving = savingText('`__slots__`', 'HS201', d.measured);
    return `\`${d.className}\` is ${describeHot(d.hot)} and has no \`__slots__\`: ${saving}`;
  },
  fixTitle: (d) => `Add \`__slots__ = ${slotsTuple(d.attributes)}\``,
  create(ctx) {
    if (ctx.path.endsWith('.pyi')) return {};
    const collector = classUsageCollector(ctx);
    return {
      ...collector.visitor,
      'Module:exit'() {
        const usages = collector.finish();
        if (usages.length === 0) return;
        const byDef = new Map(usages.map((u) => [u.def, u]));
        for (const usage of usages) {
          if (!usage.hot || usage.dynamicUse || usage.def.decorator_list.length > 0) continue;
          const attributes = slotCandidates(ctx.semantic, usage, byDef);
          if (!attributes) continue;
          const measured = measuredSizes(ctx.facts, attributes.length + inheritedSlotCount(ctx.semantic, usage.def));
          const data: Data = { className: usage.def.name, attributes, hot: usage.hot, ...(measured ? { measured } : {}) };
          ctx.report(classHeaderSpan(ctx.source, (line, col) => ctx.offsetAt(line, col), usage.def), data, buildFix(ctx, usage.def, attributes));
        }
      },
    };
  },
});


/**
 * The attribute names to put in `__slots__`, or undefined when the class is not a safe candidate:
 * it must have an `__init__` that assigns at least one attribute, plain bases, and no class-level
 * name that an instance attribute would collide with.
 */
function slotCandidates(semantic: SemanticModel, usage: ClassUsage, byDef: Map<ClassDef, ClassUsage>): string[] | undefined {
  const def = usage.def;
  if (def.keywords.length > 0 || !basesAllowSlots(semantic, def, byDef, new Set())) return undefined;
  const properties = new Set<string>();
  const classNames = new Set<string>();
  let init: FunctionDef | AsyncFunctionDef | undefined;
  for (const s of def.body) {
    if (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef') {
      if (DICT_HOOKS.has(s.name)) return undefined;
      if (s.decorator_list.some(isCachedProperty)) return undefined;
      if (s.name === '__init__') init = s;
      if (s.decorator_list.some(isPropertyDecorator)) properties.add(s.name);
      else classNames.add(s.name);
    } else if (s._type === 'Assign' || s._type === 'AugAssign' || (s._type === 'AnnAssign' && s.value)) {
      const targets = s._type === 'Assign' ? s.targets : [s.target];
      for (const t of targets) for (const n of namesIn(t)) classNames.add(n);
    } else if (s._type === 'ClassDef') {
      classNames.add(s.name);
    } else if (s._type === 'Import' || s._type === 'ImportFrom' || s._type === 'If' || s._type === 'Try' || s._type === 'With' || s._type === 'For') {
      return undefined; // conditional or imported class attributes: too dynamic to list
    }
    if (classNames.has('__slots__') || classNames.has('__dict__')) return undefined;
  }
  if (!init) return undefined;
  const attributes: string[] = [];
  const inherited = inheritedSlots(semantic, def);
  // Attribute names in first-assignment order (the order the reader sees them in `__init__`).
  const stores = [...usage.instanceStores.entries()].sort((a, b) => firstPos(a[1]) - firstPos(b[1]));
  let initAssigns = false;
  for (const [name, nodes] of stores) {
    if (properties.has(name) || inherited.has(name)) continue; // a property's setter stores elsewhere
    if (classNames.has(name)) return undefined; // `x = None` in the class body conflicts with a slot `x`
    if (name.startsWith('__') && !name.endsWith('__')) return undefined; // name-mangled: keep it simple
    if (nodes.some((n) => semantic.enclosingFunction(n) === init)) initAssigns = true;
    attributes.push(name);
  }
  return initAssigns ? attributes : undefined;
}

function firstPos(nodes: readonly { lineno: number; col_offset: number }[]): number {
  return Math.min(...nodes.map((n) => n.lineno * 100000 + n.col_offset));
}

/** Bases must be nothing, `object`, or one same-module class that declares `__slots__` itself (recursively). */
function basesAllowSlots(semantic: SemanticModel, def: ClassDef, byDef: Map<ClassDef, ClassUsage>, seen: Set<ClassDef>): boolean {
  if (seen.has(def)) return false;
  seen.add(def);
  if (def.bases.length > 1) return false;
  const base = def.bases[0];
  if (!base) return true;
  if (semantic.isBuiltin(base, 'object')) return true;
  const baseDef = sameModuleClass(semantic, base);
  if (!baseDef || !byDef.has(baseDef) || baseDef.keywords.length > 0 || baseDef.decorator_list.length > 0) return false;
  if (!declaredSlots(baseDef)) return false;
  return basesAllowSlots(semantic, baseDef, byDef, seen);
}

function sameModuleClass(semantic: SemanticModel, base: expr): ClassDef | undefined {
  if (base._type !== 'Name') return undefined;
  const b = semantic.resolveName(base);
  const a = b?.assignments;
  if (!b || b.scope !== semantic.moduleScope || !a || a.length !== 1 || a[0]!.kind !== 'class') return undefined;
  return a[0]!.node as ClassDef;
}

/** The names in a class's own `__slots__ = (...)` when written as a literal; undefined when absent or computed. */
function declaredSlots(def: ClassDef): string[] | undefined {
  for (const s of def.body) {
    if (s._type !== 'Assign' || !s.targets.some((t) => t._type === 'Name' && t.id === '__slots__')) continue;
    const v = s.value;
    if (v._type === 'Constant' && typeof v.value === 'string') return [v.value];
    if (v._type !== 'Tuple' && v._type !== 'List') return undefined;
    const names = v.elts.map((e) => (e._type === 'Constant' && typeof e.value === 'string' ? e.value : undefined));
    return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
  }
  return undefined;
}

function inheritedSlots(semantic: SemanticModel, def: ClassDef): Set<string> {
  const out = new Set<string>();
  for (let base = def.bases[0] && sameModuleClass(semantic, def.bases[0]); base; base = base.bases[0] && sameModuleClass(semantic, base.bases[0])) {
    for (const n of declaredSlots(base) ?? []) out.add(n);
  }
  return out;
}

function inheritedSlotCount(semantic: SemanticModel, def: ClassDef): number {
  return inheritedSlots(semantic, def).size;
}

function namesIn(target: expr): string[] {
  if (target._type === 'Name') return [target.id];
  if (target._type === 'Tuple' || target._type === 'List') return target.elts.flatMap(namesIn);
  if (target._type === 'Starred') return namesIn(target.value);
  return [];
}

function isPropertyDecorator(d: expr): boolean {
  if (d._type === 'Name') return d.id === 'property';
  return d._type === 'Attribute' && (d.attr === 'setter' || d.attr === 'getter' || d.attr === 'deleter');
}


function slotsTuple(names: readonly string[]): string {
  return names.length === 1 ? `("${names[0]}",)` : `(${names.map((n) => `"${n}"`).join(', ')})`;
}

/** Insert `__slots__ = (...)` as the first statement after the docstring, indented like the body. */
function buildFix(ctx: RuleContext<Data>, def: ClassDef, attributes: string[]): Fix | null {
  const first = firstStatementAfterDocstring(def);
  if (!first || first.lineno === def.lineno) return null; // a one-line class body: leave it to the user
  const line = statementStartLine(first);
  const lineStart = ctx.offsetAt(line, 0);
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart, lineStart + 200))![0];
  const text = `${indent}__slots__ = ${slotsTuple(attributes)}\n\n`;
  return Fix.unsafe(`Add \`__slots__ = ${slotsTuple(attributes)}\``, [Edit.insert(lineStart, text)]);
}
