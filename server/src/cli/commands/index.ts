import type { CliCommand } from '../argumentReader';
import { checkCommand } from './check';
import { compatCommand } from './compat';
import { contractsCommand } from './contracts';
import { convertCommand } from './convert';
import { diffCommand } from './diff';
import { graphCommand } from './graph';

/** Every CLI command, listed explicitly. */
export const COMMANDS: readonly CliCommand[] = [checkCommand, compatCommand, contractsCommand, convertCommand, diffCommand, graphCommand];
