// The entries a check report prints, in one order for every format: findings and syntax errors
// merged by file, then position.
import type { Finding } from '../diagnostics/finding.js';
import type { SyntaxErrorReport } from '../analyze/check-source.js';

export type Entry = { kind: 'finding'; finding: Finding } | { kind: 'syntax'; error: SyntaxErrorReport };

export function orderedEntries(findings: readonly Finding[], syntaxErrors: readonly SyntaxErrorReport[]): Entry[] {
  const entries: Entry[] = [
    ...findings.map((finding): Entry => ({ kind: 'finding', finding })),
    ...syntaxErrors.map((error): Entry => ({ kind: 'syntax', error })),
  ];
  const key = (e: Entry) => (e.kind === 'finding' ? { file: e.finding.file, range: e.finding.range } : { file: e.error.file, range: e.error.range });
  return entries.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka.file !== kb.file) return ka.file < kb.file ? -1 : 1;
    return ka.range.start.line - kb.range.start.line || ka.range.start.column - kb.range.start.column;
  });
}
