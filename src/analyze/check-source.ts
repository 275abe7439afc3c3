// The per-file pipeline: source text → parse → semantic model → one walk running every enabled
// rule → findings. Pure: no I/O, no global state; a crash in one rule is contained to that rule.
import { parse, type ParseError, type ParseResult } from '../parse/index.js';
import type { Module, Node } from '../parse/ast.js';
import { buildSemanticModel, type SemanticModel } from '../semantic/index.js';
import { ruleUrl, type Finding, type Range } from '../diagnostics/finding.js';
import type { Fix } from '../fix/fix.js';
import { ALL_RULES } from '../rules/registry.js';
import { type AnyRule, type MeasuredFacts, type PythonVersion, type RuleContext, type SourceComment, type Span, type Visitor } from '../rules/types.js';
import { PositionMapper } from './positions.js';
import { selectRules } from './select.js';
import { findModuleFacts, type ModuleFacts } from '../rules/module-facts.js';
import { canRunListed, HandlerTable, runListed, walk, type Handler, type HandlerOwner, type WalkPosition } from './walk.js';

/** Python version assumed when none is given: the newest the parser knows, so no syntax is refused. */
export const DEFAULT_TARGET_VERSION: PythonVersion = { major: 3, minor: 13 };

export interface CheckSourceOptions {
  /** Shown in findings; `<string>` when absent. */
  path?: string;
  /** Codes or prefixes to enable (default: all rules). */
  select?: readonly string[];
  /** Codes or prefixes to disable. */
  ignore?: readonly string[];
  targetVersion?: PythonVersion;
  /** Run exactly these rules, ignoring `select`/`ignore` (the rule tester uses this). */
  rules?: readonly AnyRule[];
  /** Measurements of the user's Python that some messages quote (e.g. the `__slots__` saving). */
  facts?: MeasuredFacts;
}

/** A syntax error, reported once per error with its position. */
export interface SyntaxErrorReport {
  file: string;
  message: string;
  range: Range;
  /** Set when the syntax is valid in a newer Python than the target version. */
  requiresVersion?: PythonVersion;
}

/** A failure inside hotspy (a rule or the semantic model) on one file; the run goes on. */
export interface InternalErrorReport {
  file: string;
  /** The rule that failed, or undefined when the failure was outside rules. */
  rule?: string;
  message: string;
  stack?: string;
}

export interface CheckSourceResult {
  path: string;
  findings: Finding[];
  syntaxErrors: SyntaxErrorReport[];
  internalErrors: InternalErrorReport[];
  /** Lines in the file (for throughput figures). */
  lineCount: number;
}

export function checkSource(text: string, options: CheckSourceOptions = {}): CheckSourceResult {
  const path = options.path ?? '<string>';
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const rules = options.rules ?? selectRules(ALL_RULES, options.select, options.ignore);
  const result: CheckSourceResult = { path, findings: [], syntaxErrors: [], internalErrors: [], lineCount: 0 };

  const parsed = parse(text, { targetVersion, filename: path });
  result.lineCount = parsed.lineCount;
  const positions = new PositionMapper(text, parsed.lines);
  for (const error of parsed.errors) result.syntaxErrors.push(syntaxErrorReport(path, error, positions));
  if (rules.length === 0) return result;

  // The semantic model is made on first use (most files never reach a rule's semantic query:
  // rules test the cheap syntactic shape first) and is lazy itself: a failure inside one of its
  // answers surfaces in the rule that asked, which is then switched off for this file.
  let model: SemanticModel | undefined;
  let modelError: SemanticModelUnavailable | undefined;
  const semantic = (): SemanticModel => {
    if (model) return model;
    if (modelError) throw modelError;
    try {
      return (model = buildSemanticModel(parsed.module, { source: text, index: parsed.index }));
    } catch (err) {
      // Reported once for the file; every rule that needed the model is switched off quietly.
      result.internalErrors.push(internalError(path, undefined, 'semantic model failed', err));
      throw (modelError = new SemanticModelUnavailable());
    }
  };

  const raw: RawFinding[] = [];
  const table = new HandlerTable();
  const file: FileState = {
    path, text, parsed, targetVersion, facts: options.facts, positions, semantic, raw, result, shared: new Map(), position: { loopDepth: 0 },
    textOf: (span) => positions.textOf(span),
    offsetAt: (line, byteColumn) => positions.offsetAt(line, byteColumn),
    // set now, not when first asked: a property added later gives file states two shapes, and
    // code that saw one deoptimized on the other (seen with --trace-deopt)
    moduleFacts: undefined,
  };
  for (const rule of rules) {
    const ctx = new RuleRun(file, rule);
    let visitor: Visitor;
    try {
      visitor = rule.create(ctx);
    } catch (err) {
      if (!(err instanceof SemanticModelUnavailable)) result.internalErrors.push(internalError(path, rule.code, `rule ${rule.code} failed to start`, err));
      continue;
    }
    const handlers = visitor as Record<string, Handler | undefined>;
    // `for…in` rather than `Object.keys`: no array per visitor (visitors are plain object
    // literals, so there are no inherited keys to skip)
    for (const key in handlers) {
      const fn = handlers[key];
      if (fn) table.add(key, fn, ctx);
    }
  }

  // The parser lists the nodes rules visit; after a syntax error the tree is walked instead
  // (error recovery drops statements the list may hold).
  const listed = parsed.errors.length === 0 ? parsed.index?.listed : undefined;
  if (listed !== undefined && table.listedSuffices && canRunListed(listed)) runListed(parsed.module, listed, table, file.position);
  else walk(parsed.module, table, file.position);

  const broken = parsed.errors.flatMap((e) => (e.brokenRegion ? [e.brokenRegion] : []));
  for (const { rule, span, data, fix } of raw) {
    if (broken.some((r) => span.lineno <= r.endLine && span.end_lineno >= r.startLine)) continue;
    try {
      result.findings.push({
        code: rule.code,
        name: rule.name,
        family: rule.family,
        severity: rule.severity,
        message: rule.message(data),
        file: path,
        range: positions.range(span),
        fix: fix && { ...fix, edits: fix.edits.map((e) => ({ ...e, range: { start: positions.positionOfOffset(e.start), end: positions.positionOfOffset(e.end) } })) },
        url: ruleUrl(rule.code),
      });
    } catch (err) {
      result.internalErrors.push(internalError(path, rule.code, `rule ${rule.code} could not describe a finding`, err));
    }
  }
  result.findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset || (a.code < b.code ? -1 : 1));
  return result;
}

