// Reads speedscope JSON (https://www.speedscope.app/file-format-schema.json): py-spy
// `--format speedscope` (sampled profiles, one per thread, `null` optional fields) and
// pyinstrument `-r speedscope` (one evented profile). Spec: shared/docs/profile-formats.md §2.4.
// Fills stacks (sampled: weights as given; evented: time between events), threads from py-spy's
// profile names (`[Process PID ]Thread TID "NAME"`), and lines where frames carry the executing
// line (py-spy). pyinstrument's frame `line` is the function's first line, so it becomes
// `Frame.line` and no per-line costs are derived; its `[self]` frames are folded into their
// parent. Time units become seconds.
import { CallTreeBuilder, MAX_EVENT_DEPTH, SampleProfileBuilder } from '../builders.js';
import { ProfileFormatError } from '../errors.js';
import type { Profile, ProfileUnit, ThreadInfo } from '../model.js';
import type { ProfileSource } from '../source.js';
import { isObject, JsonShape } from './json-shape.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

const SCHEMA = 'https://www.speedscope.app/file-format-schema.json';
const UNIT_SCALE: Record<string, [ProfileUnit, number]> = {
  seconds: ['seconds', 1],
  milliseconds: ['seconds', 1e-3],
  microseconds: ['seconds', 1e-6],
  nanoseconds: ['seconds', 1e-9],
  none: ['samples', 1],
  bytes: ['bytes', 1],
};
const THREAD_NAME = /^(?:Process (\d+) )?Thread (\S+)(?: "(.*)")?$/;

