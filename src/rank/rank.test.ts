// Ranking with small synthetic profiles of a real check's findings: heat order, not-executed
// findings last, cold micro findings hidden and counted, `hotOnly`/`all`/`minCost`, the class
// statement costed by its `__init__`, and loop costs from stacks (each stack counted once).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../analyze/check-source.js';
import { parse } from '../parse/index.js';
import { FunctionTableBuilder, SampleProfileBuilder } from '../profile/builders.js';
import type { Profile } from '../profile/model.js';
import { ALL_RULES } from '../rules/registry.js';
import { codeUnitsOf } from './code-units.js';
import { callSitesOf, frameNamesCallee } from './call-sites.js';
import type { IndexedFile } from './match.js';
import { rankFindings } from './rank.js';

const FILE = 'proj/app.py';
const SOURCE = [
  'class Point:', //                          1  HS201 (instantiated in make's loop)
  '    def __init__(self, x):', //            2
  '        self.x = x', //                    3
  '', //                                      4
  '', //                                      5
  'def dedupe(items):', //                    6
  '    seen = []', //                         7
  '    for item in items:', //                8
  '        if item in seen:', //              9  HS101
  '            continue', //                  10
  '        seen.append(item)', //             11
  '    return seen', //                       12
  '', //                                      13
  '', //                                      14
  'def make(n):', //                          15
  '    out = []', //                          16
  '    for i in range(n):', //                17
  '        out.append(Point(i))', //          18 HS507 (micro)
  '    return out', //                        19
  '', //                                      20
  '', //                                      21
  'def cold_build(n):', //                    22
  '    out = []', //                          23
  '    for i in range(n):', //                24
  '        out.append(i * 2)', //             25 HS507 (micro, cold)
  '    return out', //                        26
  '', //                                      27
  '', //                                      28
  'def never(xs):', //                        29
  '    return sorted(xs)[0]', //              30 HS108 (never run)
  '', //                                      31
  '', //                                      32
  'def never_micro(n):', //                   33
  '    out = []', //                          34
  '    for i in range(n):', //                35
  '        out.append(i)', //                 36 HS507 (micro, never run)
  '    return out', //                        37
  '',
].join('\n');

const check = checkSource(SOURCE, { path: FILE });
const files: IndexedFile[] = [{ path: FILE, units: codeUnitsOf(parse(SOURCE).module) }];
const where = (f: { code: string; range: { start: { line: number } } }) => `${f.code}@${f.range.start.line}`;

/** cProfile-like: seconds of self time per function, paths from another machine. */
function cprofile(): Profile {
  const b = new FunctionTableBuilder();
  const rows: Array<[string, string, number, number, number, number]> = [
    // name, file, line, self, total, calls
    ['<module>', '/ci/src/proj/app.py', 1, 0.01, 10, 1],
    ['dedupe', '/ci/src/proj/app.py', 6, 8, 8.2, 1],
    ['make', '/ci/src/proj/app.py', 15, 0.5, 1.3, 1],
    ['__init__', '/ci/src/proj/app.py', 2, 0.7, 0.7, 1000],
    ['cold_build', '/ci/src/proj/app.py', 22, 0.001, 0.002, 1],
    ['<method append of list objects>', '~', 0, 0.789, 0.789, 2000],
  ];
  let total = 0;
  for (const [name, file, line, self, tot, calls] of rows) {
    b.addFunction({ frame: b.frame(name, file, line, file === '~' ? 'builtin' : 'python'), self, total: tot, calls });
    total += self;
  }
  return b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, total);
}

