// End to end, on real runs: small Python programs with a known hot spot are profiled with
// `hotspy profile`; the finding in the hot spot must rank first and cold findings below it, with
// cProfile alone and with line samples; `hotspy diff` must see a suggested fix pay off; a stdlib
// program nobody here wrote must match sanely; bad input must give one-line errors.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHotspy, reportJsonAfterProgramOutput } from '../support/cli.js';
import { loadRun } from '../../src/profile/run/index.js';
import { indexFile, matchFrames } from '../../src/rank/index.js';


const hotspy = (args: string[], cwd: string) => runHotspy(args, cwd, 90_000);
const profileJson = reportJsonAfterProgramOutput;

const at = (f: any) => `${f.code}@${f.location.row}`;

const MEMBERSHIP = `"""Deduplicates order ids: the hot spot is a membership test on a growing list."""


def unique_orders(orders):
    seen = []
    for order in orders:
        if order not in seen:
            seen.append(order)
    return seen


def encode_header(fields):
    header = b""
    for field in fields:
        header += field.encode() + b";"
    return header


def labels(names):
    out = []
    for name in names:
        out.append(name.title())
    return out


def cheapest(prices):
    return sorted(prices)[0]


def main():
    orders = [i % 5000 for i in range(20000)]
    print(encode_header(["id", "total"]), labels(["orders"]), len(unique_orders(orders)))


if __name__ == "__main__":
    main()
`;

/** The fix HS101's documentation suggests (a set), lines kept where they were. */
const MEMBERSHIP_FIXED = MEMBERSHIP.replace('    seen = []\n', '    seen = set()\n').replace('            seen.append(order)\n', '            seen.add(order)\n');

// 300 batches: about 0.8 s and 200+ line samples, so that a stray sample on the loop's own line
// stays under the 1% cold threshold. With 25 batches the run had 19 samples, and under CI load
// one stray made the cold HS507 advice show.
const JSON_EXPORT = `"""Exports batches of records as JSON documents: the hot spot is json.dumps of a large payload."""
import json


def build_records(n):
    return [{"id": i, "name": f"user{i}", "tags": ["a", "b", "c"], "score": i * 0.5} for i in range(n)]


def export(records, batches):
    documents = []
    for _ in range(batches):
        documents.append(json.dumps({"records": records, "count": len(records)}))
    return documents


def shortest(docs):
    return sorted(len(d) for d in docs)[0]


if __name__ == "__main__":
    print(len(export(build_records(4000), 300)))
`;

