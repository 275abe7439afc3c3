// Maps between CPython positions (1-based line, UTF-8 byte column) and JS string offsets for one
// source text, so rules can quote and edit the exact text of any node. Line starts are computed
// on first use, and whether a line is ASCII-only (O(1) column conversion) when a column on it is.

/** Anything with CPython-style positions (every located AST node). */
export interface Located {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

export class LineIndex {
  readonly source: string;
  private starts: Int32Array | null = null;
  /** Per line: 0 not yet looked at, 1 ASCII only, 2 holds a non-ASCII character. */
  private ascii: Uint8Array | null = null;

  constructor(source: string) {
    this.source = source;
  }

  /**
   * Take line starts found elsewhere (the tokenizer's, for a text it read to the end): exactly
   * what `build` would find, so that nothing scans the text again.
   */
  adoptStarts(starts: Int32Array): void {
    this.starts = starts;
    this.ascii = null;
  }

  private build(): void {
    const src = this.source;
    const first = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.starts = Int32Array.from(src.indexOf('\r', first) === -1 ? lineFeedStarts(src, first) : anyBreakStarts(src, first));
  }

  /** Does line `index` (0-based) hold only ASCII characters, so byte columns are string offsets? */
  private isAsciiLine(index: number): boolean {
    // Whether a line is ASCII is found when a column on it is first converted: findings and
    // edits touch few lines, and scanning every line of every file for them cost more than that.
    const ascii = (this.ascii ??= new Uint8Array(this.starts!.length));
    if (ascii[index] === 0) {
      const starts = this.starts!;
      const end = index + 1 < starts.length ? starts[index + 1]! : this.source.length;
      ascii[index] = NON_ASCII.test(this.source.slice(starts[index]!, end)) ? 2 : 1;
    }
    return ascii[index] === 1;
  }

  /** Number of lines (a trailing newline starts one more, empty, line). */
  get lineCount(): number {
    if (!this.starts) this.build();
    return this.starts!.length;
  }

  /** String offset where 1-based line `lineno` starts (clamped to the text). */
  lineStart(lineno: number): number {
    if (!this.starts) this.build();
    const starts = this.starts!;
    if (lineno < 1) return starts[0];
    if (lineno > starts.length) return this.source.length;
    return starts[lineno - 1];
  }

  /** String offset just after the text of line `lineno`, before its line break. */
  lineEnd(lineno: number): number {
    if (!this.starts) this.build();
    const starts = this.starts!;
    if (lineno >= starts.length) return this.source.length;
    let end = starts[lineno];
    const src = this.source;
    if (end > 0 && src.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && src.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of line `lineno` without its line break. */
  lineText(lineno: number): string {
    return this.source.slice(this.lineStart(lineno), this.lineEnd(lineno));
  }

  /** String offset of (line, UTF-8 byte column). */
  offsetAt(lineno: number, byteCol: number): number {
    const start = this.lineStart(lineno);
    if (this.isAsciiLine(Math.min(Math.max(lineno, 1), this.starts!.length) - 1)) return start + byteCol;
    const src = this.source;
    let bytes = 0;
    let i = start;
    while (bytes < byteCol && i < src.length) {
      const c = src.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < src.length && (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
      else bytes += 3;
      i++;
    }
    return i;
  }

  /** (line, UTF-8 byte column) of a string offset. */
  positionOf(offset: number): { lineno: number; col_offset: number } {
    if (!this.starts) this.build();
    const starts = this.starts!;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    const start = starts[lo];
    if (this.isAsciiLine(lo)) return { lineno: lo + 1, col_offset: offset - start };
    const src = this.source;
    let bytes = 0;
    for (let i = start; i < offset; i++) {
      const c = src.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
      else bytes += 3;
    }
    return { lineno: lo + 1, col_offset: bytes };
  }

  /** The exact source text of a node. */
  textOf(node: Located): string {
    return this.source.slice(this.offsetAt(node.lineno, node.col_offset), this.offsetAt(node.end_lineno, node.end_col_offset));
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Line starts of a text whose only line breaks are `\n`, found by `indexOf` (a native search). */
function lineFeedStarts(src: string, first: number): number[] {
  const starts: number[] = [first];
  for (let i = src.indexOf('\n', first); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line starts of a text with `\r\n`, `\r` or `\n` line breaks. */
function anyBreakStarts(src: string, first: number): number[] {
  const starts: number[] = [first];
  for (let i = first; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && src.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Lines as people count them (a final newline does not start another), without building an index. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}
