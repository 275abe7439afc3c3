// Parser tests: trees and positions (expected strings were printed by CPython 3.13's ast.parse),
// error lines, recovery, comments, deep nesting, a 5 MB file, target versions, and a fuzz loop
// over mutated stdlib text that must never throw.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from './index.js';
import type * as A from './ast.js';

/** A compact rendering: Class@l:c-el:ec(field=..., ...), skipping ctx, None and empty lists. */
function show(n: unknown): string {
  if (Array.isArray(n)) return '[' + n.map(show).join(', ') + ']';
  if (n === null) return 'None';
  if (typeof n === 'string') return pyStr(n);
  if (typeof n === 'number' || typeof n === 'bigint') return String(n);
  if (typeof n === 'boolean') return n ? 'True' : 'False';
  const o = n as Record<string, unknown>;
  if ('kind' in o && !('_type' in o)) {
    if (o.kind === 'float') return String(o.value);
    if (o.kind === 'complex') return `${o.imag}j`;
    if (o.kind === 'ellipsis') return 'Ellipsis';
    return 'bytes';
  }
  const node = o as { _type: string; lineno?: number; col_offset?: number; end_lineno?: number; end_col_offset?: number };
  const pos = node.lineno !== undefined ? `@${node.lineno}:${node.col_offset}-${node.end_lineno}:${node.end_col_offset}` : '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k === '_type' || k === 'lineno' || k === 'col_offset' || k === 'end_lineno' || k === 'end_col_offset' || k === 'ctx') continue;
    if (v === null || (Array.isArray(v) && v.length === 0)) continue;
    parts.push(`${k}=${show(v)}`);
  }
  return `${node._type}${pos}(${parts.join(', ')})`;
}

function pyStr(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
}

function tree(src: string): string {
  const r = parse(src);
  assert.deepEqual(r.errors, [], `unexpected errors for ${JSON.stringify(src)}`);
  return r.module.body.map(show).join('\n');
}

