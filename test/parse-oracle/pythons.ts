// Finds the machine's Python interpreters (pyenv) and the real-code corpus the parser oracle
// runs on: Python 3.11's standard library and its site-packages. Test-only helpers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageFile } from '../../src/util/package-root.js';

/** The CPython whose `ast` is the oracle. */
export const ORACLE_VERSION = '3.13';
/** The CPython whose installed code is the corpus. */
export const CORPUS_VERSION = '3.11';

function pyenvRoot(): string {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '/root/.pyenv';
  }
}

/** The python3 of the newest pyenv install of `major.minor` (e.g. "3.13"), or undefined. */
export function findPython(minorVersion: string): string | undefined {
  const versionsDir = path.join(pyenvRoot(), 'versions');
  let names: string[];
  try {
    names = fs.readdirSync(versionsDir);
  } catch {
    return undefined;
  }
  const matching = names
    .filter((n) => n === minorVersion || n.startsWith(minorVersion + '.'))
    .filter((n) => /^\d+\.\d+(\.\d+)?$/.test(n))
    .sort((a, b) => Number(a.split('.')[2] ?? 0) - Number(b.split('.')[2] ?? 0));
  for (const name of matching.reverse()) {
    const exe = path.join(versionsDir, name, 'bin', 'python3');
    if (fs.existsSync(exe)) return exe;
  }
  return undefined;
}

/** Like findPython, but a clear error instead of undefined: the oracle tests cannot run without it. */
export function requirePython(minorVersion: string): string {
  const exe = findPython(minorVersion);
  if (!exe) throw new Error(`CPython ${minorVersion} not found under ${path.join(pyenvRoot(), 'versions')} (needed by the parser oracle)`);
  return exe;
}

export interface CorpusRoots {
  stdlib: string;
  sitePackages: string[];
}

/** Where Python 3.11 (or `version`) keeps its standard library and site-packages, as that Python reports it. */
export function corpusRoots(version: string = CORPUS_VERSION): CorpusRoots {
  const python = requirePython(version);
  const out = execFileSync(
    python,
    ['-c', 'import json, site, sysconfig; print(json.dumps([sysconfig.get_paths()["stdlib"], site.getsitepackages()]))'],
    { encoding: 'utf8' },
  );
  const [stdlib, sitePackages] = JSON.parse(out) as [string, string[]];
  return { stdlib, sitePackages: sitePackages.filter((p) => fs.existsSync(p)) };
}

/** Every `*.py` file under `root`, sorted, skipping the folders `skip` and symlinked directories. */
export function pythonFiles(root: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const skipSet = new Set(skip.map((s) => path.resolve(s)));
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipSet.has(full)) walk(full);
      } else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.pyi'))) {
        out.push(full);
      }
    }
  };
  walk(path.resolve(root));
  return out.sort();
}

/** This folder's source directory (test/parse-oracle), found from the compiled file in dist/. */
export function oracleDir(): string {
  return packageFile('test', 'parse-oracle');
}
