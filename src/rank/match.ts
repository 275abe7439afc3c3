// Matches profile frames to the checked source: first the file (by path suffix, since profiles
// carry absolute paths from another working directory or machine), then the code unit in it (by
// name and first line, which tell apart same-named methods and nested functions).
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, FrameId, Profile } from '../profile/model.js';
import type { CodeUnit } from './code-units.js';

/** A checked file, with its code units. */
export interface IndexedFile {
  /** The path as hotspy reports it (as given or discovered). */
  path: string;
  units: CodeUnit[];
  /** Callee names by call start (`line:byteColumn`), when the file was parsed for ranking (see call-sites.ts). */
  calls?: Map<string, string>;
}

export type UnmatchedReason =
  | 'builtin'
  | 'synthetic'
  | 'outside the checked files'
  | 'ambiguous file'
  | 'no code unit at that line';

export interface FrameMatch {
  file: IndexedFile;
  unit: CodeUnit;
}

export interface MatchStats {
  /** Python frames in the profile. */
  frames: number;
  matched: number;
  /** Unmatched frames by reason. */
  unmatched: Partial<Record<UnmatchedReason, number>>;
  /** Checked files that at least one frame matched. */
  filesMatched: number;
}

export interface FrameMatching {
  /** The match of each frame, by frame id (undefined when unmatched). */
  byFrame: Array<FrameMatch | undefined>;
  /** The frames matched to each unit. */
  framesOfUnit: Map<CodeUnit, FrameId[]>;
  /** Frames standing for several same-named units at once (formats without first lines): only their line samples can be split between them. */
  sharedFrames: ReadonlySet<FrameId>;
  /** The checked file each profile file name resolved to (for line-level data). */
  fileOf: (profileFile: string) => IndexedFile | undefined;
  stats: MatchStats;
}

/** Lines by which a decorated function's recorded first line may differ from ours (older tools). */
const DECORATOR_TOLERANCE = 3;

export function matchFrames(profile: Profile, files: readonly IndexedFile[]): FrameMatching {
  const resolveFile = fileResolver(files);
  const byFrame: Array<FrameMatch | undefined> = new Array(profile.frames.length);
  const framesOfUnit = new Map<CodeUnit, FrameId[]>();
  const sharedFrames = new Set<FrameId>();
  const stats: MatchStats = { frames: 0, matched: 0, unmatched: {}, filesMatched: 0 };
  const filesSeen = new Set<IndexedFile>();
  const miss = (reason: UnmatchedReason) => {
    stats.unmatched[reason] = (stats.unmatched[reason] ?? 0) + 1;
  };

  let linesByFrame: Map<FrameId, number[]> | undefined;
  const executedLines = (id: FrameId): number[] | undefined => {
    if (!profile.samples) return undefined;
    if (!linesByFrame) {
      linesByFrame = new Map();
      for (const site of profile.samples.sites) {
        if (site.line <= 0) continue;
        const list = linesByFrame.get(site.frame);
        if (list) list.push(site.line);
        else linesByFrame.set(site.frame, [site.line]);
      }
    }
    return linesByFrame.get(id);
  };

  profile.frames.forEach((frame, id) => {
    if (frame.kind === 'builtin' || frame.kind === 'native') return miss('builtin');
    if (frame.kind === 'synthetic') return miss('synthetic');
    stats.frames++;
    const resolved = resolveFile(frame.file);
    if (resolved === 'ambiguous') return miss('ambiguous file');
    if (!resolved) return miss('outside the checked files');
    const lines = frame.line === 0 ? executedLines(id) : undefined;
    const unit = unitForFrame(resolved.units, frame, lines);
    // Without first lines, same-named functions of a file (two `<listcomp>`s) are one frame: its
    // samples' lines tell which unit each belongs to.
    const units = unit ? [unit] : lines ? unitsSharingFrame(resolved.units, frame, lines) : [];
    if (units.length === 0) return miss('no code unit at that line');
    if (units.length > 1) sharedFrames.add(id);
    byFrame[id] = { file: resolved, unit: units[0]! };
    stats.matched++;
    filesSeen.add(resolved);
    for (const u of units) {
      const list = framesOfUnit.get(u);
      if (list) list.push(id);
      else framesOfUnit.set(u, [id]);
    }
  });
  stats.filesMatched = filesSeen.size;
  return {
    byFrame,
    framesOfUnit,
    sharedFrames,
    fileOf: (f) => {
      const r = resolveFile(f);
      return r === 'ambiguous' ? undefined : r;
    },
    stats,
  };
}

/**
 * The unit a frame stands for. A qualified name (Austin on 3.11+, Scalene) narrows the same-named
 * units first; then the first line decides (exactly, else within decorator distance); a frame
 * without a first line needs an unambiguous name, or executed lines only one candidate holds.
 */