test('trees and positions match CPython 3.13', () => {
  const cases: Array<[string, string]> = [
    ['x = 1, 2,', "Assign@1:0-1:9(targets=[Name@1:0-1:1(id='x')], value=Tuple@1:4-1:9(elts=[Constant@1:4-1:5(value=1), Constant@1:7-1:8(value=2)]))"],
    ['f(x for x in y)', "Expr@1:0-1:15(value=Call@1:0-1:15(func=Name@1:0-1:1(id='f'), args=[GeneratorExp@1:1-1:15(elt=Name@1:2-1:3(id='x'), generators=[comprehension(target=Name@1:8-1:9(id='x'), iter=Name@1:13-1:14(id='y'), is_async=0)])]))"],
    ['(a)(b)[c].d', "Expr@1:0-1:11(value=Attribute@1:0-1:11(value=Subscript@1:0-1:9(value=Call@1:0-1:6(func=Name@1:1-1:2(id='a'), args=[Name@1:4-1:5(id='b')]), slice=Name@1:7-1:8(id='c')), attr='d'))"],
    ['x[:]', "Expr@1:0-1:4(value=Subscript@1:0-1:4(value=Name@1:0-1:1(id='x'), slice=Slice@1:2-1:3()))"],
    ['f"a{x!r:>{w}} b{y=}" "c"', "Expr@1:0-1:24(value=JoinedStr@1:0-1:24(values=[Constant@1:2-1:3(value='a'), FormattedValue@1:3-1:13(value=Name@1:4-1:5(id='x'), conversion=114, format_spec=JoinedStr@1:7-1:12(values=[Constant@1:8-1:9(value='>'), FormattedValue@1:9-1:12(value=Name@1:10-1:11(id='w'), conversion=-1)])), Constant@1:13-1:18(value=' by='), FormattedValue@1:15-1:19(value=Name@1:16-1:17(id='y'), conversion=114), Constant@1:21-1:24(value='c')]))"],
    ['f"{x = !s:>3}"', "Expr@1:0-1:14(value=JoinedStr@1:0-1:14(values=[Constant@1:3-1:7(value='x = '), FormattedValue@1:2-1:13(value=Name@1:3-1:4(id='x'), conversion=115, format_spec=JoinedStr@1:9-1:12(values=[Constant@1:10-1:12(value='>3')]))]))"],
    ['u"a" "b"', "Expr@1:0-1:8(value=Constant@1:0-1:8(value='ab', kind='u'))"],
    ['(x): int = 1', "AnnAssign@1:0-1:12(target=Name@1:1-1:2(id='x'), annotation=Name@1:5-1:8(id='int'), value=Constant@1:11-1:12(value=1), simple=0)"],
    ['with (a as b, c): pass', "With@1:0-1:22(items=[withitem(context_expr=Name@1:6-1:7(id='a'), optional_vars=Name@1:11-1:12(id='b')), withitem(context_expr=Name@1:14-1:15(id='c'))], body=[Pass@1:18-1:22()])"],
    ['def f[T: int = str, *Ts, **P](): pass', "FunctionDef@1:0-1:37(name='f', args=arguments(), body=[Pass@1:33-1:37()], type_params=[TypeVar@1:6-1:18(name='T', bound=Name@1:9-1:12(id='int'), default_value=Name@1:15-1:18(id='str')), TypeVarTuple@1:20-1:23(name='Ts'), ParamSpec@1:25-1:28(name='P')])"],
    ['import a.b as c, d', "Import@1:0-1:18(names=[alias@1:7-1:15(name='a.b', asname='c'), alias@1:17-1:18(name='d')])"],
    ['match x:\n  case -1+2j as z: pass', "Match@1:0-2:23(subject=Name@1:6-1:7(id='x'), cases=[match_case(pattern=MatchAs@2:7-2:17(pattern=MatchValue@2:7-2:12(value=BinOp@2:7-2:12(left=UnaryOp@2:7-2:9(op=USub(), operand=Constant@2:8-2:9(value=1)), op=Add(), right=Constant@2:10-2:12(value=2j))), name='z'), body=[Pass@2:19-2:23()])])"],
    ['if a: pass\nelif b: pass\nelse: pass', "If@1:0-3:10(test=Name@1:3-1:4(id='a'), body=[Pass@1:6-1:10()], orelse=[If@2:0-3:10(test=Name@2:5-2:6(id='b'), body=[Pass@2:8-2:12()], orelse=[Pass@3:6-3:10()])])"],
    ['x = "é" + f"{é}ü"', "Assign@1:0-1:20(targets=[Name@1:0-1:1(id='x')], value=BinOp@1:4-1:20(left=Constant@1:4-1:8(value='é'), op=Add(), right=JoinedStr@1:11-1:20(values=[FormattedValue@1:13-1:17(value=Name@1:14-1:16(id='é'), conversion=-1), Constant@1:17-1:19(value='ü')])))"],
    ['ﬁ = 0x_ff', "Assign@1:0-1:11(targets=[Name@1:0-1:3(id='fi')], value=Constant@1:6-1:11(value=255))"],
    ['async def f():\n    l = [x async for x in y]', "AsyncFunctionDef@1:0-2:28(name='f', args=arguments(), body=[Assign@2:4-2:28(targets=[Name@2:4-2:5(id='l')], value=ListComp@2:8-2:28(elt=Name@2:9-2:10(id='x'), generators=[comprehension(target=Name@2:21-2:22(id='x'), iter=Name@2:26-2:27(id='y'), is_async=1)]))])"],
  ];
  for (const [src, want] of cases) assert.equal(tree(src), want, src);
});

test('constant values: big ints, floats, complex, bytes, escapes', () => {
  const v = (src: string): A.ConstantValue => ((parse(src).module.body[0] as A.Expr).value as A.Constant).value;
  assert.equal(v('123456789012345678901234567890'), 123456789012345678901234567890n);
  assert.equal(v('9007199254740991'), 9007199254740991);
  assert.deepEqual(v('1_000.5e-3'), { kind: 'float', value: 1.0005 });
  assert.deepEqual(v('1.5J'), { kind: 'complex', real: 0, imag: 1.5 });
  assert.deepEqual(v('b"\\x00a" rb"\\n"'), { kind: 'bytes', bytes: Uint8Array.from([0, 97, 92, 110]) });
  assert.equal(v('"\\N{BULLET}\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{HANGUL SYLLABLE GA}\\t\\101"'), '\u2022\u4e00\uac00\tA');
  assert.equal(v('"\\N{LINE FEED}\\N{nbsp}\\N{latin small letter a}"'), '\n\u00a0a');
  assert.equal(parse('"\\N{NO SUCH NAME}"').errors[0].lineno, 1);
  assert.equal(v("'''a\r\nb'''"), 'a\nb');
  assert.equal(v('...'), (v('...')));
});

