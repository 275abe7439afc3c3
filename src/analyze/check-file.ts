// One file from disk: read its bytes, decode them (PEP 263, BOM), check the text. A file that
// cannot be read or decoded is skipped with a one-line reason; nothing here throws.
import fs from 'node:fs';
import { decodePythonSource } from '../source/decode.js';
import { checkSource, type CheckSourceOptions, type CheckSourceResult } from './check-source.js';

export type FileOutcome =
  | { kind: 'checked'; result: CheckSourceResult }
  | { kind: 'skipped'; path: string; reason: string };

export function checkFile(path: string, options: Omit<CheckSourceOptions, 'path'>): FileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (err) {
    return { kind: 'skipped', path, reason: `cannot read: ${(err as Error).message}` };
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) return { kind: 'skipped', path, reason: `cannot decode as ${decoded.encoding}: ${decoded.reason}` };
  try {
    return { kind: 'checked', result: checkSource(decoded.text, { ...options, path }) };
  } catch (err) {
    // checkSource contains rule failures itself; this is a failure of the parser or the walk.
    const message = err instanceof Error ? err.message : String(err);
    const report = { file: path, message: `analysis failed: ${message}`, ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
    return { kind: 'checked', result: { path, findings: [], syntaxErrors: [], internalErrors: [report], lineCount: 0 } };
  }
}
