#!/usr/bin/env node
// hotspy's command-line entry point: builds the program from the registered commands and maps
// failures to exit codes (0 clean, 1 findings, 2 usage or internal error). Commands are thin
// layers over the library; no analysis happens here.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';
import { packageFile } from '../util/package-root.js';
import { tuneV8ForAnalysis } from '../util/v8-tuning.js';

export const EXIT_USAGE = 2;

function version(): string {
  try {
    return JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(): Command {
  const program = new Command('hotspy')
    .description('Find, measure and fix performance problems in Python code.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  tuneV8ForAnalysis();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`hotspy: internal error: ${message}\n`);
    if (process.env.HOTSPY_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = EXIT_USAGE;
  }
}

await main(process.argv);
