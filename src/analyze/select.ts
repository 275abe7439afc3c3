// Resolves --select/--ignore (codes or code prefixes such as HS1, HS10) to the rules to run.
// As in Ruff, the most specific selector wins: `--select HS101 --ignore HS1` keeps HS101.
import type { AnyRule } from '../rules/types.js';

export class SelectionError extends Error {}

const SELECTOR = /^HS\d{0,3}$/;

/** The rules enabled by `select` (default: all non-deprecated rules) minus `ignore`. */
export function selectRules(rules: readonly AnyRule[], select?: readonly string[], ignore?: readonly string[]): AnyRule[] {
  const selectors = normalise(select && select.length > 0 ? select : ['HS'], rules);
  const ignores = normalise(ignore ?? [], rules);
  const explicitlySelected = new Set(select ?? []);
  return rules.filter((rule) => {
    if (rule.status === 'deprecated' && !explicitlySelected.has(rule.code)) return false;
    const selected = longestMatch(selectors, rule.code);
    return selected > 0 && selected > longestMatch(ignores, rule.code);
  });
}

function normalise(selectors: readonly string[], rules: readonly AnyRule[]): string[] {
  return selectors.flatMap((raw) => raw.split(',')).map((raw) => {
    const s = raw.trim().toUpperCase();
    if (s === 'ALL') return 'HS';
    if (!SELECTOR.test(s)) throw new SelectionError(`invalid rule selector "${raw.trim()}": expected a code like HS101 or a prefix like HS1`);
    if (!rules.some((r) => r.code.startsWith(s))) throw new SelectionError(`rule selector "${raw.trim()}" matches no rule (see \`hotspy rules\`)`);
    return s;
  });
}

function longestMatch(selectors: readonly string[], code: string): number {
  let best = 0;
  for (const s of selectors) if (code.startsWith(s) && s.length > best) best = s.length;
  return best;
}
