// cProfile reader against pstats itself: every shared fixture (3.8–3.13, merged, strip_dirs,
// pure-Python profile, pyinstrument) read by hotspy must equal pstats' numbers exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { packageFile } from '../../util/package-root.js';
import { ProfileSource } from '../source.js';
import { cprofileReader } from './cprofile.js';
import { assertMatchesPstats, pstatsDump, pyenvPython } from '../../../test/profile/pstats-oracle.js';

const dir = packageFile('test', 'profile', 'fixtures', 'cprofile');
const extra = packageFile('test', 'profile', 'fixtures', 'pyinstrument', 'pyinstrument-5.1.2_py3.11_pstats.prof');

function read(file: string) {
  return cprofileReader.read(ProfileSource.fromBytes(fs.readFileSync(file), file));
}

test('every cProfile fixture matches pstats of its own Python version exactly', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.prof')).map((f) => `${dir}/${f}`);
  files.push(extra);
  assert.ok(files.length >= 14);
  let functions = 0;
  for (const file of files) {
    // Files with code objects can only be read by the Python that wrote them.
    const version = /_py(3\.\d+\.\d+)\.prof$/.exec(file)?.[1];
    const python = (version && pyenvPython(version)) ?? 'python3';
    if (file.includes('purepython') && python === 'python3') continue;
    const [dump] = pstatsDump([file], python);
    functions += assertMatchesPstats(read(file), dump!).functions;
  }
  assert.ok(functions > 2000, `compared ${functions} functions`);
  process.stdout.write(`# pstats parity (fixtures): ${functions} functions in ${files.length} files\n`);
});

test('the pure-Python profile root is a code object shown by name', () => {
  const p = read(`${dir}/profile_purepython_py3.13.0.prof`);
  const names = p.frames.map((f) => f.name);
  assert.ok(names.some((n) => n.startsWith('<code object <module>, file ')), names.join('|'));
  assert.equal(p.metadata.producer, 'profile');
  const counted = p.functions.flatMap((f) => f.callers).filter((e) => e.calls !== undefined && e.total === undefined);
  assert.ok(counted.length > 0, 'profile.py edges carry only call counts');
});

test('pyinstrument pstats: -1 counts become unknown and the profile is sampled', () => {
  const p = read(extra);
  assert.equal(p.kind, 'sampled');
  assert.ok(p.functions.every((f) => f.calls === undefined));
  assert.equal(p.metadata.producer, 'pyinstrument');
});

test('builtins are recognised and labelled like pstats', async () => {
  const { frameLabel } = await import('../model.js');
  const p = read(`${dir}/cprofile_json_tool_py3.12.1.prof`);
  const labels = p.frames.filter((f) => f.kind === 'builtin').map(frameLabel);
  assert.ok(labels.includes('{built-in method builtins.exec}'));
  assert.ok(labels.includes("{method 'disable' of '_lsprof.Profiler' objects}"));
  // callees are the inverse of callers
  const exec = p.functions.find((f) => p.frames[f.frame]!.name === '<built-in method builtins.exec>')!;
  assert.ok(exec.callees.length > 0);
  for (const e of exec.callees) assert.ok(p.functions.find((f) => f.frame === e.callee)!.callers.includes(e));
});

test('print_stats rendered from hotspy numbers equals golden pstats text byte for byte', async () => {
  const { printStats } = await import('../../../test/profile/pstats-text.js');
  let rows = 0;
  for (const version of ['3.12.1', '3.13.0']) {
    const file = `${dir}/cprofile_json_tool_py${version}.prof`;
    const p = read(file);
    for (const key of ['cumulative', 'tottime', 'stdname'] as const) {
      const golden = fs.readFileSync(`${file}.pstats-${key}.txt`, 'utf8');
      assert.equal(printStats(p, key), golden, `${version} ${key}`);
      rows += p.functions.length;
    }
  }
  assert.ok(rows > 2000);
});

test('the streaming path reads every real fixture and equals the generic path', async () => {
  const { buildStatsFast, buildStats } = await import('./cprofile.js');
  const { loadMarshal } = await import('./marshal.js');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.prof')).map((f) => `${dir}/${f}`);
  files.push(extra);
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    // Keys holding a code object (python -m profile) are left to the generic path.
    if (file.includes('purepython')) {
      assert.throws(() => buildStatsFast(bytes));
      continue;
    }
    const fast = buildStatsFast(bytes);
    const generic = buildStats(loadMarshal(bytes), file, bytes.length);
    // Frame ids are numbered in a different order; compare with frames by value.
    const byValue = (p: typeof fast) => {
      const f = (id: number) => `${p.frames[id]!.kind} ${p.frames[id]!.file}:${p.frames[id]!.line}(${p.frames[id]!.name})`;
      const edge = (e: (typeof fast.functions)[number]['callers'][number]) => ({ ...e, caller: f(e.caller), callee: f(e.callee) });
      return { ...p, frames: p.frames.map((_, i) => f(i)).sort(), functions: p.functions.map((x) => ({ ...x, frame: f(x.frame), callers: x.callers.map(edge), callees: x.callees.map(edge) })) };
    };
    assert.deepEqual(byValue(fast), byValue(generic), file);
  }
});
