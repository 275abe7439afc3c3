// The list of CLI commands. Each command lives in its own file and registers itself on the
// program; adding a command is one file plus one line here.
import type { Command } from 'commander';

/** A CLI command: adds itself (options, action) to the root program. */
export type CommandRegistration = (program: Command) => void;

export const commands: CommandRegistration[] = [];
