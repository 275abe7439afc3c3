// `hotspy rules`: the rule list as an aligned table or a JSON array.
import type { AnyRule } from '../rules/types.js';
import { makeStyle } from './style.js';

export function rulesJson(rules: readonly AnyRule[]): string {
  const rows = rules.map((r) => ({
    code: r.code,
    name: r.name,
    family: r.family,
    severity: r.severity,
    fix: r.fix,
    micro: r.micro,
    status: r.status,
    since: r.since,
    also_known_as: r.alsoKnownAs ?? [],
    summary: r.whatItDoes,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

export function rulesTable(rules: readonly AnyRule[], color: boolean): string {
  const s = makeStyle(color);
  const header = ['code', 'name', 'family', 'severity', 'fix'];
  const rows = rules.map((r) => [r.code, r.name, r.family, r.severity, r.fix]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [s.bold(line(header)), ...rows.map(line), '', `${rules.length} rule${rules.length === 1 ? "" : "s"}; \`hotspy explain CODE\` shows one rule's documentation.`].join('\n') + '\n';
}
