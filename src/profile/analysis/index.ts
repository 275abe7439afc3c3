// The profile analysis surface: computeReport and the report types.
export { computeReport, DEFAULT_TOP } from './report.js';
export { computeCoverage, COVERAGE_SHARES } from './coverage.js';
export { computeVerdict, VERDICT_THRESHOLDS } from './verdict.js';
export { waitCategoryOfBuiltin, waitCategoryOfLeafFrame } from './waiting.js';
export type * from './types.js';
export { diffProfiles } from './diff.js';
export type { ProfileDiff, FunctionDelta } from './diff.js';
