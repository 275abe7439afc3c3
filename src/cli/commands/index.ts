// The list of CLI commands. Each command lives in its own file and registers itself on the
// program; adding a command is one file plus one line here.
import type { Command } from 'commander';
import { registerAst } from './ast.js';
import { registerCheck } from './check.js';
import { registerRules } from './rules.js';
import { registerExplain } from './explain.js';
import { registerProfile } from './profile.js';
import { registerReport } from './report.js';
import { registerDiff } from './diff.js';

/** A CLI command: adds itself (options, action) to the root program. */
export type CommandRegistration = (program: Command) => void;

export const commands: CommandRegistration[] = [registerAst, registerCheck, registerRules, registerExplain, registerProfile, registerReport, registerDiff];
