// `hotspy explain CODE`: prints one rule's documentation (what, why slow, example, use instead…);
// with `--measure`, runs the rule's experiment on the user's Python and prints the numbers.
import type { Command } from 'commander';
import { ruleByCode } from '../../rules/registry.js';
import { ruleTerminalText } from '../../render/rule-doc.js';
import { wantsColor } from '../../render/style.js';
import { MeasureError, measurableCodes, measurementFor } from '../../measure/index.js';

interface ExplainFlags {
  measure?: boolean;
  python: string;
  attributes?: string;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<code>', 'a rule code, e.g. HS101')
    .option('--measure', `run the rule's measurement on your Python (rules: ${measurableCodes().join(', ')})`)
    .option('--python <exe>', 'the Python interpreter to measure with', 'python3')
    .option('--attributes <n>', 'HS201/HS202: also measure a class with this many attributes')
    .action((code: string, flags: ExplainFlags, command: Command) => {
      const rule = ruleByCode(code);
      if (!rule) return command.error(`error: unknown rule "${code}" (see \`hotspy rules\`)`, { exitCode: 2 });
      if (!flags.measure) {
        process.stdout.write(ruleTerminalText(rule, wantsColor(process.stdout)));
        return;
      }
      const experiment = measurementFor(rule.code);
      if (!experiment) return command.error(`error: ${rule.code} has no measurement (rules with one: ${measurableCodes().join(', ')})`, { exitCode: 2 });
      let attributes: number | undefined;
      if (flags.attributes !== undefined) {
        if (!/^\d+$/.test(flags.attributes) || Number(flags.attributes) > 64) return command.error(`error: invalid --attributes "${flags.attributes}": expected 0 to 64`, { exitCode: 2 });
        attributes = Number(flags.attributes);
      }
      try {
        process.stdout.write(`${rule.code} ${rule.name}\n` + experiment({ python: flags.python, ...(attributes !== undefined ? { attributes } : {}) }));
      } catch (err) {
        if (!(err instanceof MeasureError)) throw err;
        process.stderr.write(`hotspy: ${err.message}\n`);
        process.exitCode = 1;
      }
    });
}
