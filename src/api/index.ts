// hotspy's public library surface. Everything a program can rely on is re-exported here; the
// CLI is built on these same functions.
export type * from '../parse/ast.js';
// Parsing Python: CPython 3.13's ast (positions, comments, errors with recovery) and its JSON form.
export { parse, LineIndex, DEFAULT_TARGET } from '../parse/index.js';
export type { ParseResult, ParseError, ParseOptions, Comment } from '../parse/index.js';
export { astToJson, writeAstJson } from '../parse/ast-json.js';
export type { AstJsonOptions, JsonSink } from '../parse/ast-json.js';
// Profiles: read any supported profiler output into the one profile model.
export { readProfile, readProfileFile, readers, type ReadProfileOptions } from '../profile/readers/index.js';
export type { ProfileReader, Probe, SniffResult, Detection } from '../profile/readers/index.js';
export { ProfileFormatError } from '../profile/errors.js';
export { frameLabel, stackSites } from '../profile/model.js';
export type * from '../profile/model.js';
// Checking Python code: one source string (pure) or files and folders (discovery, workers).
export { checkSource, DEFAULT_TARGET_VERSION } from '../analyze/check-source.js';
export type { CheckSourceOptions, CheckSourceResult, SyntaxErrorReport, InternalErrorReport } from '../analyze/check-source.js';
export { checkPaths } from '../analyze/check-paths.js';
export type { CheckPathsOptions, CheckPathsResult } from '../analyze/check-paths.js';
export { SelectionError, selectRules } from '../analyze/select.js';
export { discoverPythonFiles, DEFAULT_EXCLUDED_DIRS } from '../discover/discover.js';
export { decodePythonSource } from '../source/decode.js';
export type { Finding, FindingCost, Family, Severity, Position, Range } from '../diagnostics/finding.js';
export { ruleUrl, compareFindings, FAMILY_PREFIX } from '../diagnostics/finding.js';
export type { Applicability } from '../fix/fix.js';
export { Edit, Fix, applyFixes } from '../fix/index.js';
// Rules: the registry, and the types for writing one.
export { ALL_RULES, ruleByCode } from '../rules/registry.js';
export { defineRule } from '../rules/types.js';
export type { RuleDefinition, RuleContext, RuleDocs, AnyRule, Visitor, Span, PythonVersion, FixAvailability, RuleStatus } from '../rules/types.js';
// Rendering findings as hotspy's CLI does.
export { renderJson, toJsonEntries } from '../render/json.js';
export type { JsonEntry } from '../render/json.js';
export { renderText } from '../render/text.js';
// Profile reports: top functions/lines, coverage curve, CPU- vs I/O-bound verdict, and running
// Python programs under cProfile + hotspy's line sampler (what `hotspy report` / `profile` do).
export { computeReport, computeCoverage, computeVerdict, VERDICT_THRESHOLDS, waitCategoryOfBuiltin } from '../profile/analysis/index.js';
export type * from '../profile/analysis/types.js';
export { renderReportText, renderReportJson, reportToJson } from '../render/profile-report/index.js';
export { runProfiled, runExternalSampler, parseTarget, loadRun, samplesPathFor, RunError, TargetError } from '../profile/run/index.js';
export type { RunProfiledOptions, RunProfiledResult, ProfileTarget, ExternalSampler, LoadedRun } from '../profile/run/index.js';
// Measurements on the user's Python (`explain --measure`), and the facts `checkSource`/`checkPaths`
// accept (`facts`) so messages can quote measured numbers (e.g. the `__slots__` saving).
export { measuredFactsFor, measureSlots, identifyPython, MeasureError, measurementFor } from '../measure/index.js';
export type { SlotsMeasurement, PythonInfo } from '../measure/index.js';
export type { MeasuredFacts, SlotsFacts } from '../rules/types.js';
