// Memoizes CPython's verdicts between local runs of the corpus oracle: for each file content
// (sha1), the sha1 of CPython's tree JSON or its refusal. A rerun then needs CPython only for
// new or changed files and for files hotspy disagrees on (to show the difference). The key
// includes the interpreter and dump_ast.py, so a changed oracle starts afresh; a fresh clone
// (CI) has no cache and runs CPython on everything. HOTSPY_ORACLE_CACHE=0 turns it off.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { packageFile } from '../../src/util/package-root.js';
import { oracleDir } from './pythons.js';
import type { OracleError } from './oracle-runner.js';

/** What CPython said about one file content: its tree's sha1, or its refusal. */
export type CachedVerdict = { treeSha1: string; error?: undefined } | { treeSha1?: undefined; error: OracleError };

export const sha1 = (data: Uint8Array | string): string => crypto.createHash('sha1').update(data).digest('hex');

export class OracleCache {
  private readonly entries = new Map<string, CachedVerdict>();
  private dirty = false;

  private constructor(readonly file: string | undefined) {}

  /** The cache for this interpreter and dumper, or a no-op one when disabled. */
  static open(python: string): OracleCache {
    if (process.env.HOTSPY_ORACLE_CACHE === '0') return new OracleCache(undefined);
    const dumper = fs.readFileSync(path.join(oracleDir(), 'dump_ast.py'));
    const key = sha1(fs.realpathSync(python) + '\0' + sha1(dumper)).slice(0, 16);
    const cache = new OracleCache(packageFile('.hotspy-cache', 'parse-oracle', `cpython-verdicts-${key}.json`));
    try {
      const stored = JSON.parse(fs.readFileSync(cache.file!, 'utf8')) as Record<string, CachedVerdict>;
      for (const [k, v] of Object.entries(stored)) cache.entries.set(k, v);
    } catch {
      // no cache yet (or unreadable): start empty
    }
    return cache;
  }

  get enabled(): boolean {
    return this.file !== undefined;
  }

  get(contentSha1: string): CachedVerdict | undefined {
    return this.entries.get(contentSha1);
  }

  set(contentSha1: string, verdict: CachedVerdict): void {
    if (!this.enabled) return;
    this.entries.set(contentSha1, verdict);
    this.dirty = true;
  }

  save(): void {
    if (!this.file || !this.dirty) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file + '.tmp', JSON.stringify(Object.fromEntries(this.entries)));
    fs.renameSync(this.file + '.tmp', this.file);
    this.dirty = false;
  }
}
