// The `hotspy ast` JSON shape on hand-built trees: field order, nulls, operators, positions,
// pretty vs compact, streaming in chunks, and the float/int distinction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { astToJson, writeAstJson, pyBytesRepr, pyComplexRepr, pyFloatRepr } from './ast-json.js';
import type { Module } from './ast.js';

const at = (lineno: number, col_offset: number, end_col_offset: number) => ({ lineno, col_offset, end_lineno: lineno, end_col_offset });

// `x: int = 1.0` and `del y[...]`
const tree: Module = {
  _type: 'Module',
  body: [
    {
      _type: 'AnnAssign',
      target: { _type: 'Name', id: 'x', ctx: { _type: 'Store' }, ...at(1, 0, 1) },
      annotation: { _type: 'Name', id: 'int', ctx: { _type: 'Load' }, ...at(1, 3, 6) },
      value: { _type: 'Constant', value: { kind: 'float', value: 1 }, kind: null, ...at(1, 9, 12) },
      simple: 1,
      ...at(1, 0, 12),
    },
    {
      _type: 'Delete',
      targets: [
        {
          _type: 'Subscript',
          value: { _type: 'Name', id: 'y', ctx: { _type: 'Load' }, ...at(2, 4, 5) },
          slice: { _type: 'Constant', value: { kind: 'ellipsis' }, kind: null, ...at(2, 6, 9) },
          ctx: { _type: 'Del' },
          ...at(2, 4, 10),
        },
      ],
      ...at(2, 0, 10),
    },
  ],
  type_ignores: [],
};

test('compact JSON has _type, every field in CPython order, then the positions', () => {
  const json = astToJson(tree);
  assert.equal(
    json,
    '{"_type":"Module","body":[' +
      '{"_type":"AnnAssign","target":{"_type":"Name","id":"x","ctx":{"_type":"Store"},"lineno":1,"col_offset":0,"end_lineno":1,"end_col_offset":1},' +
      '"annotation":{"_type":"Name","id":"int","ctx":{"_type":"Load"},"lineno":1,"col_offset":3,"end_lineno":1,"end_col_offset":6},' +
      '"value":{"_type":"Constant","value":1.0,"kind":null,"lineno":1,"col_offset":9,"end_lineno":1,"end_col_offset":12},' +
      '"simple":1,"lineno":1,"col_offset":0,"end_lineno":1,"end_col_offset":12},' +
      '{"_type":"Delete","targets":[{"_type":"Subscript","value":{"_type":"Name","id":"y","ctx":{"_type":"Load"},"lineno":2,"col_offset":4,"end_lineno":2,"end_col_offset":5},' +
      '"slice":{"_type":"Constant","value":{"_type":"ellipsis","repr":"Ellipsis"},"kind":null,"lineno":2,"col_offset":6,"end_lineno":2,"end_col_offset":9},' +
      '"ctx":{"_type":"Del"},"lineno":2,"col_offset":4,"end_lineno":2,"end_col_offset":10}],"lineno":2,"col_offset":0,"end_lineno":2,"end_col_offset":10}],' +
      '"type_ignores":[]}',
  );
});

test('indented JSON denotes the same tree', () => {
  const pretty = astToJson(tree, { indent: 2 });
  assert.ok(pretty.includes('\n  "body": [\n    {\n      "_type": "AnnAssign"'));
  assert.deepEqual(JSON.parse(pretty), JSON.parse(astToJson(tree)));
});

test('absent optional fields are null; missing positions are not invented', () => {
  const ret = astToJson({ _type: 'Return', value: null, ...at(3, 4, 10) });
  assert.equal(ret, '{"_type":"Return","value":null,"lineno":3,"col_offset":4,"end_lineno":3,"end_col_offset":10}');
});

test('streaming delivers the same text in chunks', () => {
  const body = Array.from({ length: 3000 }, (_, i) => ({ _type: 'Pass' as const, ...at(i + 1, 0, 4) }));
  const big: Module = { _type: 'Module', body, type_ignores: [] };
  const chunks: string[] = [];
  writeAstJson(big, (c) => chunks.push(c));
  assert.ok(chunks.length > 1);
  assert.equal(chunks.join(''), astToJson(big));
});

test('ascii mode escapes like json.dumps; default mode keeps UTF-8', () => {
  const c = { _type: 'Constant' as const, value: 'é😀\u007f', kind: null, ...at(1, 0, 1) };
  assert.match(astToJson(c), /"value":"é😀\u007f"/);
  assert.match(astToJson(c, { ascii: true }), /"value":"\\u00e9\\ud83d\\ude00\\u007f"/);
});

test('Python reprs of the values JSON cannot hold', () => {
  assert.equal(pyFloatRepr(Infinity), 'inf');
  assert.equal(pyFloatRepr(1e16), '1e+16');
  assert.equal(pyFloatRepr(1e-5), '1e-05');
  assert.equal(pyFloatRepr(123.0), '123.0');
  assert.equal(pyComplexRepr(0, 1), '1j');
  assert.equal(pyComplexRepr(0, Infinity), 'infj');
  assert.equal(pyComplexRepr(1, -2), '(1-2j)');
  assert.equal(pyBytesRepr(new Uint8Array([0x27, 0x61])), `b"'a"`);
  assert.equal(pyBytesRepr(new Uint8Array([0x27, 0x22, 0x5c, 0x0a, 0xff])), `b'\\'"\\\\\\n\\xff'`);
  const big = astToJson({ _type: 'Constant', value: 2n ** 64n, kind: null, ...at(1, 0, 20) });
  assert.match(big, /"value":\{"_type":"int","repr":"18446744073709551616"\}/);
});
