// The oracle's lockstep JSON comparison: equal trees (whatever the escaping) agree; ints and floats
// never do; the first difference is located by path and CPython-side line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstJsonDifference } from './json-diff.js';

const node = (value: string, line = 1) =>
  `{"_type":"Module","body":[{"_type":"Expr","value":{"_type":"Constant","value":${value},"kind":null,"lineno":${line},"col_offset":0,"end_lineno":1,"end_col_offset":1},"lineno":${line},"col_offset":0,"end_lineno":1,"end_col_offset":1}],"type_ignores":[]}`;

test('identical and equivalently escaped texts agree', () => {
  assert.equal(firstJsonDifference(node('"é"'), node('"é"')), undefined);
  assert.equal(firstJsonDifference(node('"é"'), node('"\\u00e9"')), undefined);
  assert.equal(firstJsonDifference(node('1e+16'), node('1e16')), undefined);
  assert.equal(firstJsonDifference(JSON.stringify(JSON.parse(node('1')), null, 2), node('1')), undefined);
});

test('int and float differ, and the path names node types and fields', () => {
  const d = firstJsonDifference(node('1'), node('1.0', 7));
  assert.deepEqual(d, { path: 'Module.body[0]:Expr.value:Constant.value', ours: '1', theirs: '1.0', line: 7 });
});

test('missing fields, list lengths and node types are reported', () => {
  const a = '{"_type":"List","elts":[1,2],"ctx":{"_type":"Load"}}';
  assert.equal(firstJsonDifference(a, '{"_type":"List","elts":[1],"ctx":{"_type":"Load"}}')?.path, 'List.elts[1]');
  assert.equal(firstJsonDifference(a, '{"_type":"Tuple","elts":[1,2],"ctx":{"_type":"Load"}}')?.path, '_type');
  const d = firstJsonDifference('{"_type":"X","a":1}', '{"_type":"X","a":1,"b":2}');
  assert.equal(d?.path, 'X');
  assert.equal(d?.theirs, 'field "b"');
});
