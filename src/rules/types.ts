// What a rule is: one RuleDefinition per file (identity, documentation, messages, and a visitor
// factory), and the RuleContext the engine hands it for each file it checks.
import type { Call, Located, Module, NodeOf, NodeType } from '../parse/ast.js';
import type { SemanticModel } from '../semantic/index.js';
import type { Family, Severity } from '../diagnostics/finding.js';
import type { Fix } from '../fix/fix.js';
import type { ModuleFacts } from './module-facts.js';

export type FixAvailability = 'none' | 'sometimes' | 'always';
export type RuleStatus = 'preview' | 'stable' | 'deprecated';

/** A Python 3 version, e.g. `{ major: 3, minor: 11 }`. */
export interface PythonVersion {
  major: 3;
  minor: number;
}

/** The range a finding covers, in the AST's own coordinates (1-based lines, 0-based UTF-8 byte columns). */
export type Span = Located;

/**
 * A visitor: handlers keyed by AST class name, called when the walk enters a node of that class;
 * `Kind:exit` handlers are called after the node's children. `Module:exit` runs last, once per file.
 * `Kind:inLoop` (and `Call(…):inLoop`) handlers are called only for nodes inside a loop or
 * comprehension (`ctx.loopDepth > 0`): the engine skips them elsewhere without a call.
 */
export type Visitor = {
  [K in NodeType]?: (node: NodeOf<K>) => void;
} & {
  [K in NodeType as `${K}:exit`]?: (node: NodeOf<K>) => void;
} & {
  [K in NodeType as `${K}${typeof IN_LOOP}`]?: (node: NodeOf<K>) => void;
} & {
  [K in CallVisitorKey]?: (node: Call) => void;
};

/** The suffix of a visitor key whose handler runs only inside loops and comprehensions. */
export const IN_LOOP = ':inLoop';

/**
 * `Call(name)`: a handler for the calls whose callee is spelled `name` (`name(…)` or `x.name(…)`)
 * only; `Call(a|b|c)`: spelled any of these. A file has 17 times fewer such calls than calls; the
 * engine looks the name up once per call.
 */
export type CallVisitorKey = `Call(${string})` | `Call(${string})${typeof IN_LOOP}`;

/**
 * The visitor key for calls whose callee is spelled one of `names`: `Call(a|b|c)`, or with
 * `{ inLoop: true }` `Call(a|b|c):inLoop` (those calls inside loops only). Make it once, at module
 * level, and use it as a computed key (`[ON_POP]: (node) => …`): a key made per file, in a helper
 * shared by all rules, would make every visitor object a slow dictionary.
 */
export function callKey<const Names extends readonly string[]>(names: Names): `Call(${JoinedNames<Names>})`;
export function callKey<const Names extends readonly string[]>(names: Names, options: { inLoop: true }): `Call(${JoinedNames<Names>})${typeof IN_LOOP}`;
export function callKey(names: readonly string[], options?: { inLoop: true }): string {
  return `Call(${names.join('|')})${options?.inLoop ? IN_LOOP : ''}`;
}

/** `['pop', 'insert']` → `'pop|insert'` at the type level, so a visitor's computed key keeps its literal type. */
type JoinedNames<Names extends readonly string[]> = Names extends readonly [infer Only extends string]
  ? Only
  : Names extends readonly [infer First extends string, ...infer Rest extends readonly string[]]
    ? `${First}|${JoinedNames<Rest>}`
    : string;

/** The callee names of a `Call(…)` visitor key (without its `:inLoop`), or undefined for any other key. */
export function calleesOfVisitorKey(key: string): readonly string[] | undefined {
  return key.startsWith('Call(') && key.endsWith(')') ? key.slice(5, -1).split('|') : undefined;
}

/** A comment in the source (from the parser). */
export interface SourceComment {
  text: string;
  lineno: number;
  col_offset: number;
  end_col_offset: number;
}

/**
 * Numbers measured on the user's own Python, handed to the engine as data so that rules stay pure
 * (rules never run anything). Filled by the CLI from `src/measure` (cached per interpreter).
 */
export interface MeasuredFacts {
  /** Bytes really allocated per instance with a `__dict__` vs with `__slots__` (HS201/HS202 messages). */
  readonly slots?: SlotsFacts;
}