describe('rankFindings with a cProfile-like profile', () => {
  it('finds the expected findings in the source (the test premise)', () => {
    assert.deepEqual(check.findings.map(where).sort(), ['HS101@9', 'HS108@30', 'HS201@1', 'HS507@18', 'HS507@25', 'HS507@36'].sort());
  });

  it('orders by heat, lists not-executed findings last, hides cold micro findings', () => {
    const r = rankFindings(check.findings, files, { profile: cprofile() }, ALL_RULES);
    assert.deepEqual(r.findings.map(where), ['HS101@9', 'HS201@1', 'HS507@18', 'HS108@30']);
    assert.equal(r.hiddenCold, 2, 'cold_build (0.01% of the run) and never_micro (never ran)');
    assert.equal(r.notExecuted, 1);
    assert.equal(r.matching.matched, 5);
    const [hs101, hs201, hs507, hs108] = r.findings.map((f) => f.cost!);
    assert.equal(hs101!.executed, true);
    assert.equal(hs101!.scope, 'function', 'cProfile has no lines');
    assert.equal(hs101!.self, 8);
    assert.equal(hs101!.calls, 1);
    assert.equal(hs101!.function, 'dedupe');
    assert.ok(Math.abs(hs101!.heat! - 8 / 10) < 1e-9, String(hs101!.heat));
    assert.match(hs101!.gain!, /O\(.*\) → O\(.*\).*8\.00 s \(80\.0% of the run, over 1 call\)/);
    // The class statement carries the cost of its __init__ (its instances are what it is about).
    assert.equal(hs201!.function, 'Point.__init__');
    assert.equal(hs201!.calls, 1000);
    assert.equal(hs201!.self, 0.7);
    assert.equal(hs507!.function, 'make');
    assert.equal(hs108!.executed, false);
    assert.match(hs108!.gain!, /not executed in this profile/);
    assert.ok(Math.abs(r.flaggedShare - (8 + 0.7 + 0.5) / 10) < 1e-9, String(r.flaggedShare));
  });

  it('minCost raises the bar for micro findings only; all shows everything; hotOnly drops the unexecuted', () => {
    const hot = rankFindings(check.findings, files, { profile: cprofile() }, ALL_RULES, { minCost: 0.1 });
    assert.deepEqual(hot.findings.map(where), ['HS101@9', 'HS201@1', 'HS108@30']);
    assert.equal(hot.hiddenCold, 3);

    const all = rankFindings(check.findings, files, { profile: cprofile() }, ALL_RULES, { all: true });
    assert.deepEqual(all.findings.map(where), ['HS101@9', 'HS201@1', 'HS507@18', 'HS507@25', 'HS108@30', 'HS507@36']);
    assert.equal(all.hiddenCold, 0);
    assert.equal(all.notExecuted, 2);

    const onlyHot = rankFindings(check.findings, files, { profile: cprofile() }, ALL_RULES, { hotOnly: true });
    assert.deepEqual(onlyHot.findings.map(where), ['HS101@9', 'HS201@1', 'HS507@18']);
    assert.equal(onlyHot.notExecuted, 0);
  });

  it('calls every finding not executed when no frame matches the checked files', () => {
    const b = new FunctionTableBuilder();
    b.addFunction({ frame: b.frame('dedupe', '/ci/src/proj/other.py', 6, 'python'), self: 1, total: 1, calls: 1 });
    const r = rankFindings(check.findings, files, { profile: b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, 1) }, ALL_RULES);
    assert.ok(r.findings.every((f) => f.cost?.executed === false));
    assert.equal(r.flaggedShare, 0);
    assert.deepEqual(r.matching.unmatched, { 'outside the checked files': 1 });
  });
});

describe('a call costed by cProfile edges', () => {
  it('names callees as cProfile labels them', () => {
    assert.ok(frameNamesCallee('dumps', 'dumps'));
    assert.ok(frameNamesCallee("<method 'append' of 'list' objects>", 'append'));
    assert.ok(frameNamesCallee('<built-in method builtins.sorted>', 'sorted'));
    assert.ok(frameNamesCallee('<built-in method _json.encode_basestring_ascii>', 'encode_basestring_ascii'));
    assert.ok(!frameNamesCallee("<method 'appendleft' of 'collections.deque' objects>", 'append'));
    assert.ok(!frameNamesCallee('<built-in method builtins.sorted>', 'sort'));
    assert.ok(!frameNamesCallee('dumps_all', 'dumps'));
  });

  it('costs a finding on a call by the calls from its function to that callee', () => {
    const module = parse(SOURCE).module;
    const withCalls: IndexedFile[] = [{ path: FILE, units: codeUnitsOf(module), calls: callSitesOf(module) }];
    const b = new FunctionTableBuilder();
    const file = '/ci/src/proj/app.py';
    const make = b.addFunction({ frame: b.frame('make', file, 15, 'python'), self: 0.2, total: 3, calls: 1 });
    const append = b.addFunction({ frame: b.frame("<method 'append' of 'list' objects>", '~', 0, 'builtin'), self: 0.3, total: 0.3, calls: 1000 });
    const init = b.addFunction({ frame: b.frame('__init__', file, 2, 'python'), self: 2.5, total: 2.5, calls: 1000 });
    b.addCaller(append, { caller: make.frame, calls: 1000, primitiveCalls: 1000, self: 0.3, total: 0.3 });
    b.addCaller(init, { caller: make.frame, calls: 1000, primitiveCalls: 1000, self: 2.5, total: 2.5 });
    const profile = b.build({ format: 'cprofile', kind: 'deterministic', unit: 'seconds', metric: 'time' }, 3);
    const r = rankFindings(check.findings, withCalls, { profile }, ALL_RULES);
    const hs507 = r.findings.find((f) => where(f) === 'HS507@18')!.cost!;
    assert.equal(hs507.scope, 'line');
    assert.equal(hs507.total, 0.3, "the appends' time, not make's self time");
    assert.ok(Math.abs(hs507.heat! - 0.1) < 1e-12);
    assert.equal(hs507.calls, 1, 'calls of the enclosing function');
    assert.match(hs507.label!, /make \(1,000 calls to append from it\)/);
    assert.deepEqual(r.findings.map(where).slice(0, 2), ['HS201@1', 'HS507@18']);
    assert.ok(Math.abs(r.flaggedShare - (2.5 + 0.3) / 3) < 1e-9, String(r.flaggedShare));
  });
});

