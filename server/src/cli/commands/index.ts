import type { CliCommand } from '../argumentReader';
import { checkCommand } from './check';
import { compatCommand } from './compat';

/** Every CLI command, listed explicitly. */
export const COMMANDS: readonly CliCommand[] = [checkCommand, compatCommand];
