// HS202: a `@dataclass` or `@attr.s` class without slots, instantiated in a loop: one switch
// (`slots=True`) drops every instance's `__dict__`. NamedTuples and `attrs.define` are already compact.
import type { Call, ClassDef, expr } from '../../parse/ast.js';
import type { SemanticModel } from '../../semantic/index.js';
import { Edit, Fix } from '../../fix/fix.js';
import { defineRule, type RuleContext } from '../types.js';
import {
  classHeaderSpan, classUsageCollector, describeHot, measuredSizes, DICT_HOOKS, isCachedProperty, savingText,
  type ClassUsage, type HotInstantiation,
} from './helpers.js';

type Library = 'dataclass' | 'attrs';

interface Data {
  className: string;
  library: Library;
  hot: HotInstantiation;
  measured?: { dict: number; slots: number; python: string };
}

const DATACLASS = new Set(['dataclasses.dataclass']);
/** attrs' classic API: no slots unless asked for. */
const ATTRS_CLASSIC = new Set(['attr.s', 'attr.attrs', 'attr.attributes']);
const ATTRS_FIELD = new Set(['attr.ib', 'attr.attrib', 'attr.attribute', 'attr.field', 'attrs.field']);

export default defineRule<Data>({
  code: 'HS202',
  name: 'unslotted-dataclass-instantiated-in-loop',
  family: 'memory',
  severity: 'medium',
  fix: 'always',
  fixSafety:
    'The fix (adding `slots=True` to the decorator) is unsafe: code elsewhere may add attributes that are not fields, ' +
    'weak-reference the instances, or read `__dict__`/`vars()`, all of which fail on the slotted class. ' +
    '`@dataclass(slots=True)` also returns a new class, which breaks zero-argument `super()` in its methods before ' +
    'Python 3.14 (such classes are not flagged).',
  micro: false,
  status: 'preview',
  since: '0.1.0',
  whatItDoes:
    'Finds a `@dataclass` (Python ≥ 3.10 target) or classic `@attr.s` class without `slots=True` that is ' +
    'instantiated in a loop or comprehension (or by a factory called in one), with the instances kept, and whose instances only hold their ' +
    'fields. `typing.NamedTuple`/`collections.namedtuple` (tuples: no `__dict__`) and `attrs.define`/`@frozen`/' +
    '`@mutable` (slotted by default) are never flagged.',
  whySlow:
    'A dataclass is a normal class: each of N instances carries a `__dict__`, O(N) hash tables. `slots=True` ' +
    '(dataclasses since 3.10, attrs always) generates `__slots__` from the fields, which cuts the memory per instance ' +
    '(measure it with `hotspy explain HS202 --measure`: about 40–50 bytes on CPython 3.11–3.13, 80–110 on 3.8).',
  example:
    'from dataclasses import dataclass\n' +
    '\n' +
    '@dataclass\n' +
    'class Sample:\n' +
    '    t: float\n' +
    '    value: float\n' +
    '\n' +
    'samples = [Sample(t, v) for t, v in readings]\n',
  useInstead:
    'from dataclasses import dataclass\n' +
    '\n' +
    '@dataclass(slots=True)\n' +
    'class Sample:\n' +
    '    t: float\n' +
    '    value: float\n' +
    '\n' +
    'samples = [Sample(t, v) for t, v in readings]\n',
  evidence:
    '`dataclasses.dataclass(slots=True)` (new in 3.10): "If true, __slots__ attribute will be generated and new class ' +
    'will be returned instead of the original one" (https://docs.python.org/3/library/dataclasses.html). attrs: ' +
    '"attrs.define … slots=True by default" (https://www.attrs.org/en/stable/api.html#attrs.define). Sizes: run ' +
    '`hotspy explain HS202 --measure`.',
  knownLimits:
    'When not to: when the instances get extra non-field attributes elsewhere, are weak-referenced, or only a few ' +
    'ever exist. Dataclasses are only flagged when the target version is 3.10 or newer (`slots=True` does not exist ' +
    'before). Classes with a base class, a metaclass, zero-argument `super()`, `cached_property`, attribute hooks, ' +
    'non-field attributes set in methods (e.g. in `__post_init__`), or in a module importing `weakref` are skipped.',
  message: (d) => {
    const what = d.library === 'dataclass' ? 'a dataclass' : 'an attrs class';
    const saving = savingText('`slots=True`', 'HS202', d.measured);
    return `\`${d.className}\` is ${what} ${describeHot(d.hot)} without slots: ${saving}`;
  },
  fixTitle: () => 'Add `slots=True` to the decorator',
  create(ctx) {
    if (ctx.path.endsWith('.pyi')) return {};
    const collector = classUsageCollector(ctx);
    return {
      ...collector.visitor,
      'Module:exit'() {
        const usages = collector.finish();
        if (usages.length === 0) return;
        for (const usage of usages) {
          if (!usage.hot || usage.dynamicUse || usage.def.decorator_list.length !== 1) continue;
          const decorator = usage.def.decorator_list[0]!;
          const library = unslottedDecorator(ctx.semantic, decorator);
          if (!library) continue;
          if (library === 'dataclass' && ctx.targetVersion.minor < 10) continue;
          const fields = eligibleFields(ctx.semantic, usage, library);
          if (!fields) continue;
          const measured = measuredSizes(ctx.facts, fields.length);
          const data: Data = { className: usage.def.name, library, hot: usage.hot, ...(measured ? { measured } : {}) };
          ctx.report(classHeaderSpan(ctx.source, (line, col) => ctx.offsetAt(line, col), usage.def), data, buildFix(ctx, decorator));
        }
      },
    };
  },
});