describe('rankFindings with per-line costs and no stacks (Scalene)', () => {
  it('costs a finding by its loop lines', () => {
    const b = new FunctionTableBuilder();
    const file = '/ci/src/proj/app.py';
    b.addFunction({ frame: b.frame('dedupe', file, 6, 'python'), self: 7, total: 7 });
    b.addFunction({ frame: b.frame('make', file, 15, 'python'), self: 3, total: 3 });
    const lines = [
      { file, line: 9, self: 5, total: 5 },
      { file, line: 11, self: 1, total: 1 },
      { file, line: 12, self: 1, total: 1 },
      { file, line: 18, self: 3, total: 3 },
    ];
    const profile = b.build({ format: 'scalene', kind: 'sampled', unit: 'seconds', metric: 'cpu' }, 10, lines);
    const r = rankFindings(check.findings, files, { profile }, ALL_RULES);
    const hs101 = r.findings[0]!;
    assert.equal(where(hs101), 'HS101@9');
    assert.equal(hs101.cost!.scope, 'loop');
    assert.equal(hs101.cost!.total, 6, 'lines 9 and 11, not the return on line 12');
    assert.ok(Math.abs(r.flaggedShare - (6 + 3) / 10) < 1e-9, String(r.flaggedShare));
  });
});

describe('rankFindings with line samples', () => {
  /** Samples with executing lines; dedupe recurses in one stack, which must count once. */
  function samples(): Profile {
    const b = new SampleProfileBuilder();
    const file = '/ci/src/proj/app.py';
    const mod = b.frame('<module>', file, 1);
    const dedupe = b.frame('dedupe', file, 6);
    const make = b.frame('make', file, 15);
    const init = b.frame('__init__', file, 2);
    const append = b.frame('<method append of list objects>', '~', 0, 'builtin');
    const stack = (...sites: Array<[number, number]>) => b.stack(sites.map(([f, l]) => b.site(f, l)));
    b.add(stack([mod, 40], [dedupe, 9]), 60); //                       the membership test itself
    b.add(stack([mod, 40], [dedupe, 9], [dedupe, 9]), 10); //           recursive: the loop counts these 10 once
    b.add(stack([mod, 40], [dedupe, 11], [append, 0]), 5); //            in the loop, in a callee
    b.add(stack([mod, 40], [dedupe, 12]), 1); //                         after the loop
    b.add(stack([mod, 40], [dedupe, 0]), 8); //                          3.11 loop back-edge: no line, but dedupe's only loop
    b.add(stack([mod, 41], [make, 18], [init, 3]), 20); //              make's loop calls Point()
    b.add(stack([mod, 41], [make, 18]), 4);
    b.add(stack([mod, 41], [make, 17]), 30); //                        make's loop header: not HS507's line
    return { ...b.build({ format: 'hotspy-samples', kind: 'sampled', unit: 'samples', metric: 'samples', sampleInterval: 0.005 }), sampleInterval: 0.005 };
  }

  it('costs a finding by its loop (callees included, each stack once) and approximates seconds', () => {
    const profile = samples();
    assert.equal(profile.total, 138);
    const r = rankFindings(check.findings, files, { profile: cprofile(), lineSamples: profile }, ALL_RULES);
    const byWhere = new Map(r.findings.map((f) => [where(f), f.cost!]));
    const hs101 = byWhere.get('HS101@9')!;
    assert.equal(hs101.scope, 'loop');
    assert.equal(hs101.total, 83, 'lines 8-11 in 60 + 10 + 5 samples, the recursive stack once, plus 8 on the line-less back-edge');
    assert.equal(hs101.self, 78, 'the append callee is not self');
    assert.equal(hs101.heat, 83 / 138);
    assert.equal(hs101.approxSeconds, 83 * 0.005);
    assert.equal(hs101.calls, 1, 'call counts come from the deterministic profile of the run');
    assert.match(hs101.label!, /proj\/app\.py:6 dedupe \(loop at line 8\)/);
    assert.equal(r.costProfile.format, 'hotspy-samples');

    const hs507 = byWhere.get('HS507@18')!;
    assert.equal(hs507.scope, 'line', 'micro advice is measured on its own line, not its loop');
    assert.equal(hs507.total, 4, "the loop holds 54 samples, its line 18 24, of which 20 in Point(), a call the advice doesn't touch");
    // The class statement is outside __init__'s lines: it carries the function cost of __init__.
    const hs201 = byWhere.get('HS201@1')!;
    assert.equal(hs201.scope, 'function');
    assert.equal(hs201.self, 20);
    assert.deepEqual(r.findings.map(where).slice(0, 3), ['HS101@9', 'HS201@1', 'HS507@18']);
    assert.ok(Math.abs(r.flaggedShare - (83 + 20 + 4) / 138) < 1e-9, String(r.flaggedShare));
  });

  it('measures micro advice on a call with that call, and counts overlapping scopes once', () => {
    const module = parse(SOURCE).module;
    const withCalls: IndexedFile[] = [{ path: FILE, units: codeUnitsOf(module), calls: callSitesOf(module) }];
    const b = new SampleProfileBuilder();
    const file = '/ci/src/proj/app.py';
    const mod = b.frame('<module>', file, 1);
    const make = b.frame('make', file, 15);
    const init = b.frame('__init__', file, 2);
    const append = b.frame('append', '/ci/src/proj/fakelist.py', 1); // a Python-level `append`, as a sampler sees one
    const stack = (...sites: Array<[number, number]>) => b.stack(sites.map(([f, l]) => b.site(f, l)));
    b.add(stack([mod, 41], [make, 18]), 4);
    b.add(stack([mod, 41], [make, 18], [init, 3]), 20);
    b.add(stack([mod, 41], [make, 18], [append, 2]), 6);
    const profile = { ...b.build({ format: 'hotspy-samples', kind: 'sampled', unit: 'samples', metric: 'samples', sampleInterval: 0.005 }), sampleInterval: 0.005 };
    const r = rankFindings(check.findings, withCalls, { profile }, ALL_RULES, { all: true });
    const hs507 = r.findings.find((f) => where(f) === 'HS507@18')!.cost!;
    assert.equal(hs507.total, 10, 'its own 4 samples and the 6 in append, not the 20 in Point()');
    assert.match(hs507.label!, /with its calls to append, without other calls/);
    // HS201 (__init__'s 20) and HS507 (10) share no sample; all 30 are flagged, each once.
    assert.ok(Math.abs(r.flaggedShare - 30 / 30) < 1e-9, String(r.flaggedShare));
  });

  it('calls code the samples missed executed when the deterministic profile saw it called', () => {
    const r = rankFindings(check.findings, files, { profile: cprofile(), lineSamples: samples() }, ALL_RULES, { all: true });
    const cold = r.findings.find((f) => where(f) === 'HS507@25')!.cost!;
    assert.equal(cold.executed, true);
    assert.equal(cold.heat, 0);
    assert.equal(cold.calls, 1);
    assert.equal(r.findings.find((f) => where(f) === 'HS108@30')!.cost!.executed, false);
    assert.deepEqual(r.findings.map(where).slice(-2), ['HS108@30', 'HS507@36'], 'the never-run findings last');
    const hidden = rankFindings(check.findings, files, { profile: cprofile(), lineSamples: samples() }, ALL_RULES);
    assert.equal(hidden.hiddenCold, 2);
  });
});
