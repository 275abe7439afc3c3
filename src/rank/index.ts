// Joins a check with a profile: indexes the code units of the checked files the profile can
// refer to, then ranks the findings by the measured cost of their code. The only module that
// sees both the static side (parse trees, findings) and the profile side.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '../parse/index.js';
import { decodePythonSource } from '../source/decode.js';
import { discoverPythonFiles } from '../discover/discover.js';
import type { Finding } from '../diagnostics/finding.js';
import type { AnyRule } from '../rules/types.js';
import { codeUnitsOf } from './code-units.js';
import { callSitesOf } from './call-sites.js';
import type { IndexedFile } from './match.js';
import { rankFindings, type MeasuredRun, type RankOptions, type RankedFindings } from './rank.js';

export { codeUnitsOf, innermostUnitAt, innermostLoopAt } from './code-units.js';
export type { CodeUnit, CodeUnitKind, LineSpan } from './code-units.js';
export { matchFrames, unitForFrame } from './match.js';
export type { IndexedFile, FrameMatching, MatchStats, UnmatchedReason } from './match.js';
export { rankFindings, formatAmount, heatAmount, DEFAULT_MIN_COST } from './rank.js';
export { programFiles } from './program-files.js';
export { saveFindings, loadFindings, findingsPathFor, compareFindings } from './saved-findings.js';
export type { SavedFinding, SavedFindings, FindingsChange } from './saved-findings.js';
export type { RankOptions, RankedFindings, MeasuredRun } from './rank.js';

/**
 * Ranks `findings` (from checking `paths`) by the cost `run` measured. Only the checked files
 * that a profile frame or a finding names are read again, so a large tree costs little.
 */
export function rankCheck(paths: readonly string[], findings: readonly Finding[], run: MeasuredRun, rules: readonly AnyRule[], options: RankOptions = {}): RankedFindings {
  const wanted = new Set<string>();
  for (const p of [run.profile, run.lineSamples]) for (const frame of p?.frames ?? []) wanted.add(path.basename(frame.file));
  const withFindings = new Set(findings.map((f) => f.file));
  const files: IndexedFile[] = [];
  for (const file of discoverPythonFiles(paths).files) {
    if (!withFindings.has(file) && !wanted.has(path.basename(file))) continue;
    const indexed = indexFile(file);
    if (indexed) files.push(indexed);
  }
  return rankFindings(findings, files, run, rules, options);
}

/** The code units of one file, or undefined when it cannot be read or decoded. */
export function indexFile(file: string): IndexedFile | undefined {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) return undefined;
  const module = parse(decoded.text, { filename: file, index: false }).module;
  return { path: file, units: codeUnitsOf(module), calls: callSitesOf(module) };
}
