// `hotspy report FILE`: reads a profile of any supported format (plus the line samples
// `hotspy profile` wrote beside it) and prints the report as text or JSON.
import { InvalidArgumentError, type Command } from 'commander';
import { ProfileFormatError } from '../../profile/errors.js';
import { computeReport } from '../../profile/analysis/index.js';
import { loadRun } from '../../profile/run/index.js';
import { printReport, type ReportFormat } from '../profile-output.js';

const EXIT_BAD_INPUT = 2;

export interface ReportCommandOptions {
  top: number;
  format: ReportFormat;
  inputFormat?: string;
  samples?: string | false;
}

export function parseTop(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 for all)');
  return n;
}

export function parseReportFormat(text: string): ReportFormat {
  if (text !== 'text' && text !== 'json') throw new InvalidArgumentError('expected text or json');
  return text;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('summarise a profile: top functions and lines, coverage curve, CPU- vs I/O-bound verdict')
    .argument('<file>', 'a profile: cProfile/pstats, py-spy, Austin, Scalene, pyinstrument, speedscope, hotspy samples')
    .option('--top <n>', 'functions and lines per list (0 for all)', parseTop, 20)
    .option('--format <format>', 'text or json', parseReportFormat, 'text' as ReportFormat)
    .option('--input-format <id>', 'the profile format, instead of detecting it (cprofile, hotspy-samples, collapsed, austin, speedscope, pyinstrument, scalene)')
    .option('--samples <file>', 'line samples of the same run (default: the .samples.jsonl `hotspy profile` wrote beside FILE)')
    .option('--no-samples', 'ignore line samples beside FILE')
    .action((file: string, options: ReportCommandOptions) => {
      process.exitCode = runReport(file, options);
    });
}

/** The command's work; returns the exit code. */
export function runReport(file: string, options: ReportCommandOptions): number {
  try {
    const run = loadRun(file, {
      ...(options.inputFormat ? { format: options.inputFormat } : {}),
      ...(options.samples !== undefined ? { samples: options.samples } : {}),
    });
    const report = computeReport(run.profile, { top: options.top, ...(run.lineSamples ? { lineSamples: run.lineSamples } : {}) });
    printReport(report, options.format, { profile: file, ...(run.samplesPath ? { lineSamples: run.samplesPath } : {}) });
    return 0;
  } catch (err) {
    if (err instanceof ProfileFormatError) {
      process.stderr.write(`hotspy: ${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
}
