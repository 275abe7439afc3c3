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
  runExternalSampler,
  runProfiled,
  RunError,
  TargetError,
  type ExternalSampler,
} from '../../profile/run/index.js';
import { printReport, type ReportFormat } from '../profile-output.js';
import fs from 'node:fs';
import { checkPaths, type CheckPathsResult } from '../../analyze/check-paths.js';
import { ALL_RULES } from '../../rules/registry.js';
import { programFiles, rankCheck, saveFindings, type RankedFindings } from '../../rank/index.js';
import { renderText } from '../../render/text.js';
import { toJsonEntries } from '../../render/json.js';
import { wantsColor } from '../../render/style.js';
import { reportToJson } from '../../render/profile-report/index.js';
import type { LoadedRun, ProfileTarget } from '../../profile/run/index.js';
import { parseShare } from './check.js';
import { measuredFactsFor } from '../../measure/index.js';
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
  check: boolean;
  hotOnly?: boolean;
  all?: boolean;
  minCost?: number;
}

function parseSampler(text: string): ExternalSampler {
  if (text !== 'austin' && text !== 'py-spy') throw new InvalidArgumentError('expected austin or py-spy');
  return text;
}

function parseMinCost(text: string): number {
  const share = parseShare(text);
  if (share === undefined) throw new InvalidArgumentError('expected a share such as 0.01 or 1%');
  return share;
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
    .option('--no-check', "don't check the program's own files and rank the findings by the measured cost")
    .option('--hot-only', 'drop findings in code the run never reached')
    .option('--min-cost <share>', 'hide interpreter-overhead findings in code below this share of the run (0.01 or 1%)', parseMinCost)
    .option('--all', 'show every finding, cold ones included')
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
  let run: LoadedRun | undefined;
  let loadError: ProfileFormatError | undefined;
  try {
    run = loadRun(profileFile, { samples: samplesFile ?? false });
  } catch (err) {
    if (!(err instanceof ProfileFormatError)) throw err;
    loadError = err;
  }
  // The samples reader puts the footer's `error` (why sampling stopped early) in the metadata.
  const samplerError = run?.lineSamples?.metadata.sampler_error;
  if (typeof samplerError === 'string' && samplerError !== '') process.stderr.write(`hotspy: warning: the line sampler stopped early (${samplerError.replace(/[\u0000-\u001f]/g, " ").slice(0, 200)})\n`);
  const saved = samplesFile ? `${display(profileFile)} (+ line samples ${display(samplesFile)})` : display(profileFile);
  process.stderr.write(`hotspy: profile saved to ${saved}${exitCode !== 0 ? `; the program exited with ${exitCode}` : ''}\n`);
  if (!options.report && !options.check) return exitCode;
  if (!run) {
    process.stderr.write(`hotspy: ${loadError?.message ?? `${profileFile}: cannot read the profile`}\n`);
    return exitCode !== 0 ? exitCode : EXIT_USAGE;
  }
  try {
    const report = computeReport(run.profile, { top: options.top, ...(run.lineSamples ? { lineSamples: run.lineSamples } : {}) });
    const files = { profile: display(profileFile), ...(samplesFile ? { lineSamples: display(samplesFile) } : {}) };
    const ranked = options.check ? await checkProgram(target, run, options) : undefined;
    if (ranked) saveFindings(profileFile, ranked.report.findings);
    if (!options.report) return exitCode;
    if (options.format === 'json' && ranked) {
      process.stdout.write(JSON.stringify({ ...(reportToJson(report, files) as Record<string, unknown>), ...rankedJson(ranked) }, null, 2) + '\n');
    } else {
      printReport(report, options.format, files);
      if (ranked) process.stdout.write(renderRankedText(ranked));
    }
  } catch (err) {
    if (!(err instanceof ProfileFormatError)) throw err;
    process.stderr.write(`hotspy: ${err.message}\n`);
    return exitCode !== 0 ? exitCode : EXIT_USAGE;
  }
  return exitCode;
}

/** Checks the program's own files that the run executed and ranks the findings by the measured cost. */
async function checkProgram(target: ProfileTarget, run: LoadedRun, options: ProfileCommandOptions): Promise<RankedCheck | undefined> {
  const root = target.script ? path.dirname(path.resolve(target.script)) : process.cwd();
  const profiles = run.lineSamples ? [run.profile, run.lineSamples] : [run.profile];
  // Shown as typed relative to the working directory when they lie under it, like `hotspy check`.
  const files = programFiles(profiles, root).map(display);
  if (files.length === 0) {
    process.stderr.write(`hotspy: no source file of the program under ${display(root)} ran, so there is nothing to check\n`);
    return undefined;
  }
  const facts = measuredFactsFor(target.python);
  const report = await checkPaths(files, { jobs: 1, ...(facts ? { facts } : {}) });
  const ranked = rankCheck(files, report.findings, run, ALL_RULES, {
    ...(options.minCost !== undefined ? { minCost: options.minCost } : {}),
    ...(options.hotOnly ? { hotOnly: true } : {}),
    ...(options.all ? { all: true } : {}),
  });
  const countsByRule = Object.fromEntries(report.ruleCodes.map((c) => [c, 0]));
  for (const f of ranked.findings) countsByRule[f.code] = (countsByRule[f.code] ?? 0) + 1;
  return { report: { ...report, findings: ranked.findings, countsByRule }, ranked };
}

interface RankedCheck {
  report: CheckPathsResult;
  ranked: RankedFindings;
}

function renderRankedText({ report, ranked }: RankedCheck): string {
  const color = wantsColor(process.stdout);
  const ruleNames = Object.fromEntries(ALL_RULES.map((r) => [r.code, r.name]));
  const heading = `\nFindings in the code this run executed, hottest first\n`;
  const readLine = (file: string, line: number): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/)[line - 1];
    } catch {
      return undefined;
    }
  };
  return heading + renderText({ ...report, findings: report.findings.map((f) => ({ ...f, file: display(f.file) })) }, { color, ruleNames, ranked, sourceLine: (file, line) => readLine(path.resolve(file), line) });
}

function rankedJson({ report, ranked }: RankedCheck): Record<string, unknown> {
  return {
    findings: toJsonEntries(report, { keepOrder: true }),
    ranking: {
      cost_profile: ranked.costProfile,
      flagged_share: ranked.flaggedShare,
      hidden_cold: ranked.hiddenCold,
      not_executed: ranked.notExecuted,
      min_cost: ranked.minCost,
      matching: ranked.matching,
    },
  };
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
