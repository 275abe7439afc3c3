// The line index is built two ways (files with `\n` breaks only, and files with `\r`): both must
// map every line start and every UTF-8 byte column to the same string offsets. A parse hands its
// index the tokenizer's line starts: they must be the ones the index finds itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { LineIndex } from './line-index.js';
import { parse } from '../parse/index.js';
import { discoverPythonFiles } from '../discover/discover.js';
import { decodePythonSource } from './decode.js';
import { stdlibPath } from '../../test/corpus.js';

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

/** Every line's start, from a parse's index (the tokenizer's line starts) and from an index of the text alone. */
function assertSameStarts(text: string, label: string): void {
  const parsed = parse(text).lines;
  const own = new LineIndex(text);
  assert.equal(parsed.lineCount, own.lineCount, `${label}: line count`);
  for (let line = 1; line <= own.lineCount; line++) assert.equal(parsed.lineStart(line), own.lineStart(line), `${label}: start of line ${line}`);
}

test("a parse's line index holds the line starts the text has, from the tokenizer", (t) => {
  const tricky = [
    ...SAMPLES,
    'x = """a\nb\n"""\ny = f"{a!r:>{w}}\n"\n',
    'total = 1 + \\\n    2\n# comment\n\n\f\nz = 3',
    "if x:\n    s = '''\n\n'''  # trailing\n",
    'print(f"""{\n1 +\n2}""")\n',
    'def f(:\n    pass\nx = 1\n', // a syntax error: the tokenizer still reads to the end
    'x = (1,\n',
    's = "unterminated\ny = 2\n',
    '\tif x:\n  \tpass\n',
  ];
  for (const text of tricky) assertSameStarts(text, JSON.stringify(text));
  const root = stdlibPath();
  if (!root) return t.skip('no Python stdlib on this machine');
  for (const file of discoverPythonFiles([root]).files) {
    const decoded = decodePythonSource(fs.readFileSync(file));
    if (decoded.ok) assertSameStarts(decoded.text, file);
  }
});