const IO_BOUND = `"""Fetches items from a loopback server one request at a time: the run mostly waits."""
import socket
import threading


def serve(listener, count):
    conn, _ = listener.accept()
    with conn:
        for _ in range(count):
            data = conn.recv(64)
            threading.Event().wait(0.004)
            conn.sendall(data.upper())


def fetch_all(port, keys):
    fetched = []
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for key in keys:
            sock.sendall(key.encode())
            reply = sock.recv(64).decode()
            if reply not in fetched:
                fetched.append(reply)
    return fetched


def oldest(stamps):
    return sorted(stamps)[0]


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(30)
    keys = [f"k{i}" for i in range(100)]
    server = threading.Thread(target=serve, args=(listener, len(keys)), daemon=True)
    server.start()
    print(len(fetch_all(listener.getsockname()[1], keys)))
    server.join(30)
    listener.close()


if __name__ == "__main__":
    main()
`;

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-rank-e2e-'));
  for (const [name, text] of [
    ['membership', MEMBERSHIP],
    ['jsonexport', JSON_EXPORT],
    ['iobound', IO_BOUND],
  ] as const) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, `${name}.py`), text);
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a list-membership hot spot', () => {
  const sub = () => path.join(dir, 'membership');

  it('hotspy profile ranks HS101 first, the executed cold finding below, the never-run one last, cold micro advice hidden', async () => {
    const r = await hotspy(['profile', '-o', 'before.prof', '--format', 'json', '--', 'python3', 'membership.py'], sub());
    assert.equal(r.code, 0, r.stderr);
    const report = profileJson(r.stdout);
    const findings = report.findings;
    assert.deepEqual(findings.map(at), ['HS101@7', 'HS105@15', 'HS108@27'], JSON.stringify(findings.map((f: any) => [at(f), f.cost])));
    const [hot, cold, never] = findings.map((f: any) => f.cost);
    assert.equal(hot.executed, true);
    assert.equal(hot.scope, 'loop');
    assert.equal(hot.function, 'unique_orders');
    assert.equal(hot.calls, 1);
    assert.ok(hot.heat > 0.5, `the loop holds most of the run: heat ${hot.heat}`);
    assert.match(hot.gain, /O\(N·M\) → O\(N\+M\); this loop took/);
    assert.equal(cold.executed, true, 'encode_header ran once (cProfile saw the call)');
    assert.ok(cold.heat < 0.05, `encode_header is cold: ${cold.heat}`);
    assert.equal(never.executed, false);
    assert.equal(report.ranking.hidden_cold, 1, 'the HS507 in labels() (micro, cold)');
    assert.equal(report.ranking.not_executed, 1);
    assert.ok(report.ranking.matching.matched > 0);
    assert.ok(report.ranking.flagged_share >= hot.heat && report.ranking.flagged_share <= 1, String(report.ranking.flagged_share));
    assert.ok(fs.existsSync(path.join(sub(), 'before.findings.json')), 'findings saved beside the profile for hotspy diff');
  });

  it('hotspy check --profile ranks HS101 first, from the line samples and from cProfile alone', async () => {
    for (const samples of [[], ['--no-samples']]) {
      const r = await hotspy(['check', 'membership.py', '--profile', 'before.prof', ...samples, '--format', 'json', '--no-measure'], sub());
      assert.equal(r.code, 1, r.stderr);
      const findings = JSON.parse(r.stdout);
      assert.equal(at(findings[0]), 'HS101@7', `${samples.join(' ')}: ${JSON.stringify(findings.map(at))}`);
      assert.equal(findings[0].cost.scope, samples.length ? 'function' : 'loop');
      assert.ok(findings[0].cost.heat > 0.5, `${samples.join(' ')} heat ${findings[0].cost.heat}`);
      assert.equal(at(findings[findings.length - 1]), 'HS108@27');
      assert.ok(!findings.some((f: any) => f.code === 'HS507'), 'cold micro advice is hidden');
    }
    const all = JSON.parse((await hotspy(['check', 'membership.py', '--profile', 'before.prof', '--all', '--format', 'json', '--no-measure'], sub())).stdout);
    assert.ok(all.some((f: any) => f.code === 'HS507'), '--all shows it');
    const hotOnly = JSON.parse((await hotspy(['check', 'membership.py', '--profile', 'before.prof', '--hot-only', '--format', 'json', '--no-measure'], sub())).stdout);
    assert.deepEqual(hotOnly.map(at), ['HS101@7', 'HS105@15']);
  });

  it('hotspy diff: after the suggested fix the hot function is faster, the run sped up, HS101 is gone', async () => {
    fs.writeFileSync(path.join(sub(), 'membership.py'), MEMBERSHIP_FIXED);
    const r = await hotspy(['profile', '-o', 'after.prof', '--no-report', '--', 'python3', 'membership.py'], sub());
    assert.equal(r.code, 0, r.stderr);

    const json = await hotspy(['diff', 'before.prof', 'after.prof', '--format', 'json', '--top', '0'], sub());
    assert.equal(json.code, 0, json.stderr);
    const diff = JSON.parse(json.stdout);
    assert.equal(diff.unit, 'seconds');
    assert.ok(diff.speedup > 1, `speed-up ${diff.speedup}`);
    assert.ok(diff.before_total > diff.after_total);
    const hot = diff.functions.find((f: any) => f.name === 'unique_orders');
    assert.ok(hot?.before && hot.after, JSON.stringify(hot));
    assert.ok(hot.after.self < hot.before.self / 2, `unique_orders self ${hot.before.self} → ${hot.after.self}`);
    assert.ok(hot.self_delta < 0);
    assert.deepEqual(
      diff.findings.gone.map((f: any) => f.code),
      ['HS101'],
    );
    assert.ok(diff.findings.remaining.some((f: any) => f.before.code === 'HS105'));
    assert.deepEqual(diff.findings.added, []);
    for (const key of ['before', 'after', 'before_total', 'after_total', 'speedup', 'note', 'functions', 'findings']) assert.ok(key in diff, key);

    const text = await hotspy(['diff', 'before.prof', 'after.prof'], sub());
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /× faster/);
    assert.match(text.stdout, /fixed {2}HS101 .*membership\.py:7 in unique_orders/);
    assert.match(text.stdout, /Findings: 1 gone/);
  });
});

