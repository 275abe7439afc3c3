// Reads collapsed ("folded") stacks: Brendan Gregg's `stackcollapse` format and py-spy
// `--format raw` (also with `--threads`, `--subprocesses`, `--idle`, `--gil`, `--nolineno`).
// Spec: shared/docs/profile-formats.md §2.2; https://github.com/brendangregg/FlameGraph.
// One line per distinct stack: `frame;frame;… COUNT`, root first. Fills stacks (weights are
// sample counts), per-function and, when frames carry `(file:line)`, per-line costs. py-spy's
// synthetic `thread (TID): NAME` / `process PID:"CMD"` root frames become thread/process info.
// `--idle` and `--gil` leave no marker in the file, so idle is unknown. Streams line by line:
// memory grows with the number of distinct stacks, not with the input size.
import { SampleProfileBuilder } from '../builders.js';
import { excerpt, ProfileFormatError } from '../errors.js';
import type { FrameKind, Profile, ThreadInfo } from '../model.js';
import { detach, MAX_LINE_CHARS, type ProfileSource } from '../source.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

const COUNT = /^\d+(?:\.\d+)?$/;
const THREAD_FRAME = /^thread \((0x[0-9A-Fa-f]+|\d+)\)(?:: (.*))?$/;
const PROCESS_FRAME = /^process (\d+):"(.*)"$/;

export const collapsedReader: ProfileReader = {
  id: 'collapsed',
  displayName: 'collapsed stacks (py-spy raw, Brendan Gregg folded)',
  nameHints: ['.collapsed', '.folded', '.collapsedstack.txt', '.stacks', '.raw.txt'],

  sniff(probe: Probe): SniffResult {
    const lines = probe.headText().split('\n', 20).map((l) => l.replace(/\r$/, ''));
    // The probe may end mid-line; judge complete lines only.
    if (probe.head.length >= 65536) lines.pop();
    const content = lines.filter((l) => l.trim() !== '');
    if (content.length === 0) return 'no';
    if (content.some((l) => l.startsWith('#') || l.startsWith('{') || l.startsWith('['))) return 'no';
    let good = 0;
    for (const l of content) {
      const sp = l.lastIndexOf(' ');
      if (sp <= 0 || !COUNT.test(l.slice(sp + 1))) return 'no';
      // Austin lines also end in a number, but start with its thread/process head.
      if (/^(Thread [0-9a-f]+|Process \d+;|P\d+;T)/.test(l)) return 'no';
      good++;
    }
    return good > 0 && content.some((l) => l.includes(';') || / \([^()]*\) \d+$/.test(l)) ? 'mine' : 'maybe';
  },

  read(source: ProfileSource): Profile {
    const b = new SampleProfileBuilder();
    const known: KnownStack[] = [];
    const cache: ParseCache = { siteOf: new Map(), siteHasLine: [], threadOf: new Map() };
    const record = (text: string): KnownStack => {
      const parsed = parseStack(b, text, cache);
      const k: KnownStack = { ...parsed, weight: 0, lines: 0 };
      known.push(k);
      return k;
    };
    const bad = (lineNo: number, line: string): never => {
      throw new ProfileFormatError(source.name, `line ${lineNo}: expected "<frame;frame;...> <count>", found ${excerpt(line)}`);
    };
    if (source.encoding() === 'utf-8') scanBytes(source, record, bad);
    else scanLines(source, record, bad);
    if (known.length === 0) throw new ProfileFormatError(source.name, 'no stack lines');
    // Each distinct stack's weight was summed while scanning; add it to the model once.
    let samples = 0;
    let withLines = 0;
    for (const k of known) {
      b.add(k.stack, k.weight, k.thread, undefined, k.lines);
      samples += k.weight;
      if (k.withLines) withLines++;
    }
    if (!Number.isFinite(samples)) throw new ProfileFormatError(source.name, 'count too large');
    return b.build({
      format: 'collapsed',
      kind: 'sampled',
      unit: 'samples',
      metric: 'samples',
      metadata: { sample_count: samples, distinct_stacks: known.length, ...(withLines === 0 ? { lines: 'absent' } : {}) },
    });
  },
};

