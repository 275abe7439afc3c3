// Reads hotspy's own line sampler output (`python/hotspy_sampler.py`, written by
// `hotspy profile`): JSON Lines with a header, one line per distinct (thread, idle, stack) with
// its sample count, and a footer. Spec: docs/sampler-format.md (version 1). Fills stacks with the
// executing line per frame and each function's first line, threads (id and name), the process
// id, and idle/running per sample as the sampler decided it from the thread's CPU clock.
// Unit: samples, with the sampling interval.
import { SampleProfileBuilder } from '../builders.js';
import { excerpt, ProfileFormatError } from '../errors.js';
import type { Profile } from '../model.js';
import type { ProfileSource } from '../source.js';
import { isObject, JsonShape, type JsonObject } from './json-shape.js';
import type { Probe, ProfileReader, SniffResult } from './types.js';

export const hotspySamplesReader: ProfileReader = {
  id: 'hotspy-samples',
  displayName: 'hotspy line samples (JSON Lines)',
  nameHints: ['.samples.jsonl'],

  sniff(probe: Probe): SniffResult {
    const first = probe.headText().split('\n', 1)[0]!;
    if (!first.startsWith('{')) return 'no';
    if (/"format"\s*:\s*"hotspy-samples"/.test(first) && /"type"\s*:\s*"header"/.test(first)) return 'mine';
    return 'no';
  },

  read(source: ProfileSource): Profile {
    const name = source.name;
    const b = new SampleProfileBuilder();
    const threads = new Map<string, number>();
    let header: JsonObject | undefined;
    let footer: JsonObject | undefined;
    let lineNo = 0;
    let samples = 0;
    let pid: number | undefined;
    for (const text of source.lines()) {
      lineNo++;
      if (text.trim() === '') continue;
      const at = `line ${lineNo}`;
      if (footer) throw new ProfileFormatError(name, `${at}: content after the footer`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ProfileFormatError(name, `${at}: invalid JSON (${err instanceof Error ? err.message : String(err)})`);
      }
      const j = new JsonShape(name);
      const rec = j.object(value, at);
      if (!header) {
        if (rec.type !== 'header' || rec.format !== 'hotspy-samples') j.fail(at, 'the first line must be the hotspy-samples header');
        if (rec.version !== 1) j.fail(`${at}.version`, `unsupported version ${excerpt(String(rec.version))} (this hotspy reads version 1)`);
        const interval = j.number(rec.interval, `${at}.interval`);
        if (!(interval > 0)) j.fail(`${at}.interval`, 'must be positive');
        pid = j.optionalNumber(rec.pid, `${at}.pid`);
        header = rec;
        continue;
      }
      if (rec.type === 'footer') {
        footer = rec;
        continue;
      }
      if (rec.type !== 'stack') continue; // unknown record types may be added by later versions
      const count = j.index(rec.count, `${at}.count`);
      const tid = rec.thread;
      if (typeof tid !== 'number' && typeof tid !== 'string') j.fail(`${at}.thread`, 'expected a thread id');
      const threadName = j.optionalString(rec.thread_name, `${at}.thread_name`);
      const key = `${String(tid)}\0${threadName ?? ''}`;
      let thread = threads.get(key);
      if (thread === undefined) {
        thread = b.thread({ key: `${pid ?? ''}:${String(tid)}:${threadName ?? ''}`, tid: String(tid), ...(pid !== undefined ? { pid } : {}), ...(threadName !== undefined ? { name: threadName } : {}) });
        threads.set(key, thread);
      }
      const idle = rec.idle === null || rec.idle === undefined ? undefined : rec.idle === true ? true : rec.idle === false ? false : j.fail(`${at}.idle`, 'expected true, false or null');
      const frames = j.array(rec.frames, `${at}.frames`);
      const sites = frames.map((f, i) => {
        const where = `${at}.frames[${i}]`;
        const parts = j.array(f, where);
        if (parts.length < 4) j.fail(where, 'expected [file, function, first_line, line]');
        const file = j.string(parts[0], `${where}[0]`);
        const fn = j.string(parts[1], `${where}[1]`);
        const first = j.optionalNumber(parts[2], `${where}[2]`) ?? 0;
        const line = j.optionalNumber(parts[3], `${where}[3]`) ?? 0;
        return b.site(b.frame(fn, file, Number.isSafeInteger(first) && first > 0 ? first : 0, 'python'), Number.isSafeInteger(line) && line > 0 ? line : 0);
      });
      b.add(b.stack(sites), count, thread, idle, count);
      samples += count;
    }
    if (!header) throw new ProfileFormatError(name, 'empty file (no hotspy-samples header)');
    if (!footer) throw new ProfileFormatError(name, `truncated: no footer line after line ${lineNo}`);
    const meta: Record<string, string | number> = { sample_count: samples };
    const copy = (rec: JsonObject, from: string, to: string): void => {
      const v = rec[from];
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) meta[to] = v;
    };
    copy(header, 'python', 'python_version');
    copy(header, 'implementation', 'python_implementation');
    copy(header, 'platform', 'platform');
    copy(header, 'cpu_clock', 'cpu_clock');
    copy(header, 'pid', 'pid');
    copy(header, 'start_time', 'start_time');
    if (Array.isArray(header.argv)) meta.program = header.argv.filter((a) => typeof a === 'string').join(' ');
    copy(footer, 'ticks', 'ticks');
    copy(footer, 'missed_ticks', 'missed_ticks');
    copy(footer, 'duration', 'duration_seconds');
    copy(footer, 'sampler_cpu', 'sampler_cpu_seconds');
    copy(footer, 'wall', 'wall_seconds');
    copy(footer, 'process_cpu', 'cpu_seconds');
    copy(footer, 'threads', 'thread_count');
    copy(footer, 'runqueue', 'runqueue_seconds');
    copy(footer, 'busy', 'busy_share');
    copy(footer, 'error', 'sampler_error');
    copy(footer, 'exit', 'exit');
    if (isObject(footer) && typeof footer.samples === 'number' && footer.samples !== samples) {
      throw new ProfileFormatError(name, `footer says ${footer.samples} samples but the stack lines add up to ${samples}`);
    }
    return b.build({
      format: 'hotspy-samples',
      kind: 'sampled',
      unit: 'samples',
      metric: 'samples',
      sampleInterval: header.interval as number,
      metadata: meta,
    });
  },
};