describe('a json.dumps hot spot', () => {
  const sub = () => path.join(dir, 'jsonexport');

  it('hotspy profile ranks HS401 first; the micro advice on the same line is cold (the time is in dumps, not in append)', async () => {
    const r = await hotspy(['profile', '-o', 'export.prof', '--format', 'json', '--', 'python3', 'jsonexport.py'], sub());
    assert.equal(r.code, 0, r.stderr);
    const report = profileJson(r.stdout);
    const findings = report.findings;
    assert.deepEqual(findings.map(at), ['HS401@12', 'HS108@17']);
    assert.equal(report.ranking.hidden_cold, 1, 'HS507 on `documents.append(json.dumps(…))`');
    assert.ok(findings[0].cost.heat > 0.5, `heat ${findings[0].cost.heat}`);
    assert.equal(at(findings[findings.length - 1]), 'HS108@17');
    assert.equal(findings[findings.length - 1].cost.executed, false);
  });

  it('hotspy check --profile with cProfile alone costs json.dumps by its calls, not by the loop function self time', async () => {
    const r = await hotspy(['check', 'jsonexport.py', '--profile', 'export.prof', '--no-samples', '--format', 'json', '--no-measure'], sub());
    const findings = JSON.parse(r.stdout);
    assert.equal(at(findings[0]), 'HS401@12', JSON.stringify(findings.map(at)));
    assert.ok(findings[0].cost.heat > 0.5, `heat ${findings[0].cost.heat}`);
    assert.match(findings[0].cost.label, /\(300 calls to dumps from it\)/);
    assert.ok(!findings.some((f: any) => f.code === 'HS507'), 'the append itself is cold micro advice');
  });
});

describe('an I/O-bound program', () => {
  it('is called I/O-bound; the finding in its request loop ranks first, the never-run one last', async () => {
    const sub = path.join(dir, 'iobound');
    const r = await hotspy(['profile', '-o', 'io.prof', '--format', 'json', '--', 'python3', 'iobound.py'], sub);
    assert.equal(r.code, 0, r.stderr);
    const report = profileJson(r.stdout);
    assert.equal(report.verdict.kind, 'io', JSON.stringify(report.verdict));
    const findings = report.findings;
    assert.equal(at(findings[0]), 'HS101@21', JSON.stringify(findings.map(at)));
    assert.equal(findings[0].cost.function, 'fetch_all');
    assert.equal(findings[0].cost.executed, true);
    assert.ok(findings[0].cost.heat > 0 && findings[0].cost.heat <= 1);
    assert.equal(at(findings[findings.length - 1]), 'HS108@27');
    assert.equal(findings[findings.length - 1].cost.executed, false);

    const check = await hotspy(['check', 'iobound.py', '--profile', 'io.prof', '--no-samples', '--format', 'json', '--no-measure'], sub);
    assert.equal(at(JSON.parse(check.stdout)[0]), 'HS101@21');
  });
});

