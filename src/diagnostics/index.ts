// The Finding model and its helpers.
export { FAMILY_PREFIX, ruleUrl, compareFindings, RULE_DOCS_BASE } from './finding.js';
export type { Family, Severity, Position, Range, Finding, FindingCost } from './finding.js';
