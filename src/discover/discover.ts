// Finds the Python files to check under the paths a user gave: walks folders in sorted order,
// honours .gitignore files (nested ones too, and those above the start folder up to the git
// root), and skips virtualenvs, caches, build output and vendored trees.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folder names never descended into (unless given explicitly as a path to check). */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.bzr', 'node_modules', '__pycache__', 'build', 'dist', '_build',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pytype', '.eggs',
  '.venv', 'venv', '.direnv', '__pypackages__', 'site-packages', '.ipynb_checkpoints', 'buck-out',
]);

const PYTHON_FILE = /\.pyi?$/;

export interface DiscoverResult {
  /** Files to check, sorted, without duplicates. */
  files: string[];
  /** Paths given that do not exist or cannot be read: a usage error. */
  missing: Array<{ path: string; message: string }>;
  /** Folders skipped and why (for --verbose and the smoke test). */
  skippedDirs: Array<{ path: string; reason: string }>;
}

interface IgnoreLayer {
  /** The folder holding the .gitignore; patterns match paths relative to it. */
  base: string;
  matcher: Ignore;
}

export function discoverPythonFiles(paths: readonly string[]): DiscoverResult {
  const found = new Set<string>();
  const result: DiscoverResult = { files: [], missing: [], skippedDirs: [] };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      result.missing.push({ path: given, message: code === 'ENOENT' ? 'no such file or directory' : String((err as Error).message) });
      continue;
    }
    if (stat.isFile()) {
      found.add(given); // an explicit file is always checked, whatever its name or ignore rules
    } else if (stat.isDirectory()) {
      // When the folder given is itself ignored from above (say, inside a git-ignored tree), the
      // user asked for it explicitly: only the .gitignore files inside it apply.
      const above = ignoreLayersAbove(given);
      walk(given, isIgnored(above, given, true) ? [] : above, found, result, true);
    }
  }
  result.files = [...found].sort();
  return result;
}

/** `given`: a folder the user named, walked whatever it holds. */
function walk(dir: string, layers: IgnoreLayer[], found: Set<string>, result: DiscoverResult, given = false): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    result.skippedDirs.push({ path: dir, reason: `cannot read: ${(err as Error).message}` });
    return;
  }
  // Looked up among the entries rather than asked of the file system: two calls less per folder.
  if (!given && entries.some((e) => e.name === 'pyvenv.cfg')) {
    result.skippedDirs.push({ path: dir, reason: 'virtual environment' });
    return;
  }
  const own = entries.some((e) => e.name === '.gitignore') ? readGitignore(dir) : undefined;
  const active = own ? [...layers, own] : layers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links to files; never links to folders (they can loop).
      try {
        isFile = fs.statSync(full).isFile();
      } catch {
        continue;
      }
      isDir = false;
    }
    if (isDir) {
      if (DEFAULT_EXCLUDED_DIRS.has(entry.name)) {
        result.skippedDirs.push({ path: full, reason: 'excluded by default' });
        continue;
      }
      if (isIgnored(active, full, true)) {
        result.skippedDirs.push({ path: full, reason: 'ignored by .gitignore' });
        continue;
      }
      walk(full, active, found, result);
    } else if (isFile && PYTHON_FILE.test(entry.name) && !isIgnored(active, full, false)) {
      found.add(full);
    }
  }
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    let rel = path.relative(layer.base, full);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (path.sep !== '/') rel = rel.split(path.sep).join('/');
    if (layer.matcher.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

function readGitignore(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, matcher: ignore().add(text) };
}

/**
 * The .gitignore files that apply to a start folder from above it: those in its ancestors up to
 * the enclosing git work tree's root (the folder holding `.git`). Outside a git tree, none.
 */
function ignoreLayersAbove(start: string): IgnoreLayer[] {
  const abs = path.resolve(start);
  let root: string | undefined;
  for (let dir = abs; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      root = dir;
      break;
    }
    if (path.dirname(dir) === dir) return []; // not inside a git work tree
  }
  const above: string[] = [];
  for (let dir = path.dirname(abs); abs !== root && dir.length >= root.length; dir = path.dirname(dir)) {
    above.push(dir);
    if (dir === root) break;
  }
  // Outermost first, as git applies them; `walk` reads the start folder's own file.
  return above.reverse().flatMap((dir) => readGitignore(dir) ?? []);
}
