// pstats parity on real programs: profile them with the machine's Python (cProfile and the
// pure-Python profile module) and with every pyenv Python 3.8–3.13, then require hotspy's reader
// to give every function's ncalls, primitive calls, tottime, cumtime and callers exactly as
// that Python's own pstats does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readProfileFile } from '../../src/profile/readers/index.js';
import { assertMatchesPstats, pstatsDump, pyenvPython } from './pstats-oracle.js';

const CPU_SCRIPT = `
import functools, heapq, itertools

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm2(self):
        return self.x * self.x + self.y * self.y

def mutual_a(n):
    return 0 if n == 0 else mutual_b(n - 1) + 1

def mutual_b(n):
    return 0 if n == 0 else mutual_a(n - 1) + 1

@functools.lru_cache(maxsize=None)
def cached(n):
    return sum(i * i for i in range(n))

def main():
    fib(18)
    pts = [Point(i % 97, i % 89) for i in range(20000)]
    pts.sort(key=lambda p: p.norm2())
    heapq.nlargest(10, (p.norm2() for p in pts))
    mutual_a(300)
    for n in range(200):
        cached(n % 50)
    words = {str(i): i for i in range(5000)}
    list(itertools.islice(sorted(words, key=words.get), 100))

main()
`;

const IO_SCRIPT = `
import os, select, socket, tempfile, threading, time

def disk(dirname):
    path = os.path.join(dirname, "data.bin")
    for _ in range(20):
        with open(path, "wb") as f:
            f.write(os.urandom(65536))
        with open(path, "rb") as f:
            f.read()

def network():
    a, b = socket.socketpair()
    for _ in range(50):
        a.sendall(b"x" * 1024)
        select.select([b], [], [], 1.0)
        b.recv(4096)
    a.close(); b.close()

def waiting():
    lock = threading.Lock()
    t = threading.Thread(target=lambda: (lock.acquire(), time.sleep(0.05), lock.release()))
    t.start()
    time.sleep(0.01)
    with lock:
        pass
    t.join()
    for _ in range(5):
        time.sleep(0.01)

with tempfile.TemporaryDirectory() as d:
    disk(d)
network()
waiting()
`;

function bigJson(file: string): void {
  const items = [];
  for (let i = 0; i < 15000; i++) {
    items.push({ id: i, name: `item ${i} \u00e9\u4e2d`, tags: ['a', 'b', String(i % 7)], nested: { value: i / 7, ok: i % 2 === 0, none: null }, text: 'x'.repeat(i % 50) });
  }
  fs.writeFileSync(file, JSON.stringify({ items, count: items.length }));
}

function profileWith(python: string, args: string[], out: string, cwd: string, profiler = 'cProfile'): void {
  execFileSync(python, ['-m', profiler, '-o', out, ...args], { cwd, stdio: 'ignore', timeout: 120_000 });
}

test('pstats parity on real programs profiled by this machine\'s Python', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-parity-'));
  try {
    bigJson(path.join(dir, 'big.json'));
    fs.writeFileSync(path.join(dir, 'cpu.py'), CPU_SCRIPT);
    fs.writeFileSync(path.join(dir, 'io_bound.py'), IO_SCRIPT);
    const runs: Array<[string, string[], string?]> = [
      ['json_tool.prof', ['-m', 'json.tool', 'big.json', 'out.json']],
      ['pydoc.prof', ['-m', 'pydoc', '-w', 'json']],
      ['cpu.prof', ['cpu.py']],
      ['io.prof', ['io_bound.py']],
      ['cpu_profile.prof', ['cpu.py'], 'profile'],
    ];
    const files = runs.map(([out, args, profiler]) => {
      profileWith('python3', args, out, dir, profiler);
      return path.join(dir, out);
    });
    assert.ok(fs.existsSync(path.join(dir, 'json.html')), 'pydoc wrote its page');
    const dumps = pstatsDump(files);
    let functions = 0;
    let edges = 0;
    files.forEach((file, i) => {
      const profile = readProfileFile(file);
      const n = assertMatchesPstats(profile, dumps[i]!);
      functions += n.functions;
      edges += n.edges;
    });
    // Sanity: the programs are large enough for the comparison to mean something.
    assert.ok(functions > 1000, `${functions} functions`);
    assert.ok(edges > 1500, `${edges} edges`);
    process.stdout.write(`# pstats parity (python3): ${functions} functions, ${edges} caller edges on ${files.length} profiles\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pstats parity across pyenv Pythons 3.8–3.13 (each its own oracle)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspy-parity-'));
  try {
    fs.writeFileSync(path.join(dir, 'cpu.py'), CPU_SCRIPT);
    let compared = 0;
    let functions = 0;
    for (const version of ['3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0']) {
      const python = pyenvPython(version);
      if (!python) continue;
      const files = ['cProfile', 'profile'].map((profiler) => {
        const out = path.join(dir, `cpu_${profiler}_${version}.prof`);
        profileWith(python, ['cpu.py'], out, dir, profiler);
        return out;
      });
      const dumps = pstatsDump(files, python);
      files.forEach((file, i) => (functions += assertMatchesPstats(readProfileFile(file), dumps[i]!).functions));
      compared++;
    }
    assert.ok(compared >= 1, 'no pyenv Python found');
    process.stdout.write(`# pstats parity (pyenv): ${functions} functions on ${compared} Python versions × cProfile/profile\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
