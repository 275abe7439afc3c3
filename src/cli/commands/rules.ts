// `hotspy rules`: lists every rule (code, name, family, severity, fix) as a table or JSON.
import { Option, type Command } from 'commander';
import { ALL_RULES } from '../../rules/registry.js';
import { rulesJson, rulesTable } from '../../render/rules-list.js';
import { wantsColor } from '../../render/style.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules hotspy checks')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      process.stdout.write(flags.format === 'json' ? rulesJson(ALL_RULES) : rulesTable(ALL_RULES, wantsColor(process.stdout)));
    });
}
