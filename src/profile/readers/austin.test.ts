// Austin reader on the real 1.0.1 and 3.7.0 samples: snapshot, content detection, and totals
// recomputed independently from the raw lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkProfileSnapshot, fixture } from '../../../test/profile/check-profile.js';
import { readProfile } from './index.js';
import { ProfileFormatError } from '../errors.js';

const dir = fixture('austin');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));

/** Sum of the time metric (µs) and of positive/negative memory deltas, straight from the text. */
function rawTotals(text: string): { time: number; plus: number; minus: number; lines: number } {
  let time = 0;
  let plus = 0;
  let minus = 0;
  let lines = 0;
  const threeX = text.startsWith('# austin:');
  const mode = /# mode: (\w+)/.exec(text)?.[1];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    const triple = / (\d+),(\d+),(-?\d+)$/.exec(line) ?? / (\d+) (\d+) (-?\d+)$/.exec(line);
    if (triple) {
      time += Number(triple[1]);
      if (threeX) {
        const d = Number(triple[3]);
        if (d > 0) plus += d;
        else minus -= d;
      } else {
        plus += Number(triple[2]) * 1024;
        minus += Math.abs(Number(triple[3])) * 1024;
      }
      continue;
    }
    const single = Number(/ (-?\d+)$/.exec(line)![1]);
    if (mode === 'memory') {
      if (single > 0) plus += single;
      else minus -= single;
    } else time += single;
  }
  return { time, plus, minus, lines };
}

for (const f of files) {
  test(`austin: ${f}`, () => {
    const p = checkProfileSnapshot(`${dir}/${f}`);
    assert.equal(p.format, 'austin');
    const raw = rawTotals(fs.readFileSync(`${dir}/${f}`, 'utf8'));
    assert.equal(p.metadata.sample_count, raw.lines);
    if (p.metric === 'memory-allocated') {
      assert.equal(p.total, raw.plus);
      assert.equal(p.related![0]!.total, raw.minus);
    } else {
      assert.ok(Math.abs(p.total * 1e6 - raw.time) < 1e-6 * raw.time, `${p.total * 1e6} vs ${raw.time}`);
      if (p.metadata.mode === 'full') {
        assert.equal(p.related![0]!.total, raw.plus);
        assert.equal(p.related![1]!.total, raw.minus);
      }
    }
  });
}

test('austin 3.x: qualified names on 3.12, co_name on 3.10; executing lines per frame', () => {
  const names = (f: string) => readProfile(fs.readFileSync(`${dir}/${f}`), f).frames.map((x) => x.name);
  assert.ok(names('austin-3.7.0_py3.12_wall.txt').includes('Work.inner'));
  assert.ok(names('austin-3.7.0_py3.10_wall.txt').includes('inner'));
  const p = readProfile(fs.readFileSync(`${dir}/austin-3.7.0_py3.12_wall.txt`), 'x.txt');
  assert.ok(p.lines!.some((l) => l.file.endsWith('busy2.py') && l.self > 0));
});

test('austin 3.x full mode knows idle per sample; cpu mode does not claim it', () => {
  const full = readProfile(fs.readFileSync(`${dir}/austin-3.7.0_py3.12_full.txt`), 'f');
  assert.equal(full.samples!.idleKnown, true);
  const idle = full.samples!.entries.filter((e) => e.idle).reduce((s, e) => s + e.weight, 0);
  assert.ok(idle > 0 && idle < full.total);
  const cpu = readProfile(fs.readFileSync(`${dir}/austin-3.7.0_py3.12_cpu.txt`), 'c');
  assert.equal(cpu.metric, 'cpu');
  assert.equal(cpu.samples!.idleKnown, false);
});

test('austin 1.x sleepless: <idle> samples are idle, the rest running', () => {
  const p = readProfile(fs.readFileSync(`${dir}/austin-1.0.1_py3.8_sleepless.txt`), 's');
  assert.equal(p.metric, 'cpu');
  assert.equal(p.samples!.idleKnown, true);
  assert.ok(p.samples!.entries.some((e) => e.idle === true && e.count > 0));
  assert.ok(!p.frames.some((f) => f.name === '<idle>'));
});

test('austin: GC pseudo-frames, python version and several processes', () => {
  const gc = readProfile(fs.readFileSync(`${dir}/austin-3.7.0_py3.12_pipe_gc.txt`), 'g');
  assert.ok(gc.frames.some((f) => f.kind === 'synthetic' && f.name === 'GC'));
  assert.equal(gc.metadata.python_version, '3.12.1');
  const kids = readProfile(fs.readFileSync(`${dir}/austin-3.7.0_py3.12_children.txt`), 'k');
  assert.equal(new Set(kids.samples!.threads.map((t) => t.pid)).size, 2);
});

test('austin 1.x alternative frame format reads the same functions as the default one', () => {
  const fns = (f: string) => {
    const p = readProfile(fs.readFileSync(`${dir}/${f}`), f);
    return new Set(p.functions.filter((x) => x.self > 0).map((x) => `${p.frames[x.frame]!.file}:${p.frames[x.frame]!.name}`));
  };
  const alt = fns('austin-1.0.1_py3.8_wall_altformat.txt');
  const std = fns('austin-1.0.1_py3.8_wall.txt');
  for (const key of ['busy.py:inner', 'busy.py:<module>']) assert.ok(alt.has(key) && std.has(key), key);
});

test('austin: broken lines are one-line errors with the line number', () => {
  const good = fs.readFileSync(`${dir}/austin-3.7.0_py3.12_wall.txt`, 'utf8');
  const bad = good.replace(/\n(P\d+;T0:\d+;[^\n]*) (\d+)\n/, '\n$1 12x\n');
  assert.throws(() => readProfile(Buffer.from(bad), 'bad.txt'), (e: unknown) => e instanceof ProfileFormatError && /^bad\.txt: line \d+: bad metric/.test(e.message));
  assert.throws(() => readProfile(Buffer.from('MOJ\x03abc'), 'b.mojo'), /MOJO/);
});
