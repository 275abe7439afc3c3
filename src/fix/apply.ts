// Applies fixes to a source text: all edits of each accepted fix, skipping any fix whose edits
// overlap an earlier one (it can be applied on a later pass once the text has settled).
import type { Applicability, Fix } from './fix.js';

const RANK: Record<Applicability, number> = { 'display-only': 0, unsafe: 1, safe: 2 };

export interface ApplyResult {
  text: string;
  applied: number;
  /** Fixes skipped because they overlapped one already applied. */
  skipped: number;
}

/** Apply every fix at least as trusted as `minimum` (default `safe`), in source order. */
export function applyFixes(text: string, fixes: readonly Fix[], minimum: Applicability = 'safe'): ApplyResult {
  const eligible = fixes.filter((f) => f.edits.length > 0 && RANK[f.applicability] >= RANK[minimum]);
  eligible.sort((a, b) => a.edits[0]!.start - b.edits[0]!.start);
  let out = '';
  let cursor = 0;
  let applied = 0;
  let skipped = 0;
  for (const fix of eligible) {
    if (fix.edits[0]!.start < cursor) {
      skipped++;
      continue;
    }
    for (const edit of fix.edits) {
      out += text.slice(cursor, edit.start) + edit.content;
      cursor = edit.end;
    }
    applied++;
  }
  return { text: out + text.slice(cursor), applied, skipped };
}
