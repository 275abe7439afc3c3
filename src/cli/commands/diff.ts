// `hotspy diff BEFORE AFTER`: did the fix help? Compares two profiles of the same program (any
// supported formats) and, when both runs came from `hotspy profile`, which findings went away.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadRun } from '../../profile/run/index.js';
import { diffProfiles } from '../../profile/analysis/index.js';
import { compareFindings, loadFindings } from '../../rank/index.js';
import { diffToJson, renderDiffText } from '../../render/diff.js';
import { wantsColor } from '../../render/style.js';

interface DiffFlags {
  format: 'text' | 'json';
  top: string;
  inputFormat?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two profiles of the same program: speed-up, per-function changes, findings fixed')
    .argument('<before>', 'the profile before the change')
    .argument('<after>', 'the profile after the change')
    .option('--format <format>', 'text or json', (v: string) => {
      if (v !== 'text' && v !== 'json') throw new InvalidArgumentError('expected text or json');
      return v;
    }, 'text')
    .option('--top <n>', 'functions to list (0 for all)', '20')
    .option('--input-format <id>', 'the format of both profiles, instead of detecting it')
    .action((beforePath: string, afterPath: string, flags: DiffFlags, command: Command) => {
      const top = Number(flags.top);
      if (!Number.isInteger(top) || top < 0) command.error(`error: invalid --top "${flags.top}": expected a whole number`, { exitCode: 2 });
      let before, after;
      try {
        const opts = { samples: false as const, ...(flags.inputFormat ? { format: flags.inputFormat } : {}) };
        before = loadRun(beforePath, opts).profile;
        after = loadRun(afterPath, opts).profile;
      } catch (err) {
        process.stderr.write(`hotspy: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
        return;
      }
      const savedBefore = loadFindings(beforePath);
      const savedAfter = loadFindings(afterPath);
      const diff = diffProfiles(before, after);
      for (const row of diff.functions) if (row.function.file) row.function.file = shortPath(row.function.file);
      const input = {
        beforeName: beforePath,
        afterName: afterPath,
        diff,
        top,
        ...(savedBefore && savedAfter ? { findings: compareFindings(savedBefore, savedAfter) } : {}),
      };
      process.stdout.write(flags.format === 'json' ? JSON.stringify(diffToJson(input), null, 2) + '\n' : renderDiffText(input, wantsColor(process.stdout)));
    });
}

/** A path under the working directory, as a relative one (profiles record absolute paths). */
function shortPath(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
