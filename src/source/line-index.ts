// Maps between CPython positions (1-based line, UTF-8 byte column) and JS string offsets for one
// source text, so rules can quote and edit the exact text of any node. Line starts are computed
// on first use; ASCII-only lines convert in O(1).

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
  private ascii: Uint8Array | null = null;

  constructor(source: string) {
    this.source = source;
  }

  private build(): void {
    const src = this.source;
    const first = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (src.indexOf('\r', first) === -1) this.buildFromLineFeeds(first);
    else this.buildCharByChar(first);
  }

  // Most files: `\n` line breaks only. Line starts come from `indexOf` (a native search), and the
  // lines holding a non-ASCII character from one regular-expression scan, instead of testing every
  // character in JavaScript.
  private buildFromLineFeeds(first: number): void {
    const src = this.source;
    const list: number[] = [first];
    for (let i = src.indexOf('\n', first); i !== -1; i = src.indexOf('\n', i + 1)) list.push(i + 1);
    const starts = Int32Array.from(list);
    const ascii = new Uint8Array(starts.length).fill(1);
    const nonAscii = /[^\x00-\x7f]/g;
    nonAscii.lastIndex = first;
    let line = 0;
    for (let m = nonAscii.exec(src); m !== null; m = nonAscii.exec(src)) {
      while (line + 1 < starts.length && starts[line + 1]! <= m.index) line++;
      ascii[line] = 0;
      if (line + 1 >= starts.length) break;
      nonAscii.lastIndex = starts[line + 1]!; // the rest of this line does not matter
    }
    this.starts = starts;
    this.ascii = ascii;
  }

  private buildCharByChar(first: number): void {
    const src = this.source;
    const starts: number[] = [first];
    const ascii: number[] = [];
    let isAscii = 1;
    for (let i = first; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && src.charCodeAt(i + 1) === 10) i++;
        ascii.push(isAscii);
        isAscii = 1;
        starts.push(i + 1);
      } else if (c >= 128) isAscii = 0;
    }
    ascii.push(isAscii);
    this.starts = Int32Array.from(starts);
    this.ascii = Uint8Array.from(ascii);
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
    if (this.ascii![Math.min(Math.max(lineno, 1), this.ascii!.length) - 1]) return start + byteCol;
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
    if (this.ascii![lo]) return { lineno: lo + 1, col_offset: offset - start };
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

/** Lines as people count them (a final newline does not start another), without building an index. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}
