/** A usage error: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

export type OutputFormat = 'stylish' | 'json' | 'sarif';

export interface CheckArguments {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  maxWarnings: number;
  color: boolean;
  /** Fetch remote `$ref`s (http/https); off unless asked. */
  allowRemote: boolean;
}

export type CliArguments = CheckArguments | { command: 'help'; topic?: string } | { command: 'version' };

const FORMATS: OutputFormat[] = ['stylish', 'json', 'sarif'];

/** Parses `event-design <command> [options] [paths…]`. */
export function parseArguments(argv: string[], isTty: boolean): CliArguments {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help', topic: rest[0] };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  if (command !== 'check') throw new UsageError(`Unknown command "${command}". Commands: check.`);
  const result: CheckArguments = { command: 'check', paths: [], format: 'stylish', maxWarnings: -1, color: isTty && !process.env.NO_COLOR, allowRemote: false };
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index]!;
    const [flag, inlineValue] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const value = () => {
      const next = inlineValue ?? rest[++index];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { command: 'help', topic: 'check' };
      case '--format':
      case '-f': {
        const format = value();
        if (!FORMATS.includes(format as OutputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
        result.format = format as OutputFormat;
        break;
      }
      case '--max-warnings': {
        const text = value();
        const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
        if (!Number.isInteger(number) || number < -1) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), not "${text}"`);
        result.maxWarnings = number;
        break;
      }
      case '--color':
        result.color = true;
        break;
      case '--no-color':
        result.color = false;
        break;
      case '--allow-remote':
        result.allowRemote = true;
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`Unknown option "${flag}"`);
        result.paths.push(argument);
    }
  }
  return result;
}

export const HELP = `event-design: checks AsyncAPI documents and message schemas for event-driven design.

Usage:
  event-design check [paths...] [options]

  Checks every AsyncAPI document, JSON Schema, Avro schema and .event-design.yaml under the
  given files or folders (default: the current folder), recursively, honouring .gitignore and
  skipping node_modules. The nearest .event-design.yaml governs each file, as in the editor.

Options:
  -f, --format <stylish|json|sarif>  Output format (default: stylish). JSON is documented in docs/cli.md.
  --max-warnings <n>                 Exit 1 when there are more than n warnings (default: -1, no limit).
  --color / --no-color               Force or disable colours (default: on for terminals, off with NO_COLOR).
  --allow-remote                     Fetch remote (http/https) $refs to check what they point at (default: never).
  -h, --help                         Show this help.
  -v, --version                      Show the version.

Exit codes:
  0  no error-level finding, and warnings within --max-warnings
  1  an error-level finding, or more warnings than --max-warnings
  2  a usage error, a path that does not exist or matches nothing, or an internal error
`;
