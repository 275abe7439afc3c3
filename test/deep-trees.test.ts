// Valid Python nested as deep as CPython 3.13 accepts is parsed, analysed, printed and ranked
// without overflowing the JS stack; one level deeper it is refused as CPython refuses it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from '../src/parse/index.js';
import { callSitesOf } from '../src/rank/call-sites.js';
import { codeUnitsOf } from '../src/rank/code-units.js';
import { packageFile } from '../src/util/package-root.js';

const CLI = packageFile('dist', 'src', 'cli', 'main.js');
const CPYTHON_313 = '/root/.pyenv/versions/3.13.0/bin/python3';

interface Construct {
  /** Source nested `n` levels deep. */
  source(n: number): string;
  /** The deepest nesting CPython 3.13's ast.parse accepts (measured with 3.13.0). */
  max: number;
  /** How CPython 3.13 refuses one level more: RecursionError or MemoryError, both without a line. */
  refusal: RegExp;
}

const TOO_DEEP = /too deeply nested: maximum recursion depth exceeded during ast construction/;
const TOO_COMPLEX = /too many nested expressions \(source too complex to parse\)/;

const CONSTRUCTS: Record<string, Construct> = {
  'chained +': { source: (n) => `x = ${Array(n + 1).fill('a').join('+')}\n`, max: 9994, refusal: TOO_DEEP },
  'attribute chain': { source: (n) => `x = a${'.b'.repeat(n)}\n`, max: 9994, refusal: TOO_DEEP },
  'call chain': { source: (n) => `x = f${'()'.repeat(n)}\n`, max: 9994, refusal: TOO_DEEP },
  'subscript chain': { source: (n) => `x = f${'[0]'.repeat(n)}\n`, max: 9994, refusal: TOO_DEEP },
  'chained + in a loop in a method': {
    source: (n) => `class C:\n    def f(self, y):\n        for i in y:\n            self.x = self.x + [${Array(n + 1).fill('i').join('+')}]\n`,
    max: 9989,
    refusal: TOO_DEEP,
  },
  'unary minus': { source: (n) => `x = ${'-'.repeat(n)}a\n`, max: 5967, refusal: TOO_COMPLEX },
  'not': { source: (n) => `x = ${'not '.repeat(n)}a\n`, max: 5967, refusal: TOO_COMPLEX },
  'conditional expressions': { source: (n) => `x = ${'a if b else '.repeat(n)}a\n`, max: 5967, refusal: TOO_COMPLEX },
  'power chain': { source: (n) => `x = a${'**a'.repeat(n)}\n`, max: 2983, refusal: TOO_COMPLEX },
  'nested lambdas': { source: (n) => `x = ${'lambda: '.repeat(n)}a\n`, max: 2983, refusal: TOO_COMPLEX },
};

