// Which source files a profiled run executed that belong to the program itself (under its own
// folder), as opposed to the standard library, site-packages or frozen modules: what
// `hotspy profile` checks after the run.
import fs from 'node:fs';
import path from 'node:path';
import type { Profile } from '../profile/model.js';

const THIRD_PARTY = /[\\/](site-packages|dist-packages|\.venv|venv|node_modules)[\\/]/;

/**
 * The existing `.py` files named by the profiles' Python frames that lie under `root`
 * (relative frame paths are taken from `cwd`), excluding installed packages. Sorted.
 */
export function programFiles(profiles: readonly Profile[], root: string, cwd = process.cwd()): string[] {
  const base = path.resolve(root);
  const found = new Set<string>();
  for (const profile of profiles) {
    for (const frame of profile.frames) {
      if (frame.kind !== 'python' || !frame.file || frame.file.startsWith('<')) continue;
      const file = path.resolve(cwd, frame.file);
      if (found.has(file) || !/\.pyi?$/.test(file) || THIRD_PARTY.test(file)) continue;
      const rel = path.relative(base, file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      try {
        if (fs.statSync(file).isFile()) found.add(file);
      } catch {
        // gone since the run, or never a real file
      }
    }
  }
  return [...found].sort();
}