export interface SlotsFacts {
  /** The interpreter measured, e.g. `CPython 3.11.7`. */
  readonly python: string;
  /** One row per attribute count measured. */
  readonly byAttributeCount: ReadonlyArray<{ readonly attributes: number; readonly dictBytes: number; readonly slotsBytes: number }>;
}

/** Everything a rule may read about the file being checked, and its one way to report. */
export interface RuleContext<D> {
  /** The file's path, as given to hotspy (or `<string>`). */
  readonly path: string;
  /** The decoded source text. */
  readonly source: string;
  readonly module: Module;
  /** Scopes, bindings, shapes, loop context: read-only, per file, each answer computed on first question. */
  readonly semantic: SemanticModel;
  readonly comments: readonly SourceComment[];
  /** The oldest Python version the checked code must run on. */
  readonly targetVersion: PythonVersion;
  /** Measurements of the user's interpreter, when the caller supplied them; rules must work without. */
  readonly facts?: MeasuredFacts;
  /**
   * During the walk: how many `for`/`while` loops and comprehensions enclose the node being
   * visited, counted syntactically (a def inside a loop counts as inside it; the node itself does
   * not count). 0 means the node, and everything in it that is not a loop, cannot be in a loop: a
   * free test before asking `semantic.loopOf`. 0 in `Module:exit`.
   */
  readonly loopDepth: number;
  /** Facts about the whole module (imports, `async def`s, module-level classes), found once per file. */
  readonly moduleFacts: ModuleFacts;
  /** The exact source text of a node or span. */
  textOf(span: Span): string;
  /** Offset into `source` (what `Edit` uses) of a 1-based line and 0-based byte column. */
  offsetAt(line: number, byteColumn: number): number;
  /** Report a finding at `span` (usually a node) with the data the rule's messages need. */
  report(span: Span, data: D, fix?: Fix | null): void;
  /**
   * A value made once per file and shared by every rule that asks with the same key (an analysis
   * two rules report from). It lives as long as this file's check, never longer.
   */
  shared<T>(key: symbol, create: () => T): T;
}

/** A rule's user-facing documentation, as named fields a test can check (never free headings). */
export interface RuleDocs {
  /** One or two sentences: the pattern the rule finds. */
  whatItDoes: string;
  /** Why the pattern is slow, with its complexity (e.g. O(N·M) → O(N+M)). */
  whySlow: string;
  /** Python code that the rule flags exactly once. */
  example: string;
  /** The same code written well; the rule must stay silent on it. */
  useInstead: string;
  /** A measured number or a reference backing the claim. */
  evidence: string;
  /** Cases the rule misses or may get wrong, said plainly. */
  knownLimits?: string;
  /** The same check in other tools, e.g. `["PERF401"]`. */
  alsoKnownAs?: string[];
  /** For algorithmic rules: the complexity of the flagged pattern and of the suggested one (`O(N·M)` → `O(N+M)`). */
  complexity?: { before: string; after: string };
}

export interface RuleDefinition<D = Record<string, unknown>> extends RuleDocs {
  /** `HS101`: the family prefix then two digits. */
  code: string;
  /** Kebab-case name of the pattern (not the fix); equal to the rule's file name. */
  name: string;
  family: Family;
  severity: Severity;
  fix: FixAvailability;
  /** When the fix is safe and when it becomes unsafe; required when `fix` is not `none`. */
  fixSafety?: string;
  /** Interpreter-overhead advice that only matters in hot code (hidden in cold code under a profile). */
  micro: boolean;
  /** The target version `example`, `useInstead` and the fixture are checked under (for rules that only fire on older Pythons). */
  docsTargetVersion?: PythonVersion;
  status: RuleStatus;
  /** The hotspy version that introduced the rule. */
  since: string;
  /** The problem, in one line, from the data a report carried. */
  message(data: D): string;
  /** The remedy, in one short line ("Use `min(x)`"). */
  fixTitle?(data: D): string;
  /** Called once per file; returns the handlers for the node kinds the rule looks at. */
  create(ctx: RuleContext<D>): Visitor;
}

/** A rule of any data type, as the registry and engine hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>;

/** Identity helper that lets TypeScript infer a rule's data type from its `message`. */
export function defineRule<D>(rule: RuleDefinition<D>): RuleDefinition<D> {
  return rule;
}
