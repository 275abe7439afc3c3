// Locates hotspy's own installed files (the Python helpers under python/, docs), wherever the
// package was installed, so nothing depends on the current working directory.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

let cached: string | undefined;

/** The directory that holds hotspy's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const name = JSON.parse(fs.readFileSync(manifest, 'utf8')).name;
        if (name === 'hotspy') return (cached = dir);
      } catch {
        // not ours or unreadable; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('hotspy: cannot find the package root (package.json)');
    dir = parent;
  }
}

/** A file shipped with hotspy, by its path relative to the package root. */
export function packageFile(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
