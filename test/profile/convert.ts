// Test helper: re-encodes a real Austin 3.x sample file as py-spy `--format raw` (collapsed)
// and `--format speedscope` text, so those readers can be cross-checked against the Austin
// reader on the same real stacks. Weights are Austin's microseconds.
interface RawSample {
  pid: string;
  tid: string;
  frames: Array<{ file: string; name: string; line: number }>;
  micros: number;
}

export function austinSamples(text: string): RawSample[] {
  const out: RawSample[] = [];
  for (const line of text.split('\n')) {
    const m = /^P(\d+);T\d+:(\d+)(;.*)? (\d+)$/.exec(line);
    if (!m) continue;
    const frames = (m[3] ?? '')
      .split(';')
      .slice(1)
      .map((f) => {
        const last = f.lastIndexOf(':');
        const mid = f.lastIndexOf(':', last - 1);
        return { file: f.slice(0, mid), name: f.slice(mid + 1, last), line: Number(f.slice(last + 1)) };
      });
    out.push({ pid: m[1]!, tid: m[2]!, frames, micros: Number(m[4]) });
  }
  return out;
}

/** py-spy raw with `--threads` (and `--subprocesses` when asked): one line per distinct stack. */
export function toCollapsed(samples: RawSample[], opts: { threads?: boolean; processes?: boolean } = {}): string {
  const sums = new Map<string, number>();
  for (const s of samples) {
    if (s.frames.length === 0) continue; // py-spy never writes frame-less samples
    const head: string[] = [];
    if (opts.processes) head.push(`process ${s.pid}:"python3.12 busy2.py"`);
    if (opts.threads) head.push(s.tid === s.pid ? `thread (${s.tid}): MainThread` : `thread (${s.tid})`);
    const key = [...head, ...s.frames.map((f) => `${f.name} (${f.file}:${f.line})`)].join(';');
    sums.set(key, (sums.get(key) ?? 0) + s.micros);
  }
  return [...sums].map(([k, v]) => `${k} ${v}\n`).join('');
}

/** py-spy style speedscope: shared frames with executing lines, one sampled profile per thread. */
export function toSpeedscope(samples: RawSample[]): string {
  const frames: Array<{ name: string; file: string; line: number; col: null }> = [];
  const index = new Map<string, number>();
  const profiles = new Map<string, { samples: number[][]; weights: number[] }>();
  for (const s of samples) {
    if (s.frames.length === 0) continue;
    const ids = s.frames.map((f) => {
      const key = `${f.name}\0${f.file}\0${f.line}`;
      let id = index.get(key);
      if (id === undefined) {
        id = frames.length;
        frames.push({ name: f.name, file: f.file, line: f.line, col: null });
        index.set(key, id);
      }
      return id;
    });
    const name = `Thread ${s.tid} "${s.tid === s.pid ? 'MainThread' : ''}"`;
    let p = profiles.get(name);
    if (!p) profiles.set(name, (p = { samples: [], weights: [] }));
    p.samples.push(ids);
    p.weights.push(s.micros);
  }
  return JSON.stringify({
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    profiles: [...profiles].sort().map(([name, p]) => ({ type: 'sampled', name, unit: 'microseconds', startValue: 0, endValue: p.weights.reduce((a, b) => a + b, 0), samples: p.samples, weights: p.weights })),
    shared: { frames },
    activeProfileIndex: null,
    exporter: 'py-spy@0.4.2',
    name: 'py-spy profile',
  });
}
