// Reads Austin's text output: 1.x (`Thread <hex>;FUNC (FILE);L<n>`, alt `FUNC (FILE:LINE)`),
// 2.x (`P<pid>;T<hex>` with 1.x frames) and 3.x (`# austin:` header, `P<pid>;T<iid>:<tid>`,
// frames `FILE:FUNC:LINE`, `:GC:`/`:INVALID:` markers), in wall, cpu, memory and full modes.
// Spec: shared/docs/profile-formats.md §3. Fills stacks with the executing line per frame,
// threads and processes, idle per sample (3.x full mode; 1.x sleepless `<idle>`), and for memory
// data the bytes allocated (positive RSS deltas) and released (negative) as separate profiles.
// Time metrics become seconds. Limitation: a 1.x memory-mode file looks exactly like a 1.x wall
// file (one number per line, no header) and is read as wall time.
import { SampleProfileBuilder } from '../builders.js';
import { excerpt, ProfileFormatError } from '../errors.js';
import type { FrameKind, Profile, ThreadInfo } from '../model.js';
import { detach, type ProfileSource } from '../source.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

const HEAD_3X = /^P(\d+);T(?:(\d+):)?([0-9A-Fa-f]+)(?=;| |$)/;
const HEAD_1X = /^(?:Process (\d+);)?Thread ([0-9A-Fa-f]+)(?=;| |$)/;
const INT = /^-?\d+$/;

type Mode = 'wall' | 'cpu' | 'memory' | 'full';

interface ParsedFrame {
  name: string;
  file: string;
  line: number;
  kind: FrameKind;
}

interface Parsed {
  frames: ParsedFrame[];
  idleMarker: boolean;
}

