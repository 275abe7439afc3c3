// Text and JSON rendering of one shared report: exact text (no colour), Ruff-shaped JSON, colour
// only when asked, and problems (skipped files, internal errors) kept for stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../analyze/check-source.js';
import type { CheckPathsResult } from '../analyze/check-paths.js';
import { renderProblems, renderText } from './text.js';
import { renderJson, toJsonEntries } from './json.js';
import { wantsColor } from './style.js';

const source = 'def f(xs):\n\tname = "ñ"; return sorted(xs)[-1]\n\ndef g(:\n    pass\n';
const checked = checkSource(source, { path: 'pkg/m.py', select: ['HS108'] });
const report: CheckPathsResult = {
  filesChecked: 2,
  lines: 7,
  skipped: [{ path: 'pkg/bad.py', reason: 'cannot decode as utf-8: invalid UTF-8 byte sequence at line 3' }],
  missing: [],
  findings: checked.findings,
  syntaxErrors: checked.syntaxErrors,
  internalErrors: [{ file: 'pkg/x.py', rule: 'HS101', message: 'rule HS101 crashed at line 4: boom' }],
  countsByRule: { HS108: checked.findings.length },
  ruleCodes: ['HS108'],
};
const lines = source.split('\n');
const sourceLine = (file: string, line: number) => (file === 'pkg/m.py' ? lines[line - 1] : undefined);

describe('renderText', () => {
  it('prints each finding with an excerpt under a tab-expanded line, the help line, and a summary', () => {
    assert.equal(
      renderText(report, { color: false, sourceLine, ruleNames: { HS108: 'sorted-then-indexed' } }),
      [
        'pkg/m.py:2:21: HS108 [*] `sorted(xs)[-1]` sorts everything to read one item; `max()` is a single O(N) pass',
        '  |',
        '2 |     name = "ñ"; return sorted(xs)[-1]',
        '  |                        ^^^^^^^^^^^^^^',
        '  = help: Replace with `max(...)`',
        '',
        `pkg/m.py:4:7: SyntaxError: ${checked.syntaxErrors[0]!.message}`,
        '  |',
        '4 | def g(:',
        '  |       ^',
        '',
        'Findings by rule:',
        '  1  HS108  sorted-then-indexed',
        'Found 1 finding in 1 file; checked 2 files (7 lines); 1 file with syntax errors; 1 file skipped; 1 internal error.',
        '',
      ].join('\n'),
    );
  });

  it('--quiet prints one line per entry; --statistics only the summary', () => {
    assert.equal(renderText(report, { color: false, quiet: true }).split('\n').filter(Boolean).length, 2);
    assert.ok(renderText(report, { color: false, statistics: true }).startsWith('Findings by rule:'));
  });

  it('colours only when asked', () => {
    assert.ok(!renderText(report, { color: false }).includes('\u001b['));
    assert.ok(renderText(report, { color: true }).includes('\u001b['));
  });
});

describe('wantsColor', () => {
  it('follows the TTY, NO_COLOR and FORCE_COLOR', () => {
    assert.equal(wantsColor({ isTTY: true }, {}), true);
    assert.equal(wantsColor({ isTTY: false }, {}), false);
    assert.equal(wantsColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(wantsColor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  });
});

describe('renderJson', () => {
  it('gives Ruff-shaped entries with character columns, syntax errors with a null code', () => {
    const [finding, syntax] = toJsonEntries(report);
    assert.deepEqual(finding, {
      code: 'HS108',
      name: 'sorted-then-indexed',
      family: 'complexity',
      severity: 'medium',
      message: '`sorted(xs)[-1]` sorts everything to read one item; `max()` is a single O(N) pass',
      filename: 'pkg/m.py',
      location: { row: 2, column: 21 },
      end_location: { row: 2, column: 35 },
      fix: { applicability: 'unsafe', message: 'Replace with `max(...)`', edits: [{ content: 'max(xs)', location: { row: 2, column: 21 }, end_location: { row: 2, column: 35 } }] },
      url: 'docs/rules/HS108.md',
      noqa_row: 2,
    });
    assert.equal(syntax!.code, null);
    assert.equal(syntax!.name, 'syntax-error');
    assert.match(syntax!.message, /^SyntaxError: /);
    assert.deepEqual(JSON.parse(renderJson(report)), toJsonEntries(report));
  });
});

describe('renderProblems', () => {
  it('lists skipped files and internal errors, one line each', () => {
    assert.equal(renderProblems(report), 'pkg/bad.py: cannot decode as utf-8: invalid UTF-8 byte sequence at line 3\npkg/x.py: internal error in HS101: rule HS101 crashed at line 4: boom\n');
  });
});