export function unitForFrame(units: readonly CodeUnit[], frame: Frame, executedLines?: readonly number[]): CodeUnit | undefined {
  const name = bareName(frame.name);
  // One module per file, whatever first line the version recorded (3.8 and 3.9 give the first
  // statement's line, so a long comment header moves it).
  if (name === '<module>') return units.find((u) => u.kind === 'module');
  const named = units.filter((u) => u.name === name);
  if (named.length === 0) return undefined;
  const qualified = frame.name !== name ? named.filter((u) => u.qualname === frame.name || u.qualname312 === frame.name) : [];
  const pool = qualified.length > 0 ? qualified : named;
  if (frame.line > 0) {
    const exact = pool.find((u) => u.firstLine === frame.line) ?? pool.find((u) => u.defLine === frame.line);
    if (exact) return exact;
    const near = pool.filter((u) => frame.line >= u.firstLine - DECORATOR_TOLERANCE && frame.line <= u.defLine + DECORATOR_TOLERANCE);
    return near.length === 1 ? near[0] : undefined;
  }
  if (pool.length === 1) return pool[0];
  // No first line (py-spy, Austin): the lines the samples saw it execute can still single one out.
  const holding = executedLines && executedLines.length > 0 ? pool.filter((u) => executedLines.every((l) => l >= u.startLine && l <= u.endLine)) : [];
  return holding.length === 1 ? holding[0] : undefined;
}

/**
 * The same-named units a line-less frame's executed lines fall in, when each line lies in exactly
 * one of them (innermost) and they are several; else none.
 */
function unitsSharingFrame(units: readonly CodeUnit[], frame: Frame, lines: readonly number[]): CodeUnit[] {
  const name = bareName(frame.name);
  const named = units.filter((u) => u.name === name);
  const found = new Set<CodeUnit>();
  for (const line of lines) {
    const holding = named.filter((u) => line >= u.startLine && line <= u.endLine);
    const innermost = holding.filter((u) => !holding.some((o) => o !== u && o.startLine >= u.startLine && o.endLine <= u.endLine && (o.startLine > u.startLine || o.endLine < u.endLine)));
    if (innermost.length !== 1) return [];
    found.add(innermost[0]!);
  }
  return found.size > 1 ? [...found] : [];
}

/** `Cls.method` → `method`, `f.<locals>.<genexpr>` → `<genexpr>` (qualified names); `<module>` stays. */
function bareName(name: string): string {
  if (name.startsWith('<') && name.endsWith('>')) return name;
  const dot = name.lastIndexOf('.');
  return dot >= 0 && dot < name.length - 1 ? name.slice(dot + 1) : name;
}

/**
 * Resolves a profile's file name to a checked file. A path that exists on this machine is the
 * same file or none (a profile taken here names real files: site-packages' `utils.py` is not the
 * project's). Otherwise (another machine, another working directory) the checked file sharing
 * the longest path suffix wins; two equally close are ambiguous, and `__init__.py`/`__main__.py`
 * need their folder to agree as well, since every package has one.
 */
function fileResolver(files: readonly IndexedFile[]): (profileFile: string) => IndexedFile | 'ambiguous' | undefined {
  const byBase = new Map<string, Array<{ file: IndexedFile; parts: string[] }>>();
  const byRealPath = new Map<string, IndexedFile>();
  for (const file of files) {
    const resolved = path.resolve(file.path);
    const parts = splitPath(resolved);
    const base = parts[parts.length - 1]!;
    const list = byBase.get(base);
    if (list) list.push({ file, parts });
    else byBase.set(base, [{ file, parts }]);
    byRealPath.set(realPath(resolved) ?? resolved, file);
  }
  const cache = new Map<string, IndexedFile | 'ambiguous' | undefined>();
  const resolve = (profileFile: string): IndexedFile | 'ambiguous' | undefined => {
    if (path.isAbsolute(profileFile)) {
      const real = realPath(profileFile);
      if (real !== undefined) return byRealPath.get(real);
    }
    const parts = splitPath(profileFile);
    const base = parts[parts.length - 1] ?? '';
    const minimum = parts.length > 1 && PACKAGE_FILES.has(base) ? 2 : 1;
    let best: IndexedFile | 'ambiguous' | undefined;
    let bestLength = 0;
    for (const c of byBase.get(base) ?? []) {
      const n = commonSuffix(parts, c.parts);
      if (n < minimum) continue;
      if (n > bestLength) {
        best = c.file;
        bestLength = n;
      } else if (n === bestLength) {
        best = 'ambiguous';
      }
    }
    return best;
  };
  return (profileFile) => {
    if (!cache.has(profileFile)) cache.set(profileFile, resolve(profileFile));
    return cache.get(profileFile);
  };
}

/** Module files every package has, so their name alone says nothing. */
const PACKAGE_FILES = new Set(['__init__.py', '__main__.py']);

/** The real path of an existing file, or undefined when there is none. */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function splitPath(p: string): string[] {
  return p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
