// `hotspy ast FILE`: prints the parsed tree as JSON (the shape of docs/ast.md, the one the CPython
// oracle dumps). Syntax errors go to stderr as `path:line:col: SyntaxError: message`, exit 1.
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parse, type LineIndex } from '../../parse/index.js';
import { writeAstJson } from '../../parse/ast-json.js';
import { decodePythonSource } from '../../source/decode.js';

const EXIT_SYNTAX = 1;
const EXIT_UNREADABLE = 2;
const OLDEST_MINOR = 8;
const NEWEST_MINOR = 13;

interface AstOptions {
  targetVersion?: { major: 3; minor: number };
  partial?: boolean;
  compact?: boolean;
}

/** `3.12` → {major: 3, minor: 12}, for the versions hotspy parses. */
export function parseTargetVersion(text: string): { major: 3; minor: number } {
  const m = /^3\.(\d+)$/.exec(text.trim());
  const minor = m ? Number(m[1]) : NaN;
  if (!(minor >= OLDEST_MINOR && minor <= NEWEST_MINOR)) {
    throw new InvalidArgumentError(`expected a Python version from 3.${OLDEST_MINOR} to 3.${NEWEST_MINOR}, like 3.12`);
  }
  return { major: 3, minor };
}

export function registerAst(program: Command): void {
  program
    .command('ast')
    .description("print a Python file's syntax tree as JSON (CPython's ast classes, fields and positions)")
    .argument('<file>', 'the Python file to parse')
    .option('--target-version <version>', 'report syntax newer than this Python (3.8 to 3.13) as an error', parseTargetVersion)
    .option('--partial', 'on syntax errors, still print the recovered tree')
    .option('--compact', 'print the JSON on one line instead of indented')
    .action((file: string, options: AstOptions) => {
      process.exitCode = runAst(file, options);
    });
}

/** The command's work; returns the exit code. */
export function runAst(file: string, options: AstOptions): number {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    process.stderr.write(`hotspy: cannot read ${file}: ${why}\n`);
    return EXIT_UNREADABLE;
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) {
    process.stderr.write(`${file}: SyntaxError: cannot decode the file as ${decoded.encoding}: ${decoded.reason}\n`);
    return EXIT_SYNTAX;
  }
  const result = parse(decoded.text, { filename: file, index: false, ...(options.targetVersion ? { targetVersion: options.targetVersion } : {}) });
  for (const error of result.errors) {
    const message = error.message.split('\n')[0];
    process.stderr.write(`${file}:${error.lineno}:${characterColumn(result.lines, error.lineno, error.col_offset)}: SyntaxError: ${message}\n`);
  }
  if (result.errors.length === 0 || options.partial) {
    // A closed pipe (`hotspy ast f.py | head`) is not an error worth a stack trace.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
    writeAstJson(result.module, (chunk) => process.stdout.write(chunk), { indent: options.compact ? 0 : 2 });
    process.stdout.write('\n');
  }
  return result.errors.length > 0 ? EXIT_SYNTAX : 0;
}

/** 1-based column in characters (code points), as `hotspy check` prints: positions in the tree are UTF-8 bytes. */
function characterColumn(lines: LineIndex, lineno: number, byteColumn: number): number {
  try {
    const start = lines.lineStart(lineno);
    return [...lines.source.slice(start, lines.offsetAt(lineno, byteColumn))].length + 1;
  } catch {
    return byteColumn + 1;
  }
}