export const speedscopeReader: ProfileReader = {
  id: 'speedscope',
  displayName: 'speedscope JSON (py-spy, pyinstrument)',
  nameHints: ['.speedscope.json', '.speedscope'],

  sniff(probe: Probe): SniffResult {
    if (probe.headText().includes(SCHEMA)) return 'mine';
    const json = probe.json();
    if (isObject(json) && isObject(json.shared) && Array.isArray(json.profiles)) return 'maybe';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const j = new JsonShape(source.name);
    const root = j.object(source.json(), 'top level');
    if (root.$schema !== SCHEMA) j.fail('$schema', `expected "${SCHEMA}"`);
    const shared = j.object(root.shared, 'shared');
    const rawFrames = j.array(shared.frames, 'shared.frames');
    const profiles = j.array(root.profiles, 'profiles');
    if (profiles.length === 0) j.fail('profiles', 'no profiles');
    const exporter = j.optionalString(root.exporter, 'exporter') ?? '';
    // py-spy's frame line is the executing line; other exporters (pyinstrument) give the
    // function's first line.
    const executingLines = exporter.startsWith('py-spy');

    const b = new SampleProfileBuilder();
    const siteOf: number[] = rawFrames.map((f, i) => {
      const where = `shared.frames[${i}]`;
      const o = j.object(f, where);
      const name = j.string(o.name, `${where}.name`);
      const file = j.optionalString(o.file, `${where}.file`) ?? '';
      const line = j.optionalNumber(o.line, `${where}.line`) ?? 0;
      const ln = Number.isSafeInteger(line) && line > 0 ? line : 0;
      const kind = file === '<built-in>' ? 'builtin' : name.startsWith('[') && file === '' ? 'synthetic' : 'python';
      // pyinstrument's `[self]` frame is its parent's own time, not a call: fold it into the parent.
      if (name === '[self]' && file === '') return -1;
      return executingLines ? b.site(b.frame(name, file, 0, kind), ln) : b.site(b.frame(name, file, ln, kind), 0);
    });

    let unit: ProfileUnit | undefined;
    let interval: number | undefined;
    let intervalConsistent = true;
    let samples = 0;
    profiles.forEach((p, pi) => {
      const where = `profiles[${pi}]`;
      const prof = j.object(p, where);
      const unitName = j.string(prof.unit, `${where}.unit`);
      const conv = UNIT_SCALE[unitName];
      if (!conv) j.fail(`${where}.unit`, `unknown unit ${JSON.stringify(unitName.slice(0, 40))}`);
      const [u, scale] = conv!;
      if (unit !== undefined && u !== unit) j.fail(`${where}.unit`, `unit ${unitName} differs from the first profile's`);
      unit = u;
      const name = j.optionalString(prof.name, `${where}.name`) ?? '';
      const thread = profiles.length > 1 || THREAD_NAME.test(name) ? b.thread(threadInfo(name, pi)) : -1;
      if (prof.type === 'sampled') {
        const stacks = j.array(prof.samples, `${where}.samples`);
        const weights = j.array(prof.weights, `${where}.weights`);
        if (weights.length !== stacks.length) j.fail(`${where}.weights`, `${weights.length} weights for ${stacks.length} samples`);
        const stackCache = new Map<string, number>();
        stacks.forEach((s, si) => {
          const swhere = `${where}.samples[${si}]`;
          const frames = j.array(s, swhere);
          const sites = frames.map((f, k) => siteOf[j.index(f, `${swhere}[${k}]`, siteOf.length)]!).filter((site) => site >= 0);
          const key = sites.join(',');
          let stack = stackCache.get(key);
          if (stack === undefined) {
            stack = b.stack(sites);
            stackCache.set(key, stack);
          }
          const w = j.number(weights[si], `${where}.weights[${si}]`);
          if (w < 0) j.fail(`${where}.weights[${si}]`, 'negative weight');
          b.add(stack, w * scale, thread);
          if (u === 'seconds') {
            if (interval === undefined) interval = w * scale;
            else if (interval !== w * scale) intervalConsistent = false;
          }
          samples++;
        });
      } else if (prof.type === 'evented') {
        const events = j.array(prof.events, `${where}.events`);
        const tree = new CallTreeBuilder(b, thread);
        const openFrames: number[] = [];
        let last = -Infinity;
        events.forEach((e, ei) => {
          const ewhere = `${where}.events[${ei}]`;
          const ev = j.object(e, ewhere);
          const frame = j.index(ev.frame, `${ewhere}.frame`, siteOf.length);
          const at = j.number(ev.at, `${ewhere}.at`) * scale;
          if (at < last) j.fail(`${ewhere}.at`, 'events go back in time');
          last = at;
          if (ev.type === 'O') {
            if (tree.depth >= MAX_EVENT_DEPTH) j.fail(ewhere, `stack deeper than ${MAX_EVENT_DEPTH} frames`);
            tree.enter(siteOf[frame]!, at);
            openFrames.push(frame);
          } else if (ev.type === 'C') {
            const top = openFrames.pop();
            if (top !== frame) j.fail(ewhere, `closes frame ${frame} but ${top === undefined ? 'no frame' : `frame ${top}`} is open`);
            tree.leave(at);
          } else j.fail(`${ewhere}.type`, 'expected "O" or "C"');
          samples++;
        });
        if (openFrames.length > 0) j.fail(`${where}.events`, `${openFrames.length} frames still open at the end`);
      } else {
        j.fail(`${where}.type`, 'expected "sampled" or "evented"');
      }
    });

    const meta: Record<string, string | number> = { events_or_samples: samples };
    if (exporter) meta.tool = exporter;
    if (typeof root.name === 'string') meta.program = root.name;
    const sampled = profiles.every((p) => isObject(p) && p.type === 'sampled');
    try {
      return b.build({
        format: 'speedscope',
        kind: 'sampled',
        unit: unit!,
        metric: unit === 'bytes' ? 'memory-allocated' : unit === 'samples' ? 'samples' : 'wall',
        ...(sampled && intervalConsistent && interval !== undefined && interval > 0 ? { sampleInterval: interval } : {}),
        metadata: meta,
      });
    } catch (err) {
      throw new ProfileFormatError(source.name, `cannot build the profile: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
};

function threadInfo(name: string, index: number): ThreadInfo {
  const m = THREAD_NAME.exec(name);
  if (!m) return { key: `profile ${index}: ${name}`, ...(name ? { name } : {}) };
  return {
    key: `${m[1] ?? ''}:${m[2]}`,
    tid: m[2]!,
    ...(m[1] !== undefined ? { pid: Number(m[1]) } : {}),
    ...(m[3] ? { name: m[3] } : {}),
  };
}
