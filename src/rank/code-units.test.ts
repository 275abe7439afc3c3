// Code units against CPython itself: for each installed Python, the code objects the compiler
// makes (name, first line, qualified name, instruction lines) and the frames cProfile records
// for a file full of decorators, classes, lambdas, comprehensions and async defs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { packageFile } from '../util/package-root.js';
import { parse } from '../parse/index.js';
import { codeUnitsOf, innermostLoopAt, innermostUnitAt, type CodeUnit } from './code-units.js';
import { unitForFrame } from './match.js';

const ORACLE = packageFile('src', 'rank', 'fixtures', 'code_objects.py');
const SAMPLE = packageFile('src', 'rank', 'fixtures', 'units_sample.py');
const SAMPLE_312 = packageFile('src', 'rank', 'fixtures', 'units_sample_312.py');
const PYTHONS = ['3.8.18', '3.11.7', '3.12.1', '3.13.0'].map((v) => `/root/.pyenv/versions/${v}/bin/python3`);

interface OracleCode {
  name: string;
  line: number;
  qualname: string | null;
  lines: [number, number] | null;
}
interface Oracle {
  version: [number, number];
  code: OracleCode[];
  frames: Array<{ line: number; name: string }>;
}

function unitsOf(file: string): CodeUnit[] {
  return codeUnitsOf(parse(fs.readFileSync(file, 'utf8'), { filename: file }).module);
}

const key = (name: string, line: number, qualname: string | null) => `${line} ${name} ${qualname ?? ''}`;

describe('code units match the code objects CPython makes', { concurrency: 2 }, () => {
  const units = unitsOf(SAMPLE);
  const available = PYTHONS.filter((p) => fs.existsSync(p));
  it('has at least one Python to compare with', () => assert.ok(available.length > 0, `none of ${PYTHONS.join(', ')}`));

  const cases = available.flatMap((python) => {
    const minor = Number(python.split('/')[4]!.split('.')[1]);
    return [{ python, file: SAMPLE }, ...(minor >= 12 ? [{ python, file: SAMPLE_312 }] : [])];
  });
  for (const { python, file } of cases) {
    it(`${file.split('/').pop()}: same (name, first line, qualname) as ${python.split('/')[4]}, and every cProfile frame maps to its unit`, () => {
      const units = unitsOf(file);
      const oracle = JSON.parse(execFileSync(python, [ORACLE, file], { encoding: 'utf8', timeout: 60_000 })) as Oracle;
      const [, minor] = oracle.version;
      const hasQualname = minor >= 11;
      // From 3.12, list/set/dict comprehensions are inlined (PEP 709): no code object, no frame.
      const expected = units.filter((u) => !(minor >= 12 && u.inlinedSince312));
      const qualnameOf = (u: CodeUnit) => (!hasQualname ? null : minor >= 12 ? u.qualname312 : u.qualname);
      const ours = expected.map((u) => key(u.name, u.firstLine, qualnameOf(u))).sort();
      const theirs = oracle.code.map((c) => key(c.name, c.line, c.qualname)).sort();
      assert.deepEqual(ours, theirs);

      // Each code object's instructions lie within the span of the unit of that name and line
      // (PEP 695's hidden generic scopes have no source of their own: their span is empty).
      for (const c of oracle.code) {
        if (!c.lines || c.name === '<module>' || c.name.startsWith('<generic parameters of ')) continue;
        const candidates = expected.filter((u) => u.name === c.name && u.firstLine === c.line && qualnameOf(u) === c.qualname);
        assert.ok(
          candidates.some((u) => u.startLine <= c.lines![0] && c.lines![1] <= u.endLine),
          `${c.qualname ?? c.name}@${c.line}: instructions on lines ${c.lines.join('-')} outside ${candidates.map((u) => `${u.startLine}-${u.endLine}`).join(', ')}`,
        );
      }

      assert.ok(oracle.frames.length >= 15, `only ${oracle.frames.length} frames recorded`);
      for (const f of oracle.frames) {
        const unit = unitForFrame(units, { name: f.name, file, line: f.line, kind: 'python' });
        assert.ok(unit, `frame ${f.name}@${f.line} matched no unit`);
        assert.equal(unit.name, f.name);
        assert.equal(unit.firstLine, f.line, `frame ${f.name}@${f.line} matched ${unit.qualname}@${unit.firstLine}`);
        if (minor >= 12) assert.ok(!unit.inlinedSince312, `${f.name}@${f.line}: a frame for a comprehension inlined since 3.12`);
      }
    });
  }

  it('the module frame is the module, whatever first line 3.8/3.9 recorded (the first statement, after comments)', () => {
    const withHeader = codeUnitsOf(parse('# licence\n# more\n\nimport os\n\n\ndef f():\n    pass\n').module);
    assert.equal(unitForFrame(withHeader, { name: '<module>', file: 'x.py', line: 4, kind: 'python' })?.kind, 'module');
    // Nothing of a generic's hidden scope is a position a finding can be at.
    const generic = codeUnitsOf(parse('def f[T](x: T) -> T:\n    return x\n').module);
    assert.equal(innermostUnitAt(generic, 1, 0).name, 'f');
    assert.equal(innermostUnitAt(generic, 2, 4).name, 'f');
  });

  it('qualified names (Austin on 3.11+) pick the right same-named method', () => {
    const square = unitForFrame(units, { name: 'Square.area', file: SAMPLE, line: 0, kind: 'python' });
    assert.equal(square?.qualname, 'Square.area');
    const inner = unitForFrame(units, { name: 'Shape.Inner.area', file: SAMPLE, line: 0, kind: 'python' });
    assert.equal(inner?.qualname, 'Shape.Inner.area');
    // A bare name shared by three methods, with no line to tell them apart, matches none.
    assert.equal(unitForFrame(units, { name: 'area', file: SAMPLE, line: 0, kind: 'python' }), undefined);
    // 3.12+ leaves the inlined list comprehension out of the genexpr's qualified name.
    const genexpr = unitForFrame(units, { name: 'comp_holding_others.<locals>.<genexpr>', file: SAMPLE, line: 0, kind: 'python' });
    assert.equal(genexpr?.qualname, 'comp_holding_others.<locals>.<listcomp>.<genexpr>');
  });
});

