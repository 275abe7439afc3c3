// `hotspy explain CODE`: prints one rule's documentation (what, why slow, example, use instead…).
import type { Command } from 'commander';
import { ruleByCode } from '../../rules/registry.js';
import { ruleTerminalText } from '../../render/rule-doc.js';
import { wantsColor } from '../../render/style.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<code>', 'a rule code, e.g. HS101')
    .action((code: string, _flags: unknown, command: Command) => {
      const rule = ruleByCode(code);
      if (!rule) command.error(`error: unknown rule "${code}" (see \`hotspy rules\`)`, { exitCode: 2 });
      else process.stdout.write(ruleTerminalText(rule, wantsColor(process.stdout)));
    });
}
