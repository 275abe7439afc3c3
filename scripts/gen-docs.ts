// `npm run gen-docs`: writes docs/rules/<CODE>.md and docs/rules/README.md from the rule files,
// and removes pages of rules that no longer exist. A test fails when the committed pages are stale.
import fs from 'node:fs';
import path from 'node:path';
import { ALL_RULES } from '../src/rules/registry.js';
import { generatedRuleDocs } from '../src/render/rule-doc.js';
import { packageFile } from '../src/util/package-root.js';

const dir = packageFile('docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const files = generatedRuleDocs(ALL_RULES);
let written = 0;
for (const [name, content] of files) {
  const file = path.join(dir, name);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
  fs.writeFileSync(file, content);
  written++;
}
for (const name of fs.readdirSync(dir)) {
  if (/^HS\d+\.md$/.test(name) && !files.has(name)) {
    fs.rmSync(path.join(dir, name));
    process.stdout.write(`removed docs/rules/${name}\n`);
  }
}
process.stdout.write(`docs/rules: ${files.size} pages, ${written} updated\n`);