let dir = '';
const file = (name: string, depth: 'max' | 'over'): string => path.join(dir, depth, `${name.replace(/\W+/g, '_')}.py`);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-deep-'));
  fs.mkdirSync(path.join(dir, 'max'));
  fs.mkdirSync(path.join(dir, 'over'));
  for (const [name, c] of Object.entries(CONSTRUCTS)) {
    fs.writeFileSync(file(name, 'max'), c.source(c.max));
    fs.writeFileSync(file(name, 'over'), c.source(c.max + 1));
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('deep trees', () => {
  it('the depths used here are still where CPython 3.13 draws the line (when it is installed)', (t) => {
    if (!fs.existsSync(CPYTHON_313)) return t.skip('no CPython 3.13 here');
    const script = [
      'import ast, sys, json',
      'out = {}',
      'for p in sys.argv[1:]:',
      '    try:',
      '        ast.parse(open(p).read()); out[p] = "ok"',
      '    except (SyntaxError, RecursionError, MemoryError) as e:',
      '        out[p] = type(e).__name__',
      'print(json.dumps(out))',
    ].join('\n');
    const names = Object.keys(CONSTRUCTS);
    const files = names.flatMap((n) => [file(n, 'max'), file(n, 'over')]);
    const run = spawnSync(CPYTHON_313, ['-c', script, ...files], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const verdicts = JSON.parse(run.stdout) as Record<string, string>;
    for (const n of names) {
      assert.equal(verdicts[file(n, 'max')], 'ok', `CPython accepts ${n} at ${CONSTRUCTS[n]!.max}`);
      assert.notEqual(verdicts[file(n, 'over')], 'ok', `CPython refuses ${n} at ${CONSTRUCTS[n]!.max + 1}`);
    }
  });

  it('hotspy check analyses every construct at CPython\'s maximum depth, with no internal error', () => {
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-measure', '--jobs', '1', path.join(dir, 'max')], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /internal error/);
    const findings = JSON.parse(run.stdout) as { name: string; filename: string; message: string }[];
    const syntax = findings.filter((f) => f.name === 'syntax-error');
    assert.deepEqual(syntax, [], 'every file parses');
  });

  it('hotspy ast prints each construct at CPython\'s maximum depth', () => {
    for (const name of Object.keys(CONSTRUCTS)) {
      const out = path.join(dir, 'ast.json');
      const fd = fs.openSync(out, 'w');
      const run = spawnSync(process.execPath, [CLI, 'ast', '--compact', file(name, 'max')], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      fs.closeSync(fd);
      assert.equal(run.status, 0, `${name}: ${run.stderr}`);
      const tree = JSON.parse(fs.readFileSync(out, 'utf8')) as { _type: string; body: unknown[] };
      assert.equal(tree._type, 'Module', name);
      assert.ok(tree.body.length >= 1, name);
    }
  });

  it('one level deeper, hotspy check refuses each construct on line 1 (CPython\'s errors carry no line)', () => {
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-measure', '--jobs', '1', path.join(dir, 'over')], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    assert.doesNotMatch(run.stderr, /internal error/);
    const findings = JSON.parse(run.stdout) as { name: string; filename: string; message: string; location: { row: number } }[];
    for (const [name, c] of Object.entries(CONSTRUCTS)) {
      const refusal = findings.find((f) => f.filename === file(name, 'over') && f.name === 'syntax-error');
      assert.ok(refusal, `${name} is refused`);
      assert.match(refusal.message, c.refusal, name);
      // the nesting starts on the construct's last line: that is where the error sits
      const lastLine = c.source(c.max + 1).trimEnd().split('\n').length;
      assert.equal(refusal.location.row, lastLine, name);
    }
  });

  it('the parser survives a million levels of every construct without overflowing the JS stack', () => {
    const million = 1_000_000;
    for (const [name, c] of Object.entries(CONSTRUCTS)) {
      const result = parse(c.source(million));
      assert.ok(result.errors.length > 0, name);
      assert.match(result.errors[0]!.message, c.refusal, name);
    }
  });

  it('every rule copes with CPython-deep expressions where rules look (calls, loops, comprehensions): no internal error', () => {
    const chain = Array(9981).fill('i').join('+');
    const attr = 'a' + '.b'.repeat(9981);
    const body = [
      `p = re.compile("x" + ${chain})`, `s = "%s" % (${chain})`, `s2 = "{}".format(${chain})`, `j = json.dumps(${chain})`,
      `c = copy.deepcopy(${attr})`, `v = ${attr}`, `if (${chain}) in seen: pass`, `seen.append(${chain})`, `total += ${chain}`,
      `out = out + [${chain}]`, `for r in list(${attr}): pass`, `t = threading.Thread(target=lambda: ${chain})`,
    ];
    const source = [
      'import re, json, copy, threading',
      'import numpy as np',
      'def g(rows, df, seen, out, total):',
      '    for i in range(len(rows)):',
      ...body.map((line) => `        ${line}`),
      '    for idx, row in df.iterrows():',
      `        total += row["a"] * (${chain})`,
      '    for x in np.arange(10):',
      `        total += x * (${chain})`,
      `    return [${chain} for i in rows]`,
    ].join('\n') + '\n';
    const target = path.join(dir, 'rules.py');
    fs.writeFileSync(target, source);
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-measure', '--jobs', '1', target], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr.slice(0, 500)}`);
    assert.doesNotMatch(run.stderr, /internal error/);
    const findings = JSON.parse(run.stdout) as { name: string }[];
    assert.ok(findings.length > 0 && !findings.some((f) => f.name === 'syntax-error'));
  });

  it('an elif chain as long as CPython 3.13 accepts (5,962) parses; a far longer one is refused without a stack overflow', () => {
    const chain = (n: number) => 'if a:\n    pass\n' + 'elif a:\n    pass\n'.repeat(n);
    assert.deepEqual(parse(chain(5962)).errors, []);
    const refused = parse(chain(20_000)).errors;
    assert.ok(refused.length > 0);
    assert.match(refused[0]!.message, TOO_COMPLEX);
  });

  it('code units of a deep file: the lambdas and the method, in source order', () => {
    const depth = 2980;
    const source = `def f():\n    return ${'lambda: '.repeat(depth)}a${'+a'.repeat(5000)}\n`;
    const { module, errors } = parse(source);
    assert.deepEqual(errors, []);
    const units = codeUnitsOf(module);
    assert.equal(units.length, 2 + depth);
    assert.equal(units[1]!.qualname, 'f');
    assert.equal(units.at(-1)!.qualname, `f.<locals>${'.<lambda>.<locals>'.repeat(depth - 1)}.<lambda>`);
  });

  it('call sites of a call chain as deep as CPython accepts: the innermost call names the callee', () => {
    const { module, errors } = parse(CONSTRUCTS['call chain']!.source(9994));
    assert.deepEqual(errors, []);
    assert.deepEqual([...callSitesOf(module)], [['1:4', 'f']]);
  });
});