test('syntax errors are reported at the line CPython 3.13 reports', () => {
  const cases: Array<[string, number, string]> = [
    ['x = 1\ndef f(:\n    pass\ny = 2\n', 2, 'invalid syntax'],
    ['class A:\n    def f(self):\n        return 1 +\n    def g(self):\n        pass\n', 3, 'invalid syntax'],
    ['if x:\n  a\n b\n', 3, 'unindent does not match any outer indentation level'],
    ['x = (1,\n', 1, "'(' was never closed"],
    ['def f():\n  x = 1\n\ty = 2\n', 3, 'inconsistent use of tabs and spaces in indentation'],
    ['foo(\nx = = 1\n', 1, "'(' was never closed"],
    ['if x\n    pass\n', 1, "expected ':'"],
    ['x = "abc\n', 1, 'unterminated string literal (detected at line 1)'],
    ['x = 0777\n', 1, 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    ['f(**a, *b)\n', 1, 'iterable argument unpacking follows keyword argument unpacking'],
    ['def f():\nreturn 1\n', 2, "expected an indented block after function definition on line 1"],
    ['x = 1\n  y = 2\n', 2, 'unexpected indent'],
    ['try:\n    pass\n', 2, "expected 'except' or 'finally' block"],
    ['f"{x:{y:{z:{w}}}}"\n', 1, 'f-string: expressions nested too deeply'],
    ['if x:\n', 1, "expected an indented block after 'if' statement on line 1"],
    ['try:\n  pass\n# c\n\nx = 1\n', 5, "expected 'except' or 'finally' block"],
    ['f(a,\n  b\n  c)\n', 2, 'invalid syntax. Perhaps you forgot a comma?'],
    ['f(a=1,\n  b,\n  c=2\n)\n', 4, 'positional argument follows keyword argument'],
    ['x = (a if\n  b)\n', 1, "expected 'else' after 'if' expression"],
    ['x = $\ny = "\n', 2, 'unterminated string literal (detected at line 2)'],
    ['x = )\ny = "\n', 1, "unmatched ')'"],
    ['x = $\n\n  y\n', 1, 'invalid syntax'],
    ['class A:\n    x = 1\n\\\n    y = 2\n', 0, ''],
  ];
  for (const [src, line, message] of cases) {
    const r = parse(src);
    if (line === 0) { assert.deepEqual(r.errors, [], JSON.stringify(src)); continue; }
    assert.ok(r.errors.length > 0, `no error for ${JSON.stringify(src)}`);
    assert.equal(r.errors[0].lineno, line, JSON.stringify(src));
    assert.equal(r.errors[0].message, message, JSON.stringify(src));
  }
});

test('recovery keeps the statements around a broken one and marks the broken region', () => {
  const r = parse('import os\ndef f(x y):\n    return 1\nx = 2\nclass C:\n    y = = 1\n    z = 3\n');
  assert.equal(r.errors[0].lineno, 2);
  assert.deepEqual(r.errors[0].brokenRegion, { startLine: 2, endLine: 3 });
  const kinds = r.module.body.map((s) => s._type);
  assert.deepEqual(kinds, ['Import', 'Assign', 'ClassDef']);
  assert.equal(r.errors[1].lineno, 6);
  assert.deepEqual((r.module.body[2] as A.ClassDef).body.map((s) => s._type), ['Assign']);
  const inner = parse('class C:\n    def f(self):\n        return 1 +\n    def g(self):\n        pass\n');
  const cls = inner.module.body[0] as A.ClassDef;
  assert.equal(cls._type, 'ClassDef');
  // f keeps its header (its broken body is empty), g is intact
  assert.deepEqual(cls.body.map((s) => (s as A.FunctionDef).name), ['f', 'g']);
  assert.equal((cls.body[1] as A.FunctionDef).body[0]._type, 'Pass');
});

test('recovery also works after tokenizer errors (strings, numbers, characters, indentation)', () => {
  const cases: Array<[string, number, string[]]> = [
    ['x = 1\ny = "abc\nz = 3\n', 2, ['Assign', 'Assign']],
    ['x = 1\ny = 0777\nz = 3\n', 2, ['Assign', 'Assign']],
    ['x = 1\ny = a € b\nz = 3\n', 2, ['Assign', 'Assign']],
    ['def f():\n    a = 1\n   b = 2\n    c = 3\nd = 4\n', 3, ['FunctionDef', 'Assign']],
    ['if x:\n\ty = 1\n        z = 2\nw = 3\n', 3, ['If', 'Assign']],
  ];
  for (const [src, line, kinds] of cases) {
    const r = parse(src);
    assert.equal(r.errors[0].lineno, line, JSON.stringify(src));
    assert.deepEqual(r.module.body.map((s) => s._type), kinds, JSON.stringify(src));
  }
  const f = parse('def f():\n    a = 1\n   b = 2\n    c = 3\n').module.body[0] as A.FunctionDef;
  assert.equal(f.body.length, 2);
});

test('an unclosed bracket does not swallow the rest of the file', () => {
  const r = parse('import os\nx = foo(1,\n\ndef f():\n    return 2\n\nclass C:\n    pass\n');
  assert.equal(r.errors[0].message, "'(' was never closed");
  assert.equal(r.errors[0].lineno, 2);
  assert.deepEqual(r.errors[0].brokenRegion, { startLine: 2, endLine: 2 });
  assert.deepEqual(r.module.body.map((s) => s._type), ['Import', 'FunctionDef', 'ClassDef']);
  // a closing bracket further down is still found: nothing is repaired in valid code
  assert.deepEqual(parse('x = foo(1,\n  2,\n)\ndef f(): pass\n').errors, []);
});

test('comments are captured with exact positions', () => {
  const r = parse('x = 1  # one\n# só\nif x:  # é\n    pass\n');
  assert.deepEqual(r.comments, [
    { text: '# one', lineno: 1, col_offset: 7, end_col_offset: 12 },
    { text: '# só', lineno: 2, col_offset: 0, end_col_offset: 5 },
    { text: '# é', lineno: 3, col_offset: 7, end_col_offset: 11 },
  ]);
});

test('line index maps byte columns and returns node text', () => {
  const src = '\ufeffs = "日本"; t = é(1)\r\nu = 2\n';
  const r = parse(src);
  assert.deepEqual(r.errors, []);
  const [s, t] = r.module.body as A.Assign[];
  assert.equal(r.lines.textOf(s.value), '"日本"');
  assert.equal(r.lines.textOf(t.value), 'é(1)');
  assert.equal(r.lines.textOf(r.module.body[2]), 'u = 2');
  assert.deepEqual(r.lines.positionOf(src.indexOf('é')), { lineno: 1, col_offset: 18 });
  assert.equal(t.value.col_offset, 18);
});

test('deep nesting gives an error, never a stack overflow', () => {
  const parens = parse('x = ' + '('.repeat(10000) + '1' + ')'.repeat(10000));
  assert.equal(parens.errors[0].message, 'too many nested parentheses');
  for (const src of ['-'.repeat(100000) + 'x', 'not '.repeat(50000) + 'x', 'x' + '**x'.repeat(50000), 'lambda:'.repeat(50000) + 'x',
    '[' .repeat(190) + ']'.repeat(190) + '\n' + 'x = ' + 'f(' .repeat(190) + ')'.repeat(190), 'if x:\n' + ' '.repeat(8) + 'pass\n']) {
    const r = parse(src);
    assert.ok(Array.isArray(r.errors));
  }
  assert.ok(parse('-'.repeat(100000) + 'x').errors.length > 0);
  assert.equal(parse('-'.repeat(1000) + 'x').errors.length, 0);
});

test('a 5 MB generated file parses completely', () => {
  const unit = 'def f_N(a, b=1, *c, **d):\n    """doc"""\n    x = [i * 2 for i in range(a) if i % 3]  # comment\n    return {k: v for k, v in d.items()}, f"{a!r:>{b}}"\n\n';
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < 5_000_000; n++) { const u = unit.replace('N', String(n)); parts.push(u); size += u.length; }
  const r = parse(parts.join(''));
  assert.deepEqual(r.errors, []);
  assert.equal(r.module.body.length, parts.length);
  assert.equal(r.comments.length, parts.length);
});