function syntaxErrorReport(file: string, error: ParseError, positions: PositionMapper): SyntaxErrorReport {
  let range: Range;
  try {
    range = positions.range({ lineno: error.lineno, col_offset: error.col_offset, end_lineno: error.end_lineno, end_col_offset: error.end_col_offset });
  } catch {
    const at = { line: error.lineno, column: error.col_offset + 1, byteColumn: error.col_offset, offset: 0 };
    range = { start: at, end: at };
  }
  const report: SyntaxErrorReport = { file, message: error.message, range };
  if (error.requiresVersion) report.requiresVersion = error.requiresVersion;
  return report;
}

function internalError(file: string, rule: string | undefined, message: string, err: unknown): InternalErrorReport {
  const detail = err instanceof Error ? err.message : String(err);
  const report: InternalErrorReport = { file, message: `${message}: ${detail}` };
  if (rule) report.rule = rule;
  if (err instanceof Error && err.stack) report.stack = err.stack;
  return report;
}

interface RawFinding {
  rule: AnyRule;
  span: Span;
  data: unknown;
  fix: Fix | null;
}

/** What the contexts of all rules share for one file. */
interface FileState {
  path: string;
  text: string;
  parsed: ParseResult;
  targetVersion: PythonVersion;
  facts: MeasuredFacts | undefined;
  positions: PositionMapper;
  semantic: () => SemanticModel;
  raw: RawFinding[];
  result: CheckSourceResult;
  /** Values rules share for this file (`RuleContext.shared`). */
  shared: Map<symbol, unknown>;
  /** Where the walk is (`RuleContext.loopDepth`). */
  position: WalkPosition;
  /** `RuleContext.textOf` and `offsetAt`, shared by the contexts of all rules. */
  textOf: (span: Span) => string;
  offsetAt: (line: number, byteColumn: number) => number;
  /** `RuleContext.moduleFacts`, found on first use. */
  moduleFacts?: ModuleFacts;
}

/**
 * One rule's run over one file: its RuleContext, and the owner of its handlers (a rule that
 * throws is switched off for the rest of this file; other rules go on). A class, not an object
 * literal per rule, so every context has one shape and its accessors stay cheap.
 */
class RuleRun implements RuleContext<unknown>, HandlerOwner {
  failed = false;

  constructor(
    private readonly file: FileState,
    private readonly rule: AnyRule,
  ) {}

  get path(): string {
    return this.file.path;
  }
  get source(): string {
    return this.file.text;
  }
  get module(): Module {
    return this.file.parsed.module;
  }
  get semantic(): SemanticModel {
    return this.file.semantic();
  }
  get comments(): readonly SourceComment[] {
    return this.file.parsed.comments;
  }
  get targetVersion(): PythonVersion {
    return this.file.targetVersion;
  }
  get facts(): MeasuredFacts | undefined {
    return this.file.facts;
  }
  get loopDepth(): number {
    return this.file.position.loopDepth;
  }
  get moduleFacts(): ModuleFacts {
    const { parsed } = this.file;
    return (this.file.moduleFacts ??= findModuleFacts(parsed.module, parsed.errors.length === 0 ? parsed.index : undefined));
  }
  // Detachable (`const { offsetAt } = ctx`): the file's own functions, made once per file.
  get textOf(): (span: Span) => string {
    return this.file.textOf;
  }
  get offsetAt(): (line: number, byteColumn: number) => number {
    return this.file.offsetAt;
  }
  // An arrow property: rules may pass it around detached too.
  report = (span: Span, data: unknown, fix?: Fix | null): void => {
    if (!this.failed) this.file.raw.push({ rule: this.rule, span, data, fix: fix ?? null });
  };
  shared<T>(key: symbol, create: () => T): T {
    const values = this.file.shared;
    if (values.has(key)) return values.get(key) as T;
    const value = create();
    values.set(key, value);
    return value;
  }
  fail(node: Node, err: unknown): void {
    if (!(err instanceof SemanticModelUnavailable)) {
      this.file.result.internalErrors.push(internalError(this.file.path, this.rule.code, `rule ${this.rule.code} crashed at line ${lineOf(node)}`, err));
    }
  }
}

/** Thrown to rules when the semantic model of the file could not be built (already reported). */
class SemanticModelUnavailable extends Error {
  constructor() {
    super('semantic model unavailable');
  }
}

function lineOf(node: Node): string {
  return 'lineno' in node ? String(node.lineno) : '?';
}
