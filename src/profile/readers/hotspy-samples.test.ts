// hotspy-samples reader on real output of hotspy's own sampler (python/hotspy_sampler.py via
// python/hotspy_run.py), run here on a CPU-bound and a sleeping program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageFile } from '../../util/package-root.js';
import { readBoth } from '../../../test/profile/check-profile.js';
import { readProfile } from './index.js';
import { ProfileFormatError } from '../errors.js';

const CPU = 'def work(n):\n    s = 0\n    for i in range(n):\n        s += i * i\n    return s\n\nfor _ in range(30):\n    work(100000)\n';
const IO = 'import time\n\ndef wait():\n    time.sleep(0.02)\n\nfor _ in range(15):\n    wait()\n';

function record(dir: string, name: string, source: string): string {
  fs.writeFileSync(path.join(dir, `${name}.py`), source);
  const out = path.join(dir, `${name}.samples.jsonl`);
  execFileSync('python3', [packageFile('python', 'hotspy_run.py'), '--samples', out, '--interval', '0.002', `${name}.py`], { cwd: dir, stdio: 'ignore' });
  return out;
}

test('hotspy-samples: real sampler output of a CPU-bound and a sleeping program', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-samples-'));
  try {
    const cpu = readBoth(record(dir, 'cpu', CPU)).profile;
    const io = readBoth(record(dir, 'io', IO)).profile;
    for (const p of [cpu, io]) {
      assert.equal(p.format, 'hotspy-samples');
      assert.equal(p.unit, 'samples');
      assert.equal(p.sampleInterval, 0.002);
      assert.equal(p.total, p.metadata.sample_count);
      assert.ok(p.total > 5, `${p.total} samples`);
      assert.equal(p.metadata.python_version, execFileSync('python3', ['-c', 'import platform;print(platform.python_version())'], { encoding: 'utf8' }).trim());
      assert.equal(typeof p.metadata.wall_seconds, 'number');
    }
    const idleShare = (p: typeof cpu) => p.samples!.entries.filter((e) => e.idle).reduce((s, e) => s + e.weight, 0) / p.total;
    // A busy machine can steal CPU from the CPU-bound run, so compare the two runs rather than
    // fixing a threshold for the CPU-bound one; sleeping is idle whatever the load.
    assert.ok(idleShare(io) > 0.8, `sleeping idle share ${idleShare(io)}`);
    assert.ok(idleShare(cpu) < idleShare(io), `cpu-bound idle share ${idleShare(cpu)}`);
    const utilisation = (p: typeof cpu) => (p.metadata.cpu_seconds as number) / (p.metadata.wall_seconds as number);
    assert.ok(utilisation(cpu) > utilisation(io), 'footer CPU utilisation');
    // Functions carry cProfile's key (file, first line, co_name); lines carry the executing line.
    const work = cpu.functions.find((f) => cpu.frames[f.frame]!.name === 'work')!;
    assert.equal(cpu.frames[work.frame]!.line, 1);
    assert.ok(work.self / cpu.total > 0.5);
    const hot = [...cpu.lines!].sort((a, b) => b.self - a.self)[0]!;
    assert.ok(hot.file.endsWith('cpu.py') && [3, 4].includes(hot.line), `${hot.file}:${hot.line}`);
    assert.ok(io.lines!.find((l) => l.line === 4)!.self >= 0.9 * io.total, 'the sleeping line');
    assert.ok(cpu.samples!.threads.some((t) => t.name === 'MainThread' && t.pid === cpu.metadata.pid));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('hotspy-samples: truncated, newer-version and malformed files are one-line errors', () => {
  const header = '{"type":"header","format":"hotspy-samples","version":1,"interval":0.005,"pid":1,"python":"3.11.7"}';
  const stack = '{"type":"stack","thread":1,"thread_name":"MainThread","idle":false,"count":2,"frames":[["a.py","f",1,2]]}';
  const footer = '{"type":"footer","samples":2,"ticks":2,"missed_ticks":0,"duration":0.01}';
  const read = (text: string) => readProfile(Buffer.from(text), 'x.samples.jsonl');
  assert.equal(read([header, stack, footer].join('\n')).total, 2);
  const cases: Array<[string, RegExp]> = [
    [[header, stack].join('\n'), /truncated: no footer/],
    [[header.replace('"version":1', '"version":2'), footer].join('\n'), /unsupported version/],
    [[header, stack.replace('"count":2', '"count":-1'), footer].join('\n'), /line 2\.count/],
    [[header, '{"type":"stack",', footer].join('\n'), /line 2: invalid JSON/],
    [[header, stack, footer.replace('"samples":2', '"samples":3')].join('\n'), /footer says 3 samples/],
    [[header, stack.replace('"frames":[["a.py","f",1,2]]', '"frames":[["a.py"]]'), footer].join('\n'), /frames\[0\]: expected \[file, function/],
  ];
  for (const [text, expected] of cases) {
    assert.throws(() => read(text), (e: unknown) => e instanceof ProfileFormatError && expected.test(e.message) && e.message.startsWith('x.samples.jsonl: '), String(expected));
  }
});
