// The parser oracle over real code: hotspy's tree must be CPython 3.13's, positions included,
// for every file of Python 3.11's stdlib and site-packages, CPython 3.13's stdlib and the
// newest-syntax snippets; files CPython refuses must be refused at the same line. Exceptions
// live in known-differences.txt.
// `npm run test:corpus` runs just this; HOTSPY_CORPUS_GROUPS=stdlib,snippets narrows it (and says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGREEING, corpusGroups } from './corpus.js';
import { runCorpus } from './run-corpus.js';

test('hotspy parses the corpus exactly like CPython 3.13', { timeout: 20 * 60_000 }, async (t) => {
  const only = process.env.HOTSPY_CORPUS_GROUPS?.split(',').filter(Boolean);
  const groups = corpusGroups(only);
  if (only?.length) t.diagnostic(`HOTSPY_CORPUS_GROUPS set: only ${groups.map((g) => g.name).join(', ')}`);
  for (const g of groups) assert.ok(g.files.length > 0, `corpus group ${g.name} has no files under ${g.root}`);

  const run = await runCorpus(groups);
  for (const line of run.text.split('\n')) t.diagnostic(line);

  const failing = run.reports.filter((r) => !AGREEING.has(r.outcome) && !r.known);
  assert.deepEqual(run.stale, [], 'known-differences.txt lists files that now agree with CPython: remove them');
  assert.equal(failing.length, 0, `${failing.length} files differ from CPython 3.13 (see the diagnostics above)`);
});
