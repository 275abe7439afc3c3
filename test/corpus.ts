// Where the real-code corpora live on this machine: the Python 3.11 stdlib and its site-packages.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const KNOWN_STDLIB = '/root/.pyenv/versions/3.11.7/lib/python3.11';

/** The Python 3.11 standard library folder (site-packages inside it is excluded by discovery). */
export function stdlibPath(): string | undefined {
  if (fs.existsSync(KNOWN_STDLIB)) return KNOWN_STDLIB;
  try {
    return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function sitePackagesPath(): string | undefined {
  const candidate = `${stdlibPath() ?? KNOWN_STDLIB}/site-packages`;
  return fs.existsSync(candidate) ? candidate : undefined;
}
