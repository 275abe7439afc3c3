// The shared rule tester (ESLint/typescript-eslint style): runs ONE rule over `flagged` cases
// (each must produce a finding, at the given lines if stated) and `notFlagged` look-alikes (must
// produce none), rejects duplicate cases, and checks fixture files with `# HS101` line markers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkSource, type CheckSourceResult } from '../analyze/check-source.js';
import { applyFixes } from '../fix/apply.js';
import type { Fix } from '../fix/fix.js';
import type { AnyRule, PythonVersion } from './types.js';

export interface FlaggedCase {
  code: string;
  /** 1-based lines where findings must start (exactly these, once each or more). */
  lines?: number[];
  /** The source after applying every fix the rule offered (any applicability). Required when a fix is offered. */
  output?: string;
  targetVersion?: PythonVersion;
  /** A short name for the test list; defaults to the first line of code. */
  name?: string;
}

export interface NotFlaggedCase {
  code: string;
  /** Why this look-alike must stay silent. */
  why: string;
  targetVersion?: PythonVersion;
}

export interface RuleCases {
  flagged: Array<string | FlaggedCase>;
  notFlagged: Array<NotFlaggedCase>;
}

/** Run only `rule` over `code`; a case that does not parse is a broken test, not a silent pass. */
export function runRule(rule: AnyRule, code: string, targetVersion?: PythonVersion): CheckSourceResult {
  const result = checkSource(code, { rules: [rule], path: '<test>', ...(targetVersion ? { targetVersion } : {}) });
  if (result.syntaxErrors.length > 0) {
    const e = result.syntaxErrors[0]!;
    throw new Error(`test case does not parse (line ${e.range.start.line}: ${e.message}):\n${code}`);
  }
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.map((e) => e.stack ?? e.message).join('\n'));
  return result;
}

/** Register node:test cases for `rule`. */
export function testRule(rule: AnyRule, cases: RuleCases): void {
  const flagged = cases.flagged.map((c) => (typeof c === 'string' ? { code: c } : c));
  rejectDuplicates(rule, [...flagged.map((c) => c.code), ...cases.notFlagged.map((c) => c.code)]);
  if (flagged.length === 0) throw new Error(`${rule.code}: a rule needs at least one flagged case`);
  if (cases.notFlagged.length === 0) throw new Error(`${rule.code}: a rule needs at least one look-alike that is not flagged`);

  describe(`${rule.code} ${rule.name}`, () => {
    for (const c of flagged) {
      it(`flags: ${c.name ?? firstLine(c.code)}`, () => {
        const { findings } = runRule(rule, c.code, c.targetVersion);
        const own = findings.filter((f) => f.code === rule.code);
        assert.ok(own.length >= 1, `expected ${rule.code} to flag:\n${c.code}`);
        if (c.lines) {
          assert.deepEqual([...new Set(own.map((f) => f.range.start.line))].sort((a, b) => a - b), [...c.lines].sort((a, b) => a - b), 'flagged lines');
        }
        const fixes = own.flatMap((f) => (f.fix ? [f.fix] : []));
        if (fixes.length > 0 || c.output !== undefined) {
          assert.ok(c.output !== undefined, `${rule.code} offered a fix; add the expected \`output\` to this case`);
          assert.ok(fixes.length > 0, `expected ${rule.code} to offer a fix`);
          assert.equal(applyAll(c.code, fixes), c.output, 'source after the fix');
        }
      });
    }
    for (const c of cases.notFlagged) {
      it(`does not flag (${c.why}): ${firstLine(c.code)}`, () => {
        const { findings } = runRule(rule, c.code, c.targetVersion);
        assert.deepEqual(
          findings.map((f) => `${f.range.start.line}: ${f.message}`),
          [],
          `expected no ${rule.code} finding (${c.why}) in:\n${c.code}`,
        );
      });
    }
  });
}

/** Check a fixture file: lines carrying a `# HS101` marker comment must be flagged, no others. */
export function checkFixture(rule: AnyRule, fixturePath: string): void {
  const text = fs.readFileSync(fixturePath, 'utf8');
  const marker = new RegExp(`#.*\\b${rule.code}\\b`);
  const marked = text.split('\n').flatMap((line, i) => (marker.test(line) ? [i + 1] : []));
  const result = runRule(rule, text, rule.docsTargetVersion);
  const flagged = [...new Set(result.findings.filter((f) => f.code === rule.code).map((f) => f.range.start.line))].sort((a, b) => a - b);
  assert.ok(marked.length > 0, `${fixturePath} has no \`# ${rule.code}\` marker`);
  const missed = marked.filter((l) => !flagged.includes(l));
  const extra = flagged.filter((l) => !marked.includes(l));
  assert.deepEqual({ missed, extra }, { missed: [], extra: [] }, `${fixturePath}: marked lines not flagged (missed) / flagged lines not marked (extra)`);
}

function applyAll(code: string, fixes: Fix[]): string {
  // Apply repeatedly until stable is the autofix engine's job; here every fix must apply in one pass.
  const result = applyFixes(code, fixes, 'display-only');
  assert.equal(result.skipped, 0, 'the rule offered overlapping fixes');
  return result.text;
}

function rejectDuplicates(rule: AnyRule, codes: string[]): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) throw new Error(`${rule.code}: duplicate test case:\n${code}`);
    seen.add(code);
  }
}

function firstLine(code: string): string {
  const line = code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? code;
  return line.trim().slice(0, 70);
}
