// The per-file pipeline: findings with exact positions, syntax errors reported once, broken regions
// not linted, a crashing rule contained, one walk dispatching by node kind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from './check-source.js';
import { callKey, defineRule, type AnyRule } from '../rules/types.js';
import hs108 from '../rules/complexity/sorted-then-indexed.js';

const probe = (name: string, create: AnyRule['create']): AnyRule =>
  ({ ...hs108, code: 'HS199', name, message: (d: { text: string }) => d.text, create }) as AnyRule;

describe('checkSource', () => {
  it('reports positions as 1-based lines, character columns, byte columns and offsets', () => {
    const text = 'é = 1\ns = "日本"; x = sorted(s)[0]\n';
    const [f] = checkSource(text, { select: ['HS108'] }).findings;
    assert.ok(f);
    assert.equal(f.range.start.line, 2);
    assert.equal(f.range.start.column, 15); // characters: `s = "日本"; x = ` is 14 characters
    assert.equal(f.range.start.byteColumn, 18); // bytes: each CJK character is 3 bytes
    assert.equal(text.slice(f.range.start.offset, f.range.end.offset), 'sorted(s)[0]');
    assert.equal(f.url, 'docs/rules/HS108.md');
    assert.deepEqual(f.fix?.edits[0]?.range?.start, f.range.start);
  });

  it('reports each syntax error once with its line and still lints the intact part', () => {
    const text = 'x = sorted(a)[0]\n\ndef broken(:\n    pass\n';
    const result = checkSource(text, { select: ['HS108'] });
    assert.equal(result.syntaxErrors.length, 1);
    assert.equal(result.syntaxErrors[0]!.range.start.line, 3);
    assert.deepEqual(result.findings.map((f) => f.range.start.line), [1]);
  });

  it('contains a crashing rule: an internal error for that rule, other rules still report', () => {
    const crashing = probe('crashing-probe', () => ({
      Name() {
        throw new Error('boom');
      },
    }));
    const result = checkSource('y = sorted(a)[0]\n', { rules: [crashing, hs108] });
    assert.deepEqual(result.findings.map((f) => f.code), ['HS108']);
    assert.equal(result.internalErrors.length, 1);
    assert.equal(result.internalErrors[0]!.rule, 'HS199');
    assert.match(result.internalErrors[0]!.message, /boom/);
  });

  it('walks trees nested deeper than the call stack', () => {
    const seen: number[] = [];
    const counter = probe('depth-probe', () => ({ Constant: () => void seen.push(1) }));
    const deep = `x = ${Array.from({ length: 30000 }, () => '1').join(' + ')}\n`;
    const result = checkSource(deep, { rules: [counter] });
    assert.deepEqual(result.internalErrors, []);
    assert.equal(seen.length, 30000);
  });

  it('walks once, calling enter handlers before children and exit handlers after', () => {
    const order: string[] = [];
    const tracer = probe('tracer-probe', () => ({
      FunctionDef: (n) => order.push(`enter ${n.name}`),
      'FunctionDef:exit': (n) => order.push(`exit ${n.name}`),
      Call: (n) => order.push(`call ${n.func._type === 'Name' ? n.func.id : '?'}`),
      'Module:exit': () => order.push('end'),
    }));
    checkSource('def outer():\n    f()\n    def inner():\n        g()\n', { rules: [tracer] });
    assert.deepEqual(order, ['enter outer', 'call f', 'enter inner', 'call g', 'exit inner', 'exit outer', 'end']);
  });

  it('runs handlers of kinds the parser does not list too (by walking the tree), in the same order', () => {
    const order: string[] = [];
    const mixed = probe('mixed-probe', () => ({
      Lambda: () => order.push('lambda'),
      Call: (n) => order.push(`call ${n.func._type === 'Name' ? n.func.id : '?'}`),
      For: () => order.push('for'),
    }));
    checkSource('for x in f():\n    g(lambda: h())\n', { rules: [mixed] });
    assert.deepEqual(order, ['for', 'call f', 'call g', 'lambda', 'call h']);
  });

  it('hands rules the source text of nodes and the target version', () => {
    const seen: string[] = [];
    const reader = probe('reader-probe', (ctx) => ({
      Call: (n) => {
        seen.push(`${ctx.textOf(n)} @3.${ctx.targetVersion.minor}`);
        ctx.report(n, { text: 'seen' });
      },
    }));
    const result = checkSource('print( "ü" )\n', { rules: [reader], targetVersion: { major: 3, minor: 10 } });
    assert.deepEqual(seen, ['print( "ü" ) @3.10']);
    assert.equal(result.findings[0]!.message, 'seen');
  });

  it('lets rules use context functions detached from the context', () => {
    const detached = probe('detached-probe', (ctx) => {
      const { report, textOf, offsetAt } = ctx;
      return { Call: (n) => report(n, { text: `${textOf(n)}@${offsetAt(n.lineno, n.col_offset)}` }) };
    });
    assert.deepEqual(checkSource('x = f(1)\n', { rules: [detached] }).findings.map((f) => f.message), ['f(1)@4']);
  });

  it('is pure: the same input gives the same output', () => {
    const text = 'a = sorted(x)[0]\nb = sorted(y)[-1]\n';
    assert.deepEqual(checkSource(text), checkSource(text));
  });

  it('runs a `Call(name)` handler only on calls of that name, plain or as a method, after the `Call` handlers', () => {
    const seen: string[] = [];
    const rule = probe('call-name-probe', (ctx) => ({
      Call(node) {
        seen.push(`any:${ctx.textOf(node)}`);
      },
      [callKey(['pop', 'len'])]: (node) => {
        seen.push(`named:${ctx.textOf(node)}`);
      },
      'Call(insert)': (node) => {
        seen.push(`insert:${ctx.textOf(node)}`);
      },
    }));
    checkSource('a.pop(0)\nlen(a)\nb.len\nf(pop)\nc.d.pop()\nx.insert(0, 1)\n', { rules: [rule] });
    assert.deepEqual(seen, ['any:a.pop(0)', 'named:a.pop(0)', 'any:len(a)', 'named:len(a)', 'any:f(pop)', 'any:c.d.pop()', 'named:c.d.pop()', 'any:x.insert(0, 1)', 'insert:x.insert(0, 1)']);
  });

  it('makes `Call(a|b)` keys that keep their literal type', () => {
    const key: 'Call(pop|len)' = callKey(['pop', 'len']);
    assert.equal(key, 'Call(pop|len)');
  });

  it('defineRule keeps the rule as given', () => {
    assert.equal(defineRule(hs108), hs108);
  });
});