/** The library when the decorator makes an unslotted class; undefined for slotted, unknown, or explicit `slots=`. */
function unslottedDecorator(semantic: SemanticModel, decorator: expr): Library | undefined {
  const call = decorator._type === 'Call' ? decorator : undefined;
  const func = call ? call.func : decorator;
  if (func._type !== 'Name' && func._type !== 'Attribute') return undefined;
  const q = semantic.qualifiedName(func);
  if (!q) return undefined;
  const library: Library | undefined = DATACLASS.has(q) ? 'dataclass' : ATTRS_CLASSIC.has(q) ? 'attrs' : undefined;
  if (!library || !call) return library;
  if (call.args.length > 0 || call.keywords.some((k) => k.arg === 'slots' || k.arg === null)) return undefined;
  return library;
}

/** The field names, when the instances hold nothing but fields and the class takes slots safely. */
function eligibleFields(semantic: SemanticModel, usage: ClassUsage, library: Library): string[] | undefined {
  const def = usage.def;
  if (def.keywords.length > 0) return undefined;
  if (def.bases.length > 1 || (def.bases.length === 1 && !semantic.isBuiltin(def.bases[0]!, 'object'))) return undefined;
  const fields: string[] = [];
  for (const s of def.body) {
    if (s._type === 'FunctionDef' || s._type === 'AsyncFunctionDef') {
      if (DICT_HOOKS.has(s.name) || s.decorator_list.some(isCachedProperty)) return undefined;
    } else if (s._type === 'AnnAssign' && s.target._type === 'Name') {
      if (!isClassVar(s.annotation)) fields.push(s.target.id);
    } else if (s._type === 'Assign' && library === 'attrs' && s.targets.length === 1 && s.targets[0]!._type === 'Name' && isAttrsField(semantic, s.value)) {
      fields.push(s.targets[0]!.id);
    } else if (s._type === 'Assign' && s.targets.some((t) => t._type === 'Name' && (t.id === '__slots__' || t.id === '__dict__'))) {
      return undefined;
    }
  }
  if (fields.length === 0 || usesZeroArgSuper(semantic, def)) return undefined;
  for (const name of usage.instanceStores.keys()) if (!fields.includes(name)) return undefined;
  return fields;
}

function isClassVar(annotation: expr): boolean {
  const head = annotation._type === 'Subscript' ? annotation.value : annotation;
  return (head._type === 'Name' && head.id === 'ClassVar') || (head._type === 'Attribute' && head.attr === 'ClassVar') ||
    (annotation._type === 'Constant' && typeof annotation.value === 'string' && annotation.value.startsWith('ClassVar'));
}

function isAttrsField(semantic: SemanticModel, value: expr): boolean {
  if (value._type !== 'Call') return false;
  const q = semantic.qualifiedName(value.func);
  return q !== undefined && ATTRS_FIELD.has(q);
}

/** `super()` without arguments, or `__class__`, anywhere in the class body: both break when slots=True makes a new class. */
function usesZeroArgSuper(semantic: SemanticModel, def: ClassDef): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as { _type?: string };
    if (typeof n._type !== 'string') return;
    if (n._type === 'Call') {
      const call = n as Call;
      if (call.func._type === 'Name' && call.func.id === 'super' && call.args.length === 0 && semantic.isBuiltin(call.func, 'super')) found = true;
    }
    if (n._type === 'Name' && (n as { id: string }).id === '__class__') found = true;
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(def.body);
  return found;
}

/** `@dataclass` → `@dataclass(slots=True)`; `@dataclass(frozen=True)` → `@dataclass(frozen=True, slots=True)`. */
function buildFix(ctx: RuleContext<Data>, decorator: expr): Fix {
  if (decorator._type !== 'Call') {
    const end = ctx.offsetAt(decorator.end_lineno, decorator.end_col_offset);
    return Fix.unsafe('Add `slots=True` to the decorator', [Edit.insert(end, '(slots=True)')]);
  }
  const last = decorator.keywords[decorator.keywords.length - 1];
  if (!last) {
    const end = ctx.offsetAt(decorator.end_lineno, decorator.end_col_offset);
    return Fix.unsafe('Add `slots=True` to the decorator', [Edit.insert(end - 1, 'slots=True')]);
  }
  const at = ctx.offsetAt(last.end_lineno, last.end_col_offset);
  return Fix.unsafe('Add `slots=True` to the decorator', [Edit.insert(at, ', slots=True')]);
}
