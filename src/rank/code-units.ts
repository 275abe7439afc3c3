// The code units of one parsed file as a profiler sees them: every code object CPython creates
// (module, class bodies, functions, lambdas, comprehensions), with the name and first line it
// records (`co_name`, `co_firstlineno`), and the loops inside each, for line-level costs.
import { NODE_FIELDS, type Module, type Node, type expr, type stmt } from '../parse/ast.js';

export type CodeUnitKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export interface LineSpan {
  startLine: number;
  endLine: number;
}

export interface CodeUnit extends LineSpan {
  kind: CodeUnitKind;
  /** 0-based UTF-8 byte columns of the unit's start (on startLine) and end (on endLine), to tell apart units sharing a line. */
  startCol: number;
  endCol: number;
  /** `co_name`: the bare name (`<module>`, `<lambda>`, `<listcomp>`, `<genexpr>`, a def or class name). */
  name: string;
  /** `co_qualname` (`Cls.method.<locals>.inner`), which Austin ≥ 3.11 and Scalene report, as Python 3.11 makes it. */
  qualname: string;
  /** `co_qualname` from Python 3.12 on, where inlined comprehensions drop out of the path. */
  qualname312: string;
  /** `co_firstlineno`: the first decorator's line for decorated defs and classes. */
  firstLine: number;
  /** The `def`/`class`/expression line itself (differs from firstLine when decorated). */
  defLine: number;
  /** Comprehensions other than generator expressions are inlined (no frame) from Python 3.12 on. */
  inlinedSince312: boolean;
  /** The unit this one is nested in (undefined for the module). */
  parent: CodeUnit | undefined;
  /** Loops whose body belongs to this unit (not to a nested unit), outermost first. */
  loops: LineSpan[];
}

const COMPREHENSION_NAMES: Partial<Record<string, string>> = {
  ListComp: '<listcomp>',
  SetComp: '<setcomp>',
  DictComp: '<dictcomp>',
  GeneratorExp: '<genexpr>',
};

/** Every code unit of `module`, the module itself first, then in source order. */
export function codeUnitsOf(module: Module): CodeUnit[] {
  const lastLine = lastLineOf(module);
  const root: CodeUnit = {
    kind: 'module',
    name: '<module>',
    qualname: '<module>',
    qualname312: '<module>',
    firstLine: 1,
    defLine: 1,
    startLine: 1,
    endLine: lastLine,
    startCol: 0,
    endCol: Number.MAX_SAFE_INTEGER,
    inlinedSince312: false,
    parent: undefined,
    loops: [],
  };
  const units: CodeUnit[] = [root];

  // An explicit work stack rather than recursion: trees nested deeper than the JS call stack
  // (generated `a + a + …` chains, which CPython accepts) are walked like any other. Each entry is
  // a node to visit in a unit, or an action (opening a unit) between visits, run in source order.
  const items: (Node | (() => void))[] = [];
  const itemUnits: CodeUnit[] = [];
  /** Queue `steps` to run next, in order, in `unit`. */
  const schedule = (unit: CodeUnit, steps: readonly (Node | (() => void))[]): void => {
    for (let i = steps.length - 1; i >= 0; i--) {
      items.push(steps[i]!);
      itemUnits.push(unit);
    }
  };

  const visit = (node: Node, unit: CodeUnit): void => {
    switch (node._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'ClassDef': {
        // Decorators and defaults are evaluated in the enclosing unit; visit them there first.
        const outside: (Node | (() => void))[] = [...node.decorator_list];
        if (node._type !== 'ClassDef') {
          for (const d of node.args.defaults) outside.push(d);
          for (const d of node.args.kw_defaults) if (d) outside.push(d);
        } else {
          for (const b of node.bases) outside.push(b);
          for (const k of node.keywords) outside.push(k.value);
        }
        const open = (): void => {
          const firstDecorator = node.decorator_list[0];
          const first = firstDecorator ? firstDecorator.lineno : node.lineno;
          const inner: CodeUnit = {
            kind: node._type === 'ClassDef' ? 'class' : 'function',
            name: node.name,
            ...qualnamesOf(node.name, unit),
            firstLine: first,
            defLine: node.lineno,
            startLine: first,
            endLine: node.end_lineno,
            startCol: 0,
            endCol: node.end_col_offset,
            inlinedSince312: false,
            parent: unit,
            loops: [],
          };
          units.push(inner);
          if (node.type_params.length > 0) units.push(genericParameters(node.name, first, node.lineno, unit));
          schedule(inner, node.body);
        };
        schedule(unit, [...outside, open]);
        return;
      }
      case 'TypeAlias': {
        // `type X = …` (3.12+): the value is a lazily evaluated code object named X.
        const name = node.name._type === 'Name' ? node.name.id : '<type alias>';
        if (node.type_params.length > 0) units.push(genericParameters(name, node.lineno, node.lineno, unit));
        const inner = newExprUnit('function', name, node.value, unit, false);
        inner.firstLine = inner.defLine = node.lineno;
        units.push(inner);
        schedule(inner, [node.value]);
        return;
      }
      case 'Lambda': {
        const outside: (Node | (() => void))[] = [...node.args.defaults];
        for (const d of node.args.kw_defaults) if (d) outside.push(d);
        const open = (): void => {
          const inner = newExprUnit('lambda', '<lambda>', node, unit, false);
          units.push(inner);
          schedule(inner, [node.body]);
        };
        schedule(unit, [...outside, open]);
        return;
      }
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp': {
        // The first iterable is evaluated in the enclosing unit.
        const [first, ...rest] = node.generators;
        const open = (): void => {
          const inner = newExprUnit('comprehension', COMPREHENSION_NAMES[node._type]!, node, unit, node._type !== 'GeneratorExp');
          units.push(inner);
          const steps: Node[] = [];
          if (first) steps.push(first.target);
          if (first) for (const c of first.ifs) steps.push(c);
          for (const g of rest) steps.push(g);
          if (node._type === 'DictComp') steps.push(node.key, node.value);
          else steps.push(node.elt);
          schedule(inner, steps);
        };
        schedule(unit, first ? [first.iter, open] : [open]);
        return;
      }
      case 'For':
      case 'AsyncFor':
      case 'While':
        unit.loops.push({ startLine: node.lineno, endLine: lastBodyLine(node.body) });
        break;
    }
    // children, pushed last-first so they are visited in source order
    const info = NODE_FIELDS[node._type];
    for (let f = info.fields.length - 1; f >= 0; f--) {
      const value = (node as unknown as Record<string, unknown>)[info.fields[f]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child: unknown = value[i];
          if (isNode(child)) {
            items.push(child);
            itemUnits.push(unit);
          }
        }
      } else if (isNode(value)) {
        items.push(value);
        itemUnits.push(unit);
      }
    }
  };

  schedule(root, module.body);
  while (items.length > 0) {
    const item = items.pop()!;
    const unit = itemUnits.pop()!;
    if (typeof item === 'function') item();
    else visit(item, unit);
  }
  return units;
}