test('target version: newer syntax is reported with requiresVersion, and the tree is kept', () => {
  const src = 'match x:\n    case 1: pass\n';
  assert.deepEqual(parse(src).errors, []);
  const r = parse(src, { targetVersion: { major: 3, minor: 9 } });
  assert.equal(r.module.body[0]._type, 'Match');
  assert.equal(r.errors.length, 1);
  assert.deepEqual(r.errors[0].requiresVersion, { major: 3, minor: 10 });
  assert.equal(r.errors[0].message, 'match statement requires Python 3.10 or newer (target is 3.9)');
  assert.deepEqual(parse(src, { targetVersion: { major: 3, minor: 10 } }).errors, []);
  const cases: Array<[string, number]> = [
    ['try:\n    pass\nexcept* E:\n    pass\n', 11], ['type X = int\n', 12], ['def f[T](): pass\n', 12], ['f"{"a"}"\n', 12],
    ['with (a as b): pass\n', 9], ['(x := 1)\n', 8], ['def f(a, /): pass\n', 8], ['def f[T = int](): pass\n', 13],
    ['f"{x!r:{"a"}}"\n', 12], ['f"{a # c\n}"\n', 12], ['x[*a]\n', 11], ['def f(): return *a, b\n', 8],
  ];
  for (const [code, minor] of cases) {
    const errs = parse(code, { targetVersion: { major: 3, minor: minor - 1 } }).errors;
    assert.ok(errs.length > 0 && errs[0].requiresVersion?.minor === minor, `${JSON.stringify(code)} should need 3.${minor}: ${JSON.stringify(errs)}`);
    assert.deepEqual(parse(code, { targetVersion: { major: 3, minor } }).errors, [], code);
  }
});

