// Child process for bad-input.test.ts: parses one named hostile input through the public API
// (decode + parse + astToJson) and prints a one-line JSON summary. Run: node bad-input-child.js NAME
import { BAD_INPUTS } from './bad-input-cases.js';
import { decodePythonSource } from '../../src/source/decode.js';
import { parse } from '../../src/parse/index.js';
import { astToJsonBytes } from '../../src/parse/ast-json.js';

function summarize(name: string, bytes: Uint8Array): string {
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) return JSON.stringify({ decodeError: decoded.reason });
  const result = parse(decoded.text, { filename: name });
  const json = astToJsonBytes(result.module);
  return JSON.stringify({
    errors: result.errors.map((e) => ({ lineno: e.lineno, col: e.col_offset, message: e.message })),
    statements: result.module.body.length,
    jsonBytes: json.length,
  });
}

const name = process.argv[2];
if (name === undefined && process.env.NODE_TEST_CONTEXT) {
  // `node --test dist/` also runs every helper under a test/ folder: nothing to do then.
} else {
  const make = name === undefined ? undefined : BAD_INPUTS[name];
  if (!make) {
    process.stderr.write(`unknown case ${name ?? '(none)'}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(summarize(name!, make()) + '\n');
  }
}