interface KnownStack {
  stack: number;
  thread: number;
  withLines: boolean;
  /** Summed count of every line with this stack. */
  weight: number;
  /** Number of input lines with this stack. */
  lines: number;
}

type Record = (stackText: string) => KnownStack;
type Bad = (lineNo: number, line: string) => never;

/** The general path (UTF-16 input): decoded lines. */
function scanLines(source: ProfileSource, record: Record, bad: Bad): void {
  const stackOf = new Map<string, KnownStack>();
  let lineNo = 0;
  for (const line of source.lines()) {
    lineNo++;
    if (line.length === 0) continue;
    const sp = line.lastIndexOf(' ');
    const count = sp > 0 ? parseCount(line, sp + 1) : -1;
    if (count < 0) {
      if (line.trim() === '') continue;
      bad(lineNo, line);
    }
    const text = line.slice(0, sp);
    let k = stackOf.get(text);
    if (k === undefined) {
      const key = detach(text);
      k = record(key);
      stackOf.set(key, k);
    }
    k.weight += count;
    k.lines++;
  }
}

/**
 * The fast path (UTF-8, the normal case): lines are found and stacks recognised on the raw bytes
 * with a hash table of byte strings, so a repeated stack is never decoded again. Only new stacks
 * are decoded and parsed.
 */
