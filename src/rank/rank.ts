// Profile-guided ranking: gives each finding the measured cost of the code it sits in, orders
// findings by that cost, hides interpreter-overhead advice in cold code (counted, never silently),
// and says how much of the run the flagged code accounts for.
import type { Finding, FindingCost } from '../diagnostics/finding.js';
import type { Profile } from '../profile/model.js';
import type { AnyRule } from '../rules/types.js';
import { innermostUnitAt, type CodeUnit } from './code-units.js';
import { CostModel, type MeasuredCost } from './cost.js';
import { matchFrames, type IndexedFile, type MatchStats } from './match.js';

export interface RankOptions {
  /** Micro findings whose code spends less than this share (0..1) of the run in itself are hidden. Default 0.01. */
  minCost?: number;
  /** Drop findings in code the profile never reached. */
  hotOnly?: boolean;
  /** Show cold micro findings too. */
  all?: boolean;
}

/** What one profiled run offers: the profile and, from `hotspy profile`, its line samples. */
export interface MeasuredRun {
  profile: Profile;
  lineSamples?: Profile;
}

export interface RankedFindings {
  /** Findings to show, hottest first; not-executed ones last. Each has `cost` set. */
  findings: Finding[];
  /** Micro findings hidden because their code is cold (shown with `all`). */
  hiddenCold: number;
  /** Findings in code the profile never reached (hidden with `hotOnly`, else listed last). */
  notExecuted: number;
  /** The profile whose numbers the costs are in. */
  costProfile: { format: string; unit: string; total: number };
  /** Share (0..1) of the run spent in the code units holding the shown, executed findings (self cost, no double counting). */
  flaggedShare: number;
  matching: MatchStats;
  minCost: number;
}

export const DEFAULT_MIN_COST = 0.01;

export function rankFindings(findings: readonly Finding[], files: readonly IndexedFile[], run: MeasuredRun, rules: readonly AnyRule[], options: RankOptions = {}): RankedFindings {
  const minCost = options.minCost ?? DEFAULT_MIN_COST;
  // Line samples see every thread and know lines; a deterministic profile of the same run still
  // lends its call counts.
  const costProfile = run.lineSamples ?? run.profile;
  const matching = matchFrames(costProfile, files);
  const callMatching = run.lineSamples ? { profile: run.profile, matching: matchFrames(run.profile, files) } : undefined;
  const model = new CostModel(costProfile, matching, callMatching);
  const fileByPath = new Map(files.map((f) => [f.path, f]));
  const ruleByCode = new Map(rules.map((r) => [r.code, r]));

  const costed: Array<{ finding: Finding; cost: MeasuredCost; unit: CodeUnit | undefined }> = [];
  for (const finding of findings) {
    const file = fileByPath.get(finding.file);
    const cost: MeasuredCost = file
      ? model.costOf(finding, file, { micro: ruleByCode.get(finding.code)?.micro ?? false })
      : { executed: false, unit: costProfile.unit, scope: 'function', heat: 0, fractionOfRun: 0 };
    costed.push({ finding, cost, unit: file ? innermostUnitAt(file.units, finding.range.start.line, finding.range.start.byteColumn) : undefined });
  }

  let hiddenCold = 0;
  let notExecuted = 0;
  const shown = costed.filter(({ finding, cost }) => {
    if (!cost.executed) {
      notExecuted++;
      if (options.hotOnly) return false;
      // Cold micro advice is noise whether or not the code ran.
      if (ruleByCode.get(finding.code)?.micro && !options.all) {
        hiddenCold++;
        notExecuted--;
        return false;
      }
      return true;
    }
    if (ruleByCode.get(finding.code)?.micro && !options.all && cost.heat < minCost) {
      hiddenCold++;
      return false;
    }
    return true;
  });

  const isMicro = (f: Finding) => (ruleByCode.get(f.code)?.micro ? 1 : 0);
  shown.sort((a, b) => {
    if (a.cost.executed !== b.cost.executed) return a.cost.executed ? -1 : 1;
    // Findings measuring the same code tie on heat: there, micro advice (which saves a fraction of
    // that code's own interpretation) goes after the algorithmic or native finding.
    return b.cost.heat - a.cost.heat || isMicro(a.finding) - isMicro(b.finding) || (b.cost.fractionOfRun ?? 0) - (a.cost.fractionOfRun ?? 0) || compareByPosition(a.finding, b.finding);
  });

  // Each part of the run counted once, however many shown findings share it (a loop and a line
  // inside it, or a loop and the flagged function it calls).
  const flagged = model.unionCost(shown.flatMap(({ cost }) => (cost.executed && cost.measured ? [cost.measured] : [])));
  const interval = costProfile.unit === 'samples' ? costProfile.sampleInterval : undefined;

  return {
    findings: shown.map(({ finding, cost }) => ({ ...finding, cost: publicCost(cost, ruleByCode.get(finding.code), interval) })),
    hiddenCold,
    notExecuted: options.hotOnly ? 0 : notExecuted,
    costProfile: { format: costProfile.format, unit: costProfile.unit, total: costProfile.total },
    flaggedShare: costProfile.total > 0 ? Math.min(1, flagged / costProfile.total) : 0,
    matching: matching.stats,
    minCost,
  };
}

