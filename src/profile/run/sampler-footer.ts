// Reads the run-wide figures from the footer of a hotspy-samples file (docs/sampler-format.md):
// the process's CPU seconds, wall seconds and run-queue wait, which the CPU/I-O verdict uses.
import fs from 'node:fs';
import type { Profile } from '../model.js';

export interface SamplerFacts {
  wall?: number;
  processCpu?: number;
  runqueue?: number;
  busy?: number;
  /** Why sampling stopped early, when the sampler says it did. */
  error?: string;
}

/** The footer's facts, or an empty object when the file has no readable footer. */
export function readSamplerFacts(file: string): SamplerFacts {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const last = tail.toString('utf8').trimEnd().split('\n').pop() ?? '';
    const footer: unknown = JSON.parse(last);
    if (typeof footer !== 'object' || footer === null || (footer as { type?: unknown }).type !== 'footer') return {};
    const f = footer as Record<string, unknown>;
    const facts: SamplerFacts = {};
    if (isSeconds(f.wall)) facts.wall = f.wall;
    if (isSeconds(f.process_cpu)) facts.processCpu = f.process_cpu;
    if (isSeconds(f.runqueue)) facts.runqueue = f.runqueue;
    if (isSeconds(f.busy)) facts.busy = f.busy;
    if (typeof f.error === 'string') facts.error = f.error;
    return facts;
  } catch {
    return {};
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/**
 * The profile with the footer's figures in its metadata under the names the analysis reads
 * (`wall_seconds`, `cpu_seconds`, `runqueue_seconds`, `busy_share`), unless the reader already put them there.
 */
export function withSamplerFacts(profile: Profile, file: string): Profile {
  const facts = readSamplerFacts(file);
  const metadata = { ...profile.metadata };
  if (metadata.wall_seconds === undefined && facts.wall !== undefined) metadata.wall_seconds = facts.wall;
  if (metadata.cpu_seconds === undefined && facts.processCpu !== undefined) metadata.cpu_seconds = facts.processCpu;
  if (metadata.runqueue_seconds === undefined && facts.runqueue !== undefined) metadata.runqueue_seconds = facts.runqueue;
  if (metadata.busy_share === undefined && facts.busy !== undefined) metadata.busy_share = facts.busy;
  return { ...profile, metadata };
}
