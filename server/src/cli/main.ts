import { closestName } from '../engine/text/editDistance';
import { UsageError, type CommandIo } from './argumentReader';
import { COMMANDS } from './commands';
import { describeInternalError } from './report';

declare const EVENT_DESIGN_VERSION: string | undefined;
const VERSION = typeof EVENT_DESIGN_VERSION === 'string' ? EVENT_DESIGN_VERSION : '0.1.0';

function generalHelp() {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `event-design: checks AsyncAPI documents and message schemas for event-driven design.

Usage:
  event-design <command> [options] [paths...]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

  event-design <command> --help shows a command's options.
  -v, --version prints the version.

Exit codes (every command):
  0  nothing wrong was found
  1  something wrong was found (for check: an error-level finding, or more warnings than --max-warnings)
  2  a usage error, a path that does not exist or matches nothing, or an internal error
`;
}

/** Runs the CLI; resolves to the exit code (the contract in docs/cli.md). */
export async function main(argv: string[], cwd: string, write: (text: string) => void, writeError: (text: string) => void, isTty: boolean): Promise<number> {
  const io: CommandIo = { cwd, write, writeError, isTty, version: VERSION };
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = COMMANDS.find((command) => command.name === rest[0]);
      write(topic ? topic.help : generalHelp());
      return 0;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      write(VERSION + '\n');
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      const names = COMMANDS.map((candidate) => candidate.name);
      const suggestion = closestName(name, names);
      throw new UsageError(`Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Commands: ${names.join(', ')}.`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`event-design: ${error.message}\nRun "event-design --help" for usage.\n`);
      return 2;
    }
    writeError(`event-design: internal error: ${describeInternalError(error)}\nThis is a bug in event-design: please report it with the command and the files it read (EVENT_DESIGN_DEBUG=1 prints where it failed).\n`);
    return 2;
  }
}

/** Runs the CLI on this process's arguments and streams: the bundle run directly, or bin/event-design.js. */
export function runCommandLine() {
  main(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text), process.stdout.isTTY === true).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runCommandLine();
