// The line index is built two ways (files with `\n` breaks only, and files with `\r`): both must
// map every line start and every UTF-8 byte column to the same string offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './line-index.js';

const SAMPLES = [
  '',
  'x = 1',
  'x = 1\n',
  '\ufeffname = "é"\nother = 2\n',
  's = "日本"; t = 1\nascii_line = 2\nlast = "ü"',
  'a\n\nb\n\n\n',
  'é',
];

/** Per line: its text, and where each UTF-8 byte column falls, counted from the line's start. */
function table(text: string): string[] {
  const index = new LineIndex(text);
  const rows: string[] = [`lines ${index.lineCount}`];
  for (let line = 1; line <= index.lineCount; line++) {
    const start = index.lineStart(line);
    const lineText = index.lineText(line);
    const columns: number[] = [];
    for (let byte = 0; byte <= Buffer.byteLength(lineText, 'utf8'); byte++) columns.push(index.offsetAt(line, byte) - start);
    rows.push(`${line} ${JSON.stringify(lineText)} ${columns.join(',')}`);
  }
  return rows;
}

test('maps lines and byte columns alike whether lines end in \\n or \\r\\n', () => {
  for (const text of SAMPLES) assert.deepEqual(table(text.replace(/\n/g, '\r\n')), table(text), JSON.stringify(text));
});

test('finds non-ASCII lines so byte columns convert to character offsets', () => {
  const text = 'a = 1\nb = "é"; c = 2\nd = 3\n';
  const index = new LineIndex(text);
  // `c` is at byte column 10 on line 2 (é is two bytes) but character column 9
  assert.equal(text[index.offsetAt(2, 10)], 'c');
  assert.equal(text[index.offsetAt(3, 0)], 'd');
  assert.deepEqual(index.positionOf(text.indexOf('c')), { lineno: 2, col_offset: 10 });
});
