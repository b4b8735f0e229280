/** A usage error: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/**
 * Walks a command's arguments: `--flag value`, `--flag=value` and positional arguments, with
 * the errors every command words the same way.
 */
export class ArgumentReader {
  private index = -1;
  private inlineValue: string | undefined;
  private current = '';

  constructor(private readonly args: readonly string[]) {}

  /** The next flag (`--format`, `-f`) or positional argument; undefined at the end. */
  next(): string | undefined {
    this.index++;
    const argument = this.args[this.index];
    if (argument === undefined) return undefined;
    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    this.current = equals > 0 ? argument.slice(0, equals) : argument;
    this.inlineValue = equals > 0 ? argument.slice(equals + 1) : undefined;
    return this.current;
  }

  /** The value of the current flag. */
  value(): string {
    if (this.inlineValue !== undefined) return this.inlineValue;
    const next = this.args[++this.index];
    if (next === undefined) throw new UsageError(`${this.current} needs a value`);
    return next;
  }

  /** The value of the current flag, which must be one of `choices`. */
  choice<T extends string>(choices: readonly T[]): T {
    const value = this.value();
    if (!choices.includes(value as T)) throw new UsageError(`${this.current} must be one of ${choices.join(', ')}, not "${value}"`);
    return value as T;
  }

  /** True for an argument that looks like an option rather than a path. */
  static isOption(argument: string) {
    return argument.startsWith('-') && argument !== '-';
  }

  /**
   * The arguments every command reads alike, for a flag the command's own do not take: `-h` and
   * `--help` (the caller prints its help), `--color` and `--no-color` where the command has
   * colours, a positional argument into `paths`, and any other option as unknown (a usage error).
   */
  shared(flag: string, target: { paths: string[]; color?: boolean }): 'help' | undefined {
    if (flag === '--help' || flag === '-h') return 'help';
    if ((flag === '--color' || flag === '--no-color') && target.color !== undefined) {
      target.color = flag === '--color';
      return undefined;
    }
    if (ArgumentReader.isOption(flag)) this.unknown(flag);
    target.paths.push(flag);
    return undefined;
  }

  unknown(flag: string): never {
    throw new UsageError(`Unknown option "${flag}"`);
  }
}

/** What a command writes to and where. */
export interface CommandIo {
  cwd: string;
  write(text: string): void;
  writeError(text: string): void;
  isTty: boolean;
  version: string;
}

/**
 * One CLI command: it parses its own arguments (throwing UsageError) and returns the exit code:
 * 0 nothing wrong, 1 something wrong was found, 2 usage or internal error (see docs/cli.md).
 */
export interface CliCommand {
  name: string;
  summary: string;
  /** The command's help text, shown by `event-design <name> --help`. */
  help: string;
  run(args: readonly string[], io: CommandIo): Promise<number>;
}
