// Reads Scalene's `--json` output (1.5.x through current): per-line and per-function CPU shares
// (Python, native, system) and memory figures. Spec: shared/docs/profile-formats.md §4.
// Scalene reports percentages of the run's CPU samples; hotspy turns a line's Python + native +
// system percentage into seconds of the run's elapsed time, so `unit` is seconds and the
// percentages stay available per line in `extra`. Scalene 1.5.x has no call stacks, so a
// function's total equals its self time and there are no edges. With memory profiling on, a
// related `memory-allocated` profile (bytes per line, from `n_malloc_mb`) is attached.
import { FunctionTableBuilder } from '../builders.js';
import type { LineStats, Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { isObject, JsonShape, type JsonObject } from './json-shape.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

const EXTRA_FIELDS: Array<[string, string]> = [
  ['n_cpu_percent_python', 'cpu_python_percent'],
  ['n_cpu_percent_c', 'cpu_native_percent'],
  ['n_sys_percent', 'cpu_system_percent'],
  ['n_malloc_mb', 'malloc_mb'],
  ['n_peak_mb', 'peak_mb'],
  ['n_avg_mb', 'avg_mb'],
  ['n_mallocs', 'mallocs'],
  ['n_usage_fraction', 'usage_fraction'],
  ['n_python_fraction', 'python_fraction'],
  ['n_copy_mb_s', 'copy_mb_s'],
  ['n_gpu_percent', 'gpu_percent'],
  ['n_core_utilization', 'core_utilization'],
];
const MB = 1024 * 1024;

export const scaleneReader: ProfileReader = {
  id: 'scalene',
  displayName: 'Scalene JSON',
  nameHints: ['.scalene.json', 'profile.json'],

  sniff(probe: Probe): SniffResult {
    const head = probe.headText();
    if (!/^\s*\{/.test(head)) return 'no';
    if (/"elapsed_time_sec"\s*:/.test(head) && /"(files|max_footprint_mb|alloc_samples)"\s*:/.test(head)) return 'mine';
    const json = probe.json();
    if (isObject(json) && isObject(json.files) && 'elapsed_time_sec' in json) return 'mine';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const j = new JsonShape(source.name);
    const root = j.object(source.json(), 'top level');
    const elapsed = j.number(root.elapsed_time_sec, 'elapsed_time_sec');
    if (elapsed < 0) j.fail('elapsed_time_sec', 'negative');
    const files = j.object(root.files, 'files');
    const memoryOn = root.memory === true;
    const cpu = new FunctionTableBuilder();
    const mem = new FunctionTableBuilder();
    const lines: LineStats[] = [];
    const memLines: LineStats[] = [];
    let total = 0;
    let memTotal = 0;

    const seconds = (rec: JsonObject, where: string): number => {
      const pct = ['n_cpu_percent_python', 'n_cpu_percent_c', 'n_sys_percent'].reduce((s, k) => s + (j.optionalNumber(rec[k], `${where}.${k}`) ?? 0), 0);
      if (pct < 0) j.fail(where, 'negative CPU percentage');
      return (pct / 100) * elapsed;
    };
    const extra = (rec: JsonObject, where: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const [from, to] of EXTRA_FIELDS) {
        const v = j.optionalNumber(rec[from], `${where}.${from}`);
        if (v !== undefined) out[to] = v;
      }
      return out;
    };

    for (const [fileName, value] of Object.entries(files)) {
      const fwhere = `files[${JSON.stringify(fileName.slice(0, 80))}]`;
      const f = j.object(value, fwhere);
      const lineRecs = f.lines === undefined ? [] : j.array(f.lines, `${fwhere}.lines`);
      lineRecs.forEach((l, i) => {
        const where = `${fwhere}.lines[${i}]`;
        const rec = j.object(l, where);
        const line = j.index(rec.lineno, `${where}.lineno`);
        const self = seconds(rec, where);
        total += self;
        lines.push({ file: fileName, line, self, total: self, extra: extra(rec, where) });
        const bytes = (j.optionalNumber(rec.n_malloc_mb, `${where}.n_malloc_mb`) ?? 0) * MB;
        if (memoryOn && bytes > 0) {
          memTotal += bytes;
          memLines.push({ file: fileName, line, self: bytes, total: bytes });
        }
      });
      const fnRecs = f.functions === undefined ? [] : j.array(f.functions, `${fwhere}.functions`);
      fnRecs.forEach((r, i) => {
        const where = `${fwhere}.functions[${i}]`;
        const rec = j.object(r, where);
        const name = j.string(rec.line, `${where}.line`);
        const first = j.index(rec.lineno, `${where}.lineno`);
        const self = seconds(rec, where);
        cpu.addFunction({ frame: cpu.frame(name, fileName, first, 'python'), self, total: self });
        const bytes = (j.optionalNumber(rec.n_malloc_mb, `${where}.n_malloc_mb`) ?? 0) * MB;
        if (memoryOn && bytes > 0) mem.addFunction({ frame: mem.frame(name, fileName, first, 'python'), self: bytes, total: bytes });
      });
    }

    const meta: Record<string, string | number> = { elapsed_seconds: elapsed };
    const program = j.optionalString(root.program, 'program');
    if (program !== undefined) meta.program = program;
    for (const [key, name] of [
      ['max_footprint_mb', 'max_footprint_mb'],
      ['growth_rate', 'growth_rate_percent'],
      ['alloc_samples', 'alloc_samples'],
    ] as const) {
      const v = j.optionalNumber(root[key], key);
      if (v !== undefined) meta[name] = v;
    }
    meta.memory = memoryOn ? 'on' : 'off';
    const primary = cpu.build({ format: 'scalene', kind: 'sampled', unit: 'seconds', metric: 'cpu', metadata: meta }, total, lines);
    if (memoryOn) {
      primary.related = [mem.build({ format: 'scalene', kind: 'sampled', unit: 'bytes', metric: 'memory-allocated', metadata: { ...meta } }, memTotal, memLines)];
    }
    return primary;
  },
};