export const austinReader: ProfileReader = {
  id: 'austin',
  displayName: 'Austin (text samples)',
  nameHints: ['.austin', '.austin.txt'],

  sniff(probe: Probe): SniffResult {
    const text = probe.headText();
    if (text.startsWith('MOJ')) return 'mine';
    if (text.startsWith('# austin:')) return 'mine';
    const first = text.split('\n', 8).find((l) => l.trim() !== '' && !l.startsWith('#'));
    if (first === undefined) return 'no';
    if (HEAD_1X.test(first) || HEAD_3X.test(first)) return / -?\d+(?:[ ,]-?\d+){0,2}\r?$/.test(first) || probe.head.length >= 65536 ? 'mine' : 'maybe';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const file = source.name;
    const head = source.head();
    if (head[0] === 0x4d && head[1] === 0x4f && head[2] === 0x4a) {
      throw new ProfileFormatError(file, 'Austin binary (MOJO) output is not supported; record with text output (without -b)');
    }
    const meta: Record<string, string | number> = {};
    let mode: Mode | undefined;
    let interval: number | undefined;
    let version3 = false;
    // Time, allocation and release each get their own builder; stacks are parsed once.
    const time = new SampleProfileBuilder();
    const alloc = new SampleProfileBuilder();
    const free = new SampleProfileBuilder();
    const parsedOf = new Map<string, Parsed>();
    const stackIn = new Map<SampleProfileBuilder, Map<string, number>>([
      [time, new Map()],
      [alloc, new Map()],
      [free, new Map()],
    ]);
    const threadIn = new Map<SampleProfileBuilder, Map<string, number>>([
      [time, new Map()],
      [alloc, new Map()],
      [free, new Map()],
    ]);
    let lineNo = 0;
    let sampleLines = 0;
    let metricsWidth = 0;
    let idleSeen = false;

    const add = (target: SampleProfileBuilder, framesText: string, thread: ThreadInfo, weight: number, idle: boolean | undefined): void => {
      const stacks = stackIn.get(target)!;
      let stack = stacks.get(framesText);
      if (stack === undefined) {
        const parsed = parsedOf.get(framesText)!;
        stack = target.stack(parsed.frames.map((f) => target.site(target.frame(f.name, f.file, 0, f.kind), f.line)));
        stacks.set(framesText, stack);
      }
      const threads = threadIn.get(target)!;
      let t = threads.get(thread.key);
      if (t === undefined) {
        t = target.thread(thread);
        threads.set(thread.key, t);
      }
      target.add(stack, weight, t, idle);
    };

    for (const line of source.lines()) {
      lineNo++;
      if (line.trim() === '') continue;
      if (line.startsWith('# ')) {
        const m = /^# ([a-z_ ]+): (.*)$/.exec(line);
        if (!m) continue;
        const [, key, value] = m as unknown as [string, string, string];
        if (key === 'austin') {
          version3 = true;
          meta.tool_version = value;
        } else if (key === 'mode') {
          if (!['wall', 'cpu', 'memory', 'full'].includes(value)) throw new ProfileFormatError(file, `line ${lineNo}: unknown Austin mode ${excerpt(value)}`);
          mode = value as Mode;
        } else if (key === 'interval') {
          interval = positiveInt(value, file, lineNo, 'interval');
        } else if (key === 'duration' || key === 'gc') {
          meta[`${key}_seconds`] = positiveInt(value, file, lineNo, key) / 1e6;
        } else if (key === 'python') meta.python_version = value;
        else if (key === 'memory') meta.system_memory_kib = positiveInt(value, file, lineNo, key);
        else meta[key.replace(/ /g, '_')] = value;
        continue;
      }
      const { thread, rest, legacy } = parseHead(line, file, lineNo);
      // The metric is the last space-separated field (3.x full mode: a comma-separated triple);
      // 1.x/2.x full mode writes three space-separated numbers.
      const sp = rest.lastIndexOf(' ');
      if (sp < 0) throw new ProfileFormatError(file, `line ${lineNo}: no metric at the end of ${excerpt(line)}`);
      const metricsText = rest.slice(sp + 1);
      let framesText = rest.slice(0, sp);
      let metrics: number[];
      if (metricsText.includes(',')) {
        metrics = metricsText.split(',').map((m) => intOrFail(m, file, lineNo));
        if (metrics.length !== 3) throw new ProfileFormatError(file, `line ${lineNo}: expected TIME,IDLE,MEMORY, found ${excerpt(metricsText)}`);
      } else {
        metrics = [intOrFail(metricsText, file, lineNo)];
        // "…;L15 1084 0 0": two more integers before it make the 1.x/2.x full-mode triple.
        const m = /^(.*?) (-?\d+) (-?\d+)$/.exec(framesText);
        if (m && (m[1] === '' || m[1]!.endsWith(')') || /;L\d+$/.test(m[1]!) || m[1]!.endsWith('<idle>'))) {
          metrics = [Number(m[2]), Number(m[3]), metrics[0]!];
          framesText = m[1]!;
        }
      }
      if (metricsWidth === 0) {
        metricsWidth = metrics.length;
        if (mode === undefined) mode = metricsWidth === 3 ? 'full' : 'wall';
      } else if (metrics.length !== metricsWidth) {
        throw new ProfileFormatError(file, `line ${lineNo}: ${metrics.length} metrics where earlier lines had ${metricsWidth}`);
      }
      let parsed = parsedOf.get(framesText);
      if (!parsed) {
        framesText = detach(framesText);
        parsed = parseFrames(framesText, file, lineNo);
        parsedOf.set(framesText, parsed);
      }
      if (parsed.idleMarker) idleSeen = true;
      sampleLines++;
      // 1.x prints memory in KiB; 2.x and 3.x in bytes.
      const scale = legacy ? 1024 : 1;
      if (mode === 'memory') {
        const d = metrics[0]! * scale;
        if (d > 0) add(alloc, framesText, thread, d, undefined);
        else if (d < 0) add(free, framesText, thread, -d, undefined);
        continue;
      }
      const idle = mode === 'full' && metricsText.includes(',') ? metrics[1] !== 0 : parsed.idleMarker ? true : undefined;
      add(time, framesText, thread, Math.max(0, metrics[0]!) / 1e6, idle);
      if (mode === 'full') {
        // 3.x: TIME,IDLE,DELTA (signed); 1.x/2.x: TIME ALLOC FREE (FREE <= 0).
        const [allocated, released] = metricsText.includes(',')
          ? [Math.max(0, metrics[2]!), Math.max(0, -metrics[2]!)]
          : [Math.max(0, metrics[1]!), Math.abs(metrics[2]!)];
        if (allocated > 0) add(alloc, framesText, thread, allocated * scale, undefined);
        if (released > 0) add(free, framesText, thread, released * scale, undefined);
      }
    }
    if (sampleLines === 0) throw new ProfileFormatError(file, 'no Austin samples');
    // 1.x sleepless mode marks idle stacks with `<idle>`; every other sample was running.
    if (idleSeen && mode !== 'full') {
      time.resolveUnknownIdle(false);
      mode = 'cpu';
    }

    const finalMode: Mode = mode ?? 'wall';
    meta.mode = finalMode;
    meta.sample_count = sampleLines;
    if (!version3) meta.tool_version = '1.x/2.x';
    const sampleInterval = interval !== undefined ? interval / 1e6 : undefined;
    const header = (metric: string, unit: 'seconds' | 'bytes') => ({
      format: 'austin',
      kind: 'sampled' as const,
      unit,
      metric,
      ...(sampleInterval !== undefined ? { sampleInterval } : {}),
      metadata: { ...meta },
    });
    const allocProfile = () => alloc.build(header('memory-allocated', 'bytes'));
    const freeProfile = () => free.build(header('memory-released', 'bytes'));
    if (finalMode === 'memory') {
      const primary = allocProfile();
      primary.related = [freeProfile()];
      return primary;
    }
    const primary = time.build(header(finalMode === 'cpu' ? 'cpu' : 'wall', 'seconds'));
    if (finalMode === 'full') primary.related = [allocProfile(), freeProfile()];
    return primary;
  },
};

