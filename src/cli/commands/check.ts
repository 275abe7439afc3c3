// `hotspy check PATH…`: runs the rules over files and folders and prints the findings (text or
// JSON). Exit 0 when clean, 1 with findings/syntax errors/skipped files, 2 on usage or internal errors.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { checkPaths, type CheckPathsResult } from '../../analyze/check-paths.js';
import type { Finding } from '../../diagnostics/finding.js';
import { loadRun, type LoadedRun } from '../../profile/run/index.js';
import { rankCheck, type RankedFindings } from '../../rank/index.js';
import { SelectionError } from '../../analyze/select.js';
import { decodePythonSource } from '../../source/decode.js';
import { ALL_RULES } from '../../rules/registry.js';
import type { PythonVersion } from '../../rules/types.js';
import { renderJson } from '../../render/json.js';
import { renderProblems, renderText } from '../../render/text.js';
import { wantsColor } from '../../render/style.js';
import { measuredFactsFor } from '../../measure/index.js';
import { selectRules } from '../../analyze/select.js';

interface CheckFlags {
  format: 'text' | 'json';
  select?: string[];
  ignore?: string[];
  targetVersion?: string;
  jobs?: string;
  exitZero?: boolean;
  quiet?: boolean;
  statistics?: boolean;
  python: string;
  measure: boolean;
  profile?: string;
  inputFormat?: string;
  samples?: string | false;
  hotOnly?: boolean;
  minCost?: string;
  all?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter((s) => s.trim() !== '')];

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('find performance problems in Python files and folders')
    .argument('<paths...>', 'files or folders to check (folders are walked; .gitignore is honoured)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--select <codes>', 'rules to enable: codes or prefixes, comma-separated (e.g. HS1,HS401)', collect)
    .option('--ignore <codes>', 'rules to disable: codes or prefixes, comma-separated', collect)
    .option('--target-version <version>', 'oldest Python the code must support, e.g. 3.11 (default 3.13)')
    .option('--jobs <n>', 'threads to check on (default: 1 below 8,000 files, else the available cores)')
    .option('--exit-zero', 'exit 0 even when there are findings')
    .option('-q, --quiet', 'one line per finding, no excerpts or summary')
    .option('--statistics', 'print only the counts per rule and the total')
    .option('--python <exe>', 'the Python whose measured numbers messages quote (e.g. the __slots__ saving)', 'python3')
    .option('--no-measure', 'never run Python to measure numbers for messages')
    .option('--profile <file>', 'rank findings by the cost a profile measured (cProfile, py-spy, Austin, Scalene, pyinstrument, speedscope, hotspy samples)')
    .option('--input-format <id>', 'the profile format, instead of detecting it')
    .option('--samples <file>', 'line samples of the same run (default: the one `hotspy profile` wrote beside the profile)')
    .option('--no-samples', 'ignore line samples beside the profile')
    .option('--hot-only', 'with --profile: drop findings in code the profile never ran')
    .option('--min-cost <share>', 'with --profile: hide interpreter-overhead findings in code below this share of the run (0.01 or 1%)')
    .option('--all', 'with --profile: show every finding, cold ones included')
    .action(async (paths: string[], flags: CheckFlags, command: Command) => {
      const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2 });
      const targetVersion = flags.targetVersion === undefined ? undefined : parseTargetVersion(flags.targetVersion) ?? usage(`invalid --target-version "${flags.targetVersion}": expected 3.N (3.8 to 3.13)`);
      const jobs = flags.jobs === undefined ? undefined : /^[1-9]\d*$/.test(flags.jobs) ? Number(flags.jobs) : usage(`invalid --jobs "${flags.jobs}": expected a positive integer`);
      for (const p of paths) if (!fs.existsSync(p)) usage(`${p}: no such file or directory`);
      const minCost = flags.minCost === undefined ? undefined : parseShare(flags.minCost) ?? usage(`invalid --min-cost "${flags.minCost}": expected a share such as 0.01 or 1%`);
      // The profile is read before the check, so a bad one fails fast however large the tree.
      let run: LoadedRun | undefined;
      if (flags.profile !== undefined) {
        try {
          run = loadRun(flags.profile, { ...(flags.inputFormat ? { format: flags.inputFormat } : {}), ...(flags.samples !== undefined ? { samples: flags.samples } : {}) });
        } catch (err) {
          process.stderr.write(`hotspy: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exitCode = 2;
          return;
        }
      }

      let report;
      try {
        const facts = flags.measure ? factsForRules(flags) : undefined;
        report = await checkPaths(paths, { select: flags.select, ignore: flags.ignore, ...(targetVersion ? { targetVersion } : {}), ...(jobs ? { jobs } : {}), ...(facts ? { facts } : {}) });
      } catch (err) {
        if (err instanceof SelectionError) return usage(err.message);
        throw err;
      }

      let ranked: RankedFindings | undefined;
      if (run) {
        ranked = rankCheck(paths, report.findings, run, ALL_RULES, { ...(minCost !== undefined ? { minCost } : {}), ...(flags.hotOnly ? { hotOnly: true } : {}), ...(flags.all ? { all: true } : {}) });
        report = withFindings(report, ranked.findings);
      }

      if (flags.format === 'json') {
        process.stdout.write(renderJson(report, { keepOrder: ranked !== undefined }));
      } else {
        const ruleNames = Object.fromEntries(ALL_RULES.map((r) => [r.code, r.name]));
        const textOptions = { color: wantsColor(process.stdout), sourceLine: sourceLineReader(), ruleNames, ...(flags.quiet ? { quiet: true } : {}), ...(flags.statistics ? { statistics: true } : {}), ...(ranked ? { ranked } : {}) };
        process.stdout.write(renderText(report, textOptions));
      }
      process.stderr.write(renderProblems(report));

      if (report.internalErrors.length > 0 || report.missing.length > 0) process.exitCode = 2;
      else if (flags.exitZero) process.exitCode = 0;
      else process.exitCode = report.findings.length + report.syntaxErrors.length + report.skipped.length > 0 ? 1 : 0;
    });
}

/** Measured numbers for the messages of the selected rules that quote any (cached per interpreter). */
function factsForRules(flags: CheckFlags) {
  const rules = selectRules(ALL_RULES, flags.select, flags.ignore);
  return rules.some((r) => r.code === 'HS201' || r.code === 'HS202') ? measuredFactsFor(flags.python) : undefined;
}

/** The report with only the shown findings (ranked order kept), counts recomputed. */
function withFindings(report: CheckPathsResult, findings: Finding[]): CheckPathsResult {
  const countsByRule = Object.fromEntries(report.ruleCodes.map((c) => [c, 0]));
  for (const f of findings) countsByRule[f.code] = (countsByRule[f.code] ?? 0) + 1;
  return { ...report, findings, countsByRule };
}

/** `0.01`, `1%` → 0.01; undefined unless a share in [0, 1]. */
export function parseShare(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]) / (m[2] ? 100 : 1);
  return value >= 0 && value <= 1 ? value : undefined;
}

/** `3.11` or `py311` → {3, 11}; undefined if not a supported Python 3 version. */
export function parseTargetVersion(text: string): PythonVersion | undefined {
  const m = /^(?:3\.(\d+)|py3(\d+))$/.exec(text.trim());
  if (!m) return undefined;
  const minor = Number(m[1] ?? m[2]);
  return minor >= 8 && minor <= 13 ? { major: 3, minor } : undefined;
}

/** Reads source lines for excerpts, decoding each file once (only files with findings are read). */
function sourceLineReader(): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!cache.has(file)) {
      let lines: string[] | undefined;
      try {
        const decoded = decodePythonSource(fs.readFileSync(file));
        lines = decoded.ok ? decoded.text.split(/\r\n|\r|\n/) : undefined;
      } catch {
        lines = undefined;
      }
      cache.set(file, lines);
    }
    return cache.get(file)?.[line - 1];
  };
}
