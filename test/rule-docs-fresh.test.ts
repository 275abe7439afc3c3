// The committed docs/rules pages must equal what `npm run gen-docs` generates from the rules.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_RULES } from '../src/rules/registry.js';
import { generatedRuleDocs } from '../src/render/rule-doc.js';
import { packageFile } from '../src/util/package-root.js';

it('docs/rules is up to date (run `npm run gen-docs`)', () => {
  const dir = packageFile('docs', 'rules');
  const expected = generatedRuleDocs(ALL_RULES);
  const stale: string[] = [];
  for (const [name, content] of expected) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) stale.push(name);
  }
  const extra = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^HS\d+\.md$/.test(n) && !expected.has(n)) : [];
  assert.deepEqual({ stale, extra }, { stale: [], extra: [] });
});
