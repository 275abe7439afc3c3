// Checks every registered rule's metadata, documentation and fixture (ESLint's checkRuleFiles,
// Biome's rules_check): codes and names well-formed and unique, required docs present, each
// `example` flagged exactly once and each `useInstead` not at all, and the registry complete.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ALL_RULES } from './registry.js';
import { checkFixture, runRule } from './testing.js';
import { FAMILY_PREFIX } from '../diagnostics/finding.js';
import { packageFile } from '../util/package-root.js';
import type { AnyRule } from './types.js';

const REQUIRED_DOCS = ['whatItDoes', 'whySlow', 'example', 'useInstead', 'evidence'] as const;

describe('rule registry', () => {
  it('codes are unique', () => {
    const codes = ALL_RULES.map((r) => r.code);
    assert.deepEqual(codes.filter((c, i) => codes.indexOf(c) !== i), []);
  });

  it('names are unique', () => {
    const names = ALL_RULES.map((r) => r.name);
    assert.deepEqual(names.filter((c, i) => names.indexOf(c) !== i), []);
  });

  it('lists exactly the rule files found under src/rules/<family>/', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url)); // dist/src/rules
    const found: string[] = [];
    for (const family of Object.keys(FAMILY_PREFIX)) {
      const dir = path.join(here, family);
      if (!fs.existsSync(dir)) continue;
      for (const file of fs.readdirSync(dir).sort()) {
        if (!file.endsWith('.js') || file.endsWith('.test.js')) continue;
        const source = packageFile('src', 'rules', family, file.replace(/\.js$/, '.ts'));
        if (!fs.existsSync(source)) continue; // a stale build output of a deleted file
        const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Partial<AnyRule> };
        if (mod.default && typeof mod.default.code === 'string' && typeof mod.default.create === 'function') {
          found.push(`${family}/${file.replace(/\.js$/, '')} ${mod.default.code}`);
        }
      }
    }
    const registered = ALL_RULES.map((r) => `${r.family}/${r.name} ${r.code}`);
    assert.deepEqual(registered.sort(), found.sort(), 'src/rules/registry.ts must list every rule file (and only those)');
  });
});

for (const rule of ALL_RULES) {
  describe(`${rule.code} metadata and docs`, () => {
    it('has a well-formed code, name and metadata', () => {
      assert.match(rule.code, /^HS[1-5]\d\d$/);
      assert.ok(rule.code.startsWith(FAMILY_PREFIX[rule.family]), `${rule.code} must start with ${FAMILY_PREFIX[rule.family]} (family ${rule.family})`);
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'name is kebab-case');
      assert.ok(!/^(use|avoid|no|prefer|disallow)-/.test(rule.name), 'the name states the pattern, not the fix');
      assert.match(rule.since, /^\d+\.\d+\.\d+$/);
      if (rule.fix !== 'none') assert.ok(rule.fixSafety && rule.fixSafety.trim().length > 0, 'fixSafety is required when the rule fixes');
      if (rule.fix !== 'none') assert.equal(typeof rule.fixTitle, 'function', 'a fixable rule has a fixTitle');
    });

    it('has every required documentation field', () => {
      for (const field of REQUIRED_DOCS) assert.ok(rule[field].trim().length > 0, `${field} is empty`);
      assert.match(rule.whySlow, /O\(/, 'whySlow states the complexity, e.g. O(N·M)');
    });

    it('flags its `example` exactly once', () => {
      const own = runRule(rule, rule.example, rule.docsTargetVersion).findings.filter((f) => f.code === rule.code);
      assert.equal(own.length, 1, `example:\n${rule.example}`);
    });

    it('does not flag its `useInstead`', () => {
      const own = runRule(rule, rule.useInstead, rule.docsTargetVersion).findings.filter((f) => f.code === rule.code);
      assert.deepEqual(own.map((f) => f.message), []);
    });

    it('flags exactly the marked lines of its fixture', () => {
      const fixture = packageFile('src', 'rules', rule.family, 'fixtures', `${rule.code}.py`);
      assert.ok(fs.existsSync(fixture), `missing fixture ${fixture}`);
      checkFixture(rule, fixture);
    });
  });
}
