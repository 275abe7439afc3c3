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
import type { ProfileSource } from '../source.js';
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
    const stackOf = new Map<string, { stack: number; thread: number; withLines: boolean }>();
    let lineNo = 0;
    let samples = 0;
    let withLines = 0;
    for (const line of source.lines()) {
      lineNo++;
      if (line.length === 0 || line.trim() === '') continue;
      const sp = line.lastIndexOf(' ');
      const countText = sp > 0 ? line.slice(sp + 1) : '';
      if (!COUNT.test(countText)) {
        throw new ProfileFormatError(source.name, `line ${lineNo}: expected "<frame;frame;...> <count>", found ${excerpt(line)}`);
      }
      const count = Number(countText);
      if (!Number.isFinite(count)) throw new ProfileFormatError(source.name, `line ${lineNo}: count too large`);
      const text = line.slice(0, sp);
      let known = stackOf.get(text);
      if (known === undefined) {
        known = parseStack(b, text);
        if (known.withLines) withLines++;
        stackOf.set(text, known);
      }
      b.add(known.stack, count, known.thread);
      samples += count;
    }
    if (samples === 0 && stackOf.size === 0) throw new ProfileFormatError(source.name, 'no stack lines');
    return b.build({
      format: 'collapsed',
      kind: 'sampled',
      unit: 'samples',
      metric: 'samples',
      metadata: { sample_count: samples, distinct_stacks: stackOf.size, ...(withLines === 0 ? { lines: 'absent' } : {}) },
    });
  },
};

function parseStack(b: SampleProfileBuilder, text: string): { stack: number; thread: number; withLines: boolean } {
  const parts = text.split(';');
  let i = 0;
  let pid: number | undefined;
  let command: string | undefined;
  let thread: ThreadInfo | undefined;
  // py-spy puts process frames (outermost ancestor first), then the thread frame, at the root.
  for (; i < parts.length; i++) {
    const p = PROCESS_FRAME.exec(parts[i]!);
    if (!p) break;
    pid = Number(p[1]);
    command = p[2];
  }
  const t = i < parts.length ? THREAD_FRAME.exec(parts[i]!) : null;
  if (t) {
    i++;
    thread = { key: `${pid ?? ''}:${t[1]}`, tid: t[1]!, ...(pid !== undefined ? { pid } : {}), ...(t[2] !== undefined ? { name: t[2] } : {}) };
  } else if (pid !== undefined) {
    thread = { key: `${pid}:`, pid, ...(command !== undefined ? { name: command } : {}) };
  }
  const sites: number[] = [];
  let withLines = false;
  for (; i < parts.length; i++) {
    const f = parseFrame(parts[i]!);
    if (f.line > 0) withLines = true;
    sites.push(b.site(b.frame(f.name, f.file, 0, f.kind), f.line));
  }
  return { stack: b.stack(sites), thread: thread ? b.thread(thread) : -1, withLines };
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
