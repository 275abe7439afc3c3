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

  const visit = (node: Node, unit: CodeUnit): void => {
    switch (node._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'ClassDef': {
        // Decorators and defaults are evaluated in the enclosing unit; visit them there first.
        for (const d of node.decorator_list) visit(d, unit);
        if (node._type !== 'ClassDef') {
          for (const d of node.args.defaults) visit(d, unit);
          for (const d of node.args.kw_defaults) if (d) visit(d, unit);
        } else {
          for (const b of node.bases) visit(b, unit);
          for (const k of node.keywords) visit(k.value, unit);
        }
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
        for (const s of node.body) visit(s, inner);
        return;
      }
      case 'Lambda': {
        for (const d of node.args.defaults) visit(d, unit);
        for (const d of node.args.kw_defaults) if (d) visit(d, unit);
        const inner = newExprUnit('lambda', '<lambda>', node, unit, false);
        units.push(inner);
        visit(node.body, inner);
        return;
      }
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp': {
        // The first iterable is evaluated in the enclosing unit.
        const [first, ...rest] = node.generators;
        if (first) visit(first.iter, unit);
        const inner = newExprUnit('comprehension', COMPREHENSION_NAMES[node._type]!, node, unit, node._type !== 'GeneratorExp');
        units.push(inner);
        if (first) {
          visit(first.target, inner);
          for (const c of first.ifs) visit(c, inner);
        }
        for (const g of rest) visitChildren(g, inner);
        if (node._type === 'DictComp') {
          visit(node.key, inner);
          visit(node.value, inner);
        } else {
          visit(node.elt, inner);
        }
        return;
      }
      case 'For':
      case 'AsyncFor':
      case 'While':
        unit.loops.push({ startLine: node.lineno, endLine: lastBodyLine(node.body) });
        break;
    }
    visitChildren(node, unit);
  };

  const visitChildren = (node: Node, unit: CodeUnit): void => {
    const info = NODE_FIELDS[node._type];
    for (const field of info.fields) {
      const value = (node as unknown as Record<string, unknown>)[field];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, unit);
      } else if (isNode(value)) {
        visit(value, unit);
      }
    }
  };

  for (const s of module.body) visit(s, root);
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