/** A deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stdlibDir(): string | null {
  try {
    return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

test('never throws on mutated real code', () => {
  const dir = stdlibDir();
  const files = ['ast.py', 'argparse.py', 'dataclasses.py', 'typing.py', 'string.py'];
  const texts = dir ? files.map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8').slice(0, 20000)) : [];
  if (texts.length === 0) texts.push('def f(a, *b, **c):\n    return [x for x in a if x]  # c\nclass C(B):\n    x: int = f"{a!r}"\n');
  const rand = rng(12345);
  const junk = ['(', ')', '[', ']', '{', '}', ':', '"', "'", '"""', 'f"{', '\\', '\n', '\t', ' ', '#', '=', '*', '**', 'lambda', 'def', 'match', 'case', 'é', '\r', '\x0c', '0x', '1e', '@', '->', ':='];
  for (let n = 0; n < 300; n++) {
    let s = texts[n % texts.length];
    const edits = 1 + Math.floor(rand() * 5);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * s.length);
      const what = rand();
      if (what < 0.4) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 20));
      else if (what < 0.8) s = s.slice(0, at) + junk[Math.floor(rand() * junk.length)] + s.slice(at);
      else { const b = Math.floor(rand() * s.length); s = s.slice(0, at) + s.slice(b, b + 40) + s.slice(at); }
    }
    const r = parse(s);
    assert.ok(Array.isArray(r.errors));
    for (const err of r.errors) assert.ok(!err.message.startsWith('internal parser error'), `${err.message} on mutation ${n}`);
  }
});

test('counts physical lines while tokenizing, as people count them', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['x = 1', 1],
    ['x = 1\n', 1],
    ['x = 1\n\n', 2],
    ['x = 1\r\ny = 2\r\n', 2],
    ['# only a comment', 1],
    ['def f(\n    a,\n', 2], // unclosed bracket: counted without the tokenizer's help
    ['"""never\nclosed\n', 2],
  ];
  for (const [source, lines] of cases) assert.equal(parse(source).lineCount, lines, JSON.stringify(source));
});

test('index: false builds the same tree and lists nothing', () => {
  const source = 'import os\nfor x in f(y):\n    z = [g(a) for a in x]\n    obj.items.append(z)\n';
  const indexed = parse(source);
  const bare = parse(source, { index: false });
  assert.equal(show(bare.module), show(indexed.module));
  assert.equal(bare.index, undefined);
  // as built: the nodes inside a node before it
  assert.deepEqual(indexed.index!.listed.nodes.map((n) => n._type), ['Import', 'Call', 'Call', 'comprehension', 'ListComp', 'Assign', 'Call', 'For']);
});