function parseHead(line: string, file: string, lineNo: number): { thread: ThreadInfo; rest: string; legacy: boolean } {
  const m3 = HEAD_3X.exec(line);
  if (m3) {
    const pid = Number(m3[1]);
    const tid = m3[3]!;
    const thread: ThreadInfo = { key: `P${m3[1]};T${m3[2] !== undefined ? `${m3[2]}:` : ''}${tid}`, pid, tid, ...(m3[2] !== undefined ? { interpreter: Number(m3[2]) } : {}) };
    return { thread, rest: line.slice(m3[0].length), legacy: false };
  }
  const m1 = HEAD_1X.exec(line);
  if (m1) {
    const thread: ThreadInfo = { key: `${m1[1] !== undefined ? `P${m1[1]};` : ''}Thread ${m1[2]}`, tid: m1[2]!, ...(m1[1] !== undefined ? { pid: Number(m1[1]) } : {}) };
    return { thread, rest: line.slice(m1[0].length), legacy: true };
  }
  throw new ProfileFormatError(file, `line ${lineNo}: expected an Austin sample ("P<pid>;T<tid>;..." or "Thread <id>;..."), found ${excerpt(line)}`);
}

/** Frames after the thread head: `;`-separated, root first, in 1.x or 3.x syntax. */
function parseFrames(text: string, file: string, lineNo: number): Parsed {
  const frames: ParsedFrame[] = [];
  let idleMarker = false;
  if (text === '') return { frames, idleMarker };
  if (!text.startsWith(';')) throw new ProfileFormatError(file, `line ${lineNo}: expected ";" before the frames, found ${excerpt(text)}`);
  const parts = text.slice(1).split(';');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '<idle>') {
      idleMarker = true;
      continue;
    }
    if (p === ':GC:' || p === ':INVALID:') {
      frames.push({ name: p.slice(1, -1), file: '', line: 0, kind: 'synthetic' });
      continue;
    }
    if (p.startsWith('Bad sample')) {
      frames.push({ name: 'INVALID', file: '', line: 0, kind: 'synthetic' });
      continue;
    }
    if (p.endsWith(')')) {
      // 1.x: `FUNC (FILE)` then `L<line>`, or the alternative `FUNC (FILE:LINE)`.
      const open = p.indexOf(' (');
      if (open < 0) throw new ProfileFormatError(file, `line ${lineNo}: bad frame ${excerpt(p)}`);
      const name = p.slice(0, open);
      let inner = p.slice(open + 2, -1);
      let line = 0;
      const next = parts[i + 1];
      if (next !== undefined && /^L\d+$/.test(next)) {
        line = Number(next.slice(1));
        i++;
      } else {
        const colon = /:(\d+)$/.exec(inner);
        if (colon) {
          line = Number(colon[1]);
          inner = inner.slice(0, colon.index);
        }
      }
      frames.push({ name, file: inner, line: safeLine(line), kind: 'python' });
      continue;
    }
    // 3.x: FILE:FUNC:LINE, split on the last two colons (FILE may contain colons).
    const last = p.lastIndexOf(':');
    const mid = last > 0 ? p.lastIndexOf(':', last - 1) : -1;
    const lineText = p.slice(last + 1);
    if (mid < 0 || !/^\d+$/.test(lineText)) throw new ProfileFormatError(file, `line ${lineNo}: bad frame ${excerpt(p)} (expected FILE:FUNCTION:LINE)`);
    const f = p.slice(0, mid);
    const kind: FrameKind = f === 'kernel' ? 'native' : 'python';
    frames.push({ name: p.slice(mid + 1, last), file: f, line: safeLine(Number(lineText)), kind });
  }
  return { frames, idleMarker };
}

function safeLine(n: number): number {
  return Number.isSafeInteger(n) ? n : 0;
}

function intOrFail(text: string, file: string, lineNo: number): number {
  if (!INT.test(text) || !Number.isSafeInteger(Number(text))) throw new ProfileFormatError(file, `line ${lineNo}: bad metric ${excerpt(text)}`);
  return Number(text);
}

function positiveInt(text: string, file: string, lineNo: number, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new ProfileFormatError(file, `line ${lineNo}: bad ${what} ${excerpt(text)}`);
  return n;
}