describe('positions inside units', () => {
  const source = [
    'def f(xs):', //                                    1
    '    total = 0', //                                 2
    '    for x in xs:', //                              3
    '        while x:', //                              4
    '            x -= 1', //                            5
    '        total += sum(y for y in range(x))', //     6
    '    g = lambda a: a + 1', //                       7
    '    return total', //                              8
    '', //                                              9
    '@property', //                                     10
    'def h():', //                                      11
    '    pass', //                                      12
  ].join('\n');
  const units = codeUnitsOf(parse(source).module);
  const byName = (name: string) => units.find((u) => u.name === name)!;

  it('finds the innermost unit by line and byte column', () => {
    assert.equal(innermostUnitAt(units, 2).name, 'f');
    assert.equal(innermostUnitAt(units, 6, 8).name, 'f');
    assert.equal(innermostUnitAt(units, 6, 25).name, '<genexpr>');
    assert.equal(innermostUnitAt(units, 7, 12).name, '<lambda>');
    assert.equal(innermostUnitAt(units, 7, 4).name, 'f');
    assert.equal(innermostUnitAt(units, 9).name, '<module>');
    assert.equal(innermostUnitAt(units, 10).name, 'h', 'the decorator line belongs to the function');
  });

  it('records loops in their own unit, innermost loop by line', () => {
    const f = byName('f');
    assert.deepEqual(f.loops, [
      { startLine: 3, endLine: 6 },
      { startLine: 4, endLine: 5 },
    ]);
    assert.deepEqual(innermostLoopAt(f, 5), { startLine: 4, endLine: 5 });
    assert.deepEqual(innermostLoopAt(f, 6), { startLine: 3, endLine: 6 });
    assert.equal(innermostLoopAt(f, 8), undefined);
    assert.deepEqual(byName('<genexpr>').loops, []);
    assert.equal(byName('h').firstLine, 10);
    assert.equal(byName('h').defLine, 11);
  });
});
