import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { packageRoot, packageFile } from './package-root.js';

test('packageRoot finds hotspy\'s own package.json from compiled code', () => {
  const manifest = JSON.parse(fs.readFileSync(packageFile('package.json'), 'utf8'));
  assert.equal(manifest.name, 'hotspy');
  assert.ok(fs.existsSync(packageFile('src', 'util', 'package-root.ts')), packageRoot());
});
