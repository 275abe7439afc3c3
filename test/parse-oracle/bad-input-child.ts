// Child process for bad-input.test.ts: parses one named hostile input through the public API
// (decode + parse + astToJson) and prints a one-line JSON summary. Run: node bad-input-child.js NAME
import { BAD_INPUTS } from './bad-input-cases.js';
import { decodePythonSource } from '../../src/source/decode.js';
import { parse } from '../../src/parse/index.js';
import { astToJsonBytes } from '../../src/parse/ast-json.js';

const name = process.argv[2] ?? '';
const make = BAD_INPUTS[name];
if (!make) {
  process.stderr.write(`unknown case ${name}\n`);
  process.exit(2);
}
const decoded = decodePythonSource(make());
if (!decoded.ok) {
  process.stdout.write(JSON.stringify({ decodeError: decoded.reason }) + '\n');
} else {
  const result = parse(decoded.text, { filename: name });
  const json = astToJsonBytes(result.module);
  process.stdout.write(
    JSON.stringify({
      errors: result.errors.map((e) => ({ lineno: e.lineno, col: e.col_offset, message: e.message })),
      statements: result.module.body.length,
      jsonBytes: json.length,
    }) + '\n',
  );
}
