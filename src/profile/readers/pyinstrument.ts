// Reads pyinstrument's JSON renderer output (`pyinstrument -r json`, versions 3.x–5.x): a call
// tree with inclusive `time` per node. Spec: shared/docs/profile-formats.md §5. Each node's self
// time (time minus its children's) becomes the weight of its root-first stack. `line_no` is the
// function's first line, so no per-line costs. Synthetic `[self]` nodes are folded into their
// parent; `[await]` and `[out-of-context]` time is marked idle (the task was waiting); all
// other samples have unknown idle state. Only the profiled thread is in the file.
import { SampleProfileBuilder } from '../builders.js';
import type { FrameKind, Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { isObject, JsonShape, type JsonObject } from './json-shape.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

const MAX_NODES = 10_000_000;
/** Deeper trees cost depth² to flatten into stacks; real Python stacks stay far below. */
const MAX_DEPTH = 5_000;

export const pyinstrumentReader: ProfileReader = {
  id: 'pyinstrument',
  displayName: 'pyinstrument JSON',
  nameHints: ['.pyisession.json', '.pyinstrument.json'],

  sniff(probe: Probe): SniffResult {
    const head = probe.headText();
    if (!/^\s*\{/.test(head)) return 'no';
    if (/"root_frame"\s*:/.test(head) && /"(sample_count|duration)"\s*:/.test(head)) return 'mine';
    const json = probe.json();
    if (isObject(json) && 'root_frame' in json) return 'maybe';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const j = new JsonShape(source.name);
    const root = j.object(source.json(), 'top level');
    if (!('root_frame' in root)) j.fail('top level', 'no "root_frame" (not pyinstrument JSON)');
    const b = new SampleProfileBuilder();
    const meta: Record<string, string | number> = {};
    for (const [key, name] of [
      ['duration', 'duration_seconds'],
      ['sample_count', 'sample_count'],
      ['cpu_time', 'cpu_seconds'],
      ['start_time', 'start_time'],
    ] as const) {
      const v = j.optionalNumber(root[key], key);
      if (v !== undefined) meta[name] = v;
    }
    const program = j.optionalString(root.target_description, 'target_description') ?? j.optionalString(root.program, 'program');
    if (program !== undefined) meta.program = program;

    if (root.root_frame !== null) {
      // Iterative depth-first walk: hostile nesting must not exhaust the call stack.
      // Positions are named by depth and child index, not by the full path: a path string per
      // node would cost depth² on a deep tree.
      type Item = { node: unknown; where: string; parent: number[]; idle: boolean };
      const work: Item[] = [{ node: root.root_frame, where: 'root_frame', parent: [], idle: false }];
      let visited = 0;
      while (work.length > 0) {
        const { node, where, parent, idle } = work.pop()!;
        if (++visited > MAX_NODES) j.fail(where, `more than ${MAX_NODES} frames`);
        const o = j.object(node, where);
        const fn = j.string(o.function, `${where}: function`);
        const time = j.number(o.time, `${where}: time`);
        if (time < 0) j.fail(`${where}: time`, 'negative time');
        const children = o.children === undefined ? [] : j.array(o.children, `${where}: children`);
        let childTime = 0;
        const real: Array<[JsonObject, number]> = [];
        children.forEach((c, i) => {
          const child = j.object(c, `${where}: children[${i}]`);
          const t = j.number(child.time, `${where}: children[${i}].time`);
          childTime += t;
          real.push([child, i]);
        });
        if (fn === '[self]') {
          // Self time split out as a child: charge it to the parent's stack.
          if (parent.length > 0) b.add(b.stack(parent), time, -1, idle ? true : undefined);
          continue;
        }
        const file = j.optionalString(o.file_path, `${where}: file_path`) ?? '';
        const line = j.optionalNumber(o.line_no, `${where}: line_no`) ?? 0;
        const synthetic = fn.startsWith('[') && fn.endsWith(']') && file === '';
        const kind: FrameKind = synthetic ? 'synthetic' : file === '<built-in>' ? 'builtin' : 'python';
        const waiting = idle || (synthetic && (fn === '[await]' || fn === '[out-of-context]'));
        const site = b.site(b.frame(fn, file, Number.isSafeInteger(line) && line > 0 ? line : 0, kind), 0);
        if (parent.length >= MAX_DEPTH) j.fail(where, `call tree deeper than ${MAX_DEPTH} frames`);
        const stack = [...parent, site];
        // Rounding residue (times are printed with 6 decimals) can make children exceed the parent.
        const self = Math.max(0, time - childTime);
        if (self > 0 || children.length === 0) b.add(b.stack(stack), self, -1, waiting ? true : undefined);
        for (let k = real.length - 1; k >= 0; k--) {
          const [child, i] = real[k]!;
          work.push({ node: child, where: `frame at depth ${stack.length} (child ${i})`, parent: stack, idle: waiting });
        }
      }
    }
    return b.build({ format: 'pyinstrument', kind: 'sampled', unit: 'seconds', metric: 'wall', metadata: meta });
  },
};
