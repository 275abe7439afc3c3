// Turns the AST's (1-based line, 0-based UTF-8 byte column) positions into Finding positions:
// string offsets for edits and 1-based character columns for output, via the parser's LineIndex.
import type { LineIndex } from '../source/line-index.js';
import type { Position, Range } from '../diagnostics/finding.js';
import type { Span } from '../rules/types.js';

export class PositionMapper {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  offsetAt(line: number, byteColumn: number): number {
    return this.lines.offsetAt(line, byteColumn);
  }

  position(line: number, byteColumn: number): Position {
    const offset = this.lines.offsetAt(line, byteColumn);
    const lineStart = this.lines.lineStart(line);
    return { line, column: codePointsBetween(this.text, lineStart, offset) + 1, byteColumn, offset };
  }

  range(span: Span): Range {
    return { start: this.position(span.lineno, span.col_offset), end: this.position(span.end_lineno, span.end_col_offset) };
  }

  /** The position of a string offset (used for fix edits, which rules express as offsets). */
  positionOfOffset(offset: number): Position {
    const { lineno, col_offset } = this.lines.positionOf(offset);
    return { line: lineno, column: codePointsBetween(this.text, this.lines.lineStart(lineno), offset) + 1, byteColumn: col_offset, offset };
  }

  textOf(span: Span): string {
    return this.text.slice(this.offsetAt(span.lineno, span.col_offset), this.offsetAt(span.end_lineno, span.end_col_offset));
  }
}

/** Characters (code points) in text[from, to): UTF-16 units minus the second half of each pair. */
function codePointsBetween(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) n--;
  }
  return n;
}