/** The innermost unit containing the position (1-based line, 0-based byte column); the module when no other does. */
export function innermostUnitAt(units: readonly CodeUnit[], line: number, byteColumn = 0): CodeUnit {
  let best = units[0]!;
  for (const u of units) {
    if (contains(u, line, byteColumn) && isWithin(u, best)) best = u;
  }
  return best;
}

function contains(u: CodeUnit, line: number, col: number): boolean {
  if (line < u.startLine || line > u.endLine) return false;
  if (line === u.startLine && col < u.startCol) return false;
  if (line === u.endLine && col >= u.endCol) return false;
  return true;
}

/** Units nest, so the one starting later (or ending earlier at the same start) is the inner one. */
function isWithin(a: CodeUnit, b: CodeUnit): boolean {
  if (a.startLine !== b.startLine) return a.startLine > b.startLine;
  if (a.startCol !== b.startCol) return a.startCol > b.startCol;
  return a.endLine < b.endLine || (a.endLine === b.endLine && a.endCol <= b.endCol);
}

/** The innermost loop of `unit` whose lines contain `line`. */
export function innermostLoopAt(unit: CodeUnit, line: number): LineSpan | undefined {
  let best: LineSpan | undefined;
  for (const l of unit.loops) {
    if (l.startLine <= line && line <= l.endLine && (!best || l.endLine - l.startLine <= best.endLine - best.startLine)) best = l;
  }
  return best;
}

/**
 * A nested unit's `co_qualname` before and since Python 3.12: functions and lambdas add
 * `.<locals>.` for what they contain, classes and comprehensions a plain `.`, the module nothing;
 * since 3.12 an inlined comprehension adds nothing (it is no code object).
 */
function qualnamesOf(name: string, parent: CodeUnit): { qualname: string; qualname312: string } {
  const sep = parent.kind === 'function' || parent.kind === 'lambda' ? '.<locals>.' : '.';
  const prefix = (q: string) => (parent.kind === 'module' ? '' : q + sep);
  let p312 = parent;
  while (p312.inlinedSince312 && p312.parent) p312 = p312.parent;
  const sep312 = p312.kind === 'function' || p312.kind === 'lambda' ? '.<locals>.' : '.';
  return { qualname: prefix(parent.qualname) + name, qualname312: (p312.kind === 'module' ? '' : p312.qualname312 + sep312) + name };
}

/**
 * The hidden scope of a PEP 695 generic (`def f[T]()`, `class C[T]`, `type A[T] = …`, 3.12+):
 * a code object `<generic parameters of NAME>` that runs once when the definition does. It
 * holds no source of its own, so its span is empty and no finding ever lands in it.
 */
function genericParameters(name: string, firstLine: number, defLine: number, parent: CodeUnit): CodeUnit {
  const unitName = `<generic parameters of ${name}>`;
  return {
    kind: 'function',
    name: unitName,
    ...qualnamesOf(unitName, parent),
    firstLine,
    defLine,
    startLine: defLine,
    endLine: defLine,
    startCol: 0,
    endCol: 0,
    inlinedSince312: false,
    parent,
    loops: [],
  };
}

function newExprUnit(kind: CodeUnitKind, name: string, node: expr, parent: CodeUnit, inlined: boolean): CodeUnit {
  return {
    kind,
    name,
    ...qualnamesOf(name, parent),
    firstLine: node.lineno,
    defLine: node.lineno,
    startLine: node.lineno,
    endLine: node.end_lineno,
    startCol: node.col_offset,
    endCol: node.end_col_offset,
    inlinedSince312: inlined,
    parent,
    loops: [],
  };
}

function lastBodyLine(body: readonly stmt[]): number {
  return body.length > 0 ? body[body.length - 1]!.end_lineno : 0;
}

function lastLineOf(module: Module): number {
  const last = module.body[module.body.length - 1];
  return last ? last.end_lineno : 1;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { _type?: unknown })._type === 'string';
}
