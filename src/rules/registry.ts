// Every rule hotspy has, in code order. Adding a rule is one file plus one line here; a test
// checks this list against the rule files under src/rules/<family>/, so none is forgotten.
import type { AnyRule } from './types.js';
import sortedThenIndexed from './complexity/sorted-then-indexed.js';

export const ALL_RULES: readonly AnyRule[] = [
  sortedThenIndexed,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const BY_CODE = new Map(ALL_RULES.map((rule) => [rule.code, rule]));

/** The rule with this code (case-insensitive), if any. */
export function ruleByCode(code: string): AnyRule | undefined {
  return BY_CODE.get(code.toUpperCase());
}
