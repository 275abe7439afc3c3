// Derives per-function and per-line costs (and caller→callee edges) from deduplicated stacks.
// Runs once, when a sample-based profile is built; the cost is linear in the total length of the
// distinct stacks, never in the number of raw samples.
import type { Edge, Frame, FunctionStats, LineStats, SampleSet } from './model.js';

export interface Aggregates {
  functions: FunctionStats[];
  /** Undefined when no site carries a line number. */
  lines: LineStats[] | undefined;
  total: number;
}

/**
 * Self cost goes to the leaf frame (and leaf line); total cost goes once to every distinct frame
 * (and line, and caller→callee pair) of a stack, so recursion never counts a sample twice.
 * Functions are listed in order of first appearance in the stacks.
 */
export function aggregateSamples(frames: readonly Frame[], samples: SampleSet): Aggregates {
  const { sites, stacks, entries } = samples;
  const stackWeight = new Float64Array(stacks.length);
  let total = 0;
  for (const entry of entries) {
    stackWeight[entry.stack]! += entry.weight;
    total += entry.weight;
  }

  const statsOf = new Array<FunctionStats | undefined>(frames.length);
  const functions: FunctionStats[] = [];
  const frameStamp = new Int32Array(frames.length).fill(-1);
  const edgeIndex = new Map<number, number>();
  const edges: Edge[] = [];
  const edgeStamp: number[] = [];
  const lineOfSite = new Int32Array(sites.length).fill(-2); // -2 not computed, -1 no line
  const lines: LineStats[] = [];
  const lineIndex = new Map<string, number>();
  const lineStamp: number[] = [];

  const fn = (frame: number): FunctionStats => {
    let stats = statsOf[frame];
    if (!stats) {
      stats = { frame, self: 0, total: 0, callers: [], callees: [] };
      statsOf[frame] = stats;
      functions.push(stats);
    }
    return stats;
  };
  const lineOf = (site: number): number => {
    let idx = lineOfSite[site]!;
    if (idx !== -2) return idx;
    const s = sites[site]!;
    if (s.line > 0) {
      const f = frames[s.frame]!;
      const key = `${f.file}\0${s.line}`;
      const known = lineIndex.get(key);
      if (known === undefined) {
        idx = lines.length;
        lines.push({ file: f.file, line: s.line, self: 0, total: 0, function: s.frame });
        lineStamp.push(-1);
        lineIndex.set(key, idx);
      } else idx = known;
    } else idx = -1;
    lineOfSite[site] = idx;
    return idx;
  };

  for (let s = 0; s < stacks.length; s++) {
    const w = stackWeight[s]!;
    const stack = stacks[s]!;
    const n = stack.length;
    if (n === 0) continue;
    let prevFrame = -1;
    for (let i = 0; i < n; i++) {
      const site = stack[i]!;
      const frame = sites[site]!.frame;
      const stats = fn(frame);
      if (frameStamp[frame] !== s) {
        frameStamp[frame] = s;
        stats.total += w;
      }
      const li = lineOf(site);
      if (li >= 0 && lineStamp[li] !== s) {
        lineStamp[li] = s;
        lines[li]!.total += w;
      }
      if (prevFrame >= 0) {
        const key = prevFrame * frames.length + frame;
        let e = edgeIndex.get(key);
        if (e === undefined) {
          e = edges.length;
          const edge: Edge = { caller: prevFrame, callee: frame, total: 0, self: 0 };
          edges.push(edge);
          edgeStamp.push(-1);
          edgeIndex.set(key, e);
          fn(prevFrame).callees.push(edge);
          stats.callers.push(edge);
        }
        const edge = edges[e]!;
        if (edgeStamp[e] !== s) {
          edgeStamp[e] = s;
          edge.total! += w;
        }
        if (i === n - 1) edge.self! += w;
      }
      prevFrame = frame;
    }
    const leafSite = stack[n - 1]!;
    statsOf[sites[leafSite]!.frame]!.self += w;
    const leafLine = lineOf(leafSite);
    if (leafLine >= 0) lines[leafLine]!.self += w;
  }
  return { functions, lines: lines.length > 0 ? lines : undefined, total };
}