describe('a stdlib program nobody here wrote: python3 -m pydoc -w json', () => {
  it('profiles, then checks the stdlib files it ran: frames match exactly their own functions', async () => {
    const sub = path.join(dir, 'pydoc');
    fs.mkdirSync(sub);
    const r = await hotspy(['profile', '-o', 'pydoc.prof', '--no-report', '--', 'python3', '-m', 'pydoc', '-w', 'json'], sub);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(sub, 'json.html')));

    const stdlib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
    const targets = ['pydoc.py', 'inspect.py', 'json', 're', 'textwrap.py', 'posixpath.py'].map((p) => path.join(stdlib, p));
    const check = await hotspy(['check', ...targets, '--profile', 'pydoc.prof', '--no-samples', '--no-measure', '-q'], sub);
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    const summary = /matched (\d+) Python frames? of (\d+) to (\d+) checked files?(?:; not matched: (.*))?\./.exec(check.stdout);
    assert.ok(summary, check.stdout.slice(-600));
    const [matched, frames, filesMatched] = [Number(summary[1]), Number(summary[2]), Number(summary[3])];
    assert.ok(matched >= 50 && matched < frames, `${matched} of ${frames}`);
    assert.ok(filesMatched >= 4, String(filesMatched));
    const reasons = summary[4] ?? '';
    assert.match(reasons, /outside the checked files/);
    assert.doesNotMatch(reasons, /ambiguous|no code unit/, 'every frame of a checked file has its unit');

    // The oracle: a matched frame's file is its real file, its unit has the frame's name and first line.
    const run = loadRun(path.join(sub, 'pydoc.prof'), { samples: false });
    const files = targets.flatMap((t) => (fs.statSync(t).isDirectory() ? fs.readdirSync(t).filter((f) => f.endsWith('.py')).map((f) => path.join(t, f)) : [t]));
    const matching = matchFrames(run.profile, files.map((f) => indexFile(f)!));
    let checked = 0;
    run.profile.frames.forEach((frame, id) => {
      const m = matching.byFrame[id];
      const isChecked = frame.kind === 'python' && files.includes(frame.file);
      assert.equal(m !== undefined, isChecked, `${frame.name} ${frame.file}:${frame.line}`);
      if (!m) return;
      checked++;
      assert.equal(m.file.path, frame.file);
      assert.equal(m.unit.name, frame.name);
      assert.equal(m.unit.firstLine, frame.line, `${frame.name} in ${frame.file}`);
    });
    assert.ok(checked >= 50, String(checked));
  });
});

describe('bad input', () => {
  it('check --profile with a missing file: one line naming it, exit 2', async () => {
    const sub = path.join(dir, 'membership');
    const r = await hotspy(['check', 'membership.py', '--profile', 'missing.prof'], sub);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /missing\.prof/);
  });

  it('--min-cost abc: a usage error, exit 2', async () => {
    const r = await hotspy(['check', 'membership.py', '--profile', 'before.prof', '--min-cost', 'abc'], path.join(dir, 'membership'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--min-cost "abc"/);
    const p = await hotspy(['profile', '--min-cost', '150%', '--', 'python3', 'membership.py'], path.join(dir, 'membership'));
    assert.equal(p.code, 2);
    assert.match(p.stderr, /min-cost/);
  });

  it('diff with a corrupt profile: one line naming it, exit 2', async () => {
    const sub = path.join(dir, 'membership');
    fs.writeFileSync(path.join(sub, 'corrupt.prof'), Buffer.from([0x7b, 0x00, 0xff, 0x13, 0x37, 0x42]));
    const r = await hotspy(['diff', 'corrupt.prof', 'after.prof'], sub);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /corrupt\.prof/);
    assert.equal(r.stdout, '');
  });
});
