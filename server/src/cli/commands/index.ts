import type { CliCommand } from '../argumentReader';
import { checkCommand } from './check';

/** Every CLI command, listed explicitly. */
export const COMMANDS: readonly CliCommand[] = [checkCommand];