function scanBytes(source: ProfileSource, record: Record, bad: Bad): void {
  const table = new Map<number, Array<{ bytes: Buffer; k: KnownStack }>>();
  const decoder = new TextDecoder('utf-8');
  let pending: Buffer | undefined;
  let lineNo = 0;
  let first = true;

  const line = (data: Buffer, start: number, end: number): void => {
    lineNo++;
    if (end > start && data[end - 1] === 13) end--;
    if (end === start) return;
    // count: digits (optionally with a fraction) after the last space
    let sp = end - 1;
    while (sp >= start && data[sp] !== 32) sp--;
    let count = -1;
    if (sp > start && sp < end - 1) {
      let v = 0;
      let i = sp + 1;
      for (; i < end; i++) {
        const c = data[i]! - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i === end) count = i - sp - 1 > 15 ? Number(data.toString('latin1', sp + 1, end)) : v;
      else {
        const text = data.toString('latin1', sp + 1, end);
        if (COUNT.test(text)) count = Number(text);
      }
    }
    if (count < 0) {
      const text = decoder.decode(data.subarray(start, end));
      if (text.trim() === '') return;
      bad(lineNo, text);
    }
    // FNV-1a over the length, the first 32 and the last 96 bytes of the stack (where stacks
    // differ: the threads and the leaves); equal hashes are confirmed by a full comparison.
    const len = sp - start;
    let h = Math.imul(0x811c9dc5 ^ len, 0x01000193);
    if (len <= 128) for (let i = start; i < sp; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
    else {
      for (let i = start; i < start + 32; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
      for (let i = sp - 96; i < sp; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
    }
    let bucket = table.get(h);
    let k: KnownStack | undefined;
    if (bucket) {
      for (const cand of bucket) {
        if (cand.bytes.length === len && data.compare(cand.bytes, 0, len, start, sp) === 0) {
          k = cand.k;
          break;
        }
      }
    } else table.set(h, (bucket = []));
    if (!k) {
      const bytes = Buffer.from(data.subarray(start, sp)); // a copy: `data` is reused
      k = record(decoder.decode(bytes));
      bucket.push({ bytes, k });
    }
    k.weight += count;
    k.lines++;
  };

  for (const chunk of source.chunks()) {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first) {
      first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    if (pending) data = Buffer.concat([pending, data]);
    let pos = 0;
    for (;;) {
      const nl = data.indexOf(10, pos);
      if (nl < 0) break;
      line(data, pos, nl);
      pos = nl + 1;
    }
    pending = pos < data.length ? Buffer.from(data.subarray(pos)) : undefined;
    if (pending && pending.length > MAX_LINE_CHARS) throw new ProfileFormatError(source.name, `line ${lineNo + 1}: longer than ${MAX_LINE_CHARS} characters`);
  }
  if (pending) line(pending, 0, pending.length);
}

/** The count after the last space: digits with an optional fraction; -1 if it is not one. */
function parseCount(line: string, start: number): number {
  const end = line.length;
  if (start >= end) return -1;
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (i === start) return -1;
  if (i === end) return i - start > 15 ? Number(line.slice(start)) : value;
  const rest = line.slice(start);
  return COUNT.test(rest) ? Number(rest) : -1;
}

/** Frame texts and thread heads already parsed, so a frame shared by many stacks is parsed once. */
interface ParseCache {
  siteOf: Map<string, number>;
  siteHasLine: boolean[];
  threadOf: Map<string, number>;
}

function parseStack(b: SampleProfileBuilder, text: string, cache: ParseCache): Pick<KnownStack, 'stack' | 'thread' | 'withLines'> {
  const parts = text.split(';');
  let i = 0;
  // py-spy puts process frames (outermost ancestor first), then the thread frame, at the root.
  while (i < parts.length && parts[i]!.startsWith('process ') && PROCESS_FRAME.test(parts[i]!)) i++;
  if (i < parts.length && parts[i]!.startsWith('thread (') && THREAD_FRAME.test(parts[i]!)) i++;
  let thread = -1;
  if (i > 0) {
    const head = parts.slice(0, i).join(';');
    const known = cache.threadOf.get(head);
    if (known !== undefined) thread = known;
    else {
      thread = b.thread(threadInfo(parts.slice(0, i)));
      cache.threadOf.set(head, thread);
    }
  }
  const sites: number[] = new Array(parts.length - i);
  let withLines = false;
  for (let k = 0; i < parts.length; i++, k++) {
    const part = parts[i]!;
    let site = cache.siteOf.get(part);
    if (site === undefined) {
      const f = parseFrame(part);
      site = b.site(b.frame(f.name, f.file, 0, f.kind), f.line);
      cache.siteOf.set(part, site);
      cache.siteHasLine[site] = f.line > 0;
    }
    if (cache.siteHasLine[site]) withLines = true;
    sites[k] = site;
  }
  return { stack: b.stack(sites), thread, withLines };
}

/** Thread (and process) info from py-spy's synthetic root frames. */
function threadInfo(head: string[]): ThreadInfo {
  let pid: number | undefined;
  let command: string | undefined;
  let t: RegExpExecArray | null = null;
  for (const part of head) {
    const p = PROCESS_FRAME.exec(part);
    if (p) {
      pid = Number(p[1]);
      command = p[2];
    } else t = THREAD_FRAME.exec(part);
  }
  if (t) return { key: `${pid ?? ''}:${t[1]}`, tid: t[1]!, ...(pid !== undefined ? { pid } : {}), ...(t[2] !== undefined ? { name: t[2] } : {}) };
  return { key: `${pid}:`, ...(pid !== undefined ? { pid } : {}), ...(command !== undefined ? { name: command } : {}) };
}

/**
 * `name (file:line)`, `name (file)` or a bare `name`. The trailing group is found by matching
 * its parentheses from the end, so file names with parentheses and C++ names with argument
 * lists both work.
 */
export function parseFrame(text: string): { name: string; file: string; line: number; kind: FrameKind } {
  if (text.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 41) depth++;
      else if (c === 40 && --depth === 0) {
        open = i;
        break;
      }
    }
    if (open > 1 && text.charCodeAt(open - 1) === 32) {
      const name = text.slice(0, open - 1);
      const inner = text.slice(open + 1, -1);
      const m = /:(\d+)$/.exec(inner);
      const file = m ? inner.slice(0, m.index) : inner;
      const line = m ? Number(m[1]) : 0;
      if (file.length > 0) return { name, file, line: Number.isSafeInteger(line) ? line : 0, kind: kindOf(name, file) };
    }
  }
  return { name: text, file: '', line: 0, kind: kindOf(text, '') };
}

function kindOf(name: string, file: string): FrameKind {
  if (/^0x[0-9a-f]+$/i.test(name) || file === '?' || /\.(c|cc|cpp|cxx|h|hpp|rs|so(\.\d+)*)$/.test(file)) return 'native';
  return 'python';
}
