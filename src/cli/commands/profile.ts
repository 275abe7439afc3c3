// `hotspy profile [options] -- python script.py args…`: runs the program under cProfile and
// hotspy's line sampler (or Austin / py-spy), passes its exit code through, saves the profile
// and prints the report. The program's own stdout/stderr are untouched; hotspy's messages go to
// stderr prefixed `hotspy:`.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ProfileFormatError } from '../../profile/errors.js';
import { computeReport } from '../../profile/analysis/index.js';
import {
  loadRun,
  parseTarget,
  readSamplerFacts,
  runExternalSampler,
  runProfiled,
  RunError,
  TargetError,
  type ExternalSampler,
} from '../../profile/run/index.js';
import { printReport, type ReportFormat } from '../profile-output.js';
import { parseReportFormat, parseTop } from './report.js';

const EXIT_USAGE = 2;

interface ProfileCommandOptions {
  output?: string;
  python?: string;
  lines: boolean;
  interval: number;
  sampler?: ExternalSampler;
  format: ReportFormat;
  top: number;
  report: boolean;
}

function parseSampler(text: string): ExternalSampler {
  if (text !== 'austin' && text !== 'py-spy') throw new InvalidArgumentError('expected austin or py-spy');
  return text;
}

function parseIntervalMs(text: string): number {
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0.1 || ms > 1000) throw new InvalidArgumentError('expected milliseconds between 0.1 and 1000');
  return ms;
}

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description('run a Python program under a profiler, save the profile and print the report')
    .usage('[options] -- [python] script.py|-m module [args...]')
    .argument('<command...>', 'the program to run, after `--`: `python3 app.py args`, `-m pkg.mod args` or `app.py args`')
    .option('-o, --output <file>', 'where to save the profile (default: hotspy-<script>.prof in the current directory)')
    .option('--python <interpreter>', 'the Python to run the program with (default: the one named after --, else python3)')
    .option('--no-lines', "don't record line-level samples beside the cProfile data")
    .option('--interval <ms>', 'line sampling interval in milliseconds', parseIntervalMs, 5)
    .option('--sampler <name>', 'profile with an installed external sampler instead: austin or py-spy', parseSampler)
    .option('--format <format>', 'report as text or json', parseReportFormat, 'text' as ReportFormat)
    .option('--top <n>', 'functions and lines per list in the report (0 for all)', parseTop, 20)
    .option('--no-report', "save the profile but don't print the report")
    .action(async (words: string[], options: ProfileCommandOptions) => {
      process.exitCode = await runProfileCommand(words, options);
    });
}

/** The command's work; returns the exit code (the program's own, when it ran). */
export async function runProfileCommand(words: string[], options: ProfileCommandOptions): Promise<number> {
  let target;
  try {
    target = parseTarget(words, options.python ?? 'python3');
  } catch (err) {
    if (err instanceof TargetError) {
      process.stderr.write(`hotspy: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  const progress = elapsedDisplay();
  let exitCode: number;
  let profileFile: string | undefined;
  let requested: string;
  let samplesFile: string | undefined;
  try {
    if (options.sampler) {
      const run = await runExternalSampler({
        sampler: options.sampler,
        target,
        interval: options.interval / 1000,
        ...(options.output ? { output: options.output } : {}),
        ...(progress ? { onTick: progress.tick } : {}),
      });
      exitCode = run.exitCode;
      profileFile = run.profile;
      requested = run.requested.profile;
    } else {
      const run = await runProfiled({
        target,
        lines: options.lines,
        interval: options.interval / 1000,
        ...(options.output ? { output: options.output } : {}),
        ...(progress ? { onTick: progress.tick } : {}),
      });
      exitCode = run.exitCode;
      profileFile = run.profile;
      samplesFile = run.samples;
      requested = run.requested.profile;
    }
  } catch (err) {
    if (err instanceof RunError) {
      process.stderr.write(`hotspy: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  } finally {
    progress?.clear();
  }

  if (!profileFile) {
    process.stderr.write(
      `hotspy: no profile was written to ${display(requested)}: the program did not start, was killed, or left through os._exit()\n`,
    );
    return exitCode !== 0 ? exitCode : EXIT_USAGE;
  }
  const samplerError = samplesFile ? readSamplerFacts(samplesFile).error : undefined;
  if (samplerError) process.stderr.write(`hotspy: warning: the line sampler stopped early (${samplerError.replace(/[\u0000-\u001f]/g, " ").slice(0, 200)})\n`);
  const saved = samplesFile ? `${display(profileFile)} (+ line samples ${display(samplesFile)})` : display(profileFile);
  process.stderr.write(`hotspy: profile saved to ${saved}${exitCode !== 0 ? `; the program exited with ${exitCode}` : ''}\n`);
  if (!options.report) return exitCode;
  try {
    const run = loadRun(profileFile, { samples: samplesFile ?? false });
    const report = computeReport(run.profile, { top: options.top, ...(run.lineSamples ? { lineSamples: run.lineSamples } : {}) });
    printReport(report, options.format, { profile: display(profileFile), ...(samplesFile ? { lineSamples: display(samplesFile) } : {}) });
  } catch (err) {
    if (!(err instanceof ProfileFormatError)) throw err;
    process.stderr.write(`hotspy: ${err.message}\n`);
    return exitCode !== 0 ? exitCode : EXIT_USAGE;
  }
  return exitCode;
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Elapsed time on stderr while the program runs, only when stderr is a terminal. */
function elapsedDisplay(): { tick: (ms: number) => void; clear: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shown = false;
  return {
    tick(ms: number) {
      shown = true;
      process.stderr.write(`\r\u001b[2Khotspy: profiling… ${Math.round(ms / 1000)}s`);
    },
    clear() {
      if (shown) process.stderr.write('\r\u001b[2K');
    },
  };
}