/** The public cost plus, for algorithmic rules, what the measurement says about the possible gain. */
function publicCost(cost: MeasuredCost, rule: AnyRule | undefined, sampleInterval: number | undefined): FindingCost {
  const { heat, calls, measured: _measured, ...rest } = cost;
  const out: FindingCost = { ...rest, heat };
  if (calls !== undefined) out.calls = calls;
  if (cost.executed && sampleInterval) out.approxSeconds = heatAmount(cost) * sampleInterval;
  if (rule?.family === 'complexity') out.gain = gainEstimate(cost, rule, out.approxSeconds);
  return out;
}

/** What the heat measures: the loop's or line's total, or the function's self cost. */
export function heatAmount(cost: FindingCost): number {
  return (cost.scope === 'function' ? cost.self : cost.total) ?? 0;
}

/** Never a number the profile did not measure: the scope's own time is the most a fix there can save. */
function gainEstimate(cost: MeasuredCost, rule: AnyRule, approxSeconds: number | undefined): string {
  const complexity = rule.complexity ? `${rule.complexity.before} → ${rule.complexity.after}` : undefined;
  const prefix = complexity ? `${complexity}; ` : '';
  if (!cost.executed) return `${prefix}not executed in this profile: no evidence of a gain`;
  const where = cost.scope === 'function' ? 'the enclosing function itself' : cost.scope === 'loop' ? 'this loop' : 'this line';
  if (cost.unit === 'samples' && heatAmount(cost) === 0) {
    const ran = cost.calls !== undefined ? `ran (${cost.calls.toLocaleString('en-US')} call${cost.calls === 1 ? '' : 's'}) but ` : '';
    return `${prefix}${where} ${ran}took no sample: too brief to measure, so a fix here saves at most a sliver of this run`;
  }
  const amount = formatAmount(heatAmount(cost), cost.unit) + (approxSeconds !== undefined ? ` (~${formatAmount(approxSeconds, 'seconds')})` : '');
  const share = `${(cost.heat * 100).toFixed(1)}% of the run`;
  const callsNote = cost.calls !== undefined ? `, over ${cost.calls.toLocaleString('en-US')} call${cost.calls === 1 ? '' : 's'}` : '';
  return `${prefix}${where} took ${amount} (${share}${callsNote}): the most a fix here can save`;
}

export function formatAmount(value: number, unit: string): string {
  if (unit === 'bytes') return value >= 1024 * 1024 ? `${(value / (1024 * 1024)).toFixed(1)} MiB` : value >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
  if (unit === 'seconds') return value >= 1 ? `${value.toFixed(2)} s` : value >= 0.001 ? `${(value * 1000).toFixed(1)} ms` : `${(value * 1e6).toFixed(0)} µs`;
  return `${Math.round(value).toLocaleString('en-US')} samples`;
}

function compareByPosition(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}
