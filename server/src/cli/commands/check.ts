import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { runCheck, type CheckArguments } from '../checkCommand';
import { formatReport, OUTPUT_FORMATS, type ReportHeading } from '../formatters/formatReport';
import { countBySeverity, writeInternalErrors, type CheckReport } from '../report';


/** Per file: far above what any real document needs (seconds), and CI still ends. */
const DEFAULT_TIMEOUT_SECONDS = 120;

export function parseCheckArguments(args: readonly string[], isTty: boolean): CheckArguments | 'help' {
  const result: CheckArguments = { paths: [], format: 'stylish', maxWarnings: -1, color: isTty && !process.env.NO_COLOR, allowRemote: false, fix: false, timeout: DEFAULT_TIMEOUT_SECONDS, verbose: false };
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--format':
      case '-f':
        result.format = reader.choice(OUTPUT_FORMATS);
        break;
      case '--max-warnings': {
        const text = reader.value();
        const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
        if (!Number.isInteger(number) || number < -1) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), not "${text}"`);
        result.maxWarnings = number;
        break;
      }
      case '--allow-remote':
        result.allowRemote = true;
        break;
      case '--fix':
        result.fix = true;
        break;
      case '--verbose':
        result.verbose = true;
        break;
      case '--timeout': {
        const text = reader.value();
        const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
        if (!(seconds > 0)) throw new UsageError(`--timeout takes a number of seconds above 0, not "${text}"`);
        result.timeout = seconds;
        break;
      }
      default:
        if (reader.shared(flag, result) === 'help') return 'help';
    }
  }
  return result;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check AsyncAPI documents, schemas and .event-design.yaml files',
  help: `Usage:
  event-design check [paths...] [options]

  Checks every AsyncAPI document, JSON Schema, Avro schema and .event-design.yaml under the
  given files or folders (default: the current folder), recursively, honouring .gitignore and
  skipping node_modules. The nearest .event-design.yaml governs each file, as in the editor.
  What depends on usage is known whatever the paths: the whole project around them is analysed
  (the nearest folder up with a .event-design.yaml, else the git repository, else the folder
  given), and the findings in the files under the given paths are reported.

Options:
  -f, --format <format>              Output format (default: stylish): stylish, json, sarif, markdown, junit,
                                     github (workflow annotations) or gitlab (Code Quality); see docs/cli.md.
  --max-warnings <n>                 Exit 1 when there are more than n warnings (default: -1, no limit).
  --color / --no-color               Force or disable colours (default: on for terminals, off with NO_COLOR).
  --allow-remote                     Fetch remote (http/https) $refs to check what they point at (default: never).
  --fix                              Apply every quick fix that breaks no consumer or producer, write the files,
                                     then report what is left. Breaking fixes are never applied.
  --timeout <seconds>                The time each file's checks may take (default: 120); a file that takes
                                     longer gets a check-timeout error and the other files are still checked.
  --verbose                          Say on standard error which project was analysed around the paths.
  -h, --help                         Show this help.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseCheckArguments(args, io.isTty);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    const log = options.verbose ? (line: string) => io.writeError(`event-design: ${line}\n`) : undefined;
    return writeReport(await runCheck(options, io.cwd, io.version, log), options, { title: 'event-design: check', errorNoun: 'error' }, io);
  },
};

/**
 * Prints a report in the chosen format and says how the run ends: 2 on an internal error, 1 on
 * an error finding or more warnings than --max-warnings, else 0 (the exit codes of docs/cli.md).
 */
export function writeReport(report: CheckReport, options: Pick<CheckArguments, 'format' | 'color' | 'maxWarnings'>, heading: ReportHeading, io: CommandIo): number {
  io.write(formatReport(report, options.format, { color: options.color, heading }));
  const counts = countBySeverity(report.findings);
  if (writeInternalErrors(report, io.writeError)) return 2;
  if (counts.error > 0) return 1;
  if (options.maxWarnings >= 0 && counts.warning > options.maxWarnings) {
    io.writeError(`event-design: ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
