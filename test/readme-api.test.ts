// The README's Library API example must run as written against the built package.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageFile } from '../src/util/package-root.js';

it('the README Library API example runs and prints what the README says', () => {
  const readme = fs.readFileSync(packageFile('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library API'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const printed = /prints\n\n```\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code && printed, 'the Library API section has a js block and a "prints" block');
  const api = pathToFileURL(packageFile('dist', 'src', 'api', 'index.js')).href;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-readme-'));
  const script = path.join(dir, 'example.mjs');
  fs.writeFileSync(script, code.replace("from 'hotspy'", `from '${api}'`));
  try {
    const r = spawnSync(process.execPath, [script], { cwd: packageFile(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith(printed), `expected the output to start with:\n${printed}\ngot:\n${r.stdout}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
