// hotspy's side of the oracle comparison: read a file as bytes, decode it like CPython, parse it,
// and serialize the tree in the exact text form dump_ast.py writes (compact, ASCII-escaped).
import fs from 'node:fs';
import { decodePythonSource } from '../../src/source/decode.js';
import { parse } from '../../src/parse/index.js';
import { astToJsonBytes } from '../../src/parse/ast-json.js';

export interface HotspyVerdict {
  /** The tree as compact ASCII JSON bytes, when hotspy parsed without errors. */
  json?: Uint8Array;
  /** Why hotspy refused the file: its first error (line 0 when the bytes could not be decoded). */
  refusal?: { lineno: number; col: number; message: string };
  /** How many errors the parser reported. */
  errorCount: number;
}

export function hotspyVerdict(file: string): HotspyVerdict {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { refusal: { lineno: 0, col: 0, message: `unreadable: ${(err as Error).message}` }, errorCount: 1 };
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) {
    // decode.ts names the line of an undecodable byte in its reason ("... at line N").
    const line = Number(/\bline (\d+)/.exec(decoded.reason)?.[1] ?? 0);
    return { refusal: { lineno: line, col: 0, message: `cannot decode (${decoded.encoding}): ${decoded.reason}` }, errorCount: 1 };
  }
  let result: ReturnType<typeof parse>;
  try {
    result = parse(decoded.text, { filename: file });
  } catch (err) {
    // The parser's contract is to never throw: report it as a refusal nobody can agree with.
    return { refusal: { lineno: -1, col: 0, message: `parser threw: ${(err as Error)?.stack ?? String(err)}` }, errorCount: 1 };
  }
  if (result.errors.length > 0) {
    const e = result.errors[0]!;
    return { refusal: { lineno: e.lineno, col: e.col_offset, message: e.message }, errorCount: result.errors.length };
  }
  try {
    return { json: astToJsonBytes(result.module, { ascii: true }), errorCount: 0 };
  } catch (err) {
    return { refusal: { lineno: -1, col: 0, message: `serializer threw: ${(err as Error)?.message ?? String(err)}` }, errorCount: 1 };
  }
}
